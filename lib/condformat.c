/*
 * condformat.c - conditional formatting (ECMA-376 Part 1 §18.3.1.18
 * conditionalFormatting, §18.3.1.10 cfRule): the fast_cond_format handle, the
 * checks of fast_workbook_add_cond_format(), and the sheet's rules, each kept
 * as its XML with the range and the priority apart (the range may end at the
 * sheet's last row, and a continuation sheet numbers its rules anew).
 *
 * The forms are those Excel writes (XlsxWriter's tests, made from Excel files):
 * attributes in Excel's order; the formulas Excel generates for the text, blank,
 * error and time-period rules, on the range's top-left cell; colour scales with
 * val="0" on min and max; data bars in the 2007 form, with an extLst that ties
 * the rule by id to its Excel 2010 form (x14:dataBar) in the sheet's extLst.
 */
#include "internal.h"
#include "condformat.h"
#include "rules.h"
#include "xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_POINTS 5
/* The namespaces of the Excel 2010 extension (MS-XLSX 2.6). */
#define X14_NS "xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\""
#define XM_NS "xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\""

struct fast_cond_format {
    int type, op;
    fx_rule_value value[2];
    char *text;
    size_t text_len;
    uint32_t rank;
    int percent, std_dev, equal_average, period;
    uint32_t color[3];
    int color_set[3];
    int point_kind[MAX_POINTS];
    double point_value[MAX_POINTS];
    int point_set[MAX_POINTS];
    int icons, reversed, show_value, solid, stop;
    const fast_format *format;
    /* which settings were given, to refuse those that do not apply */
    int op_set, text_set, rank_set, avg_set, period_set, colors_set, points_set, icons_set, show_set, solid_set;
};

/* A rule as kept (fx_rule): "<cfRule " HEAD " priority=\"N\"" ATTRS, then "/>"
 * or ">" BODY [extLst] "</cfRule>" when written; a data bar also has its
 * x14:dataBar (X14), written in the sheet's extLst. */
enum { CF_HEAD, CF_ATTRS, CF_BODY, CF_X14 };

/* ---- the handle -------------------------------------------------------------- */

FAST_API fast_cond_format *fast_cond_format_new(void)
{
    fast_cond_format *cf = calloc(1, sizeof *cf);
    if (!cf)
        return NULL;
    cf->rank = 10;
    cf->period = FAST_PERIOD_TODAY;
    cf->icons = FAST_ICONS_3_TRAFFIC_LIGHTS;
    cf->show_value = 1;
    return cf;
}

FAST_API void fast_cond_format_free(fast_cond_format *cf)
{
    if (!cf)
        return;
    fx_rule_value_clear(&cf->value[0]);
    fx_rule_value_clear(&cf->value[1]);
    free(cf->text);
    free(cf);
}

#define SETTER(name, field, flag)                                     \
    FAST_API fast_status fast_cond_format_set_##name(fast_cond_format *cf, int v) \
    {                                                                 \
        if (!cf)                                                      \
            return FAST_ERROR_INVALID_ARGUMENT;                       \
        cf->field = v;                                                \
        flag;                                                         \
        return FAST_OK;                                               \
    }

SETTER(type, type, (void)0)
SETTER(operator, op, cf->op_set = 1)
SETTER(std_dev, std_dev, cf->avg_set = 1)
SETTER(time_period, period, cf->period_set = 1)
SETTER(show_value, show_value, (cf->show_value = v != 0, cf->show_set = 1))
SETTER(bar_solid, solid, (cf->solid = v != 0, cf->solid_set = 1))
SETTER(stop_if_true, stop, cf->stop = v != 0)
#undef SETTER

FAST_API fast_status fast_cond_format_set_equal_average(fast_cond_format *cf, int on)
{
    if (!cf)
        return FAST_ERROR_INVALID_ARGUMENT;
    cf->equal_average = on != 0;
    cf->avg_set = 1;
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_number(fast_cond_format *cf, int which, double value)
{
    if (!cf || (which != 1 && which != 2))
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_rule_value *s = &cf->value[which - 1];
    fx_rule_value_clear(s);
    s->kind = FX_RV_NUMBER;
    s->number = value;
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_formula(fast_cond_format *cf, int which, const char *formula, size_t len)
{
    if (!cf || (which != 1 && which != 2))
        return FAST_ERROR_INVALID_ARGUMENT;
    return fx_rule_value_formula(&cf->value[which - 1], formula, len);
}

FAST_API fast_status fast_cond_format_set_text(fast_cond_format *cf, const char *text, size_t len)
{
    if (!cf || (!text && len))
        return FAST_ERROR_INVALID_ARGUMENT;
    char *copy;
    if (fx_rules_dup(text, len, &copy) != 0)
        return FAST_ERROR_NOMEM;
    free(cf->text);
    cf->text = copy;
    cf->text_len = len;
    cf->text_set = len != 0; /* empty: no text, as before any was set */
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_rank(fast_cond_format *cf, uint32_t n, int percent)
{
    if (!cf)
        return FAST_ERROR_INVALID_ARGUMENT;
    cf->rank = n;
    cf->percent = percent != 0;
    cf->rank_set = 1;
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_color(fast_cond_format *cf, int index, uint32_t rgb)
{
    if (!cf || index < 0 || index > 2)
        return FAST_ERROR_INVALID_ARGUMENT;
    cf->color[index] = rgb;
    cf->color_set[index] = 1;
    cf->colors_set = 1;
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_point(fast_cond_format *cf, int index, int kind, double value)
{
    if (!cf || index < 0 || index >= MAX_POINTS)
        return FAST_ERROR_INVALID_ARGUMENT;
    cf->point_kind[index] = kind;
    cf->point_value[index] = value;
    cf->point_set[index] = 1;
    cf->points_set = 1;
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_icons(fast_cond_format *cf, int style, int reversed)
{
    if (!cf)
        return FAST_ERROR_INVALID_ARGUMENT;
    cf->icons = style;
    cf->reversed = reversed != 0;
    cf->icons_set = 1;
    return FAST_OK;
}

FAST_API fast_status fast_cond_format_set_format(fast_cond_format *cf, const fast_format *format)
{
    if (!cf)
        return FAST_ERROR_INVALID_ARGUMENT;
    cf->format = format;
    return FAST_OK;
}

/* ---- building a rule ------------------------------------------------------------ */

static const char fn_add[] = "fast_workbook_add_cond_format";

static const char *const type_names[] = {
    "cellIs",         "expression",        "top10",        "top10",        "aboveAverage",     "aboveAverage",
    "duplicateValues", "uniqueValues",     "containsText", "notContainsText", "beginsWith",    "endsWith",
    "containsBlanks", "notContainsBlanks", "containsErrors", "notContainsErrors", "timePeriod", "colorScale",
    "colorScale",     "dataBar",           "iconSet"};

static const char *const period_names[] = {"yesterday", "today",    "tomorrow",  "last7Days", "lastWeek",
                                           "thisWeek",  "nextWeek", "lastMonth", "thisMonth", "nextMonth"};

/* The formulas Excel writes for each period; %1$s is the top-left cell. */
static const char *const period_formulas[] = {
    "FLOOR(%1$s,1)=TODAY()-1",
    "FLOOR(%1$s,1)=TODAY()",
    "FLOOR(%1$s,1)=TODAY()+1",
    "AND(TODAY()-FLOOR(%1$s,1)<=6,FLOOR(%1$s,1)<=TODAY())",
    "AND(TODAY()-ROUNDDOWN(%1$s,0)>=(WEEKDAY(TODAY())),TODAY()-ROUNDDOWN(%1$s,0)<(WEEKDAY(TODAY())+7))",
    "AND(TODAY()-ROUNDDOWN(%1$s,0)<=WEEKDAY(TODAY())-1,ROUNDDOWN(%1$s,0)-TODAY()<=7-WEEKDAY(TODAY()))",
    "AND(ROUNDDOWN(%1$s,0)-TODAY()>(7-WEEKDAY(TODAY())),ROUNDDOWN(%1$s,0)-TODAY()<(15-WEEKDAY(TODAY())))",
    "AND(MONTH(%1$s)=MONTH(TODAY())-1,OR(YEAR(%1$s)=YEAR(TODAY()),AND(MONTH(%1$s)=1,YEAR(%1$s)=YEAR(TODAY())-1)))",
    "AND(MONTH(%1$s)=MONTH(TODAY()),YEAR(%1$s)=YEAR(TODAY()))",
    "AND(MONTH(%1$s)=MONTH(TODAY())+1,OR(YEAR(%1$s)=YEAR(TODAY()),AND(MONTH(%1$s)=12,YEAR(%1$s)=YEAR(TODAY())+1)))",
};

static const struct icon_set {
    const char *name;
    int icons;
} icon_sets[] = {{"3Arrows", 3},        {"3ArrowsGray", 3}, {"3Flags", 3},       {"3TrafficLights1", 3},
                 {"3TrafficLights2", 3}, {"3Signs", 3},     {"3Symbols", 3},     {"3Symbols2", 3},
                 {"4Arrows", 4},        {"4ArrowsGray", 4}, {"4RedToBlack", 4},  {"4Rating", 4},
                 {"4TrafficLights", 4}, {"5Arrows", 5},     {"5ArrowsGray", 5},  {"5Rating", 5},
                 {"5Quarters", 5}};

static const char *const cfvo_names[] = {"min", "max", "num", "percent", "percentile"};

static void put_num(fx_strbuf *t, double v)
{
    char num[FX_DOUBLE_TEXT_MAX];
    fx_strbuf_add(t, num, fx_double_to_text(v, num));
}

static void put_rgb(fx_strbuf *t, const char *elem, uint32_t rgb)
{
    char buf[64];
    snprintf(buf, sizeof buf, "<%s rgb=\"FF%06X\"/>", elem, (unsigned)(rgb & 0xFFFFFFu));
    fx_strbuf_puts(t, buf);
}

/* One formula element. */
static void put_formula(fx_strbuf *t, const char *f, size_t len)
{
    fx_strbuf_puts(t, "<formula>");
    fx_strbuf_escaped(t, f, len, 0);
    fx_strbuf_puts(t, "</formula>");
}

/* One formula element from a text built apart, whose running out of memory @t inherits. */
static void put_built_formula(fx_strbuf *t, const fx_strbuf *f)
{
    if (f->nomem)
        t->nomem = 1;
    else
        put_formula(t, f->p, f->len);
}

static fast_status refuse(fast_workbook *wb, const fx_sheet *sh, const char *why)
{
    return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': %s", fn_add, sh->name, why);
}

/* The thresholds (cfvo) of a colour scale, data bar or icon set: @n points,
 * defaults in @kinds / @values where not set. Checked; 2007 form in @t, and the
 * x14 form in @x (data bars) when not NULL. */
static fast_status put_points(fast_workbook *wb, const fx_sheet *sh, const fast_cond_format *cf, int n,
                              const int *kinds, const double *values, int val_on_minmax, fx_strbuf *t, fx_strbuf *x)
{
    for (int i = 0; i < MAX_POINTS; i++)
        if (cf->point_set[i] && i >= n)
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: sheet '%s': threshold %d is set but this rule has %d", fn_add, sh->name, i, n);
    for (int i = 0; i < n; i++) {
        int kind = cf->point_set[i] ? cf->point_kind[i] : kinds[i];
        double v = cf->point_set[i] ? cf->point_value[i] : values[i];
        if (kind < FAST_CFVO_MIN || kind > FAST_CFVO_PERCENTILE)
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': threshold %d: unknown kind %d",
                             fn_add, sh->name, i, kind);
        if ((kind == FAST_CFVO_MIN && (i != 0 || cf->type == FAST_COND_ICON_SET)) ||
            (kind == FAST_CFVO_MAX && (i != n - 1 || cf->type == FAST_COND_ICON_SET)))
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: sheet '%s': threshold %d cannot be the %s (only the first may be the minimum and "
                             "the last the maximum, and icon sets take neither)",
                             fn_add, sh->name, i, kind == FAST_CFVO_MIN ? "minimum" : "maximum");
        if (kind >= FAST_CFVO_NUMBER && !isfinite(v))
            return fx_reject(&wb->err, FAST_ERROR_NONFINITE_NUMBER, "%s: sheet '%s': threshold %d is NaN or infinite",
                             fn_add, sh->name, i);
        if ((kind == FAST_CFVO_PERCENT || kind == FAST_CFVO_PERCENTILE) && (v < 0 || v > 100))
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: sheet '%s': threshold %d: %s %g is outside 0..100", fn_add, sh->name, i,
                             cfvo_names[kind], v);
        fx_strbuf_puts(t, "<cfvo type=\"");
        fx_strbuf_puts(t, cfvo_names[kind]);
        fx_strbuf_puts(t, "\"");
        if (kind >= FAST_CFVO_NUMBER || val_on_minmax) {
            fx_strbuf_puts(t, " val=\"");
            if (kind >= FAST_CFVO_NUMBER)
                put_num(t, v);
            else
                fx_strbuf_puts(t, "0");
            fx_strbuf_puts(t, "\"");
        }
        fx_strbuf_puts(t, "/>");
        if (x) {
            /* 2010 data bars: min/max as autoMin/autoMax unless given. */
            static const char *const x14_names[] = {"autoMin", "autoMax", "num", "percent", "percentile"};
            fx_strbuf_puts(x, "<x14:cfvo type=\"");
            fx_strbuf_puts(x, cf->point_set[i] && kind <= FAST_CFVO_MAX ? cfvo_names[kind] : x14_names[kind]);
            if (kind >= FAST_CFVO_NUMBER) {
                fx_strbuf_puts(x, "\"><xm:f>");
                put_num(x, v);
                fx_strbuf_puts(x, "</xm:f></x14:cfvo>");
            } else {
                fx_strbuf_puts(x, "\"/>");
            }
        }
    }
    return FAST_OK;
}

/* Append @s with each '"' doubled, for a string inside a formula. */
static void put_quoted(fx_strbuf *t, const char *s, size_t len)
{
    fx_strbuf_add(t, "\"", 1);
    size_t start = 0;
    for (size_t k = 0; k < len; k++)
        if (s[k] == '"') {
            fx_strbuf_add(t, s + start, k + 1 - start);
            fx_strbuf_add(t, "\"", 1);
            start = k + 1;
        }
    fx_strbuf_add(t, s + start, len - start);
    fx_strbuf_add(t, "\"", 1);
}

/* Check the settings that belong to other types. */
static fast_status check_applies(fast_workbook *wb, const fx_sheet *sh, const fast_cond_format *cf)
{
    int t = cf->type;
    int text = t >= FAST_COND_CONTAINS_TEXT && t <= FAST_COND_ENDS_WITH;
    int graphic = t >= FAST_COND_COLOR_SCALE_2;
    const char *what = NULL;
    if (cf->op_set && t != FAST_COND_CELL)
        what = "an operator";
    else if ((cf->value[0].kind || cf->value[1].kind) && t != FAST_COND_CELL && t != FAST_COND_EXPRESSION)
        what = "a value";
    else if (cf->text_set && !text)
        what = "a text";
    else if (cf->rank_set && t != FAST_COND_TOP && t != FAST_COND_BOTTOM)
        what = "a rank";
    else if (cf->avg_set && t != FAST_COND_ABOVE_AVERAGE && t != FAST_COND_BELOW_AVERAGE)
        what = "a std dev or equal-average setting";
    else if (cf->period_set && t != FAST_COND_TIME_PERIOD)
        what = "a time period";
    else if (cf->colors_set && t != FAST_COND_COLOR_SCALE_2 && t != FAST_COND_COLOR_SCALE_3 && t != FAST_COND_DATA_BAR)
        what = "a colour";
    else if (cf->points_set && !graphic)
        what = "a threshold";
    else if (cf->icons_set && t != FAST_COND_ICON_SET)
        what = "an icon set";
    else if (cf->show_set && t != FAST_COND_DATA_BAR && t != FAST_COND_ICON_SET)
        what = "show-value";
    else if (cf->solid_set && t != FAST_COND_DATA_BAR)
        what = "a solid bar";
    else if (cf->format && graphic)
        what = "a format";
    else if (cf->stop && graphic)
        what = "stop-if-true";
    if (!what)
        return FAST_OK;
    return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': %s does not apply to a rule of type %s",
                     fn_add, sh->name, what, type_names[t]);
}

static fast_status build(fast_workbook *wb, const fx_sheet *sh, const fast_cond_format *cf, const fx_range *r,
                         fx_rule *rule, fx_strbuf *x)
{
    int t = cf->type;
    if (t < FAST_COND_CELL || t > FAST_COND_ICON_SET)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown rule type %d", fn_add,
                         sh->name, t);
    fast_status st = check_applies(wb, sh, cf);
    if (st != FAST_OK)
        return st;
    char cell[FX_SQREF_MAX]; /* the top-left cell, for the generated formulas */
    fx_range tl = {r->r1, r->c1, r->r1, r->c1};
    size_t cell_len = fx_rules_sqref(&tl, 0, cell);
    fx_strbuf attrs = {0}, body = {0}, x14 = {0};

    switch (t) {
    case FAST_COND_CELL: {
        const char *op = fx_rules_operator(cf->op);
        if (!op) {
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                           "%s: sheet '%s': unknown operator %d (FAST_OPERATOR_BETWEEN..LESS_THAN_OR_EQUAL)", fn_add,
                           sh->name, cf->op);
            break;
        }
        int two = cf->op == FAST_OPERATOR_BETWEEN || cf->op == FAST_OPERATOR_NOT_BETWEEN;
        if (!two && cf->value[1].kind) {
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                           "%s: sheet '%s': value 2 is given but %s takes one value", fn_add, sh->name, op);
            break;
        }
        fx_strbuf_puts(&attrs, " operator=\"");
        fx_strbuf_puts(&attrs, op);
        fx_strbuf_puts(&attrs, "\"");
        fx_strbuf f = {0};
        st = fx_rule_value_text(wb, fn_add, two ? "value 1 (minimum)" : "value 1", sh, &cf->value[0], &f);
        if (st == FAST_OK)
            put_built_formula(&body, &f);
        f.len = 0;
        if (st == FAST_OK && two &&
            (st = fx_rule_value_text(wb, fn_add, "value 2 (maximum)", sh, &cf->value[1], &f)) == FAST_OK)
            put_built_formula(&body, &f);
        fx_strbuf_free(&f);
        break;
    }
    case FAST_COND_EXPRESSION: {
        if (cf->value[1].kind) {
            st = refuse(wb, sh, "an expression rule takes one formula, value 1");
            break;
        }
        if (cf->value[0].kind != FX_RV_FORMULA) {
            st = refuse(wb, sh, "an expression rule needs a formula as value 1");
            break;
        }
        fx_strbuf f = {0};
        if ((st = fx_rule_value_text(wb, fn_add, "value 1", sh, &cf->value[0], &f)) == FAST_OK)
            put_built_formula(&body, &f);
        fx_strbuf_free(&f);
        break;
    }
    case FAST_COND_TOP:
    case FAST_COND_BOTTOM: {
        uint32_t max = cf->percent ? 100 : 1000;
        if (cf->rank < 1 || cf->rank > max) {
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': rank %u is outside 1..%u%s",
                           fn_add, sh->name, (unsigned)cf->rank, (unsigned)max, cf->percent ? " percent" : "");
            break;
        }
        if (cf->percent)
            fx_strbuf_puts(&attrs, " percent=\"1\"");
        if (t == FAST_COND_BOTTOM)
            fx_strbuf_puts(&attrs, " bottom=\"1\"");
        char buf[32];
        snprintf(buf, sizeof buf, " rank=\"%u\"", (unsigned)cf->rank);
        fx_strbuf_puts(&attrs, buf);
        break;
    }
    case FAST_COND_ABOVE_AVERAGE:
    case FAST_COND_BELOW_AVERAGE:
        if (cf->std_dev < 0 || cf->std_dev > 3) {
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': std dev %d is outside 0..3",
                           fn_add, sh->name, cf->std_dev);
            break;
        }
        if (cf->std_dev && cf->equal_average) {
            st = refuse(wb, sh, "equal-average does not combine with a std dev");
            break;
        }
        if (t == FAST_COND_BELOW_AVERAGE)
            fx_strbuf_puts(&attrs, " aboveAverage=\"0\"");
        if (cf->equal_average)
            fx_strbuf_puts(&attrs, " equalAverage=\"1\"");
        if (cf->std_dev) {
            char buf[32];
            snprintf(buf, sizeof buf, " stdDev=\"%d\"", cf->std_dev);
            fx_strbuf_puts(&attrs, buf);
        }
        break;
    case FAST_COND_CONTAINS_TEXT:
    case FAST_COND_NOT_CONTAINS_TEXT:
    case FAST_COND_BEGINS_WITH:
    case FAST_COND_ENDS_WITH: {
        if (!cf->text_len) {
            st = refuse(wb, sh, "a text rule needs a text (fast_cond_format_set_text())");
            break;
        }
        st = fx_rules_check_text(wb, fn_add, "text", sh, cf->text, cf->text_len, FAST_MAX_COND_TEXT_CHARS);
        if (st != FAST_OK)
            break;
        static const char *const ops[] = {"containsText", "notContains", "beginsWith", "endsWith"};
        fx_strbuf_puts(&attrs, " operator=\"");
        fx_strbuf_puts(&attrs, ops[t - FAST_COND_CONTAINS_TEXT]);
        fx_strbuf_puts(&attrs, "\" text=\"");
        fx_strbuf_escaped(&attrs, cf->text, cf->text_len, 1);
        fx_strbuf_puts(&attrs, "\"");
        fx_strbuf f = {0};
        if (t == FAST_COND_CONTAINS_TEXT || t == FAST_COND_NOT_CONTAINS_TEXT) {
            fx_strbuf_puts(&f, t == FAST_COND_CONTAINS_TEXT ? "NOT(ISERROR(SEARCH(" : "ISERROR(SEARCH(");
            put_quoted(&f, cf->text, cf->text_len);
            fx_strbuf_puts(&f, ",");
            fx_strbuf_add(&f, cell, cell_len);
            fx_strbuf_puts(&f, t == FAST_COND_CONTAINS_TEXT ? ")))" : "))");
        } else {
            fx_strbuf_puts(&f, t == FAST_COND_BEGINS_WITH ? "LEFT(" : "RIGHT(");
            fx_strbuf_add(&f, cell, cell_len);
            fx_strbuf_puts(&f, ",LEN(");
            put_quoted(&f, cf->text, cf->text_len);
            fx_strbuf_puts(&f, "))=");
            put_quoted(&f, cf->text, cf->text_len);
        }
        put_built_formula(&body, &f);
        fx_strbuf_free(&f);
        break;
    }
    case FAST_COND_BLANKS:
    case FAST_COND_NO_BLANKS:
    case FAST_COND_ERRORS:
    case FAST_COND_NO_ERRORS: {
        static const char *const forms[] = {"LEN(TRIM(%s))=0", "LEN(TRIM(%s))>0", "ISERROR(%s)", "NOT(ISERROR(%s))"};
        char f[64];
        int n = snprintf(f, sizeof f, forms[t - FAST_COND_BLANKS], cell);
        put_formula(&body, f, (size_t)n);
        break;
    }
    case FAST_COND_TIME_PERIOD: {
        if (cf->period < FAST_PERIOD_YESTERDAY || cf->period > FAST_PERIOD_NEXT_MONTH) {
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown time period %d", fn_add,
                           sh->name, cf->period);
            break;
        }
        fx_strbuf_puts(&attrs, " timePeriod=\"");
        fx_strbuf_puts(&attrs, period_names[cf->period]);
        fx_strbuf_puts(&attrs, "\"");
        char f[256];
        int n = snprintf(f, sizeof f, period_formulas[cf->period], cell);
        put_formula(&body, f, (size_t)n);
        break;
    }
    case FAST_COND_COLOR_SCALE_2:
    case FAST_COND_COLOR_SCALE_3: {
        int three = t == FAST_COND_COLOR_SCALE_3, n = three ? 3 : 2;
        if (!three && cf->color_set[2]) {
            st = refuse(wb, sh, "colour 2 is set but a two-colour scale has colours 0 and 1");
            break;
        }
        static const int kinds2[] = {FAST_CFVO_MIN, FAST_CFVO_MAX}, kinds3[] = {FAST_CFVO_MIN, FAST_CFVO_PERCENTILE,
                                                                                 FAST_CFVO_MAX};
        static const double values3[] = {0, 50, 0};
        static const uint32_t colors2[] = {0xFF7128, 0xFFEF9C}, colors3[] = {0xF8696B, 0xFFEB84, 0x63BE7B};
        fx_strbuf_puts(&body, "<colorScale>");
        if ((st = put_points(wb, sh, cf, n, three ? kinds3 : kinds2, values3, 1, &body, NULL)) != FAST_OK)
            break;
        for (int i = 0; i < n; i++)
            put_rgb(&body, "color", cf->color_set[i] ? cf->color[i] : (three ? colors3 : colors2)[i]);
        fx_strbuf_puts(&body, "</colorScale>");
        break;
    }
    case FAST_COND_DATA_BAR: {
        if (cf->color_set[1] || cf->color_set[2]) {
            st = refuse(wb, sh, "a data bar has one colour, colour 0");
            break;
        }
        static const int kinds[] = {FAST_CFVO_MIN, FAST_CFVO_MAX};
        static const double values[] = {0, 0};
        uint32_t color = cf->color_set[0] ? cf->color[0] : 0x638EC6;
        fx_strbuf_puts(&body, cf->show_value ? "<dataBar>" : "<dataBar showValue=\"0\">");
        fx_strbuf_puts(&x14, "<x14:dataBar minLength=\"0\" maxLength=\"100\" border=\"1\"");
        if (cf->solid)
            fx_strbuf_puts(&x14, " gradient=\"0\"");
        fx_strbuf_puts(&x14, " negativeBarBorderColorSameAsPositive=\"0\">");
        if ((st = put_points(wb, sh, cf, 2, kinds, values, 0, &body, &x14)) != FAST_OK)
            break;
        put_rgb(&body, "color", color);
        fx_strbuf_puts(&body, "</dataBar>");
        put_rgb(&x14, "x14:borderColor", color);
        put_rgb(&x14, "x14:negativeFillColor", 0xFF0000);
        put_rgb(&x14, "x14:negativeBorderColor", 0xFF0000);
        put_rgb(&x14, "x14:axisColor", 0x000000);
        fx_strbuf_puts(&x14, "</x14:dataBar>");
        rule->data_bar = 1;
        break;
    }
    case FAST_COND_ICON_SET: {
        if (cf->icons < 0 || cf->icons >= (int)(sizeof icon_sets / sizeof icon_sets[0])) {
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown icon set %d", fn_add,
                           sh->name, cf->icons);
            break;
        }
        const struct icon_set *is = &icon_sets[cf->icons];
        fx_strbuf_puts(&body, "<iconSet");
        if (cf->icons != FAST_ICONS_3_TRAFFIC_LIGHTS) { /* the default, not written */
            fx_strbuf_puts(&body, " iconSet=\"");
            fx_strbuf_puts(&body, is->name);
            fx_strbuf_puts(&body, "\"");
        }
        if (!cf->show_value)
            fx_strbuf_puts(&body, " showValue=\"0\"");
        if (cf->reversed)
            fx_strbuf_puts(&body, " reverse=\"1\"");
        fx_strbuf_puts(&body, ">");
        static const int kinds[] = {FAST_CFVO_PERCENT, FAST_CFVO_PERCENT, FAST_CFVO_PERCENT, FAST_CFVO_PERCENT,
                                    FAST_CFVO_PERCENT};
        double values[MAX_POINTS];
        for (int i = 0; i < is->icons; i++) /* equal steps, as Excel: 0 33 67, 0 25 50 75, 0 20 40 60 80 */
            values[i] = floor(100.0 * i / is->icons + 0.5);
        if ((st = put_points(wb, sh, cf, is->icons, kinds, values, 0, &body, NULL)) != FAST_OK)
            break;
        fx_strbuf_puts(&body, "</iconSet>");
        break;
    }
    default:
        break;
    }

    fx_strbuf *all = x;
    if (st == FAST_OK) {
        fx_strbuf_puts(all, "type=\"");
        fx_strbuf_puts(all, type_names[t]);
        fx_strbuf_puts(all, "\"");
        if (cf->format) {
            uint32_t dxf = 0;
            if ((st = fx_styles_dxf(&wb->styles, cf->format, &dxf)) != FAST_OK) {
                if (wb->err.status == FAST_OK) /* refused: name the call and the sheet */
                    st = refuse(wb, sh, "the format belongs to another workbook");
            } else {
                char buf[32];
                snprintf(buf, sizeof buf, " dxfId=\"%u\"", (unsigned)dxf);
                fx_strbuf_puts(all, buf);
            }
        }
    }
    if (st == FAST_OK) {
        rule->len[CF_HEAD] = all->len;
        if (cf->stop)
            fx_strbuf_puts(all, " stopIfTrue=\"1\"");
        fx_strbuf_add(all, attrs.p, attrs.len);
        rule->len[CF_ATTRS] = all->len - rule->len[CF_HEAD];
        fx_strbuf_add(all, body.p, body.len);
        rule->len[CF_BODY] = body.len;
        fx_strbuf_add(all, x14.p, x14.len);
        rule->len[CF_X14] = x14.len;
        if (attrs.nomem || body.nomem || x14.nomem || all->nomem)
            st = fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    }
    fx_strbuf_free(&attrs);
    fx_strbuf_free(&body);
    fx_strbuf_free(&x14);
    return st;
}

FAST_API fast_status fast_workbook_add_cond_format(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                   uint32_t last_row, uint32_t last_col, const fast_cond_format *cf)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_sheet *sh = NULL;
    fast_status st = fx_rules_sheet(wb, fn_add, &sh);
    if (st != FAST_OK)
        return st;
    fx_range r = {first_row, first_col, last_row, last_col};
    if ((st = fx_rules_check_range(wb, fn_add, sh, &r)) != FAST_OK)
        return st;
    if (!cf)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': NULL rule", fn_add, sh->name);
    fx_rule rule;
    memset(&rule, 0, sizeof rule);
    rule.range = r;
    fx_strbuf x = {0};
    if ((st = build(wb, sh, cf, &r, &rule, &x)) != FAST_OK) {
        fx_strbuf_free(&x);
        return st;
    }
    rule.xml = x.p;
    if (fx_rule_list_add(&sh->condformats, &rule) != FAST_OK) {
        fx_strbuf_free(&x);
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    }
    return FAST_OK;
}

/* ---- the sheet's rules -------------------------------------------------------------- */

static int same_range(const fx_range *a, const fx_range *b)
{
    return a->r1 == b->r1 && a->c1 == b->c1 && a->r2 == b->r2 && a->c2 == b->c2;
}

/* The id tying rule @index (from 0) of sheet @sheet to its 2010 form: a GUID
 * made of the two numbers, so that output depends on input only. */
static void rule_guid(uint32_t sheet, size_t index, char out[48])
{
    snprintf(out, 48, "{%08X-FA57-4C0D-8000-%012llX}", (unsigned)sheet,
             ((unsigned long long)index + 1) & 0xFFFFFFFFFFFFull);
}

static fast_status write_rule(fx_xmlbuf *xb, const fx_rule *c, size_t index, uint32_t sheet)
{
    char buf[64];
    const char *p = c->xml;
    fast_status st = fx_xb_puts(xb, "<cfRule ");
    if (st == FAST_OK)
        st = fx_xb_write(xb, p, c->len[CF_HEAD]);
    int n = snprintf(buf, sizeof buf, " priority=\"%zu\"", index + 1);
    if (st == FAST_OK)
        st = fx_xb_write(xb, buf, (size_t)n);
    p += c->len[CF_HEAD];
    if (st == FAST_OK)
        st = fx_xb_write(xb, p, c->len[CF_ATTRS]);
    p += c->len[CF_ATTRS];
    if (c->len[CF_BODY] == 0)
        return st == FAST_OK ? fx_xb_puts(xb, "/>") : st;
    if (st == FAST_OK)
        st = fx_xb_puts(xb, ">");
    if (st == FAST_OK)
        st = fx_xb_write(xb, p, c->len[CF_BODY]);
    if (st == FAST_OK && c->data_bar) {
        char guid[48];
        rule_guid(sheet, index, guid);
        st = fx_xb_puts(xb, "<extLst><ext " X14_NS " uri=\"{B025F937-C7B1-47D3-B67F-A62EFF666E3E}\"><x14:id>");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, guid);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</x14:id></ext></extLst>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</cfRule>");
    return st;
}

fast_status fx_condformats_write(const fx_rule_list *list, fx_xmlbuf *xb, uint32_t rows, uint32_t sheet)
{
    if (!list || list->n == 0)
        return FAST_OK;
    fast_status st = FAST_OK;
    /* One element per range, in the order the ranges first appear; rules in
     * priority order within it. Quadratic in the rules of a sheet, which are
     * few; no memory needed. */
    for (size_t i = 0; i < list->n && st == FAST_OK; i++) {
        size_t seen = 0;
        while (seen < i && !same_range(&list->v[seen].range, &list->v[i].range))
            seen++;
        if (seen < i)
            continue;
        char ref[FX_SQREF_MAX];
        fx_rules_sqref(&list->v[i].range, rows, ref);
        st = fx_xb_puts(xb, "<conditionalFormatting sqref=\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, ref);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\">");
        for (size_t j = i; j < list->n && st == FAST_OK; j++)
            if (same_range(&list->v[i].range, &list->v[j].range))
                st = write_rule(xb, &list->v[j], j, sheet);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</conditionalFormatting>");
    }
    return st;
}

fast_status fx_condformats_write_ext(const fx_rule_list *list, fx_xmlbuf *xb, uint32_t rows, uint32_t sheet)
{
    size_t bars = 0;
    for (size_t i = 0; list && i < list->n; i++)
        bars += list->v[i].data_bar;
    if (!bars)
        return FAST_OK;
    fast_status st = fx_xb_puts(xb, "<extLst><ext " X14_NS " uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\">"
                                    "<x14:conditionalFormattings>");
    for (size_t i = 0; i < list->n && st == FAST_OK; i++) {
        const fx_rule *c = &list->v[i];
        if (!c->data_bar)
            continue;
        char guid[48], ref[FX_SQREF_MAX];
        rule_guid(sheet, i, guid);
        fx_rules_sqref(&c->range, rows, ref);
        st = fx_xb_puts(xb, "<x14:conditionalFormatting " XM_NS "><x14:cfRule type=\"dataBar\" id=\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, guid);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\">");
        if (st == FAST_OK)
            st = fx_xb_write(xb, c->xml + c->len[CF_HEAD] + c->len[CF_ATTRS] + c->len[CF_BODY], c->len[CF_X14]);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</x14:cfRule><xm:sqref>");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, ref);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</xm:sqref></x14:conditionalFormatting>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</x14:conditionalFormattings></ext></extLst>");
    return st;
}
