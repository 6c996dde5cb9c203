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

/* Longest column name ("XFD") and row number text ("1048576"). */
#define FX_COL_NAME_MAX 3
#define FX_A1_MAX 10

/* Write the name of the 0-based column @col0 (< FAST_MAX_COLUMNS) to @out, no NUL;
 * returns its length. */
size_t fx_col_name(uint32_t col0, char *out);

/* Advance the column name @name (@len letters, no NUL) to the next column's, in
 * place, as an odometer of A..Z; returns its new length (Z -> AA, ZZ -> AAA).
 * @name has room for FX_COL_NAME_MAX letters; the last column (XFD) has no next. */
static inline size_t fx_col_name_next(char *name, size_t len)
{
    size_t k = len;
    while (k > 0 && name[k - 1] == 'Z')
        name[--k] = 'A';
    if (k > 0) {
        name[k - 1]++;
        return len;
    }
    name[len] = 'A'; /* all letters were Z: one letter more, all A */
    return len + 1;
}

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
