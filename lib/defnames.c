/*
 * defnames.c - defined names at workbook and sheet scope (ECMA-376 Part 1
 * §18.2.5 definedName, §18.2.6 definedNames): checked against Excel's name
 * rules (names.c) and for case-insensitive uniqueness in their scope, shared
 * with table names at workbook scope, and written sorted by name as Excel
 * writes them.
 */
#include "internal.h"
#include "defnames.h"
#include "names.h"
#include "table.h"
#include "workbook.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fx_defname {
    char *name, *formula;
    size_t name_len, formula_len;
    long scope; /* -1: the workbook, else the sheet index (localSheetId) */
} fx_defname;

struct fx_defnames {
    fx_defname *v;
    size_t n, cap;
};

static const fx_defname *find(const fast_workbook *wb, long scope, const char *name, size_t len)
{
    const struct fx_defnames *d = wb->defnames;
    for (size_t i = 0; d && i < d->n; i++)
        if (d->v[i].scope == scope && fx_name_equal(d->v[i].name, d->v[i].name_len, name, len))
            return &d->v[i];
    return NULL;
}

int fx_defname_in_use(const fast_workbook *wb, const char *name, size_t len)
{
    return find(wb, -1, name, len) != NULL;
}

static char *dup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = 0;
    }
    return p;
}

FAST_API fast_status fast_workbook_define_name(fast_workbook *wb, const char *name, size_t name_len,
                                               int scope_sheet, const char *formula, size_t formula_len)
{
    static const char fn[] = "fast_workbook_define_name";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = fx_workbook_usable(wb, fn); /* closed, or the sticky status of an earlier failure */
    if (st != FAST_OK)
        return st;
    if (!name && name_len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: name is NULL with a length", fn);
    int shown = name_len > 100 ? 100 : (int)name_len;
    if (!name)
        name = "";
    char why[160];
    if (!fx_defined_name_valid(name, name_len, why, sizeof why))
        return fx_reject(&wb->err, strstr(why, "UTF-8") ? FAST_ERROR_INVALID_UTF8 : FAST_ERROR_NAME,
                         "%s: name '%.*s': %s", fn, shown, name, why);
    if (name_len >= 6 && fx_name_equal(name, 6, "_xlnm.", 6))
        return fx_reject(&wb->err, FAST_ERROR_NAME,
                         "%s: name '%.*s': names beginning with '_xlnm.' are Excel's built-in names, written by "
                         "the library (print area, print titles, autofilter)", fn, shown, name);
    if (scope_sheet < FAST_SCOPE_WORKBOOK || (scope_sheet >= 0 && (size_t)scope_sheet >= wb->nsheets))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: name '%.*s': scope %d is neither FAST_SCOPE_WORKBOOK nor the index of a sheet added "
                         "(%zu so far)", fn, shown, name, scope_sheet, wb->nsheets);
    long scope = scope_sheet < 0 ? -1 : scope_sheet;
    const fx_defname *other = find(wb, scope, name, name_len);
    if (other) {
        if (scope < 0)
            return fx_reject(&wb->err, FAST_ERROR_NAME,
                             "%s: name '%.*s' is already defined at workbook scope as '%s' (names are compared "
                             "case-insensitively)", fn, shown, name, other->name);
        return fx_reject(&wb->err, FAST_ERROR_NAME,
                         "%s: name '%.*s' is already defined on sheet '%s' as '%s' (names are compared "
                         "case-insensitively)", fn, shown, name, wb->sheets[scope].name, other->name);
    }
    const fast_table *t = scope < 0 ? fx_table_name_in_use(wb, name, name_len) : NULL;
    if (t)
        return fx_reject(&wb->err, FAST_ERROR_NAME,
                         "%s: name '%.*s' is already used by table '%s' (table names are workbook-scope names, "
                         "compared case-insensitively)", fn, shown, name, t->name);
    if (!formula && formula_len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: name '%.*s': formula is NULL with a length",
                         fn, shown, name);
    if (formula_len && formula[0] == '=') { /* tolerated, not stored */
        formula++;
        formula_len--;
    }
    if (formula_len == 0)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: name '%.*s': the formula is empty", fn, shown,
                         name);
    size_t chars, bad;
    if (!fx_utf8_check(formula, formula_len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: name '%.*s': formula: invalid UTF-8 at byte %zu", fn,
                         shown, name, bad);
    if (chars > FAST_MAX_FORMULA_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: name '%.*s': formula of %zu characters is longer than %u", fn, shown, name, chars,
                         FAST_MAX_FORMULA_CHARS);
    unsigned cp;
    size_t at = fx_has_xml_controls(formula, formula_len, &cp);
    if (at)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: name '%.*s': formula: character U+%04X at byte %zu cannot be stored in XML (a control "
                         "character or a noncharacter)", fn, shown, name, cp, at);
    struct fx_defnames *d = wb->defnames;
    if (!d)
        d = wb->defnames = calloc(1, sizeof *d);
    if (d && d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 8;
        fx_defname *v = realloc(d->v, cap * sizeof *v);
        if (v) {
            d->v = v;
            d->cap = cap;
        }
    }
    char *n = d && d->n < d->cap ? dup(name, name_len) : NULL;
    char *f = n ? dup(formula, formula_len) : NULL;
    if (!f) {
        free(n);
        return fx_reject(&wb->err, FAST_ERROR_NOMEM, "%s: name '%.*s': out of memory", fn, shown, name);
    }
    d->v[d->n++] = (fx_defname){n, f, name_len, formula_len, scope};
    return FAST_OK;
}

/* Excel's order: by name, ASCII letters compared without case; the same name
 * (compared case-insensitively) at workbook scope before sheet scope, sheets
 * in order. */
static int cmp(const void *a, const void *b)
{
    const fx_defname *x = a, *y = b;
    if (fx_name_equal(x->name, x->name_len, y->name, y->name_len)) /* the same name in two scopes */
        return x->scope < y->scope ? -1 : x->scope > y->scope;
    size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)x->name[i], d = (unsigned char)y->name[i];
        c = c >= 'A' && c <= 'Z' ? c + 32 : c;
        d = d >= 'A' && d <= 'Z' ? d + 32 : d;
        if (c != d)
            return c - d;
    }
    return x->name_len < y->name_len ? -1 : x->name_len > y->name_len;
}

fast_status fx_defnames_write(fast_workbook *wb, int *open)
{
    struct fx_defnames *d = wb->defnames;
    if (!d || !d->n)
        return FAST_OK;
    qsort(d->v, d->n, sizeof *d->v, cmp);
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = FAST_OK;
    if (!*open) {
        st = fx_xb_puts(xb, "<definedNames>");
        *open = 1;
    }
    for (size_t i = 0; i < d->n && st == FAST_OK; i++) {
        const fx_defname *e = &d->v[i];
        st = fx_xb_puts(xb, "<definedName name=\"");
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, e->name, e->name_len, 1);
        char mid[48];
        if (e->scope >= 0)
            snprintf(mid, sizeof mid, "\" localSheetId=\"%ld\">", e->scope);
        else
            snprintf(mid, sizeof mid, "\">");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, mid);
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, e->formula, e->formula_len, 0);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</definedName>");
    }
    return st;
}

void fx_defnames_free(fast_workbook *wb)
{
    struct fx_defnames *d = wb->defnames;
    for (size_t i = 0; d && i < d->n; i++) {
        free(d->v[i].name);
        free(d->v[i].formula);
    }
    if (d)
        free(d->v);
    free(d);
    wb->defnames = NULL;
}
