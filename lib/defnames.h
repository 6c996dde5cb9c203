/*
 * defnames.h - defined names given by the caller (fast_workbook_define_name()),
 * at workbook or sheet scope, written in xl/workbook.xml's definedNames.
 */
#ifndef FX_DEFNAMES_H
#define FX_DEFNAMES_H

#include "internal.h"

/* 1 if @name is a defined name of workbook scope (case-insensitively). */
int fx_defname_in_use(const fast_workbook *wb, const char *name, size_t len);
/* Write the names as definedName elements, opening definedNames first unless
 * *@open; sets *@open when it does. */
fast_status fx_defnames_write(fast_workbook *wb, int *open);
void fx_defnames_free(fast_workbook *wb);

#endif
