/*
 * xmlbuf.h - the fixed-capacity buffer every part's XML is produced into. When
 * it is full its content is handed to its fx_out_fn (the ZIP entry, or the
 * compression pipeline) and it is emptied; it never grows.
 */
#ifndef FX_XMLBUF_H
#define FX_XMLBUF_H

#include "internal.h"

/*
 * fx_xmlbuf - a fixed-capacity output buffer. Writers reserve room first with
 * fx_xb_reserve(); when the buffer cannot hold the request it is handed to
 * @out and emptied. Requests never exceed FX_XB_MAX_RESERVE, which is below the
 * smallest allowed capacity, so a reservation always succeeds unless @out fails.
 */
#define FX_XB_MIN_CAPACITY 4096
#define FX_XB_MAX_RESERVE 1024

typedef struct fx_xmlbuf {
    char *data;
    size_t len;
    size_t cap;
    fx_out_fn out;
    void *out_ctx;
} fx_xmlbuf;

fast_status fx_xb_init(fx_xmlbuf *xb, size_t cap, fx_error *err);
void fx_xb_free(fx_xmlbuf *xb);
fast_status fx_xb_flush(fx_xmlbuf *xb);
/* Append @len bytes of any size, flushing as often as needed. */
fast_status fx_xb_write(fx_xmlbuf *xb, const void *data, size_t len);

static inline fast_status fx_xb_reserve(fx_xmlbuf *xb, size_t n)
{
    if (FX_LIKELY(xb->cap - xb->len >= n))
        return FAST_OK;
    return fx_xb_flush(xb);
}

static inline char *fx_xb_tail(fx_xmlbuf *xb)
{
    return xb->data + xb->len;
}

/* Append a string literal; the room must have been reserved. */
#define FX_XB_LIT(xb, lit)                                  \
    do {                                                    \
        memcpy((xb)->data + (xb)->len, lit, sizeof(lit) - 1); \
        (xb)->len += sizeof(lit) - 1;                       \
    } while (0)

static inline fast_status fx_xb_puts(fx_xmlbuf *xb, const char *s)
{
    return fx_xb_write(xb, s, strlen(s));
}

#endif /* FX_XMLBUF_H */
