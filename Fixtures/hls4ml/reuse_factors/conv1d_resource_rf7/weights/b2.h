//Numpy array shape [8]
//Min -0.065021276474
//Max 0.053860001266
//Number of zeros 0

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
conv1_bias_t b2[8];
#else
conv1_bias_t b2[8] = {-0.0577283502, -0.0650212765, 0.0243750438, 0.0052643195, -0.0129870772, 0.0538600013, 0.0473819897, -0.0000008391};

#endif

#endif
