/*
 * test_image.c - images (lib/image.c, lib/drawing.c) through the public API:
 * the header parser (type from the magic bytes; size and resolution from PNG
 * IHDR/pHYs, JPEG SOFn/JFIF/EXIF, GIF, BMP) with its refusals, and the parts as
 * exact XML: the drawing part with its oneCellAnchor in EMU, the worksheet's
 * <drawing r:id>, the relationships, the content types' Defaults; identical
 * images stored once and uncompressed; the memory cap; setters after the sheet.
 *
 * The images here are headers only (the library never decodes pixels); the
 * readers see whole images in tests/e2e/images.sh and tests/readers.
 */
#include "testutil.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define RELS_HEAD XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define WSDR XML_DECL "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" " \
                      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PIC_TAIL(embed)                                                                                              \
    "<xdr:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></xdr:cNvPicPr></xdr:nvPicPr>"                                 \
    "<xdr:blipFill><a:blip xmlns:r=\"" NS_R "\" r:embed=\"rId" embed "\"/><a:stretch><a:fillRect/></a:stretch>"     \
    "</xdr:blipFill><xdr:spPr><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>"               \
    "<xdr:clientData/></xdr:oneCellAnchor>"

/* ---- images made in the test: headers with chosen fields ----------------------------------- */

static size_t put32be(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return 4;
}

/* A PNG signature, IHDR (w x h), pHYs (ppm, unit metre) if @ppm, and IEND. CRCs are not checked. */
static size_t make_png(unsigned char *b, uint32_t w, uint32_t h, uint32_t ppm)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    size_t n = 0;
    memcpy(b, sig, 8);
    n = 8;
    n += put32be(b + n, 13);
    memcpy(b + n, "IHDR", 4);
    n += 4;
    n += put32be(b + n, w);
    n += put32be(b + n, h);
    memcpy(b + n, "\x08\x02\x00\x00\x00", 5);
    n += 5;
    n += put32be(b + n, 0); /* CRC */
    if (ppm) {
        n += put32be(b + n, 9);
        memcpy(b + n, "pHYs", 4);
        n += 4;
        n += put32be(b + n, ppm);
        n += put32be(b + n, ppm);
        b[n++] = 1;
        n += put32be(b + n, 0);
    }
    n += put32be(b + n, 0);
    memcpy(b + n, "IEND", 4);
    n += 4;
    n += put32be(b + n, 0);
    return n;
}

/* SOI, APP0 JFIF (units, density), SOF0 (w x h), EOI. */
static size_t make_jpeg(unsigned char *b, uint32_t w, uint32_t h, int units, unsigned density)
{
    size_t n = 0;
    static const unsigned char soi[2] = {0xFF, 0xD8};
    memcpy(b, soi, 2);
    n = 2;
    unsigned char app0[18] = {0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, (unsigned char)units,
                              (unsigned char)(density >> 8), (unsigned char)density,
                              (unsigned char)(density >> 8), (unsigned char)density, 0, 0};
    memcpy(b + n, app0, sizeof app0);
    n += sizeof app0;
    unsigned char sof[19] = {0xFF, 0xC0, 0, 17, 8, (unsigned char)(h >> 8), (unsigned char)h,
                             (unsigned char)(w >> 8), (unsigned char)w, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
    memcpy(b + n, sof, sizeof sof);
    n += sizeof sof;
    b[n++] = 0xFF;
    b[n++] = 0xD9;
    return n;
}

static size_t make_gif(unsigned char *b, unsigned w, unsigned h)
{
    memcpy(b, "GIF89a", 6);
    b[6] = (unsigned char)w;
    b[7] = (unsigned char)(w >> 8);
    b[8] = (unsigned char)h;
    b[9] = (unsigned char)(h >> 8);
    memcpy(b + 10, "\x00\x00\x00\x3B", 4);
    return 14;
}

static void le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static size_t make_bmp(unsigned char *b, int32_t w, int32_t h, uint32_t ppm)
{
    memset(b, 0, 54);
    b[0] = 'B';
    b[1] = 'M';
    le32(b + 2, 54);
    le32(b + 10, 54);
    le32(b + 14, 40);
    le32(b + 18, (uint32_t)w);
    le32(b + 22, (uint32_t)h);
    b[26] = 1;
    b[28] = 24;
    le32(b + 38, ppm);
    le32(b + 42, ppm);
    return 54;
}

/* ---- helpers ----------------------------------------------------------------------------- */

static void expect_part(const tu_buf *pkg, const char *name, const char *want)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    if (part.len != strlen(want) || memcmp(part.data, want, part.len) != 0)
        print_message("part %s:\n got: %s\nwant: %s\n", name, (const char *)part.data, want);
    tu_assert_str_bytes(part.data, part.len, want);
    tu_buf_free(&part);
}

static void expect_contains(const tu_buf *pkg, const char *name, const char *needle)
{
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    tu_assert_contains(part.data, part.len, needle);
    tu_buf_free(&part);
}

static fast_workbook *new_book(tu_buf *out, const char *sheet)
{
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, out);
    assert_non_null(wb);
    assert_int_equal(fast_workbook_add_worksheet(wb, sheet, strlen(sheet)), FAST_OK);
    return wb;
}

static fast_image *add(fast_workbook *wb, uint32_t row, uint32_t col, const unsigned char *d, size_t n)
{
    fast_image *img = NULL;
    fast_status st = fast_workbook_add_image(wb, row, col, d, n, &img);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_image: %d %s", (int)st, fast_workbook_error_message(wb));
    return img;
}

/* How many parts under xl/media/ the package holds. */
static size_t media_parts(const tu_buf *pkg)
{
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, pkg->data, pkg->len), 0);
    size_t media = 0;
    for (size_t i = 0; i < z.nentries; i++)
        if (z.entries[i].name_len > 9 && memcmp(z.entries[i].name, "xl/media/", 9) == 0)
            media++;
    tu_zip_free(&z);
    return media;
}

static void expect_refused(fast_workbook *wb, fast_status got, fast_status want, const char *message)
{
    if (got != want || strcmp(fast_workbook_error_message(wb), message) != 0)
        fail_msg("status %d (want %d), message:\n  %s\nwant:\n  %s", (int)got, (int)want,
                 fast_workbook_error_message(wb), message);
    assert_int_equal(fast_workbook_status(wb), FAST_OK); /* non-sticky */
}

static void expect_info(const fast_image *img, uint32_t w, uint32_t h, double xdpi, double ydpi)
{
    uint32_t gw = 0, gh = 0;
    double gx = 0, gy = 0;
    assert_int_equal(fast_image_get_info(img, &gw, &gh, &gx, &gy), FAST_OK);
    assert_int_equal(gw, w);
    assert_int_equal(gh, h);
    assert_true(gx > xdpi - 0.01 && gx < xdpi + 0.01);
    assert_true(gy > ydpi - 0.01 && gy < ydpi + 0.01);
}

/* ---- tests ------------------------------------------------------------------------------- */

/* One PNG at C2 at its natural size: every part exact. */
static void test_one_png(void **state)
{
    (void)state;
    tu_buf out = {0};
    unsigned char png[128];
    size_t n = make_png(png, 32, 16, 0);
    fast_workbook *wb = new_book(&out, "S");
    fast_image *img = add(wb, 1, 2, png, n);
    expect_info(img, 32, 16, 96, 96);
    assert_int_equal(fast_workbook_write_row_strings(wb, (const char *const[]){"a"}, (size_t[]){1}, 1), FAST_OK);
    tu_close_ok(wb);
    expect_contains(&out, "xl/worksheets/sheet1.xml", "</sheetData><drawing r:id=\"rId1\"/></worksheet>");
    expect_part(&out, "xl/worksheets/_rels/sheet1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "drawing\" Target=\"../drawings/drawing1.xml\"/>"
                          "</Relationships>");
    /* 32 x 16 pixels at 96 dpi: 304800 x 152400 EMU. */
    expect_part(&out, "xl/drawings/drawing1.xml",
                WSDR "<xdr:oneCellAnchor><xdr:from><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>"
                     "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"304800\" cy=\"152400\"/>"
                     "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"2\" name=\"Picture 1\"/>" PIC_TAIL("1") "</xdr:wsDr>");
    expect_part(&out, "xl/drawings/_rels/drawing1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "image\" Target=\"../media/image1.png\"/>"
                          "</Relationships>");
    expect_contains(&out, "[Content_Types].xml", "<Default Extension=\"png\" ContentType=\"image/png\"/>");
    expect_contains(&out, "[Content_Types].xml",
                    "<Override PartName=\"/xl/drawings/drawing1.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.drawing+xml\"/>");
    tu_buf_free(&out);
}

/* Media bytes as given, stored; the sheet's parts otherwise deflated. */
static void test_media_stored(void **state)
{
    (void)state;
    tu_buf out = {0};
    unsigned char png[128];
    size_t n = make_png(png, 32, 16, 0);
    fast_workbook *wb = new_book(&out, "S");
    add(wb, 0, 0, png, n);
    tu_close_ok(wb);
    tu_buf part = {0};
    tu_extract_part(&out, "xl/media/image1.png", &part);
    tu_assert_bytes_equal(part.data, part.len, png, n);
    tu_buf_free(&part);
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
    long i = tu_zip_find(&z, "xl/media/image1.png");
    assert_true(i >= 0);
    assert_int_equal(z.entries[i].method, 0);
    assert_int_equal(z.entries[i].flags & 8, 0); /* sizes in the local header: no data descriptor */
    const unsigned char *lh = out.data + z.entries[i].local_offset;
    assert_int_equal(tu_rd32(lh + 14), z.entries[i].crc);
    assert_int_equal(tu_rd32(lh + 18), n);
    i = tu_zip_find(&z, "xl/drawings/drawing1.xml");
    assert_int_equal(z.entries[i].method, 8);
    tu_zip_free(&z);
    tu_buf_free(&out);
}

/* Offset, scale, size, description with escapes, a link; resolution from each type's header. */
static void test_placement_and_types(void **state)
{
    (void)state;
    tu_buf out = {0};
    unsigned char png[128], jpg[64], gif[16], bmp[64];
    size_t npng = make_png(png, 64, 64, 2835);        /* 72 dpi */
    size_t njpg = make_jpeg(jpg, 300, 200, 1, 150);   /* 150 dpi */
    size_t ngif = make_gif(gif, 10, 20);
    size_t nbmp = make_bmp(bmp, 40, -30, 7874);       /* top-down; 200 dpi */
    fast_workbook *wb = new_book(&out, "S");
    fast_image *a = add(wb, 0, 0, png, npng);
    expect_info(a, 64, 64, 72, 72); /* 2835 px/m: 72.009, rounded */
    assert_int_equal(fast_image_set_offset(a, 10, 5), FAST_OK);
    assert_int_equal(fast_image_set_description(a, "Logo <\"&\">", 10), FAST_OK);
    assert_int_equal(fast_image_set_url(a, "https://example.com/?a=1&b=2", 28), FAST_OK);
    fast_image *b = add(wb, 3, 1, jpg, njpg);
    expect_info(b, 300, 200, 150, 150);
    assert_int_equal(fast_image_set_scale(b, 2, 0.5), FAST_OK);
    fast_image *c = add(wb, 100, 3, gif, ngif);
    expect_info(c, 10, 20, 96, 96);
    assert_int_equal(fast_image_set_scale(c, 3, 3), FAST_OK);
    assert_int_equal(fast_image_set_size(c, 100, 50), FAST_OK); /* replaces the scale */
    fast_image *d = add(wb, 5, 5, bmp, nbmp);
    expect_info(d, 40, 30, 200, 200);
    tu_close_ok(wb);
    /* a: 64 px at 72 dpi (2835 px/m) = 85.33 px = 812800 EMU. b: 300*2*96/150 = 384 px; 200*0.5*96/150 = 64 px.
     * c: 100 x 50 px. d: 40*96/200 = 19.2 px. */
    expect_part(&out, "xl/drawings/drawing1.xml",
                WSDR "<xdr:oneCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>95250</xdr:colOff><xdr:row>0"
                     "</xdr:row><xdr:rowOff>47625</xdr:rowOff></xdr:from><xdr:ext cx=\"812800\" cy=\"812800\"/>"
                     "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"2\" name=\"Picture 1\" descr=\"Logo &lt;&quot;&amp;&quot;&gt;\">"
                     "<a:hlinkClick xmlns:r=\"" NS_R "\" r:id=\"rId2\"/></xdr:cNvPr>" PIC_TAIL("1")
                     "<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row>"
                     "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"3657600\" cy=\"609600\"/>"
                     "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"3\" name=\"Picture 2\"/>" PIC_TAIL("3")
                     "<xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>100</xdr:row>"
                     "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"952500\" cy=\"476250\"/>"
                     "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"4\" name=\"Picture 3\"/>" PIC_TAIL("4")
                     "<xdr:oneCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row>"
                     "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"182880\" cy=\"137160\"/>"
                     "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"5\" name=\"Picture 4\"/>" PIC_TAIL("5") "</xdr:wsDr>");
    expect_part(&out, "xl/drawings/_rels/drawing1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "image\" Target=\"../media/image1.png\"/>"
                          "<Relationship Id=\"rId2\" Type=\"" REL "hyperlink\" Target=\"https://example.com/?a=1&amp;b=2\" "
                          "TargetMode=\"External\"/>"
                          "<Relationship Id=\"rId3\" Type=\"" REL "image\" Target=\"../media/image2.jpeg\"/>"
                          "<Relationship Id=\"rId4\" Type=\"" REL "image\" Target=\"../media/image3.gif\"/>"
                          "<Relationship Id=\"rId5\" Type=\"" REL "image\" Target=\"../media/image4.bmp\"/>"
                          "</Relationships>");
    expect_contains(&out, "[Content_Types].xml",
                    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                    "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
                    "<Default Extension=\"gif\" ContentType=\"image/gif\"/>"
                    "<Default Extension=\"bmp\" ContentType=\"image/bmp\"/>");
    tu_buf_free(&out);
}

/* The same bytes on two sheets, many times: one media part; one relationship per drawing. */
static void test_stored_once(void **state)
{
    (void)state;
    tu_buf out = {0};
    unsigned char png[128], png2[128];
    size_t n = make_png(png, 8, 8, 0), n2 = make_png(png2, 8, 9, 0);
    fast_workbook *wb = new_book(&out, "A");
    for (uint32_t i = 0; i < 10000; i++)
        add(wb, i, 0, png, n);
    add(wb, 0, 1, png2, n2);
    assert_int_equal(fast_workbook_add_worksheet(wb, "B", 1), FAST_OK);
    add(wb, 0, 0, png2, n2);
    add(wb, 1, 0, png, n);
    tu_close_ok(wb);
    assert_int_equal(media_parts(&out), 2);
    expect_part(&out, "xl/drawings/_rels/drawing1.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "image\" Target=\"../media/image1.png\"/>"
                          "<Relationship Id=\"rId2\" Type=\"" REL "image\" Target=\"../media/image2.png\"/>"
                          "</Relationships>");
    expect_part(&out, "xl/drawings/_rels/drawing2.xml.rels",
                RELS_HEAD "<Relationship Id=\"rId1\" Type=\"" REL "image\" Target=\"../media/image2.png\"/>"
                          "<Relationship Id=\"rId2\" Type=\"" REL "image\" Target=\"../media/image1.png\"/>"
                          "</Relationships>");
    expect_contains(&out, "xl/drawings/drawing1.xml", "<xdr:cNvPr id=\"10001\" name=\"Picture 10000\"/>");
    expect_contains(&out, "xl/worksheets/sheet2.xml", "<drawing r:id=\"rId1\"/>");
    tu_buf_free(&out);
}

/* Refusals: non-sticky, with messages naming the type, the field and the byte. */
static void test_refusals(void **state)
{
    (void)state;
    tu_buf out = {0};
    unsigned char b[128];
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, "x", 1, NULL), FAST_ERROR_STATE,
                   "fast_workbook_add_image: no worksheet; call fast_workbook_add_worksheet first");
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, "GIF89", 5, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): not a PNG, JPEG, GIF or BMP image (unknown "
                   "first bytes)");
    size_t n = make_png(b, 32, 32, 0);
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, b, 20, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): PNG: cut short before the end of IHDR (byte 20)");
    make_png(b, 0, 32, 0);
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, b, n, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): PNG: size 0x32 pixels is not within 1..1000000 "
                   "(byte 16)");
    n = make_jpeg(b, 10, 10, 1, 96);
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, b, 25, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): JPEG: marker segment length out of range "
                   "(byte 22)");
    b[21] = 0xDA; /* a scan before the frame header */
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, b, n, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): JPEG: no SOF marker (frame header) before the "
                   "scan (byte 21)");
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, "GIF87a\x01", 7, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): GIF: cut short before the end of the logical "
                   "screen descriptor (byte 7)");
    n = make_bmp(b, 4, 4, 0);
    le32(b + 14, 20);
    expect_refused(wb, fast_workbook_add_image(wb, 0, 0, b, n, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: sheet 'S', cell (0, 0): BMP: unknown DIB header size (byte 14)");
    expect_refused(wb, fast_workbook_add_image(wb, FAST_MAX_ROWS, 0, b, n, NULL), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_image: NULL image data, or cell (1048576, 0) out of range");
    expect_refused(wb, fast_workbook_add_image_file(wb, 0, 0, "/nonexistent/x.png", NULL), FAST_ERROR_IO,
                   "fast_workbook_add_image_file: cannot open '/nonexistent/x.png': No such file or directory");
    /* The cap: the second distinct image is refused; a copy of the first costs nothing. */
    n = make_png(b, 8, 8, 0);
    assert_int_equal(fast_workbook_set_image_memory_limit(wb, n + 10), FAST_OK);
    fast_image *img = add(wb, 0, 0, b, n);
    unsigned char c[128];
    size_t nc = make_png(c, 9, 8, 0);
    char msg[300];
    snprintf(msg, sizeof msg,
             "fast_workbook_add_image: an image of %zu bytes would take the distinct image bytes held to %zu, over "
             "the cap of %zu (fast_workbook_set_image_memory_limit)",
             nc, n + nc, n + 10);
    expect_refused(wb, fast_workbook_add_image(wb, 1, 0, c, nc, NULL), FAST_ERROR_MEMORY_LIMIT, msg);
    add(wb, 2, 0, b, n);
    /* Setters: values out of range; text XML cannot hold. */
    expect_refused(wb, fast_image_set_scale(img, 0, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_image_set_scale: scale 0, 1; each > 0 and <= 1000");
    expect_refused(wb, fast_image_set_size(img, 0, 1), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_image_set_size: size 0x1 pixels; each 1..1000000 allowed");
    expect_refused(wb, fast_image_set_offset(img, 100001, 0), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_image_set_offset: offset 100001, 0 pixels; 0..100000 allowed");
    expect_refused(wb, fast_image_set_description(img, "a\x01", 2), FAST_ERROR_INVALID_ARGUMENT,
                   "fast_image_set_description: description: character U+0001 at byte 2 cannot be stored in XML (a "
                   "control character or a noncharacter)");
    expect_refused(wb, fast_image_set_url(img, "\xff", 1), FAST_ERROR_INVALID_UTF8,
                   "fast_image_set_url: URL: invalid UTF-8 at byte 1");
    /* After the sheet ends. */
    assert_int_equal(fast_workbook_add_worksheet(wb, "T", 1), FAST_OK);
    expect_refused(wb, fast_image_set_offset(img, 1, 1), FAST_ERROR_TOO_LATE,
                   "fast_image_set_offset: the image's sheet 'S' has ended");
    tu_close_ok(wb);
    expect_contains(&out, "xl/drawings/drawing1.xml", "<xdr:cNvPr id=\"3\" name=\"Picture 2\"/>");
    tu_buf_free(&out);
}

/* A BMP file of exactly @size bytes (a 4x4 header, zeros after it), @ppm making it distinct; its path in @path. */
static void bmp_file(char *path, size_t size, uint32_t ppm)
{
    strcpy(path, "/tmp/fastxlsx-image-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unsigned char *b = calloc(1, size);
    assert_non_null(b);
    make_bmp(b, 4, 4, ppm);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
    free(b);
}

/* Files against the cap: exactly the cap is taken; a copy of a held image is taken past a cap lowered since (it
 * costs nothing, as from memory); one byte more than anything that could be taken is refused without reading on. */
static void test_file_cap(void **state)
{
    (void)state;
    tu_buf out = {0};
    char big[64], exact[64], over[64];
    bmp_file(big, 131072, 0);
    bmp_file(exact, 65536, 1);
    bmp_file(over, 131073, 2);
    fast_workbook *wb = new_book(&out, "S");
    assert_int_equal(fast_workbook_add_image_file(wb, 0, 0, big, NULL), FAST_OK);
    assert_int_equal(fast_workbook_set_image_memory_limit(wb, 131072 + 65536), FAST_OK);
    assert_int_equal(fast_workbook_add_image_file(wb, 1, 0, exact, NULL), FAST_OK); /* exactly what is left */
    assert_int_equal(fast_workbook_set_image_memory_limit(wb, 65536), FAST_OK);
    assert_int_equal(fast_workbook_add_image_file(wb, 2, 0, big, NULL), FAST_OK); /* a copy */
    char msg[300];
    snprintf(msg, sizeof msg,
             "fast_workbook_add_image_file: '%s' has more than 131072 bytes, over the image memory cap "
             "(fast_workbook_set_image_memory_limit)",
             over);
    expect_refused(wb, fast_workbook_add_image_file(wb, 3, 0, over, NULL), FAST_ERROR_MEMORY_LIMIT, msg);
    tu_close_ok(wb);
    assert_int_equal(media_parts(&out), 2);
    expect_contains(&out, "xl/drawings/drawing1.xml", "<xdr:cNvPr id=\"4\" name=\"Picture 3\"/>");
    tu_buf_free(&out);
    unlink(big);
    unlink(exact);
    unlink(over);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_png),
        cmocka_unit_test(test_media_stored),
        cmocka_unit_test(test_placement_and_types),
        cmocka_unit_test(test_stored_once),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_file_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
