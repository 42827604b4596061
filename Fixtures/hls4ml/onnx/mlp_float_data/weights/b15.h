//Numpy array shape [4]
//Min -0.156168296933
//Max 0.060072839260
//Number of zeros 0

#ifndef B15_H_
#define B15_H_

#ifndef __SYNTHESIS__
model_default_t b15[4];
#else
model_default_t b15[4] = {-0.0237590820, -0.0596447513, -0.1561682969, 0.0600728393};

#endif

#endif
