/*
 * fastxlsx_pg.h - the PostgreSQL adapter of fastxlsx (libfastxlsx_pg): the
 * result of a query, read with binary COPY through libpq, written as typed rows
 * into a fastxlsx workbook.
 *
 * The adapter is a separate library on top of the public API of libfastxlsx
 * (fastxlsx.h) and of libpq; the core library does not depend on libpq.
 * Build with `pkg-config --cflags --libs fastxlsx-pg`.
 *
 * Conventions (the same as fastxlsx.h):
 *  - Handles are opaque; one handle is not safe to use from several threads at
 *    once, distinct handles are independent. No global mutable state.
 *  - Strings are a pointer plus a length in bytes (UTF-8), not necessarily
 *    NUL-terminated.
 *  - Functions that can fail return a fast_pg_status: FAST_PG_OK (0) or a
 *    negative code; the export handle keeps a message naming the cause and place.
 *    The adapter never prints and never exits.
 *  - The connection is the caller's: the adapter never opens, resets or closes it.
 *
 * How a query is exported (fast_pg_export_query()):
 *  1. The query is prepared as the unnamed statement (PQprepare with the name "")
 *     and described (PQdescribePrepared) for the column names and types. A query
 *     that returns no columns (DDL, INSERT without RETURNING, ...) is refused
 *     with FAST_PG_ERROR_NO_COLUMNS; a query with parameters ($1, ...) is refused
 *     with FAST_PG_ERROR_PARAMETERS, because COPY cannot take parameters: put the
 *     values in the text, quoted with PQescapeLiteral() / PQescapeIdentifier().
 *  2. The data is read with
 *       COPY (SELECT c1, c2::text, ... FROM (<query>) AS q(c1, ..., cN)) TO STDOUT (FORMAT binary)
 *     with client_encoding UTF8 (the connection's previous client_encoding is
 *     restored afterwards). Aliasing the columns by position keeps duplicate or
 *     unusual column names working; the outer SELECT casts every type the adapter
 *     has no decoder for to text on the server, and turns timestamptz into the
 *     session's wall-clock time (AT TIME ZONE current_setting('TimeZone')).
 *  3. Each row becomes one worksheet row (see "Types to cells" below).
 *
 * Types to cells (PostgreSQL type -> cell, and why):
 *  - bool -> boolean.
 *  - int2, int4, oid -> number (exact in a double).
 *  - int8 -> number when |v| <= 2^53 (9007199254740992); larger values -> text
 *    with the exact digits, since Excel holds numbers as doubles and would round them.
 *  - float4, float8 -> number. A float4 becomes the double of its shortest
 *    decimal text (the digits psql prints: 0.1, not 0.100000001490116).
 *    NaN, Infinity, -Infinity -> text "NaN", "Infinity", "-Infinity" (a cell
 *    cannot hold them).
 *  - numeric -> number when its value has at most 15 significant digits (what
 *    Excel keeps), else text with the exact decimal digits as psql prints them
 *    (dscale included). NaN, Infinity, -Infinity -> text. With
 *    fast_pg_export_set_numeric_as_number() every finite numeric within the
 *    range of a double is a number (rounded to the nearest double: lossy).
 *    Values outside the double range (beyond about 1e308, or nonzero below
 *    2.2e-308) stay text either way.
 *  - date -> date cell (shown yyyy-mm-dd).
 *  - timestamp, timestamptz -> date-time cell to the millisecond (microseconds
 *    rounded to the nearest millisecond), shown yyyy-mm-dd hh:mm:ss; timestamptz
 *    is first converted to the session's TimeZone, which is what psql shows.
 *  - time -> a number, the fraction of a day (microseconds kept), shown hh:mm:ss.
 *  - dates and timestamps outside 1900-01-01..9999-12-31 (after rounding), and
 *    +/-infinity -> text as psql prints them with DateStyle ISO
 *    ("1899-12-31", "0044-03-15 BC", "infinity"); a timestamptz, being converted to
 *    local time first, is then printed without its offset.
 *  - NULL -> blank cell (nothing written); an empty string is an empty text cell.
 *  - text, varchar, char(n) (blank-padded, as psql prints it), name: text as is.
 *  - everything else (uuid, json, jsonb, interval, timetz, bytea, money, arrays,
 *    enums, domains, ranges, composite and user types) -> text exactly as psql
 *    prints it: cast to text on the server (so DateStyle, IntervalStyle and
 *    bytea_output of the session apply).
 *  - Text of more than FAST_MAX_STRING_CHARS (32,767) characters: the export
 *    fails with FAST_PG_ERROR_TEXT_TOO_LONG naming the row and column, unless
 *    fast_pg_export_set_truncate_long_text() is on: then the cell is cut after
 *    32,767 characters (on a character boundary) and
 *    fast_pg_export_truncated_cells() counts it.
 *
 * The workbook: fast_pg_export_query() writes into the workbook's current
 * worksheet, which must have no rows yet (add one sheet per query with
 * fast_workbook_add_worksheet()). With the header on (the default) the first
 * row holds the column names in bold, it is frozen, an autofilter covers the
 * columns, it is repeated on continuation sheets (fast_workbook_set_header_rows())
 * and at the top of every printed page (fast_workbook_set_print_title_rows()),
 * and column widths are fitted to the first rows (fast_workbook_set_autofit_rows(),
 * 100 rows; also without header). Rows past the sheet's limit continue on
 * continuation sheets under the workbook's row-limit policy.
 *
 * Failures: a failure once the query's rows have begun to reach the worksheet
 * (its header row included) abandons the workbook (fast_workbook_abandon(), with
 * the export's message): its status becomes FAST_ERROR_ABANDONED and
 * fast_workbook_close() discards the output, so a partial result can never be
 * committed as if it were complete; the destination is untouched (see
 * fast_workbook_new()). A failure before that (connection, syntax, no columns,
 * parameters) leaves the workbook as it was. After an error or a cancel the adapter reads the
 * connection until it is idle again, so the PGconn stays usable (unless the
 * server went away). Inside a transaction block a failed or cancelled export
 * leaves the transaction aborted, as any failed statement does: the caller
 * issues ROLLBACK.
 */
#ifndef FASTXLSX_PG_H
#define FASTXLSX_PG_H

#include <fastxlsx.h>
#include <libpq-fe.h>

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The adapter's own sources define FAST_PG_API to export symbols; users see nothing. */
#ifndef FAST_PG_API
#define FAST_PG_API
#endif

#define FASTXLSX_PG_VERSION_STRING "0.1.0"

/* Status codes of the adapter. The values are fixed; new codes get new negative values. */
typedef enum fast_pg_status {
    FAST_PG_OK = 0,
    FAST_PG_ERROR_NOMEM = -1,            /* memory allocation failed */
    FAST_PG_ERROR_INVALID_ARGUMENT = -2, /* NULL handle, connection, workbook or query, or a value out of range */
    FAST_PG_ERROR_CONNECTION = -3,       /* the connection is not OK, or busy with another command */
    FAST_PG_ERROR_QUERY = -4,            /* the server rejected the query before any row (syntax error, unknown table...) */
    FAST_PG_ERROR_NO_COLUMNS = -5,       /* the statement returns no columns (DDL, plain INSERT...) */
    FAST_PG_ERROR_PARAMETERS = -6,       /* the query has parameters ($1...), which COPY cannot take */
    FAST_PG_ERROR_SERVER = -7,           /* the query failed on the server while rows were streaming */
    FAST_PG_ERROR_CONNECTION_LOST = -8,  /* the connection broke (backend terminated, network) */
    FAST_PG_ERROR_PROTOCOL = -9,         /* the COPY stream is malformed (signature, lengths, field counts) */
    FAST_PG_ERROR_TEXT_TOO_LONG = -10,   /* a text value of more than 32,767 characters */
    FAST_PG_ERROR_WORKBOOK = -11,        /* the workbook failed (fast_pg_export_workbook_status() has its code) */
    FAST_PG_ERROR_CANCELLED = -12,       /* the progress callback asked to stop; the query was cancelled */
    FAST_PG_ERROR_COLUMN_LIMIT = -13     /* more columns than a worksheet has (FAST_MAX_COLUMNS) */
} fast_pg_status;

/* fast_pg_strerror() - a fixed English text for @status (any int); never NULL. */
FAST_PG_API const char *fast_pg_strerror(int status);

/* fast_pg_version_string() - the adapter's version, "MAJOR.MINOR.PATCH". */
FAST_PG_API const char *fast_pg_version_string(void);

typedef struct fast_pg_export fast_pg_export;

/*
 * fast_pg_export_new() - a handle holding the export settings (header on,
 * numeric-as-number off, truncation off, no progress callback) and the result of
 * the last export. The caller owns it and releases it with fast_pg_export_free().
 * One handle may export any number of queries, one at a time.
 * Returns NULL with errno ENOMEM on allocation failure.
 */
FAST_PG_API fast_pg_export *fast_pg_export_new(void);

/* fast_pg_export_free() - release a handle. NULL is accepted and ignored. */
FAST_PG_API void fast_pg_export_free(fast_pg_export *ex);

/*
 * Settings. Each applies to the exports started after it and returns FAST_PG_OK or
 * FAST_PG_ERROR_INVALID_ARGUMENT (NULL handle, value out of range).
 */

/*
 * fast_pg_export_set_text_number_warnings() - @on 0 (default): the int8 and numeric
 * columns, whose values a double cannot hold are written as exact text that looks
 * like a number, get Excel's "number stored as text" check turned off over their
 * data rows (fast_workbook_ignore_errors(), FAST_IGNORE_NUMBER_STORED_AS_TEXT), so
 * Excel shows no green triangles on them; 1: the check stays on. Any time before
 * fast_pg_export_query(). FAST_PG_OK, or FAST_PG_ERROR_INVALID_ARGUMENT for a NULL
 * @ex. Since 0.3.
 */
FAST_PG_API fast_pg_status fast_pg_export_set_text_number_warnings(fast_pg_export *ex, int on);

/* fast_pg_export_set_header() - @on 1 (default): a header row of column names (bold,
 * frozen, autofilter, repeated on continuation sheets); 0: data rows only. */
FAST_PG_API fast_pg_status fast_pg_export_set_header(fast_pg_export *ex, int on);

/*
 * fast_pg_export_set_excel_table() - with @on 1 and the header on, each export's rows
 * become an Excel table (fastxlsx.h, "Excel tables") named by the library ("Table1",
 * "Table2", ...), over its columns from the header row to the last row, instead of the
 * autofilter; continuation sheets get "Table1_2", ... @style, @style_len: a built-in
 * table style such as "TableStyleLight9" (copied; NULL for TableStyleMedium2).
 * @totals: FAST_TABLE_TOTAL_NONE (0, no totals row), or a FAST_TABLE_TOTAL_* function
 * for every column of numbers (int2, int4, int8, oid, float4, float8, and numeric with
 * fast_pg_export_set_numeric_as_number()), "Total" under the first column when it is
 * not one. A column name that repeats another case-insensitively, or an empty one,
 * fails the export (the workbook's FAST_ERROR_TABLE, in the message). 0 (default): an
 * autofilter. FAST_PG_ERROR_INVALID_ARGUMENT for an unknown @totals or a style name of
 * more than 31 bytes. Since 0.3.
 */
FAST_PG_API fast_pg_status fast_pg_export_set_excel_table(fast_pg_export *ex, int on, const char *style,
                                                         size_t style_len, int totals);

/* fast_pg_export_set_numeric_as_number() - @on 1: every finite numeric in the range of
 * a double becomes a number, its exact decimal value rounded once to the nearest
 * double (lossy: Excel keeps 15 significant digits). 0 (default): numerics of more
 * than 15 significant digits stay exact text. */
FAST_PG_API fast_pg_status fast_pg_export_set_numeric_as_number(fast_pg_export *ex, int on);

/* fast_pg_export_set_truncate_long_text() - @on 1: text of more than 32,767
 * characters is cut to 32,767 characters and counted (fast_pg_export_truncated_cells());
 * 0 (default): such text fails the export with FAST_PG_ERROR_TEXT_TOO_LONG. */
FAST_PG_API fast_pg_status fast_pg_export_set_truncate_long_text(fast_pg_export *ex, int on);

/*
 * fast_pg_progress_fn - progress callback: @rows data rows written so far in this
 * export (the header not counted), @bytes bytes of the .xlsx package written to
 * the workbook's destination so far (fast_workbook_bytes_written()). Returning non-zero cancels the export: the adapter sends a
 * cancel request (PQcancel), reads the connection until it is idle and returns
 * FAST_PG_ERROR_CANCELLED. Called on the thread that called
 * fast_pg_export_query(); it must not use the connection or the workbook.
 */
typedef int (*fast_pg_progress_fn)(uint64_t rows, uint64_t bytes, void *user);

/*
 * fast_pg_export_set_progress() - call @fn after every @every_rows rows (1..2^32),
 * at the end of the data, and also about every 0.25 s while the server sends
 * nothing (so a long query can be cancelled before its first row). NULL @fn
 * removes the callback. @user is passed to each call.
 */
FAST_PG_API fast_pg_status fast_pg_export_set_progress(fast_pg_export *ex, fast_pg_progress_fn fn,
                                                       uint64_t every_rows, void *user);

/*
 * fast_pg_export_query() - run @query (@len bytes of SQL, one SELECT, VALUES,
 * TABLE or WITH statement or anything else returning rows that can stand in a
 * FROM clause; a trailing ';' is allowed) on @conn and write its result into the
 * current worksheet of @wb (see the file comment for the steps and the type table).
 *
 * @conn: the caller's connection, CONNECTION_OK and idle (not in COPY, an
 * asynchronous command or pipeline mode: FAST_PG_ERROR_CONNECTION otherwise). It is used in blocking calls and given back idle; its
 * unnamed prepared statement is replaced.
 * @wb: a workbook with a current worksheet that has no rows yet.
 * Blocks until the whole result is written or the export fails.
 *
 * Returns FAST_PG_OK, or FAST_PG_ERROR_INVALID_ARGUMENT, _CONNECTION, _QUERY,
 * _NO_COLUMNS, _PARAMETERS, _COLUMN_LIMIT (before any row is written), or
 * _SERVER, _CONNECTION_LOST, _PROTOCOL, _TEXT_TOO_LONG, _WORKBOOK, _CANCELLED,
 * _NOMEM. The message (fast_pg_export_error_message()) includes the server's own
 * message where there is one. Errors are not sticky on the export handle: the
 * next call starts afresh. A failure after rows began abandons the workbook
 * (see the file comment).
 */
FAST_PG_API fast_pg_status fast_pg_export_query(fast_pg_export *ex, PGconn *conn, fast_workbook *wb,
                                                const char *query, size_t len);

/* fast_pg_export_rows() - data rows written by the last export (so far, when called
 * from the progress callback); 0 for NULL. */
FAST_PG_API uint64_t fast_pg_export_rows(const fast_pg_export *ex);

/* fast_pg_export_bytes() - bytes of COPY data received by the last export; 0 for NULL. */
FAST_PG_API uint64_t fast_pg_export_bytes(const fast_pg_export *ex);

/* fast_pg_export_truncated_cells() - cells cut at 32,767 characters by the last
 * export (only with fast_pg_export_set_truncate_long_text()); 0 for NULL. */
FAST_PG_API uint64_t fast_pg_export_truncated_cells(const fast_pg_export *ex);

/* fast_pg_export_workbook_status() - after FAST_PG_ERROR_WORKBOOK, the workbook's
 * fast_status (FAST_OK otherwise, and for NULL). */
FAST_PG_API int fast_pg_export_workbook_status(const fast_pg_export *ex);

/*
 * fast_pg_export_error_message() - what the last export's failure was, with its
 * place (and the server's message): a NUL-terminated string owned by the handle,
 * valid until the next export or fast_pg_export_free(). "" after a success; a
 * static text for NULL.
 */
FAST_PG_API const char *fast_pg_export_error_message(const fast_pg_export *ex);

#ifdef __cplusplus
}
#endif

#endif /* FASTXLSX_PG_H */
