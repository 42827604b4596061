//Numpy array shape [2]
//Min -0.148572266102
//Max -0.074325762689
//Number of zeros 0

#ifndef B7_H_
#define B7_H_

#ifndef __SYNTHESIS__
out_bias_t b7[2];
#else
out_bias_t b7[2] = {-0.0743257627, -0.1485722661};

#endif

#endif
