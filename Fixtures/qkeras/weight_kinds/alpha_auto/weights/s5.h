//Numpy array shape [1, 4]
//Min 0.772304832935
//Max 1.195508122444
//Number of zeros 0

#ifndef S5_H_
#define S5_H_

#ifndef __SYNTHESIS__
fc_alpha_scale_t s5[4];
#else
fc_alpha_scale_t s5[4] = {0.8660054803, 0.9346269369, 1.1955081224, 0.7723048329};

#endif

#endif
