//Numpy array shape [8]
//Min -0.119271494448
//Max 0.126949355006
//Number of zeros 0

#ifndef B21_H_
#define B21_H_

#ifndef __SYNTHESIS__
model_default_t b21[8];
#else
model_default_t b21[8] = {0.0362708382, 0.1269493550, -0.1192714944, -0.0270264968, -0.0726705194, 0.0764099583, -0.0716504827, 0.0467605144};

#endif

#endif
