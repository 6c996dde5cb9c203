/*
 * sst.c - the capped shared strings table and xl/sharedStrings.xml.
 */
#include "internal.h"
#include "rich.h"
#include "sst.h"
#include "xml.h"

#include <stdlib.h>

void fx_sst_init(fx_sst *sst, size_t max_strings, size_t max_bytes)
{
    memset(sst, 0, sizeof *sst);
    sst->max_strings = max_strings;
    sst->max_bytes = max_bytes;
}

void fx_sst_free(fx_sst *sst)
{
    free(sst->slots);
    free(sst->entries);
    free(sst->arena);
    fx_sst_init(sst, sst->max_strings, sst->max_bytes);
}

static inline int same_bytes(const char *a, const char *b, size_t n)
{
    return n <= 8 ? fx_load_upto8(a, n) == fx_load_upto8(b, n) : memcmp(a, b, n) == 0;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    uint64_t w = fx_load_upto8(s, n); /* the same value as a zero-padded copy */
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return (uint32_t)(h >> 32);
}

/* Grow the slot array to @n slots and re-insert every entry. */
static int rehash(fx_sst *sst, size_t n)
{
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < sst->count; i++) {
        size_t j = sst->entries[i].hash & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = (uint32_t)(i + 1);
    }
    free(sst->slots);
    sst->slots = slots;
    sst->nslots = n;
    return 0;
}

/* Make room for one more entry of @len bytes. Growth never exceeds what the cap needs. */
static int reserve(fx_sst *sst, size_t len)
{
    if ((sst->count + 1) * 2 > sst->nslots) {
        size_t n = sst->nslots ? sst->nslots * 2 : 1024;
        if (rehash(sst, n))
            return -1;
    }
    if (sst->count == sst->cap) {
        size_t cap = sst->cap ? sst->cap * 2 : 256;
        if (cap > sst->max_strings)
            cap = sst->max_strings;
        fx_sst_entry *e = realloc(sst->entries, cap * sizeof *e);
        if (!e)
            return -1;
        sst->entries = e;
        sst->cap = cap;
    }
    if (sst->arena_len + len > sst->arena_cap) {
        size_t cap = sst->arena_cap ? sst->arena_cap : 4096;
        while (cap < sst->arena_len + len)
            cap *= 2;
        if (cap > sst->max_bytes)
            cap = sst->max_bytes;
        char *a = realloc(sst->arena, cap);
        if (!a)
            return -1;
        sst->arena = a;
        sst->arena_cap = cap;
    }
    return 0;
}

int fx_sst_intern(fx_sst *sst, const char *s, size_t len, uint32_t *index)
{
    uint32_t h = hash_bytes(s, len);
    if (sst->nslots) {
        size_t j = h & (sst->nslots - 1);
        while (sst->slots[j]) {
            const fx_sst_entry *e = &sst->entries[sst->slots[j] - 1];
            if (e->hash == h && e->len == len && (len == 0 || same_bytes(sst->arena + e->offset, s, len))) {
                *index = sst->slots[j] - 1;
                sst->references++;
                return 1;
            }
            j = (j + 1) & (sst->nslots - 1);
        }
    }
    if (sst->count >= sst->max_strings || len > sst->max_bytes - sst->arena_len)
        return 0; /* full: the caller writes it inline */
    if (reserve(sst, len))
        return -1;
    size_t j = h & (sst->nslots - 1);
    while (sst->slots[j])
        j = (j + 1) & (sst->nslots - 1);
    fx_sst_entry *e = &sst->entries[sst->count];
    e->offset = sst->arena_len;
    e->len = (uint32_t)len;
    e->hash = h;
    if (len)
        memcpy(sst->arena + sst->arena_len, s, len);
    sst->arena_len += len;
    *index = (uint32_t)sst->count;
    sst->slots[j] = (uint32_t)++sst->count;
    sst->references++;
    return 1;
}

fast_status fx_sst_write_xml(const fx_sst *sst, fx_xmlbuf *xb)
{
    char num[24];
    fast_status st = fx_xb_puts(xb, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                                    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"");
    if (st == FAST_OK)
        st = fx_xb_write(xb, num, fx_u64_to_text(sst->references, num));
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "\" uniqueCount=\"");
    if (st == FAST_OK)
        st = fx_xb_write(xb, num, fx_u64_to_text(sst->count, num));
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "\">");
    for (size_t i = 0; i < sst->count && st == FAST_OK; i++) {
        const char *s = sst->arena ? sst->arena + sst->entries[i].offset : "";
        size_t len = sst->entries[i].len;
        if ((st = fx_xb_reserve(xb, 64)) != FAST_OK)
            break;
        if (fx_rich_key(s, len)) { /* a rich string's runs, already XML */
            FX_XB_LIT(xb, "<si>");
            st = fx_xb_write(xb, s + 1, len - 1);
            if (st == FAST_OK)
                st = fx_xb_puts(xb, "</si>");
            continue;
        }
        if (fx_xml_needs_preserve(s, len))
            FX_XB_LIT(xb, "<si><t xml:space=\"preserve\">");
        else
            FX_XB_LIT(xb, "<si><t>");
        st = fx_xml_write_escaped(xb, s, len, 0);
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</t></si>");
    }
    if (st == FAST_OK)
        st = fx_xb_puts(xb, "</sst>");
    return st;
}

size_t fx_sst_memory(const fx_sst *sst)
{
    return sst->nslots * sizeof *sst->slots + sst->cap * sizeof *sst->entries + sst->arena_cap;
}
