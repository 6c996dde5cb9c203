/*
 * comment.h - notes (legacy comments, ECMA-376 Part 1 §18.7): the notes of the
 * current sheet, held compressed until it ends (comment.c), then written as
 * the comments part and, through vml.c, the VML drawing that shows them.
 */
#ifndef FX_COMMENT_H
#define FX_COMMENT_H

#include "internal.h"
#include "xmlbuf.h"

struct fx_sheet;
typedef struct fx_notes fx_notes;

/* A note as read back from the held stream. */
typedef struct fx_note {
    uint32_t row, col;   /* 0-based */
    uint32_t author;     /* index in the sheet's authors */
    uint32_t width, height; /* pixels */
    int visible;
    const char *text;
    size_t len;
} fx_note;

/* <legacyDrawing> of the sheet's notes, with the relationships of the VML
 * drawing and the comments part (§18.3.1.51); nothing without notes. Numbers
 * the two parts and takes the VML part's shape id blocks. */
fast_status fx_notes_tail(fast_workbook *wb, struct fx_sheet *sh);

/* Write xl/commentsN.xml and xl/drawings/vmlDrawingN.vml after the sheet, and
 * release its notes. */
fast_status fx_notes_write_parts(fast_workbook *wb, struct fx_sheet *sh);

void fx_notes_free(struct fx_notes *n);

/* ---- vml.c ------------------------------------------------------------------------- */

/* The VML drawing's head: shape layout with the blocks @first_block ..
 * @first_block + @nblocks - 1 (o:idmap), and the note shape type. */
fast_status fx_vml_head(fx_xmlbuf *xb, uint32_t first_block, uint32_t nblocks);
/* Where a sheet's columns and rows are, in pixels, for placing note boxes:
 * the widths the sheet's <cols> gives (set, fitted, hidden by an outline;
 * 64 pixels for the others) and every row at the sheet's default height
 * (15 points unless set): a row's own height (fast_cells_set_row_height) is
 * not known once the row has streamed and is not taken into account. */
typedef struct fx_vml_grid {
    uint32_t *left;  /* left[c]: pixels from the left edge to column c, c = 0..ncols */
    uint32_t ncols;  /* the columns A.. with a size of their own; 64 pixels each after them */
    uint32_t row_px; /* every row's height */
} fx_vml_grid;

struct fx_sheet_setup;
/* FAST_OK, or FAST_ERROR_NOMEM (nothing to free then). */
fast_status fx_vml_grid_init(fx_vml_grid *g, const struct fx_sheet_setup *su);
void fx_vml_grid_free(fx_vml_grid *g);

/* The shape of note @k (1-based in the part), id 1024 * @first_block + @k. */
fast_status fx_vml_note(fx_xmlbuf *xb, const fx_vml_grid *g, const fx_note *n, uint32_t first_block, size_t k);
fast_status fx_vml_foot(fx_xmlbuf *xb);

/* The anchor Excel gives a note's box: columns and rows with pixel offsets
 * (x:Anchor: left column, offset, top row, offset, right column, offset,
 * bottom row, offset), over the sheet's grid @g. */
void fx_vml_anchor(const fx_vml_grid *g, const fx_note *n, uint32_t anchor[8]);

#endif /* FX_COMMENT_H */
