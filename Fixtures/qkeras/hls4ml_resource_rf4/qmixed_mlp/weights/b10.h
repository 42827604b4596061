//Numpy array shape [3]
//Min 0.076171875000
//Max 0.191406250000
//Number of zeros 0

#ifndef B10_H_
#define B10_H_

#ifndef __SYNTHESIS__
bias10_t b10[3];
#else
bias10_t b10[3] = {0.191406250, 0.128906250, 0.076171875};

#endif

#endif
