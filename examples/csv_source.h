/*
 * csv_source - where csv2xlsx's bytes come from: a FILE read as it is, or read
 * through iconv(3) and converted to UTF-8 on the way (any encoding the C
 * library knows: ISO-8859-1, WINDOWS-1252, UTF-16 with its byte order mark, ...).
 * Conversion streams through two fixed buffers: memory does not grow with the
 * input. Its read function fits csv_reader_new().
 */
#ifndef CSV_SOURCE_H
#define CSV_SOURCE_H

#include <stdio.h>

typedef struct csv_source csv_source;

/* A source reading @f; @encoding NULL reads the bytes as they are. NULL on an
 * error, described in @err (@errlen bytes): an encoding iconv does not know, or
 * no memory. */
csv_source *csv_source_new(FILE *f, const char *encoding, char *err, size_t errlen);

/* csv_read_fn: up to @cap converted bytes, 0 at the end, -1 on an error. */
long csv_source_read(void *src, unsigned char *buf, size_t cap);

/* The first bytes of the input as they are (up to CSV_SOURCE_HEAD, fewer for a
 * shorter input), read ahead without being consumed: later reads deliver them
 * again. Sets *@head (valid until csv_source_free()) and returns their length;
 * 0 for a converting source. Call it before the first csv_source_read(); a read
 * error then shows at that read. */
#define CSV_SOURCE_HEAD 4096
size_t csv_source_head(csv_source *s, const unsigned char **head);

/* Bytes read from the FILE so far (before conversion). */
unsigned long long csv_source_bytes_in(const csv_source *s);

/* After -1: what failed and where ("invalid WINDOWS-1252 byte sequence at line
 * 3, byte 1,234 of the input", or the read error). */
const char *csv_source_error(const csv_source *s);

void csv_source_free(csv_source *s);

#endif
