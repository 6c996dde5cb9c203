/*
 * styles.c - cell formats and xl/styles.xml (ECMA-376 Part 1 §18.8).
 *
 * A format is turned into a cellXfs index the first time a cell of a given kind
 * (plain, date, date-time) uses it; the index is cached in the format until a
 * setter changes it. Building an index interns the format's font, fill, border
 * and number format into deduplicated tables, then the combination itself into
 * the cellXfs table. Every stylesheet starts with the records Excel expects: font
 * 0 (Calibri 11), fills 0 (none) and 1 (gray125, reserved), border 0 (none) and
 * cellXfs 0 (all defaults); the tables hold only what comes after them.
 */
#include "internal.h"
#include "styles.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>

/* First id of a custom number format (§18.8.30: 0..163 are reserved). */
#define FIRST_CUSTOM_NUMFMT 164u

/* Calibri 11 in theme colour 1 (dk1) as the theme's minor (body) font, as Excel
 * writes its default font (§18.8.22 font; the theme is in theme.c). */
#define DEFAULT_FONT \
    "<font><sz val=\"11\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"

/* The number formats every reader knows by id (§18.8.30), with the codes Excel
 * writes for them. */
static const struct builtin_numfmt {
    const char *code;
    unsigned id;
} builtin_numfmts[] = {
    {"General", 0},
    {"0", 1},
    {"0.00", 2},
    {"#,##0", 3},
    {"#,##0.00", 4},
    {"0%", 9},
    {"0.00%", 10},
    {"0.00E+00", 11},
    {"# ?/?", 12},
    {"# ?\?/?\?", 13}, /* "# ??/??" without the trigraph ??/ */
    {"mm-dd-yy", 14},
    {"d-mmm-yy", 15},
    {"d-mmm", 16},
    {"mmm-yy", 17},
    {"h:mm AM/PM", 18},
    {"h:mm:ss AM/PM", 19},
    {"h:mm", 20},
    {"h:mm:ss", 21},
    {"m/d/yy h:mm", 22},
    {"#,##0 ;(#,##0)", 37},
    {"#,##0 ;[Red](#,##0)", 38},
    {"#,##0.00;(#,##0.00)", 39},
    {"#,##0.00;[Red](#,##0.00)", 40},
    {"mm:ss", 45},
    {"[h]:mm:ss", 46},
    {"mmss.0", 47},
    {"##0.0E+0", 48},
    {"@", 49},
};

/* The number formats of date and date-time cells whose format has none. */
static const char date_code[] = "yyyy-mm-dd";
static const char datetime_code[] = "yyyy-mm-dd hh:mm:ss";

/* ---- deduplicated tables ---------------------------------------------------- */

/* FNV-1a, 32 bits. */
static uint32_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static void table_free(fx_style_table *t)
{
    free(t->entries);
    free(t->arena);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* 1 with *@index set when @key is in @t, else 0. */
static int table_find(const fx_style_table *t, const void *key, size_t len, uint32_t hash, uint32_t *index)
{
    if (t->nslots == 0)
        return 0;
    size_t mask = t->nslots - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t s = t->slots[i];
        if (s == 0)
            return 0;
        const fx_style_entry *e = &t->entries[s - 1];
        if (e->hash == hash && e->len == len && memcmp(t->arena + e->offset, key, len) == 0) {
            *index = s - 1;
            return 1;
        }
    }
}

static void slot_insert(uint32_t *slots, size_t nslots, uint32_t hash, uint32_t value)
{
    size_t mask = nslots - 1, i = hash & mask;
    while (slots[i] != 0)
        i = (i + 1) & mask;
    slots[i] = value;
}

/* Add @key, known not to be in @t, as entry *@index. Returns 0, or -1 out of
 * memory with @t unchanged. */
static int table_add(fx_style_table *t, const void *key, size_t len, uint32_t hash, uint32_t *index)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        fx_style_entry *e = realloc(t->entries, cap * sizeof *e);
        if (!e)
            return -1;
        t->entries = e;
        t->cap = cap;
    }
    if (t->arena_cap - t->arena_len < len) {
        size_t cap = t->arena_cap ? t->arena_cap : 1024;
        while (cap - t->arena_len < len)
            cap *= 2;
        char *a = realloc(t->arena, cap);
        if (!a)
            return -1;
        t->arena = a;
        t->arena_cap = cap;
    }
    if ((t->count + 1) * 2 > t->nslots) { /* keep the load at most 1/2 */
        size_t n = t->nslots ? t->nslots * 2 : 64;
        uint32_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < t->count; i++)
            slot_insert(slots, n, t->entries[i].hash, (uint32_t)i + 1);
        free(t->slots);
        t->slots = slots;
        t->nslots = n;
    }
    if (len)
        memcpy(t->arena + t->arena_len, key, len);
    fx_style_entry *e = &t->entries[t->count];
    e->offset = t->arena_len;
    e->len = (uint32_t)len;
    e->hash = hash;
    t->arena_len += len;
    *index = (uint32_t)t->count;
    t->count++;
    slot_insert(t->slots, t->nslots, hash, *index + 1);
    return 0;
}

/* Sets *@index to the index of @key in @t, adding @key if it is new and @add
 * is set, else to NO_ENTRY. Returns 0, or -1 out of memory. */
#define NO_ENTRY UINT32_MAX

static int table_intern(fx_style_table *t, const void *key, size_t len, int add, uint32_t *index)
{
    uint32_t hash = hash_bytes(key, len);
    if (table_find(t, key, len, hash, index))
        return 0;
    if (!add) {
        *index = NO_ENTRY;
        return 0;
    }
    return table_add(t, key, len, hash, index);
}

/* ---- building keys ------------------------------------------------------------- */

/* A growing string: starts in a small inline buffer, moves to the heap. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
    int nomem;
    char small[512];
} sbuf;

static void sb_init(sbuf *b)
{
    b->p = b->small;
    b->len = 0;
    b->cap = sizeof b->small;
    b->nomem = 0;
}

static void sb_free(sbuf *b)
{
    if (b->p != b->small)
        free(b->p);
    sb_init(b);
}

static void sb_add(sbuf *b, const void *data, size_t len)
{
    if (b->nomem)
        return;
    if (b->cap - b->len < len) {
        size_t cap = b->cap * 2;
        while (cap - b->len < len)
            cap *= 2;
        char *p = malloc(cap);
        if (!p) {
            b->nomem = 1;
            return;
        }
        memcpy(p, b->p, b->len);
        if (b->p != b->small)
            free(b->p);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* "FFRRGGBB": an opaque ARGB colour (ST_UnsignedIntHex). */
static void sb_argb(sbuf *b, uint32_t rgb)
{
    char hex[9];
    snprintf(hex, sizeof hex, "FF%06X", (unsigned)(rgb & 0xFFFFFFu));
    sb_add(b, hex, 8);
}

/* The attributes of a CT_Color (§18.8.19) for @c, which is set. */
static void sb_color_attrs(sbuf *b, const fx_color *c)
{
    if (c->kind == FX_COLOR_RGB) {
        sb_puts(b, " rgb=\"");
        sb_argb(b, c->rgb);
        sb_puts(b, "\"");
        return;
    }
    char num[FX_DOUBLE_TEXT_MAX];
    sb_puts(b, " theme=\"");
    sb_add(b, num, fx_u64_to_text(c->rgb, num));
    sb_puts(b, "\"");
    if (c->tint != 0.0) {
        sb_puts(b, " tint=\"");
        sb_add(b, num, fx_double_to_text(c->tint, num));
        sb_puts(b, "\"");
    }
}

/* "<@name .../>" for colour @c, which is set. */
static void sb_color(sbuf *b, const char *name, const fx_color *c)
{
    sb_puts(b, "<");
    sb_puts(b, name);
    sb_color_attrs(b, c);
    sb_puts(b, "/>");
}

static fast_status sb_out(void *ctx, const void *data, size_t len)
{
    sbuf *b = ctx;
    sb_add(b, data, len);
    return b->nomem ? FAST_ERROR_NOMEM : FAST_OK;
}

/* Append @s (valid UTF-8) escaped as attribute content. */
static void sb_attr(sbuf *b, const char *s, size_t len)
{
    char chunk[FX_XB_MIN_CAPACITY];
    fx_xmlbuf xb = {chunk, 0, sizeof chunk, sb_out, b};
    if (fx_xml_write_escaped(&xb, s, len, 1) == FAST_OK)
        fx_xb_flush(&xb); /* a failure is left in b->nomem */
}

static const char *const underline_vals[] = {NULL, NULL, "double", "singleAccounting", "doubleAccounting"};
static const char *const script_vals[] = {NULL, "superscript", "subscript"};
static const char *const scheme_vals[] = {NULL, "none", "major", "minor"};

/* The font properties a cell's font and a dxf's font share (§18.8.22, in the
 * order Excel writes them: b, i, strike, u, vertAlign). */
static void sb_font_styles(sbuf *b, const fast_format *f)
{
    if (f->bold)
        sb_puts(b, "<b/>");
    if (f->italic)
        sb_puts(b, "<i/>");
    if (f->strike)
        sb_puts(b, "<strike/>");
    if (f->underline == FAST_UNDERLINE_SINGLE) {
        sb_puts(b, "<u/>");
    } else if (f->underline) {
        sb_puts(b, "<u val=\"");
        sb_puts(b, underline_vals[f->underline]);
        sb_puts(b, "\"/>");
    }
    if (f->script) {
        sb_puts(b, "<vertAlign val=\"");
        sb_puts(b, script_vals[f->script]);
        sb_puts(b, "\"/>");
    }
}

/* The content of a font (CT_Font, §18.8.22) or a run's font (CT_RPrElt,
 * §18.4.7: the same children with rFont for name) of @f (NULL: the default),
 * with element @name_tag for the font name. */
static void sb_font_body(sbuf *b, const fast_format *f, const char *name_tag)
{
    static const char calibri[] = "Calibri";
    const char *name = calibri;
    size_t name_len = sizeof calibri - 1;
    if (f && f->font_name) {
        name = f->font_name;
        name_len = f->font_name_len;
    }
    if (f)
        sb_font_styles(b, f);
    char num[FX_DOUBLE_TEXT_MAX];
    sb_puts(b, "<sz val=\"");
    sb_add(b, num, fx_double_to_text(f && f->font_size > 0 ? f->font_size : 11.0, num));
    sb_puts(b, "\"/>");
    if (f && f->font_color.kind != FX_COLOR_NONE)
        sb_color(b, "color", &f->font_color);
    else
        sb_puts(b, "<color theme=\"1\"/>"); /* the theme's text colour, as Excel writes it */
    sb_puts(b, "<");
    sb_puts(b, name_tag);
    sb_puts(b, " val=\"");
    sb_attr(b, name, name_len);
    sb_puts(b, "\"/>");
    /* Calibri is the theme's body font: tie it to the theme as Excel does. */
    int is_calibri = name_len == sizeof calibri - 1 && memcmp(name, calibri, name_len) == 0;
    int family = f && f->font_family ? f->font_family - 1 : is_calibri ? 2 : -1;
    int scheme = f && f->font_scheme ? f->font_scheme : is_calibri ? FAST_FONT_SCHEME_MINOR : 0;
    if (family >= 0) {
        sb_puts(b, "<family val=\"");
        sb_add(b, num, fx_u64_to_text((uint64_t)family, num));
        sb_puts(b, "\"/>");
    }
    if (scheme) {
        sb_puts(b, "<scheme val=\"");
        sb_puts(b, scheme_vals[scheme]);
        sb_puts(b, "\"/>");
    }
}

static void sb_font(sbuf *b, const fast_format *f)
{
    sb_puts(b, "<font>");
    sb_font_body(b, f, "name");
    sb_puts(b, "</font>");
}

char *fx_styles_run_font(const fast_format *f, size_t *len)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "<rPr>");
    sb_font_body(&b, f, "rFont");
    sb_puts(&b, "</rPr>");
    char *out = b.nomem ? NULL : malloc(b.len);
    if (out) {
        memcpy(out, b.p, b.len);
        *len = b.len;
    }
    sb_free(&b);
    return out;
}

static const char *const pattern_names[] = {
    "none", "solid", "mediumGray", "darkGray", "lightGray", "darkHorizontal", "darkVertical",
    "darkDown", "darkUp", "darkGrid", "darkTrellis", "lightHorizontal", "lightVertical",
    "lightDown", "lightUp", "lightGrid", "lightTrellis", "gray125", "gray0625"};

/* 1 when @f has a fill: a pattern or a fill colour. */
static int has_fill(const fast_format *f)
{
    return f->fill_pattern != FAST_PATTERN_NONE || f->fill_color.kind != FX_COLOR_NONE ||
           f->fill_bg_color.kind != FX_COLOR_NONE;
}

/* The fill of @f (CT_Fill §18.8.20, CT_PatternFill §18.8.32), which has one,
 * as Excel writes it: without a pattern, solid; a solid fill's unset background
 * as indexed 64 (the system background); only the colours set. */
static void sb_fill(sbuf *b, const fast_format *f)
{
    int pattern = f->fill_pattern ? f->fill_pattern : FAST_PATTERN_SOLID;
    int fg = f->fill_color.kind != FX_COLOR_NONE, bg = f->fill_bg_color.kind != FX_COLOR_NONE;
    sb_puts(b, "<fill><patternFill patternType=\"");
    sb_puts(b, pattern_names[pattern]);
    if (!fg && !bg && pattern != FAST_PATTERN_SOLID) {
        sb_puts(b, "\"/></fill>");
        return;
    }
    sb_puts(b, "\">");
    if (fg)
        sb_color(b, "fgColor", &f->fill_color);
    if (bg)
        sb_color(b, "bgColor", &f->fill_bg_color);
    else if (pattern == FAST_PATTERN_SOLID)
        sb_puts(b, "<bgColor indexed=\"64\"/>");
    sb_puts(b, "</patternFill></fill>");
}

static const char *const border_names[] = {
    "none", "thin", "medium", "dashed", "dotted", "thick", "double", "hair", "mediumDashed",
    "dashDot", "mediumDashDot", "dashDotDot", "mediumDashDotDot", "slantDashDot"};
static const char *const side_names[] = {"left", "right", "top", "bottom", "diagonal"};

/* 1 when @f has a border line. */
static int has_border(const fast_format *f)
{
    for (int s = 0; s < FX_SIDES; s++)
        if (f->border_style[s])
            return 1;
    return f->diagonal != FAST_DIAGONAL_NONE;
}

/* One side of a border (CT_BorderPr §18.8.6) with style @style: a side with a
 * style and no colour in the automatic colour, as Excel writes it. */
static void sb_side(sbuf *b, const fast_format *f, int side, int style)
{
    sb_puts(b, "<");
    sb_puts(b, side_names[side]);
    if (!style) {
        sb_puts(b, "/>");
        return;
    }
    sb_puts(b, " style=\"");
    sb_puts(b, border_names[style]);
    sb_puts(b, "\">");
    if (f->border_color[side].kind != FX_COLOR_NONE)
        sb_color(b, "color", &f->border_color[side]);
    else
        sb_puts(b, "<color auto=\"1\"/>");
    sb_puts(b, "</");
    sb_puts(b, side_names[side]);
    sb_puts(b, ">");
}

/* The border of @f (CT_Border §18.8.4: left, right, top, bottom, diagonal);
 * @dxf: the form of a differential format, four sides, only those set. */
static void sb_border(sbuf *b, const fast_format *f, int dxf)
{
    sb_puts(b, "<border");
    if (!dxf && (f->diagonal & FAST_DIAGONAL_UP))
        sb_puts(b, " diagonalUp=\"1\"");
    if (!dxf && (f->diagonal & FAST_DIAGONAL_DOWN))
        sb_puts(b, " diagonalDown=\"1\"");
    sb_puts(b, ">");
    for (int s = 0; s < (dxf ? FX_SIDE_DIAGONAL : FX_SIDES); s++) {
        int style = f->border_style[s];
        if (s == FX_SIDE_DIAGONAL && f->diagonal && !style)
            style = FAST_BORDER_THIN;
        if (!dxf || style)
            sb_side(b, f, s, style);
    }
    sb_puts(b, "</border>");
}

/* ---- interning ----------------------------------------------------------------- */

/* A cellXfs entry as stored in the table: the ids it refers to. */
typedef struct xf_key {
    uint32_t numfmt, font, fill, border;
    uint32_t align;      /* horizontal | vertical << 4 | wrap << 8 | shrink << 9 | indent << 16 */
    uint32_t rotation;   /* §18.8.1 textRotation, 0..180 or 255 */
    uint32_t protection; /* unlocked | hidden << 1 */
    uint32_t quote;      /* quotePrefix */
} xf_key;

static fast_status nomem(fx_styles *st)
{
    return fx_fail(st->err, FAST_ERROR_NOMEM, "out of memory building the cell formats");
}

static fast_status intern_font(fx_styles *st, const fast_format *f, int add, uint32_t *id)
{
    sbuf b;
    sb_init(&b);
    sb_font(&b, f);
    fast_status rc = FAST_OK;
    uint32_t i;
    if (b.nomem)
        rc = nomem(st);
    else if (b.len == sizeof DEFAULT_FONT - 1 && memcmp(b.p, DEFAULT_FONT, b.len) == 0)
        *id = 0;
    else if (table_intern(&st->fonts, b.p, b.len, add, &i) != 0)
        rc = nomem(st);
    else
        *id = i == NO_ENTRY ? NO_ENTRY : i + 1;
    sb_free(&b);
    return rc;
}

static fast_status intern_fill(fx_styles *st, const fast_format *f, int add, uint32_t *id)
{
    if (!f || !has_fill(f)) {
        *id = 0;
        return FAST_OK;
    }
    sbuf b;
    sb_init(&b);
    sb_fill(&b, f);
    uint32_t i;
    fast_status rc = FAST_OK;
    if (b.nomem || table_intern(&st->fills, b.p, b.len, add, &i) != 0)
        rc = nomem(st);
    else
        *id = i == NO_ENTRY ? NO_ENTRY : i + 2; /* after none and gray125 */
    sb_free(&b);
    return rc;
}

static fast_status intern_border(fx_styles *st, const fast_format *f, int add, uint32_t *id)
{
    if (!f || !has_border(f)) {
        *id = 0;
        return FAST_OK;
    }
    sbuf b;
    sb_init(&b);
    sb_border(&b, f, 0);
    uint32_t i;
    fast_status rc = FAST_OK;
    if (b.nomem || table_intern(&st->borders, b.p, b.len, add, &i) != 0)
        rc = nomem(st);
    else
        *id = i == NO_ENTRY ? NO_ENTRY : i + 1;
    sb_free(&b);
    return rc;
}

static fast_status intern_numfmt(fx_styles *st, const fast_format *f, int kind, int add, uint32_t *id)
{
    const char *code = NULL;
    size_t len = 0;
    if (f && f->num_format) {
        code = f->num_format;
        len = f->num_format_len;
    } else if (kind == FX_VALUE_DATE) {
        code = date_code;
        len = sizeof date_code - 1;
    } else if (kind == FX_VALUE_DATETIME) {
        code = datetime_code;
        len = sizeof datetime_code - 1;
    }
    if (!code) {
        *id = 0;
        return FAST_OK;
    }
    for (size_t k = 0; k < sizeof builtin_numfmts / sizeof builtin_numfmts[0]; k++) {
        if (strlen(builtin_numfmts[k].code) == len && memcmp(builtin_numfmts[k].code, code, len) == 0) {
            *id = builtin_numfmts[k].id;
            return FAST_OK;
        }
    }
    sbuf b;
    sb_init(&b);
    sb_attr(&b, code, len);
    uint32_t i;
    fast_status rc = FAST_OK;
    if (b.nomem || table_intern(&st->numfmts, b.p, b.len, add, &i) != 0)
        rc = nomem(st);
    else
        *id = i == NO_ENTRY ? NO_ENTRY : FIRST_CUSTOM_NUMFMT + i;
    sb_free(&b);
    return rc;
}

static fast_status limit_reached(fx_styles *st)
{
    return fx_reject(st->err, FAST_ERROR_FORMAT_LIMIT,
                     "more than %u distinct cell formats (FAST_MAX_FORMATS, cellXfs entries)",
                     (unsigned)FAST_MAX_FORMATS);
}

/* The uncached path of fx_styles_xf(). Once cellXfs is full, nothing is added
 * (so a failed lookup leaves no unused font, fill, border or numFmt behind). */
static fast_status xf_lookup(fx_styles *st, const fast_format *f, int kind, uint32_t *xf)
{
    /* cellXfs 0 and the table's entries: at most FAST_MAX_FORMATS in all */
    int add = st->xfs.count + 1 < FAST_MAX_FORMATS;
    xf_key key;
    memset(&key, 0, sizeof key);
    fast_status rc;
    if ((rc = intern_numfmt(st, f, kind, add, &key.numfmt)) != FAST_OK ||
        (rc = intern_font(st, f, add, &key.font)) != FAST_OK ||
        (rc = intern_fill(st, f, add, &key.fill)) != FAST_OK ||
        (rc = intern_border(st, f, add, &key.border)) != FAST_OK)
        return rc;
    if (f) {
        uint32_t h = (uint32_t)f->align;
        /* Excel indents only left, right and distributed text: others become left. */
        if (f->indent && h != FAST_ALIGN_LEFT && h != FAST_ALIGN_RIGHT && h != FAST_ALIGN_DISTRIBUTED)
            h = FAST_ALIGN_LEFT;
        key.align = h | (uint32_t)f->valign << 4 | (uint32_t)(f->wrap != 0) << 8 | (uint32_t)(f->shrink != 0) << 9 |
                    (uint32_t)f->indent << 16;
        key.rotation = (uint32_t)f->rotation;
        key.protection = (uint32_t)(f->unlocked != 0) | (uint32_t)(f->hidden != 0) << 1;
        key.quote = f->quote_prefix != 0;
    }
    if (key.numfmt == 0 && key.font == 0 && key.fill == 0 && key.border == 0 && key.align == 0 &&
        key.rotation == 0 && key.protection == 0 && key.quote == 0) {
        *xf = 0;
        return FAST_OK;
    }
    /* When full, a part that is not in its table is NO_ENTRY in the key, which
     * then matches no entry either. */
    uint32_t i;
    if (table_intern(&st->xfs, &key, sizeof key, add, &i) != 0)
        return nomem(st);
    if (i == NO_ENTRY)
        return limit_reached(st);
    *xf = i + 1;
    return FAST_OK;
}

/* ---- interface ------------------------------------------------------------------ */

void fx_styles_init(fx_styles *st, fx_error *err)
{
    memset(st, 0, sizeof *st);
    st->err = err;
}

void fx_styles_free(fx_styles *st)
{
    for (size_t i = 0; i < st->nformats; i++) {
        free(st->formats[i]->font_name);
        free(st->formats[i]->num_format);
        free(st->formats[i]);
    }
    free(st->formats);
    table_free(&st->fonts);
    table_free(&st->fills);
    table_free(&st->borders);
    table_free(&st->numfmts);
    table_free(&st->xfs);
    table_free(&st->dxfs);
    fx_error *err = st->err;
    memset(st, 0, sizeof *st);
    st->err = err;
}

fast_format *fx_styles_new_format(fx_styles *st)
{
    if (st->nformats == st->capformats) {
        size_t cap = st->capformats ? st->capformats * 2 : 16;
        fast_format **p = realloc(st->formats, cap * sizeof *p);
        if (!p) {
            fx_fail(st->err, FAST_ERROR_NOMEM, "out of memory adding a cell format");
            return NULL;
        }
        st->formats = p;
        st->capformats = cap;
    }
    fast_format *f = calloc(1, sizeof *f);
    if (!f) {
        fx_fail(st->err, FAST_ERROR_NOMEM, "out of memory adding a cell format");
        return NULL;
    }
    f->owner = st;
    st->formats[st->nformats++] = f;
    return f;
}

fast_format *fx_styles_copy_format(fx_styles *st, const fast_format *f)
{
    fast_format *c = fx_styles_new_format(st);
    if (!c)
        return NULL;
    fx_styles *owner = c->owner;
    *c = *f;
    c->owner = owner;
    c->font_name = NULL;
    c->num_format = NULL;
    if (f->font_name && !(c->font_name = malloc(f->font_name_len + 1)))
        goto nomem;
    if (f->font_name)
        memcpy(c->font_name, f->font_name, f->font_name_len + 1);
    if (f->num_format && !(c->num_format = malloc(f->num_format_len + 1)))
        goto nomem;
    if (f->num_format)
        memcpy(c->num_format, f->num_format, f->num_format_len + 1);
    return c;
nomem:
    fx_fail(st->err, FAST_ERROR_NOMEM, "out of memory copying a cell format");
    return NULL; /* the copy stays in the list, freed with the others */
}

fast_status fx_styles_xf(fx_styles *st, const fast_format *fmt, int value_kind, uint32_t *xf)
{
    if (FX_UNLIKELY(value_kind < FX_VALUE_PLAIN || value_kind > FX_VALUE_DATETIME))
        return fx_fail(st->err, FAST_ERROR_INVALID_ARGUMENT, "internal error: value kind %d", value_kind);
    if (fmt) {
        if (FX_LIKELY(fmt->xf_valid[value_kind] && fmt->owner == st)) {
            *xf = fmt->xf[value_kind];
            return FAST_OK;
        }
        if (fmt->owner != st)
            return fx_reject(st->err, FAST_ERROR_INVALID_ARGUMENT,
                             "a cell format that belongs to another workbook");
        uint32_t i;
        fast_status rc = xf_lookup(st, fmt, value_kind, &i);
        if (rc != FAST_OK)
            return rc;
        /* The cache is the only part of a format that changes behind a const
         * pointer; formats are always allocated by fx_styles_new_format(). */
        fast_format *m = (fast_format *)(uintptr_t)fmt;
        m->xf[value_kind] = i;
        m->xf_valid[value_kind] = 1;
        *xf = i;
        return FAST_OK;
    }
    if (value_kind == FX_VALUE_PLAIN) {
        *xf = 0;
        return FAST_OK;
    }
    if (!st->plain_xf_valid[value_kind]) {
        fast_status rc = xf_lookup(st, NULL, value_kind, &st->plain_xf[value_kind]);
        if (rc != FAST_OK)
            return rc;
        st->plain_xf_valid[value_kind] = 1;
    }
    *xf = st->plain_xf[value_kind];
    return FAST_OK;
}

/* ---- differential formats ------------------------------------------------------- */

/* The dxf of @f (§18.8.14; CT_Dxf: font, numFmt, fill, border in this order),
 * in the form Excel writes: only what is set, a solid fill as the pattern's
 * bgColor without a patternType. */
static fast_status build_dxf(fx_styles *st, const fast_format *f, sbuf *b)
{
    sb_puts(b, "<dxf>");
    if (f->bold || f->italic || f->strike || f->underline || f->script || f->font_color.kind != FX_COLOR_NONE) {
        sb_puts(b, "<font>");
        sb_font_styles(b, f);
        if (f->font_color.kind != FX_COLOR_NONE)
            sb_color(b, "color", &f->font_color);
        sb_puts(b, "</font>");
    }
    if (f->num_format) {
        /* A custom code takes its id from the numFmts table, so that a code has
         * one id in the stylesheet. */
        uint32_t id;
        fast_status rc = intern_numfmt(st, f, FX_VALUE_PLAIN, 1, &id);
        if (rc != FAST_OK)
            return rc;
        char num[24];
        sb_puts(b, "<numFmt numFmtId=\"");
        sb_add(b, num, fx_u64_to_text(id, num));
        sb_puts(b, "\" formatCode=\"");
        sb_attr(b, f->num_format, f->num_format_len);
        sb_puts(b, "\"/>");
    }
    if (has_fill(f)) {
        if (f->fill_pattern <= FAST_PATTERN_SOLID) {
            /* Excel's solid dxf fill: the colour as bgColor, no patternType */
            const fx_color *c = f->fill_color.kind != FX_COLOR_NONE ? &f->fill_color : &f->fill_bg_color;
            sb_puts(b, "<fill><patternFill>");
            if (c->kind != FX_COLOR_NONE)
                sb_color(b, "bgColor", c);
            sb_puts(b, "</patternFill></fill>");
        } else {
            sb_puts(b, "<fill><patternFill patternType=\"");
            sb_puts(b, pattern_names[f->fill_pattern]);
            sb_puts(b, "\">");
            if (f->fill_color.kind != FX_COLOR_NONE)
                sb_color(b, "fgColor", &f->fill_color);
            if (f->fill_bg_color.kind != FX_COLOR_NONE)
                sb_color(b, "bgColor", &f->fill_bg_color);
            sb_puts(b, "</patternFill></fill>");
        }
    }
    for (int s = 0; s < FX_SIDE_DIAGONAL; s++) {
        if (f->border_style[s]) {
            sb_border(b, f, 1);
            break;
        }
    }
    sb_puts(b, "</dxf>");
    return FAST_OK;
}

fast_status fx_styles_dxf(fx_styles *st, const fast_format *fmt, uint32_t *dxf_id)
{
    if (!fmt || fmt->owner != st)
        return fx_reject(st->err, FAST_ERROR_INVALID_ARGUMENT, "a format that belongs to another workbook");
    sbuf b;
    sb_init(&b);
    fast_status rc = build_dxf(st, fmt, &b);
    uint32_t i = 0;
    if (rc == FAST_OK && (b.nomem || table_intern(&st->dxfs, b.p, b.len, 1, &i) != 0))
        rc = nomem(st);
    if (rc == FAST_OK)
        *dxf_id = i;
    sb_free(&b);
    return rc;
}

/* ---- xl/styles.xml ---------------------------------------------------------------- */

static const char *const halign_names[] = {NULL,      "left",      "center",           "right",
                                           "fill",    "justify",   "centerContinuous", "distributed"};
static const char *const valign_names[] = {NULL, "top", "center", "justify", "distributed"};

/* Write "<@name count="@n">". */
static fast_status put_open(fx_xmlbuf *xb, const char *name, size_t n)
{
    char buf[64];
    int len = snprintf(buf, sizeof buf, "<%s count=\"%zu\">", name, n);
    return fx_xb_write(xb, buf, (size_t)len);
}

/* Write the records of @t in order. */
static fast_status put_entries(fx_xmlbuf *xb, const fx_style_table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        fast_status rc = fx_xb_write(xb, t->arena + t->entries[i].offset, t->entries[i].len);
        if (rc != FAST_OK)
            return rc;
    }
    return FAST_OK;
}

/* A cellXfs entry (CT_Xf §18.8.45: alignment, then protection). */
static fast_status put_xf(fx_xmlbuf *xb, const xf_key *k)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf,
                     "<xf numFmtId=\"%u\" fontId=\"%u\" fillId=\"%u\" borderId=\"%u\" xfId=\"0\"%s%s%s%s%s%s%s",
                     (unsigned)k->numfmt, (unsigned)k->font, (unsigned)k->fill, (unsigned)k->border,
                     k->quote ? " quotePrefix=\"1\"" : "", k->numfmt ? " applyNumberFormat=\"1\"" : "",
                     k->font ? " applyFont=\"1\"" : "", k->fill ? " applyFill=\"1\"" : "",
                     k->border ? " applyBorder=\"1\"" : "",
                     k->align || k->rotation ? " applyAlignment=\"1\"" : "",
                     k->protection ? " applyProtection=\"1\"" : "");
    if (!k->align && !k->rotation && !k->protection) {
        n += snprintf(buf + n, sizeof buf - (size_t)n, "/>");
        return fx_xb_write(xb, buf, (size_t)n);
    }
    n += snprintf(buf + n, sizeof buf - (size_t)n, ">");
    if (k->align || k->rotation) {
        unsigned h = k->align & 0xF, v = (k->align >> 4) & 0xF, wrap = (k->align >> 8) & 1,
                 shrink = (k->align >> 9) & 1, indent = k->align >> 16;
        n += snprintf(buf + n, sizeof buf - (size_t)n, "<alignment");
        if (h)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " horizontal=\"%s\"", halign_names[h]);
        if (v)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " vertical=\"%s\"", valign_names[v]);
        if (k->rotation)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " textRotation=\"%u\"", (unsigned)k->rotation);
        if (wrap)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " wrapText=\"1\"");
        if (indent)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " indent=\"%u\"", indent);
        if (shrink)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " shrinkToFit=\"1\"");
        n += snprintf(buf + n, sizeof buf - (size_t)n, "/>");
    }
    if (k->protection)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "<protection%s%s/>",
                      (k->protection & 1) ? " locked=\"0\"" : "", (k->protection & 2) ? " hidden=\"1\"" : "");
    n += snprintf(buf + n, sizeof buf - (size_t)n, "</xf>");
    return fx_xb_write(xb, buf, (size_t)n);
}

fast_status fx_styles_write_xml(const fx_styles *st, fx_xmlbuf *xb)
{
    fast_status rc;
#define PUT(s)                                          \
    do {                                                \
        if ((rc = fx_xb_write(xb, s, sizeof(s) - 1)) != FAST_OK) \
            return rc;                                  \
    } while (0)
#define CALL(e)                   \
    do {                          \
        if ((rc = (e)) != FAST_OK) \
            return rc;            \
    } while (0)

    PUT("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    if (st->numfmts.count) {
        CALL(put_open(xb, "numFmts", st->numfmts.count));
        for (size_t i = 0; i < st->numfmts.count; i++) {
            char buf[64];
            int n = snprintf(buf, sizeof buf, "<numFmt numFmtId=\"%zu\" formatCode=\"", FIRST_CUSTOM_NUMFMT + i);
            CALL(fx_xb_write(xb, buf, (size_t)n));
            CALL(fx_xb_write(xb, st->numfmts.arena + st->numfmts.entries[i].offset, st->numfmts.entries[i].len));
            PUT("\"/>");
        }
        PUT("</numFmts>");
    }
    CALL(put_open(xb, "fonts", 1 + st->fonts.count));
    PUT(DEFAULT_FONT);
    CALL(put_entries(xb, &st->fonts));
    PUT("</fonts>");
    CALL(put_open(xb, "fills", 2 + st->fills.count));
    PUT("<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>");
    CALL(put_entries(xb, &st->fills));
    PUT("</fills>");
    CALL(put_open(xb, "borders", 1 + st->borders.count));
    PUT("<border><left/><right/><top/><bottom/><diagonal/></border>");
    CALL(put_entries(xb, &st->borders));
    PUT("</borders>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>");
    CALL(put_open(xb, "cellXfs", 1 + st->xfs.count));
    PUT("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>");
    for (size_t i = 0; i < st->xfs.count; i++) {
        xf_key k;
        memcpy(&k, st->xfs.arena + st->xfs.entries[i].offset, sizeof k);
        CALL(put_xf(xb, &k));
    }
    PUT("</cellXfs>"
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>");
    if (st->dxfs.count) {
        CALL(put_open(xb, "dxfs", st->dxfs.count));
        CALL(put_entries(xb, &st->dxfs));
        PUT("</dxfs>");
    }
    PUT("</styleSheet>");
    return FAST_OK;
#undef PUT
#undef CALL
}
