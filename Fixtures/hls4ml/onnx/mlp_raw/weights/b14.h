//Numpy array shape [8]
//Min -0.092961423099
//Max 0.113380454481
//Number of zeros 0

#ifndef B14_H_
#define B14_H_

#ifndef __SYNTHESIS__
model_default_t b14[8];
#else
model_default_t b14[8] = {0.1133804545, -0.0139368027, -0.0489677712, 0.0445522666, -0.0929614231, 0.0888285562, -0.0399025306, 0.0068928236};

#endif

#endif
