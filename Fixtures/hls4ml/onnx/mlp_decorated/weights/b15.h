//Numpy array shape [4]
//Min -0.009525839239
//Max 0.069114230573
//Number of zeros 0

#ifndef B15_H_
#define B15_H_

#ifndef __SYNTHESIS__
model_default_t b15[4];
#else
model_default_t b15[4] = {-0.0095258392, 0.0691142306, 0.0025849922, 0.0254820567};

#endif

#endif
