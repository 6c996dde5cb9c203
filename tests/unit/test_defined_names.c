/*
 * test_defined_names.c - fast_workbook_define_name() (lib/defnames.c, ECMA-376
 * Part 1 §18.2.5 definedName): the exact definedNames of xl/workbook.xml with
 * names of workbook and sheet scope beside the library's own _xlnm names,
 * every refusal with its status and message (the workbook going on
 * afterwards), the namespace shared with table names, and schema validation.
 */
#include "testutil.h"

#include <unistd.h>

#define STR(s) s, sizeof s - 1

static void ok(fast_workbook *wb, fast_status st)
{
    if (st != FAST_OK)
        fail_msg("%d %s", (int)st, fast_workbook_error_message(wb));
}

static void refused(fast_workbook *wb, fast_status got, fast_status want, const char *msg_part)
{
    if (got != want)
        fail_msg("status %d, want %d (%s)", (int)got, (int)want, fast_workbook_error_message(wb));
    const char *m = fast_workbook_error_message(wb);
    if (!strstr(m, msg_part))
        fail_msg("message '%s' lacks '%s'", m, msg_part);
}

static void one_row(fast_workbook *wb)
{
    fast_cells *c = fast_cells_new(2);
    fast_cells_set_number(c, 0, 1);
    fast_cells_set_string(c, 1, "x", 1);
    tu_write_row(wb, c, 2);
    fast_cells_free(c);
}

static void defined_names(const tu_buf *pkg, tu_buf *out)
{
    tu_buf part = {0};
    tu_extract_part(pkg, "xl/workbook.xml", &part);
    long a = tu_find(part.data, part.len, "<definedNames>", 14);
    long b = tu_find(part.data, part.len, "</definedNames>", 15);
    if (a >= 0 && b > a)
        tu_buf_append(out, part.data + a, (size_t)(b + 15 - a));
    tu_buf_append(out, "", 1);
    tu_buf_free(&part);
}

/* Both scopes, sorted by name without case, workbook scope before sheet scope,
 * after the library's names; escaped; a leading '=' dropped. */
static void test_written(void **state)
{
    (void)state;
    tu_buf pkg = {0}, dn = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Sales")));
    ok(wb, fast_workbook_set_print_area(wb, 0, 0, 9, 1));
    ok(wb, fast_workbook_define_name(wb, STR("rate"), FAST_SCOPE_WORKBOOK, STR("0.05")));
    ok(wb, fast_workbook_define_name(wb, STR("Total"), 0, STR("=Sales!$B$10")));
    one_row(wb);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Bob's <data>")));
    ok(wb, fast_workbook_define_name(wb, STR("Total"), FAST_SCOPE_WORKBOOK, STR("SUM('Bob''s <data>'!$A:$A)")));
    ok(wb, fast_workbook_define_name(wb, STR("total"), 1, STR("'Bob''s <data>'!$A$1")));
    ok(wb, fast_workbook_define_name(wb, STR("Area"), 1, STR("\"a&b\"")));
    one_row(wb);
    ok(wb, fast_workbook_define_name(wb, STR("Late"), 0, STR("Sales!$A$1"))); /* after the sheet ended */
    tu_close_ok(wb);
    defined_names(&pkg, &dn);
    tu_assert_str_bytes(dn.data, strlen((const char *)dn.data),
                        "<definedNames>"
                        "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Sales'!$A$1:$B$10</definedName>"
                        "<definedName name=\"Area\" localSheetId=\"1\">\"a&amp;b\"</definedName>"
                        "<definedName name=\"Late\" localSheetId=\"0\">Sales!$A$1</definedName>"
                        "<definedName name=\"rate\">0.05</definedName>"
                        "<definedName name=\"Total\">SUM('Bob''s &lt;data&gt;'!$A:$A)</definedName>"
                        "<definedName name=\"Total\" localSheetId=\"0\">Sales!$B$10</definedName>"
                        "<definedName name=\"total\" localSheetId=\"1\">'Bob''s &lt;data&gt;'!$A$1</definedName>"
                        "</definedNames>");
    tu_buf_free(&pkg);
    tu_buf_free(&dn);
}

/* Without names, no definedNames at all. */
static void test_none(void **state)
{
    (void)state;
    tu_buf pkg = {0}, dn = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    one_row(wb);
    tu_close_ok(wb);
    defined_names(&pkg, &dn);
    assert_string_equal((const char *)dn.data, "");
    tu_buf_free(&pkg);
    tu_buf_free(&dn);
}

/* Every refusal: the status, a message naming the name and the cause, and the
 * workbook going on with nothing changed. */
static void test_refusals(void **state)
{
    (void)state;
    tu_buf pkg = {0}, dn = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    ok(wb, fast_workbook_add_worksheet(wb, STR("One")));
    refused(wb, fast_workbook_define_name(wb, STR(""), -1, STR("1")), FAST_ERROR_NAME, "the name is empty");
    refused(wb, fast_workbook_define_name(wb, STR("1abc"), -1, STR("1")), FAST_ERROR_NAME, "'1abc': character 1");
    refused(wb, fast_workbook_define_name(wb, STR("A1"), -1, STR("1")), FAST_ERROR_NAME, "cell reference");
    refused(wb, fast_workbook_define_name(wb, STR("R1C1"), -1, STR("1")), FAST_ERROR_NAME, "cell reference");
    refused(wb, fast_workbook_define_name(wb, STR("a\xFF"), -1, STR("1")), FAST_ERROR_INVALID_UTF8, "UTF-8");
    refused(wb, fast_workbook_define_name(wb, STR("_xlnm.Print_Area"), 0, STR("One!$A$1")), FAST_ERROR_NAME,
            "'_xlnm.Print_Area': names beginning with '_xlnm.'");
    refused(wb, fast_workbook_define_name(wb, STR("_XLNM.x"), -1, STR("1")), FAST_ERROR_NAME, "'_xlnm.'");
    refused(wb, fast_workbook_define_name(wb, NULL, 3, -1, STR("1")), FAST_ERROR_INVALID_ARGUMENT, "NULL");
    refused(wb, fast_workbook_define_name(wb, STR("x"), 1, STR("1")), FAST_ERROR_INVALID_ARGUMENT,
            "'x': scope 1 is neither");
    refused(wb, fast_workbook_define_name(wb, STR("x"), -2, STR("1")), FAST_ERROR_INVALID_ARGUMENT, "scope -2");
    refused(wb, fast_workbook_define_name(wb, STR("x"), -1, STR("")), FAST_ERROR_INVALID_ARGUMENT,
            "'x': the formula is empty");
    refused(wb, fast_workbook_define_name(wb, STR("x"), -1, STR("=")), FAST_ERROR_INVALID_ARGUMENT, "empty");
    refused(wb, fast_workbook_define_name(wb, STR("x"), -1, NULL, 2), FAST_ERROR_INVALID_ARGUMENT, "NULL");
    refused(wb, fast_workbook_define_name(wb, STR("x"), -1, STR("1\xC3")), FAST_ERROR_INVALID_UTF8,
            "'x': formula: invalid UTF-8 at byte 2");
    refused(wb, fast_workbook_define_name(wb, STR("x"), -1, STR("1\x01")), FAST_ERROR_INVALID_ARGUMENT,
            "U+0001 at byte 2");
    static char longf[FAST_MAX_FORMULA_CHARS + 2];
    memset(longf, '1', sizeof longf);
    refused(wb, fast_workbook_define_name(wb, STR("x"), -1, longf, FAST_MAX_FORMULA_CHARS + 1),
            FAST_ERROR_INVALID_ARGUMENT, "8193 characters");
    ok(wb, fast_workbook_define_name(wb, STR("Long"), -1, longf, FAST_MAX_FORMULA_CHARS));
    /* Uniqueness per scope, case-insensitive (Unicode folding), and with tables. */
    ok(wb, fast_workbook_define_name(wb, STR("Donn\xC3\xA9" "es"), -1, STR("One!$A$1")));
    refused(wb, fast_workbook_define_name(wb, STR("DONN\xC3\x89" "ES"), -1, STR("1")), FAST_ERROR_NAME,
            "already defined at workbook scope as 'Donn\xC3\xA9" "es'");
    ok(wb, fast_workbook_define_name(wb, STR("DONN\xC3\x89" "ES"), 0, STR("2"))); /* another scope */
    refused(wb, fast_workbook_define_name(wb, STR("donn\xC3\xA9" "es"), 0, STR("3")), FAST_ERROR_NAME,
            "already defined on sheet 'One'");
    fast_table *t = NULL;
    ok(wb, fast_workbook_add_table(wb, STR("Sales"), 0, 1, 3, 1, &t));
    refused(wb, fast_workbook_define_name(wb, STR("SALES"), -1, STR("1")), FAST_ERROR_NAME,
            "'SALES' is already used by table 'Sales'");
    ok(wb, fast_workbook_define_name(wb, STR("SALES"), 0, STR("1"))); /* sheet scope: allowed, as in Excel */
    refused(wb, fast_workbook_add_table(wb, STR("donn\xC3\xA9" "es"), 10, 0, 12, 1, &t), FAST_ERROR_NAME,
            "already a defined name of workbook scope");
    one_row(wb);
    tu_close_ok(wb);
    defined_names(&pkg, &dn);
    tu_assert_contains(dn.data, dn.len,
                       "<definedName name=\"Donn\xC3\xA9" "es\">One!$A$1</definedName>"
                       "<definedName name=\"DONN\xC3\x89" "ES\" localSheetId=\"0\">2</definedName>"
                       "<definedName name=\"Long\">111");
    tu_assert_contains(dn.data, dn.len,
                       "1111</definedName><definedName name=\"SALES\" localSheetId=\"0\">1</definedName>"
                       "</definedNames>");
    tu_buf_free(&pkg);
    tu_buf_free(&dn);
}

/* Names of both scopes beside the library's, valid against the schemas. */
static void test_schema_valid(void **state)
{
    (void)state;
    char dir[256], path[320];
    tu_temp_workbook("fx_test_defnames", "names.xlsx", dir, path);
    fast_workbook *wb = fast_workbook_new(path);
    assert_non_null(wb);
    ok(wb, fast_workbook_add_worksheet(wb, STR("Bob's <data>")));
    ok(wb, fast_workbook_set_print_area(wb, 0, 0, 9, 1));
    ok(wb, fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 1));
    ok(wb, fast_workbook_define_name(wb, STR("Rate"), FAST_SCOPE_WORKBOOK, STR("0.05")));
    ok(wb, fast_workbook_define_name(wb, STR("Here"), 0, STR("'Bob''s <data>'!$B$2")));
    one_row(wb);
    tu_close_ok(wb);
    tu_validate_and_remove(dir, path);
}

/* After a sticky failure (here the caller's abandon), a valid name is refused with that status and not
 * recorded: the call once checked only for a closed workbook and returned FAST_OK. */
static void test_after_sticky_failure(void **state)
{
    (void)state;
    tu_buf out = {0};
    fast_workbook *wb = fast_workbook_new_callback(tu_write_all, &out);
    ok(wb, fast_workbook_add_worksheet(wb, STR("S")));
    ok(wb, fast_workbook_define_name(wb, STR("Before"), FAST_SCOPE_WORKBOOK, STR("1")));
    assert_int_equal(fast_workbook_abandon(wb, STR("gone")), FAST_ERROR_ABANDONED);
    assert_int_equal(fast_workbook_define_name(wb, STR("Rate"), FAST_SCOPE_WORKBOOK, STR("0.05")),
                     FAST_ERROR_ABANDONED);
    assert_int_equal(fast_workbook_define_name(wb, STR("Here"), 0, STR("S!$A$1")), FAST_ERROR_ABANDONED);
    assert_int_equal(fast_workbook_close(wb), FAST_ERROR_ABANDONED);
    fast_workbook_free(wb);
    tu_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written),
        cmocka_unit_test(test_none),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_schema_valid),
        cmocka_unit_test(test_after_sticky_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
