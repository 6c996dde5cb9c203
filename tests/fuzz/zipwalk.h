/*
 * zipwalk.h - an independent reader of the ZIP packages the library writes, for
 * the fuzz targets' oracles. It shares no code with lib/zip.c: it follows
 * PKWARE's APPNOTE.TXT (6.3.x) directly and inflates with zlib.
 *
 * zw_walk() checks, and reports the first violation as text:
 *  - the end of central directory record (4.3.16) ends the data exactly, and
 *    the ZIP64 end record and locator (4.3.14, 4.3.15) when a field is saturated
 *    or present;
 *  - every central directory header (4.3.12) against its local header (4.3.7):
 *    version needed, flags, method, name; sizes and CRC-32 either in the local
 *    header or, with flag bit 3, in a data descriptor (4.3.9) of 4- or 8-byte
 *    sizes, with or without its signature; ZIP64 extra fields (4.5.3) where a
 *    field is 0xFFFFFFFF;
 *  - entries packed back to back from offset 0 up to the central directory,
 *    with unique names;
 *  - stored data (method 0) with equal sizes, deflated data (method 8, RFC 1951)
 *    that inflates to exactly the uncompressed size using exactly the
 *    compressed bytes, and the CRC-32 of the result.
 * On success every entry's inflated content is available until zw_free().
 */
#ifndef FASTXLSX_ZIPWALK_H
#define FASTXLSX_ZIPWALK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct zw_entry {
    char name[256];
    uint64_t offset, csize, usize;
    uint32_t crc;
    unsigned method, flags;
    unsigned char *data; /* usize bytes, inflated */
} zw_entry;

typedef struct zw_archive {
    zw_entry *e;
    size_t n;
    char error[512];
} zw_archive;

static uint32_t zw_le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t zw_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t zw_le64(const unsigned char *p)
{
    return (uint64_t)zw_le32(p) | (uint64_t)zw_le32(p + 4) << 32;
}

static int zw_fail(zw_archive *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->error, sizeof a->error, fmt, ap);
    va_end(ap);
    return 0;
}

static void zw_free(zw_archive *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->e[i].data);
    free(a->e);
    a->e = NULL;
    a->n = 0;
}

/* The ZIP64 extended information extra field: replace saturated values. */
static int zw_zip64_extra(zw_archive *a, const unsigned char *x, size_t xlen, uint64_t *usize, uint64_t *csize,
                          uint64_t *offset, int local, int *found)
{
    size_t i = 0;
    *found = 0;
    while (i + 4 <= xlen) {
        unsigned id = zw_le16(x + i), sz = zw_le16(x + i + 2);
        if (i + 4 + sz > xlen)
            return zw_fail(a, "extra field overruns its area");
        if (id == 0x0001) {
            const unsigned char *p = x + i + 4;
            size_t k = 0;
            *found = 1;
            /* In a local header both sizes are present (4.5.3); in the central
             * directory only the saturated ones, in this order. */
            if (local || *usize == 0xFFFFFFFFu) {
                if (k + 8 > sz)
                    return zw_fail(a, "ZIP64 extra field too short for the uncompressed size");
                *usize = zw_le64(p + k);
                k += 8;
            }
            if (local || *csize == 0xFFFFFFFFu) {
                if (k + 8 > sz)
                    return zw_fail(a, "ZIP64 extra field too short for the compressed size");
                *csize = zw_le64(p + k);
                k += 8;
            }
            if (!local && offset && *offset == 0xFFFFFFFFu) {
                if (k + 8 > sz)
                    return zw_fail(a, "ZIP64 extra field too short for the offset");
                *offset = zw_le64(p + k);
                k += 8;
            }
        }
        i += 4 + sz;
    }
    if (i != xlen)
        return zw_fail(a, "extra field area has %zu trailing bytes", xlen - i);
    return 1;
}

static int zw_inflate(zw_archive *a, zw_entry *e, const unsigned char *src)
{
    if (e->usize > (uint64_t)1 << 31)
        return zw_fail(a, "%s: uncompressed size %llu is implausible here", e->name,
                       (unsigned long long)e->usize);
    e->data = malloc(e->usize ? (size_t)e->usize : 1);
    if (!e->data)
        return zw_fail(a, "out of memory");
    if (e->method == 0) {
        if (e->csize != e->usize)
            return zw_fail(a, "%s: stored entry with compressed size %llu != uncompressed %llu", e->name,
                           (unsigned long long)e->csize, (unsigned long long)e->usize);
        memcpy(e->data, src, (size_t)e->usize);
    } else if (e->method == 8) {
        z_stream zs;
        unsigned char spare[64];
        int in_spare = 0, rc;
        if (e->csize > (uint64_t)1 << 31)
            return zw_fail(a, "%s: compressed size %llu is implausible here", e->name, (unsigned long long)e->csize);
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, -15) != Z_OK)
            return zw_fail(a, "inflateInit2 failed");
        zs.next_in = (unsigned char *)src;
        zs.avail_in = (uInt)e->csize;
        zs.next_out = e->data;
        zs.avail_out = (uInt)e->usize;
        for (;;) {
            if (zs.avail_out == 0) {
                /* Output beyond the declared size lands in a spare area, so that
                 * it is detected rather than written out of bounds. */
                if (in_spare) {
                    inflateEnd(&zs);
                    return zw_fail(a, "%s: inflates to more than %llu bytes", e->name,
                                   (unsigned long long)e->usize);
                }
                in_spare = 1;
                zs.next_out = spare;
                zs.avail_out = sizeof spare;
            }
            rc = inflate(&zs, Z_NO_FLUSH);
            if (rc == Z_STREAM_END)
                break;
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                inflateEnd(&zs);
                return zw_fail(a, "%s: inflate failed (%d)", e->name, rc);
            }
            if (zs.avail_in == 0 && zs.avail_out != 0) {
                inflateEnd(&zs);
                return zw_fail(a, "%s: deflate stream is truncated", e->name);
            }
        }
        uint64_t produced = in_spare ? e->usize + (sizeof spare - zs.avail_out) : e->usize - zs.avail_out;
        uint64_t left = zs.avail_in;
        inflateEnd(&zs);
        if (produced != e->usize)
            return zw_fail(a, "%s: inflated to %llu bytes, sizes say %llu", e->name,
                           (unsigned long long)produced, (unsigned long long)e->usize);
        if (left != 0)
            return zw_fail(a, "%s: deflate stream ends %llu bytes before the compressed size", e->name,
                           (unsigned long long)left);
    } else {
        return zw_fail(a, "%s: unexpected method %u", e->name, e->method);
    }
    uLong crc = crc32(0L, Z_NULL, 0);
    uint64_t done = 0;
    while (done < e->usize) {
        uInt step = e->usize - done > (1u << 30) ? (1u << 30) : (uInt)(e->usize - done);
        crc = crc32(crc, e->data + done, step);
        done += step;
    }
    if ((uint32_t)crc != e->crc)
        return zw_fail(a, "%s: CRC-32 %08x of the data, %08x recorded", e->name, (unsigned)crc, (unsigned)e->crc);
    return 1;
}

/* Walk the archive @buf of @len bytes. Returns 1, or 0 with a->error set. */
static int zw_walk(zw_archive *a, const unsigned char *buf, size_t len)
{
    memset(a, 0, sizeof *a);
    if (len < 22)
        return zw_fail(a, "%zu bytes is too short for a ZIP file", len);
    /* The library writes no archive comment: the record is the last 22 bytes. */
    const unsigned char *eocd = buf + len - 22;
    if (zw_le32(eocd) != 0x06054b50)
        return zw_fail(a, "no end of central directory record in the last 22 bytes");
    if (zw_le16(eocd + 20) != 0)
        return zw_fail(a, "archive comment of %u bytes", zw_le16(eocd + 20));
    if (zw_le16(eocd + 4) != 0 || zw_le16(eocd + 6) != 0)
        return zw_fail(a, "multi-disk numbers in the end record");
    uint64_t count = zw_le16(eocd + 10), cd_size = zw_le32(eocd + 12), cd_off = zw_le32(eocd + 16);
    if (zw_le16(eocd + 8) != count)
        return zw_fail(a, "entries on this disk %u != total %u", zw_le16(eocd + 8), (unsigned)count);
    uint64_t cd_end = len - 22;
    if (len >= 22 + 20 && zw_le32(eocd - 20) == 0x07064b50) {
        const unsigned char *loc = eocd - 20;
        uint64_t z64off = zw_le64(loc + 8);
        if (zw_le32(loc + 4) != 0 || zw_le32(loc + 16) != 1)
            return zw_fail(a, "ZIP64 locator disk fields");
        if (z64off + 56 != len - 22 - 20)
            return zw_fail(a, "ZIP64 end record at %llu does not end at the locator", (unsigned long long)z64off);
        const unsigned char *z = buf + z64off;
        if (zw_le32(z) != 0x06064b50 || zw_le64(z + 4) != 44)
            return zw_fail(a, "bad ZIP64 end of central directory record");
        uint64_t n64 = zw_le64(z + 32), size64 = zw_le64(z + 40), off64 = zw_le64(z + 48);
        if (zw_le64(z + 24) != n64 || zw_le32(z + 16) != 0 || zw_le32(z + 20) != 0)
            return zw_fail(a, "ZIP64 end record disk fields");
        if ((count != 0xFFFF && count != n64) || (cd_size != 0xFFFFFFFFu && cd_size != size64) ||
            (cd_off != 0xFFFFFFFFu && cd_off != off64))
            return zw_fail(a, "ZIP64 end record disagrees with the end record");
        count = n64;
        cd_size = size64;
        cd_off = off64;
        cd_end = z64off;
    } else if (count == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_off == 0xFFFFFFFFu) {
        return zw_fail(a, "saturated end record without a ZIP64 locator");
    }
    if (cd_off > cd_end || cd_end - cd_off != cd_size)
        return zw_fail(a, "central directory at %llu of %llu bytes does not end at %llu", (unsigned long long)cd_off,
                       (unsigned long long)cd_size, (unsigned long long)cd_end);
    if (count > 100000)
        return zw_fail(a, "%llu entries", (unsigned long long)count);
    a->e = calloc(count ? (size_t)count : 1, sizeof *a->e);
    if (!a->e)
        return zw_fail(a, "out of memory");
    uint64_t p = cd_off, next_local = 0;
    for (uint64_t i = 0; i < count; i++) {
        if (p + 46 > cd_end)
            return zw_fail(a, "central directory header %llu overruns", (unsigned long long)i);
        const unsigned char *c = buf + p;
        if (zw_le32(c) != 0x02014b50)
            return zw_fail(a, "central directory header %llu: bad signature", (unsigned long long)i);
        zw_entry *e = &a->e[a->n];
        unsigned need = zw_le16(c + 6), nlen = zw_le16(c + 28), xlen = zw_le16(c + 30), clen = zw_le16(c + 32);
        e->flags = zw_le16(c + 8);
        e->method = zw_le16(c + 10);
        e->crc = zw_le32(c + 16);
        e->csize = zw_le32(c + 20);
        e->usize = zw_le32(c + 24);
        e->offset = zw_le32(c + 42);
        if (p + 46 + nlen + xlen + clen > cd_end)
            return zw_fail(a, "central directory header %llu: names overrun", (unsigned long long)i);
        if (nlen == 0 || nlen >= sizeof e->name)
            return zw_fail(a, "entry name of %u bytes", nlen);
        memcpy(e->name, c + 46, nlen);
        e->name[nlen] = 0;
        if (memchr(e->name, 0, nlen))
            return zw_fail(a, "entry name with a NUL byte");
        if (zw_le16(c + 34) != 0)
            return zw_fail(a, "%s: disk number %u", e->name, zw_le16(c + 34));
        int z64 = 0;
        if (!zw_zip64_extra(a, c + 46 + nlen, xlen, &e->usize, &e->csize, &e->offset, 0, &z64))
            return 0;
        a->n++;
        for (size_t k = 0; k + 1 < a->n; k++)
            if (strcmp(a->e[k].name, e->name) == 0)
                return zw_fail(a, "entry %s appears twice", e->name);
        if (e->flags & 1)
            return zw_fail(a, "%s: encrypted", e->name);
        if (e->offset != next_local)
            return zw_fail(a, "%s: local header at %llu, previous entry ended at %llu", e->name,
                           (unsigned long long)e->offset, (unsigned long long)next_local);
        /* The local header. */
        if (e->offset + 30 > cd_off)
            return zw_fail(a, "%s: local header overruns", e->name);
        const unsigned char *l = buf + e->offset;
        if (zw_le32(l) != 0x04034b50)
            return zw_fail(a, "%s: bad local header signature", e->name);
        unsigned lnlen = zw_le16(l + 26), lxlen = zw_le16(l + 28);
        if (zw_le16(l + 4) != need || zw_le16(l + 6) != e->flags || zw_le16(l + 8) != e->method)
            return zw_fail(a, "%s: local header version/flags/method differ from the central directory", e->name);
        if (zw_le32(l + 10) != zw_le32(c + 12))
            return zw_fail(a, "%s: local header time differs", e->name);
        if (lnlen != nlen || memcmp(l + 30, e->name, nlen) != 0)
            return zw_fail(a, "%s: local header name differs", e->name);
        uint64_t data = e->offset + 30 + lnlen + lxlen;
        if (data > cd_off)
            return zw_fail(a, "%s: local header fields overrun", e->name);
        uint32_t lcrc = zw_le32(l + 14);
        uint64_t lcs = zw_le32(l + 18), lus = zw_le32(l + 22);
        int lz64 = 0;
        if (!zw_zip64_extra(a, l + 30 + lnlen, lxlen, &lus, &lcs, NULL, 1, &lz64))
            return 0;
        if (lz64 && (zw_le32(l + 18) != 0xFFFFFFFFu || zw_le32(l + 22) != 0xFFFFFFFFu) && !(e->flags & 8))
            return zw_fail(a, "%s: ZIP64 local extra field without saturated sizes", e->name);
        if (e->csize > cd_off - data)
            return zw_fail(a, "%s: %llu compressed bytes overrun the central directory", e->name,
                           (unsigned long long)e->csize);
        uint64_t end = data + e->csize;
        if (e->flags & 8) {
            /* Sizes in the local header are zero (or saturated for ZIP64); the descriptor follows. */
            if (lcrc != 0 || (lcs != 0 && !lz64) || (lus != 0 && !lz64))
                return zw_fail(a, "%s: data descriptor flag with non-zero local CRC or sizes", e->name);
            const unsigned char *d = buf + end;
            size_t sig = (end + 4 <= cd_off && zw_le32(d) == 0x08074b50) ? 4 : 0;
            int wide = lz64 || e->csize >= 0xFFFFFFFFu || e->usize >= 0xFFFFFFFFu;
            size_t dlen = sig + 4 + (wide ? 16 : 8);
            if (end + dlen > cd_off)
                return zw_fail(a, "%s: data descriptor overruns", e->name);
            uint32_t dcrc = zw_le32(d + sig);
            uint64_t dcs = wide ? zw_le64(d + sig + 4) : zw_le32(d + sig + 4);
            uint64_t dus = wide ? zw_le64(d + sig + 12) : zw_le32(d + sig + 8);
            if (dcrc != e->crc || dcs != e->csize || dus != e->usize)
                return zw_fail(a, "%s: data descriptor (crc %08x, %llu, %llu) differs from the central directory "
                               "(crc %08x, %llu, %llu)", e->name, (unsigned)dcrc, (unsigned long long)dcs,
                               (unsigned long long)dus, (unsigned)e->crc, (unsigned long long)e->csize,
                               (unsigned long long)e->usize);
            end += dlen;
        } else if (lcrc != e->crc || lcs != e->csize || lus != e->usize) {
            return zw_fail(a, "%s: local header CRC or sizes differ from the central directory", e->name);
        }
        if ((e->csize >= 0xFFFFFFFFu || e->usize >= 0xFFFFFFFFu) && !z64)
            return zw_fail(a, "%s: large sizes without a ZIP64 extra field", e->name);
        if (!zw_inflate(a, e, buf + data))
            return 0;
        next_local = end;
        p += 46 + nlen + xlen + clen;
    }
    if (p != cd_end)
        return zw_fail(a, "central directory holds %llu bytes after its %llu entries", (unsigned long long)(cd_end - p),
                       (unsigned long long)count);
    if (next_local != cd_off)
        return zw_fail(a, "%llu bytes between the last entry and the central directory",
                       (unsigned long long)(cd_off - next_local));
    return 1;
}

static const zw_entry *zw_find(const zw_archive *a, const char *name)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->e[i].name, name) == 0)
            return &a->e[i];
    return NULL;
}

#endif /* FASTXLSX_ZIPWALK_H */
