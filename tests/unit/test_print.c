/*
 * test_print.c - page setup and printing (lib/print.c, ECMA-376 Part 1
 * §18.3.1.46, .62, .63, .64, .70, .39, .73, .14; defined names §18.2.5) and
 * ignored errors (lib/ignore.c, §18.3.1.51-52) through
 * the public API: the exact XML of every setting, the sheet's tail in
 * §18.3.1.99 order with everything at once, sheetPr before <dimension> on both
 * the streamed and the patched head, the print area and titles as defined
 * names, continuation sheets, every refusal with its status and message (the
 * workbook going on afterwards), and schema validation.
 */
#include "testutil.h"

#include <unistd.h>

#define MARGINS_DEFAULT \
    "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"

/* The part of sheet @n after </sheetData> (or its head up to <dimension> when
 * @head), NUL-terminated, in @out. */
static void sheet_piece(const tu_buf *pkg, int n, int head, tu_buf *out)
{
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", n);
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    if (head) {
        long at = head == 2 ? -1 : tu_find(part.data, part.len, "<dimension", 10);
        long from = tu_find(part.data, part.len, "relationships\">", 15);
        assert_true(from >= 0);
        if (at < 0 && head == 1)
            at = tu_find(part.data, part.len, "<sheetView", 10);
        if (at < 0)
            at = tu_find(part.data, part.len, "<sheetData", 10);
        assert_true(at >= from);
        tu_buf_append(out, part.data + from + 15, (size_t)(at - from - 15));
    } else {
        long at = tu_find(part.data, part.len, "</sheetData>", 12);
        assert_true(at >= 0);
        tu_buf_append(out, part.data + at + 12, part.len - (size_t)at - 12);
    }
    tu_buf_append(out, "", 1);
    tu_buf_free(&part);
}

static void defined_names(const tu_buf *pkg, tu_buf *out)
{
    tu_buf part = {0};
    tu_extract_part(pkg, "xl/workbook.xml", &part);
    long a = tu_find(part.data, part.len, "<definedNames>", 14);
    long b = tu_find(part.data, part.len, "</definedNames>", 15);
    if (a >= 0 && b > a)
        tu_buf_append(out, part.data + a, (size_t)(b + 15 - a));
    tu_buf_append(out, "", 1);
    tu_buf_free(&part);
}

static void ok(fast_workbook *wb, fast_status st)
{
    if (st != FAST_OK)
        fail_msg("%d %s", (int)st, fast_workbook_error_message(wb));
}

static void rows(fast_workbook *wb, int n)
{
    fast_cells *c = fast_cells_new(3);
    for (int i = 0; i < n; i++) {
        fast_cells_set_number(c, 0, i);
        fast_cells_set_string(c, 1, "x", 1);
        fast_cells_set_number(c, 2, i * 2);
        tu_write_row(wb, c, 3);
    }
    fast_cells_free(c);
}

#define STR(s) s, sizeof s - 1

/* Every setting of one sheet, and the things around it in the tail. */
static void set_everything(fast_workbook *wb)
{
    ok(wb, fast_workbook_set_fit_to_pages(wb, 1, 0));
    ok(wb, fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE));
    ok(wb, fast_workbook_set_paper_size(wb, 9));
    ok(wb, fast_workbook_set_print_scale(wb, 75));
    ok(wb, fast_workbook_set_margins(wb, 0.5, 0.5, 1, 1, 0.25, 0.25));
    ok(wb, fast_workbook_set_first_page_number(wb, 3));
    for (int o = FAST_PRINT_BLACK_AND_WHITE; o <= FAST_PRINT_HEADINGS; o++)
        ok(wb, fast_workbook_set_print_option(wb, o, 1));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, STR("&L&A&C&\"Arial,Bold\"&14R&&D&RPage &P of &N")));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_FOOTER_ODD, STR("&C&P")));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_EVEN, STR("&R&D &T")));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_FOOTER_EVEN, STR("&L&F &Z&KFF0000<red>")));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_FIRST, STR("&Cfirst")));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_FOOTER_FIRST, STR("&C&K01+000&B&I&U&E&S&X&Y&P&+")));
    ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 20));
    ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 3));
    ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 20)); /* again: nothing changes */
    ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_COLUMN, 2));
    ok(wb, fast_workbook_set_print_area(wb, 0, 0, FAST_LAST_ROW, 2));
    ok(wb, fast_workbook_set_print_title_rows(wb, 0, 1));
    ok(wb, fast_workbook_set_print_title_columns(wb, 0, 0));
    ok(wb, fast_workbook_ignore_errors(wb, 1, 1, FAST_LAST_ROW, 1, FAST_IGNORE_NUMBER_STORED_AS_TEXT));
    /* The sheet display settings that share sheetPr and come before the rows. */
    ok(wb, fast_workbook_set_tab_color(wb, 0xFF8000));
    ok(wb, fast_workbook_set_gridlines_shown(wb, 0));
    ok(wb, fast_workbook_set_right_to_left(wb, 1));
    ok(wb, fast_workbook_set_zoom(wb, 150));
    ok(wb, fast_workbook_set_default_row_height(wb, 20.25));
    ok(wb, fast_workbook_freeze_panes(wb, 1, 0));
    ok(wb, fast_workbook_protect_sheet(wb, STR("password"), FAST_PROTECT_ALLOW_SORT));
}

#define FIT_HEAD "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
/* sheetPr's children in the schema's order (tabColor, outlinePr, pageSetUpPr), then
 * the sheetView attributes in theirs, sheetFormatPr between sheetViews and cols. */
#define EVERYTHING_HEAD                                                                                             \
    "<sheetPr><tabColor rgb=\"FFFF8000\"/><pageSetUpPr fitToPage=\"1\"/></sheetPr>"                                \
    "<sheetViews><sheetView showGridLines=\"0\" rightToLeft=\"1\" tabSelected=\"1\" zoomScale=\"150\" "               \
    "zoomScaleNormal=\"150\" workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "  \
    "state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"     \
    "<sheetFormatPr defaultRowHeight=\"20.25\" customHeight=\"1\"/>"
#define EVERYTHING_TAIL                                                                                            \
    "<sheetProtection password=\"83AF\" sheet=\"1\" objects=\"1\" scenarios=\"1\" sort=\"0\"/>"                     \
    "<autoFilter ref=\"A1:C5\"/><mergeCells count=\"1\"><mergeCell ref=\"E1:F1\"/></mergeCells>"                    \
    "<hyperlinks><hyperlink ref=\"D1\" r:id=\"rId1\"/></hyperlinks>"                                               \
    "<printOptions horizontalCentered=\"1\" verticalCentered=\"1\" headings=\"1\" gridLines=\"1\"/>"               \
    "<pageMargins left=\"0.5\" right=\"0.5\" top=\"1\" bottom=\"1\" header=\"0.25\" footer=\"0.25\"/>"             \
    "<pageSetup paperSize=\"9\" scale=\"75\" firstPageNumber=\"3\" fitToHeight=\"0\" pageOrder=\"overThenDown\" "  \
    "orientation=\"landscape\" blackAndWhite=\"1\" draft=\"1\" useFirstPageNumber=\"1\"/>"                         \
    "<headerFooter differentOddEven=\"1\" differentFirst=\"1\">"                                                   \
    "<oddHeader>&amp;L&amp;A&amp;C&amp;\"Arial,Bold\"&amp;14R&amp;&amp;D&amp;RPage &amp;P of &amp;N</oddHeader>"  \
    "<oddFooter>&amp;C&amp;P</oddFooter><evenHeader>&amp;R&amp;D &amp;T</evenHeader>"                             \
    "<evenFooter>&amp;L&amp;F &amp;Z&amp;KFF0000&lt;red&gt;</evenFooter><firstHeader>&amp;Cfirst</firstHeader>"   \
    "<firstFooter>&amp;C&amp;K01+000&amp;B&amp;I&amp;U&amp;E&amp;S&amp;X&amp;Y&amp;P&amp;+</firstFooter>"          \
    "</headerFooter>"                                                                                              \
    "<rowBreaks count=\"2\" manualBreakCount=\"2\"><brk id=\"3\" max=\"16383\" man=\"1\"/>"                        \
    "<brk id=\"20\" max=\"16383\" man=\"1\"/></rowBreaks>"                                                         \
    "<colBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"2\" max=\"1048575\" man=\"1\"/></colBreaks>"          \
    "<ignoredErrors><ignoredError sqref=\"B2:B5\" numberStoredAsText=\"1\"/></ignoredErrors>"                        \
    "</worksheet>"
#define EVERYTHING_NAMES(q)                                                                                        \
    "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'" q "'!$A$1:$C$5"  \
    "</definedName><definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'" q "'!$A$1:$C$5</definedName>"      \
    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'" q "'!$A:$A,'" q "'!$1:$2</definedName>"        \
    "</definedNames>"

/* Everything at once: the tail's order (§18.3.1.99), sheetPr, the names. */
static void test_everything(void **state)
{
    (void)state;
    tu_buf pkg = {0}, head = {0}, tail = {0}, names = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Bob's <data>")));
    set_everything(wb);
    rows(wb, 5);
    ok(wb, fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 2));
    ok(wb, fast_workbook_merge_range(wb, 0, 4, 0, 5));
    ok(wb, fast_workbook_add_hyperlink(wb, 0, 3, STR("https://example.com/")));
    tu_close_ok(wb);
    sheet_piece(&pkg, 1, 2, &head);
    sheet_piece(&pkg, 1, 0, &tail);
    defined_names(&pkg, &names);
    tu_assert_str_bytes(head.data, strlen((const char *)head.data), EVERYTHING_HEAD);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data), EVERYTHING_TAIL);
    tu_assert_str_bytes(names.data, strlen((const char *)names.data), EVERYTHING_NAMES("Bob''s &lt;data&gt;"));
    tu_buf_free(&pkg);
    tu_buf_free(&head);
    tu_buf_free(&tail);
    tu_buf_free(&names);
}

/* One setting alone: margins are Excel's defaults, nothing else is written. */
static void expect_alone(void (*set)(fast_workbook *), const char *want_head, const char *want_tail,
                         const char *want_names)
{
    tu_buf pkg = {0}, head = {0}, tail = {0}, names = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("S")));
    set(wb);
    rows(wb, 4);
    tu_close_ok(wb);
    sheet_piece(&pkg, 1, 1, &head);
    sheet_piece(&pkg, 1, 0, &tail);
    defined_names(&pkg, &names);
    tu_assert_str_bytes(head.data, strlen((const char *)head.data), want_head);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data), want_tail);
    tu_assert_str_bytes(names.data, strlen((const char *)names.data), want_names);
    tu_buf_free(&pkg);
    tu_buf_free(&head);
    tu_buf_free(&tail);
    tu_buf_free(&names);
}

static void set_landscape(fast_workbook *wb) { ok(wb, fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE)); }
static void set_portrait(fast_workbook *wb) { ok(wb, fast_workbook_set_page_orientation(wb, FAST_PORTRAIT)); }
static void set_fit_2_3(fast_workbook *wb) { ok(wb, fast_workbook_set_fit_to_pages(wb, 2, 3)); }
static void set_fit_1_1(fast_workbook *wb) { ok(wb, fast_workbook_set_fit_to_pages(wb, 1, 1)); }
static void set_fit_removed(fast_workbook *wb)
{
    ok(wb, fast_workbook_set_fit_to_pages(wb, 1, 1));
    ok(wb, fast_workbook_set_fit_to_pages(wb, 0, 0));
}
static void set_gridlines(fast_workbook *wb) { ok(wb, fast_workbook_set_print_option(wb, FAST_PRINT_GRIDLINES, 1)); }
static void set_option_off(fast_workbook *wb)
{
    ok(wb, fast_workbook_set_print_option(wb, FAST_PRINT_GRIDLINES, 1));
    ok(wb, fast_workbook_set_print_option(wb, FAST_PRINT_GRIDLINES, 0));
}
static void set_footer(fast_workbook *wb) { ok(wb, fast_workbook_set_header_footer(wb, FAST_FOOTER_ODD, STR("Page &P"))); }
static void set_area(fast_workbook *wb) { ok(wb, fast_workbook_set_print_area(wb, 1, 1, 2, 3)); }
static void set_area_to_end(fast_workbook *wb) { ok(wb, fast_workbook_set_print_area(wb, 2, 0, FAST_LAST_ROW, 0)); }
static void set_title_rows(fast_workbook *wb) { ok(wb, fast_workbook_set_print_title_rows(wb, 0, 0)); }
static void set_titles_removed(fast_workbook *wb)
{
    ok(wb, fast_workbook_set_print_title_rows(wb, 0, 0));
    ok(wb, fast_workbook_set_print_title_rows(wb, FAST_NO_TITLES, 0));
}
static void set_col_break(fast_workbook *wb) { ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_COLUMN, 16383)); }
static void set_nothing(fast_workbook *wb) { (void)wb; }

static void test_each_alone(void **state)
{
    (void)state;
    expect_alone(set_nothing, "", "</worksheet>", "");
    expect_alone(set_landscape, "", MARGINS_DEFAULT "<pageSetup orientation=\"landscape\"/></worksheet>", "");
    expect_alone(set_portrait, "", MARGINS_DEFAULT "<pageSetup orientation=\"portrait\"/></worksheet>", "");
    expect_alone(set_fit_2_3, FIT_HEAD,
                 MARGINS_DEFAULT "<pageSetup fitToWidth=\"2\" fitToHeight=\"3\"/></worksheet>", "");
    expect_alone(set_fit_1_1, FIT_HEAD, MARGINS_DEFAULT "<pageSetup/></worksheet>", "");
    expect_alone(set_fit_removed, "", "</worksheet>", "");
    expect_alone(set_gridlines, "", "<printOptions gridLines=\"1\"/>" MARGINS_DEFAULT "</worksheet>", "");
    expect_alone(set_option_off, "", "</worksheet>", "");
    expect_alone(set_footer, "",
                 MARGINS_DEFAULT "<headerFooter><oddFooter>Page &amp;P</oddFooter></headerFooter></worksheet>", "");
    expect_alone(set_area, "", "</worksheet>",
                 "<definedNames><definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">S!$B$2:$D$3"
                 "</definedName></definedNames>");
    expect_alone(set_area_to_end, "", "</worksheet>",
                 "<definedNames><definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">S!$A$3:$A$4"
                 "</definedName></definedNames>");
    expect_alone(set_title_rows, "", "</worksheet>",
                 "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">S!$1:$1"
                 "</definedName></definedNames>");
    expect_alone(set_titles_removed, "", "</worksheet>", "");
    expect_alone(set_col_break, "",
                 MARGINS_DEFAULT "<colBreaks count=\"1\" manualBreakCount=\"1\">"
                                 "<brk id=\"16383\" max=\"1048575\" man=\"1\"/></colBreaks></worksheet>",
                 "");
}

/* Continuation sheets repeat the page setup, header/footer and titles, and an
 * open-ended print area; not breaks nor a fixed area. Names per sheet. */
static void test_continuation(void **state)
{
    (void)state;
    tu_buf pkg = {0}, h2 = {0}, t1 = {0}, t2 = {0}, names = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_set_header_rows(wb, 1));
    ok(wb, fast_workbook_set_rows_per_sheet(wb, 4));
    ok(wb, fast_workbook_add_worksheet(wb, STR("Data")));
    ok(wb, fast_workbook_set_fit_to_pages(wb, 1, 0));
    ok(wb, fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE));
    ok(wb, fast_workbook_set_header_footer(wb, FAST_FOOTER_ODD, STR("&P")));
    ok(wb, fast_workbook_set_print_title_rows(wb, 0, 0));
    ok(wb, fast_workbook_set_print_area(wb, 0, 0, FAST_LAST_ROW, 2));
    ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 2));
    rows(wb, 6); /* 4 + (1 + 2) */
    ok(wb, fast_workbook_add_worksheet(wb, STR("Other")));
    ok(wb, fast_workbook_set_print_area(wb, 0, 0, 0, 0));
    tu_close_ok(wb);
    sheet_piece(&pkg, 1, 0, &t1);
    sheet_piece(&pkg, 2, 1, &h2);
    sheet_piece(&pkg, 2, 0, &t2);
    defined_names(&pkg, &names);
#define CONT_SETUP MARGINS_DEFAULT "<pageSetup fitToHeight=\"0\" orientation=\"landscape\"/>" \
                   "<headerFooter><oddFooter>&amp;P</oddFooter></headerFooter>"
    tu_assert_str_bytes(t1.data, strlen((const char *)t1.data),
                        CONT_SETUP "<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"2\" max=\"16383\" "
                                   "man=\"1\"/></rowBreaks></worksheet>");
    tu_assert_str_bytes(h2.data, strlen((const char *)h2.data), FIT_HEAD);
    tu_assert_str_bytes(t2.data, strlen((const char *)t2.data), CONT_SETUP "</worksheet>");
    tu_assert_str_bytes(names.data, strlen((const char *)names.data),
                        "<definedNames>"
                        "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">Data!$A$1:$C$4</definedName>"
                        "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"1\">'Data (2)'!$A$1:$C$3</definedName>"
                        "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"2\">Other!$A$1:$A$1</definedName>"
                        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Data!$1:$1</definedName>"
                        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Data (2)'!$1:$1</definedName>"
                        "</definedNames>");
    tu_buf_free(&pkg);
    tu_buf_free(&h2);
    tu_buf_free(&t1);
    tu_buf_free(&t2);
    tu_buf_free(&names);
}

static void refused(fast_workbook *wb, fast_status got, fast_status want, const char *msg_part)
{
    if (got != want)
        fail_msg("status %d, want %d (%s)", (int)got, (int)want, fast_workbook_error_message(wb));
    const char *m = fast_workbook_error_message(wb);
    if (!strstr(m, msg_part))
        fail_msg("message '%s' lacks '%s'", m, msg_part);
}

static void test_refusals(void **state)
{
    (void)state;
    tu_buf pkg = {0}, tail = {0};
    assert_int_equal(fast_workbook_set_page_orientation(NULL, FAST_LANDSCAPE), FAST_ERROR_INVALID_ARGUMENT);
    fast_workbook *wb = tu_callback_workbook(&pkg);
    refused(wb, fast_workbook_set_print_scale(wb, 50), FAST_ERROR_STATE, "no worksheet");
    ok(wb, fast_workbook_add_worksheet(wb, STR("Sheet")));
    refused(wb, fast_workbook_set_page_orientation(wb, 3), FAST_ERROR_INVALID_ARGUMENT, "sheet 'Sheet'");
    refused(wb, fast_workbook_set_paper_size(wb, 119), FAST_ERROR_INVALID_ARGUMENT, "paper size 119");
    refused(wb, fast_workbook_set_print_scale(wb, 9), FAST_ERROR_INVALID_ARGUMENT, "10..400");
    refused(wb, fast_workbook_set_print_scale(wb, 401), FAST_ERROR_INVALID_ARGUMENT, "10..400");
    refused(wb, fast_workbook_set_fit_to_pages(wb, 32768, 1), FAST_ERROR_INVALID_ARGUMENT, "32767");
    refused(wb, fast_workbook_set_margins(wb, 0.5, -0.1, 1, 1, 1, 1), FAST_ERROR_INVALID_ARGUMENT, "right margin");
    refused(wb, fast_workbook_set_margins(wb, 0.5, 0.5, 1, 1, 1, 0.0 / 0.0), FAST_ERROR_INVALID_ARGUMENT,
            "footer margin");
    refused(wb, fast_workbook_set_margins(wb, 50, 0.5, 1, 1, 1, 1), FAST_ERROR_INVALID_ARGUMENT, "left margin");
    refused(wb, fast_workbook_set_first_page_number(wb, 32768), FAST_ERROR_INVALID_ARGUMENT, "page number");
    refused(wb, fast_workbook_set_print_option(wb, 0, 1), FAST_ERROR_INVALID_ARGUMENT, "print option 0");
    refused(wb, fast_workbook_set_print_option(wb, 8, 1), FAST_ERROR_INVALID_ARGUMENT, "print option 8");
    refused(wb, fast_workbook_set_header_footer(wb, 6, STR("x")), FAST_ERROR_INVALID_ARGUMENT, "header or footer 6");
    refused(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, NULL, 2), FAST_ERROR_INVALID_ARGUMENT, "NULL");
    refused(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, STR("a&")), FAST_ERROR_INVALID_ARGUMENT,
            "byte 1: a lone '&'");
    refused(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, STR("&Q")), FAST_ERROR_INVALID_ARGUMENT,
            "unknown code");
    refused(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, STR("&\"Arial")), FAST_ERROR_INVALID_ARGUMENT,
            "closing");
    refused(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_ODD, STR("&KFF00")), FAST_ERROR_INVALID_ARGUMENT,
            "colour");
    refused(wb, fast_workbook_set_header_footer(wb, FAST_FOOTER_ODD, STR("\xff")), FAST_ERROR_INVALID_UTF8,
            "odd page footer");
    /* 255 characters (code points, 2 bytes each here) are taken, 256 refused. */
    char text[600];
    for (int i = 0; i < 256; i++)
        memcpy(text + 2 * i, "\xc3\xa9", 2);
    refused(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_EVEN, text, 512), FAST_ERROR_INVALID_ARGUMENT,
            "even page header");
    ok(wb, fast_workbook_set_header_footer(wb, FAST_HEADER_EVEN, text, 510));
    refused(wb, fast_workbook_set_print_area(wb, 3, 0, 2, 0), FAST_ERROR_INVALID_ARGUMENT, "reversed");
    refused(wb, fast_workbook_set_print_area(wb, 0, 0, 0, FAST_MAX_COLUMNS), FAST_ERROR_INVALID_ARGUMENT, "bounds");
    refused(wb, fast_workbook_set_print_title_rows(wb, 2, 1), FAST_ERROR_INVALID_ARGUMENT, "rows 2..1");
    refused(wb, fast_workbook_set_print_title_rows(wb, 0, FAST_MAX_ROWS), FAST_ERROR_INVALID_ARGUMENT, "rows 0..");
    refused(wb, fast_workbook_set_print_title_columns(wb, 0, FAST_MAX_COLUMNS), FAST_ERROR_INVALID_ARGUMENT,
            "columns 0..");
    refused(wb, fast_workbook_add_page_break(wb, 2, 1), FAST_ERROR_INVALID_ARGUMENT, "kind 2");
    refused(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 0), FAST_ERROR_INVALID_ARGUMENT, "before row 0");
    refused(wb, fast_workbook_add_page_break(wb, FAST_BREAK_COLUMN, FAST_MAX_COLUMNS), FAST_ERROR_INVALID_ARGUMENT,
            "before column 16384");
    for (uint32_t i = 1; i <= FAST_MAX_PAGE_BREAKS; i++)
        ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, i * 10));
    refused(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 5), FAST_ERROR_INVALID_ARGUMENT, "more than 1023");
    ok(wb, fast_workbook_add_page_break(wb, FAST_BREAK_ROW, 10)); /* there already */
    rows(wb, 1);
    refused(wb, fast_workbook_set_fit_to_pages(wb, 1, 0), FAST_ERROR_TOO_LATE, "before its first row");
    ok(wb, fast_workbook_set_print_scale(wb, 400)); /* after the rows: fine */
    rows(wb, 1);                                     /* the workbook goes on */
    tu_close_ok(wb);
    sheet_piece(&pkg, 1, 0, &tail);
    const char *t = (const char *)tail.data;
    assert_non_null(strstr(t, "<pageSetup scale=\"400\"/>"));
    assert_non_null(strstr(t, "<rowBreaks count=\"1023\" manualBreakCount=\"1023\"><brk id=\"10\" "));
    assert_null(strstr(t, "<brk id=\"5\""));
    assert_null(strstr(t, "oddHeader"));
    assert_non_null(strstr(t, "<headerFooter differentOddEven=\"1\"><evenHeader>\xc3\xa9"));
    tu_buf_free(&pkg);
    tu_buf_free(&tail);
}

/* Everything on a file (the patched head), valid against the schemas. */
static void test_schema_valid(void **state)
{
    (void)state;
    char dir[256], path[320];
    tu_temp_workbook("fx_test_print", "print.xlsx", dir, path);
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Bob's <data>")));
    set_everything(wb);
    rows(wb, 5);
    ok(wb, fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 2));
    ok(wb, fast_workbook_merge_range(wb, 0, 4, 0, 5));
    ok(wb, fast_workbook_add_hyperlink(wb, 0, 3, STR("https://example.com/")));
    ok(wb, fast_workbook_add_worksheet(wb, STR("Plain")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN));
    ok(wb, fast_workbook_set_gridlines_shown(wb, 0)); /* a sheetView without tabSelected */
    rows(wb, 1);
    ok(wb, fast_workbook_protect_structure(wb, STR("secret")));
    ok(wb, fast_workbook_add_worksheet(wb, STR("Secret")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_VERY_HIDDEN));
    tu_close_ok(wb);
    tu_buf pkg = {0}, head = {0};
    assert_int_equal(tu_read_file(path, &pkg), 0);
    sheet_piece(&pkg, 1, 1, &head);
    tu_assert_str_bytes(head.data, strlen((const char *)head.data),
                        "<sheetPr><tabColor rgb=\"FFFF8000\"/><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    tu_buf_free(&pkg);
    tu_buf_free(&head);
    tu_validate_and_remove(dir, path);
}

/* Every kind in the schema's attribute order; ranges to FAST_LAST_ROW carry
 * over to continuation sheets, fixed ones stay; refusals change nothing. */
static void test_ignored_errors(void **state)
{
    (void)state;
    tu_buf pkg = {0}, t1 = {0}, t2 = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_set_header_rows(wb, 1));
    ok(wb, fast_workbook_set_rows_per_sheet(wb, 4));
    assert_int_equal(fast_workbook_ignore_errors(NULL, 0, 0, 0, 0, 1), FAST_ERROR_INVALID_ARGUMENT);
    refused(wb, fast_workbook_ignore_errors(wb, 0, 0, 0, 0, 1), FAST_ERROR_STATE, "no worksheet");
    ok(wb, fast_workbook_add_worksheet(wb, STR("Data")));
    refused(wb, fast_workbook_ignore_errors(wb, 0, 0, 0, 0, 0), FAST_ERROR_INVALID_ARGUMENT, "kinds 0x0");
    refused(wb, fast_workbook_ignore_errors(wb, 0, 0, 0, 0, 1u << 9), FAST_ERROR_INVALID_ARGUMENT, "unknown bits");
    refused(wb, fast_workbook_ignore_errors(wb, 2, 0, 1, 0, 1), FAST_ERROR_INVALID_ARGUMENT, "reversed");
    refused(wb, fast_workbook_ignore_errors(wb, 0, 1, 0, 0, 1), FAST_ERROR_INVALID_ARGUMENT, "sheet 'Data'");
    ok(wb, fast_workbook_ignore_errors(wb, 1, 0, FAST_LAST_ROW, 0, FAST_IGNORE_NUMBER_STORED_AS_TEXT));
    ok(wb, fast_workbook_ignore_errors(wb, 0, 1, 2, 2, 0x1FF));
    ok(wb, fast_workbook_ignore_errors(wb, 5, 5, 5, 5, FAST_IGNORE_FORMULA | FAST_IGNORE_EVAL_ERROR));
    rows(wb, 6);
    tu_close_ok(wb);
    sheet_piece(&pkg, 1, 0, &t1);
    sheet_piece(&pkg, 2, 0, &t2);
    tu_assert_str_bytes(t1.data, strlen((const char *)t1.data),
                        "<ignoredErrors><ignoredError sqref=\"A2:A4\" numberStoredAsText=\"1\"/>"
                        "<ignoredError sqref=\"B1:C3\" evalError=\"1\" twoDigitTextYear=\"1\" "
                        "numberStoredAsText=\"1\" formula=\"1\" formulaRange=\"1\" unlockedFormula=\"1\" "
                        "emptyCellReference=\"1\" listDataValidation=\"1\" calculatedColumn=\"1\"/>"
                        "<ignoredError sqref=\"F6\" evalError=\"1\" formula=\"1\"/></ignoredErrors></worksheet>");
    tu_assert_str_bytes(t2.data, strlen((const char *)t2.data),
                        "<ignoredErrors><ignoredError sqref=\"A2:A3\" numberStoredAsText=\"1\"/></ignoredErrors>"
                        "</worksheet>");
    tu_buf_free(&pkg);
    tu_buf_free(&t1);
    tu_buf_free(&t2);
}

/* Sheet states in the workbook part; the first sheet stays visible; the
 * display settings come before the first row; refusals change nothing. */
static void test_sheet_display(void **state)
{
    (void)state;
    tu_buf pkg = {0}, wbx = {0}, h1 = {0}, h2 = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    refused(wb, fast_workbook_set_zoom(wb, 50), FAST_ERROR_STATE, "no worksheet");
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    refused(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN), FAST_ERROR_INVALID_ARGUMENT,
            "first sheet, which must stay visible");
    refused(wb, fast_workbook_set_sheet_state(wb, 3), FAST_ERROR_INVALID_ARGUMENT, "unknown state 3");
    refused(wb, fast_workbook_set_tab_color(wb, 0x1000000), FAST_ERROR_INVALID_ARGUMENT, "0xRRGGBB");
    refused(wb, fast_workbook_set_tab_color(wb, -2), FAST_ERROR_INVALID_ARGUMENT, "0xRRGGBB");
    refused(wb, fast_workbook_set_zoom(wb, 9), FAST_ERROR_INVALID_ARGUMENT, "10..400");
    refused(wb, fast_workbook_set_zoom(wb, 401), FAST_ERROR_INVALID_ARGUMENT, "10..400");
    refused(wb, fast_workbook_set_default_row_height(wb, 0), FAST_ERROR_INVALID_ARGUMENT, "points");
    refused(wb, fast_workbook_set_default_row_height(wb, 410), FAST_ERROR_INVALID_ARGUMENT, "points");
    ok(wb, fast_workbook_set_tab_color(wb, 0x00FF00));
    ok(wb, fast_workbook_set_tab_color(wb, -1)); /* removed again */
    ok(wb, fast_workbook_set_zoom(wb, 100));     /* the default: nothing written */
    rows(wb, 1);
    refused(wb, fast_workbook_set_gridlines_shown(wb, 0), FAST_ERROR_TOO_LATE, "before its first row");
    refused(wb, fast_workbook_set_tab_color(wb, 1), FAST_ERROR_TOO_LATE, "before its first row");
    ok(wb, fast_workbook_add_worksheet(wb, STR("Two")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_VERY_HIDDEN));
    ok(wb, fast_workbook_set_tab_color(wb, 0x0000FF));
    ok(wb, fast_workbook_set_default_row_height(wb, 30));
    rows(wb, 1);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Three")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_VISIBLE)); /* shown again */
    tu_close_ok(wb);
    tu_extract_part(&pkg, "xl/workbook.xml", &wbx);
    tu_buf_append(&wbx, "", 1);
    sheet_piece(&pkg, 1, 2, &h1);
    sheet_piece(&pkg, 2, 2, &h2);
    tu_assert_contains(wbx.data, wbx.len,
                       "<sheets><sheet name=\"One\" sheetId=\"1\" r:id=\"rId1\"/>"
                       "<sheet name=\"Two\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId2\"/>"
                       "<sheet name=\"Three\" sheetId=\"3\" r:id=\"rId3\"/></sheets>");
    tu_assert_str_bytes(h1.data, strlen((const char *)h1.data),
                        "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>");
    tu_assert_str_bytes(h2.data, strlen((const char *)h2.data),
                        "<sheetPr><tabColor rgb=\"FF0000FF\"/></sheetPr>"
                        "<sheetFormatPr defaultRowHeight=\"30\" customHeight=\"1\"/>");
    tu_buf_free(&pkg);
    tu_buf_free(&wbx);
    tu_buf_free(&h1);
    tu_buf_free(&h2);
}

/* The head of sheet @n up to <sheetFormatPr>/<sheetData> (sheetPr..sheetViews), NUL-terminated. */
static void views_of(const tu_buf *pkg, int n, tu_buf *out)
{
    sheet_piece(pkg, n, 2, out);
}

/* The number of tabSelected attributes in sheets 1..@n. */
static int selected_count(const tu_buf *pkg, int n)
{
    int count = 0;
    for (int i = 1; i <= n; i++) {
        tu_buf h = {0};
        views_of(pkg, i, &h);
        for (const char *p = (const char *)h.data; (p = strstr(p, "tabSelected")) != NULL; p++)
            count++;
        tu_buf_free(&h);
    }
    return count;
}

static void assert_book_views(const tu_buf *pkg, const char *want)
{
    tu_buf wbx = {0};
    tu_extract_part(pkg, "xl/workbook.xml", &wbx);
    tu_assert_contains(wbx.data, wbx.len, want);
    tu_buf_free(&wbx);
}

#define SELECTED_VIEW "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"

/* fast_workbook_set_active_sheet(): the named sheet, a continuation sheet's
 * generated name included, is the one tab selected and the activeTab; the
 * first sheet is then written without tabSelected; refusals change nothing. */
static void test_active_sheet(void **state)
{
    (void)state;
    tu_buf pkg = {0}, h = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_set_active_sheet(NULL, STR("x")), FAST_ERROR_INVALID_ARGUMENT);
    refused(wb, fast_workbook_set_active_sheet(wb, NULL, 3), FAST_ERROR_INVALID_ARGUMENT, "NULL name");
    refused(wb, fast_workbook_set_active_sheet(wb, STR("a\xff")), FAST_ERROR_INVALID_UTF8, "byte 2");
    refused(wb, fast_workbook_set_active_sheet(wb, STR("0123456789012345678901234567890x")), FAST_ERROR_SHEET_NAME,
            "32 characters");
    ok(wb, fast_workbook_set_rows_per_sheet(wb, 3));
    ok(wb, fast_workbook_set_active_sheet(wb, STR("One"))); /* replaced below */
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    ok(wb, fast_workbook_set_active_sheet(wb, STR("DATA (2)")));
    rows(wb, 1);
    refused(wb, fast_workbook_set_active_sheet(wb, STR("One")), FAST_ERROR_TOO_LATE, "first sheet 'One' already");
    ok(wb, fast_workbook_add_worksheet(wb, STR("Data")));
    rows(wb, 5); /* Data (3 rows), then Data (2), the active sheet */
    refused(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN), FAST_ERROR_TOO_LATE, "before its first row");
    ok(wb, fast_workbook_add_worksheet(wb, STR("Four")));
    rows(wb, 1);
    tu_close_ok(wb);
    assert_book_views(&pkg, "<bookViews><workbookView activeTab=\"2\"/></bookViews><sheets>");
    views_of(&pkg, 3, &h);
    tu_assert_str_bytes(h.data, strlen((const char *)h.data), SELECTED_VIEW);
    assert_int_equal(selected_count(&pkg, 4), 1);
    tu_buf_free(&h);
    tu_buf_free(&pkg);

    /* The active sheet cannot be hidden; case folding beyond ASCII; other sheets still can be hidden. */
    wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    ok(wb, fast_workbook_set_active_sheet(wb, STR("\xc3\x89T\xc3\x89"))); /* ÉTÉ */
    rows(wb, 1);
    ok(wb, fast_workbook_add_worksheet(wb, STR("\xc3\xa9t\xc3\xa9"))); /* été */
    refused(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN), FAST_ERROR_INVALID_ARGUMENT,
            "is the active sheet");
    refused(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_VERY_HIDDEN), FAST_ERROR_INVALID_ARGUMENT,
            "must stay visible");
    ok(wb, fast_workbook_set_zoom(wb, 150));
    rows(wb, 1);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Three")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN));
    tu_close_ok(wb);
    assert_book_views(&pkg, "<bookViews><workbookView activeTab=\"1\"/></bookViews><sheets>"
                            "<sheet name=\"One\" sheetId=\"1\" r:id=\"rId1\"/>"
                            "<sheet name=\"\xc3\xa9t\xc3\xa9\" sheetId=\"2\" r:id=\"rId2\"/>"
                            "<sheet name=\"Three\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/></sheets>");
    views_of(&pkg, 1, &h);
    tu_assert_str_bytes(h.data, strlen((const char *)h.data), ""); /* no sheetView: not selected */
    tu_buf_free(&h);
    views_of(&pkg, 2, &h);
    tu_assert_str_bytes(h.data, strlen((const char *)h.data),
                        "<sheetViews><sheetView tabSelected=\"1\" zoomScale=\"150\" zoomScaleNormal=\"150\" "
                        "workbookViewId=\"0\"/></sheetViews>");
    assert_int_equal(selected_count(&pkg, 3), 1);
    tu_buf_free(&h);
    tu_buf_free(&pkg);

    /* A name no visible sheet bears (here only a hidden sheet's continuation): the workbook opens at the
     * first sheet, and no tab is selected. */
    wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_set_rows_per_sheet(wb, 2));
    ok(wb, fast_workbook_set_active_sheet(wb, STR("Hid (2)")));
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    rows(wb, 1);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Hid")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN));
    rows(wb, 3);
    tu_close_ok(wb);
    assert_book_views(&pkg, "<bookViews><workbookView/></bookViews><sheets><sheet name=\"One\" sheetId=\"1\" "
                            "r:id=\"rId1\"/><sheet name=\"Hid\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
                            "<sheet name=\"Hid (2)\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/></sheets>");
    assert_int_equal(selected_count(&pkg, 3), 0);
    tu_buf_free(&pkg);

    /* NULL/0 removes the setting: the first sheet is selected again. A second sheet makes it too late. */
    wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_set_active_sheet(wb, STR("Two")));
    ok(wb, fast_workbook_set_active_sheet(wb, NULL, 0));
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    ok(wb, fast_workbook_add_worksheet(wb, STR("Two")));
    refused(wb, fast_workbook_set_active_sheet(wb, STR("Two")), FAST_ERROR_TOO_LATE, "is followed by another");
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    assert_int_equal(fast_workbook_set_active_sheet(wb, STR("Two")), FAST_ERROR_CLOSED);
    fast_workbook_free(wb);
    assert_book_views(&pkg, "<bookViews><workbookView/></bookViews>");
    views_of(&pkg, 1, &h);
    tu_assert_str_bytes(h.data, strlen((const char *)h.data), SELECTED_VIEW);
    assert_int_equal(selected_count(&pkg, 2), 1);
    tu_buf_free(&h);
    tu_buf_free(&pkg);
}

/* A workbook whose active sheet is the third, between hidden sheets, against the schemas. */
static void test_active_sheet_schema_valid(void **state)
{
    (void)state;
    char dir[256], path[320];
    tu_temp_workbook("fx_test_print", "active.xlsx", dir, path);
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    ok(wb, fast_workbook_set_active_sheet(wb, STR("summary")));
    ok(wb, fast_workbook_add_worksheet(wb, STR("Data")));
    rows(wb, 2);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Hidden")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_HIDDEN));
    rows(wb, 1);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Summary")));
    ok(wb, fast_workbook_freeze_panes(wb, 1, 0));
    rows(wb, 2);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Last")));
    ok(wb, fast_workbook_set_sheet_state(wb, FAST_SHEET_VERY_HIDDEN));
    tu_close_ok(wb);
    tu_buf pkg = {0};
    assert_int_equal(tu_read_file(path, &pkg), 0);
    assert_book_views(&pkg, "<workbookView activeTab=\"2\"/>");
    assert_int_equal(selected_count(&pkg, 4), 1);
    tu_buf_free(&pkg);
    tu_validate_and_remove(dir, path);
}

/* Sheet protection: Excel's form with its defaults (XlsxWriter's protect02/03
 * made by Excel: "password" hashes to 83AF), every option, the workbook's
 * structure lock, refusals. */
static void test_protection(void **state)
{
    (void)state;
    static const struct {
        const char *pw;
        unsigned allow;
        const char *want;
    } cases[] = {
        {NULL, 0, "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\"/>"},
        {"password", 0, "<sheetProtection password=\"83AF\" sheet=\"1\" objects=\"1\" scenarios=\"1\"/>"},
        {"", FAST_PROTECT_NEXT - 1,
         "<sheetProtection sheet=\"1\" formatCells=\"0\" formatColumns=\"0\" formatRows=\"0\" insertColumns=\"0\" "
         "insertRows=\"0\" insertHyperlinks=\"0\" deleteColumns=\"0\" deleteRows=\"0\" selectLockedCells=\"1\" "
         "sort=\"0\" autoFilter=\"0\" pivotTables=\"0\" selectUnlockedCells=\"1\"/>"},
        {"a", FAST_PROTECT_ALLOW_EDIT_OBJECTS,
         "<sheetProtection password=\"CE88\" sheet=\"1\" scenarios=\"1\"/>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_buf pkg = {0}, tail = {0};
        fast_workbook *wb = tu_callback_workbook(&pkg);
        ok(wb, fast_workbook_add_worksheet(wb, STR("S")));
        rows(wb, 1);
        ok(wb, fast_workbook_protect_sheet(wb, cases[i].pw, cases[i].pw ? strlen(cases[i].pw) : 0, cases[i].allow));
        tu_close_ok(wb);
        sheet_piece(&pkg, 1, 0, &tail);
        char want[600];
        snprintf(want, sizeof want, "%s</worksheet>", cases[i].want);
        tu_assert_str_bytes(tail.data, strlen((const char *)tail.data), want);
        tu_buf_free(&pkg);
        tu_buf_free(&tail);
    }
    tu_buf pkg = {0}, wbx = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    refused(wb, fast_workbook_protect_sheet(wb, NULL, 0, 0), FAST_ERROR_STATE, "no worksheet");
    ok(wb, fast_workbook_protect_structure(wb, STR("password")));
    ok(wb, fast_workbook_add_worksheet(wb, STR("S")));
    refused(wb, fast_workbook_protect_sheet(wb, NULL, 3, 0), FAST_ERROR_INVALID_ARGUMENT, "NULL password");
    refused(wb, fast_workbook_protect_sheet(wb, STR("caf\xc3\xa9"), 0), FAST_ERROR_INVALID_ARGUMENT,
            "byte 3 is 0xC3");
    refused(wb, fast_workbook_protect_sheet(wb, STR("x"), FAST_PROTECT_NEXT), FAST_ERROR_INVALID_ARGUMENT,
            "unknown bits");
    char longpw[300];
    memset(longpw, 'p', sizeof longpw);
    refused(wb, fast_workbook_protect_sheet(wb, longpw, 256, 0), FAST_ERROR_INVALID_ARGUMENT, "256 characters");
    refused(wb, fast_workbook_protect_structure(wb, STR("\t")), FAST_ERROR_INVALID_ARGUMENT, "printable ASCII");
    ok(wb, fast_workbook_protect_sheet(wb, longpw, 255, 0));
    tu_close_ok(wb);
    tu_extract_part(&pkg, "xl/workbook.xml", &wbx);
    tu_assert_contains(wbx.data, wbx.len,
                       "relationships\"><workbookProtection workbookPassword=\"83AF\" lockStructure=\"1\"/>"
                       "<bookViews>");
    tu_buf_free(&pkg);
    tu_buf_free(&wbx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_everything),
        cmocka_unit_test(test_each_alone),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_ignored_errors),
        cmocka_unit_test(test_sheet_display),
        cmocka_unit_test(test_protection),
        cmocka_unit_test(test_active_sheet),
        cmocka_unit_test(test_active_sheet_schema_valid),
        cmocka_unit_test(test_schema_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
