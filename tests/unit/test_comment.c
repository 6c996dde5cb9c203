/*
 * test_comment.c - notes (lib/comment.c, lib/vml.c; ECMA-376 Part 1 §18.7,
 * VML Part 4 §19) through the public API: the exact comments part and VML
 * drawing (as Excel writes them in XlsxWriter's Excel-made comment files),
 * authors listed once, the box and its anchor at the sheet's edges, shape id
 * blocks unique in the workbook across sheets and past 1,024 notes, the
 * relationships, content types and <legacyDrawing>'s place, and every refusal
 * with its status, the workbook going on afterwards (the memory limit too).
 */
#include "testutil.h"

#define RPR "<rPr><sz val=\"8\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr>"
#define SHAPE_HEAD(id, style)                                                                                  \
    "<v:shape id=\"_x0000_s" id "\" type=\"#_x0000_t202\" style=\"position:absolute;" style "\" "              \
    "fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"                                   \
    "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"                       \
    "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"             \
    "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
#define VML_HEAD(data)                                                                                         \
    "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "       \
    "xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\">"                        \
    "<o:idmap v:ext=\"edit\" data=\"" data "\"/></o:shapelayout>"                                              \
    "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" "                                  \
    "path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/>"                                       \
    "<v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"

static void part(const tu_buf *pkg, const char *name, tu_buf *out)
{
    tu_extract_part(pkg, name, out);
    tu_buf_append(out, "", 1);
}

static void note_ok(fast_workbook *wb, uint32_t row, uint32_t col, const char *text, const char *author, int visible,
                    uint32_t w, uint32_t h)
{
    fast_status st = fast_workbook_add_note(wb, row, col, text, strlen(text), author, author ? strlen(author) : 0,
                                            visible, w, h);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_note: %d %s", (int)st, fast_workbook_error_message(wb));
}

/* XlsxWriter's comment03.xlsx (made by Excel): A1 and XFD1048576, author John. */
static void test_excel_form(void **state)
{
    (void)state;
    tu_buf pkg = {0}, c = {0}, v = {0}, rels = {0}, sheet = {0}, ct = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Sheet1", 6), FAST_OK);
    note_ok(wb, 0, 0, "Some text", "John", 0, 0, 0);
    note_ok(wb, 1048575, 16383, "Some text", "John", 0, 0, 0);
    tu_close_ok(wb);
    part(&pkg, "xl/comments1.xml", &c);
    tu_assert_str_bytes(c.data, c.len - 1,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                        "<authors><author>John</author></authors><commentList>"
                        "<comment ref=\"A1\" authorId=\"0\"><text><r>" RPR "<t>Some text</t></r></text></comment>"
                        "<comment ref=\"XFD1048576\" authorId=\"0\"><text><r>" RPR "<t>Some text</t></r></text></comment>"
                        "</commentList></comments>");
    part(&pkg, "xl/drawings/vmlDrawing1.vml", &v);
    tu_assert_str_bytes(v.data, v.len - 1,
                        VML_HEAD("1")
                        SHAPE_HEAD("1025", "margin-left:59.25pt;margin-top:1.5pt;width:96pt;height:55.5pt;z-index:1;visibility:hidden")
                        "<x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill>"
                        "<x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape>"
                        SHAPE_HEAD("1026", "margin-left:786276.75pt;margin-top:15728575.5pt;width:96pt;height:55.5pt;z-index:2;visibility:hidden")
                        "<x:Anchor>16380, 49, 1048571, 14, 16382, 49, 1048575, 8</x:Anchor><x:AutoFill>False</x:AutoFill>"
                        "<x:Row>1048575</x:Row><x:Column>16383</x:Column></x:ClientData></v:shape></xml>");
    part(&pkg, "xl/worksheets/_rels/sheet1.xml.rels", &rels);
    tu_assert_contains(rels.data, rels.len,
                       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing\" "
                       "Target=\"../drawings/vmlDrawing1.vml\"/>"
                       "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" "
                       "Target=\"../comments1.xml\"/>");
    part(&pkg, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len, "<sheetData></sheetData><legacyDrawing r:id=\"rId1\"/></worksheet>");
    part(&pkg, "[Content_Types].xml", &ct);
    tu_assert_contains(ct.data, ct.len,
                       "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>");
    tu_assert_contains(ct.data, ct.len,
                       "<Override PartName=\"/xl/comments1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>");
    tu_assert_not_contains(ct.data, ct.len, "vmlDrawing1.vml");
    tu_buf_free(&pkg);
    tu_buf_free(&c);
    tu_buf_free(&v);
    tu_buf_free(&rels);
    tu_buf_free(&sheet);
    tu_buf_free(&ct);
}

/* Authors once each, in order of first use; escaping; visible notes; box size. */
static void test_authors_text_visible_box(void **state)
{
    (void)state;
    tu_buf pkg = {0}, c = {0}, v = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    note_ok(wb, 4, 1, " a<b> & \"c\"\nd", "Ann & Bo", 1, 200, 100);
    note_ok(wb, 2, 2, "x", NULL, 0, 0, 0);
    note_ok(wb, 3, 3, "y", "Ann & Bo", 0, 0, 0);
    tu_close_ok(wb);
    part(&pkg, "xl/comments1.xml", &c);
    tu_assert_contains(c.data, c.len,
                       "<authors><author>Ann &amp; Bo</author><author></author></authors><commentList>"
                       "<comment ref=\"B5\" authorId=\"0\"><text><r>" RPR
                       "<t xml:space=\"preserve\"> a&lt;b&gt; &amp; \"c\"\nd</t></r></text></comment>"
                       "<comment ref=\"C3\" authorId=\"1\"><text><r>" RPR "<t>x</t></r></text></comment>"
                       "<comment ref=\"D4\" authorId=\"0\">");
    part(&pkg, "xl/drawings/vmlDrawing1.vml", &v);
    /* 200 x 100 pixels from C4 + 15, 10: 49 + 64 + 64 + 23 across, 10 + 20 * 4 + 10 down */
    tu_assert_contains(v.data, v.len,
                       SHAPE_HEAD("1025", "margin-left:107.25pt;margin-top:52.5pt;width:150pt;height:75pt;z-index:1;visibility:visible")
                       "<x:Anchor>2, 15, 3, 10, 5, 23, 8, 10</x:Anchor><x:AutoFill>False</x:AutoFill>"
                       "<x:Row>4</x:Row><x:Column>1</x:Column><x:Visible/></x:ClientData></v:shape>");
    tu_buf_free(&pkg);
    tu_buf_free(&c);
    tu_buf_free(&v);
}

/* Each VML part its own blocks of 1,024 ids: 1,500 notes take blocks 1 and 2,
 * the next sheet's part block 3; parts numbered by the sheets that have notes. */
static void test_id_blocks(void **state)
{
    (void)state;
    tu_buf pkg = {0}, v1 = {0}, v2 = {0}, rels = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "A", 1), FAST_OK);
    for (uint32_t r = 0; r < 1500; r++)
        note_ok(wb, r, 0, "n", "Me", 0, 0, 0);
    assert_int_equal(fast_workbook_add_worksheet(wb, "NoNotes", 7), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "C", 1), FAST_OK);
    note_ok(wb, 9, 9, "last", "Me", 0, 0, 0);
    tu_close_ok(wb);
    part(&pkg, "xl/drawings/vmlDrawing1.vml", &v1);
    tu_assert_contains(v1.data, v1.len, "<o:idmap v:ext=\"edit\" data=\"1,2\"/>");
    tu_assert_contains(v1.data, v1.len, "<v:shape id=\"_x0000_s2524\"");
    tu_assert_not_contains(v1.data, v1.len, "_x0000_s2525");
    part(&pkg, "xl/drawings/vmlDrawing2.vml", &v2);
    tu_assert_contains(v2.data, v2.len, "<o:idmap v:ext=\"edit\" data=\"3\"/>");
    tu_assert_contains(v2.data, v2.len, "<v:shape id=\"_x0000_s3073\"");
    part(&pkg, "xl/worksheets/_rels/sheet3.xml.rels", &rels);
    tu_assert_contains(rels.data, rels.len, "Target=\"../drawings/vmlDrawing2.vml\"");
    tu_assert_contains(rels.data, rels.len, "Target=\"../comments2.xml\"");
    tu_buf sheet2 = {0};
    part(&pkg, "xl/worksheets/sheet2.xml", &sheet2);
    tu_assert_not_contains(sheet2.data, sheet2.len, "legacyDrawing");
    tu_buf_free(&sheet2);
    tu_buf_free(&pkg);
    tu_buf_free(&v1);
    tu_buf_free(&v2);
    tu_buf_free(&rels);
}

/* legacyDrawing after hyperlinks and before tableParts (§18.3.1.99). */
static void test_order(void **state)
{
    (void)state;
    tu_buf pkg = {0}, sheet = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    fast_table *t = NULL;
    assert_int_equal(fast_workbook_add_table(wb, "T", 1, 0, 0, FAST_LAST_ROW, 1, &t), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    fast_cells_set_string(c, 0, "a", 1);
    fast_cells_set_string(c, 1, "b", 1);
    tu_write_row(wb, c, 2);
    fast_cells_set_number(c, 0, 1);
    fast_cells_set_number(c, 1, 2);
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 1, 0, "https://example.com/", 20), FAST_OK);
    note_ok(wb, 1, 1, "n", NULL, 0, 0, 0);
    tu_close_ok(wb);
    part(&pkg, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len, "</hyperlinks><legacyDrawing r:id=\"rId2\"/><tableParts count=\"1\">");
    tu_buf_free(&pkg);
    tu_buf_free(&sheet);
}

static void expect_refused(fast_workbook *wb, fast_status want, const char *msg, uint32_t row, uint32_t col,
                           const char *text, size_t len, const char *author, size_t alen, uint32_t w, uint32_t h)
{
    assert_int_equal(fast_workbook_add_note(wb, row, col, text, len, author, alen, 0, w, h), want);
    const char *got = fast_workbook_error_message(wb);
    if (!strstr(got, msg))
        fail_msg("message '%s' does not contain '%s'", got, msg);
}

static void test_refusals(void **state)
{
    (void)state;
    tu_buf pkg = {0}, c = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_add_note(NULL, 0, 0, "x", 1, NULL, 0, 0, 0, 0), FAST_ERROR_INVALID_ARGUMENT);
    expect_refused(wb, FAST_ERROR_STATE, "no worksheet", 0, 0, "x", 1, NULL, 0, 0, 0);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "outside the sheet", 1048576, 0, "x", 1, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "outside the sheet", 0, 16384, "x", 1, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "sheet 'S', cell B2: empty note text", 1, 1, "", 0, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "NULL note text", 1, 1, NULL, 3, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_UTF8, "cell B2: note text: invalid UTF-8 at byte 2", 1, 1, "a\xff", 2, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "author has control character U+0001", 1, 1, "a", 1, "\x01", 1, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "box of 5000 x 10 pixels", 1, 1, "a", 1, NULL, 0, 5000, 10);
    static char big[FAST_MAX_NOTE_CHARS + 1];
    memset(big, 'a', sizeof big);
    expect_refused(wb, FAST_ERROR_STRING_TOO_LONG, "32768 characters", 1, 1, big, sizeof big, NULL, 0, 0, 0);
    note_ok(wb, 1, 1, "first", NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "sheet 'S', cell B2 already has a note", 1, 1, "again", 5, NULL, 0, 0, 0);
    /* out of order: every cell is checked, also past a flush of the staged notes */
    for (uint32_t r = 3000; r < 8000; r++)
        note_ok(wb, r, 0, "held", NULL, 0, 0, 0);
    note_ok(wb, 10, 5, "earlier row", NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "cell A3001 already has a note", 3000, 0, "x", 1, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "cell B2 already has a note", 1, 1, "x", 1, NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "cell F11 already has a note", 10, 5, "x", 1, NULL, 0, 0, 0);
    note_ok(wb, 9000, 0, "later", NULL, 0, 0, 0);
    expect_refused(wb, FAST_ERROR_INVALID_ARGUMENT, "cell A9001 already has a note", 9000, 0, "x", 1, NULL, 0, 0, 0);
    /* the longest text is taken */
    assert_int_equal(fast_workbook_add_note(wb, 2, 1, big, FAST_MAX_NOTE_CHARS, NULL, 0, 0, 0, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_notes_memory_limit(wb, 1000), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    part(&pkg, "xl/comments1.xml", &c);
    tu_assert_contains(c.data, c.len, "<t>first</t>");
    tu_assert_not_contains(c.data, c.len, "again");
    assert_int_equal(fast_workbook_add_note(wb, 3, 3, "x", 1, NULL, 0, 0, 0, 0), FAST_ERROR_CLOSED);
    fast_workbook_free(wb);
    tu_buf_free(&pkg);
    tu_buf_free(&c);
}

/* Past the limit: FAST_ERROR_MEMORY_LIMIT, nothing added, smaller notes later
 * still refused once the held bytes are near the limit, the workbook usable. */
static void test_memory_limit(void **state)
{
    (void)state;
    tu_buf pkg = {0}, c = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_set_notes_memory_limit(wb, 65536), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    /* Incompressible text: 30,000 bytes of pseudo-random letters per note. */
    static char text[30000];
    uint64_t seed = 42;
    uint32_t r = 0;
    fast_status st;
    for (; r < 64; r++) {
        for (size_t i = 0; i < sizeof text; i++)
            text[i] = (char)('a' + tu_rand64(&seed) % 26);
        st = fast_workbook_add_note(wb, r, 0, text, sizeof text, "A", 1, 0, 0, 0);
        if (st != FAST_OK)
            break;
    }
    assert_int_equal(st, FAST_ERROR_MEMORY_LIMIT);
    assert_true(r >= 1);
    if (!strstr(fast_workbook_error_message(wb), "notes memory limit of 65536 bytes"))
        fail_msg("%s", fast_workbook_error_message(wb));
    note_ok(wb, r + 1, 0, "small", "A", 0, 0, 0); /* a note that fits is still taken */
    fast_cells *cells = fast_cells_new(1);
    fast_cells_set_number(cells, 0, 1);
    tu_write_row(wb, cells, 1);
    fast_cells_free(cells);
    tu_close_ok(wb);
    part(&pkg, "xl/comments1.xml", &c);
    size_t n = 0;
    for (long at = 0, k; (k = tu_find(c.data + at, c.len - at, "<comment ", 9)) >= 0; at += k + 9)
        n++;
    assert_int_equal(n, r + 1);
    tu_assert_contains(c.data, c.len, "<t>small</t>");
    tu_buf_free(&pkg);
    tu_buf_free(&c);
}

/* Boxes over the sheet's own columns. XlsxWriter's comment14.xlsx (made by Excel): a note on B2 with column C 13
 * characters wide (96 pixels). Then a narrow column (B, 6 pixels), a column hidden by an outline (C) and 30-point
 * rows (40 pixels): the box starts in D at 15 - 6 = 9 pixels and spans 9 + 128 pixels, 2 + 74 down. */
static void test_column_widths(void **state)
{
    (void)state;
    tu_buf pkg = {0}, v = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Sheet1", 6), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 2, 2, 13), FAST_OK);
    note_ok(wb, 1, 1, "Some text", "John", 0, 0, 0);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Sheet2", 6), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 1, 1, 0.5), FAST_OK);
    assert_int_equal(fast_workbook_set_outline_levels(wb, 0, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_column_outline(wb, 2, 2, 1, 1, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_default_row_height(wb, 30), FAST_OK);
    note_ok(wb, 0, 0, "Some text", "John", 0, 0, 0);
    tu_close_ok(wb);
    part(&pkg, "xl/drawings/vmlDrawing1.vml", &v);
    tu_assert_contains(v.data, v.len,
                       SHAPE_HEAD("1025", "margin-left:107.25pt;margin-top:7.5pt;width:96pt;height:55.5pt;z-index:1;visibility:hidden")
                       "<x:Anchor>2, 15, 0, 10, 3, 47, 4, 4</x:Anchor>");
    tu_buf_free(&v);
    part(&pkg, "xl/drawings/vmlDrawing2.vml", &v);
    tu_assert_contains(v.data, v.len,
                       SHAPE_HEAD("2049", "margin-left:59.25pt;margin-top:1.5pt;width:96pt;height:55.5pt;z-index:1;visibility:hidden")
                       "<x:Anchor>3, 9, 0, 2, 5, 9, 1, 36</x:Anchor>");
    tu_buf_free(&pkg);
    tu_buf_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excel_form),
        cmocka_unit_test(test_authors_text_visible_box),
        cmocka_unit_test(test_id_blocks),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_memory_limit),
        cmocka_unit_test(test_column_widths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
