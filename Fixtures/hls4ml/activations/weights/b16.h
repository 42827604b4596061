//Numpy array shape [8]
//Min -0.063100591302
//Max 0.037404883653
//Number of zeros 0

#ifndef B16_H_
#define B16_H_

#ifndef __SYNTHESIS__
fc_elu_bias_t b16[8];
#else
fc_elu_bias_t b16[8] = {-0.0463466384, -0.0136107020, 0.0203145389, -0.0103193745, -0.0270771887, 0.0374048837, -0.0265573338, -0.0631005913};

#endif

#endif
