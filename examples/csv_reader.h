/*
 * csv_reader - a streaming RFC 4180 reader, one record at a time.
 *
 * Fields are separated by one delimiter byte; records end at LF, CR LF or CR
 * (the last record may end at the end of the input). A field that starts with
 * '"' is quoted: it may hold the delimiter, CR, LF, and '"' written twice; its
 * closing quote must be followed by the delimiter, a line end or the end of the
 * input, or the input is malformed (CSV_ERROR_QUOTE): such bytes are never
 * dropped or guessed at. A quote inside a field that does not start with one is
 * an ordinary byte, kept as written. A UTF-8 byte order mark at the very start is
 * skipped. Bytes are not interpreted otherwise (no encoding check).
 *
 * Memory is bounded by the limits: the record being read is held in one buffer
 * of at most max_fields * (max_field_bytes + 1) bytes, plus the input buffer.
 */
#ifndef CSV_READER_H
#define CSV_READER_H

#include <stddef.h>

/*
 * The input: copy up to @cap bytes into @buf; return how many (> 0), 0 at the
 * end of the input, or -1 on an error (the reader then fails with
 * CSV_ERROR_READ; the source keeps its own details).
 */
typedef long (*csv_read_fn)(void *ctx, unsigned char *buf, size_t cap);

typedef enum csv_error {
    CSV_OK = 0,
    CSV_ERROR_QUOTE,      /* text after a quoted field's closing quote */
    CSV_ERROR_UNCLOSED,   /* the input ends inside a quoted field */
    CSV_ERROR_READ,       /* the read function failed */
    CSV_ERROR_NOMEM
} csv_error;

/* One record, valid until the next csv_reader_next() or csv_reader_free(). */
typedef struct csv_record {
    size_t count;         /* fields in the record, all of them (also those beyond max_fields) */
    size_t stored;        /* fields stored below: the first min(count, max_fields) */
    char **field;         /* field[i]: its bytes, NUL-terminated (a field may hold NUL bytes too) */
    size_t *len;          /* len[i]: bytes stored, at most max_field_bytes */
    unsigned char *cut;   /* cut[i]: 1 when the field was longer than max_field_bytes */
    unsigned long line;   /* physical line the record starts on, from 1 */
} csv_record;

typedef struct csv_reader csv_reader;

/* A reader of @read(@ctx) with the delimiter byte @delim (not '"', CR or LF);
 * NULL when out of memory. No limits until csv_reader_set_limits(). */
csv_reader *csv_reader_new(int delim, csv_read_fn read, void *ctx);

/* Store at most @max_fields fields of a record and @max_field_bytes bytes of a
 * field (0 for no limit); longer records and fields are still read to their end
 * and counted, so a caller can report them. */
void csv_reader_set_limits(csv_reader *r, size_t max_fields, size_t max_field_bytes);

/* Read the next record into @rec: 1 with a record, 0 at the end of the input,
 * -1 on an error (csv_reader_error(); every later call returns -1 again). */
int csv_reader_next(csv_reader *r, csv_record *rec);

/* The error of the failed call, CSV_OK before one. */
csv_error csv_reader_error(const csv_reader *r);

/* Where the error is: the physical line (from 1), the byte within that line
 * (from 1) and the field of the record (from 1). For CSV_ERROR_UNCLOSED it is
 * the opening quote. */
void csv_reader_error_place(const csv_reader *r, unsigned long *line, size_t *byte, size_t *field);

/* A sentence naming the error and its place, e.g. "line 3, byte 6 (field 2):
 * ..."; "" before an error. Valid until csv_reader_free(). */
const char *csv_reader_message(const csv_reader *r);

/* Bytes of input the read function has delivered so far. */
unsigned long long csv_reader_bytes(const csv_reader *r);

void csv_reader_free(csv_reader *r);

#endif
