/*
 * sheetview.c - how a worksheet shows: the setters of the "Sheet display"
 * part of fastxlsx.h and the XML they make: <sheet state> in xl/workbook.xml
 * (§18.2.19), sheetPr/tabColor (§18.3.1.82, §18.3.1.93), sheetView
 * showGridLines, rightToLeft, zoomScale (§18.3.1.87) and sheetFormatPr
 * defaultRowHeight (§18.3.1.81), attributes in the schema's order as Excel
 * writes them (XlsxWriter's test files made by Excel: hide_gridlines,
 * right_to_left, zoom, tab_color, set_default_row). All but the state are
 * written before the rows, so they must be set before the sheet's first row.
 *
 * The active sheet (fast_workbook_set_active_sheet()) is the one sheet written
 * with sheetView tabSelected="1" and the workbookView's activeTab (§18.2.30), as
 * Excel writes an activated sheet (XlsxWriter's simple03, firstsheet01). Its
 * tabSelected goes in its head, which cannot be patched later, so the name is
 * given before the first sheet's head and matched as sheets are added: the
 * first sheet is written without tabSelected once a name is set, and no two
 * sheets are ever selected (Excel would open them grouped, edits going to both).
 */
#include "internal.h"
#include "names.h"
#include "outline.h"
#include "print.h"
#include "rules.h"
#include "sheetview.h"
#include "xml.h"

#include <math.h>
#include <stdio.h>

fx_sheet *fx_view_early_sheet(fast_workbook *wb, const char *fn, fast_status *st)
{
    if (!wb) {
        *st = FAST_ERROR_INVALID_ARGUMENT;
        return NULL;
    }
    fx_sheet *sh = NULL;
    if ((*st = fx_rules_sheet(wb, fn, &sh)) != FAST_OK)
        return NULL;
    if (sh->rows > 0) {
        *st = fx_reject(&wb->err, FAST_ERROR_TOO_LATE,
                        "%s: sheet '%s' already has rows; this must come before its first row, because it is "
                        "written before the rows (ECMA-376 Part 1 §18.3.1.99)",
                        fn, sh->name);
        return NULL;
    }
    return sh;
}

FAST_API fast_status fast_workbook_set_sheet_state(fast_workbook *wb, int state)
{
    static const char fn[] = "fast_workbook_set_sheet_state";
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, fn, &st);
    if (!sh)
        return st;
    if (state != FAST_SHEET_VISIBLE && state != FAST_SHEET_HIDDEN && state != FAST_SHEET_VERY_HIDDEN)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown state %d", fn, sh->name,
                         state);
    /* The first sheet is the selected one and the workbook's first for printing:
     * it stays visible, so a visible sheet always comes before a hidden one. */
    if (state != FAST_SHEET_VISIBLE && sh->number == 1)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s' is the first sheet, which must stay visible (Excel needs a visible, "
                         "selected sheet); hide sheets after it",
                         fn, sh->name);
    if (state != FAST_SHEET_VISIBLE && sh->number == wb->active_sheet)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s' is the active sheet (fast_workbook_set_active_sheet), which Excel opens "
                         "at and must stay visible",
                         fn, sh->name);
    sh->setup.state = state;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_tab_color(fast_workbook *wb, int32_t rgb)
{
    static const char fn[] = "fast_workbook_set_tab_color";
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, fn, &st);
    if (!sh)
        return st;
    if (rgb < -1 || rgb > 0xFFFFFF)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': colour %ld is not 0xRRGGBB (0..0xFFFFFF) or -1", fn, sh->name, (long)rgb);
    sh->setup.has_tab_color = rgb >= 0;
    sh->setup.tab_color = rgb >= 0 ? (uint32_t)rgb : 0;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_gridlines_shown(fast_workbook *wb, int shown)
{
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, "fast_workbook_set_gridlines_shown", &st);
    if (!sh)
        return st;
    sh->setup.hide_gridlines = !shown;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_right_to_left(fast_workbook *wb, int on)
{
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, "fast_workbook_set_right_to_left", &st);
    if (!sh)
        return st;
    sh->setup.right_to_left = on != 0;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_zoom(fast_workbook *wb, uint32_t percent)
{
    static const char fn[] = "fast_workbook_set_zoom";
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, fn, &st);
    if (!sh)
        return st;
    if (percent < 10 || percent > 400)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': zoom %u%% is outside 10..400", fn,
                         sh->name, (unsigned)percent);
    sh->setup.zoom = percent == 100 ? 0 : percent;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_default_row_height(fast_workbook *wb, double points)
{
    static const char fn[] = "fast_workbook_set_default_row_height";
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, fn, &st);
    if (!sh)
        return st;
    if (!(points > 0 && points <= FAST_MAX_ROW_HEIGHT_POINTS)) /* NaN fails too */
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': height %g is not in (0, %d] points",
                         fn, sh->name, points, FAST_MAX_ROW_HEIGHT_POINTS);
    sh->setup.default_row_height = points;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_active_sheet(fast_workbook *wb, const char *name, size_t len)
{
    static const char fn[] = "fast_workbook_set_active_sheet";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = fx_workbook_usable(wb, fn);
    if (st != FAST_OK)
        return st;
    if (!name && len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL name of %zu bytes", fn, len);
    size_t chars, bad;
    if (!fx_utf8_check(name, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: the name has invalid UTF-8 at byte %zu", fn, bad);
    int shown = len > 200 ? 200 : (int)len;
    if (chars > FAST_MAX_SHEET_NAME_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                         "%s: '%.*s' has %zu characters; a sheet name has at most %u, so no sheet can match it", fn,
                         shown, name, chars, FAST_MAX_SHEET_NAME_CHARS);
    /* tabSelected is in each sheet's head: the first one decides whether it is selected. */
    if (wb->nsheets > 1 || (wb->nsheets && (wb->sheets[0].rows || wb->sheets[0].begun)))
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE,
                         "%s: the first sheet '%s' %s, so its head (with or without tabSelected) is written; the "
                         "active sheet must be named before the first sheet's first row",
                         fn, wb->sheets[0].name, wb->nsheets > 1 ? "is followed by another" : "already has rows");
    /* The one sheet there can be now is the first, which is always visible. */
    uint32_t match = wb->nsheets && len && fx_name_equal(wb->sheets[0].name, wb->sheets[0].name_len, name, len);
    if (len)
        memcpy(wb->active_name, name, len);
    wb->active_len = len;
    wb->active_sheet = match;
    return FAST_OK;
}

void fx_view_sheet_added(fast_workbook *wb, const fx_sheet *sh)
{
    /* A continuation of a hidden sheet is hidden too: it never becomes the active sheet. */
    if (wb->active_len && !wb->active_sheet && sh->setup.state == FAST_SHEET_VISIBLE &&
        fx_name_equal(sh->name, sh->name_len, wb->active_name, wb->active_len))
        wb->active_sheet = sh->number;
}

int fx_view_selected(const fast_workbook *wb, const fx_sheet *sh)
{
    return wb->active_len ? sh->number == wb->active_sheet : sh->number == 1;
}

fast_status fx_view_workbook_view(const fast_workbook *wb, fx_xmlbuf *xb)
{
    /* activeTab is 0-based; 0 is the default. The first sheet is always visible, so
     * firstSheet (the first tab shown in the tab bar) stays 0 and is left out. */
    if (wb->active_sheet <= 1)
        return fx_xb_puts(xb, "<bookViews><workbookView/></bookViews>");
    char buf[80];
    int n = snprintf(buf, sizeof buf, "<bookViews><workbookView activeTab=\"%u\"/></bookViews>",
                     (unsigned)wb->active_sheet - 1);
    return fx_xb_write(xb, buf, (size_t)n);
}

/* ---- the XML ------------------------------------------------------------------------ */

size_t fx_view_sheet_pr(const fx_sheet *sh, char *out)
{
    const fx_sheet_setup *su = &sh->setup;
    char fit[FX_SHEET_PR_MAX];
    size_t nfit = fx_print_sheet_pr(sh, fit);
    char outline[48];
    size_t nol = fx_outline_sheet_pr(sh, outline);
    if (!su->has_tab_color && !nfit && !nol)
        return 0;
    int n = snprintf(out, FX_SHEET_PR_MAX, "<sheetPr>");
    if (su->has_tab_color)
        n += snprintf(out + n, FX_SHEET_PR_MAX - (size_t)n, "<tabColor rgb=\"FF%06X\"/>", (unsigned)su->tab_color);
    memcpy(out + n, outline, nol); /* tabColor, outlinePr, pageSetUpPr (CT_SheetPr) */
    n += (int)nol;
    memcpy(out + n, fit, nfit);
    n += (int)nfit;
    memcpy(out + n, "</sheetPr>", 10);
    return (size_t)n + 10;
}

int fx_view_has_attrs(const fx_sheet *sh)
{
    return sh->setup.hide_gridlines || sh->setup.right_to_left || sh->setup.zoom;
}

fast_status fx_view_open(const fx_sheet *sh, fx_xmlbuf *xb, int selected)
{
    const fx_sheet_setup *su = &sh->setup;
    char buf[200];
    int n = snprintf(buf, sizeof buf, "<sheetViews><sheetView%s%s%s", su->hide_gridlines ? " showGridLines=\"0\"" : "",
                     su->right_to_left ? " rightToLeft=\"1\"" : "", selected ? " tabSelected=\"1\"" : "");
    if (su->zoom)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " zoomScale=\"%u\" zoomScaleNormal=\"%u\"", (unsigned)su->zoom,
                      (unsigned)su->zoom);
    n += snprintf(buf + n, sizeof buf - (size_t)n, " workbookViewId=\"0\"");
    return fx_xb_write(xb, buf, (size_t)n);
}

fast_status fx_view_format_pr(const fx_sheet *sh, fx_xmlbuf *xb)
{
    char levels[48];
    size_t nlevels = fx_outline_format_attrs(sh, levels);
    if (sh->setup.default_row_height <= 0 && !nlevels)
        return FAST_OK;
    /* defaultRowHeight is required: Excel's 15 points unless set. */
    char h[FX_DOUBLE_TEXT_MAX + 1];
    if (sh->setup.default_row_height > 0)
        h[fx_double_to_text(sh->setup.default_row_height, h)] = 0;
    else
        memcpy(h, "15", 3);
    fast_status st = fx_xb_puts(xb, "<sheetFormatPr defaultRowHeight=\"");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, h);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, sh->setup.default_row_height > 0 ? "\" customHeight=\"1\"" : "\"");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, levels);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "/>");
    return st;
}

const char *fx_view_state_attr(const fx_sheet *sh)
{
    return sh->setup.state == FAST_SHEET_HIDDEN        ? " state=\"hidden\""
           : sh->setup.state == FAST_SHEET_VERY_HIDDEN ? " state=\"veryHidden\""
                                                       : "";
}
