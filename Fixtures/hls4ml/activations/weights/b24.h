//Numpy array shape [2]
//Min -0.034006122500
//Max 0.042937990278
//Number of zeros 0

#ifndef B24_H_
#define B24_H_

#ifndef __SYNTHESIS__
out_bias_t b24[2];
#else
out_bias_t b24[2] = {0.0429379903, -0.0340061225};

#endif

#endif
