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
 *    state; its one piece of per-thread state, like errno, is the message of the
 *    calling thread's last failed fast_workbook_new*() call, which
 *    fast_workbook_error_message(NULL) returns.
 *  - Strings are passed as a pointer plus a length in bytes, UTF-8, and need not
 *    be NUL-terminated. "Characters" means Unicode code points.
 *  - Who owns text: the caller, always. Calls on a workbook or format copy what
 *    they keep (names, URLs, properties, number formats) or use it only during
 *    the call (fast_workbook_write_row_strings(), _typed()). Only the fast_cells
 *    setters fast_cells_set_string(), fast_cells_set_formula*() borrow the
 *    pointer until the row is written; fast_cells_set_string_copy() copies.
 *  - Functions that can fail return a fast_status: FAST_OK (0) or a negative code.
 *    A failure on a workbook is one of two kinds, and each function below says
 *    which of its statuses are which:
 *    - non-sticky: the call failed before changing anything (an invalid
 *      argument, a setting given too late or out of order, a row refused whole
 *      by its checks, a call after close). It returns its status and the
 *      workbook is as it was: later calls work, fast_workbook_status() stays
 *      FAST_OK and fast_workbook_close() writes the output.
 *    - sticky: the output can no longer be trusted (an output, callback or
 *      compression error, FAST_ERROR_THREAD, FAST_ERROR_NOMEM from any workbook
 *      call, anything that would leave a row half-written). The status becomes
 *      fast_workbook_status(), every later call on the workbook returns it ("the
 *      sticky error" below), and fast_workbook_close() discards the output.
 *    In both cases fast_workbook_error_message() names the cause and place of
 *    the last failure (after a sticky one, of that one).
 *  - The library never prints, never calls exit() or abort(), and never leaves a
 *    partial file under the destination name (a device, FIFO or socket named as
 *    the destination is a stream: what was written stays written, see
 *    fast_workbook_new()).
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
#define FASTXLSX_VERSION_MINOR 3
#define FASTXLSX_VERSION_PATCH 0
#define FASTXLSX_VERSION_STRING "0.3.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define FASTXLSX_VERSION_NUMBER 300

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
    FAST_ERROR_THREAD = -15,          /* a worker thread could not be started */
    FAST_ERROR_INVALID_DATE = -16,    /* not a calendar date, or outside 1900-01-01..9999-12-31 */
    FAST_ERROR_FORMAT_LIMIT = -17,    /* more than FAST_MAX_FORMATS distinct cell formats */
    FAST_ERROR_HYPERLINK_LIMIT = -18, /* more than FAST_MAX_HYPERLINKS hyperlinks in a worksheet */
    FAST_ERROR_TOO_LATE = -19,        /* a sheet setting given after the point where it is written */
    FAST_ERROR_NOT_DURABLE = -20,     /* written and renamed into place, but the directory sync failed */
    FAST_ERROR_MEMORY_LIMIT = -21,    /* rows kept in memory would exceed fast_workbook_set_row_memory_limit() */
    FAST_ERROR_ABANDONED = -22,       /* the caller gave the workbook up (fast_workbook_abandon()) */
    FAST_ERROR_CELL_TYPE = -25,       /* an unknown cell type, or its value array is NULL (typed rows) */
    FAST_ERROR_NAME = -26,            /* a table name breaks Excel's name rules or is already used (since 0.3) */
    FAST_ERROR_TABLE = -27            /* a table's range, header or cells are refused (since 0.3) */
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
FAST_API unsigned int fast_version_number(void);

/* ---------------------------------------------------------------------------
 * Cells: a reusable array of typed cell values, one row's worth. The fast_cells_*
 * functions do not involve a workbook: their failures change nothing (the cell
 * keeps its value) and never affect a workbook's status.
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
 * Who owns what: the array keeps the pointer, not a copy, and the caller keeps
 * owning the bytes: they must stay valid and unchanged until the last
 * fast_workbook_write_row() that uses this cell has returned (after that the
 * library holds no reference; header rows are copied when written). Use
 * fast_cells_set_string_copy() when the text is a temporary.
 * The text is checked when the row is written, not here (UTF-8 and length rules
 * are described at fast_workbook_write_row()).
 * Returns FAST_OK, or FAST_ERROR_INVALID_ARGUMENT for a NULL array, @index out of
 * range, or NULL @text with a non-zero @len.
 */
FAST_API fast_status fast_cells_set_string(fast_cells *cells, size_t index, const char *text, size_t len);

/*
 * fast_cells_set_string_copy() - make cell @index a text cell holding a copy of
 * @text (@len bytes; NULL only when @len is 0).
 *
 * Who owns what: the copy lives in memory owned by the cell array, one buffer
 * per cell, reused (and grown only when a longer text comes) each time that cell
 * gets a copied text again; it is released by fast_cells_free(). The caller's
 * @text may be freed or changed as soon as this returns, which suits bindings
 * whose strings are temporaries (a JavaScript string passed through koffi, a
 * Python bytes object). Memory is bounded by the cells' longest texts, at most
 * 4 * FAST_MAX_STRING_CHARS bytes per cell; fast_cells_clear() keeps the buffers
 * for reuse. Setting another value on the cell leaves its buffer for next time.
 * Compared with fast_cells_set_string(), this costs one copy of the text.
 * Returns FAST_OK, FAST_ERROR_INVALID_ARGUMENT (NULL array, @index out of range,
 * NULL @text with a non-zero @len), FAST_ERROR_STRING_TOO_LONG (@len above
 * 4 * FAST_MAX_STRING_CHARS bytes, which can never be a valid cell) or
 * FAST_ERROR_NOMEM. None of these touches a workbook.
 * Since 0.2.
 */
FAST_API fast_status fast_cells_set_string_copy(fast_cells *cells, size_t index, const char *text, size_t len);

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
 * Without a cached value a reader shows nothing until it recalculates; a
 * workbook with such a formula asks readers to calculate on load (calcPr
 * fullCalcOnLoad, §18.2.2). When every formula has a cached value (the
 * functions below), no calcPr is written and Excel shows the cached values.
 * Who owns what: the formula text is borrowed like fast_cells_set_string()'s
 * (the caller keeps it valid until the row is written). It is escaped like a text
 * cell's (ST_Formula is an ST_Xstring: characters XML cannot hold become _xHHHH_).
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
 * the string is checked like a text cell. Who owns what: the formula and the
 * cached string are borrowed, as with fast_cells_set_string(): the caller's
 * bytes must stay valid and unchanged until the row is written.
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

/*
 * fast_cells_set_row_outline() - the outline of the rows written with these
 * cells by fast_workbook_write_row(): level @level 0..7 (0: none), @hidden 1
 * hides them, @collapsed 1 marks them collapsed (ECMA-376 Part 1 §18.3.1.73;
 * see fast_workbook_set_row_outline() for the meaning and for the sheet's
 * highest level, above which the row is refused when written). Kept until
 * changed or fast_cells_clear(). Returns FAST_OK or
 * FAST_ERROR_INVALID_ARGUMENT (NULL array, @level > 7). Since 0.3.
 */
FAST_API fast_status fast_cells_set_row_outline(fast_cells *cells, uint32_t level, int hidden, int collapsed);


/* ---------------------------------------------------------------------------
 * Formats: cell appearance (ECMA-376 Part 1 §18.8, styles). A format belongs to
 * its workbook and lives until fast_workbook_free(). Equal formats are written
 * once (cellXfs deduplication); a workbook holds at most FAST_MAX_FORMATS
 * distinct ones. A format may be changed after it was used: cells written
 * before keep the look they were written with.
 * Each setter returns FAST_OK, FAST_ERROR_INVALID_ARGUMENT (NULL format, value
 * out of range) or, for the font name and number format, FAST_ERROR_NOMEM; after
 * a failure the format is unchanged. Setters do not involve the workbook's
 * status: none of their failures is sticky.
 * ------------------------------------------------------------------------- */

/*
 * fast_workbook_add_format() - a new format with no properties set (Calibri 11,
 * no fill, no border, General number format). Owned by the workbook: do not free.
 * Returns NULL when the workbook has a sticky error, when it is closed (a
 * non-sticky FAST_ERROR_CLOSED: the message says so, the status stays), or out of
 * memory (then FAST_ERROR_NOMEM becomes the workbook's sticky error).
 */
FAST_API fast_format *fast_workbook_add_format(fast_workbook *wb);

FAST_API fast_status fast_format_set_bold(fast_format *format, int on);
FAST_API fast_status fast_format_set_italic(fast_format *format, int on);
/* Single underline (@on nonzero) or none: fast_format_set_underline_style()
 * with FAST_UNDERLINE_SINGLE or FAST_UNDERLINE_NONE. */
FAST_API fast_status fast_format_set_underline(fast_format *format, int on);
/* A line through the text (§18.8.36 strike), for cells and for conditional
 * formats (fast_cond_format_set_format()). Since 0.3. */
FAST_API fast_status fast_format_set_strikeout(fast_format *format, int on);
/* Font name, UTF-8, 1..31 characters (copied), without control characters other
 * than tab, LF and CR, DEL, U+FFFE or U+FFFF: no font has them, so they are
 * refused (FAST_ERROR_INVALID_ARGUMENT, the format unchanged) rather than
 * escaped. */
FAST_API fast_status fast_format_set_font_name(fast_format *format, const char *name, size_t len);
/* Font size in points, 1..409. */
FAST_API fast_status fast_format_set_font_size(fast_format *format, double points);
/* Colours are 0xRRGGBB. */
FAST_API fast_status fast_format_set_font_color(fast_format *format, uint32_t rgb);
/* A solid fill of colour 0xRRGGBB; with fast_format_set_fill_pattern() (since
 * 0.3), the pattern's foreground colour. */
FAST_API fast_status fast_format_set_fill_color(fast_format *format, uint32_t rgb);

/* Horizontal alignment (§18.18.40 ST_HorizontalAlignment). */
#define FAST_ALIGN_GENERAL 0
#define FAST_ALIGN_LEFT 1
#define FAST_ALIGN_CENTER 2
#define FAST_ALIGN_RIGHT 3
#define FAST_ALIGN_FILL 4
#define FAST_ALIGN_JUSTIFY 5
#define FAST_ALIGN_CENTER_CONTINUOUS 6 /* centred across the empty cells to the right; since 0.3 */
#define FAST_ALIGN_DISTRIBUTED 7       /* since 0.3 */
FAST_API fast_status fast_format_set_align(fast_format *format, int horizontal);

/* Vertical alignment (§18.18.88 ST_VerticalAlignment); the default is bottom. */
#define FAST_VALIGN_BOTTOM 0
#define FAST_VALIGN_TOP 1
#define FAST_VALIGN_CENTER 2
#define FAST_VALIGN_JUSTIFY 3
#define FAST_VALIGN_DISTRIBUTED 4 /* since 0.3 */
FAST_API fast_status fast_format_set_valign(fast_format *format, int vertical);

/* Wrap text in the cell. */
FAST_API fast_status fast_format_set_wrap(fast_format *format, int on);
/* Thin border in the automatic colour on all four sides (@on nonzero), or no
 * border on any of the four (@on zero): the same as
 * fast_format_set_border_style(format, FAST_BORDER_ALL, FAST_BORDER_THIN or
 * FAST_BORDER_NONE); border colours and the diagonal are kept. */
FAST_API fast_status fast_format_set_border(fast_format *format, int on);

/*
 * The rest of this section is since 0.3: every cell format Excel offers
 * (ECMA-376 Part 1 §18.8: CT_Font §18.8.22, CT_Fill/CT_PatternFill §18.8.20,
 * §18.8.32, CT_Border §18.8.4, CT_CellAlignment §18.8.1, CT_CellProtection
 * §18.8.33, CT_Xf §18.8.45). Each setter follows the section's rules above:
 * FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL format, value out of range), the
 * format unchanged after a failure, nothing sticky; formats that end up equal
 * share one cellXfs entry, and their fonts, fills and borders are written once.
 */

/* Border sides, combined with | for the @sides of the border setters. The
 * diagonal's lines are chosen with fast_format_set_diagonal(). */
#define FAST_BORDER_LEFT 1
#define FAST_BORDER_RIGHT 2
#define FAST_BORDER_TOP 4
#define FAST_BORDER_BOTTOM 8
#define FAST_BORDER_ALL 15 /* the four sides, not the diagonal */
#define FAST_BORDER_DIAGONAL 16

/* Border line styles (§18.18.3 ST_BorderStyle). */
#define FAST_BORDER_NONE 0
#define FAST_BORDER_THIN 1
#define FAST_BORDER_MEDIUM 2
#define FAST_BORDER_DASHED 3
#define FAST_BORDER_DOTTED 4
#define FAST_BORDER_THICK 5
#define FAST_BORDER_DOUBLE 6
#define FAST_BORDER_HAIR 7
#define FAST_BORDER_MEDIUM_DASHED 8
#define FAST_BORDER_DASH_DOT 9
#define FAST_BORDER_MEDIUM_DASH_DOT 10
#define FAST_BORDER_DASH_DOT_DOT 11
#define FAST_BORDER_MEDIUM_DASH_DOT_DOT 12
#define FAST_BORDER_SLANT_DASH_DOT 13

/*
 * fast_format_set_border_style() - the line style (FAST_BORDER_NONE ..
 * FAST_BORDER_SLANT_DASH_DOT) of each side in @sides (a nonzero combination of
 * FAST_BORDER_LEFT ... FAST_BORDER_DIAGONAL). A side with a style and no colour
 * is drawn in the automatic colour (black). A diagonal style without
 * fast_format_set_diagonal() draws nothing.
 */
FAST_API fast_status fast_format_set_border_style(fast_format *format, int sides, int style);
/* fast_format_set_border_color() - the colour 0xRRGGBB of each side in @sides;
 * it shows on the sides that have a style. */
FAST_API fast_status fast_format_set_border_color(fast_format *format, int sides, uint32_t rgb);

/* Diagonal lines (§18.8.4 border diagonalUp, diagonalDown). */
#define FAST_DIAGONAL_NONE 0
#define FAST_DIAGONAL_UP 1   /* bottom left to top right */
#define FAST_DIAGONAL_DOWN 2 /* top left to bottom right */
#define FAST_DIAGONAL_BOTH 3
/* fast_format_set_diagonal() - which diagonal lines the cell has
 * (FAST_DIAGONAL_*); without a diagonal style they are thin. */
FAST_API fast_status fast_format_set_diagonal(fast_format *format, int diagonal);

/*
 * Theme colours (§18.8.19 color theme, tint; §20.1.6.2 clrScheme): @theme is
 * the index SpreadsheetML gives the workbook theme's colours, 0..11: 0 light 1
 * (background, white), 1 dark 1 (text, black), 2 light 2, 3 dark 2, 4..9 accent
 * 1..6, 10 hyperlink, 11 followed hyperlink. @tint, -1.0..1.0, darkens (< 0) or
 * lightens (> 0) it, 0 for the colour itself, as Excel's palette rows do (e.g.
 * accent 1 lighter 40% is theme 4, tint 0.3999755859375). A theme colour
 * replaces an RGB colour set before on the same property, and the other way
 * round. FAST_ERROR_INVALID_ARGUMENT for a theme out of range or a tint that
 * is out of range or not finite.
 */
FAST_API fast_status fast_format_set_font_theme_color(fast_format *format, int theme, double tint);
FAST_API fast_status fast_format_set_fill_theme_color(fast_format *format, int theme, double tint);
FAST_API fast_status fast_format_set_fill_bg_theme_color(fast_format *format, int theme, double tint);
FAST_API fast_status fast_format_set_border_theme_color(fast_format *format, int sides, int theme, double tint);

/* Fill patterns (§18.18.55 ST_PatternType). */
#define FAST_PATTERN_NONE 0
#define FAST_PATTERN_SOLID 1
#define FAST_PATTERN_MEDIUM_GRAY 2
#define FAST_PATTERN_DARK_GRAY 3
#define FAST_PATTERN_LIGHT_GRAY 4
#define FAST_PATTERN_DARK_HORIZONTAL 5
#define FAST_PATTERN_DARK_VERTICAL 6
#define FAST_PATTERN_DARK_DOWN 7
#define FAST_PATTERN_DARK_UP 8
#define FAST_PATTERN_DARK_GRID 9
#define FAST_PATTERN_DARK_TRELLIS 10
#define FAST_PATTERN_LIGHT_HORIZONTAL 11
#define FAST_PATTERN_LIGHT_VERTICAL 12
#define FAST_PATTERN_LIGHT_DOWN 13
#define FAST_PATTERN_LIGHT_UP 14
#define FAST_PATTERN_LIGHT_GRID 15
#define FAST_PATTERN_LIGHT_TRELLIS 16
#define FAST_PATTERN_GRAY_125 17
#define FAST_PATTERN_GRAY_0625 18
/*
 * fast_format_set_fill_pattern() - the fill's pattern (FAST_PATTERN_*): the
 * pattern is drawn in the foreground colour (fast_format_set_fill_color(),
 * black when unset) over the background colour (fast_format_set_fill_bg_color(),
 * white when unset). A format with a fill colour and no pattern (or
 * FAST_PATTERN_NONE) has a solid fill, as fast_format_set_fill_color() always
 * gave: a solid fill shows its foreground colour.
 */
FAST_API fast_status fast_format_set_fill_pattern(fast_format *format, int pattern);
/* fast_format_set_fill_bg_color() - the pattern's background colour 0xRRGGBB. */
FAST_API fast_status fast_format_set_fill_bg_color(fast_format *format, uint32_t rgb);

/* Underlines (§18.18.85 ST_UnderlineValues). */
#define FAST_UNDERLINE_NONE 0
#define FAST_UNDERLINE_SINGLE 1
#define FAST_UNDERLINE_DOUBLE 2
#define FAST_UNDERLINE_SINGLE_ACCOUNTING 3 /* under the whole cell width */
#define FAST_UNDERLINE_DOUBLE_ACCOUNTING 4
FAST_API fast_status fast_format_set_underline_style(fast_format *format, int underline);

/* Superscript and subscript (§18.4.14 vertAlign). */
#define FAST_SCRIPT_NONE 0
#define FAST_SCRIPT_SUPERSCRIPT 1
#define FAST_SCRIPT_SUBSCRIPT 2
FAST_API fast_status fast_format_set_font_script(fast_format *format, int script);

/* fast_format_set_font_family() - the font family (§18.8.18, the values of
 * OOXML's font family classes: 0 not applicable, 1 roman, 2 swiss, 3 modern,
 * 4 script, 5 decorative, up to 14), which a reader uses when the font is
 * missing; -1 restores the default (2 for Calibri, none for other fonts). */
FAST_API fast_status fast_format_set_font_family(fast_format *format, int family);

/* Font schemes (§18.18.33 ST_FontScheme): a font that is the theme's major
 * (headings) or minor (body) font follows the theme. */
#define FAST_FONT_SCHEME_DEFAULT 0 /* minor for Calibri, none for other fonts */
#define FAST_FONT_SCHEME_NONE 1
#define FAST_FONT_SCHEME_MAJOR 2
#define FAST_FONT_SCHEME_MINOR 3
FAST_API fast_status fast_format_set_font_scheme(fast_format *format, int scheme);

/* fast_format_set_indent() - indentation, 0..250 levels (Excel's limit), each
 * the width of about three characters. An indent needs a left, right or
 * distributed alignment: with any other horizontal alignment the cell is
 * written left-aligned, as Excel does. */
FAST_API fast_status fast_format_set_indent(fast_format *format, int level);

/* fast_format_set_rotation() - text rotation in degrees, -90..90 (positive:
 * counterclockwise; written as §18.8.1's 0..90 and 91..180 for -1..-90), or
 * FAST_ROTATION_VERTICAL for letters stacked top to bottom. */
#define FAST_ROTATION_VERTICAL 255
FAST_API fast_status fast_format_set_rotation(fast_format *format, int degrees);

/* fast_format_set_shrink() - shrink the text to fit the cell width. */
FAST_API fast_status fast_format_set_shrink(fast_format *format, int on);

/* fast_format_set_quote_prefix() - Excel's leading apostrophe (§18.8.45 xf
 * quotePrefix): the cell's text is shown as typed and never read as a number
 * or formula when edited. The apostrophe is not part of the value. */
FAST_API fast_status fast_format_set_quote_prefix(fast_format *format, int on);

/* fast_format_set_locked(), fast_format_set_hidden() - cell protection
 * (§18.8.33): a locked cell cannot be edited and a hidden cell's formula is not
 * shown while its sheet is protected. Cells are locked and not hidden by default;
 * without sheet protection neither has an effect. */
FAST_API fast_status fast_format_set_locked(fast_format *format, int on);
FAST_API fast_status fast_format_set_hidden(fast_format *format, int on);

/*
 * fast_format_set_num_format() - a number format code (§18.8.31), e.g. "0.00",
 * "#,##0", "yyyy-mm-dd", "0.0%" (UTF-8, 1..255 characters, copied; control
 * characters other than tab, LF and CR, DEL, U+FFFE and U+FFFF are refused with
 * FAST_ERROR_INVALID_ARGUMENT, the format unchanged). Codes that
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
 * It is called only on the thread that called the fast_workbook_* function it
 * runs inside (add_worksheet, write_row*, flushes and close), one call at a
 * time, also with fast_workbook_set_threads(): never from the library's worker
 * (since 0.2; 0.1 called it from the worker when threads were on).
 */
typedef int (*fast_write_fn)(const void *buf, size_t len, void *user);

/*
 * fast_workbook_new() - start a workbook that will be written to @path.
 *
 * What is at @path decides how it is written; nothing there is ever destroyed:
 *  - nothing, or a regular file: the package is written to a new temporary file
 *    in the same directory. On Linux, where the file system allows it
 *    (O_TMPFILE: ext4, XFS, Btrfs, tmpfs...; since 0.3) that file has no name
 *    while it is written, so a process killed even with SIGKILL, or a power
 *    cut, leaves nothing behind; elsewhere it is named ".NAME.XXXXXX.tmp" (NAME
 *    the destination's file name, cut at a UTF-8 character boundary so that the
 *    whole name fits the directory's NAME_MAX, usually 255 bytes; X six random
 *    letters or digits). fast_workbook_close() fsyncs it, gives an unnamed file
 *    its name (linkat(2) through /proc/self/fd: @path itself when nothing was
 *    there, else ".NAME.XXXXXX.tmp", which then exists only for the few
 *    microseconds until the rename, the one moment a kill leaves it behind),
 *    renames it over @path and fsyncs the directory, so @path holds either its
 *    previous content or the complete workbook, never a partial one. The
 *    directory must be writable: creating the temporary file fails otherwise,
 *    even for a writable @path (EACCES, EROFS; the message of
 *    fast_workbook_error_message(NULL) names the directory). On Linux, the writeback of each 4 MiB
 *    written is started at once (sync_file_range(2), SYNC_FILE_RANGE_WRITE,
 *    not waited for: since 0.2), so that the final fsync waits only for the
 *    last MiB and a large export does not fill the page cache (and a
 *    container's memory limit) with dirty pages; an error it would report is
 *    reported by that fsync. A new file gets mode 0666 less the umask. A
 *    file that is replaced passes on its permission bits (0777) and, where the
 *    process may set them (root; others at most a group they belong to), its
 *    owner and group; the temporary file has them from the start (mode 0600
 *    until then), so an export is never more readable than the file it
 *    replaces. Other hard links to the old file keep the old content.
 *  - a symbolic link: followed to its final target (through chains, relative
 *    links read from the link's directory, at most 40 links: ELOOP), and that
 *    target is replaced as above, in the target's directory; the links stay
 *    links. A dangling link's target is created (its directory must exist).
 *  - a character device, FIFO or socket (directly or through links, e.g.
 *    "/dev/stdout", "/dev/null", a named pipe): written in place as a stream,
 *    without temporary file, rename or sync, and never replaced or removed. A
 *    FIFO is opened for writing, which waits for a reader; a socket is
 *    connected (AF_UNIX, SOCK_STREAM). As on a pipe, worksheets carry no
 *    <dimension>. Bytes already written stay written if the workbook fails;
 *    the reader then sees an incomplete package. A write failing (ENOSPC from
 *    /dev/full, EPIPE) fails the workbook with FAST_ERROR_IO. A reader that
 *    goes away raises SIGPIPE as for any writer, unless the caller ignores it.
 *  - a directory (EISDIR) or anything else (a block device: ENOTSUP): refused.
 * If the workbook fails or is freed without a successful close, the temporary
 * file is removed and what is at @path is untouched. A process killed before
 * the rename leaves a named temporary file behind (where there is no
 * O_TMPFILE, or between the link and the rename), recognisable by its name.
 *
 * @path: NUL-terminated file name. Not retained.
 * Returns a handle the caller owns (release with fast_workbook_free()), or NULL
 * with errno set, before anything is written: EINVAL for a NULL or empty
 * @path, ENOMEM, EISDIR, ENOTSUP, ELOOP, or the errno of looking @path up,
 * opening the stream or creating the temporary file (EACCES, ENOENT,
 * ENAMETOOLONG, ...); strerror(errno) gives the reason as text, and
 * fast_workbook_error_message(NULL) a message naming the path (for the
 * temporary file: the directory and why it must be writable; since 0.3).
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
 * Workbook: settings. Each returns FAST_OK; FAST_ERROR_INVALID_ARGUMENT (NULL
 * workbook or value out of range), FAST_ERROR_STATE (given too late, where said)
 * or FAST_ERROR_CLOSED (after fast_workbook_close()), all non-sticky: the
 * setting is left as it was; or the sticky error of an earlier failure.
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
 * fast_workbook_set_threads(N), N jobs of five XML buffers and their compressed
 * output plus a compressor per worker (see there: about 3 MiB at N = 2); with
 * fast_workbook_set_autofit_rows() the rows held back (up to the row memory limit,
 * fast_workbook_set_row_memory_limit(), default 4 MiB, plus one row) and 128 KiB
 * of column widths, and with fast_workbook_set_header_rows() the copies of the
 * header rows (up to the same limit). None of it grows with the number of rows.
 * A low-memory setting: a 16 KiB buffer and a table of 10,000 strings / 1 MiB
 * (peak RSS figures in bench/README.md).
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
 * use deflate (ZIP method 8, RFC 1951). Default: 1 with the ISA-L backend, 3
 * with zlib only, chosen from the measurements in bench/README.md (every cell
 * reference written): the fastest level whose output is within 1.2x the size
 * libxlsxwriter writes; higher levels cost much more time for little size.
 * With the ISA-L backend, levels map to ISA-L's 1..3: 1 -> 1, 2..5 -> 2,
 * 6..9 -> 3.
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
 * fast_workbook_set_zip64() - when ZIP64 records are written (PKWARE APPNOTE.TXT
 * 4.3.9.2, 4.5.3).
 *
 * FAST_ZIP64_AS_NEEDED (the default): ZIP64 records appear only for a part, an
 * offset or an entry count that does not fit the classic 32-bit fields. Small
 * workbooks carry none, which matters because Excel repairs files that have
 * ZIP64 records they do not need. The local header of each part is written
 * before its size is known; on a seekable file its "version needed to extract"
 * is raised to 4.5 afterwards when the part passed 4 GiB, but on a pipe, socket
 * or callback it stays 2.0 while the central directory says 4.5, and Excel
 * repairs such a file (seen with parts of more than 4 GiB of XML).
 *
 * FAST_ZIP64_WORKSHEETS: every worksheet part is written in the ZIP64 form from
 * its local header on (version needed 4.5 there and in the central directory,
 * local sizes 0xFFFFFFFF with a ZIP64 extra field holding zero sizes, an 8-byte
 * data descriptor), so a consumer of a stream sees ZIP64 before the data,
 * whatever size the part reaches. The central directory keeps sizes that fit
 * in its classic fields (a ZIP64 extra field there only when needed: LibreOffice
 * 7.4 rejects one that small sizes do not need). For outputs that cannot be
 * patched and may hold worksheets of more than 4 GiB of XML; other parts stay
 * classic. Not verified with Excel.
 *
 * Allowed only before the first worksheet is added (FAST_ERROR_STATE
 * afterwards); FAST_ERROR_INVALID_ARGUMENT for another @mode; stickiness as for
 * the other settings in this section.
 */
#define FAST_ZIP64_AS_NEEDED 0
#define FAST_ZIP64_WORKSHEETS 1
FAST_API fast_status fast_workbook_set_zip64(fast_workbook *wb, int mode);

/*
 * fast_workbook_set_threads() - render and compress on worker threads.
 *
 * @threads: 0 or 1 (the default) does everything on the caller's thread, inside
 * the fast_workbook_* calls; N from 2 to 64 starts N - 1 workers when the first
 * worksheet is added (so N threads in all, counting the caller's). The
 * caller's thread then does only what must happen in order: it checks each row,
 * looks up its cellXfs and shared strings (SST) indexes, date serials and row
 * numbers, and copies the prepared row into a row batch; a worker renders a
 * batch's SpreadsheetML and compresses it. While the workers are behind, the
 * caller's thread renders the batch itself instead of copying it, and, rather
 * than wait for a worker, runs the oldest waiting job, so that N threads do
 * the work of N cores. Other parts (shared strings, styles) are produced by the
 * caller's thread and compressed the same way. bench/README.md has the CPU
 * time of each stage and what more cores give.
 * The output, the write callback included, is always written by the caller's
 * thread, inside the fast_workbook_* calls, as without threads (a callback of a
 * language runtime that must run on its own thread, such as JavaScript or
 * Python, is safe); workers never call it.
 * The package is byte for byte the same for every @threads from 2 on, whichever
 * thread rendered or compressed what: a job of one XML buffer's worth of
 * prepared rows (fast_workbook_set_max_buffer_size(); about as many bytes of
 * XML) is one deflate chunk, primed with the 8 KiB of XML before it and ended on a byte
 * boundary (a deflate sync flush), and the chunk boundaries depend only on the
 * rows, the buffer size, the compression level and the flushes. The
 * single-threaded package holds the same XML, in chunks of 4 XML buffers.
 * Memory: @threads + 2 jobs, each with up to five XML buffers of rendered rows
 * (1.25 MiB at the default buffer size; typical sheets use a quarter of it), a
 * batch of prepared rows (one XML buffer, grown only for a larger row), an 8 KiB dictionary and the compressed output, and one compressor per
 * thread (about 0.3 MiB for ISA-L, 0.4 MiB for zlib): peak RSS about 5 MiB more
 * than without threads at @threads 2 and the default buffer (bench/README.md).
 * A failure of a worker (compression, memory) is returned by the next call that
 * waits for it and becomes the sticky error. The workers are joined by
 * fast_workbook_close() or fast_workbook_free().
 * Allowed only before the first worksheet is added (FAST_ERROR_STATE
 * afterwards); more than 64 is FAST_ERROR_INVALID_ARGUMENT (non-sticky, the
 * setting unchanged). Starting the workers can fail later, when the first
 * worksheet is added, with FAST_ERROR_THREAD or FAST_ERROR_NOMEM (sticky).
 * Threads: as every call, the workbook is used by one thread at a time.
 */
FAST_API fast_status fast_workbook_set_threads(fast_workbook *wb, unsigned int threads);

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
 * and no control characters (U+0000..U+001F, DEL) or the noncharacters U+FFFE
 * and U+FFFF, does not start or end with an apostrophe, and
 * differs from every other sheet name of the workbook when compared
 * case-insensitively (ASCII, Latin-1, Greek and Cyrillic letters are folded).
 * The name is copied. The workbook part holds it as an ST_Xstring, so a name that
 * contains text like "_x0041_" is written protected ("_x005F_x0041_"), which
 * readers that decode §22.9.2.19 escapes (LibreOffice; Excel) show as given;
 * openpyxl 3.0 does not decode sheet names and shows the protected form.
 * Returns FAST_OK; non-sticky (no sheet added, the current one stays current):
 * FAST_ERROR_SHEET_NAME, FAST_ERROR_DUPLICATE_SHEET_NAME, FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_INVALID_ARGUMENT (NULL workbook), FAST_ERROR_CLOSED; sticky:
 * FAST_ERROR_NOMEM, FAST_ERROR_THREAD, an output error (FAST_ERROR_IO,
 * FAST_ERROR_CALLBACK, FAST_ERROR_COMPRESSION) from finishing the previous sheet
 * or starting the package; or the sticky error of an earlier failure.
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
 * of the row is written and the status is returned, non-sticky: the workbook
 * stays usable, and the next row written gets this row's number. The message
 * names the sheet, row and column, e.g.
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
 *  - FAST_ERROR_FORMAT_LIMIT: a cell format (or the row format, or the default
 *    date format a date cell needs) that would be the workbook's
 *    FAST_MAX_FORMATS + 1st distinct one (formats are resolved with the other
 *    checks, before anything of the row is written);
 *  - FAST_ERROR_INVALID_ARGUMENT: a format that belongs to another workbook;
 *  - FAST_ERROR_MEMORY_LIMIT: a header row (fast_workbook_set_header_rows())
 *    whose copy would pass the row memory limit (fast_workbook_set_row_memory_limit()).
 *
 * Text is written as given. Carriage return is written as the character
 * reference &#13;, which every XML parser restores (so readers that do not decode
 * _xHHHH_, such as openpyxl, gnumeric, ExcelJS and Spreadsheet::ParseXLSX, keep
 * it too). Characters that XML 1.0 cannot hold at all (U+0000..U+001F other than
 * tab, line feed and carriage return, and U+FFFE, U+FFFF) are written as _xHHHH_,
 * and a literal "_x" with four hex digits that a reader could take for the start
 * of such an escape (followed by "_" or by an escaped character) is protected as
 * "_x005F_x" + the digits, so a reader applying ECMA-376 Part 1 §22.9.2.19
 * (ST_Xstring) restores exactly the original; readers that do not decode show
 * the escapes as text. Text with leading or trailing white space is marked
 * xml:space="preserve". Numbers are written locale-independently as the shortest
 * decimal text that reads back as the same double.
 *
 * Returns FAST_OK; non-sticky: one of the codes above, FAST_ERROR_STATE (no
 * worksheet was added), FAST_ERROR_INVALID_ARGUMENT (NULL workbook or cells, @n
 * larger than the array), FAST_ERROR_CLOSED; sticky (the row may be half-written):
 * FAST_ERROR_NOMEM, an output error (FAST_ERROR_IO, FAST_ERROR_CALLBACK,
 * FAST_ERROR_COMPRESSION), also from starting a continuation sheet; or the
 * sticky error of an earlier failure.
 */
FAST_API fast_status fast_workbook_write_row(fast_workbook *wb, const fast_cells *cells, size_t n);

/*
 * fast_workbook_write_row_strings() - append a row of @n text cells.
 *
 * For callers that have text only (CSV, FFI): @values[i] is the UTF-8 text of
 * column i, @lengths[i] its length in bytes; a NULL @values[i] is a blank cell.
 * @lengths may be NULL, and then each non-NULL value is NUL-terminated.
 * @values may be NULL only when @n is 0. Neither array is retained.
 * Same checks, messages and statuses (sticky and non-sticky) as
 * fast_workbook_write_row(); FAST_ERROR_INVALID_ARGUMENT (non-sticky) for NULL
 * @values with @n > 0.
 */
FAST_API fast_status fast_workbook_write_row_strings(fast_workbook *wb, const char *const *values,
                                                      const size_t *lengths, size_t n);

/*
 * Cell types of fast_workbook_write_row_typed(), with the array each reads.
 * Dates and times count from the POSIX epoch without a time zone (the value is
 * shown as given), so a binding converts its date objects with integer
 * arithmetic only.
 */
#define FAST_TYPE_BLANK 0    /* nothing (a blank cell with a format is written empty, styled) */
#define FAST_TYPE_STRING 1   /* texts[i], lengths[i] bytes of UTF-8 */
#define FAST_TYPE_NUMBER 2   /* numbers[i] */
#define FAST_TYPE_INTEGER 3  /* integers[i], written exactly (see fast_cells_set_integer()) */
#define FAST_TYPE_BOOLEAN 4  /* integers[i]: 0 is FALSE, anything else TRUE */
#define FAST_TYPE_DATE 5     /* integers[i]: days since 1970-01-01 (negative before) */
#define FAST_TYPE_DATETIME 6 /* integers[i]: milliseconds since 1970-01-01 00:00:00 */
#define FAST_TYPE_FORMULA 7  /* texts[i], lengths[i]: a formula, as fast_cells_set_formula() */
/* integers[i]: the address of a fast_rich_string with at least one run, as
 * (int64_t)(intptr_t)rs, borrowed until the call returns (see
 * fast_cells_set_rich_string()); a NULL or empty one is
 * FAST_ERROR_INVALID_ARGUMENT. In the packed call too (it takes no text). Since 0.3. */
#define FAST_TYPE_RICH_STRING 8

/*
 * fast_workbook_write_row_typed() - append a row of @n typed cells in one call.
 *
 * For language bindings: parallel arrays, no structs or unions, so one foreign
 * call writes a row. Cell i (column A + i) has type @types[i] (FAST_TYPE_*) and
 * takes its value from the array the type names: @numbers[i], @integers[i], or
 * @texts[i] with @lengths[i] bytes. Entries of the arrays a cell's type does not
 * name are not read, so they may hold anything, and an array no cell uses may be
 * NULL. @lengths may be NULL, and then each text is NUL-terminated. @formats
 * may be NULL (no formats), or hold per cell a format of this workbook or NULL;
 * a cell without a format gets its column's (fast_workbook_set_column_format()).
 * Dates must fall in 1900-01-01..9999-12-31 (FAST_ERROR_INVALID_DATE).
 * Nothing is retained: texts may be freed as soon as the call returns.
 *
 * Returns FAST_OK; FAST_ERROR_CELL_TYPE (an unknown type, or a type whose array
 * is NULL; the message names the column) and FAST_ERROR_INVALID_ARGUMENT (NULL
 * @types with @n > 0) reject the row before anything is written; otherwise the
 * same checks, messages and statuses as fast_workbook_write_row(), among them
 * FAST_ERROR_COLUMN_LIMIT for @n > FAST_MAX_COLUMNS (whose arrays are read only
 * up to FAST_MAX_COLUMNS + 1 cells; 0.2 refused a wider packed row as an
 * invalid argument).
 * Thread-safety as every workbook call. Since 0.2.
 */
FAST_API fast_status fast_workbook_write_row_typed(fast_workbook *wb, const uint8_t *types, const double *numbers,
                                                    const int64_t *integers, const char *const *texts,
                                                    const size_t *lengths, const fast_format *const *formats,
                                                    size_t n);

/*
 * fast_workbook_write_row_packed() - fast_workbook_write_row_typed() with all of
 * the row's text in one buffer: the cheapest call for a binding, which then
 * builds no pointer array.
 *
 * Cells are typed and valued as in fast_workbook_write_row_typed(), except text:
 * the FAST_TYPE_STRING and FAST_TYPE_FORMULA cells take, in column order,
 * consecutive runs of @text, cell i the next @integers[i] bytes (so one int64
 * array carries both the integer values and the text lengths: entry i is read
 * as what cell i's type needs). The lengths must add up to exactly @text_len:
 * anything else is FAST_ERROR_INVALID_ARGUMENT (non-sticky, nothing written; the
 * message names the column), as is a negative length. @text may be NULL only
 * when @text_len is 0. Nothing is retained.
 * Returns the statuses of fast_workbook_write_row_typed(), sticky and non-sticky
 * alike, and FAST_ERROR_INVALID_ARGUMENT for the lengths. Since 0.2.
 */
FAST_API fast_status fast_workbook_write_row_packed(fast_workbook *wb, const uint8_t *types, const double *numbers,
                                                     const int64_t *integers, const char *text, size_t text_len,
                                                     const fast_format *const *formats, size_t n);


/* ---------------------------------------------------------------------------
 * Arrow input (Arrow C Data Interface and C Stream Interface).
 *
 * A record batch (a struct array whose children are the columns) is written as
 * rows of the current worksheet: row i of the batch becomes one worksheet row,
 * child j its column A + j. pyarrow, polars, pandas, DuckDB, nanoarrow and
 * others hand their columns over this ABI without copying (Apache Arrow, "The
 * Arrow C data interface" and "The Arrow C stream interface", format version
 * 1.0). Rows go through the same checks and the same rendering as
 * fast_workbook_write_row_typed(): the output is byte for byte what writing the
 * same cell values row by row gives, and every sheet feature (formats, column
 * formats, widths, autofit, header rows, continuation sheets, worker threads)
 * applies as it does to rows written one by one.
 *
 * The three structs below are the specification's ABI, declared as it permits:
 * under its guard macros, so a program that includes Arrow's own header (or
 * nanoarrow's) before or after this one compiles. They are the only struct
 * layouts in this header.
 *
 * Types to cells (Arrow format string -> cell, and why; the rules follow the
 * PostgreSQL adapter's, fastxlsx_pg.h):
 *  - null ("n") and every null entry (a 0 bit in the validity bitmap, or a null
 *    of the parent struct) -> blank cell: nothing is written, or an empty
 *    styled cell when the column has a format.
 *  - boolean ("b") -> boolean cell.
 *  - int8, int16, int32, uint8, uint16, uint32 ("c" "s" "i" "C" "S" "I") ->
 *    number (exact in a double).
 *  - int64, uint64 ("l" "L") -> number when |v| <= 2^53 (9007199254740992);
 *    beyond, text with the exact digits, since Excel holds numbers as doubles
 *    and would round them (fast_arrow_options_set_lossy_numbers(): numbers,
 *    rounded to the nearest double).
 *  - float16, float32 ("e" "f") -> number: the double of the value's shortest
 *    decimal (0.1 for the float32 0.1f, not 0.100000001490116, the decimal of
 *    its double), what Arrow, pandas and polars print. float64 ("g") ->
 *    number. NaN, +infinity, -infinity -> text "NaN", "Infinity", "-Infinity"
 *    (a cell cannot hold them; the PostgreSQL adapter's spelling).
 *  - decimal32/64/128/256 ("d:P,S" and "d:P,S,BITS") -> number when the value
 *    has at most 15 significant digits (what Excel keeps), else text with the
 *    exact digits and the scale's digits after the point ("12345678901234567.50");
 *    with fast_arrow_options_set_lossy_numbers() a number whenever it is within
 *    the range of a double.
 *  - utf8, large utf8, utf8 view ("u" "U" "vu") -> text cell (a shared string,
 *    as fast_workbook_write_row_typed() makes it). Invalid UTF-8 is refused.
 *  - binary, large binary, binary view, fixed-size binary ("z" "Z" "vz" "w:N")
 *    -> refused (FAST_ERROR_CELL_TYPE before any row), since bytes are not
 *    text; with fast_arrow_options_set_binary_hex() text "\x" followed by two
 *    lowercase hex digits per byte (PostgreSQL's bytea_output hex).
 *  - date32 ("tdD", days), date64 ("tdm", milliseconds; the time of day kept)
 *    -> date cell, shown yyyy-mm-dd (a date64 with a time of day as a
 *    date-time).
 *  - timestamp ("tss:" "tsm:" "tsu:" "tsn:", then the zone) -> date-time cell
 *    to the millisecond (microseconds and nanoseconds rounded to the nearest
 *    millisecond, Excel keeping no more), shown yyyy-mm-dd hh:mm:ss. Without a
 *    zone the value is the wall-clock time as given. With a zone the cell is
 *    the wall-clock time in that zone, which is what pandas and polars show
 *    for the column (a cell has no zone): "UTC", "Z", "Etc/UTC", "GMT" and
 *    "+HH:MM" / "-HH:MM" offsets are converted by arithmetic; any other name
 *    is an IANA zone read once per call from the system's zone database, the
 *    TZif file /usr/share/zoneinfo/NAME (the directory named by the TZDIR
 *    environment variable when it is set), with its transitions and its
 *    POSIX TZ rule for the times after them, without touching the process's
 *    TZ or localtime() (so it is thread-safe). A zone that cannot be found or
 *    read refuses the column (FAST_ERROR_CELL_TYPE before any row).
 *  - dates and timestamps outside 1900-01-01..9999-12-31 (after rounding and
 *    zone conversion) -> text, ISO 8601 as PostgreSQL prints them
 *    ("1899-12-31", "1850-06-01 12:00:00"), since a cell cannot hold them.
 *  - time32 ("tts" "ttm"), time64 ("ttu" "ttn") -> number, the fraction of a
 *    day, shown hh:mm:ss (the PostgreSQL adapter's time).
 *  - duration ("tDs" "tDm" "tDu" "tDn") -> number, the length in days (what
 *    Excel's date arithmetic gives: later minus earlier date-time), shown
 *    [h]:mm:ss, so Excel can add it to a date-time.
 *  - interval ("tiM" "tiD" "tin") -> text, ISO 8601 duration ("P1Y2M3DT4H5M6.5S";
 *    "P0D" for zero), since months and days have no fixed length in days.
 *  - dictionary-encoded columns of any of these types -> the dictionary value.
 *  - list, large list, list view, fixed-size list, struct, map, union and
 *    run-end encoded columns ("+l" "+L" "+vl" "+w:N" "+s" "+m" "+u..." "+r")
 *    and extension-only or unknown formats -> refused: no spreadsheet form of
 *    nested values is what every reader expects.
 *  - Dates, date-times, times and durations get the workbook's default date
 *    or time format unless the column has one (fast_arrow_options_set_column_format()).
 *
 * Checks before any row is written (then nothing of the call is written and
 * the status is non-sticky): the schema is a struct ("+s") with as many
 * children as the array; every column's type is one of the above (else
 * FAST_ERROR_CELL_TYPE, the message naming the column letter, the field name
 * and its format string, e.g. "column C ('tags', format '+l'): list columns
 * are not supported"); and the array is well formed, validated before any
 * value is read, else FAST_ERROR_INVALID_ARGUMENT naming the column: released
 * arrays or schemas (release NULL), buffer and child counts that differ from
 * the layout, negative lengths, offsets or null counts, lengths that do not
 * fit (offset + length beyond a child's length, beyond 2^31 - 1 for 32-bit
 * offsets, or overflowing), NULL buffers that the layout needs, offsets that
 * are negative or not increasing, views that point outside their data
 * buffers, dictionary indices outside the dictionary. A buffer's size is not
 * part of the interface: the library reads as many bytes as the layout and
 * lengths say, and a producer whose buffers are shorter than its lengths is
 * not something any consumer can detect.
 * Checks per row, as fast_workbook_write_row() makes them (UTF-8, text length,
 * the format limit, the row limit with FAST_ROWS_ERROR...): a row refused
 * there ends the call with that status, non-sticky, and the rows of the call
 * before it stay written; the message names the sheet, row and column and
 * says how many rows of the call were written.
 * ------------------------------------------------------------------------- */

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
    /* Array type description */
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;

    /* Release callback */
    void (*release)(struct ArrowSchema *);
    /* Opaque producer-specific data */
    void *private_data;
};

struct ArrowArray {
    /* Array data description */
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;

    /* Release callback */
    void (*release)(struct ArrowArray *);
    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    /* Callbacks providing stream functionality */
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);

    /* Release callback */
    void (*release)(struct ArrowArrayStream *);

    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

/*
 * fast_arrow_options - how Arrow columns become cells: a small handle with
 * setters, so that the ABI needs no struct. Independent of any workbook; one
 * options handle may serve many calls and workbooks (it is only read during a
 * call), but it is not safe to change it while a call that uses it runs.
 * Defaults (also what a NULL options pointer means): header row on, no column
 * formats, exact integers and decimals, binary refused. Since 0.3.
 */
typedef struct fast_arrow_options fast_arrow_options;

/* fast_arrow_options_new() - new options with the defaults; NULL when out of memory. Since 0.3. */
FAST_API fast_arrow_options *fast_arrow_options_new(void);

/* fast_arrow_options_free() - release the options. NULL is accepted and ignored. Since 0.3. */
FAST_API void fast_arrow_options_free(fast_arrow_options *options);

/*
 * fast_arrow_options_set_header() - @on 1 (default): the call first writes a
 * header row, the field names as text cells (a NULL or empty name gives a
 * blank cell), without a format. When the header row is the sheet's first
 * row and no header rows were set (fast_workbook_set_header_rows()), it
 * becomes the sheet's header row, so continuation sheets repeat it, exactly as
 * if fast_workbook_set_header_rows(wb, 1) had been called for this sheet. @on 0: no header row (use it for the second
 * and later batches written with fast_workbook_write_arrow()).
 * Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT (NULL options). Since 0.3.
 */
FAST_API fast_status fast_arrow_options_set_header(fast_arrow_options *options, int on);

/*
 * fast_arrow_options_set_column_format() - the format of the cells of column
 * @column (0-based child index of the record batch, 0..FAST_MAX_COLUMNS - 1),
 * or NULL to remove it: as the per-cell format of fast_workbook_write_row_typed(),
 * on data rows only (not the header row), blanks of null entries included. The
 * format must belong to the workbook the options are used with (checked by the
 * write call: FAST_ERROR_INVALID_ARGUMENT). A date or date-time column whose
 * format has no number format still shows as a date; a time or duration column
 * with a format of its own is shown as that format says (give it a number
 * format such as "hh:mm:ss.000").
 * Returns FAST_OK, FAST_ERROR_INVALID_ARGUMENT (NULL options, @column out of
 * range) or FAST_ERROR_NOMEM (the options are unchanged). Since 0.3.
 */
FAST_API fast_status fast_arrow_options_set_column_format(fast_arrow_options *options, size_t column,
                                                          const fast_format *format);

/*
 * fast_arrow_options_set_lossy_numbers() - @on 1: int64 and uint64 values beyond
 * 2^53 and decimals of more than 15 significant digits become numbers, rounded
 * to the nearest double (Excel shows 15 significant digits); 0 (default): they
 * are text with the exact digits. Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT.
 * Since 0.3.
 */
FAST_API fast_status fast_arrow_options_set_lossy_numbers(fast_arrow_options *options, int on);

/*
 * fast_arrow_options_set_binary_hex() - @on 1: binary columns become text "\x"
 * + two lowercase hex digits per byte (a value of more than 16,383 bytes is
 * then refused by the row check as too long); 0 (default): a binary column is
 * refused before any row. Returns FAST_OK or FAST_ERROR_INVALID_ARGUMENT.
 * Since 0.3.
 */
FAST_API fast_status fast_arrow_options_set_binary_hex(fast_arrow_options *options, int on);

/*
 * fast_workbook_write_arrow() - write the record batch @array, of type @schema,
 * as rows of the current worksheet (after a header row, see
 * fast_arrow_options_set_header()).
 *
 * @schema: the batch's type, a struct ("+s") whose children name and type the
 * columns. @array: a struct array of that type (its children the columns, each
 * at most as long as it needs: offset + length of the struct), with its offset
 * and its children's offsets honoured (a slice writes only its rows); length 0
 * writes only the header row. More than FAST_MAX_COLUMNS children are refused
 * (FAST_ERROR_COLUMN_LIMIT). @options may be NULL (the defaults).
 * Ownership (the specification's "consumer" rules for a borrowed structure):
 * both are borrowed and only read during the call; the library never calls
 * their release callbacks, never moves them, and keeps no pointer into them or
 * their buffers after it returns. The caller releases them as usual (the rows
 * are rendered by then, also with worker threads). A released schema or array
 * (release NULL) is refused. A batch with time or duration columns adds two
 * formats to the workbook ("hh:mm:ss", "[h]:mm:ss"; see fast_workbook_add_format()).
 * Returns FAST_OK; non-sticky, nothing written: FAST_ERROR_INVALID_ARGUMENT (NULL
 * @schema or @array, a schema that is not a struct, a malformed array, a format
 * of another workbook), FAST_ERROR_CELL_TYPE (a column type that is refused),
 * FAST_ERROR_COLUMN_LIMIT, FAST_ERROR_STATE (no worksheet), FAST_ERROR_CLOSED;
 * non-sticky after some rows were written: a row refused by its checks (see
 * the section's head); sticky: FAST_ERROR_NOMEM, output errors, or the sticky
 * error of an earlier failure. Thread-safety as every workbook call. Since 0.3.
 */
FAST_API fast_status fast_workbook_write_arrow(fast_workbook *wb, const struct ArrowSchema *schema,
                                               const struct ArrowArray *array, const fast_arrow_options *options);

/*
 * fast_workbook_write_arrow_stream() - write every record batch of @stream as
 * rows of the current worksheet: the header row once (if on), then each batch
 * as fast_workbook_write_arrow() writes it, until the stream ends.
 *
 * Ownership, as the C stream interface says: the stream stays the caller's,
 * who releases it afterwards (the library never calls @stream->release); the
 * schema from get_schema() and each batch from get_next() are the library's,
 * and it releases each of them once, after use (a batch as soon as its rows
 * are rendered, before the next get_next(); the schema at the end), on every
 * path, failures included. Nothing is retained after the call.
 * The stream's callbacks are called from the calling thread only.
 * Returns the statuses of fast_workbook_write_arrow(); in addition
 * FAST_ERROR_CALLBACK, non-sticky, when get_schema() or get_next() returns an
 * error (the message carries its errno value and get_last_error()'s text): the
 * batches before it stay written. FAST_ERROR_INVALID_ARGUMENT for a NULL or
 * released stream (nothing called). A failure after the header row or some
 * batches were written leaves them written, as for a row refused mid-batch.
 * Since 0.3.
 */
FAST_API fast_status fast_workbook_write_arrow_stream(fast_workbook *wb, struct ArrowArrayStream *stream,
                                                      const fast_arrow_options *options);

/* ---------------------------------------------------------------------------
 * Worksheet features. They apply to the current worksheet (the last one added).
 * Rows and columns are 0-based here: row 0 is the sheet's row 1, column 0 is A.
 *
 * The worksheet XML is streamed in the order the format prescribes (ECMA-376
 * Part 1 §18.3.1.99 CT_Worksheet): sheetViews and cols come before the rows, so
 * freeze panes, column widths, autofit and header rows must be set before the
 * sheet's first row is written; later they fail with FAST_ERROR_TOO_LATE. autoFilter, mergeCells and hyperlinks come after the rows,
 * so they can be given at any time until the sheet is finished.
 * Each returns FAST_OK; non-sticky (the sheet is as it was): FAST_ERROR_TOO_LATE,
 * FAST_ERROR_STATE (no worksheet; except fast_workbook_set_autofit_rows() and
 * fast_workbook_set_header_rows(), which before any worksheet apply to the
 * worksheets added afterwards), FAST_ERROR_INVALID_ARGUMENT (out of range),
 * FAST_ERROR_CLOSED, and for hyperlinks FAST_ERROR_INVALID_UTF8 and
 * FAST_ERROR_HYPERLINK_LIMIT; sticky: FAST_ERROR_NOMEM; or the sticky error of an
 * earlier failure.
 * ------------------------------------------------------------------------- */

/*
 * fast_workbook_set_column_width() - width of columns @first_col..@last_col, in
 * characters of the default font's digit width, 0..255, as typed in Excel's
 * Column Width box. The file stores what Excel stores for that width (§18.3.1.13
 * col width): the character count times the widest digit of Calibri 11 (7
 * pixels), rounded to a pixel, plus 5 pixels of padding, in digit widths cut to
 * 1/256: 12 is written as 12.7109375 and shows as 12 in Excel (as libxlsxwriter
 * does). Before the sheet's first row.
 */
FAST_API fast_status fast_workbook_set_column_width(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                    double width);

/*
 * fast_workbook_set_column_format() - a default format for columns
 * @first_col..@last_col of the current worksheet (0-based, inclusive), or NULL
 * to remove it.
 *
 * Cells of those columns that have no format of their own and no row format
 * (fast_cells_set_row_format()) are written with it, without a per-cell call:
 * a number format such as "#,##0.00" or "yyyy-mm-dd" for a whole column. Date
 * cells in a column whose format has no number format still show as dates. It
 * is also written as the columns' style (ECMA-376 Part 1 §18.3.1.13 col style),
 * so Excel shows it for the columns' empty cells and for what a user types there.
 * Columns without a width (fast_workbook_set_column_width()) get Excel's
 * default one. The format must belong to this workbook; it is kept by pointer
 * (formats live as long as the workbook). Continuation sheets inherit it.
 * Before the sheet's first row (FAST_ERROR_TOO_LATE after it), like the widths.
 * Returns FAST_OK, FAST_ERROR_TOO_LATE, FAST_ERROR_STATE (no worksheet),
 * FAST_ERROR_INVALID_ARGUMENT (columns out of range or reversed, or a format of
 * another workbook), FAST_ERROR_NOMEM, FAST_ERROR_CLOSED or the sticky error.
 * Since 0.2.
 */
FAST_API fast_status fast_workbook_set_column_format(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                     const fast_format *format);

/*
 * fast_workbook_set_autofit_rows() - fit the widths of the columns that have no
 * width set to the first @rows rows of the sheet (the widest text, number or date
 * as displayed, in characters, plus a margin; at most 255). Those rows are held
 * back (as XML, in memory) until @rows rows were written, their XML reached the
 * row memory limit (fast_workbook_set_row_memory_limit(), default 4 MiB: then the
 * widths fit the rows held so far), or the sheet ends; then they are written
 * after the column widths. The fitted width, in characters, is stored as
 * fast_workbook_set_column_width() stores a width. 0 (the default) turns fitting off.
 * Before the sheet's first row. Applies to this worksheet and those added after it.
 */
FAST_API fast_status fast_workbook_set_autofit_rows(fast_workbook *wb, uint32_t rows);

/*
 * fast_workbook_set_row_memory_limit() - the most memory, in bytes, that rows kept
 * in memory may take: the XML of the rows held back for fitting column widths
 * (fast_workbook_set_autofit_rows(): fitting ends early when it is reached, so
 * the held XML stays below the limit plus one row), and, separately, the copies
 * of the current sheet's header rows (fast_workbook_set_header_rows(): a header
 * row whose copy would pass the limit is refused with FAST_ERROR_MEMORY_LIMIT,
 * non-sticky, before anything of it is written; a copy takes about 48 bytes a
 * cell plus its text). Default 4 MiB; at least 64 KiB. Any time before close;
 * applies to rows written afterwards. Returns FAST_OK,
 * FAST_ERROR_INVALID_ARGUMENT (below the minimum, or NULL workbook) or
 * FAST_ERROR_CLOSED, both non-sticky, or the sticky error of an earlier failure.
 */
FAST_API fast_status fast_workbook_set_row_memory_limit(fast_workbook *wb, size_t bytes);

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
 * before the sheet ends; a second call replaces the first. A range over an
 * Excel table of the sheet is refused (FAST_ERROR_TABLE, non-sticky; since 0.3).
 */
#define FAST_LAST_ROW 0xFFFFFFFFu
FAST_API fast_status fast_workbook_set_autofilter(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col);

/*
 * fast_workbook_merge_range() - merge the cells of a range (§18.3.1.55 mergeCell);
 * the top-left cell's value and format show over the range. At least two cells.
 * Ranges of one sheet must not overlap (not checked). Kept in memory until the
 * sheet ends: 16 bytes each. A range over an Excel table of the sheet is refused
 * (FAST_ERROR_TABLE, non-sticky; since 0.3).
 */
FAST_API fast_status fast_workbook_merge_range(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                               uint32_t last_row, uint32_t last_col);

/*
 * fast_workbook_add_hyperlink() - make the cell at (@row, @col) a link to @url
 * (an absolute URL such as https://..., mailto:...; UTF-8, @len bytes, at most
 * 2079 characters, copied), §18.3.1.47 hyperlink with an external relationship;
 * the URL is written as given (it is a URI, so no _xHHHH_ escaping applies), so
 * a URL with a control character other than tab, LF and CR, DEL, U+FFFE or U+FFFF,
 * which the .rels part cannot hold, is refused (FAST_ERROR_INVALID_ARGUMENT).
 * The cell's value is written as usual (typically the link text).
 * At most FAST_MAX_HYPERLINKS per sheet (FAST_ERROR_HYPERLINK_LIMIT). Kept in
 * memory until the sheet ends. For a link to a cell of the workbook, use
 * fast_workbook_add_internal_link(): a @url without a URI scheme (RFC 3986
 * §3.1: a letter, then letters, digits, '+', '-' or '.', then ':'), such as
 * "Sheet2!A1" or "www.example.com", would be a relative link that goes nowhere
 * and is refused with FAST_ERROR_INVALID_ARGUMENT, not sticky, the message
 * naming fast_workbook_add_internal_link() (since 0.3; 0.2 wrote it).
 */
FAST_API fast_status fast_workbook_add_hyperlink(fast_workbook *wb, uint32_t row, uint32_t col, const char *url,
                                                 size_t len);

/*
 * fast_workbook_add_internal_link() - make the cell at (@row, @col) a link to a
 * place in the workbook: cell or range @target of sheet @sheet (§18.3.1.47
 * hyperlink location, no relationship). A URL such as "Sheet2!A1" given to
 * fast_workbook_add_hyperlink() is an external link that readers cannot follow;
 * use this instead. The sheet name and the reference are separate pointer and
 * length pairs, so that callers and language bindings never quote or escape: a
 * sheet name may itself hold '!', spaces or apostrophes.
 *
 * @sheet, @sheet_len: the sheet name as given to fast_workbook_add_worksheet()
 * (UTF-8, 1..31 characters, none of : \ / ? * [ ], no control characters, not
 * starting or ending with an apostrophe), unquoted: the library writes it in the
 * formula grammar's form (ECMA-376 Part 1 §18.17.2), in apostrophes when it has
 * anything but ASCII letters, digits, '_' and '.', starts with a digit, or reads
 * as a cell reference or boolean ("My Sheet" -> 'My Sheet'!A1, "Bob's" ->
 * 'Bob''s'!A1, "Data" -> Data!A1). NULL (with @sheet_len 0) is the current sheet.
 * The sheet need not exist yet, and is not checked against the workbook's sheets.
 * @target, @target_len: a cell or range in A1 form, with or without $, e.g.
 * "B7", "$A$1", "A1:C10" (letters are upper-cased); NULL (with 0) is "A1".
 * The text copies are kept until the sheet ends. The cell's value is written as
 * usual and is what readers show; no display attribute is written (Excel writes
 * a copy of the cell's text there, which the library does not keep).
 * Same limit as fast_workbook_add_hyperlink() (both kinds count).
 *
 * Returns FAST_OK; FAST_ERROR_INVALID_ARGUMENT (cell out of range, NULL text
 * with a length, a target that is not a reference), FAST_ERROR_SHEET_NAME,
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_HYPERLINK_LIMIT, FAST_ERROR_STATE (no
 * worksheet), FAST_ERROR_NOMEM, FAST_ERROR_CLOSED or the sticky error; which
 * of them are sticky follows the conventions at the top of this header.
 */
FAST_API fast_status fast_workbook_add_internal_link(fast_workbook *wb, uint32_t row, uint32_t col,
                                                     const char *sheet, size_t sheet_len, const char *target,
                                                     size_t target_len);

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
 * header rows are kept in memory (their cells copied), up to the row memory
 * limit (fast_workbook_set_row_memory_limit(); a header row beyond it is refused
 * by fast_workbook_write_row() with FAST_ERROR_MEMORY_LIMIT). Before the sheet's
 * first row.
 */
FAST_API fast_status fast_workbook_set_header_rows(fast_workbook *wb, uint32_t rows);

/* ---------------------------------------------------------------------------
 * Excel tables (ListObject / table parts, ECMA-376 Part 1 §18.5).
 *
 * An Excel table turns columns first..last of the current worksheet, from a
 * header row down to the last row written (FAST_LAST_ROW) or a given row, into
 * a named, styled range with filter buttons, banded rows and an optional
 * totals row. It is written as a table part of its own (xl/tables/tableN.xml)
 * after its sheet, so its range can end wherever the rows end.
 *
 * The order of calls: fast_workbook_add_table() and the fast_table_set_*()
 * setters before the table's header row is written (FAST_ERROR_TOO_LATE
 * afterwards); then the header row, written as a normal row; then the data
 * rows. The library sees the header cells and every data value as they are
 * written: the header row's cells in the table's columns must be non-empty text
 * (plain strings, not rich strings: a column name has no runs), unique
 * case-insensitively, and become the table's column names
 * exactly (Excel repairs a file whose column names differ from its header
 * cells); a header row that breaks this is refused whole (FAST_ERROR_TABLE, the
 * message names the table, the column and the header, nothing written,
 * non-sticky: write a corrected row). Totals are computed from the data
 * values as they stream, and written as SUBTOTAL formulas (e.g.
 * SUBTOTAL(109,Sales[Amount])) with exact cached values, so readers other than
 * Excel show them without recalculating.
 *
 * Formulas are in the file's form: no leading '=', English function names,
 * ',' between arguments (as fast_cells_set_formula()).
 *
 * A table handle belongs to its workbook and stays valid until
 * fast_workbook_free(); the library keeps about 100 bytes plus the column
 * names and formulas per column in memory until the workbook is freed. Like
 * the rest of a workbook, tables are used from one thread at a time.
 * Since 0.3.
 * ------------------------------------------------------------------------- */

typedef struct fast_table fast_table;

/*
 * fast_workbook_add_table() - make columns @first_col..@last_col of the current
 * worksheet, from header row @first_row down to @last_row, an Excel table
 * (§18.5.1.2 table). Rows and columns are 0-based, as for the worksheet
 * features.
 *
 * @name, @len: the table's name (UTF-8, @len bytes, copied), or NULL (with 0)
 * for the first free "Table1", "Table2", ... Names follow Excel's rules for
 * defined names: 1..255 characters; the first a letter, '_' or '\'; the others
 * letters, digits, '_', '.' or '\'; not a cell reference in A1 form ("A1",
 * "XFD1048576") or R1C1 form ("R", "C", "R1C1"). They are unique in the
 * workbook case-insensitively (Unicode simple case folding), among tables (and
 * later defined names; sheet names are a separate namespace).
 * @first_row: the header row; it must not be written yet (FAST_ERROR_TOO_LATE).
 * @last_row: the last data row, or FAST_LAST_ROW for "the last row written to
 * the sheet" (resolved when the sheet ends). At least one data row:
 * @last_row > @first_row. A table that reaches the sheet's end (FAST_LAST_ROW)
 * and has nothing below its header when the sheet ends gets one empty data row
 * (as Excel does for a table made on a header alone): Excel requires one.
 * @table: receives the handle (not changed on failure).
 *
 * The range must not overlap another table of the sheet (with its totals row),
 * a merged range or the sheet's autofilter (Excel strips such tables); merges
 * and autofilters given later are checked against the tables the same way.
 * Continuation sheets (fast_workbook_set_rows_per_sheet(), or past
 * FAST_MAX_ROWS): a table to FAST_LAST_ROW whose header row is the last of the
 * sheet's header rows (fast_workbook_set_header_rows(@first_row + 1)) ends at
 * the split and a new table "NAME_2", "NAME_3", ... (the first free name; the
 * number is the sheet's in its chain) with the same columns and settings
 * covers each continuation sheet, under its repeated header row, with totals
 * of its own. Other tables end at the split. A table with a totals row that
 * reaches the sheet's end keeps the sheet's last row for it: such a sheet
 * holds one data row fewer before it continues (or, with FAST_ROWS_ERROR, is
 * full one row earlier). A table with a given @last_row ends there even if
 * the sheet continues earlier.
 *
 * The sheet may not end while the table has no header row:
 * fast_workbook_add_worksheet() and fast_workbook_close() then refuse
 * (FAST_ERROR_TABLE, non-sticky, naming the table) until it is written.
 *
 * When: any time before the header row is written, on the current sheet.
 * Returns FAST_OK; non-sticky (nothing changed): FAST_ERROR_NAME (the message
 * says which rule, or which table uses the name), FAST_ERROR_TABLE (an
 * overlap, named), FAST_ERROR_TOO_LATE, FAST_ERROR_STATE (no worksheet),
 * FAST_ERROR_INVALID_ARGUMENT (NULL @wb or @table, range out of bounds or
 * reversed, no data row, no room on the sheet: a table to FAST_LAST_ROW needs
 * @first_row + 3 <= the rows per sheet, a fixed one @last_row + 2 < the rows
 * per sheet, for a data row, the totals row and a row after it),
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_CLOSED; sticky:
 * FAST_ERROR_NOMEM; or the sticky error of an earlier failure.
 */
FAST_API fast_status fast_workbook_add_table(fast_workbook *wb, const char *name, size_t len, uint32_t first_row,
                                             uint32_t first_col, uint32_t last_row, uint32_t last_col,
                                             fast_table **table);

/*
 * fast_table_set_style() - the table's built-in style (§18.5.1.5 tableStyleInfo
 * name): "TableStyleLight1".."TableStyleLight21", "TableStyleMedium1".."28",
 * "TableStyleDark1".."11", as named in Excel's gallery (exact case), or NULL
 * (with 0) for none. Default "TableStyleMedium2", Excel's default. Other names
 * are FAST_ERROR_INVALID_ARGUMENT.
 */
FAST_API fast_status fast_table_set_style(fast_table *table, const char *style, size_t len);

/*
 * fast_table_set_option() - turn a display option on (@on non-zero) or off:
 * FAST_TABLE_BANDED_ROWS (on by default), FAST_TABLE_BANDED_COLUMNS (off),
 * FAST_TABLE_FIRST_COLUMN and FAST_TABLE_LAST_COLUMN (emphasis, off)
 * (§18.5.1.5 showRowStripes, showColumnStripes, showFirstColumn,
 * showLastColumn), FAST_TABLE_FILTER_BUTTONS (the header's filter buttons, on:
 * the table's autoFilter, §18.5.1.2; off writes none). Another @option is
 * FAST_ERROR_INVALID_ARGUMENT.
 */
#define FAST_TABLE_BANDED_ROWS 1
#define FAST_TABLE_BANDED_COLUMNS 2
#define FAST_TABLE_FIRST_COLUMN 3
#define FAST_TABLE_LAST_COLUMN 4
#define FAST_TABLE_FILTER_BUTTONS 5
FAST_API fast_status fast_table_set_option(fast_table *table, int option, int on);

/*
 * fast_table_set_total_function() - give the table a totals row (§18.5.1.2
 * totalsRowCount) and column @col (a sheet column, 0-based, inside the table)
 * a total: FAST_TABLE_TOTAL_SUM, _AVERAGE, _COUNT (non-empty cells), _COUNT_NUMS
 * (numbers), _MIN, _MAX, _STD_DEV (sample standard deviation), _VAR (sample
 * variance), or FAST_TABLE_TOTAL_NONE to remove it (§18.5.1.3
 * totalsRowFunction). The totals row is the row right below the last data
 * row: for FAST_LAST_ROW it is written when the sheet ends; for a fixed last
 * row, right after that row is written, so the caller's next row lands below
 * it. Its cell holds SUBTOTAL(109,Sales[Name]) (101 average, 103 count, 102
 * countNums, 105 min, 104 max, 107 stdDev, 110 var: the functions Excel uses,
 * which ignore rows hidden by the filter; the table's name is written, which
 * Excel leaves out, so that LibreOffice can recalculate it) and the exact
 * cached value, computed as the data
 * rows stream: what SUBTOTAL counts in a range: numbers (integers, dates and
 * times as their serials, formulas' cached numbers) for sum, average, countNums,
 * min, max, stdDev and var (compensated summation; Welford's method for the
 * variance); every non-empty cell (text, booleans and formulas too) for count.
 * Without a number, min and max are 0 as in Excel; average, and stdDev and var
 * with fewer than two numbers, are Excel's #DIV/0!, written without a cached
 * value, as is any total whose column holds a formula without a cached value
 * (readers then calculate it: the workbook asks them to).
 */
#define FAST_TABLE_TOTAL_NONE 0
#define FAST_TABLE_TOTAL_SUM 1
#define FAST_TABLE_TOTAL_AVERAGE 2
#define FAST_TABLE_TOTAL_COUNT 3
#define FAST_TABLE_TOTAL_COUNT_NUMS 4
#define FAST_TABLE_TOTAL_MIN 5
#define FAST_TABLE_TOTAL_MAX 6
#define FAST_TABLE_TOTAL_STD_DEV 7
#define FAST_TABLE_TOTAL_VAR 8
FAST_API fast_status fast_table_set_total_function(fast_table *table, uint32_t col, int function);

/*
 * fast_table_set_total_formula() - a totals row cell of the caller's for column
 * @col: @formula (@len bytes of UTF-8, at most FAST_MAX_FORMULA_CHARS characters,
 * copied) in the file's form, e.g. "SUBTOTAL(109,Sales[Amount])*2" (§18.5.1.3
 * totalsRowFunction "custom" with totalsRowFormula). It replaces a function
 * set for the column; it has no cached value (readers calculate it). Gives
 * the table a totals row as fast_table_set_total_function() does.
 */
FAST_API fast_status fast_table_set_total_formula(fast_table *table, uint32_t col, const char *formula, size_t len);

/*
 * fast_table_set_total_label() - text for column @col's totals row cell, e.g.
 * "Total" (§18.5.1.3 totalsRowLabel; UTF-8, @len bytes, copied, at most
 * FAST_MAX_STRING_CHARS characters). A column has a label or a total, not
 * both (the last call wins). Gives the table a totals row.
 */
FAST_API fast_status fast_table_set_total_label(fast_table *table, uint32_t col, const char *label, size_t len);

/*
 * fast_table_set_column_formula() - make column @col a calculated column
 * (§18.5.1.1 calculatedColumnFormula): the library writes @formula in that
 * column of every data row. @formula (@len bytes, copied) is in
 * structured-reference form as typed in Excel, "[@Price]*[@Qty]" or
 * "[@[Unit Price]]*2", and is written in the file's form
 * "Sales[[#This Row],[Price]]*Sales[[#This Row],[Qty]]" (on a continuation
 * sheet, with that sheet's table name). A value the caller writes in that
 * column of a data row becomes the formula's cached value (a number, integer,
 * text or boolean); a blank leaves the formula without one (readers
 * calculate it); a date, time, formula or rich string there refuses the row
 * (FAST_ERROR_TABLE, non-sticky). At most FAST_MAX_FORMULA_CHARS characters
 * once written out.
 */
FAST_API fast_status fast_table_set_column_formula(fast_table *table, uint32_t col, const char *formula,
                                                   size_t len);

/* The setters above return FAST_OK; non-sticky (the table is as it was):
 * FAST_ERROR_INVALID_ARGUMENT (NULL table, @col outside the table, an unknown
 * value, NULL text with a length, text too long), FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_TOO_LATE (the table's header row is written), FAST_ERROR_CLOSED;
 * sticky: FAST_ERROR_NOMEM; or the workbook's sticky error. The message is the
 * workbook's (fast_workbook_error_message()). Since 0.3. */

/* ---------------------------------------------------------------------------
 * Data validation (ECMA-376 Part 1 §18.3.1.32-33).
 * ------------------------------------------------------------------------- */

/*
 * A data validation rule is described on a fast_validation handle, which the
 * caller owns, and then added to a range of the current sheet with
 * fast_workbook_add_validation(), which copies it: one handle can be reused for
 * several ranges, and changed or freed as soon as the call returns. Setters keep
 * what they are given; fast_workbook_add_validation() checks the whole rule and
 * refuses it with a message naming the sheet and what is wrong. Handles are
 * independent of any workbook (use one from one thread at a time).
 *
 * Formulas (values, custom rules, list sources) are in the file's form (ECMA-376
 * Part 1 §18.17): English function names, ',' between arguments, A1 references,
 * no leading '=' (one is dropped if given), at most FAST_MAX_FORMULA_CHARS
 * characters. A relative reference in a formula is relative to the range's
 * top-left cell, as in Excel.
 */
typedef struct fast_validation fast_validation;

/* What is allowed in the cells (§18.18.21 ST_DataValidationType). */
#define FAST_VALIDATION_ANY 0         /* any value: only the input message is of use */
#define FAST_VALIDATION_WHOLE 1       /* whole numbers */
#define FAST_VALIDATION_DECIMAL 2     /* numbers */
#define FAST_VALIDATION_DATE 3        /* dates (1900 date system serials) */
#define FAST_VALIDATION_TIME 4        /* times of day */
#define FAST_VALIDATION_TEXT_LENGTH 5 /* text whose length in characters compares */
#define FAST_VALIDATION_LIST 6        /* one of a list: literal values, a range or a name */
#define FAST_VALIDATION_CUSTOM 7      /* a formula that must be TRUE */

/* Comparisons (§18.18.20 ST_DataValidationOperator; the same for conditional
 * formats, §18.18.15). BETWEEN and NOT_BETWEEN take two values, the others one. */
#define FAST_OPERATOR_BETWEEN 0
#define FAST_OPERATOR_NOT_BETWEEN 1
#define FAST_OPERATOR_EQUAL 2
#define FAST_OPERATOR_NOT_EQUAL 3
#define FAST_OPERATOR_GREATER_THAN 4
#define FAST_OPERATOR_LESS_THAN 5
#define FAST_OPERATOR_GREATER_THAN_OR_EQUAL 6
#define FAST_OPERATOR_LESS_THAN_OR_EQUAL 7

/* The alert shown for an invalid entry (§18.18.18 ST_DataValidationErrorStyle):
 * STOP refuses it, WARNING and INFORMATION let the user keep it. */
#define FAST_ERROR_STYLE_STOP 0
#define FAST_ERROR_STYLE_WARNING 1
#define FAST_ERROR_STYLE_INFORMATION 2

/* Excel's limits (Excel specifications; XlsxWriter #562 for the list). */
#define FAST_MAX_VALIDATION_TITLE_CHARS 32u   /* input and error titles */
#define FAST_MAX_VALIDATION_MESSAGE_CHARS 255u /* input and error messages */
#define FAST_MAX_VALIDATION_LIST_CHARS 255u   /* a literal list: its values and the ',' between them */

/*
 * fast_validation_new() - a rule of type FAST_VALIDATION_ANY, operator
 * FAST_OPERATOR_BETWEEN, no values, blanks allowed, the in-cell dropdown shown
 * (for lists), no messages, error style STOP with the error alert on: Excel's
 * defaults. Returns a handle the caller releases with fast_validation_free(),
 * or NULL with errno ENOMEM. Since 0.3.
 */
FAST_API fast_validation *fast_validation_new(void);

/* fast_validation_free() - release a rule handle; NULL is ignored. Rules already
 * added to a sheet are not affected. Since 0.3. */
FAST_API void fast_validation_free(fast_validation *v);

/*
 * The setters below return FAST_OK, or FAST_ERROR_INVALID_ARGUMENT for a NULL
 * handle, a NULL pointer with a non-zero length or @which other than 1 or 2,
 * or FAST_ERROR_NOMEM (text setters); after a failure the handle is unchanged.
 * They involve no workbook: values are checked by fast_workbook_add_validation().
 * Text is UTF-8, @len bytes, copied. Since 0.3.
 */

/* fast_validation_set_type() - FAST_VALIDATION_*. */
FAST_API fast_status fast_validation_set_type(fast_validation *v, int type);
/* fast_validation_set_operator() - FAST_OPERATOR_*, for WHOLE, DECIMAL, DATE,
 * TIME and TEXT_LENGTH (refused for the other types when not BETWEEN). */
FAST_API fast_status fast_validation_set_operator(fast_validation *v, int op);

/*
 * fast_validation_set_number(), _date(), _time(), _formula() - value @which (1:
 * the value compared with, or the minimum of BETWEEN / NOT_BETWEEN; 2: their
 * maximum) as a number (finite), a date (@year 1900..9999, stored as its 1900
 * date system serial, §18.17.4.1), a time of day (@hour 0..23, @minute and
 * @second 0..59, stored as the fraction of a day) or a formula (e.g. "$B$1",
 * "TODAY()+30"; for CUSTOM, value 1 is the formula that must be TRUE, e.g.
 * "ISNUMBER(A2)"; for LIST, value 1 may be a formula or defined name giving the
 * list, e.g. "Colours"). A later call for the same @which replaces the earlier.
 */
FAST_API fast_status fast_validation_set_number(fast_validation *v, int which, double value);
FAST_API fast_status fast_validation_set_date(fast_validation *v, int which, int year, int month, int day);
FAST_API fast_status fast_validation_set_time(fast_validation *v, int which, int hour, int minute, int second);
FAST_API fast_status fast_validation_set_formula(fast_validation *v, int which, const char *formula, size_t len);

/*
 * fast_validation_add_list_item() - append a value to a LIST rule's literal
 * list (written as the formula "a,b,c"). A value may hold '"' (written doubled)
 * but not ',' (the separator), and is not empty. The values with the ','
 * between them may have at most FAST_MAX_VALIDATION_LIST_CHARS characters
 * (Excel's limit; Excel refuses a file with a longer one): for more, put the
 * values in cells and use fast_validation_set_list_range().
 * fast_validation_clear_list() drops the values added so far.
 */
FAST_API fast_status fast_validation_add_list_item(fast_validation *v, const char *text, size_t len);
FAST_API fast_status fast_validation_clear_list(fast_validation *v);

/*
 * fast_validation_set_list_range() - a LIST rule's values come from the range
 * @ref (A1 form, "A1:A20", with or without $; written absolute, $A$1:$A$20, so
 * that every cell of the validated range reads the same list) on sheet @sheet,
 * any sheet of the workbook, written by name as fast_workbook_add_internal_link()
 * writes it (quoted when needed: 'My Lists'!$A$1:$A$20); NULL @sheet (with 0)
 * is the sheet the rule is added to. Neither is checked until the rule is added.
 * Replaces a list range or formula set before; literal values and a range
 * cannot both be set (refused when the rule is added).
 */
FAST_API fast_status fast_validation_set_list_range(fast_validation *v, const char *sheet, size_t sheet_len,
                                                    const char *ref, size_t ref_len);

/* fast_validation_set_ignore_blank() - blank cells are valid (on by default;
 * §18.3.1.32 allowBlank). */
FAST_API fast_status fast_validation_set_ignore_blank(fast_validation *v, int on);
/* fast_validation_set_dropdown() - show the in-cell dropdown of a LIST rule (on
 * by default). Written as the attribute showDropDown, whose meaning is
 * inverted: showDropDown="1" hides the dropdown. */
FAST_API fast_status fast_validation_set_dropdown(fast_validation *v, int on);

/*
 * fast_validation_set_input_message() - a message shown when a cell of the range
 * is selected: @title (at most FAST_MAX_VALIDATION_TITLE_CHARS characters) and
 * @message (at most FAST_MAX_VALIDATION_MESSAGE_CHARS; line feeds are kept);
 * either may be NULL with 0 for none (both none: no message).
 */
FAST_API fast_status fast_validation_set_input_message(fast_validation *v, const char *title, size_t title_len,
                                                       const char *message, size_t message_len);
/*
 * fast_validation_set_error_message() - the alert shown for an invalid entry:
 * FAST_ERROR_STYLE_* @style, @title and @message with the input message's limits
 * (NULL with 0: Excel's own text).
 */
FAST_API fast_status fast_validation_set_error_message(fast_validation *v, int style, const char *title,
                                                       size_t title_len, const char *message, size_t message_len);
/* fast_validation_set_error_alert() - whether an invalid entry raises the alert
 * at all (on by default; off, the rule only marks invalid data for Excel's
 * "Circle Invalid Data"). */
FAST_API fast_status fast_validation_set_error_alert(fast_validation *v, int on);

/*
 * fast_workbook_add_validation() - apply rule @v to the range
 * (@first_row, @first_col)..(@last_row, @last_col) of the current sheet
 * (0-based, inclusive; @last_row FAST_LAST_ROW: to the last row written to the
 * sheet, resolved when the sheet ends as the autofilter's is).
 *
 * Any time before the sheet ends (the rules are written after its rows, as
 * <dataValidations>). The rule is copied (about 100 bytes plus its text, kept
 * until the workbook is freed). Rules that end at FAST_LAST_ROW carry over to
 * each continuation sheet (fast_workbook_set_rows_per_sheet(), or past
 * FAST_MAX_ROWS rows), from the same first row to that sheet's last row, as
 * the autofilter does; rules with a fixed last row stay on their sheet.
 * Ranges of different rules should not overlap (not checked; Excel uses one).
 *
 * Checks: the range; the type and operator (an operator other than BETWEEN
 * for ANY, LIST or CUSTOM is refused); the values the type needs (value 1, and
 * value 2 for BETWEEN and NOT_BETWEEN; a LIST needs exactly one of literal
 * values, a range, or a formula as value 1; CUSTOM needs a formula); a literal
 * list of at most FAST_MAX_VALIDATION_LIST_CHARS characters, without ',' or
 * empty values; titles and messages within their limits; UTF-8 everywhere.
 *
 * Returns FAST_OK; non-sticky (nothing added, the message names the sheet and
 * the cause): FAST_ERROR_INVALID_ARGUMENT (NULL @v, range out of bounds or
 * reversed, unknown type, operator or error style, a missing or extra value,
 * a list or text over its limit, a bad list range), FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_INVALID_DATE, FAST_ERROR_NONFINITE_NUMBER, FAST_ERROR_SHEET_NAME
 * (list range on a sheet name that cannot be one), FAST_ERROR_STATE (no
 * worksheet), FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM; or the sticky error
 * of an earlier failure. FAST_ERROR_INVALID_ARGUMENT for a NULL @wb.
 * Since 0.3.
 */
FAST_API fast_status fast_workbook_add_validation(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col, const fast_validation *v);

/* ---------------------------------------------------------------------------
 * Conditional formatting (ECMA-376 Part 1 §18.3.1.10, §18.3.1.18) and differential formats (dxf, §18.8.14-15).
 * ------------------------------------------------------------------------- */

/*
 * A conditional format is described on a fast_cond_format handle, which the
 * caller owns, and then added to a range of the current sheet with
 * fast_workbook_add_cond_format(), which copies it (the handle can be reused,
 * changed or freed at once). As for data validation, setters keep what they
 * are given and fast_workbook_add_cond_format() checks the whole rule, refusing
 * it with a message that names the sheet and the cause. Formulas are in the
 * file's form (see "Data validation" above); relative references in them are
 * relative to the range's top-left cell.
 *
 * Priorities: rules apply in the order they are added to a sheet (the first
 * added has priority 1, the highest); priorities are unique across the sheet.
 * Rules over the same range are written in one conditionalFormatting element.
 * The look of the rules that take a format comes from a fast_format written as
 * a differential format (dxf, §18.8.14): its font colour (RGB or theme), bold,
 * italic, underline style, strikeout, superscript/subscript, fill (colour, or
 * pattern with its colours; since 0.3), the four border sides with their styles
 * and colours, and number format; a format's font name and size, alignment,
 * wrap, indent, rotation, diagonal border and protection are not part of a dxf
 * (Excel's conditional formats cannot change them). The format's look is taken
 * when the rule is added; equal looks share one dxf.
 */
typedef struct fast_cond_format fast_cond_format;

/* Rule types (§18.18.12 ST_CfType). */
#define FAST_COND_CELL 0              /* cellIs: the cell's value compared (operator, values) */
#define FAST_COND_EXPRESSION 1        /* a formula (value 1) that is TRUE for the cell */
#define FAST_COND_TOP 2               /* top10: the top N values, or N percent (fast_cond_format_set_rank()) */
#define FAST_COND_BOTTOM 3            /* top10 bottom="1" */
#define FAST_COND_ABOVE_AVERAGE 4     /* aboveAverage (optionally by N standard deviations) */
#define FAST_COND_BELOW_AVERAGE 5     /* aboveAverage aboveAverage="0" */
#define FAST_COND_DUPLICATE 6         /* duplicateValues */
#define FAST_COND_UNIQUE 7            /* uniqueValues */
#define FAST_COND_CONTAINS_TEXT 8     /* containsText: NOT(ISERROR(SEARCH("text",A1))) */
#define FAST_COND_NOT_CONTAINS_TEXT 9 /* notContainsText: ISERROR(SEARCH("text",A1)) */
#define FAST_COND_BEGINS_WITH 10      /* beginsWith: LEFT(A1,LEN("text"))="text" */
#define FAST_COND_ENDS_WITH 11        /* endsWith: RIGHT(A1,LEN("text"))="text" */
#define FAST_COND_BLANKS 12           /* containsBlanks: LEN(TRIM(A1))=0 */
#define FAST_COND_NO_BLANKS 13        /* notContainsBlanks: LEN(TRIM(A1))>0 */
#define FAST_COND_ERRORS 14           /* containsErrors: ISERROR(A1) */
#define FAST_COND_NO_ERRORS 15        /* notContainsErrors: NOT(ISERROR(A1)) */
#define FAST_COND_TIME_PERIOD 16      /* timePeriod: dates in a period relative to today */
#define FAST_COND_COLOR_SCALE_2 17    /* colorScale with two colours */
#define FAST_COND_COLOR_SCALE_3 18    /* colorScale with three colours */
#define FAST_COND_DATA_BAR 19         /* dataBar, with the Excel 2010 look (x14 extension) */
#define FAST_COND_ICON_SET 20         /* iconSet */

/* Time periods (§18.18.82 ST_TimePeriod), with the formulas Excel writes. */
#define FAST_PERIOD_YESTERDAY 0
#define FAST_PERIOD_TODAY 1
#define FAST_PERIOD_TOMORROW 2
#define FAST_PERIOD_LAST_7_DAYS 3
#define FAST_PERIOD_LAST_WEEK 4
#define FAST_PERIOD_THIS_WEEK 5
#define FAST_PERIOD_NEXT_WEEK 6
#define FAST_PERIOD_LAST_MONTH 7
#define FAST_PERIOD_THIS_MONTH 8
#define FAST_PERIOD_NEXT_MONTH 9

/* Threshold kinds of colour scales, data bars and icon sets (§18.18.13
 * ST_CfvoType): the lowest or highest value of the range, a number, a percent
 * of the span from lowest to highest (0..100), a percentile (0..100). */
#define FAST_CFVO_MIN 0
#define FAST_CFVO_MAX 1
#define FAST_CFVO_NUMBER 2
#define FAST_CFVO_PERCENT 3
#define FAST_CFVO_PERCENTILE 4

/* Icon sets (§18.18.42 ST_IconSetType). */
#define FAST_ICONS_3_ARROWS 0
#define FAST_ICONS_3_ARROWS_GRAY 1
#define FAST_ICONS_3_FLAGS 2
#define FAST_ICONS_3_TRAFFIC_LIGHTS 3         /* 3TrafficLights1, Excel's default */
#define FAST_ICONS_3_TRAFFIC_LIGHTS_RIMMED 4  /* 3TrafficLights2 */
#define FAST_ICONS_3_SIGNS 5
#define FAST_ICONS_3_SYMBOLS_CIRCLED 6        /* 3Symbols */
#define FAST_ICONS_3_SYMBOLS 7                /* 3Symbols2 */
#define FAST_ICONS_4_ARROWS 8
#define FAST_ICONS_4_ARROWS_GRAY 9
#define FAST_ICONS_4_RED_TO_BLACK 10
#define FAST_ICONS_4_RATINGS 11
#define FAST_ICONS_4_TRAFFIC_LIGHTS 12
#define FAST_ICONS_5_ARROWS 13
#define FAST_ICONS_5_ARROWS_GRAY 14
#define FAST_ICONS_5_RATINGS 15
#define FAST_ICONS_5_QUARTERS 16

#define FAST_MAX_COND_TEXT_CHARS 255u /* the text of a text rule */

/*
 * fast_cond_format_new() - a rule of type FAST_COND_CELL, operator
 * FAST_OPERATOR_BETWEEN, no values and no format. Returns a handle the caller
 * releases with fast_cond_format_free(), or NULL with errno ENOMEM. Since 0.3.
 */
FAST_API fast_cond_format *fast_cond_format_new(void);
/* fast_cond_format_free() - release a rule handle; NULL is ignored. Since 0.3. */
FAST_API void fast_cond_format_free(fast_cond_format *cf);

/*
 * The setters return FAST_OK, or FAST_ERROR_INVALID_ARGUMENT for a NULL handle,
 * a NULL pointer with a non-zero length or an index out of its range (given
 * with each), or FAST_ERROR_NOMEM (text setters), the handle unchanged after a
 * failure. They involve no workbook; fast_workbook_add_cond_format() checks the
 * values and refuses settings that do not apply to the rule's type. Since 0.3.
 */

/* fast_cond_format_set_type() - FAST_COND_*. Colour scales, data bars and icon
 * sets get Excel's default thresholds and colours: min/max (and the 50th
 * percentile) in F8696B / FFEB84 / 63BE7B (three colours) or FF7128 / FFEF9C
 * (two), a data bar in 638EC6, icon thresholds at equal percents. */
FAST_API fast_status fast_cond_format_set_type(fast_cond_format *cf, int type);
/* fast_cond_format_set_operator() - FAST_OPERATOR_* of a FAST_COND_CELL rule. */
FAST_API fast_status fast_cond_format_set_operator(fast_cond_format *cf, int op);
/* fast_cond_format_set_number(), _formula() - value @which (1, or 2 for the
 * maximum of BETWEEN / NOT_BETWEEN) of a CELL rule, as a number or a formula
 * (text compares as the formula "\"text\""); the formula of an EXPRESSION rule
 * as value 1, e.g. "$C2>100". */
FAST_API fast_status fast_cond_format_set_number(fast_cond_format *cf, int which, double value);
FAST_API fast_status fast_cond_format_set_formula(fast_cond_format *cf, int which, const char *formula, size_t len);
/* fast_cond_format_set_text() - the text (NULL with 0: none) of CONTAINS_TEXT, NOT_CONTAINS_TEXT,
 * BEGINS_WITH and ENDS_WITH (1..FAST_MAX_COND_TEXT_CHARS characters; matched
 * without regard to case, as SEARCH, LEFT and RIGHT do; '"' is doubled in the
 * formula). */
FAST_API fast_status fast_cond_format_set_text(fast_cond_format *cf, const char *text, size_t len);
/* fast_cond_format_set_rank() - TOP / BOTTOM: the @n highest or lowest values
 * (1..1000), or with @percent the @n percent (1..100). Default 10 values. */
FAST_API fast_status fast_cond_format_set_rank(fast_cond_format *cf, uint32_t n, int percent);
/* fast_cond_format_set_std_dev() - ABOVE_AVERAGE / BELOW_AVERAGE: values at
 * least @n (1..3) standard deviations above or below the average; 0 (default):
 * above or below the average itself. */
FAST_API fast_status fast_cond_format_set_std_dev(fast_cond_format *cf, int n);
/* fast_cond_format_set_equal_average() - ABOVE_AVERAGE / BELOW_AVERAGE without
 * std dev: the average itself matches too ("equal or above"). */
FAST_API fast_status fast_cond_format_set_equal_average(fast_cond_format *cf, int on);
/* fast_cond_format_set_time_period() - FAST_PERIOD_* of a TIME_PERIOD rule
 * (default FAST_PERIOD_TODAY). */
FAST_API fast_status fast_cond_format_set_time_period(fast_cond_format *cf, int period);
/* fast_cond_format_set_color() - colour @index 0xRRGGBB: 0..1 of a
 * COLOR_SCALE_2 (lowest, highest), 0..2 of a COLOR_SCALE_3, 0 of a DATA_BAR. */
FAST_API fast_status fast_cond_format_set_color(fast_cond_format *cf, int index, uint32_t rgb);
/*
 * fast_cond_format_set_point() - threshold @index of a colour scale (0..1 or
 * 0..2, lowest first), a data bar (0: the shortest bar, 1: the longest) or an
 * icon set (0..icons-1, the lowest first; threshold 0 is where the first icon
 * starts): FAST_CFVO_* @kind and its @value (ignored for MIN and MAX; 0..100
 * for PERCENT and PERCENTILE). MIN is allowed for the first threshold only and
 * MAX for the last, and neither for icon sets.
 */
FAST_API fast_status fast_cond_format_set_point(fast_cond_format *cf, int index, int kind, double value);
/* fast_cond_format_set_icons() - FAST_ICONS_* of an ICON_SET rule, with the
 * order of the icons @reversed or not. */
FAST_API fast_status fast_cond_format_set_icons(fast_cond_format *cf, int style, int reversed);
/* fast_cond_format_set_show_value() - DATA_BAR and ICON_SET: show the cell's
 * value beside the bar or icon (default on; off: the bar or icon only). */
FAST_API fast_status fast_cond_format_set_show_value(fast_cond_format *cf, int on);
/* fast_cond_format_set_bar_solid() - DATA_BAR: a solid fill instead of Excel
 * 2010's gradient (x14 gradient="0"). */
FAST_API fast_status fast_cond_format_set_bar_solid(fast_cond_format *cf, int on);
/* fast_cond_format_set_format() - the look of the matching cells (NULL: none)
 * for the types other than colour scales, data bars and icon sets; a format of
 * the workbook the rule is added to, read when it is added. */
FAST_API fast_status fast_cond_format_set_format(fast_cond_format *cf, const fast_format *format);
/* fast_cond_format_set_stop_if_true() - when this rule matches, rules of lower
 * priority are not applied to the cell (§18.3.1.10 stopIfTrue); not for colour
 * scales, data bars and icon sets. */
FAST_API fast_status fast_cond_format_set_stop_if_true(fast_cond_format *cf, int on);

/*
 * fast_workbook_add_cond_format() - apply rule @cf to the range
 * (@first_row, @first_col)..(@last_row, @last_col) of the current sheet
 * (0-based, inclusive; @last_row FAST_LAST_ROW: to the last row written to the
 * sheet, resolved when the sheet ends), with the next priority of the sheet.
 *
 * Any time before the sheet ends (the rules are written after its rows, as
 * <conditionalFormatting>, and the data bars' 2010 part in the sheet's extLst,
 * its ids derived from the sheet and rule numbers so that output is a function
 * of input). The rule is copied (about 100 bytes plus its text, kept until the
 * workbook is freed). Rules that end at FAST_LAST_ROW carry over to each
 * continuation sheet (fast_workbook_set_rows_per_sheet(), or past
 * FAST_MAX_ROWS rows), from the same first row to that sheet's last row, in the
 * same order, as the autofilter does: a rule over "the data columns" applies to
 * each sheet of the chain (a TOP, average, duplicate or colour-scale rule then
 * ranks each sheet's values on their own). Rules with a fixed last row stay
 * on their sheet.
 *
 * Returns FAST_OK; non-sticky (nothing added, the message names the sheet and
 * the cause): FAST_ERROR_INVALID_ARGUMENT (NULL @cf, range out of bounds or
 * reversed, unknown type, operator, period, icon set or threshold kind, a
 * missing or extra value, a setting that does not apply to the type, a text,
 * rank, std dev or threshold out of range, a format of another workbook),
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_NONFINITE_NUMBER, FAST_ERROR_STATE (no
 * worksheet), FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM; or the sticky error
 * of an earlier failure. FAST_ERROR_INVALID_ARGUMENT for a NULL @wb.
 * Since 0.3.
 */
FAST_API fast_status fast_workbook_add_cond_format(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                   uint32_t last_row, uint32_t last_col, const fast_cond_format *cf);

/* ---------------------------------------------------------------------------
 * Page setup and printing (ECMA-376 Part 1 §18.3.1.46, .51, .62, .63, .70; headers and footers §18.3.1.36, .39).
 * ------------------------------------------------------------------------- */

/*
 * These apply to the current worksheet (the last one added) and, except
 * fast_workbook_set_fit_to_pages(), may be called any time before the sheet
 * ends (its page setup is written after the rows, §18.3.1.99); a second call
 * replaces the first. Rows and columns are 0-based. Continuation sheets
 * (fast_workbook_set_row_policy()) repeat the page setup, header and footer,
 * print titles and a print area that ends at FAST_LAST_ROW of the sheet they
 * continue, not its page breaks or a print area with a fixed last row.
 * Not thread-safe: one thread per workbook, as for every call on it.
 * Each returns FAST_OK; non-sticky (the sheet is as it was, the message names
 * the call, the sheet and the cause): FAST_ERROR_INVALID_ARGUMENT (a value out
 * of range, an unknown constant), FAST_ERROR_INVALID_UTF8 (header and footer
 * text), FAST_ERROR_TOO_LATE (fast_workbook_set_fit_to_pages() after the
 * sheet's first row), FAST_ERROR_STATE (no worksheet), FAST_ERROR_CLOSED;
 * sticky: FAST_ERROR_NOMEM; or the sticky error of an earlier failure;
 * FAST_ERROR_INVALID_ARGUMENT for a NULL @wb. Since 0.3.
 */

/*
 * fast_workbook_set_page_orientation() - print the sheet FAST_PORTRAIT or
 * FAST_LANDSCAPE (§18.3.1.63 pageSetup orientation). Without it the printer's
 * default applies (portrait for Excel).
 */
#define FAST_PORTRAIT 1
#define FAST_LANDSCAPE 2
FAST_API fast_status fast_workbook_set_page_orientation(fast_workbook *wb, int orientation);

/*
 * fast_workbook_set_paper_size() - the paper, as the code of §18.3.1.63
 * pageSetup paperSize: 1 Letter (8.5 x 11 in), 5 Legal, 8 A3, 9 A4, 11 A5,
 * 12 B4, 13 B5 ... up to FAST_MAX_PAPER_SIZE; 0 removes it (the printer's
 * default paper).
 */
#define FAST_MAX_PAPER_SIZE 118u
FAST_API fast_status fast_workbook_set_paper_size(fast_workbook *wb, uint32_t paper);

/*
 * fast_workbook_set_print_scale() - print at @percent of the size, 10..400
 * (§18.3.1.63 pageSetup scale); 0 removes it (100 %). Ignored by Excel while
 * fast_workbook_set_fit_to_pages() is set.
 */
FAST_API fast_status fast_workbook_set_print_scale(fast_workbook *wb, uint32_t percent);

/*
 * fast_workbook_set_fit_to_pages() - shrink the printout to at most @wide
 * pages across and @tall pages down, 0..FAST_MAX_FIT_PAGES each, 0 meaning
 * "as many as needed" (so 1, 0 is "one page wide"); 0, 0 removes it. Written
 * as pageSetup fitToWidth/fitToHeight (§18.3.1.63) together with sheetPr's
 * pageSetUpPr fitToPage="1" (§18.3.1.64), without which Excel ignores them;
 * sheetPr comes before the rows, so this must be called before the sheet's
 * first row (FAST_ERROR_TOO_LATE after it), like fast_workbook_freeze_panes().
 */
#define FAST_MAX_FIT_PAGES 32767u
FAST_API fast_status fast_workbook_set_fit_to_pages(fast_workbook *wb, uint32_t wide, uint32_t tall);

/*
 * fast_workbook_set_margins() - the page margins and the distances of the
 * header from the top and of the footer from the bottom edge, in inches,
 * 0..FAST_MAX_MARGIN_INCHES each (§18.3.1.62 pageMargins, all six required).
 * Without it, a sheet with any page setup gets Excel's defaults: 0.7 left and
 * right, 0.75 top and bottom, 0.3 header and footer.
 */
#define FAST_MAX_MARGIN_INCHES 49
FAST_API fast_status fast_workbook_set_margins(fast_workbook *wb, double left, double right, double top,
                                               double bottom, double header, double footer);

/*
 * fast_workbook_set_first_page_number() - number the first printed page
 * @number, 1..FAST_MAX_FIRST_PAGE_NUMBER (what &P shows in a header or
 * footer; §18.3.1.63 firstPageNumber, useFirstPageNumber); 0 removes it
 * (numbering starts at 1).
 */
#define FAST_MAX_FIRST_PAGE_NUMBER 32767u
FAST_API fast_status fast_workbook_set_first_page_number(fast_workbook *wb, uint32_t number);

/*
 * fast_workbook_set_print_option() - turn printing option @option on (@on
 * nonzero) or off (the default): FAST_PRINT_BLACK_AND_WHITE, FAST_PRINT_DRAFT
 * (pageSetup blackAndWhite, draft), FAST_PRINT_ACROSS_THEN_DOWN (the page
 * order: across, then down; pageSetup pageOrder="overThenDown"),
 * FAST_PRINT_CENTER_HORIZONTALLY, FAST_PRINT_CENTER_VERTICALLY (on the page),
 * FAST_PRINT_GRIDLINES and FAST_PRINT_HEADINGS (row numbers and column
 * letters) (§18.3.1.70 printOptions).
 */
#define FAST_PRINT_BLACK_AND_WHITE 1
#define FAST_PRINT_DRAFT 2
#define FAST_PRINT_ACROSS_THEN_DOWN 3
#define FAST_PRINT_CENTER_HORIZONTALLY 4
#define FAST_PRINT_CENTER_VERTICALLY 5
#define FAST_PRINT_GRIDLINES 6
#define FAST_PRINT_HEADINGS 7
FAST_API fast_status fast_workbook_set_print_option(fast_workbook *wb, int option, int on);

/*
 * fast_workbook_set_header_footer() - the header or footer @which
 * (FAST_HEADER_ODD, FAST_FOOTER_ODD: every page, or the odd ones when even
 * ones are set; FAST_HEADER_EVEN, FAST_FOOTER_EVEN; FAST_HEADER_FIRST,
 * FAST_FOOTER_FIRST: the first page) as @len bytes of UTF-8 @text, in Excel's
 * own form (§18.3.1.36 oddHeader etc., §18.3.1.39 headerFooter): &L, &C and &R
 * start the left, centre and right sections; &P the page number, &N the number
 * of pages, &D the date, &T the time, &F the file name, &A the sheet name,
 * &Z the file's path; &B &I &U &E &S &X &Y bold, italic, underline, double
 * underline, strikeout, superscript, subscript; &"Font,Style" a font, &NN a
 * size in points, &KRRGGBB a colour; && a literal '&'. Example:
 * "&L&A&RPage &P of &N". At most FAST_MAX_HEADER_FOOTER_CHARS characters
 * (code points), codes included, as Excel allows; longer text, a lone '&' or
 * an unknown code is refused (FAST_ERROR_INVALID_ARGUMENT, with the byte
 * offset). An even page header or footer sets headerFooter differentOddEven,
 * a first page one differentFirst. @text is copied; NULL, 0 removes it.
 */
#define FAST_HEADER_ODD 0
#define FAST_FOOTER_ODD 1
#define FAST_HEADER_EVEN 2
#define FAST_FOOTER_EVEN 3
#define FAST_HEADER_FIRST 4
#define FAST_FOOTER_FIRST 5
#define FAST_MAX_HEADER_FOOTER_CHARS 255
FAST_API fast_status fast_workbook_set_header_footer(fast_workbook *wb, int which, const char *text, size_t len);

/*
 * fast_workbook_set_print_area() - print only the range (@first_row,
 * @first_col)..(@last_row, @last_col), inclusive; @last_row FAST_LAST_ROW is
 * the last row written to the sheet. Written as the workbook's defined name
 * _xlnm.Print_Area with the sheet's localSheetId (§18.2.5, Part 1 §18.2.6).
 */
FAST_API fast_status fast_workbook_set_print_area(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                  uint32_t last_row, uint32_t last_col);

/*
 * fast_workbook_set_print_title_rows() - repeat rows @first_row..@last_row
 * (inclusive) at the top of every printed page; FAST_NO_TITLES as @first_row
 * removes them. fast_workbook_set_print_title_columns() - repeat columns
 * @first_col..@last_col at the left of every page. Both are written as the
 * defined name _xlnm.Print_Titles of the sheet ('Sheet'!$A:$B,'Sheet'!$1:$1).
 */
#define FAST_NO_TITLES 0xFFFFFFFFu
FAST_API fast_status fast_workbook_set_print_title_rows(fast_workbook *wb, uint32_t first_row, uint32_t last_row);
FAST_API fast_status fast_workbook_set_print_title_columns(fast_workbook *wb, uint32_t first_col, uint32_t last_col);

/*
 * fast_workbook_add_page_break() - a manual page break before row @before
 * (@kind FAST_BREAK_ROW, 1..FAST_MAX_ROWS - 1) or before column @before
 * (FAST_BREAK_COLUMN, 1..FAST_MAX_COLUMNS - 1) (§18.3.1.73 rowBreaks,
 * §18.3.1.14 colBreaks, brk). At most FAST_MAX_PAGE_BREAKS of each kind, as
 * Excel allows (the next one is refused); adding one that is there changes
 * nothing. Kept in memory until the sheet ends: 4 bytes each.
 */
#define FAST_BREAK_ROW 0
#define FAST_BREAK_COLUMN 1
#define FAST_MAX_PAGE_BREAKS 1023u
FAST_API fast_status fast_workbook_add_page_break(fast_workbook *wb, int kind, uint32_t before);

/* ---------------------------------------------------------------------------
 * Sheet display, outlines and ignored errors (§18.3.1.83-88 sheetView/sheetPr, §18.3.1.73 row outlineLevel, §18.3.1.51 ignoredErrors).
 * ------------------------------------------------------------------------- */

/*
 * These apply to the current worksheet (the last one added) and must be set
 * before its first row (FAST_ERROR_TOO_LATE after it): they are written before
 * the rows (ECMA-376 Part 1 §18.3.1.99), like fast_workbook_freeze_panes().
 * Continuation sheets (fast_workbook_set_rows_per_sheet()) inherit them. A
 * second call replaces the first. Not thread-safe (one thread per workbook).
 * Each returns FAST_OK; non-sticky (the sheet is as it was, the message names
 * the call, the sheet and the cause): FAST_ERROR_INVALID_ARGUMENT (a value out
 * of range), FAST_ERROR_TOO_LATE, FAST_ERROR_STATE (no worksheet),
 * FAST_ERROR_CLOSED; or the sticky error of an earlier failure;
 * FAST_ERROR_INVALID_ARGUMENT for a NULL @wb. Since 0.3.
 */

/*
 * fast_workbook_set_sheet_state() - FAST_SHEET_VISIBLE (the default),
 * FAST_SHEET_HIDDEN (Excel's Unhide lists it) or FAST_SHEET_VERY_HIDDEN (only
 * a macro or the file can show it again) (§18.2.19 sheet state). The first
 * sheet must stay visible (FAST_ERROR_INVALID_ARGUMENT): it is the selected
 * sheet unless fast_workbook_set_active_sheet() names another, and the
 * workbook's first for printing (workbookView firstSheet 0), which Excel needs
 * visible, so a visible sheet always comes before a hidden one. The active
 * sheet must stay visible too (FAST_ERROR_INVALID_ARGUMENT).
 */
#define FAST_SHEET_VISIBLE 0
#define FAST_SHEET_HIDDEN 1
#define FAST_SHEET_VERY_HIDDEN 2
FAST_API fast_status fast_workbook_set_sheet_state(fast_workbook *wb, int state);

/*
 * fast_workbook_set_active_sheet() - the sheet Excel opens at: the sheet named
 * @name (@name_len bytes of UTF-8, copied) is written as the one selected tab
 * (sheetView tabSelected="1", §18.3.1.87) and as the workbook's active tab
 * (workbookView activeTab, §18.2.30). A workbook setting, unlike the others in
 * this section: it applies to whichever sheet bears the name, compared
 * case-insensitively (Unicode simple case folding) with each sheet's name as
 * sheets are added, continuation sheets' generated names ("Data (2)")
 * included; the first sheet added with that name and visible is the active
 * one, and it is the only sheet written tabSelected (the first sheet is then
 * written without it, so Excel never opens two tabs grouped). If no sheet of
 * that name is ever added, the workbook still closes with FAST_OK and opens
 * at the first sheet (which is always visible), with no tab marked selected.
 * NULL/0 removes the setting (the first sheet is the active one, the
 * default). A second call replaces the first.
 * The first sheet's head, where tabSelected goes, is written with its first
 * row, so this must be called before the first sheet has a row and before a
 * second sheet is added (FAST_ERROR_TOO_LATE after). The active sheet must be
 * visible: hiding it (fast_workbook_set_sheet_state()) is refused
 * (FAST_ERROR_INVALID_ARGUMENT). The continuation of a hidden sheet is hidden
 * too and never becomes the active sheet. The workbookView's firstSheet (the
 * first tab shown in the tab bar) stays 0: the first sheet is always visible.
 * Returns FAST_OK; non-sticky (the setting is as it was, the message names the
 * cause): FAST_ERROR_INVALID_ARGUMENT (NULL @name with a length, NULL @wb),
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_SHEET_NAME (more than
 * FAST_MAX_SHEET_NAME_CHARS characters: no sheet can bear the name),
 * FAST_ERROR_TOO_LATE, FAST_ERROR_CLOSED; or the sticky error of an earlier
 * failure. Not thread-safe (one thread per workbook). Since 0.3.
 */
FAST_API fast_status fast_workbook_set_active_sheet(fast_workbook *wb, const char *name, size_t name_len);

/*
 * fast_workbook_set_tab_color() - the colour of the sheet's tab, 0xRRGGBB
 * (0..0xFFFFFF), or -1 for none (§18.3.1.93 tabColor in sheetPr).
 */
FAST_API fast_status fast_workbook_set_tab_color(fast_workbook *wb, int32_t rgb);

/*
 * fast_workbook_set_gridlines_shown() - @shown 0 hides the gridlines on
 * screen (sheetView showGridLines="0", §18.3.1.87); 1 (the default) shows
 * them. Printed gridlines are fast_workbook_set_print_option().
 */
FAST_API fast_status fast_workbook_set_gridlines_shown(fast_workbook *wb, int shown);

/*
 * fast_workbook_set_right_to_left() - @on 1: column A at the right, as for
 * Arabic or Hebrew (sheetView rightToLeft, §18.3.1.87); 0 (the default): left
 * to right.
 */
FAST_API fast_status fast_workbook_set_right_to_left(fast_workbook *wb, int on);

/*
 * fast_workbook_set_zoom() - show the sheet at @percent, 10..400 (sheetView
 * zoomScale and zoomScaleNormal, §18.3.1.87); 100 is the default.
 */
FAST_API fast_status fast_workbook_set_zoom(fast_workbook *wb, uint32_t percent);

/*
 * fast_workbook_set_default_row_height() - the height of rows without one of
 * their own (fast_cells_set_row_height()), in points (1/72 inch),
 * 0 < @points <= FAST_MAX_ROW_HEIGHT_POINTS (sheetFormatPr defaultRowHeight
 * with customHeight, §18.3.1.81). Excel's default is 15 for Calibri 11.
 */
#define FAST_MAX_ROW_HEIGHT_POINTS 409
FAST_API fast_status fast_workbook_set_default_row_height(fast_workbook *wb, double points);

/*
 * Outlines (grouping), ECMA-376 Part 1 §18.3.1.73 row outlineLevel, hidden,
 * collapsed; §18.3.1.13 col; §18.3.1.81 sheetFormatPr outlineLevelRow and
 * outlineLevelCol; §18.3.1.61 outlinePr. A row or column of level N (1..7) is
 * inside N nested groups; Excel draws the group bars and +/- buttons from the
 * levels, and a collapsed group is its detail rows marked hidden plus the
 * summary row (the one after the group, or before it with
 * fast_workbook_set_outline_summary()) marked collapsed: the caller marks
 * both, the library writes what it is given. Level 0: no outline.
 *
 * fast_workbook_set_outline_levels() - the highest row level (@max_row_level)
 * and column level (@max_col_level) the sheet uses, 0..7 each (sheetFormatPr
 * outlineLevelRow/outlineLevelCol, which Excel sizes the outline margin by).
 * Rows stream, so the highest row level is declared here: a row of a deeper
 * level is refused (below). Before the sheet's first row, like the display
 * settings above (same statuses; inherited by continuation sheets).
 *
 * fast_workbook_set_outline_summary() - @rows_below 0: the summary row of a
 * group is above its detail rows (outlinePr summaryBelow="0"); @cols_right 0:
 * the summary column is left of its detail (summaryRight="0"); 1, 1 is the
 * default (below, right). Before the sheet's first row, like the display
 * settings above.
 */
FAST_API fast_status fast_workbook_set_outline_levels(fast_workbook *wb, uint32_t max_row_level,
                                                      uint32_t max_col_level);
FAST_API fast_status fast_workbook_set_outline_summary(fast_workbook *wb, int rows_below, int cols_right);

/*
 * fast_workbook_set_row_outline() - the outline of the NEXT row written to the
 * current worksheet by any fast_workbook_write_row*() call: level @level
 * (0..7, at most the sheet's fast_workbook_set_outline_levels()), @hidden 1
 * hides the row (row hidden="1"), @collapsed 1 marks the row as the summary of
 * a collapsed group (collapsed="1"). It applies to one row: the next row
 * written successfully clears it; a refused row keeps it. For
 * fast_workbook_write_row(), a non-zero outline set on the cells
 * (fast_cells_set_row_outline()) takes precedence. Any time before the sheet
 * ends. Returns FAST_OK; non-sticky: FAST_ERROR_INVALID_ARGUMENT (@level > 7,
 * NULL @wb), FAST_ERROR_STATE (no worksheet), FAST_ERROR_CLOSED; or the sticky
 * error of an earlier failure. A row whose level is above the sheet's
 * declared highest is refused when written: FAST_ERROR_INVALID_ARGUMENT,
 * non-sticky, nothing written, the message names the sheet, row and levels.
 * The outline costs one test per row when unused. Not thread-safe (one thread
 * per workbook). Since 0.3.
 *
 * fast_workbook_set_column_outline() - the outline of the columns
 * @first_col..@last_col (0-based, inclusive, < FAST_MAX_COLUMNS): level @level
 * (1..7, at most the sheet's declared highest column level; 0 removes the
 * outline), @hidden 1 hides them, @collapsed 1 marks them as the summary of a
 * collapsed group (cols/col outlineLevel, hidden, collapsed, §18.3.1.13),
 * written together with column widths and formats as non-overlapping col
 * ranges. A later call overrides an earlier one where they overlap. Before the
 * sheet's first row, like the display settings above; kept in memory until
 * the sheet ends, 16 bytes a range; also FAST_ERROR_NOMEM (sticky).
 */
FAST_API fast_status fast_workbook_set_row_outline(fast_workbook *wb, uint32_t level, int hidden, int collapsed);
FAST_API fast_status fast_workbook_set_column_outline(fast_workbook *wb, uint32_t first_col, uint32_t last_col,
                                                      uint32_t level, int hidden, int collapsed);

/*
 * fast_workbook_ignore_errors() - turn off Excel's error checks @kinds (the
 * green triangle in a cell's corner, and its warning) over the range
 * (@first_row, @first_col)..(@last_row, @last_col) of the current worksheet
 * (0-based, inclusive; @last_row FAST_LAST_ROW: to the last row written to the
 * sheet) (ECMA-376 Part 1 §18.3.1.51 ignoredErrors, §18.3.1.52 ignoredError).
 * @kinds is one or more FAST_IGNORE_* or-ed: FAST_IGNORE_NUMBER_STORED_AS_TEXT
 * (text that looks like a number, such as the ZIP code "00501": the usual
 * one), FAST_IGNORE_EVAL_ERROR (a formula that gives an error),
 * FAST_IGNORE_TWO_DIGIT_TEXT_YEAR (a date as text with a two-digit year),
 * FAST_IGNORE_FORMULA (a formula unlike its neighbours'),
 * FAST_IGNORE_FORMULA_RANGE (a formula that leaves out adjacent cells),
 * FAST_IGNORE_UNLOCKED_FORMULA (a formula in an unlocked cell),
 * FAST_IGNORE_EMPTY_CELL_REFERENCE (a formula referring to empty cells),
 * FAST_IGNORE_LIST_DATA_VALIDATION (a value not in its validation list),
 * FAST_IGNORE_CALCULATED_COLUMN (a cell unlike its table's calculated column).
 * Readers show the cells as they are; only the checks are silenced. Any time
 * before the sheet ends; ranges may overlap. Kept in memory until the sheet
 * ends, 24 bytes each. Ranges that end at FAST_LAST_ROW carry over to each
 * continuation sheet (fast_workbook_set_rows_per_sheet()).
 * Returns FAST_OK; non-sticky (nothing added, the message names the sheet and
 * the cause): FAST_ERROR_INVALID_ARGUMENT (range out of bounds or reversed, no
 * kind or an unknown bit), FAST_ERROR_STATE (no worksheet), FAST_ERROR_CLOSED;
 * sticky: FAST_ERROR_NOMEM; or the sticky error of an earlier failure.
 * FAST_ERROR_INVALID_ARGUMENT for a NULL @wb. Not thread-safe (one thread per
 * workbook). Since 0.3.
 */
#define FAST_IGNORE_EVAL_ERROR (1u << 0)
#define FAST_IGNORE_TWO_DIGIT_TEXT_YEAR (1u << 1)
#define FAST_IGNORE_NUMBER_STORED_AS_TEXT (1u << 2)
#define FAST_IGNORE_FORMULA (1u << 3)
#define FAST_IGNORE_FORMULA_RANGE (1u << 4)
#define FAST_IGNORE_UNLOCKED_FORMULA (1u << 5)
#define FAST_IGNORE_EMPTY_CELL_REFERENCE (1u << 6)
#define FAST_IGNORE_LIST_DATA_VALIDATION (1u << 7)
#define FAST_IGNORE_CALCULATED_COLUMN (1u << 8)
FAST_API fast_status fast_workbook_ignore_errors(fast_workbook *wb, uint32_t first_row, uint32_t first_col,
                                                 uint32_t last_row, uint32_t last_col, unsigned int kinds);

/* ---------------------------------------------------------------------------
 * Defined names and protection (§18.2.5-6 definedName, §18.3.1.85 sheetProtection, §18.2.29 workbookProtection).
 * ------------------------------------------------------------------------- */

/* The scope of a defined name visible in the whole workbook. Since 0.3. */
#define FAST_SCOPE_WORKBOOK (-1)

/*
 * fast_workbook_define_name() - define a name (ECMA-376 Part 1 §18.2.5
 * definedName) for a formula, such as a range that formulas, data validations
 * and Excel's Name Box can use.
 * @name (@name_len bytes of UTF-8, copied): Excel's name rules: 1..255
 * characters, a letter, '_' or '\' first, then letters, digits, '_', '.' and
 * '\'; not a cell reference (A1 or R1C1 form); names beginning with "_xlnm."
 * are Excel's built-in names, which the library writes itself (print area,
 * print titles, autofilter) and are refused. Unique in its scope, compared
 * case-insensitively (Unicode simple case folding); names of workbook scope
 * share the namespace with table names (fast_sheet_add_table()).
 * @scope_sheet: FAST_SCOPE_WORKBOOK (-1) for a name of the whole workbook, or
 * the 0-based index of a sheet already added (in the order sheets were added,
 * continuation sheets included) for a name of that sheet only (localSheetId).
 * @formula (@formula_len bytes of UTF-8, copied): the formula as the file
 * holds it, without the leading '=' (one is dropped if given), sheet names
 * quoted where needed: "Sales!$A$1:$F$20", "'My sheet'!$B$2", "0.05". At most
 * FAST_MAX_FORMULA_CHARS characters; not parsed: a formula Excel cannot read
 * makes it repair the file.
 * The names are written in xl/workbook.xml's definedNames when the workbook
 * closes, sorted by name. Any time before fast_workbook_close(). Not
 * thread-safe (one thread per workbook).
 * Returns FAST_OK; non-sticky (nothing changed, the message names the name and
 * the cause): FAST_ERROR_NAME (a rule broken, an "_xlnm." name, or the name
 * already used in its scope by a defined name or a table),
 * FAST_ERROR_INVALID_UTF8 (name or formula), FAST_ERROR_INVALID_ARGUMENT
 * (NULL with a length, a scope that is not a sheet added, an empty formula,
 * one too long or with a character XML cannot hold), FAST_ERROR_CLOSED,
 * FAST_ERROR_NOMEM; or the sticky error of an earlier failure. Since 0.3.
 */
FAST_API fast_status fast_workbook_define_name(fast_workbook *wb, const char *name, size_t name_len, int scope_sheet,
                                               const char *formula, size_t formula_len);

/*
 * fast_workbook_protect_sheet() - protect the current worksheet (§18.3.1.85
 * sheetProtection): Excel then refuses to change its locked cells (every cell,
 * unless its format unlocks it) and, unless allowed, the actions below.
 * @allow: 0 (what Excel's Protect Sheet dialog starts with: selecting cells
 * allowed, everything else locked), or FAST_PROTECT_* or-ed:
 * FAST_PROTECT_ALLOW_FORMAT_CELLS, _FORMAT_COLUMNS, _FORMAT_ROWS,
 * _INSERT_COLUMNS, _INSERT_ROWS, _INSERT_HYPERLINKS, _DELETE_COLUMNS,
 * _DELETE_ROWS, _SORT, _AUTOFILTER, _PIVOT_TABLES, _EDIT_OBJECTS,
 * _EDIT_SCENARIOS allow those; FAST_PROTECT_NO_SELECT_LOCKED and
 * FAST_PROTECT_NO_SELECT_UNLOCKED forbid selecting locked or unlocked cells.
 * @password (@len bytes, NULL/0 for none): 1..FAST_MAX_PASSWORD_CHARS
 * printable ASCII characters, stored as the legacy 16-bit hash Excel accepts
 * (ECMA-376 Part 4 §3.2.12 sheetProtection password; the same every run, so
 * the output depends only on the input). Not secret and not security: the
 * hash is reversed at once and the cells are in the file in clear; it is a
 * lock against accidental edits. The password is not kept. Any time before the
 * sheet ends; a second call replaces the first; continuation sheets inherit
 * it. Returns FAST_OK; non-sticky: FAST_ERROR_INVALID_ARGUMENT (password too
 * long, not printable ASCII, NULL with a length; unknown bits),
 * FAST_ERROR_STATE (no worksheet), FAST_ERROR_CLOSED; or the sticky error of an
 * earlier failure; FAST_ERROR_INVALID_ARGUMENT for a NULL @wb. Not thread-safe
 * (one thread per workbook). Since 0.3.
 */
#define FAST_PROTECT_ALLOW_FORMAT_CELLS (1u << 0)
#define FAST_PROTECT_ALLOW_FORMAT_COLUMNS (1u << 1)
#define FAST_PROTECT_ALLOW_FORMAT_ROWS (1u << 2)
#define FAST_PROTECT_ALLOW_INSERT_COLUMNS (1u << 3)
#define FAST_PROTECT_ALLOW_INSERT_ROWS (1u << 4)
#define FAST_PROTECT_ALLOW_INSERT_HYPERLINKS (1u << 5)
#define FAST_PROTECT_ALLOW_DELETE_COLUMNS (1u << 6)
#define FAST_PROTECT_ALLOW_DELETE_ROWS (1u << 7)
#define FAST_PROTECT_ALLOW_SORT (1u << 8)
#define FAST_PROTECT_ALLOW_AUTOFILTER (1u << 9)
#define FAST_PROTECT_ALLOW_PIVOT_TABLES (1u << 10)
#define FAST_PROTECT_ALLOW_EDIT_OBJECTS (1u << 11)
#define FAST_PROTECT_ALLOW_EDIT_SCENARIOS (1u << 12)
#define FAST_PROTECT_NO_SELECT_LOCKED (1u << 13)
#define FAST_PROTECT_NO_SELECT_UNLOCKED (1u << 14)
#define FAST_PROTECT_NEXT (1u << 15) /* one past the last bit */
#define FAST_MAX_PASSWORD_CHARS 255
FAST_API fast_status fast_workbook_protect_sheet(fast_workbook *wb, const char *password, size_t len, unsigned int allow);

/*
 * fast_workbook_protect_structure() - lock the workbook's structure (§18.2.29
 * workbookProtection lockStructure): Excel then refuses to add, delete,
 * rename, move, hide or show sheets. @password as for
 * fast_workbook_protect_sheet() (the legacy hash in workbookPassword; a lock
 * against accidents, not security). Any time before close. Returns FAST_OK;
 * non-sticky: FAST_ERROR_INVALID_ARGUMENT, FAST_ERROR_CLOSED; or the sticky
 * error of an earlier failure. Since 0.3.
 */
FAST_API fast_status fast_workbook_protect_structure(fast_workbook *wb, const char *password, size_t len);

/* ---------------------------------------------------------------------------
 * Notes (legacy comments, ECMA-376 Part 1 §18.7, shown through VML, Part 4 §19).
 * ------------------------------------------------------------------------- */

/*
 * A note (what Excel calls a note, formerly a comment) is a box of text tied to
 * one cell, shown when the mouse is over the cell, or always when visible. The
 * notes of a sheet are written when it ends as two parts: the comments part
 * (xl/commentsN.xml, §18.7.3) with the text and the authors, each author listed
 * once, and the VML drawing Excel needs to show them (xl/drawings/vmlDrawingN.vml,
 * referenced by the sheet's <legacyDrawing>, §18.3.1.51), N counting the sheets
 * with notes. Each VML part takes its own blocks of 1,024 shape ids
 * (o:idmap), unique in the workbook, as Excel requires.
 *
 * Memory: notes wait for the end of their sheet compressed (a deflate stream of
 * their own, about 7 to 40 bytes a short note), staged uncompressed up to
 * 64 KiB before each compression step, with the distinct authors and, once a
 * note comes out of (row, column) order, a set of the cells that have notes
 * for the duplicate check (16 bytes a note; notes added in order need none),
 * all under the notes memory limit (fast_workbook_set_notes_memory_limit(),
 * default FAST_DEFAULT_NOTES_MEMORY); plus the compressor's state (about
 * 256 KiB) while the current sheet has notes. When the sheet ends, its notes
 * are read back twice (comments part, VML) through a 192 KiB buffer.
 */

#define FAST_MAX_NOTE_CHARS 32767u                   /* characters of a note's text (Excel's cell text limit) */
#define FAST_MAX_NOTE_AUTHOR_CHARS 255u              /* characters of an author's name */
#define FAST_DEFAULT_NOTE_WIDTH 128u                 /* pixels at 96 dpi: Excel's box, 2 default columns */
#define FAST_DEFAULT_NOTE_HEIGHT 74u                 /* pixels: Excel's box, about 4 default rows */
#define FAST_DEFAULT_NOTES_MEMORY (16u * 1024 * 1024) /* bytes */

/*
 * fast_workbook_add_note() - put a note on cell (@row, @col) (0-based) of the
 * current sheet: @text_len bytes of UTF-8 @text (1..FAST_MAX_NOTE_CHARS
 * characters; tab, LF and CR are kept, other control characters are written as
 * _xHHHH_ like cell text), by @author_len bytes of UTF-8 @author (NULL with 0:
 * no author, written as the empty author; at most FAST_MAX_NOTE_AUTHOR_CHARS
 * characters, no control characters). @visible: shown all the time, not only
 * when the mouse is over the cell. @width x @height: the box in pixels at
 * 96 dpi (1..4096 each; 0 for either: Excel's default of FAST_DEFAULT_NOTE_WIDTH x
 * FAST_DEFAULT_NOTE_HEIGHT), placed as Excel places it: one column right of the
 * cell plus 15 pixels, one row up plus 10 pixels (2 pixels into row 1 for a note
 * on the first row), measured over the sheet's column widths as written
 * (fast_workbook_set_column_width(), fitted widths, columns hidden by an
 * outline; 64 pixels for the others) and rows of the sheet's default height
 * (fast_workbook_set_default_row_height(); 20 pixels unless set). A row's own
 * height (fast_cells_set_row_height()) is not known once the row has streamed:
 * a box over such rows keeps its cell-based anchor, and so its pixel size
 * changes by the difference. The text is written in Excel's
 * note font (Tahoma 8 pt), the author is not repeated in the text.
 *
 * The row is one of the current sheet, whether written yet or not (below the
 * sheet's row limit: FAST_MAX_ROWS or fast_workbook_set_rows_per_sheet()); a
 * continuation sheet starts with no notes, and notes stay with the sheet they
 * were added to. Any time before the sheet ends. A second note on the same cell
 * is refused (FAST_ERROR_INVALID_ARGUMENT): notes are held compressed and
 * cannot be replaced. Text and author are copied (compressed) before the call
 * returns. Not thread-safe (as every call on one workbook).
 *
 * Returns FAST_OK; non-sticky, nothing added, the message naming the sheet and
 * the cell: FAST_ERROR_INVALID_ARGUMENT (cell out of range, empty text, NULL
 * with a non-zero length, a box size out of range, a control character in the
 * author, a second note on the cell), FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_STRING_TOO_LONG, FAST_ERROR_MEMORY_LIMIT (the sheet's held notes,
 * or the duplicate check a first note out of order needs, would pass the notes
 * memory limit; later notes that fit are still taken),
 * FAST_ERROR_STATE (no worksheet), FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM,
 * FAST_ERROR_COMPRESSION; or the sticky error of an earlier failure.
 * FAST_ERROR_INVALID_ARGUMENT for a NULL @wb. Source: ECMA-376 Part 1 §18.7.3
 * comment, §18.7.2 author; the VML form of Excel's own files ([MS-OI29500] §2.1.1726).
 * Since 0.3.
 */
FAST_API fast_status fast_workbook_add_note(fast_workbook *wb, uint32_t row, uint32_t col, const char *text,
                                            size_t text_len, const char *author, size_t author_len, int visible,
                                            uint32_t width, uint32_t height);

/*
 * fast_workbook_set_notes_memory_limit() - the most bytes the notes of one
 * sheet may hold while they wait for its end (compressed notes, staged notes
 * counted uncompressed, the duplicate check's set of cells once notes come out
 * of order, the distinct authors' names), at least 65536; default
 * FAST_DEFAULT_NOTES_MEMORY.
 * A note that would pass it is refused by fast_workbook_add_note() with
 * FAST_ERROR_MEMORY_LIMIT. Any time; applies to notes added from then on.
 * Returns FAST_OK; non-sticky: FAST_ERROR_INVALID_ARGUMENT (below the minimum),
 * FAST_ERROR_CLOSED; or the sticky error of an earlier failure. Since 0.3.
 */
FAST_API fast_status fast_workbook_set_notes_memory_limit(fast_workbook *wb, size_t bytes);

/* ---------------------------------------------------------------------------
 * Images (SpreadsheetML drawing, ECMA-376 Part 1 §20.5; DrawingML pictures §20.1, §20.2).
 * ------------------------------------------------------------------------- */

/*
 * Images are placed on the current sheet with a one-cell anchor (§20.5.2.24
 * oneCellAnchor): a top-left cell, an offset from it in pixels, and an extent
 * (the displayed size) in EMU, so no row height or column width is needed and
 * rows not yet written do not matter. The image's type comes from its first
 * bytes (its magic number), never from a file name: PNG (IHDR, pHYs), JPEG
 * (SOF0..SOF15, JFIF density or EXIF XResolution/YResolution), GIF (logical
 * screen) and BMP (BITMAPINFOHEADER or BITMAPCOREHEADER, pixels per metre).
 * Width and height in pixels and the resolution in dots per inch come from the
 * image's own header, 96 dpi when it gives none (pixels per metre, as PNG and
 * BMP give it, rounded to whole dots per inch: 3780 is 96 dpi). The displayed size is
 *   width_px * scale_x * 96 / dpi_x  pixels (and the same for the height),
 * each pixel 9525 EMU (ECMA-376 Part 1 §20.1.2.1: 914400 EMU per inch at 96 px).
 *
 * The bytes are stored in the package as xl/media/imageN.png (.jpeg, .gif,
 * .bmp), uncompressed (ZIP method 0: they are compressed already), each
 * distinct image once per workbook: a second image with the same bytes (any
 * sheet) refers to the first image's media part. The workbook keeps one copy of
 * each distinct image's bytes until fast_workbook_close(), so that later copies
 * are recognised byte for byte; their total is capped by
 * fast_workbook_set_image_memory_limit(). Media parts are written when the
 * sheet that first uses them ends (a worksheet's ZIP entry is open while its
 * rows stream, so no other part can be written before then), followed by the
 * sheet's drawing part (xl/drawings/drawingN.xml) and its relationships.
 *
 * The handle a fast_workbook_add_image*() call gives belongs to the workbook
 * and lives until fast_workbook_free(); its setters may be called until the
 * sheet it is on ends (then FAST_ERROR_TOO_LATE). Not thread-safe: one thread
 * per workbook, as for every call. Since 0.3.
 */
typedef struct fast_image fast_image;

/* Default of fast_workbook_set_image_memory_limit(): 64 MiB. */
#define FAST_IMAGE_MEMORY_DEFAULT ((size_t)64 << 20)

/*
 * fast_workbook_set_image_memory_limit() - cap the bytes of distinct images
 * the workbook holds (see above) at @bytes (0: no image may be added). An
 * image whose bytes would take the total past the cap is refused with
 * FAST_ERROR_MEMORY_LIMIT (non-sticky); a copy of an image already held costs
 * nothing. Default FAST_IMAGE_MEMORY_DEFAULT. Any time before close; images
 * already held stay. Returns FAST_OK; FAST_ERROR_INVALID_ARGUMENT for a NULL
 * @wb; FAST_ERROR_CLOSED (non-sticky); or the sticky error of an earlier
 * failure. Since 0.3.
 */
FAST_API fast_status fast_workbook_set_image_memory_limit(fast_workbook *wb, size_t bytes);

/*
 * fast_workbook_add_image() - place the image in @data (@len bytes: a whole
 * PNG, JPEG, GIF or BMP file, copied unless an identical image is already held)
 * on the current sheet with its top-left corner at cell (@row, @col) (0-based),
 * at its natural size (see above). Any time while the sheet is current, before
 * or after the rows around the cell are written. If @image is not NULL, *@image
 * receives a handle for the setters below (owned by the workbook).
 *
 * Returns FAST_OK. Non-sticky (nothing is added): FAST_ERROR_INVALID_ARGUMENT
 * (NULL @data, a cell out of range, bytes that are not one of the four types,
 * or a header that is cut short or malformed: the message names the type, the
 * field and the byte offset), FAST_ERROR_STATE (no worksheet),
 * FAST_ERROR_MEMORY_LIMIT (see fast_workbook_set_image_memory_limit()),
 * FAST_ERROR_CLOSED. Sticky: FAST_ERROR_NOMEM; or the sticky error of an
 * earlier failure. Since 0.3.
 */
FAST_API fast_status fast_workbook_add_image(fast_workbook *wb, uint32_t row, uint32_t col, const void *data,
                                             size_t len, fast_image **image);

/*
 * fast_workbook_add_image_file() - as fast_workbook_add_image() with the bytes
 * of the file at @path (a NUL-terminated path, opened read-only and closed
 * before the call returns). In addition: FAST_ERROR_IO (non-sticky) when the
 * file cannot be opened or read, with the path and errno in the message;
 * FAST_ERROR_MEMORY_LIMIT also for a file larger than both the cap and every
 * image already held, found after reading at most one byte past that size (a
 * copy of a held image is taken as from memory). Since 0.3.
 */
FAST_API fast_status fast_workbook_add_image_file(fast_workbook *wb, uint32_t row, uint32_t col, const char *path,
                                                  fast_image **image);

/*
 * fast_image_get_info() - the image's own width and height in pixels and its
 * horizontal and vertical resolution in dots per inch (96 when its header gives
 * none), from its header; any pointer may be NULL. Any time before
 * fast_workbook_free(). Returns FAST_OK, or FAST_ERROR_INVALID_ARGUMENT for a
 * NULL @image. Since 0.3.
 */
FAST_API fast_status fast_image_get_info(const fast_image *image, uint32_t *width, uint32_t *height, double *x_dpi,
                                         double *y_dpi);

/*
 * fast_image_set_offset() - move the image's top-left corner @x pixels right
 * and @y pixels down from its cell's top-left corner (each 0..100000; 9525 EMU
 * per pixel; §20.5.2.11 colOff/rowOff). Default 0, 0.
 *
 * fast_image_set_scale() - display the image at @x times its natural width and
 * @y times its natural height (each > 0 and at most 1000, finite); replaces an
 * earlier fast_image_set_size(). Default 1, 1.
 *
 * fast_image_set_size() - display the image @width by @height pixels at 96 dpi
 * (each 1..1000000), whatever its natural size; replaces an earlier
 * fast_image_set_scale().
 *
 * fast_image_set_description() - alternative text (@text, @len bytes of UTF-8,
 * at most 65535 characters, copied; a second call replaces the first, 0 bytes
 * removes it), written as the picture's descr (§20.1.2.2.8 cNvPr), which screen
 * readers speak. Characters XML cannot hold (C0 controls other than tab, LF
 * and CR, DEL, U+FFFE, U+FFFF) are refused.
 *
 * fast_image_set_url() - make the image a link to @url (an absolute URL,
 * UTF-8, @len bytes, at most 2079 characters, copied; 0 bytes removes it):
 * a:hlinkClick (§21.1.2.3.5) with an external relationship of the drawing part.
 * The same characters are refused as for fast_workbook_add_hyperlink().
 *
 * Each setter: any time until the image's sheet ends. Returns FAST_OK;
 * non-sticky (the image is as it was): FAST_ERROR_INVALID_ARGUMENT (a NULL
 * @image, a value out of range, NULL text with a length), FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_TOO_LATE (the sheet has ended), FAST_ERROR_CLOSED; sticky:
 * FAST_ERROR_NOMEM; or the sticky error of an earlier failure. Since 0.3.
 */
FAST_API fast_status fast_image_set_offset(fast_image *image, uint32_t x, uint32_t y);
FAST_API fast_status fast_image_set_scale(fast_image *image, double x, double y);
FAST_API fast_status fast_image_set_size(fast_image *image, uint32_t width, uint32_t height);
FAST_API fast_status fast_image_set_description(fast_image *image, const char *text, size_t len);
FAST_API fast_status fast_image_set_url(fast_image *image, const char *url, size_t len);

/* ---------------------------------------------------------------------------
 * Charts (DrawingML charts, ECMA-376 Part 1 §21.2).
 * ------------------------------------------------------------------------- */

/*
 * A chart is placed on the current sheet like an image (a one-cell anchor at a
 * cell, an extent in pixels), in the same drawing part, and written as
 * xl/charts/chartN.xml when the sheet ends, in the form Excel writes. Its
 * series take values (and categories) from a column of rows on any sheet added
 * so far: references such as 'Sales'!$F$4:$F$13 that a reader recalculates, and
 * a cache of the values (c:numCache, categories as c:strCache or c:numCache),
 * so that readers that do not calculate (LibreOffice, openpyxl, Apache POI...)
 * show the numbers: a series whose rows are on the chart's own sheet and not
 * yet written when it is added collects the values as they are written
 * (numbers, integers, booleans as 0/1, formulas' cached numbers; anything else
 * is a gap), at most FAST_CHART_MAX_POINTS per series (past it, the cache is
 * empty). Other series have their reference and an empty cache (the number of
 * points, none given). Handles are owned by the
 * workbook until fast_workbook_free(); setters may be called until the chart's
 * sheet ends (then FAST_ERROR_TOO_LATE). One thread per workbook. Since 0.3.
 */
typedef struct fast_chart fast_chart;

/* Chart types (§21.2.2: barChart barDir/grouping, lineChart, pieChart, doughnutChart, scatterChart, areaChart). */
enum {
    FAST_CHART_COLUMN = 1,      /* vertical bars, clustered */
    FAST_CHART_COLUMN_STACKED,  /* vertical bars, stacked */
    FAST_CHART_COLUMN_PERCENT,  /* vertical bars, stacked to 100% */
    FAST_CHART_BAR,             /* horizontal bars, clustered */
    FAST_CHART_BAR_STACKED,
    FAST_CHART_BAR_PERCENT,
    FAST_CHART_LINE,            /* lines without markers */
    FAST_CHART_LINE_MARKERS,    /* lines with markers */
    FAST_CHART_PIE,             /* the first series only is drawn */
    FAST_CHART_DOUGHNUT,
    FAST_CHART_SCATTER,         /* x from the categories column (numbers), y from the values; straight lines */
    FAST_CHART_AREA
};

/* Points a series' cache holds at most. */
#define FAST_CHART_MAX_POINTS 100000u
/* fast_chart_add_series() categories_col for a series without categories. */
#define FAST_CHART_NO_CATEGORIES UINT32_MAX

/*
 * fast_workbook_add_chart() - place a chart of @type (FAST_CHART_*) on the
 * current sheet with its top-left corner at cell (@row, @col) (0-based), 480 x
 * 288 pixels. *@chart (if not NULL) receives its handle. Any time while the
 * sheet is current. Returns FAST_OK; non-sticky: FAST_ERROR_INVALID_ARGUMENT
 * (cell out of range, unknown type), FAST_ERROR_STATE (no worksheet),
 * FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM; or the sticky error of an
 * earlier failure. Since 0.3.
 */
FAST_API fast_status fast_workbook_add_chart(fast_workbook *wb, uint32_t row, uint32_t col, int type,
                                             fast_chart **chart);

/*
 * fast_chart_add_series() - add a series with values from column @values_col,
 * rows @first_row..@last_row (0-based; @last_row FAST_LAST_ROW: the last row
 * written, resolved when the chart's sheet ends), of sheet @sheet (@sheet_len
 * bytes; NULL or 0 bytes: the chart's own sheet; compared case-insensitively;
 * a sheet added so far), and categories (x values for a scatter chart) from
 * column @categories_col of the same rows, or FAST_CHART_NO_CATEGORIES.
 * FAST_LAST_ROW on another sheet is allowed once that sheet has ended. Series
 * are numbered from 0 in the order added. Returns FAST_OK; non-sticky:
 * FAST_ERROR_INVALID_ARGUMENT (rows or columns out of range or reversed, no such
 * sheet, FAST_LAST_ROW on a sheet still to come), FAST_ERROR_TOO_LATE,
 * FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM. Since 0.3.
 */
FAST_API fast_status fast_chart_add_series(fast_chart *chart, const char *sheet, size_t sheet_len, uint32_t first_row,
                                           uint32_t last_row, uint32_t categories_col, uint32_t values_col);

/*
 * fast_chart_set_series_name() - the name of series @series (legend text;
 * UTF-8, @len bytes, 1..255 characters, copied; c:tx). fast_chart_set_series_color()
 * - its colour, 0xRRGGBB (a solid fill, or the line for line and scatter
 * charts). fast_chart_set_title() - the chart's title (1..255 characters,
 * copied; §21.2.2.210). fast_chart_set_size() - its extent, @width x @height
 * pixels (each 10..10000; 9525 EMU per pixel).
 *
 * Each: any time until the chart's sheet ends. Returns FAST_OK; non-sticky:
 * FAST_ERROR_INVALID_ARGUMENT (NULL @chart, no such series, empty text, a value
 * out of range, characters XML cannot hold), FAST_ERROR_INVALID_UTF8,
 * FAST_ERROR_TOO_LATE, FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM. Since 0.3.
 */
FAST_API fast_status fast_chart_set_series_name(fast_chart *chart, size_t series, const char *name, size_t len);
FAST_API fast_status fast_chart_set_series_color(fast_chart *chart, size_t series, uint32_t rgb);
FAST_API fast_status fast_chart_set_title(fast_chart *chart, const char *title, size_t len);
FAST_API fast_status fast_chart_set_size(fast_chart *chart, uint32_t width, uint32_t height);

/* Legend positions (§21.2.2.94 legendPos, ST_LegendPos §21.2.3.24). */
enum {
    FAST_CHART_LEGEND_RIGHT = 0, /* the default */
    FAST_CHART_LEGEND_LEFT,
    FAST_CHART_LEGEND_TOP,
    FAST_CHART_LEGEND_BOTTOM,
    FAST_CHART_LEGEND_TOP_RIGHT,
    FAST_CHART_LEGEND_NONE       /* no legend (no c:legend element) */
};

/*
 * fast_chart_set_legend() - where the chart's legend is drawn: @position, one
 * of FAST_CHART_LEGEND_* (right by default; NONE: no legend). Written as
 * c:legend/c:legendPos (ECMA-376 Part 1 §21.2.2.93), the legend not overlapping
 * the plot area. Any time until the chart's sheet ends; the last call wins.
 * Returns FAST_OK; non-sticky: FAST_ERROR_INVALID_ARGUMENT (NULL @chart, unknown
 * position), FAST_ERROR_TOO_LATE, FAST_ERROR_CLOSED; or the sticky error of an
 * earlier failure. One thread per workbook. Since 0.3.
 */
FAST_API fast_status fast_chart_set_legend(fast_chart *chart, int position);

/* Data label contents, bits for fast_chart_set_series_labels() (§21.2.2.49 dLbls). */
#define FAST_CHART_LABEL_VALUE 1u       /* the value (showVal) */
#define FAST_CHART_LABEL_CATEGORY 2u    /* the category name (showCatName) */
#define FAST_CHART_LABEL_SERIES_NAME 4u /* the series name (showSerName) */
#define FAST_CHART_LABEL_PERCENT 8u     /* the share of the whole, pie and doughnut only (showPercent) */

/*
 * fast_chart_set_series_labels() - label each point of series @series (0-based,
 * in the order added) with what @labels (FAST_CHART_LABEL_* bits ORed) names;
 * 0: no labels (the default). Written as the series' c:dLbls (ECMA-376 Part 1
 * §21.2.2.49), the legend key and bubble size not shown. Any time until the
 * chart's sheet ends; the last call wins. Returns FAST_OK; non-sticky:
 * FAST_ERROR_INVALID_ARGUMENT (NULL @chart, no such series, unknown bits,
 * FAST_CHART_LABEL_PERCENT on a chart other than pie or doughnut),
 * FAST_ERROR_TOO_LATE, FAST_ERROR_CLOSED; or the sticky error of an earlier
 * failure. One thread per workbook. Since 0.3.
 */
FAST_API fast_status fast_chart_set_series_labels(fast_chart *chart, size_t series, unsigned int labels);

/*
 * fast_chart_set_value_axis_number_format() - the number format of the value
 * axis' labels (the y axis of a scatter chart): an Excel format code such as
 * "#,##0.00" or "0%" (UTF-8, @len bytes, 1..255 characters, copied; not
 * checked further: Excel ignores a code it cannot read), written as
 * c:valAx/c:numFmt with sourceLinked="0" (ECMA-376 Part 1 §21.2.2.121); by
 * default the cells' format (General, or 0% on percent stacked charts).
 * fast_chart_set_series_labels_number_format() - the number format of series
 * @series' data labels (c:dLbls/c:numFmt), used once labels are set with
 * fast_chart_set_series_labels(); by default the cells' format.
 *
 * Each: any time until the chart's sheet ends; the last call wins. Returns
 * FAST_OK; non-sticky: FAST_ERROR_INVALID_ARGUMENT (NULL @chart, a pie or
 * doughnut chart for the axis (they have no axes), no such series, empty text,
 * more than 255 characters, characters XML cannot hold),
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_TOO_LATE, FAST_ERROR_CLOSED; sticky:
 * FAST_ERROR_NOMEM. One thread per workbook. Since 0.3.
 */
FAST_API fast_status fast_chart_set_value_axis_number_format(fast_chart *chart, const char *format, size_t len);
FAST_API fast_status fast_chart_set_series_labels_number_format(fast_chart *chart, size_t series, const char *format,
                                                               size_t len);

/* Axes, for fast_chart_set_axis_*() (pie and doughnut charts have none). */
enum {
    FAST_CHART_AXIS_CATEGORY = 0, /* the category axis (c:catAx); a scatter chart's x axis (its first c:valAx) */
    FAST_CHART_AXIS_VALUE         /* the value axis (c:valAx); a scatter chart's y axis */
};

/*
 * fast_chart_set_axis_title() - the title of axis @axis (FAST_CHART_AXIS_*):
 * UTF-8, @len bytes, 1..255 characters, copied; written as the axis' c:title
 * (ECMA-376 Part 1 §21.2.2.210) in rich text, turned to read upwards on a
 * vertical axis (the value axis, or the category axis of a bar chart). By
 * default an axis has no title.
 *
 * fast_chart_set_axis_range() - fix the scale of axis @axis to run from @min
 * to @max (in the axis' units: the values plotted, or a scatter chart's x
 * values), written as c:scaling's c:max and c:min (§21.2.2.108, §21.2.2.112);
 * by default the reader chooses both from the data. Both ends are given: a
 * range with one automatic end is not offered. For the value axis of every
 * chart with axes, and for the category axis of a scatter chart only (other
 * charts' category axes count categories and have no numeric scale).
 *
 * fast_chart_set_axis_gridlines() - @shown 1 draws major gridlines across the
 * plot area from axis @axis' major tick marks (c:majorGridlines), 0 leaves
 * them out. Excel's default, kept here: the value axis has them, the category
 * axis (a scatter chart's x axis) does not.
 *
 * Each: any time until the chart's sheet ends; the last call wins. Returns
 * FAST_OK; non-sticky (the chart is as it was): FAST_ERROR_INVALID_ARGUMENT
 * (NULL @chart, a pie or doughnut chart (they have no axes), an unknown @axis,
 * empty title, more than 255 characters, characters XML cannot hold, a range
 * on the category axis of a chart other than scatter, @min or @max NaN or
 * infinite, @min not below @max, @shown other than 0 or 1),
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_TOO_LATE (the chart's sheet has ended),
 * FAST_ERROR_CLOSED; sticky: FAST_ERROR_NOMEM; or the sticky error of an
 * earlier failure. One thread per workbook. Since 0.3.
 */
FAST_API fast_status fast_chart_set_axis_title(fast_chart *chart, int axis, const char *title, size_t len);
FAST_API fast_status fast_chart_set_axis_range(fast_chart *chart, int axis, double min, double max);
FAST_API fast_status fast_chart_set_axis_gridlines(fast_chart *chart, int axis, int shown);

/* ---------------------------------------------------------------------------
 * Rich text (shared strings with runs, ECMA-376 Part 1 §18.4.4 r, §18.4.7 rPr).
 * ------------------------------------------------------------------------- */

/*
 * A rich string is one cell's text made of runs, each with its own font: "Total
 * **12** items" with the number bold, a chemical formula with subscripts. It is
 * built on a handle the caller owns, independent of any workbook, and reused
 * for as many cells, rows and workbooks as wanted.
 *
 * How it is written: through the shared strings table (§18.4.8 si with r runs),
 * where Excel, LibreOffice, openpyxl, Apache POI and ExcelJS all read runs;
 * identical rich strings (the same runs: text and font) share one entry, and a
 * rich string never shares an entry with a plain text. When the table is full
 * (fast_workbook_set_shared_strings_limit(), or turned off), a rich string is written
 * inline in its cell (§18.3.1.53 is with the same r runs), which the schema
 * allows and those readers read too, exactly as a plain text falls back to
 * inline text.
 *
 * Fonts: a run's font is the font part of a fast_format (bold, italic,
 * underline style, strikeout, superscript/subscript, size, colour, theme
 * colour, name, family, scheme) as the format is when the run is appended: the
 * run keeps that snapshot, and changing the format later changes no run; its
 * fill, border, alignment and number format do not apply to a run. A run without
 * a format has no run properties and shows in the cell's own font. The cell's
 * format (fast_cells_set_format()) applies to the cell as for any text.
 * Since 0.3.
 */
typedef struct fast_rich_string fast_rich_string;

/*
 * fast_rich_string_new() - a new rich string with no runs, owned by the caller
 * (fast_rich_string_free()). NULL out of memory (errno ENOMEM).
 * Threads: a rich string may be used by one thread at a time; one that no
 * thread changes may be read by rows of several workbooks at once.
 */
FAST_API fast_rich_string *fast_rich_string_new(void);

/* fast_rich_string_free() - free @rs; NULL is accepted. No cell set from it may
 * be written afterwards (see fast_cells_set_rich_string()). */
FAST_API void fast_rich_string_free(fast_rich_string *rs);

/*
 * fast_rich_string_append() - add a run: @len bytes of UTF-8 @text (1 or more
 * bytes, copied) in the font of @font (a format of any workbook, read now; NULL:
 * the cell's font). Control characters are written as in text cells (_xHHHH_).
 * The runs of one rich string hold at most FAST_MAX_STRING_CHARS characters in
 * all. Appending moves the rich string's storage: cells set from it before
 * must be set again (fast_cells_set_rich_string()) before their row is written.
 * Returns FAST_OK; FAST_ERROR_INVALID_ARGUMENT (NULL @rs or @text, @len 0),
 * FAST_ERROR_INVALID_UTF8, FAST_ERROR_STRING_TOO_LONG (past the limit),
 * FAST_ERROR_NOMEM: after a failure the rich string is as it was.
 */
FAST_API fast_status fast_rich_string_append(fast_rich_string *rs, const fast_format *font, const char *text,
                                             size_t len);

/* fast_rich_string_runs() - the number of runs of @rs; 0 for NULL. */
FAST_API size_t fast_rich_string_runs(const fast_rich_string *rs);

/*
 * fast_cells_set_rich_string() - make cell @index hold rich string @rs.
 * Who owns what, as fast_cells_set_string(): the cell borrows @rs's runs as they
 * are now; @rs must not be freed or appended to until the last
 * fast_workbook_write_row() that uses this cell has returned (header rows are
 * copied when written). The SST entry is found or added when the row is
 * written, on the caller's thread, as for plain text.
 * fast_workbook_write_row_typed() and fast_workbook_write_row_packed() take rich
 * strings too (FAST_TYPE_RICH_STRING). A table's header cell must be plain text.
 * Returns FAST_OK, or FAST_ERROR_INVALID_ARGUMENT for a NULL array, @index out
 * of range, or a NULL @rs or one without runs.
 */
FAST_API fast_status fast_cells_set_rich_string(fast_cells *cells, size_t index, const fast_rich_string *rs);

/* ---------------------------------------------------------------------------
 * Document properties (docProps/core.xml, ECMA-376 Part 2 §11; docProps/app.xml,
 * Part 1 §22.2). Any time before close; text is UTF-8 without control
 * characters other than tab, LF and CR, DEL, U+FFFE or U+FFFF, which these
 * parts (plain xsd:string, no _xHHHH_ escapes) cannot hold
 * (FAST_ERROR_INVALID_ARGUMENT with the character and its byte), copied; a
 * second call replaces the first. Returns FAST_OK; non-sticky (the property is
 * as it was): FAST_ERROR_INVALID_UTF8, FAST_ERROR_INVALID_ARGUMENT (also an
 * unknown @property or a time out of range), FAST_ERROR_CLOSED; sticky:
 * FAST_ERROR_NOMEM; or the sticky error of an earlier failure.
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
 * Non-sticky failures of earlier calls do not matter here: what they refused was
 * never written. One refusal of its own is non-sticky and leaves the workbook
 * open: FAST_ERROR_TABLE while a table of the current sheet has no header row
 * yet (since 0.3; fast_workbook_add_worksheet() refuses likewise). Returns FAST_OK; the sticky error of an earlier failure, or a
 * failure of its own (an output error, FAST_ERROR_NOMEM), after which the output
 * is discarded (the temporary file is removed) and the status is sticky; or
 * FAST_ERROR_INVALID_ARGUMENT for a NULL workbook. Every status but one means
 * that the destination of fast_workbook_new() holds what it held before:
 * FAST_ERROR_NOT_DURABLE means that the complete workbook was written, synced
 * and renamed into place, but syncing the directory afterwards failed (the
 * message gives the errno), so the new name may not survive a crash or power
 * loss; the file is there and complete, and the status stays the workbook's.
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
 * fast_workbook_status() - the workbook's sticky status: FAST_OK unless a sticky
 * failure happened (non-sticky failures leave it FAST_OK). FAST_ERROR_INVALID_ARGUMENT
 * for NULL.
 */
FAST_API fast_status fast_workbook_status(const fast_workbook *wb);

/*
 * fast_workbook_error_message() - what went wrong, with its place: the message
 * of the last failure, sticky or not (after a sticky failure, that failure's; a
 * successful call does not clear it). A NUL-terminated string owned by the
 * workbook, valid until the next call on it or fast_workbook_free(). "" while
 * nothing has failed. For NULL: why the calling thread's last
 * fast_workbook_new() returned NULL ("fast_workbook_new: ..."; kept per
 * thread until its next fast_workbook_new(), since 0.3), or a static text when
 * it did not fail. At most 319 bytes: a longer message is cut, on a character
 * boundary (it stays UTF-8).
 */
FAST_API const char *fast_workbook_error_message(const fast_workbook *wb);

/*
 * fast_workbook_bytes_written() - how many bytes of the package the destination
 * has been given so far: the size of the output up to now, for progress reports.
 * Bytes still in the library's buffers (XML not yet compressed, compressed bytes
 * not yet handed on) are not counted; after a successful fast_workbook_close()
 * it is the size of the whole .xlsx file. 0 for NULL. Call it from the thread
 * that uses the workbook (with fast_workbook_set_threads() too: the output is
 * always written by that thread).
 */
FAST_API uint64_t fast_workbook_bytes_written(const fast_workbook *wb);

/*
 * fast_workbook_abandon() - give the workbook up: for a producer that fails
 * half-way through its data (a query that fails after some of its rows were
 * written, a cancelled export), so that what was written can never be committed
 * as if it were complete.
 *
 * @reason, @len: why, UTF-8 (@len bytes, copied into the message; may be NULL
 * when @len is 0). The workbook gets the sticky status FAST_ERROR_ABANDONED with
 * the message "abandoned: REASON" (an earlier sticky error is kept instead);
 * fast_workbook_close() then discards the output as after any sticky failure:
 * for fast_workbook_new() the destination keeps what it held. NULL @wb is
 * ignored. Returns the workbook's sticky status afterwards (FAST_ERROR_ABANDONED,
 * or the earlier sticky error), or FAST_ERROR_INVALID_ARGUMENT for NULL. After a
 * successful fast_workbook_close() the output is committed and nothing can be
 * given up: it returns FAST_ERROR_CLOSED, not sticky (fast_workbook_status()
 * stays FAST_OK; the message says nothing was abandoned). Since 0.3 (0.2 turned
 * the status of a committed workbook into FAST_ERROR_ABANDONED).
 */
FAST_API fast_status fast_workbook_abandon(fast_workbook *wb, const char *reason, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FASTXLSX_H */
