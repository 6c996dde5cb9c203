/*
 * styles.h - cell formats and xl/styles.xml (ECMA-376 Part 1 §18.8): fonts,
 * fills, borders, numFmts and cellXfs, each deduplicated; formats are turned
 * into cellXfs indexes as cells use them, and the stylesheet is written at close.
 */
#ifndef FX_STYLES_H
#define FX_STYLES_H

#include "internal.h"
#include "xmlbuf.h"

/* What kind of value a cell holds, for the default number format of dates. */
enum {
    FX_VALUE_PLAIN = 0,   /* no default number format */
    FX_VALUE_DATE = 1,    /* default "yyyy-mm-dd" */
    FX_VALUE_DATETIME = 2 /* default "yyyy-mm-dd hh:mm:ss" */
};

typedef struct fx_styles fx_styles;

/* A colour as a format holds it: none, 0xRRGGBB, or a theme colour with a tint. */
enum { FX_COLOR_NONE = 0, FX_COLOR_RGB = 1, FX_COLOR_THEME = 2 };
typedef struct fx_color {
    int kind;     /* FX_COLOR_* */
    uint32_t rgb; /* FX_COLOR_RGB: 0xRRGGBB; FX_COLOR_THEME: the theme index */
    double tint;  /* FX_COLOR_THEME: -1..1 */
} fx_color;

/* Border sides in the order CT_Border holds them (§18.8.4). */
enum { FX_SIDE_LEFT, FX_SIDE_RIGHT, FX_SIDE_TOP, FX_SIDE_BOTTOM, FX_SIDE_DIAGONAL, FX_SIDES };

struct fast_format {
    fx_styles *owner;
    int bold, italic, strike, wrap;
    int underline;                    /* FAST_UNDERLINE_* */
    int script;                       /* FAST_SCRIPT_* */
    int font_family;                  /* 0: the default (2 for Calibri, else none); else family + 1 */
    int font_scheme;                  /* FAST_FONT_SCHEME_* */
    int align, valign;                /* FAST_ALIGN_*, FAST_VALIGN_* */
    int indent, rotation, shrink;     /* rotation as stored: 0..180 or 255 */
    int quote_prefix, unlocked, hidden;
    int border_style[FX_SIDES];       /* FAST_BORDER_* */
    fx_color border_color[FX_SIDES];
    int diagonal;                     /* FAST_DIAGONAL_* */
    int fill_pattern;                 /* FAST_PATTERN_*; 0 with a colour: solid */
    char *font_name;                  /* NULL: default (Calibri) */
    double font_size;                 /* 0: default (11) */
    fx_color font_color, fill_color, fill_bg_color;
    char *num_format;                 /* NULL: General */
    /* cellXfs index per FX_VALUE_* kind, valid while xf_valid[kind] */
    uint32_t xf[3];
    int xf_valid[3];
    size_t font_name_len, num_format_len; /* bytes, without the terminating NUL */
};

/*
 * A deduplicated table of records, each a byte string kept in an arena: the
 * canonical XML of a font, fill or border, the attribute-escaped code of a
 * custom number format, or the packed fields of a cellXfs entry. Open
 * addressing over @slots (entry index + 1, 0 when empty).
 */
typedef struct fx_style_entry {
    size_t offset; /* in the arena */
    uint32_t len;
    uint32_t hash;
} fx_style_entry;

typedef struct fx_style_table {
    fx_style_entry *entries;
    size_t count, cap;
    char *arena;
    size_t arena_len, arena_cap;
    uint32_t *slots;
    size_t nslots; /* a power of two, or 0 */
} fx_style_table;

/* The private part: see styles.c. Declared here so the workbook can embed it. */
struct fx_styles {
    fx_error *err;
    fast_format **formats; /* every format handed out, freed with the workbook */
    size_t nformats, capformats;
    /* Records beyond the ones every stylesheet has (font 0, fills 0 and 1,
     * border 0, cellXfs 0): table entry i has id i + 1 (fills: i + 2; numFmts:
     * 164 + i). */
    fx_style_table fonts, fills, borders, numfmts, xfs;
    /* Differential formats (dxfs, §18.8.14-15) for conditional formats: entry i
     * is dxfId i, in first-use order. */
    fx_style_table dxfs;
    /* The cellXfs index of a cell without a format, per FX_VALUE_* kind. */
    uint32_t plain_xf[3];
    int plain_xf_valid[3];
};

void fx_styles_init(fx_styles *st, fx_error *err);
void fx_styles_free(fx_styles *st);

/* A new format owned by @st; NULL with FAST_ERROR_NOMEM recorded. */
fast_format *fx_styles_new_format(fx_styles *st);

/*
 * A copy of @f with the properties it has now, owned by @st (freed with it), for
 * rows written again later with the look they were first written with (header
 * rows on continuation sheets). NULL after recording FAST_ERROR_NOMEM.
 */
fast_format *fx_styles_copy_format(fx_styles *st, const fast_format *f);

/*
 * The cellXfs index for a cell with format @fmt (NULL: none) holding a value of
 * kind @value_kind (FX_VALUE_*). 0 is the default format, written as no s
 * attribute. Records FAST_ERROR_FORMAT_LIMIT past FAST_MAX_FORMATS, or
 * FAST_ERROR_NOMEM.
 */
fast_status fx_styles_xf(fx_styles *st, const fast_format *fmt, int value_kind, uint32_t *xf);

/*
 * The dxfId of format @fmt as a differential format (§18.8.14 dxf): its font
 * colour, bold, italic, underline style, strikeout, script, fill (as Excel
 * writes a dxf's solid fill: patternFill with bgColor; other patterns with their
 * colours), the four border sides and number format; not its font name or size,
 * alignment, wrap, rotation, diagonal or protection, which conditional formats
 * cannot change.
 * Equal dxfs share an id; ids follow first use. Records FAST_ERROR_NOMEM, or a
 * non-sticky FAST_ERROR_INVALID_ARGUMENT for a format of another workbook.
 */
fast_status fx_styles_dxf(fx_styles *st, const fast_format *fmt, uint32_t *dxf_id);

/*
 * The font of format @f as a rich text run's properties (§18.4.7 rPr, the
 * children of a font with rFont for its name), in a new allocation of *@len
 * bytes that the caller frees; NULL out of memory.
 */
char *fx_styles_run_font(const fast_format *f, size_t *len);

/* Write xl/styles.xml. */
fast_status fx_styles_write_xml(const fx_styles *st, fx_xmlbuf *xb);

#endif /* FX_STYLES_H */
