/*
 * cells.c - the reusable typed cell array passed to fast_workbook_write_row().
 */
#include "internal.h"
#include "cells.h"
#include "date.h"

#include <errno.h>
#include <stdlib.h>

FAST_API fast_cells *fast_cells_new(size_t count)
{
    if (count == 0 || count > FAST_MAX_COLUMNS) {
        errno = EINVAL;
        return NULL;
    }
    fast_cells *c = calloc(1, sizeof *c + count * sizeof(fx_cell));
    if (!c) {
        errno = ENOMEM;
        return NULL;
    }
    c->count = count;
    return c;
}

FAST_API void fast_cells_free(fast_cells *cells)
{
    if (cells && cells->copies) {
        for (size_t i = 0; i < cells->count; i++)
            free(cells->copies[i].data);
        free(cells->copies);
    }
    free(cells);
}

FAST_API size_t fast_cells_count(const fast_cells *cells)
{
    return cells ? cells->count : 0;
}

FAST_API void fast_cells_clear(fast_cells *cells)
{
    if (!cells)
        return;
    memset(cells->cell, 0, cells->count * sizeof(fx_cell));
    cells->row_format = NULL;
    cells->row_height = 0;
    cells->row_outline = 0;
}

static fx_cell *cell_at(fast_cells *cells, size_t index)
{
    return (cells && index < cells->count) ? &cells->cell[index] : NULL;
}

FAST_API fast_status fast_cells_set_string(fast_cells *cells, size_t index, const char *text, size_t len)
{
    fx_cell *c = cell_at(cells, index);
    if (!c || (!text && len))
        return FAST_ERROR_INVALID_ARGUMENT;
    c->type = FX_CELL_STRING;
    c->v.str.ptr = text ? text : "";
    c->v.str.len = len;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_string_copy(fast_cells *cells, size_t index, const char *text, size_t len)
{
    fx_cell *c = cell_at(cells, index);
    if (!c || (!text && len))
        return FAST_ERROR_INVALID_ARGUMENT;
    if (len > 4 * (size_t)FAST_MAX_STRING_CHARS)
        return FAST_ERROR_STRING_TOO_LONG; /* more bytes than any valid cell text has */
    if (!cells->copies && !(cells->copies = calloc(cells->count, sizeof *cells->copies)))
        return FAST_ERROR_NOMEM;
    fx_text_copy *t = &cells->copies[index];
    if (len > t->cap) {
        size_t cap = len < 64 ? 64 : len;
        char *p = realloc(t->data, cap);
        if (!p)
            return FAST_ERROR_NOMEM;
        t->data = p;
        t->cap = cap;
    }
    if (len)
        memcpy(t->data, text, len);
    c->type = FX_CELL_STRING;
    c->v.str.ptr = t->data ? t->data : "";
    c->v.str.len = len;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_number(fast_cells *cells, size_t index, double value)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    c->type = FX_CELL_NUMBER;
    c->v.num = value;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_integer(fast_cells *cells, size_t index, int64_t value)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    c->type = FX_CELL_INTEGER;
    c->v.i64 = value;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_boolean(fast_cells *cells, size_t index, int value)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    c->type = FX_CELL_BOOLEAN;
    c->v.boolean = value != 0;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_blank(fast_cells *cells, size_t index)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    c->type = FX_CELL_BLANK;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_date(fast_cells *cells, size_t index, int year, int month, int day)
{
    fast_status st = fast_cells_set_datetime(cells, index, year, month, day, 0, 0, 0, 0);
    if (st == FAST_OK)
        cells->cell[index].type = FX_CELL_DATE;
    return st;
}

FAST_API fast_status fast_cells_set_datetime(fast_cells *cells, size_t index, int year, int month, int day,
                                             int hour, int minute, int second, int millisecond)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    c->type = FX_CELL_DATETIME;
    c->v.dt.year = year;
    c->v.dt.month = month;
    c->v.dt.day = day;
    c->v.dt.hour = hour;
    c->v.dt.minute = minute;
    c->v.dt.second = second;
    c->v.dt.ms = millisecond;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_unix_time(fast_cells *cells, size_t index, int64_t seconds, int millisecond)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    int64_t days = seconds / 86400, rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t y = 0;
    int m = 1, d = 1;
    /* Far outside 1900..9999 the year is clamped to an invalid one, reported when written. */
    if (days > 3000000 || days < -3000000)
        y = days > 0 ? 100000 : -100000;
    else
        fx_civil_from_days(days, &y, &m, &d);
    return fast_cells_set_datetime(cells, index, (int)y, m, d, (int)(rem / 3600), (int)(rem / 60 % 60),
                                   (int)(rem % 60), millisecond);
}

static fast_status set_formula(fast_cells *cells, size_t index, const char *formula, size_t len, fx_cached cached)
{
    fx_cell *c = cell_at(cells, index);
    if (!c || !formula)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (len > 0 && formula[0] == '=') {
        formula++;
        len--;
    }
    if (len == 0)
        return FAST_ERROR_INVALID_ARGUMENT; /* an empty formula is not one */
    c->type = FX_CELL_FORMULA;
    c->cached = (unsigned char)cached;
    c->v.formula.text.ptr = formula;
    c->v.formula.text.len = len;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_formula(fast_cells *cells, size_t index, const char *formula, size_t len)
{
    return set_formula(cells, index, formula, len, FX_CACHED_NONE);
}

FAST_API fast_status fast_cells_set_formula_number(fast_cells *cells, size_t index, const char *formula,
                                                   size_t len, double value)
{
    fast_status st = set_formula(cells, index, formula, len, FX_CACHED_NUMBER);
    if (st == FAST_OK)
        cells->cell[index].v.formula.value.num = value;
    return st;
}

FAST_API fast_status fast_cells_set_formula_string(fast_cells *cells, size_t index, const char *formula,
                                                   size_t len, const char *value, size_t value_len)
{
    if (!value && value_len)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = set_formula(cells, index, formula, len, FX_CACHED_STRING);
    if (st == FAST_OK) {
        cells->cell[index].v.formula.value.str.ptr = value ? value : "";
        cells->cell[index].v.formula.value.str.len = value_len;
    }
    return st;
}

FAST_API fast_status fast_cells_set_formula_boolean(fast_cells *cells, size_t index, const char *formula,
                                                    size_t len, int value)
{
    fast_status st = set_formula(cells, index, formula, len, FX_CACHED_BOOLEAN);
    if (st == FAST_OK)
        cells->cell[index].v.formula.value.boolean = value != 0;
    return st;
}

FAST_API fast_status fast_cells_set_format(fast_cells *cells, size_t index, const fast_format *format)
{
    fx_cell *c = cell_at(cells, index);
    if (!c)
        return FAST_ERROR_INVALID_ARGUMENT;
    c->format = format;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_row_format(fast_cells *cells, const fast_format *format)
{
    if (!cells)
        return FAST_ERROR_INVALID_ARGUMENT;
    cells->row_format = format;
    return FAST_OK;
}

FAST_API fast_status fast_cells_set_row_height(fast_cells *cells, double points)
{
    if (!cells || !(points >= 0 && points <= 409))
        return FAST_ERROR_INVALID_ARGUMENT;
    cells->row_height = points;
    return FAST_OK;
}
