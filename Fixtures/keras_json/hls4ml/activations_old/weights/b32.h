//Numpy array shape [6]
//Min -0.079315140843
//Max 0.055355481803
//Number of zeros 0

#ifndef B32_H_
#define B32_H_

#ifndef __SYNTHESIS__
dense_11_bias_t b32[6];
#else
dense_11_bias_t b32[6] = {0.0485013537, 0.0553554818, -0.0793151408, -0.0113379005, -0.0321138129, 0.0537005551};

#endif

#endif
