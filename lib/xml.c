/*
 * xml.c - UTF-8 checking, SpreadsheetML escaping, A1 names and number text.
 */
#include "internal.h"
#include "dtoa.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#if defined(__SSE2__) && !defined(FX_NO_SSE2)
#include <emmintrin.h>
#endif

/* Copy @n bytes, without a call for short copies. */
static inline void copy_bytes(char *d, const unsigned char *s, size_t n)
{
    if (n - 1 < 32)
        fx_copy_short(d, s, n);
    else if (n)
        memcpy(d, s, n);
}

int fx_utf8_check(const char *str, size_t len, size_t *chars, size_t *bad_byte)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, n = 0;

    while (i < len) {
        /* ASCII runs are the common case: take eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
            n += 8;
        }
        if (i >= len)
            break;
        if (len - i < 8) { /* the last bytes, in one word padded with zeros */
            uint64_t w = fx_load_upto8(s + i, len - i);
            if (!(w & 0x8080808080808080ull)) {
                n += len - i;
                break;
            }
        }
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            n++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            goto bad; /* continuation byte, C0/C1 overlong lead, or F5..FF */
        }
        if (len - i <= need)
            goto bad;
        if (s[i + 1] < lo || s[i + 1] > hi)
            goto bad;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                goto bad;
        i += need + 1;
        n++;
    }
    *chars = n;
    return 1;
bad:
    *bad_byte = i + 1;
    return 0;
}

/*
 * Byte classes for escaping: 0 copies through; anything else needs a look.
 * '"' is special only in attributes, '_' only before "xHHHH_", 0xEF only as the
 * lead of U+FFFE / U+FFFF.
 */
static const unsigned char special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, /* 0x00-0x0F: tab, LF pass */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10-0x1F */
    0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' '&' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, /* '<' '>' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* '_' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* 0xEF */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static const char hex_upper[] = "0123456789ABCDEF";

/*
 * The length of the run of bytes at the start of @s[0..n) that certainly need no
 * escaping: stops at the first byte below 0x20, at & < > " _, and at any byte
 * of 0x80 or more (a look at the table decides about those), 16 or 8 bytes at a
 * time. In each word, a byte is flagged by subtracting and masking (the
 * "has a zero byte" test applied to x ^ c): a borrow can flag a byte above a
 * flagged one but never below it, so the lowest flag is always real.
 */
static size_t plain_run(const unsigned char *s, size_t n)
{
#if defined(__SSE2__) && !defined(FX_NO_SSE2)
    /* SSE2 (always there on x86-64): sixteen bytes per step. A signed compare
     * with 0x20 flags the controls and every byte of 0x80 or more at once. The
     * last bytes are put together from loads that stay inside @s, padded with
     * 'a', which is never flagged. */
    const uint64_t pad = 0x6161616161616161ull;
    const __m128i c20 = _mm_set1_epi8(0x20), c02 = _mm_set1_epi8(0x02), c04 = _mm_set1_epi8(0x04);
    const __m128i c3e = _mm_set1_epi8(0x3E), c26 = _mm_set1_epi8(0x26), cus = _mm_set1_epi8('_');
    for (size_t i = 0; i < n; i += 16) {
        size_t left = n - i;
        __m128i x;
        if (left >= 16) {
            x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        } else {
            uint64_t lo, hi;
            if (left >= 8) {
                memcpy(&lo, s + i, 8);
                hi = fx_load_upto8(s + i + 8, left - 8) | pad << (8 * (left - 8));
            } else {
                lo = fx_load_upto8(s + i, left) | pad << (8 * left);
                hi = pad;
            }
            x = _mm_set_epi64x((long long)hi, (long long)lo);
        }
        __m128i m = _mm_or_si128(_mm_cmplt_epi8(x, c20), _mm_cmpeq_epi8(x, cus));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(x, c04), c26)); /* '"' and '&' */
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(x, c02), c3e)); /* '<' and '>' */
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) {
            size_t at = i + (size_t)__builtin_ctz(bits);
            return at < n ? at : n;
        }
    }
    return n;
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t i = 0;
    for (;;) {
        uint64_t x;
        if (n - i >= 8)
            memcpy(&x, s + i, 8);
        else /* padded with 'a', which is never flagged */
            x = fx_load_upto8(s + i, n - i) | (ones * 'a') << (8 * (n - i));
        uint64_t ctl = (x - ones * 0x20) & ~x;    /* bytes < 0x20 */
        uint64_t q = (x | ones * 0x04) ^ (ones * 0x26); /* '"' and '&' */
        uint64_t a = (x | ones * 0x02) ^ (ones * 0x3E); /* '<' and '>' */
        uint64_t u = x ^ (ones * '_');
        uint64_t m = (ctl | ((q - ones) & ~q) | ((a - ones) & ~a) | ((u - ones) & ~u) | x) & high;
        if (m) {
            i += (size_t)__builtin_ctzll(m) >> 3;
            return i < n ? i : n;
        }
        if (n - i <= 8)
            return n;
        i += 8;
    }
#else
    size_t i = 0;
    while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '&' && s[i] != '<' && s[i] != '>' && s[i] != '"' &&
           s[i] != '_')
        i++;
    return i;
#endif
}

static int is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* 1 if the character at @p (@n > 0 bytes left) is written as _xHHHH_: a C0
 * control other than tab, LF and CR, or U+FFFE / U+FFFF. */
static int starts_escape(const unsigned char *p, size_t n)
{
    if (p[0] < 0x20)
        return p[0] != '\t' && p[0] != '\n' && p[0] != '\r';
    return p[0] == 0xEF && n >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
}

/* Write _xHHHH_ for the code point @cp; room must be reserved. */
static void put_xhhhh(fx_xmlbuf *xb, unsigned cp)
{
    char *p = fx_xb_tail(xb);
    p[0] = '_';
    p[1] = 'x';
    p[2] = hex_upper[(cp >> 12) & 15];
    p[3] = hex_upper[(cp >> 8) & 15];
    p[4] = hex_upper[(cp >> 4) & 15];
    p[5] = hex_upper[cp & 15];
    p[6] = '_';
    xb->len += 7;
}

fast_status fx_xml_write_escaped(fx_xmlbuf *xb, const char *str, size_t len, int attr)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    fast_status st;

    while (i < len) {
        /* Copy the longest run of ordinary bytes that fits. */
        size_t start = i;
        for (;;) {
            i += plain_run(s + i, len - i);
            if (i < len && (special[s[i]] == 0 || (special[s[i]] == 2 && !attr)))
                i++;
            else
                break;
        }
        while (start < i) {
            size_t room = xb->cap - xb->len;
            if (room == 0) {
                if ((st = fx_xb_flush(xb)) != FAST_OK)
                    return st;
                room = xb->cap - xb->len;
            }
            size_t n = i - start < room ? i - start : room;
            copy_bytes(fx_xb_tail(xb), s + start, n);
            xb->len += n;
            start += n;
        }
        if (i >= len)
            break;
        if ((st = fx_xb_reserve(xb, 16)) != FAST_OK)
            return st;
        unsigned char c = s[i];
        switch (c) {
        case '&':
            FX_XB_LIT(xb, "&amp;");
            i++;
            break;
        case '<':
            FX_XB_LIT(xb, "&lt;");
            i++;
            break;
        case '>':
            FX_XB_LIT(xb, "&gt;");
            i++;
            break;
        case '"':
            FX_XB_LIT(xb, "&quot;");
            i++;
            break;
        case '\r':
            /* XML can carry CR as a character reference, which every XML parser
             * restores, also in readers that do not decode _xHHHH_. */
            FX_XB_LIT(xb, "&#13;");
            i++;
            break;
        case '_':
            /* A decoder reads _xHHHH_ wherever the output has it, so "_x" and four
             * hex digits are protected whenever the next byte written is '_': a
             * literal '_' or the start of an escape of the next character. */
            if (len - i >= 7 && s[i + 1] == 'x' && is_hex(s[i + 2]) && is_hex(s[i + 3]) &&
                is_hex(s[i + 4]) && is_hex(s[i + 5]) &&
                (s[i + 6] == '_' || starts_escape(s + i + 6, len - i - 6)))
                FX_XB_LIT(xb, "_x005F_"); /* the rest follows as ordinary text */
            else
                FX_XB_LIT(xb, "_");
            i++;
            break;
        case 0xEF:
            /* U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
            if (len - i >= 3 && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
                put_xhhhh(xb, s[i + 2] == 0xBE ? 0xFFFEu : 0xFFFFu);
                i += 3;
            } else {
                *fx_xb_tail(xb) = (char)c;
                xb->len++;
                i++;
            }
            break;
        default: /* C0 controls other than tab, LF and CR */
            put_xhhhh(xb, c);
            i++;
            break;
        }
    }
    return FAST_OK;
}

fast_status fx_xml_write_plain(fx_xmlbuf *xb, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        const char *ref = NULL;
        if (i < len) {
            switch (s[i]) {
            case '&': ref = "&amp;"; break;
            case '<': ref = "&lt;"; break;
            case '>': ref = "&gt;"; break;
            case '"': ref = "&quot;"; break;
            case '\t': ref = "&#9;"; break;
            case '\n': ref = "&#10;"; break;
            case '\r': ref = "&#13;"; break;
            default: continue;
            }
        }
        fast_status st = fx_xb_write(xb, s + start, i - start);
        if (st == FAST_OK && ref)
            st = fx_xb_puts(xb, ref);
        if (st != FAST_OK)
            return st;
        start = i + 1;
    }
    return FAST_OK;
}

size_t fx_has_xml_controls(const char *str, size_t len, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            if (cp)
                *cp = c;
            return i + 1;
        }
        /* U+FFFE and U+FFFF are EF BF BE and EF BF BF (XML 1.0 §2.2 Char). */
        if (c == 0xEF && len - i >= 3 && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
            if (cp)
                *cp = s[i + 2] == 0xBE ? 0xFFFEu : 0xFFFFu;
            return i + 1;
        }
    }
    return 0;
}

int fx_xml_needs_preserve(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    unsigned char a = (unsigned char)s[0], z = (unsigned char)s[len - 1];
    return a == ' ' || a == '\t' || a == '\n' || a == '\r' || z == ' ' || z == '\t' ||
           z == '\n' || z == '\r';
}

size_t fx_col_name(uint32_t col0, char *out)
{
    /* Bijective base 26: A..Z, AA..ZZ, AAA..XFD. */
    uint32_t n = col0 + 1;
    char tmp[FX_COL_NAME_MAX + 1];
    size_t k = 0;
    while (n > 0 && k < sizeof tmp) {
        uint32_t r = (n - 1) % 26;
        tmp[k++] = (char)('A' + r);
        n = (n - 1) / 26;
    }
    for (size_t j = 0; j < k; j++)
        out[j] = tmp[k - 1 - j];
    return k;
}

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* fx_u64_to_text() for values below 2^32, in 32-bit arithmetic (cheaper division by constants). */
static size_t u32_to_text(uint32_t v, char *out)
{
    size_t n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6
             : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
    char *p = out + n;
    while (v >= 100) {
        unsigned d = (v % 100) * 2;
        v /= 100;
        *--p = digit_pairs[d + 1];
        *--p = digit_pairs[d];
    }
    if (v >= 10) {
        *--p = digit_pairs[v * 2 + 1];
        *--p = digit_pairs[v * 2];
    } else {
        *--p = (char)('0' + v);
    }
    return n;
}

size_t fx_u64_to_text(uint64_t v, char *out)
{
    if (v <= UINT32_MAX)
        return u32_to_text((uint32_t)v, out);
    /* Count the digits (four per division), then fill from the end, two at a time. */
    size_t n = 1;
    for (uint64_t t = v;; t /= 10000, n += 4) {
        if (t < 10)
            break;
        if (t < 100) {
            n += 1;
            break;
        }
        if (t < 1000) {
            n += 2;
            break;
        }
        if (t < 10000) {
            n += 3;
            break;
        }
    }
    char *p = out + n;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        *--p = digit_pairs[d + 1];
        *--p = digit_pairs[d];
    }
    if (v >= 10) {
        *--p = digit_pairs[v * 2 + 1];
        *--p = digit_pairs[v * 2];
    } else {
        *--p = (char)('0' + v);
    }
    return n;
}

size_t fx_i64_to_text(int64_t v, char *out)
{
    if (v < 0) {
        out[0] = '-';
        /* Negate in unsigned arithmetic so INT64_MIN is safe. */
        return 1 + fx_u64_to_text((uint64_t)0 - (uint64_t)v, out + 1);
    }
    return fx_u64_to_text((uint64_t)v, out);
}

/*
 * Numbers with at most four decimals between 0.001 and 10^11 (amounts, prices,
 * measurements) without the general shortest-round-trip path, with the same
 * text. For the fewest decimals d whose nearest multiple m of 10^-d reads back
 * as @a (m / 10^d, both exact, rounds as reading the text would), the text of m
 * 10^-d is the shortest: below 10^11 the ulp is under 2^-16, so any decimal
 * with fewer decimals that read back as @a would have been found at its own d,
 * and no other multiple of 10^-d, d <= 4, is as close. Returns 0 if none fits.
 */
static size_t short_decimal(double v, char *out)
{
    double a = v < 0 ? -v : v;
    if (!(a >= 1e-3 && a < 1e11))
        return 0;
    /* Whichever d <= 4 reads back, m at d = 4 is that m times 10^(4 - d) (the
     * same number), so one test at d = 4 and dropping trailing zeros find it. */
    double m = (double)(uint64_t)(a * 10000 + 0.5);
    if (m / 10000 != a)
        return 0;
    uint64_t mi = (uint64_t)m;
    uint64_t ip = mi / 10000;
    unsigned fp = (unsigned)(mi % 10000), d = 4;
    while (d > 0 && fp % 10 == 0) {
        fp /= 10;
        d--;
    }
    size_t n = 0;
    if (v < 0)
        out[n++] = '-';
    n += fx_u64_to_text(ip, out + n);
    if (d) {
        out[n] = '.';
        for (unsigned k = d; k > 0; k--, fp /= 10)
            out[n + k] = (char)('0' + fp % 10);
        n += d + 1;
    }
    return n;
}

size_t fx_double_to_text(double v, char *out)
{
    size_t n = short_decimal(v, out);
    return n ? n : fx_dtoa_shortest(v, out);
}

fast_status fx_xml_write_attr(fx_xmlbuf *xb, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '\t' && s[i] != '\n')
            continue;
        fast_status st = fx_xml_write_escaped(xb, s + start, i - start, 1);
        if (st == FAST_OK && i < len)
            st = s[i] == '\t' ? fx_xb_write(xb, "&#9;", 4) : fx_xb_write(xb, "&#10;", 5);
        if (st != FAST_OK)
            return st;
        start = i + 1;
    }
    return FAST_OK;
}
