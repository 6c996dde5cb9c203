/*
 * bench_write - write a synthetic workbook with fastxlsx or libxlsxwriter and
 * print one machine-parsable line of key=value pairs.
 *
 *   bench_write --workload mixed|strings --rows N [--threads N] [--level N]
 *               [--engine fastxlsx|libxlsxwriter|none] [--buffer BYTES] [--flush ROWS]
 *               [--sst STRINGS[,BYTES]] [--fd] [--table] -o FILE
 *
 * --engine none generates every row and writes nothing (FILE is not created): the
 * generator's own share of the times. --fd, --table: see usage().
 *
 * Workloads (r = 1..N is the data row, c = 0..18 the column):
 *   mixed (W1): a header row "col_0" .. "col_18", then per row
 *     A = r; B..E = (r mod 100000) * 0.01 + c; F..I = (r * 31 + c) mod 1000000;
 *     J..M = one of 8 status words [(r + c) mod 8]; N..P = "customer_{r}_{c}";
 *     Q = boolean, true when r is odd; R = `note <{r mod 1000}> & "q"`;
 *     S = 45000 + (r mod 3650).
 *   strings (W2): cell c of row r is the text "{r*7+c}.{c}".
 * Rows beyond 1,048,576 (the header counts) continue on new sheets.
 *
 * Both engines get exactly the same values from the same generator; the time
 * measured (wall clock, CLOCK_MONOTONIC) runs from before the workbook is
 * created to after it is closed and freed, so it includes generating the values
 * (cheap: no printf, decimal counters) and, for fastxlsx, its fsync + rename of
 * the output.
 *
 * Output keys: engine version mode output (path_atomic: fast_workbook_new, with
 * fsync and rename; fd: fast_workbook_new_fd; path: libxlsxwriter) workload rows
 * sheets backend level threads buffer flush sst seconds (wall) user_s sys_s (CPU
 * time of the whole process, all threads, getrusage) rows_per_s mb_per_s (10^6
 * bytes of output per second) bytes peak_rss_kib (getrusage ru_maxrss of the
 * whole process, KiB), caller_cpu_s (CPU time of the thread that called the
 * library, CLOCK_THREAD_CPUTIME_ID: generating values, checking and rendering
 * rows, and handing output to the file) and workers_cpu_s (the rest of the
 * process's CPU time: the library's compression thread, 0 without it).
 * Options that do not apply to an engine are printed as n/a.
 */
#include <fastxlsx.h>
#include <xlsxwriter.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NCOLS 19
#define SHEET_ROWS 1048576L

enum cell_type { CELL_NUMBER, CELL_INTEGER, CELL_STRING, CELL_BOOLEAN };

typedef struct cell {
    enum cell_type type;
    double num;
    int64_t i;
    const char *s;
    size_t len;
} cell;

/* A non-negative decimal number as text, kept up to date by adding small steps
 * (the generator's counters advance by 1 or 7 per row), so a row needs no
 * division loops. The digits are d[0 .. len - 1]; d is long enough to be copied
 * with a fixed-size memcpy. */
typedef struct dec {
    char d[32];
    int len;
} dec;

static void dec_set(dec *x, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int k = 0; k < n; k++)
        x->d[k] = tmp[n - 1 - k];
    x->len = n;
}

static void dec_add(dec *x, unsigned k)
{
    for (int i = x->len - 1; k; i--) {
        if (i < 0) { /* one more digit */
            memmove(x->d + 1, x->d, (size_t)x->len);
            x->d[0] = '0';
            x->len++;
            i = 0;
        }
        unsigned v = (unsigned)(x->d[i] - '0') + k % 10;
        k /= 10;
        if (v >= 10) {
            v -= 10;
            k++;
        }
        x->d[i] = (char)('0' + v);
    }
}

/* Copies the digits to @p (which has room for 16 bytes or len); returns len. */
static size_t dec_put(char *p, const dec *x)
{
    if (x->len <= 16)
        memcpy(p, x->d, 16);
    else
        memcpy(p, x->d, (size_t)x->len);
    return (size_t)x->len;
}

typedef struct row_gen {
    int strings;         /* 0 = mixed, 1 = strings */
    int64_t next;        /* the row the counters are set for */
    dec r;               /* mixed: r */
    dec r7;              /* strings: r * 7 */
    cell cells[NCOLS];
    char buf[NCOLS][64]; /* per-column text storage, NUL-terminated */
} row_gen;

static const char *const STATUS[8] = {"open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"};
static size_t STATUS_LEN[8];

/* Unsigned decimal into @p; returns the number of bytes written (no NUL). */
static size_t put_u64(char *p, uint64_t v)
{
    dec x;
    dec_set(&x, v);
    return dec_put(p, &x);
}

static void gen_header(row_gen *g)
{
    for (int c = 0; c < NCOLS; c++) {
        char *p = g->buf[c];
        memcpy(p, "col_", 4);
        size_t n = 4 + put_u64(p + 4, (uint64_t)c);
        p[n] = '\0';
        g->cells[c] = (cell){.type = CELL_STRING, .s = p, .len = n};
    }
}

/* Fills g->cells with row @r. Fastest when called for r, r + 1, r + 2, ... */
static void gen_row(row_gen *g, int64_t r)
{
    cell *cl = g->cells;
    if (r != g->next) {
        dec_set(&g->r, (uint64_t)r);
        dec_set(&g->r7, (uint64_t)r * 7);
    } else {
        dec_add(&g->r, 1);
        dec_add(&g->r7, 7);
    }
    g->next = r + 1;
    if (g->strings) {
        /* "{r*7+c}.{c}": the last two digits of r*7 plus c, unless that carries. */
        const dec *b = &g->r7;
        unsigned lo = b->len >= 2 ? (unsigned)(b->d[b->len - 2] - '0') * 10 + (unsigned)(b->d[b->len - 1] - '0') : 1000;
        for (int c = 0; c < NCOLS; c++) {
            char *p = g->buf[c];
            size_t n;
            unsigned v = lo + (unsigned)c;
            if (v < 100) {
                n = dec_put(p, b);
                p[n - 2] = (char)('0' + v / 10);
                p[n - 1] = (char)('0' + v % 10);
            } else {
                dec x = *b;
                dec_add(&x, (unsigned)c);
                n = dec_put(p, &x);
            }
            p[n++] = '.';
            if (c >= 10)
                p[n++] = '1';
            p[n++] = (char)('0' + c % 10);
            p[n] = '\0';
            cl[c].type = CELL_STRING;
            cl[c].s = p;
            cl[c].len = n;
        }
        return;
    }
    cl[0].type = CELL_INTEGER;
    cl[0].i = r;
    double frac = (double)(r % 100000) * 0.01;
    for (int c = 1; c <= 4; c++) {
        cl[c].type = CELL_NUMBER;
        cl[c].num = frac + c;
    }
    int64_t r31 = r * 31;
    for (int c = 5; c <= 8; c++) {
        cl[c].type = CELL_INTEGER;
        cl[c].i = (r31 + c) % 1000000;
    }
    for (int c = 9; c <= 12; c++) {
        int k = (int)((r + c) % 8);
        cl[c].type = CELL_STRING;
        cl[c].s = STATUS[k];
        cl[c].len = STATUS_LEN[k];
    }
    /* "customer_{r}_{c}", c = 13..15 */
    for (int c = 13; c <= 15; c++) {
        char *p = g->buf[c];
        memcpy(p, "customer_", 9);
        size_t n = 9 + dec_put(p + 9, &g->r);
        p[n++] = '_';
        p[n++] = '1';
        p[n++] = (char)('0' + c % 10);
        p[n] = '\0';
        cl[c].type = CELL_STRING;
        cl[c].s = p;
        cl[c].len = n;
    }
    cl[16].type = CELL_BOOLEAN;
    cl[16].i = r & 1;
    {
        /* note <{r mod 1000}> & "q" */
        char *p = g->buf[17];
        unsigned m = (unsigned)(r % 1000);
        size_t n = 6;
        memcpy(p, "note <", 6);
        if (m >= 100)
            p[n++] = (char)('0' + m / 100);
        if (m >= 10)
            p[n++] = (char)('0' + m / 10 % 10);
        p[n++] = (char)('0' + m % 10);
        memcpy(p + n, "> & \"q\"", 8); /* with the NUL */
        n += 7;
        cl[17].type = CELL_STRING;
        cl[17].s = p;
        cl[17].len = n;
    }
    cl[18].type = CELL_INTEGER;
    cl[18].i = 45000 + r % 3650;
}

/* ---- options ------------------------------------------------------------------ */

typedef struct options {
    const char *workload;
    const char *engine;
    const char *out;
    int64_t rows;
    long threads, level, buffer, flush; /* -1 = not given */
    long sst_strings, sst_bytes;        /* -1 = not given */
    int fd;                             /* --fd: fast_workbook_new_fd, no fsync/rename */
    int refs;                           /* --refs: -1 = not given, 0 = compact, 1 = all */
    int render_workers;                 /* --render workers: the caller's thread never renders rows */
    int table;                          /* --table: the data as an Excel table with a totals row */
} options;

/* bench/stages.c */
void bench_render_on_workers(fast_workbook *wb);

static void usage(void)
{
    fprintf(stderr, "usage: bench_write --workload mixed|strings --rows N [--threads N] [--level N]\n"
                    "                   [--engine fastxlsx|libxlsxwriter|none] [--buffer BYTES] [--flush ROWS]\n"
                    "                   [--sst STRINGS[,BYTES]] [--refs all|compact] [--fd] [--table] -o FILE\n"
                    "  --fd: fastxlsx writes through fast_workbook_new_fd() on FILE opened with O_TRUNC\n"
                    "        (no temporary file, fsync or rename), to measure what the atomic commit costs\n"
                    "  --refs: every cell reference (the library's default) or only where not implied\n"
                    "  --render workers: with threads, only the workers render rows (the caller's thread\n"
                    "        then only prepares them), to split the CPU time by stage\n"
                    "  --table: fastxlsx, mixed workload, one sheet: the rows as an Excel table with a totals\n"
                    "        row (sums of B..I, a count of Q, an average of S), to measure what tables cost\n");
    exit(2);
}

static long parse_num(const char *opt, const char *s, long min, long max, char **end_out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || (!end_out && *end) || v < min || v > max) {
        fprintf(stderr, "bench_write: bad value for %s: '%s'\n", opt, s);
        exit(2);
    }
    if (end_out)
        *end_out = end;
    return (long)v;
}

static void parse_args(int argc, char **argv, options *o)
{
    *o = (options){.engine = "fastxlsx", .rows = -1, .threads = -1, .level = -1, .buffer = -1,
                   .flush = -1, .sst_strings = -1, .sst_bytes = -1, .refs = -1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--fd")) {
            o->fd = 1;
            continue;
        }
        if (!strcmp(a, "--table")) {
            o->table = 1;
            continue;
        }
        if (i + 1 >= argc)
            usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--workload"))
            o->workload = v;
        else if (!strcmp(a, "--engine"))
            o->engine = v;
        else if (!strcmp(a, "-o"))
            o->out = v;
        else if (!strcmp(a, "--rows"))
            o->rows = parse_num(a, v, 0, 1000000000L, NULL);
        else if (!strcmp(a, "--threads"))
            o->threads = parse_num(a, v, 0, 1024, NULL);
        else if (!strcmp(a, "--level"))
            o->level = parse_num(a, v, 0, 9, NULL);
        else if (!strcmp(a, "--buffer"))
            o->buffer = parse_num(a, v, 0, 1L << 30, NULL);
        else if (!strcmp(a, "--render")) {
            if (strcmp(v, "workers") && strcmp(v, "auto"))
                usage();
            o->render_workers = !strcmp(v, "workers");
        } else if (!strcmp(a, "--refs")) {
            if (strcmp(v, "all") && strcmp(v, "compact"))
                usage();
            o->refs = !strcmp(v, "all");
        } else if (!strcmp(a, "--flush"))
            o->flush = parse_num(a, v, 0, 1000000000L, NULL);
        else if (!strcmp(a, "--sst")) {
            char *end;
            o->sst_strings = parse_num(a, v, 0, 1000000000L, &end);
            if (*end == ',')
                o->sst_bytes = parse_num(a, end + 1, 0, 1L << 40, NULL);
            else if (*end)
                usage();
        } else
            usage();
    }
    if (!o->workload || !o->out || o->rows < 0)
        usage();
    if (strcmp(o->workload, "mixed") && strcmp(o->workload, "strings"))
        usage();
    if (strcmp(o->engine, "fastxlsx") && strcmp(o->engine, "libxlsxwriter") && strcmp(o->engine, "none"))
        usage();
    if (o->table && (strcmp(o->engine, "fastxlsx") || strcmp(o->workload, "mixed") || o->rows + 2 >= SHEET_ROWS)) {
        fprintf(stderr, "bench_write: --table is for fastxlsx, the mixed workload and one sheet of rows\n");
        exit(2);
    }
}

/* ---- fastxlsx ------------------------------------------------------------------- */

static void fx_fail(fast_workbook *wb, fast_status st, const char *what)
{
    const char *msg = wb ? fast_workbook_error_message(wb) : "";
    fprintf(stderr, "bench_write: fastxlsx %s: %s%s%s\n", what, fast_strerror(st), *msg ? ": " : "", msg);
    exit(1);
}

#define FX_CHECK(wb, call, what)                                                                   \
    do {                                                                                           \
        fast_status st_ = (call);                                                                  \
        if (st_ != FAST_OK)                                                                        \
            fx_fail((wb), st_, (what));                                                            \
    } while (0)

static void fx_put_row(fast_workbook *wb, fast_cells *fc, const cell *cl)
{
    for (size_t c = 0; c < NCOLS; c++) {
        fast_status st;
        switch (cl[c].type) {
        case CELL_NUMBER:
            st = fast_cells_set_number(fc, c, cl[c].num);
            break;
        case CELL_INTEGER:
            st = fast_cells_set_integer(fc, c, cl[c].i);
            break;
        case CELL_STRING:
            st = fast_cells_set_string(fc, c, cl[c].s, cl[c].len);
            break;
        default:
            st = fast_cells_set_boolean(fc, c, (int)cl[c].i);
            break;
        }
        if (st != FAST_OK)
            fx_fail(wb, st, "set cell");
    }
    FX_CHECK(wb, fast_workbook_write_row(wb, fc, NCOLS), "write row");
}

static long run_fastxlsx(const options *o, row_gen *g)
{
    int fd = -1;
    fast_workbook *wb;
    if (o->fd) {
        fd = open(o->out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (fd < 0) {
            fprintf(stderr, "bench_write: cannot open %s: %s\n", o->out, strerror(errno));
            exit(1);
        }
        wb = fast_workbook_new_fd(fd);
    } else {
        wb = fast_workbook_new(o->out);
    }
    if (!wb) {
        fprintf(stderr, "bench_write: cannot create %s: %s\n", o->out, strerror(errno));
        exit(1);
    }
    if (o->threads >= 0)
        FX_CHECK(wb, fast_workbook_set_threads(wb, (unsigned)o->threads), "set threads");
    if (o->level >= 0)
        FX_CHECK(wb, fast_workbook_set_compression_level(wb, (int)o->level), "set level");
    if (o->buffer >= 0)
        FX_CHECK(wb, fast_workbook_set_max_buffer_size(wb, (size_t)o->buffer), "set buffer");
    if (o->flush >= 0)
        FX_CHECK(wb, fast_workbook_set_flush_interval(wb, (size_t)o->flush), "set flush");
    if (o->refs >= 0)
        FX_CHECK(wb, fast_workbook_set_cell_references(wb, o->refs), "set cell references");
    if (o->sst_strings >= 0)
        FX_CHECK(wb,
                 fast_workbook_set_shared_strings_limit(wb, (size_t)o->sst_strings,
                                                        o->sst_bytes >= 0 ? (size_t)o->sst_bytes
                                                                          : (size_t)16 << 20),
                 "set shared strings limit");
    fast_cells *fc = fast_cells_new(NCOLS);
    if (!fc) {
        fprintf(stderr, "bench_write: fast_cells_new: %s\n", strerror(errno));
        exit(1);
    }
    long sheets = 1;
    long in_sheet = 0;
    FX_CHECK(wb, fast_workbook_add_worksheet(wb, NULL, 0), "add worksheet");
    if (o->render_workers)
        bench_render_on_workers(wb);
    if (o->table) {
        fast_table *t = NULL;
        FX_CHECK(wb, fast_workbook_add_table(wb, "Data", 4, 0, 0, FAST_LAST_ROW, NCOLS - 1, &t), "add table");
        FX_CHECK(wb, fast_table_set_total_label(t, 0, "Total", 5), "totals label");
        for (uint32_t c = 1; c <= 8; c++)
            FX_CHECK(wb, fast_table_set_total_function(t, c, FAST_TABLE_TOTAL_SUM), "total");
        FX_CHECK(wb, fast_table_set_total_function(t, 16, FAST_TABLE_TOTAL_COUNT), "total");
        FX_CHECK(wb, fast_table_set_total_function(t, 18, FAST_TABLE_TOTAL_AVERAGE), "total");
    }
    if (!g->strings) {
        gen_header(g);
        fx_put_row(wb, fc, g->cells);
        in_sheet++;
    }
    for (int64_t r = 1; r <= o->rows; r++) {
        if (in_sheet == SHEET_ROWS) {
            FX_CHECK(wb, fast_workbook_add_worksheet(wb, NULL, 0), "add worksheet");
            sheets++;
            in_sheet = 0;
        }
        gen_row(g, r);
        fx_put_row(wb, fc, g->cells);
        in_sheet++;
    }
    FX_CHECK(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    if (fd >= 0 && close(fd) != 0) {
        fprintf(stderr, "bench_write: close %s: %s\n", o->out, strerror(errno));
        exit(1);
    }
    fast_cells_free(fc);
    return sheets;
}

/* ---- libxlsxwriter ------------------------------------------------------------ */

static void lxw_fail(lxw_error err, const char *what, int64_t row, int col)
{
    fprintf(stderr, "bench_write: libxlsxwriter %s (row %lld, col %d): %s\n", what, (long long)row, col,
            lxw_strerror(err));
    exit(1);
}

static void lxw_put_row(lxw_worksheet *ws, lxw_row_t row, const cell *cl)
{
    for (int c = 0; c < NCOLS; c++) {
        lxw_error err;
        switch (cl[c].type) {
        case CELL_NUMBER:
            err = worksheet_write_number(ws, row, (lxw_col_t)c, cl[c].num, NULL);
            break;
        case CELL_INTEGER:
            err = worksheet_write_number(ws, row, (lxw_col_t)c, (double)cl[c].i, NULL);
            break;
        case CELL_STRING:
            err = worksheet_write_string(ws, row, (lxw_col_t)c, cl[c].s, NULL);
            break;
        default:
            err = worksheet_write_boolean(ws, row, (lxw_col_t)c, (int)cl[c].i, NULL);
            break;
        }
        if (err != LXW_NO_ERROR)
            lxw_fail(err, "write cell", row, c);
    }
}

static long run_libxlsxwriter(const options *o, row_gen *g)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(o->out, &opt);
    if (!wb) {
        fprintf(stderr, "bench_write: libxlsxwriter workbook_new_opt(%s) failed\n", o->out);
        exit(1);
    }
    long sheets = 1;
    lxw_row_t in_sheet = 0;
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    if (!ws) {
        fprintf(stderr, "bench_write: libxlsxwriter workbook_add_worksheet failed\n");
        exit(1);
    }
    if (!g->strings) {
        gen_header(g);
        lxw_put_row(ws, in_sheet++, g->cells);
    }
    for (int64_t r = 1; r <= o->rows; r++) {
        if (in_sheet == SHEET_ROWS) {
            ws = workbook_add_worksheet(wb, NULL);
            if (!ws) {
                fprintf(stderr, "bench_write: libxlsxwriter workbook_add_worksheet failed\n");
                exit(1);
            }
            sheets++;
            in_sheet = 0;
        }
        gen_row(g, r);
        lxw_put_row(ws, in_sheet++, g->cells);
    }
    lxw_error err = workbook_close(wb); /* also frees the workbook */
    if (err != LXW_NO_ERROR)
        lxw_fail(err, "workbook_close", -1, -1);
    return sheets;
}

/* ---- none: the generator alone ------------------------------------------------------ */

/* Generates every row as the engines get them and writes nothing (FILE is not
 * created): the benchmark's own share of the measured times. */
static long run_none(const options *o, row_gen *g)
{
    volatile double sink = 0;
    long sheets = 1;
    long in_sheet = 0;
    if (!g->strings) {
        gen_header(g);
        in_sheet++;
    }
    for (int64_t r = 1; r <= o->rows; r++) {
        if (in_sheet == SHEET_ROWS) {
            sheets++;
            in_sheet = 0;
        }
        gen_row(g, r);
        double acc = 0;
        for (int c = 0; c < NCOLS; c++)
            acc += g->cells[c].num + (double)g->cells[c].len + (double)(unsigned char)(g->cells[c].s ? g->cells[c].s[0] : 0);
        sink = sink + acc;
        in_sheet++;
    }
    (void)sink;
    return sheets;
}

/* ---- main ------------------------------------------------------------------------ */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void opt_str(char *dst, size_t size, int applies, long v)
{
    if (!applies)
        snprintf(dst, size, "n/a");
    else if (v < 0)
        snprintf(dst, size, "default");
    else
        snprintf(dst, size, "%ld", v);
}

int main(int argc, char **argv)
{
    options o;
    parse_args(argc, argv, &o);
    for (int k = 0; k < 8; k++)
        STATUS_LEN[k] = strlen(STATUS[k]);
    static row_gen g;
    g.strings = !strcmp(o.workload, "strings");
    int none = !strcmp(o.engine, "none");
    int fx = !strcmp(o.engine, "fastxlsx");
    if (!fx && !none && (o.fd || o.threads >= 0 || o.level >= 0 || o.buffer >= 0 || o.flush >= 0 || o.sst_strings >= 0 || o.refs >= 0))
        fprintf(stderr, "bench_write: note: --threads/--level/--buffer/--flush/--sst/--refs/--fd do not apply to "
                        "libxlsxwriter (constant_memory, its own defaults); ignored\n");

    double t0 = now();
    long sheets = none ? run_none(&o, &g) : fx ? run_fastxlsx(&o, &g) : run_libxlsxwriter(&o, &g);
    double secs = now() - t0;

    struct stat sb = {0};
    if (!none && stat(o.out, &sb) != 0) {
        fprintf(stderr, "bench_write: stat %s: %s\n", o.out, strerror(errno));
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    struct timespec tc;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &tc);
    double caller_cpu = (double)tc.tv_sec + (double)tc.tv_nsec * 1e-9;
    double all_cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
                     (double)ru.ru_stime.tv_usec * 1e-6;

    char level[16], threads[16], buffer[24], flush[24], sst[48];
    opt_str(level, sizeof level, fx, o.level);
    opt_str(threads, sizeof threads, fx, o.threads);
    opt_str(buffer, sizeof buffer, fx, o.buffer);
    opt_str(flush, sizeof flush, fx, o.flush);
    if (!fx)
        snprintf(sst, sizeof sst, "n/a");
    else if (o.sst_strings < 0)
        snprintf(sst, sizeof sst, "default");
    else if (o.sst_bytes < 0)
        snprintf(sst, sizeof sst, "%ld", o.sst_strings);
    else
        snprintf(sst, sizeof sst, "%ld,%ld", o.sst_strings, o.sst_bytes);
#ifdef FX_HAVE_ISAL
    const char *fx_backend = "isal";
#else
    const char *fx_backend = "zlib";
#endif
    printf("engine=%s version=%s mode=%s output=%s workload=%s rows=%lld sheets=%ld backend=%s level=%s threads=%s buffer=%s "
           "flush=%s sst=%s refs=%s seconds=%.3f user_s=%.3f sys_s=%.3f rows_per_s=%.0f mb_per_s=%.2f bytes=%lld "
           "peak_rss_kib=%ld caller_cpu_s=%.3f workers_cpu_s=%.3f table=%d\n",
           o.engine, none ? "n/a" : fx ? fast_version_string() : lxw_version(),
           none ? "generate_only" : fx ? "streaming" : "constant_memory",
           none ? "none" : !fx ? "path" : o.fd ? "fd" : "path_atomic", o.workload,
           (long long)o.rows, sheets, none ? "n/a" : fx ? fx_backend : "zlib", level, threads, buffer, flush, sst,
           !fx ? "n/a" : o.refs < 0 ? "default" : o.refs ? "all" : "compact", secs,
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6,
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6,
           secs > 0 ? (double)o.rows / secs : 0.0, secs > 0 ? (double)sb.st_size / 1e6 / secs : 0.0,
           (long long)sb.st_size, ru.ru_maxrss, caller_cpu, all_cpu > caller_cpu ? all_cpu - caller_cpu : 0.0,
           o.table);
    return 0;
}
