/*
 * write_dates - a workbook of dates and date-times around the 1900 date system's
 * edges, with millisecond times, and its expectation for tests/readers/compare.py.
 *
 *   write_dates OUT.xlsx OUT.json
 *
 * Sheet "Dates": column A the ISO text of the value, column B the date cell. The
 * 1900 date system counts 1900-02-29, which did not exist, as serial 60 (ECMA-376
 * Part 1 §18.17.4.1): 1900-02-28 is 59 and 1900-03-01 is 61, and a reader that
 * converts serials below 61 without that rule is a day off there.
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static fast_workbook *wb;

static void check(fast_status st, const char *what)
{
    if (st == FAST_OK)
        return;
    fprintf(stderr, "write_dates: %s: %s: %s\n", what, fast_strerror(st), fast_workbook_error_message(wb));
    exit(1);
}

int main(int argc, char **argv)
{
    static const struct {
        int y, mo, d, h, mi, s, ms; /* h < 0: a date without time */
    } dates[] = {
        {1900, 1, 1, -1, 0, 0, 0},   {1900, 1, 2, -1, 0, 0, 0},    {1900, 2, 28, -1, 0, 0, 0},
        {1900, 3, 1, -1, 0, 0, 0},   {1900, 3, 2, -1, 0, 0, 0},    {1900, 12, 31, -1, 0, 0, 0},
        {1904, 1, 1, -1, 0, 0, 0},   {1970, 1, 1, -1, 0, 0, 0},    {2000, 2, 29, -1, 0, 0, 0},
        {9999, 12, 31, -1, 0, 0, 0}, {1900, 1, 1, 0, 0, 0, 1},     {1900, 2, 28, 23, 59, 59, 999},
        {1900, 3, 1, 12, 0, 0, 0},   {2024, 2, 29, 13, 14, 15, 678}, {2024, 1, 1, 0, 0, 0, 1},
        {2024, 12, 31, 23, 59, 59, 999}, {2038, 1, 19, 3, 14, 7, 500}, {9999, 12, 31, 23, 59, 59, 999},
        {1999, 12, 31, 23, 59, 59, 0}, /* SheetJS reads it as 23:59:58.999 */
    };
    if (argc != 3) {
        fprintf(stderr, "usage: write_dates OUT.xlsx OUT.json\n");
        return 2;
    }
    FILE *json = fopen(argv[2], "w");
    wb = fast_workbook_new(argv[1]);
    fast_cells *row = fast_cells_new(2);
    if (!json || !wb || !row) {
        perror("write_dates");
        return 1;
    }
    fast_format *ms = fast_workbook_add_format(wb);
    if (!ms)
        check(fast_workbook_status(wb), "add format");
    check(fast_format_set_num_format(ms, "yyyy-mm-dd hh:mm:ss.000", 23), "millisecond format");
    check(fast_workbook_add_worksheet(wb, "Dates", 5), "add sheet");
    fputs("{\"sheets\": [{\"name\": \"Dates\", \"merges\": [], \"links\": {}, \"freeze\": null, "
          "\"filter\": null, \"cells\": {", json);
    size_t n = sizeof dates / sizeof dates[0];
    for (size_t i = 0; i < n; i++) {
        char iso[32];
        int h = dates[i].h < 0 ? 0 : dates[i].h;
        snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", dates[i].y, dates[i].mo, dates[i].d, h,
                 dates[i].mi, dates[i].s, dates[i].ms);
        fast_cells_clear(row);
        fast_cells_set_string(row, 0, iso, strlen(iso));
        if (dates[i].h < 0) {
            check(fast_cells_set_date(row, 1, dates[i].y, dates[i].mo, dates[i].d), "date");
        } else {
            check(fast_cells_set_datetime(row, 1, dates[i].y, dates[i].mo, dates[i].d, dates[i].h, dates[i].mi,
                                          dates[i].s, dates[i].ms), "date-time");
            if (dates[i].ms)
                fast_cells_set_format(row, 1, ms);
        }
        check(fast_workbook_write_row(wb, row, 2), "row");
        fprintf(json, "%s\"A%zu\": [\"s\", \"%s\"], \"B%zu\": [\"d\", \"%s\"]", i ? ", " : "", i + 1, iso, i + 1,
                iso);
    }
    fputs("}}]}\n", json);
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fast_cells_free(row);
    return fclose(json) == 0 ? 0 : 1;
}
