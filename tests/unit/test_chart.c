/*
 * test_chart.c - charts (lib/chart.c, lib/drawing.c) through the public API, as
 * exact XML: a column chart part with its series' references and the caches
 * collected from the rows written after it (numbers, integers, formulas' cached
 * numbers; text and missing cells as gaps), the graphicFrame in the drawing
 * part beside an image, the relationships and the content type; a series over
 * rows already written (a reference only); the groups of the other types; the
 * refusals, non-sticky.
 *
 * Every type is read back by openpyxl and drawn by LibreOffice in
 * tests/e2e/run.sh (write_charts), and validated against dml-chart.xsd.
 */
#include "testutil.h"

#include <math.h>

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define RELS_HEAD XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"

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
    tu_assert_contains(part.data, part.len, needle);
    tu_buf_free(&part);
}

static void expect_refused(fast_workbook *wb, fast_status got, fast_status want, const char *message)
{
    if (got != want || strcmp(fast_workbook_error_message(wb), message) != 0)
        fail_msg("status %d (want %d), message:\n  %s\nwant:\n  %s", (int)got, (int)want,
                 fast_workbook_error_message(wb), message);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
}

static void ok(fast_workbook *wb, fast_status st)
{
    if (st != FAST_OK)
        fail_msg("%d %s", (int)st, fast_workbook_error_message(wb));
}

static void test_column_chart(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, "It's", 4));
    fast_cells *c = fast_cells_new(3);
    fast_cells_set_string(c, 0, "k", 1);
    fast_cells_set_string(c, 1, "v", 1);
    ok(wb, fast_workbook_write_row(wb, c, 2)); /* row 1: before the chart */
    fast_chart *ch = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 4, FAST_CHART_COLUMN, &ch));
    ok(wb, fast_chart_set_title(ch, "Sales & <more>", 14));
    ok(wb, fast_chart_add_series(ch, NULL, 0, 1, FAST_LAST_ROW, 0, 1));
    ok(wb, fast_chart_set_series_name(ch, 0, "Units", 5));
    ok(wb, fast_chart_set_series_color(ch, 0, 0x1F4E79));
    ok(wb, fast_chart_add_series(ch, "it's", 4, 0, 2, FAST_CHART_NO_CATEGORIES, 2)); /* row 0 written: no cache */
    ok(wb, fast_chart_set_size(ch, 200, 100));
    /* Rows 2..5: a number, an integer and a formula's number; text in a value column is a gap. */
    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "a<b", 3);
    fast_cells_set_number(c, 1, 1.5);
    ok(wb, fast_workbook_write_row(wb, c, 3));
    fast_cells_clear(c);
    fast_cells_set_integer(c, 0, 7);
    fast_cells_set_integer(c, 1, 2);
    ok(wb, fast_workbook_write_row(wb, c, 2));
    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "c", 1);
    fast_cells_set_string(c, 1, "x", 1);
    ok(wb, fast_workbook_write_row(wb, c, 2));
    fast_cells_clear(c);
    fast_cells_set_string(c, 0, "d", 1);
    fast_cells_set_formula_number(c, 1, "1+2", 3, 3);
    ok(wb, fast_workbook_write_row(wb, c, 2));
    fast_cells_free(c);
    tu_close_ok(wb);
    expect_contains(&out, "xl/worksheets/sheet1.xml", "</sheetData><drawing r:id=\"rId1\"/></worksheet>");
    expect_part(&out, "xl/drawings/_rels/drawing1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "chart\" Target=\"../charts/chart1.xml\"/>"
                          "</Relationships>");
    expect_contains(&out, "xl/drawings/drawing1.xml",
                    "<xdr:oneCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row>"
                    "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"1905000\" cy=\"952500\"/>"
                    "<xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"2\" name=\"Chart 1\"/>"
                    "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/>"
                    "<a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm><a:graphic><a:graphicData uri=\"" NS_C "\">"
                    "<c:chart xmlns:c=\"" NS_C "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    "relationships\" r:id=\"rId1\"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>"
                    "</xdr:oneCellAnchor></xdr:wsDr>");
    expect_part(&out, "xl/charts/chart1.xml",
                XML_DECL "<c:chartSpace xmlns:c=\"" NS_C "\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/"
                "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                "<c:lang val=\"en-US\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r>"
                "<a:t>Sales &amp; &lt;more&gt;</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
                "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/><c:barChart><c:barDir val=\"col\"/>"
                "<c:grouping val=\"clustered\"/>"
                "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx><c:v>Units</c:v></c:tx><c:spPr><a:solidFill>"
                "<a:srgbClr val=\"1F4E79\"/></a:solidFill></c:spPr><c:cat><c:strRef><c:f>'It''s'!$A$2:$A$5</c:f>"
                "<c:strCache><c:ptCount val=\"4\"/><c:pt idx=\"0\"><c:v>a&lt;b</c:v></c:pt><c:pt idx=\"1\"><c:v>7"
                "</c:v></c:pt><c:pt idx=\"2\"><c:v>c</c:v></c:pt><c:pt idx=\"3\"><c:v>d</c:v></c:pt></c:strCache>"
                "</c:strRef></c:cat><c:val><c:numRef><c:f>'It''s'!$B$2:$B$5</c:f><c:numCache><c:formatCode>General"
                "</c:formatCode><c:ptCount val=\"4\"/><c:pt idx=\"0\"><c:v>1.5</c:v></c:pt><c:pt idx=\"1\"><c:v>2"
                "</c:v></c:pt><c:pt idx=\"3\"><c:v>3</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>"
                "<c:ser><c:idx val=\"1\"/><c:order val=\"1\"/><c:val><c:numRef><c:f>'It''s'!$C$1:$C$3</c:f>"
                "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"3\"/></c:numCache>"
                "</c:numRef></c:val></c:ser>"
                "<c:axId val=\"50010001\"/><c:axId val=\"50010002\"/></c:barChart>"
                "<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
                "<c:axPos val=\"b\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010002\"/>"
                "<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
                "</c:catAx><c:valAx><c:axId val=\"50010002\"/><c:scaling><c:orientation val=\"minMax\"/>"
                "</c:scaling><c:axPos val=\"l\"/><c:majorGridlines/><c:numFmt formatCode=\"General\" "
                "sourceLinked=\"1\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010001\"/>"
                "<c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx></c:plotArea>"
                "<c:legend><c:legendPos val=\"r\"/><c:layout/><c:overlay val=\"0\"/></c:legend>"
                "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart><c:printSettings><c:headerFooter/>"
                "<c:pageMargins b=\"0.75\" l=\"0.7\" r=\"0.7\" t=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                "<c:pageSetup/></c:printSettings></c:chartSpace>");
    expect_contains(&out, "[Content_Types].xml",
                    "<Override PartName=\"/xl/charts/chart1.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>");
    tu_buf_free(&out);
}

/* The groups of the other types, and an image and a chart in one drawing. */
static void test_groups(void **state)
{
    (void)state;
    static const struct {
        int type;
        const char *group;
    } kinds[] = {
        {FAST_CHART_COLUMN_STACKED, "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"stacked\"/>"},
        {FAST_CHART_COLUMN_PERCENT, "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"percentStacked\"/>"},
        {FAST_CHART_BAR, "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/>"},
        {FAST_CHART_BAR_STACKED, "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"stacked\"/>"},
        {FAST_CHART_BAR_PERCENT, "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"percentStacked\"/>"},
        {FAST_CHART_LINE, "<c:lineChart><c:grouping val=\"standard\"/>"},
        {FAST_CHART_LINE_MARKERS, "<c:lineChart><c:grouping val=\"standard\"/>"},
        {FAST_CHART_PIE, "<c:pieChart><c:varyColors val=\"1\"/>"},
        {FAST_CHART_DOUGHNUT, "<c:doughnutChart><c:varyColors val=\"1\"/>"},
        {FAST_CHART_SCATTER, "<c:scatterChart><c:scatterStyle val=\"lineMarker\"/>"},
        {FAST_CHART_AREA, "<c:areaChart><c:grouping val=\"standard\"/>"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        tu_buf out = {0};
        fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
        ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
        static const unsigned char gif[10] = {'G', 'I', 'F', '8', '9', 'a', 4, 0, 4, 0};
        ok(wb, fast_workbook_add_image(wb, 0, 0, gif, sizeof gif, NULL));
        fast_chart *ch = NULL;
        ok(wb, fast_workbook_add_chart(wb, 1, 1, kinds[k].type, &ch));
        ok(wb, fast_chart_add_series(ch, NULL, 0, 0, 1, 0, 1));
        tu_close_ok(wb);
        expect_contains(&out, "xl/charts/chart1.xml", kinds[k].group);
        expect_contains(&out, "xl/drawings/drawing1.xml", "<xdr:cNvPr id=\"3\" name=\"Chart 2\"/>");
        expect_part(&out, "xl/drawings/_rels/drawing1.xml.rels",
                    RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "image\" Target=\"../media/image1.gif\"/>"
                              "<Relationship Id=\"rId2\" Type=\"" REL "chart\" Target=\"../charts/chart1.xml\"/>"
                              "</Relationships>");
        if (kinds[k].type == FAST_CHART_SCATTER)
            expect_contains(&out, "xl/charts/chart1.xml", "<c:xVal><c:numRef><c:f>S!$A$1:$A$2</c:f>");
        tu_buf_free(&out);
    }
}

static void test_refusals(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    expect_refused(wb, fast_workbook_add_chart(wb, 0, 0, FAST_CHART_PIE, NULL), FAST_ERROR_STATE,
                   "fast_workbook_add_chart: no worksheet; call fast_workbook_add_worksheet first");
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    expect_refused(wb, fast_workbook_add_chart(wb, 0, 0, 99, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_chart: cell (0, 0) out of range or unknown type 99");
    fast_chart *ch = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 0, FAST_CHART_LINE, &ch));
    expect_refused(wb, fast_chart_add_series(ch, "Nope", 4, 0, 5, 0, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_add_series: no sheet named 'Nope' (yet)");
    expect_refused(wb, fast_chart_add_series(ch, NULL, 0, 5, 4, 0, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_add_series: rows 5..4, categories column 0, values column 1 out of range or reversed");
    expect_refused(wb, fast_chart_set_series_name(ch, 0, "a", 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_series_name: series 0 of 0");
    expect_refused(wb, fast_chart_set_title(ch, "a\x01", 2), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_title: title: character U+0001 at byte 2 cannot be stored in XML");
    expect_refused(wb, fast_chart_set_size(ch, 5, 100), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_size: 5x100 pixels; each 10..10000");
    ok(wb, fast_chart_add_series(ch, NULL, 0, 0, FAST_LAST_ROW, FAST_CHART_NO_CATEGORIES, 0));
    expect_refused(wb, fast_chart_set_series_color(ch, 0, 0x1000000), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_series_color: colour 0x1000000 is not 0xRRGGBB");
    ok(wb, fast_workbook_add_worksheet(wb, "T", 1));
    expect_refused(wb, fast_chart_set_title(ch, "late", 4), FAST_ERROR_TOO_LATE,
                   "fast_chart_set_title: the chart's sheet 'S' has ended");
    fast_chart *c2 = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 0, FAST_CHART_LINE, &c2));
    ok(wb, fast_workbook_add_worksheet(wb, "U", 1));
    tu_close_ok(wb);
    /* An empty sheet's series: the range is its first row; no rows, no points. */
    expect_contains(&out, "xl/charts/chart1.xml",
                    "<c:val><c:numRef><c:f>S!$A$1:$A$1</c:f><c:numCache><c:formatCode>General</c:formatCode>"
                    "<c:ptCount val=\"1\"/></c:numCache></c:numRef></c:val>");
    tu_buf_free(&out);
}

/* Legend positions: each written as c:legendPos, none as no c:legend; the part validates. */
static void test_legend(void **state)
{
    (void)state;
    static const struct {
        int pos;
        const char *want;
    } cases[] = {
        {FAST_CHART_LEGEND_LEFT, "</c:plotArea><c:legend><c:legendPos val=\"l\"/><c:layout/><c:overlay val=\"0\"/>"
                                 "</c:legend><c:plotVisOnly val=\"1\"/>"},
        {FAST_CHART_LEGEND_TOP, "<c:legend><c:legendPos val=\"t\"/>"},
        {FAST_CHART_LEGEND_BOTTOM, "<c:legend><c:legendPos val=\"b\"/>"},
        {FAST_CHART_LEGEND_TOP_RIGHT, "<c:legend><c:legendPos val=\"tr\"/>"},
        {FAST_CHART_LEGEND_RIGHT, "<c:legend><c:legendPos val=\"r\"/>"},
        {FAST_CHART_LEGEND_NONE, "</c:plotArea><c:plotVisOnly val=\"1\"/>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_buf out = {0};
        fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
        ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
        fast_chart *ch = NULL;
        ok(wb, fast_workbook_add_chart(wb, 0, 2, FAST_CHART_PIE, &ch));
        ok(wb, fast_chart_add_series(ch, NULL, 0, 0, 2, FAST_CHART_NO_CATEGORIES, 0));
        ok(wb, fast_chart_set_legend(ch, FAST_CHART_LEGEND_TOP)); /* the last call wins */
        ok(wb, fast_chart_set_legend(ch, cases[i].pos));
        expect_refused(wb, fast_chart_set_legend(ch, FAST_CHART_LEGEND_NONE + 1), FAST_ERROR_INVALID_ARGUMENT,
                       "fast_chart_set_legend: unknown legend position 6");
        expect_refused(wb, fast_chart_set_legend(ch, -1), FAST_ERROR_INVALID_ARGUMENT,
                       "fast_chart_set_legend: unknown legend position -1");
        tu_close_ok(wb);
        expect_contains(&out, "xl/charts/chart1.xml", cases[i].want);
        tu_buf_free(&out);
    }
    assert_int_equal(fast_chart_set_legend(NULL, 0), FAST_ERROR_INVALID_ARGUMENT);
}

/* Data labels: c:dLbls after the marker, before the categories; percentages on pie only. */
static void test_labels(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    fast_chart *pie = NULL, *line = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 2, FAST_CHART_PIE, &pie));
    ok(wb, fast_chart_add_series(pie, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_series_labels(pie, 0, FAST_CHART_LABEL_VALUE | FAST_CHART_LABEL_PERCENT));
    ok(wb, fast_workbook_add_chart(wb, 0, 9, FAST_CHART_LINE, &line));
    ok(wb, fast_chart_add_series(line, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_add_series(line, NULL, 0, 0, 2, 0, 2));
    ok(wb, fast_chart_set_series_labels(line, 1, FAST_CHART_LABEL_VALUE));
    ok(wb, fast_chart_set_series_labels(line, 1, FAST_CHART_LABEL_CATEGORY | FAST_CHART_LABEL_SERIES_NAME));
    expect_refused(wb, fast_chart_set_series_labels(line, 0, FAST_CHART_LABEL_PERCENT), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_series_labels: percentage labels are for pie and doughnut charts only");
    expect_refused(wb, fast_chart_set_series_labels(line, 0, 16), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_series_labels: unknown label bits 0x10");
    expect_refused(wb, fast_chart_set_series_labels(line, 2, FAST_CHART_LABEL_VALUE), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_series_labels: series 2 of 2");
    assert_int_equal(fast_chart_set_series_labels(NULL, 0, 1), FAST_ERROR_INVALID_ARGUMENT);
    tu_close_ok(wb);
    expect_contains(&out, "xl/charts/chart1.xml",
                    "<c:order val=\"0\"/><c:dLbls><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/>"
                    "<c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"1\"/>"
                    "<c:showBubbleSize val=\"0\"/></c:dLbls><c:cat>");
    expect_contains(&out, "xl/charts/chart2.xml",
                    "<c:order val=\"0\"/><c:marker><c:symbol val=\"none\"/></c:marker><c:cat>");
    expect_contains(&out, "xl/charts/chart2.xml",
                    "<c:order val=\"1\"/><c:marker><c:symbol val=\"none\"/></c:marker><c:dLbls>"
                    "<c:showLegendKey val=\"0\"/><c:showVal val=\"0\"/><c:showCatName val=\"1\"/>"
                    "<c:showSerName val=\"1\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
                    "<c:cat>");
    tu_buf_free(&out);
}

/* Number formats: the value axis' (escaped, not linked) and the data labels' (first in c:dLbls); none on pie. */
static void test_number_formats(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    fast_chart *col = NULL, *sc = NULL, *pie = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 2, FAST_CHART_COLUMN_PERCENT, &col));
    ok(wb, fast_chart_add_series(col, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_value_axis_number_format(col, "0.0%", 4));
    ok(wb, fast_chart_set_series_labels_number_format(col, 0, "\"<\"0", 4));
    ok(wb, fast_chart_set_series_labels(col, 0, FAST_CHART_LABEL_VALUE));
    ok(wb, fast_workbook_add_chart(wb, 0, 9, FAST_CHART_SCATTER, &sc));
    ok(wb, fast_chart_add_series(sc, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_value_axis_number_format(sc, "#,##0", 5));
    ok(wb, fast_chart_set_series_labels_number_format(sc, 0, "0", 1)); /* no labels: not written */
    ok(wb, fast_workbook_add_chart(wb, 0, 16, FAST_CHART_PIE, &pie));
    ok(wb, fast_chart_add_series(pie, NULL, 0, 0, 2, 0, 1));
    expect_refused(wb, fast_chart_set_value_axis_number_format(pie, "0", 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_value_axis_number_format: pie and doughnut charts have no axes");
    expect_refused(wb, fast_chart_set_value_axis_number_format(col, "", 0), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_value_axis_number_format: empty or NULL number format");
    expect_refused(wb, fast_chart_set_series_labels_number_format(col, 1, "0", 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_series_labels_number_format: series 1 of 1");
    expect_refused(wb, fast_chart_set_series_labels_number_format(col, 0, "\xff", 1), FAST_ERROR_INVALID_UTF8,
                   "fast_chart_set_series_labels_number_format: number format: invalid UTF-8 at byte 1");
    assert_int_equal(fast_chart_set_value_axis_number_format(NULL, "0", 1), FAST_ERROR_INVALID_ARGUMENT);
    tu_close_ok(wb);
    expect_contains(&out, "xl/charts/chart1.xml",
                    "<c:dLbls><c:numFmt formatCode=\"&quot;&lt;&quot;0\" sourceLinked=\"0\"/>"
                    "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/>");
    expect_contains(&out, "xl/charts/chart1.xml",
                    "<c:axPos val=\"l\"/><c:majorGridlines/><c:numFmt formatCode=\"0.0%\" sourceLinked=\"0\"/>"
                    "<c:tickLblPos val=\"nextTo\"/>");
    expect_contains(&out, "xl/charts/chart2.xml",
                    "<c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>");
    expect_contains(&out, "xl/charts/chart2.xml",
                    "<c:axPos val=\"l\"/><c:majorGridlines/><c:numFmt formatCode=\"#,##0\" sourceLinked=\"0\"/>"
                    "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010001\"/>");
    expect_contains(&out, "xl/charts/chart2.xml", "<c:order val=\"0\"/><c:marker><c:symbol val=\"none\"/>"
                                                  "</c:marker><c:xVal>");
    tu_buf_free(&out);
}

/* Axis options on a column chart: both titles (the value axis' turned upwards), the value axis'
 * range, gridlines moved to the category axis; the whole axes in CT_CatAx/CT_ValAx order. */
static void test_axes_column(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    fast_chart *ch = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 2, FAST_CHART_COLUMN, &ch));
    ok(wb, fast_chart_add_series(ch, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_axis_title(ch, FAST_CHART_AXIS_CATEGORY, "Month", 5));
    ok(wb, fast_chart_set_axis_title(ch, FAST_CHART_AXIS_VALUE, "old", 3));
    ok(wb, fast_chart_set_axis_title(ch, FAST_CHART_AXIS_VALUE, "Sales & <co>", 12)); /* the last call wins */
    ok(wb, fast_chart_set_axis_range(ch, FAST_CHART_AXIS_VALUE, -2.5, 1e6));
    ok(wb, fast_chart_set_axis_gridlines(ch, FAST_CHART_AXIS_CATEGORY, 1));
    ok(wb, fast_chart_set_axis_gridlines(ch, FAST_CHART_AXIS_VALUE, 0));
    tu_close_ok(wb);
    expect_contains(&out, "xl/charts/chart1.xml",
                    "</c:barChart>"
                    "<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
                    "<c:axPos val=\"b\"/><c:majorGridlines/><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>"
                    "<a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>Month</a:t></a:r></a:p></c:rich>"
                    "</c:tx><c:layout/></c:title><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010002\"/>"
                    "<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>"
                    "<c:lblOffset val=\"100\"/></c:catAx>"
                    "<c:valAx><c:axId val=\"50010002\"/><c:scaling><c:orientation val=\"minMax\"/>"
                    "<c:max val=\"1000000\"/><c:min val=\"-2.5\"/></c:scaling><c:axPos val=\"l\"/><c:title><c:tx>"
                    "<c:rich><a:bodyPr rot=\"-5400000\" vert=\"horz\"/><a:lstStyle/><a:p><a:pPr><a:defRPr/>"
                    "</a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>Sales &amp; &lt;co&gt;</a:t></a:r></a:p></c:rich>"
                    "</c:tx><c:layout/></c:title><c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>"
                    "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010001\"/><c:crosses val=\"autoZero\"/>"
                    "<c:crossBetween val=\"between\"/></c:valAx></c:plotArea>");
    tu_buf_free(&out);
}

/* A scatter chart: both axes take a range; a bar chart's category axis (on the left) has the upward title. */
static void test_axes_scatter_bar(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    fast_chart *sc = NULL, *bar = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 2, FAST_CHART_SCATTER, &sc));
    ok(wb, fast_chart_add_series(sc, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_axis_range(sc, FAST_CHART_AXIS_CATEGORY, 0, 6));
    ok(wb, fast_chart_set_axis_range(sc, FAST_CHART_AXIS_VALUE, 1, 2));
    ok(wb, fast_chart_set_axis_range(sc, FAST_CHART_AXIS_VALUE, 0.125, 16)); /* the last call wins */
    ok(wb, fast_chart_set_axis_title(sc, FAST_CHART_AXIS_CATEGORY, "x", 1));
    ok(wb, fast_workbook_add_chart(wb, 0, 9, FAST_CHART_BAR, &bar));
    ok(wb, fast_chart_add_series(bar, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_axis_title(bar, FAST_CHART_AXIS_CATEGORY, "Region", 6));
    ok(wb, fast_chart_set_axis_title(bar, FAST_CHART_AXIS_VALUE, "Units", 5));
    tu_close_ok(wb);
    expect_contains(&out, "xl/charts/chart1.xml",
                    "<c:valAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"minMax\"/>"
                    "<c:max val=\"6\"/><c:min val=\"0\"/></c:scaling><c:axPos val=\"b\"/><c:title><c:tx><c:rich>"
                    "<a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>x</a:t>"
                    "</a:r></a:p></c:rich></c:tx><c:layout/></c:title><c:numFmt formatCode=\"General\" "
                    "sourceLinked=\"1\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010002\"/>"
                    "<c:crosses val=\"autoZero\"/><c:crossBetween val=\"midCat\"/></c:valAx>"
                    "<c:valAx><c:axId val=\"50010002\"/><c:scaling><c:orientation val=\"minMax\"/>"
                    "<c:max val=\"16\"/><c:min val=\"0.125\"/></c:scaling><c:axPos val=\"l\"/><c:majorGridlines/>"
                    "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>");
    expect_contains(&out, "xl/charts/chart2.xml",
                    "<c:axPos val=\"l\"/><c:title><c:tx><c:rich><a:bodyPr rot=\"-5400000\" vert=\"horz\"/>"
                    "<a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>Region</a:t>");
    expect_contains(&out, "xl/charts/chart2.xml",
                    "<c:axPos val=\"b\"/><c:majorGridlines/><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>"
                    "<a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang=\"en-US\"/><a:t>Units</a:t>");
    tu_buf_free(&out);
}

/* The axis calls' refusals, each non-sticky and leaving the chart as it was. */
static void test_axes_refusals(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    fast_chart *pie = NULL, *dn = NULL, *line = NULL;
    ok(wb, fast_workbook_add_chart(wb, 0, 2, FAST_CHART_PIE, &pie));
    ok(wb, fast_workbook_add_chart(wb, 0, 9, FAST_CHART_DOUGHNUT, &dn));
    ok(wb, fast_workbook_add_chart(wb, 0, 16, FAST_CHART_LINE, &line));
    ok(wb, fast_chart_add_series(line, NULL, 0, 0, 2, 0, 1));
    ok(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_VALUE, 0, 10));
    ok(wb, fast_chart_set_axis_title(line, FAST_CHART_AXIS_VALUE, "kept", 4));
    expect_refused(wb, fast_chart_set_axis_title(pie, FAST_CHART_AXIS_VALUE, "t", 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_title: pie and doughnut charts have no axes");
    expect_refused(wb, fast_chart_set_axis_range(dn, FAST_CHART_AXIS_VALUE, 0, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_range: pie and doughnut charts have no axes");
    expect_refused(wb, fast_chart_set_axis_gridlines(pie, FAST_CHART_AXIS_CATEGORY, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_gridlines: pie and doughnut charts have no axes");
    expect_refused(wb, fast_chart_set_axis_title(line, 2, "t", 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_title: unknown axis 2 (FAST_CHART_AXIS_CATEGORY or FAST_CHART_AXIS_VALUE)");
    expect_refused(wb, fast_chart_set_axis_gridlines(line, -1, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_gridlines: unknown axis -1 (FAST_CHART_AXIS_CATEGORY or "
                   "FAST_CHART_AXIS_VALUE)");
    expect_refused(wb, fast_chart_set_axis_title(line, FAST_CHART_AXIS_VALUE, "", 0), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_title: empty or NULL axis title");
    expect_refused(wb, fast_chart_set_axis_title(line, FAST_CHART_AXIS_VALUE, NULL, 3), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_title: empty or NULL axis title");
    expect_refused(wb, fast_chart_set_axis_title(line, FAST_CHART_AXIS_VALUE, "a\xc3", 2), FAST_ERROR_INVALID_UTF8,
                   "fast_chart_set_axis_title: axis title: invalid UTF-8 at byte 2");
    expect_refused(wb, fast_chart_set_axis_title(line, FAST_CHART_AXIS_CATEGORY, "\x02", 1),
                   FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_title: axis title: character U+0002 at byte 1 cannot be stored in XML");
    char longt[257];
    memset(longt, 'x', 256);
    expect_refused(wb, fast_chart_set_axis_title(line, FAST_CHART_AXIS_VALUE, longt, 256), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_title: axis title of 256 characters; at most 255");
    expect_refused(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_CATEGORY, 0, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_range: the category axis has no numeric range (only a scatter chart's x axis "
                   "has one)");
    expect_refused(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_VALUE, 5, 5), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_range: minimum 5 is not below maximum 5");
    expect_refused(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_VALUE, 7, -1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_range: minimum 7 is not below maximum -1");
    expect_refused(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_VALUE, NAN, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_range: minimum nan and maximum 1 must be finite");
    expect_refused(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_VALUE, 0, INFINITY),
                   FAST_ERROR_INVALID_ARGUMENT, "fast_chart_set_axis_range: minimum 0 and maximum inf must be finite");
    expect_refused(wb, fast_chart_set_axis_range(line, FAST_CHART_AXIS_VALUE, -INFINITY, 0),
                   FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_range: minimum -inf and maximum 0 must be finite");
    expect_refused(wb, fast_chart_set_axis_gridlines(line, FAST_CHART_AXIS_VALUE, 2), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_chart_set_axis_gridlines: shown is 2; 0 (hidden) or 1 (shown)");
    assert_int_equal(fast_chart_set_axis_title(NULL, 0, "t", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_chart_set_axis_range(NULL, 1, 0, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_chart_set_axis_gridlines(NULL, 1, 1), FAST_ERROR_INVALID_ARGUMENT);
    ok(wb, fast_workbook_add_worksheet(wb, "T", 1));
    expect_refused(wb, fast_chart_set_axis_gridlines(line, FAST_CHART_AXIS_VALUE, 0), FAST_ERROR_TOO_LATE,
                   "fast_chart_set_axis_gridlines: the chart's sheet 'S' has ended");
    tu_close_ok(wb);
    /* What the refused calls would have changed is as it was. */
    expect_contains(&out, "xl/charts/chart3.xml",
                    "<c:catAx><c:axId val=\"50010001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
                    "<c:axPos val=\"b\"/><c:tickLblPos val=\"nextTo\"/>");
    expect_contains(&out, "xl/charts/chart3.xml",
                    "<c:scaling><c:orientation val=\"minMax\"/><c:max val=\"10\"/><c:min val=\"0\"/></c:scaling>"
                    "<c:axPos val=\"l\"/><c:majorGridlines/><c:title><c:tx><c:rich><a:bodyPr rot=\"-5400000\" "
                    "vert=\"horz\"/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang=\"en-US\"/>"
                    "<a:t>kept</a:t>");
    tu_buf_free(&out);
}

/* Every axis option on every type with axes, in one workbook that the ECMA-376 schemas validate. */
static void test_axes_validate(void **state)
{
    (void)state;
    char dir[256], path[320];
    tu_temp_workbook("fx_chart_axes", "axes.xlsx", dir, path);
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    ok(wb, fast_workbook_add_worksheet(wb, "S", 1));
    static const int types[] = {FAST_CHART_COLUMN, FAST_CHART_COLUMN_STACKED, FAST_CHART_COLUMN_PERCENT,
                                FAST_CHART_BAR, FAST_CHART_BAR_STACKED, FAST_CHART_BAR_PERCENT,
                                FAST_CHART_LINE, FAST_CHART_LINE_MARKERS, FAST_CHART_SCATTER, FAST_CHART_AREA};
    for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
        fast_chart *ch = NULL;
        ok(wb, fast_workbook_add_chart(wb, (uint32_t)k * 16, 3, types[k], &ch));
        ok(wb, fast_chart_add_series(ch, NULL, 0, 0, FAST_LAST_ROW, 0, 1));
        ok(wb, fast_chart_set_title(ch, "Chart", 5));
        ok(wb, fast_chart_set_axis_title(ch, FAST_CHART_AXIS_CATEGORY, "Across", 6));
        ok(wb, fast_chart_set_axis_title(ch, FAST_CHART_AXIS_VALUE, "Up", 2));
        ok(wb, fast_chart_set_axis_range(ch, FAST_CHART_AXIS_VALUE, -10, 100));
        if (types[k] == FAST_CHART_SCATTER)
            ok(wb, fast_chart_set_axis_range(ch, FAST_CHART_AXIS_CATEGORY, 0.5, 9.5));
        ok(wb, fast_chart_set_axis_gridlines(ch, FAST_CHART_AXIS_CATEGORY, 1));
        ok(wb, fast_chart_set_value_axis_number_format(ch, "0.0", 3));
    }
    fast_cells *c = fast_cells_new(2);
    for (int r = 0; r < 5; r++) {
        fast_cells_clear(c);
        fast_cells_set_integer(c, 0, r + 1);
        fast_cells_set_number(c, 1, r * 10.5);
        tu_write_row(wb, c, 2);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    tu_validate_and_remove(dir, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_chart),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_legend),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_number_formats),
        cmocka_unit_test(test_axes_column),
        cmocka_unit_test(test_axes_scatter_bar),
        cmocka_unit_test(test_axes_refusals),
        cmocka_unit_test(test_axes_validate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
