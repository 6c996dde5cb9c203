/*
 * copy.c - decoder of PostgreSQL's COPY binary format (PostgreSQL documentation,
 * COPY, "Binary Format"), as a byte stream that can be split anywhere.
 *
 * The stream: an 11-byte signature "PGCOPY\n\377\r\n\0", a 32-bit flags field
 * (bits 16-31 are critical: a reader must reject unknown ones; bit 16 means
 * "OIDs included", which this decoder does not accept either), a 32-bit header
 * extension length and that many bytes to skip; then tuples, each a 16-bit
 * field count followed by, per field, a 32-bit length (-1 for NULL) and that
 * many bytes; then the trailer, a field count of -1. All integers are in
 * network byte order (big-endian), read byte by byte, so no alignment is assumed.
 *
 * libpq hands COPY data over one CopyData message at a time, which in practice is
 * one row per message, but nothing guarantees it: rows are parsed in place when
 * they lie wholly inside the bytes given, and otherwise collected in a carry
 * buffer until complete (only the bytes the row still needs are copied).
 */
#include "pg_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_SIZE 19 /* signature 11 + flags 4 + extension length 4 */

static const unsigned char signature[11] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0};

enum state { ST_HEADER, ST_EXTENSION, ST_ROWS, ST_DONE, ST_FAILED };

struct fx_pg_copy {
    enum state state;
    int error; /* FX_PG_COPY_* after a failure */
    size_t ncols;
    int32_t *fixed; /* per column: exact size or -1 */
    fx_pg_field *fields;
    fx_pg_row_fn fn;
    void *user;
    unsigned char header[HEADER_SIZE];
    size_t header_len;
    uint32_t extension_left;
    unsigned char *carry; /* a row that straddles the bytes given */
    size_t carry_len, carry_cap, carry_need;
    uint64_t rows;
    uint64_t offset; /* bytes consumed before the current feed position */
    char message[FX_PG_MESSAGE_MAX];
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int fail(fx_pg_copy *c, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(fx_pg_copy *c, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->message, sizeof c->message, fmt, ap);
    va_end(ap);
    c->state = ST_FAILED;
    c->error = code;
    return code;
}

fx_pg_copy *fx_pg_copy_new(size_t ncols, const int32_t *fixed_sizes, fx_pg_row_fn fn, void *user)
{
    if (ncols == 0 || ncols > 32767 || !fn)
        return NULL;
    fx_pg_copy *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->fixed = malloc(ncols * sizeof *c->fixed);
    c->fields = malloc(ncols * sizeof *c->fields);
    if (!c->fixed || !c->fields) {
        fx_pg_copy_free(c);
        return NULL;
    }
    for (size_t i = 0; i < ncols; i++)
        c->fixed[i] = fixed_sizes ? fixed_sizes[i] : -1;
    c->ncols = ncols;
    c->fn = fn;
    c->user = user;
    return c;
}

void fx_pg_copy_free(fx_pg_copy *c)
{
    if (!c)
        return;
    free(c->fixed);
    free(c->fields);
    free(c->carry);
    free(c);
}

enum parse { P_ROW, P_TRAILER, P_NEED, P_ERROR };

/*
 * Parse one tuple at @p (@avail bytes, @base = its offset in the stream). P_ROW
 * fills c->fields and *@used; P_NEED sets *@need to the number of bytes the
 * row needs beyond @avail to get further (at least 1).
 */
static enum parse parse_row(fx_pg_copy *c, const unsigned char *p, size_t avail, uint64_t base, size_t *used,
                            size_t *need)
{
    if (avail < 2) {
        *need = 2 - avail;
        return P_NEED;
    }
    int16_t count = (int16_t)(uint16_t)((unsigned)p[0] << 8 | p[1]);
    if (count == -1) {
        *used = 2;
        return P_TRAILER;
    }
    if (count < 0 || (size_t)count != c->ncols) {
        fail(c, FX_PG_COPY_MALFORMED, "COPY data row %llu (byte %llu): %d fields, expected %zu",
             (unsigned long long)c->rows + 1, (unsigned long long)base, (int)count, c->ncols);
        return P_ERROR;
    }
    size_t off = 2;
    for (size_t i = 0; i < c->ncols; i++) {
        if (avail - off < 4) {
            *need = 4 - (avail - off);
            return P_NEED;
        }
        int32_t len = (int32_t)be32(p + off);
        off += 4;
        if (len == -1) {
            c->fields[i].data = NULL;
            c->fields[i].len = -1;
            continue;
        }
        if (len < 0) {
            fail(c, FX_PG_COPY_MALFORMED, "COPY data row %llu, column %zu (byte %llu): field length %ld",
                 (unsigned long long)c->rows + 1, i + 1, (unsigned long long)(base + off - 4), (long)len);
            return P_ERROR;
        }
        if (c->fixed[i] >= 0 && len != c->fixed[i]) {
            fail(c, FX_PG_COPY_MALFORMED,
                 "COPY data row %llu, column %zu (byte %llu): field of %ld bytes, its type has %ld",
                 (unsigned long long)c->rows + 1, i + 1, (unsigned long long)(base + off - 4), (long)len,
                 (long)c->fixed[i]);
            return P_ERROR;
        }
        if (avail - off < (size_t)len) {
            *need = (size_t)len - (avail - off);
            return P_NEED;
        }
        c->fields[i].data = p + off;
        c->fields[i].len = len;
        off += (size_t)len;
    }
    *used = off;
    return P_ROW;
}

static int emit(fx_pg_copy *c)
{
    c->rows++;
    if (c->fn(c->user, c->fields, c->ncols) != 0) {
        c->state = ST_FAILED;
        c->error = FX_PG_COPY_STOPPED;
        snprintf(c->message, sizeof c->message, "stopped at COPY data row %llu", (unsigned long long)c->rows);
        return FX_PG_COPY_STOPPED;
    }
    return FX_PG_COPY_OK;
}

static int check_header(fx_pg_copy *c)
{
    if (memcmp(c->header, signature, sizeof signature) != 0)
        return fail(c, FX_PG_COPY_MALFORMED, "COPY data does not start with the binary COPY signature");
    uint32_t flags = be32(c->header + 11);
    if (flags & 0xFFFF0000u)
        return fail(c, FX_PG_COPY_MALFORMED, "COPY header has critical flags 0x%08lx (OIDs or unknown)",
                    (unsigned long)flags);
    uint32_t ext = be32(c->header + 15);
    if (ext > 0x7FFFFFFFu)
        return fail(c, FX_PG_COPY_MALFORMED, "COPY header extension length %lu is negative", (unsigned long)ext);
    c->extension_left = ext;
    c->state = ext ? ST_EXTENSION : ST_ROWS;
    return FX_PG_COPY_OK;
}

static int carry_append(fx_pg_copy *c, const unsigned char *p, size_t n)
{
    if (c->carry_len + n > c->carry_cap) {
        size_t cap = c->carry_cap ? c->carry_cap : 256;
        while (cap < c->carry_len + n)
            cap *= 2;
        unsigned char *q = realloc(c->carry, cap);
        if (!q)
            return fail(c, FX_PG_COPY_NOMEM, "out of memory for a COPY row of %zu bytes", c->carry_len + n);
        c->carry = q;
        c->carry_cap = cap;
    }
    memcpy(c->carry + c->carry_len, p, n);
    c->carry_len += n;
    return FX_PG_COPY_OK;
}

int fx_pg_copy_feed(fx_pg_copy *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (c->state == ST_FAILED)
        return c->error;
    while (len > 0) {
        size_t used = 0, need = 0, take;
        enum parse r;
        switch (c->state) {
        case ST_HEADER:
            take = HEADER_SIZE - c->header_len;
            if (take > len)
                take = len;
            memcpy(c->header + c->header_len, p, take);
            /* Compare the signature as it arrives: text-format data fails at its first byte. */
            if (c->header_len < sizeof signature
                && memcmp(c->header + c->header_len, signature + c->header_len,
                          take < sizeof signature - c->header_len ? take : sizeof signature - c->header_len) != 0)
                return fail(c, FX_PG_COPY_MALFORMED, "COPY data does not start with the binary COPY signature");
            c->header_len += take;
            p += take, len -= take, c->offset += take;
            if (c->header_len == HEADER_SIZE && check_header(c) != FX_PG_COPY_OK)
                return c->error;
            break;
        case ST_EXTENSION:
            take = c->extension_left < len ? c->extension_left : len;
            c->extension_left -= (uint32_t)take;
            p += take, len -= take, c->offset += take;
            if (c->extension_left == 0)
                c->state = ST_ROWS;
            break;
        case ST_ROWS:
            if (c->carry_len == 0) {
                r = parse_row(c, p, len, c->offset, &used, &need);
                if (r == P_ERROR)
                    return c->error;
                if (r == P_NEED) { /* all the rest belongs to this row */
                    if (carry_append(c, p, len) != FX_PG_COPY_OK)
                        return c->error;
                    c->carry_need = need;
                    c->offset += len;
                    return FX_PG_COPY_OK;
                }
                p += used, len -= used, c->offset += used;
                if (r == P_TRAILER)
                    c->state = ST_DONE;
                else if (emit(c) != FX_PG_COPY_OK)
                    return c->error;
                break;
            }
            take = c->carry_need < len ? c->carry_need : len;
            if (carry_append(c, p, take) != FX_PG_COPY_OK)
                return c->error;
            p += take, len -= take, c->offset += take;
            c->carry_need -= take;
            if (c->carry_need > 0)
                return FX_PG_COPY_OK;
            r = parse_row(c, c->carry, c->carry_len, c->offset - c->carry_len, &used, &need);
            if (r == P_ERROR)
                return c->error;
            if (r == P_NEED) {
                c->carry_need = need;
                break;
            }
            c->carry_len = 0;
            if (r == P_TRAILER)
                c->state = ST_DONE;
            else if (emit(c) != FX_PG_COPY_OK)
                return c->error;
            break;
        case ST_DONE:
            return fail(c, FX_PG_COPY_MALFORMED, "COPY data continues after its trailer (byte %llu)",
                        (unsigned long long)c->offset);
        case ST_FAILED:
            return c->error;
        }
    }
    return FX_PG_COPY_OK;
}

int fx_pg_copy_finish(fx_pg_copy *c)
{
    switch (c->state) {
    case ST_DONE:
        return FX_PG_COPY_OK;
    case ST_FAILED:
        return c->error;
    case ST_HEADER:
    case ST_EXTENSION:
        return fail(c, FX_PG_COPY_MALFORMED, "COPY data ended inside its header (%llu bytes)",
                    (unsigned long long)c->offset);
    case ST_ROWS:
        if (c->carry_len)
            return fail(c, FX_PG_COPY_MALFORMED, "COPY data ended inside row %llu (byte %llu)",
                        (unsigned long long)c->rows + 1, (unsigned long long)c->offset);
        return fail(c, FX_PG_COPY_MALFORMED, "COPY data ended without its trailer after row %llu (byte %llu)",
                    (unsigned long long)c->rows, (unsigned long long)c->offset);
    }
    return FX_PG_COPY_MALFORMED;
}

int fx_pg_copy_done(const fx_pg_copy *c)
{
    return c->state == ST_DONE;
}

uint64_t fx_pg_copy_rows(const fx_pg_copy *c)
{
    return c->rows;
}

uint64_t fx_pg_copy_offset(const fx_pg_copy *c)
{
    return c->offset;
}

const char *fx_pg_copy_message(const fx_pg_copy *c)
{
    return c->message;
}
