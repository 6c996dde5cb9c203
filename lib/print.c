/*
 * print.c - page setup and printing of a worksheet: the setters of the "Page
 * setup and printing" section of fastxlsx.h, the sheet's XML after its
 * hyperlinks (printOptions, pageMargins, pageSetup, headerFooter, rowBreaks,
 * colBreaks: ECMA-376 Part 1 §18.3.1.99 order), sheetPr/pageSetUpPr before
 * <dimension>, and the print area and titles as the workbook's _xlnm defined
 * names. Attributes are written in the order Excel writes them (XlsxWriter's
 * test files made by Excel).
 */
#include "internal.h"
#include "print.h"
#include "rules.h"
#include "xml.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

enum { NHF = 6 };

typedef struct fx_breaks {
    uint32_t *at; /* sorted, distinct */
    size_t n, cap;
} fx_breaks;

struct fx_print {
    int orientation;        /* 0: not set */
    uint32_t paper, scale;  /* 0: not set */
    int fit;                /* sheetPr/pageSetUpPr fitToPage */
    uint32_t fit_wide, fit_tall;
    int has_margins;
    double margin[6];       /* left, right, top, bottom, header, footer */
    int has_first_page;
    uint32_t first_page;
    unsigned options;       /* bit FAST_PRINT_* */
    char *hf[NHF];          /* FAST_HEADER_ODD..FAST_FOOTER_FIRST, NULL: none */
    size_t hf_len[NHF];
    int has_area;
    fx_range area;          /* as given: r2 may be FAST_LAST_ROW */
    uint32_t area_last;     /* its last row, resolved when the sheet ends */
    int has_title_rows, has_title_cols;
    uint32_t title_r1, title_r2, title_c1, title_c2;
    fx_breaks breaks[2];    /* FAST_BREAK_ROW, FAST_BREAK_COLUMN */
};

/* Excel's margins when none are set (inches). */
static const double default_margin[6] = {0.7, 0.7, 0.75, 0.75, 0.3, 0.3};

#define OPTION(o) (1u << (o))

/* The current sheet's settings, made on first use; NULL with the status in *@st. */
static fx_print *print_for(fast_workbook *wb, const char *fn, fx_sheet **out, fast_status *st)
{
    if (!wb) {
        *st = FAST_ERROR_INVALID_ARGUMENT;
        return NULL;
    }
    fx_sheet *sh = NULL;
    if ((*st = fx_rules_sheet(wb, fn, &sh)) != FAST_OK)
        return NULL;
    if (!sh->print && !(sh->print = calloc(1, sizeof *sh->print))) {
        *st = fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: sheet '%s': out of memory", fn, sh->name);
        return NULL;
    }
    if (out)
        *out = sh;
    return sh->print;
}

FAST_API fast_status fast_workbook_set_page_orientation(fast_workbook *wb, int orientation)
{
    static const char fn[] = "fast_workbook_set_page_orientation";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (orientation != FAST_PORTRAIT && orientation != FAST_LANDSCAPE)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': orientation %d is neither FAST_PORTRAIT nor FAST_LANDSCAPE", fn, sh->name,
                         orientation);
    p->orientation = orientation;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_paper_size(fast_workbook *wb, uint32_t paper)
{
    static const char fn[] = "fast_workbook_set_paper_size";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (paper > FAST_MAX_PAPER_SIZE)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': paper size %u is not 0..%u", fn,
                         sh->name, (unsigned)paper, FAST_MAX_PAPER_SIZE);
    p->paper = paper;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_print_scale(fast_workbook *wb, uint32_t percent)
{
    static const char fn[] = "fast_workbook_set_print_scale";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (percent != 0 && (percent < 10 || percent > 400))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': scale %u%% is outside 10..400 (0: none)", fn, sh->name, (unsigned)percent);
    p->scale = percent;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_fit_to_pages(fast_workbook *wb, uint32_t wide, uint32_t tall)
{
    static const char fn[] = "fast_workbook_set_fit_to_pages";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (sh->rows > 0)
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE,
                         "%s: sheet '%s' already has rows; this must come before its first row, because "
                         "sheetPr/pageSetUpPr is written before the rows (ECMA-376 Part 1 §18.3.1.99)",
                         fn, sh->name);
    if (wide > FAST_MAX_FIT_PAGES || tall > FAST_MAX_FIT_PAGES)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': %u pages wide by %u tall is beyond %u", fn, sh->name, (unsigned)wide,
                         (unsigned)tall, FAST_MAX_FIT_PAGES);
    p->fit = wide || tall;
    p->fit_wide = wide;
    p->fit_tall = tall;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_margins(fast_workbook *wb, double left, double right, double top,
                                               double bottom, double header, double footer)
{
    static const char fn[] = "fast_workbook_set_margins";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    const double m[6] = {left, right, top, bottom, header, footer};
    static const char *const what[6] = {"left", "right", "top", "bottom", "header", "footer"};
    for (int i = 0; i < 6; i++)
        if (!(m[i] >= 0 && m[i] <= FAST_MAX_MARGIN_INCHES)) /* NaN fails too */
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: sheet '%s': %s margin %g is not 0..%d inches", fn, sh->name, what[i], m[i],
                             FAST_MAX_MARGIN_INCHES);
    memcpy(p->margin, m, sizeof m);
    p->has_margins = 1;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_first_page_number(fast_workbook *wb, uint32_t number)
{
    static const char fn[] = "fast_workbook_set_first_page_number";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (number > FAST_MAX_FIRST_PAGE_NUMBER)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': page number %u is beyond %u", fn,
                         sh->name, (unsigned)number, FAST_MAX_FIRST_PAGE_NUMBER);
    p->has_first_page = number != 0;
    p->first_page = number;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_print_option(fast_workbook *wb, int option, int on)
{
    static const char fn[] = "fast_workbook_set_print_option";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (option < FAST_PRINT_BLACK_AND_WHITE || option > FAST_PRINT_HEADINGS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown print option %d", fn,
                         sh->name, option);
    if (on)
        p->options |= OPTION(option);
    else
        p->options &= ~OPTION(option);
    return FAST_OK;
}

/*
 * Check the codes of a header or footer: '&' followed by a section (L C R), a
 * field (P N D T F A Z G), a font style (B I U E S X Y O H), a size (digits),
 * a font ("name,style"), a colour (K and 6 hex digits, or a theme colour
 * K01+000), &+ / &- (page number offset), or && for a literal '&'. NULL if
 * good, else what is wrong at *@at (a byte offset).
 */
static const char *hf_codes(const char *s, size_t len, size_t *at)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '&')
            continue;
        *at = i;
        if (++i == len)
            return "a lone '&' at the end (write && for a literal '&')";
        char c = s[i];
        if (strchr("LCRPNDTFAZGBIUESXYOH&+-", c) && c)
            continue;
        if (c >= '0' && c <= '9') {
            while (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')
                i++;
            continue;
        }
        if (c == '"') {
            const char *q = memchr(s + i + 1, '"', len - i - 1);
            if (!q)
                return "a font name (&\"name,style\") without its closing '\"'";
            i = (size_t)(q - s);
            continue;
        }
        if (c == 'K') {
            size_t k = 0;
            while (k < 6 && i + 1 + k < len && isxdigit((unsigned char)s[i + 1 + k]))
                k++;
            if (k == 6 || (k == 2 && i + 3 < len && (s[i + 3] == '+' || s[i + 3] == '-'))) {
                i += k == 6 ? 6 : 2;
                continue;
            }
            return "a colour code &K without 6 hex digits (&KFF0000) or a theme colour (&K01+000)";
        }
        return "an unknown code after '&' (write && for a literal '&')";
    }
    return NULL;
}

FAST_API fast_status fast_workbook_set_header_footer(fast_workbook *wb, int which, const char *text, size_t len)
{
    static const char fn[] = "fast_workbook_set_header_footer";
    static const char *const names[NHF] = {"odd page header", "odd page footer", "even page header",
                                           "even page footer", "first page header", "first page footer"};
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (which < FAST_HEADER_ODD || which > FAST_FOOTER_FIRST)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': unknown header or footer %d", fn,
                         sh->name, which);
    if (!text && len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': NULL text of %zu bytes", fn,
                         sh->name, len);
    if ((st = fx_rules_check_text(wb, fn, names[which], sh, text, len, FAST_MAX_HEADER_FOOTER_CHARS)) != FAST_OK)
        return st;
    size_t at = 0;
    const char *why = hf_codes(text, len, &at);
    if (why)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': %s, byte %zu: %s", fn, sh->name,
                         names[which], at, why);
    char *copy = NULL;
    if (fx_rules_dup(text, len, &copy) != 0)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: sheet '%s': out of memory", fn, sh->name);
    free(p->hf[which]);
    p->hf[which] = copy;
    p->hf_len[which] = len;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_print_area(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col)
{
    static const char fn[] = "fast_workbook_set_print_area";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    fx_range r = {first_row, first_col, last_row, last_col};
    if ((st = fx_rules_check_range(wb, fn, sh, &r)) != FAST_OK)
        return st;
    p->has_area = 1;
    p->area = r;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_print_title_rows(fast_workbook *wb, uint32_t first_row, uint32_t last_row)
{
    static const char fn[] = "fast_workbook_set_print_title_rows";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (first_row == FAST_NO_TITLES) {
        p->has_title_rows = 0;
        return FAST_OK;
    }
    if (first_row > last_row || last_row >= FAST_MAX_ROWS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': rows %u..%u are out of bounds or reversed (0..%u, first <= last)", fn,
                         sh->name, (unsigned)first_row, (unsigned)last_row, FAST_MAX_ROWS - 1);
    p->has_title_rows = 1;
    p->title_r1 = first_row;
    p->title_r2 = last_row;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_print_title_columns(fast_workbook *wb, uint32_t first_col, uint32_t last_col)
{
    static const char fn[] = "fast_workbook_set_print_title_columns";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (first_col == FAST_NO_TITLES) {
        p->has_title_cols = 0;
        return FAST_OK;
    }
    if (first_col > last_col || last_col >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': columns %u..%u are out of bounds or reversed (0..%u, first <= last)", fn,
                         sh->name, (unsigned)first_col, (unsigned)last_col, FAST_MAX_COLUMNS - 1);
    p->has_title_cols = 1;
    p->title_c1 = first_col;
    p->title_c2 = last_col;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_add_page_break(fast_workbook *wb, int kind, uint32_t before)
{
    static const char fn[] = "fast_workbook_add_page_break";
    fast_status st;
    fx_sheet *sh;
    fx_print *p = print_for(wb, fn, &sh, &st);
    if (!p)
        return st;
    if (kind != FAST_BREAK_ROW && kind != FAST_BREAK_COLUMN)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: sheet '%s': kind %d is neither FAST_BREAK_ROW nor FAST_BREAK_COLUMN", fn, sh->name, kind);
    uint32_t max = kind == FAST_BREAK_ROW ? FAST_MAX_ROWS : FAST_MAX_COLUMNS;
    const char *what = kind == FAST_BREAK_ROW ? "row" : "column";
    if (before == 0 || before >= max)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': a break before %s %u is not 1..%u",
                         fn, sh->name, what, (unsigned)before, (unsigned)max - 1);
    fx_breaks *b = &p->breaks[kind];
    size_t i = 0;
    while (i < b->n && b->at[i] < before)
        i++;
    if (i < b->n && b->at[i] == before)
        return FAST_OK; /* already there */
    if (b->n == FAST_MAX_PAGE_BREAKS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: sheet '%s': more than %u %s page breaks", fn,
                         sh->name, FAST_MAX_PAGE_BREAKS, what);
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        uint32_t *at = realloc(b->at, cap * sizeof *at);
        if (!at)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: sheet '%s': out of memory", fn, sh->name);
        b->at = at;
        b->cap = cap;
    }
    memmove(b->at + i + 1, b->at + i, (b->n - i) * sizeof *b->at);
    b->at[i] = before;
    b->n++;
    return FAST_OK;
}

/* ---- the sheet's XML -------------------------------------------------------------- */

size_t fx_print_sheet_pr(const fx_sheet *sh, char *out)
{
    static const char pr[] = "<pageSetUpPr fitToPage=\"1\"/>";
    if (!sh->print || !sh->print->fit)
        return 0;
    memcpy(out, pr, sizeof pr - 1);
    return sizeof pr - 1;
}

static fast_status put(fx_xmlbuf *xb, const char *fmt, ...) FX_PRINTF(2, 3);
static fast_status put(fx_xmlbuf *xb, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return fx_xb_write(xb, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static int has_page_setup(const fx_print *p)
{
    return p->orientation || p->paper || p->scale || p->fit || p->has_first_page ||
           (p->options & (OPTION(FAST_PRINT_BLACK_AND_WHITE) | OPTION(FAST_PRINT_DRAFT) |
                          OPTION(FAST_PRINT_ACROSS_THEN_DOWN)));
}

static int has_hf(const fx_print *p)
{
    for (int i = 0; i < NHF; i++)
        if (p->hf[i])
            return 1;
    return 0;
}

static fast_status write_breaks(fx_xmlbuf *xb, const fx_breaks *b, const char *tag, uint32_t max)
{
    if (!b->n)
        return FAST_OK;
    fast_status st = put(xb, "<%s count=\"%zu\" manualBreakCount=\"%zu\">", tag, b->n, b->n);
    for (size_t i = 0; i < b->n && st == FAST_OK; i++)
        st = put(xb, "<brk id=\"%u\" max=\"%u\" man=\"1\"/>", (unsigned)b->at[i], (unsigned)max);
    if (st == FAST_OK)
        st = put(xb, "</%s>", tag);
    return st;
}

fast_status fx_print_write(fx_sheet *sh, fx_xmlbuf *xb, uint32_t rows)
{
    fx_print *p = sh->print;
    if (!p)
        return FAST_OK;
    if (p->has_area) /* resolved as the autofilter's is, for the defined name */
        p->area_last = p->area.r2 != FAST_LAST_ROW ? p->area.r2 : rows > p->area.r1 + 1 ? rows - 1 : p->area.r1;
    int setup = has_page_setup(p), hf = has_hf(p);
    unsigned shown = p->options & (OPTION(FAST_PRINT_CENTER_HORIZONTALLY) | OPTION(FAST_PRINT_CENTER_VERTICALLY) |
                                   OPTION(FAST_PRINT_GRIDLINES) | OPTION(FAST_PRINT_HEADINGS));
    if (!setup && !hf && !shown && !p->has_margins && !p->breaks[0].n && !p->breaks[1].n)
        return FAST_OK; /* a print area or titles only: the workbook part holds them */
    fast_status st = FAST_OK;
    if (shown) {
        st = put(xb, "<printOptions%s%s%s%s/>",
                 p->options & OPTION(FAST_PRINT_CENTER_HORIZONTALLY) ? " horizontalCentered=\"1\"" : "",
                 p->options & OPTION(FAST_PRINT_CENTER_VERTICALLY) ? " verticalCentered=\"1\"" : "",
                 p->options & OPTION(FAST_PRINT_HEADINGS) ? " headings=\"1\"" : "",
                 p->options & OPTION(FAST_PRINT_GRIDLINES) ? " gridLines=\"1\"" : "");
    }
    /* pageMargins: all six are required; Excel writes it on every sheet. */
    const double *m = p->has_margins ? p->margin : default_margin;
    char t[6][FX_DOUBLE_TEXT_MAX + 1];
    for (int i = 0; i < 6; i++)
        t[i][fx_double_to_text(m[i], t[i])] = 0;
    if (st == FAST_OK)
        st = put(xb, "<pageMargins left=\"%s\" right=\"%s\" top=\"%s\" bottom=\"%s\" header=\"%s\" footer=\"%s\"/>",
                 t[0], t[1], t[2], t[3], t[4], t[5]);
    if (st == FAST_OK && setup) {
        st = fx_xb_puts(xb, "<pageSetup");
        if (st == FAST_OK && p->paper)
            st = put(xb, " paperSize=\"%u\"", (unsigned)p->paper);
        if (st == FAST_OK && p->scale)
            st = put(xb, " scale=\"%u\"", (unsigned)p->scale);
        if (st == FAST_OK && p->has_first_page)
            st = put(xb, " firstPageNumber=\"%u\"", (unsigned)p->first_page);
        /* Both default to 1; 0 is "as many pages as needed". */
        if (st == FAST_OK && p->fit && p->fit_wide != 1)
            st = put(xb, " fitToWidth=\"%u\"", (unsigned)p->fit_wide);
        if (st == FAST_OK && p->fit && p->fit_tall != 1)
            st = put(xb, " fitToHeight=\"%u\"", (unsigned)p->fit_tall);
        if (st == FAST_OK && (p->options & OPTION(FAST_PRINT_ACROSS_THEN_DOWN)))
            st = fx_xb_puts(xb, " pageOrder=\"overThenDown\"");
        if (st == FAST_OK && p->orientation)
            st = fx_xb_puts(xb, p->orientation == FAST_LANDSCAPE ? " orientation=\"landscape\""
                                                                 : " orientation=\"portrait\"");
        if (st == FAST_OK && (p->options & OPTION(FAST_PRINT_BLACK_AND_WHITE)))
            st = fx_xb_puts(xb, " blackAndWhite=\"1\"");
        if (st == FAST_OK && (p->options & OPTION(FAST_PRINT_DRAFT)))
            st = fx_xb_puts(xb, " draft=\"1\"");
        if (st == FAST_OK && p->has_first_page)
            st = fx_xb_puts(xb, " useFirstPageNumber=\"1\"");
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "/>");
    }
    if (st == FAST_OK && hf) {
        static const char *const tags[NHF] = {"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader",
                                              "firstFooter"};
        int even = p->hf[FAST_HEADER_EVEN] || p->hf[FAST_FOOTER_EVEN];
        int first = p->hf[FAST_HEADER_FIRST] || p->hf[FAST_FOOTER_FIRST];
        st = put(xb, "<headerFooter%s%s>", even ? " differentOddEven=\"1\"" : "", first ? " differentFirst=\"1\"" : "");
        for (int i = 0; i < NHF && st == FAST_OK; i++) {
            if (!p->hf[i])
                continue;
            st = put(xb, "<%s>", tags[i]);
            if (st == FAST_OK)
                st = fx_xml_write_escaped(xb, p->hf[i], p->hf_len[i], 0);
            if (st == FAST_OK)
                st = put(xb, "</%s>", tags[i]);
        }
        if (st == FAST_OK)
            st = fx_xb_puts(xb, "</headerFooter>");
    }
    /* max: the last column (row) the break spans, as Excel writes it. */
    if (st == FAST_OK)
        st = write_breaks(xb, &p->breaks[FAST_BREAK_ROW], "rowBreaks", FAST_MAX_COLUMNS - 1);
    if (st == FAST_OK)
        st = write_breaks(xb, &p->breaks[FAST_BREAK_COLUMN], "colBreaks", FAST_MAX_ROWS - 1);
    return st;
}

/* ---- the workbook's defined names --------------------------------------------------- */

/* @r1..@r2 and @c1..@c2 (0-based) as $A$1:$B$2, the sheet's reference before it. */
static void area_ref(fx_strbuf *t, const fx_sheet *sh, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2)
{
    char buf[64], a[FX_COL_NAME_MAX + 1], b[FX_COL_NAME_MAX + 1];
    a[fx_col_name(c1, a)] = 0;
    b[fx_col_name(c2, b)] = 0;
    fx_strbuf_sheet_ref(t, sh->name, sh->name_len);
    snprintf(buf, sizeof buf, "$%s$%u:$%s$%u", a, (unsigned)r1 + 1, b, (unsigned)r2 + 1);
    fx_strbuf_puts(t, buf);
}

void fx_print_names(const fx_sheet *sh, fx_strbuf *area, fx_strbuf *titles)
{
    const fx_print *p = sh->print;
    if (!p)
        return;
    if (p->has_area)
        area_ref(area, sh, p->area.r1, p->area.c1, p->area_last, p->area.c2);
    /* Columns first, then rows, comma-separated, as Excel writes them. */
    char buf[64], a[FX_COL_NAME_MAX + 1], b[FX_COL_NAME_MAX + 1];
    if (p->has_title_cols) {
        a[fx_col_name(p->title_c1, a)] = 0;
        b[fx_col_name(p->title_c2, b)] = 0;
        fx_strbuf_sheet_ref(titles, sh->name, sh->name_len);
        snprintf(buf, sizeof buf, "$%s:$%s%s", a, b, p->has_title_rows ? "," : "");
        fx_strbuf_puts(titles, buf);
    }
    if (p->has_title_rows) {
        fx_strbuf_sheet_ref(titles, sh->name, sh->name_len);
        snprintf(buf, sizeof buf, "$%u:$%u", (unsigned)p->title_r1 + 1, (unsigned)p->title_r2 + 1);
        fx_strbuf_puts(titles, buf);
    }
}

/* ---- continuation sheets and cleanup ---------------------------------------------------- */

fast_status fx_print_carry(fast_workbook *wb, const fx_sheet *from, fx_sheet *to)
{
    const fx_print *p = from->print;
    if (!p)
        return FAST_OK;
    fx_print *q = calloc(1, sizeof *q);
    int nomem = !q;
    if (q) {
        *q = *p;
        memset(q->breaks, 0, sizeof q->breaks); /* breaks are at rows of that sheet */
        q->has_area = p->has_area && p->area.r2 == FAST_LAST_ROW;
        for (int i = 0; i < NHF; i++)
            if (p->hf[i] && fx_rules_dup(p->hf[i], p->hf_len[i], &q->hf[i]) != 0) {
                q->hf[i] = NULL;
                nomem = 1;
            }
        to->print = q;
    }
    if (nomem)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "sheet '%s': out of memory copying the page setup", to->name);
    return FAST_OK;
}

void fx_print_free(fx_sheet *sh)
{
    fx_print *p = sh->print;
    if (!p)
        return;
    for (int i = 0; i < NHF; i++)
        free(p->hf[i]);
    free(p->breaks[0].at);
    free(p->breaks[1].at);
    free(p);
    sh->print = NULL;
}
