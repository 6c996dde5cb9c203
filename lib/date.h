/*
 * date.h - proleptic Gregorian calendar arithmetic, after H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days).
 */
#ifndef FX_DATE_H
#define FX_DATE_H

#include "internal.h"

/* Days from 1970-01-01 to @y-@m-@d (@m 1..12). */
int64_t fx_days_from_civil(int64_t y, int m, int d);
/* The date @z days after 1970-01-01. */
void fx_civil_from_days(int64_t z, int64_t *y, int *m, int *d);

#endif /* FX_DATE_H */
