/*
 * condformat.h - a sheet's conditional formats (condformat.c): kept as they are
 * added, written after the rows as <conditionalFormatting> (ECMA-376 Part 1
 * §18.3.1.18, §18.3.1.10 cfRule) and, for data bars, in the sheet's extLst.
 */
#ifndef FX_CONDFORMAT_H
#define FX_CONDFORMAT_H

#include "internal.h"
#include "xmlbuf.h"

struct fx_rule_list;

/* Write the <conditionalFormatting> elements of @list (NULL or empty: nothing)
 * of sheet number @sheet (xl/worksheets/sheetN.xml), last rows of FAST_LAST_ROW
 * resolved against its @rows rows. The list is kept, carried to a continuation
 * sheet and freed by rules.c. */
fast_status fx_condformats_write(const struct fx_rule_list *list, fx_xmlbuf *xb, uint32_t rows, uint32_t sheet);

/* Write the sheet's <extLst> with the Excel 2010 part of its data bars (nothing
 * when it has none); last in the sheet (CT_Worksheet, §18.3.1.99). */
fast_status fx_condformats_write_ext(const struct fx_rule_list *list, fx_xmlbuf *xb, uint32_t rows,
                                     uint32_t sheet);

#endif /* FX_CONDFORMAT_H */
