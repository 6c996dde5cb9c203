/*
 * test_condformat.c - conditional formatting (lib/condformat.c, ECMA-376 Part 1
 * §18.3.1.10 cfRule, §18.3.1.18 conditionalFormatting) and its differential
 * formats through the public API: the exact XML of every rule type in the form
 * Excel writes it (XlsxWriter's Excel-made test files), priorities, grouping by
 * range, dxf ids, the data bars' x14 extension and its deterministic ids,
 * FAST_LAST_ROW and continuation sheets, the place of each element in the sheet
 * (§18.3.1.99), every refusal with its status and message, and a workbook with
 * every rule validated against the schemas.
 */
#include "testutil.h"

#include <unistd.h>

#define X14_NS "xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\""

static void sheet_tail(const tu_buf *pkg, int n, tu_buf *out)
{
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", n);
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    long at = tu_find(part.data, part.len, "</sheetData>", 12);
    assert_true(at >= 0);
    tu_buf_append(out, part.data + at + 12, part.len - (size_t)at - 12);
    tu_buf_append(out, "", 1);
    tu_buf_free(&part);
}

static fast_workbook *new_book(tu_buf *pkg, int rows)
{
    fast_workbook *wb = tu_callback_workbook(pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    for (int i = 0; i < rows; i++) {
        fast_cells_set_number(c, 0, i);
        tu_write_row(wb, c, 1);
    }
    fast_cells_free(c);
    return wb;
}

static void add_ok(fast_workbook *wb, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2, const fast_cond_format *cf)
{
    fast_status st = fast_workbook_add_cond_format(wb, r1, c1, r2, c2, cf);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_cond_format: %d %s", (int)st, fast_workbook_error_message(wb));
}

/* A red dxf (dxfId 0 in a workbook with no other dxf). */
static fast_format *red_format(fast_workbook *wb)
{
    fast_format *f = fast_workbook_add_format(wb);
    assert_non_null(f);
    fast_format_set_font_color(f, 0x9C0006);
    fast_format_set_fill_color(f, 0xFFC7CE);
    return f;
}

/* One rule over B2:B10 (with a red format if @with_format) and compare the sheet's tail. */
static void expect_rule(fast_cond_format *cf, int with_format, const char *rule)
{
    tu_buf pkg = {0}, tail = {0};
    fast_workbook *wb = new_book(&pkg, 3);
    if (with_format)
        fast_cond_format_set_format(cf, red_format(wb));
    add_ok(wb, 1, 1, 9, 1, cf);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &tail);
    char want[8192];
    snprintf(want, sizeof want, "<conditionalFormatting sqref=\"B2:B10\">%s</conditionalFormatting></worksheet>", rule);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data), want);
    if (with_format) {
        tu_buf styles = {0};
        tu_extract_part(&pkg, "xl/styles.xml", &styles);
        tu_assert_contains(styles.data, styles.len,
                           "</cellStyles><dxfs count=\"1\"><dxf><font><color rgb=\"FF9C0006\"/></font><fill><patternFill>"
                           "<bgColor rgb=\"FFFFC7CE\"/></patternFill></fill></dxf></dxfs></styleSheet>");
        tu_buf_free(&styles);
    }
    tu_buf_free(&pkg);
    tu_buf_free(&tail);
}

static fast_cond_format *rule_of(int type)
{
    fast_cond_format *cf = fast_cond_format_new();
    assert_non_null(cf);
    assert_int_equal(fast_cond_format_set_type(cf, type), FAST_OK);
    return cf;
}

static void test_cell_value(void **state)
{
    (void)state;
    static const struct {
        int op;
        const char *name;
    } ops[] = {{FAST_OPERATOR_BETWEEN, "between"},
               {FAST_OPERATOR_NOT_BETWEEN, "notBetween"},
               {FAST_OPERATOR_EQUAL, "equal"},
               {FAST_OPERATOR_NOT_EQUAL, "notEqual"},
               {FAST_OPERATOR_GREATER_THAN, "greaterThan"},
               {FAST_OPERATOR_LESS_THAN, "lessThan"},
               {FAST_OPERATOR_GREATER_THAN_OR_EQUAL, "greaterThanOrEqual"},
               {FAST_OPERATOR_LESS_THAN_OR_EQUAL, "lessThanOrEqual"}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        fast_cond_format *cf = rule_of(FAST_COND_CELL);
        fast_cond_format_set_operator(cf, ops[i].op);
        fast_cond_format_set_number(cf, 1, 5);
        int two = ops[i].op <= FAST_OPERATOR_NOT_BETWEEN;
        if (two)
            fast_cond_format_set_formula(cf, 2, "=$Z$1", 5);
        char want[512];
        snprintf(want, sizeof want,
                 "<cfRule type=\"cellIs\" dxfId=\"0\" priority=\"1\" operator=\"%s\"><formula>5</formula>%s</cfRule>",
                 ops[i].name, two ? "<formula>$Z$1</formula>" : "");
        expect_rule(cf, 1, want);
        fast_cond_format_free(cf);
    }
    /* text compared as a formula string; no format: no dxfId */
    fast_cond_format *cf = rule_of(FAST_COND_CELL);
    fast_cond_format_set_operator(cf, FAST_OPERATOR_EQUAL);
    fast_cond_format_set_formula(cf, 1, "\"Test A2\"", 9);
    expect_rule(cf, 0, "<cfRule type=\"cellIs\" priority=\"1\" operator=\"equal\"><formula>\"Test A2\"</formula></cfRule>");
    fast_cond_format_free(cf);
}

static void test_expression_top_average_dup(void **state)
{
    (void)state;
    fast_cond_format *cf = rule_of(FAST_COND_EXPRESSION);
    fast_cond_format_set_formula(cf, 1, "$A2>5", 5);
    fast_cond_format_set_stop_if_true(cf, 1);
    expect_rule(cf, 1, "<cfRule type=\"expression\" dxfId=\"0\" priority=\"1\" stopIfTrue=\"1\"><formula>$A2&gt;5</formula></cfRule>");
    fast_cond_format_free(cf);

    static const struct {
        int type, percent;
        uint32_t n;
        const char *xml;
    } tops[] = {{FAST_COND_TOP, 0, 10, "<cfRule type=\"top10\" dxfId=\"0\" priority=\"1\" rank=\"10\"/>"},
                {FAST_COND_BOTTOM, 0, 16, "<cfRule type=\"top10\" dxfId=\"0\" priority=\"1\" bottom=\"1\" rank=\"16\"/>"},
                {FAST_COND_TOP, 1, 17, "<cfRule type=\"top10\" dxfId=\"0\" priority=\"1\" percent=\"1\" rank=\"17\"/>"},
                {FAST_COND_BOTTOM, 1, 18,
                 "<cfRule type=\"top10\" dxfId=\"0\" priority=\"1\" percent=\"1\" bottom=\"1\" rank=\"18\"/>"}};
    for (size_t i = 0; i < 4; i++) {
        cf = rule_of(tops[i].type);
        if (tops[i].n != 10 || tops[i].percent)
            fast_cond_format_set_rank(cf, tops[i].n, tops[i].percent);
        expect_rule(cf, 1, tops[i].xml);
        fast_cond_format_free(cf);
    }
    static const struct {
        int type, sd, eq;
        const char *xml;
    } avgs[] = {{FAST_COND_ABOVE_AVERAGE, 0, 0, "<cfRule type=\"aboveAverage\" dxfId=\"0\" priority=\"1\"/>"},
                {FAST_COND_BELOW_AVERAGE, 0, 0, "<cfRule type=\"aboveAverage\" dxfId=\"0\" priority=\"1\" aboveAverage=\"0\"/>"},
                {FAST_COND_ABOVE_AVERAGE, 0, 1, "<cfRule type=\"aboveAverage\" dxfId=\"0\" priority=\"1\" equalAverage=\"1\"/>"},
                {FAST_COND_BELOW_AVERAGE, 0, 1,
                 "<cfRule type=\"aboveAverage\" dxfId=\"0\" priority=\"1\" aboveAverage=\"0\" equalAverage=\"1\"/>"},
                {FAST_COND_ABOVE_AVERAGE, 1, 0, "<cfRule type=\"aboveAverage\" dxfId=\"0\" priority=\"1\" stdDev=\"1\"/>"},
                {FAST_COND_BELOW_AVERAGE, 3, 0,
                 "<cfRule type=\"aboveAverage\" dxfId=\"0\" priority=\"1\" aboveAverage=\"0\" stdDev=\"3\"/>"}};
    for (size_t i = 0; i < sizeof avgs / sizeof avgs[0]; i++) {
        cf = rule_of(avgs[i].type);
        if (avgs[i].sd)
            fast_cond_format_set_std_dev(cf, avgs[i].sd);
        if (avgs[i].eq)
            fast_cond_format_set_equal_average(cf, 1);
        expect_rule(cf, 1, avgs[i].xml);
        fast_cond_format_free(cf);
    }
    cf = rule_of(FAST_COND_DUPLICATE);
    expect_rule(cf, 1, "<cfRule type=\"duplicateValues\" dxfId=\"0\" priority=\"1\"/>");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_UNIQUE);
    expect_rule(cf, 1, "<cfRule type=\"uniqueValues\" dxfId=\"0\" priority=\"1\"/>");
    fast_cond_format_free(cf);
}

static void test_text_blank_error_rules(void **state)
{
    (void)state;
    static const struct {
        int type;
        const char *text, *xml;
    } rules[] = {
        {FAST_COND_CONTAINS_TEXT, "abc",
         "<cfRule type=\"containsText\" dxfId=\"0\" priority=\"1\" operator=\"containsText\" text=\"abc\">"
         "<formula>NOT(ISERROR(SEARCH(\"abc\",B2)))</formula></cfRule>"},
        {FAST_COND_NOT_CONTAINS_TEXT, "foo",
         "<cfRule type=\"notContainsText\" dxfId=\"0\" priority=\"1\" operator=\"notContains\" text=\"foo\">"
         "<formula>ISERROR(SEARCH(\"foo\",B2))</formula></cfRule>"},
        {FAST_COND_BEGINS_WITH, "abc",
         "<cfRule type=\"beginsWith\" dxfId=\"0\" priority=\"1\" operator=\"beginsWith\" text=\"abc\">"
         "<formula>LEFT(B2,LEN(\"abc\"))=\"abc\"</formula></cfRule>"},
        {FAST_COND_ENDS_WITH, "say \"x\" & <y>",
         "<cfRule type=\"endsWith\" dxfId=\"0\" priority=\"1\" operator=\"endsWith\" text=\"say &quot;x&quot; &amp; &lt;y&gt;\">"
         "<formula>RIGHT(B2,LEN(\"say \"\"x\"\" &amp; &lt;y&gt;\"))=\"say \"\"x\"\" &amp; &lt;y&gt;\"</formula></cfRule>"},
        {FAST_COND_BLANKS, NULL,
         "<cfRule type=\"containsBlanks\" dxfId=\"0\" priority=\"1\"><formula>LEN(TRIM(B2))=0</formula></cfRule>"},
        {FAST_COND_NO_BLANKS, NULL,
         "<cfRule type=\"notContainsBlanks\" dxfId=\"0\" priority=\"1\"><formula>LEN(TRIM(B2))&gt;0</formula></cfRule>"},
        {FAST_COND_ERRORS, NULL,
         "<cfRule type=\"containsErrors\" dxfId=\"0\" priority=\"1\"><formula>ISERROR(B2)</formula></cfRule>"},
        {FAST_COND_NO_ERRORS, NULL,
         "<cfRule type=\"notContainsErrors\" dxfId=\"0\" priority=\"1\"><formula>NOT(ISERROR(B2))</formula></cfRule>"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        fast_cond_format *cf = rule_of(rules[i].type);
        if (rules[i].text)
            fast_cond_format_set_text(cf, rules[i].text, strlen(rules[i].text));
        expect_rule(cf, 1, rules[i].xml);
        fast_cond_format_free(cf);
    }
}

static void test_time_periods(void **state)
{
    (void)state;
    static const char *const periods[][2] = {
        {"yesterday", "FLOOR(B2,1)=TODAY()-1"},
        {"today", "FLOOR(B2,1)=TODAY()"},
        {"tomorrow", "FLOOR(B2,1)=TODAY()+1"},
        {"last7Days", "AND(TODAY()-FLOOR(B2,1)&lt;=6,FLOOR(B2,1)&lt;=TODAY())"},
        {"lastWeek", "AND(TODAY()-ROUNDDOWN(B2,0)&gt;=(WEEKDAY(TODAY())),TODAY()-ROUNDDOWN(B2,0)&lt;(WEEKDAY(TODAY())+7))"},
        {"thisWeek", "AND(TODAY()-ROUNDDOWN(B2,0)&lt;=WEEKDAY(TODAY())-1,ROUNDDOWN(B2,0)-TODAY()&lt;=7-WEEKDAY(TODAY()))"},
        {"nextWeek", "AND(ROUNDDOWN(B2,0)-TODAY()&gt;(7-WEEKDAY(TODAY())),ROUNDDOWN(B2,0)-TODAY()&lt;(15-WEEKDAY(TODAY())))"},
        {"lastMonth", "AND(MONTH(B2)=MONTH(TODAY())-1,OR(YEAR(B2)=YEAR(TODAY()),AND(MONTH(B2)=1,YEAR(B2)=YEAR(TODAY())-1)))"},
        {"thisMonth", "AND(MONTH(B2)=MONTH(TODAY()),YEAR(B2)=YEAR(TODAY()))"},
        {"nextMonth", "AND(MONTH(B2)=MONTH(TODAY())+1,OR(YEAR(B2)=YEAR(TODAY()),AND(MONTH(B2)=12,YEAR(B2)=YEAR(TODAY())+1)))"},
    };
    for (int p = 0; p < 10; p++) {
        fast_cond_format *cf = rule_of(FAST_COND_TIME_PERIOD);
        fast_cond_format_set_time_period(cf, p);
        char want[512];
        snprintf(want, sizeof want,
                 "<cfRule type=\"timePeriod\" dxfId=\"0\" priority=\"1\" timePeriod=\"%s\"><formula>%s</formula></cfRule>",
                 periods[p][0], periods[p][1]);
        expect_rule(cf, 1, want);
        fast_cond_format_free(cf);
    }
}

static void test_scales_bars_icons(void **state)
{
    (void)state;
    fast_cond_format *cf = rule_of(FAST_COND_COLOR_SCALE_2);
    expect_rule(cf, 0,
                "<cfRule type=\"colorScale\" priority=\"1\"><colorScale><cfvo type=\"min\" val=\"0\"/>"
                "<cfvo type=\"max\" val=\"0\"/><color rgb=\"FFFF7128\"/><color rgb=\"FFFFEF9C\"/></colorScale></cfRule>");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_COLOR_SCALE_3);
    expect_rule(cf, 0,
                "<cfRule type=\"colorScale\" priority=\"1\"><colorScale><cfvo type=\"min\" val=\"0\"/>"
                "<cfvo type=\"percentile\" val=\"50\"/><cfvo type=\"max\" val=\"0\"/><color rgb=\"FFF8696B\"/>"
                "<color rgb=\"FFFFEB84\"/><color rgb=\"FF63BE7B\"/></colorScale></cfRule>");
    /* thresholds and colours given */
    fast_cond_format_set_point(cf, 0, FAST_CFVO_NUMBER, -1.5);
    fast_cond_format_set_point(cf, 1, FAST_CFVO_PERCENT, 52);
    fast_cond_format_set_point(cf, 2, FAST_CFVO_PERCENTILE, 99);
    fast_cond_format_set_color(cf, 0, 0xC5D9F1);
    fast_cond_format_set_color(cf, 1, 0x8DB4E3);
    fast_cond_format_set_color(cf, 2, 0x538ED5);
    expect_rule(cf, 0,
                "<cfRule type=\"colorScale\" priority=\"1\"><colorScale><cfvo type=\"num\" val=\"-1.5\"/>"
                "<cfvo type=\"percent\" val=\"52\"/><cfvo type=\"percentile\" val=\"99\"/><color rgb=\"FFC5D9F1\"/>"
                "<color rgb=\"FF8DB4E3\"/><color rgb=\"FF538ED5\"/></colorScale></cfRule>");
    fast_cond_format_free(cf);

    /* a data bar: the 2007 form tied by id to the 2010 form in extLst (data_bar02 of XlsxWriter) */
    tu_buf pkg = {0}, tail = {0};
    fast_workbook *wb = new_book(&pkg, 3);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Second", 6), FAST_OK);
    cf = rule_of(FAST_COND_DATA_BAR);
    add_ok(wb, 0, 0, 0, 0, cf);
    fast_cond_format_set_color(cf, 0, 0xFF0000);
    fast_cond_format_set_bar_solid(cf, 1);
    fast_cond_format_set_show_value(cf, 0);
    fast_cond_format_set_point(cf, 0, FAST_CFVO_NUMBER, 2);
    fast_cond_format_set_point(cf, 1, FAST_CFVO_PERCENT, 90);
    add_ok(wb, 1, 1, FAST_LAST_ROW, 1, cf);
    fast_cond_format_free(cf);
    tu_close_ok(wb);
    sheet_tail(&pkg, 2, &tail);
#define BAR_EXT(id)                                                                                          \
    "<extLst><ext " X14_NS " uri=\"{B025F937-C7B1-47D3-B67F-A62EFF666E3E}\"><x14:id>" id "</x14:id></ext></extLst>"
#define X14_COLORS(c)                                                                                       \
    "<x14:borderColor rgb=\"" c "\"/><x14:negativeFillColor rgb=\"FFFF0000\"/>"                              \
    "<x14:negativeBorderColor rgb=\"FFFF0000\"/><x14:axisColor rgb=\"FF000000\"/>"
    tu_assert_str_bytes(
        tail.data, strlen((const char *)tail.data),
        "<conditionalFormatting sqref=\"A1\"><cfRule type=\"dataBar\" priority=\"1\"><dataBar><cfvo type=\"min\"/>"
        "<cfvo type=\"max\"/><color rgb=\"FF638EC6\"/></dataBar>" BAR_EXT("{00000002-FA57-4C0D-8000-000000000001}")
        "</cfRule></conditionalFormatting>"
        "<conditionalFormatting sqref=\"B2\"><cfRule type=\"dataBar\" priority=\"2\"><dataBar showValue=\"0\">"
        "<cfvo type=\"num\" val=\"2\"/><cfvo type=\"percent\" val=\"90\"/><color rgb=\"FFFF0000\"/></dataBar>"
        BAR_EXT("{00000002-FA57-4C0D-8000-000000000002}") "</cfRule></conditionalFormatting>"
        "<extLst><ext " X14_NS " uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\"><x14:conditionalFormattings>"
        "<x14:conditionalFormatting xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
        "<x14:cfRule type=\"dataBar\" id=\"{00000002-FA57-4C0D-8000-000000000001}\">"
        "<x14:dataBar minLength=\"0\" maxLength=\"100\" border=\"1\" negativeBarBorderColorSameAsPositive=\"0\">"
        "<x14:cfvo type=\"autoMin\"/><x14:cfvo type=\"autoMax\"/>" X14_COLORS("FF638EC6") "</x14:dataBar></x14:cfRule>"
        "<xm:sqref>A1</xm:sqref></x14:conditionalFormatting>"
        "<x14:conditionalFormatting xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
        "<x14:cfRule type=\"dataBar\" id=\"{00000002-FA57-4C0D-8000-000000000002}\">"
        "<x14:dataBar minLength=\"0\" maxLength=\"100\" border=\"1\" gradient=\"0\" "
        "negativeBarBorderColorSameAsPositive=\"0\"><x14:cfvo type=\"num\"><xm:f>2</xm:f></x14:cfvo>"
        "<x14:cfvo type=\"percent\"><xm:f>90</xm:f></x14:cfvo>" X14_COLORS("FFFF0000") "</x14:dataBar></x14:cfRule>"
        "<xm:sqref>B2</xm:sqref></x14:conditionalFormatting>"
        "</x14:conditionalFormattings></ext></extLst></worksheet>");
    tu_buf_free(&pkg);
    tu_buf_free(&tail);

    /* icon sets: 3, 4 and 5 icons, the default one unnamed, reversed, icons only */
    static const struct {
        int style, reversed, icons_only;
        const char *open;
        int n;
    } sets[] = {{FAST_ICONS_3_TRAFFIC_LIGHTS, 0, 0, "<iconSet>", 3},
                {FAST_ICONS_3_ARROWS, 1, 0, "<iconSet iconSet=\"3Arrows\" reverse=\"1\">", 3},
                {FAST_ICONS_3_FLAGS, 0, 1, "<iconSet iconSet=\"3Flags\" showValue=\"0\">", 3},
                {FAST_ICONS_3_TRAFFIC_LIGHTS_RIMMED, 1, 1, "<iconSet iconSet=\"3TrafficLights2\" showValue=\"0\" reverse=\"1\">", 3},
                {FAST_ICONS_3_ARROWS_GRAY, 0, 0, "<iconSet iconSet=\"3ArrowsGray\">", 3},
                {FAST_ICONS_3_SIGNS, 0, 0, "<iconSet iconSet=\"3Signs\">", 3},
                {FAST_ICONS_3_SYMBOLS_CIRCLED, 0, 0, "<iconSet iconSet=\"3Symbols\">", 3},
                {FAST_ICONS_3_SYMBOLS, 0, 0, "<iconSet iconSet=\"3Symbols2\">", 3},
                {FAST_ICONS_4_ARROWS, 0, 0, "<iconSet iconSet=\"4Arrows\">", 4},
                {FAST_ICONS_4_ARROWS_GRAY, 0, 0, "<iconSet iconSet=\"4ArrowsGray\">", 4},
                {FAST_ICONS_4_RED_TO_BLACK, 0, 0, "<iconSet iconSet=\"4RedToBlack\">", 4},
                {FAST_ICONS_4_RATINGS, 0, 0, "<iconSet iconSet=\"4Rating\">", 4},
                {FAST_ICONS_4_TRAFFIC_LIGHTS, 0, 0, "<iconSet iconSet=\"4TrafficLights\">", 4},
                {FAST_ICONS_5_ARROWS, 0, 0, "<iconSet iconSet=\"5Arrows\">", 5},
                {FAST_ICONS_5_ARROWS_GRAY, 0, 0, "<iconSet iconSet=\"5ArrowsGray\">", 5},
                {FAST_ICONS_5_RATINGS, 0, 0, "<iconSet iconSet=\"5Rating\">", 5},
                {FAST_ICONS_5_QUARTERS, 1, 0, "<iconSet iconSet=\"5Quarters\" reverse=\"1\">", 5}};
    static const char *const steps[6] = {
        NULL, NULL, NULL,
        "<cfvo type=\"percent\" val=\"0\"/><cfvo type=\"percent\" val=\"33\"/><cfvo type=\"percent\" val=\"67\"/>",
        "<cfvo type=\"percent\" val=\"0\"/><cfvo type=\"percent\" val=\"25\"/><cfvo type=\"percent\" val=\"50\"/>"
        "<cfvo type=\"percent\" val=\"75\"/>",
        "<cfvo type=\"percent\" val=\"0\"/><cfvo type=\"percent\" val=\"20\"/><cfvo type=\"percent\" val=\"40\"/>"
        "<cfvo type=\"percent\" val=\"60\"/><cfvo type=\"percent\" val=\"80\"/>"};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        cf = rule_of(FAST_COND_ICON_SET);
        if (sets[i].style != FAST_ICONS_3_TRAFFIC_LIGHTS || sets[i].reversed)
            fast_cond_format_set_icons(cf, sets[i].style, sets[i].reversed);
        if (sets[i].icons_only)
            fast_cond_format_set_show_value(cf, 0);
        char want[1024];
        snprintf(want, sizeof want, "<cfRule type=\"iconSet\" priority=\"1\">%s%s</iconSet></cfRule>", sets[i].open,
                 steps[sets[i].n]);
        expect_rule(cf, 0, want);
        fast_cond_format_free(cf);
    }
    /* thresholds given */
    cf = rule_of(FAST_COND_ICON_SET);
    fast_cond_format_set_point(cf, 1, FAST_CFVO_NUMBER, 10);
    fast_cond_format_set_point(cf, 2, FAST_CFVO_PERCENTILE, 90);
    expect_rule(cf, 0,
                "<cfRule type=\"iconSet\" priority=\"1\"><iconSet><cfvo type=\"percent\" val=\"0\"/>"
                "<cfvo type=\"num\" val=\"10\"/><cfvo type=\"percentile\" val=\"90\"/></iconSet></cfRule>");
    fast_cond_format_free(cf);
}

/* Priorities in the order given across ranges; rules over one range grouped;
 * dxf ids shared by equal looks; the elements' places (§18.3.1.99):
 * autoFilter, mergeCells, conditionalFormatting, dataValidations, hyperlinks,
 * extLst. */
static void test_priorities_order_and_dxfs(void **state)
{
    (void)state;
    tu_buf pkg = {0}, tail = {0}, styles = {0};
    fast_workbook *wb = new_book(&pkg, 5);
    fast_format *red = red_format(wb), *red2 = red_format(wb), *bold = fast_workbook_add_format(wb);
    fast_format_set_bold(bold, 1);
    fast_cond_format *cf = rule_of(FAST_COND_CELL);
    fast_cond_format_set_operator(cf, FAST_OPERATOR_GREATER_THAN);
    fast_cond_format_set_number(cf, 1, 1);
    fast_cond_format_set_format(cf, bold);
    add_ok(wb, 0, 0, FAST_LAST_ROW, 0, cf); /* priority 1, dxf 0 */
    fast_cond_format_set_format(cf, red);
    add_ok(wb, 0, 1, 1, 1, cf); /* priority 2, dxf 1 */
    fast_cond_format_set_format(cf, red2);
    fast_cond_format_set_number(cf, 1, 3);
    add_ok(wb, 0, 0, FAST_LAST_ROW, 0, cf); /* priority 3, same range as 1, dxf 1 */
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_DATA_BAR);
    add_ok(wb, 0, 2, FAST_LAST_ROW, 2, cf); /* priority 4 */
    fast_cond_format_free(cf);
    fast_validation *v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_LIST);
    fast_validation_add_list_item(v, "a", 1);
    assert_int_equal(fast_workbook_add_validation(wb, 0, 3, 0, 3, v), FAST_OK);
    fast_validation_free(v);
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 2), FAST_OK);
    assert_int_equal(fast_workbook_merge_range(wb, 0, 5, 0, 6), FAST_OK);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 4, "https://example.com", 19), FAST_OK);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &tail);
    tu_assert_str_bytes(
        tail.data, strlen((const char *)tail.data),
        "<autoFilter ref=\"A1:C5\"/><mergeCells count=\"1\"><mergeCell ref=\"F1:G1\"/></mergeCells>"
        "<conditionalFormatting sqref=\"A1:A5\">"
        "<cfRule type=\"cellIs\" dxfId=\"0\" priority=\"1\" operator=\"greaterThan\"><formula>1</formula></cfRule>"
        "<cfRule type=\"cellIs\" dxfId=\"1\" priority=\"3\" operator=\"greaterThan\"><formula>3</formula></cfRule>"
        "</conditionalFormatting><conditionalFormatting sqref=\"B1:B2\">"
        "<cfRule type=\"cellIs\" dxfId=\"1\" priority=\"2\" operator=\"greaterThan\"><formula>1</formula></cfRule>"
        "</conditionalFormatting><conditionalFormatting sqref=\"C1:C5\"><cfRule type=\"dataBar\" priority=\"4\">"
        "<dataBar><cfvo type=\"min\"/><cfvo type=\"max\"/><color rgb=\"FF638EC6\"/></dataBar>"
        BAR_EXT("{00000001-FA57-4C0D-8000-000000000004}") "</cfRule></conditionalFormatting>"
        "<dataValidations count=\"1\"><dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" "
        "showErrorMessage=\"1\" sqref=\"D1\"><formula1>\"a\"</formula1></dataValidation></dataValidations>"
        "<hyperlinks><hyperlink ref=\"E1\" r:id=\"rId1\"/></hyperlinks>"
        "<extLst><ext " X14_NS " uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\"><x14:conditionalFormattings>"
        "<x14:conditionalFormatting xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
        "<x14:cfRule type=\"dataBar\" id=\"{00000001-FA57-4C0D-8000-000000000004}\">"
        "<x14:dataBar minLength=\"0\" maxLength=\"100\" border=\"1\" negativeBarBorderColorSameAsPositive=\"0\">"
        "<x14:cfvo type=\"autoMin\"/><x14:cfvo type=\"autoMax\"/>" X14_COLORS("FF638EC6") "</x14:dataBar></x14:cfRule>"
        "<xm:sqref>C1:C5</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
        "</worksheet>");
    tu_extract_part(&pkg, "xl/styles.xml", &styles);
    tu_assert_contains(styles.data, styles.len,
                       "<dxfs count=\"2\"><dxf><font><b/></font></dxf><dxf><font><color rgb=\"FF9C0006\"/></font>"
                       "<fill><patternFill><bgColor rgb=\"FFFFC7CE\"/></patternFill></fill></dxf></dxfs>");
    tu_buf_free(&pkg);
    tu_buf_free(&tail);
    tu_buf_free(&styles);
}

/* Rules to FAST_LAST_ROW carry over to each continuation sheet, renumbered from
 * priority 1, with ids of the new sheet; fixed ones stay. */
static void test_continuation(void **state)
{
    (void)state;
    tu_buf pkg = {0}, t1 = {0}, t2 = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 4), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_cond_format *cf = rule_of(FAST_COND_DUPLICATE);
    add_ok(wb, 1, 1, 2, 1, cf); /* fixed: stays */
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_DATA_BAR);
    add_ok(wb, 1, 0, FAST_LAST_ROW, 0, cf);
    fast_cond_format_free(cf);
    fast_cells *c = fast_cells_new(1);
    for (int i = 0; i < 6; i++) {
        fast_cells_set_number(c, 0, i);
        tu_write_row(wb, c, 1);
    }
    fast_cells_free(c);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &t1);
    sheet_tail(&pkg, 2, &t2);
    tu_assert_contains(t1.data, t1.len, "<conditionalFormatting sqref=\"B2:B3\"><cfRule type=\"duplicateValues\" priority=\"1\"/>");
    tu_assert_contains(t1.data, t1.len, "<conditionalFormatting sqref=\"A2:A4\"><cfRule type=\"dataBar\" priority=\"2\">");
    tu_assert_contains(t1.data, t1.len, "<x14:id>{00000001-FA57-4C0D-8000-000000000002}</x14:id>");
    tu_assert_not_contains(t2.data, t2.len, "duplicateValues");
    tu_assert_contains(t2.data, t2.len, "<conditionalFormatting sqref=\"A2:A3\"><cfRule type=\"dataBar\" priority=\"1\">");
    tu_assert_contains(t2.data, t2.len, "<x14:id>{00000002-FA57-4C0D-8000-000000000001}</x14:id>");
    tu_assert_contains(t2.data, t2.len,
                       "<x14:cfRule type=\"dataBar\" id=\"{00000002-FA57-4C0D-8000-000000000001}\">");
    tu_assert_contains(t2.data, t2.len, "<xm:sqref>A2:A3</xm:sqref>");
    tu_buf_free(&pkg);
    tu_buf_free(&t1);
    tu_buf_free(&t2);
}

static void expect_refused(fast_workbook *wb, const fast_cond_format *cf, fast_status status, const char *message)
{
    assert_int_equal(fast_workbook_add_cond_format(wb, 1, 1, 9, 1, cf), status);
    assert_string_equal(fast_workbook_error_message(wb), message);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
}

#define P "fast_workbook_add_cond_format: sheet 'S': "

static void test_refusals(void **state)
{
    (void)state;
    tu_buf pkg = {0}, tail = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    fast_cond_format *cf = rule_of(FAST_COND_DUPLICATE);
    expect_refused(wb, cf, FAST_ERROR_STATE,
                   "fast_workbook_add_cond_format: no worksheet; call fast_workbook_add_worksheet first");
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    expect_refused(wb, NULL, FAST_ERROR_INVALID_ARGUMENT, P "NULL rule");
    assert_int_equal(fast_workbook_add_cond_format(wb, 3, 0, 2, 0, cf), FAST_ERROR_INVALID_ARGUMENT);
    assert_string_equal(fast_workbook_error_message(wb),
                        P "range rows 3..2, columns 0..0 is out of bounds or reversed (rows 0..1048575 or "
                          "FAST_LAST_ROW, columns 0..16383, first <= last)");
    assert_int_equal(fast_workbook_add_cond_format(wb, 0, 2, 0, 1, cf), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_workbook_add_cond_format(wb, 0, 0, FAST_MAX_ROWS, 1, cf), FAST_ERROR_INVALID_ARGUMENT);
    fast_cond_format_free(cf);

    cf = rule_of(21);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "unknown rule type 21");
    fast_cond_format_set_type(cf, FAST_COND_CELL);
    fast_cond_format_set_operator(cf, 9);
    fast_cond_format_set_number(cf, 1, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT,
                   P "unknown operator 9 (FAST_OPERATOR_BETWEEN..LESS_THAN_OR_EQUAL)");
    fast_cond_format_set_operator(cf, FAST_OPERATOR_BETWEEN);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "value 2 (maximum) is missing");
    fast_cond_format_set_operator(cf, FAST_OPERATOR_EQUAL);
    fast_cond_format_set_number(cf, 2, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "value 2 is given but equal takes one value");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_CELL);
    fast_cond_format_set_operator(cf, FAST_OPERATOR_LESS_THAN);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "value 1 is missing");
    fast_cond_format_set_number(cf, 1, 1.0 / 0.0);
    expect_refused(wb, cf, FAST_ERROR_NONFINITE_NUMBER, P "value 1 is NaN or infinite");
    fast_cond_format_set_formula(cf, 1, "\xE2\x82", 2);
    expect_refused(wb, cf, FAST_ERROR_INVALID_UTF8, P "value 1: invalid UTF-8 at byte 1");
    fast_cond_format_set_type(cf, FAST_COND_TOP);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "an operator does not apply to a rule of type top10");
    fast_cond_format_free(cf);

    cf = rule_of(FAST_COND_EXPRESSION);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "an expression rule needs a formula as value 1");
    fast_cond_format_set_number(cf, 1, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "an expression rule needs a formula as value 1");
    fast_cond_format_set_formula(cf, 1, "A1>1", 4);
    fast_cond_format_set_formula(cf, 2, "A1>2", 4);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "an expression rule takes one formula, value 1");
    fast_cond_format_free(cf);

    cf = rule_of(FAST_COND_TOP);
    fast_cond_format_set_rank(cf, 0, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "rank 0 is outside 1..1000");
    fast_cond_format_set_rank(cf, 101, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "rank 101 is outside 1..100 percent");
    fast_cond_format_set_type(cf, FAST_COND_ABOVE_AVERAGE);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "a rank does not apply to a rule of type aboveAverage");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_BELOW_AVERAGE);
    fast_cond_format_set_std_dev(cf, 4);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "std dev 4 is outside 0..3");
    fast_cond_format_set_std_dev(cf, 1);
    fast_cond_format_set_equal_average(cf, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "equal-average does not combine with a std dev");
    fast_cond_format_free(cf);

    cf = rule_of(FAST_COND_CONTAINS_TEXT);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "a text rule needs a text (fast_cond_format_set_text())");
    char text[300];
    memset(text, 'z', sizeof text);
    fast_cond_format_set_text(cf, text, 256);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "text of 256 characters is longer than Excel's limit of 255");
    fast_cond_format_set_text(cf, "a", 1);
    fast_cond_format_set_type(cf, FAST_COND_BLANKS);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "a text does not apply to a rule of type containsBlanks");
    fast_cond_format_free(cf);

    cf = rule_of(FAST_COND_TIME_PERIOD);
    fast_cond_format_set_time_period(cf, 10);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "unknown time period 10");
    fast_cond_format_free(cf);

    cf = rule_of(FAST_COND_COLOR_SCALE_2);
    fast_cond_format_set_color(cf, 2, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "colour 2 is set but a two-colour scale has colours 0 and 1");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_COLOR_SCALE_3);
    fast_cond_format_set_point(cf, 1, FAST_CFVO_MAX, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT,
                   P "threshold 1 cannot be the maximum (only the first may be the minimum and the last the maximum, "
                     "and icon sets take neither)");
    fast_cond_format_set_point(cf, 1, FAST_CFVO_PERCENTILE, 101);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "threshold 1: percentile 101 is outside 0..100");
    fast_cond_format_set_point(cf, 1, 7, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "threshold 1: unknown kind 7");
    fast_cond_format_set_point(cf, 1, FAST_CFVO_NUMBER, 0.0 / 0.0);
    expect_refused(wb, cf, FAST_ERROR_NONFINITE_NUMBER, P "threshold 1 is NaN or infinite");
    fast_cond_format_set_point(cf, 1, FAST_CFVO_NUMBER, 1);
    fast_cond_format_set_point(cf, 3, FAST_CFVO_NUMBER, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "threshold 3 is set but this rule has 3");
    fast_cond_format_free(cf);
    fast_format *f = red_format(wb);
    cf = rule_of(FAST_COND_DATA_BAR);
    fast_cond_format_set_format(cf, f);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "a format does not apply to a rule of type dataBar");
    fast_cond_format_set_format(cf, NULL);
    fast_cond_format_set_stop_if_true(cf, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "stop-if-true does not apply to a rule of type dataBar");
    fast_cond_format_set_stop_if_true(cf, 0);
    fast_cond_format_set_color(cf, 1, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "a data bar has one colour, colour 0");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_ICON_SET);
    fast_cond_format_set_icons(cf, 17, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "unknown icon set 17");
    fast_cond_format_set_icons(cf, FAST_ICONS_4_RATINGS, 0);
    fast_cond_format_set_point(cf, 0, FAST_CFVO_MIN, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT,
                   P "threshold 0 cannot be the minimum (only the first may be the minimum and the last the maximum, "
                     "and icon sets take neither)");
    fast_cond_format_set_point(cf, 0, FAST_CFVO_PERCENT, 0);
    fast_cond_format_set_bar_solid(cf, 1);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "a solid bar does not apply to a rule of type iconSet");
    fast_cond_format_free(cf);
    cf = rule_of(FAST_COND_UNIQUE);
    fast_cond_format_set_icons(cf, FAST_ICONS_4_RATINGS, 0);
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "an icon set does not apply to a rule of type uniqueValues");
    fast_cond_format_free(cf);

    /* a format of another workbook */
    tu_buf other_pkg = {0};
    fast_workbook *other = tu_callback_workbook(&other_pkg);
    cf = rule_of(FAST_COND_UNIQUE);
    fast_cond_format_set_format(cf, red_format(other));
    expect_refused(wb, cf, FAST_ERROR_INVALID_ARGUMENT, P "the format belongs to another workbook");
    fast_cond_format_free(cf);
    fast_workbook_free(other);
    tu_buf_free(&other_pkg);

    /* setters */
    assert_int_equal(fast_cond_format_set_type(NULL, 0), FAST_ERROR_INVALID_ARGUMENT);
    cf = fast_cond_format_new();
    assert_int_equal(fast_cond_format_set_number(cf, 3, 0), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cond_format_set_formula(cf, 0, "A", 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cond_format_set_text(cf, NULL, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cond_format_set_color(cf, 3, 0), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cond_format_set_point(cf, 5, FAST_CFVO_NUMBER, 0), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_cond_format_set_point(cf, -1, FAST_CFVO_NUMBER, 0), FAST_ERROR_INVALID_ARGUMENT);
    fast_cond_format_free(NULL);

    /* the workbook goes on: one good rule, priority 1, and only the dxf it uses */
    fast_cond_format_set_type(cf, FAST_COND_DUPLICATE);
    fast_cond_format_set_format(cf, f);
    add_ok(wb, 0, 0, 0, 0, cf);
    fast_cond_format_free(cf);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &tail);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data),
                        "<conditionalFormatting sqref=\"A1\"><cfRule type=\"duplicateValues\" dxfId=\"0\" priority=\"1\"/>"
                        "</conditionalFormatting></worksheet>");
    tu_buf_free(&pkg);
    tu_buf_free(&tail);
}

/* A workbook with every rule type and validation, valid against the schemas. */
static void test_schema_valid(void **state)
{
    (void)state;
    char dir[256], path[320];
    tu_temp_workbook("fx_test_condformat", "rules.xlsx", dir, path);
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Rules", 5), FAST_OK);
    fast_format *f = red_format(wb);
    fast_format_set_bold(f, 1);
    fast_format_set_italic(f, 1);
    fast_format_set_underline(f, 1);
    fast_format_set_strikeout(f, 1);
    fast_format_set_border(f, 1);
    fast_format_set_num_format(f, "0.0%", 4);
    fast_cells *c = fast_cells_new(2);
    for (int i = 0; i < 10; i++) {
        fast_cells_set_number(c, 0, i);
        fast_cells_set_string(c, 1, "abc", 3);
        tu_write_row(wb, c, 2);
    }
    fast_cells_free(c);
    for (int t = FAST_COND_CELL; t <= FAST_COND_ICON_SET; t++) {
        fast_cond_format *cf = rule_of(t);
        if (t == FAST_COND_CELL)
            fast_cond_format_set_number(cf, 1, 1), fast_cond_format_set_number(cf, 2, 5);
        if (t == FAST_COND_EXPRESSION)
            fast_cond_format_set_formula(cf, 1, "$A1>2", 5);
        if (t >= FAST_COND_CONTAINS_TEXT && t <= FAST_COND_ENDS_WITH)
            fast_cond_format_set_text(cf, "b", 1);
        if (t < FAST_COND_COLOR_SCALE_2)
            fast_cond_format_set_format(cf, f), fast_cond_format_set_stop_if_true(cf, t & 1);
        if (t == FAST_COND_ICON_SET)
            fast_cond_format_set_icons(cf, FAST_ICONS_5_RATINGS, 1);
        add_ok(wb, 0, (uint32_t)t % 2, FAST_LAST_ROW, (uint32_t)t % 2, cf);
        fast_cond_format_free(cf);
    }
    for (int t = FAST_VALIDATION_ANY; t <= FAST_VALIDATION_CUSTOM; t++) {
        fast_validation *v = fast_validation_new();
        fast_validation_set_type(v, t);
        if (t == FAST_VALIDATION_LIST)
            fast_validation_set_list_range(v, "Other sheet", 11, "A1:A9", 5);
        else if (t == FAST_VALIDATION_CUSTOM)
            fast_validation_set_formula(v, 1, "ISNUMBER(C1)", 12);
        else if (t != FAST_VALIDATION_ANY)
            fast_validation_set_operator(v, FAST_OPERATOR_GREATER_THAN), fast_validation_set_number(v, 1, 0);
        fast_validation_set_input_message(v, "Title", 5, "Message\nline 2", 14);
        fast_validation_set_error_message(v, FAST_ERROR_STYLE_WARNING, "Oops", 4, "Bad value", 9);
        assert_int_equal(fast_workbook_add_validation(wb, (uint32_t)t, 2, (uint32_t)t, 3, v), FAST_OK);
        fast_validation_free(v);
    }
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 6, "https://example.com", 19), FAST_OK);
    tu_close_ok(wb);
    tu_validate_and_remove(dir, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_value),
        cmocka_unit_test(test_expression_top_average_dup),
        cmocka_unit_test(test_text_blank_error_rules),
        cmocka_unit_test(test_time_periods),
        cmocka_unit_test(test_scales_bars_icons),
        cmocka_unit_test(test_priorities_order_and_dxfs),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_schema_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
