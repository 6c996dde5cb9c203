/*
 * test_arrow.c - record batches of the Arrow C Data Interface, built by hand,
 * through fast_workbook_write_arrow() and fast_workbook_write_arrow_stream():
 *
 *  - every supported type, with validity bitmaps, array and struct offsets,
 *    dictionaries, large and view types, gives byte for byte the parts that
 *    the same cell values give through fast_workbook_write_row_typed();
 *  - streams: the header once, every batch, each batch and the schema released
 *    once after use, the stream itself and borrowed structures never;
 *  - refused types and malformed arrays fail before any row, non-sticky, with
 *    the column's letter, name and format in the message;
 *  - binary as hex, lossy numbers, column formats, empty batches, continuation
 *    sheets repeating the header row, a row refused mid-batch.
 */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

static int released; /* release callbacks called */

static void release_schema(struct ArrowSchema *s)
{
    released++;
    s->release = NULL;
}

static void release_array(struct ArrowArray *a)
{
    released++;
    a->release = NULL;
}

static void expect_ok(fast_workbook *wb, fast_status st)
{
    if (st != FAST_OK)
        fail_msg("status %d: %s", (int)st, fast_workbook_error_message(wb));
}

static void sheet_xml(const tu_buf *pkg, const char *part, tu_buf *xml)
{
    tu_extract_part(pkg, part, xml);
    tu_buf_append(xml, "", 1);
}

/* The parts of two packages that cells decide are byte for byte the same. */
static void assert_same_parts(const tu_buf *a, const tu_buf *b, const char *const *parts)
{
    for (; *parts; parts++) {
        tu_buf xa = {0}, xb = {0};
        sheet_xml(a, *parts, &xa);
        sheet_xml(b, *parts, &xb);
        tu_assert_bytes_equal(xa.data, xa.len, xb.data, xb.len);
        tu_buf_free(&xa);
        tu_buf_free(&xb);
    }
}

/* ---- building arrays by hand ------------------------------------------------------ */

#define MAXCOLS 32

typedef struct batch {
    struct ArrowSchema schema, fields[MAXCOLS], dicts[MAXCOLS];
    struct ArrowSchema *field_ptrs[MAXCOLS];
    struct ArrowArray array, cols[MAXCOLS], dict_arrays[MAXCOLS];
    struct ArrowArray *col_ptrs[MAXCOLS];
    const void *bufs[MAXCOLS][6], *dict_bufs[MAXCOLS][6], *struct_bufs[1];
    int n;
} batch;

static void batch_init(batch *b, int64_t length)
{
    memset(b, 0, sizeof *b);
    b->schema.format = "+s";
    b->schema.name = "";
    b->schema.children = b->field_ptrs;
    b->schema.release = release_schema;
    b->array.length = length;
    b->array.n_buffers = 1;
    b->array.buffers = b->struct_bufs;
    b->array.children = b->col_ptrs;
    b->array.release = release_array;
}

/* Add a column of @format named @name: @length entries from @offset, with
 * validity bitmap @valid (NULL: no nulls) and buffers @b1 @b2 (@nbuf of them
 * in all, the validity bitmap counted). */
static struct ArrowArray *add_col(batch *b, const char *format, const char *name, int64_t length, int64_t offset,
                                  const uint8_t *valid, int64_t nbuf, const void *b1, const void *b2)
{
    int j = b->n++;
    struct ArrowSchema *s = &b->fields[j];
    struct ArrowArray *a = &b->cols[j];
    s->format = format;
    s->name = name;
    s->flags = ARROW_FLAG_NULLABLE;
    s->release = release_schema;
    b->field_ptrs[j] = s;
    a->length = length;
    a->offset = offset;
    a->null_count = valid ? -1 : 0;
    a->n_buffers = nbuf;
    b->bufs[j][0] = valid;
    b->bufs[j][1] = b1;
    b->bufs[j][2] = b2;
    a->buffers = b->bufs[j];
    a->release = release_array;
    b->col_ptrs[j] = a;
    b->schema.n_children = b->n;
    b->array.n_children = b->n;
    return a;
}

/* Make column @j dictionary-encoded with values of @format. */
static struct ArrowArray *add_dict(batch *b, int j, const char *format, int64_t length, int64_t nbuf, const void *b1,
                                   const void *b2)
{
    struct ArrowSchema *s = &b->dicts[j];
    struct ArrowArray *a = &b->dict_arrays[j];
    s->format = format;
    s->name = "";
    s->release = release_schema;
    b->fields[j].dictionary = s;
    a->length = length;
    a->n_buffers = nbuf;
    b->dict_bufs[j][1] = b1;
    b->dict_bufs[j][2] = b2;
    a->buffers = b->dict_bufs[j];
    a->release = release_array;
    b->cols[j].dictionary = a;
    return a;
}

/* A 16-byte view of a string: inline up to 12 bytes, else prefix, buffer 0, @off. */
static void view(unsigned char *v, const char *s, int32_t off)
{
    int32_t len = (int32_t)strlen(s);
    memset(v, 0, 16);
    memcpy(v, &len, 4);
    if (len <= 12) {
        memcpy(v + 4, s, (size_t)len);
    } else {
        int32_t zero = 0;
        memcpy(v + 4, s, 4);
        memcpy(v + 8, &zero, 4);
        memcpy(v + 12, &off, 4);
    }
}

/* Days from 1970-01-01 to @y-@m-@d, counted day by day from the year's start (an
 * oracle of its own, not the library's calendar). */
static int64_t days(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t n = 0;
    for (int k = 1970; k < y; k++)
        n += 365 + ((k % 4 == 0 && k % 100 != 0) || k % 400 == 0);
    for (int k = 1; k < m; k++)
        n += mdays[k - 1] + (k == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return n + d - 1;
}

/* ---- every type, against the typed call ---------------------------------------------- */

#define ROWS 3
#define NCOL 26

/* Typed rows: one per data row, written into @wb. */
typedef struct trow {
    uint8_t types[NCOL];
    double numbers[NCOL];
    int64_t integers[NCOL];
    const char *texts[NCOL];
    size_t lengths[NCOL];
    const fast_format *formats[NCOL];
} trow;

static void t_str(trow *r, int j, const char *s)
{
    r->types[j] = FAST_TYPE_STRING;
    r->texts[j] = s;
    r->lengths[j] = strlen(s);
}
static void t_num(trow *r, int j, double v)
{
    r->types[j] = FAST_TYPE_NUMBER;
    r->numbers[j] = v;
}
static void t_int(trow *r, int j, uint8_t type, int64_t v)
{
    r->types[j] = type;
    r->integers[j] = v;
}

static void test_every_type_matches_typed(void **state)
{
    (void)state;
    static const uint8_t valid[1] = {0x5}; /* rows 0 and 2; row 1 null everywhere */
    /* Struct offset 1: the arrays hold a leading entry that is not written. */
    static const uint8_t valid_off[1] = {0xA}; /* the same, shifted by one */
    batch b;
    batch_init(&b, ROWS);
    static const uint8_t bools[1] = {0x1};
    add_col(&b, "b", "bool", ROWS, 0, valid, 2, bools, NULL);
    static const int8_t i8[ROWS] = {-5, 0, 127};
    add_col(&b, "c", "i8", ROWS, 0, valid, 2, i8, NULL);
    static const int64_t i64[ROWS] = {INT64_C(9007199254740993), 0, -42};
    add_col(&b, "l", "i64", ROWS, 0, valid, 2, i64, NULL);
    static const uint64_t u64[ROWS] = {UINT64_MAX, 0, 7};
    add_col(&b, "L", "u64", ROWS, 0, valid, 2, u64, NULL);
    static const uint16_t f16[ROWS] = {0x2E66, 0, 0x7C00}; /* 0.0999755859375 (the half nearest 0.1), +inf */
    add_col(&b, "e", "f16", ROWS, 0, valid, 2, f16, NULL);
    static const float f32[ROWS] = {0.1f, 0, NAN};
    add_col(&b, "f", "f32", ROWS, 0, valid, 2, f32, NULL);
    static const double f64[ROWS] = {2.5, 0, -INFINITY};
    add_col(&b, "g", "f64", ROWS, 0, valid, 2, f64, NULL);
    /* decimal128(38, 2): 123.45 and 10^20 + 1 (hundredths) = 1000000000000000000.01, negated */
    static uint64_t d128[ROWS][2];
    d128[0][0] = 12345;
    d128[0][1] = 0;
    { /* -(10^20 + 1) in two's complement: 10^20 = 0x56BC75E2D63100000 */
        uint64_t lo = UINT64_C(0x6BC75E2D63100001), hi = 5;
        d128[2][0] = ~lo + 1;
        d128[2][1] = ~hi + (d128[2][0] == 0);
    }
    add_col(&b, "d:38,2", "dec128", ROWS, 0, valid, 2, d128, NULL);
    static uint64_t d256[ROWS][4];
    memset(d256, 0, sizeof d256);
    for (int k = 0; k < 4; k++)
        d256[0][k] = UINT64_MAX; /* -1 */
    d256[2][3] = UINT64_C(1) << 8; /* 2^200 */
    add_col(&b, "d:76,0,256", "dec256", ROWS, 0, valid, 2, d256, NULL);
    /* utf8 with an array offset of 1: entry 0 is skipped */
    static const int32_t uoff[ROWS + 2] = {0, 4, 10, 10, 10};
    static const char udata[] = "skip" "h\xc3\xa9llo";
    add_col(&b, "u", "utf8", ROWS, 1, valid_off, 3, uoff, udata);
    static const int64_t loff[ROWS + 1] = {0, 1, 1, 3};
    add_col(&b, "U", "large", ROWS, 0, valid, 3, loff, "xyz");
    static unsigned char views[ROWS][16];
    view(views[0], "short", 0);
    view(views[2], "a string longer than twelve", 0);
    static const char vdata[] = "a string longer than twelve";
    static const int64_t vsizes[1] = {sizeof vdata - 1};
    struct ArrowArray *va = add_col(&b, "vu", "view", ROWS, 0, valid, 4, views, vdata);
    b.bufs[b.n - 1][3] = vsizes;
    (void)va;
    static const int32_t d32[ROWS] = {19782, 0, -25568}; /* 2024-02-29; 1899-12-31, not a cell date */
    add_col(&b, "tdD", "date32", ROWS, 0, valid, 2, d32, NULL);
    static const int64_t d64[ROWS] = {INT64_C(19782) * 86400000, 0, INT64_C(19782) * 86400000 + 3600000};
    add_col(&b, "tdm", "date64", ROWS, 0, valid, 2, d64, NULL);
    static const int64_t tsu[ROWS] = {1500, 0, INT64_C(1709164800123456)};
    add_col(&b, "tsu:", "ts_us", ROWS, 0, valid, 2, tsu, NULL);
    static const int64_t tss[ROWS] = {0, 0, 86400};
    add_col(&b, "tss:+05:30", "ts_off", ROWS, 0, valid, 2, tss, NULL);
    static const int64_t tsm[ROWS] = {INT64_C(1719835200000), 0, INT64_C(1704110400000)};
    add_col(&b, "tsm:America/New_York", "ts_ny", ROWS, 0, valid, 2, tsm, NULL);
    static int64_t tsn[ROWS];
    tsn[0] = (days(2100, 7, 1) * 86400 + 12 * 3600) * INT64_C(1000000000); /* after the file's transitions */
    tsn[2] = (days(2100, 1, 15) * 86400 + 12 * 3600) * INT64_C(1000000000) + 999999999;
    add_col(&b, "tsn:Europe/Paris", "ts_paris", ROWS, 0, valid, 2, tsn, NULL);
    static const int64_t t64[ROWS] = {INT64_C(3600000000), 0, INT64_C(86400000000)};
    add_col(&b, "ttu", "time64", ROWS, 0, valid, 2, t64, NULL);
    static const int64_t dur[ROWS] = {90061001, 0, -1000};
    add_col(&b, "tDm", "duration", ROWS, 0, valid, 2, dur, NULL);
    static unsigned char mdn[ROWS][16];
    {
        int32_t md[2] = {14, 3};
        int64_t ns = INT64_C(3723500000000);
        memcpy(mdn[0], md, 8);
        memcpy(mdn[0] + 8, &ns, 8);
    }
    add_col(&b, "tin", "interval", ROWS, 0, valid, 2, mdn, NULL);
    static const int8_t idx[ROWS] = {1, 99, 0}; /* the null entry's index is garbage, never read */
    add_col(&b, "c", "dict", ROWS, 0, valid, 2, idx, NULL);
    static const int32_t doff[3] = {0, 3, 8};
    add_dict(&b, b.n - 1, "u", 2, 3, doff, "redgreen");
    add_col(&b, "n", "null", ROWS, 0, NULL, 0, NULL, NULL);
    static const uint16_t u16[ROWS] = {65535, 0, 1};
    add_col(&b, "S", "u16", ROWS, 0, valid, 2, u16, NULL);
    static const int32_t t32[ROWS] = {1000, 0, 0};
    add_col(&b, "tts", "time32", ROWS, 0, valid, 2, t32, NULL);
    assert_int_equal(b.n, NCOL - 1);

    tu_buf pa = {0}, pb = {0};
    fast_workbook *wa = tu_callback_workbook(&pa), *wt = tu_callback_workbook(&pb);
    expect_ok(wa, fast_workbook_add_worksheet(wa, "T", 1));
    expect_ok(wt, fast_workbook_add_worksheet(wt, "T", 1));
    released = 0;
    expect_ok(wa, fast_workbook_write_arrow(wa, &b.schema, &b.array, NULL));
    assert_int_equal(released, 0); /* borrowed: never released */

    /* The same through the typed call: the formats the Arrow call adds, in its order. */
    fast_format *ftime = fast_workbook_add_format(wt), *fdur = fast_workbook_add_format(wt);
    fast_format_set_num_format(ftime, "hh:mm:ss", 8);
    fast_format_set_num_format(fdur, "[h]:mm:ss", 9);
    trow r[ROWS + 1];
    memset(r, 0, sizeof r);
    for (int j = 0; j < b.n; j++)
        t_str(&r[0], j, b.fields[j].name);
    trow *x = &r[1];
    int j = 0;
    t_int(x, j++, FAST_TYPE_BOOLEAN, 1);
    t_int(x, j++, FAST_TYPE_INTEGER, -5);
    t_str(x, j++, "9007199254740993");
    t_str(x, j++, "18446744073709551615");
    t_num(x, j++, 0.1);
    t_num(x, j++, 0.1);
    t_num(x, j++, 2.5);
    t_num(x, j++, 123.45);
    t_int(x, j++, FAST_TYPE_INTEGER, 0); /* placeholder, a number below */
    x->types[j - 1] = FAST_TYPE_NUMBER;
    x->numbers[j - 1] = -1;
    t_str(x, j++, "h\xc3\xa9llo");
    t_str(x, j++, "x");
    t_str(x, j++, "short");
    t_int(x, j++, FAST_TYPE_DATE, 19782);
    t_int(x, j++, FAST_TYPE_DATE, 19782);
    t_int(x, j++, FAST_TYPE_DATETIME, 2); /* 1.5 ms rounds to 2 */
    t_int(x, j++, FAST_TYPE_DATETIME, 5 * 3600000 + 30 * 60000);
    t_int(x, j++, FAST_TYPE_DATETIME, INT64_C(1719835200000) - 4 * 3600000); /* EDT */
    t_int(x, j++, FAST_TYPE_DATETIME, (days(2100, 7, 1) * 86400 + 14 * 3600) * 1000); /* CEST */
    t_num(x, j++, 1.0 / 24);
    x->formats[j - 1] = ftime;
    t_num(x, j++, 1.0 + 3661001.0 / 86400000.0);
    x->formats[j - 1] = fdur;
    t_str(x, j++, "P1Y2M3DT1H2M3.5S");
    t_str(x, j++, "green");
    x->types[j++] = FAST_TYPE_BLANK;
    t_int(x, j++, FAST_TYPE_INTEGER, 65535);
    t_num(x, j++, 1000.0 / 86400);
    x->formats[j - 1] = ftime;
    assert_int_equal(j, NCOL - 1);
    /* r[2], the null row: blanks without formats. */
    x = &r[3];
    j = 0;
    t_int(x, j++, FAST_TYPE_BOOLEAN, 0);
    t_int(x, j++, FAST_TYPE_INTEGER, 127);
    t_int(x, j++, FAST_TYPE_INTEGER, -42);
    t_int(x, j++, FAST_TYPE_INTEGER, 7);
    t_str(x, j++, "Infinity");
    t_str(x, j++, "NaN");
    t_str(x, j++, "-Infinity");
    t_str(x, j++, "-1000000000000000000.01");
    t_str(x, j++, "1606938044258990275541962092341162602522202993782792835301376");
    t_str(x, j++, "");
    t_str(x, j++, "yz");
    t_str(x, j++, "a string longer than twelve");
    t_str(x, j++, "1899-12-31");
    t_int(x, j++, FAST_TYPE_DATETIME, INT64_C(19782) * 86400000 + 3600000);
    t_int(x, j++, FAST_TYPE_DATETIME, INT64_C(1709164800123));
    t_int(x, j++, FAST_TYPE_DATETIME, 86400000 + 5 * 3600000 + 30 * 60000);
    t_int(x, j++, FAST_TYPE_DATETIME, INT64_C(1704110400000) - 5 * 3600000); /* EST */
    t_int(x, j++, FAST_TYPE_DATETIME, (days(2100, 1, 15) * 86400 + 13 * 3600 + 1) * 1000); /* CET, rounded up */
    t_num(x, j++, 1.0);
    x->formats[j - 1] = ftime;
    t_num(x, j++, 0.0 + -1000.0 / 86400000.0);
    x->formats[j - 1] = fdur;
    t_str(x, j++, "P0D");
    t_str(x, j++, "red");
    x->types[j++] = FAST_TYPE_BLANK;
    t_int(x, j++, FAST_TYPE_INTEGER, 1);
    t_num(x, j++, 0);
    x->formats[j - 1] = ftime;
    for (int k = 0; k <= ROWS; k++)
        expect_ok(wt, fast_workbook_write_row_typed(wt, r[k].types, r[k].numbers, r[k].integers, r[k].texts,
                                                   r[k].lengths, r[k].formats, (size_t)b.n));
    tu_close_ok(wa);
    tu_close_ok(wt);
    static const char *const parts[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", NULL};
    assert_same_parts(&pa, &pb, parts);
    /* And a few cells as they must read. */
    tu_buf xml = {0};
    sheet_xml(&pa, "xl/worksheets/sheet1.xml", &xml);
    tu_assert_contains(xml.data, xml.len, "<v>45351</v>"); /* 2024-02-29 */
    tu_assert_contains(xml.data, xml.len, "<v>0.1</v>");
    tu_assert_contains(xml.data, xml.len, "<v>123.45</v>");
    tu_buf_free(&xml);
    tu_buf_free(&pa);
    tu_buf_free(&pb);
}

/* The remaining integer widths, decimal32/64, the other binary layouts as hex, the other
 * interval, time and duration units, and dictionaries of other index and value types;
 * one row each (the second row null), against the typed call. */
static void test_more_types_match_typed(void **state)
{
    (void)state;
    static const uint8_t valid[1] = {0x1};
    batch b;
    batch_init(&b, 2);
    static const int16_t i16[2] = {-32768, 0};
    add_col(&b, "s", "i16", 2, 0, valid, 2, i16, NULL);
    static const int32_t i32[2] = {INT32_MIN, 0};
    add_col(&b, "i", "i32", 2, 0, valid, 2, i32, NULL);
    static const uint8_t u8[2] = {255, 0};
    add_col(&b, "C", "u8", 2, 0, valid, 2, u8, NULL);
    static const uint32_t u32[2] = {UINT32_MAX, 0};
    add_col(&b, "I", "u32", 2, 0, valid, 2, u32, NULL);
    static const int32_t d32[2] = {-12345, 0}; /* -123.45 */
    add_col(&b, "d:9,2,32", "dec32", 2, 0, valid, 2, d32, NULL);
    static const int64_t d64[2] = {INT64_C(1234567890123456789), 0}; /* 123456789012345.6789: 19 digits */
    add_col(&b, "d:18,4,64", "dec64", 2, 0, valid, 2, d64, NULL);
    static const int64_t loff[3] = {0, 2, 2};
    add_col(&b, "Z", "lbin", 2, 0, valid, 3, loff, "\xff\x00");
    static unsigned char bviews[2][16];
    view(bviews[0], "binary view longer than 12", 0);
    static const char bvdata[] = "binary view longer than 12";
    static const int64_t bvsize[1] = {sizeof bvdata - 1};
    add_col(&b, "vz", "bview", 2, 0, valid, 4, bviews, bvdata);
    b.bufs[b.n - 1][3] = bvsize;
    add_col(&b, "w:3", "fbin", 2, 0, valid, 2, "abc\0\0\0", NULL);
    static const int32_t months[2] = {-14, 0};
    add_col(&b, "tiM", "months", 2, 0, valid, 2, months, NULL);
    static const int32_t daytime[4] = {2, 90061001, 0, 0};
    add_col(&b, "tiD", "daytime", 2, 0, valid, 2, daytime, NULL);
    static const int32_t t32ms[2] = {43200500, 0};
    add_col(&b, "ttm", "time32ms", 2, 0, valid, 2, t32ms, NULL);
    static const int64_t t64ns[2] = {INT64_C(1000000000), 0};
    add_col(&b, "ttn", "time64ns", 2, 0, valid, 2, t64ns, NULL);
    static const int64_t durs[2] = {172800, 0}, durus[2] = {-1500000, 0}, durns[2] = {INT64_C(86400000000000), 0};
    add_col(&b, "tDs", "dur_s", 2, 0, valid, 2, durs, NULL);
    add_col(&b, "tDu", "dur_us", 2, 0, valid, 2, durus, NULL);
    add_col(&b, "tDn", "dur_ns", 2, 0, valid, 2, durns, NULL);
    static const int32_t idx32[2] = {1, 0};
    add_col(&b, "i", "dict_lutf8", 2, 0, valid, 2, idx32, NULL);
    static const int64_t dloff[3] = {0, 3, 6};
    add_dict(&b, b.n - 1, "U", 2, 3, dloff, "onetwo");
    static const uint16_t idx16[2] = {0, 0};
    add_col(&b, "S", "dict_i64", 2, 0, valid, 2, idx16, NULL);
    static const int64_t dvals[1] = {INT64_C(9007199254740993)};
    add_dict(&b, b.n - 1, "l", 1, 2, dvals, NULL);
    static const int64_t tss[2] = {-2208988800 - 86400, 0}; /* 1899-12-31: text */
    add_col(&b, "tss:UTC", "ts_text", 2, 0, valid, 2, tss, NULL);
    enum { N = 19 };
    assert_int_equal(b.n, N);

    tu_buf pa = {0}, pb = {0};
    fast_workbook *wa = tu_callback_workbook(&pa), *wt = tu_callback_workbook(&pb);
    expect_ok(wa, fast_workbook_add_worksheet(wa, "M", 1));
    expect_ok(wt, fast_workbook_add_worksheet(wt, "M", 1));
    fast_arrow_options *o = fast_arrow_options_new();
    fast_arrow_options_set_binary_hex(o, 1);
    fast_arrow_options_set_header(o, 0);
    expect_ok(wa, fast_workbook_write_arrow(wa, &b.schema, &b.array, o));
    fast_arrow_options_free(o);
    fast_format *ftime = fast_workbook_add_format(wt), *fdur = fast_workbook_add_format(wt);
    fast_format_set_num_format(ftime, "hh:mm:ss", 8);
    fast_format_set_num_format(fdur, "[h]:mm:ss", 9);
    trow r[2];
    memset(r, 0, sizeof r);
    trow *x = &r[0];
    int j = 0;
    t_int(x, j++, FAST_TYPE_INTEGER, -32768);
    t_int(x, j++, FAST_TYPE_INTEGER, INT32_MIN);
    t_int(x, j++, FAST_TYPE_INTEGER, 255);
    t_int(x, j++, FAST_TYPE_INTEGER, UINT32_MAX);
    t_num(x, j++, -123.45);
    t_str(x, j++, "123456789012345.6789");
    t_str(x, j++, "\\xff00");
    t_str(x, j++, "\\x62696e6172792076696577206c6f6e676572207468616e203132");
    t_str(x, j++, "\\x616263");
    t_str(x, j++, "P-1Y-2M");
    t_str(x, j++, "P2DT25H1M1.001S");
    t_num(x, j++, 43200500.0 / 86400000.0);
    x->formats[j - 1] = ftime;
    t_num(x, j++, 1e9 / 86400e9);
    x->formats[j - 1] = ftime;
    t_num(x, j++, 2.0);
    x->formats[j - 1] = fdur;
    t_num(x, j++, 0.0 + -1500000.0 / 86400000000.0);
    x->formats[j - 1] = fdur;
    t_num(x, j++, 1.0);
    x->formats[j - 1] = fdur;
    t_str(x, j++, "two");
    t_str(x, j++, "9007199254740993");
    t_str(x, j++, "1899-12-31 00:00:00");
    assert_int_equal(j, N);
    for (int k = 0; k < 2; k++)
        expect_ok(wt, fast_workbook_write_row_typed(wt, r[k].types, r[k].numbers, r[k].integers, r[k].texts,
                                                   r[k].lengths, r[k].formats, N));
    tu_close_ok(wa);
    tu_close_ok(wt);
    static const char *const parts[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", NULL};
    assert_same_parts(&pa, &pb, parts);
    tu_buf_free(&pa);
    tu_buf_free(&pb);
}

/* A struct offset (a slice of a batch) writes only the slice's rows. */
static void test_struct_offset_and_empty(void **state)
{
    (void)state;
    batch b;
    batch_init(&b, 2);
    b.array.offset = 1;
    static const int32_t v[4] = {10, 20, 30, 40};
    add_col(&b, "i", "n", 3, 0, NULL, 2, v, NULL); /* child length 3 holds rows 1..2 */
    tu_buf p = {0}, xml = {0};
    fast_workbook *wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    fast_arrow_options *o = fast_arrow_options_new();
    fast_arrow_options_set_header(o, 0);
    expect_ok(wb, fast_workbook_write_arrow(wb, &b.schema, &b.array, o));
    b.array.length = 0; /* an empty batch: nothing */
    expect_ok(wb, fast_workbook_write_arrow(wb, &b.schema, &b.array, o));
    fast_arrow_options_free(o);
    tu_close_ok(wb);
    sheet_xml(&p, "xl/worksheets/sheet1.xml", &xml);
    tu_assert_contains(xml.data, xml.len,
                       "<row r=\"1\"><c r=\"A1\"><v>20</v></c></row><row r=\"2\"><c r=\"A2\"><v>30</v></c></row>"
                       "</sheetData>");
    tu_buf_free(&xml);
    tu_buf_free(&p);

    /* Too short a child for the struct's offset + length: refused, nothing written. */
    batch_init(&b, 3);
    b.array.offset = 2;
    add_col(&b, "i", "n", 3, 0, NULL, 2, v, NULL);
    wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    assert_int_equal(fast_workbook_write_arrow(wb, &b.schema, &b.array, NULL), FAST_ERROR_INVALID_ARGUMENT);
    assert_non_null(strstr(fast_workbook_error_message(wb), "column A ('n', format 'i')"));
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    tu_close_ok(wb);
    tu_buf_free(&p);
}

/* ---- refusals -------------------------------------------------------------------------- */

static fast_status write_one(batch *b, const fast_arrow_options *o, char *msg, size_t cap, int *rows_after)
{
    tu_buf p = {0}, xml = {0};
    fast_workbook *wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "R", 1));
    fast_status st = fast_workbook_write_arrow(wb, &b->schema, &b->array, o);
    snprintf(msg, cap, "%s", fast_workbook_error_message(wb));
    assert_int_equal(fast_workbook_status(wb), FAST_OK); /* non-sticky */
    tu_close_ok(wb);
    sheet_xml(&p, "xl/worksheets/sheet1.xml", &xml);
    *rows_after = 0;
    for (const char *s = (const char *)xml.data; (s = strstr(s, "<row ")); s++)
        ++*rows_after;
    tu_buf_free(&xml);
    tu_buf_free(&p);
    return st;
}

static void expect_refused(batch *b, const fast_arrow_options *o, fast_status want, const char *text)
{
    char msg[400];
    int rows;
    fast_status st = write_one(b, o, msg, sizeof msg, &rows);
    if (st != want || !strstr(msg, text))
        fail_msg("status %d (want %d), message '%s' (want '%s')", (int)st, (int)want, msg, text);
    assert_int_equal(rows, 0);
}

static void test_refused_types(void **state)
{
    (void)state;
    static const int32_t v[2] = {1, 2};
    const char *formats[] = {"+l", "+s", "+m", "+w:2", "+r", "+ud:0,1", "x", "tsu:Not/AZone", "tsu:../../etc/passwd",
                             "d:99,1", "z", "w:4"};
    const char *expect[] = {"list columns", "struct columns", "map columns", "fixed-size list", "run-end",
                            "union", "unsupported Arrow type", "'Not/AZone' not found", "not a time zone name",
                            "decimal format", "binary columns are refused", "binary columns are refused"};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        batch b;
        batch_init(&b, 2);
        add_col(&b, "i", "ok", 2, 0, NULL, 2, v, NULL);
        add_col(&b, formats[k], "tags", 2, 0, NULL, 2, v, NULL);
        char want[120];
        snprintf(want, sizeof want, "column B ('tags', format '%s'): ", formats[k]);
        expect_refused(&b, NULL, FAST_ERROR_CELL_TYPE, want);
        expect_refused(&b, NULL, FAST_ERROR_CELL_TYPE, expect[k]);
    }
    /* A schema that is not a struct. */
    batch b;
    batch_init(&b, 2);
    add_col(&b, "i", "ok", 2, 0, NULL, 2, v, NULL);
    b.schema.format = "i";
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "not a struct");
}

static void test_malformed_arrays(void **state)
{
    (void)state;
    static const int32_t v[3] = {1, 2, 3};
    static const int32_t down[4] = {0, 3, 2, 4};
    static const int32_t neg[4] = {-1, 0, 1, 2};
    static const uint8_t nulls[1] = {0x5};
    batch b;

    batch_init(&b, 3);
    add_col(&b, "u", "s", 3, 0, NULL, 3, down, "abcd");
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT,
                   "column A ('s', format 'u'): offsets not increasing at row 1");
    batch_init(&b, 3);
    add_col(&b, "u", "s", 3, 0, NULL, 3, neg, "abcd");
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "negative offset");
    batch_init(&b, 3);
    add_col(&b, "i", "n", 3, 0, NULL, 3, v, NULL); /* three buffers for an int32 */
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "3 buffers where the layout has 2");
    batch_init(&b, 3);
    add_col(&b, "i", "n", 3, 0, NULL, 2, NULL, NULL);
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "the values buffer is NULL");
    batch_init(&b, 3);
    struct ArrowArray *a = add_col(&b, "i", "n", 3, 0, NULL, 2, v, NULL);
    a->null_count = 1;
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "without a validity bitmap");
    batch_init(&b, 3);
    a = add_col(&b, "i", "n", 3, 0, NULL, 2, v, NULL);
    a->release = NULL;
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "released");
    batch_init(&b, 3);
    a = add_col(&b, "i", "n", 3, 0, NULL, 2, v, NULL);
    a->length = -1;
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "negative length");
    batch_init(&b, 3);
    add_col(&b, "i", "n", 3, INT64_MAX - 1, NULL, 2, v, NULL);
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "does not hold");
    batch_init(&b, 3);
    b.array.n_children = 2; /* more children than the schema */
    add_col(&b, "i", "n", 3, 0, NULL, 2, v, NULL);
    b.array.n_children = 2;
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "not a struct array of the schema's 1 columns");
    /* Dictionary indices outside the dictionary (the null entry's is never read). */
    static const int8_t idx[3] = {0, 100, 2};
    static const int32_t doff[3] = {0, 1, 2};
    batch_init(&b, 3);
    add_col(&b, "c", "d", 3, 0, nulls, 2, idx, NULL);
    add_dict(&b, 0, "u", 2, 3, doff, "ab");
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "dictionary index 2 at row 2 is outside the dictionary of 2");
    /* A view pointing past its data buffer. */
    static unsigned char views[1][16];
    view(views[0], "a string longer than twelve", 5);
    static const int64_t size[1] = {27};
    batch_init(&b, 1);
    add_col(&b, "vu", "v", 1, 0, NULL, 4, views, "a string longer than twelve");
    b.bufs[0][3] = size;
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "points outside its data buffers");
    /* A time of day beyond 24:00:00. */
    static const int64_t late[1] = {INT64_C(86400000001)};
    batch_init(&b, 1);
    add_col(&b, "ttu", "t", 1, 0, NULL, 2, late, NULL);
    expect_refused(&b, NULL, FAST_ERROR_INVALID_ARGUMENT, "outside 0..24:00:00");
}

/* Invalid UTF-8 in the third row: refused there by the row check, the rows before written. */
static void test_row_refused_mid_batch(void **state)
{
    (void)state;
    static const int32_t off[4] = {0, 1, 2, 4};
    batch b;
    batch_init(&b, 3);
    add_col(&b, "u", "s", 3, 0, NULL, 3, off, "ab\xc3\x28");
    char msg[400];
    int rows;
    assert_int_equal(write_one(&b, NULL, msg, sizeof msg, &rows), FAST_ERROR_INVALID_UTF8);
    assert_non_null(strstr(msg, "row 4, column A"));
    assert_non_null(strstr(msg, "(3 rows of this call were written before it)"));
    assert_int_equal(rows, 3);
}

static void test_binary_hex_lossy_formats(void **state)
{
    (void)state;
    static const int32_t off[3] = {0, 2, 2};
    static const int64_t big[2] = {INT64_C(9007199254740993), 1};
    batch b;
    batch_init(&b, 2);
    add_col(&b, "z", "bin", 2, 0, NULL, 3, off, "\x01\xab");
    add_col(&b, "l", "big", 2, 0, NULL, 2, big, NULL);
    fast_arrow_options *o = fast_arrow_options_new();
    assert_non_null(o);
    expect_ok(NULL, fast_arrow_options_set_binary_hex(o, 1));
    expect_ok(NULL, fast_arrow_options_set_lossy_numbers(o, 1));
    expect_ok(NULL, fast_arrow_options_set_header(o, 0));
    assert_int_equal(fast_arrow_options_set_column_format(o, FAST_MAX_COLUMNS, NULL), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_arrow_options_set_header(NULL, 0), FAST_ERROR_INVALID_ARGUMENT);
    tu_buf p = {0}, xml = {0}, sst = {0};
    fast_workbook *wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "B", 1));
    fast_format *bold = fast_workbook_add_format(wb);
    fast_format_set_bold(bold, 1);
    expect_ok(NULL, fast_arrow_options_set_column_format(o, 1, bold));
    expect_ok(wb, fast_workbook_write_arrow(wb, &b.schema, &b.array, o));
    fast_arrow_options_free(o);
    tu_close_ok(wb);
    sheet_xml(&p, "xl/worksheets/sheet1.xml", &xml);
    sheet_xml(&p, "xl/sharedStrings.xml", &sst);
    tu_assert_contains(sst.data, sst.len, "<t>\\x01ab</t>");
    tu_assert_contains(sst.data, sst.len, "<t>\\x</t>");
    tu_assert_contains(xml.data, xml.len, "<c r=\"B1\" s=\"1\"><v>9007199254740992</v></c>"); /* rounded: lossy */
    tu_buf_free(&xml);
    tu_buf_free(&sst);
    tu_buf_free(&p);
}

/* ---- streams ---------------------------------------------------------------------------- */

typedef struct stream_state {
    int batches, next, fail_at;
    int32_t values[4][2];
    batch b[4];
    int stream_released;
} stream_state;

static int s_get_schema(struct ArrowArrayStream *s, struct ArrowSchema *out)
{
    stream_state *st = s->private_data;
    *out = st->b[0].schema; /* moved: the consumer releases it */
    return 0;
}

static int s_get_next(struct ArrowArrayStream *s, struct ArrowArray *out)
{
    stream_state *st = s->private_data;
    if (st->next == st->fail_at)
        return 5; /* EIO */
    if (st->next == st->batches) {
        memset(out, 0, sizeof *out); /* the end: a released array */
        return 0;
    }
    *out = st->b[st->next++].array;
    return 0;
}

static const char *s_last_error(struct ArrowArrayStream *s)
{
    (void)s;
    return "the producer gave up";
}

static void s_release(struct ArrowArrayStream *s)
{
    ((stream_state *)s->private_data)->stream_released++;
    s->release = NULL;
}

static void make_stream(stream_state *st, struct ArrowArrayStream *s, int batches)
{
    memset(st, 0, sizeof *st);
    st->batches = batches;
    st->fail_at = -1;
    for (int k = 0; k < batches; k++) {
        st->values[k][0] = 10 * k + 1;
        st->values[k][1] = 10 * k + 2;
        batch_init(&st->b[k], 2);
        add_col(&st->b[k], "i", "v", 2, 0, NULL, 2, st->values[k], NULL);
    }
    if (!batches) {
        batch_init(&st->b[0], 0);
        add_col(&st->b[0], "i", "v", 0, 0, NULL, 2, NULL, NULL);
    }
    s->get_schema = s_get_schema;
    s->get_next = s_get_next;
    s->get_last_error = s_last_error;
    s->release = s_release;
    s->private_data = st;
}

static void test_stream(void **state)
{
    (void)state;
    stream_state st;
    struct ArrowArrayStream s;
    make_stream(&st, &s, 3);
    tu_buf p = {0}, xml = {0};
    fast_workbook *wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    released = 0;
    expect_ok(wb, fast_workbook_write_arrow_stream(wb, &s, NULL));
    assert_int_equal(released, 4);            /* 3 batches and the schema, each once */
    assert_int_equal(st.stream_released, 0);  /* the stream is the caller's */
    assert_non_null(s.release);
    s.release(&s);
    tu_close_ok(wb);
    sheet_xml(&p, "xl/worksheets/sheet1.xml", &xml);
    tu_assert_contains(xml.data, xml.len,
                       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v>");
    tu_assert_contains(xml.data, xml.len, "<row r=\"7\"><c r=\"A7\"><v>22</v></c></row></sheetData>");
    tu_buf_free(&xml);
    tu_buf_free(&p);

    /* An empty stream: the header row alone. A failing get_next: the batches before it stay written. */
    make_stream(&st, &s, 0);
    wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    released = 0;
    expect_ok(wb, fast_workbook_write_arrow_stream(wb, &s, NULL));
    assert_int_equal(released, 1);
    make_stream(&st, &s, 3);
    st.fail_at = 2;
    fast_arrow_options *o = fast_arrow_options_new();
    fast_arrow_options_set_header(o, 0);
    released = 0;
    assert_int_equal(fast_workbook_write_arrow_stream(wb, &s, o), FAST_ERROR_CALLBACK);
    assert_int_equal(released, 3);
    assert_non_null(strstr(fast_workbook_error_message(wb),
                           "get_next failed (errno 5) after 2 batches, 4 rows written: the producer gave up"));
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    assert_int_equal(fast_workbook_write_arrow_stream(wb, NULL, o), FAST_ERROR_INVALID_ARGUMENT);
    fast_arrow_options_free(o);
    tu_close_ok(wb);
    sheet_xml(&p, "xl/worksheets/sheet1.xml", &xml);
    tu_assert_contains(xml.data, xml.len, "<row r=\"5\"><c r=\"A5\"><v>12</v></c></row></sheetData>");
    tu_buf_free(&xml);
    tu_buf_free(&p);
}

/* Rows beyond the sheet's limit continue on a new sheet that repeats the header row,
 * as the typed call does with one header row set. */
static void test_rollover_repeats_header(void **state)
{
    (void)state;
    static const int32_t v[5] = {1, 2, 3, 4, 5};
    batch b;
    batch_init(&b, 5);
    add_col(&b, "i", "n", 5, 0, NULL, 2, v, NULL);
    tu_buf pa = {0}, pb = {0};
    fast_workbook *wa = tu_callback_workbook(&pa), *wt = tu_callback_workbook(&pb);
    expect_ok(wa, fast_workbook_set_rows_per_sheet(wa, 3));
    expect_ok(wt, fast_workbook_set_rows_per_sheet(wt, 3));
    expect_ok(wa, fast_workbook_add_worksheet(wa, "Data", 4));
    expect_ok(wt, fast_workbook_add_worksheet(wt, "Data", 4));
    expect_ok(wt, fast_workbook_set_header_rows(wt, 1));
    expect_ok(wa, fast_workbook_write_arrow(wa, &b.schema, &b.array, NULL));
    const uint8_t ts = FAST_TYPE_STRING, ti = FAST_TYPE_INTEGER;
    const char *name = "n";
    expect_ok(wt, fast_workbook_write_row_typed(wt, &ts, NULL, NULL, &name, NULL, NULL, 1));
    for (int k = 0; k < 5; k++) {
        int64_t x = v[k];
        expect_ok(wt, fast_workbook_write_row_typed(wt, &ti, NULL, &x, NULL, NULL, NULL, 1));
    }
    tu_close_ok(wa);
    tu_close_ok(wt);
    static const char *const parts[] = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                                        "xl/worksheets/sheet3.xml", "xl/workbook.xml", "xl/sharedStrings.xml", NULL};
    assert_same_parts(&pa, &pb, parts);
    tu_buf xml = {0};
    sheet_xml(&pa, "xl/worksheets/sheet3.xml", &xml);
    tu_assert_contains(xml.data, xml.len,
                       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><v>5</v>");
    tu_buf_free(&xml);
    tu_buf_free(&pa);
    tu_buf_free(&pb);
}

/* Float32 and float16 values become the double of their own shortest decimal. */
static void test_float_shortest(void **state)
{
    (void)state;
    /* 3006.71875 lies halfway between two 8-digit decimals: the even one; -51606590 is
     * the end of -51606592's rounding interval, which reads back (round half to even). */
    static const float f[9] = {0.1f, 1.0f / 3, 16777216.0f, 1e-45f, 3.4028235e38f, -2.5e-8f, 3006.71875f, -51606592.0f,
                               0x1p87f};
    /* 2^87 = 1.5474250491...e26: its interval is lopsided, so the shortest decimal is not the nearest 8-digit one. */
    static const char *want[9] = {"0.1", "0.33333334", "16777216", "1e-45", "3.4028235e+38", "-2.5e-08", "3006.7188",
                                  "-51606590", "1.5474251e+26"};
    static const uint16_t h[9] = {0x3C00, 0x3555, 0x0001, 0x7BFF, 0xC000, 0x2E66, 0x3C00, 0x3C00, 0x3C00};
    static const char *hwant[9] = {"1", "0.3333", "6e-08", "65500", "-2", "0.1", "1", "1", "1"};
    batch b;
    batch_init(&b, 9);
    add_col(&b, "f", "f", 9, 0, NULL, 2, f, NULL);
    add_col(&b, "e", "h", 9, 0, NULL, 2, h, NULL);
    tu_buf p = {0}, xml = {0};
    fast_workbook *wb = tu_callback_workbook(&p);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "F", 1));
    expect_ok(wb, fast_workbook_write_arrow(wb, &b.schema, &b.array, NULL));
    tu_close_ok(wb);
    sheet_xml(&p, "xl/worksheets/sheet1.xml", &xml);
    for (int k = 0; k < 9; k++) {
        char cell[96];
        snprintf(cell, sizeof cell, "<c r=\"A%d\"><v>%s</v></c><c r=\"B%d\"><v>%s</v></c>", k + 2, want[k], k + 2,
                 hwant[k]);
        tu_assert_contains(xml.data, xml.len, cell);
    }
    tu_buf_free(&xml);
    tu_buf_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_matches_typed),
        cmocka_unit_test(test_more_types_match_typed),
        cmocka_unit_test(test_struct_offset_and_empty),
        cmocka_unit_test(test_refused_types),
        cmocka_unit_test(test_malformed_arrays),
        cmocka_unit_test(test_row_refused_mid_batch),
        cmocka_unit_test(test_binary_hex_lossy_formats),
        cmocka_unit_test(test_stream),
        cmocka_unit_test(test_rollover_repeats_header),
        cmocka_unit_test(test_float_shortest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
