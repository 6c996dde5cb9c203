/*
 * validation.h - a sheet's data validations (validation.c): kept as they are
 * added, written after the rows as <dataValidations> (ECMA-376 Part 1
 * §18.3.1.32-33).
 */
#ifndef FX_VALIDATION_H
#define FX_VALIDATION_H

#include "internal.h"
#include "xmlbuf.h"

typedef struct fx_validations fx_validations;

/* Write <dataValidations> for @list (NULL or empty: nothing), last rows of
 * FAST_LAST_ROW resolved against the sheet's @rows rows. */
fast_status fx_validations_write(const fx_validations *list, fx_xmlbuf *xb, uint32_t rows);

/* For a continuation sheet: take *@list from the finished sheet (leaving NULL
 * there) with only the rules that end at FAST_LAST_ROW; NULL if none. */
fx_validations *fx_validations_carry(fx_validations **list);

void fx_validations_free(fx_validations *list);

#endif /* FX_VALIDATION_H */
