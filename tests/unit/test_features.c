/*
 * test_features.c - dates, formulas, worksheet features, continuation sheets and
 * document properties through the public API, checked on the exact XML of the
 * parts (read back from a stored package written through a callback) and on the
 * exact statuses and messages of the failures:
 *
 *  - date and date-time serials in the 1900 date system (ECMA-376 Part 1
 *    §18.17.4.1), the fictitious 1900-02-29, the range 1900..9999, invalid dates
 *    and times, POSIX time, and the default yyyy-mm-dd (hh:mm:ss) formats;
 *  - formulas with and without cached values (§18.3.1.40 f, §18.3.1.96 v) and
 *    calcPr fullCalcOnLoad in xl/workbook.xml;
 *  - sheetViews/pane (§18.3.1.66), cols (§18.3.1.13), autofit, autoFilter
 *    (§18.3.1.2) with _xlnm._FilterDatabase, mergeCells (§18.3.1.55),
 *    hyperlinks (§18.3.1.47) and their relationships, row formats and heights,
 *    in the order CT_Worksheet prescribes (§18.3.1.99);
 *  - the call-order rules (FAST_ERROR_TOO_LATE, FAST_ERROR_STATE) and argument
 *    ranges;
 *  - continuation sheets ("NAME (2)", ...) and the row-limit policy;
 *  - docProps/core.xml and docProps/app.xml;
 *  - one rich workbook validated against the schemas by tests/tools/validate-xlsx.
 */
#include "testutil.h"

#include <math.h>
#include <unistd.h>

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define SHEET_HEAD                                                                    \
    XML_DECL                                                                          \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
#define SHEET_END "</worksheet>"
/* The first sheet is the selected tab, as Excel saves it (§18.3.1.87 tabSelected). */
#define SELECTED "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"
#define WB_HEAD                                                                      \
    XML_DECL                                                                         \
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
    "<bookViews><workbookView/></bookViews><sheets>"
#define SST_HEAD \
    XML_DECL "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define RELS_HEAD XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define HYPERLINK_REL "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\""
#define CORE_HEAD                                                                                     \
    XML_DECL                                                                                          \
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "      \
    "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
#define CORE_END "</cp:coreProperties>"
#define APP_HEAD                                                                                        \
    XML_DECL                                                                                            \
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "  \
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"               \
    "<Application>fastxlsx</Application>"
#define APP_END "</Properties>"

#define TOO_LATE_TAIL                                                                              \
    "already has rows; this must come before its first row, because it is written before the rows " \
    "(ECMA-376 Part 1 \xC2\xA7" "18.3.1.99)"

/* ---- reading the package back ------------------------------------------------------- */

/* The column index of the letters at @p (A = 0). */
static unsigned long col_index(const char *p)
{
    unsigned long v = 0;
    while (*p >= 'A' && *p <= 'Z')
        v = v * 26 + (unsigned long)(*p++ - 'A' + 1);
    return v - 1;
}

/* "<NAME" at @p followed by the end of the name. */
static int is_tag(const char *p, const char *name)
{
    size_t n = strlen(name);
    return strncmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '>' || p[n] == '/');
}

/*
 * Copy the worksheet XML @in to @out with every implied reference written out,
 * so that the expected XML does not depend on whether the writer leaves out the
 * references a reader can infer: a <row> without r is the row after the previous
 * one (§18.3.1.73), a <c> without r the column after the previous cell of its
 * row, column A for the first (§18.3.1.4). A reference left out where it cannot
 * be inferred shows up as a wrong reference.
 */
static void normalize_refs(const tu_buf *in, tu_buf *out)
{
    const char *s = (const char *)in->data, *end = s + in->len;
    const char *p = strstr(s, "<sheetData>");
    const char *stop = p ? strstr(p, "</sheetData>") : NULL;
    if (!p || !stop) {
        tu_buf_append(out, s, in->len);
        return;
    }
    p += 11;
    tu_buf_append(out, s, (size_t)(p - s));
    unsigned long row = 0, next_col = 0;
    while (p < stop) {
        const char *lt = memchr(p, '<', (size_t)(stop - p));
        if (!lt)
            lt = stop;
        tu_buf_append(out, p, (size_t)(lt - p));
        p = lt;
        if (p == stop)
            break;
        const char *gt = memchr(p, '>', (size_t)(stop - p));
        assert_non_null(gt);
        size_t taglen = (size_t)(gt + 1 - p);
        const char *r = NULL;
        for (const char *q = p; q + 4 <= gt; q++)
            if (memcmp(q, " r=\"", 4) == 0) {
                r = q + 4;
                break;
            }
        char ref[40];
        if (is_tag(p, "<row")) {
            row = r ? strtoul(r, NULL, 10) : row + 1;
            next_col = 0;
            if (r) {
                tu_buf_append(out, p, taglen);
            } else {
                int n = snprintf(ref, sizeof ref, "<row r=\"%lu\"", row);
                tu_buf_append(out, ref, (size_t)n);
                tu_buf_append(out, p + 4, taglen - 4);
            }
            p = gt + 1;
        } else if (is_tag(p, "<c")) {
            if (r) {
                next_col = col_index(r) + 1;
                tu_buf_append(out, p, taglen);
            } else {
                char letters[8], rev[8];
                size_t k = 0;
                unsigned long v = next_col + 1;
                while (v) {
                    rev[k++] = (char)('A' + (v - 1) % 26);
                    v = (v - 1) / 26;
                }
                for (size_t j = 0; j < k; j++)
                    letters[j] = rev[k - 1 - j];
                letters[k] = 0;
                int n = snprintf(ref, sizeof ref, "<c r=\"%s%lu\"", letters, row);
                tu_buf_append(out, ref, (size_t)n);
                tu_buf_append(out, p + 2, taglen - 2);
                next_col++;
            }
            p = gt + 1;
        } else {
            tu_buf_append(out, p, 1);
            p++;
        }
    }
    tu_buf_append(out, stop, (size_t)(end - stop));
}

/* The uncompressed content of part @name of the package @pkg (NUL-terminated);
 * worksheets with their cell references written out (normalize_refs()). */
static void extract_part(const tu_buf *pkg, const char *name, tu_buf *out)
{
    if (strncmp(name, "xl/worksheets/sheet", 19) == 0) {
        tu_buf raw = {0};
        tu_extract_part(pkg, name, &raw);
        normalize_refs(&raw, out);
        tu_buf_free(&raw);
        if (!out->data)
            tu_buf_append(out, "", 0);
        return;
    }
    tu_extract_part(pkg, name, out);
}

static int has_part(const tu_buf *pkg, const char *name)
{
    tu_zip z;
    if (tu_zip_parse(&z, pkg->data, pkg->len) != 0)
        fail_msg("the package is not a readable ZIP: %s", z.error);
    long i = tu_zip_find(&z, name);
    tu_zip_free(&z);
    return i >= 0;
}

static void expect_part(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    extract_part(pkg, name, &part);
    if (part.len != strlen(want) || memcmp(part.data, want, part.len) != 0)
        print_message("part %s:\n got: %s\nwant: %s\n", name, (const char *)part.data, want);
    tu_assert_str_bytes(part.data, part.len, want);
    tu_buf_free(&part);
}

/* Part @name must equal the text accumulated in @want. */
static void expect_part_buf(const tu_buf *pkg, const char *name, const tu_buf *want)
{
    expect_part(pkg, name, want->data ? (const char *)want->data : "");
}

#if defined(__GNUC__)
#define TEST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TEST_PRINTF(a, b)
#endif

/* Append printf-formatted text to @b. */
static void buf_printf(tu_buf *b, const char *fmt, ...) TEST_PRINTF(2, 3);

/* ---- workbooks ------------------------------------------------------------------------ */


static void add_sheet(fast_workbook *wb, const char *name)
{
    fast_status st = fast_workbook_add_worksheet(wb, name, strlen(name));
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_worksheet(%s): %d %s", name, (int)st, fast_workbook_error_message(wb));
}

static void expect_message(const fast_workbook *wb, const char *want)
{
    assert_string_equal(fast_workbook_error_message(wb), want);
}

/* @got is @status, a failure that changed nothing: the message is @msg and the
 * workbook stays usable (its status is FAST_OK). */
static void expect_failure(const fast_workbook *wb, fast_status got, fast_status status, const char *msg)
{
    if (got != status)
        fail_msg("status %d (%s), expected %d; message: %s", (int)got, fast_strerror(got), (int)status,
                 fast_workbook_error_message(wb));
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    if (msg)
        expect_message(wb, msg);
}

static void set_str(fast_cells *c, size_t i, const char *s)
{
    assert_int_equal(fast_cells_set_string(c, i, s, strlen(s)), FAST_OK);
}

static void buf_printf(tu_buf *b, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof tmp);
    tu_buf_append(b, tmp, (size_t)n);
}

/* ---- cells and styles in the XML --------------------------------------------------------- */

/* The element of cell @ref in the sheet XML @sheet, copied NUL-terminated into @out. */
static void cell_xml(const tu_buf *sheet, const char *ref, char *out, size_t cap)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    long at = tu_find(sheet->data, sheet->len, key, strlen(key));
    if (at < 0)
        fail_msg("no cell %s in %s", ref, (const char *)sheet->data);
    const char *p = (const char *)sheet->data + at;
    const char *gt = strchr(p, '>');
    assert_non_null(gt);
    const char *end = gt[-1] == '/' ? gt + 1 : strstr(p, "</c>");
    assert_non_null(end);
    if (gt[-1] != '/')
        end += 4;
    size_t n = (size_t)(end - p);
    assert_true(n < cap);
    memcpy(out, p, n);
    out[n] = 0;
}

/* The <v> text of cell @ref. */
static void cell_value(const tu_buf *sheet, const char *ref, char *out, size_t cap)
{
    char c[512];
    cell_xml(sheet, ref, c, sizeof c);
    const char *v = strstr(c, "<v>"), *e = strstr(c, "</v>");
    if (!v || !e)
        fail_msg("cell %s has no value: %s", ref, c);
    v += 3;
    assert_true((size_t)(e - v) < cap);
    memcpy(out, v, (size_t)(e - v));
    out[e - v] = 0;
}

/* The s attribute of cell @ref (0 when absent). */
static unsigned cell_style(const tu_buf *sheet, const char *ref)
{
    char c[512];
    cell_xml(sheet, ref, c, sizeof c);
    char *gt = strchr(c, '>');
    *gt = 0;
    const char *s = strstr(c, " s=\"");
    return s ? (unsigned)strtoul(s + 4, NULL, 10) : 0u;
}

/*
 * The number format of cellXfs entry @xf in xl/styles.xml @styles: returns its
 * numFmtId and copies the formatCode of the matching custom <numFmt> into @code
 * ("" for a built-in id without one).
 */
static unsigned xf_numfmt(const tu_buf *styles, unsigned xf, char *code, size_t cap)
{
    const char *p = strstr((const char *)styles->data, "<cellXfs");
    if (!p)
        fail_msg("no cellXfs in %s", (const char *)styles->data);
    for (unsigned i = 0; i <= xf; i++) {
        p = strstr(p + 1, "<xf ");
        if (!p)
            fail_msg("cellXfs has no entry %u", xf);
    }
    const char *id = strstr(p, "numFmtId=\"");
    assert_non_null(id);
    unsigned numfmt = (unsigned)strtoul(id + 10, NULL, 10);
    char key[64];
    snprintf(key, sizeof key, "<numFmt numFmtId=\"%u\" formatCode=\"", numfmt);
    const char *f = strstr((const char *)styles->data, key);
    code[0] = 0;
    if (f) {
        f += strlen(key);
        const char *q = strchr(f, '"');
        assert_non_null(q);
        assert_true((size_t)(q - f) < cap);
        memcpy(code, f, (size_t)(q - f));
        code[q - f] = 0;
    }
    return numfmt;
}

/* Cell @ref's format shows the number format @want. Returns the numFmtId. */
static unsigned expect_cell_numfmt(const tu_buf *pkg, const tu_buf *sheet, const char *ref, const char *want)
{
    tu_buf styles = {0};
    extract_part(pkg, "xl/styles.xml", &styles);
    char code[300];
    unsigned id = xf_numfmt(&styles, cell_style(sheet, ref), code, sizeof code);
    if (strcmp(code, want) != 0)
        fail_msg("cell %s: xf %u has numFmtId %u with code \"%s\", expected \"%s\"", ref, cell_style(sheet, ref),
                 id, code, want);
    tu_buf_free(&styles);
    return id;
}

/* The significant digits of a decimal number's text. */
static int significant_digits(const char *t)
{
    const char *p = t;
    if (*p == '-')
        p++;
    while (*p == '0' || *p == '.')
        p++;
    int n = 0, zeros = 0;
    for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
        if (*p == '.')
            continue;
        if (*p == '0') {
            zeros++;
        } else {
            n += zeros + 1;
            zeros = 0;
        }
    }
    return n;
}

/* @text reads back as exactly @want and is the shortest text that does. */
static void expect_shortest_double(const char *text, double want)
{
    char *end;
    double got = strtod(text, &end);
    if (*end != 0)
        fail_msg("\"%s\" is not a number", text);
    if (got != want)
        fail_msg("\"%s\" reads as %.17g, expected %.17g", text, got, want);
    int p;
    char buf[64];
    for (p = 1; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, want);
        if (strtod(buf, NULL) == want)
            break;
    }
    if (significant_digits(text) != p)
        fail_msg("\"%s\" has %d significant digits; the shortest round trip of %.17g has %d", text,
                 significant_digits(text), want, p);
}

/* The exact serial of day @day plus @ms milliseconds, correctly rounded to a double
 * (the numerator is an integer below 2^53, so one division rounds once). */
static double serial_of(int64_t day, int64_t ms)
{
    return (double)(day * 86400000 + ms) / 86400000.0;
}

/* ======================================================================================
 * 1. Dates
 * ==================================================================================== */

typedef struct date_case {
    int y, m, d;
    const char *serial;
} date_case;

static const date_case good_dates[] = {
    {1900, 1, 1, "1"},       {1900, 1, 31, "31"},      {1900, 2, 28, "59"},
    {1900, 3, 1, "61"},      {1900, 12, 31, "366"},    {1901, 1, 1, "367"},
    {1970, 1, 1, "25569"},   {2000, 2, 29, "36585"},   {2024, 2, 29, "45351"},
    {9999, 12, 31, "2958465"},
};

static void test_date_serials(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Dates");
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    tu_buf want = {0};
    buf_printf(&want, "%s", SHEET_HEAD SELECTED "<sheetData>");
    size_t n = sizeof good_dates / sizeof good_dates[0];
    for (size_t i = 0; i < n; i++) {
        const date_case *dc = &good_dates[i];
        assert_int_equal(fast_cells_set_date(c, 0, dc->y, dc->m, dc->d), FAST_OK);
        tu_write_row(wb, c, 1);
        buf_printf(&want, "<row r=\"%zu\"><c r=\"A%zu\" s=\"1\"><v>%s</v></c></row>", i + 1, i + 1, dc->serial);
    }
    buf_printf(&want, "%s", "</sheetData>" SHEET_END);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part_buf(&out, "xl/worksheets/sheet1.xml", &want);
    /* xf 1: numFmt 164, the custom format yyyy-mm-dd. */
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    assert_int_equal(cell_style(&sheet, "A1"), 1);
    assert_int_equal(expect_cell_numfmt(&out, &sheet, "A1", "yyyy-mm-dd"), 164);
    tu_buf styles = {0};
    extract_part(&out, "xl/styles.xml", &styles);
    tu_assert_contains(styles.data, styles.len,
                       "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>");
    tu_buf_free(&styles);
    tu_buf_free(&sheet);
    tu_buf_free(&want);
    tu_buf_free(&out);
}

/* Date-times: exact text where the fraction is a short binary one, otherwise the
 * shortest text of the correctly rounded double. */
static void test_datetime_serials(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Times");
    fast_cells *c = fast_cells_new(6);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_datetime(c, 0, 2024, 1, 1, 12, 0, 0, 0), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 1, 2024, 1, 1, 6, 0, 0, 0), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 2, 2024, 1, 1, 0, 0, 0, 1), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 3, 2024, 1, 1, 23, 59, 59, 999), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 4, 2024, 1, 1, 0, 0, 0, 0), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 5, 1900, 2, 28, 18, 0, 0, 0), FAST_OK);
    tu_write_row(wb, c, 6);
    fast_cells_free(c);
    tu_close_ok(wb);

    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len,
                       "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>45292.5</v></c>"
                       "<c r=\"B1\" s=\"1\"><v>45292.25</v></c>");
    tu_assert_contains(sheet.data, sheet.len,
                       "<c r=\"E1\" s=\"1\"><v>45292</v></c><c r=\"F1\" s=\"1\"><v>59.75</v></c></row></sheetData>");
    char v[64];
    cell_value(&sheet, "C1", v, sizeof v);
    expect_shortest_double(v, serial_of(45292, 1));
    assert_true(strtod(v, NULL) > 45292.0);
    cell_value(&sheet, "D1", v, sizeof v);
    expect_shortest_double(v, serial_of(45292, 86399999));
    assert_true(strtod(v, NULL) < 45293.0);
    assert_int_equal(cell_style(&sheet, "C1"), 1);
    assert_int_equal(cell_style(&sheet, "D1"), 1);
    expect_cell_numfmt(&out, &sheet, "A1", "yyyy-mm-dd hh:mm:ss");
    tu_buf_free(&sheet);
    tu_buf_free(&out);
}

/*
 * The serial of a date-time must be the double nearest the exact value
 * day + ms / 86400000. 2024-01-01 17:04:09.179 is 45292 + 61449179/86400000 =
 * 45292.711217349537..., nearest double 45292.71121734953; adding the day and the
 * separately rounded fraction gives 45292.71121734954 (one unit in the last place off).
 */
static void test_datetime_serial_correctly_rounded(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Times");
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_datetime(c, 0, 2024, 1, 1, 17, 4, 9, 179), FAST_OK);
    /* The same instant as POSIX time: 2024-01-01 is 19723 days after 1970-01-01. */
    assert_int_equal(fast_cells_set_unix_time(c, 1, 19723LL * 86400 + 61449, 179), FAST_OK);
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    tu_close_ok(wb);
    /* Everything is released before the checks, so a failure leaks nothing. */
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    char a1[64], b1[64];
    cell_value(&sheet, "A1", a1, sizeof a1);
    cell_value(&sheet, "B1", b1, sizeof b1);
    tu_buf_free(&sheet);
    tu_buf_free(&out);
    expect_shortest_double(a1, serial_of(45292, 61449179));
    expect_shortest_double(b1, serial_of(45292, 61449179));
}

static void test_unix_time(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Unix");
    fast_cells *c = fast_cells_new(9);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_unix_time(c, 0, 0, 0), FAST_OK);
    assert_int_equal(fast_cells_set_unix_time(c, 1, 86399, 500), FAST_OK);
    assert_int_equal(fast_cells_set_unix_time(c, 2, -86400, 0), FAST_OK);
    assert_int_equal(fast_cells_set_unix_time(c, 3, 1700000000, 0), FAST_OK);
    assert_int_equal(fast_cells_set_unix_time(c, 4, -2208988800LL, 0), FAST_OK);      /* 1900-01-01 */
    assert_int_equal(fast_cells_set_unix_time(c, 5, -2203977600LL + 43200, 0), FAST_OK); /* 1900-02-28 12:00 */
    assert_int_equal(fast_cells_set_unix_time(c, 6, -2203891200LL, 0), FAST_OK);      /* 1900-03-01 */
    assert_int_equal(fast_cells_set_unix_time(c, 7, 253402300799LL, 999), FAST_OK);   /* 9999-12-31 23:59:59.999 */
    assert_int_equal(fast_cells_set_unix_time(c, 8, -1, 0), FAST_OK);                /* 1969-12-31 23:59:59 */
    tu_write_row(wb, c, 9);
    fast_cells_free(c);
    tu_close_ok(wb);

    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"A1\" s=\"1\"><v>25569</v></c>");
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"C1\" s=\"1\"><v>25568</v></c>");
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"E1\" s=\"1\"><v>1</v></c>");
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"F1\" s=\"1\"><v>59.5</v></c>");
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"G1\" s=\"1\"><v>61</v></c>");
    char v[64];
    cell_value(&sheet, "B1", v, sizeof v);
    expect_shortest_double(v, serial_of(25569, 86399500));
    /* 1700000000 = 19675 days and 80000 s after 1970-01-01: 2023-11-14 22:13:20. */
    cell_value(&sheet, "D1", v, sizeof v);
    expect_shortest_double(v, serial_of(25569 + 19675, 80000000));
    cell_value(&sheet, "H1", v, sizeof v);
    expect_shortest_double(v, serial_of(2958465, 86399999));
    cell_value(&sheet, "I1", v, sizeof v);
    expect_shortest_double(v, serial_of(25568, 86399000));
    expect_cell_numfmt(&out, &sheet, "A1", "yyyy-mm-dd hh:mm:ss");
    tu_buf_free(&sheet);
    tu_buf_free(&out);
}

/* Dates without a format get yyyy-mm-dd, date-times yyyy-mm-dd hh:mm:ss, also when
 * their format has no number format; a format's own number format wins. */
static void test_date_default_formats(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Formats");
    fast_format *bold = fast_workbook_add_format(wb);
    fast_format *custom = fast_workbook_add_format(wb);
    assert_non_null(bold);
    assert_non_null(custom);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    assert_int_equal(fast_format_set_num_format(custom, "d mmm yyyy", 10), FAST_OK);
    fast_cells *c = fast_cells_new(6);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_date(c, 0, 2024, 2, 29), FAST_OK);
    assert_int_equal(fast_cells_set_date(c, 1, 2024, 2, 29), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 1, bold), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 2, 2024, 2, 29, 1, 2, 3, 0), FAST_OK);
    assert_int_equal(fast_cells_set_datetime(c, 3, 2024, 2, 29, 1, 2, 3, 0), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 3, bold), FAST_OK);
    assert_int_equal(fast_cells_set_date(c, 4, 2024, 2, 29), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 4, custom), FAST_OK);
    assert_int_equal(fast_cells_set_number(c, 5, 2.5), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 5, bold), FAST_OK);
    tu_write_row(wb, c, 6);
    fast_cells_free(c);
    tu_close_ok(wb);

    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    assert_int_equal(expect_cell_numfmt(&out, &sheet, "A1", "yyyy-mm-dd"), 164);
    expect_cell_numfmt(&out, &sheet, "B1", "yyyy-mm-dd");
    expect_cell_numfmt(&out, &sheet, "C1", "yyyy-mm-dd hh:mm:ss");
    expect_cell_numfmt(&out, &sheet, "D1", "yyyy-mm-dd hh:mm:ss");
    expect_cell_numfmt(&out, &sheet, "E1", "d mmm yyyy");
    /* A plain bold number keeps General. */
    tu_buf styles = {0};
    extract_part(&out, "xl/styles.xml", &styles);
    char code[64];
    assert_int_equal(xf_numfmt(&styles, cell_style(&sheet, "F1"), code, sizeof code), 0);
    /* Bold date and plain date are different xfs; the bold ones use the bold font. */
    assert_int_not_equal(cell_style(&sheet, "A1"), cell_style(&sheet, "B1"));
    assert_int_not_equal(cell_style(&sheet, "C1"), cell_style(&sheet, "D1"));
    tu_buf_free(&styles);
    tu_buf_free(&sheet);
    tu_buf_free(&out);
}

/* A value rejected when its row is written. */
enum { BAD_DATE, BAD_DATETIME, BAD_UNIX };
typedef struct bad_value {
    int kind;
    int y, m, d, h, mi, s, ms;
    int64_t unix_seconds;
    const char *why; /* the message after "sheet 'Dates', row 2, column C: " */
} bad_value;

static void expect_rejected(const bad_value *b)
{
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Dates");
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_date(c, 0, 2024, 1, 1), FAST_OK);
    tu_write_row(wb, c, 1);
    assert_int_equal(fast_cells_set_number(c, 1, 1), FAST_OK);
    switch (b->kind) {
    case BAD_DATE:
        assert_int_equal(fast_cells_set_date(c, 2, b->y, b->m, b->d), FAST_OK);
        break;
    case BAD_DATETIME:
        assert_int_equal(fast_cells_set_datetime(c, 2, b->y, b->m, b->d, b->h, b->mi, b->s, b->ms), FAST_OK);
        break;
    default:
        assert_int_equal(fast_cells_set_unix_time(c, 2, b->unix_seconds, b->ms), FAST_OK);
        break;
    }
    char msg[256];
    snprintf(msg, sizeof msg, "sheet 'Dates', row 2, column C: %s", b->why);
    fast_status st = fast_workbook_write_row(wb, c, 3);
    expect_failure(wb, st, FAST_ERROR_INVALID_DATE, msg);
    /* Not sticky: the row was not written; the next one is, as row 2. */
    assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK);
    expect_message(wb, msg);
    tu_close_ok(wb);
    tu_buf sheet = {0};
    tu_extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len, "<row r=\"2\">");
    tu_assert_not_contains(sheet.data, sheet.len, "<row r=\"3\"");
    tu_buf_free(&sheet);
    fast_cells_free(c);
    tu_buf_free(&out);
}

static void test_dates_rejected(void **state)
{
    (void)state;
    static const bad_value cases[] = {
        {BAD_DATE, 1900, 2, 29, 0, 0, 0, 0, 0, "invalid date 1900-02-29"},
        {BAD_DATE, 1899, 12, 31, 0, 0, 0, 0, 0, "date 1899-12-31 is outside 1900-01-01..9999-12-31"},
        {BAD_DATE, 10000, 1, 1, 0, 0, 0, 0, 0, "date 10000-01-01 is outside 1900-01-01..9999-12-31"},
        {BAD_DATE, 2023, 2, 30, 0, 0, 0, 0, 0, "invalid date 2023-02-30"},
        {BAD_DATE, 2023, 13, 1, 0, 0, 0, 0, 0, "invalid date 2023-13-01"},
        {BAD_DATE, 2023, 0, 10, 0, 0, 0, 0, 0, "invalid date 2023-00-10"},
        {BAD_DATE, 2023, 4, 31, 0, 0, 0, 0, 0, "invalid date 2023-04-31"},
        {BAD_DATE, 2023, 1, 0, 0, 0, 0, 0, 0, "invalid date 2023-01-00"},
        {BAD_DATE, 2100, 2, 29, 0, 0, 0, 0, 0, "invalid date 2100-02-29"},
        {BAD_DATETIME, 1900, 2, 29, 12, 0, 0, 0, 0, "invalid date 1900-02-29"},
        {BAD_DATETIME, 2024, 1, 1, 24, 0, 0, 0, 0, "invalid time 24:00:00.000"},
        {BAD_DATETIME, 2024, 1, 1, 12, 60, 0, 0, 0, "invalid time 12:60:00.000"},
        {BAD_DATETIME, 2024, 1, 1, 12, 0, 60, 0, 0, "invalid time 12:00:60.000"},
        {BAD_DATETIME, 2024, 1, 1, 12, 0, 0, 1000, 0, "invalid time 12:00:00.1000"},
        {BAD_UNIX, 0, 0, 0, 0, 0, 0, 0, -2208988801LL, "date 1899-12-31 is outside 1900-01-01..9999-12-31"},
        {BAD_UNIX, 0, 0, 0, 0, 0, 0, 0, 253402300800LL, "date 10000-01-01 is outside 1900-01-01..9999-12-31"},
        {BAD_UNIX, 0, 0, 0, 0, 0, 0, 1000, 0, "invalid time 00:00:00.1000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_rejected(&cases[i]);
}

/* POSIX times far outside the range are rejected too (the message names a date
 * outside the range; which one is the library's choice). */
static void test_unix_time_extremes_rejected(void **state)
{
    (void)state;
    const int64_t values[] = {INT64_MIN, INT64_MAX, -100000000000000LL, 100000000000000LL};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        tu_buf out = {0};
        fast_workbook *wb = tu_callback_workbook(&out);
        add_sheet(wb, "Dates");
        fast_cells *c = fast_cells_new(1);
        assert_non_null(c);
        assert_int_equal(fast_cells_set_unix_time(c, 0, values[i], 0), FAST_OK);
        expect_failure(wb, fast_workbook_write_row(wb, c, 1), FAST_ERROR_INVALID_DATE, NULL);
        const char *m = fast_workbook_error_message(wb);
        const char *prefix = "sheet 'Dates', row 1, column A: date ";
        if (strncmp(m, prefix, strlen(prefix)) != 0 || !strstr(m, " is outside 1900-01-01..9999-12-31"))
            fail_msg("message: %s", m);
        fast_cells_free(c);
        fast_workbook_free(wb);
        tu_buf_free(&out);
    }
}

/* ======================================================================================
 * 2. Formulas
 * ==================================================================================== */

static void test_formulas(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "F");
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_formula(c, 0, "=SUM(B1:C1)", 11), FAST_OK);
    assert_int_equal(fast_cells_set_integer(c, 1, 2), FAST_OK);
    assert_int_equal(fast_cells_set_integer(c, 2, 4), FAST_OK);
    tu_write_row(wb, c, 3);
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_formula_number(c, 0, "SUM(B1:C1)", 10, 6.0), FAST_OK);
    tu_write_row(wb, c, 1);
    const char *f3 = "B1&\"<&>\"";
    assert_int_equal(fast_cells_set_formula_string(c, 0, f3, strlen(f3), "2<&>", 4), FAST_OK);
    tu_write_row(wb, c, 1);
    assert_int_equal(fast_cells_set_formula_boolean(c, 0, "=B1>1", 5, 7), FAST_OK);
    assert_int_equal(fast_cells_set_formula_boolean(c, 1, "B1<1", 4, 0), FAST_OK);
    tu_write_row(wb, c, 2);
    fast_cells_clear(c);
    set_str(c, 0, "=1+2");
    assert_int_equal(fast_cells_set_formula_number(c, 1, "PI()", 4, 3.141592653589793), FAST_OK);
    assert_int_equal(fast_cells_set_formula_string(c, 2, "=\"\"", 3, NULL, 0), FAST_OK);
    tu_write_row(wb, c, 3);
    const char *strings[] = {"=1+2", "=SUM(A1)"};
    assert_int_equal(fast_workbook_write_row_strings(wb, strings, NULL, 2), FAST_OK);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<sheetData>"
                           "<row r=\"1\"><c r=\"A1\"><f>SUM(B1:C1)</f></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>4</v></c></row>"
                           "<row r=\"2\"><c r=\"A2\"><f>SUM(B1:C1)</f><v>6</v></c></row>"
                           "<row r=\"3\"><c r=\"A3\" t=\"str\"><f>B1&amp;\"&lt;&amp;&gt;\"</f><v>2&lt;&amp;&gt;</v></c></row>"
                           "<row r=\"4\"><c r=\"A4\" t=\"b\"><f>B1&gt;1</f><v>1</v></c>"
                           "<c r=\"B4\" t=\"b\"><f>B1&lt;1</f><v>0</v></c></row>"
                           "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>0</v></c><c r=\"B5\"><f>PI()</f><v>3.141592653589793</v></c>"
                           "<c r=\"C5\" t=\"str\"><f>\"\"</f><v></v></c></row>"
                           "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>0</v></c><c r=\"B6\" t=\"s\"><v>1</v></c></row>"
                           "</sheetData>" SHEET_END);
    expect_part(&out, "xl/sharedStrings.xml",
                SST_HEAD "count=\"3\" uniqueCount=\"2\"><si><t>=1+2</t></si><si><t>=SUM(A1)</t></si></sst>");
    expect_part(&out, "xl/workbook.xml",
                WB_HEAD "<sheet name=\"F\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                        "<calcPr fullCalcOnLoad=\"1\"/></workbook>");
    tu_buf_free(&out);
}

/* Text that looks like a formula stays text, inline too; no formula, no calcPr. */
static void test_formula_text_and_no_calcpr(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK);
    add_sheet(wb, "T");
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    set_str(c, 0, "=1+2");
    assert_int_equal(fast_cells_set_number(c, 1, 3), FAST_OK);
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>=1+2</t></is></c>"
                           "<c r=\"B1\"><v>3</v></c></row></sheetData>" SHEET_END);
    expect_part(&out, "xl/workbook.xml", WB_HEAD "<sheet name=\"T\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    tu_assert_not_contains(out.data, out.len, "<f>");
    tu_assert_not_contains(out.data, out.len, "calcPr");
    tu_buf_free(&out);
}

/* A formula only in rows held back for autofit, or on a later sheet, still asks for
 * recalculation. */
static void test_formula_calcpr_held_rows(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "A");
    add_sheet(wb, "B");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 10), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_formula(c, 0, "1+1", 3), FAST_OK);
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_part(&out, "xl/workbook.xml",
                WB_HEAD "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/>"
                        "</sheets><calcPr fullCalcOnLoad=\"1\"/></workbook>");
    tu_buf_free(&out);
}

typedef struct bad_formula {
    int kind; /* 0 text only, 1 cached number, 2 cached string */
    const char *formula;
    size_t len;
    double num;
    const char *str;
    size_t str_len;
    fast_status status;
    const char *msg;
} bad_formula;

static void test_formulas_rejected(void **state)
{
    (void)state;
    static char longf[FAST_MAX_FORMULA_CHARS + 2];
    memset(longf, 'A', sizeof longf - 1);
    const bad_formula cases[] = {
        {0, "SUM(\xFF)", 6, 0, NULL, 0, FAST_ERROR_INVALID_UTF8,
         "sheet 'F', row 1, column B: formula: invalid UTF-8 at byte 5"},
        {0, "\"\xED\xA0\x80\"", 5, 0, NULL, 0, FAST_ERROR_INVALID_UTF8,
         "sheet 'F', row 1, column B: formula: invalid UTF-8 at byte 2"},
        {2, "\"x\"", 3, 0, "ok\xC3", 3, FAST_ERROR_INVALID_UTF8,
         "sheet 'F', row 1, column B: formula value: invalid UTF-8 at byte 3"},
        {1, "1/0", 3, NAN, NULL, 0, FAST_ERROR_NONFINITE_NUMBER,
         "sheet 'F', row 1, column B: formula value is not finite"},
        {1, "1/0", 3, INFINITY, NULL, 0, FAST_ERROR_NONFINITE_NUMBER,
         "sheet 'F', row 1, column B: formula value is not finite"},
        {1, "1/0", 3, -INFINITY, NULL, 0, FAST_ERROR_NONFINITE_NUMBER,
         "sheet 'F', row 1, column B: formula value is not finite"},
        {0, longf, FAST_MAX_FORMULA_CHARS + 1, 0, NULL, 0, FAST_ERROR_STRING_TOO_LONG,
         "sheet 'F', row 1, column B: formula: text of 8193 characters is longer than the limit of 8192"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_formula *b = &cases[i];
        tu_buf out = {0};
        fast_workbook *wb = tu_callback_workbook(&out);
        add_sheet(wb, "F");
        fast_cells *c = fast_cells_new(2);
        assert_non_null(c);
        set_str(c, 0, "fine");
        if (b->kind == 0)
            assert_int_equal(fast_cells_set_formula(c, 1, b->formula, b->len), FAST_OK);
        else if (b->kind == 1)
            assert_int_equal(fast_cells_set_formula_number(c, 1, b->formula, b->len, b->num), FAST_OK);
        else
            assert_int_equal(fast_cells_set_formula_string(c, 1, b->formula, b->len, b->str, b->str_len), FAST_OK);
        expect_failure(wb, fast_workbook_write_row(wb, c, 2), b->status, b->msg);
        assert_int_equal(fast_workbook_close(wb), FAST_OK); /* the rejected row changed nothing */
        fast_cells_free(c);
        fast_workbook_free(wb);
        tu_buf_free(&out);
    }

    /* A formula of exactly the limit, with the '=' that is not stored, is accepted. */
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "F");
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    longf[0] = '=';
    assert_int_equal(fast_cells_set_formula(c, 0, longf, FAST_MAX_FORMULA_CHARS + 1), FAST_OK);
    tu_write_row(wb, c, 1);
    tu_close_ok(wb);
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"A1\"><f>AAAA");
    long at = tu_find(sheet.data, sheet.len, "<f>", 3), end = tu_find(sheet.data, sheet.len, "</f>", 4);
    assert_int_equal(end - at - 3, FAST_MAX_FORMULA_CHARS);
    tu_buf_free(&sheet);
    tu_buf_free(&out);

    /* Argument checks of the setters (not sticky: no workbook involved). */
    assert_int_equal(fast_cells_set_formula(c, 0, NULL, 0), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_formula(c, 1, "1", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_formula(NULL, 0, "1", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_formula_number(c, 0, NULL, 0, 1.0), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_formula_string(c, 0, "1", 1, NULL, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_formula_boolean(c, 0, NULL, 0, 1), FAST_ERROR_INVALID_ARGUMENT);
    fast_cells_free(c);
}

/* ======================================================================================
 * 3. Sheet features
 * ==================================================================================== */

#define VIEW(attrs, cell, pane)                                                                             \
    "<sheetViews><sheetView workbookViewId=\"0\"><pane " attrs " topLeftCell=\"" cell "\" activePane=\"" pane \
    "\" state=\"frozen\"/><selection pane=\"" pane "\" activeCell=\"" cell "\" sqref=\"" cell "\"/>"          \
    "</sheetView></sheetViews>"
/* The same on the first sheet, the selected tab. */
#define VIEW1(attrs, cell, pane)                                                                            \
    "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane " attrs " topLeftCell=\"" cell       \
    "\" activePane=\"" pane "\" state=\"frozen\"/><selection pane=\"" pane "\" activeCell=\"" cell "\" sqref=\"" \
    cell "\"/></sheetView></sheetViews>"
#define COL(min, max, width) "<col min=\"" #min "\" max=\"" #max "\" width=\"" width "\" customWidth=\"1\"/>"
#define ONE_ROW "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>"

static void test_freeze_panes(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);

    add_sheet(wb, "Rows");
    assert_int_equal(fast_workbook_freeze_panes(wb, 1, 0), FAST_OK);
    tu_write_row(wb, c, 1);
    add_sheet(wb, "Cols");
    assert_int_equal(fast_workbook_freeze_panes(wb, 0, 3), FAST_OK);
    tu_write_row(wb, c, 1);
    add_sheet(wb, "Both");
    assert_int_equal(fast_workbook_freeze_panes(wb, 5, 1), FAST_OK); /* the last call counts */
    assert_int_equal(fast_workbook_freeze_panes(wb, 2, 1), FAST_OK);
    tu_write_row(wb, c, 1);
    add_sheet(wb, "Removed");
    assert_int_equal(fast_workbook_freeze_panes(wb, 2, 2), FAST_OK);
    assert_int_equal(fast_workbook_freeze_panes(wb, 0, 0), FAST_OK);
    tu_write_row(wb, c, 1);
    add_sheet(wb, "Far"); /* no rows: the head is written when the sheet ends */
    assert_int_equal(fast_workbook_freeze_panes(wb, 1048575, 16383), FAST_OK);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD VIEW1("ySplit=\"1\"", "A2", "bottomLeft") ONE_ROW SHEET_END);
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD VIEW("xSplit=\"3\"", "D1", "topRight") ONE_ROW SHEET_END);
    expect_part(&out, "xl/worksheets/sheet3.xml",
                SHEET_HEAD VIEW("xSplit=\"1\" ySplit=\"2\"", "B3", "bottomRight") ONE_ROW SHEET_END);
    expect_part(&out, "xl/worksheets/sheet4.xml", SHEET_HEAD ONE_ROW SHEET_END);
    expect_part(&out, "xl/worksheets/sheet5.xml",
                SHEET_HEAD VIEW("xSplit=\"16383\" ySplit=\"1048575\"", "XFD1048576", "bottomRight")
                    "<sheetData></sheetData>" SHEET_END);
    tu_buf_free(&out);
}

static void test_column_widths(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);

    add_sheet(wb, "W");
    assert_int_equal(fast_workbook_set_column_width(wb, 30, 30, 3.25), FAST_OK);    /* AE, given first */
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 5, 10), FAST_OK);        /* A:F */
    assert_int_equal(fast_workbook_set_column_width(wb, 2, 3, 20), FAST_OK);        /* C:D splits A:F */
    assert_int_equal(fast_workbook_set_column_width(wb, 5, 6, 8.5), FAST_OK);       /* F:G cuts F off */
    assert_int_equal(fast_workbook_set_column_width(wb, 20, 22, 5), FAST_OK);       /* U:W */
    assert_int_equal(fast_workbook_set_column_width(wb, 19, 25, 6), FAST_OK);       /* T:Z covers U:W */
    assert_int_equal(fast_workbook_set_column_width(wb, 10, 10, 0), FAST_OK);       /* K */
    assert_int_equal(fast_workbook_set_column_width(wb, 16383, 16383, 255), FAST_OK); /* XFD */
    assert_int_equal(fast_workbook_set_column_width(wb, 40, 40, 12), FAST_OK);      /* AO: Excel's 12.7109375 */
    assert_int_equal(fast_workbook_set_column_width(wb, 41, 41, 0.5), FAST_OK);     /* AP: under 1 character */
    tu_write_row(wb, c, 1);
    add_sheet(wb, "Same");
    assert_int_equal(fast_workbook_set_column_width(wb, 1, 3, 12), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 1, 3, 14.5), FAST_OK); /* replaces it */
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<cols>" COL(1, 2, "10.7109375") COL(3, 4, "20.7109375") COL(5, 5, "10.7109375")
                    COL(6, 7, "9.28515625") COL(11, 11, "0") COL(20, 26, "6.7109375") COL(31, 31, "4") COL(41, 41, "12.7109375")
                    COL(42, 42, "0.85546875") COL(16384, 16384, "255.7109375")
                    "</cols>" ONE_ROW SHEET_END);
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<cols>" COL(2, 4, "15.28515625") "</cols><sheetData></sheetData>" SHEET_END);
    tu_buf_free(&out);
}

/*
 * Autofit: widths of the columns without one, from the first N rows: the widest
 * value in characters, * 1.1 + 2, rounded to 1/256, at most 255.
 */
static void test_autofit(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    fast_cells *c = fast_cells_new(4);
    assert_non_null(c);
    char x300[301];
    memset(x300, 'x', 300);
    x300[300] = 0;

    add_sheet(wb, "Fit");
    assert_int_equal(fast_workbook_freeze_panes(wb, 1, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 1, 1, 30), FAST_OK);
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 3), FAST_OK);
    set_str(c, 0, "id");
    set_str(c, 1, "a long header, whose column has a width");
    set_str(c, 2, "n");
    tu_write_row(wb, c, 3);
    fast_cells_clear(c);
    set_str(c, 0, "hello");
    set_str(c, 1, "x");
    assert_int_equal(fast_cells_set_number(c, 2, 123.5), FAST_OK);
    assert_int_equal(fast_cells_set_date(c, 3, 2024, 2, 29), FAST_OK);
    tu_write_row(wb, c, 4);
    fast_cells_clear(c);
    set_str(c, 0, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"); /* 6 characters */
    assert_int_equal(fast_cells_set_boolean(c, 2, 1), FAST_OK);
    set_str(c, 3, "abc");
    tu_write_row(wb, c, 4);
    fast_cells_clear(c);
    set_str(c, 0, "row 4 is past the fitted rows and much wider than them");
    assert_int_equal(fast_cells_set_integer(c, 2, 1), FAST_OK);
    tu_write_row(wb, c, 3);

    /* Autofit applies to the sheets added after: one that ends before N rows. */
    add_sheet(wb, "Short");
    fast_cells_clear(c);
    set_str(c, 0, "abcdefghij");
    assert_int_equal(fast_cells_set_integer(c, 1, 42), FAST_OK);
    set_str(c, 2, x300);
    tu_write_row(wb, c, 3);

    add_sheet(wb, "Empty"); /* fitting, but nothing to measure */

    add_sheet(wb, "Off");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 0), FAST_OK);
    fast_cells_clear(c);
    set_str(c, 0, "abc");
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);

    /* A: 6 characters -> 8.6 -> 2202/256; B: set; C: "123.5", TRUE -> 5 -> 7.5; D: a date, 10 -> 13. */
    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD VIEW1("ySplit=\"1\"", "A2", "bottomLeft")
                "<cols>" COL(1, 1, "9.28515625") COL(2, 2, "30.7109375") COL(3, 3, "8.28515625")
                COL(4, 4, "13.7109375") "</cols>"
                "<sheetData>"
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
                "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\" t=\"s\"><v>4</v></c><c r=\"C2\"><v>123.5</v></c>"
                "<c r=\"D2\" s=\"1\"><v>45351</v></c></row>"
                "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c><c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" t=\"s\"><v>6</v></c></row>"
                "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>7</v></c><c r=\"C4\"><v>1</v></c></row>"
                "</sheetData>" SHEET_END);
    /* A: 10 characters -> 13; B: "42" -> 4.2 -> 1075/256; C: 300 characters -> capped at 255. */
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<cols>" COL(1, 1, "13.7109375") COL(2, 2, "4.85546875") COL(3, 3, "255.7109375") "</cols>"
                "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>8</v></c><c r=\"B1\"><v>42</v></c>"
                "<c r=\"C1\" t=\"s\"><v>9</v></c></row></sheetData>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet3.xml", SHEET_HEAD "<sheetData></sheetData>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet4.xml",
                SHEET_HEAD "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>6</v></c></row></sheetData>" SHEET_END);
    tu_buf_free(&out);
}

/* Rows held for autofit stop at the row memory limit: the widths fit the rows
 * held until then, the later ones are written as they come. */
static void test_autofit_memory_limit(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_row_memory_limit(wb, 1000), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    expect_message(wb, "fast_workbook_set_row_memory_limit: 1000 bytes is below the minimum 65536");
    assert_int_equal(fast_workbook_set_row_memory_limit(wb, 65536), FAST_OK);
    assert_int_equal(fast_workbook_set_shared_strings_limit(wb, 0, 0), FAST_OK); /* inline: big rows */
    add_sheet(wb, "Fit");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 1000), FAST_OK);
    static char big[30001];
    memset(big, 'a', 30000);
    fast_cells *c = fast_cells_new(2);
    set_str(c, 0, big);
    set_str(c, 1, "b");
    for (int r = 0; r < 3; r++) /* 3 x 30 KB of XML: past 64 KiB at the third row */
        tu_write_row(wb, c, 2);
    set_str(c, 1, "much wider text in column B, written after the widths were fitted");
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    /* A: 30,000 characters -> 255; B: "b" -> 3.1, each stored as Excel stores a width. */
    tu_assert_contains(sheet.data, sheet.len, "<cols>" COL(1, 1, "255.7109375") COL(2, 2, "3.85546875") "</cols>");
    tu_assert_contains(sheet.data, sheet.len, "<row r=\"4\">");
    tu_buf_free(&sheet);
    tu_buf_free(&out);
}

/* Header rows are copied to repeat on continuation sheets, up to the row memory
 * limit: a header row beyond it is refused whole, non-sticky. */
static void test_header_rows_memory_limit(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_row_memory_limit(wb, 65536), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 4), FAST_OK);
    add_sheet(wb, "H");
    assert_int_equal(fast_workbook_set_header_rows(wb, 2), FAST_OK);
    fast_cells *c = fast_cells_new(2000);
    for (size_t i = 0; i < 2000; i++)
        assert_int_equal(fast_cells_set_integer(c, i, (int64_t)i), FAST_OK);
    tu_write_row(wb, c, 10); /* small: kept */
    expect_failure(wb, fast_workbook_write_row(wb, c, 2000), FAST_ERROR_MEMORY_LIMIT, NULL);
    if (!strstr(fast_workbook_error_message(wb), "sheet 'H', row 2: header rows") ||
        !strstr(fast_workbook_error_message(wb), "row memory limit of 65536"))
        fail_msg("message: %s", fast_workbook_error_message(wb));
    tu_write_row(wb, c, 20); /* the second header row, small enough */
    for (int r = 0; r < 3; r++)
        tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet2.xml", &sheet); /* "H (2)": the header rows, then row 5 */
    tu_assert_contains(sheet.data, sheet.len, "<row r=\"2\">");
    tu_assert_contains(sheet.data, sheet.len, "<c r=\"T2\"><v>19</v></c></row><row r=\"3\">");
    tu_buf_free(&sheet);
    tu_buf_free(&out);
}

/* The text of the first "<row r=\"1\"" element of @sheet, up to its first cell's end. */
static void header_row_xml(const tu_buf *sheet, char *out, size_t cap)
{
    const char *p = strstr((const char *)sheet->data, "<row r=\"1\"");
    assert_non_null(p);
    const char *e = strstr(p, "</c>");
    assert_non_null(e);
    size_t n = (size_t)(e - p) < cap - 1 ? (size_t)(e - p) : cap - 1;
    memcpy(out, p, n);
    out[n] = 0;
}

/* Header rows repeated on continuation sheets keep the look they were written
 * with: formats changed after the header row was written (bold made italic) do
 * not change the copies on "H (2)" and "H (3)", while later rows get the new look. */
static void test_header_rows_keep_their_formats(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 2), FAST_OK);
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    add_sheet(wb, "H");
    fast_format *bold = fast_workbook_add_format(wb), *row = fast_workbook_add_format(wb);
    assert_true(bold && row);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(row, 0xFFFF00), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    set_str(c, 0, "Name");
    set_str(c, 1, "Amount");
    assert_int_equal(fast_cells_set_format(c, 0, bold), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 1, bold), FAST_OK);
    assert_int_equal(fast_cells_set_row_format(c, row), FAST_OK);
    tu_write_row(wb, c, 2);
    assert_int_equal(fast_format_set_bold(bold, 0), FAST_OK);
    assert_int_equal(fast_format_set_italic(bold, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(row, 0x00FF00), FAST_OK);
    for (int r = 0; r < 3; r++)
        tu_write_row(wb, c, 2); /* italic on a green row: "H", "H (2)", "H (3)" */
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_buf styles = {0}, sheet = {0};
    extract_part(&out, "xl/styles.xml", &styles);
    tu_assert_contains(styles.data, styles.len, "<b/>");
    tu_assert_contains(styles.data, styles.len, "<i/>");
    tu_assert_contains(styles.data, styles.len, "FFFFFF00");
    tu_assert_contains(styles.data, styles.len, "FF00FF00");
    char first[512], again[512];
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    header_row_xml(&sheet, first, sizeof first);
    tu_buf_free(&sheet);
    for (int k = 2; k <= 3; k++) {
        char name[48];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", k);
        extract_part(&out, name, &sheet);
        header_row_xml(&sheet, again, sizeof again);
        tu_buf_free(&sheet);
        if (strcmp(first, again) != 0)
            fail_msg("the header row on sheet %d is %s, on the first sheet %s", k, again, first);
    }
    tu_buf_free(&styles);
    tu_buf_free(&out);
}

/* Autofit counts characters, not bytes, for every kind of text: a formula's cached
 * string "ééééé" (5 characters, 10 bytes) is as wide as the text cell "abcde". */
static void test_autofit_counts_characters(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Fit");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 1), FAST_OK);
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    const char *e5 = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
    set_str(c, 0, "abcde");
    set_str(c, 1, e5);
    assert_int_equal(fast_cells_set_formula_string(c, 2, "B1", 2, e5, strlen(e5)), FAST_OK);
    tu_write_row(wb, c, 3);
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    tu_buf_free(&out);
    const char *want = "<cols>" COL(1, 1, "8.28515625") COL(2, 2, "8.28515625") COL(3, 3, "8.28515625") "</cols>";
    int found = tu_find(sheet.data, sheet.len, want, strlen(want)) >= 0;
    if (!found)
        print_message("sheet: %s\n", (const char *)sheet.data);
    tu_buf_free(&sheet); /* released before the check: a failure leaks nothing */
    if (!found)
        fail_msg("expected %s", want);
}

static void test_autofilter(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);

    add_sheet(wb, "It's");
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 0, 3, 3), FAST_OK);
    tu_write_row(wb, c, 1);
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 0, 9, 2), FAST_OK); /* replaces, after a row */

    add_sheet(wb, "Plain");
    assert_int_equal(fast_workbook_set_autofilter(wb, 1, 1, FAST_LAST_ROW, 4), FAST_OK);
    for (int i = 0; i < 6; i++)
        tu_write_row(wb, c, 1);
    tu_write_row(wb, c, 0); /* an empty seventh row counts as written */

    add_sheet(wb, "R&D");
    assert_int_equal(fast_workbook_set_autofilter(wb, 4, 0, FAST_LAST_ROW, 0), FAST_OK); /* past the rows */
    tu_write_row(wb, c, 1);

    add_sheet(wb, "NoFilter");
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED ONE_ROW "<autoFilter ref=\"A1:C10\"/>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<sheetData>"
                           "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                           "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><row r=\"4\"><c r=\"A4\"><v>1</v></c></row>"
                           "<row r=\"5\"><c r=\"A5\"><v>1</v></c></row><row r=\"6\"><c r=\"A6\"><v>1</v></c></row>"
                           "</sheetData><autoFilter ref=\"B2:E7\"/>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet3.xml", SHEET_HEAD ONE_ROW "<autoFilter ref=\"A5\"/>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet4.xml", SHEET_HEAD ONE_ROW SHEET_END);
    expect_part(&out, "xl/workbook.xml",
                WB_HEAD "<sheet name=\"It's\" sheetId=\"1\" r:id=\"rId1\"/>"
                        "<sheet name=\"Plain\" sheetId=\"2\" r:id=\"rId2\"/>"
                        "<sheet name=\"R&amp;D\" sheetId=\"3\" r:id=\"rId3\"/>"
                        "<sheet name=\"NoFilter\" sheetId=\"4\" r:id=\"rId4\"/></sheets>"
                        "<definedNames>"
                        "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'It''s'!$A$1:$C$10</definedName>"
                        "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" hidden=\"1\">Plain!$B$2:$E$7</definedName>"
                        "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"2\" hidden=\"1\">'R&amp;D'!$A$5:$A$5</definedName>"
                        "</definedNames></workbook>");
    tu_buf_free(&out);
}

/* Every feature on one sheet: the elements in CT_Worksheet order, after rows were written. */
static void test_sheet_part_order(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "All");
    assert_int_equal(fast_workbook_merge_range(wb, 4, 0, 4, 1), FAST_OK); /* before any row */
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 0, 15), FAST_OK);
    assert_int_equal(fast_workbook_freeze_panes(wb, 1, 1), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    set_str(c, 0, "name");
    set_str(c, 1, "link");
    tu_write_row(wb, c, 2);
    set_str(c, 0, "a");
    set_str(c, 1, "example");
    tu_write_row(wb, c, 2);
    set_str(c, 0, "b");
    set_str(c, 1, "mail");
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 1), FAST_OK);
    assert_int_equal(fast_workbook_merge_range(wb, 0, 2, 1, 3), FAST_OK);
    const char *u1 = "https://example.com/?q=a&b=c";
    const char *u2 = "mailto:someone@example.com";
    const char *u3 = "https://example.com/\"q\"<x>";
    assert_int_equal(fast_workbook_add_hyperlink(wb, 1, 1, u1, strlen(u1)), FAST_OK);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 2, 1, u2, strlen(u2)), FAST_OK);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 9, 27, u3, strlen(u3)), FAST_OK);
    add_sheet(wb, "Plain");
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD VIEW1("xSplit=\"1\" ySplit=\"1\"", "B2", "bottomRight")
                "<cols>" COL(1, 1, "15.7109375") "</cols>"
                "<sheetData>"
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
                "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"B3\" t=\"s\"><v>5</v></c></row>"
                "</sheetData>"
                "<autoFilter ref=\"A1:B3\"/>"
                "<mergeCells count=\"2\"><mergeCell ref=\"A5:B5\"/><mergeCell ref=\"C1:D2\"/></mergeCells>"
                "<hyperlinks><hyperlink ref=\"B2\" r:id=\"rId1\"/><hyperlink ref=\"B3\" r:id=\"rId2\"/>"
                "<hyperlink ref=\"AB10\" r:id=\"rId3\"/></hyperlinks>" SHEET_END);
    expect_part(&out, "xl/worksheets/_rels/sheet1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" " HYPERLINK_REL
                          " Target=\"https://example.com/?q=a&amp;b=c\" TargetMode=\"External\"/>"
                          "<Relationship Id=\"rId2\" " HYPERLINK_REL
                          " Target=\"mailto:someone@example.com\" TargetMode=\"External\"/>"
                          "<Relationship Id=\"rId3\" " HYPERLINK_REL
                          " Target=\"https://example.com/&quot;q&quot;&lt;x&gt;\" TargetMode=\"External\"/>"
                          "</Relationships>");
    expect_part(&out, "xl/worksheets/sheet2.xml", SHEET_HEAD "<sheetData></sheetData>" SHEET_END);
    assert_false(has_part(&out, "xl/worksheets/_rels/sheet2.xml.rels"));
    expect_part(&out, "xl/workbook.xml",
                WB_HEAD "<sheet name=\"All\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Plain\" sheetId=\"2\" r:id=\"rId2\"/>"
                        "</sheets><definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" "
                        "hidden=\"1\">All!$A$1:$B$3</definedName></definedNames></workbook>");
    tu_buf_free(&out);
}

/* A relationship Target is a URI, not SpreadsheetML text: it gets XML escaping only,
 * never the _xHHHH_ protection of ST_Xstring, or the link would point elsewhere. */
static void test_hyperlink_url_verbatim(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "L");
    const char *u = "https://example.com/file_x0041_.txt";
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 0, u, strlen(u)), FAST_OK);
    tu_close_ok(wb);
    tu_buf rels = {0};
    extract_part(&out, "xl/worksheets/_rels/sheet1.xml.rels", &rels);
    tu_buf_free(&out);
    const char *want = RELS_HEAD "<Relationship Id=\"rId1\" " HYPERLINK_REL
                                 " Target=\"https://example.com/file_x0041_.txt\" TargetMode=\"External\"/>"
                                 "</Relationships>";
    int same = rels.len == strlen(want) && memcmp(rels.data, want, rels.len) == 0;
    if (!same)
        print_message(" got: %s\nwant: %s\n", (const char *)rels.data, want);
    tu_buf_free(&rels); /* released before the check: a failure leaks nothing */
    assert_true(same);
}

static void test_row_formats_and_heights(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Rows");
    fast_format *italic = fast_workbook_add_format(wb);
    fast_format *bold = fast_workbook_add_format(wb);
    fast_format *plain = fast_workbook_add_format(wb); /* no properties: the default format */
    assert_non_null(italic);
    assert_non_null(bold);
    assert_non_null(plain);
    assert_int_equal(fast_format_set_italic(italic, 1), FAST_OK);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);

    /* 1: a blank cell with a format is written; a blank one without is not. */
    assert_int_equal(fast_cells_set_format(c, 1, italic), FAST_OK);
    tu_write_row(wb, c, 3);
    /* 2: a row format; a cell's own format wins over it. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_row_format(c, bold), FAST_OK);
    set_str(c, 0, "r");
    set_str(c, 1, "i");
    assert_int_equal(fast_cells_set_format(c, 1, italic), FAST_OK);
    tu_write_row(wb, c, 2);
    /* 3: only a height: still written. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_row_height(c, 20), FAST_OK);
    tu_write_row(wb, c, 0);
    /* 4: format and height, blank cells only. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_row_format(c, bold), FAST_OK);
    assert_int_equal(fast_cells_set_row_height(c, 30.5), FAST_OK);
    tu_write_row(wb, c, 3);
    /* 5: cleared: nothing to write. */
    fast_cells_clear(c);
    tu_write_row(wb, c, 3);
    /* 6: a date in a bold row: bold and yyyy-mm-dd. */
    assert_int_equal(fast_cells_set_row_format(c, bold), FAST_OK);
    assert_int_equal(fast_cells_set_date(c, 0, 2024, 2, 29), FAST_OK);
    tu_write_row(wb, c, 1);
    /* 7: height back to the default with 0; a format without properties is no format. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_row_height(c, 12), FAST_OK);
    assert_int_equal(fast_cells_set_row_height(c, 0), FAST_OK);
    assert_int_equal(fast_cells_set_row_format(c, plain), FAST_OK);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);
    tu_write_row(wb, c, 3);
    /* 8: the largest height. */
    fast_cells_clear(c);
    assert_int_equal(fast_cells_set_row_height(c, 409), FAST_OK);
    tu_write_row(wb, c, 0);

    /* Out of range heights (not a workbook error). */
    assert_int_equal(fast_cells_set_row_height(c, 409.5), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_row_height(c, -1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_row_height(c, NAN), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_row_height(NULL, 10), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cells_set_row_format(NULL, bold), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
    fast_cells_free(c);
    tu_close_ok(wb);

    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<sheetData>"
                           "<row r=\"1\"><c r=\"B1\" s=\"1\"/></row>"
                           "<row r=\"2\" s=\"2\" customFormat=\"1\"><c r=\"A2\" s=\"2\" t=\"s\"><v>0</v></c>"
                           "<c r=\"B2\" s=\"1\" t=\"s\"><v>1</v></c></row>"
                           "<row r=\"3\" ht=\"20\" customHeight=\"1\"/>"
                           "<row r=\"4\" s=\"2\" customFormat=\"1\" ht=\"30.5\" customHeight=\"1\"/>"
                           "<row r=\"6\" s=\"2\" customFormat=\"1\"><c r=\"A6\" s=\"3\"><v>45351</v></c></row>"
                           "<row r=\"7\"><c r=\"A7\"><v>1</v></c></row>"
                           "<row r=\"8\" ht=\"409\" customHeight=\"1\"/>"
                           "</sheetData>" SHEET_END);
    tu_buf sheet = {0};
    extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    expect_cell_numfmt(&out, &sheet, "A6", "yyyy-mm-dd");
    tu_buf_free(&sheet);
    tu_buf styles = {0};
    extract_part(&out, "xl/styles.xml", &styles);
    tu_assert_contains(styles.data, styles.len, "<cellXfs count=\"4\">");
    tu_buf_free(&styles);
    tu_buf_free(&out);
}

/* ======================================================================================
 * 4. Call order and argument ranges
 * ==================================================================================== */

enum { F_FREEZE, F_WIDTH, F_AUTOFIT, F_HEADER, F_FILTER, F_MERGE, F_LINK };

static fast_status call_feature(fast_workbook *wb, int which)
{
    switch (which) {
    case F_FREEZE:
        return fast_workbook_freeze_panes(wb, 1, 0);
    case F_WIDTH:
        return fast_workbook_set_column_width(wb, 0, 0, 10);
    case F_AUTOFIT:
        return fast_workbook_set_autofit_rows(wb, 10);
    case F_HEADER:
        return fast_workbook_set_header_rows(wb, 1);
    case F_FILTER:
        return fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 1);
    case F_MERGE:
        return fast_workbook_merge_range(wb, 0, 0, 0, 1);
    default:
        return fast_workbook_add_hyperlink(wb, 0, 0, "https://example.com/", 20);
    }
}

static void test_too_late(void **state)
{
    (void)state;
    static const struct {
        int which;
        const char *msg;
    } cases[] = {
        {F_FREEZE, "fast_workbook_freeze_panes: sheet 'Late' " TOO_LATE_TAIL},
        {F_WIDTH, "fast_workbook_set_column_width: sheet 'Late' " TOO_LATE_TAIL},
        {F_AUTOFIT, "fast_workbook_set_autofit_rows: sheet 'Late' already has rows"},
        {F_HEADER, "fast_workbook_set_header_rows: sheet 'Late' already has rows"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int empty_row = 0; empty_row < 2; empty_row++) {
            tu_buf out = {0};
            fast_workbook *wb = tu_callback_workbook(&out);
            add_sheet(wb, "First");
            add_sheet(wb, "Late");
            assert_int_equal(call_feature(wb, cases[i].which), FAST_OK); /* before the first row: fine */
            fast_cells *c = fast_cells_new(1);
            assert_non_null(c);
            assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);
            tu_write_row(wb, c, empty_row ? 0 : 1); /* an empty row is a row too */
            expect_failure(wb, call_feature(wb, cases[i].which), FAST_ERROR_TOO_LATE, cases[i].msg);
            assert_int_equal(fast_workbook_write_row(wb, c, 1), FAST_OK); /* not sticky */
            assert_int_equal(fast_workbook_close(wb), FAST_OK);
            expect_message(wb, cases[i].msg);
            fast_cells_free(c);
            fast_workbook_free(wb);
            tu_buf_free(&out);
        }
    }
}

/* autoFilter, mergeCells and hyperlinks follow the rows: fine after rows, and after
 * the rows of a sheet fitting its widths. */
static void test_after_rows_fine(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 100), FAST_OK);
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    set_str(c, 0, "abc");
    set_str(c, 1, "de");
    tu_write_row(wb, c, 2);
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    for (int f = F_FILTER; f <= F_LINK; f++)
        assert_int_equal(call_feature(wb, f), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<cols>" COL(1, 1, "6") COL(2, 2, "4.85546875") "</cols><sheetData>"
                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                           "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c></row>"
                           "</sheetData><autoFilter ref=\"A1:B2\"/><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/>"
                           "</mergeCells><hyperlinks><hyperlink ref=\"A1\" r:id=\"rId1\"/></hyperlinks>" SHEET_END);
    tu_buf_free(&out);
}

static void test_no_worksheet(void **state)
{
    (void)state;
    static const struct {
        int which;
        const char *fn;
    } cases[] = {
        {F_FREEZE, "fast_workbook_freeze_panes"},   {F_WIDTH, "fast_workbook_set_column_width"},
        {F_FILTER, "fast_workbook_set_autofilter"}, {F_MERGE, "fast_workbook_merge_range"},
        {F_LINK, "fast_workbook_add_hyperlink"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_buf out = {0};
        fast_workbook *wb = tu_callback_workbook(&out);
        char msg[160];
        snprintf(msg, sizeof msg, "%s: no worksheet; call fast_workbook_add_worksheet first", cases[i].fn);
        expect_failure(wb, call_feature(wb, cases[i].which), FAST_ERROR_STATE, msg);
        assert_int_equal(fast_workbook_close(wb), FAST_OK);
        fast_workbook_free(wb);
        tu_buf_free(&out);
    }
}

/*
 * Autofit and header rows are workbook settings too ("applies to this worksheet and
 * those added after it"): before any worksheet they are accepted and apply to the
 * sheets added later.
 */
static void test_workbook_wide_settings_before_sheets(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 5), FAST_OK);
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 2), FAST_OK);
    add_sheet(wb, "S");
    const char *v[] = {"head"};
    const char *d[] = {"x"};
    assert_int_equal(fast_workbook_write_row_strings(wb, v, NULL, 1), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, d, NULL, 1), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, d, NULL, 1), FAST_OK);
    tu_close_ok(wb);
    /* "head": 4 characters -> 6.4 -> 1638/256. */
    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<cols>" COL(1, 1, "7.140625") "</cols><sheetData>"
                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"
                           "</sheetData>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<cols>" COL(1, 1, "7.140625") "</cols><sheetData>"
                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"
                           "</sheetData>" SHEET_END);
    tu_buf_free(&out);
}

typedef fast_status (*range_call)(fast_workbook *wb);

static fast_status bad_freeze_rows(fast_workbook *wb) { return fast_workbook_freeze_panes(wb, FAST_MAX_ROWS, 0); }
static fast_status bad_freeze_cols(fast_workbook *wb) { return fast_workbook_freeze_panes(wb, 0, FAST_MAX_COLUMNS); }
static fast_status bad_width_order(fast_workbook *wb) { return fast_workbook_set_column_width(wb, 3, 2, 10); }
static fast_status bad_width_col(fast_workbook *wb) { return fast_workbook_set_column_width(wb, 0, FAST_MAX_COLUMNS, 10); }
static fast_status bad_width_big(fast_workbook *wb) { return fast_workbook_set_column_width(wb, 0, 0, 255.5); }
static fast_status bad_width_neg(fast_workbook *wb) { return fast_workbook_set_column_width(wb, 0, 0, -1); }
static fast_status bad_width_nan(fast_workbook *wb) { return fast_workbook_set_column_width(wb, 0, 0, NAN); }
static fast_status bad_filter_cols(fast_workbook *wb) { return fast_workbook_set_autofilter(wb, 0, 2, 5, 1); }
static fast_status bad_filter_rows(fast_workbook *wb) { return fast_workbook_set_autofilter(wb, 5, 0, 4, 1); }
static fast_status bad_filter_first(fast_workbook *wb) { return fast_workbook_set_autofilter(wb, FAST_MAX_ROWS, 0, FAST_LAST_ROW, 1); }
static fast_status bad_filter_last(fast_workbook *wb) { return fast_workbook_set_autofilter(wb, 0, 0, FAST_MAX_ROWS, 1); }
static fast_status bad_filter_col(fast_workbook *wb) { return fast_workbook_set_autofilter(wb, 0, 0, 1, FAST_MAX_COLUMNS); }
static fast_status bad_merge_one(fast_workbook *wb) { return fast_workbook_merge_range(wb, 3, 3, 3, 3); }
static fast_status bad_merge_last(fast_workbook *wb) { return fast_workbook_merge_range(wb, 0, 0, FAST_LAST_ROW, 1); }
static fast_status bad_merge_order(fast_workbook *wb) { return fast_workbook_merge_range(wb, 0, 3, 1, 2); }
static fast_status bad_link_null(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, 0, NULL, 5); }
static fast_status bad_link_empty(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, 0, "x", 0); }
static fast_status bad_link_row(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, FAST_MAX_ROWS, 0, "http://a", 8); }
static fast_status bad_link_col(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, FAST_MAX_COLUMNS, "http://a", 8); }
static fast_status bad_link_utf8(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, 0, "http://\xC0\xAF", 9); }
static fast_status bad_link_sheet(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, 0, "Sheet2!A1", 9); }
static fast_status bad_link_www(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 4, 27, "www.example.com", 15); }
static fast_status bad_link_digit(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, 0, "1http://a", 9); }
static fast_status bad_link_colon(fast_workbook *wb) { return fast_workbook_add_hyperlink(wb, 0, 0, ":x", 2); }
static fast_status bad_link_long(fast_workbook *wb)
{
    static char url[2081];
    memset(url, 'a', 2080);
    return fast_workbook_add_hyperlink(wb, 0, 0, url, 2080);
}
static fast_status bad_header_rows(fast_workbook *wb) { return fast_workbook_set_header_rows(wb, 101); }
static fast_status bad_rows_per_sheet0(fast_workbook *wb) { return fast_workbook_set_rows_per_sheet(wb, 0); }
static fast_status bad_rows_per_sheet_big(fast_workbook *wb) { return fast_workbook_set_rows_per_sheet(wb, FAST_MAX_ROWS + 1); }
static fast_status bad_policy(fast_workbook *wb) { return fast_workbook_set_row_limit_policy(wb, 2); }
static fast_status bad_property(fast_workbook *wb) { return fast_workbook_set_property(wb, 4, "x", 1); }
static fast_status bad_property_null(fast_workbook *wb) { return fast_workbook_set_property(wb, 0, NULL, 1); }
static fast_status bad_created(fast_workbook *wb) { return fast_workbook_set_created_time(wb, 253402300800LL); }

static void test_out_of_range(void **state)
{
    (void)state;
    static const struct {
        range_call call;
        fast_status status;
        const char *msg; /* NULL: status only */
    } cases[] = {
        {bad_freeze_rows, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_freeze_panes: 1048576 rows, 0 columns out of range"},
        {bad_freeze_cols, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_freeze_panes: 0 rows, 16384 columns out of range"},
        {bad_width_order, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_column_width: columns 3..2, width 10 out of range"},
        {bad_width_col, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_column_width: columns 0..16384, width 10 out of range"},
        {bad_width_big, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_column_width: columns 0..0, width 255.5 out of range"},
        {bad_width_neg, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_column_width: columns 0..0, width -1 out of range"},
        {bad_width_nan, FAST_ERROR_INVALID_ARGUMENT, NULL},
        {bad_filter_cols, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_autofilter: range rows 0..5, columns 2..1 is out of bounds or reversed"},
        {bad_filter_rows, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_autofilter: range rows 5..4, columns 0..1 is out of bounds or reversed"},
        {bad_filter_first, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_autofilter: range rows 1048576..4294967295, columns 0..1 is out of bounds or reversed"},
        {bad_filter_last, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_autofilter: range rows 0..1048576, columns 0..1 is out of bounds or reversed"},
        {bad_filter_col, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_autofilter: range rows 0..1, columns 0..16384 is out of bounds or reversed"},
        {bad_merge_one, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_merge_range: a single cell cannot be merged"},
        {bad_merge_last, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_merge_range: range rows 0..4294967295, columns 0..1 is out of bounds or reversed"},
        {bad_merge_order, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_merge_range: range rows 0..1, columns 3..2 is out of bounds or reversed"},
        {bad_link_null, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_add_hyperlink: empty URL or cell out of range"},
        {bad_link_empty, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_add_hyperlink: empty URL or cell out of range"},
        {bad_link_row, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_add_hyperlink: empty URL or cell out of range"},
        {bad_link_col, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_add_hyperlink: empty URL or cell out of range"},
        {bad_link_utf8, FAST_ERROR_INVALID_UTF8, "fast_workbook_add_hyperlink: URL: invalid UTF-8 at byte 8"},
        {bad_link_sheet, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_add_hyperlink: sheet 'S', cell A1: 'Sheet2!A1' has no URI scheme (such as https: or "
         "mailto:); for a place in the workbook use fast_workbook_add_internal_link()"},
        {bad_link_www, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_add_hyperlink: sheet 'S', cell AB5: 'www.example.com' has no URI scheme (such as https: "
         "or mailto:); for a place in the workbook use fast_workbook_add_internal_link()"},
        {bad_link_digit, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_add_hyperlink: sheet 'S', cell A1: '1http://a' has no URI scheme (such as https: or "
         "mailto:); for a place in the workbook use fast_workbook_add_internal_link()"},
        {bad_link_colon, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_add_hyperlink: sheet 'S', cell A1: ':x' has no URI scheme (such as https: or "
         "mailto:); for a place in the workbook use fast_workbook_add_internal_link()"},
        {bad_link_long, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_add_hyperlink: URL of 2080 characters is longer than 2079"},
        {bad_header_rows, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_header_rows: 101 rows is more than 100 or not below the rows per sheet"},
        {bad_rows_per_sheet0, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_rows_per_sheet: 0 rows is outside 1..1048576"},
        {bad_rows_per_sheet_big, FAST_ERROR_INVALID_ARGUMENT,
         "fast_workbook_set_rows_per_sheet: 1048577 rows is outside 1..1048576"},
        {bad_policy, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_row_limit_policy: unknown policy 2"},
        {bad_property, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_property: unknown property 4 or NULL text"},
        {bad_property_null, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_property: unknown property 0 or NULL text"},
        {bad_created, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_created_time: out of range"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_buf out = {0};
        fast_workbook *wb = tu_callback_workbook(&out);
        add_sheet(wb, "S");
        expect_failure(wb, cases[i].call(wb), cases[i].status, cases[i].msg);
        assert_int_equal(fast_workbook_close(wb), FAST_OK);
        fast_workbook_free(wb);
        tu_buf_free(&out);
    }

    /* Header rows must stay below the rows per sheet, and the other way round. */
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 3), FAST_OK);
    expect_failure(wb, fast_workbook_set_header_rows(wb, 3), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_set_header_rows: 3 rows is more than 100 or not below the rows per sheet");
    fast_workbook_free(wb);
    tu_buf_free(&out);
    wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    assert_int_equal(fast_workbook_set_header_rows(wb, 2), FAST_OK);
    expect_failure(wb, fast_workbook_set_rows_per_sheet(wb, 2), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_set_rows_per_sheet: 2 rows is outside 3..1048576");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    /* Boundaries that are accepted. */
    wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    assert_int_equal(fast_workbook_set_column_width(wb, 16383, 16383, 255), FAST_OK);
    assert_int_equal(fast_workbook_set_autofilter(wb, 1048575, 16383, 1048575, 16383), FAST_OK);
    assert_int_equal(fast_workbook_merge_range(wb, 1048574, 16382, 1048575, 16383), FAST_OK);
    assert_int_equal(fast_workbook_set_header_rows(wb, 100), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, FAST_MAX_ROWS), FAST_OK);
    assert_int_equal(fast_workbook_set_created_time(wb, -62135596800LL), FAST_OK);
    char url[2079];
    memset(url, 'a', sizeof url);
    memcpy(url, "https://", 8);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 1048575, 16383, url, sizeof url), FAST_OK);
    tu_close_ok(wb);
    tu_buf_free(&out);
}

static void test_hyperlink_limit(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "Links");
    const char *u = "https://example.com/";
    for (uint32_t i = 0; i < FAST_MAX_HYPERLINKS; i++) {
        fast_status st = fast_workbook_add_hyperlink(wb, i / 4, i % 4, u, strlen(u));
        if (st != FAST_OK)
            fail_msg("hyperlink %u: %d %s", (unsigned)i + 1, (int)st, fast_workbook_error_message(wb));
    }
    expect_failure(wb, fast_workbook_add_hyperlink(wb, 20000, 0, u, strlen(u)), FAST_ERROR_HYPERLINK_LIMIT,
                   "sheet 'Links': more than 65530 hyperlinks");
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

/* ======================================================================================
 * 5. Continuation sheets
 * ==================================================================================== */

#define CONT_VIEW VIEW("ySplit=\"2\"", "A3", "bottomLeft")
#define CONT_VIEW1 VIEW1("ySplit=\"2\"", "A3", "bottomLeft")
#define CONT_COLS "<cols>" COL(1, 2, "12.7109375") "</cols>"
#define CONT_H1 "<row r=\"1\" ht=\"24\" customHeight=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c></row>"
#define CONT_H2                                                                                      \
    "<row r=\"2\"><c r=\"A2\" s=\"1\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\" t=\"s\"><v>2</v></c>" \
    "<c r=\"C2\" s=\"1\" t=\"s\"><v>3</v></c></row>"

static void test_continuation_sheets(void **state)
{
    (void)state;
    const int data_rows = 11;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 5), FAST_OK);
    add_sheet(wb, "Data");
    assert_int_equal(fast_workbook_set_header_rows(wb, 2), FAST_OK);
    assert_int_equal(fast_workbook_freeze_panes(wb, 2, 0), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 1, 12), FAST_OK);
    assert_int_equal(fast_workbook_set_autofilter(wb, 1, 0, FAST_LAST_ROW, 2), FAST_OK);
    fast_format *bold = fast_workbook_add_format(wb);
    assert_non_null(bold);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);

    fast_cells *c = fast_cells_new(3);
    assert_non_null(c);
    /* The header text lives in a buffer that changes after the rows are written:
     * the repeated header rows must use copies. */
    char title[] = "Sales report";
    assert_int_equal(fast_cells_set_string(c, 0, title, strlen(title)), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 0, bold), FAST_OK);
    assert_int_equal(fast_cells_set_row_height(c, 24), FAST_OK);
    tu_write_row(wb, c, 1);
    memset(title, '#', strlen(title));
    fast_cells_clear(c);
    const char *heads[] = {"id", "name", "amount"};
    for (size_t i = 0; i < 3; i++) {
        set_str(c, i, heads[i]);
        assert_int_equal(fast_cells_set_format(c, i, bold), FAST_OK);
    }
    tu_write_row(wb, c, 3);
    fast_cells_clear(c);
    char names[16][16];
    for (int k = 1; k <= data_rows; k++) {
        snprintf(names[k], sizeof names[k], "item %d", k);
        assert_int_equal(fast_cells_set_integer(c, 0, k), FAST_OK);
        set_str(c, 1, names[k]);
        assert_int_equal(fast_cells_set_number(c, 2, k * 1.5), FAST_OK);
        tu_write_row(wb, c, 3);
    }
    fast_cells_free(c);
    tu_close_ok(wb);

    /* Three data rows per sheet: 11 rows make four sheets, the last with two. */
    const char *sheet_names[] = {"Data", "Data (2)", "Data (3)", "Data (4)"};
    tu_buf wbx = {0};
    buf_printf(&wbx, "%s", WB_HEAD);
    for (int s = 0; s < 4; s++)
        buf_printf(&wbx, "<sheet name=\"%s\" sheetId=\"%d\" r:id=\"rId%d\"/>", sheet_names[s], s + 1, s + 1);
    buf_printf(&wbx, "%s", "</sheets><definedNames>");
    for (int s = 0; s < 4; s++) {
        int last = 2 + (s < 3 ? 3 : 2);
        const char *q = s ? "'" : ""; /* "Data (2)" needs quotes in a formula, "Data" not */
        buf_printf(&wbx,
                   "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"%d\" hidden=\"1\">%s%s%s!$A$2:$C$%d"
                   "</definedName>",
                   s, q, sheet_names[s], q, last);
    }
    buf_printf(&wbx, "%s", "</definedNames></workbook>");
    expect_part_buf(&out, "xl/workbook.xml", &wbx);
    tu_buf_free(&wbx);

    for (int s = 0; s < 4; s++) {
        tu_buf want = {0};
        buf_printf(&want, "%s%s%s", SHEET_HEAD, s ? CONT_VIEW : CONT_VIEW1, CONT_COLS "<sheetData>" CONT_H1 CONT_H2);
        int row = 3;
        for (int k = 3 * s + 1; k <= 3 * s + 3 && k <= data_rows; k++, row++)
            buf_printf(&want,
                       "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c><c r=\"B%d\" t=\"s\"><v>%d</v></c>"
                       "<c r=\"C%d\"><v>%g</v></c></row>",
                       row, row, k, row, 3 + k, row, k * 1.5);
        buf_printf(&want, "</sheetData><autoFilter ref=\"A2:C%d\"/>" SHEET_END, row - 1);
        char part[64];
        snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", s + 1);
        expect_part_buf(&out, part, &want);
        tu_buf_free(&want);
    }
    tu_assert_not_contains(out.data, out.len, "############");
    tu_buf_free(&out);
}

/* Count the characters of UTF-8 text. */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The names of the sheets in xl/workbook.xml, one after the other, each followed by '|'. */
static void sheet_names(const tu_buf *pkg, tu_buf *names)
{
    tu_buf wbx = {0};
    extract_part(pkg, "xl/workbook.xml", &wbx);
    const char *p = (const char *)wbx.data;
    while ((p = strstr(p, "<sheet name=\"")) != NULL) {
        p += 13;
        const char *q = strchr(p, '"');
        assert_non_null(q);
        if (utf8_chars(p, (size_t)(q - p)) > FAST_MAX_SHEET_NAME_CHARS)
            fail_msg("sheet name \"%.*s\" is longer than 31 characters", (int)(q - p), p);
        tu_buf_append(names, p, (size_t)(q - p));
        tu_buf_append(names, "|", 1);
        p = q;
    }
    tu_buf_free(&wbx);
}

static void test_continuation_names(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 1), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);

    /* 31 ASCII characters: 10 rows make sheets up to " (10)". */
    add_sheet(wb, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcde");
    for (int i = 0; i < 10; i++)
        tu_write_row(wb, c, 1);
    /* 31 two-byte characters, cut on a character boundary. */
    char e31[64] = "";
    for (int i = 0; i < 31; i++)
        strcat(e31, "\xC3\xA9");
    add_sheet(wb, e31);
    tu_write_row(wb, c, 1);
    tu_write_row(wb, c, 1);
    /* 30 three-byte characters and a four-byte one. */
    char mixed[128] = "";
    for (int i = 0; i < 30; i++)
        strcat(mixed, "\xE2\x82\xAC");
    strcat(mixed, "\xF0\x9F\x98\x80");
    add_sheet(wb, mixed);
    tu_write_row(wb, c, 1);
    tu_write_row(wb, c, 1);
    /* Short names are not cut. */
    add_sheet(wb, "x");
    tu_write_row(wb, c, 1);
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    tu_close_ok(wb);

    tu_buf want = {0};
    const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcde";
    buf_printf(&want, "%s|", abc);
    for (int k = 2; k <= 9; k++)
        buf_printf(&want, "%.27s (%d)|", abc, k);
    buf_printf(&want, "%.26s (10)|", abc);
    buf_printf(&want, "%s|%.54s (2)|", e31, e31);
    buf_printf(&want, "%s|%.81s (2)|", mixed, mixed);
    buf_printf(&want, "%s", "x|x (2)|");
    tu_buf got = {0};
    sheet_names(&out, &got);
    tu_assert_bytes_equal(got.data, got.len, want.data, want.len);
    tu_buf_free(&got);
    tu_buf_free(&want);
    tu_buf_free(&out);
}

/* A name taken by a user sheet (compared case-insensitively) is skipped. */
static void test_continuation_skips_used_name(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    add_sheet(wb, "data (2)");
    const char *v[] = {"u"};
    assert_int_equal(fast_workbook_write_row_strings(wb, v, NULL, 1), FAST_OK);
    add_sheet(wb, "Data");
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 2), FAST_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(fast_workbook_write_row_strings(wb, v, NULL, 1), FAST_OK);
    tu_close_ok(wb);
    tu_buf got = {0};
    sheet_names(&out, &got);
    tu_assert_str_bytes(got.data, got.len, "data (2)|Data|Data (3)|Data (4)|");
    expect_part(&out, "xl/worksheets/sheet4.xml",
                SHEET_HEAD "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>" SHEET_END);
    tu_buf_free(&got);
    tu_buf_free(&out);
}

static void test_rows_error_policy(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 5), FAST_OK);
    assert_int_equal(fast_workbook_set_row_limit_policy(wb, FAST_ROWS_ERROR), FAST_OK);
    add_sheet(wb, "Data");
    assert_int_equal(fast_workbook_set_header_rows(wb, 2), FAST_OK);
    const char *v[] = {"v"};
    for (int i = 0; i < 5; i++)
        assert_int_equal(fast_workbook_write_row_strings(wb, v, NULL, 1), FAST_OK);
    expect_failure(wb, fast_workbook_write_row_strings(wb, v, NULL, 1), FAST_ERROR_ROW_LIMIT,
                   "sheet 'Data': row 6 is beyond the limit of 5 rows per worksheet");
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

/* The continuation repeats the fitted widths of the sheet it continues. */
static void test_continuation_autofit(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 3), FAST_OK);
    add_sheet(wb, "Fit");
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 100), FAST_OK);
    const char *r1[] = {"id", "description"}, *r2[] = {"1", "a"}, *r3[] = {"2", "bb"},
               *r4[] = {"3", "a much longer description"};
    assert_int_equal(fast_workbook_write_row_strings(wb, r1, NULL, 2), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, r2, NULL, 2), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, r3, NULL, 2), FAST_OK);
    assert_int_equal(fast_workbook_write_row_strings(wb, r4, NULL, 2), FAST_OK);
    tu_close_ok(wb);
    /* "id": 2 -> 4.2 -> 1075/256; "description": 11 -> 14.1 -> 3610/256. */
    expect_part(&out, "xl/worksheets/sheet1.xml",
                SHEET_HEAD SELECTED "<cols>" COL(1, 1, "4.85546875") COL(2, 2, "14.85546875") "</cols><sheetData>"
                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                           "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
                           "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"B3\" t=\"s\"><v>5</v></c></row>"
                           "</sheetData>" SHEET_END);
    expect_part(&out, "xl/worksheets/sheet2.xml",
                SHEET_HEAD "<cols>" COL(1, 1, "4.85546875") COL(2, 2, "14.85546875") "</cols><sheetData>"
                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                           "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>6</v></c><c r=\"B2\" t=\"s\"><v>7</v></c></row>"
                           "</sheetData>" SHEET_END);
    tu_buf_free(&out);
}

/*
 * A row rejected at the moment a sheet is full: the message must name a place
 * that is consistent: either where the caller was writing (sheet 'Data', row 4)
 * or where the row would have landed (sheet 'Data (2)', row 1), not the full
 * sheet with the continuation's row number.
 */
static void test_continuation_error_place(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 3), FAST_OK);
    add_sheet(wb, "Data");
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    assert_int_equal(fast_cells_set_integer(c, 0, 1), FAST_OK);
    for (int i = 0; i < 3; i++)
        tu_write_row(wb, c, 1);
    assert_int_equal(fast_cells_set_date(c, 1, 2023, 2, 30), FAST_OK);
    fast_status st = fast_workbook_write_row(wb, c, 2);
    char m[256];
    snprintf(m, sizeof m, "%s", fast_workbook_error_message(wb));
    fast_cells_free(c);
    fast_workbook_free(wb);
    tu_buf_free(&out); /* released before the checks: a failure leaks nothing */
    assert_int_equal(st, FAST_ERROR_INVALID_DATE);
    if (strcmp(m, "sheet 'Data', row 4, column B: invalid date 2023-02-30") != 0 &&
        strcmp(m, "sheet 'Data (2)', row 1, column B: invalid date 2023-02-30") != 0)
        fail_msg("message names an inconsistent place: %s", m);
}

/* ======================================================================================
 * 6. Document properties
 * ==================================================================================== */

static void test_properties(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    const char *t0 = "first title";
    const char *title = "Q3 <Report> & \"Summary\"";
    const char *subject = "Sales";
    const char *author = "Zo\xC3\xAB O'Brien";
    const char *company = "ACME & Co <Ltd>";
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, t0, strlen(t0)), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, title, strlen(title)), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_SUBJECT, subject, strlen(subject)), FAST_OK);
    add_sheet(wb, "S"); /* any time before close */
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_AUTHOR, author, strlen(author)), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_COMPANY, company, strlen(company)), FAST_OK);
    assert_int_equal(fast_workbook_set_created_time(wb, 1700000000), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "docProps/core.xml",
                CORE_HEAD "<dc:title>Q3 &lt;Report&gt; &amp; &quot;Summary&quot;</dc:title><dc:subject>Sales</dc:subject>"
                          "<dc:creator>Zo\xC3\xAB O'Brien</dc:creator>"
                          "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z</dcterms:created>" CORE_END);
    expect_part(&out, "docProps/app.xml", APP_HEAD "<Company>ACME &amp; Co &lt;Ltd&gt;</Company>" APP_END);
    tu_buf_free(&out);

    /* None of them without the setters. */
    wb = tu_callback_workbook(&out);
    tu_close_ok(wb);
    expect_part(&out, "docProps/core.xml", CORE_HEAD CORE_END);
    expect_part(&out, "docProps/app.xml", APP_HEAD APP_END);
    tu_buf_free(&out);

    /* Times before 1970 and the earliest one. */
    wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_created_time(wb, -1), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "docProps/core.xml",
                CORE_HEAD "<dcterms:created xsi:type=\"dcterms:W3CDTF\">1969-12-31T23:59:59Z</dcterms:created>" CORE_END);
    tu_buf_free(&out);
    wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_set_created_time(wb, 253402300799LL), FAST_OK);
    tu_close_ok(wb);
    expect_part(&out, "docProps/core.xml",
                CORE_HEAD "<dcterms:created xsi:type=\"dcterms:W3CDTF\">9999-12-31T23:59:59Z</dcterms:created>" CORE_END);
    tu_buf_free(&out);
}

static void test_properties_rejected(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    expect_failure(wb, fast_workbook_set_property(wb, FAST_PROPERTY_AUTHOR, "ab\xC3\x28", 4), FAST_ERROR_INVALID_UTF8,
                   "fast_workbook_set_property: invalid UTF-8 at byte 3");
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    fast_workbook_free(wb);
    tu_buf_free(&out);

    wb = tu_callback_workbook(&out);
    expect_failure(wb, fast_workbook_set_property(wb, FAST_PROPERTY_COMPANY, "\xED\xBF\xBF", 3),
                   FAST_ERROR_INVALID_UTF8, "fast_workbook_set_property: invalid UTF-8 at byte 1");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    /* After close. */
    wb = tu_callback_workbook(&out);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    expect_failure(wb, fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, "t", 1), FAST_ERROR_CLOSED,
                   "fast_workbook_set_property: the workbook is already closed");
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

/* Text that reaches XML outside ST_Xstring cannot hold C0 controls or U+FFFE /
 * U+FFFF: each place refuses them with a message naming the character. */
static void test_xml_nonchars_rejected(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = tu_callback_workbook(&out);
    expect_failure(wb, fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, "a\xEF\xBF\xBE", 4),
                   FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_set_property: character U+FFFE at byte 2 cannot be stored in a document property "
                   "(XML 1.0 cannot hold it there)");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    wb = tu_callback_workbook(&out);
    expect_failure(wb, fast_workbook_set_property(wb, FAST_PROPERTY_COMPANY, "Co\xEF\xBF\xBF", 5),
                   FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_set_property: character U+FFFF at byte 3 cannot be stored in a document property "
                   "(XML 1.0 cannot hold it there)");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    expect_failure(wb, fast_workbook_add_hyperlink(wb, 0, 0, "https://a/\xEF\xBF\xBF", 13), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_hyperlink: URL: character U+FFFF at byte 11 cannot be stored in XML (a control "
                   "character or a noncharacter)");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    wb = tu_callback_workbook(&out);
    add_sheet(wb, "S");
    expect_failure(wb, fast_workbook_add_hyperlink(wb, 0, 0, "https://a/\x01", 11), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_hyperlink: URL: character U+0001 at byte 11 cannot be stored in XML (a control "
                   "character or a noncharacter)");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    wb = tu_callback_workbook(&out);
    expect_failure(wb, fast_workbook_add_worksheet(wb, "ab\xEF\xBF\xBE", 5), FAST_ERROR_SHEET_NAME,
                   "worksheet name: character U+FFFE at byte 3 is not allowed (a noncharacter)");
    fast_workbook_free(wb);
    tu_buf_free(&out);

    /* Font names and number format codes: the setter refuses, the format is unchanged. */
    wb = tu_callback_workbook(&out);
    fast_format *f = fast_workbook_add_format(wb);
    assert_non_null(f);
    assert_int_equal(fast_format_set_font_name(f, "Ari\x01" "al", 6), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_format_set_font_name(f, "Arial\xEF\xBF\xBF", 8), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_format_set_num_format(f, "0.00\xEF\xBF\xBE", 7), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_format_set_num_format(f, "0\x1F", 2), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_format_set_font_name(f, "Arial", 5), FAST_OK);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);

    /* Formulas are ST_Xstring (ST_Formula): such characters are escaped there. */
    add_sheet(wb, "S");
    fast_cells *c = fast_cells_new(2);
    assert_int_equal(fast_cells_set_formula(c, 0, "\"a\x01" "b\xEF\xBF\xBF\"", 8), FAST_OK);
    assert_int_equal(fast_cells_set_formula_string(c, 1, "T(\"_x0041\x02\")", 12, "_x0041\x02", 7), FAST_OK);
    assert_int_equal(fast_cells_set_format(c, 1, f), FAST_OK);
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_buf sheet = {0}, styles = {0};
    tu_extract_part(&out, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_contains(sheet.data, sheet.len, "<f>\"a_x0001_b_xFFFF_\"</f>");
    tu_assert_contains(sheet.data, sheet.len, "<f>T(\"_x005F_x0041_x0002_\")</f><v>_x005F_x0041_x0002_</v>");
    tu_extract_part(&out, "xl/styles.xml", &styles);
    tu_assert_contains(styles.data, styles.len, "<name val=\"Arial\"/>");
    tu_buf_free(&sheet);
    tu_buf_free(&styles);
    tu_buf_free(&out);
}

/* ======================================================================================
 * Schema validation of a rich workbook
 * ==================================================================================== */

static void test_rich_workbook_validates(void **state)
{
    (void)state;
    const char *srcdir = getenv("FASTXLSX_SRCDIR");
    char script[512];
    snprintf(script, sizeof script, "%s/tests/tools/validate-xlsx", srcdir && *srcdir ? srcdir : ".");
    if (access(script, R_OK) != 0)
        fail_msg("%s not found: run from the source tree or set FASTXLSX_SRCDIR", script);

    const char *base = getenv("TMPDIR");
    char dir[256], path[320];
    snprintf(dir, sizeof dir, "%s/fx_test_features_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir))
        fail_msg("mkdtemp(%s) failed", dir);
    snprintf(path, sizeof path, "%s/rich.xlsx", dir);

    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    fast_format *bold = fast_workbook_add_format(wb);
    fast_format *money = fast_workbook_add_format(wb);
    assert_non_null(bold);
    assert_non_null(money);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(bold, 0xDDEEFF), FAST_OK);
    assert_int_equal(fast_format_set_num_format(money, "#,##0.00 \"EUR\"", 14), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_TITLE, "Rich & <valid>", 14), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_SUBJECT, "Tests", 5), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_AUTHOR, "fastxlsx", 8), FAST_OK);
    assert_int_equal(fast_workbook_set_property(wb, FAST_PROPERTY_COMPANY, "R&D", 3), FAST_OK);
    assert_int_equal(fast_workbook_set_created_time(wb, 1700000000), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 6), FAST_OK);

    add_sheet(wb, "It's data");
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_freeze_panes(wb, 1, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 0, 0, 8), FAST_OK);
    assert_int_equal(fast_workbook_set_column_width(wb, 2, 4, 14.25), FAST_OK);
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 6), FAST_OK);
    fast_cells *c = fast_cells_new(8);
    assert_non_null(c);
    const char *heads[] = {"id", "when", "at", "amount", "formula", " padded ", "flag", "link"};
    for (size_t i = 0; i < 8; i++) {
        set_str(c, i, heads[i]);
        assert_int_equal(fast_cells_set_format(c, i, bold), FAST_OK);
    }
    assert_int_equal(fast_cells_set_row_height(c, 22), FAST_OK);
    tu_write_row(wb, c, 8);
    for (int k = 1; k <= 12; k++) {
        fast_cells_clear(c);
        assert_int_equal(fast_cells_set_integer(c, 0, k), FAST_OK);
        assert_int_equal(fast_cells_set_date(c, 1, 2024, 1 + k % 12, 1 + k), FAST_OK);
        assert_int_equal(fast_cells_set_datetime(c, 2, 2024, 2, 29, k, 30, 15, 250), FAST_OK);
        assert_int_equal(fast_cells_set_number(c, 3, k * 1234.5), FAST_OK);
        assert_int_equal(fast_cells_set_format(c, 3, money), FAST_OK);
        if (k % 3 == 0)
            assert_int_equal(fast_cells_set_formula(c, 4, "=D2*2", 5), FAST_OK);
        else if (k % 3 == 1)
            assert_int_equal(fast_cells_set_formula_string(c, 4, "A2&\"<x>\"", 8, "1<x>", 4), FAST_OK);
        else
            assert_int_equal(fast_cells_set_formula_boolean(c, 4, "A2>1", 4, 1), FAST_OK);
        set_str(c, 5, " lead and trail ");
        assert_int_equal(fast_cells_set_boolean(c, 6, k & 1), FAST_OK);
        set_str(c, 7, "example\x01text_x0041_");
        if (k == 5) {
            assert_int_equal(fast_cells_set_row_format(c, bold), FAST_OK);
            assert_int_equal(fast_cells_set_blank(c, 5), FAST_OK);
            assert_int_equal(fast_cells_set_format(c, 5, bold), FAST_OK);
        }
        tu_write_row(wb, c, 8);
    }
    const char *u = "https://example.com/?a=1&b=\"2\"";
    assert_int_equal(fast_workbook_add_hyperlink(wb, 1, 7, u, strlen(u)), FAST_OK);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 2, 7, "mailto:a@b.c", 12), FAST_OK);
    assert_int_equal(fast_workbook_merge_range(wb, 7, 0, 7, 2), FAST_OK);

    add_sheet(wb, "Fitted");
    assert_int_equal(fast_workbook_set_autofit_rows(wb, 3), FAST_OK);
    assert_int_equal(fast_workbook_freeze_panes(wb, 0, 2), FAST_OK);
    fast_cells_clear(c);
    set_str(c, 0, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");
    assert_int_equal(fast_cells_set_unix_time(c, 1, 1700000000, 123), FAST_OK);
    assert_int_equal(fast_cells_set_number(c, 2, -0.000123), FAST_OK);
    tu_write_row(wb, c, 3);
    assert_int_equal(fast_cells_set_row_height(c, 409), FAST_OK);
    tu_write_row(wb, c, 0);
    assert_int_equal(fast_workbook_merge_range(wb, 3, 0, 4, 3), FAST_OK);

    add_sheet(wb, "Empty");
    fast_cells_free(c);
    tu_close_ok(wb);

    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bash '%s' -x -q '%s'", script, path);
    int rc = system(cmd);
    unlink(path);
    rmdir(dir);
    if (rc != 0)
        fail_msg("%s: exit status %d", cmd, rc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_serials),
        cmocka_unit_test(test_datetime_serials),
        cmocka_unit_test(test_datetime_serial_correctly_rounded),
        cmocka_unit_test(test_unix_time),
        cmocka_unit_test(test_date_default_formats),
        cmocka_unit_test(test_dates_rejected),
        cmocka_unit_test(test_unix_time_extremes_rejected),
        cmocka_unit_test(test_formulas),
        cmocka_unit_test(test_formula_text_and_no_calcpr),
        cmocka_unit_test(test_formula_calcpr_held_rows),
        cmocka_unit_test(test_formulas_rejected),
        cmocka_unit_test(test_freeze_panes),
        cmocka_unit_test(test_column_widths),
        cmocka_unit_test(test_autofit),
        cmocka_unit_test(test_autofit_counts_characters),
        cmocka_unit_test(test_autofit_memory_limit),
        cmocka_unit_test(test_header_rows_memory_limit),
        cmocka_unit_test(test_header_rows_keep_their_formats),
        cmocka_unit_test(test_autofilter),
        cmocka_unit_test(test_sheet_part_order),
        cmocka_unit_test(test_hyperlink_url_verbatim),
        cmocka_unit_test(test_row_formats_and_heights),
        cmocka_unit_test(test_too_late),
        cmocka_unit_test(test_after_rows_fine),
        cmocka_unit_test(test_no_worksheet),
        cmocka_unit_test(test_workbook_wide_settings_before_sheets),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_hyperlink_limit),
        cmocka_unit_test(test_continuation_sheets),
        cmocka_unit_test(test_continuation_names),
        cmocka_unit_test(test_continuation_skips_used_name),
        cmocka_unit_test(test_rows_error_policy),
        cmocka_unit_test(test_continuation_autofit),
        cmocka_unit_test(test_continuation_error_place),
        cmocka_unit_test(test_properties),
        cmocka_unit_test(test_properties_rejected),
        cmocka_unit_test(test_xml_nonchars_rejected),
        cmocka_unit_test(test_rich_workbook_validates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
