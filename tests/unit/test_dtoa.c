/*
 * test_dtoa.c - lib/dtoa.c: fx_dtoa_shortest(), the shortest round-trip text
 * of a double (Schubfach), in the format documented in lib/dtoa.h.
 *
 * Checks exact strings for edge values, the round trip through strtod for
 * millions of values, shortness against a precision search with snprintf, the
 * whole output against an snprintf-based reference implementation, and that
 * the text does not depend on the locale. Random values come from splitmix64
 * with fixed seeds, so a failure reproduces; it is reported with the value in
 * hex (%a) and both strings.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "dtoa.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Under valgrind (make valgrind-test) this test would run for many minutes, so
 * the random sweeps shrink a hundredfold there: 5,000,000 round trips, 400,000
 * shortness checks, 1,000,000 + 100,000 reference comparisons in normal runs. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define FX_UNDER_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef FX_UNDER_VALGRIND
#define FX_UNDER_VALGRIND() 0
#endif

static uint64_t sweep(uint64_t n)
{
    return FX_UNDER_VALGRIND() ? n / 100 : n;
}

/* ---- helpers ------------------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double bits_to_double(uint64_t bits)
{
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static uint64_t double_to_bits(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

/* fx_dtoa_shortest() into a NUL-terminated string, checking the length bound
 * and that nothing is written past the returned length. */
static size_t dtoa(double v, char out[FX_DTOA_MAX + 1])
{
    char buf[FX_DTOA_MAX + 16];
    memset(buf, '#', sizeof buf);
    size_t n = fx_dtoa_shortest(v, buf);
    if (n == 0 || n > FX_DTOA_MAX)
        fail_msg("fx_dtoa_shortest(%a) returned length %zu", v, n);
    for (size_t i = n; i < sizeof buf; i++)
        if (buf[i] != '#')
            fail_msg("fx_dtoa_shortest(%a) wrote past its length %zu", v, n);
    memcpy(out, buf, n);
    out[n] = 0;
    return n;
}

static void expect_text(double v, const char *want)
{
    char out[FX_DTOA_MAX + 1];
    dtoa(v, out);
    if (strcmp(out, want) != 0)
        fail_msg("fx_dtoa_shortest(%a = %.17g) = \"%s\", expected \"%s\"", v, v, out, want);
}

/* Does @s read back as exactly @v (bit for bit; "0" stands for both zeros)? */
static int reads_back(const char *s, double v)
{
    char *end;
    double back = strtod(s, &end);
    if (*end != 0)
        return 0;
    if (v == 0)
        return back == 0 && !signbit(back);
    uint64_t a = double_to_bits(back), b = double_to_bits(v);
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Significant digits of a text in our format: mantissa digits, without the
 * leading zeros of "0.000ddd" and without the zeros that end an integer. */
static int digit_count(const char *s)
{
    int digits = 0, started = 0, trailing_zeros = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (*s == '0' && !started)
            continue;
        started = 1;
        digits++;
        trailing_zeros = *s == '0' ? trailing_zeros + 1 : 0;
    }
    return digits - trailing_zeros > 0 ? digits - trailing_zeros : 1;
}

/* ---- the snprintf reference ------------------------------------------------------ */

/*
 * The nearest decimal of @p significant digits, as "%.*e" prints it (exact in
 * glibc, ties to even), split into its digits (no '.', exactly @p of them) and
 * its exponent. Returns what strtod reads the printed text as.
 */
static double nearest_digits(double v, int p, char digits[24], int *exp10)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    const char *s = buf;
    int n = 0;
    for (; *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    digits[n] = 0;
    *exp10 = atoi(s + 1);
    return strtod(buf, NULL);
}

/* Does the decimal d1.d2..dp 10^exp10, with v's sign, read back as v? */
static int digits_read_back(double v, const char *digits, int exp10)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%s%c.%se%d", v < 0 ? "-" : "", digits[0], digits + 1, exp10);
    return strtod(buf, NULL) == v;
}

/* Step the p-digit decimal d1.d2..dp 10^exp10 to its neighbour of the same
 * length, up (+1) or down (-1) in magnitude, across a power of ten if needed. */
static void step_digits(char *digits, int *exp10, int dir)
{
    int p = (int)strlen(digits);
    int i = p - 1;
    if (dir > 0) {
        while (i >= 0 && digits[i] == '9')
            digits[i--] = '0';
        if (i >= 0) {
            digits[i]++;
        } else { /* 9.99 -> 10.0 = 1.00 10^(e+1) */
            digits[0] = '1';
            (*exp10)++;
        }
    } else {
        while (i >= 0 && digits[i] == '0')
            digits[i--] = '9';
        digits[i]--; /* digits[0] >= '1', so i >= 0 here */
        if (digits[0] == '0') { /* 1.00 -> 0.999 = 9.99 10^(e-1) */
            memmove(digits, digits + 1, (size_t)p - 1);
            digits[p - 1] = '9';
            (*exp10)--;
        }
    }
}

/*
 * Is there a decimal of @p significant digits that reads back as @v (v != 0)?
 * If so, store the one closest to v. The nearest one is tried first; when it
 * does not read back, the rounding interval can still hold its neighbour on the
 * other side of v (only where the interval is lopsided: v a power of two), so
 * that one is tried too. No other p-digit decimal can be in the interval.
 */
static int ref_digits_of_length(double v, int p, char digits[24], int *exp10)
{
    double back = nearest_digits(v, p, digits, exp10);
    if (back == v)
        return 1;
    step_digits(digits, exp10, fabs(back) > fabs(v) ? -1 : +1);
    return digits_read_back(v, digits, *exp10);
}

/*
 * The reference: the smallest p in 1..17 for which a p-digit decimal reads
 * back, its closest such decimal, then the format of dtoa.h built from the
 * digits. "A p-digit decimal reads back" is monotone in p (p-digit decimals are
 * also (p+1)-digit ones), so p is minimal as soon as p works and p - 1 does
 * not: @hint, a length to try first, only saves time and cannot change the
 * result; when it is wrong, a binary search over 1..17 follows.
 */
static void reference(double v, int hint, char out[64])
{
    if (v == 0) {
        strcpy(out, "0");
        return;
    }
    char digits[24], best[24];
    int exp10, best_exp10 = 0;
    int hinted = hint >= 1 && hint <= 17 && ref_digits_of_length(v, hint, best, &best_exp10) &&
                 (hint == 1 || !ref_digits_of_length(v, hint - 1, digits, &exp10));
    if (!hinted) {
        int lo = 1, hi = 17;
        if (!ref_digits_of_length(v, 17, best, &best_exp10))
            fail_msg("reference: no 17-digit decimal reads back as %a", v);
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (ref_digits_of_length(v, mid, digits, &exp10)) {
                hi = mid;
                strcpy(best, digits);
                best_exp10 = exp10;
            } else {
                lo = mid + 1;
            }
        }
    }
    /* The shortest decimal has no trailing zero unless it is "0"-free by
     * construction; strip them anyway, so that a wrong digit count shows up
     * as a wrong string and not as a formatting difference. */
    int p = (int)strlen(best);
    while (p > 1 && best[p - 1] == '0')
        best[--p] = 0;

    char *o = out;
    if (v < 0)
        *o++ = '-';
    int e = best_exp10;
    if (e >= -4 && e < (p > 15 ? p : 15)) {
        if (e < 0) {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -e - 1; i++)
                *o++ = '0';
            strcpy(o, best);
        } else {
            for (int i = 0; i <= e || i < p; i++) {
                if (i == e + 1)
                    *o++ = '.';
                *o++ = i < p ? best[i] : '0';
            }
            *o = 0;
        }
    } else {
        sprintf(o, "%c%s%se%+03d", best[0], p > 1 ? "." : "", best + 1, e);
    }
}

/* ---- value generators ------------------------------------------------------------ */

/* A finite double from a random 64-bit pattern. */
static double random_bits_double(uint64_t *st)
{
    for (;;) {
        double v = bits_to_double(splitmix64(st));
        if (isfinite(v))
            return v;
    }
}

/* A value of the kind found in spreadsheets. */
static double random_data_double(uint64_t *st)
{
    uint64_t r = splitmix64(st);
    double sign = (r & 1) ? -1.0 : 1.0;
    int kind = (int)((r >> 1) % 8);
    uint64_t x = splitmix64(st);
    switch (kind) {
    case 0: /* cents: r * 0.01 */
        return sign * (double)(x % 100000000) * 0.01;
    case 1: /* cents plus an offset: r * 0.01 + c */
        return (double)(x % 1000000) * 0.01 + (double)((int64_t)(r >> 40) % 1000);
    case 2: /* integers of any size up to 2^63 */
        return sign * (double)(x >> (r >> 58));
    case 3: { /* 1..17 decimal digits at a modest exponent */
        int nd = 1 + (int)((r >> 8) % 17);
        int ex = (int)((r >> 16) % 41) - 20;
        char buf[64];
        uint64_t m = 0;
        for (int i = 0; i < nd; i++)
            m = m * 10 + splitmix64(st) % 10;
        snprintf(buf, sizeof buf, "%s%llue%d", sign < 0 ? "-" : "", (unsigned long long)m, ex);
        return strtod(buf, NULL);
    }
    case 4: { /* 1..17 decimal digits at any exponent */
        int nd = 1 + (int)((r >> 8) % 17);
        int ex = (int)((r >> 16) % 640) - 340;
        char buf[64];
        uint64_t m = 1 + splitmix64(st) % 9;
        for (int i = 1; i < nd; i++)
            m = m * 10 + splitmix64(st) % 10;
        snprintf(buf, sizeof buf, "%s%llue%d", sign < 0 ? "-" : "", (unsigned long long)m, ex);
        double v = strtod(buf, NULL);
        return isfinite(v) ? v : 1.0;
    }
    case 5: /* uniform in [0, 1) and ratios */
        return sign * (double)(x >> 11) * 0x1p-53 * (double)(1 + (r >> 50) % 1000);
    case 6: /* a power of two, or next to one */
    {
        double p2 = ldexp(1.0, (int)(x % 2098) - 1074);
        int step = (int)((r >> 8) % 3);
        if (step == 1)
            p2 = nextafter(p2, 0.0);
        else if (step == 2)
            p2 = nextafter(p2, INFINITY);
        return isfinite(p2) ? sign * p2 : 1.0;
    }
    default: /* a small subnormal or a value at the normal boundary */
        if (r & 2)
            return sign * bits_to_double(x % 100000);
        return sign * bits_to_double(UINT64_C(0x0010000000000000) + (x % 2000) - 1000);
    }
}

static double random_any_double(uint64_t *st, uint64_t i)
{
    return (i & 1) ? random_bits_double(st) : random_data_double(st);
}

/* ---- exact strings ------------------------------------------------------------------ */

static void test_exact_edge_values(void **state)
{
    (void)state;
    expect_text(0.0, "0");
    expect_text(-0.0, "0");
    expect_text(1.0, "1");
    expect_text(-1.0, "-1");
    expect_text(0.1, "0.1");
    expect_text(0.2, "0.2");
    expect_text(0.3, "0.3");
    expect_text(1.5, "1.5");
    expect_text(-1.5, "-1.5");
    expect_text(100.0, "100");
    expect_text(-250.0, "-250");
    expect_text(123456789012345.0, "123456789012345");
    expect_text(999999999999999.0, "999999999999999");
    expect_text(1e14, "100000000000000");
    expect_text(1e15, "1e+15");
    expect_text(-1e15, "-1e+15");
    expect_text(1e16, "1e+16");
    expect_text(1.5e15, "1.5e+15");
    expect_text(1000000000000001.0, "1000000000000001");
    expect_text(1000000000000000.5, "1000000000000000.5");
    expect_text(123456789012345680000.0, "1.2345678901234568e+20");
    expect_text(1e21, "1e+21");
    expect_text(1.5e21, "1.5e+21");
    expect_text(1e22, "1e+22");
    expect_text(1e23, "1e+23");
    expect_text(1e100, "1e+100");
    expect_text(1e-5, "1e-05");
    expect_text(1e-7, "1e-07");
    expect_text(1.25e-5, "1.25e-05");
    expect_text(0.0001, "0.0001");
    expect_text(0.00012345, "0.00012345");
    expect_text(0.001, "0.001");
    expect_text(0.5, "0.5");
    expect_text(1234567.125, "1234567.125");
    expect_text(5e-324, "5e-324");
    expect_text(-5e-324, "-5e-324");
    expect_text(1e-323, "1e-323");
    expect_text(2.2250738585072014e-308, "2.2250738585072014e-308");
    expect_text(-2.2250738585072014e-308, "-2.2250738585072014e-308");
    expect_text(2.225073858507201e-308, "2.225073858507201e-308"); /* largest subnormal */
    expect_text(1.7976931348623157e308, "1.7976931348623157e+308");
    expect_text(-1.7976931348623157e308, "-1.7976931348623157e+308");
    expect_text(9007199254740992.0, "9007199254740992");  /* 2^53 */
    expect_text(9007199254740994.0, "9007199254740994");  /* 2^53 + 2 */
    expect_text(-9007199254740991.0, "-9007199254740991"); /* 2^53 - 1 */
    expect_text(0.30000000000000004, "0.30000000000000004");
    expect_text(1e-1, "0.1");
    expect_text(5e-310, "5e-310");
    expect_text(1.0 / 3.0, "0.3333333333333333");
    expect_text(2.0 / 3.0, "0.6666666666666666");
    expect_text(0.1 + 0.7, "0.7999999999999999");
    expect_text(3.141592653589793, "3.141592653589793");
    expect_text(0.00015, "0.00015");
    expect_text(123.456, "123.456");
    expect_text(-0.25, "-0.25");
}

static void test_exact_powers_of_two(void **state)
{
    (void)state;
    expect_text(ldexp(1.0, -1074), "5e-324");
    expect_text(ldexp(1.0, -1073), "1e-323");
    expect_text(ldexp(1.0, -1072), "2e-323");
    expect_text(ldexp(3.0, -1074), "1.5e-323");
    expect_text(ldexp(1.0, -1060), "8.095e-320");
    expect_text(ldexp(1.0, -1022), "2.2250738585072014e-308");
    expect_text(ldexp(1.0, -1), "0.5");
    expect_text(ldexp(1.0, -10), "0.0009765625");
    expect_text(ldexp(1.0, -20), "9.5367431640625e-07");
    expect_text(ldexp(1.0, 10), "1024");
    expect_text(ldexp(1.0, 52), "4503599627370496");
    expect_text(ldexp(1.0, 60), "1.152921504606847e+18");
    expect_text(ldexp(1.0, 63), "9.223372036854776e+18");
    expect_text(ldexp(1.0, 64), "1.8446744073709552e+19");
    expect_text(ldexp(1.0, 1023), "8.98846567431158e+307");
    /* Powers of two where the nearest 16-digit decimal does not read back but the
     * one on the other side does (the lopsided interval): a precision search
     * with snprintf alone would print 17 digits here. */
    expect_text(ldexp(1.0, -1017), "7.120236347223045e-307");
    expect_text(ldexp(1.0, -1007), "7.291122019556398e-304");
    expect_text(ldexp(1.0, -957), "8.209073602596753e-289");
}

static void test_exact_seventeen_digits(void **state)
{
    (void)state;
    expect_text(1.0000000000000002, "1.0000000000000002");      /* 1 + 2^-52 */
    expect_text(0.9999999999999999, "0.9999999999999999");      /* 1 - 2^-53, 16 digits */
    expect_text(1.4142135623730951, "1.4142135623730951");      /* sqrt(2) */
    expect_text(0.30000000000000004, "0.30000000000000004");
    expect_text(123456789012345680000.0, "1.2345678901234568e+20");
    expect_text(2.2250738585072014e-308, "2.2250738585072014e-308");
    expect_text(1.7976931348623157e308, "1.7976931348623157e+308");
    expect_text(ldexp(1.0, 55), "3.602879701896397e+16");
    expect_text(12345678901234568.0, "12345678901234568");
    expect_text(-0.00012345678901234567, "-0.00012345678901234567"); /* longest plain: 23 */
    expect_text(1.2345678901234567e-5, "1.2345678901234568e-05");
    expect_text(1234567890123456.8, "1234567890123456.8");
    char out[FX_DTOA_MAX + 1];
    assert_int_equal(dtoa(-2.2250738585072014e-308, out), 24); /* the longest */
}

/* ---- round trip ------------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    uint64_t st = 0x5EED0001;
    char out[FX_DTOA_MAX + 1];
    for (uint64_t i = 0, n = sweep(5000000); i < n; i++) {
        double v = random_any_double(&st, i);
        dtoa(v, out);
        if (!reads_back(out, v))
            fail_msg("round trip #%llu: fx_dtoa_shortest(%a) = \"%s\" reads back as %a", (unsigned long long)i,
                     v, out, strtod(out, NULL));
    }
    /* Every power of ten and its neighbours, every power of two. */
    for (int i = -330; i <= 310; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "1e%d", i);
        double p10 = strtod(buf, NULL);
        if (!isfinite(p10) || p10 == 0)
            continue;
        double near[3] = {p10, nextafter(p10, 0.0), nextafter(p10, INFINITY)};
        for (int j = 0; j < 3; j++) {
            if (!isfinite(near[j]))
                continue;
            dtoa(near[j], out);
            if (!reads_back(out, near[j]))
                fail_msg("fx_dtoa_shortest(%a) = \"%s\" does not read back", near[j], out);
        }
    }
}

/* ---- shortness ---------------------------------------------------------------------- */

/* Does the nearest decimal of @p significant digits ("%.*e") read back as @v? */
static int nearest_reads_back(double v, int p)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    return strtod(buf, NULL) == v;
}

/*
 * The digit count equals the smallest p in 1..17 for which the nearest p-digit
 * decimal ("%.*e" with precision p - 1) reads back. Away from powers of two the
 * rounding interval is symmetric, so if the nearest p-digit decimal reads back
 * the nearest (p+1)-digit one does too (it is at least as close): there the
 * smallest p is the one that reads back while p - 1 does not. At a power of two
 * all of 1..17 are tried, and the count may be smaller than p (a decimal on the
 * short side of the lopsided interval); test_reference_powers_of_two checks
 * those exactly.
 */
static void test_shortest(void **state)
{
    (void)state;
    uint64_t st = 0x5EED0002;
    char out[FX_DTOA_MAX + 1];
    uint64_t checked = 0;
    for (uint64_t i = 0, count = sweep(400000); checked < count; i++) {
        double v = random_any_double(&st, i);
        if (v == 0)
            continue;
        checked++;
        dtoa(v, out);
        int n = digit_count(out);
        if ((double_to_bits(v) & UINT64_C(0x000FFFFFFFFFFFFF)) == 0) {
            int p = 1;
            while (p < 17 && !nearest_reads_back(v, p))
                p++;
            if (n > p)
                fail_msg("shortness #%llu: fx_dtoa_shortest(%a) = \"%s\" has %d digits; %d-digit \"%.*e\" reads back",
                         (unsigned long long)i, v, out, n, p, p - 1, v);
        } else if (!nearest_reads_back(v, n) || (n > 1 && nearest_reads_back(v, n - 1))) {
            int p = 1;
            while (p < 17 && !nearest_reads_back(v, p))
                p++;
            fail_msg("shortness #%llu: fx_dtoa_shortest(%a) = \"%s\" has %d digits; the smallest precision of "
                     "\"%%.*e\" that reads back gives %d: \"%.*e\"",
                     (unsigned long long)i, v, out, n, p, p - 1, v);
        }
    }
}

/* ---- against the snprintf reference -------------------------------------------------- */

static void check_reference(double v, const char *what, uint64_t i)
{
    char out[FX_DTOA_MAX + 1], want[64];
    dtoa(v, out);
    reference(v, digit_count(out), want);
    if (strcmp(out, want) != 0)
        fail_msg("%s #%llu: fx_dtoa_shortest(%a = %.17g) = \"%s\", reference \"%s\"", what,
                 (unsigned long long)i, v, v, out, want);
}

static void test_reference_random(void **state)
{
    (void)state;
    uint64_t st = 0x5EED0003;
    for (uint64_t i = 0, n = sweep(1000000); i < n; i++)
        check_reference(random_any_double(&st, i), "random", i);
}

/* The reference's formatting agrees with printf's %g wherever %g goes plain
 * the same way (-4 <= E < P, or E out of range for both): that checks the
 * reference itself. */
static void test_reference_matches_printf_g(void **state)
{
    (void)state;
    uint64_t st = 0x5EED0004;
    char want[64], g[64];
    for (uint64_t i = 0, n = sweep(100000); i < n; i++) {
        double v = random_any_double(&st, i);
        if (v == 0 || (double_to_bits(v) & UINT64_C(0x000FFFFFFFFFFFFF)) == 0)
            continue;
        reference(v, 0, want);
        int p = digit_count(want);
        snprintf(g, sizeof g, "%.*g", p, v);
        int e = (int)floor(log10(fabs(strtod(g, NULL))));
        if (p <= e && e < 15)
            continue; /* an integer below 10^15: we write its zeros, %g writes e+XX */
        if (strcmp(g, want) != 0)
            fail_msg("reference(%a) = \"%s\" but %%.%dg gives \"%s\"", v, want, p, g);
    }
}

static void test_reference_powers_of_two(void **state)
{
    (void)state;
    uint64_t i = 0;
    for (int e = -1074; e <= 1023; e++) {
        double p2 = ldexp(1.0, e);
        check_reference(p2, "2^e", i++);
        check_reference(-p2, "-2^e", i++);
        check_reference(nextafter(p2, 0.0), "below 2^e", i++);
        if (e < 1023)
            check_reference(nextafter(p2, INFINITY), "above 2^e", i++);
    }
}

static void test_reference_subnormals_and_integers(void **state)
{
    (void)state;
    /* The smallest subnormals, where the digits are fewest. */
    for (uint64_t t = 1; t <= 20000; t++)
        check_reference(bits_to_double(t), "subnormal", t);
    /* Around the normal boundary. */
    for (uint64_t t = 0; t <= 4000; t++)
        check_reference(bits_to_double(UINT64_C(0x0010000000000000) - 2000 + t), "normal boundary", t);
    /* Integers around 10^15 and 2^53, where the format switches. */
    uint64_t i = 0;
    for (int64_t k = -2000; k <= 2000; k++) {
        check_reference(1e15 + (double)k, "1e15+k", i++);
        check_reference(1e15 + (double)k / 8, "1e15+k/8", i++);
        check_reference(9007199254740992.0 + (double)k * 2, "2^53+2k", i++);
        check_reference(9007199254740992.0 - (double)k, "2^53-k", i++);
        check_reference(1e16 + (double)k * 2, "1e16+2k", i++);
        check_reference(1e17 + (double)k * 16, "1e17+16k", i++);
        check_reference((double)k * 0.01, "k/100", i++);
        check_reference((double)k * 1e-5, "k*1e-5", i++);
    }
    /* Every power of ten and its neighbours. */
    for (int e = -330; e <= 310; e++) {
        char buf[16];
        snprintf(buf, sizeof buf, "1e%d", e);
        double p10 = strtod(buf, NULL);
        if (!isfinite(p10) || p10 == 0)
            continue;
        check_reference(p10, "10^e", i++);
        check_reference(nextafter(p10, 0.0), "below 10^e", i++);
        if (isfinite(nextafter(p10, INFINITY)))
            check_reference(nextafter(p10, INFINITY), "above 10^e", i++);
    }
}

/* ---- the reference's own helpers ------------------------------------------------------- */

static void test_reference_helpers(void **state)
{
    (void)state;
    char d[24];
    int e;
    strcpy(d, "999");
    e = 4;
    step_digits(d, &e, +1);
    assert_string_equal(d, "100");
    assert_int_equal(e, 5);
    step_digits(d, &e, -1);
    assert_string_equal(d, "999");
    assert_int_equal(e, 4);
    strcpy(d, "120");
    step_digits(d, &e, -1);
    assert_string_equal(d, "119");
    step_digits(d, &e, +1);
    assert_string_equal(d, "120");
    strcpy(d, "1");
    e = 0;
    step_digits(d, &e, -1);
    assert_string_equal(d, "9");
    assert_int_equal(e, -1);
    char out[64];
    reference(0.001, 0, out);
    assert_string_equal(out, "0.001");
    reference(-0.1, 0, out);
    assert_string_equal(out, "-0.1");
    reference(-0.00012345, 0, out);
    assert_string_equal(out, "-0.00012345");
    reference(1e-5, 0, out);
    assert_string_equal(out, "1e-05");
    reference(100.0, 0, out);
    assert_string_equal(out, "100");
    reference(1e15, 0, out);
    assert_string_equal(out, "1e+15");
    reference(12.5, 0, out);
    assert_string_equal(out, "12.5");
    reference(5e-324, 0, out);
    assert_string_equal(out, "5e-324");
    reference(ldexp(1.0, -1017), 0, out);
    assert_string_equal(out, "7.120236347223045e-307");
    assert_int_equal(digit_count("0.00012345"), 5);
    assert_int_equal(digit_count("-1200"), 2);
    assert_int_equal(digit_count("1.5e+21"), 2);
}

/* ---- locale -------------------------------------------------------------------------- */

static int restore_c_locale(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    return 0;
}

static void test_locale_independent(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "de_DE.UTF-8"))
        fail_msg("setlocale(LC_ALL, \"de_DE.UTF-8\") failed: the locale is not installed");
    /* The locale really has a decimal comma, or this test proves nothing. */
    assert_string_equal(localeconv()->decimal_point, ",");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    assert_string_equal(probe, "1,5");

    expect_text(1.5, "1.5");
    expect_text(-0.25, "-0.25");
    expect_text(0.1, "0.1");
    expect_text(1234567.125, "1234567.125");
    expect_text(1e-7, "1e-07");
    expect_text(123456789012345680000.0, "1.2345678901234568e+20");
    expect_text(0.30000000000000004, "0.30000000000000004");

    enum { N = 100000 };
    static char texts[N][FX_DTOA_MAX + 1];
    static double values[N];
    uint64_t st = 0x5EED0005;
    for (int k = 0; k < N; k++) {
        values[k] = random_any_double(&st, (uint64_t)k);
        dtoa(values[k], texts[k]);
        for (const char *c = texts[k]; *c; c++)
            if (!((*c >= '0' && *c <= '9') || *c == '-' || *c == '+' || *c == '.' || *c == 'e'))
                fail_msg("fx_dtoa_shortest(%a) = \"%s\" under de_DE.UTF-8: unexpected '%c'", values[k],
                         texts[k], *c);
    }
    /* strtod reads "," in this locale: read back in the C locale. */
    setlocale(LC_ALL, "C");
    for (int k = 0; k < N; k++)
        if (!reads_back(texts[k], values[k]))
            fail_msg("\"%s\" (written under de_DE.UTF-8) does not read back as %a", texts[k], values[k]);
}

/* ---- not numbers ----------------------------------------------------------------------- */

static void test_not_finite(void **state)
{
    (void)state;
    /* Callers never pass these; the output is still defined (dtoa.h). */
    expect_text(INFINITY, "INF");
    expect_text(-INFINITY, "-INF");
    expect_text(NAN, "NaN");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_edge_values),
        cmocka_unit_test(test_exact_powers_of_two),
        cmocka_unit_test(test_exact_seventeen_digits),
        cmocka_unit_test(test_reference_helpers),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_shortest),
        cmocka_unit_test(test_reference_random),
        cmocka_unit_test(test_reference_matches_printf_g),
        cmocka_unit_test(test_reference_powers_of_two),
        cmocka_unit_test(test_reference_subnormals_and_integers),
        cmocka_unit_test_teardown(test_locale_independent, restore_c_locale),
        cmocka_unit_test(test_not_finite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
