//Numpy array shape [4]
//Min 0.000000000000
//Max 0.000000000000
//Number of zeros 4

#ifndef B9_H_
#define B9_H_

#ifndef __SYNTHESIS__
model_default_t b9[4];
#else
model_default_t b9[4] = {0.0000000000, 0.0000000000, 0.0000000000, 0.0000000000};

#endif

#endif
