//Numpy array shape [10]
//Min -0.096012890339
//Max 0.108891628683
//Number of zeros 0

#ifndef B6_H_
#define B6_H_

#ifndef __SYNTHESIS__
dense_1_bias_t b6[10];
#else
dense_1_bias_t b6[10] = {0.0748577714, 0.0189612471, -0.0668167770, 0.1068147942, 0.0534278862, -0.0283527393, 0.1088916287, -0.0960128903, 0.0332630537, 0.0343287662};

#endif

#endif
