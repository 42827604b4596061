//Numpy array shape [4]
//Min 0.000000000000
//Max 0.000000000000
//Number of zeros 4

#ifndef B5_H_
#define B5_H_

#ifndef __SYNTHESIS__
fc2_bias_t b5[4];
#else
fc2_bias_t b5[4] = {0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000};

#endif

#endif
