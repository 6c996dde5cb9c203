/*
 * xml.h - text pieces of SpreadsheetML: UTF-8 checking, escaping, A1 column
 * names and locale-independent number text.
 */
#ifndef FX_XML_H
#define FX_XML_H

#include "internal.h"
#include "xmlbuf.h"

/*
 * Check that @s[0..len) is well-formed UTF-8 (RFC 3629 §4). On success returns 1
 * and stores the number of code points in *@chars. On failure returns 0 and
 * stores in *@bad_byte the 1-based position of the first byte of the offending
 * sequence.
 */
int fx_utf8_check(const char *s, size_t len, size_t *chars, size_t *bad_byte);

/* The longest text the short-text checks below take. */
#define FX_XML_SHORT_MAX 32

/* 1 if @s, 0..FX_XML_SHORT_MAX bytes, is all ASCII (valid UTF-8 of @len
 * characters), without a call: the check most cell texts need. */
static inline int fx_ascii_short(const char *s, size_t len)
{
    if (len > FX_XML_SHORT_MAX)
        return 0;
    if (len < 8)
        return (fx_load_upto8(s, len) & 0x8080808080808080ull) == 0;
    uint64_t w, m;
    memcpy(&m, s + len - 8, 8);
    for (size_t i = 0; i + 8 < len; i += 8) {
        memcpy(&w, s + i, 8);
        m |= w;
    }
    return (m & 0x8080808080808080ull) == 0;
}

/*
 * Append @s as XML character data (element content) or, with @attr, as the
 * content of a "-delimited attribute value. Escapes & < > (and " in attributes),
 * writes CR as the character reference &#13; (so XML line-end handling keeps it,
 * and readers that do not decode _xHHHH_ see it too), writes the characters
 * XML 1.0 cannot hold at all as _xHHHH_, and protects a literal
 * "_x" + 4 hex digits as "_x005F_x" + the digits wherever the next byte written
 * would be '_' (a literal '_', or the _xHHHH_ of the next character), so that a
 * decoder applying ECMA-376 Part 1 §22.9.2.19 gives back exactly @s. @s must be
 * valid UTF-8 and one whole value: a piece ending in "_xHHHH" must not be
 * continued by another call that starts with '_' or an escaped character.
 */
fast_status fx_xml_write_escaped(fx_xmlbuf *xb, const char *s, size_t len, int attr);

/*
 * Append @s as the content of a "-delimited attribute that is an ST_Xstring,
 * like fx_xml_write_escaped() with @attr, but with tab and line feed written as
 * character references (&#9; &#10;), which attribute-value normalization would
 * otherwise turn into spaces: for number format codes, and the titles and
 * messages of data validations.
 */
fast_status fx_xml_write_attr(fx_xmlbuf *xb, const char *s, size_t len);

/*
 * Append @s as plain XML text or "-delimited attribute content, for values that
 * are not ST_Xstring (URIs, Dublin Core text): & < > " are escaped and tab, LF
 * and CR become character references, so neither attribute normalization nor
 * line-end handling changes them; no _xHHHH_ processing. @s must be valid UTF-8
 * without other C0 controls.
 */
fast_status fx_xml_write_plain(fx_xmlbuf *xb, const char *s, size_t len);

/*
 * The 1-based byte position of the first character of @s (valid UTF-8) that
 * text outside ST_Xstring cannot carry, or 0 if there is none: a C0 control
 * other than tab, LF and CR, DEL, or U+FFFE / U+FFFF (XML 1.0 §2.2 excludes all
 * but DEL; DEL is refused as a control). Its code point goes to *@cp (if not NULL).
 */
size_t fx_has_xml_controls(const char *s, size_t len, unsigned *cp);

/* 1 if @s starts or ends with white space that XML would not preserve on its own. */
int fx_xml_needs_preserve(const char *s, size_t len);

/* The bytes of @x that hold one of < > & ", a byte below 0x20 or one of 0x80
 * or more (those fx_xml_write_escaped() may have to change, '_' aside), and
 * the '_' bytes that the byte after them in @next (@x's bytes moved down by
 * one) makes "_x", which may need one too. Each is the "has a zero byte" test
 * on x ^ c: it flags every such byte (and a borrow can flag a byte above one),
 * so a word without them gives 0. */
static inline uint64_t fx_xml_flag_word(uint64_t x, uint64_t next)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t ctl = (x - ones * 0x20) & ~x;
    uint64_t q = (x | ones * 0x04) ^ (ones * 0x26); /* '"' and '&' */
    uint64_t a = (x | ones * 0x02) ^ (ones * 0x3E); /* '<' and '>' */
    uint64_t u = x ^ (ones * '_'), v = next ^ (ones * 'x');
    return (ctl | ((q - ones) & ~q) | ((a - ones) & ~a) | (((u - ones) & ~u) & ((v - ones) & ~v)) | x) & high;
}

/*
 * 1 if @s, 1..FX_XML_SHORT_MAX bytes, is written as it is in element text:
 * nothing to escape (ASCII without < > & " and controls, no "_x") and no space
 * at either end that would need xml:space. The short strings of most cells
 * then skip fx_xml_write_escaped()'s general loop.
 */
static inline int fx_xml_short_plain(const char *s, size_t len)
{
    if (len - 1 >= FX_XML_SHORT_MAX)
        return 0;
    uint64_t m, w, next;
    if (len >= 8) {
        /* The last eight bytes; the last has no byte after it. */
        memcpy(&w, s + len - 8, 8);
        m = fx_xml_flag_word(w, w >> 8);
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&w, s + i, 8);
            memcpy(&next, s + i + 1, 8); /* i + 9 <= len */
            m |= fx_xml_flag_word(w, next);
        }
    } else {
        /* padded with 'a', which is never flagged */
        w = fx_load_upto8(s, len) | 0x6161616161616161ull << (8 * len);
        m = fx_xml_flag_word(w, w >> 8);
    }
    return m == 0 && s[0] != ' ' && s[len - 1] != ' ';
}

/* Longest column name ("XFD") and row number text ("1048576"). */
#define FX_COL_NAME_MAX 3
#define FX_A1_MAX 10

/* Write the name of the 0-based column @col0 (< FAST_MAX_COLUMNS) to @out, no NUL;
 * returns its length. */
size_t fx_col_name(uint32_t col0, char *out);

/* Write @v in decimal to @out (at least 20 bytes), no NUL; returns the length. */
size_t fx_u64_to_text(uint64_t v, char *out);
/* Same for a signed value (at least 21 bytes). */
size_t fx_i64_to_text(int64_t v, char *out);

/* Longest text fx_double_to_text() writes. */
#define FX_DOUBLE_TEXT_MAX 32

/*
 * Write the finite double @v as the shortest decimal text that reads back as
 * the same double, in the xsd:double lexical form with '.' as decimal point
 * whatever the locale; no NUL. Returns the length.
 */
size_t fx_double_to_text(double v, char *out);

#endif /* FX_XML_H */
