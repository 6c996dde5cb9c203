/*
 * chart.h - charts on worksheets (chart.c): their series, the values they
 * collect as rows stream, and the chart parts drawing.c places.
 */
#ifndef FX_CHART_H
#define FX_CHART_H

#include "internal.h"
#include "cells.h"
#include "xmlbuf.h"

/* A series' cache: values (NaN: no number) and category texts, one per row. */
typedef struct fx_series {
    size_t sheet;           /* index in wb->sheets of the data */
    uint32_t r1, r2;        /* 0-based rows; r2 FAST_LAST_ROW until resolved */
    uint32_t cat_col, val_col; /* cat_col UINT32_MAX: none */
    char *name;
    size_t name_len;
    int has_color;
    uint32_t color;
    unsigned labels;        /* FAST_CHART_LABEL_* bits; 0: no c:dLbls */
    char *label_fmt;        /* the labels' number format code, NULL: the cells' */
    size_t label_fmt_len;
    int collect;            /* its rows are still to come on the current sheet */
    int cache_ok;           /* every row of the range was seen, within the cap */
    double *vals;
    char **cats;            /* copies, NULL: not a text */
    double *catnums;        /* NaN: not a number */
    size_t n, cap;          /* rows seen (from r1) */
} fx_series;

/* An axis' options: index 0 the category axis (a scatter chart's x axis), 1 the value axis (y). */
typedef struct fx_axis {
    char *title;            /* NULL: none */
    size_t title_len;
    int has_range;          /* min and max fixed (c:scaling c:min/c:max) */
    double min, max;
    int gridlines;          /* major gridlines shown (c:majorGridlines) */
} fx_axis;

struct fast_chart {
    fast_workbook *wb;
    size_t sheet;
    uint32_t row, col;
    int type;
    uint32_t width, height; /* pixels */
    char *title;
    size_t title_len;
    int legend;             /* FAST_CHART_LEGEND_* */
    char *val_fmt;          /* the value axis' number format code, NULL: the default */
    size_t val_fmt_len;
    fx_axis axis[2];        /* FAST_CHART_AXIS_CATEGORY, FAST_CHART_AXIS_VALUE */
    fx_series *s;
    size_t ns;
    int done;
};

typedef struct fx_charts {
    fast_chart **v;
    size_t n, cap;
    size_t sheet_first; /* the first chart of the current sheet */
    uint32_t nparts;    /* chart parts written */
    int collecting;     /* some series collects values from the rows */
} fx_charts;

void fx_charts_free(fast_workbook *wb);

/* A row (@cells, @n) is about to be written as 0-based row @row0 of sheet @sheet:
 * the series that collect it take their values. */
void fx_charts_row(fast_workbook *wb, size_t sheet, uint32_t row0, const fx_cell *cells, size_t n);

/* The charts of sheet @si not yet written: [*first, *end). */
int fx_charts_of_sheet(const fast_workbook *wb, size_t si, size_t *first, size_t *end);

/* The graphicFrame anchor of @c (cNvPr id @id) pointing at relationship @rid. */
fast_status fx_chart_anchor(fx_xmlbuf *xb, const fast_chart *c, size_t id, size_t rid);

/* Write chart part xl/charts/chartN.xml of @c (N: *@number, assigned here), its
 * ranges resolved with the rows of the sheets as they are now. */
fast_status fx_chart_write_part(fast_workbook *wb, fast_chart *c, uint32_t *number);

#endif /* FX_CHART_H */
