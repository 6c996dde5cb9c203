/*
 * reference.c - references in the formula grammar (ECMA-376 Part 1 §18.17.2):
 * when a sheet name needs quotes, and A1 cell and range references. Used for
 * the locations of internal hyperlinks (§18.3.1.47).
 */
#include "internal.h"
#include "reference.h"

static int ascii_ieq(const char *s, size_t len, const char *upper)
{
    size_t i = 0;
    for (; i < len && upper[i]; i++)
        if ((s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]) != upper[i])
            return 0;
    return i == len && !upper[i];
}

int fx_sheet_name_needs_quotes(const char *name, size_t len)
{
    size_t letters = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        int alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        int digit = c >= '0' && c <= '9';
        if (!alpha && !digit && c != '_' && c != '.')
            return 1;
        if (alpha && digits == 0 && letters == i)
            letters++;
        else if (digit && letters > 0 && letters + digits == i)
            digits++;
    }
    unsigned char c0 = (unsigned char)name[0];
    if ((c0 >= '0' && c0 <= '9') || c0 == '.')
        return 1;
    if (letters >= 1 && letters <= 3 && digits > 0 && letters + digits == len)
        return 1; /* A1, xfd7 */
    /* R1C1 form: R, C, R12, C3, RC, R1C1 */
    size_t i = 0;
    if (i < len && (name[i] == 'R' || name[i] == 'r'))
        for (i++; i < len && name[i] >= '0' && name[i] <= '9'; i++) {
        }
    if (i < len && (name[i] == 'C' || name[i] == 'c'))
        for (i++; i < len && name[i] >= '0' && name[i] <= '9'; i++) {
        }
    if (i == len)
        return 1;
    return ascii_ieq(name, len, "TRUE") || ascii_ieq(name, len, "FALSE");
}

/* Parse [$]COL[$]ROW at @s, appending it upper-cased to @out at *@out_len;
 * returns the bytes read, or 0 if there is no reference there. */
static size_t parse_cell_ref(const char *s, size_t len, char *out, size_t *out_len)
{
    size_t i = 0, k = *out_len;
    uint32_t col = 0, row = 0;
    if (i < len && s[i] == '$')
        out[k++] = s[i++];
    size_t c0 = i;
    for (; i < len && i - c0 < 4 && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')); i++) {
        char u = (char)(s[i] >= 'a' ? s[i] - 32 : s[i]);
        col = col * 26 + (uint32_t)(u - 'A' + 1);
        out[k++] = u;
    }
    if (i == c0 || col > FAST_MAX_COLUMNS)
        return 0;
    if (i < len && s[i] == '$')
        out[k++] = s[i++];
    size_t r0 = i;
    for (; i < len && i - r0 < 8 && s[i] >= '0' && s[i] <= '9'; i++) {
        row = row * 10 + (uint32_t)(s[i] - '0');
        out[k++] = s[i];
    }
    if (i == r0 || s[r0] == '0' || row > FAST_MAX_ROWS)
        return 0;
    *out_len = k;
    return i;
}

size_t fx_parse_range_ref(const char *s, size_t len, char *out)
{
    if (len > FX_RANGE_REF_MAX - 1)
        return 0;
    size_t n = 0, used = parse_cell_ref(s, len, out, &n);
    if (used && used < len && s[used] == ':') {
        out[n++] = ':';
        size_t more = parse_cell_ref(s + used + 1, len - used - 1, out, &n);
        used = more ? used + 1 + more : 0;
    }
    return used && used == len ? n : 0;
}
