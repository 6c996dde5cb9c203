/*
 * theme.h - the workbook's theme part (theme.c).
 */
#ifndef FX_THEME_H
#define FX_THEME_H

#include <stddef.h>

/* The content of xl/theme/theme1.xml, fx_theme_xml_len bytes (no NUL counted). */
extern const char fx_theme_xml[];
extern const size_t fx_theme_xml_len;

#endif /* FX_THEME_H */
