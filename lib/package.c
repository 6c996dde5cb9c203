/*
 * package.c - the package parts other than worksheets (ECMA-376 Part 2, Open
 * Packaging Conventions, and Part 1 §12.3): [Content_Types].xml, the
 * relationships, xl/workbook.xml, the theme (its content is in theme.c),
 * docProps/core.xml and docProps/app.xml; and the registry of every part
 * written, from which [Content_Types].xml is made.
 *
 * Order in the ZIP: the worksheets first, as they are written, each followed
 * by the parts that belong to it (its relationships, its tables); then the
 * parts that depend on all of them (workbook, styles, shared strings,
 * properties); _rels/.rels and [Content_Types].xml last, on every output
 * (file, descriptor, pipe or callback alike). [Content_Types].xml is last
 * because parts appear while sheets stream (a sheet's tables exist only once
 * its rows are written), and it names each of them with an Override, as Excel
 * does, and nothing that is absent (Open XML SDK refuses an Override for a
 * missing part). OPC puts no constraint on its place in the ZIP (Part 2
 * §10.1.2); fastexcel and ExcelJS's streaming writer also write it last.
 *
 * Tools that tell an .xlsx from other ZIP files by its first entries still
 * recognise the output: the first entry is always xl/worksheets/sheet1.xml, and
 * libmagic's msooxml rule (file(1): "Microsoft Excel 2007+") matches a first
 * entry whose name begins with "xl/". tests/tools/zipcheck.py holds that order.
 */
#include "internal.h"
#include "date.h"
#include "package.h"
#include "defnames.h"
#include "print.h"
#include "sheetview.h"
#include "protect.h"
#include "styles.h"
#include "theme.h"
#include "workbook.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>

#define XML_DECL FX_XML_DECL
#define CT_PREFIX FX_CT_PREFIX
#define REL_PREFIX FX_REL_PREFIX

static const char root_rels_xml[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_PREFIX "officeDocument\" Target=\"xl/workbook.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_PREFIX "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

/* ---- the registry of parts ---------------------------------------------------------- */

fast_status fx_part_begin(fast_workbook *wb, const char *name, const char *type, int zip64)
{
    fx_package *pkg = &wb->pkg;
    if (type) {
        if (pkg->nparts == pkg->capparts) {
            size_t cap = pkg->capparts ? pkg->capparts * 2 : 16;
            fx_part *p = realloc(pkg->parts, cap * sizeof *p);
            if (!p)
                return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory recording part %s", name);
            pkg->parts = p;
            pkg->capparts = cap;
        }
        fx_part *p = &pkg->parts[pkg->nparts++];
        snprintf(p->name, sizeof p->name, "%s", name);
        p->type = type;
    }
    return zip64 ? fx_zip_begin_zip64(&wb->zip, name) : fx_zip_begin(&wb->zip, name);
}

fast_status fx_package_add_default(fast_workbook *wb, const char *ext, const char *type)
{
    fx_package *pkg = &wb->pkg;
    for (size_t i = 0; i < pkg->ndefaults; i++)
        if (strcmp(pkg->defaults[i].ext, ext) == 0)
            return FAST_OK;
    if (pkg->ndefaults == sizeof pkg->defaults / sizeof pkg->defaults[0] || strlen(ext) >= sizeof pkg->defaults[0].ext)
        return fx_fail(&wb->err, FAST_ERROR_STATE, "content types: no room for extension '%s'", ext);
    snprintf(pkg->defaults[pkg->ndefaults].ext, sizeof pkg->defaults[0].ext, "%s", ext);
    pkg->defaults[pkg->ndefaults++].type = type;
    return FAST_OK;
}

fast_status fx_part_write_stored(fast_workbook *wb, const char *name, const char *ext, const char *type,
                                 const void *data, size_t len)
{
    fast_status st = fx_package_add_default(wb, ext, type);
    if (st == FAST_OK)
        st = fx_xb_flush(&wb->xb);
    if (st == FAST_OK)
        st = fx_zip_add_stored(&wb->zip, name, data, len);
    return st;
}

void fx_package_free(fx_package *pkg)
{
    free(pkg->parts);
    memset(pkg, 0, sizeof *pkg);
}

/* [Content_Types].xml (Part 2 §10.1.2): Defaults for .rels, .xml and the media
 * extensions used, then an Override for every part with a type of its own, in
 * the order the parts were written. Each part was registered once, so no
 * Override repeats; part names are the library's own and need no escaping. */
static fast_status content_types_xml(fast_workbook *wb)
{
    fx_xmlbuf *xb = &wb->xb;
    const fx_package *pkg = &wb->pkg;
    fast_status st = fx_zip_begin(&wb->zip, "[Content_Types].xml");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, XML_DECL
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    for (size_t i = 0; i < pkg->ndefaults && st == FAST_OK; i++) {
        st = fx_xb_puts(xb, "<Default Extension=\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, pkg->defaults[i].ext);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\" ContentType=\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, pkg->defaults[i].type);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\"/>");
    }
    for (size_t i = 0; i < pkg->nparts && st == FAST_OK; i++) {
        st = fx_xb_puts(xb, "<Override PartName=\"/");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, pkg->parts[i].name);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\" ContentType=\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, pkg->parts[i].type);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "\"/>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</Types>");
    if (st == FAST_OK)
        st = fx_xb_flush(xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    return st;
}

static fast_status part_end(fast_workbook *wb, fast_status st)
{
    if (st == FAST_OK)
        st = fx_xb_flush(&wb->xb);
    if (st == FAST_OK)
        st = fx_zip_end(&wb->zip, NULL);
    return st;
}

static fast_status static_part(fast_workbook *wb, const char *name, const char *type, const char *xml, size_t len)
{
    fast_status st = fx_part_begin(wb, name, type, 0);
    if (st == FAST_OK)
        st = fx_xb_write(&wb->xb, xml, len);
    return part_end(wb, st);
}

static fast_status workbook_xml(fast_workbook *wb)
{
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = fx_part_begin(wb, "xl/workbook.xml", CT_PREFIX "spreadsheetml.sheet.main+xml", 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, XML_DECL
                        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
    if (st == FAST_OK)
        st = fx_protect_write_workbook(wb, xb); /* workbookProtection, before bookViews */
    if (st == FAST_OK)
        st = fx_view_workbook_view(wb, xb); /* bookViews: the active tab */
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "<sheets>");
    for (size_t i = 0; i < wb->nsheets && st == FAST_OK; i++) {
        char tail[96];
        st = fx_xb_puts(xb, "<sheet name=\"");
        if (st == FAST_OK)
            st = fx_xml_write_escaped(xb, wb->sheets[i].name, wb->sheets[i].name_len, 1);
        snprintf(tail, sizeof tail, "\" sheetId=\"%zu\"%s r:id=\"rId%zu\"/>", i + 1,
                 fx_view_state_attr(&wb->sheets[i]), i + 1);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, tail);
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</sheets>");
    /* The caller's names and the built-in ones: autofilters, print areas and titles (defnames.c). */
    if (st == FAST_OK)
        st = fx_defnames_write(wb);
    /* Formulas without cached values need a reader to calculate them. When every
     * formula has its value, no calcPr is written, so Excel shows the values as
     * they are instead of recalculating the workbook (and asking to save it). */
    if (st == FAST_OK && wb->uncached_formula)
        st = fx_xb_puts(xb, "<calcPr fullCalcOnLoad=\"1\"/>");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</workbook>");
    return part_end(wb, st);
}

/* An element with escaped text content, if property @k is set. */
static fast_status text_element(fast_workbook *wb, const char *tag, int k)
{
    fx_xmlbuf *xb = &wb->xb;
    if (!wb->props[k])
        return FAST_OK;
    fast_status st = fx_xb_puts(xb, "<");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, tag);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, ">");
    if (st == FAST_OK)
        st = fx_xml_write_plain(xb, wb->props[k], wb->props_len[k]);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</");
    if (st == FAST_OK)
        st = fx_xb_puts(xb, tag);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, ">");
    return st;
}

/* docProps/core.xml (Part 2 §11, Dublin Core elements). */
static fast_status core_xml(fast_workbook *wb)
{
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = fx_part_begin(wb, "docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml", 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, XML_DECL
                        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    if (st == FAST_OK)
        st = text_element(wb, "dc:title", FAST_PROPERTY_TITLE);
    if (st == FAST_OK)
        st = text_element(wb, "dc:subject", FAST_PROPERTY_SUBJECT);
    if (st == FAST_OK)
        st = text_element(wb, "dc:creator", FAST_PROPERTY_AUTHOR);
    if (st == FAST_OK && wb->has_created) {
        int64_t days = wb->created / 86400, rem = wb->created % 86400, y;
        int m, d;
        if (rem < 0) {
            rem += 86400;
            days--;
        }
        fx_civil_from_days(days, &y, &m, &d);
        char when[128];
        snprintf(when, sizeof when,
                 "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%04d-%02d-%02dT%02d:%02d:%02dZ</dcterms:created>",
                 (int)y, m, d, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
        st = fx_xb_puts(xb, when);
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</cp:coreProperties>");
    return part_end(wb, st);
}

/* docProps/app.xml (Part 1 §22.2, extended properties). */
static fast_status app_xml(fast_workbook *wb)
{
    fx_xmlbuf *xb = &wb->xb;
    fast_status st = fx_part_begin(wb, "docProps/app.xml", CT_PREFIX "extended-properties+xml", 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, XML_DECL
                        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
                        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                        "<Application>fastxlsx</Application>");
    if (st == FAST_OK)
        st = text_element(wb, "Company", FAST_PROPERTY_COMPANY);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</Properties>");
    return part_end(wb, st);
}

static fast_status workbook_rels_xml(fast_workbook *wb)
{
    fx_xmlbuf *xb = &wb->xb;
    char line[512];
    fast_status st = fx_part_begin(wb, "xl/_rels/workbook.xml.rels", NULL, 0);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (size_t i = 0; i < wb->nsheets && st == FAST_OK; i++) {
        snprintf(line, sizeof line,
                 "<Relationship Id=\"rId%zu\" Type=\"" REL_PREFIX "worksheet\" Target=\"worksheets/sheet%u.xml\"/>",
                 i + 1, (unsigned)wb->sheets[i].number);
        st = fx_xb_puts(xb, line);
    }
    size_t n = wb->nsheets;
    snprintf(line, sizeof line,
             "<Relationship Id=\"rId%zu\" Type=\"" REL_PREFIX "styles\" Target=\"styles.xml\"/>"
             "<Relationship Id=\"rId%zu\" Type=\"" REL_PREFIX "sharedStrings\" Target=\"sharedStrings.xml\"/>"
             "<Relationship Id=\"rId%zu\" Type=\"" REL_PREFIX "theme\" Target=\"theme/theme1.xml\"/>"
             "</Relationships>",
             n + 1, n + 2, n + 3);
    if (st == FAST_OK)
        st = fx_xb_puts(xb, line);
    return part_end(wb, st);
}

fast_status fx_package_finish(fast_workbook *wb)
{
    fast_status st = workbook_xml(wb);
    if (st == FAST_OK)
        st = workbook_rels_xml(wb);
    if (st == FAST_OK)
        st = static_part(wb, "xl/theme/theme1.xml", CT_PREFIX "theme+xml", fx_theme_xml, fx_theme_xml_len);
    if (st == FAST_OK && (st = fx_part_begin(wb, "xl/styles.xml", CT_PREFIX "spreadsheetml.styles+xml", 0)) == FAST_OK)
        st = part_end(wb, fx_styles_write_xml(&wb->styles, &wb->xb));
    if (st == FAST_OK && (st = fx_part_begin(wb, "xl/sharedStrings.xml", CT_PREFIX "spreadsheetml.sharedStrings+xml", 0)) == FAST_OK)
        st = part_end(wb, fx_sst_write_xml(&wb->sst, &wb->xb));
    if (st == FAST_OK)
        st = core_xml(wb);
    if (st == FAST_OK)
        st = app_xml(wb);
    if (st == FAST_OK)
        st = static_part(wb, "_rels/.rels", NULL, root_rels_xml, sizeof root_rels_xml - 1);
    if (st == FAST_OK)
        st = content_types_xml(wb);
    if (st == FAST_OK)
        st = fx_zip_finish(&wb->zip);
    return st;
}
