/*
 * test_table.c - Excel tables (lib/table.c) through the public API, as exact
 * XML: the table part (ECMA-376 Part 1 §18.5.1.2) in the form Excel writes it
 * (XlsxWriter's Excel-made table*.xlsx), the totals row with its SUBTOTAL
 * formulas and cached values, calculated columns, <tableParts> and the sheet's
 * relationships, the content types; the refusals with their statuses and
 * messages, after which the workbook goes on; continuation sheets.
 *
 * Workbooks with tables are also read back by openpyxl, Apache POI, ExcelJS
 * and LibreOffice and validated against the schemas (tests/e2e/tables.sh).
 */
#include "testutil.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define TABLE_HEAD XML_DECL "<table xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define STYLE(name) "<tableStyleInfo name=\"" name "\" showFirstColumn=\"0\" showLastColumn=\"0\" " \
                    "showRowStripes=\"1\" showColumnStripes=\"0\"/></table>"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define RELS_HEAD XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define INL(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define NUM(ref, v) "<c r=\"" ref "\"><v>" v "</v></c>"

static void expect_part(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    if (part.len != strlen(want) || memcmp(part.data, want, part.len) != 0)
        print_message("part %s:\n got: %s\nwant: %s\n", name, (const char *)part.data, want);
    tu_assert_str_bytes(part.data, part.len, want);
    tu_buf_free(&part);
}

static void expect_contains(const tu_buf *pkg, const char *name, const char *needle)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    if (tu_find(part.data, part.len, needle, strlen(needle)) < 0)
        print_message("part %s:\n got: %s\nlacks: %s\n", name, (const char *)part.data, needle);
    tu_assert_contains(part.data, part.len, needle);
    tu_buf_free(&part);
}

static int has_part(const tu_buf *pkg, const char *name)
{
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, pkg->data, pkg->len), 0);
    long i = tu_zip_find(&z, name);
    tu_zip_free(&z);
    return i >= 0;
}

/* A workbook writing to @out with inline strings (no SST indexes in the expected XML). */
static fast_workbook *new_book(tu_buf *out, const char *sheet)
{
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, out);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, sheet, strlen(sheet)), FAST_OK);
    return wb;
}

static fast_table *add_table(fast_workbook *wb, const char *name, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2)
{
    fast_table *t = NULL;
    fast_status st = fast_workbook_add_table(wb, name, name ? strlen(name) : 0, r1, c1, r2, c2, &t);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_table(%s): %d %s", name ? name : "NULL", (int)st, fast_workbook_error_message(wb));
    return t;
}

/* Write a row of strings; NULL entries are blanks. */
static fast_status strings(fast_workbook *wb, size_t n, const char *const *v)
{
    size_t len[32];
    for (size_t i = 0; i < n; i++)
        len[i] = v[i] ? strlen(v[i]) : 0;
    return fast_workbook_write_row_strings(wb, v, len, n);
}

static void ok_row(fast_workbook *wb, fast_cells *c, size_t n)
{
    fast_status st = fast_workbook_write_row(wb, c, n);
    if (st != FAST_OK)
        fail_msg("write_row: %d %s", (int)st, fast_workbook_error_message(wb));
}

static void expect_refused(fast_workbook *wb, fast_status got, fast_status want, const char *message)
{
    if (got != want || strcmp(fast_workbook_error_message(wb), message) != 0)
        fail_msg("status %d (want %d), message:\n  %s\nwant:\n  %s", (int)got, (int)want,
                 fast_workbook_error_message(wb), message);
    assert_int_equal(fast_workbook_status(wb), FAST_OK); /* non-sticky */
}

/* Every total function, a label, cached values computed as SUBTOTAL counts. */
static void test_totals_row(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = new_book(&out, "Data");
    fast_table *t = add_table(wb, "Sales", 1, 1, FAST_LAST_ROW, 9);
    assert_int_equal(fast_table_set_total_label(t, 1, "Total", 5), FAST_OK);
    static const int fn[] = {FAST_TABLE_TOTAL_SUM, FAST_TABLE_TOTAL_AVERAGE, FAST_TABLE_TOTAL_COUNT,
                             FAST_TABLE_TOTAL_COUNT_NUMS, FAST_TABLE_TOTAL_MIN, FAST_TABLE_TOTAL_MAX,
                             FAST_TABLE_TOTAL_STD_DEV, FAST_TABLE_TOTAL_VAR};
    for (uint32_t i = 0; i < 8; i++)
        assert_int_equal(fast_table_set_total_function(t, 2 + i, fn[i]), FAST_OK);

    assert_int_equal(strings(wb, 1, (const char *const[]){"title"}), FAST_OK); /* row 1, above the table */
    assert_int_equal(strings(wb, 10, (const char *const[]){NULL, "Item", "Amount", "Avg", "Count", "Nums", "Low",
                                                           "High", "Sd", "Var"}),
                     FAST_OK);
    fast_cells *c = fast_cells_new(10);
    /* Row 3. */
    fast_cells_set_string(c, 1, "a", 1);
    fast_cells_set_number(c, 2, 1.5);
    fast_cells_set_number(c, 3, 1);
    fast_cells_set_string(c, 4, "a", 1);
    fast_cells_set_string(c, 5, "a", 1);
    fast_cells_set_number(c, 6, 5);
    fast_cells_set_string(c, 7, "a", 1);
    fast_cells_set_number(c, 8, 2);
    fast_cells_set_number(c, 9, 1);
    ok_row(wb, c, 10);
    /* Row 4: an integer, a boolean, a date (serial 45292). */
    fast_cells_clear(c);
    fast_cells_set_integer(c, 2, 2);
    fast_cells_set_number(c, 3, 2);
    fast_cells_set_boolean(c, 4, 1);
    fast_cells_set_integer(c, 5, 1);
    fast_cells_set_number(c, 6, -2.5);
    fast_cells_set_string(c, 7, "b", 1);
    fast_cells_set_number(c, 8, 4);
    ok_row(wb, c, 10);
    /* Row 5: text in a summed column is not a number; a formula's cached number is. */
    fast_cells_clear(c);
    fast_cells_set_string(c, 2, "x", 1);
    fast_cells_set_formula_number(c, 3, "1+3", 3, 4);
    fast_cells_set_date(c, 5, 2024, 1, 1);
    fast_cells_set_string(c, 6, "z", 1);
    fast_cells_set_boolean(c, 7, 0);
    fast_cells_set_number(c, 8, 4);
    ok_row(wb, c, 10);
    /* Row 6: a short row; the rest blank. */
    fast_cells_clear(c);
    fast_cells_set_number(c, 2, 3);
    fast_cells_set_integer(c, 4, 5);
    fast_cells_set_number(c, 6, 7);
    fast_cells_set_number(c, 8, 4);
    ok_row(wb, c, 9);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/tables/table1.xml",
                TABLE_HEAD "id=\"1\" name=\"Sales\" displayName=\"Sales\" ref=\"B2:J7\" totalsRowCount=\"1\">"
                "<autoFilter ref=\"B2:J6\"/><tableColumns count=\"9\">"
                "<tableColumn id=\"1\" name=\"Item\" totalsRowLabel=\"Total\"/>"
                "<tableColumn id=\"2\" name=\"Amount\" totalsRowFunction=\"sum\"/>"
                "<tableColumn id=\"3\" name=\"Avg\" totalsRowFunction=\"average\"/>"
                "<tableColumn id=\"4\" name=\"Count\" totalsRowFunction=\"count\"/>"
                "<tableColumn id=\"5\" name=\"Nums\" totalsRowFunction=\"countNums\"/>"
                "<tableColumn id=\"6\" name=\"Low\" totalsRowFunction=\"min\"/>"
                "<tableColumn id=\"7\" name=\"High\" totalsRowFunction=\"max\"/>"
                "<tableColumn id=\"8\" name=\"Sd\" totalsRowFunction=\"stdDev\"/>"
                "<tableColumn id=\"9\" name=\"Var\" totalsRowFunction=\"var\"/>"
                "</tableColumns>" STYLE("TableStyleMedium2"));
    /* sum 1.5+2+3; average (1+2+4)/3; count 3 non-empty (text, boolean, number);
     * countNums 2 (an integer and a date); min -2.5; max of no number 0; stdDev of
     * 2,4,4,4 is 1; var of one number is #DIV/0!: no cached value. */
    expect_contains(&out, "xl/worksheets/sheet1.xml",
                    "<row r=\"7\">" INL("B7", "Total")
                    "<c r=\"C7\"><f>SUBTOTAL(109,Sales[Amount])</f><v>6.5</v></c>"
                    "<c r=\"D7\"><f>SUBTOTAL(101,Sales[Avg])</f><v>2.3333333333333335</v></c>"
                    "<c r=\"E7\"><f>SUBTOTAL(103,Sales[Count])</f><v>3</v></c>"
                    "<c r=\"F7\"><f>SUBTOTAL(102,Sales[Nums])</f><v>2</v></c>"
                    "<c r=\"G7\"><f>SUBTOTAL(105,Sales[Low])</f><v>-2.5</v></c>"
                    "<c r=\"H7\"><f>SUBTOTAL(104,Sales[High])</f><v>0</v></c>"
                    "<c r=\"I7\"><f>SUBTOTAL(107,Sales[Sd])</f><v>1</v></c>"
                    "<c r=\"J7\"><f>SUBTOTAL(110,Sales[Var])</f></c></row></sheetData>"
                    "<tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts></worksheet>");
    expect_part(&out, "xl/worksheets/_rels/sheet1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "table\" Target=\"../tables/table1.xml\"/>"
                          "</Relationships>");
    expect_contains(&out, "[Content_Types].xml",
                    "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.spreadsheetml.table+xml\"/>");
    /* The uncached total asks readers to calculate. */
    expect_contains(&out, "xl/workbook.xml", "<calcPr fullCalcOnLoad=\"1\"/>");
    tu_buf_free(&out);
}

/* Options, no style, a custom totals formula, special characters in column names,
 * a hyperlink's relationship before the table's, and the default name. */
static void test_options_and_escapes(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = new_book(&out, "S");
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 5, "https://example.com/", 20), FAST_OK);
    fast_table *t = add_table(wb, NULL, 0, 0, 2, 3);
    assert_int_equal(fast_table_set_style(t, NULL, 0), FAST_OK);
    assert_int_equal(fast_table_set_option(t, FAST_TABLE_BANDED_ROWS, 0), FAST_OK);
    assert_int_equal(fast_table_set_option(t, FAST_TABLE_BANDED_COLUMNS, 1), FAST_OK);
    assert_int_equal(fast_table_set_option(t, FAST_TABLE_FIRST_COLUMN, 1), FAST_OK);
    assert_int_equal(fast_table_set_option(t, FAST_TABLE_LAST_COLUMN, 1), FAST_OK);
    assert_int_equal(fast_table_set_option(t, FAST_TABLE_FILTER_BUTTONS, 0), FAST_OK);
    assert_int_equal(fast_table_set_total_function(t, 1, FAST_TABLE_TOTAL_SUM), FAST_OK);
    assert_int_equal(fast_table_set_total_function(t, 2, FAST_TABLE_TOTAL_SUM), FAST_OK);
    assert_int_equal(fast_table_set_total_formula(t, 3, "SUBTOTAL(109,[a&b])*2", 21), FAST_OK);
    assert_int_equal(strings(wb, 4, (const char *const[]){"Col'1", "#N[1]", "x y", "a&b"}), FAST_OK);
    fast_cells *c = fast_cells_new(4);
    fast_cells_set_number(c, 1, 1);
    fast_cells_set_number(c, 2, 2);
    ok_row(wb, c, 4);
    ok_row(wb, c, 4);
    fast_cells_free(c);
    /* The caller's next row lands below the totals row the library wrote as row 4. */
    assert_int_equal(strings(wb, 1, (const char *const[]){"after"}), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "xl/tables/table1.xml",
                TABLE_HEAD "id=\"1\" name=\"Table1\" displayName=\"Table1\" ref=\"A1:D4\" totalsRowCount=\"1\">"
                "<tableColumns count=\"4\"><tableColumn id=\"1\" name=\"Col'1\"/>"
                "<tableColumn id=\"2\" name=\"#N[1]\" totalsRowFunction=\"sum\"/>"
                "<tableColumn id=\"3\" name=\"x y\" totalsRowFunction=\"sum\"/>"
                "<tableColumn id=\"4\" name=\"a&amp;b\" totalsRowFunction=\"custom\">"
                "<totalsRowFormula>SUBTOTAL(109,[a&amp;b])*2</totalsRowFormula></tableColumn></tableColumns>"
                "<tableStyleInfo showFirstColumn=\"1\" showLastColumn=\"1\" showRowStripes=\"0\" "
                "showColumnStripes=\"1\"/></table>");
    expect_contains(&out, "xl/worksheets/sheet1.xml",
                    "<row r=\"4\"><c r=\"B4\"><f>SUBTOTAL(109,Table1['#N'[1']])</f><v>2</v></c>"
                    "<c r=\"C4\"><f>SUBTOTAL(109,Table1[x y])</f><v>4</v></c>"
                    "<c r=\"D4\"><f>SUBTOTAL(109,[a&amp;b])*2</f></c></row>"
                    "<row r=\"5\">" INL("A5", "after") "</row></sheetData>"
                    "<hyperlinks><hyperlink ref=\"F1\" r:id=\"rId1\"/></hyperlinks>"
                    "<tableParts count=\"1\"><tablePart r:id=\"rId2\"/></tableParts></worksheet>");
    expect_part(&out, "xl/worksheets/_rels/sheet1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "hyperlink\" Target=\"https://example.com/\" "
                          "TargetMode=\"External\"/>"
                          "<Relationship Id=\"rId2\" Type=\"" REL "table\" Target=\"../tables/table1.xml\"/>"
                          "</Relationships>");
    tu_buf_free(&out);
}

/* A calculated column: the formula in the file's form in every data row, the
 * caller's value as its cached value. */
static void test_calculated_column(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = new_book(&out, "S");
    fast_table *t = add_table(wb, "Orders", 0, 0, FAST_LAST_ROW, 2);
    assert_int_equal(fast_table_set_column_formula(t, 2, "[@Price]*[@[Qty '#]]+LEN(\"[@x]\")", 32), FAST_OK);
    assert_int_equal(fast_table_set_total_function(t, 2, FAST_TABLE_TOTAL_SUM), FAST_OK);
    assert_int_equal(strings(wb, 3, (const char *const[]){"Price", "Qty #", "Amount"}), FAST_OK);
    fast_cells *c = fast_cells_new(3);
    fast_cells_set_number(c, 0, 2);
    fast_cells_set_number(c, 1, 3);
    fast_cells_set_number(c, 2, 10); /* becomes the cached value */
    ok_row(wb, c, 3);
    ok_row(wb, c, 2); /* the calculated cell is added: no cached value */
    fast_cells_set_date(c, 2, 2024, 1, 2);
    fast_status st = fast_workbook_write_row(wb, c, 3);
    expect_refused(wb, st, FAST_ERROR_TABLE,
                   "sheet 'S', row 4, column C: table 'Orders' calculates this column; write a number, text, a "
                   "boolean or a blank there (it becomes the formula's cached value), not a date");
    fast_rich_string *rs = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(rs, NULL, "six", 3), FAST_OK);
    assert_int_equal(fast_cells_set_rich_string(c, 2, rs), FAST_OK);
    st = fast_workbook_write_row(wb, c, 3); /* its text would be kept without its runs: refused, not changed */
    expect_refused(wb, st, FAST_ERROR_TABLE,
                   "sheet 'S', row 4, column C: table 'Orders' calculates this column; write a number, text, a "
                   "boolean or a blank there (it becomes the formula's cached value), not a rich string (a cached "
                   "value is plain text)");
    fast_rich_string_free(rs);
    fast_cells_free(c);
    tu_close_ok(wb);
#define CALC "Orders[[#This Row],[Price]]*Orders[[#This Row],[Qty '#]]+LEN(\"[@x]\")"
    expect_part(&out, "xl/tables/table1.xml",
                TABLE_HEAD "id=\"1\" name=\"Orders\" displayName=\"Orders\" ref=\"A1:C4\" totalsRowCount=\"1\">"
                "<autoFilter ref=\"A1:C3\"/><tableColumns count=\"3\"><tableColumn id=\"1\" name=\"Price\"/>"
                "<tableColumn id=\"2\" name=\"Qty #\"/><tableColumn id=\"3\" name=\"Amount\" "
                "totalsRowFunction=\"sum\"><calculatedColumnFormula>" CALC "</calculatedColumnFormula>"
                "</tableColumn></tableColumns>" STYLE("TableStyleMedium2"));
    expect_contains(&out, "xl/worksheets/sheet1.xml",
                    "<row r=\"2\">" NUM("A2", "2") NUM("B2", "3") "<c r=\"C2\"><f>" CALC "</f><v>10</v></c></row>"
                    "<row r=\"3\">" NUM("A3", "2") NUM("B3", "3") "<c r=\"C3\"><f>" CALC "</f></c></row>"
                    "<row r=\"4\"><c r=\"C4\"><f>SUBTOTAL(109,Orders[Amount])</f></c></row>");
#undef CALC
    tu_buf_free(&out);
}

/* Each refusal: its status and message; the workbook goes on and the table is written. */
static void test_refusals(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = new_book(&out, "Sheet A");
    fast_table *t = NULL;
#define ADD(name, r1, c1, r2, c2) fast_workbook_add_table(wb, name, strlen(name), r1, c1, r2, c2, &t)
    expect_refused(wb, ADD("1st", 0, 0, 5, 1), FAST_ERROR_NAME,
                   "fast_workbook_add_table: table name '1st': character 1 ('1') is not allowed first (a letter, "
                   "'_' or '\\' must begin a name)");
    expect_refused(wb, ADD("My Table", 0, 0, 5, 1), FAST_ERROR_NAME,
                   "fast_workbook_add_table: table name 'My Table': character 3 (' ') is not allowed (only letters, "
                   "digits, '_', '.' and '\\')");
    expect_refused(wb, ADD("AB12", 0, 0, 5, 1), FAST_ERROR_NAME,
                   "fast_workbook_add_table: table name 'AB12': it reads as a cell reference (A1 or R1C1 form)");
    expect_refused(wb, ADD("R1C1", 0, 0, 5, 1), FAST_ERROR_NAME,
                   "fast_workbook_add_table: table name 'R1C1': it reads as a cell reference (A1 or R1C1 form)");
    expect_refused(wb, ADD("Sales", 3, 0, 3, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_table: a table needs at least one data row below its header row 3 (last row 3)");
    assert_int_equal(ADD("Sales", 0, 0, FAST_LAST_ROW, 1), FAST_OK);
    fast_table *sales = t;
    expect_refused(wb, ADD("SALES", 0, 4, 5, 5), FAST_ERROR_NAME,
                   "fast_workbook_add_table: table name 'SALES' is already used by table 'Sales' (names are "
                   "compared case-insensitively)");
    expect_refused(wb, ADD("Other", 7, 1, 9, 2), FAST_ERROR_TABLE,
                   "fast_workbook_add_table: table 'Other' would overlap table 'Sales' on sheet 'Sheet A'");
    assert_int_equal(fast_workbook_merge_range(wb, 0, 3, 0, 4), FAST_OK);
    expect_refused(wb, ADD("Other", 0, 4, 5, 5), FAST_ERROR_TABLE,
                   "fast_workbook_add_table: table 'Other' would overlap a merged range on sheet 'Sheet A' (Excel "
                   "removes such tables)");
    expect_refused(wb, fast_workbook_merge_range(wb, 3, 1, 3, 2), FAST_ERROR_TABLE,
                   "fast_workbook_merge_range: the range overlaps table 'Sales' (Excel removes such tables)");
    expect_refused(wb, fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 3), FAST_ERROR_TABLE,
                   "fast_workbook_set_autofilter: the range overlaps table 'Sales' (Excel removes such tables)");
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 6, FAST_LAST_ROW, 7), FAST_OK);
    expect_refused(wb, ADD("Other", 2, 7, 5, 8), FAST_ERROR_TABLE,
                   "fast_workbook_add_table: table 'Other' would overlap the autofilter of sheet 'Sheet A' (a table "
                   "has its own filter buttons)");
    expect_refused(wb, fast_table_set_total_function(sales, 2, FAST_TABLE_TOTAL_SUM), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_table_set_total_function: table 'Sales': column 2 is outside A..B");
    expect_refused(wb, fast_workbook_add_worksheet(wb, "Next", 4), FAST_ERROR_TABLE,
                   "fast_workbook_add_worksheet: sheet 'Sheet A': table 'Sales' has no header row yet (row 1); "
                   "write it first");
    expect_refused(wb, fast_workbook_close(wb), FAST_ERROR_TABLE,
                   "fast_workbook_close: sheet 'Sheet A': table 'Sales' has no header row yet (row 1); write it first");
    expect_refused(wb, fast_table_set_style(sales, "TableStyleMedium29", 18), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_table_set_style: table 'Sales': 'TableStyleMedium29' is not a built-in table style "
                   "(TableStyleLight1..21, TableStyleMedium1..28, TableStyleDark1..11)");
    assert_int_equal(fast_table_set_style(sales, "TableStyleDark11", 16), FAST_OK);
    /* Header rows that break the rules are refused whole. */
    expect_refused(wb, strings(wb, 2, (const char *const[]){"Amount", "amount"}), FAST_ERROR_TABLE,
                   "sheet 'Sheet A', row 1: table 'Sales': column B header 'amount' repeats column A (column names "
                   "are compared case-insensitively)");
    expect_refused(wb, strings(wb, 2, (const char *const[]){"Amount", NULL}), FAST_ERROR_TABLE,
                   "sheet 'Sheet A', row 1: table 'Sales': column B header is empty; a table's header cells must be "
                   "non-empty text");
    expect_refused(wb, strings(wb, 2, (const char *const[]){"", "x"}), FAST_ERROR_TABLE,
                   "sheet 'Sheet A', row 1: table 'Sales': column A header is empty text; a table's header cells "
                   "must be non-empty text");
    fast_cells *c = fast_cells_new(2);
    fast_cells_set_string(c, 0, "Amount", 6);
    fast_cells_set_number(c, 1, 2024);
    expect_refused(wb, fast_workbook_write_row(wb, c, 2), FAST_ERROR_TABLE,
                   "sheet 'Sheet A', row 1: table 'Sales': column B header is not text; a table's header cells must "
                   "be non-empty text");
    fast_cells_set_formula_string(c, 1, "\"Y\"", 3, "Y", 1);
    expect_refused(wb, fast_workbook_write_row(wb, c, 2), FAST_ERROR_TABLE,
                   "sheet 'Sheet A', row 1: table 'Sales': column B header is a formula; a table's header cells must "
                   "be non-empty text");
    fast_rich_string *rs = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(rs, NULL, "Ye", 2), FAST_OK);
    assert_int_equal(fast_rich_string_append(rs, NULL, "ar", 2), FAST_OK);
    assert_int_equal(fast_cells_set_rich_string(c, 1, rs), FAST_OK);
    expect_refused(wb, fast_workbook_write_row(wb, c, 2), FAST_ERROR_TABLE,
                   "sheet 'Sheet A', row 1: table 'Sales': column B header is rich text (a column name is plain "
                   "text); a table's header cells must be non-empty text");
    fast_rich_string_free(rs);
    /* The workbook goes on: a good header row, then data. */
    assert_int_equal(strings(wb, 2, (const char *const[]){"Amount", "Year"}), FAST_OK);
    expect_refused(wb, fast_table_set_total_function(sales, 1, FAST_TABLE_TOTAL_SUM), FAST_ERROR_TOO_LATE,
                   "fast_table_set_total_function: table 'Sales': its header row is already written");
    expect_refused(wb, ADD("Late", 0, 10, 3, 11), FAST_ERROR_TOO_LATE,
                   "fast_workbook_add_table: sheet 'Sheet A' already has 1 rows; the table's header row 1 must not "
                   "be written yet");
    fast_cells_set_number(c, 0, 5);
    fast_cells_set_number(c, 1, 2024);
    ok_row(wb, c, 2);
    fast_cells_free(c);
    tu_close_ok(wb);
#undef ADD
    expect_part(&out, "xl/tables/table1.xml",
                TABLE_HEAD "id=\"1\" name=\"Sales\" displayName=\"Sales\" ref=\"A1:B2\" totalsRowShown=\"0\">"
                "<autoFilter ref=\"A1:B2\"/><tableColumns count=\"2\"><tableColumn id=\"1\" name=\"Amount\"/>"
                "<tableColumn id=\"2\" name=\"Year\"/></tableColumns>" STYLE("TableStyleDark11"));
    assert_false(has_part(&out, "xl/tables/table2.xml"));
    tu_buf_free(&out);
}

/* A table on a header alone keeps one empty data row; tables side by side share a totals row. */
static void test_empty_and_side_by_side(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = new_book(&out, "S");
    fast_table *a = add_table(wb, "Left", 0, 0, FAST_LAST_ROW, 0);
    fast_table *b = add_table(wb, "Right", 0, 2, FAST_LAST_ROW, 2);
    assert_int_equal(fast_table_set_total_function(a, 0, FAST_TABLE_TOTAL_COUNT), FAST_OK);
    assert_int_equal(fast_table_set_total_function(b, 2, FAST_TABLE_TOTAL_AVERAGE), FAST_OK);
    assert_int_equal(strings(wb, 3, (const char *const[]){"L", NULL, "R"}), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Two", 3), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "xl/tables/table1.xml",
                TABLE_HEAD "id=\"1\" name=\"Left\" displayName=\"Left\" ref=\"A1:A3\" totalsRowCount=\"1\">"
                "<autoFilter ref=\"A1:A2\"/><tableColumns count=\"1\"><tableColumn id=\"1\" name=\"L\" "
                "totalsRowFunction=\"count\"/></tableColumns>" STYLE("TableStyleMedium2"));
    expect_contains(&out, "xl/tables/table2.xml", "ref=\"C1:C3\" totalsRowCount=\"1\"><autoFilter ref=\"C1:C2\"/>");
    /* Average of nothing is #DIV/0!: no cached value. */
    expect_contains(&out, "xl/worksheets/sheet1.xml",
                    "<row r=\"3\"><c r=\"A3\"><f>SUBTOTAL(103,Left[L])</f><v>0</v></c>"
                    "<c r=\"C3\"><f>SUBTOTAL(101,Right[R])</f></c></row></sheetData>"
                    "<tableParts count=\"2\"><tablePart r:id=\"rId1\"/><tablePart r:id=\"rId2\"/></tableParts>");
    assert_false(has_part(&out, "xl/worksheets/_rels/sheet2.xml.rels"));
    tu_buf_free(&out);
}

/* Tables on several sheets and across continuation sheets: names, ids, ranges. */
static void test_continuation(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 5), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "First", 5), FAST_OK);
    fast_table *f = add_table(wb, "Small", 0, 0, 1, 0); /* a fixed table, written once */
    (void)f;
    assert_int_equal(strings(wb, 1, (const char *const[]){"h"}), FAST_OK);
    assert_int_equal(strings(wb, 1, (const char *const[]){"v"}), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_table *t = add_table(wb, "Sales", 0, 0, FAST_LAST_ROW, 1);
    assert_int_equal(fast_table_set_total_label(t, 0, "Total", 5), FAST_OK);
    assert_int_equal(fast_table_set_total_function(t, 1, FAST_TABLE_TOTAL_SUM), FAST_OK);
    assert_int_equal(strings(wb, 2, (const char *const[]){"Item", "N"}), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    for (int i = 1; i <= 8; i++) {
        fast_cells_set_string(c, 0, "x", 1);
        fast_cells_set_integer(c, 1, i);
        ok_row(wb, c, 2);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    /* 5 rows a sheet: the header, 3 data rows and the totals row; the third sheet has 2 data rows. */
    expect_contains(&out, "xl/workbook.xml",
                    "<sheet name=\"First\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Data\" sheetId=\"2\" "
                    "r:id=\"rId2\"/><sheet name=\"Data (2)\" sheetId=\"3\" r:id=\"rId3\"/><sheet name=\"Data (3)\" "
                    "sheetId=\"4\" r:id=\"rId4\"/>");
    static const char *const want[][3] = {
        {"1", "Small", "ref=\"A1:A2\" totalsRowShown=\"0\""},
        {"2", "Sales", "ref=\"A1:B5\" totalsRowCount=\"1\"><autoFilter ref=\"A1:B4\"/>"},
        {"3", "Sales_2", "ref=\"A1:B5\" totalsRowCount=\"1\"><autoFilter ref=\"A1:B4\"/>"},
        {"4", "Sales_3", "ref=\"A1:B4\" totalsRowCount=\"1\"><autoFilter ref=\"A1:B3\"/>"},
    };
    for (int i = 0; i < 4; i++) {
        char part[64], head[256];
        snprintf(part, sizeof part, "xl/tables/table%s.xml", want[i][0]);
        snprintf(head, sizeof head, "id=\"%s\" name=\"%s\" displayName=\"%s\" %s", want[i][0], want[i][1], want[i][1],
                 want[i][2]);
        expect_contains(&out, part, head);
        snprintf(part, sizeof part, "xl/worksheets/_rels/sheet%d.xml.rels", i + 1);
        snprintf(head, sizeof head, "Target=\"../tables/table%s.xml\"", want[i][0]);
        expect_contains(&out, part, head);
    }
    expect_contains(&out, "xl/worksheets/sheet2.xml",
                    "<row r=\"5\">" INL("A5", "Total") "<c r=\"B5\"><f>SUBTOTAL(109,Sales[N])</f><v>6</v></c></row>");
    expect_contains(&out, "xl/worksheets/sheet3.xml",
                    "<row r=\"1\">" INL("A1", "Item") INL("B1", "N") "</row>");
    expect_contains(&out, "xl/worksheets/sheet3.xml",
                    "<row r=\"5\">" INL("A5", "Total") "<c r=\"B5\"><f>SUBTOTAL(109,Sales_2[N])</f><v>15</v></c></row>");
    expect_contains(&out, "xl/worksheets/sheet4.xml",
                    "<row r=\"4\">" INL("A4", "Total") "<c r=\"B4\"><f>SUBTOTAL(109,Sales_3[N])</f><v>15</v></c></row>");
    tu_buf_free(&out);
}

/* Totals computed while rows stream are exact where a plain running sum is not;
 * a total past the double's range has no cached value (Excel's #NUM!). */
static void test_totals_numerically_stable(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = new_book(&out, "S");
    fast_table *t = add_table(wb, "T", 0, 0, FAST_LAST_ROW, 1);
    assert_int_equal(fast_table_set_total_function(t, 0, FAST_TABLE_TOTAL_SUM), FAST_OK);
    assert_int_equal(fast_table_set_total_function(t, 1, FAST_TABLE_TOTAL_VAR), FAST_OK);
    assert_int_equal(strings(wb, 2, (const char *const[]){"Sum", "Var"}), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    /* 1e16, then 1 ten times, then -1e16: the exact sum is 10 (naive summation gives 0).
     * Var of 1e9+4, 1e9+7, 1e9+13, 1e9+16 is 30 (the textbook sum-of-squares formula loses it). */
    static const double big[] = {1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1e16};
    static const double var[] = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    for (int i = 0; i < 12; i++) {
        fast_cells_clear(c);
        fast_cells_set_number(c, 0, big[i]);
        if (i < 4)
            fast_cells_set_number(c, 1, var[i]);
        ok_row(wb, c, 2);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_contains(&out, "xl/worksheets/sheet1.xml",
                    "<row r=\"14\"><c r=\"A14\"><f>SUBTOTAL(109,T[Sum])</f><v>10</v></c>"
                    "<c r=\"B14\"><f>SUBTOTAL(110,T[Var])</f><v>30</v></c></row>");
    tu_buf_free(&out);

    wb = new_book(&out, "S");
    t = add_table(wb, "Big", 0, 0, FAST_LAST_ROW, 0);
    assert_int_equal(fast_table_set_total_function(t, 0, FAST_TABLE_TOTAL_SUM), FAST_OK);
    assert_int_equal(strings(wb, 1, (const char *const[]){"Sum"}), FAST_OK);
    c = fast_cells_new(1);
    for (int i = 0; i < 2; i++) {
        fast_cells_set_number(c, 0, 1.7e308);
        ok_row(wb, c, 1);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_contains(&out, "xl/worksheets/sheet1.xml", "<row r=\"4\"><c r=\"A4\"><f>SUBTOTAL(109,Big[Sum])</f></c></row>");
    tu_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totals_row),
        cmocka_unit_test(test_options_and_escapes),
        cmocka_unit_test(test_calculated_column),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_empty_and_side_by_side),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_totals_numerically_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
