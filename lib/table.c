/*
 * table.c - Excel tables (ListObject, ECMA-376 Part 1 §18.5): the public calls,
 * the hooks a worksheet calls while its rows stream, and the table parts.
 *
 * A table is declared before its header row is written, so the library sees
 * the header cells (the column names, §18.5.1.3 tableColumn name, which must
 * equal them) and every data value as the rows stream. The running totals
 * give the totals row its cached values; the calculated columns get their
 * formulas in every data row. When the sheet ends, the totals rows still due
 * are written before </sheetData>, <tableParts> ends the worksheet (last in
 * CT_Worksheet, §18.3.1.99), and each table part follows its sheet with an
 * Override in [Content_Types].xml and a relationship from the sheet.
 *
 * The form is Excel's, as in the Excel-made files of XlsxWriter's test suite
 * (table*.xlsx): name and displayName alike; totalsRowShown="0" without a
 * totals row, totalsRowCount="1" with one; the autoFilter inside the table
 * without the totals row; ' before the characters ' # [ ] of a column name in
 * a structured reference. One difference: Excel writes a totals cell's formula
 * as SUBTOTAL(109,[Amount]), the table's name left out, and LibreOffice, when
 * it recalculates, cannot resolve that (#NAME?); here it is
 * SUBTOTAL(109,Sales[Amount]), the same reference with the name, which both read.
 */
#include "internal.h"
#include "date.h"
#include "names.h"
#include "package.h"
#include "table.h"
#include "defnames.h"
#include "workbook.h"
#include "xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_STYLE "TableStyleMedium2"

static const struct {
    const char *name;
    int code; /* SUBTOTAL's function number, ignoring hidden rows */
} functions[] = {
    [FAST_TABLE_TOTAL_NONE] = {"none", 0},         [FAST_TABLE_TOTAL_SUM] = {"sum", 109},
    [FAST_TABLE_TOTAL_AVERAGE] = {"average", 101}, [FAST_TABLE_TOTAL_COUNT] = {"count", 103},
    [FAST_TABLE_TOTAL_COUNT_NUMS] = {"countNums", 102}, [FAST_TABLE_TOTAL_MIN] = {"min", 105},
    [FAST_TABLE_TOTAL_MAX] = {"max", 104},         [FAST_TABLE_TOTAL_STD_DEV] = {"stdDev", 107},
    [FAST_TABLE_TOTAL_VAR] = {"var", 110},
};

static size_t sheet_index(const fast_workbook *wb, const fx_sheet *sh)
{
    return (size_t)(sh - wb->sheets);
}

static uint32_t ncols(const fast_table *t)
{
    return t->c2 - t->c1 + 1;
}

static void col_letters(uint32_t col, char *out)
{
    out[fx_col_name(col, out)] = 0;
}

/* The rows a table takes, its totals row included (to the sheet's end for FAST_LAST_ROW;
 * the row below a fixed last row is kept for a totals row). */
static uint32_t footprint_end(const fast_table *t)
{
    return t->r2 == FAST_LAST_ROW ? FAST_LAST_ROW : t->r2 + 1;
}

static int overlaps(uint32_t a1, uint32_t a2, uint32_t b1, uint32_t b2)
{
    return a1 <= b2 && b1 <= a2;
}

/* ---- the names' namespace ---------------------------------------------------------------- */

const fast_table *fx_table_name_in_use(const fast_workbook *wb, const char *name, size_t len)
{
    for (size_t i = 0; i < wb->tables.n; i++)
        if (fx_name_equal(wb->tables.v[i]->name, wb->tables.v[i]->name_len, name, len))
            return wb->tables.v[i];
    return NULL;
}

/* ---- making a table ----------------------------------------------------------------------- */

static void table_free(fast_table *t)
{
    if (!t)
        return;
    for (uint32_t i = 0; t->cols && i < ncols(t); i++) {
        free(t->cols[i].name);
        free(t->cols[i].label);
        free(t->cols[i].formula);
        free(t->cols[i].file_formula);
    }
    free(t->cols);
    free(t->active);
    free(t->name);
    free(t);
}

void fx_tables_free(fx_tables *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        table_free(ts->v[i]);
    free(ts->v);
    free(ts->row);
    memset(ts, 0, sizeof *ts);
}

/* A new table record with @name (copied), columns c1..c2, added to the workbook's list. */
static fast_status table_new(fast_workbook *wb, const char *name, size_t len, uint32_t c1, uint32_t c2,
                             fast_table **out)
{
    fx_tables *ts = &wb->tables;
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 8;
        fast_table **v = realloc(ts->v, cap * sizeof *v);
        if (!v)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory adding table '%.*s'", (int)len, name);
        ts->v = v;
        ts->cap = cap;
    }
    fast_table *t = calloc(1, sizeof *t);
    if (t) {
        t->name = malloc(len + 1);
        t->cols = calloc((size_t)c2 - c1 + 1, sizeof *t->cols);
    }
    if (!t || !t->name || !t->cols) {
        if (t) {
            free(t->name);
            free(t->cols);
            free(t);
        }
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory adding table '%.*s'", (int)len, name);
    }
    memcpy(t->name, name, len);
    t->name[len] = 0;
    t->name_len = len;
    t->wb = wb;
    t->c1 = c1;
    t->c2 = c2;
    t->id = (uint32_t)ts->n + 1;
    t->chain = 1;
    t->root = t;
    ts->v[ts->n++] = t;
    ts->open++;
    *out = t;
    return FAST_OK;
}

/* The table of sheet @sheet (other than @self) whose rows and columns meet r1..r2, c1..c2, or NULL. */
static const fast_table *overlapping_table(const fast_workbook *wb, size_t sheet, uint32_t r1, uint32_t c1,
                                           uint32_t r2, uint32_t c2, const fast_table *self)
{
    for (size_t i = 0; i < wb->tables.n; i++) {
        const fast_table *t = wb->tables.v[i];
        if (t != self && t->sheet == sheet && overlaps(t->r1, footprint_end(t), r1, r2) &&
            overlaps(t->c1, t->c2, c1, c2))
            return t;
    }
    return NULL;
}

fast_status fx_tables_check_range(fast_workbook *wb, size_t sheet, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2,
                                  const char *fn)
{
    const fast_table *t = overlapping_table(wb, sheet, r1, c1, r2, c2, NULL);
    if (!t)
        return FAST_OK;
    return fx_reject(&wb->err, FAST_ERROR_TABLE, "%s: the range overlaps table '%s' (Excel removes such tables)", fn,
                     t->name);
}

FAST_API fast_status fast_workbook_add_table(fast_workbook *wb, const char *name, size_t len, uint32_t first_row,
                                             uint32_t first_col, uint32_t last_row, uint32_t last_col,
                                             fast_table **table)
{
    static const char fn[] = "fast_workbook_add_table";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status usable = fx_workbook_usable(wb, fn);
    if (usable != FAST_OK)
        return usable;
    if (!table || (!name && len))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL table pointer, or NULL name with a length",
                         fn);
    fx_sheet *sh = fx_current_sheet(wb);
    if (!sh)
        return fx_reject(&wb->err, FAST_ERROR_STATE, "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    uint32_t limit = wb->rows_per_sheet;
    if (first_row >= FAST_MAX_ROWS || first_col > last_col || last_col >= FAST_MAX_COLUMNS ||
        (last_row != FAST_LAST_ROW && last_row >= FAST_MAX_ROWS))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: rows %u..%u, columns %u..%u out of bounds or reversed", fn, (unsigned)first_row,
                         (unsigned)last_row, (unsigned)first_col, (unsigned)last_col);
    if (last_row <= first_row)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: a table needs at least one data row below its header row %u (last row %u)", fn,
                         (unsigned)first_row, (unsigned)last_row);
    if (last_row == FAST_LAST_ROW ? (uint64_t)first_row + 3 > limit : (uint64_t)last_row + 2 >= limit)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: rows %u..%u leave no room for a totals row and the rows after it in a sheet of %u "
                         "rows",
                         fn, (unsigned)first_row, (unsigned)last_row, (unsigned)limit);
    if (first_row < sh->rows)
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE,
                         "%s: sheet '%s' already has %u rows; the table's header row %u must not be written yet", fn,
                         sh->name, (unsigned)sh->rows, (unsigned)first_row + 1);
    char defname[32];
    if (!name) {
        for (size_t k = wb->tables.n + 1;; k++) {
            snprintf(defname, sizeof defname, "Table%zu", k);
            if (!fx_table_name_in_use(wb, defname, strlen(defname)))
                break;
        }
        name = defname;
        len = strlen(defname);
    }
    char why[160];
    int shown = len > 100 ? 100 : (int)len;
    if (!fx_defined_name_valid(name, len, why, sizeof why))
        return fx_reject(&wb->err, strstr(why, "UTF-8") ? FAST_ERROR_INVALID_UTF8 : FAST_ERROR_NAME,
                         "%s: table name '%.*s': %s", fn, shown, name, why);
    const fast_table *other = fx_table_name_in_use(wb, name, len);
    if (other)
        return fx_reject(&wb->err, FAST_ERROR_NAME,
                         "%s: table name '%.*s' is already used by table '%s' (names are compared "
                         "case-insensitively)",
                         fn, shown, name, other->name);
    if (fx_defname_in_use(wb, name, len))
        return fx_reject(&wb->err, FAST_ERROR_NAME,
                         "%s: table name '%.*s' is already a defined name of workbook scope (names are compared "
                         "case-insensitively)", fn, shown, name);
    size_t si = sheet_index(wb, sh);
    uint32_t end = last_row == FAST_LAST_ROW ? FAST_LAST_ROW : last_row + 1;
    other = overlapping_table(wb, si, first_row, first_col, end, last_col, NULL);
    if (other)
        return fx_reject(&wb->err, FAST_ERROR_TABLE, "%s: table '%.*s' would overlap table '%s' on sheet '%s'", fn,
                         shown, name, other->name, sh->name);
    for (size_t i = 0; i < sh->nmerges; i++) {
        const fx_range *m = &sh->merges[i];
        if (overlaps(m->r1, m->r2, first_row, end) && overlaps(m->c1, m->c2, first_col, last_col))
            return fx_reject(&wb->err, FAST_ERROR_TABLE,
                             "%s: table '%.*s' would overlap a merged range on sheet '%s' (Excel removes such "
                             "tables)",
                             fn, shown, name, sh->name);
    }
    if (sh->setup.has_filter) {
        const fx_range *f = &sh->setup.filter;
        if (overlaps(f->r1, f->r2, first_row, end) && overlaps(f->c1, f->c2, first_col, last_col))
            return fx_reject(&wb->err, FAST_ERROR_TABLE,
                             "%s: table '%.*s' would overlap the autofilter of sheet '%s' (a table has its own "
                             "filter buttons)",
                             fn, shown, name, sh->name);
    }
    fast_table *t = NULL;
    fast_status st = table_new(wb, name, len, first_col, last_col, &t);
    if (st != FAST_OK)
        return st;
    t->sheet = si;
    t->r1 = first_row;
    t->r2 = last_row;
    memcpy(t->style, DEFAULT_STYLE, sizeof DEFAULT_STYLE);
    t->banded_rows = 1;
    t->filter = 1;
    *table = t;
    return FAST_OK;
}

/* ---- setters -------------------------------------------------------------------------------- */

/* Common checks of a setter: the workbook, the time, and the column. */
static fast_status setter(fast_table *t, const char *fn, int has_col, uint32_t col)
{
    if (!t)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_workbook *wb = t->wb;
    fast_status usable = fx_workbook_usable(wb, fn);
    if (usable != FAST_OK)
        return usable;
    if (t->header_seen || t->chain > 1)
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE, "%s: table '%s': its header row is already written", fn,
                         t->name);
    if (has_col && (col < t->c1 || col > t->c2)) {
        char a[FX_COL_NAME_MAX + 1], b[FX_COL_NAME_MAX + 1];
        col_letters(t->c1, a);
        col_letters(t->c2, b);
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: table '%s': column %u is outside %s..%s", fn,
                         t->name, (unsigned)col, a, b);
    }
    return FAST_OK;
}

/* Check @text (@len bytes, NULL only with 0) as UTF-8 of at most @max characters
 * that XML can hold, and copy it into *@out. */
static fast_status set_text(fast_table *t, const char *fn, const char *what, const char *text, size_t len, size_t max,
                            char **out, size_t *out_len)
{
    fast_workbook *wb = t->wb;
    size_t chars, bad;
    if (!text && len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: table '%s': NULL %s with a length", fn, t->name,
                         what);
    if (!fx_utf8_check(text ? text : "", len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: table '%s': %s: invalid UTF-8 at byte %zu", fn,
                         t->name, what, bad);
    if (chars > max || len == 0)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: table '%s': %s of %zu characters; 1..%zu allowed",
                         fn, t->name, what, chars, max);
    char *copy = malloc(len + 1);
    if (!copy)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    memcpy(copy, text, len);
    copy[len] = 0;
    free(*out);
    *out = copy;
    *out_len = len;
    return FAST_OK;
}

static int is_style(const char *s, size_t len)
{
    static const struct {
        const char *prefix;
        int max;
    } kinds[] = {{"TableStyleLight", 21}, {"TableStyleMedium", 28}, {"TableStyleDark", 11}};
    for (size_t k = 0; k < 3; k++) {
        size_t p = strlen(kinds[k].prefix);
        if (len <= p || len > p + 2 || memcmp(s, kinds[k].prefix, p) != 0 || s[p] == '0')
            continue;
        int v = 0;
        for (size_t i = p; i < len; i++) {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            v = v * 10 + (s[i] - '0');
        }
        return v >= 1 && v <= kinds[k].max;
    }
    return 0;
}

FAST_API fast_status fast_table_set_style(fast_table *t, const char *style, size_t len)
{
    static const char fn[] = "fast_table_set_style";
    fast_status st = setter(t, fn, 0, 0);
    if (st != FAST_OK)
        return st;
    if (!style && len)
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL style with a length", fn);
    if (style && len && !is_style(style, len))
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: table '%s': '%.*s' is not a built-in table style (TableStyleLight1..21, "
                         "TableStyleMedium1..28, TableStyleDark1..11)",
                         fn, t->name, len > 40 ? 40 : (int)len, style);
    memcpy(t->style, style ? style : "", style ? len : 0);
    t->style[style ? len : 0] = 0;
    return FAST_OK;
}

FAST_API fast_status fast_table_set_option(fast_table *t, int option, int on)
{
    static const char fn[] = "fast_table_set_option";
    fast_status st = setter(t, fn, 0, 0);
    if (st != FAST_OK)
        return st;
    int *field = option == FAST_TABLE_BANDED_ROWS      ? &t->banded_rows
                 : option == FAST_TABLE_BANDED_COLUMNS ? &t->banded_cols
                 : option == FAST_TABLE_FIRST_COLUMN   ? &t->first_col
                 : option == FAST_TABLE_LAST_COLUMN    ? &t->last_col
                 : option == FAST_TABLE_FILTER_BUTTONS ? &t->filter
                                                       : NULL;
    if (!field)
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: unknown option %d", fn, option);
    *field = on != 0;
    return FAST_OK;
}

/* The table has a totals row if any column has a function, formula or label. */
static void update_totals(fast_table *t)
{
    t->has_totals = 0;
    for (uint32_t i = 0; i < ncols(t); i++)
        if (t->cols[i].function != FAST_TABLE_TOTAL_NONE || t->cols[i].label)
            t->has_totals = 1;
}

FAST_API fast_status fast_table_set_total_function(fast_table *t, uint32_t col, int function)
{
    static const char fn[] = "fast_table_set_total_function";
    fast_status st = setter(t, fn, 1, col);
    if (st != FAST_OK)
        return st;
    if (function < FAST_TABLE_TOTAL_NONE || function > FAST_TABLE_TOTAL_VAR)
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: unknown function %d", fn, function);
    fx_table_col *c = &t->cols[col - t->c1];
    free(c->label);
    c->label = NULL;
    c->label_len = 0;
    c->function = function;
    update_totals(t);
    return FAST_OK;
}

FAST_API fast_status fast_table_set_total_formula(fast_table *t, uint32_t col, const char *formula, size_t len)
{
    static const char fn[] = "fast_table_set_total_formula";
    fast_status st = setter(t, fn, 1, col);
    if (st != FAST_OK)
        return st;
    fx_table_col *c = &t->cols[col - t->c1];
    if (formula && len && formula[0] == '=')
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: table '%s': the formula starts with '='; give it without (the file's form)", fn,
                         t->name);
    st = set_text(t, fn, "totals formula", formula, len, FAST_MAX_FORMULA_CHARS, &c->label, &c->label_len);
    if (st == FAST_OK)
        c->function = FX_TOTAL_CUSTOM;
    update_totals(t);
    return st;
}

FAST_API fast_status fast_table_set_total_label(fast_table *t, uint32_t col, const char *label, size_t len)
{
    static const char fn[] = "fast_table_set_total_label";
    fast_status st = setter(t, fn, 1, col);
    if (st != FAST_OK)
        return st;
    fx_table_col *c = &t->cols[col - t->c1];
    unsigned cp;
    size_t at = label ? fx_has_xml_controls(label, len, &cp) : 0;
    if (at)
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: table '%s': label: character U+%04X at byte %zu cannot be stored in XML", fn, t->name,
                         cp, at);
    st = set_text(t, fn, "label", label, len, FAST_MAX_STRING_CHARS, &c->label, &c->label_len);
    if (st == FAST_OK)
        c->function = FAST_TABLE_TOTAL_NONE;
    update_totals(t);
    return st;
}

/* ---- structured references -------------------------------------------------------------------- */

/* Append to @out (room for @cap) the column name @s (@len) as a structured
 * reference's column specifier: ' before ' # [ ]. Returns the length written, or
 * (size_t)-1 when it does not fit. */
static size_t escape_column(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        int special = s[i] == '\'' || s[i] == '#' || s[i] == '[' || s[i] == ']';
        if (k + 1 + (size_t)special > cap)
            return (size_t)-1;
        if (special)
            out[k++] = '\'';
        out[k++] = s[i];
    }
    return k;
}

/*
 * @formula as written in the file for table @t: "[@Name]" and "[@[Name]]" become
 * "T[[#This Row],[Name]]" (§18.17.7 structure references); the rest, and text
 * in double quotes, is kept. Returns a new string (its length in *@out_len), or
 * NULL when out of memory.
 */
static char *file_form(const fast_table *t, const char *f, size_t len, size_t *out_len)
{
    static const char this_row[] = "[[#This Row],";
    size_t cap = len + 1, refs = 0;
    for (size_t i = 0; i + 1 < len; i++)
        refs += f[i] == '[' && f[i + 1] == '@';
    cap += refs * (t->name_len + sizeof this_row + 2);
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t k = 0;
    int quoted = 0;
    for (size_t i = 0; i < len;) {
        if (f[i] == '"')
            quoted = !quoted;
        if (!quoted && f[i] == '[' && i + 1 < len && f[i + 1] == '@') {
            /* [@[Name]] (a name with special characters, escaped as in the file) or [@Name]. */
            size_t start = i + 2, end;
            int bracketed = start < len && f[start] == '[';
            if (bracketed) {
                end = start + 1;
                while (end < len && !(f[end] == ']' && f[end - 1] != '\''))
                    end++;
                end++; /* past the inner ']' */
            } else {
                end = start;
                while (end < len && f[end] != ']')
                    end++;
            }
            if (end < len && f[end] == ']') {
                memcpy(out + k, t->name, t->name_len);
                k += t->name_len;
                memcpy(out + k, this_row, sizeof this_row - 1);
                k += sizeof this_row - 1;
                if (!bracketed)
                    out[k++] = '[';
                memcpy(out + k, f + start, end - start);
                k += end - start;
                if (!bracketed)
                    out[k++] = ']';
                out[k++] = ']';
                i = end + 1;
                continue;
            }
        }
        out[k++] = f[i++];
    }
    out[k] = 0;
    *out_len = k;
    return out;
}

/* The calculated column formula of column @c of @t in the file's form. */
static fast_status make_file_formula(fast_table *t, fx_table_col *c)
{
    fast_workbook *wb = t->wb;
    size_t n = 0;
    char *ff = file_form(t, c->formula, c->formula_len, &n);
    if (!ff)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "table '%s': out of memory", t->name);
    size_t chars, bad;
    fx_utf8_check(ff, n, &chars, &bad);
    if (chars > FAST_MAX_FORMULA_CHARS) {
        free(ff);
        return fx_reject(&wb->err, FAST_ERROR_TABLE,
                         "table '%s': the calculated column formula is %zu characters in the file's form; at most "
                         "%u",
                         t->name, chars, FAST_MAX_FORMULA_CHARS);
    }
    free(c->file_formula);
    c->file_formula = ff;
    c->file_formula_len = n;
    return FAST_OK;
}

FAST_API fast_status fast_table_set_column_formula(fast_table *t, uint32_t col, const char *formula, size_t len)
{
    static const char fn[] = "fast_table_set_column_formula";
    fast_status st = setter(t, fn, 1, col);
    if (st != FAST_OK)
        return st;
    fx_table_col *c = &t->cols[col - t->c1];
    if (formula && len && formula[0] == '=')
        return fx_reject(&t->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: table '%s': the formula starts with '='; give it without (the file's form)", fn,
                         t->name);
    char *old = c->formula, *old_ff = c->file_formula;
    size_t old_len = c->formula_len, old_ff_len = c->file_formula_len;
    c->formula = NULL;
    c->file_formula = NULL;
    st = set_text(t, fn, "column formula", formula, len, FAST_MAX_FORMULA_CHARS, &c->formula, &c->formula_len);
    if (st == FAST_OK)
        st = make_file_formula(t, c);
    if (st != FAST_OK) { /* as it was */
        free(c->formula);
        free(c->file_formula);
        c->formula = old;
        c->formula_len = old_len;
        c->file_formula = old_ff;
        c->file_formula_len = old_ff_len;
        return st;
    }
    free(old);
    free(old_ff);
    return FAST_OK;
}

/* ---- rows as they stream -------------------------------------------------------------------- */

uint32_t fx_tables_reserved_rows(const fast_workbook *wb, const fx_sheet *sh)
{
    if (!wb->tables.open)
        return 0;
    size_t si = sheet_index(wb, sh);
    for (size_t i = 0; i < wb->tables.n; i++) {
        const fast_table *t = wb->tables.v[i];
        if (t->sheet == si && !t->finished && t->r2 == FAST_LAST_ROW && t->has_totals)
            return 1;
    }
    return 0;
}

static const fx_cell blank_cell = {FX_CELL_BLANK, 0, NULL, {{NULL, 0}}};

static const fx_cell *cell_at(const fx_cell *cells, size_t n, uint32_t col)
{
    return col < n ? &cells[col] : &blank_cell;
}

/* The header row of @t: every cell non-empty text, unique case-insensitively. */
static fast_status check_header(fast_workbook *wb, const fast_table *t, const char *sheet, const fx_cell *cells,
                                size_t n)
{
    for (uint32_t c = t->c1; c <= t->c2; c++) {
        const fx_cell *x = cell_at(cells, n, c);
        char col[FX_COL_NAME_MAX + 1];
        col_letters(c, col);
        if (x->type != FX_CELL_STRING || x->v.str.len == 0)
            return fx_reject(&wb->err, FAST_ERROR_TABLE,
                             "sheet '%s', row %u: table '%s': column %s header is %s; a table's header cells must "
                             "be non-empty text",
                             sheet, (unsigned)t->r1 + 1, t->name, col,
                             x->type == FX_CELL_BLANK     ? "empty"
                             : x->type == FX_CELL_STRING  ? "empty text"
                             : x->type == FX_CELL_FORMULA ? "a formula"
                             : x->type == FX_CELL_RICH    ? "rich text (a column name is plain text)"
                                                          : "not text");
        for (uint32_t p = t->c1; p < c; p++) {
            const fx_cell *y = &cells[p];
            if (fx_name_equal(y->v.str.ptr, y->v.str.len, x->v.str.ptr, x->v.str.len)) {
                char pcol[FX_COL_NAME_MAX + 1];
                col_letters(p, pcol);
                int shown = x->v.str.len > 100 ? 100 : (int)x->v.str.len;
                return fx_reject(&wb->err, FAST_ERROR_TABLE,
                                 "sheet '%s', row %u: table '%s': column %s header '%.*s' repeats column %s (column "
                                 "names are compared case-insensitively)",
                                 sheet, (unsigned)t->r1 + 1, t->name, col, shown, x->v.str.ptr, pcol);
            }
        }
    }
    return FAST_OK;
}

/* A data row's cell in a calculated column: its value becomes the cached value. */
static fast_status check_calculated(fast_workbook *wb, const fast_table *t, const char *sheet, uint32_t row,
                                    const fx_cell *cells, size_t n)
{
    /* The calculated columns once the header is in (the rows after it), else all. */
    uint32_t count = t->active ? t->nformulas : ncols(t);
    for (uint32_t a = 0; a < count; a++) {
        uint32_t c = t->c1 + (t->active ? t->active[a] : a);
        if (!t->cols[c - t->c1].formula)
            continue;
        const fx_cell *x = cell_at(cells, n, c);
        if (x->type == FX_CELL_DATE || x->type == FX_CELL_DATETIME || x->type == FX_CELL_FORMULA ||
            x->type == FX_CELL_RICH) {
            char col[FX_COL_NAME_MAX + 1];
            col_letters(c, col);
            return fx_reject(&wb->err, FAST_ERROR_TABLE,
                             "sheet '%s', row %u, column %s: table '%s' calculates this column; write a number, "
                             "text, a boolean or a blank there (it becomes the formula's cached value), not a %s",
                             sheet, (unsigned)row + 1, col, t->name,
                             x->type == FX_CELL_FORMULA ? "formula"
                             : x->type == FX_CELL_RICH  ? "rich string (a cached value is plain text)"
                                                        : "date");
        }
    }
    return FAST_OK;
}

static int is_data_row(const fast_table *t, uint32_t row)
{
    return t->header_seen && row > t->r1 && (t->r2 == FAST_LAST_ROW || row <= t->r2);
}

/* The columns data rows touch: first those with a formula to write, then those
 * with a total to keep (a column can be in both). The settings are fixed once
 * the header row is written. */
static fast_status find_active(fast_workbook *wb, fast_table *t)
{
    t->active = malloc(2 * (size_t)ncols(t) * sizeof *t->active);
    if (!t->active)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "table '%s': out of memory", t->name);
    t->nactive = 0;
    for (uint32_t k = 0; k < ncols(t); k++)
        if (t->cols[k].formula)
            t->active[t->nactive++] = k;
    t->nformulas = t->nactive;
    for (uint32_t k = 0; k < ncols(t); k++)
        if (t->cols[k].function != FAST_TABLE_TOTAL_NONE && t->cols[k].function != FX_TOTAL_CUSTOM)
            t->active[t->nactive++] = k;
    return FAST_OK;
}

/* Take the header row's texts as the column names. */
static fast_status take_header(fast_workbook *wb, fast_table *t, const fx_cell *cells)
{
    for (uint32_t c = t->c1; c <= t->c2; c++) {
        fx_table_col *tc = &t->cols[c - t->c1];
        const fx_text *s = &cells[c].v.str;
        tc->name = malloc(s->len + 1);
        if (!tc->name)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "table '%s': out of memory keeping column names", t->name);
        memcpy(tc->name, s->ptr, s->len);
        tc->name[s->len] = 0;
        tc->name_len = s->len;
    }
    t->header_seen = 1;
    return find_active(wb, t);
}

/* Add a number to a column's running totals: only what its function needs (a
 * division per value for the variance, compares for min and max, the
 * compensated sum for sum and average; the counts always). */
static void add_number(fx_table_col *c, double v)
{
    c->nums++;
    c->nonempty++;
    switch (c->function) {
    case FAST_TABLE_TOTAL_SUM:
    case FAST_TABLE_TOTAL_AVERAGE: {
        /* Neumaier's compensated sum. */
        double s = c->sum + v;
        c->comp += fabs(c->sum) >= fabs(v) ? (c->sum - s) + v : (v - s) + c->sum;
        c->sum = s;
        break;
    }
    case FAST_TABLE_TOTAL_STD_DEV:
    case FAST_TABLE_TOTAL_VAR: {
        /* Welford's running mean and sum of squared deviations. */
        double d = v - c->mean;
        c->mean += d / (double)c->nums;
        c->m2 += d * (v - c->mean);
        break;
    }
    case FAST_TABLE_TOTAL_MIN:
        if (c->nums == 1 || v < c->min)
            c->min = v;
        break;
    case FAST_TABLE_TOTAL_MAX:
        if (c->nums == 1 || v > c->max)
            c->max = v;
        break;
    default:
        break;
    }
}

/* Add a data row's cell to column @c's running totals, as SUBTOTAL counts it. */
static void accumulate(fx_table_col *c, const fx_cell *x)
{
    char why[96];
    double v;
    switch ((fx_cell_type)x->type) {
    case FX_CELL_NUMBER:
        v = x->v.num;
        break;
    case FX_CELL_INTEGER:
        v = (double)x->v.i64;
        break;
    case FX_CELL_DATE:
    case FX_CELL_DATETIME:
        if (!fx_date_serial(x, &v, why, sizeof why)) /* checked by the row checks */
            return;
        break;
    case FX_CELL_STRING:
    case FX_CELL_RICH:
    case FX_CELL_BOOLEAN:
        c->nonempty++;
        return;
    case FX_CELL_FORMULA:
        if (x->cached != FX_CACHED_NUMBER) {
            c->nonempty++;
            c->unknown |= x->cached == FX_CACHED_NONE;
            return;
        }
        v = x->v.formula.value.num;
        break;
    default:
        return;
    }
    add_number(c, v); /* one call: inlined */
}

/* Room for @n cells in the row copy. */
static fast_status row_room(fast_workbook *wb, size_t n)
{
    fx_tables *ts = &wb->tables;
    if (n <= ts->nrow)
        return FAST_OK;
    fx_cell *r = realloc(ts->row, n * sizeof *r);
    if (!r)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory filling in calculated columns");
    ts->row = r;
    ts->nrow = n;
    return FAST_OK;
}

/* A data row of @t: its values into the totals, its calculated columns into the row copy. */
static fast_status data_row(fast_workbook *wb, fast_table *t, const fx_cell **cells, size_t *n)
{
    for (uint32_t a = 0; a < t->nformulas; a++) {
        uint32_t c = t->c1 + t->active[a];
        fx_table_col *tc = &t->cols[c - t->c1];
        {
            const fx_cell *x = cell_at(*cells, *n, c);
            fx_cell f = {FX_CELL_FORMULA, FX_CACHED_NONE, x->format, {{NULL, 0}}};
            f.v.formula.text.ptr = tc->file_formula;
            f.v.formula.text.len = tc->file_formula_len;
            switch ((fx_cell_type)x->type) {
            case FX_CELL_NUMBER:
                f.cached = FX_CACHED_NUMBER;
                f.v.formula.value.num = x->v.num;
                break;
            case FX_CELL_INTEGER:
                f.cached = FX_CACHED_NUMBER;
                f.v.formula.value.num = (double)x->v.i64;
                break;
            case FX_CELL_BOOLEAN:
                f.cached = FX_CACHED_BOOLEAN;
                f.v.formula.value.boolean = x->v.boolean;
                break;
            case FX_CELL_STRING:
                f.cached = FX_CACHED_STRING;
                f.v.formula.value.str = x->v.str;
                break;
            default:
                break;
            }
            if (*cells != wb->tables.row) {
                size_t m = *n > c ? *n : (size_t)t->c2 + 1;
                fast_status st = row_room(wb, m);
                if (st != FAST_OK)
                    return st;
                if (*n)
                    memcpy(wb->tables.row, *cells, *n * sizeof **cells);
                for (size_t k = *n; k < m; k++)
                    wb->tables.row[k] = blank_cell;
                *cells = wb->tables.row;
                *n = m;
            } else if (c >= *n) {
                size_t m = (size_t)t->c2 + 1;
                fast_status st = row_room(wb, m);
                if (st != FAST_OK)
                    return st;
                for (size_t k = *n; k < m; k++)
                    wb->tables.row[k] = blank_cell;
                *cells = wb->tables.row;
                *n = m;
            }
            wb->tables.row[c] = f;
        }
    }
    /* The totals, from the cells as written (a calculated column's cached values). */
    const fx_cell *row = *cells;
    size_t width = *n;
    for (uint32_t a = t->nformulas; a < t->nactive; a++) {
        uint32_t k = t->active[a], c = t->c1 + k;
        accumulate(&t->cols[k], c < width ? &row[c] : &blank_cell);
    }
    return FAST_OK;
}

/* The continuation of @t on the sheet that comes next: same columns and settings, new name and id. */
static fast_status continue_table(fast_workbook *wb, const fast_table *t, uint32_t header_rows)
{
    const fast_table *root = t->root;
    char name[300];
    int len = 0;
    uint32_t k = t->chain + 1;
    for (;; k++) {
        len = snprintf(name, sizeof name, "%s_%u", root->name, (unsigned)k);
        if (len > 0 && !fx_table_name_in_use(wb, name, (size_t)len))
            break;
    }
    char why[160];
    if (!fx_defined_name_valid(name, (size_t)len, why, sizeof why))
        return fx_fail(&wb->err, FAST_ERROR_NAME, "table '%s': its continuation's name '%s': %s", t->name, name, why);
    fast_table *c = NULL;
    fast_status st = table_new(wb, name, (size_t)len, t->c1, t->c2, &c);
    if (st != FAST_OK)
        return st;
    c->sheet = wb->nsheets; /* the sheet about to be added */
    c->r1 = header_rows - 1;
    c->r2 = FAST_LAST_ROW;
    memcpy(c->style, t->style, sizeof c->style);
    c->banded_rows = t->banded_rows;
    c->banded_cols = t->banded_cols;
    c->first_col = t->first_col;
    c->last_col = t->last_col;
    c->filter = t->filter;
    c->has_totals = t->has_totals;
    c->chain = k;
    c->root = root;
    c->header_seen = 1;
    for (uint32_t i = 0; i < ncols(t) && st == FAST_OK; i++) {
        const fx_table_col *from = &t->cols[i];
        fx_table_col *to = &c->cols[i];
        to->function = from->function;
        to->name = malloc(from->name_len + 1);
        to->label = from->label ? malloc(from->label_len + 1) : NULL;
        to->formula = from->formula ? malloc(from->formula_len + 1) : NULL;
        if (!to->name || (from->label && !to->label) || (from->formula && !to->formula))
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "table '%s': out of memory continuing it", t->name);
        memcpy(to->name, from->name, from->name_len + 1);
        to->name_len = from->name_len;
        if (from->label)
            memcpy(to->label, from->label, from->label_len + 1);
        to->label_len = from->label_len;
        if (from->formula) {
            memcpy(to->formula, from->formula, from->formula_len + 1);
            to->formula_len = from->formula_len;
            st = make_file_formula(c, to);
            if (st != FAST_OK) /* longer by the name's suffix: cannot be written */
                st = fx_stick(&wb->err, st);
        }
    }
    if (st == FAST_OK)
        st = find_active(wb, c);
    return st;
}

/* Does @t go on in the continuation of its sheet? */
static int continues(const fast_workbook *wb, const fast_table *t)
{
    return t->r2 == FAST_LAST_ROW && t->header_seen && t->r1 + 1 == wb->chain_header_rows &&
           wb->nheader == wb->chain_header_rows;
}

static fast_status write_totals_rows(fast_workbook *wb, fx_sheet *sh, uint32_t before);

fast_status fx_tables_row(fast_workbook *wb, int full, const fx_cell **cells, size_t *n)
{
    fx_tables *ts = &wb->tables;
    if (!ts->open)
        return FAST_OK;
    fx_sheet *sh = fx_current_sheet(wb);
    size_t si = sheet_index(wb, sh);
    /* A fixed table whose last data row is written has its totals row come first. */
    uint32_t insert = 0;
    for (size_t i = 0; i < ts->n && !full; i++) {
        const fast_table *t = ts->v[i];
        if (t->sheet == si && !t->finished && t->has_totals && !t->totals_written && t->r2 != FAST_LAST_ROW &&
            sh->rows == t->r2 + 1)
            insert = 1;
    }
    uint32_t row = full ? (uint32_t)wb->nheader : sh->rows + insert;
    /* Checks first: a refused row changes nothing. A full sheet cannot end before a
     * table's header row (fast_workbook_set_rows_per_sheet() lowered after the table). */
    for (size_t i = 0; i < ts->n && full; i++)
        if (ts->v[i]->sheet == si && !ts->v[i]->finished && !ts->v[i]->header_seen)
            return fx_reject(&wb->err, FAST_ERROR_TABLE,
                             "sheet '%s' is full before the header row %u of table '%s' (rows per sheet %u)",
                             sh->name, (unsigned)ts->v[i]->r1 + 1, ts->v[i]->name, (unsigned)wb->rows_per_sheet);
    for (size_t i = 0; i < ts->n; i++) {
        const fast_table *t = ts->v[i];
        if (t->sheet != si || t->finished || (full && !continues(wb, t)))
            continue;
        fast_status st = FAST_OK;
        if (!full && row == t->r1)
            st = check_header(wb, t, sh->name, *cells, *n);
        else if (full || is_data_row(t, row))
            st = check_calculated(wb, t, sh->name, row, *cells, *n);
        if (st != FAST_OK)
            return st;
    }
    fast_status st = FAST_OK;
    if (insert)
        st = write_totals_rows(wb, sh, sh->rows + 1);
    if (full) {
        size_t before = ts->n;
        for (size_t i = 0; i < before && st == FAST_OK; i++)
            if (ts->v[i]->sheet == si && !ts->v[i]->finished && continues(wb, ts->v[i]))
                st = continue_table(wb, ts->v[i], wb->chain_header_rows);
        si = wb->nsheets;
    }
    for (size_t i = 0; i < ts->n && st == FAST_OK; i++) {
        fast_table *t = ts->v[i];
        if (t->sheet != si || t->finished)
            continue;
        if (!full && row == t->r1)
            st = take_header(wb, t, *cells);
        else if (is_data_row(t, row))
            st = data_row(wb, t, cells, n);
    }
    return st;
}

/* ---- the end of a sheet ------------------------------------------------------------------------ */

/* The last data row of @t on a sheet of @rows rows. */
static uint32_t last_data_row(const fast_table *t, uint32_t rows)
{
    if (t->r2 != FAST_LAST_ROW)
        return t->r2;
    return rows > t->r1 + 1 ? rows - 1 : t->r1 + 1; /* an empty table keeps one empty data row */
}

/* The text of a totals formula for column @c of @t into @out (@cap bytes); 0 if it does not fit. */
static size_t subtotal_text(const fast_table *t, const fx_table_col *c, char *out, size_t cap)
{
    int k = snprintf(out, cap, "SUBTOTAL(%d,%s[", functions[c->function].code, t->name);
    if (k < 0 || (size_t)k >= cap)
        return 0;
    size_t e = escape_column(c->name, c->name_len, out + k, cap - (size_t)k - 3);
    if (e == (size_t)-1)
        return 0;
    memcpy(out + k + e, "])", 3);
    return (size_t)k + e + 2;
}

static int total_value_of(const fx_table_col *c, double *v)
{
    double sum = c->sum + c->comp;
    if (c->unknown && c->function != FAST_TABLE_TOTAL_COUNT)
        return 0;
    switch (c->function) {
    case FAST_TABLE_TOTAL_SUM: *v = sum; return 1;
    case FAST_TABLE_TOTAL_AVERAGE: *v = sum / (double)c->nums; return c->nums > 0;
    case FAST_TABLE_TOTAL_COUNT: *v = (double)c->nonempty; return 1;
    case FAST_TABLE_TOTAL_COUNT_NUMS: *v = (double)c->nums; return 1;
    case FAST_TABLE_TOTAL_MIN: *v = c->nums ? c->min : 0; return 1;
    case FAST_TABLE_TOTAL_MAX: *v = c->nums ? c->max : 0; return 1;
    case FAST_TABLE_TOTAL_STD_DEV: *v = c->nums > 1 ? sqrt(c->m2 / (double)(c->nums - 1)) : 0; return c->nums > 1;
    case FAST_TABLE_TOTAL_VAR: *v = c->nums > 1 ? c->m2 / (double)(c->nums - 1) : 0; return c->nums > 1;
    default: return 0;
    }
}

/* The cached value of column @c's total; 0 when there is none (an error value, a
 * value past the double's range, or unknown). */
static int total_value(const fx_table_col *c, double *v)
{
    return total_value_of(c, v) && isfinite(*v);
}

/* The row of @t's totals row, once its last data row is known. */
static uint32_t totals_row(const fast_table *t)
{
    return (t->r2 == FAST_LAST_ROW ? t->last : t->r2) + 1;
}

/* Is @t's totals row due on sheet @si: with @before, only a fixed table's whose
 * totals row comes right before row @before, the caller's next row. */
static int due(const fast_table *t, size_t si, uint32_t before)
{
    return t->sheet == si && !t->finished && t->has_totals && !t->totals_written && t->header_seen &&
           (!before || (t->r2 != FAST_LAST_ROW && totals_row(t) + 1 == before));
}

/*
 * Write the totals rows due on @sh (see due()), in row order. Tables side by
 * side share their totals row.
 */
static fast_status write_totals_rows(fast_workbook *wb, fx_sheet *sh, uint32_t before)
{
    fx_tables *ts = &wb->tables;
    size_t si = sheet_index(wb, sh);
    fast_status st = FAST_OK;
    for (;;) {
        /* The lowest totals row still due. */
        uint32_t row = FAST_LAST_ROW;
        for (size_t i = 0; i < ts->n; i++)
            if (due(ts->v[i], si, before) && totals_row(ts->v[i]) < row)
                row = totals_row(ts->v[i]);
        if (row == FAST_LAST_ROW)
            return st;
        if (row < sh->rows)
            return fx_fail(&wb->err, FAST_ERROR_TABLE, "sheet '%s': the totals row %u of a table is already written",
                           sh->name, (unsigned)row + 1);
        uint32_t width = 0;
        size_t text = 0;
        for (size_t i = 0; i < ts->n; i++) {
            const fast_table *t = ts->v[i];
            if (due(t, si, before) && totals_row(t) == row) {
                if (t->c2 + 1 > width)
                    width = t->c2 + 1;
                for (uint32_t c = 0; c < ncols(t); c++)
                    text += t->cols[c].name_len * 2 + t->name_len + 32;
            }
        }
        fx_cell *cells = calloc(width, sizeof *cells);
        char *buf = malloc(text + 1), *p = buf;
        if (!cells || !buf) {
            free(cells);
            free(buf);
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory writing a totals row", sh->name);
        }
        for (size_t i = 0; i < ts->n; i++) {
            fast_table *t = ts->v[i];
            if (!due(t, si, before) || totals_row(t) != row)
                continue;
            for (uint32_t c = 0; c < ncols(t); c++) {
                const fx_table_col *tc = &t->cols[c];
                fx_cell *x = &cells[t->c1 + c];
                if (tc->function == FAST_TABLE_TOTAL_NONE && tc->label) {
                    x->type = FX_CELL_STRING;
                    x->v.str = (fx_text){tc->label, tc->label_len};
                } else if (tc->function == FX_TOTAL_CUSTOM) {
                    x->type = FX_CELL_FORMULA;
                    x->cached = FX_CACHED_NONE;
                    x->v.formula.text = (fx_text){tc->label, tc->label_len};
                } else if (tc->function != FAST_TABLE_TOTAL_NONE) {
                    size_t k = subtotal_text(t, tc, p, tc->name_len * 2 + t->name_len + 32);
                    double v = 0;
                    x->type = FX_CELL_FORMULA;
                    x->v.formula.text = (fx_text){p, k};
                    p += k;
                    x->cached = total_value(tc, &v) ? FX_CACHED_NUMBER : FX_CACHED_NONE;
                    x->v.formula.value.num = v;
                }
            }
            t->last = row - 1;
        }
        for (size_t i = 0; i < ts->n; i++)
            if (due(ts->v[i], si, before) && totals_row(ts->v[i]) == row)
                ts->v[i]->totals_written = 1;
        st = fx_sheet_put_row(wb, sh, row, cells, width);
        free(cells);
        free(buf);
        if (st != FAST_OK)
            return st;
    }
}

fast_status fx_tables_sheet_can_end(fast_workbook *wb, const char *fn)
{
    fx_sheet *sh = fx_current_sheet(wb);
    if (!wb->tables.open || !sh)
        return FAST_OK;
    size_t si = sheet_index(wb, sh);
    for (size_t i = 0; i < wb->tables.n; i++) {
        const fast_table *t = wb->tables.v[i];
        if (t->sheet == si && !t->finished && !t->header_seen)
            return fx_reject(&wb->err, FAST_ERROR_TABLE,
                             "%s: sheet '%s': table '%s' has no header row yet (row %u); write it first", fn,
                             sh->name, t->name, (unsigned)t->r1 + 1);
    }
    return FAST_OK;
}

fast_status fx_tables_end_rows(fast_workbook *wb, fx_sheet *sh)
{
    if (!wb->tables.open)
        return FAST_OK;
    size_t si = sheet_index(wb, sh);
    for (size_t i = 0; i < wb->tables.n; i++) {
        fast_table *t = wb->tables.v[i];
        if (t->sheet != si || t->finished)
            continue;
        if (!t->header_seen)
            return fx_fail(&wb->err, FAST_ERROR_TABLE,
                           "sheet '%s': table '%s': the sheet ends before the table's header row %u was written",
                           sh->name, t->name, (unsigned)t->r1 + 1);
        if (!t->totals_written)
            t->last = last_data_row(t, sh->rows);
    }
    return write_totals_rows(wb, sh, 0);
}

fast_status fx_tables_tail(fast_workbook *wb, fx_sheet *sh)
{
    if (!wb->tables.open)
        return FAST_OK;
    size_t si = sheet_index(wb, sh), count = 0;
    for (size_t i = 0; i < wb->tables.n; i++)
        count += wb->tables.v[i]->sheet == si && !wb->tables.v[i]->finished;
    if (!count)
        return FAST_OK;
    char buf[64];
    snprintf(buf, sizeof buf, "<tableParts count=\"%zu\">", count);
    fast_status st = fx_xb_puts(&wb->xb, buf);
    for (size_t i = 0; i < wb->tables.n && st == FAST_OK; i++) {
        const fast_table *t = wb->tables.v[i];
        if (t->sheet != si || t->finished)
            continue;
        char target[48];
        int len = snprintf(target, sizeof target, "../tables/table%u.xml", (unsigned)t->id);
        size_t rid;
        st = fx_rels_add(&sh->rels, &wb->err, "table", target, (size_t)len, 0, &rid);
        if (st == FAST_OK) {
            snprintf(buf, sizeof buf, "<tablePart r:id=\"rId%zu\"/>", rid);
            st = fx_xb_puts(&wb->xb, buf);
        }
    }
    if (st == FAST_OK)
        st = fx_xb_puts(&wb->xb, "</tableParts>");
    return st;
}

/* ---- the table part ---------------------------------------------------------------------------- */

static fast_status put(fx_xmlbuf *xb, const char *fmt, ...) FX_PRINTF(2, 3);
static fast_status put(fx_xmlbuf *xb, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return fx_xb_write(xb, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void range_text(uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2, char *out)
{
    char a[FX_COL_NAME_MAX + 1], b[FX_COL_NAME_MAX + 1];
    col_letters(c1, a);
    col_letters(c2, b);
    sprintf(out, "%s%u:%s%u", a, (unsigned)r1 + 1, b, (unsigned)r2 + 1);
}

/* An element with escaped text content. */
static fast_status text_element(fx_xmlbuf *xb, const char *tag, const char *s, size_t len)
{
    fast_status st = put(xb, "<%s>", tag);
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, s, len, 0);
    if (st == FAST_OK)
        st = put(xb, "</%s>", tag);
    return st;
}

static fast_status table_xml(fast_workbook *wb, const fast_table *t)
{
    fx_xmlbuf *xb = &wb->xb;
    char name[FX_PART_NAME_MAX], ref[2 * FX_A1_MAX + 2];
    snprintf(name, sizeof name, "xl/tables/table%u.xml", (unsigned)t->id);
    fast_status st = fx_part_begin(wb, name, FX_CT_TABLE, 0);
    if (st == FAST_OK)
        st = put(xb, FX_XML_DECL "<table xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" id=\"%u\" "
                                 "name=\"",
                 (unsigned)t->id);
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, t->name, t->name_len, 1);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "\" displayName=\"");
    if (st == FAST_OK)
        st = fx_xml_write_escaped(xb, t->name, t->name_len, 1);
    range_text(t->r1, t->c1, t->last + (t->has_totals ? 1 : 0), t->c2, ref);
    if (st == FAST_OK)
        st = put(xb, "\" ref=\"%s\"%s>", ref, t->has_totals ? " totalsRowCount=\"1\"" : " totalsRowShown=\"0\"");
    range_text(t->r1, t->c1, t->last, t->c2, ref);
    if (st == FAST_OK && t->filter)
        st = put(xb, "<autoFilter ref=\"%s\"/>", ref);
    if (st == FAST_OK)
        st = put(xb, "<tableColumns count=\"%u\">", (unsigned)ncols(t));
    for (uint32_t i = 0; i < ncols(t) && st == FAST_OK; i++) {
        const fx_table_col *c = &t->cols[i];
        st = put(xb, "<tableColumn id=\"%u\" name=\"", (unsigned)i + 1);
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, c->name, c->name_len, 1);
        if (st == FAST_OK && c->function == FAST_TABLE_TOTAL_NONE && c->label) {
            st = fx_xb_puts(xb, "\" totalsRowLabel=\"");
            if (st == FAST_OK)
                st = fx_xml_write_escaped(xb, c->label, c->label_len, 1);
        } else if (st == FAST_OK && c->function != FAST_TABLE_TOTAL_NONE) {
            st = put(xb, "\" totalsRowFunction=\"%s",
                     c->function == FX_TOTAL_CUSTOM ? "custom" : functions[c->function].name);
        }
        int children = c->formula || c->function == FX_TOTAL_CUSTOM;
        if (st == FAST_OK)
            st = fx_xb_puts(xb, children ? "\">" : "\"/>");
        if (st == FAST_OK && c->formula)
            st = text_element(xb, "calculatedColumnFormula", c->file_formula, c->file_formula_len);
        if (st == FAST_OK && c->function == FX_TOTAL_CUSTOM)
            st = text_element(xb, "totalsRowFormula", c->label, c->label_len);
        if (st == FAST_OK && children)
            st = fx_xb_puts(xb, "</tableColumn>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</tableColumns><tableStyleInfo");
    if (st == FAST_OK && t->style[0])
        st = put(xb, " name=\"%s\"", t->style);
    if (st == FAST_OK)
        st = put(xb, " showFirstColumn=\"%d\" showLastColumn=\"%d\" showRowStripes=\"%d\" showColumnStripes=\"%d\"/>"
                     "</table>",
                 t->first_col, t->last_col, t->banded_rows, t->banded_cols);
    if (st == FAST_OK)
        st = fx_xb_flush(xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    return st;
}

fast_status fx_tables_write_parts(fast_workbook *wb, fx_sheet *sh)
{
    if (!wb->tables.open)
        return FAST_OK;
    size_t si = sheet_index(wb, sh);
    fast_status st = FAST_OK;
    for (size_t i = 0; i < wb->tables.n && st == FAST_OK; i++) {
        fast_table *t = wb->tables.v[i];
        if (t->sheet != si || t->finished)
            continue;
        st = table_xml(wb, t);
        t->finished = 1;
        wb->tables.open--;
    }
    return st;
}
