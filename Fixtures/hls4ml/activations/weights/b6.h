//Numpy array shape [8]
//Min -0.047673512250
//Max 0.043808251619
//Number of zeros 0

#ifndef B6_H_
#define B6_H_

#ifndef __SYNTHESIS__
fc_sigmoid_bias_t b6[8];
#else
fc_sigmoid_bias_t b6[8] = {-0.0283374712, 0.0357363261, -0.0476735123, 0.0305248182, -0.0032660612, -0.0380300619, 0.0288316589, 0.0438082516};

#endif

#endif
