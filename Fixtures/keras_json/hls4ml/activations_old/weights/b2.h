//Numpy array shape [6]
//Min -0.043544538319
//Max 0.025173937902
//Number of zeros 0

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
dense_1_bias_t b2[6];
#else
dense_1_bias_t b2[6] = {-0.0431954674, 0.0203273986, 0.0251739379, -0.0435445383, -0.0291128810, 0.0240850151};

#endif

#endif
