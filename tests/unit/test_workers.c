/*
 * test_workers.c - workers (lib/pipeline.c): the package is the same, byte for
 * byte, for 1, 2, 4 and 8 workers (fast_workbook_set_threads() 2, 3, 5, 9: the
 * workers and the caller's thread render row batches and compress), and its
 * parts hold the same XML as the single-threaded package, on rows like the
 * benchmark's W1 (mixed) and W2 (unique strings), at
 * levels 0, 1 and 6, with the default buffer and with a small one (many small
 * pieces per chunk) and a flush interval (chunks ended early); the write callback
 * runs only on the caller's thread; the parts inflate to the same XML as a
 * stored package, and Python's zipfile and openpyxl read a threaded package back.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "workbook.h"

#include "testutil.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ROWS 20000

typedef struct sink {
    tu_buf mem;
    pthread_t caller;
    int foreign; /* calls from another thread */
} sink;

static int sink_write(const void *buf, size_t len, void *user)
{
    sink *s = user;
    if (!pthread_equal(pthread_self(), s->caller))
        s->foreign++;
    tu_buf_append(&s->mem, buf, len);
    return (int)len;
}

typedef struct config {
    int strings;     /* W2 rather than W1 */
    int level;
    size_t buffer;   /* 0: the default */
    size_t flush;    /* rows, 0: none */
} config;

static const char *status_of(int64_t k)
{
    static const char *const status[8] = {"open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"};
    return status[k % 8];
}

/* @self: -1 as the library decides; 0 or 1: the caller's thread never or
 * always renders row batches itself (lib/pipeline.c begin_rows). */
static void write_book_as(const config *cf, unsigned threads, int self, sink *s)
{
    memset(s, 0, sizeof *s);
    s->caller = pthread_self();
    fast_workbook *wb = fast_workbook_new_callback(sink_write, s);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_set_threads(wb, threads), FAST_OK);
    assert_int_equal(fast_workbook_set_compression_level(wb, cf->level), FAST_OK);
    if (cf->buffer)
        assert_int_equal(fast_workbook_set_max_buffer_size(wb, cf->buffer), FAST_OK);
    if (cf->flush)
        assert_int_equal(fast_workbook_set_flush_interval(wb, cf->flush), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    if (self >= 0 && threads >= 2)
        wb->pipe.self_render = self;
    fast_cells *c = fast_cells_new(19);
    assert_non_null(c);
    char text[19][48];
    for (int64_t r = 1; r <= ROWS; r++) {
        for (int k = 0; k < 19; k++) {
            int n;
            if (cf->strings) {
                n = snprintf(text[k], sizeof text[k], "%lld.%d", (long long)(r * 7 + k), k);
                assert_int_equal(fast_cells_set_string(c, (size_t)k, text[k], (size_t)n), FAST_OK);
            } else if (k == 0 || (k >= 5 && k <= 8) || k == 18) {
                assert_int_equal(fast_cells_set_integer(c, (size_t)k, (r * 31 + k) % 1000000), FAST_OK);
            } else if (k <= 4) {
                assert_int_equal(fast_cells_set_number(c, (size_t)k, (double)(r % 100000) * 0.01 + k), FAST_OK);
            } else if (k <= 12) {
                const char *w = status_of(r + k);
                assert_int_equal(fast_cells_set_string(c, (size_t)k, w, strlen(w)), FAST_OK);
            } else if (k <= 15) {
                n = snprintf(text[k], sizeof text[k], "customer_%lld_%d", (long long)r, k);
                assert_int_equal(fast_cells_set_string(c, (size_t)k, text[k], (size_t)n), FAST_OK);
            } else if (k == 16) {
                assert_int_equal(fast_cells_set_boolean(c, (size_t)k, (int)(r & 1)), FAST_OK);
            } else {
                n = snprintf(text[k], sizeof text[k], "note <%lld> & \"q\"", (long long)(r % 1000));
                assert_int_equal(fast_cells_set_string(c, (size_t)k, text[k], (size_t)n), FAST_OK);
            }
        }
        tu_write_row(wb, c, 19);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    assert_int_equal(s->foreign, 0);
}

static void write_book(const config *cf, unsigned threads, sink *s)
{
    write_book_as(cf, threads, -1, s);
}

/* Every part of @pkg inflates (CRC checked by the reader) to the same bytes as in @stored. */
static void expect_same_parts(const tu_buf *pkg, const tu_buf *stored)
{
    tu_zip a, b;
    assert_int_equal(tu_zip_parse(&a, pkg->data, pkg->len), 0);
    assert_int_equal(tu_zip_parse(&b, stored->data, stored->len), 0);
    assert_int_equal(a.nentries, b.nentries);
    for (uint64_t i = 0; i < a.nentries; i++) {
        tu_buf x = {0}, y = {0};
        if (tu_zip_extract(&a, (size_t)i, &x) != 0)
            fail_msg("entry %llu: %s", (unsigned long long)i, a.error);
        assert_int_equal(tu_zip_extract(&b, (size_t)i, &y), 0);
        assert_int_equal(x.len, y.len);
        assert_memory_equal(x.data, y.data, x.len);
        tu_buf_free(&x);
        tu_buf_free(&y);
    }
    tu_zip_free(&a);
    tu_zip_free(&b);
}

static void same_for_all_worker_counts(const config *cf)
{
    static const unsigned threads[] = {2, 3, 5, 9}; /* 1, 2, 4 and 8 workers */
    sink base, s;
    write_book(cf, threads[0], &base);
    for (size_t i = 1; i < sizeof threads / sizeof threads[0]; i++) {
        write_book(cf, threads[i], &s);
        if (s.mem.len != base.mem.len || memcmp(s.mem.data, base.mem.data, base.mem.len) != 0)
            fail_msg("%s, level %d, buffer %zu, flush %zu: %u threads wrote %zu bytes, not the %zu of 2 threads",
                     cf->strings ? "W2" : "W1", cf->level, cf->buffer, cf->flush, threads[i], s.mem.len,
                     base.mem.len);
        tu_buf_free(&s.mem);
    }
    /* Whether the caller's thread or the workers render the rows changes nothing. */
    for (int self = 0; self <= 1; self++) {
        write_book_as(cf, 3, self, &s);
        if (s.mem.len != base.mem.len || memcmp(s.mem.data, base.mem.data, base.mem.len) != 0)
            fail_msg("%s, level %d, buffer %zu, flush %zu: rows rendered %s wrote %zu bytes, not %zu",
                     cf->strings ? "W2" : "W1", cf->level, cf->buffer, cf->flush,
                     self ? "by the caller's thread" : "by the workers", s.mem.len, base.mem.len);
        tu_buf_free(&s.mem);
    }
    /* The same XML as the caller's thread renders alone, and as a stored package. */
    sink single;
    write_book(cf, 0, &single);
    expect_same_parts(&base.mem, &single.mem);
    tu_buf_free(&single.mem);
    config st = *cf;
    st.level = 0;
    sink stored;
    write_book(&st, 0, &stored);
    expect_same_parts(&base.mem, &stored.mem);
    tu_buf_free(&stored.mem);
    tu_buf_free(&base.mem);
}

static void test_w1_levels(void **state)
{
    (void)state;
    for (int level = 0; level <= 6; level += level ? 5 : 1) {
        config cf = {0, level, 0, 0};
        same_for_all_worker_counts(&cf);
    }
}

static void test_w2_levels(void **state)
{
    (void)state;
    for (int level = 0; level <= 6; level += level ? 5 : 1) {
        config cf = {1, level, 0, 0};
        same_for_all_worker_counts(&cf);
    }
}

static void test_small_buffer_and_flushes(void **state)
{
    (void)state;
    config small = {0, 1, 4096, 0};
    same_for_all_worker_counts(&small);
    config flushed = {1, 1, 0, 777};
    same_for_all_worker_counts(&flushed);
}

/* An independent reader: Python's zipfile checks every CRC and inflates, openpyxl reads the rows. */
static void test_read_back_by_python(void **state)
{
    (void)state;
    if (access("/usr/bin/python3", X_OK) != 0)
        skip();
    config cf = {0, 1, 0, 0};
    sink s;
    write_book(&cf, 5, &s);
    char dir[] = "/tmp/fastxlsx-workers-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/book.xlsx", dir); /* openpyxl goes by the extension */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, s.mem.data, s.mem.len), (ssize_t)s.mem.len);
    close(fd);
    tu_buf_free(&s.mem);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c \"import sys, zipfile\n"
             "z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None\n"
             "try:\n import openpyxl\nexcept ImportError:\n sys.exit(0)\n"
             "ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active\n"
             "rows = list(ws.iter_rows(values_only=True))\n"
             "assert len(rows) == %d, len(rows)\n"
             "assert rows[-1][0] == (%d * 31) %% 1000000 and rows[-1][9] == '%s', rows[-1]\" %s",
             ROWS, ROWS, status_of(ROWS + 9), path);
    int rc = system(cmd);
    unlink(path);
    rmdir(dir);
    assert_int_equal(rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_w1_levels),
        cmocka_unit_test(test_w2_levels),
        cmocka_unit_test(test_small_buffer_and_flushes),
        cmocka_unit_test(test_read_back_by_python),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
