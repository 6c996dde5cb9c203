/*
 * relationships.c - the relationships of a source part (ECMA-376 Part 2 §9.3):
 * a list that the features of a part add to as they are written (hyperlinks,
 * table parts; later comments, drawings), numbered rId1, rId2, ... per source
 * part, then written as the part's own _rels/NAME.rels.
 */
#include "internal.h"
#include "package.h"
#include "workbook.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>

fast_status fx_rels_add(fx_rels *r, fx_error *err, const char *type, const char *target, size_t len, int external,
                        size_t *id)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        fx_rel *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return fx_fail(err, FAST_ERROR_NOMEM, "out of memory adding a relationship");
        r->v = v;
        r->cap = cap;
    }
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return fx_fail(err, FAST_ERROR_NOMEM, "out of memory adding a relationship");
    if (len)
        memcpy(copy, target, len);
    r->v[r->n] = (fx_rel){type, copy, len, external};
    *id = ++r->n;
    return FAST_OK;
}

fast_status fx_rels_write(fast_workbook *wb, const char *source, const fx_rels *r)
{
    if (r->n == 0)
        return FAST_OK;
    /* dir/name -> dir/_rels/name.rels (Part 2 §9.3.4). */
    char name[FX_PART_NAME_MAX];
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source) + 1 : 0;
    snprintf(name, sizeof name, "%.*s_rels/%s.rels", (int)dir, source, source + dir);
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = fx_part_begin(wb, name, NULL, 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, FX_XML_DECL
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (size_t i = 0; i < r->n && st == FAST_OK; i++) {
        char head[160];
        snprintf(head, sizeof head, "<Relationship Id=\"rId%zu\" Type=\"" FX_REL_PREFIX "%s\" Target=\"", i + 1,
                 r->v[i].type);
        st = fx_xb_puts(xb, head);
        if (st == FAST_OK) /* a URI or a part name, not ST_Xstring: no _xHHHH_ escapes */
            st = fx_xml_write_plain(xb, r->v[i].target, r->v[i].len);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, r->v[i].external ? "\" TargetMode=\"External\"/>" : "\"/>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</Relationships>");
    if (st == FAST_OK)
        st = fx_xb_flush(xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    return st;
}

void fx_rels_free(fx_rels *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].target);
    free(r->v);
    memset(r, 0, sizeof *r);
}
