//Numpy array shape [4]
//Min -0.137850016356
//Max 0.136338949203
//Number of zeros 0

#ifndef B4_H_
#define B4_H_

#ifndef __SYNTHESIS__
fc2_bias_t b4[4];
#else
fc2_bias_t b4[4] = {0.1363389492, -0.1270462424, -0.1189616024, -0.1378500164};

#endif

#endif
