/*
 * testutil.h - helpers shared by the unit tests: a growing memory buffer and
 * write callbacks that fill it, little-endian readers, a small ZIP reader
 * written from PKWARE APPNOTE.TXT 6.3.x (end of central directory, ZIP64 end
 * record and locator, central directory, ZIP64 extra field), raw inflate with
 * zlib, and byte comparisons that show where two outputs differ.
 *
 * Everything is static inline so that a test uses only what it calls. Only the
 * public header is needed; zlib is used by the inflate/CRC helpers.
 */
#ifndef FX_TESTUTIL_H
#define FX_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <zlib.h>

#include "fastxlsx.h"

/* ---- a growing memory buffer ------------------------------------------------ */

typedef struct tu_buf {
    unsigned char *data;
    size_t len, cap;
    size_t calls; /* how many times a write callback appended */
} tu_buf;

static inline void tu_buf_append(tu_buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        unsigned char *d = realloc(b->data, cap);
        if (!d) {
            fprintf(stderr, "testutil: out of memory growing a buffer to %zu bytes\n", cap);
            abort();
        }
        b->data = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0; /* always NUL-terminated for strstr */
}

static inline void tu_buf_free(tu_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

/* A fast_write_fn that appends everything it is given to the tu_buf @user. */
static inline int tu_write_all(const void *buf, size_t len, void *user)
{
    tu_buf *b = user;
    tu_buf_append(b, buf, len);
    b->calls++;
    return (int)len;
}

/* A fast_write_fn that consumes a single byte per call. */
static inline int tu_write_one(const void *buf, size_t len, void *user)
{
    tu_buf *b = user;
    (void)len;
    tu_buf_append(b, buf, 1);
    b->calls++;
    return 1;
}

/* Read a whole file into @b (appending). Returns 0 or -1. */
static inline int tu_read_file(const char *path, tu_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    unsigned char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        tu_buf_append(b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

/* ---- comparisons -------------------------------------------------------------- */

static inline void tu_print_excerpt(const char *label, const unsigned char *p, size_t len, size_t at)
{
    size_t from = at > 60 ? at - 60 : 0;
    size_t to = at + 60 < len ? at + 60 : len;
    print_message("%s (%zu bytes), bytes %zu..%zu: \"", label, len, from, to);
    for (size_t i = from; i < to; i++) {
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            print_message("%c", (int)c);
        else
            print_message("\\x%02X", c);
    }
    print_message("\"\n");
}

/* Fail, showing the first difference, unless the two byte strings are equal. */
#define tu_assert_bytes_equal(got, got_len, exp, exp_len) \
    tu_assert_bytes_equal_((got), (got_len), (exp), (exp_len), __FILE__, __LINE__)

static inline void tu_assert_bytes_equal_(const void *got, size_t got_len, const void *exp,
                                          size_t exp_len, const char *file, int line)
{
    const unsigned char *g = got, *e = exp;
    size_t n = got_len < exp_len ? got_len : exp_len;
    size_t i = 0;
    while (i < n && g[i] == e[i])
        i++;
    if (i == n && got_len == exp_len)
        return;
    print_message("%s:%d: outputs differ at byte %zu (got %zu bytes, expected %zu)\n", file, line, i,
                  got_len, exp_len);
    tu_print_excerpt("got", g, got_len, i);
    tu_print_excerpt("expected", e, exp_len, i);
    fail_msg("%s:%d: byte strings differ at offset %zu", file, line, i);
}

#define tu_assert_str_bytes(got, got_len, exp_str) \
    tu_assert_bytes_equal_((got), (got_len), (exp_str), strlen(exp_str), __FILE__, __LINE__)

/* Position of @needle in @hay[0..len), or -1. */
static inline long tu_find(const void *hay, size_t len, const void *needle, size_t nlen)
{
    const unsigned char *h = hay;
    if (nlen == 0)
        return 0;
    for (size_t i = 0; i + nlen <= len; i++)
        if (h[i] == *(const unsigned char *)needle && memcmp(h + i, needle, nlen) == 0)
            return (long)i;
    return -1;
}

/* Fail unless @needle occurs in @hay. */
#define tu_assert_contains(hay, len, needle) \
    tu_assert_contains_((hay), (len), (needle), __FILE__, __LINE__)

static inline void tu_assert_contains_(const void *hay, size_t len, const char *needle,
                                       const char *file, int line)
{
    if (tu_find(hay, len, needle, strlen(needle)) >= 0)
        return;
    print_message("%s:%d: \"%s\" not found in:\n", file, line, needle);
    tu_print_excerpt("text", hay, len, len < 4000 ? len / 2 : 0);
    if (len < 4000)
        print_message("whole text: %.*s\n", (int)len, (const char *)hay);
    fail_msg("%s:%d: expected fragment not found: %s", file, line, needle);
}

#define tu_assert_not_contains(hay, len, needle) \
    tu_assert_not_contains_((hay), (len), (needle), strlen(needle), __FILE__, __LINE__)

static inline void tu_assert_not_contains_(const void *hay, size_t len, const void *needle,
                                           size_t nlen, const char *file, int line)
{
    long at = tu_find(hay, len, needle, nlen);
    if (at < 0)
        return;
    tu_print_excerpt("text", hay, len, (size_t)at);
    fail_msg("%s:%d: unexpected bytes found at offset %ld", file, line, at);
}

/* ---- little-endian fields ------------------------------------------------------ */

static inline unsigned tu_rd16(const unsigned char *p)
{
    return (unsigned)p[0] | ((unsigned)p[1] << 8);
}

static inline uint32_t tu_rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t tu_rd64(const unsigned char *p)
{
    return (uint64_t)tu_rd32(p) | ((uint64_t)tu_rd32(p + 4) << 32);
}

/* ---- a small ZIP reader (APPNOTE.TXT 4.3.12, 4.3.14-4.3.16, 4.5.3) ---------- */

#define TU_SIG_LOCAL 0x04034b50u
#define TU_SIG_DESCRIPTOR 0x08074b50u
#define TU_SIG_CENTRAL 0x02014b50u
#define TU_SIG_ZIP64_EOCD 0x06064b50u
#define TU_SIG_ZIP64_LOCATOR 0x07064b50u
#define TU_SIG_EOCD 0x06054b50u

typedef struct tu_zip_entry {
    size_t cd_offset; /* of this central directory record in the archive */
    unsigned version_made, version_needed, flags, method, time, date;
    uint32_t crc;
    uint64_t csize, usize, local_offset;
    const char *name; /* points into the archive; not NUL-terminated */
    size_t name_len;
    size_t extra_len, comment_len;
    unsigned disk_start, internal_attr;
    uint32_t external_attr;
    int has_zip64_extra;
} tu_zip_entry;

typedef struct tu_zip {
    const unsigned char *buf;
    size_t len;
    size_t eocd_offset;
    /* EOCD fields as stored (4.3.16). */
    unsigned eocd_disk, eocd_cd_disk, eocd_entries_disk, eocd_entries, eocd_comment_len;
    uint32_t eocd_cd_size, eocd_cd_offset;
    /* ZIP64 records (4.3.14, 4.3.15), when present. */
    int has_zip64;
    size_t zip64_eocd_offset, locator_offset;
    uint64_t z64_record_size;
    unsigned z64_version_made, z64_version_needed;
    uint32_t z64_disk, z64_cd_disk, loc_disk, loc_total_disks;
    uint64_t z64_entries_disk, z64_entries, loc_eocd64_offset;
    /* Effective values. */
    uint64_t nentries, cd_size, cd_offset;
    tu_zip_entry *entries;
    char error[200];
} tu_zip;

static inline int tu_zip_fail(tu_zip *z, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(z->error, sizeof z->error, fmt, ap);
    va_end(ap);
    return -1;
}

/* Parse the end records and the central directory of the archive in
 * @buf[0..len). The archive comment must be empty (fastxlsx writes none).
 * Returns 0, or -1 with z->error set. Free with tu_zip_free(). */
static inline int tu_zip_parse(tu_zip *z, const void *buf, size_t len)
{
    memset(z, 0, sizeof *z);
    z->buf = buf;
    z->len = len;
    const unsigned char *b = buf;
    if (len < 22)
        return tu_zip_fail(z, "archive of %zu bytes is shorter than an EOCD record", len);
    size_t e = len - 22;
    if (tu_rd32(b + e) != TU_SIG_EOCD)
        return tu_zip_fail(z, "no EOCD signature 22 bytes before the end (comment-less archive)");
    z->eocd_offset = e;
    z->eocd_disk = tu_rd16(b + e + 4);
    z->eocd_cd_disk = tu_rd16(b + e + 6);
    z->eocd_entries_disk = tu_rd16(b + e + 8);
    z->eocd_entries = tu_rd16(b + e + 10);
    z->eocd_cd_size = tu_rd32(b + e + 12);
    z->eocd_cd_offset = tu_rd32(b + e + 16);
    z->eocd_comment_len = tu_rd16(b + e + 20);
    z->nentries = z->eocd_entries;
    z->cd_size = z->eocd_cd_size;
    z->cd_offset = z->eocd_cd_offset;

    if (e >= 20 && tu_rd32(b + e - 20) == TU_SIG_ZIP64_LOCATOR) {
        size_t l = e - 20;
        z->has_zip64 = 1;
        z->locator_offset = l;
        z->loc_disk = tu_rd32(b + l + 4);
        z->loc_eocd64_offset = tu_rd64(b + l + 8);
        z->loc_total_disks = tu_rd32(b + l + 16);
        if (z->loc_eocd64_offset + 56 > l)
            return tu_zip_fail(z, "ZIP64 locator points to %llu, past the locator",
                               (unsigned long long)z->loc_eocd64_offset);
        size_t r = (size_t)z->loc_eocd64_offset;
        if (tu_rd32(b + r) != TU_SIG_ZIP64_EOCD)
            return tu_zip_fail(z, "no ZIP64 EOCD signature at %zu", r);
        z->zip64_eocd_offset = r;
        z->z64_record_size = tu_rd64(b + r + 4);
        z->z64_version_made = tu_rd16(b + r + 12);
        z->z64_version_needed = tu_rd16(b + r + 14);
        z->z64_disk = tu_rd32(b + r + 16);
        z->z64_cd_disk = tu_rd32(b + r + 20);
        z->z64_entries_disk = tu_rd64(b + r + 24);
        z->z64_entries = tu_rd64(b + r + 32);
        if (z->eocd_entries == 0xFFFFu)
            z->nentries = z->z64_entries;
        if (z->eocd_cd_size == 0xFFFFFFFFu)
            z->cd_size = tu_rd64(b + r + 40);
        if (z->eocd_cd_offset == 0xFFFFFFFFu)
            z->cd_offset = tu_rd64(b + r + 48);
    } else if (z->eocd_entries == 0xFFFFu || z->eocd_cd_size == 0xFFFFFFFFu ||
               z->eocd_cd_offset == 0xFFFFFFFFu) {
        return tu_zip_fail(z, "EOCD holds 0xFFFF.. fields but there is no ZIP64 locator");
    }

    size_t cd_end_limit = z->has_zip64 ? z->zip64_eocd_offset : z->eocd_offset;
    if (z->cd_offset > cd_end_limit || z->cd_size > cd_end_limit - z->cd_offset)
        return tu_zip_fail(z, "central directory [%llu, +%llu) does not fit before the end records",
                           (unsigned long long)z->cd_offset, (unsigned long long)z->cd_size);
    if (z->nentries > len / 46 + 1)
        return tu_zip_fail(z, "%llu entries cannot fit", (unsigned long long)z->nentries);
    z->entries = calloc(z->nentries ? (size_t)z->nentries : 1, sizeof *z->entries);
    if (!z->entries)
        return tu_zip_fail(z, "out of memory");
    size_t p = (size_t)z->cd_offset, end = (size_t)(z->cd_offset + z->cd_size);
    for (uint64_t i = 0; i < z->nentries; i++) {
        tu_zip_entry *en = &z->entries[i];
        if (p + 46 > end || tu_rd32(b + p) != TU_SIG_CENTRAL)
            return tu_zip_fail(z, "central directory record %llu: no signature at %zu",
                               (unsigned long long)i, p);
        en->cd_offset = p;
        en->version_made = tu_rd16(b + p + 4);
        en->version_needed = tu_rd16(b + p + 6);
        en->flags = tu_rd16(b + p + 8);
        en->method = tu_rd16(b + p + 10);
        en->time = tu_rd16(b + p + 12);
        en->date = tu_rd16(b + p + 14);
        en->crc = tu_rd32(b + p + 16);
        en->csize = tu_rd32(b + p + 20);
        en->usize = tu_rd32(b + p + 24);
        en->name_len = tu_rd16(b + p + 28);
        en->extra_len = tu_rd16(b + p + 30);
        en->comment_len = tu_rd16(b + p + 32);
        en->disk_start = tu_rd16(b + p + 34);
        en->internal_attr = tu_rd16(b + p + 36);
        en->external_attr = tu_rd32(b + p + 38);
        en->local_offset = tu_rd32(b + p + 42);
        size_t rec = 46 + en->name_len + en->extra_len + en->comment_len;
        if (p + rec > end)
            return tu_zip_fail(z, "central directory record %llu overruns the directory",
                               (unsigned long long)i);
        en->name = (const char *)b + p + 46;
        /* ZIP64 extended information extra field (4.5.3). */
        const unsigned char *x = b + p + 46 + en->name_len, *xe = x + en->extra_len;
        while (x + 4 <= xe) {
            unsigned id = tu_rd16(x), sz = tu_rd16(x + 2);
            const unsigned char *d = x + 4;
            if (d + sz > xe)
                return tu_zip_fail(z, "record %llu: extra field overruns", (unsigned long long)i);
            if (id == 0x0001) {
                const unsigned char *q = d;
                en->has_zip64_extra = 1;
                if (en->usize == 0xFFFFFFFFu && q + 8 <= d + sz) {
                    en->usize = tu_rd64(q);
                    q += 8;
                }
                if (en->csize == 0xFFFFFFFFu && q + 8 <= d + sz) {
                    en->csize = tu_rd64(q);
                    q += 8;
                }
                if (en->local_offset == 0xFFFFFFFFu && q + 8 <= d + sz)
                    en->local_offset = tu_rd64(q);
            }
            x = d + sz;
        }
        p += rec;
    }
    if (p != end)
        return tu_zip_fail(z, "central directory has %zu bytes after the last record", end - p);
    return 0;
}

static inline void tu_zip_free(tu_zip *z)
{
    free(z->entries);
    z->entries = NULL;
}

/* Index of the entry called @name, or -1. */
static inline long tu_zip_find(const tu_zip *z, const char *name)
{
    size_t n = strlen(name);
    for (uint64_t i = 0; i < z->nentries; i++)
        if (z->entries[i].name_len == n && memcmp(z->entries[i].name, name, n) == 0)
            return (long)i;
    return -1;
}

/*
 * Inflate the raw deflate stream (RFC 1951) at @in[0..in_len) into @out
 * (appending). The stream must end (final block) within the input; *@consumed
 * receives the number of compressed bytes it took. Returns 0 or -1.
 */
static inline int tu_inflate_raw(const void *in, size_t in_len, tu_buf *out, size_t *consumed)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, -15) != Z_OK)
        return -1;
    zs.next_in = (unsigned char *)(uintptr_t)in;
    zs.avail_in = (uInt)in_len;
    unsigned char chunk[65536];
    int r;
    do {
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        r = inflate(&zs, Z_NO_FLUSH);
        if (r != Z_OK && r != Z_STREAM_END) {
            inflateEnd(&zs);
            return -1;
        }
        tu_buf_append(out, chunk, sizeof chunk - zs.avail_out);
        if (r == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs); /* input ran out before the final block */
            return -1;
        }
    } while (r != Z_STREAM_END);
    if (consumed)
        *consumed = in_len - zs.avail_in;
    inflateEnd(&zs);
    return 0;
}

/*
 * The uncompressed content of entry @i, found through its central directory
 * record and local header, appended to @out. Checks the local header signature,
 * that a deflate stream uses exactly csize bytes, the size and the CRC-32.
 * Returns 0, or -1 with z->error set.
 */
static inline int tu_zip_extract(tu_zip *z, size_t i, tu_buf *out)
{
    const tu_zip_entry *en = &z->entries[i];
    const unsigned char *b = z->buf;
    size_t lo = (size_t)en->local_offset;
    if (lo + 30 > z->len || tu_rd32(b + lo) != TU_SIG_LOCAL)
        return tu_zip_fail(z, "entry %zu: no local header at %zu", i, lo);
    size_t data = lo + 30 + tu_rd16(b + lo + 26) + tu_rd16(b + lo + 28);
    if (data + en->csize > z->len)
        return tu_zip_fail(z, "entry %zu: data overruns the archive", i);
    size_t start = out->len;
    if (en->method == 0) {
        if (en->csize != en->usize)
            return tu_zip_fail(z, "entry %zu: stored with csize %llu != usize %llu", i,
                               (unsigned long long)en->csize, (unsigned long long)en->usize);
        tu_buf_append(out, b + data, (size_t)en->csize);
    } else if (en->method == 8) {
        size_t used = 0;
        if (tu_inflate_raw(b + data, (size_t)en->csize, out, &used) != 0)
            return tu_zip_fail(z, "entry %zu: inflate failed", i);
        if (used != en->csize)
            return tu_zip_fail(z, "entry %zu: deflate stream is %zu bytes, csize %llu", i, used,
                               (unsigned long long)en->csize);
    } else {
        return tu_zip_fail(z, "entry %zu: unknown method %u", i, en->method);
    }
    size_t got = out->len - start;
    if (got != en->usize)
        return tu_zip_fail(z, "entry %zu: %zu bytes, usize %llu", i, got, (unsigned long long)en->usize);
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t off = 0;
    while (off < got) {
        uInt n = got - off > 0x40000000u ? 0x40000000u : (uInt)(got - off);
        crc = crc32(crc, out->data + start + off, n);
        off += n;
    }
    if ((uint32_t)crc != en->crc)
        return tu_zip_fail(z, "entry %zu: CRC-32 %08lx, central directory says %08x", i,
                           (unsigned long)crc, (unsigned)en->crc);
    return 0;
}

/* CRC-32 of a buffer with zlib. */
static inline uint32_t tu_crc32(const void *p, size_t n)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const unsigned char *q = p;
    while (n > 0) {
        uInt k = n > 0x40000000u ? 0x40000000u : (uInt)n;
        crc = crc32(crc, q, k);
        q += k;
        n -= k;
    }
    return (uint32_t)crc;
}

/* A deterministic pseudo-random generator (splitmix64). */
static inline uint64_t tu_rand64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}


/* The uncompressed content of part @name of the package @pkg, as stored (an
 * empty part still gets a buffer); fails the test if the package or part is bad. */
static inline void tu_extract_part(const tu_buf *pkg, const char *name, tu_buf *out)
{
    tu_zip z;
    if (tu_zip_parse(&z, pkg->data, pkg->len) != 0)
        fail_msg("the package is not a readable ZIP: %s", z.error);
    long i = tu_zip_find(&z, name);
    if (i < 0) {
        tu_zip_free(&z);
        fail_msg("the package has no part %s", name);
    }
    if (tu_zip_extract(&z, (size_t)i, out) != 0)
        fail_msg("part %s: %s", name, z.error);
    tu_zip_free(&z);
    if (!out->data)
        tu_buf_append(out, "", 0);
}

/* ---- workbooks through the public API -------------------------------------------- */

/* A workbook writing stored (uncompressed) parts into @out. */
static inline fast_workbook *tu_callback_workbook(tu_buf *out)
{
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, out);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_set_compression_level(wb, 0), FAST_OK);
    return wb;
}

/* Close (failing the test with the library's message) and free. */
static inline void tu_close_ok(fast_workbook *wb)
{
    fast_status st = fast_workbook_close(wb);
    if (st != FAST_OK)
        fail_msg("fast_workbook_close: %d %s", (int)st, fast_workbook_error_message(wb));
    fast_workbook_free(wb);
}

static inline void tu_write_row(fast_workbook *wb, const fast_cells *cells, size_t n)
{
    fast_status st = fast_workbook_write_row(wb, cells, n);
    if (st != FAST_OK)
        fail_msg("fast_workbook_write_row: %d %s", (int)st, fast_workbook_error_message(wb));
}

/* tests/tools/validate-xlsx in the source tree (FASTXLSX_SRCDIR, or the current
 * directory), into @script (512 bytes); fails the test when it is not there. */
static inline void tu_validator(char *script)
{
    const char *srcdir = getenv("FASTXLSX_SRCDIR");
    snprintf(script, 512, "%s/tests/tools/validate-xlsx", srcdir && *srcdir ? srcdir : ".");
    if (access(script, R_OK) != 0)
        fail_msg("%s not found: run from the source tree or set FASTXLSX_SRCDIR", script);
}

/* A new directory @prefix_XXXXXX under $TMPDIR (or /tmp) into @dir (256 bytes), and
 * @path (320 bytes) = @dir/@name, for a workbook that tu_validate_and_remove() checks. */
static inline void tu_temp_workbook(const char *prefix, const char *name, char *dir, char *path)
{
    char script[512];
    tu_validator(script);
    const char *base = getenv("TMPDIR");
    snprintf(dir, 256, "%s/%s_XXXXXX", base && *base ? base : "/tmp", prefix);
    if (!mkdtemp(dir))
        fail_msg("mkdtemp(%s) failed", dir);
    snprintf(path, 320, "%s/%s", dir, name);
}

/* Validate the workbook at @path against the ECMA-376 schemas (validate-xlsx -x -q),
 * remove it and @dir, and fail the test with the validator's report if it is not valid. */
static inline void tu_validate_and_remove(const char *dir, const char *path)
{
    char script[512], cmd[1200], report[4096];
    tu_validator(script);
    snprintf(cmd, sizeof cmd, "bash '%s' -x -q '%s' 2>&1", script, path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(report, 1, sizeof report - 1, p);
    report[n] = 0;
    int rc = pclose(p);
    unlink(path);
    rmdir(dir);
    if (rc != 0)
        fail_msg("validate-xlsx failed:\n%s", report);
}

#endif /* FX_TESTUTIL_H */
