/*
 * image.h - images placed on worksheets (image.c): the header parser that
 * finds an image's type, size and resolution, the workbook's distinct media,
 * and the images of each sheet, which drawing.c writes when the sheet ends.
 */
#ifndef FX_IMAGE_H
#define FX_IMAGE_H

#include "internal.h"

enum { FX_IMAGE_PNG = 1, FX_IMAGE_JPEG, FX_IMAGE_GIF, FX_IMAGE_BMP };

typedef struct fx_image_info {
    int type;               /* FX_IMAGE_* */
    uint32_t width, height; /* pixels, from the header */
    double x_dpi, y_dpi;    /* from the header, 96 when it has none */
} fx_image_info;

/*
 * Read the header of the image in @d (@n bytes): its type from the magic
 * bytes, its size and resolution. Returns 1, or 0 with a sentence naming the
 * type, the field and the byte offset in @why (@whylen bytes). Reads no byte
 * outside @d[0..n); takes any input.
 */
int fx_image_probe(const unsigned char *d, size_t n, fx_image_info *info, char *why, size_t whylen);

/* The extension and the content type of a type (FX_IMAGE_*). */
const char *fx_image_ext(int type);
const char *fx_image_content_type(int type);

/* A distinct image's bytes: xl/media/imageN.ext once written. */
typedef struct fx_media {
    unsigned char *data;
    size_t len;
    uint32_t crc; /* CRC-32 of the bytes: compared before the bytes */
    int type;
    uint32_t number; /* N of imageN.ext */
    int written;
} fx_media;

struct fast_image {
    fast_workbook *wb;
    size_t sheet;           /* index in wb->sheets */
    uint32_t row, col;      /* 0-based top-left cell */
    uint32_t x_off, y_off;  /* pixels */
    double x_scale, y_scale;
    uint32_t width, height; /* a size in pixels set by the caller; 0: from the scale */
    size_t media;           /* index in the workbook's media */
    fx_image_info info;
    char *descr;
    size_t descr_len;
    char *url;
    size_t url_len;
    int done;               /* its sheet has ended */
};

typedef struct fx_images {
    fx_media *media;
    size_t nmedia, capmedia;
    size_t held, limit; /* bytes of media held; the cap */
    fast_image **v;     /* every image, in the order added */
    size_t n, cap;
    size_t sheet_first; /* the first image of the current sheet in v */
    uint32_t ndrawings; /* drawing parts made so far */
    uint32_t drawing;   /* N of the current sheet's drawing part */
} fx_images;

void fx_images_free(fast_workbook *wb);

/* The displayed extent of @img in EMU (ECMA-376 Part 1 §20.1.10.41 ST_PositiveCoordinate). */
void fx_image_extent(const fast_image *img, int64_t *cx, int64_t *cy);

struct fx_sheet;
/* drawing.c: <drawing r:id> of the sheet's drawing part, if it has images (§18.3.1.36). */
fast_status fx_drawing_tail(fast_workbook *wb, struct fx_sheet *sh);
/* drawing.c: after the sheet's entry: its new media, its drawing part and the drawing's relationships. */
fast_status fx_drawing_write_parts(fast_workbook *wb, struct fx_sheet *sh);

#endif /* FX_IMAGE_H */
