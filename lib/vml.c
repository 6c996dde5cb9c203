/*
 * vml.c - the VML drawing that shows a sheet's notes (ECMA-376 Part 4 §19,
 * VML; [MS-OI29500] §2.1.1726 for the legacy drawing of comments): one
 * shape type (o:spt 202, a text box) and one shape per note, in the form Excel
 * writes (XlsxWriter's Excel-made comment test files): a pale yellow box with a
 * shadow, hidden unless the note is visible, its place given twice, as a CSS
 * margin in points and as the x:Anchor of columns and rows that Excel uses.
 */
#include "internal.h"
#include "comment.h"
#include "outline.h"
#include "workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_COL 16384u
#define MAX_ROW 1048576u
#define COL_PX 64u /* a default column: 8.43 characters of Calibri 11 */
#define ROW_PX 20u /* a default row: 15 points */

/* A column @width characters wide in pixels, as Excel draws it (the width as
 * worksheet.c stores it: 7 pixels a digit of Calibri 11 plus 5 of padding,
 * the padding scaled in below one character; 0 or less: hidden). */
static uint32_t width_px(double width)
{
    if (width <= 0)
        return 0;
    return (uint32_t)(width < 1 ? floor(width * 12 + 0.5) : floor(width * 7 + 0.5) + 5);
}

fast_status fx_vml_grid_init(fx_vml_grid *g, const fx_sheet_setup *su)
{
    uint32_t n = (uint32_t)su->ncol_outline;
    if (su->ncols && su->cols[su->ncols - 1].last + 1 > n)
        n = su->cols[su->ncols - 1].last + 1;
    g->ncols = n;
    g->row_px = su->default_row_height > 0 ? (uint32_t)floor(su->default_row_height * 4 / 3 + 1e-9) : ROW_PX;
    g->left = malloc(((size_t)n + 1) * sizeof *g->left);
    if (!g->left)
        return FAST_ERROR_NOMEM;
    g->left[0] = 0;
    size_t wi = 0;
    for (uint32_t c = 0; c < n; c++) {
        while (wi < su->ncols && su->cols[wi].last < c)
            wi++;
        uint32_t px = wi < su->ncols && su->cols[wi].first <= c ? width_px(su->cols[wi].width) : COL_PX;
        if (c < su->ncol_outline && (su->col_outline[c] & FX_OUTLINE_HIDDEN))
            px = 0;
        g->left[c + 1] = g->left[c] + px;
    }
    return FAST_OK;
}

void fx_vml_grid_free(fx_vml_grid *g)
{
    free(g->left);
    g->left = NULL;
}

/* Pixels from the sheet's left edge to column @c. */
static uint64_t col_left(const fx_vml_grid *g, uint32_t c)
{
    return c <= g->ncols ? g->left[c] : g->left[g->ncols] + (uint64_t)(c - g->ncols) * COL_PX;
}

static uint32_t col_px(const fx_vml_grid *g, uint32_t c)
{
    return c < g->ncols ? g->left[c + 1] - g->left[c] : COL_PX;
}

void fx_vml_anchor(const fx_vml_grid *g, const fx_note *n, uint32_t a[8])
{
    /* Excel puts the box one column right of the cell plus 15 pixels and one row
     * up plus 10 pixels; at the sheet's edges it moves the box inside it. An
     * offset past its column's width (a narrow or hidden column) moves on to
     * the next column, as the box's far corner does. */
    uint32_t row = n->row, col = n->col, r0, c0, ry, cx;
    if (row == 0) {
        r0 = 0;
        ry = 2;
    } else if (row >= MAX_ROW - 3) {
        r0 = row - 4;
        ry = row == MAX_ROW - 1 ? 14 : 16;
    } else {
        r0 = row - 1;
        ry = 10;
    }
    if (col >= MAX_COL - 3) {
        c0 = col - 3;
        cx = 49;
    } else {
        c0 = col + 1;
        cx = 15;
    }
    while (c0 < MAX_COL - 1 && cx >= col_px(g, c0)) {
        cx -= col_px(g, c0);
        c0++;
    }
    uint32_t c = c0, x = cx + n->width, r = r0, y = ry + n->height;
    while (c < MAX_COL - 1 && x >= col_px(g, c)) {
        x -= col_px(g, c);
        c++;
    }
    while (r < MAX_ROW - 1 && y >= g->row_px) {
        y -= g->row_px;
        r++;
    }
    a[0] = c0;
    a[1] = cx;
    a[2] = r0;
    a[3] = ry;
    a[4] = c;
    a[5] = x;
    a[6] = r;
    a[7] = y;
}

/* Pixels at 96 dpi as points (3/4 of a pixel), without trailing zeros: 59.25pt. */
static void points(char *out, size_t size, uint64_t px)
{
    uint64_t q = px * 75; /* hundredths of a point */
    if (q % 100 == 0)
        snprintf(out, size, "%llupt", (unsigned long long)(q / 100));
    else if (q % 10 == 0)
        snprintf(out, size, "%llu.%llupt", (unsigned long long)(q / 100), (unsigned long long)(q % 100 / 10));
    else
        snprintf(out, size, "%llu.%02llupt", (unsigned long long)(q / 100), (unsigned long long)(q % 100));
}

fast_status fx_vml_head(fx_xmlbuf *xb, uint32_t first_block, uint32_t nblocks)
{
    fast_status st = fx_xb_puts(xb, "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" "
                                    "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
                                    "xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
                                    "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"");
    char num[16];
    for (uint32_t i = 0; i < nblocks && st == FAST_OK; i++) {
        snprintf(num, sizeof num, i ? ",%u" : "%u", (unsigned)(first_block + i));
        st = fx_xb_puts(xb, num);
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "\"/></o:shapelayout>"
                            "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" "
                            "path=\"m,l,21600r21600,l21600,xe\">"
                            "<v:stroke joinstyle=\"miter\"/>"
                            "<v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/>"
                            "</v:shapetype>");
    return st;
}

fast_status fx_vml_note(fx_xmlbuf *xb, const fx_vml_grid *g, const fx_note *n, uint32_t first_block, size_t k)
{
    uint32_t a[8];
    fx_vml_anchor(g, n, a);
    char left[32], top[32], width[32], height[32], buf[1024];
    points(left, sizeof left, col_left(g, a[0]) + a[1]);
    points(top, sizeof top, (uint64_t)a[2] * g->row_px + a[3]);
    points(width, sizeof width, n->width);
    points(height, sizeof height, n->height);
    snprintf(buf, sizeof buf,
             "<v:shape id=\"_x0000_s%llu\" type=\"#_x0000_t202\" style=\"position:absolute;"
             "margin-left:%s;margin-top:%s;width:%s;height:%s;z-index:%zu;visibility:%s\" "
             "fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"
             "<v:fill color2=\"#ffffe1\"/>"
             "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>"
             "<v:path o:connecttype=\"none\"/>"
             "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
             "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
             "<x:Anchor>%u, %u, %u, %u, %u, %u, %u, %u</x:Anchor>"
             "<x:AutoFill>False</x:AutoFill><x:Row>%u</x:Row><x:Column>%u</x:Column>%s"
             "</x:ClientData></v:shape>",
             (unsigned long long)first_block * 1024 + k, left, top, width, height, k,
             n->visible ? "visible" : "hidden", (unsigned)a[0], (unsigned)a[1], (unsigned)a[2], (unsigned)a[3],
             (unsigned)a[4], (unsigned)a[5], (unsigned)a[6], (unsigned)a[7], (unsigned)n->row, (unsigned)n->col,
             n->visible ? "<x:Visible/>" : "");
    return fx_xb_puts(xb, buf);
}

fast_status fx_vml_foot(fx_xmlbuf *xb)
{
    return fx_xb_puts(xb, "</xml>");
}
