/*
 * workbook.h - the workbook handle and the worksheet records it keeps; shared
 * by workbook.c (lifecycle, call-order rules), worksheet.c (sheet XML) and
 * package.c (the package parts other than worksheets).
 */
#ifndef FX_WORKBOOK_H
#define FX_WORKBOOK_H

#include "internal.h"
#include "xmlbuf.h"
#include "cells.h"
#include "package.h"
#include "pipeline.h"
#include "sink.h"
#include "sst.h"
#include "styles.h"
#include "table.h"
#include "zip.h"

/* Lookups in a row that a column's strings may miss a full shared strings table
 * before the column stops looking: its strings are then most likely all distinct
 * (ids, names), and each miss costs a probe of a table too big for the cache. */
#define FX_SST_GIVE_UP 1000

/* Bytes reserved for the worksheet head that holds <dimension>: see worksheet.c. */
#define FX_SHEET_PREFIX_MAX 512

typedef struct fx_col_range {
    uint32_t first, last; /* 0-based, inclusive */
    double width;
} fx_col_range;

typedef struct fx_range {
    uint32_t r1, c1, r2, c2; /* 0-based, inclusive */
} fx_range;

typedef struct fx_link {
    uint32_t row, col;
    char *url; /* the URL, or for an internal link the location ('Sheet 2'!A1) */
    size_t len;
    int internal;
} fx_link;

/* Settings a continuation sheet inherits from the sheet it continues. */
typedef struct fx_sheet_setup {
    uint32_t freeze_rows, freeze_cols;
    fx_col_range *cols; /* widths set by the caller, then fitted ones */
    size_t ncols;
    uint32_t autofit_rows;
    int has_filter;
    fx_range filter; /* r2 FAST_LAST_ROW: to the last row */
    const fast_format **col_formats; /* per column from A, NULL entries: none */
    size_t ncol_formats;
    /* sheetview.c: FAST_SHEET_*, tab colour (0xRRGGBB, -1: none), gridlines
     * hidden, right-to-left, zoom (0: 100 %), default row height (0: Excel's). */
    int state, has_tab_color, hide_gridlines, right_to_left;
    uint32_t tab_color, zoom;
    double default_row_height;
    /* protect.c: sheet protection, FAST_PROTECT_* bits, the password's legacy hash (0: none). */
    int protect;
    unsigned protect_allow;
    uint16_t protect_hash;
    /* outline.c: the highest row and column outline levels declared (0..7),
     * summary rows above their detail, summary columns left of it. */
    uint32_t outline_row_max, outline_col_max;
    int summary_above, summary_left;
    uint8_t *col_outline; /* per column from A, FX_OUTLINE_* bits, 0: none */
    size_t ncol_outline;
} fx_sheet_setup;

typedef struct fx_sheet {
    char *name; /* UTF-8, NUL-terminated copy */
    size_t name_len;
    uint32_t number;   /* N of xl/worksheets/sheetN.xml, from 1 */
    uint32_t rows;     /* rows written so far; the next row is rows + 1 */
    uint32_t min_row, max_row, min_col, max_col; /* used range, 1-based */
    int has_cells;
    int begun;         /* its ZIP entry is open and the head is written */
    int finished;
    size_t prefix_len; /* 0 when the output cannot be patched */
    size_t rows_since_flush;
    fx_sheet_setup setup;
    /* Rows held back while fitting column widths: their XML, and per column the
     * widest value seen, in characters. */
    fx_xmlbuf held;
    char *held_data;
    size_t held_len, held_cap;
    double *fit;
    size_t nfit;
    /* After the rows. */
    fx_range *merges;
    size_t nmerges, capmerges;
    fx_link *links;
    size_t nlinks, caplinks;
    fx_rels rels; /* of the worksheet part, gathered as its tail is written */
    struct fx_rule_list *validations;     /* validation.c (rules.h); NULL: none */
    struct fx_rule_list *condformats;     /* condformat.c (rules.h); NULL: none */
    struct fx_print *print;               /* print.c: page setup; NULL: none */
    struct fx_ignored *ignored;           /* ignore.c: ignoredErrors; NULL: none */
    struct fx_notes *notes;               /* comment.c: notes waiting for the sheet's end; NULL: none */
    /* Continuations: the chain's first sheet, and this sheet's place in it (1, 2, ...). */
    uint32_t chain_first;
    uint32_t chain_index;
} fx_sheet;

/* A header row kept to repeat on continuation sheets: its cells with copied text. */
typedef struct fx_saved_row {
    fast_cells *cells;
    size_t n;
    char *text; /* the copied strings */
} fx_saved_row;

struct fast_workbook {
    fx_error err;
    fx_sink sink;
    fx_zip zip;
    fx_xmlbuf xb;
    fx_sst sst;
    fx_styles styles;
    fx_pipeline pipe;
    fx_package pkg; /* the parts written so far, for [Content_Types].xml */
    fx_tables tables; /* Excel tables (table.c) */
    struct fx_images *images; /* images and their media (image.c); NULL: none */
    struct fx_charts *charts; /* charts (chart.c); NULL: none */
    struct fx_defnames *defnames; /* fast_workbook_define_name() (defnames.c); NULL: none */
    size_t notes_memory;   /* fast_workbook_set_notes_memory_limit(); 0: the default */
    uint32_t note_parts;   /* comments / VML parts written so far (comment.c) */
    uint32_t note_blocks;  /* blocks of 1,024 VML shape ids taken so far */

    /* Settings. */
    size_t flush_interval;
    size_t buffer_size;
    size_t sst_max_strings, sst_max_bytes;
    int level;
    unsigned threads;
    int all_refs;         /* write r on every cell */
    uint32_t next_outline; /* outline.c: FX_OUTLINE_* bits for the next row written */
    uint32_t row_outline;  /* those of the row being written, 0: none */
    int zip64;            /* FAST_ZIP64_AS_NEEDED or FAST_ZIP64_WORKSHEETS */
    uint32_t rows_per_sheet;
    int row_policy;       /* FAST_ROWS_CONTINUE or FAST_ROWS_ERROR */
    uint32_t header_rows; /* for sheets added from now on */
    uint32_t autofit_rows;
    size_t row_memory;    /* bytes of held-back rows, and of saved header rows */
    char *props[4];       /* FAST_PROPERTY_*: copies, props_len[i] bytes */
    size_t props_len[4];
    int has_created;
    int64_t created;
    /* sheetview.c: fast_workbook_set_active_sheet()'s name (active_len bytes, 0: none set) and the
     * number of the sheet it matched (0: none yet). */
    char active_name[FAST_MAX_SHEET_NAME_CHARS * 4 + 1];
    size_t active_len;
    uint32_t active_sheet;
    int lock_structure;      /* protect.c: workbook structure protection */
    uint16_t structure_hash; /* its password's legacy hash, 0: none */

    /* State. */
    int package_begun; /* the ZIP writer exists and the first parts are written */
    int any_row;       /* a row was written: the SST cap is fixed */
    int uncached_formula; /* a formula without a cached value: ask readers to calculate on load */
    int closed;
    fast_status close_status;

    fx_sheet *sheets;
    size_t nsheets, capsheets;

    /* Per column: misses in a row on a full shared strings table; at
     * FX_SST_GIVE_UP the column's strings are written inline without a lookup. */
    uint16_t *sst_misses;
    size_t nsst_misses;

    fx_cell *scratch; /* cells for fast_workbook_write_row_strings() */
    size_t nscratch;
    fx_rcell *rcells; /* the row being written, prepared (lib/render.h) */
    size_t nrcells;

    /* The current sheet chain's header rows. */
    fx_saved_row *header;
    size_t nheader;
    size_t header_bytes; /* their cells and text */
    uint32_t chain_header_rows;
};

/* workbook.c */
/* Common entry check of a call named @fn: the sticky error, then whether the
 * workbook is closed (FAST_ERROR_CLOSED, recorded non-sticky); FAST_OK otherwise. */
fast_status fx_workbook_usable(fast_workbook *wb, const char *fn);
/* The entry check of a setter @fn on an object placed on sheet @sheet (@what:
 * "image", "chart"): fx_workbook_usable(), then FAST_ERROR_TOO_LATE
 * (non-sticky) once that sheet has @ended, naming the object and the sheet. */
fast_status fx_sheet_object_usable(fast_workbook *wb, const char *fn, const char *what, size_t sheet, int ended);

/* worksheet.c */
/* The current worksheet, or NULL. */
fx_sheet *fx_current_sheet(fast_workbook *wb);
/* Add a worksheet (name already checked), finishing the current one. */
fast_status fx_sheet_add(fast_workbook *wb, const char *name, size_t len);
void fx_sheet_free(fx_sheet *sh);
void fx_saved_rows_free(fast_workbook *wb);
/* Write a row to the current sheet (continuing on a new sheet when it is full). */
fast_status fx_sheet_write_row(fast_workbook *wb, const fx_cell *cells, size_t n, const fast_format *row_format,
                               double height);
/* The sheet's head is out, or its rows are being held for fitting widths. */
fast_status fx_sheet_begin_rows(fast_workbook *wb, fx_sheet *sh);
fast_status fx_sheet_finish(fast_workbook *wb, fx_sheet *sh);
/* Write a row the library makes (a table's totals row) as row @row0 (0-based,
 * below every row written) of @sh, without the row checks. */
fast_status fx_sheet_put_row(fast_workbook *wb, fx_sheet *sh, uint32_t row0, const fx_cell *cells, size_t n);

/* package.c */
fast_status fx_package_finish(fast_workbook *wb);

#endif /* FX_WORKBOOK_H */
