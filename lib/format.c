/*
 * format.c - the fast_format_set_* setters. Each checks its argument, changes
 * the format only when the value differs, and then forgets the format's cached
 * cellXfs indexes: cells written afterwards get an entry for the new look, cells
 * written before keep the one they were written with.
 */
#include "internal.h"
#include "styles.h"
#include "xml.h"

#include <stdlib.h>

#define MAX_FONT_NAME_CHARS 31u
#define MAX_NUM_FORMAT_CHARS 255u
#define MAX_COLOR 0xFFFFFFu
#define MAX_THEME_COLOR 11
#define MAX_INDENT 250
#define MAX_FONT_FAMILY 14

static void invalidate(fast_format *f)
{
    f->xf_valid[FX_VALUE_PLAIN] = 0;
    f->xf_valid[FX_VALUE_DATE] = 0;
    f->xf_valid[FX_VALUE_DATETIME] = 0;
}

/* Set the int property *@field to 0 or 1. */
static fast_status set_flag(fast_format *f, int *field, int on)
{
    int v = on != 0;
    if (*field != v) {
        *field = v;
        invalidate(f);
    }
    return FAST_OK;
}

/* Replace the string *@field (length *@field_len) with a copy of @s[0..len),
 * which must be valid UTF-8 of 1..@max_chars characters without a character
 * that fx_has_xml_controls() refuses: no font or number format has one, and
 * readers are not known to decode _xHHHH_ in these attributes. */
static fast_status set_text(fast_format *f, char **field, size_t *field_len, const char *s, size_t len,
                            size_t max_chars)
{
    size_t chars = 0, bad = 0;
    if (!s || len == 0 || len > max_chars * 4 || !fx_utf8_check(s, len, &chars, &bad) || chars > max_chars ||
        fx_has_xml_controls(s, len, NULL))
        return FAST_ERROR_INVALID_ARGUMENT;
    if (*field && *field_len == len && memcmp(*field, s, len) == 0)
        return FAST_OK;
    char *copy = malloc(len + 1);
    if (!copy)
        return FAST_ERROR_NOMEM;
    memcpy(copy, s, len);
    copy[len] = '\0';
    free(*field);
    *field = copy;
    *field_len = len;
    invalidate(f);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_bold(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->bold, on);
}

FAST_API fast_status fast_format_set_italic(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->italic, on);
}

FAST_API fast_status fast_format_set_underline(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->underline, on); /* FAST_UNDERLINE_SINGLE is 1 */
}

FAST_API fast_status fast_format_set_strikeout(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->strike, on);
}

FAST_API fast_status fast_format_set_wrap(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->wrap, on);
}

FAST_API fast_status fast_format_set_border(fast_format *format, int on)
{
    return fast_format_set_border_style(format, FAST_BORDER_ALL, on ? FAST_BORDER_THIN : FAST_BORDER_NONE);
}

FAST_API fast_status fast_format_set_font_name(fast_format *format, const char *name, size_t len)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_text(format, &format->font_name, &format->font_name_len, name, len, MAX_FONT_NAME_CHARS);
}

FAST_API fast_status fast_format_set_font_size(fast_format *format, double points)
{
    if (!format || !(points >= 1.0 && points <= 409.0)) /* NaN fails too */
        return FAST_ERROR_INVALID_ARGUMENT;
    if (format->font_size != points) {
        format->font_size = points;
        invalidate(format);
    }
    return FAST_OK;
}

/* Set *@field to @c. */
static void put_color(fast_format *f, fx_color *field, fx_color c)
{
    if (field->kind != c.kind || field->rgb != c.rgb || field->tint != c.tint) {
        *field = c;
        invalidate(f);
    }
}

/* The colour 0xRRGGBB @rgb in *@c; 0 when out of range. */
static int rgb_color(uint32_t rgb, fx_color *c)
{
    if (rgb > MAX_COLOR)
        return 0;
    c->kind = FX_COLOR_RGB;
    c->rgb = rgb;
    c->tint = 0.0;
    return 1;
}

/* Theme colour @theme with @tint in *@c; 0 when out of range. */
static int theme_color(int theme, double tint, fx_color *c)
{
    if (theme < 0 || theme > MAX_THEME_COLOR || !(tint >= -1.0 && tint <= 1.0)) /* NaN fails too */
        return 0;
    c->kind = FX_COLOR_THEME;
    c->rgb = (uint32_t)theme;
    c->tint = tint == 0.0 ? 0.0 : tint; /* -0.0 is 0 */
    return 1;
}

FAST_API fast_status fast_format_set_font_color(fast_format *format, uint32_t rgb)
{
    fx_color c;
    if (!format || !rgb_color(rgb, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    put_color(format, &format->font_color, c);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_fill_color(fast_format *format, uint32_t rgb)
{
    fx_color c;
    if (!format || !rgb_color(rgb, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    put_color(format, &format->fill_color, c);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_fill_bg_color(fast_format *format, uint32_t rgb)
{
    fx_color c;
    if (!format || !rgb_color(rgb, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    put_color(format, &format->fill_bg_color, c);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_font_theme_color(fast_format *format, int theme, double tint)
{
    fx_color c;
    if (!format || !theme_color(theme, tint, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    put_color(format, &format->font_color, c);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_fill_theme_color(fast_format *format, int theme, double tint)
{
    fx_color c;
    if (!format || !theme_color(theme, tint, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    put_color(format, &format->fill_color, c);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_fill_bg_theme_color(fast_format *format, int theme, double tint)
{
    fx_color c;
    if (!format || !theme_color(theme, tint, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    put_color(format, &format->fill_bg_color, c);
    return FAST_OK;
}

/* 1 when @sides is a nonzero combination of FAST_BORDER_LEFT..DIAGONAL. */
static int sides_valid(int sides)
{
    return sides > 0 && sides <= (FAST_BORDER_ALL | FAST_BORDER_DIAGONAL);
}

FAST_API fast_status fast_format_set_border_style(fast_format *format, int sides, int style)
{
    if (!format || !sides_valid(sides) || style < FAST_BORDER_NONE || style > FAST_BORDER_SLANT_DASH_DOT)
        return FAST_ERROR_INVALID_ARGUMENT;
    for (int s = 0; s < FX_SIDES; s++)
        if ((sides & (1 << s)) && format->border_style[s] != style) {
            format->border_style[s] = style;
            invalidate(format);
        }
    return FAST_OK;
}

static void set_side_colors(fast_format *f, int sides, fx_color c)
{
    for (int s = 0; s < FX_SIDES; s++)
        if (sides & (1 << s))
            put_color(f, &f->border_color[s], c);
}

FAST_API fast_status fast_format_set_border_color(fast_format *format, int sides, uint32_t rgb)
{
    fx_color c;
    if (!format || !sides_valid(sides) || !rgb_color(rgb, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    set_side_colors(format, sides, c);
    return FAST_OK;
}

FAST_API fast_status fast_format_set_border_theme_color(fast_format *format, int sides, int theme, double tint)
{
    fx_color c;
    if (!format || !sides_valid(sides) || !theme_color(theme, tint, &c))
        return FAST_ERROR_INVALID_ARGUMENT;
    set_side_colors(format, sides, c);
    return FAST_OK;
}

/* Set an enumerated property to @v in 0..@max. */
static fast_status set_enum(fast_format *f, int *field, int v, int max)
{
    if (v < 0 || v > max)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (*field != v) {
        *field = v;
        invalidate(f);
    }
    return FAST_OK;
}

FAST_API fast_status fast_format_set_align(fast_format *format, int horizontal)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->align, horizontal, FAST_ALIGN_DISTRIBUTED);
}

FAST_API fast_status fast_format_set_valign(fast_format *format, int vertical)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->valign, vertical, FAST_VALIGN_DISTRIBUTED);
}

FAST_API fast_status fast_format_set_num_format(fast_format *format, const char *code, size_t len)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_text(format, &format->num_format, &format->num_format_len, code, len, MAX_NUM_FORMAT_CHARS);
}

FAST_API fast_status fast_format_set_diagonal(fast_format *format, int diagonal)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->diagonal, diagonal, FAST_DIAGONAL_BOTH);
}

FAST_API fast_status fast_format_set_fill_pattern(fast_format *format, int pattern)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->fill_pattern, pattern, FAST_PATTERN_GRAY_0625);
}

FAST_API fast_status fast_format_set_underline_style(fast_format *format, int underline)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->underline, underline, FAST_UNDERLINE_DOUBLE_ACCOUNTING);
}

FAST_API fast_status fast_format_set_font_script(fast_format *format, int script)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->script, script, FAST_SCRIPT_SUBSCRIPT);
}

FAST_API fast_status fast_format_set_font_family(fast_format *format, int family)
{
    if (!format || family < -1)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->font_family, family + 1, MAX_FONT_FAMILY + 1);
}

FAST_API fast_status fast_format_set_font_scheme(fast_format *format, int scheme)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->font_scheme, scheme, FAST_FONT_SCHEME_MINOR);
}

FAST_API fast_status fast_format_set_indent(fast_format *format, int level)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->indent, level, MAX_INDENT);
}

FAST_API fast_status fast_format_set_rotation(fast_format *format, int degrees)
{
    if (!format || !(degrees == FAST_ROTATION_VERTICAL || (degrees >= -90 && degrees <= 90)))
        return FAST_ERROR_INVALID_ARGUMENT;
    /* §18.8.1 textRotation: 0..90 up, 91..180 for 1..90 degrees down */
    int stored = degrees < 0 ? 90 - degrees : degrees;
    return set_enum(format, &format->rotation, stored, FAST_ROTATION_VERTICAL);
}

FAST_API fast_status fast_format_set_shrink(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->shrink, on);
}

FAST_API fast_status fast_format_set_quote_prefix(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->quote_prefix, on);
}

FAST_API fast_status fast_format_set_locked(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->unlocked, !on);
}

FAST_API fast_status fast_format_set_hidden(fast_format *format, int on)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->hidden, on);
}
