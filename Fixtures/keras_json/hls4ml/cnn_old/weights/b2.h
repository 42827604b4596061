//Numpy array shape [4]
//Min -0.129780516028
//Max -0.085998781025
//Number of zeros 0

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
conv2d_1_bias_t b2[4];
#else
conv2d_1_bias_t b2[4] = {-0.1297805160, -0.0898925811, -0.0912828073, -0.0859987810};

#endif

#endif
