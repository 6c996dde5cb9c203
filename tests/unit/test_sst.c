/*
 * test_sst.c - lib/sst.c: the capped shared strings table and
 * xl/sharedStrings.xml.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "sst.h"

#include "testutil.h"

#define SST_HEAD                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "

static int intern(fx_sst *sst, const char *s, uint32_t *idx)
{
    *idx = 0xDEADBEEFu;
    return fx_sst_intern(sst, s, strlen(s), idx);
}

/* Intern @s and require a table reference with index @want. */
static void expect_index(fx_sst *sst, const char *s, size_t len, uint32_t want)
{
    uint32_t idx = 0xDEADBEEFu;
    int r = fx_sst_intern(sst, s, len, &idx);
    if (r != 1)
        fail_msg("fx_sst_intern(\"%.*s\") returned %d, expected 1", (int)len, s, r);
    if (idx != want)
        fail_msg("fx_sst_intern(\"%.*s\") gave index %u, expected %u", (int)len, s, (unsigned)idx,
                 (unsigned)want);
}

/* Intern @s and require "write it inline". */
static void expect_inline(fx_sst *sst, const char *s, size_t len)
{
    uint32_t idx = 0xDEADBEEFu;
    int r = fx_sst_intern(sst, s, len, &idx);
    if (r != 0)
        fail_msg("fx_sst_intern(\"%.*s\") returned %d (index %u), expected 0 (table full)", (int)len, s, r,
                 (unsigned)idx);
}

#define IDX(sst, lit, want) expect_index(sst, lit, sizeof(lit) - 1, want)
#define INL(sst, lit) expect_inline(sst, lit, sizeof(lit) - 1)

/* The table's XML written through an fx_xmlbuf of @cap bytes. */
typedef struct sink_state {
    tu_buf buf;
    size_t calls;
} sink_state;

static fast_status append_out(void *ctx, const void *data, size_t len)
{
    sink_state *s = ctx;
    tu_buf_append(&s->buf, data, len);
    s->calls++;
    return FAST_OK;
}

static void sst_xml(const fx_sst *sst, size_t cap, sink_state *out)
{
    fx_error err;
    memset(&err, 0, sizeof err);
    memset(out, 0, sizeof *out);
    fx_xmlbuf xb;
    assert_int_equal(fx_xb_init(&xb, cap, &err), FAST_OK);
    xb.out = append_out;
    xb.out_ctx = out;
    fast_status st = fx_sst_write_xml(sst, &xb);
    if (st == FAST_OK)
        st = fx_xb_flush(&xb);
    fx_xb_free(&xb);
    assert_int_equal(st, FAST_OK);
}

static void test_dedupe_and_order(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 100, 1 << 20);
    IDX(&sst, "apple", 0);
    IDX(&sst, "banana", 1);
    IDX(&sst, "apple", 0);
    IDX(&sst, "cherry", 2);
    IDX(&sst, "banana", 1);
    /* Length-delimited, not NUL-terminated: a prefix of a longer buffer. */
    expect_index(&sst, "apple pie", 5, 0);
    expect_index(&sst, "apple pie", 9, 3);
    expect_index(&sst, "appl", 4, 4);
    /* Case and bytes matter. */
    IDX(&sst, "Apple", 5);
    IDX(&sst, "caf\xC3\xA9", 6);
    IDX(&sst, "cafe", 7);
    IDX(&sst, "caf\xC3\xA9", 6);
    /* Embedded NUL bytes are part of the string. */
    expect_index(&sst, "a\0b", 3, 8);
    expect_index(&sst, "a\0c", 3, 9);
    expect_index(&sst, "a\0b", 3, 8);
    assert_int_equal(sst.count, 10);
    fx_sst_free(&sst);
}

static void test_empty_string(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 100, 1 << 20);
    IDX(&sst, "", 0);
    IDX(&sst, "x", 1);
    IDX(&sst, "", 0);
    expect_index(&sst, "xyz", 0, 0);
    assert_int_equal(sst.count, 2);
    assert_int_equal(sst.references, 4);
    fx_sst_free(&sst);

    /* An empty string as the only entry. */
    fx_sst_init(&sst, 100, 1 << 20);
    IDX(&sst, "", 0);
    IDX(&sst, "", 0);
    sink_state out;
    sst_xml(&sst, 4096, &out);
    tu_assert_str_bytes(out.buf.data, out.buf.len,
                        SST_HEAD "count=\"2\" uniqueCount=\"1\"><si><t></t></si></sst>");
    tu_buf_free(&out.buf);
    fx_sst_free(&sst);
}

static void test_many_strings_consecutive(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 1000000, 64u << 20);
    char s[32];
    for (uint32_t i = 0; i < 50000; i++) {
        int n = snprintf(s, sizeof s, "string number %u", (unsigned)i);
        expect_index(&sst, s, (size_t)n, i);
    }
    /* Every one is still found, after many rehashes. */
    for (uint32_t i = 0; i < 50000; i += 7) {
        int n = snprintf(s, sizeof s, "string number %u", (unsigned)i);
        expect_index(&sst, s, (size_t)n, i);
    }
    /* Strings of every length 0..300 around the 8-byte hashing step. */
    tu_buf b = {0};
    for (uint32_t len = 0; len <= 300; len++) {
        b.len = 0;
        for (uint32_t k = 0; k < len; k++)
            tu_buf_append(&b, "q", 1);
        expect_index(&sst, b.len ? (const char *)b.data : "", len, 50000 + len);
    }
    for (uint32_t len = 0; len <= 300; len += 13) {
        b.len = 0;
        for (uint32_t k = 0; k < len; k++)
            tu_buf_append(&b, "q", 1);
        expect_index(&sst, b.len ? (const char *)b.data : "", len, 50000 + len);
    }
    tu_buf_free(&b);
    assert_int_equal(sst.count, 50301);
    fx_sst_free(&sst);
}

static void test_string_cap(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 3, 1 << 20);
    IDX(&sst, "a", 0);
    IDX(&sst, "b", 1);
    IDX(&sst, "c", 2);
    INL(&sst, "d");
    INL(&sst, "");
    INL(&sst, "e");
    /* Strings already in the table keep their index. */
    IDX(&sst, "a", 0);
    IDX(&sst, "c", 2);
    INL(&sst, "d");
    assert_int_equal(sst.count, 3);
    assert_int_equal(sst.references, 5);
    fx_sst_free(&sst);
}

static void test_byte_cap(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 1000, 10);
    IDX(&sst, "hello", 0);  /* 5 bytes */
    INL(&sst, "worlds");    /* 5 + 6 > 10 */
    IDX(&sst, "abcd", 1);   /* 9 */
    INL(&sst, "xy");        /* 11 > 10 */
    IDX(&sst, "z", 2);      /* exactly 10 */
    INL(&sst, "q");
    INL(&sst, "hello world");
    IDX(&sst, "hello", 0);
    IDX(&sst, "abcd", 1);
    IDX(&sst, "z", 2);
    assert_int_equal(sst.count, 3);
    assert_int_equal(sst.arena_len, 10);
    assert_true(sst.arena_cap <= 10);
    fx_sst_free(&sst);

    /* A single string longer than the whole cap. */
    fx_sst_init(&sst, 1000, 4);
    INL(&sst, "too long");
    IDX(&sst, "four", 0);
    INL(&sst, "x");
    fx_sst_free(&sst);
}

static void test_zero_limits(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 0, 1 << 20);
    INL(&sst, "a");
    INL(&sst, "");
    INL(&sst, "a");
    assert_int_equal(sst.count, 0);
    assert_int_equal(sst.references, 0);
    assert_int_equal(fx_sst_memory(&sst), 0);
    sink_state out;
    sst_xml(&sst, 4096, &out);
    tu_assert_str_bytes(out.buf.data, out.buf.len, SST_HEAD "count=\"0\" uniqueCount=\"0\"></sst>");
    tu_buf_free(&out.buf);
    fx_sst_free(&sst);

    fx_sst_init(&sst, 1000, 0);
    INL(&sst, "a");
    INL(&sst, "bcd");
    assert_int_equal(fx_sst_memory(&sst), 0);
    fx_sst_free(&sst);
}

/* Insert @n distinct new strings (none already in the table) and require that
 * every one is refused and the table's memory does not change. */
static void flood_after_cap(fx_sst *sst, unsigned n)
{
    size_t mem = fx_sst_memory(sst);
    size_t count = sst->count;
    uint64_t refs = sst->references;
    char s[48];
    for (unsigned i = 0; i < n; i++) {
        int len = snprintf(s, sizeof s, "after the cap #%u", i);
        uint32_t idx;
        int r = fx_sst_intern(sst, s, (size_t)len, &idx);
        if (r != 0)
            fail_msg("string %u after the cap: fx_sst_intern returned %d", i, r);
        if (fx_sst_memory(sst) != mem)
            fail_msg("string %u after the cap: memory grew from %zu to %zu bytes", i, mem,
                     fx_sst_memory(sst));
    }
    assert_int_equal(sst->count, count);
    assert_int_equal(sst->references, refs);
}

static void test_memory_stops_at_string_cap(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 1000, 1 << 20);
    char s[32];
    for (unsigned i = 0; i < 1000; i++) {
        int len = snprintf(s, sizeof s, "s%u", i);
        expect_index(&sst, s, (size_t)len, i);
    }
    /* The entry array is no larger than the cap needs. */
    assert_true(sst.cap <= 1000);
    flood_after_cap(&sst, 100000);
    /* Existing strings are still found. */
    expect_index(&sst, "s0", 2, 0);
    expect_index(&sst, "s999", 4, 999);
    fx_sst_free(&sst);
}

static void test_memory_stops_at_byte_cap(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 1u << 20, 5000);
    char s[32];
    /* 500 strings of exactly 10 bytes fill the 5000 bytes. */
    for (unsigned i = 0; i < 500; i++) {
        int len = snprintf(s, sizeof s, "str-%06u", i);
        assert_int_equal(len, 10);
        expect_index(&sst, s, 10, i);
    }
    assert_int_equal(sst.arena_len, 5000);
    assert_true(sst.arena_cap <= 5000);
    flood_after_cap(&sst, 100000);
    expect_index(&sst, "str-000123", 10, 123);
    fx_sst_free(&sst);
}

static void test_references(void **state)
{
    (void)state;
    fx_sst sst;
    uint32_t idx;
    fx_sst_init(&sst, 2, 1 << 20);
    assert_int_equal(sst.references, 0);
    assert_int_equal(intern(&sst, "a", &idx), 1);
    assert_int_equal(intern(&sst, "b", &idx), 1);
    assert_int_equal(intern(&sst, "a", &idx), 1);
    assert_int_equal(intern(&sst, "c", &idx), 0); /* inline: not a reference */
    assert_int_equal(intern(&sst, "a", &idx), 1);
    assert_int_equal(sst.references, 4);
    assert_int_equal(sst.count, 2);
    fx_sst_free(&sst);
}

static void test_write_xml(void **state)
{
    (void)state;
    fx_sst sst;
    fx_sst_init(&sst, 100, 1 << 20);
    IDX(&sst, "hello", 0);
    IDX(&sst, " padded", 1);
    IDX(&sst, "a&b\x01" "c<d>", 2);
    IDX(&sst, "hello", 0);
    IDX(&sst, "tab\t", 3);
    IDX(&sst, "_x0041_ \"q\"", 4);
    IDX(&sst, "caf\xC3\xA9\r\n", 5);
    IDX(&sst, "", 6);
    IDX(&sst, " padded", 1);
    sink_state out;
    sst_xml(&sst, 4096, &out);
    tu_assert_str_bytes(out.buf.data, out.buf.len,
                        SST_HEAD "count=\"9\" uniqueCount=\"7\">"
                                 "<si><t>hello</t></si>"
                                 "<si><t xml:space=\"preserve\"> padded</t></si>"
                                 "<si><t>a&amp;b_x0001_c&lt;d&gt;</t></si>"
                                 "<si><t xml:space=\"preserve\">tab\t</t></si>"
                                 "<si><t>_x005F_x0041_ \"q\"</t></si>"
                                 "<si><t xml:space=\"preserve\">caf\xC3\xA9&#13;\n</t></si>"
                                 "<si><t></t></si>"
                                 "</sst>");
    tu_buf_free(&out.buf);
    fx_sst_free(&sst);
}

static void test_write_xml_chunked(void **state)
{
    (void)state;
    /* 3000 strings through the smallest buffer: same bytes as expected, built here. */
    fx_sst sst;
    fx_sst_init(&sst, 100000, 1 << 20);
    tu_buf want = {0};
    tu_buf_append(&want, SST_HEAD, strlen(SST_HEAD));
    tu_buf_append(&want, "count=\"3000\" uniqueCount=\"3000\">", strlen("count=\"3000\" uniqueCount=\"3000\">"));
    char s[64], x[128];
    for (unsigned i = 0; i < 3000; i++) {
        int len = snprintf(s, sizeof s, "%s%u & <%u>", i % 3 == 0 ? " " : "", i, i * 7);
        expect_index(&sst, s, (size_t)len, i);
        int xl = snprintf(x, sizeof x, "<si><t%s>%s%u &amp; &lt;%u&gt;</t></si>",
                          i % 3 == 0 ? " xml:space=\"preserve\"" : "", i % 3 == 0 ? " " : "", i, i * 7);
        tu_buf_append(&want, x, (size_t)xl);
    }
    tu_buf_append(&want, "</sst>", 6);
    sink_state out;
    sst_xml(&sst, 4096, &out);
    assert_true(out.calls > 10);
    tu_assert_bytes_equal(out.buf.data, out.buf.len, want.data, want.len);
    tu_buf_free(&out.buf);
    tu_buf_free(&want);
    fx_sst_free(&sst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dedupe_and_order),
        cmocka_unit_test(test_empty_string),
        cmocka_unit_test(test_many_strings_consecutive),
        cmocka_unit_test(test_string_cap),
        cmocka_unit_test(test_byte_cap),
        cmocka_unit_test(test_zero_limits),
        cmocka_unit_test(test_memory_stops_at_string_cap),
        cmocka_unit_test(test_memory_stops_at_byte_cap),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_write_xml),
        cmocka_unit_test(test_write_xml_chunked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
