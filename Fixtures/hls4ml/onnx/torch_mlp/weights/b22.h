//Numpy array shape [4]
//Min 0.087647445500
//Max 0.321088373661
//Number of zeros 0

#ifndef B22_H_
#define B22_H_

#ifndef __SYNTHESIS__
model_default_t b22[4];
#else
model_default_t b22[4] = {0.0876474455, 0.0927900374, 0.3210883737, 0.1210813597};

#endif

#endif
