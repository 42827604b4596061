//Numpy array shape [8, 4]
//Min 0.000000000000
//Max 1.000000000000
//Number of zeros 15

#ifndef W2_H_
#define W2_H_

#ifndef __SYNTHESIS__
weight2_t w2[32];
#else
weight2_t w2[32] = {1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0};

#endif

#endif
