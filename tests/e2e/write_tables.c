/*
 * write_tables - a workbook with Excel tables for the readers to check:
 *
 *   write_tables OUT.xlsx OUT.json [--all-cached]
 *
 * Sheet "Sales": table "Sales" from A1 to the last row written, with a totals
 * row (a label, sums, an average, counts), a calculated column and a date
 * column, over 100 data rows at 40 rows a sheet, so it continues as "Sales_2"
 * on "Sales (2)" and "Sales_3" on "Sales (3)". Sheet "Other": two fixed tables
 * side by side sharing their totals row ("Left": min, max, stdDev, var; "Right":
 * another style, no filter buttons, a custom totals formula), then rows below.
 * Also the refusals a caller meets, each of which leaves the workbook going on.
 * --all-cached: a label instead of the custom totals formula, the one cell
 * without a cached value (readers show such cells each their own way: the
 * reader matrix compares cached values).
 *
 * OUT.json describes every table as written (its sheet, name, range, column
 * names, totals functions, labels, formulas and the totals' cached values,
 * computed here by plain arithmetic on the values written) for
 * tests/readers/tables.py, which compares what openpyxl, Apache POI and ExcelJS
 * read with it.
 */
#include <fastxlsx.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(x) x, strlen(x)

static fast_workbook *wb;

static void check(fast_status st, const char *what)
{
    if (st != FAST_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, fast_strerror(st), fast_workbook_error_message(wb));
        exit(1);
    }
}

static void refused(fast_status st, fast_status want, const char *needle)
{
    if (st != want || !strstr(fast_workbook_error_message(wb), needle) || fast_workbook_status(wb) != FAST_OK) {
        fprintf(stderr, "expected %d with '%s', got %d: %s\n", (int)want, needle, (int)st,
                fast_workbook_error_message(wb));
        exit(1);
    }
}

static void header(fast_cells *c, const char *const *names, size_t n, uint32_t at)
{
    fast_cells_clear(c);
    for (size_t i = 0; i < n; i++)
        fast_cells_set_string(c, at + i, names[i], strlen(names[i]));
}

int main(int argc, char **argv)
{
    int all_cached = argc == 4 && !strcmp(argv[3], "--all-cached");
    if (argc != 3 && !all_cached) {
        fprintf(stderr, "usage: write_tables OUT.xlsx OUT.json [--all-cached]\n");
        return 2;
    }
    wb = fast_workbook_new(argv[1]);
    FILE *js = fopen(argv[2], "w");
    if (!wb || !js)
        return 2;
    check(fast_workbook_set_header_rows(wb, 1), "header rows");
    check(fast_workbook_set_rows_per_sheet(wb, 40), "rows per sheet");
    check(fast_workbook_add_worksheet(wb, S("Sales")), "sheet");
    fast_table *t = NULL;
    /* Refusals first: the workbook goes on after each. */
    refused(fast_workbook_add_table(wb, S("Sales Table"), 0, 0, FAST_LAST_ROW, 6, &t), FAST_ERROR_NAME,
            "character 6 (' ') is not allowed");
    refused(fast_workbook_add_table(wb, S("XFD1"), 0, 0, FAST_LAST_ROW, 6, &t), FAST_ERROR_NAME, "cell reference");
    check(fast_workbook_add_table(wb, S("Sales"), 0, 0, FAST_LAST_ROW, 6, &t), "add table");
    refused(fast_workbook_add_table(wb, S("sales"), 0, 8, 5, 9, &t), FAST_ERROR_NAME, "already used by table 'Sales'");
    fast_table *other = NULL;
    refused(fast_workbook_add_table(wb, S("Inside"), 5, 2, 9, 3, &other), FAST_ERROR_TABLE, "overlap table 'Sales'");
    refused(fast_workbook_merge_range(wb, 3, 0, 4, 1), FAST_ERROR_TABLE, "overlaps table 'Sales'");
    check(fast_table_set_total_label(t, 0, S("Total")), "label");
    check(fast_table_set_total_function(t, 2, FAST_TABLE_TOTAL_SUM), "sum");
    check(fast_table_set_total_function(t, 3, FAST_TABLE_TOTAL_AVERAGE), "average");
    check(fast_table_set_column_formula(t, 4, S("[@Price]*[@Qty]")), "formula");
    check(fast_table_set_total_function(t, 4, FAST_TABLE_TOTAL_SUM), "sum");
    check(fast_table_set_total_function(t, 5, FAST_TABLE_TOTAL_COUNT_NUMS), "countNums");
    check(fast_table_set_total_function(t, 6, FAST_TABLE_TOTAL_COUNT), "count");
    static const char *const names[] = {"Item", "Region", "Price", "Qty", "Amount", "Date", "Note"};
    fast_cells *c = fast_cells_new(12);
    header(c, (const char *const[]){"Item", "Region", "Price", "qty", "Amount", "Date", "PRICE"}, 7, 0);
    refused(fast_workbook_write_row(wb, c, 7), FAST_ERROR_TABLE, "column G header 'PRICE' repeats column C");
    header(c, names, 7, 0);
    check(fast_workbook_write_row(wb, c, 7), "header");
    /* 100 data rows: 38 on each of the first two sheets (40 rows: the header and the
     * totals row), 24 on the third. */
    fputs("{\"tables\": [", js);
    int per_sheet[3] = {38, 38, 24}, row = 0;
    static const char *const regions[] = {"North", "South", "East"};
    for (int s = 0; s < 3; s++) {
        double price = 0, amount = 0, qty = 0;
        int nums = 0, nonempty = 0;
        for (int i = 0; i < per_sheet[s]; i++, row++) {
            char item[16];
            snprintf(item, sizeof item, "item %d", row + 1);
            double p = 0.25 * (row % 40) + 1, q = row % 7 + 1;
            fast_cells_clear(c);
            fast_cells_set_string_copy(c, 0, item, strlen(item));
            fast_cells_set_string(c, 1, regions[row % 3], strlen(regions[row % 3]));
            fast_cells_set_number(c, 2, p);
            fast_cells_set_integer(c, 3, (int64_t)q);
            fast_cells_set_number(c, 4, p * q); /* the calculated column's cached value */
            if (row % 4)
                fast_cells_set_date(c, 5, 2024, 1 + row % 12, 1 + row % 28), nums++;
            if (row % 5 == 0)
                fast_cells_set_string(c, 6, "check", 5), nonempty++;
            else if (row % 5 == 1)
                fast_cells_set_boolean(c, 6, 1), nonempty++;
            check(fast_workbook_write_row(wb, c, 7), "data row");
            price += p;
            qty += q;
            amount += p * q;
        }
        int last = per_sheet[s] + 2; /* the totals row, 1-based */
        fprintf(js,
                "%s{\"sheet\": \"%s\", \"name\": \"%s\", \"ref\": \"A1:G%d\", \"filter\": \"A1:G%d\", "
                "\"style\": \"TableStyleMedium2\", \"columns\": [\"Item\", \"Region\", \"Price\", \"Qty\", "
                "\"Amount\", \"Date\", \"Note\"], "
                "\"functions\": [null, null, \"sum\", \"average\", \"sum\", \"countNums\", \"count\"], "
                "\"labels\": {\"Item\": \"Total\"}, \"formulas\": {\"Amount\": \"%s[[#This Row],[Price]]*%s[[#This "
                "Row],[Qty]]\"}, \"totals\": {\"A%d\": \"Total\", \"C%d\": %.17g, \"D%d\": %.17g, \"E%d\": %.17g, "
                "\"F%d\": %d, \"G%d\": %d}}",
                s ? ", " : "", s == 0 ? "Sales" : s == 1 ? "Sales (2)" : "Sales (3)",
                s == 0 ? "Sales" : s == 1 ? "Sales_2" : "Sales_3", last, last - 1,
                s == 0 ? "Sales" : s == 1 ? "Sales_2" : "Sales_3", s == 0 ? "Sales" : s == 1 ? "Sales_2" : "Sales_3",
                last, last, price, last, qty / per_sheet[s], last, amount, last, nums, last, nonempty);
    }

    /* Two fixed tables side by side, header on row 3, data rows 4..8, totals row 9. */
    check(fast_workbook_add_worksheet(wb, S("Other")), "sheet");
    fast_table *l = NULL, *r = NULL;
    check(fast_workbook_add_table(wb, S("Left"), 2, 1, 7, 3, &l), "left");
    check(fast_workbook_add_table(wb, S("Right"), 2, 5, 7, 6, &r), "right");
    check(fast_table_set_total_function(l, 1, FAST_TABLE_TOTAL_MIN), "min");
    check(fast_table_set_total_function(l, 2, FAST_TABLE_TOTAL_MAX), "max");
    check(fast_table_set_total_function(l, 3, FAST_TABLE_TOTAL_STD_DEV), "stdDev");
    check(fast_table_set_style(r, S("TableStyleLight9")), "style");
    check(fast_table_set_option(r, FAST_TABLE_FILTER_BUTTONS, 0), "filter");
    check(fast_table_set_total_function(r, 5, FAST_TABLE_TOTAL_VAR), "var");
    if (all_cached)
        check(fast_table_set_total_label(r, 6, S("n/a")), "label");
    else
        check(fast_table_set_total_formula(r, 6, S("SUBTOTAL(109,Right[Weight])*2")), "custom");
    fast_cells_clear(c);
    check(fast_workbook_write_row(wb, c, 0), "row 1");
    check(fast_workbook_write_row(wb, c, 0), "row 2");
    fast_cells_set_string(c, 1, S("Low"));
    fast_cells_set_string(c, 2, S("High"));
    fast_cells_set_string(c, 3, S("Spread"));
    fast_cells_set_string(c, 5, S("Var"));
    fast_cells_set_string(c, 6, S("Weight"));
    check(fast_workbook_write_row(wb, c, 7), "headers");
    static const double low[] = {3, -1.5, 8, 2, 4}, spread[] = {2, 4, 4, 4, 6}, var[] = {1, 2, 3, 4, 10};
    for (int i = 0; i < 5; i++) {
        fast_cells_clear(c);
        fast_cells_set_number(c, 1, low[i]);
        fast_cells_set_number(c, 2, low[i] * 2);
        fast_cells_set_number(c, 3, spread[i]);
        fast_cells_set_number(c, 5, var[i]);
        fast_cells_set_number(c, 6, i + 0.5);
        check(fast_workbook_write_row(wb, c, 7), "data");
    }
    /* The caller's next row lands below the shared totals row (row 9). */
    fast_cells_clear(c);
    fast_cells_set_string(c, 0, S("below the tables"));
    check(fast_workbook_write_row(wb, c, 1), "after");
    double mean = (2 + 4 + 4 + 4 + 6) / 5.0, m2 = 0, vm = 4, v2 = 0;
    for (int i = 0; i < 5; i++) {
        m2 += (spread[i] - mean) * (spread[i] - mean);
        v2 += (var[i] - vm) * (var[i] - vm);
    }
    fprintf(js,
            ", {\"sheet\": \"Other\", \"name\": \"Left\", \"ref\": \"B3:D9\", \"filter\": \"B3:D8\", "
            "\"style\": \"TableStyleMedium2\", \"columns\": [\"Low\", \"High\", \"Spread\"], "
            "\"functions\": [\"min\", \"max\", \"stdDev\"], \"labels\": {}, \"formulas\": {}, "
            "\"totals\": {\"B9\": -1.5, \"C9\": 16, \"D9\": %.17g}}"
            ", {\"sheet\": \"Other\", \"name\": \"Right\", \"ref\": \"F3:G9\", \"filter\": null, "
            "\"style\": \"TableStyleLight9\", \"columns\": [\"Var\", \"Weight\"], "
            "\"functions\": [\"var\", %s], \"labels\": {%s}, \"formulas\": {}, "
            "\"totals_formula\": {%s}, "
            "\"totals\": {\"F9\": %.17g%s}}]}\n",
            sqrt(m2 / 4), all_cached ? "null" : "\"custom\"", all_cached ? "\"Weight\": \"n/a\"" : "",
            all_cached ? "" : "\"Weight\": \"SUBTOTAL(109,Right[Weight])*2\"", v2 / 4,
            all_cached ? ", \"G9\": \"n/a\"" : "");
    fast_cells_free(c);
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    return fclose(js) == 0 ? 0 : 1;
}
