/*
 * test_names.c - lib/names.c: the case-insensitive comparison of sheet, table
 * and defined names (Unicode simple case folding through utf8proc) and Excel's
 * rules for defined and table names.
 */
#include "internal.h" /* first: it defines FAST_API before the public header */
#include "names.h"

#include "testutil.h"

#define EQ(a, b) fx_name_equal(a, strlen(a), b, strlen(b))

static void test_name_equal(void **state)
{
    (void)state;
    assert_true(EQ("Sales", "SALES"));
    assert_true(EQ("", ""));
    assert_false(EQ("Sales", "Sale"));
    assert_false(EQ("Sales1", "Sales2"));
    /* Scripts the old hand-written table covered: Latin-1, Latin Extended-A, Greek, Cyrillic. */
    assert_true(EQ("Ärger Σ Ж", "äRGER σ ж"));
    assert_true(EQ("\xC5\x81\xC3\xB3" "d\xC5\xBA", "\xC5\x82\xC3\x93" "D\xC5\xB9")); /* Łódź, łÓDŹ */
    /* And those it did not: Armenian, Georgian Mtavruli, Cherokee, Deseret (4 bytes), Latin Extended-B. */
    assert_true(EQ("\xD4\xB1", "\xD5\xA1"));                  /* Ա ա */
    assert_true(EQ("\xE1\xB2\x90", "\xE1\x83\x90"));          /* Ა ა */
    assert_true(EQ("\xF0\x90\x90\x80", "\xF0\x90\x90\xA8")); /* 𐐀 𐐨 */
    assert_true(EQ("\xC7\x85", "\xC7\x86"));                  /* ǅ ǆ */
    assert_true(EQ("\xCF\x82", "\xCE\xA3"));                  /* final sigma ς and Σ */
    /* Simple folding: a character matches one character (ẞ ß), never two (ß is not "ss"). */
    assert_true(EQ("\xE1\xBA\x9E", "\xC3\x9F"));
    assert_false(EQ("Stra\xC3\x9F" "e", "STRASSE"));
    assert_false(EQ("\xC3\xA9", "e")); /* accents are not folded away */
}

static void expect_invalid(const char *name, const char *why_part)
{
    char why[160];
    if (fx_defined_name_valid(name, strlen(name), why, sizeof why))
        fail_msg("'%s' was accepted", name);
    if (!strstr(why, why_part))
        fail_msg("'%s': reason '%s' lacks '%s'", name, why, why_part);
}

static void test_defined_name_rules(void **state)
{
    (void)state;
    char why[160];
    static const char *const good[] = {"Sales", "_x", "\\a", "Table1", "Q1.Sales", "a_b.c\\d", "ABCD1",
                                       "XFE1", "A0", "A1048577", "Rate", "R1C1x", "Donn\xC3\xA9" "es",
                                       "\xE6\x97\xA5\xE6\x9C\xAC", "x\xD9\xA3" /* Arabic-Indic digit */};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!fx_defined_name_valid(good[i], strlen(good[i]), why, sizeof why))
            fail_msg("'%s' refused: %s", good[i], why);
    expect_invalid("", "empty");
    expect_invalid("1abc", "character 1 ('1') is not allowed first");
    expect_invalid(".abc", "character 1");
    expect_invalid("Sales Total", "character 6 (' ')");
    expect_invalid("a-b", "character 2 ('-')");
    expect_invalid("A1", "cell reference");
    expect_invalid("xfd1048576", "cell reference");
    expect_invalid("R", "cell reference");
    expect_invalid("c", "cell reference");
    expect_invalid("RC", "cell reference");
    expect_invalid("R2C3", "cell reference");
    expect_invalid("r12", "cell reference");
    expect_invalid("C7", "cell reference");
    expect_invalid("ab\xFF", "invalid UTF-8");
    char longname[300];
    memset(longname, 'a', 256);
    longname[256] = 0;
    expect_invalid(longname, "256 characters; at most 255");
    longname[255] = 0;
    assert_true(fx_defined_name_valid(longname, 255, why, sizeof why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_equal),
        cmocka_unit_test(test_defined_name_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
