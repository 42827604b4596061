//Numpy array shape [8]
//Min -0.175478368998
//Max 0.114736966789
//Number of zeros 0

#ifndef B14_H_
#define B14_H_

#ifndef __SYNTHESIS__
model_default_t b14[8];
#else
model_default_t b14[8] = {0.0975950286, -0.1754783690, -0.1083437651, 0.1147369668, -0.0361095332, -0.0319670960, -0.0104216272, -0.0585483722};

#endif

#endif
