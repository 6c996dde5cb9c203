/*
 * fuzz_arrow.c - a libFuzzer target for fast_workbook_write_arrow(): the input
 * describes a record batch (columns, types, lengths, offsets, validity
 * bitmaps, values, dictionaries, views) and, sometimes, one way to break it.
 *
 * Every buffer is allocated at exactly the size its layout needs, so a read
 * beyond what the lengths and offsets allow is caught by AddressSanitizer.
 *
 * The oracle decodes the batch itself, with code written for this target from
 * the Arrow C Data Interface's layouts and the rules of fastxlsx.h ("Arrow
 * input"), into the cell values those rules give, and writes them through
 * fast_workbook_write_row_typed() into a second workbook with the same
 * settings: for a well-formed batch both packages must be byte for byte the
 * same. A broken batch must be refused with FAST_ERROR_INVALID_ARGUMENT, a
 * binary column without the hex option with FAST_ERROR_CELL_TYPE, both
 * non-sticky with nothing written (the package equals one with no rows).
 *
 *   make fuzz (build/fuzz/fuzz_arrow, and build/fuzz/replay_arrow, which runs the files
 *   named on its command line without libFuzzer). FUZZ_ARROW_STATS=1 prints per input
 *   whether the batch was written, refused or broken; FUZZ_ARROW_DUMP=1 keeps both
 *   packages of a mismatch in /tmp/fuzz_arrow_got.xlsx and /tmp/fuzz_arrow_want.xlsx.
 */
#include "fastxlsx.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond, ...)                                                                                    \
    do {                                                                                                    \
        if (!(cond)) {                                                                                      \
            fprintf(stderr, "fuzz_arrow: check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond);          \
            fprintf(stderr, __VA_ARGS__);                                                                   \
            fprintf(stderr, "\n");                                                                          \
            abort();                                                                                        \
        }                                                                                                   \
    } while (0)

/* ---- input ---------------------------------------------------------------------------- */

typedef struct in {
    const uint8_t *p;
    size_t n;
} in;

static unsigned byte(in *s)
{
    if (!s->n)
        return 0;
    s->n--;
    return *s->p++;
}

static uint64_t bytes(in *s, int k)
{
    uint64_t v = 0;
    for (int i = 0; i < k; i++)
        v |= (uint64_t)byte(s) << (8 * i);
    return v;
}

/* ---- output ----------------------------------------------------------------------------- */

typedef struct out {
    unsigned char *data;
    size_t len, cap;
} out;

static int put(const void *buf, size_t len, void *user)
{
    out *o = user;
    if (o->len + len > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 65536;
        while (cap < o->len + len)
            cap *= 2;
        o->data = realloc(o->data, cap);
        if (!o->data)
            abort();
        o->cap = cap;
    }
    memcpy(o->data + o->len, buf, len);
    o->len += len;
    return (int)len;
}

/* ---- the batch --------------------------------------------------------------------------- */

enum {
    T_BOOL, T_I8, T_I32, T_I64, T_U64, T_F32, T_F64, T_UTF8, T_LUTF8, T_VIEW, T_DATE32, T_TSMS, T_TSUS_OFF,
    T_DICT, T_BIN, T_DEC, T_NULL, T_COUNT
};
static const char *const formats[T_COUNT] = {"b", "c", "i", "l", "L", "f", "g", "u", "U", "vu", "tdD", "tsm:",
                                             "tsu:+01:00", "c", "z", "d:30,3", "n"};

#define MAXC 6
#define MAXR 40

typedef struct col {
    int type;
    int64_t off;       /* the child array's offset */
    int64_t len;       /* its length: struct offset + rows + off at least */
    int has_valid;
    uint8_t *valid;
    void *values;      /* fixed-width values, offsets or views */
    char *data;        /* string data */
    int64_t data_len;
    char *vdata;       /* view out-of-line data */
    int64_t vsize;
    const void *bufs[4];
    struct ArrowArray arr, dict;
    struct ArrowSchema sch, dsch;
    const void *dbufs[3];
    int32_t *doffs;
    char *ddata;
    int64_t dlen;
    char name[8];
} col;

static void noop_schema(struct ArrowSchema *s)
{
    s->release = NULL;
}

static void noop_array(struct ArrowArray *a)
{
    a->release = NULL;
}

static int valid_at(const col *c, int64_t i)
{
    return !c->has_valid || (c->valid[i >> 3] >> (i & 7) & 1);
}

/* A short text from the input: letters, digits, and sometimes a two-byte character. */
static size_t gen_text(in *s, char *buf)
{
    size_t len = byte(s) % 20, k = 0;
    while (k < len) {
        unsigned b = byte(s);
        if (b % 17 == 0 && k + 2 <= len) {
            buf[k++] = (char)0xC3;
            buf[k++] = (char)0xA9;
        } else {
            buf[k++] = (char)('a' + b % 26);
        }
    }
    return k;
}

static void build_col(in *s, col *c, int64_t need, int hex)
{
    int t = (int)(byte(s) % T_COUNT);
    if (t == T_BIN && !hex && byte(s) % 4)
        t = T_UTF8; /* refusals sometimes, not mostly */
    c->type = t;
    c->off = byte(s) % 4;
    c->len = need + c->off + byte(s) % 2;
    int64_t n = c->len + c->off; /* physical entries */
    c->has_valid = t != T_NULL && byte(s) % 2;
    if (c->has_valid) {
        c->valid = malloc((size_t)(n + 7) / 8);
        for (int64_t i = 0; i < (n + 7) / 8; i++)
            c->valid[i] = (uint8_t)byte(s);
    }
    char text[64];
    switch (t) {
    case T_BOOL: {
        uint8_t *v = malloc((size_t)(n + 7) / 8);
        for (int64_t i = 0; i < (n + 7) / 8; i++)
            v[i] = (uint8_t)byte(s);
        c->values = v;
        break;
    }
    case T_I8:
    case T_DICT: {
        int8_t *v = malloc((size_t)n);
        for (int64_t i = 0; i < n; i++)
            v[i] = (int8_t)byte(s);
        c->values = v;
        break;
    }
    case T_I32:
    case T_DATE32: {
        int32_t *v = malloc((size_t)n * 4);
        for (int64_t i = 0; i < n; i++) {
            uint32_t b = (uint32_t)bytes(s, 4);
            v[i] = t == T_DATE32 ? (int32_t)(b % 2960000) - 27000 : (int32_t)b; /* 1896..10074 */
        }
        c->values = v;
        break;
    }
    case T_I64:
    case T_U64:
    case T_F64:
    case T_TSMS:
    case T_TSUS_OFF: {
        int64_t *v = malloc((size_t)n * 8);
        for (int64_t i = 0; i < n; i++) {
            uint64_t b = bytes(s, 8);
            if (t == T_I64 && byte(s) % 2)
                b = (uint64_t)((int64_t)(b % 20000000000000000ULL) - 10000000000000000LL); /* around 2^53 */
            if (t == T_TSMS)
                b = (uint64_t)((int64_t)(b % 300000000000000ULL) - 2300000000000LL);
            if (t == T_TSUS_OFF)
                b = (uint64_t)((int64_t)(b % 250000000000000000ULL) - 2200000000000000LL);
            memcpy(&v[i], &b, 8);
        }
        c->values = v;
        break;
    }
    case T_F32: {
        uint32_t *v = malloc((size_t)n * 4);
        for (int64_t i = 0; i < n; i++)
            v[i] = (uint32_t)bytes(s, 4);
        c->values = v;
        break;
    }
    case T_DEC: {
        uint64_t *v = malloc((size_t)n * 16);
        for (int64_t i = 0; i < n; i++) {
            int64_t x = (int64_t)bytes(s, 8);
            if (byte(s) % 2)
                x %= 100000000; /* short ones: numbers */
            v[2 * i] = (uint64_t)x;
            v[2 * i + 1] = x < 0 ? UINT64_MAX : 0;
        }
        c->values = v;
        break;
    }
    case T_UTF8:
    case T_LUTF8:
    case T_BIN: {
        int wide = t == T_LUTF8;
        void *o = malloc((size_t)(n + 1) * (wide ? 8 : 4));
        char *d = malloc(20 * (size_t)n + 1);
        int64_t pos = 0;
        for (int64_t i = 0; i <= n; i++) {
            if (wide)
                ((int64_t *)o)[i] = pos;
            else
                ((int32_t *)o)[i] = (int32_t)pos;
            if (i < n) {
                size_t l = gen_text(s, text);
                memcpy(d + pos, text, l);
                pos += (int64_t)l;
            }
        }
        c->values = o;
        c->data_len = pos;
        c->data = malloc(pos ? (size_t)pos : 1); /* exactly the data */
        memcpy(c->data, d, (size_t)pos);
        free(d);
        break;
    }
    case T_VIEW: {
        unsigned char *v = calloc((size_t)n, 16);
        char *d = malloc(20 * (size_t)n + 1);
        int64_t pos = 0;
        for (int64_t i = 0; i < n; i++) {
            size_t l = gen_text(s, text);
            int32_t l32 = (int32_t)l;
            memcpy(v + 16 * i, &l32, 4);
            if (l <= 12) {
                memcpy(v + 16 * i + 4, text, l);
            } else {
                int32_t zero = 0, o32 = (int32_t)pos;
                memcpy(v + 16 * i + 4, text, 4);
                memcpy(v + 16 * i + 8, &zero, 4);
                memcpy(v + 16 * i + 12, &o32, 4);
                memcpy(d + pos, text, l);
                pos += (int64_t)l;
            }
        }
        c->values = v;
        c->vsize = pos;
        c->vdata = malloc(pos ? (size_t)pos : 1);
        memcpy(c->vdata, d, (size_t)pos);
        free(d);
        break;
    }
    default:
        break;
    }
    if (t == T_DICT) {
        c->dlen = 1 + byte(s) % 5;
        c->doffs = malloc((size_t)(c->dlen + 1) * 4);
        char *d = malloc(20 * (size_t)c->dlen + 1);
        int32_t pos = 0;
        for (int64_t i = 0; i <= c->dlen; i++) {
            c->doffs[i] = pos;
            if (i < c->dlen) {
                size_t l = gen_text(s, text);
                memcpy(d + pos, text, l);
                pos += (int32_t)l;
            }
        }
        c->ddata = d;
        for (int64_t i = 0; i < n; i++) /* indices inside the dictionary */
            ((int8_t *)c->values)[i] = (int8_t)(((uint8_t)((int8_t *)c->values)[i]) % c->dlen);
    }
    /* The ArrowArray and ArrowSchema. */
    c->sch.format = formats[t];
    c->sch.release = noop_schema;
    c->arr.length = c->len;
    c->arr.offset = c->off;
    c->arr.null_count = c->has_valid ? -1 : 0;
    c->arr.release = noop_array;
    c->bufs[0] = c->valid;
    c->bufs[1] = c->values;
    c->arr.buffers = c->bufs;
    c->arr.n_buffers = t == T_NULL ? 0 : 2;
    if (t == T_UTF8 || t == T_LUTF8 || t == T_BIN) {
        c->bufs[2] = c->data;
        c->arr.n_buffers = 3;
    }
    if (t == T_VIEW) {
        c->bufs[2] = c->vdata;
        c->bufs[3] = &c->vsize;
        c->arr.n_buffers = 4;
    }
    if (t == T_DICT) {
        c->dsch.format = "u";
        c->dsch.release = noop_schema;
        c->sch.dictionary = &c->dsch;
        c->dbufs[1] = c->doffs;
        c->dbufs[2] = c->ddata;
        c->dict.length = c->dlen;
        c->dict.n_buffers = 3;
        c->dict.buffers = c->dbufs;
        c->dict.release = noop_array;
        c->arr.dictionary = &c->dict;
    }
}

static void free_col(col *c)
{
    free(c->valid);
    free(c->values);
    free(c->data);
    free(c->vdata);
    free(c->doffs);
    free(c->ddata);
}

/* ---- the oracle: the cells the rules give ------------------------------------------------------ */

typedef struct cells {
    uint8_t types[MAXC];
    double numbers[MAXC];
    int64_t integers[MAXC];
    const char *texts[MAXC];
    size_t lengths[MAXC];
    char buf[MAXC][80];
} cells;

static void civil(int64_t z, int64_t *y, int *m, int *d)
{
    /* Proleptic Gregorian from days since 1970-01-01, written from the 400-year cycle. */
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

static int64_t fdiv(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static void text_cell(cells *x, int j, const char *s, size_t n)
{
    x->types[j] = FAST_TYPE_STRING;
    x->texts[j] = s;
    x->lengths[j] = n;
}

static void own_text(cells *x, int j, int n)
{
    text_cell(x, j, x->buf[j], (size_t)n);
}

/* Dates and date-times a cell holds: 1900-01-01..9999-12-31. */
static int in_range(int64_t day)
{
    int64_t y;
    int m, d;
    civil(day, &y, &m, &d);
    return y >= 1900 && y <= 9999;
}

static void datetime_cell(cells *x, int j, int64_t v, int64_t per_sec, int64_t ms)
{
    if (in_range(fdiv(ms, 86400000))) {
        x->types[j] = FAST_TYPE_DATETIME;
        x->integers[j] = ms;
        return;
    }
    int64_t secs = fdiv(v, per_sec), frac = v - secs * per_sec, day = fdiv(secs, 86400), sod = secs - day * 86400;
    int64_t y;
    int m, d;
    civil(day, &y, &m, &d);
    int n = snprintf(x->buf[j], 80, "%04lld-%02d-%02d %02d:%02d:%02d", (long long)y, m, d, (int)(sod / 3600),
                     (int)(sod / 60 % 60), (int)(sod % 60));
    if (frac) {
        n += snprintf(x->buf[j] + n, 80 - (size_t)n, ".%0*lld", per_sec == 1000 ? 3 : 6, (long long)frac);
        while (x->buf[j][n - 1] == '0')
            n--;
    }
    own_text(x, j, n);
}

static void expect_cell(const col *c, int64_t i, cells *x, int j)
{
    x->types[j] = FAST_TYPE_BLANK;
    if (c->type == T_NULL || !valid_at(c, i))
        return;
    char *b = x->buf[j];
    switch (c->type) {
    case T_BOOL:
        x->types[j] = FAST_TYPE_BOOLEAN;
        x->integers[j] = ((const uint8_t *)c->values)[i >> 3] >> (i & 7) & 1;
        return;
    case T_I8:
        x->types[j] = FAST_TYPE_INTEGER;
        x->integers[j] = ((const int8_t *)c->values)[i];
        return;
    case T_I32:
        x->types[j] = FAST_TYPE_INTEGER;
        x->integers[j] = ((const int32_t *)c->values)[i];
        return;
    case T_I64:
    case T_U64: {
        int64_t v = ((const int64_t *)c->values)[i];
        uint64_t u = (uint64_t)v;
        int small = c->type == T_I64 ? (v >= -9007199254740992LL && v <= 9007199254740992LL)
                                     : u <= 9007199254740992ULL;
        if (small) {
            x->types[j] = FAST_TYPE_INTEGER;
            x->integers[j] = v;
        } else {
            own_text(x, j, c->type == T_I64 ? snprintf(b, 80, "%lld", (long long)v)
                                            : snprintf(b, 80, "%llu", (unsigned long long)u));
        }
        return;
    }
    case T_F32:
    case T_F64: {
        double v;
        if (c->type == T_F64) {
            v = ((const double *)c->values)[i];
        } else {
            float f;
            memcpy(&f, (const uint32_t *)c->values + i, 4);
            v = f;
            if (isfinite(f) && f != 0) {
                /* The shortest decimal that strtof() reads back as the float: at each length
                 * the nearest (printf's rounding) and its two neighbours, since next to a
                 * power of two the interval is lopsided; of those that read back the
                 * closest, of two as close the even one. */
                for (int prec = 1; prec <= 9; prec++) {
                    snprintf(b, 80, "%.*e", prec - 1, fabs((double)f));
                    long long m = 0;
                    for (const char *q = b; *q && *q != 'e'; q++)
                        if (*q >= '0' && *q <= '9')
                            m = m * 10 + (*q - '0');
                    int e10 = atoi(strchr(b, 'e') + 1) - (prec - 1);
                    double best = 0, bestd = INFINITY;
                    for (long long cand = m - 1; cand <= m + 1; cand++) {
                        char t[64];
                        snprintf(t, sizeof t, "%s%llde%d", f < 0 ? "-" : "", cand, e10);
                        if (cand <= 0 || strtof(t, NULL) != f)
                            continue;
                        double dv = strtod(t, NULL), dist = fabs(dv - (double)f);
                        if (dist < bestd || (dist == bestd && cand % 2 == 0)) {
                            best = dv;
                            bestd = dist;
                        }
                    }
                    if (bestd < INFINITY) {
                        v = best;
                        break;
                    }
                }
            }
        }
        if (isnan(v))
            text_cell(x, j, "NaN", 3);
        else if (isinf(v))
            text_cell(x, j, v > 0 ? "Infinity" : "-Infinity", v > 0 ? 8 : 9);
        else {
            x->types[j] = FAST_TYPE_NUMBER;
            x->numbers[j] = v;
        }
        return;
    }
    case T_DEC: { /* d:30,3 from an int64 two's complement extended to 128 bits */
        int64_t v = (int64_t)((const uint64_t *)c->values)[2 * i];
        char digits[32];
        int nd = snprintf(digits, sizeof digits, "%llu",
                          (unsigned long long)(v < 0 ? 0 - (uint64_t)v : (uint64_t)v));
        int sig = nd;
        while (sig > 1 && digits[sig - 1] == '0')
            sig--;
        if (v == 0 || sig <= 15) {
            x->types[j] = FAST_TYPE_NUMBER;
            x->numbers[j] = v == 0 ? 0.0 : (v < 0 ? -1 : 1) * strtod((snprintf(b, 80, "%se-3", digits), b), NULL);
            return;
        }
        int n = snprintf(b, 80, "%s%.*s.%s", v < 0 ? "-" : "", nd - 3, digits, digits + nd - 3);
        own_text(x, j, n);
        return;
    }
    case T_UTF8:
    case T_LUTF8:
    case T_BIN: {
        int64_t a, e;
        if (c->type == T_LUTF8) {
            a = ((const int64_t *)c->values)[i];
            e = ((const int64_t *)c->values)[i + 1];
        } else {
            a = ((const int32_t *)c->values)[i];
            e = ((const int32_t *)c->values)[i + 1];
        }
        if (c->type != T_BIN) {
            text_cell(x, j, c->data + a, (size_t)(e - a));
            return;
        }
        int n = snprintf(b, 80, "\\x");
        for (int64_t k = a; k < e; k++)
            n += snprintf(b + n, 80 - (size_t)n, "%02x", (unsigned char)c->data[k]);
        own_text(x, j, n);
        return;
    }
    case T_VIEW: {
        const unsigned char *v = (const unsigned char *)c->values + 16 * i;
        int32_t l, o;
        memcpy(&l, v, 4);
        memcpy(&o, v + 12, 4);
        text_cell(x, j, l <= 12 ? (const char *)v + 4 : c->vdata + o, (size_t)l);
        return;
    }
    case T_DATE32: {
        int32_t dd = ((const int32_t *)c->values)[i];
        if (in_range(dd)) {
            x->types[j] = FAST_TYPE_DATE;
            x->integers[j] = dd;
        } else {
            int64_t y;
            int m, d;
            civil(dd, &y, &m, &d);
            own_text(x, j, snprintf(b, 80, "%04lld-%02d-%02d", (long long)y, m, d));
        }
        return;
    }
    case T_TSMS: {
        int64_t v = ((const int64_t *)c->values)[i];
        datetime_cell(x, j, v, 1000, v);
        return;
    }
    case T_TSUS_OFF: {
        int64_t v = ((const int64_t *)c->values)[i] + INT64_C(3600000000); /* +01:00 */
        datetime_cell(x, j, v, 1000000, fdiv(v + 500, 1000));
        return;
    }
    case T_DICT: {
        int k = ((const int8_t *)c->values)[i];
        text_cell(x, j, c->ddata + c->doffs[k], (size_t)(c->doffs[k + 1] - c->doffs[k]));
        return;
    }
    default:
        return;
    }
}

/* ---- one run ----------------------------------------------------------------------------------- */

static fast_workbook *new_book(out *o, unsigned threads, uint32_t per_sheet)
{
    fast_workbook *wb = fast_workbook_new_callback(put, o);
    CHECK(wb, "no workbook");
    fast_workbook_set_compression_level(wb, 0);
    fast_workbook_set_created_time(wb, 0);
    if (threads)
        fast_workbook_set_threads(wb, threads);
    fast_workbook_set_rows_per_sheet(wb, per_sheet);
    CHECK(fast_workbook_add_worksheet(wb, "A", 1) == FAST_OK, "add_worksheet");
    return wb;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    in s = {data, size};
    unsigned h = byte(&s);
    int ncols = 1 + (int)(h % MAXC);
    int64_t rows = byte(&s) % (MAXR + 1);
    int64_t base = byte(&s) % 4;
    unsigned flags = byte(&s);
    int header = flags & 1, hex = flags >> 1 & 1;
    unsigned threads = flags >> 2 & 1 ? 2 : 0;
    uint32_t per_sheet = flags >> 3 & 1 ? 2 + byte(&s) % 20 : FAST_MAX_ROWS;
    unsigned breakage = byte(&s) % 16; /* 0..7: one way to break the batch, else none */

    col cols[MAXC];
    memset(cols, 0, sizeof cols);
    struct ArrowSchema *sch_ptrs[MAXC];
    struct ArrowArray *arr_ptrs[MAXC];
    int refused = 0;
    for (int j = 0; j < ncols; j++) {
        build_col(&s, &cols[j], base + rows, hex);
        snprintf(cols[j].name, sizeof cols[j].name, "c%d", j % 10);
        cols[j].sch.name = cols[j].name;
        sch_ptrs[j] = &cols[j].sch;
        arr_ptrs[j] = &cols[j].arr;
        if (cols[j].type == T_BIN && !hex)
            refused = 1;
    }
    struct ArrowSchema schema = {.format = "+s", .name = "", .n_children = ncols, .children = sch_ptrs,
                                 .release = noop_schema};
    const void *sbufs[1] = {NULL};
    struct ArrowArray array = {.length = rows, .offset = base, .n_buffers = 1, .n_children = ncols,
                               .buffers = sbufs, .children = arr_ptrs, .release = noop_array};

    /* One way to break it, each detectable from the interface. */
    int broken = 0;
    col *bc = &cols[byte(&s) % ncols];
    int64_t at = rows ? bc->off + base + (int64_t)(byte(&s) % rows) : 0;
    switch (breakage) {
    case 0: /* a view's buffer count is its data buffers': not a fixed layout */
        if (bc->type != T_VIEW) {
            bc->arr.n_buffers += 1 + byte(&s) % 2;
            broken = 1;
        }
        break;
    case 1:
        if (base + rows > 0) { /* one entry short of the struct's offset + length */
            bc->arr.length = base + rows - 1;
            broken = 1;
        }
        break;
    case 2:
        bc->arr.release = NULL;
        broken = 1;
        break;
    case 3:
        if (bc->type != T_NULL && rows) {
            bc->arr.null_count = 1;
            bc->bufs[0] = NULL;
            broken = 1;
        }
        break;
    case 4:
        if ((bc->type == T_UTF8 || bc->type == T_BIN) && rows) {
            ((int32_t *)bc->values)[at + 1] = -1 - (int32_t)(byte(&s) % 3); /* below its neighbour */
            broken = 1;
        }
        break;
    case 5:
        if (bc->type == T_DICT && rows && valid_at(bc, at)) {
            ((int8_t *)bc->values)[at] = (int8_t)(bc->dlen + byte(&s) % 3);
            broken = 1;
        }
        break;
    case 6:
        if (bc->type == T_VIEW && rows && valid_at(bc, at)) {
            unsigned char *v = (unsigned char *)bc->values + 16 * at;
            int32_t l = 13 + (int32_t)(byte(&s) % 5), o = (int32_t)bc->vsize, one = 1;
            memcpy(v, &l, 4);
            if (byte(&s) % 2)
                memcpy(v + 8, &one, 4); /* a data buffer that does not exist */
            else
                memcpy(v + 12, &o, 4); /* past the end of the buffer */
            broken = 1;
        }
        break;
    case 7:
        array.n_children = ncols + 1;
        broken = 1;
        break;
    default:
        break;
    }

    out got = {0}, want = {0};
    fast_workbook *wa = new_book(&got, threads, per_sheet);
    fast_arrow_options *opts = fast_arrow_options_new();
    CHECK(opts, "options");
    fast_arrow_options_set_header(opts, header);
    fast_arrow_options_set_binary_hex(opts, hex);
    fast_status st = fast_workbook_write_arrow(wa, &schema, &array, opts);
    fast_arrow_options_free(opts);
    fast_workbook *wt = new_book(&want, threads, per_sheet);
    if (getenv("FUZZ_ARROW_STATS"))
        fprintf(stderr, "arrow: %d columns, %lld rows, %s\n", ncols, (long long)rows,
                refused ? "refused" : broken ? "broken" : "written");
    if (refused || broken) {
        /* Types are checked (schema) before the array's layout. */
        fast_status expect = refused ? FAST_ERROR_CELL_TYPE : FAST_ERROR_INVALID_ARGUMENT;
        CHECK(st == expect, "status %d, want %d (breakage %u): %s", (int)st, (int)expect, breakage,
              fast_workbook_error_message(wa));
        CHECK(fast_workbook_status(wa) == FAST_OK, "a refused batch is not sticky");
    } else {
        CHECK(st == FAST_OK, "status %d: %s", (int)st, fast_workbook_error_message(wa));
        cells x;
        if (header) {
            if (per_sheet > 1)
                fast_workbook_set_header_rows(wt, 1);
            memset(&x, 0, sizeof x);
            for (int j = 0; j < ncols; j++)
                text_cell(&x, j, cols[j].name, strlen(cols[j].name));
            CHECK(fast_workbook_write_row_typed(wt, x.types, x.numbers, x.integers, x.texts, x.lengths, NULL,
                                                (size_t)ncols) == FAST_OK, "typed header");
        }
        for (int64_t r = 0; r < rows; r++) {
            memset(&x, 0, sizeof x);
            for (int j = 0; j < ncols; j++)
                expect_cell(&cols[j], cols[j].off + base + r, &x, j);
            fast_status tst = fast_workbook_write_row_typed(wt, x.types, x.numbers, x.integers, x.texts, x.lengths,
                                                            NULL, (size_t)ncols);
            CHECK(tst == FAST_OK, "typed row %lld: %s", (long long)r, fast_workbook_error_message(wt));
        }
    }
    CHECK(fast_workbook_close(wa) == FAST_OK, "close: %s", fast_workbook_error_message(wa));
    CHECK(fast_workbook_close(wt) == FAST_OK, "close: %s", fast_workbook_error_message(wt));
    fast_workbook_free(wa);
    fast_workbook_free(wt);
    if (getenv("FUZZ_ARROW_DUMP") && (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)) {
        FILE *f = fopen("/tmp/fuzz_arrow_got.xlsx", "wb");
        fwrite(got.data, 1, got.len, f);
        fclose(f);
        f = fopen("/tmp/fuzz_arrow_want.xlsx", "wb");
        fwrite(want.data, 1, want.len, f);
        fclose(f);
    }
    CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0,
          "the Arrow workbook (%zu bytes) differs from the typed rows' (%zu bytes)", got.len, want.len);
    free(got.data);
    free(want.data);
    for (int j = 0; j < ncols; j++)
        free_col(&cols[j]);
    return 0;
}
