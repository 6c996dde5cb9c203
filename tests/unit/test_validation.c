/*
 * test_validation.c - data validation (lib/validation.c, ECMA-376 Part 1
 * §18.3.1.32-33) through the public API: the exact <dataValidations> of every
 * type, operator and option, literal lists (quotes, the 255-character limit),
 * list ranges on other sheets, messages, FAST_LAST_ROW and continuation sheets,
 * the element's place among the sheet's tail (§18.3.1.99), and every refusal
 * with its status and message, the workbook going on afterwards.
 */
#include "testutil.h"

#include <unistd.h>

#define DV_ATTRS "allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""

/* The part of sheet @n after </sheetData>, NUL-terminated, in @out. */
static void sheet_tail(const tu_buf *pkg, int n, tu_buf *out)
{
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", n);
    tu_buf part = {0};
    tu_extract_part(pkg, name, &part);
    long at = tu_find(part.data, part.len, "</sheetData>", 12);
    if (at < 0)
        at = tu_find(part.data, part.len, "<sheetData/>", 12);
    assert_true(at >= 0);
    tu_buf_append(out, part.data + at + 12, part.len - (size_t)at - 12);
    tu_buf_append(out, "", 1);
    tu_buf_free(&part);
}

static fast_workbook *new_book(tu_buf *pkg, int rows)
{
    fast_workbook *wb = tu_callback_workbook(pkg);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_cells *c = fast_cells_new(1);
    for (int i = 0; i < rows; i++) {
        fast_cells_set_number(c, 0, i);
        tu_write_row(wb, c, 1);
    }
    fast_cells_free(c);
    return wb;
}

static void add_ok(fast_workbook *wb, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2, const fast_validation *v)
{
    fast_status st = fast_workbook_add_validation(wb, r1, c1, r2, c2, v);
    if (st != FAST_OK)
        fail_msg("fast_workbook_add_validation: %d %s", (int)st, fast_workbook_error_message(wb));
}

/* Write one rule over @ref-range and compare the whole <dataValidations>. */
static void expect_one(const fast_validation *v, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2,
                       const char *expected)
{
    tu_buf pkg = {0}, tail = {0};
    fast_workbook *wb = new_book(&pkg, 3);
    add_ok(wb, r1, c1, r2, c2, v);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &tail);
    char want[4096];
    snprintf(want, sizeof want, "<dataValidations count=\"1\">%s</dataValidations></worksheet>", expected);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data), want);
    tu_buf_free(&pkg);
    tu_buf_free(&tail);
}

static void test_types_and_operators(void **state)
{
    (void)state;
    fast_validation *v = fast_validation_new();
    assert_non_null(v);
    /* whole, greater than, as XlsxWriter's Excel-made data_validation files have it */
    assert_int_equal(fast_validation_set_type(v, FAST_VALIDATION_WHOLE), FAST_OK);
    assert_int_equal(fast_validation_set_operator(v, FAST_OPERATOR_GREATER_THAN), FAST_OK);
    assert_int_equal(fast_validation_set_number(v, 1, 10), FAST_OK);
    expect_one(v, 4, 1, 4, 1,
               "<dataValidation type=\"whole\" operator=\"greaterThan\" " DV_ATTRS " sqref=\"B5\">"
               "<formula1>10</formula1></dataValidation>");
    /* between is the default operator and not written; two formulas */
    assert_int_equal(fast_validation_set_type(v, FAST_VALIDATION_DECIMAL), FAST_OK);
    assert_int_equal(fast_validation_set_operator(v, FAST_OPERATOR_BETWEEN), FAST_OK);
    assert_int_equal(fast_validation_set_number(v, 1, -0.5), FAST_OK);
    assert_int_equal(fast_validation_set_formula(v, 2, "=$Z$1*2", 7), FAST_OK);
    expect_one(v, 0, 0, 9, 2,
               "<dataValidation type=\"decimal\" " DV_ATTRS " sqref=\"A1:C10\">"
               "<formula1>-0.5</formula1><formula2>$Z$1*2</formula2></dataValidation>");
    static const struct {
        int op;
        const char *name;
    } ops[] = {{FAST_OPERATOR_NOT_BETWEEN, "notBetween"},
               {FAST_OPERATOR_EQUAL, "equal"},
               {FAST_OPERATOR_NOT_EQUAL, "notEqual"},
               {FAST_OPERATOR_GREATER_THAN, "greaterThan"},
               {FAST_OPERATOR_LESS_THAN, "lessThan"},
               {FAST_OPERATOR_GREATER_THAN_OR_EQUAL, "greaterThanOrEqual"},
               {FAST_OPERATOR_LESS_THAN_OR_EQUAL, "lessThanOrEqual"}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        fast_validation *w = fast_validation_new();
        fast_validation_set_type(w, FAST_VALIDATION_TEXT_LENGTH);
        fast_validation_set_operator(w, ops[i].op);
        fast_validation_set_number(w, 1, 3);
        if (ops[i].op == FAST_OPERATOR_NOT_BETWEEN)
            fast_validation_set_number(w, 2, 8);
        char want[512];
        snprintf(want, sizeof want,
                 "<dataValidation type=\"textLength\" operator=\"%s\" " DV_ATTRS " sqref=\"A1\">"
                 "<formula1>3</formula1>%s</dataValidation>",
                 ops[i].name, ops[i].op == FAST_OPERATOR_NOT_BETWEEN ? "<formula2>8</formula2>" : "");
        expect_one(w, 0, 0, 0, 0, want);
        fast_validation_free(w);
    }
    fast_validation_free(v);
}

static void test_dates_times_custom_any(void **state)
{
    (void)state;
    fast_validation *v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_DATE);
    fast_validation_set_date(v, 1, 2011, 1, 1);
    fast_validation_set_date(v, 2, 2011, 12, 31);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"date\" " DV_ATTRS " sqref=\"A1\">"
               "<formula1>40544</formula1><formula2>40908</formula2></dataValidation>");
    fast_validation_free(v);

    v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_TIME);
    fast_validation_set_operator(v, FAST_OPERATOR_LESS_THAN_OR_EQUAL);
    fast_validation_set_time(v, 1, 18, 0, 0);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"time\" operator=\"lessThanOrEqual\" " DV_ATTRS " sqref=\"A1\">"
               "<formula1>0.75</formula1></dataValidation>");
    fast_validation_free(v);

    v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_CUSTOM);
    fast_validation_set_formula(v, 1, "AND(ISNUMBER(A1),A1<>\"x\")", 25);
    fast_validation_set_ignore_blank(v, 0);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"custom\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"A1\">"
               "<formula1>AND(ISNUMBER(A1),A1&lt;&gt;\"x\")</formula1></dataValidation>");
    fast_validation_free(v);

    /* any: only an input message, as data_validation08.xlsx */
    v = fast_validation_new();
    fast_validation_set_input_message(v, "This is the input title", 23, "This is the input message", 25);
    expect_one(v, 1, 2, 1, 2,
               "<dataValidation " DV_ATTRS " promptTitle=\"This is the input title\" "
               "prompt=\"This is the input message\" sqref=\"C2\"/>");
    fast_validation_free(v);
}

static void test_lists(void **state)
{
    (void)state;
    fast_validation *v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_LIST);
    fast_validation_add_list_item(v, "Foo", 3);
    fast_validation_add_list_item(v, "Bar", 3);
    fast_validation_add_list_item(v, "Baz", 3);
    fast_validation_set_input_message(v, "This is the input title", 23, "This is the input message", 25);
    /* data_validation02.xlsx */
    expect_one(v, 1, 2, 1, 2,
               "<dataValidation type=\"list\" " DV_ATTRS " promptTitle=\"This is the input title\" "
               "prompt=\"This is the input message\" sqref=\"C2\"><formula1>\"Foo,Bar,Baz\"</formula1>"
               "</dataValidation>");
    /* quotes doubled, XML escaped, non-ASCII kept; the dropdown hidden: showDropDown="1" */
    fast_validation_clear_list(v);
    fast_validation_add_list_item(v, "say \"hi\"", 8);
    fast_validation_add_list_item(v, "caf\xC3\xA9 & <tea>", 13);
    fast_validation_set_input_message(v, NULL, 0, NULL, 0);
    fast_validation_set_dropdown(v, 0);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"list\" allowBlank=\"1\" showDropDown=\"1\" showInputMessage=\"1\" "
               "showErrorMessage=\"1\" sqref=\"A1\"><formula1>\"say \"\"hi\"\",caf\xC3\xA9 &amp; &lt;tea&gt;\"</formula1>"
               "</dataValidation>");
    /* 255 characters of content with separators: accepted */
    fast_validation_clear_list(v);
    fast_validation_set_dropdown(v, 1);
    char item[256];
    memset(item, 'x', sizeof item);
    fast_validation_add_list_item(v, item, 127);
    fast_validation_add_list_item(v, item, 127);
    char want[1024];
    snprintf(want, sizeof want, "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A1\"><formula1>\"%.127s,%.127s\""
             "</formula1></dataValidation>", item, item);
    expect_one(v, 0, 0, 0, 0, want);
    fast_validation_free(v);

    /* a range on another sheet, quoted as internal links are, made absolute */
    v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_LIST);
    fast_validation_set_list_range(v, "Bob's lists", 11, "a1:$A20", 7);
    expect_one(v, 1, 0, FAST_LAST_ROW, 0,
               "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A2:A3\">"
               "<formula1>'Bob''s lists'!$A$1:$A$20</formula1></dataValidation>");
    fast_validation_set_list_range(v, "Lists", 5, "B3", 2);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A1\"><formula1>Lists!$B$3</formula1>"
               "</dataValidation>");
    /* the rule's own sheet */
    fast_validation_set_list_range(v, NULL, 0, "C1:D2", 5);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A1\"><formula1>Data!$C$1:$D$2</formula1>"
               "</dataValidation>");
    fast_validation_free(v);

    /* a defined name as the source */
    v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_LIST);
    fast_validation_set_formula(v, 1, "Colours", 7);
    expect_one(v, 0, 0, 0, 0,
               "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A1\"><formula1>Colours</formula1>"
               "</dataValidation>");
    fast_validation_free(v);
}

static void test_messages_and_styles(void **state)
{
    (void)state;
    static const char *const styles[] = {"", " errorStyle=\"warning\"", " errorStyle=\"information\""};
    for (int s = 0; s < 3; s++) {
        fast_validation *v = fast_validation_new();
        fast_validation_set_type(v, FAST_VALIDATION_WHOLE);
        fast_validation_set_operator(v, FAST_OPERATOR_EQUAL);
        fast_validation_set_number(v, 1, 7);
        fast_validation_set_input_message(v, "In", 2, "line 1\nline 2\t\"q\"", 17);
        fast_validation_set_error_message(v, s, "Bad", 3, "Only 7 & <nothing> else", 23);
        char want[1024];
        snprintf(want, sizeof want,
                 "<dataValidation type=\"whole\"%s operator=\"equal\" " DV_ATTRS " errorTitle=\"Bad\" "
                 "error=\"Only 7 &amp; &lt;nothing&gt; else\" promptTitle=\"In\" "
                 "prompt=\"line 1&#10;line 2&#9;&quot;q&quot;\" sqref=\"A1\"><formula1>7</formula1></dataValidation>",
                 styles[s]);
        expect_one(v, 0, 0, 0, 0, want);
        fast_validation_free(v);
    }
    /* the error alert off */
    fast_validation *v = fast_validation_new();
    fast_validation_set_error_alert(v, 0);
    fast_validation_set_input_message(v, "T", 1, NULL, 0);
    expect_one(v, 0, 0, 0, 0, "<dataValidation allowBlank=\"1\" showInputMessage=\"1\" promptTitle=\"T\" sqref=\"A1\"/>");
    /* titles of exactly 32 characters (multi-byte) and messages of 255: accepted */
    char title[32 * 2 + 1] = "", msg[256];
    for (int i = 0; i < 32; i++)
        strcat(title, "\xC3\xA9");
    memset(msg, 'm', 255);
    msg[255] = 0;
    fast_validation_set_input_message(v, title, 64, msg, 255);
    char want[1024];
    snprintf(want, sizeof want,
             "<dataValidation allowBlank=\"1\" showInputMessage=\"1\" promptTitle=\"%s\" prompt=\"%s\" sqref=\"A1\"/>",
             title, msg);
    expect_one(v, 0, 0, 0, 0, want);
    fast_validation_free(v);
}

/* Refusals: status, message, nothing added, the workbook goes on. */
static void expect_refused(fast_workbook *wb, const fast_validation *v, uint32_t r1, uint32_t c1, uint32_t r2,
                           uint32_t c2, fast_status status, const char *message)
{
    assert_int_equal(fast_workbook_add_validation(wb, r1, c1, r2, c2, v), status);
    assert_string_equal(fast_workbook_error_message(wb), message);
    assert_int_equal(fast_workbook_status(wb), FAST_OK);
}

static void test_refusals(void **state)
{
    (void)state;
    tu_buf pkg = {0}, tail = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    fast_validation *v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_LIST);
    fast_validation_add_list_item(v, "a", 1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_STATE,
                   "fast_workbook_add_validation: no worksheet; call fast_workbook_add_worksheet first");
    assert_int_equal(fast_workbook_add_worksheet(wb, "S", 1), FAST_OK);
    expect_refused(wb, NULL, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_add_validation: sheet 'S': NULL rule");
    /* bad ranges */
    expect_refused(wb, v, 5, 0, 4, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': range rows 5..4, columns 0..0 is out of bounds or "
                   "reversed (rows 0..1048575 or FAST_LAST_ROW, columns 0..16383, first <= last)");
    expect_refused(wb, v, 0, 0, 0, FAST_MAX_COLUMNS, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': range rows 0..0, columns 0..16384 is out of bounds or "
                   "reversed (rows 0..1048575 or FAST_LAST_ROW, columns 0..16383, first <= last)");
    expect_refused(wb, v, FAST_MAX_ROWS, 0, FAST_LAST_ROW, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': range rows 1048576..4294967295, columns 0..0 is out of "
                   "bounds or reversed (rows 0..1048575 or FAST_LAST_ROW, columns 0..16383, first <= last)");
    /* a 256-character list */
    char item[300];
    memset(item, 'y', sizeof item);
    fast_validation_clear_list(v);
    fast_validation_add_list_item(v, item, 128);
    fast_validation_add_list_item(v, item, 127);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': the list's 2 values take 256 characters with their "
                   "separators; Excel allows at most 255: put the values in cells and use "
                   "fast_validation_set_list_range()");
    fast_validation_clear_list(v);
    fast_validation_add_list_item(v, "a,b", 3);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': list value 1 holds ',', the list separator; put such "
                   "values in cells and use fast_validation_set_list_range()");
    fast_validation_clear_list(v);
    fast_validation_add_list_item(v, "", 0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': list value 1 is empty");
    { /* a list that never held a byte (found by fuzz_api under UBSan: pointer arithmetic on NULL) */
        fast_validation *e = fast_validation_new();
        fast_validation_set_type(e, FAST_VALIDATION_LIST);
        fast_validation_add_list_item(e, "", 0);
        expect_refused(wb, e, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                       "fast_workbook_add_validation: sheet 'S': list value 1 is empty");
        fast_validation_free(e);
    }
    fast_validation_clear_list(v);
    fast_validation_add_list_item(v, "\xC3", 1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_UTF8,
                   "fast_workbook_add_validation: sheet 'S': list value 1: invalid UTF-8 at byte 1");
    fast_validation_clear_list(v);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': a list needs exactly one source (literal values, a "
                   "range or a formula); 0 given");
    fast_validation_add_list_item(v, "a", 1);
    fast_validation_set_list_range(v, NULL, 0, "A1:A3", 5);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': a list needs exactly one source (literal values, a "
                   "range or a formula); 2 given");
    fast_validation_clear_list(v);
    fast_validation_set_list_range(v, "Other", 5, "A1:", 3);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': list range 'A1:' is not a cell or range reference such "
                   "as A1:A20");
    fast_validation_set_list_range(v, "a[b]", 4, "A1", 2);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_SHEET_NAME,
                   "fast_workbook_add_validation: sheet 'S': list range sheet name holds a character a sheet name "
                   "cannot have at byte 2");
    fast_validation_set_list_range(v, "'x", 2, "A1", 2);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_SHEET_NAME,
                   "fast_workbook_add_validation: sheet 'S': list range sheet name starts or ends with an apostrophe");
    /* a list with an operator, a bad operator, type, style */
    fast_validation_set_list_range(v, NULL, 0, "A1", 2);
    fast_validation_set_operator(v, FAST_OPERATOR_EQUAL);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': operator equal does not apply to a validation of type list");
    fast_validation_set_operator(v, 8);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': unknown operator 8 (FAST_OPERATOR_BETWEEN..LESS_THAN_OR_EQUAL)");
    fast_validation_set_operator(v, -1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': unknown operator -1 (FAST_OPERATOR_BETWEEN..LESS_THAN_OR_EQUAL)");
    fast_validation_set_operator(v, FAST_OPERATOR_BETWEEN);
    fast_validation_set_type(v, 8);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': unknown validation type 8");
    fast_validation_free(v);

    v = fast_validation_new();
    fast_validation_set_error_message(v, 3, NULL, 0, NULL, 0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': unknown error style 3");
    /* a 33-character title, a 256-character message */
    char text[300];
    memset(text, 't', sizeof text);
    fast_validation_set_error_message(v, FAST_ERROR_STYLE_STOP, text, 33, NULL, 0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': error title of 33 characters is longer than Excel's "
                   "limit of 32");
    fast_validation_set_error_message(v, FAST_ERROR_STYLE_STOP, NULL, 0, text, 256);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': error message of 256 characters is longer than Excel's "
                   "limit of 255");
    fast_validation_set_error_message(v, FAST_ERROR_STYLE_STOP, NULL, 0, NULL, 0);
    fast_validation_set_input_message(v, text, 33, NULL, 0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': input title of 33 characters is longer than Excel's "
                   "limit of 32");
    fast_validation_set_input_message(v, NULL, 0, text, 256);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': input message of 256 characters is longer than Excel's "
                   "limit of 255");
    fast_validation_set_input_message(v, "\xFF", 1, NULL, 0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_UTF8,
                   "fast_workbook_add_validation: sheet 'S': input title: invalid UTF-8 at byte 1");
    fast_validation_set_input_message(v, NULL, 0, NULL, 0);
    /* values: missing, extra, out of range */
    fast_validation_set_number(v, 1, 1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': a validation of type any takes no values");
    fast_validation_set_type(v, FAST_VALIDATION_WHOLE);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': value 2 (maximum) is missing");
    fast_validation_set_operator(v, FAST_OPERATOR_LESS_THAN);
    fast_validation_set_number(v, 2, 5);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': value 2 is given but lessThan takes one value");
    fast_validation_free(v);
    v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_DATE);
    fast_validation_set_operator(v, FAST_OPERATOR_GREATER_THAN);
    fast_validation_set_date(v, 1, 2023, 2, 29);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_DATE,
                   "fast_workbook_add_validation: sheet 'S': value 1: 2023-02-29 is not a date in 1900-01-01..9999-12-31");
    fast_validation_set_number(v, 1, 0.0 / 0.0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_NONFINITE_NUMBER,
                   "fast_workbook_add_validation: sheet 'S': value 1 is NaN or infinite");
    fast_validation_set_time(v, 1, 24, 0, 0);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': value 1: 24:00:00 is not a time of day");
    fast_validation_set_formula(v, 1, "=", 1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': value 1 is missing");
    fast_validation_set_type(v, FAST_VALIDATION_CUSTOM);
    fast_validation_set_operator(v, FAST_OPERATOR_BETWEEN);
    fast_validation_set_number(v, 1, 1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': a custom validation needs a formula as value 1");
    fast_validation_set_type(v, FAST_VALIDATION_WHOLE);
    fast_validation_add_list_item(v, "a", 1);
    expect_refused(wb, v, 0, 0, 0, 0, FAST_ERROR_INVALID_ARGUMENT,
                   "fast_workbook_add_validation: sheet 'S': list values or a list range are given for a validation "
                   "that is not a list");
    fast_validation_free(v);

    /* setter arguments */
    assert_int_equal(fast_validation_set_number(NULL, 1, 1), FAST_ERROR_INVALID_ARGUMENT);
    v = fast_validation_new();
    assert_int_equal(fast_validation_set_number(v, 0, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_validation_set_number(v, 3, 1), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_validation_set_formula(v, 1, NULL, 2), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_validation_add_list_item(v, NULL, 2), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_validation_set_list_range(v, NULL, 1, "A1", 2), FAST_ERROR_INVALID_ARGUMENT);
    assert_int_equal(fast_validation_set_input_message(v, NULL, 1, NULL, 0), FAST_ERROR_INVALID_ARGUMENT);
    fast_validation_free(NULL);

    /* the workbook goes on: a good rule after all the refusals is the only one written */
    fast_validation_set_type(v, FAST_VALIDATION_WHOLE);
    fast_validation_set_operator(v, FAST_OPERATOR_GREATER_THAN);
    fast_validation_set_number(v, 1, 0);
    add_ok(wb, 0, 0, 0, 0, v);
    fast_validation_free(v);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &tail);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data),
                        "<dataValidations count=\"1\"><dataValidation type=\"whole\" operator=\"greaterThan\" " DV_ATTRS
                        " sqref=\"A1\"><formula1>0</formula1></dataValidation></dataValidations></worksheet>");
    tu_buf_free(&pkg);
    tu_buf_free(&tail);

    /* after close */
    tu_buf pkg2 = {0};
    wb = new_book(&pkg2, 1);
    assert_int_equal(fast_workbook_close(wb), FAST_OK);
    v = fast_validation_new();
    assert_int_equal(fast_workbook_add_validation(wb, 0, 0, 0, 0, v), FAST_ERROR_CLOSED);
    assert_string_equal(fast_workbook_error_message(wb), "fast_workbook_add_validation: the workbook is already closed");
    assert_int_equal(fast_workbook_add_validation(NULL, 0, 0, 0, 0, v), FAST_ERROR_INVALID_ARGUMENT);
    fast_validation_free(v);
    fast_workbook_free(wb);
    tu_buf_free(&pkg2);
}

/* Several rules in the order given, resolved FAST_LAST_ROW, after mergeCells and
 * before hyperlinks (§18.3.1.99); a rule added after some rows were written. */
static void test_order_and_last_row(void **state)
{
    (void)state;
    tu_buf pkg = {0}, tail = {0};
    fast_workbook *wb = new_book(&pkg, 5);
    fast_validation *v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_WHOLE);
    fast_validation_set_operator(v, FAST_OPERATOR_GREATER_THAN);
    fast_validation_set_number(v, 1, 1);
    add_ok(wb, 1, 0, FAST_LAST_ROW, 1, v);
    fast_validation_set_number(v, 1, 2);
    add_ok(wb, 9, 3, FAST_LAST_ROW, 3, v); /* starts below the last row: one row */
    assert_int_equal(fast_workbook_merge_range(wb, 0, 4, 0, 5), FAST_OK);
    assert_int_equal(fast_workbook_add_hyperlink(wb, 0, 0, "https://example.com", 19), FAST_OK);
    assert_int_equal(fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, 1), FAST_OK);
    fast_validation_free(v);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &tail);
    tu_assert_str_bytes(tail.data, strlen((const char *)tail.data),
                        "<autoFilter ref=\"A1:B5\"/><mergeCells count=\"1\"><mergeCell ref=\"E1:F1\"/></mergeCells>"
                        "<dataValidations count=\"2\">"
                        "<dataValidation type=\"whole\" operator=\"greaterThan\" " DV_ATTRS " sqref=\"A2:B5\">"
                        "<formula1>1</formula1></dataValidation>"
                        "<dataValidation type=\"whole\" operator=\"greaterThan\" " DV_ATTRS " sqref=\"D10\">"
                        "<formula1>2</formula1></dataValidation></dataValidations>"
                        "<hyperlinks><hyperlink ref=\"A1\" r:id=\"rId1\"/></hyperlinks></worksheet>");
    tu_buf_free(&pkg);
    tu_buf_free(&tail);
}

/* Rules to FAST_LAST_ROW carry over to continuation sheets; fixed ones do not;
 * a new sheet starts without rules. */
static void test_continuation(void **state)
{
    (void)state;
    tu_buf pkg = {0}, t1 = {0}, t2 = {0}, t3 = {0}, t4 = {0};
    fast_workbook *wb = tu_callback_workbook(&pkg);
    assert_int_equal(fast_workbook_set_header_rows(wb, 1), FAST_OK);
    assert_int_equal(fast_workbook_set_rows_per_sheet(wb, 4), FAST_OK);
    assert_int_equal(fast_workbook_add_worksheet(wb, "Data", 4), FAST_OK);
    fast_validation *v = fast_validation_new();
    fast_validation_set_type(v, FAST_VALIDATION_LIST);
    fast_validation_add_list_item(v, "a", 1);
    fast_validation_add_list_item(v, "b", 1);
    add_ok(wb, 1, 0, FAST_LAST_ROW, 0, v);
    fast_validation_clear_list(v);
    fast_validation_add_list_item(v, "fixed", 5);
    add_ok(wb, 1, 1, 2, 1, v);
    fast_cells *c = fast_cells_new(1);
    for (int i = 0; i < 8; i++) { /* a header and 7 rows: 3 + 3 + 1 data rows */
        fast_cells_set_number(c, 0, i);
        tu_write_row(wb, c, 1);
    }
    assert_int_equal(fast_workbook_add_worksheet(wb, "Next", 4), FAST_OK);
    tu_write_row(wb, c, 1);
    fast_cells_free(c);
    fast_validation_free(v);
    tu_close_ok(wb);
    sheet_tail(&pkg, 1, &t1);
    sheet_tail(&pkg, 2, &t2);
    sheet_tail(&pkg, 3, &t3);
    sheet_tail(&pkg, 4, &t4);
#define LIST_AB "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"%s\"><formula1>\"a,b\"</formula1></dataValidation>"
    tu_assert_str_bytes(t1.data, strlen((const char *)t1.data),
                        "<dataValidations count=\"2\">"
                        "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A2:A4\"><formula1>\"a,b\"</formula1></dataValidation>"
                        "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"B2:B3\"><formula1>\"fixed\"</formula1></dataValidation>"
                        "</dataValidations></worksheet>");
    tu_assert_str_bytes(t2.data, strlen((const char *)t2.data),
                        "<dataValidations count=\"1\">"
                        "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A2:A4\"><formula1>\"a,b\"</formula1></dataValidation>"
                        "</dataValidations></worksheet>");
    tu_assert_str_bytes(t3.data, strlen((const char *)t3.data),
                        "<dataValidations count=\"1\">"
                        "<dataValidation type=\"list\" " DV_ATTRS " sqref=\"A2\"><formula1>\"a,b\"</formula1></dataValidation>"
                        "</dataValidations></worksheet>");
    tu_assert_str_bytes(t4.data, strlen((const char *)t4.data), "</worksheet>");
    tu_buf_free(&pkg);
    tu_buf_free(&t1);
    tu_buf_free(&t2);
    tu_buf_free(&t3);
    tu_buf_free(&t4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_operators),
        cmocka_unit_test(test_dates_times_custom_any),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_messages_and_styles),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_order_and_last_row),
        cmocka_unit_test(test_continuation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
