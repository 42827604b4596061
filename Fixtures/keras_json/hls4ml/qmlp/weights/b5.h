//Numpy array shape [4]
//Min -0.125000000000
//Max 0.125000000000
//Number of zeros 2

#ifndef B5_H_
#define B5_H_

#ifndef __SYNTHESIS__
bias5_t b5[4];
#else
bias5_t b5[4] = {0.000, 0.125, 0.000, -0.125};

#endif

#endif
