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

/* Writes go through a local cursor @o, within room reserved beforehand, so the
 * compiler need not reload the buffer's fields after every store (a store
 * through char * may alias them); xb->len catches up before any call that
 * writes to @xb itself. */
#define LIT(o, lit)                          \
    do {                                     \
        memcpy((o), lit, sizeof(lit) - 1);   \
        (o) += sizeof(lit) - 1;              \
    } while (0)
#define SYNC(xb, o) ((xb)->len = (size_t)((o) - (xb)->data))

/* An inline string (§18.3.1.53 is): the same tags on the short path and the general one. */
#define INLINE_OPEN " t=\"inlineStr\"><is><t>"
#define INLINE_OPEN_PRESERVE " t=\"inlineStr\"><is><t xml:space=\"preserve\">"
#define INLINE_CLOSE "</t></is></c>"

fast_status fx_render_row(fx_xmlbuf *xb, const fx_rrow *r, const fx_rcell *cells, uintptr_t base)
{
    fast_status st;
    char rtext[8]; /* copied 8 bytes at a time: FX_A1_MAX leaves room */
    size_t rlen = fx_u64_to_text(r->row, rtext);
    if ((st = fx_xb_reserve(xb, 96)) != FAST_OK)
        return st;
    char *o = fx_xb_tail(xb);
    LIT(o, "<row r=\"");
    memcpy(o, rtext, rlen);
    o += rlen;
    if (r->xf) {
        LIT(o, "\" s=\"");
        o += fx_u64_to_text(r->xf, o);
        LIT(o, "\" customFormat=\"1");
    }
    if (r->height > 0) {
        LIT(o, "\" ht=\"");
        o += fx_double_to_text(r->height, o);
        LIT(o, "\" customHeight=\"1");
    }
    if (r->all_refs >> 8) { /* an outlined row (lib/outline.c), one branch per row */
        uint32_t ol = r->all_refs >> 8;
        if (ol & 7) {
            LIT(o, "\" outlineLevel=\"");
            *o++ = (char)('0' + (ol & 7));
        }
        if (ol & 8)
            LIT(o, "\" hidden=\"1");
        if (ol & 16)
            LIT(o, "\" collapsed=\"1");
    }
    if (r->nrcells == 0) {
        LIT(o, "\"/>");
        SYNC(xb, o);
        return FAST_OK;
    }
    LIT(o, "\">");
    SYNC(xb, o);
    size_t next = 0; /* the column a cell without r lands in */
    /* The name of column @ccol, advanced letter by letter as the cells go right:
     * its @clen letters in a register, the first in the low byte. (Kept in a
     * char array, each cell's byte store followed by a wider load of the name
     * stalled: a store is not forwarded to a load larger than itself.) */
    uint32_t cname = 'A';
    size_t clen = 1, ccol = 0;
    const int all_refs = r->all_refs & 1;

    for (size_t k = 0; k < r->nrcells; k++) {
        const fx_rcell *c = &cells[k];
        size_t i = c->col;
        if ((st = fx_xb_reserve(xb, 128)) != FAST_OK)
            return st;
        o = fx_xb_tail(xb);
        /* The reference only where the column is not implied (§18.3.1.4). */
        LIT(o, "<c");
        if (i != next || all_refs) {
            LIT(o, " r=\"");
            if (i == ccol + 1 && (cname >> (8 * (clen - 1)) & 0xFF) != 'Z') {
                cname += 1u << (8 * (clen - 1)); /* the last letter, one on */
            } else if (i != ccol) {
                unsigned char t[FX_COL_NAME_MAX] = {0};
                clen = fx_col_name((uint32_t)i, (char *)t);
                cname = (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16;
            }
            ccol = i;
            o[0] = (char)cname; /* within the 128 reserved */
            o[1] = (char)(cname >> 8);
            o[2] = (char)(cname >> 16);
            o += clen;
            memcpy(o, rtext, 8);
            o += rlen;
            LIT(o, "\"");
        }
        next = i + 1;
        if (c->xf) {
            LIT(o, " s=\"");
            o += fx_u64_to_text(c->xf, o);
            LIT(o, "\"");
        }
        switch (c->kind) {
        case FX_R_BLANK:
            LIT(o, "/>");
            break;
        case FX_R_SST:
            LIT(o, " t=\"s\"><v>");
            o += fx_u64_to_text(c->v.idx, o);
            LIT(o, "</v></c>");
            break;
        case FX_R_INLINE: {
            const char *s = text_of(c, base);
            if (fx_xml_short_plain(s, c->len)) { /* within the 128 reserved */
                LIT(o, INLINE_OPEN);
                fx_copy_short(o, s, c->len);
                o += c->len;
                LIT(o, INLINE_CLOSE);
                break;
            }
            SYNC(xb, o);
            if (fx_xml_needs_preserve(s, c->len))
                st = put_text_value(xb, s, c->len, INLINE_OPEN_PRESERVE, INLINE_CLOSE);
            else
                st = put_text_value(xb, s, c->len, INLINE_OPEN, INLINE_CLOSE);
            if (st != FAST_OK)
                return st;
            o = fx_xb_tail(xb);
            break;
        }
        case FX_R_NUMBER:
            LIT(o, "><v>");
            o += fx_double_to_text(c->v.num, o);
            LIT(o, "</v></c>");
            break;
        case FX_R_INTEGER:
            LIT(o, "><v>");
            o += fx_i64_to_text(c->v.i64, o);
            LIT(o, "</v></c>");
            break;
        case FX_R_BOOLEAN:
            LIT(o, " t=\"b\"><v>");
            *o++ = c->v.idx ? '1' : '0';
            LIT(o, "</v></c>");
            break;
        case FX_R_FORMULA: {
            const fx_rcell *v = &cells[++k]; /* the cached value */
            if (v->kind == FX_R_CACHED_STRING)
                LIT(o, " t=\"str\"");
            else if (v->kind == FX_R_CACHED_BOOLEAN)
                LIT(o, " t=\"b\"");
            SYNC(xb, o);
            st = put_text_value(xb, text_of(c, base), c->len, "><f>", "</f>");
            if (st == FAST_OK)
                st = fx_xb_reserve(xb, 64);
            if (st != FAST_OK)
                return st;
            o = fx_xb_tail(xb);
            switch (v->kind) {
            case FX_R_CACHED_NUMBER:
                LIT(o, "<v>");
                o += fx_double_to_text(v->v.num, o);
                LIT(o, "</v>");
                break;
            case FX_R_CACHED_BOOLEAN:
                LIT(o, "<v>");
                *o++ = v->v.idx ? '1' : '0';
                LIT(o, "</v>");
                break;
            case FX_R_CACHED_STRING:
                SYNC(xb, o);
                st = put_text_value(xb, text_of(v, base), v->len, "<v>", "</v>");
                if (st != FAST_OK)
                    return st;
                o = fx_xb_tail(xb);
                break;
            default:
                break;
            }
            SYNC(xb, o);
            if ((st = fx_xb_puts(xb, "</c>")) != FAST_OK)
                return st;
            o = fx_xb_tail(xb);
            break;
        }
        case FX_R_INLINE_RICH: /* the runs, already XML, after the key's marker byte */
            LIT(o, " t=\"inlineStr\"><is>");
            SYNC(xb, o);
            if (c->len > 1 && (st = fx_xb_write(xb, text_of(c, base) + 1, c->len - 1)) != FAST_OK)
                return st;
            if ((st = fx_xb_puts(xb, "</is></c>")) != FAST_OK)
                return st;
            o = fx_xb_tail(xb);
            break;
        default:
            break;
        }
        SYNC(xb, o);
    }
    if ((st = fx_xb_reserve(xb, 8)) != FAST_OK)
        return st;
    o = fx_xb_tail(xb);
    LIT(o, "</row>");
    SYNC(xb, o);
    return FAST_OK;
}

#undef LIT
#undef SYNC

/* ---- row batches ---------------------------------------------------------------------- */

static inline size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static inline int has_text(const fx_rcell *c)
{
    return c->kind == FX_R_INLINE || c->kind == FX_R_FORMULA || c->kind == FX_R_CACHED_STRING ||
           c->kind == FX_R_INLINE_RICH;
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
