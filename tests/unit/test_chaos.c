/*
 * test_chaos.c - fail the Nth memory allocation, for every N, during a complete
 * workbook (file output, several sheets, shared and inline strings, close): each
 * run must end in FAST_ERROR_NOMEM (or NULL with ENOMEM from a constructor),
 * never crash, never leak (this test also runs under AddressSanitizer and
 * valgrind), and never leave a file behind. malloc, calloc and realloc are
 * replaced with the linker's --wrap for the library's objects.
 */
#include <fastxlsx.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

/* Atomic: with threads on, the compression worker allocates too. */
static _Atomic long alloc_count, fail_at; /* fail_at 0: never fail */
static int threads;                       /* the scenario's fast_workbook_set_threads() */

static int should_fail(void)
{
    return ++alloc_count == fail_at;
}

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    return should_fail() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

static const char *path = "/tmp/fastxlsx-chaos.xlsx";

/* The scenario; returns the first non-OK status (FAST_ERROR_NOMEM for a NULL constructor). */
static fast_status scenario(void)
{
    fast_workbook *wb = fast_workbook_new(path);
    if (!wb) {
        assert_int_equal(errno, ENOMEM);
        return FAST_ERROR_NOMEM;
    }
    fast_cells *c = fast_cells_new(4);
    if (!c) {
        fast_workbook_free(wb);
        return FAST_ERROR_NOMEM;
    }
    fast_status st = fast_workbook_set_shared_strings_limit(wb, 300, 1 << 20);
    if (st == FAST_OK && threads) {
        st = fast_workbook_set_threads(wb, (unsigned int)threads);
        if (st == FAST_OK)
            st = fast_workbook_set_max_buffer_size(wb, 4096); /* many buffers through the worker */
    }
    for (int s = 0; s < 3 && st == FAST_OK; s++) {
        st = fast_workbook_add_worksheet(wb, NULL, 0);
        for (int r = 0; r < 400 && st == FAST_OK; r++) {
            char text[32];
            int n = snprintf(text, sizeof text, "text %d", r);
            fast_cells_set_string(c, 0, text, (size_t)n);
            fast_cells_set_number(c, 1, r / 3.0);
            fast_cells_set_integer(c, 2, r);
            fast_cells_set_boolean(c, 3, r & 1);
            st = fast_workbook_write_row(wb, c, 4);
        }
        const char *v[2] = {"a", NULL};
        if (st == FAST_OK)
            st = fast_workbook_write_row_strings(wb, v, NULL, 2);
        /* The calls for bindings: copied text (allocates per cell) and a typed row. */
        if (st == FAST_OK && fast_cells_set_string_copy(c, 0, "copied text", 11) != FAST_OK) {
            /* A failure of the cell array's own memory: the workbook is untouched and abandoned. */
            assert_int_equal(fast_workbook_status(wb), FAST_OK);
            fast_cells_free(c);
            fast_workbook_free(wb);
            return FAST_ERROR_NOMEM;
        }

        if (st == FAST_OK)
            st = fast_workbook_write_row(wb, c, 4);
        /* A data validation and conditional formats with a dxf, to the last row (carried over on
         * no continuation here, but kept until the sheet ends). Failures of the rule handles' own
         * memory leave the workbook untouched, which is then abandoned. */
        if (st == FAST_OK) {
            fast_validation *dv = fast_validation_new();
            fast_cond_format *cf = fast_cond_format_new();
            int own = !dv || !cf || fast_validation_set_type(dv, FAST_VALIDATION_LIST) != FAST_OK ||
                      fast_validation_add_list_item(dv, "a", 1) != FAST_OK ||
                      fast_validation_set_input_message(dv, "T", 1, "message", 7) != FAST_OK ||
                      fast_cond_format_set_text(cf, "x", 1) != FAST_OK;
            if (own) {
                fast_validation_free(dv);
                fast_cond_format_free(cf);
                assert_int_equal(fast_workbook_status(wb), FAST_OK);
                fast_cells_free(c);
                fast_workbook_free(wb);
                return FAST_ERROR_NOMEM;
            }
            fast_format *f = fast_workbook_add_format(wb);
            if (!f)
                st = fast_workbook_status(wb);
            if (st == FAST_OK)
                st = fast_format_set_bold(f, 1);
            if (st == FAST_OK)
                st = fast_workbook_add_validation(wb, 1, 0, FAST_LAST_ROW, 0, dv);
            if (st == FAST_OK)
                st = fast_cond_format_set_type(cf, FAST_COND_CONTAINS_TEXT);
            if (st == FAST_OK)
                st = fast_cond_format_set_format(cf, f);
            if (st == FAST_OK)
                st = fast_workbook_add_cond_format(wb, 1, 0, FAST_LAST_ROW, 0, cf);
            if (st == FAST_OK && (st = fast_cond_format_set_format(cf, NULL)) == FAST_OK &&
                (st = fast_cond_format_set_text(cf, NULL, 0)) == FAST_OK &&
                (st = fast_cond_format_set_type(cf, FAST_COND_DATA_BAR)) == FAST_OK)
                st = fast_workbook_add_cond_format(wb, 1, 1, 9, 1, cf);
            fast_validation_free(dv);
            fast_cond_format_free(cf);
        }
        const uint8_t types[2] = {FAST_TYPE_STRING, FAST_TYPE_DATE};
        const int64_t ints[2] = {0, 19000};
        if (st == FAST_OK)
            st = fast_workbook_write_row_typed(wb, types, NULL, ints, v, NULL, NULL, 2);
    }
    if (st == FAST_OK)
        st = fast_workbook_close(wb);
    else
        assert_int_equal(fast_workbook_close(wb), st); /* sticky */
    fast_cells_free(c);
    fast_workbook_free(wb);
    return st;
}

static void every_allocation_failure(int with_threads)
{
    threads = with_threads;
    fail_at = 0;
    alloc_count = 0;
    assert_int_equal(scenario(), FAST_OK);
    long total = alloc_count;
    assert_true(total > 10);
    unlink(path);
    for (long n = 1; n <= total; n++) {
        fail_at = n;
        alloc_count = 0;
        fast_status st = scenario();
        if (st != FAST_ERROR_NOMEM)
            fail_msg("allocation %ld of %ld failed but the workbook returned %d", n, total, st);
        if (access(path, F_OK) == 0)
            fail_msg("allocation %ld failed but %s exists", n, path);
    }
    fail_at = 0;
}

static void test_every_allocation_failure(void **state)
{
    (void)state;
    every_allocation_failure(0);
}

/* With the compression thread: a failure on either thread reaches the caller. */
static void test_every_allocation_failure_threads(void **state)
{
    (void)state;
    every_allocation_failure(2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_failure),
        cmocka_unit_test(test_every_allocation_failure_threads),
    };
    return cmocka_run_group_tests_name("chaos", tests, NULL, NULL);
}
