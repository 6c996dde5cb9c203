/*
 * csv2xlsx - convert a CSV file (RFC 4180) into an .xlsx workbook.
 *
 *   csv2xlsx [options] INPUT.csv      (csv2xlsx --help lists them)
 *
 * INPUT "-" reads standard input; OUT "-" writes standard output (the default
 * when reading standard input). The output defaults to INPUT with its extension
 * replaced by .xlsx, and is never the input itself (same file, also through a
 * link: refused); the sheet name to INPUT's base name without extension, cut
 * to 31 characters, with what a sheet name cannot hold replaced by '_'. INPUT
 * named .tsv or .tab is tab-separated unless -d says otherwise. The workbook is
 * written to a temporary file beside OUT and renamed over it (fast_workbook_new()),
 * so OUT's directory must be writable; when it is not, the message says so and
 * names -o - (standard output) as the way out.
 *
 * Reading (csv_reader.c): quoted fields may hold delimiters, line ends and
 * doubled quotes; text after a closing quote is malformed and stops the
 * conversion with its line and byte (no byte is ever dropped). The input is
 * UTF-8 (invalid UTF-8 stops the conversion with its line, row and column, and
 * a guess of the input's encoding: Windows-1252 when it has bytes 0x80-0x9F,
 * else Latin-1), or any encoding iconv knows with --encoding (csv_source.c).
 * Without --encoding, input that starts like UTF-16 (a byte order mark, or NUL
 * in every other byte) is refused before anything is written, naming the
 * --encoding that reads it: without a mark it would pass for UTF-8. A field of more than
 * 32,767 characters stops it too, unless --truncate cuts such fields.
 *
 * Typing (the first row, the header, stays text):
 *   empty                                              -> blank cell
 *   -?(0|[1-9][0-9]*) with at most 15 digits           -> number
 *   -?(0|[1-9][0-9]*)\.[0-9]+ with at most 15 significant digits, whose value
 *     is a normal double (no underflow) printing back the same digits -> number
 *   YYYY-MM-DD, a valid date from 1900-01-01 on        -> date, shown yyyy-mm-dd
 *   YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS         -> date-time, shown yyyy-mm-dd hh:mm:ss
 *   anything else                                      -> text, byte for byte
 * so ZIP codes such as 00501 and codes such as 00M stay text, and so do an
 * impossible date such as 2023-02-30, a negative zero (-0, -0.0: a number
 * would lose the sign) and 0.000...0001 past the double's range. 15 digits is
 * what an IEEE 754 double, and so Excel, holds exactly.
 *
 * The header row is bold and frozen, with an autofilter over the whole table
 * (or, with --table, the data is an Excel table: filter buttons, banded rows,
 * optionally a totals row); column widths are fitted to the first 1,000 rows. A sheet holds at most
 * --rows-per-sheet rows (header included; default and maximum 1,048,576); the
 * rows go on in "NAME (2)", "NAME (3)", ... which repeat the header.
 *
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP stop the conversion after the record being
 * read: the output is not written (no temporary file is left either), and
 * csv2xlsx then ends by the same signal, so that its caller sees what stopped it
 * (a shell reports status 128 + the signal's number). A signal that came once
 * the commit had begun lets the commit finish. A signal ignored when csv2xlsx
 * starts (nohup, a background job of a script) stays ignored.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <fastxlsx.h>

#include "csv_reader.h"
#include "csv_source.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_SIG_DIGITS 15

static const char *prog = "csv2xlsx";

/* The signal that asked the conversion to stop; 0 before one. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig) { stop_signal = sig; }

/* The handler only records the signal: the main loop sees it between records and
 * frees the workbook, which removes the temporary file (nothing the library does
 * may run in a handler). No SA_RESTART, so that a read waiting on a pipe or a
 * terminal returns at once. */
static void catch_stop_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "a signal";
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s [options] INPUT.csv\n"
            "  -o OUT              output file ('-' for standard output); default INPUT with .xlsx\n"
            "                      (never INPUT itself)\n"
            "  -d DELIM            field delimiter, one character or 'tab'; default ',', or tab for\n"
            "                      INPUT named .tsv or .tab\n"
            "  --sheet NAME        worksheet name; default INPUT's base name, cut to 31 characters\n"
            "  --rows-per-sheet N  rows per sheet, header included (2..1048576); more rows go on in\n"
            "                      sheets 'NAME (2)', 'NAME (3)', ... that repeat the header\n"
            "  --encoding NAME     convert the input from NAME (any encoding iconv knows: LATIN1,\n"
            "                      WINDOWS-1252, UTF-16 with its byte order mark, ...); default UTF-8,\n"
            "                      checked\n"
            "  --truncate          cut fields longer than 32,767 characters (the most a cell holds) on\n"
            "                      a character boundary instead of stopping; the summary counts them\n"
            "  --cell-references compact|all\n"
            "                      'all' (the default) writes every cell's reference, which some\n"
            "                      readers need; 'compact' only those not implied (smaller files)\n"
            "  --table[=NAME]      the data as an Excel table named NAME (default Table1) instead of\n"
            "                      an autofilter; the header fields must then be non-empty and\n"
            "                      distinct (case-insensitively); continuation sheets get NAME_2, ...\n"
            "  --table-style STYLE the table's style, e.g. TableStyleLight9 (default\n"
            "                      TableStyleMedium2; 'none' for none); implies --table\n"
            "  --totals FUNC       a totals row: FUNC (sum, average, count, countNums, min, max,\n"
            "                      stdDev, var) for each column whose first data field is a number,\n"
            "                      'Total' under the first column otherwise; implies --table\n"
            "  --landscape         print the sheets landscape (the header row is repeated at the top\n"
            "                      of every printed page in any case)\n"
            "  --fit-width         print the sheets one page wide\n"
            "  --text-number-warnings  leave Excel's \"number stored as text\" warnings on the\n"
            "                      columns that hold text that looks like a number (ZIP codes such as\n"
            "                      00501, kept as text); by default they are turned off (ignoredErrors)\n"
            "  --progress          show progress on standard error even when it is not a terminal\n"
            "                      (one line per update); on a terminal it is shown anyway\n"
            "  -V, --version       print the version and exit\n"
            "  -h, --help          print this help and exit\n"
            "  INPUT               CSV file (RFC 4180), or '-' for standard input\n"
            "A malformed quote, invalid input encoding or a field too long for a cell stops the\n"
            "conversion with its line; then, as on any error, the exit status is 1 and the output\n"
            "file is not touched. SIGINT (Ctrl-C), SIGTERM and SIGHUP stop it the same way; csv2xlsx\n"
            "then ends by that signal (status 128 + its number in a shell).\n",
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

/*
 * Whether the double nearest to the decimal at @s (NUL-terminated) holds exactly
 * the @sig (1..15) significant digits written at @digs (a '.' among them is
 * skipped), the first of decimal exponent @exp10: a normal double (an underflow
 * to zero or a subnormal would lose digits) that prints back as the same digits.
 * Stores the double in @v.
 *
 * Fast path: the digits D < 10^15 and 10^k for k <= 22 are exact doubles, so
 * D * 10^k or D / 10^k, rounded once, is the nearest double to the decimal (what
 * strtod returns), and a normal double prints back any decimal of at most
 * DBL_DIG (15) significant digits (C11 5.2.4.2.2). Other exponents go through
 * strtod (in the "C" locale: this program never calls setlocale) and an actual
 * print.
 */
static int holds_exactly(const char *s, size_t sig, const char *digs, int exp10, double *v)
{
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int scale = exp10 - ((int)sig - 1); /* value = D * 10^scale */
    if (scale >= -22 && scale <= 22) {
        int64_t d = 0;
        for (const char *p = digs; *p; p++)
            if (*p != '.')
                d = d * 10 + (*p - '0');
        double x = (double)d;
        x = scale < 0 ? x / pow10[-scale] : x * pow10[scale];
        *v = s[0] == '-' ? -x : x;
        return 1; /* d >= 1 and scale >= -22: far above DBL_MIN */
    }
    *v = strtod(s, NULL);
    if (!isfinite(*v) || fabs(*v) < DBL_MIN)
        return 0;
    char back[64];
    snprintf(back, sizeof back, "%.*e", (int)sig - 1, fabs(*v));
    const char *p = back;
    for (size_t k = 0; k < sig; k++, p++) {
        if (*p == '.')
            p++;
        if (*digs == '.')
            digs++;
        if (*p != *digs++)
            return 0;
    }
    return *p == 'e' && atoi(p + 1) == exp10;
}

/* The kind of field @s (@n bytes, NUL-terminated); a date's fields in @w, a
 * decimal's value in @num. */
/*
 * Whether text @s (@n bytes) reads as a number to Excel, which then flags the
 * cell "number stored as text": [+-]digits[.digits][e[+-]digits], as the fields
 * classify() keeps as text are (leading zeros as in ZIP codes "00501", more
 * digits than a double holds, "-0", decimals a double cannot hold exactly).
 */
static int looks_numeric(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        d++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            d++;
    if (d == 0)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        if (++i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            e++;
        if (e == 0)
            return 0;
    }
    return i == n;
}

static field_kind classify(const char *s, size_t n, when *w, double *num)
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
    if (i == n) {
        if (s[0] == '-' && s[1] == '0')
            return FIELD_TEXT; /* -0: a number would lose the sign */
        return int_digits <= MAX_SIG_DIGITS ? FIELD_INTEGER : FIELD_TEXT;
    }
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
    if (sig > MAX_SIG_DIGITS)
        return FIELD_TEXT;
    *num = 0;
    if (sig == 0) /* 0.000: zero, exact, unless it carries a sign a number would lose */
        return s[0] == '-' ? FIELD_TEXT : FIELD_DECIMAL;
    /* The decimal exponent of the first significant digit. */
    int exp10 = first < frac_start ? (int)(frac_start - 1 - first) - 1 : -(int)(first - frac_start + 1);
    return holds_exactly(s, sig, s + first, exp10, num) ? FIELD_DECIMAL : FIELD_TEXT;
}

static int64_t parse_integer(const char *s, size_t n)
{
    int neg = s[0] == '-';
    int64_t v = 0;
    for (size_t i = neg; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return neg ? -v : v;
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

/* The length of the UTF-8 sequence at @s (@n bytes left) and its code point, or
 * 0 when it is not valid UTF-8 (overlong, surrogate, past U+10FFFF, cut short). */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    unsigned v = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return len;
}

/* Base name without extension, cut to 31 characters; what a sheet name cannot
 * hold (invalid UTF-8, control characters and DEL, U+FFFE and U+FFFF, any of
 * : \ / ? * [ ]) becomes '_', leading and trailing apostrophes go; "Sheet1" if
 * nothing is left. @cap: at least FAST_MAX_SHEET_NAME_CHARS * 4 + 1. */
static size_t default_sheet_name(const char *input, char *out, size_t cap)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    const unsigned char *u = (const unsigned char *)base;
    size_t k = 0, chars = 0;
    for (size_t i = 0; i < n && chars < FAST_MAX_SHEET_NAME_CHARS && k + 4 < cap; chars++) {
        unsigned cp;
        size_t len = utf8_char(u + i, n - i, &cp);
        if (len == 0 || cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF ||
            (cp < 0x80 && strchr(":\\/?*[]", (int)cp))) {
            out[k++] = '_';
            i += len ? len : 1;
        } else {
            memcpy(out + k, u + i, len);
            k += len;
            i += len;
        }
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

/* Whether @name ends with @ext, ASCII case ignored. */
static int has_extension(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    if (n <= e)
        return 0;
    for (size_t i = 0; i < e; i++) {
        char c = name[n - e + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return 0;
    }
    return 1;
}

/* The name of sheet @k (from 1) of the chain that starts with @first, as the
 * library names continuation sheets: "NAME (k)", NAME cut so that the whole
 * has at most 31 characters. */
static void sheet_name_at(const char *first, size_t len, unsigned long k, char *out, size_t cap)
{
    if (k == 1) {
        snprintf(out, cap, "%.*s", (int)len, first);
        return;
    }
    char suffix[32];
    int slen = snprintf(suffix, sizeof suffix, " (%lu)", k);
    size_t room = FAST_MAX_SHEET_NAME_CHARS - (size_t)slen, chars = 0, i = 0;
    while (i < len && chars < room) {
        unsigned char c = (unsigned char)first[i];
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        chars++;
    }
    if (i > len)
        i = len;
    snprintf(out, cap, "%.*s%s", (int)i, first, suffix);
}

/* @v with thousands separators: 1234567 -> "1,234,567". */
static const char *grouped(unsigned long long v, char buf[32])
{
    char digits_[24];
    int n = snprintf(digits_, sizeof digits_, "%llu", v), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits_[i];
    }
    buf[k] = 0;
    return buf;
}

/* Column letters of the 0-based column @c: 0 -> "A", 26 -> "AA". */
static const char *column_name(size_t c, char buf[16])
{
    char tmp[16];
    int n = 0;
    for (c++; c > 0 && n < 15; c = (c - 1) / 26)
        tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
    return buf;
}

/* Characters (UTF-8 lead bytes) in @n bytes at @s, and in @cut_at the byte
 * length of its first @max characters. */
static size_t count_chars(const char *s, size_t n, size_t max, size_t *cut_at)
{
    size_t chars = 0;
    *cut_at = n;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == max)
                *cut_at = i;
            chars++;
        }
    }
    return chars;
}

/* ---- encodings ----------------------------------------------------------------- */

/* UTF-16 guessed from the first bytes of the input: its byte order mark, or NUL
 * in most odd (little-endian) or even (big-endian) bytes, as text in Latin
 * letters has; NULL if neither. Such input passes for UTF-8 without a mark (NUL
 * and ASCII are valid UTF-8), so it is refused before the conversion. @why: the
 * reason, for the message. */
static const char *guess_utf16(const unsigned char *p, size_t n, const char **why)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        *why = "it starts with a UTF-16 byte order mark";
        return "UTF-16";
    }
    size_t pairs = n / 2, even = 0, odd = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        even += p[i] == 0;
        odd += p[i + 1] == 0;
    }
    if (pairs >= 2 && odd * 4 >= pairs * 3 && even * 16 < pairs) {
        *why = "every other byte is NUL, as in UTF-16 little-endian";
        return "UTF-16LE";
    }
    if (pairs >= 2 && even * 4 >= pairs * 3 && odd * 16 < pairs) {
        *why = "every other byte is NUL, as in UTF-16 big-endian";
        return "UTF-16BE";
    }
    return NULL;
}

/* The hint after invalid UTF-8: the input's likely 8-bit encoding, from its first
 * bytes and the record that failed (@rec). Bytes 0x80-0x9F are C1 controls in
 * Latin-1 but quotes, dashes and the euro sign in Windows-1252, so they point to
 * it (those that are not part of a valid UTF-8 sequence); otherwise Latin-1 is
 * the guess. */
static int has_c1_byte(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t len = utf8_char(p + i, n - i, &cp);
        if (len == 0 && p[i] >= 0x80 && p[i] <= 0x9F) /* not inside a UTF-8 sequence (€ is E2 82 AC) */
            return 1;
        i += len ? len : 1;
    }
    return 0;
}

static void hint_encoding(const char *inname, const unsigned char *head, size_t headlen, const csv_record *rec)
{
    int c1 = has_c1_byte(head, headlen);
    for (size_t f = 0; f < rec->stored && !c1; f++)
        c1 = has_c1_byte((const unsigned char *)rec->field[f], rec->len[f]);
    if (c1)
        fprintf(stderr,
                "%s: %s looks like Windows-1252, not UTF-8 (it has bytes 0x80-0x9F, that encoding's quotes,\n"
                "  dashes and euro sign): convert it with --encoding WINDOWS-1252\n",
                prog, inname);
    else
        fprintf(stderr,
                "%s: %s is not UTF-8; it looks like an 8-bit encoding, Latin-1 (ISO-8859-1) as a guess:\n"
                "  convert it with --encoding LATIN1 (or another name iconv -l lists)\n",
                prog, inname);
}

/* ---- destinations ---------------------------------------------------------------- */

/* After a refusal to create the output: the workbook is written to a temporary
 * file beside @output and renamed over it at the end, so the directory must be
 * writable even when @output itself is; -o - is the way out (the shell then
 * writes the file in place, as it is, without the rename). */
static void hint_directory(const char *output)
{
    char *real = realpath(output, NULL); /* a link's target is what gets replaced, in its directory */
    const char *target = real ? real : output;
    const char *slash = strrchr(target, '/');
    const char *name = slash ? slash + 1 : target;
    int dirlen = slash ? (slash == target ? 1 : (int)(slash - target)) : 1;
    fprintf(stderr,
            "%s: the workbook is written to a temporary file in the directory %.*s (.%s.XXXXXX.tmp) and\n"
            "  then renamed to %s, so that directory must let you create files; or write to standard\n"
            "  output with -o - (e.g. -o - > %s, which writes the file in place, not atomically)\n",
            prog, dirlen, slash ? target : ".", name, output, output);
    free(real);
}

/* ---- progress ------------------------------------------------------------------ */

typedef struct progress {
    int on, tty;
    int shown; /* a line is on the terminal, not ended */
    double start, last;
} progress;

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Rows, megabytes read and rows per second: in place on a terminal, one line
 * per update otherwise; @final ends the line (on a terminal it takes the place
 * of the last update, which would otherwise stay above it). */
static void progress_show(progress *p, unsigned long long rows, unsigned long long bytes, int final)
{
    double t = seconds();
    if (!final && t - p->last < (p->tty ? 0.25 : 1.0))
        return;
    p->last = t;
    double rate = t > p->start ? (double)rows / (t - p->start) : 0;
    char r[32], s[32];
    fprintf(stderr, "%s%s: %s %s, %.1f MB read, %s rows/s%s", p->tty ? "\r" : "", prog, grouped(rows, r),
            rows == 1 ? "row" : "rows", (double)bytes / 1e6, grouped((unsigned long long)(rate + 0.5), s),
            p->tty ? (final ? "   \n" : "   ") : "\n");
    fflush(stderr);
    p->shown = p->tty && !final;
}

/* End the line in progress, so that a message starts on a line of its own. */
static void progress_break(progress *p)
{
    if (p->shown)
        fputc('\n', stderr);
    p->shown = 0;
}

/* ---- --table ------------------------------------------------------------------ */

typedef struct table_opts {
    int on;
    const char *name;  /* NULL: the library's default name */
    const char *style; /* NULL: the default style */
    int totals;        /* FAST_TABLE_TOTAL_*, NONE for no totals row */
    char **head;       /* the header row, kept until the first data row is read */
    size_t *head_len, nhead;
} table_opts;

static int total_function(const char *name)
{
    static const char *const names[] = {"sum", "average", "count", "countNums", "min", "max", "stdDev", "var"};
    for (int i = 0; i < 8; i++)
        if (!strcmp(name, names[i]))
            return FAST_TABLE_TOTAL_SUM + i;
    return -1;
}

/* Keep the header row: which columns get totals depends on the first data row. */
static int keep_header(table_opts *t, const csv_record *rec)
{
    t->nhead = rec->count;
    t->head = calloc(rec->count ? rec->count : 1, sizeof *t->head);
    t->head_len = calloc(rec->count ? rec->count : 1, sizeof *t->head_len);
    if (!t->head || !t->head_len)
        return -1;
    for (size_t i = 0; i < rec->count; i++) {
        t->head[i] = malloc(rec->len[i] + 1);
        if (!t->head[i])
            return -1;
        memcpy(t->head[i], rec->field[i], rec->len[i]);
        t->head_len[i] = rec->len[i];
    }
    return 0;
}

static void free_header(table_opts *t)
{
    for (size_t i = 0; t->head && i < t->nhead; i++)
        free(t->head[i]);
    free(t->head);
    free(t->head_len);
    t->head = NULL;
}

/* Make the table and write its header row (bold), with totals for the columns
 * whose field in @first (the first data row; NULL: none) is a number. */
static fast_status begin_table(fast_workbook *wb, table_opts *t, const csv_record *first, const fast_format *bold)
{
    size_t n = t->nhead;
    if (n == 0)
        return FAST_OK; /* an empty header line: no table */
    fast_table *tb = NULL;
    fast_status st = fast_workbook_add_table(wb, t->name, t->name ? strlen(t->name) : 0, 0, 0, FAST_LAST_ROW,
                                             (uint32_t)n - 1, &tb);
    if (st == FAST_OK && t->style)
        st = !strcmp(t->style, "none") ? fast_table_set_style(tb, NULL, 0)
                                       : fast_table_set_style(tb, t->style, strlen(t->style));
    for (size_t i = 0; i < n && st == FAST_OK && t->totals != FAST_TABLE_TOTAL_NONE; i++) {
        when w;
        double num;
        field_kind k = first && i < first->count && !first->cut[i]
                           ? classify(first->field[i], first->len[i], &w, &num)
                           : FIELD_BLANK;
        if (k == FIELD_INTEGER || k == FIELD_DECIMAL)
            st = fast_table_set_total_function(tb, (uint32_t)i, t->totals);
        else if (i == 0)
            st = fast_table_set_total_label(tb, 0, "Total", 5);
    }
    fast_cells *head = st == FAST_OK ? fast_cells_new(n) : NULL;
    if (st == FAST_OK && !head)
        return FAST_ERROR_NOMEM;
    for (size_t i = 0; i < n && st == FAST_OK; i++) {
        if (t->head_len[i])
            fast_cells_set_string(head, i, t->head[i], t->head_len[i]);
        fast_cells_set_format(head, i, bold);
    }
    if (st == FAST_OK)
        st = fast_workbook_write_row(wb, head, n);
    fast_cells_free(head);
    return st;
}

/* ---- main -------------------------------------------------------------------- */

/* Whether @a is one of the options that take a value. */
static int takes_value(const char *a)
{
    static const char *const with_value[] = {"-o", "-d", "--sheet", "--rows-per-sheet", "--encoding",
                                             "--cell-references", "--table-style", "--totals"};
    for (size_t i = 0; i < sizeof with_value / sizeof with_value[0]; i++)
        if (!strcmp(a, with_value[i]))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *input = NULL, *output = NULL, *sheet = NULL, *encoding = NULL;
    int delim = ',', delim_given = 0, truncate = 0, all_references = 1, want_progress = 0;
    int landscape = 0, fit_width = 0, text_number_warnings = 0;
    unsigned long rows_per_sheet = FAST_MAX_ROWS;
    table_opts table = {0, NULL, NULL, FAST_TABLE_TOTAL_NONE, NULL, NULL, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (takes_value(a) && i + 1 >= argc) {
            fprintf(stderr, "%s: option '%s' needs a value\n", prog, a);
            usage(stderr);
            return 2;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
            printf("csv2xlsx (fastxlsx %s)\n", fast_version_string());
            return 0;
        } else if (!strcmp(a, "-o")) {
            output = argv[++i];
        } else if (!strcmp(a, "-d")) {
            const char *d = argv[++i];
            delim_given = 1;
            if (!strcmp(d, "tab") || !strcmp(d, "\\t"))
                delim = '\t';
            else if (strlen(d) == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r')
                delim = (unsigned char)d[0];
            else {
                fprintf(stderr, "%s: -d takes one character other than a quote or newline, or 'tab'\n", prog);
                return 2;
            }
        } else if (!strcmp(a, "--sheet")) {
            sheet = argv[++i];
        } else if (!strcmp(a, "--encoding")) {
            encoding = argv[++i];
        } else if (!strcmp(a, "--cell-references")) {
            const char *v = argv[++i];
            if (!strcmp(v, "all") || !strcmp(v, "compact"))
                all_references = !strcmp(v, "all");
            else {
                fprintf(stderr, "%s: --cell-references takes 'compact' or 'all'\n", prog);
                return 2;
            }
        } else if (!strcmp(a, "--table") || !strncmp(a, "--table=", 8)) {
            table.on = 1;
            table.name = a[7] == '=' ? a + 8 : NULL;
        } else if (!strcmp(a, "--table-style")) {
            table.on = 1;
            table.style = argv[++i];
        } else if (!strcmp(a, "--totals")) {
            table.on = 1;
            table.totals = total_function(argv[++i]);
            if (table.totals < 0) {
                fprintf(stderr, "%s: --totals takes sum, average, count, countNums, min, max, stdDev or var\n", prog);
                return 2;
            }
        } else if (!strcmp(a, "--truncate")) {
            truncate = 1;
        } else if (!strcmp(a, "--progress")) {
            want_progress = 1;
        } else if (!strcmp(a, "--landscape")) {
            landscape = 1;
        } else if (!strcmp(a, "--fit-width")) {
            fit_width = 1;
        } else if (!strcmp(a, "--text-number-warnings")) {
            text_number_warnings = 1;
        } else if (!strcmp(a, "--rows-per-sheet")) {
            char *end;
            errno = 0;
            rows_per_sheet = strtoul(argv[++i], &end, 10);
            if (errno || *end || rows_per_sheet < 2 || rows_per_sheet > FAST_MAX_ROWS) {
                fprintf(stderr, "%s: --rows-per-sheet takes a number from 2 to %u\n", prog, FAST_MAX_ROWS);
                return 2;
            }
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "%s: unknown option '%s'\n", prog, a);
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
    if (!delim_given && !from_stdin && (has_extension(input, ".tsv") || has_extension(input, ".tab")))
        delim = '\t';
    FILE *in = from_stdin ? stdin : fopen(input, "rb");
    if (!in) {
        fprintf(stderr, "%s: %s: %s\n", prog, input, strerror(errno));
        return 1;
    }
    const char *inname = from_stdin ? "<stdin>" : input;
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
    /* Never replace the input: the same file, whatever the names (stat follows
     * symbolic links; hard links share the inode). */
    struct stat si, so;
    if (!to_stdout && fstat(fileno(in), &si) == 0 && stat(output, &so) == 0 && si.st_dev == so.st_dev &&
        si.st_ino == so.st_ino) {
        fprintf(stderr, "%s: %s: the output would replace the input %s; name another output with -o\n", prog,
                output, inname);
        free(outbuf);
        if (!from_stdin)
            fclose(in);
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
    char err[300];
    csv_source *src = csv_source_new(in, encoding, err, sizeof err);
    csv_reader *r = src ? csv_reader_new(delim, csv_source_read, src) : NULL;
    if (!r) {
        fprintf(stderr, "%s: %s\n", prog, src ? "out of memory" : err);
        csv_source_free(src);
        free(outbuf);
        if (!from_stdin)
            fclose(in);
        return src ? 1 : 2;
    }
    /* Input that is not UTF-8 at all: refused before anything is written, with
     * the --encoding it needs. */
    const unsigned char *head = NULL;
    size_t headlen = encoding ? 0 : csv_source_head(src, &head);
    const char *why, *utf16 = guess_utf16(head, headlen, &why);
    if (utf16) {
        fprintf(stderr, "%s: %s looks like UTF-16, not UTF-8 (%s): convert it with --encoding %s\n", prog, inname,
                why, utf16);
        csv_reader_free(r);
        csv_source_free(src);
        free(outbuf);
        if (!from_stdin)
            fclose(in);
        return 1;
    }
    /* A field of more bytes holds more characters than a cell: store no more. */
    csv_reader_set_limits(r, FAST_MAX_COLUMNS, (size_t)FAST_MAX_STRING_CHARS * 4 + 1);

    catch_stop_signals();
    fast_workbook *wb = to_stdout ? fast_workbook_new_fd(STDOUT_FILENO) : fast_workbook_new(output);
    if (!wb) {
        int e = errno;
        fprintf(stderr, "%s: %s: %s\n", prog, to_stdout ? "standard output" : output, strerror(e));
        if (!to_stdout && (e == EACCES || e == EPERM || e == EROFS))
            hint_directory(output);
        csv_reader_free(r);
        csv_source_free(src);
        free(outbuf);
        if (!from_stdin)
            fclose(in);
        return 1;
    }
    fast_cells *cells = NULL;
    size_t ncells = 0;
    /* Per column: text that looks like a number was seen (its warnings are off). */
    unsigned char *marked = text_number_warnings ? NULL : calloc(FAST_MAX_COLUMNS, 1);
    progress prog_line = {0, 0, 0, 0, 0};
    prog_line.tty = isatty(STDERR_FILENO);
    prog_line.on = prog_line.tty || want_progress;
    prog_line.start = prog_line.last = seconds();

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
        st = fast_workbook_set_cell_references(wb, all_references);
    if (st == FAST_OK)
        st = fast_workbook_set_rows_per_sheet(wb, (uint32_t)rows_per_sheet);
    if (st == FAST_OK)
        st = fast_workbook_add_worksheet(wb, sheet, sheet_len);
    if (st == FAST_OK)
        st = fast_workbook_set_header_rows(wb, 1);
    if (st == FAST_OK)
        st = fast_workbook_freeze_panes(wb, 1, 0);
    /* Printed, the header row heads every page. */
    if (st == FAST_OK)
        st = fast_workbook_set_print_title_rows(wb, 0, 0);
    if (st == FAST_OK && landscape)
        st = fast_workbook_set_page_orientation(wb, FAST_LANDSCAPE);
    if (st == FAST_OK && fit_width)
        st = fast_workbook_set_fit_to_pages(wb, 1, 0);
    if (st == FAST_OK)
        st = fast_workbook_set_autofit_rows(wb, 1000);
    if (st == FAST_OK && !text_number_warnings && !marked)
        st = FAST_ERROR_NOMEM;
    unsigned long long records = 0, ragged = 0, cut = 0;
    unsigned long line = 0;
    size_t header_fields = 0;
    csv_record rec;
    while (st == FAST_OK && !stop_signal) {
        int got = csv_reader_next(r, &rec);
        if (got <= 0) {
            if (got < 0 && !stop_signal) { /* a signal interrupts a read from a pipe: not an error */
                progress_break(&prog_line);
                if (csv_reader_error(r) == CSV_ERROR_READ)
                    fprintf(stderr, "%s: %s: %s\n", prog, inname, csv_source_error(src));
                else
                    fprintf(stderr, "%s: %s: %s\n", prog, inname, csv_reader_message(r));
                rc = 1;
            }
            break;
        }
        records++;
        line = rec.line;
        if (prog_line.on && (records & 255) == 0)
            progress_show(&prog_line, records, csv_source_bytes_in(src), 0);
        char cb[16], nb[32], mb[32];
        if (rec.count > FAST_MAX_COLUMNS) {
            progress_break(&prog_line);
            fprintf(stderr, "%s: %s:%lu: the record has %s fields; a sheet holds at most %s columns\n", prog,
                    inname, line, grouped(rec.count, nb), grouped(FAST_MAX_COLUMNS, mb));
            rc = 1;
            break;
        }
        if (records == 1)
            header_fields = rec.count;
        else if (rec.count != header_fields)
            ragged++;
        /* Fields too long for a cell: an error, or cut on a character boundary. */
        for (size_t i = 0; i < rec.stored; i++) {
            size_t at;
            size_t chars = count_chars(rec.field[i], rec.len[i], FAST_MAX_STRING_CHARS, &at);
            if (!rec.cut[i] && chars <= FAST_MAX_STRING_CHARS)
                continue;
            if (!truncate) {
                progress_break(&prog_line);
                fprintf(stderr,
                        "%s: %s:%lu: field %zu (column %s) has %s%s characters; a cell holds at most %s "
                        "(--truncate cuts such fields)\n",
                        prog, inname, line, i + 1, column_name(i, cb), rec.cut[i] ? "more than " : "",
                        grouped(rec.cut[i] ? (unsigned long long)FAST_MAX_STRING_CHARS : chars, nb),
                        grouped(FAST_MAX_STRING_CHARS, mb));
                rc = 1;
                break;
            }
            rec.len[i] = at;
            rec.field[i][at] = 0;
            rec.cut[i] = 1; /* stays text */
            cut++;
        }
        if (rc)
            break;
        if (rec.count > ncells) {
            /* As wide as the widest record so far: clearing costs its width. */
            fast_cells_free(cells);
            ncells = rec.count;
            cells = fast_cells_new(ncells);
            if (!cells) {
                progress_break(&prog_line);
                fprintf(stderr, "%s: out of memory\n", prog);
                rc = 1;
                break;
            }
        }
        fast_cells_clear(cells);
        if (records == 1 && table.on) {
            if (keep_header(&table, &rec) != 0) {
                fprintf(stderr, "%s: out of memory\n", prog);
                rc = 1;
                break;
            }
            continue;
        }
        if (records == 1) {
            for (size_t i = 0; i < rec.count; i++) {
                if (rec.len[i])
                    fast_cells_set_string(cells, i, rec.field[i], rec.len[i]);
                fast_cells_set_format(cells, i, bold);
            }
            st = fast_workbook_write_row(wb, cells, rec.count);
            if (st == FAST_OK && rec.count > 0)
                st = fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, (uint32_t)rec.count - 1);
            continue;
        }
        if (records == 2 && table.on && (st = begin_table(wb, &table, &rec, bold)) != FAST_OK)
            break;
        fast_cells_clear(cells);
        for (size_t i = 0; i < rec.count; i++) {
            const char *s = rec.field[i];
            size_t n = rec.len[i];
            when w;
            double num;
            switch (rec.cut[i] ? FIELD_TEXT : classify(s, n, &w, &num)) {
            case FIELD_BLANK: break;
            case FIELD_INTEGER: fast_cells_set_integer(cells, i, parse_integer(s, n)); break;
            case FIELD_DECIMAL: fast_cells_set_number(cells, i, num); break;
            case FIELD_DATE: fast_cells_set_date(cells, i, w.year, w.month, w.day); break;
            case FIELD_DATETIME:
                fast_cells_set_datetime(cells, i, w.year, w.month, w.day, w.hour, w.minute, w.second, 0);
                break;
            case FIELD_TEXT:
                fast_cells_set_string(cells, i, s, n);
                /* Silence Excel's green triangles on the column from here on (this
                 * sheet and its continuations), once per column. */
                if (marked && i < FAST_MAX_COLUMNS && !marked[i] && st == FAST_OK && looks_numeric(s, n)) {
                    marked[i] = 1;
                    st = fast_workbook_ignore_errors(wb, 1, (uint32_t)i, FAST_LAST_ROW, (uint32_t)i,
                                                     FAST_IGNORE_NUMBER_STORED_AS_TEXT);
                }
                break;
            }
        }
        if (st == FAST_OK)
            st = fast_workbook_write_row(wb, cells, rec.count);
    }
    /* A table over a header alone. */
    if (st == FAST_OK && rc == 0 && table.on && records == 1)
        st = begin_table(wb, &table, NULL, bold);
    free_header(&table);
    /* A rejected row leaves the workbook usable, but the conversion stops there:
     * no close, so the output is not written (free removes the temporary file). */
    if (rc == 0 && (st != FAST_OK || stop_signal))
        progress_break(&prog_line); /* the message on a line of its own */
    if (stop_signal && st == FAST_OK) {
        fprintf(stderr, "%s: interrupted by %s after %llu %s%s\n", prog, signal_name(stop_signal), records,
                records == 1 ? "record" : "records",
                to_stdout ? "; standard output got an incomplete workbook" : "");
        rc = 128 + stop_signal;
    } else if (st != FAST_OK) {
        if (records > 0)
            fprintf(stderr, "%s: %s:%lu: %s (%s)\n", prog, inname, line, fast_workbook_error_message(wb),
                    fast_strerror(st));
        else
            fprintf(stderr, "%s: %s (%s)\n", prog, fast_workbook_error_message(wb), fast_strerror(st));
        if (st == FAST_ERROR_INVALID_UTF8 && !encoding && records > 0)
            hint_encoding(inname, head, headlen, &rec);
        rc = 1;
    } else if (rc == 0) {
        st = fast_workbook_close(wb);
        if (st != FAST_OK) {
            progress_break(&prog_line);
            fprintf(stderr, "%s: %s: %s (%s)\n", prog, inname, fast_workbook_error_message(wb),
                    fast_strerror(st));
            rc = 1;
        }
    }
    if (rc == 0) {
        if (prog_line.on)
            progress_show(&prog_line, records, csv_source_bytes_in(src), 1);
        char nb[32];
        const char *dest = to_stdout ? "standard output" : output;
        unsigned long long data = records > 0 ? records - 1 : 0,
                           per = rows_per_sheet - 1 - (table.totals != FAST_TABLE_TOTAL_NONE);
        unsigned long long sheets = data == 0 ? 1 : (data + per - 1) / per;
        fprintf(stderr, "%s: wrote %s %s to %s", prog, grouped(records, nb), records == 1 ? "row" : "rows",
                dest);
        if (sheets > 1) {
            fprintf(stderr, " in %s sheets:", grouped(sheets, nb));
            for (unsigned long long k = 1; k <= sheets; k++) {
                char name[FAST_MAX_SHEET_NAME_CHARS * 4 + 32];
                sheet_name_at(sheet, sheet_len, (unsigned long)k, name, sizeof name);
                fprintf(stderr, "%s '%s'", k > 1 ? "," : "", name);
            }
        }
        fputc('\n', stderr);
        if (ragged)
            fprintf(stderr, "%s: %s ragged %s (a number of fields other than the header's %zu)\n", prog,
                    grouped(ragged, nb), ragged == 1 ? "row" : "rows", header_fields);
        if (cut)
            fprintf(stderr, "%s: %s %s cut to %u characters (--truncate)\n", prog, grouped(cut, nb),
                    cut == 1 ? "field" : "fields", FAST_MAX_STRING_CHARS);
    } else if (!to_stdout && st != FAST_ERROR_NOT_DURABLE) { /* that one was written */
        fprintf(stderr, "%s: %s was not written\n", prog, output);
    }
    fast_workbook_free(wb); /* without a successful close this removes the temporary file */
    fast_cells_free(cells);
    free(marked);
    csv_reader_free(r);
    csv_source_free(src);
    free(outbuf);
    if (!from_stdin)
        fclose(in);
    if (rc > 128) { /* end by the signal itself, now that nothing is left behind */
        signal(rc - 128, SIG_DFL);
        raise(rc - 128);
    }
    return rc;
}
