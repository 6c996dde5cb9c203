/*
 * fuzz_api.c - a libFuzzer target that reads its input as a program of API calls
 * and checks the workbook it produces with an oracle written independently of
 * the library.
 *
 * The program: a few header bytes (output kind, short-write pattern, threads),
 * then operations, one opcode byte each followed by its arguments, until the
 * input ends; then fast_workbook_close(). Every value is taken from the input,
 * so any byte string is a valid program (missing bytes read as 0).
 *
 * The oracle keeps a model of what the workbook must hold: sheets, rows and
 * cells as given, continuation sheets and their repeated header rows, merges and
 * hyperlinks, document properties. It predicts which rows must be rejected
 * (row and column limits, UTF-8, length, NaN and infinities, impossible dates)
 * and the status each gets. After FAST_OK from close it reads the output with
 * zipwalk.h (ZIP structure, CRCs, inflate) and libxml2 (well-formedness), and
 * compares every cell: text byte for byte after XML decoding and then the
 * _xHHHH_ decoding of ECMA-376 Part 1 §22.9.2.19, numbers by value, integers
 * exactly, dates as 1900-system serials, booleans, formulas and their cached
 * values, positions (with or without r=), and <dimension> against the used range.
 *
 * Excel tables are in the model too: it predicts each fast_workbook_add_table()
 * and setter status (Excel's name rules, case-insensitive uniqueness, ranges too
 * late, without a data row, over a table, merge or autofilter), the rows a
 * table refuses (header cells that are not distinct non-empty texts, dates or
 * formulas in calculated columns), the sheets that may not end yet, the row a
 * totals row keeps, continuation tables (NAME_k); it turns calculated columns
 * into their formulas with the caller's values cached, and computes each totals
 * row (SUBTOTAL formula text exact, cached values by long double two-pass
 * arithmetic within a tolerance) and each table part (id, name, range,
 * autoFilter, column names).
 *
 * The error model is chosen at compile time:
 *   FUZZ_STICKY_ERRORS=1  every failed call fails the workbook: later calls return
 *                         the same status and close discards the output (0.1);
 *   FUZZ_STICKY_ERRORS=0  (default) only output, compression, memory and thread
 *                         failures are sticky; any other failure leaves the
 *                         workbook usable, with fast_workbook_status() FAST_OK,
 *                         a non-empty message, and the rejected row not counted.
 * A violation prints what was expected and what was found, then aborts.
 */
#define _GNU_SOURCE
#include "fastxlsx.h"
#include "zipwalk.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <inttypes.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#ifndef FUZZ_STICKY_ERRORS
#define FUZZ_STICKY_ERRORS 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* ---- failing loudly -------------------------------------------------------------------- */

static const uint8_t *g_input;
static size_t g_input_len;

static void oracle_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void oracle_fail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "\n*** fuzz_api oracle: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n*** input of %zu bytes\n", g_input_len);
    abort();
}

/* Text for messages: printable ASCII as is, the rest as \xHH, cut at 200 bytes. */
static const char *show(const char *s, size_t n)
{
    static char out[4][1024];
    static int k;
    char *o = out[k++ & 3];
    size_t j = 0;
    for (size_t i = 0; i < n && j + 8 < sizeof out[0]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == 200) {
            j += (size_t)sprintf(o + j, "...(%zu bytes)", n);
            break;
        }
        if (c >= 0x20 && c < 0x7F && c != '\\')
            o[j++] = (char)c;
        else
            j += (size_t)sprintf(o + j, "\\x%02X", c);
    }
    o[j] = 0;
    return o;
}

/* ---- reading the program ---------------------------------------------------------------- */

typedef struct reader {
    const uint8_t *p;
    size_t n, i;
} reader;

static int rd_more(const reader *r)
{
    return r->i < r->n;
}

static uint8_t u8(reader *r)
{
    return r->i < r->n ? r->p[r->i++] : 0;
}

static uint16_t u16(reader *r)
{
    uint16_t v = u8(r);
    return (uint16_t)(v | (uint16_t)u8(r) << 8);
}

static uint32_t u32(reader *r)
{
    uint32_t v = u16(r);
    return v | (uint32_t)u16(r) << 16;
}

static uint64_t u64(reader *r)
{
    uint64_t v = u32(r);
    return v | (uint64_t)u32(r) << 32;
}

static double dbl(reader *r)
{
    static const double pick[] = {0.0,   -0.0,     1.0,          -1.0,         0.1,     1e308,   5e-324,
                                  DBL_MAX, DBL_MIN, 123456789012345678.0, 9007199254740993.0, 1.0 / 3,
                                  -2.5e-310, 1e21,  1e-7};
    uint8_t sel = u8(r);
    if (sel < 16)
        return sel < sizeof pick / sizeof pick[0] ? pick[sel] : NAN;
    if (sel < 20)
        return sel == 16 ? -INFINITY : sel == 17 ? -NAN : sel == 18 ? INFINITY : (double)(int16_t)u16(r) / 100.0;
    uint64_t bits = u64(r);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* ---- memory that lives until the end of one program ----------------------------------- */

typedef struct arena {
    void **p;
    size_t n, cap;
} arena;

static void *arena_alloc(arena *a, size_t n)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->p = realloc(a->p, a->cap * sizeof *a->p);
        if (!a->p)
            abort();
    }
    void *m = malloc(n ? n : 1);
    if (!m)
        abort();
    a->p[a->n++] = m;
    return m;
}

static void arena_free(arena *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->p[i]);
    free(a->p);
    memset(a, 0, sizeof *a);
}

/* Bytes of text: usually taken from the input as is; a few length bytes make
 * texts around the length limits or repeat a fragment. */
static const char *text(reader *r, arena *a, size_t *len)
{
    uint8_t l = u8(r);
    if (l < 0xF0) {
        size_t n = l;
        if (n > r->n - r->i)
            n = r->n - r->i;
        const char *s = (const char *)r->p + r->i;
        r->i += n;
        *len = n;
        return s;
    }
    size_t count;
    const char *unit;
    size_t ulen;
    switch (l) {
    case 0xF0: count = 32765 + u8(r) % 5; unit = "a"; break;                 /* around 32,767 characters */
    case 0xF1: count = 32765 + u8(r) % 5; unit = "\xE2\x82\xAC"; break;      /* the same in 3-byte characters */
    case 0xF2: count = 32765 + u8(r) % 5; unit = "\xF0\x9D\x84\x9E"; break;  /* and 4-byte ones */
    case 0xF3: count = 8190 + u8(r) % 5; unit = "1"; break;                  /* around the formula limit */
    case 0xF4: count = 1 + u16(r) % 3000; unit = "_x0041_"; break;
    default: {
        /* a fragment from the input, repeated */
        uint8_t fl = u8(r);
        size_t n = fl;
        if (n > r->n - r->i)
            n = r->n - r->i;
        unit = (const char *)r->p + r->i;
        r->i += n;
        ulen = n;
        count = ulen ? 1 + u16(r) % (40000 / ulen + 1) : 0;
        goto build;
    }
    }
    ulen = strlen(unit);
build:;
    char *s = arena_alloc(a, count * ulen + 1);
    for (size_t i = 0; i < count; i++)
        memcpy(s + i * ulen, unit, ulen);
    s[count * ulen] = 0;
    *len = count * ulen;
    return s;
}

/* ---- independent rules ----------------------------------------------------------------- */

/* RFC 3629 UTF-8: returns 1 and the number of code points, or 0. */
static int utf8_ok(const char *str, size_t len, size_t *chars)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        unsigned c = s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC0 && c < 0xE0) {
            k = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c < 0xF0) {
            k = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c < 0xF8) {
            k = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + k >= len)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        static const uint32_t minimum[4] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    *chars = n;
    return 1;
}

/* Days since 1970-01-01 of a Gregorian date, by counting (a different method from the library's). */
static int64_t days_since_epoch(int64_t y, int m, int d)
{
    static const int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int64_t yy = y - 1; /* complete years since year 1 */
    int64_t days = yy * 365 + yy / 4 - yy / 100 + yy / 400; /* 0001-01-01 .. y-01-01 */
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    days += before[m - 1] + (m > 2 && leap) + (d - 1);
    return days - 719162; /* 0001-01-01 .. 1970-01-01 */
}

static int month_days(int64_t y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

/*
 * The 1900-system serial (ECMA-376 Part 1 §18.17.4.1) of a moment given as
 * milliseconds since 1970-01-01 00:00. Serial 1 is 1900-01-01, serial 60 the
 * fictitious 1900-02-29, so serials before 61 are one less than the day count
 * from 1899-12-30. Valid moments are 1900-01-01 .. 9999-12-31 23:59:59.999.
 */
static int serial_of_ms(int64_t ms, double *serial)
{
    const int64_t day_ms = 86400000;
    int64_t lo = days_since_epoch(1900, 1, 1) * day_ms, hi = days_since_epoch(10000, 1, 1) * day_ms;
    if (ms < lo || ms >= hi)
        return 0;
    int64_t from = ms - days_since_epoch(1899, 12, 30) * day_ms; /* ms since 1899-12-30 */
    if (ms < days_since_epoch(1900, 3, 1) * day_ms)
        from -= day_ms;
    *serial = (double)from / (double)day_ms; /* exact numerator, one rounding */
    return 1;
}

static int date_serial(int64_t y, int m, int d, int h, int mi, int s, int ms, double *serial)
{
    if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999 || d > month_days(y, m))
        return 0;
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0 || ms > 999)
        return 0;
    int64_t t = days_since_epoch(y, m, d) * 86400000 + (((int64_t)h * 60 + mi) * 60 + s) * 1000 + ms;
    return serial_of_ms(t, serial);
}

static int unix_serial(int64_t secs, int ms, double *serial)
{
    if (ms < 0 || ms > 999 || secs < -(int64_t)1e13 || secs > (int64_t)1e13)
        return 0;
    return serial_of_ms(secs * 1000 + ms, serial);
}

/* Column letters of 0-based @col. */
static size_t col_name(uint32_t col, char *out)
{
    char tmp[8];
    size_t k = 0;
    for (uint32_t n = col + 1; n; n = (n - 1) / 26)
        tmp[k++] = (char)('A' + (n - 1) % 26);
    for (size_t i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = 0;
    return k;
}

/* "B7" -> row 7, col 1 (0-based column). Returns 0 for anything else. */
static int parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint64_t c = 0, r = 0;
    size_t i = 0;
    while (s[i] >= 'A' && s[i] <= 'Z' && i < 4)
        c = c * 26 + (uint64_t)(s[i++] - 'A' + 1);
    if (i == 0 || i > 3 || s[i] < '1' || s[i] > '9')
        return 0;
    while (s[i] >= '0' && s[i] <= '9' && r <= 10000000)
        r = r * 10 + (uint64_t)(s[i++] - '0');
    if (s[i] || c > 16384 || r > 1048576)
        return 0;
    *row = (uint32_t)r;
    *col = (uint32_t)(c - 1);
    return 1;
}

static int hexdig(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ST_Xstring decoding (ECMA-376 Part 1 §22.9.2.19): _xHHHH_ is the character U+HHHH. */
static char *xstring_decode(const char *s, size_t n, size_t *out_len)
{
    char *o = malloc(n + 1);
    size_t j = 0;
    if (!o)
        abort();
    for (size_t i = 0; i < n;) {
        if (i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && hexdig(s[i + 2]) &&
            hexdig(s[i + 3]) && hexdig(s[i + 4]) &&
            hexdig(s[i + 5]) && s[i + 6] == '_') {
            char hex[5] = {s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0};
            unsigned cp = (unsigned)strtoul(hex, NULL, 16);
            /* UTF-8 of the code point; at most 3 bytes, never longer than the 7 read. */
            if (cp < 0x80) {
                o[j++] = (char)cp;
            } else if (cp < 0x800) {
                o[j++] = (char)(0xC0 | cp >> 6);
                o[j++] = (char)(0x80 | (cp & 0x3F));
            } else {
                o[j++] = (char)(0xE0 | cp >> 12);
                o[j++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                o[j++] = (char)(0x80 | (cp & 0x3F));
            }
            i += 7;
        } else {
            o[j++] = s[i++];
        }
    }
    o[j] = 0;
    *out_len = j;
    return o;
}

/* ---- the model -------------------------------------------------------------------------- */

/* C_MS: a moment in milliseconds since 1970 (typed rows' dates and datetimes), INT64_MIN for one far out of range. */
enum { C_BLANK, C_STRING, C_NUMBER, C_INTEGER, C_BOOL, C_DATE, C_UNIX, C_FORMULA, C_MS };
enum { F_NONE, F_NUMBER, F_STRING, F_BOOL };

typedef struct mcell {
    int type, fmt; /* fmt: format index + 1, 0 for none */
    const char *s;
    size_t slen;
    double num;
    int64_t i64;
    int b;
    int y, mo, d, h, mi, sec, ms, date_only;
    int cached;
    const char *cs;
    size_t cslen;
    int rowfmt;    /* the row had a row format */
    unsigned fchg; /* format changes before the row was written (model.fmt_changes) */
    double tol;    /* a table total: the cached number within tol of num, or (may_uncached) none */
    int may_uncached;
    int rich;      /* a C_STRING given as a rich string (refused as a table header) */
} mcell;

/* A cell as it must appear in the output. */
typedef struct xcell {
    uint32_t row, col; /* row 1-based, col 0-based */
    mcell c;
    double serial;
} xcell;

typedef struct xrow {
    xcell *cells;
    size_t n;
    size_t all, text; /* cells given (written or not) and their text bytes, for the row memory limit */
} xrow;

typedef struct msheet {
    char name[160];
    size_t name_len;
    int name_known; /* 0 when the library chose a name the model cannot predict */
    uint32_t rows;
    xcell *cells;
    size_t ncells, capcells;
    char (*merges)[32];
    uint32_t (*mrg)[4]; /* the same merges as rows r1, c1, r2, c2 (for the tables' overlap rule) */
    size_t nmerges;
    /* External links (url) or internal ones (location; own_sheet: the sheet's own name, known only at the end). */
    struct link { char ref[16]; const char *url; size_t len; int internal, own_sheet; char loc[120]; } *links;
    size_t nlinks;
    uint32_t chain_first, chain_index;
    /* Column widths in the order set (a later one wins), frozen panes, the autofilter. */
    struct colw { uint32_t first, last; double w; } *cols;
    size_t ncols;
    uint32_t freeze_rows, freeze_cols;
    int has_filter;
    uint32_t filter[4];
    /* Column formats in the order set (a later one wins): format index + 1, 0 for removed. */
    struct colf { uint32_t first, last; int fmt; } *colfmts;
    size_t ncolfmts;
    /* A format may change after it was used. <cols> (with the column styles) is written with the first row, or
     * with autofit when the fitting ends: anywhere from the first row to the sheet's end. */
    int autofit, ended;
    unsigned first_chg, end_chg;
    /* Data validations (dv 1) and conditional formats (dv 0) in the order added: the
     * type's name in the file and the range (r[2] may be FAST_LAST_ROW). */
    struct mrule { int dv, data_bar; const char *type; uint32_t r[4]; } *rules;
    size_t nrules;
    /* Notes in the order added (text and author point into the input or the arena). */
    struct mnote { uint32_t row, col; const char *text, *author; size_t len, alen; } *notes;
    size_t nnotes, note_bytes;
    /* Page setup (0: not set) and ignored errors (r[2] may be FAST_LAST_ROW), in the order added. */
    int orient, fit;
    uint32_t scale;
    const char *footer; /* the odd footer, in the run's arena; NULL: none */
    size_t footer_len;
    uint32_t breaks[1023]; /* distinct row breaks, at most FAST_MAX_PAGE_BREAKS */
    size_t nbreaks;
    struct mign { uint32_t r[4]; unsigned kinds; } *ign;
    size_t nign;
    size_t nimages; /* images placed (fast_workbook_add_image): one anchor each in the sheet's drawing part */
    /* Outlines: the declared highest levels, summaries above/left, columns A..AF's level | hidden 8 |
     * collapsed 16 (inherited by continuation sheets); rows written with an outline (row, bits). */
    struct mol { uint32_t rowmax, colmax; int above, left; uint8_t cols[32]; } ol;
    struct { uint32_t row; uint8_t bits; } olrows[16];
    size_t nolrows;
    int state;        /* FAST_SHEET_*, set by a call that returned FAST_OK (inherited by continuations) */
    /* More of the page setup, from calls that returned FAST_OK: margins (left, right, top, bottom, header,
     * footer), paper (0: none), pages wide and tall, the print area (r[2] may be FAST_LAST_ROW), title rows
     * and columns; sheet protection: its FAST_PROTECT_* bits and password hash (0: none). */
    int has_margins, has_area, has_trows, has_tcols, protect;
    double margins[6];
    uint32_t paper, fit_w, fit_t, area[4], trows[2], tcols[2];
    unsigned allow, pw_hash;
    int got_selected; /* the output: its sheetView has tabSelected="1" */
} msheet;

typedef struct model {
    msheet *sh;
    size_t nsh;
    uint32_t rows_per_sheet, header_rows, chain_header_rows;
    int policy;
    xrow *saved;
    size_t nsaved;
    const char *prop[4];
    size_t prop_len[4];
    int prop_set[4];
    size_t mem_limit; /* fast_workbook_set_row_memory_limit() */
    unsigned fmt_changes; /* successful format setter calls so far */
    uint32_t autofit;     /* fast_workbook_set_autofit_rows() */
    size_t notes_limit;   /* fast_workbook_set_notes_memory_limit(), 0: the default */
    struct mtable *tb;    /* Excel tables, in the order made (their ids) */
    size_t ntb;
    struct mdefname { const char *name, *formula; size_t len, flen; long scope; } *dn; /* defined names */
    size_t ndn;
    int row_rowfmt; /* the row op_row is writing has a row format (cells added past its end take it too) */
    /* fast_workbook_set_active_sheet(): the name (0: none), the sheet it matched (index + 1, 0: none), and
     * whether the match is beyond the model (names outside ASCII fold by Unicode rules). */
    char active_name[128];
    size_t active_len, active;
    int active_unknown;
    int lock_structure;      /* fast_workbook_protect_structure() */
    unsigned structure_hash; /* its password's hash, 0: none */
    /* Charts in the order added (their part numbers): the sheet, the type, and per axis (0 category or x,
     * 1 value or y) the title (static text), a fixed range and the major gridlines, as the calls that
     * returned FAST_OK left them. */
    struct mchart {
        size_t sheet;
        int type;
        const char *title[2];
        size_t tlen[2];
        int ranged[2], grid[2];
        double min[2], max[2];
    } *ch;
    size_t nch;
} model;

/* An Excel table as the model knows it: at most 8 columns; totals only on tables to the last row. */
#define MT_COLS 8
enum { T_NONE, T_FN, T_LABEL, T_CUSTOM };
typedef struct mtable {
    char name[300];
    size_t name_len;
    size_t sheet;
    uint32_t r1, c1, r2, c2; /* r2: FAST_LAST_ROW or the fixed last row */
    int filter, has_totals, header_seen, ended, chain;
    size_t root;
    uint32_t last;           /* the last data row, once ended */
    int kind[MT_COLS], fn[MT_COLS];
    const char *text[MT_COLS]; /* label or custom formula */
    size_t text_len[MT_COLS];
    const char *formula[MT_COLS]; /* calculated column, as given */
    size_t formula_len[MT_COLS];
    const char *col[MT_COLS];  /* header names */
    size_t col_len[MT_COLS];
    /* Every value a total counts: numbers, and the non-empty cells. */
    double *nums[MT_COLS];
    size_t nnums[MT_COLS], nonempty[MT_COLS];
    int unknown[MT_COLS];
} mtable;

static void push_cell(msheet *s, const xcell *x)
{
    if (s->ncells == s->capcells) {
        s->capcells = s->capcells ? s->capcells * 2 : 64;
        s->cells = realloc(s->cells, s->capcells * sizeof *s->cells);
        if (!s->cells)
            abort();
    }
    s->cells[s->ncells++] = *x;
}

static msheet *add_sheet(model *m, const char *name, size_t len, int known)
{
    m->sh = realloc(m->sh, (m->nsh + 1) * sizeof *m->sh);
    if (!m->sh)
        abort();
    msheet *s = &m->sh[m->nsh];
    memset(s, 0, sizeof *s);
    if (len >= sizeof s->name)
        len = sizeof s->name - 1;
    memcpy(s->name, name, len);
    s->name_len = len;
    s->name_known = known;
    s->chain_first = (uint32_t)m->nsh;
    s->chain_index = 1;
    m->nsh++;
    return s;
}

static void model_free(model *m)
{
    for (size_t i = 0; i < m->nsh; i++) {
        free(m->sh[i].cells);
        free(m->sh[i].merges);
        free(m->sh[i].mrg);
        free(m->sh[i].links);
        free(m->sh[i].cols);
        free(m->sh[i].colfmts);
        free(m->sh[i].rules);
        free(m->sh[i].notes);
        free(m->sh[i].ign);
    }
    free(m->sh);
    free(m->dn);
    free(m->ch);
    for (size_t i = 0; i < m->nsaved; i++)
        free(m->saved[i].cells);
    free(m->saved);
    for (size_t i = 0; i < m->ntb; i++)
        for (int k = 0; k < MT_COLS; k++)
            free(m->tb[i].nums[k]);
    free(m->tb);
}

static int ascii_fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int same_ascii_fold(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++)
        if (ascii_fold((unsigned char)a[i]) != ascii_fold((unsigned char)b[i]))
            return 0;
    return 1;
}

static int is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

static int name_used(const model *m, const char *name, size_t len)
{
    for (size_t i = 0; i < m->nsh; i++)
        if (same_ascii_fold(m->sh[i].name, m->sh[i].name_len, name, len))
            return 1;
    return 0;
}

static int all_names_ascii(const model *m)
{
    for (size_t i = 0; i < m->nsh; i++)
        if (!m->sh[i].name_known || !is_ascii(m->sh[i].name, m->sh[i].name_len))
            return 0;
    return 1;
}

/* The name of the next continuation sheet: "NAME (k)", NAME cut to fit 31 characters. */
static size_t continuation_name(const model *m, const msheet *cur, char *out, uint32_t *k_out)
{
    const msheet *first = &m->sh[cur->chain_first];
    for (uint32_t k = cur->chain_index + 1;; k++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof suffix, " (%u)", (unsigned)k);
        size_t room = 31 - (size_t)sl, chars = 0, i = 0;
        while (i < first->name_len && chars < room) {
            unsigned char c = (unsigned char)first->name[i];
            i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            chars++;
        }
        memcpy(out, first->name, i);
        memcpy(out + i, suffix, (size_t)sl);
        if (!name_used(m, out, i + (size_t)sl)) {
            *k_out = k;
            return i + (size_t)sl;
        }
    }
}

/* fast_workbook_set_active_sheet(): sheet @i was added (or named): it becomes the active one if none is yet,
 * it is visible and bears the name. */
static void md_try_active(model *m, size_t i)
{
    const msheet *s = &m->sh[i];
    if (!m->active_len || m->active || m->active_unknown || s->state != FAST_SHEET_VISIBLE)
        return;
    if (!s->name_known || !is_ascii(s->name, s->name_len) || !is_ascii(m->active_name, m->active_len))
        m->active_unknown = 1;
    else if (same_ascii_fold(s->name, s->name_len, m->active_name, m->active_len))
        m->active = i + 1;
}

/* ---- the output ------------------------------------------------------------------------- */

typedef struct output {
    unsigned char *buf;
    size_t len, cap;
    unsigned pattern, calls;
    unsigned fail_at, fail_kind; /* fail call number fail_at (1-based; 0: never) */
    int failed;
} output;

/* A callback that consumes a legal part of what it is offered: 1..len bytes. */
static int out_cb(const void *buf, size_t len, void *user)
{
    output *o = user;
    size_t take = len;
    unsigned k = o->calls++;
    if (o->fail_at && k + 1 >= o->fail_at) {
        /* A failing callback: 0, -1 or more than offered (each must fail the workbook). */
        o->failed = 1;
        return o->fail_kind == 0 ? 0 : o->fail_kind == 1 ? -1 : (int)(len > 0x7FFFFFFE ? 0 : len + 1);
    }
    switch (o->pattern % 4) {
    case 0: break;                                            /* everything */
    case 1: take = 1 + (k * 7919u) % len; break;              /* short writes of varying size */
    case 2: take = 1; break;                                  /* one byte at a time */
    case 3: take = len > 4096 ? 4096 - (k % 13) : len; break; /* at most a page */
    }
    if (take > len)
        take = len;
    if (o->len + take > o->cap) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap < o->len + take)
            cap *= 2;
        unsigned char *b = realloc(o->buf, cap);
        if (!b)
            return -1;
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, buf, take);
    o->len += take;
    return (int)take;
}

/* ---- checking the XML ------------------------------------------------------------------ */

static void xml_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static xmlDocPtr parse_part(const zw_archive *za, const char *name, int required)
{
    const zw_entry *e = zw_find(za, name);
    if (!e) {
        if (required)
            oracle_fail("part %s is missing", name);
        return NULL;
    }
    xmlDocPtr doc = xmlReadMemory((const char *)e->data, (int)e->usize, name, NULL,
                                  XML_PARSE_NONET | XML_PARSE_HUGE);
    if (!doc) {
        const xmlError *err = xmlGetLastError();
        oracle_fail("part %s is not well-formed XML: %s (line %d)", name, err ? err->message : "?",
                    err ? err->line : 0);
    }
    return doc;
}

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* An attribute's value (entities decoded) or NULL; the caller frees it. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* The text of an element: all its text and CDATA descendants, decoded by the parser. */
static void text_of(const xmlNode *n, char **buf, size_t *len, size_t *cap, int skip_rph)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t k = strlen((const char *)c->content);
            if (*len + k + 1 > *cap) {
                *cap = (*len + k + 1) * 2;
                *buf = realloc(*buf, *cap);
                if (!*buf)
                    abort();
            }
            memcpy(*buf + *len, c->content, k);
            *len += k;
            (*buf)[*len] = 0;
        } else if (c->type == XML_ELEMENT_NODE && !(skip_rph && is(c, "rPh"))) {
            text_of(c, buf, len, cap, skip_rph);
        }
    }
}

static char *content(const xmlNode *n, size_t *len)
{
    char *b = calloc(1, 1);
    size_t cap = 1;
    *len = 0;
    if (!b)
        abort();
    text_of(n, &b, len, &cap, 1);
    return b;
}

static int is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A <t> whose text starts or ends with white space must keep it (xml:space="preserve"). */
static void check_preserve(const xmlNode *t, const char *where)
{
    for (; t; t = t->next) {
        if (t->type != XML_ELEMENT_NODE)
            continue;
        if (is(t, "t")) {
            size_t n;
            char *s = content(t, &n);
            if (n && (is_xml_space(s[0]) || is_xml_space(s[n - 1]))) {
                xmlChar *sp = xmlNodeGetSpacePreserve(t) == 1 ? (xmlChar *)"1" : NULL;
                if (!sp)
                    oracle_fail("%s: text '%s' with leading or trailing white space lacks xml:space=\"preserve\"",
                                where, show(s, n));
            }
            free(s);
        } else {
            check_preserve(t->children, where);
        }
    }
}

/* Compare decoded text with what was given. */
static void expect_text(const char *got_xml, size_t got_len, const char *want, size_t want_len, const char *what,
                        const char *sheet, uint32_t row, uint32_t col)
{
    size_t n;
    char *dec = xstring_decode(got_xml, got_len, &n);
    if (n != want_len || memcmp(dec, want, n) != 0) {
        char cn[8];
        col_name(col, cn);
        oracle_fail("sheet '%s' cell %s%u: %s written as '%s' (decoded '%s'), given '%s'", sheet, cn, (unsigned)row,
                    what, show(got_xml, got_len), show(dec, n), show(want, want_len));
    }
    free(dec);
}

static int text_is_number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    errno = 0;
    *v = strtod(s, &end);
    return *end == 0;
}

static size_t g_shared_refs; /* cells that refer to the shared strings table */

typedef struct sst {
    char **s;
    size_t *len;
    size_t n;
} sst;

static void check_cell(const xmlNode *c, const xcell *x, const sst *strings, size_t nxf, const char *sheet)
{
    char cn[8];
    col_name(x->col, cn);
    char *t = attr(c, "t"), *s = attr(c, "s");
    xmlNode *v = child(c, "v"), *f = child(c, "f"), *is_ = child(c, "is");
    char *vt = NULL;
    size_t vlen = 0;
    if (v)
        vt = content(v, &vlen);
    if (s) {
        char *end;
        unsigned long xf = strtoul(s, &end, 10);
        if (*end || xf >= nxf)
            oracle_fail("sheet '%s' cell %s%u: style s=\"%s\" but styles.xml has %zu cellXfs", sheet, cn,
                        (unsigned)x->row, s, nxf);
    }
    const mcell *m = &x->c;
    double d;
    switch (m->type) {
    case C_BLANK:
        if (v || f || is_)
            oracle_fail("sheet '%s' cell %s%u: a formatted blank cell has a value", sheet, cn,
                        (unsigned)x->row);
        break;
    case C_STRING:
        if (t && strcmp(t, "s") == 0) {
            g_shared_refs++;
            char *end;
            unsigned long idx = vt ? strtoul(vt, &end, 10) : 0;
            if (!vt || *end || !*vt || idx >= strings->n)
                oracle_fail("sheet '%s' cell %s%u: shared string index '%s' of %zu strings", sheet, cn,
                            (unsigned)x->row, vt ? vt : "(none)", strings->n);
            expect_text(strings->s[idx], strings->len[idx], m->s, m->slen, "shared string", sheet, x->row, x->col);
        } else if (t && strcmp(t, "inlineStr") == 0) {
            if (!is_)
                oracle_fail("sheet '%s' cell %s%u: inline string without <is>", sheet, cn, (unsigned)x->row);
            check_preserve(is_->children, sheet);
            size_t n;
            char *txt = content(is_, &n);
            expect_text(txt, n, m->s, m->slen, "inline string", sheet, x->row, x->col);
            free(txt);
        } else {
            oracle_fail("sheet '%s' cell %s%u: text cell has t=\"%s\"", sheet, cn, (unsigned)x->row, t ? t : "");
        }
        break;
    case C_NUMBER:
    case C_INTEGER:
    case C_DATE:
    case C_UNIX:
    case C_MS:
        if ((t && strcmp(t, "n") != 0) || !vt || f)
            oracle_fail("sheet '%s' cell %s%u: number cell with t=\"%s\", value '%s'", sheet, cn, (unsigned)x->row,
                        t ? t : "", vt ? vt : "(none)");
        if (m->type == C_INTEGER) {
            char *end;
            errno = 0;
            long long ll = strtoll(vt, &end, 10);
            if (*end || errno || ll != m->i64)
                oracle_fail("sheet '%s' cell %s%u: integer %" PRId64 " written as '%s'", sheet, cn, (unsigned)x->row,
                            m->i64, vt);
        } else {
            double want = m->type == C_NUMBER ? m->num : x->serial;
            if (!text_is_number(vt, &d) || d != want)
                oracle_fail("sheet '%s' cell %s%u: %s %.17g written as '%s'", sheet, cn, (unsigned)x->row,
                            m->type == C_NUMBER ? "number" : "date serial", want, vt);
            if (m->type != C_NUMBER && (!s || strcmp(s, "0") == 0))
                oracle_fail("sheet '%s' cell %s%u: date cell without a style", sheet, cn, (unsigned)x->row);
        }
        break;
    case C_BOOL:
        if (!t || strcmp(t, "b") != 0 || !vt || strcmp(vt, m->b ? "1" : "0") != 0)
            oracle_fail("sheet '%s' cell %s%u: boolean %d written as t=\"%s\" '%s'", sheet, cn, (unsigned)x->row,
                        m->b, t ? t : "", vt ? vt : "(none)");
        break;
    case C_FORMULA: {
        if (!f)
            oracle_fail("sheet '%s' cell %s%u: formula cell without <f>", sheet, cn, (unsigned)x->row);
        size_t fl;
        char *ft = content(f, &fl);
        expect_text(ft, fl, m->s, m->slen, "formula", sheet, x->row, x->col);
        free(ft);
        switch (m->cached) {
        case F_NONE:
            if (vt && vlen)
                oracle_fail("sheet '%s' cell %s%u: formula without a cached value has <v>%s</v>", sheet, cn,
                            (unsigned)x->row, vt);
            break;
        case F_NUMBER:
            if (m->tol > 0 || m->may_uncached) { /* a table's total, computed here another way */
                if (!vt || !vlen) {
                    if (!m->may_uncached)
                        oracle_fail("sheet '%s' cell %s%u: table total %.17g has no cached value", sheet, cn,
                                    (unsigned)x->row, m->num);
                } else if ((t && strcmp(t, "n") != 0) || !text_is_number(vt, &d) || !(fabs(d - m->num) <= m->tol)) {
                    oracle_fail("sheet '%s' cell %s%u: table total %.17g (within %g) written as '%s'", sheet, cn,
                                (unsigned)x->row, m->num, m->tol, vt);
                }
                break;
            }
            if ((t && strcmp(t, "n") != 0) || !vt || !text_is_number(vt, &d) || d != m->num)
                oracle_fail("sheet '%s' cell %s%u: formula number %.17g written as t=\"%s\" '%s'", sheet, cn,
                            (unsigned)x->row, m->num, t ? t : "", vt ? vt : "(none)");
            break;
        case F_STRING:
            if (!t || strcmp(t, "str") != 0)
                oracle_fail("sheet '%s' cell %s%u: formula string with t=\"%s\"", sheet, cn, (unsigned)x->row,
                            t ? t : "");
            expect_text(vt ? vt : "", vlen, m->cs, m->cslen, "formula value", sheet, x->row, x->col);
            break;
        case F_BOOL:
            if (!t || strcmp(t, "b") != 0 || !vt || strcmp(vt, m->b ? "1" : "0") != 0)
                oracle_fail("sheet '%s' cell %s%u: formula boolean %d written as t=\"%s\" '%s'", sheet, cn,
                            (unsigned)x->row, m->b, t ? t : "", vt ? vt : "(none)");
            break;
        }
        break;
    }
    }
    free(vt);
    xmlFree(t);
    xmlFree(s);
}

/*
 * The width Excel stores for a width of @w characters typed in its Column Width
 * box: the characters times the widest digit of Calibri 11 (7 pixels), rounded
 * to a pixel, plus 5 pixels of padding (widths below 1 scale the 12 pixels
 * instead), in digit widths cut to 1/256. The library may store either.
 */
static double excel_width(double w)
{
    double px = w <= 0 ? 0 : w < 1 ? floor(w * 12 + 0.5) : floor(w * 7 + 0.5) + 5;
    return floor(px / 7 * 256) / 256;
}

static int cmp_xcell(const void *a, const void *b)
{
    const xcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/*
 * Whether a sheet name must be quoted in a reference (ECMA-376 Part 1 §18.17.2):
 * anything but ASCII letters, digits, '_' and '.', a leading digit or '.', or a
 * name that reads as an A1 reference (1..3 letters then digits), an R1C1 one
 * (R, C, RC, R2, C3, R2C3 in any case) or a boolean.
 */
static int needs_quotes(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
            return 1;
    }
    if (n == 0 || (s[0] >= '0' && s[0] <= '9') || s[0] == '.')
        return 1;
    size_t i = 0;
    while (i < n && ascii_fold((unsigned char)s[i]) >= 'a' && ascii_fold((unsigned char)s[i]) <= 'z')
        i++;
    size_t letters = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == n && letters >= 1 && letters <= 3 && i > letters)
        return 1;
    i = 0;
    if (i < n && ascii_fold((unsigned char)s[i]) == 'r')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        }
    if (i < n && ascii_fold((unsigned char)s[i]) == 'c')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        }
    if (i == n)
        return 1;
    return same_ascii_fold(s, n, "true", 4) || same_ascii_fold(s, n, "false", 5);
}

/* "'Bob''s'!A1" or "Data!A1": the location of an internal link. */
static void sheet_location(const char *name, size_t n, const char *ref, char *out, size_t cap)
{
    size_t k = 0;
    int q = needs_quotes(name, n);
    if (q)
        out[k++] = '\'';
    for (size_t i = 0; i < n && k + 4 < cap; i++) {
        out[k++] = name[i];
        if (name[i] == '\'')
            out[k++] = '\'';
    }
    if (q)
        out[k++] = '\'';
    snprintf(out + k, cap - k, "!%s", ref);
}

/* [$]COL[$]ROW, upper-cased into @out; the bytes read or 0. */
static size_t one_ref(const char *s, size_t n, char *out, size_t *k)
{
    size_t i = 0;
    uint64_t col = 0, row = 0;
    if (i < n && s[i] == '$')
        out[(*k)++] = s[i++];
    size_t c0 = i;
    while (i < n && ascii_fold((unsigned char)s[i]) >= 'a' && ascii_fold((unsigned char)s[i]) <= 'z') {
        if (col <= 16384)
            col = col * 26 + (uint64_t)(ascii_fold((unsigned char)s[i]) - 'a' + 1);
        out[(*k)++] = (char)(ascii_fold((unsigned char)s[i]) - 32);
        i++;
        if (*k > 60)
            return 0;
    }
    if (i == c0 || col > 16384)
        return 0;
    if (i < n && s[i] == '$')
        out[(*k)++] = s[i++];
    size_t r0 = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (row <= 1048576)
            row = row * 10 + (uint64_t)(s[i] - '0');
        out[(*k)++] = s[i++];
        if (*k > 60)
            return 0;
    }
    if (i == r0 || s[r0] == '0' || row > 1048576)
        return 0;
    return i;
}

/* A cell or range reference "B7", "$A$1", "a1:c10" upper-cased into @out (NUL-terminated); 0 if it is none. */
static int range_ref(const char *s, size_t n, char *out)
{
    out[0] = 0;
    if (n > 40)
        return 0;
    size_t k = 0, used = one_ref(s, n, out, &k);
    if (used && used < n && s[used] == ':') {
        out[k++] = ':';
        size_t more = one_ref(s + used + 1, n - used - 1, out, &k);
        used = more ? used + 1 + more : 0;
    }
    out[k] = 0;
    return used && used == n;
}

/* The column format in effect for @col: the last one set over it (format index + 1), 0 for none. */
static int colfmt_of(const msheet *ms, uint32_t col)
{
    int f = 0;
    for (size_t i = 0; i < ms->ncolfmts; i++)
        if (col >= ms->colfmts[i].first && col <= ms->colfmts[i].last)
            f = ms->colfmts[i].fmt;
    return f;
}

/* The <col> ranges of a worksheet and their style (0 when absent). */
typedef struct colstyle {
    uint32_t lo, hi; /* 0-based */
    unsigned long style;
} colstyle;

static size_t read_col_styles(const xmlNode *root, colstyle **out)
{
    size_t n = 0;
    *out = NULL;
    xmlNode *cols = child(root, "cols");
    for (xmlNode *c = cols ? cols->children : NULL; c; c = c->next) {
        if (!is(c, "col"))
            continue;
        char *mn = attr(c, "min"), *mx = attr(c, "max"), *st = attr(c, "style");
        *out = realloc(*out, (n + 1) * sizeof **out);
        if (!*out)
            abort();
        long lo = mn ? strtol(mn, NULL, 10) : 0, hi = mx ? strtol(mx, NULL, 10) : 0;
        (*out)[n++] = (colstyle){(uint32_t)(lo > 0 ? lo - 1 : 0), (uint32_t)(hi > 0 ? hi - 1 : 0),
                                 st ? strtoul(st, NULL, 10) : 0};
        xmlFree(mn);
        xmlFree(mx);
        xmlFree(st);
    }
    return n;
}

static const colstyle *col_style_at(const colstyle *cs, size_t n, uint32_t col)
{
    for (size_t i = 0; i < n; i++)
        if (col >= cs[i].lo && col <= cs[i].hi)
            return &cs[i];
    return NULL;
}

/* The sqref of rule range @r on a sheet of @rows rows: FAST_LAST_ROW is the last row, at least the first. */
static void rule_sqref(const uint32_t *r, uint32_t rows, char *out, size_t cap)
{
    uint32_t r2 = r[2] == FAST_LAST_ROW ? (rows > r[0] + 1 ? rows - 1 : r[0]) : r[2];
    char x1[8], x2[8];
    col_name(r[1], x1);
    col_name(r[3], x2);
    if (r[0] == r2 && r[1] == r[3])
        snprintf(out, cap, "%s%u", x1, (unsigned)r2 + 1);
    else
        snprintf(out, cap, "%s%u:%s%u", x1, (unsigned)r[0] + 1, x2, (unsigned)r2 + 1);
}

/* Conditional formats: every cfRule of the model once, priority = its place
 * among the sheet's conditional formats, with its type and range; one x14
 * data bar per data bar, tied by id. Data validations in order, with type and
 * range. */
static void check_rules(const xmlNode *root, const msheet *ms)
{
    size_t ncf = 0, nbars = 0, seen = 0, ndv = 0;
    for (size_t i = 0; i < ms->nrules; i++)
        if (!ms->rules[i].dv)
            ncf++;
    const struct mrule **by_priority = calloc(ncf + 1, sizeof *by_priority);
    if (!by_priority)
        abort();
    for (size_t i = 0, k = 0; i < ms->nrules; i++)
        if (!ms->rules[i].dv)
            by_priority[k++] = &ms->rules[i];
    char want[48];
    for (const xmlNode *cf = root->children; cf; cf = cf->next) {
        if (!is(cf, "conditionalFormatting"))
            continue;
        char *sqref = attr(cf, "sqref");
        for (const xmlNode *c = cf->children; c; c = c->next) {
            if (!is(c, "cfRule"))
                continue;
            char *type = attr(c, "type"), *prio = attr(c, "priority");
            unsigned long p = prio ? strtoul(prio, NULL, 10) : 0;
            if (p < 1 || p > ncf || !by_priority[p - 1])
                oracle_fail("sheet '%s': cfRule priority '%s' unknown or repeated", ms->name, prio ? prio : "");
            const struct mrule *mr = by_priority[p - 1];
            by_priority[p - 1] = NULL;
            rule_sqref(mr->r, ms->rows, want, sizeof want);
            if (!sqref || strcmp(sqref, want) != 0 || !type || strcmp(type, mr->type) != 0)
                oracle_fail("sheet '%s': cfRule priority %lu is %s over '%s', expected %s over %s", ms->name, p,
                            type ? type : "?", sqref ? sqref : "", mr->type, want);
            nbars += mr->data_bar;
            seen++;
            xmlFree(type);
            xmlFree(prio);
        }
        xmlFree(sqref);
    }
    if (seen != ncf)
        oracle_fail("sheet '%s': %zu conditional formats written, %zu added", ms->name, seen, ncf);
    free(by_priority);
    size_t x14 = 0;
    const xmlNode *ext = child(root, "extLst");
    for (const xmlNode *e = ext ? ext->children : NULL; e; e = e->next)
        for (const xmlNode *cfs = e->children; cfs; cfs = cfs->next)
            for (const xmlNode *cf = cfs->children; cf; cf = cf->next)
                x14 += is(cf, "conditionalFormatting");
    if (x14 != nbars)
        oracle_fail("sheet '%s': %zu data bars in the extLst, %zu added", ms->name, x14, nbars);
    const xmlNode *dvs = child(root, "dataValidations");
    const xmlNode *d = dvs ? dvs->children : NULL;
    for (size_t i = 0; i < ms->nrules; i++) {
        if (!ms->rules[i].dv)
            continue;
        while (d && !is(d, "dataValidation"))
            d = d->next;
        if (!d)
            oracle_fail("sheet '%s': data validation %zu missing", ms->name, ndv);
        char *type = attr(d, "type"), *sqref = attr(d, "sqref");
        rule_sqref(ms->rules[i].r, ms->rows, want, sizeof want);
        const char *wt = ms->rules[i].type;
        if (!sqref || strcmp(sqref, want) != 0 || (type ? strcmp(type, wt) != 0 : strcmp(wt, "none") != 0))
            oracle_fail("sheet '%s': data validation %zu is %s over '%s', expected %s over %s", ms->name, ndv,
                        type ? type : "none", sqref ? sqref : "", wt, want);
        xmlFree(type);
        xmlFree(sqref);
        ndv++;
        d = d->next;
    }
    while (d && !is(d, "dataValidation"))
        d = d->next;
    if (d)
        oracle_fail("sheet '%s': more data validations written than the %zu added", ms->name, ndv);
}

/* The worksheet's elements in the order of ECMA-376 Part 1 §18.3.1.99 CT_Worksheet. */
static const char *const worksheet_order[] = {
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst"};

/* The ignoredError attribute of FAST_IGNORE_* bit i. */
static const char *const ignore_attr[9] = {"evalError", "twoDigitTextYear", "numberStoredAsText", "formula",
                                           "formulaRange", "unlockedFormula", "emptyCellReference",
                                           "listDataValidation", "calculatedColumn"};

/* Element order; fitToPage, orientation, scale, the odd footer, row breaks and
 * ignored errors as set. */
/* The legacy password hash as MS-OFFCRYPTO §2.3.7.1 describes it: from the last character to the first,
 * a 15-bit rotation left by one and an xor with the character; once more for the length; xor 0xCE4B. */
static unsigned password_hash(const char *pw, size_t n)
{
    if (!n)
        return 0;
    unsigned v = 0;
    for (size_t i = n; i-- > 0;) {
        v = ((v >> 14) & 1) | ((v << 1) & 0x7FFF);
        v ^= (unsigned char)pw[i];
    }
    v = ((v >> 14) & 1) | ((v << 1) & 0x7FFF);
    return v ^ (unsigned)n ^ 0xCE4B;
}

/* An attribute that must be absent (@want NULL) or have the text @want. */
static void expect_attr(const xmlNode *e, const char *name, const char *want, const char *sheet, const char *elem)
{
    char *v = e ? attr(e, name) : NULL;
    if ((v == NULL) != (want == NULL) || (v && strcmp(v, want) != 0))
        oracle_fail("sheet '%s': %s %s='%s', expected %s%s%s", sheet, elem, name, v ? v : "(none)",
                    want ? "'" : "", want ? want : "none", want ? "'" : "");
    xmlFree(v);
}

/* pageMargins, pageSetup's paperSize and fitToWidth/fitToHeight, sheetProtection. */
static void check_setup_read_back(const xmlNode *root, const msheet *ms)
{
    static const char *const side[6] = {"left", "right", "top", "bottom", "header", "footer"};
    static const double excel_default[6] = {0.7, 0.7, 0.75, 0.75, 0.3, 0.3};
    const xmlNode *pm = child(root, "pageMargins");
    if (ms->has_margins && !pm)
        oracle_fail("sheet '%s': margins set, no pageMargins", ms->name);
    for (int i = 0; pm && i < 6; i++) {
        char *v = attr(pm, side[i]);
        double want = ms->has_margins ? ms->margins[i] : excel_default[i];
        if (!v || strtod(v, NULL) != want)
            oracle_fail("sheet '%s': pageMargins %s='%s', expected %.17g", ms->name, side[i], v ? v : "(none)",
                        want);
        xmlFree(v);
    }
    const xmlNode *ps = child(root, "pageSetup");
    char num[16];
    snprintf(num, sizeof num, "%u", (unsigned)ms->paper);
    if (ms->paper && !ps)
        oracle_fail("sheet '%s': paper size %u set, no pageSetup", ms->name, (unsigned)ms->paper);
    expect_attr(ps, "paperSize", ms->paper ? num : NULL, ms->name, "pageSetup");
    snprintf(num, sizeof num, "%u", (unsigned)ms->fit_w);
    expect_attr(ps, "fitToWidth", ms->fit && ms->fit_w != 1 ? num : NULL, ms->name, "pageSetup");
    snprintf(num, sizeof num, "%u", (unsigned)ms->fit_t);
    expect_attr(ps, "fitToHeight", ms->fit && ms->fit_t != 1 ? num : NULL, ms->name, "pageSetup");
    const xmlNode *sp = child(root, "sheetProtection");
    if ((sp != NULL) != (ms->protect != 0))
        oracle_fail("sheet '%s': sheetProtection %s, protection %sset", ms->name, sp ? "written" : "missing",
                    ms->protect ? "" : "not ");
    if (!sp)
        return;
    /* true = the action is locked: formatCells..pivotTables default to locked, objects and scenarios to not. */
    static const struct { unsigned bit; const char *attr, *when_set, *when_clear; } prot[] = {
        {FAST_PROTECT_ALLOW_EDIT_OBJECTS, "objects", NULL, "1"},
        {FAST_PROTECT_ALLOW_EDIT_SCENARIOS, "scenarios", NULL, "1"},
        {FAST_PROTECT_ALLOW_FORMAT_CELLS, "formatCells", "0", NULL},
        {FAST_PROTECT_ALLOW_FORMAT_COLUMNS, "formatColumns", "0", NULL},
        {FAST_PROTECT_ALLOW_FORMAT_ROWS, "formatRows", "0", NULL},
        {FAST_PROTECT_ALLOW_INSERT_COLUMNS, "insertColumns", "0", NULL},
        {FAST_PROTECT_ALLOW_INSERT_ROWS, "insertRows", "0", NULL},
        {FAST_PROTECT_ALLOW_INSERT_HYPERLINKS, "insertHyperlinks", "0", NULL},
        {FAST_PROTECT_ALLOW_DELETE_COLUMNS, "deleteColumns", "0", NULL},
        {FAST_PROTECT_ALLOW_DELETE_ROWS, "deleteRows", "0", NULL},
        {FAST_PROTECT_NO_SELECT_LOCKED, "selectLockedCells", "1", NULL},
        {FAST_PROTECT_ALLOW_SORT, "sort", "0", NULL},
        {FAST_PROTECT_ALLOW_AUTOFILTER, "autoFilter", "0", NULL},
        {FAST_PROTECT_ALLOW_PIVOT_TABLES, "pivotTables", "0", NULL},
        {FAST_PROTECT_NO_SELECT_UNLOCKED, "selectUnlockedCells", "1", NULL},
    };
    expect_attr(sp, "sheet", "1", ms->name, "sheetProtection");
    for (size_t i = 0; i < sizeof prot / sizeof prot[0]; i++)
        expect_attr(sp, prot[i].attr, ms->allow & prot[i].bit ? prot[i].when_set : prot[i].when_clear, ms->name,
                    "sheetProtection");
    snprintf(num, sizeof num, "%04X", ms->pw_hash);
    expect_attr(sp, "password", ms->pw_hash ? num : NULL, ms->name, "sheetProtection");
}

static void check_print(const xmlNode *root, const msheet *ms)
{
    size_t at = 0, n = sizeof worksheet_order / sizeof worksheet_order[0];
    for (const xmlNode *e = root->children; e; e = e->next) {
        if (e->type != XML_ELEMENT_NODE)
            continue;
        size_t k = at;
        while (k < n && !is(e, worksheet_order[k]))
            k++;
        if (k == n)
            oracle_fail("sheet '%s': <%s> out of the order of CT_Worksheet", ms->name, (const char *)e->name);
        at = k + (strcmp(worksheet_order[k], "conditionalFormatting") != 0); /* the one that repeats */
    }
    const xmlNode *pr = child(root, "sheetPr");
    const xmlNode *psp = pr ? child(pr, "pageSetUpPr") : NULL;
    char *fit = psp ? attr(psp, "fitToPage") : NULL;
    if ((fit && strcmp(fit, "1") == 0) != (ms->fit != 0))
        oracle_fail("sheet '%s': fitToPage '%s', fit to pages %sset", ms->name, fit ? fit : "", ms->fit ? "" : "not ");
    xmlFree(fit);
    const xmlNode *ps = child(root, "pageSetup");
    char *o = ps ? attr(ps, "orientation") : NULL, *sc = ps ? attr(ps, "scale") : NULL;
    const char *wo = ms->orient == FAST_LANDSCAPE ? "landscape" : ms->orient == FAST_PORTRAIT ? "portrait" : NULL;
    if ((o == NULL) != (wo == NULL) || (o && strcmp(o, wo) != 0))
        oracle_fail("sheet '%s': orientation '%s', expected '%s'", ms->name, o ? o : "", wo ? wo : "");
    if ((sc == NULL) != (ms->scale == 0) || (sc && strtoul(sc, NULL, 10) != ms->scale))
        oracle_fail("sheet '%s': scale '%s', expected %u", ms->name, sc ? sc : "", (unsigned)ms->scale);
    xmlFree(o);
    xmlFree(sc);
    check_setup_read_back(root, ms);
    const xmlNode *hf = child(root, "headerFooter"), *of = hf ? child(hf, "oddFooter") : NULL;
    if ((of != NULL) != (ms->footer != NULL))
        oracle_fail("sheet '%s': oddFooter %s, %s", ms->name, of ? "written" : "missing",
                    ms->footer ? "set" : "not set");
    if (of) {
        size_t len, dlen;
        char *c = content(of, &len);
        char *d = xstring_decode(c, len, &dlen);
        if (dlen != ms->footer_len || memcmp(d, ms->footer, dlen) != 0)
            oracle_fail("sheet '%s': oddFooter '%s', given '%s'", ms->name, show(d, dlen),
                        show(ms->footer, ms->footer_len));
        free(c);
        free(d);
    }
    const xmlNode *rb = child(root, "rowBreaks");
    size_t nb = 0;
    for (const xmlNode *b = rb ? rb->children : NULL; b; b = b->next) {
        if (!is(b, "brk"))
            continue;
        char *id = attr(b, "id");
        int found = 0;
        for (size_t i = 0; i < ms->nbreaks; i++)
            found |= id && strtoul(id, NULL, 10) == ms->breaks[i];
        if (!found)
            oracle_fail("sheet '%s': row break '%s' not added", ms->name, id ? id : "");
        xmlFree(id);
        nb++;
    }
    if (nb != ms->nbreaks)
        oracle_fail("sheet '%s': %zu row breaks written, %zu distinct ones added", ms->name, nb, ms->nbreaks);
    const xmlNode *ie = child(root, "ignoredErrors");
    const xmlNode *e = ie ? ie->children : NULL;
    for (size_t i = 0; i < ms->nign; i++, e = e->next) {
        while (e && !is(e, "ignoredError"))
            e = e->next;
        if (!e)
            oracle_fail("sheet '%s': ignoredError %zu missing", ms->name, i);
        char want[64], *sq = attr(e, "sqref");
        rule_sqref(ms->ign[i].r, ms->rows, want, sizeof want);
        if (!sq || strcmp(sq, want) != 0)
            oracle_fail("sheet '%s': ignoredError %zu over '%s', expected '%s'", ms->name, i, sq ? sq : "", want);
        xmlFree(sq);
        for (int k = 0; k < 9; k++) {
            char *v = attr(e, ignore_attr[k]);
            if ((v && strcmp(v, "1") == 0) != !!(ms->ign[i].kinds & (1u << k)))
                oracle_fail("sheet '%s': ignoredError %zu: %s='%s', kinds 0x%x", ms->name, i, ignore_attr[k],
                            v ? v : "", ms->ign[i].kinds);
            xmlFree(v);
        }
    }
    while (e && !is(e, "ignoredError"))
        e = e->next;
    if (e || (ie && !ms->nign))
        oracle_fail("sheet '%s': more ignoredError elements than the %zu added", ms->name, ms->nign);
}

/* An unsigned attribute, 0 when absent. */
static unsigned long attr_u(const xmlNode *n, const char *name)
{
    char *v = attr(n, name);
    unsigned long x = v ? strtoul(v, NULL, 10) : 0;
    xmlFree(v);
    return x;
}

/* Outlines: sheetFormatPr's levels, outlinePr, each column A..AF's col attributes, the outlined rows. */
static void check_outline(const xmlNode *root, const msheet *ms)
{
    const xmlNode *fp = child(root, "sheetFormatPr");
    unsigned long lr = fp ? attr_u(fp, "outlineLevelRow") : 0, lc = fp ? attr_u(fp, "outlineLevelCol") : 0;
    if (lr != ms->ol.rowmax || lc != ms->ol.colmax)
        oracle_fail("sheet '%s': sheetFormatPr outline levels %lu/%lu, expected %u/%u", ms->name, lr, lc,
                    (unsigned)ms->ol.rowmax, (unsigned)ms->ol.colmax);
    const xmlNode *pr = child(root, "sheetPr");
    const xmlNode *op = pr ? child(pr, "outlinePr") : NULL;
    char *below = op ? attr(op, "summaryBelow") : NULL, *right = op ? attr(op, "summaryRight") : NULL;
    int above = below && strcmp(below, "0") == 0, left = right && strcmp(right, "0") == 0;
    xmlFree(below);
    xmlFree(right);
    if (above != ms->ol.above || left != ms->ol.left)
        oracle_fail("sheet '%s': outlinePr above %d left %d, expected %d %d", ms->name, above, left, ms->ol.above,
                    ms->ol.left);
    const xmlNode *cols = child(root, "cols");
    for (uint32_t c = 0; c < 32; c++) {
        unsigned bits = 0;
        for (const xmlNode *x = cols ? cols->children : NULL; x; x = x->next)
            if (x->type == XML_ELEMENT_NODE && is(x, "col") && attr_u(x, "min") <= c + 1 && attr_u(x, "max") >= c + 1)
                bits = (unsigned)attr_u(x, "outlineLevel") | (attr_u(x, "hidden") ? 8u : 0) |
                       (attr_u(x, "collapsed") ? 16u : 0);
        if (bits != ms->ol.cols[c])
            oracle_fail("sheet '%s': column %u outline bits %u, expected %u", ms->name, (unsigned)c + 1, bits,
                        (unsigned)ms->ol.cols[c]);
    }
    const xmlNode *sd = child(root, "sheetData");
    for (size_t i = 0; i < ms->nolrows; i++) {
        unsigned bits = 0;
        int found = 0;
        for (const xmlNode *x = sd ? sd->children : NULL; x; x = x->next)
            if (x->type == XML_ELEMENT_NODE && attr_u(x, "r") == ms->olrows[i].row) {
                found = 1;
                bits = (unsigned)attr_u(x, "outlineLevel") | (attr_u(x, "hidden") ? 8u : 0) |
                       (attr_u(x, "collapsed") ? 16u : 0);
            }
        if (!found || bits != ms->olrows[i].bits)
            oracle_fail("sheet '%s': row %u outline bits %u (found %d), expected %u", ms->name,
                        (unsigned)ms->olrows[i].row, bits, found, (unsigned)ms->olrows[i].bits);
    }
}

static void check_sheet(const zw_archive *za, const char *part, msheet *ms, const sst *strings, size_t nxf,
                        int want_dimension)
{
    xmlDocPtr doc = parse_part(za, part, 1);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!is(root, "worksheet"))
        oracle_fail("%s: root element is not worksheet", part);
    if (ms->ncells)
        qsort(ms->cells, ms->ncells, sizeof *ms->cells, cmp_xcell);
    size_t k = 0;
    uint32_t prev_row = 0;
    colstyle *cstyles;
    size_t ncstyles = read_col_styles(root, &cstyles);
    /* Every column with a column format has it as its <col style>; the others have none. */
    for (size_t i = 0; i < ms->ncolfmts; i++) {
        const struct colf *cf = &ms->colfmts[i];
        uint32_t probe[3] = {cf->first, cf->last, cf->first + (cf->last - cf->first) / 2};
        for (int p = 0; p < 3; p++) {
            const colstyle *cs = col_style_at(cstyles, ncstyles, probe[p]);
            char cn[8];
            col_name(probe[p], cn);
            if (colfmt_of(ms, probe[p]) && !cs)
                oracle_fail("sheet '%s': column %s has a column format but no <col>", ms->name, cn);
            if (colfmt_of(ms, probe[p]) && cs->style >= nxf)
                oracle_fail("sheet '%s': column %s: <col style=\"%lu\"> of %zu cellXfs", ms->name, cn, cs->style, nxf);
            if (!colfmt_of(ms, probe[p]) && cs && cs->style)
                oracle_fail("sheet '%s': column %s without a column format has <col style=\"%lu\">", ms->name, cn,
                            cs->style);
        }
    }
    xmlNode *sd = child(root, "sheetData");
    if (!sd)
        oracle_fail("%s: no sheetData", part);
    for (xmlNode *r = sd->children; r; r = r->next) {
        if (r->type != XML_ELEMENT_NODE)
            continue;
        if (!is(r, "row"))
            oracle_fail("%s: <%s> in sheetData", part, r->name);
        char *rt = attr(r, "r");
        char *end;
        unsigned long rn = rt ? strtoul(rt, &end, 10) : 0;
        if (!rt || *end || rn <= prev_row || rn > 1048576)
            oracle_fail("%s: row r=\"%s\" after row %u", part, rt ? rt : "(none)", (unsigned)prev_row);
        xmlFree(rt);
        prev_row = (uint32_t)rn;
        long prev_col = -1;
        for (xmlNode *c = r->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (!is(c, "c"))
                oracle_fail("%s: <%s> in row %lu", part, c->name, rn);
            char *cr = attr(c, "r");
            uint32_t row = (uint32_t)rn, col = (uint32_t)(prev_col + 1);
            if (cr) {
                uint32_t rr, cc;
                if (!parse_ref(cr, &rr, &cc) || rr != rn)
                    oracle_fail("%s: cell r=\"%s\" in row %lu", part, cr, rn);
                col = cc;
            }
            xmlFree(cr);
            if ((long)col <= prev_col || col >= 16384)
                oracle_fail("%s: row %lu: column %u after column %ld", part, rn, (unsigned)col, prev_col);
            prev_col = col;
            char cn[8];
            col_name(col, cn);
            if (k >= ms->ncells || ms->cells[k].row != row || ms->cells[k].col != col) {
                if (k < ms->ncells) {
                    char wn[8];
                    col_name(ms->cells[k].col, wn);
                    oracle_fail("sheet '%s' (%s): cell %s%u in the output, next expected cell is %s%u", ms->name,
                                part, cn, (unsigned)row, wn, (unsigned)ms->cells[k].row);
                }
                oracle_fail("sheet '%s' (%s): unexpected cell %s%u after all %zu expected cells", ms->name, part, cn,
                            (unsigned)row, ms->ncells);
            }
            check_cell(c, &ms->cells[k], strings, nxf, ms->name);
            /* A cell without a format of its own or of its row takes its column's (dates may add a number format). */
            const mcell *mcl = &ms->cells[k].c;
            int same_format = mcl->fchg == ms->first_chg && (!ms->autofit || ms->end_chg == ms->first_chg);
            if (!mcl->fmt && !mcl->rowfmt && mcl->type != C_DATE && mcl->type != C_UNIX && mcl->type != C_MS &&
                (!colfmt_of(ms, col) || same_format)) {
                const colstyle *cs = col_style_at(cstyles, ncstyles, col);
                unsigned long want = colfmt_of(ms, col) && cs ? cs->style : 0;
                char *sv = attr(c, "s");
                unsigned long got = sv ? strtoul(sv, NULL, 10) : 0;
                xmlFree(sv);
                if (got != want)
                    oracle_fail("sheet '%s' cell %s%u: style %lu, expected %lu (its column's format: %d)", ms->name, cn,
                                (unsigned)row, got, want, colfmt_of(ms, col));
            }
            k++;
        }
    }
    free(cstyles);
    check_outline(root, ms);
    if (k != ms->ncells) {
        char wn[8];
        col_name(ms->cells[k].col, wn);
        oracle_fail("sheet '%s' (%s): expected cell %s%u (and %zu more) is missing", ms->name, part, wn,
                    (unsigned)ms->cells[k].row, ms->ncells - k - 1);
    }
    /* <dimension>: the used range, or A1 for a sheet without cells. */
    xmlNode *dim = child(root, "dimension");
    if (want_dimension && !dim)
        oracle_fail("sheet '%s' (%s): no <dimension> on a seekable output", ms->name, part);
    if (dim) {
        char want[40], a[8], b[8];
        if (ms->ncells == 0) {
            strcpy(want, "A1");
        } else {
            uint32_t r1 = UINT32_MAX, r2 = 0, c1 = UINT32_MAX, c2 = 0;
            for (size_t i = 0; i < ms->ncells; i++) {
                const xcell *x = &ms->cells[i];
                r1 = x->row < r1 ? x->row : r1;
                r2 = x->row > r2 ? x->row : r2;
                c1 = x->col < c1 ? x->col : c1;
                c2 = x->col > c2 ? x->col : c2;
            }
            col_name(c1, a);
            col_name(c2, b);
            if (r1 == r2 && c1 == c2)
                snprintf(want, sizeof want, "%s%u", a, (unsigned)r1);
            else
                snprintf(want, sizeof want, "%s%u:%s%u", a, (unsigned)r1, b, (unsigned)r2);
        }
        char *ref = attr(dim, "ref");
        if (!ref || strcmp(ref, want) != 0)
            oracle_fail("sheet '%s' (%s): <dimension ref=\"%s\"/>, used range %s", ms->name, part, ref ? ref : "",
                        want);
        xmlFree(ref);
    }
    /* The worksheet's children come in the order of CT_Worksheet (§18.3.1.99). */
    static const char *const order[] = {
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
        "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
        "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
        "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
        "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture",
        "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"};
    long at = -1;
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        long e = 0;
        while (e < (long)(sizeof order / sizeof order[0]) && strcmp((const char *)c->name, order[e]) != 0)
            e++;
        if (e == (long)(sizeof order / sizeof order[0]))
            oracle_fail("%s: unknown element <%s> in worksheet", part, c->name);
        if (e < at || (e == at && strcmp(order[e], "conditionalFormatting") != 0))
            oracle_fail("%s: <%s> out of order or repeated in worksheet", part, c->name);
        at = e;
    }
    /* Images: <drawing> exactly when the sheet has some (check_package finds the part it points at). */
    if ((child(root, "drawing") != NULL) != (ms->nimages > 0))
        oracle_fail("%s: <drawing> %s, but %zu images were placed", part, child(root, "drawing") ? "present" : "absent",
                    ms->nimages);
    /* Frozen panes. */
    xmlNode *views = child(root, "sheetViews");
    xmlNode *pane = child(child(views, "sheetView"), "pane");
    if (ms->freeze_rows || ms->freeze_cols) {
        char *xs = pane ? attr(pane, "xSplit") : NULL, *ys = pane ? attr(pane, "ySplit") : NULL;
        char *tl = pane ? attr(pane, "topLeftCell") : NULL, *state = pane ? attr(pane, "state") : NULL;
        char want[24];
        size_t wl = col_name(ms->freeze_cols, want);
        snprintf(want + wl, sizeof want - wl, "%u", (unsigned)ms->freeze_rows + 1);
        if (!pane || strtoul(xs ? xs : "0", NULL, 10) != ms->freeze_cols ||
            strtoul(ys ? ys : "0", NULL, 10) != ms->freeze_rows || !tl || strcmp(tl, want) != 0 || !state ||
            strcmp(state, "frozen") != 0)
            oracle_fail("sheet '%s': panes frozen at %u rows, %u columns written as xSplit=%s ySplit=%s topLeftCell=%s "
                        "state=%s", ms->name, (unsigned)ms->freeze_rows, (unsigned)ms->freeze_cols, xs ? xs : "-",
                        ys ? ys : "-", tl ? tl : "-", state ? state : "-");
        xmlFree(xs);
        xmlFree(ys);
        xmlFree(tl);
        xmlFree(state);
    } else if (pane) {
        oracle_fail("sheet '%s': a pane without frozen rows or columns", ms->name);
    }
    /* Column widths: <col> ranges ascending and disjoint, and every width set is there. */
    xmlNode *cols = child(root, "cols");
    long prev_max = 0;
    size_t ncol = 0;
    struct colw *out = NULL;
    for (xmlNode *c = cols ? cols->children : NULL; c; c = c->next) {
        if (!is(c, "col"))
            continue;
        char *mn = attr(c, "min"), *mx = attr(c, "max"), *w = attr(c, "width");
        long lo = mn ? strtol(mn, NULL, 10) : 0, hi = mx ? strtol(mx, NULL, 10) : 0;
        double wd = 0;
        if (lo < 1 || hi < lo || hi > 16384 || lo <= prev_max || !w || !text_is_number(w, &wd) || wd < 0 || wd > 256)
            oracle_fail("sheet '%s': <col min=%s max=%s width=%s> after column %ld", ms->name, mn ? mn : "-",
                        mx ? mx : "-", w ? w : "-", prev_max);
        prev_max = hi;
        out = realloc(out, (ncol + 1) * sizeof *out);
        if (!out)
            abort();
        out[ncol++] = (struct colw){(uint32_t)lo - 1, (uint32_t)hi - 1, wd};
        xmlFree(mn);
        xmlFree(mx);
        xmlFree(w);
    }
    for (size_t i = 0; i < ms->ncols; i++) {
        const struct colw *cw = &ms->cols[i];
        uint32_t probe[3] = {cw->first, cw->last, cw->first + (cw->last - cw->first) / 2};
        for (int p = 0; p < 3; p++) {
            uint32_t col = probe[p];
            size_t last = i;
            for (size_t j = i + 1; j < ms->ncols; j++)
                if (col >= ms->cols[j].first && col <= ms->cols[j].last)
                    last = j;
            if (last != i)
                continue; /* a later width covers it */
            size_t o = 0;
            while (o < ncol && !(col >= out[o].first && col <= out[o].last))
                o++;
            if (o == ncol || (out[o].w != ms->cols[i].w && out[o].w != excel_width(ms->cols[i].w))) {
                char cn[8];
                col_name(col, cn);
                oracle_fail("sheet '%s': column %s set to width %.17g, written %s", ms->name, cn, ms->cols[i].w,
                            o == ncol ? "without a width" : "with another width");
            }
        }
    }
    free(out);
    /* The autofilter, its open last row resolved to the sheet's last row. */
    xmlNode *af = child(root, "autoFilter");
    if (ms->has_filter) {
        uint32_t r2 = ms->filter[2];
        if (r2 == FAST_LAST_ROW)
            r2 = ms->rows > ms->filter[0] + 1 ? ms->rows - 1 : ms->filter[0];
        char want[40], x1[8], x2[8];
        col_name(ms->filter[1], x1);
        col_name(ms->filter[3], x2);
        if (ms->filter[0] == r2 && ms->filter[1] == ms->filter[3])
            snprintf(want, sizeof want, "%s%u", x1, (unsigned)r2 + 1);
        else
            snprintf(want, sizeof want, "%s%u:%s%u", x1, (unsigned)ms->filter[0] + 1, x2, (unsigned)r2 + 1);
        char *ref = af ? attr(af, "ref") : NULL;
        if (!ref || strcmp(ref, want) != 0)
            oracle_fail("sheet '%s': <autoFilter ref=\"%s\"/>, expected %s", ms->name, ref ? ref : "(none)", want);
        xmlFree(ref);
    } else if (af) {
        oracle_fail("sheet '%s': an autoFilter that was not set", ms->name);
    }
    /* Merged ranges, in the order given. */
    xmlNode *mc = child(root, "mergeCells");
    size_t nm = 0;
    for (xmlNode *c = mc ? mc->children : NULL; c; c = c->next) {
        if (!is(c, "mergeCell"))
            continue;
        char *ref = attr(c, "ref");
        if (nm >= ms->nmerges || !ref || strcmp(ref, ms->merges[nm]) != 0)
            oracle_fail("sheet '%s': mergeCell %zu is '%s', expected '%s'", ms->name, nm, ref ? ref : "",
                        nm < ms->nmerges ? ms->merges[nm] : "(none)");
        xmlFree(ref);
        nm++;
    }
    if (nm != ms->nmerges)
        oracle_fail("sheet '%s': %zu merged ranges written, %zu given", ms->name, nm, ms->nmerges);
    check_rules(root, ms);
    check_print(root, ms);
    const xmlNode *svs = child(root, "sheetViews"), *sv = svs ? child(svs, "sheetView") : NULL;
    char *ts = sv ? attr(sv, "tabSelected") : NULL;
    ms->got_selected = ts && (strcmp(ts, "1") == 0 || strcmp(ts, "true") == 0);
    xmlFree(ts);
    /* Hyperlinks: each <hyperlink ref r:id> resolves, in the sheet's relationships, to the URL given. */
    xmlNode *hl = child(root, "hyperlinks");
    size_t nl = 0;
    xmlDocPtr rels = NULL;
    int external = 0;
    for (size_t i = 0; i < ms->nlinks; i++)
        external |= !ms->links[i].internal;
    if (ms->nlinks || hl) {
        char rp[300];
        const char *slash = strrchr(part, '/');
        snprintf(rp, sizeof rp, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
        rels = parse_part(za, rp, external);
    }
    for (xmlNode *c = hl ? hl->children : NULL; c; c = c->next) {
        if (!is(c, "hyperlink"))
            continue;
        char *ref = attr(c, "ref");
        char *id = (char *)xmlGetNsProp(c, (const xmlChar *)"id",
                                        (const xmlChar *)REL_NS);
        if (nl < ms->nlinks && ms->links[nl].internal) {
            /* A place in the workbook: location="Sheet!A1", no relationship; an ST_Xstring (§18.3.1.47). */
            char want[200], *raw = attr(c, "location"), *loc = NULL;
            size_t loc_len;
            if (raw)
                loc = xstring_decode(raw, strlen(raw), &loc_len);
            xmlFree(raw);
            const struct link *l = &ms->links[nl];
            if (l->own_sheet)
                sheet_location(ms->name, ms->name_len, l->loc, want, sizeof want);
            else
                snprintf(want, sizeof want, "%s", l->loc);
            if (!ref || strcmp(ref, l->ref) != 0 || id || !loc || strcmp(loc, want) != 0)
                oracle_fail("sheet '%s': internal link %zu at '%s' location '%s'%s, expected at '%s' location '%s'",
                            ms->name, nl, ref ? ref : "", loc ? show(loc, strlen(loc)) : "(none)",
                            id ? " with a relationship" : "", l->ref, show(want, strlen(want)));
            free(loc);
            xmlFree(ref);
            xmlFree(id);
            nl++;
            continue;
        }
        if (nl >= ms->nlinks || !ref || strcmp(ref, ms->links[nl].ref) != 0 || !id)
            oracle_fail("sheet '%s': hyperlink %zu at '%s', expected at '%s'", ms->name, nl, ref ? ref : "",
                        nl < ms->nlinks ? ms->links[nl].ref : "(none)");
        int found = 0;
        for (xmlNode *r = rels ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
            char *rid = is(r, "Relationship") ? attr(r, "Id") : NULL;
            if (rid && strcmp(rid, id) == 0) {
                char *target = attr(r, "Target"), *mode = attr(r, "TargetMode");
                if (!target || strlen(target) != ms->links[nl].len ||
                    memcmp(target, ms->links[nl].url, ms->links[nl].len) != 0)
                    oracle_fail("sheet '%s': hyperlink %s has target '%s', given '%s'", ms->name, ref,
                                target ? show(target, strlen(target)) : "", show(ms->links[nl].url, ms->links[nl].len));
                if (!mode || strcmp(mode, "External") != 0)
                    oracle_fail("sheet '%s': hyperlink %s is not TargetMode=\"External\"", ms->name, ref);
                found = 1;
                xmlFree(target);
                xmlFree(mode);
            }
            xmlFree(rid);
        }
        if (!found)
            oracle_fail("sheet '%s': hyperlink %s has r:id '%s' that is not in its relationships", ms->name, ref, id);
        xmlFree(ref);
        xmlFree(id);
        nl++;
    }
    if (nl != ms->nlinks)
        oracle_fail("sheet '%s': %zu hyperlinks written, %zu given", ms->name, nl, ms->nlinks);
    if (rels)
        xmlFreeDoc(rels);
    xmlFreeDoc(doc);
}

static void check_property(const zw_archive *za, const model *m, int prop, const char *part, const char *elem)
{
    if (!m->prop_set[prop])
        return;
    xmlDocPtr doc = parse_part(za, part, 1);
    xmlNode *root = xmlDocGetRootElement(doc), *n = NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (is(c, elem))
            n = c;
    size_t len = 0;
    char *got = n ? content(n, &len) : NULL;
    if (m->prop_len[prop] == 0 ? (got && len) : (!got || len != m->prop_len[prop] ||
                                                 memcmp(got, m->prop[prop], len) != 0))
        oracle_fail("%s: <%s> is '%s', given '%s'", part, elem, got ? show(got, len) : "(absent)",
                    show(m->prop[prop], m->prop_len[prop]));
    free(got);
    xmlFreeDoc(doc);
}

/* Every part has a content type, and every internal relationship points at a part. */
static void check_package(const zw_archive *za)
{
    xmlDocPtr ct = parse_part(za, "[Content_Types].xml", 1);
    xmlNode *root = xmlDocGetRootElement(ct);
    for (size_t i = 0; i < za->n; i++) {
        const char *name = za->e[i].name, *dot = strrchr(name, '.');
        if (strcmp(name, "[Content_Types].xml") == 0)
            continue;
        int found = 0;
        for (xmlNode *c = root ? root->children : NULL; c && !found; c = c->next) {
            char *v = NULL;
            if (is(c, "Override") && (v = attr(c, "PartName")) != NULL)
                found = v[0] == '/' && strcmp(v + 1, name) == 0;
            else if (is(c, "Default") && (v = attr(c, "Extension")) != NULL && dot)
                found = strcasecmp(v, dot + 1) == 0;
            xmlFree(v);
        }
        if (!found)
            oracle_fail("part %s has no content type in [Content_Types].xml", name);
    }
    xmlFreeDoc(ct);
    for (size_t i = 0; i < za->n; i++) {
        const char *name = za->e[i].name;
        size_t nl = strlen(name);
        if (nl < 5 || strcmp(name + nl - 5, ".rels") != 0)
            continue;
        /* "X/_rels/Y.rels" describes "X/Y"; targets are relative to "X/". */
        const char *r = strstr(name, "_rels/");
        if (!r)
            oracle_fail("relationships part %s is not in a _rels folder", name);
        size_t base = (size_t)(r - name);
        xmlDocPtr doc = parse_part(za, name, 1);
        for (xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
            if (!is(c, "Relationship"))
                continue;
            char *target = attr(c, "Target"), *mode = attr(c, "TargetMode"), *id = attr(c, "Id");
            if (!target || !id)
                oracle_fail("%s: a Relationship without Id or Target", name);
            if (!mode || strcmp(mode, "External") != 0) {
                char path[600];
                if (target[0] == '/')
                    snprintf(path, sizeof path, "%s", target + 1);
                else
                    snprintf(path, sizeof path, "%.*s%s", (int)base, name, target);
                /* "dir/../x" is "x" (RFC 3986 §5.2.4, as OPC resolves part names). */
                for (char *up; (up = strstr(path, "/../")) != NULL;) {
                    char *prev = up;
                    while (prev > path && prev[-1] != '/')
                        prev--;
                    if (prev == up)
                        break;
                    memmove(prev, up + 4, strlen(up + 4) + 1);
                }
                if (!zw_find(za, path))
                    oracle_fail("%s: relationship %s points at %s, which is not in the package", name, id, path);
            }
            xmlFree(target);
            xmlFree(mode);
            xmlFree(id);
        }
        xmlFreeDoc(doc);
    }
}

/*
 * The local headers (PKWARE APPNOTE.TXT 4.3.7): with FAST_ZIP64_WORKSHEETS every
 * worksheet part has the ZIP64 form (version needed 4.5, sizes 0xFFFFFFFF with a
 * ZIP64 extra field), without it none of a small package's parts has.
 */
static void check_zip64_locals(const unsigned char *buf, size_t len, int worksheets)
{
    zw_archive za;
    if (!zw_walk(&za, buf, len))
        oracle_fail("ZIP structure: %s", za.error);
    for (size_t i = 0; i < za.n; i++) {
        const zw_entry *e = &za.e[i];
        if (e->offset + 30 > len)
            oracle_fail("%s: local header beyond the end", e->name);
        const unsigned char *l = buf + e->offset;
        unsigned version = (unsigned)(l[4] | l[5] << 8);
        uint32_t csize = (uint32_t)l[18] | (uint32_t)l[19] << 8 | (uint32_t)l[20] << 16 | (uint32_t)l[21] << 24;
        int sheet = strncmp(e->name, "xl/worksheets/sheet", 19) == 0;
        int z64 = version >= 45 && csize == 0xFFFFFFFFu;
        if (worksheets && sheet && !z64)
            oracle_fail("%s: FAST_ZIP64_WORKSHEETS but the local header has version %u, size field %08X", e->name,
                        version, (unsigned)csize);
        if ((!worksheets || !sheet) && z64 && e->usize < 0xFFFFFFFFu)
            oracle_fail("%s: a ZIP64 local header without FAST_ZIP64_WORKSHEETS", e->name);
    }
    zw_free(&za);
}

/* The whole output after a successful close. */
/*
 * Notes: the sheet's relationships name a comments part and a VML drawing; the
 * comments part holds every note added, in order, with its text and its
 * author (authors listed once); the VML has one shape per note, its o:idmap
 * blocks unique in the workbook (@blocks marks those seen) and every shape id
 * in one of them.
 */
static void check_notes(const zw_archive *za, const char *part, const msheet *ms, unsigned char *blocks)
{
    char rp[300], cpart[300] = "", vpart[300] = "";
    const char *slash = strrchr(part, '/');
    snprintf(rp, sizeof rp, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
    xmlDocPtr rels = parse_part(za, rp, ms->nnotes > 0);
    for (xmlNode *r = rels ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
        char *type = is(r, "Relationship") ? attr(r, "Type") : NULL, *t = type ? attr(r, "Target") : NULL;
        const char *tail = type ? strrchr(type, '/') : NULL;
        if (tail && t && strncmp(t, "../", 3) == 0) {
            if (strcmp(tail, "/comments") == 0)
                snprintf(cpart, sizeof cpart, "xl/%s", t + 3);
            else if (strcmp(tail, "/vmlDrawing") == 0)
                snprintf(vpart, sizeof vpart, "xl/%s", t + 3);
        }
        xmlFree(type);
        xmlFree(t);
    }
    if (rels)
        xmlFreeDoc(rels);
    if (!ms->nnotes) {
        if (cpart[0] || vpart[0])
            oracle_fail("sheet '%s' has no notes but relationships to '%s' '%s'", ms->name, cpart, vpart);
        return;
    }
    if (!cpart[0] || !vpart[0])
        oracle_fail("sheet '%s' has %zu notes but no comments or vmlDrawing relationship", ms->name, ms->nnotes);
    xmlDocPtr doc = parse_part(za, cpart, 1);
    xmlNode *root = xmlDocGetRootElement(doc);
    char *authors[512];
    size_t nauth = 0, an[512];
    for (xmlNode *a = child(child(root, "authors"), "author"); a; a = a->next) {
        if (!is(a, "author"))
            continue;
        if (nauth == 512)
            oracle_fail("%s: more than 512 authors", cpart);
        size_t n;
        char *raw = content(a, &n);
        authors[nauth] = xstring_decode(raw, n, &an[nauth]);
        free(raw);
        for (size_t j = 0; j < nauth; j++)
            if (an[j] == an[nauth] && memcmp(authors[j], authors[nauth], an[j]) == 0)
                oracle_fail("%s: author '%s' listed twice", cpart, show(authors[j], an[j]));
        nauth++;
    }
    size_t k = 0;
    for (xmlNode *c = child(child(root, "commentList"), "comment"); c; c = c->next) {
        if (!is(c, "comment"))
            continue;
        if (k >= ms->nnotes)
            oracle_fail("%s: more comments than the %zu notes added", cpart, ms->nnotes);
        const struct mnote *w = &ms->notes[k];
        char want_ref[24], *ref = attr(c, "ref"), *aid = attr(c, "authorId");
        size_t cn = col_name(w->col, want_ref);
        snprintf(want_ref + cn, sizeof want_ref - cn, "%u", (unsigned)w->row + 1);
        unsigned long ai = aid ? strtoul(aid, NULL, 10) : 9999;
        if (!ref || strcmp(ref, want_ref) != 0 || ai >= nauth)
            oracle_fail("%s: comment %zu at '%s' author %s, expected at %s", cpart, k, ref ? ref : "", aid ? aid : "",
                        want_ref);
        if (an[ai] != w->alen || (w->alen && memcmp(authors[ai], w->author, w->alen) != 0))
            oracle_fail("%s: comment %s by '%s', given '%s'", cpart, ref, show(authors[ai], an[ai]),
                        show(w->author ? w->author : "", w->alen));
        size_t n, dn;
        char *raw = content(child(c, "text"), &n), *dec = xstring_decode(raw, n, &dn);
        if (dn != w->len || memcmp(dec, w->text, dn) != 0)
            oracle_fail("%s: comment %s text '%s', given '%s'", cpart, ref, show(dec, dn), show(w->text, w->len));
        free(raw);
        free(dec);
        xmlFree(ref);
        xmlFree(aid);
        k++;
    }
    if (k != ms->nnotes)
        oracle_fail("%s: %zu comments, %zu notes added", cpart, k, ms->nnotes);
    for (size_t j = 0; j < nauth; j++)
        free(authors[j]);
    xmlFreeDoc(doc);
    doc = parse_part(za, vpart, 1);
    root = xmlDocGetRootElement(doc);
    unsigned long mine[64];
    size_t nmine = 0, shapes = 0;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (is(c, "shapelayout")) {
            char *data = attr(child(c, "idmap"), "data");
            for (char *p = data; p && *p;) {
                unsigned long b = strtoul(p, &p, 10);
                if (b == 0 || b >= 65536 || blocks[b] || nmine == 64)
                    oracle_fail("%s: o:idmap block %lu repeated or out of range ('%s')", vpart, b, data);
                blocks[b] = 1;
                mine[nmine++] = b;
                if (*p == ',')
                    p++;
            }
            xmlFree(data);
        } else if (is(c, "shape")) {
            char *id = attr(c, "id");
            unsigned long v = id && strncmp(id, "_x0000_s", 8) == 0 ? strtoul(id + 8, NULL, 10) : 0;
            int in = 0;
            for (size_t j = 0; j < nmine; j++)
                in |= v / 1024 == mine[j];
            if (!in)
                oracle_fail("%s: shape id '%s' outside the part's o:idmap blocks", vpart, id ? id : "");
            xmlFree(id);
            shapes++;
        }
    }
    if (shapes != ms->nnotes)
        oracle_fail("%s: %zu shapes for %zu notes", vpart, shapes, ms->nnotes);
    xmlFreeDoc(doc);
}

static void check_tables(const zw_archive *za, const model *m);
static void check_charts(const zw_archive *za, const model *m);
static void check_defined_names(xmlDocPtr wdoc, const model *m);
static const struct mdefname *md_named(const model *m, long scope, const char *name, size_t len);

/* The active sheet: workbookView activeTab (0 when absent) is a visible sheet, the one tab selected if any
 * is; and, where the model knows the match, the sheet named by fast_workbook_set_active_sheet() (or the
 * first sheet, selected, when none was named). */
static void check_active(xmlDocPtr wdoc, const model *m)
{
    const xmlNode *bv = child(xmlDocGetRootElement(wdoc), "bookViews");
    const xmlNode *v = bv ? child(bv, "workbookView") : NULL;
    if (!v)
        oracle_fail("workbook.xml: no bookViews/workbookView");
    char *at = attr(v, "activeTab");
    unsigned long tab = at ? strtoul(at, NULL, 10) : 0;
    xmlFree(at);
    if (tab >= m->nsh)
        oracle_fail("workbook.xml: activeTab %lu of %zu sheets", tab, m->nsh);
    if (m->sh[tab].state != FAST_SHEET_VISIBLE)
        oracle_fail("workbook.xml: activeTab %lu is sheet '%s', which is hidden", tab, m->sh[tab].name);
    for (size_t i = 0; i < m->nsh; i++)
        if (m->sh[i].got_selected && i != tab)
            oracle_fail("sheet '%s' is tabSelected, but the activeTab is %lu: Excel would group the tabs",
                        m->sh[i].name, tab);
    if (m->active_unknown)
        return;
    size_t want = m->active ? m->active - 1 : 0;
    if (tab != want)
        oracle_fail("workbook.xml: activeTab %lu, expected %zu (active sheet '%.*s')", tab, want,
                    (int)m->active_len, m->active_name);
    for (size_t i = 0; i < m->nsh; i++) {
        int sel = m->active_len ? i + 1 == m->active : i == 0;
        if (m->sh[i].got_selected != sel)
            oracle_fail("sheet '%s': tabSelected %d, expected %d", m->sh[i].name, m->sh[i].got_selected, sel);
    }
}

static void check_output(const unsigned char *buf, size_t len, model *m, int want_dimension)
{
    zw_archive za;
    static unsigned char note_blocks[65536]; /* VML o:idmap blocks seen in this workbook */
    memset(note_blocks, 0, sizeof note_blocks);
    if (!zw_walk(&za, buf, len))
        oracle_fail("ZIP structure: %s", za.error);
    /* Every XML part is well-formed. */
    for (size_t i = 0; i < za.n; i++) {
        size_t nl = strlen(za.e[i].name);
        if ((nl > 4 && strcmp(za.e[i].name + nl - 4, ".xml") == 0) ||
            (nl > 5 && strcmp(za.e[i].name + nl - 5, ".rels") == 0))
            xmlFreeDoc(parse_part(&za, za.e[i].name, 1));
    }
    xmlFreeDoc(parse_part(&za, "_rels/.rels", 1));
    check_package(&za);
    check_tables(&za, m);
    check_charts(&za, m);
    g_shared_refs = 0;

    /* Shared strings. */
    sst strings = {0};
    xmlDocPtr sdoc = parse_part(&za, "xl/sharedStrings.xml", 0);
    if (sdoc) {
        xmlNode *root = xmlDocGetRootElement(sdoc);
        for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
            if (!is(si, "si"))
                continue;
            strings.s = realloc(strings.s, (strings.n + 1) * sizeof *strings.s);
            strings.len = realloc(strings.len, (strings.n + 1) * sizeof *strings.len);
            if (!strings.s || !strings.len)
                abort();
            check_preserve(si->children, "sharedStrings.xml");
            strings.s[strings.n] = content(si, &strings.len[strings.n]);
            strings.n++;
        }
    }
    /* The number of cell formats. */
    size_t nxf = 0;
    xmlDocPtr st = parse_part(&za, "xl/styles.xml", 1);
    xmlNode *cx = child(xmlDocGetRootElement(st), "cellXfs");
    for (xmlNode *c = cx ? cx->children : NULL; c; c = c->next)
        nxf += is(c, "xf");
    xmlFreeDoc(st);

    /* Sheets: names and parts, in order. */
    xmlDocPtr wdoc = parse_part(&za, "xl/workbook.xml", 1);
    xmlDocPtr rdoc = parse_part(&za, "xl/_rels/workbook.xml.rels", 1);
    xmlNode *sheets = child(xmlDocGetRootElement(wdoc), "sheets");
    size_t i = 0;
    int ascii = all_names_ascii(m);
    for (xmlNode *s = sheets ? sheets->children : NULL; s; s = s->next) {
        if (!is(s, "sheet"))
            continue;
        if (i >= m->nsh)
            oracle_fail("workbook.xml lists more than the %zu sheets expected", m->nsh);
        msheet *ms = &m->sh[i];
        /* The name attribute is an ST_Xstring too (§18.2.19, §22.9.2.19). */
        char *raw = attr(s, "name");
        size_t raw_len;
        char *name = raw ? xstring_decode(raw, strlen(raw), &raw_len) : NULL;
        xmlFree(raw);
        char *id = (char *)xmlGetNsProp(s, (const xmlChar *)"id",
                                        (const xmlChar *)REL_NS);
        if (!name || !id)
            oracle_fail("workbook.xml: sheet %zu without name or r:id", i + 1);
        if ((ms->name_known || ascii) && (strlen(name) != ms->name_len || memcmp(name, ms->name, ms->name_len) != 0))
            oracle_fail("sheet %zu is named '%s', expected '%s'", i + 1, show(name, strlen(name)),
                        show(ms->name, ms->name_len));
        for (size_t j = 0; j < i; j++)
            if (same_ascii_fold(m->sh[j].name, m->sh[j].name_len, name, strlen(name)))
                oracle_fail("sheets %zu and %zu are both named '%s'", j + 1, i + 1, show(name, strlen(name)));
        if (!ms->name_known) {
            size_t nl = strlen(name);
            if (nl >= sizeof ms->name)
                nl = sizeof ms->name - 1;
            memcpy(ms->name, name, nl);
            ms->name[nl] = 0;
            ms->name_len = nl;
        }
        char target[300] = "";
        for (xmlNode *r = xmlDocGetRootElement(rdoc)->children; r; r = r->next) {
            char *rid = is(r, "Relationship") ? attr(r, "Id") : NULL;
            if (rid && strcmp(rid, id) == 0) {
                char *t = attr(r, "Target");
                snprintf(target, sizeof target, "%s%s", t && t[0] == '/' ? "" : "xl/", t ? t + (t[0] == '/') : "");
                xmlFree(t);
            }
            xmlFree(rid);
        }
        if (!target[0])
            oracle_fail("sheet '%s': r:id %s has no relationship", name, id);
        char *state = attr(s, "state");
        int got_state = !state ? FAST_SHEET_VISIBLE : strcmp(state, "hidden") == 0 ? FAST_SHEET_HIDDEN
                        : strcmp(state, "veryHidden") == 0 ? FAST_SHEET_VERY_HIDDEN : -1;
        if (got_state != ms->state)
            oracle_fail("sheet '%s': state '%s', expected %d", name, state ? state : "(visible)", ms->state);
        xmlFree(state);
        check_sheet(&za, target, ms, &strings, nxf, want_dimension);
        check_notes(&za, target, ms, note_blocks);
        free(name);
        xmlFree(id);
        i++;
    }
    if (i != m->nsh)
        oracle_fail("workbook.xml lists %zu sheets, %zu expected", i, m->nsh);
    check_defined_names(wdoc, m);
    check_active(wdoc, m);
    xmlFreeDoc(wdoc);
    xmlFreeDoc(rdoc);
    /* The table's counts: uniqueCount is the number of strings, count the number of references. */
    if (sdoc) {
        xmlNode *root = xmlDocGetRootElement(sdoc);
        char *cnt = attr(root, "count"), *uniq = attr(root, "uniqueCount");
        if (uniq && strtoull(uniq, NULL, 10) != strings.n)
            oracle_fail("sharedStrings.xml: uniqueCount=\"%s\" for %zu strings", uniq, strings.n);
        if (cnt && strtoull(cnt, NULL, 10) != g_shared_refs)
            oracle_fail("sharedStrings.xml: count=\"%s\" for %zu references", cnt, g_shared_refs);
        xmlFree(cnt);
        xmlFree(uniq);
    }
    check_property(&za, m, FAST_PROPERTY_TITLE, "docProps/core.xml", "title");
    check_property(&za, m, FAST_PROPERTY_SUBJECT, "docProps/core.xml", "subject");
    check_property(&za, m, FAST_PROPERTY_AUTHOR, "docProps/core.xml", "creator");
    check_property(&za, m, FAST_PROPERTY_COMPANY, "docProps/app.xml", "Company");
    for (size_t k = 0; k < strings.n; k++)
        free(strings.s[k]);
    free(strings.s);
    free(strings.len);
    if (sdoc)
        xmlFreeDoc(sdoc);
    zw_free(&za);
}

/*
 * Charts: part N is the N-th chart added. Pie and doughnut charts have no axes; the others two,
 * a c:catAx (a scatter chart: c:valAx) then a c:valAx, each (CT_CatAx/CT_ValAx order) with axId,
 * c:scaling holding orientation and, for a fixed range, c:max then c:min with the values given,
 * axPos, c:majorGridlines exactly when shown, then c:title (its runs' text as given) when set.
 */
static void check_charts(const zw_archive *za, const model *m)
{
    for (size_t k = 0; k < m->nch; k++) {
        const struct mchart *mc = &m->ch[k];
        char part[64];
        snprintf(part, sizeof part, "xl/charts/chart%zu.xml", k + 1);
        xmlDocPtr doc = parse_part(za, part, 1);
        xmlNode *pa = child(child(xmlDocGetRootElement(doc), "chart"), "plotArea");
        if (!pa)
            oracle_fail("%s: no c:chart/c:plotArea", part);
        const xmlNode *ax[3] = {NULL, NULL, NULL};
        size_t nax = 0;
        for (xmlNode *c = pa->children; c; c = c->next)
            if ((is(c, "catAx") || is(c, "valAx") || is(c, "dateAx") || is(c, "serAx")) && nax < 3)
                ax[nax++] = c;
        int pie = mc->type == FAST_CHART_PIE || mc->type == FAST_CHART_DOUGHNUT;
        if (nax != (pie ? 0u : 2u))
            oracle_fail("%s: %zu axes on a chart of type %d", part, nax, mc->type);
        for (size_t a = 0; a < nax; a++) {
            const char *kind = a == 0 && mc->type != FAST_CHART_SCATTER ? "catAx" : "valAx";
            if (!is(ax[a], kind))
                oracle_fail("%s: axis %zu is c:%s, expected c:%s", part, a, (const char *)ax[a]->name, kind);
            /* The children in order, elements only. */
            const xmlNode *e[16];
            size_t ne = 0;
            for (xmlNode *c = ax[a]->children; c && ne < 16; c = c->next)
                if (c->type == XML_ELEMENT_NODE)
                    e[ne++] = c;
            size_t i = 0;
            if (i < ne && is(e[i], "axId"))
                i++;
            else
                oracle_fail("%s: axis %zu does not start with c:axId", part, a);
            if (!(i < ne && is(e[i], "scaling")))
                oracle_fail("%s: axis %zu: no c:scaling after c:axId", part, a);
            const xmlNode *sc[4];
            size_t ns = 0;
            for (xmlNode *c = e[i]->children; c && ns < 4; c = c->next)
                if (c->type == XML_ELEMENT_NODE)
                    sc[ns++] = c;
            if (ns != (mc->ranged[a] ? 3u : 1u) || !is(sc[0], "orientation") ||
                (mc->ranged[a] && (!is(sc[1], "max") || !is(sc[2], "min"))))
                oracle_fail("%s: axis %zu: c:scaling has %zu children (%s first), expected orientation%s", part, a,
                            ns, ns ? (const char *)sc[0]->name : "none", mc->ranged[a] ? ", max, min" : "");
            for (size_t j = 1; j < ns; j++) {
                char *v = attr(sc[j], "val");
                double got;
                double want = j == 1 ? mc->max[a] : mc->min[a];
                if (!v || !text_is_number(v, &got) || got != want)
                    oracle_fail("%s: axis %zu: c:%s val=\"%s\", expected %.17g", part, a, (const char *)sc[j]->name,
                                v ? v : "(none)", want);
                xmlFree(v);
            }
            i++;
            if (!(i < ne && is(e[i], "axPos")))
                oracle_fail("%s: axis %zu: no c:axPos after c:scaling", part, a);
            i++;
            int grid = i < ne && is(e[i], "majorGridlines");
            if (grid != mc->grid[a])
                oracle_fail("%s: axis %zu: c:majorGridlines %s, expected %s", part, a, grid ? "present" : "absent",
                            mc->grid[a] ? "present" : "absent");
            i += (size_t)grid;
            int titled = i < ne && is(e[i], "title");
            if (titled != (mc->title[a] != NULL))
                oracle_fail("%s: axis %zu: c:title %s, expected %s", part, a, titled ? "present" : "absent",
                            mc->title[a] ? "present" : "absent");
            if (titled) {
                /* The text of the rich body's runs (a:t), decoded by the parser. */
                size_t n;
                char *t = content(e[i], &n);
                if (n != mc->tlen[a] || memcmp(t, mc->title[a], n) != 0)
                    oracle_fail("%s: axis %zu: title '%s', expected '%s'", part, a, show(t, n),
                                show(mc->title[a], mc->tlen[a]));
                free(t);
            }
        }
        xmlFreeDoc(doc);
    }
    if (m->nch && zw_find(za, "xl/charts/chart0.xml"))
        oracle_fail("a part xl/charts/chart0.xml");
    char extra[64];
    snprintf(extra, sizeof extra, "xl/charts/chart%zu.xml", m->nch + 1);
    if (zw_find(za, extra))
        oracle_fail("%s, but %zu charts were added", extra, m->nch);
}

/* ---- running a program ------------------------------------------------------------------- */

#define MAX_FORMATS 12

typedef struct run {
    reader r;
    arena a;
    model m;
    fast_workbook *wb;
    fast_format *fmt[MAX_FORMATS];
    size_t nfmt;
    fast_status sticky; /* the status the workbook must keep returning, once failed */
    int closed;
    size_t rows_written; /* bounded, to keep each program fast */
    output *out;
    int fd;        /* the memory file, or -1 */
    size_t prefix; /* bytes before the package in it */
    int zip64;     /* fast_workbook_set_zip64() */
    fast_rich_string **rich; /* rich strings made for cells, freed with the run */
    size_t nrich;
    fast_chart *chart; /* the last chart added (model m.ch[m.nch - 1]), NULL: none */
} run;

/* Failures of the output, memory or thread: the calls that meet them cannot be predicted. */
static int output_failure(fast_status st)
{
    return st == FAST_ERROR_NOMEM || st == FAST_ERROR_IO || st == FAST_ERROR_CALLBACK ||
           st == FAST_ERROR_COMPRESSION || st == FAST_ERROR_THREAD;
}

static int sticky_kind(fast_status st)
{
#if FUZZ_STICKY_ERRORS
    return st != FAST_OK;
#else
    return output_failure(st);
#endif
}

/*
 * The result of a workbook call: @st was returned by @what. Before a sticky
 * failure every failure must leave a message and (new model) a usable workbook;
 * after one, every call must return it.
 */
static int g_trace; /* FUZZ_API_TRACE=1 in the environment: print every call and its status */

/*
 * The same program again with another thread count must give the same bytes
 * (fast_workbook_set_threads(): with workers, the package does not depend on
 * how many). In the second run every fast_workbook_set_threads() call that asks
 * for workers (2 or more) asks for g_threads_override instead; a call asking
 * for none (0 or 1) stays, and that run must give the same bytes again.
 */
static int g_threads_override = -1;
static unsigned char *g_rerun_buf;
static size_t g_rerun_len;
static int g_rerun_ok;

static unsigned threads_asked(unsigned t)
{
    return g_threads_override >= 0 && t >= 2 ? (unsigned)g_threads_override : t;
}

static void after_call(run *u, const char *what, fast_status st)
{
    if (g_trace)
        fprintf(stderr, "  %s -> %d%s%s\n", what, st, st ? ": " : "", st ? fast_workbook_error_message(u->wb) : "");
    if (u->sticky != FAST_OK) {
        if (st != u->sticky)
            oracle_fail("%s returned %d after the sticky failure %d", what, st, u->sticky);
        return;
    }
    fast_status now = fast_workbook_status(u->wb);
    /* With the compression thread, a failure of the output can show in the
     * status while an unrelated call is running; from then on it is sticky. */
    int async_fail = u->out && u->out->failed && now == FAST_ERROR_CALLBACK;
    if (st == FAST_OK) {
        if (async_fail)
            u->sticky = now;
        else if (now != FAST_OK)
            oracle_fail("%s returned FAST_OK but the workbook status is %d", what, now);
        return;
    }
    const char *msg = fast_workbook_error_message(u->wb);
    if (!msg || !*msg)
        oracle_fail("%s returned %d (%s) with an empty message", what, st, fast_strerror(st));
    if (sticky_kind(st)) {
        if (fast_workbook_status(u->wb) != st)
            oracle_fail("%s: sticky failure %d but the workbook status is %d", what, st, fast_workbook_status(u->wb));
        u->sticky = st;
    } else if (async_fail) {
        u->sticky = now;
    } else if (fast_workbook_status(u->wb) != FAST_OK) {
        oracle_fail("%s: failure %d (%s: '%s') must not fail the workbook, but its status is %d", what, st,
                    fast_strerror(st), msg, fast_workbook_status(u->wb));
    }
}

static const fast_format *pick_format(run *u, uint8_t b)
{
    size_t k = b % (u->nfmt + 1);
    return k < u->nfmt ? u->fmt[k] : NULL;
}

/*
 * Make cell @i a rich string of the text @s, @n bytes, cut into up to three runs
 * at character boundaries, each in a format of the program or none. Only a valid,
 * non-empty text within the limit, without '_' (a run's text is escaped on its
 * own, so "_x00" + "41_" is not the literal "_x0041_" that the oracle, decoding
 * the runs' text together, would expect); returns 0 for others, which stay plain.
 * The oracle checks the statuses, the run count, a refused append changing
 * nothing, and then the cell as the text it holds.
 */
static int set_rich(run *u, fast_cells *cells, size_t i, const char *s, size_t n)
{
    reader *r = &u->r;
    size_t chars;
    if (n == 0 || !utf8_ok(s, n, &chars) || chars > FAST_MAX_STRING_CHARS || memchr(s, '_', n))
        return 0;
    fast_rich_string *rs = fast_rich_string_new();
    fast_rich_string **list = realloc(u->rich, (u->nrich + 1) * sizeof *list);
    if (!rs || !list)
        abort();
    u->rich = list;
    u->rich[u->nrich++] = rs;
    size_t cuts[2] = {u16(r) % n, u16(r) % n}, at = 0, runs = 0;
    if (cuts[0] > cuts[1]) {
        size_t t = cuts[0];
        cuts[0] = cuts[1];
        cuts[1] = t;
    }
    for (int k = 0; k <= 2; k++) {
        size_t end = k < 2 ? cuts[k] : n;
        while (end > at && end < n && ((unsigned char)s[end] & 0xC0) == 0x80)
            end--; /* not inside a character */
        if (end <= at)
            continue;
        const fast_format *f = pick_format(u, u8(r));
        fast_status st = fast_rich_string_append(rs, f, s + at, end - at);
        if (st != FAST_OK)
            oracle_fail("fast_rich_string_append(%zu bytes of valid text) returned %d", end - at, st);
        runs++;
        at = end;
    }
    fast_status st = fast_rich_string_append(rs, NULL, "\xC0", 1);
    if (st != FAST_ERROR_INVALID_UTF8 || fast_rich_string_append(rs, NULL, "x", 0) != FAST_ERROR_INVALID_ARGUMENT)
        oracle_fail("fast_rich_string_append of invalid UTF-8 returned %d", st);
    if (fast_rich_string_runs(rs) != runs)
        oracle_fail("fast_rich_string_runs() is %zu after %zu runs", fast_rich_string_runs(rs), runs);
    if ((st = fast_cells_set_rich_string(cells, i, rs)) != FAST_OK)
        oracle_fail("fast_cells_set_rich_string returned %d", st);
    return 1;
}

/* Fill cell @i of @cells from the program, mirroring it in @mc. */
static void set_cell(run *u, fast_cells *cells, mcell *mc, size_t i)
{
    reader *r = &u->r;
    uint8_t kind = u8(r);
    fast_status st;
    mcell *c = &mc[i];
    int was_rich = c->rich;
    c->rich = 0;
    switch (kind % 16) {
    case 15: {
        /* A copied text: the caller's buffer is overwritten right after the call. */
        size_t n;
        const char *s = text(r, &u->a, &n);
        char *tmp = malloc(n ? n : 1), *keep = arena_alloc(&u->a, n);
        if (!tmp)
            abort();
        memcpy(tmp, s, n);
        memcpy(keep, s, n);
        st = fast_cells_set_string_copy(cells, i, tmp, n);
        memset(tmp, 0xFF, n);
        free(tmp);
        fast_status want = n > 4 * (size_t)FAST_MAX_STRING_CHARS ? FAST_ERROR_STRING_TOO_LONG : FAST_OK;
        if (st != want)
            oracle_fail("fast_cells_set_string_copy(%zu bytes) returned %d, expected %d", n, st, want);
        if (st == FAST_OK) {
            c->type = C_STRING;
            c->s = keep;
            c->slen = n;
        } else {
            c->rich = was_rich; /* the cell is as it was */
        }
        return;
    }
    case 0:
    case 1: {
        size_t n;
        const char *s = text(r, &u->a, &n);
        if (kind & 16 && set_rich(u, cells, i, s, n)) {
            c->type = C_STRING; /* its text is the runs' together */
            c->s = s;
            c->slen = n;
            c->rich = 1;
            return; /* set_rich() checked the statuses */
        }
        st = fast_cells_set_string(cells, i, s, n);
        if (st != FAST_OK)
            oracle_fail("fast_cells_set_string(%zu bytes) returned %d", n, st);
        c->type = C_STRING;
        c->s = s;
        c->slen = n;
        c->rich = 0;
        break;
    }
    case 2:
        c->type = C_NUMBER;
        c->num = dbl(r);
        st = fast_cells_set_number(cells, i, c->num);
        break;
    case 3: {
        static const int64_t pick[] = {0, -1, INT64_MIN, INT64_MAX, 9007199254740993LL, 1000000};
        uint8_t sel = u8(r);
        c->type = C_INTEGER;
        c->i64 = sel < 6 ? pick[sel] : (int64_t)u64(r);
        st = fast_cells_set_integer(cells, i, c->i64);
        break;
    }
    case 4:
        c->type = C_BOOL;
        c->b = u8(r);
        st = fast_cells_set_boolean(cells, i, c->b);
        c->b = c->b != 0;
        break;
    case 5:
        c->type = C_BLANK;
        st = fast_cells_set_blank(cells, i);
        break;
    case 6:
    case 7: {
        /* Mostly plausible fields, so that valid dates are common. */
        c->type = C_DATE;
        c->y = 1899 + u16(r) % 8110;
        c->mo = u8(r) % 14;
        c->d = u8(r) % 33;
        c->date_only = kind % 15 == 6;
        if (c->date_only) {
            c->h = c->mi = c->sec = c->ms = 0;
            st = fast_cells_set_date(cells, i, c->y, c->mo, c->d);
        } else {
            c->h = u8(r) % 25;
            c->mi = u8(r) % 61;
            c->sec = u8(r) % 61;
            c->ms = u16(r) % 1001;
            st = fast_cells_set_datetime(cells, i, c->y, c->mo, c->d, c->h, c->mi, c->sec, c->ms);
        }
        break;
    }
    case 8:
        /* Arbitrary fields. */
        c->type = C_DATE;
        c->date_only = 0;
        c->y = (int32_t)u32(r);
        c->mo = (int8_t)u8(r);
        c->d = (int8_t)u8(r);
        c->h = (int8_t)u8(r);
        c->mi = (int8_t)u8(r);
        c->sec = (int8_t)u8(r);
        c->ms = (int16_t)u16(r);
        st = fast_cells_set_datetime(cells, i, c->y, c->mo, c->d, c->h, c->mi, c->sec, c->ms);
        break;
    case 9: {
        uint8_t sel = u8(r);
        c->type = C_UNIX;
        if (sel < 128)
            c->i64 = (int64_t)(u64(r) % 260000000000ULL) - 2300000000LL;
        else
            c->i64 = (int64_t)u64(r);
        c->ms = sel & 1 ? (int16_t)u16(r) : u16(r) % 1000;
        st = fast_cells_set_unix_time(cells, i, c->i64, c->ms);
        break;
    }
    case 10:
    case 11:
    case 12:
    case 13: {
        size_t n, vn = 0;
        const char *f = text(r, &u->a, &n), *vs = NULL;
        double num = 0;
        int b = 0;
        int cached = kind % 15 - 10;
        switch (cached) {
        case F_NONE: st = fast_cells_set_formula(cells, i, f, n); break;
        case F_NUMBER: num = dbl(r); st = fast_cells_set_formula_number(cells, i, f, n, num); break;
        case F_STRING: vs = text(r, &u->a, &vn); st = fast_cells_set_formula_string(cells, i, f, n, vs, vn); break;
        default: b = u8(r) != 0; st = fast_cells_set_formula_boolean(cells, i, f, n, b); break;
        }
        size_t body = n - (n && f[0] == '=');
        fast_status want = body ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (st != want)
            oracle_fail("fast_cells_set_formula('%s') returned %d, expected %d", show(f, n), st, want);
        if (st == FAST_OK) {
            c->type = C_FORMULA;
            c->s = f + (n - body);
            c->slen = body;
            c->cached = cached;
            c->num = num;
            c->b = b;
            c->cs = vs;
            c->cslen = vn;
        }
        return;
    }
    default: {
        uint8_t fb = u8(r);
        const fast_format *fmt = pick_format(u, fb);
        st = fast_cells_set_format(cells, i, fmt);
        c->fmt = fmt ? (int)(fb % (u->nfmt + 1)) + 1 : 0;
        break;
    }
    }
    if (st != FAST_OK)
        oracle_fail("a fast_cells setter (kind %u) returned %d for a valid index", kind % 16, st);
}

typedef struct problem {
    fast_status st;
    size_t col;
} problem;

/* The checks of fast_workbook_write_row() for one cell. */
static fast_status cell_problem(const mcell *c, double *serial)
{
    size_t chars;
    switch (c->type) {
    case C_STRING:
        if (!utf8_ok(c->s, c->slen, &chars))
            return FAST_ERROR_INVALID_UTF8;
        return chars > FAST_MAX_STRING_CHARS ? FAST_ERROR_STRING_TOO_LONG : FAST_OK;
    case C_NUMBER:
        return isfinite(c->num) ? FAST_OK : FAST_ERROR_NONFINITE_NUMBER;
    case C_DATE:
        return date_serial(c->y, c->mo, c->d, c->h, c->mi, c->sec, c->ms, serial) ? FAST_OK : FAST_ERROR_INVALID_DATE;
    case C_UNIX:
        return unix_serial(c->i64, c->ms, serial) ? FAST_OK : FAST_ERROR_INVALID_DATE;
    case C_MS:
        return serial_of_ms(c->i64, serial) ? FAST_OK : FAST_ERROR_INVALID_DATE;
    case C_FORMULA:
        if (!utf8_ok(c->s, c->slen, &chars))
            return FAST_ERROR_INVALID_UTF8;
        if (chars > FAST_MAX_FORMULA_CHARS)
            return FAST_ERROR_STRING_TOO_LONG;
        if (c->cached == F_STRING) {
            if (!utf8_ok(c->cs, c->cslen, &chars))
                return FAST_ERROR_INVALID_UTF8;
            if (chars > FAST_MAX_STRING_CHARS)
                return FAST_ERROR_STRING_TOO_LONG;
        }
        if (c->cached == F_NUMBER && !isfinite(c->num))
            return FAST_ERROR_NONFINITE_NUMBER;
        return FAST_OK;
    default:
        return FAST_OK;
    }
}

static int cell_written(const mcell *c)
{
    return c->type != C_BLANK || c->fmt != 0;
}

/* ---- Excel tables in the model ---------------------------------------------------------- */

/* Excel's rules for table (defined) names, for the ASCII names the programs make. */
static int mt_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > 255)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        int digit = c >= '0' && c <= '9';
        if (!(letter || c == '_' || c == '\\' || (i > 0 && (digit || c == '.'))))
            return 0;
    }
    /* A cell in A1 form inside the grid: 1..3 letters up to XFD, a row 1..1048576. */
    size_t i = 0;
    uint64_t col = 0, row = 0;
    while (i < n && i < 4 && ascii_fold((unsigned char)s[i]) >= 'a' && ascii_fold((unsigned char)s[i]) <= 'z')
        col = col * 26 + (uint64_t)(ascii_fold((unsigned char)s[i++]) - 'a' + 1);
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - d < 9)
        row = row * 10 + (uint64_t)(s[i++] - '0');
    if (d >= 1 && d <= 3 && i > d && i - d <= 7 && i == n && col <= FAST_MAX_COLUMNS && row >= 1 &&
        row <= FAST_MAX_ROWS)
        return 0;
    /* R1C1 form: R, C, Rn, Cn, RC, RnC, RCn, RnCn. */
    i = 0;
    if (i < n && ascii_fold((unsigned char)s[i]) == 'r')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            ;
    if (i < n && ascii_fold((unsigned char)s[i]) == 'c')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            ;
    return !(i > 0 && i == n);
}

static mtable *mt_named(model *m, const char *name, size_t len)
{
    for (size_t i = 0; i < m->ntb; i++)
        if (same_ascii_fold(m->tb[i].name, m->tb[i].name_len, name, len))
            return &m->tb[i];
    return NULL;
}

static int mt_meets(uint32_t a1, uint32_t a2, uint32_t b1, uint32_t b2)
{
    return a1 <= b2 && b1 <= a2;
}

/* Rows a table takes: to the end, or its fixed last row and the row below (kept for totals). */
static uint32_t mt_end(const mtable *t)
{
    return t->r2 == FAST_LAST_ROW ? FAST_LAST_ROW : t->r2 + 1;
}

static const mtable *mt_overlap(const model *m, size_t sheet, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2)
{
    for (size_t i = 0; i < m->ntb; i++) {
        const mtable *t = &m->tb[i];
        if (t->sheet == sheet && mt_meets(t->r1, mt_end(t), r1, r2) && mt_meets(t->c1, t->c2, c1, c2))
            return t;
    }
    return NULL;
}

/* A table with a totals row to the sheet's end keeps the sheet's last row. */
static uint32_t mt_reserved(const model *m, size_t sheet)
{
    for (size_t i = 0; i < m->ntb; i++)
        if (m->tb[i].sheet == sheet && !m->tb[i].ended && m->tb[i].r2 == FAST_LAST_ROW && m->tb[i].has_totals)
            return 1;
    return 0;
}

static int mt_continues(const model *m, const mtable *t)
{
    return t->r2 == FAST_LAST_ROW && t->header_seen && t->r1 + 1 == m->chain_header_rows &&
           m->nsaved == m->chain_header_rows;
}

static mtable *mt_new(model *m)
{
    m->tb = realloc(m->tb, (m->ntb + 1) * sizeof *m->tb);
    if (!m->tb)
        abort();
    mtable *t = &m->tb[m->ntb++];
    memset(t, 0, sizeof *t);
    return t;
}

/* "[@X]" and "[@[X]]" as written in the file: "T[[#This Row],[X]]"; text in quotes kept. */
static char *mt_file_formula(model *m, const mtable *t, const char *f, size_t n, arena *a, size_t *out_len)
{
    (void)m;
    char *o = arena_alloc(a, n * (t->name_len + 20) + 1);
    size_t k = 0;
    int quoted = 0;
    for (size_t i = 0; i < n;) {
        if (f[i] == '"')
            quoted = !quoted;
        if (!quoted && i + 2 < n && f[i] == '[' && f[i + 1] == '@') {
            size_t s = i + 2, e;
            int br = f[s] == '[';
            if (br) {
                for (e = s + 1; e < n && !(f[e] == ']' && f[e - 1] != '\''); e++)
                    ;
                e++;
            } else {
                for (e = s; e < n && f[e] != ']'; e++)
                    ;
            }
            if (e < n && f[e] == ']') {
                k += (size_t)sprintf(o + k, "%.*s[[#This Row],%s%.*s%s]", (int)t->name_len, t->name, br ? "" : "[",
                                     (int)(e - s), f + s, br ? "" : "]");
                i = e + 1;
                continue;
            }
        }
        o[k++] = f[i++];
    }
    o[k] = 0;
    *out_len = k;
    return o;
}

/*
 * The tables' rules for a row that passed the row checks, landing on sheet @si (or,
 * @full, on the continuation to come) at 0-based row @row0: a header row of non-empty,
 * distinct texts, no date or formula in a calculated column. *@undetermined: the
 * header has non-ASCII texts that may fold to the same name.
 */
static fast_status mt_check_row(const model *m, size_t si, int full, uint32_t row0, const mcell *mc, size_t n,
                                 int *undetermined)
{
    *undetermined = 0;
    for (size_t i = 0; i < m->ntb && full; i++)
        if (m->tb[i].sheet == si && !m->tb[i].ended && !m->tb[i].header_seen)
            return FAST_ERROR_TABLE; /* the sheet cannot end before a table's header row */
    for (size_t i = 0; i < m->ntb; i++) {
        const mtable *t = &m->tb[i];
        if (t->sheet != si || t->ended || (full && !mt_continues(m, t)))
            continue;
        if (!full && row0 == t->r1) {
            for (uint32_t c = t->c1; c <= t->c2; c++) {
                if (c >= n || mc[c].type != C_STRING || mc[c].slen == 0 || mc[c].rich)
                    return FAST_ERROR_TABLE;
                for (uint32_t p = t->c1; p < c; p++) {
                    if (same_ascii_fold(mc[p].s, mc[p].slen, mc[c].s, mc[c].slen))
                        return FAST_ERROR_TABLE;
                    if (!is_ascii(mc[p].s, mc[p].slen) && !is_ascii(mc[c].s, mc[c].slen))
                        *undetermined = 1;
                }
            }
        } else if (full || (t->header_seen && row0 > t->r1 && (t->r2 == FAST_LAST_ROW || row0 <= t->r2))) {
            for (uint32_t c = t->c1; c <= t->c2; c++)
                if (t->formula[c - t->c1] && c < n &&
                    (mc[c].type == C_DATE || mc[c].type == C_UNIX || mc[c].type == C_MS || mc[c].type == C_FORMULA ||
                     (mc[c].type == C_STRING && mc[c].rich)))
                    return FAST_ERROR_TABLE;
        }
    }
    return FAST_OK;
}

static void mt_add_value(mtable *t, int k, double v)
{
    t->nums[k] = realloc(t->nums[k], (t->nnums[k] + 1) * sizeof *t->nums[k]);
    if (!t->nums[k])
        abort();
    t->nums[k][t->nnums[k]++] = v;
}

/*
 * An accepted row at 0-based row @row0 of sheet @si: a header row gives its table the
 * column names; a data row adds its values to the totals and gets the formulas of the
 * calculated columns (cached values from the cells given). Returns the cells as they
 * must be written: @mc, or a copy in @a (*@n grows to cover the calculated columns).
 */
static mcell *mt_take_row(model *m, size_t si, uint32_t row0, mcell *mc, size_t *n, double **serials, arena *a)
{
    mcell *use = mc;
    for (size_t i = 0; i < m->ntb; i++) {
        mtable *t = &m->tb[i];
        if (t->sheet != si || t->ended)
            continue;
        if (!t->header_seen && row0 == t->r1) {
            for (uint32_t c = t->c1; c <= t->c2; c++) {
                t->col[c - t->c1] = mc[c].s;
                t->col_len[c - t->c1] = mc[c].slen;
            }
            t->header_seen = 1;
            continue;
        }
        if (!t->header_seen || row0 <= t->r1 || (t->r2 != FAST_LAST_ROW && row0 > t->r2))
            continue;
        for (uint32_t c = t->c1; c <= t->c2; c++) {
            int k = (int)(c - t->c1);
            if (t->formula[k]) {
                if (use == mc || *n <= c) {
                    size_t nn = *n > c ? *n : (size_t)c + 1;
                    mcell *cp = arena_alloc(a, nn * sizeof *cp);
                    memset(cp, 0, nn * sizeof *cp);
                    if (*n) /* (an empty row has no cells at all: NULL) */
                        memcpy(cp, use, *n * sizeof *cp);
                    for (size_t e = *n; e < nn; e++)
                        cp[e].rowfmt = m->row_rowfmt; /* a calculated cell past the row's end: the row's format */
                    double *ns = calloc(nn, sizeof *ns);
                    if (!ns)
                        abort();
                    if (*n)
                        memcpy(ns, *serials, *n * sizeof *ns);
                    free(*serials);
                    *serials = ns;
                    use = cp;
                    *n = nn;
                }
                mcell *x = &use[c], f;
                memset(&f, 0, sizeof f);
                f.type = C_FORMULA;
                f.fmt = x->fmt;
                f.rowfmt = x->rowfmt;
                f.s = mt_file_formula(m, t, t->formula[k], t->formula_len[k], a, &f.slen);
                switch (x->type) {
                case C_NUMBER: f.cached = F_NUMBER; f.num = x->num; break;
                case C_INTEGER: f.cached = F_NUMBER; f.num = (double)x->i64; break;
                case C_STRING: f.cached = F_STRING; f.cs = x->s; f.cslen = x->slen; break;
                case C_BOOL: f.cached = F_BOOL; f.b = x->b; break;
                default: f.cached = F_NONE; break;
                }
                *x = f;
            }
            if (t->kind[k] != T_FN)
                continue;
            const mcell *x = c < *n ? &use[c] : NULL;
            if (!x)
                continue;
            switch (x->type) {
            case C_NUMBER: mt_add_value(t, k, x->num); t->nonempty[k]++; break;
            case C_INTEGER: mt_add_value(t, k, (double)x->i64); t->nonempty[k]++; break;
            case C_DATE: case C_UNIX: case C_MS: mt_add_value(t, k, (*serials)[c]); t->nonempty[k]++; break;
            case C_STRING: case C_BOOL: t->nonempty[k]++; break;
            case C_FORMULA:
                t->nonempty[k]++;
                if (x->cached == F_NUMBER)
                    mt_add_value(t, k, x->num);
                if (x->cached == F_NONE)
                    t->unknown[k] = 1;
                break;
            default: break;
            }
        }
    }
    return use;
}

/* The expected totals cell of column @k of @t (computed by long double arithmetic, two passes). */
static void mt_total_cell(const mtable *t, int k, mcell *x, arena *a)
{
    static const int code[] = {0, 109, 101, 103, 102, 105, 104, 107, 110};
    memset(x, 0, sizeof *x);
    if (t->kind[k] == T_LABEL) {
        x->type = C_STRING;
        x->s = t->text[k];
        x->slen = t->text_len[k];
        return;
    }
    x->type = C_FORMULA;
    if (t->kind[k] == T_CUSTOM) {
        x->s = t->text[k];
        x->slen = t->text_len[k];
        x->cached = F_NONE;
        return;
    }
    char *f = arena_alloc(a, t->name_len + 2 * t->col_len[k] + 32);
    size_t len = (size_t)sprintf(f, "SUBTOTAL(%d,%.*s[", code[t->fn[k]], (int)t->name_len, t->name);
    for (size_t i = 0; i < t->col_len[k]; i++) {
        char ch = t->col[k][i];
        if (ch == '\'' || ch == '#' || ch == '[' || ch == ']')
            f[len++] = '\'';
        f[len++] = ch;
    }
    len += (size_t)sprintf(f + len, "])");
    x->s = f;
    x->slen = len;
    size_t n = t->nnums[k];
    const double *v = t->nums[k];
    long double sum = 0, sumabs = 0, sumsq = 0, mean, ss = 0;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        sum += v[i];
        sumabs += fabsl((long double)v[i]);
        sumsq += (long double)v[i] * v[i];
        if (i == 0 || v[i] < lo)
            lo = v[i];
        if (i == 0 || v[i] > hi)
            hi = v[i];
    }
    mean = n ? sum / n : 0;
    for (size_t i = 0; i < n; i++)
        ss += (v[i] - mean) * (v[i] - mean);
    int fn = t->fn[k];
    x->cached = F_NUMBER;
    if (t->unknown[k] && fn != FAST_TABLE_TOTAL_COUNT) {
        x->cached = F_NONE;
        return;
    }
    int huge = sumabs > 1e300L || sumsq > 1e300L;
    switch (fn) {
    case FAST_TABLE_TOTAL_SUM:
        x->num = (double)sum;
        x->tol = (double)(sumabs * 1e-12L) + 1e-300;
        x->may_uncached = huge;
        break;
    case FAST_TABLE_TOTAL_AVERAGE:
        if (!n) {
            x->cached = F_NONE;
            break;
        }
        x->num = (double)mean;
        x->tol = (double)(sumabs / n * 1e-12L) + 1e-300;
        x->may_uncached = huge;
        break;
    case FAST_TABLE_TOTAL_COUNT: x->num = (double)t->nonempty[k]; break;
    case FAST_TABLE_TOTAL_COUNT_NUMS: x->num = (double)n; break;
    case FAST_TABLE_TOTAL_MIN: x->num = n ? lo : 0; break;
    case FAST_TABLE_TOTAL_MAX: x->num = n ? hi : 0; break;
    default: /* stdDev, var */
        if (n < 2) {
            x->cached = F_NONE;
            break;
        }
        {
            double var = (double)(ss / (n - 1)), tv = (double)(sumsq / n * 1e-9L) + 1e-300;
            x->num = fn == FAST_TABLE_TOTAL_VAR ? var : sqrt(var);
            x->tol = fn == FAST_TABLE_TOTAL_VAR ? tv : sqrt(tv);
            x->may_uncached = huge;
        }
        break;
    }
}

/* The sheet @si ends: its tables end, their totals rows are written below the rows. */
static void mt_end_sheet(model *m, size_t si, arena *a)
{
    msheet *sh = &m->sh[si];
    uint32_t rows = sh->rows, top = rows;
    for (size_t i = 0; i < m->ntb; i++) {
        mtable *t = &m->tb[i];
        if (t->sheet != si || t->ended)
            continue;
        t->ended = 1;
        t->last = t->r2 != FAST_LAST_ROW ? t->r2 : rows > t->r1 + 1 ? rows - 1 : t->r1 + 1;
        if (!t->has_totals)
            continue;
        for (int k = 0; k <= (int)(t->c2 - t->c1); k++) {
            if (t->kind[k] == T_NONE)
                continue;
            xcell x;
            memset(&x, 0, sizeof x);
            x.row = t->last + 2;
            x.col = t->c1 + (uint32_t)k;
            mt_total_cell(t, k, &x.c, a);
            x.c.fchg = m->fmt_changes;
            push_cell(sh, &x);
            if (x.row > top)
                top = x.row;
        }
    }
    sh->rows = top;
}

/* The tables of sheet @from that go on in its continuation @to. */
static void mt_continue(model *m, size_t from, size_t to)
{
    size_t before = m->ntb;
    for (size_t i = 0; i < before; i++) {
        if (m->tb[i].sheet != from || !mt_continues(m, &m->tb[i]))
            continue;
        mtable *t = mt_new(m), *o = &m->tb[i]; /* after mt_new: the array may have moved */
        const mtable *root = &m->tb[o->root];
        char name[300];
        int len;
        int k = o->chain + 1;
        for (;; k++) {
            len = snprintf(name, sizeof name, "%.*s_%d", (int)root->name_len, root->name, k);
            if (!mt_named(m, name, (size_t)len))
                break;
        }
        *t = *o;
        memcpy(t->name, name, (size_t)len + 1);
        t->name_len = (size_t)len;
        t->sheet = to;
        t->r1 = m->chain_header_rows - 1;
        t->ended = 0;
        t->chain = k;
        for (int c = 0; c < MT_COLS; c++) {
            t->nums[c] = NULL;
            t->nnums[c] = t->nonempty[c] = 0;
            t->unknown[c] = 0;
        }
    }
}

/* A table of the current sheet without its header row: the sheet may not end. */
static const mtable *mt_headerless(const model *m)
{
    for (size_t i = 0; m->nsh && i < m->ntb; i++)
        if (m->tb[i].sheet == m->nsh - 1 && !m->tb[i].ended && !m->tb[i].header_seen)
            return &m->tb[i];
    return NULL;
}

/*
 * One row through the model: @st is what @fn returned for the @n cells that
 * @mc describes.
 */
static void write_row(run *u, fast_status st, const char *fn, const mcell *mc, size_t n)
{
    model *m = &u->m;
    if (u->sticky != FAST_OK) {
        after_call(u, fn, st);
        return;
    }
    /* What the row must get. */
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    fast_status want = FAST_OK;
    int full = 0, allowed_other = 0;
    char next_name[160];
    size_t next_len = 0;
    uint32_t next_k = 0, msg_row = 0;
    problem probs[8];
    size_t nprobs = 0;
    double *serials = NULL;
    if (!cur) {
        want = FAST_ERROR_STATE;
    } else {
        uint32_t limit = m->rows_per_sheet - mt_reserved(m, m->nsh - 1); /* a totals row to come */
        full = cur->rows >= limit;
        if (full && m->policy == FAST_ROWS_ERROR) {
            want = FAST_ERROR_ROW_LIMIT;
        } else if (full && m->nsaved >= limit) {
            want = FAST_ERROR_ROW_LIMIT;
        } else if (n > FAST_MAX_COLUMNS) {
            want = FAST_ERROR_COLUMN_LIMIT;
        } else {
            serials = calloc(n ? n : 1, sizeof *serials);
            for (size_t i = 0; i < n; i++) {
                fast_status p = cell_problem(&mc[i], &serials[i]);
                if (p != FAST_OK && nprobs < 8)
                    probs[nprobs++] = (problem){p, i};
            }
            /* Several bad cells: any of their statuses will do; the message must name its column. */
            if (nprobs) {
                want = probs[0].st;
                allowed_other = 1;
            }
        }
        if (full) {
            next_len = continuation_name(m, cur, next_name, &next_k);
            msg_row = (uint32_t)m->nsaved + 1;
        } else {
            msg_row = cur->rows + 1;
        }
    }
    /* A header row kept in memory: refused when its copy passes the row memory limit. The copy's size is
     * the library's own business (about 48 bytes a cell plus the text), so the model has bounds: above the
     * limit with the text alone it must be refused, below it with 96 bytes a cell and 256 a row accepted. */
    int mem_may = 0;
    if (cur && !full && cur->chain_index == 1 && cur->rows + 1 <= m->chain_header_rows &&
        (want == FAST_OK || allowed_other)) {
        size_t text = 0, all = n, rows = 1;
        for (size_t i = 0; i < n; i++)
            text += mc[i].type == C_STRING || mc[i].type == C_FORMULA ? mc[i].slen + mc[i].cslen : 0;
        for (size_t h = 0; h < m->nsaved; h++, rows++) {
            text += m->saved[h].text;
            all += m->saved[h].all;
        }
        size_t upper = text + 96 * all + 256 * rows;
        if (text > m->mem_limit && want == FAST_OK)
            want = FAST_ERROR_MEMORY_LIMIT;
        else if (upper > m->mem_limit)
            mem_may = 1;
    }
    /* Then the tables' rules. */
    int table_undetermined = 0;
    if (cur && want == FAST_OK)
        want = mt_check_row(m, m->nsh - 1, full, full ? (uint32_t)m->nsaved : cur->rows, mc, n, &table_undetermined);
    int match = st == want || (mem_may && st == FAST_ERROR_MEMORY_LIMIT) ||
                (table_undetermined && (st == FAST_OK || st == FAST_ERROR_TABLE));
    size_t which = nprobs ? probs[0].col : 0;
    if (!match && allowed_other)
        for (size_t i = 0; i < nprobs; i++)
            if (probs[i].st == st) {
                match = 1;
                which = probs[i].col;
                break;
            }
    if (!match && !output_failure(st))
        oracle_fail("%s (sheet '%s', row %u, %zu cells) returned %d (%s: '%s'), expected %d (%s)", fn,
                    cur ? show(cur->name, cur->name_len) : "(none)", (unsigned)msg_row, n, st, fast_strerror(st),
                    st ? fast_workbook_error_message(u->wb) : "", want, fast_strerror(want));
    after_call(u, fn, st);
    if (st != FAST_OK) {
        /* A rejected row's message names its place. */
        const char *msg = fast_workbook_error_message(u->wb);
        char place[256];
        if (st == FAST_ERROR_INVALID_UTF8 || st == FAST_ERROR_STRING_TOO_LONG || st == FAST_ERROR_NONFINITE_NUMBER ||
            st == FAST_ERROR_INVALID_DATE) {
            char cn[8];
            col_name((uint32_t)which, cn);
            snprintf(place, sizeof place, "', row %u, column %s: ", (unsigned)msg_row, cn);
            if (!strstr(msg, place) || strncmp(msg, "sheet '", 7) != 0)
                oracle_fail("%s: message '%s' does not name the place (expected \"sheet '...%s\")", fn, msg, place);
            if (!full) {
                snprintf(place, sizeof place, "sheet '%.*s', row %u, column %s: ", (int)cur->name_len, cur->name,
                         (unsigned)msg_row, cn);
                if (strncmp(msg, place, strlen(place)) != 0)
                    oracle_fail("%s: message '%s' does not start with \"%s\"", fn, msg, show(place, strlen(place)));
            }
        } else if (st == FAST_ERROR_TABLE) {
            if (!strstr(msg, "table '"))
                oracle_fail("%s: message '%s' does not name the table", fn, msg);
        } else if (st == FAST_ERROR_ROW_LIMIT || st == FAST_ERROR_COLUMN_LIMIT) {
            snprintf(place, sizeof place, "sheet '%.*s'", (int)cur->name_len, cur->name);
            if (!strstr(msg, place) && st == FAST_ERROR_ROW_LIMIT)
                oracle_fail("%s: message '%s' does not name sheet '%s'", fn, msg, cur->name);
            snprintf(place, sizeof place, "row %u", (unsigned)(full ? cur->rows + 1 : msg_row));
            if (st == FAST_ERROR_ROW_LIMIT && !strstr(msg, place) && m->policy == FAST_ROWS_ERROR)
                oracle_fail("%s: message '%s' does not name %s", fn, msg, place);
        }
        free(serials);
        return;
    }
    /* Accepted: the model takes the row. */
    if (full) {
        mt_end_sheet(m, m->nsh - 1, &u->a);
        msheet *ns = add_sheet(m, next_name, next_len, all_names_ascii(m));
        cur = &m->sh[m->nsh - 2];
        cur->ended = 1;
        cur->end_chg = m->fmt_changes;
        ns->first_chg = m->fmt_changes;
        ns->autofit = m->autofit != 0;
        ns->chain_first = cur->chain_first;
        ns->chain_index = next_k;
        ns->state = cur->state; /* a continuation shows as the sheet it continues */
        md_try_active(m, m->nsh - 1);
        /* A continuation repeats the sheet's column widths, panes and filter. */
        if (cur->ncols) {
            ns->cols = malloc(cur->ncols * sizeof *ns->cols);
            if (!ns->cols)
                abort();
            memcpy(ns->cols, cur->cols, cur->ncols * sizeof *ns->cols);
            ns->ncols = cur->ncols;
        }
        ns->freeze_rows = cur->freeze_rows;
        ns->freeze_cols = cur->freeze_cols;
        ns->has_filter = cur->has_filter;
        memcpy(ns->filter, cur->filter, sizeof ns->filter);
        if (cur->ncolfmts) {
            ns->colfmts = malloc(cur->ncolfmts * sizeof *ns->colfmts);
            if (!ns->colfmts)
                abort();
            memcpy(ns->colfmts, cur->colfmts, cur->ncolfmts * sizeof *ns->colfmts);
            ns->ncolfmts = cur->ncolfmts;
        }
        ns->filter[2] = FAST_LAST_ROW;
        ns->ol = cur->ol;
        /* Validations and conditional formats to FAST_LAST_ROW carry over, in order. */
        for (size_t i = 0; i < cur->nrules; i++)
            if (cur->rules[i].r[2] == FAST_LAST_ROW) {
                ns->rules = realloc(ns->rules, (ns->nrules + 1) * sizeof *ns->rules);
                if (!ns->rules)
                    abort();
                ns->rules[ns->nrules++] = cur->rules[i];
            }
        /* The page setup carries over, not the breaks; ignored ranges to FAST_LAST_ROW do. */
        ns->orient = cur->orient;
        ns->fit = cur->fit;
        ns->scale = cur->scale;
        ns->footer = cur->footer;
        ns->footer_len = cur->footer_len;
        ns->has_margins = cur->has_margins;
        memcpy(ns->margins, cur->margins, sizeof ns->margins);
        ns->paper = cur->paper;
        ns->fit_w = cur->fit_w;
        ns->fit_t = cur->fit_t;
        ns->has_area = cur->has_area && cur->area[2] == FAST_LAST_ROW; /* a fixed area stays on its sheet */
        memcpy(ns->area, cur->area, sizeof ns->area);
        ns->has_trows = cur->has_trows;
        ns->has_tcols = cur->has_tcols;
        memcpy(ns->trows, cur->trows, sizeof ns->trows);
        memcpy(ns->tcols, cur->tcols, sizeof ns->tcols);
        ns->protect = cur->protect;
        ns->allow = cur->allow;
        ns->pw_hash = cur->pw_hash;
        for (size_t i = 0; i < cur->nign; i++)
            if (cur->ign[i].r[2] == FAST_LAST_ROW) {
                ns->ign = realloc(ns->ign, (ns->nign + 1) * sizeof *ns->ign);
                if (!ns->ign)
                    abort();
                ns->ign[ns->nign++] = cur->ign[i];
            }
        for (size_t h = 0; h < m->nsaved; h++) {
            ns->rows++;
            for (size_t k = 0; k < m->saved[h].n; k++) {
                xcell x = m->saved[h].cells[k];
                x.row = ns->rows;
                push_cell(ns, &x);
            }
        }
        mt_continue(m, m->nsh - 2, m->nsh - 1);
        cur = ns;
    }
    /* The tables take the row: header names, totals, calculated columns. */
    mc = mt_take_row(m, m->nsh - 1, cur->rows, (mcell *)mc, &n, &serials, &u->a);
    if (cur->rows == 0) {
        cur->first_chg = m->fmt_changes;
        cur->autofit = m->autofit != 0;
    }
    uint32_t row = ++cur->rows;
    xrow keep = {NULL, 0, n, 0};
    for (size_t i = 0; i < n; i++)
        keep.text += mc[i].type == C_STRING || mc[i].type == C_FORMULA ? mc[i].slen + mc[i].cslen : 0;
    int save = cur->chain_index == 1 && row <= m->chain_header_rows;
    for (size_t i = 0; i < n; i++) {
        xcell x;
        memset(&x, 0, sizeof x);
        x.row = row;
        x.col = (uint32_t)i;
        if (!cell_written(&mc[i]))
            continue;
        x.c = mc[i];
        x.c.fchg = m->fmt_changes;
        x.serial = serials[i];
        push_cell(cur, &x);
        if (save) {
            keep.cells = realloc(keep.cells, (keep.n + 1) * sizeof *keep.cells);
            if (!keep.cells)
                abort();
            keep.cells[keep.n++] = x;
        }
    }
    if (save) {
        m->saved = realloc(m->saved, (m->nsaved + 1) * sizeof *m->saved);
        if (!m->saved)
            abort();
        m->saved[m->nsaved++] = keep;
    }
    free(serials);
}

static void op_row(run *u)
{
    reader *r = &u->r;
    static const size_t wide[8] = {16384, 16383, 702, 703, 26, 27, 100, 1};
    uint8_t b = u8(r);
    size_t count = b < 224 ? 1 + (size_t)b % 24 : wide[b % 8];
    uint8_t flags = u8(r);
    fast_cells *cells = fast_cells_new(count);
    mcell *mc = calloc(count, sizeof *mc);
    if (!cells || !mc)
        abort();
    int has_row_format = 0;
    if (flags & 1) {
        const fast_format *rf = pick_format(u, u8(r));
        fast_cells_set_row_format(cells, rf);
        has_row_format = rf != NULL;
    }
    if (flags & 2) {
        double h = (flags & 4) ? dbl(r) : (double)(u16(r) % 500) / 1.25;
        fast_status st = fast_cells_set_row_height(cells, h);
        fast_status want = (h >= 0 && h <= 409) ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (st != want)
            oracle_fail("fast_cells_set_row_height(%g) returned %d, expected %d", h, st, want);
    }
    size_t k = u8(r) % 12;
    for (size_t j = 0; j < k; j++) {
        size_t at = (flags & 8) ? j % count : u16(r) % count;
        set_cell(u, cells, mc, at);
    }
    /* n is usually the array's size, sometimes less (the rest must be ignored). */
    if (fast_cells_count(cells) != count)
        oracle_fail("fast_cells_count() is %zu for %zu cells", fast_cells_count(cells), count);
    if ((flags & 96) == 96) {
        /* Cleared: every cell blank without a format, no row format or height. */
        fast_cells_clear(cells);
        memset(mc, 0, count * sizeof *mc);
        has_row_format = 0;
    }
    for (size_t i = 0; i < count; i++)
        mc[i].rowfmt = has_row_format;
    size_t n = (flags & 16) ? u16(r) % (count + 1) : count;
    u->m.row_rowfmt = has_row_format;
    write_row(u, fast_workbook_write_row(u->wb, cells, n), "fast_workbook_write_row", mc, n);
    u->m.row_rowfmt = 0;
    fast_cells_free(cells);
    free(mc);
}

static void op_row_strings(run *u)
{
    reader *r = &u->r;
    uint8_t b = u8(r);
    size_t n = b < 250 ? (b & 31u) % 20 : b == 250 ? FAST_MAX_COLUMNS + 1 : FAST_MAX_COLUMNS;
    int lens_null = b & 32 ? 1 : 0;
    const char **vals = calloc(n ? n : 1, sizeof *vals);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    if (!vals || !lens)
        abort();
    size_t k = n > 20 ? u8(r) % 4 : n;
    for (size_t j = 0; j < k; j++) {
        size_t at = n > 20 ? u16(r) % n : j;
        if (u8(r) & 1)
            continue; /* blank */
        const char *s = text(r, &u->a, &lens[at]);
        if (lens_null) {
            char *z = arena_alloc(&u->a, lens[at] + 1);
            memcpy(z, s, lens[at]);
            z[lens[at]] = 0;
            s = z;
        }
        vals[at] = s;
    }
    /* The model checks these rows by their cells as strings. */
    mcell *mc = calloc(n ? n : 1, sizeof *mc);
    if (!mc)
        abort();
    for (size_t i = 0; i < n; i++)
        if (vals[i]) {
            mc[i].type = C_STRING;
            mc[i].s = vals[i];
            mc[i].slen = lens_null ? strlen(vals[i]) : lens[i];
        }
    write_row(u, fast_workbook_write_row_strings(u->wb, vals, lens_null ? NULL : lens, n),
              "fast_workbook_write_row_strings", mc, n);
    free(mc);
    free(vals);
    free(lens);
}

static void op_add_worksheet(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    uint8_t flags = u8(r);
    size_t len = 0;
    const char *name = NULL;
    if (!(flags & 1))
        name = text(r, &u->a, &len);
    fast_status st = fast_workbook_add_worksheet(u->wb, name, len);
    if (u->sticky != FAST_OK) {
        after_call(u, "fast_workbook_add_worksheet", st);
        return;
    }
    char defname[32];
    int undetermined = 0;
    fast_status want = FAST_OK;
    if (!name) {
        for (size_t k = m->nsh + 1;; k++) {
            snprintf(defname, sizeof defname, "Sheet%zu", k);
            if (!name_used(m, defname, strlen(defname)))
                break;
        }
        undetermined = !all_names_ascii(m);
    } else {
        size_t chars;
        int bad_char = 0;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)name[i];
            if (c < 0x20 || c == 0x7F || (c && strchr(":\\/?*[]", c)))
                bad_char = 1;
        }
        if (len == 0)
            want = FAST_ERROR_SHEET_NAME;
        else if (!utf8_ok(name, len, &chars))
            want = FAST_ERROR_INVALID_UTF8;
        else if (chars > FAST_MAX_SHEET_NAME_CHARS || bad_char || name[0] == '\'' || name[len - 1] == '\'')
            want = FAST_ERROR_SHEET_NAME;
        else if (name_used(m, name, len))
            want = FAST_ERROR_DUPLICATE_SHEET_NAME;
        else if (!is_ascii(name, len) || !all_names_ascii(m))
            undetermined = 1; /* non-ASCII letters fold too: a duplicate the model does not see */
        /* U+0080..U+009F are control characters as well. */
        if (want == FAST_OK)
            for (size_t i = 0; i + 1 < len; i++)
                if ((unsigned char)name[i] == 0xC2 && (unsigned char)name[i + 1] >= 0x80 &&
                    (unsigned char)name[i + 1] <= 0x9F)
                    undetermined = 1;
    }
    /* The current sheet may not end while a table of it has no header row. */
    if (want == FAST_OK && mt_headerless(m))
        want = FAST_ERROR_TABLE;
    int ok = st == want || (undetermined && (st == FAST_ERROR_DUPLICATE_SHEET_NAME || st == FAST_ERROR_SHEET_NAME ||
                                             (mt_headerless(m) && st == FAST_ERROR_TABLE)));
    if (!ok && output_failure(st))
        ok = 1;
    if (!ok)
        oracle_fail("fast_workbook_add_worksheet('%s') returned %d (%s: '%s'), expected %d (%s)",
                    name ? show(name, len) : "(NULL)", st, fast_strerror(st),
                    st ? fast_workbook_error_message(u->wb) : "",
                    want, fast_strerror(want));
    after_call(u, "fast_workbook_add_worksheet", st);
    if (st != FAST_OK)
        return;
    if (m->nsh)
        mt_end_sheet(m, m->nsh - 1, &u->a);
    if (m->nsh) {
        m->sh[m->nsh - 1].ended = 1;
        m->sh[m->nsh - 1].end_chg = m->fmt_changes;
    }
    if (name)
        add_sheet(m, name, len, 1);
    else
        add_sheet(m, defname, strlen(defname), !undetermined);
    md_try_active(m, m->nsh - 1);
    m->chain_header_rows = m->header_rows;
    for (size_t i = 0; i < m->nsaved; i++)
        free(m->saved[i].cells);
    m->nsaved = 0;
}

static void op_format(run *u, int new_one)
{
    reader *r = &u->r;
    if (new_one) {
        fast_format *f = fast_workbook_add_format(u->wb);
        if (!f) {
            if (u->sticky == FAST_OK && !u->closed)
                oracle_fail("fast_workbook_add_format returned NULL on a usable workbook: '%s'",
                            fast_workbook_error_message(u->wb));
            return;
        }
        if (u->nfmt < MAX_FORMATS)
            u->fmt[u->nfmt++] = f;
        else
            u->fmt[u8(r) % MAX_FORMATS] = f;
        return;
    }
    if (u->nfmt == 0)
        return;
    fast_format *f = u->fmt[u8(r) % u->nfmt];
    uint8_t which = u8(r);
    fast_status st, want = FAST_OK;
    size_t n, chars;
    const char *s;
    double d;
    int v;
    int sides;
    switch (which % 32) {
    case 0: st = fast_format_set_bold(f, u8(r)); break;
    case 1: st = fast_format_set_italic(f, u8(r)); break;
    case 2: st = fast_format_set_underline(f, u8(r)); break;
    case 3:
        s = text(r, &u->a, &n);
        st = fast_format_set_font_name(f, s, n);
        if (!utf8_ok(s, n, &chars) || chars < 1 || chars > 31)
            want = FAST_ERROR_INVALID_ARGUMENT;
        if (want == FAST_OK && st != FAST_OK)
            want = st; /* control characters and the like may be refused */
        break;
    case 4:
        d = dbl(r);
        st = fast_format_set_font_size(f, d);
        want = d >= 1 && d <= 409 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 5: st = fast_format_set_font_color(f, u32(r)); if (st) want = st; break;
    case 6: st = fast_format_set_fill_color(f, u32(r)); if (st) want = st; break;
    case 7:
        v = (int8_t)u8(r);
        st = fast_format_set_align(f, v);
        want = v >= 0 && v <= 7 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT; /* 6, 7 since 0.3 */
        break;
    case 8:
        v = (int8_t)u8(r);
        st = fast_format_set_valign(f, v);
        want = v >= 0 && v <= 4 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT; /* 4 since 0.3 */
        break;
    case 9: st = fast_format_set_wrap(f, u8(r)); break;
    case 10: st = fast_format_set_border(f, u8(r)); break;
    /* 0.3: ranges as the header states them */
    case 12:
        sides = (int8_t)u8(r), v = (int8_t)u8(r) % 16;
        st = fast_format_set_border_style(f, sides, v);
        want = sides >= 1 && sides <= 31 && v >= 0 && v <= 13 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 13: {
        sides = (int8_t)u8(r);
        uint32_t rgb = u8(r) & 1 ? u32(r) : u32(r) & 0xFFFFFF;
        st = fast_format_set_border_color(f, sides, rgb);
        want = sides >= 1 && sides <= 31 && rgb <= 0xFFFFFF ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    }
    case 14:
    case 15:
    case 16:
    case 17: {
        int theme = (int8_t)u8(r) % 16;
        d = u8(r) & 1 ? dbl(r) : (double)((int8_t)u8(r)) / 100.0;
        sides = (int8_t)u8(r);
        int ok = theme >= 0 && theme <= 11 && d >= -1.0 && d <= 1.0;
        if (which % 32 == 14)
            st = fast_format_set_font_theme_color(f, theme, d);
        else if (which % 32 == 15)
            st = fast_format_set_fill_theme_color(f, theme, d);
        else if (which % 32 == 16)
            st = fast_format_set_fill_bg_theme_color(f, theme, d);
        else {
            st = fast_format_set_border_theme_color(f, sides, theme, d);
            ok = ok && sides >= 1 && sides <= 31;
        }
        want = ok ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    }
    case 18:
        v = (int8_t)u8(r);
        st = fast_format_set_diagonal(f, v);
        want = v >= 0 && v <= 3 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 19:
        v = (int8_t)u8(r) % 24;
        st = fast_format_set_fill_pattern(f, v);
        want = v >= 0 && v <= 18 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 20: st = fast_format_set_fill_bg_color(f, u32(r) & 0x1FFFFFF); if (st) want = st; break;
    case 21:
        v = (int8_t)u8(r) % 8;
        st = fast_format_set_underline_style(f, v);
        want = v >= 0 && v <= 4 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 22:
        v = (int8_t)u8(r) % 4;
        st = fast_format_set_font_script(f, v);
        want = v >= 0 && v <= 2 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 23:
        v = (int8_t)u8(r) % 18;
        st = fast_format_set_font_family(f, v);
        want = v >= -1 && v <= 14 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 24:
        v = (int8_t)u8(r) % 6;
        st = fast_format_set_font_scheme(f, v);
        want = v >= 0 && v <= 3 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 25:
        v = (int16_t)u16(r) % 300;
        st = fast_format_set_indent(f, v);
        want = v >= 0 && v <= 250 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 26:
        v = (int16_t)u16(r) % 300;
        st = fast_format_set_rotation(f, v);
        want = (v >= -90 && v <= 90) || v == 255 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    case 27: st = fast_format_set_shrink(f, u8(r)); break;
    case 28: st = fast_format_set_quote_prefix(f, u8(r)); break;
    case 29: st = fast_format_set_locked(f, u8(r)); break;
    case 30: st = fast_format_set_hidden(f, u8(r)); break;
    case 31:
        v = (int8_t)u8(r);
        st = (v & 1) ? fast_format_set_align(f, v % 10) : fast_format_set_valign(f, v % 7);
        want = (v & 1) ? (v % 10 >= 0 && v % 10 <= 7 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT)
                       : (v % 7 >= 0 && v % 7 <= 4 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT);
        break;
    default:
        s = text(r, &u->a, &n);
        st = fast_format_set_num_format(f, s, n);
        if (!utf8_ok(s, n, &chars) || chars < 1 || chars > 255)
            want = FAST_ERROR_INVALID_ARGUMENT;
        if (want == FAST_OK && st != FAST_OK)
            want = st;
        break;
    }
    if (st == FAST_OK)
        u->m.fmt_changes++;
    if (st != want && !(want != FAST_OK && st == FAST_ERROR_INVALID_UTF8))
        oracle_fail("format setter %u returned %d, expected %d", which % 32, st, want);
}

static void op_sheet_feature(run *u, int which)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    fast_status st;
    const char *fn;
    uint32_t a, b, c, d;
    switch (which) {
    case 0: {
        a = u16(r) % 16400;
        b = a + u8(r) % 8;
        double w = u8(r) & 1 ? dbl(r) : (double)u16(r) / 200.0;
        st = fast_workbook_set_column_width(u->wb, a, b, w);
        fn = "fast_workbook_set_column_width";
        if (u->sticky == FAST_OK && st == FAST_OK) {
            if (!cur || cur->rows || b >= FAST_MAX_COLUMNS || !(w >= 0 && w <= 255))
                oracle_fail("fast_workbook_set_column_width(%u, %u, %g) accepted", a, b, w);
            cur->cols = realloc(cur->cols, (cur->ncols + 1) * sizeof *cur->cols);
            if (!cur->cols)
                abort();
            cur->cols[cur->ncols++] = (struct colw){a, b, w};
        }
        break;
    }
    case 1:
        a = u8(r) % 8 ? u8(r) % 20 : u32(r);
        st = fast_workbook_set_autofit_rows(u->wb, a);
        fn = "fast_workbook_set_autofit_rows";
        if (u->sticky == FAST_OK && st == FAST_OK)
            m->autofit = a;
        break;
    case 2:
        a = u8(r) % 4 ? u8(r) % 10 : u32(r);
        b = u8(r) % 4 ? u8(r) % 10 : u32(r);
        st = fast_workbook_freeze_panes(u->wb, a, b);
        fn = "fast_workbook_freeze_panes";
        if (u->sticky == FAST_OK && st == FAST_OK) {
            if (!cur || cur->rows || a >= FAST_MAX_ROWS || b >= FAST_MAX_COLUMNS)
                oracle_fail("fast_workbook_freeze_panes(%u, %u) accepted", a, b);
            cur->freeze_rows = a;
            cur->freeze_cols = b;
        }
        break;
    case 3:
        a = u8(r) % 20;
        b = u8(r) % 20;
        c = u8(r) & 1 ? FAST_LAST_ROW : a + u8(r) % 30 - 3;
        d = b + u8(r) % 30 - 3;
        st = fast_workbook_set_autofilter(u->wb, a, b, c, d);
        fn = "fast_workbook_set_autofilter";
        {
            int valid = cur && a < FAST_MAX_ROWS && b < FAST_MAX_COLUMNS && d < FAST_MAX_COLUMNS && d >= b &&
                        (c == FAST_LAST_ROW || (c < FAST_MAX_ROWS && c >= a));
            if (valid && mt_overlap(m, m->nsh - 1, a, b, c, d)) /* not over a table */
                valid = 0;
            if (u->sticky == FAST_OK && (st == FAST_OK) != valid && !output_failure(st))
                oracle_fail("fast_workbook_set_autofilter(%u, %u, %u, %u) returned %d", a, b, c, d, st);
            if (u->sticky == FAST_OK && st == FAST_OK) {
                cur->has_filter = 1;
                cur->filter[0] = a;
                cur->filter[1] = b;
                cur->filter[2] = c;
                cur->filter[3] = d;
            }
        }
        break;
    case 4: {
        uint8_t sel = u8(r);
        a = sel & 1 ? u32(r) : u8(r) % 30;
        b = sel & 2 ? u32(r) : u8(r) % 30;
        c = a + (sel & 4 ? u32(r) : (uint32_t)(u8(r) % 4));
        d = b + (sel & 8 ? u32(r) : (uint32_t)(u8(r) % 4));
        st = fast_workbook_merge_range(u->wb, a, b, c, d);
        fn = "fast_workbook_merge_range";
        int valid = cur && a < FAST_MAX_ROWS && c < FAST_MAX_ROWS && b < FAST_MAX_COLUMNS && d < FAST_MAX_COLUMNS &&
                    a <= c && b <= d && !(a == c && b == d) && !mt_overlap(m, m->nsh - 1, a, b, c, d);
        if (u->sticky == FAST_OK && (st == FAST_OK) != valid && !output_failure(st))
            oracle_fail("fast_workbook_merge_range(%u, %u, %u, %u) returned %d ('%s')", a, b, c, d, st,
                        fast_workbook_error_message(u->wb));
        if (u->sticky == FAST_OK && st == FAST_OK) {
            char r1[8], r2[8];
            col_name(b, r1);
            col_name(d, r2);
            cur->merges = realloc(cur->merges, (cur->nmerges + 1) * sizeof *cur->merges);
            if (!cur->merges)
                abort();
            cur->mrg = realloc(cur->mrg, (cur->nmerges + 1) * sizeof *cur->mrg);
            if (!cur->mrg)
                abort();
            cur->mrg[cur->nmerges][0] = a;
            cur->mrg[cur->nmerges][1] = b;
            cur->mrg[cur->nmerges][2] = c;
            cur->mrg[cur->nmerges][3] = d;
            snprintf(cur->merges[cur->nmerges++], 32, "%s%u:%s%u", r1, (unsigned)a + 1, r2, (unsigned)c + 1);
        }
        break;
    }
    case 5: {
        a = u8(r) & 1 ? u32(r) : u8(r) % 30;
        b = u8(r) % 30;
        size_t n;
        const char *url = text(r, &u->a, &n);
        st = fast_workbook_add_hyperlink(u->wb, a, b, url, n);
        fn = "fast_workbook_add_hyperlink";
        /* RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'. */
        size_t sl = 0;
        for (; sl < n; sl++) {
            char ch = url[sl];
            int letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
            if (!letter && !(sl > 0 && ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.')))
                break;
        }
        int scheme = sl > 0 && sl < n && url[sl] == ':';
        if (u->sticky == FAST_OK && st == FAST_OK && !scheme)
            oracle_fail("fast_workbook_add_hyperlink accepted %s, which has no URI scheme", show(url, n));
        if (u->sticky == FAST_OK && cur && !scheme && n > 0 && a < FAST_MAX_ROWS && b < FAST_MAX_COLUMNS &&
            st != FAST_ERROR_INVALID_ARGUMENT && st != FAST_ERROR_INVALID_UTF8 && !output_failure(st))
            oracle_fail("fast_workbook_add_hyperlink(%s) without a URI scheme returned %d", show(url, n), st);
        if (u->sticky == FAST_OK && st == FAST_ERROR_INVALID_ARGUMENT && !scheme && cur && n > 0 &&
            !strstr(fast_workbook_error_message(u->wb), "fast_workbook_add_internal_link()") &&
            !strstr(fast_workbook_error_message(u->wb), "URL"))
            oracle_fail("fast_workbook_add_hyperlink(%s): the message does not name fast_workbook_add_internal_link(): %s",
                        show(url, n), fast_workbook_error_message(u->wb));
        if (u->sticky == FAST_OK && st == FAST_OK) {
            if (!cur)
                oracle_fail("fast_workbook_add_hyperlink without a worksheet returned FAST_OK");
            cur->links = realloc(cur->links, (cur->nlinks + 1) * sizeof *cur->links);
            if (!cur->links)
                abort();
            struct link *l = &cur->links[cur->nlinks++];
            memset(l, 0, sizeof *l);
            size_t k = col_name(b, l->ref);
            snprintf(l->ref + k, sizeof l->ref - k, "%u", (unsigned)a + 1);
            l->url = url;
            l->len = n;
        }
        break;
    }
    case 6: {
        a = u8(r) % 8 ? u8(r) % 6 : u32(r);
        st = fast_workbook_set_header_rows(u->wb, a);
        fn = "fast_workbook_set_header_rows";
        fast_status want = cur && cur->rows > 0 ? FAST_ERROR_TOO_LATE
                           : a > 100 || a >= m->rows_per_sheet ? FAST_ERROR_INVALID_ARGUMENT
                                                                : FAST_OK;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_workbook_set_header_rows(%u) returned %d, expected %d", a, st, want);
        if (u->sticky == FAST_OK && st == FAST_OK) {
            m->header_rows = a;
            if (cur)
                m->chain_header_rows = a;
        }
        break;
    }
    case 7: {
        a = u8(r) % 8 ? u8(r) % 12 : u32(r);
        st = fast_workbook_set_rows_per_sheet(u->wb, a);
        fn = "fast_workbook_set_rows_per_sheet";
        fast_status want = a >= 1 && a <= FAST_MAX_ROWS && a > m->header_rows ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_workbook_set_rows_per_sheet(%u) returned %d, expected %d", a, st, want);
        if (u->sticky == FAST_OK && st == FAST_OK)
            m->rows_per_sheet = a;
        break;
    }
    default: {
        int p = (int8_t)u8(r) % 3;
        st = fast_workbook_set_row_limit_policy(u->wb, p);
        fn = "fast_workbook_set_row_limit_policy";
        fast_status want = p == 0 || p == 1 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_workbook_set_row_limit_policy(%d) returned %d, expected %d", p, st, want);
        if (u->sticky == FAST_OK && st == FAST_OK)
            m->policy = p;
        break;
    }
    }
    after_call(u, fn, st);
}

static void op_setting(run *u, int which)
{
    reader *r = &u->r;
    fast_status st;
    const char *fn;
    switch (which) {
    case 0: {
        uint8_t sel = u8(r);
        size_t b = sel < 200 ? 4096 + (size_t)u16(r) * (sel % 8) : (size_t)u32(r);
        st = fast_workbook_set_max_buffer_size(u->wb, b);
        fn = "fast_workbook_set_max_buffer_size";
        break;
    }
    case 1:
        st = fast_workbook_set_flush_interval(u->wb, u8(r) % 8);
        fn = "fast_workbook_set_flush_interval";
        break;
    case 2: {
        uint8_t sel = u8(r);
        size_t a = sel & 1 ? u32(r) : u8(r) % 8, b = sel & 2 ? u32(r) : (size_t)u8(r) * (sel % 16);
        st = fast_workbook_set_shared_strings_limit(u->wb, a, b);
        fn = "fast_workbook_set_shared_strings_limit";
        break;
    }
    case 3:
        st = fast_workbook_set_compression_level(u->wb, (int8_t)u8(r) % 12);
        fn = "fast_workbook_set_compression_level";
        break;
    case 4:
        st = fast_workbook_set_cell_references(u->wb, u8(r) & 1);
        fn = "fast_workbook_set_cell_references";
        break;
    case 5: {
        unsigned t = u8(r) % 5;
        st = fast_workbook_set_threads(u->wb, threads_asked(t));
        fn = "fast_workbook_set_threads";
        fast_status want = u->m.nsh ? FAST_ERROR_STATE : FAST_OK;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_workbook_set_threads(%u) returned %d, expected %d", t, st, want);
        break;
    }
    case 6: {
        int p = (int8_t)u8(r) % 6;
        size_t n;
        const char *s = text(r, &u->a, &n);
        st = fast_workbook_set_property(u->wb, p, s, n);
        fn = "fast_workbook_set_property";
        if (u->sticky == FAST_OK && st == FAST_OK) {
            if (p < 0 || p > 3)
                oracle_fail("fast_workbook_set_property(%d) accepted an unknown property", p);
            u->m.prop[p] = s;
            u->m.prop_len[p] = n;
            u->m.prop_set[p] = 1;
        }
        break;
    }
    default:
        st = fast_workbook_set_created_time(u->wb, u8(r) & 1 ? (int64_t)u64(r) : (int64_t)u32(r));
        fn = "fast_workbook_set_created_time";
        break;
    }
    after_call(u, fn, st);
}

/* Many rows of one integer each: enough to reach the rows-per-sheet limit. */
static void op_many_rows(run *u)
{
    reader *r = &u->r;
    size_t count = 1 + u8(r) % 40;
    uint8_t kind = u8(r);
    fast_cells *cells = fast_cells_new(2);
    if (!cells)
        abort();
    for (size_t i = 0; i < count && u->sticky == FAST_OK && u->rows_written < 400; i++, u->rows_written++) {
        mcell mc[2];
        memset(mc, 0, sizeof mc);
        mc[0].type = C_INTEGER;
        mc[0].i64 = (int64_t)i;
        fast_cells_set_integer(cells, 0, (int64_t)i);
        size_t n = 1;
        if (kind & 1) {
            mc[1].type = C_STRING;
            mc[1].s = (kind & 2) ? "repeat" : "x";
            mc[1].slen = strlen(mc[1].s);
            fast_cells_set_string(cells, 1, mc[1].s, mc[1].slen);
            n = 2;
        }
        write_row(u, fast_workbook_write_row(u->wb, cells, n), "fast_workbook_write_row", mc, n);
    }
    fast_cells_free(cells);
}

/* ---- the 0.2 calls ---------------------------------------------------------------------- */

/* A moment of a typed row: some near the ends of the valid range, mostly inside it. */
static int64_t typed_moment(reader *r, int days)
{
    const int64_t day = 86400000;
    int64_t lo = days_since_epoch(1900, 1, 1), hi = days_since_epoch(10000, 1, 1); /* days, [lo, hi) valid */
    uint8_t sel = u8(r);
    switch (sel % 8) {
    case 0: return days ? lo - 1 + sel / 8 % 3 : lo * day - 1 + sel / 8 % 3;
    case 1: return days ? hi - 2 + sel / 8 % 3 : hi * day - 2 + sel / 8 % 3;
    case 2: return days ? days_since_epoch(1900, 2, 28) + sel / 8 % 3 : days_since_epoch(1900, 2, 28) * day + (int64_t)u32(r);
    case 3: return (int64_t)u64(r);
    default:
        if (days)
            return lo + (int64_t)(u32(r) % (uint32_t)(hi - lo));
        return lo * day + (int64_t)(u64(r) % (uint64_t)((hi - lo) * day));
    }
}

/*
 * fast_workbook_write_row_typed() (@packed 0) and fast_workbook_write_row_packed()
 * (@packed 1): the arrays built from the program, some of them NULL, entries
 * that no cell reads filled with garbage.
 */
static void op_row_typed(run *u, int packed)
{
    reader *r = &u->r;
    uint8_t b = u8(r), flags = u8(r);
    size_t n = b == 255 ? FAST_MAX_COLUMNS + 1 : b % 17;
    size_t cap = n ? n : 1;
    uint8_t *types = calloc(cap, 1);
    double *numbers = calloc(cap, sizeof *numbers);
    int64_t *integers = calloc(cap, sizeof *integers);
    const char **texts = calloc(cap, sizeof *texts);
    size_t *lengths = calloc(cap, sizeof *lengths);
    const fast_format **formats = calloc(cap, sizeof *formats);
    mcell *mc = calloc(cap, sizeof *mc);
    char *buf = NULL;
    size_t buf_len = 0;
    if (!types || !numbers || !integers || !texts || !lengths || !formats || !mc)
        abort();
    int no_numbers = flags & 1, no_integers = flags & 2, no_texts = flags & 4, no_lengths = flags & 8;
    int with_formats = flags & 16, no_types = (flags & 0xE0) == 0xE0, bad_total = (flags & 0xE0) == 0xC0;
    for (size_t i = 0; i < n && i < 17; i++) {
        uint8_t t = u8(r);
        types[i] = t < 232 ? t % 8 : t; /* unknown types too */
        numbers[i] = NAN;
        integers[i] = (int64_t)0x5A5A5A5A5A5A5A5AULL;
        texts[i] = "(not read)";
        lengths[i] = 99999;
        mcell *c = &mc[i];
        switch (types[i]) {
        case FAST_TYPE_BLANK: c->type = C_BLANK; break;
        case FAST_TYPE_STRING:
        case FAST_TYPE_FORMULA: {
            size_t len;
            const char *s = text(r, &u->a, &len);
            if (no_lengths && !packed) {
                char *z = arena_alloc(&u->a, len + 1);
                memcpy(z, s, len);
                z[len] = 0;
                s = z;
                len = strlen(z);
            }
            texts[i] = s;
            lengths[i] = len;
            integers[i] = (int64_t)len;
            if (packed) {
                buf = realloc(buf, buf_len + len + 1);
                if (!buf)
                    abort();
                memcpy(buf + buf_len, s, len);
                buf_len += len;
            }
            if (types[i] == FAST_TYPE_STRING) {
                c->type = C_STRING;
                c->s = s;
                c->slen = len;
            } else {
                size_t body = len - (len && s[0] == '=');
                c->type = C_FORMULA;
                c->cached = F_NONE;
                c->s = s + (len - body);
                c->slen = body;
            }
            break;
        }
        case FAST_TYPE_NUMBER: c->type = C_NUMBER; c->num = numbers[i] = dbl(r); break;
        case FAST_TYPE_INTEGER: c->type = C_INTEGER; c->i64 = integers[i] = (int64_t)u64(r); break;
        case FAST_TYPE_BOOLEAN:
            integers[i] = u8(r) & 1 ? (int64_t)u64(r) : 0;
            c->type = C_BOOL;
            c->b = integers[i] != 0;
            break;
        case FAST_TYPE_DATE:
            integers[i] = typed_moment(r, 1);
            c->type = C_MS;
            c->i64 = integers[i] > -(int64_t)1e9 && integers[i] < (int64_t)1e9 ? integers[i] * 86400000 : INT64_MIN;
            break;
        case FAST_TYPE_DATETIME:
            integers[i] = typed_moment(r, 0);
            c->type = C_MS;
            c->i64 = integers[i];
            break;
        default: break;
        }
        if (with_formats) {
            uint8_t fb = u8(r);
            formats[i] = pick_format(u, fb);
            c->fmt = formats[i] ? (int)(fb % (u->nfmt + 1)) + 1 : 0;
        }
    }
    size_t text_len = buf_len;
    if (packed && bad_total && n)
        text_len = buf_len ? buf_len - 1 : 1; /* lengths that do not add up */
    if (packed && bad_total && text_len > buf_len) {
        buf = realloc(buf, 2);
        if (!buf)
            abort();
        buf[0] = 'x';
    }
    /* What the conversion must find first, in column order. */
    fast_status want = FAST_OK;
    size_t bad_col = 0;
    if (no_types && n) {
        want = FAST_ERROR_INVALID_ARGUMENT;
    } else {
        size_t used = 0, last_text = n ? n - 1 : 0;
        for (size_t i = 0; i < n && i <= FAST_MAX_COLUMNS && want == FAST_OK; i++) {
            unsigned t = types[i];
            int missing = 0;
            if (t > 7) {
                want = FAST_ERROR_CELL_TYPE;
            } else if (t == FAST_TYPE_STRING || t == FAST_TYPE_FORMULA) {
                if (packed) {
                    if (no_integers) {
                        missing = 1;
                    } else if ((uint64_t)integers[i] > text_len - used) {
                        want = FAST_ERROR_INVALID_ARGUMENT;
                    } else {
                        used += (size_t)integers[i];
                        last_text = i;
                    }
                } else if (no_texts) {
                    missing = 1;
                }
                if (want == FAST_OK && !missing && t == FAST_TYPE_FORMULA && mc[i].slen == 0)
                    want = FAST_ERROR_CELL_TYPE;
            } else if (t == FAST_TYPE_NUMBER) {
                missing = no_numbers;
            } else if (t != FAST_TYPE_BLANK) {
                missing = no_integers;
            }
            if (missing)
                want = FAST_ERROR_CELL_TYPE;
            if (want != FAST_OK)
                bad_col = i;
        }
        if (want == FAST_OK && packed && used != text_len) {
            want = FAST_ERROR_INVALID_ARGUMENT;
            bad_col = last_text;
        }
    }
    const char *fn = packed ? "fast_workbook_write_row_packed" : "fast_workbook_write_row_typed";
    const uint8_t *tp = no_types ? NULL : types;
    const double *np = no_numbers ? NULL : numbers;
    const int64_t *ip = no_integers ? NULL : integers;
    const fast_format *const *fp = with_formats ? formats : NULL;
    fast_status st = packed ? fast_workbook_write_row_packed(u->wb, tp, np, ip, text_len ? buf : NULL, text_len, fp, n)
                            : fast_workbook_write_row_typed(u->wb, tp, np, ip, no_texts ? NULL : texts,
                                                            no_lengths ? NULL : lengths, fp, n);
    if (u->sticky == FAST_OK && want != FAST_OK) {
        if (st != want && !output_failure(st))
            oracle_fail("%s (%zu cells, flags %02X) returned %d (%s: '%s'), expected %d (%s) for column %zu", fn, n,
                        flags, st, fast_strerror(st), st ? fast_workbook_error_message(u->wb) : "", want,
                        fast_strerror(want), bad_col);
        after_call(u, fn, st);
        if (st == want && !(no_types && n)) {
            char place[32], cn[8];
            col_name((uint32_t)bad_col, cn);
            snprintf(place, sizeof place, ", column %s: ", cn);
            if (!strstr(fast_workbook_error_message(u->wb), place))
                oracle_fail("%s: message '%s' does not name column %s", fn, fast_workbook_error_message(u->wb), cn);
        }
    } else {
        write_row(u, st, fn, mc, n);
    }
    free(types);
    free(numbers);
    free(integers);
    free(texts);
    free(lengths);
    free(formats);
    free(mc);
    free(buf);
}

/* A data validation or conditional format over a random range, its validity predicted:
 * the range, the type, the operator, values, texts and their limits. */
static void op_rules(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    uint8_t sel = u8(r);
    uint32_t a = sel & 1 ? u32(r) : u8(r) % 30, b = u8(r) % 20;
    uint32_t c = sel & 2 ? FAST_LAST_ROW : sel & 4 ? u32(r) : a + u8(r) % 30 - 2;
    uint32_t d = sel & 8 ? u32(r) : b + u8(r) % 5 - 1;
    int range_ok = a < FAST_MAX_ROWS && b < FAST_MAX_COLUMNS && d < FAST_MAX_COLUMNS && d >= b &&
                   (c == FAST_LAST_ROW || (c < FAST_MAX_ROWS && c >= a));
    int ok = 1, data_bar = 0;
    const char *type = NULL, *fn;
    size_t n, chars;
    const char *s;
    fast_status st;
    if (sel & 64 && u->nfmt) { /* strikeout, for cells and dxfs alike */
        if (fast_format_set_strikeout(u->fmt[u8(r) % u->nfmt], u8(r)) != FAST_OK)
            oracle_fail("fast_format_set_strikeout failed");
        m->fmt_changes++;
    }
    if (sel & 16) {
        static const char *const dv_types[] = {"none", "whole", "decimal", "date", "time", "textLength", "list", "custom"};
        int t = u8(r) % 9, op = u8(r) % 9;
        fast_validation *v = fast_validation_new();
        if (!v)
            abort();
        fast_validation_set_type(v, t);
        ok = t <= FAST_VALIDATION_CUSTOM;
        if (t == FAST_VALIDATION_ANY || sel & 32) {
            s = text(r, &u->a, &n);
            fast_validation_set_input_message(v, s, n, NULL, 0);
            ok &= utf8_ok(s, n, &chars) && chars <= 32;
        }
        if (t >= FAST_VALIDATION_WHOLE && t <= FAST_VALIDATION_TEXT_LENGTH) {
            fast_validation_set_operator(v, op);
            double x = dbl(r), y = dbl(r);
            fast_validation_set_number(v, 1, x);
            ok &= op <= FAST_OPERATOR_LESS_THAN_OR_EQUAL && isfinite(x);
            if (op <= FAST_OPERATOR_NOT_BETWEEN) {
                fast_validation_set_number(v, 2, y);
                ok &= isfinite(y);
            }
        } else if (t == FAST_VALIDATION_LIST) {
            size_t items = u8(r) % 4, total = 0;
            for (size_t i = 0; i < items; i++) {
                s = text(r, &u->a, &n);
                fast_validation_add_list_item(v, s, n);
                ok &= utf8_ok(s, n, &chars) && n > 0 && !memchr(s, ',', n);
                total += chars + (i > 0);
            }
            ok &= total <= FAST_MAX_VALIDATION_LIST_CHARS;
            if (!items)
                fast_validation_set_list_range(v, "Lists", 5, "A1:A9", 5);
        } else if (t == FAST_VALIDATION_CUSTOM) {
            fast_validation_set_formula(v, 1, "ISNUMBER(A1)", 12);
        }
        st = fast_workbook_add_validation(u->wb, a, b, c, d, v);
        fast_validation_free(v);
        fn = "fast_workbook_add_validation";
        if (ok)
            type = dv_types[t];
    } else {
        static const char *const cf_types[] = {
            "cellIs", "expression", "top10", "top10", "aboveAverage", "aboveAverage", "duplicateValues",
            "uniqueValues", "containsText", "notContainsText", "beginsWith", "endsWith", "containsBlanks",
            "notContainsBlanks", "containsErrors", "notContainsErrors", "timePeriod", "colorScale", "colorScale",
            "dataBar", "iconSet"};
        int t = u8(r) % 22;
        fast_cond_format *cf = fast_cond_format_new();
        if (!cf)
            abort();
        fast_cond_format_set_type(cf, t);
        ok = t <= FAST_COND_ICON_SET;
        if (t == FAST_COND_CELL) {
            int op = u8(r) % 9;
            double x = dbl(r), y = dbl(r);
            fast_cond_format_set_operator(cf, op);
            fast_cond_format_set_number(cf, 1, x);
            ok &= op <= FAST_OPERATOR_LESS_THAN_OR_EQUAL && isfinite(x);
            if (op <= FAST_OPERATOR_NOT_BETWEEN) {
                fast_cond_format_set_number(cf, 2, y);
                ok &= isfinite(y);
            }
        } else if (t == FAST_COND_EXPRESSION) {
            fast_cond_format_set_formula(cf, 1, "$A1>0", 5);
        } else if ((t == FAST_COND_TOP || t == FAST_COND_BOTTOM) && sel & 32) {
            uint32_t rank = u16(r) % 1100;
            int pct = u8(r) & 1;
            fast_cond_format_set_rank(cf, rank, pct);
            ok &= rank >= 1 && rank <= (pct ? 100u : 1000u);
        } else if (t == FAST_COND_ABOVE_AVERAGE || t == FAST_COND_BELOW_AVERAGE) {
            int sd = u8(r) % 5;
            fast_cond_format_set_std_dev(cf, sd);
            ok &= sd <= 3;
        } else if (t >= FAST_COND_CONTAINS_TEXT && t <= FAST_COND_ENDS_WITH) {
            s = text(r, &u->a, &n);
            fast_cond_format_set_text(cf, s, n);
            ok &= utf8_ok(s, n, &chars) && chars >= 1 && chars <= FAST_MAX_COND_TEXT_CHARS;
        } else if (t == FAST_COND_TIME_PERIOD) {
            int p = u8(r) % 11;
            fast_cond_format_set_time_period(cf, p);
            ok &= p <= FAST_PERIOD_NEXT_MONTH;
        } else if (t == FAST_COND_ICON_SET) {
            int style = u8(r) % 18;
            fast_cond_format_set_icons(cf, style, u8(r) & 1);
            ok &= style <= FAST_ICONS_5_QUARTERS;
        }
        if (t < FAST_COND_COLOR_SCALE_2) {
            fast_cond_format_set_format(cf, pick_format(u, u8(r)));
            fast_cond_format_set_stop_if_true(cf, sel & 128);
        }
        st = fast_workbook_add_cond_format(u->wb, a, b, c, d, cf);
        fast_cond_format_free(cf);
        fn = "fast_workbook_add_cond_format";
        data_bar = t == FAST_COND_DATA_BAR;
        if (ok)
            type = cf_types[t];
    }
    fast_status want = !cur ? FAST_ERROR_STATE : !range_ok || !ok ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
    int same = st == want || (want == FAST_ERROR_INVALID_ARGUMENT &&
                              (st == FAST_ERROR_INVALID_UTF8 || st == FAST_ERROR_NONFINITE_NUMBER));
    if (u->sticky == FAST_OK && !u->closed && !same && !output_failure(st))
        oracle_fail("%s(%u, %u, %u, %u) returned %d ('%s'), expected %d", fn, a, b, c, d, st,
                    fast_workbook_error_message(u->wb), want);
    if (u->sticky == FAST_OK && st == FAST_OK) {
        cur->rules = realloc(cur->rules, (cur->nrules + 1) * sizeof *cur->rules);
        if (!cur->rules)
            abort();
        cur->rules[cur->nrules++] = (struct mrule){(sel & 16) != 0, data_bar, type, {a, b, c, d}};
    }
    after_call(u, fn, st);
}

/* Header and footer codes as Excel reads them, checked apart from the library:
 * after '&' a letter of the set, digits, a quoted font, K with a colour, && or &+/&-. */
static int hf_codes_ok(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&')
            continue;
        if (i + 1 == n)
            return 0;
        char c = s[++i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && s[j] != '"')
                j++;
            if (j == n)
                return 0;
            i = j;
        } else if (c == 'K') {
            size_t h = 0;
            while (h < 6 && i + 1 + h < n && isxdigit((unsigned char)s[i + 1 + h]))
                h++;
            if (h == 6)
                i += 6;
            else if (h >= 2 && i + 3 < n && (s[i + 3] == '+' || s[i + 3] == '-'))
                i += 2;
            else
                return 0;
        } else if (!(c >= '0' && c <= '9') && !(c && strchr("LCRPNDTFAZGBIUESXYOH&+-", c))) {
            return 0;
        }
    }
    return 1;
}

/* Page setup, page breaks, the odd footer and ignored errors. */
static void op_print(run *u)
{
    reader *r = &u->r;
    msheet *cur = u->m.nsh ? &u->m.sh[u->m.nsh - 1] : NULL;
    uint8_t sel = u8(r);
    fast_status st, want;
    const char *fn;
    switch (sel % 12) {
    case 6: { /* margins: finite, 0..49 inches */
        double v[6];
        int good = 1;
        for (int i = 0; i < 6; i++) {
            v[i] = sel & 16 ? dbl(r) : u8(r) / 10.0;
            good &= v[i] >= 0 && v[i] <= 49;
        }
        st = fast_workbook_set_margins(u->wb, v[0], v[1], v[2], v[3], v[4], v[5]);
        fn = "fast_workbook_set_margins";
        want = !cur ? FAST_ERROR_STATE : good ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
            cur->has_margins = 1;
            memcpy(cur->margins, v, sizeof v);
        }
        break;
    }
    case 7: { /* print area, title rows and columns */
        uint32_t a = sel & 16 ? u32(r) : u8(r) % 30, b = u8(r) % 20, c = sel & 32 ? FAST_LAST_ROW : a + u8(r) % 9 - 1;
        uint32_t d = b + u8(r) % 5 - 1;
        int k = u8(r) % 3;
        fn = k == 0 ? "fast_workbook_set_print_area" : k == 1 ? "fast_workbook_set_print_title_rows"
                                                              : "fast_workbook_set_print_title_columns";
        st = k == 0 ? fast_workbook_set_print_area(u->wb, a, b, c, d)
             : k == 1 ? fast_workbook_set_print_title_rows(u->wb, a, c)
                      : fast_workbook_set_print_title_columns(u->wb, b, d);
        int good = k == 0 ? a < FAST_MAX_ROWS && d < FAST_MAX_COLUMNS && d >= b &&
                                (c == FAST_LAST_ROW || (c < FAST_MAX_ROWS && c >= a))
                   : k == 1 ? a == FAST_NO_TITLES || (c < FAST_MAX_ROWS && c >= a)
                            : d < FAST_MAX_COLUMNS && d >= b;
        want = !cur ? FAST_ERROR_STATE : good ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
            if (k == 0) {
                cur->has_area = 1;
                cur->area[0] = a, cur->area[1] = b, cur->area[2] = c, cur->area[3] = d;
            } else if (k == 1) {
                cur->has_trows = a != FAST_NO_TITLES;
                cur->trows[0] = a, cur->trows[1] = c;
            } else {
                cur->has_tcols = 1;
                cur->tcols[0] = b, cur->tcols[1] = d;
            }
        }
        break;
    }
    case 8: { /* paper, first page number, print options */
        uint32_t v = sel & 16 ? u16(r) : u8(r);
        int k = u8(r) % 3, o = u8(r) % 9;
        fn = k == 0 ? "fast_workbook_set_paper_size" : k == 1 ? "fast_workbook_set_first_page_number"
                                                              : "fast_workbook_set_print_option";
        st = k == 0 ? fast_workbook_set_paper_size(u->wb, v)
             : k == 1 ? fast_workbook_set_first_page_number(u->wb, v)
                      : fast_workbook_set_print_option(u->wb, o, (int)(v & 1));
        int good = k == 0 ? v <= 118 : k == 1 ? v <= 32767 : o >= 1 && o <= 7;
        want = !cur ? FAST_ERROR_STATE : good ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (k == 0 && want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK)
            cur->paper = v;
        break;
    }
    case 9: { /* sheet state: the first sheet stays visible; before the first row */
        int v = u8(r) % 4;
        st = fast_workbook_set_sheet_state(u->wb, v);
        fn = "fast_workbook_set_sheet_state";
        want = !cur ? FAST_ERROR_STATE : cur->rows ? FAST_ERROR_TOO_LATE
               : v > 2 || (v != 0 && (u->m.nsh == 1 || u->m.active == u->m.nsh)) ? FAST_ERROR_INVALID_ARGUMENT
                                                                                 : FAST_OK;
        /* A sheet the library matched as the active one where the model cannot tell. */
        if (want == FAST_OK && v != 0 && u->m.active_unknown && st == FAST_ERROR_INVALID_ARGUMENT &&
            strstr(fast_workbook_error_message(u->wb), "is the active sheet"))
            want = st;
        if (st == FAST_OK && want == FAST_OK && u->sticky == FAST_OK)
            cur->state = v;
        break;
    }
    case 10: { /* tab colour, zoom, default row height, gridlines, right-to-left */
        int k = u8(r) % 5;
        uint32_t v = u32(r);
        double h = dbl(r);
        fn = k == 0 ? "fast_workbook_set_tab_color" : k == 1 ? "fast_workbook_set_zoom"
             : k == 2 ? "fast_workbook_set_default_row_height" : k == 3 ? "fast_workbook_set_gridlines_shown"
                                                                       : "fast_workbook_set_right_to_left";
        int32_t rgb = (v & 0x80000000u) ? (int32_t)v : (int32_t)(v % 0x1000003u) - 1;
        uint32_t zoom = v % 420;
        st = k == 0 ? fast_workbook_set_tab_color(u->wb, rgb) : k == 1 ? fast_workbook_set_zoom(u->wb, zoom)
             : k == 2 ? fast_workbook_set_default_row_height(u->wb, h)
             : k == 3 ? fast_workbook_set_gridlines_shown(u->wb, (int)(v & 1))
                      : fast_workbook_set_right_to_left(u->wb, (int)(v & 1));
        int good = k == 0 ? rgb >= -1 && rgb <= 0xFFFFFF : k == 1 ? zoom >= 10 && zoom <= 400
                   : k == 2 ? h > 0 && h <= 409 : 1;
        want = !cur ? FAST_ERROR_STATE : cur->rows ? FAST_ERROR_TOO_LATE : good ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        break;
    }
    case 11: { /* sheet protection (password: printable ASCII, at most 255) or the structure */
        size_t n;
        const char *pw = text(r, &u->a, &n);
        unsigned allow = u16(r);
        int good = n <= 255;
        for (size_t i = 0; i < n; i++)
            good &= pw[i] >= 0x20 && pw[i] <= 0x7E;
        if (sel & 16) {
            st = fast_workbook_protect_structure(u->wb, pw, n);
            fn = "fast_workbook_protect_structure";
            want = good ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
                u->m.lock_structure = 1;
                u->m.structure_hash = password_hash(pw, n);
            }
        } else {
            st = fast_workbook_protect_sheet(u->wb, pw, n, allow);
            fn = "fast_workbook_protect_sheet";
            want = !cur ? FAST_ERROR_STATE : good && allow < (1u << 15) ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
                cur->protect = 1;
                cur->allow = allow;
                cur->pw_hash = password_hash(pw, n);
            }
        }
        break;
    }
    case 0: {
        int o = u8(r) % 4;
        st = fast_workbook_set_page_orientation(u->wb, o);
        fn = "fast_workbook_set_page_orientation";
        want = !cur ? FAST_ERROR_STATE : o == FAST_PORTRAIT || o == FAST_LANDSCAPE ? FAST_OK
                                                                                   : FAST_ERROR_INVALID_ARGUMENT;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK)
            cur->orient = o;
        break;
    }
    case 1: {
        uint32_t v = sel & 8 ? u16(r) : u8(r) + 5u;
        st = fast_workbook_set_print_scale(u->wb, v);
        fn = "fast_workbook_set_print_scale";
        want = !cur ? FAST_ERROR_STATE : v == 0 || (v >= 10 && v <= 400) ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK)
            cur->scale = v;
        break;
    }
    case 2: {
        uint32_t w = u8(r) % 3, t = u8(r) % 3;
        st = fast_workbook_set_fit_to_pages(u->wb, w, t);
        fn = "fast_workbook_set_fit_to_pages";
        want = !cur ? FAST_ERROR_STATE : cur->rows ? FAST_ERROR_TOO_LATE : FAST_OK;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
            cur->fit = w || t;
            cur->fit_w = w;
            cur->fit_t = t;
        }
        break;
    }
    case 3: {
        uint32_t at = sel & 8 ? u32(r) : u8(r) % 40;
        st = fast_workbook_add_page_break(u->wb, FAST_BREAK_ROW, at);
        fn = "fast_workbook_add_page_break";
        int dup = 0;
        for (size_t i = 0; cur && i < cur->nbreaks; i++)
            dup |= cur->breaks[i] == at;
        want = !cur ? FAST_ERROR_STATE
               : at == 0 || at >= FAST_MAX_ROWS || (!dup && cur->nbreaks == 1023) ? FAST_ERROR_INVALID_ARGUMENT
                                                                                 : FAST_OK;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK && !dup)
            cur->breaks[cur->nbreaks++] = at;
        break;
    }
    case 4: {
        size_t n, chars = 0;
        const char *t = text(r, &u->a, &n);
        st = fast_workbook_set_header_footer(u->wb, FAST_FOOTER_ODD, t, n);
        fn = "fast_workbook_set_header_footer";
        int good = utf8_ok(t, n, &chars);
        want = !cur ? FAST_ERROR_STATE
               : !good ? FAST_ERROR_INVALID_UTF8
               : chars > 255 || !hf_codes_ok(t, n) ? FAST_ERROR_INVALID_ARGUMENT
                                                   : FAST_OK;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
            cur->footer = n ? t : NULL;
            cur->footer_len = n;
        }
        break;
    }
    default: {
        uint32_t a = sel & 8 ? u32(r) : u8(r) % 30, b = u8(r) % 20;
        uint32_t c = sel & 16 ? FAST_LAST_ROW : sel & 32 ? u32(r) : a + u8(r) % 30 - 2;
        uint32_t d = sel & 64 ? u32(r) : b + u8(r) % 5 - 1;
        unsigned kinds = u16(r) % 0x240;
        st = fast_workbook_ignore_errors(u->wb, a, b, c, d, kinds);
        fn = "fast_workbook_ignore_errors";
        int range_ok = a < FAST_MAX_ROWS && b < FAST_MAX_COLUMNS && d < FAST_MAX_COLUMNS && d >= b &&
                       (c == FAST_LAST_ROW || (c < FAST_MAX_ROWS && c >= a));
        want = !cur ? FAST_ERROR_STATE
               : !range_ok || kinds == 0 || kinds >= 0x200 ? FAST_ERROR_INVALID_ARGUMENT
                                                           : FAST_OK;
        if (want == FAST_OK && st == FAST_OK && u->sticky == FAST_OK) {
            cur->ign = realloc(cur->ign, (cur->nign + 1) * sizeof *cur->ign);
            if (!cur->ign)
                abort();
            cur->ign[cur->nign++] = (struct mign){{a, b, c, d}, kinds};
        }
        break;
    }
    }
    if (u->sticky == FAST_OK && !u->closed && st != want && !output_failure(st))
        oracle_fail("%s returned %d ('%s'), expected %d", fn, st, st ? fast_workbook_error_message(u->wb) : "",
                    want);
    after_call(u, fn, st);
}

/* fast_workbook_set_active_sheet(): a sheet's name (in other case, or of a continuation to come), one of a few
 * names, NULL (with or without a length) or any text. */
static void op_active_sheet(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    uint8_t sel = u8(r);
    const char *name = NULL;
    size_t len = 0;
    static const char *const few[] = {"Sheet1", "sheet2", "SHEET3", "Data", "data (2)", "Sheet1 (2)"};
    switch (sel % 4) {
    case 0:
        len = sel & 4 ? 1 + u8(r) % 4 : 0;
        break;
    case 1:
        if (m->nsh) {
            const msheet *s = &m->sh[u8(r) % m->nsh];
            char *c = arena_alloc(&u->a, s->name_len + 8);
            memcpy(c, s->name, s->name_len);
            len = s->name_len;
            for (size_t i = 0; sel & 8 && i < len; i++)
                if (isalpha((unsigned char)c[i]))
                    c[i] ^= 0x20;
            if (sel & 16) {
                memcpy(c + len, " (2)", 4);
                len += 4;
            }
            name = c;
            break;
        }
        /* fall through */
    case 2:
        name = few[u8(r) % 6];
        len = strlen(name);
        break;
    default:
        name = text(r, &u->a, &len);
        break;
    }
    fast_status st = fast_workbook_set_active_sheet(u->wb, name, len);
    size_t chars = 0;
    fast_status want = !name && len ? FAST_ERROR_INVALID_ARGUMENT
                       : !utf8_ok(name, len, &chars) ? FAST_ERROR_INVALID_UTF8
                       : chars > FAST_MAX_SHEET_NAME_CHARS ? FAST_ERROR_SHEET_NAME
                       : m->nsh > 1 || (m->nsh == 1 && m->sh[0].rows) ? FAST_ERROR_TOO_LATE
                                                                      : FAST_OK;
    if (u->sticky == FAST_OK && !u->closed && st != want && !output_failure(st))
        oracle_fail("fast_workbook_set_active_sheet('%s') returned %d ('%s'), expected %d",
                    name ? show(name, len) : "(NULL)", st, st ? fast_workbook_error_message(u->wb) : "", want);
    if (st == FAST_OK && want == FAST_OK && u->sticky == FAST_OK && !u->closed) {
        if (len)
            memcpy(m->active_name, name, len);
        m->active_len = len;
        m->active = 0;
        m->active_unknown = 0;
        if (m->nsh)
            md_try_active(m, 0);
    }
    after_call(u, "fast_workbook_set_active_sheet", st);
}

static void op_column_format(run *u)
{
    reader *r = &u->r;
    msheet *cur = u->m.nsh ? &u->m.sh[u->m.nsh - 1] : NULL;
    uint8_t sel = u8(r);
    uint32_t a = sel & 1 ? u16(r) % 16400 : u8(r) % 30;
    uint32_t b = sel & 2 ? a - u8(r) % 3 : a + u8(r) % 8;
    if ((sel & 12) == 12)
        b = u32(r);
    uint8_t fb = u8(r);
    const fast_format *f = pick_format(u, fb);
    fast_status st = fast_workbook_set_column_format(u->wb, a, b, f);
    fast_status want = !cur ? FAST_ERROR_STATE
                       : cur->rows ? FAST_ERROR_TOO_LATE
                       : a > b || b >= FAST_MAX_COLUMNS ? FAST_ERROR_INVALID_ARGUMENT
                                                        : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_workbook_set_column_format(%u, %u) returned %d ('%s'), expected %d", a, b, st,
                    st ? fast_workbook_error_message(u->wb) : "", want);
    after_call(u, "fast_workbook_set_column_format", st);
    if (u->sticky == FAST_OK && st == FAST_OK) {
        cur->colfmts = realloc(cur->colfmts, (cur->ncolfmts + 1) * sizeof *cur->colfmts);
        if (!cur->colfmts)
            abort();
        cur->colfmts[cur->ncolfmts++] = (struct colf){a, b, f ? (int)(fb % (u->nfmt + 1)) + 1 : 0};
    }
}

static void op_internal_link(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    static const char *const names[] = {"Data", "My Sheet", "Bob's", "A1", "xfd7", "R1C1", "rc", "C", "TRUE",
                                        "false", "1abc", ".x", "_x.1", "ABCD1", "R1C1x", "Sheet2", "a'b''c"};
    static const char *const targets[] = {"B7", "$A$1", "a1:c10", "XFD1048576", "XFE1", "A0", "A1048577", "A01",
                                          "C3:A1", "$B$2:$c$3", "A1:", "1A", "$$A1", "A$$1", "AB12:CD34"};
    uint32_t row = u8(r) & 1 ? u32(r) : u8(r) % 30, col = u8(r) % 30;
    uint8_t sel = u8(r);
    const char *sheet = NULL, *target = NULL;
    size_t slen = 0, tlen = 0;
    switch (sel % 4) {
    case 0: break;
    case 1: sheet = names[u8(r) % (sizeof names / sizeof names[0])]; slen = strlen(sheet); break;
    case 2: sheet = text(r, &u->a, &slen); break;
    default:
        if (cur) {
            sheet = cur->name;
            slen = cur->name_len;
        }
        break;
    }
    switch (sel / 4 % 4) {
    case 0: break;
    case 1: target = targets[u8(r) % (sizeof targets / sizeof targets[0])]; tlen = strlen(target); break;
    case 2: target = text(r, &u->a, &tlen); break;
    default: {
        char *t = arena_alloc(&u->a, 24);
        char cn[8];
        col_name(u16(r) % 16400, cn);
        tlen = (size_t)snprintf(t, 24, "%s%s%u", sel & 64 ? "$" : "", cn, (unsigned)(u8(r) % 4 ? u8(r) : u32(r) % 1048580));
        target = t;
        break;
    }
    }
    int own = !sheet;
    fast_status st = fast_workbook_add_internal_link(u->wb, row, col, sheet, slen, target, tlen);
    /* The prediction, in the documented order of the checks. */
    fast_status want = FAST_OK;
    char ref[64] = "A1";
    size_t chars;
    if (!cur) {
        want = FAST_ERROR_STATE;
    } else if (row >= FAST_MAX_ROWS || col >= FAST_MAX_COLUMNS) {
        want = FAST_ERROR_INVALID_ARGUMENT;
    } else {
        const char *sn = sheet ? sheet : cur->name;
        size_t sl = sheet ? slen : cur->name_len;
        int bad = 0;
        for (size_t i = 0; i < sl; i++) {
            unsigned char c = (unsigned char)sn[i];
            if (c < 0x20 || c == 0x7F || (c && strchr(":\\/?*[]", c)) ||
                (c == 0xEF && i + 2 < sl && (unsigned char)sn[i + 1] == 0xBF && ((unsigned char)sn[i + 2] & 0xFE) == 0xBE))
                bad = 1;
        }
        if (!utf8_ok(sn, sl, &chars))
            want = FAST_ERROR_INVALID_UTF8;
        else if (sl == 0 || chars > FAST_MAX_SHEET_NAME_CHARS || bad || sn[0] == '\'' || sn[sl - 1] == '\'')
            want = FAST_ERROR_SHEET_NAME;
        else if (target && tlen && !range_ref(target, tlen, ref))
            want = FAST_ERROR_INVALID_ARGUMENT;
        if (own && !cur->name_known && want != FAST_OK)
            want = st; /* a name the model does not know: its checks cannot be predicted */
    }
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_workbook_add_internal_link(%u, %u, '%s', '%s') returned %d ('%s'), expected %d", row, col,
                    sheet ? show(sheet, slen) : "(NULL)", target ? show(target, tlen) : "(NULL)", st,
                    st ? fast_workbook_error_message(u->wb) : "", want);
    after_call(u, "fast_workbook_add_internal_link", st);
    if (u->sticky == FAST_OK && st == FAST_OK) {
        cur->links = realloc(cur->links, (cur->nlinks + 1) * sizeof *cur->links);
        if (!cur->links)
            abort();
        struct link *l = &cur->links[cur->nlinks++];
        memset(l, 0, sizeof *l);
        size_t k = col_name(col, l->ref);
        snprintf(l->ref + k, sizeof l->ref - k, "%u", (unsigned)row + 1);
        l->internal = 1;
        l->own_sheet = own;
        if (own)
            snprintf(l->loc, sizeof l->loc, "%s", ref);
        else
            sheet_location(sheet, slen, ref, l->loc, sizeof l->loc);
    }
}

/* fast_workbook_abandon(): sticky FAST_ERROR_ABANDONED unless the workbook already failed. */
static void op_abandon(run *u)
{
    reader *r = &u->r;
    if (u8(r) % 4)
        return;
    size_t n;
    const char *reason = text(r, &u->a, &n);
    if (u8(r) & 1) {
        reason = NULL;
        n = 0;
    }
    fast_status st = fast_workbook_abandon(u->wb, reason, n);
    if (g_trace)
        fprintf(stderr, "  fast_workbook_abandon -> %d: %s\n", st, fast_workbook_error_message(u->wb));
    if (u->sticky != FAST_OK) {
        if (st != u->sticky)
            oracle_fail("fast_workbook_abandon returned %d after the sticky failure %d", st, u->sticky);
        return;
    }
    if (st == FAST_ERROR_CALLBACK && u->out->failed) {
        u->sticky = st; /* a failure of the output that was in flight */
        return;
    }
    const char *msg = fast_workbook_error_message(u->wb);
    if (st != FAST_ERROR_ABANDONED || fast_workbook_status(u->wb) != FAST_ERROR_ABANDONED ||
        strncmp(msg, "abandoned: ", 11) != 0)
        oracle_fail("fast_workbook_abandon returned %d, status %d, message '%s'", st, fast_workbook_status(u->wb),
                    msg);
    size_t keep = strnlen(reason ? reason : "", n);
    /* The message has a fixed capacity: a long reason may be cut, but what is there is the reason's start. */
    size_t got = strlen(msg) - 11;
    if (is_ascii(reason ? reason : "", keep) &&
        (got > keep || (got < keep && got < 200) || (got && memcmp(msg + 11, reason, got) != 0)))
        oracle_fail("fast_workbook_abandon: message '%s' for the reason '%s'", msg, show(reason, n));
    u->sticky = FAST_ERROR_ABANDONED;
}

static void op_row_memory_limit(run *u)
{
    reader *r = &u->r;
    uint8_t sel = u8(r);
    size_t bytes = sel % 4 == 0 ? 65535 : sel % 4 == 1 ? 65536 + (size_t)u16(r) : sel % 4 == 2 ? u32(r) : (size_t)u16(r) * 4;
    fast_status st = fast_workbook_set_row_memory_limit(u->wb, bytes);
    fast_status want = bytes >= 65536 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_workbook_set_row_memory_limit(%zu) returned %d, expected %d", bytes, st, want);
    after_call(u, "fast_workbook_set_row_memory_limit", st);
    if (u->sticky == FAST_OK && st == FAST_OK)
        u->m.mem_limit = bytes;
}

/* Images: a PNG or GIF header of chosen size, or fuzzed bytes, at a cell; the setters.
 * Predicted: the state, the cell, the header (for the made ones), the memory cap. */
/* Charts: a type (some unknown), a cell, a series over rows of the current sheet,
 * a title, a legend position (some unknown), data labels, number formats. Predicted: the state, the cell and type, the rows and columns, the text. */
static void op_chart(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    int type = u8(r) % 14;
    uint32_t row = u8(r), col = u8(r) & 1 ? u32(r) % 20000 : u8(r);
    fast_chart *ch = NULL;
    fast_status st = fast_workbook_add_chart(u->wb, row, col, type, &ch);
    fast_status want = !cur ? FAST_ERROR_STATE
                       : col >= FAST_MAX_COLUMNS || type < FAST_CHART_COLUMN || type > FAST_CHART_AREA
                           ? FAST_ERROR_INVALID_ARGUMENT
                           : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_workbook_add_chart(%u, %u, %d) returned %d, expected %d", row, col, type, st, want);
    after_call(u, "fast_workbook_add_chart", st);
    if (u->sticky != FAST_OK || st != FAST_OK)
        return;
    cur->nimages++; /* in the drawing part, as images are */
    m->ch = realloc(m->ch, (m->nch + 1) * sizeof *m->ch);
    if (!m->ch)
        abort();
    struct mchart *mc = &m->ch[m->nch++];
    memset(mc, 0, sizeof *mc);
    mc->sheet = m->nsh - 1;
    mc->type = type;
    mc->grid[1] = 1; /* the value axis' major gridlines by default */
    u->chart = ch;
    uint32_t r1 = u8(r), r2 = u8(r) & 1 ? FAST_LAST_ROW : u8(r), vc = u8(r) & 7 ? u8(r) : u32(r);
    uint32_t cc = u8(r) & 1 ? FAST_CHART_NO_CATEGORIES : u8(r);
    st = fast_chart_add_series(ch, NULL, 0, r1, r2, cc, vc);
    want = (r2 != FAST_LAST_ROW && r2 < r1) || vc >= FAST_MAX_COLUMNS ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_chart_add_series(%u, %u, %u, %u) returned %d, expected %d", r1, r2, cc, vc, st, want);
    after_call(u, "fast_chart_add_series", st);
    size_t nser = st == FAST_OK; /* series added: 0 or 1 */
    size_t tl;
    const char *t = text(r, &u->a, &tl);
    size_t chars;
    st = fast_chart_set_title(ch, t, tl);
    int ctrl = 0;
    for (size_t i = 0; i < tl; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c < 0x20 && c != 9 && c != 10 && c != 13) || c == 0x7F ||
            (c == 0xEF && i + 2 < tl && (unsigned char)t[i + 1] == 0xBF && ((unsigned char)t[i + 2] & 0xFE) == 0xBE))
            ctrl = 1;
    }
    want = tl == 0 ? FAST_ERROR_INVALID_ARGUMENT
           : !utf8_ok(t, tl, &chars) ? FAST_ERROR_INVALID_UTF8
           : ctrl || chars > 255 ? FAST_ERROR_INVALID_ARGUMENT
                                 : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_chart_set_title('%s') returned %d, expected %d", show(t, tl), st, want);
    after_call(u, "fast_chart_set_title", st);
    int legend = (int)(u8(r) % 9) - 1; /* -1 and 6, 7: unknown */
    st = fast_chart_set_legend(ch, legend);
    want = legend < FAST_CHART_LEGEND_RIGHT || legend > FAST_CHART_LEGEND_NONE ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_chart_set_legend(%d) returned %d, expected %d", legend, st, want);
    after_call(u, "fast_chart_set_legend", st);
    size_t sk = u8(r) % 3;
    unsigned labels = u8(r) % 20; /* 16..19: an unknown bit */
    st = fast_chart_set_series_labels(ch, sk, labels);
    int pie = type == FAST_CHART_PIE || type == FAST_CHART_DOUGHNUT;
    want = sk >= nser || labels > 15 || ((labels & 8) && !pie) ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_chart_set_series_labels(%zu, 0x%X) on type %d returned %d, expected %d", sk, labels, type,
                    st, want);
    after_call(u, "fast_chart_set_series_labels", st);
    static const char *const fmts[4] = {"", "0.0", "#,##0 \"<&>\"", "0%"};
    uint8_t fs = u8(r);
    const char *f = fmts[fs % 4];
    st = fast_chart_set_value_axis_number_format(ch, f, strlen(f));
    want = !*f || pie ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_chart_set_value_axis_number_format('%s') on type %d returned %d, expected %d", f, type, st,
                    want);
    after_call(u, "fast_chart_set_value_axis_number_format", st);
    f = fmts[(fs >> 2) % 4];
    st = fast_chart_set_series_labels_number_format(ch, sk, f, strlen(f));
    want = !*f || sk >= nser ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_chart_set_series_labels_number_format(%zu, '%s') returned %d, expected %d", sk, f, st, want);
    after_call(u, "fast_chart_set_series_labels_number_format", st);
}

static int has_controls(const char *s, size_t n);

/* Axis options of the last chart added: titles (fixed texts, some refused), ranges (some NaN,
 * infinite or reversed), major gridlines (some values refused), on either axis or an unknown one.
 * Predicted: the sheet ended (too late), no axes (pie, doughnut), the axis, the text, the range, the
 * flag; the model takes only what returned FAST_OK, and check_charts() reads it back. */
static void op_chart_axes(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    if (!u->chart)
        return;
    struct mchart *mc = &m->ch[m->nch - 1];
    int late = mc->sheet != m->nsh - 1, pie = mc->type == FAST_CHART_PIE || mc->type == FAST_CHART_DOUGHNUT;
    static char long_title[257], euros[255 * 3 + 1];
    if (!long_title[0]) {
        memset(long_title, 'x', 256);
        for (int i = 0; i < 255; i++)
            memcpy(euros + 3 * i, "\xE2\x82\xAC", 3);
    }
    static const char *const titles[8] = {"", "Units", "a & <b> \"q\" 'x'", "\xC3\xA9t\xC3\xA9\tx", "bad\xC3",
                                          "c\x01", long_title, euros};
    static const double nums[8] = {0, 1, -2.5, 1e6, 0.1, 7, NAN, INFINITY};
    for (int calls = 1 + u8(r) % 3; calls > 0; calls--) {
        uint8_t sel = u8(r);
        int axis = sel % 8 == 7 ? (int)(sel >> 3) % 5 - 1 : sel % 2; /* -1..3 now and then */
        int bad_axis = axis != FAST_CHART_AXIS_CATEGORY && axis != FAST_CHART_AXIS_VALUE;
        fast_status st, want = late ? FAST_ERROR_TOO_LATE : pie || bad_axis ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
        const char *fn;
        switch (sel / 8 % 3) {
        case 0: {
            uint8_t k = u8(r) % 8;
            const char *t = titles[k];
            size_t tl = strlen(t), chars = 0;
            fn = "fast_chart_set_axis_title";
            st = fast_chart_set_axis_title(u->chart, axis, t, tl);
            if (want == FAST_OK)
                want = tl == 0 ? FAST_ERROR_INVALID_ARGUMENT
                       : !utf8_ok(t, tl, &chars) ? FAST_ERROR_INVALID_UTF8
                       : has_controls(t, tl) || chars > 255 ? FAST_ERROR_INVALID_ARGUMENT
                                                            : FAST_OK;
            if (u->sticky == FAST_OK && st != want && !output_failure(st))
                oracle_fail("%s(%d, '%s') on type %d returned %d ('%s'), expected %d", fn, axis, show(t, tl),
                            mc->type, st, st ? fast_workbook_error_message(u->wb) : "", want);
            if (u->sticky == FAST_OK && st == FAST_OK) {
                mc->title[axis] = t;
                mc->tlen[axis] = tl;
            }
            break;
        }
        case 1: {
            uint8_t k = u8(r);
            double lo = nums[k % 8], hi = nums[k / 8 % 8];
            fn = "fast_chart_set_axis_range";
            st = fast_chart_set_axis_range(u->chart, axis, lo, hi);
            if (want == FAST_OK)
                want = axis == FAST_CHART_AXIS_CATEGORY && mc->type != FAST_CHART_SCATTER ? FAST_ERROR_INVALID_ARGUMENT
                       : isnan(lo) || isnan(hi) || isinf(lo) || isinf(hi) || lo >= hi ? FAST_ERROR_INVALID_ARGUMENT
                                                                                    : FAST_OK;
            if (u->sticky == FAST_OK && st != want && !output_failure(st))
                oracle_fail("%s(%d, %g, %g) on type %d returned %d ('%s'), expected %d", fn, axis, lo, hi, mc->type,
                            st, st ? fast_workbook_error_message(u->wb) : "", want);
            if (u->sticky == FAST_OK && st == FAST_OK) {
                mc->ranged[axis] = 1;
                mc->min[axis] = lo;
                mc->max[axis] = hi;
            }
            break;
        }
        default: {
            int shown = (int)(u8(r) % 4) - 1; /* -1 and 2: refused */
            fn = "fast_chart_set_axis_gridlines";
            st = fast_chart_set_axis_gridlines(u->chart, axis, shown);
            if (want == FAST_OK && shown != 0 && shown != 1)
                want = FAST_ERROR_INVALID_ARGUMENT;
            if (u->sticky == FAST_OK && st != want && !output_failure(st))
                oracle_fail("%s(%d, %d) on type %d returned %d ('%s'), expected %d", fn, axis, shown, mc->type, st,
                            st ? fast_workbook_error_message(u->wb) : "", want);
            if (u->sticky == FAST_OK && st == FAST_OK)
                mc->grid[axis] = shown;
            break;
        }
        }
        after_call(u, fn, st);
    }
}

static void op_image(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    uint8_t sel = u8(r);
    if (sel >= 0xC0) {
        op_chart(u);
        return;
    }
    uint32_t row = sel & 1 ? u32(r) : u8(r), col = sel & 2 ? u32(r) % 20000 : u8(r);
    unsigned char buf[64];
    const unsigned char *d = buf;
    size_t n = 0;
    uint32_t w = u8(r) % 4 == 0 ? u32(r) % 2000001 : (uint32_t)u8(r);
    uint32_t h = 1 + u8(r);
    int valid = w >= 1 && w <= 1000000, known = 1;
    switch (sel / 4 % 4) {
    case 0: /* PNG: signature, IHDR, IEND */
        memcpy(buf, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
        for (int i = 0; i < 4; i++) {
            buf[16 + i] = (unsigned char)(w >> (24 - 8 * i));
            buf[20 + i] = (unsigned char)(h >> (24 - 8 * i));
        }
        memcpy(buf + 24, "\x08\x06\0\0\0\0\0\0\0\0\0\0\0IEND\0\0\0\0", 21);
        n = 45;
        break;
    case 1: /* GIF: 16-bit sizes */
        w &= 0xFFFF;
        valid = w >= 1;
        memcpy(buf, "GIF89a", 6);
        buf[6] = (unsigned char)w;
        buf[7] = (unsigned char)(w >> 8);
        buf[8] = (unsigned char)h;
        buf[9] = (unsigned char)(h >> 8); /* h is 1..256 */
        n = 10;
        break;
    case 2: /* cut short */
        memcpy(buf, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
        n = u8(r) % 17;
        valid = 0; /* too short for a PNG header, or no known signature */
        break;
    default:
        d = (const unsigned char *)text(r, &u->a, &n);
        known = 0;
        break;
    }
    fast_image *img = NULL;
    fast_status st = fast_workbook_add_image(u->wb, row, col, d, n, &img);
    fast_status want = !cur ? FAST_ERROR_STATE
                       : row >= FAST_MAX_ROWS || col >= FAST_MAX_COLUMNS || !valid ? FAST_ERROR_INVALID_ARGUMENT
                                                                                : FAST_OK;
    if (!known && cur && row < FAST_MAX_ROWS && col < FAST_MAX_COLUMNS)
        want = st == FAST_OK ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT; /* fuzzed bytes: accepted or refused */
    if (u->sticky == FAST_OK && st != want && !output_failure(st) && st != FAST_ERROR_MEMORY_LIMIT)
        oracle_fail("fast_workbook_add_image(%u, %u, %zu bytes) returned %d ('%s'), expected %d", row, col, n, st,
                    st ? fast_workbook_error_message(u->wb) : "", want);
    after_call(u, "fast_workbook_add_image", st);
    if (u->sticky != FAST_OK || st != FAST_OK)
        return;
    cur->nimages++;
    uint8_t set = u8(r);
    if (set & 1) {
        double x = (u8(r) % 5) * 0.75, y = 1;
        st = fast_image_set_scale(img, x, y);
        want = x > 0 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_image_set_scale(%g, %g) returned %d, expected %d", x, y, st, want);
        after_call(u, "fast_image_set_scale", st);
    }
    if (set & 2) {
        uint32_t x = u8(r) & 1 ? u32(r) : u8(r), y = u8(r);
        st = fast_image_set_offset(img, x, y);
        want = x <= 100000 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_image_set_offset(%u, %u) returned %d, expected %d", x, y, st, want);
        after_call(u, "fast_image_set_offset", st);
    }
    if (set & 4) {
        size_t tl;
        const char *t = text(r, &u->a, &tl);
        size_t chars;
        st = fast_image_set_description(img, t, tl);
        int ctrl = 0;
        for (size_t i = 0; i < tl; i++) {
            unsigned char c = (unsigned char)t[i];
            if ((c < 0x20 && c != 9 && c != 10 && c != 13) || c == 0x7F ||
                (c == 0xEF && i + 2 < tl && (unsigned char)t[i + 1] == 0xBF && ((unsigned char)t[i + 2] & 0xFE) == 0xBE))
                ctrl = 1;
        }
        want = !utf8_ok(t, tl, &chars) ? FAST_ERROR_INVALID_UTF8
               : ctrl || chars > 65535 ? FAST_ERROR_INVALID_ARGUMENT
                                       : FAST_OK;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_image_set_description('%s') returned %d, expected %d", show(t, tl), st, want);
        after_call(u, "fast_image_set_description", st);
    }
    if (set & 8) {
        size_t bytes = (size_t)u8(r) * 16;
        st = fast_workbook_set_image_memory_limit(u->wb, bytes);
        if (u->sticky == FAST_OK && st != FAST_OK && !output_failure(st))
            oracle_fail("fast_workbook_set_image_memory_limit(%zu) returned %d", bytes, st);
        after_call(u, "fast_workbook_set_image_memory_limit", st);
    }
}

/* An author's characters that no XML text can hold: C0 controls but tab, LF
 * and CR, DEL, U+FFFE and U+FFFF (valid UTF-8 given). */
static int has_controls(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != 9 && c != 10 && c != 13) || c == 0x7F)
            return 1;
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
            return 1;
    }
    return 0;
}

/* fast_workbook_add_note() (and now and then the notes memory limit). */
static void op_note(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    uint8_t sel = u8(r);
    if (sel % 16 == 15) {
        size_t bytes = sel & 16 ? 65535 : 65536 + (size_t)u16(r) * 4;
        fast_status st = fast_workbook_set_notes_memory_limit(u->wb, bytes);
        fast_status want = bytes >= 65536 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("fast_workbook_set_notes_memory_limit(%zu) returned %d, expected %d", bytes, st, want);
        after_call(u, "fast_workbook_set_notes_memory_limit", st);
        if (u->sticky == FAST_OK && st == FAST_OK)
            m->notes_limit = bytes;
        return;
    }
    uint32_t row = sel & 1 ? u32(r) % (FAST_MAX_ROWS + 2) : u8(r) % 40;
    uint32_t col = sel & 2 ? FAST_MAX_COLUMNS - 3 + u8(r) % 4 : u8(r) % 8;
    size_t len, alen = 0, chars, achars = 0;
    const char *t = text(r, &u->a, &len), *a = NULL;
    static const char *const names[] = {"Ann", "Bo Li", "Zo\xc3\xab"};
    if (sel & 4)
        a = text(r, &u->a, &alen);
    else if (sel & 8)
        alen = strlen(a = names[u8(r) % 3]);
    int visible = sel >> 5 & 1;
    uint32_t w = sel & 64 ? u16(r) % 5000 : 0, h = sel & 64 ? u16(r) % 5000 : 0;
    fast_status want = FAST_OK;
    int dup = 0;
    for (size_t i = 0; cur && i < cur->nnotes; i++)
        dup |= cur->notes[i].row == row && cur->notes[i].col == col;
    if (!cur)
        want = FAST_ERROR_STATE;
    else if (row >= m->rows_per_sheet || col >= FAST_MAX_COLUMNS || len == 0)
        want = FAST_ERROR_INVALID_ARGUMENT;
    else if (!utf8_ok(t, len, &chars))
        want = FAST_ERROR_INVALID_UTF8;
    else if (chars > 32767)
        want = FAST_ERROR_STRING_TOO_LONG;
    else if (!utf8_ok(a, alen, &achars))
        want = FAST_ERROR_INVALID_UTF8;
    else if (achars > 255)
        want = FAST_ERROR_STRING_TOO_LONG;
    else if (has_controls(a, alen) || w > 4096 || h > 4096 || dup)
        want = FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = fast_workbook_add_note(u->wb, row, col, t, len, a, alen, visible, w, h);
    /* The limit counts compressed notes, the 64 KiB staged uncompressed, and a duplicate
     * check of 16 bytes a note: notes far below it are never refused. */
    size_t limit = m->notes_limit ? m->notes_limit : 16u << 20;
    int may_be_full = cur && cur->note_bytes + len + alen + 65536 + 64 + (cur->nnotes + 1) * 32 + 16384 > limit;
    if (u->sticky == FAST_OK && st != want && !output_failure(st) &&
        !(want == FAST_OK && st == FAST_ERROR_MEMORY_LIMIT && may_be_full))
        oracle_fail("fast_workbook_add_note(row %u, col %u, %zu bytes, author %zu bytes, %u x %u) returned %d (%s), "
                    "expected %d", (unsigned)row, (unsigned)col, len, alen, (unsigned)w, (unsigned)h, st,
                    fast_workbook_error_message(u->wb), want);
    after_call(u, "fast_workbook_add_note", st);
    if (u->sticky == FAST_OK && st == FAST_OK) {
        struct mnote *p = realloc(cur->notes, (cur->nnotes + 1) * sizeof *p);
        if (!p)
            abort();
        cur->notes = p;
        p[cur->nnotes++] = (struct mnote){row, col, t, a, len, alen};
        cur->note_bytes += len + alen + 32;
    }
}

/*
 * Outlines (opcode 41): the sheet settings before the first row (levels, summary, a column range's outline, with
 * their refusals), or an outlined row (fast_workbook_set_row_outline, then an empty row written through
 * fast_workbook_write_row_strings); check_outline reads them back.
 */
static void op_outline(run *u)
{
    reader *r = &u->r;
    msheet *cur = u->m.nsh ? &u->m.sh[u->m.nsh - 1] : NULL;
    uint8_t sel = u8(r);
    uint8_t a = u8(r), b = u8(r), c = u8(r);
    fast_status st, want;
    const char *fn;
    if (sel % 4 == 0) {
        uint32_t rm = a % 9, cm = b % 9;
        fn = "fast_workbook_set_outline_levels";
        st = fast_workbook_set_outline_levels(u->wb, rm, cm);
        want = !cur ? FAST_ERROR_STATE : cur->rows ? FAST_ERROR_TOO_LATE
               : rm > 7 || cm > 7 ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
        if (u->sticky == FAST_OK && st == FAST_OK && want == FAST_OK) {
            cur->ol.rowmax = rm;
            cur->ol.colmax = cm;
        }
    } else if (sel % 4 == 1) {
        fn = "fast_workbook_set_outline_summary";
        st = fast_workbook_set_outline_summary(u->wb, a & 1, a & 2);
        want = !cur ? FAST_ERROR_STATE : cur->rows ? FAST_ERROR_TOO_LATE : FAST_OK;
        if (u->sticky == FAST_OK && st == FAST_OK && want == FAST_OK) {
            cur->ol.above = !(a & 1);
            cur->ol.left = !(a & 2);
        }
    } else if (sel % 4 == 2) {
        uint32_t first = a % 34, last = sel & 16 ? (uint32_t)FAST_MAX_COLUMNS - 1 + b % 2 : first + b % 6 - 1;
        uint32_t level = c % 9;
        fn = "fast_workbook_set_column_outline";
        st = fast_workbook_set_column_outline(u->wb, first, last, level, c & 16, c & 32);
        want = !cur ? FAST_ERROR_STATE : cur->rows ? FAST_ERROR_TOO_LATE
               : first > last || last >= FAST_MAX_COLUMNS || level > cur->ol.colmax ? FAST_ERROR_INVALID_ARGUMENT
                                                                                  : FAST_OK;
        if (u->sticky == FAST_OK && st == FAST_OK && want == FAST_OK)
            for (uint32_t k = first; k <= last && k < 32; k++)
                cur->ol.cols[k] = (uint8_t)(level | (c & 16 ? 8 : 0) | (c & 32 ? 16 : 0));
    } else {
        uint32_t level = a % 9;
        fn = "fast_workbook_set_row_outline";
        st = fast_workbook_set_row_outline(u->wb, level, b & 1, b & 2);
        want = !cur ? FAST_ERROR_STATE : level > 7 ? FAST_ERROR_INVALID_ARGUMENT : FAST_OK;
        if (u->sticky == FAST_OK && st != want && !output_failure(st))
            oracle_fail("%s(%u) returned %d ('%s'), expected %d", fn, level, st,
                        st ? fast_workbook_error_message(u->wb) : "", want);
        after_call(u, fn, st);
        if (u->sticky != FAST_OK || st != FAST_OK)
            return;
        if (level > cur->ol.rowmax) { /* refused when written, nothing written, the workbook going on */
            st = fast_workbook_write_row_strings(u->wb, NULL, NULL, 0);
            if (st != FAST_ERROR_INVALID_ARGUMENT || !strstr(fast_workbook_error_message(u->wb), "outline level"))
                oracle_fail("a row of outline level %u above %u: %d ('%s')", level, (unsigned)cur->ol.rowmax, st,
                            fast_workbook_error_message(u->wb));
            after_call(u, "fast_workbook_write_row_strings", st);
        } else if (u->rows_written < 400) {
            u->rows_written++;
            st = fast_workbook_write_row_strings(u->wb, NULL, NULL, 0);
            write_row(u, st, "fast_workbook_write_row_strings", NULL, 0);
            msheet *now = &u->m.sh[u->m.nsh - 1];
            uint8_t bits = (uint8_t)(level | (b & 1 ? 8 : 0) | (b & 2 ? 16 : 0));
            /* Only a row that was written carries the outline (a refused row, e.g. an empty table header, is not). */
            if (u->sticky == FAST_OK && st == FAST_OK && bits && now->rows && now->nolrows < 16 &&
                (!now->nolrows || now->olrows[now->nolrows - 1].row != now->rows)) {
                now->olrows[now->nolrows].row = now->rows;
                now->olrows[now->nolrows++].bits = bits;
            }
        }
        if (u->sticky == FAST_OK)
            after_call(u, fn, fast_workbook_set_row_outline(u->wb, 0, 0, 0)); /* nothing left for other ops */
        return;
    }
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("%s returned %d ('%s'), expected %d", fn, st, st ? fast_workbook_error_message(u->wb) : "", want);
    after_call(u, fn, st);
}

static void op_zip64(run *u)
{
    int mode = (int8_t)u8(&u->r) % 3;
    fast_status st = fast_workbook_set_zip64(u->wb, mode);
    fast_status want = u->m.nsh ? FAST_ERROR_STATE : mode == 0 || mode == 1 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
    if (u->sticky == FAST_OK && st != want && !output_failure(st))
        oracle_fail("fast_workbook_set_zip64(%d) returned %d, expected %d", mode, st, want);
    after_call(u, "fast_workbook_set_zip64", st);
    if (u->sticky == FAST_OK && st == FAST_OK)
        u->zip64 = mode;
}

/* fast_workbook_bytes_written(): what the destination has received so far. */
static void check_bytes_written(run *u, const char *when)
{
    uint64_t got = fast_workbook_bytes_written(u->wb), want = u->out->len;
    if (u->fd >= 0) {
        struct stat sb;
        if (fstat(u->fd, &sb) != 0)
            abort();
        want = (uint64_t)sb.st_size - u->prefix;
    }
    if (got != want)
        oracle_fail("fast_workbook_bytes_written() is %" PRIu64 " %s, the destination has %" PRIu64, got, when, want);
}

/* Where two packages of one program first differ: the entry of @a holding byte @at, and
 * whether that entry inflates to the same bytes in @b (then only the compressor's
 * choices differ, not the content). */
static void describe_difference(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
                                size_t at, char *out, size_t cap)
{
    zw_archive za, zb;
    snprintf(out, cap, "outside every entry");
    if (!zw_walk(&za, a, alen)) {
        snprintf(out, cap, "the first package does not walk: %s", za.error);
        zw_free(&za);
        return;
    }
    if (!zw_walk(&zb, b, blen)) {
        snprintf(out, cap, "the second package does not walk: %s", zb.error);
        zw_free(&za);
        return;
    }
    for (size_t i = 0; i < za.n; i++) {
        const zw_entry *e = &za.e[i];
        /* Local header (with at most a 20-byte ZIP64 extra field), data, descriptor. */
        if (at < e->offset || at >= e->offset + 30 + strlen(e->name) + 20 + e->csize + 24)
            continue;
        const zw_entry *f = zw_find(&zb, e->name);
        int same = f && f->usize == e->usize && memcmp(f->data, e->data, e->usize) == 0;
        snprintf(out, cap, "in entry '%s' (%llu and %llu compressed bytes; %s)", e->name,
                 (unsigned long long)e->csize, f ? (unsigned long long)f->csize : 0ull,
                 same ? "the same content" : "different content");
        break;
    }
    zw_free(&za);
    zw_free(&zb);
}

/* ---- Excel tables ---------------------------------------------------------------------------- */

/*
 * fast_workbook_add_table() with names good and bad, ranges that are too late, without a
 * data row, over another table, a merge or the autofilter; then, on a table to the last
 * row, the setters with good and bad arguments. The model predicts every status.
 */
/* The caller's names in workbook.xml (those not beginning with _xlnm.): each
 * one the model holds, once, with its scope and formula, and no other. */
/* "'Sheet''s name'!" as a print area or title name holds it (apostrophes doubled). */
static size_t quoted_sheet(const msheet *ms, char *out)
{
    size_t k = 0;
    if (!needs_quotes(ms->name, ms->name_len)) { /* Sheet1!, as Excel writes it */
        memcpy(out, ms->name, ms->name_len);
        k = ms->name_len;
        out[k++] = '!';
        out[k] = 0;
        return k;
    }
    out[k++] = '\'';
    for (size_t i = 0; i < ms->name_len; i++) {
        out[k++] = ms->name[i];
        if (ms->name[i] == '\'')
            out[k++] = '\'';
    }
    out[k++] = '\'';
    out[k++] = '!';
    out[k] = 0;
    return k;
}

/* The text of sheet @ms's _xlnm.Print_Area (@titles 0) or _xlnm.Print_Titles (1), or 0 if it has none. */
static int print_name_text(const msheet *ms, int titles, char *out, size_t cap)
{
    char q[400], c1[8], c2[8];
    quoted_sheet(ms, q);
    if (!titles) {
        if (!ms->has_area)
            return 0;
        const uint32_t *r = ms->area;
        uint32_t last = r[2] == FAST_LAST_ROW ? (ms->rows > r[0] + 1 ? ms->rows - 1 : r[0]) : r[2];
        col_name(r[1], c1);
        col_name(r[3], c2);
        snprintf(out, cap, "%s$%s$%u:$%s$%u", q, c1, (unsigned)r[0] + 1, c2, (unsigned)last + 1);
        return 1;
    }
    if (!ms->has_trows && !ms->has_tcols)
        return 0;
    size_t k = 0;
    out[0] = 0;
    if (ms->has_tcols) { /* columns first, then rows, as Excel writes them */
        col_name(ms->tcols[0], c1);
        col_name(ms->tcols[1], c2);
        k += (size_t)snprintf(out + k, cap - k, "%s$%s:$%s%s", q, c1, c2, ms->has_trows ? "," : "");
    }
    if (ms->has_trows)
        snprintf(out + k, cap - k, "%s$%u:$%u", q, (unsigned)ms->trows[0] + 1, (unsigned)ms->trows[1] + 1);
    return 1;
}

static void check_defined_names(xmlDocPtr wdoc, const model *m)
{
    xmlNode *dns = child(xmlDocGetRootElement(wdoc), "definedNames");
    size_t n = 0;
    unsigned char *seen = calloc(m->nsh + 1, 1); /* per sheet: 1 its print area, 2 its print titles */
    if (!seen)
        abort();
    /* Workbook structure protection: lockStructure and the password's hash. */
    const xmlNode *wp = child(xmlDocGetRootElement(wdoc), "workbookProtection");
    if ((wp != NULL) != (m->lock_structure != 0))
        oracle_fail("workbook.xml: workbookProtection %s, structure protection %sset", wp ? "written" : "missing",
                    m->lock_structure ? "" : "not ");
    if (wp) {
        char hash[8];
        snprintf(hash, sizeof hash, "%04X", m->structure_hash);
        expect_attr(wp, "lockStructure", "1", "(workbook)", "workbookProtection");
        expect_attr(wp, "workbookPassword", m->structure_hash ? hash : NULL, "(workbook)", "workbookProtection");
    }
    for (xmlNode *d = dns ? dns->children : NULL; d; d = d->next) {
        if (!is(d, "definedName"))
            continue;
        char *name = attr(d, "name"), *lsid = attr(d, "localSheetId");
        if (!name)
            oracle_fail("workbook.xml: a definedName without a name");
        if (strncmp(name, "_xlnm.", 6) != 0) {
            long sc = lsid ? strtol(lsid, NULL, 10) : -1;
            xmlChar *txt = xmlNodeGetContent(d);
            const struct mdefname *e = md_named(m, sc, name, strlen(name));
            if (!e || e->len != strlen(name) || memcmp(e->name, name, e->len) != 0)
                oracle_fail("workbook.xml: defined name '%s' (localSheetId %ld) was not defined", name, sc);
            if (strlen((const char *)txt) != e->flen || memcmp(txt, e->formula, e->flen) != 0)
                oracle_fail("workbook.xml: defined name '%s' is '%s', expected '%.*s'", name, (const char *)txt,
                            (int)e->flen, e->formula);
            xmlFree(txt);
            n++;
        } else if (strcmp(name, "_xlnm.Print_Area") == 0 || strcmp(name, "_xlnm.Print_Titles") == 0) {
            int titles = name[12] == 'T'; /* _xlnm.Print_Titles */
            size_t si = lsid ? strtoul(lsid, NULL, 10) : m->nsh;
            char want[1200];
            if (si >= m->nsh)
                oracle_fail("workbook.xml: %s with localSheetId '%s'", name, lsid ? lsid : "(none)");
            if (!print_name_text(&m->sh[si], titles, want, sizeof want))
                oracle_fail("workbook.xml: %s for sheet '%s', which has none", name, m->sh[si].name);
            if (seen[si] & (1 << titles))
                oracle_fail("workbook.xml: two %s for sheet '%s'", name, m->sh[si].name);
            seen[si] |= (unsigned char)(1 << titles);
            xmlChar *txt = xmlNodeGetContent(d);
            if (strcmp((const char *)txt, want) != 0)
                oracle_fail("workbook.xml: %s of sheet '%s' is '%s', expected '%s'", name, m->sh[si].name,
                            (const char *)txt, want);
            xmlFree(txt);
        }
        xmlFree(name);
        xmlFree(lsid);
    }
    if (n != m->ndn)
        oracle_fail("workbook.xml: %zu defined names of the caller, %zu expected", n, m->ndn);
    for (size_t i = 0; i < m->nsh; i++)
        for (int titles = 0; titles < 2; titles++) {
            char want[1200];
            if (print_name_text(&m->sh[i], titles, want, sizeof want) && !(seen[i] & (1 << titles)))
                oracle_fail("workbook.xml: no %s for sheet '%s' ('%s')",
                            titles ? "_xlnm.Print_Titles" : "_xlnm.Print_Area", m->sh[i].name, want);
        }
    free(seen);
}

/* ---- defined names (opcode 40) ------------------------------------------------------------- */

static const struct mdefname *md_named(const model *m, long scope, const char *name, size_t len)
{
    for (size_t i = 0; i < m->ndn; i++)
        if (m->dn[i].scope == scope && same_ascii_fold(m->dn[i].name, m->dn[i].len, name, len))
            return &m->dn[i];
    return NULL;
}

/* fast_workbook_define_name() with names and formulas from fixed lists (ASCII:
 * the oracle folds case in ASCII only), a scope of the workbook, a sheet or
 * none; the names are checked in workbook.xml at the end (check_defined_names). */
static void op_define_name(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    static const char *const names[] = {"Sales", "SALES", "Rate", "rate", "_xlnm.Print_Area", "_XLNM.x", "A1", "1x",
                                        "T", "Q1.Sales", "a b", "\\n", "R2C3", "", "tbl", "_t"};
    static const char *const formulas[] = {"0.05", "Sheet1!$A$1", "=1", "", "=", "1\x01", "SUM('a''b'!$A:$A)",
                                           "\"<&>\""};
    const char *nm = names[u8(r) % (sizeof names / sizeof names[0])];
    const char *f = formulas[u8(r) % (sizeof formulas / sizeof formulas[0])];
    size_t nl = strlen(nm), fl = strlen(f);
    int scope = (int)(u8(r) % (m->nsh + 3)) - 2;
    fast_status st = fast_workbook_define_name(u->wb, nm, nl, scope, f, fl);
    if (u->sticky != FAST_OK) {
        after_call(u, "fast_workbook_define_name", st);
        return;
    }
    const char *ff = f[0] == '=' ? f + 1 : f;
    size_t ffl = f[0] == '=' ? fl - 1 : fl;
    long sc = scope < 0 ? -1 : scope;
    fast_status want = FAST_OK;
    if (!mt_name_ok(nm, nl) || (nl >= 6 && same_ascii_fold(nm, 6, "_xlnm.", 6)))
        want = FAST_ERROR_NAME;
    else if (scope < -1 || (scope >= 0 && (size_t)scope >= m->nsh))
        want = FAST_ERROR_INVALID_ARGUMENT;
    else if (md_named(m, sc, nm, nl) || (sc < 0 && mt_named(m, nm, nl)))
        want = FAST_ERROR_NAME;
    else if (ffl == 0 || has_controls(ff, ffl))
        want = FAST_ERROR_INVALID_ARGUMENT;
    if (st != want && !output_failure(st))
        oracle_fail("fast_workbook_define_name('%s', scope %d, '%s') returned %d (%s), expected %d", nm, scope, f, st,
                    fast_workbook_error_message(u->wb), want);
    after_call(u, "fast_workbook_define_name", st);
    if (u->sticky == FAST_OK && st == FAST_OK) {
        m->dn = realloc(m->dn, (m->ndn + 1) * sizeof *m->dn);
        if (!m->dn)
            abort();
        m->dn[m->ndn++] = (struct mdefname){nm, ff, nl, ffl, sc};
    }
}

static void op_table(run *u)
{
    reader *r = &u->r;
    model *m = &u->m;
    msheet *cur = m->nsh ? &m->sh[m->nsh - 1] : NULL;
    static const char *const names[] = {"Sales", "T", "_t", "\\x", "T.1", "tbl", "SALES", "1st", "A1",
                                        "r", "RC", "R2C3", "XFD1048576", "XFE1", "a b", "Ab.c\\d", "x-y", ""};
    uint8_t sel = u8(r);
    char name[64];
    size_t len = 0;
    const char *np = NULL;
    if (sel % 8) {
        len = (size_t)snprintf(name, sizeof name, "%s", names[u8(r) % (sizeof names / sizeof names[0])]);
        if (sel & 0x10)
            len += (size_t)snprintf(name + len, sizeof name - len, "%u", (unsigned)u8(r) % 12);
        np = name;
    }
    uint32_t r1 = (cur ? cur->rows : 0) + u8(r) % 4;
    if ((sel & 0x20) && r1)
        r1--;
    uint32_t c1 = u8(r) % 8, w = u8(r) % 5, c2 = c1 + (w == 4 ? 20000 : w);
    uint8_t kind = u8(r) % 8;
    uint32_t r2 = kind < 5 ? FAST_LAST_ROW : kind == 5 ? r1 : kind == 6 ? r1 + 1 + u8(r) % 4 : u32(r);
    size_t calls = u8(r) % 8; /* setter calls that follow, when the table is made */
    fast_table *t = NULL;
    fast_status st = fast_workbook_add_table(u->wb, np, len, r1, c1, r2, c2, &t);
    if (u->sticky != FAST_OK) {
        after_call(u, "fast_workbook_add_table", st);
        return;
    }
    fast_status want = FAST_OK;
    char defname[32];
    if (!np) {
        for (size_t k = m->ntb + 1;; k++) {
            snprintf(defname, sizeof defname, "Table%zu", k);
            if (!mt_named(m, defname, strlen(defname)))
                break;
        }
    }
    const char *nm = np ? np : defname;
    size_t nl = np ? len : strlen(defname);
    uint32_t end = r2 == FAST_LAST_ROW ? FAST_LAST_ROW : r2 + 1;
    if (!cur)
        want = FAST_ERROR_STATE;
    else if (r1 >= FAST_MAX_ROWS || c1 > c2 || c2 >= FAST_MAX_COLUMNS || (r2 != FAST_LAST_ROW && r2 >= FAST_MAX_ROWS))
        want = FAST_ERROR_INVALID_ARGUMENT;
    else if (r2 <= r1)
        want = FAST_ERROR_INVALID_ARGUMENT;
    else if (r2 == FAST_LAST_ROW ? (uint64_t)r1 + 3 > m->rows_per_sheet : (uint64_t)r2 + 2 >= m->rows_per_sheet)
        want = FAST_ERROR_INVALID_ARGUMENT;
    else if (r1 < cur->rows)
        want = FAST_ERROR_TOO_LATE;
    else if (!mt_name_ok(nm, nl) || mt_named(m, nm, nl) || md_named(m, -1, nm, nl))
        want = FAST_ERROR_NAME;
    else if (mt_overlap(m, m->nsh - 1, r1, c1, end, c2))
        want = FAST_ERROR_TABLE;
    else {
        for (size_t i = 0; i < cur->nmerges; i++)
            if (mt_meets(cur->mrg[i][0], cur->mrg[i][2], r1, end) && mt_meets(cur->mrg[i][1], cur->mrg[i][3], c1, c2))
                want = FAST_ERROR_TABLE;
        if (cur->has_filter && mt_meets(cur->filter[0], cur->filter[2], r1, end) &&
            mt_meets(cur->filter[1], cur->filter[3], c1, c2))
            want = FAST_ERROR_TABLE;
    }
    if (st != want && !output_failure(st))
        oracle_fail("fast_workbook_add_table('%s', %u, %u, %u, %u) returned %d (%s: '%s'), expected %d",
                    np ? show(np, len) : "(NULL)", r1, c1, r2, c2, st, fast_strerror(st),
                    st ? fast_workbook_error_message(u->wb) : "", want);
    after_call(u, "fast_workbook_add_table", st);
    if (st != FAST_OK)
        return;
    mtable *mt = mt_new(m);
    memcpy(mt->name, nm, nl);
    mt->name_len = nl;
    mt->sheet = m->nsh - 1;
    mt->r1 = r1;
    mt->c1 = c1;
    mt->r2 = r2;
    mt->c2 = c2;
    mt->filter = 1;
    mt->chain = 1;
    mt->root = m->ntb - 1;
    /* Setters: all of them on a table to the last row; style and options on a fixed one. */
    for (size_t i = 0; i < calls && u->sticky == FAST_OK; i++) {
        int which = u8(r) % (r2 == FAST_LAST_ROW ? 6 : 2);
        uint32_t col = c1 + u8(r) % (w + 2);
        int k = (int)(col - c1), inside = col <= c2;
        const char *fn;
        switch (which) {
        case 0: {
            static const char *const styles[] = {"TableStyleMedium2", "TableStyleLight21", "TableStyleDark11",
                                                 "TableStyleMedium29", "tablestylemedium2", "TableStyleLight0", NULL};
            const char *sname = styles[u8(r) % 7];
            st = fast_table_set_style(t, sname, sname ? strlen(sname) : 0);
            fn = "fast_table_set_style";
            want = !sname || (strcmp(sname, "TableStyleMedium29") && strcmp(sname, "tablestylemedium2") &&
                              strcmp(sname, "TableStyleLight0"))
                       ? FAST_OK
                       : FAST_ERROR_INVALID_ARGUMENT;
            break;
        }
        case 1: {
            int o = u8(r) % 7, on = u8(r) & 1;
            st = fast_table_set_option(t, o, on);
            fn = "fast_table_set_option";
            want = o >= 1 && o <= 5 ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (st == FAST_OK && o == FAST_TABLE_FILTER_BUTTONS)
                mt->filter = on;
            break;
        }
        case 2: {
            int f = u8(r) % 10;
            st = fast_table_set_total_function(t, col, f);
            fn = "fast_table_set_total_function";
            want = inside && f <= FAST_TABLE_TOTAL_VAR ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (st == FAST_OK) {
                mt->kind[k] = f ? T_FN : T_NONE;
                mt->fn[k] = f;
            }
            break;
        }
        case 3:
            st = fast_table_set_total_label(t, col, "Total", 5);
            fn = "fast_table_set_total_label";
            want = inside ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (st == FAST_OK) {
                mt->kind[k] = T_LABEL;
                mt->text[k] = "Total";
                mt->text_len[k] = 5;
            }
            break;
        case 4: {
            static const char *const fs[] = {"1+2", "[@c0]*2", "[@[a b]]+LEN(\"[@x]\")", "=1"};
            const char *f = fs[u8(r) % 4];
            st = fast_table_set_column_formula(t, col, f, strlen(f));
            fn = "fast_table_set_column_formula";
            want = inside && f[0] != '=' ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (st == FAST_OK) {
                mt->formula[k] = f;
                mt->formula_len[k] = strlen(f);
            }
            break;
        }
        default: {
            static const char custom[] = "SUBTOTAL(109,T[x])*2";
            st = fast_table_set_total_formula(t, col, custom, sizeof custom - 1);
            fn = "fast_table_set_total_formula";
            want = inside ? FAST_OK : FAST_ERROR_INVALID_ARGUMENT;
            if (st == FAST_OK) {
                mt->kind[k] = T_CUSTOM;
                mt->text[k] = custom;
                mt->text_len[k] = sizeof custom - 1;
            }
            break;
        }
        }
        if (st != want && !output_failure(st))
            oracle_fail("%s on table '%s' (column %u) returned %d (%s: '%s'), expected %d", fn, mt->name, col, st,
                        fast_strerror(st), st ? fast_workbook_error_message(u->wb) : "", want);
        after_call(u, fn, st);
        mt->has_totals = 0;
        for (int c = 0; c < MT_COLS; c++)
            if (mt->kind[c] != T_NONE)
                mt->has_totals = 1;
    }
}

/* Before close: write the header rows that tables of the current sheet wait for (close
 * refuses without them). Returns 0 if they could not be written. */
static int finish_table_headers(run *u)
{
    for (int tries = 0; tries < 12 && u->sticky == FAST_OK; tries++) {
        const mtable *t = mt_headerless(&u->m);
        if (!t)
            return 1;
        fast_status st = fast_workbook_close(u->wb);
        if (st != FAST_ERROR_TABLE && !output_failure(st))
            oracle_fail("fast_workbook_close with table '%s' waiting for its header row returned %d", t->name, st);
        after_call(u, "fast_workbook_close", st);
        if (st != FAST_ERROR_TABLE)
            return 0;
        const msheet *cur = &u->m.sh[u->m.nsh - 1];
        uint32_t row0 = cur->rows, width = 0;
        for (size_t i = 0; i < u->m.ntb; i++) {
            const mtable *h = &u->m.tb[i];
            if (h->sheet == u->m.nsh - 1 && !h->ended && !h->header_seen && h->r1 == row0 && h->c2 + 1 > width)
                width = h->c2 + 1;
        }
        fast_cells *cells = fast_cells_new(width ? width : 1);
        mcell *mc = calloc(width ? width : 1, sizeof *mc);
        if (!cells || !mc)
            abort();
        for (size_t i = 0; i < u->m.ntb; i++) {
            const mtable *h = &u->m.tb[i];
            if (h->sheet != u->m.nsh - 1 || h->ended || h->header_seen || h->r1 != row0)
                continue;
            for (uint32_t c = h->c1; c <= h->c2; c++) {
                char *s = arena_alloc(&u->a, 16);
                int n = snprintf(s, 16, "H%u", (unsigned)c);
                mc[c].type = C_STRING;
                mc[c].s = s;
                mc[c].slen = (size_t)n;
                fast_cells_set_string(cells, c, s, (size_t)n);
            }
        }
        write_row(u, fast_workbook_write_row(u->wb, cells, width), "fast_workbook_write_row", mc, width);
        fast_cells_free(cells);
        free(mc);
    }
    return !mt_headerless(&u->m);
}

/* Every table part as the model has it: id, name, range, autoFilter, column names, totals. */
static void check_tables(const zw_archive *za, const model *m)
{
    for (size_t i = 0; i < m->ntb; i++) {
        const mtable *t = &m->tb[i];
        char part[64], ref[64], fref[64], a[8], b[8];
        snprintf(part, sizeof part, "xl/tables/table%zu.xml", i + 1);
        xmlDocPtr doc = parse_part(za, part, 1);
        xmlNode *root = xmlDocGetRootElement(doc);
        col_name(t->c1, a);
        col_name(t->c2, b);
        snprintf(ref, sizeof ref, "%s%u:%s%u", a, t->r1 + 1, b, t->last + 1 + (t->has_totals ? 1 : 0) + 0);
        snprintf(fref, sizeof fref, "%s%u:%s%u", a, t->r1 + 1, b, t->last + 1);
        char *id = attr(root, "id"), *name = attr(root, "name"), *dn = attr(root, "displayName"),
             *rf = attr(root, "ref"), *trc = attr(root, "totalsRowCount");
        char want_id[24];
        snprintf(want_id, sizeof want_id, "%zu", i + 1);
        if (!is(root, "table") || !id || strcmp(id, want_id) || !name || strlen(name) != t->name_len ||
            memcmp(name, t->name, t->name_len) || !dn || strcmp(dn, name) || !rf || strcmp(rf, ref) ||
            (t->has_totals != (trc && !strcmp(trc, "1"))))
            oracle_fail("%s: table id %s name '%s' ref %s totalsRowCount %s, expected id %zu name '%s' ref %s%s", part,
                        id ? id : "?", name ? name : "?", rf ? rf : "?", trc ? trc : "-", i + 1, t->name, ref,
                        t->has_totals ? " with totals" : "");
        xmlNode *af = child(root, "autoFilter");
        char *afr = af ? attr(af, "ref") : NULL;
        if (t->filter != (af != NULL) || (af && (!afr || strcmp(afr, fref))))
            oracle_fail("%s: autoFilter %s, expected %s", part, afr ? afr : "(none)", t->filter ? fref : "none");
        xmlNode *cols = child(root, "tableColumns");
        uint32_t k = 0;
        for (xmlNode *c = cols ? cols->children : NULL; c; c = c->next) {
            if (!is(c, "tableColumn"))
                continue;
            char *cn = attr(c, "name");
            size_t dl;
            char *dec = cn ? xstring_decode(cn, strlen(cn), &dl) : NULL;
            if (k > t->c2 - t->c1 || !dec || dl != t->col_len[k] || memcmp(dec, t->col[k], dl))
                oracle_fail("%s: column %u is named '%s', expected '%s'", part, k + 1, dec ? show(dec, dl) : "?",
                            k <= t->c2 - t->c1 ? show(t->col[k], t->col_len[k]) : "(none)");
            free(dec);
            xmlFree(cn);
            k++;
        }
        if (k != t->c2 - t->c1 + 1)
            oracle_fail("%s: %u columns, expected %u", part, k, t->c2 - t->c1 + 1);
        xmlFree(id);
        xmlFree(name);
        xmlFree(dn);
        xmlFree(rf);
        xmlFree(trc);
        xmlFree(afr);
        xmlFreeDoc(doc);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    g_trace = getenv("FUZZ_API_TRACE") != NULL;
    xmlSetGenericErrorFunc(NULL, xml_quiet);
    return 0;
}

/* Everything a program allocated: the workbook, its rich strings, the output, the model. */
static void run_free(run *u, int fd, output *out)
{
    fast_workbook_free(u->wb);
    for (size_t i = 0; i < u->nrich; i++)
        fast_rich_string_free(u->rich[i]);
    free(u->rich);
    if (fd >= 0)
        close(fd);
    free(out->buf);
    model_free(&u->m);
    arena_free(&u->a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialized;
    if (!initialized) {
        LLVMFuzzerInitialize(NULL, NULL);
        initialized = 1;
    }
    g_input = data;
    g_input_len = size;
    run u;
    memset(&u, 0, sizeof u);
    u.r = (reader){data, size, 0};
    u.m.rows_per_sheet = FAST_MAX_ROWS;
    u.m.mem_limit = 4u << 20;
    output out = {0};
    uint8_t mode = u8(&u.r);
    int fd = -1;
    size_t prefix = 0;
    int use_fd = mode & 1;
    out.pattern = mode >> 1;
    if (use_fd) {
        fd = memfd_create("fuzz_api", MFD_CLOEXEC);
        if (fd < 0)
            abort();
        prefix = (mode & 2) ? (mode >> 2) % 9 : 0; /* the package starts at the current offset */
        if (prefix && write(fd, "PREFIX...", prefix) != (ssize_t)prefix)
            abort();
        u.wb = fast_workbook_new_fd(fd);
    } else {
        if (mode & 0x80) {
            out.fail_at = 1 + u16(&u.r) % 3000;
            out.fail_kind = u8(&u.r) % 3;
        }
        u.wb = fast_workbook_new_callback(out_cb, &out);
    }
    u.out = &out;
    u.fd = fd;
    u.prefix = prefix;
    if (!u.wb)
        abort();
    /* Settings that only work before the first worksheet, at the start. */
    uint8_t setup = u8(&u.r);
    if (setup & 1)
        after_call(&u, "fast_workbook_set_threads", fast_workbook_set_threads(u.wb, threads_asked(2)));
    if (setup & 2)
        after_call(&u, "fast_workbook_set_compression_level",
                   fast_workbook_set_compression_level(u.wb, (setup >> 2) % 10));
    if (setup & 64)
        after_call(&u, "fast_workbook_set_max_buffer_size", fast_workbook_set_max_buffer_size(u.wb, 4096));
    if (setup & 128)
        after_call(&u, "fast_workbook_set_cell_references", fast_workbook_set_cell_references(u.wb, 1));

    size_t ops = 0;
    while (rd_more(&u.r) && ops++ < 400) {
        uint8_t op = u8(&u.r);
        switch (op % 44) {
        case 0: case 1: case 2: case 3: op_row(&u); break;
        case 4: op_row_strings(&u); break;
        case 5: op_add_worksheet(&u); break;
        case 6: op_format(&u, 1); break;
        case 7: op_format(&u, 0); break;
        case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15: case 16:
            op_sheet_feature(&u, op % 26 - 8);
            break;
        case 17: case 18: case 19: case 20: case 21: case 22: case 23: case 24:
            op_setting(&u, op % 26 - 17);
            break;
        case 25: op_many_rows(&u); break;
        case 26: op_row_typed(&u, 0); break;
        case 27: op_row_typed(&u, 1); break;
        case 28: op_column_format(&u); break;
        case 29: op_internal_link(&u); break;
        case 30: op_abandon(&u); break;
        case 31: op_row_memory_limit(&u); break;
        case 32: op_row_typed(&u, u8(&u.r) & 1); break;
        case 33: op_print(&u); break;
        case 38: op_image(&u); break;
        case 39: op_note(&u); break;
        case 40: op_define_name(&u); break;
        case 41: op_outline(&u); break;
        case 43: op_active_sheet(&u); break;
        case 42: op_chart_axes(&u); break;
        case 34: op_rules(&u); break;
        case 35: case 36: op_table(&u); break;
        default: op_zip64(&u); break; /* 37 */
        }
        if (u.sticky == FAST_OK)
            check_bytes_written(&u, "after a call");
    }

    if (u.sticky == FAST_OK && !finish_table_headers(&u)) {
        /* A table's header row could not be written (the sheet full before it): the refusal was checked. */
        run_free(&u, fd, &out);
        return 0;
    }
    fast_status st = fast_workbook_close(u.wb);
    u.closed = 1;
    if (g_trace)
        fprintf(stderr, "  fast_workbook_close -> %d%s%s (callback calls %u%s)\n", st, st ? ": " : "",
                st ? fast_workbook_error_message(u.wb) : "", out.calls, out.failed ? ", failed" : "");
    if (u.sticky == FAST_OK && out.failed && st == FAST_ERROR_CALLBACK)
        u.sticky = st; /* the failure was still in flight */
    if (u.sticky != FAST_OK) {
        if (st != u.sticky)
            oracle_fail("close returned %d after the sticky failure %d", st, u.sticky);
        if (fast_workbook_status(u.wb) != st)
            oracle_fail("close returned %d but the workbook status is %d", st, fast_workbook_status(u.wb));
    } else if (out.failed) {
        oracle_fail("the write callback failed but close returned %d", st);
    } else if (st != FAST_OK) {
        oracle_fail("close returned %d (%s: '%s') on a workbook without a sticky failure", st, fast_strerror(st),
                    fast_workbook_error_message(u.wb));
    } else {
        if (fast_workbook_close(u.wb) != FAST_OK)
            oracle_fail("a second close did not return the first one's result");
        if (fast_workbook_add_worksheet(u.wb, NULL, 0) == FAST_OK)
            oracle_fail("fast_workbook_add_worksheet after close returned FAST_OK");
        if (u.m.nsh)
            mt_end_sheet(&u.m, u.m.nsh - 1, &u.a);
        for (size_t i = 0; i < u.m.nsh; i++)
            if (!u.m.sh[i].ended)
                u.m.sh[i].end_chg = u.m.fmt_changes;
        if (u.m.nsh == 0) {
            add_sheet(&u.m, "Sheet1", 6, 1); /* close adds an empty one */
            md_try_active(&u.m, 0);
        }
        unsigned char *buf = out.buf;
        size_t len = out.len;
        int seekable = 0;
        if (use_fd) {
            struct stat sb;
            if (fstat(fd, &sb) != 0)
                abort();
            len = (size_t)sb.st_size - prefix;
            buf = malloc(len ? len : 1);
            if (!buf || pread(fd, buf, len, (off_t)prefix) != (ssize_t)len)
                abort();
            seekable = 1;
        }
        if (g_trace)
            fprintf(stderr, "  close -> 0: %zu bytes, %zu sheets expected\n", len, u.m.nsh);
        if (fast_workbook_bytes_written(u.wb) != len)
            oracle_fail("fast_workbook_bytes_written() is %" PRIu64 " after close, the package has %zu bytes",
                        fast_workbook_bytes_written(u.wb), len);
        check_zip64_locals(buf, len, u.zip64);
        const char *dump = getenv("FUZZ_API_DUMP"); /* a file to keep the workbook in, for debugging */
        if (dump) {
            FILE *f = fopen(dump, "wb");
            if (f) {
                fwrite(buf, 1, len, f);
                fclose(f);
            }
        }
        check_output(buf, len, &u.m, seekable);
        if (g_threads_override >= 0) {
            g_rerun_buf = malloc(len ? len : 1);
            if (!g_rerun_buf)
                abort();
            memcpy(g_rerun_buf, buf, len);
            g_rerun_len = len;
            g_rerun_ok = 1;
        } else if (size % 4 == 0 && !out.fail_at) {
            /* A quarter of the programs run again, with 2..5 threads where they asked for workers, and the
             * packages are compared byte for byte, on a memory file (seekable, <dimension> patched in place)
             * as through the write callback: with ISA-L, a part's first stream used to depend on where the
             * compressor was allocated (tests/unit/isal-first-byte-report.md). */
            int threads = 2 + (int)(size / 4 % 4);
            g_threads_override = threads;
            g_rerun_ok = 0;
            /* Shift the heap, so that the second run's buffers have other addresses and alignments. */
            char *shift = malloc(1 + size * 37 % 4093);
            if (!shift)
                abort();
            shift[0] = 0;
            LLVMFuzzerTestOneInput(data, size);
            free(shift);
            g_threads_override = -1;
            g_input = data;
            g_input_len = size;
            if (!g_rerun_ok)
                oracle_fail("the program failed with every set_threads() asking for %d threads", threads);
            if (g_rerun_len != len || memcmp(g_rerun_buf, buf, len) != 0) {
                size_t at = 0;
                while (at < len && at < g_rerun_len && g_rerun_buf[at] == buf[at])
                    at++;
                const char *dir = getenv("FUZZ_API_DIFF_DIR"); /* where to keep both packages */
                if (dir) {
                    char path[512];
                    for (int k = 0; k < 2; k++) {
                        snprintf(path, sizeof path, "%s/%s.xlsx", dir, k ? "rerun" : "first");
                        FILE *f = fopen(path, "wb");
                        if (f) {
                            fwrite(k ? g_rerun_buf : buf, 1, k ? g_rerun_len : len, f);
                            fclose(f);
                        }
                    }
                }
                char where[600];
                describe_difference(buf, len, g_rerun_buf, g_rerun_len, at, where, sizeof where);
                oracle_fail("with set_threads(%d) the package differs: %zu bytes against %zu, first difference at "
                            "byte %zu, %s", threads, g_rerun_len, len, at, where);
            }
            free(g_rerun_buf);
            g_rerun_buf = NULL;
        }
        if (use_fd)
            free(buf);
    }
    run_free(&u, fd, &out);
    return 0;
}
