/*
 * csv2xlsx - convert a CSV file (RFC 4180) into an .xlsx workbook.
 *
 *   csv2xlsx [-o OUT.xlsx] [-d DELIM] [--sheet NAME] [--rows-per-sheet N] INPUT.csv
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
 *   YYYY-MM-DD, a valid date from 1900-01-01 on        -> date, shown yyyy-mm-dd
 *   YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS         -> date-time, shown yyyy-mm-dd hh:mm:ss
 *   anything else                                      -> text, byte for byte
 * so ZIP codes such as 00501 and codes such as 00M stay text, and so does an
 * impossible date such as 2023-02-30. 15 digits is what an IEEE 754 double, and
 * so Excel, holds exactly.
 *
 * The header row is bold and frozen, with an autofilter over the whole table;
 * column widths are fitted to the first 1,000 rows. A sheet holds at most
 * --rows-per-sheet rows (header included; default and maximum 1,048,576); the
 * rows go on in "NAME (2)", "NAME (3)", ... which repeat the header.
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
            "usage: %s [-o OUT.xlsx] [-d DELIM] [--sheet NAME] [--rows-per-sheet N] INPUT.csv\n"
            "  -o OUT              output file ('-' for standard output); default INPUT with .xlsx\n"
            "  -d DELIM            field delimiter, one character or 'tab'; default ','\n"
            "  --sheet NAME        worksheet name; default INPUT's base name, cut to 31 characters\n"
            "  --rows-per-sheet N  rows per sheet, header included (2..1048576); more rows go on in\n"
            "                      sheets 'NAME (2)', 'NAME (3)', ... that repeat the header\n"
            "  INPUT               CSV file (RFC 4180), or '-' for standard input\n",
            prog);
}

/* ---- typing ---------------------------------------------------------------- */

typedef enum { FIELD_BLANK, FIELD_TEXT, FIELD_INTEGER, FIELD_DECIMAL, FIELD_DATE, FIELD_DATETIME } field_kind;

typedef struct when {
    int year, month, day, hour, minute, second;
} when;

/* @n digits at @s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY-MM-DD, optionally followed by ' ' or 'T' and HH:MM:SS; a real calendar date
 * Excel can hold (1900-01-01..9999-12-31). */
static field_kind classify_date(const char *s, size_t n, when *w)
{
    if ((n != 10 && n != 19) || s[4] != '-' || s[7] != '-')
        return FIELD_TEXT;
    w->year = digits(s, 4);
    w->month = digits(s + 5, 2);
    w->day = digits(s + 8, 2);
    w->hour = w->minute = w->second = 0;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (w->year < 1900 || w->month < 1 || w->month > 12 || w->day < 1)
        return FIELD_TEXT;
    int leap = (w->year % 4 == 0 && w->year % 100 != 0) || w->year % 400 == 0;
    if (w->day > mdays[w->month - 1] + (w->month == 2 && leap))
        return FIELD_TEXT;
    if (n == 10)
        return FIELD_DATE;
    if ((s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        return FIELD_TEXT;
    w->hour = digits(s + 11, 2);
    w->minute = digits(s + 14, 2);
    w->second = digits(s + 17, 2);
    if (w->hour < 0 || w->hour > 23 || w->minute < 0 || w->minute > 59 || w->second < 0 || w->second > 59)
        return FIELD_TEXT;
    return FIELD_DATETIME;
}

static field_kind classify(const char *s, size_t n, when *w)
{
    if (n == 0)
        return FIELD_BLANK;
    if (n >= 10 && s[4] == '-')
        return classify_date(s, n, w);
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
    unsigned long rows_per_sheet = FAST_MAX_ROWS;
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
        } else if (!strcmp(a, "--rows-per-sheet") && i + 1 < argc) {
            char *end;
            errno = 0;
            rows_per_sheet = strtoul(argv[++i], &end, 10);
            if (errno || *end || rows_per_sheet < 2 || rows_per_sheet > FAST_MAX_ROWS) {
                fprintf(stderr, "%s: --rows-per-sheet takes a number from 2 to %u\n", prog, FAST_MAX_ROWS);
                return 2;
            }
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
    /* Compression on a second thread; the header: bold, repeated on every sheet,
     * frozen; widths fitted to the first 1,000 rows. */
    fast_status st = fast_workbook_set_threads(wb, 2);
    fast_format *bold = fast_workbook_add_format(wb);
    if (!bold)
        st = fast_workbook_status(wb);
    if (st == FAST_OK)
        st = fast_format_set_bold(bold, 1);
    if (st == FAST_OK)
        st = fast_workbook_set_rows_per_sheet(wb, (uint32_t)rows_per_sheet);
    if (st == FAST_OK)
        st = fast_workbook_add_worksheet(wb, sheet, sheet_len);
    if (st == FAST_OK)
        st = fast_workbook_set_header_rows(wb, 1);
    if (st == FAST_OK)
        st = fast_workbook_freeze_panes(wb, 1, 0);
    if (st == FAST_OK)
        st = fast_workbook_set_autofit_rows(wb, 1000);
    unsigned long records = 0;
    const char **values = NULL;
    while (st == FAST_OK) {
        int got = read_record(&r, inname);
        if (got <= 0) {
            rc = got < 0;
            break;
        }
        records++;
        if (r.nfields > FAST_MAX_COLUMNS) {
            /* Too wide for a sheet: let the library report it with its place. */
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
        fast_cells_clear(cells);
        if (records == 1) {
            for (size_t i = 0; i < r.nfields; i++) {
                if (r.flen[i])
                    fast_cells_set_string(cells, i, r.buf + r.start[i], r.flen[i]);
                fast_cells_set_format(cells, i, bold);
            }
            st = fast_workbook_write_row(wb, cells, r.nfields);
            if (st == FAST_OK && r.nfields > 0)
                st = fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, (uint32_t)r.nfields - 1);
            continue;
        }
        for (size_t i = 0; i < r.nfields; i++) {
            const char *s = r.buf + r.start[i];
            size_t n = r.flen[i];
            when w;
            switch (classify(s, n, &w)) {
            case FIELD_BLANK: break;
            case FIELD_INTEGER: fast_cells_set_integer(cells, i, parse_integer(s, n)); break;
            case FIELD_DECIMAL: fast_cells_set_number(cells, i, parse_decimal(s)); break;
            case FIELD_DATE: fast_cells_set_date(cells, i, w.year, w.month, w.day); break;
            case FIELD_DATETIME:
                fast_cells_set_datetime(cells, i, w.year, w.month, w.day, w.hour, w.minute, w.second, 0);
                break;
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
    if (rc != 0 && !to_stdout && st != FAST_ERROR_NOT_DURABLE) /* that one was written */
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
