//Numpy array shape [8]
//Min -0.145218700171
//Max 0.150558054447
//Number of zeros 0

#ifndef B14_H_
#define B14_H_

#ifndef __SYNTHESIS__
model_default_t b14[8];
#else
model_default_t b14[8] = {0.0919591114, -0.1315732747, 0.0472523496, 0.1505580544, 0.0847110301, 0.1018276662, -0.1159389243, -0.1452187002};

#endif

#endif
