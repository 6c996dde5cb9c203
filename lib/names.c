/*
 * names.c - worksheet names and the workbook's namespace of table (and defined)
 * names: Excel's rules for each, and one case-insensitive comparison.
 *
 * Excel compares these names without regard to case. The comparison here folds
 * each character with Unicode simple case folding (CaseFolding.txt, statuses C
 * and S) through utf8proc: a character whose full folding is one character is
 * folded to it (A -> a, Σ and ς -> σ); one whose full folding expands (ß -> ss,
 * ﬁ -> fi) is compared by its simple lower case instead (ẞ -> ß), so that names
 * match character for character, as Excel's own comparison does. ASCII takes a
 * shortcut. How Excel compares the rare characters that fold differently in its
 * own tables was not measured.
 */
#include "internal.h"
#include "names.h"
#include "workbook.h"
#include "xml.h"

#include <stdio.h>
#include <utf8proc.h>

/* Decode one code point of valid UTF-8 at *@p. */
static int32_t next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    if (c < 0x80) {
        *p = s + 1;
        return (int32_t)c;
    }
    if (c < 0xE0) {
        *p = s + 2;
        return (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
    }
    if (c < 0xF0) {
        *p = s + 3;
        return (int32_t)(((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F));
    }
    *p = s + 4;
    return (int32_t)(((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) |
                     (s[3] & 0x3F));
}

static int32_t fold(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    utf8proc_int32_t out[4];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(c, out, 4, UTF8PROC_CASEFOLD, &boundclass);
    if (n == 1)
        return out[0];
    return utf8proc_tolower(c);
}

int fx_name_compare(const char *a, size_t alen, const char *b, size_t blen)
{
    const unsigned char *p = (const unsigned char *)a, *pe = p + alen;
    const unsigned char *q = (const unsigned char *)b, *qe = q + blen;
    while (p < pe && q < qe) {
        int32_t c = fold(next_cp(&p)), d = fold(next_cp(&q));
        if (c != d)
            return c < d ? -1 : 1;
    }
    return p < pe ? 1 : q < qe ? -1 : 0;
}

int fx_name_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    return fx_name_compare(a, alen, b, blen) == 0;
}

/* ---- worksheet names ----------------------------------------------------------------- */

const fx_sheet *fx_sheet_name_in_use(const fast_workbook *wb, const char *name, size_t len)
{
    for (size_t i = 0; i < wb->nsheets; i++)
        if (fx_name_equal(wb->sheets[i].name, wb->sheets[i].name_len, name, len))
            return &wb->sheets[i];
    return NULL;
}

fast_status fx_sheet_check_name(fast_workbook *wb, const char *name, size_t len)
{
    const fx_sheet *other;
    size_t chars, bad;
    if (len == 0)
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME, "worksheet name is empty");
    if (!fx_utf8_check(name, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "worksheet name: invalid UTF-8 at byte %zu",
                         bad);
    int shown = len > 200 ? 200 : (int)len;
    if (chars > FAST_MAX_SHEET_NAME_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                         "worksheet name '%.*s' has %zu characters; at most 31 are allowed", shown, name,
                         chars);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7F)
            return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                             "worksheet name: control character 0x%02X at byte %zu is not allowed", c,
                             i + 1);
        if (strchr(":\\/?*[]", c) && c)
            return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                             "worksheet name '%.*s' contains '%c', which is not allowed (none of : \\ / ? * [ ])",
                             shown, name, c);
    }
    unsigned cp;
    size_t at = fx_has_xml_controls(name, len, &cp);
    if (at)
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                         "worksheet name: character U+%04X at byte %zu is not allowed (a noncharacter)", cp, at);
    if (name[0] == '\'' || name[len - 1] == '\'')
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                         "worksheet name '%.*s' starts or ends with an apostrophe", shown, name);
    if ((other = fx_sheet_name_in_use(wb, name, len)) != NULL)
        return fx_reject(&wb->err, FAST_ERROR_DUPLICATE_SHEET_NAME,
                         "worksheet name '%.*s' is already used by sheet '%s' (names are compared "
                         "case-insensitively)",
                         shown, name, other->name);
    return FAST_OK;
}

/* ---- defined names and table names ---------------------------------------------------- */

static int is_letter(int32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

/* Count ASCII digits from @s[*@i], at most 7 kept in *@value. */
static size_t digits(const char *s, size_t len, size_t *i, uint32_t *value)
{
    size_t n = 0;
    *value = 0;
    for (; *i < len && s[*i] >= '0' && s[*i] <= '9'; (*i)++, n++)
        if (n < 8)
            *value = *value * 10 + (uint32_t)(s[*i] - '0');
    return n;
}

/* 1 if @s is a cell reference in A1 form inside the grid: 1-3 letters up to XFD,
 * then a row 1..1048576. */
static int is_a1_ref(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t col = 0, row;
    while (i < len && i < 4 && (((unsigned char)s[i] | 32) >= 'a' && ((unsigned char)s[i] | 32) <= 'z'))
        col = col * 26 + (uint32_t)(((unsigned char)s[i++] | 32) - 'a' + 1);
    if (i == 0 || i > 3 || col > FAST_MAX_COLUMNS)
        return 0;
    size_t n = digits(s, len, &i, &row);
    return n > 0 && n <= 7 && i == len && row >= 1 && row <= FAST_MAX_ROWS;
}

/* 1 if @s is a reference in R1C1 form: R, C, Rn, Cn, RC, RnC, RCn, RnCn. */
static int is_r1c1_ref(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t v;
    if (i < len && (s[i] | 32) == 'r') {
        i++;
        digits(s, len, &i, &v);
    }
    if (i < len && (s[i] | 32) == 'c') {
        i++;
        digits(s, len, &i, &v);
    }
    return i > 0 && i == len;
}

int fx_defined_name_valid(const char *name, size_t len, char *why, size_t cap)
{
    size_t chars, bad;
    if (len == 0) {
        snprintf(why, cap, "the name is empty");
        return 0;
    }
    if (!fx_utf8_check(name, len, &chars, &bad)) {
        snprintf(why, cap, "invalid UTF-8 at byte %zu", bad);
        return 0;
    }
    if (chars > 255) {
        snprintf(why, cap, "%zu characters; at most 255 are allowed", chars);
        return 0;
    }
    const unsigned char *p = (const unsigned char *)name, *pe = p + len;
    for (size_t k = 1; p < pe; k++) {
        const unsigned char *at = p;
        int32_t c = next_cp(&p);
        int ok = is_letter(c) || c == '_' || c == '\\' || (k > 1 && (is_digit(c) || c == '.'));
        if (!ok) {
            snprintf(why, cap, "character %zu ('%.*s') is not allowed %s", k, (int)(p - at), (const char *)at,
                     k == 1 ? "first (a letter, '_' or '\\' must begin a name)"
                            : "(only letters, digits, '_', '.' and '\\')");
            return 0;
        }
    }
    if (is_a1_ref(name, len) || is_r1c1_ref(name, len)) {
        snprintf(why, cap, "it reads as a cell reference (A1 or R1C1 form)");
        return 0;
    }
    return 1;
}
