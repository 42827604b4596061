//Numpy array shape [6]
//Min -0.017194064334
//Max 0.042840745300
//Number of zeros 0

#ifndef B14_H_
#define B14_H_

#ifndef __SYNTHESIS__
dense_5_bias_t b14[6];
#else
dense_5_bias_t b14[6] = {-0.0049435981, 0.0428407453, 0.0319653153, 0.0170085113, 0.0304496214, -0.0171940643};

#endif

#endif
