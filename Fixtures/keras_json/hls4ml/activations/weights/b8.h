//Numpy array shape [6]
//Min -0.031929090619
//Max 0.057290855795
//Number of zeros 0

#ifndef B8_H_
#define B8_H_

#ifndef __SYNTHESIS__
dense_3_bias_t b8[6];
#else
dense_3_bias_t b8[6] = {0.0475437753, -0.0310408305, 0.0572908558, -0.0319290906, 0.0035753893, -0.0254413858};

#endif

#endif
