//Numpy array shape [3]
//Min -0.089651353657
//Max 0.076861590147
//Number of zeros 0

#ifndef B6_H_
#define B6_H_

#ifndef __SYNTHESIS__
dense_2_bias_t b6[3];
#else
dense_2_bias_t b6[3] = {-0.0662762374, -0.0896513537, 0.0768615901};

#endif

#endif
