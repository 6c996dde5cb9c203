/*
 * test_fastpaths.c - the fast paths of the XML text (lib/xml.c, lib/worksheet.c)
 * at their edges, each against a plain reference: cell references across digit
 * and letter counts (column names advanced letter by letter), escaping and
 * UTF-8 checking that read eight bytes at a time (a special byte at every offset
 * of a word, strings of every length), the short-text checks that skip both,
 * integer text at every digit count, and short decimals against the general
 * shortest-round-trip path.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "dtoa.h"
#include "xml.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- column names ---------------------------------------------------------------------- */

/* Independent encoder: bijective base 26. */
static size_t ref_col(uint32_t col0, char *out)
{
    char tmp[8];
    size_t k = 0;
    for (uint32_t n = col0 + 1; n > 0; n = (n - 1) / 26)
        tmp[k++] = (char)('A' + (n - 1) % 26);
    for (size_t j = 0; j < k; j++)
        out[j] = tmp[k - 1 - j];
    return k;
}

/* Every cell reference of a sheet, in order, against the independent encoder:
 * rows 1..120 and 999..1001 (every digit count change up to 4), columns around
 * Z/AA, ZZ/AAA and up to XFD, runs of neighbours and jumps. */
static void test_cell_references(void **state)
{
    (void)state;
    static const uint32_t cols[] = {0, 1, 24, 25, 26, 27, 51, 52, 700, 701, 702, 703, 704, 16381, 16382, 16383};
    const size_t ncols = sizeof cols / sizeof cols[0];
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_cell_references(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "R", 1), FAST_OK);
    fast_cells *c = fast_cells_new(FAST_MAX_COLUMNS);
    assert_non_null(c);
    char *want = malloc(1 << 20);
    assert_non_null(want);
    size_t wlen = 0;
    for (uint32_t row = 1; row <= 1001; row++) {
        fast_cells_clear(c);
        if (row > 120 && row < 999) { /* an empty row: written as nothing, counted */
            tu_write_row(wb, c, 0);
            continue;
        }
        /* Even rows: the listed columns; odd rows: the first 730 columns, all neighbours. */
        size_t n = row % 2 ? 730 : ncols;
        uint32_t last = 0;
        for (size_t k = 0; k < n; k++) {
            uint32_t col = row % 2 ? (uint32_t)k : cols[k];
            assert_int_equal(fast_cells_set_integer(c, col, (int64_t)col), FAST_OK);
            char name[8];
            size_t nl = ref_col(col, name);
            wlen += (size_t)sprintf(want + wlen, "%.*s%u ", (int)nl, name, (unsigned)row);
            last = col;
        }
        tu_write_row(wb, c, last + 1);
    }
    tu_close_ok(wb); /* also frees */
    fast_cells_free(c);

    tu_buf sheet = {0};
    tu_extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    char *got = malloc(1 << 20);
    assert_non_null(got);
    size_t glen = 0;
    const char *p = (const char *)sheet.data, *end = p + sheet.len;
    long at;
    while ((at = tu_find(p, (size_t)(end - p), "<c r=\"", 6)) >= 0) {
        p += at + 6;
        const char *q = memchr(p, '"', (size_t)(end - p));
        assert_non_null(q);
        memcpy(got + glen, p, (size_t)(q - p));
        glen += (size_t)(q - p);
        got[glen++] = ' ';
        p = q;
    }
    want[wlen] = 0;
    tu_assert_str_bytes(got, glen, want);
    free(got);
    free(want);
    tu_buf_free(&sheet);
    tu_buf_free(&out);
}

/* ---- escaping -------------------------------------------------------------------------- */

/* What fx_xml_write_escaped() writes for one byte sequence @s in a run of 'a's
 * (no '_' nearby, so no _x005F_ protection applies). */
static const char *ref_escape(const char *s, int attr)
{
    if (!strcmp(s, "&"))
        return "&amp;";
    if (!strcmp(s, "<"))
        return "&lt;";
    if (!strcmp(s, ">"))
        return "&gt;";
    if (!strcmp(s, "\""))
        return attr ? "&quot;" : "\"";
    if (!strcmp(s, "\r"))
        return "&#13;";
    if (attr && !strcmp(s, "\t"))
        return "&#9;";
    if (attr && !strcmp(s, "\n"))
        return "&#10;";
    if (!strcmp(s, "\x01"))
        return "_x0001_";
    if (!strcmp(s, "\x1f"))
        return "_x001F_";
    if (!strcmp(s, "\xEF\xBF\xBE"))
        return "_xFFFE_";
    return s; /* tab and LF in text, '_', UTF-8 and 0xEF that is not U+FFFE/U+FFFF: as they are */
}

static void test_escape_every_offset(void **state)
{
    (void)state;
    static const char *const specials[] = {"&", "<", ">", "\"", "\r", "\x01", "\x1f", "\t", "\n", "_",
                                           "\xC3\xA9", "\xE2\x82\xAC", "\xEF\xBF\xBE", "\xEF\xBC\x81", "~", "\x7f"};
    for (int attr = 0; attr <= 1; attr++)
        for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++)
            for (size_t len = 0; len <= 26; len++)
                for (size_t at = 0; at <= len; at++) {
                    /* len 'a's with specials[k] inserted at offset at */
                    char in[64], want[128];
                    size_t sl = strlen(specials[k]);
                    memset(in, 'a', at);
                    memcpy(in + at, specials[k], sl);
                    memset(in + at + sl, 'a', len - at);
                    size_t n = len + sl;
                    const char *e = ref_escape(specials[k], attr);
                    int wl = snprintf(want, sizeof want, "%.*s%s%.*s", (int)at, in, e, (int)(len - at), in + at + sl);
                    char buf[4096];
                    fx_xmlbuf xb = {buf, 0, sizeof buf, NULL, NULL};
                    assert_int_equal(fx_xml_write_escaped(&xb, in, n, attr), FAST_OK);
                    if (xb.len != (size_t)wl || memcmp(buf, want, (size_t)wl) != 0)
                        fail_msg("special %zu at %zu of %zu (attr %d): \"%.*s\", expected \"%s\"", k, at, len, attr,
                                 (int)xb.len, buf, want);
                }
}

/* Many specials in one string, at every spacing: the count of each entity. */
static void test_escape_spacing(void **state)
{
    (void)state;
    for (size_t gap = 0; gap <= 17; gap++) {
        char in[512];
        size_t n = 0, amps = 0;
        while (n + gap + 1 < 400) {
            memset(in + n, 'b', gap);
            n += gap;
            in[n++] = '&';
            amps++;
        }
        char buf[4096];
        fx_xmlbuf xb = {buf, 0, sizeof buf, NULL, NULL};
        assert_int_equal(fx_xml_write_escaped(&xb, in, n, 0), FAST_OK);
        assert_int_equal(xb.len, n + 4 * amps);
        size_t found = 0;
        for (size_t i = 0; i + 5 <= xb.len; i++)
            found += memcmp(buf + i, "&amp;", 5) == 0;
        assert_int_equal(found, amps);
    }
}

/* What the short-text fast paths must say about @s, by the plain definition. */
static int ref_short_plain(const unsigned char *s, size_t len)
{
    if (len == 0 || len > FX_XML_SHORT_MAX || s[0] == ' ' || s[len - 1] == ' ')
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < 0x20 || s[i] >= 0x80 || strchr("<>&\"", s[i]) || (s[i] == '_' && i + 1 < len && s[i + 1] == 'x'))
            return 0;
    return 1;
}

/* fx_xml_short_plain() and fx_ascii_short() (render.c and worksheet.c skip
 * escaping and the UTF-8 check with them) on strings of every length up to 40
 * with each special byte or pair at every offset, each in a buffer of exactly
 * its length (so that a sanitizer sees any read past it): they agree with the
 * plain definition, and a string called plain is what the escaping writes. */
static void test_short_text_fast_paths(void **state)
{
    (void)state;
    static const char *const specials[] = {"&", "<", ">", "\"", "\r", "\x01", "\x1f", "\t", "\n", "_", "_x",
                                           "x_", "_x0041_", "x", " ", "\xC3\xA9", "\xEF\xBF\xBE", "~", "\x7f",
                                           "\x80", "\xff", "a"};
    size_t plain = 0, not_plain = 0;
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++)
        for (size_t len = 0; len <= 40; len++)
            for (size_t at = 0; at <= len; at++) {
                size_t sl = strlen(specials[k]), n = len + sl;
                char *in = malloc(n ? n : 1);
                assert_non_null(in);
                for (size_t i = 0; i < at; i++)
                    in[i] = (char)('a' + i % 26);
                memcpy(in + at, specials[k], sl);
                for (size_t i = at + sl; i < n; i++)
                    in[i] = (char)('0' + i % 10);
                int want = ref_short_plain((const unsigned char *)in, n);
                int got = fx_xml_short_plain(in, n);
                if (got != want)
                    fail_msg("special %zu at %zu of %zu: fx_xml_short_plain %d, expected %d", k, at, n, got, want);
                if (got) {
                    char buf[256];
                    fx_xmlbuf xb = {buf, 0, sizeof buf, NULL, NULL};
                    assert_int_equal(fx_xml_write_escaped(&xb, in, n, 0), FAST_OK);
                    if (xb.len != n || memcmp(buf, in, n) != 0 || fx_xml_needs_preserve(in, n))
                        fail_msg("special %zu at %zu of %zu: called plain but escaped as \"%.*s\"", k, at, n,
                                 (int)xb.len, buf);
                    plain++;
                } else {
                    not_plain++;
                }
                int ascii = n <= FX_XML_SHORT_MAX;
                for (size_t i = 0; i < n; i++)
                    ascii &= (unsigned char)in[i] < 0x80;
                if (fx_ascii_short(in, n) != ascii)
                    fail_msg("special %zu at %zu of %zu: fx_ascii_short %d, expected %d", k, at, n, !ascii, ascii);
                free(in);
            }
    assert_true(plain > 1000 && not_plain > 1000);
}

/* ---- UTF-8 ----------------------------------------------------------------------------- */

static void test_utf8_errors_every_offset(void **state)
{
    (void)state;
    /* Each bad sequence, placed at every offset of strings of every length up to 25. */
    static const char *const bad[] = {"\xFF", "\x80", "\xC0\xAF", "\xC3", "\xE0\x80\x80", "\xED\xA0\x80",
                                      "\xF4\x90\x80\x80", "\xE2\x82"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        for (size_t len = 0; len <= 25; len++)
            for (size_t at = 0; at <= len; at++) {
                char in[64];
                size_t bl = strlen(bad[k]);
                memset(in, 'x', at);
                memcpy(in + at, bad[k], bl);
                /* A truncated sequence is only bad as such at the end; in the middle the
                 * next byte ('x') is not a continuation, which is an error at the same place. */
                memset(in + at + bl, 'x', len - at);
                size_t chars = 0, pos = 0;
                if (fx_utf8_check(in, len + bl, &chars, &pos))
                    fail_msg("bad sequence %zu at %zu of %zu accepted", k, at, len);
                if (pos != at + 1)
                    fail_msg("bad sequence %zu at %zu of %zu: reported at byte %zu", k, at, len, pos);
            }
    /* Valid text of every length: every character counted once. */
    for (size_t len = 0; len <= 40; len++)
        for (size_t at = 0; at <= len; at++) {
            char in[64];
            memset(in, 'y', at);
            memcpy(in + at, "\xE2\x82\xAC", 3);
            memset(in + at + 3, 'y', len - at);
            size_t chars = 0, pos = 0;
            assert_true(fx_utf8_check(in, len + 3, &chars, &pos));
            assert_int_equal(chars, len + 1);
            assert_true(fx_utf8_check(in, at, &chars, &pos));
            assert_int_equal(chars, at);
        }
}

/* ---- numbers --------------------------------------------------------------------------- */

static void test_integer_digit_counts(void **state)
{
    (void)state;
    uint64_t p = 1;
    for (int d = 1; d <= 20; d++) {
        uint64_t vals[3] = {p - 1, p, p + 1};
        for (int k = 0; k < 3; k++) {
            char want[32], out[32];
            snprintf(want, sizeof want, "%llu", (unsigned long long)vals[k]);
            size_t n = fx_u64_to_text(vals[k], out);
            tu_assert_str_bytes(out, n, want);
        }
        if (d < 20)
            p *= 10;
    }
}

static void expect_same_as_general(double v)
{
    char a[FX_DOUBLE_TEXT_MAX + 8], b[FX_DOUBLE_TEXT_MAX + 8];
    size_t na = fx_double_to_text(v, a), nb = fx_dtoa_shortest(v, b);
    if (na != nb || memcmp(a, b, na) != 0)
        fail_msg("%.17g: \"%.*s\", the general path gives \"%.*s\"", v, (int)na, a, (int)nb, b);
}

/* Short decimals take a path of their own: the same text as the general one. */
static void test_short_decimals(void **state)
{
    (void)state;
    static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 3, 7};
    for (int64_t k = -3000; k <= 300000; k += 1)
        for (size_t s = 0; s < sizeof scale / sizeof scale[0]; s++)
            expect_same_as_general((double)k / scale[s]);
    /* The W1 numbers: (r mod 100000) * 0.01 + c. */
    for (int64_t r = 0; r < 100000; r++)
        for (int c = 1; c <= 4; c++)
            expect_same_as_general((double)r * 0.01 + c);
    /* The range's edges and beyond. */
    static const double edges[] = {1e-3, 0.00099999999999999, 0.0010000000000000002, 1e-4, 0.0012345, 1e11,
                                   99999999999.9999, 99999999999.99, 1e11 - 1, 1e11 + 0.5, 123456789.0123,
                                   0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 5e-324, 1e300, 0.5, 0.25, 0.125, 0.0625};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        expect_same_as_general(edges[i]);
        expect_same_as_general(-edges[i]);
    }
    /* Random doubles, and random values near short decimals. */
    uint64_t st = 12345;
    for (int i = 0; i < 200000; i++) {
        uint64_t bits = tu_rand64(&st);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (v == v && v - v == 0)
            expect_same_as_general(v);
        double d = (double)(int64_t)(tu_rand64(&st) % 100000000000000ull) / scale[i % 5];
        expect_same_as_general(d);
        expect_same_as_general(nextafter(d, 1e300));
        expect_same_as_general(nextafter(d, -1e300));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_references),
        cmocka_unit_test(test_escape_every_offset),
        cmocka_unit_test(test_escape_spacing),
        cmocka_unit_test(test_short_text_fast_paths),
        cmocka_unit_test(test_utf8_errors_every_offset),
        cmocka_unit_test(test_integer_digit_counts),
        cmocka_unit_test(test_short_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
