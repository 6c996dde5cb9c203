/*
 * write_notes - workbooks with notes (fast_workbook_add_note()) for run.sh:
 *
 *   write_notes file OUT.xlsx
 *       two sheets with notes (authors, a visible note, a custom box, escaping,
 *       a line break), for the readers and the schemas;
 *   write_notes rss ROWS EVERY [LIMIT]
 *       ROWS rows of 5 cells to /dev/null with a note on every EVERYth row,
 *       under a notes memory limit of LIMIT bytes (default: the library's), and
 *       prints the peak resident set size in KiB (getrusage ru_maxrss), the notes
 *       taken and the notes refused with FAST_ERROR_MEMORY_LIMIT.
 */
#include "expect.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

static void note(fast_workbook *wb, uint32_t row, uint32_t col, const char *text, const char *author, int visible,
                 uint32_t w, uint32_t h)
{
    check_ok(wb, fast_workbook_add_note(wb, row, col, text, strlen(text), author, author ? strlen(author) : 0,
                                        visible, w, h),
             "note");
}

static int small_file(const char *path)
{
    fast_workbook *wb = fast_workbook_new(path);
    if (!wb)
        return 2;
    fast_cells *c = fast_cells_new(3);
    check_ok(wb, fast_workbook_add_worksheet(wb, "Sales", 5), "sheet");
    for (int r = 0; r < 6; r++) {
        fast_cells_set_string(c, 0, "Region", 6);
        fast_cells_set_number(c, 1, r * 10.5);
        fast_cells_set_integer(c, 2, r);
        check_ok(wb, fast_workbook_write_row(wb, c, 3), "row");
    }
    note(wb, 0, 0, "Regions as of 1 March", "Ann Smith", 0, 0, 0);
    note(wb, 2, 1, "Revised: <was 20> & \"final\"\nSecond line", "Bo Li", 1, 0, 0);
    note(wb, 5, 2, "Wide box", "Ann Smith", 0, 300, 120);
    note(wb, 40, 3, "A note below the last row", NULL, 0, 0, 0);
    check_ok(wb, fast_workbook_add_worksheet(wb, "Plain", 5), "sheet");
    check_ok(wb, fast_workbook_write_row(wb, c, 3), "row");
    check_ok(wb, fast_workbook_add_worksheet(wb, "Notes \xc3\xa9t\xc3\xa9", 11), "sheet");
    check_ok(wb, fast_workbook_write_row(wb, c, 3), "row");
    note(wb, 0, 1, "\xc3\xa9t\xc3\xa9 \xe2\x82\xac", "Zo\xc3\xab", 0, 0, 0);
    check_ok(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fast_cells_free(c);
    return 0;
}

static int rss(long rows, long every, size_t limit)
{
    int fd = open("/dev/null", O_WRONLY);
    fast_workbook *wb = fast_workbook_new_fd(fd);
    if (!wb)
        return 2;
    if (limit)
        check_ok(wb, fast_workbook_set_notes_memory_limit(wb, limit), "limit");
    check_ok(wb, fast_workbook_add_worksheet(wb, "Data", 4), "sheet");
    fast_cells *c = fast_cells_new(5);
    char text[96];
    long taken = 0, refused = 0;
    for (long r = 0; r < rows; r++) {
        fast_cells_set_integer(c, 0, r + 1);
        fast_cells_set_number(c, 1, (double)(r % 1000) * 0.25);
        fast_cells_set_string(c, 2, "status", 6);
        fast_cells_set_integer(c, 3, (r * 31) % 100000);
        fast_cells_set_boolean(c, 4, r & 1);
        check_ok(wb, fast_workbook_write_row(wb, c, 5), "row");
        if (r % every == 0) {
            int n = snprintf(text, sizeof text, "Checked row %ld: value %ld within tolerance", r + 1, (r * 31) % 100000);
            fast_status st = fast_workbook_add_note(wb, (uint32_t)r, 3, text, (size_t)n, "Auditor", 7, 0, 0, 0);
            if (st == FAST_OK)
                taken++;
            else if (st == FAST_ERROR_MEMORY_LIMIT)
                refused++;
            else
                check_ok(wb, st, "note");
        }
    }
    check_ok(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fast_cells_free(c);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%ld %ld %ld\n", ru.ru_maxrss, taken, refused);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "file") == 0)
        return small_file(argv[2]);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "rss") == 0)
        return rss(atol(argv[2]), atol(argv[3]), argc == 5 ? (size_t)atol(argv[4]) : 0);
    fprintf(stderr, "usage: write_notes file OUT.xlsx | write_notes rss ROWS EVERY [LIMIT]\n");
    return 2;
}
