//Numpy array shape [5]
//Min -0.087763756514
//Max 0.032338518649
//Number of zeros 0

#ifndef B8_H_
#define B8_H_

#ifndef __SYNTHESIS__
output_bias_t b8[5];
#else
output_bias_t b8[5] = {0.0323385186, -0.0027226545, 0.0103922375, -0.0303365234, -0.0877637565};

#endif

#endif
