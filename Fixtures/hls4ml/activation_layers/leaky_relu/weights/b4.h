//Numpy array shape [4]
//Min 0.000000000000
//Max 0.000000000000
//Number of zeros 4

#ifndef B4_H_
#define B4_H_

#ifndef __SYNTHESIS__
fc2_bias_t b4[4];
#else
fc2_bias_t b4[4] = {0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000};

#endif

#endif
