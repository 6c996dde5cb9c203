/*
 * test_zip.c - lib/zip.c, lib/sink.c and lib/deflate_zlib.c: the streaming ZIP
 * writer, checked byte by byte against PKWARE APPNOTE.TXT 6.3.x by a reader
 * written here (local file headers 4.3.7, data descriptors 4.3.9, central
 * directory 4.3.12, ZIP64 end of central directory record and locator
 * 4.3.14-4.3.15, end of central directory record 4.3.16, ZIP64 extra 4.5.3).
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "sink.h"
#include "zip.h"

#include <unistd.h>

#include "testutil.h"

/* ---- writing archives ------------------------------------------------------------- */

typedef struct writer {
    fx_error err;
    fx_sink sink;
    fx_zip zip;
} writer;

static void writer_open_callback(writer *w, int level, fast_write_fn fn, void *user)
{
    memset(w, 0, sizeof *w);
    assert_int_equal(fx_sink_init_callback(&w->sink, fn, user, &w->err), 0);
    assert_int_equal(w->sink.seekable, 0);
    assert_int_equal(fx_zip_init(&w->zip, &w->sink, level, &w->err), FAST_OK);
}

static void writer_close(writer *w)
{
    fx_zip_free(&w->zip);
    fx_sink_free(&w->sink);
}

typedef struct entry {
    const char *name;
    const unsigned char *data;
    size_t len;
} entry;

static void add_entry(writer *w, const entry *e)
{
    assert_int_equal(fx_zip_begin(&w->zip, e->name), FAST_OK);
    /* In a few pieces, as the XML buffer would hand them over. */
    size_t off = 0;
    while (off < e->len) {
        size_t n = e->len - off > 40000 ? 40000 : e->len - off;
        assert_int_equal(fx_zip_write(&w->zip, e->data + off, n), FAST_OK);
        off += n;
    }
    assert_int_equal(fx_zip_end(&w->zip, NULL), FAST_OK);
}

static void finish(writer *w)
{
    assert_int_equal(fx_zip_finish(&w->zip), FAST_OK);
    assert_int_equal(fx_sink_flush(&w->sink), FAST_OK);
    assert_int_equal(w->err.status, FAST_OK);
}

/* A whole archive of @n entries at @level, through the callback @fn, into @out. */
static void build_archive(tu_buf *out, int level, fast_write_fn fn, const entry *ents, size_t n)
{
    writer w;
    writer_open_callback(&w, level, fn, out);
    for (size_t i = 0; i < n; i++)
        add_entry(&w, &ents[i]);
    finish(&w);
    assert_int_equal(w.sink.offset, out->len);
    writer_close(&w);
}

/* ---- reading them back ------------------------------------------------------------- */

/*
 * Walk the archive @zb from its first byte: every local header, its data and its
 * data descriptor, then the central directory and the end records, comparing
 * every field with what fastxlsx promises and with @ents. @method applies to
 * every entry. Returns the offset of the central directory.
 */
static size_t verify_archive(const unsigned char *zb, size_t zlen, const entry *ents, size_t n,
                             unsigned method)
{
    uint64_t *local = calloc(n ? n : 1, sizeof *local);
    uint64_t *csize = calloc(n ? n : 1, sizeof *csize);
    uint32_t *crc = calloc(n ? n : 1, sizeof *crc);
    assert_non_null(local);
    assert_non_null(csize);
    assert_non_null(crc);
    size_t p = 0;
    tu_buf inflated = {0};

    for (size_t i = 0; i < n; i++) {
        const entry *e = &ents[i];
        size_t nlen = strlen(e->name);
        if (p + 30 + nlen > zlen)
            fail_msg("entry %zu: local header at %zu overruns the archive", i, p);
        local[i] = p;
        assert_int_equal(tu_rd32(zb + p), TU_SIG_LOCAL);
        assert_int_equal(tu_rd16(zb + p + 4), 20);       /* version needed: 2.0 */
        assert_int_equal(tu_rd16(zb + p + 6), 0x0008);   /* general purpose flag: bit 3 only */
        assert_int_equal(tu_rd16(zb + p + 8), method);
        assert_int_equal(tu_rd16(zb + p + 10), 0x0000);  /* time 00:00:00 */
        assert_int_equal(tu_rd16(zb + p + 12), 0x0021);  /* date 1980-01-01 */
        assert_int_equal(tu_rd32(zb + p + 14), 0);       /* CRC: in the descriptor */
        assert_int_equal(tu_rd32(zb + p + 18), 0);       /* compressed size */
        assert_int_equal(tu_rd32(zb + p + 22), 0);       /* uncompressed size */
        assert_int_equal(tu_rd16(zb + p + 26), nlen);
        assert_int_equal(tu_rd16(zb + p + 28), 0);       /* no extra field */
        assert_memory_equal(zb + p + 30, e->name, nlen);
        size_t data = p + 30 + nlen;
        size_t used;
        if (method == 0) {
            if (data + e->len > zlen)
                fail_msg("entry %zu: stored data overruns the archive", i);
            tu_assert_bytes_equal(zb + data, e->len, e->data, e->len);
            used = e->len;
        } else {
            inflated.len = 0;
            if (tu_inflate_raw(zb + data, zlen - data, &inflated, &used) != 0)
                fail_msg("entry %zu (%s): the deflate data does not inflate", i, e->name);
            tu_assert_bytes_equal(inflated.data, inflated.len, e->data, e->len);
        }
        csize[i] = used;
        crc[i] = tu_crc32(e->data, e->len);
        size_t d = data + used;
        if (d + 16 > zlen)
            fail_msg("entry %zu: data descriptor overruns the archive", i);
        assert_int_equal(tu_rd32(zb + d), TU_SIG_DESCRIPTOR);
        assert_int_equal(tu_rd32(zb + d + 4), crc[i]);
        assert_int_equal(tu_rd32(zb + d + 8), used);
        assert_int_equal(tu_rd32(zb + d + 12), e->len);
        p = d + 16;
    }

    size_t cd = p;
    for (size_t i = 0; i < n; i++) {
        const entry *e = &ents[i];
        size_t nlen = strlen(e->name);
        if (p + 46 + nlen > zlen)
            fail_msg("central record %zu at %zu overruns the archive", i, p);
        assert_int_equal(tu_rd32(zb + p), TU_SIG_CENTRAL);
        assert_int_equal(tu_rd16(zb + p + 4), 20);  /* made by: MS-DOS, 2.0 */
        assert_int_equal(tu_rd16(zb + p + 6), 20);  /* needed: 2.0 */
        assert_int_equal(tu_rd16(zb + p + 8), 0x0008);
        assert_int_equal(tu_rd16(zb + p + 10), method);
        assert_int_equal(tu_rd16(zb + p + 12), 0x0000);
        assert_int_equal(tu_rd16(zb + p + 14), 0x0021);
        assert_int_equal(tu_rd32(zb + p + 16), crc[i]);
        assert_int_equal(tu_rd32(zb + p + 20), csize[i]);
        assert_int_equal(tu_rd32(zb + p + 24), e->len);
        assert_int_equal(tu_rd16(zb + p + 28), nlen);
        assert_int_equal(tu_rd16(zb + p + 30), 0);  /* extra field length: no ZIP64 extra */
        assert_int_equal(tu_rd16(zb + p + 32), 0);  /* comment */
        assert_int_equal(tu_rd16(zb + p + 34), 0);  /* disk number start */
        assert_int_equal(tu_rd16(zb + p + 36), 0);  /* internal attributes */
        assert_int_equal(tu_rd32(zb + p + 38), 0);  /* external attributes */
        assert_int_equal(tu_rd32(zb + p + 42), local[i]);
        assert_memory_equal(zb + p + 46, e->name, nlen);
        p += 46 + nlen;
    }
    size_t cd_size = p - cd;

    if (n >= 0xFFFF) {
        /* ZIP64 end of central directory record (4.3.14), then its locator (4.3.15). */
        if (p + 56 + 20 > zlen)
            fail_msg("ZIP64 end records overrun the archive");
        assert_int_equal(tu_rd32(zb + p), TU_SIG_ZIP64_EOCD);
        assert_int_equal(tu_rd64(zb + p + 4), 44); /* size of the rest of the record */
        assert_int_equal(tu_rd16(zb + p + 12), 45);
        assert_int_equal(tu_rd16(zb + p + 14), 45);
        assert_int_equal(tu_rd32(zb + p + 16), 0);
        assert_int_equal(tu_rd32(zb + p + 20), 0);
        assert_int_equal(tu_rd64(zb + p + 24), n);
        assert_int_equal(tu_rd64(zb + p + 32), n);
        assert_int_equal(tu_rd64(zb + p + 40), cd_size);
        assert_int_equal(tu_rd64(zb + p + 48), cd);
        size_t l = p + 56;
        assert_int_equal(tu_rd32(zb + l), TU_SIG_ZIP64_LOCATOR);
        assert_int_equal(tu_rd32(zb + l + 4), 0);
        assert_int_equal(tu_rd64(zb + l + 8), p);
        assert_int_equal(tu_rd32(zb + l + 16), 1);
        p = l + 20;
    }
    /* End of central directory record (4.3.16), the last 22 bytes. */
    assert_int_equal(zlen, p + 22);
    unsigned count16 = n >= 0xFFFF ? 0xFFFFu : (unsigned)n;
    assert_int_equal(tu_rd32(zb + p), TU_SIG_EOCD);
    assert_int_equal(tu_rd16(zb + p + 4), 0);
    assert_int_equal(tu_rd16(zb + p + 6), 0);
    assert_int_equal(tu_rd16(zb + p + 8), count16);
    assert_int_equal(tu_rd16(zb + p + 10), count16);
    assert_int_equal(tu_rd32(zb + p + 12), cd_size);
    assert_int_equal(tu_rd32(zb + p + 16), cd);
    assert_int_equal(tu_rd16(zb + p + 20), 0);

    /* The shared reader agrees: it finds every entry through the end records. */
    tu_zip z;
    if (tu_zip_parse(&z, zb, zlen) != 0)
        fail_msg("tu_zip_parse: %s", z.error);
    assert_int_equal(z.nentries, n);
    assert_int_equal(z.has_zip64, n >= 0xFFFF);
    for (size_t i = 0; i < n; i += (n > 100 ? 997 : 1)) {
        tu_buf content = {0};
        if (tu_zip_extract(&z, i, &content) != 0)
            fail_msg("tu_zip_extract: %s", z.error);
        tu_assert_bytes_equal(content.data, content.len, ents[i].data, ents[i].len);
        tu_buf_free(&content);
    }
    tu_zip_free(&z);

    tu_buf_free(&inflated);
    free(local);
    free(csize);
    free(crc);
    return cd;
}

/* ---- test data ----------------------------------------------------------------------- */

/* @n bytes: text that compresses well, or pseudo-random bytes that do not. */
static unsigned char *make_data(size_t n, int random, uint64_t seed)
{
    unsigned char *d = malloc(n ? n : 1);
    assert_non_null(d);
    uint64_t st = seed;
    for (size_t i = 0; i < n; i++) {
        if (random) {
            d[i] = (unsigned char)tu_rand64(&st);
        } else {
            static const char text[] = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>\n";
            d[i] = (unsigned char)text[(i + (i / 997)) % (sizeof text - 1)];
        }
    }
    return d;
}

static void assert_no_zip64(const tu_buf *b)
{
    tu_assert_not_contains(b->data, b->len, "PK\x06\x06"); /* 0x06064b50 */
    tu_assert_not_contains(b->data, b->len, "PK\x06\x07"); /* 0x07064b50 */
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_stored_and_deflated(void **state)
{
    (void)state;
    static const unsigned char hello[] = "Hello, stored world!\n";
    unsigned char *text = make_data(300000, 0, 1);
    unsigned char *noise = make_data(100000, 1, 2);
    const entry ents[] = {
        {"[Content_Types].xml", hello, sizeof hello - 1},
        {"xl/worksheets/sheet1.xml", text, 300000},
        {"xl/media/noise.bin", noise, 100000},
        {"z", (const unsigned char *)"1", 1},
    };
    for (int level = 0; level <= 9; level += 3) {
        tu_buf out = {0};
        build_archive(&out, level, tu_write_all, ents, 4);
        unsigned method = level ? 8 : 0;
        verify_archive(out.data, out.len, ents, 4, method);
        if (level == 0) {
            /* Stored: the bytes are in the file as they are. */
            tu_assert_contains(out.data, out.len, "Hello, stored world!\n");
        } else {
            /* Deflated: the text shrank, so the sizes differ. */
            tu_zip z;
            assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
            assert_true(z.entries[1].csize < z.entries[1].usize / 4);
            assert_int_equal(z.entries[1].usize, 300000);
            tu_zip_free(&z);
        }
        assert_no_zip64(&out);
        tu_buf_free(&out);
    }
    free(text);
    free(noise);
}

static void test_empty_entries(void **state)
{
    (void)state;
    static const unsigned char x[] = "x";
    const entry ents[] = {
        {"empty-first", x, 0},
        {"one", x, 1},
        {"empty-middle", NULL, 0},
        {"empty-last", x, 0},
    };
    for (int level = 0; level <= 6; level += 6) {
        tu_buf out = {0};
        build_archive(&out, level, tu_write_all, ents, 4);
        verify_archive(out.data, out.len, ents, 4, level ? 8 : 0);
        tu_zip z;
        assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
        assert_int_equal(z.entries[0].usize, 0);
        assert_int_equal(z.entries[0].crc, 0);
        if (level == 0)
            assert_int_equal(z.entries[0].csize, 0);
        else
            assert_true(z.entries[0].csize >= 2); /* an empty final block */
        tu_zip_free(&z);
        tu_buf_free(&out);
    }

    /* An archive with no entries at all. */
    tu_buf out = {0};
    build_archive(&out, 6, tu_write_all, NULL, 0);
    assert_int_equal(out.len, 22);
    verify_archive(out.data, out.len, NULL, 0, 8);
    tu_buf_free(&out);
}

static void test_small_archive_has_no_zip64(void **state)
{
    (void)state;
    const entry ents[] = {
        {"a.xml", (const unsigned char *)"<a/>", 4},
        {"b.xml", (const unsigned char *)"<b/>", 4},
        {"c.xml", (const unsigned char *)"<c/>", 4},
    };
    for (int level = 0; level <= 6; level += 6) {
        tu_buf out = {0};
        build_archive(&out, level, tu_write_all, ents, 3);
        verify_archive(out.data, out.len, ents, 3, level ? 8 : 0); /* extra length 0 everywhere */
        assert_no_zip64(&out);
        tu_zip z;
        assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
        assert_int_equal(z.has_zip64, 0);
        assert_int_equal(z.eocd_entries, 3);
        for (size_t i = 0; i < 3; i++) {
            assert_int_equal(z.entries[i].extra_len, 0);
            assert_int_equal(z.entries[i].has_zip64_extra, 0);
        }
        tu_zip_free(&z);
        tu_buf_free(&out);
    }
}

/* @n empty stored entries named e000000, e000001, ... (12 bytes of name storage each) */
static void many_entries(size_t n, tu_buf *out, entry **ents_out, char **names_out)
{
    char *names = malloc(n * 12);
    entry *ents = calloc(n, sizeof *ents);
    assert_non_null(names);
    assert_non_null(ents);
    for (size_t i = 0; i < n; i++) {
        snprintf(names + i * 12, 12, "e%06u", (unsigned)i);
        ents[i].name = names + i * 12;
        ents[i].data = NULL;
        ents[i].len = 0;
    }
    build_archive(out, 0, tu_write_all, ents, n);
    *ents_out = ents;
    *names_out = names;
}

static void test_zip64_entry_count(void **state)
{
    (void)state;
    tu_buf out = {0};
    entry *ents;
    char *names;
    many_entries(70000, &out, &ents, &names);
    size_t cd = verify_archive(out.data, out.len, ents, 70000, 0);

    /* The end records once more, from the reader's side. */
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
    assert_int_equal(z.has_zip64, 1);
    assert_int_equal(z.eocd_entries, 0xFFFF);
    assert_int_equal(z.eocd_entries_disk, 0xFFFF);
    assert_int_equal(z.z64_entries, 70000);
    assert_int_equal(z.z64_entries_disk, 70000);
    assert_int_equal(z.z64_record_size, 44);
    assert_int_equal(z.loc_total_disks, 1);
    assert_int_equal(z.cd_offset, cd);
    assert_int_equal(z.zip64_eocd_offset, z.cd_offset + z.cd_size);
    assert_int_equal(z.locator_offset, z.zip64_eocd_offset + 56);
    assert_int_equal(z.eocd_offset, out.len - 22);
    assert_int_equal(tu_zip_find(&z, "e069999"), 69999);
    tu_zip_free(&z);
    free(ents);
    free(names);
    tu_buf_free(&out);
}

static void test_entry_count_boundary(void **state)
{
    (void)state;
    /* 65,534 entries fit the classic EOCD; 65,535 (0xFFFF, the "see ZIP64" value)
     * need the ZIP64 records. */
    tu_buf out = {0};
    entry *ents;
    char *names;
    many_entries(65534, &out, &ents, &names);
    verify_archive(out.data, out.len, ents, 65534, 0);
    assert_no_zip64(&out);
    free(ents);
    free(names);
    tu_buf_free(&out);

    many_entries(65535, &out, &ents, &names);
    verify_archive(out.data, out.len, ents, 65535, 0);
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
    assert_int_equal(z.has_zip64, 1);
    assert_int_equal(z.eocd_entries, 0xFFFF);
    assert_int_equal(z.z64_entries, 65535);
    tu_zip_free(&z);
    free(ents);
    free(names);
    tu_buf_free(&out);
}

/* ---- the prefix mechanism (seekable sink) ------------------------------------------------- */

static int make_temp_file(char *path, size_t cap)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, cap, "%s/fx_test_zip_XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        fail_msg("mkstemp(%s) failed", path);
    return fd;
}

static void read_fd(int fd, tu_buf *out)
{
    off_t end = lseek(fd, 0, SEEK_END);
    assert_true(end >= 0);
    unsigned char chunk[65536];
    off_t at = 0;
    while (at < end) {
        ssize_t r = pread(fd, chunk, sizeof chunk, at);
        assert_true(r > 0);
        tu_buf_append(out, chunk, (size_t)r);
        at += r;
    }
}

static void prefix_case(int level, size_t rest_len, size_t junk_len)
{
    static const char original[] = "<dimension ref=\"A1:XFD1048576\"/>";
    static const char replaced[] = "<dimension ref=\"B2:D5\"/>        ";
    const size_t plen = sizeof original - 1;
    assert_int_equal(sizeof replaced - 1, plen);

    char path[512];
    int fd = make_temp_file(path, sizeof path);
    unsigned char junk[64];
    memset(junk, 'J', sizeof junk);
    assert_int_equal(write(fd, junk, junk_len), (ssize_t)junk_len);

    writer w;
    memset(&w, 0, sizeof w);
    assert_int_equal(fx_sink_init_fd(&w.sink, fd, &w.err), 0);
    assert_int_equal(w.sink.seekable, 1);
    assert_int_equal(w.sink.base, junk_len);
    assert_int_equal(fx_zip_init(&w.zip, &w.sink, level, &w.err), FAST_OK);

    unsigned char *first = make_data(100, 0, 3);
    unsigned char *rest = make_data(rest_len, 1, 4); /* random: stays large when deflated */
    static const unsigned char after[] = "after the patched entry";
    entry e0 = {"first.bin", first, 100};
    add_entry(&w, &e0);

    assert_int_equal(fx_zip_begin(&w.zip, "xl/worksheets/sheet1.xml"), FAST_OK);
    assert_int_equal(fx_zip_write_prefix(&w.zip, original, plen), FAST_OK);
    assert_int_equal(fx_zip_write(&w.zip, rest, rest_len), FAST_OK);
    int flushed = w.zip.prefix_offset < w.sink.offset - w.sink.len; /* patch by pwrite? */
    assert_int_equal(flushed, rest_len > FX_SINK_BUFFER);
    assert_int_equal(fx_zip_end(&w.zip, replaced), FAST_OK);

    entry e2 = {"after.txt", after, sizeof after - 1};
    add_entry(&w, &e2);
    finish(&w);
    writer_close(&w);

    tu_buf file = {0};
    read_fd(fd, &file);
    close(fd);
    unlink(path);

    /* The bytes before the package are untouched. */
    assert_true(file.len > junk_len);
    assert_memory_equal(file.data, junk, junk_len);
    const unsigned char *zb = file.data + junk_len;
    size_t zlen = file.len - junk_len;

    tu_buf whole = {0};
    tu_buf_append(&whole, replaced, plen);
    tu_buf_append(&whole, rest, rest_len);
    entry ents[3] = {e0, {"xl/worksheets/sheet1.xml", whole.data, whole.len}, e2};
    verify_archive(zb, zlen, ents, 3, level ? 8 : 0);

    /* The replacement sits at its place in the entry's data; the original is gone. */
    tu_zip z;
    assert_int_equal(tu_zip_parse(&z, zb, zlen), 0);
    size_t lo = (size_t)z.entries[1].local_offset;
    assert_int_equal(tu_rd32(zb + lo), TU_SIG_LOCAL);
    size_t data = lo + 30 + strlen("xl/worksheets/sheet1.xml");
    if (level) {
        /* A non-final stored block (RFC 1951 3.2.4): BFINAL 0, BTYPE 00, LEN, NLEN. */
        assert_int_equal(zb[data], 0x00);
        assert_int_equal(tu_rd16(zb + data + 1), plen);
        assert_int_equal(tu_rd16(zb + data + 3), (~plen) & 0xFFFFu);
        data += 5;
    }
    assert_memory_equal(zb + data, replaced, plen);
    tu_assert_not_contains(zb, zlen, original);

    /* Descriptor and central directory carry the CRC of the final bytes. */
    assert_int_equal(z.entries[1].crc, tu_crc32(whole.data, whole.len));
    assert_int_equal(z.entries[1].usize, whole.len);
    tu_zip_free(&z);

    tu_buf_free(&whole);
    tu_buf_free(&file);
    free(first);
    free(rest);
}

static void test_prefix_in_buffer(void **state)
{
    (void)state;
    prefix_case(0, 1000, 0);
    prefix_case(6, 1000, 0);
    prefix_case(6, 0, 0); /* nothing after the prefix */
    prefix_case(0, 0, 0);
}

static void test_prefix_patched_in_file(void **state)
{
    (void)state;
    /* Enough data after the prefix that it has left the 64 KiB sink buffer, and a
     * package that does not start at offset 0 of the descriptor. */
    prefix_case(0, 300000, 0);
    prefix_case(6, 300000, 0);
    prefix_case(0, 300000, 7);
    prefix_case(9, 300000, 13);
    prefix_case(1, 1000, 5);
}

static void test_prefix_rejected_when_misplaced(void **state)
{
    (void)state;
    /* Not seekable: a prefix could never be patched. */
    tu_buf out = {0};
    writer w;
    writer_open_callback(&w, 6, tu_write_all, &out);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    assert_int_equal(fx_zip_write_prefix(&w.zip, "abc", 3), FAST_ERROR_STATE);
    assert_int_equal(w.err.status, FAST_ERROR_STATE);
    writer_close(&w);
    tu_buf_free(&out);

    /* Seekable, but after data was written, or too long. */
    char path[512];
    int fd = make_temp_file(path, sizeof path);
    memset(&w, 0, sizeof w);
    assert_int_equal(fx_sink_init_fd(&w.sink, fd, &w.err), 0);
    assert_int_equal(fx_zip_init(&w.zip, &w.sink, 0, &w.err), FAST_OK);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    assert_int_equal(fx_zip_write(&w.zip, "x", 1), FAST_OK);
    assert_int_equal(fx_zip_write_prefix(&w.zip, "abc", 3), FAST_ERROR_STATE);
    writer_close(&w);

    memset(&w, 0, sizeof w);
    assert_int_equal(fx_sink_init_fd(&w.sink, fd, &w.err), 0);
    assert_int_equal(fx_zip_init(&w.zip, &w.sink, 6, &w.err), FAST_OK);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    unsigned char *big = make_data(FX_ZIP_PREFIX_MAX + 1, 0, 5);
    assert_int_equal(fx_zip_write_prefix(&w.zip, big, FX_ZIP_PREFIX_MAX + 1), FAST_ERROR_STATE);
    free(big);
    writer_close(&w);
    close(fd);
    unlink(path);
}

/* ---- the deflate backends and CRC-32 ------------------------------------------------------ */

static fast_status collect_out(void *ctx, const void *data, size_t len)
{
    tu_buf_append(ctx, data, len);
    return FAST_OK;
}

/* Compress @data in uneven pieces with @b at @level as a stream of chunks of
 * three pieces each, every chunk primed with the FX_DEFLATE_DICT bytes before it, the chunks
 * made in turn by two compressors (as workers would), twice (the compressors
 * reused), and require that each stream inflates back exactly. */
static void backend_roundtrip(const fx_deflate_backend *b, int level, const unsigned char *data,
                              size_t len)
{
    fx_deflater *d[2] = {b->create(level), b->create(level)};
    if (!d[0] || !d[1])
        fail_msg("%s: create(%d) failed", b->name, level);
    for (int round = 0; round < 2; round++) {
        tu_buf out = {0}, back = {0};
        size_t off = 0, piece = 1, pieces = 0, chunks = 0;
        int open = 0;
        while (off < len) {
            size_t n = len - off < piece ? len - off : piece;
            fx_deflater *c = d[chunks % 2];
            if (!open) {
                size_t dl = off < FX_DEFLATE_DICT ? off : FX_DEFLATE_DICT;
                assert_int_equal(b->chunk_begin(c, data + off - dl, dl), FAST_OK);
                open = 1;
            }
            assert_int_equal(b->chunk_feed(c, data + off, n, 0, collect_out, &out), FAST_OK);
            off += n;
            piece = piece * 7 + 3; /* 1, 10, 73, 514, ... */
            if (++pieces % 3 == 0) {
                assert_int_equal(b->chunk_feed(c, NULL, 0, 1, collect_out, &out), FAST_OK);
                open = 0;
                chunks++;
            }
        }
        if (open)
            assert_int_equal(b->chunk_feed(d[chunks % 2], NULL, 0, 1, collect_out, &out), FAST_OK);
        tu_buf_append(&out, FX_DEFLATE_END, FX_DEFLATE_END_LEN);
        size_t used = 0;
        if (tu_inflate_raw(out.data, out.len, &back, &used) != 0)
            fail_msg("%s level %d round %d: output of %zu bytes does not inflate", b->name, level, round,
                     out.len);
        assert_int_equal(used, out.len); /* the stream ends exactly at the end */
        tu_assert_bytes_equal(back.data, back.len, data, len);
        tu_buf_free(&out);
        tu_buf_free(&back);
    }
    b->destroy(d[0]);
    b->destroy(d[1]);
}

static void test_deflate_backends(void **state)
{
    (void)state;
    const fx_deflate_backend *backends[] = {
        &fx_deflate_zlib,
#ifdef FX_HAVE_ISAL
        &fx_deflate_isal,
#endif
    };
    unsigned char *text = make_data(500000, 0, 9);
    unsigned char *noise = make_data(200000, 1, 10);
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        for (int level = 1; level <= 9; level += 4) {
            backend_roundtrip(backends[i], level, text, 500000);
            backend_roundtrip(backends[i], level, noise, 200000);
            backend_roundtrip(backends[i], level, text, 0);
            backend_roundtrip(backends[i], level, text, 1);
        }
    }
    /* The default is one of them. */
    const fx_deflate_backend *def = fx_deflate_default();
    int known = 0;
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        known |= def == backends[i];
    assert_true(known);
    free(text);
    free(noise);
}

static void test_crc32(void **state)
{
    (void)state;
    /* The check value of CRC-32/ISO-HDLC. */
    assert_int_equal(fx_crc32(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(fx_crc32(0, "", 0), 0);
    unsigned char *data = make_data(300000, 1, 11);
    uint32_t whole = tu_crc32(data, 300000);
    assert_int_equal(fx_crc32(0, data, 300000), whole);
    /* Incremental, and combined from two halves split anywhere. */
    static const size_t splits[] = {0, 1, 7, 4096, 65536, 299999, 300000};
    for (size_t k = 0; k < sizeof splits / sizeof splits[0]; k++) {
        size_t a = splits[k];
        assert_int_equal(fx_crc32(fx_crc32(0, data, a), data + a, 300000 - a), whole);
        uint32_t ca = tu_crc32(data, a), cb = tu_crc32(data + a, 300000 - a);
        assert_int_equal(fx_crc32_combine(ca, cb, 300000 - a), whole);
    }
#ifdef FX_HAVE_ISAL
    assert_int_equal(fx_crc32_isal(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(fx_crc32_isal(0, data, 300000), whole);
    assert_int_equal(fx_crc32_isal(fx_crc32_isal(0, data, 1000), data + 1000, 299000), whole);
#endif
    free(data);
}

/* ---- the write callback ----------------------------------------------------------------- */

static void test_one_byte_callback_identical(void **state)
{
    (void)state;
    unsigned char *text = make_data(200000, 0, 6);
    unsigned char *noise = make_data(70000, 1, 7);
    const entry ents[] = {
        {"text.xml", text, 200000},
        {"empty", NULL, 0},
        {"noise.bin", noise, 70000},
    };
    for (int level = 0; level <= 6; level += 6) {
        tu_buf normal = {0}, bytewise = {0};
        build_archive(&normal, level, tu_write_all, ents, 3);
        build_archive(&bytewise, level, tu_write_one, ents, 3);
        assert_int_equal(bytewise.calls, bytewise.len); /* one byte per call */
        assert_true(normal.calls < normal.len / 1000);
        tu_assert_bytes_equal(bytewise.data, bytewise.len, normal.data, normal.len);
        verify_archive(normal.data, normal.len, ents, 3, level ? 8 : 0);
        tu_buf_free(&normal);
        tu_buf_free(&bytewise);
    }
    free(text);
    free(noise);
}

typedef struct failing {
    tu_buf buf;
    size_t ok_calls; /* calls that consume everything */
    size_t partial;  /* then one call that consumes this many bytes (0: none) */
    int ret;         /* then every call returns this */
    size_t calls;
} failing;

static int failing_write(const void *p, size_t len, void *user)
{
    failing *f = user;
    f->calls++;
    if (f->ok_calls > 0) {
        f->ok_calls--;
        tu_buf_append(&f->buf, p, len);
        return (int)len;
    }
    if (f->partial > 0) {
        size_t n = f->partial < len ? f->partial : len;
        f->partial = 0;
        tu_buf_append(&f->buf, p, n);
        return (int)n;
    }
    return f->ret;
}

static void expect_message(const fx_error *err, const char *fragment)
{
    if (!strstr(err->message, fragment))
        fail_msg("error message \"%s\" does not mention \"%s\"", err->message, fragment);
}

/* Every ZIP and sink call after the failure reports it. */
static void expect_sticky(writer *w)
{
    assert_int_equal(fx_zip_begin(&w->zip, "later"), FAST_ERROR_CALLBACK);
    assert_int_equal(fx_zip_write(&w->zip, "x", 1), FAST_ERROR_CALLBACK);
    assert_int_equal(fx_zip_end(&w->zip, NULL), FAST_ERROR_CALLBACK);
    assert_int_equal(fx_zip_flush(&w->zip), FAST_ERROR_CALLBACK);
    assert_int_equal(fx_zip_finish(&w->zip), FAST_ERROR_CALLBACK);
    assert_int_equal(fx_sink_flush(&w->sink), FAST_ERROR_CALLBACK);
    assert_int_equal(w->err.status, FAST_ERROR_CALLBACK);
}

static void test_callback_failure(void **state)
{
    (void)state;
    static const unsigned char hundred[100] = {0};
    writer w;

    /* The first flush (131 bytes: 30 + "a" + 100) goes through, the next fails. */
    failing f = {{0}, 1, 0, -1, 0};
    writer_open_callback(&w, 0, failing_write, &f);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    assert_int_equal(fx_zip_write(&w.zip, hundred, 100), FAST_OK);
    assert_int_equal(fx_sink_flush(&w.sink), FAST_OK);
    assert_int_equal(f.buf.len, 131);
    assert_int_equal(fx_zip_write(&w.zip, hundred, 50), FAST_OK); /* buffered */
    assert_int_equal(fx_zip_end(&w.zip, NULL), FAST_OK);
    assert_int_equal(fx_sink_flush(&w.sink), FAST_ERROR_CALLBACK);
    expect_message(&w.err, "byte offset 131");
    expect_message(&w.err, "-1");
    expect_sticky(&w);
    writer_close(&w);
    tu_buf_free(&f.buf);

    /* A callback that takes 10 bytes and then fails: the offset is exact. */
    failing g = {{0}, 0, 10, -1, 0};
    writer_open_callback(&w, 0, failing_write, &g);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    assert_int_equal(fx_zip_write(&w.zip, hundred, 100), FAST_OK);
    assert_int_equal(fx_zip_flush(&w.zip), FAST_ERROR_CALLBACK);
    expect_message(&w.err, "byte offset 10");
    expect_message(&w.err, "121 bytes");
    assert_int_equal(g.calls, 2);
    expect_sticky(&w);
    writer_close(&w);
    tu_buf_free(&g.buf);

    /* Returning 0, or more than it was given, is a failure too. */
    failing h = {{0}, 0, 0, 0, 0};
    writer_open_callback(&w, 0, failing_write, &h);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    assert_int_equal(fx_sink_flush(&w.sink), FAST_ERROR_CALLBACK);
    expect_message(&w.err, "byte offset 0");
    expect_sticky(&w);
    writer_close(&w);
    tu_buf_free(&h.buf);

    failing k = {{0}, 0, 0, 1000, 0};
    writer_open_callback(&w, 0, failing_write, &k);
    assert_int_equal(fx_zip_begin(&w.zip, "a"), FAST_OK);
    assert_int_equal(fx_sink_flush(&w.sink), FAST_ERROR_CALLBACK);
    expect_message(&w.err, "byte offset 0");
    expect_sticky(&w);
    writer_close(&w);
    tu_buf_free(&k.buf);

    /* Through the compressor: more than the sink buffer forces a delivery inside
     * fx_zip_write, which reports the failure itself. */
    failing m = {{0}, 0, 0, -1, 0};
    unsigned char *noise = make_data(1 << 20, 1, 8);
    writer_open_callback(&w, 6, failing_write, &m);
    assert_int_equal(fx_zip_begin(&w.zip, "noise"), FAST_OK);
    assert_int_equal(fx_zip_write(&w.zip, noise, 1 << 20), FAST_ERROR_CALLBACK);
    expect_message(&w.err, "byte offset 0");
    expect_sticky(&w);
    writer_close(&w);
    tu_buf_free(&m.buf);
    free(noise);
}

/*
 * fx_zip_begin_zip64(): the entry is in the ZIP64 form from its local header on,
 * whatever its size (APPNOTE 4.3.9.2, 4.5.3), on a stream that cannot be
 * patched; entries begun with fx_zip_begin() stay classic. Every record of both
 * entries is checked field by field.
 */
static void test_zip64_from_local_header(void **state)
{
    (void)state;
    static const unsigned char zip64_extra_local[20] = {0x01, 0x00, 0x10, 0x00}; /* two zero sizes */
    const char *text = "<worksheet>some rows</worksheet>";
    size_t len = strlen(text);
    for (int level = 0; level <= 6; level += 6) {
        tu_buf out = {0};
        writer w;
        writer_open_callback(&w, level, tu_write_all, &out);
        assert_int_equal(fx_zip_begin_zip64(&w.zip, "s.xml"), FAST_OK);
        assert_int_equal(fx_zip_write(&w.zip, text, len), FAST_OK);
        assert_int_equal(fx_zip_end(&w.zip, NULL), FAST_OK);
        assert_int_equal(fx_zip_begin(&w.zip, "c.xml"), FAST_OK);
        assert_int_equal(fx_zip_write(&w.zip, text, len), FAST_OK);
        assert_int_equal(fx_zip_end(&w.zip, NULL), FAST_OK);
        finish(&w);
        writer_close(&w);

        const unsigned char *b = out.data;
        /* Local header (4.3.7): version 4.5, bit 3, CRC 0, sizes 0xFFFFFFFF, name, 20-byte extra. */
        assert_int_equal(tu_rd32(b), TU_SIG_LOCAL);
        assert_int_equal(tu_rd16(b + 4), 45);
        assert_int_equal(tu_rd16(b + 6), 0x0008);
        assert_int_equal(tu_rd16(b + 8), level ? 8 : 0);
        assert_int_equal(tu_rd32(b + 14), 0);
        assert_int_equal(tu_rd32(b + 18), 0xFFFFFFFFu);
        assert_int_equal(tu_rd32(b + 22), 0xFFFFFFFFu);
        assert_int_equal(tu_rd16(b + 26), 5);
        assert_int_equal(tu_rd16(b + 28), 20);
        assert_memory_equal(b + 30, "s.xml", 5);
        assert_memory_equal(b + 35, zip64_extra_local, 20);
        /* The data, then a data descriptor with 8-byte sizes (4.3.9.2). */
        size_t data = 55, csize = len;
        if (level) {
            tu_buf plain = {0};
            assert_int_equal(tu_inflate_raw(b + data, out.len - data, &plain, &csize), 0);
            tu_assert_str_bytes(plain.data, plain.len, text);
            tu_buf_free(&plain);
        } else {
            assert_memory_equal(b + data, text, len);
        }
        const unsigned char *d = b + data + csize;
        assert_int_equal(tu_rd32(d), TU_SIG_DESCRIPTOR);
        assert_int_equal(tu_rd32(d + 4), tu_crc32(text, len));
        assert_int_equal(tu_rd64(d + 8), csize);
        assert_int_equal(tu_rd64(d + 16), len);
        /* The classic entry follows: version 2.0, zero sizes, no extra, 16-byte descriptor. */
        const unsigned char *c = d + 24;
        assert_int_equal(tu_rd32(c), TU_SIG_LOCAL);
        assert_int_equal(tu_rd16(c + 4), 20);
        assert_int_equal(tu_rd32(c + 18), 0);
        assert_int_equal(tu_rd32(c + 22), 0);
        assert_int_equal(tu_rd16(c + 28), 0);

        /* Central directory (4.3.12): the ZIP64 entry says 4.5 as its local header
         * does, but its sizes fit and stay in the classic fields with no extra field
         * (4.5.3); the classic entry says 2.0; no ZIP64 end records. */
        tu_zip z;
        assert_int_equal(tu_zip_parse(&z, out.data, out.len), 0);
        assert_int_equal(z.has_zip64, 0);
        assert_int_equal(z.nentries, 2);
        const tu_zip_entry *e = &z.entries[0];
        const unsigned char *r = b + e->cd_offset;
        assert_int_equal(e->version_made, 45);
        assert_int_equal(e->version_needed, 45);
        assert_int_equal(tu_rd32(r + 20), csize);
        assert_int_equal(tu_rd32(r + 24), len);
        assert_int_equal(e->extra_len, 0);
        assert_false(e->has_zip64_extra);
        assert_int_equal(e->usize, len);
        assert_int_equal(e->csize, csize);
        assert_int_equal(e->local_offset, 0);
        assert_int_equal(z.entries[1].version_needed, 20);
        assert_int_equal(z.entries[1].extra_len, 0);
        tu_buf got = {0};
        for (size_t i = 0; i < 2; i++) {
            got.len = 0;
            assert_int_equal(tu_zip_extract(&z, i, &got), 0);
            tu_assert_str_bytes(got.data, got.len, text);
        }
        tu_buf_free(&got);
        tu_zip_free(&z);
        tu_buf_free(&out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored_and_deflated),
        cmocka_unit_test(test_empty_entries),
        cmocka_unit_test(test_small_archive_has_no_zip64),
        cmocka_unit_test(test_zip64_entry_count),
        cmocka_unit_test(test_entry_count_boundary),
        cmocka_unit_test(test_prefix_in_buffer),
        cmocka_unit_test(test_prefix_patched_in_file),
        cmocka_unit_test(test_prefix_rejected_when_misplaced),
        cmocka_unit_test(test_deflate_backends),
        cmocka_unit_test(test_crc32),
        cmocka_unit_test(test_one_byte_callback_identical),
        cmocka_unit_test(test_callback_failure),
        cmocka_unit_test(test_zip64_from_local_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
