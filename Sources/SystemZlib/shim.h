// The system zlib, as our own module: ZIPFoundation's `CZlib` is its internal module, not part of
// its API, and a target of ours with that name would clash with it.
#ifndef HLSPRUNE_SYSTEMZLIB_SHIM_H
#define HLSPRUNE_SYSTEMZLIB_SHIM_H

#include <zlib.h>

#endif
