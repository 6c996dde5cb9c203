/*
 * write_types - writes workbooks with every cell type and every text rule, each
 * with an expectation file, for the independent readers in run.sh.
 *
 *   write_types OUTDIR
 *
 * Variants (OUTDIR/NAME.xlsx + OUTDIR/NAME.json):
 *   file       fast_workbook_new, default settings (seekable: exact <dimension>)
 *   stored     fast_workbook_new, compression level 0
 *   best       fast_workbook_new, level 9, 4 KiB buffer, flush every row
 *   inline     shared strings table off: every string inline
 *   capped     shared strings table of 3 strings / 64 bytes: mixed
 *   callback   fast_workbook_new_callback (not seekable: no <dimension>)
 *   pipe       fast_workbook_new_fd on a pipe drained by a child process
 *   threads    as "file", with 2 threads (rows rendered and compressed by a worker
 *              and the caller's thread): the same XML in every part as "file"
 *   threads4   as "threads" with 4 threads: byte-identical to "threads"
 *   threads-cb as "callback", 2 threads, 4 KiB buffer, flush every 7 rows
 */
#include "expect.h"

#include <fcntl.h>
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct variant {
    const char *name;
    int level;          /* -1: default */
    size_t buffer;      /* 0: default */
    size_t flush;
    long sst_strings;   /* -1: default */
    size_t sst_bytes;
    int output;         /* 0 file, 1 callback, 2 pipe */
    unsigned threads;
} variant;

/* The texts that exercise escaping, white space and Unicode. */
static const struct {
    const char *s;
    size_t n;
} texts[] = {
    {"plain", 0},
    {"", 0},
    {"a & b < c > d \"e\" 'f'", 0},
    {" leading space", 0},
    {"trailing tab\t", 0},
    {"\nnewline first", 0},
    {"cr\rinside", 0},
    {"crlf\r\nline", 0},
    {"bell\x07 and nul \x00 and esc \x1b", 25},
    {"_x0041_ literal escape", 0},
    {"_x005F_ already protected", 0},
    {"_x00zz_ not an escape, _x12_ neither", 0},
    {"_x0041\r\n then CR LF", 0},
    {"_x0041\x01 then a control", 0},
    {"_x0041\xEF\xBF\xBF then U+FFFF", 0},
    {"_x0041 alone, _x0041a", 0},
    {"tab\tand\nLF kept", 0},
    {"Grüße, 日本語, Ελληνικά, emoji \xF0\x9F\x98\x80", 0}, /* length set at run time */
    {"\xEF\xBF\xBE and \xEF\xBF\xBF noncharacters", 0},
    {"=1+2 is text, not a formula", 0},
    {"x", 0},
};

static size_t text_len(size_t i)
{
    return texts[i].n ? texts[i].n : strlen(texts[i].s); /* n is set where the text holds a NUL */
}

static int file_write(const void *buf, size_t len, void *user)
{
    FILE *f = user;
    /* Take at most 1000 bytes a call: the library must loop over short writes. */
    size_t n = len > 1000 ? 1000 : len;
    return fwrite(buf, 1, n, f) == n ? (int)n : -1;
}

static void write_content(fast_workbook *wb, expect *e, int seekable)
{
    fast_cells *c = fast_cells_new(8);
    if (!c)
        exit(2);

    /* Sheet 1: types. */
    check_ok(wb, fast_workbook_add_worksheet(wb, "Types", 5), "add Types");
    ex_sheet(e, "Types", seekable ? "A1:H7" : NULL);
    static const char *const head[] = {"text", "number", "integer", "boolean", "blank", "after blank", NULL, "H"};
    check_ok(wb, fast_workbook_write_row_strings(wb, head, NULL, 8), "header");
    ex_row(e);
    for (int i = 0; i < 8; i++)
        head[i] ? ex_string(e, head[i], strlen(head[i])) : ex_blank(e);

    static const double numbers[] = {0.0, -0.0, 1.5, -2.25, 0.1, 1e-7, 123456789.123456789,
                                     1.7976931348623157e308, 5e-324, 2.2250738585072014e-308,
                                     9007199254740993.0, 1e21, -1e-300, 0.30000000000000004,
                                     100, 45000.5};
    static const int64_t ints[] = {0, 1, -1, 9007199254740992LL, 9007199254740993LL,
                                   INT64_MAX, INT64_MIN, 1000000};
    for (int r = 0; r < 6; r++) {
        fast_cells_clear(c);
        ex_row(e);
        const char *t = texts[(size_t)r % 17].s;
        size_t tn = text_len((size_t)r % 17);
        fast_cells_set_string(c, 0, t, tn);
        ex_string(e, t, tn);
        double d = numbers[r];
        fast_cells_set_number(c, 1, d);
        ex_number(e, d == 0 ? 0.0 : d);
        fast_cells_set_integer(c, 2, ints[r]);
        ex_integer(e, ints[r]);
        fast_cells_set_boolean(c, 3, r % 2);
        ex_boolean(e, r % 2);
        ex_blank(e); /* column E stays blank */
        fast_cells_set_number(c, 5, numbers[r + 6]);
        ex_number(e, numbers[r + 6]);
        if (r == 5) { /* the last row reaches column H */
            fast_cells_set_integer(c, 7, ints[7]);
            ex_blank(e);
            ex_integer(e, ints[7]);
            check_ok(wb, fast_workbook_write_row(wb, c, 8), "row");
        } else {
            check_ok(wb, fast_workbook_write_row(wb, c, 6), "row");
        }
    }

    /* Sheet 2: every text, one per row, in column B from row 2 (used range B2:C<1 + texts>). */
    const char *name2 = "Text & <Escapes> \"quoted\"";
    check_ok(wb, fast_workbook_add_worksheet(wb, name2, strlen(name2)), "add text sheet");
    char range2[32];
    snprintf(range2, sizeof range2, "B2:C%zu", 1 + sizeof texts / sizeof texts[0]);
    ex_sheet(e, name2, seekable ? range2 : NULL);
    check_ok(wb, fast_workbook_write_row(wb, c, 0), "empty row");
    ex_row(e);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fast_cells_clear(c);
        fast_cells_set_string(c, 1, texts[i].s, text_len(i));
        fast_cells_set_string(c, 2, texts[i].s, text_len(i)); /* repeated: shared when possible */
        check_ok(wb, fast_workbook_write_row(wb, c, 3), "text row");
        ex_row(e);
        ex_blank(e);
        ex_string(e, texts[i].s, text_len(i));
        ex_string(e, texts[i].s, text_len(i));
    }

    /* Sheet 3: empty. Sheet 4: one cell at C3. */
    check_ok(wb, fast_workbook_add_worksheet(wb, "Empty", 5), "add Empty");
    ex_sheet(e, "Empty", seekable ? "A1" : NULL);
    check_ok(wb, fast_workbook_add_worksheet(wb, "Ünïcödé ☃", strlen("Ünïcödé ☃")), "add unicode");
    ex_sheet(e, "Ünïcödé ☃", seekable ? "C3" : NULL);
    check_ok(wb, fast_workbook_write_row(wb, c, 0), "row 1");
    check_ok(wb, fast_workbook_write_row(wb, c, 0), "row 2");
    ex_row(e);
    ex_row(e);
    fast_cells_clear(c);
    fast_cells_set_boolean(c, 2, 1);
    check_ok(wb, fast_workbook_write_row(wb, c, 3), "C3");
    ex_row(e);
    ex_blank(e);
    ex_blank(e);
    ex_boolean(e, 1);

    /* Sheet 5: 3000 rows of mixed values, enough to cross buffer flushes. */
    check_ok(wb, fast_workbook_add_worksheet(wb, NULL, 0), "add default-named");
    ex_sheet(e, "Sheet5", seekable ? "A1:D3000" : NULL);
    for (int r = 1; r <= 3000; r++) {
        char s[64];
        int n = snprintf(s, sizeof s, "row %d of %s", r, r % 3 ? "many" : "few");
        fast_cells_clear(c);
        fast_cells_set_integer(c, 0, r);
        fast_cells_set_string(c, 1, s, (size_t)n);
        fast_cells_set_number(c, 2, r / 7.0);
        fast_cells_set_boolean(c, 3, r % 5 == 0);
        check_ok(wb, fast_workbook_write_row(wb, c, 4), "mixed row");
        ex_row(e);
        ex_integer(e, r);
        ex_string(e, s, (size_t)n);
        ex_number(e, r / 7.0);
        ex_boolean(e, r % 5 == 0);
    }
    fast_cells_free(c);
}

static void run_variant(const char *dir, const variant *v)
{
    char xlsx[512], json[512];
    snprintf(xlsx, sizeof xlsx, "%s/%s.xlsx", dir, v->name);
    snprintf(json, sizeof json, "%s/%s.json", dir, v->name);
    FILE *cbfile = NULL;
    pid_t child = -1;
    int pfd[2] = {-1, -1};
    fast_workbook *wb;
    if (v->output == 1) {
        cbfile = fopen(xlsx, "wb");
        if (!cbfile)
            exit(2);
        wb = fast_workbook_new_callback(file_write, cbfile);
    } else if (v->output == 2) {
        if (pipe(pfd))
            exit(2);
        child = fork();
        if (child == 0) { /* drain the pipe into the file */
            close(pfd[1]);
            FILE *out = fopen(xlsx, "wb");
            char buf[4096];
            ssize_t n;
            while ((n = read(pfd[0], buf, sizeof buf)) > 0)
                fwrite(buf, 1, (size_t)n, out);
            _exit(fclose(out) == 0 ? 0 : 1);
        }
        close(pfd[0]);
        wb = fast_workbook_new_fd(pfd[1]);
    } else {
        wb = fast_workbook_new(xlsx);
    }
    if (!wb) {
        perror(xlsx);
        exit(2);
    }
    if (v->level >= 0)
        check_ok(wb, fast_workbook_set_compression_level(wb, v->level), "level");
    if (v->buffer)
        check_ok(wb, fast_workbook_set_max_buffer_size(wb, v->buffer), "buffer");
    if (v->flush)
        check_ok(wb, fast_workbook_set_flush_interval(wb, v->flush), "flush");
    if (v->threads)
        check_ok(wb, fast_workbook_set_threads(wb, v->threads), "threads");
    if (v->sst_strings >= 0)
        check_ok(wb, fast_workbook_set_shared_strings_limit(wb, (size_t)v->sst_strings, v->sst_bytes), "sst");
    expect e;
    ex_open(&e, json);
    write_content(wb, &e, v->output == 0);
    ex_close(&e);
    check_ok(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    if (cbfile && fclose(cbfile) != 0)
        exit(2);
    if (child > 0) {
        int status;
        close(pfd[1]);
        if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            exit(2);
    }
    printf("%s\n", v->name);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: write_types OUTDIR\n");
        return 2;
    }
    static const variant variants[] = {
        {"file", -1, 0, 0, -1, 0, 0, 0},
        {"stored", 0, 0, 0, -1, 0, 0, 0},
        {"best", 9, 4096, 1, -1, 0, 0, 0},
        {"inline", -1, 0, 0, 0, 0, 0, 0},
        {"capped", 1, 0, 0, 3, 64, 0, 0},
        {"callback", -1, 0, 0, -1, 0, 1, 0},
        {"pipe", 6, 0, 100, -1, 0, 2, 0},
        {"threads", -1, 0, 0, -1, 0, 0, 2},
        {"threads4", -1, 0, 0, -1, 0, 0, 4},
        {"threads-cb", -1, 4096, 7, -1, 0, 1, 2},
    };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
        run_variant(argv[1], &variants[i]);
    return 0;
}
