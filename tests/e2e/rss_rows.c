/*
 * rss_rows - writes N rows of mixed data (numbers, repeated and unique strings,
 * booleans; 19 columns) to /dev/null and prints the process's peak resident set
 * size in KiB (getrusage ru_maxrss). run.sh compares a short and a long run:
 * peak memory must not grow with the number of rows.
 *
 *   rss_rows ROWS [lowmem]
 */
#include "expect.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: rss_rows ROWS [lowmem]\n");
        return 2;
    }
    long rows = atol(argv[1]);
    int fd = open("/dev/null", O_WRONLY);
    fast_workbook *wb = fast_workbook_new_fd(fd);
    if (!wb)
        return 2;
    if (argc > 2) {
        check_ok(wb, fast_workbook_set_max_buffer_size(wb, 16384), "buffer");
        check_ok(wb, fast_workbook_set_shared_strings_limit(wb, 10000, 1 << 20), "sst");
    }
    static const char *const status[] = {"open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"};
    fast_cells *c = fast_cells_new(19);
    char cust[3][48];
    long sheet_rows = 0;
    check_ok(wb, fast_workbook_add_worksheet(wb, NULL, 0), "sheet");
    for (long r = 1; r <= rows; r++) {
        if (++sheet_rows > (long)FAST_MAX_ROWS) {
            check_ok(wb, fast_workbook_add_worksheet(wb, NULL, 0), "sheet");
            sheet_rows = 1;
        }
        fast_cells_set_integer(c, 0, r);
        for (int k = 1; k <= 4; k++)
            fast_cells_set_number(c, (size_t)k, (double)(r % 100000) * 0.01 + k);
        for (int k = 5; k <= 8; k++)
            fast_cells_set_integer(c, (size_t)k, (r * 31 + k) % 1000000);
        for (int k = 9; k <= 12; k++) {
            const char *s = status[(r + k) % 8];
            fast_cells_set_string(c, (size_t)k, s, strlen(s));
        }
        for (int k = 13; k <= 15; k++) {
            int n = snprintf(cust[k - 13], sizeof cust[0], "customer_%ld_%d", r, k);
            fast_cells_set_string(c, (size_t)k, cust[k - 13], (size_t)n);
        }
        fast_cells_set_boolean(c, 16, r & 1);
        fast_cells_set_number(c, 17, (double)(r % 1000) / 3.0);
        fast_cells_set_integer(c, 18, 45000 + r % 3650);
        check_ok(wb, fast_workbook_write_row(wb, c, 19), "row");
    }
    check_ok(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fast_cells_free(c);
    close(fd);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%ld\n", ru.ru_maxrss);
    return 0;
}
