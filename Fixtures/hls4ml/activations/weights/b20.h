//Numpy array shape [8]
//Min -0.072639726102
//Max 0.018012316898
//Number of zeros 0

#ifndef B20_H_
#define B20_H_

#ifndef __SYNTHESIS__
fc_hard_sigmoid_bias_t b20[8];
#else
fc_hard_sigmoid_bias_t b20[8] = {-0.0292147100, -0.0222737454, 0.0116263051, 0.0180123169, -0.0726397261, -0.0458376855, -0.0297350250, -0.0336818546};

#endif

#endif
