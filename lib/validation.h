/*
 * validation.h - a sheet's data validations (validation.c): kept as they are
 * added, written after the rows as <dataValidations> (ECMA-376 Part 1
 * §18.3.1.32-33).
 */
#ifndef FX_VALIDATION_H
#define FX_VALIDATION_H

#include "internal.h"
#include "xmlbuf.h"

struct fx_rule_list;

/* Write <dataValidations> for @list (NULL or empty: nothing), last rows of
 * FAST_LAST_ROW resolved against the sheet's @rows rows. The list is kept,
 * carried to a continuation sheet and freed by rules.c. */
fast_status fx_validations_write(const struct fx_rule_list *list, fx_xmlbuf *xb, uint32_t rows);

#endif /* FX_VALIDATION_H */
