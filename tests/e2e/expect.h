/*
 * expect.h - writes the expectation file that tests/tools/check_values.py holds a
 * workbook against: {"sheets": [{"name": ..., "dimension": ... | null,
 * "rows": [[cell, ...], ...]}]}, cell = null | {"t": "s"|"n"|"i"|"b", "v": ...}.
 * The test programs describe every cell here as they write it.
 */
#ifndef FX_TEST_EXPECT_H
#define FX_TEST_EXPECT_H

#include <fastxlsx.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct expect {
    FILE *f;
    int sheets, rows, cells;
} expect;

static inline void ex_json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static inline void ex_open(expect *e, const char *path)
{
    e->f = fopen(path, "w");
    if (!e->f) {
        perror(path);
        exit(2);
    }
    fputs("{\"sheets\": [", e->f);
    e->sheets = 0;
}

/* @dimension NULL: the sheet must have no <dimension>. */
static inline void ex_end_sheet(expect *e)
{
    fputs(e->rows ? "]]}" : "]}", e->f);
}

static inline void ex_sheet(expect *e, const char *name, const char *dimension)
{
    if (e->sheets++) {
        ex_end_sheet(e);
        fputs(", ", e->f);
    }
    fputs("{\"name\": ", e->f);
    ex_json_string(e->f, name, strlen(name));
    fputs(", \"dimension\": ", e->f);
    if (dimension)
        ex_json_string(e->f, dimension, strlen(dimension));
    else
        fputs("null", e->f);
    fputs(", \"rows\": [", e->f);
    e->rows = 0;
}

static inline void ex_row(expect *e)
{
    fputs(e->rows++ ? "], [" : "[", e->f);
    e->cells = 0;
}

static inline void ex_sep(expect *e)
{
    if (e->cells++)
        fputs(", ", e->f);
}

static inline void ex_blank(expect *e) { ex_sep(e); fputs("null", e->f); }

static inline void ex_string(expect *e, const char *s, size_t n)
{
    ex_sep(e);
    fputs("{\"t\": \"s\", \"v\": ", e->f);
    ex_json_string(e->f, s, n);
    fputc('}', e->f);
}

static inline void ex_number(expect *e, double v)
{
    ex_sep(e);
    fprintf(e->f, "{\"t\": \"n\", \"v\": %.17g}", v);
}

static inline void ex_integer(expect *e, int64_t v)
{
    ex_sep(e);
    fprintf(e->f, "{\"t\": \"i\", \"v\": \"%" PRId64 "\"}", v);
}

static inline void ex_boolean(expect *e, int v)
{
    ex_sep(e);
    fprintf(e->f, "{\"t\": \"b\", \"v\": %s}", v ? "true" : "false");
}

static inline void ex_close(expect *e)
{
    if (e->sheets)
        ex_end_sheet(e);
    fputs("]}\n", e->f);
    if (fclose(e->f) != 0) {
        perror("expectation file");
        exit(2);
    }
}

static inline void check_ok(fast_workbook *wb, fast_status st, const char *what)
{
    if (st != FAST_OK) {
        fprintf(stderr, "%s: %s: %s\n", what, fast_strerror(st), fast_workbook_error_message(wb));
        exit(1);
    }
}

#endif
