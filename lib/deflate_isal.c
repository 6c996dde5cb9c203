/*
 * deflate_isal.c - the Intel ISA-L backend (igzip, raw deflate), built when
 * libisal is found at build time (make WITH_ISAL=0 leaves it out), and ISA-L's
 * CRC-32 (crc32_gzip_refl: the same reflected CRC-32 as zlib's crc32()).
 *
 * ISA-L has four levels, 0..3. Our levels map as 1 -> 1, 2..5 -> 2, 6..9 -> 3;
 * ISA-L's level 0 trades too much ratio for speed to be worth exposing.
 *
 * No stream is compressed without history. ISA-L's level 1 and 2 bodies
 * (igzip_icf_body_h1_gr_bt.asm, .write_first_byte, up to at least 2.32) hash
 * the third byte of a stream that starts without history from the stream
 * structure's address instead of from the data, so about one part in 8,192
 * compressed to other (valid) bytes depending on where the compressor was
 * allocated. A stream's first byte is therefore written as a stored block
 * (RFC 1951 §3.2.4) and given to the compressor as its dictionary: the output
 * is a function of the input alone, for 5 bytes more per ZIP entry (see
 * tests/unit/isal-first-byte-report.md).
 */
#include "internal.h"
#include "deflate.h"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <stdlib.h>

#define OUT_SIZE 65536

struct fx_deflater {
    struct isal_zstream zs;
    uint8_t *level_buf;
    int no_history; /* the chunk starts a stream and no byte of it is written yet */
    unsigned char out[OUT_SIZE];
};

static fx_deflater *isal_create(int level)
{
    static const uint32_t buf_size[4] = {0, ISAL_DEF_LVL1_DEFAULT, ISAL_DEF_LVL2_DEFAULT,
                                         ISAL_DEF_LVL3_DEFAULT};
    int isal_level = level <= 1 ? 1 : level <= 5 ? 2 : 3;
    fx_deflater *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    /* Zeroed: ISA-L reads parts of it before writing them (harmless, but valgrind reports it). */
    d->level_buf = calloc(1, buf_size[isal_level]);
    if (!d->level_buf) {
        free(d);
        return NULL;
    }
    isal_deflate_init(&d->zs);
    d->zs.level = (uint32_t)isal_level;
    d->zs.level_buf = d->level_buf;
    d->zs.level_buf_size = buf_size[isal_level];
    d->zs.gzip_flag = IGZIP_DEFLATE; /* raw deflate, no header */
    d->zs.flush = NO_FLUSH;
    return d;
}

static fast_status isal_reset(fx_deflater *d)
{
    isal_deflate_reset(&d->zs); /* keeps level, buffers and wrapper type */
    return FAST_OK;
}

static fast_status isal_chunk_begin(fx_deflater *d, const void *dict, size_t dict_len)
{
    isal_deflate_reset(&d->zs);
    d->no_history = dict_len == 0;
    if (dict_len && isal_deflate_set_dict(&d->zs, (uint8_t *)(uintptr_t)dict, (uint32_t)dict_len) != COMP_OK)
        return FAST_ERROR_COMPRESSION;
    return FAST_OK;
}

/* The stream's first byte as a non-final stored block (BFINAL 0, BTYPE 00,
 * padded to a byte, LEN 1, NLEN its one's complement, the byte), then the
 * dictionary of the compressor that goes on from the next byte. */
static fast_status write_first_byte(fx_deflater *d, const uint8_t *p, fx_out_fn out, void *ctx)
{
    const unsigned char block[6] = {0x00, 0x01, 0x00, 0xFE, 0xFF, p[0]};
    fast_status st = out(ctx, block, sizeof block);
    if (st != FAST_OK)
        return st;
    d->no_history = 0;
    if (isal_deflate_set_dict(&d->zs, (uint8_t *)(uintptr_t)p, 1) != COMP_OK)
        return FAST_ERROR_COMPRESSION;
    return FAST_OK;
}

static fast_status isal_chunk_feed(fx_deflater *d, const void *in, size_t len, int end, fx_out_fn out, void *ctx)
{
    const uint8_t *p = in;
    if (d->no_history && len > 0) {
        fast_status st = write_first_byte(d, p, out, ctx);
        if (st != FAST_OK)
            return st;
        p++;
        len--;
    }
    for (;;) {
        /* avail_in is 32-bit: feed at most 1 GiB per pass; the last pass may flush. */
        size_t piece = len > (1u << 30) ? (1u << 30) : len;
        int last = piece == len, sync = last && end;
        d->zs.next_in = (uint8_t *)(uintptr_t)p;
        d->zs.avail_in = (uint32_t)piece;
        d->zs.end_of_stream = 0;
        d->zs.flush = sync ? SYNC_FLUSH : NO_FLUSH;
        do {
            d->zs.next_out = d->out;
            d->zs.avail_out = OUT_SIZE;
            if (isal_deflate(&d->zs) != COMP_OK)
                return FAST_ERROR_COMPRESSION;
            size_t have = OUT_SIZE - d->zs.avail_out;
            if (have) {
                fast_status st = out(ctx, d->out, have);
                if (st != FAST_OK)
                    return st;
            }
            /* Flushed once the state is back at a new block header (igzip_lib.h). */
        } while (d->zs.avail_in > 0 || d->zs.avail_out == 0 || (sync && d->zs.internal_state.state != ZSTATE_NEW_HDR));
        if (p)
            p += piece;
        len -= piece;
        if (last)
            return FAST_OK;
    }
}

static void isal_destroy(fx_deflater *d)
{
    if (!d)
        return;
    free(d->level_buf);
    free(d);
}

const fx_deflate_backend fx_deflate_isal = {
    "ISA-L", isal_create, isal_reset, isal_chunk_begin, isal_chunk_feed, isal_destroy,
};

uint32_t fx_crc32_isal(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        uint64_t n = len > (1u << 30) ? (1u << 30) : len;
        crc = crc32_gzip_refl(crc, p, n);
        p += n;
        len -= n;
    }
    return crc;
}
