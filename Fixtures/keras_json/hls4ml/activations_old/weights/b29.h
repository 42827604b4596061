//Numpy array shape [6]
//Min -0.053423255682
//Max 0.077668242157
//Number of zeros 0

#ifndef B29_H_
#define B29_H_

#ifndef __SYNTHESIS__
dense_10_bias_t b29[6];
#else
dense_10_bias_t b29[6] = {0.0072749578, 0.0047385553, -0.0037830840, 0.0776682422, -0.0534232557, -0.0478177480};

#endif

#endif
