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
    return set_flag(format, &format->underline, on);
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
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_flag(format, &format->border, on);
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

/* Set a colour and its "is set" flag. */
static fast_status set_color(fast_format *f, int *has, uint32_t *field, uint32_t rgb)
{
    if (rgb > MAX_COLOR)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (!*has || *field != rgb) {
        *has = 1;
        *field = rgb;
        invalidate(f);
    }
    return FAST_OK;
}

FAST_API fast_status fast_format_set_font_color(fast_format *format, uint32_t rgb)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_color(format, &format->has_font_color, &format->font_color, rgb);
}

FAST_API fast_status fast_format_set_fill_color(fast_format *format, uint32_t rgb)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_color(format, &format->has_fill, &format->fill_color, rgb);
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
    return set_enum(format, &format->align, horizontal, FAST_ALIGN_JUSTIFY);
}

FAST_API fast_status fast_format_set_valign(fast_format *format, int vertical)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_enum(format, &format->valign, vertical, FAST_VALIGN_JUSTIFY);
}

FAST_API fast_status fast_format_set_num_format(fast_format *format, const char *code, size_t len)
{
    if (!format)
        return FAST_ERROR_INVALID_ARGUMENT;
    return set_text(format, &format->num_format, &format->num_format_len, code, len, MAX_NUM_FORMAT_CHARS);
}
