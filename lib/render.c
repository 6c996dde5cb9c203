/*
 * render.c - a prepared row's XML, and row batches (see render.h).
 */
#include "internal.h"
#include "render.h"
#include "xml.h"

/* @open and @close are string literals: their lengths are compile-time constants. */
#define put_text_value(xb, s, len, open, close) \
    put_text_value_n((xb), (s), (len), (open), sizeof(open) - 1, (close), sizeof(close) - 1)

#if defined(__GNUC__)
__attribute__((always_inline)) /* inlined, the lengths are constants */
#endif
static inline fast_status put_text_value_n(fx_xmlbuf *xb, const char *s, size_t len, const char *open,
                                           size_t open_len, const char *close, size_t close_len)
{
    fast_status st = fx_xb_reserve(xb, 64);
    if (st != FAST_OK)
        return st;
    memcpy(fx_xb_tail(xb), open, open_len);
    xb->len += open_len;
    st = fx_xml_write_escaped(xb, s, len, 0);
    if (st == FAST_OK && (st = fx_xb_reserve(xb, close_len)) == FAST_OK) {
        memcpy(fx_xb_tail(xb), close, close_len); /* a constant length: no call */
        xb->len += close_len;
    }
    return st;
}

static inline const char *text_of(const fx_rcell *c, uintptr_t base)
{
    return (const char *)(base + (uintptr_t)c->v.text);
}

fast_status fx_render_row(fx_xmlbuf *xb, const fx_rrow *r, const fx_rcell *cells, uintptr_t base)
{
    fast_status st;
    char rtext[8]; /* copied 8 bytes at a time: FX_A1_MAX leaves room */
    size_t rlen = fx_u64_to_text(r->row, rtext);
    if ((st = fx_xb_reserve(xb, 96)) != FAST_OK)
        return st;
    FX_XB_LIT(xb, "<row r=\"");
    memcpy(fx_xb_tail(xb), rtext, rlen);
    xb->len += rlen;
    if (r->xf) {
        FX_XB_LIT(xb, "\" s=\"");
        xb->len += fx_u64_to_text(r->xf, fx_xb_tail(xb));
        FX_XB_LIT(xb, "\" customFormat=\"1");
    }
    if (r->height > 0) {
        FX_XB_LIT(xb, "\" ht=\"");
        xb->len += fx_double_to_text(r->height, fx_xb_tail(xb));
        FX_XB_LIT(xb, "\" customHeight=\"1");
    }
    if (r->nrcells == 0) {
        FX_XB_LIT(xb, "\"/>");
        return FAST_OK;
    }
    FX_XB_LIT(xb, "\">");
    size_t next = 0; /* the column a cell without r lands in */
    /* The name of column @ccol, advanced letter by letter as the cells go right. */
    char cname[4] = {'A', 0, 0, 0};
    size_t clen = 1, ccol = 0;

    for (size_t k = 0; k < r->nrcells; k++) {
        const fx_rcell *c = &cells[k];
        size_t i = c->col;
        if ((st = fx_xb_reserve(xb, 128)) != FAST_OK)
            return st;
        /* The reference only where the column is not implied (§18.3.1.4). */
        FX_XB_LIT(xb, "<c");
        if (i != next || r->all_refs) {
            FX_XB_LIT(xb, " r=\"");
            if (i == ccol + 1)
                clen = fx_col_name_next(cname, clen);
            else if (i != ccol)
                clen = fx_col_name((uint32_t)i, cname);
            ccol = i;
            memcpy(fx_xb_tail(xb), cname, 4); /* fixed sizes: within the 128 reserved */
            xb->len += clen;
            memcpy(fx_xb_tail(xb), rtext, 8);
            xb->len += rlen;
            FX_XB_LIT(xb, "\"");
        }
        next = i + 1;
        if (c->xf) {
            FX_XB_LIT(xb, " s=\"");
            xb->len += fx_u64_to_text(c->xf, fx_xb_tail(xb));
            FX_XB_LIT(xb, "\"");
        }
        switch (c->kind) {
        case FX_R_BLANK:
            FX_XB_LIT(xb, "/>");
            break;
        case FX_R_SST:
            FX_XB_LIT(xb, " t=\"s\"><v>");
            xb->len += fx_u64_to_text(c->v.idx, fx_xb_tail(xb));
            FX_XB_LIT(xb, "</v></c>");
            break;
        case FX_R_INLINE: {
            const char *s = text_of(c, base);
            if (fx_xml_needs_preserve(s, c->len))
                st = put_text_value(xb, s, c->len, " t=\"inlineStr\"><is><t xml:space=\"preserve\">",
                                    "</t></is></c>");
            else
                st = put_text_value(xb, s, c->len, " t=\"inlineStr\"><is><t>", "</t></is></c>");
            if (st != FAST_OK)
                return st;
            break;
        }
        case FX_R_NUMBER:
            FX_XB_LIT(xb, "><v>");
            xb->len += fx_double_to_text(c->v.num, fx_xb_tail(xb));
            FX_XB_LIT(xb, "</v></c>");
            break;
        case FX_R_INTEGER:
            FX_XB_LIT(xb, "><v>");
            xb->len += fx_i64_to_text(c->v.i64, fx_xb_tail(xb));
            FX_XB_LIT(xb, "</v></c>");
            break;
        case FX_R_BOOLEAN:
            FX_XB_LIT(xb, " t=\"b\"><v>");
            *fx_xb_tail(xb) = c->v.idx ? '1' : '0';
            xb->len++;
            FX_XB_LIT(xb, "</v></c>");
            break;
        case FX_R_FORMULA: {
            const fx_rcell *v = &cells[++k]; /* the cached value */
            if (v->kind == FX_R_CACHED_STRING)
                FX_XB_LIT(xb, " t=\"str\"");
            else if (v->kind == FX_R_CACHED_BOOLEAN)
                FX_XB_LIT(xb, " t=\"b\"");
            st = put_text_value(xb, text_of(c, base), c->len, "><f>", "</f>");
            if (st == FAST_OK)
                st = fx_xb_reserve(xb, 64);
            if (st != FAST_OK)
                return st;
            switch (v->kind) {
            case FX_R_CACHED_NUMBER:
                FX_XB_LIT(xb, "<v>");
                xb->len += fx_double_to_text(v->v.num, fx_xb_tail(xb));
                FX_XB_LIT(xb, "</v>");
                break;
            case FX_R_CACHED_BOOLEAN:
                FX_XB_LIT(xb, "<v>");
                *fx_xb_tail(xb) = v->v.idx ? '1' : '0';
                xb->len++;
                FX_XB_LIT(xb, "</v>");
                break;
            case FX_R_CACHED_STRING:
                st = put_text_value(xb, text_of(v, base), v->len, "<v>", "</v>");
                if (st != FAST_OK)
                    return st;
                break;
            default:
                break;
            }
            if ((st = fx_xb_puts(xb, "</c>")) != FAST_OK)
                return st;
            break;
        }
        default:
            break;
        }
    }
    if ((st = fx_xb_reserve(xb, 8)) != FAST_OK)
        return st;
    FX_XB_LIT(xb, "</row>");
    return FAST_OK;
}

/* ---- row batches ---------------------------------------------------------------------- */

static inline size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static inline int has_text(const fx_rcell *c)
{
    return c->kind == FX_R_INLINE || c->kind == FX_R_FORMULA || c->kind == FX_R_CACHED_STRING;
}

size_t fx_batch_row_bytes(const fx_rrow *r, const fx_rcell *c)
{
    size_t n = sizeof *r + r->nrcells * sizeof *c;
    for (size_t k = 0; k < r->nrcells; k++)
        if (has_text(&c[k]))
            n += c[k].len;
    return align8(n);
}

void fx_batch_put_row(fx_batch *b, const fx_rrow *r, const fx_rcell *c)
{
    unsigned char *at = b->data + b->len;
    memcpy(at, r, sizeof *r);
    fx_rcell *out = (fx_rcell *)(void *)(at + sizeof *r);
    if (r->nrcells)
        memcpy(out, c, r->nrcells * sizeof *c);
    size_t text = b->len + sizeof *r + r->nrcells * sizeof *c; /* offset in the batch */
    for (size_t k = 0; k < r->nrcells; k++)
        if (has_text(&c[k])) {
            if (c[k].len)
                memcpy(b->data + text, c[k].v.text, c[k].len);
            out[k].v.text = (const char *)(uintptr_t)text;
            text += c[k].len;
        }
    b->len = align8(text);
    b->rows++;
}

fast_status fx_batch_render(fx_xmlbuf *xb, const fx_batch *b)
{
    size_t at = 0;
    fast_status st = FAST_OK;
    while (at < b->len && st == FAST_OK) {
        const fx_rrow *r = (const fx_rrow *)(const void *)(b->data + at);
        const fx_rcell *c = (const fx_rcell *)(const void *)(r + 1);
        st = fx_render_row(xb, r, c, (uintptr_t)b->data);
        at += fx_batch_row_bytes(r, c);
    }
    return st;
}
