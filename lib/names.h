/*
 * names.h - the names a workbook gives things: worksheet names, and the one
 * namespace that table names (and defined names) share. Rules and
 * case-insensitive comparison in one place (names.c).
 */
#ifndef FX_NAMES_H
#define FX_NAMES_H

#include "internal.h"

struct fx_sheet;

/* 1 if the UTF-8 names @a and @b (valid UTF-8) are equal case-insensitively,
 * under Unicode simple case folding (utf8proc). */
int fx_name_equal(const char *a, size_t alen, const char *b, size_t blen);
/* <0, 0 or >0 as @a sorts before, with or after @b compared code point by
 * code point under the same folding: the order of defined names. */
int fx_name_compare(const char *a, size_t alen, const char *b, size_t blen);

/* The sheet whose name equals @name case-insensitively, or NULL. */
const struct fx_sheet *fx_sheet_name_in_use(const fast_workbook *wb, const char *name, size_t len);

/* Check a new sheet name against Excel's rules and the other sheets' names;
 * records the refusal (non-sticky). */
fast_status fx_sheet_check_name(fast_workbook *wb, const char *name, size_t len);

/*
 * Check @name (@len bytes) against Excel's rules for defined names, which table
 * names follow too: 1..255 characters; the first a letter, '_' or '\'; the
 * others letters, digits, '_', '.' or '\'; not a cell reference in A1 form
 * ("A1", "xfd1048576") or R1C1 form ("R", "C", "R2C3", "rc"). Returns 1, or 0
 * with the reason in @why (@cap bytes).
 */
int fx_defined_name_valid(const char *name, size_t len, char *why, size_t cap);

#endif /* FX_NAMES_H */
