//Numpy array shape [4]
//Min 0.034276533872
//Max 0.233532890677
//Number of zeros 0

#ifndef B15_H_
#define B15_H_

#ifndef __SYNTHESIS__
model_default_t b15[4];
#else
model_default_t b15[4] = {0.0342765339, 0.1185642704, 0.2335328907, 0.0941774920};

#endif

#endif
