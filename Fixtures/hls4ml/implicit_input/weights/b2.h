//Numpy array shape [8]
//Min -0.115370035172
//Max 0.138498336077
//Number of zeros 0

#ifndef B2_H_
#define B2_H_

#ifndef __SYNTHESIS__
fc1_bias_t b2[8];
#else
fc1_bias_t b2[8] = {0.1242787614, 0.0197096393, 0.1224319190, -0.1114466265, -0.1153700352, 0.1384983361, -0.0386843942, -0.0899973661};

#endif

#endif
