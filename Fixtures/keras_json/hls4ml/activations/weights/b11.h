//Numpy array shape [6]
//Min -0.046268720180
//Max 0.031542588025
//Number of zeros 0

#ifndef B11_H_
#define B11_H_

#ifndef __SYNTHESIS__
dense_4_bias_t b11[6];
#else
dense_4_bias_t b11[6] = {0.0315425880, 0.0067245150, 0.0202010944, -0.0462687202, 0.0284782499, 0.0002951361};

#endif

#endif
