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
#include "print.h"
#include "rules.h"
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
    fast_status st = fx_workbook_usable(wb, fn);
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

/* ---- writing ---------------------------------------------------------------------- */

/* A name as written: the caller's, or a built-in one a sheet needs. */
typedef struct entry {
    const char *name;
    size_t name_len, key; /* key: where the name sorts from (after "_xlnm.") */
    long scope;           /* -1: the workbook */
    int hidden;
    const char *formula;  /* unescaped */
    size_t formula_len;
    const fast_workbook *wb;
} entry;

/* Excel's order (the Excel-made defined_name01.xlsx and defined_name04.xlsx
 * of XlsxWriter's tests): one list, built-in names sorted without their
 * "_xlnm." prefix, by name compared without case (code points after case
 * folding, names.c), then by the name of the scope's sheet, the workbook's
 * scope first. */
static int cmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = fx_name_compare(x->name + x->key, x->name_len - x->key, y->name + y->key, y->name_len - y->key);
    if (c)
        return c;
    if (x->scope != y->scope) {
        if (x->scope < 0 || y->scope < 0)
            return x->scope < 0 ? -1 : 1;
        const fx_sheet *p = &x->wb->sheets[x->scope], *q = &y->wb->sheets[y->scope];
        c = fx_name_compare(p->name, p->name_len, q->name, q->name_len);
        if (c)
            return c;
        return x->scope < y->scope ? -1 : 1;
    }
    return x->key < y->key ? -1 : x->key > y->key; /* a built-in name first */
}

static const char filter_name[] = "_xlnm._FilterDatabase", area_name[] = "_xlnm.Print_Area",
                  titles_name[] = "_xlnm.Print_Titles";

/* The autofilter's range as _xlnm._FilterDatabase holds it (Part 1 §18.2.5, §18.3.1.2). */
static void filter_formula(const fx_sheet *sh, fx_strbuf *t)
{
    const fx_range *r = &sh->setup.filter;
    char buf[64], a[FX_COL_NAME_MAX + 1], b[FX_COL_NAME_MAX + 1];
    a[fx_col_name(r->c1, a)] = 0;
    b[fx_col_name(r->c2, b)] = 0;
    fx_strbuf_sheet_ref(t, sh->name, sh->name_len);
    snprintf(buf, sizeof buf, "$%s$%u:$%s$%u", a, (unsigned)r->r1 + 1, b, (unsigned)r->r2 + 1);
    fx_strbuf_puts(t, buf);
}

static fast_status write_entry(fx_xmlbuf *xb, const entry *e)
{
    fast_status st = fx_xb_puts(xb, "<definedName name=\"");
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, e->name, e->name_len, 1);
    char mid[64];
    if (e->scope >= 0)
        snprintf(mid, sizeof mid, "\" localSheetId=\"%ld\"%s>", e->scope, e->hidden ? " hidden=\"1\"" : "");
    else
        snprintf(mid, sizeof mid, "\"%s>", e->hidden ? " hidden=\"1\"" : "");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, mid);
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, e->formula, e->formula_len, 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</definedName>");
    return st;
}

fast_status fx_defnames_write(fast_workbook *wb)
{
    const struct fx_defnames *d = wb->defnames;
    size_t cap = (d ? d->n : 0) + 3 * wb->nsheets, n = 0;
    if (cap == 0)
        return FAST_OK;
    entry *v = malloc(cap * sizeof *v);
    fx_strbuf *text = calloc(3 * wb->nsheets + 1, sizeof *text); /* the built-in names' formulas */
    fast_status st = v && text ? FAST_OK : FAST_ERROR_NOMEM;
    for (size_t i = 0; st == FAST_OK && d && i < d->n; i++)
        v[n++] = (entry){d->v[i].name, d->v[i].name_len, 0, d->v[i].scope, 0, d->v[i].formula,
                         d->v[i].formula_len, wb};
    for (size_t i = 0; st == FAST_OK && i < wb->nsheets; i++) {
        const fx_sheet *sh = &wb->sheets[i];
        fx_strbuf *f = &text[3 * i];
        if (sh->setup.has_filter)
            filter_formula(sh, &f[0]);
        fx_print_names(sh, &f[1], &f[2]);
        static const char *const names[3] = {filter_name, area_name, titles_name};
        for (int k = 0; k < 3; k++) {
            if (f[k].nomem)
                st = FAST_ERROR_NOMEM;
            else if (f[k].len)
                v[n++] = (entry){names[k], strlen(names[k]), 6, (long)i, k == 0, f[k].p, f[k].len, wb};
        }
    }
    if (st == FAST_OK && n) {
        qsort(v, n, sizeof *v, cmp);
        st = fx_xb_puts(&wb->xb, "<definedNames>");
        for (size_t i = 0; i < n && st == FAST_OK; i++)
            st = write_entry(&wb->xb, &v[i]);
        if (st == FAST_OK)
            st = fx_xb_puts(&wb->xb, "</definedNames>");
    }
    for (size_t i = 0; text && i < 3 * wb->nsheets; i++)
        fx_strbuf_free(&text[i]);
    free(text);
    free(v);
    if (st == FAST_ERROR_NOMEM)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "xl/workbook.xml: out of memory sorting the defined names");
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
