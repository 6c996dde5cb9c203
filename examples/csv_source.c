/*
 * csv_source.c - plain or iconv(3)-converting input for csv2xlsx.
 *
 * The converting source keeps one buffer of raw input; each read converts as
 * much of it as fits into the caller's buffer. A sequence cut by the end of the
 * raw buffer (EINVAL) is moved to its front and completed by the next fread; an
 * invalid sequence (EILSEQ) ends the input with an error naming its line (lines
 * counted in the converted text, as the CSV reader counts them) and its byte
 * offset in the raw input. Bytes converted before it are delivered first.
 *
 * The plain source can read its first bytes ahead (csv_source_head()) so that
 * csv2xlsx can look at them before the conversion; reads serve them first.
 */
#include "csv_source.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define RAW_BUFFER 65536

struct csv_source {
    FILE *f;
    int convert;
    iconv_t cd;
    char encoding[64];
    char *raw;
    size_t rawpos, rawlen;
    int eof, flushed;
    int pending; /* an error to report at the next read */
    unsigned long long bytes_in;
    unsigned long line;
    int prev_cr;
    unsigned char head[CSV_SOURCE_HEAD]; /* read ahead by csv_source_head(), plain source only */
    size_t headlen, headpos;
    int head_read;
    char msg[256];
};

csv_source *csv_source_new(FILE *f, const char *encoding, char *err, size_t errlen)
{
    csv_source *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->f = f;
    s->line = 1;
    if (!encoding)
        return s;
    s->convert = 1;
    snprintf(s->encoding, sizeof s->encoding, "%s", encoding);
    s->cd = iconv_open("UTF-8", encoding);
    if (s->cd == (iconv_t)-1) {
        snprintf(err, errlen, "unknown encoding '%s' (iconv -l lists the known ones)", encoding);
        free(s);
        return NULL;
    }
    s->raw = malloc(RAW_BUFFER);
    if (!s->raw) {
        snprintf(err, errlen, "out of memory");
        iconv_close(s->cd);
        free(s);
        return NULL;
    }
    return s;
}

void csv_source_free(csv_source *s)
{
    if (!s)
        return;
    if (s->convert) {
        iconv_close(s->cd);
        free(s->raw);
    }
    free(s);
}

unsigned long long csv_source_bytes_in(const csv_source *s) { return s->bytes_in; }

const char *csv_source_error(const csv_source *s) { return s->msg; }

size_t csv_source_head(csv_source *s, const unsigned char **head)
{
    *head = s->head;
    if (s->convert)
        return 0;
    if (!s->head_read) {
        s->head_read = 1;
        while (s->headlen < sizeof s->head) { /* a pipe may deliver less at a time */
            size_t n = fread(s->head + s->headlen, 1, sizeof s->head - s->headlen, s->f);
            s->headlen += n;
            if (n == 0)
                break;
        }
        s->bytes_in += s->headlen;
    }
    return s->headlen;
}

static int read_error(csv_source *s)
{
    snprintf(s->msg, sizeof s->msg, "read error: %s", strerror(errno));
    return -1;
}

/* Move what is left to the front and read more after it. */
static int refill(csv_source *s)
{
    size_t keep = s->rawlen - s->rawpos;
    memmove(s->raw, s->raw + s->rawpos, keep);
    s->rawpos = 0;
    s->rawlen = keep;
    size_t n = fread(s->raw + keep, 1, RAW_BUFFER - keep, s->f);
    s->rawlen += n;
    s->bytes_in += n;
    if (n == 0) {
        s->eof = 1;
        if (ferror(s->f))
            return read_error(s);
    }
    return 0;
}

static void count_lines(csv_source *s, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\r' || (p[i] == '\n' && !s->prev_cr))
            s->line++;
        s->prev_cr = p[i] == '\r';
    }
}

long csv_source_read(void *src, unsigned char *buf, size_t cap)
{
    csv_source *s = src;
    if (s->pending)
        return -1;
    if (!s->convert) {
        if (s->headpos < s->headlen) {
            size_t n = s->headlen - s->headpos < cap ? s->headlen - s->headpos : cap;
            memcpy(buf, s->head + s->headpos, n);
            s->headpos += n;
            return (long)n;
        }
        size_t n = fread(buf, 1, cap, s->f);
        s->bytes_in += n;
        if (n == 0 && ferror(s->f))
            return read_error(s);
        return (long)n;
    }
    size_t produced = 0;
    int need_more = s->rawpos == s->rawlen;
    while (produced == 0) {
        if (need_more && !s->eof) {
            if (refill(s))
                return -1;
            need_more = 0;
        }
        char *in = s->raw + s->rawpos, *out = (char *)buf;
        size_t inleft = s->rawlen - s->rawpos, outleft = cap;
        if (inleft == 0 && s->eof) {
            /* End of input: let a stateful decoder emit what it holds back. */
            if (!s->flushed) {
                s->flushed = 1;
                iconv(s->cd, NULL, NULL, &out, &outleft);
                produced = cap - outleft;
                count_lines(s, buf, produced);
            }
            return (long)produced;
        }
        size_t rc = iconv(s->cd, &in, &inleft, &out, &outleft);
        int e = errno;
        s->rawpos = (size_t)(in - s->raw);
        produced = cap - outleft;
        count_lines(s, buf, produced);
        if (rc != (size_t)-1 || e == E2BIG) {
            need_more = s->rawpos == s->rawlen;
            continue;
        }
        unsigned long long at = s->bytes_in - (s->rawlen - s->rawpos) + 1;
        if (e == EINVAL && !s->eof) {
            need_more = 1; /* a sequence cut by the end of the buffer */
            continue;
        }
        snprintf(s->msg, sizeof s->msg, "%s %s byte sequence at line %lu (byte %llu of the input)",
                 e == EINVAL ? "incomplete" : "invalid", s->encoding, s->line, at);
        s->pending = 1;
        return produced ? (long)produced : -1;
    }
    return (long)produced;
}
