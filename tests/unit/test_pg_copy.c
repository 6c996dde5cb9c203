/*
 * test_pg_copy.c - the COPY binary stream decoder (lib/pg/copy.c) and the
 * value checks of lib/pg/types.c, fed hand-made and corrupt bytes: bad
 * signature, critical flags, truncated rows, wrong field counts, wrong fixed
 * sizes, negative lengths, bytes after the trailer; and the same stream split
 * at every byte position, and fed one byte at a time, decoding to the same rows.
 */
#include "pg_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* ---- building streams ----------------------------------------------------------- */

typedef struct bytes {
    unsigned char data[4096];
    size_t len;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    assert_true(b->len + n <= sizeof b->data);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put16(bytes *b, int v)
{
    unsigned char p[2] = {(unsigned char)((unsigned)v >> 8), (unsigned char)v};
    put(b, p, 2);
}

static void put32(bytes *b, int64_t v)
{
    uint32_t u = (uint32_t)v;
    unsigned char p[4] = {(unsigned char)(u >> 24), (unsigned char)(u >> 16), (unsigned char)(u >> 8),
                          (unsigned char)u};
    put(b, p, 4);
}

static void header(bytes *b, uint32_t flags, const char *extension)
{
    put(b, "PGCOPY\n\377\r\n\0", 11);
    put32(b, flags);
    put32(b, extension ? (int64_t)strlen(extension) : 0);
    if (extension)
        put(b, extension, strlen(extension));
}

static void field_text(bytes *b, const char *s)
{
    if (!s) {
        put32(b, -1);
        return;
    }
    put32(b, (int64_t)strlen(s));
    put(b, s, strlen(s));
}

static void field_int4(bytes *b, int32_t v)
{
    put32(b, 4);
    put32(b, v);
}

/* A stream of rows (int4, text): (1, "one"), (2, NULL), (3, ""), (-4, "a longer text value"). */
static void sample(bytes *b)
{
    header(b, 0, NULL);
    static const char *const texts[] = {"one", NULL, "", "a longer text value"};
    static const int32_t ints[] = {1, 2, 3, -4};
    for (int i = 0; i < 4; i++) {
        put16(b, 2);
        field_int4(b, ints[i]);
        field_text(b, texts[i]);
    }
    put16(b, -1);
}

/* ---- collecting rows ------------------------------------------------------------ */

typedef struct collected {
    char text[2048]; /* each row as "int|text;" with NULL as "~" */
    size_t len;
    int rows;
    int stop_after; /* return non-zero after this many rows (0: never) */
} collected;

static int collect(void *user, const fx_pg_field *f, size_t n)
{
    collected *c = user;
    assert_int_equal(n, 2);
    assert_int_equal(f[0].len, 4);
    int32_t v = (int32_t)((uint32_t)f[0].data[0] << 24 | (uint32_t)f[0].data[1] << 16 | (uint32_t)f[0].data[2] << 8
                          | f[0].data[3]);
    c->len += (size_t)snprintf(c->text + c->len, sizeof c->text - c->len, "%d|%.*s;", (int)v,
                               f[1].len < 0 ? 1 : (int)f[1].len, f[1].len < 0 ? "~" : (const char *)f[1].data);
    c->rows++;
    return c->stop_after && c->rows >= c->stop_after;
}

static const int32_t sizes_int4_text[2] = {4, -1};
static const char expected_sample[] = "1|one;2|~;3|;-4|a longer text value;";

static fx_pg_copy *decoder(collected *c)
{
    memset(c, 0, sizeof *c);
    fx_pg_copy *d = fx_pg_copy_new(2, sizes_int4_text, collect, c);
    assert_non_null(d);
    return d;
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_whole_stream(void **state)
{
    (void)state;
    bytes b = {0};
    sample(&b);
    collected c;
    fx_pg_copy *d = decoder(&c);
    assert_int_equal(fx_pg_copy_feed(d, b.data, b.len), FX_PG_COPY_OK);
    assert_true(fx_pg_copy_done(d));
    assert_int_equal(fx_pg_copy_finish(d), FX_PG_COPY_OK);
    assert_string_equal(c.text, expected_sample);
    assert_int_equal(fx_pg_copy_rows(d), 4);
    assert_int_equal(fx_pg_copy_offset(d), b.len);
    fx_pg_copy_free(d);
}

static void test_every_split_point(void **state)
{
    (void)state;
    bytes b = {0};
    sample(&b);
    for (size_t cut = 0; cut <= b.len; cut++) {
        collected c;
        fx_pg_copy *d = decoder(&c);
        assert_int_equal(fx_pg_copy_feed(d, b.data, cut), FX_PG_COPY_OK);
        assert_int_equal(fx_pg_copy_feed(d, b.data + cut, b.len - cut), FX_PG_COPY_OK);
        assert_int_equal(fx_pg_copy_finish(d), FX_PG_COPY_OK);
        assert_string_equal(c.text, expected_sample);
        fx_pg_copy_free(d);
    }
    /* every pair of split points: three pieces */
    for (size_t i = 0; i <= b.len; i++) {
        for (size_t j = i; j <= b.len; j++) {
            collected c;
            fx_pg_copy *d = decoder(&c);
            assert_int_equal(fx_pg_copy_feed(d, b.data, i), FX_PG_COPY_OK);
            assert_int_equal(fx_pg_copy_feed(d, b.data + i, j - i), FX_PG_COPY_OK);
            assert_int_equal(fx_pg_copy_feed(d, b.data + j, b.len - j), FX_PG_COPY_OK);
            assert_int_equal(fx_pg_copy_finish(d), FX_PG_COPY_OK);
            assert_string_equal(c.text, expected_sample);
            fx_pg_copy_free(d);
        }
    }
}

static void test_one_byte_at_a_time(void **state)
{
    (void)state;
    bytes b = {0};
    sample(&b);
    collected c;
    fx_pg_copy *d = decoder(&c);
    for (size_t i = 0; i < b.len; i++) {
        assert_int_equal(fx_pg_copy_feed(d, b.data + i, 1), FX_PG_COPY_OK);
        assert_int_equal(fx_pg_copy_done(d), i == b.len - 1);
    }
    assert_int_equal(fx_pg_copy_finish(d), FX_PG_COPY_OK);
    assert_string_equal(c.text, expected_sample);
    fx_pg_copy_free(d);
}

static void test_header_extension_and_flags(void **state)
{
    (void)state;
    bytes b = {0};
    header(&b, 0x0000FFFFu, "extension bytes"); /* non-critical flags are ignored */
    put16(&b, 2);
    field_int4(&b, 7);
    field_text(&b, "x");
    put16(&b, -1);
    for (size_t cut = 0; cut <= b.len; cut++) {
        collected c;
        fx_pg_copy *d = decoder(&c);
        assert_int_equal(fx_pg_copy_feed(d, b.data, cut), FX_PG_COPY_OK);
        assert_int_equal(fx_pg_copy_feed(d, b.data + cut, b.len - cut), FX_PG_COPY_OK);
        assert_int_equal(fx_pg_copy_finish(d), FX_PG_COPY_OK);
        assert_string_equal(c.text, "7|x;");
        fx_pg_copy_free(d);
    }
}

static void expect_malformed(const bytes *b, const char *message_part, int at_finish)
{
    /* whole, and byte by byte: the same failure */
    for (int bytewise = 0; bytewise < 2; bytewise++) {
        collected c;
        fx_pg_copy *d = decoder(&c);
        int rc = FX_PG_COPY_OK;
        if (bytewise) {
            for (size_t i = 0; i < b->len && rc == FX_PG_COPY_OK; i++)
                rc = fx_pg_copy_feed(d, b->data + i, 1);
        } else {
            rc = fx_pg_copy_feed(d, b->data, b->len);
        }
        if (at_finish) {
            assert_int_equal(rc, FX_PG_COPY_OK);
            rc = fx_pg_copy_finish(d);
        }
        assert_int_equal(rc, FX_PG_COPY_MALFORMED);
        if (!strstr(fx_pg_copy_message(d), message_part))
            fail_msg("message '%s' lacks '%s'", fx_pg_copy_message(d), message_part);
        /* the decoder stays failed */
        assert_int_equal(fx_pg_copy_feed(d, "x", 1), FX_PG_COPY_MALFORMED);
        assert_int_equal(fx_pg_copy_finish(d), FX_PG_COPY_MALFORMED);
        fx_pg_copy_free(d);
    }
}

static void test_bad_signature(void **state)
{
    (void)state;
    bytes b = {0};
    sample(&b);
    b.data[7] = 0x7F; /* the \377 byte, as a 7-bit channel would leave it */
    expect_malformed(&b, "signature", 0);
    bytes text = {0};
    put(&text, "1\tone\n2\t\\N\n\\.\n", 14); /* text-format COPY data */
    expect_malformed(&text, "signature", 0);
}

static void test_critical_flags(void **state)
{
    (void)state;
    bytes b = {0};
    header(&b, 1u << 16, NULL); /* OIDs included */
    put16(&b, -1);
    expect_malformed(&b, "critical flags 0x00010000", 0);
    bytes u = {0};
    header(&u, 1u << 31, NULL);
    put16(&u, -1);
    expect_malformed(&u, "critical flags", 0);
}

static void test_truncated(void **state)
{
    (void)state;
    bytes b = {0};
    sample(&b);
    /* cut inside the last row's text, inside a length, and inside the header */
    size_t cuts[] = {b.len - 5, b.len - 2 - 19 - 3, 12, 0};
    const char *messages[] = {"ended inside row 4", "ended inside row 4", "inside its header", "inside its header"};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        bytes t = b;
        t.len = cuts[i];
        expect_malformed(&t, messages[i], 1);
    }
    bytes no_trailer = b;
    no_trailer.len -= 2;
    expect_malformed(&no_trailer, "without its trailer after row 4", 1);
}

static void test_wrong_field_count(void **state)
{
    (void)state;
    bytes b = {0};
    header(&b, 0, NULL);
    put16(&b, 2);
    field_int4(&b, 1);
    field_text(&b, "ok");
    put16(&b, 3);
    field_int4(&b, 2);
    field_text(&b, "b");
    field_text(&b, "c");
    put16(&b, -1);
    expect_malformed(&b, "row 2 (byte 35): 3 fields, expected 2", 0);
    bytes z = {0};
    header(&z, 0, NULL);
    put16(&z, 0);
    expect_malformed(&z, "0 fields, expected 2", 0);
}

static void test_wrong_fixed_size(void **state)
{
    (void)state;
    bytes b = {0};
    header(&b, 0, NULL);
    put16(&b, 2);
    put32(&b, 8); /* an int4 column with 8 bytes */
    put32(&b, 0);
    put32(&b, 1);
    field_text(&b, "x");
    put16(&b, -1);
    expect_malformed(&b, "row 1, column 1 (byte 21): field of 8 bytes, its type has 4", 0);
}

static void test_negative_length_and_after_trailer(void **state)
{
    (void)state;
    bytes b = {0};
    header(&b, 0, NULL);
    put16(&b, 2);
    field_int4(&b, 1);
    put32(&b, -2);
    expect_malformed(&b, "column 2 (byte 29): field length -2", 0);
    bytes t = {0};
    sample(&t);
    put16(&t, 2);
    expect_malformed(&t, "after its trailer", 0);
}

static void test_callback_stops(void **state)
{
    (void)state;
    bytes b = {0};
    sample(&b);
    collected c;
    fx_pg_copy *d = decoder(&c);
    c.stop_after = 2;
    assert_int_equal(fx_pg_copy_feed(d, b.data, b.len), FX_PG_COPY_STOPPED);
    assert_int_equal(c.rows, 2);
    assert_int_equal(fx_pg_copy_feed(d, b.data, 1), FX_PG_COPY_STOPPED);
    fx_pg_copy_free(d);
}

static void test_new_arguments(void **state)
{
    (void)state;
    collected c;
    assert_null(fx_pg_copy_new(0, NULL, collect, &c));
    assert_null(fx_pg_copy_new(32768, NULL, collect, &c));
    assert_null(fx_pg_copy_new(1, NULL, NULL, &c));
    fx_pg_copy_free(NULL);
}

/* ---- numeric text and value checks (types.c) ------------------------------------ */

static size_t numeric(unsigned char *p, int ndigits, int weight, unsigned sign, int dscale, const int *digits)
{
    bytes b = {0};
    put16(&b, ndigits);
    put16(&b, weight);
    put16(&b, (int)sign);
    put16(&b, dscale);
    for (int i = 0; i < ndigits; i++)
        put16(&b, digits[i]);
    memcpy(p, b.data, b.len);
    return b.len;
}

static void expect_numeric(int ndigits, int weight, unsigned sign, int dscale, const int *digits, const char *want)
{
    unsigned char p[64];
    char out[128];
    size_t need = 0;
    size_t len = numeric(p, ndigits, weight, sign, dscale, digits);
    long n = fx_pg_numeric_text(p, (int32_t)len, out, sizeof out, &need);
    if (!want) {
        assert_int_equal(n, -1);
        return;
    }
    assert_true(n >= 0);
    assert_string_equal(out, want);
    /* too small a buffer: -1 and the size needed */
    n = fx_pg_numeric_text(p, (int32_t)len, out, 2, &need);
    assert_int_equal(n, -1);
    assert_true(need > strlen(want));
}

static void test_numeric_text(void **state)
{
    (void)state;
    expect_numeric(3, 1, 0x0000, 3, (const int[]){1, 2345, 6780}, "12345.678");
    expect_numeric(1, -1, 0x0000, 3, (const int[]){10}, "0.001");
    expect_numeric(1, -2, 0x4000, 8, (const int[]){1234}, "-0.00001234");
    expect_numeric(0, 0, 0x0000, 2, NULL, "0.00");
    expect_numeric(0, 0, 0x0000, 0, NULL, "0");
    expect_numeric(1, 2, 0x0000, 0, (const int[]){5}, "500000000");
    expect_numeric(2, 0, 0x0000, 2, (const int[]){3, 1000}, "3.10");
    expect_numeric(0, 0, 0xC000, 0, NULL, "NaN");
    expect_numeric(0, 0, 0xD000, 0, NULL, "Infinity");
    expect_numeric(0, 0, 0xF000, 0, NULL, "-Infinity");
    expect_numeric(1, 0, 0x0000, 0, (const int[]){10000}, NULL); /* a digit beyond 9999 */
    expect_numeric(1, 0, 0x1234, 0, (const int[]){1}, NULL);     /* an unknown sign */
    unsigned char p[64];
    char out[64];
    size_t need = 0;
    size_t len = numeric(p, 2, 0, 0, 0, (const int[]){1, 2});
    assert_int_equal(fx_pg_numeric_text(p, (int32_t)len - 2, out, sizeof out, &need), -1); /* ndigits vs length */
    assert_int_equal(fx_pg_numeric_text(p, 6, out, sizeof out, &need), -1);                /* shorter than its header */
}

static void test_value_checks(void **state)
{
    (void)state;
    fast_cells *cells = fast_cells_new(1);
    assert_non_null(cells);
    fx_pg_convert cv = {0};
    fx_pg_column col = {.kind = FX_PG_TIME};
    unsigned char neg[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    fx_pg_field f = {neg, 8};
    assert_int_equal(fx_pg_set_cell(&cv, &col, cells, 0, &f), FAST_PG_ERROR_PROTOCOL);
    assert_non_null(strstr(cv.message, "malformed time"));

    col.kind = FX_PG_NUMERIC;
    unsigned char num[8] = {0, 5, 0, 0, 0, 0, 0, 0}; /* five digits announced, none present */
    f = (fx_pg_field){num, 8};
    assert_int_equal(fx_pg_set_cell(&cv, &col, cells, 0, &f), FAST_PG_ERROR_PROTOCOL);
    unsigned char big[32];
    size_t len = numeric(big, 5, 4, 0, 0, (const int[]){1, 2345, 6789, 123, 4567}); /* 17 digits: text */
    f = (fx_pg_field){big, (int32_t)len};
    assert_int_equal(fx_pg_set_cell(&cv, &col, cells, 0, &f), FAST_PG_OK);
    free(col.scratch);
    col.scratch = NULL;
    col.scratch_cap = 0;

    /* text of 32,768 two-byte characters: an error, or cut on a character boundary */
    size_t n = 32768 * 2;
    unsigned char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i += 2) {
        text[i] = 0xC3;
        text[i + 1] = 0xA9;
    }
    col.kind = FX_PG_TEXT;
    f = (fx_pg_field){text, (int32_t)n};
    assert_int_equal(fx_pg_set_cell(&cv, &col, cells, 0, &f), FAST_PG_ERROR_TEXT_TOO_LONG);
    assert_non_null(strstr(cv.message, "32768 characters"));
    f.len = 32767 * 2; /* exactly the limit: fine */
    assert_int_equal(fx_pg_set_cell(&cv, &col, cells, 0, &f), FAST_PG_OK);
    f.len = (int32_t)n;
    cv.truncate_long_text = 1;
    assert_int_equal(fx_pg_set_cell(&cv, &col, cells, 0, &f), FAST_PG_OK);
    assert_int_equal(cv.truncated, 1);
    free(text);
    fast_cells_free(cells);
}

static void test_kinds(void **state)
{
    (void)state;
    assert_int_equal(fx_pg_kind_of(16), FX_PG_BOOL);
    assert_int_equal(fx_pg_kind_of(20), FX_PG_INT8);
    assert_int_equal(fx_pg_kind_of(1700), FX_PG_NUMERIC);
    assert_int_equal(fx_pg_kind_of(1184), FX_PG_TIMESTAMPTZ);
    assert_int_equal(fx_pg_kind_of(1042), FX_PG_TEXT);
    assert_int_equal(fx_pg_kind_of(2950), FX_PG_CAST_TEXT); /* uuid */
    assert_int_equal(fx_pg_kind_of(3802), FX_PG_CAST_TEXT); /* jsonb: its binary form has a version byte */
    assert_int_equal(fx_pg_kind_size(FX_PG_BOOL), 1);
    assert_int_equal(fx_pg_kind_size(FX_PG_DATE), 4);
    assert_int_equal(fx_pg_kind_size(FX_PG_TIMESTAMP), 8);
    assert_int_equal(fx_pg_kind_size(FX_PG_NUMERIC), -1);
    assert_int_equal(fx_pg_kind_size(FX_PG_TEXT), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_stream),
        cmocka_unit_test(test_every_split_point),
        cmocka_unit_test(test_one_byte_at_a_time),
        cmocka_unit_test(test_header_extension_and_flags),
        cmocka_unit_test(test_bad_signature),
        cmocka_unit_test(test_critical_flags),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_wrong_field_count),
        cmocka_unit_test(test_wrong_fixed_size),
        cmocka_unit_test(test_negative_length_and_after_trailer),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_new_arguments),
        cmocka_unit_test(test_numeric_text),
        cmocka_unit_test(test_value_checks),
        cmocka_unit_test(test_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
