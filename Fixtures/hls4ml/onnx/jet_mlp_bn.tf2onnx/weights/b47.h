//Numpy array shape [5]
//Min -0.117392480373
//Max 0.115897089243
//Number of zeros 0

#ifndef B47_H_
#define B47_H_

#ifndef __SYNTHESIS__
model_default_t b47[5];
#else
model_default_t b47[5] = {0.1158970892, -0.0629760772, -0.0471987911, -0.1170407459, -0.1173924804};

#endif

#endif
