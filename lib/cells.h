/*
 * cells.h - the layout behind the opaque fast_cells handle. Only the library
 * sees it, so cell types can be added without changing the ABI.
 */
#ifndef FX_CELLS_H
#define FX_CELLS_H

#include "internal.h"

typedef enum fx_cell_type {
    FX_CELL_BLANK = 0,
    FX_CELL_STRING,
    FX_CELL_NUMBER,
    FX_CELL_INTEGER,
    FX_CELL_BOOLEAN
} fx_cell_type;

typedef struct fx_cell {
    fx_cell_type type;
    union {
        struct {
            const char *ptr;
            size_t len;
        } str;
        double num;
        int64_t i64;
        int boolean;
    } v;
} fx_cell;

struct fast_cells {
    size_t count;
    fx_cell cell[];
};

#endif /* FX_CELLS_H */
