/*
 * outline.c - row and column outlines (grouping), the "Outlines" part of
 * fastxlsx.h: a row's <row outlineLevel hidden collapsed> (ECMA-376 Part 1
 * §18.3.1.73), carried in the prepared row (lib/render.h) like its height, a
 * column range's <col outlineLevel hidden collapsed> (§18.3.1.13, merged with
 * widths in lib/worksheet.c), the sheet's highest levels in sheetFormatPr
 * outlineLevelRow/outlineLevelCol (§18.3.1.81) and sheetPr/outlinePr
 * summaryBelow/summaryRight (§18.3.1.61), in the form Excel writes them
 * (XlsxWriter's test files made by Excel: outline01..04). Rows stream, so the
 * highest row level is declared before the sheet's first row and a deeper row
 * is refused.
 */
#include "internal.h"
#include "cells.h"
#include "outline.h"
#include "sheetview.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t fx_outline_bits(uint32_t level, int hidden, int collapsed)
{
    return level | (hidden ? FX_OUTLINE_HIDDEN : 0) | (collapsed ? FX_OUTLINE_COLLAPSED : 0);
}

fast_status fx_outline_check_row(fast_workbook *wb, uint32_t bits, const char *fn)
{
    const fx_sheet *sh = fx_current_sheet(wb);
    uint32_t level = bits & FX_OUTLINE_LEVEL;
    if (level > sh->setup.outline_row_max)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s', row %u: outline level %u is above the sheet's highest row level %u "
                         "(fast_workbook_set_outline_levels, before the sheet's first row)",
                         fn, sh->name, (unsigned)sh->rows + 1, (unsigned)level, (unsigned)sh->setup.outline_row_max);
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_outline_levels(fast_workbook *wb, uint32_t max_row_level,
                                                      uint32_t max_col_level)
{
    static const char fn[] = "fast_workbook_set_outline_levels";
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, fn, &st);
    if (!sh)
        return st;
    if (max_row_level > 7 || max_col_level > 7)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': outline levels %u (rows) and %u (columns) must be 0..7", fn, sh->name,
                         (unsigned)max_row_level, (unsigned)max_col_level);
    sh->setup.outline_row_max = max_row_level;
    sh->setup.outline_col_max = max_col_level;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_outline_summary(fast_workbook *wb, int rows_below, int cols_right)
{
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, "fast_workbook_set_outline_summary", &st);
    if (!sh)
        return st;
    sh->setup.summary_above = !rows_below;
    sh->setup.summary_left = !cols_right;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_row_outline(fast_workbook *wb, uint32_t level, int hidden, int collapsed)
{
    static const char fn[] = "fast_workbook_set_row_outline";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_sheet *sh = NULL;
    fast_status st = fx_rules_sheet(wb, fn, &sh);
    if (st != FAST_OK)
        return st;
    if (level > 7)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s', row %u: outline level %u is not 0..7",
                         fn, sh->name, (unsigned)sh->rows + 1, (unsigned)level);
    wb->next_outline = fx_outline_bits(level, hidden, collapsed);
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_row_outline(fast_cells *cells, uint32_t level, int hidden, int collapsed)
{
    if (!cells || level > 7)
        return FAST_ERROR_INVALID_ARGUMENT;
    cells->row_outline = fx_outline_bits(level, hidden, collapsed);
    return FAST_OK;
}

size_t fx_outline_sheet_pr(const fx_sheet *sh, char *out)
{
    const fx_sheet_setup *su = &sh->setup;
    if (!su->summary_above && !su->summary_left)
        return 0;
    int n = snprintf(out, 48, "<outlinePr%s%s/>", su->summary_above ? " summaryBelow=\"0\"" : "",
                     su->summary_left ? " summaryRight=\"0\"" : "");
    return (size_t)n;
}

size_t fx_outline_format_attrs(const fx_sheet *sh, char *out)
{
    const fx_sheet_setup *su = &sh->setup;
    int n = 0;
    out[0] = 0;
    if (su->outline_row_max)
        n += snprintf(out + n, 48 - (size_t)n, " outlineLevelRow=\"%u\"", (unsigned)su->outline_row_max);
    if (su->outline_col_max)
        n += snprintf(out + n, 48 - (size_t)n, " outlineLevelCol=\"%u\"", (unsigned)su->outline_col_max);
    return (size_t)n;
}

size_t fx_outline_col_attrs(uint32_t bits, char *out)
{
    int n = snprintf(out, 48, "%s", bits & FX_OUTLINE_HIDDEN ? " hidden=\"1\"" : "");
    if (bits & FX_OUTLINE_LEVEL)
        n += snprintf(out + n, 48 - (size_t)n, " outlineLevel=\"%u\"", (unsigned)(bits & FX_OUTLINE_LEVEL));
    if (bits & FX_OUTLINE_COLLAPSED)
        n += snprintf(out + n, 48 - (size_t)n, " collapsed=\"1\"");
    return (size_t)n;
}

FAST_API fast_status fast_workbook_set_column_outline(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                      uint32_t level, int hidden, int collapsed)
{
    static const char fn[] = "fast_workbook_set_column_outline";
    fast_status st;
    fx_sheet *sh = fx_view_early_sheet(wb, fn, &st);
    if (!sh)
        return st;
    fx_sheet_setup *su = &sh->setup;
    if (first_col > last_col || last_col >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': columns %u..%u are reversed or beyond the last column %u", fn, sh->name,
                         (unsigned)first_col, (unsigned)last_col, (unsigned)FAST_MAX_COLUMNS - 1);
    if (level > su->outline_col_max)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s', columns %u..%u: outline level %u is above the sheet's highest column "
                         "level %u (fast_workbook_set_outline_levels)",
                         fn, sh->name, (unsigned)first_col, (unsigned)last_col, (unsigned)level,
                         (unsigned)su->outline_col_max);
    uint8_t bits = (uint8_t)fx_outline_bits(level, hidden, collapsed);
    if (bits && last_col >= su->ncol_outline) {
        uint8_t *o = realloc(su->col_outline, last_col + 1);
        if (!o)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: sheet '%s': out of memory", fn, sh->name);
        memset(o + su->ncol_outline, 0, last_col + 1 - su->ncol_outline);
        su->col_outline = o;
        su->ncol_outline = last_col + 1;
    }
    for (size_t i = first_col; i <= last_col && i < su->ncol_outline; i++)
        su->col_outline[i] = bits;
    while (su->ncol_outline && !su->col_outline[su->ncol_outline - 1])
        su->ncol_outline--;
    return FAST_OK;
}
