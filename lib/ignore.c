/*
 * ignore.c - fast_workbook_ignore_errors(): ranges of a sheet where Excel's
 * error checks (the green triangle in a cell's corner) are turned off, kept
 * until the sheet ends and written as <ignoredErrors> (ECMA-376 Part 1
 * §18.3.1.51 ignoredErrors, §18.3.1.52 ignoredError), after the page setup
 * and breaks (§18.3.1.99). Attributes in the schema's order.
 */
#include "internal.h"
#include "ignore.h"
#include "rules.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct fx_ignored_range {
    fx_range r; /* r2 may be FAST_LAST_ROW */
    unsigned kinds;
} fx_ignored_range;

struct fx_ignored {
    fx_ignored_range *v;
    size_t n, cap;
};

/* FAST_IGNORE_* bit i is attribute names[i] of CT_IgnoredError. */
static const char *const names[] = {"evalError",       "twoDigitTextYear",   "numberStoredAsText",
                                    "formula",         "formulaRange",       "unlockedFormula",
                                    "emptyCellReference", "listDataValidation", "calculatedColumn"};
#define NKINDS (sizeof names / sizeof names[0])

static const char fn[] = "fast_workbook_ignore_errors";

static fast_status add(fx_ignored **listp, const fx_range *r, unsigned kinds)
{
    fx_ignored *l = *listp;
    if (!l && !(l = *listp = calloc(1, sizeof *l)))
        return FAST_ERROR_NOMEM;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        fx_ignored_range *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return FAST_ERROR_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (fx_ignored_range){*r, kinds};
    return FAST_OK;
}

FAST_API fast_status fast_workbook_ignore_errors(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                 uint32_t last_row, uint32_t last_col, unsigned int kinds)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_sheet *sh = NULL;
    fast_status st = fx_rules_sheet(wb, fn, &sh);
    if (st != FAST_OK)
        return st;
    fx_range r = {first_row, first_col, last_row, last_col};
    if ((st = fx_rules_check_range(wb, fn, sh, &r)) != FAST_OK)
        return st;
    if (kinds == 0 || kinds >= 1u << NKINDS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': kinds 0x%x: none, or unknown bits (FAST_IGNORE_* only)", fn, sh->name,
                         kinds);
    if (add(&sh->ignored, &r, kinds) != FAST_OK)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: sheet '%s': out of memory", fn, sh->name);
    return FAST_OK;
}

fast_status fx_ignored_write(const fx_sheet *sh, fx_xmlbuf *xb, uint32_t rows)
{
    const fx_ignored *l = sh->ignored;
    if (!l || !l->n)
        return FAST_OK;
    fast_status st = fx_xb_puts(xb, "<ignoredErrors>");
    for (size_t i = 0; i < l->n && st == FAST_OK; i++) {
        char ref[FX_SQREF_MAX];
        fx_rules_sqref(&l->v[i].r, rows, ref);
        st = fx_xb_puts(xb, "<ignoredError sqref=\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, ref);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\"");
        for (size_t k = 0; k < NKINDS && st == FAST_OK; k++)
            if (l->v[i].kinds & (1u << k)) {
                st = fx_xb_puts(xb, " ");
                if (st == FAST_OK)
                    st = fx_xb_puts(xb, names[k]);
                if (st == FAST_OK)
                    st = fx_xb_puts(xb, "=\"1\"");
            }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "/>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</ignoredErrors>");
    return st;
}

fast_status fx_ignored_carry(fast_workbook *wb, const fx_sheet *from, fx_sheet *to)
{
    const fx_ignored *l = from->ignored;
    for (size_t i = 0; l && i < l->n; i++)
        if (l->v[i].r.r2 == FAST_LAST_ROW && add(&to->ignored, &l->v[i].r, l->v[i].kinds) != FAST_OK)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory copying ignored errors",
                           to->name);
    return FAST_OK;
}

void fx_ignored_free(fx_sheet *sh)
{
    if (sh->ignored) {
        free(sh->ignored->v);
        free(sh->ignored);
        sh->ignored = NULL;
    }
}
