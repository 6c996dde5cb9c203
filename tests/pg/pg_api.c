/*
 * pg_api.c - the PostgreSQL adapter through its C API against a live server
 * (started by tests/pg/run.sh; PGHOST, PGPORT, ... name it): every error status
 * with the server's message, cancellation from the progress callback (during
 * rows and while the server sends nothing yet), a backend terminated from
 * another session, the connection usable again after each failure, the
 * caller's client_encoding restored, and the destination untouched.
 *
 *   pg_api TMPDIR
 */
#include <fastxlsx.h>
#include <fastxlsx_pg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures, checks;

#define CHECK(cond, ...)                                                                 \
    do {                                                                                 \
        checks++;                                                                        \
        if (!(cond)) {                                                                   \
            failures++;                                                                  \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);              \
            fprintf(stderr, __VA_ARGS__);                                                \
            fprintf(stderr, "\n");                                                       \
        }                                                                                \
    } while (0)

static const char *dir;
static char path[4096];

/* One export into a new workbook at dir/NAME.xlsx. Returns the status; the
 * workbook is closed only on success. */
static fast_pg_status export_to(fast_pg_export *ex, PGconn *conn, const char *name, const char *query)
{
    snprintf(path, sizeof path, "%s/%s.xlsx", dir, name);
    unlink(path);
    fast_workbook *wb = fast_workbook_new(path);
    if (!wb || fast_workbook_add_worksheet(wb, NULL, 0) != FAST_OK) {
        fast_workbook_free(wb);
        return FAST_PG_ERROR_NOMEM;
    }
    fast_pg_status st = fast_pg_export_query(ex, conn, wb, query, strlen(query));
    if (st == FAST_PG_OK && fast_workbook_close(wb) != FAST_OK)
        st = FAST_PG_ERROR_WORKBOOK;
    fast_workbook_free(wb);
    return st;
}

static int file_exists(const char *p)
{
    return access(p, F_OK) == 0;
}

/* The connection answers a query and is idle, outside any transaction. */
static int usable(PGconn *conn)
{
    PGresult *res = PQexec(conn, "select 41 + 1");
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK && strcmp(PQgetvalue(res, 0, 0), "42") == 0;
    PQclear(res);
    return ok && PQtransactionStatus(conn) == PQTRANS_IDLE;
}

static int active_queries(PGconn *other, const char *like)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "select count(*) from pg_stat_activity where state = 'active' and query like '%s' and pid <> "
             "pg_backend_pid()",
             like);
    PGresult *res = PQexec(other, sql);
    int n = PQresultStatus(res) == PGRES_TUPLES_OK ? atoi(PQgetvalue(res, 0, 0)) : -1;
    PQclear(res);
    return n;
}

typedef struct stop_at {
    uint64_t rows;    /* cancel once this many rows are written (0: at the first call) */
    int calls;
    PGconn *killer;   /* if set: terminate @victim_pid instead of cancelling */
    int victim_pid;
    int killed;
} stop_at;

static int on_progress(uint64_t rows, uint64_t bytes, void *user)
{
    stop_at *s = user;
    (void)bytes;
    s->calls++;
    if (rows < s->rows || s->killed)
        return 0;
    if (s->killer) {
        char sql[128];
        snprintf(sql, sizeof sql, "select pg_terminate_backend(%d)", s->victim_pid);
        PQclear(PQexec(s->killer, sql));
        s->killed = 1;
        return 0;
    }
    return 1;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    dir = argc > 1 ? argv[1] : "/tmp";
    PGconn *conn = PQconnectdb("");
    PGconn *other = PQconnectdb("");
    if (PQstatus(conn) != CONNECTION_OK || PQstatus(other) != CONNECTION_OK) {
        fprintf(stderr, "pg_api: cannot connect: %s", PQerrorMessage(conn));
        return 1;
    }
    fast_pg_export *ex = fast_pg_export_new();
    fast_pg_status st;
    const char *msg;

    /* Arguments and a connection that is not OK. */
    CHECK(fast_pg_export_query(NULL, conn, NULL, "select 1", 8) == FAST_PG_ERROR_INVALID_ARGUMENT, "NULL handle");
    PGconn *bad = PQconnectdb("host=/nonexistent-socket-dir port=1");
    st = export_to(ex, bad, "bad", "select 1");
    CHECK(st == FAST_PG_ERROR_CONNECTION, "status %d", st);
    CHECK(strstr(fast_pg_export_error_message(ex), "not OK") != NULL, "%s", fast_pg_export_error_message(ex));
    CHECK(!file_exists(path), "%s exists", path);
    PQfinish(bad);

    /* A connection busy with an asynchronous command, or in pipeline mode. */
    PQsendQuery(conn, "select pg_sleep(0.2)");
    st = export_to(ex, conn, "busy", "select 1");
    CHECK(st == FAST_PG_ERROR_CONNECTION && strstr(fast_pg_export_error_message(ex), "busy"), "%d %s", st,
          fast_pg_export_error_message(ex));
    PGresult *r0;
    while ((r0 = PQgetResult(conn)) != NULL)
        PQclear(r0);
    PQenterPipelineMode(conn);
    st = export_to(ex, conn, "pipeline", "select 1");
    CHECK(st == FAST_PG_ERROR_CONNECTION && strstr(fast_pg_export_error_message(ex), "pipeline"), "%d %s", st,
          fast_pg_export_error_message(ex));
    PQexitPipelineMode(conn);
    CHECK(usable(conn), "after busy and pipeline");

    /* Errors before COPY, each with the server's message; the connection stays usable. */
    st = export_to(ex, conn, "syntax", "selec 1");
    msg = fast_pg_export_error_message(ex);
    CHECK(st == FAST_PG_ERROR_QUERY && strstr(msg, "syntax error"), "%d %s", st, msg);
    CHECK(!file_exists(path) && usable(conn), "after a syntax error");
    st = export_to(ex, conn, "unknown", "select * from no_such_table");
    msg = fast_pg_export_error_message(ex);
    CHECK(st == FAST_PG_ERROR_QUERY && strstr(msg, "no_such_table") && strstr(msg, "does not exist"), "%d %s", st,
          msg);
    CHECK(usable(conn), "after an unknown table");
    st = export_to(ex, conn, "ddl", "create table t_ddl (a int)");
    CHECK(st == FAST_PG_ERROR_NO_COLUMNS, "%d %s", st, fast_pg_export_error_message(ex));
    CHECK(usable(conn), "after DDL");
    PGresult *res = PQexec(conn, "select to_regclass('t_ddl') is null");
    CHECK(strcmp(PQgetvalue(res, 0, 0), "t") == 0, "the DDL was not executed");
    PQclear(res);
    st = export_to(ex, conn, "params", "select $1::int");
    msg = fast_pg_export_error_message(ex);
    CHECK(st == FAST_PG_ERROR_PARAMETERS && strstr(msg, "PQescapeLiteral"), "%d %s", st, msg);
    CHECK(usable(conn), "after parameters");

    /* Failing mid-stream: division by zero at row 500,000. */
    st = export_to(ex, conn, "divzero", "select g, 1 / (g - 500000) from generate_series(1, 600000) g;");
    msg = fast_pg_export_error_message(ex);
    CHECK(st == FAST_PG_ERROR_SERVER && strstr(msg, "division by zero"), "%d %s", st, msg);
    CHECK(fast_pg_export_rows(ex) == 499999, "rows %llu", (unsigned long long)fast_pg_export_rows(ex));
    CHECK(!file_exists(path) && usable(conn), "after division by zero");
    /* A caller that closes anyway cannot commit the partial result: the failure
     * abandoned the workbook, so close discards it and the old file stays. */
    {
        snprintf(path, sizeof path, "%s/careless.xlsx", dir);
        FILE *f = fopen(path, "w");
        CHECK(f && fputs("old", f) >= 0 && fclose(f) == 0, "writing %s", path);
        fast_workbook *wb = fast_workbook_new(path);
        CHECK(wb && fast_workbook_add_worksheet(wb, NULL, 0) == FAST_OK, "careless workbook");
        const char *q = "select g, 1 / (g - 5000) from generate_series(1, 6000) g";
        st = fast_pg_export_query(ex, conn, wb, q, strlen(q));
        CHECK(st == FAST_PG_ERROR_SERVER, "careless export %d", st);
        CHECK(fast_workbook_status(wb) == FAST_ERROR_ABANDONED, "workbook status %d", fast_workbook_status(wb));
        CHECK(fast_workbook_close(wb) == FAST_ERROR_ABANDONED &&
                  strstr(fast_workbook_error_message(wb), "abandoned: ") &&
                  strstr(fast_workbook_error_message(wb), "division by zero"),
              "close after a failed export: %s", fast_workbook_error_message(wb));
        fast_workbook_free(wb);
        char buf[8] = "";
        f = fopen(path, "r");
        CHECK(f && fgets(buf, sizeof buf, f) && strcmp(buf, "old") == 0, "old file kept");
        if (f)
            fclose(f);
        CHECK(usable(conn), "after the careless export");
    }

    /* A good export, with a client_encoding that is not UTF-8 restored afterwards. */
    PQclear(PQexec(conn, "set client_encoding = 'LATIN1'"));
    st = export_to(ex, conn, "good", "select 'caf\xc3\xa9' as word, g from generate_series(1, 25000) g");
    CHECK(st == FAST_PG_OK, "%d %s", st, fast_pg_export_error_message(ex));
    CHECK(file_exists(path) && fast_pg_export_rows(ex) == 25000, "rows %llu",
          (unsigned long long)fast_pg_export_rows(ex));
    CHECK(strcmp(pg_encoding_to_char(PQclientEncoding(conn)), "LATIN1") == 0, "client_encoding %s",
          pg_encoding_to_char(PQclientEncoding(conn)));
    PQclear(PQexec(conn, "reset client_encoding"));

    /* Text too long: an error naming row and column, or cut with the option. */
    const char *longq = "select g, case when g = 2 then repeat('\xc3\xa9', 40000) else 'x' end as t "
                        "from generate_series(1, 3) g";
    st = export_to(ex, conn, "long", longq);
    msg = fast_pg_export_error_message(ex);
    CHECK(st == FAST_PG_ERROR_TEXT_TOO_LONG && strstr(msg, "row 2, column 2") && strstr(msg, "40000 characters"),
          "%d %s", st, msg);
    CHECK(!file_exists(path) && usable(conn), "after text too long");
    fast_pg_export_set_truncate_long_text(ex, 1);
    st = export_to(ex, conn, "long_cut", longq);
    CHECK(st == FAST_PG_OK && fast_pg_export_truncated_cells(ex) == 1, "%d truncated %llu", st,
          (unsigned long long)fast_pg_export_truncated_cells(ex));
    fast_pg_export_set_truncate_long_text(ex, 0);

    /* Cancel from the progress callback while rows stream. */
    stop_at s = {.rows = 20000};
    fast_pg_export_set_progress(ex, on_progress, 1000, &s);
    double t0 = seconds();
    st = export_to(ex, conn, "cancel", "select a.g * 100000 + b.g, b.g from generate_series(1, 2000) a(g), generate_series(1, 100000) b(g)");
    double took = seconds() - t0;
    CHECK(st == FAST_PG_ERROR_CANCELLED, "%d %s", st, fast_pg_export_error_message(ex));
    CHECK(fast_pg_export_rows(ex) == 20000, "rows %llu", (unsigned long long)fast_pg_export_rows(ex));
    CHECK(took < 10, "cancelling took %.1f s", took);
    CHECK(!file_exists(path) && usable(conn), "after cancel");
    CHECK(active_queries(other, "%generate_series(1, 2000) a(g)%") == 0, "the query still runs on the server");

    /* Cancel while the server sends nothing yet, inside a transaction block. */
    PQclear(PQexec(conn, "begin"));
    s = (stop_at){.rows = 0};
    t0 = seconds();
    st = export_to(ex, conn, "cancel_wait", "select pg_sleep(60)");
    took = seconds() - t0;
    CHECK(st == FAST_PG_ERROR_CANCELLED && took < 5, "%d after %.1f s: %s", st, took,
          fast_pg_export_error_message(ex));
    CHECK(PQtransactionStatus(conn) == PQTRANS_INERROR, "transaction status %d", PQtransactionStatus(conn));
    PQclear(PQexec(conn, "rollback"));
    CHECK(usable(conn), "after cancel while waiting");
    CHECK(s.calls >= 1, "progress calls %d", s.calls);

    /* The backend terminated from another session mid-stream. */
    s = (stop_at){.rows = 10000, .killer = other, .victim_pid = PQbackendPID(conn)};
    st = export_to(ex, conn, "killed", "select a.g * 100000 + b.g from generate_series(1, 2000) a(g), generate_series(1, 100000) b(g)");
    msg = fast_pg_export_error_message(ex);
    CHECK(st == FAST_PG_ERROR_CONNECTION_LOST && strstr(msg, "terminat"), "%d %s", st, msg);
    CHECK(!file_exists(path), "%s exists", path);
    fast_pg_export_set_progress(ex, NULL, 0, NULL);
    PQreset(conn);
    CHECK(usable(conn), "after PQreset");

    /* Several queries, one sheet each, into one workbook; header off for the second. */
    snprintf(path, sizeof path, "%s/several.xlsx", dir);
    fast_workbook *wb = fast_workbook_new(path);
    fast_workbook_add_worksheet(wb, "first", 5);
    st = fast_pg_export_query(ex, conn, wb, "select 1 as one", 15);
    CHECK(st == FAST_PG_OK, "%d %s", st, fast_pg_export_error_message(ex));
    fast_workbook_add_worksheet(wb, "second", 6);
    fast_pg_export_set_header(ex, 0);
    st = fast_pg_export_query(ex, conn, wb, "values (2, 'two'), (3, 'three')", 31);
    CHECK(st == FAST_PG_OK, "%d %s", st, fast_pg_export_error_message(ex));
    CHECK(fast_workbook_close(wb) == FAST_OK, "%s", fast_workbook_error_message(wb));
    fast_workbook_free(wb);
    fast_pg_export_set_header(ex, 1);

    /* A worksheet that already has rows cannot take the header settings. */
    snprintf(path, sizeof path, "%s/late.xlsx", dir);
    wb = fast_workbook_new(path);
    fast_workbook_add_worksheet(wb, NULL, 0);
    fast_workbook_write_row_strings(wb, NULL, NULL, 0);
    st = fast_pg_export_query(ex, conn, wb, "select 1", 8);
    CHECK(st == FAST_PG_ERROR_WORKBOOK && fast_pg_export_workbook_status(ex) == FAST_ERROR_TOO_LATE, "%d %d %s",
          st, fast_pg_export_workbook_status(ex), fast_pg_export_error_message(ex));
    fast_workbook_free(wb);
    CHECK(usable(conn), "after a workbook error");

    CHECK(strcmp(fast_pg_strerror(FAST_PG_ERROR_CANCELLED), "cancelled") == 0, "strerror");
    CHECK(strcmp(fast_pg_strerror(-999), "unknown status") == 0, "strerror unknown");

    fast_pg_export_free(ex);
    PQfinish(conn);
    PQfinish(other);
    printf("pg_api: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
