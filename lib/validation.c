/*
 * validation.c - data validation (ECMA-376 Part 1 §18.3.1.32 dataValidation,
 * §18.3.1.33 dataValidations): the fast_validation handle, the checks of
 * fast_workbook_add_validation(), and the sheet's list of rules, each kept as
 * its XML with the range apart (a range may end at the sheet's last row, known
 * only when the sheet ends). The attributes are written in the order Excel
 * writes them (XlsxWriter's test files made by Excel).
 */
#include "internal.h"
#include "reference.h"
#include "rules.h"
#include "validation.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>

/* Input title, input message, error title, error message. */
enum { TEXT_PROMPT_TITLE, TEXT_PROMPT, TEXT_ERROR_TITLE, TEXT_ERROR, NTEXTS };

struct fast_validation {
    int type, op, style;
    int op_set, style_set;
    int ignore_blank, dropdown, error_alert;
    fx_rule_value value[2];
    /* The literal list: the values, one after the other, and their lengths. */
    fx_strbuf items;
    size_t *item_len;
    size_t nitems, capitems;
    /* The list range: sheet (NULL: the rule's own) and reference. */
    int has_range;
    char *range_sheet, *range_ref;
    size_t range_sheet_len, range_ref_len;
    char *text[NTEXTS];
    size_t text_len[NTEXTS];
};

/* A rule as written: "<dataValidation ATTRS" + " sqref=..." + the rest. */
typedef struct fx_dv {
    fx_range range;
    char *xml;
    size_t head_len, len;
} fx_dv;

struct fx_validations {
    fx_dv *rules;
    size_t n, cap;
};

/* ---- the handle -------------------------------------------------------------- */

FAST_API fast_validation *fast_validation_new(void)
{
    fast_validation *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->ignore_blank = 1;
    v->dropdown = 1;
    v->error_alert = 1;
    return v;
}

FAST_API void fast_validation_free(fast_validation *v)
{
    if (!v)
        return;
    fx_rule_value_clear(&v->value[0]);
    fx_rule_value_clear(&v->value[1]);
    fx_strbuf_free(&v->items);
    free(v->item_len);
    free(v->range_sheet);
    free(v->range_ref);
    for (int i = 0; i < NTEXTS; i++)
        free(v->text[i]);
    free(v);
}

FAST_API fast_status fast_validation_set_type(fast_validation *v, int type)
{
    if (!v)
        return FAST_ERROR_INVALID_ARGUMENT;
    v->type = type;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_operator(fast_validation *v, int op)
{
    if (!v)
        return FAST_ERROR_INVALID_ARGUMENT;
    v->op = op;
    v->op_set = 1;
    return FAST_OK;
}

static fx_rule_value *slot(fast_validation *v, int which)
{
    return v && (which == 1 || which == 2) ? &v->value[which - 1] : NULL;
}

FAST_API fast_status fast_validation_set_number(fast_validation *v, int which, double value)
{
    fx_rule_value *s = slot(v, which);
    if (!s)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_rule_value_clear(s);
    s->kind = FX_RV_NUMBER;
    s->number = value;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_date(fast_validation *v, int which, int year, int month, int day)
{
    fx_rule_value *s = slot(v, which);
    if (!s)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_rule_value_clear(s);
    *s = (fx_rule_value){FX_RV_DATE, 0, year, month, day, NULL, 0};
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_time(fast_validation *v, int which, int hour, int minute, int second)
{
    fx_rule_value *s = slot(v, which);
    if (!s)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_rule_value_clear(s);
    *s = (fx_rule_value){FX_RV_TIME, 0, hour, minute, second, NULL, 0};
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_formula(fast_validation *v, int which, const char *formula, size_t len)
{
    fx_rule_value *s = slot(v, which);
    if (!s)
        return FAST_ERROR_INVALID_ARGUMENT;
    return fx_rule_value_formula(s, formula, len);
}

FAST_API fast_status fast_validation_add_list_item(fast_validation *v, const char *text, size_t len)
{
    if (!v || (!text && len))
        return FAST_ERROR_INVALID_ARGUMENT;
    if (v->nitems == v->capitems) {
        size_t cap = v->capitems ? v->capitems * 2 : 8;
        size_t *p = realloc(v->item_len, cap * sizeof *p);
        if (!p)
            return FAST_ERROR_NOMEM;
        v->item_len = p;
        v->capitems = cap;
    }
    size_t before = v->items.len;
    fx_strbuf_add(&v->items, text, len);
    if (v->items.nomem) {
        v->items.nomem = 0;
        v->items.len = before;
        return FAST_ERROR_NOMEM;
    }
    v->item_len[v->nitems++] = len;
    return FAST_OK;
}

FAST_API fast_status fast_validation_clear_list(fast_validation *v)
{
    if (!v)
        return FAST_ERROR_INVALID_ARGUMENT;
    v->items.len = 0;
    v->nitems = 0;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_list_range(fast_validation *v, const char *sheet, size_t sheet_len,
                                                    const char *ref, size_t ref_len)
{
    if (!v || (!sheet && sheet_len) || (!ref && ref_len))
        return FAST_ERROR_INVALID_ARGUMENT;
    char *s, *r;
    if (fx_rules_dup(sheet, sheet_len, &s) != 0)
        return FAST_ERROR_NOMEM;
    if (fx_rules_dup(ref, ref_len, &r) != 0) {
        free(s);
        return FAST_ERROR_NOMEM;
    }
    free(v->range_sheet);
    free(v->range_ref);
    v->range_sheet = s;
    v->range_sheet_len = sheet_len;
    v->range_ref = r;
    v->range_ref_len = ref_len;
    v->has_range = 1;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_ignore_blank(fast_validation *v, int on)
{
    if (!v)
        return FAST_ERROR_INVALID_ARGUMENT;
    v->ignore_blank = on != 0;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_dropdown(fast_validation *v, int on)
{
    if (!v)
        return FAST_ERROR_INVALID_ARGUMENT;
    v->dropdown = on != 0;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_error_alert(fast_validation *v, int on)
{
    if (!v)
        return FAST_ERROR_INVALID_ARGUMENT;
    v->error_alert = on != 0;
    return FAST_OK;
}

/* Replace texts @a and @a + 1 with copies of the two given; all or nothing. */
static fast_status set_pair(fast_validation *v, int a, const char *t1, size_t l1, const char *t2, size_t l2)
{
    if (!v || (!t1 && l1) || (!t2 && l2))
        return FAST_ERROR_INVALID_ARGUMENT;
    char *c1, *c2;
    if (fx_rules_dup(t1, l1, &c1) != 0)
        return FAST_ERROR_NOMEM;
    if (fx_rules_dup(t2, l2, &c2) != 0) {
        free(c1);
        return FAST_ERROR_NOMEM;
    }
    free(v->text[a]);
    free(v->text[a + 1]);
    v->text[a] = c1;
    v->text_len[a] = l1;
    v->text[a + 1] = c2;
    v->text_len[a + 1] = l2;
    return FAST_OK;
}

FAST_API fast_status fast_validation_set_input_message(fast_validation *v, const char *title, size_t title_len,
                                                       const char *message, size_t message_len)
{
    return set_pair(v, TEXT_PROMPT_TITLE, title, title_len, message, message_len);
}

FAST_API fast_status fast_validation_set_error_message(fast_validation *v, int style, const char *title,
                                                       size_t title_len, const char *message, size_t message_len)
{
    fast_status st = set_pair(v, TEXT_ERROR_TITLE, title, title_len, message, message_len);
    if (st == FAST_OK) {
        v->style = style;
        v->style_set = 1;
    }
    return st;
}

/* ---- checking and building a rule ---------------------------------------------- */

static const char fn_add[] = "fast_workbook_add_validation";

static const char *const type_names[] = {NULL, "whole", "decimal", "date", "time", "textLength", "list", "custom"};
static const char *const style_names[] = {NULL, "warning", "information"};

/* Append the literal list as the formula "a,b,c", quotes doubled; checks it. */
static fast_status list_formula(fast_workbook *wb, const fx_sheet *sh, const fast_validation *v, fx_strbuf *out)
{
    size_t chars = 0, off = 0;
    for (size_t i = 0; i < v->nitems; off += v->item_len[i], i++) {
        size_t len = v->item_len[i], n = 0, bad = 0;
        if (len == 0) /* before the text: a list of empty values has none (items.p NULL) */
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': list value %zu is empty",
                             fn_add, sh->name, i + 1);
        const char *s = v->items.p + off;
        if (!fx_utf8_check(s, len, &n, &bad))
            return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8,
                             "%s: sheet '%s': list value %zu: invalid UTF-8 at byte %zu", fn_add, sh->name, i + 1, bad);
        if (memchr(s, ',', len))
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: sheet '%s': list value %zu holds ',', the list separator; put such values in "
                             "cells and use fast_validation_set_list_range()", fn_add, sh->name, i + 1);
        chars += n + (i > 0);
    }
    if (chars > FAST_MAX_VALIDATION_LIST_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': the list's %zu values take %zu characters with their separators; Excel "
                         "allows at most %u: put the values in cells and use fast_validation_set_list_range()",
                         fn_add, sh->name, v->nitems, chars, FAST_MAX_VALIDATION_LIST_CHARS);
    fx_strbuf_add(out, "\"", 1);
    off = 0;
    for (size_t i = 0; i < v->nitems; off += v->item_len[i], i++) {
        if (i)
            fx_strbuf_add(out, ",", 1);
        const char *s = v->items.p + off;
        size_t len = v->item_len[i], start = 0;
        for (size_t k = 0; k < len; k++)
            if (s[k] == '"') {
                fx_strbuf_add(out, s + start, k + 1 - start);
                fx_strbuf_add(out, "\"", 1); /* a quote inside a formula string is doubled */
                start = k + 1;
            }
        fx_strbuf_add(out, s + start, len - start);
    }
    fx_strbuf_add(out, "\"", 1);
    return FAST_OK;
}

/* Append the list range as 'Sheet'!$A$1:$A$9; checks it. */
static fast_status list_range(fast_workbook *wb, const fx_sheet *sh, const fast_validation *v, fx_strbuf *out)
{
    const char *sheet = v->range_sheet ? v->range_sheet : sh->name;
    size_t slen = v->range_sheet ? v->range_sheet_len : sh->name_len, chars = 0, bad = 0;
    if (!fx_utf8_check(sheet, slen, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8,
                         "%s: sheet '%s': list range sheet name: invalid UTF-8 at byte %zu", fn_add, sh->name, bad);
    if (chars > FAST_MAX_SHEET_NAME_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                         "%s: sheet '%s': list range sheet name of %zu characters; 1..31 are allowed", fn_add,
                         sh->name, chars);
    for (size_t i = 0; i < slen; i++) {
        unsigned char c = (unsigned char)sheet[i];
        if (c < 0x20 || c == 0x7F || strchr(":\\/?*[]", c))
            return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                             "%s: sheet '%s': list range sheet name holds a character a sheet name cannot have at "
                             "byte %zu", fn_add, sh->name, i + 1);
    }
    if (sheet[0] == '\'' || sheet[slen - 1] == '\'')
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                         "%s: sheet '%s': list range sheet name starts or ends with an apostrophe", fn_add, sh->name);
    char ref[FX_RANGE_REF_MAX];
    size_t rlen = v->range_ref ? fx_parse_range_ref(v->range_ref, v->range_ref_len, ref) : 0;
    if (!rlen)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': list range '%.*s' is not a cell or range reference such as A1:A20", fn_add,
                         sh->name, v->range_ref_len > 40 ? 40 : (int)v->range_ref_len,
                         v->range_ref ? v->range_ref : "");
    int quote = fx_sheet_name_needs_quotes(sheet, slen);
    if (quote)
        fx_strbuf_add(out, "'", 1);
    for (size_t i = 0; i < slen; i++)
        fx_strbuf_add(out, sheet[i] == '\'' ? "''" : &sheet[i], sheet[i] == '\'' ? 2 : 1);
    if (quote)
        fx_strbuf_add(out, "'", 1);
    fx_strbuf_add(out, "!", 1);
    /* Absolute: each column and row gets its $. */
    char plain[FX_RANGE_REF_MAX];
    size_t n = 0;
    for (size_t i = 0; i < rlen; i++)
        if (ref[i] != '$')
            plain[n++] = ref[i];
    for (size_t i = 0; i < n; i++) {
        int letter = plain[i] >= 'A' && plain[i] <= 'Z';
        if ((letter && (i == 0 || plain[i - 1] == ':')) ||
            (!letter && plain[i] != ':' && plain[i - 1] >= 'A' && plain[i - 1] <= 'Z'))
            fx_strbuf_add(out, "$", 1);
        fx_strbuf_add(out, &plain[i], 1);
    }
    return FAST_OK;
}

/* One attribute: " name=\"ESCAPED\"". */
static void put_attr(fx_strbuf *t, const char *name, const char *s, size_t len)
{
    fx_strbuf_puts(t, " ");
    fx_strbuf_puts(t, name);
    fx_strbuf_puts(t, "=\"");
    fx_strbuf_escaped(t, s, len, 1);
    fx_strbuf_puts(t, "\"");
}

static fast_status build(fast_workbook *wb, const fx_sheet *sh, const fast_validation *v, fx_strbuf *x,
                         size_t *head_len)
{
    int t = v->type;
    if (t < FAST_VALIDATION_ANY || t > FAST_VALIDATION_CUSTOM)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown validation type %d", fn_add,
                         sh->name, t);
    const char *op = fx_rules_operator(v->op);
    if (!op)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': unknown operator %d (FAST_OPERATOR_BETWEEN..LESS_THAN_OR_EQUAL)", fn_add,
                         sh->name, v->op);
    int compares = t != FAST_VALIDATION_ANY && t != FAST_VALIDATION_LIST && t != FAST_VALIDATION_CUSTOM;
    if (!compares && v->op != FAST_OPERATOR_BETWEEN)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': operator %s does not apply to a validation of type %s", fn_add, sh->name,
                         op, t == FAST_VALIDATION_ANY ? "any" : type_names[t]);
    if (v->style_set && (v->style < FAST_ERROR_STYLE_STOP || v->style > FAST_ERROR_STYLE_INFORMATION))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown error style %d", fn_add,
                         sh->name, v->style);
    static const char *const what[NTEXTS] = {"input title", "input message", "error title", "error message"};
    static const size_t limit[NTEXTS] = {FAST_MAX_VALIDATION_TITLE_CHARS, FAST_MAX_VALIDATION_MESSAGE_CHARS,
                                         FAST_MAX_VALIDATION_TITLE_CHARS, FAST_MAX_VALIDATION_MESSAGE_CHARS};
    fast_status st;
    for (int i = 0; i < NTEXTS; i++) {
        if (!v->text[i])
            continue;
        if ((st = fx_rules_check_text(wb, fn_add, what[i], sh, v->text[i], v->text_len[i], limit[i])) != FAST_OK)
            return st;
    }

    /* The formulas. */
    int two = compares && (v->op == FAST_OPERATOR_BETWEEN || v->op == FAST_OPERATOR_NOT_BETWEEN);
    int sources = (v->nitems > 0) + v->has_range + (v->value[0].kind != FX_RV_NONE);
    fx_strbuf f1 = {0}, f2 = {0};
    st = FAST_OK;
    if (t != FAST_VALIDATION_LIST && (v->nitems || v->has_range))
        st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "%s: sheet '%s': list values or a list range are given for a validation that is not a list",
                       fn_add, sh->name);
    else if (t == FAST_VALIDATION_ANY && (v->value[0].kind || v->value[1].kind))
        st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "%s: sheet '%s': a validation of type any takes no values", fn_add, sh->name);
    else if (!two && v->value[1].kind)
        st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "%s: sheet '%s': value 2 is given but %s takes one value", fn_add, sh->name,
                       t == FAST_VALIDATION_LIST || t == FAST_VALIDATION_CUSTOM ? type_names[t] : op);
    else if (t == FAST_VALIDATION_LIST && sources != 1)
        st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "%s: sheet '%s': a list needs exactly one source (literal values, a range or a formula); "
                       "%d given", fn_add, sh->name, sources);
    else if (t == FAST_VALIDATION_LIST && v->nitems)
        st = list_formula(wb, sh, v, &f1);
    else if (t == FAST_VALIDATION_LIST && v->has_range)
        st = list_range(wb, sh, v, &f1);
    else if (t == FAST_VALIDATION_CUSTOM && v->value[0].kind != FX_RV_FORMULA)
        st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "%s: sheet '%s': a custom validation needs a formula as value 1", fn_add, sh->name);
    else if (t != FAST_VALIDATION_ANY) {
        st = fx_rule_value_text(wb, fn_add, two ? "value 1 (minimum)" : "value 1", sh, &v->value[0], &f1);
        if (st == FAST_OK && two)
            st = fx_rule_value_text(wb, fn_add, "value 2 (maximum)", sh, &v->value[1], &f2);
    }
    if (st == FAST_OK && f1.len > 0 && t == FAST_VALIDATION_LIST && v->nitems == 0) {
        size_t chars = 0, bad = 0;
        fx_utf8_check(f1.p, f1.len, &chars, &bad);
        if (chars > FAST_MAX_FORMULA_CHARS)
            st = fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': list source is too long", fn_add,
                           sh->name);
    }
    if (st != FAST_OK || f1.nomem || f2.nomem) {
        fx_strbuf_free(&f1);
        fx_strbuf_free(&f2);
        return st != FAST_OK ? st : fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    }

    fx_strbuf_puts(x, "<dataValidation");
    if (t != FAST_VALIDATION_ANY) {
        fx_strbuf_puts(x, " type=\"");
        fx_strbuf_puts(x, type_names[t]);
        fx_strbuf_puts(x, "\"");
    }
    if (v->style > FAST_ERROR_STYLE_STOP) {
        fx_strbuf_puts(x, " errorStyle=\"");
        fx_strbuf_puts(x, style_names[v->style]);
        fx_strbuf_puts(x, "\"");
    }
    if (compares && v->op != FAST_OPERATOR_BETWEEN) {
        fx_strbuf_puts(x, " operator=\"");
        fx_strbuf_puts(x, op);
        fx_strbuf_puts(x, "\"");
    }
    if (v->ignore_blank)
        fx_strbuf_puts(x, " allowBlank=\"1\"");
    if (t == FAST_VALIDATION_LIST && !v->dropdown)
        fx_strbuf_puts(x, " showDropDown=\"1\""); /* inverted: 1 hides the dropdown */
    fx_strbuf_puts(x, " showInputMessage=\"1\"");
    if (v->error_alert)
        fx_strbuf_puts(x, " showErrorMessage=\"1\"");
    if (v->text[TEXT_ERROR_TITLE])
        put_attr(x, "errorTitle", v->text[TEXT_ERROR_TITLE], v->text_len[TEXT_ERROR_TITLE]);
    if (v->text[TEXT_ERROR])
        put_attr(x, "error", v->text[TEXT_ERROR], v->text_len[TEXT_ERROR]);
    if (v->text[TEXT_PROMPT_TITLE])
        put_attr(x, "promptTitle", v->text[TEXT_PROMPT_TITLE], v->text_len[TEXT_PROMPT_TITLE]);
    if (v->text[TEXT_PROMPT])
        put_attr(x, "prompt", v->text[TEXT_PROMPT], v->text_len[TEXT_PROMPT]);
    *head_len = x->len;
    if (f1.len == 0) {
        fx_strbuf_puts(x, "/>");
    } else {
        fx_strbuf_puts(x, "><formula1>");
        fx_strbuf_escaped(x, f1.p, f1.len, 0);
        fx_strbuf_puts(x, "</formula1>");
        if (f2.len) {
            fx_strbuf_puts(x, "<formula2>");
            fx_strbuf_escaped(x, f2.p, f2.len, 0);
            fx_strbuf_puts(x, "</formula2>");
        }
        fx_strbuf_puts(x, "</dataValidation>");
    }
    fx_strbuf_free(&f1);
    fx_strbuf_free(&f2);
    return x->nomem ? fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add) : FAST_OK;
}

FAST_API fast_status fast_workbook_add_validation(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col, const fast_validation *v)
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
    if (!v)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': NULL rule", fn_add, sh->name);
    fx_strbuf x = {0};
    size_t head = 0;
    if ((st = build(wb, sh, v, &x, &head)) != FAST_OK) {
        fx_strbuf_free(&x);
        return st;
    }
    fx_validations *list = sh->validations;
    if (!list && !(list = sh->validations = calloc(1, sizeof *list))) {
        fx_strbuf_free(&x);
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
    }
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        fx_dv *p = realloc(list->rules, cap * sizeof *p);
        if (!p) {
            fx_strbuf_free(&x);
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn_add);
        }
        list->rules = p;
        list->cap = cap;
    }
    list->rules[list->n++] = (fx_dv){r, x.p, head, x.len};
    return FAST_OK;
}

/* ---- the sheet's list ------------------------------------------------------------- */

fast_status fx_validations_write(const fx_validations *list, fx_xmlbuf *xb, uint32_t rows)
{
    if (!list || list->n == 0)
        return FAST_OK;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "<dataValidations count=\"%zu\">", list->n);
    fast_status st = fx_xb_write(xb, buf, (size_t)n);
    for (size_t i = 0; i < list->n && st == FAST_OK; i++) {
        const fx_dv *d = &list->rules[i];
        char ref[FX_SQREF_MAX];
        size_t rlen = fx_rules_sqref(&d->range, rows, ref);
        if ((st = fx_xb_write(xb, d->xml, d->head_len)) == FAST_OK && (st = fx_xb_puts(xb, " sqref=\"")) == FAST_OK &&
            (st = fx_xb_write(xb, ref, rlen)) == FAST_OK && (st = fx_xb_puts(xb, "\"")) == FAST_OK)
            st = fx_xb_write(xb, d->xml + d->head_len, d->len - d->head_len);
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</dataValidations>");
    return st;
}

fx_validations *fx_validations_carry(fx_validations **plist)
{
    fx_validations *list = *plist;
    *plist = NULL;
    if (!list)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < list->n; i++) {
        if (list->rules[i].range.r2 == FAST_LAST_ROW)
            list->rules[k++] = list->rules[i];
        else
            free(list->rules[i].xml);
    }
    list->n = k;
    if (k == 0) {
        fx_validations_free(list);
        return NULL;
    }
    return list;
}

void fx_validations_free(fx_validations *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        free(list->rules[i].xml);
    free(list->rules);
    free(list);
}
