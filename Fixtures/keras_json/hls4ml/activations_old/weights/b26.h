//Numpy array shape [6]
//Min -0.049150370061
//Max -0.005023123231
//Number of zeros 0

#ifndef B26_H_
#define B26_H_

#ifndef __SYNTHESIS__
dense_9_bias_t b26[6];
#else
dense_9_bias_t b26[6] = {-0.0050231232, -0.0306839123, -0.0491503701, -0.0220157634, -0.0280893017, -0.0315720253};

#endif

#endif
