/*
 * cells.c - the reusable typed cell array passed to fast_workbook_write_row().
 */
#include "internal.h"
#include "cells.h"

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
    free(cells);
}

FAST_API size_t fast_cells_count(const fast_cells *cells)
{
    return cells ? cells->count : 0;
}

FAST_API void fast_cells_clear(fast_cells *cells)
{
    if (cells)
        memset(cells->cell, 0, cells->count * sizeof(fx_cell));
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
