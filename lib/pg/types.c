/*
 * types.c - PostgreSQL values in binary COPY form -> fastxlsx cells.
 *
 * The binary layouts are those of the server's send functions (all big-endian):
 * boolsend (1 byte), int2send/int4send/int8send, oidsend (unsigned 32 bits),
 * float4send/float8send (IEEE 754 bits), numeric_send (int16 ndigits, int16
 * weight, uint16 sign, int16 dscale, then ndigits base-10000 digits, the first
 * one weighted 10000^weight), date_send (int32 days since 2000-01-01, INT32_MIN
 * and INT32_MAX for -infinity and infinity), time_send (int64 microseconds since
 * midnight, 0..86400000000), timestamp_send (int64 microseconds since
 * 2000-01-01 00:00:00, INT64_MIN and INT64_MAX for -infinity and infinity), and
 * textsend for text (the bytes, no terminator). The rules for which value
 * becomes which cell are in fastxlsx_pg.h, with their reasons.
 */
#include "pg_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OID_BOOL 16
#define OID_NAME 19
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25
#define OID_OID 26
#define OID_JSON 114
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_BPCHAR 1042
#define OID_VARCHAR 1043
#define OID_DATE 1082
#define OID_TIME 1083
#define OID_TIMESTAMP 1114
#define OID_TIMESTAMPTZ 1184
#define OID_NUMERIC 1700

#define NUMERIC_POS 0x0000
#define NUMERIC_NEG 0x4000
#define NUMERIC_NAN 0xC000
#define NUMERIC_PINF 0xD000
#define NUMERIC_NINF 0xF000

#define USECS_PER_DAY INT64_C(86400000000)
#define DAYS_1970_TO_2000 10957 /* days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch */
#define TWO_POW_53 INT64_C(9007199254740992)

fx_pg_kind fx_pg_kind_of(uint32_t oid)
{
    switch (oid) {
    case OID_BOOL: return FX_PG_BOOL;
    case OID_INT2: return FX_PG_INT2;
    case OID_INT4: return FX_PG_INT4;
    case OID_OID: return FX_PG_OID;
    case OID_INT8: return FX_PG_INT8;
    case OID_FLOAT4: return FX_PG_FLOAT4;
    case OID_FLOAT8: return FX_PG_FLOAT8;
    case OID_NUMERIC: return FX_PG_NUMERIC;
    case OID_DATE: return FX_PG_DATE;
    case OID_TIME: return FX_PG_TIME;
    case OID_TIMESTAMP: return FX_PG_TIMESTAMP;
    case OID_TIMESTAMPTZ: return FX_PG_TIMESTAMPTZ;
    /* Their binary form is their text (textsend; bpchar keeps its padding, as psql shows it). */
    case OID_TEXT:
    case OID_VARCHAR:
    case OID_BPCHAR:
    case OID_NAME:
    case OID_JSON: return FX_PG_TEXT;
    default: return FX_PG_CAST_TEXT;
    }
}

int32_t fx_pg_kind_size(fx_pg_kind kind)
{
    switch (kind) {
    case FX_PG_BOOL: return 1;
    case FX_PG_INT2: return 2;
    case FX_PG_INT4:
    case FX_PG_OID:
    case FX_PG_FLOAT4:
    case FX_PG_DATE: return 4;
    case FX_PG_INT8:
    case FX_PG_FLOAT8:
    case FX_PG_TIME:
    case FX_PG_TIMESTAMP:
    case FX_PG_TIMESTAMPTZ: return 8;
    default: return -1;
    }
}

static uint16_t be16(const unsigned char *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const unsigned char *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static fast_pg_status reserve(fx_pg_convert *cv, fx_pg_column *col, size_t n)
{
    if (col->scratch_cap >= n)
        return FAST_PG_OK;
    size_t cap = col->scratch_cap ? col->scratch_cap : 64;
    while (cap < n)
        cap *= 2;
    char *p = realloc(col->scratch, cap);
    if (!p) {
        snprintf(cv->message, sizeof cv->message, "out of memory for a value of %zu bytes", n);
        return FAST_PG_ERROR_NOMEM;
    }
    col->scratch = p;
    col->scratch_cap = cap;
    return FAST_PG_OK;
}

static fast_pg_status set_text(fx_pg_convert *cv, fast_cells *cells, size_t index, const char *s, size_t len)
{
    if (len > FAST_MAX_STRING_CHARS) { /* more bytes than the limit: count the characters */
        size_t chars = 0, i;
        for (i = 0; i < len; i++) {
            if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > FAST_MAX_STRING_CHARS)
                break;
        }
        if (i < len) { /* character number 32,768 starts at byte i */
            if (!cv->truncate_long_text) {
                size_t total = chars;
                for (size_t j = i + 1; j < len; j++)
                    total += ((unsigned char)s[j] & 0xC0) != 0x80;
                snprintf(cv->message, sizeof cv->message,
                         "text of %zu characters, more than a cell holds (%u); "
                         "the truncate option cuts such text",
                         total, FAST_MAX_STRING_CHARS);
                return FAST_PG_ERROR_TEXT_TOO_LONG;
            }
            len = i;
            cv->truncated++;
        }
    }
    fast_cells_set_string(cells, index, s, len);
    return FAST_PG_OK;
}

static fast_pg_status malformed(fx_pg_convert *cv, const char *what)
{
    snprintf(cv->message, sizeof cv->message, "malformed %s value in the COPY data", what);
    return FAST_PG_ERROR_PROTOCOL;
}

/* ---- numeric ------------------------------------------------------------------ */

long fx_pg_numeric_text(const unsigned char *p, int32_t len, char *out, size_t cap, size_t *need)
{
    if (len < 8)
        return -1;
    int ndigits = (int16_t)be16(p);
    int weight = (int16_t)be16(p + 2);
    unsigned sign = be16(p + 4);
    int dscale = (int16_t)be16(p + 6);
    if (ndigits < 0 || len != 8 + 2 * ndigits || dscale < 0)
        return -1;
    const char *special = sign == NUMERIC_NAN ? "NaN"
                          : sign == NUMERIC_PINF ? "Infinity"
                          : sign == NUMERIC_NINF ? "-Infinity"
                                                 : NULL;
    size_t n = 0;
    if (special) {
        n = strlen(special);
        *need = n + 1;
        if (cap < n + 1)
            return -1;
        memcpy(out, special, n + 1);
        return (long)n;
    }
    if (sign != NUMERIC_POS && sign != NUMERIC_NEG)
        return -1;
    for (int i = 0; i < ndigits; i++) {
        if (be16(p + 8 + 2 * i) > 9999)
            return -1;
    }
    *need = 2 + (weight >= 0 ? (size_t)(weight + 1) * 4 : 1) + 1 + (size_t)dscale + 4 + 1;
    if (cap < *need)
        return -1;
    if (sign == NUMERIC_NEG)
        out[n++] = '-';
    if (weight < 0) {
        out[n++] = '0';
    } else {
        for (int d = 0; d <= weight; d++) {
            unsigned dig = d < ndigits ? be16(p + 8 + 2 * d) : 0;
            char four[4] = {(char)('0' + dig / 1000), (char)('0' + dig / 100 % 10), (char)('0' + dig / 10 % 10),
                            (char)('0' + dig % 10)};
            int skip = 0;
            if (d == 0) /* the first group without its leading zeros (at least one digit) */
                while (skip < 3 && four[skip] == '0')
                    skip++;
            memcpy(out + n, four + skip, (size_t)(4 - skip));
            n += (size_t)(4 - skip);
        }
    }
    if (dscale > 0) {
        out[n++] = '.';
        size_t end = n + (size_t)dscale;
        for (int d = weight + 1; n < end; d++) {
            unsigned dig = d >= 0 && d < ndigits ? be16(p + 8 + 2 * d) : 0;
            char four[4] = {(char)('0' + dig / 1000), (char)('0' + dig / 100 % 10), (char)('0' + dig / 10 % 10),
                            (char)('0' + dig % 10)};
            for (int k = 0; k < 4 && n < end; k++)
                out[n++] = four[k];
        }
    }
    out[n] = '\0';
    return (long)n;
}

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The number of the decimal text @s (as numeric_out writes it) when it has at
 * most 15 significant digits, or any number of them with @lossy. Returns 1 and
 * *@v, or 0 to keep the value as text (too many digits, or outside the range
 * of normal doubles). @work has room for strlen(@s) + 16 bytes.
 */
static int numeric_number(const char *s, size_t len, int lossy, char *work, double *v)
{
    int neg = s[0] == '-';
    size_t i = (size_t)neg;
    long int_digits = 0, first = -1, last = -1, k = 0;
    for (; i < len; i++) {
        char ch = s[i];
        if (ch == '.')
            continue;
        if (first < 0 && ch != '0')
            first = k;
        if (ch != '0')
            last = k;
        k++;
    }
    for (i = (size_t)neg; i < len && s[i] != '.'; i++)
        int_digits++;
    if (first < 0) {
        *v = 0.0; /* zero (numeric has no negative zero) */
        return 1;
    }
    long sig = last - first + 1;
    long exp10 = int_digits - 1 - last; /* value = digits[first..last] * 10^exp10 */
    if (sig > 15 && !lossy)
        return 0;
    if (sig <= 15 && exp10 >= -22 && exp10 <= 22) {
        uint64_t m = 0;
        for (i = (size_t)neg, k = 0; i < len; i++) {
            if (s[i] == '.')
                continue;
            if (k >= first && k <= last)
                m = m * 10 + (uint64_t)(s[i] - '0');
            k++;
        }
        /* Both operands are exact, so one operation rounds once, correctly. */
        double d = exp10 >= 0 ? (double)m * pow10_exact[exp10] : (double)m / pow10_exact[-exp10];
        *v = neg ? -d : d;
        return 1;
    }
    /* Digits and an exponent, no radix character: strtod reads it the same in every locale. */
    size_t n = 0;
    if (neg)
        work[n++] = '-';
    for (i = (size_t)neg, k = 0; i < len; i++) {
        if (s[i] == '.')
            continue;
        if (k >= first && k <= last)
            work[n++] = s[i];
        k++;
    }
    snprintf(work + n, 16, "e%ld", exp10);
    double d = strtod(work, NULL);
    if (isinf(d) || fabs(d) < DBL_MIN)
        return 0;
    *v = d;
    return 1;
}

static fast_pg_status set_numeric(fx_pg_convert *cv, fx_pg_column *col, fast_cells *cells, size_t index,
                                  const fx_pg_field *f)
{
    size_t need = 0;
    long n = fx_pg_numeric_text(f->data, f->len, col->scratch, col->scratch_cap, &need);
    if (n < 0) {
        if (need == 0 || need <= col->scratch_cap)
            return malformed(cv, "numeric");
        /* Room for the text and, after it, for numeric_number()'s work. */
        fast_pg_status st = reserve(cv, col, 2 * need + 32);
        if (st != FAST_PG_OK)
            return st;
        n = fx_pg_numeric_text(f->data, f->len, col->scratch, col->scratch_cap, &need);
        if (n < 0)
            return malformed(cv, "numeric");
    }
    unsigned sign = be16(f->data + 4);
    if (sign == NUMERIC_NAN || sign == NUMERIC_PINF || sign == NUMERIC_NINF)
        return set_text(cv, cells, index, col->scratch, (size_t)n);
    fast_pg_status st = reserve(cv, col, 2 * (size_t)n + 32);
    if (st != FAST_PG_OK)
        return st;
    double v;
    if (numeric_number(col->scratch, (size_t)n, cv->numeric_as_number, col->scratch + n + 1, &v)) {
        fast_cells_set_number(cells, index, v);
        return FAST_PG_OK;
    }
    return set_text(cv, cells, index, col->scratch, (size_t)n);
}

/* ---- dates and times ---------------------------------------------------------- */

/* Proleptic Gregorian date of @days since 1970-01-01 (H. Hinnant's civil_from_days). */
static void civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* psql's date text (DateStyle ISO): zero-padded year, " BC" for years <= 0. */
static size_t date_text(char *out, int64_t y, int m, int d)
{
    int bc = y <= 0;
    return (size_t)sprintf(out, "%04lld-%02d-%02d", (long long)(bc ? 1 - y : y), m, d);
}

static fast_pg_status set_date(fx_pg_convert *cv, fx_pg_column *col, fast_cells *cells, size_t index,
                               const fx_pg_field *f)
{
    int32_t days = (int32_t)be32(f->data);
    if (days == INT32_MIN || days == INT32_MAX)
        return set_text(cv, cells, index, days == INT32_MAX ? "infinity" : "-infinity",
                        days == INT32_MAX ? 8 : 9);
    int64_t y;
    int m, d;
    civil_from_days((int64_t)days + DAYS_1970_TO_2000, &y, &m, &d);
    if (y >= 1900 && y <= 9999) {
        fast_cells_set_date(cells, index, (int)y, m, d);
        return FAST_PG_OK;
    }
    fast_pg_status st = reserve(cv, col, 48);
    if (st != FAST_PG_OK)
        return st;
    size_t n = date_text(col->scratch, y, m, d);
    if (y <= 0)
        n += (size_t)sprintf(col->scratch + n, " BC");
    return set_text(cv, cells, index, col->scratch, n);
}

static fast_pg_status set_timestamp(fx_pg_convert *cv, fx_pg_column *col, fast_cells *cells, size_t index,
                                    const fx_pg_field *f)
{
    int64_t us = (int64_t)be64(f->data);
    if (us == INT64_MIN || us == INT64_MAX)
        return set_text(cv, cells, index, us == INT64_MAX ? "infinity" : "-infinity", us == INT64_MAX ? 8 : 9);
    if (us > INT64_MAX - 1000 || us < INT64_MIN + 1000 * USECS_PER_DAY)
        return malformed(cv, "timestamp");
    /* Round to the millisecond first, so that 23:59:59.9996 becomes the next day. */
    int64_t ms = floor_div(us + 500, 1000);
    int64_t day = floor_div(ms, 86400000);
    int64_t msday = ms - day * 86400000;
    int64_t y;
    int m, d;
    civil_from_days(day + DAYS_1970_TO_2000, &y, &m, &d);
    if (y >= 1900 && y <= 9999) {
        int sec = (int)(msday / 1000);
        fast_cells_set_datetime(cells, index, (int)y, m, d, sec / 3600, sec / 60 % 60, sec % 60,
                                (int)(msday % 1000));
        return FAST_PG_OK;
    }
    /* Outside what a cell holds: psql's text, from the exact microseconds. */
    fast_pg_status st = reserve(cv, col, 64);
    if (st != FAST_PG_OK)
        return st;
    day = floor_div(us, USECS_PER_DAY);
    int64_t usday = us - day * USECS_PER_DAY;
    civil_from_days(day + DAYS_1970_TO_2000, &y, &m, &d);
    char *s = col->scratch;
    size_t n = date_text(s, y, m, d);
    int64_t secs = usday / 1000000;
    n += (size_t)sprintf(s + n, " %02d:%02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    int frac = (int)(usday % 1000000);
    if (frac) {
        n += (size_t)sprintf(s + n, ".%06d", frac);
        while (s[n - 1] == '0')
            n--;
    }
    if (y <= 0)
        n += (size_t)sprintf(s + n, " BC");
    return set_text(cv, cells, index, s, n);
}

/* ---- the dispatcher ----------------------------------------------------------- */

fast_pg_status fx_pg_set_cell(fx_pg_convert *cv, fx_pg_column *col, fast_cells *cells, size_t index,
                              const fx_pg_field *f)
{
    if (f->len < 0) {
        if (col->kind == FX_PG_TIME)
            fast_cells_set_format(cells, index, NULL);
        fast_cells_set_blank(cells, index);
        return FAST_PG_OK;
    }
    const unsigned char *p = f->data;
    switch (col->kind) {
    case FX_PG_TEXT:
    case FX_PG_CAST_TEXT:
        return set_text(cv, cells, index, (const char *)p, (size_t)f->len);
    case FX_PG_BOOL:
        fast_cells_set_boolean(cells, index, p[0] != 0);
        return FAST_PG_OK;
    case FX_PG_INT2:
        fast_cells_set_integer(cells, index, (int16_t)be16(p));
        return FAST_PG_OK;
    case FX_PG_INT4:
        fast_cells_set_integer(cells, index, (int32_t)be32(p));
        return FAST_PG_OK;
    case FX_PG_OID:
        fast_cells_set_integer(cells, index, be32(p));
        return FAST_PG_OK;
    case FX_PG_INT8: {
        int64_t v = (int64_t)be64(p);
        if (v >= -TWO_POW_53 && v <= TWO_POW_53) {
            fast_cells_set_integer(cells, index, v);
            return FAST_PG_OK;
        }
        fast_pg_status st = reserve(cv, col, 24);
        if (st != FAST_PG_OK)
            return st;
        int n = snprintf(col->scratch, 24, "%lld", (long long)v);
        return set_text(cv, cells, index, col->scratch, (size_t)n);
    }
    case FX_PG_FLOAT4:
    case FX_PG_FLOAT8: {
        double v;
        if (col->kind == FX_PG_FLOAT8) {
            uint64_t bits = be64(p);
            memcpy(&v, &bits, sizeof v);
        } else {
            uint32_t bits = be32(p);
            float fv;
            memcpy(&fv, &bits, sizeof fv);
            v = fv;
            if (isfinite(fv)) { /* the double of the float's shortest round-trip text */
                char buf[32];
                for (int prec = 1; prec <= 9; prec++) {
                    snprintf(buf, sizeof buf, "%.*g", prec, (double)fv);
                    if (strtof(buf, NULL) == fv) {
                        v = strtod(buf, NULL);
                        break;
                    }
                }
            }
        }
        if (isnan(v))
            return set_text(cv, cells, index, "NaN", 3);
        if (isinf(v))
            return set_text(cv, cells, index, v > 0 ? "Infinity" : "-Infinity", v > 0 ? 8 : 9);
        fast_cells_set_number(cells, index, v);
        return FAST_PG_OK;
    }
    case FX_PG_NUMERIC:
        return set_numeric(cv, col, cells, index, f);
    case FX_PG_DATE:
        return set_date(cv, col, cells, index, f);
    case FX_PG_TIME: {
        int64_t us = (int64_t)be64(p);
        if (us < 0 || us > USECS_PER_DAY)
            return malformed(cv, "time");
        fast_cells_set_number(cells, index, (double)us / (double)USECS_PER_DAY);
        fast_cells_set_format(cells, index, cv->time_format);
        return FAST_PG_OK;
    }
    case FX_PG_TIMESTAMP:
    case FX_PG_TIMESTAMPTZ:
        return set_timestamp(cv, col, cells, index, f);
    }
    return malformed(cv, "unknown");
}
