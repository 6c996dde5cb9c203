/*
 * sst.h - the shared strings table (SST, ECMA-376 Part 1 §18.4.9), capped: it
 * holds at most max_strings unique strings and max_bytes bytes of string data;
 * past the cap, strings not already in it are written inline by the caller.
 */
#ifndef FX_SST_H
#define FX_SST_H

#include "internal.h"
#include "xmlbuf.h"

typedef struct fx_sst_entry {
    size_t offset; /* in the arena */
    uint32_t len;
    uint32_t hash;
} fx_sst_entry;

typedef struct fx_sst {
    size_t max_strings, max_bytes;
    uint32_t *slots;       /* open addressing: entry index + 1, 0 when empty */
    size_t nslots;         /* a power of two, or 0 */
    fx_sst_entry *entries; /* in index order */
    size_t count, cap;
    char *arena;
    size_t arena_len, arena_cap;
    uint64_t references;   /* cells that refer to the table */
} fx_sst;

void fx_sst_init(fx_sst *sst, size_t max_strings, size_t max_bytes);
void fx_sst_free(fx_sst *sst);

/*
 * Find @s in the table, adding it if it is new and fits under the cap.
 * Returns 1 with *@index set when the cell can refer to the table, 0 when the
 * string must be written inline, -1 when out of memory.
 */
int fx_sst_intern(fx_sst *sst, const char *s, size_t len, uint32_t *index);

/* Write xl/sharedStrings.xml. */
fast_status fx_sst_write_xml(const fx_sst *sst, fx_xmlbuf *xb);

/* Bytes allocated by the table. */
size_t fx_sst_memory(const fx_sst *sst);

#endif /* FX_SST_H */
