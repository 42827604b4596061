//Numpy array shape [4]
//Min -0.090317375958
//Max 0.198987588286
//Number of zeros 0

#ifndef B15_H_
#define B15_H_

#ifndef __SYNTHESIS__
model_default_t b15[4];
#else
model_default_t b15[4] = {-0.0903173760, 0.1989875883, 0.1281265467, 0.0188006535};

#endif

#endif
