/*
 * write_charts - a workbook with one chart of each type for the readers to check:
 *
 *   write_charts OUT.xlsx OUT.json
 *
 * Sheet "Data": a header row, then 6 rows (month name, three numbers: A, B and
 * C, and x for the scatter chart); the 12 charts are added before the rows, in a
 * grid to the right of the data (two per row of charts), so every series
 * collects its values as the rows are written and its cache holds them.
 * Sheet "Other": a column chart over Data's rows, which has only references.
 *
 * Charts with axes take axis options in turn: titles on both axes, a fixed value
 * axis range (and x range on the scatter chart), major gridlines moved from the
 * value axis to the category axis.
 *
 * OUT.json lists every chart as written: its sheet, type, anchor cell, title, its
 * axes' options, and per series its references and the values its cache must
 * hold, for tests/readers/charts.py.
 */
#include <fastxlsx.h>

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

static const char *const months[6] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun"};
static const double a[6] = {10, 40, 50, 20, 10, 50}, b[6] = {30, 60, 70, 50, 40, 30}, c[6] = {25, 15, 35, 45, 20, 10};
static const double x[6] = {1, 2.5, 3, 4.25, 6, 7};

static const struct {
    int type;
    const char *name, *title;
} kinds[12] = {
    {FAST_CHART_COLUMN, "column", "Column"},
    {FAST_CHART_COLUMN_STACKED, "column_stacked", "Column, stacked"},
    {FAST_CHART_COLUMN_PERCENT, "column_percent", "Column, 100%"},
    {FAST_CHART_BAR, "bar", "Bar"},
    {FAST_CHART_BAR_STACKED, "bar_stacked", "Bar, stacked"},
    {FAST_CHART_BAR_PERCENT, "bar_percent", "Bar, 100%"},
    {FAST_CHART_LINE, "line", "Line"},
    {FAST_CHART_LINE_MARKERS, "line_markers", "Line with markers"},
    {FAST_CHART_PIE, "pie", "Pie"},
    {FAST_CHART_DOUGHNUT, "doughnut", "Doughnut"},
    {FAST_CHART_SCATTER, "scatter", "Scatter"},
    {FAST_CHART_AREA, "area", "Area"},
};

static void series_json(FILE *js, int first, const char *name, const char *cat_ref, const char *val_ref,
                        const double *vals, int scatter)
{
    fprintf(js, "%s{\"name\": \"%s\", \"cat\": \"%s\", \"val\": \"%s\", \"values\": [", first ? "" : ", ", name,
            cat_ref, val_ref);
    for (int i = 0; i < 6; i++)
        fprintf(js, "%s%g", i ? ", " : "", vals[i]);
    fprintf(js, "], \"categories\": [");
    for (int i = 0; i < 6; i++)
        if (scatter)
            fprintf(js, "%s%g", i ? ", " : "", x[i]);
        else
            fprintf(js, "%s\"%s\"", i ? ", " : "", months[i]);
    fprintf(js, "]}");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: write_charts OUT.xlsx OUT.json\n");
        return 2;
    }
    FILE *js = fopen(argv[2], "w");
    wb = fast_workbook_new(argv[1]);
    if (!js || !wb)
        return 1;
    check(fast_workbook_add_worksheet(wb, S("Data")), "add_worksheet");
    fprintf(js, "[\n");
    static const uint32_t colors[3] = {0x4472C4, 0xED7D31, 0x70AD47};
    for (int k = 0; k < 12; k++) {
        fast_chart *ch = NULL;
        uint32_t row = 1 + (uint32_t)(k / 2) * 16, col = 6 + (uint32_t)(k % 2) * 8;
        check(fast_workbook_add_chart(wb, row, col, kinds[k].type, &ch), "add_chart");
        check(fast_chart_set_title(ch, S(kinds[k].title)), "set_title");
        /* Legend positions in turn (right, left, top, bottom, top-right, none). */
        static const char *const legends[6] = {"r", "l", "t", "b", "tr", "none"};
        int legend = k % 6;
        /* Data labels on the first series: value and percentage on pie and doughnut, else in turn. */
        int pie = kinds[k].type == FAST_CHART_PIE || kinds[k].type == FAST_CHART_DOUGHNUT;
        unsigned labels = pie ? FAST_CHART_LABEL_VALUE | FAST_CHART_LABEL_PERCENT
                          : k % 3 == 0 ? FAST_CHART_LABEL_VALUE
                          : k % 3 == 1 ? FAST_CHART_LABEL_CATEGORY | FAST_CHART_LABEL_SERIES_NAME
                                       : 0;
        /* Number formats of the value axis and the first series' labels on every other chart with axes. */
        int formats = !pie && k % 2 == 0;
        if (formats)
            check(fast_chart_set_value_axis_number_format(ch, S("#,##0.00")), "axis number format");
        if (legend)
            check(fast_chart_set_legend(ch, FAST_CHART_LEGEND_RIGHT + legend), "set_legend");
        int scatter = kinds[k].type == FAST_CHART_SCATTER;
        /* Axis options: titles on every other chart, a value axis range on two charts of three (0..1 on
         * percent stacked charts, whose values are fractions), gridlines moved on every fourth chart. */
        int titles = !pie && k % 2 == 0, range = !pie && (k % 3 != 1 || scatter), moved = !pie && k % 4 == 3;
        int percent = kinds[k].type == FAST_CHART_COLUMN_PERCENT || kinds[k].type == FAST_CHART_BAR_PERCENT;
        double vmax = percent ? 1 : 200, vmin = percent ? 0 : -20;
        if (titles) {
            check(fast_chart_set_axis_title(ch, FAST_CHART_AXIS_CATEGORY, S(scatter ? "x" : "Month")), "axis title");
            check(fast_chart_set_axis_title(ch, FAST_CHART_AXIS_VALUE, S("Units sold")), "axis title");
        }
        if (range)
            check(fast_chart_set_axis_range(ch, FAST_CHART_AXIS_VALUE, vmin, vmax), "axis range");
        if (range && scatter)
            check(fast_chart_set_axis_range(ch, FAST_CHART_AXIS_CATEGORY, 0, 8), "x axis range");
        if (moved) {
            check(fast_chart_set_axis_gridlines(ch, FAST_CHART_AXIS_CATEGORY, 1), "gridlines");
            check(fast_chart_set_axis_gridlines(ch, FAST_CHART_AXIS_VALUE, 0), "gridlines");
        }
        int ns = kinds[k].type == FAST_CHART_PIE || kinds[k].type == FAST_CHART_DOUGHNUT ? 1 : 3;
        fprintf(js, "%s{\"sheet\": \"Data\", \"type\": \"%s\", \"row\": %u, \"col\": %u, \"title\": \"%s\", "
                    "\"legend\": \"%s\", \"labels\": %u, \"formats\": %d, ",
                k ? ",\n" : "", kinds[k].name, (unsigned)row, (unsigned)col, kinds[k].title, legends[legend], labels,
                formats);
        char vr[64] = "null";
        if (range)
            snprintf(vr, sizeof vr, "[%g, %g]", vmin, vmax);
        if (pie)
            fprintf(js, "\"axes\": null, ");
        else
            fprintf(js, "\"axes\": {\"cat_title\": %s, \"val_title\": %s, \"cat_range\": %s, \"val_range\": %s, "
                        "\"cat_grid\": %s, \"val_grid\": %s}, ",
                    titles ? (scatter ? "\"x\"" : "\"Month\"") : "null", titles ? "\"Units sold\"" : "null",
                    range && scatter ? "[0, 8]" : "null", vr, moved ? "true" : "false", moved ? "false" : "true");
        fprintf(js, "\"series\": [");
        for (int s = 0; s < ns; s++) {
            static const char *const names[3] = {"A", "B", "C"};
            static const char *const vrefs[3] = {"Data!$B$2:$B$7", "Data!$C$2:$C$7", "Data!$D$2:$D$7"};
            check(fast_chart_add_series(ch, NULL, 0, 1, FAST_LAST_ROW, scatter ? 4 : 0, 1 + (uint32_t)s),
                  "add_series");
            check(fast_chart_set_series_name(ch, (size_t)s, S(names[s])), "series name");
            if (s == 0 && labels)
                check(fast_chart_set_series_labels(ch, 0, labels), "series labels");
            if (s == 0 && formats)
                check(fast_chart_set_series_labels_number_format(ch, 0, S("0.0")), "labels number format");
            if (ns > 1)
                check(fast_chart_set_series_color(ch, (size_t)s, colors[s]), "series colour");
            series_json(js, s == 0, names[s], scatter ? "Data!$E$2:$E$7" : "Data!$A$2:$A$7", vrefs[s],
                        s == 0 ? a : s == 1 ? b : c, scatter);
        }
        fprintf(js, "], \"cached\": true}");
    }
    fast_cells *row = fast_cells_new(5);
    static const char *const heads[5] = {"Month", "A", "B", "C", "x"};
    for (uint32_t i = 0; i < 5; i++)
        fast_cells_set_string(row, i, S(heads[i]));
    check(fast_workbook_write_row(wb, row, 5), "header");
    for (int r = 0; r < 6; r++) {
        fast_cells_clear(row);
        fast_cells_set_string(row, 0, S(months[r]));
        fast_cells_set_number(row, 1, a[r]);
        fast_cells_set_integer(row, 2, (int64_t)b[r]);
        fast_cells_set_formula_number(row, 3, S("1*1"), c[r]);
        fast_cells_set_number(row, 4, x[r]);
        check(fast_workbook_write_row(wb, row, 5), "row");
    }
    fast_cells_free(row);
    /* Another sheet: a chart over Data's rows (Data has ended: FAST_LAST_ROW is known). */
    check(fast_workbook_add_worksheet(wb, S("Other")), "add_worksheet");
    fast_chart *ch = NULL;
    check(fast_workbook_add_chart(wb, 0, 0, FAST_CHART_COLUMN, &ch), "add_chart");
    check(fast_chart_add_series(ch, S("data"), 1, FAST_LAST_ROW, 0, 1), "add_series");
    fprintf(js, ",\n{\"sheet\": \"Other\", \"type\": \"column\", \"row\": 0, \"col\": 0, \"title\": null, \"series\": [");
    series_json(js, 1, "", "Data!$A$2:$A$7", "Data!$B$2:$B$7", a, 0);
    fprintf(js, "], \"cached\": false}\n]\n");
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fclose(js);
    return 0;
}
