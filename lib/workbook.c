/*
 * workbook.c - the workbook handle: construction, settings, call-order rules,
 * the sheet list and close. Every public entry point checks the sticky error
 * first, so a failed workbook stays failed with its first message.
 */
#include "internal.h"
#include "workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_BUFFER_SIZE (256u * 1024u)
#define MAX_BUFFER_SIZE (64u * 1024u * 1024u)
#define DEFAULT_SST_STRINGS 100000u
#define DEFAULT_SST_BYTES (16u * 1024u * 1024u)
#define MAX_SST_STRINGS 0x7FFFFFFFu
#define DEFAULT_LEVEL 6

static fast_workbook *workbook_alloc(void)
{
    fast_workbook *wb = calloc(1, sizeof *wb);
    if (!wb) {
        errno = ENOMEM;
        return NULL;
    }
    wb->buffer_size = DEFAULT_BUFFER_SIZE;
    wb->sst_max_strings = DEFAULT_SST_STRINGS;
    wb->sst_max_bytes = DEFAULT_SST_BYTES;
    wb->level = DEFAULT_LEVEL;
    return wb;
}

FAST_API fast_workbook *fast_workbook_new(const char *path)
{
    fast_workbook *wb = workbook_alloc();
    if (wb && fx_sink_init_file(&wb->sink, path, &wb->err) != 0) {
        int e = errno;
        free(wb);
        errno = e;
        return NULL;
    }
    return wb;
}

FAST_API fast_workbook *fast_workbook_new_fd(int fd)
{
    fast_workbook *wb = workbook_alloc();
    if (wb && fx_sink_init_fd(&wb->sink, fd, &wb->err) != 0) {
        int e = errno;
        free(wb);
        errno = e;
        return NULL;
    }
    return wb;
}

FAST_API fast_workbook *fast_workbook_new_callback(fast_write_fn write, void *user)
{
    fast_workbook *wb = workbook_alloc();
    if (wb && fx_sink_init_callback(&wb->sink, write, user, &wb->err) != 0) {
        int e = errno;
        free(wb);
        errno = e;
        return NULL;
    }
    return wb;
}

FAST_API void fast_workbook_free(fast_workbook *wb)
{
    if (!wb)
        return;
    for (size_t i = 0; i < wb->nsheets; i++)
        free(wb->sheets[i].name);
    free(wb->sheets);
    free(wb->scratch);
    fx_pipeline_stop(&wb->pipe);
    fx_sst_free(&wb->sst);
    fx_xb_free(&wb->xb);
    fx_zip_free(&wb->zip);
    fx_sink_free(&wb->sink); /* removes an uncommitted temporary file */
    free(wb);
}

FAST_API fast_status fast_workbook_status(const fast_workbook *wb)
{
    return wb ? wb->err.status : FAST_ERROR_INVALID_ARGUMENT;
}

FAST_API const char *fast_workbook_error_message(const fast_workbook *wb)
{
    return wb ? wb->err.message : "no workbook (NULL handle)";
}

/* Common entry check: the sticky error, then whether the workbook is closed. */
static fast_status usable(fast_workbook *wb, const char *fn)
{
    if (wb->err.status != FAST_OK)
        return wb->err.status;
    if (wb->closed)
        return fx_fail(&wb->err, FAST_ERROR_CLOSED, "%s: the workbook is already closed", fn);
    return FAST_OK;
}

#define ENTER(wb, fn)                                  \
    do {                                               \
        if (!(wb))                                     \
            return FAST_ERROR_INVALID_ARGUMENT;        \
        fast_status enter_st_ = usable((wb), (fn));    \
        if (enter_st_ != FAST_OK)                      \
            return enter_st_;                          \
    } while (0)

/* ---- settings -------------------------------------------------------------- */

FAST_API fast_status fast_workbook_set_flush_interval(fast_workbook *wb, size_t rows)
{
    ENTER(wb, "fast_workbook_set_flush_interval");
    wb->flush_interval = rows;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_max_buffer_size(fast_workbook *wb, size_t bytes)
{
    ENTER(wb, "fast_workbook_set_max_buffer_size");
    if (wb->package_begun)
        return fx_fail(&wb->err, FAST_ERROR_STATE,
                       "fast_workbook_set_max_buffer_size: must be called before the first worksheet is added");
    if (bytes < FX_XB_MIN_CAPACITY || bytes > MAX_BUFFER_SIZE)
        return fx_fail(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "fast_workbook_set_max_buffer_size: %zu bytes is outside %u..%u", bytes,
                       FX_XB_MIN_CAPACITY, MAX_BUFFER_SIZE);
    wb->buffer_size = bytes;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_shared_strings_limit(fast_workbook *wb, size_t max_strings,
                                                             size_t max_bytes)
{
    ENTER(wb, "fast_workbook_set_shared_strings_limit");
    if (wb->any_row)
        return fx_fail(&wb->err, FAST_ERROR_STATE,
                       "fast_workbook_set_shared_strings_limit: must be called before the first row is written");
    if (max_strings > MAX_SST_STRINGS)
        return fx_fail(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "fast_workbook_set_shared_strings_limit: %zu strings is above the maximum %u",
                       max_strings, MAX_SST_STRINGS);
    wb->sst_max_strings = max_bytes ? max_strings : 0;
    wb->sst_max_bytes = max_strings ? max_bytes : 0;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_compression_level(fast_workbook *wb, int level)
{
    ENTER(wb, "fast_workbook_set_compression_level");
    if (wb->package_begun)
        return fx_fail(&wb->err, FAST_ERROR_STATE,
                       "fast_workbook_set_compression_level: must be called before the first worksheet is added");
    if (level < 0 || level > 9)
        return fx_fail(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "fast_workbook_set_compression_level: level %d is outside 0..9", level);
    wb->level = level;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_threads(fast_workbook *wb, unsigned threads)
{
    ENTER(wb, "fast_workbook_set_threads");
    if (wb->package_begun)
        return fx_fail(&wb->err, FAST_ERROR_STATE,
                       "fast_workbook_set_threads: must be called before the first worksheet is added");
    wb->threads = threads;
    return FAST_OK;
}

/* ---- content --------------------------------------------------------------- */

/* Create the ZIP writer and buffers and write the parts that precede the worksheets. */
static fast_status begin_package(fast_workbook *wb)
{
    if (wb->package_begun)
        return FAST_OK;
    wb->package_begun = 1;
    fast_status st = fx_zip_init(&wb->zip, &wb->sink, wb->level, &wb->err);
    if (st == FAST_OK)
        st = fx_xb_init(&wb->xb, wb->buffer_size, &wb->err);
    if (st == FAST_OK && wb->threads >= 2 &&
        (st = fx_pipeline_start(&wb->pipe, &wb->zip, wb->buffer_size, &wb->err)) == FAST_OK)
        wb->zip.pipe = &wb->pipe;
    if (st != FAST_OK)
        return st;
    wb->xb.out = fx_zip_out;
    wb->xb.out_ctx = &wb->zip;
    fx_sst_init(&wb->sst, wb->sst_max_strings, wb->sst_max_bytes);
    return fx_package_begin(wb);
}

static fx_sheet *current_sheet(fast_workbook *wb)
{
    return wb->nsheets ? &wb->sheets[wb->nsheets - 1] : NULL;
}

/* The first of "Sheet1", "Sheet2", ... that no sheet uses (case-insensitively). */
static void default_name(fast_workbook *wb, char *out, size_t cap)
{
    for (size_t k = wb->nsheets + 1;; k++) {
        snprintf(out, cap, "Sheet%zu", k);
        if (!fx_sheet_name_in_use(wb, out, strlen(out)))
            return;
    }
}

FAST_API fast_status fast_workbook_add_worksheet(fast_workbook *wb, const char *name, size_t len)
{
    ENTER(wb, "fast_workbook_add_worksheet");
    char defname[32];
    if (!name) {
        default_name(wb, defname, sizeof defname);
        name = defname;
        len = strlen(defname);
    }
    fast_status st = fx_sheet_check_name(wb, name, len);
    if (st != FAST_OK)
        return st;
    if ((st = begin_package(wb)) != FAST_OK)
        return st;
    fx_sheet *cur = current_sheet(wb);
    if (cur && (st = fx_sheet_finish(wb, cur)) != FAST_OK)
        return st;

    if (wb->nsheets == wb->capsheets) {
        size_t cap = wb->capsheets ? wb->capsheets * 2 : 8;
        fx_sheet *s = realloc(wb->sheets, cap * sizeof *s);
        if (!s)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory adding worksheet %zu",
                           wb->nsheets + 1);
        wb->sheets = s;
        wb->capsheets = cap;
    }
    fx_sheet *sh = &wb->sheets[wb->nsheets];
    memset(sh, 0, sizeof *sh);
    sh->name = malloc(len + 1);
    if (!sh->name)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory adding worksheet %zu", wb->nsheets + 1);
    memcpy(sh->name, name, len);
    sh->name[len] = 0;
    sh->name_len = len;
    sh->number = (uint32_t)wb->nsheets + 1;
    wb->nsheets++;
    return FAST_OK;
}

static fast_status write_cells(fast_workbook *wb, const fx_cell *cells, size_t n, const char *fn)
{
    fx_sheet *sh = current_sheet(wb);
    if (!sh)
        return fx_fail(&wb->err, FAST_ERROR_STATE,
                       "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    wb->any_row = 1;
    return fx_sheet_write_row(wb, sh, cells, n);
}

FAST_API fast_status fast_workbook_write_row(fast_workbook *wb, const fast_cells *cells, size_t n)
{
    ENTER(wb, "fast_workbook_write_row");
    if (!cells)
        return fx_fail(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_write_row: cells is NULL");
    if (n > cells->count)
        return fx_fail(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "fast_workbook_write_row: n = %zu but the cell array has %zu cells", n,
                       cells->count);
    return write_cells(wb, cells->cell, n, "fast_workbook_write_row");
}

FAST_API fast_status fast_workbook_write_row_strings(fast_workbook *wb, const char *const *values,
                                                      const size_t *lengths, size_t n)
{
    ENTER(wb, "fast_workbook_write_row_strings");
    if (!values && n)
        return fx_fail(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                       "fast_workbook_write_row_strings: values is NULL for %zu cells", n);
    if (n > FAST_MAX_COLUMNS)
        n = FAST_MAX_COLUMNS + 1; /* reported by the row check; no need to convert more */
    if (n > wb->nscratch) {
        fx_cell *c = realloc(wb->scratch, n * sizeof *c);
        if (!c)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory converting a row of %zu strings", n);
        wb->scratch = c;
        wb->nscratch = n;
    }
    for (size_t i = 0; i < n; i++) {
        fx_cell *c = &wb->scratch[i];
        if (!values[i]) {
            c->type = FX_CELL_BLANK;
        } else {
            c->type = FX_CELL_STRING;
            c->v.str.ptr = values[i];
            c->v.str.len = lengths ? lengths[i] : strlen(values[i]);
        }
    }
    return write_cells(wb, wb->scratch, n, "fast_workbook_write_row_strings");
}

FAST_API fast_status fast_workbook_close(fast_workbook *wb)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (wb->closed)
        return wb->close_status;
    fast_status st = wb->err.status;
    if (st == FAST_OK && wb->nsheets == 0)
        st = fast_workbook_add_worksheet(wb, NULL, 0);
    if (st == FAST_OK)
        st = begin_package(wb);
    if (st == FAST_OK)
        st = fx_sheet_finish(wb, current_sheet(wb));
    if (st == FAST_OK)
        st = fx_package_finish(wb);
    fx_pipeline_stop(&wb->pipe); /* idle by now: finishing waited for it */
    wb->zip.pipe = NULL;
    if (st == FAST_OK)
        st = wb->err.status; /* a failure the worker had when it stopped */
    if (st == FAST_OK)
        st = fx_sink_commit(&wb->sink);
    wb->closed = 1;
    wb->close_status = st;
    if (st != FAST_OK) {
        /* Discard the output now rather than at free: no partial file lingers. */
        fx_sink_free(&wb->sink);
    }
    return st;
}
