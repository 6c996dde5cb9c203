/*
 * rules.c - what data validation and conditional formatting share (rules.h):
 * the sheet a rule is for, its range, the comparison operators (ECMA-376
 * Part 1 §18.18.20 ST_DataValidationOperator, §18.18.15
 * ST_ConditionalFormattingOperator: the same eight names) and its values.
 */
#include "internal.h"
#include "date.h"
#include "condformat.h"
#include "reference.h"
#include "rules.h"
#include "validation.h"
#include "xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

fast_status fx_rules_sheet(fast_workbook *wb, const char *fn, fx_sheet **out)
{
    fast_status usable = fx_workbook_usable(wb, fn);
    if (usable != FAST_OK)
        return usable;
    fx_sheet *sh = fx_current_sheet(wb);
    if (!sh)
        return fx_reject(&wb->err, FAST_ERROR_STATE, "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    *out = sh;
    return FAST_OK;
}

fast_status fx_rules_check_range(fast_workbook *wb, const char *fn, const fx_sheet *sh, const fx_range *r)
{
    if (r->r1 >= FAST_MAX_ROWS || r->c1 >= FAST_MAX_COLUMNS || r->c2 >= FAST_MAX_COLUMNS || r->c2 < r->c1 ||
        (r->r2 != FAST_LAST_ROW && (r->r2 >= FAST_MAX_ROWS || r->r2 < r->r1)))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': range rows %u..%u, columns %u..%u is out of bounds or reversed "
                         "(rows 0..%u or FAST_LAST_ROW, columns 0..%u, first <= last)",
                         fn, sh->name, (unsigned)r->r1, (unsigned)r->r2, (unsigned)r->c1, (unsigned)r->c2,
                         FAST_MAX_ROWS - 1, FAST_MAX_COLUMNS - 1);
    return FAST_OK;
}

static size_t cell_text(uint32_t row0, uint32_t col0, char *out)
{
    size_t k = fx_col_name(col0, out);
    return k + fx_u64_to_text((uint64_t)row0 + 1, out + k);
}

size_t fx_rules_sqref(const fx_range *r, uint32_t rows, char *out)
{
    uint32_t r2 = r->r2;
    if (r2 == FAST_LAST_ROW)
        r2 = rows > r->r1 + 1 ? rows - 1 : r->r1;
    size_t k = cell_text(r->r1, r->c1, out);
    if (r->r1 != r2 || r->c1 != r->c2) {
        out[k++] = ':';
        k += cell_text(r2, r->c2, out + k);
    }
    out[k] = 0;
    return k;
}

const char *fx_rules_operator(int op)
{
    static const char *const names[] = {"between",  "notBetween", "equal",              "notEqual",
                                        "greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"};
    return op >= 0 && op < (int)(sizeof names / sizeof names[0]) ? names[op] : NULL;
}

void fx_strbuf_add(fx_strbuf *t, const void *data, size_t len)
{
    if (t->nomem || len == 0)
        return;
    if (t->cap - t->len < len + 1) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap - t->len < len + 1)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (!p) {
            t->nomem = 1;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, data, len);
    t->len += len;
    t->p[t->len] = 0;
}

void fx_strbuf_puts(fx_strbuf *t, const char *s)
{
    fx_strbuf_add(t, s, strlen(s));
}

void fx_strbuf_sheet_ref(fx_strbuf *t, const char *name, size_t len)
{
    if (!fx_sheet_name_needs_quotes(name, len)) { /* Sheet1!, as Excel writes it */
        fx_strbuf_add(t, name, len);
        fx_strbuf_add(t, "!", 1);
        return;
    }
    fx_strbuf_add(t, "'", 1);
    for (size_t k = 0, start = 0; k <= len; k++) {
        if (k == len || name[k] == '\'') {
            fx_strbuf_add(t, name + start, k - start);
            if (k < len)
                fx_strbuf_add(t, "''", 2);
            start = k + 1;
        }
    }
    fx_strbuf_add(t, "'!", 2);
}

void fx_strbuf_free(fx_strbuf *t)
{
    free(t->p);
    memset(t, 0, sizeof *t);
}

static fast_status text_out(void *ctx, const void *data, size_t len)
{
    fx_strbuf *t = ctx;
    fx_strbuf_add(t, data, len);
    return t->nomem ? FAST_ERROR_NOMEM : FAST_OK;
}

void fx_strbuf_escaped(fx_strbuf *t, const char *s, size_t len, int attr)
{
    char chunk[FX_XB_MIN_CAPACITY];
    fx_xmlbuf xb = {chunk, 0, sizeof chunk, text_out, t};
    fast_status st = attr ? fx_xml_write_escaped(&xb, s, len, 1) : fx_xml_write_escaped(&xb, s, len, 0);
    if (st == FAST_OK)
        fx_xb_flush(&xb); /* a failure is left in t->nomem */
}

int fx_rules_dup(const char *s, size_t len, char **out)
{
    *out = NULL;
    if (len == 0)
        return 0;
    char *p = malloc(len + 1);
    if (!p)
        return -1;
    memcpy(p, s, len);
    p[len] = 0;
    *out = p;
    return 0;
}

fast_status fx_rule_value_formula(fx_rule_value *v, const char *formula, size_t len)
{
    if (!formula && len)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (len && formula[0] == '=') {
        formula++;
        len--;
    }
    char *copy;
    if (fx_rules_dup(formula, len, &copy) != 0)
        return FAST_ERROR_NOMEM;
    fx_rule_value_clear(v);
    v->kind = FX_RV_FORMULA;
    v->text = copy;
    v->len = len;
    return FAST_OK;
}

void fx_rule_value_clear(fx_rule_value *v)
{
    free(v->text);
    memset(v, 0, sizeof *v);
}

fast_status fx_rules_check_text(fast_workbook *wb, const char *fn, const char *what, const fx_sheet *sh,
                                const char *s, size_t len, size_t max_chars)
{
    size_t chars = 0, bad = 0;
    if (!fx_utf8_check(s, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: sheet '%s': %s: invalid UTF-8 at byte %zu", fn,
                         sh->name, what, bad);
    if (chars > max_chars)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': %s of %zu characters is longer than Excel's limit of %zu", fn, sh->name,
                         what, chars, max_chars);
    return FAST_OK;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

fast_status fx_rule_value_text(fast_workbook *wb, const char *fn, const char *what, const fx_sheet *sh,
                               const fx_rule_value *v, fx_strbuf *out)
{
    char num[FX_DOUBLE_TEXT_MAX];
    double serial;
    switch (v->kind) {
    case FX_RV_NUMBER:
        if (!isfinite(v->number))
            return fx_reject(&wb->err, FAST_ERROR_NONFINITE_NUMBER, "%s: sheet '%s': %s is NaN or infinite", fn,
                             sh->name, what);
        fx_strbuf_add(out, num, fx_double_to_text(v->number, num));
        return FAST_OK;
    case FX_RV_DATE: {
        static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int y = v->a, m = v->b, d = v->c;
        if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && is_leap(y)))
            return fx_reject(&wb->err, FAST_ERROR_INVALID_DATE,
                             "%s: sheet '%s': %s: %04d-%02d-%02d is not a date in 1900-01-01..9999-12-31", fn,
                             sh->name, what, y, m, d);
        /* 1900 date system (§18.17.4.1): serial 60 is the fictitious 1900-02-29. */
        int64_t days = fx_days_from_civil(y, m, d);
        serial = (double)(y == 1900 && m <= 2 ? days - fx_days_from_civil(1899, 12, 31)
                                              : days - fx_days_from_civil(1899, 12, 30));
        fx_strbuf_add(out, num, fx_double_to_text(serial, num));
        return FAST_OK;
    }
    case FX_RV_TIME:
        if (v->a < 0 || v->a > 23 || v->b < 0 || v->b > 59 || v->c < 0 || v->c > 59)
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: sheet '%s': %s: %02d:%02d:%02d is not a time of day", fn, sh->name, what, v->a,
                             v->b, v->c);
        serial = (double)(v->a * 3600 + v->b * 60 + v->c) / 86400.0;
        fx_strbuf_add(out, num, fx_double_to_text(serial, num));
        return FAST_OK;
    case FX_RV_FORMULA: {
        if (v->len == 0)
            break;
        fast_status st = fx_rules_check_text(wb, fn, what, sh, v->text, v->len, FAST_MAX_FORMULA_CHARS);
        if (st == FAST_OK)
            fx_strbuf_add(out, v->text, v->len);
        return st;
    }
    default:
        break;
    }
    return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': %s is missing", fn, sh->name, what);
}

/* ---- the sheet's kept rules ------------------------------------------------------ */

fast_status fx_rule_list_add(fx_rule_list **plist, const fx_rule *rule)
{
    fx_rule_list *list = *plist;
    if (!list && !(list = *plist = calloc(1, sizeof *list)))
        return FAST_ERROR_NOMEM;
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        fx_rule *p = realloc(list->v, cap * sizeof *p);
        if (!p)
            return FAST_ERROR_NOMEM;
        list->v = p;
        list->cap = cap;
    }
    list->v[list->n++] = *rule;
    return FAST_OK;
}

static void list_free(fx_rule_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i].xml);
    free(list->v);
    free(list);
}

/* For a continuation sheet: take *@plist (leaving NULL there) with only the
 * rules that end at FAST_LAST_ROW; NULL if none. */
static fx_rule_list *list_carry(fx_rule_list **plist)
{
    fx_rule_list *list = *plist;
    *plist = NULL;
    if (!list)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < list->n; i++) {
        if (list->v[i].range.r2 == FAST_LAST_ROW)
            list->v[k++] = list->v[i];
        else
            free(list->v[i].xml);
    }
    list->n = k;
    if (k == 0) {
        list_free(list);
        return NULL;
    }
    return list;
}

void fx_rules_free(fx_sheet *sh)
{
    list_free(sh->validations);
    list_free(sh->condformats);
    sh->validations = NULL;
    sh->condformats = NULL;
}

void fx_rules_carry(fx_sheet *from, fx_sheet *to)
{
    to->validations = list_carry(&from->validations);
    to->condformats = list_carry(&from->condformats);
}
