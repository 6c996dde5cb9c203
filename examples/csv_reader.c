/*
 * csv_reader.c - the streaming RFC 4180 reader (see csv_reader.h for the rules).
 *
 * The input comes through a read function into a fixed buffer; the current
 * record's fields are appended, each NUL-terminated, to one growing buffer whose
 * size the limits bound. Lines are counted as the bytes go by (LF, CR LF and a
 * lone CR each end one line, inside quoted fields too) so that every error can
 * name its line and byte.
 */
#include "csv_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_BUFFER 65536

struct csv_reader {
    csv_read_fn read;
    void *ctx;
    int delim;
    unsigned char *in;
    size_t inpos, inlen;
    int eof, started;
    unsigned long long bytes;
    /* the record */
    char *buf;
    size_t len, cap;
    size_t *start, *flen;
    unsigned char *cut;
    char **ptr;
    size_t stored, capfields, count;
    size_t field_bytes; /* bytes of the current field, stored or not */
    int keep;           /* the current field is stored */
    size_t max_fields, max_field_bytes;
    /* where we are */
    unsigned long line;
    size_t col;
    int prev_cr;
    /* the error */
    csv_error err;
    unsigned long err_line;
    size_t err_col, err_field;
    char msg[200];
};

csv_reader *csv_reader_new(int delim, csv_read_fn read, void *ctx)
{
    csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->in = malloc(INPUT_BUFFER);
    if (!r->in) {
        free(r);
        return NULL;
    }
    r->read = read;
    r->ctx = ctx;
    r->delim = delim;
    r->line = 1;
    r->max_fields = (size_t)-1;
    r->max_field_bytes = (size_t)-1;
    return r;
}

void csv_reader_set_limits(csv_reader *r, size_t max_fields, size_t max_field_bytes)
{
    r->max_fields = max_fields ? max_fields : (size_t)-1;
    r->max_field_bytes = max_field_bytes ? max_field_bytes : (size_t)-1;
}

void csv_reader_free(csv_reader *r)
{
    if (!r)
        return;
    free(r->in);
    free(r->buf);
    free(r->start);
    free(r->flen);
    free(r->cut);
    free(r->ptr);
    free(r);
}

csv_error csv_reader_error(const csv_reader *r) { return r->err; }

const char *csv_reader_message(const csv_reader *r) { return r->msg; }

unsigned long long csv_reader_bytes(const csv_reader *r) { return r->bytes; }

void csv_reader_error_place(const csv_reader *r, unsigned long *line, size_t *byte, size_t *field)
{
    if (line)
        *line = r->err_line;
    if (byte)
        *byte = r->err_col;
    if (field)
        *field = r->err_field;
}

static int fail(csv_reader *r, csv_error e, unsigned long line, size_t col, const char *what)
{
    r->err = e;
    r->err_line = line;
    r->err_col = col;
    r->err_field = r->count;
    if (e == CSV_ERROR_READ || e == CSV_ERROR_NOMEM)
        snprintf(r->msg, sizeof r->msg, "line %lu: %s", line, what);
    else
        snprintf(r->msg, sizeof r->msg, "line %lu, byte %zu (field %zu): %s", line, col, r->count, what);
    return -1;
}

/* Refill the input buffer, keeping the @keep bytes not consumed yet; 0 at the
 * end of the input or after a read error (r->err is then set). */
static int fill(csv_reader *r)
{
    if (r->eof)
        return 0;
    size_t keep = r->inlen - r->inpos;
    memmove(r->in, r->in + r->inpos, keep);
    r->inpos = 0;
    r->inlen = keep;
    long n = r->read(r->ctx, r->in + keep, INPUT_BUFFER - keep);
    if (n <= 0) {
        r->eof = 1;
        if (n < 0)
            fail(r, CSV_ERROR_READ, r->line, r->col, "read error");
        return 0;
    }
    r->inlen += (size_t)n;
    r->bytes += (unsigned long long)n;
    return 1;
}

/* The next byte, or EOF; counts lines and bytes within the line. */
static inline int get(csv_reader *r)
{
    if (r->inpos == r->inlen && !fill(r))
        return EOF;
    int c = r->in[r->inpos++];
    if (c == '\r' || (c == '\n' && !r->prev_cr)) {
        r->line++;
        r->col = 0;
    } else if (c != '\n') {
        r->col++;
    }
    r->prev_cr = c == '\r';
    return c;
}

static inline int peek(csv_reader *r)
{
    if (r->inpos == r->inlen && !fill(r))
        return EOF;
    return r->in[r->inpos];
}

static int grow_bytes(csv_reader *r)
{
    size_t cap = r->cap ? r->cap * 2 : 4096;
    char *b = realloc(r->buf, cap);
    if (!b)
        return -1;
    r->buf = b;
    r->cap = cap;
    return 0;
}

static inline int push(csv_reader *r, int c)
{
    if (!r->keep)
        return 0;
    if (++r->field_bytes > r->max_field_bytes) {
        r->cut[r->stored - 1] = 1;
        return 0;
    }
    if (r->len == r->cap && grow_bytes(r))
        return -1;
    r->buf[r->len++] = (char)c;
    return 0;
}

/* Append @n bytes of the current field (none of them CR or LF), within the limits. */
static int append(csv_reader *r, const unsigned char *p, size_t n)
{
    if (!r->keep || n == 0)
        return 0;
    size_t room = r->field_bytes < r->max_field_bytes ? r->max_field_bytes - r->field_bytes : 0;
    size_t take = n < room ? n : room;
    r->field_bytes += n;
    if (take < n)
        r->cut[r->stored - 1] = 1;
    while (r->cap - r->len < take)
        if (grow_bytes(r))
            return -1;
    memcpy(r->buf + r->len, p, take);
    r->len += take;
    return 0;
}

static int begin_field(csv_reader *r)
{
    r->count++;
    r->field_bytes = 0;
    r->keep = r->stored < r->max_fields;
    if (!r->keep)
        return 0;
    if (r->stored == r->capfields) {
        size_t cap = r->capfields ? r->capfields * 2 : 64;
        size_t *s = realloc(r->start, cap * sizeof *s);
        if (!s)
            return -1;
        r->start = s;
        size_t *l = realloc(r->flen, cap * sizeof *l);
        if (!l)
            return -1;
        r->flen = l;
        unsigned char *u = realloc(r->cut, cap);
        if (!u)
            return -1;
        r->cut = u;
        char **p = realloc(r->ptr, cap * sizeof *p);
        if (!p)
            return -1;
        r->ptr = p;
        r->capfields = cap;
    }
    r->start[r->stored] = r->len;
    r->cut[r->stored] = 0;
    r->stored++;
    return 0;
}

static int end_field(csv_reader *r)
{
    if (!r->keep)
        return 0;
    size_t i = r->stored - 1;
    r->flen[i] = r->len - r->start[i];
    if (r->len == r->cap && grow_bytes(r))
        return -1;
    r->buf[r->len++] = 0;
    return 0;
}

static void skip_bom(csv_reader *r)
{
    while (r->inlen - r->inpos < 3 && fill(r))
        ;
    if (r->inlen - r->inpos >= 3 && !memcmp(r->in + r->inpos, "\xEF\xBB\xBF", 3))
        r->inpos += 3;
}

int csv_reader_next(csv_reader *r, csv_record *rec)
{
    if (r->err)
        return -1;
    if (!r->started) {
        r->started = 1;
        skip_bom(r);
        if (r->err)
            return -1;
    }
    r->len = r->stored = r->count = 0;
    unsigned long first_line = r->line;
    int c = get(r);
    if (c == EOF)
        return r->err ? -1 : 0;
    for (;;) {
        /* c is the first byte of a field (or what ends an empty one). */
        if (begin_field(r))
            goto nomem;
        if (c == '"') {
            unsigned long open_line = r->line;
            size_t open_col = r->col;
            for (;;) {
                /* A run of bytes up to the next quote, counting its line ends. */
                const unsigned char *p = r->in + r->inpos, *e = r->in + r->inlen, *q = p;
                while (q < e && *q != '"') {
                    if (*q == '\r' || (*q == '\n' && !r->prev_cr)) {
                        r->line++;
                        r->col = 0;
                    } else if (*q != '\n') {
                        r->col++;
                    }
                    r->prev_cr = *q++ == '\r';
                }
                r->inpos += (size_t)(q - p);
                if (append(r, p, (size_t)(q - p)))
                    goto nomem;
                c = get(r);
                if (c == EOF) {
                    if (r->err)
                        return -1;
                    return fail(r, CSV_ERROR_UNCLOSED, open_line, open_col,
                                "the quoted field opened here is not closed before the end of the input");
                }
                if (c == '"') {
                    if (peek(r) != '"')
                        break;
                    get(r);
                }
                if (push(r, c))
                    goto nomem;
            }
            c = get(r);
            if (c != EOF && c != r->delim && c != '\n' && c != '\r')
                return fail(r, CSV_ERROR_QUOTE, r->line, r->col,
                            "text after the closing quote of a quoted field (a quote inside a quoted "
                            "field is written twice)");
        } else {
            while (c != EOF && c != r->delim && c != '\n' && c != '\r') {
                if (push(r, c))
                    goto nomem;
                /* The rest of the field in this buffer: no line ends in it. */
                const unsigned char *p = r->in + r->inpos, *e = r->in + r->inlen, *q = p;
                while (q < e && *q != r->delim && *q != '\n' && *q != '\r')
                    q++;
                if (q > p) {
                    r->inpos += (size_t)(q - p);
                    r->col += (size_t)(q - p);
                    r->prev_cr = 0;
                    if (append(r, p, (size_t)(q - p)))
                        goto nomem;
                }
                c = get(r);
            }
        }
        if (r->err)
            return -1;
        if (end_field(r))
            goto nomem;
        if (c == r->delim) {
            c = get(r);
            continue;
        }
        break;
    }
    if (c == '\r' && peek(r) == '\n')
        get(r);
    if (r->err)
        return -1;
    for (size_t i = 0; i < r->stored; i++)
        r->ptr[i] = r->buf + r->start[i];
    rec->count = r->count;
    rec->stored = r->stored;
    rec->field = r->ptr;
    rec->len = r->flen;
    rec->cut = r->cut;
    rec->line = first_line;
    return 1;
nomem:
    return fail(r, CSV_ERROR_NOMEM, r->line, r->col, "out of memory");
}
