//Numpy array shape [3]
//Min -0.053585536778
//Max 0.056245334446
//Number of zeros 0

#ifndef B12_H_
#define B12_H_

#ifndef __SYNTHESIS__
out_bias_t b12[3];
#else
out_bias_t b12[3] = {0.0562453344, 0.0200024154, -0.0535855368};

#endif

#endif
