/*
 * arrow.c - record batches of the Arrow C Data Interface (and the batches of
 * an ArrowArrayStream, the C Stream Interface) written as worksheet rows.
 *
 * A batch is checked whole first: the schema's format strings give each column
 * a kind (refused kinds name the field and its format), and the array is
 * validated against the layout the kind implies (buffer and child counts,
 * lengths, offsets, views, dictionary indices) before any value is read. Then
 * each row's values go straight into the internal cell array that
 * fast_workbook_write_row_typed() fills (lib/typed.c), and from there through
 * the one row path (checks, rendering, workers), so the output is the typed
 * call's, byte for byte. The rules for which value becomes which cell are in
 * fastxlsx.h, with their reasons.
 */
#include "internal.h"
#include "cells.h"
#include "date.h"
#include "tz.h"
#include "workbook.h"
#include "xml.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TWO_POW_53 INT64_C(9007199254740992)
#define MIN_DAYS (-25567)   /* 1900-01-01 */
#define MAX_DAYS 2932896    /* 9999-12-31 */
#define HEX_MAX_BYTES 16384 /* more than a cell's 32,767 characters once written as hex */
#define WHY_MAX 160

struct fast_arrow_options {
    int header;
    int lossy;
    int hex;
    const fast_format **formats;
    size_t nformats;
};

FAST_API fast_arrow_options *fast_arrow_options_new(void)
{
    fast_arrow_options *o = calloc(1, sizeof *o);
    if (o)
        o->header = 1;
    return o;
}

FAST_API void fast_arrow_options_free(fast_arrow_options *options)
{
    if (!options)
        return;
    free(options->formats);
    free(options);
}

FAST_API fast_status fast_arrow_options_set_header(fast_arrow_options *options, int on)
{
    if (!options)
        return FAST_ERROR_INVALID_ARGUMENT;
    options->header = on != 0;
    return FAST_OK;
}

FAST_API fast_status fast_arrow_options_set_lossy_numbers(fast_arrow_options *options, int on)
{
    if (!options)
        return FAST_ERROR_INVALID_ARGUMENT;
    options->lossy = on != 0;
    return FAST_OK;
}

FAST_API fast_status fast_arrow_options_set_binary_hex(fast_arrow_options *options, int on)
{
    if (!options)
        return FAST_ERROR_INVALID_ARGUMENT;
    options->hex = on != 0;
    return FAST_OK;
}

FAST_API fast_status fast_arrow_options_set_column_format(fast_arrow_options *options, size_t column,
                                                          const fast_format *format)
{
    if (!options || column >= FAST_MAX_COLUMNS)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (column >= options->nformats) {
        if (!format)
            return FAST_OK;
        size_t n = column + 1;
        const fast_format **f = realloc(options->formats, n * sizeof *f);
        if (!f)
            return FAST_ERROR_NOMEM;
        for (size_t i = options->nformats; i < n; i++)
            f[i] = NULL;
        options->formats = f;
        options->nformats = n;
    }
    options->formats[column] = format;
    return FAST_OK;
}

/* ---- column kinds ------------------------------------------------------------------- */

typedef enum kind {
    K_NULL, K_BOOL, K_I8, K_I16, K_I32, K_I64, K_U8, K_U16, K_U32, K_U64, K_F16, K_F32, K_F64, K_DECIMAL,
    K_UTF8, K_LUTF8, K_VUTF8, K_BIN, K_LBIN, K_VBIN, K_FBIN, K_DATE32, K_DATE64, K_TIMESTAMP, K_TIME32,
    K_TIME64, K_DURATION, K_IVL_MONTHS, K_IVL_DAYTIME, K_IVL_MDN
} kind;

/* What a column's values are: its kind and what the format string adds. */
typedef struct ctype {
    kind k;
    int64_t per_sec;   /* timestamps, times, durations: units per second */
    int bits;          /* decimals: 32, 64, 128, 256 */
    int scale;         /* decimals */
    int32_t width;     /* fixed-size binary: bytes */
    int zoned;         /* timestamps: converted to the wall-clock time of tz */
    fx_tz *tz;
} ctype;

/* One column of the batch: its type (after a dictionary, the values' type), and
 * the buffers of the current batch. */
typedef struct acol {
    const char *name, *format; /* the field's */
    ctype t;
    int dict;           /* dictionary-encoded: idx holds the indices */
    kind ik;            /* the index type */
    /* The values (the dictionary's values for a dictionary column). */
    const struct ArrowArray *arr;
    int64_t off;        /* arr->offset */
    const uint8_t *valid;
    const void *values;
    const char *data;   /* utf8 and binary data */
    const char *const *vbufs; /* view data buffers */
    const int64_t *vsizes;
    int64_t nvbufs;
    /* The indices of a dictionary column, or (not dict) unused. */
    int64_t ioff;
    const uint8_t *ivalid;
    const void *ivalues;
    int64_t dict_len;
    size_t text_max;    /* bytes of text a cell of this column may be written as */
    int32_t max_bin;    /* binary: the longest value's bytes (capped) */
} acol;

typedef struct actx {
    fast_workbook *wb;
    const char *fn;
    const fast_arrow_options *opt;
    fast_arrow_options defaults;
    size_t ncols;
    acol *cols;
    int64_t base;     /* the struct's offset */
    int64_t rows;     /* the struct's length */
    const uint8_t *row_valid;
    char *arena;      /* text made for one row's cells */
    size_t arena_cap;
    const fast_format *time_format, *duration_format;
    uint64_t written; /* rows this call wrote, header row included */
    char why[WHY_MAX];
} actx;

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* The column's letter, field name and format, for messages. */
static fast_status col_reject(actx *cx, size_t j, fast_status st, const char *what)
{
    char col[FX_COL_NAME_MAX + 1];
    col[fx_col_name((uint32_t)j, col)] = 0;
    const acol *c = &cx->cols[j];
    return fx_reject(&cx->wb->err, st, "%s: column %s ('%.60s', format '%.40s'): %s", cx->fn, col, nz(c->name),
                     nz(c->format), what);
}

static int parse_int(const char **s, int64_t lo, int64_t hi, int64_t *out)
{
    const char *p = *s;
    int neg = *p == '-';
    if (neg)
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    int64_t v = 0;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        if (v > 1000000000)
            return -1;
    }
    v = neg ? -v : v;
    if (v < lo || v > hi)
        return -1;
    *s = p;
    *out = v;
    return 0;
}

static int64_t unit_per_sec(char u)
{
    switch (u) {
    case 's': return 1;
    case 'm': return 1000;
    case 'u': return 1000000;
    case 'n': return 1000000000;
    default: return 0;
    }
}

/* The kind of format string @f; 0, or -1 with the reason in @why (refused). */
static int parse_type(actx *cx, const char *f, ctype *t, int allow_binary)
{
    memset(t, 0, sizeof *t);
    if (!f || !*f) {
        snprintf(cx->why, WHY_MAX, "no format string");
        return -1;
    }
    static const struct {
        const char *f;
        kind k;
    } simple[] = {{"n", K_NULL},   {"b", K_BOOL},   {"c", K_I8},     {"s", K_I16},    {"i", K_I32},
                  {"l", K_I64},    {"C", K_U8},     {"S", K_U16},    {"I", K_U32},    {"L", K_U64},
                  {"e", K_F16},    {"f", K_F32},    {"g", K_F64},    {"u", K_UTF8},   {"U", K_LUTF8},
                  {"vu", K_VUTF8}, {"z", K_BIN},    {"Z", K_LBIN},   {"vz", K_VBIN},  {"tdD", K_DATE32},
                  {"tdm", K_DATE64}, {"tiM", K_IVL_MONTHS}, {"tiD", K_IVL_DAYTIME}, {"tin", K_IVL_MDN}};
    for (size_t k = 0; k < sizeof simple / sizeof simple[0]; k++)
        if (strcmp(f, simple[k].f) == 0) {
            t->k = simple[k].k;
            goto binary;
        }
    if (f[0] == 'd' && f[1] == ':') { /* d:P,S[,BITS] */
        const char *p = f + 2;
        int64_t prec, scale, bits = 128;
        if (parse_int(&p, 1, 76, &prec) || *p++ != ',' || parse_int(&p, -100, 100, &scale) ||
            (*p == ',' && (p++, parse_int(&p, 32, 256, &bits))) || *p ||
            (bits != 32 && bits != 64 && bits != 128 && bits != 256)) {
            snprintf(cx->why, WHY_MAX, "decimal format not understood (or a scale beyond +/-100)");
            return -1;
        }
        t->k = K_DECIMAL;
        t->bits = (int)bits;
        t->scale = (int)scale;
        return 0;
    }
    if (f[0] == 'w' && f[1] == ':') {
        const char *p = f + 2;
        int64_t w;
        if (parse_int(&p, 1, INT32_MAX, &w) || *p) {
            snprintf(cx->why, WHY_MAX, "fixed-size binary format not understood");
            return -1;
        }
        t->k = K_FBIN;
        t->width = (int32_t)w;
        goto binary;
    }
    if (f[0] == 't' && (f[1] == 't' || f[1] == 'D') && unit_per_sec(f[2]) && !f[3]) {
        t->per_sec = unit_per_sec(f[2]);
        t->k = f[1] == 'D' ? K_DURATION : (f[2] == 's' || f[2] == 'm') ? K_TIME32 : K_TIME64;
        return 0;
    }
    if (f[0] == 't' && f[1] == 's' && unit_per_sec(f[2]) && f[3] == ':') {
        t->k = K_TIMESTAMP;
        t->per_sec = unit_per_sec(f[2]);
        if (f[4]) {
            int rc = fx_tz_load(f + 4, &t->tz, cx->why, WHY_MAX);
            if (rc < 0) {
                snprintf(cx->why, WHY_MAX, "out of memory");
                return -2;
            }
            if (rc > 0)
                return -1;
            t->zoned = 1;
        }
        return 0;
    }
    if (f[0] == '+') {
        const char *what = f[1] == 'l' || f[1] == 'L' ? "list" : f[1] == 'v' ? "list view"
                         : f[1] == 'w' ? "fixed-size list" : f[1] == 's' ? "struct" : f[1] == 'm' ? "map"
                         : f[1] == 'u' ? "union" : f[1] == 'r' ? "run-end encoded" : "nested";
        snprintf(cx->why, WHY_MAX, "%s columns are not supported", what);
        return -1;
    }
    snprintf(cx->why, WHY_MAX, "unsupported Arrow type");
    return -1;
binary:
    if ((t->k == K_BIN || t->k == K_LBIN || t->k == K_VBIN || t->k == K_FBIN) && !allow_binary) {
        snprintf(cx->why, WHY_MAX, "binary columns are refused unless fast_arrow_options_set_binary_hex() is on");
        return -1;
    }
    return 0;
}

static int is_index_kind(const char *f, kind *k)
{
    static const char idx[] = "csilCSIL";
    static const kind kinds[] = {K_I8, K_I16, K_I32, K_I64, K_U8, K_U16, K_U32, K_U64};
    if (!f || !f[0] || f[1])
        return 0;
    const char *p = strchr(idx, f[0]);
    if (!p)
        return 0;
    *k = kinds[p - idx];
    return 1;
}

static void free_columns(actx *cx)
{
    for (size_t j = 0; j < cx->ncols; j++)
        fx_tz_free(cx->cols[j].t.tz);
    free(cx->cols);
    cx->cols = NULL;
    cx->ncols = 0;
    free(cx->arena);
    cx->arena = NULL;
    cx->arena_cap = 0;
}

static fast_status add_time_formats(actx *cx)
{
    const char *codes[2] = {"hh:mm:ss", "[h]:mm:ss"};
    const fast_format **slot[2] = {&cx->time_format, &cx->duration_format};
    for (int k = 0; k < 2; k++) {
        fast_format *f = fast_workbook_add_format(cx->wb);
        if (!f)
            return cx->wb->err.status != FAST_OK ? cx->wb->err.status : FAST_ERROR_NOMEM;
        fast_status st = fast_format_set_num_format(f, codes[k], strlen(codes[k]));
        if (st != FAST_OK)
            return fx_fail(&cx->wb->err, st, "%s: out of memory adding a number format", cx->fn);
        *slot[k] = f;
    }
    return FAST_OK;
}

/* The columns' kinds from @schema; a refused column names itself. */
static fast_status prepare(actx *cx, const struct ArrowSchema *schema)
{
    if (!schema->release)
        return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: the schema is released", cx->fn);
    if (!schema->format || strcmp(schema->format, "+s") != 0)
        return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: the schema's format is '%.40s', not a struct ('+s') of columns", cx->fn,
                         nz(schema->format));
    if (schema->n_children < 0 || (schema->n_children > 0 && !schema->children))
        return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: the schema's children are malformed",
                         cx->fn);
    if (schema->n_children > (int64_t)FAST_MAX_COLUMNS)
        return fx_reject(&cx->wb->err, FAST_ERROR_COLUMN_LIMIT, "%s: %lld columns, more than %u", cx->fn,
                         (long long)schema->n_children, FAST_MAX_COLUMNS);
    size_t n = (size_t)schema->n_children;
    cx->cols = calloc(n ? n : 1, sizeof *cx->cols);
    if (!cx->cols)
        return fx_fail(&cx->wb->err, FAST_ERROR_NOMEM, "%s: out of memory", cx->fn);
    cx->ncols = n;
    int need_time = 0;
    for (size_t j = 0; j < n; j++) {
        const struct ArrowSchema *s = schema->children[j];
        acol *c = &cx->cols[j];
        if (!s)
            return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: the schema's child %zu is NULL",
                             cx->fn, j);
        c->name = s->name;
        c->format = s->format;
        const struct ArrowSchema *vs = s;
        if (s->dictionary) {
            if (!is_index_kind(s->format, &c->ik))
                return col_reject(cx, j, FAST_ERROR_INVALID_ARGUMENT,
                                  "a dictionary's index type must be an integer");
            c->dict = 1;
            vs = s->dictionary;
            if (vs->dictionary)
                return col_reject(cx, j, FAST_ERROR_CELL_TYPE, "nested dictionaries are not supported");
        }
        int rc = parse_type(cx, vs->format, &c->t, cx->opt->hex);
        if (rc == -2)
            return fx_fail(&cx->wb->err, FAST_ERROR_NOMEM, "%s: out of memory loading a time zone", cx->fn);
        if (rc < 0) {
            char why[WHY_MAX];
            if (c->dict)
                snprintf(why, sizeof why, "dictionary values of format '%.40s': %.100s", nz(vs->format), cx->why);
            else
                snprintf(why, sizeof why, "%s", cx->why);
            return col_reject(cx, j, FAST_ERROR_CELL_TYPE, why);
        }
        if (c->t.k == K_TIME32 || c->t.k == K_TIME64 || c->t.k == K_DURATION)
            need_time = 1;
    }
    return need_time ? add_time_formats(cx) : FAST_OK;
}

/* ---- validation --------------------------------------------------------------------- */

static int bit(const uint8_t *bits, int64_t i)
{
    return bits[i >> 3] >> (i & 7) & 1;
}

static int64_t buffers_of(kind k)
{
    switch (k) {
    case K_NULL: return 0;
    case K_UTF8: case K_LUTF8: case K_BIN: case K_LBIN: return 3;
    default: return 2;
    }
}

static size_t value_bytes(const ctype *t)
{
    switch (t->k) {
    case K_I8: case K_U8: return 1;
    case K_I16: case K_U16: case K_F16: return 2;
    case K_I32: case K_U32: case K_F32: case K_DATE32: case K_TIME32: case K_IVL_MONTHS: return 4;
    case K_DECIMAL: return (size_t)t->bits / 8;
    case K_FBIN: return (size_t)t->width;
    case K_IVL_MDN: case K_VUTF8: case K_VBIN: return 16;
    default: return 8;
    }
}

static int64_t index_at(kind k, const void *v, int64_t i)
{
    switch (k) {
    case K_I8: return ((const int8_t *)v)[i];
    case K_I16: return ((const int16_t *)v)[i];
    case K_I32: return ((const int32_t *)v)[i];
    case K_U8: return ((const uint8_t *)v)[i];
    case K_U16: return ((const uint16_t *)v)[i];
    case K_U32: return ((const uint32_t *)v)[i];
    case K_U64: {
        uint64_t u = ((const uint64_t *)v)[i];
        return u > INT64_MAX ? -1 : (int64_t)u;
    }
    default: return ((const int64_t *)v)[i];
    }
}

/* The common shape of array @a, used for rows [@from, @from + @len) of itself
 * (offset not yet applied): 0 or -1 with cx->why. */
static int check_shape(actx *cx, const struct ArrowArray *a, int64_t nbuf_min, int64_t nbuf_max, int64_t from,
                       int64_t len)
{
    if (!a->release) {
        snprintf(cx->why, WHY_MAX, "the array is released");
        return -1;
    }
    if (a->length < 0 || a->offset < 0 || a->null_count < -1 || a->n_buffers < 0 || a->n_children < 0) {
        snprintf(cx->why, WHY_MAX, "negative length, offset, null count or count");
        return -1;
    }
    if (a->n_buffers < nbuf_min || a->n_buffers > nbuf_max || (a->n_buffers && !a->buffers)) {
        snprintf(cx->why, WHY_MAX, "%lld buffers where the layout has %lld", (long long)a->n_buffers,
                 (long long)nbuf_min);
        return -1;
    }
    if (a->offset > INT64_MAX - a->length || from > a->length || len > a->length - from) {
        snprintf(cx->why, WHY_MAX, "length %lld (offset %lld) does not hold the %lld rows needed",
                 (long long)a->length, (long long)a->offset, (long long)(from + len));
        return -1;
    }
    if (nbuf_min > 0 && !a->buffers[0] && a->null_count != 0 && len > 0) {
        snprintf(cx->why, WHY_MAX, "null count %lld without a validity bitmap", (long long)a->null_count);
        return -1;
    }
    return 0;
}

/* Validate the values array of column @c (the column itself, or its
 * dictionary) for its rows [@from, @from + @len), and bind its buffers. */
static int bind_values(actx *cx, acol *c, const struct ArrowArray *a, int64_t from, int64_t len)
{
    const ctype *t = &c->t;
    int view = t->k == K_VUTF8 || t->k == K_VBIN;
    int64_t nb = buffers_of(t->k);
    if (check_shape(cx, a, nb, view ? INT64_MAX : nb, from, len))
        return -1;
    if (a->n_children != 0) {
        snprintf(cx->why, WHY_MAX, "%lld children where the layout has none", (long long)a->n_children);
        return -1;
    }
    c->arr = a;
    c->off = a->offset;
    c->valid = nb ? a->buffers[0] : NULL;
    if (a->null_count == 0)
        c->valid = NULL;
    c->text_max = 0;
    if (t->k == K_NULL || len == 0)
        return 0;
    int64_t first = a->offset + from, end = first + len; /* physical rows */
    c->values = a->buffers[1];
    if (!c->values) {
        snprintf(cx->why, WHY_MAX, "the values buffer is NULL");
        return -1;
    }
    if (t->k != K_BOOL && (uint64_t)end > SIZE_MAX / 16 / (value_bytes(t) ? value_bytes(t) : 1)) {
        snprintf(cx->why, WHY_MAX, "length does not fit in memory");
        return -1;
    }
    switch (t->k) {
    case K_UTF8:
    case K_BIN:
    case K_LUTF8:
    case K_LBIN: {
        int wide = t->k == K_LUTF8 || t->k == K_LBIN;
        int64_t prev = wide ? ((const int64_t *)c->values)[first] : ((const int32_t *)c->values)[first];
        if (prev < 0) {
            snprintf(cx->why, WHY_MAX, "negative offset at row %lld", (long long)(first - a->offset));
            return -1;
        }
        int64_t longest = 0;
        for (int64_t i = first + 1; i <= end; i++) {
            int64_t o = wide ? ((const int64_t *)c->values)[i] : ((const int32_t *)c->values)[i];
            if (o < prev) {
                snprintf(cx->why, WHY_MAX, "offsets not increasing at row %lld", (long long)(i - 1 - a->offset));
                return -1;
            }
            if (o - prev > longest)
                longest = o - prev;
            prev = o;
        }
        if ((uint64_t)prev > SIZE_MAX / 4) {
            snprintf(cx->why, WHY_MAX, "offsets beyond memory");
            return -1;
        }
        c->data = a->buffers[2];
        if (!c->data && prev > 0) {
            snprintf(cx->why, WHY_MAX, "the data buffer is NULL");
            return -1;
        }
        c->max_bin = (int32_t)(longest > HEX_MAX_BYTES ? HEX_MAX_BYTES : longest);
        break;
    }
    case K_FBIN:
        c->max_bin = t->width > HEX_MAX_BYTES ? HEX_MAX_BYTES : t->width;
        break;
    case K_VUTF8:
    case K_VBIN: {
        int64_t nvar = a->n_buffers - 3; /* validity, views, data..., sizes */
        if (nvar < 0) {
            snprintf(cx->why, WHY_MAX, "%lld buffers: a view array has at least 3", (long long)a->n_buffers);
            return -1;
        }
        c->vbufs = (const char *const *)(a->buffers + 2);
        c->nvbufs = nvar;
        c->vsizes = a->buffers[a->n_buffers - 1];
        if (nvar && !c->vsizes) {
            snprintf(cx->why, WHY_MAX, "the data buffer sizes are NULL");
            return -1;
        }
        int64_t longest = 0;
        for (int64_t i = first; i < end; i++) {
            if (c->valid && !bit(c->valid, i))
                continue;
            const unsigned char *v = (const unsigned char *)c->values + 16 * i;
            int32_t l;
            memcpy(&l, v, 4);
            if (l < 0) {
                snprintf(cx->why, WHY_MAX, "negative view length at row %lld", (long long)(i - a->offset));
                return -1;
            }
            if (l > 12) {
                int32_t b, o;
                memcpy(&b, v + 8, 4);
                memcpy(&o, v + 12, 4);
                if (b < 0 || b >= nvar || o < 0 || !c->vbufs[b] || (int64_t)o + l > c->vsizes[b]) {
                    snprintf(cx->why, WHY_MAX, "view at row %lld points outside its data buffers",
                             (long long)(i - a->offset));
                    return -1;
                }
            }
            if (l > longest)
                longest = l;
        }
        c->max_bin = (int32_t)(longest > HEX_MAX_BYTES ? HEX_MAX_BYTES : longest);
        break;
    }
    case K_TIME32:
    case K_TIME64:
        for (int64_t i = first; i < end; i++) {
            if (c->valid && !bit(c->valid, i))
                continue;
            int64_t v = t->k == K_TIME32 ? ((const int32_t *)c->values)[i] : ((const int64_t *)c->values)[i];
            if (v < 0 || v > 86400 * t->per_sec) {
                snprintf(cx->why, WHY_MAX, "time of day %lld at row %lld is outside 0..24:00:00", (long long)v,
                         (long long)(i - a->offset));
                return -1;
            }
        }
        break;
    default:
        break;
    }
    switch (t->k) {
    case K_BIN: case K_LBIN: case K_VBIN: case K_FBIN: c->text_max = 2 + 2 * (size_t)c->max_bin; break;
    case K_DECIMAL: c->text_max = 200; break;
    case K_F16: case K_F32: case K_F64: case K_I64: case K_U64: case K_DATE32: case K_DATE64: case K_TIMESTAMP:
    case K_IVL_MONTHS: case K_IVL_DAYTIME: case K_IVL_MDN: c->text_max = 96; break;
    default: break;
    }
    return 0;
}

/* Validate column @j of the batch for the struct's rows and bind it. */
static int bind_column(actx *cx, size_t j, const struct ArrowArray *a)
{
    acol *c = &cx->cols[j];
    if (!a) {
        snprintf(cx->why, WHY_MAX, "the column's array is NULL");
        return -1;
    }
    if (!c->dict)
        return bind_values(cx, c, a, cx->base, cx->rows);
    if (check_shape(cx, a, 2, 2, cx->base, cx->rows))
        return -1;
    if (a->n_children != 0 || !a->dictionary) {
        snprintf(cx->why, WHY_MAX, "a dictionary-encoded array without its dictionary");
        return -1;
    }
    const struct ArrowArray *d = a->dictionary;
    if (!d->release || d->length < 0) {
        snprintf(cx->why, WHY_MAX, "the dictionary is released or malformed");
        return -1;
    }
    c->ioff = a->offset;
    c->ivalid = a->null_count == 0 ? NULL : a->buffers[0];
    c->ivalues = a->buffers[1];
    c->dict_len = d->length;
    int64_t first = a->offset + cx->base, end = first + cx->rows;
    if (cx->rows && !c->ivalues) {
        snprintf(cx->why, WHY_MAX, "the indices buffer is NULL");
        return -1;
    }
    for (int64_t i = first; i < end; i++) {
        if (c->ivalid && !bit(c->ivalid, i))
            continue;
        int64_t k = index_at(c->ik, c->ivalues, i);
        if (k < 0 || k >= d->length) {
            snprintf(cx->why, WHY_MAX, "dictionary index %lld at row %lld is outside the dictionary of %lld",
                     (long long)k, (long long)(i - a->offset), (long long)d->length);
            return -1;
        }
    }
    /* The whole dictionary is checked: any entry may be used. */
    return bind_values(cx, c, d, 0, d->length);
}

static fast_status bind(actx *cx, const struct ArrowArray *array)
{
    if (!array->release)
        return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: the array is released", cx->fn);
    if (array->n_children != (int64_t)cx->ncols || (array->n_children && !array->children) ||
        array->length < 0 || array->offset < 0 || array->n_buffers != 1 || !array->buffers ||
        array->offset > INT64_MAX - array->length)
        return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: the array is not a struct array of the schema's %zu columns (%lld children, "
                         "%lld buffers, length %lld, offset %lld)",
                         cx->fn, cx->ncols, (long long)array->n_children, (long long)array->n_buffers,
                         (long long)array->length, (long long)array->offset);
    cx->base = array->offset;
    cx->rows = array->length;
    cx->row_valid = array->null_count == 0 ? NULL : array->buffers[0];
    if (array->null_count != 0 && !cx->row_valid && array->length)
        return fx_reject(&cx->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: the struct array has a null count of %lld but no validity bitmap", cx->fn,
                         (long long)array->null_count);
    size_t text = 0;
    for (size_t j = 0; j < cx->ncols; j++) {
        if (bind_column(cx, j, array->children[j])) {
            char why[WHY_MAX];
            memcpy(why, cx->why, WHY_MAX);
            return col_reject(cx, j, FAST_ERROR_INVALID_ARGUMENT, why);
        }
        text += cx->cols[j].text_max;
    }
    if (text > cx->arena_cap) {
        char *a = realloc(cx->arena, text);
        if (!a)
            return fx_fail(&cx->wb->err, FAST_ERROR_NOMEM, "%s: out of memory", cx->fn);
        cx->arena = a;
        cx->arena_cap = text;
    }
    return fast_workbook_status(cx->wb);
}

/* ---- values to cells ---------------------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static void set_text(fx_cell *cell, const char *s, size_t len)
{
    cell->type = FX_CELL_STRING;
    cell->v.str.ptr = s;
    cell->v.str.len = len;
}

/* psql's date text (DateStyle ISO): zero-padded year, " BC" for years <= 0. */
static size_t date_text(char *out, int64_t days)
{
    int64_t y;
    int m, d;
    fx_civil_from_days(days, &y, &m, &d);
    int bc = y <= 0;
    return (size_t)sprintf(out, "%04lld-%02d-%02d", (long long)(bc ? 1 - y : y), m, d);
}

static size_t bc_suffix(char *out, int64_t days)
{
    int64_t y;
    int m, d;
    fx_civil_from_days(days, &y, &m, &d);
    return y <= 0 ? (size_t)sprintf(out, " BC") : 0;
}

/* A date-time @ms since 1970 (wall clock): a cell, or the text of @v units (@per_sec a second) for a
 * time that a cell cannot hold. */
static void set_datetime(fx_cell *cell, int64_t ms, int exact_ok, int64_t v, int64_t per_sec, char **arena)
{
    int64_t day = floor_div(ms, 86400000);
    if (exact_ok && day >= MIN_DAYS && day <= MAX_DAYS) {
        cell->type = FX_CELL_DATETIME;
        fx_cell_set_days(cell, day, ms - day * 86400000);
        return;
    }
    /* Text as PostgreSQL prints a timestamp, from the exact value. */
    int64_t secs = floor_div(v, per_sec), frac = v - secs * per_sec;
    int64_t sday = floor_div(secs, 86400), sod = secs - sday * 86400;
    char *s = *arena;
    size_t n = date_text(s, sday);
    n += (size_t)sprintf(s + n, " %02d:%02d:%02d", (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
    if (frac) {
        int digits = per_sec == 1000 ? 3 : per_sec == 1000000 ? 6 : 9;
        n += (size_t)sprintf(s + n, ".%0*lld", digits, (long long)frac);
        while (s[n - 1] == '0')
            n--;
    }
    n += bc_suffix(s + n, sday);
    set_text(cell, s, n);
    *arena += n;
}

/* Half precision to double (exact). */
static double half_value(uint16_t h)
{
    int e = h >> 10 & 0x1F, m = h & 0x3FF;
    double v = e == 0 ? ldexp(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(m | 0x400, e - 25);
    return h & 0x8000 ? -v : v;
}

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* 10^@k to within a few ulps (for choosing candidates, not for results). */
static double pow10_approx(int k)
{
    double r = 1;
    for (; k > 22; k -= 22)
        r *= 1e22;
    for (; k < -22; k += 22)
        r /= 1e22;
    return k >= 0 ? r * pow10_exact[k] : r / pow10_exact[-k];
}

/* The double nearest to @m * 10^@e (@m < 2^53), correctly rounded. */
static double scaled(uint64_t m, int e)
{
    if (e >= -22 && e <= 22)
        return e >= 0 ? (double)m * pow10_exact[e] : (double)m / pow10_exact[-e];
    char buf[48]; /* digits and an exponent, no radix character: the same in every locale */
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)m, e);
    return strtod(buf, NULL);
}

/*
 * The double of the shortest decimal that reads back as @x, a finite value of a
 * binary format with @p significand bits (11 for float16, 24 for float32) whose
 * smallest normal exponent is @emin (-14, -126): among the decimals of that
 * length, the closest to @x, and of two as close the one with the even last
 * digit (what Ryu and Schubfach give). A decimal reads back as @x when it lies
 * inside @x's rounding interval (x - ulp_below/2, x + ulp/2), or on one of its
 * ends when @x's significand is even (round half to even). The candidate's
 * double c tells its side of an end exactly unless c is the end itself
 * (rounding is monotonic and the ends are doubles). Then for a float32 strtof()
 * decides, on a text of digits and an exponent (no radix character, so the
 * locale does not matter); for a float16 the decimal is the end itself (five
 * digits cannot come closer to a float16 interval's end than half a double's
 * ulp without being equal to it), so it reads back as @x when @x is even.
 */
static double shortest_binary(double x, int p, int emin, int max_digits)
{
    if (x == 0)
        return 0.0;
    double a = fabs(x);
    int e2;
    double fr = frexp(a, &e2); /* a = fr * 2^e2, 0.5 <= fr < 1 */
    int exp = e2 - 1 < emin ? emin : e2 - 1;
    double ulp = ldexp(1.0, exp - (p - 1));
    int pow2 = fr == 0.5 && e2 - 1 > emin;
    double lo = a - (pow2 ? ulp / 4 : ulp / 2), hi = a + ulp / 2;
    int even = fmod(a / ulp, 2) == 0;
    int e10 = (int)floor(log10(a));
    for (int digits = 1; digits <= max_digits; digits++) {
        int k = digits - 1 - e10; /* candidate = m * 10^-k */
        double m0 = a * pow10_approx(k);
        double best = 0, bestd = INFINITY;
        for (int d = -1; d <= 1; d++) {
            double mr = floor(m0 + 0.5) + d;
            if (mr <= 0 || mr >= 1e17)
                continue;
            double c = scaled((uint64_t)mr, -k);
            int in = c > lo && c < hi;
            if (c == lo || c == hi) {
                if (p == 24) {
                    char buf[48];
                    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)mr, -k);
                    in = strtof(buf, NULL) == (float)a;
                } else {
                    in = even;
                }
            }
            double dist = fabs(c - a);
            if (in && (dist < bestd || (dist == bestd && fmod(mr, 2) == 0))) {
                best = c;
                bestd = dist;
            }
        }
        if (bestd < INFINITY)
            return x < 0 ? -best : best;
    }
    return x;
}

static const char *special_text(double v, size_t *len)
{
    if (isnan(v)) {
        *len = 3;
        return "NaN";
    }
    *len = v > 0 ? 8 : 9;
    return v > 0 ? "Infinity" : "-Infinity";
}

/* Decimal: the two's complement little-endian integer at @p (@bits) as digits. */
static size_t decimal_digits(const unsigned char *p, int bits, int *neg, char *out)
{
    uint32_t limb[8];
    int n = bits / 32;
    for (int k = 0; k < n; k++)
        limb[k] = (uint32_t)p[4 * k] | (uint32_t)p[4 * k + 1] << 8 | (uint32_t)p[4 * k + 2] << 16 |
                  (uint32_t)p[4 * k + 3] << 24;
    *neg = limb[n - 1] >> 31;
    if (*neg) { /* negate: invert and add one */
        uint64_t carry = 1;
        for (int k = 0; k < n; k++) {
            uint64_t s = (uint64_t)(uint32_t)~limb[k] + carry;
            limb[k] = (uint32_t)s;
            carry = s >> 32;
        }
    }
    char tmp[96];
    size_t len = 0;
    for (;;) { /* divide by 10^9, nine digits at a time from the right */
        int top = n - 1;
        while (top >= 0 && limb[top] == 0)
            top--;
        if (top < 0)
            break;
        uint64_t rem = 0;
        for (int k = top; k >= 0; k--) {
            uint64_t cur = rem << 32 | limb[k];
            limb[k] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        for (int d = 0; d < 9; d++) {
            tmp[len++] = (char)('0' + rem % 10);
            rem /= 10;
        }
    }
    while (len > 1 && tmp[len - 1] == '0')
        len--;
    if (len == 0)
        tmp[len++] = '0';
    for (size_t k = 0; k < len; k++)
        out[k] = tmp[len - 1 - k];
    return len;
}

static void set_decimal(fx_cell *cell, const unsigned char *p, const ctype *t, int lossy, char **arena)
{
    char dig[96];
    int neg;
    size_t len = decimal_digits(p, t->bits, &neg, dig);
    if (len == 1 && dig[0] == '0') {
        cell->type = FX_CELL_NUMBER;
        cell->v.num = 0.0;
        if (t->scale <= 0)
            return;
    }
    size_t sig = len;
    while (sig > 1 && dig[sig - 1] == '0')
        sig--;
    if (!(len == 1 && dig[0] == '0') && (sig <= 15 || lossy)) {
        int e = (int)(len - sig) - t->scale;
        double v;
        if (sig <= 15) {
            uint64_t m = 0;
            for (size_t k = 0; k < sig; k++)
                m = m * 10 + (uint64_t)(dig[k] - '0');
            v = scaled(m, e);
        } else {
            char buf[128];
            snprintf(buf, sizeof buf, "%.*se%d", (int)sig, dig, e);
            v = strtod(buf, NULL);
        }
        if (isfinite(v) && fabs(v) >= DBL_MIN) {
            cell->type = FX_CELL_NUMBER;
            cell->v.num = neg ? -v : v;
            return;
        }
    } else if (len == 1 && dig[0] == '0') {
        return; /* zero with a scale: the number 0 */
    }
    /* Text with the exact digits and the scale's places. */
    char *s = *arena;
    size_t n = 0;
    if (neg)
        s[n++] = '-';
    if (t->scale <= 0) {
        memcpy(s + n, dig, len);
        n += len;
        if (!(len == 1 && dig[0] == '0'))
            for (int k = 0; k < -t->scale; k++)
                s[n++] = '0';
    } else {
        size_t sc = (size_t)t->scale;
        if (len <= sc) {
            s[n++] = '0';
            s[n++] = '.';
            for (size_t k = len; k < sc; k++)
                s[n++] = '0';
            memcpy(s + n, dig, len);
            n += len;
        } else {
            memcpy(s + n, dig, len - sc);
            n += len - sc;
            s[n++] = '.';
            memcpy(s + n, dig + len - sc, sc);
            n += sc;
        }
    }
    set_text(cell, s, n);
    *arena += n;
}

/* ISO 8601 duration text of an interval. */
static void set_interval(fx_cell *cell, int32_t months, int32_t days, int64_t ns, char **arena)
{
    char *s = *arena;
    size_t n = 0;
    s[n++] = 'P';
    if (months / 12)
        n += (size_t)sprintf(s + n, "%dY", months / 12);
    if (months % 12)
        n += (size_t)sprintf(s + n, "%dM", months % 12);
    if (days)
        n += (size_t)sprintf(s + n, "%dD", days);
    if (ns) {
        s[n++] = 'T';
        int64_t h = ns / INT64_C(3600000000000), m = ns / INT64_C(60000000000) % 60;
        int64_t sec = ns / 1000000000 % 60, frac = ns % 1000000000;
        if (h)
            n += (size_t)sprintf(s + n, "%lldH", (long long)h);
        if (m)
            n += (size_t)sprintf(s + n, "%lldM", (long long)m);
        if (sec || frac) {
            if (frac) {
                n += (size_t)sprintf(s + n, "%s%lld.%09lld", (sec < 0 || frac < 0) ? "-" : "",
                                     (long long)(sec < 0 ? -sec : sec), (long long)(frac < 0 ? -frac : frac));
                while (s[n - 1] == '0')
                    n--;
            } else {
                n += (size_t)sprintf(s + n, "%lld", (long long)sec);
            }
            s[n++] = 'S';
        }
    }
    if (n == 1) {
        s[n++] = '0';
        s[n++] = 'D';
    }
    set_text(cell, s, n);
    *arena += n;
}

static void set_bytes(fx_cell *cell, const unsigned char *p, int64_t len, char **arena)
{
    static const char hex[] = "0123456789abcdef";
    if (len > HEX_MAX_BYTES)
        len = HEX_MAX_BYTES; /* longer than a cell: the row check refuses it */
    char *s = *arena;
    s[0] = '\\';
    s[1] = 'x';
    for (int64_t k = 0; k < len; k++) {
        s[2 + 2 * k] = hex[p[k] >> 4];
        s[3 + 2 * k] = hex[p[k] & 15];
    }
    set_text(cell, s, 2 + 2 * (size_t)len);
    *arena += 2 + 2 * (size_t)len;
}

static void set_int64(fx_cell *cell, int64_t v, int lossy, char **arena)
{
    if ((v <= TWO_POW_53 && v >= -TWO_POW_53)) {
        cell->type = FX_CELL_INTEGER;
        cell->v.i64 = v;
    } else if (lossy) {
        cell->type = FX_CELL_NUMBER;
        cell->v.num = (double)v;
    } else {
        size_t n = (size_t)sprintf(*arena, "%lld", (long long)v);
        set_text(cell, *arena, n);
        *arena += n;
    }
}

/* Cell of physical row @i of column @c's values. */
static void value_cell(actx *cx, const acol *c, int64_t i, fx_cell *cell, char **arena)
{
    const ctype *t = &c->t;
    const void *v = c->values;
    if (c->valid && !bit(c->valid, i)) {
        cell->type = FX_CELL_BLANK;
        return;
    }
    switch (t->k) {
    case K_NULL:
        cell->type = FX_CELL_BLANK;
        return;
    case K_BOOL:
        cell->type = FX_CELL_BOOLEAN;
        cell->v.boolean = bit(v, i);
        return;
    case K_I8: case K_I16: case K_I32: case K_U8: case K_U16: case K_U32:
        cell->type = FX_CELL_INTEGER;
        cell->v.i64 = index_at(t->k, v, i);
        return;
    case K_I64:
        set_int64(cell, ((const int64_t *)v)[i], cx->opt->lossy, arena);
        return;
    case K_U64: {
        uint64_t u = ((const uint64_t *)v)[i];
        if (u <= (uint64_t)TWO_POW_53) {
            cell->type = FX_CELL_INTEGER;
            cell->v.i64 = (int64_t)u;
        } else if (cx->opt->lossy) {
            cell->type = FX_CELL_NUMBER;
            cell->v.num = (double)u;
        } else {
            size_t n = (size_t)sprintf(*arena, "%llu", (unsigned long long)u);
            set_text(cell, *arena, n);
            *arena += n;
        }
        return;
    }
    case K_F16:
    case K_F32:
    case K_F64: {
        double d;
        if (t->k == K_F64) {
            d = ((const double *)v)[i];
        } else if (t->k == K_F32) {
            d = ((const float *)v)[i];
            if (isfinite(d))
                d = shortest_binary(d, 24, -126, 9);
        } else {
            d = half_value(((const uint16_t *)v)[i]);
            if (isfinite(d))
                d = shortest_binary(d, 11, -14, 5);
        }
        if (!isfinite(d)) {
            size_t n;
            const char *s = special_text(d, &n);
            set_text(cell, s, n);
            return;
        }
        cell->type = FX_CELL_NUMBER;
        cell->v.num = d;
        return;
    }
    case K_DECIMAL:
        set_decimal(cell, (const unsigned char *)v + i * (t->bits / 8), t, cx->opt->lossy, arena);
        return;
    case K_UTF8:
    case K_LUTF8:
    case K_BIN:
    case K_LBIN: {
        int64_t a, b;
        if (t->k == K_UTF8 || t->k == K_BIN) {
            a = ((const int32_t *)v)[i];
            b = ((const int32_t *)v)[i + 1];
        } else {
            a = ((const int64_t *)v)[i];
            b = ((const int64_t *)v)[i + 1];
        }
        const char *p = c->data ? c->data + a : "";
        if (t->k == K_BIN || t->k == K_LBIN)
            set_bytes(cell, (const unsigned char *)p, b - a, arena);
        else
            set_text(cell, p, (size_t)(b - a));
        return;
    }
    case K_VUTF8:
    case K_VBIN: {
        const unsigned char *w = (const unsigned char *)v + 16 * i;
        int32_t l;
        memcpy(&l, w, 4);
        const char *p;
        if (l <= 12) {
            p = (const char *)w + 4;
        } else {
            int32_t b, o;
            memcpy(&b, w + 8, 4);
            memcpy(&o, w + 12, 4);
            p = c->vbufs[b] + o;
        }
        if (t->k == K_VBIN)
            set_bytes(cell, (const unsigned char *)p, l, arena);
        else
            set_text(cell, p, (size_t)l);
        return;
    }
    case K_FBIN:
        set_bytes(cell, (const unsigned char *)v + i * (int64_t)t->width, t->width, arena);
        return;
    case K_DATE32: {
        int64_t days = ((const int32_t *)v)[i];
        if (days >= MIN_DAYS && days <= MAX_DAYS) {
            cell->type = FX_CELL_DATE;
            fx_cell_set_days(cell, days, 0);
        } else {
            size_t n = date_text(*arena, days);
            n += bc_suffix(*arena + n, days);
            set_text(cell, *arena, n);
            *arena += n;
        }
        return;
    }
    case K_DATE64: {
        int64_t ms = ((const int64_t *)v)[i];
        int64_t day = floor_div(ms, 86400000);
        if (ms == day * 86400000 && day >= MIN_DAYS && day <= MAX_DAYS) {
            cell->type = FX_CELL_DATE;
            fx_cell_set_days(cell, day, 0);
        } else {
            set_datetime(cell, ms, 1, ms, 1000, arena);
        }
        return;
    }
    case K_TIMESTAMP: {
        int64_t x = ((const int64_t *)v)[i], ps = t->per_sec;
        int ok = 1;
        if (t->zoned) {
            int64_t off = (int64_t)fx_tz_offset(t->tz, floor_div(x, ps)) * ps;
            if ((off > 0 && x > INT64_MAX - off) || (off < 0 && x < INT64_MIN - off))
                ok = 0;
            else
                x += off;
        }
        int64_t ms = 0;
        if (ps == 1) {
            ok = ok && x < INT64_C(9000000000000000) / 1000 && x > -INT64_C(9000000000000000) / 1000;
            ms = ok ? x * 1000 : 0;
        } else if (ps == 1000) {
            ms = x;
        } else {
            int64_t half = ps / 2000;
            ok = ok && x < INT64_MAX - half;
            ms = ok ? floor_div(x + half, ps / 1000) : 0;
        }
        set_datetime(cell, ms, ok, x, ps, arena);
        return;
    }
    case K_TIME32:
    case K_TIME64: {
        int64_t x = t->k == K_TIME32 ? ((const int32_t *)v)[i] : ((const int64_t *)v)[i];
        cell->type = FX_CELL_NUMBER;
        cell->v.num = (double)x / (double)(86400 * t->per_sec);
        if (!cell->format)
            cell->format = cx->time_format;
        return;
    }
    case K_DURATION: {
        int64_t x = ((const int64_t *)v)[i];
        int64_t per_day = 86400 * t->per_sec;
        int64_t days = x / per_day, rest = x % per_day; /* exact for the whole days */
        cell->type = FX_CELL_NUMBER;
        cell->v.num = (double)days + (double)rest / (double)per_day;
        if (!cell->format)
            cell->format = cx->duration_format;
        return;
    }
    case K_IVL_MONTHS:
        set_interval(cell, ((const int32_t *)v)[i], 0, 0, arena);
        return;
    case K_IVL_DAYTIME: {
        int32_t dm[2];
        memcpy(dm, (const char *)v + 8 * i, 8);
        set_interval(cell, 0, dm[0], (int64_t)dm[1] * 1000000, arena);
        return;
    }
    case K_IVL_MDN: {
        const char *p = (const char *)v + 16 * i;
        int32_t md[2];
        int64_t ns;
        memcpy(md, p, 8);
        memcpy(&ns, p + 8, 8);
        set_interval(cell, md[0], md[1], ns, arena);
        return;
    }
    }
    cell->type = FX_CELL_BLANK;
}

/* ---- rows ---------------------------------------------------------------------------- */

/* A row's failure: the row path's message, and how many rows of this call were written. */
static fast_status row_failed(actx *cx, fast_status st)
{
    if (cx->wb->err.status != FAST_OK)
        return cx->wb->err.status;
    char msg[FX_MESSAGE_MAX];
    memcpy(msg, cx->wb->err.message, FX_MESSAGE_MAX);
    return fx_reject(&cx->wb->err, st, "%s: %s (%llu rows of this call were written before it)", cx->fn, msg,
                     (unsigned long long)cx->written);
}

static fast_status write_header(actx *cx)
{
    fast_workbook *wb = cx->wb;
    fx_sheet *sh = fx_current_sheet(wb);
    size_t n = cx->ncols;
    size_t want = n > FAST_MAX_COLUMNS ? FAST_MAX_COLUMNS + 1 : n;
    if (want > wb->nscratch) {
        fx_cell *c = realloc(wb->scratch, want * sizeof *c);
        if (!c)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", cx->fn);
        wb->scratch = c;
        wb->nscratch = want;
    }
    for (size_t j = 0; j < n; j++) {
        fx_cell *c = &wb->scratch[j];
        const char *name = cx->cols[j].name;
        c->format = NULL;
        c->cached = FX_CACHED_NONE;
        if (name && *name)
            set_text(c, name, strlen(name));
        else
            c->type = FX_CELL_BLANK;
    }
    /* The header row of a new sheet repeats on its continuation sheets. */
    if (sh->rows == 0 && sh->chain_index == 1 && wb->chain_header_rows == 0 && wb->rows_per_sheet > 1)
        wb->chain_header_rows = 1;
    fast_status st = fx_sheet_write_row(wb, wb->scratch, n, NULL, 0);
    if (st != FAST_OK) {
        if (sh->rows == 0 && wb->chain_header_rows == 1 && wb->header_rows == 0)
            wb->chain_header_rows = 0;
        return row_failed(cx, st);
    }
    wb->any_row = 1;
    cx->written++;
    return FAST_OK;
}

static fast_status write_rows(actx *cx)
{
    fast_workbook *wb = cx->wb;
    size_t n = cx->ncols;
    size_t want = n ? n : 1;
    if (want > wb->nscratch) {
        fx_cell *c = realloc(wb->scratch, want * sizeof *c);
        if (!c)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", cx->fn);
        wb->scratch = c;
        wb->nscratch = want;
    }
    const fast_arrow_options *o = cx->opt;
    for (int64_t r = 0; r < cx->rows; r++) {
        int64_t sr = cx->base + r; /* the struct's physical row */
        int row_null = cx->row_valid && !bit(cx->row_valid, sr);
        char *arena = cx->arena;
        for (size_t j = 0; j < n; j++) {
            const acol *c = &cx->cols[j];
            fx_cell *cell = &wb->scratch[j];
            cell->format = j < o->nformats ? o->formats[j] : NULL;
            cell->cached = FX_CACHED_NONE;
            if (row_null) {
                cell->type = FX_CELL_BLANK;
                continue;
            }
            int64_t i;
            if (c->dict) {
                int64_t ii = c->ioff + sr;
                if (c->ivalid && !bit(c->ivalid, ii)) {
                    cell->type = FX_CELL_BLANK;
                    continue;
                }
                i = c->off + index_at(c->ik, c->ivalues, ii);
            } else {
                i = c->off + sr;
            }
            value_cell(cx, c, i, cell, &arena);
        }
        fast_status st = fx_sheet_write_row(wb, wb->scratch, n, NULL, 0);
        if (st != FAST_OK)
            return row_failed(cx, st);
        wb->any_row = 1;
        cx->written++;
    }
    return FAST_OK;
}

static fast_status begin(actx *cx, fast_workbook *wb, const char *fn, const fast_arrow_options *opt)
{
    memset(cx, 0, sizeof *cx);
    cx->wb = wb;
    cx->fn = fn;
    cx->defaults.header = 1;
    cx->opt = opt ? opt : &cx->defaults;
    fast_status usable = fx_workbook_usable(wb, fn);
    if (usable != FAST_OK)
        return usable;
    if (!fx_current_sheet(wb))
        return fx_reject(&wb->err, FAST_ERROR_STATE, "%s: no worksheet; call fast_workbook_add_worksheet first",
                         fn);
    return FAST_OK;
}

FAST_API fast_status fast_workbook_write_arrow(fast_workbook *wb, const struct ArrowSchema *schema,
                                               const struct ArrowArray *array, const fast_arrow_options *options)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    actx cx;
    const char *fn = "fast_workbook_write_arrow";
    fast_status st = begin(&cx, wb, fn, options);
    if (st != FAST_OK)
        return st;
    if (!schema || !array)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %s is NULL", fn, schema ? "array" : "schema");
    if ((st = prepare(&cx, schema)) == FAST_OK && (st = bind(&cx, array)) == FAST_OK &&
        (!cx.opt->header || (st = write_header(&cx)) == FAST_OK))
        st = write_rows(&cx);
    free_columns(&cx);
    return st;
}

FAST_API fast_status fast_workbook_write_arrow_stream(fast_workbook *wb, struct ArrowArrayStream *stream,
                                                      const fast_arrow_options *options)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    actx cx;
    const char *fn = "fast_workbook_write_arrow_stream";
    fast_status st = begin(&cx, wb, fn, options);
    if (st != FAST_OK)
        return st;
    if (!stream || !stream->release || !stream->get_schema || !stream->get_next)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: the stream is NULL or released", fn);
    struct ArrowSchema schema;
    memset(&schema, 0, sizeof schema);
    int rc = stream->get_schema(stream, &schema);
    if (rc != 0) {
        const char *e = stream->get_last_error ? stream->get_last_error(stream) : NULL;
        return fx_reject(&wb->err, FAST_ERROR_CALLBACK, "%s: get_schema failed (errno %d): %.200s", fn, rc,
                         e ? e : "no message");
    }
    st = prepare(&cx, &schema);
    if (st == FAST_OK && cx.opt->header)
        st = write_header(&cx);
    uint64_t batches = 0;
    while (st == FAST_OK) {
        struct ArrowArray batch;
        memset(&batch, 0, sizeof batch);
        rc = stream->get_next(stream, &batch);
        if (rc != 0) {
            const char *e = stream->get_last_error ? stream->get_last_error(stream) : NULL;
            st = fx_reject(&wb->err, FAST_ERROR_CALLBACK,
                           "%s: get_next failed (errno %d) after %llu batches, %llu rows written: %.200s", fn, rc,
                           (unsigned long long)batches, (unsigned long long)cx.written, e ? e : "no message");
            break;
        }
        if (!batch.release)
            break; /* the end of the stream */
        st = bind(&cx, &batch);
        if (st == FAST_OK)
            st = write_rows(&cx);
        batch.release(&batch);
        batches++;
    }
    free_columns(&cx);
    if (schema.release)
        schema.release(&schema);
    return st;
}
