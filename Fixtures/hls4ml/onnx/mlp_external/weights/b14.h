//Numpy array shape [8]
//Min -0.112870804965
//Max 0.086984597147
//Number of zeros 0

#ifndef B14_H_
#define B14_H_

#ifndef __SYNTHESIS__
model_default_t b14[8];
#else
model_default_t b14[8] = {0.0869845971, 0.0534388199, -0.1128708050, -0.0879789516, -0.1083666235, 0.0396357067, 0.0536631495, -0.0228965245};

#endif

#endif
