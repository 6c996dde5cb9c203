/*
 * sheetview.h - how a worksheet shows (sheetview.c): its state (visible,
 * hidden, very hidden) in the workbook part, tab colour in sheetPr, the
 * sheetView attributes (gridlines, right-to-left, zoom) and sheetFormatPr's
 * default row height (ECMA-376 Part 1 §18.2.19 sheet state, §18.3.1.82 sheetPr,
 * §18.3.1.87 sheetView, §18.3.1.81 sheetFormatPr). The settings live in the
 * sheet's fx_sheet_setup, so continuation sheets inherit them.
 */
#ifndef FX_SHEETVIEW_H
#define FX_SHEETVIEW_H

#include "internal.h"
#include "workbook.h"

/* Longest text fx_view_sheet_pr() writes. */
#define FX_SHEET_PR_MAX 176

/* The current sheet, for a setting written before its rows (sheetPr,
 * sheetViews, sheetFormatPr, cols: sheetview.c, outline.c): NULL with *@st
 * the status otherwise (NULL @wb; the sticky error, FAST_ERROR_CLOSED or
 * FAST_ERROR_STATE from fx_rules_sheet(); FAST_ERROR_TOO_LATE, non-sticky,
 * once the sheet has rows). */
fx_sheet *fx_view_early_sheet(fast_workbook *wb, const char *fn, fast_status *st);

/* The sheet's <sheetPr> (tabColor, outlinePr, then pageSetUpPr, in the schema's order),
 * or nothing: its length, no NUL. */
size_t fx_view_sheet_pr(const fx_sheet *sh, char *out);

/* Whether the sheet has sheetView attributes of its own. */
int fx_view_has_attrs(const fx_sheet *sh);

/* "<sheetViews><sheetView" and its attributes up to workbookViewId="0"
 * (tabSelected with @selected), without closing the tag. */
fast_status fx_view_open(const fx_sheet *sh, fx_xmlbuf *xb, int selected);

/* <sheetFormatPr>, if the sheet has a default row height. */
fast_status fx_view_format_pr(const fx_sheet *sh, fx_xmlbuf *xb);

/* fast_workbook_set_active_sheet(): @sh was just added; it becomes the active
 * sheet if it is visible, has the name given and none matched before. */
void fx_view_sheet_added(fast_workbook *wb, const fx_sheet *sh);

/* Whether @sh is written with tabSelected: the active sheet, or with none named the first sheet. */
int fx_view_selected(const fast_workbook *wb, const fx_sheet *sh);

/* <bookViews> with the workbookView's activeTab. */
fast_status fx_view_workbook_view(const fast_workbook *wb, fx_xmlbuf *xb);

/* The state attribute of <sheet> in the workbook part (" state=\"hidden\""), or "". */
const char *fx_view_state_attr(const fx_sheet *sh);

#endif /* FX_SHEETVIEW_H */
