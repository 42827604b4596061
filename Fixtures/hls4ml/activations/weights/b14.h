//Numpy array shape [8]
//Min -0.061097271740
//Max 0.029212532565
//Number of zeros 0

#ifndef B14_H_
#define B14_H_

#ifndef __SYNTHESIS__
fc_softsign_bias_t b14[8];
#else
fc_softsign_bias_t b14[8] = {-0.0357820801, -0.0299779549, 0.0292125326, -0.0078647221, -0.0610972717, -0.0475863889, -0.0410145447, -0.0373306461};

#endif

#endif
