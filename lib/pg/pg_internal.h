/*
 * pg_internal.h - what the modules of libfastxlsx_pg share: the COPY binary
 * stream decoder (copy.c) and the PostgreSQL-value-to-cell rules (types.c),
 * used by the libpq orchestration (export.c) and by the unit tests.
 * Include it first in every lib/pg/ source file: it defines FAST_PG_API so that
 * exactly the fast_pg_* functions are exported.
 */
#ifndef FX_PG_INTERNAL_H
#define FX_PG_INTERNAL_H

#define FAST_PG_API __attribute__((visibility("default")))
#include "fastxlsx_pg.h"

#include <stddef.h>
#include <stdint.h>

#define FX_PG_MESSAGE_MAX 1024

/* ---- COPY binary format decoder (copy.c) ----------------------------------- */

/* One field of a row: @data points at @len bytes, or @len is -1 (SQL NULL, @data NULL).
 * The bytes are valid only during the row callback. */
typedef struct fx_pg_field {
    const unsigned char *data;
    int32_t len;
} fx_pg_field;

/* Called once per complete row with the row's fields (exactly the column count).
 * A non-zero return stops the decoder: fx_pg_copy_feed() returns FX_PG_COPY_STOPPED. */
typedef int (*fx_pg_row_fn)(void *user, const fx_pg_field *fields, size_t n);

#define FX_PG_COPY_OK 0
#define FX_PG_COPY_MALFORMED (-1) /* the stream is not valid COPY binary data (message says where) */
#define FX_PG_COPY_STOPPED (-2)   /* the row callback returned non-zero */
#define FX_PG_COPY_NOMEM (-3)

typedef struct fx_pg_copy fx_pg_copy;

/* A decoder for a stream of @ncols columns (1..32767). @fixed_sizes, when not NULL,
 * gives each column's exact field size in bytes, or -1 for variable-size types
 * (copied). Returns NULL on allocation failure or a bad argument. */
fx_pg_copy *fx_pg_copy_new(size_t ncols, const int32_t *fixed_sizes, fx_pg_row_fn fn, void *user);
void fx_pg_copy_free(fx_pg_copy *c);

/* Feed the next @len bytes of the stream, split anywhere. Returns FX_PG_COPY_OK or
 * an error; after an error the decoder refuses further input with the same code. */
int fx_pg_copy_feed(fx_pg_copy *c, const void *data, size_t len);

/* The end of the stream: FX_PG_COPY_OK when the trailer was seen (and nothing
 * after it), else FX_PG_COPY_MALFORMED (stream cut short). */
int fx_pg_copy_finish(fx_pg_copy *c);

/* Whether the trailer was seen. */
int fx_pg_copy_done(const fx_pg_copy *c);
/* Rows decoded so far. */
uint64_t fx_pg_copy_rows(const fx_pg_copy *c);
/* Bytes fed so far. */
uint64_t fx_pg_copy_offset(const fx_pg_copy *c);
/* The message of the error, "" if none. */
const char *fx_pg_copy_message(const fx_pg_copy *c);

/* ---- types to cells (types.c) ------------------------------------------------ */

/* How a column is decoded; chosen from its type OID by fx_pg_kind_of(). */
typedef enum fx_pg_kind {
    FX_PG_TEXT = 0, /* bytes are UTF-8 text (text, varchar, bpchar, name, json, and the ::text casts) */
    FX_PG_BOOL,
    FX_PG_INT2,
    FX_PG_INT4,
    FX_PG_OID,
    FX_PG_INT8,
    FX_PG_FLOAT4,
    FX_PG_FLOAT8,
    FX_PG_NUMERIC,
    FX_PG_DATE,
    FX_PG_TIME,
    FX_PG_TIMESTAMP,   /* timestamp, and timestamptz after AT TIME ZONE */
    FX_PG_TIMESTAMPTZ, /* only in the description; decoded as FX_PG_TIMESTAMP */
    FX_PG_CAST_TEXT    /* no decoder: cast to text on the server, then FX_PG_TEXT */
} fx_pg_kind;

fx_pg_kind fx_pg_kind_of(uint32_t type_oid);
/* The exact binary size of the decoded kind, or -1 for variable size. */
int32_t fx_pg_kind_size(fx_pg_kind kind);

/* Per-column conversion state: scratch text for values that become text. */
typedef struct fx_pg_column {
    fx_pg_kind kind;
    char *scratch;
    size_t scratch_cap;
} fx_pg_column;

typedef struct fx_pg_convert {
    int numeric_as_number;
    int truncate_long_text;
    const fast_format *time_format; /* hh:mm:ss for time cells */
    uint64_t truncated;
    char message[FX_PG_MESSAGE_MAX];
} fx_pg_convert;

/* Set cell @index of @cells from one field of a column. Text cells borrow
 * @field's bytes or the column's scratch, valid until the next value of that
 * column. Returns FAST_PG_OK, FAST_PG_ERROR_PROTOCOL (a value whose bytes are not
 * valid for its type), FAST_PG_ERROR_TEXT_TOO_LONG or FAST_PG_ERROR_NOMEM, with a
 * message in @cv->message (without the row and column, which the caller adds). */
fast_pg_status fx_pg_set_cell(fx_pg_convert *cv, fx_pg_column *col, fast_cells *cells, size_t index,
                              const fx_pg_field *field);

/* psql's text of a numeric's binary value (numeric_out), NUL-terminated, into a
 * buffer of @cap bytes; returns the length, or -1 if the value is malformed or
 * does not fit (the needed size is then in *@need). Exposed for the unit tests. */
long fx_pg_numeric_text(const unsigned char *p, int32_t len, char *out, size_t cap, size_t *need);

#endif /* FX_PG_INTERNAL_H */
