//Numpy array shape [6]
//Min -0.012123083696
//Max 0.025860151276
//Number of zeros 0

#ifndef B23_H_
#define B23_H_

#ifndef __SYNTHESIS__
dense_8_bias_t b23[6];
#else
dense_8_bias_t b23[6] = {-0.0010445318, -0.0121230837, 0.0258601513, -0.0078667030, 0.0196031686, -0.0106394589};

#endif

#endif
