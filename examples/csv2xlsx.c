/*
 * csv2xlsx - convert a CSV file (RFC 4180) into an .xlsx workbook.
 *
 *   csv2xlsx [-o OUT.xlsx] [-d DELIM] [--sheet NAME] INPUT.csv
 *
 * INPUT "-" reads standard input; OUT "-" writes standard output (the default
 * when reading standard input). The output defaults to INPUT with its extension
 * replaced by .xlsx; the sheet name to INPUT's base name without extension, cut
 * to 31 characters.
 *
 * Typing (the first row, the header, stays text):
 *   empty                                              -> blank cell
 *   -?(0|[1-9][0-9]*) with at most 15 digits           -> number
 *   -?(0|[1-9][0-9]*)\.[0-9]+ with at most 15 significant digits -> number
 *   anything else                                      -> text, byte for byte
 * so ZIP codes such as 00501 and codes such as 00M stay text. 15 digits is what
 * an IEEE 754 double, and so Excel, holds exactly.
 */
#include <fastxlsx.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SIG_DIGITS 15

static const char *prog = "csv2xlsx";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [-o OUT.xlsx] [-d DELIM] [--sheet NAME] INPUT.csv\n"
            "  -o OUT        output file ('-' for standard output); default INPUT with .xlsx\n"
            "  -d DELIM      field delimiter, one character or 'tab'; default ','\n"
            "  --sheet NAME  worksheet name; default INPUT's base name, cut to 31 characters\n"
            "  INPUT         CSV file (RFC 4180), or '-' for standard input\n",
            prog);
}

/* ---- typing ---------------------------------------------------------------- */

typedef enum { FIELD_BLANK, FIELD_TEXT, FIELD_INTEGER, FIELD_DECIMAL } field_kind;

static field_kind classify(const char *s, size_t n)
{
    if (n == 0)
        return FIELD_BLANK;
    size_t i = 0;
    if (s[0] == '-')
        i++;
    size_t int_start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    size_t int_digits = i - int_start;
    if (int_digits == 0 || (int_digits > 1 && s[int_start] == '0'))
        return FIELD_TEXT;
    if (i == n)
        return int_digits <= MAX_SIG_DIGITS ? FIELD_INTEGER : FIELD_TEXT;
    if (s[i] != '.')
        return FIELD_TEXT;
    size_t frac_start = ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i != n || i == frac_start)
        return FIELD_TEXT;
    /* Significant digits: from the first non-zero digit to the end. */
    size_t first = int_start;
    while (first < n && (s[first] == '0' || s[first] == '.'))
        first++;
    size_t sig = 0;
    for (size_t k = first; k < n; k++)
        sig += s[k] != '.';
    return sig <= MAX_SIG_DIGITS ? FIELD_DECIMAL : FIELD_TEXT;
}

static int64_t parse_integer(const char *s, size_t n)
{
    int neg = s[0] == '-';
    int64_t v = 0;
    for (size_t i = neg; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return neg ? -v : v;
}

/* The field is NUL-terminated by the reader; strtod runs in the "C" locale
 * because this program never calls setlocale(). */
static double parse_decimal(const char *s)
{
    return strtod(s, NULL);
}

/* ---- CSV reading (RFC 4180) ------------------------------------------------- */

typedef struct csv_reader {
    FILE *in;
    int delim;
    unsigned char inbuf[65536]; /* raw input */
    size_t inpos, inlen;
    int eof, error;
    char *buf;      /* field bytes of the current record, each NUL-terminated */
    size_t len, cap;
    size_t *start;  /* offset of each field in buf */
    size_t *flen;
    size_t nfields, capfields;
    unsigned long line;        /* physical line where the current record started */
    unsigned long next_line;
} csv_reader;

static int fill(csv_reader *r)
{
    if (r->eof)
        return 0;
    size_t keep = r->inlen - r->inpos;
    memmove(r->inbuf, r->inbuf + r->inpos, keep);
    r->inpos = 0;
    r->inlen = keep;
    size_t n = fread(r->inbuf + keep, 1, sizeof r->inbuf - keep, r->in);
    r->inlen += n;
    if (n == 0) {
        r->eof = 1;
        r->error = ferror(r->in);
    }
    return n > 0;
}

/* The next input byte, or EOF. */
static int next(csv_reader *r)
{
    if (r->inpos == r->inlen && !fill(r))
        return EOF;
    return r->inbuf[r->inpos++];
}

static int peek(csv_reader *r)
{
    if (r->inpos == r->inlen && !fill(r))
        return EOF;
    return r->inbuf[r->inpos];
}

/* Skip a UTF-8 byte order mark at the very start of the input. */
static void skip_bom(csv_reader *r)
{
    while (r->inlen < 3 && fill(r))
        ;
    if (r->inlen >= 3 && !memcmp(r->inbuf, "\xEF\xBB\xBF", 3))
        r->inpos = 3;
}

static int push_byte(csv_reader *r, char c)
{
    if (r->len == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4096;
        char *b = realloc(r->buf, cap);
        if (!b)
            return -1;
        r->buf = b;
        r->cap = cap;
    }
    r->buf[r->len++] = c;
    return 0;
}

static int begin_field(csv_reader *r)
{
    if (r->nfields == r->capfields) {
        size_t cap = r->capfields ? r->capfields * 2 : 64;
        size_t *s = realloc(r->start, cap * sizeof *s);
        if (!s)
            return -1;
        r->start = s;
        size_t *l = realloc(r->flen, cap * sizeof *l);
        if (!l)
            return -1;
        r->flen = l;
        r->capfields = cap;
    }
    r->start[r->nfields++] = r->len;
    return 0;
}

static int end_field(csv_reader *r)
{
    size_t i = r->nfields - 1;
    r->flen[i] = r->len - r->start[i];
    return push_byte(r, '\0');
}

/*
 * Read one record. Returns 1 with a record, 0 at end of input, -1 on error
 * (message printed). Quoted fields may hold delimiters, CR, LF and doubled
 * quotes. Records end at LF, CR LF or CR.
 */
static int read_record(csv_reader *r, const char *name)
{
    r->len = 0;
    r->nfields = 0;
    r->line = r->next_line;
    int c = next(r);
    if (c == EOF) {
        if (r->error) {
            fprintf(stderr, "%s: %s: read error: %s\n", prog, name, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (begin_field(r))
        goto nomem;
    int quoted = 0, in_quotes = 0;
    for (;; c = next(r)) {
        if (in_quotes) {
            if (c == EOF) {
                fprintf(stderr, "%s: %s:%lu: quoted field not closed before the end of the input\n",
                        prog, name, r->line);
                return -1;
            }
            if (c == '"') {
                if (peek(r) == '"') {
                    next(r);
                    if (push_byte(r, '"'))
                        goto nomem;
                } else {
                    in_quotes = 0;
                }
                continue;
            }
            if (c == '\n')
                r->next_line++;
            if (push_byte(r, (char)c))
                goto nomem;
            continue;
        }
        if (c == EOF || c == '\n' || c == '\r') {
            if (c == '\r' && peek(r) == '\n')
                next(r);
            if (c != EOF)
                r->next_line++;
            if (end_field(r))
                goto nomem;
            if (r->error) {
                fprintf(stderr, "%s: %s: read error: %s\n", prog, name, strerror(errno));
                return -1;
            }
            return 1;
        }
        if (c == r->delim) {
            if (end_field(r) || begin_field(r))
                goto nomem;
            quoted = 0;
            continue;
        }
        if (c == '"' && !quoted && r->len == r->start[r->nfields - 1]) {
            quoted = in_quotes = 1; /* a quote opening the field */
            continue;
        }
        /* A quote inside an unquoted field, or text after a closing quote, is kept as is. */
        if (push_byte(r, (char)c))
            goto nomem;
    }
nomem:
    fprintf(stderr, "%s: %s:%lu: out of memory\n", prog, name, r->line);
    return -1;
}

/* ---- names ------------------------------------------------------------------ */

static char *default_output(const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t keep = dot && dot != base ? (size_t)(dot - input) : strlen(input);
    char *out = malloc(keep + 6);
    if (out) {
        memcpy(out, input, keep);
        memcpy(out + keep, ".xlsx", 6);
    }
    return out;
}

/* Base name without extension, forbidden characters replaced by '_', cut to 31
 * characters on a UTF-8 boundary. */
static size_t default_sheet_name(const char *input, char *out, size_t cap)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    size_t k = 0, chars = 0;
    for (size_t i = 0; i < n && k + 4 < cap; i++) {
        unsigned char c = (unsigned char)base[i];
        if ((c & 0xC0) != 0x80) {
            if (chars == FAST_MAX_SHEET_NAME_CHARS)
                break;
            chars++;
        }
        out[k++] = (c < 0x20 || strchr(":\\/?*[]", c)) ? '_' : (char)c;
    }
    while (k > 0 && out[k - 1] == '\'')
        k--;
    size_t lead = 0;
    while (lead < k && out[lead] == '\'')
        lead++;
    memmove(out, out + lead, k - lead);
    k -= lead;
    if (k == 0) {
        memcpy(out, "Sheet1", 6);
        k = 6;
    }
    out[k] = 0;
    return k;
}

/* ---- main -------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const char *input = NULL, *output = NULL, *sheet = NULL;
    int delim = ',';
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("csv2xlsx (fastxlsx %s)\n", fast_version_string());
            return 0;
        } else if (!strcmp(a, "-o") && i + 1 < argc) {
            output = argv[++i];
        } else if (!strcmp(a, "-d") && i + 1 < argc) {
            const char *d = argv[++i];
            if (!strcmp(d, "tab") || !strcmp(d, "\\t"))
                delim = '\t';
            else if (strlen(d) == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r')
                delim = (unsigned char)d[0];
            else {
                fprintf(stderr, "%s: -d takes one character other than a quote or newline, or 'tab'\n", prog);
                return 2;
            }
        } else if (!strcmp(a, "--sheet") && i + 1 < argc) {
            sheet = argv[++i];
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "%s: unknown or incomplete option '%s'\n", prog, a);
            usage(stderr);
            return 2;
        } else if (!input) {
            input = a;
        } else {
            fprintf(stderr, "%s: more than one input given\n", prog);
            usage(stderr);
            return 2;
        }
    }
    if (!input) {
        usage(stderr);
        return 2;
    }

    int from_stdin = !strcmp(input, "-");
    FILE *in = from_stdin ? stdin : fopen(input, "rb");
    if (!in) {
        fprintf(stderr, "%s: %s: %s\n", prog, input, strerror(errno));
        return 1;
    }
    char *outbuf = NULL;
    if (!output)
        output = from_stdin ? "-" : (outbuf = default_output(input));
    if (!output) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    int to_stdout = !strcmp(output, "-");
    if (to_stdout && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s: refusing to write a workbook to a terminal; use -o FILE\n", prog);
        return 2;
    }
    char namebuf[FAST_MAX_SHEET_NAME_CHARS * 4 + 8];
    size_t sheet_len;
    if (sheet)
        sheet_len = strlen(sheet);
    else {
        sheet_len = from_stdin ? (size_t)snprintf(namebuf, sizeof namebuf, "Sheet1")
                               : default_sheet_name(input, namebuf, sizeof namebuf);
        sheet = namebuf;
    }

    fast_workbook *wb = to_stdout ? fast_workbook_new_fd(STDOUT_FILENO) : fast_workbook_new(output);
    if (!wb) {
        fprintf(stderr, "%s: %s: %s\n", prog, to_stdout ? "standard output" : output, strerror(errno));
        return 1;
    }
    fast_cells *cells = NULL;
    size_t ncells = 0;
    static csv_reader r; /* large input buffer: not on the stack */
    r.in = in;
    r.delim = delim;
    r.next_line = 1;
    skip_bom(&r);
    const char *inname = from_stdin ? "<stdin>" : input;

    int rc = 0;
    fast_status st = fast_workbook_add_worksheet(wb, sheet, sheet_len);
    unsigned long records = 0;
    const char **values = NULL;
    while (st == FAST_OK) {
        int got = read_record(&r, inname);
        if (got <= 0) {
            rc = got < 0;
            break;
        }
        records++;
        if (records == 1 || r.nfields > FAST_MAX_COLUMNS) {
            /* The header is text; an over-wide record is left to the library to report. */
            const char **v = realloc(values, r.nfields * sizeof *v);
            if (!v) {
                fprintf(stderr, "%s: out of memory\n", prog);
                rc = 1;
                break;
            }
            values = v;
            for (size_t i = 0; i < r.nfields; i++)
                values[i] = r.flen[i] ? r.buf + r.start[i] : NULL;
            st = fast_workbook_write_row_strings(wb, values, r.flen, r.nfields);
            continue;
        }
        if (r.nfields > ncells) {
            fast_cells_free(cells);
            ncells = r.nfields < 64 ? 64 : r.nfields;
            if (ncells > FAST_MAX_COLUMNS)
                ncells = FAST_MAX_COLUMNS;
            cells = fast_cells_new(ncells);
            if (!cells) {
                fprintf(stderr, "%s: out of memory\n", prog);
                rc = 1;
                break;
            }
        }
        for (size_t i = 0; i < r.nfields; i++) {
            const char *s = r.buf + r.start[i];
            size_t n = r.flen[i];
            switch (classify(s, n)) {
            case FIELD_BLANK: fast_cells_set_blank(cells, i); break;
            case FIELD_INTEGER: fast_cells_set_integer(cells, i, parse_integer(s, n)); break;
            case FIELD_DECIMAL: fast_cells_set_number(cells, i, parse_decimal(s)); break;
            case FIELD_TEXT: fast_cells_set_string(cells, i, s, n); break;
            }
        }
        st = fast_workbook_write_row(wb, cells, r.nfields);
    }
    if (st == FAST_OK && rc == 0)
        st = fast_workbook_close(wb);
    if (st != FAST_OK) {
        fprintf(stderr, "%s: %s: %s (%s)\n", prog, inname, fast_workbook_error_message(wb), fast_strerror(st));
        rc = 1;
    } else if (rc == 0 && !to_stdout) {
        fprintf(stderr, "%s: wrote %lu rows to %s\n", prog, records, output);
    }
    if (rc != 0 && !to_stdout)
        fprintf(stderr, "%s: %s was not written\n", prog, output);
    fast_workbook_free(wb); /* without a successful close this removes the temporary file */
    fast_cells_free(cells);
    free(values);
    free(r.buf);
    free(r.start);
    free(r.flen);
    free(outbuf);
    if (!from_stdin)
        fclose(in);
    return rc;
}
