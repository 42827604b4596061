//Numpy array shape [8]
//Min -0.068680353463
//Max 0.079557038844
//Number of zeros 0

#ifndef B10_H_
#define B10_H_

#ifndef __SYNTHESIS__
fc_softmax_bias_t b10[8];
#else
fc_softmax_bias_t b10[8] = {0.0795570388, -0.0602785796, 0.0375544839, -0.0238586478, -0.0473453663, -0.0381582677, -0.0302296523, -0.0686803535};

#endif

#endif
