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
    FX_CELL_BOOLEAN,
    FX_CELL_DATE,
    FX_CELL_DATETIME,
    FX_CELL_FORMULA
} fx_cell_type;

/* The cached value of a formula cell. */
typedef enum fx_cached { FX_CACHED_NONE = 0, FX_CACHED_NUMBER, FX_CACHED_STRING, FX_CACHED_BOOLEAN } fx_cached;

typedef struct fx_text {
    const char *ptr;
    size_t len;
} fx_text;

typedef struct fx_cell {
    unsigned char type;   /* fx_cell_type */
    unsigned char cached; /* fx_cached, for FX_CELL_FORMULA */
    const fast_format *format;
    union {
        fx_text str;
        double num;
        int64_t i64;
        int boolean;
        struct {
            int32_t year, month, day, hour, minute, second, ms;
        } dt;
        struct {
            fx_text text; /* without a leading '=' */
            union {
                double num;
                int boolean;
                fx_text str;
            } value;
        } formula;
    } v;
} fx_cell;

struct fast_cells {
    size_t count;
    const fast_format *row_format;
    double row_height; /* points; 0: default */
    fx_cell cell[];
};

#endif /* FX_CELLS_H */
