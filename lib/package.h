/*
 * package.h - the registry of the parts a package holds, from which package.c
 * writes [Content_Types].xml once every part is known, and the relationship
 * lists of a part (relationships.c). Parts that appear while sheets stream
 * (tables; later comments, drawings, charts, images) register themselves here
 * when they are written.
 */
#ifndef FX_PACKAGE_H
#define FX_PACKAGE_H

#include "internal.h"

#define FX_CT_PREFIX "application/vnd.openxmlformats-officedocument."
#define FX_CT_WORKSHEET FX_CT_PREFIX "spreadsheetml.worksheet+xml"
#define FX_CT_TABLE FX_CT_PREFIX "spreadsheetml.table+xml"
#define FX_REL_PREFIX "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define FX_XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Longest part name the library makes ("xl/worksheets/_rels/sheet1048576.xml.rels"
 * and the like: the names are the library's own, never a caller's text). */
#define FX_PART_NAME_MAX 64

typedef struct fx_part {
    char name[FX_PART_NAME_MAX]; /* without the leading '/' */
    const char *type;            /* a static content type */
} fx_part;

typedef struct fx_default_type {
    char ext[8];      /* "png", "jpeg" */
    const char *type; /* static */
} fx_default_type;

typedef struct fx_package {
    fx_part *parts; /* every part with an Override, in the order written */
    size_t nparts, capparts;
    fx_default_type defaults[8]; /* beyond "rels" and "xml" */
    size_t ndefaults;
} fx_package;

/*
 * Begin ZIP entry @name (in the ZIP64 form from its local header on with
 * @zip64) and record its content type @type (a static string) for an Override
 * in [Content_Types].xml; @type NULL for a part covered by a Default (.rels).
 * Every part but [Content_Types].xml itself is begun through here.
 */
fast_status fx_part_begin(fast_workbook *wb, const char *name, const char *type, int zip64);

/* A Default content type for extension @ext (at most 7 bytes, e.g. "png"), for
 * parts named by extension (media); a second call for the same @ext is a no-op. */
fast_status fx_package_add_default(fast_workbook *wb, const char *ext, const char *type);

/* Write part @name (media: named by extension @ext, whose Default content type
 * @type is added) with the @len bytes of @data, stored (ZIP method 0: the
 * bytes are compressed already) with the sizes in its local header. */
fast_status fx_part_write_stored(fast_workbook *wb, const char *name, const char *ext, const char *type,
                                 const void *data, size_t len);

void fx_package_free(fx_package *pkg);

/* ---- relationships (relationships.c, ECMA-376 Part 2 §9.3) ---------------------------- */

typedef struct fx_rel {
    const char *type; /* the part after FX_REL_PREFIX: "hyperlink", "table", ... (static) */
    char *target;     /* copied */
    size_t len;
    int external;     /* TargetMode="External" */
} fx_rel;

/* The relationships of one source part; rIds are rId1, rId2, ... in the order added. */
typedef struct fx_rels {
    fx_rel *v;
    size_t n, cap;
} fx_rels;

/* Add a relationship; its number (the N of rIdN) goes to *@id. Out of memory is
 * recorded in @err (sticky). */
fast_status fx_rels_add(fx_rels *r, fx_error *err, const char *type, const char *target, size_t len, int external,
                        size_t *id);

/* Write the relationships of part @source ("xl/worksheets/sheet1.xml") to its
 * relationships part ("xl/worksheets/_rels/sheet1.xml.rels"), if there are any. */
fast_status fx_rels_write(fast_workbook *wb, const char *source, const fx_rels *r);

void fx_rels_free(fx_rels *r);

#endif /* FX_PACKAGE_H */
