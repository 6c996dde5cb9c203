/*
 * defnames.h - defined names given by the caller (fast_workbook_define_name()),
 * at workbook or sheet scope, written in xl/workbook.xml's definedNames.
 */
#ifndef FX_DEFNAMES_H
#define FX_DEFNAMES_H

#include "internal.h"

/* 1 if @name is a defined name of workbook scope (case-insensitively). */
int fx_defname_in_use(const fast_workbook *wb, const char *name, size_t len);
/* xl/workbook.xml's <definedNames> (nothing without a name): the caller's
 * names and the built-in ones the sheets need (_xlnm._FilterDatabase for an
 * autofilter, _xlnm.Print_Area and _xlnm.Print_Titles from print.c), in the
 * one order Excel writes. FAST_ERROR_NOMEM is sticky. */
fast_status fx_defnames_write(fast_workbook *wb);
void fx_defnames_free(fast_workbook *wb);

#endif
