/*
 * fastxlsx.h - the public API of fastxlsx, a streaming XLSX (SpreadsheetML) writer.
 *
 * A workbook is written front to back: rows go out as they are given, through a
 * deflate compressor, into a ZIP package written straight to a file, a file
 * descriptor or a write callback. Memory does not grow with the number of rows.
 *
 * Conventions that hold for every function below:
 *  - Handles (fast_workbook, fast_cells) are opaque. A handle is not safe to use
 *    from several threads at once; distinct handles are independent and may be
 *    used from different threads concurrently. The library has no global mutable
 *    state.
 *  - Strings are passed as a pointer plus a length in bytes, UTF-8, and need not
 *    be NUL-terminated. "Characters" means Unicode code points.
 *  - Functions that can fail return a fast_status: FAST_OK (0) or a negative code.
 *    Errors on a workbook are sticky: after the first failure every later call on
 *    that workbook returns the same status, fast_workbook_close() discards the
 *    output, and fast_workbook_error_message() names the cause and place.
 *  - The library never prints, never calls exit() or abort(), and never leaves a
 *    partial file under the destination name.
 *
 * Standards referred to below:
 *  - ECMA-376 5th edition, Part 1 (SpreadsheetML) and Part 2 (Open Packaging
 *    Conventions).
 *  - PKWARE .ZIP File Format Specification (APPNOTE.TXT) 6.3.x.
 */
#ifndef FASTXLSX_H
#define FASTXLSX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's own sources define FAST_API to export symbols; users see nothing. */
#ifndef FAST_API
#define FAST_API
#endif

#define FASTXLSX_VERSION_MAJOR 0
#define FASTXLSX_VERSION_MINOR 1
#define FASTXLSX_VERSION_PATCH 0
#define FASTXLSX_VERSION_STRING "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define FASTXLSX_VERSION_NUMBER 100

/* Limits of the Excel file format (Excel specifications and limits; ECMA-376 Part 1 §18.3.1.73 row r,
 * §18.3.1.4 c r). */
#define FAST_MAX_ROWS 1048576u        /* rows per worksheet */
#define FAST_MAX_COLUMNS 16384u       /* columns per worksheet (A..XFD) */
#define FAST_MAX_STRING_CHARS 32767u  /* characters (code points) in one cell */
#define FAST_MAX_SHEET_NAME_CHARS 31u /* characters in a worksheet name */
#define FAST_MAX_FORMATS 65490u       /* distinct cell formats (cellXfs entries) per workbook */
#define FAST_MAX_HYPERLINKS 65530u    /* hyperlinks per worksheet */
#define FAST_MAX_FORMULA_CHARS 8192u  /* characters in a formula (Excel's limit) */

/*
 * Status codes. The values are fixed and will not change; new codes may be added
 * with new negative values.
 */
typedef enum fast_status {
    FAST_OK = 0,
    FAST_ERROR_NOMEM = -1,            /* memory allocation failed */
    FAST_ERROR_INVALID_ARGUMENT = -2, /* NULL handle or pointer, or a value out of range */
    FAST_ERROR_STATE = -3,            /* the call is not allowed at this point (see each function) */
    FAST_ERROR_CLOSED = -4,           /* the workbook was already closed */
    FAST_ERROR_IO = -5,               /* a file or descriptor operation failed (errno in the message) */
    FAST_ERROR_CALLBACK = -6,         /* the write callback reported a failure */
    FAST_ERROR_COMPRESSION = -7,      /* the deflate backend failed */
    FAST_ERROR_SHEET_NAME = -8,       /* worksheet name empty, too long or with a forbidden character */
    FAST_ERROR_DUPLICATE_SHEET_NAME = -9, /* worksheet name already used (case-insensitively) */
    FAST_ERROR_ROW_LIMIT = -10,       /* more than FAST_MAX_ROWS rows in a worksheet */
    FAST_ERROR_COLUMN_LIMIT = -11,    /* more than FAST_MAX_COLUMNS cells in a row */
    FAST_ERROR_STRING_TOO_LONG = -12, /* more than FAST_MAX_STRING_CHARS characters in a cell */
    FAST_ERROR_INVALID_UTF8 = -13,    /* text that is not well-formed UTF-8 */
    FAST_ERROR_NONFINITE_NUMBER = -14, /* NaN or an infinity, which a cell cannot hold */
    FAST_ERROR_THREAD = -15,          /* the compression thread could not be started */
    FAST_ERROR_INVALID_DATE = -16,    /* not a calendar date, or outside 1900-01-01..9999-12-31 */
    FAST_ERROR_FORMAT_LIMIT = -17,    /* more than FAST_MAX_FORMATS distinct cell formats */
    FAST_ERROR_HYPERLINK_LIMIT = -18, /* more than FAST_MAX_HYPERLINKS hyperlinks in a worksheet */
    FAST_ERROR_TOO_LATE = -19         /* a sheet setting given after the point where it is written */
} fast_status;

/*
 * fast_strerror() - a fixed English description of a status code.
 *
 * Returns a static NUL-terminated string, never NULL ("unknown status" for a value
 * that is not a fast_status). Thread-safe.
 */
FAST_API const char *fast_strerror(int status);

/*
 * fast_version_string(), fast_version_number() - the version of the library that
 * is running, which may differ from the FASTXLSX_VERSION_* macros the caller was
 * compiled against. The string is static. Thread-safe.
 */
FAST_API const char *fast_version_string(void);
FAST_API unsigned fast_version_number(void);

/* ---------------------------------------------------------------------------
 * Cells: a reusable array of typed cell values, one row's worth.
 * ------------------------------------------------------------------------- */

typedef struct fast_cells fast_cells;
typedef struct fast_workbook fast_workbook;

/*
 * fast_cells_new() - allocate an array of @count cells, all blank.
 *
 * @count: number of cells, 1..FAST_MAX_COLUMNS.
 * Returns a handle the caller owns and releases with fast_cells_free(), or NULL
 * with errno EINVAL (count out of range) or ENOMEM.
 */
FAST_API fast_cells *fast_cells_new(size_t count);

/*
 * fast_cells_free() - release a cell array. NULL is accepted and ignored.
 * Strings set on the cells are not owned by the array and are not freed.
 */
FAST_API void fast_cells_free(fast_cells *cells);

/* fast_cells_count() - the number of cells given to fast_cells_new(); 0 for NULL. */
FAST_API size_t fast_cells_count(const fast_cells *cells);

/* fast_cells_clear() - make every cell blank without a format, and drop the row
 * format and height. NULL is accepted and ignored. */
FAST_API void fast_cells_clear(fast_cells *cells);

/*
 * fast_cells_set_string() - make cell @index a text cell.
 *
 * @text: UTF-8 bytes, not necessarily NUL-terminated; may be NULL only when @len is 0.
 * @len:  length of @text in bytes.
 * The array keeps the pointer, not a copy: the bytes must stay valid and unchanged
 * until the last fast_workbook_write_row() that uses this cell has returned.
 * The text is checked when the row is written, not here (UTF-8 and length rules
 * are described at fast_workbook_write_row()).
 * Returns FAST_OK, or FAST_ERROR_INVALID_ARGUMENT for a NULL array, @index out of
 * range, or NULL @text with a non-zero @len.
 */
FAST_API fast_status fast_cells_set_string(fast_cells *cells, size_t index, const char *text, size_t len);

/*
 * fast_cells_set_number() - make cell @index a number cell holding @value.
 * NaN and infinities are accepted here and rejected by fast_workbook_write_row().
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_number(fast_cells *cells, size_t index, double value);

/*
 * fast_cells_set_integer() - make cell @index a number cell holding @value exactly.
 * The file holds all 64 bits in decimal, but Excel stores numbers as IEEE 754
 * doubles: integers beyond +/-2^53 (9007199254740992) lose precision when Excel
 * reads them, and Excel shows only 15 significant digits.
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_integer(fast_cells *cells, size_t index, int64_t value);

/*
 * fast_cells_set_boolean() - make cell @index a boolean cell: 0 is FALSE, any other
 * value TRUE. Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out
 * of range).
 */
FAST_API fast_status fast_cells_set_boolean(fast_cells *cells, size_t index, int value);

/*
 * fast_cells_set_blank() - make cell @index blank (nothing is written for it).
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_blank(fast_cells *cells, size_t index);

/*
 * Dates and times are stored the way Excel stores them: as serial numbers in the
 * 1900 date system (ECMA-376 Part 1 §18.17.4.1), days since 1899-12-30 for dates
 * from 1900-03-01 on, with the time of day as the fraction. Serial 60 is the
 * fictitious 1900-02-29 that Excel keeps for Lotus 1-2-3 compatibility, so dates
 * 1900-01-01..1900-02-28 are serials 1..59 and no date has serial 60. Dates before
 * 1900-01-01 or after 9999-12-31 cannot be stored: fast_workbook_write_row()
 * rejects them with FAST_ERROR_INVALID_DATE, as it does 2023-02-30 and the like.
 * A date cell without a format (or whose format has no number format) shows as
 * yyyy-mm-dd, a date-time cell as yyyy-mm-dd hh:mm:ss.
 */

/*
 * fast_cells_set_date() - make cell @index a calendar date.
 * @year 1900..9999, @month 1..12, @day 1..31 (checked when the row is written).
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_date(fast_cells *cells, size_t index, int year, int month, int day);

/*
 * fast_cells_set_datetime() - make cell @index a date and time of day, to the
 * millisecond: @hour 0..23, @minute 0..59, @second 0..59, @millisecond 0..999
 * (checked when the row is written; no time zone: the value is shown as given).
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_datetime(fast_cells *cells, size_t index, int year, int month, int day,
                                             int hour, int minute, int second, int millisecond);

/*
 * fast_cells_set_unix_time() - make cell @index the date-time @seconds after
 * 1970-01-01 00:00:00 UTC (POSIX time, no leap seconds), plus @millisecond
 * 0..999, shown in UTC. Negative @seconds count back from 1970.
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_unix_time(fast_cells *cells, size_t index, int64_t seconds,
                                              int millisecond);

/*
 * fast_cells_set_formula() - make cell @index a formula with no cached value.
 *
 * @formula, @len: the formula in the file's syntax (ECMA-376 Part 1 §18.17: English
 * function names, ',' between arguments, A1 references), UTF-8, with or without
 * a leading '=' (it is not stored). At most FAST_MAX_FORMULA_CHARS characters.
 * Without a cached value a reader shows nothing until it recalculates; the
 * workbook asks readers to recalculate on load (calcPr fullCalcOnLoad).
 * The text is borrowed like fast_cells_set_string()'s.
 * Text set with fast_cells_set_string() is never treated as a formula.
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range,
 * NULL or empty @formula, "=" alone included).
 */
FAST_API fast_status fast_cells_set_formula(fast_cells *cells, size_t index, const char *formula, size_t len);

/*
 * fast_cells_set_formula_number(), _string(), _boolean() - a formula with the
 * value it evaluates to (its cached value, §18.3.1.96 v), which readers that do
 * not calculate (and Excel until it recalculates) show. Same rules as
 * fast_cells_set_formula(); the number must be finite when the row is written;
 * the string is borrowed and checked like a text cell.
 */
FAST_API fast_status fast_cells_set_formula_number(fast_cells *cells, size_t index, const char *formula,
                                                   size_t len, double value);
FAST_API fast_status fast_cells_set_formula_string(fast_cells *cells, size_t index, const char *formula,
                                                   size_t len, const char *value, size_t value_len);
FAST_API fast_status fast_cells_set_formula_boolean(fast_cells *cells, size_t index, const char *formula,
                                                    size_t len, int value);

typedef struct fast_format fast_format;

/*
 * fast_cells_set_format() - give cell @index a format (or NULL for none), kept
 * until changed or fast_cells_clear(). Setting a value does not change it. A
 * blank cell with a format is written (an empty styled cell). The format must
 * come from the workbook the row is written to: a format of another workbook
 * makes fast_workbook_write_row() fail with FAST_ERROR_INVALID_ARGUMENT.
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range).
 */
FAST_API fast_status fast_cells_set_format(fast_cells *cells, size_t index, const fast_format *format);

/*
 * fast_cells_set_row_format() - a default format for the whole row (§18.3.1.73
 * row s, customFormat): cells of the row without their own format, and the empty
 * cells of the row, show with it. NULL for none.
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array).
 */
FAST_API fast_status fast_cells_set_row_format(fast_cells *cells, const fast_format *format);

/*
 * fast_cells_set_row_height() - height of the rows written with these cells, in
 * points (1/72 inch), 0 < @points <= 409; 0 restores the default height.
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL array, out of range).
 */
FAST_API fast_status fast_cells_set_row_height(fast_cells *cells, double points);


/* ---------------------------------------------------------------------------
 * Formats: cell appearance (ECMA-376 Part 1 §18.8, styles). A format belongs to
 * its workbook and lives until fast_workbook_free(). Equal formats are written
 * once (cellXfs deduplication); a workbook holds at most FAST_MAX_FORMATS
 * distinct ones. A format may be changed after it was used: cells written
 * before keep the look they were written with.
 * Each setter returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL format, value
 * out of range).
 * ------------------------------------------------------------------------- */

/*
 * fast_workbook_add_format() - a new format with no properties set (Calibri 11,
 * no fill, no border, General number format). Owned by the workbook: do not free.
 * Returns NULL when the workbook has failed or is closed, or out of memory (then
 * FAST_ERROR_NOMEM becomes the workbook's sticky error).
 */
FAST_API fast_format *fast_workbook_add_format(fast_workbook *wb);

FAST_API fast_status fast_format_set_bold(fast_format *format, int on);
FAST_API fast_status fast_format_set_italic(fast_format *format, int on);
/* Single underline. */
FAST_API fast_status fast_format_set_underline(fast_format *format, int on);
/* Font name, UTF-8, 1..31 characters (copied). */
FAST_API fast_status fast_format_set_font_name(fast_format *format, const char *name, size_t len);
/* Font size in points, 1..409. */
FAST_API fast_status fast_format_set_font_size(fast_format *format, double points);
/* Colours are 0xRRGGBB. */
FAST_API fast_status fast_format_set_font_color(fast_format *format, uint32_t rgb);
/* A solid fill of colour 0xRRGGBB. */
FAST_API fast_status fast_format_set_fill_color(fast_format *format, uint32_t rgb);

/* Horizontal alignment (§18.18.40 ST_HorizontalAlignment). */
#define FAST_ALIGN_GENERAL 0
#define FAST_ALIGN_LEFT 1
#define FAST_ALIGN_CENTER 2
#define FAST_ALIGN_RIGHT 3
#define FAST_ALIGN_FILL 4
#define FAST_ALIGN_JUSTIFY 5
FAST_API fast_status fast_format_set_align(fast_format *format, int horizontal);

/* Vertical alignment (§18.18.88 ST_VerticalAlignment); the default is bottom. */
#define FAST_VALIGN_BOTTOM 0
#define FAST_VALIGN_TOP 1
#define FAST_VALIGN_CENTER 2
#define FAST_VALIGN_JUSTIFY 3
FAST_API fast_status fast_format_set_valign(fast_format *format, int vertical);

/* Wrap text in the cell. */
FAST_API fast_status fast_format_set_wrap(fast_format *format, int on);
/* Thin black border on all four sides. */
FAST_API fast_status fast_format_set_border(fast_format *format, int on);

/*
 * fast_format_set_num_format() - a number format code (§18.8.31), e.g. "0.00",
 * "#,##0", "yyyy-mm-dd", "0.0%" (UTF-8, 1..255 characters, copied). Codes that
 * are built into every reader (§18.8.30: "0", "0.00", "#,##0", "0%", "mm-dd-yy",
 * "@", ...) use their built-in id; others are written as custom numFmts from id 164.
 */
FAST_API fast_status fast_format_set_num_format(fast_format *format, const char *code, size_t len);

/* ---------------------------------------------------------------------------
 * Workbook: construction and output.
 * ------------------------------------------------------------------------- */

/*
 * fast_write_fn - an output callback.
 *
 * Called with the next @len bytes (1 <= @len <= 1 MiB) of the .xlsx package, in
 * order. Returns how many bytes it consumed, 1..@len; the library calls again
 * with the rest until all are consumed. A return value of 0 or less (or more
 * than @len) fails the workbook with FAST_ERROR_CALLBACK. @buf is valid only
 * during the call. The callback must not call back into the same workbook.
 */
typedef int (*fast_write_fn)(const void *buf, size_t len, void *user);

/*
 * fast_workbook_new() - start a workbook that will be written to the file @path.
 *
 * The package is written to a new temporary file in the same directory as @path
 * (named ".NAME.XXXXXX.tmp", mode 0666 less the umask). fast_workbook_close()
 * fsyncs it, renames it over @path and fsyncs the directory, so @path holds either
 * its previous content or the complete workbook, never a partial one. If the
 * workbook fails or is freed without a successful close, the temporary file is
 * removed and an existing file at @path is untouched.
 *
 * @path: NUL-terminated file name. Not retained.
 * Returns a handle the caller owns (release with fast_workbook_free()), or NULL
 * with errno set: EINVAL for a NULL or empty @path, ENOMEM, or the errno of
 * creating the temporary file (EACCES, ENOENT, ...); strerror(errno) gives the
 * reason as text.
 */
FAST_API fast_workbook *fast_workbook_new(const char *path);

/*
 * fast_workbook_new_fd() - start a workbook written to the open descriptor @fd.
 *
 * The library writes with write(2) and, when @fd is a regular file opened without
 * O_APPEND, also pwrite(2) to fill in each worksheet's <dimension> after the sheet
 * ends; on any other descriptor (pipe, socket, terminal) the <dimension> element
 * is omitted, which the format allows (ECMA-376 Part 1 §18.3.1.35). The package
 * starts at the descriptor's current offset. The descriptor is not closed, synced
 * or truncated by the library; it stays owned by the caller.
 *
 * Returns a handle or NULL with errno EINVAL (negative @fd or not open: EBADF) or ENOMEM.
 */
FAST_API fast_workbook *fast_workbook_new_fd(int fd);

/*
 * fast_workbook_new_callback() - start a workbook whose bytes go to @write.
 *
 * Output through a callback is not seekable, so worksheets carry no <dimension>.
 * @user is passed to every call and not otherwise used.
 * Returns a handle or NULL with errno EINVAL (NULL @write) or ENOMEM.
 */
FAST_API fast_workbook *fast_workbook_new_callback(fast_write_fn write, void *user);

/* ---------------------------------------------------------------------------
 * Workbook: settings. Each returns FAST_OK, the workbook's sticky error,
 * FAST_ERROR_INVALID_ARGUMENT (NULL workbook or value out of range; this also
 * becomes the sticky error), or FAST_ERROR_CLOSED after fast_workbook_close().
 * ------------------------------------------------------------------------- */

/*
 * fast_workbook_set_flush_interval() - push buffered sheet XML out every @rows rows.
 *
 * Worksheet XML is buffered (see fast_workbook_set_max_buffer_size()). After at
 * most @rows rows, the buffered XML is handed to the compressor and all compressed
 * output produced so far is written to the destination, so a reader of a pipe or
 * socket sees progress. The compressor itself keeps up to its window of input
 * (32 KiB for deflate) until it has enough to emit a block. 0 means "only when the
 * buffer is full". Default: 0. May be called at any time before close.
 */
FAST_API fast_status fast_workbook_set_flush_interval(fast_workbook *wb, size_t rows);

/*
 * fast_workbook_set_max_buffer_size() - size of the XML buffer in bytes.
 *
 * Sheet XML, and every other part, is produced into one buffer of @bytes bytes;
 * when it is full its content goes to the compressor. This is the largest
 * allocation that depends on a setting other than the shared strings limit.
 * Range 4096..64 MiB. Default: 256 KiB. Allowed only before the first worksheet
 * is added (FAST_ERROR_STATE afterwards).
 *
 * Memory at a glance: the XML buffer, a 64 KiB output buffer, the compressor
 * (about 0.3 MiB for ISA-L, 0.4 MiB for zlib), the shared strings table (up to
 * its cap, see fast_workbook_set_shared_strings_limit()) and, with
 * fast_workbook_set_threads(), a second XML buffer. None of it grows with the
 * number of rows. A low-memory setting: a 16 KiB buffer and a table of 10,000
 * strings / 1 MiB (peak RSS figures in bench/README.md).
 */
FAST_API fast_status fast_workbook_set_max_buffer_size(fast_workbook *wb, size_t bytes);

/*
 * fast_workbook_set_shared_strings_limit() - cap the shared strings table (SST).
 *
 * Text cells are written as indexes into the SST (xl/sharedStrings.xml, ECMA-376
 * Part 1 §18.4) as long as the table can take them: at most @max_strings unique
 * strings and at most @max_bytes bytes of string data (UTF-8, as given). A string
 * that is not in the table and does not fit is written inline in the sheet
 * (<is>, §18.3.1.53) instead. A column whose strings miss the full table 1,000
 * times in a row (ids, names: values that do not repeat) stops looking them up
 * and writes them inline; this changes only how the text is stored. The
 * table's memory stops growing at the cap. 0 for either limit disables the table:
 * every string is inline. Defaults: 100,000 strings, 16 MiB.
 * Allowed only before the first row is written (FAST_ERROR_STATE afterwards).
 */
FAST_API fast_status fast_workbook_set_shared_strings_limit(fast_workbook *wb, size_t max_strings,
                                                             size_t max_bytes);

/*
 * fast_workbook_set_compression_level() - deflate level of the package parts.
 *
 * @level: 0 stores parts uncompressed (ZIP method 0), 1 (fastest) .. 9 (smallest)
 * use deflate (ZIP method 8, RFC 1951). Default: 1, chosen from the measurements
 * in bench/README.md: on typical sheet XML higher levels cost much more time
 * for little size. With the ISA-L backend, levels map to ISA-L's 1..3:
 * 1 -> 1, 2..5 -> 2, 6..9 -> 3.
 * Allowed only before the first worksheet is added (FAST_ERROR_STATE afterwards).
 */
FAST_API fast_status fast_workbook_set_compression_level(fast_workbook *wb, int level);

/*
 * fast_workbook_set_cell_references() - write every cell's reference, or only
 * those the file format needs.
 *
 * A cell's A1 reference (<c r="B7">) is optional in the file format (ECMA-376
 * Part 1 §18.3.1.4): without it a cell is in the column after the previous cell
 * of its row, or column A for the first. By default (@always 1) every cell
 * carries its r, as Excel writes it. @always 0 writes r only where it is
 * needed, after blank cells: sheet XML about a third smaller and the
 * compressed file about 40% smaller, but several common readers misread it.
 * Tried by the reader matrix (tests/readers, README "Compatibility"): openpyxl
 * 3.0.9, LibreOffice 7.4, Apache POI 4.0.1 XSSFWorkbook and SheetJS 0.18.5
 * read the compact form correctly; gnumeric 1.12.55 (ssconvert) drops every
 * cell without r, ExcelJS 4.4.0 fails on the file in both its document and
 * its streaming reader, POI 4.0.1's event API (XSSFSheetXMLHandler) gives such
 * cells no reference, and Spreadsheet::ParseXLSX 0.27 silently puts the cells
 * that follow an explicit reference one column too far left. Other readers
 * are reported to need r too (older EPPlus, ClosedXML, box/spout). Use 0 only
 * when every reader of the files is known to handle it. Rows always carry
 * their r. May be called at any time before close; it applies to rows written
 * afterwards. Returns FAST_OK, FAST_ERROR_INVALID_ARGUMENT for a NULL @wb,
 * FAST_ERROR_CLOSED after close, or the sticky status of a failed workbook.
 */
FAST_API fast_status fast_workbook_set_cell_references(fast_workbook *wb, int always);

/*
 * fast_workbook_set_threads() - compress on a second thread.
 *
 * @threads: 0 or 1 (the default) does everything on the caller's thread, inside
 * the fast_workbook_* calls; 2 or more starts one worker thread (only one is ever
 * used) when the first worksheet is added: the caller's thread produces the XML,
 * the worker computes CRC-32, compresses and writes the output, while the next
 * XML buffer fills. This costs one more buffer of fast_workbook_set_max_buffer_size()
 * bytes. The write callback is then called from the worker thread, one call at
 * a time. The worker is joined by fast_workbook_close() or fast_workbook_free().
 * Allowed only before the first worksheet is added (FAST_ERROR_STATE afterwards).
 * Starting the thread can fail later with FAST_ERROR_THREAD.
 */
FAST_API fast_status fast_workbook_set_threads(fast_workbook *wb, unsigned threads);

/* ---------------------------------------------------------------------------
 * Workbook: content.
 * ------------------------------------------------------------------------- */

/*
 * fast_workbook_add_worksheet() - start a new worksheet; following rows go to it.
 *
 * The worksheet that was current is finished: its part is completed and no more
 * rows can be added to it.
 * @name, @len: the sheet name, UTF-8, @len bytes. NULL gives the first free name
 * of "Sheet1", "Sheet2", ... A name has 1..31 characters, none of : \ / ? * [ ]
 * and no control characters, does not start or end with an apostrophe, and
 * differs from every other sheet name of the workbook when compared
 * case-insensitively (ASCII, Latin-1, Greek and Cyrillic letters are folded).
 * The name is copied.
 * Returns FAST_OK, FAST_ERROR_SHEET_NAME, FAST_ERROR_DUPLICATE_SHEET_NAME,
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_NOMEM, an output error (FAST_ERROR_IO,
 * FAST_ERROR_CALLBACK, FAST_ERROR_COMPRESSION) from finishing the previous sheet,
 * FAST_ERROR_INVALID_ARGUMENT, FAST_ERROR_CLOSED, or the sticky error.
 */
FAST_API fast_status fast_workbook_add_worksheet(fast_workbook *wb, const char *name, size_t len);

/*
 * fast_workbook_write_row() - append one row of @n cells to the current worksheet.
 *
 * @cells: a cell array; its first @n cells (n <= fast_cells_count(cells)) become
 * columns A, B, ... of the next row. @n may be 0 (an empty row).
 * Rows are numbered from 1 in the order written. Blank cells produce no XML.
 *
 * The whole row is checked before any of it is written; if a check fails nothing
 * of the row is written, the status becomes the workbook's sticky error, and the
 * message names the sheet, row and column, e.g.
 * "sheet 'Data', row 12, column C: invalid UTF-8 at byte 5". Checks:
 *  - FAST_ERROR_ROW_LIMIT: the sheet is full (FAST_MAX_ROWS rows, or the limit of
 *    fast_workbook_set_rows_per_sheet()) and the policy is FAST_ROWS_ERROR; with
 *    the default policy the row starts a continuation sheet instead;
 *  - FAST_ERROR_COLUMN_LIMIT: @n > FAST_MAX_COLUMNS;
 *  - FAST_ERROR_INVALID_UTF8: text that is not well-formed UTF-8 (RFC 3629: no
 *    overlong forms, no surrogates U+D800..U+DFFF, nothing above U+10FFFF, no
 *    truncated sequence);
 *  - FAST_ERROR_STRING_TOO_LONG: text of more than FAST_MAX_STRING_CHARS characters;
 *  - FAST_ERROR_NONFINITE_NUMBER: NaN or +/-infinity (also a formula's cached number);
 *  - FAST_ERROR_INVALID_DATE: a date or time that does not exist or that the 1900
 *    date system cannot hold (see fast_cells_set_date());
 *  - FAST_ERROR_FORMAT_LIMIT: a cell format that would be the workbook's
 *    FAST_MAX_FORMATS + 1st distinct one (detected while the row is written: the
 *    cells before it are then already out, and the workbook has failed).
 *
 * Text is written as given. Characters that XML 1.0 cannot hold (U+0000..U+001F
 * other than tab and line feed, and U+FFFE, U+FFFF) and carriage return are
 * written as _xHHHH_, and text that already looks like _xHHHH_ is protected as
 * _x005F_xHHHH_, so a reader restores the original (ECMA-376 Part 1 §22.9.2.19,
 * ST_Xstring). Text with leading or trailing white space is marked
 * xml:space="preserve". Numbers are written locale-independently as the shortest
 * decimal text that reads back as the same double.
 *
 * Returns FAST_OK, one of the codes above, FAST_ERROR_STATE (no worksheet was
 * added), FAST_ERROR_INVALID_ARGUMENT (NULL workbook or cells, @n larger than the
 * array), FAST_ERROR_NOMEM, an output error, FAST_ERROR_CLOSED, or the sticky error.
 */
FAST_API fast_status fast_workbook_write_row(fast_workbook *wb, const fast_cells *cells, size_t n);

/*
 * fast_workbook_write_row_strings() - append a row of @n text cells.
 *
 * For callers that have text only (CSV, FFI): @values[i] is the UTF-8 text of
 * column i, @lengths[i] its length in bytes; a NULL @values[i] is a blank cell.
 * @lengths may be NULL, and then each non-NULL value is NUL-terminated.
 * @values may be NULL only when @n is 0. Neither array is retained.
 * Same checks, messages and statuses as fast_workbook_write_row().
 */
FAST_API fast_status fast_workbook_write_row_strings(fast_workbook *wb, const char *const *values,
                                                      const size_t *lengths, size_t n);


/* ---------------------------------------------------------------------------
 * Worksheet features. They apply to the current worksheet (the last one added).
 * Rows and columns are 0-based here: row 0 is the sheet's row 1, column 0 is A.
 *
 * The worksheet XML is streamed in the order the format prescribes (ECMA-376
 * Part 1 §18.3.1.99 CT_Worksheet): sheetViews and cols come before the rows, so
 * freeze panes, column widths, autofit and header rows must be set before the
 * sheet's first row is written; later they fail with FAST_ERROR_TOO_LATE. autoFilter, mergeCells and hyperlinks come after the rows,
 * so they can be given at any time until the sheet is finished.
 * Each returns FAST_OK, FAST_ERROR_TOO_LATE, FAST_ERROR_STATE (no worksheet;
 * except fast_workbook_set_autofit_rows() and fast_workbook_set_header_rows(),
 * which before any worksheet apply to the worksheets added afterwards),
 * FAST_ERROR_INVALID_ARGUMENT (out of range), FAST_ERROR_NOMEM,
 * FAST_ERROR_CLOSED or the sticky error.
 * ------------------------------------------------------------------------- */

/*
 * fast_workbook_set_column_width() - width of columns @first_col..@last_col, in
 * characters of the default font's digit width (§18.3.1.13 col width), 0..255.
 * Before the sheet's first row.
 */
FAST_API fast_status fast_workbook_set_column_width(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                    double width);

/*
 * fast_workbook_set_autofit_rows() - fit the widths of the columns that have no
 * width set to the first @rows rows of the sheet (the widest text, number or date
 * as displayed, in characters, plus a margin; at most 255). Those rows are held
 * back (as XML, in memory) until @rows rows were written or the sheet ends, then
 * written after the column widths. 0 (the default) turns fitting off.
 * Before the sheet's first row. Applies to this worksheet and those added after it.
 */
FAST_API fast_status fast_workbook_set_autofit_rows(fast_workbook *wb, uint32_t rows);

/*
 * fast_workbook_freeze_panes() - keep the top @rows rows and the left @cols
 * columns in view while scrolling (§18.3.1.66 pane, state "frozen"). 0, 0 removes it.
 * Before the sheet's first row.
 */
FAST_API fast_status fast_workbook_freeze_panes(fast_workbook *wb, uint32_t rows, uint32_t cols);

/*
 * fast_workbook_set_autofilter() - filter buttons on @first_row, over the range
 * (@first_row, @first_col)..(@last_row, @last_col) (§18.3.1.2 autoFilter).
 * @last_row FAST_LAST_ROW means "the last row written to the sheet". Any time
 * before the sheet ends; a second call replaces the first.
 */
#define FAST_LAST_ROW 0xFFFFFFFFu
FAST_API fast_status fast_workbook_set_autofilter(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col);

/*
 * fast_workbook_merge_range() - merge the cells of a range (§18.3.1.55 mergeCell);
 * the top-left cell's value and format show over the range. At least two cells.
 * Ranges of one sheet must not overlap (not checked). Kept in memory until the
 * sheet ends: 16 bytes each.
 */
FAST_API fast_status fast_workbook_merge_range(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                               uint32_t last_row, uint32_t last_col);

/*
 * fast_workbook_add_hyperlink() - make the cell at (@row, @col) a link to @url
 * (an absolute URL such as https://..., mailto:...; UTF-8, @len bytes, at most
 * 2079 characters, no control characters, copied), §18.3.1.47 hyperlink with an
 * external relationship; the URL is written as given (it is a URI, so no
 * _xHHHH_ escaping applies).
 * The cell's value is written as usual (typically the link text).
 * At most FAST_MAX_HYPERLINKS per sheet (FAST_ERROR_HYPERLINK_LIMIT). Kept in
 * memory until the sheet ends.
 */
FAST_API fast_status fast_workbook_add_hyperlink(fast_workbook *wb, uint32_t row, uint32_t col, const char *url,
                                                 size_t len);

/*
 * What happens when a worksheet is full (FAST_MAX_ROWS rows, or the limit set
 * with fast_workbook_set_rows_per_sheet()):
 * FAST_ROWS_CONTINUE (the default) starts a continuation sheet "NAME (2)",
 * "NAME (3)", ... (NAME cut so the name fits in 31 characters) that repeats the
 * sheet's first header rows (fast_workbook_set_header_rows()) with their formats,
 * its freeze panes, column widths and autofilter; FAST_ROWS_ERROR makes the next
 * row fail with FAST_ERROR_ROW_LIMIT.
 */
#define FAST_ROWS_CONTINUE 0
#define FAST_ROWS_ERROR 1
FAST_API fast_status fast_workbook_set_row_limit_policy(fast_workbook *wb, int policy);

/*
 * fast_workbook_set_rows_per_sheet() - continue on a new sheet after @rows rows
 * (header rows included), 1..FAST_MAX_ROWS; default FAST_MAX_ROWS. Applies to the
 * current and later worksheets; must be larger than the header rows.
 */
FAST_API fast_status fast_workbook_set_rows_per_sheet(fast_workbook *wb, uint32_t rows);

/*
 * fast_workbook_set_header_rows() - the first @rows rows (0..100) of each
 * worksheet are its header, repeated at the top of continuation sheets. The
 * header rows are kept in memory (their cells copied). Before the sheet's first row.
 */
FAST_API fast_status fast_workbook_set_header_rows(fast_workbook *wb, uint32_t rows);

/* ---------------------------------------------------------------------------
 * Document properties (docProps/core.xml, ECMA-376 Part 2 §11; docProps/app.xml,
 * Part 1 §22.2). Any time before close; text is UTF-8 without control
 * characters other than tab, LF and CR (FAST_ERROR_INVALID_ARGUMENT), copied; a
 * second call replaces the first. Returns FAST_OK, FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_INVALID_ARGUMENT, FAST_ERROR_NOMEM, FAST_ERROR_CLOSED or the sticky error.
 * ------------------------------------------------------------------------- */

#define FAST_PROPERTY_TITLE 0   /* dc:title */
#define FAST_PROPERTY_SUBJECT 1 /* dc:subject */
#define FAST_PROPERTY_AUTHOR 2  /* dc:creator */
#define FAST_PROPERTY_COMPANY 3 /* Company, in app.xml */
FAST_API fast_status fast_workbook_set_property(fast_workbook *wb, int property, const char *text, size_t len);

/* dcterms:created, as POSIX time (seconds since 1970-01-01 UTC). Without it no
 * creation time is written, so output depends only on the input. */
FAST_API fast_status fast_workbook_set_created_time(fast_workbook *wb, int64_t unix_seconds);

/*
 * fast_workbook_close() - finish the workbook and commit the output.
 *
 * Finishes the current worksheet (a workbook without any worksheet gets an empty
 * "Sheet1"), writes the workbook, styles and shared strings parts and the ZIP
 * central directory, and, for fast_workbook_new(), syncs and renames the
 * temporary file over the destination. The handle stays valid for
 * fast_workbook_error_message() until fast_workbook_free(); any later call
 * that would write returns FAST_ERROR_CLOSED.
 * Calling it again returns the result of the first call.
 * Returns FAST_OK, the sticky error (the output is then discarded: the temporary
 * file is removed), an output error, FAST_ERROR_NOMEM, or
 * FAST_ERROR_INVALID_ARGUMENT for a NULL workbook.
 */
FAST_API fast_status fast_workbook_close(fast_workbook *wb);

/*
 * fast_workbook_free() - release a workbook. NULL is accepted and ignored.
 * A workbook that was not closed successfully is abandoned: for
 * fast_workbook_new() its temporary file is removed and the destination is left
 * as it was. Descriptors given to fast_workbook_new_fd() are not closed.
 */
FAST_API void fast_workbook_free(fast_workbook *wb);

/*
 * fast_workbook_status() - the workbook's sticky status: FAST_OK while nothing has
 * failed. FAST_ERROR_INVALID_ARGUMENT for NULL.
 */
FAST_API fast_status fast_workbook_status(const fast_workbook *wb);

/*
 * fast_workbook_error_message() - what went wrong, with its place: a
 * NUL-terminated string owned by the workbook, valid until the next call on it or
 * fast_workbook_free(). "" while nothing has failed; a static text for NULL.
 */
FAST_API const char *fast_workbook_error_message(const fast_workbook *wb);

#ifdef __cplusplus
}
#endif

#endif /* FASTXLSX_H */
