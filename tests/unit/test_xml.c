/*
 * test_xml.c - lib/xml.c: UTF-8 checking, SpreadsheetML escaping, white space
 * preservation, A1 column names, integer and double text.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "xml.h"

#include <ctype.h>
#include <float.h>
#include <locale.h>
#include <math.h>

#include "testutil.h"

/* ---- fx_utf8_check ------------------------------------------------------------ */

/* Check a valid string: returns 1 and the code point count. */
static void expect_valid(const char *s, size_t len, size_t want_chars)
{
    size_t chars = (size_t)-1, bad = (size_t)-7;
    int ok = fx_utf8_check(s, len, &chars, &bad);
    if (!ok)
        fail_msg("fx_utf8_check rejected a valid string of %zu bytes at byte %zu", len, bad);
    assert_int_equal(chars, want_chars);
}

/* Check an invalid string: returns 0 and the 1-based position of the bad sequence. */
static void expect_invalid(const char *s, size_t len, size_t want_bad)
{
    size_t chars = (size_t)-1, bad = (size_t)-7;
    int ok = fx_utf8_check(s, len, &chars, &bad);
    if (ok)
        fail_msg("fx_utf8_check accepted an invalid string of %zu bytes (%zu chars); expected bad byte %zu",
                 len, chars, want_bad);
    if (bad != want_bad)
        fail_msg("invalid string of %zu bytes: bad byte %zu, expected %zu", len, bad, want_bad);
}

#define VALID(lit, n) expect_valid(lit, sizeof(lit) - 1, n)
#define INVALID(lit, pos) expect_invalid(lit, sizeof(lit) - 1, pos)

static void test_utf8_valid(void **state)
{
    (void)state;
    VALID("", 0);
    VALID("hello, world", 12);
    VALID("\x7F\x01", 2);
    /* 2-byte: U+0080, U+00E9, U+07FF */
    VALID("\xC2\x80", 1);
    VALID("\xC3\xA9", 1);
    VALID("\xDF\xBF", 1);
    /* 3-byte: U+0800, U+20AC, U+D7FF, U+E000, U+FFFD, U+FFFF */
    VALID("\xE0\xA0\x80", 1);
    VALID("\xE2\x82\xAC", 1);
    VALID("\xED\x9F\xBF", 1);
    VALID("\xEE\x80\x80", 1);
    VALID("\xEF\xBF\xBD", 1);
    VALID("\xEF\xBF\xBF", 1);
    /* 4-byte: U+10000, U+1F600, U+10FFFF */
    VALID("\xF0\x90\x80\x80", 1);
    VALID("\xF0\x9F\x98\x80", 1);
    VALID("\xF4\x8F\xBF\xBF", 1);
    /* Mixed: a é € 😀 b */
    VALID("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" "b", 5);
    /* Exactly eight bytes with multi-byte sequences, and longer runs. */
    VALID("abcdefg\xC3\xA9", 8);
    VALID("abcdefgh\xE2\x82\xAC" "abcdefgh", 17);
}

static void test_utf8_valid_counts_long(void **state)
{
    (void)state;
    /* 1000 x "abcdefghijk" + "é" + "€" + "😀": 14 code points, 20 bytes each. */
    const char unit[] = "abcdefghijk\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    tu_buf b = {0};
    for (int i = 0; i < 1000; i++)
        tu_buf_append(&b, unit, sizeof unit - 1);
    expect_valid((const char *)b.data, b.len, 14000);

    /* A multi-byte character at every offset within and across 8-byte words. */
    for (size_t pre = 0; pre < 40; pre++) {
        b.len = 0;
        for (size_t i = 0; i < pre; i++)
            tu_buf_append(&b, "x", 1);
        tu_buf_append(&b, "\xF0\x9F\x98\x80", 4);
        for (size_t i = 0; i < 17; i++)
            tu_buf_append(&b, "y", 1);
        expect_valid((const char *)b.data, b.len, pre + 18);
    }
    tu_buf_free(&b);
}

static void test_utf8_invalid_classes(void **state)
{
    (void)state;
    /* Lone continuation bytes. */
    INVALID("\x80", 1);
    INVALID("ab\x80" "cd", 3);
    INVALID("ab\xBF", 3);
    INVALID("\xC3\xA9\xA9", 3); /* é followed by a stray continuation */
    /* C0 / C1: overlong 2-byte leads. */
    INVALID("ab\xC0\x80", 3);
    INVALID("ab\xC0\xAF", 3);
    INVALID("ab\xC1\xBF", 3);
    /* E0 80..9F: overlong 3-byte forms. */
    INVALID("ab\xE0\x80\x80", 3);
    INVALID("ab\xE0\x9F\xBF", 3);
    /* F0 80..8F: overlong 4-byte forms. */
    INVALID("ab\xF0\x80\x80\x80", 3);
    INVALID("\xF0\x8F\xBF\xBF", 1);
    /* ED A0..BF: UTF-16 surrogates U+D800..U+DFFF. */
    INVALID("ab\xED\xA0\x80", 3);
    INVALID("ab\xED\xAF\xBF", 3);
    INVALID("ab\xED\xB0\x80", 3);
    INVALID("\xED\xBF\xBF" "cd", 1);
    /* F4 90+: above U+10FFFF. */
    INVALID("ab\xF4\x90\x80\x80", 3);
    INVALID("ab\xF4\xBF\xBF\xBF", 3);
    /* Truncated sequences at the end. */
    INVALID("ab\xC3", 3);
    INVALID("ab\xE2\x82", 3);
    INVALID("ab\xE2", 3);
    INVALID("ab\xF0\x9F\x98", 3);
    INVALID("\xF0", 1);
    /* Truncated by the length although the buffer goes on with continuation
     * bytes: nothing past @len may be looked at. */
    expect_invalid("ab\xC3\xA9", 3, 3);
    expect_invalid("ab\xE2\x82\xAC", 4, 3);
    expect_invalid("ab\xE2\x82\xAC", 3, 3);
    for (size_t n = 1; n <= 3; n++)
        expect_invalid("\xF0\x9F\x98\x80", n, 1);
    for (size_t n = 9; n <= 11; n++)
        expect_invalid("abcdefgh\xF0\x9F\x98\x80", n, 9);
    /* A bad continuation byte in the middle of a sequence. */
    INVALID("ab\xC3\x28" "cd", 3);
    INVALID("ab\xE2\x28\xA1" "cd", 3);
    INVALID("ab\xE2\x82\x28" "cd", 3);
    INVALID("ab\xF0\x9F\x28\x80" "cd", 3);
    INVALID("ab\xF0\x9F\x98\x28" "cd", 3);
    INVALID("hello \xE2\x82 world", 7);
    INVALID("ab\xE2\x82\xC3\xA9", 3); /* a new lead where a continuation is due */
    /* The first bad sequence counts, not a later one. */
    INVALID("a\xC3\xA9" "b\xFF\x80", 5);
}

static void test_utf8_invalid_leads_f5_ff(void **state)
{
    (void)state;
    for (unsigned c = 0xF5; c <= 0xFF; c++) {
        char s[6] = {'a', 'b', (char)c, (char)0x80, (char)0x80, (char)0x80};
        expect_invalid(s, sizeof s, 3);
        char t[1] = {(char)c};
        expect_invalid(t, 1, 1);
    }
    /* Every byte 0x80..0xC1 is invalid as a lead. */
    for (unsigned c = 0x80; c <= 0xC1; c++) {
        char s[4] = {'x', (char)c, (char)0x80, 'y'};
        expect_invalid(s, sizeof s, 2);
    }
}

static void test_utf8_fast_path(void **state)
{
    (void)state;
    /* An invalid byte after ASCII runs of every length up to 80, so it lands at
     * every position of an 8-byte word and after several whole words. */
    char s[128];
    for (size_t run = 0; run <= 80; run++) {
        memset(s, 'a', sizeof s);
        s[run] = (char)0x80;
        expect_invalid(s, run + 20, run + 1);
        s[run] = (char)0xFF;
        expect_invalid(s, run + 1, run + 1); /* as the very last byte */
        s[run] = (char)0xC3;                 /* truncated 2-byte sequence at the end */
        expect_invalid(s, run + 1, run + 1);
    }
    /* A long ASCII run, then a surrogate. */
    tu_buf b = {0};
    for (int i = 0; i < 10000; i++)
        tu_buf_append(&b, "z", 1);
    tu_buf_append(&b, "\xED\xA0\x80zzzzzzzzzzzz", 15);
    expect_invalid((const char *)b.data, b.len, 10001);
    /* The same run valid: the count covers all of it. */
    b.len = 10000;
    expect_valid((const char *)b.data, b.len, 10000);
    tu_buf_free(&b);
}

/* ---- fx_xml_write_escaped -------------------------------------------------------- */

typedef struct out_state {
    tu_buf buf;
    size_t calls;
    size_t max_chunk;
} out_state;

static fast_status append_out(void *ctx, const void *data, size_t len)
{
    out_state *o = ctx;
    tu_buf_append(&o->buf, data, len);
    o->calls++;
    if (len > o->max_chunk)
        o->max_chunk = len;
    return FAST_OK;
}

/* Escape @s through an fx_xmlbuf of @cap bytes; the result goes to @o. */
static void escape_into(out_state *o, const char *s, size_t len, int attr, size_t cap)
{
    fx_error err;
    memset(&err, 0, sizeof err);
    fx_xmlbuf xb;
    memset(o, 0, sizeof *o);
    assert_int_equal(fx_xb_init(&xb, cap, &err), FAST_OK);
    xb.out = append_out;
    xb.out_ctx = o;
    fast_status st = fx_xml_write_escaped(&xb, s, len, attr);
    if (st == FAST_OK)
        st = fx_xb_flush(&xb);
    fx_xb_free(&xb);
    assert_int_equal(st, FAST_OK);
    assert_int_equal(err.status, FAST_OK);
    if (o->buf.data == NULL)
        tu_buf_append(&o->buf, "", 0);
}

static void expect_escaped_n(const char *s, size_t len, int attr, const char *want)
{
    out_state o;
    escape_into(&o, s, len, attr, 4096);
    tu_assert_str_bytes(o.buf.data, o.buf.len, want);
    tu_buf_free(&o.buf);
}

#define ESC(lit, attr, want) expect_escaped_n(lit, sizeof(lit) - 1, attr, want)

static void test_escape_markup(void **state)
{
    (void)state;
    ESC("", 0, "");
    ESC("plain text", 0, "plain text");
    ESC("a&b<c>d\"e'f", 0, "a&amp;b&lt;c&gt;d\"e'f");
    ESC("a&b<c>d\"e'f", 1, "a&amp;b&lt;c&gt;d&quot;e'f");
    ESC("\"", 0, "\"");
    ESC("\"", 1, "&quot;");
    ESC("&&", 0, "&amp;&amp;");
    ESC("<tag attr=\"v\">", 1, "&lt;tag attr=&quot;v&quot;&gt;");
    ESC("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 0, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

static void test_escape_controls(void **state)
{
    (void)state;
    ESC("\x01", 0, "_x0001_");
    ESC("a\x01" "b", 0, "a_x0001_b");
    expect_escaped_n("\0", 1, 0, "_x0000_");
    expect_escaped_n("x\0y", 3, 1, "x_x0000_y");
    ESC("\x08\x0B\x0C\x0E\x1F", 0, "_x0008__x000B__x000C__x000E__x001F_");
    ESC("\r", 0, "&#13;");
    ESC("line1\r\nline2", 0, "line1&#13;\nline2");
    /* In an attribute, tab and LF as references: a parser would make them spaces (XML 1.0 §3.3.3). */
    ESC("a\tb\nc", 0, "a\tb\nc");
    ESC("a\tb\nc\r\n", 1, "a&#9;b&#10;c&#13;&#10;");
    ESC("\r\r", 1, "&#13;&#13;");
    ESC("\t\n", 0, "\t\n");
    ESC("\x7F", 0, "\x7F");
    /* U+FFFE and U+FFFF are not XML characters; U+FFFD and U+FEFF are. */
    ESC("\xEF\xBF\xBE", 0, "_xFFFE_");
    ESC("\xEF\xBF\xBF", 0, "_xFFFF_");
    ESC("a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c", 1, "a_xFFFE_b_xFFFF_c");
    ESC("\xEF\xBF\xBD", 0, "\xEF\xBF\xBD");
    ESC("\xEF\xBB\xBF", 0, "\xEF\xBB\xBF");
    ESC("\xEF\xBE\xBF", 0, "\xEF\xBE\xBF"); /* U+FFBF */
}

static void test_escape_xhhhh(void **state)
{
    (void)state;
    ESC("_x0041_", 0, "_x005F_x0041_");
    ESC("a_x0041_b", 1, "a_x005F_x0041_b");
    ESC("_x00af_", 0, "_x005F_x00af_");
    ESC("_xFFFF_", 0, "_x005F_xFFFF_");
    /* Two in a row share an underscore: each gets protected. */
    ESC("_x0041_x0042_", 0, "_x005F_x0041_x005F_x0042_");
    ESC("__x0041_", 0, "__x005F_x0041_");
    /* Not of the form _xHHHH_: untouched. */
    ESC("_x004_", 0, "_x004_");
    ESC("_xZZZZ_", 0, "_xZZZZ_");
    ESC("_X0041_", 0, "_X0041_");
    ESC("_x0041", 0, "_x0041");
    ESC("_x00410_", 0, "_x00410_");
    ESC("_x0041a", 0, "_x0041a");
    ESC("_x0041\t\n", 0, "_x0041\t\n");
    /* Followed by a character written as _xHHHH_: a decoder would read the
     * "_x0041_" the escape's underscore completes, so the "_" is protected. */
    ESC("_x0041\r\n", 0, "_x0041&#13;\n"); /* CR is a character reference */
    ESC("_x0041\x01", 0, "_x005F_x0041_x0001_");
    ESC("_x0041\xEF\xBF\xBF", 0, "_x005F_x0041_xFFFF_");
    ESC("_x0041\xEF\xBF\xBE", 1, "_x005F_x0041_xFFFE_");
    ESC("a_x00fF\x1F" "b", 1, "a_x005F_x00fF_x001F_b");
    ESC("_x0041\xEF\xBF\xBD", 0, "_x0041\xEF\xBF\xBD");
    ESC("_", 0, "_");
    ESC("snake_case_name", 0, "snake_case_name");
}

/* An independent, byte-at-a-time reference of the escaping rules. */
static void reference_escape(const unsigned char *s, size_t len, int attr, tu_buf *out)
{
    static const char hexd[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if (c == '&') {
            tu_buf_append(out, "&amp;", 5);
        } else if (c == '<') {
            tu_buf_append(out, "&lt;", 4);
        } else if (c == '>') {
            tu_buf_append(out, "&gt;", 4);
        } else if (c == '"' && attr) {
            tu_buf_append(out, "&quot;", 6);
        } else if (c == '\r') {
            tu_buf_append(out, "&#13;", 5);
        } else if (attr && (c == '\t' || c == '\n')) {
            tu_buf_append(out, c == '\t' ? "&#9;" : "&#10;", c == '\t' ? 4 : 5);
        } else if (c < 0x20 && c != '\t' && c != '\n') {
            char t[8] = {'_', 'x', '0', '0', hexd[c >> 4], hexd[c & 15], '_', 0};
            tu_buf_append(out, t, 7);
        } else if (c == 0xEF && i + 2 < len && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
            tu_buf_append(out, s[i + 2] == 0xBE ? "_xFFFE_" : "_xFFFF_", 7);
            i += 2;
        } else if (c == '_' && i + 6 < len && s[i + 1] == 'x' && isxdigit(s[i + 2]) &&
                   isxdigit(s[i + 3]) && isxdigit(s[i + 4]) && isxdigit(s[i + 5]) &&
                   (s[i + 6] == '_' || (s[i + 6] < 0x20 && s[i + 6] != '\t' && s[i + 6] != '\n' && s[i + 6] != '\r') ||
                    (i + 8 < len && s[i + 6] == 0xEF && s[i + 7] == 0xBF && (s[i + 8] & 0xFE) == 0xBE))) {
            tu_buf_append(out, "_x005F_", 7);
        } else {
            tu_buf_append(out, s + i, 1);
        }
    }
}

/* About @target bytes of valid UTF-8 mixing every kind of special text. */
static void make_mixed_text(tu_buf *b, size_t target, uint64_t seed)
{
    static const char *const pieces[] = {
        "a", "bcd", "plain words ", "&", "<", ">", "\"", "'", "\x01", "\x1F", "\r", "\t", "\n",
        "_x0041_", "_x004_", "_xZZZZ_", "_", "x_", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
        "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBF\xBD", "\xEF\xBB\xBF", "_x00ff_",
        "_x0041", "_x00aB", "_x12",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    uint64_t st = seed;
    while (b->len < target) {
        uint64_t r = tu_rand64(&st);
        if (r % 50 == 0) {
            /* A long ordinary run, longer than the 4096-byte buffer at times. */
            size_t n = (size_t)(r >> 8) % 6000;
            for (size_t i = 0; i < n; i++)
                tu_buf_append(b, "z", 1);
        } else if (r % 50 == 1) {
            /* A long run of escapes. */
            for (int i = 0; i < 700; i++)
                tu_buf_append(b, "&", 1);
        } else {
            const char *p = pieces[(r >> 8) % npieces];
            tu_buf_append(b, p, strlen(p));
        }
    }
}

static void test_escape_long_chunked(void **state)
{
    (void)state;
    for (int attr = 0; attr <= 1; attr++) {
        for (uint64_t seed = 1; seed <= 3; seed++) {
            tu_buf in = {0}, ref = {0};
            make_mixed_text(&in, 100 * 1024, seed * 7919 + (uint64_t)attr);
            reference_escape(in.data, in.len, attr, &ref);

            out_state small, big;
            escape_into(&small, (const char *)in.data, in.len, attr, 4096);
            escape_into(&big, (const char *)in.data, in.len, attr, 4 * 1024 * 1024);

            /* The small buffer really was flushed many times, never beyond its size. */
            assert_true(small.calls > (ref.len / 4096));
            assert_true(small.max_chunk <= 4096);
            assert_int_equal(big.calls, 1);

            tu_assert_bytes_equal(big.buf.data, big.buf.len, ref.data, ref.len);
            tu_assert_bytes_equal(small.buf.data, small.buf.len, big.buf.data, big.buf.len);

            tu_buf_free(&small.buf);
            tu_buf_free(&big.buf);
            tu_buf_free(&in);
            tu_buf_free(&ref);
        }
    }
}

static void test_escape_appends_to_buffered(void **state)
{
    (void)state;
    /* Escaping continues after what the buffer already holds, close to full. */
    fx_error err;
    memset(&err, 0, sizeof err);
    fx_xmlbuf xb;
    out_state o;
    memset(&o, 0, sizeof o);
    assert_int_equal(fx_xb_init(&xb, 4096, &err), FAST_OK);
    xb.out = append_out;
    xb.out_ctx = &o;
    tu_buf pre = {0}, want = {0};
    for (int i = 0; i < 4090; i++)
        tu_buf_append(&pre, "p", 1);
    assert_int_equal(fx_xb_write(&xb, pre.data, pre.len), FAST_OK);
    const char text[] = "&<>\x01_x1234_\xEF\xBF\xBE" "end";
    assert_int_equal(fx_xml_write_escaped(&xb, text, sizeof text - 1, 0), FAST_OK);
    assert_int_equal(fx_xb_flush(&xb), FAST_OK);
    fx_xb_free(&xb);
    tu_buf_append(&want, pre.data, pre.len);
    const char tail[] = "&amp;&lt;&gt;_x0001__x005F_x1234__xFFFE_end";
    tu_buf_append(&want, tail, sizeof tail - 1);
    tu_assert_bytes_equal(o.buf.data, o.buf.len, want.data, want.len);
    tu_buf_free(&o.buf);
    tu_buf_free(&pre);
    tu_buf_free(&want);
}

/* ---- fx_xml_needs_preserve ---------------------------------------------------------- */

#define PRESERVE(lit) fx_xml_needs_preserve(lit, sizeof(lit) - 1)

static void test_needs_preserve(void **state)
{
    (void)state;
    assert_int_equal(PRESERVE(""), 0);
    assert_int_equal(PRESERVE("a"), 0);
    assert_int_equal(PRESERVE("a b"), 0);
    assert_int_equal(PRESERVE("a\tb\nc"), 0);
    assert_int_equal(PRESERVE(" "), 1);
    assert_int_equal(PRESERVE(" a"), 1);
    assert_int_equal(PRESERVE("a "), 1);
    assert_int_equal(PRESERVE("\ta"), 1);
    assert_int_equal(PRESERVE("a\t"), 1);
    assert_int_equal(PRESERVE("\na"), 1);
    assert_int_equal(PRESERVE("a\n"), 1);
    assert_int_equal(PRESERVE("\ra"), 1);
    assert_int_equal(PRESERVE("a\r"), 1);
    assert_int_equal(PRESERVE("\xC3\xA9"), 0);
    /* Only the given length counts: the space after it is not part of the text. */
    assert_int_equal(fx_xml_needs_preserve("ab ", 2), 0);
    assert_int_equal(fx_xml_needs_preserve(" ab", 0), 0);
}

/* ---- fx_col_name ---------------------------------------------------------------------- */

static void expect_col(uint32_t col0, const char *want)
{
    char out[8];
    memset(out, '#', sizeof out);
    size_t n = fx_col_name(col0, out);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(out, want, n);
    assert_int_equal(out[n], '#'); /* nothing written past the name */
}

/* Independent decoder: bijective base 26. Returns the 0-based column or -1. */
static long decode_col(const char *s, size_t n)
{
    long v = 0;
    if (n == 0 || n > 3)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return -1;
        v = v * 26 + (s[i] - 'A' + 1);
    }
    return v - 1;
}

static void test_col_name(void **state)
{
    (void)state;
    expect_col(0, "A");
    expect_col(1, "B");
    expect_col(25, "Z");
    expect_col(26, "AA");
    expect_col(27, "AB");
    expect_col(51, "AZ");
    expect_col(52, "BA");
    expect_col(701, "ZZ");
    expect_col(702, "AAA");
    expect_col(703, "AAB");
    expect_col(16383, "XFD");

    char prev[4] = "";
    size_t prev_len = 0;
    for (uint32_t c = 0; c < FAST_MAX_COLUMNS; c++) {
        char out[8];
        size_t n = fx_col_name(c, out);
        assert_in_range(n, 1, FX_COL_NAME_MAX);
        long back = decode_col(out, n);
        if (back != (long)c)
            fail_msg("column %u: name \"%.*s\" decodes to %ld", (unsigned)c, (int)n, out, back);
        /* Names sort by length, then alphabetically. */
        if (c > 0)
            assert_true(n > prev_len || (n == prev_len && memcmp(out, prev, n) > 0));
        memcpy(prev, out, n);
        prev_len = n;
    }
}

/* ---- integers ----------------------------------------------------------------------------- */

static void expect_u64(uint64_t v, const char *want)
{
    char out[24];
    memset(out, '#', sizeof out);
    size_t n = fx_u64_to_text(v, out);
    tu_assert_str_bytes(out, n, want);
    assert_int_equal(out[n], '#');
}

static void expect_i64(int64_t v, const char *want)
{
    char out[24];
    memset(out, '#', sizeof out);
    size_t n = fx_i64_to_text(v, out);
    tu_assert_str_bytes(out, n, want);
    assert_int_equal(out[n], '#');
}

static void test_integer_text(void **state)
{
    (void)state;
    expect_u64(0, "0");
    expect_u64(7, "7");
    expect_u64(10, "10");
    expect_u64(1048576, "1048576");
    expect_u64(UINT64_MAX, "18446744073709551615");
    expect_i64(0, "0");
    expect_i64(-1, "-1");
    expect_i64(42, "42");
    expect_i64(-1000000, "-1000000");
    expect_i64(INT64_MAX, "9223372036854775807");
    expect_i64(INT64_MIN, "-9223372036854775808");
    expect_i64(INT64_MIN + 1, "-9223372036854775807");

    uint64_t st = 99;
    for (int i = 0; i < 20000; i++) {
        int64_t v = (int64_t)tu_rand64(&st) >> (i % 64);
        char want[32], out[24];
        snprintf(want, sizeof want, "%lld", (long long)v);
        size_t n = fx_i64_to_text(v, out);
        tu_assert_str_bytes(out, n, want);
    }
}

/* ---- fx_double_to_text ---------------------------------------------------------------------- */

static void expect_double(double v, const char *want)
{
    char out[FX_DOUBLE_TEXT_MAX + 8];
    memset(out, '#', sizeof out);
    size_t n = fx_double_to_text(v, out);
    assert_true(n <= FX_DOUBLE_TEXT_MAX);
    if (n != strlen(want) || memcmp(out, want, n) != 0)
        fail_msg("fx_double_to_text(%.17g) = \"%.*s\", expected \"%s\"", v, (int)n, out, want);
    assert_int_equal(out[n], '#');
}

static void test_double_exact(void **state)
{
    (void)state;
    expect_double(0.0, "0");
    expect_double(-0.0, "0");
    expect_double(1.0, "1");
    expect_double(-1.0, "-1");
    expect_double(0.1, "0.1");
    expect_double(1.5, "1.5");
    expect_double(-1.5, "-1.5");
    expect_double(100.0, "100");
    /* printf-style exponent: at least two digits. */
    expect_double(1e-7, "1e-07");
    expect_double(123456789012345680000.0, "1.2345678901234568e+20");
    expect_double(1.7976931348623157e308, "1.7976931348623157e+308");
    expect_double(9007199254740992.0, "9007199254740992"); /* 2^53 */
    expect_double(0.30000000000000004, "0.30000000000000004");
    /* The smallest subnormal: shortest text that reads back is "5e-324". */
    expect_double(5e-324, "5e-324");
}

/*
 * A number text as significant digits d1..dP (no leading or trailing zeros) and
 * the exponent E with value = 0.d1..dP x 10^E; zero gives "" and 0.
 */
typedef struct decimal {
    int neg;
    char digits[40];
    int exp10;
} decimal;

static decimal parse_decimal(const char *s)
{
    decimal d;
    memset(&d, 0, sizeof d);
    char all[64];
    size_t n = 0;
    int int_digits = 0, seen_point = 0;
    if (*s == '-') {
        d.neg = 1;
        s++;
    }
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s == '.') {
            seen_point = 1;
        } else if (n < sizeof all - 1) {
            all[n++] = *s;
            if (!seen_point)
                int_digits++;
        }
    }
    int x = (*s == 'e' || *s == 'E') ? atoi(s + 1) : 0;
    size_t lead = 0;
    while (lead < n && all[lead] == '0')
        lead++;
    while (n > lead && all[n - 1] == '0')
        n--;
    if (lead == n)
        return d; /* zero */
    memcpy(d.digits, all + lead, n - lead);
    d.digits[n - lead] = 0;
    d.exp10 = int_digits - (int)lead + x;
    return d;
}

static int same_decimal(const decimal *a, const decimal *b)
{
    return a->neg == b->neg && a->exp10 == b->exp10 && strcmp(a->digits, b->digits) == 0;
}

/* Does some decimal of at most @q significant digits read back as @v? The
 * nearest one is the only candidate where the rounding interval is symmetric;
 * at a power of two it is lopsided (the gap below is half the gap above), so
 * the two neighbours of the nearest one are tried as well. */
static int shorter_exists(double v, int q)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int lopsided = (bits & 0x000FFFFFFFFFFFFFull) == 0;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", q - 1, v);
    decimal d = parse_decimal(buf);
    /* d.digits has at most q digits: as an integer M, value = M x 10^(exp10 - len). */
    unsigned long long m = strtoull(d.digits, NULL, 10);
    int scale = d.exp10 - (int)strlen(d.digits);
    for (int delta = -1; delta <= 1; delta++) {
        if ((m == 0 && delta < 0) || (delta != 0 && !lopsided))
            continue;
        snprintf(buf, sizeof buf, "%s%llue%d", d.neg ? "-" : "", m + (unsigned long long)(long long)delta,
                 scale);
        if (strtod(buf, NULL) == v)
            return 1;
    }
    return 0;
}

/*
 * The text for @v: only 0-9 - + . e, strtod reads all of it back as @v, no
 * decimal of fewer significant digits reads back (shortest), and when the
 * nearest decimal of that many digits reads back it is the one written
 * (closest).
 */
static void check_double(double v)
{
    char out[FX_DOUBLE_TEXT_MAX + 1];
    size_t n = fx_double_to_text(v, out);
    assert_true(n > 0 && n <= FX_DOUBLE_TEXT_MAX);
    out[n] = 0;
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e'))
            fail_msg("fx_double_to_text(%a) = \"%s\": unexpected character '%c'", v, out, c);
    }
    char *end = NULL;
    double back = strtod(out, &end);
    if (end != out + n)
        fail_msg("fx_double_to_text(%a) = \"%s\": strtod stopped at offset %td", v, out, end - out);
    if (back != v)
        fail_msg("fx_double_to_text(%a) = \"%s\" reads back as %a", v, out, back);
    if (v == 0)
        return;
    decimal got = parse_decimal(out);
    int p = (int)strlen(got.digits);
    if (p > 1 && shorter_exists(v, p - 1))
        fail_msg("fx_double_to_text(%a) = \"%s\" (%d digits) is not the shortest that reads back", v, out, p);
    char near[64];
    snprintf(near, sizeof near, "%.*e", p - 1, v);
    decimal nd = parse_decimal(near);
    if (strtod(near, NULL) == v && !same_decimal(&nd, &got))
        fail_msg("fx_double_to_text(%a) = \"%s\", but the closer %s of as many digits reads back", v, out,
                 near);
}

static void test_double_roundtrip_random(void **state)
{
    (void)state;
    uint64_t st = 20240601;
    int checked = 0;
    while (checked < 200000) {
        uint64_t bits = tu_rand64(&st);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v))
            continue;
        check_double(v);
        checked++;
    }
    /* Every power of two (lopsided rounding intervals), and its neighbours. */
    for (int e = -1074; e <= 1023; e++) {
        double v = ldexp(1.0, e);
        check_double(v);
        check_double(-v);
        check_double(nextafter(v, 0.0));
        check_double(nextafter(v, INFINITY));
    }
    /* Easy-looking values: powers of ten, their multiples, eighths. */
    for (int i = -400; i <= 400; i++) {
        double p10 = pow(10.0, i);
        if (isfinite(p10))
            check_double(p10);
        if (isfinite(p10 * 3.0))
            check_double(-p10 * 3.0);
    }
    for (int64_t k = -3000; k <= 3000; k++)
        check_double((double)k / 8.0);
    check_double(DBL_MAX);
    check_double(-DBL_MAX);
    check_double(DBL_MIN);
    check_double(DBL_EPSILON);
}

static void test_double_shortest_subnormals(void **state)
{
    (void)state;
    /* Subnormals k x 2^-1074, where the double has fewer significant bits. */
    for (int k = 1; k <= 3000; k++)
        check_double(ldexp((double)k, -1074));
    uint64_t st = 31337;
    for (int i = 0; i < 20000; i++) {
        uint64_t bits = tu_rand64(&st) & 0x800FFFFFFFFFFFFFull; /* exponent field 0 */
        double v;
        memcpy(&v, &bits, sizeof v);
        check_double(v);
    }
    check_double(nextafter(DBL_MIN, 0.0));
}

/* ---- locale ---------------------------------------------------------------------------------- */

static int restore_c_locale(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    return 0;
}

static void test_double_locale_independent(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "de_DE.UTF-8"))
        fail_msg("setlocale(LC_ALL, \"de_DE.UTF-8\") failed: the locale is not installed. Generate it with: "
                 "apt-get install -y locales && sed -i 's/^# *de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen && "
                 "locale-gen");
    /* The locale really has a decimal comma, or this test proves nothing. */
    assert_string_equal(localeconv()->decimal_point, ",");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    assert_string_equal(probe, "1,5");

    expect_double(1.5, "1.5");
    expect_double(-0.25, "-0.25");
    expect_double(0.1, "0.1");
    expect_double(1234567.125, "1234567.125");
    expect_double(1e-7, "1e-07");
    expect_double(123456789012345680000.0, "1.2345678901234568e+20");
    expect_double(0.30000000000000004, "0.30000000000000004");

    /* No decimal comma anywhere, whatever the value (strtod here reads "," so
     * convert back in the C locale). */
    uint64_t st = 77;
    char texts[2000][FX_DOUBLE_TEXT_MAX + 1];
    double values[2000];
    int k = 0;
    while (k < 2000) {
        uint64_t bits = tu_rand64(&st);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v))
            continue;
        size_t n = fx_double_to_text(v, texts[k]);
        texts[k][n] = 0;
        if (strchr(texts[k], ','))
            fail_msg("fx_double_to_text(%a) = \"%s\" under de_DE.UTF-8", v, texts[k]);
        values[k++] = v;
    }
    setlocale(LC_ALL, "C");
    for (int i = 0; i < k; i++) {
        if (strtod(texts[i], NULL) != values[i])
            fail_msg("\"%s\" (written under de_DE.UTF-8) does not read back as %a", texts[i], values[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_valid_counts_long),
        cmocka_unit_test(test_utf8_invalid_classes),
        cmocka_unit_test(test_utf8_invalid_leads_f5_ff),
        cmocka_unit_test(test_utf8_fast_path),
        cmocka_unit_test(test_escape_markup),
        cmocka_unit_test(test_escape_controls),
        cmocka_unit_test(test_escape_xhhhh),
        cmocka_unit_test(test_escape_long_chunked),
        cmocka_unit_test(test_escape_appends_to_buffered),
        cmocka_unit_test(test_needs_preserve),
        cmocka_unit_test(test_col_name),
        cmocka_unit_test(test_integer_text),
        cmocka_unit_test(test_double_exact),
        cmocka_unit_test(test_double_roundtrip_random),
        cmocka_unit_test(test_double_shortest_subnormals),
        cmocka_unit_test_teardown(test_double_locale_independent, restore_c_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
