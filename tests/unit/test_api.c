/*
 * test_api.c - the public API's rules, through the public header only, so the
 * same file is linked against the static and the shared library.
 *
 * Each rule of fast_workbook_write_row() and friends: limits, UTF-8, NaN, sheet
 * names, call order, sticky errors, output failures, atomic file replacement.
 * Workbooks here are checked by what the library returns and by the bytes it
 * produces with compression off; their content is read back by independent
 * readers in the end-to-end tests.
 */
#define _GNU_SOURCE /* memmem */
#include <fastxlsx.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

/* ---- helpers ------------------------------------------------------------------ */

typedef struct membuf {
    unsigned char *data;
    size_t len, cap;
    size_t max_per_call; /* 0: take everything */
    size_t fail_after;   /* fail once this many bytes were taken; 0: never */
    size_t calls;
} membuf;

static int mem_write(const void *buf, size_t len, void *user)
{
    membuf *m = user;
    m->calls++;
    if (m->fail_after && m->len >= m->fail_after)
        return -1;
    size_t n = len;
    if (m->max_per_call && n > m->max_per_call)
        n = m->max_per_call;
    if (m->fail_after && n > m->fail_after - m->len)
        n = m->fail_after - m->len; /* take what fits, fail on the next call */
    if (m->len + n > m->cap) {
        size_t cap = m->cap ? m->cap : 4096;
        while (cap < m->len + n)
            cap *= 2;
        m->data = realloc(m->data, cap);
        assert_non_null(m->data);
        m->cap = cap;
    }
    memcpy(m->data + m->len, buf, n);
    m->len += n;
    return (int)n;
}

static int contains(const membuf *m, const char *s)
{
    return m->len && memmem(m->data, m->len, s, strlen(s)) != NULL;
}

/* A workbook on a memory buffer with stored (uncompressed) parts, one sheet "S". */
static fast_workbook *mem_workbook(membuf *m)
{
    fast_workbook *wb = fast_workbook_new_callback(mem_write, m);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    return wb;
}

static void expect_message(fast_workbook *wb, const char *expected)
{
    const char *msg = fast_workbook_error_message(wb);
    if (strcmp(msg, expected) != 0)
        fail_msg("message\n  got:      \"%s\"\n  expected: \"%s\"", msg, expected);
}

static void expect_message_has(fast_workbook *wb, const char *part)
{
    const char *msg = fast_workbook_error_message(wb);
    if (!strstr(msg, part))
        fail_msg("message \"%s\" lacks \"%s\"", msg, part);
}

/* Write one row of text cells. */
static fast_status text_row(fast_workbook *wb, size_t n, const char *const *v, const size_t *len)
{
    return fast_workbook_write_row_strings(wb, v, len, n);
}

/* ---- limits --------------------------------------------------------------------- */

static void test_row_limit(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    assert_int_equal(fast_workbook_set_row_limit_policy(wb, FAST_ROWS_ERROR), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    assert_int_equal(fast_cells_set_integer(c, 0, 7), FAST_OK);
    for (unsigned r = 1; r < FAST_MAX_ROWS; r++)
        assert_int_equal(fast_workbook_write_row(wb, c, 0), FAST_OK);
    /* Row 1048576 is the last allowed one. */
    assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
    assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_ERROR_ROW_LIMIT);
    expect_message(wb, "sheet 'S': row 1048577 is beyond the limit of 1048576 rows per worksheet");
    /* Not sticky: nothing was written, the workbook can still be closed. */
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_ERROR_ROW_LIMIT);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

/* By default a full sheet continues on "NAME (2)", repeating the header rows. */
static void test_row_limit_continues(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    const char *head[2] = {"id", "name"};
    assert_int_equal(text_row(wb, 2, head, NULL), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    for (unsigned r = 2; r <= FAST_MAX_ROWS + 5; r++)
        assert_int_equal(fast_workbook_write_row(wb, c, 0), FAST_OK);
    assert_int_equal(fast_cells_set_integer(c, 0, 42), FAST_OK);
    assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    /* Sheet 2 got the header in row 1; rows 2..6 empty; the value lands in row 7. */
    assert_true(contains(&m, "<sheet name=\"S (2)\" sheetId=\"2\""));
    assert_true(contains(&m, "<sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
                             "<row r=\"7\"><c><v>42</v></c></row></sheetData>"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_column_limit(void **state)
{
    (void)state;
    const char **v = calloc(FAST_MAX_COLUMNS + 1, sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i <= FAST_MAX_COLUMNS; i++)
        v[i] = "x";
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 1), FAST_OK);
    assert_int_equal(text_row(wb, FAST_MAX_COLUMNS, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<c r=\"XFD1\" t=\"s\">"));
    fast_workbook_free(wb);
    free(m.data);

    membuf m2 = {0};
    wb = mem_workbook(&m2);
    assert_int_equal(text_row(wb, FAST_MAX_COLUMNS + 1, v, NULL), FAST_ERROR_COLUMN_LIMIT);
    expect_message(wb, "sheet 'S', row 1: 16385 cells is beyond the limit of 16384 columns");
    fast_workbook_free(wb);
    free(m2.data);
    free(v);
}

static void test_string_length_in_characters(void **state)
{
    (void)state;
    /* 32767 two-byte characters are allowed: the limit counts characters, not bytes. */
    size_t n = FAST_MAX_STRING_CHARS;
    char *s = malloc(2 * n + 2);
    assert_non_null(s);
    for (size_t i = 0; i < n + 1; i++)
        memcpy(s + 2 * i, "\xC3\xA9", 2); /* U+00E9 */
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    size_t len = 2 * n;
    const char *v[2] = {"ok", s};
    size_t l[2] = {2, len};
    assert_int_equal(text_row(wb, 2, v, l), FAST_OK);
    l[1] = len + 2; /* 32768 characters */
    assert_int_equal(text_row(wb, 2, v, l), FAST_ERROR_STRING_TOO_LONG);
    expect_message(wb, "sheet 'S', row 2, column B: text of 32768 characters is longer than the limit of 32767");
    fast_workbook_free(wb);
    free(m.data);
    free(s);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        size_t bad; /* 1-based */
    } cases[] = {
        {"abcd\x80", 5, 5},            /* lone continuation byte */
        {"ab\xC0\xAF", 4, 3},          /* overlong '/' */
        {"\xE0\x80\xAF", 3, 1},        /* overlong 3-byte */
        {"x\xED\xA0\x80", 4, 2},       /* surrogate U+D800 */
        {"\xF4\x90\x80\x80", 4, 1},    /* above U+10FFFF */
        {"ok\xE2\x82", 4, 3},          /* truncated at the end */
        {"\xF5\x80\x80\x80", 4, 1},    /* invalid lead */
    };
    /* The exact message. */
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    const char *v[3] = {"a", "b", "abcd\x80"};
    size_t l[3] = {1, 1, 5};
    const char *ok[1] = {"first"};
    assert_int_equal(text_row(wb, 1, ok, NULL), FAST_OK);
    assert_int_equal(text_row(wb, 3, v, l), FAST_ERROR_INVALID_UTF8);
    expect_message(wb, "sheet 'S', row 2, column C: invalid UTF-8 at byte 5");
    fast_workbook_free(wb);
    free(m.data);
    /* Each class is rejected, with its position. */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        membuf mm = {0};
        wb = mem_workbook(&mm);
        const char *vv[1] = {cases[i].bytes};
        size_t ll[1] = {cases[i].len};
        assert_int_equal(text_row(wb, 1, vv, ll), FAST_ERROR_INVALID_UTF8);
        char expected[96];
        snprintf(expected, sizeof expected, "sheet 'S', row 1, column A: invalid UTF-8 at byte %zu", cases[i].bad);
        expect_message(wb, expected);
        fast_workbook_free(wb);
        free(mm.data);
    }
}

static void test_nonfinite_numbers(void **state)
{
    (void)state;
    const double bad[] = {NAN, INFINITY, -INFINITY};
    const char *msg[] = {"sheet 'S', row 1, column B: number is NaN",
                         "sheet 'S', row 1, column B: number is infinite",
                         "sheet 'S', row 1, column B: number is infinite"};
    for (int i = 0; i < 3; i++) {
        membuf m = {0};
        fast_workbook *wb = mem_workbook(&m);
        fast_cells *c = fast_cells_new(2);
        fast_cells_set_number(c, 0, 1.0);
        fast_cells_set_number(c, 1, bad[i]);
        assert_int_equal(fast_workbook_write_row(wb, c, 2), FAST_ERROR_NONFINITE_NUMBER);
        expect_message(wb, msg[i]);
        fast_cells_free(c);
        fast_workbook_free(wb);
        free(m.data);
    }
}

/* A rejected row leaves nothing behind: large valid cells before the bad one
 * would overflow the 4 KiB buffer into the output if writing started early. */
static void test_row_rejected_whole(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 4096), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_flush_interval(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    const char *first[1] = {"row one"};
    assert_int_equal(text_row(wb, 1, first, NULL), FAST_OK);
    size_t before = m.len;
    assert_true(contains(&m, "row one"));

    char big[3000];
    memset(big, 'q', sizeof big);
    fast_cells *c = fast_cells_new(4);
    for (int i = 0; i < 3; i++)
        fast_cells_set_string(c, (size_t)i, big, sizeof big);
    fast_cells_set_number(c, 3, NAN);
    assert_int_equal(fast_workbook_write_row(wb, c, 4), FAST_ERROR_NONFINITE_NUMBER);
    assert_int_equal(m.len, before);
    assert_false(contains(&m, "qqqq"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

/* ---- sticky errors, call order ---------------------------------------------------- */

/* A write callback that fails from its @fail_at-th call on. */
typedef struct {
    membuf m;
    int calls, fail_at;
} failing_out;

static int failing_write(const void *buf, size_t len, void *user)
{
    failing_out *f = user;
    if (++f->calls >= f->fail_at)
        return -1;
    return mem_write(buf, len, &f->m);
}

/* A rejected row changes nothing: the status stays FAST_OK, the message says
 * what was wrong, later rows and close work. */
static void test_rejected_row_not_sticky(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    assert_string_equal(fast_workbook_error_message(wb), "");
    const char *bad[1] = {"\xFF"};
    assert_int_equal(text_row(wb, 1, bad, NULL), FAST_ERROR_INVALID_UTF8);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    expect_message(wb, "sheet 'S', row 1, column A: invalid UTF-8 at byte 1");
    const char *good[1] = {"good"};
    assert_int_equal(text_row(wb, 1, good, NULL), FAST_OK);
    expect_message(wb, "sheet 'S', row 1, column A: invalid UTF-8 at byte 1"); /* the last failure's */
    assert_int_equal(text_row(wb, 1, bad, NULL), FAST_ERROR_INVALID_UTF8);
    expect_message(wb, "sheet 'S', row 2, column A: invalid UTF-8 at byte 1"); /* the row it would have been */
    assert_int_equal(fast_workbook_add_worksheet(wb, "T", 1), FAST_OK);
    assert_int_equal(fast_workbook_set_flush_interval(wb, 5), FAST_OK);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "good"));
    fast_workbook_free(wb);
    free(m.data);
}

/* Each kind of failure that changes nothing, then a good row: the sheet holds
 * exactly the good rows, numbered without gaps, and close succeeds. */
static void test_each_rejection_keeps_workbook(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK); /* text inline, visible */
    fast_cells *c = fast_cells_new(3);
    static char big[FAST_MAX_STRING_CHARS + 1];
    memset(big, 'b', sizeof big);
    static const char *wide[FAST_MAX_COLUMNS + 1];
    for (size_t i = 0; i <= FAST_MAX_COLUMNS; i++)
        wide[i] = "w";
    /* Before the first row: a width out of range. */
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 0, 300), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    int good = 0;
    for (int kind = 0; kind < 10; kind++) {
        fast_status want, st;
        fast_cells_clear(c);
        switch (kind) {
        case 0:
            fast_cells_set_number(c, 1, NAN);
            want = FAST_ERROR_NONFINITE_NUMBER, st = fast_workbook_write_row(wb, c, 2);
            break;
        case 1:
            fast_cells_set_date(c, 0, 2023, 2, 29);
            want = FAST_ERROR_INVALID_DATE, st = fast_workbook_write_row(wb, c, 1);
            break;
        case 2:
            fast_cells_set_string(c, 2, big, sizeof big);
            want = FAST_ERROR_STRING_TOO_LONG, st = fast_workbook_write_row(wb, c, 3);
            break;
        case 3:
            fast_cells_set_string(c, 0, "\xE2\x82", 2);
            want = FAST_ERROR_INVALID_UTF8, st = fast_workbook_write_row(wb, c, 1);
            break;
        case 4:
            want = FAST_ERROR_COLUMN_LIMIT, st = fast_workbook_write_row_strings(wb, wide, NULL, FAST_MAX_COLUMNS + 1);
            break;
        case 5:
            want = FAST_ERROR_TOO_LATE, st = fast_workbook_set_column_width(wb, 0, 0, 10);
            break;
        case 6:
            want = FAST_ERROR_TOO_LATE, st = fast_workbook_freeze_panes(wb, 1, 0);
            break;
        case 7:
            want = FAST_ERROR_INVALID_ARGUMENT, st = fast_workbook_merge_range(wb, 2, 2, 2, 2);
            break;
        case 8:
            want = FAST_ERROR_INVALID_ARGUMENT, st = fast_workbook_set_property(wb, 17, "x", 1);
            break;
        default:
            want = FAST_ERROR_INVALID_ARGUMENT, st = fast_workbook_write_row(wb, c, 4); /* n > count */
            break;
        }
        if (st != want)
            fail_msg("kind %d: status %d, expected %d: %s", kind, (int)st, (int)want, fast_workbook_error_message(wb));
        assert_int_equal(fast_workbook_status(wb), FAST_OK);
        assert_true(fast_workbook_error_message(wb)[0] != '\0');
        char text[32];
        int n = snprintf(text, sizeof text, "good %d", ++good);
        const char *v[1] = {text};
        const size_t len[1] = {(size_t)n};
        assert_int_equal(text_row(wb, 1, v, len), FAST_OK);
    }
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    for (int i = 1; i <= good; i++) {
        char row[96];
        snprintf(row, sizeof row, "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>good %d</t></is></c></row>", i,
                 i, i);
        if (!contains(&m, row))
            fail_msg("row %d missing: %s", i, row);
    }
    assert_false(contains(&m, "<row r=\"11\""));
    assert_false(contains(&m, "<pane"));
    assert_false(contains(&m, "<mergeCell"));
    assert_false(contains(&m, "<col "));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

/* Output failures are sticky: every later call returns the first one, close
 * writes nothing more and returns it again. */
static void test_errors_are_sticky(void **state)
{
    (void)state;
    failing_out f = {{0}, 0, 3};
    fast_workbook *wb = fast_workbook_new_callback(failing_write, &f);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 4096), FAST_OK);
    assert_int_equal(fast_workbook_set_flush_interval(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    const char *good[1] = {"good text that fills the buffer quickly, good text that fills the buffer"};
    fast_status st = FAST_OK;
    for (int i = 0; i < 100000 && st == FAST_OK; i++)
        st = text_row(wb, 1, good, NULL);
    assert_int_equal(st, FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_status(wb), FAST_ERROR_CALLBACK);
    expect_message_has(wb, "callback");
    char first[400];
    snprintf(first, sizeof first, "%s", fast_workbook_error_message(wb));
    assert_int_equal(text_row(wb, 1, good, NULL), FAST_ERROR_CALLBACK);
    const char *bad[1] = {"\xFF"};
    assert_int_equal(text_row(wb, 1, bad, NULL), FAST_ERROR_CALLBACK); /* not the row's own failure */
    assert_int_equal(fast_workbook_add_worksheet(wb, "T", 1), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_flush_interval(wb, 5), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 0, 300), FAST_ERROR_CALLBACK);
    /* The calls of 0.3 too (define_name checked only for a closed workbook before). */
    assert_int_equal(fast_workbook_define_name(wb, "N", 1, FAST_SCOPE_WORKBOOK, "1", 1), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_add_note(wb, 0, 0, "n", 1, NULL, 0, 0, 0, 0), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_protect_structure(wb, NULL, 0), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_protect_sheet(wb, NULL, 0, 0), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_tab_color(wb, 0xFF0000), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_zoom(wb, 50), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_paper_size(wb, 9), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_print_area(wb, 0, 0, 1, 1), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 5), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_ignore_errors(wb, 0, 0, 1, 1, FAST_IGNORE_NUMBER_STORED_AS_TEXT),
                     FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_notes_memory_limit(wb, 1 << 20), FAST_ERROR_CALLBACK);
    assert_int_equal(fast_workbook_set_image_memory_limit(wb, 1 << 20), FAST_ERROR_CALLBACK);
    expect_message(wb, first);
    int calls = f.calls;
    assert_int_equal(fast_workbook_close(wb), FAST_ERROR_CALLBACK);
    assert_int_equal(f.calls, calls); /* close wrote no central directory */
    assert_int_equal(fast_workbook_close(wb), FAST_ERROR_CALLBACK);
    fast_workbook_free(wb);
    free(f.m.data);
}

static void test_call_order(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    const char *v[1] = {"x"};
    assert_int_equal(text_row(wb, 1, v, NULL), FAST_ERROR_STATE);
    expect_message_has(wb, "no worksheet");
    fast_workbook_free(wb);

    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_compression_level(wb, 1), FAST_ERROR_STATE);
    fast_workbook_free(wb);

    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 8192), FAST_ERROR_STATE);
    fast_workbook_free(wb);

    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 10, 100), FAST_OK); /* before rows: fine */
    assert_int_equal(text_row(wb, 1, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 10, 100), FAST_ERROR_STATE);
    fast_workbook_free(wb);

    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 10), FAST_ERROR_INVALID_ARGUMENT);
    fast_workbook_free(wb);
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 100), FAST_ERROR_INVALID_ARGUMENT);
    expect_message_has(wb, "100 bytes is outside 4096..");
    fast_workbook_free(wb);

    wb = fast_workbook_new_callback(mem_write, &m);
    fast_cells *c = fast_cells_new(2);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    assert_int_equal(fast_workbook_write_row(wb, c, 3), FAST_ERROR_INVALID_ARGUMENT);
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_write_after_close(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    const char *v[1] = {"x"};
    assert_int_equal(text_row(wb, 1, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    size_t len = m.len;
    assert_int_equal(text_row(wb, 1, v, NULL), FAST_ERROR_CLOSED);
    expect_message(wb, "fast_workbook_write_row_strings: the workbook is already closed");
    assert_int_equal(fast_workbook_add_worksheet(wb, "T", 1), FAST_ERROR_CLOSED);
    assert_int_equal(fast_workbook_close(wb), FAST_OK); /* the first close's result */
    assert_int_equal(m.len, len);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_null_handling(void **state)
{
    (void)state;
    fast_workbook_free(NULL);
    fast_cells_free(NULL);
    fast_cells_clear(NULL);
    assert_int_equal(fast_cells_count(NULL), 0);
    assert_int_equal(fast_workbook_close(NULL), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_status(NULL), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_write_row(NULL, NULL, 0), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_add_worksheet(NULL, "x", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_non_null(fast_workbook_error_message(NULL));
    assert_string_equal(fast_strerror(12345), "unknown status");
    assert_string_equal(fast_strerror(FAST_OK), "success");
    for (int s = FAST_ERROR_TOO_LATE; s < 0; s++)
        assert_string_not_equal(fast_strerror(s), "unknown status");
    assert_string_equal(fast_version_string(), FASTXLSX_VERSION_STRING);
    assert_int_equal(fast_version_number(), FASTXLSX_VERSION_NUMBER);

    errno = 0;
    assert_null(fast_cells_new(0));
    assert_int_equal(errno, EINVAL);
    assert_null(fast_cells_new(FAST_MAX_COLUMNS + 1));
    fast_cells *c = fast_cells_new(2);
    assert_int_equal(fast_cells_count(c), 2);
    assert_int_equal(fast_cells_set_string(c, 2, "x", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_string(c, 0, NULL, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_string(c, 0, NULL, 0), FAST_OK);
    assert_int_equal(fast_cells_set_number(NULL, 0, 1), FAST_ERROR_INVALID_ARGUMENT);
    fast_cells_free(c);

    errno = 0;
    assert_null(fast_workbook_new_callback(NULL, NULL));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(fast_workbook_new_fd(-1));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(fast_workbook_new(NULL));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(fast_workbook_new("/nonexistent-dir-for-fastxlsx/x.xlsx"));
    assert_int_equal(errno, ENOENT);
}

/* ---- sheet names -------------------------------------------------------------------- */

static fast_status add_sheet(fast_workbook *wb, const char *name)
{
    return fast_workbook_add_worksheet(wb, name, name ? strlen(name) : 0);
}

static void test_sheet_names(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "a:b", "a\\b", "a/b", "a?b", "a*b", "a[b", "a]b", "'quoted", "quoted'",
        "12345678901234567890123456789012", /* 32 characters */
        "tab\there",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        membuf m = {0};
        fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
        if (add_sheet(wb, bad[i]) != FAST_ERROR_SHEET_NAME)
            fail_msg("sheet name \"%s\" was not rejected", bad[i]);
        fast_workbook_free(wb);
        free(m.data);
    }
    static const char *const good[] = {
        "1234567890123456789012345678901", /* 31 characters */
        "ÄÖÜ äöü ß 日本語 Ελληνικά", "it's", "a'b'c", "#1 (2) {3} <4> & \"5\"", "_x0041_",
    };
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (add_sheet(wb, good[i]) != FAST_OK)
            fail_msg("sheet name \"%s\" was rejected: %s", good[i], fast_workbook_error_message(wb));
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    free(m.data);

    /* 31 characters of 3 bytes each are fine; the limit is in characters. */
    char wide[31 * 3 + 1];
    for (int i = 0; i < 31; i++)
        memcpy(wide + 3 * i, "\xE6\x97\xA5", 3);
    wide[93] = 0;
    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(add_sheet(wb, wide), FAST_OK);
    fast_workbook_free(wb);
    free(m.data);

    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(add_sheet(wb, "Data"), FAST_OK);
    assert_int_equal(add_sheet(wb, "DATA"), FAST_ERROR_DUPLICATE_SHEET_NAME);
    expect_message(wb, "worksheet name 'DATA' is already used by sheet 'Data' (names are compared case-insensitively)");
    fast_workbook_free(wb);
    free(m.data);

    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(add_sheet(wb, "Ärger Σ Ж"), FAST_OK);
    assert_int_equal(add_sheet(wb, "äRGER σ ж"), FAST_ERROR_DUPLICATE_SHEET_NAME);
    fast_workbook_free(wb);
    free(m.data);

    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_add_worksheet(wb, "ab\xFF", 3), FAST_ERROR_INVALID_UTF8);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_default_sheet_names(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(add_sheet(wb, NULL), FAST_OK);       /* Sheet1 */
    assert_int_equal(add_sheet(wb, "sheet3"), FAST_OK);
    assert_int_equal(add_sheet(wb, NULL), FAST_OK);       /* Sheet3 is taken: Sheet4 */
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<sheet name=\"Sheet1\" sheetId=\"1\""));
    assert_true(contains(&m, "<sheet name=\"sheet3\" sheetId=\"2\""));
    assert_true(contains(&m, "<sheet name=\"Sheet4\" sheetId=\"3\""));
    fast_workbook_free(wb);
    free(m.data);

    /* A workbook closed without sheets gets an empty Sheet1. */
    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<sheet name=\"Sheet1\" sheetId=\"1\""));
    assert_true(contains(&m, "xl/worksheets/sheet1.xml"));
    fast_workbook_free(wb);
    free(m.data);
}

/* ---- output ---------------------------------------------------------------------------- */

static void write_sample(fast_workbook *wb)
{
    fast_cells *c = fast_cells_new(5);
    assert_int_equal(add_sheet(wb, "One"), FAST_OK);
    for (int r = 0; r < 2000; r++) {
        char text[32];
        int n = snprintf(text, sizeof text, "text %d", r % 300);
        fast_cells_set_string(c, 0, text, (size_t)n);
        fast_cells_set_number(c, 1, r * 0.25);
        fast_cells_set_integer(c, 2, (int64_t)r * 1000003);
        fast_cells_set_boolean(c, 3, r & 1);
        fast_cells_set_blank(c, 4);
        assert_int_equal(fast_workbook_write_row(wb, c, 5), FAST_OK);
    }
    assert_int_equal(add_sheet(wb, "Two"), FAST_OK);
    const char *v[2] = {"second", "sheet"};
    assert_int_equal(text_row(wb, 2, v, NULL), FAST_OK);
    fast_cells_free(c);
}

/* A callback that takes one byte per call gets the same package, byte for byte,
 * as one that takes everything; @threads 2 writes through the workers. */
static void one_byte_case(unsigned threads)
{
    membuf whole = {0}, bytewise = {.max_per_call = 1};
    fast_workbook *a = fast_workbook_new_callback(mem_write, &whole);
    fast_workbook *b = fast_workbook_new_callback(mem_write, &bytewise);
    assert_int_equal(fast_workbook_set_threads(a, threads), FAST_OK);
    assert_int_equal(fast_workbook_set_threads(b, threads), FAST_OK);
    write_sample(a);
    write_sample(b);
    assert_int_equal(fast_workbook_close(a), FAST_OK);
    assert_int_equal(fast_workbook_close(b), FAST_OK);
    assert_int_equal(whole.len, bytewise.len);
    assert_memory_equal(whole.data, bytewise.data, whole.len);
    assert_int_equal(bytewise.calls, bytewise.len); /* really one byte per call */
    fast_workbook_free(a);
    fast_workbook_free(b);
    free(whole.data);
    free(bytewise.data);
}

static void test_one_byte_callback(void **state)
{
    (void)state;
    one_byte_case(0);
}

/* Write 2000 one-column rows and close; the first failing status. */
static fast_status int_rows(fast_workbook *wb)
{
    fast_status st = fast_workbook_add_worksheet(wb, "One", 3);
    fast_cells *c = fast_cells_new(1);
    for (int r = 0; r < 2000 && st == FAST_OK; r++) {
        fast_cells_set_integer(c, 0, r);
        st = fast_workbook_write_row(wb, c, 1);
    }
    if (st == FAST_OK)
        st = fast_workbook_close(wb);
    fast_cells_free(c);
    return st;
}

static void test_failing_callback(void **state)
{
    (void)state;
    membuf ref = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &ref);
    assert_int_equal(int_rows(wb), FAST_OK);
    fast_workbook_free(wb);
    size_t total = ref.len;
    free(ref.data);

    /* Fail at the first byte, inside the sheet, and in the central directory. */
    size_t points[] = {1, 100, total / 2, total - 10};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        membuf m = {.fail_after = points[i]};
        wb = fast_workbook_new_callback(mem_write, &m);
        assert_int_equal(int_rows(wb), FAST_ERROR_CALLBACK);
        expect_message_has(wb, "write callback returned -1");
        assert_int_equal(fast_workbook_close(wb), FAST_ERROR_CALLBACK);
        assert_int_equal(m.len, points[i]);
        fast_workbook_free(wb);
        free(m.data);
    }
}

/* The same with threads: a failure while delivering the workers' output reaches the caller. */
static void test_failing_callback_threads(void **state)
{
    (void)state;
    membuf ref = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &ref);
    /* The threads and the buffer size decide where compressed chunks end: the same as below. */
    assert_int_equal(fast_workbook_set_threads(wb, 2), FAST_OK);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 4096), FAST_OK);
    assert_int_equal(int_rows(wb), FAST_OK);
    fast_workbook_free(wb);
    size_t total = ref.len;
    free(ref.data);
    size_t points[] = {1, total / 2, total - 10};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        membuf m = {.fail_after = points[i]};
        wb = fast_workbook_new_callback(mem_write, &m);
        assert_int_equal(fast_workbook_set_threads(wb, 2), FAST_OK);
        assert_int_equal(fast_workbook_set_max_buffer_size(wb, 4096), FAST_OK);
        assert_int_equal(int_rows(wb), FAST_ERROR_CALLBACK);
        expect_message_has(wb, "write callback returned -1");
        assert_int_equal(m.len, points[i]);
        fast_workbook_free(wb);
        free(m.data);
    }
    /* A workbook freed in the middle stops its worker cleanly. */
    membuf m = {0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_threads(wb, 4), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_threads(wb, 1), FAST_ERROR_STATE);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_one_byte_callback_threads(void **state)
{
    (void)state;
    one_byte_case(2);
}

/* A callback that notes the thread it runs on and whether it ran before close. */
typedef struct thread_log {
    membuf mem;
    pthread_t caller;
    size_t foreign_calls; /* calls made on another thread than the caller's */
    size_t calls_before_close;
    int closing;
} thread_log;

static int thread_write(const void *buf, size_t len, void *user)
{
    thread_log *t = user;
    if (!pthread_equal(pthread_self(), t->caller))
        t->foreign_calls++;
    if (!t->closing)
        t->calls_before_close++;
    return mem_write(buf, len, &t->mem);
}

static void threaded_sample(thread_log *t, unsigned threads, int level)
{
    t->caller = pthread_self();
    fast_workbook *wb = fast_workbook_new_callback(thread_write, t);
    assert_int_equal(fast_workbook_set_threads(wb, threads), FAST_OK);
    assert_int_equal(fast_workbook_set_compression_level(wb, level), FAST_OK);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 4096), FAST_OK);
    assert_int_equal(add_sheet(wb, "Threads"), FAST_OK);
    fast_cells *c = fast_cells_new(3);
    char text[32];
    for (int r = 0; r < 20000; r++) {
        int n = snprintf(text, sizeof text, "row %d of many", r * 7919 % 10007);
        fast_cells_set_integer(c, 0, r);
        fast_cells_set_number(c, 1, r / 7.0);
        fast_cells_set_string(c, 2, text, (size_t)n);
        assert_int_equal(fast_workbook_write_row(wb, c, 3), FAST_OK);
    }
    fast_cells_free(c);
    t->closing = 1;
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
}

/* With workers on, the write callback still runs only on the caller's thread,
 * during the calls (not all at close), and the package is the same, byte for
 * byte, for every thread count. */
static void test_callback_on_caller_thread(void **state)
{
    (void)state;
    int levels[] = {0, 1, 6};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        thread_log single = {0}, threaded = {0}, more = {0};
        threaded_sample(&single, 0, levels[i]);
        threaded_sample(&threaded, 2, levels[i]);
        threaded_sample(&more, 5, levels[i]);
        assert_int_equal(threaded.foreign_calls, 0);
        assert_int_equal(more.foreign_calls, 0);
        /* Held back: a few jobs' worth of output, not everything until close. */
        assert_true(threaded.calls_before_close > 0);
        assert_true(threaded.calls_before_close * 2 >= single.calls_before_close);
        assert_int_equal(more.mem.len, threaded.mem.len);
        assert_memory_equal(more.mem.data, threaded.mem.data, more.mem.len);
        free(single.mem.data);
        free(threaded.mem.data);
        free(more.mem.data);
    }
}

/* ---- files ------------------------------------------------------------------------------ */

static char tmpdir[256];

static int setup_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fastxlsx-test-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmpdir(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* fast_workbook_abandon(): a producer that fails half-way can never have its
 * partial output committed, even by a later close; the message says why. And
 * fast_workbook_bytes_written() counts what reached the destination. */
/* 1 if @s is well-formed UTF-8 (RFC 3629), for checking messages. */
static int is_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : 9;
        if (n == 9)
            return 0;
        for (size_t k = 1; k <= n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return 0;
        p += n + 1;
    }
    return 1;
}

/* A message cut to its capacity ends on a whole character: a long abandon
 * reason of three-byte characters, the cut falling at each byte of one. */
static void test_long_message_cut_on_character(void **state)
{
    (void)state;
    char reason[600];
    for (size_t i = 0; i < 200; i++)
        memcpy(reason + 3 * i, "\xE2\x82\xAC", 3); /* U+20AC */
    for (size_t shift = 0; shift < 3; shift++) {
        membuf out = {0};
        fast_workbook *wb = fast_workbook_new_callback(mem_write, &out);
        assert_non_null(wb);
        /* 1 or 2 ASCII bytes first move where the cut falls within a character. */
        char r[608];
        memcpy(r, "xx", shift);
        memcpy(r + shift, reason, 600);
        assert_int_equal(fast_workbook_abandon(wb, r, shift + 600), FAST_ERROR_ABANDONED);
        const char *m = fast_workbook_error_message(wb);
        assert_true(strlen(m) > 200);
        assert_true(strncmp(m, "abandoned: ", 11) == 0);
        assert_memory_equal(m + 11, r, strlen(m) - 11);
        if (!is_utf8(m))
            fail_msg("shift %zu: the message ends inside a character (%zu bytes)", shift, strlen(m));
        fast_workbook_free(wb);
        free(out.data);
    }
}

static void test_abandon_and_bytes_written(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/abandoned.xlsx", tmpdir);
    write_file(path, "ORIGINAL CONTENT");
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_bytes_written(wb), 0);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK); /* stored: the XML's own size */
    assert_int_equal(add_sheet(wb, "Data"), FAST_OK);
    const char *row[1] = {"a row that reached the sheet before the producer failed"};
    for (int i = 0; i < 20000; i++)
        assert_int_equal(text_row(wb, 1, row, NULL), FAST_OK);
    uint64_t before = fast_workbook_bytes_written(wb);
    assert_true(before > 256 * 1024); /* 20,000 rows, stored, passed the 256 KiB XML buffer */
    assert_int_equal(fast_workbook_abandon(wb, "query failed at row 20001", 25), FAST_ERROR_ABANDONED);
    assert_int_equal(fast_workbook_status(wb), FAST_ERROR_ABANDONED);
    assert_string_equal(fast_workbook_error_message(wb), "abandoned: query failed at row 20001");
    assert_int_equal(text_row(wb, 1, row, NULL), FAST_ERROR_ABANDONED);
    assert_int_equal(fast_workbook_close(wb), FAST_ERROR_ABANDONED);
    fast_workbook_free(wb);
    size_t len;
    char *content = read_file(path, &len);
    assert_int_equal(len, strlen("ORIGINAL CONTENT"));
    assert_memory_equal(content, "ORIGINAL CONTENT", len);
    free(content);
    assert_int_equal(count_entries(tmpdir), 1);

    /* An earlier sticky error is kept; NULL is refused. */
    membuf out = {0};
    wb = fast_workbook_new_callback(mem_write, &out);
    assert_non_null(wb);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    assert_int_equal(fast_workbook_abandon(wb, NULL, 0), FAST_ERROR_ABANDONED);
    assert_string_equal(fast_workbook_error_message(wb), "abandoned: ");
    assert_int_equal(fast_workbook_abandon(wb, "again", 5), FAST_ERROR_ABANDONED);
    assert_string_equal(fast_workbook_error_message(wb), "abandoned: ");
    fast_workbook_free(wb);
    free(out.data);
    assert_int_equal(fast_workbook_abandon(NULL, "x", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_bytes_written(NULL), 0);

    /* After a successful close it is the size of the file, also with the thread. */
    for (unsigned threads = 1; threads <= 2; threads++) {
        membuf o = {0};
        wb = fast_workbook_new_callback(mem_write, &o);
        assert_int_equal(fast_workbook_set_threads(wb, threads), FAST_OK);
        write_sample(wb);
        assert_int_equal(fast_workbook_close(wb), FAST_OK);
        assert_int_equal(fast_workbook_bytes_written(wb), o.len);
        /* Committed: abandoning it now changes nothing. */
        assert_int_equal(fast_workbook_abandon(wb, "too late", 8), FAST_ERROR_CLOSED);
        assert_int_equal(fast_workbook_status(wb), FAST_OK);
        assert_string_equal(fast_workbook_error_message(wb), "fast_workbook_abandon: the workbook was closed and its "
                                                             "output committed; nothing was abandoned");
        assert_int_equal(fast_workbook_close(wb), FAST_OK);
        fast_workbook_free(wb);
        free(o.data);
    }
}

/* A write callback that takes the first @limit bytes, then refuses everything. */
typedef struct refusing {
    size_t limit, got;
} refusing;

static int refuse_after(const void *buf, size_t len, void *user)
{
    (void)buf;
    refusing *r = user;
    if (r->got >= r->limit)
        return -1;
    size_t n = len < r->limit - r->got ? len : r->limit - r->got;
    r->got += n;
    return (int)n;
}

/* fast_workbook_bytes_written() counts only what the destination accepted, also
 * when the write callback takes part of a buffer and then fails. */
static void test_bytes_written_stops_at_refusal(void **state)
{
    (void)state;
    static const size_t limits[] = {0, 1, 1000, 70000};
    for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) {
        refusing r = {limits[k], 0};
        fast_workbook *wb = fast_workbook_new_callback(refuse_after, &r);
        assert_non_null(wb);
        assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
        assert_int_equal(add_sheet(wb, "Data"), FAST_OK);
        const char *row[1] = {"a row of text that fills the buffers"};
        fast_status st = FAST_OK;
        for (int i = 0; i < 20000 && st == FAST_OK; i++)
            st = text_row(wb, 1, row, NULL);
        if (st == FAST_OK)
            st = fast_workbook_close(wb);
        assert_int_equal(st, FAST_ERROR_CALLBACK);
        if (fast_workbook_bytes_written(wb) != r.got)
            fail_msg("the callback accepted %zu bytes, fast_workbook_bytes_written() says %llu", r.got,
                     (unsigned long long)fast_workbook_bytes_written(wb));
        fast_workbook_free(wb);
    }
}

/* 1 when @dir takes unnamed files (O_TMPFILE): the library's temporary file is then invisible until the commit. */
static int unnamed_files_work(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_WRONLY, 0600);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

static void test_destination_untouched_on_failure(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/report.xlsx", tmpdir);
    write_file(path, "ORIGINAL CONTENT");

    /* A sticky failure (the file size limit makes a write fail with EFBIG): the
     * temporary file disappears, the old file stays. */
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    /* report.xlsx, and the temporary file unless it has no name until the commit */
    assert_int_equal(count_entries(tmpdir), unnamed_files_work(tmpdir) ? 1 : 2);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    struct rlimit old_lim, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old_lim), 0);
    lim = old_lim;
    lim.rlim_cur = 64 * 1024;
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    fast_status st = add_sheet(wb, "One");
    const char *row[1] = {"some text to fill the file beyond its limit, some text to fill the file"};
    for (int i = 0; i < 100000 && st == FAST_OK; i++)
        st = text_row(wb, 1, row, NULL);
    if (st == FAST_OK)
        st = fast_workbook_close(wb);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old_lim), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(st, FAST_ERROR_IO);
    assert_int_equal(fast_workbook_status(wb), FAST_ERROR_IO);
    assert_int_equal(fast_workbook_close(wb), FAST_ERROR_IO);
    assert_int_equal(count_entries(tmpdir), 1);
    fast_workbook_free(wb);
    size_t len;
    char *content = read_file(path, &len);
    assert_int_equal(len, strlen("ORIGINAL CONTENT"));
    assert_memory_equal(content, "ORIGINAL CONTENT", len);
    free(content);

    /* Freed without close: the same. */
    wb = fast_workbook_new(path);
    write_sample(wb);
    fast_workbook_free(wb);
    assert_int_equal(count_entries(tmpdir), 1);
    content = read_file(path, &len);
    assert_memory_equal(content, "ORIGINAL CONTENT", len);
    free(content);

    /* A successful close replaces it with a ZIP package. */
    wb = fast_workbook_new(path);
    write_sample(wb);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    assert_int_equal(count_entries(tmpdir), 1);
    content = read_file(path, &len);
    assert_true(len > 1000);
    assert_memory_equal(content, "PK\x03\x04", 4);
    free(content);
    unlink(path);
}

static void test_file_mode_follows_umask(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/mode.xlsx", tmpdir);
    mode_t old = umask(027);
    fast_workbook *wb = fast_workbook_new(path);
    umask(old);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    unlink(path);
}

/* Without write permission on the directory, fast_workbook_new() fails with EACCES.
 * Root may write anywhere, so as root the check runs in a child that drops to
 * the "nobody" user. */
static void test_unwritable_directory(void **state)
{
    (void)state;
    char dir[300], path[320];
    snprintf(dir, sizeof dir, "%s/ro", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(chmod(tmpdir, 0755), 0);
    snprintf(path, sizeof path, "%s/x.xlsx", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0) {
            /* The directory is root's, mode 0755: not writable for nobody. */
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(3);
        } else if (chmod(dir, 0555) != 0) {
            _exit(4);
        }
        errno = 0;
        fast_workbook *wb = fast_workbook_new(path);
        _exit(wb == NULL && errno == EACCES ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    chmod(dir, 0755);
    rmdir(dir);
}

static void test_descriptor_output(void **state)
{
    (void)state;
    /* A regular file: seekable, so the sheet has an exact <dimension>. */
    char path[300];
    snprintf(path, sizeof path, "%s/fd.xlsx", tmpdir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "JUNK", 4), 4); /* the package starts at the current offset */
    fast_workbook *wb = fast_workbook_new_fd(fd);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    const char *v[3] = {"a", "b", "c"};
    assert_int_equal(text_row(wb, 3, v, NULL), FAST_OK);
    assert_int_equal(text_row(wb, 3, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    assert_true(fcntl(fd, F_GETFD) != -1); /* still open: the caller owns it */
    close(fd);
    size_t len;
    char *content = read_file(path, &len);
    assert_memory_equal(content, "JUNKPK\x03\x04", 8);
    assert_non_null(memmem(content, len, "<dimension ref=\"A1:C2\"/>", 24));
    free(content);
    unlink(path);

    /* A pipe: not seekable, so no <dimension>. */
    int p[2];
    assert_int_equal(pipe(p), 0);
    wb = fast_workbook_new_fd(p[1]);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    assert_int_equal(text_row(wb, 3, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    close(p[1]);
    char buf[16384];
    ssize_t n, total = 0;
    while ((n = read(p[0], buf + total, sizeof buf - (size_t)total)) > 0)
        total += n;
    close(p[0]);
    assert_true(total > 500);
    assert_null(memmem(buf, (size_t)total, "<dimension", 10));
    assert_non_null(memmem(buf, (size_t)total, "<sheetData>", 11));
}

/* ---- numbers ------------------------------------------------------------------------------ */

static void test_numbers_ignore_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "de_DE.UTF-8"))
        fail_msg("the de_DE.UTF-8 locale is not available: install 'locales' and run locale-gen "
                 "(.ci/run does)");
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    fast_cells *c = fast_cells_new(4);
    fast_cells_set_number(c, 0, 1.5);
    fast_cells_set_number(c, 1, -1234567.875);
    fast_cells_set_number(c, 2, 1e-7);
    fast_cells_set_number(c, 3, 0.1);
    assert_int_equal(fast_workbook_write_row(wb, c, 4), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    setlocale(LC_ALL, "C");
    assert_true(contains(&m, "<row r=\"1\"><c><v>1.5</v></c><c><v>-1234567.875</v></c><c><v>1e-07</v></c>"
                             "<c><v>0.1</v></c></row>"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

/* Every cell's reference is written by default (-1 here) and with 1; with 0, only
 * where its column is not implied. */
static void test_cell_references(void **state)
{
    (void)state;
    for (int always = -1; always <= 1; always++) {
        membuf m = {0};
        fast_workbook *wb = mem_workbook(&m);
        if (always >= 0)
            assert_int_equal(fast_workbook_set_cell_references(wb, always), FAST_OK);
        fast_cells *c = fast_cells_new(5);
        fast_cells_set_integer(c, 1, 2); /* B: after a blank A */
        fast_cells_set_integer(c, 2, 3); /* C: follows B */
        fast_cells_set_integer(c, 4, 5); /* E: after a blank D */
        assert_int_equal(fast_workbook_write_row(wb, c, 5), FAST_OK);
        fast_cells_set_integer(c, 0, 1);
        assert_int_equal(fast_workbook_write_row(wb, c, 5), FAST_OK);
        assert_int_equal(fast_workbook_close(wb), FAST_OK);
        if (always != 0)
            assert_true(contains(&m, "<row r=\"1\"><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c><c r=\"E1\"><v>5</v></c></row>"
                                     "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c><c r=\"C2\"><v>3</v></c>"
                                     "<c r=\"E2\"><v>5</v></c></row>"));
        else
            assert_true(contains(&m, "<row r=\"1\"><c r=\"B1\"><v>2</v></c><c><v>3</v></c><c r=\"E1\"><v>5</v></c></row>"
                                     "<row r=\"2\"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c r=\"E2\"><v>5</v></c></row>"));
        fast_cells_free(c);
        fast_workbook_free(wb);
        free(m.data);
    }
}

static void test_integers_exact(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = mem_workbook(&m);
    fast_cells *c = fast_cells_new(3);
    fast_cells_set_integer(c, 0, INT64_MAX);
    fast_cells_set_integer(c, 1, INT64_MIN);
    fast_cells_set_integer(c, 2, 9007199254740993LL); /* 2^53 + 1: exact in the file */
    assert_int_equal(fast_workbook_write_row(wb, c, 3), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<v>9223372036854775807</v>"));
    assert_true(contains(&m, "<v>-9223372036854775808</v>"));
    assert_true(contains(&m, "<v>9007199254740993</v>"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_shared_strings_cap(void **state)
{
    (void)state;
    /* Two unique strings fit; the third is written inline; repeats still share. */
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 2, 1000), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    const char *v[4] = {"alpha", "beta", "gamma", "alpha"};
    assert_int_equal(text_row(wb, 4, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
                             "<c t=\"inlineStr\"><is><t>gamma</t></is></c><c t=\"s\"><v>0</v></c>"));
    assert_true(contains(&m, "count=\"3\" uniqueCount=\"2\"><si><t>alpha</t></si><si><t>beta</t></si></sst>"));
    fast_workbook_free(wb);
    free(m.data);

    /* The byte cap: 10 bytes hold "alpha" and "beta" (9), not "gamma". */
    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 100, 10), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    assert_int_equal(text_row(wb, 4, v, NULL), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<c t=\"inlineStr\"><is><t>gamma</t></is></c>"));
    assert_true(contains(&m, "uniqueCount=\"2\""));
    fast_workbook_free(wb);
    free(m.data);
}

/* A column that keeps missing the full table stops looking strings up. */
static void test_shared_strings_give_up(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 1, 100), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    const char *first[2] = {"known", "known"};
    assert_int_equal(text_row(wb, 2, first, NULL), FAST_OK); /* the table is full */
    fast_cells *c = fast_cells_new(2);
    char text[32];
    for (int r = 0; r < 1000; r++) {
        int n = snprintf(text, sizeof text, "unique %d", r);
        fast_cells_set_string(c, 0, text, (size_t)n);
        fast_cells_set_string(c, 1, "known", 5);
        assert_int_equal(fast_workbook_write_row(wb, c, 2), FAST_OK);
    }
    /* Column A gave up: "known" is written inline there; column B still shares it. */
    fast_cells_set_string(c, 0, "known", 5);
    assert_int_equal(fast_workbook_write_row(wb, c, 2), FAST_OK);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_true(contains(&m, "<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>0</v></c></row>"));
    assert_true(contains(&m, "<row r=\"1001\"><c t=\"inlineStr\"><is><t>unique 999</t></is></c><c t=\"s\"><v>0</v></c></row>"));
    assert_true(contains(&m, "<row r=\"1002\"><c t=\"inlineStr\"><is><t>known</t></is></c><c t=\"s\"><v>0</v></c></row>"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

/* The format that would be one too many rejects its whole row, with the place. */
static void test_format_limit_rejects_row(void **state)
{
    (void)state;
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_flush_interval(wb, 1), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    fast_status st = FAST_OK;
    unsigned r = 0;
    /* xf 0 is the default, so 65,489 formats fit; each differs in colour. */
    for (; st == FAST_OK && r < FAST_MAX_FORMATS; r++) {
        fast_format *f = fast_workbook_add_format(wb);
        assert_non_null(f);
        assert_int_equal(fast_format_set_font_color(f, r + 1), FAST_OK);
        fast_cells_set_string(c, 0, "before", 6);
        fast_cells_set_integer(c, 1, r);
        fast_cells_set_format(c, 1, f);
        st = fast_workbook_write_row(wb, c, 2);
    }
    assert_int_equal(st, FAST_ERROR_FORMAT_LIMIT);
    assert_int_equal(r, FAST_MAX_FORMATS); /* the 65,490th row failed */
    expect_message_has(wb, "sheet 'S', row 65490, column B: ");
    expect_message_has(wb, "65490");
    assert_true(contains(&m, "<row r=\"65489\">"));
    assert_false(contains(&m, "<row r=\"65490\">")); /* not even its column A */
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_flush_interval(void **state)
{
    (void)state;
    /* With an interval of 10 rows, the destination has seen row 10 right after it
     * is written, long before the buffer is full. */
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_flush_interval(wb, 10), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    for (int r = 1; r <= 9; r++) {
        fast_cells_set_integer(c, 0, r);
        assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
    }
    assert_false(contains(&m, "<row r=\"9\">"));
    fast_cells_set_integer(c, 0, 10);
    assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
    assert_true(contains(&m, "<row r=\"10\"><c><v>10</v></c></row>"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);

    /* Without it, the default 256 KiB buffer holds them all. */
    m = (membuf){0};
    wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    c = fast_cells_new(1);
    for (int r = 1; r <= 10; r++) {
        fast_cells_set_integer(c, 0, r);
        assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
    }
    assert_false(contains(&m, "<row r=\"10\">"));
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

static void test_max_buffer_size(void **state)
{
    (void)state;
    /* The XML reaches the compressor (and, stored, the destination) whenever the
     * buffer fills: with 4 KiB, about every 4 KiB of rows. */
    membuf m = {0};
    fast_workbook *wb = fast_workbook_new_callback(mem_write, &m);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_max_buffer_size(wb, 4096), FAST_OK);
    assert_int_equal(add_sheet(wb, "S"), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    size_t sheet_start = m.len;
    for (int r = 1; r <= 5000; r++) {
        fast_cells_set_integer(c, 0, r);
        assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
        /* At most one buffer (plus the sink's 64 KiB) is held back. */
        size_t xml = (size_t)r * 30;
        if (xml > 4096 + 65536 + 1024)
            assert_true(m.len - sheet_start + 4096 + 65536 + 1024 >= xml);
    }
    fast_cells_free(c);
    fast_workbook_free(wb);
    free(m.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_row_limit),
        cmocka_unit_test(test_row_limit_continues),
        cmocka_unit_test(test_column_limit),
        cmocka_unit_test(test_string_length_in_characters),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nonfinite_numbers),
        cmocka_unit_test(test_row_rejected_whole),
        cmocka_unit_test(test_errors_are_sticky),
        cmocka_unit_test(test_rejected_row_not_sticky),
        cmocka_unit_test(test_each_rejection_keeps_workbook),
        cmocka_unit_test(test_call_order),
        cmocka_unit_test(test_write_after_close),
        cmocka_unit_test(test_null_handling),
        cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_default_sheet_names),
        cmocka_unit_test(test_one_byte_callback),
        cmocka_unit_test(test_failing_callback),
        cmocka_unit_test(test_failing_callback_threads),
        cmocka_unit_test(test_one_byte_callback_threads),
        cmocka_unit_test(test_callback_on_caller_thread),
        cmocka_unit_test(test_destination_untouched_on_failure),
        cmocka_unit_test(test_abandon_and_bytes_written),
        cmocka_unit_test(test_bytes_written_stops_at_refusal),
        cmocka_unit_test(test_long_message_cut_on_character),
        cmocka_unit_test(test_file_mode_follows_umask),
        cmocka_unit_test(test_unwritable_directory),
        cmocka_unit_test(test_descriptor_output),
        cmocka_unit_test(test_numbers_ignore_locale),
        cmocka_unit_test(test_cell_references),
        cmocka_unit_test(test_integers_exact),
        cmocka_unit_test(test_shared_strings_cap),
        cmocka_unit_test(test_shared_strings_give_up),
        cmocka_unit_test(test_format_limit_rejects_row),
        cmocka_unit_test(test_flush_interval),
        cmocka_unit_test(test_max_buffer_size),
    };
    return cmocka_run_group_tests_name(
#ifdef FAST_TEST_SHARED
        "api (shared library)",
#else
        "api (static library)",
#endif
        tests, setup_tmpdir, teardown_tmpdir);
}
