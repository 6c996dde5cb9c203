/*
 * pg2xlsx - export PostgreSQL query results to an .xlsx workbook with real
 * Excel types, through the fastxlsx PostgreSQL adapter (binary COPY).
 *
 *   pg2xlsx -d 'dbname=shop' -t public.orders -c 'select * from customers' --sheet Customers -o shop.xlsx
 *
 * Run `pg2xlsx --help` for every option. The output file appears only when the
 * whole export succeeded: fast_workbook_new() writes a temporary file next to it
 * and renames it over the destination at close. Ctrl-C cancels the query on the
 * server, leaves no output file and exits with status 130.
 *
 * Threads: without --threads, 2 when two CPUs are left for pg2xlsx, else 1. A
 * server on this host (a Unix socket, a loopback address or an address of this
 * host's interfaces) needs one of the CPUs this process may run on for itself:
 * on a 2-CPU machine a second thread only takes its time (1M rows x 20 columns
 * with a local server: 2 threads took 1.15x the time of 1; bench/README.md).
 */
#define _GNU_SOURCE /* sched_getaffinity, getifaddrs */
#include <fastxlsx.h>
#include <fastxlsx_pg.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_QUERIES 256

typedef struct job {
    char *sql;        /* owned */
    const char *sheet; /* NULL: a default name */
    char *default_sheet; /* owned, for -t */
} job;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: pg2xlsx [-d CONNINFO] (-c QUERY | -t TABLE | -f FILE.sql) [--sheet NAME]\n"
            "               [-c ... --sheet ...] -o OUT.xlsx [options]\n"
            "\n"
            "Export the results of PostgreSQL queries to an .xlsx workbook, one worksheet per query,\n"
            "with numbers, dates, times and booleans as real Excel values.\n"
            "\n"
            "  -d, --dbname CONNINFO  connection string as libpq takes it: 'host=... dbname=...' or\n"
            "                         postgresql://user@host/db; without it the PG* environment variables\n"
            "  -c, --command QUERY    a query returning rows (SELECT, VALUES, TABLE, WITH ...)\n"
            "  -t, --table TABLE      a whole table or view, SCHEMA.NAME or NAME, each part taken exactly\n"
            "                         as written (quoted for you; a part in double quotes is used as is)\n"
            "  -f, --file FILE.sql    a query read from a file ('-' for standard input)\n"
            "      --sheet NAME       name of the worksheet of the query before it (default: the table\n"
            "                         name for -t, Sheet1, Sheet2... otherwise)\n"
            "  -o, --output OUT.xlsx  the workbook to write (replaced only when everything succeeded)\n"
            "      --rows-per-sheet N continue on a new sheet (\"NAME (2)\"...) after N rows, header\n"
            "                         included (default and maximum 1048576)\n"
            "      --no-header        no header row of column names\n"
            "      --numeric-as-number  every numeric as a number, even beyond the 15 digits Excel keeps\n"
            "                         (default: such values stay exact text)\n"
            "      --truncate-long-text cut text of more than 32767 characters instead of failing\n"
            "      --excel-table      each query's rows as an Excel table (Table1, Table2...) instead of\n"
            "                         an autofilter (-t is taken: it names a database table)\n"
            "      --table-style STYLE  the tables' style, e.g. TableStyleLight9; implies --excel-table\n"
            "      --totals FUNC      a totals row: FUNC (sum, average, count, countNums, min, max, stdDev,\n"
            "                         var) under every numeric column; implies --excel-table\n"
            "      --landscape        print the sheets landscape (the header row is repeated at the top\n"
            "                         of every printed page in any case)\n"
            "      --fit-width        print the sheets one page wide\n"
            "      --text-number-warnings  leave Excel's \"number stored as text\" warnings on the int8\n"
            "                         and numeric columns (values kept as exact text); off by default\n"
            "      --progress         show progress on stderr even when it is not a terminal (and the\n"
            "                         thread count chosen without --threads)\n"
            "      --threads N        1: everything on the calling thread; 2 or more: rows rendered and\n"
            "                         compressed on N threads, the calling one included. Default: 2 when\n"
            "                         two CPUs are left after the server's, else 1 (a server on this host,\n"
            "                         by Unix socket or one of its addresses, takes one CPU)\n"
            "  -h, --help             this text\n"
            "\n"
            "Example:\n"
            "  pg2xlsx -d postgresql://localhost/shop -t sales.orders \\\n"
            "          -c \"select id, name from customers where active\" --sheet Customers -o shop.xlsx\n"
            "\n"
            "Exit status: 0 on success, 1 on an error (the message is on stderr), 2 for bad usage,\n"
            "130 when interrupted (Ctrl-C): the server query is cancelled and no file is written.\n");
}

/* Quote TABLE ("schema.name", each part exact, or already "quoted") as an SQL name. */
static char *quote_table(PGconn *conn, const char *table)
{
    size_t cap = strlen(table) * 2 + 16, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    const char *p = table;
    for (;;) {
        if (n)
            out[n++] = '.';
        if (*p == '"') { /* a quoted part: up to its closing quote ("" is a quote inside) */
            const char *q = p + 1;
            while (*q && !(q[0] == '"' && q[1] != '"'))
                q += q[0] == '"' ? 2 : 1;
            if (*q != '"') {
                free(out);
                return NULL;
            }
            memcpy(out + n, p, (size_t)(q + 1 - p));
            n += (size_t)(q + 1 - p);
            p = q + 1;
        } else {
            const char *dot = strchr(p, '.');
            size_t len = dot ? (size_t)(dot - p) : strlen(p);
            if (len == 0) {
                free(out);
                return NULL;
            }
            char *id = PQescapeIdentifier(conn, p, len);
            if (!id) {
                free(out);
                return NULL;
            }
            size_t il = strlen(id);
            if (n + il + 2 > cap) {
                cap = n + il + 64;
                char *bigger = realloc(out, cap);
                if (!bigger) {
                    PQfreemem(id);
                    free(out);
                    return NULL;
                }
                out = bigger;
            }
            memcpy(out + n, id, il);
            n += il;
            PQfreemem(id);
            p += len;
        }
        if (*p == '\0')
            break;
        if (*p != '.') {
            free(out);
            return NULL;
        }
        p++;
    }
    out[n] = '\0';
    return out;
}

/* A sheet name from a table name: its last part (unquoted), without forbidden characters, at most 31 characters. */
static char *sheet_from_table(const char *table)
{
    const char *last = table;
    int quoted = 0;
    for (const char *p = table; *p; p++) { /* the last '.' outside double quotes */
        if (*p == '"')
            quoted = !quoted; /* "" inside quotes toggles twice */
        else if (*p == '.' && !quoted)
            last = p + 1;
    }
    char *s = strdup(last);
    if (!s)
        return NULL;
    size_t n = 0, chars = 0;
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' && s[i + 1] != '"')
            continue; /* a quote around the name, or the first of an escaped pair */
        if (c == '"')
            i++;
        if ((c & 0xC0) != 0x80 && ++chars > FAST_MAX_SHEET_NAME_CHARS)
            break;
        s[n++] = strchr(":\\/?*[]", c) ? '_' : (char)c;
    }
    s[n] = '\0';
    return s;
}

static char *read_file(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    while (s) {
        if (n + 1 >= cap) {
            char *bigger = realloc(s, cap * 2);
            if (!bigger) {
                free(s);
                s = NULL;
                break;
            }
            s = bigger;
            cap *= 2;
        }
        size_t got = fread(s + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (err) {
        free(s);
        return NULL;
    }
    if (s)
        s[n] = '\0';
    return s;
}

typedef struct progress {
    int show;     /* print progress lines */
    int tty;      /* stderr is a terminal: overwrite in place */
    fast_workbook *wb; /* for the bytes written so far */
    double start; /* seconds */
    double last_print; /* seconds; the start until the first line */
    uint64_t printed; /* rows in the last line printed */
    uint64_t rows_before; /* rows of earlier queries */
    uint64_t rows;
} progress;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_progress(progress *pr, int final)
{
    double mb = (double)fast_workbook_bytes_written(pr->wb) / 1e6;
    double elapsed = now_seconds() - pr->start;
    double rate = elapsed > 0 ? (double)pr->rows / elapsed : 0.0;
    fprintf(stderr, "%s%s%llu rows, %.0f rows/s, %.1f MB written, %.1f s%s", pr->tty ? "\r" : "",
            final ? "done: " : "", (unsigned long long)pr->rows, rate, mb, elapsed,
            pr->tty && !final ? "\033[K" : "\n");
    if (pr->tty && final)
        fprintf(stderr, "\033[K");
    pr->last_print = now_seconds();
    pr->printed = pr->rows;
}

static int on_progress(uint64_t rows, uint64_t bytes, void *user)
{
    (void)bytes;
    progress *pr = user;
    pr->rows = pr->rows_before + rows;
    /* A line a period after the last one (or the start), when the count moved: the
     * adapter's last update of a query repeats the count, and the "done:" line
     * follows it (an export shorter than a period prints that line only). */
    if (pr->show && pr->rows != pr->printed && now_seconds() - pr->last_print >= (pr->tty ? 0.2 : 1.0))
        print_progress(pr, 0);
    return interrupted != 0;
}

/* Whether the connection's server runs on this host: a Unix socket, a
 * loopback address, or an address of one of this host's interfaces. */
static int server_is_local(PGconn *conn)
{
    const char *host = PQhost(conn), *addr = PQhostaddr(conn);
    if (host && (host[0] == '/' || host[0] == '@')) /* a socket directory, or Linux's abstract namespace */
        return 1;
    if (!addr || !*addr)
        return host && (!strcmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "::1"));
    unsigned char bin[16];
    if (inet_pton(AF_INET, addr, bin) == 1)
        return bin[0] == 127;
    if (inet_pton(AF_INET6, addr, bin) == 1) {
        static const unsigned char loop6[16] = {[15] = 1}, mapped[12] = {[10] = 0xFF, [11] = 0xFF};
        if (!memcmp(bin, loop6, 16) || (!memcmp(bin, mapped, 12) && bin[12] == 127))
            return 1;
    }
    struct ifaddrs *ifs;
    if (getifaddrs(&ifs) != 0)
        return 0;
    int local = 0;
    for (struct ifaddrs *i = ifs; i && !local; i = i->ifa_next) {
        char text[INET6_ADDRSTRLEN];
        const struct sockaddr *sa = i->ifa_addr;
        if (!sa || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
            continue;
        const void *a = sa->sa_family == AF_INET ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
                                                 : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
        local = inet_ntop(sa->sa_family, a, text, sizeof text) && !strcmp(text, addr);
    }
    freeifaddrs(ifs);
    return local;
}

/* The default thread count: 2 when two of the CPUs this process may run on are
 * left after a local server's one, else 1 (measured in bench/README.md). */
static unsigned default_threads(PGconn *conn, int *local)
{
    cpu_set_t set;
    long cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : sysconf(_SC_NPROCESSORS_ONLN);
    *local = server_is_local(conn);
    return cpus - *local >= 2 ? 2 : 1;
}

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > max || s[0] == '-')
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    const char *conninfo = "", *out = NULL;
    const char *tables[MAX_QUERIES] = {0}; /* -t arguments, quoted once connected */
    job jobs[MAX_QUERIES];
    size_t njobs = 0;
    unsigned long rows_per_sheet = 0, threads = 0; /* 0: default_threads() once connected */
    int header = 1, numeric_as_number = 0, truncate = 0, force_progress = 0, excel_table = 0, totals = 0;
    int landscape = 0, fit_width = 0, text_number_warnings = 0;
    const char *table_style = NULL;
    memset(jobs, 0, sizeof jobs);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDS_VALUE()                                                          \
    do {                                                                       \
        if (!v) {                                                              \
            fprintf(stderr, "pg2xlsx: %s needs a value (see --help)\n", a);   \
            return 2;                                                          \
        }                                                                      \
        i++;                                                                   \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "-d") || !strcmp(a, "--dbname")) {
            NEEDS_VALUE();
            conninfo = v;
        } else if (!strcmp(a, "-c") || !strcmp(a, "--command") || !strcmp(a, "-t") || !strcmp(a, "--table")
                   || !strcmp(a, "-f") || !strcmp(a, "--file")) {
            NEEDS_VALUE();
            if (njobs == MAX_QUERIES) {
                fprintf(stderr, "pg2xlsx: at most %d queries\n", MAX_QUERIES);
                return 2;
            }
            job *j = &jobs[njobs];
            if (a[1] == 'c' || a[2] == 'c') {
                j->sql = strdup(v);
            } else if (a[1] == 'f' || a[2] == 'f') {
                j->sql = read_file(v);
                if (!j->sql) {
                    fprintf(stderr, "pg2xlsx: %s: %s\n", v, strerror(errno ? errno : EIO));
                    return 1;
                }
            } else {
                tables[njobs] = v;
                j->default_sheet = sheet_from_table(v);
            }
            njobs++;
        } else if (!strcmp(a, "--sheet")) {
            NEEDS_VALUE();
            if (njobs == 0) {
                fprintf(stderr, "pg2xlsx: --sheet names the sheet of the -c, -t or -f before it\n");
                return 2;
            }
            jobs[njobs - 1].sheet = v;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            NEEDS_VALUE();
            out = v;
        } else if (!strcmp(a, "--rows-per-sheet")) {
            NEEDS_VALUE();
            if (parse_count(v, FAST_MAX_ROWS, &rows_per_sheet) != 0) {
                fprintf(stderr, "pg2xlsx: --rows-per-sheet takes 1..%u\n", FAST_MAX_ROWS);
                return 2;
            }
        } else if (!strcmp(a, "--threads")) {
            NEEDS_VALUE();
            if (parse_count(v, 1024, &threads) != 0) {
                fprintf(stderr, "pg2xlsx: --threads takes a number from 1\n");
                return 2;
            }
        } else if (!strcmp(a, "--no-header")) {
            header = 0;
        } else if (!strcmp(a, "--numeric-as-number")) {
            numeric_as_number = 1;
        } else if (!strcmp(a, "--truncate-long-text")) {
            truncate = 1;
        } else if (!strcmp(a, "--excel-table")) {
            excel_table = 1;
        } else if (!strcmp(a, "--table-style")) {
            NEEDS_VALUE();
            excel_table = 1;
            table_style = v;
        } else if (!strcmp(a, "--totals")) {
            static const char *const fns[] = {"sum", "average", "count", "countNums", "min", "max", "stdDev", "var"};
            NEEDS_VALUE();
            excel_table = 1;
            totals = 0;
            for (int k = 0; k < 8; k++)
                if (!strcmp(v, fns[k]))
                    totals = FAST_TABLE_TOTAL_SUM + k;
            if (!totals) {
                fprintf(stderr, "pg2xlsx: --totals takes sum, average, count, countNums, min, max, stdDev or var\n");
                return 2;
            }
        } else if (!strcmp(a, "--progress")) {
            force_progress = 1;
        } else if (!strcmp(a, "--landscape")) {
            landscape = 1;
        } else if (!strcmp(a, "--fit-width")) {
            fit_width = 1;
        } else if (!strcmp(a, "--text-number-warnings")) {
            text_number_warnings = 1;
        } else {
            fprintf(stderr, "pg2xlsx: unknown option '%s' (see --help)\n", a);
            return 2;
        }
#undef NEEDS_VALUE
    }
    if (header && rows_per_sheet == 1) {
        fprintf(stderr, "pg2xlsx: --rows-per-sheet must be at least 2 with a header row (or give --no-header)\n");
        return 2;
    }
    if (njobs == 0 || !out) {
        fprintf(stderr, "pg2xlsx: %s (see --help)\n", njobs == 0 ? "no query: give -c, -t or -f" : "no -o OUT.xlsx");
        return 2;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: a wait for the server wakes up at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    int status = 1;
    PGconn *conn = PQconnectdb(conninfo);
    fast_workbook *wb = NULL;
    fast_pg_export *ex = NULL;
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "pg2xlsx: cannot connect: %s", PQerrorMessage(conn));
        goto done;
    }
    if (threads == 0) {
        int local;
        threads = default_threads(conn, &local);
        if (force_progress || isatty(STDERR_FILENO))
            fprintf(stderr, "pg2xlsx: %lu thread%s (the server is %s)\n", threads, threads == 1 ? "" : "s",
                    local ? "on this host" : "elsewhere");
    }
    for (size_t i = 0; i < njobs; i++) {
        if (!tables[i])
            continue;
        char *name = quote_table(conn, tables[i]);
        if (!name) {
            fprintf(stderr, "pg2xlsx: -t %s: not a table name (NAME or SCHEMA.NAME)\n", tables[i]);
            goto done;
        }
        size_t len = strlen(name) + 32;
        jobs[i].sql = malloc(len);
        if (jobs[i].sql)
            snprintf(jobs[i].sql, len, "SELECT * FROM %s", name);
        free(name);
    }
    for (size_t i = 0; i < njobs; i++) {
        if (!jobs[i].sql) {
            fprintf(stderr, "pg2xlsx: out of memory\n");
            goto done;
        }
    }

    wb = fast_workbook_new(out);
    if (!wb) {
        fprintf(stderr, "pg2xlsx: cannot write %s: %s\n", out, strerror(errno));
        goto done;
    }
    ex = fast_pg_export_new();
    if (!ex) {
        fprintf(stderr, "pg2xlsx: out of memory\n");
        goto done;
    }
    fast_status st = fast_workbook_set_threads(wb, (unsigned)threads);
    progress pr = {.tty = isatty(STDERR_FILENO), .wb = wb, .start = now_seconds()};
    pr.last_print = pr.start;
    pr.show = pr.tty || force_progress;
    fast_pg_export_set_header(ex, header);
    fast_pg_export_set_numeric_as_number(ex, numeric_as_number);
    fast_pg_export_set_text_number_warnings(ex, text_number_warnings);
    fast_pg_export_set_truncate_long_text(ex, truncate);
    if (excel_table &&
        fast_pg_export_set_excel_table(ex, 1, table_style, table_style ? strlen(table_style) : 0, totals) != FAST_PG_OK) {
        fprintf(stderr, "pg2xlsx: --table-style: a style name of at most 31 bytes\n");
        goto done;
    }
    fast_pg_export_set_progress(ex, on_progress, 1000, &pr);
    uint64_t truncated = 0;

    for (size_t i = 0; st == FAST_OK && i < njobs; i++) {
        const char *sheet = jobs[i].sheet ? jobs[i].sheet : jobs[i].default_sheet;
        st = fast_workbook_add_worksheet(wb, sheet, sheet ? strlen(sheet) : 0);
        if (st == FAST_OK && rows_per_sheet)
            st = fast_workbook_set_rows_per_sheet(wb, (uint32_t)rows_per_sheet);
        if (st == FAST_OK && landscape)
            st = fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE);
        if (st == FAST_OK && fit_width)
            st = fast_workbook_set_fit_to_pages(wb, 1, 0);
        if (st != FAST_OK)
            break;
        fast_pg_status pst = fast_pg_export_query(ex, conn, wb, jobs[i].sql, strlen(jobs[i].sql));
        if (pst == FAST_PG_ERROR_CANCELLED && interrupted) {
            if (pr.show && pr.tty)
                fprintf(stderr, "\n");
            fprintf(stderr, "pg2xlsx: interrupted; the query was cancelled and %s was not written\n", out);
            status = 130;
            goto done;
        }
        if (pst != FAST_PG_OK) {
            if (pr.show && pr.tty)
                fprintf(stderr, "\n");
            fprintf(stderr, "pg2xlsx: query %zu: %s: %s\n", i + 1, fast_pg_strerror(pst),
                    fast_pg_export_error_message(ex));
            goto done;
        }
        pr.rows_before += fast_pg_export_rows(ex);
        pr.rows = pr.rows_before;
        truncated += fast_pg_export_truncated_cells(ex);
    }
    if (st == FAST_OK && interrupted) { /* Ctrl-C after the last row: nothing is committed */
        fprintf(stderr, "pg2xlsx: interrupted; %s was not written\n", out);
        status = 130;
        goto done;
    }
    if (st == FAST_OK)
        st = fast_workbook_close(wb);
    if (st != FAST_OK) {
        fprintf(stderr, "pg2xlsx: %s: %s: %s\n", out, fast_strerror(st), fast_workbook_error_message(wb));
        goto done;
    }
    if (pr.show)
        print_progress(&pr, 1);
    if (truncated)
        fprintf(stderr, "pg2xlsx: %llu cells cut at 32767 characters\n", (unsigned long long)truncated);
    status = 0;

done:
    fast_workbook_free(wb); /* without a successful close: the destination keeps what it held */
    fast_pg_export_free(ex);
    PQfinish(conn);
    for (size_t i = 0; i < njobs; i++) {
        free(jobs[i].sql);
        free(jobs[i].default_sheet);
    }
    return status;
}
