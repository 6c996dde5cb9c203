/*
 * test_bindings.c - the calls made for language bindings, through the public
 * API, checked on the exact XML of the parts (stored package through a callback):
 *
 *  - fast_workbook_write_row_typed(): every FAST_TYPE_*, per-cell formats, NULL
 *    arrays that no cell uses, the same XML as the equivalent fast_cells row,
 *    dates from days and milliseconds since 1970, and its failures;
 *  - fast_workbook_write_row_packed(): the same XML from one text buffer, and
 *    lengths that do not add up to it refused;
 *  - fast_workbook_set_column_format(): cells without a format of their own take
 *    the column's, <col style> (ECMA-376 Part 1 §18.3.1.13) with and without
 *    widths, FAST_ERROR_TOO_LATE, continuation sheets;
 *  - fast_cells_set_string_copy(): the caller's text may change right after the
 *    call, and the copy's memory is reused.
 */
#include "testutil.h"

#include <stdlib.h>

static void sheet_xml(const tu_buf *pkg, const char *part, tu_buf *xml)
{
    tu_extract_part(pkg, part, xml);
    tu_buf_append(xml, "", 1); /* NUL-terminated for strstr */
}

static void expect_ok(fast_workbook *wb, fast_status st)
{
    if (st != FAST_OK)
        fail_msg("status %d: %s", (int)st, fast_workbook_error_message(wb));
}

/* Every type through the typed call gives the same sheet as the fast_cells calls. */
static void test_typed_row_matches_cells(void **state)
{
    (void)state;
    tu_buf a = {0}, b = {0}, xa = {0}, xb = {0};
    fast_workbook *wa = tu_callback_workbook(&a), *wbt = tu_callback_workbook(&b);
    expect_ok(wa, fast_workbook_add_worksheet(wa, "T", 1));
    expect_ok(wbt, fast_workbook_add_worksheet(wbt, "T", 1));
    fast_format *fa = fast_workbook_add_format(wa), *fb = fast_workbook_add_format(wbt);
    fast_format_set_bold(fa, 1);
    fast_format_set_bold(fb, 1);

    fast_cells *c = fast_cells_new(9);
    fast_cells_set_string(c, 0, "text", 4);
    fast_cells_set_number(c, 1, 2.5);
    fast_cells_set_integer(c, 2, -9007199254740993LL);
    fast_cells_set_boolean(c, 3, 1);
    fast_cells_set_date(c, 4, 2024, 2, 29);
    fast_cells_set_datetime(c, 5, 1969, 12, 31, 23, 59, 59, 999);
    fast_cells_set_formula(c, 6, "=SUM(B1:C1)", 11);
    fast_cells_set_blank(c, 7);
    fast_cells_set_format(c, 7, fa);
    fast_cells_set_string(c, 8, "bold", 4);
    fast_cells_set_format(c, 8, fa);
    tu_write_row(wa, c, 9);
    fast_cells_free(c);

    const uint8_t types[9] = {FAST_TYPE_STRING, FAST_TYPE_NUMBER, FAST_TYPE_INTEGER, FAST_TYPE_BOOLEAN,
                              FAST_TYPE_DATE,   FAST_TYPE_DATETIME, FAST_TYPE_FORMULA, FAST_TYPE_BLANK,
                              FAST_TYPE_STRING};
    const double numbers[9] = {0, 2.5};
    /* 2024-02-29 is day 19782 after 1970-01-01; 1969-12-31 23:59:59.999 is -1 ms. */
    const int64_t integers[9] = {0, 0, -9007199254740993LL, 7, 19782, -1};
    const char *texts[9] = {"text", NULL, NULL, NULL, NULL, NULL, "=SUM(B1:C1)", NULL, "bold"};
    const size_t lengths[9] = {4, 0, 0, 0, 0, 0, 11, 0, 4};
    const fast_format *formats[9] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, fb, fb};
    expect_ok(wbt, fast_workbook_write_row_typed(wbt, types, numbers, integers, texts, lengths, formats, 9));
    tu_close_ok(wa);
    tu_close_ok(wbt);
    sheet_xml(&a, "xl/worksheets/sheet1.xml", &xa);
    sheet_xml(&b, "xl/worksheets/sheet1.xml", &xb);
    tu_assert_bytes_equal(xb.data, xb.len, xa.data, xa.len);
    tu_assert_contains(xb.data, xb.len, "<v>45351</v>");          /* 2024-02-29 */
    tu_assert_contains(xb.data, xb.len, "<v>25568.999999988428</v>"); /* 1969-12-31 23:59:59.999 */
    tu_buf_free(&a);
    tu_buf_free(&b);
    tu_buf_free(&xa);
    tu_buf_free(&xb);
}

/* The packed call: the row's text in one buffer, the lengths in the integers
 * array; the same XML as the typed call, and lengths that do not add up to the
 * buffer refuse the row (non-sticky, nothing written). */
static void test_packed_row(void **state)
{
    (void)state;
    tu_buf a = {0}, b = {0}, xa = {0}, xb = {0};
    fast_workbook *wa = tu_callback_workbook(&a), *wp = tu_callback_workbook(&b);
    expect_ok(wa, fast_workbook_add_worksheet(wa, "P", 1));
    expect_ok(wp, fast_workbook_add_worksheet(wp, "P", 1));
    const uint8_t types[7] = {FAST_TYPE_STRING, FAST_TYPE_INTEGER, FAST_TYPE_STRING, FAST_TYPE_NUMBER,
                              FAST_TYPE_FORMULA, FAST_TYPE_STRING, FAST_TYPE_BOOLEAN};
    const double numbers[7] = {0, 0, 0, 0.5};
    const int64_t typed_ints[7] = {0, 42, 0, 0, 0, 0, 1};
    const char *texts[7] = {"caf\xc3\xa9", NULL, "", NULL, "A1*2", "last", NULL};
    const size_t lengths[7] = {5, 0, 0, 0, 4, 4, 0};
    expect_ok(wa, fast_workbook_write_row_typed(wa, types, numbers, typed_ints, texts, lengths, NULL, 7));
    /* Entry i is the value of an integer cell and the byte length of a text cell. */
    const int64_t packed_ints[7] = {5, 42, 0, 0, 4, 4, 1};
    const char text[] = "caf\xc3\xa9" "A1*2" "last";
    expect_ok(wp, fast_workbook_write_row_packed(wp, types, numbers, packed_ints, text, 13, NULL, 7));

    /* Lengths that do not fit the buffer: refused, the workbook goes on. */
    const int64_t short_ints[7] = {5, 42, 0, 0, 4, 3, 1};
    assert_int_equal(fast_workbook_write_row_packed(wp, types, numbers, short_ints, text, 13, NULL, 7),
                     FAST_ERROR_INVALID_ARGUMENT);
    assert_non_null(strstr(fast_workbook_error_message(wp), "column F: the text cells take 12 bytes, but the text has 13"));
    const int64_t long_ints[7] = {5, 42, 0, 0, 4, 5, 1};
    assert_int_equal(fast_workbook_write_row_packed(wp, types, numbers, long_ints, text, 13, NULL, 7),
                     FAST_ERROR_INVALID_ARGUMENT);
    assert_non_null(strstr(fast_workbook_error_message(wp), "column F: text of 5 bytes, but only 4"));
    const int64_t negative[7] = {-1, 42, 0, 0, 4, 4, 1};
    assert_int_equal(fast_workbook_write_row_packed(wp, types, numbers, negative, text, 13, NULL, 7),
                     FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_write_row_packed(wp, types, numbers, packed_ints, NULL, 13, NULL, 7),
                     FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_write_row_packed(wp, types, numbers, NULL, text, 13, NULL, 7),
                     FAST_ERROR_CELL_TYPE);
    /* A row without text needs no buffer. */
    const uint8_t num_only[1] = {FAST_TYPE_NUMBER};
    expect_ok(wp, fast_workbook_write_row_packed(wp, num_only, numbers + 3, NULL, NULL, 0, NULL, 1));
    expect_ok(wa, fast_workbook_write_row_typed(wa, num_only, numbers + 3, NULL, NULL, NULL, NULL, 1));
    assert_int_equal(fast_workbook_status(wp), FAST_OK);
    tu_close_ok(wa);
    tu_close_ok(wp);
    sheet_xml(&a, "xl/worksheets/sheet1.xml", &xa);
    sheet_xml(&b, "xl/worksheets/sheet1.xml", &xb);
    tu_assert_bytes_equal(xb.data, xb.len, xa.data, xa.len);
    tu_assert_contains(xb.data, xb.len, "<row r=\"2\"><c r=\"A2\"><v>0.5</v></c></row>");
    tu_assert_not_contains(xb.data, xb.len, "<row r=\"3\"");
    tu_buf_free(&a);
    tu_buf_free(&b);
    tu_buf_free(&xa);
    tu_buf_free(&xb);
}

/* Arrays no cell reads may be NULL; lengths NULL means NUL-terminated texts. */
static void test_typed_row_null_arrays(void **state)
{
    (void)state;
    tu_buf pkg = {0}, x = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "T", 1));
    const uint8_t t1[2] = {FAST_TYPE_STRING, FAST_TYPE_STRING};
    const char *texts[2] = {"alpha", "beta"};
    expect_ok(wb, fast_workbook_write_row_typed(wb, t1, NULL, NULL, texts, NULL, NULL, 2));
    const uint8_t t2[2] = {FAST_TYPE_NUMBER, FAST_TYPE_BLANK};
    const double nums[2] = {1.25, 0};
    expect_ok(wb, fast_workbook_write_row_typed(wb, t2, nums, NULL, NULL, NULL, NULL, 2));
    expect_ok(wb, fast_workbook_write_row_typed(wb, NULL, NULL, NULL, NULL, NULL, NULL, 0));
    tu_close_ok(wb);
    sheet_xml(&pkg, "xl/worksheets/sheet1.xml", &x);
    tu_assert_contains(x.data, x.len, "<row r=\"2\"><c r=\"A2\"><v>1.25</v></c></row>");
    tu_buf_free(&pkg);
    tu_buf_free(&x);
}

static void expect_typed_failure(const uint8_t *types, const double *numbers, const int64_t *integers,
                                 const char *const *texts, size_t n, fast_status want, const char *message)
{
    tu_buf pkg = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "Data", 4));
    assert_int_equal(fast_workbook_write_row_typed(wb, types, numbers, integers, texts, NULL, NULL, n), want);
    if (!strstr(fast_workbook_error_message(wb), message))
        fail_msg("message '%s' lacks '%s'", fast_workbook_error_message(wb), message);
    fast_workbook_free(wb);
    tu_buf_free(&pkg);
}

static void test_typed_row_failures(void **state)
{
    (void)state;
    const uint8_t unknown[2] = {FAST_TYPE_BLANK, 99};
    expect_typed_failure(unknown, NULL, NULL, NULL, 2, FAST_ERROR_CELL_TYPE,
                         "sheet 'Data', row 1, column B: unknown cell type 99");
    const uint8_t num[1] = {FAST_TYPE_NUMBER};
    expect_typed_failure(num, NULL, NULL, NULL, 1, FAST_ERROR_CELL_TYPE, "column A: cell type 2 reads numbers");
    const uint8_t date[3] = {FAST_TYPE_BLANK, FAST_TYPE_BLANK, FAST_TYPE_DATE};
    expect_typed_failure(date, NULL, NULL, NULL, 3, FAST_ERROR_CELL_TYPE, "column C: cell type 5 reads integers");
    const uint8_t str[1] = {FAST_TYPE_STRING};
    const char *none[1] = {NULL};
    expect_typed_failure(str, NULL, NULL, none, 1, FAST_ERROR_CELL_TYPE, "reads texts");
    expect_typed_failure(NULL, NULL, NULL, NULL, 1, FAST_ERROR_INVALID_ARGUMENT, "types is NULL");
    /* Dates outside 1900..9999: the row checks' message. 1899-12-31 is day -25568. */
    const int64_t early[1] = {-25568};
    const uint8_t d1[1] = {FAST_TYPE_DATE};
    expect_typed_failure(d1, NULL, early, NULL, 1, FAST_ERROR_INVALID_DATE, "outside 1900-01-01..9999-12-31");
    const int64_t far[1] = {INT64_MAX};
    const uint8_t d2[1] = {FAST_TYPE_DATETIME};
    expect_typed_failure(d2, NULL, far, NULL, 1, FAST_ERROR_INVALID_DATE, "column A");
    const uint8_t f[1] = {FAST_TYPE_FORMULA};
    const char *eq[1] = {"="};
    expect_typed_failure(f, NULL, NULL, eq, 1, FAST_ERROR_CELL_TYPE, "empty formula");
    const double nan[1] = {0.0 / 0.0};
    expect_typed_failure(num, nan, NULL, NULL, 1, FAST_ERROR_NONFINITE_NUMBER, "NaN");
}

/* Column formats: cells without their own format take it; <col style> for empty cells. */
static void test_column_format(void **state)
{
    (void)state;
    tu_buf pkg = {0}, x = {0}, st = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_set_column_format(wb, 0, 0, NULL), FAST_ERROR_STATE);
    fast_workbook_free(wb);
    tu_buf_free(&pkg);
    wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "C", 1));
    assert_int_equal(fast_workbook_set_column_format(wb, 3, 2, NULL), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_set_column_format(wb, 0, FAST_MAX_COLUMNS, NULL), FAST_ERROR_INVALID_ARGUMENT);
    fast_workbook_free(wb);
    tu_buf_free(&pkg);
    wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "C", 1));
    expect_ok(wb, fast_workbook_write_row_strings(wb, NULL, NULL, 0));
    assert_int_equal(fast_workbook_set_column_format(wb, 0, 0, NULL), FAST_ERROR_TOO_LATE);
    fast_workbook_free(wb);
    tu_buf_free(&pkg);
    wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "C", 1));
    fast_format *money = fast_workbook_add_format(wb), *bold = fast_workbook_add_format(wb);
    fast_format_set_num_format(money, "#,##0.00", 8);
    fast_format_set_bold(bold, 1);
    expect_ok(wb, fast_workbook_set_column_width(wb, 1, 3, 20));
    expect_ok(wb, fast_workbook_set_column_format(wb, 2, 4, money)); /* C..E */
    expect_ok(wb, fast_workbook_set_column_format(wb, 6, 6, bold));  /* G */
    expect_ok(wb, fast_workbook_set_column_format(wb, 4, 4, NULL));  /* E again without */

    fast_cells *c = fast_cells_new(7);
    fast_cells_set_number(c, 2, 1.5);               /* C: column format */
    fast_cells_set_number(c, 3, 2.5);
    fast_cells_set_format(c, 3, bold);              /* D: own format wins */
    fast_cells_set_string(c, 6, "x", 1);            /* G: bold */
    tu_write_row(wb, c, 7);
    fast_cells_set_row_format(c, bold);             /* a row format wins over the column's */
    tu_write_row(wb, c, 3);
    fast_cells_free(c);
    tu_close_ok(wb);
    sheet_xml(&pkg, "xl/worksheets/sheet1.xml", &x);
    /* xf 1: money, 2: bold (in order of first use). B has only a width; C, D the
     * width and money; E nothing; G bold with Excel's default width. */
    tu_assert_contains(x.data, x.len,
                       "<cols><col min=\"2\" max=\"2\" width=\"20.7109375\" customWidth=\"1\"/>"
                       "<col min=\"3\" max=\"4\" width=\"20.7109375\" customWidth=\"1\" style=\"1\"/>"
                       "<col min=\"7\" max=\"7\" width=\"9.140625\" style=\"2\"/></cols>");
    tu_assert_contains(x.data, x.len,
                       "<row r=\"1\"><c r=\"C1\" s=\"1\"><v>1.5</v></c><c r=\"D1\" s=\"2\"><v>2.5</v></c>"
                       "<c r=\"G1\" s=\"2\" t=\"s\"><v>0</v></c></row>");
    tu_assert_contains(x.data, x.len, "<row r=\"2\" s=\"2\" customFormat=\"1\"><c r=\"C2\" s=\"2\"><v>1.5</v></c></row>");
    sheet_xml(&pkg, "xl/styles.xml", &st);
    tu_assert_contains(st.data, st.len, "<xf numFmtId=\"4\" fontId=\"0\""); /* #,##0.00 is built in */
    tu_buf_free(&pkg);
    tu_buf_free(&x);
    tu_buf_free(&st);
}

/* Column formats on continuation sheets, and a format of another workbook. */
static void test_column_format_continues(void **state)
{
    (void)state;
    tu_buf pkg = {0}, x = {0}, other = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg), *wo = tu_callback_workbook(&other);
    fast_format *foreign = fast_workbook_add_format(wo);
    expect_ok(wb, fast_workbook_set_rows_per_sheet(wb, 2));
    expect_ok(wb, fast_workbook_add_worksheet(wb, "Long", 4));
    assert_int_equal(fast_workbook_set_column_format(wb, 0, 0, foreign), FAST_ERROR_INVALID_ARGUMENT);
    fast_workbook_free(wb);
    tu_buf_free(&pkg);
    wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_set_rows_per_sheet(wb, 2));
    expect_ok(wb, fast_workbook_add_worksheet(wb, "Long", 4));
    fast_format *f = fast_workbook_add_format(wb);
    fast_format_set_italic(f, 1);
    expect_ok(wb, fast_workbook_set_column_format(wb, 0, 0, f));
    const uint8_t t[1] = {FAST_TYPE_INTEGER};
    for (int64_t r = 0; r < 3; r++)
        expect_ok(wb, fast_workbook_write_row_typed(wb, t, NULL, &r, NULL, NULL, NULL, 1));
    tu_close_ok(wb);
    fast_workbook_free(wo);
    sheet_xml(&pkg, "xl/worksheets/sheet2.xml", &x);
    tu_assert_contains(x.data, x.len, "<col min=\"1\" max=\"1\" width=\"9.140625\" style=\"1\"/>");
    tu_assert_contains(x.data, x.len, "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>2</v></c></row>");
    tu_buf_free(&pkg);
    tu_buf_free(&x);
    tu_buf_free(&other);
}

/* A copied text survives its source, and the cell's buffer is reused. */
static void test_string_copy(void **state)
{
    (void)state;
    tu_buf pkg = {0}, x = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_set_shared_strings_limit(wb, 0, 0)); /* inline: the text is in the sheet */
    expect_ok(wb, fast_workbook_add_worksheet(wb, "Copy", 4));
    fast_cells *c = fast_cells_new(2);
    char src[64];
    for (int r = 0; r < 1000; r++) {
        int n = snprintf(src, sizeof src, "value %d", r);
        assert_int_equal(fast_cells_set_string_copy(c, 0, src, (size_t)n), FAST_OK);
        memset(src, 'X', sizeof src); /* the caller's bytes change before the row is written */
        assert_int_equal(fast_cells_set_string_copy(c, 1, "", 0), FAST_OK);
        tu_write_row(wb, c, 2);
    }
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_string_copy(c, 0, "after clear", 11), FAST_OK);
    tu_write_row(wb, c, 1);
    assert_int_equal(fast_cells_set_string_copy(NULL, 0, "a", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_string_copy(c, 2, "a", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_string_copy(c, 0, NULL, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_string_copy(c, 0, "a", 4 * (size_t)FAST_MAX_STRING_CHARS + 1),
                     FAST_ERROR_STRING_TOO_LONG);
    fast_cells_free(c);
    tu_close_ok(wb);
    sheet_xml(&pkg, "xl/worksheets/sheet1.xml", &x);
    tu_assert_contains(x.data, x.len, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>value 0</t></is></c>");
    tu_assert_contains(x.data, x.len, "<row r=\"1000\"><c r=\"A1000\" t=\"inlineStr\"><is><t>value 999</t></is></c>");
    tu_assert_contains(x.data, x.len, "<row r=\"1001\"><c r=\"A1001\" t=\"inlineStr\"><is><t>after clear</t></is></c></row>");
    tu_assert_not_contains(x.data, x.len, "XXXX");
    tu_buf_free(&pkg);
    tu_buf_free(&x);
}

/* A packed row whose text cells are all empty may pass a NULL buffer with length 0
 * (found by fuzz_api: UndefinedBehaviorSanitizer saw NULL + 0 in the conversion). */
static void test_packed_row_null_text(void **state)
{
    (void)state;
    tu_buf pkg = {0}, x = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "E", 1));
    const uint8_t types[3] = {FAST_TYPE_BLANK, FAST_TYPE_STRING, FAST_TYPE_INTEGER};
    const int64_t ints[3] = {0, 0, 7};
    expect_ok(wb, fast_workbook_write_row_packed(wb, types, NULL, ints, NULL, 0, NULL, 3));
    tu_close_ok(wb);
    sheet_xml(&pkg, "xl/worksheets/sheet1.xml", &x);
    tu_assert_contains(x.data, x.len, "<c r=\"C1\"><v>7</v></c>");
    tu_buf_free(&pkg);
    tu_buf_free(&x);
}

/* A typed or packed row of more than 16,384 cells is refused for its width,
 * non-sticky, whatever its arrays hold: one byte of text per cell. */
static void test_wide_typed_rows_refused(void **state)
{
    (void)state;
    const size_t n = FAST_MAX_COLUMNS + 10;
    uint8_t *types = malloc(n);
    int64_t *lengths = malloc(n * sizeof *lengths);
    char *text = malloc(n);
    const char **texts = malloc(n * sizeof *texts);
    assert_true(types && lengths && text && texts);
    for (size_t i = 0; i < n; i++) {
        types[i] = FAST_TYPE_STRING;
        lengths[i] = 1;
        text[i] = 'x';
        texts[i] = "x";
    }
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    expect_ok(wb, fast_workbook_add_worksheet(wb, "Wide", 4));
    assert_int_equal(fast_workbook_write_row_packed(wb, types, NULL, lengths, text, n, NULL, n),
                     FAST_ERROR_COLUMN_LIMIT);
    assert_string_equal(fast_workbook_error_message(wb), "sheet 'Wide', row 1: 16394 cells is beyond the limit of "
                                                         "16384 columns");
    assert_int_equal(fast_workbook_write_row_typed(wb, types, NULL, NULL, texts, NULL, NULL, n),
                     FAST_ERROR_COLUMN_LIMIT);
    assert_string_equal(fast_workbook_error_message(wb), "sheet 'Wide', row 1: 16394 cells is beyond the limit of "
                                                         "16384 columns");
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    /* The full width is fine. */
    expect_ok(wb, fast_workbook_write_row_packed(wb, types, NULL, lengths, text, FAST_MAX_COLUMNS, NULL,
                                                 FAST_MAX_COLUMNS));
    tu_close_ok(wb);
    tu_buf xml = {0};
    sheet_xml(&out, "xl/worksheets/sheet1.xml", &xml);
    tu_assert_contains(xml.data, xml.len, "<c r=\"XFD1\" t=\"s\"><v>0</v></c></row>");
    tu_buf_free(&xml);
    tu_buf_free(&out);
    free(types);
    free(lengths);
    free(text);
    free(texts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_row_matches_cells),
        cmocka_unit_test(test_typed_row_null_arrays),
        cmocka_unit_test(test_typed_row_failures),
        cmocka_unit_test(test_packed_row),
        cmocka_unit_test(test_column_format),
        cmocka_unit_test(test_column_format_continues),
        cmocka_unit_test(test_string_copy),
        cmocka_unit_test(test_packed_row_null_text),
        cmocka_unit_test(test_wide_typed_rows_refused),
    };
    return cmocka_run_group_tests_name("bindings", tests, NULL, NULL);
}
