/*
 * ignore.h - a sheet's ignored errors (ignore.c): ranges where Excel does not
 * flag "number stored as text" and its other error checks, written after the
 * page setup as <ignoredErrors> (ECMA-376 Part 1 §18.3.1.51-52).
 */
#ifndef FX_IGNORE_H
#define FX_IGNORE_H

#include "internal.h"
#include "workbook.h"

typedef struct fx_ignored fx_ignored;

/* <ignoredErrors> of @sh (none: nothing), last rows of FAST_LAST_ROW resolved
 * against its @rows rows. */
fast_status fx_ignored_write(const fx_sheet *sh, fx_xmlbuf *xb, uint32_t rows);

/* Continuation sheet @to takes the ranges of @from that end at FAST_LAST_ROW. Sticky NOMEM. */
fast_status fx_ignored_carry(fast_workbook *wb, const fx_sheet *from, fx_sheet *to);

void fx_ignored_free(fx_sheet *sh);

#endif /* FX_IGNORE_H */
