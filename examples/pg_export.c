/*
 * pg_export.c - the smallest complete program using the fastxlsx PostgreSQL
 * adapter: one query into one worksheet, every status checked.
 *
 *   cc pg_export.c $(pkg-config --cflags --libs fastxlsx-pg) -o pg_export
 *   ./pg_export 'dbname=shop' 'select * from orders' orders.xlsx
 */
#include <fastxlsx.h>
#include <fastxlsx_pg.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s CONNINFO QUERY OUT.xlsx\n", argv[0]);
        return 2;
    }
    const char *query = argv[2], *path = argv[3];

    PGconn *conn = PQconnectdb(argv[1]); /* connecting, TLS and authentication stay with the caller */
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "connection failed: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return 1;
    }
    fast_workbook *wb = fast_workbook_new(path); /* written to a temporary file, renamed at close */
    fast_pg_export *ex = fast_pg_export_new();
    if (!wb || !ex) {
        perror("fastxlsx");
        fast_workbook_free(wb);
        fast_pg_export_free(ex);
        PQfinish(conn);
        return 1;
    }

    int ok = 0;
    fast_status st = fast_workbook_add_worksheet(wb, "Result", strlen("Result"));
    if (st != FAST_OK) {
        fprintf(stderr, "%s: %s\n", fast_strerror(st), fast_workbook_error_message(wb));
    } else {
        fast_pg_status pst = fast_pg_export_query(ex, conn, wb, query, strlen(query));
        if (pst != FAST_PG_OK) /* the workbook is then freed unclosed: path stays untouched */
            fprintf(stderr, "%s: %s\n", fast_pg_strerror(pst), fast_pg_export_error_message(ex));
        else if ((st = fast_workbook_close(wb)) != FAST_OK)
            fprintf(stderr, "%s: %s: %s\n", path, fast_strerror(st), fast_workbook_error_message(wb));
        else
            ok = 1;
    }
    if (ok)
        printf("wrote %llu rows to %s\n", (unsigned long long)fast_pg_export_rows(ex), path);
    fast_workbook_free(wb);
    fast_pg_export_free(ex);
    PQfinish(conn); /* the connection stays usable after an export, failed or not */
    return ok ? 0 : 1;
}
