/*
 * chart.c - charts (DrawingML charts, ECMA-376 Part 1 §21.2): the public calls,
 * the values series collect while their rows stream, and the chart parts,
 * xl/charts/chartN.xml, which drawing.c places in the sheet's drawing part
 * with a graphicFrame (§20.5.2.16) and writes after the sheet.
 *
 * The form is Excel's, as in the Excel-made chart_*.xlsx of XlsxWriter's test
 * suite: c:chartSpace with c:lang, c:chart (an optional c:title, c:plotArea
 * with one chart-type group and its axes, c:legend, c:plotVisOnly), then the
 * print settings. Series refer to their ranges with absolute references
 * ('Sheet'!$B$2:$B$13) and carry a cache of the values (c:numCache) and
 * categories (c:strCache or c:numCache): a series whose rows are written on
 * the chart's sheet after the chart was added collects them as they are written
 * (fx_charts_row(), called for every row; it does nothing when no series
 * collects). A series over rows already written, or on another sheet, has its
 * reference and an empty cache (the count of its points, none given: Apache
 * POI 4 fails on a reference without a cache); readers that do not recalculate
 * show it empty. Caches hold at most FAST_CHART_MAX_POINTS points per series;
 * past that, the cache is empty too.
 */
#include "internal.h"
#include "chart.h"
#include "names.h"
#include "package.h"
#include "reference.h"
#include "workbook.h"
#include "xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define CT_CHART FX_CT_PREFIX "drawingml.chart+xml"
#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NO_COL UINT32_MAX

static fast_status put(fx_xmlbuf *xb, const char *fmt, ...) FX_PRINTF(2, 3);
static fast_status put(fx_xmlbuf *xb, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        return FAST_ERROR_STATE;
    return fx_xb_write(xb, buf, (size_t)n);
}

static void series_free(fx_series *s)
{
    free(s->name);
    free(s->label_fmt);
    free(s->vals);
    free(s->catnums);
    if (s->cats)
        for (size_t i = 0; i < s->n; i++)
            free(s->cats[i]);
    free(s->cats);
}

void fx_charts_free(fast_workbook *wb)
{
    fx_charts *cs = wb->charts;
    if (!cs)
        return;
    for (size_t i = 0; i < cs->n; i++) {
        fast_chart *c = cs->v[i];
        for (size_t k = 0; k < c->ns; k++)
            series_free(&c->s[k]);
        free(c->s);
        free(c->title);
        free(c->val_fmt);
        free(c->axis[0].title);
        free(c->axis[1].title);
        free(c);
    }
    free(cs->v);
    free(cs);
    wb->charts = NULL;
}

FAST_API fast_status fast_workbook_add_chart(fast_workbook *wb, uint32_t row, uint32_t col, int type,
                                             fast_chart **chart)
{
    static const char fn[] = "fast_workbook_add_chart";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = fx_workbook_usable(wb, fn);
    if (st != FAST_OK)
        return st;
    fx_sheet *sh = fx_current_sheet(wb);
    if (!sh)
        return fx_reject(&wb->err, FAST_ERROR_STATE, "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    if (row >= FAST_MAX_ROWS || col >= FAST_MAX_COLUMNS || type < FAST_CHART_COLUMN || type > FAST_CHART_AREA)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: cell (%u, %u) out of range or unknown type %d",
                         fn, (unsigned)row, (unsigned)col, type);
    if (!wb->charts && !(wb->charts = calloc(1, sizeof *wb->charts)))
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    fx_charts *cs = wb->charts;
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 4;
        fast_chart **v = realloc(cs->v, cap * sizeof *v);
        if (!v)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
        cs->v = v;
        cs->cap = cap;
    }
    fast_chart *c = calloc(1, sizeof *c);
    if (!c)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    c->wb = wb;
    c->sheet = (size_t)(sh - wb->sheets);
    c->row = row;
    c->col = col;
    c->type = type;
    c->width = 480;
    c->height = 288;
    c->axis[FAST_CHART_AXIS_VALUE].gridlines = 1; /* Excel's default: the value axis' major gridlines */
    cs->v[cs->n++] = c;
    if (chart)
        *chart = c;
    return FAST_OK;
}

static fast_status setter(fast_chart *c, const char *fn)
{
    return c ? fx_sheet_object_usable(c->wb, fn, "chart", c->sheet, c->done) : FAST_ERROR_INVALID_ARGUMENT;
}

/* Check text for a chart (UTF-8, XML-safe, 1..255 characters) and copy it. */
static fast_status copy_text(fast_workbook *wb, const char *fn, const char *what, const char *t, size_t len,
                             char **out, size_t *out_len)
{
    size_t chars, bad;
    unsigned cp;
    if (!t || len == 0)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: empty or NULL %s", fn, what);
    if (!fx_utf8_check(t, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: %s: invalid UTF-8 at byte %zu", fn, what, bad);
    size_t at = fx_has_xml_controls(t, len, &cp);
    if (at)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: %s: character U+%04X at byte %zu cannot be stored in XML", fn, what, cp, at);
    if (chars > 255)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %s of %zu characters; at most 255", fn, what,
                         chars);
    char *copy = malloc(len + 1);
    if (!copy)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    memcpy(copy, t, len);
    copy[len] = 0;
    free(*out);
    *out = copy;
    *out_len = len;
    return FAST_OK;
}

FAST_API fast_status fast_chart_add_series(fast_chart *c, const char *sheet, size_t sheet_len, uint32_t first_row,
                                           uint32_t last_row, uint32_t categories_col, uint32_t values_col)
{
    static const char fn[] = "fast_chart_add_series";
    fast_status st = setter(c, fn);
    if (st != FAST_OK)
        return st;
    fast_workbook *wb = c->wb;
    if (!sheet && sheet_len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL sheet name with a length", fn);
    if (first_row >= FAST_MAX_ROWS || (last_row != FAST_LAST_ROW && (last_row >= FAST_MAX_ROWS || last_row < first_row)) ||
        values_col >= FAST_MAX_COLUMNS || (categories_col != FAST_CHART_NO_CATEGORIES && categories_col >= FAST_MAX_COLUMNS))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: rows %u..%u, categories column %u, values column %u out of range or reversed", fn,
                         (unsigned)first_row, (unsigned)last_row, (unsigned)categories_col, (unsigned)values_col);
    size_t si = c->sheet;
    if (sheet_len) {
        size_t i = 0;
        while (i < wb->nsheets && !fx_name_equal(wb->sheets[i].name, wb->sheets[i].name_len, sheet, sheet_len))
            i++;
        if (i == wb->nsheets)
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: no sheet named '%.*s' (yet)", fn,
                             sheet_len > 100 ? 100 : (int)sheet_len, sheet);
        si = i;
    }
    const fx_sheet *sh = &wb->sheets[si];
    fx_sheet *cur = fx_current_sheet(wb);
    int current = sh == cur;
    if (last_row == FAST_LAST_ROW && !current && !sh->finished)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: FAST_LAST_ROW on sheet '%s', which is neither the current sheet nor ended", fn,
                         sh->name);
    fx_series *v = realloc(c->s, (c->ns + 1) * sizeof *v);
    if (!v)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    c->s = v;
    fx_series *s = &c->s[c->ns++];
    memset(s, 0, sizeof *s);
    s->sheet = si;
    s->r1 = first_row;
    s->r2 = last_row;
    if (last_row == FAST_LAST_ROW && !current) /* an ended sheet: its last row is known */
        s->r2 = sh->rows > first_row ? sh->rows - 1 : first_row;
    s->cat_col = categories_col;
    s->val_col = values_col;
    /* Collect the values if none of the rows is written yet and they come on this sheet. */
    s->collect = current && first_row >= sh->rows;
    s->cache_ok = s->collect;
    if (s->collect)
        wb->charts->collecting = 1;
    return FAST_OK;
}

/* Series @k of chart @c for a series call @fn (after setter()), or NULL with
 * the status in *@st (refused: no such series). */
static fx_series *series_at(fast_chart *c, const char *fn, size_t k, fast_status *st)
{
    if ((*st = setter(c, fn)) != FAST_OK)
        return NULL;
    if (k >= c->ns) {
        *st = fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: series %zu of %zu", fn, k, c->ns);
        return NULL;
    }
    return &c->s[k];
}

FAST_API fast_status fast_chart_set_series_name(fast_chart *c, size_t series, const char *name, size_t len)
{
    static const char fn[] = "fast_chart_set_series_name";
    fast_status st;
    fx_series *s = series_at(c, fn, series, &st);
    if (!s)
        return st;
    return copy_text(c->wb, fn, "series name", name, len, &s->name, &s->name_len);
}

FAST_API fast_status fast_chart_set_series_color(fast_chart *c, size_t series, uint32_t rgb)
{
    static const char fn[] = "fast_chart_set_series_color";
    fast_status st;
    fx_series *s = series_at(c, fn, series, &st);
    if (!s)
        return st;
    if (rgb > 0xFFFFFF)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: colour 0x%X is not 0xRRGGBB", fn,
                         (unsigned)rgb);
    s->has_color = 1;
    s->color = rgb;
    return FAST_OK;
}

FAST_API fast_status fast_chart_set_series_labels(fast_chart *c, size_t series, unsigned int labels)
{
    static const char fn[] = "fast_chart_set_series_labels";
    fast_status st;
    fx_series *s = series_at(c, fn, series, &st);
    if (!s)
        return st;
    unsigned all = FAST_CHART_LABEL_VALUE | FAST_CHART_LABEL_CATEGORY | FAST_CHART_LABEL_SERIES_NAME |
                   FAST_CHART_LABEL_PERCENT;
    if (labels & ~all)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: unknown label bits 0x%X", fn,
                         labels & ~all);
    if ((labels & FAST_CHART_LABEL_PERCENT) && c->type != FAST_CHART_PIE && c->type != FAST_CHART_DOUGHNUT)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: percentage labels are for pie and doughnut charts only", fn);
    s->labels = labels;
    return FAST_OK;
}

FAST_API fast_status fast_chart_set_series_labels_number_format(fast_chart *c, size_t series, const char *format,
                                                               size_t len)
{
    static const char fn[] = "fast_chart_set_series_labels_number_format";
    fast_status st;
    fx_series *s = series_at(c, fn, series, &st);
    if (!s)
        return st;
    return copy_text(c->wb, fn, "number format", format, len, &s->label_fmt, &s->label_fmt_len);
}

/* Refuse an axis option on a chart without axes. */
static fast_status has_axes(fast_chart *c, const char *fn)
{
    if (c->type == FAST_CHART_PIE || c->type == FAST_CHART_DOUGHNUT)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: pie and doughnut charts have no axes", fn);
    return FAST_OK;
}

FAST_API fast_status fast_chart_set_value_axis_number_format(fast_chart *c, const char *format, size_t len)
{
    static const char fn[] = "fast_chart_set_value_axis_number_format";
    fast_status st = setter(c, fn);
    if (st == FAST_OK)
        st = has_axes(c, fn);
    if (st != FAST_OK)
        return st;
    return copy_text(c->wb, fn, "number format", format, len, &c->val_fmt, &c->val_fmt_len);
}

/* The axis @axis of chart @c for an axis call @fn (after setter()), or NULL
 * with the status in *@st (refused: no axes, unknown axis). */
static fx_axis *axis_at(fast_chart *c, const char *fn, int axis, fast_status *st)
{
    if ((*st = setter(c, fn)) != FAST_OK || (*st = has_axes(c, fn)) != FAST_OK)
        return NULL;
    if (axis != FAST_CHART_AXIS_CATEGORY && axis != FAST_CHART_AXIS_VALUE) {
        *st = fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                        "%s: unknown axis %d (FAST_CHART_AXIS_CATEGORY or FAST_CHART_AXIS_VALUE)", fn, axis);
        return NULL;
    }
    return &c->axis[axis];
}

FAST_API fast_status fast_chart_set_axis_title(fast_chart *c, int axis, const char *title, size_t len)
{
    static const char fn[] = "fast_chart_set_axis_title";
    fast_status st;
    fx_axis *a = axis_at(c, fn, axis, &st);
    if (!a)
        return st;
    return copy_text(c->wb, fn, "axis title", title, len, &a->title, &a->title_len);
}

FAST_API fast_status fast_chart_set_axis_range(fast_chart *c, int axis, double min, double max)
{
    static const char fn[] = "fast_chart_set_axis_range";
    fast_status st;
    fx_axis *a = axis_at(c, fn, axis, &st);
    if (!a)
        return st;
    /* A category axis counts categories: only a scatter chart's x axis (a c:valAx) has a numeric scale. */
    if (axis == FAST_CHART_AXIS_CATEGORY && c->type != FAST_CHART_SCATTER)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: the category axis has no numeric range (only a scatter chart's x axis has one)", fn);
    if (!isfinite(min) || !isfinite(max))
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: minimum %g and maximum %g must be finite",
                         fn, min, max);
    if (!(min < max))
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: minimum %g is not below maximum %g", fn,
                         min, max);
    a->has_range = 1;
    a->min = min;
    a->max = max;
    return FAST_OK;
}

FAST_API fast_status fast_chart_set_axis_gridlines(fast_chart *c, int axis, int shown)
{
    static const char fn[] = "fast_chart_set_axis_gridlines";
    fast_status st;
    fx_axis *a = axis_at(c, fn, axis, &st);
    if (!a)
        return st;
    if (shown != 0 && shown != 1)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: shown is %d; 0 (hidden) or 1 (shown)", fn,
                         shown);
    a->gridlines = shown;
    return FAST_OK;
}

FAST_API fast_status fast_chart_set_title(fast_chart *c, const char *title, size_t len)
{
    static const char fn[] = "fast_chart_set_title";
    fast_status st = setter(c, fn);
    if (st != FAST_OK)
        return st;
    return copy_text(c->wb, fn, "title", title, len, &c->title, &c->title_len);
}

FAST_API fast_status fast_chart_set_legend(fast_chart *c, int position)
{
    static const char fn[] = "fast_chart_set_legend";
    fast_status st = setter(c, fn);
    if (st != FAST_OK)
        return st;
    if (position < FAST_CHART_LEGEND_RIGHT || position > FAST_CHART_LEGEND_NONE)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: unknown legend position %d", fn, position);
    c->legend = position;
    return FAST_OK;
}

FAST_API fast_status fast_chart_set_size(fast_chart *c, uint32_t width, uint32_t height)
{
    static const char fn[] = "fast_chart_set_size";
    fast_status st = setter(c, fn);
    if (st != FAST_OK)
        return st;
    if (width < 10 || height < 10 || width > 10000 || height > 10000)
        return fx_reject(&c->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %ux%u pixels; each 10..10000", fn,
                         (unsigned)width, (unsigned)height);
    c->width = width;
    c->height = height;
    return FAST_OK;
}

/* ---- collecting values ------------------------------------------------------------------ */

static const fx_cell *cell_at(const fx_cell *cells, size_t n, uint32_t col)
{
    return col < n ? &cells[col] : NULL;
}

static double number_of(const fx_cell *c)
{
    if (!c)
        return NAN;
    switch (c->type) {
    case FX_CELL_NUMBER: return c->v.num;
    case FX_CELL_INTEGER: return (double)c->v.i64;
    case FX_CELL_BOOLEAN: return c->v.boolean ? 1 : 0;
    case FX_CELL_FORMULA: return c->cached == FX_CACHED_NUMBER ? c->v.formula.value.num : NAN;
    default: return NAN;
    }
}

static void collect(fx_series *s, const fx_cell *cells, size_t n)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        if (s->n >= FAST_CHART_MAX_POINTS) {
            s->cache_ok = 0; /* past the cap: no cache at all */
            s->collect = 0;
            return;
        }
        double *v = realloc(s->vals, cap * sizeof *v);
        if (v)
            s->vals = v;
        double *cn = v && s->cat_col != NO_COL ? realloc(s->catnums, cap * sizeof *cn) : s->catnums;
        if (cn)
            s->catnums = cn;
        char **ct = v && cn && s->cat_col != NO_COL ? realloc(s->cats, cap * sizeof *ct) : s->cats;
        if (ct)
            s->cats = ct;
        if (!v || (s->cat_col != NO_COL && (!cn || !ct))) {
            s->cache_ok = 0; /* out of memory: the chart goes without a cache */
            s->collect = 0;
            return;
        }
        s->cap = cap;
    }
    s->vals[s->n] = number_of(cell_at(cells, n, s->val_col));
    if (s->cat_col != NO_COL) {
        const fx_cell *c = cell_at(cells, n, s->cat_col);
        s->catnums[s->n] = number_of(c);
        s->cats[s->n] = NULL;
        if (c && c->type == FX_CELL_STRING) {
            char *t = malloc(c->v.str.len + 1);
            if (!t) {
                s->cache_ok = 0;
                s->collect = 0;
                return;
            }
            memcpy(t, c->v.str.ptr, c->v.str.len);
            t[c->v.str.len] = 0;
            s->cats[s->n] = t;
        }
    }
    s->n++;
}

void fx_charts_row(fast_workbook *wb, size_t sheet, uint32_t row0, const fx_cell *cells, size_t n)
{
    fx_charts *cs = wb->charts;
    if (!cs || !cs->collecting)
        return;
    for (size_t i = cs->sheet_first; i < cs->n; i++) {
        fast_chart *c = cs->v[i];
        for (size_t k = 0; k < c->ns; k++) {
            fx_series *s = &c->s[k];
            if (!s->collect || s->sheet != sheet || row0 < s->r1 || row0 > s->r2)
                continue;
            /* Rows skipped (none written between two rows): gaps. */
            while (s->collect && s->r1 + s->n < row0)
                collect(s, NULL, 0);
            if (s->collect)
                collect(s, cells, n);
        }
    }
}

/* ---- the chart part ------------------------------------------------------------------------ */

int fx_charts_of_sheet(const fast_workbook *wb, size_t si, size_t *first, size_t *end)
{
    const fx_charts *cs = wb->charts;
    if (!cs || cs->sheet_first == cs->n || cs->v[cs->sheet_first]->sheet != si)
        return 0;
    *first = cs->sheet_first;
    *end = cs->n;
    return 1;
}

fast_status fx_chart_anchor(fx_xmlbuf *xb, const fast_chart *c, size_t id, size_t rid)
{
    return put(xb,
               "<xdr:oneCellAnchor><xdr:from><xdr:col>%u</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>%u</xdr:row>"
               "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"%llu\" cy=\"%llu\"/>"
               "<xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"%zu\" name=\"Chart %zu\"/>"
               "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/>"
               "<a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm><a:graphic><a:graphicData uri=\"" NS_C "\">"
               "<c:chart xmlns:c=\"" NS_C "\" xmlns:r=\"" NS_R "\" r:id=\"rId%zu\"/></a:graphicData></a:graphic>"
               "</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>",
               (unsigned)c->col, (unsigned)c->row, (unsigned long long)c->width * 9525,
               (unsigned long long)c->height * 9525, id, id - 1, rid);
}

/* Sheet!$C$2:$C$13, or 'My sheet'!$C$2:$C$13 with each ' doubled: the sheet
 * quoted only when the formula grammar needs it, as Excel writes it. */
static fast_status write_ref(fx_xmlbuf *xb, const fx_sheet *sh, uint32_t col, uint32_t r1, uint32_t r2)
{
    int quoted = fx_sheet_name_needs_quotes(sh->name, sh->name_len);
    fast_status st = fx_xb_puts(xb, quoted ? "<c:f>'" : "<c:f>");
    for (size_t i = 0, from = 0; i <= sh->name_len && st == FAST_OK; i++) {
        if (i < sh->name_len && sh->name[i] != '\'')
            continue;
        st = fx_xml_write_plain(xb, sh->name + from, i - from);
        if (st == FAST_OK && i < sh->name_len)
            st = fx_xb_puts(xb, "''");
        from = i + 1;
    }
    char cn[FX_COL_NAME_MAX + 1];
    cn[fx_col_name(col, cn)] = 0;
    if (st == FAST_OK)
        st = put(xb, "%s!$%s$%u:$%s$%u</c:f>", quoted ? "'" : "", cn, (unsigned)r1 + 1, cn, (unsigned)r2 + 1);
    return st;
}

static fast_status write_num(fx_xmlbuf *xb, double v)
{
    char t[FX_DOUBLE_TEXT_MAX + 1];
    t[fx_double_to_text(v, t)] = 0;
    return put(xb, "<c:v>%s</c:v>", t);
}

/* c:numRef with its cache (if known) of @vals (NaN: a gap). */
static fast_status num_ref(fx_xmlbuf *xb, const fx_sheet *sh, uint32_t col, const fx_series *s, const double *vals)
{
    fast_status st = fx_xb_puts(xb, "<c:numRef>");
    if (st == FAST_OK)
        st = write_ref(xb, sh, col, s->r1, s->r2);
    /* A series without collected values gets an empty cache (its points
     * count, none given), as Apache POI 4 fails on a reference without one. */
    if (st == FAST_OK) {
        size_t count = (size_t)(s->r2 - s->r1) + 1;
        st = put(xb, "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"%zu\"/>", count);
        for (size_t i = 0; s->cache_ok && i < s->n && i < count && st == FAST_OK; i++) {
            if (isnan(vals[i]))
                continue;
            st = put(xb, "<c:pt idx=\"%zu\">", i);
            if (st == FAST_OK)
                st = write_num(xb, vals[i]);
            if (st == FAST_OK)
                st = fx_xb_puts(xb, "</c:pt>");
        }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</c:numCache>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</c:numRef>");
    return st;
}

static fast_status str_ref(fx_xmlbuf *xb, const fx_sheet *sh, const fx_series *s)
{
    fast_status st = fx_xb_puts(xb, "<c:strRef>");
    if (st == FAST_OK)
        st = write_ref(xb, sh, s->cat_col, s->r1, s->r2);
    if (st == FAST_OK) {
        size_t count = (size_t)(s->r2 - s->r1) + 1;
        st = put(xb, "<c:strCache><c:ptCount val=\"%zu\"/>", count);
        for (size_t i = 0; s->cache_ok && i < s->n && i < count && st == FAST_OK; i++) {
            if (!s->cats[i] && isnan(s->catnums[i]))
                continue;
            st = put(xb, "<c:pt idx=\"%zu\"><c:v>", i);
            if (st == FAST_OK && s->cats[i])
                st = fx_xml_write_escaped(xb, s->cats[i], strlen(s->cats[i]), 0);
            else if (st == FAST_OK) {
                char t[FX_DOUBLE_TEXT_MAX + 1];
                t[fx_double_to_text(s->catnums[i], t)] = 0;
                st = fx_xb_puts(xb, t);
            }
            if (st == FAST_OK)
                st = fx_xb_puts(xb, "</c:v></c:pt>");
        }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</c:strCache>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</c:strRef>");
    return st;
}

/* Do the categories hold text (c:strRef) or only numbers (c:numRef)? */
static int cats_are_text(const fx_series *s)
{
    if (!s->cache_ok)
        return 1;
    for (size_t i = 0; i < s->n; i++)
        if (s->cats[i])
            return 1;
    return 0;
}

/* c:numFmt of a caller's format code (CT_NumFmt §21.2.2.121), not linked to the cells. */
static fast_status num_fmt(fx_xmlbuf *xb, const char *code, size_t len)
{
    fast_status st = fx_xb_puts(xb, "<c:numFmt formatCode=\"");
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, code, len, 1);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "\" sourceLinked=\"0\"/>");
    return st;
}

static fast_status write_series(fx_xmlbuf *xb, fast_workbook *wb, const fast_chart *c, size_t k)
{
    const fx_series *s = &c->s[k];
    const fx_sheet *sh = &wb->sheets[s->sheet];
    int scatter = c->type == FAST_CHART_SCATTER;
    int line = c->type == FAST_CHART_LINE || c->type == FAST_CHART_LINE_MARKERS || scatter;
    fast_status st = put(xb, "<c:ser><c:idx val=\"%zu\"/><c:order val=\"%zu\"/>", k, k);
    if (st == FAST_OK && s->name) {
        st = fx_xb_puts(xb, "<c:tx><c:v>");
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, s->name, s->name_len, 0);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</c:v></c:tx>");
    }
    if (st == FAST_OK && s->has_color) {
        st = line ? put(xb, "<c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"%06X\"/></a:solidFill></a:ln>"
                            "</c:spPr>",
                        (unsigned)s->color)
                  : put(xb, "<c:spPr><a:solidFill><a:srgbClr val=\"%06X\"/></a:solidFill></c:spPr>",
                        (unsigned)s->color);
    }
    if (st == FAST_OK && (c->type == FAST_CHART_LINE || scatter))
        st = fx_xb_puts(xb, "<c:marker><c:symbol val=\"none\"/></c:marker>");
    /* CT_DLbls (§21.2.2.49), after the marker and before the categories in every CT_*Ser. */
    if (st == FAST_OK && s->labels)
        st = fx_xb_puts(xb, "<c:dLbls>");
    if (st == FAST_OK && s->labels && s->label_fmt)
        st = num_fmt(xb, s->label_fmt, s->label_fmt_len);
    if (st == FAST_OK && s->labels)
        st = put(xb,
                 "<c:showLegendKey val=\"0\"/><c:showVal val=\"%d\"/><c:showCatName val=\"%d\"/>"
                 "<c:showSerName val=\"%d\"/><c:showPercent val=\"%d\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
                 !!(s->labels & FAST_CHART_LABEL_VALUE), !!(s->labels & FAST_CHART_LABEL_CATEGORY),
                 !!(s->labels & FAST_CHART_LABEL_SERIES_NAME), !!(s->labels & FAST_CHART_LABEL_PERCENT));
    if (st == FAST_OK && s->cat_col != NO_COL) {
        st = fx_xb_puts(xb, scatter ? "<c:xVal>" : "<c:cat>");
        if (st == FAST_OK)
            st = !scatter && cats_are_text(s) ? str_ref(xb, sh, s) : num_ref(xb, sh, s->cat_col, s, s->catnums);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, scatter ? "</c:xVal>" : "</c:cat>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, scatter ? "<c:yVal>" : "<c:val>");
    if (st == FAST_OK)
        st = num_ref(xb, sh, s->val_col, s, s->vals);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, scatter ? "</c:yVal>" : "</c:val>");
    if (st == FAST_OK && c->type == FAST_CHART_LINE_MARKERS)
        st = fx_xb_puts(xb, "<c:smooth val=\"0\"/>");
    if (st == FAST_OK && (c->type == FAST_CHART_LINE || scatter))
        st = fx_xb_puts(xb, "<c:smooth val=\"0\"/>");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</c:ser>");
    return st;
}

#define AX1 "50010001"
#define AX2 "50010002"

/* The value axis' c:numFmt: the caller's, or the default (linked to the cells; 0% on percent stacked). */
static fast_status val_num_fmt(fx_xmlbuf *xb, const fast_chart *c)
{
    if (c->val_fmt)
        return num_fmt(xb, c->val_fmt, c->val_fmt_len);
    int pct = c->type == FAST_CHART_COLUMN_PERCENT || c->type == FAST_CHART_BAR_PERCENT;
    return fx_xb_puts(xb, pct ? "<c:numFmt formatCode=\"0%\" sourceLinked=\"0\"/>"
                              : "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>");
}

/* An axis title (CT_Title §21.2.2.210) in Excel's form: rich text, its own layout; a vertical
 * axis' title (axPos "l") turned to read upwards. */
static fast_status axis_title(fx_xmlbuf *xb, const fx_axis *a, int vertical)
{
    fast_status st = put(xb, "<c:title><c:tx><c:rich><a:bodyPr%s/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>"
                             "<a:r><a:rPr lang=\"en-US\"/><a:t>",
                         vertical ? " rot=\"-5400000\" vert=\"horz\"" : "");
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, a->title, a->title_len, 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</a:t></a:r></a:p></c:rich></c:tx><c:layout/></c:title>");
    return st;
}

/*
 * Axis @which (0: category or x, 1: value or y) as c:catAx (CT_CatAx) or c:valAx
 * (CT_ValAx), at @pos, in the schema's order: axId, scaling (CT_Scaling: orientation,
 * max §21.2.2.108, min §21.2.2.112), axPos, majorGridlines, title, numFmt,
 * tickLblPos, crossAx, crosses, then the kind's own elements.
 */
static fast_status write_axis(fx_xmlbuf *xb, const fast_chart *c, int which, int cat, const char *pos)
{
    const fx_axis *a = &c->axis[which];
    const char *kind = cat ? "catAx" : "valAx";
    fast_status st = put(xb, "<c:%s><c:axId val=\"%s\"/><c:scaling><c:orientation val=\"minMax\"/>", kind,
                         which ? AX2 : AX1);
    if (st == FAST_OK && a->has_range) {
        char lo[FX_DOUBLE_TEXT_MAX + 1], hi[FX_DOUBLE_TEXT_MAX + 1];
        lo[fx_double_to_text(a->min, lo)] = 0;
        hi[fx_double_to_text(a->max, hi)] = 0;
        st = put(xb, "<c:max val=\"%s\"/><c:min val=\"%s\"/>", hi, lo);
    }
    if (st == FAST_OK)
        st = put(xb, "</c:scaling><c:axPos val=\"%s\"/>", pos);
    if (st == FAST_OK && a->gridlines)
        st = fx_xb_puts(xb, "<c:majorGridlines/>");
    if (st == FAST_OK && a->title)
        st = axis_title(xb, a, pos[0] == 'l');
    if (st == FAST_OK && !cat)
        st = which ? val_num_fmt(xb, c) : fx_xb_puts(xb, "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>");
    if (st == FAST_OK)
        st = put(xb, "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"%s\"/><c:crosses val=\"autoZero\"/>",
                 which ? AX1 : AX2);
    if (st != FAST_OK)
        return st;
    if (cat)
        return fx_xb_puts(xb, "<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>");
    int mid = c->type == FAST_CHART_SCATTER || c->type == FAST_CHART_AREA;
    return put(xb, "<c:crossBetween val=\"%s\"/></c:valAx>", mid ? "midCat" : "between");
}

/* The axes: a scatter chart's two value axes (x at the bottom), or a category axis and a
 * value axis (the categories on the left for horizontal bars). */
static fast_status write_axes(fx_xmlbuf *xb, const fast_chart *c)
{
    int type = c->type;
    int bar = type >= FAST_CHART_BAR && type <= FAST_CHART_BAR_PERCENT;
    fast_status st = write_axis(xb, c, 0, type != FAST_CHART_SCATTER, bar ? "l" : "b");
    if (st == FAST_OK)
        st = write_axis(xb, c, 1, 0, bar ? "b" : "l");
    return st;
}

static fast_status write_group(fx_xmlbuf *xb, fast_workbook *wb, const fast_chart *c)
{
    int t = c->type;
    fast_status st;
    const char *close;
    switch (t) {
    case FAST_CHART_COLUMN: case FAST_CHART_COLUMN_STACKED: case FAST_CHART_COLUMN_PERCENT:
    case FAST_CHART_BAR: case FAST_CHART_BAR_STACKED: case FAST_CHART_BAR_PERCENT: {
        int k = (t - FAST_CHART_COLUMN) % 3;
        st = put(xb, "<c:barChart><c:barDir val=\"%s\"/><c:grouping val=\"%s\"/>",
                 t >= FAST_CHART_BAR ? "bar" : "col", k == 0 ? "clustered" : k == 1 ? "stacked" : "percentStacked");
        close = k ? "<c:overlap val=\"100\"/><c:axId val=\"" AX1 "\"/><c:axId val=\"" AX2 "\"/></c:barChart>"
                  : "<c:axId val=\"" AX1 "\"/><c:axId val=\"" AX2 "\"/></c:barChart>";
        break;
    }
    case FAST_CHART_LINE: case FAST_CHART_LINE_MARKERS:
        st = fx_xb_puts(xb, "<c:lineChart><c:grouping val=\"standard\"/>");
        close = "<c:marker val=\"1\"/><c:axId val=\"" AX1 "\"/><c:axId val=\"" AX2 "\"/></c:lineChart>";
        break;
    case FAST_CHART_PIE:
        st = fx_xb_puts(xb, "<c:pieChart><c:varyColors val=\"1\"/>");
        close = "<c:firstSliceAng val=\"0\"/></c:pieChart>";
        break;
    case FAST_CHART_DOUGHNUT:
        st = fx_xb_puts(xb, "<c:doughnutChart><c:varyColors val=\"1\"/>");
        close = "<c:firstSliceAng val=\"0\"/><c:holeSize val=\"50\"/></c:doughnutChart>";
        break;
    case FAST_CHART_SCATTER:
        st = fx_xb_puts(xb, "<c:scatterChart><c:scatterStyle val=\"lineMarker\"/>");
        close = "<c:axId val=\"" AX1 "\"/><c:axId val=\"" AX2 "\"/></c:scatterChart>";
        break;
    default: /* area */
        st = fx_xb_puts(xb, "<c:areaChart><c:grouping val=\"standard\"/>");
        close = "<c:axId val=\"" AX1 "\"/><c:axId val=\"" AX2 "\"/></c:areaChart>";
        break;
    }
    for (size_t k = 0; k < c->ns && st == FAST_OK; k++)
        st = write_series(xb, wb, c, k);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, close);
    if (st == FAST_OK && t != FAST_CHART_PIE && t != FAST_CHART_DOUGHNUT)
        st = write_axes(xb, c);
    return st;
}

fast_status fx_chart_write_part(fast_workbook *wb, fast_chart *c, uint32_t *number)
{
    fx_charts *cs = wb->charts;
    /* Resolve FAST_LAST_ROW: the chart's sheet has just ended. */
    for (size_t k = 0; k < c->ns; k++) {
        fx_series *s = &c->s[k];
        const fx_sheet *sh = &wb->sheets[s->sheet];
        if (s->r2 == FAST_LAST_ROW)
            s->r2 = sh->rows > s->r1 ? sh->rows - 1 : s->r1;
        s->collect = 0;
        /* Rows of the range never written: gaps at the end of the cache. */
    }
    *number = ++cs->nparts;
    char part[FX_PART_NAME_MAX];
    snprintf(part, sizeof part, "xl/charts/chart%u.xml", (unsigned)*number);
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = fx_part_begin(wb, part, CT_CHART, 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, FX_XML_DECL "<c:chartSpace xmlns:c=\"" NS_C "\" xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R
                                        "\"><c:lang val=\"en-US\"/><c:chart>");
    if (st == FAST_OK && c->title) {
        st = fx_xb_puts(xb, "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>");
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, c->title, c->title_len, 0);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
                                "<c:autoTitleDeleted val=\"0\"/>");
    } else if (st == FAST_OK) {
        st = fx_xb_puts(xb, "<c:autoTitleDeleted val=\"1\"/>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "<c:plotArea><c:layout/>");
    if (st == FAST_OK)
        st = write_group(xb, wb, c);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</c:plotArea>");
    /* CT_Legend (§21.2.2.93): legendPos (ST_LegendPos), layout, overlay; none: no c:legend. */
    static const char *const pos[] = {"r", "l", "t", "b", "tr"};
    if (st == FAST_OK && c->legend != FAST_CHART_LEGEND_NONE)
        st = put(xb, "<c:legend><c:legendPos val=\"%s\"/><c:layout/><c:overlay val=\"0\"/></c:legend>",
                 pos[c->legend]);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
                            "<c:printSettings><c:headerFooter/><c:pageMargins b=\"0.75\" l=\"0.7\" r=\"0.7\" "
                            "t=\"0.75\" header=\"0.3\" footer=\"0.3\"/><c:pageSetup/></c:printSettings>"
                            "</c:chartSpace>");
    if (st == FAST_OK)
        st = fx_xb_flush(xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    c->done = 1;
    return st;
}
