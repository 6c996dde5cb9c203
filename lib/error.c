/*
 * error.c - status texts, the error record (sticky and non-sticky failures),
 * and the version.
 */
#include "internal.h"

#include <stdio.h>

void fx_message_set(char *msg, const char *text, size_t len)
{
    len = fx_utf8_prefix(text, len, FX_MESSAGE_MAX - 1);
    memcpy(msg, text, len);
    msg[len] = 0;
}

/* Formatted with one byte more than the message keeps, to see where the
 * character at the cut begins. */
static void format_message(fx_error *err, const char *fmt, va_list ap)
{
    char text[FX_MESSAGE_MAX + 1];
    int n = vsnprintf(text, sizeof text, fmt, ap);
    fx_message_set(err->message, text, n < 0 ? 0 : strlen(text));
}

fast_status fx_fail(fx_error *err, fast_status status, const char *fmt, ...)
{
    if (err->status != FAST_OK)
        return err->status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    format_message(err, fmt, ap);
    va_end(ap);
    return status;
}

fast_status fx_reject(fx_error *err, fast_status status, const char *fmt, ...)
{
    if (err->status != FAST_OK)
        return err->status;
    va_list ap;
    va_start(ap, fmt);
    format_message(err, fmt, ap);
    va_end(ap);
    return status;
}

fast_status fx_stick(fx_error *err, fast_status status)
{
    if (err->status == FAST_OK && status != FAST_OK)
        err->status = status;
    return err->status;
}

FAST_API const char *fast_strerror(int status)
{
    switch (status) {
    case FAST_OK: return "success";
    case FAST_ERROR_NOMEM: return "out of memory";
    case FAST_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case FAST_ERROR_STATE: return "call not allowed at this point";
    case FAST_ERROR_CLOSED: return "workbook already closed";
    case FAST_ERROR_IO: return "input/output error";
    case FAST_ERROR_CALLBACK: return "write callback failed";
    case FAST_ERROR_COMPRESSION: return "compression failed";
    case FAST_ERROR_SHEET_NAME: return "invalid worksheet name";
    case FAST_ERROR_DUPLICATE_SHEET_NAME: return "duplicate worksheet name";
    case FAST_ERROR_ROW_LIMIT: return "too many rows in worksheet";
    case FAST_ERROR_COLUMN_LIMIT: return "too many columns in row";
    case FAST_ERROR_STRING_TOO_LONG: return "text longer than 32767 characters";
    case FAST_ERROR_INVALID_UTF8: return "invalid UTF-8";
    case FAST_ERROR_NONFINITE_NUMBER: return "number is NaN or infinite";
    case FAST_ERROR_THREAD: return "cannot start a worker thread";
    case FAST_ERROR_INVALID_DATE: return "invalid date or time";
    case FAST_ERROR_FORMAT_LIMIT: return "too many distinct cell formats";
    case FAST_ERROR_HYPERLINK_LIMIT: return "too many hyperlinks in worksheet";
    case FAST_ERROR_TOO_LATE: return "sheet setting given after the sheet's first row";
    case FAST_ERROR_NOT_DURABLE:
        return "written and renamed, but the directory sync failed: may not survive a power loss";
    case FAST_ERROR_MEMORY_LIMIT: return "rows kept in memory would exceed their limit";
    case FAST_ERROR_ABANDONED: return "workbook abandoned by the caller";
    case FAST_ERROR_CELL_TYPE: return "unknown cell type, or its value array is NULL";
    case FAST_ERROR_NAME: return "name breaks Excel's name rules or is already used";
    case FAST_ERROR_TABLE: return "table range, header or cell refused";
    }
    return "unknown status";
}

FAST_API const char *fast_version_string(void)
{
    return FASTXLSX_VERSION_STRING;
}

FAST_API unsigned int fast_version_number(void)
{
    return FASTXLSX_VERSION_NUMBER;
}
