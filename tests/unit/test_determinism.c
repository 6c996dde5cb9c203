/*
 * test_determinism.c - the package bytes depend only on the input and the
 * settings, never on what a compressor did before:
 *  - each deflate backend (lib/deflate_zlib.c, lib/deflate_isal.c) gives the
 *    same bytes for a chunk from a fresh compressor and from one that has
 *    compressed other streams and chunks before (with and without a dictionary,
 *    fed in one piece or in many), and the bytes inflate to the chunk;
 *  - the same workbook written to a seekable descriptor (a file that already
 *    holds 3 bytes, so the package starts at offset 3, and <dimension> is
 *    patched in place) gives the same bytes again in the same process, after a
 *    different workbook, without threads and with 1, 2 and 4 workers (the
 *    threaded packages all alike); Python's zipfile and openpyxl read it back;
 *  - the same small workbook written thousands of times in one process to a
 *    memfd at offset 3, a mapping of 64 to 512 KiB kept after each run so that
 *    the compressor lands at another address every time, gives the same bytes
 *    every time (ISA-L 2.21 to at least 2.32.1 hashes a stream's third byte
 *    from the compressor's address when the stream starts without history:
 *    see tests/unit/isal-first-byte-report.md).
 */
#define _GNU_SOURCE /* memfd_create */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "deflate.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* ---- the backends ------------------------------------------------------------ */

static fast_status collect(void *ctx, const void *data, size_t len)
{
    tu_buf_append(ctx, data, len);
    return FAST_OK;
}

/* Worksheet-like text that repeats with variations, so that matches abound. */
static void fill_xml(unsigned char *p, size_t n, unsigned seed)
{
    size_t k = 0;
    uint32_t s = seed * 2654435761u + 1;
    while (k < n) {
        char t[96];
        s = s * 1103515245u + 12345u;
        int m = snprintf(t, sizeof t, "<row r=\"%u\"><c r=\"A%u\" t=\"s\"><v>%u</v></c><c r=\"B%u\"><v>%u.%u</v></c></row>",
                         s >> 20, s >> 22, (s >> 8) % 300, s >> 21, (s >> 4) % 1000, s % 97);
        for (int i = 0; i < m && k < n; i++)
            p[k++] = (unsigned char)t[i];
    }
}

/* One chunk: begin with @dict, feed @in in pieces of at most @piece bytes, end. */
static void chunk(const fx_deflate_backend *be, fx_deflater *d, const unsigned char *dict, size_t dict_len,
                  const unsigned char *in, size_t len, size_t piece, tu_buf *out)
{
    out->len = 0;
    assert_int_equal(be->chunk_begin(d, dict, dict_len), FAST_OK);
    for (size_t at = 0; at < len; at += piece) {
        size_t n = len - at < piece ? len - at : piece;
        assert_int_equal(be->chunk_feed(d, in + at, n, 0, collect, out), FAST_OK);
    }
    assert_int_equal(be->chunk_feed(d, NULL, 0, 1, collect, out), FAST_OK);
}

/* The chunk, followed by the end of the stream, inflates to @in after @dict. */
static void expect_inflates_to(const tu_buf *z, const unsigned char *dict, size_t dict_len,
                               const unsigned char *in, size_t len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(inflateInit2(&zs, -15), Z_OK);
    if (dict_len)
        assert_int_equal(inflateSetDictionary(&zs, dict, (uInt)dict_len), Z_OK);
    unsigned char *got = malloc(len + 1);
    assert_non_null(got);
    tu_buf all = {0};
    tu_buf_append(&all, z->data, z->len);
    tu_buf_append(&all, FX_DEFLATE_END, FX_DEFLATE_END_LEN);
    zs.next_in = all.data;
    zs.avail_in = (uInt)all.len;
    zs.next_out = got;
    zs.avail_out = (uInt)len + 1;
    assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
    assert_int_equal(zs.total_out, len);
    assert_memory_equal(got, in, len);
    inflateEnd(&zs);
    tu_buf_free(&all);
    free(got);
}

typedef struct shape {
    size_t len;      /* of the chunk */
    size_t dict_len; /* 0: the first chunk of a stream */
    size_t piece;    /* feeding unit */
} shape;

static const shape shapes[] = {
    {40, 0, 40},
    {200, 0, 7},
    {300, 5000, 300},
    {700, FX_DEFLATE_DICT, 64},
    {4000, 100, 4000},
    {20000, 0, 4096},
    {70000, FX_DEFLATE_DICT, 4096},
    {70000, 1, 65536},
    {150000, FX_DEFLATE_DICT - 1, 150000},
    {262144, FX_DEFLATE_DICT, 65536},
    {300001, 0, 1024},
};

/* A compressor that has written streams and chunks of other text before gives
 * the bytes of a fresh one, whatever that history was. */
static void same_bytes_after_history(const fx_deflate_backend *be, int level)
{
    unsigned char *dict = malloc(FX_DEFLATE_DICT), *in = malloc(300001), *other = malloc(300001);
    assert_true(dict && in && other);
    tu_buf fresh_out = {0}, used_out = {0}, scratch = {0};
    fx_deflater *used = be->create(level);
    assert_non_null(used);
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const shape *sh = &shapes[i];
        fill_xml(dict, sh->dict_len, (unsigned)i + 100);
        fill_xml(in, sh->len, (unsigned)i);
        fx_deflater *fresh = be->create(level);
        assert_non_null(fresh);
        chunk(be, fresh, dict, sh->dict_len, in, sh->len, sh->piece, &fresh_out);
        be->destroy(fresh);
        expect_inflates_to(&fresh_out, dict, sh->dict_len, in, sh->len);

        /* History: a whole stream of other text, then chunks of it with and
         * without a dictionary, longer and shorter than this one. */
        fill_xml(other, 300001, (unsigned)i + 7);
        assert_int_equal(be->reset(used), FAST_OK);
        chunk(be, used, NULL, 0, other, 300001, 65536, &scratch);
        chunk(be, used, other, FX_DEFLATE_DICT, other + 1000, 1 + i * 9001, 333, &scratch);
        chunk(be, used, dict, sh->dict_len, other + 50, 100 + i, 100 + i, &scratch);
        assert_int_equal(be->reset(used), FAST_OK);
        chunk(be, used, dict, sh->dict_len, in, sh->len, sh->piece, &used_out);
        if (used_out.len != fresh_out.len || memcmp(used_out.data, fresh_out.data, fresh_out.len) != 0) {
            size_t at = 0;
            while (at < used_out.len && at < fresh_out.len && used_out.data[at] == fresh_out.data[at])
                at++;
            fail_msg("%s level %d, chunk of %zu bytes, dictionary %zu, pieces of %zu: %zu bytes after other "
                     "work, %zu from a fresh compressor, first difference at byte %zu",
                     be->name, level, sh->len, sh->dict_len, sh->piece, used_out.len, fresh_out.len, at);
        }
        /* And again right after compressing this very chunk. */
        chunk(be, used, dict, sh->dict_len, in, sh->len, sh->piece, &used_out);
        assert_int_equal(used_out.len, fresh_out.len);
        assert_memory_equal(used_out.data, fresh_out.data, fresh_out.len);
    }
    be->destroy(used);
    tu_buf_free(&fresh_out);
    tu_buf_free(&used_out);
    tu_buf_free(&scratch);
    free(dict);
    free(in);
    free(other);
}

static void test_zlib_history(void **state)
{
    (void)state;
    static const int levels[] = {1, 6, 9};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        same_bytes_after_history(&fx_deflate_zlib, levels[i]);
}

static void test_isal_history(void **state)
{
    (void)state;
#ifdef FX_HAVE_ISAL
    static const int levels[] = {1, 3, 6}; /* ISA-L levels 1, 2 and 3 */
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        same_bytes_after_history(&fx_deflate_isal, levels[i]);
#else
    skip();
#endif
}

/* ---- whole packages on a seekable descriptor --------------------------------- */

typedef struct book {
    unsigned threads;
    unsigned rows;
    uint32_t rows_per_sheet; /* 0: one sheet */
    size_t buffer;           /* 0: the default */
    unsigned seed;
} book;

/* Write @b to a new file under /tmp that already holds "PRE" (so the package
 * starts at offset 3) and return the package's bytes in @out; keep the file as
 * @keep_path when given. */
static void write_to_descriptor(const book *b, tu_buf *out, char *keep_path)
{
    char path[] = "/tmp/fastxlsx-determinism-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "PRE", 3), 3);
    fast_workbook *wb = fast_workbook_new_fd(fd);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_set_threads(wb, b->threads), FAST_OK);
    if (b->buffer)
        assert_int_equal(fast_workbook_set_max_buffer_size(wb, b->buffer), FAST_OK);
    if (b->rows_per_sheet) {
        assert_int_equal(fast_workbook_set_rows_per_sheet(wb, b->rows_per_sheet), FAST_OK);
        assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    }
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_cells *c = fast_cells_new(4);
    assert_non_null(c);
    char head[32], name[32]; /* the cells point at these until the row is written */
    for (unsigned r = 0; r < b->rows; r++) {
        int n = snprintf(head, sizeof head, "head %u", (r * 7 + b->seed) % 13);
        assert_int_equal(fast_cells_set_string(c, 0, head, (size_t)n), FAST_OK);
        assert_int_equal(fast_cells_set_integer(c, 1, (int64_t)((r * 31 + b->seed) % 1000)), FAST_OK);
        n = snprintf(name, sizeof name, "customer_%u", (r + b->seed) % 97);
        assert_int_equal(fast_cells_set_string(c, 2, name, (size_t)n), FAST_OK);
        assert_int_equal(fast_cells_set_number(c, 3, (r % 100) * 0.25), FAST_OK);
        tu_write_row(wb, c, 4);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    assert_true(st.st_size > 3);
    size_t len = (size_t)st.st_size - 3;
    memset(out, 0, sizeof *out);
    tu_buf_append(out, "", 0);
    unsigned char *data = malloc(len);
    assert_non_null(data);
    assert_int_equal(pread(fd, data, len, 3), (ssize_t)len);
    tu_buf_append(out, data, len);
    free(data);
    close(fd);
    if (keep_path)
        strcpy(keep_path, path);
    else
        unlink(path);
}

static void same_package_again(book b)
{
    static const unsigned threads[] = {0, 2, 3, 5}; /* 0, 1, 2 and 4 workers */
    /* Without threads, and with any number of them (the two differ in their deflate chunks). */
    tu_buf first_single, first_threaded, again, other;
    b.threads = 0;
    write_to_descriptor(&b, &first_single, NULL);
    b.threads = 2;
    write_to_descriptor(&b, &first_threaded, NULL);
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        const tu_buf *firstp = threads[i] >= 2 ? &first_threaded : &first_single;
        /* A different workbook first, so that the heap and any state left behind differ. */
        book o = b;
        o.threads = threads[(i + 1) % 4];
        o.rows = b.rows / 2 + 3;
        o.seed = b.seed + 11;
        write_to_descriptor(&o, &other, NULL);
        tu_buf_free(&other);
        b.threads = threads[i];
        write_to_descriptor(&b, &again, NULL);
        if (again.len != firstp->len || memcmp(again.data, firstp->data, firstp->len) != 0) {
            size_t at = 0;
            while (at < again.len && at < firstp->len && again.data[at] == firstp->data[at])
                at++;
            fail_msg("%u rows, %u per sheet, buffer %zu: with %u threads after another workbook %zu bytes, "
                     "the first time %zu, first difference at byte %zu",
                     b.rows, b.rows_per_sheet, b.buffer, b.threads, again.len, firstp->len, at);
        }
        tu_buf_free(&again);
    }
    tu_buf_free(&first_single);
    tu_buf_free(&first_threaded);
}

static void test_descriptor_small_sheets(void **state)
{
    (void)state;
    /* Many continuation sheets of a few rows: each one a chunk shorter than ISA-L's look-ahead. */
    same_package_again((book){0, 60, 5, 0, 1});
    same_package_again((book){0, 60, 5, 4096, 2});
}

static void test_descriptor_many_chunks(void **state)
{
    (void)state;
    same_package_again((book){0, 30000, 0, 0, 3});
    same_package_again((book){0, 30000, 7000, 4096, 4});
}

/* ---- the same package wherever the compressor is -------------------------------- */

/* One sheet with a row of two strings (the first sheet's part starts with
 * <sheetViews>), one with a column width (it starts with <cols>), and strings
 * with "xml " in sharedStrings.xml: three parts whose stream's bytes 2..5 come
 * back later in the part, so that each one is compressed differently when the
 * position of those bytes is hashed into a wrong bucket. Written to @fd from
 * offset 3 on; the package's bytes are returned in @out. */
static void write_small_package(int fd, tu_buf *out)
{
    assert_int_equal(ftruncate(fd, 0), 0);
    assert_int_equal(pwrite(fd, "PRE", 3, 0), 3);
    assert_int_equal(lseek(fd, 3, SEEK_SET), 3);
    fast_workbook *wb = fast_workbook_new_fd(fd);
    assert_non_null(wb);
    static const char *const values[2] = {"xml text", "more xml here"};
    static const size_t lens[2] = {8, 13};
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, values, lens, 2), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Widths", 6), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 1, 20), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, values, lens, 2), FAST_OK);
    tu_close_ok(wb);
    off_t end = lseek(fd, 0, SEEK_END);
    assert_true(end > 3);
    out->len = 0;
    tu_buf_append(out, "", 0);
    if (out->cap < (size_t)end) {
        out->data = realloc(out->data, (size_t)end);
        assert_non_null(out->data);
        out->cap = (size_t)end;
    }
    assert_int_equal(pread(fd, out->data, (size_t)end - 3, 3), end - 3);
    out->len = (size_t)end - 3;
}

/* How many runs: FX_DETERMINISM_RUNS when set (valgrind-test.sh keeps it
 * small), else enough that the ISA-L fault of a stream started without history
 * showed in every run of this test (5 to 10 runs in 10,000 differed). */
static unsigned address_runs(void)
{
    const char *e = getenv("FX_DETERMINISM_RUNS");
    return e && *e ? (unsigned)strtoul(e, NULL, 10) : 16000;
}

static void test_same_package_at_other_addresses(void **state)
{
    (void)state;
    int fd = memfd_create("fastxlsx-determinism", 0);
    assert_true(fd >= 0);
    /* Blocks this large are mapped on their own, each where the last mapping left
     * room (glibc's allocator; a sanitizer's has its own placement and says no). */
    (void)mallopt(M_MMAP_THRESHOLD, 65536);
    unsigned runs = address_runs(), differ = 0, first_diff = 0, seed = 1;
    void **kept = calloc(runs ? runs : 1, sizeof *kept);
    size_t *kept_len = calloc(runs ? runs : 1, sizeof *kept_len);
    assert_true(kept && kept_len);
    tu_buf first = {0}, again = {0};
    write_small_package(fd, &first);
    for (unsigned i = 0; i < runs; i++) {
        /* A mapping kept where the last run's compressor was, so that this
         * one's is elsewhere: the fault hashes the address's bits 16 and up,
         * and steps of 64 KiB alone reach only half of the hash buckets from
         * some starts. PROT_NONE: no memory is committed. */
        seed = seed * 1103515245u + 12345u;
        kept_len[i] = 65536 * (1 + (seed >> 16) % 8);
        kept[i] = mmap(NULL, kept_len[i], PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assert_true(kept[i] != MAP_FAILED);
        write_small_package(fd, &again);
        if (again.len != first.len || memcmp(again.data, first.data, first.len) != 0) {
            if (!differ++)
                first_diff = i + 1;
        }
    }
    for (unsigned i = 0; i < runs; i++)
        munmap(kept[i], kept_len[i]);
    free(kept);
    free(kept_len);
    tu_buf_free(&first);
    tu_buf_free(&again);
    close(fd);
    if (differ)
        fail_msg("the same workbook written %u more times: %u packages differ from the first one's bytes "
                 "(the first at run %u)", runs, differ, first_diff);
}

/* An independent reader: zipfile checks every CRC, openpyxl reads the rows of every sheet. */
static void test_read_back_by_python(void **state)
{
    (void)state;
    if (access("/usr/bin/python3", X_OK) != 0)
        skip();
    book b = {3, 60, 5, 0, 1};
    tu_buf pkg;
    char kept[64];
    write_to_descriptor(&b, &pkg, kept);
    tu_buf_free(&pkg);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c \"import io, sys, zipfile\n"
             "data = open(sys.argv[1], 'rb').read()\n"
             "assert data[:3] == b'PRE'\n"
             "z = zipfile.ZipFile(io.BytesIO(data[3:])); assert z.testzip() is None\n"
             "try:\n import openpyxl\nexcept ImportError:\n sys.exit(0)\n"
             "wb = openpyxl.load_workbook(io.BytesIO(data[3:]), read_only=True)\n"
             "rows = [r for ws in wb.worksheets for r in ws.iter_rows(min_row=2, values_only=True)]\n"
             "assert len(rows) == 59, len(rows)\n"
             "assert rows[-1] == ('head %%d' %% ((59 * 7 + 1) %% 13), (59 * 31 + 1) %% 1000, 'customer_%%d' %% ((59 + 1) %% 97), "
             "(59 %% 100) * 0.25), rows[-1]\" %s",
             kept);
    int rc = system(cmd);
    unlink(kept);
    assert_int_equal(rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zlib_history),
        cmocka_unit_test(test_isal_history),
        cmocka_unit_test(test_descriptor_small_sheets),
        cmocka_unit_test(test_descriptor_many_chunks),
        cmocka_unit_test(test_same_package_at_other_addresses),
        cmocka_unit_test(test_read_back_by_python),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
