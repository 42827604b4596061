//Numpy array shape [6]
//Min -0.067865788937
//Max 0.037363704294
//Number of zeros 0

#ifndef B5_H_
#define B5_H_

#ifndef __SYNTHESIS__
dense_2_bias_t b5[6];
#else
dense_2_bias_t b5[6] = {0.0245866738, -0.0171346404, 0.0373637043, -0.0630818158, -0.0667913407, -0.0678657889};

#endif

#endif
