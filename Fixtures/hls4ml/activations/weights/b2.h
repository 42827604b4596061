//Numpy array shape [8]
//Min -0.057283930480
//Max 0.055019564927
//Number of zeros 0

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
fc_linear_bias_t b2[8];
#else
fc_linear_bias_t b2[8] = {-0.0375801735, -0.0572839305, 0.0363113843, -0.0058771488, 0.0107265385, 0.0494964421, 0.0148882326, 0.0550195649};

#endif

#endif
