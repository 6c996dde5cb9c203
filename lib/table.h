/*
 * table.h - Excel tables (ListObject, ECMA-376 Part 1 §18.5): the tables of a
 * workbook, the hooks a worksheet calls as its rows stream and as it ends, and
 * the table parts (table.c).
 */
#ifndef FX_TABLE_H
#define FX_TABLE_H

#include "internal.h"
#include "cells.h"

struct fx_sheet;

/* A column of a table: its name from the header row, its totals row cell, its
 * calculated column formula, and the running totals of its data values. */
typedef struct fx_table_col {
    char *name;          /* the header cell's text, once the header row is written */
    size_t name_len;
    int function;        /* FAST_TABLE_TOTAL_*, or FX_TOTAL_CUSTOM */
    char *label;         /* totalsRowLabel, or the custom totals formula */
    size_t label_len;
    char *formula;       /* calculated column, as the caller gave it ([@Price]*2) */
    size_t formula_len;
    char *file_formula;  /* the same in the file's form, with this table's name */
    size_t file_formula_len;
    /* Running totals of the data values (what SUBTOTAL counts). */
    uint64_t nums, nonempty;
    double sum, comp;    /* compensated (Neumaier) sum */
    double mean, m2;     /* Welford */
    double min, max;
    int unknown;         /* a formula without a cached value: numeric totals are not known */
} fx_table_col;

#define FX_TOTAL_CUSTOM 100

struct fast_table {
    fast_workbook *wb;
    size_t sheet;                 /* index in wb->sheets (may be one past the end: a continuation to come) */
    char *name;
    size_t name_len;
    uint32_t id;                  /* table id and N of xl/tables/tableN.xml, unique in the workbook */
    uint32_t r1, c1, r2, c2;      /* 0-based; r2 the last data row or FAST_LAST_ROW */
    char style[24];               /* "" for none */
    int banded_rows, banded_cols, first_col, last_col, filter;
    int has_totals, totals_written;
    int header_seen;
    int finished;                 /* its part is written */
    uint32_t last;                /* resolved last data row, once the sheet ends */
    uint32_t chain;               /* 1 for the table the caller made, 2.. for its continuations */
    const fast_table *root;       /* the table the caller made */
    fx_table_col *cols;           /* c2 - c1 + 1 */
    uint32_t *active;             /* columns from c1 a data row touches: [0, nformulas) formulas, then totals */
    uint32_t nactive;
    uint32_t nformulas;           /* calculated columns */
};

typedef struct fx_tables {
    fast_table **v; /* every table, in the order made */
    size_t n, cap;
    size_t open;    /* tables whose part is not written yet */
    fx_cell *row;   /* a row with calculated columns filled in */
    size_t nrow;
} fx_tables;

void fx_tables_free(fx_tables *t);

/* The table whose name equals @name case-insensitively, or NULL. */
const fast_table *fx_table_name_in_use(const fast_workbook *wb, const char *name, size_t len);

/* Refuse (FAST_ERROR_TABLE, non-sticky) a merged range or autofilter of sheet
 * @sheet over r1..r2 (FAST_LAST_ROW: to the end), c1..c2 that overlaps a table. */
fast_status fx_tables_check_range(fast_workbook *wb, size_t sheet, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2,
                                  const char *fn);

/* Rows of @sh's row limit kept for totals rows written when the sheet ends (0 or 1). */
uint32_t fx_tables_reserved_rows(const fast_workbook *wb, const struct fx_sheet *sh);

/*
 * A row passed the row checks and is about to be written to the current sheet
 * (@full: to the continuation sheet that starts with it). Refuses the row
 * (non-sticky) if it breaks a table's rules: a bad header row, a date or
 * formula in a calculated column. Otherwise: writes a totals row due before
 * it, starts the continuations of tables, takes the header's column names,
 * adds the row's values to the running totals, and, when the row has cells in
 * calculated columns, points *@cells (*@n cells) at a copy with the formulas in.
 */
fast_status fx_tables_row(fast_workbook *wb, int full, const fx_cell **cells, size_t *n);

/* May the current sheet end (fast_workbook_add_worksheet(), fast_workbook_close())?
 * Not while a table of it has no header row: refused, non-sticky, naming the table. */
fast_status fx_tables_sheet_can_end(fast_workbook *wb, const char *fn);

/* The sheet ends: write the totals rows still due (before </sheetData>). */
fast_status fx_tables_end_rows(fast_workbook *wb, struct fx_sheet *sh);

/* <tableParts> of the sheet's tables, at the end of the worksheet (§18.3.1.95),
 * with their relationships. */
fast_status fx_tables_tail(fast_workbook *wb, struct fx_sheet *sh);

/* The sheet's table parts, xl/tables/tableN.xml (§18.5.1.2), after the sheet. */
fast_status fx_tables_write_parts(fast_workbook *wb, struct fx_sheet *sh);

#endif /* FX_TABLE_H */
