/*
 * typed.c - the parallel arrays of fast_workbook_write_row_typed() turned into
 * cells: one foreign call per row for language bindings.
 */
#include "internal.h"
#include "cells.h"
#include "date.h"
#include "rich.h"

#include <stdio.h>

/* Far outside 1900..9999 a date becomes an invalid year, reported when the row is checked. */
#define FAR_DAYS 3000000

void fx_cell_set_days(fx_cell *c, int64_t days, int64_t ms_of_day)
{
    int64_t y = 0;
    int m = 1, d = 1;
    if (days > FAR_DAYS || days < -FAR_DAYS)
        y = days > 0 ? 100000 : -100000;
    else
        fx_civil_from_days(days, &y, &m, &d);
    c->v.dt.year = (int32_t)y;
    c->v.dt.month = m;
    c->v.dt.day = d;
    c->v.dt.hour = (int32_t)(ms_of_day / 3600000);
    c->v.dt.minute = (int32_t)(ms_of_day / 60000 % 60);
    c->v.dt.second = (int32_t)(ms_of_day / 1000 % 60);
    c->v.dt.ms = (int32_t)(ms_of_day % 1000);
}

static const char *array_for(unsigned type)
{
    switch (type) {
    case FAST_TYPE_NUMBER: return "numbers";
    case FAST_TYPE_STRING:
    case FAST_TYPE_FORMULA: return "texts";
    default: return "integers";
    }
}

fast_status fx_cells_from_arrays(fx_cell *out, const uint8_t *types, const double *numbers,
                                 const int64_t *integers, const char *const *texts, const size_t *lengths,
                                 const fx_packed_text *packed, const fast_format *const *formats, size_t n,
                                 int partial, size_t *bad_col, char *why, size_t cap)
{
    size_t used = 0; /* bytes of @packed taken so far */
    size_t last_text = n ? n - 1 : 0;
    for (size_t i = 0; i < n; i++) {
        fx_cell *c = &out[i];
        unsigned type = types[i];
        int missing = 0;
        c->format = formats ? formats[i] : NULL;
        c->cached = FX_CACHED_NONE;
        switch (type) {
        case FAST_TYPE_BLANK:
            c->type = FX_CELL_BLANK;
            break;
        case FAST_TYPE_STRING:
        case FAST_TYPE_FORMULA: {
            const char *t;
            size_t len;
            if (packed) {
                if (!integers) {
                    missing = 1;
                    break;
                }
                int64_t l = integers[i];
                if (l < 0 || (uint64_t)l > packed->len - used) {
                    *bad_col = i;
                    snprintf(why, cap, "text of %lld bytes, but only %zu of the %zu text bytes are left", (long long)l,
                             packed->len - used, packed->len);
                    return FAST_ERROR_INVALID_ARGUMENT;
                }
                t = packed->data ? packed->data + used : ""; /* NULL only with no text at all */
                len = (size_t)l;
                used += len;
                last_text = i;
            } else {
                if (!texts || !texts[i]) {
                    missing = 1;
                    break;
                }
                t = texts[i];
                len = lengths ? lengths[i] : strlen(t);
            }
            if (type == FAST_TYPE_FORMULA) {
                if (len > 0 && t[0] == '=') {
                    t++;
                    len--;
                }
                if (len == 0) {
                    *bad_col = i;
                    snprintf(why, cap, "empty formula");
                    return FAST_ERROR_CELL_TYPE;
                }
                c->type = FX_CELL_FORMULA;
                c->v.formula.text.ptr = t;
                c->v.formula.text.len = len;
            } else {
                c->type = FX_CELL_STRING;
                c->v.str.ptr = t;
                c->v.str.len = len;
            }
            break;
        }
        case FAST_TYPE_NUMBER:
            if (!numbers) {
                missing = 1;
                break;
            }
            c->type = FX_CELL_NUMBER;
            c->v.num = numbers[i];
            break;
        case FAST_TYPE_INTEGER:
        case FAST_TYPE_BOOLEAN:
        case FAST_TYPE_DATE:
        case FAST_TYPE_DATETIME: {
            if (!integers) {
                missing = 1;
                break;
            }
            int64_t v = integers[i];
            if (type == FAST_TYPE_INTEGER) {
                c->type = FX_CELL_INTEGER;
                c->v.i64 = v;
            } else if (type == FAST_TYPE_BOOLEAN) {
                c->type = FX_CELL_BOOLEAN;
                c->v.boolean = v != 0;
            } else if (type == FAST_TYPE_DATE) {
                c->type = FX_CELL_DATE;
                fx_cell_set_days(c, v, 0);
            } else {
                int64_t days = v / 86400000, ms = v % 86400000;
                if (ms < 0) {
                    ms += 86400000;
                    days--;
                }
                c->type = FX_CELL_DATETIME;
                fx_cell_set_days(c, days, ms);
            }
            break;
        }
        case FAST_TYPE_RICH_STRING: {
            if (!integers) {
                missing = 1;
                break;
            }
            /* the handle's address, as the binding's pointer-sized integer */
            const fast_rich_string *rs = (const fast_rich_string *)(uintptr_t)integers[i];
            if (!rs || rs->runs == 0) {
                *bad_col = i;
                snprintf(why, cap, "%s rich string", rs ? "an empty" : "a NULL");
                return FAST_ERROR_INVALID_ARGUMENT;
            }
            c->type = FX_CELL_RICH;
            c->v.rich.ptr = rs->key;
            c->v.rich.len = rs->len;
            c->v.rich.chars = rs->chars;
            break;
        }
        default:
            *bad_col = i;
            snprintf(why, cap, "unknown cell type %u", type);
            return FAST_ERROR_CELL_TYPE;
        }
        if (missing) {
            *bad_col = i;
            snprintf(why, cap, "cell type %u reads %s, which is NULL", type,
                     packed && (type == FAST_TYPE_STRING || type == FAST_TYPE_FORMULA) ? "integers (text lengths)"
                                                                                        : array_for(type));
            return FAST_ERROR_CELL_TYPE;
        }
    }
    if (packed && !partial && used != packed->len) {
        /* The lengths and the buffer disagree: a caller's bug, not text to guess at. */
        *bad_col = last_text;
        snprintf(why, cap, "the text cells take %zu bytes, but the text has %zu", used, packed->len);
        return FAST_ERROR_INVALID_ARGUMENT;
    }
    return FAST_OK;
}
