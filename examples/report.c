/*
 * report.c - a small sales report that uses every feature people copy from:
 * formats (fonts, fills, borders, alignment, wrap), number formats, dates,
 * formulas with their cached values, a merged title, hyperlinks, column widths,
 * freeze panes, an autofilter, row heights and document properties, over two
 * worksheets, with a dropdown (data validation) and conditional formats (a colour
 * scale, a data bar) on the sales; and on a third, the sales as an Excel table
 * with a calculated column and a totals row. A logo (an image from a buffer, with
 * alt text and a link) sits left of the title, and a column chart of the revenue
 * beside the sales, with the values in its cache.
 *
 *   build/report [--] OUT.xlsx      (build/report --help says so)
 *
 * Every status is checked through one helper; the first failure ends the program
 * with the library's message, and the output file is then left as it was.
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT(s) (s), strlen(s)

/* A 96 x 32 pixel PNG logo (drawn for this example). */
static const unsigned char logo_png[301] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x20, 0x08, 0x02, 0x00, 0x00, 0x00, 0x62, 0xa2, 0xea,
    0x03, 0x00, 0x00, 0x00, 0xf4, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x94, 0xf7, 0xab, 0x64,
    0x18, 0x05, 0xb8, 0x01, 0x0b, 0x03, 0x03, 0xc3, 0x83, 0x8d, 0x6d, 0xa3, 0x01, 0x81, 0x15, 0x28,
    0xf8, 0x57, 0x31, 0x8d, 0x86, 0x02, 0x7e, 0x30, 0x1a, 0x40, 0x44, 0x64, 0x31, 0x9a, 0x82, 0xc2,
    0x75, 0x1e, 0xb8, 0xa4, 0xfa, 0x83, 0x76, 0x8c, 0xa6, 0xa0, 0xd1, 0x2c, 0x36, 0x1a, 0x40, 0xa3,
    0x01, 0x34, 0x0a, 0x46, 0x03, 0x68, 0x34, 0x80, 0x46, 0x03, 0x68, 0x68, 0xb6, 0x83, 0xde, 0xd5,
    0x19, 0xe1, 0x92, 0x12, 0x6a, 0x3a, 0x37, 0x1a, 0x40, 0xb4, 0xea, 0xfe, 0xc0, 0xd9, 0xf0, 0x4e,
    0x22, 0xb2, 0x20, 0x41, 0x29, 0xea, 0xf6, 0x2e, 0x07, 0x5d, 0x16, 0xc3, 0xf4, 0x1b, 0x24, 0x08,
    0xe0, 0xe2, 0x10, 0x06, 0x44, 0x10, 0x53, 0x0a, 0x82, 0x86, 0x7f, 0x19, 0x84, 0xd5, 0x93, 0x04,
    0x3d, 0xaf, 0xe0, 0x5f, 0x85, 0x35, 0x41, 0x0d, 0xab, 0x00, 0x42, 0x4e, 0x1a, 0xf8, 0x7d, 0x8b,
    0x35, 0xdf, 0x51, 0x7d, 0xe8, 0x66, 0x28, 0xa5, 0x20, 0xe4, 0x04, 0x02, 0x51, 0x80, 0x35, 0x3f,
    0x52, 0x37, 0x11, 0x0d, 0xf6, 0x6a, 0x5e, 0xc1, 0xbf, 0x0a, 0xb9, 0xd0, 0x79, 0xb0, 0xb1, 0x0d,
    0xd3, 0xff, 0x70, 0x11, 0xaa, 0xe7, 0xaf, 0xc1, 0x58, 0x8b, 0xa1, 0x15, 0xc6, 0x78, 0xd8, 0xb8,
    0x12, 0x11, 0x9d, 0x02, 0xc8, 0xb5, 0xf8, 0x28, 0x2e, 0xa9, 0xdd, 0xbd, 0xd6, 0xa3, 0x2d, 0xe9,
    0x51, 0x30, 0x1a, 0x40, 0xa3, 0x01, 0x34, 0x1a, 0x40, 0xa3, 0x01, 0x34, 0x1a, 0x40, 0xa3, 0x01,
    0x34, 0x1a, 0x40, 0xa3, 0x01, 0x34, 0xc2, 0x01, 0xa3, 0xbc, 0x5f, 0xe5, 0xe8, 0xe2, 0x05, 0x3c,
    0x3d, 0x41, 0xc6, 0xd1, 0xe5, 0x2f, 0xf8, 0x01, 0x00, 0x21, 0xc6, 0x5b, 0x6f, 0xae, 0x9e, 0x77,
    0x50, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static fast_workbook *wb;

static void check(fast_status st, const char *what)
{
    if (st == FAST_OK)
        return;
    fprintf(stderr, "report: %s: %s: %s\n", what, fast_strerror(st), fast_workbook_error_message(wb));
    fast_workbook_free(wb); /* removes the temporary file; the destination is untouched */
    exit(1);
}

static fast_format *new_format(void)
{
    fast_format *f = fast_workbook_add_format(wb);
    if (!f)
        check(fast_workbook_status(wb), "add format");
    return f;
}

static const struct sale {
    int year, month, day;
    const char *region, *product;
    int units;
    double price;
} sales[] = {
    {2024, 1, 8, "North", "Widget", 120, 2.50},  {2024, 1, 19, "South", "Gadget", 15, 19.99},
    {2024, 2, 2, "East", "Widget", 300, 2.45},   {2024, 2, 14, "West", "Gizmo", 42, 7.25},
    {2024, 2, 29, "North", "Gadget", 8, 21.00},  {2024, 3, 11, "South", "Widget", 210, 2.40},
    {2024, 3, 27, "East", "Gizmo", 64, 7.10},    {2024, 4, 5, "West", "Widget", 95, 2.55},
    {2024, 4, 22, "North", "Gizmo", 33, 7.40},   {2024, 5, 9, "South", "Gadget", 21, 18.75},
};
#define NSALES (sizeof sales / sizeof sales[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: report [--] OUT.xlsx\n"
               "Write a two-sheet sales report to OUT.xlsx (replaced only when all of it is written).\n"
               "  -h, --help  print this help and exit\n"
               "  --          the next argument is OUT even if it starts with '-'\n");
}

int main(int argc, char **argv)
{
    /* Options first: a name that starts with '-' is an option (--help must not
     * become a workbook named "--help"), unless "--" comes before it. */
    const char *out = NULL;
    int options = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
            usage(stdout);
            return 0;
        } else if (options && !strcmp(a, "--")) {
            options = 0;
        } else if (options && a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "report: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (!out) {
            out = a;
        } else {
            fprintf(stderr, "report: more than one OUT.xlsx given\n");
            usage(stderr);
            return 2;
        }
    }
    if (!out) {
        usage(stderr);
        return 2;
    }
    wb = fast_workbook_new(out);
    if (!wb) {
        perror(out);
        return 1;
    }
    check(fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, TEXT("Sales report, January to May 2024")), "title");
    check(fast_workbook_set_property(wb, FAST_PROPERTY_SUBJECT, TEXT("Units and revenue by region")), "subject");
    check(fast_workbook_set_property(wb, FAST_PROPERTY_AUTHOR, TEXT("Sales Operations")), "author");
    check(fast_workbook_set_property(wb, FAST_PROPERTY_COMPANY, TEXT("Example Trading Ltd")), "company");
    check(fast_workbook_set_created_time(wb, 1717200000), "created"); /* 2024-06-01 00:00:00 UTC */

    /* Formats. */
    fast_format *title = new_format();
    check(fast_format_set_bold(title, 1), "title bold");
    check(fast_format_set_font_size(title, 16), "title size");
    check(fast_format_set_font_name(title, TEXT("Arial")), "title font");
    check(fast_format_set_font_color(title, 0x1F3864), "title colour");
    check(fast_format_set_align(title, FAST_ALIGN_CENTER), "title align");
    check(fast_format_set_valign(title, FAST_VALIGN_CENTER), "title valign");
    fast_format *header = new_format();
    check(fast_format_set_bold(header, 1), "header bold");
    check(fast_format_set_fill_color(header, 0xD9E1F2), "header fill");
    check(fast_format_set_border(header, 1), "header border");
    check(fast_format_set_align(header, FAST_ALIGN_CENTER), "header align");
    check(fast_format_set_wrap(header, 1), "header wrap");
    fast_format *date = new_format();
    check(fast_format_set_num_format(date, TEXT("d mmm yyyy")), "date format");
    fast_format *money = new_format();
    check(fast_format_set_num_format(money, TEXT("#,##0.00")), "money format");
    fast_format *total = new_format();
    check(fast_format_set_bold(total, 1), "total bold");
    check(fast_format_set_num_format(total, TEXT("#,##0.00")), "total format");
    check(fast_format_set_border(total, 1), "total border");
    fast_format *percent = new_format();
    check(fast_format_set_num_format(percent, TEXT("0.0%")), "percent format");
    fast_format *link = new_format();
    check(fast_format_set_underline(link, 1), "link underline");
    check(fast_format_set_font_color(link, 0x0563C1), "link colour");
    fast_format *note = new_format();
    check(fast_format_set_italic(note, 1), "note italic");

    fast_cells *row = fast_cells_new(6);
    if (!row)
        check(FAST_ERROR_NOMEM, "cells");

    /* Sheet 1: the sales, one row each, with a total. */
    check(fast_workbook_add_worksheet(wb, TEXT("Sales")), "add Sales");
    check(fast_workbook_freeze_panes(wb, 3, 0), "freeze");
    check(fast_workbook_set_column_width(wb, 0, 0, 14), "width A");
    check(fast_workbook_set_column_width(wb, 1, 2, 12), "width B:C");
    check(fast_workbook_set_column_width(wb, 3, 5, 13), "width D:F");
    /* Printed landscape, one page wide, the column headings on every page,
     * the page number in the footer, April on a page of its own. */
    check(fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE), "landscape");
    check(fast_workbook_set_fit_to_pages(wb, 1, 0), "fit width");
    check(fast_workbook_set_print_title_rows(wb, 2, 2), "print titles");
    check(fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, TEXT("&L&A&RSales report 2024")), "header");
    check(fast_workbook_set_header_footer(wb, FAST_FOOTER_ODD, TEXT("&CPage &P of &N")), "footer");
    check(fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 10), "page break"); /* before the first April sale */

    fast_cells_set_string(row, 0, TEXT("Sales report, January to May 2024"));
    fast_cells_set_format(row, 0, title);
    fast_cells_set_row_height(row, 30);
    check(fast_workbook_write_row(wb, row, 1), "title row");
    check(fast_workbook_merge_range(wb, 0, 0, 0, 5), "merge title");
    fast_image *logo = NULL;
    check(fast_workbook_add_image(wb, 0, 0, logo_png, sizeof logo_png, &logo), "logo");
    check(fast_image_set_offset(logo, 4, 4), "logo offset");
    check(fast_image_set_description(logo, TEXT("ACME logo")), "logo description");
    check(fast_image_set_url(logo, TEXT("https://example.com/")), "logo link");

    fast_cells_clear(row);
    fast_cells_set_string(row, 0, TEXT("Prices from the list at"));
    fast_cells_set_format(row, 0, note);
    fast_cells_set_string(row, 2, TEXT("example.com/prices"));
    fast_cells_set_format(row, 2, link);
    check(fast_workbook_write_row(wb, row, 3), "link row");
    check(fast_workbook_add_hyperlink(wb, 1, 2, TEXT("https://example.com/prices?year=2024")), "hyperlink");

    static const char *const heads[6] = {"Date", "Region", "Product", "Units", "Unit price", "Revenue"};
    fast_cells_clear(row);
    for (size_t i = 0; i < 6; i++) {
        fast_cells_set_string(row, i, TEXT(heads[i]));
        fast_cells_set_format(row, i, header);
    }
    check(fast_workbook_write_row(wb, row, 6), "header row");

    /* A chart of the revenue per sale, below the table (beside it, it would be cut by
     * the page break before April): added before the sale rows, so its cache holds
     * their values (readers draw it without calculating). */
    fast_chart *chart = NULL;
    check(fast_workbook_add_chart(wb, (uint32_t)NSALES + 5, 0, FAST_CHART_COLUMN, &chart), "chart");
    check(fast_chart_set_title(chart, TEXT("Revenue per sale")), "chart title");
    check(fast_chart_add_series(chart, NULL, 0, 3, (uint32_t)NSALES + 2, 2, 5), "chart series");
    check(fast_chart_set_series_name(chart, 0, TEXT("Revenue")), "series name");
    check(fast_chart_set_series_color(chart, 0, 0x1F4E79), "series colour");
    check(fast_chart_set_axis_title(chart, FAST_CHART_AXIS_VALUE, TEXT("Revenue")), "axis title");

    double sum = 0;
    for (size_t i = 0; i < NSALES; i++) {
        const struct sale *s = &sales[i];
        unsigned r = (unsigned)i + 4; /* sheet row number */
        char f[32];
        int n = snprintf(f, sizeof f, "D%u*E%u", r, r);
        double revenue = s->units * s->price;
        sum += revenue;
        fast_cells_clear(row);
        fast_cells_set_date(row, 0, s->year, s->month, s->day);
        fast_cells_set_format(row, 0, date);
        fast_cells_set_string(row, 1, TEXT(s->region));
        fast_cells_set_string(row, 2, TEXT(s->product));
        fast_cells_set_integer(row, 3, s->units);
        fast_cells_set_number(row, 4, s->price);
        fast_cells_set_format(row, 4, money);
        fast_cells_set_formula_number(row, 5, f, (size_t)n, revenue);
        fast_cells_set_format(row, 5, money);
        check(fast_workbook_write_row(wb, row, 6), "sale row");
    }
    check(fast_workbook_set_autofilter(wb, 2, 0, (uint32_t)NSALES + 2, 5), "autofilter"); /* not the total */

    /* A dropdown of the regions on the Region column, a colour scale on Units and
     * data bars on Revenue, over the sale rows. */
    {
        static const char *const region_list[4] = {"North", "South", "East", "West"};
        fast_validation *v = fast_validation_new();
        if (!v)
            check(FAST_ERROR_NOMEM, "validation");
        check(fast_validation_set_type(v, FAST_VALIDATION_LIST), "dropdown type");
        for (size_t k = 0; k < 4; k++)
            check(fast_validation_add_list_item(v, TEXT(region_list[k])), "dropdown item");
        check(fast_validation_set_input_message(v, TEXT("Region"), TEXT("Pick one of the four regions.")), "prompt");
        check(fast_validation_set_error_message(v, FAST_ERROR_STYLE_STOP, TEXT("Unknown region"),
                                                TEXT("Use North, South, East or West.")), "error message");
        check(fast_workbook_add_validation(wb, 3, 1, (uint32_t)NSALES + 2, 1, v), "dropdown");
        fast_validation_free(v);
        fast_cond_format *cf = fast_cond_format_new();
        if (!cf)
            check(FAST_ERROR_NOMEM, "conditional format");
        check(fast_cond_format_set_type(cf, FAST_COND_COLOR_SCALE_3), "colour scale");
        check(fast_workbook_add_cond_format(wb, 3, 3, (uint32_t)NSALES + 2, 3, cf), "colour scale on units");
        check(fast_cond_format_set_type(cf, FAST_COND_DATA_BAR), "data bar");
        check(fast_workbook_add_cond_format(wb, 3, 5, (uint32_t)NSALES + 2, 5, cf), "data bar on revenue");
        fast_cond_format_free(cf);
    }

    fast_cells_clear(row);
    fast_cells_set_string(row, 0, TEXT("Total"));
    fast_cells_set_format(row, 0, total);
    char f[32];
    int n = snprintf(f, sizeof f, "SUM(F4:F%u)", (unsigned)NSALES + 3);
    fast_cells_set_formula_number(row, 5, f, (size_t)n, sum);
    fast_cells_set_format(row, 5, total);
    check(fast_workbook_write_row(wb, row, 6), "total row");
    /* Notes: hidden ones shown when the mouse is over the cell, one always shown in a box of its own size. */
    check(fast_workbook_add_note(wb, 0, 0, TEXT("Figures are provisional until the audit in June."), TEXT("Audit"), 0,
                                 220, 60),
          "note on the title");
    check(fast_workbook_add_note(wb, 2, 3, TEXT("Units shipped, not units ordered."), TEXT("Finance"), 0, 0, 0),
          "note on Units");
    check(fast_workbook_add_note(wb, (uint32_t)NSALES + 3, 5, TEXT("Sum of the revenue column, cached: no recalculation needed."),
                                 TEXT("Finance"), 0, 0, 0),
          "note on the total");

    /* Sheet 2: revenue by region, as formulas over the first sheet. */
    check(fast_workbook_add_worksheet(wb, TEXT("By region")), "add By region");
    check(fast_workbook_freeze_panes(wb, 1, 1), "freeze 2");
    check(fast_workbook_set_column_width(wb, 0, 0, 12), "width 2A");
    check(fast_workbook_set_column_width(wb, 1, 2, 14), "width 2B:C");
    static const char *const heads2[3] = {"Region", "Revenue", "Share"};
    fast_cells_clear(row);
    for (size_t i = 0; i < 3; i++) {
        fast_cells_set_string(row, i, TEXT(heads2[i]));
        fast_cells_set_format(row, i, header);
    }
    check(fast_workbook_write_row(wb, row, 3), "header 2");
    /* "Region" leads to the column it sums over: a link to a place in the workbook. */
    check(fast_workbook_add_internal_link(wb, 0, 0, TEXT("Sales"), TEXT("B3:B13")), "internal link");
    static const char *const regions[4] = {"North", "South", "East", "West"};
    for (size_t k = 0; k < 4; k++) {
        double part = 0;
        for (size_t i = 0; i < NSALES; i++)
            if (!strcmp(sales[i].region, regions[k]))
                part += sales[i].units * sales[i].price;
        unsigned r = (unsigned)k + 2;
        char f1[96], f2[64];
        int n1 = snprintf(f1, sizeof f1, "SUMIF(Sales!B4:B%u,A%u,Sales!F4:F%u)", (unsigned)NSALES + 3, r,
                          (unsigned)NSALES + 3);
        int n2 = snprintf(f2, sizeof f2, "B%u/SUM(B2:B5)", r);
        fast_cells_clear(row);
        fast_cells_set_string(row, 0, TEXT(regions[k]));
        fast_cells_set_formula_number(row, 1, f1, (size_t)n1, part);
        fast_cells_set_format(row, 1, money);
        fast_cells_set_formula_number(row, 2, f2, (size_t)n2, part / sum);
        fast_cells_set_format(row, 2, percent);
        check(fast_workbook_write_row(wb, row, 3), "region row");
    }
    fast_cells_clear(row);
    fast_cells_set_string(row, 0, TEXT("Largest"));
    fast_cells_set_formula_string(row, 1, TEXT("INDEX(A2:A5,MATCH(MAX(B2:B5),B2:B5,0))"), TEXT("South"));
    fast_cells_set_formula_boolean(row, 2, TEXT("SUM(C2:C5)>0.999"), 1);
    check(fast_workbook_write_row(wb, row, 3), "largest row");

    /* Sheet 3: the sales as an Excel table: banded rows, filter buttons, a
     * calculated column and a totals row whose values the library computes. */
    check(fast_workbook_add_worksheet(wb, TEXT("Orders")), "add Orders");
    check(fast_workbook_set_column_width(wb, 0, 5, 13), "widths 3");
    check(fast_workbook_set_fit_to_pages(wb, 1, 0), "fit width 3");
    fast_table *orders = NULL;
    check(fast_workbook_add_table(wb, TEXT("Orders"), 0, 0, FAST_LAST_ROW, 5, &orders), "table");
    check(fast_table_set_style(orders, TEXT("TableStyleMedium9")), "table style");
    check(fast_table_set_total_label(orders, 0, TEXT("Total")), "totals label");
    check(fast_table_set_total_function(orders, 3, FAST_TABLE_TOTAL_SUM), "units total");
    check(fast_table_set_total_function(orders, 4, FAST_TABLE_TOTAL_AVERAGE), "price average");
    check(fast_table_set_column_formula(orders, 5, TEXT("[@Units]*[@[Unit price]]")), "revenue formula");
    check(fast_table_set_total_function(orders, 5, FAST_TABLE_TOTAL_SUM), "revenue total");
    fast_cells_clear(row);
    for (size_t i = 0; i < 6; i++)
        fast_cells_set_string(row, i, TEXT(heads[i]));
    check(fast_workbook_write_row(wb, row, 6), "table header");
    for (size_t i = 0; i < NSALES; i++) {
        const struct sale *s = &sales[i];
        fast_cells_clear(row);
        fast_cells_set_date(row, 0, s->year, s->month, s->day);
        fast_cells_set_format(row, 0, date);
        fast_cells_set_string(row, 1, TEXT(s->region));
        fast_cells_set_string(row, 2, TEXT(s->product));
        fast_cells_set_integer(row, 3, s->units);
        fast_cells_set_number(row, 4, s->price);
        fast_cells_set_format(row, 4, money);
        fast_cells_set_number(row, 5, s->units * s->price); /* the calculated column's cached value */
        fast_cells_set_format(row, 5, money);
        check(fast_workbook_write_row(wb, row, 6), "table row");
    }

    check(fast_workbook_close(wb), "close");
    printf("wrote %s\n", out);
    fast_cells_free(row);
    fast_workbook_free(wb);
    return 0;
}
