/*
 * outline.h - row and column outlines (grouping) (outline.c): a row's
 * outlineLevel, hidden and collapsed (ECMA-376 Part 1 §18.3.1.73), the
 * sheet's highest levels in sheetFormatPr (§18.3.1.81) and where the summary
 * rows and columns are in sheetPr/outlinePr (§18.3.1.61). The sheet settings
 * live in fx_sheet_setup, so continuation sheets inherit them.
 */
#ifndef FX_OUTLINE_H
#define FX_OUTLINE_H

#include "internal.h"
#include "workbook.h"

/* A row's outline as carried in fx_rrow: the level in bits 0..2, then hidden
 * and collapsed. 0: no outline. */
#define FX_OUTLINE_LEVEL 7u
#define FX_OUTLINE_HIDDEN 8u
#define FX_OUTLINE_COLLAPSED 16u

/* The outline attributes of a <col> with FX_OUTLINE_* @bits (non-zero), in
 * CT_Col's order (hidden, outlineLevel, collapsed): their length (at most 48). */
size_t fx_outline_col_attrs(uint32_t bits, char *out);

/* The bits of a level (0..7) and two flags; level > 7 is not checked here. */
uint32_t fx_outline_bits(uint32_t level, int hidden, int collapsed);

/* Refuse (non-sticky) a row outlined deeper than the current sheet declares. */
fast_status fx_outline_check_row(fast_workbook *wb, uint32_t bits, const char *fn);

/* <outlinePr .../> if the summaries are not below/right, or nothing: its
 * length (at most 48), no NUL. */
size_t fx_outline_sheet_pr(const fx_sheet *sh, char *out);

/* The outlineLevelRow/outlineLevelCol attributes of sheetFormatPr, or
 * nothing: its length (at most 40), NUL-terminated, in @out[48]. */
size_t fx_outline_format_attrs(const fx_sheet *sh, char *out);

#endif
