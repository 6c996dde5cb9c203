/*
 * workbook.h - the workbook handle and the worksheet records it keeps; shared
 * by workbook.c (lifecycle, call-order rules), worksheet.c (sheet XML) and
 * package.c (the package parts other than worksheets).
 */
#ifndef FX_WORKBOOK_H
#define FX_WORKBOOK_H

#include "internal.h"
#include "cells.h"
#include "pipeline.h"
#include "sink.h"
#include "sst.h"
#include "zip.h"

/* Bytes reserved for the worksheet head that holds <dimension>: see worksheet.c. */
#define FX_SHEET_PREFIX_MAX 512

typedef struct fx_sheet {
    char *name; /* UTF-8, NUL-terminated copy */
    size_t name_len;
    uint32_t number;   /* N of xl/worksheets/sheetN.xml, from 1 */
    uint32_t rows;     /* rows written so far; the next row is rows + 1 */
    uint32_t min_row, max_row, min_col, max_col; /* used range, 1-based */
    int has_cells;
    int begun;         /* its ZIP entry is open */
    size_t prefix_len; /* 0 when the output cannot be patched */
    size_t rows_since_flush;
} fx_sheet;

struct fast_workbook {
    fx_error err;
    fx_sink sink;
    fx_zip zip;
    fx_xmlbuf xb;
    fx_sst sst;
    fx_pipeline pipe;

    /* Settings. */
    size_t flush_interval;
    size_t buffer_size;
    size_t sst_max_strings, sst_max_bytes;
    int level;
    unsigned threads;

    /* State. */
    int package_begun; /* the ZIP writer exists and the first parts are written */
    int any_row;       /* a row was written: the SST cap is fixed */
    int closed;
    fast_status close_status;

    fx_sheet *sheets;
    size_t nsheets, capsheets;

    fx_cell *scratch; /* cells for fast_workbook_write_row_strings() */
    size_t nscratch;
};

/* worksheet.c */
/* The sheet whose name equals @name case-insensitively, or NULL. */
const fx_sheet *fx_sheet_name_in_use(const fast_workbook *wb, const char *name, size_t len);
/* Check a new sheet name against the rules and the other names; records the failure. */
fast_status fx_sheet_check_name(fast_workbook *wb, const char *name, size_t len);
fast_status fx_sheet_write_row(fast_workbook *wb, fx_sheet *sh, const fx_cell *cells, size_t n);
fast_status fx_sheet_finish(fast_workbook *wb, fx_sheet *sh);

/* package.c */
fast_status fx_package_begin(fast_workbook *wb);
fast_status fx_package_finish(fast_workbook *wb);

#endif /* FX_WORKBOOK_H */
