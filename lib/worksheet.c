/*
 * worksheet.c - rows and cells to xl/worksheets/sheetN.xml (ECMA-376 Part 1
 * §18.3, CT_Worksheet) and the used range.
 *
 * The used range goes in <dimension ref> near the top of the part, but is known
 * only at the end. When the output can be patched, the part's head is written as
 * a ZIP entry prefix (a stored deflate block at a known offset) with a
 * fixed-width placeholder, and replaced in place when the sheet ends. Otherwise
 * <dimension> is left out, which the schema allows (minOccurs="0").
 */
#include "internal.h"
#include "outline.h"
#include "image.h"
#include "chart.h"
#include "date.h"
#include "names.h"
#include "workbook.h"
#include "render.h"
#include "xml.h"
#include "rules.h"
#include "validation.h"
#include "comment.h"
#include "condformat.h"
#include "print.h"
#include "ignore.h"
#include "sheetview.h"
#include "protect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char sheet_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";

/* Widest possible <dimension>: sets the width of the patched region. */
#define WIDEST_DIMENSION "<dimension ref=\"A1:XFD1048576\"/>"

/* ---- the part's head and tail ----------------------------------------------------- */

static size_t ref_text(uint32_t row0, uint32_t col0, char *out)
{
    size_t k = fx_col_name(col0, out);
    return k + fx_u64_to_text((uint64_t)row0 + 1, out + k);
}

static size_t range_text(const fx_range *r, char *out)
{
    size_t k = ref_text(r->r1, r->c1, out);
    if (r->r1 != r->r2 || r->c1 != r->c2) {
        out[k++] = ':';
        k += ref_text(r->r2, r->c2, out + k);
    }
    return k;
}

static size_t a1_range(const fx_sheet *sh, char *out)
{
    if (!sh->has_cells) {
        memcpy(out, "A1", 2);
        return 2;
    }
    fx_range r = {sh->min_row - 1, sh->min_col - 1, sh->max_row - 1, sh->max_col - 1};
    return range_text(&r, out);
}

/* The head of the part with a <dimension> padded to the widest one's length. */
static size_t build_prefix(const fx_sheet *sh, char *out)
{
    size_t k = sizeof sheet_head - 1;
    memcpy(out, sheet_head, k);
    k += fx_view_sheet_pr(sh, out + k);
    size_t start = k;
    memcpy(out + k, "<dimension ref=\"", 16);
    k += 16;
    k += a1_range(sh, out + k);
    memcpy(out + k, "\"/>", 3);
    k += 3;
    size_t width = sizeof WIDEST_DIMENSION - 1;
    while (k < start + width)
        out[k++] = ' '; /* white space between elements is insignificant */
    return k;
}

static fast_status put_fmt(fx_xmlbuf *xb, const char *fmt, ...) FX_PRINTF(2, 3);
static fast_status put_fmt(fx_xmlbuf *xb, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return fx_xb_write(xb, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/*
 * A column width in characters as Excel stores it, in the shortest decimal form
 * (the "C" locale is not assumed). A width of N characters of the default font
 * (Calibri 11: the widest digit is 7 pixels, and a column has 5 pixels of
 * padding) is N * 7 pixels rounded, plus the padding, expressed in digit widths
 * and cut to 1/256 of a character, the unit Excel keeps (§18.3.1.13 col width):
 * 12 becomes 12.7109375. Widths below one character have the padding scaled in.
 */
static size_t width_text(double w, char *out)
{
    enum { DIGIT_PX = 7, PADDING_PX = 5 };
    double px = w <= 0 ? 0 : w < 1 ? floor(w * (DIGIT_PX + PADDING_PX) + 0.5)
                                   : floor(w * DIGIT_PX + 0.5) + PADDING_PX;
    return fx_double_to_text(floor(px / DIGIT_PX * 256) / 256, out);
}

/* Excel's own width for a column without one (8.43 digits of Calibri 11 plus
 * padding, as stored): a <col> without width would show the column hidden. */
#define DEFAULT_COL_WIDTH "9.140625"

/* <col> elements for a sheet with column formats (§18.3.1.13 col style): runs of
 * columns with the same width and format, so empty cells show the format too. */
static fast_status write_styled_cols(fast_workbook *wb, fx_sheet *sh)
{
    const fx_sheet_setup *su = &sh->setup;
    uint32_t end = (uint32_t)su->ncol_formats;
    if (su->ncol_outline > end)
        end = (uint32_t)su->ncol_outline; /* outline.c */
    if (su->ncols && su->cols[su->ncols - 1].last + 1 > end)
        end = su->cols[su->ncols - 1].last + 1;
    fast_status st = FAST_OK;
    size_t wi = 0; /* the width range at or after column c */
    for (uint32_t c = 0; c < end && st == FAST_OK;) {
        while (wi < su->ncols && su->cols[wi].last < c)
            wi++;
        const fx_col_range *w = wi < su->ncols && su->cols[wi].first <= c ? &su->cols[wi] : NULL;
        const fast_format *f = c < su->ncol_formats ? su->col_formats[c] : NULL;
        /* The run ends where the width range or the format changes. */
        uint32_t last = w ? w->last : (wi < su->ncols ? su->cols[wi].first - 1 : end - 1);
        if (last >= end)
            last = end - 1;
        uint32_t k = c;
        uint8_t ol = c < su->ncol_outline ? su->col_outline[c] : 0;
        while (k < last && (k + 1 < su->ncol_formats ? su->col_formats[k + 1] : NULL) == f &&
               (k + 1 < su->ncol_outline ? su->col_outline[k + 1] : 0) == ol)
            k++;
        if (!w && !f && !ol) {
            c = k + 1;
            continue;
        }
        uint32_t xf = 0;
        if (f && fx_styles_xf(&wb->styles, f, FX_VALUE_PLAIN, &xf) != FAST_OK)
            return wb->err.status;
        char wt[FX_DOUBLE_TEXT_MAX + 1];
        if (w)
            wt[width_text(w->width, wt)] = 0;
        st = put_fmt(&wb->xb, "<col min=\"%u\" max=\"%u\" width=\"%s\"%s", (unsigned)c + 1, (unsigned)k + 1,
                     w ? wt : DEFAULT_COL_WIDTH, w ? " customWidth=\"1\"" : "");
        if (st == FAST_OK && xf)
            st = put_fmt(&wb->xb, " style=\"%u\"", (unsigned)xf);
        char ot[48];
        if (st == FAST_OK && ol)
            st = fx_xb_write(&wb->xb, ot, fx_outline_col_attrs(ol, ot));
        if (st == FAST_OK)
            st = fx_xb_puts(&wb->xb, "/>");
        c = k + 1;
    }
    return st;
}

/* sheetViews (frozen panes, §18.3.1.87) and cols (§18.3.1.17), between
 * <dimension> and <sheetData>. */
static fast_status write_views_and_cols(fast_workbook *wb, fx_sheet *sh)
{
    fx_xmlbuf *xb = &wb->xb;
    const fx_sheet_setup *su = &sh->setup;
    fast_status st = FAST_OK;
    /* The active sheet is the selected tab (§18.3.1.87 tabSelected; sheetview.c). */
    int selected = fx_view_selected(wb, sh);
    if ((selected || fx_view_has_attrs(sh)) && !su->freeze_rows && !su->freeze_cols) {
        st = fx_view_open(sh, xb, selected);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "/></sheetViews>");
    }
    if (su->freeze_rows || su->freeze_cols) {
        char cell[FX_A1_MAX + 1];
        cell[ref_text(su->freeze_rows, su->freeze_cols, cell)] = 0;
        const char *pane = su->freeze_rows && su->freeze_cols ? "bottomRight"
                           : su->freeze_rows                   ? "bottomLeft"
                                                               : "topRight";
        st = fx_view_open(sh, xb, selected);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "><pane");
        if (st == FAST_OK && su->freeze_cols)
            st = put_fmt(xb, " xSplit=\"%u\"", (unsigned)su->freeze_cols);
        if (st == FAST_OK && su->freeze_rows)
            st = put_fmt(xb, " ySplit=\"%u\"", (unsigned)su->freeze_rows);
        if (st == FAST_OK)
            st = put_fmt(xb, " topLeftCell=\"%s\" activePane=\"%s\" state=\"frozen\"/>"
                             "<selection pane=\"%s\" activeCell=\"%s\" sqref=\"%s\"/></sheetView></sheetViews>",
                         cell, pane, pane, cell, cell);
    }
    if (st == FAST_OK)
        st = fx_view_format_pr(sh, xb); /* sheetFormatPr */
    if (st == FAST_OK && (su->ncol_formats || su->ncol_outline)) {
        st = fx_xb_puts(xb, "<cols>");
        if (st == FAST_OK)
            st = write_styled_cols(wb, sh);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</cols>");
    } else if (st == FAST_OK && su->ncols) {
        st = fx_xb_puts(xb, "<cols>");
        for (size_t i = 0; i < su->ncols && st == FAST_OK; i++) {
            char w[FX_DOUBLE_TEXT_MAX + 1];
            w[width_text(su->cols[i].width, w)] = 0;
            st = put_fmt(xb, "<col min=\"%u\" max=\"%u\" width=\"%s\" customWidth=\"1\"/>",
                         (unsigned)su->cols[i].first + 1, (unsigned)su->cols[i].last + 1, w);
        }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</cols>");
    }
    return st;
}

static fast_status sheet_begin(fast_workbook *wb, fx_sheet *sh)
{
    char name[48];
    snprintf(name, sizeof name, "xl/worksheets/sheet%u.xml", (unsigned)sh->number);
    fast_status st = fx_part_begin(wb, name, FX_CT_WORKSHEET, wb->zip64 == FAST_ZIP64_WORKSHEETS);
    if (st != FAST_OK)
        return st;
    sh->begun = 1;
    if (wb->sink.seekable) {
        char prefix[FX_SHEET_PREFIX_MAX];
        sh->prefix_len = build_prefix(sh, prefix);
        st = fx_zip_write_prefix(&wb->zip, prefix, sh->prefix_len);
    } else {
        char pr[FX_SHEET_PR_MAX];
        st = fx_xb_write(&wb->xb, sheet_head, sizeof sheet_head - 1);
        if (st == FAST_OK)
            st = fx_xb_write(&wb->xb, pr, fx_view_sheet_pr(sh, pr));
    }
    if (st == FAST_OK)
        st = write_views_and_cols(wb, sh);
    if (st == FAST_OK)
        st = fx_xb_puts(&wb->xb, "<sheetData>");
    return st;
}

/* ---- rows held back while fitting column widths ------------------------------------ */

static fast_status held_out(void *ctx, const void *data, size_t len)
{
    fx_sheet *sh = ctx;
    if (len > sh->held_cap - sh->held_len) {
        size_t cap = sh->held_cap ? sh->held_cap : 65536;
        while (cap - sh->held_len < len)
            cap *= 2;
        char *p = realloc(sh->held_data, cap);
        if (!p)
            return FAST_ERROR_NOMEM; /* reported by the caller */
        sh->held_data = p;
        sh->held_cap = cap;
    }
    memcpy(sh->held_data + sh->held_len, data, len);
    sh->held_len += len;
    return FAST_OK;
}

static int holding(const fx_sheet *sh)
{
    return sh->held.data != NULL;
}

/* Fold the fitted widths into the sheet's columns: those without a width set. */
static fast_status apply_fit(fast_workbook *wb, fx_sheet *sh)
{
    fx_sheet_setup *su = &sh->setup;
    for (size_t c = 0; c < sh->nfit; c++) {
        if (sh->fit[c] <= 0)
            continue;
        int set = 0;
        for (size_t i = 0; i < su->ncols && !set; i++)
            set = c >= su->cols[i].first && c <= su->cols[i].last;
        if (set)
            continue;
        fx_col_range *cr = realloc(su->cols, (su->ncols + 1) * sizeof *cr);
        if (!cr)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory fitting column widths",
                           sh->name);
        su->cols = cr;
        double w = sh->fit[c] * 1.1 + 2.0; /* characters plus a margin for the filter button */
        if (w > 255)
            w = 255;
        /* Round to 1/256 of a character, the precision Excel keeps. */
        w = (double)(int64_t)(w * 256 + 0.5) / 256;
        su->cols[su->ncols++] = (fx_col_range){(uint32_t)c, (uint32_t)c, w};
    }
    /* Keep <col> elements in column order, as the schema's readers expect. */
    for (size_t i = 1; i < su->ncols; i++)
        for (size_t j = i; j > 0 && su->cols[j - 1].first > su->cols[j].first; j--) {
            fx_col_range t = su->cols[j];
            su->cols[j] = su->cols[j - 1];
            su->cols[j - 1] = t;
        }
    su->autofit_rows = 0; /* continuation sheets take the fitted widths as they are */
    return FAST_OK;
}

/* End holding: write the head with the fitted widths, then the held rows. */
static fast_status release_held(fast_workbook *wb, fx_sheet *sh)
{
    fast_status st = fx_xb_flush(&sh->held);
    if (st != FAST_OK)
        return fx_fail(&wb->err, st, "sheet '%s': out of memory holding rows to fit column widths",
                       sh->name);
    fx_xb_free(&sh->held);
    st = apply_fit(wb, sh);
    if (st == FAST_OK)
        st = sheet_begin(wb, sh);
    if (st == FAST_OK)
        st = fx_xb_write(&wb->xb, sh->held_data, sh->held_len);
    free(sh->held_data);
    sh->held_data = NULL;
    sh->held_len = sh->held_cap = 0;
    free(sh->fit);
    sh->fit = NULL;
    sh->nfit = 0;
    return st;
}

static void measure(fx_sheet *sh, size_t col, double chars)
{
    if (col < sh->nfit && chars > sh->fit[col])
        sh->fit[col] = chars;
}

/* ---- finishing a sheet -------------------------------------------------------------- */

static fast_status write_tail(fast_workbook *wb, fx_sheet *sh)
{
    fx_xmlbuf *xb = &wb->xb;
    char ref[2 * FX_A1_MAX + 2];
    fast_status st = fx_xb_puts(xb, "</sheetData>");
    if (st == FAST_OK)
        st = fx_protect_write_sheet(sh, xb); /* sheetProtection */
    fx_sheet_setup *su = &sh->setup;
    if (st == FAST_OK && su->has_filter) {
        fx_range r = su->filter;
        if (r.r2 == FAST_LAST_ROW)
            r.r2 = sh->rows > r.r1 + 1 ? sh->rows - 1 : r.r1;
        su->filter = r; /* resolved, for the workbook's _FilterDatabase name */
        ref[range_text(&r, ref)] = 0;
        st = put_fmt(xb, "<autoFilter ref=\"%s\"/>", ref);
    }
    if (st == FAST_OK && sh->nmerges) {
        st = put_fmt(xb, "<mergeCells count=\"%zu\">", sh->nmerges);
        for (size_t i = 0; i < sh->nmerges && st == FAST_OK; i++) {
            ref[range_text(&sh->merges[i], ref)] = 0;
            st = put_fmt(xb, "<mergeCell ref=\"%s\"/>", ref);
        }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</mergeCells>");
    }
    if (st == FAST_OK)
        st = fx_condformats_write(sh->condformats, xb, sh->rows, sh->number);
    if (st == FAST_OK)
        st = fx_validations_write(sh->validations, xb, sh->rows);
    if (st == FAST_OK && sh->nlinks) {
        st = fx_xb_puts(xb, "<hyperlinks>");
        for (size_t i = 0, rid; i < sh->nlinks && st == FAST_OK; i++) {
            const fx_link *l = &sh->links[i];
            ref[ref_text(l->row, l->col, ref)] = 0;
            if (!l->internal) {
                st = fx_rels_add(&sh->rels, &wb->err, "hyperlink", l->url, l->len, 1, &rid);
                if (st == FAST_OK)
                    st = put_fmt(xb, "<hyperlink ref=\"%s\" r:id=\"rId%zu\"/>", ref, rid);
                continue;
            }
            /* A place in the workbook: no relationship, the location in the formula
             * grammar's reference form. Excel also writes display, as a copy of the
             * cell's text, which is not known here; the attribute is optional. */
            st = put_fmt(xb, "<hyperlink ref=\"%s\" location=\"", ref);
            if (st == FAST_OK)
                st = fx_xml_write_escaped(xb, l->url, l->len, 1);
            if (st == FAST_OK)
                st = fx_xb_puts(xb, "\"/>");
        }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</hyperlinks>");
    }
    if (st == FAST_OK)
        st = fx_print_write(sh, xb, sh->rows); /* printOptions .. colBreaks */
    if (st == FAST_OK)
        st = fx_ignored_write(sh, xb, sh->rows);
    if (st == FAST_OK)
        st = fx_drawing_tail(wb, sh);
    if (st == FAST_OK)
        st = fx_notes_tail(wb, sh); /* legacyDrawing: after drawing, before tableParts */
    if (st == FAST_OK)
        st = fx_tables_tail(wb, sh);
    if (st == FAST_OK)
        st = fx_condformats_write_ext(sh->condformats, xb, sh->rows, sh->number); /* extLst: last */
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</worksheet>");
    return st;
}

static void free_tail_lists(fx_sheet *sh)
{
    for (size_t i = 0; i < sh->nlinks; i++)
        free(sh->links[i].url);
    free(sh->links);
    sh->links = NULL;
    sh->nlinks = sh->caplinks = 0;
    free(sh->merges);
    sh->merges = NULL;
    sh->nmerges = sh->capmerges = 0;
    fx_rels_free(&sh->rels);
}

fast_status fx_sheet_finish(fast_workbook *wb, fx_sheet *sh)
{
    if (sh->finished)
        return FAST_OK;
    fast_status st = fx_tables_end_rows(wb, sh);
    if (st != FAST_OK)
        return st;
    if (holding(sh))
        st = release_held(wb, sh);
    else if (!sh->begun)
        st = sheet_begin(wb, sh);
    if (st == FAST_OK)
        st = write_tail(wb, sh);
    if (st == FAST_OK)
        st = fx_xb_flush(&wb->xb);
    if (st != FAST_OK)
        return st;
    char prefix[FX_SHEET_PREFIX_MAX];
    if (sh->prefix_len)
        build_prefix(sh, prefix);
    st = fx_zip_end(&wb->zip, sh->prefix_len ? prefix : NULL);
    char part[FX_PART_NAME_MAX];
    snprintf(part, sizeof part, "xl/worksheets/sheet%u.xml", (unsigned)sh->number);
    if (st == FAST_OK)
        st = fx_tables_write_parts(wb, sh);
    if (st == FAST_OK)
        st = fx_drawing_write_parts(wb, sh);
    if (st == FAST_OK)
        st = fx_notes_write_parts(wb, sh);
    if (st == FAST_OK)
        st = fx_rels_write(wb, part, &sh->rels);
    sh->finished = 1;
    free_tail_lists(sh);
    return st;
}

void fx_sheet_free(fx_sheet *sh)
{
    free(sh->name);
    free(sh->setup.cols);
    free(sh->setup.col_formats);
    free(sh->setup.col_outline);
    fx_xb_free(&sh->held);
    free(sh->held_data);
    free(sh->fit);
    free_tail_lists(sh);
    fx_rules_free(sh);
    fx_print_free(sh);
    fx_ignored_free(sh);
    fx_notes_free(sh->notes);
}

/* ---- checking a row ----------------------------------------------------------------- */

static fast_status cell_fail(fast_workbook *wb, const char *sheet, uint32_t row, size_t col,
                             fast_status st, const char *what)
{
    char colname[FX_COL_NAME_MAX + 1];
    colname[fx_col_name((uint32_t)col, colname)] = 0;
    return fx_reject(&wb->err, st, "sheet '%s', row %u, column %s: %s", sheet, (unsigned)row,
                     colname, what);
}

static fast_status check_text(fast_workbook *wb, const char *sh, uint32_t row, size_t col,
                              const fx_text *t, size_t max_chars, const char *what)
{
    size_t chars, bad;
    char why[128];
    if (!fx_utf8_check(t->ptr, t->len, &chars, &bad)) {
        snprintf(why, sizeof why, "%sinvalid UTF-8 at byte %zu", what, bad);
        return cell_fail(wb, sh, row, col, FAST_ERROR_INVALID_UTF8, why);
    }
    if (chars > max_chars) {
        snprintf(why, sizeof why, "%stext of %zu characters is longer than the limit of %zu", what, chars,
                 max_chars);
        return cell_fail(wb, sh, row, col, FAST_ERROR_STRING_TOO_LONG, why);
    }
    return FAST_OK;
}

/* A failure recorded by a module that does not know the place gets it in front. */
static fast_status add_place(fast_workbook *wb, const char *sheet, uint32_t row, size_t col, fast_status st)
{
    char msg[2 * FX_MESSAGE_MAX], colname[FX_COL_NAME_MAX + 1];
    colname[fx_col_name((uint32_t)col, colname)] = 0;
    snprintf(msg, sizeof msg, "sheet '%s', row %u, column %s: %s", sheet, (unsigned)row, colname,
             wb->err.message);
    fx_message_set(wb->err.message, msg, strlen(msg)); /* cut to the record's size */
    return st;
}

static int cell_written(const fx_cell *c)
{
    return c->type != FX_CELL_BLANK || c->format != NULL;
}

/* A cell's format: its own, else the row's, else its column's. */
static inline const fast_format *cell_format(const fx_sheet_setup *su, const fx_cell *c, size_t col,
                                             const fast_format *row_format)
{
    if (c->format)
        return c->format;
    if (row_format)
        return row_format;
    return col < su->ncol_formats ? su->col_formats[col] : NULL;
}

static int value_kind(const fx_cell *c)
{
    return c->type == FX_CELL_DATE ? FX_VALUE_DATE : c->type == FX_CELL_DATETIME ? FX_VALUE_DATETIME : FX_VALUE_PLAIN;
}

/* 1 if the cell has no cellXfs entry to look up: no format of its own, none from
 * its row or column (@plain_cols: the row has no format, the sheet no column
 * formats), and not a date. The common case, decided without cell_format(). */
static inline int unstyled(const fx_cell *c, int plain_cols)
{
    return plain_cols && !c->format && (unsigned)(c->type - FX_CELL_DATE) > 1u;
}

/* Check every cell before anything of the row is written. @sh and @row name the
 * sheet and row it will land on, for messages. Formats are resolved to cellXfs
 * here too, so that the format limit rejects the whole row; emitting then finds
 * them in the formats' caches. */
static fast_status check_row(fast_workbook *wb, const char *sh, const fx_sheet_setup *su, uint32_t row,
                             const fx_cell *cells, size_t n, const fast_format *row_format)
{
    uint32_t xf;
    fast_status xst;
    if (row_format && (xst = fx_styles_xf(&wb->styles, row_format, FX_VALUE_PLAIN, &xf)) != FAST_OK)
        return add_place(wb, sh, row, 0, xst);
    if (n > FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_COLUMN_LIMIT,
                         "sheet '%s', row %u: %zu cells is beyond the limit of %u columns", sh,
                         (unsigned)row, n, FAST_MAX_COLUMNS);
    const int plain_cols = !row_format && su->ncol_formats == 0;
    for (size_t i = 0; i < n; i++) {
        const fx_cell *c = &cells[i];
        fast_status st = FAST_OK;
        char why[96];
        double serial;
        switch (c->type) {
        case FX_CELL_STRING:
            if (!fx_ascii_short(c->v.str.ptr, c->v.str.len)) /* else valid, and short enough */
                st = check_text(wb, sh, row, i, &c->v.str, FAST_MAX_STRING_CHARS, "");
            break;
        case FX_CELL_NUMBER:
            if (!isfinite(c->v.num))
                st = cell_fail(wb, sh, row, i, FAST_ERROR_NONFINITE_NUMBER,
                               isnan(c->v.num) ? "number is NaN" : "number is infinite");
            break;
        case FX_CELL_DATE:
        case FX_CELL_DATETIME:
            if (!fx_date_serial(c, &serial, why, sizeof why))
                st = cell_fail(wb, sh, row, i, FAST_ERROR_INVALID_DATE, why);
            break;
        case FX_CELL_FORMULA:
            st = check_text(wb, sh, row, i, &c->v.formula.text, FAST_MAX_FORMULA_CHARS, "formula: ");
            if (st == FAST_OK && c->cached == FX_CACHED_STRING)
                st = check_text(wb, sh, row, i, &c->v.formula.value.str, FAST_MAX_STRING_CHARS,
                                "formula value: ");
            if (st == FAST_OK && c->cached == FX_CACHED_NUMBER && !isfinite(c->v.formula.value.num))
                st = cell_fail(wb, sh, row, i, FAST_ERROR_NONFINITE_NUMBER, "formula value is not finite");
            break;
        default:
            break;
        }
        if (st != FAST_OK)
            return st;
        if (unstyled(c, plain_cols))
            continue;
        /* The same format the cell will be written with (see emit_row). */
        const fast_format *fmt = cell_format(su, c, i, row_format);
        int kind = value_kind(c);
        if (cell_written(c) && (fmt || kind != FX_VALUE_PLAIN) &&
            (xst = fx_styles_xf(&wb->styles, fmt, kind, &xf)) != FAST_OK)
            return add_place(wb, sh, row, i, xst);
    }
    return FAST_OK;
}

/* ---- writing a row -------------------------------------------------------------------- */

/* Column @col's string missed the full shared strings table once more. */
static fast_status count_miss(fast_workbook *wb, size_t col)
{
    if (col >= wb->nsst_misses) {
        size_t n = wb->nsst_misses ? wb->nsst_misses : 64;
        while (n <= col)
            n *= 2;
        uint16_t *m = realloc(wb->sst_misses, n * sizeof *m);
        if (!m)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory tracking shared strings");
        memset(m + wb->nsst_misses, 0, (n - wb->nsst_misses) * sizeof *m);
        wb->sst_misses = m;
        wb->nsst_misses = n;
    }
    if (wb->sst_misses[col] < FX_SST_GIVE_UP)
        wb->sst_misses[col]++;
    return FAST_OK;
}

/* Room for @n prepared cells in wb->rcells. */
static fast_status rcells_room(fast_workbook *wb, size_t n)
{
    if (n <= wb->nrcells)
        return FAST_OK;
    size_t cap = wb->nrcells ? wb->nrcells : 64;
    while (cap < n)
        cap *= 2;
    fx_rcell *c = realloc(wb->rcells, cap * sizeof *c);
    if (!c)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory preparing a row of %zu cells", n);
    wb->rcells = c;
    wb->nrcells = cap;
    return FAST_OK;
}

/*
 * Append row @row (1-based) to @xb. The cells were checked. Here, on the
 * caller's thread, the row is prepared (lib/render.h): cellXfs and SST indexes,
 * date serials, the sheet's dimension, widths measured when the sheet is
 * fitting columns. Then it is rendered into @xb, or, with workers rendering
 * rows, handed to them in a row batch.
 */
static fast_status emit_row(fast_workbook *wb, fx_sheet *sh, fx_xmlbuf *xb, uint32_t row, const fx_cell *cells,
                            size_t n, const fast_format *row_format, double height)
{
    fast_status st;
    size_t first = 0, last = n;
    while (first < n && !cell_written(&cells[first]))
        first++;
    while (last > first && !cell_written(&cells[last - 1]))
        last--;
    uint32_t row_xf = 0;
    if (row_format && (st = fx_styles_xf(&wb->styles, row_format, FX_VALUE_PLAIN, &row_xf)) != FAST_OK)
        return fx_stick(&wb->err, st);
    if (first == last && row_xf == 0 && height <= 0 && !wb->row_outline)
        return FAST_OK; /* nothing to say about this row */
    if ((st = rcells_room(wb, 2 * (last - first))) != FAST_OK)
        return st;
    fx_rrow r = {row, row_xf, height, 0, (uint32_t)wb->all_refs | wb->row_outline << 8};
    int fitting = sh->fit != NULL;
    const int plain_cols = !row_format && sh->setup.ncol_formats == 0;
    char num[FX_DOUBLE_TEXT_MAX];

    for (size_t i = first; i < last; i++) {
        const fx_cell *c = &cells[i];
        if (!cell_written(c))
            continue;
        uint32_t xf = 0;
        if (!unstyled(c, plain_cols)) {
            int kind = value_kind(c);
            const fast_format *fmt = cell_format(&sh->setup, c, i, row_format);
            if ((fmt || kind != FX_VALUE_PLAIN) && (st = fx_styles_xf(&wb->styles, fmt, kind, &xf)) != FAST_OK)
                return fx_stick(&wb->err, st); /* resolved by check_row: not expected here */
        }
        fx_rcell *o = &wb->rcells[r.nrcells++];
        o->col = (uint32_t)i;
        o->xf = xf;
        o->len = 0;
        switch ((fx_cell_type)c->type) {
        case FX_CELL_BLANK:
            o->kind = FX_R_BLANK;
            break;
        case FX_CELL_RICH: /* its key goes through the SST as a text does (lib/rich.h) */
        case FX_CELL_STRING: {
            uint32_t idx;
            int found = 0;
            if (wb->sst.max_strings && (i >= wb->nsst_misses || wb->sst_misses[i] < FX_SST_GIVE_UP)) {
                found = fx_sst_intern(&wb->sst, c->v.str.ptr, c->v.str.len, &idx);
                if (found < 0)
                    return fx_fail(&wb->err, FAST_ERROR_NOMEM,
                                   "sheet '%s', row %u: out of memory growing the shared strings table",
                                   sh->name, (unsigned)row);
                if (found == 0 && (st = count_miss(wb, i)) != FAST_OK)
                    return st;
                else if (found > 0 && i < wb->nsst_misses)
                    wb->sst_misses[i] = 0;
            }
            if (found > 0) {
                o->kind = FX_R_SST;
                o->v.idx = idx;
            } else {
                o->kind = c->type == FX_CELL_RICH ? FX_R_INLINE_RICH : FX_R_INLINE;
                o->v.text = c->v.str.ptr;
                o->len = (uint32_t)c->v.str.len;
            }
            if (fitting) {
                size_t chars = c->type == FX_CELL_RICH ? c->v.rich.chars : 0, bad;
                if (c->type == FX_CELL_STRING)
                    fx_utf8_check(c->v.str.ptr, c->v.str.len, &chars, &bad);
                measure(sh, i, (double)chars);
            }
            break;
        }
        case FX_CELL_NUMBER:
            o->kind = FX_R_NUMBER;
            o->v.num = c->v.num;
            if (fitting)
                measure(sh, i, (double)fx_double_to_text(c->v.num, num));
            break;
        case FX_CELL_INTEGER:
            o->kind = FX_R_INTEGER;
            o->v.i64 = c->v.i64;
            if (fitting)
                measure(sh, i, (double)fx_i64_to_text(c->v.i64, num));
            break;
        case FX_CELL_BOOLEAN:
            o->kind = FX_R_BOOLEAN;
            o->v.idx = c->v.boolean ? 1 : 0;
            if (fitting)
                measure(sh, i, 5);
            break;
        case FX_CELL_DATE:
        case FX_CELL_DATETIME: {
            double serial = 0;
            char why[96];
            fx_date_serial(c, &serial, why, sizeof why);
            o->kind = FX_R_NUMBER;
            o->v.num = serial;
            if (fitting)
                measure(sh, i, c->type == FX_CELL_DATE ? 10 : 19);
            break;
        }
        case FX_CELL_FORMULA: {
            o->kind = FX_R_FORMULA;
            o->v.text = c->v.formula.text.ptr;
            o->len = (uint32_t)c->v.formula.text.len;
            fx_rcell *v = &wb->rcells[r.nrcells++]; /* its cached value */
            memset(v, 0, sizeof *v);
            switch ((fx_cached)c->cached) {
            case FX_CACHED_NONE:
                v->kind = FX_R_CACHED_NONE;
                wb->uncached_formula = 1;
                break;
            case FX_CACHED_NUMBER:
                v->kind = FX_R_CACHED_NUMBER;
                v->v.num = c->v.formula.value.num;
                break;
            case FX_CACHED_BOOLEAN:
                v->kind = FX_R_CACHED_BOOLEAN;
                v->v.idx = c->v.formula.value.boolean ? 1 : 0;
                break;
            case FX_CACHED_STRING:
                v->kind = FX_R_CACHED_STRING;
                v->v.text = c->v.formula.value.str.ptr;
                v->len = (uint32_t)c->v.formula.value.str.len;
                break;
            }
            if (fitting) {
                size_t chars = 10, bad;
                if (c->cached == FX_CACHED_STRING)
                    fx_utf8_check(c->v.formula.value.str.ptr, c->v.formula.value.str.len, &chars, &bad);
                measure(sh, i, (double)chars);
            }
            break;
        }
        }
    }
    if (xb == &wb->xb && wb->pipe.running)
        st = fx_pipeline_put_row(&wb->pipe, &r, wb->rcells);
    else
        st = fx_render_row(xb, &r, wb->rcells, 0);
    if (st != FAST_OK || first == last)
        return st;

    if (!sh->has_cells) {
        sh->has_cells = 1;
        sh->min_row = row;
        sh->min_col = (uint32_t)first + 1;
        sh->max_col = (uint32_t)last;
    }
    sh->max_row = row;
    if (first + 1 < sh->min_col)
        sh->min_col = (uint32_t)first + 1;
    if (last > sh->max_col)
        sh->max_col = (uint32_t)last;
    return FAST_OK;
}

/* ---- header rows, kept to repeat on continuation sheets ----------------------------------- */

/* Bytes of text a saved copy of the row holds. */
static size_t header_text_bytes(const fx_cell *cells, size_t n)
{
    size_t text = 0;
    for (size_t i = 0; i < n; i++) {
        if (cells[i].type == FX_CELL_STRING || cells[i].type == FX_CELL_RICH)
            text += cells[i].v.str.len;
        else if (cells[i].type == FX_CELL_FORMULA)
            text += cells[i].v.formula.text.len +
                    (cells[i].cached == FX_CACHED_STRING ? cells[i].v.formula.value.str.len : 0);
    }
    return text;
}

/* Bytes a saved copy of the row takes: what counts against the row memory limit. */
static size_t header_row_bytes(const fx_cell *cells, size_t n)
{
    return sizeof(fx_saved_row) + sizeof(fast_cells) + (n ? n : 1) * sizeof(fx_cell) + header_text_bytes(cells, n);
}

static fast_status save_header_row(fast_workbook *wb, const fx_cell *cells, size_t n, const fast_format *row_format,
                                   double height)
{
    size_t text = header_text_bytes(cells, n);
    fx_saved_row *rows = realloc(wb->header, (wb->nheader + 1) * sizeof *rows);
    if (!rows)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory keeping a header row");
    wb->header = rows;
    fx_saved_row *r = &rows[wb->nheader];
    r->n = n;
    r->cells = fast_cells_new(n ? n : 1);
    r->text = malloc(text ? text : 1);
    if (!r->cells || !r->text) {
        fast_cells_free(r->cells);
        free(r->text);
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory keeping a header row");
    }
    wb->nheader++;
    wb->header_bytes += header_row_bytes(cells, n);
    /* The formats as they are now: the row is repeated with the look it was written with. */
    if (row_format && !(row_format = fx_styles_copy_format(&wb->styles, row_format)))
        return wb->err.status;
    r->cells->row_format = row_format;
    r->cells->row_height = height;
    char *p = r->text;
    for (size_t i = 0; i < n; i++) {
        fx_cell *c = &r->cells->cell[i];
        *c = cells[i];
        if (c->format) {
            size_t j = 0; /* a format used by several cells is copied once */
            while (j < i && cells[j].format != cells[i].format)
                j++;
            c->format = j < i ? r->cells->cell[j].format : fx_styles_copy_format(&wb->styles, c->format);
            if (!c->format)
                return wb->err.status;
        }
        fx_text *t[2] = {NULL, NULL};
        if (c->type == FX_CELL_STRING || c->type == FX_CELL_RICH)
            t[0] = &c->v.str;
        else if (c->type == FX_CELL_FORMULA) {
            t[0] = &c->v.formula.text;
            if (c->cached == FX_CACHED_STRING)
                t[1] = &c->v.formula.value.str;
        }
        for (int k = 0; k < 2; k++)
            if (t[k]) {
                if (t[k]->len)
                    memcpy(p, t[k]->ptr, t[k]->len);
                t[k]->ptr = p;
                p += t[k]->len;
            }
    }
    return FAST_OK;
}

void fx_saved_rows_free(fast_workbook *wb)
{
    for (size_t i = 0; i < wb->nheader; i++) {
        fast_cells_free(wb->header[i].cells);
        free(wb->header[i].text);
    }
    free(wb->header);
    wb->header = NULL;
    wb->nheader = 0;
    wb->header_bytes = 0;
}

/* ---- sheets ------------------------------------------------------------------------------ */

fx_sheet *fx_current_sheet(fast_workbook *wb)
{
    return wb->nsheets ? &wb->sheets[wb->nsheets - 1] : NULL;
}

/* Append a sheet record; @setup (or NULL) is copied. */
static fast_status push_sheet(fast_workbook *wb, const char *name, size_t len, const fx_sheet_setup *setup)
{
    if (wb->nsheets == wb->capsheets) {
        size_t cap = wb->capsheets ? wb->capsheets * 2 : 8;
        fx_sheet *s = realloc(wb->sheets, cap * sizeof *s);
        if (!s)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory adding worksheet %zu", wb->nsheets + 1);
        wb->sheets = s;
        wb->capsheets = cap;
    }
    fx_sheet *sh = &wb->sheets[wb->nsheets];
    memset(sh, 0, sizeof *sh);
    sh->name = malloc(len + 1);
    if (setup) {
        sh->setup = *setup;
        sh->setup.cols = NULL;
        if (setup->ncols) {
            sh->setup.cols = malloc(setup->ncols * sizeof *setup->cols);
            if (sh->setup.cols)
                memcpy(sh->setup.cols, setup->cols, setup->ncols * sizeof *setup->cols);
        }
        sh->setup.col_formats = NULL;
        if (setup->ncol_formats) {
            sh->setup.col_formats = malloc(setup->ncol_formats * sizeof *setup->col_formats);
            if (sh->setup.col_formats)
                memcpy(sh->setup.col_formats, setup->col_formats, setup->ncol_formats * sizeof *setup->col_formats);
        }
        sh->setup.col_outline = setup->ncol_outline ? malloc(setup->ncol_outline) : NULL;
        if (sh->setup.col_outline)
            memcpy(sh->setup.col_outline, setup->col_outline, setup->ncol_outline);
    } else {
        sh->setup.autofit_rows = wb->autofit_rows;
    }
    if (!sh->name || (setup && setup->ncols && !sh->setup.cols) ||
        (setup && setup->ncol_formats && !sh->setup.col_formats) ||
        (setup && setup->ncol_outline && !sh->setup.col_outline)) {
        free(sh->name);
        free(sh->setup.cols);
        free(sh->setup.col_formats);
        free(sh->setup.col_outline);
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory adding worksheet %zu", wb->nsheets + 1);
    }
    memcpy(sh->name, name, len);
    sh->name[len] = 0;
    sh->name_len = len;
    sh->number = (uint32_t)wb->nsheets + 1;
    sh->chain_first = (uint32_t)wb->nsheets;
    sh->chain_index = 1;
    wb->nsheets++;
    fx_view_sheet_added(wb, sh); /* is it the active sheet? */
    return FAST_OK;
}

fast_status fx_sheet_add(fast_workbook *wb, const char *name, size_t len)
{
    fx_sheet *cur = fx_current_sheet(wb);
    fast_status st;
    if (cur && (st = fx_sheet_finish(wb, cur)) != FAST_OK)
        return st;
    fx_saved_rows_free(wb);
    wb->chain_header_rows = wb->header_rows;
    return push_sheet(wb, name, len, NULL);
}

/* "NAME (k)", NAME cut on a character boundary so the whole fits in 31 characters. */
static size_t continuation_name(const fx_sheet *first, uint32_t k, char *out)
{
    char suffix[16];
    int slen = snprintf(suffix, sizeof suffix, " (%u)", (unsigned)k);
    size_t room = FAST_MAX_SHEET_NAME_CHARS - (size_t)slen, chars = 0, i = 0;
    while (i < first->name_len) {
        size_t step = 1;
        unsigned char c = (unsigned char)first->name[i];
        step = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (chars == room)
            break;
        chars++;
        i += step;
    }
    memcpy(out, first->name, i);
    memcpy(out + i, suffix, (size_t)slen);
    return i + (size_t)slen;
}

/* The name of the sheet that continues @cur: the first free "NAME (k)". */
static size_t next_continuation(fast_workbook *wb, const fx_sheet *cur, char *name, uint32_t *k_out)
{
    uint32_t k = cur->chain_index + 1;
    size_t len;
    for (;; k++) {
        len = continuation_name(&wb->sheets[cur->chain_first], k, name);
        if (!fx_sheet_name_in_use(wb, name, len))
            break;
    }
    name[len] = 0;
    *k_out = k;
    return len;
}

/* The current sheet is full: start its continuation and repeat the header rows there. */
static fast_status continue_sheet(fast_workbook *wb)
{
    fx_sheet *cur = fx_current_sheet(wb);
    fast_status st = fx_sheet_finish(wb, cur);
    if (st != FAST_OK)
        return st;
    uint32_t first = cur->chain_first, k;
    char name[FAST_MAX_SHEET_NAME_CHARS * 4 + 16];
    size_t len = next_continuation(wb, cur, name, &k);
    fx_sheet_setup setup = cur->setup;
    if (setup.has_filter)
        setup.filter.r2 = FAST_LAST_ROW; /* the filter spans each continuation's own rows */
    if ((st = push_sheet(wb, name, len, &setup)) != FAST_OK)
        return st;
    fx_sheet *sh = fx_current_sheet(wb);
    fx_rules_carry(&wb->sheets[wb->nsheets - 2], sh); /* validations, conditional formats to FAST_LAST_ROW */
    if ((st = fx_print_carry(wb, &wb->sheets[wb->nsheets - 2], sh)) != FAST_OK ||
        (st = fx_ignored_carry(wb, &wb->sheets[wb->nsheets - 2], sh)) != FAST_OK)
        return st;
    sh->chain_first = first;
    sh->chain_index = k;
    uint32_t outline = wb->row_outline; /* the row being written's, not the repeated headers' */
    wb->row_outline = 0;
    for (size_t i = 0; i < wb->nheader && st == FAST_OK; i++) {
        const fx_saved_row *r = &wb->header[i];
        if ((st = fx_sheet_begin_rows(wb, sh)) == FAST_OK)
            st = emit_row(wb, sh, &wb->xb, ++sh->rows, r->cells->cell, r->n, r->cells->row_format,
                          r->cells->row_height);
    }
    wb->row_outline = outline;
    return st;
}

/* Make sure the sheet's rows can be written: the head is out, or rows are being held. */
fast_status fx_sheet_begin_rows(fast_workbook *wb, fx_sheet *sh)
{
    if (sh->begun || holding(sh))
        return FAST_OK;
    if (sh->setup.autofit_rows == 0)
        return sheet_begin(wb, sh);
    fast_status st = fx_xb_init(&sh->held, FX_XB_MIN_CAPACITY, &wb->err);
    if (st != FAST_OK)
        return st;
    sh->held.out = held_out;
    sh->held.out_ctx = sh;
    sh->nfit = FAST_MAX_COLUMNS;
    sh->fit = calloc(sh->nfit, sizeof *sh->fit);
    if (!sh->fit) {
        fx_xb_free(&sh->held);
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory fitting column widths", sh->name);
    }
    return FAST_OK;
}

/* Write a row that passed check_row(), starting the continuation sheet first if @full. */
static fast_status write_checked_row(fast_workbook *wb, int full, const fx_cell *cells, size_t n,
                                     const fast_format *row_format, double height)
{
    fx_sheet *sh = fx_current_sheet(wb);
    fast_status st;
    if (full) {
        if ((st = continue_sheet(wb)) != FAST_OK)
            return st;
        sh = fx_current_sheet(wb);
    }
    if ((st = fx_sheet_begin_rows(wb, sh)) != FAST_OK)
        return st;
    uint32_t row = ++sh->rows;
    if (sh->chain_index == 1 && row <= wb->chain_header_rows &&
        (st = save_header_row(wb, cells, n, row_format, height)) != FAST_OK)
        return st;
    if (holding(sh)) {
        st = emit_row(wb, sh, &sh->held, row, cells, n, row_format, height);
        if (st == FAST_ERROR_NOMEM && wb->err.status == FAST_OK)
            st = fx_fail(&wb->err, st, "sheet '%s': out of memory holding rows to fit column widths", sh->name);
        /* Fit on the rows held so far once their count or their bytes reach the limit. */
        if (st == FAST_OK && (row >= sh->setup.autofit_rows || sh->held_len + sh->held.len >= wb->row_memory))
            st = release_held(wb, sh);
        return st;
    }
    st = emit_row(wb, sh, &wb->xb, row, cells, n, row_format, height);
    if (st == FAST_OK && wb->flush_interval && ++sh->rows_since_flush >= wb->flush_interval) {
        sh->rows_since_flush = 0;
        st = fx_xb_flush(&wb->xb);
        if (st == FAST_OK)
            st = fx_zip_flush(&wb->zip);
    }
    return st;
}

fast_status fx_sheet_put_row(fast_workbook *wb, fx_sheet *sh, uint32_t row0, const fx_cell *cells, size_t n)
{
    fast_status st = fx_sheet_begin_rows(wb, sh);
    if (st == FAST_OK)
        st = emit_row(wb, sh, holding(sh) ? &sh->held : &wb->xb, row0 + 1, cells, n, NULL, 0);
    sh->rows = row0 + 1;
    return st;
}

fast_status fx_sheet_write_row(fast_workbook *wb, const fx_cell *cells, size_t n, const fast_format *row_format,
                               double height)
{
    fx_sheet *sh = fx_current_sheet(wb);
    uint32_t limit = wb->rows_per_sheet - fx_tables_reserved_rows(wb, sh); /* a totals row to come */
    int full = sh->rows >= limit;
    if (full && wb->row_policy == FAST_ROWS_ERROR)
        return fx_reject(&wb->err, FAST_ERROR_ROW_LIMIT,
                         "sheet '%s': row %u is beyond the limit of %u rows per worksheet", sh->name,
                         (unsigned)sh->rows + 1, (unsigned)limit);
    if (full && wb->nheader >= limit)
        return fx_reject(&wb->err, FAST_ERROR_ROW_LIMIT,
                         "sheet '%s': %u rows per sheet leave no room after %zu header rows", sh->name,
                         (unsigned)limit, wb->nheader);
    char next_name[FAST_MAX_SHEET_NAME_CHARS * 4 + 16];
    uint32_t k;
    if (full)
        next_continuation(wb, sh, next_name, &k);
    fast_status st = full ? check_row(wb, next_name, &sh->setup, (uint32_t)wb->nheader + 1, cells, n, row_format)
                          : check_row(wb, sh->name, &sh->setup, sh->rows + 1, cells, n, row_format);
    if (st != FAST_OK)
        return st;
    if (!full && sh->chain_index == 1 && sh->rows < wb->chain_header_rows) {
        size_t bytes = header_row_bytes(cells, n);
        if (bytes > wb->row_memory || wb->header_bytes > wb->row_memory - bytes)
            return fx_reject(&wb->err, FAST_ERROR_MEMORY_LIMIT,
                             "sheet '%s', row %u: header rows kept to repeat on continuation sheets would take "
                             "%zu bytes, more than the row memory limit of %zu "
                             "(fast_workbook_set_row_memory_limit)",
                             sh->name, (unsigned)sh->rows + 1, wb->header_bytes + bytes, wb->row_memory);
    }
    /* The tables' rules, their totals and calculated columns: the last check. */
    if ((st = fx_tables_row(wb, full, &cells, &n)) != FAST_OK)
        return st;
    if (!full)
        fx_charts_row(wb, (size_t)(sh - wb->sheets), sh->rows, cells, n);
    /* From here on the row is being written: a failure leaves it half-written,
     * so it is sticky whatever its kind. */
    st = write_checked_row(wb, full, cells, n, row_format, height);
    return st == FAST_OK ? st : fx_stick(&wb->err, st);
}
