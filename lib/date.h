/*
 * date.h - date cells' serials and proleptic Gregorian calendar arithmetic, after H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days).
 */
#ifndef FX_DATE_H
#define FX_DATE_H

#include "internal.h"
#include "cells.h"

/* Days from 1970-01-01 to @y-@m-@d (@m 1..12). */
int64_t fx_days_from_civil(int64_t y, int m, int d);
/* The date @z days after 1970-01-01. */
void fx_civil_from_days(int64_t z, int64_t *y, int *m, int *d);

/*
 * The 1900 date system serial of a date or date-time cell (ECMA-376 Part 1
 * §18.17.4.1): days since 1899-12-30 from 1900-03-01 on, days since 1899-12-31
 * before it, so that serial 60 is left to the fictitious 1900-02-29. Returns 0
 * and describes the problem in @why (@cap bytes) for an invalid value.
 */
int fx_date_serial(const fx_cell *c, double *serial, char *why, size_t cap);

#endif /* FX_DATE_H */
