#ifndef FARELEGAMI_CZLIB_SHIM_H
#define FARELEGAMI_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass ZLIB_VERSION and sizeof(z_stream)),
// so Swift cannot call them: each gets a typed wrapper.

/// Starts a deflate stream; windowBits 15 + 16 writes the gzip format.
static inline int czlib_deflate_init2(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

/// Starts an inflate stream; windowBits 15 + 16 accepts only the gzip format.
static inline int czlib_inflate_init2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
