/*
 * render.h - a worksheet row's SpreadsheetML (ECMA-376 Part 1 §18.3.1.73 row,
 * §18.3.1.4 c) from a prepared row: a row whose cells were checked and whose
 * every lookup is done (cellXfs indexes, SST indexes, date serials), so that
 * rendering is a pure function of the prepared row. The caller's thread prepares
 * rows (lib/worksheet.c); they are rendered there, or copied into a row batch
 * (fx_batch_*) that a compression worker renders (lib/pipeline.c), and both give
 * the same XML.
 */
#ifndef FX_RENDER_H
#define FX_RENDER_H

#include "internal.h"
#include "xmlbuf.h"

/* What a prepared cell holds (fx_rcell.kind). */
enum {
    FX_R_BLANK,   /* only a style */
    FX_R_SST,     /* v.idx: index into the SST */
    FX_R_INLINE,  /* v.text, len: an inline string */
    FX_R_NUMBER,  /* v.num: a number, or a date's 1900 date system serial */
    FX_R_INTEGER, /* v.i64 */
    FX_R_BOOLEAN, /* v.idx: 0 or 1 */
    FX_R_FORMULA, /* v.text, len: the formula; the next fx_rcell is its cached value */
    FX_R_INLINE_RICH /* v.text, len: a rich string's key (lib/rich.h), written inline */
};

/* The cached value that follows an FX_R_FORMULA cell (its kind). */
enum { FX_R_CACHED_NONE = 16, FX_R_CACHED_NUMBER, FX_R_CACHED_BOOLEAN, FX_R_CACHED_STRING };

/* A prepared cell: 24 bytes. In a row batch, v.text holds the text's offset in
 * the batch instead of its address (see fx_render_row's @base). */
typedef struct fx_rcell {
    uint32_t col; /* 0-based */
    uint32_t xf;  /* cellXfs index, 0: none */
    uint32_t kind;
    uint32_t len; /* bytes of v.text */
    union {
        double num;
        int64_t i64;
        uint64_t idx;
        const char *text;
    } v;
} fx_rcell;

/* A prepared row; its @nrcells cells follow it (formulas take two). */
typedef struct fx_rrow {
    uint32_t row;     /* 1-based */
    uint32_t xf;      /* the row's cellXfs index, 0: none */
    double height;    /* points, > 0: a custom height */
    uint32_t nrcells;
    uint32_t all_refs; /* bit 0: every cell gets its r, not only where the column is not implied;
                        * bits 8..: the row's outline, FX_OUTLINE_* (lib/outline.h), 0: none */
} fx_rrow;

/*
 * Append row @r with its cells @c[0..r->nrcells) to @xb. Texts are at
 * @base + (uintptr_t)text: @base 0 for prepared cells holding addresses, the
 * batch's address for cells in a batch. Fails only as @xb's output fails.
 */
fast_status fx_render_row(fx_xmlbuf *xb, const fx_rrow *r, const fx_rcell *c, uintptr_t base);

/*
 * Row batches: prepared rows with their texts copied, one after another in a
 * byte buffer that a worker renders with fx_batch_render(). Records are 8-byte
 * aligned: an fx_rrow, its cells, then their texts.
 */
typedef struct fx_batch {
    unsigned char *data;
    size_t len, cap;
} fx_batch;

/* Bytes the row takes in a batch. */
size_t fx_batch_row_bytes(const fx_rrow *r, const fx_rcell *c);
/* Append a prepared row (texts at their addresses) to @b, which has room for
 * fx_batch_row_bytes() more bytes. */
void fx_batch_put_row(fx_batch *b, const fx_rrow *r, const fx_rcell *c);
/* Render every row of @b into @xb, in order. */
fast_status fx_batch_render(fx_xmlbuf *xb, const fx_batch *b);

#endif /* FX_RENDER_H */
