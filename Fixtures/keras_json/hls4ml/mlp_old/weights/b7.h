//Numpy array shape [5]
//Min -0.046627819538
//Max 0.063165530562
//Number of zeros 0

#ifndef B7_H_
#define B7_H_

#ifndef __SYNTHESIS__
output_bias_t b7[5];
#else
output_bias_t b7[5] = {-0.0466278195, -0.0438249297, 0.0631655306, 0.0248670951, 0.0192590002};

#endif

#endif
