//Numpy array shape [8]
//Min -0.100406013429
//Max 0.057988531888
//Number of zeros 0

#ifndef B12_H_
#define B12_H_

#ifndef __SYNTHESIS__
fc_softplus_bias_t b12[8];
#else
fc_softplus_bias_t b12[8] = {-0.0671126172, -0.0605054088, -0.0355346352, 0.0323576219, -0.0366089046, -0.1004060134, 0.0375745818, 0.0579885319};

#endif

#endif
