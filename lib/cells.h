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
    FX_CELL_FORMULA,
    FX_CELL_RICH /* v.rich: a rich string's key (lib/rich.h), borrowed like a text */
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
        struct {
            const char *ptr; /* the first two members as fx_text's: a saved copy treats it as one */
            size_t len;
            size_t chars;
        } rich;
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

/* A cell's own copy of its text (fast_cells_set_string_copy()), reused. */
typedef struct fx_text_copy {
    char *data;
    size_t cap;
} fx_text_copy;

struct fast_cells {
    size_t count;
    const fast_format *row_format;
    double row_height; /* points; 0: default */
    uint32_t row_outline; /* FX_OUTLINE_* bits (lib/outline.h), 0: none */
    fx_text_copy *copies; /* NULL until a text is copied; then one per cell */
    fx_cell cell[];
};

/* The text of fast_workbook_write_row_packed(): one buffer that the text cells
 * take their bytes from in column order. */
typedef struct fx_packed_text {
    const char *data;
    size_t len;
} fx_packed_text;

/*
 * Convert the parallel arrays of fast_workbook_write_row_typed() into @n cells
 * at @out; with @packed (fast_workbook_write_row_packed()) text cells take
 * integers[i] bytes of it in turn instead of texts[i] and lengths[i]; with
 * @partial the @n cells are the start of a longer row (one refused for its
 * width), so its text need not be used up. Returns FAST_OK, or
 * FAST_ERROR_CELL_TYPE / FAST_ERROR_INVALID_ARGUMENT with the failing column in
 * *@bad_col and a reason in @why (@cap bytes).
 */
fast_status fx_cells_from_arrays(fx_cell *out, const uint8_t *types, const double *numbers,
                                 const int64_t *integers, const char *const *texts, const size_t *lengths,
                                 const fx_packed_text *packed, const fast_format *const *formats, size_t n,
                                 int partial, size_t *bad_col, char *why, size_t cap);

/* Make @c's date fields the date @days after 1970-01-01 and the time @ms_of_day
 * (0..86399999) milliseconds into it; the caller sets the type (FX_CELL_DATE or
 * FX_CELL_DATETIME). Far outside 1900..9999 the year is made invalid, for the
 * row check to refuse. */
void fx_cell_set_days(fx_cell *c, int64_t days, int64_t ms_of_day);

#endif /* FX_CELLS_H */
