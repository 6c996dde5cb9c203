/*
 * fuzz_csv - libFuzzer target for csv2xlsx's CSV reader (examples/csv_reader.c).
 *
 * Input: byte 0 picks the delimiter, byte 1 the size of the pieces the read
 * function hands out (1..255, 0 = as much as asked), byte 2 the limits and
 * whether the input ends in a read error; the rest is the CSV text.
 *
 * The oracle is a second CSV parser written differently (a table-driven state
 * machine over the whole input at once, no buffers or limits): every record the
 * reader returns must have the oracle's fields byte for byte (cut at the limits
 * exactly where they say, the cut flagged, the count of all fields right), the
 * oracle's starting line, and both must agree on errors: a malformed quote or
 * an unclosed one is an error for both, at the same line, byte and field.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Iexamples tests/fuzz/fuzz_csv.c examples/csv_reader.c
 *   (-DFUZZ_REPLAY and any compiler: a main() that runs the files named on the command line)
 */
#include "csv_reader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                         \
    do {                                                                                                    \
        if (!(cond)) {                                                                                      \
            fprintf(stderr, "fuzz_csv: check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
            abort();                                                                                        \
        }                                                                                                   \
    } while (0)

/* ---- the oracle ------------------------------------------------------------------ */

typedef struct ofield {
    size_t off, len; /* into the oracle's byte pool */
} ofield;

typedef struct orecord {
    size_t first, count; /* fields[first .. first+count) */
    unsigned long line;
} orecord;

typedef struct oracle {
    unsigned char *pool;
    size_t npool;
    ofield *fields;
    size_t nfields;
    orecord *records;
    size_t nrecords;
    csv_error err;
    unsigned long err_line;
    size_t err_byte, err_field;
} oracle;

enum { S_RECORD, S_FIELD, S_PLAIN, S_QUOTED, S_QUOTE_SEEN, S_DONE };

/* Class of a byte for the table: 0 other, 1 quote, 2 delimiter, 3 CR, 4 LF, 5 end. */
static int byte_class(int c, int delim)
{
    if (c < 0)
        return 5;
    if (c == '"')
        return 1;
    if (c == delim)
        return 2;
    if (c == '\r')
        return 3;
    if (c == '\n')
        return 4;
    return 0;
}

/* Actions. */
enum { A_ADD = 1, A_FIELD = 2, A_RECORD = 4, A_QUOTE_ERR = 8, A_OPEN_ERR = 16, A_ADD_QUOTE = 32, A_OPEN = 64 };

typedef struct step {
    int next, act;
} step;

/* transitions[state][class]; S_RECORD: before any field of a record; S_FIELD:
 * after a delimiter. A record end consumes a following LF after CR separately. */
static const step transitions[5][6] = {
    /* S_RECORD */ {{S_PLAIN, A_ADD}, {S_QUOTED, A_OPEN}, {S_FIELD, A_FIELD}, {S_RECORD, A_FIELD | A_RECORD},
                    {S_RECORD, A_FIELD | A_RECORD}, {S_DONE, 0}},
    /* S_FIELD */ {{S_PLAIN, A_ADD}, {S_QUOTED, A_OPEN}, {S_FIELD, A_FIELD}, {S_RECORD, A_FIELD | A_RECORD},
                   {S_RECORD, A_FIELD | A_RECORD}, {S_DONE, A_FIELD | A_RECORD}},
    /* S_PLAIN */ {{S_PLAIN, A_ADD}, {S_PLAIN, A_ADD}, {S_FIELD, A_FIELD}, {S_RECORD, A_FIELD | A_RECORD},
                   {S_RECORD, A_FIELD | A_RECORD}, {S_DONE, A_FIELD | A_RECORD}},
    /* S_QUOTED */ {{S_QUOTED, A_ADD}, {S_QUOTE_SEEN, 0}, {S_QUOTED, A_ADD}, {S_QUOTED, A_ADD},
                    {S_QUOTED, A_ADD}, {S_DONE, A_OPEN_ERR}},
    /* S_QUOTE_SEEN */ {{S_DONE, A_QUOTE_ERR}, {S_QUOTED, A_ADD_QUOTE}, {S_FIELD, A_FIELD},
                        {S_RECORD, A_FIELD | A_RECORD}, {S_RECORD, A_FIELD | A_RECORD},
                        {S_DONE, A_FIELD | A_RECORD}},
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    p = realloc(p, c * size);
    CHECK(p != NULL);
    *cap = c;
    return p;
}

static void oracle_parse(oracle *o, const unsigned char *d, size_t n, int delim)
{
    size_t cap_pool = 0, cap_fields = 0, cap_records = 0;
    memset(o, 0, sizeof *o);
    size_t i = 0;
    if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        i = 3;
    /* The line and byte within it of the byte being taken; a line ends at LF, CR LF or CR. */
    unsigned long line = 1, open_line = 0;
    int prev_cr = 0;
    size_t byte = 0, open_byte = 0, field_start = 0, record_first = 0;
    unsigned long record_line = 1;
    int state = S_RECORD;
    while (state != S_DONE) {
        int c = i < n ? d[i] : -1;
        unsigned long here_line = line;
        size_t here_byte = byte;
        /* Position bookkeeping for the byte just taken. */
        if (c == '\r' || (c == '\n' && !prev_cr)) {
            line++;
            byte = 0;
        } else if (c >= 0 && c != '\n') {
            byte++;
            here_byte = byte;
        }
        prev_cr = c == '\r';
        if (state == S_RECORD && c >= 0) {
            record_first = o->nfields;
            record_line = here_line;
        }
        step s = transitions[state][byte_class(c, delim)];
        if (s.act & A_OPEN) {
            open_line = here_line;
            open_byte = here_byte;
        }
        if (s.act & (A_ADD | A_ADD_QUOTE)) {
            o->pool = grow(o->pool, &cap_pool, o->npool + 1, 1);
            o->pool[o->npool++] = (unsigned char)(s.act & A_ADD_QUOTE ? '"' : c);
        }
        if (s.act & A_QUOTE_ERR) {
            o->err = CSV_ERROR_QUOTE;
            o->err_line = here_line;
            o->err_byte = here_byte;
            o->err_field = o->nfields - record_first + 1;
            return;
        }
        if (s.act & A_OPEN_ERR) {
            o->err = CSV_ERROR_UNCLOSED;
            o->err_line = open_line;
            o->err_byte = open_byte;
            o->err_field = o->nfields - record_first + 1;
            return;
        }
        if (s.act & A_FIELD) {
            o->fields = grow(o->fields, &cap_fields, o->nfields + 1, sizeof *o->fields);
            o->fields[o->nfields].off = field_start;
            o->fields[o->nfields].len = o->npool - field_start;
            o->nfields++;
            field_start = o->npool;
        }
        if (s.act & A_RECORD) {
            o->records = grow(o->records, &cap_records, o->nrecords + 1, sizeof *o->records);
            o->records[o->nrecords].first = record_first;
            o->records[o->nrecords].count = o->nfields - record_first;
            o->records[o->nrecords].line = record_line;
            o->nrecords++;
            if (c == '\r' && i + 1 < n && d[i + 1] == '\n') {
                i++; /* CR LF ends one record; the LF does not count a line again */
                prev_cr = 0;
            }
        }
        state = s.next;
        i++;
    }
}

static void oracle_free(oracle *o)
{
    free(o->pool);
    free(o->fields);
    free(o->records);
}

/* ---- the reader under test ----------------------------------------------------- */

typedef struct feed {
    const unsigned char *d;
    size_t n, pos, piece;
    int fail_at_end;
} feed;

static long feed_read(void *ctx, unsigned char *buf, size_t cap)
{
    feed *f = ctx;
    if (f->pos == f->n)
        return f->fail_at_end ? -1 : 0;
    size_t k = f->n - f->pos;
    if (k > cap)
        k = cap;
    if (f->piece && k > f->piece)
        k = f->piece;
    memcpy(buf, f->d + f->pos, k);
    f->pos += k;
    return (long)k;
}

static const size_t field_limits[4] = {0, 1, 2, 5};
static const size_t byte_limits[4] = {0, 1, 3, 64};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    static const int delims[8] = {',', ';', '\t', '|', ' ', 0, 0xFF, 'a'};
    int delim = delims[data[0] & 7];
    feed f = {data + 3, size - 3, 0, data[1], (data[2] & 0x80) != 0};
    size_t max_fields = field_limits[data[2] & 3], max_bytes = byte_limits[(data[2] >> 2) & 3];
    oracle o;
    oracle_parse(&o, f.d, f.n, delim);

    csv_reader *r = csv_reader_new(delim, feed_read, &f);
    CHECK(r != NULL);
    csv_reader_set_limits(r, max_fields, max_bytes);
    size_t k = 0;
    int got;
    csv_record rec;
    while ((got = csv_reader_next(r, &rec)) == 1) {
        CHECK(k < o.nrecords);
        const orecord *want = &o.records[k];
        CHECK(rec.count == want->count);
        CHECK(rec.line == want->line);
        CHECK(rec.stored == (max_fields && want->count > max_fields ? max_fields : want->count));
        for (size_t i = 0; i < rec.stored; i++) {
            const ofield *of = &o.fields[want->first + i];
            size_t keep = max_bytes && of->len > max_bytes ? max_bytes : of->len;
            CHECK(rec.len[i] == keep);
            CHECK(rec.cut[i] == (keep < of->len));
            CHECK(keep == 0 || memcmp(rec.field[i], o.pool + of->off, keep) == 0);
            CHECK(rec.field[i][keep] == 0);
        }
        k++;
    }
    if (f.fail_at_end) {
        /* The oracle's records (checked above) up to where the reader, which
         * reads a few bytes ahead, meets the read error; or a quote error
         * found before the end. */
        CHECK(got == -1);
        if (csv_reader_error(r) == CSV_ERROR_QUOTE)
            CHECK(o.err == CSV_ERROR_QUOTE && k == o.nrecords);
        else
            CHECK(csv_reader_error(r) == CSV_ERROR_READ);
    } else if (o.err) {
        CHECK(got == -1);
        CHECK(k == o.nrecords);
        CHECK(csv_reader_error(r) == o.err);
        unsigned long line;
        size_t byte, field;
        csv_reader_error_place(r, &line, &byte, &field);
        CHECK(line == o.err_line);
        CHECK(byte == o.err_byte);
        CHECK(field == o.err_field);
        CHECK(strlen(csv_reader_message(r)) > 0);
    } else {
        CHECK(got == 0);
        CHECK(k == o.nrecords);
        CHECK(csv_reader_error(r) == CSV_OK);
    }
    CHECK(csv_reader_next(r, &rec) == got); /* the end and errors stay */
    CHECK(csv_reader_bytes(r) == f.pos);
    csv_reader_free(r);
    oracle_free(&o);
    return 0;
}

#ifdef FUZZ_REPLAY
/* Run each file named on the command line once (no libFuzzer needed). */
int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        FILE *fp = fopen(argv[a], "rb");
        if (!fp) {
            perror(argv[a]);
            return 1;
        }
        unsigned char *buf = NULL;
        size_t n = 0, cap = 0, got;
        do {
            buf = grow(buf, &cap, n + 65536, 1);
            got = fread(buf + n, 1, 65536, fp);
            n += got;
        } while (got > 0);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
    }
    printf("fuzz_csv: %d inputs replayed, every check held\n", argc - 1);
    return 0;
}
#endif
