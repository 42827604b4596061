//Numpy array shape [6]
//Min -0.016555571929
//Max 0.014675190672
//Number of zeros 0

#ifndef B20_H_
#define B20_H_

#ifndef __SYNTHESIS__
dense_7_bias_t b20[6];
#else
dense_7_bias_t b20[6] = {0.0146751907, -0.0146885328, 0.0137449326, -0.0165555719, 0.0100436807, 0.0110697430};

#endif

#endif
