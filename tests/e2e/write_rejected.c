/*
 * write_rejected.c OUT.xlsx OUT.json - a workbook written through every kind of
 * call that fails without changing anything (issue 7 §3): an invalid setting, a
 * setting given too late, rows refused whole by their checks (NaN, an impossible
 * date, a 32,768-character string, invalid UTF-8, too many columns, the format
 * limit, the row limit). Each failure must return its status with a message and
 * leave the workbook usable (fast_workbook_status() stays FAST_OK); the rows
 * accepted around them are written, and the expectation lists exactly those, for
 * tests/tools/check_values.py (openpyxl and the package XML). Exit status 0, or 1
 * with the first surprise.
 */
#include "expect.h"

static fast_workbook *wb;

/* @st must be @want, the workbook still usable, and the message non-empty. */
static void rejected(fast_status st, fast_status want, const char *what)
{
    if (st != want) {
        fprintf(stderr, "%s: status %d (%s), expected %d (%s): %s\n", what, (int)st, fast_strerror(st), (int)want,
                fast_strerror(want), fast_workbook_error_message(wb));
        exit(1);
    }
    if (fast_workbook_status(wb) != FAST_OK) {
        fprintf(stderr, "%s: the failure became sticky: %s\n", what, fast_workbook_error_message(wb));
        exit(1);
    }
    if (fast_workbook_error_message(wb)[0] == '\0') {
        fprintf(stderr, "%s: no message\n", what);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: write_rejected OUT.xlsx OUT.json\n");
        return 2;
    }
    expect e;
    ex_open(&e, argv[2]);
    wb = fast_workbook_new(argv[1]);
    if (!wb) {
        perror(argv[1]);
        return 1;
    }
    fast_cells *c = fast_cells_new(FAST_MAX_COLUMNS);
    if (!c)
        return 1;

    /* Settings: invalid values, and given too late. */
    rejected(fast_workbook_freeze_panes(wb, 1, 0), FAST_ERROR_STATE, "freeze_panes before any sheet");
    check_ok(wb, fast_workbook_add_worksheet(wb, "Data", 4), "add Data");
    ex_sheet(&e, "Data", "A1:B4");
    rejected(fast_workbook_add_worksheet(wb, "data", 4), FAST_ERROR_DUPLICATE_SHEET_NAME, "duplicate sheet name");
    rejected(fast_workbook_add_worksheet(wb, "a/b", 3), FAST_ERROR_SHEET_NAME, "sheet name with /");
    rejected(fast_workbook_set_column_width(wb, 0, 0, 300), FAST_ERROR_INVALID_ARGUMENT, "column width 300");
    rejected(fast_workbook_set_property(wb, 99, "x", 1), FAST_ERROR_INVALID_ARGUMENT, "unknown property id");
    rejected(fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, "t\xEF\xBF\xBE", 4), FAST_ERROR_INVALID_ARGUMENT,
             "property with U+FFFE");
    rejected(fast_workbook_set_compression_level(wb, 1), FAST_ERROR_STATE, "compression level after a sheet");
    rejected(fast_workbook_set_row_limit_policy(wb, 7), FAST_ERROR_INVALID_ARGUMENT, "unknown row policy");

    const char *head[2] = {"name", "value"};
    check_ok(wb, fast_workbook_write_row_strings(wb, head, NULL, 2), "header row");
    ex_row(&e);
    ex_string(&e, "name", 4);
    ex_string(&e, "value", 5);
    rejected(fast_workbook_freeze_panes(wb, 1, 0), FAST_ERROR_TOO_LATE, "freeze_panes after the first row");
    rejected(fast_workbook_set_column_width(wb, 0, 0, 10), FAST_ERROR_TOO_LATE, "column width after the first row");
    rejected(fast_workbook_merge_range(wb, 0, 0, 0, 0), FAST_ERROR_INVALID_ARGUMENT, "merge_range of one cell");
    rejected(fast_workbook_add_hyperlink(wb, 0, 0, "https://a/\xEF\xBF\xBF", 13), FAST_ERROR_INVALID_ARGUMENT,
             "URL with U+FFFF");

    /* Rows refused whole; good rows between them. */
    fast_cells_set_string(c, 0, "nan", 3);
    fast_cells_set_number(c, 1, 0.0 / 0.0);
    rejected(fast_workbook_write_row(wb, c, 2), FAST_ERROR_NONFINITE_NUMBER, "NaN");
    fast_cells_set_string(c, 0, "ok", 2);
    fast_cells_set_number(c, 1, 2.5);
    check_ok(wb, fast_workbook_write_row(wb, c, 2), "row ok");
    ex_row(&e);
    ex_string(&e, "ok", 2);
    ex_number(&e, 2.5);

    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "bad date", 8);
    fast_cells_set_date(c, 1, 2023, 2, 30);
    rejected(fast_workbook_write_row(wb, c, 2), FAST_ERROR_INVALID_DATE, "2023-02-30");

    static char longtext[FAST_MAX_STRING_CHARS + 1];
    memset(longtext, 'L', sizeof longtext);
    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "long", 4);
    fast_cells_set_string(c, 1, longtext, sizeof longtext);
    rejected(fast_workbook_write_row(wb, c, 2), FAST_ERROR_STRING_TOO_LONG, "32,768 characters");
    fast_cells_set_string(c, 1, longtext, sizeof longtext - 1);
    check_ok(wb, fast_workbook_write_row(wb, c, 2), "32,767 characters");
    ex_row(&e);
    ex_string(&e, "long", 4);
    ex_string(&e, longtext, sizeof longtext - 1);

    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "utf8", 4);
    fast_cells_set_string(c, 1, "ab\xC3(", 4);
    rejected(fast_workbook_write_row(wb, c, 2), FAST_ERROR_INVALID_UTF8, "invalid UTF-8");

    static const char *wide[FAST_MAX_COLUMNS + 1];
    for (size_t i = 0; i <= FAST_MAX_COLUMNS; i++)
        wide[i] = "w";
    rejected(fast_workbook_write_row_strings(wb, wide, NULL, FAST_MAX_COLUMNS + 1), FAST_ERROR_COLUMN_LIMIT,
             "16,385 columns");

    fast_cells_clear(c);
    fast_cells_set_integer(c, 0, 42);
    check_ok(wb, fast_workbook_write_row(wb, c, 1), "row 42");
    ex_row(&e);
    ex_integer(&e, 42);

    /* The format limit: FAST_MAX_FORMATS - 1 formats besides the default fit,
     * in rows of formatted blank cells; the row that needs one more is refused. */
    check_ok(wb, fast_workbook_add_worksheet(wb, "Formats", 7), "add Formats");
    ex_sheet(&e, "Formats", "A1:XFD6");
    const uint32_t room = FAST_MAX_FORMATS - 1;
    uint32_t used = 0;
    for (int r = 0; r < 4; r++) {
        size_t n = 0;
        fast_cells_clear(c);
        int last = r == 3;
        size_t want = last ? room - used + 1 : FAST_MAX_COLUMNS; /* the last row: one too many */
        for (; n < want; n++) {
            fast_format *f = fast_workbook_add_format(wb);
            if (!f)
                check_ok(wb, fast_workbook_status(wb), "add format");
            check_ok(wb, fast_format_set_fill_color(f, used + (uint32_t)n + 1), "fill colour");
            fast_cells_set_format(c, n, f);
        }
        if (last) {
            rejected(fast_workbook_write_row(wb, c, n), FAST_ERROR_FORMAT_LIMIT, "format limit");
            n--; /* without the last cell it fits exactly */
        }
        check_ok(wb, fast_workbook_write_row(wb, c, n), "formatted row");
        used += (uint32_t)n;
        ex_row(&e);
    }
    fast_format *bold = fast_workbook_add_format(wb);
    fast_format_set_bold(bold, 1);
    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "bold", 4);
    fast_cells_set_format(c, 0, bold);
    rejected(fast_workbook_write_row(wb, c, 1), FAST_ERROR_FORMAT_LIMIT, "format limit again");
    fast_cells_set_format(c, 0, NULL);
    fast_cells_set_string(c, 0, "after the limit", 15);
    check_ok(wb, fast_workbook_write_row(wb, c, 1), "row after the format limit");
    ex_row(&e);
    ex_string(&e, "after the limit", 15);

    /* The row limit with FAST_ROWS_ERROR. */
    check_ok(wb, fast_workbook_set_row_limit_policy(wb, FAST_ROWS_ERROR), "policy");
    check_ok(wb, fast_workbook_set_rows_per_sheet(wb, 6), "rows per sheet");
    fast_cells_set_string(c, 0, "row 6", 5);
    check_ok(wb, fast_workbook_write_row(wb, c, 1), "row 6");
    ex_row(&e);
    ex_string(&e, "row 6", 5);
    rejected(fast_workbook_write_row(wb, c, 1), FAST_ERROR_ROW_LIMIT, "row 7 of 6");

    check_ok(wb, fast_workbook_add_worksheet(wb, "Last", 4), "add Last");
    ex_sheet(&e, "Last", "A1");
    fast_cells_clear(c);
    fast_cells_set_boolean(c, 0, 1);
    check_ok(wb, fast_workbook_write_row(wb, c, 1), "last row");
    ex_row(&e);
    ex_boolean(&e, 1);
    rejected(fast_workbook_set_created_time(wb, INT64_MAX), FAST_ERROR_INVALID_ARGUMENT, "created time");

    check_ok(wb, fast_workbook_close(wb), "close");
    ex_close(&e);
    fast_workbook_free(wb);
    fast_cells_free(c);
    return 0;
}
