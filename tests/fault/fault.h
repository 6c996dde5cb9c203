/*
 * fault.h - what the fault-injection programs share: the workbook they all
 * write (several sheets, shared and inline strings, numbers, booleans, dates,
 * formats, sheet features, output flushed every few rows so that failures land
 * in add_worksheet, write_row and close alike), checks that count as failures
 * instead of aborting, file comparison, and the checks on what a failed run
 * leaves behind: the destination as it was, no temporary file, no descriptor.
 * Plain C on the public header; only stdio and directory calls of the C
 * library are used here, so that link-time wrappers count the library's calls.
 */
#ifndef FX_FAULT_H
#define FX_FAULT_H

#include <fastxlsx.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fault_failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (fault_failures++ < 20) {                                                           \
                fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);          \
                fprintf(stderr, __VA_ARGS__);                                                      \
                fputc('\n', stderr);                                                               \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Every status the scenario saw after its first failure must be that failure. */
typedef struct fault_run {
    fast_status first;      /* the first non-OK status (FAST_OK if none) */
    const char *where;      /* the call that returned it */
    int not_sticky;         /* a later call returned something else */
    fast_status close;      /* fast_workbook_close()'s status */
    char message[600];
} fault_run;

static inline void fault_note(fault_run *run, fast_status st, const char *where)
{
    if (st == FAST_OK && run->first == FAST_OK)
        return;
    if (run->first == FAST_OK) {
        run->first = st;
        run->where = where;
    } else if (st != run->first) {
        run->not_sticky = 1;
    }
}

/* The workbook; @threads as for fast_workbook_set_threads(), @level for
 * fast_workbook_set_compression_level() (-1: the default). Every call is made
 * even after a failure, to see that the failure stays. The handle is closed and
 * freed. */
static inline void fault_scenario(fast_workbook *wb, unsigned threads, int level, fault_run *run)
{
    memset(run, 0, sizeof *run);
    fast_cells *c = fast_cells_new(6);
    if (!c) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    fault_note(run, fast_workbook_set_threads(wb, threads), "set_threads");
    if (level >= 0)
        fault_note(run, fast_workbook_set_compression_level(wb, level), "set_compression_level");
    fault_note(run, fast_workbook_set_flush_interval(wb, 8), "set_flush_interval");
    fault_note(run, fast_workbook_set_shared_strings_limit(wb, 40, 1 << 16), "set_shared_strings_limit");
    fault_note(run, fast_workbook_set_created_time(wb, 1700000000), "set_created_time");
    fault_note(run, fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, "Faults", 6), "set_property");
    fast_format *bold = fast_workbook_add_format(wb);
    if (bold)
        fast_format_set_bold(bold, 1);
    static const char *names[] = {"First", "Second", "Third"};
    for (int s = 0; s < 3; s++) {
        fault_note(run, fast_workbook_add_worksheet(wb, names[s], strlen(names[s])), "add_worksheet");
        fault_note(run, fast_workbook_set_column_width(wb, 0, 0, 20), "set_column_width");
        fault_note(run, fast_workbook_freeze_panes(wb, 1, 0), "freeze_panes");
        for (int r = 0; r < 60; r++) {
            char text[48];
            /* 30 repeated texts (shared) and, past the shared strings limit, unique ones (inline) */
            int n = r % 2 ? snprintf(text, sizeof text, "sheet %d row %d unique", s, r)
                          : snprintf(text, sizeof text, "repeated %d", r % 30);
            fast_cells_clear(c);
            fast_cells_set_string(c, 0, text, (size_t)n);
            fast_cells_set_number(c, 1, r / 7.0);
            fast_cells_set_integer(c, 2, (int64_t)r * 1000003);
            fast_cells_set_boolean(c, 3, r & 1);
            fast_cells_set_date(c, 4, 2020 + s, 1 + r % 12, 1 + r % 28);
            if (r == 0 && bold)
                fast_cells_set_row_format(c, bold);
            fault_note(run, fast_workbook_write_row(wb, c, 5), "write_row");
        }
        fault_note(run, fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 4), "set_autofilter");
        fault_note(run, fast_workbook_merge_range(wb, 0, 5, 0, 6), "merge_range");
        fault_note(run, fast_workbook_add_hyperlink(wb, 1, 0, "https://example.com/", 20),
                   "add_hyperlink");
    }
    run->close = fast_workbook_close(wb);
    fault_note(run, run->close, "close");
    snprintf(run->message, sizeof run->message, "%s", fast_workbook_error_message(wb));
    fast_workbook_free(wb);
    fast_cells_free(c);
}

/* The whole of file @path into *@data (NULL and 0 if it cannot be read). */
static inline size_t fault_read_file(const char *path, unsigned char **data)
{
    *data = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = 1 << 16, len = 0, n;
    unsigned char *p = malloc(cap);
    while (p && (n = fread(p + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap)
            p = realloc(p, cap *= 2);
    }
    fclose(f);
    *data = p;
    return p ? len : 0;
}

static inline int fault_file_equals(const char *path, const unsigned char *data, size_t len)
{
    unsigned char *got;
    size_t n = fault_read_file(path, &got);
    int same = got && n == len && memcmp(got, data, len) == 0;
    free(got);
    return same;
}

static inline void fault_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
}

/* How many entries directory @dir has besides "." and ".."; the first
 * unexpected one (not @keep) goes to @other. */
static inline int fault_dir_entries(const char *dir, const char *keep, char *other, size_t cap)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    if (other)
        other[0] = 0;
    while (d && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        n++;
        if (other && !other[0] && (!keep || strcmp(e->d_name, keep)))
            snprintf(other, cap, "%s", e->d_name);
    }
    if (d)
        closedir(d);
    return n;
}

/* Open descriptors of this process. */
static inline int fault_open_fds(void)
{
    return fault_dir_entries("/proc/self/fd", NULL, NULL, 0) - 1; /* less the one reading it */
}

#endif /* FX_FAULT_H */
