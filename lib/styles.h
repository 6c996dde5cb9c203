/*
 * styles.h - xl/styles.xml: fonts, fills, borders, numFmts and cellXfs.
 */
#ifndef FX_STYLES_H
#define FX_STYLES_H

#include "internal.h"

fast_status fx_styles_write_xml(fx_xmlbuf *xb);

#endif /* FX_STYLES_H */
