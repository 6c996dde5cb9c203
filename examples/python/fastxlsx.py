"""fastxlsx for Python: a streaming XLSX writer, through ctypes.

One file, no compile step: copy it next to your code. It needs libfastxlsx 0.2 or
later (libfastxlsx.so.0), found in this order:

  1. the path in the environment variable FASTXLSX_LIBRARY;
  2. libfastxlsx.so.0 or libfastxlsx.so next to this module;
  3. the loader's usual search (ldconfig cache, LD_LIBRARY_PATH).

    import datetime, fastxlsx

    with fastxlsx.Workbook("report.xlsx") as wb:
        ws = wb.add_worksheet("Sales")
        money = wb.add_format(num_format="#,##0.00", bold=False)
        ws.set_column_format(2, 2, money)
        ws.freeze_panes(1, 0)
        ws.write_row(["day", "item", "amount", "paid"], formats=[wb.add_format(bold=True)] * 4)
        ws.write_rows([
            [datetime.date(2024, 5, 1), "apples", 12.5, True],
            [datetime.date(2024, 5, 2), "pears", None, False],
        ])

The workbook is a context manager: leaving the block normally closes it (the
file appears complete, atomically); leaving it with an exception discards the
output (an existing file is left as it was).

Values of write_row(): str, int (64-bit), float, bool, None (blank),
datetime.date, naive datetime.datetime (to the millisecond, rounded; aware ones
are refused: convert them first, e.g. dt.astimezone(tz).replace(tzinfo=None)),
and decimal.Decimal (exact as an integer when it is one and fits 64 bits,
otherwise the nearest double, like every number Excel holds). Each row is one
call into the library (fast_workbook_write_row_packed: the row's text in one buffer).

Numbers: an int is written with all its digits, but Excel (and most readers)
hold every number as a double, so an integer beyond 2**53 (9,007,199,254,740,992)
is rounded when the file is read; write it as str to keep every digit. A float
NaN (pandas' missing number) or infinity is refused, since a cell cannot hold
it: write None for a blank cell, or give Workbook(..., nan="blank") to write
every NaN (float, numpy float or Decimal) as a blank cell; infinities are
refused either way.

Output: a path (str or os.PathLike), an open binary file, or any object with a
write(bytes) method (io.BytesIO, a socket's makefile("wb"), ...). The library
calls write() on the calling thread, also with threads=2.

Errors raise FastxlsxError with .status (the library's fast_status, a negative
int) and .message (what went wrong and where, naming this module's calls, e.g.
"set_column_width(): sheet 'S' already has rows", where the library names its
C functions). Values this module rejects
before calling the library (an int outside 64 bits, an aware datetime, an
unsupported type) raise FastxlsxError with FAST_ERROR_INVALID_ARGUMENT and
leave the workbook usable.
"""

import ctypes
import ctypes.util
from array import array as _array
import datetime as _dt
import decimal as _decimal
import io as _io
import os
import re

__all__ = ["Workbook", "Worksheet", "Format", "FastxlsxError", "library_version"]

# fast_status values (include/fastxlsx.h).
FAST_OK = 0
FAST_ERROR_NOMEM = -1
FAST_ERROR_INVALID_ARGUMENT = -2
FAST_ERROR_STATE = -3
FAST_ERROR_CLOSED = -4
FAST_ERROR_IO = -5
FAST_ERROR_CALLBACK = -6
FAST_ERROR_NONFINITE_NUMBER = -14

# Cell types of fast_workbook_write_row_typed().
_BLANK, _STRING, _NUMBER, _INTEGER, _BOOLEAN, _DATE, _DATETIME, _FORMULA = range(8)

_INT64_MIN = -(2 ** 63)
_INT64_MAX = 2 ** 63 - 1
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_MS_PER_DAY = 86400000

_ALIGN = {"general": 0, "left": 1, "center": 2, "right": 3, "fill": 4, "justify": 5}
_VALIGN = {"bottom": 0, "top": 1, "center": 2, "justify": 3}
_PROPERTIES = {"title": 0, "subject": 1, "author": 2, "company": 3}


class FastxlsxError(Exception):
    """A failure of the library or of a value given to it: .status, .message."""

    def __init__(self, status, message):
        super().__init__("%s (status %d)" % (message, status))
        self.status = status
        self.message = message


# ---- loading the library --------------------------------------------------------

def _candidates():
    env = os.environ.get("FASTXLSX_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ("libfastxlsx.so.0", "libfastxlsx.so"):
        path = os.path.join(here, name)
        if os.path.exists(path):
            yield path
    found = ctypes.util.find_library("fastxlsx")
    if found:
        yield found
    yield "libfastxlsx.so.0"


def _load():
    errors = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path, use_errno=True)
        except OSError as e:
            errors.append("%s: %s" % (path, e))
            continue
        if not hasattr(lib, "fast_workbook_write_row_packed"):
            errors.append("%s: older than fastxlsx 0.2" % path)
            continue
        return lib
    raise ImportError("cannot load libfastxlsx (set FASTXLSX_LIBRARY to its path): " + "; ".join(errors))


_lib = _load()

_c_status = ctypes.c_int
_vp = ctypes.c_void_p
_sz = ctypes.c_size_t
_u32 = ctypes.c_uint32
_WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)


def _proto(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = argtypes
    return f


_strerror = _proto("fast_strerror", ctypes.c_char_p, ctypes.c_int)
_version_string = _proto("fast_version_string", ctypes.c_char_p)
_new = _proto("fast_workbook_new", _vp, ctypes.c_char_p)
_new_callback = _proto("fast_workbook_new_callback", _vp, _WRITE_FN, _vp)
_close = _proto("fast_workbook_close", _c_status, _vp)
_free = _proto("fast_workbook_free", None, _vp)
_status = _proto("fast_workbook_status", _c_status, _vp)
_message = _proto("fast_workbook_error_message", ctypes.c_char_p, _vp)
_add_worksheet = _proto("fast_workbook_add_worksheet", _c_status, _vp, ctypes.c_char_p, _sz)
_write_row_typed = _proto("fast_workbook_write_row_typed", _c_status, _vp, _vp, _vp, _vp, _vp, _vp, _vp, _sz)
_write_row_packed = _proto("fast_workbook_write_row_packed", _c_status, _vp, _vp, _vp, _vp, _vp, _sz, _vp, _sz)
_add_format = _proto("fast_workbook_add_format", _vp, _vp)
_set_threads = _proto("fast_workbook_set_threads", _c_status, _vp, ctypes.c_uint)
_set_level = _proto("fast_workbook_set_compression_level", _c_status, _vp, ctypes.c_int)
_set_buffer = _proto("fast_workbook_set_max_buffer_size", _c_status, _vp, _sz)
_set_sst = _proto("fast_workbook_set_shared_strings_limit", _c_status, _vp, _sz, _sz)
_set_rows_per_sheet = _proto("fast_workbook_set_rows_per_sheet", _c_status, _vp, _u32)
_set_refs = _proto("fast_workbook_set_cell_references", _c_status, _vp, ctypes.c_int)
_set_property = _proto("fast_workbook_set_property", _c_status, _vp, ctypes.c_int, ctypes.c_char_p, _sz)
_set_col_width = _proto("fast_workbook_set_column_width", _c_status, _vp, _u32, _u32, ctypes.c_double)
_set_col_format = _proto("fast_workbook_set_column_format", _c_status, _vp, _u32, _u32, _vp)
_freeze = _proto("fast_workbook_freeze_panes", _c_status, _vp, _u32, _u32)
_autofilter = _proto("fast_workbook_set_autofilter", _c_status, _vp, _u32, _u32, _u32, _u32)
_header_rows = _proto("fast_workbook_set_header_rows", _c_status, _vp, _u32)
_autofit = _proto("fast_workbook_set_autofit_rows", _c_status, _vp, _u32)
_merge = _proto("fast_workbook_merge_range", _c_status, _vp, _u32, _u32, _u32, _u32)
_hyperlink = _proto("fast_workbook_add_hyperlink", _c_status, _vp, _u32, _u32, ctypes.c_char_p, _sz)
_internal_link = _proto("fast_workbook_add_internal_link", _c_status, _vp, _u32, _u32, ctypes.c_char_p, _sz,
                        ctypes.c_char_p, _sz)

_fmt_int = {}
for _name in ("bold", "italic", "underline", "wrap", "border", "align", "valign"):
    _fmt_int[_name] = _proto("fast_format_set_" + _name, _c_status, _vp, ctypes.c_int)
_fmt_color = {
    "font_color": _proto("fast_format_set_font_color", _c_status, _vp, _u32),
    "fill_color": _proto("fast_format_set_fill_color", _c_status, _vp, _u32),
}
_fmt_font_size = _proto("fast_format_set_font_size", _c_status, _vp, ctypes.c_double)
_fmt_text = {
    "font_name": _proto("fast_format_set_font_name", _c_status, _vp, ctypes.c_char_p, _sz),
    "num_format": _proto("fast_format_set_num_format", _c_status, _vp, ctypes.c_char_p, _sz),
}

FAST_LAST_ROW = 0xFFFFFFFF

# Integers, text pointers and lengths share one array of 64-bit signed integers.
_PTR_CODE = "q"
if not (ctypes.sizeof(ctypes.c_void_p) == ctypes.sizeof(ctypes.c_size_t) == _array("q").itemsize == 8):
    raise ImportError("fastxlsx.py needs a 64-bit platform")


def library_version():
    """The version of the loaded library, e.g. "0.2.0"."""
    return _version_string().decode()


# The library's messages name its C functions ("fast_workbook_freeze_panes: sheet 'S'
# already has rows"); a Python caller reads the call it made instead.
_PY_CALLS = {
    "fast_workbook_new": "Workbook()", "fast_workbook_new_callback": "Workbook()",
    "fast_workbook_add_worksheet": "add_worksheet()", "fast_workbook_write_row_packed": "write_row()",
    "fast_workbook_write_row_typed": "write_row()", "fast_workbook_write_row": "write_row()",
    "fast_workbook_add_format": "add_format()", "fast_workbook_set_threads": "Workbook(threads=...)",
    "fast_workbook_set_compression_level": "Workbook(compression_level=...)",
    "fast_workbook_set_max_buffer_size": "Workbook(buffer_size=...)",
    "fast_workbook_set_shared_strings_limit": "Workbook(shared_strings=...)",
    "fast_workbook_set_rows_per_sheet": "Workbook(rows_per_sheet=...)",
    "fast_workbook_set_cell_references": "Workbook(cell_references=...)",
    "fast_workbook_set_property": "set_property()", "fast_workbook_set_column_width": "set_column_width()",
    "fast_workbook_set_column_format": "set_column_format()", "fast_workbook_freeze_panes": "freeze_panes()",
    "fast_workbook_set_autofilter": "autofilter()", "fast_workbook_set_header_rows": "set_header_rows()",
    "fast_workbook_set_autofit_rows": "set_autofit_rows()", "fast_workbook_merge_range": "merge_range()",
    "fast_workbook_add_hyperlink": "add_hyperlink()", "fast_workbook_add_internal_link": "add_internal_link()",
    "fast_workbook_close": "close()", "fast_workbook_abandon": "discard()", "fast_workbook_free": "discard()",
}
_C_NAME = re.compile(r"\bfast_(workbook|format|cells)_([a-z0-9_]+)(\(\))?")


def _python_message(message):
    """@message with the library's C function names put as this module's calls."""
    def call(m):
        name = m.group(0).rstrip("()")
        if name in _PY_CALLS:
            return _PY_CALLS[name]
        if m.group(1) == "format" and m.group(2).startswith("set_"):
            return "add_format(%s=...)" % m.group(2)[4:]
        return m.group(2) + "()"  # a call this module does not make: its short name
    return _C_NAME.sub(call, message)


def _col_name(col):
    name = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        name = chr(65 + r) + name
    return name


def _u32_arg(what, v):
    if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 0xFFFFFFFF:
        raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "%s: %r is not an integer in 0..4294967295" % (what, v))
    return v


def _text_arg(what, s):
    if not isinstance(s, str):
        raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "%s: %r is not a str" % (what, s))
    try:
        return s.encode("utf-8")
    except UnicodeEncodeError as e:
        raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "%s: not encodable as UTF-8 (%s)" % (what, e)) from None


# ---- formats ------------------------------------------------------------------------

class Format:
    """A cell format of one workbook (create it with Workbook.add_format()).

    Properties: bold, italic, underline, wrap, border (bool); font_name (str);
    font_size (points); font_color, fill_color (0xRRGGBB); align ("left",
    "center", "right", "fill", "justify", "general"); valign ("top", "center",
    "bottom", "justify"); num_format (a code such as "0.00" or "yyyy-mm-dd").
    """

    __slots__ = ("_ptr", "_wb")

    def __init__(self, workbook, ptr):
        self._wb = workbook
        self._ptr = ptr

    def set(self, **properties):
        for key, value in properties.items():
            if key in _fmt_int:
                if key == "align":
                    value = _ALIGN.get(value, value)
                elif key == "valign":
                    value = _VALIGN.get(value, value)
                if not isinstance(value, int):
                    raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "format %s: %r is not valid" % (key, value))
                st = _fmt_int[key](self._ptr, int(value))
            elif key in _fmt_color:
                st = _fmt_color[key](self._ptr, _u32_arg("format " + key, value))
            elif key == "font_size":
                st = _fmt_font_size(self._ptr, float(value))
            elif key in _fmt_text:
                b = _text_arg("format " + key, value)
                st = _fmt_text[key](self._ptr, b, len(b))
            else:
                raise TypeError("unknown format property %r" % key)
            if st != FAST_OK:
                raise FastxlsxError(st, "format %s: %r is out of range" % (key, value))
        return self


# ---- output through write() ---------------------------------------------------------

class _Writer:
    """Feeds the library's output to an object's write(); keeps its exception."""

    def __init__(self, target):
        self.target = target
        self.error = None
        self.fn = _WRITE_FN(self._write)

    def _write(self, buf, length, user):
        try:
            data = ctypes.string_at(buf, length)
            n = self.target.write(data)
            if n is None:  # some file-like objects return None for "everything"
                return length
            if not 0 < n <= length:
                raise OSError("write() returned %r for %d bytes" % (n, length))
            return n
        except BaseException as e:  # reported when the library call returns
            if self.error is None:
                self.error = e
            return -1


# ---- workbook and worksheets ----------------------------------------------------------

class Workbook:
    """A workbook written front to back to @target (path, binary file or write() object).

    Settings (before the first worksheet): threads (2 or more: rows are
    rendered and compressed on that many threads, the caller's included), compression_level (0..9), buffer_size (bytes), shared_strings
    ((max strings, max bytes); (0, 0) writes every text inline), cell_references
    (True writes r on every cell), rows_per_sheet (full sheets continue on a
    new one, "NAME (2)", repeating the header rows), and document properties title, subject,
    author, company.

    nan: what a NaN value (float, numpy float, Decimal) becomes: "error" (the
    default) refuses the row, as a cell cannot hold NaN; "blank" writes a blank
    cell, as None does (pandas' missing numbers).
    """

    def __init__(self, target, *, threads=None, compression_level=None, buffer_size=None,
                 shared_strings=None, cell_references=None, rows_per_sheet=None, title=None, subject=None, author=None,
                 company=None, nan="error"):
        self._writer = None
        self._wb = None
        if nan not in ("error", "blank"):
            raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "Workbook(nan=%r): 'error' or 'blank'" % (nan,))
        self._nan_blank = nan == "blank"
        self._sheet = None
        self._rows = 0
        if isinstance(target, (str, bytes, os.PathLike)):
            path = os.fsencode(target)
            wb = _new(path)
            if not wb:
                err = ctypes.get_errno() or 0
                raise FastxlsxError(FAST_ERROR_IO, "cannot create a workbook at %r: %s" %
                                    (os.fsdecode(path), os.strerror(err) if err else "unknown error"))
        elif hasattr(target, "write"):
            if isinstance(target, _io.TextIOBase):
                raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "the output file is open in text mode; open it with 'wb'")
            self._writer = _Writer(target)
            wb = _new_callback(self._writer.fn, None)
            if not wb:
                raise FastxlsxError(FAST_ERROR_NOMEM, "cannot create a workbook")
        else:
            raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT,
                                "target must be a path, a binary file or an object with write(), not %r" % (target,))
        self._wb = wb
        if threads is not None:
            self._check(_set_threads(wb, _u32_arg("threads", threads)))
        if compression_level is not None:
            self._check(_set_level(wb, int(compression_level)))
        if buffer_size is not None:
            self._check(_set_buffer(wb, int(buffer_size)))
        if shared_strings is not None:
            self._check(_set_sst(wb, int(shared_strings[0]), int(shared_strings[1])))
        if cell_references is not None:
            self._check(_set_refs(wb, 1 if cell_references else 0))
        if rows_per_sheet is not None:
            self._check(_set_rows_per_sheet(wb, _u32_arg("rows_per_sheet", rows_per_sheet)))
        for key, value in (("title", title), ("subject", subject), ("author", author), ("company", company)):
            if value is not None:
                self.set_property(key, value)

    # -- plumbing --

    def _handle(self):
        if self._wb is None:
            raise FastxlsxError(FAST_ERROR_CLOSED, "the workbook is closed")
        return self._wb

    def _check(self, st):
        if st == FAST_OK:
            return
        message = _message(self._wb).decode("utf-8", "replace") if self._wb else ""
        if not message:
            message = _strerror(st).decode()
        message = _python_message(message)
        if st == FAST_ERROR_NONFINITE_NUMBER and message.endswith("is NaN"):
            message += (" (write None for a blank cell, or give Workbook(..., nan=\"blank\") to write every NaN "
                        "as a blank cell)")
        err = FastxlsxError(st, message)
        cause = self._writer.error if self._writer else None
        if cause is not None:
            self._writer.error = None
            raise err from cause
        raise err

    # -- life cycle --

    def close(self):
        """Finish and commit the workbook; raises FastxlsxError if it failed."""
        if self._wb is None:
            return
        wb = self._wb
        try:
            st = _close(wb)
            self._check(st)
        finally:
            self._wb = None
            _free(wb)

    def discard(self):
        """Abandon the workbook: nothing is committed (a file target keeps its old content)."""
        if self._wb is not None:
            wb, self._wb = self._wb, None
            _free(wb)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.discard()
        return False

    def __del__(self):
        try:
            self.discard()
        except Exception:
            pass

    # -- content --

    def add_format(self, **properties):
        """A new Format of this workbook with the given properties (see Format)."""
        ptr = _add_format(self._handle())
        if not ptr:
            self._check(_status(self._wb) or FAST_ERROR_NOMEM)
        return Format(self, ptr).set(**properties)

    def add_worksheet(self, name=None):
        """Start a worksheet (None: "Sheet1", "Sheet2", ...); rows go to it from now on."""
        wb = self._handle()
        if name is None:
            self._check(_add_worksheet(wb, None, 0))
        else:
            b = _text_arg("worksheet name", name)
            self._check(_add_worksheet(wb, b, len(b)))
        self._sheet = Worksheet(self, name)
        self._rows = 0
        return self._sheet

    def set_property(self, name, value):
        """Document property "title", "subject", "author" or "company"."""
        if name not in _PROPERTIES:
            raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "unknown document property %r" % (name,))
        b = _text_arg(name, value)
        self._check(_set_property(self._handle(), _PROPERTIES[name], b, len(b)))

    def write_row(self, values, formats=None):
        """Append one row to the current worksheet (see the module's doc for the types)."""
        self._write_row(self._handle(), values, formats)

    def _write_row(self, wb, values, formats):
        if not isinstance(values, (list, tuple)):
            values = list(values)
        n = len(values)
        types = bytearray(n)  # 0: blank
        nums = ints = None
        scols = []
        strs = []
        add_col, add_str = scols.append, strs.append
        STRING, NUMBER, INTEGER, BOOLEAN = _STRING, _NUMBER, _INTEGER, _BOOLEAN
        nan_blank = self._nan_blank
        # The common types by identity first; everything else (subclasses, dates,
        # Decimal) takes _convert().
        for i, v in enumerate(values):
            t = type(v)
            if t is str:
                types[i] = STRING
                add_col(i)
                add_str(v)
            elif t is int:
                if ints is None:
                    ints = [0] * n
                types[i] = INTEGER
                ints[i] = v
            elif t is float:
                if nan_blank and v != v:
                    continue  # NaN: blank
                if nums is None:
                    nums = [0.0] * n
                types[i] = NUMBER
                nums[i] = v
            elif v is None:
                pass
            elif t is bool:
                if ints is None:
                    ints = [0] * n
                types[i] = BOOLEAN
                ints[i] = 1 if v else 0
            else:
                tt, value = self._convert(i, v)
                if tt == NUMBER and nan_blank and value != value:
                    continue  # NaN: blank
                types[i] = tt
                if tt == NUMBER:
                    if nums is None:
                        nums = [0.0] * n
                    nums[i] = value
                elif tt == STRING:
                    add_col(i)
                    add_str(value)
                else:
                    if ints is None:
                        ints = [0] * n
                    ints[i] = value
        pn = pi = pf = None
        if nums is not None:
            num_arr = _array("d", nums)
            pn = num_arr.buffer_info()[0]
        if ints is not None and (min(ints) < _INT64_MIN or max(ints) > _INT64_MAX):
            # Checked here: ctypes would wrap 2**64 to 0 silently.
            c = next(c for c, v in enumerate(ints) if not _INT64_MIN <= v <= _INT64_MAX)
            raise self._value_error(c, "integer %d is outside the 64-bit range" % ints[c])
        text = None
        if strs:
            # All of the row's text in one buffer (fast_workbook_write_row_packed): a
            # text cell's entry of the integer array is its length in bytes.
            joined = "".join(strs)
            if joined.isascii():
                text = joined.encode("ascii")
                blens = map(len, strs)
            else:
                enc = []
                for c, sv in zip(scols, strs):
                    try:
                        enc.append(sv.encode("utf-8"))
                    except UnicodeEncodeError as e:
                        raise self._value_error(c, "text is not encodable as UTF-8 (%s)" % e) from None
                text = b"".join(enc)
                blens = map(len, enc)
            if ints is None:
                ints = [0] * n
            for c, length in zip(scols, blens):
                ints[c] = length
        if ints is not None:
            int_arr = _array("q", ints)
            pi = int_arr.buffer_info()[0]
        if formats is not None:
            if len(formats) != n:
                raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT,
                                    "formats has %d entries for a row of %d values" % (len(formats), n))
            fmt_arr = _array(_PTR_CODE, [self._format_ptr(f) or 0 for f in formats])
            pf = fmt_arr.buffer_info()[0]
        st = _write_row_packed(wb, bytes(types), pn, pi, text, len(text) if text else 0, pf, n)
        if st != FAST_OK:
            self._check(st)
        self._rows += 1

    def write_rows(self, rows, formats=None):
        """Append each row of an iterable of rows (formats, if given, for every row)."""
        write = self.write_row
        for row in rows:
            write(row, formats)

    # -- conversions --

    def _value_error(self, col, what):
        sheet = "sheet %r" % self._sheet.name if self._sheet is not None and self._sheet.name else "current sheet"
        return FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "%s, row %d, column %s: %s" %
                             (sheet, self._rows + 1, _col_name(col), what))

    def _convert(self, i, v):
        if isinstance(v, _dt.datetime):
            if v.tzinfo is not None and v.utcoffset() is not None:
                raise self._value_error(i, "datetime %s has a time zone; fastxlsx writes the time as "
                                           "given, so convert it to a naive one first, e.g. "
                                           "dt.astimezone(tz).replace(tzinfo=None)" % v.isoformat())
            days = v.toordinal() - _EPOCH_ORDINAL
            ms = ((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + (v.microsecond + 500) // 1000
            return _DATETIME, days * _MS_PER_DAY + ms
        if isinstance(v, _dt.date):
            return _DATE, v.toordinal() - _EPOCH_ORDINAL
        if isinstance(v, bool):
            return _BOOLEAN, 1 if v else 0
        if isinstance(v, _decimal.Decimal):
            if v.is_finite() and v == v.to_integral_value():
                iv = int(v)
                if _INT64_MIN <= iv <= _INT64_MAX:
                    return _INTEGER, iv
            return _NUMBER, float(v)
        if isinstance(v, int):
            if not _INT64_MIN <= v <= _INT64_MAX:
                raise self._value_error(i, "integer %d is outside the 64-bit range" % v)
            return _INTEGER, int(v)
        if isinstance(v, float):
            return _NUMBER, float(v)
        if isinstance(v, str):
            return _STRING, str(v)
        raise self._value_error(i, "values of type %s are not supported (str, int, float, bool, None, "
                                   "date, datetime, Decimal are)" % type(v).__name__)

    def _format_ptr(self, f):
        if f is None:
            return None
        if not isinstance(f, Format) or f._wb is not self:
            raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "%r is not a Format of this workbook" % (f,))
        return f._ptr


class Worksheet:
    """A worksheet of a Workbook. Only the last one added takes rows and settings."""

    def __init__(self, workbook, name):
        self._book = workbook
        self.name = name

    def _wb(self):
        wb = self._book._handle()
        if self._book._sheet is not self:
            raise FastxlsxError(FAST_ERROR_STATE, "worksheet %r is finished: only the last one added takes "
                                                  "rows and settings" % (self.name,))
        return wb

    def write_row(self, values, formats=None):
        self._book._write_row(self._wb(), values, formats)

    def write_rows(self, rows, formats=None):
        self._wb()
        self._book.write_rows(rows, formats)

    def set_column_width(self, first_col, last_col, width):
        """Width of columns first_col..last_col (0-based), in characters; before the first row."""
        wb = self._wb()
        self._book._check(_set_col_width(wb, _u32_arg("first_col", first_col), _u32_arg("last_col", last_col),
                                         float(width)))

    def set_column_format(self, first_col, last_col, fmt):
        """Default Format of columns first_col..last_col for cells without their own; before the first row."""
        wb = self._wb()
        self._book._check(_set_col_format(wb, _u32_arg("first_col", first_col), _u32_arg("last_col", last_col),
                                          self._book._format_ptr(fmt)))

    def freeze_panes(self, rows, cols=0):
        """Keep the top rows and left columns in view; before the first row."""
        wb = self._wb()
        self._book._check(_freeze(wb, _u32_arg("rows", rows), _u32_arg("cols", cols)))

    def autofilter(self, first_row, first_col, last_row, last_col):
        """Filter buttons over a range (0-based); last_row None: the last row written."""
        wb = self._wb()
        last_row = FAST_LAST_ROW if last_row is None else _u32_arg("last_row", last_row)
        self._book._check(_autofilter(wb, _u32_arg("first_row", first_row), _u32_arg("first_col", first_col),
                                      last_row, _u32_arg("last_col", last_col)))

    def set_header_rows(self, rows):
        """The first rows repeat at the top of continuation sheets; before the first row."""
        wb = self._wb()
        self._book._check(_header_rows(wb, _u32_arg("rows", rows)))

    def set_autofit_rows(self, rows):
        """Fit column widths to the first rows; before the first row."""
        wb = self._wb()
        self._book._check(_autofit(wb, _u32_arg("rows", rows)))

    def merge_range(self, first_row, first_col, last_row, last_col):
        wb = self._wb()
        self._book._check(_merge(wb, _u32_arg("first_row", first_row), _u32_arg("first_col", first_col),
                                 _u32_arg("last_row", last_row), _u32_arg("last_col", last_col)))

    def add_hyperlink(self, row, col, url):
        """Make cell (row, col) a link to url, with its scheme ("https://...", "mailto:...")."""
        wb = self._wb()
        b = _text_arg("url", url)
        self._book._check(_hyperlink(wb, _u32_arg("row", row), _u32_arg("col", col), b, len(b)))

    def add_internal_link(self, row, col, sheet=None, target="A1"):
        """Make cell (row, col) a link to cell or range target ("B7", "A1:C10") of sheet (None: this one)."""
        wb = self._wb()
        s = None if sheet is None else _text_arg("sheet", sheet)
        t = _text_arg("target", target)
        self._book._check(_internal_link(wb, _u32_arg("row", row), _u32_arg("col", col), s, len(s) if s else 0,
                                         t, len(t)))

# ---- Arrow input: DataFrames in one call ----------------------------------------------
#
# Anything that speaks the Arrow PyCapsule interface (__arrow_c_stream__ or
# __arrow_c_array__: pyarrow Table, RecordBatch and RecordBatchReader, polars
# DataFrame, pandas DataFrame (2.2 and later, through pyarrow), a DuckDB
# relation, nanoarrow, ...) is handed to the library as an ArrowArrayStream (or
# one record batch) in a single call: no Python work per value. The library's
# rules for which Arrow type becomes which cell are in fastxlsx.h ("Arrow input").

__all__ += ["write_excel"]

_HAS_ARROW = hasattr(_lib, "fast_workbook_write_arrow_stream")


class _ArrowSchema(ctypes.Structure):
    pass


_SCHEMA_RELEASE = ctypes.CFUNCTYPE(None, ctypes.POINTER(_ArrowSchema))
_ArrowSchema._fields_ = [
    ("format", ctypes.c_char_p), ("name", ctypes.c_char_p), ("metadata", ctypes.c_char_p),
    ("flags", ctypes.c_int64), ("n_children", ctypes.c_int64),
    ("children", ctypes.POINTER(ctypes.POINTER(_ArrowSchema))), ("dictionary", ctypes.POINTER(_ArrowSchema)),
    ("release", _SCHEMA_RELEASE), ("private_data", ctypes.c_void_p)]


class _ArrowArrayStream(ctypes.Structure):
    pass


_ArrowArrayStream._fields_ = [
    ("get_schema", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_ArrowArrayStream), ctypes.POINTER(_ArrowSchema))),
    ("get_next", ctypes.c_void_p),
    ("get_last_error", ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.POINTER(_ArrowArrayStream))),
    ("release", ctypes.c_void_p), ("private_data", ctypes.c_void_p)]

if _HAS_ARROW:
    _opts_new = _proto("fast_arrow_options_new", _vp)
    _opts_free = _proto("fast_arrow_options_free", None, _vp)
    _opts_header = _proto("fast_arrow_options_set_header", _c_status, _vp, ctypes.c_int)
    _opts_format = _proto("fast_arrow_options_set_column_format", _c_status, _vp, _sz, _vp)
    _opts_lossy = _proto("fast_arrow_options_set_lossy_numbers", _c_status, _vp, ctypes.c_int)
    _opts_hex = _proto("fast_arrow_options_set_binary_hex", _c_status, _vp, ctypes.c_int)
    _write_arrow = _proto("fast_workbook_write_arrow", _c_status, _vp, _vp, _vp, _vp)
    _write_arrow_stream = _proto("fast_workbook_write_arrow_stream", _c_status, _vp, _vp, _vp)

_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = ctypes.c_void_p
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


def _arrow_capsules(data):
    """("stream", capsule) or ("array", schema capsule, array capsule) for @data."""
    if hasattr(data, "__arrow_c_stream__"):
        return ("stream", data.__arrow_c_stream__())
    if hasattr(data, "__arrow_c_array__"):
        schema, array = data.__arrow_c_array__()
        return ("array", schema, array)
    raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT,
                        "%s has neither __arrow_c_stream__ nor __arrow_c_array__ (the Arrow PyCapsule interface): "
                        "pass a pyarrow Table, a polars or pandas DataFrame, a DuckDB relation, ..."
                        % type(data).__name__)


def _column_names(caps):
    """The field names of the capsules' schema (read from the C structs, not the producer's API)."""
    if caps[0] == "array":
        schema = _ArrowSchema.from_address(_capsule_pointer(caps[1], b"arrow_schema"))
        return [schema.children[i].contents.name for i in range(schema.n_children)]
    stream = _ArrowArrayStream.from_address(_capsule_pointer(caps[1], b"arrow_array_stream"))
    schema = _ArrowSchema()
    rc = stream.get_schema(ctypes.byref(stream), ctypes.byref(schema))
    if rc != 0:
        raise FastxlsxError(FAST_ERROR_CALLBACK, "the stream's get_schema failed (errno %d)" % rc)
    try:
        return [schema.children[i].contents.name for i in range(schema.n_children)]
    finally:
        if schema.release:
            schema.release(ctypes.byref(schema))


def _write_arrow_data(book, data, header, formats, lossy_numbers, binary_as_hex):
    if not _HAS_ARROW:
        raise FastxlsxError(FAST_ERROR_STATE, "the loaded libfastxlsx is older than 0.3: no Arrow input")
    wb = book._handle()
    caps = _arrow_capsules(data)
    opts = _opts_new()
    if not opts:
        raise MemoryError("fast_arrow_options_new")
    try:
        _opts_header(opts, 1 if header else 0)
        _opts_lossy(opts, 1 if lossy_numbers else 0)
        _opts_hex(opts, 1 if binary_as_hex else 0)
        if formats:
            names = None
            for key, fmt in formats.items():
                if isinstance(key, int):
                    col = key
                else:
                    if names is None:
                        names = [n.decode("utf-8", "replace") if n is not None else None for n in _column_names(caps)]
                    if key not in names:
                        raise FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, "formats: no column named %r" % (key,))
                    col = names.index(key)
                if isinstance(fmt, str):
                    fmt = book.add_format(num_format=fmt)
                elif isinstance(fmt, dict):
                    fmt = book.add_format(**fmt)
                st = _opts_format(opts, col, book._format_ptr(fmt))
                if st != FAST_OK:
                    raise FastxlsxError(st, "formats: column %r: %s" % (key, _strerror(st).decode()))
        if caps[0] == "stream":
            st = _write_arrow_stream(wb, _capsule_pointer(caps[1], b"arrow_array_stream"), opts)
        else:
            st = _write_arrow(wb, _capsule_pointer(caps[1], b"arrow_schema"),
                              _capsule_pointer(caps[2], b"arrow_array"), opts)
        book._check(st)
    finally:
        _opts_free(opts)
        # The capsules' destructors release the stream (or the schema and the array).
        del caps


def _workbook_write_arrow(self, data, *, header=True, formats=None, lossy_numbers=False, binary_as_hex=False):
    """Write Arrow data (pyarrow, polars, pandas, DuckDB...) as rows of the current worksheet, in one call.

    header: a first row of the column names (True); on a sheet's first row it
    repeats on continuation sheets. formats: {column name or 0-based index:
    Format, number format string, or dict of Format properties}. lossy_numbers:
    int64 beyond 2**53 and decimals beyond 15 digits as (rounded) numbers
    instead of exact text. binary_as_hex: binary columns as "\\x..." text
    instead of an error. Rows beyond a sheet's limit continue on new sheets.
    """
    self._handle()
    if self._sheet is None:
        raise FastxlsxError(FAST_ERROR_STATE, "no worksheet; call add_worksheet first")
    _write_arrow_data(self, data, header, formats, lossy_numbers, binary_as_hex)


def _worksheet_write_arrow(self, data, *, header=True, formats=None, lossy_numbers=False, binary_as_hex=False):
    self._wb()
    _write_arrow_data(self._book, data, header, formats, lossy_numbers, binary_as_hex)


_workbook_write_arrow.__name__ = _worksheet_write_arrow.__name__ = "write_arrow"
_worksheet_write_arrow.__doc__ = _workbook_write_arrow.__doc__
Workbook.write_arrow = _workbook_write_arrow
Worksheet.write_arrow = _worksheet_write_arrow


def write_excel(data, target, *, sheet=None, header=True, autofit=None, formats=None, threads=None,
                freeze_header=False, lossy_numbers=False, binary_as_hex=False):
    """Write a DataFrame (anything with __arrow_c_stream__ or __arrow_c_array__) to an XLSX file in one call.

    data: a pyarrow Table / RecordBatch / RecordBatchReader, a polars or pandas
    DataFrame, a DuckDB relation (duckdb.sql(...)), or any other Arrow
    PyCapsule producer. target: a path, or a binary file object.
    sheet: the worksheet's name ("Sheet1"). header: the column names as the
    first row (repeated on continuation sheets past 1,048,576 rows).
    autofit: True (fit column widths to the first 1,000 rows) or a number of
    rows. formats: {column name or index: number format string, dict of
    Format properties, or a Format}. threads: rows rendered and compressed on
    that many threads. freeze_header: keep the header row in view.
    Excel tables (table=) are not offered yet: this library has no table call.
    """
    with Workbook(target, threads=threads) as book:
        ws = book.add_worksheet(sheet)
        if autofit:
            ws.set_autofit_rows(1000 if autofit is True else int(autofit))
        if freeze_header and header:
            ws.freeze_panes(1, 0)
        _write_arrow_data(book, data, header, formats, lossy_numbers, binary_as_hex)
