/*
 * test_outline.c - row and column outlines (lib/outline.c, ECMA-376 Part 1
 * §18.3.1.73 row, §18.3.1.13 col, §18.3.1.81 sheetFormatPr, §18.3.1.61
 * outlinePr) through the public API: the exact XML of outlined rows (through
 * fast_cells and the next-row setter, for every write call), of column
 * outlines merged with widths and formats into non-overlapping ranges, of
 * sheetFormatPr's levels and of sheetPr with tabColor, outlinePr and
 * pageSetUpPr in the schema's order; continuation sheets; every refusal with
 * its status and message and the workbook going on; schema validation.
 */
#include "testutil.h"

#include <unistd.h>

#define STR(s) s, sizeof s - 1

static void ok(fast_workbook *wb, fast_status st)
{
    if (st != FAST_OK)
        fail_msg("%d %s", (int)st, fast_workbook_error_message(wb));
}

static void refused(fast_workbook *wb, fast_status got, fast_status want, const char *msg_part)
{
    if (got != want)
        fail_msg("status %d, want %d (%s)", (int)got, (int)want, fast_workbook_error_message(wb));
    const char *m = fast_workbook_error_message(wb);
    if (!strstr(m, msg_part))
        fail_msg("message '%s' lacks '%s'", m, msg_part);
}

/* Sheet @n's XML from after the namespaces to the end, NUL-terminated. */
static void sheet_body(const tu_buf *pkg, int n, tu_buf *out)
{
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", n);
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    long from = tu_find(part.data, part.len, "relationships\">", 15);
    assert_true(from >= 0);
    tu_buf_append(out, part.data + from + 15, part.len - (size_t)from - 15);
    tu_buf_append(out, "", 1);
    tu_buf_free(&part);
}

static void expect_body(const tu_buf *pkg, int n, const char *want)
{
    tu_buf b = {0};
    sheet_body(pkg, n, &b);
    tu_assert_contains(b.data, b.len - 1, want);
    tu_buf_free(&b);
}

/* Rows through fast_cells and through the next-row setter, every write call. */
static void test_rows(void **state)
{
    (void)state;
    tu_buf pkg = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Groups")));
    ok(wb, fast_workbook_set_outline_levels(wb, 2, 0));
    fast_cells *c = fast_cells_new(1);
    fast_cells_set_number(c, 0, 1);
    ok(wb, fast_cells_set_row_outline(c, 1, 0, 0));
    tu_write_row(wb, c, 1);                          /* row 1: level 1 */
    ok(wb, fast_cells_set_row_outline(c, 2, 1, 0));
    tu_write_row(wb, c, 1);                          /* row 2: level 2, hidden */
    ok(wb, fast_cells_set_row_outline(c, 1, 0, 1));
    ok(wb, fast_cells_set_row_height(c, 20));
    tu_write_row(wb, c, 1);                          /* row 3: level 1, collapsed, height */
    fast_cells_clear(c);
    fast_cells_set_number(c, 0, 4);
    tu_write_row(wb, c, 1);                          /* row 4: none */
    ok(wb, fast_workbook_set_row_outline(wb, 2, 1, 1));
    tu_write_row(wb, c, 0);                          /* row 5: empty, outlined */
    const char *v[] = {"a"};
    size_t l[] = {1};
    ok(wb, fast_workbook_set_row_outline(wb, 1, 0, 0));
    ok(wb, fast_workbook_write_row_strings(wb, v, l, 1)); /* row 6 */
    ok(wb, fast_workbook_write_row_strings(wb, v, l, 1)); /* row 7: the setting was used up */
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_body(&pkg, 1,
                "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelRow=\"2\"/><sheetData>"
                "<row r=\"1\" outlineLevel=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                "<row r=\"2\" outlineLevel=\"2\" hidden=\"1\"><c r=\"A2\"><v>1</v></c></row>"
                "<row r=\"3\" ht=\"20\" customHeight=\"1\" outlineLevel=\"1\" collapsed=\"1\"><c r=\"A3\"><v>1</v></c>"
                "</row><row r=\"4\"><c r=\"A4\"><v>4</v></c></row>"
                "<row r=\"5\" outlineLevel=\"2\" hidden=\"1\" collapsed=\"1\"/>"
                "<row r=\"6\" outlineLevel=\"1\"><c r=\"A6\" t=\"s\"><v>0</v></c></row>"
                "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>0</v></c></row></sheetData>");
    tu_buf_free(&pkg);
}

/* Column outlines merged with widths and formats; sheetPr with everything. */
static void test_cols_and_sheet_pr(void **state)
{
    (void)state;
    tu_buf pkg = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Cols")));
    ok(wb, fast_workbook_set_outline_levels(wb, 0, 2));
    ok(wb, fast_workbook_set_outline_summary(wb, 0, 0));
    ok(wb, fast_workbook_set_tab_color(wb, 0x00FF00));
    ok(wb, fast_workbook_set_fit_to_pages(wb, 1, 0));
    ok(wb, fast_workbook_set_column_width(wb, 1, 3, 12));
    ok(wb, fast_workbook_set_column_outline(wb, 2, 5, 1, 0, 0));
    ok(wb, fast_workbook_set_column_outline(wb, 4, 4, 2, 1, 0));
    ok(wb, fast_workbook_set_column_outline(wb, 6, 6, 0, 0, 1));
    fast_cells *c = fast_cells_new(1);
    fast_cells_set_number(c, 0, 1);
    tu_write_row(wb, c, 1);
    /* a second sheet: formats and outlines over the same columns */
    ok(wb, fast_workbook_add_worksheet(wb, STR("Formats")));
    ok(wb, fast_workbook_set_outline_levels(wb, 0, 1));
    fast_format *f = fast_workbook_add_format(wb);
    ok(wb, fast_format_set_bold(f, 1));
    ok(wb, fast_workbook_set_column_format(wb, 0, 1, f));
    ok(wb, fast_workbook_set_column_outline(wb, 1, 2, 1, 1, 0));
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_body(&pkg, 1,
                "<sheetPr><tabColor rgb=\"FF00FF00\"/><outlinePr summaryBelow=\"0\" summaryRight=\"0\"/>"
                "<pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    expect_body(&pkg, 1,
                "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelCol=\"2\"/><cols>"
                "<col min=\"2\" max=\"2\" width=\"12.7109375\" customWidth=\"1\"/>"
                "<col min=\"3\" max=\"4\" width=\"12.7109375\" customWidth=\"1\" outlineLevel=\"1\"/>"
                "<col min=\"5\" max=\"5\" width=\"9.140625\" hidden=\"1\" outlineLevel=\"2\"/>"
                "<col min=\"6\" max=\"6\" width=\"9.140625\" outlineLevel=\"1\"/>"
                "<col min=\"7\" max=\"7\" width=\"9.140625\" collapsed=\"1\"/></cols><sheetData>");
    expect_body(&pkg, 2,
                "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelCol=\"1\"/><cols>"
                "<col min=\"1\" max=\"1\" width=\"9.140625\" style=\"1\"/>"
                "<col min=\"2\" max=\"2\" width=\"9.140625\" style=\"1\" hidden=\"1\" outlineLevel=\"1\"/>"
                "<col min=\"3\" max=\"3\" width=\"9.140625\" hidden=\"1\" outlineLevel=\"1\"/></cols>");
    tu_buf_free(&pkg);
}

/* Continuation sheets inherit the levels, summary and column outlines; the
 * repeated header row does not take the outline of the row that starts the
 * continuation sheet. */
static void test_continuation(void **state)
{
    (void)state;
    tu_buf pkg = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_set_rows_per_sheet(wb, 2));
    ok(wb, fast_workbook_set_header_rows(wb, 1));
    ok(wb, fast_workbook_add_worksheet(wb, STR("Long")));
    ok(wb, fast_workbook_set_outline_levels(wb, 1, 1));
    ok(wb, fast_workbook_set_outline_summary(wb, 0, 1));
    ok(wb, fast_workbook_set_column_outline(wb, 0, 0, 1, 0, 0));
    fast_cells *c = fast_cells_new(1);
    fast_cells_set_number(c, 0, 1);
    tu_write_row(wb, c, 1);
    ok(wb, fast_cells_set_row_outline(c, 1, 0, 0));
    tu_write_row(wb, c, 1);
    tu_write_row(wb, c, 1); /* row 2 of "Long (2)" */
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_body(&pkg, 2,
                "<sheetPr><outlinePr summaryBelow=\"0\"/></sheetPr>");
    expect_body(&pkg, 2,
                "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelRow=\"1\" outlineLevelCol=\"1\"/><cols>"
                "<col min=\"1\" max=\"1\" width=\"9.140625\" outlineLevel=\"1\"/></cols><sheetData>"
                "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                "<row r=\"2\" outlineLevel=\"1\"><c r=\"A2\"><v>1</v></c></row></sheetData>");
    tu_buf_free(&pkg);
}

/* Every refusal, its status and message, and the workbook going on. */
static void test_refusals(void **state)
{
    (void)state;
    tu_buf pkg = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    refused(wb, fast_workbook_set_row_outline(wb, 1, 0, 0), FAST_ERROR_STATE, "no worksheet");
    ok(wb, fast_workbook_add_worksheet(wb, STR("R")));
    refused(wb, fast_workbook_set_outline_levels(wb, 8, 0), FAST_ERROR_INVALID_ARGUMENT,
            "sheet 'R': outline levels 8 (rows) and 0 (columns) must be 0..7");
    refused(wb, fast_workbook_set_column_outline(wb, 0, 1, 1, 0, 0), FAST_ERROR_INVALID_ARGUMENT,
            "sheet 'R', columns 0..1: outline level 1 is above the sheet's highest column level 0");
    refused(wb, fast_workbook_set_column_outline(wb, 2, 1, 0, 1, 0), FAST_ERROR_INVALID_ARGUMENT,
            "columns 2..1 are reversed or beyond the last column 16383");
    refused(wb, fast_workbook_set_column_outline(wb, 0, 16384, 0, 1, 0), FAST_ERROR_INVALID_ARGUMENT,
            "columns 0..16384 are reversed");
    refused(wb, fast_workbook_set_row_outline(wb, 8, 0, 0), FAST_ERROR_INVALID_ARGUMENT,
            "sheet 'R', row 1: outline level 8 is not 0..7");
    assert_int_equal(fast_cells_set_row_outline(NULL, 1, 0, 0), FAST_ERROR_INVALID_ARGUMENT);
    fast_cells *c = fast_cells_new(1);
    assert_int_equal(fast_cells_set_row_outline(c, 8, 0, 0), FAST_ERROR_INVALID_ARGUMENT);
    ok(wb, fast_workbook_set_outline_levels(wb, 1, 0));
    fast_cells_set_number(c, 0, 1);
    ok(wb, fast_cells_set_row_outline(c, 2, 0, 0));
    refused(wb, fast_workbook_write_row(wb, c, 1), FAST_ERROR_INVALID_ARGUMENT,
            "fast_workbook_write_row: sheet 'R', row 1: outline level 2 is above the sheet's highest row level 1 "
            "(fast_workbook_set_outline_levels, before the sheet's first row)");
    ok(wb, fast_workbook_set_row_outline(wb, 2, 0, 0));
    const char *v[] = {"a"};
    size_t l[] = {1};
    refused(wb, fast_workbook_write_row_strings(wb, v, l, 1), FAST_ERROR_INVALID_ARGUMENT,
            "fast_workbook_write_row_strings: sheet 'R', row 1: outline level 2 is above");
    ok(wb, fast_workbook_set_row_outline(wb, 0, 0, 0));
    ok(wb, fast_cells_set_row_outline(c, 1, 1, 0));
    tu_write_row(wb, c, 1); /* the workbook goes on */
    refused(wb, fast_workbook_set_outline_levels(wb, 2, 0), FAST_ERROR_TOO_LATE, "sheet 'R' already has rows");
    refused(wb, fast_workbook_set_outline_summary(wb, 0, 0), FAST_ERROR_TOO_LATE, "already has rows");
    refused(wb, fast_workbook_set_column_outline(wb, 0, 0, 0, 1, 0), FAST_ERROR_TOO_LATE, "already has rows");
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_body(&pkg, 1,
                "<sheetFormatPr defaultRowHeight=\"15\" outlineLevelRow=\"1\"/><sheetData>"
                "<row r=\"1\" outlineLevel=\"1\" hidden=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                "<row r=\"2\" outlineLevel=\"1\" hidden=\"1\"><c r=\"A2\"><v>1</v></c></row></sheetData>");
    tu_buf_free(&pkg);
}

/* Everything on a file, valid against the schemas. */
static void test_schema_valid(void **state)
{
    (void)state;
    char dir[256], path[320];
    tu_temp_workbook("fx_test_outline", "outline.xlsx", dir, path);
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Groups")));
    ok(wb, fast_workbook_set_outline_levels(wb, 2, 1));
    ok(wb, fast_workbook_set_outline_summary(wb, 0, 0));
    ok(wb, fast_workbook_set_tab_color(wb, 0x123456));
    ok(wb, fast_workbook_set_fit_to_pages(wb, 1, 0));
    ok(wb, fast_workbook_set_default_row_height(wb, 18));
    ok(wb, fast_workbook_set_column_width(wb, 0, 2, 10));
    ok(wb, fast_workbook_set_column_outline(wb, 1, 3, 1, 1, 0));
    ok(wb, fast_workbook_set_column_outline(wb, 4, 4, 0, 0, 1));
    fast_cells *c = fast_cells_new(2);
    for (int i = 0; i < 6; i++) {
        fast_cells_set_number(c, 0, i);
        ok(wb, fast_cells_set_row_outline(c, (uint32_t)(i % 3), i % 3 == 2, i == 5));
        tu_write_row(wb, c, 2);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_validate_and_remove(dir, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_cols_and_sheet_pr),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_schema_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
