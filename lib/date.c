/*
 * date.c - calendar arithmetic for date cells and document timestamps.
 */
#include "internal.h"
#include "date.h"

#include <stdio.h>

int64_t fx_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void fx_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int32_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* See date.h. */
int fx_date_serial(const fx_cell *c, double *serial, char *why, size_t cap)
{
    int32_t y = c->v.dt.year, m = c->v.dt.month, d = c->v.dt.day;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && is_leap(y))) {
        snprintf(why, cap, "invalid date %04d-%02d-%02d", (int)y, (int)m, (int)d);
        return 0;
    }
    if (y < 1900 || y > 9999) {
        snprintf(why, cap, "date %04d-%02d-%02d is outside 1900-01-01..9999-12-31", (int)y, (int)m, (int)d);
        return 0;
    }
    int32_t h = c->v.dt.hour, mi = c->v.dt.minute, s = c->v.dt.second, ms = c->v.dt.ms;
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0 || ms > 999) {
        snprintf(why, cap, "invalid time %02d:%02d:%02d.%03d", (int)h, (int)mi, (int)s, (int)ms);
        return 0;
    }
    int64_t days = fx_days_from_civil(y, m, d);
    int64_t day = (y == 1900 && m <= 2) ? days - fx_days_from_civil(1899, 12, 31)
                                        : days - fx_days_from_civil(1899, 12, 30);
    int64_t msec = ((int64_t)h * 3600 + mi * 60 + s) * 1000 + ms;
    /* One rounding: the count of milliseconds is exact (below 2^53). */
    *serial = (double)(day * 86400000 + msec) / 86400000.0;
    return 1;
}
