/*
 * print.h - a sheet's page setup and printing (print.c): sheetPr/pageSetUpPr,
 * printOptions, pageMargins, pageSetup, headerFooter, rowBreaks and colBreaks
 * (ECMA-376 Part 1 §18.3.1.46, .51, .62, .63, .70, .39, .73, .14), and the
 * print area and print titles, which the workbook part holds as the defined
 * names _xlnm.Print_Area and _xlnm.Print_Titles (§18.2.5).
 */
#ifndef FX_PRINT_H
#define FX_PRINT_H

#include "internal.h"
#include "workbook.h"

typedef struct fx_print fx_print;

/* The sheet's <pageSetUpPr> for its <sheetPr> (sheetview.c), or nothing: its
 * length, no NUL; at most 32 bytes. */
size_t fx_print_sheet_pr(const fx_sheet *sh, char *out);

/* printOptions .. colBreaks, after the hyperlinks; a print area ending at
 * FAST_LAST_ROW is resolved against the sheet's @rows rows here. */
fast_status fx_print_write(fx_sheet *sh, fx_xmlbuf *xb, uint32_t rows);

/* The formulas of the sheet's _xlnm.Print_Area and _xlnm.Print_Titles
 * (unescaped), appended to @area and @titles; nothing for what it lacks. */
struct fx_strbuf;
void fx_print_names(const fx_sheet *sh, struct fx_strbuf *area, struct fx_strbuf *titles);

/* Continuation sheet @to takes the page setup and print titles of @from (and a
 * print area that ends at FAST_LAST_ROW; page breaks stay). Sticky NOMEM. */
fast_status fx_print_carry(fast_workbook *wb, const fx_sheet *from, fx_sheet *to);

void fx_print_free(fx_sheet *sh);

#endif /* FX_PRINT_H */
