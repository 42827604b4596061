//Numpy array shape [8]
//Min -0.045818787068
//Max 0.040464639664
//Number of zeros 0

#ifndef B8_H_
#define B8_H_

#ifndef __SYNTHESIS__
fc_tanh_bias_t b8[8];
#else
fc_tanh_bias_t b8[8] = {0.0394272581, 0.0170879066, 0.0344145559, -0.0255117230, 0.0011604687, -0.0458187871, -0.0449122675, 0.0404646397};

#endif

#endif
