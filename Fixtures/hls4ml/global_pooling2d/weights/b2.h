//Numpy array shape [4]
//Min -0.139472737908
//Max 0.159358486533
//Number of zeros 0

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
conv_bias_t b2[4];
#else
conv_bias_t b2[4] = {-0.1259161234, -0.1394727379, 0.1593584865, -0.1274375319};

#endif

#endif
