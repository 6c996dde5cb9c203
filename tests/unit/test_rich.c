/*
 * test_rich.c - rich strings (lib/rich.c) through the public API, as exact XML:
 * runs in the shared strings table (ECMA-376 Part 1 §18.4.8 si, §18.4.4 r,
 * §18.4.7 rPr) in the form Excel writes them (XlsxWriter's Excel-made
 * rich_string*.xlsx), identical rich strings sharing one entry and never one
 * with plain text, the inline form when the table is full, the typed and packed
 * row calls, worker threads, header rows on continuation sheets, the font
 * snapshot, and the refusals. The parts are validated against sml.xsd.
 *
 * Rich strings are also read back by openpyxl, Apache POI and ExcelJS
 * (tests/readers/formats.sh).
 */
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define SST_HEAD XML_DECL "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define CALIBRI "<color theme=\"1\"/><rFont val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/>"
/* "a" plain, "bc" bold, " x<2 " italic superscript red 9-point Arial */
#define RUNS                                                                                               \
    "<r><t>a</t></r><r><rPr><b/><sz val=\"11\"/>" CALIBRI "</rPr><t>bc</t></r>"                             \
    "<r><rPr><i/><vertAlign val=\"superscript\"/><sz val=\"9\"/><color rgb=\"FFFF0000\"/>"                \
    "<rFont val=\"Arial\"/></rPr><t xml:space=\"preserve\"> x&lt;2 </t></r>"

static fast_format *bold, *sup;

/* The rich string RUNS with formats of @wb. */
static fast_rich_string *make_rich(fast_workbook *wb)
{
    bold = fast_workbook_add_format(wb);
    sup = fast_workbook_add_format(wb);
    assert_non_null(bold);
    assert_non_null(sup);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    assert_int_equal(fast_format_set_italic(sup, 1), FAST_OK);
    assert_int_equal(fast_format_set_font_script(sup, FAST_SCRIPT_SUPERSCRIPT), FAST_OK);
    assert_int_equal(fast_format_set_font_size(sup, 9), FAST_OK);
    assert_int_equal(fast_format_set_font_color(sup, 0xFF0000), FAST_OK);
    assert_int_equal(fast_format_set_font_name(sup, "Arial", 5), FAST_OK);
    fast_rich_string *rs = fast_rich_string_new();
    assert_non_null(rs);
    assert_int_equal(fast_rich_string_append(rs, NULL, "a", 1), FAST_OK);
    assert_int_equal(fast_rich_string_append(rs, bold, "bc", 2), FAST_OK);
    assert_int_equal(fast_rich_string_append(rs, sup, " x<2 ", 5), FAST_OK);
    assert_int_equal(fast_rich_string_runs(rs), 3);
    return rs;
}

/* Validate @xml against sml.xsd. The ECMA schema declares <t> without the
 * xml:space="preserve" that Excel writes (tests/tools/validate-xlsx -x tolerates
 * it the same way): it is taken out of the copy that is validated. */
static int xmllint_ok(const tu_buf *xml, char *report, size_t cap)
{
    static const char space[] = " xml:space=\"preserve\"";
    tu_buf copy = {0};
    for (size_t i = 0; i < xml->len;) {
        long at = tu_find(xml->data + i, xml->len - i, space, sizeof space - 1);
        size_t n = at < 0 ? xml->len - i : (size_t)at;
        tu_buf_append(&copy, xml->data + i, n);
        i += n + (at < 0 ? 0 : sizeof space - 1);
    }
    const char *dir = getenv("FASTXLSX_SCHEMA_DIR");
    char schema[512], path[] = "/tmp/fastxlsx-test-rich-XXXXXX", cmd[1200];
    snprintf(schema, sizeof schema, "%s/sml.xsd", dir ? dir : "tests/schemas");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, copy.data, copy.len) == (ssize_t)copy.len);
    assert_int_equal(close(fd), 0);
    tu_buf_free(&copy);
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet --schema '%s' '%s' 2>&1", schema, path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(report, 1, cap - 1, p);
    report[n] = '\0';
    while (fgetc(p) != EOF)
        ;
    int status = pclose(p);
    unlink(path);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Part @name of @pkg must be @want exactly and valid against sml.xsd. */
static void expect_part(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    if (part.len != strlen(want) || memcmp(part.data, want, part.len) != 0)
        print_message("part %s:\n got: %s\nwant: %s\n", name, (const char *)part.data, want);
    tu_assert_str_bytes(part.data, part.len, want);
    char report[4096];
    if (!xmllint_ok(&part, report, sizeof report))
        fail_msg("%s does not validate against sml.xsd:\n%s", name, report);
    tu_buf_free(&part);
}

static void expect_sheet_data(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    long from = tu_find(part.data, part.len, "<sheetData>", 11);
    long to = tu_find(part.data, part.len, "</sheetData>", 12);
    assert_true(from >= 0 && to > from);
    size_t len = (size_t)(to - from) + 12;
    if (len != strlen(want) || memcmp(part.data + from, want, len) != 0)
        print_message("%s sheetData:\n got: %.*s\nwant: %s\n", name, (int)len, (const char *)part.data + from, want);
    tu_assert_bytes_equal(part.data + from, len, want, strlen(want));
    char report[4096];
    if (!xmllint_ok(&part, report, sizeof report))
        fail_msg("%s does not validate against sml.xsd:\n%s", name, report);
    tu_buf_free(&part);
}

/* Runs through the SST: one entry for equal rich strings (built apart), none
 * shared with the plain text of the same characters, another for other fonts;
 * the cell format applies to the cell. */
static void test_shared(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_rich_string *rs = make_rich(wb);
    fast_rich_string *same = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(same, NULL, "a", 1), FAST_OK);
    assert_int_equal(fast_rich_string_append(same, bold, "bc", 2), FAST_OK);
    assert_int_equal(fast_rich_string_append(same, sup, " x<2 ", 5), FAST_OK);
    fast_rich_string *other = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(other, bold, "a", 1), FAST_OK);
    assert_int_equal(fast_rich_string_append(other, NULL, "bc x<2 ", 7), FAST_OK);
    fast_format *wrap = fast_workbook_add_format(wb);
    assert_int_equal(fast_format_set_wrap(wrap, 1), FAST_OK);

    fast_cells *c = fast_cells_new(4);
    assert_int_equal(fast_cells_set_rich_string(c, 0, rs), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 1, "abc x<2 ", 8), FAST_OK);
    assert_int_equal(fast_cells_set_rich_string(c, 2, same), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 2, wrap), FAST_OK);
    assert_int_equal(fast_cells_set_rich_string(c, 3, other), FAST_OK);
    tu_write_row(wb, c, 4);
    tu_close_ok(wb);
    expect_part(&out, "xl/sharedStrings.xml",
                SST_HEAD "count=\"4\" uniqueCount=\"3\"><si>" RUNS "</si>"
                         "<si><t xml:space=\"preserve\">abc x&lt;2 </t></si>"
                         "<si><r><rPr><b/><sz val=\"11\"/>" CALIBRI "</rPr><t>a</t></r>"
                         "<r><t xml:space=\"preserve\">bc x&lt;2 </t></r></si></sst>");
    expect_sheet_data(&out, "xl/worksheets/sheet1.xml",
                      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                      "<c r=\"C1\" s=\"1\" t=\"s\"><v>0</v></c><c r=\"D1\" t=\"s\"><v>2</v></c></row></sheetData>");
    fast_cells_free(c);
    fast_rich_string_free(rs);
    fast_rich_string_free(same);
    fast_rich_string_free(other);
    tu_buf_free(&out);
}

/* Without room in the SST the runs go inline (§18.3.1.53 is). */
static void test_inline_when_full(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_rich_string *rs = make_rich(wb);
    fast_cells *c = fast_cells_new(1);
    assert_int_equal(fast_cells_set_rich_string(c, 0, rs), FAST_OK);
    tu_write_row(wb, c, 1);
    tu_close_ok(wb);
    expect_sheet_data(&out, "xl/worksheets/sheet1.xml",
                      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>" RUNS "</is></c></row></sheetData>");
    fast_cells_free(c);
    fast_rich_string_free(rs);
    tu_buf_free(&out);
}

/* The typed and packed calls take the handle's address in integers[i]; with
 * worker threads the rows are copied into batches and give the same XML. */
static void write_typed_book(tu_buf *out, unsigned threads)
{
    fast_workbook *wb = tu_callback_workbook(out);
    assert_int_equal(fast_workbook_set_threads(wb, threads), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 1, 1000), FAST_OK); /* one entry */
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_rich_string *rs = make_rich(wb);
    fast_rich_string *two = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(two, sup, "2", 1), FAST_OK);
    uint8_t types[3] = {FAST_TYPE_RICH_STRING, FAST_TYPE_STRING, FAST_TYPE_RICH_STRING};
    int64_t ints[3] = {(int64_t)(intptr_t)rs, 2, (int64_t)(intptr_t)two};
    const char *texts[3] = {NULL, "zz", NULL};
    size_t lens[3] = {0, 2, 0};
    for (int i = 0; i < 200; i++) {
        assert_int_equal(fast_workbook_write_row_typed(wb, types, NULL, ints, texts, lens, NULL, 3), FAST_OK);
        assert_int_equal(fast_workbook_write_row_packed(wb, types, NULL, ints, "zz", 2, NULL, 3), FAST_OK);
    }
    tu_close_ok(wb);
    fast_rich_string_free(rs);
    fast_rich_string_free(two);
}

static void test_typed_and_threads(void **state)
{
    (void)state;
    tu_buf one = {0}, four = {0};
    write_typed_book(&one, 1);
    write_typed_book(&four, 4);
    tu_buf a = {0}, b = {0};
    tu_extract_part(&one, "xl/worksheets/sheet1.xml", &a);
    tu_extract_part(&four, "xl/worksheets/sheet1.xml", &b);
    tu_assert_bytes_equal(b.data, b.len, a.data, a.len);
    tu_assert_contains(a.data, a.len,
                       "<row r=\"400\"><c r=\"A400\" t=\"s\"><v>0</v></c><c r=\"B400\" t=\"inlineStr\"><is><t>zz</t>"
                       "</is></c><c r=\"C400\" t=\"inlineStr\"><is><r><rPr><i/><vertAlign val=\"superscript\"/>"
                       "<sz val=\"9\"/><color rgb=\"FFFF0000\"/><rFont val=\"Arial\"/></rPr><t>2</t></r></is></c>"
                       "</row>");
    expect_part(&one, "xl/sharedStrings.xml", SST_HEAD "count=\"400\" uniqueCount=\"1\"><si>" RUNS "</si></sst>");
    tu_buf_free(&a);
    tu_buf_free(&b);
    tu_buf_free(&one);
    tu_buf_free(&four);
}

/* A run keeps the font its format had when it was appended. */
static void test_font_snapshot(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_format *f = fast_workbook_add_format(wb);
    assert_int_equal(fast_format_set_underline_style(f, FAST_UNDERLINE_DOUBLE), FAST_OK);
    assert_int_equal(fast_format_set_strikeout(f, 1), FAST_OK);
    assert_int_equal(fast_format_set_font_theme_color(f, 4, -0.5), FAST_OK);
    fast_rich_string *rs = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(rs, f, "H", 1), FAST_OK);
    assert_int_equal(fast_format_set_bold(f, 1), FAST_OK); /* not in the run */
    assert_int_equal(fast_format_set_font_script(f, FAST_SCRIPT_SUBSCRIPT), FAST_OK);
    assert_int_equal(fast_rich_string_append(rs, f, "2", 1), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    assert_int_equal(fast_cells_set_rich_string(c, 0, rs), FAST_OK);
    tu_write_row(wb, c, 1);
    tu_close_ok(wb);
#define F(extra) "<r><rPr>" extra "<strike/><u val=\"double\"/>"
    expect_sheet_data(&out, "xl/worksheets/sheet1.xml",
                      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>" F("")
                      "<sz val=\"11\"/><color theme=\"4\" tint=\"-0.5\"/><rFont val=\"Calibri\"/><family val=\"2\"/>"
                      "<scheme val=\"minor\"/></rPr><t>H</t></r>" F("<b/>")
                      "<vertAlign val=\"subscript\"/><sz val=\"11\"/><color theme=\"4\" tint=\"-0.5\"/>"
                      "<rFont val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></rPr><t>2</t></r>"
                      "</is></c></row></sheetData>");
#undef F
    fast_cells_free(c);
    fast_rich_string_free(rs);
    tu_buf_free(&out);
}

/* Header rows are copied, rich cells included: the continuation sheet repeats them
 * after the caller's rich string is gone. */
static void test_header_rows_copied(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 2), FAST_OK);
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_rich_string *rs = fast_rich_string_new();
    assert_int_equal(fast_rich_string_append(rs, NULL, "head", 4), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    assert_int_equal(fast_cells_set_rich_string(c, 0, rs), FAST_OK);
    tu_write_row(wb, c, 1);
    fast_rich_string_free(rs);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);
    tu_write_row(wb, c, 1);
    tu_write_row(wb, c, 1); /* to the continuation sheet, under the header */
    tu_close_ok(wb);
    expect_sheet_data(&out, "xl/worksheets/sheet2.xml",
                      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>head</t></r></is></c></row>"
                      "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row></sheetData>");
    fast_cells_free(c);
    tu_buf_free(&out);
}

static void test_refusals(void **state)
{
    (void)state;
    const fast_status BAD = FAST_ERROR_INVALID_ARGUMENT;
    fast_rich_string *rs = fast_rich_string_new();
    assert_non_null(rs);
    assert_int_equal(fast_rich_string_append(NULL, NULL, "a", 1), BAD);
    assert_int_equal(fast_rich_string_append(rs, NULL, NULL, 1), BAD);
    assert_int_equal(fast_rich_string_append(rs, NULL, "a", 0), BAD);
    assert_int_equal(fast_rich_string_append(rs, NULL, "a\xFF", 2), FAST_ERROR_INVALID_UTF8);
    assert_int_equal(fast_rich_string_runs(rs), 0);
    assert_int_equal(fast_rich_string_runs(NULL), 0);
    fast_cells *c = fast_cells_new(2);
    assert_int_equal(fast_cells_set_rich_string(c, 0, rs), BAD); /* no runs */
    assert_int_equal(fast_cells_set_rich_string(c, 0, NULL), BAD);
    assert_int_equal(fast_cells_set_rich_string(NULL, 0, rs), BAD);
    /* FAST_MAX_STRING_CHARS characters in all */
    size_t n = FAST_MAX_STRING_CHARS;
    char *big = malloc(n + 1);
    memset(big, 'x', n + 1);
    assert_int_equal(fast_rich_string_append(rs, NULL, big, n + 1), FAST_ERROR_STRING_TOO_LONG);
    assert_int_equal(fast_rich_string_append(rs, NULL, big, n - 1), FAST_OK);
    assert_int_equal(fast_rich_string_append(rs, NULL, "\xC3\xA9\xC3\xA9", 4), FAST_ERROR_STRING_TOO_LONG);
    assert_int_equal(fast_rich_string_append(rs, NULL, "\xC3\xA9", 2), FAST_OK);
    assert_int_equal(fast_rich_string_runs(rs), 2);
    assert_int_equal(fast_cells_set_rich_string(c, 2, rs), BAD); /* out of range */
    assert_int_equal(fast_cells_set_rich_string(c, 1, rs), FAST_OK);
    free(big);

    /* the typed call refuses a NULL or empty handle, naming the column; non-sticky */
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_rich_string *empty = fast_rich_string_new();
    uint8_t types[2] = {FAST_TYPE_INTEGER, FAST_TYPE_RICH_STRING};
    int64_t ints[2] = {1, 0};
    assert_int_equal(fast_workbook_write_row_typed(wb, types, NULL, ints, NULL, NULL, NULL, 2), BAD);
    assert_non_null(strstr(fast_workbook_error_message(wb), "a NULL rich string"));
    ints[1] = (int64_t)(intptr_t)empty;
    assert_int_equal(fast_workbook_write_row_packed(wb, types, NULL, ints, NULL, 0, NULL, 2), BAD);
    assert_non_null(strstr(fast_workbook_error_message(wb), "an empty rich string"));
    assert_int_equal(fast_workbook_write_row_typed(wb, types, NULL, NULL, NULL, NULL, NULL, 2), FAST_ERROR_CELL_TYPE);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    ints[1] = (int64_t)(intptr_t)rs;
    assert_int_equal(fast_workbook_write_row_typed(wb, types, NULL, ints, NULL, NULL, NULL, 2), FAST_OK);
    tu_close_ok(wb);
    fast_rich_string_free(empty);
    fast_rich_string_free(rs);
    fast_rich_string_free(NULL);
    fast_cells_free(c);
    tu_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared),
        cmocka_unit_test(test_inline_when_full),
        cmocka_unit_test(test_typed_and_threads),
        cmocka_unit_test(test_font_snapshot),
        cmocka_unit_test(test_header_rows_copied),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
