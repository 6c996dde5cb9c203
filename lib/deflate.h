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
     * Chunks: the stream is made of chunks, each compressed from a fresh state
     * primed with @dict (the @dict_len <= FX_DEFLATE_DICT bytes of the stream
     * right before the chunk; none for the first) and ended with a sync flush (an
     * empty stored block, RFC 1951 §3.2.4), so each ends on a byte boundary and
     * the next one's bytes follow directly; FX_DEFLATE_END ends the stream. A
     * chunk's bytes depend only on @dict and the sequence of chunk_feed() calls,
     * so chunks may be compressed by independent compressors on any thread and
     * concatenated in order (as pigz does); never on the compressor's address
     * (deflate_isal.c writes a chunk without @dict as its first byte stored,
     * then the rest with that byte as dictionary).
     * chunk_begin() starts a chunk; chunk_feed() compresses @len more bytes of it
     * and, with @end, ends it (@len may be 0), passing output to @out. Both
     * return FAST_OK, FAST_ERROR_COMPRESSION, or @out's error.
     */
    fast_status (*chunk_begin)(fx_deflater *d, const void *dict, size_t dict_len);
    fast_status (*chunk_feed)(fx_deflater *d, const void *in, size_t len, int end, fx_out_fn out, void *ctx);
    void (*destroy)(fx_deflater *d);
} fx_deflate_backend;

/* The dictionary a chunk is primed with: the last 8 KiB before it (the deflate
 * window is 32 KiB). Measured on the W1 and W2 sheets of bench/ in 256 KiB
 * chunks: with ISA-L level 1, priming with 32 KiB took about 4% more time than
 * with 8 KiB (the dictionary is hashed for every chunk) for output 0.02% larger
 * on W1 and 0.2% smaller on W2; zlib level 3 was 3% slower and 0.05% larger
 * with 32 KiB. No dictionary at all gives 0.4% (W1) and 1.6% (W2) more. */
#define FX_DEFLATE_DICT 8192
/* An empty final block with fixed codes (BFINAL 1, BTYPE 01, end-of-block), to
 * end a stream of chunks. */
#define FX_DEFLATE_END "\x03\x00"
#define FX_DEFLATE_END_LEN 2

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
