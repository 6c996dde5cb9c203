/*
 * write_big - a workbook whose first sheet holds more than 4 GiB of XML, so its
 * ZIP entry needs ZIP64 sizes; with level 0 the entries after it also start past
 * 4 GiB (ZIP64 offsets, ZIP64 end of central directory record).
 *
 *   write_big OUT.xlsx LEVEL
 *
 * Sheet "Big": ROWS rows of 8 inline strings of about 1000 characters (the shared
 * strings table is off), each starting with its cell reference. Sheet "Small":
 * three known rows, read back by openpyxl. Prints "rows=N".
 */
#include "expect.h"

#define ROWS 540000
#define COLS 8
#define TEXT 1000

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: write_big OUT.xlsx LEVEL\n");
        return 2;
    }
    fast_workbook *wb = fast_workbook_new(argv[1]);
    if (!wb) {
        perror(argv[1]);
        return 2;
    }
    check_ok(wb, fast_workbook_set_compression_level(wb, atoi(argv[2])), "level");
    check_ok(wb, fast_workbook_set_shared_strings_limit(wb, 0, 0), "sst off");
    check_ok(wb, fast_workbook_add_worksheet(wb, "Big", 3), "add Big");
    fast_cells *c = fast_cells_new(COLS);
    static char text[COLS][TEXT];
    for (int k = 0; k < COLS; k++)
        for (int i = 0; i < TEXT; i++)
            text[k][i] = (char)('a' + (i * 7 + k * 3) % 26);
    for (int r = 1; r <= ROWS; r++) {
        for (int k = 0; k < COLS; k++) {
            /* A distinct head per cell, so the data is not one repeated block. */
            int n = snprintf(text[k], 24, "%c%d:", 'A' + k, r);
            text[k][n] = ' ';
            fast_cells_set_string(c, (size_t)k, text[k], TEXT);
        }
        check_ok(wb, fast_workbook_write_row(wb, c, COLS), "big row");
    }
    check_ok(wb, fast_workbook_add_worksheet(wb, "Small", 5), "add Small");
    static const char *const rows[3][2] = {{"after", "the big sheet"}, {"still", "readable"}, {"last", "row"}};
    for (int r = 0; r < 3; r++)
        check_ok(wb, fast_workbook_write_row_strings(wb, rows[r], NULL, 2), "small row");
    check_ok(wb, fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fast_cells_free(c);
    printf("rows=%d\n", ROWS);
    return 0;
}
