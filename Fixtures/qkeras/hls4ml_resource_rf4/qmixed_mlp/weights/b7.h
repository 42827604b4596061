//Numpy array shape [12]
//Min 0.000000000000
//Max 0.000000000000
//Number of zeros 12

#ifndef B7_H_
#define B7_H_

#ifndef __SYNTHESIS__
bias7_t b7[12];
#else
bias7_t b7[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

#endif

#endif
