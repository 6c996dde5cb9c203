/*
 * drawing.c - a worksheet's drawing part (SpreadsheetML drawing, ECMA-376
 * Part 1 §20.5): xl/drawings/drawingN.xml with one xdr:oneCellAnchor per image
 * (§20.5.2.24), its relationships to the media (and to the images' links),
 * and the media parts themselves, xl/media/imageN.ext, stored uncompressed.
 *
 * Written when the sheet ends: the worksheet ends with <drawing r:id> in its
 * place in CT_Worksheet (§18.3.1.99: after the print settings and
 * ignoredErrors, before legacyDrawing and tableParts); after the worksheet's
 * ZIP entry come the media this sheet is the first to use, then the drawing
 * part and its relationships. The form follows the drawings Excel writes
 * (XlsxWriter's image*.xlsx): a pic with nvPicPr (cNvPr id from 2, name
 * "Picture N", descr; picLocks noChangeAspect), a blipFill with a:blip r:embed
 * and a:stretch, and spPr with a rect prstGeom. Excel writes a twoCellAnchor
 * whose end cell it computes from the row heights; a oneCellAnchor needs only
 * the extent, so rows not yet written (or written later) do not matter. The
 * spPr has no a:xfrm: its absolute position would need the row heights too, and
 * the schema makes it optional.
 */
#include "internal.h"
#include "chart.h"
#include "image.h"
#include "package.h"
#include "workbook.h"
#include "xml.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define NS_XDR "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CT_DRAWING FX_CT_PREFIX "drawing+xml"

static fast_status put(fx_xmlbuf *xb, const char *fmt, ...) FX_PRINTF(2, 3);
static fast_status put(fx_xmlbuf *xb, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        return FAST_ERROR_STATE;
    return fx_xb_write(xb, buf, (size_t)n);
}

/* The images of sheet @sh that are not written yet: [*first, *end) of the list. */
static int sheet_images(const fast_workbook *wb, const fx_sheet *sh, size_t *first, size_t *end)
{
    const fx_images *im = wb->images;
    if (!im || im->sheet_first == im->n)
        return 0;
    size_t si = (size_t)(sh - wb->sheets);
    *first = im->sheet_first;
    *end = im->n;
    return im->v[*first]->sheet == si;
}

/* The drawing part numbers, kept with the images (made on the first image or chart). */
static fx_images *numbers_of(fast_workbook *wb)
{
    if (!wb->images && (wb->images = calloc(1, sizeof *wb->images)) != NULL)
        wb->images->limit = FAST_IMAGE_MEMORY_DEFAULT;
    return wb->images;
}

fast_status fx_drawing_tail(fast_workbook *wb, fx_sheet *sh)
{
    size_t first, end, rid;
    if (!sheet_images(wb, sh, &first, &end) && !fx_charts_of_sheet(wb, (size_t)(sh - wb->sheets), &first, &end))
        return FAST_OK;
    fx_images *im = numbers_of(wb);
    if (!im)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory writing the drawing of sheet '%s'", sh->name);
    char target[40];
    int n = snprintf(target, sizeof target, "../drawings/drawing%u.xml", (unsigned)im->ndrawings + 1);
    fast_status st = fx_rels_add(&sh->rels, &wb->err, "drawing", target, (size_t)n, 0, &rid);
    if (st != FAST_OK)
        return st;
    im->drawing = ++im->ndrawings;
    return put(&wb->xb, "<drawing r:id=\"rId%zu\"/>", rid);
}

static fast_status write_media(fast_workbook *wb, fx_media *m)
{
    char name[FX_PART_NAME_MAX];
    snprintf(name, sizeof name, "xl/media/image%u.%s", (unsigned)m->number, fx_image_ext(m->type));
    fast_status st = fx_part_write_stored(wb, name, fx_image_ext(m->type), fx_image_content_type(m->type), m->data,
                                          m->len);
    if (st == FAST_OK)
        m->written = 1;
    return st;
}

static fast_status write_pic(fx_xmlbuf *xb, const fast_image *img, size_t index, size_t embed, size_t link)
{
    int64_t cx, cy;
    fx_image_extent(img, &cx, &cy);
    fast_status st = put(xb,
                         "<xdr:oneCellAnchor><xdr:from><xdr:col>%u</xdr:col><xdr:colOff>%" PRId64
                         "</xdr:colOff><xdr:row>%u</xdr:row><xdr:rowOff>%" PRId64 "</xdr:rowOff></xdr:from>"
                         "<xdr:ext cx=\"%" PRId64 "\" cy=\"%" PRId64 "\"/>"
                         "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"%zu\" name=\"Picture %zu\"",
                         (unsigned)img->col, (int64_t)img->x_off * 9525, (unsigned)img->row,
                         (int64_t)img->y_off * 9525, cx, cy, index + 2, index + 1);
    if (st == FAST_OK && img->descr) {
        st = fx_xb_puts(xb, " descr=\"");
        if (st == FAST_OK) /* xsd:string, not ST_Xstring: no _xHHHH_ escapes */
            st = fx_xml_write_plain(xb, img->descr, img->descr_len);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\"");
    }
    if (st == FAST_OK)
        st = link ? put(xb, "><a:hlinkClick xmlns:r=\"" NS_R "\" r:id=\"rId%zu\"/></xdr:cNvPr>", link)
                  : fx_xb_puts(xb, "/>");
    if (st == FAST_OK)
        st = put(xb,
                 "<xdr:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></xdr:cNvPicPr></xdr:nvPicPr>"
                 "<xdr:blipFill><a:blip xmlns:r=\"" NS_R "\" r:embed=\"rId%zu\"/>"
                 "<a:stretch><a:fillRect/></a:stretch></xdr:blipFill>",
                 embed);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "<xdr:spPr><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>"
                            "<xdr:clientData/></xdr:oneCellAnchor>");
    return st;
}

fast_status fx_drawing_write_parts(fast_workbook *wb, fx_sheet *sh)
{
    size_t first = 0, end = 0, cfirst = 0, cend = 0;
    int has_images = sheet_images(wb, sh, &first, &end);
    int has_charts = fx_charts_of_sheet(wb, (size_t)(sh - wb->sheets), &cfirst, &cend);
    if (!has_images && !has_charts)
        return FAST_OK;
    fx_images *im = wb->images;
    fast_status st = FAST_OK;
    /* The chart parts first: the drawing's relationships name their numbers. */
    uint32_t *chart_no = calloc(cend - cfirst + 1, sizeof *chart_no);
    if (!chart_no)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory writing the drawing of sheet '%s'", sh->name);
    for (size_t i = cfirst; i < cend && st == FAST_OK; i++)
        st = fx_chart_write_part(wb, wb->charts->v[i], &chart_no[i - cfirst]);
    if (has_charts)
        wb->charts->sheet_first = cend;
    if (st != FAST_OK) {
        free(chart_no);
        return st;
    }
    for (size_t i = first; i < end && st == FAST_OK; i++) {
        fx_media *m = &im->media[im->v[i]->media];
        if (!m->written)
            st = write_media(wb, m);
    }
    if (st != FAST_OK) {
        free(chart_no);
        return st;
    }
    /* One relationship per distinct image of the drawing, as Excel does. */
    size_t *rid = calloc(im->nmedia + 1, sizeof *rid);
    if (!rid) {
        free(chart_no);
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory writing the drawing of sheet '%s'", sh->name);
    }
    fx_rels rels = {0};
    char part[FX_PART_NAME_MAX];
    snprintf(part, sizeof part, "xl/drawings/drawing%u.xml", (unsigned)im->drawing);
    fx_xmlbuf *xb = &wb->xb;
    st = fx_part_begin(wb, part, CT_DRAWING, 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, FX_XML_DECL "<xdr:wsDr xmlns:xdr=\"" NS_XDR "\" xmlns:a=\"" NS_A "\">");
    for (size_t i = first; i < end && st == FAST_OK; i++) {
        fast_image *img = im->v[i];
        const fx_media *m = &im->media[img->media];
        size_t link = 0;
        if (!rid[img->media]) {
            char target[40];
            int n = snprintf(target, sizeof target, "../media/image%u.%s", (unsigned)m->number,
                             fx_image_ext(m->type));
            st = fx_rels_add(&rels, &wb->err, "image", target, (size_t)n, 0, &rid[img->media]);
        }
        if (st == FAST_OK && img->url)
            st = fx_rels_add(&rels, &wb->err, "hyperlink", img->url, img->url_len, 1, &link);
        if (st == FAST_OK)
            st = write_pic(xb, img, i - first, rid[img->media], link);
    }
    for (size_t i = cfirst; i < cend && st == FAST_OK; i++) {
        char target[40];
        size_t crid;
        int n = snprintf(target, sizeof target, "../charts/chart%u.xml", (unsigned)chart_no[i - cfirst]);
        st = fx_rels_add(&rels, &wb->err, "chart", target, (size_t)n, 0, &crid);
        if (st == FAST_OK)
            st = fx_chart_anchor(xb, wb->charts->v[i], (end - first) + (i - cfirst) + 2, crid);
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</xdr:wsDr>");
    if (st == FAST_OK)
        st = fx_xb_flush(xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    if (st == FAST_OK)
        st = fx_rels_write(wb, part, &rels);
    fx_rels_free(&rels);
    free(rid);
    free(chart_no);
    for (size_t i = first; i < end; i++)
        im->v[i]->done = 1;
    if (has_images)
        im->sheet_first = end;
    return st;
}
