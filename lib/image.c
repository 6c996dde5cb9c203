/*
 * image.c - images on worksheets: the header parser (type from the magic
 * bytes; size and resolution from the header), the workbook's distinct media
 * (each held once, compared byte for byte, under a cap), and the public calls
 * that place an image on the current sheet. drawing.c writes the drawing part
 * and the media when the sheet ends.
 *
 * Formats read: PNG (ISO/IEC 15948: the IHDR chunk, then pHYs before IDAT),
 * JPEG (ITU-T T.81 markers; JFIF 1.02 APP0 density; EXIF 2.3 APP1 IFD0
 * XResolution/YResolution/ResolutionUnit), GIF (87a/89a logical screen
 * descriptor), BMP (BITMAPFILEHEADER, then BITMAPCOREHEADER or
 * BITMAPINFOHEADER and its successors: biXPelsPerMeter, biYPelsPerMeter).
 */
#include "internal.h"
#include "deflate.h"
#include "image.h"
#include "workbook.h"
#include "xml.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define EMU_PER_PIXEL 9525 /* 914400 EMU per inch / 96 pixels per inch */
#define MAX_DIM 1000000u   /* width or height in pixels we accept from a header */

/* ---- reading headers ------------------------------------------------------------------ */

static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t le16(const unsigned char *p) { return (uint32_t)p[1] << 8 | p[0]; }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static int fail(char *why, size_t whylen, const char *type, const char *what, size_t at)
{
    snprintf(why, whylen, "%s: %s (byte %zu)", type, what, at);
    return 0;
}

static int check_dims(fx_image_info *info, char *why, size_t whylen, const char *type, size_t at)
{
    if (info->width == 0 || info->height == 0 || info->width > MAX_DIM || info->height > MAX_DIM) {
        snprintf(why, whylen, "%s: size %ux%u pixels is not within 1..%u (byte %zu)", type, (unsigned)info->width,
                 (unsigned)info->height, MAX_DIM, at);
        return 0;
    }
    return 1;
}

/* A resolution from a header: kept if plausible (1..100000 dpi), else 96. */
static double dpi_or_default(double dpi)
{
    return dpi >= 1 && dpi <= 100000 ? dpi : 96;
}

/* Pixels per metre (PNG pHYs, BMP) to dots per inch, rounded to a whole number:
 * the writers store round(dpi / 0.0254), so 3780 means 96 dpi, not 96.012. */
static double dpi_from_ppm(uint32_t ppm)
{
    return dpi_or_default((double)(((uint64_t)ppm * 254 + 5000) / 10000));
}

static int probe_png(const unsigned char *d, size_t n, fx_image_info *info, char *why, size_t whylen)
{
    /* Signature (8), then IHDR first: length 13, type, width, height, ... */
    if (n < 8 + 8 + 13)
        return fail(why, whylen, "PNG", "cut short before the end of IHDR", n);
    if (be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return fail(why, whylen, "PNG", "the first chunk is not a 13-byte IHDR", 8);
    info->width = be32(d + 16);
    info->height = be32(d + 20);
    if (!check_dims(info, why, whylen, "PNG", 16))
        return 0;
    /* pHYs, if any, comes before the first IDAT. */
    size_t at = 8 + 8 + 13 + 4;
    while (at + 8 <= n) {
        uint32_t len = be32(d + at);
        const unsigned char *type = d + at + 4;
        if (len > 0x7FFFFFFFu)
            return fail(why, whylen, "PNG", "chunk length over 2^31-1", at);
        if (memcmp(type, "IDAT", 4) == 0 || memcmp(type, "IEND", 4) == 0)
            break;
        if (memcmp(type, "pHYs", 4) == 0) {
            if (len != 9 || at + 8 + 9 > n)
                return fail(why, whylen, "PNG", "pHYs chunk cut short or not 9 bytes", at);
            if (d[at + 16] == 1) { /* unit: metre */
                info->x_dpi = dpi_from_ppm(be32(d + at + 8));
                info->y_dpi = dpi_from_ppm(be32(d + at + 12));
            }
            break;
        }
        if ((uint64_t)at + 12 + len > n)
            break; /* a later chunk cut short: the header is read, the size known */
        at += 12 + (size_t)len;
    }
    return 1;
}

/* EXIF (APP1 "Exif\0\0", then a TIFF header): XResolution, YResolution and
 * ResolutionUnit of IFD0. Anything unexpected leaves the resolution alone. */
static void exif_dpi(const unsigned char *t, size_t n, fx_image_info *info)
{
    if (n < 8)
        return;
    int little = t[0] == 'I' && t[1] == 'I';
    if (!little && !(t[0] == 'M' && t[1] == 'M'))
        return;
    uint32_t (*u16)(const unsigned char *) = little ? le16 : be16;
    uint32_t (*u32)(const unsigned char *) = little ? le32 : be32;
    uint32_t ifd = u32(t + 4);
    if (ifd > n || n - ifd < 2)
        return;
    uint32_t count = u16(t + ifd);
    double x = 0, y = 0;
    uint32_t unit = 2; /* inches, EXIF's default */
    for (uint32_t i = 0; i < count; i++) {
        size_t e = (size_t)ifd + 2 + (size_t)i * 12;
        if (e + 12 > n)
            return;
        uint32_t tag = u16(t + e), type = u16(t + e + 2);
        if (tag == 0x0128 && type == 3)
            unit = u16(t + e + 8);
        else if ((tag == 0x011A || tag == 0x011B) && type == 5) { /* RATIONAL, at an offset */
            uint32_t off = u32(t + e + 8);
            if (off > n || n - off < 8)
                continue;
            uint32_t num = u32(t + off), den = u32(t + off + 4);
            if (den == 0)
                continue;
            (tag == 0x011A ? &x : &y)[0] = (double)num / den;
        }
    }
    double k = unit == 3 ? 2.54 : unit == 2 ? 1 : 0;
    if (k > 0 && x > 0 && y > 0) {
        info->x_dpi = dpi_or_default(x * k);
        info->y_dpi = dpi_or_default(y * k);
    }
}

static int probe_jpeg(const unsigned char *d, size_t n, fx_image_info *info, char *why, size_t whylen)
{
    size_t at = 2;
    int have_jfif = 0;
    for (;;) {
        if (at >= n)
            return fail(why, whylen, "JPEG", "no SOF marker (frame header) before the end", n);
        if (d[at] != 0xFF)
            return fail(why, whylen, "JPEG", "expected a marker (0xFF)", at);
        while (at < n && d[at] == 0xFF) /* fill bytes */
            at++;
        if (at >= n)
            return fail(why, whylen, "JPEG", "no SOF marker (frame header) before the end", n);
        unsigned m = d[at++];
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue; /* no length */
        if (m == 0xD9 || m == 0xDA)
            return fail(why, whylen, "JPEG", "no SOF marker (frame header) before the scan", at - 1);
        if (at + 2 > n)
            return fail(why, whylen, "JPEG", "marker segment length cut short", at);
        size_t len = be16(d + at);
        if (len < 2 || at + len > n)
            return fail(why, whylen, "JPEG", "marker segment length out of range", at);
        const unsigned char *seg = d + at + 2;
        size_t slen = len - 2;
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (slen < 5)
                return fail(why, whylen, "JPEG", "frame header cut short", at);
            info->height = be16(seg + 1);
            info->width = be16(seg + 3);
            return check_dims(info, why, whylen, "JPEG", at + 3);
        }
        if (m == 0xE0 && slen >= 12 && memcmp(seg, "JFIF\0", 5) == 0) {
            unsigned units = seg[7];
            double x = be16(seg + 8), y = be16(seg + 10);
            double k = units == 1 ? 1 : units == 2 ? 2.54 : 0;
            if (k > 0 && x > 0 && y > 0) {
                info->x_dpi = dpi_or_default(x * k);
                info->y_dpi = dpi_or_default(y * k);
                have_jfif = 1;
            }
        } else if (m == 0xE1 && !have_jfif && slen >= 6 && memcmp(seg, "Exif\0\0", 6) == 0) {
            exif_dpi(seg + 6, slen - 6, info);
        }
        at += len;
    }
}

static int probe_gif(const unsigned char *d, size_t n, fx_image_info *info, char *why, size_t whylen)
{
    if (n < 10)
        return fail(why, whylen, "GIF", "cut short before the end of the logical screen descriptor", n);
    info->width = le16(d + 6);
    info->height = le16(d + 8);
    return check_dims(info, why, whylen, "GIF", 6);
}

static int probe_bmp(const unsigned char *d, size_t n, fx_image_info *info, char *why, size_t whylen)
{
    if (n < 18)
        return fail(why, whylen, "BMP", "cut short before the DIB header size", n);
    uint32_t hsize = le32(d + 14);
    if (hsize == 12) { /* BITMAPCOREHEADER */
        if (n < 26)
            return fail(why, whylen, "BMP", "BITMAPCOREHEADER cut short", n);
        info->width = le16(d + 18);
        info->height = le16(d + 20);
        return check_dims(info, why, whylen, "BMP", 18);
    }
    if (hsize < 40 || hsize > 1024)
        return fail(why, whylen, "BMP", "unknown DIB header size", 14);
    if (n < 14 + 40)
        return fail(why, whylen, "BMP", "BITMAPINFOHEADER cut short", n);
    int32_t w = (int32_t)le32(d + 18), h = (int32_t)le32(d + 22);
    if (w <= 0 || h == INT32_MIN)
        return fail(why, whylen, "BMP", "width not positive or height out of range", 18);
    info->width = (uint32_t)w;
    info->height = (uint32_t)(h < 0 ? -h : h); /* negative: rows top-down */
    if (!check_dims(info, why, whylen, "BMP", 18))
        return 0;
    uint32_t xp = le32(d + 38), yp = le32(d + 42);
    if (xp && yp && xp < 4000000u && yp < 4000000u) {
        info->x_dpi = dpi_from_ppm(xp);
        info->y_dpi = dpi_from_ppm(yp);
    }
    return 1;
}

int fx_image_probe(const unsigned char *d, size_t n, fx_image_info *info, char *why, size_t whylen)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    memset(info, 0, sizeof *info);
    info->x_dpi = info->y_dpi = 96;
    if (n >= 8 && memcmp(d, png, 8) == 0) {
        info->type = FX_IMAGE_PNG;
        return probe_png(d, n, info, why, whylen);
    }
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        info->type = FX_IMAGE_JPEG;
        return probe_jpeg(d, n, info, why, whylen);
    }
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) {
        info->type = FX_IMAGE_GIF;
        return probe_gif(d, n, info, why, whylen);
    }
    if (n >= 2 && d[0] == 'B' && d[1] == 'M') {
        info->type = FX_IMAGE_BMP;
        return probe_bmp(d, n, info, why, whylen);
    }
    snprintf(why, whylen, "not a PNG, JPEG, GIF or BMP image (unknown first bytes)");
    return 0;
}

const char *fx_image_ext(int type)
{
    return type == FX_IMAGE_PNG ? "png" : type == FX_IMAGE_JPEG ? "jpeg" : type == FX_IMAGE_GIF ? "gif" : "bmp";
}

const char *fx_image_content_type(int type)
{
    return type == FX_IMAGE_PNG    ? "image/png"
           : type == FX_IMAGE_JPEG ? "image/jpeg"
           : type == FX_IMAGE_GIF  ? "image/gif"
                                   : "image/bmp";
}

void fx_image_extent(const fast_image *img, int64_t *cx, int64_t *cy)
{
    double w, h;
    if (img->width) {
        w = img->width;
        h = img->height;
    } else {
        w = img->info.width * img->x_scale * 96 / img->info.x_dpi;
        h = img->info.height * img->y_scale * 96 / img->info.y_dpi;
    }
    *cx = (int64_t)(w * EMU_PER_PIXEL + 0.5);
    *cy = (int64_t)(h * EMU_PER_PIXEL + 0.5);
    if (*cx < 1)
        *cx = 1;
    if (*cy < 1)
        *cy = 1;
}

/* ---- the workbook's images -------------------------------------------------------------- */

static fx_images *images_of(fast_workbook *wb)
{
    if (!wb->images) {
        wb->images = calloc(1, sizeof *wb->images);
        if (wb->images)
            wb->images->limit = FAST_IMAGE_MEMORY_DEFAULT;
    }
    return wb->images;
}

void fx_images_free(fast_workbook *wb)
{
    fx_images *im = wb->images;
    if (!im)
        return;
    for (size_t i = 0; i < im->nmedia; i++)
        free(im->media[i].data);
    free(im->media);
    for (size_t i = 0; i < im->n; i++) {
        free(im->v[i]->descr);
        free(im->v[i]->url);
        free(im->v[i]);
    }
    free(im->v);
    free(im);
    wb->images = NULL;
}

FAST_API fast_status fast_workbook_set_image_memory_limit(fast_workbook *wb, size_t bytes)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = fx_workbook_usable(wb, "fast_workbook_set_image_memory_limit");
    if (st != FAST_OK)
        return st;
    fx_images *im = images_of(wb);
    if (!im)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "fast_workbook_set_image_memory_limit: out of memory");
    im->limit = bytes;
    return FAST_OK;
}

/* The media record with the same bytes as @d, or a new one (bytes copied). */
static fast_status find_or_add_media(fast_workbook *wb, fx_images *im, const char *fn, const unsigned char *d,
                                     size_t n, int type, size_t *out)
{
    uint32_t crc = fx_crc32(0, d, n);
    for (size_t i = 0; i < im->nmedia; i++) {
        const fx_media *m = &im->media[i];
        if (m->len == n && m->crc == crc && memcmp(m->data, d, n) == 0) {
            *out = i;
            return FAST_OK;
        }
    }
    if (n > im->limit || im->held > im->limit - n)
        return fx_reject(&wb->err, FAST_ERROR_MEMORY_LIMIT,
                         "%s: an image of %zu bytes would take the distinct image bytes held to %zu, over the cap "
                         "of %zu (fast_workbook_set_image_memory_limit)",
                         fn, n, im->held + n, im->limit);
    if (im->nmedia == im->capmedia) {
        size_t cap = im->capmedia ? im->capmedia * 2 : 8;
        fx_media *v = realloc(im->media, cap * sizeof *v);
        if (!v)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
        im->media = v;
        im->capmedia = cap;
    }
    unsigned char *copy = malloc(n);
    if (!copy)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory copying an image of %zu bytes", fn, n);
    memcpy(copy, d, n);
    im->media[im->nmedia] = (fx_media){copy, n, crc, type, (uint32_t)im->nmedia + 1, 0};
    *out = im->nmedia++;
    im->held += n;
    return FAST_OK;
}

static fast_status add_image(fast_workbook *wb, const char *fn, uint32_t row, uint32_t col, const void *data,
                             size_t len, fast_image **image)
{
    fast_status st = fx_workbook_usable(wb, fn);
    if (st != FAST_OK)
        return st;
    fx_sheet *sh = fx_current_sheet(wb);
    if (!sh)
        return fx_reject(&wb->err, FAST_ERROR_STATE, "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    if (!data || row >= FAST_MAX_ROWS || col >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL image data, or cell (%u, %u) out of range",
                         fn, (unsigned)row, (unsigned)col);
    fx_image_info info;
    char why[160];
    if (!fx_image_probe(data, len, &info, why, sizeof why))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s', cell (%u, %u): %s", fn, sh->name,
                         (unsigned)row, (unsigned)col, why);
    fx_images *im = images_of(wb);
    if (!im)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    if (im->n == im->cap) {
        size_t cap = im->cap ? im->cap * 2 : 8;
        fast_image **v = realloc(im->v, cap * sizeof *v);
        if (!v)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
        im->v = v;
        im->cap = cap;
    }
    fast_image *img = calloc(1, sizeof *img);
    if (!img)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    size_t media = 0;
    st = find_or_add_media(wb, im, fn, data, len, info.type, &media);
    if (st != FAST_OK) {
        free(img);
        return st;
    }
    img->wb = wb;
    img->sheet = (size_t)(sh - wb->sheets);
    img->row = row;
    img->col = col;
    img->x_scale = img->y_scale = 1;
    img->media = media;
    img->info = info;
    im->v[im->n++] = img;
    if (image)
        *image = img;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_add_image(fast_workbook *wb, uint32_t row, uint32_t col, const void *data,
                                             size_t len, fast_image **image)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    return add_image(wb, "fast_workbook_add_image", row, col, data, len, image);
}

FAST_API fast_status fast_workbook_add_image_file(fast_workbook *wb, uint32_t row, uint32_t col, const char *path,
                                                  fast_image **image)
{
    static const char fn[] = "fast_workbook_add_image_file";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status st = fx_workbook_usable(wb, fn);
    if (st != FAST_OK)
        return st;
    if (!path)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL path", fn);
    /* The largest file that can be added: one within the cap, or a copy of an image already held (which costs
     * nothing, even past a cap lowered since). The buffer never grows past one byte more than that. */
    size_t bound = wb->images ? wb->images->limit : FAST_IMAGE_MEMORY_DEFAULT;
    for (size_t i = 0; wb->images && i < wb->images->nmedia; i++)
        if (wb->images->media[i].len > bound)
            bound = wb->images->media[i].len;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fx_reject(&wb->err, FAST_ERROR_IO, "%s: cannot open '%s': %s", fn, path, strerror(errno));
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            if (cap > bound) {
                fclose(f);
                free(buf);
                return fx_reject(&wb->err, FAST_ERROR_MEMORY_LIMIT,
                                 "%s: '%s' has more than %zu bytes, over the image memory cap "
                                 "(fast_workbook_set_image_memory_limit)",
                                 fn, path, bound);
            }
            size_t ncap = cap ? cap * 2 : 65536;
            if (bound < SIZE_MAX / 2 && ncap > bound + 1)
                ncap = bound + 1;
            unsigned char *b = realloc(buf, ncap);
            if (!b) {
                fclose(f);
                free(buf);
                return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory reading '%s'", fn, path);
            }
            buf = b;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            int bad = ferror(f);
            int e = errno;
            fclose(f);
            if (bad) {
                free(buf);
                return fx_reject(&wb->err, FAST_ERROR_IO, "%s: cannot read '%s': %s", fn, path, strerror(e));
            }
            break;
        }
    }
    st = add_image(wb, fn, row, col, buf ? buf : (const unsigned char *)"", n, image);
    free(buf);
    return st;
}

FAST_API fast_status fast_image_get_info(const fast_image *image, uint32_t *width, uint32_t *height, double *x_dpi,
                                         double *y_dpi)
{
    if (!image)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (width)
        *width = image->info.width;
    if (height)
        *height = image->info.height;
    if (x_dpi)
        *x_dpi = image->info.x_dpi;
    if (y_dpi)
        *y_dpi = image->info.y_dpi;
    return FAST_OK;
}

static fast_status setter(fast_image *img, const char *fn)
{
    return img ? fx_sheet_object_usable(img->wb, fn, "image", img->sheet, img->done) : FAST_ERROR_INVALID_ARGUMENT;
}

FAST_API fast_status fast_image_set_offset(fast_image *image, uint32_t x, uint32_t y)
{
    static const char fn[] = "fast_image_set_offset";
    fast_status st = setter(image, fn);
    if (st != FAST_OK)
        return st;
    if (x > 100000 || y > 100000)
        return fx_reject(&image->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: offset %u, %u pixels; 0..100000 allowed",
                         fn, (unsigned)x, (unsigned)y);
    image->x_off = x;
    image->y_off = y;
    return FAST_OK;
}

FAST_API fast_status fast_image_set_scale(fast_image *image, double x, double y)
{
    static const char fn[] = "fast_image_set_scale";
    fast_status st = setter(image, fn);
    if (st != FAST_OK)
        return st;
    if (!(x > 0 && x <= 1000 && y > 0 && y <= 1000))
        return fx_reject(&image->wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: scale %g, %g; each > 0 and <= 1000", fn,
                         x, y);
    image->x_scale = x;
    image->y_scale = y;
    image->width = image->height = 0;
    return FAST_OK;
}

FAST_API fast_status fast_image_set_size(fast_image *image, uint32_t width, uint32_t height)
{
    static const char fn[] = "fast_image_set_size";
    fast_status st = setter(image, fn);
    if (st != FAST_OK)
        return st;
    if (width < 1 || height < 1 || width > 1000000 || height > 1000000)
        return fx_reject(&image->wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: size %ux%u pixels; each 1..1000000 allowed", fn, (unsigned)width, (unsigned)height);
    image->width = width;
    image->height = height;
    image->x_scale = image->y_scale = 1;
    return FAST_OK;
}

/* Check and copy @text into *@out; @max characters at most. */
static fast_status set_text(fast_image *img, const char *fn, const char *what, const char *text, size_t len,
                            size_t max, char **out, size_t *out_len)
{
    fast_workbook *wb = img->wb;
    size_t chars, bad;
    unsigned cp;
    if (!text && len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: NULL %s with a length", fn, what);
    if (len && !fx_utf8_check(text, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: %s: invalid UTF-8 at byte %zu", fn, what, bad);
    size_t at = len ? fx_has_xml_controls(text, len, &cp) : 0;
    if (at)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: %s: character U+%04X at byte %zu cannot be stored in XML (a control character or a "
                         "noncharacter)",
                         fn, what, cp, at);
    if (len && chars > max)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %s of %zu characters is longer than %zu", fn,
                         what, chars, max);
    char *copy = NULL;
    if (len) {
        copy = malloc(len);
        if (!copy)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
        memcpy(copy, text, len);
    }
    free(*out);
    *out = copy;
    *out_len = len;
    return FAST_OK;
}

FAST_API fast_status fast_image_set_description(fast_image *image, const char *text, size_t len)
{
    static const char fn[] = "fast_image_set_description";
    fast_status st = setter(image, fn);
    if (st != FAST_OK)
        return st;
    return set_text(image, fn, "description", text, len, 65535, &image->descr, &image->descr_len);
}

FAST_API fast_status fast_image_set_url(fast_image *image, const char *url, size_t len)
{
    static const char fn[] = "fast_image_set_url";
    fast_status st = setter(image, fn);
    if (st != FAST_OK)
        return st;
    return set_text(image, fn, "URL", url, len, 2079, &image->url, &image->url_len);
}
