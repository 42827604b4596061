// OpenBLAS's C interface (Debian's libopenblas-dev; pkg-config adds its include folder), for the
// single-precision matrix products of `Inference.MatrixProduct` and the thread-count control.
#ifndef HLSPRUNE_COPENBLAS_SHIM_H
#define HLSPRUNE_COPENBLAS_SHIM_H

#include <cblas.h>

#endif
