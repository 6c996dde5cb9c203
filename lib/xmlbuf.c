/*
 * xmlbuf.c - the XML buffer (xmlbuf.h): allocation, and handing full buffers on.
 */
#include "internal.h"
#include "xmlbuf.h"

#include <stdlib.h>

fast_status fx_xb_init(fx_xmlbuf *xb, size_t cap, fx_error *err)
{
    xb->data = malloc(cap);
    xb->len = 0;
    xb->cap = cap;
    xb->out = NULL;
    xb->out_ctx = NULL;
    if (!xb->data)
        return fx_fail(err, FAST_ERROR_NOMEM, "cannot allocate the %zu-byte XML buffer", cap);
    return FAST_OK;
}

void fx_xb_free(fx_xmlbuf *xb)
{
    free(xb->data);
    xb->data = NULL;
    xb->len = xb->cap = 0;
}

fast_status fx_xb_flush(fx_xmlbuf *xb)
{
    if (xb->len == 0)
        return FAST_OK;
    fast_status st = xb->out(xb->out_ctx, xb->data, xb->len);
    xb->len = 0;
    return st;
}

fast_status fx_xb_write(fx_xmlbuf *xb, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        if (xb->len == xb->cap) {
            fast_status st = fx_xb_flush(xb);
            if (st != FAST_OK)
                return st;
        }
        size_t n = xb->cap - xb->len < len ? xb->cap - xb->len : len;
        memcpy(xb->data + xb->len, p, n);
        xb->len += n;
        p += n;
        len -= n;
    }
    return FAST_OK;
}
