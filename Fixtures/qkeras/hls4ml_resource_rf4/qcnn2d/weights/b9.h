//Numpy array shape [4]
//Min -0.031250000000
//Max 0.085937500000
//Number of zeros 0

#ifndef B9_H_
#define B9_H_

#ifndef __SYNTHESIS__
bias9_t b9[4];
#else
bias9_t b9[4] = {0.0156250, 0.0859375, 0.0546875, -0.0312500};

#endif

#endif
