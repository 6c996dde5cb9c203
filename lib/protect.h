/*
 * protect.h - sheet and workbook protection (protect.c): <sheetProtection>
 * after the rows (ECMA-376 Part 1 §18.3.1.85) and <workbookProtection> in the
 * workbook part (§18.2.29), with the legacy 16-bit password hash.
 */
#ifndef FX_PROTECT_H
#define FX_PROTECT_H

#include "internal.h"
#include "workbook.h"

/* <sheetProtection> of @sh, if protected. */
fast_status fx_protect_write_sheet(const fx_sheet *sh, fx_xmlbuf *xb);

/* <workbookProtection> of @wb, if its structure is locked. */
fast_status fx_protect_write_workbook(const fast_workbook *wb, fx_xmlbuf *xb);

#endif /* FX_PROTECT_H */
