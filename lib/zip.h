/*
 * zip.h - a streaming ZIP writer (PKWARE APPNOTE.TXT 6.3.x). Every entry is
 * written front to back: a local file header with general purpose bit 3 set and
 * zero CRC and sizes (APPNOTE 4.4.4), the data, then a data descriptor (4.3.9)
 * with the real values. ZIP64 records (4.3.14-4.3.16, 4.5.3) appear only where
 * a size, an offset or the entry count does not fit the classic fields, and for
 * entries begun with fx_zip_begin_zip64().
 */
#ifndef FX_ZIP_H
#define FX_ZIP_H

#include "internal.h"
#include "deflate.h"
#include "sink.h"

#define FX_ZIP_METHOD_STORED 0
#define FX_ZIP_METHOD_DEFLATE 8
/* Largest prefix fx_zip_write_prefix() takes: one stored deflate block. */
#define FX_ZIP_PREFIX_MAX 65535

typedef struct fx_zip_record {
    char *name;
    uint64_t offset; /* of the local file header */
    uint64_t csize, usize;
    uint32_t crc;
    uint16_t method;
    int zip64; /* begun with fx_zip_begin_zip64(): ZIP64 records whatever the sizes */
    int sized; /* fx_zip_add_stored(): CRC and sizes in the local header, no data descriptor */
} fx_zip_record;

typedef struct fx_zip {
    fx_sink *sink;
    /* A stage above that may still hold data of the open entry (the compression
     * thread): drained before every framing step, so the stream stays in order.
     * NULL when the data comes straight through fx_zip_write(). */
    fast_status (*drain)(void *ctx);
    void *drain_ctx;
    fx_error *err;
    int level; /* 0: stored; 1..9: deflate */
    const fx_deflate_backend *backend;
    fx_deflater *deflater;

    fx_zip_record *records;
    size_t nrecords, caprecords;

    /* The entry being written. */
    int open;
    uint64_t local_offset;  /* of its local file header */
    uint64_t data_offset;   /* of its first data byte */
    uint64_t prefix_offset; /* of the prefix bytes, if any */
    size_t prefix_len;
    uint32_t crc;           /* CRC-32 of the data after the prefix */
    uint64_t usize;         /* uncompressed bytes after the prefix */
    /* Deflate: the entry's data is a stream of chunks, one per fx_zip_encode()
     * call, each compressed on its own with the last FX_DEFLATE_DICT bytes before
     * it as its dictionary (see fx_deflate_backend.chunk_begin), so that the
     * bytes do not depend on which compressor or thread made each chunk. */
    unsigned char *dict;
    size_t dict_len;
    size_t chunk_bytes; /* a chunk ends after the piece that brings it to this many
                         * bytes, or where the writer syncs (a flush, the entry's end) */
    int chunk_open;  /* without a pipeline: a chunk is begun and not yet ended */
    size_t chunk_len;
} fx_zip;

/* Chunks of this many XML buffers (fx_zip.chunk_bytes): few enough dictionaries
 * to prime, and little output held back by the compression workers. */
#define FX_ZIP_CHUNK_BUFFERS 4

fast_status fx_zip_init(fx_zip *zip, fx_sink *sink, int level, fx_error *err);
void fx_zip_free(fx_zip *zip);

/* Start entry @name (ASCII part name without a leading '/'). */
fast_status fx_zip_begin(fx_zip *zip, const char *name);
/*
 * Start entry @name in the ZIP64 form from its local header on, for entries
 * that may exceed 4 GiB on an output that cannot be patched: version needed 4.5,
 * sizes 0xFFFFFFFF with a ZIP64 extra field holding zero sizes (known only
 * later, bit 3) and a data descriptor with 8-byte sizes (APPNOTE 4.3.9.2,
 * 4.5.3). The central directory record says 4.5 too, and has a ZIP64 extra
 * field only when a size or the offset does not fit, as for any entry.
 */
fast_status fx_zip_begin_zip64(fx_zip *zip, const char *name);
/*
 * Write a whole entry @name holding the @len (< 4 GiB) bytes of @data stored
 * (method 0) whatever the level, for data that is compressed already (media).
 * The data is all at hand, so the local header carries the CRC-32 and the sizes
 * and general purpose bit 3 is clear: no data descriptor, which readers that
 * walk local headers cannot handle after stored data (java.util.zip's and
 * commons-compress's ZipInputStream refuse it: the data has no end marker).
 */
fast_status fx_zip_add_stored(fx_zip *zip, const char *name, const void *data, size_t len);
/*
 * Right after fx_zip_begin() on a seekable sink: write @len (<= FX_ZIP_PREFIX_MAX)
 * bytes that fx_zip_end() may later replace in place with bytes of the same
 * length. Under deflate they go in a stored block (RFC 1951 §3.2.4, BTYPE 00)
 * so they stay at a known offset; the CRC is rebuilt with crc32_combine.
 */
fast_status fx_zip_write_prefix(fx_zip *zip, const void *data, size_t len);
fast_status fx_zip_write(fx_zip *zip, const void *data, size_t len);
/*
 * The two halves of fx_zip_write(), for a compression thread: fx_zip_encode()
 * updates the entry's CRC-32 and size and compresses (or, at level 0, copies)
 * @len bytes, passing the entry data to @out instead of the sink, with failures
 * recorded in @err; it touches neither the sink nor the workbook's error, so it
 * may run on another thread while the caller's thread calls fx_zip_put(), which
 * appends encoded entry data to the sink.
 */
fast_status fx_zip_encode(fx_zip *zip, const void *data, size_t len, fx_out_fn out, void *ctx, fx_error *err);
/* Caller's thread, for a pipeline: append one chunk made elsewhere to the open
 * entry: @ulen bytes of data with CRC-32 @crc, encoded as @data[0..len). */
fast_status fx_zip_put_chunk(fx_zip *zip, uint32_t crc, uint64_t ulen, const void *data, size_t len);
/* Keep in @dict (FX_DEFLATE_DICT bytes of room, *@dict_len used) the last
 * FX_DEFLATE_DICT bytes of what it held followed by @data[0..len). */
void fx_zip_dict_update(unsigned char *dict, size_t *dict_len, const void *data, size_t len);
fast_status fx_zip_put(fx_zip *zip, const void *data, size_t len);
/* Hand everything written so far to the destination. */
fast_status fx_zip_flush(fx_zip *zip);
/* End the entry; @new_prefix (or NULL) replaces the prefix bytes. */
fast_status fx_zip_end(fx_zip *zip, const void *new_prefix);
/* Write the central directory and end records. */
fast_status fx_zip_finish(fx_zip *zip);

/* An fx_out_fn that writes to the open entry (ctx is the fx_zip). */
fast_status fx_zip_out(void *ctx, const void *data, size_t len);

#endif /* FX_ZIP_H */
