/*
 * export.c - one query's result from libpq into a fastxlsx worksheet.
 *
 * The steps (described for users in fastxlsx_pg.h): prepare and describe the
 * query for its column names and types, write the header row, run
 *   COPY (SELECT <casts> FROM (<query>) AS q(c1, ..., cN)) TO STDOUT (FORMAT binary)
 * and hand each CopyData message to the stream decoder (copy.c), whose row
 * callback converts the fields (types.c) and writes the row.
 *
 * The end of the COPY (libpq documentation, "Functions Associated with the COPY
 * Command"): PQgetCopyData returns -1 both when the COPY ended normally and when
 * the server failed mid-stream, so the export succeeded only if the decoder saw
 * the trailer and PQgetResult then gives PGRES_COMMAND_OK; PQgetResult is called
 * until it returns NULL in every case, which leaves the connection idle; -2 is a
 * broken connection. To stop early (a malformed stream, a value that cannot be
 * written, a cancel from the progress callback) a cancel request is sent and
 * the rest of the COPY is read and dropped, for the same reason.
 */
#include "pg_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUTOFIT_ROWS 100
#define WAIT_TICK_MS 250 /* the progress callback's period while the server sends nothing */

struct fast_pg_export {
    int header;
    int table, table_totals; /* fast_pg_export_set_excel_table() */
    char table_style[32];
    int numeric_as_number;
    int truncate_long_text;
    int text_number_warnings; /* leave Excel's "number stored as text" check on */
    fast_pg_progress_fn progress;
    uint64_t every_rows;
    void *progress_user;
    /* the last export */
    uint64_t rows, bytes, truncated;
    int workbook_status;
    char message[FX_PG_MESSAGE_MAX];
};

/* One export in progress. */
typedef struct run {
    fast_pg_export *ex;
    PGconn *conn;
    fast_workbook *wb;
    size_t ncols;
    fx_pg_column *cols;
    char **names;
    fast_cells *cells;
    fx_pg_convert cv;
    fast_pg_status status; /* the failure that stopped the rows, if any */
    uint64_t next_progress;
    int cancel_sent;
} run;

static const char *const status_text[] = {
    "success",
    "out of memory",
    "invalid argument",
    "connection not usable",
    "query rejected by the server",
    "statement returns no columns",
    "query has parameters, which COPY cannot take",
    "query failed on the server while rows were streaming",
    "connection to the server lost",
    "malformed COPY data",
    "text longer than a cell holds",
    "workbook error",
    "cancelled",
    "more columns than a worksheet holds",
};

const char *fast_pg_strerror(int status)
{
    if (status <= 0 && -status < (int)(sizeof status_text / sizeof status_text[0]))
        return status_text[-status];
    return "unknown status";
}

const char *fast_pg_version_string(void)
{
    return FASTXLSX_PG_VERSION_STRING;
}

fast_pg_export *fast_pg_export_new(void)
{
    fast_pg_export *ex = calloc(1, sizeof *ex);
    if (!ex) {
        errno = ENOMEM;
        return NULL;
    }
    ex->header = 1;
    ex->every_rows = 10000;
    return ex;
}

void fast_pg_export_free(fast_pg_export *ex)
{
    free(ex);
}

fast_pg_status fast_pg_export_set_header(fast_pg_export *ex, int on)
{
    if (!ex)
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    ex->header = on != 0;
    return FAST_PG_OK;
}

fast_pg_status fast_pg_export_set_excel_table(fast_pg_export *ex, int on, const char *style, size_t style_len,
                                              int totals)
{
    if (!ex || totals < FAST_TABLE_TOTAL_NONE || totals > FAST_TABLE_TOTAL_VAR ||
        (style && style_len >= sizeof ex->table_style) || (!style && style_len))
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    ex->table = on != 0;
    ex->table_totals = totals;
    if (style_len)
        memcpy(ex->table_style, style, style_len);
    ex->table_style[style_len] = 0;
    return FAST_PG_OK;
}

fast_pg_status fast_pg_export_set_numeric_as_number(fast_pg_export *ex, int on)
{
    if (!ex)
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    ex->numeric_as_number = on != 0;
    return FAST_PG_OK;
}

fast_pg_status fast_pg_export_set_text_number_warnings(fast_pg_export *ex, int on)
{
    if (!ex)
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    ex->text_number_warnings = on != 0;
    return FAST_PG_OK;
}

fast_pg_status fast_pg_export_set_truncate_long_text(fast_pg_export *ex, int on)
{
    if (!ex)
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    ex->truncate_long_text = on != 0;
    return FAST_PG_OK;
}

fast_pg_status fast_pg_export_set_progress(fast_pg_export *ex, fast_pg_progress_fn fn, uint64_t every_rows,
                                           void *user)
{
    if (!ex || (fn && (every_rows == 0 || every_rows > UINT64_C(4294967296))))
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    ex->progress = fn;
    ex->every_rows = fn ? every_rows : 10000;
    ex->progress_user = user;
    return FAST_PG_OK;
}

uint64_t fast_pg_export_rows(const fast_pg_export *ex)
{
    return ex ? ex->rows : 0;
}

uint64_t fast_pg_export_bytes(const fast_pg_export *ex)
{
    return ex ? ex->bytes : 0;
}

uint64_t fast_pg_export_truncated_cells(const fast_pg_export *ex)
{
    return ex ? ex->truncated : 0;
}

int fast_pg_export_workbook_status(const fast_pg_export *ex)
{
    return ex ? ex->workbook_status : 0;
}

const char *fast_pg_export_error_message(const fast_pg_export *ex)
{
    return ex ? ex->message : "no export handle (NULL)";
}

/* Record the first failure of an export with its message. */
static fast_pg_status fail(run *r, fast_pg_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static fast_pg_status fail(run *r, fast_pg_status st, const char *fmt, ...)
{
    if (r->status != FAST_PG_OK)
        return r->status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->ex->message, sizeof r->ex->message, fmt, ap);
    va_end(ap);
    size_t n = strlen(r->ex->message); /* libpq's messages end with a newline */
    while (n > 0 && (r->ex->message[n - 1] == '\n' || r->ex->message[n - 1] == ' '))
        r->ex->message[--n] = '\0';
    r->status = st;
    return st;
}

static fast_pg_status fail_workbook(run *r, fast_status st, const char *what)
{
    r->ex->workbook_status = st;
    return fail(r, FAST_PG_ERROR_WORKBOOK, "%s: %s: %s", what, fast_strerror(st), fast_workbook_error_message(r->wb));
}

static int call_progress(run *r)
{
    fast_pg_export *ex = r->ex;
    if (ex->progress && ex->progress(ex->rows, fast_workbook_bytes_written(r->wb), ex->progress_user) != 0) {
        fail(r, FAST_PG_ERROR_CANCELLED, "export cancelled by the progress callback after %llu rows",
             (unsigned long long)ex->rows);
        return 1;
    }
    return 0;
}

static int on_row(void *user, const fx_pg_field *fields, size_t n)
{
    run *r = user;
    for (size_t i = 0; i < n; i++) {
        fast_pg_status st = fx_pg_set_cell(&r->cv, &r->cols[i], r->cells, i, &fields[i]);
        if (st != FAST_PG_OK) {
            fail(r, st, "result row %llu, column %zu (\"%s\"): %s", (unsigned long long)r->ex->rows + 1, i + 1,
                 r->names[i], r->cv.message);
            return 1;
        }
    }
    fast_status fst = fast_workbook_write_row(r->wb, r->cells, n);
    if (fst != FAST_OK) {
        char what[64];
        snprintf(what, sizeof what, "result row %llu", (unsigned long long)r->ex->rows + 1);
        fail_workbook(r, fst, what);
        return 1;
    }
    r->ex->rows++;
    if (r->ex->progress && r->ex->rows >= r->next_progress) {
        r->next_progress += r->ex->every_rows;
        return call_progress(r);
    }
    return 0;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until the connection's socket is readable or @ms pass. EINTR counts as a timeout. */
static void wait_readable(PGconn *conn, int ms)
{
    struct pollfd pfd = {.fd = PQsocket(conn), .events = POLLIN};
    if (pfd.fd >= 0)
        (void)poll(&pfd, 1, ms);
}

static void send_cancel(run *r)
{
    if (r->cancel_sent)
        return;
    r->cancel_sent = 1;
    PGcancel *c = PQgetCancel(r->conn);
    if (c) {
        char err[256];
        (void)PQcancel(c, err, sizeof err); /* if it fails the query just runs to its end */
        PQfreeCancel(c);
    }
}

/* Read results until NULL (the connection is then idle). Returns the first
 * result that is not PGRES_COMMAND_OK / PGRES_COPY_OUT, to be PQclear()ed, or NULL. */
static PGresult *drain_results(PGconn *conn)
{
    PGresult *bad = NULL, *res;
    while ((res = PQgetResult(conn)) != NULL) {
        ExecStatusType s = PQresultStatus(res);
        if (s == PGRES_COPY_OUT) { /* not expected here: leave the copy */
            char *buf;
            int n;
            PQclear(res);
            while ((n = PQgetCopyData(conn, &buf, 0)) > 0)
                PQfreemem(buf);
            continue;
        }
        if (!bad && s != PGRES_COMMAND_OK)
            bad = res;
        else
            PQclear(res);
        if (PQstatus(conn) == CONNECTION_BAD)
            break;
    }
    return bad;
}

/* Strip trailing white space and semicolons: the query goes inside parentheses. */
static size_t trim_query(const char *q, size_t len)
{
    while (len > 0 && (q[len - 1] == ';' || q[len - 1] == ' ' || q[len - 1] == '\t' || q[len - 1] == '\n'
                       || q[len - 1] == '\r' || q[len - 1] == '\f' || q[len - 1] == '\v'))
        len--;
    return len;
}

/* COPY (SELECT c1, c2::text, ... FROM (\n<query>\n) AS q(c1, ..., cN)) TO STDOUT (FORMAT binary) */
static char *copy_statement(const char *query, size_t len, const fx_pg_column *cols, size_t ncols)
{
    size_t cap = len + 128 + ncols * 80;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    size_t n = (size_t)sprintf(s, "COPY (SELECT ");
    for (size_t i = 0; i < ncols; i++) {
        const char *sep = i ? ", " : "";
        switch (cols[i].kind) {
        case FX_PG_CAST_TEXT:
            n += (size_t)sprintf(s + n, "%sc%zu::text", sep, i + 1);
            break;
        case FX_PG_TIMESTAMPTZ:
            n += (size_t)sprintf(s + n, "%s(c%zu AT TIME ZONE current_setting('TimeZone'))", sep, i + 1);
            break;
        default:
            n += (size_t)sprintf(s + n, "%sc%zu", sep, i + 1);
        }
    }
    n += (size_t)sprintf(s + n, " FROM (\n");
    memcpy(s + n, query, len);
    n += len;
    n += (size_t)sprintf(s + n, "\n) AS q(");
    for (size_t i = 0; i < ncols; i++)
        n += (size_t)sprintf(s + n, "%sc%zu", i ? ", " : "", i + 1);
    sprintf(s + n, ")) TO STDOUT (FORMAT binary)");
    return s;
}

/* Whether column @c becomes a number cell (a total can sum it). */
static int numeric_column(const run *r, size_t c)
{
    switch (r->cols[c].kind) {
    case FX_PG_INT2: case FX_PG_INT4: case FX_PG_OID: case FX_PG_INT8: case FX_PG_FLOAT4: case FX_PG_FLOAT8:
        return 1;
    case FX_PG_NUMERIC:
        return r->ex->numeric_as_number;
    default:
        return 0;
    }
}

/* The rows as an Excel table, before the header row (fast_pg_export_set_excel_table()). */
static fast_status add_table(run *r)
{
    fast_table *t = NULL;
    fast_status st = fast_workbook_add_table(r->wb, NULL, 0, 0, 0, FAST_LAST_ROW, (uint32_t)r->ncols - 1, &t);
    if (st == FAST_OK && r->ex->table_style[0])
        st = fast_table_set_style(t, r->ex->table_style, strlen(r->ex->table_style));
    for (size_t i = 0; st == FAST_OK && r->ex->table_totals && i < r->ncols; i++) {
        if (numeric_column(r, i))
            st = fast_table_set_total_function(t, (uint32_t)i, r->ex->table_totals);
        else if (i == 0)
            st = fast_table_set_total_label(t, 0, "Total", 5);
    }
    return st;
}

/* The header row and the sheet settings that go with it. */
static fast_pg_status setup_sheet(run *r)
{
    fast_workbook *wb = r->wb;
    fast_status st = fast_workbook_set_autofit_rows(wb, AUTOFIT_ROWS);
    if (st == FAST_OK && r->ex->header) {
        fast_format *bold = fast_workbook_add_format(wb);
        st = bold ? fast_format_set_bold(bold, 1) : fast_workbook_status(wb);
        if (st == FAST_OK)
            st = fast_workbook_set_header_rows(wb, 1);
        if (st == FAST_OK)
            st = fast_workbook_freeze_panes(wb, 1, 0);
        if (st == FAST_OK) /* printed, it heads every page */
            st = fast_workbook_set_print_title_rows(wb, 0, 0);
        if (st == FAST_OK && !r->ex->table)
            st = fast_workbook_set_autofilter(wb, 0, 0, FAST_LAST_ROW, (uint32_t)r->ncols - 1);
        if (st == FAST_OK && r->ex->table)
            st = add_table(r);
        for (size_t i = 0; st == FAST_OK && i < r->ncols; i++) {
            fast_cells_set_string(r->cells, i, r->names[i], strlen(r->names[i]));
            fast_cells_set_format(r->cells, i, bold);
        }
        if (st == FAST_OK)
            st = fast_workbook_write_row(wb, r->cells, r->ncols);
        fast_cells_clear(r->cells);
    }
    for (size_t i = 0; st == FAST_OK && i < r->ncols; i++) {
        if (r->cols[i].kind == FX_PG_TIME && !r->cv.time_format) {
            fast_format *f = fast_workbook_add_format(wb);
            st = f ? fast_format_set_num_format(f, "hh:mm:ss", 8) : fast_workbook_status(wb);
            r->cv.time_format = f;
        }
        /* int8 and numeric values a double cannot hold are exact text that looks
         * like a number: no "number stored as text" triangles on those columns. */
        if (st == FAST_OK && !r->ex->text_number_warnings &&
            (r->cols[i].kind == FX_PG_INT8 || r->cols[i].kind == FX_PG_NUMERIC))
            st = fast_workbook_ignore_errors(wb, r->ex->header ? 1 : 0, (uint32_t)i, FAST_LAST_ROW, (uint32_t)i,
                                             FAST_IGNORE_NUMBER_STORED_AS_TEXT);
    }
    return st == FAST_OK ? FAST_PG_OK : fail_workbook(r, st, "setting up the worksheet");
}

/* Describe the prepared query: names, types, checks. */
static fast_pg_status describe(run *r, const char *query)
{
    PGconn *conn = r->conn;
    PGresult *res = PQprepare(conn, "", query, 0, NULL);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        fast_pg_status st = PQstatus(conn) == CONNECTION_BAD ? FAST_PG_ERROR_CONNECTION_LOST : FAST_PG_ERROR_QUERY;
        fail(r, st, "query rejected: %s", res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
        PQclear(res);
        return r->status;
    }
    PQclear(res);
    res = PQdescribePrepared(conn, "");
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        fast_pg_status st = PQstatus(conn) == CONNECTION_BAD ? FAST_PG_ERROR_CONNECTION_LOST : FAST_PG_ERROR_QUERY;
        fail(r, st, "describing the query: %s", res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
        PQclear(res);
        return r->status;
    }
    int nparams = PQnparams(res), nfields = PQnfields(res);
    if (nparams > 0) {
        PQclear(res);
        return fail(r, FAST_PG_ERROR_PARAMETERS,
                    "the query has %d parameter%s ($1...): COPY cannot take parameters; put the values in the "
                    "query text, quoted with PQescapeLiteral()",
                    nparams, nparams == 1 ? "" : "s");
    }
    if (nfields <= 0) {
        PQclear(res);
        return fail(r, FAST_PG_ERROR_NO_COLUMNS, "the statement returns no columns, so there is nothing to export");
    }
    if ((unsigned)nfields > FAST_MAX_COLUMNS) {
        PQclear(res);
        return fail(r, FAST_PG_ERROR_COLUMN_LIMIT, "the query returns %d columns; a worksheet holds %u", nfields,
                    FAST_MAX_COLUMNS);
    }
    r->ncols = (size_t)nfields;
    r->cols = calloc(r->ncols, sizeof *r->cols);
    r->names = calloc(r->ncols, sizeof *r->names);
    r->cells = fast_cells_new(r->ncols);
    if (!r->cols || !r->names || !r->cells) {
        PQclear(res);
        return fail(r, FAST_PG_ERROR_NOMEM, "out of memory for %zu columns", r->ncols);
    }
    for (size_t i = 0; i < r->ncols; i++) {
        r->cols[i].kind = fx_pg_kind_of(PQftype(res, (int)i));
        r->names[i] = strdup(PQfname(res, (int)i));
        if (!r->names[i]) {
            PQclear(res);
            return fail(r, FAST_PG_ERROR_NOMEM, "out of memory for the column names");
        }
    }
    PQclear(res);
    return FAST_PG_OK;
}

/* Start the COPY and wait for its CopyOutResponse, checking for a cancel while
 * waiting. *@in_copy tells whether the COPY began (its data must then be read). */
static fast_pg_status start_copy(run *r, const char *sql, int *in_copy)
{
    PGconn *conn = r->conn;
    *in_copy = 0;
    if (!PQsendQuery(conn, sql))
        return fail(r, PQstatus(conn) == CONNECTION_BAD ? FAST_PG_ERROR_CONNECTION_LOST : FAST_PG_ERROR_QUERY,
                    "sending the COPY: %s", PQerrorMessage(conn));
    int64_t last = now_ms();
    while (PQisBusy(conn)) {
        wait_readable(conn, WAIT_TICK_MS);
        if (!PQconsumeInput(conn))
            break; /* PQgetResult reports it */
        if (!r->cancel_sent && r->ex->progress && now_ms() - last >= WAIT_TICK_MS) {
            last = now_ms();
            if (call_progress(r))
                send_cancel(r);
        }
    }
    PGresult *res = PQgetResult(conn);
    if (res && PQresultStatus(res) == PGRES_COPY_OUT) {
        PQclear(res);
        *in_copy = 1;
        return r->status;
    }
    fast_pg_status st = PQstatus(conn) == CONNECTION_BAD ? FAST_PG_ERROR_CONNECTION_LOST : FAST_PG_ERROR_QUERY;
    fail(r, st, "query failed: %s", res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
    PQclear(res);
    PQclear(drain_results(conn));
    return r->status;
}

/* Read the COPY data into the decoder until the end of the COPY. */
static fast_pg_status copy_rows(run *r, fx_pg_copy *dec)
{
    PGconn *conn = r->conn;
    fast_pg_export *ex = r->ex;
    int stopped = r->status != FAST_PG_OK; /* cancelled just as the COPY started */
    int lost = 0, waiting = 0;
    int64_t last = 0; /* when the current wait for data began */
    if (stopped)
        send_cancel(r);
    for (;;) {
        char *buf = NULL;
        int n = PQgetCopyData(conn, &buf, stopped ? 0 : 1);
        if (n > 0) {
            if (!stopped) {
                ex->bytes += (uint64_t)n;
                int rc = fx_pg_copy_feed(dec, buf, (size_t)n);
                if (rc != FX_PG_COPY_OK) {
                    if (rc == FX_PG_COPY_MALFORMED)
                        fail(r, FAST_PG_ERROR_PROTOCOL, "%s", fx_pg_copy_message(dec));
                    else if (rc == FX_PG_COPY_NOMEM)
                        fail(r, FAST_PG_ERROR_NOMEM, "%s", fx_pg_copy_message(dec));
                    /* FX_PG_COPY_STOPPED: the row callback recorded why */
                    stopped = 1;
                    send_cancel(r);
                }
                waiting = 0;
            }
            PQfreemem(buf);
        } else if (n == 0) {
            if (!waiting) { /* read the clock only while waiting, not per row */
                waiting = 1;
                last = now_ms();
            }
            wait_readable(conn, WAIT_TICK_MS);
            if (!PQconsumeInput(conn)) {
                lost = PQstatus(conn) == CONNECTION_BAD;
                if (lost)
                    break;
            }
            if (!stopped && ex->progress && now_ms() - last >= WAIT_TICK_MS) {
                last = now_ms();
                if (call_progress(r)) {
                    stopped = 1;
                    send_cancel(r);
                }
            }
        } else {
            lost = n == -2 && PQstatus(conn) == CONNECTION_BAD;
            if (n == -2 && !lost)
                fail(r, FAST_PG_ERROR_SERVER, "reading the COPY data: %s", PQerrorMessage(conn));
            break;
        }
    }
    PGresult *bad = drain_results(conn);
    if (lost || PQstatus(conn) == CONNECTION_BAD)
        fail(r, FAST_PG_ERROR_CONNECTION_LOST, "connection lost after %llu rows: %s", (unsigned long long)ex->rows,
             bad ? PQresultErrorMessage(bad) : PQerrorMessage(conn));
    else if (bad)
        fail(r, FAST_PG_ERROR_SERVER, "query failed after %llu rows: %s", (unsigned long long)ex->rows,
             PQresultErrorMessage(bad));
    PQclear(bad);
    if (r->status == FAST_PG_OK && fx_pg_copy_finish(dec) != FX_PG_COPY_OK)
        fail(r, FAST_PG_ERROR_PROTOCOL, "%s", fx_pg_copy_message(dec));
    return r->status;
}

fast_pg_status fast_pg_export_query(fast_pg_export *ex, PGconn *conn, fast_workbook *wb, const char *query,
                                    size_t len)
{
    if (!ex)
        return FAST_PG_ERROR_INVALID_ARGUMENT;
    run r = {.ex = ex, .conn = conn, .wb = wb};
    ex->rows = ex->bytes = ex->truncated = 0;
    ex->workbook_status = 0;
    ex->message[0] = '\0';
    if (!conn || !wb || !query)
        return fail(&r, FAST_PG_ERROR_INVALID_ARGUMENT, "NULL %s", !conn ? "connection" : !wb ? "workbook" : "query");
    if (PQstatus(conn) != CONNECTION_OK)
        return fail(&r, FAST_PG_ERROR_CONNECTION, "the connection is not OK: %s", PQerrorMessage(conn));
    if (PQisBusy(conn) || PQtransactionStatus(conn) == PQTRANS_ACTIVE)
        return fail(&r, FAST_PG_ERROR_CONNECTION, "the connection is busy with another command");
    if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF)
        return fail(&r, FAST_PG_ERROR_CONNECTION, "the connection is in pipeline mode; COPY needs it off");
    if (fast_workbook_status(wb) != FAST_OK) {
        ex->workbook_status = fast_workbook_status(wb);
        return fail(&r, FAST_PG_ERROR_WORKBOOK, "the workbook has already failed: %s",
                    fast_workbook_error_message(wb));
    }

    len = trim_query(query, len);
    char *q = malloc(len + 1);
    char *sql = NULL, saved_encoding[64] = "";
    fx_pg_copy *dec = NULL;
    int32_t *sizes = NULL;
    int wrote = 0;
    if (!q) {
        fail(&r, FAST_PG_ERROR_NOMEM, "out of memory for a query of %zu bytes", len);
        goto done;
    }
    memcpy(q, query, len);
    q[len] = '\0';
    if (memchr(q, '\0', len)) {
        fail(&r, FAST_PG_ERROR_INVALID_ARGUMENT, "the query contains a NUL byte");
        goto done;
    }

    const char *enc = pg_encoding_to_char(PQclientEncoding(conn));
    if (strcmp(enc, "UTF8") != 0) {
        snprintf(saved_encoding, sizeof saved_encoding, "%s", enc);
        if (PQsetClientEncoding(conn, "UTF8") != 0) {
            fail(&r, PQstatus(conn) == CONNECTION_BAD ? FAST_PG_ERROR_CONNECTION_LOST : FAST_PG_ERROR_QUERY,
                 "setting client_encoding to UTF8: %s", PQerrorMessage(conn));
            saved_encoding[0] = '\0';
            goto done;
        }
    }
    r.cv.numeric_as_number = ex->numeric_as_number;
    r.cv.truncate_long_text = ex->truncate_long_text;
    r.next_progress = ex->every_rows;

    if (describe(&r, q) != FAST_PG_OK)
        goto done;
    sql = copy_statement(q, len, r.cols, r.ncols);
    sizes = malloc(r.ncols * sizeof *sizes);
    for (size_t i = 0; sizes && i < r.ncols; i++) {
        fx_pg_kind k = r.cols[i].kind == FX_PG_CAST_TEXT ? FX_PG_TEXT : r.cols[i].kind;
        sizes[i] = fx_pg_kind_size(k);
    }
    dec = sizes ? fx_pg_copy_new(r.ncols, sizes, on_row, &r) : NULL;
    if (!sql || !dec) {
        fail(&r, FAST_PG_ERROR_NOMEM, "out of memory for the COPY statement");
        goto done;
    }
    /* From here on rows reach the worksheet: a failure abandons the workbook, so
     * that a partial result can never be closed as if it were complete. */
    wrote = 1;
    if (setup_sheet(&r) != FAST_PG_OK)
        goto done;
    int in_copy;
    start_copy(&r, sql, &in_copy);
    if (!in_copy)
        goto done; /* failed or cancelled before the COPY began; the results are drained */
    copy_rows(&r, dec);
    ex->truncated = r.cv.truncated;
    if (r.status == FAST_PG_OK && ex->progress)
        (void)ex->progress(ex->rows, fast_workbook_bytes_written(wb), ex->progress_user); /* the last update */

done:
    if (wrote && r.status != FAST_PG_OK)
        (void)fast_workbook_abandon(wb, ex->message, strlen(ex->message));
    if (saved_encoding[0] && PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) != PQTRANS_INERROR)
        (void)PQsetClientEncoding(conn, saved_encoding);
    for (size_t i = 0; r.cols && i < r.ncols; i++)
        free(r.cols[i].scratch);
    for (size_t i = 0; r.names && i < r.ncols; i++)
        free(r.names[i]);
    free(r.cols);
    free(r.names);
    fast_cells_free(r.cells);
    fx_pg_copy_free(dec);
    free(sizes);
    free(sql);
    free(q);
    return r.status;
}
