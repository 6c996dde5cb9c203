/*
 * write_images - a workbook with images for the readers to check:
 *
 *   write_images IMAGE_DIR OUT.xlsx OUT.json
 *
 * Sheet "Images": a title row, then each test image of IMAGE_DIR
 * (tests/data/images) placed from its file, each type at least once, one
 * scaled, one sized, one offset with alt text and a link, and the same PNG
 * three times more (stored once); 30 rows of text written after the images were
 * placed (a one-cell anchor needs none of them). Sheet "Logo": the logo on
 * top of rows that come later, from a buffer.
 *
 * OUT.json lists every image as placed: sheet, cell, extent in EMU computed
 * here from the pixels and resolution of tests/data/images/README.md, the
 * media type, the description and the link, for tests/readers/images.py.
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(x) x, strlen(x)

static fast_workbook *wb;
static FILE *js;
static int first = 1;

static void check(fast_status st, const char *what)
{
    if (st != FAST_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, fast_strerror(st), fast_workbook_error_message(wb));
        exit(1);
    }
}

static fast_image *place(const char *dir, const char *sheet, const char *file, uint32_t row, uint32_t col,
                         const char *type, double px_w, double px_h)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    fast_image *img = NULL;
    check(fast_workbook_add_image_file(wb, row, col, path, &img), path);
    fprintf(js, "%s{\"sheet\": \"%s\", \"file\": \"%s\", \"row\": %u, \"col\": %u, \"type\": \"%s\", "
                "\"cx\": %lld, \"cy\": %lld",
            first ? "" : ",\n", sheet, file, (unsigned)row, (unsigned)col, type, (long long)(px_w * 9525 + 0.5),
            (long long)(px_h * 9525 + 0.5));
    first = 0;
    return img;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: write_images IMAGE_DIR OUT.xlsx OUT.json\n");
        return 2;
    }
    const char *dir = argv[1];
    js = fopen(argv[3], "w");
    if (!js)
        return 1;
    wb = fast_workbook_new(argv[2]);
    if (!wb)
        return 1;
    fprintf(js, "[\n");
    check(fast_workbook_add_worksheet(wb, S("Images")), "add_worksheet");
    place(dir, "Images", "red.png", 1, 1, "png", 32, 32);
    fprintf(js, ", \"descr\": null, \"url\": null}");
    place(dir, "Images", "red.jpg", 1, 3, "jpeg", 32, 32);
    fprintf(js, ", \"descr\": null, \"url\": null}");
    place(dir, "Images", "red.gif", 1, 5, "gif", 32, 32);
    fprintf(js, ", \"descr\": null, \"url\": null}");
    place(dir, "Images", "red.bmp", 1, 7, "bmp", 32, 32);
    fprintf(js, ", \"descr\": null, \"url\": null}");
    /* 64 px at 2835 px/m (72 dpi), scaled 2 x 1. */
    fast_image *img = place(dir, "Images", "black_72.png", 5, 1, "png", 64 * 2 * 96 / 72.0, 64 * 96 / 72.0);
    check(fast_image_set_scale(img, 2, 1), "set_scale");
    fprintf(js, ", \"descr\": null, \"url\": null}");
    /* 64 px at 150 dpi, shown 120 x 40. */
    img = place(dir, "Images", "black_150.jpg", 5, 5, "jpeg", 120, 40);
    check(fast_image_set_size(img, 120, 40), "set_size");
    fprintf(js, ", \"descr\": null, \"url\": null}");
    img = place(dir, "Images", "red_topdown_20x12.bmp", 12, 1, "bmp", 20, 12);
    check(fast_image_set_offset(img, 15, 7), "set_offset");
    check(fast_image_set_description(img, S("A red \"box\" & <more>")), "set_description");
    check(fast_image_set_url(img, S("https://example.com/red?a=1&b=2")), "set_url");
    fprintf(js, ", \"x_off\": %d, \"y_off\": %d, \"descr\": \"A red \\\"box\\\" & <more>\", "
                "\"url\": \"https://example.com/red?a=1&b=2\"}",
            15 * 9525, 7 * 9525);
    for (uint32_t i = 0; i < 3; i++) {
        place(dir, "Images", "red.png", 16 + 2 * i, 3, "png", 32, 32);
        fprintf(js, ", \"descr\": null, \"url\": null}");
    }
    for (int r = 0; r < 30; r++) {
        char text[32];
        snprintf(text, sizeof text, "row %d", r + 1);
        const char *v[] = {text};
        size_t len[] = {strlen(text)};
        check(fast_workbook_write_row_strings(wb, v, len, 1), "write_row");
    }
    /* The logo from a buffer, before the rows under it. */
    check(fast_workbook_add_worksheet(wb, S("Logo")), "add_worksheet");
    char path[1024];
    snprintf(path, sizeof path, "%s/logo.png", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    static unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    check(fast_workbook_add_image(wb, 0, 0, buf, n, &img), "add_image");
    check(fast_image_set_description(img, S("Logo")), "set_description");
    fprintf(js, ",\n{\"sheet\": \"Logo\", \"file\": \"logo.png\", \"row\": 0, \"col\": 0, \"type\": \"png\", "
                "\"cx\": %d, \"cy\": %d, \"descr\": \"Logo\", \"url\": null}\n]\n",
            200 * 9525, 80 * 9525);
    for (int r = 0; r < 10; r++) {
        const char *v[] = {"under the logo"};
        size_t len[] = {14};
        check(fast_workbook_write_row_strings(wb, v, len, 1), "write_row");
    }
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    fclose(js);
    return 0;
}
