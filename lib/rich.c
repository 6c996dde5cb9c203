/*
 * rich.c - rich strings: fast_rich_string_* and fast_cells_set_rich_string().
 * Each run is rendered when it is appended, its font from the format as it is
 * then (lib/styles.c), its text escaped as a cell's text is; the cell then
 * refers to the finished runs, which the shared strings table takes as one
 * string (lib/sst.c) or the cell holds inline (lib/render.c).
 */
#include "internal.h"
#include "cells.h"
#include "rich.h"
#include "styles.h"
#include "xml.h"
#include "xmlbuf.h"

#include <errno.h>
#include <stdlib.h>

FAST_API fast_rich_string *fast_rich_string_new(void)
{
    fast_rich_string *rs = calloc(1, sizeof *rs);
    if (!rs) {
        errno = ENOMEM;
        return NULL;
    }
    return rs;
}

FAST_API void fast_rich_string_free(fast_rich_string *rs)
{
    if (!rs)
        return;
    free(rs->key);
    free(rs);
}

FAST_API size_t fast_rich_string_runs(const fast_rich_string *rs)
{
    return rs ? rs->runs : 0;
}

/* A growing byte string for one run, written through an fx_xmlbuf. */
typedef struct run_buf {
    char *p;
    size_t len, cap;
    int nomem;
} run_buf;

static void rb_add(run_buf *b, const void *data, size_t len)
{
    if (b->nomem)
        return;
    if (b->cap - b->len < len) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < len)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->nomem = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
}

static fast_status rb_out(void *ctx, const void *data, size_t len)
{
    run_buf *b = ctx;
    rb_add(b, data, len);
    return b->nomem ? FAST_ERROR_NOMEM : FAST_OK;
}

#define RB_LIT(b, s) rb_add((b), (s), sizeof(s) - 1)

FAST_API fast_status fast_rich_string_append(fast_rich_string *rs, const fast_format *font, const char *text,
                                             size_t len)
{
    size_t chars = 0, bad = 0;
    if (!rs || !text || len == 0)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (len > 4 * (size_t)FAST_MAX_STRING_CHARS)
        return FAST_ERROR_STRING_TOO_LONG;
    if (!fx_utf8_check(text, len, &chars, &bad))
        return FAST_ERROR_INVALID_UTF8;
    if (chars > FAST_MAX_STRING_CHARS - rs->chars)
        return FAST_ERROR_STRING_TOO_LONG;

    run_buf b = {NULL, 0, 0, 0};
    if (rs->len == 0)
        rb_add(&b, "\xFF", 1); /* FX_RICH_MARK */
    RB_LIT(&b, "<r>");
    if (font) {
        size_t n = 0;
        char *rpr = fx_styles_run_font(font, &n);
        if (!rpr)
            b.nomem = 1;
        else
            rb_add(&b, rpr, n);
        free(rpr);
    }
    if (fx_xml_needs_preserve(text, len))
        RB_LIT(&b, "<t xml:space=\"preserve\">");
    else
        RB_LIT(&b, "<t>");
    char chunk[FX_XB_MIN_CAPACITY];
    fx_xmlbuf xb = {chunk, 0, sizeof chunk, rb_out, &b};
    if (fx_xml_write_escaped(&xb, text, len, 0) == FAST_OK)
        fx_xb_flush(&xb); /* a failure is left in b.nomem */
    RB_LIT(&b, "</t></r>");

    if (!b.nomem && rs->cap - rs->len < b.len) {
        size_t cap = rs->cap ? rs->cap : 256;
        while (cap - rs->len < b.len)
            cap *= 2;
        char *p = realloc(rs->key, cap);
        if (!p)
            b.nomem = 1;
        else {
            rs->key = p;
            rs->cap = cap;
        }
    }
    if (b.nomem) {
        free(b.p);
        return FAST_ERROR_NOMEM; /* the rich string is as it was */
    }
    memcpy(rs->key + rs->len, b.p, b.len);
    rs->len += b.len;
    rs->chars += chars;
    rs->runs++;
    free(b.p);
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_rich_string(fast_cells *cells, size_t index, const fast_rich_string *rs)
{
    if (!cells || index >= cells->count || !rs || rs->runs == 0)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_cell *c = &cells->cell[index];
    c->type = FX_CELL_RICH;
    c->v.rich.ptr = rs->key;
    c->v.rich.len = rs->len;
    c->v.rich.chars = rs->chars;
    return FAST_OK;
}
