/*
 * deflate_zlib.c - the zlib backend (raw deflate, windowBits -15), the choice of
 * backend, and CRC-32: ISA-L's where it is built in, else zlib's; crc32_combine
 * always from zlib.
 */
/* zlib declares crc32_combine64() (64-bit lengths on every platform) only with this. */
#define _LARGEFILE64_SOURCE 1
#include "internal.h"
#include "deflate.h"

#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

#define OUT_SIZE 65536

struct fx_deflater {
    z_stream zs;
    unsigned char out[OUT_SIZE];
};

static fx_deflater *zlib_create(int level)
{
    fx_deflater *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    /* memLevel 8 is zlib's default: 128 KiB of hash tables plus the 64 KiB window. */
    if (deflateInit2(&d->zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(d);
        return NULL;
    }
    return d;
}

static fast_status zlib_reset(fx_deflater *d)
{
    return deflateReset(&d->zs) == Z_OK ? FAST_OK : FAST_ERROR_COMPRESSION;
}

static fast_status zlib_chunk_begin(fx_deflater *d, const void *dict, size_t dict_len)
{
    if (deflateReset(&d->zs) != Z_OK)
        return FAST_ERROR_COMPRESSION;
    /* A raw stream takes the dictionary as its window; nothing of it is written. */
    if (dict_len && deflateSetDictionary(&d->zs, dict, (uInt)dict_len) != Z_OK)
        return FAST_ERROR_COMPRESSION;
    return FAST_OK;
}

static fast_status zlib_chunk_feed(fx_deflater *d, const void *in, size_t len, int end, fx_out_fn out, void *ctx)
{
    const unsigned char *p = in;
    for (;;) {
        size_t piece = len > (1u << 30) ? (1u << 30) : len;
        int last = piece == len;
        int flush = last && end ? Z_SYNC_FLUSH : Z_NO_FLUSH;
        d->zs.next_in = (unsigned char *)(uintptr_t)p;
        d->zs.avail_in = (uInt)piece;
        do {
            d->zs.next_out = d->out;
            d->zs.avail_out = OUT_SIZE;
            if (deflate(&d->zs, flush) == Z_STREAM_ERROR)
                return FAST_ERROR_COMPRESSION;
            size_t have = OUT_SIZE - d->zs.avail_out;
            if (have) {
                fast_status st = out(ctx, d->out, have);
                if (st != FAST_OK)
                    return st;
            }
        } while (d->zs.avail_out == 0 || d->zs.avail_in > 0);
        if (p)
            p += piece;
        len -= piece;
        if (last)
            return FAST_OK;
    }
}

static void zlib_destroy(fx_deflater *d)
{
    if (!d)
        return;
    deflateEnd(&d->zs);
    free(d);
}

const fx_deflate_backend fx_deflate_zlib = {
    "zlib", zlib_create, zlib_reset, zlib_chunk_begin, zlib_chunk_feed, zlib_destroy,
};

const fx_deflate_backend *fx_deflate_default(void)
{
#ifdef FX_HAVE_ISAL
    return &fx_deflate_isal;
#else
    return &fx_deflate_zlib;
#endif
}

uint32_t fx_crc32(uint32_t crc, const void *data, size_t len)
{
#ifdef FX_HAVE_ISAL
    return fx_crc32_isal(crc, data, len);
#endif
    const unsigned char *p = data;
    while (len > 0) {
        uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
        crc = (uint32_t)crc32(crc, p, n);
        p += n;
        len -= n;
    }
    return crc;
}

uint32_t fx_crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t len_b)
{
    return (uint32_t)crc32_combine64(crc_a, crc_b, (z_off64_t)len_b);
}
