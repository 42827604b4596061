//Numpy array shape [8]
//Min -0.066342473030
//Max 0.056992866099
//Number of zeros 0

#ifndef B22_H_
#define B22_H_

#ifndef __SYNTHESIS__
fc_swish_bias_t b22[8];
#else
fc_swish_bias_t b22[8] = {0.0057354765, -0.0211884025, -0.0260581691, -0.0663424730, 0.0348760225, 0.0471772514, -0.0283509586, 0.0569928661};

#endif

#endif
