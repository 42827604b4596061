//Numpy array shape [8]
//Min -0.058032151312
//Max 0.079852476716
//Number of zeros 0

#ifndef B5_H_
#define B5_H_

#ifndef __SYNTHESIS__
conv2_bias_t b5[8];
#else
conv2_bias_t b5[8] = {-0.0580321513, 0.0365846604, 0.0057820366, -0.0436902381, -0.0522505976, -0.0047265356, -0.0409893058, 0.0798524767};

#endif

#endif
