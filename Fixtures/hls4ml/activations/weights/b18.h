//Numpy array shape [8]
//Min -0.053251773119
//Max 0.064644858241
//Number of zeros 0

#ifndef B18_H_
#define B18_H_

#ifndef __SYNTHESIS__
fc_selu_bias_t b18[8];
#else
fc_selu_bias_t b18[8] = {-0.0367924124, -0.0532517731, 0.0586474501, 0.0646448582, 0.0578305908, -0.0315676741, 0.0216490924, 0.0156888254};

#endif

#endif
