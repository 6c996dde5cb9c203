/*
 * write_print.c - a workbook with every page setup setting and ignored errors,
 * for tests/readers/print.sh: sheet "Print" with everything (and a tab colour,
 * no gridlines, zoom, default row height, protection with password "password";
 * the structure locked with "secret"), sheet "Bob's list", hidden and right
 * to left, with other values (portrait, fit 2 by 3, a print area, title
 * columns and rows, row and column outlines with the summary rows above)
 * and ignored errors of several kinds, sheet "Plain", very
 * hidden, with nothing else.
 * The values are those of tests/readers/print.expect.json.
 *
 *   write_print OUT.xlsx
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT(s) s, strlen(s)

static fast_workbook *wb;

static void check(fast_status st, const char *what)
{
    if (st != FAST_OK) {
        fprintf(stderr, "write_print: %s: %s\n", what, fast_workbook_error_message(wb));
        exit(1);
    }
}

static void rows(int n, int cols)
{
    fast_cells *c = fast_cells_new((size_t)cols);
    for (int r = 0; r < n; r++) {
        for (int k = 0; k < cols; k++) {
            char t[16];
            int len = snprintf(t, sizeof t, "%05d", r * 10 + k); /* numbers as text */
            fast_cells_set_string(c, (size_t)k, t, (size_t)len);
        }
        check(fast_workbook_write_row(wb, c, (size_t)cols), "row");
    }
    fast_cells_free(c);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: write_print OUT.xlsx\n");
        return 2;
    }
    wb = fast_workbook_new(argv[1]);
    if (!wb)
        return 1;
    /* The workbook opens at the last sheet, named in other case before it exists. */
    check(fast_workbook_set_active_sheet(wb, TEXT("SUMMARY")), "active sheet");
    check(fast_workbook_add_worksheet(wb, TEXT("Print")), "sheet");
    check(fast_workbook_set_fit_to_pages(wb, 1, 0), "fit");
    check(fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE), "orientation");
    check(fast_workbook_set_paper_size(wb, 9), "paper");
    check(fast_workbook_set_print_scale(wb, 75), "scale");
    check(fast_workbook_set_margins(wb, 0.5, 0.6, 1, 1.25, 0.2, 0.3), "margins");
    check(fast_workbook_set_first_page_number(wb, 3), "first page");
    for (int o = FAST_PRINT_BLACK_AND_WHITE; o <= FAST_PRINT_HEADINGS; o++)
        check(fast_workbook_set_print_option(wb, o, 1), "option");
    check(fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, TEXT("&L&A&C&\"Arial,Bold\"Report&RPage &P of &N")),
          "odd header");
    check(fast_workbook_set_header_footer(wb, FAST_FOOTER_ODD, TEXT("&CR&&D &D &T")), "odd footer");
    check(fast_workbook_set_header_footer(wb, FAST_HEADER_EVEN, TEXT("&Reven &P")), "even header");
    check(fast_workbook_set_header_footer(wb, FAST_FOOTER_EVEN, TEXT("&L&F")), "even footer");
    check(fast_workbook_set_header_footer(wb, FAST_HEADER_FIRST, TEXT("&Cfirst page")), "first header");
    check(fast_workbook_set_header_footer(wb, FAST_FOOTER_FIRST, TEXT("&C\xc3\xa9t\xc3\xa9 &P")), "first footer");
    check(fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 20), "row break");
    check(fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 40), "row break");
    check(fast_workbook_add_page_break(wb, FAST_BREAK_COLUMN, 2), "column break");
    check(fast_workbook_set_print_title_rows(wb, 0, 0), "title rows");
    check(fast_workbook_set_print_area(wb, 0, 0, FAST_LAST_ROW, 3), "print area");
    check(fast_workbook_ignore_errors(wb, 1, 0, FAST_LAST_ROW, 1, FAST_IGNORE_NUMBER_STORED_AS_TEXT), "ignore");
    check(fast_workbook_set_tab_color(wb, 0xFF8000), "tab colour");
    check(fast_workbook_set_gridlines_shown(wb, 0), "gridlines");
    check(fast_workbook_set_zoom(wb, 150), "zoom");
    check(fast_workbook_set_default_row_height(wb, 20.25), "default row height");
    check(fast_workbook_protect_sheet(wb, TEXT("password"), FAST_PROTECT_ALLOW_SORT | FAST_PROTECT_ALLOW_AUTOFILTER),
          "protect sheet");
    check(fast_workbook_protect_structure(wb, TEXT("secret")), "protect structure");
    rows(50, 4);

    check(fast_workbook_add_worksheet(wb, TEXT("Bob's list")), "sheet 2");
    check(fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN), "hidden");
    check(fast_workbook_set_right_to_left(wb, 1), "right to left");
    check(fast_workbook_set_fit_to_pages(wb, 2, 3), "fit 2");
    check(fast_workbook_set_page_orientation(wb, FAST_PORTRAIT), "portrait");
    check(fast_workbook_set_print_area(wb, 1, 1, 5, 2), "area 2");
    check(fast_workbook_set_print_title_rows(wb, 0, 1), "title rows 2");
    check(fast_workbook_set_print_title_columns(wb, 0, 0), "title columns 2");
    check(fast_workbook_ignore_errors(wb, 0, 0, 9, 0, FAST_IGNORE_NUMBER_STORED_AS_TEXT | FAST_IGNORE_FORMULA),
          "ignore 2");
    check(fast_workbook_ignore_errors(wb, 0, 2, 4, 3, FAST_IGNORE_EVAL_ERROR | FAST_IGNORE_TWO_DIGIT_TEXT_YEAR |
                                                          FAST_IGNORE_FORMULA_RANGE | FAST_IGNORE_UNLOCKED_FORMULA |
                                                          FAST_IGNORE_EMPTY_CELL_REFERENCE |
                                                          FAST_IGNORE_LIST_DATA_VALIDATION |
                                                          FAST_IGNORE_CALCULATED_COLUMN),
          "ignore 3");
    /* outlines: rows 2..4 grouped (summary above), columns B..C grouped and hidden, D a collapsed summary */
    check(fast_workbook_set_outline_levels(wb, 2, 1), "outline levels");
    check(fast_workbook_set_outline_summary(wb, 0, 1), "outline summary");
    check(fast_workbook_set_column_outline(wb, 1, 2, 1, 1, 0), "column outline");
    check(fast_workbook_set_column_outline(wb, 3, 3, 0, 0, 1), "column summary");
    rows(1, 4);
    check(fast_workbook_set_row_outline(wb, 1, 0, 0), "row outline 2");
    rows(1, 4);
    check(fast_workbook_set_row_outline(wb, 2, 1, 0), "row outline 3");
    rows(1, 4);
    check(fast_workbook_set_row_outline(wb, 1, 0, 1), "row outline 4");
    rows(7, 4);

    check(fast_workbook_add_worksheet(wb, TEXT("Plain")), "sheet 3");
    check(fast_workbook_set_sheet_state(wb, FAST_SHEET_VERY_HIDDEN), "very hidden");
    rows(2, 2);
    check(fast_workbook_add_worksheet(wb, TEXT("Summary")), "sheet 4");
    rows(3, 2);
    /* Defined names of both scopes, after the sheets (any time before close). */
    check(fast_workbook_define_name(wb, TEXT("Rate"), FAST_SCOPE_WORKBOOK, TEXT("0.05")), "name Rate");
    check(fast_workbook_define_name(wb, TEXT("Sales"), FAST_SCOPE_WORKBOOK, TEXT("Print!$A$1:$D$50")), "name Sales");
    check(fast_workbook_define_name(wb, TEXT("Sales"), 0, TEXT("Print!$A$2:$D$50")), "sheet name Sales");
    check(fast_workbook_define_name(wb, TEXT("Here"), 1, TEXT("'Bob''s list'!$B$2")), "sheet name Here");
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    return 0;
}
