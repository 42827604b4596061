//Numpy array shape [6]
//Min -0.089843750000
//Max -0.035156250000
//Number of zeros 0

#ifndef B6_H_
#define B6_H_

#ifndef __SYNTHESIS__
bias6_t b6[6];
#else
bias6_t b6[6] = {-0.08984375, -0.03515625, -0.07812500, -0.05468750, -0.08593750, -0.05859375};

#endif

#endif
