/*
 * test_worksheet.c - the worksheet XML (lib/worksheet.c) through the public API:
 * cells of every type, shared and inline strings, skipped blanks, and the
 * <dimension> element, present and patched in place for file output, absent for
 * a write callback. The package is read back with the ZIP reader of testutil.h.
 */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#define SHEET_HEAD                                                                    \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"                 \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
#define SHEET_TAIL "</sheetData></worksheet>"
/* The first sheet is the selected tab, as Excel saves it. */
#define SELECTED "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"
#define SST_HEAD                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "

/* Every entry of @pkg uses ZIP method @method. */
static void expect_method(const tu_buf *pkg, unsigned method)
{
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, pkg->data, pkg->len), 0);
    assert_true(z.nentries >= 8);
    for (uint64_t i = 0; i < z.nentries; i++)
        assert_int_equal(z.entries[i].method, method);
    tu_zip_free(&z);
}

static void expect_part(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    tu_assert_str_bytes(part.data, part.len, want);
    tu_buf_free(&part);
}


/* ---- callback output ------------------------------------------------------------- */

#define ROW1 "<row r=\"1\"><c t=\"s\"><v>0</v></c><c><v>1.5</v></c><c t=\"b\"><v>1</v></c></row>"
#define ROW2                                                                                       \
    "<row r=\"2\"><c><v>-9223372036854775808</v></c><c r=\"C2\" t=\"b\"><v>0</v></c>" \
    "<c><v>-0.25</v></c><c><v>42</v></c><c><v>9223372036854775807</v></c></row>"
#define ROW5 "<row r=\"5\"><c r=\"B5\" t=\"s\"><v>1</v></c><c t=\"s\"><v>0</v></c></row>"
#define ROW6 "<row r=\"6\"><c r=\"AB6\"><v>7</v></c></row>"

static void test_cells_shared_strings(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_cells *c = fast_cells_new(28);
    assert_non_null(c);

    /* Row 1: shared string, number, boolean. */
    assert_int_equal(fast_cells_set_string(c, 0, "hello", 5), FAST_OK);
    assert_int_equal(fast_cells_set_number(c, 1, 1.5), FAST_OK);
    assert_int_equal(fast_cells_set_boolean(c, 2, 5), FAST_OK);
    tu_write_row(wb, c, 3);

    /* Row 2: integers at both ends of the range, a blank cell in the middle, false. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_integer(c, 0, INT64_MIN), FAST_OK);
    assert_int_equal(fast_cells_set_boolean(c, 2, 0), FAST_OK);
    assert_int_equal(fast_cells_set_number(c, 3, -0.25), FAST_OK);
    assert_int_equal(fast_cells_set_integer(c, 4, 42), FAST_OK);
    assert_int_equal(fast_cells_set_integer(c, 5, INT64_MAX), FAST_OK);
    tu_write_row(wb, c, 8); /* two trailing blanks */

    /* Row 3: only blank cells; row 4: no cells. Neither produces a <row>. */
    fast_cells_clear(c);
    tu_write_row(wb, c, 28);
    tu_write_row(wb, c, 0);

    /* Row 5: strings again; "hello" keeps index 0. */
    assert_int_equal(fast_cells_set_string(c, 1, "world", 5), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 2, "hello, again", 5), FAST_OK);
    tu_write_row(wb, c, 3);

    /* Row 6: a two-letter column. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_number(c, 27, 7.0), FAST_OK);
    tu_write_row(wb, c, 28);

    fast_cells_free(c);
    tu_close_ok(wb);

    const char *want = SHEET_HEAD SELECTED "<sheetData>" ROW1 ROW2 ROW5 ROW6 SHEET_TAIL;
    expect_part(&out, "xl/worksheets/sheet1.xml", want);
    /* Stored parts: the sheet XML sits in the output as it is. */
    tu_assert_contains(out.data, out.len, ROW1 ROW2 ROW5 ROW6);
    expect_method(&out, 0);
    /* A callback cannot be patched: no <dimension> anywhere. */
    tu_assert_not_contains(out.data, out.len, "<dimension");
    tu_assert_not_contains(out.data, out.len, "<row r=\"3\"");
    tu_assert_not_contains(out.data, out.len, "<row r=\"4\"");

    expect_part(&out, "xl/sharedStrings.xml",
                SST_HEAD "count=\"3\" uniqueCount=\"2\"><si><t>hello</t></si><si><t>world</t></si></sst>");
    tu_buf_free(&out);
}

static void test_inline_strings(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    fast_cells *c = fast_cells_new(5);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_string(c, 0, "first", 5), FAST_OK);
    tu_write_row(wb, c, 1);
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_string(c, 0, " padded", 7), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 1, "a<b&c\x01", 6), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 2, NULL, 0), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 3, "_x0041_", 7), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 4, "tail\n", 5), FAST_OK);
    tu_write_row(wb, c, 5);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<sheetData>"
                           "<row r=\"1\"><c t=\"inlineStr\"><is><t>first</t></is></c></row>"
                           "<row r=\"2\">"
                           "<c t=\"inlineStr\"><is><t xml:space=\"preserve\"> padded</t></is></c>"
                           "<c t=\"inlineStr\"><is><t>a&lt;b&amp;c_x0001_</t></is></c>"
                           "<c t=\"inlineStr\"><is><t></t></is></c>"
                           "<c t=\"inlineStr\"><is><t>_x005F_x0041_</t></is></c>"
                           "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">tail\n</t></is></c>"
                           "</row>" SHEET_TAIL);
    tu_assert_contains(out.data, out.len,
                       "<c t=\"inlineStr\"><is><t xml:space=\"preserve\"> padded</t></is></c>");
    expect_part(&out, "xl/sharedStrings.xml", SST_HEAD "count=\"0\" uniqueCount=\"0\"></sst>");
    tu_buf_free(&out);
}

static void test_shared_strings_cap(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 2, 1 << 20), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, NULL, 0), FAST_OK);
    const char *const values[] = {"a", "b", "c", "a", NULL, "b"};
    assert_int_equal(fast_workbook_write_row_strings(wb, values, NULL, 6), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<sheetData><row r=\"1\">"
                           "<c t=\"s\"><v>0</v></c>"
                           "<c t=\"s\"><v>1</v></c>"
                           "<c t=\"inlineStr\"><is><t>c</t></is></c>"
                           "<c t=\"s\"><v>0</v></c>"
                           "<c r=\"F1\" t=\"s\"><v>1</v></c>"
                           "</row>" SHEET_TAIL);
    expect_part(&out, "xl/sharedStrings.xml",
                SST_HEAD "count=\"4\" uniqueCount=\"2\"><si><t>a</t></si><si><t>b</t></si></sst>");
    tu_buf_free(&out);
}

static void test_empty_sheet_callback(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    tu_close_ok(wb); /* gets an empty "Sheet1" */
    expect_part(&out, "xl/worksheets/sheet1.xml", SHEET_HEAD SELECTED "<sheetData>" SHEET_TAIL);
    tu_assert_not_contains(out.data, out.len, "<dimension");
    tu_buf_free(&out);
}

/* ---- file output: <dimension> ------------------------------------------------------------ */

typedef struct temp_dir {
    char dir[256];
    char path[300];
} temp_dir;

static void temp_dir_make(temp_dir *t)
{
    const char *base = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/fx_test_ws_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t->dir))
        fail_msg("mkdtemp(%s) failed", t->dir);
    snprintf(t->path, sizeof t->path, "%s/book.xlsx", t->dir);
}

/* Exactly one file, book.xlsx, is left in the directory: no temporary file. */
static void temp_dir_expect_only_book(const temp_dir *t)
{
    DIR *d = opendir(t->dir);
    assert_non_null(d);
    int files = 0, book = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        files++;
        if (strcmp(de->d_name, "book.xlsx") == 0)
            book = 1;
        else
            print_message("unexpected file left behind: %s\n", de->d_name);
    }
    closedir(d);
    assert_int_equal(book, 1);
    assert_int_equal(files, 1);
}

static void temp_dir_remove(temp_dir *t)
{
    unlink(t->path);
    rmdir(t->dir);
}

#define DIM_B2_D5 "<dimension ref=\"B2:D5\"/>        " /* padded to 32 bytes */
#define DIM_A1 "<dimension ref=\"A1\"/>           "
#define DIM_C3 "<dimension ref=\"C3\"/>           "

#define DATA_ROWS                                                                        \
    "<row r=\"2\"><c r=\"C2\"><v>2.5</v></c></row>"                                      \
    "<row r=\"3\"><c r=\"D3\"><v>1</v></c></row>"                                        \
    "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>0</v></c></row>"                                \
    "<row r=\"5\"><c r=\"B5\" t=\"b\"><v>1</v></c><c r=\"D5\" t=\"s\"><v>1</v></c></row>"

/* Three sheets: used range B2:D5 (grown left and right after its first row), empty,
 * and the single cell C3. @level < 0: default. */
static void dimension_case(int level)
{
    temp_dir t;
    temp_dir_make(&t);
    fast_workbook *wb = fast_workbook_new(t.path);
    assert_non_null(wb);
    if (level >= 0)
        assert_int_equal(fast_workbook_set_compression_level(wb, level), FAST_OK);
    fast_cells *c = fast_cells_new(6);
    assert_non_null(c);

    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    tu_write_row(wb, c, 0);                      /* row 1: nothing */
    assert_int_equal(fast_cells_set_number(c, 2, 2.5), FAST_OK);
    tu_write_row(wb, c, 4);                      /* row 2: C2, blanks around */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_integer(c, 3, 1), FAST_OK);
    tu_write_row(wb, c, 6);                      /* row 3: D3 */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_string(c, 1, "text", 4), FAST_OK);
    tu_write_row(wb, c, 3);                      /* row 4: B4 */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_boolean(c, 1, 1), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 3, "end", 3), FAST_OK);
    tu_write_row(wb, c, 4);                      /* row 5: B5, D5 */

    assert_int_equal(fast_workbook_add_worksheet(wb, "Empty", 5), FAST_OK);

    assert_int_equal(fast_workbook_add_worksheet(wb, "One", 3), FAST_OK);
    fast_cells_clear(c);
    tu_write_row(wb, c, 0);
    tu_write_row(wb, c, 6);
    assert_int_equal(fast_cells_set_number(c, 2, 3.0), FAST_OK);
    tu_write_row(wb, c, 3);                      /* row 3: C3 */

    fast_cells_free(c);
    tu_close_ok(wb);
    temp_dir_expect_only_book(&t);

    tu_buf file = {0};
    assert_int_equal(tu_read_file(t.path, &file), 0);
    temp_dir_remove(&t);

    expect_method(&file, level == 0 ? 0 : 8);
    expect_part(&file, "xl/worksheets/sheet1.xml",
                SHEET_HEAD DIM_B2_D5 SELECTED "<sheetData>" DATA_ROWS SHEET_TAIL);
    expect_part(&file, "xl/worksheets/sheet2.xml", SHEET_HEAD DIM_A1 "<sheetData>" SHEET_TAIL);
    expect_part(&file, "xl/worksheets/sheet3.xml",
                SHEET_HEAD DIM_C3 "<sheetData><row r=\"3\"><c r=\"C3\"><v>3</v></c></row>" SHEET_TAIL);
    if (level == 0) {
        tu_assert_contains(file.data, file.len, DIM_B2_D5 SELECTED "<sheetData>");
        tu_assert_contains(file.data, file.len, DIM_A1 "<sheetData></sheetData>");
    }
    /* The placeholder never survives. */
    tu_assert_not_contains(file.data, file.len, "A1:XFD1048576");
    tu_buf_free(&file);
}

static void test_dimension_file_stored(void **state)
{
    (void)state;
    dimension_case(0);
}

static void test_dimension_file_deflate(void **state)
{
    (void)state;
    dimension_case(-1); /* default level: deflate */
    dimension_case(9);
}

static void test_dimension_file_large(void **state)
{
    (void)state;
    /* Enough incompressible rows that the sheet head has long left the sink buffer
     * when the sheet ends, so the patch goes to the file. */
    const unsigned rows = 30000;
    temp_dir t;
    temp_dir_make(&t);
    fast_workbook *wb = fast_workbook_new(t.path);
    assert_int_equal(fast_workbook_set_cell_references(wb, 0), FAST_OK); /* the compact form */
    assert_non_null(wb);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Big", 3), FAST_OK);
    fast_cells *c = fast_cells_new(4);
    assert_non_null(c);
    tu_buf want = {0};
    tu_buf_append(&want, SHEET_HEAD "<dimension ref=\"A1:D30000\"/>    " SELECTED "<sheetData>",
                  strlen(SHEET_HEAD "<dimension ref=\"A1:D30000\"/>    " SELECTED "<sheetData>"));
    uint64_t st = 5;
    char frag[128];
    for (unsigned r = 1; r <= rows; r++) {
        int n = snprintf(frag, sizeof frag, "<row r=\"%u\">", r);
        tu_buf_append(&want, frag, (size_t)n);
        for (unsigned k = 0; k < 4; k++) {
            int64_t v = (int64_t)tu_rand64(&st);
            assert_int_equal(fast_cells_set_integer(c, k, v), FAST_OK);
            n = snprintf(frag, sizeof frag, "<c><v>%lld</v></c>", (long long)v); /* columns implied */
            tu_buf_append(&want, frag, (size_t)n);
        }
        tu_buf_append(&want, "</row>", 6);
        tu_write_row(wb, c, 4);
    }
    tu_buf_append(&want, SHEET_TAIL, strlen(SHEET_TAIL));
    fast_cells_free(c);
    tu_close_ok(wb);
    temp_dir_expect_only_book(&t);

    tu_buf file = {0};
    assert_int_equal(tu_read_file(t.path, &file), 0);
    temp_dir_remove(&t);
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, file.data, file.len), 0);
    long i = tu_zip_find(&z, "xl/worksheets/sheet1.xml");
    assert_true(i >= 0);
    assert_true(z.entries[i].csize > 4 * 65536); /* well past the sink buffer */
    tu_zip_free(&z);

    tu_buf part = {0};
    tu_extract_part(&file, "xl/worksheets/sheet1.xml", &part);
    tu_assert_bytes_equal(part.data, part.len, want.data, want.len);
    tu_buf_free(&part);
    tu_buf_free(&want);
    tu_buf_free(&file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_shared_strings),
        cmocka_unit_test(test_inline_strings),
        cmocka_unit_test(test_shared_strings_cap),
        cmocka_unit_test(test_empty_sheet_callback),
        cmocka_unit_test(test_dimension_file_stored),
        cmocka_unit_test(test_dimension_file_deflate),
        cmocka_unit_test(test_dimension_file_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
