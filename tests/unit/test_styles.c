/*
 * test_styles.c - lib/styles.c and lib/format.c: the format setters, cellXfs
 * indexes (deduplication, date defaults, cache invalidation, the
 * FAST_MAX_FORMATS limit) and xl/styles.xml, checked as exact XML and against
 * the ECMA-376 schema (tests/schemas/sml.xsd, with xmllint).
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "styles.h"

#include <math.h>
#include <unistd.h>

#include "testutil.h"

#define HEAD                                                          \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
/* Calibri tied to the theme (text colour 1, minor font), as Excel writes it. */
#define CALIBRI "<color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/>"
#define FONT0 "<font><sz val=\"11\"/>" CALIBRI "</font>"
#define FILLS01 "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
#define BORDER0 "<border><left/><right/><top/><bottom/><diagonal/></border>"
#define THIN(side) "<" side " style=\"thin\"><color auto=\"1\"/></" side ">"
#define BORDER_THIN "<border>" THIN("left") THIN("right") THIN("top") THIN("bottom") "<diagonal/></border>"
#define XF0 "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
#define TAIL                                                                                          \
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
#define STYLES_END                                                                            \
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" \
    "</styleSheet>"

/* A stylesheet under test and its error record. */
typedef struct fixture {
    fx_error err;
    fx_styles st;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    fx_styles_init(&fx->st, &fx->err);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    fx_styles_free(&fx->st);
    free(fx);
    return 0;
}

static fast_format *new_format(fixture *fx)
{
    fast_format *f = fx_styles_new_format(&fx->st);
    assert_non_null(f);
    return f;
}

/* The cellXfs index of @f for a value of @kind; the call must succeed. */
static uint32_t xf_of(fixture *fx, const fast_format *f, int kind)
{
    uint32_t xf = 0xDEADBEEFu;
    fast_status st = fx_styles_xf(&fx->st, f, kind, &xf);
    if (st != FAST_OK)
        fail_msg("fx_styles_xf returned %d (%s): %s", (int)st, fast_strerror(st), fx->err.message);
    assert_int_equal(fx->err.status, FAST_OK);
    return xf;
}

static fast_status append_out(void *ctx, const void *data, size_t len)
{
    tu_buf_append(ctx, data, len);
    return FAST_OK;
}

/* The stylesheet, through the smallest XML buffer so that it is flushed often. */
static void styles_xml(const fixture *fx, tu_buf *out)
{
    fx_error err;
    memset(&err, 0, sizeof err);
    memset(out, 0, sizeof *out);
    tu_buf_append(out, "", 0);
    fx_xmlbuf xb;
    assert_int_equal(fx_xb_init(&xb, FX_XB_MIN_CAPACITY, &err), FAST_OK);
    xb.out = append_out;
    xb.out_ctx = out;
    fast_status st = fx_styles_write_xml(&fx->st, &xb);
    if (st == FAST_OK)
        st = fx_xb_flush(&xb);
    fx_xb_free(&xb);
    assert_int_equal(st, FAST_OK);
}

/* Require that the element @name of the stylesheet (from "<name count=" to
 * "</name>") is exactly @expected. */
#define expect_section(xml, name, expected) expect_section_((xml), (name), (expected), __LINE__)

static void expect_section_(const tu_buf *xml, const char *name, const char *expected, int line)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s count=\"", name);
    snprintf(close, sizeof close, "</%s>", name);
    long from = tu_find(xml->data, xml->len, open, strlen(open));
    if (from < 0)
        fail_msg("line %d: no <%s> in %s", line, name, (const char *)xml->data);
    long to = tu_find(xml->data + from, xml->len - (size_t)from, close, strlen(close));
    if (to < 0)
        fail_msg("line %d: <%s> is not closed", line, name);
    size_t len = (size_t)to + strlen(close);
    if (len != strlen(expected) || memcmp(xml->data + from, expected, len) != 0) {
        print_message("line %d: <%s>\n     got: %.*s\nexpected: %s\n", line, name, (int)len,
                      (const char *)xml->data + from, expected);
        tu_assert_bytes_equal(xml->data + from, len, expected, strlen(expected));
    }
}

/* Require the stylesheet's <name> section to be @expected. */
static void expect_styles_section(const fixture *fx, const char *name, const char *expected)
{
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, name, expected);
    tu_buf_free(&xml);
}

/* ---- schema validation with xmllint --------------------------------------------- */

/* Validate @xml against sml.xsd; returns xmllint's exit status (0: valid) and
 * leaves its output in @report. */
static int xmllint_validate(const void *xml, size_t len, char *report, size_t report_size)
{
    const char *dir = getenv("FASTXLSX_SCHEMA_DIR");
    char schema[512];
    snprintf(schema, sizeof schema, "%s/sml.xsd", dir ? dir : "tests/schemas");
    if (access(schema, R_OK) != 0)
        fail_msg("cannot read %s (run from the source tree or set FASTXLSX_SCHEMA_DIR)", schema);

    char path[] = "/tmp/fastxlsx-test-styles-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, xml, len) == (ssize_t)len);
    assert_int_equal(close(fd), 0);

    char cmd[1200];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet --schema '%s' '%s' 2>&1", schema, path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(report, 1, report_size - 1, p);
    report[n] = '\0';
    while (fgetc(p) != EOF) /* drain the rest */
        ;
    int status = pclose(p);
    unlink(path);
    if (status == -1 || !WIFEXITED(status))
        fail_msg("xmllint did not run: %s", report);
    if (WEXITSTATUS(status) == 127)
        fail_msg("xmllint not found (apt-get install libxml2-utils): %s", report);
    return WEXITSTATUS(status);
}

static void expect_schema_valid(const tu_buf *xml)
{
    char report[4096];
    int rc = xmllint_validate(xml->data, xml->len, report, sizeof report);
    if (rc != 0)
        fail_msg("xl/styles.xml does not validate against sml.xsd (xmllint exit %d):\n%s\n%s", rc, report,
                 (const char *)xml->data);
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_default_stylesheet(void **state)
{
    fixture *fx = *state;
    tu_buf xml;
    styles_xml(fx, &xml);
    tu_assert_str_bytes(xml.data, xml.len,
                        HEAD "<fonts count=\"1\">" FONT0 "</fonts>"
                             "<fills count=\"2\">" FILLS01 "</fills>"
                             "<borders count=\"1\">" BORDER0 "</borders>" TAIL "<cellXfs count=\"1\">" XF0
                             "</cellXfs>" STYLES_END);
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

/* No format, and formats equal to the default, are cellXfs 0 and add nothing. */
static void test_default_format_is_xf0(void **state)
{
    fixture *fx = *state;
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_PLAIN), 0);
    fast_format *f = new_format(fx);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 0);
    /* explicit values equal to the defaults */
    fast_format *g = new_format(fx);
    assert_int_equal(fast_format_set_font_name(g, "Calibri", 7), FAST_OK);
    assert_int_equal(fast_format_set_font_size(g, 11), FAST_OK);
    assert_int_equal(fast_format_set_num_format(g, "General", 7), FAST_OK);
    assert_int_equal(fast_format_set_align(g, FAST_ALIGN_GENERAL), FAST_OK);
    assert_int_equal(fast_format_set_valign(g, FAST_VALIGN_BOTTOM), FAST_OK);
    assert_int_equal(fast_format_set_bold(g, 0), FAST_OK);
    assert_int_equal(xf_of(fx, g, FX_VALUE_PLAIN), 0);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "fonts", "<fonts count=\"1\">" FONT0 "</fonts>");
    expect_section(&xml, "cellXfs", "<cellXfs count=\"1\">" XF0 "</cellXfs>");
    tu_assert_not_contains(xml.data, xml.len, "<numFmts");
    tu_buf_free(&xml);
}

static void test_bold(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_bold(f, 1), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "fonts",
                   "<fonts count=\"2\">" FONT0
                   "<font><b/><sz val=\"11\"/>" CALIBRI "</font></fonts>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"2\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "</cellXfs>");
    expect_section(&xml, "fills", "<fills count=\"2\">" FILLS01 "</fills>");
    expect_section(&xml, "borders", "<borders count=\"1\">" BORDER0 "</borders>");
    tu_buf_free(&xml);
}

/* Differential formats (§18.8.14-15): what a dxf carries, in Excel's form (a
 * solid fill as bgColor without patternType, as XlsxWriter's Excel-made
 * cond_format files have it), deduplicated, ids in first-use order, custom
 * number formats sharing the numFmts ids; written after cellStyles. */
static void test_dxfs(void **state)
{
    fixture *fx = *state;
    fast_format *red = new_format(fx), *all = new_format(fx), *num = new_format(fx), *empty = new_format(fx);
    fast_format *red2 = new_format(fx), *builtin = new_format(fx);
    assert_int_equal(fast_format_set_font_color(red, 0x9C0006), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(red, 0xFFC7CE), FAST_OK);
    assert_int_equal(fast_format_set_font_color(red2, 0x9C0006), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(red2, 0xFFC7CE), FAST_OK);
    assert_int_equal(fast_format_set_font_size(red2, 20), FAST_OK); /* not part of a dxf */
    assert_int_equal(fast_format_set_bold(all, 1), FAST_OK);
    assert_int_equal(fast_format_set_italic(all, 1), FAST_OK);
    assert_int_equal(fast_format_set_underline(all, 1), FAST_OK);
    assert_int_equal(fast_format_set_strikeout(all, 1), FAST_OK);
    assert_int_equal(fast_format_set_border(all, 1), FAST_OK);
    assert_int_equal(fast_format_set_num_format(num, "0.000", 5), FAST_OK);
    assert_int_equal(fast_format_set_num_format(builtin, "0.00", 4), FAST_OK);
    uint32_t id = 99;
    assert_int_equal(fx_styles_dxf(&fx->st, num, &id), FAST_OK);
    assert_int_equal(id, 0);
    assert_int_equal(fx_styles_dxf(&fx->st, red, &id), FAST_OK);
    assert_int_equal(id, 1);
    assert_int_equal(fx_styles_dxf(&fx->st, all, &id), FAST_OK);
    assert_int_equal(id, 2);
    assert_int_equal(fx_styles_dxf(&fx->st, red2, &id), FAST_OK);
    assert_int_equal(id, 1);
    assert_int_equal(fx_styles_dxf(&fx->st, num, &id), FAST_OK);
    assert_int_equal(id, 0);
    assert_int_equal(fx_styles_dxf(&fx->st, empty, &id), FAST_OK);
    assert_int_equal(id, 3);
    assert_int_equal(fx_styles_dxf(&fx->st, builtin, &id), FAST_OK);
    assert_int_equal(id, 4);
    /* a cell format with the same custom code gets the same numFmt id */
    assert_int_equal(xf_of(fx, num, FX_VALUE_PLAIN), 1);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "numFmts", "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.000\"/></numFmts>");
    expect_section(&xml, "dxfs",
                   "<dxfs count=\"5\">"
                   "<dxf><numFmt numFmtId=\"164\" formatCode=\"0.000\"/></dxf>"
                   "<dxf><font><color rgb=\"FF9C0006\"/></font><fill><patternFill><bgColor rgb=\"FFFFC7CE\"/>"
                   "</patternFill></fill></dxf>"
                   "<dxf><font><b/><i/><strike/><u/></font><border>" THIN("left") THIN("right") THIN("top")
                   THIN("bottom") "</border></dxf>"
                   "<dxf></dxf>"
                   "<dxf><numFmt numFmtId=\"2\" formatCode=\"0.00\"/></dxf>"
                   "</dxfs>");
    long cs = tu_find(xml.data, xml.len, "</cellStyles><dxfs count=", 25);
    assert_true(cs > 0);
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
    /* a format of another workbook */
    fx_styles other;
    fx_error err2;
    memset(&err2, 0, sizeof err2);
    fx_styles_init(&other, &err2);
    assert_int_equal(fx_styles_dxf(&other, red, &id), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(err2.status, FAST_OK);
    fx_styles_free(&other);
}

/* Strikeout in a cell format's font (cellXfs). */
static void test_strikeout(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_strikeout(f, 1), FAST_OK);
    assert_int_equal(fast_format_set_strikeout(NULL, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);
    expect_styles_section(fx, "fonts", "<fonts count=\"2\">" FONT0 "<font><strike/><sz val=\"11\"/>" CALIBRI "</font></fonts>");
    assert_int_equal(fast_format_set_strikeout(f, 0), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 0);
}

static void test_font_properties(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_italic(f, 1), FAST_OK);
    assert_int_equal(fast_format_set_underline(f, 1), FAST_OK);
    assert_int_equal(fast_format_set_font_name(f, "Arial Narrow", 12), FAST_OK);
    assert_int_equal(fast_format_set_font_size(f, 10.5), FAST_OK);
    assert_int_equal(fast_format_set_font_color(f, 0x1F4E79), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);

    /* a name that needs escaping, with a tab kept as a character reference */
    fast_format *g = new_format(fx);
    static const char name[] = "A&B \"<x>\"\t\xC3\xA9";
    assert_int_equal(fast_format_set_font_name(g, name, sizeof name - 1), FAST_OK);
    assert_int_equal(fast_format_set_font_size(g, 409), FAST_OK);
    assert_int_equal(fast_format_set_font_color(g, 0), FAST_OK);
    assert_int_equal(xf_of(fx, g, FX_VALUE_PLAIN), 2);

    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "fonts",
                   "<fonts count=\"3\">" FONT0
                   "<font><i/><u/><sz val=\"10.5\"/><color rgb=\"FF1F4E79\"/><name val=\"Arial Narrow\"/></font>"
                   "<font><sz val=\"409\"/><color rgb=\"FF000000\"/>"
                   "<name val=\"A&amp;B &quot;&lt;x&gt;&quot;&#9;\xC3\xA9\"/></font></fonts>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"3\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "</cellXfs>");
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

static void test_fill(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_fill_color(f, 0xFFFF00), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);
    fast_format *g = new_format(fx);
    assert_int_equal(fast_format_set_fill_color(g, 0x00B0F0), FAST_OK);
    assert_int_equal(xf_of(fx, g, FX_VALUE_PLAIN), 2);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "fills",
                   "<fills count=\"4\">" FILLS01
                   "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFFF00\"/><bgColor indexed=\"64\"/>"
                   "</patternFill></fill>"
                   "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF00B0F0\"/><bgColor indexed=\"64\"/>"
                   "</patternFill></fill></fills>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"3\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
                   "</cellXfs>");
    expect_section(&xml, "fonts", "<fonts count=\"1\">" FONT0 "</fonts>");
    tu_buf_free(&xml);
}

static void test_border(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_border(f, 1), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);
    fast_format *g = new_format(fx);
    assert_int_equal(fast_format_set_border(g, 7), FAST_OK); /* any non-zero is on */
    assert_int_equal(xf_of(fx, g, FX_VALUE_PLAIN), 1);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "borders", "<borders count=\"2\">" BORDER0 BORDER_THIN "</borders>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"2\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\"/>"
                   "</cellXfs>");
    tu_buf_free(&xml);
}

static void test_alignment(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_align(f, FAST_ALIGN_CENTER), FAST_OK);
    assert_int_equal(fast_format_set_valign(f, FAST_VALIGN_TOP), FAST_OK);
    assert_int_equal(fast_format_set_wrap(f, 1), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);
    fast_format *w = new_format(fx);
    assert_int_equal(fast_format_set_wrap(w, 1), FAST_OK);
    assert_int_equal(xf_of(fx, w, FX_VALUE_PLAIN), 2);
    expect_styles_section(fx, "cellXfs",
                          "<cellXfs count=\"3\">" XF0
                          "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                          "applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"top\" wrapText=\"1\"/>"
                          "</xf>"
                          "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                          "applyAlignment=\"1\"><alignment wrapText=\"1\"/></xf>"
                          "</cellXfs>");

    /* every value's name */
    static const char *const hnames[] = {NULL, "left", "center", "right", "fill", "justify"};
    static const char *const vnames[] = {NULL, "top", "center", "justify"};
    tu_buf xml;
    for (int h = 1; h <= FAST_ALIGN_JUSTIFY; h++) {
        fast_format *g = new_format(fx);
        assert_int_equal(fast_format_set_align(g, h), FAST_OK);
        uint32_t xf = xf_of(fx, g, FX_VALUE_PLAIN);
        char want[200];
        snprintf(want, sizeof want,
                 "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
                 "<alignment horizontal=\"%s\"/></xf>",
                 hnames[h]);
        styles_xml(fx, &xml);
        tu_assert_contains(xml.data, xml.len, want);
        tu_buf_free(&xml);
        assert_true(xf >= 3);
    }
    for (int v = 1; v <= FAST_VALIGN_JUSTIFY; v++) {
        fast_format *g = new_format(fx);
        assert_int_equal(fast_format_set_valign(g, v), FAST_OK);
        (void)xf_of(fx, g, FX_VALUE_PLAIN);
        char want[200];
        snprintf(want, sizeof want,
                 "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
                 "<alignment vertical=\"%s\"/></xf>",
                 vnames[v]);
        styles_xml(fx, &xml);
        tu_assert_contains(xml.data, xml.len, want);
        tu_buf_free(&xml);
    }
    styles_xml(fx, &xml);
    tu_assert_contains(xml.data, xml.len, "<cellXfs count=\"11\">");
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

static void test_builtin_num_formats(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *code;
        unsigned id;
    } cases[] = {
        {"0.00", 2},          {"0", 1},        {"#,##0", 3},         {"#,##0.00", 4},
        {"0%", 9},            {"0.00%", 10},   {"0.00E+00", 11},     {"# ?/?", 12},
        {"# ?\?/?\?", 13},    {"mm-dd-yy", 14}, {"d-mmm-yy", 15},    {"d-mmm", 16},
        {"mmm-yy", 17},       {"h:mm AM/PM", 18}, {"h:mm:ss AM/PM", 19}, {"h:mm", 20},
        {"h:mm:ss", 21},      {"m/d/yy h:mm", 22}, {"#,##0 ;(#,##0)", 37}, {"#,##0 ;[Red](#,##0)", 38},
        {"#,##0.00;(#,##0.00)", 39}, {"#,##0.00;[Red](#,##0.00)", 40}, {"mm:ss", 45}, {"[h]:mm:ss", 46},
        {"mmss.0", 47},       {"##0.0E+0", 48}, {"@", 49},
    };
    assert_int_equal(strlen(cases[8].code), 7); /* "# ??/??", not a trigraph */
    tu_buf xml;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fast_format *f = new_format(fx);
        assert_int_equal(fast_format_set_num_format(f, cases[i].code, strlen(cases[i].code)), FAST_OK);
        assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), i + 1);
        char want[200];
        snprintf(want, sizeof want,
                 "<xf numFmtId=\"%u\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                 "applyNumberFormat=\"1\"/>",
                 cases[i].id);
        styles_xml(fx, &xml);
        tu_assert_contains(xml.data, xml.len, want);
        tu_buf_free(&xml);
    }
    styles_xml(fx, &xml);
    tu_assert_not_contains(xml.data, xml.len, "<numFmts");
    tu_assert_not_contains(xml.data, xml.len, "numFmtId=\"164\"");
    tu_buf_free(&xml);
}

static void test_custom_num_formats(void **state)
{
    fixture *fx = *state;
    fast_format *pct = new_format(fx);
    assert_int_equal(fast_format_set_num_format(pct, "0.0%", 4), FAST_OK);
    assert_int_equal(xf_of(fx, pct, FX_VALUE_PLAIN), 1);
    fast_format *date = new_format(fx);
    assert_int_equal(fast_format_set_num_format(date, "yyyy-mm-dd", 10), FAST_OK);
    assert_int_equal(xf_of(fx, date, FX_VALUE_PLAIN), 2);
    /* the date default uses the same code: same numFmt, same xf */
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_DATE), 2);
    assert_int_equal(xf_of(fx, date, FX_VALUE_DATE), 2);
    /* quotes, ampersand and a line feed, escaped for the attribute */
    fast_format *cur = new_format(fx);
    static const char code[] = "\"$\"#,##0.00;[Red]-\"$\"#,##0.00&\n";
    assert_int_equal(fast_format_set_num_format(cur, code, sizeof code - 1), FAST_OK);
    assert_int_equal(xf_of(fx, cur, FX_VALUE_PLAIN), 3);
    fast_format *pct2 = new_format(fx);
    assert_int_equal(fast_format_set_num_format(pct2, "0.0%", 4), FAST_OK);
    assert_int_equal(xf_of(fx, pct2, FX_VALUE_PLAIN), 1);

    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "numFmts",
                   "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
                   "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/>"
                   "<numFmt numFmtId=\"166\" formatCode=\"&quot;$&quot;#,##0.00;[Red]-&quot;$&quot;#,##0.00"
                   "&amp;&#10;\"/></numFmts>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"4\">" XF0
                   "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "</cellXfs>");
    /* numFmts comes first */
    tu_assert_contains(xml.data, xml.len, HEAD "<numFmts count=\"3\">");
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

static void test_deduplication(void **state)
{
    fixture *fx = *state;
    fast_format *a = new_format(fx), *b = new_format(fx);
    assert_ptr_not_equal(a, b);
    /* equal properties set in a different order */
    assert_int_equal(fast_format_set_bold(a, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(a, 0xFF0000), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(b, 0xFF0000), FAST_OK);
    assert_int_equal(fast_format_set_bold(b, 1), FAST_OK);
    uint32_t xa = xf_of(fx, a, FX_VALUE_PLAIN);
    assert_int_equal(xa, 1);
    assert_int_equal(xf_of(fx, b, FX_VALUE_PLAIN), xa);
    /* differs only in fill: a new xf sharing the bold font */
    fast_format *c = new_format(fx);
    assert_int_equal(fast_format_set_bold(c, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(c, 0x0000FF), FAST_OK);
    assert_int_equal(xf_of(fx, c, FX_VALUE_PLAIN), 2);
    /* same fill as a, different font: shares the fill */
    fast_format *d = new_format(fx);
    assert_int_equal(fast_format_set_italic(d, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(d, 0xFF0000), FAST_OK);
    assert_int_equal(xf_of(fx, d, FX_VALUE_PLAIN), 3);
    /* border shared by two xfs */
    fast_format *e = new_format(fx), *g = new_format(fx);
    assert_int_equal(fast_format_set_border(e, 1), FAST_OK);
    assert_int_equal(fast_format_set_border(g, 1), FAST_OK);
    assert_int_equal(fast_format_set_bold(g, 1), FAST_OK);
    assert_int_equal(xf_of(fx, e, FX_VALUE_PLAIN), 4);
    assert_int_equal(xf_of(fx, g, FX_VALUE_PLAIN), 5);

    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "fonts",
                   "<fonts count=\"3\">" FONT0
                   "<font><b/><sz val=\"11\"/>" CALIBRI "</font>"
                   "<font><i/><sz val=\"11\"/>" CALIBRI "</font></fonts>");
    tu_assert_contains(xml.data, xml.len, "<fills count=\"4\">");
    tu_assert_contains(xml.data, xml.len, "<borders count=\"2\">");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"6\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
                   "applyFill=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
                   "applyFill=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
                   "applyFill=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" "
                   "applyBorder=\"1\"/>"
                   "</cellXfs>");
    tu_buf_free(&xml);
}

static void test_date_defaults(void **state)
{
    fixture *fx = *state;
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_PLAIN), 0);
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_DATE), 1);
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_DATE), 1);
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_DATETIME), 2);
    /* a format without a number format is like none for the date defaults */
    fast_format *plain = new_format(fx);
    assert_int_equal(xf_of(fx, plain, FX_VALUE_DATE), 1);
    assert_int_equal(xf_of(fx, plain, FX_VALUE_DATETIME), 2);
    assert_int_equal(xf_of(fx, plain, FX_VALUE_PLAIN), 0);
    fast_format *bold = new_format(fx);
    assert_int_equal(fast_format_set_bold(bold, 1), FAST_OK);
    assert_int_equal(xf_of(fx, bold, FX_VALUE_DATETIME), 3);
    assert_int_equal(xf_of(fx, bold, FX_VALUE_PLAIN), 4);
    /* its own number format wins */
    fast_format *own = new_format(fx);
    assert_int_equal(fast_format_set_num_format(own, "d/m/yyyy", 8), FAST_OK);
    assert_int_equal(xf_of(fx, own, FX_VALUE_DATE), 5);
    assert_int_equal(xf_of(fx, own, FX_VALUE_DATETIME), 5);
    assert_int_equal(xf_of(fx, own, FX_VALUE_PLAIN), 5);
    fast_format *builtin = new_format(fx);
    assert_int_equal(fast_format_set_num_format(builtin, "mm-dd-yy", 8), FAST_OK);
    assert_int_equal(xf_of(fx, builtin, FX_VALUE_DATE), 6);

    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "numFmts",
                   "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
                   "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>"
                   "<numFmt numFmtId=\"166\" formatCode=\"d/m/yyyy\"/></numFmts>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"7\">" XF0
                   "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "<xf numFmtId=\"165\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\"/>"
                   "</cellXfs>");
    tu_buf_free(&xml);
}

static void test_cache_invalidation(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_italic(f, 1), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);
    assert_int_equal(xf_of(fx, f, FX_VALUE_DATE), 2);
    assert_true(f->xf_valid[FX_VALUE_PLAIN] && f->xf_valid[FX_VALUE_DATE]);

    /* the cached path answers without looking at the properties */
    uint32_t saved = f->xf[FX_VALUE_PLAIN];
    f->xf[FX_VALUE_PLAIN] = 777;
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 777);
    f->xf[FX_VALUE_PLAIN] = saved;

    /* setting a value it already has keeps the cache */
    assert_int_equal(fast_format_set_italic(f, 5), FAST_OK);
    assert_true(f->xf_valid[FX_VALUE_PLAIN]);

    assert_int_equal(fast_format_set_bold(f, 1), FAST_OK);
    assert_false(f->xf_valid[FX_VALUE_PLAIN] || f->xf_valid[FX_VALUE_DATE] || f->xf_valid[FX_VALUE_DATETIME]);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 3);
    /* the earlier index still means italic */
    fast_format *g = new_format(fx);
    assert_int_equal(fast_format_set_italic(g, 1), FAST_OK);
    assert_int_equal(xf_of(fx, g, FX_VALUE_PLAIN), 1);
    /* back to italic only: the first xf again */
    assert_int_equal(fast_format_set_bold(f, 0), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);

    /* texts replaced by others of the same length */
    fast_format *t = new_format(fx);
    assert_int_equal(fast_format_set_font_name(t, "Arial", 5), FAST_OK);
    assert_int_equal(fast_format_set_num_format(t, "0.0", 3), FAST_OK);
    assert_int_equal(xf_of(fx, t, FX_VALUE_PLAIN), 4);
    assert_int_equal(fast_format_set_font_name(t, "Times", 5), FAST_OK);
    assert_int_equal(xf_of(fx, t, FX_VALUE_PLAIN), 5);
    assert_int_equal(fast_format_set_num_format(t, "#.#", 3), FAST_OK);
    assert_int_equal(xf_of(fx, t, FX_VALUE_PLAIN), 6);
    assert_int_equal(fast_format_set_font_name(t, "Arial", 5), FAST_OK);
    assert_int_equal(fast_format_set_num_format(t, "0.0", 3), FAST_OK);
    assert_int_equal(xf_of(fx, t, FX_VALUE_PLAIN), 4);
    assert_string_equal(t->font_name, "Arial");
    assert_string_equal(t->num_format, "0.0");

    tu_buf xml;
    styles_xml(fx, &xml);
    tu_assert_contains(xml.data, xml.len,
                       "<numFmt numFmtId=\"165\" formatCode=\"0.0\"/><numFmt numFmtId=\"166\" formatCode=\"#.#\"/>");
    tu_assert_contains(xml.data, xml.len,
                       "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Arial\"/></font><font><sz val=\"11\"/>"
                       "<color theme=\"1\"/><name val=\"Times\"/></font>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"7\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"165\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"165\" fontId=\"4\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"166\" fontId=\"4\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                   "applyNumberFormat=\"1\" applyFont=\"1\"/>"
                   "</cellXfs>");
    expect_section(&xml, "fonts",
                   "<fonts count=\"5\">" FONT0
                   "<font><i/><sz val=\"11\"/>" CALIBRI "</font>"
                   "<font><b/><i/><sz val=\"11\"/>" CALIBRI "</font>"
                   "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Arial\"/></font>"
                   "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Times\"/></font></fonts>");
    tu_buf_free(&xml);
}

/* Every setter that changes the format forgets the cached indexes. */
static void test_every_setter_invalidates(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    uint32_t prev = xf_of(fx, f, FX_VALUE_PLAIN);
    for (int step = 0; step < 13; step++) {
        (void)xf_of(fx, f, FX_VALUE_DATE);
        (void)xf_of(fx, f, FX_VALUE_DATETIME);
        assert_true(f->xf_valid[0] && f->xf_valid[1] && f->xf_valid[2]);
        fast_status st = FAST_ERROR_STATE;
        switch (step) {
        case 0: st = fast_format_set_bold(f, 1); break;
        case 1: st = fast_format_set_italic(f, 1); break;
        case 2: st = fast_format_set_underline(f, 1); break;
        case 3: st = fast_format_set_font_name(f, "Arial", 5); break;
        case 4: st = fast_format_set_font_size(f, 14); break;
        case 5: st = fast_format_set_font_color(f, 0x123456); break;
        case 6: st = fast_format_set_fill_color(f, 0x654321); break;
        case 7: st = fast_format_set_align(f, FAST_ALIGN_RIGHT); break;
        case 8: st = fast_format_set_valign(f, FAST_VALIGN_CENTER); break;
        case 9: st = fast_format_set_wrap(f, 1); break;
        case 10: st = fast_format_set_border(f, 1); break;
        case 11: st = fast_format_set_num_format(f, "0.000", 5); break;
        case 12: st = fast_format_set_strikeout(f, 1); break;
        }
        assert_int_equal(st, FAST_OK);
        if (f->xf_valid[0] || f->xf_valid[1] || f->xf_valid[2])
            fail_msg("setter %d left a cached index", step);
        uint32_t now = xf_of(fx, f, FX_VALUE_PLAIN);
        if (now == prev)
            fail_msg("setter %d: the format kept cellXfs %u", step, (unsigned)now);
        prev = now;
    }
    tu_buf xml;
    styles_xml(fx, &xml);
    tu_assert_contains(xml.data, xml.len,
                       "<xf numFmtId=\"166\" fontId=\"6\" fillId=\"2\" borderId=\"1\" xfId=\"0\" "
                       "applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" "
                       "applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\" wrapText=\"1\"/>"
                       "</xf>");
    tu_assert_contains(xml.data, xml.len,
                       "<font><b/><i/><u/><sz val=\"14\"/><color rgb=\"FF123456\"/><name val=\"Arial\"/></font>");
    tu_buf_free(&xml);
}

/* cellXfs 0 counts: FAST_MAX_FORMATS - 1 formats besides the default fit. */
static void test_format_limit(void **state)
{
    fixture *fx = *state;
    const uint32_t last = FAST_MAX_FORMATS - 1; /* the highest cellXfs index */
    for (uint32_t i = 1; i <= last; i++) {
        fast_format *f = new_format(fx);
        /* distinct sizes and colours: i = 1..65489 */
        assert_int_equal(fast_format_set_font_size(f, 1 + (i % 400)), FAST_OK);
        assert_int_equal(fast_format_set_font_color(f, i / 400), FAST_OK);
        uint32_t xf = 0;
        fast_status st = fx_styles_xf(&fx->st, f, FX_VALUE_PLAIN, &xf);
        if (st != FAST_OK || xf != i)
            fail_msg("format %u: status %d, cellXfs %u: %s", (unsigned)i, (int)st, (unsigned)xf,
                     fx->err.message);
    }
    assert_int_equal(fx->err.status, FAST_OK);
    /* equal to existing ones: still fine at the limit */
    fast_format *again = new_format(fx);
    assert_int_equal(fast_format_set_font_size(again, 1 + (77 % 400)), FAST_OK);
    assert_int_equal(fast_format_set_font_color(again, 77 / 400), FAST_OK);
    assert_int_equal(xf_of(fx, again, FX_VALUE_PLAIN), 77);
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_PLAIN), 0);

    /* the next distinct one is one too many */
    fast_format *over = new_format(fx);
    assert_int_equal(fast_format_set_bold(over, 1), FAST_OK);
    uint32_t xf = 0xDEADBEEFu;
    assert_int_equal(fx_styles_xf(&fx->st, over, FX_VALUE_PLAIN, &xf), FAST_ERROR_FORMAT_LIMIT);
    assert_int_equal(xf, 0xDEADBEEFu);
    assert_false(over->xf_valid[FX_VALUE_PLAIN]);
    assert_int_equal(fx->err.status, FAST_OK); /* reported, not sticky: the row checks refuse the row */
    if (!strstr(fx->err.message, "65490") || !strstr(fx->err.message, "FAST_MAX_FORMATS"))
        fail_msg("message does not name the limit: %s", fx->err.message);
    /* a date default would need a new entry too */
    assert_int_equal(fx_styles_xf(&fx->st, NULL, FX_VALUE_DATE, &xf), FAST_ERROR_FORMAT_LIMIT);

    tu_buf xml;
    styles_xml(fx, &xml);
    tu_assert_contains(xml.data, xml.len, "<cellXfs count=\"65490\">");
    tu_assert_contains(xml.data, xml.len, "<fonts count=\"65490\">");
    tu_buf_free(&xml);
}

/* One below the limit plus the default date: exactly full, no error. */
static void test_format_limit_exact(void **state)
{
    fixture *fx = *state;
    for (uint32_t i = 1; i <= FAST_MAX_FORMATS - 2; i++) {
        fast_format *f = new_format(fx);
        assert_int_equal(fast_format_set_fill_color(f, i), FAST_OK);
        uint32_t xf = 0;
        if (fx_styles_xf(&fx->st, f, FX_VALUE_PLAIN, &xf) != FAST_OK || xf != i)
            fail_msg("format %u: cellXfs %u: %s", (unsigned)i, (unsigned)xf, fx->err.message);
    }
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_DATE), FAST_MAX_FORMATS - 1);
    uint32_t xf;
    assert_int_equal(fx_styles_xf(&fx->st, NULL, FX_VALUE_DATETIME, &xf), FAST_ERROR_FORMAT_LIMIT);
    assert_int_equal(fx->err.status, FAST_OK);
    assert_non_null(strstr(fx->err.message, "FAST_MAX_FORMATS"));
}

static void test_invalid_arguments(void **state)
{
    fixture *fx = *state;
    const fast_status BAD = FAST_ERROR_INVALID_ARGUMENT;
    /* NULL format */
    assert_int_equal(fast_format_set_bold(NULL, 1), BAD);
    assert_int_equal(fast_format_set_italic(NULL, 1), BAD);
    assert_int_equal(fast_format_set_underline(NULL, 1), BAD);
    assert_int_equal(fast_format_set_font_name(NULL, "Arial", 5), BAD);
    assert_int_equal(fast_format_set_font_size(NULL, 12), BAD);
    assert_int_equal(fast_format_set_font_color(NULL, 0), BAD);
    assert_int_equal(fast_format_set_fill_color(NULL, 0), BAD);
    assert_int_equal(fast_format_set_align(NULL, 0), BAD);
    assert_int_equal(fast_format_set_valign(NULL, 0), BAD);
    assert_int_equal(fast_format_set_wrap(NULL, 1), BAD);
    assert_int_equal(fast_format_set_border(NULL, 1), BAD);
    assert_int_equal(fast_format_set_num_format(NULL, "0", 1), BAD);

    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_bold(f, 1), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 1);

    /* font name: 1..31 characters of valid UTF-8 */
    char name[200];
    memset(name, 'x', sizeof name);
    assert_int_equal(fast_format_set_font_name(f, NULL, 0), BAD);
    assert_int_equal(fast_format_set_font_name(f, NULL, 5), BAD);
    assert_int_equal(fast_format_set_font_name(f, "Arial", 0), BAD);
    assert_int_equal(fast_format_set_font_name(f, name, 32), BAD);
    assert_int_equal(fast_format_set_font_name(f, "Ari\xC3", 4), BAD);       /* truncated */
    assert_int_equal(fast_format_set_font_name(f, "\xC0\xAF", 2), BAD);      /* overlong */
    assert_int_equal(fast_format_set_font_name(f, "\xED\xA0\x80", 3), BAD);  /* surrogate */
    for (int i = 0; i < 32; i++)
        memcpy(name + 2 * i, "\xC3\xA9", 2); /* e-acute, 2 bytes each */
    assert_int_equal(fast_format_set_font_name(f, name, 64), BAD); /* 32 characters */
    assert_null(f->font_name);
    assert_true(f->xf_valid[FX_VALUE_PLAIN]); /* failures change nothing */
    assert_int_equal(fast_format_set_font_name(f, name, 62), FAST_OK); /* 31 characters */
    assert_int_equal(f->font_name_len, 62);
    memset(name, 'y', 31);
    assert_int_equal(fast_format_set_font_name(f, name, 31), FAST_OK);
    assert_int_equal(fast_format_set_font_name(f, "Z", 1), FAST_OK);

    /* size 1..409 */
    assert_int_equal(fast_format_set_font_size(f, 0), BAD);
    assert_int_equal(fast_format_set_font_size(f, 0.99), BAD);
    assert_int_equal(fast_format_set_font_size(f, 409.01), BAD);
    assert_int_equal(fast_format_set_font_size(f, -12), BAD);
    assert_int_equal(fast_format_set_font_size(f, NAN), BAD);
    assert_int_equal(fast_format_set_font_size(f, INFINITY), BAD);
    assert_true(f->font_size == 0);
    assert_int_equal(fast_format_set_font_size(f, 1), FAST_OK);
    assert_int_equal(fast_format_set_font_size(f, 409), FAST_OK);

    /* colours up to 0xFFFFFF */
    assert_int_equal(fast_format_set_font_color(f, 0x1000000), BAD);
    assert_int_equal(fast_format_set_fill_color(f, 0xFFFFFFFFu), BAD);
    assert_false(f->font_color.kind || f->fill_color.kind);
    assert_int_equal(fast_format_set_font_color(f, 0xFFFFFF), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(f, 0xFFFFFF), FAST_OK);

    /* alignments */
    assert_int_equal(fast_format_set_align(f, -1), BAD);
    assert_int_equal(fast_format_set_align(f, 8), BAD);
    assert_int_equal(fast_format_set_valign(f, -1), BAD);
    assert_int_equal(fast_format_set_valign(f, 5), BAD);
    assert_int_equal(f->align, 0);
    assert_int_equal(f->valign, 0);
    assert_int_equal(fast_format_set_align(f, FAST_ALIGN_JUSTIFY), FAST_OK);
    assert_int_equal(fast_format_set_valign(f, FAST_VALIGN_JUSTIFY), FAST_OK);

    /* number format: 1..255 characters of valid UTF-8 */
    char code[1100];
    memset(code, '0', sizeof code);
    assert_int_equal(fast_format_set_num_format(f, NULL, 0), BAD);
    assert_int_equal(fast_format_set_num_format(f, NULL, 3), BAD);
    assert_int_equal(fast_format_set_num_format(f, "0", 0), BAD);
    assert_int_equal(fast_format_set_num_format(f, code, 256), BAD);
    assert_int_equal(fast_format_set_num_format(f, "0\xFF", 2), BAD);
    assert_int_equal(fast_format_set_num_format(f, "0\xF4\x90\x80\x80", 5), BAD); /* above U+10FFFF */
    for (int i = 0; i < 256; i++)
        memcpy(code + 4 * i, "\xF0\x9F\x98\x80", 4); /* U+1F600, 4 bytes each */
    assert_int_equal(fast_format_set_num_format(f, code, 1024), BAD);  /* 256 characters */
    assert_null(f->num_format);
    assert_int_equal(fast_format_set_num_format(f, code, 1020), FAST_OK); /* 255 characters */
    memset(code, '0', 255);
    assert_int_equal(fast_format_set_num_format(f, code, 255), FAST_OK);
    assert_int_equal(f->num_format_len, 255);

    /* everything set at the extremes still makes a valid stylesheet */
    assert_int_equal(fast_format_set_font_name(f, name, 31), FAST_OK);
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 2);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

/* A format of another workbook is refused, even with a cached index. */
static void test_foreign_format(void **state)
{
    fixture *fx = *state;
    fx_error other_err;
    memset(&other_err, 0, sizeof other_err);
    fx_styles other;
    fx_styles_init(&other, &other_err);
    fast_format *f = fx_styles_new_format(&other);
    assert_non_null(f);
    assert_int_equal(fast_format_set_bold(f, 1), FAST_OK);
    uint32_t xf;
    assert_int_equal(fx_styles_xf(&other, f, FX_VALUE_PLAIN, &xf), FAST_OK);
    assert_int_equal(xf, 1);
    assert_int_equal(fx_styles_xf(&fx->st, f, FX_VALUE_PLAIN, &xf), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fx->err.status, FAST_OK); /* not sticky */
    assert_non_null(strstr(fx->err.message, "another workbook"));
    fx_styles_free(&other);
}

/* The harness itself: xmllint must reject a stylesheet with its parts out of order. */
static void test_schema_check_rejects(void **state)
{
    (void)state;
    static const char bad[] = HEAD "<fills count=\"2\">" FILLS01 "</fills><fonts count=\"1\">" FONT0
                                   "</fonts>" STYLES_END;
    char report[4096];
    int rc = xmllint_validate(bad, sizeof bad - 1, report, sizeof report);
    if (rc == 0)
        fail_msg("xmllint accepted a stylesheet with fills before fonts: %s", report);
    static const char bad2[] = HEAD "<fonts count=\"1\"><font><sz val=\"11\"/><color rgb=\"FF00\"/></font></fonts>"
                                    STYLES_END;
    rc = xmllint_validate(bad2, sizeof bad2 - 1, report, sizeof report);
    if (rc == 0)
        fail_msg("xmllint accepted a 2-byte rgb colour: %s", report);
}

/* A stylesheet using everything, exactly, and valid against sml.xsd. */
/* Every format attribute of 0.3 at once: borders per side with styles, RGB and
 * theme colours and the diagonal; the whole font (double accounting underline,
 * superscript, theme colour with tint, family, scheme); pattern fills with
 * foreground and background; alignment (distributed, indent, rotation, shrink);
 * quote prefix and cell protection. Exact XML, schema-valid, and equal formats
 * share their cellXfs entry, font, fill and border. */
static void test_every_format_attribute(void **state)
{
    fixture *fx = *state;
    fast_format *b = new_format(fx);
    assert_int_equal(fast_format_set_border_style(b, FAST_BORDER_LEFT, FAST_BORDER_THIN), FAST_OK);
    assert_int_equal(fast_format_set_border_color(b, FAST_BORDER_LEFT, 0xFF0000), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b, FAST_BORDER_RIGHT, FAST_BORDER_MEDIUM), FAST_OK);
    assert_int_equal(fast_format_set_border_theme_color(b, FAST_BORDER_RIGHT, 4, 0.4), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b, FAST_BORDER_TOP, FAST_BORDER_DASHED), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b, FAST_BORDER_BOTTOM | FAST_BORDER_DIAGONAL, FAST_BORDER_DOUBLE),
                     FAST_OK);
    assert_int_equal(fast_format_set_border_color(b, FAST_BORDER_BOTTOM | FAST_BORDER_DIAGONAL, 0x0000FF), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b, FAST_BORDER_DIAGONAL, FAST_BORDER_SLANT_DASH_DOT), FAST_OK);
    assert_int_equal(fast_format_set_diagonal(b, FAST_DIAGONAL_BOTH), FAST_OK);

    fast_format *font = new_format(fx);
    assert_int_equal(fast_format_set_bold(font, 1), FAST_OK);
    assert_int_equal(fast_format_set_italic(font, 1), FAST_OK);
    assert_int_equal(fast_format_set_strikeout(font, 1), FAST_OK);
    assert_int_equal(fast_format_set_underline_style(font, FAST_UNDERLINE_DOUBLE_ACCOUNTING), FAST_OK);
    assert_int_equal(fast_format_set_font_script(font, FAST_SCRIPT_SUPERSCRIPT), FAST_OK);
    assert_int_equal(fast_format_set_font_size(font, 9), FAST_OK);
    assert_int_equal(fast_format_set_font_theme_color(font, 5, -0.25), FAST_OK);
    assert_int_equal(fast_format_set_font_name(font, "Cambria", 7), FAST_OK);
    assert_int_equal(fast_format_set_font_family(font, 1), FAST_OK);
    assert_int_equal(fast_format_set_font_scheme(font, FAST_FONT_SCHEME_MAJOR), FAST_OK);

    fast_format *fill = new_format(fx);
    assert_int_equal(fast_format_set_fill_pattern(fill, FAST_PATTERN_LIGHT_TRELLIS), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(fill, 0xFF0000), FAST_OK);
    assert_int_equal(fast_format_set_fill_bg_theme_color(fill, 0, 0), FAST_OK);

    fast_format *align = new_format(fx);
    assert_int_equal(fast_format_set_align(align, FAST_ALIGN_DISTRIBUTED), FAST_OK);
    assert_int_equal(fast_format_set_valign(align, FAST_VALIGN_DISTRIBUTED), FAST_OK);
    assert_int_equal(fast_format_set_indent(align, 3), FAST_OK);
    assert_int_equal(fast_format_set_rotation(align, -45), FAST_OK);
    assert_int_equal(fast_format_set_wrap(align, 1), FAST_OK);
    assert_int_equal(fast_format_set_shrink(align, 1), FAST_OK);
    assert_int_equal(fast_format_set_quote_prefix(align, 1), FAST_OK);
    assert_int_equal(fast_format_set_locked(align, 0), FAST_OK);
    assert_int_equal(fast_format_set_hidden(align, 1), FAST_OK);

    /* an indent with centre alignment is written left-aligned, as Excel does;
     * vertical text; a pattern without colours; a font outside the theme */
    fast_format *misc = new_format(fx);
    assert_int_equal(fast_format_set_align(misc, FAST_ALIGN_CENTER), FAST_OK);
    assert_int_equal(fast_format_set_indent(misc, 2), FAST_OK);
    assert_int_equal(fast_format_set_rotation(misc, FAST_ROTATION_VERTICAL), FAST_OK);
    assert_int_equal(fast_format_set_fill_pattern(misc, FAST_PATTERN_MEDIUM_GRAY), FAST_OK);
    assert_int_equal(fast_format_set_font_name(misc, "Arial", 5), FAST_OK);
    assert_int_equal(fast_format_set_font_scheme(misc, FAST_FONT_SCHEME_NONE), FAST_OK);
    assert_int_equal(fast_format_set_font_script(misc, FAST_SCRIPT_SUBSCRIPT), FAST_OK);
    assert_int_equal(fast_format_set_underline_style(misc, FAST_UNDERLINE_SINGLE), FAST_OK);

    fast_format *cc = new_format(fx); /* centre across selection, locked (the default) spelled out */
    assert_int_equal(fast_format_set_align(cc, FAST_ALIGN_CENTER_CONTINUOUS), FAST_OK);
    assert_int_equal(fast_format_set_locked(cc, 1), FAST_OK);
    assert_int_equal(fast_format_set_rotation(cc, 90), FAST_OK);

    /* built the other way round, equal to b: the same cellXfs entry */
    fast_format *b2 = new_format(fx);
    assert_int_equal(fast_format_set_diagonal(b2, FAST_DIAGONAL_BOTH), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_ALL, FAST_BORDER_DASHED), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_DIAGONAL, FAST_BORDER_SLANT_DASH_DOT), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_LEFT, FAST_BORDER_THIN), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_RIGHT, FAST_BORDER_MEDIUM), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_BOTTOM, FAST_BORDER_DOUBLE), FAST_OK);
    assert_int_equal(fast_format_set_border_theme_color(b2, FAST_BORDER_ALL | FAST_BORDER_DIAGONAL, 4, 0.4),
                     FAST_OK);
    assert_int_equal(fast_format_set_border_color(b2, FAST_BORDER_LEFT, 0xFF0000), FAST_OK);
    assert_int_equal(fast_format_set_border_color(b2, FAST_BORDER_BOTTOM | FAST_BORDER_DIAGONAL, 0x0000FF), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_TOP, FAST_BORDER_DASHED), FAST_OK);
    /* top has a theme colour in b2 and none in b: make them equal */
    assert_int_equal(xf_of(fx, b, FX_VALUE_PLAIN), 1);
    assert_int_equal(xf_of(fx, font, FX_VALUE_PLAIN), 2);
    assert_int_equal(xf_of(fx, fill, FX_VALUE_PLAIN), 3);
    assert_int_equal(xf_of(fx, align, FX_VALUE_PLAIN), 4);
    assert_int_equal(xf_of(fx, misc, FX_VALUE_PLAIN), 5);
    assert_int_equal(xf_of(fx, cc, FX_VALUE_PLAIN), 6);
    assert_int_equal(xf_of(fx, b2, FX_VALUE_PLAIN), 7); /* differs: top's colour */
    assert_int_equal(fast_format_set_border_style(b2, FAST_BORDER_TOP, FAST_BORDER_NONE), FAST_OK);
    assert_int_equal(fast_format_set_border_style(b, FAST_BORDER_TOP, FAST_BORDER_NONE), FAST_OK);
    assert_int_equal(xf_of(fx, b, FX_VALUE_PLAIN), 8);
    assert_int_equal(xf_of(fx, b2, FX_VALUE_PLAIN), 8); /* a side without a style shows no colour */

    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "fonts",
                   "<fonts count=\"3\">" FONT0
                   "<font><b/><i/><strike/><u val=\"doubleAccounting\"/><vertAlign val=\"superscript\"/>"
                   "<sz val=\"9\"/><color theme=\"5\" tint=\"-0.25\"/><name val=\"Cambria\"/><family val=\"1\"/>"
                   "<scheme val=\"major\"/></font>"
                   "<font><u/><vertAlign val=\"subscript\"/><sz val=\"11\"/><color theme=\"1\"/>"
                   "<name val=\"Arial\"/><scheme val=\"none\"/></font></fonts>");
    expect_section(&xml, "fills",
                   "<fills count=\"4\">" FILLS01
                   "<fill><patternFill patternType=\"lightTrellis\"><fgColor rgb=\"FFFF0000\"/><bgColor theme=\"0\"/>"
                   "</patternFill></fill>"
                   "<fill><patternFill patternType=\"mediumGray\"/></fill></fills>");
#define DIAG_SIDES                                                                                              \
    "<left style=\"thin\"><color rgb=\"FFFF0000\"/></left>"                                                       \
    "<right style=\"medium\"><color theme=\"4\" tint=\"0.4\"/></right>"
#define DIAG_END                                                                                                \
    "<bottom style=\"double\"><color rgb=\"FF0000FF\"/></bottom>"                                                 \
    "<diagonal style=\"slantDashDot\"><color rgb=\"FF0000FF\"/></diagonal></border>"
    expect_section(&xml, "borders",
                   "<borders count=\"4\">" BORDER0 "<border diagonalUp=\"1\" diagonalDown=\"1\">" DIAG_SIDES
                   "<top style=\"dashed\"><color auto=\"1\"/></top>" DIAG_END
                   "<border diagonalUp=\"1\" diagonalDown=\"1\">" DIAG_SIDES
                   "<top style=\"dashed\"><color theme=\"4\" tint=\"0.4\"/></top>" DIAG_END
                   "<border diagonalUp=\"1\" diagonalDown=\"1\">" DIAG_SIDES "<top/>" DIAG_END "</borders>");
    expect_section(&xml, "cellXfs",
                   "<cellXfs count=\"9\">" XF0
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\" "
                   "applyAlignment=\"1\" applyProtection=\"1\"><alignment horizontal=\"distributed\" "
                   "vertical=\"distributed\" textRotation=\"135\" wrapText=\"1\" indent=\"3\" shrinkToFit=\"1\"/>"
                   "<protection locked=\"0\" hidden=\"1\"/></xf>"
                   "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
                   "applyFill=\"1\" applyAlignment=\"1\"><alignment horizontal=\"left\" textRotation=\"255\" "
                   "indent=\"2\"/></xf>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
                   "<alignment horizontal=\"centerContinuous\" textRotation=\"90\"/></xf>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"2\" xfId=\"0\" applyBorder=\"1\"/>"
                   "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"3\" xfId=\"0\" applyBorder=\"1\"/>"
                   "</cellXfs>");
#undef DIAG_SIDES
#undef DIAG_END
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

/* The new attributes in differential formats: what a conditional format can
 * change (font style, underline kind, script, theme colours, patterned fills,
 * border sides with styles and colours), not what it cannot (alignment,
 * protection, the diagonal). */
static void test_dxf_new_attributes(void **state)
{
    fixture *fx = *state;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_underline_style(f, FAST_UNDERLINE_DOUBLE), FAST_OK);
    assert_int_equal(fast_format_set_font_theme_color(f, 9, 0.5), FAST_OK);
    assert_int_equal(fast_format_set_fill_pattern(f, FAST_PATTERN_DARK_GRID), FAST_OK);
    assert_int_equal(fast_format_set_fill_bg_color(f, 0x00FF00), FAST_OK);
    assert_int_equal(fast_format_set_border_style(f, FAST_BORDER_TOP | FAST_BORDER_BOTTOM, FAST_BORDER_DOTTED),
                     FAST_OK);
    assert_int_equal(fast_format_set_border_color(f, FAST_BORDER_BOTTOM, 0x112233), FAST_OK);
    assert_int_equal(fast_format_set_diagonal(f, FAST_DIAGONAL_UP), FAST_OK);
    assert_int_equal(fast_format_set_indent(f, 1), FAST_OK);
    assert_int_equal(fast_format_set_locked(f, 0), FAST_OK);
    fast_format *solid = new_format(fx);
    assert_int_equal(fast_format_set_fill_theme_color(solid, 4, -0.5), FAST_OK);
    uint32_t id = 99;
    assert_int_equal(fx_styles_dxf(&fx->st, f, &id), FAST_OK);
    assert_int_equal(id, 0);
    assert_int_equal(fx_styles_dxf(&fx->st, solid, &id), FAST_OK);
    assert_int_equal(id, 1);
    tu_buf xml;
    styles_xml(fx, &xml);
    expect_section(&xml, "dxfs",
                   "<dxfs count=\"2\"><dxf><font><u val=\"double\"/><color theme=\"9\" tint=\"0.5\"/></font>"
                   "<fill><patternFill patternType=\"darkGrid\"><bgColor rgb=\"FF00FF00\"/></patternFill></fill>"
                   "<border><top style=\"dotted\"><color auto=\"1\"/></top>"
                   "<bottom style=\"dotted\"><color rgb=\"FF112233\"/></bottom></border></dxf>"
                   "<dxf><fill><patternFill><bgColor theme=\"4\" tint=\"-0.5\"/></patternFill></fill></dxf></dxfs>");
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

/* The new setters refuse what is out of range and leave the format unchanged. */
static void test_new_setters_invalid(void **state)
{
    fixture *fx = *state;
    const fast_status BAD = FAST_ERROR_INVALID_ARGUMENT;
    fast_format *f = new_format(fx);
    assert_int_equal(fast_format_set_border_style(NULL, FAST_BORDER_LEFT, 1), BAD);
    assert_int_equal(fast_format_set_border_style(f, 0, 1), BAD);
    assert_int_equal(fast_format_set_border_style(f, 32, 1), BAD);
    assert_int_equal(fast_format_set_border_style(f, -1, 1), BAD);
    assert_int_equal(fast_format_set_border_style(f, FAST_BORDER_LEFT, 14), BAD);
    assert_int_equal(fast_format_set_border_style(f, FAST_BORDER_LEFT, -1), BAD);
    assert_int_equal(fast_format_set_border_color(f, FAST_BORDER_LEFT, 0x1000000), BAD);
    assert_int_equal(fast_format_set_border_color(f, 0, 0), BAD);
    assert_int_equal(fast_format_set_border_theme_color(f, FAST_BORDER_LEFT, 12, 0), BAD);
    assert_int_equal(fast_format_set_border_theme_color(f, FAST_BORDER_LEFT, -1, 0), BAD);
    assert_int_equal(fast_format_set_font_theme_color(f, 1, 1.0001), BAD);
    assert_int_equal(fast_format_set_font_theme_color(f, 1, -1.0001), BAD);
    assert_int_equal(fast_format_set_font_theme_color(f, 1, NAN), BAD);
    assert_int_equal(fast_format_set_fill_theme_color(f, 1, INFINITY), BAD);
    assert_int_equal(fast_format_set_fill_bg_theme_color(f, 12, 0), BAD);
    assert_int_equal(fast_format_set_fill_bg_color(f, 0x1000000), BAD);
    assert_int_equal(fast_format_set_diagonal(f, 4), BAD);
    assert_int_equal(fast_format_set_diagonal(f, -1), BAD);
    assert_int_equal(fast_format_set_fill_pattern(f, 19), BAD);
    assert_int_equal(fast_format_set_fill_pattern(f, -1), BAD);
    assert_int_equal(fast_format_set_underline_style(f, 5), BAD);
    assert_int_equal(fast_format_set_font_script(f, 3), BAD);
    assert_int_equal(fast_format_set_font_family(f, -2), BAD);
    assert_int_equal(fast_format_set_font_family(f, 15), BAD);
    assert_int_equal(fast_format_set_font_scheme(f, 4), BAD);
    assert_int_equal(fast_format_set_indent(f, 251), BAD);
    assert_int_equal(fast_format_set_indent(f, -1), BAD);
    assert_int_equal(fast_format_set_rotation(f, 91), BAD);
    assert_int_equal(fast_format_set_rotation(f, -91), BAD);
    assert_int_equal(fast_format_set_rotation(f, 254), BAD);
    assert_int_equal(fast_format_set_rotation(f, 270), BAD);
    assert_int_equal(fast_format_set_shrink(NULL, 1), BAD);
    assert_int_equal(fast_format_set_quote_prefix(NULL, 1), BAD);
    assert_int_equal(fast_format_set_locked(NULL, 1), BAD);
    assert_int_equal(fast_format_set_hidden(NULL, 1), BAD);
    assert_int_equal(fast_format_set_font_theme_color(NULL, 1, 0), BAD);
    /* nothing changed: the default look */
    assert_int_equal(xf_of(fx, f, FX_VALUE_PLAIN), 0);
    /* the limits themselves are accepted */
    assert_int_equal(fast_format_set_border_style(f, 31, FAST_BORDER_SLANT_DASH_DOT), FAST_OK);
    assert_int_equal(fast_format_set_font_theme_color(f, 11, -1.0), FAST_OK);
    assert_int_equal(fast_format_set_fill_theme_color(f, 0, 1.0), FAST_OK);
    assert_int_equal(fast_format_set_fill_pattern(f, FAST_PATTERN_GRAY_0625), FAST_OK);
    assert_int_equal(fast_format_set_font_family(f, 14), FAST_OK);
    assert_int_equal(fast_format_set_font_family(f, -1), FAST_OK);
    assert_int_equal(fast_format_set_indent(f, 250), FAST_OK);
    assert_int_equal(fast_format_set_rotation(f, -90), FAST_OK);
    assert_int_equal(f->rotation, 180);
    assert_int_equal(fast_format_set_rotation(f, 90), FAST_OK);
    assert_int_equal(f->rotation, 90);
    /* set_border(0) clears the four sides, not the diagonal */
    assert_int_equal(fast_format_set_border(f, 0), FAST_OK);
    assert_int_equal(f->border_style[FX_SIDE_LEFT], 0);
    assert_int_equal(f->border_style[FX_SIDE_DIAGONAL], FAST_BORDER_SLANT_DASH_DOT);
}

static void test_rich_stylesheet(void **state)
{
    fixture *fx = *state;
    fast_format *title = new_format(fx);
    assert_int_equal(fast_format_set_bold(title, 1), FAST_OK);
    assert_int_equal(fast_format_set_font_size(title, 14), FAST_OK);
    assert_int_equal(fast_format_set_font_color(title, 0x1F4E79), FAST_OK);
    assert_int_equal(fast_format_set_align(title, FAST_ALIGN_CENTER), FAST_OK);
    fast_format *header = new_format(fx);
    assert_int_equal(fast_format_set_bold(header, 1), FAST_OK);
    assert_int_equal(fast_format_set_fill_color(header, 0xD9E1F2), FAST_OK);
    assert_int_equal(fast_format_set_border(header, 1), FAST_OK);
    assert_int_equal(fast_format_set_valign(header, FAST_VALIGN_CENTER), FAST_OK);
    assert_int_equal(fast_format_set_wrap(header, 1), FAST_OK);
    fast_format *money = new_format(fx);
    assert_int_equal(fast_format_set_num_format(money, "\"$\"#,##0.00", 11), FAST_OK);
    assert_int_equal(fast_format_set_font_name(money, "Courier New", 11), FAST_OK);
    fast_format *pct = new_format(fx);
    assert_int_equal(fast_format_set_num_format(pct, "0.00%", 5), FAST_OK);
    assert_int_equal(fast_format_set_italic(pct, 1), FAST_OK);
    assert_int_equal(fast_format_set_underline(pct, 1), FAST_OK);

    assert_int_equal(xf_of(fx, title, FX_VALUE_PLAIN), 1);
    assert_int_equal(xf_of(fx, header, FX_VALUE_PLAIN), 2);
    assert_int_equal(xf_of(fx, money, FX_VALUE_PLAIN), 3);
    assert_int_equal(xf_of(fx, pct, FX_VALUE_PLAIN), 4);
    assert_int_equal(xf_of(fx, NULL, FX_VALUE_DATE), 5);
    assert_int_equal(xf_of(fx, header, FX_VALUE_DATETIME), 6);

    tu_buf xml;
    styles_xml(fx, &xml);
    tu_assert_str_bytes(
        xml.data, xml.len,
        HEAD "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"&quot;$&quot;#,##0.00\"/>"
             "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/>"
             "<numFmt numFmtId=\"166\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
             "<fonts count=\"5\">" FONT0
             "<font><b/><sz val=\"14\"/><color rgb=\"FF1F4E79\"/><name val=\"Calibri\"/><family val=\"2\"/>"
             "<scheme val=\"minor\"/></font>"
             "<font><b/><sz val=\"11\"/>" CALIBRI "</font>"
             "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Courier New\"/></font>"
             "<font><i/><u/><sz val=\"11\"/>" CALIBRI "</font></fonts>"
             "<fills count=\"3\">" FILLS01
             "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E1F2\"/><bgColor indexed=\"64\"/>"
             "</patternFill></fill></fills>"
             "<borders count=\"2\">" BORDER0 BORDER_THIN "</borders>" TAIL "<cellXfs count=\"7\">" XF0
             "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
             "applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
             "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" "
             "applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>"
             "<xf numFmtId=\"164\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
             "applyFont=\"1\"/>"
             "<xf numFmtId=\"10\" fontId=\"4\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
             "applyFont=\"1\"/>"
             "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
             "<xf numFmtId=\"166\" fontId=\"2\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" "
             "applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
             "<alignment vertical=\"center\" wrapText=\"1\"/></xf>"
             "</cellXfs>" STYLES_END);
    expect_schema_valid(&xml);
    tu_buf_free(&xml);
}

/* Freeing a stylesheet that was never used, and one with formats but no cells. */
static void test_free_unused(void **state)
{
    (void)state;
    fx_error err;
    memset(&err, 0, sizeof err);
    fx_styles st;
    fx_styles_init(&st, &err);
    fx_styles_free(&st);
    fx_styles_init(&st, &err);
    for (int i = 0; i < 100; i++) {
        fast_format *f = fx_styles_new_format(&st);
        assert_non_null(f);
        assert_ptr_equal(f->owner, &st);
        assert_int_equal(fast_format_set_font_name(f, "Arial", 5), FAST_OK);
        assert_int_equal(fast_format_set_num_format(f, "0.0", 3), FAST_OK);
    }
    assert_int_equal(st.nformats, 100);
    fx_styles_free(&st);
    assert_int_equal(st.nformats, 0);
    assert_null(st.formats);
    assert_int_equal(err.status, FAST_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default_stylesheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_format_is_xf0, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_font_properties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dxfs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strikeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_border, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_num_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_custom_num_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deduplication, setup, teardown),
        cmocka_unit_test_setup_teardown(test_date_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_invalidation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_setter_invalidates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_limit_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_format, setup, teardown),
        cmocka_unit_test(test_schema_check_rejects),
        cmocka_unit_test_setup_teardown(test_rich_stylesheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_format_attribute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dxf_new_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_setters_invalid, setup, teardown),
        cmocka_unit_test(test_free_unused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
