/*
 * rich.h - rich strings (ECMA-376 Part 1 §18.4.4 r, §18.4.7 rPr, §18.4.8 si):
 * a cell text of several runs, each with its own font. A rich string holds its
 * runs already as SpreadsheetML, after a marker byte that valid UTF-8 never has,
 * so that the shared strings table keeps plain and rich strings in one hash
 * table without mixing them up (lib/sst.c writes a marked entry as its runs).
 */
#ifndef FX_RICH_H
#define FX_RICH_H

#include "internal.h"

/* The first byte of a rich string's key: never a byte of valid UTF-8. */
#define FX_RICH_MARK '\xFF'

struct fast_rich_string {
    char *key;    /* FX_RICH_MARK, then the runs' XML: <r>[<rPr>..</rPr>]<t>..</t></r>... */
    size_t len;   /* bytes of key */
    size_t cap;
    size_t chars; /* characters of the text, the runs' together */
    size_t runs;
};

/* 1 when @s[0..len) is a rich string's key. */
static inline int fx_rich_key(const char *s, size_t len)
{
    return len > 0 && s[0] == FX_RICH_MARK;
}

#endif /* FX_RICH_H */
