/*
 * reference.h - references in the formula grammar (reference.c).
 */
#ifndef FX_REFERENCE_H
#define FX_REFERENCE_H

#include <stddef.h>

/*
 * 1 if the sheet name @name (@len > 0 bytes) must be quoted in a reference
 * (ECMA-376 Part 1 §18.17.2): anything but ASCII letters, digits, '_' and '.',
 * a leading digit or '.', or a name a reader could take for a cell reference
 * (A1 or R1C1 form) or a boolean. Quoting where it is not needed is harmless,
 * so the test errs that way (non-ASCII names are quoted).
 */
int fx_sheet_name_needs_quotes(const char *name, size_t len);

/* Longest reference fx_parse_range_ref() accepts, plus one. */
#define FX_RANGE_REF_MAX 41

/*
 * Check that @s[0..len) is a cell ("B7", "$A$1") or range ("A1:C10") reference
 * within the sheet limits, and write it to @out (FX_RANGE_REF_MAX bytes, no NUL)
 * with the column letters upper-cased. Returns its length, or 0 if it is not one.
 */
size_t fx_parse_range_ref(const char *s, size_t len, char *out);

#endif /* FX_REFERENCE_H */
