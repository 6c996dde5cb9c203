/*
 * deflate.h - the compression backend behind the ZIP streamer: a raw deflate
 * stream (RFC 1951) per ZIP entry. Each backend is a thin wrapper on a
 * maintained library; the ZIP layer does not know which one it talks to.
 */
#ifndef FX_DEFLATE_H
#define FX_DEFLATE_H

#include "internal.h"

typedef struct fx_deflater fx_deflater;

typedef struct fx_deflate_backend {
    const char *name;
    /* A compressor for @level 1..9, or NULL when out of memory. */
    fx_deflater *(*create)(int level);
    /* Start a new, independent raw deflate stream. */
    fast_status (*reset)(fx_deflater *d);
    /*
     * Compress @len bytes and pass whatever output is ready to @out. With
     * @finish, also end the stream (final block) and pass the rest.
     * Returns FAST_OK, FAST_ERROR_COMPRESSION, or @out's error.
     */
    fast_status (*compress)(fx_deflater *d, const void *in, size_t len, int finish, fx_out_fn out,
                            void *ctx);
    void (*destroy)(fx_deflater *d);
} fx_deflate_backend;

extern const fx_deflate_backend fx_deflate_zlib;
#ifdef FX_HAVE_ISAL
extern const fx_deflate_backend fx_deflate_isal;
uint32_t fx_crc32_isal(uint32_t crc, const void *data, size_t len);
#endif

/* The backend used for deflate-compressed parts: ISA-L when the library was
 * built with it, zlib otherwise. */
const fx_deflate_backend *fx_deflate_default(void);

/* CRC-32 (ISO 3309, as used by ZIP): update @crc with @len bytes; and the CRC of
 * A followed by B from crc(A), crc(B) and the length of B. */
uint32_t fx_crc32(uint32_t crc, const void *data, size_t len);
uint32_t fx_crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t len_b);

#endif /* FX_DEFLATE_H */
