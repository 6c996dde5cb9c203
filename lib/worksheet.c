/*
 * worksheet.c - rows and cells to xl/worksheets/sheetN.xml (ECMA-376 Part 1
 * §18.3, CT_Worksheet), worksheet name rules, and the used range.
 *
 * The used range goes in <dimension ref> near the top of the part, but is known
 * only at the end. When the output can be patched, the part's head is written as
 * a ZIP entry prefix (a stored deflate block at a known offset) with a
 * fixed-width placeholder, and replaced in place when the sheet ends. Otherwise
 * <dimension> is left out, which the schema allows (minOccurs="0").
 */
#include "internal.h"
#include "workbook.h"
#include "xml.h"

#include <math.h>
#include <stdio.h>

static const char sheet_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";

/* Widest possible <dimension>: sets the width of the patched region. */
#define WIDEST_DIMENSION "<dimension ref=\"A1:XFD1048576\"/>"

/* ---- worksheet names ----------------------------------------------------- */

/* Decode one code point of valid UTF-8 at *@p. */
static uint32_t next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    if (c < 0x80) {
        *p = s + 1;
        return c;
    }
    if (c < 0xE0) {
        *p = s + 2;
        return ((c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c < 0xF0) {
        *p = s + 3;
        return ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *p = s + 4;
    return ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) |
           (s[3] & 0x3F);
}

/* Simple case folding for the scripts sheet names most often use. */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c < 0xC0)
        return c;
    if (c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        /* Latin Extended-A: upper case at even code points, except the odd runs. */
        int odd_run = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
            return c;
        return ((c & 1) == (odd_run ? 1u : 0u)) ? c + 1 : c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

static int same_name(const char *a, size_t alen, const char *b, size_t blen)
{
    const unsigned char *p = (const unsigned char *)a, *pe = p + alen;
    const unsigned char *q = (const unsigned char *)b, *qe = q + blen;
    while (p < pe && q < qe)
        if (fold(next_cp(&p)) != fold(next_cp(&q)))
            return 0;
    return p == pe && q == qe;
}

const fx_sheet *fx_sheet_name_in_use(const fast_workbook *wb, const char *name, size_t len)
{
    for (size_t i = 0; i < wb->nsheets; i++)
        if (same_name(wb->sheets[i].name, wb->sheets[i].name_len, name, len))
            return &wb->sheets[i];
    return NULL;
}

fast_status fx_sheet_check_name(fast_workbook *wb, const char *name, size_t len)
{
    const fx_sheet *other;
    size_t chars, bad;
    if (len == 0)
        return fx_fail(&wb->err, FAST_ERROR_SHEET_NAME, "worksheet name is empty");
    if (!fx_utf8_check(name, len, &chars, &bad))
        return fx_fail(&wb->err, FAST_ERROR_INVALID_UTF8, "worksheet name: invalid UTF-8 at byte %zu",
                       bad);
    int shown = len > 200 ? 200 : (int)len;
    if (chars > FAST_MAX_SHEET_NAME_CHARS)
        return fx_fail(&wb->err, FAST_ERROR_SHEET_NAME,
                       "worksheet name '%.*s' has %zu characters; at most 31 are allowed", shown, name,
                       chars);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7F)
            return fx_fail(&wb->err, FAST_ERROR_SHEET_NAME,
                           "worksheet name: control character 0x%02X at byte %zu is not allowed", c,
                           i + 1);
        if (strchr(":\\/?*[]", c) && c)
            return fx_fail(&wb->err, FAST_ERROR_SHEET_NAME,
                           "worksheet name '%.*s' contains '%c', which is not allowed (none of : \\ / ? * [ ])",
                           shown, name, c);
    }
    if (name[0] == '\'' || name[len - 1] == '\'')
        return fx_fail(&wb->err, FAST_ERROR_SHEET_NAME,
                       "worksheet name '%.*s' starts or ends with an apostrophe", shown, name);
    if ((other = fx_sheet_name_in_use(wb, name, len)) != NULL)
        return fx_fail(&wb->err, FAST_ERROR_DUPLICATE_SHEET_NAME,
                       "worksheet name '%.*s' is already used by sheet '%s' (names are compared "
                       "case-insensitively)",
                       shown, name, other->name);
    return FAST_OK;
}

/* ---- the part ------------------------------------------------------------ */

static size_t a1_range(const fx_sheet *sh, char *out)
{
    size_t k = 0;
    if (!sh->has_cells) {
        memcpy(out, "A1", 2);
        return 2;
    }
    k += fx_col_name(sh->min_col - 1, out + k);
    k += fx_u64_to_text(sh->min_row, out + k);
    if (sh->min_row != sh->max_row || sh->min_col != sh->max_col) {
        out[k++] = ':';
        k += fx_col_name(sh->max_col - 1, out + k);
        k += fx_u64_to_text(sh->max_row, out + k);
    }
    return k;
}

/* The head of the part with a <dimension> padded to the widest one's length. */
static size_t build_prefix(const fx_sheet *sh, char *out)
{
    size_t k = sizeof sheet_head - 1;
    memcpy(out, sheet_head, k);
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

static fast_status sheet_begin(fast_workbook *wb, fx_sheet *sh)
{
    char name[48];
    snprintf(name, sizeof name, "xl/worksheets/sheet%u.xml", (unsigned)sh->number);
    fast_status st = fx_zip_begin(&wb->zip, name);
    if (st != FAST_OK)
        return st;
    sh->begun = 1;
    if (wb->sink.seekable) {
        char prefix[FX_SHEET_PREFIX_MAX];
        sh->prefix_len = build_prefix(sh, prefix);
        st = fx_zip_write_prefix(&wb->zip, prefix, sh->prefix_len);
    } else {
        st = fx_xb_write(&wb->xb, sheet_head, sizeof sheet_head - 1);
    }
    if (st == FAST_OK)
        st = fx_xb_puts(&wb->xb, "<sheetData>");
    return st;
}

fast_status fx_sheet_finish(fast_workbook *wb, fx_sheet *sh)
{
    fast_status st = FAST_OK;
    if (!sh->begun)
        st = sheet_begin(wb, sh);
    if (st == FAST_OK)
        st = fx_xb_puts(&wb->xb, "</sheetData></worksheet>");
    if (st == FAST_OK)
        st = fx_xb_flush(&wb->xb);
    if (st != FAST_OK)
        return st;
    char prefix[FX_SHEET_PREFIX_MAX];
    if (sh->prefix_len)
        build_prefix(sh, prefix);
    return fx_zip_end(&wb->zip, sh->prefix_len ? prefix : NULL);
}

/* ---- rows ---------------------------------------------------------------- */

static fast_status cell_fail(fast_workbook *wb, const fx_sheet *sh, uint32_t row, size_t col,
                             fast_status st, const char *what)
{
    char colname[FX_COL_NAME_MAX + 1];
    colname[fx_col_name((uint32_t)col, colname)] = 0;
    return fx_fail(&wb->err, st, "sheet '%s', row %u, column %s: %s", sh->name, (unsigned)row,
                   colname, what);
}

/* Check every cell before anything of the row is written. */
static fast_status check_row(fast_workbook *wb, const fx_sheet *sh, const fx_cell *cells, size_t n)
{
    uint32_t row = sh->rows + 1;
    if (sh->rows >= FAST_MAX_ROWS)
        return fx_fail(&wb->err, FAST_ERROR_ROW_LIMIT,
                       "sheet '%s': row %u is beyond the limit of %u rows per worksheet", sh->name,
                       (unsigned)row, FAST_MAX_ROWS);
    if (n > FAST_MAX_COLUMNS)
        return fx_fail(&wb->err, FAST_ERROR_COLUMN_LIMIT,
                       "sheet '%s', row %u: %zu cells is beyond the limit of %u columns", sh->name,
                       (unsigned)row, n, FAST_MAX_COLUMNS);
    for (size_t i = 0; i < n; i++) {
        const fx_cell *c = &cells[i];
        size_t chars, bad;
        char what[80];
        switch (c->type) {
        case FX_CELL_STRING:
            if (!fx_utf8_check(c->v.str.ptr, c->v.str.len, &chars, &bad)) {
                snprintf(what, sizeof what, "invalid UTF-8 at byte %zu", bad);
                return cell_fail(wb, sh, row, i, FAST_ERROR_INVALID_UTF8, what);
            }
            if (chars > FAST_MAX_STRING_CHARS) {
                snprintf(what, sizeof what, "text of %zu characters is longer than the limit of %u",
                         chars, FAST_MAX_STRING_CHARS);
                return cell_fail(wb, sh, row, i, FAST_ERROR_STRING_TOO_LONG, what);
            }
            break;
        case FX_CELL_NUMBER:
            if (!isfinite(c->v.num))
                return cell_fail(wb, sh, row, i, FAST_ERROR_NONFINITE_NUMBER,
                                 isnan(c->v.num) ? "number is NaN" : "number is infinite");
            break;
        default:
            break;
        }
    }
    return FAST_OK;
}

fast_status fx_sheet_write_row(fast_workbook *wb, fx_sheet *sh, const fx_cell *cells, size_t n)
{
    fast_status st = check_row(wb, sh, cells, n);
    if (st != FAST_OK)
        return st;
    if (!sh->begun && (st = sheet_begin(wb, sh)) != FAST_OK)
        return st;

    uint32_t row = ++sh->rows;
    size_t first = 0, last = n;
    while (first < n && cells[first].type == FX_CELL_BLANK)
        first++;
    while (last > first && cells[last - 1].type == FX_CELL_BLANK)
        last--;
    if (first < last) {
        fx_xmlbuf *xb = &wb->xb;
        char rtext[8];
        size_t rlen = fx_u64_to_text(row, rtext);
        if ((st = fx_xb_reserve(xb, 32)) != FAST_OK)
            return st;
        FX_XB_LIT(xb, "<row r=\"");
        memcpy(fx_xb_tail(xb), rtext, rlen);
        xb->len += rlen;
        FX_XB_LIT(xb, "\">");
        for (size_t i = first; i < last; i++) {
            const fx_cell *c = &cells[i];
            if (c->type == FX_CELL_BLANK)
                continue;
            if ((st = fx_xb_reserve(xb, 96)) != FAST_OK)
                return st;
            FX_XB_LIT(xb, "<c r=\"");
            xb->len += fx_col_name((uint32_t)i, fx_xb_tail(xb));
            memcpy(fx_xb_tail(xb), rtext, rlen);
            xb->len += rlen;
            switch (c->type) {
            case FX_CELL_STRING: {
                uint32_t idx;
                int r = wb->sst.max_strings ? fx_sst_intern(&wb->sst, c->v.str.ptr, c->v.str.len, &idx) : 0;
                if (r < 0)
                    return fx_fail(&wb->err, FAST_ERROR_NOMEM,
                                   "sheet '%s', row %u: out of memory growing the shared strings table",
                                   sh->name, (unsigned)row);
                if (r > 0) {
                    FX_XB_LIT(xb, "\" t=\"s\"><v>");
                    xb->len += fx_u64_to_text(idx, fx_xb_tail(xb));
                    FX_XB_LIT(xb, "</v></c>");
                } else {
                    if (fx_xml_needs_preserve(c->v.str.ptr, c->v.str.len))
                        FX_XB_LIT(xb, "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                    else
                        FX_XB_LIT(xb, "\" t=\"inlineStr\"><is><t>");
                    st = fx_xml_write_escaped(xb, c->v.str.ptr, c->v.str.len, 0);
                    if (st == FAST_OK)
                        st = fx_xb_reserve(xb, 16);
                    if (st != FAST_OK)
                        return st;
                    FX_XB_LIT(xb, "</t></is></c>");
                }
                break;
            }
            case FX_CELL_NUMBER:
                FX_XB_LIT(xb, "\"><v>");
                xb->len += fx_double_to_text(c->v.num, fx_xb_tail(xb));
                FX_XB_LIT(xb, "</v></c>");
                break;
            case FX_CELL_INTEGER:
                FX_XB_LIT(xb, "\"><v>");
                xb->len += fx_i64_to_text(c->v.i64, fx_xb_tail(xb));
                FX_XB_LIT(xb, "</v></c>");
                break;
            case FX_CELL_BOOLEAN:
                FX_XB_LIT(xb, "\" t=\"b\"><v>");
                *fx_xb_tail(xb) = c->v.boolean ? '1' : '0';
                xb->len++;
                FX_XB_LIT(xb, "</v></c>");
                break;
            case FX_CELL_BLANK:
                break;
            }
        }
        if ((st = fx_xb_reserve(xb, 8)) != FAST_OK)
            return st;
        FX_XB_LIT(xb, "</row>");

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
    }
    if (wb->flush_interval && ++sh->rows_since_flush >= wb->flush_interval) {
        sh->rows_since_flush = 0;
        st = fx_xb_flush(&wb->xb);
        if (st == FAST_OK)
            st = fx_zip_flush(&wb->zip);
    }
    return st;
}
