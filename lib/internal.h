/*
 * internal.h - definitions shared by the library's modules. Include it first in
 * every lib/ source file: it defines FAST_API so that the public header exports
 * exactly the fast_* functions (everything else is hidden by -fvisibility=hidden).
 */
#ifndef FX_INTERNAL_H
#define FX_INTERNAL_H

#define FAST_API __attribute__((visibility("default")))
#include "fastxlsx.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define FX_LIKELY(x) __builtin_expect(!!(x), 1)
#define FX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define FX_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FX_LIKELY(x) (x)
#define FX_UNLIKELY(x) (x)
#define FX_PRINTF(a, b)
#endif

/* The @n <= 8 bytes at @s as the low bytes of a little-endian word, the rest
 * zero, without a call to memcpy for short keys (two overlapping loads of four
 * read the same bytes twice where they overlap); used by the escaping scanner
 * and the shared strings hash. */
static inline uint64_t fx_load_upto8(const void *p, size_t n)
{
    const unsigned char *s = p;
    if (n == 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        return w;
    }
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        return (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
    }
    if (n == 0)
        return 0;
    return (uint64_t)s[0] | (uint64_t)s[n / 2] << (8 * (n / 2)) | (uint64_t)s[n - 1] << (8 * (n - 1));
}

/* Copy @n bytes, 1 <= @n <= 32, with overlapping fixed-size moves, which
 * compilers inline (a size that varies would otherwise mean a call to memcpy). */
static inline void fx_copy_short(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n >= 16) {
        memcpy(d, s, 16);
        memcpy(d + n - 16, s + n - 16, 16);
    } else if (n >= 8) {
        memcpy(d, s, 8);
        memcpy(d + n - 8, s + n - 8, 8);
    } else if (n >= 4) {
        memcpy(d, s, 4);
        memcpy(d + n - 4, s + n - 4, 4);
    } else {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

/* Longest message kept per workbook, including the NUL. */
#define FX_MESSAGE_MAX 320

/* The length of the longest prefix of @s (@len bytes of UTF-8) that has at most
 * @max bytes and ends on a character boundary; @s[@max] is read when @len > @max. */
static inline size_t fx_utf8_prefix(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* Set @msg (FX_MESSAGE_MAX bytes) to @text (@len bytes), cut on a character
 * boundary to fit. */
void fx_message_set(char *msg, const char *text, size_t len);

/*
 * fx_error - the sticky status of a workbook and the message of its last
 * failure. Modules that can fail take a pointer to it. Two kinds of failure:
 *  - fx_fail(): the output can no longer be trusted (I/O, callback, compression,
 *    allocation failures, anything that leaves a row half-written). The first
 *    one becomes the sticky status: later calls return it and close discards
 *    the output.
 *  - fx_reject(): the call changed nothing (invalid argument, a setting given
 *    too late, a row refused whole by its checks). Only the message is kept;
 *    the workbook stays usable.
 */
typedef struct fx_error {
    fast_status status; /* FAST_OK unless a sticky failure happened */
    char message[FX_MESSAGE_MAX];
} fx_error;

/* Record the sticky @status with a printf-style message, unless a sticky failure
 * is already recorded. Returns the status now in force (the first sticky one),
 * so callers can `return fx_fail(...)`. */
fast_status fx_fail(fx_error *err, fast_status status, const char *fmt, ...) FX_PRINTF(3, 4);

/* Report the non-sticky @status with a printf-style message, which replaces the
 * previous message. Returns @status (or the sticky status, if one is recorded:
 * then the message is left alone). */
fast_status fx_reject(fx_error *err, fast_status status, const char *fmt, ...) FX_PRINTF(3, 4);

/* Make @status, whose message is already recorded (by fx_reject()), sticky:
 * for a failure found after part of the output was produced. Returns the
 * status now in force. */
fast_status fx_stick(fx_error *err, fast_status status);

/*
 * fx_out - where a producer of bytes sends them: the XML buffer hands full chunks
 * to the ZIP entry, the ZIP layer hands compressed bytes to the sink. Returns
 * FAST_OK or an error already recorded in the workbook's fx_error.
 */
typedef fast_status (*fx_out_fn)(void *ctx, const void *data, size_t len);

#endif /* FX_INTERNAL_H */
