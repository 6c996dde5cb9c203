/*
 * workbook.c - the workbook handle: construction, settings, call-order rules,
 * the sheet list and close. Every public entry point checks the sticky error
 * first, so a failed workbook stays failed with its first message. A call that
 * fails before changing anything reports with fx_reject() and leaves the
 * workbook usable; out of memory is always sticky (fx_fail()).
 */
#include "internal.h"
#include "image.h"
#include "chart.h"
#include "names.h"
#include "outline.h"
#include "reference.h"
#include "workbook.h"
#include "defnames.h"
#include "xml.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_BUFFER_SIZE (256u * 1024u)
#define MAX_BUFFER_SIZE (64u * 1024u * 1024u)
#define DEFAULT_SST_STRINGS 100000u
#define DEFAULT_SST_BYTES (16u * 1024u * 1024u)
#define MAX_SST_STRINGS 0x7FFFFFFFu
/* The default deflate level, chosen per backend from bench/README.md's levels
 * table (W1, every cell reference): ISA-L's level 1 is the fastest and within
 * 1.2x libxlsxwriter's size (higher levels gain 6% for twice the time); zlib's
 * level 1 is 1.25x and level 2 still 1.22x, level 3 is 1.10x for 1.5x the time. */
#ifdef FX_HAVE_ISAL
#define DEFAULT_LEVEL 1
#else
#define DEFAULT_LEVEL 3
#endif
#define DEFAULT_ROW_MEMORY (4u * 1024u * 1024u)
#define MIN_ROW_MEMORY (64u * 1024u)
/* Every cell's r by default: several common readers misread cells without one
 * (see fast_workbook_set_cell_references). The reader matrix (tests/readers)
 * builds the library with 0 to test the compact form as a default too. */
#ifndef FX_DEFAULT_CELL_REFERENCES
#define FX_DEFAULT_CELL_REFERENCES 1
#endif

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
    wb->all_refs = FX_DEFAULT_CELL_REFERENCES;
    wb->rows_per_sheet = FAST_MAX_ROWS;
    wb->row_policy = FAST_ROWS_CONTINUE;
    wb->row_memory = DEFAULT_ROW_MEMORY;
    wb->all_refs = 1;
    fx_styles_init(&wb->styles, &wb->err);
    return wb;
}

/* Why the calling thread's last fast_workbook_new() returned NULL, for
 * fast_workbook_error_message(NULL): there is no handle to hold it. */
static _Thread_local char new_failure[FX_MESSAGE_MAX];

FAST_API fast_workbook *fast_workbook_new(const char *path)
{
    fast_workbook *wb = workbook_alloc();
    if (!wb) {
        snprintf(new_failure, sizeof new_failure, "fast_workbook_new: out of memory");
        errno = ENOMEM;
        return NULL;
    }
    if (fx_sink_init_file(&wb->sink, path, &wb->err) != 0) {
        int e = errno;
        char eb[128];
        if (strerror_r(e, eb, sizeof eb) != 0) /* the XSI one: _POSIX_C_SOURCE */
            snprintf(eb, sizeof eb, "errno %d", e);
        if (wb->err.message[0]) {
            static const char fn[] = "fast_workbook_new: ";
            size_t k = sizeof fn - 1, m = strlen(wb->err.message);
            size_t keep = fx_utf8_prefix(wb->err.message, m, sizeof new_failure - 1 - k); /* whole characters */
            memcpy(new_failure, fn, k);
            memcpy(new_failure + k, wb->err.message, keep);
            new_failure[k + keep] = 0;
        } else
            snprintf(new_failure, sizeof new_failure, "fast_workbook_new: '%s': %s", path ? path : "(NULL)", eb);
        fx_styles_free(&wb->styles);
        free(wb);
        errno = e;
        return NULL;
    }
    new_failure[0] = 0;
    return wb;
}

FAST_API fast_workbook *fast_workbook_new_fd(int fd)
{
    fast_workbook *wb = workbook_alloc();
    if (wb && fx_sink_init_fd(&wb->sink, fd, &wb->err) != 0) {
        int e = errno;
        fx_styles_free(&wb->styles);
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
        fx_styles_free(&wb->styles);
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
        fx_sheet_free(&wb->sheets[i]);
    free(wb->sheets);
    free(wb->scratch);
    free(wb->rcells);
    free(wb->sst_misses);
    fx_saved_rows_free(wb);
    for (int i = 0; i < 4; i++)
        free(wb->props[i]);
    fx_pipeline_stop(&wb->pipe);
    fx_styles_free(&wb->styles);
    fx_sst_free(&wb->sst);
    fx_xb_free(&wb->xb);
    fx_zip_free(&wb->zip);
    fx_package_free(&wb->pkg);
    fx_tables_free(&wb->tables);
    fx_images_free(wb);
    fx_charts_free(wb);
    fx_defnames_free(wb);
    fx_sink_free(&wb->sink); /* removes an uncommitted temporary file */
    free(wb);
}

FAST_API fast_status fast_workbook_status(const fast_workbook *wb)
{
    return wb ? wb->err.status : FAST_ERROR_INVALID_ARGUMENT;
}

FAST_API uint64_t fast_workbook_bytes_written(const fast_workbook *wb)
{
    return wb ? wb->sink.offset - wb->sink.len : 0;
}

FAST_API fast_status fast_workbook_abandon(fast_workbook *wb, const char *reason, size_t len)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (!reason)
        len = 0;
    if (len > INT_MAX)
        len = INT_MAX;
    /* The file is committed: there is nothing left to give up, and the status stays FAST_OK. */
    if (wb->closed && wb->close_status == FAST_OK)
        return fx_reject(&wb->err, FAST_ERROR_CLOSED,
                         "fast_workbook_abandon: the workbook was closed and its output committed; nothing was "
                         "abandoned");
    return fx_fail(&wb->err, FAST_ERROR_ABANDONED, "abandoned: %.*s", (int)len, reason ? reason : "");
}

FAST_API const char *fast_workbook_error_message(const fast_workbook *wb)
{
    if (!wb)
        return new_failure[0] ? new_failure : "no workbook (NULL handle)";
    return wb->err.message;
}

fast_status fx_workbook_usable(fast_workbook *wb, const char *fn)
{
    if (wb->err.status != FAST_OK)
        return wb->err.status;
    if (wb->closed)
        return fx_reject(&wb->err, FAST_ERROR_CLOSED, "%s: the workbook is already closed", fn);
    return FAST_OK;
}

fast_status fx_sheet_object_usable(fast_workbook *wb, const char *fn, const char *what, size_t sheet, int ended)
{
    fast_status st = fx_workbook_usable(wb, fn);
    if (st == FAST_OK && ended)
        st = fx_reject(&wb->err, FAST_ERROR_TOO_LATE, "%s: the %s's sheet '%s' has ended", fn, what,
                       wb->sheets[sheet].name);
    return st;
}

#define ENTER(wb, fn)                                  \
    do {                                               \
        if (!(wb))                                     \
            return FAST_ERROR_INVALID_ARGUMENT;        \
        fast_status enter_st_ = fx_workbook_usable((wb), (fn));    \
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
        return fx_reject(&wb->err, FAST_ERROR_STATE,
                         "fast_workbook_set_max_buffer_size: must be called before the first worksheet is added");
    if (bytes < FX_XB_MIN_CAPACITY || bytes > MAX_BUFFER_SIZE)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
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
        return fx_reject(&wb->err, FAST_ERROR_STATE,
                         "fast_workbook_set_shared_strings_limit: must be called before the first row is written");
    if (max_strings > MAX_SST_STRINGS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_shared_strings_limit: %zu strings is above the maximum %u",
                         max_strings, MAX_SST_STRINGS);
    wb->sst_max_strings = max_bytes ? max_strings : 0;
    wb->sst_max_bytes = max_strings ? max_bytes : 0;
    if (wb->package_begun) {
        /* The table exists already (empty: no row yet): give it the new cap. */
        fx_sst_free(&wb->sst);
        fx_sst_init(&wb->sst, wb->sst_max_strings, wb->sst_max_bytes);
    }
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_compression_level(fast_workbook *wb, int level)
{
    ENTER(wb, "fast_workbook_set_compression_level");
    if (wb->package_begun)
        return fx_reject(&wb->err, FAST_ERROR_STATE,
                         "fast_workbook_set_compression_level: must be called before the first worksheet is added");
    if (level < 0 || level > 9)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_compression_level: level %d is outside 0..9", level);
    wb->level = level;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_cell_references(fast_workbook *wb, int always)
{
    ENTER(wb, "fast_workbook_set_cell_references");
    wb->all_refs = always != 0;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_zip64(fast_workbook *wb, int mode)
{
    ENTER(wb, "fast_workbook_set_zip64");
    if (wb->package_begun)
        return fx_reject(&wb->err, FAST_ERROR_STATE,
                         "fast_workbook_set_zip64: must be called before the first worksheet is added");
    if (mode != FAST_ZIP64_AS_NEEDED && mode != FAST_ZIP64_WORKSHEETS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_zip64: unknown mode %d", mode);
    wb->zip64 = mode;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_threads(fast_workbook *wb, unsigned threads)
{
    ENTER(wb, "fast_workbook_set_threads");
    if (wb->package_begun)
        return fx_reject(&wb->err, FAST_ERROR_STATE,
                         "fast_workbook_set_threads: must be called before the first worksheet is added");
    if (threads > FX_PIPELINE_MAX_WORKERS + 1)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_threads: %u threads is more than %u",
                         threads, FX_PIPELINE_MAX_WORKERS + 1);
    wb->threads = threads;
    return FAST_OK;
}

/* ---- content --------------------------------------------------------------- */

/* Create the ZIP writer and buffers (no part precedes the worksheets: lib/package.c). */
static fast_status begin_package(fast_workbook *wb)
{
    if (wb->package_begun)
        return FAST_OK;
    wb->package_begun = 1;
    fast_status st = fx_zip_init(&wb->zip, &wb->sink, wb->level, &wb->err);
    wb->zip.chunk_bytes = FX_ZIP_CHUNK_BUFFERS * wb->buffer_size;
    if (st == FAST_OK)
        st = fx_xb_init(&wb->xb, wb->buffer_size, &wb->err);
    wb->xb.out = fx_zip_out;
    wb->xb.out_ctx = &wb->zip;
    /* Routes the XML buffer, and the rows, through the workers. */
    if (st == FAST_OK && wb->threads >= 2)
        st = fx_pipeline_start(&wb->pipe, &wb->zip, &wb->xb, wb->threads - 1, &wb->err);
    if (st != FAST_OK)
        return st;
    fx_sst_init(&wb->sst, wb->sst_max_strings, wb->sst_max_bytes);
    return FAST_OK;
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
    if (st == FAST_OK)
        st = fx_tables_sheet_can_end(wb, "fast_workbook_add_worksheet");
    if (st != FAST_OK)
        return st;
    if ((st = begin_package(wb)) != FAST_OK)
        return st;
    return fx_sheet_add(wb, name, len);
}

static fast_status write_cells(fast_workbook *wb, const fx_cell *cells, size_t n, const fast_format *row_format,
                               double height, uint32_t outline, const char *fn)
{
    if (!fx_current_sheet(wb))
        return fx_reject(&wb->err, FAST_ERROR_STATE,
                         "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    fast_status st;
    if (outline && (st = fx_outline_check_row(wb, outline, fn)) != FAST_OK)
        return st;
    wb->row_outline = outline;
    st = fx_sheet_write_row(wb, cells, n, row_format, height);
    wb->row_outline = 0;
    if (st == FAST_OK) {
        wb->any_row = 1; /* a row refused by its checks wrote nothing */
        wb->next_outline = 0;
    }
    return st;
}

FAST_API fast_status fast_workbook_write_row(fast_workbook *wb, const fast_cells *cells, size_t n)
{
    ENTER(wb, "fast_workbook_write_row");
    if (!cells)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_write_row: cells is NULL");
    if (n > cells->count)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_write_row: n = %zu but the cell array has %zu cells", n,
                         cells->count);
    return write_cells(wb, cells->cell, n, cells->row_format, cells->row_height,
                       cells->row_outline ? cells->row_outline : wb->next_outline, "fast_workbook_write_row");
}

/* Room for @n cells in wb->scratch, the cells a row given as arrays is converted
 * to (at most FAST_MAX_COLUMNS + 1: a wider row is refused by the row check). */
static fast_status scratch_cells(fast_workbook *wb, size_t *n)
{
    if (*n > FAST_MAX_COLUMNS)
        *n = FAST_MAX_COLUMNS + 1;
    if (*n > wb->nscratch) {
        fx_cell *c = realloc(wb->scratch, *n * sizeof *c);
        if (!c)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "out of memory converting a row of %zu cells", *n);
        wb->scratch = c;
        wb->nscratch = *n;
    }
    return FAST_OK;
}

FAST_API fast_status fast_workbook_write_row_strings(fast_workbook *wb, const char *const *values,
                                                      const size_t *lengths, size_t n)
{
    ENTER(wb, "fast_workbook_write_row_strings");
    if (!values && n)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_write_row_strings: values is NULL for %zu cells", n);
    fast_status grown = scratch_cells(wb, &n);
    if (grown != FAST_OK)
        return grown;
    for (size_t i = 0; i < n; i++) {
        fx_cell *c = &wb->scratch[i];
        c->format = NULL;
        if (!values[i]) {
            c->type = FX_CELL_BLANK;
        } else {
            c->type = FX_CELL_STRING;
            c->v.str.ptr = values[i];
            c->v.str.len = lengths ? lengths[i] : strlen(values[i]);
        }
    }
    return write_cells(wb, wb->scratch, n, NULL, 0, wb->next_outline, "fast_workbook_write_row_strings");
}

/* A row of parallel arrays (typed or packed), converted into the scratch cells. */
static fast_status write_arrays(fast_workbook *wb, const char *fn, const uint8_t *types, const double *numbers,
                                const int64_t *integers, const char *const *texts, const size_t *lengths,
                                const fx_packed_text *packed, const fast_format *const *formats, size_t n)
{
    ENTER(wb, fn);
    if (!types && n)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: types is NULL for %zu cells", fn, n);
    if (packed && !packed->data && packed->len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: text is NULL with %zu bytes", fn, packed->len);
    size_t asked = n;
    fast_status grown = scratch_cells(wb, &n);
    if (grown != FAST_OK)
        return grown;
    size_t bad = 0;
    char why[96];
    fast_status st = fx_cells_from_arrays(wb->scratch, types, numbers, integers, texts, lengths, packed, formats, n,
                                          n < asked, &bad, why, sizeof why);
    if (st != FAST_OK) {
        fx_sheet *sh = fx_current_sheet(wb);
        char col[FX_COL_NAME_MAX + 1];
        col[fx_col_name((uint32_t)bad, col)] = 0;
        return fx_reject(&wb->err, st, "%s: sheet '%s', row %u, column %s: %s", fn, sh ? sh->name : "(none)",
                         sh ? (unsigned)sh->rows + 1 : 0u, col, why);
    }
    /* A row wider than FAST_MAX_COLUMNS + 1 cells was converted only that far: the
     * row checks refuse it for its width (FAST_ERROR_COLUMN_LIMIT, naming the
     * count asked for) before they read any cell. */
    return write_cells(wb, wb->scratch, asked, NULL, 0, wb->next_outline, fn);
}

FAST_API fast_status fast_workbook_write_row_typed(fast_workbook *wb, const uint8_t *types, const double *numbers,
                                                    const int64_t *integers, const char *const *texts,
                                                    const size_t *lengths, const fast_format *const *formats,
                                                    size_t n)
{
    return write_arrays(wb, "fast_workbook_write_row_typed", types, numbers, integers, texts, lengths, NULL,
                        formats, n);
}

FAST_API fast_status fast_workbook_write_row_packed(fast_workbook *wb, const uint8_t *types, const double *numbers,
                                                     const int64_t *integers, const char *text, size_t text_len,
                                                     const fast_format *const *formats, size_t n)
{
    fx_packed_text packed = {text, text_len};
    return write_arrays(wb, "fast_workbook_write_row_packed", types, numbers, integers, NULL, NULL, &packed,
                        formats, n);
}

FAST_API fast_status fast_workbook_close(fast_workbook *wb)
{
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    if (wb->closed)
        return wb->close_status;
    fast_status st = wb->err.status;
    if (st == FAST_OK && (st = fx_tables_sheet_can_end(wb, "fast_workbook_close")) != FAST_OK)
        return st; /* nothing done: the workbook goes on */
    if (st == FAST_OK && wb->nsheets == 0)
        st = fast_workbook_add_worksheet(wb, NULL, 0);
    if (st == FAST_OK)
        st = begin_package(wb);
    if (st == FAST_OK)
        st = fx_sheet_finish(wb, fx_current_sheet(wb));
    if (st == FAST_OK)
        st = fx_package_finish(wb);
    fx_pipeline_stop(&wb->pipe); /* idle by now: finishing waited for it */
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

/* ---- formats ------------------------------------------------------------------ */

FAST_API fast_format *fast_workbook_add_format(fast_workbook *wb)
{
    if (!wb || fx_workbook_usable(wb, "fast_workbook_add_format") != FAST_OK)
        return NULL;
    return fx_styles_new_format(&wb->styles);
}

/* ---- worksheet features --------------------------------------------------------------- */

/* The current sheet, for a setting that must come before its first row (@early). */
static fast_status sheet_for(fast_workbook *wb, const char *fn, int early, fx_sheet **out)
{
    fx_sheet *sh = fx_current_sheet(wb);
    if (!sh)
        return fx_reject(&wb->err, FAST_ERROR_STATE, "%s: no worksheet; call fast_workbook_add_worksheet first", fn);
    if (early && sh->rows > 0)
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE,
                         "%s: sheet '%s' already has rows; this must come before its first row, because it is "
                         "written before the rows (ECMA-376 Part 1 §18.3.1.99)",
                         fn, sh->name);
    *out = sh;
    return FAST_OK;
}

static fast_status check_range(fast_workbook *wb, const char *fn, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2,
                               int last_row_ok)
{
    if (r1 >= FAST_MAX_ROWS || c1 >= FAST_MAX_COLUMNS || c2 >= FAST_MAX_COLUMNS || c2 < c1 ||
        (r2 != FAST_LAST_ROW || !last_row_ok ? (r2 >= FAST_MAX_ROWS || r2 < r1) : 0))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: range rows %u..%u, columns %u..%u is out of bounds or reversed", fn, (unsigned)r1,
                         (unsigned)r2, (unsigned)c1, (unsigned)c2);
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_column_width(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                    double width)
{
    ENTER(wb, "fast_workbook_set_column_width");
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, "fast_workbook_set_column_width", 1, &sh);
    if (st != FAST_OK)
        return st;
    if (first_col > last_col || last_col >= FAST_MAX_COLUMNS || !(width >= 0 && width <= 255))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_column_width: columns %u..%u, width %g out of range", (unsigned)first_col,
                         (unsigned)last_col, width);
    fx_sheet_setup *su = &sh->setup;
    /* A new range replaces the parts of older ones it covers. */
    size_t k = 0;
    fx_col_range *cols = malloc((su->ncols * 2 + 1) * sizeof *cols);
    if (!cols)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "fast_workbook_set_column_width: out of memory");
    for (size_t i = 0; i < su->ncols; i++) {
        fx_col_range r = su->cols[i];
        if (r.last < first_col || r.first > last_col) {
            cols[k++] = r;
            continue;
        }
        if (r.first < first_col)
            cols[k++] = (fx_col_range){r.first, first_col - 1, r.width};
        if (r.last > last_col)
            cols[k++] = (fx_col_range){last_col + 1, r.last, r.width};
    }
    cols[k++] = (fx_col_range){first_col, last_col, width};
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && cols[j - 1].first > cols[j].first; j--) {
            fx_col_range t = cols[j];
            cols[j] = cols[j - 1];
            cols[j - 1] = t;
        }
    free(su->cols);
    su->cols = cols;
    su->ncols = k;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_column_format(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                     const fast_format *format)
{
    ENTER(wb, "fast_workbook_set_column_format");
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, "fast_workbook_set_column_format", 1, &sh);
    if (st != FAST_OK)
        return st;
    if (first_col > last_col || last_col >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_column_format: columns %u..%u out of range or reversed", (unsigned)first_col,
                         (unsigned)last_col);
    if (format && format->owner != &wb->styles)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_column_format: the format belongs to another workbook");
    fx_sheet_setup *su = &sh->setup;
    if (format && last_col >= su->ncol_formats) {
        const fast_format **f = realloc(su->col_formats, (last_col + 1) * sizeof *f);
        if (!f)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "fast_workbook_set_column_format: out of memory");
        for (size_t i = su->ncol_formats; i <= last_col; i++)
            f[i] = NULL;
        su->col_formats = f;
        su->ncol_formats = last_col + 1;
    }
    for (size_t i = first_col; i <= last_col && i < su->ncol_formats; i++)
        su->col_formats[i] = format;
    /* Trailing columns without a format need no entry. */
    while (su->ncol_formats && !su->col_formats[su->ncol_formats - 1])
        su->ncol_formats--;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_autofit_rows(fast_workbook *wb, uint32_t rows)
{
    ENTER(wb, "fast_workbook_set_autofit_rows");
    fx_sheet *sh = fx_current_sheet(wb);
    if (sh && sh->rows > 0)
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE,
                         "fast_workbook_set_autofit_rows: sheet '%s' already has rows", sh->name);
    wb->autofit_rows = rows;
    if (sh)
        sh->setup.autofit_rows = rows;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_row_memory_limit(fast_workbook *wb, size_t bytes)
{
    ENTER(wb, "fast_workbook_set_row_memory_limit");
    if (bytes < MIN_ROW_MEMORY)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_row_memory_limit: %zu bytes is below the minimum %u", bytes,
                         MIN_ROW_MEMORY);
    wb->row_memory = bytes;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_freeze_panes(fast_workbook *wb, uint32_t rows, uint32_t cols)
{
    ENTER(wb, "fast_workbook_freeze_panes");
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, "fast_workbook_freeze_panes", 1, &sh);
    if (st != FAST_OK)
        return st;
    if (rows >= FAST_MAX_ROWS || cols >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_freeze_panes: %u rows, %u columns out of range",
                         (unsigned)rows, (unsigned)cols);
    sh->setup.freeze_rows = rows;
    sh->setup.freeze_cols = cols;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_autofilter(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col)
{
    ENTER(wb, "fast_workbook_set_autofilter");
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, "fast_workbook_set_autofilter", 0, &sh);
    if (st == FAST_OK)
        st = check_range(wb, "fast_workbook_set_autofilter", first_row, first_col, last_row, last_col, 1);
    if (st == FAST_OK)
        st = fx_tables_check_range(wb, (size_t)(sh - wb->sheets), first_row, first_col, last_row, last_col,
                                   "fast_workbook_set_autofilter");
    if (st != FAST_OK)
        return st;
    sh->setup.has_filter = 1;
    sh->setup.filter = (fx_range){first_row, first_col, last_row, last_col};
    return FAST_OK;
}

FAST_API fast_status fast_workbook_merge_range(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                               uint32_t last_row, uint32_t last_col)
{
    ENTER(wb, "fast_workbook_merge_range");
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, "fast_workbook_merge_range", 0, &sh);
    if (st == FAST_OK)
        st = check_range(wb, "fast_workbook_merge_range", first_row, first_col, last_row, last_col, 0);
    if (st == FAST_OK)
        st = fx_tables_check_range(wb, (size_t)(sh - wb->sheets), first_row, first_col, last_row, last_col,
                                   "fast_workbook_merge_range");
    if (st != FAST_OK)
        return st;
    if (first_row == last_row && first_col == last_col)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_merge_range: a single cell cannot be merged");
    if (sh->nmerges == sh->capmerges) {
        size_t cap = sh->capmerges ? sh->capmerges * 2 : 16;
        fx_range *m = realloc(sh->merges, cap * sizeof *m);
        if (!m)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "fast_workbook_merge_range: out of memory");
        sh->merges = m;
        sh->capmerges = cap;
    }
    sh->merges[sh->nmerges++] = (fx_range){first_row, first_col, last_row, last_col};
    return FAST_OK;
}

/* Room for one more hyperlink on @sh: the per-sheet limit, then the array. */
static fast_status link_room(fast_workbook *wb, fx_sheet *sh, const char *fn)
{
    if (sh->nlinks >= FAST_MAX_HYPERLINKS)
        return fx_reject(&wb->err, FAST_ERROR_HYPERLINK_LIMIT, "sheet '%s': more than %u hyperlinks", sh->name,
                         FAST_MAX_HYPERLINKS);
    if (sh->nlinks == sh->caplinks) {
        size_t cap = sh->caplinks ? sh->caplinks * 2 : 16;
        fx_link *l = realloc(sh->links, cap * sizeof *l);
        if (!l)
            return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
        sh->links = l;
        sh->caplinks = cap;
    }
    return FAST_OK;
}

/* Whether @url starts with a URI scheme and its colon: ALPHA *( ALPHA / DIGIT /
 * "+" / "-" / "." ) ":" (RFC 3986 §3.1). */
static int has_uri_scheme(const char *url, size_t len)
{
    size_t i = 0;
    while (i < len && (((url[i] | 0x20) >= 'a' && (url[i] | 0x20) <= 'z') ||
                       (i > 0 && ((url[i] >= '0' && url[i] <= '9') || url[i] == '+' || url[i] == '-' || url[i] == '.'))))
        i++;
    return i > 0 && i < len && url[i] == ':';
}

FAST_API fast_status fast_workbook_add_hyperlink(fast_workbook *wb, uint32_t row, uint32_t col, const char *url,
                                                 size_t len)
{
    ENTER(wb, "fast_workbook_add_hyperlink");
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, "fast_workbook_add_hyperlink", 0, &sh);
    if (st != FAST_OK)
        return st;
    size_t chars, bad;
    if (!url || len == 0 || row >= FAST_MAX_ROWS || col >= FAST_MAX_COLUMNS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_add_hyperlink: empty URL or cell out of range");
    if (!fx_utf8_check(url, len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "fast_workbook_add_hyperlink: URL: invalid UTF-8 at byte %zu", bad);
    unsigned cp;
    size_t at = fx_has_xml_controls(url, len, &cp);
    if (at)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_add_hyperlink: URL: character U+%04X at byte %zu cannot be stored in "
                         "XML (a control character or a noncharacter)", cp, at);
    if (chars > 2079)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_add_hyperlink: URL of %zu characters is longer than 2079", chars);
    if (!has_uri_scheme(url, len)) {
        /* "Sheet2!A1" or "www.example.com" would be a relative link that goes nowhere. */
        char col_text[FX_COL_NAME_MAX + 1];
        col_text[fx_col_name(col, col_text)] = 0;
        size_t shown = fx_utf8_prefix(url, len, 60);
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_add_hyperlink: sheet '%s', cell %s%u: '%.*s%s' has no URI scheme (such as "
                         "https: or mailto:); for a place in the workbook use fast_workbook_add_internal_link()",
                         sh->name, col_text, (unsigned)row + 1, (int)shown, url, shown < len ? "..." : "");
    }
    if ((st = link_room(wb, sh, "fast_workbook_add_hyperlink")) != FAST_OK)
        return st;
    char *copy = malloc(len);
    if (!copy)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "fast_workbook_add_hyperlink: out of memory");
    memcpy(copy, url, len);
    sh->links[sh->nlinks++] = (fx_link){row, col, copy, len, 0};
    return FAST_OK;
}

FAST_API fast_status fast_workbook_add_internal_link(fast_workbook *wb, uint32_t row, uint32_t col, const char *sheet,
                                                     size_t sheet_len, const char *target, size_t target_len)
{
    static const char fn[] = "fast_workbook_add_internal_link";
    ENTER(wb, fn);
    fx_sheet *sh = NULL;
    fast_status st = sheet_for(wb, fn, 0, &sh);
    if (st != FAST_OK)
        return st;
    if (row >= FAST_MAX_ROWS || col >= FAST_MAX_COLUMNS || (!sheet && sheet_len) || (!target && target_len))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: cell out of range or NULL text with a length", fn);
    if (!sheet) {
        sheet = sh->name;
        sheet_len = sh->name_len;
    }
    if (!target || !target_len) {
        target = "A1";
        target_len = 2;
    }
    size_t chars, bad;
    if (!fx_utf8_check(sheet, sheet_len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "%s: sheet name: invalid UTF-8 at byte %zu", fn, bad);
    if (sheet_len == 0 || chars > FAST_MAX_SHEET_NAME_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME, "%s: sheet name of %zu characters; 1..31 are allowed", fn,
                       sheet_len ? chars : 0);
    for (size_t i = 0; i < sheet_len; i++) {
        unsigned char c = (unsigned char)sheet[i];
        /* Control characters, and U+FFFE/U+FFFF (EF BF BE/BF), which XML cannot hold. */
        int nonchar = c == 0xEF && i + 2 < sheet_len && (unsigned char)sheet[i + 1] == 0xBF &&
                      ((unsigned char)sheet[i + 2] & 0xFE) == 0xBE;
        if (c < 0x20 || c == 0x7F || nonchar || (c && strchr(":\\/?*[]", c)))
            return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME,
                             "%s: sheet name holds a character a sheet name cannot have at byte %zu", fn, i + 1);
    }
    if (sheet[0] == '\'' || sheet[sheet_len - 1] == '\'')
        return fx_reject(&wb->err, FAST_ERROR_SHEET_NAME, "%s: sheet name starts or ends with an apostrophe", fn);
    char ref[FX_RANGE_REF_MAX];
    size_t rlen = fx_parse_range_ref(target, target_len, ref);
    if (!rlen)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "%s: target '%.*s' is not a cell or range reference such as A1 or B2:C9", fn,
                         target_len > 40 ? 40 : (int)target_len, target);
    if ((st = link_room(wb, sh, fn)) != FAST_OK)
        return st;
    /* 'Name' with each apostrophe doubled, when quoting is needed, then !REF. */
    int quote = fx_sheet_name_needs_quotes(sheet, sheet_len);
    char *loc = malloc(2 * sheet_len + 3 + rlen);
    if (!loc)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "%s: out of memory", fn);
    size_t n = 0;
    if (quote)
        loc[n++] = '\'';
    for (size_t i = 0; i < sheet_len; i++) {
        loc[n++] = sheet[i];
        if (sheet[i] == '\'')
            loc[n++] = '\'';
    }
    if (quote)
        loc[n++] = '\'';
    loc[n++] = '!';
    memcpy(loc + n, ref, rlen);
    n += rlen;
    sh->links[sh->nlinks++] = (fx_link){row, col, loc, n, 1};
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_row_limit_policy(fast_workbook *wb, int policy)
{
    ENTER(wb, "fast_workbook_set_row_limit_policy");
    if (policy != FAST_ROWS_CONTINUE && policy != FAST_ROWS_ERROR)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_row_limit_policy: unknown policy %d",
                         policy);
    wb->row_policy = policy;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_rows_per_sheet(fast_workbook *wb, uint32_t rows)
{
    ENTER(wb, "fast_workbook_set_rows_per_sheet");
    if (rows < 1 || rows > FAST_MAX_ROWS || rows <= wb->header_rows)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_rows_per_sheet: %u rows is outside %u..%u", (unsigned)rows,
                         (unsigned)wb->header_rows + 1, FAST_MAX_ROWS);
    wb->rows_per_sheet = rows;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_header_rows(fast_workbook *wb, uint32_t rows)
{
    ENTER(wb, "fast_workbook_set_header_rows");
    fx_sheet *sh = fx_current_sheet(wb);
    if (sh && sh->rows > 0)
        return fx_reject(&wb->err, FAST_ERROR_TOO_LATE, "fast_workbook_set_header_rows: sheet '%s' already has rows",
                         sh->name);
    if (rows > 100 || rows >= wb->rows_per_sheet)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_header_rows: %u rows is more than 100 or not below the rows per sheet",
                         (unsigned)rows);
    wb->header_rows = rows;
    if (sh)
        wb->chain_header_rows = rows;
    return FAST_OK;
}

/* ---- document properties ------------------------------------------------------------ */

FAST_API fast_status fast_workbook_set_property(fast_workbook *wb, int property, const char *text, size_t len)
{
    ENTER(wb, "fast_workbook_set_property");
    size_t chars, bad;
    if (property < FAST_PROPERTY_TITLE || property > FAST_PROPERTY_COMPANY || (!text && len))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_property: unknown property %d or NULL text",
                         property);
    if (!fx_utf8_check(text ? text : "", len, &chars, &bad))
        return fx_reject(&wb->err, FAST_ERROR_INVALID_UTF8, "fast_workbook_set_property: invalid UTF-8 at byte %zu", bad);
    unsigned cp;
    size_t at = fx_has_xml_controls(text ? text : "", len, &cp);
    if (at)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                         "fast_workbook_set_property: character U+%04X at byte %zu cannot be stored in a document "
                         "property (XML 1.0 cannot hold it there)", cp, at);
    char *copy = malloc(len + 1);
    if (!copy)
        return fx_fail(&wb->err, FAST_ERROR_NOMEM, "fast_workbook_set_property: out of memory");
    if (len)
        memcpy(copy, text, len);
    copy[len] = 0;
    free(wb->props[property]);
    wb->props[property] = copy;
    wb->props_len[property] = len;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_set_created_time(fast_workbook *wb, int64_t unix_seconds)
{
    ENTER(wb, "fast_workbook_set_created_time");
    /* dcterms:created holds years 0001..9999. */
    if (unix_seconds < -62135596800LL || unix_seconds > 253402300799LL)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "fast_workbook_set_created_time: out of range");
    wb->has_created = 1;
    wb->created = unix_seconds;
    return FAST_OK;
}
