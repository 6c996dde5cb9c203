/*
 * dtoa.h - shortest round-trip text for a double, without printf and without
 * the locale.
 *
 * fx_dtoa_shortest() writes the shortest decimal that reads back (strtod with
 * the default round-to-nearest-even) as exactly the same double; among the
 * decimals of that length that read back, it writes the one closest to the
 * double (a tie goes to the even last digit). The digits come from the
 * Schubfach algorithm (Raffaello Giulietti, "The Schubfach way to render
 * doubles", 2020, revised 2022), implemented in lib/dtoa.c.
 *
 * Output format, exactly. Let d1 d2 ... dP (d1 != 0, dP != 0, 1 <= P <= 17) be
 * those shortest significant digits and E the decimal exponent, so that the
 * text stands for d1.d2...dP x 10^E. Then:
 *
 *   - +0 and -0 are written "0" (the sign of zero is dropped);
 *   - a negative value starts with '-'; there is never a '+' in front;
 *   - if -4 <= E < max(P, 15), plain notation, with no exponent:
 *       E >= P - 1:     the digits, then E + 1 - P zeros, no '.'
 *                       ("1", "-250", "100", "123456789012345", "9007199254740992")
 *       0 <= E < P - 1: d1..d(E+1) '.' d(E+2)..dP             ("1.5", "1234567.125")
 *       E < 0:          "0." then -E - 1 zeros, then the digits ("0.1", "0.0001")
 *   - otherwise scientific notation in the style of C's %e / %g: d1, then '.'
 *     and d2..dP only when P > 1, then 'e', the exponent's sign ('+' or '-',
 *     always), and the exponent with at least two digits
 *       ("1e-05", "1e+15", "1.5e+21", "5e-324", "-2.2250738585072014e-308").
 *
 * This is the layout of printf's "%.*g" with precision P (which goes plain when
 * -4 <= E < P), except that an integer below 10^15 is always written out in
 * full ("100", not "1e+02"). The text is also exactly what fx_double_to_text()
 * printed when it searched the precision with snprintf, except at 46 of the
 * 2098 powers of two (2^-1017, 2^-1007, ...): there the rounding interval is
 * lopsided and a decimal one digit shorter than the nearest one also reads
 * back, e.g. 2^-1017 is "7.120236347223045e-307", where the snprintf search,
 * which only tried the nearest decimal of each length, printed
 * "7.1202363472230444e-307". The decimal point is always '.', whatever the
 * locale.
 *
 * For finite values only the characters 0-9 - + . e occur. The longest output
 * is 24 bytes ("-2.2250738585072014e-308": sign, 17 digits, '.', 'e', exponent
 * sign, 3 exponent digits); the longest plain one is 23 bytes
 * ("-0.00012345678901234567"); a plain integer has at most 17 digits.
 * FX_DTOA_MAX is that bound; any buffer of FX_DTOA_MAX bytes (or the 32 bytes
 * of FX_DOUBLE_TEXT_MAX) is enough.
 *
 * The function is pure: no global mutable state, no allocation, thread-safe.
 */
#ifndef FX_DTOA_H
#define FX_DTOA_H

#include <stddef.h>

/* Longest text fx_dtoa_shortest() writes. */
#define FX_DTOA_MAX 24

/*
 * Write the finite double @v to @out (at least FX_DTOA_MAX bytes) as described
 * above, with no NUL; return the length (1..24). NaN and infinities are not
 * numbers in SpreadsheetML and callers must not pass them; if they do, the
 * xsd:double spellings "NaN", "INF" and "-INF" are written.
 */
size_t fx_dtoa_shortest(double v, char *out);

#endif /* FX_DTOA_H */
