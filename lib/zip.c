/*
 * zip.c - ZIP framing: local file headers, data descriptors, central directory,
 * ZIP64 end of central directory record and locator. References are to PKWARE
 * APPNOTE.TXT 6.3.10.
 */
#include "internal.h"
#include "zip.h"

#include <stdlib.h>

#define SIG_LOCAL 0x04034b50u
#define SIG_DESCRIPTOR 0x08074b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_ZIP64_EOCD 0x06064b50u
#define SIG_ZIP64_LOCATOR 0x07064b50u
#define SIG_EOCD 0x06054b50u

#define VERSION_DEFAULT 20 /* 2.0: deflate, folders (4.4.3.2) */
#define VERSION_ZIP64 45   /* 4.5: ZIP64 format extensions */
#define FLAG_DESCRIPTOR 0x0008u
#define DOS_TIME 0x0000u   /* 00:00:00 */
#define DOS_DATE 0x0021u   /* 1980-01-01: fixed, so output depends only on input */
#define U32_MAX 0xFFFFFFFFu

static unsigned char *put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    return p + 2;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    return p + 4;
}

static unsigned char *put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
    return p + 8;
}

fast_status fx_zip_init(fx_zip *zip, fx_sink *sink, int level, fx_error *err)
{
    memset(zip, 0, sizeof *zip);
    zip->sink = sink;
    zip->err = err;
    zip->level = level;
    zip->chunk_bytes = FX_ZIP_CHUNK_BUFFERS * 65536;
    if (level > 0) {
        zip->backend = fx_deflate_default();
        zip->deflater = zip->backend->create(level);
        zip->dict = malloc(FX_DEFLATE_DICT);
        if (!zip->deflater || !zip->dict)
            return fx_fail(err, FAST_ERROR_NOMEM, "cannot create the %s deflate compressor (level %d)",
                           zip->backend->name, level);
    }
    return FAST_OK;
}

void fx_zip_free(fx_zip *zip)
{
    if (zip->deflater)
        zip->backend->destroy(zip->deflater);
    free(zip->dict);
    for (size_t i = 0; i < zip->nrecords; i++)
        free(zip->records[i].name);
    free(zip->records);
    memset(zip, 0, sizeof *zip);
}

static uint16_t entry_method(const fx_zip *zip)
{
    return zip->level > 0 ? FX_ZIP_METHOD_DEFLATE : FX_ZIP_METHOD_STORED;
}

/* Every operation other than data writes drains the stage above first, so the
 * stream stays in order. */
static fast_status deflate_out(void *ctx, const void *data, size_t len);

/* Before every framing step and flush: the stage above hands over all it holds,
 * or, without one, the open chunk ends (so both give the same chunks). */
static fast_status zip_sync(fx_zip *zip)
{
    if (zip->drain)
        return zip->drain(zip->drain_ctx);
    if (zip->chunk_open && zip->err->status == FAST_OK) {
        zip->chunk_open = 0;
        fast_status st = zip->backend->chunk_feed(zip->deflater, NULL, 0, 1, deflate_out, zip);
        if (st == FAST_ERROR_COMPRESSION)
            return fx_fail(zip->err, st, "the %s compressor failed in ZIP entry '%s'", zip->backend->name,
                           zip->records[zip->nrecords - 1].name);
        return st;
    }
    return zip->err->status;
}

/* A central directory record for a new entry named @name, zeroed but for its
 * copied name; counted in zip->nrecords by the caller once its header is out. */
static fast_status new_record(fx_zip *zip, const char *name, fx_zip_record **out)
{
    size_t nlen = strlen(name);
    if (zip->nrecords == zip->caprecords) {
        size_t cap = zip->caprecords ? zip->caprecords * 2 : 16;
        fx_zip_record *r = realloc(zip->records, cap * sizeof *r);
        if (!r)
            return fx_fail(zip->err, FAST_ERROR_NOMEM, "out of memory adding ZIP entry '%s'", name);
        zip->records = r;
        zip->caprecords = cap;
    }
    fx_zip_record *rec = &zip->records[zip->nrecords];
    memset(rec, 0, sizeof *rec);
    rec->name = malloc(nlen + 1);
    if (!rec->name)
        return fx_fail(zip->err, FAST_ERROR_NOMEM, "out of memory adding ZIP entry '%s'", name);
    memcpy(rec->name, name, nlen + 1);
    *out = rec;
    return FAST_OK;
}

static fast_status begin_entry(fx_zip *zip, const char *name, int zip64)
{
    if (zip_sync(zip) != FAST_OK)
        return zip->err->status;
    fx_zip_record *rec;
    fast_status made = new_record(zip, name, &rec);
    if (made != FAST_OK)
        return made;
    size_t nlen = strlen(name);
    rec->method = entry_method(zip);
    rec->offset = zip->sink->offset;
    rec->zip64 = zip64;
    zip->nrecords++;

    if (zip->deflater && zip->backend->reset(zip->deflater) != FAST_OK)
        return fx_fail(zip->err, FAST_ERROR_COMPRESSION, "cannot reset the %s compressor for '%s'",
                       zip->backend->name, name);

    /* Local file header (4.3.7): CRC and sizes are zero, they follow in the descriptor.
     * An entry that starts past 4 GiB needs ZIP64 in the central directory, so it
     * says 4.5 here too (sizes past 4 GiB are only known at the end: see fx_zip_end). */
    unsigned char h[30], *p = h;
    p = put32(p, SIG_LOCAL);
    p = put16(p, zip64 || rec->offset >= U32_MAX ? VERSION_ZIP64 : VERSION_DEFAULT);
    p = put16(p, FLAG_DESCRIPTOR);
    p = put16(p, rec->method);
    p = put16(p, DOS_TIME);
    p = put16(p, DOS_DATE);
    p = put32(p, 0);
    p = put32(p, zip64 ? U32_MAX : 0); /* ZIP64: the sizes are in the extra field */
    p = put32(p, zip64 ? U32_MAX : 0);
    p = put16(p, (unsigned)nlen);
    p = put16(p, zip64 ? 20 : 0);
    fast_status st = fx_sink_write(zip->sink, h, sizeof h);
    if (st == FAST_OK)
        st = fx_sink_write(zip->sink, name, nlen);
    if (st == FAST_OK && zip64) {
        /* ZIP64 extended information (4.5.3): uncompressed then compressed size,
         * zero here as the CRC is: the data descriptor has the real values. */
        unsigned char x[20];
        p = put16(x, 0x0001);
        p = put16(p, 16);
        p = put64(p, 0);
        put64(p, 0);
        st = fx_sink_write(zip->sink, x, sizeof x);
    }
    zip->open = 1;
    zip->local_offset = rec->offset;
    zip->data_offset = zip->sink->offset;
    zip->prefix_len = 0;
    zip->crc = 0;
    zip->usize = 0;
    zip->dict_len = 0;
    zip->chunk_open = 0;
    return st;
}

fast_status fx_zip_begin(fx_zip *zip, const char *name)
{
    return begin_entry(zip, name, 0);
}

fast_status fx_zip_begin_zip64(fx_zip *zip, const char *name)
{
    return begin_entry(zip, name, 1);
}

fast_status fx_zip_add_stored(fx_zip *zip, const char *name, const void *data, size_t len)
{
    if (zip_sync(zip) != FAST_OK)
        return zip->err->status;
    if ((uint64_t)len >= U32_MAX)
        return fx_fail(zip->err, FAST_ERROR_STATE, "internal: stored entry '%s' of 4 GiB or more", name);
    fx_zip_record *rec;
    fast_status made = new_record(zip, name, &rec);
    if (made != FAST_OK)
        return made;
    size_t nlen = strlen(name);
    rec->method = FX_ZIP_METHOD_STORED;
    rec->offset = zip->sink->offset;
    rec->crc = fx_crc32(0, data, len);
    rec->usize = rec->csize = len;
    rec->sized = 1;
    zip->nrecords++;
    /* Local file header (4.3.7) with the real CRC-32 and sizes, bit 3 clear. */
    unsigned char h[30], *p = h;
    p = put32(p, SIG_LOCAL);
    p = put16(p, rec->offset >= U32_MAX ? VERSION_ZIP64 : VERSION_DEFAULT);
    p = put16(p, 0);
    p = put16(p, FX_ZIP_METHOD_STORED);
    p = put16(p, DOS_TIME);
    p = put16(p, DOS_DATE);
    p = put32(p, rec->crc);
    p = put32(p, (uint32_t)len);
    p = put32(p, (uint32_t)len);
    p = put16(p, (unsigned)nlen);
    p = put16(p, 0);
    fast_status st = fx_sink_write(zip->sink, h, sizeof h);
    if (st == FAST_OK)
        st = fx_sink_write(zip->sink, name, nlen);
    if (st == FAST_OK)
        st = fx_sink_write(zip->sink, data, len);
    return st;
}

fast_status fx_zip_write_prefix(fx_zip *zip, const void *data, size_t len)
{
    if (zip_sync(zip) != FAST_OK)
        return zip->err->status;
    if (!zip->open || zip->sink->offset != zip->data_offset || len > FX_ZIP_PREFIX_MAX ||
        !zip->sink->seekable)
        return fx_fail(zip->err, FAST_ERROR_STATE, "internal: misplaced ZIP entry prefix");
    fast_status st = FAST_OK;
    if (zip->level > 0) {
        /* A non-final stored block: header bits BFINAL=0, BTYPE=00, padded to a
         * byte, then LEN and its one's complement NLEN (RFC 1951 §3.2.4). The
         * compressor's own blocks follow from the next byte on. */
        unsigned char h[5], *p = h;
        *p++ = 0;
        p = put16(p, (unsigned)len);
        p = put16(p, (unsigned)(~len & 0xFFFFu));
        st = fx_sink_write(zip->sink, h, sizeof h);
    }
    zip->prefix_offset = zip->sink->offset;
    zip->prefix_len = len;
    if (st == FAST_OK)
        st = fx_sink_write(zip->sink, data, len);
    return st;
}

static fast_status deflate_out(void *ctx, const void *data, size_t len)
{
    fx_zip *zip = ctx;
    return fx_sink_write(zip->sink, data, len);
}

void fx_zip_dict_update(unsigned char *dict, size_t *dict_len, const void *data, size_t len)
{
    if (len >= FX_DEFLATE_DICT) {
        memcpy(dict, (const unsigned char *)data + len - FX_DEFLATE_DICT, FX_DEFLATE_DICT);
        *dict_len = FX_DEFLATE_DICT;
        return;
    }
    size_t keep = *dict_len + len > FX_DEFLATE_DICT ? FX_DEFLATE_DICT - len : *dict_len;
    memmove(dict, dict + *dict_len - keep, keep);
    memcpy(dict + keep, data, len);
    *dict_len = keep + len;
}

fast_status fx_zip_encode(fx_zip *zip, const void *data, size_t len, fx_out_fn out, void *ctx, fx_error *err)
{
    if (err->status != FAST_OK)
        return err->status;
    zip->crc = fx_crc32(zip->crc, data, len);
    zip->usize += len;
    if (zip->level == 0)
        return out(ctx, data, len);
    if (len == 0)
        return FAST_OK;
    fast_status st = FAST_OK;
    if (!zip->chunk_open) {
        st = zip->backend->chunk_begin(zip->deflater, zip->dict, zip->dict_len);
        zip->chunk_open = 1;
        zip->chunk_len = 0;
    }
    if (st == FAST_OK)
        st = zip->backend->chunk_feed(zip->deflater, data, len, 0, out, ctx);
    zip->chunk_len += len;
    if (st == FAST_OK && zip->chunk_len >= zip->chunk_bytes) {
        zip->chunk_open = 0;
        st = zip->backend->chunk_feed(zip->deflater, NULL, 0, 1, out, ctx);
    }
    if (st == FAST_ERROR_COMPRESSION)
        return fx_fail(err, st, "the %s compressor failed in ZIP entry '%s'", zip->backend->name,
                       zip->records[zip->nrecords - 1].name);
    if (st == FAST_OK)
        fx_zip_dict_update(zip->dict, &zip->dict_len, data, len);
    return st;
}

fast_status fx_zip_put_chunk(fx_zip *zip, uint32_t crc, uint64_t ulen, const void *data, size_t len)
{
    zip->crc = fx_crc32_combine(zip->crc, crc, ulen);
    zip->usize += ulen;
    return len ? fx_sink_write(zip->sink, data, len) : FAST_OK;
}

fast_status fx_zip_put(fx_zip *zip, const void *data, size_t len)
{
    return fx_sink_write(zip->sink, data, len);
}

fast_status fx_zip_write(fx_zip *zip, const void *data, size_t len)
{
    return fx_zip_encode(zip, data, len, deflate_out, zip, zip->err);
}

fast_status fx_zip_out(void *ctx, const void *data, size_t len)
{
    return fx_zip_write(ctx, data, len);
}

fast_status fx_zip_flush(fx_zip *zip)
{
    if (zip_sync(zip) != FAST_OK)
        return zip->err->status;
    return fx_sink_flush(zip->sink);
}

fast_status fx_zip_end(fx_zip *zip, const void *new_prefix)
{
    if (zip_sync(zip) != FAST_OK)
        return zip->err->status;
    fx_zip_record *rec = &zip->records[zip->nrecords - 1];
    fast_status st = FAST_OK;
    if (zip->level > 0) /* the chunks end on byte boundaries: the final block follows */
        st = fx_sink_write(zip->sink, FX_DEFLATE_END, FX_DEFLATE_END_LEN);
    if (st != FAST_OK)
        return st;
    zip->open = 0;

    uint32_t prefix_crc = 0;
    if (zip->prefix_len > 0) {
        if (new_prefix) {
            st = fx_sink_patch(zip->sink, zip->prefix_offset, new_prefix, zip->prefix_len);
            if (st != FAST_OK)
                return st;
            prefix_crc = fx_crc32(0, new_prefix, zip->prefix_len);
        } else {
            /* The original prefix is still in the sink buffer or the file; the
             * caller always passes it back, so this branch is not taken. */
            return fx_fail(zip->err, FAST_ERROR_STATE, "internal: prefix of '%s' not given back",
                           rec->name);
        }
    }
    rec->crc = zip->prefix_len ? fx_crc32_combine(prefix_crc, zip->crc, zip->usize) : zip->crc;
    rec->usize = zip->usize + zip->prefix_len;
    rec->csize = zip->sink->offset - zip->data_offset;

    /* Data descriptor (4.3.9): 8-byte sizes when either does not fit in 4 bytes
     * (4.3.9.2), or when the local header has a ZIP64 extra field; the central
     * directory then carries them in a ZIP64 extra field. */
    int zip64 = rec->zip64 || rec->usize >= U32_MAX || rec->csize >= U32_MAX;
    unsigned char d[24], *p = d;
    p = put32(p, SIG_DESCRIPTOR);
    p = put32(p, rec->crc);
    if (zip64) {
        p = put64(p, rec->csize);
        p = put64(p, rec->usize);
    } else {
        p = put32(p, (uint32_t)rec->csize);
        p = put32(p, (uint32_t)rec->usize);
    }
    st = fx_sink_write(zip->sink, d, (size_t)(p - d));
    /* Keep "version needed to extract" in the local header equal to the central
     * directory's when the output allows going back to it. */
    if (st == FAST_OK && zip64 && !rec->zip64 && zip->sink->seekable) {
        unsigned char v[2];
        put16(v, VERSION_ZIP64);
        st = fx_sink_patch(zip->sink, zip->local_offset + 4, v, 2);
    }
    return st;
}

fast_status fx_zip_finish(fx_zip *zip)
{
    if (zip_sync(zip) != FAST_OK)
        return zip->err->status;
    fast_status st = FAST_OK;
    uint64_t cd_offset = zip->sink->offset;
    for (size_t i = 0; i < zip->nrecords && st == FAST_OK; i++) {
        const fx_zip_record *r = &zip->records[i];
        int big_sizes = r->usize >= U32_MAX || r->csize >= U32_MAX;
        int big_offset = r->offset >= U32_MAX;
        unsigned char h[46 + 4 + 24], *p = h;
        /* An entry begun in the ZIP64 form says 4.5 as its local header does, but
         * its sizes stay in the classic fields while they fit (4.5.3: the extra
         * field only for fields set to 0xFFFFFFFF); LibreOffice rejects a ZIP64
         * extra field here that small sizes do not need. */
        unsigned version = (r->zip64 || big_sizes || big_offset) ? VERSION_ZIP64 : VERSION_DEFAULT;
        size_t nlen = strlen(r->name);
        unsigned extra = (big_sizes ? 16u : 0u) + (big_offset ? 8u : 0u);
        if (extra)
            extra += 4;
        /* Central directory file header (4.3.12). */
        p = put32(p, SIG_CENTRAL);
        p = put16(p, version); /* made by: MS-DOS host, same version */
        p = put16(p, version);
        p = put16(p, r->sized ? 0 : FLAG_DESCRIPTOR);
        p = put16(p, r->method);
        p = put16(p, DOS_TIME);
        p = put16(p, DOS_DATE);
        p = put32(p, r->crc);
        p = put32(p, big_sizes ? U32_MAX : (uint32_t)r->csize);
        p = put32(p, big_sizes ? U32_MAX : (uint32_t)r->usize);
        p = put16(p, (unsigned)nlen);
        p = put16(p, extra);
        p = put16(p, 0); /* comment */
        p = put16(p, 0); /* disk number start */
        p = put16(p, 0); /* internal attributes */
        p = put32(p, 0); /* external attributes */
        p = put32(p, big_offset ? U32_MAX : (uint32_t)r->offset);
        st = fx_sink_write(zip->sink, h, (size_t)(p - h));
        if (st == FAST_OK)
            st = fx_sink_write(zip->sink, r->name, nlen);
        if (st == FAST_OK && extra) {
            /* ZIP64 extended information (4.5.3): only the fields whose classic
             * field holds 0xFFFFFFFF, in the fixed order. */
            p = h;
            p = put16(p, 0x0001);
            p = put16(p, extra - 4);
            if (big_sizes) {
                p = put64(p, r->usize);
                p = put64(p, r->csize);
            }
            if (big_offset)
                p = put64(p, r->offset);
            st = fx_sink_write(zip->sink, h, (size_t)(p - h));
        }
    }
    if (st != FAST_OK)
        return st;
    uint64_t cd_size = zip->sink->offset - cd_offset;
    uint64_t n = zip->nrecords;
    int zip64 = n >= 0xFFFFu || cd_size >= U32_MAX || cd_offset >= U32_MAX;
    unsigned char e[56 + 20 + 22], *p = e;
    if (zip64) {
        uint64_t eocd64_offset = zip->sink->offset;
        /* ZIP64 end of central directory record (4.3.14). */
        p = put32(p, SIG_ZIP64_EOCD);
        p = put64(p, 44); /* size of the rest of this record */
        p = put16(p, VERSION_ZIP64);
        p = put16(p, VERSION_ZIP64);
        p = put32(p, 0);
        p = put32(p, 0);
        p = put64(p, n);
        p = put64(p, n);
        p = put64(p, cd_size);
        p = put64(p, cd_offset);
        /* ZIP64 end of central directory locator (4.3.15). */
        p = put32(p, SIG_ZIP64_LOCATOR);
        p = put32(p, 0);
        p = put64(p, eocd64_offset);
        p = put32(p, 1);
    }
    /* End of central directory record (4.3.16). */
    p = put32(p, SIG_EOCD);
    p = put16(p, 0);
    p = put16(p, 0);
    p = put16(p, n >= 0xFFFFu ? 0xFFFFu : (unsigned)n);
    p = put16(p, n >= 0xFFFFu ? 0xFFFFu : (unsigned)n);
    p = put32(p, cd_size >= U32_MAX ? U32_MAX : (uint32_t)cd_size);
    p = put32(p, cd_offset >= U32_MAX ? U32_MAX : (uint32_t)cd_offset);
    p = put16(p, 0);
    return fx_sink_write(zip->sink, e, (size_t)(p - e));
}
