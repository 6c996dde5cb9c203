/*
 * rules.h - what data validation (validation.c) and conditional formatting
 * (condformat.c) share: the current sheet for a rule, ranges whose last row may
 * be FAST_LAST_ROW, the comparison operators, values given as numbers, dates,
 * times or formulas, and a growing text buffer for the records they keep.
 */
#ifndef FX_RULES_H
#define FX_RULES_H

#include "internal.h"
#include "workbook.h"

/* The current sheet, for rule call @fn: the sticky error, FAST_ERROR_CLOSED or
 * FAST_ERROR_STATE (no worksheet) otherwise, the last two non-sticky. */
fast_status fx_rules_sheet(fast_workbook *wb, const char *fn, fx_sheet **out);

/* Check a rule's range (@r2 may be FAST_LAST_ROW); a non-sticky
 * FAST_ERROR_INVALID_ARGUMENT naming the sheet and the range otherwise. */
fast_status fx_rules_check_range(fast_workbook *wb, const char *fn, const fx_sheet *sh, const fx_range *r);

/* Longest text of fx_rules_sqref(), with its NUL. */
#define FX_SQREF_MAX 24

/* @r in A1 form ("B2:C9", "A1"), a last row of FAST_LAST_ROW resolved as the
 * autofilter's is: the sheet's last row (@rows rows written), at least the first
 * row. NUL-terminated; returns the length. */
size_t fx_rules_sqref(const fx_range *r, uint32_t rows, char *out);

/* The ST_DataValidationOperator / ST_ConditionalFormattingOperator name of
 * FAST_OPERATOR_* @op ("between", "greaterThan", ...), or NULL if unknown. */
const char *fx_rules_operator(int op);

/* A rule kept until its sheet ends (validation.c, condformat.c): the range it
 * covers and its XML, cut in consecutive pieces whose lengths its writer keeps
 * in @len (each file names its pieces). */
typedef struct fx_rule {
    fx_range range; /* r2 may be FAST_LAST_ROW */
    char *xml;
    size_t len[4];
    int data_bar;   /* condformat.c: a data bar, with an Excel 2010 part */
} fx_rule;

/* A sheet's kept rules of one kind, in the order added. */
typedef struct fx_rule_list {
    fx_rule *v;
    size_t n, cap;
} fx_rule_list;

/* Append @rule to *@list (created when NULL), which then owns its xml.
 * FAST_OK, or FAST_ERROR_NOMEM with nothing taken (the caller frees the xml). */
fast_status fx_rule_list_add(fx_rule_list **list, const fx_rule *rule);

/* A growing byte string; out of memory is remembered in @nomem. */
typedef struct fx_strbuf {
    char *p;
    size_t len, cap;
    int nomem;
} fx_strbuf;

void fx_strbuf_add(fx_strbuf *t, const void *data, size_t len);
void fx_strbuf_puts(fx_strbuf *t, const char *s);
void fx_strbuf_free(fx_strbuf *t);
/* Append a reference to the sheet named @name (@len bytes) as Excel writes
 * it in formulas: Sheet1!, or 'Sheet name'! with an apostrophe doubled when
 * the name needs quotes (fx_sheet_name_needs_quotes()). */
void fx_strbuf_sheet_ref(fx_strbuf *t, const char *name, size_t len);
/* Append @s (valid UTF-8) escaped as element content (@attr 0: a formula) or
 * as a "-delimited attribute (@attr 1, fx_xml_write_escaped() with attr 1, tab and LF as references). */
void fx_strbuf_escaped(fx_strbuf *t, const char *s, size_t len, int attr);

/* A value given to a rule's setter, kept until the rule is added. */
enum { FX_RV_NONE = 0, FX_RV_NUMBER, FX_RV_DATE, FX_RV_TIME, FX_RV_FORMULA };
typedef struct fx_rule_value {
    int kind;
    double number;
    int a, b, c;  /* year, month, day or hour, minute, second */
    char *text;   /* a formula: a copy, without a leading '=' */
    size_t len;
} fx_rule_value;

/* Keep @len bytes of @formula (NULL only with 0) as the value; a leading '='
 * is dropped. FAST_ERROR_INVALID_ARGUMENT (NULL with a length) or
 * FAST_ERROR_NOMEM, the value unchanged. */
fast_status fx_rule_value_formula(fx_rule_value *v, const char *formula, size_t len);
void fx_rule_value_clear(fx_rule_value *v);

/*
 * Append value @v to @out as the file holds it in a formula element: a number
 * in its shortest round-trip form, a date or time as its 1900 date system
 * serial, a formula as given. Checks it (finite number, real date in
 * 1900..9999, time of day, formula: valid UTF-8 of 1..FAST_MAX_FORMULA_CHARS
 * characters) and refuses it non-sticky with a message that names @fn, @what
 * and the sheet.
 */
fast_status fx_rule_value_text(fast_workbook *wb, const char *fn, const char *what, const fx_sheet *sh,
                               const fx_rule_value *v, fx_strbuf *out);

/* Check that @s (@len bytes, NULL only with 0) is UTF-8 of at most @max_chars
 * characters; refused non-sticky naming @fn, @what and the sheet. */
fast_status fx_rules_check_text(fast_workbook *wb, const char *fn, const char *what, const fx_sheet *sh,
                                const char *s, size_t len, size_t max_chars);

/* Copy @len bytes of @s into a new NUL-terminated string in *@out (NULL when
 * @len is 0). 0, or -1 out of memory. */
int fx_rules_dup(const char *s, size_t len, char **out);

/* Free a sheet's data validations and conditional formats. */
void fx_rules_free(fx_sheet *sh);

/* Continuation sheet @to takes from the finished sheet @from the data
 * validations and conditional formats that end at FAST_LAST_ROW. */
void fx_rules_carry(fx_sheet *from, fx_sheet *to);

#endif /* FX_RULES_H */
