//Numpy array shape [5]
//Min -0.031250000000
//Max 0.031250000000
//Number of zeros 2

#ifndef B11_H_
#define B11_H_

#ifndef __SYNTHESIS__
bias11_t b11[5];
#else
bias11_t b11[5] = {0.00000, 0.00000, -0.03125, 0.03125, 0.03125};

#endif

#endif
