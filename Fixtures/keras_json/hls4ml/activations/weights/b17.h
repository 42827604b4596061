//Numpy array shape [6]
//Min -0.028424656019
//Max 0.073887586594
//Number of zeros 0

#ifndef B17_H_
#define B17_H_

#ifndef __SYNTHESIS__
dense_6_bias_t b17[6];
#else
dense_6_bias_t b17[6] = {-0.0092389416, -0.0188380647, -0.0284246560, 0.0738875866, -0.0086333696, 0.0156651922};

#endif

#endif
