//Numpy array shape [8]
//Min 0.000000000000
//Max 0.000000000000
//Number of zeros 8

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
fc1_bias_t b2[8];
#else
fc1_bias_t b2[8] = {0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000};

#endif

#endif
