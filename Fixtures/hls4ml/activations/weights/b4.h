//Numpy array shape [8]
//Min -0.055442094803
//Max 0.058664470911
//Number of zeros 0

#ifndef B4_H_
#define B4_H_

#ifndef __SYNTHESIS__
fc_relu_bias_t b4[8];
#else
fc_relu_bias_t b4[8] = {0.0013841309, -0.0334809348, -0.0285352487, -0.0554420948, -0.0256572329, -0.0494829416, 0.0586644709, -0.0535508469};

#endif

#endif
