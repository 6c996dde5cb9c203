/*
 * rss_wide - peak memory of the rows a workbook keeps in memory, on full-width
 * rows (16,384 short strings). Writes to /dev/null and prints the process's peak
 * resident set size in KiB (VmHWM of /proc/self/status), then, for "header", how
 * many header rows were accepted and how many refused with FAST_ERROR_MEMORY_LIMIT.
 *
 *   rss_wide autofit ROWS    autofit over 1,000 rows (what csv2xlsx uses), ROWS rows
 *   rss_wide header ROWS     100 header rows (fast_workbook_set_header_rows), ROWS rows
 *
 * run.sh checks that the peak stays bounded (issue 7 §4: 918 MB and 118 MB before
 * the row memory limit).
 */
#include "expect.h"

#include <fcntl.h>
#include <unistd.h>

static long peak_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = atol(line + 6);
    if (f)
        fclose(f);
    return kib;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "autofit") != 0 && strcmp(argv[1], "header") != 0)) {
        fprintf(stderr, "usage: rss_wide autofit|header ROWS\n");
        return 2;
    }
    int header = strcmp(argv[1], "header") == 0;
    long rows = atol(argv[2]);
    int fd = open("/dev/null", O_WRONLY);
    fast_workbook *wb = fast_workbook_new_fd(fd);
    if (!wb)
        return 2;
    if (header)
        check_ok(wb, fast_workbook_set_header_rows(wb, 100), "header rows");
    else
        check_ok(wb, fast_workbook_set_autofit_rows(wb, 1000), "autofit");
    check_ok(wb, fast_workbook_add_worksheet(wb, "Wide", 4), "sheet");
    fast_cells *c = fast_cells_new(FAST_MAX_COLUMNS);
    static char text[FAST_MAX_COLUMNS][8];
    long accepted = 0, refused = 0;
    for (long r = 1; r <= rows; r++) {
        for (size_t i = 0; i < FAST_MAX_COLUMNS; i++) {
            /* Short strings, a few thousand distinct ones. */
            int n = snprintf(text[i], sizeof text[i], "v%ld", (long)((i * 7 + (size_t)r) % 5000));
            fast_cells_set_string(c, i, text[i], (size_t)n);
        }
        fast_status st = fast_workbook_write_row(wb, c, FAST_MAX_COLUMNS);
        if (header && st == FAST_ERROR_MEMORY_LIMIT && fast_workbook_status(wb) == FAST_OK) {
            refused++;
            continue;
        }
        check_ok(wb, st, "row");
        accepted++;
    }
    check_ok(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fast_cells_free(c);
    close(fd);
    if (header)
        printf("%ld %ld %ld\n", peak_kib(), accepted, refused);
    else
        printf("%ld\n", peak_kib());
    return 0;
}
