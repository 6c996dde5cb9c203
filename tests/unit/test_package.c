/*
 * test_package.c - what a workbook Excel made has and ours must have too, part
 * by part, as exact XML: the theme part with its content type and relationship
 * and the default font tied to it (ECMA-376 Part 1 §14.2.7, §18.8.22), calcPr
 * only when a formula has no cached value (§18.2.2), the first sheet as the
 * selected tab (§18.3.1.87), links to places in the workbook (§18.3.1.47
 * location), and worksheet entries in the ZIP64 form from their local header on
 * with fast_workbook_set_zip64() (APPNOTE.TXT 4.3.9.2, 4.5.3).
 *
 * Workbooks written to files are also checked by independent tools: the
 * schemas (tests/tools/validate-xlsx), the ZIP structure checker
 * (tests/tools/zipcheck.py), Info-ZIP's unzip -t and openpyxl.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "theme.h"

#include <unistd.h>

#include "testutil.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define SHEET_HEAD                                                                    \
    XML_DECL                                                                          \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
#define WB_HEAD                                                                       \
    XML_DECL                                                                          \
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "  \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
    "<bookViews><workbookView/></bookViews><sheets>"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT "application/vnd.openxmlformats-officedocument."
#define SELECTED "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"

static void expect_part(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    if (part.len != strlen(want) || memcmp(part.data, want, part.len) != 0)
        print_message("part %s:\n got: %s\nwant: %s\n", name, (const char *)part.data, want);
    tu_assert_str_bytes(part.data, part.len, want);
    tu_buf_free(&part);
}

static void expect_part_contains(const tu_buf *pkg, const char *name, const char *needle)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
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

static void add_sheet(fast_workbook *wb, const char *name)
{
    fast_status st = fast_workbook_add_worksheet(wb, name, name ? strlen(name) : 0);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_worksheet(%s): %s", name ? name : "NULL", fast_workbook_error_message(wb));
}

/* ---- tools run on files -------------------------------------------------------------- */

typedef struct temp_file {
    char dir[256], path[320];
} temp_file;

static void temp_file_make(temp_file *t, const char *name)
{
    const char *base = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/fx_test_package_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t->dir))
        fail_msg("mkdtemp(%s) failed", t->dir);
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
}

static void temp_file_remove(temp_file *t)
{
    unlink(t->path);
    rmdir(t->dir);
}

static void write_file(const char *path, const tu_buf *b)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    assert_int_equal(fclose(f), 0);
}

/* The source tree (for tests/tools), from FASTXLSX_SRCDIR or the current directory. */
static const char *srcdir(void)
{
    const char *s = getenv("FASTXLSX_SRCDIR");
    return s && *s ? s : ".";
}

static void run_ok(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0)
        fail_msg("%s: exit status %d", cmd, rc);
}

/* ---- the theme ----------------------------------------------------------------------- */

static void test_theme_part(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "A");
    tu_close_ok(wb);

    tu_buf theme = {0};
    tu_extract_part(&out, "xl/theme/theme1.xml", &theme);
    tu_assert_bytes_equal(theme.data, theme.len, fx_theme_xml, fx_theme_xml_len);
    assert_int_equal(fx_theme_xml_len, strlen(fx_theme_xml));
    /* The Office scheme's values that cells refer to. */
    tu_assert_contains(theme.data, theme.len,
                       "<a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
                       "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
                       "<a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2>");
    tu_assert_contains(theme.data, theme.len,
                       "<a:majorFont><a:latin typeface=\"Calibri Light\" panose=\"020F0302020204030204\"/>");
    tu_assert_contains(theme.data, theme.len,
                       "<a:minorFont><a:latin typeface=\"Calibri\" panose=\"020F0502020204030204\"/>");
    tu_buf_free(&theme);

    expect_part_contains(&out, "[Content_Types].xml",
                         "<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"" CT "theme+xml\"/>");
    expect_part(&out, "xl/_rels/workbook.xml.rels",
                XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                         "<Relationship Id=\"rId2\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
                         "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
                         "<Relationship Id=\"rId4\" Type=\"" REL "theme\" Target=\"theme/theme1.xml\"/>"
                         "</Relationships>");
    /* The default font as Excel writes Calibri 11: theme text colour, minor font. */
    expect_part_contains(&out, "xl/styles.xml",
                         "<fonts count=\"1\"><font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/>"
                         "<family val=\"2\"/><scheme val=\"minor\"/></font></fonts>");
    tu_buf_free(&out);
}

/* ---- calcPr ---------------------------------------------------------------------------- */

static void test_calcpr_only_for_uncached_formulas(void **state)
{
    (void)state;
    for (int uncached = 0; uncached <= 1; uncached++) {
        tu_buf out = {0};
        fast_workbook *wb = tu_callback_workbook(&out);
        add_sheet(wb, "F");
        fast_cells *c = fast_cells_new(4);
        assert_non_null(c);
        assert_int_equal(fast_cells_set_formula_number(c, 0, "1+1", 3, 2), FAST_OK);
        assert_int_equal(fast_cells_set_formula_string(c, 1, "\"a\"", 3, "a", 1), FAST_OK);
        assert_int_equal(fast_cells_set_formula_boolean(c, 2, "1>0", 3, 1), FAST_OK);
        tu_write_row(wb, c, 3);
        if (uncached) {
            assert_int_equal(fast_cells_set_formula(c, 3, "A1*2", 4), FAST_OK);
            tu_write_row(wb, c, 4);
        }
        fast_cells_free(c);
        tu_close_ok(wb);
        expect_part(&out, "xl/workbook.xml",
                    uncached ? WB_HEAD "<sheet name=\"F\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                                       "<calcPr fullCalcOnLoad=\"1\"/></workbook>"
                             : WB_HEAD "<sheet name=\"F\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        tu_buf_free(&out);
    }
}

/* ---- the selected tab -------------------------------------------------------------------- */

static void test_first_sheet_selected(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "One");
    add_sheet(wb, "Two");
    assert_int_equal(fast_workbook_freeze_panes(wb, 1, 0), FAST_OK);
    add_sheet(wb, "Three");
    tu_close_ok(wb);
    expect_part(&out, "xl/worksheets/sheet1.xml", SHEET_HEAD SELECTED "<sheetData></sheetData></worksheet>");
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
                           "activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" "
                           "activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
                           "<sheetData></sheetData></worksheet>");
    expect_part(&out, "xl/worksheets/sheet3.xml", SHEET_HEAD "<sheetData></sheetData></worksheet>");
    /* workbookView's activeTab is 0 by default (§18.2.30), which Excel leaves out too. */
    expect_part(&out, "xl/workbook.xml",
                WB_HEAD "<sheet name=\"One\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Two\" sheetId=\"2\" "
                        "r:id=\"rId2\"/><sheet name=\"Three\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>");

    /* With panes on the first sheet, the same sheetView carries both. */
    tu_buf out2 = {0};
    wb = tu_callback_workbook(&out2);
    add_sheet(wb, "P");
    assert_int_equal(fast_workbook_freeze_panes(wb, 0, 2), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out2, "xl/worksheets/sheet1.xml",
                SHEET_HEAD "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane xSplit=\"2\" "
                           "topLeftCell=\"C1\" activePane=\"topRight\" state=\"frozen\"/><selection "
                           "pane=\"topRight\" activeCell=\"C1\" sqref=\"C1\"/></sheetView></sheetViews>"
                           "<sheetData></sheetData></worksheet>");
    tu_buf_free(&out);
    tu_buf_free(&out2);
}

/* ---- internal links ------------------------------------------------------------------------ */

static void add_link(fast_workbook *wb, uint32_t row, uint32_t col, const char *sheet, const char *target)
{
    fast_status st = fast_workbook_add_internal_link(wb, row, col, sheet, sheet ? strlen(sheet) : 0, target,
                                                     target ? strlen(target) : 0);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_internal_link(%s, %s): %s", sheet ? sheet : "NULL", target ? target : "NULL",
                 fast_workbook_error_message(wb));
}

#define LOC(ref, loc) "<hyperlink ref=\"" ref "\" location=\"" loc "\"/>"

static void test_internal_links(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "My Sheet");
    add_link(wb, 0, 0, "Sheet2", "A1");                 /* plain name: no quotes */
    add_link(wb, 1, 0, "My Sheet", "B2:C3");            /* a space: quoted */
    add_link(wb, 2, 0, "Bob's", "$A$1");                /* apostrophe doubled */
    add_link(wb, 3, 0, "A1", "b7");                     /* reads as a cell: quoted; target upper-cased */
    add_link(wb, 4, 0, "r2c3", "A1");                   /* R1C1 form: quoted */
    add_link(wb, 5, 0, "True", "A1");                   /* a boolean: quoted */
    add_link(wb, 6, 0, "2024", "A1");                   /* leading digit: quoted */
    add_link(wb, 7, 0, "Donn\xC3\xA9" "es", "A1");      /* non-ASCII: quoted (harmless) */
    add_link(wb, 8, 0, "R&D <x>", "XFD1048576");        /* escaped in the attribute */
    add_link(wb, 9, 0, "_data.v2", "$C5:D$9");          /* letters, digits, _ and . need none */
    add_link(wb, 10, 0, "ABCD1", "A1");                 /* four letters are not a column */
    add_link(wb, 11, 0, NULL, NULL);                    /* this sheet, A1 */
    assert_int_equal(fast_workbook_add_hyperlink(wb, 12, 1, "https://example.com/", 20), FAST_OK);
    add_link(wb, 13, 0, "Sheet2", "A2");
    assert_int_equal(fast_workbook_add_hyperlink(wb, 14, 1, "mailto:a@b.c", 12), FAST_OK);
    add_sheet(wb, "Sheet2");
    add_link(wb, 0, 0, "My Sheet", "A1");
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<sheetData></sheetData><hyperlinks>"
                LOC("A1", "Sheet2!A1") LOC("A2", "'My Sheet'!B2:C3") LOC("A3", "'Bob''s'!$A$1")
                LOC("A4", "'A1'!B7") LOC("A5", "'r2c3'!A1") LOC("A6", "'True'!A1") LOC("A7", "'2024'!A1")
                LOC("A8", "'Donn\xC3\xA9" "es'!A1") LOC("A9", "'R&amp;D &lt;x&gt;'!XFD1048576")
                LOC("A10", "_data.v2!$C5:D$9") LOC("A11", "ABCD1!A1") LOC("A12", "'My Sheet'!A1")
                "<hyperlink ref=\"B13\" r:id=\"rId1\"/>" LOC("A14", "Sheet2!A2")
                "<hyperlink ref=\"B15\" r:id=\"rId2\"/></hyperlinks></worksheet>");
    /* Only the external links have relationships, numbered among themselves. */
    expect_part(&out, "xl/worksheets/_rels/sheet1.xml.rels",
                XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" REL "hyperlink\" Target=\"https://example.com/\" "
                         "TargetMode=\"External\"/>"
                         "<Relationship Id=\"rId2\" Type=\"" REL "hyperlink\" Target=\"mailto:a@b.c\" "
                         "TargetMode=\"External\"/></Relationships>");
    /* A sheet with internal links only has no relationships part. */
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<sheetData></sheetData><hyperlinks>" LOC("A1", "'My Sheet'!A1")
                           "</hyperlinks></worksheet>");
    assert_false(has_part(&out, "xl/worksheets/_rels/sheet2.xml.rels"));
    tu_buf_free(&out);
}

/* One call on a fresh workbook with a sheet: its status, and the message's start. */
static void expect_link_rejected(const char *sheet, size_t sheet_len, const char *target, size_t target_len,
                                 uint32_t row, fast_status want, const char *msg)
{
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    fast_status st = fast_workbook_add_internal_link(wb, row, 0, sheet, sheet_len, target, target_len);
    if (st != want)
        fail_msg("sheet %.*s target %.*s: status %d (%s), expected %d", (int)sheet_len, sheet ? sheet : "",
                 (int)target_len, target ? target : "", (int)st, fast_workbook_error_message(wb), (int)want);
    const char *m = fast_workbook_error_message(wb);
    if (!strstr(m, msg))
        fail_msg("message \"%s\" lacks \"%s\"", m, msg);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

static void test_internal_links_rejected(void **state)
{
    (void)state;
    const fast_status BAD = FAST_ERROR_INVALID_ARGUMENT, NAME = FAST_ERROR_SHEET_NAME;
    const char *targets[] = {"A0", "XFE1", "A1048577", "A1:", ":A1", "A1:B2:C3", "foo", "A", "1", "A 1", "$$A1",
                             "A1!", "A01", "Sheet1!A1"};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
        expect_link_rejected("S", 1, targets[i], strlen(targets[i]), 0, BAD, "is not a cell or range reference");
    expect_link_rejected("a:b", 3, "A1", 2, 0, NAME, "a character a sheet name cannot have at byte 2");
    expect_link_rejected("a[1]", 4, "A1", 2, 0, NAME, "at byte 2");
    expect_link_rejected("tab\there", 8, "A1", 2, 0, NAME, "at byte 4");
    expect_link_rejected("x\xEF\xBF\xBEy", 5, "A1", 2, 0, NAME, "at byte 2");  /* U+FFFE */
    expect_link_rejected("x\xEF\xBF\xBFy", 5, "A1", 2, 0, NAME, "at byte 2");  /* U+FFFF */
    expect_link_rejected("'quoted'", 8, "A1", 2, 0, NAME, "apostrophe");
    expect_link_rejected("", 0, "A1", 2, 0, NAME, "1..31");
    expect_link_rejected("0123456789012345678901234567890123", 32, "A1", 2, 0, NAME, "1..31");
    expect_link_rejected("bad\xC3", 4, "A1", 2, 0, FAST_ERROR_INVALID_UTF8, "invalid UTF-8 at byte 4");
    expect_link_rejected(NULL, 3, "A1", 2, 0, BAD, "NULL text");
    expect_link_rejected("S", 1, NULL, 2, 0, BAD, "NULL text");
    expect_link_rejected("S", 1, "A1", 2, FAST_MAX_ROWS, BAD, "cell out of range");

    /* No worksheet yet. */
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_add_internal_link(wb, 0, 0, "S", 1, "A1", 2), FAST_ERROR_STATE);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

/* Internal and external links share the per-sheet limit. */
static void test_internal_links_limit(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    for (uint32_t i = 0; i < FAST_MAX_HYPERLINKS; i++) {
        fast_status st = i % 2 ? fast_workbook_add_hyperlink(wb, i, 0, "https://a.b/", 12)
                               : fast_workbook_add_internal_link(wb, i, 0, "S", 1, "A1", 2);
        assert_int_equal(st, FAST_OK);
    }
    assert_int_equal(fast_workbook_add_internal_link(wb, 0, 1, "S", 1, "A1", 2), FAST_ERROR_HYPERLINK_LIMIT);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

/*
 * What Excel itself stored for the same inputs (test/functional/src) in files
 * of libxlsxwriter's test suite (test/functional/xlsx_files, made by Excel
 * 2007): the widths of set_column01.xlsx, the link locations of
 * hyperlink04.xlsx, the fonts of format01.xlsx (default and bold) and the
 * sheetView of simple01.xlsx.
 */
static void test_same_as_excel_made_files(void **state)
{
    (void)state;
    static const double widths[] = {0.08, 0.17, 0.25, 0.33, 0.42, 0.5,  0.58, 0.67, 0.75, 0.83, 0.92,
                                    1,    1.14, 1.29, 1.43, 1.57, 1.71, 1.86, 2,    2.14, 2.29, 2.43,
                                    2.57, 2.71, 2.86, 3,    8.57, 8.71, 8.86, 9,    9.14, 9.29};
    static const char *const excel[] = {
        "0.140625", "0.28515625", "0.42578125", "0.5703125", "0.7109375", "0.85546875", "1", "1.140625",
        "1.28515625", "1.42578125", "1.5703125", "1.7109375", "1.85546875", "2", "2.140625", "2.28515625",
        "2.42578125", "2.5703125", "2.7109375", "2.85546875", "3", "3.140625", "3.28515625", "3.42578125",
        "3.5703125", "3.7109375", "9.28515625", "9.42578125", "9.5703125", "9.7109375", "9.85546875", "10"};
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Sheet1");
    char want[4096] = "<cols>";
    for (uint32_t i = 0; i < 32; i++) {
        uint32_t col = i < 26 ? i : i + 1; /* A..Z, then AB..AG */
        assert_int_equal(fast_workbook_set_column_width(wb, col, col, widths[i]), FAST_OK);
        size_t k = strlen(want);
        snprintf(want + k, sizeof want - k, "<col min=\"%u\" max=\"%u\" width=\"%s\" customWidth=\"1\"/>",
                 (unsigned)col + 1, (unsigned)col + 1, excel[i]);
    }
    strcat(want, "</cols>");
    add_link(wb, 0, 0, "Sheet2", "A1");
    add_link(wb, 2, 0, "Sheet2", "A1:A5");
    add_link(wb, 4, 0, "Data Sheet", "D5");
    add_link(wb, 11, 4, "Sheet1", "J1");
    fast_format *bold = fast_workbook_add_format(wb);
    assert_non_null(bold);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_string(c, 0, "bold", 4), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 0, bold), FAST_OK);
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_part_contains(&out, "xl/styles.xml",
                         "<fonts count=\"2\"><font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/>"
                         "<family val=\"2\"/><scheme val=\"minor\"/></font><font><b/><sz val=\"11\"/>"
                         "<color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/>"
                         "</font></fonts>");
    expect_part_contains(&out, "xl/worksheets/sheet1.xml", SELECTED "<cols>");
    expect_part_contains(&out, "xl/worksheets/sheet1.xml", want);
    expect_part_contains(&out, "xl/worksheets/sheet1.xml",
                         "<hyperlinks>" LOC("A1", "Sheet2!A1") LOC("A3", "Sheet2!A1:A5")
                         LOC("A5", "'Data Sheet'!D5") LOC("E12", "Sheet1!J1") "</hyperlinks>");
    tu_buf_free(&out);
}

/* ---- ZIP64 from the local header on ------------------------------------------------------- */

static void test_zip64_setting(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_zip64(wb, 2), FAST_ERROR_INVALID_ARGUMENT);
    fast_workbook_free(wb);
    wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_zip64(wb, FAST_ZIP64_WORKSHEETS), FAST_OK);
    assert_int_equal(fast_workbook_set_zip64(wb, FAST_ZIP64_AS_NEEDED), FAST_OK);
    add_sheet(wb, "S");
    assert_int_equal(fast_workbook_set_zip64(wb, FAST_ZIP64_WORKSHEETS), FAST_ERROR_STATE);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

/* The worksheet entries of @pkg are ZIP64 from their local header on, the others classic. */
static void expect_zip64_worksheets(const tu_buf *pkg, size_t nsheets)
{
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, pkg->data, pkg->len), 0);
    assert_int_equal(z.has_zip64, 0); /* no ZIP64 end records: nothing needs them */
    size_t seen = 0;
    for (uint64_t i = 0; i < z.nentries; i++) {
        const tu_zip_entry *e = &z.entries[i];
        const unsigned char *lh = pkg->data + e->local_offset;
        int sheet = e->name_len > 19 && memcmp(e->name, "xl/worksheets/sheet", 19) == 0;
        seen += sheet;
        assert_int_equal(e->version_needed, sheet ? 45 : 20);
        assert_int_equal(tu_rd16(lh + 4), sheet ? 45 : 20);
        assert_int_equal(tu_rd32(lh + 18), sheet ? 0xFFFFFFFFu : 0);
        assert_int_equal(tu_rd32(lh + 22), sheet ? 0xFFFFFFFFu : 0);
        assert_int_equal(tu_rd16(lh + 28), sheet ? 20 : 0);
        assert_int_equal(e->version_made, sheet ? 45 : 20);
        assert_false(e->has_zip64_extra); /* the sizes fit: classic fields in the central directory */
        if (sheet) {
            static const unsigned char x[20] = {0x01, 0x00, 0x10, 0x00};
            assert_memory_equal(lh + 30 + e->name_len, x, sizeof x);
            const unsigned char *d = lh + 30 + e->name_len + 20 + e->csize;
            assert_int_equal(tu_rd32(d), TU_SIG_DESCRIPTOR);
            assert_int_equal(tu_rd64(d + 8), e->csize);
            assert_int_equal(tu_rd64(d + 16), e->usize);
        }
        tu_buf part = {0};
        assert_int_equal(tu_zip_extract(&z, (size_t)i, &part), 0);
        tu_buf_free(&part);
    }
    assert_int_equal(seen, nsheets);
    tu_zip_free(&z);
}

/* LibreOffice converts sheet 1 of @path to CSV in @dir/@base.csv, whose last line is @last. */
static void libreoffice_reads(const char *dir, const char *path, const char *base, const char *last)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && timeout 300 soffice --headless --norestore '-env:UserInstallation=file://%s/lo' "
             "--convert-to csv --outdir '%s' '%s' >lo.log 2>&1 && test \"$(tail -n 1 '%s/%s.csv')\" = '%s' "
             "|| { cat lo.log; exit 1; }; rm -rf lo lo.log '%s.csv'",
             dir, dir, dir, path, dir, base, last, base);
    run_ok(cmd);
}

static fast_workbook *zip64_workbook(fast_workbook *wb)
{
    assert_non_null(wb);
    assert_int_equal(fast_workbook_set_zip64(wb, FAST_ZIP64_WORKSHEETS), FAST_OK);
    add_sheet(wb, "Data");
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    for (int r = 0; r < 200; r++) {
        assert_int_equal(fast_cells_set_integer(c, 0, r), FAST_OK);
        assert_int_equal(fast_cells_set_string(c, 1, "text", 4), FAST_OK);
        assert_int_equal(fast_cells_set_number(c, 2, r * 0.5), FAST_OK);
        tu_write_row(wb, c, 3);
    }
    fast_cells_free(c);
    add_sheet(wb, "Empty");
    return wb;
}

static void test_zip64_worksheets(void **state)
{
    (void)state;
    char cmd[8192];
    /* A stream (callback): the sizes are unknown when each local header goes out. */
    for (int level = 0; level <= 1; level++) {
        tu_buf out = {0};
        fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
        assert_non_null(wb);
        assert_int_equal(fast_workbook_set_compression_level(wb, level), FAST_OK);
        tu_close_ok(zip64_workbook(wb));
        expect_zip64_worksheets(&out, 2);
        /* With workers: the same records, and the same bytes for any number of them. */
        tu_buf threaded[2] = {{0}, {0}};
        for (int k = 0; k < 2; k++) {
            wb = fast_workbook_new_callback(tu_write_all, &threaded[k]);
            assert_non_null(wb);
            assert_int_equal(fast_workbook_set_compression_level(wb, level), FAST_OK);
            assert_int_equal(fast_workbook_set_threads(wb, k ? 5 : 2), FAST_OK);
            tu_close_ok(zip64_workbook(wb));
        }
        expect_zip64_worksheets(&threaded[0], 2);
        tu_assert_bytes_equal(threaded[1].data, threaded[1].len, threaded[0].data, threaded[0].len);
        tu_buf_free(&threaded[0]);
        tu_buf_free(&threaded[1]);
        temp_file t;
        temp_file_make(&t, "stream.xlsx");
        write_file(t.path, &out);
        snprintf(cmd, sizeof cmd,
                 "/usr/bin/python3 '%s/tests/tools/zipcheck.py' --stream --zip64-worksheets '%s' >/dev/null && "
                 "unzip -tqq '%s' && bash '%s/tests/tools/validate-xlsx' -x -q '%s' >/dev/null && "
                 "/usr/bin/python3 -c 'import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1])[\"Data\"]; "
                 "assert ws.max_row == 200 and ws[\"C200\"].value == 99.5, ws.max_row' '%s'",
                 srcdir(), t.path, t.path, srcdir(), t.path, t.path);
        run_ok(cmd);
        if (level == 1) /* LibreOffice opens it (it rejects central ZIP64 extra fields small sizes do not need) */
            libreoffice_reads(t.dir, t.path, "stream", "199,text,99.5");
        /* The default writes no ZIP64 record for the same workbook. */
        snprintf(cmd, sizeof cmd, "! /usr/bin/python3 '%s/tests/tools/zipcheck.py' --stream '%s' >/dev/null 2>&1",
                 srcdir(), t.path);
        run_ok(cmd);
        temp_file_remove(&t);
        tu_buf_free(&out);
    }
    /* A file: the same form (nothing is patched afterwards). */
    temp_file t;
    temp_file_make(&t, "file.xlsx");
    tu_close_ok(zip64_workbook(fast_workbook_new(t.path)));
    tu_buf file = {0};
    assert_int_equal(tu_read_file(t.path, &file), 0);
    expect_zip64_worksheets(&file, 2);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s/tests/tools/zipcheck.py' --zip64-worksheets '%s' >/dev/null && "
                              "unzip -tqq '%s'", srcdir(), t.path, t.path);
    run_ok(cmd);
    temp_file_remove(&t);
    tu_buf_free(&file);
}

/* ---- one workbook with all of it, read by independent tools ------------------------------------- */

static void test_excel_like_workbook_read_back(void **state)
{
    (void)state;
    temp_file t;
    temp_file_make(&t, "excel.xlsx");
    fast_workbook *wb = fast_workbook_new(t.path);
    assert_non_null(wb);
    fast_format *bold = fast_workbook_add_format(wb);
    assert_non_null(bold);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    add_sheet(wb, "Index");
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 0, 12), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 1, 1, 0.5), FAST_OK);
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_string(c, 0, "to the data", 11), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 0, bold), FAST_OK);
    assert_int_equal(fast_cells_set_formula_number(c, 1, "1+1", 3, 2), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 2, "web", 3), FAST_OK);
    tu_write_row(wb, c, 3);
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_string(c, 0, "to Bob's", 8), FAST_OK);
    tu_write_row(wb, c, 1);
    add_link(wb, 0, 0, "My Data", "B2");
    add_link(wb, 1, 0, "Bob's", "A1:B2");
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 2, "https://example.com/", 20), FAST_OK);
    add_sheet(wb, "My Data");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 5), FAST_OK);
    assert_int_equal(fast_cells_set_string(c, 0, "twelve chars", 12), FAST_OK);
    tu_write_row(wb, c, 1);
    add_link(wb, 0, 1, NULL, NULL);
    add_sheet(wb, "Bob's");
    fast_cells_free(c);
    tu_close_ok(wb);

    char cmd[8192];
    snprintf(cmd, sizeof cmd, "bash '%s/tests/tools/validate-xlsx' -x -q '%s' >/dev/null && "
                              "/usr/bin/python3 '%s/tests/tools/zipcheck.py' '%s' >/dev/null",
             srcdir(), t.path, srcdir(), t.path);
    run_ok(cmd);
    /* openpyxl: link locations, stored widths, the selected tab, the theme and fonts. */
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 - '%s' <<'EOF'\n"
             "import sys, openpyxl\n"
             "wb = openpyxl.load_workbook(sys.argv[1])\n"
             "ix, data, bob = wb['Index'], wb['My Data'], wb[\"Bob's\"]\n"
             "got = [(ix['A1'].hyperlink.location, ix['A1'].hyperlink.target),\n"
             "       (ix['A2'].hyperlink.location, ix['A2'].hyperlink.target),\n"
             "       (ix['C1'].hyperlink.location, ix['C1'].hyperlink.target),\n"
             "       (data['B1'].hyperlink.location, data['B1'].hyperlink.target)]\n"
             "want = [(\"'My Data'!B2\", None), (\"'Bob''s'!A1:B2\", None), (None, 'https://example.com/'),\n"
             "        (\"'My Data'!A1\", None)]\n"
             "assert got == want, got\n"
             "assert ix.column_dimensions['A'].width == 12.7109375, ix.column_dimensions['A'].width\n"
             "assert ix.column_dimensions['B'].width == 0.85546875, ix.column_dimensions['B'].width\n"
             "assert data.column_dimensions['A'].width > 12, data.column_dimensions['A'].width\n"
             "sel = [ws.sheet_view.tabSelected for ws in wb]\n"
             "assert sel == [True, None, None], sel\n"
             "assert wb.active.title == 'Index', wb.active.title\n"
             "assert b'<a:clrScheme name=\"Office\">' in wb.loaded_theme, wb.loaded_theme[:200]\n"
             "f = ix['A1'].font\n"
             "assert (f.name, f.sz, f.b, f.scheme, f.color.theme) == ('Calibri', 11, True, 'minor', 1), f\n"
             "f = ix['A2'].font\n"
             "assert (f.b, f.scheme, f.color.theme) == (False, 'minor', 1), f\n"
             "assert ix['B1'].value == '=1+1', ix['B1'].value\n"
             "EOF",
             t.path);
    run_ok(cmd);
    temp_file_remove(&t);
}

/* [Content_Types].xml is the last entry and names every part written, worksheets
 * included, once each, and nothing else; the first entry is the first worksheet
 * (libmagic tells an .xlsx by a first entry under xl/: lib/package.c). */
static void test_content_types_last(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    add_sheet(wb, "One");
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 0, "https://example.com/", 20), FAST_OK);
    add_sheet(wb, "Two");
    tu_close_ok(wb);
    expect_part(&out, "[Content_Types].xml",
                XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" CT "spreadsheetml.worksheet+xml\"/>"
                "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"" CT "spreadsheetml.worksheet+xml\"/>"
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" CT "spreadsheetml.sheet.main+xml\"/>"
                "<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"" CT "theme+xml\"/>"
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"" CT "spreadsheetml.styles+xml\"/>"
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" CT "spreadsheetml.sharedStrings+xml\"/>"
                "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                "<Override PartName=\"/docProps/app.xml\" ContentType=\"" CT "extended-properties+xml\"/>"
                "</Types>");
    static const char *const order[] = {
        "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/worksheets/sheet2.xml",
        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/theme/theme1.xml", "xl/styles.xml",
        "xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml", "_rels/.rels", "[Content_Types].xml"};
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
    assert_int_equal(z.nentries, sizeof order / sizeof order[0]);
    for (size_t i = 0; i < z.nentries; i++)
        tu_assert_str_bytes(z.entries[i].name, z.entries[i].name_len, order[i]);
    tu_zip_free(&z);
    tu_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_theme_part),
        cmocka_unit_test(test_content_types_last),
        cmocka_unit_test(test_calcpr_only_for_uncached_formulas),
        cmocka_unit_test(test_first_sheet_selected),
        cmocka_unit_test(test_internal_links),
        cmocka_unit_test(test_internal_links_rejected),
        cmocka_unit_test(test_internal_links_limit),
        cmocka_unit_test(test_same_as_excel_made_files),
        cmocka_unit_test(test_zip64_setting),
        cmocka_unit_test(test_zip64_worksheets),
        cmocka_unit_test(test_excel_like_workbook_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
