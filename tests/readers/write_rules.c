/*
 * write_rules - a workbook of data validations and conditional formats of every
 * kind, for tests/readers/rules.sh, which reads it back with openpyxl, Apache POI
 * and ExcelJS and compares what they see with tests/readers/rules.expect.json
 * (what this program writes, stated independently of the library).
 *
 *   write_rules OUT.xlsx [SCALE.xlsx]
 *
 * Sheet "Rules": 11 data rows under a header (numbers in A, C, D, regions in B,
 * dates in E); sheet "Lists": the values of a list validation.
 * SCALE.xlsx: the numbers 1..10 in A1:A10, tall rows and a wide column, under a
 * two-colour scale from pure red (lowest) to pure blue (highest), for a check of
 * LibreOffice's PDF export of the colours.
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT(s) (s), strlen(s)

static fast_workbook *wb;

static void check(fast_status st, const char *what)
{
    if (st == FAST_OK)
        return;
    fprintf(stderr, "write_rules: %s: %s: %s\n", what, fast_strerror(st), fast_workbook_error_message(wb));
    exit(1);
}

static fast_validation *dv(int type, int op)
{
    fast_validation *v = fast_validation_new();
    if (!v)
        exit(1);
    check(fast_validation_set_type(v, type), "dv type");
    check(fast_validation_set_operator(v, op), "dv operator");
    return v;
}

static void add_dv(fast_validation *v, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2)
{
    check(fast_workbook_add_validation(wb, r1, c1, r2, c2, v), "add validation");
    fast_validation_free(v);
}

static fast_cond_format *cf(int type, const fast_format *f)
{
    fast_cond_format *c = fast_cond_format_new();
    if (!c)
        exit(1);
    check(fast_cond_format_set_type(c, type), "cf type");
    check(fast_cond_format_set_format(c, f), "cf format");
    return c;
}

static void add_cf(fast_cond_format *c, uint32_t c1)
{
    check(fast_workbook_add_cond_format(wb, 1, c1, FAST_LAST_ROW, c1, c), "add conditional format");
    fast_cond_format_free(c);
}

static void write_scale(const char *path)
{
    wb = fast_workbook_new(path);
    if (!wb)
        exit(1);
    check(fast_workbook_add_worksheet(wb, TEXT("Scale")), "sheet");
    check(fast_workbook_set_column_width(wb, 0, 0, 40), "width");
    fast_cond_format *c = fast_cond_format_new();
    if (!c)
        exit(1);
    check(fast_cond_format_set_type(c, FAST_COND_COLOR_SCALE_2), "scale");
    check(fast_cond_format_set_color(c, 0, 0xFF0000), "red");
    check(fast_cond_format_set_color(c, 1, 0x0000FF), "blue");
    check(fast_workbook_add_cond_format(wb, 0, 0, FAST_LAST_ROW, 0, c), "add scale");
    fast_cond_format_free(c);
    fast_cells *row = fast_cells_new(1);
    check(fast_cells_set_row_height(row, 40), "height");
    for (int i = 1; i <= 10; i++) {
        fast_cells_set_integer(row, 0, i);
        check(fast_workbook_write_row(wb, row, 1), "row");
    }
    fast_cells_free(row);
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: write_rules OUT.xlsx [SCALE.xlsx]\n");
        return 2;
    }
    if (argc == 3)
        write_scale(argv[2]);
    wb = fast_workbook_new(argv[1]);
    if (!wb)
        return 1;
    fast_format *red = fast_workbook_add_format(wb), *marks = fast_workbook_add_format(wb);
    fast_format *boxed = fast_workbook_add_format(wb), *green = fast_workbook_add_format(wb);
    if (!red || !marks || !boxed || !green)
        return 1;
    check(fast_format_set_font_color(red, 0x9C0006), "red font");
    check(fast_format_set_fill_color(red, 0xFFC7CE), "red fill");
    check(fast_format_set_bold(marks, 1), "bold");
    check(fast_format_set_italic(marks, 1), "italic");
    check(fast_format_set_underline(marks, 1), "underline");
    check(fast_format_set_strikeout(marks, 1), "strikeout");
    check(fast_format_set_border(boxed, 1), "border");
    check(fast_format_set_num_format(boxed, TEXT("0.0")), "number format");
    check(fast_format_set_fill_color(green, 0xC6EFCE), "green fill");

    check(fast_workbook_add_worksheet(wb, TEXT("Rules")), "sheet");
    fast_cells *row = fast_cells_new(5);
    static const char *const heads[5] = {"Number", "Region", "Units", "Revenue", "Date"};
    static const char *const regions[4] = {"North", "South", "East", "West"};
    for (int i = 0; i < 5; i++)
        fast_cells_set_string(row, (size_t)i, TEXT(heads[i]));
    check(fast_workbook_write_row(wb, row, 5), "header");

    /* Data validations (the expectation lists them in this order). */
    fast_validation *v = dv(FAST_VALIDATION_LIST, FAST_OPERATOR_BETWEEN);
    for (int k = 0; k < 4; k++)
        check(fast_validation_add_list_item(v, TEXT(regions[k])), "item");
    check(fast_validation_set_input_message(v, TEXT("Region"), TEXT("Pick a region.")), "prompt");
    check(fast_validation_set_error_message(v, FAST_ERROR_STYLE_STOP, TEXT("Unknown"), TEXT("Use a region from the list.")),
          "error");
    add_dv(v, 1, 1, FAST_LAST_ROW, 1);
    v = dv(FAST_VALIDATION_WHOLE, FAST_OPERATOR_BETWEEN);
    check(fast_validation_set_number(v, 1, 1), "min");
    check(fast_validation_set_number(v, 2, 100), "max");
    check(fast_validation_set_error_message(v, FAST_ERROR_STYLE_WARNING, TEXT("Units"), TEXT("1 to 100 units")), "error");
    add_dv(v, 1, 2, FAST_LAST_ROW, 2);
    v = dv(FAST_VALIDATION_DECIMAL, FAST_OPERATOR_GREATER_THAN);
    check(fast_validation_set_number(v, 1, 0.5), "value");
    check(fast_validation_set_error_message(v, FAST_ERROR_STYLE_INFORMATION, NULL, 0, TEXT("More than 0.5")), "error");
    add_dv(v, 1, 3, FAST_LAST_ROW, 3);
    v = dv(FAST_VALIDATION_DATE, FAST_OPERATOR_BETWEEN);
    check(fast_validation_set_date(v, 1, 2024, 1, 1), "from");
    check(fast_validation_set_date(v, 2, 2024, 12, 31), "to");
    add_dv(v, 1, 4, 4, 4);
    v = dv(FAST_VALIDATION_TEXT_LENGTH, FAST_OPERATOR_LESS_THAN_OR_EQUAL);
    check(fast_validation_set_number(v, 1, 10), "length");
    add_dv(v, 1, 5, 4, 5);
    v = dv(FAST_VALIDATION_LIST, FAST_OPERATOR_BETWEEN);
    check(fast_validation_set_list_range(v, TEXT("Lists"), TEXT("A1:A3")), "range");
    check(fast_validation_set_dropdown(v, 0), "no dropdown");
    add_dv(v, 1, 6, 4, 6);
    v = dv(FAST_VALIDATION_CUSTOM, FAST_OPERATOR_BETWEEN);
    check(fast_validation_set_formula(v, 1, TEXT("ISNUMBER(H2)")), "formula");
    check(fast_validation_set_ignore_blank(v, 0), "no blanks");
    add_dv(v, 1, 7, 4, 7);
    v = dv(FAST_VALIDATION_TIME, FAST_OPERATOR_GREATER_THAN);
    check(fast_validation_set_time(v, 1, 9, 0, 0), "time");
    add_dv(v, 1, 8, 4, 8);
    v = dv(FAST_VALIDATION_ANY, FAST_OPERATOR_BETWEEN);
    check(fast_validation_set_input_message(v, TEXT("Note"), TEXT("Free text")), "prompt");
    add_dv(v, 1, 9, 1, 9);

    /* Conditional formats, priorities 1.. in this order. */
    fast_cond_format *c = cf(FAST_COND_CELL, red);
    check(fast_cond_format_set_operator(c, FAST_OPERATOR_GREATER_THAN), "op");
    check(fast_cond_format_set_number(c, 1, 5), "value");
    add_cf(c, 0);
    c = cf(FAST_COND_CELL, marks);
    check(fast_cond_format_set_number(c, 1, 2), "min");
    check(fast_cond_format_set_number(c, 2, 4), "max");
    check(fast_cond_format_set_stop_if_true(c, 1), "stop");
    add_cf(c, 0);
    c = cf(FAST_COND_EXPRESSION, boxed);
    check(fast_cond_format_set_formula(c, 1, TEXT("$A2>8")), "formula");
    add_cf(c, 0);
    c = cf(FAST_COND_TOP, green);
    check(fast_cond_format_set_rank(c, 3, 0), "rank");
    add_cf(c, 2);
    c = cf(FAST_COND_BELOW_AVERAGE, red);
    add_cf(c, 2);
    c = cf(FAST_COND_CONTAINS_TEXT, red);
    check(fast_cond_format_set_text(c, TEXT("th")), "text");
    add_cf(c, 1);
    c = cf(FAST_COND_BEGINS_WITH, green);
    check(fast_cond_format_set_text(c, TEXT("N")), "text");
    add_cf(c, 1);
    c = cf(FAST_COND_DUPLICATE, marks);
    add_cf(c, 1);
    c = cf(FAST_COND_COLOR_SCALE_3, NULL);
    add_cf(c, 3);
    c = cf(FAST_COND_DATA_BAR, NULL);
    add_cf(c, 2);
    c = cf(FAST_COND_ICON_SET, NULL);
    check(fast_cond_format_set_icons(c, FAST_ICONS_3_ARROWS, 0), "icons");
    add_cf(c, 0);
    c = cf(FAST_COND_TIME_PERIOD, green);
    check(fast_cond_format_set_time_period(c, FAST_PERIOD_LAST_7_DAYS), "period");
    add_cf(c, 4);

    for (int i = 1; i <= 11; i++) {
        fast_cells_clear(row);
        fast_cells_set_integer(row, 0, i);
        fast_cells_set_string(row, 1, TEXT(regions[i % 4]));
        fast_cells_set_integer(row, 2, (i * 37) % 100 + 1);
        fast_cells_set_number(row, 3, (i * 53) % 97 + 0.5);
        fast_cells_set_date(row, 4, 2024, 1 + i % 12, 1 + i);
        check(fast_workbook_write_row(wb, row, 5), "row");
    }
    check(fast_workbook_add_worksheet(wb, TEXT("Lists")), "Lists");
    for (int k = 0; k < 3; k++) {
        fast_cells_clear(row);
        fast_cells_set_string(row, 0, TEXT(regions[k]));
        check(fast_workbook_write_row(wb, row, 1), "list row");
    }
    fast_cells_free(row);
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    return 0;
}
