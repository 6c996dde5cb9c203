/*
 * fuzz_image - libFuzzer target for the image header parser (lib/image.c),
 * through the public API: the input is the image's bytes, placed with
 * fast_workbook_add_image() on a sheet of a workbook written to memory.
 *
 * The oracle is a second reader of the four headers, written differently (a
 * cursor over the bytes that fails on any read past the end, the PNG chunks
 * and the JPEG markers walked as records, integer pixel-per-metre rounding):
 * it says whether the library must accept the bytes and, if so, the type,
 * width, height and resolution fast_image_get_info() must report. An accepted
 * image must then be in the package byte for byte as xl/media/image1.EXT
 * (EXT from the oracle's type), and a refused one must leave the workbook
 * usable (non-sticky) with a message naming the type or "not a PNG".
 *
 *   clang -fsanitize=fuzzer,address,undefined -Iinclude tests/fuzz/fuzz_image.c build/libfastxlsx.a -lz ...
 *   (tests/fuzz/replay.c: a main() that runs the files named on the command line)
 */
#include <fastxlsx.h>

#include "zipwalk.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                         \
    do {                                                                                                    \
        if (!(cond)) {                                                                                      \
            fprintf(stderr, "fuzz_image: check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
            abort();                                                                                        \
        }                                                                                                   \
    } while (0)

/* ---- the oracle ------------------------------------------------------------------ */

typedef struct cur {
    const uint8_t *p;
    size_t n, at;
    int bad; /* a read went past the end */
} cur;

static uint32_t take(cur *c, size_t pos, int bytes, int big)
{
    if (pos + (size_t)bytes > c->n || pos + (size_t)bytes < pos) {
        c->bad = 1;
        return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint32_t)c->p[pos + (size_t)i] << (8 * (big ? bytes - 1 - i : i));
    return v;
}

typedef struct want {
    int ok;
    const char *ext;
    uint32_t w, h;
    double xd, yd;
} want;

static int dims_ok(const want *o)
{
    return o->w >= 1 && o->h >= 1 && o->w <= 1000000 && o->h <= 1000000;
}

static double plausible(double d)
{
    return (d >= 1 && d <= 100000) ? d : 96;
}

static double per_metre(uint32_t ppm)
{
    uint64_t whole = ((uint64_t)ppm * 254 + 5000) / 10000;
    return plausible((double)whole);
}

static want oracle_png(cur *c)
{
    want o = {0, "png", 0, 0, 96, 96};
    if (c->n < 29 || take(c, 8, 4, 1) != 13 || memcmp(c->p + 12, "IHDR", 4) != 0)
        return o;
    o.w = take(c, 16, 4, 1);
    o.h = take(c, 20, 4, 1);
    if (!dims_ok(&o))
        return o;
    size_t pos = 33;
    while (pos + 8 <= c->n) {
        uint32_t len = take(c, pos, 4, 1);
        const uint8_t *t = c->p + pos + 4;
        if (len >= 0x80000000u)
            return o;
        if (!memcmp(t, "IDAT", 4) || !memcmp(t, "IEND", 4))
            break;
        if (!memcmp(t, "pHYs", 4)) {
            if (len != 9 || pos + 17 > c->n)
                return o;
            if (c->p[pos + 16] == 1) {
                o.xd = per_metre(take(c, pos + 8, 4, 1));
                o.yd = per_metre(take(c, pos + 12, 4, 1));
            }
            break;
        }
        if ((uint64_t)pos + 12 + len > c->n)
            break;
        pos += 12 + (size_t)len;
    }
    o.ok = 1;
    return o;
}

static void oracle_exif(const uint8_t *t, size_t n, want *o)
{
    cur c = {t, n, 0, 0};
    if (n < 8 || !((t[0] == 'I' && t[1] == 'I') || (t[0] == 'M' && t[1] == 'M')))
        return;
    int big = t[0] == 'M';
    uint32_t ifd = take(&c, 4, 4, big);
    if (ifd > n || n - ifd < 2)
        return;
    uint32_t count = take(&c, ifd, 2, big);
    double res[2] = {0, 0};
    uint32_t unit = 2;
    for (uint32_t i = 0; i < count; i++) {
        size_t e = (size_t)ifd + 2 + 12 * (size_t)i;
        if (e + 12 > n)
            return;
        uint32_t tag = take(&c, e, 2, big), type = take(&c, e + 2, 2, big);
        if (tag == 0x0128 && type == 3) {
            unit = take(&c, e + 8, 2, big);
        } else if ((tag == 0x011A || tag == 0x011B) && type == 5) {
            uint32_t off = take(&c, e + 8, 4, big);
            if (off > n || n - off < 8)
                continue;
            uint32_t num = take(&c, off, 4, big), den = take(&c, off + 4, 4, big);
            if (den)
                res[tag - 0x011A] = (double)num / den;
        }
    }
    double k = unit == 2 ? 1 : unit == 3 ? 2.54 : 0;
    if (k > 0 && res[0] > 0 && res[1] > 0) {
        o->xd = plausible(res[0] * k);
        o->yd = plausible(res[1] * k);
    }
}

static want oracle_jpeg(cur *c)
{
    want o = {0, "jpeg", 0, 0, 96, 96};
    int jfif = 0;
    size_t pos = 2;
    for (;;) {
        if (pos >= c->n || c->p[pos] != 0xFF)
            return o;
        while (pos < c->n && c->p[pos] == 0xFF)
            pos++;
        if (pos >= c->n)
            return o;
        uint8_t m = c->p[pos++];
        if (m == 0xD8 || m == 0x01 || (m & 0xF8) == 0xD0)
            continue;
        if (m == 0xD9 || m == 0xDA)
            return o;
        uint32_t len = take(c, pos, 2, 1);
        if (c->bad || len < 2 || pos + len > c->n)
            return o;
        const uint8_t *s = c->p + pos + 2;
        size_t sl = len - 2;
        int sof = (m & 0xF0) == 0xC0 && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (sl < 5)
                return o;
            o.h = (uint32_t)s[1] << 8 | s[2];
            o.w = (uint32_t)s[3] << 8 | s[4];
            o.ok = dims_ok(&o);
            return o;
        }
        if (m == 0xE0 && sl >= 12 && !memcmp(s, "JFIF", 5)) {
            double k = s[7] == 1 ? 1 : s[7] == 2 ? 2.54 : 0;
            double x = (s[8] << 8) | s[9], y = (s[10] << 8) | s[11];
            if (k > 0 && x > 0 && y > 0) {
                o.xd = plausible(x * k);
                o.yd = plausible(y * k);
                jfif = 1;
            }
        } else if (m == 0xE1 && !jfif && sl >= 6 && !memcmp(s, "Exif\0", 6)) {
            oracle_exif(s + 6, sl - 6, &o);
        }
        pos += len;
    }
}

static want oracle(const uint8_t *d, size_t n)
{
    cur c = {d, n, 0, 0};
    want o = {0, NULL, 0, 0, 96, 96};
    if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
        return oracle_png(&c);
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return oracle_jpeg(&c);
    if (n >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
        o.ext = "gif";
        o.w = take(&c, 6, 2, 0);
        o.h = take(&c, 8, 2, 0);
        o.ok = !c.bad && dims_ok(&o);
        return o;
    }
    if (n >= 2 && d[0] == 'B' && d[1] == 'M') {
        o.ext = "bmp";
        uint32_t hs = take(&c, 14, 4, 0);
        if (c.bad)
            return o;
        if (hs == 12) {
            o.w = take(&c, 18, 2, 0);
            o.h = take(&c, 20, 2, 0);
            o.ok = n >= 26 && dims_ok(&o);
            return o;
        }
        if (hs < 40 || hs > 1024 || n < 54)
            return o;
        int32_t w = (int32_t)take(&c, 18, 4, 0), h = (int32_t)take(&c, 22, 4, 0);
        if (w <= 0 || h == INT32_MIN)
            return o;
        o.w = (uint32_t)w;
        o.h = h < 0 ? (uint32_t)(-(int64_t)h) : (uint32_t)h;
        if (!dims_ok(&o))
            return o;
        uint32_t xp = take(&c, 38, 4, 0), yp = take(&c, 42, 4, 0);
        if (xp && yp && xp < 4000000u && yp < 4000000u) {
            o.xd = per_metre(xp);
            o.yd = per_metre(yp);
        }
        o.ok = 1;
    }
    return o;
}

/* ---- the target ------------------------------------------------------------------ */

typedef struct membuf {
    uint8_t *p;
    size_t n, cap;
} membuf;

static int sink(const void *buf, size_t len, void *user)
{
    membuf *m = user;
    if (m->n + len > m->cap) {
        size_t cap = (m->n + len) * 2;
        uint8_t *p = realloc(m->p, cap);
        if (!p)
            return -1;
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->n, buf, len);
    m->n += len;
    return (int)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    want o = oracle(data, size);
    membuf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(sink, &out);
    CHECK(wb);
    CHECK(fast_workbook_add_worksheet(wb, "S", 1) == FAST_OK);
    fast_image *img = NULL;
    fast_status st = fast_workbook_add_image(wb, 0, 0, size ? data : (const uint8_t *)"", size, &img);
    if (!o.ok) {
        CHECK(st == FAST_ERROR_INVALID_ARGUMENT);
        CHECK(fast_workbook_status(wb) == FAST_OK);
        const char *msg = fast_workbook_error_message(wb);
        CHECK(o.ext ? strstr(msg, o.ext[0] == 'p' ? "PNG: " : o.ext[0] == 'j' ? "JPEG: " : o.ext[0] == 'g' ? "GIF: " : "BMP: ") != NULL
                    : strstr(msg, "not a PNG, JPEG, GIF or BMP image") != NULL);
    } else {
        CHECK(st == FAST_OK);
        uint32_t w, h;
        double xd, yd;
        CHECK(fast_image_get_info(img, &w, &h, &xd, &yd) == FAST_OK);
        CHECK(w == o.w && h == o.h);
        CHECK(xd == o.xd && yd == o.yd);
    }
    CHECK(fast_workbook_close(wb) == FAST_OK);
    fast_workbook_free(wb);
    if (o.ok) {
        char name[32];
        snprintf(name, sizeof name, "xl/media/image1.%s", o.ext);
        zw_archive a;
        if (!zw_walk(&a, out.p, out.n))
            fprintf(stderr, "fuzz_image: %s\n", a.error);
        CHECK(a.error[0] == 0);
        const zw_entry *e = zw_find(&a, name);
        CHECK(e && e->method == 0 && e->usize == size && memcmp(e->data, data, size) == 0);
        zw_free(&a);
    }
    free(out.p);
    return 0;
}
