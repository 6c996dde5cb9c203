#!/usr/bin/env python3
"""Write the seed programs of fuzz_api.c into tests/fuzz/corpus/api/.

Each seed is a readable program in the encoding fuzz_api.c reads (see the
opcode table there); together they call every function of the API at least
once, so the fuzzer starts from inputs that reach every part of the library.
Run it again after changing the encoding: python3 tests/fuzz/seeds_api.py
The files numbered from 90 in that folder are not written here: they are
inputs the fuzzer found that once failed, kept as they were found.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "api")


def u8(v): return bytes([v & 0xFF])
def u16(v): return struct.pack("<H", v & 0xFFFF)
def u32(v): return struct.pack("<I", v & 0xFFFFFFFF)
def u64(v): return struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF)


def text(b):
    if isinstance(b, str):
        b = b.encode("utf-8")
    assert len(b) < 0xF0
    return u8(len(b)) + b


def dbl(x):
    return u8(0xFF) + struct.pack("<d", x)  # raw bits


DBL_NAN = u8(15)
DBL_NEG_INF = u8(16)
DBL_INF = u8(18)

# opcodes
ROW, ROW_STRINGS, SHEET, NEW_FORMAT, SET_FORMAT = 0, 4, 5, 6, 7
COL_WIDTH, AUTOFIT, FREEZE, FILTER, MERGE, LINK, HEADERS, ROWS_PER_SHEET, POLICY = range(8, 17)
BUFFER, FLUSH, SST, LEVEL, REFS, THREADS, PROPERTY, CREATED, MANY = range(17, 26)
TYPED, PACKED, COL_FORMAT, INTERNAL_LINK, ABANDON, ROW_MEMORY, TYPED_EITHER = range(26, 33)
PRINT = 33  # op_print: tests/fuzz/corpus/api/32-page-setup
ZIP64 = 37
TABLE = 35

# fast_workbook_write_row_typed() types
T_BLANK, T_STRING, T_NUMBER, T_INTEGER, T_BOOLEAN, T_DATE, T_DATETIME, T_FORMULA = range(8)

# cell kinds
K_STR, K_NUM, K_INT, K_BOOL, K_BLANK, K_DATE, K_DATETIME, K_RAWDT, K_UNIX = 0, 2, 3, 4, 5, 6, 7, 8, 9
K_F, K_FNUM, K_FSTR, K_FBOOL, K_FMT, K_COPY = 10, 11, 12, 13, 14, 15


def header(fd=False, prefix=0, pattern=0, threads=False, level=None, small_buffer=False, all_refs=False,
           fail_at=None, fail_kind=0):
    mode = (1 if fd else 0)
    if fd:
        mode |= 2 if prefix else 0
        mode |= (prefix % 9) << 2
    else:
        mode |= (pattern & 3) << 1
    setup = (1 if threads else 0) | (64 if small_buffer else 0) | (128 if all_refs else 0)
    if level is not None:
        setup |= 2 | ((level % 10) << 2)
    fail = b""
    if fail_at is not None:  # the callback fails from its fail_at-th call on
        mode |= 0x80
        fail = u16(fail_at - 1) + u8(fail_kind)
    return u8(mode) + fail + u8(setup)


def cell(kind, *args):
    return u8(kind) + b"".join(args)


def row(cells, count=None, row_format=None, height=None):
    """cells: list of (position, encoded cell)."""
    count = count if count is not None else max([p for p, _ in cells] + [0]) + 1
    assert len(cells) <= 11
    flags = 0
    body = b""
    if row_format is not None:
        flags |= 1
        body += u8(row_format)
    if height is not None:
        flags |= 2
        body += u16(int(height * 1.25))
    body += u8(len(cells))
    for pos, c in cells:
        body += u16(pos) + c
    return u8(ROW) + u8(count - 1) + u8(flags) + body


def sheet(name=None):
    return u8(SHEET) + (u8(1) if name is None else u8(0) + text(name))


def strings_row(values, lens_null=False):
    b = len(values) | (32 if lens_null else 0)
    out = u8(ROW_STRINGS) + u8(b)
    for v in values:
        out += u8(1) if v is None else u8(0) + text(v)
    return out


def typed_row(cells, packed=False, null_numbers=False, null_integers=False, null_texts=False, null_lengths=False,
              formats=None, types_null=False, bad_total=False, count=None):
    """cells: (type, encoded value) in column order; formats: one format byte per cell."""
    n = len(cells) if count is None else count
    flags = (1 if null_numbers else 0) | (2 if null_integers else 0) | (4 if null_texts else 0)
    flags |= (8 if null_lengths else 0) | (16 if formats is not None else 0)
    flags |= 0xE0 if types_null else 0xC0 if bad_total else 0
    body = b""
    for i, (t, v) in enumerate(cells):
        body += u8(t) + v
        if formats is not None:
            body += u8(formats[i])
    return u8(PACKED if packed else TYPED) + u8(n) + u8(flags) + body


def moment(sel, *args):
    """A typed date (days) or datetime (ms): sel % 8 picks near the ends (0, 1), around 1900-02-29 (2),
    any 64-bit value (3) or a value inside the valid range (4..7)."""
    return u8(sel) + b"".join(args)


SEEDS = {}

# Every cell type, with formats and a second sheet; callback output in short writes.
SEEDS["01-cell-types"] = (
    header(pattern=1)
    + sheet("Data")
    + u8(NEW_FORMAT) + u8(SET_FORMAT) + u8(0) + u8(0) + u8(1)          # bold
    + u8(SET_FORMAT) + u8(0) + u8(11) + text("0.00")                     # number format
    + row([(0, cell(K_STR, text("plain"))), (1, cell(K_NUM, dbl(3.25))), (2, cell(K_INT, u8(2))),
           (3, cell(K_BOOL, u8(1))), (4, cell(K_DATE, u16(2024 - 1899), u8(2), u8(29))),
           (5, cell(K_DATETIME, u16(1900 - 1899), u8(2), u8(28), u8(23), u8(59), u8(59), u16(999))),
           (6, cell(K_UNIX, u8(0), u64(2300000000 + 86400), u16(500)))])
    + row([(7, cell(K_F, text("=SUM(B1:C1)"))), (8, cell(K_FNUM, text("1+1"), dbl(2.0))),
           (9, cell(K_FSTR, text("\"a\"&\"b\""), text("ab"))), (10, cell(K_FBOOL, text("TRUE()"), u8(1))),
           (11, cell(K_FMT, u8(0))), (12, cell(K_FMT, u8(0))), (12, cell(K_STR, text(" spaced ")))])
    + row([(3, cell(K_STR, text("after blanks")))], count=5, row_format=0, height=30)
    + sheet()
    + strings_row(["x", None, "z"])
    + strings_row(["nul-terminated", "", None], lens_null=True)
)

# Text the writer must escape: CR, controls, U+FFFE, look-alike _xHHHH_ escapes, markup.
SEEDS["02-escaping"] = (
    header(fd=True)
    + sheet("Esc")
    + row([(0, cell(K_STR, text("a\rb\r\nc"))), (1, cell(K_STR, text("_x0041_"))),
           (2, cell(K_STR, text("_x0041\r\n"))), (3, cell(K_STR, text("\x01\x1f\x7f"))),
           (4, cell(K_STR, text("\uFFFE\uFFFF"))), (5, cell(K_STR, text("<&>\"'"))),
           (6, cell(K_STR, text("\t lead"))), (7, cell(K_STR, text("_x005f_x0041_"))),
           (8, cell(K_FSTR, text("=\"_x0041_\"&CHAR(13)"), text("_x0041_\r")))])
    + u8(SST) + u8(0) + u8(0) + u8(0)                                     # too late: after a row
    + u8(PROPERTY) + u8(0) + text("Title\r\nwith CR")
    + u8(PROPERTY) + u8(2) + text("Author & <co>")
    + u8(PROPERTY) + u8(3) + text("Company")
    + u8(PROPERTY) + u8(1) + text("Subj\tect")
    + u8(CREATED) + u8(0) + u32(1700000000)
)

# Values every write_row check must reject, each followed by a good row.
SEEDS["03-rejected-rows"] = (
    header()
    + sheet("Checks")
    + row([(0, cell(K_NUM, DBL_NAN))])
    + row([(0, cell(K_INT, u8(0)))])
    + row([(1, cell(K_NUM, DBL_INF))])
    + row([(0, cell(K_STR, text(b"\xff\xfe")))])
    + row([(0, cell(K_STR, text(b"\xed\xa0\x80")))])
    + row([(2, cell(K_DATE, u16(2023 - 1899), u8(2), u8(30)))])
    + row([(0, cell(K_DATETIME, u16(2000 - 1899), u8(1), u8(1), u8(24), u8(0), u8(0), u16(0)))])
    + row([(0, cell(K_RAWDT, u32(0xFFFFFFFF), u8(1), u8(1), u8(0), u8(0), u8(0), u16(0)))])
    + row([(0, cell(K_UNIX, u8(255), u64(1 << 62), u16(0)))])
    + row([(0, cell(K_STR, u8(0xF0) + u8(3)))])                           # 32,768 characters
    + row([(0, cell(K_STR, u8(0xF1) + u8(2)))])                           # 32,767 three-byte characters
    + row([(0, cell(K_F, u8(0xF3) + u8(4)))])                             # an 8,194-character formula
    + row([(0, cell(K_FNUM, text("A1"), DBL_NEG_INF))])
    + u8(ROW_STRINGS) + u8(250) + u8(0)                                   # 16,385 cells
    + row([(0, cell(K_STR, text("still here")))])
)

# Sheet names: invalid, duplicate (case-insensitively), default names, apostrophes, 31 characters.
SEEDS["04-sheet-names"] = (
    header(pattern=2)
    + sheet("")
    + sheet("a/b")
    + sheet("'quoted'")
    + sheet("x" * 32)
    + sheet("Ünïcødé ΣΦ Жж")
    + sheet("ünïcødé σφ жж")
    + sheet("x" * 31)
    + sheet("Sheet2")
    + sheet()
    + sheet("SHEET2")
    + sheet(b"\xc3\x28")
    + sheet("_x0041_ name")
    + row([(0, cell(K_STR, text("named")))])
)

# Continuation sheets: rows per sheet, header rows repeated, the error policy.
SEEDS["05-continuation"] = (
    header(fd=True, prefix=3, all_refs=True)
    + u8(HEADERS) + u8(1) + u8(2)
    + u8(ROWS_PER_SHEET) + u8(1) + u8(5)
    + sheet("Long sheet name that is cut!!")
    + u8(FREEZE) + u8(1) + u8(1) + u8(1) + u8(0)
    + u8(COL_WIDTH) + u16(0) + u8(2) + u8(0) + u16(3000)
    + row([(0, cell(K_STR, text("head A"))), (1, cell(K_STR, text("head B")))], row_format=None)
    + row([(0, cell(K_DATE, u16(2000 - 1899), u8(1), u8(1)))])
    + u8(MANY) + u8(11) + u8(3)
    + u8(FILTER) + u8(0) + u8(0) + u8(1) + u8(3)
    + u8(POLICY) + u8(1)
    + u8(MANY) + u8(6) + u8(1)
    + u8(POLICY) + u8(0)
    + u8(MANY) + u8(2) + u8(0)
)

# Sheet features at every moment: too late, out of range, merges, hyperlinks, autofit.
SEEDS["06-sheet-features"] = (
    header(threads=True, level=9)
    + u8(FREEZE) + u8(1) + u8(1) + u8(1) + u8(1)                          # before any sheet
    + u8(AUTOFIT) + u8(1) + u8(10)
    + sheet("Feat")
    + u8(COL_WIDTH) + u16(2) + u8(0) + u8(1) + dbl(300.0)                # width out of range
    + u8(COL_WIDTH) + u16(2) + u8(3) + u8(0) + u16(2400)
    + row([(0, cell(K_STR, text("wide text for autofit"))), (5, cell(K_NUM, dbl(1e-300)))])
    + u8(FREEZE) + u8(1) + u8(2) + u8(1) + u8(2)                          # too late
    + u8(MERGE) + u8(0) + u8(0) + u8(0) + u8(1) + u8(1)
    + u8(MERGE) + u8(0) + u8(5) + u8(5) + u8(0) + u8(0)                   # a single cell
    + u8(LINK) + u8(0) + u8(0) + u8(0) + text("https://example.com/?a=1&b=<2>")
    + u8(LINK) + u8(0) + u8(1) + u8(1) + text("mailto:x@example.com")
    + u8(LINK) + u8(0) + u8(2) + u8(2) + text("https://example.com/\uFFFE")
    + u8(LINK) + u8(0) + u8(3) + u8(3) + text("")
    + u8(FILTER) + u8(0) + u8(0) + u8(0) + u8(2) + u8(3)
    + u8(HEADERS) + u8(1) + u8(1)                                         # too late
    + u8(MANY) + u8(12) + u8(1)
    + u8(REFS) + u8(1)
    + u8(FLUSH) + u8(1)
    + row([(0, cell(K_BOOL, u8(0)))], count=1)
)

# Settings: too late, out of range, shared strings limits, buffer sizes, levels, threads.
SEEDS["07-settings"] = (
    header(fd=True, small_buffer=True)
    + u8(BUFFER) + u8(0) + u16(0)
    + u8(LEVEL) + u8(0)
    + u8(THREADS) + u8(2)
    + u8(SST) + u8(4) + u8(2) + u8(50)
    + u8(FLUSH) + u8(3)
    + u8(REFS) + u8(0)
    + sheet("S")
    + u8(BUFFER) + u8(1) + u16(1)
    + u8(LEVEL) + u8(5)
    + u8(THREADS) + u8(1)
    + strings_row(["a", "b", "a", "c", "d"])
    + u8(MANY) + u8(20) + u8(3)
    + u8(CREATED) + u8(1) + u64(1 << 62)
    + u8(PROPERTY) + u8(9) + text("unknown")
    + u8(PROPERTY) + u8(0) + text(b"\x01")
)

# Formats: every setter, valid and not, on cells, rows and blanks.
SEEDS["08-formats"] = (
    header(pattern=3)
    + sheet("Fmt")
    + u8(NEW_FORMAT) + u8(NEW_FORMAT)
    + b"".join(u8(SET_FORMAT) + u8(0) + u8(w) + a for w, a in [
        (0, u8(1)), (1, u8(1)), (2, u8(1)), (3, text("Courier New")), (4, dbl(14.5)),
        (5, u32(0xFF0000)), (6, u32(0x00FF00)), (7, u8(2)), (8, u8(1)), (9, u8(1)), (10, u8(1)),
        (11, text("yyyy-mm-dd hh:mm")), (3, text("")), (4, dbl(0.5)), (7, u8(9)), (8, u8(255)),
        (11, text("x" * 200 + "\"\u20ac\""))])
    + u8(SET_FORMAT) + u8(1) + u8(11) + text("@")
    + row([(0, cell(K_FMT, u8(0))), (0, cell(K_DATE, u16(1999 - 1899), u8(12), u8(31))),
           (1, cell(K_FMT, u8(1))), (2, cell(K_FMT, u8(1))), (2, cell(K_NUM, dbl(-0.0)))], row_format=1)
    + row([], count=3, row_format=0, height=12.5)
)

# A failing write callback (0, -1, more than offered), with and without the thread: sticky everywhere.
for kind in range(3):
    SEEDS["09-callback-fails-%d" % kind] = (
        header(pattern=2 - kind, fail_at=[100, 2, 1][kind], fail_kind=kind, threads=kind == 1, small_buffer=True)
        + sheet("F")
        + u8(FLUSH) + u8(1)
        + u8(MANY) + u8(39) + u8(1)
        + sheet("G")
        + row([(0, cell(K_NUM, DBL_NAN))])
        + u8(MANY) + u8(39) + u8(3)
    )

# Typed rows: every type, formats, NUL-terminated texts, the ends of the date range, errors of the arrays.
SEEDS["10-typed-rows"] = (
    header(pattern=1)
    + sheet("Typed")
    + u8(NEW_FORMAT) + u8(SET_FORMAT) + u8(0) + u8(11) + text("0.000")
    + typed_row([(T_BLANK, b""), (T_STRING, text("typed")), (T_NUMBER, dbl(2.5)), (T_INTEGER, u64(-(1 << 63))),
                 (T_BOOLEAN, u8(1) + u64(7)), (T_DATE, moment(4, u32(12345))),
                 (T_DATETIME, moment(5, u64(987654321987))), (T_FORMULA, text("=A1&\"x\"")),
                 (T_BOOLEAN, u8(0))])
    + typed_row([(T_BLANK, b""), (T_NUMBER, dbl(1e21)), (T_DATE, moment(0 + 8))], formats=[0, 0, 1])
    + typed_row([(T_DATE, moment(0)), (T_DATE, moment(1 + 16)), (T_DATETIME, moment(1 + 8)),
                 (T_DATETIME, moment(2, u32(86400000)))])                 # 1899-12-31, 10000-01-01 and so on
    + typed_row([(T_DATETIME, moment(0 + 8)), (T_DATETIME, moment(1 + 16)), (T_DATE, moment(2 + 8))])
    + typed_row([(T_STRING, text("nul\0cut")), (T_FORMULA, text("1+1"))], null_lengths=True)
    + typed_row([(T_STRING, text("x")), (T_NUMBER, dbl(1.0))], null_numbers=True)      # CELL_TYPE, column B
    + typed_row([(T_INTEGER, u64(1))], null_integers=True)
    + typed_row([(T_STRING, text("x"))], null_texts=True)
    + typed_row([(T_BLANK, b""), (T_BLANK, b""), (240, b"")])                          # an unknown type
    + typed_row([(T_FORMULA, text("="))])                                              # an empty formula
    + typed_row([(T_STRING, text("x"))], types_null=True)
    + typed_row([(T_NUMBER, DBL_NAN)])
    + typed_row([(T_STRING, text(b"\xff"))])
    + typed_row([], count=255)                                                         # 16,385 cells
    + typed_row([(T_STRING, text("still here"))], null_numbers=True, null_integers=True)
)

# Packed rows: text runs in one buffer, lengths in the integer array, lengths that do not add up.
SEEDS["11-packed-rows"] = (
    header(fd=True)
    + u8(THREADS) + u8(4)
    + sheet("Packed")
    + typed_row([(T_STRING, text("abc")), (T_INTEGER, u64(42)), (T_FORMULA, text("=B1*2")), (T_STRING, text("")),
                 (T_STRING, text("\u20ac")), (T_DATE, moment(4, u32(99))), (T_NUMBER, dbl(-0.5))], packed=True)
    + typed_row([(T_STRING, text("abc")), (T_STRING, text("de"))], packed=True, bad_total=True)
    + typed_row([(T_NUMBER, dbl(1.0))], packed=True, bad_total=True)                   # 1 byte for no text
    + typed_row([(T_STRING, text("abc"))], packed=True, null_integers=True)
    + typed_row([(T_BLANK, b""), (T_FORMULA, text(""))], packed=True)
    + typed_row([], packed=True)
    + typed_row([(T_BOOLEAN, u8(1) + u64(0)), (T_STRING, text("end"))], packed=True, null_numbers=True)
    + u8(TYPED_EITHER) + u8(0) + u8(1) + u8(0) + u8(T_STRING) + text("either")
)

# Column formats: set, overridden, removed, too late, out of range; cells with and without formats.
SEEDS["12-column-formats"] = (
    header(pattern=3)
    + u8(COL_FORMAT) + u8(0) + u8(0) + u8(0) + u8(0)                    # no worksheet
    + sheet("Cols")
    + u8(NEW_FORMAT) + u8(SET_FORMAT) + u8(0) + u8(11) + text("#,##0.00")
    + u8(NEW_FORMAT) + u8(SET_FORMAT) + u8(1) + u8(0) + u8(1)
    + u8(COL_FORMAT) + u8(0) + u8(1) + u8(3) + u8(0)                    # B:E #,##0.00
    + u8(COL_FORMAT) + u8(0) + u8(3) + u8(0) + u8(1)                    # D bold
    + u8(COL_FORMAT) + u8(0) + u8(4) + u8(0) + u8(2)                    # E none again
    + u8(COL_FORMAT) + u8(2) + u8(5) + u8(2) + u8(0)                    # reversed
    + u8(COL_FORMAT) + u8(1) + u16(16383) + u8(0) + u8(1)               # XFD
    + u8(COL_FORMAT) + u8(1) + u16(16383) + u8(1) + u8(1)               # beyond XFD
    + u8(COL_WIDTH) + u16(2) + u8(0) + u8(0) + u16(2400)
    + u8(HEADERS) + u8(1) + u8(1)
    + u8(ROWS_PER_SHEET) + u8(1) + u8(3)
    + row([(0, cell(K_NUM, dbl(1.5))), (1, cell(K_NUM, dbl(2.5))), (2, cell(K_STR, text("c"))),
           (3, cell(K_INT, u8(1))), (4, cell(K_NUM, dbl(3.0))), (5, cell(K_DATE, u16(2000 - 1899), u8(1), u8(1)))])
    + row([(1, cell(K_FMT, u8(1))), (1, cell(K_NUM, dbl(4.0))), (2, cell(K_BOOL, u8(1))),
           (3, cell(K_DATE, u16(2020 - 1899), u8(5), u8(6)))])
    + row([(1, cell(K_NUM, dbl(5.0)))], row_format=1)
    + typed_row([(T_NUMBER, dbl(6.0)), (T_NUMBER, dbl(7.0)), (T_BLANK, b""), (T_DATE, moment(4, u32(5)))])
    + u8(COL_FORMAT) + u8(0) + u8(1) + u8(0) + u8(0)                    # too late
    + u8(MANY) + u8(5) + u8(0)                                            # continuation sheets inherit
)

# Internal links: quoting, apostrophes, references, the current sheet, errors; mixed with external links.
SEEDS["13-internal-links"] = (
    header()
    + u8(INTERNAL_LINK) + u8(0) + u8(0) + u8(0) + u8(0)                  # no worksheet
    + sheet("Bob's data")
    + b"".join(u8(INTERNAL_LINK) + u8(0) + u8(r) + u8(0) + u8(1 | 4) + u8(k) + u8(r % 15)
               for r, k in enumerate(range(17)))
    + u8(INTERNAL_LINK) + u8(0) + u8(20) + u8(1) + u8(0)                 # the current sheet, A1
    + u8(INTERNAL_LINK) + u8(0) + u8(21) + u8(1) + u8(3 | 8) + text("b2:$C$3")
    + u8(INTERNAL_LINK) + u8(0) + u8(22) + u8(1) + u8(2 | 8) + text("Other!") + text("A1!")
    + u8(INTERNAL_LINK) + u8(0) + u8(23) + u8(1) + u8(2) + text("ends'")
    + u8(INTERNAL_LINK) + u8(0) + u8(24) + u8(1) + u8(2) + text(b"\xef\xbf\xbe")
    + u8(INTERNAL_LINK) + u8(0) + u8(25) + u8(1) + u8(2) + text(b"\xc3")
    + u8(INTERNAL_LINK) + u8(0) + u8(26) + u8(1) + u8(2) + text("x" * 32)
    + u8(INTERNAL_LINK) + u8(0) + u8(27) + u8(1) + u8(2 | 12) + text("\u00c4rger") + u16(16383) + u8(1) + u8(9)
    + u8(INTERNAL_LINK) + u8(1) + u32(1048576) + u8(1) + u8(0)          # row out of range
    + u8(LINK) + u8(0) + u8(5) + u8(5) + text("https://example.com/")
    + row([(0, cell(K_STR, text("link text")))])
    + sheet("Target")
    + u8(INTERNAL_LINK) + u8(0) + u8(0) + u8(0) + u8(3 | 12) + u16(0) + u8(1) + u8(7)
)

# Copied strings: the caller's buffer is overwritten after each call; the copy's size limit.
SEEDS["14-string-copy"] = (
    header(fd=True, prefix=5)
    + u8(SST) + u8(0) + u8(0) + u8(0)
    + sheet("Copy")
    + row([(0, cell(K_COPY, text("copied"))), (1, cell(K_COPY, text(" spaced "))), (0, cell(K_COPY, text("again"))),
           (2, cell(K_COPY, text(""))), (3, cell(K_COPY, u8(0xF2) + u8(4)))])    # 131,076 bytes: too long
    + row([(0, cell(K_COPY, text("x"))), (0, cell(K_NUM, dbl(1.0))), (1, cell(K_COPY, text(b"\xff")))])
    + row([(0, cell(K_COPY, text("repeat"))), (1, cell(K_COPY, text("repeat")))])
)

# Abandoned: sticky FAST_ERROR_ABANDONED, later calls refused, close discards.
SEEDS["15-abandon"] = (
    header(pattern=1)
    + sheet("Gone")
    + row([(0, cell(K_STR, text("written")))])
    + u8(ABANDON) + u8(1)                                                # not taken
    + u8(ABANDON) + u8(0) + text("the query failed") + u8(0)
    + row([(0, cell(K_STR, text("refused")))])
    + u8(ABANDON) + u8(0) + text("again") + u8(1)
    + sheet("More")
)

# ZIP64 worksheets, on a callback and a memory file, with threads; too late and unknown modes.
SEEDS["16-zip64"] = (
    header(pattern=2, threads=True)
    + u8(ZIP64) + u8(2)
    + u8(ZIP64) + u8(1)
    + sheet("Z1")
    + u8(ZIP64) + u8(0)
    + u8(MANY) + u8(30) + u8(3)
    + sheet("Z2")
    + row([(0, cell(K_STR, text("zip64")))])
)
SEEDS["17-zip64-fd"] = (
    header(fd=True, prefix=2, level=0)
    + u8(THREADS) + u8(3)
    + u8(ZIP64) + u8(1)
    + u8(MANY) + u8(3) + u8(1)                                            # no sheet yet
    + sheet()
    + u8(MANY) + u8(30) + u8(1)
)

# The row memory limit: below the minimum, at it; header rows that pass it.
SEEDS["18-row-memory"] = (
    header()
    + u8(ROW_MEMORY) + u8(0)                                             # 65,535: too small
    + u8(ROW_MEMORY) + u8(1) + u16(0)                                     # 65,536
    + u8(HEADERS) + u8(1) + u8(3)
    + u8(AUTOFIT) + u8(1) + u8(5)
    + sheet("Mem")
    + row([(0, cell(K_STR, u8(0xF0) + u8(2))), (1, cell(K_STR, u8(0xF0) + u8(2)))])
    + row([(0, cell(K_STR, u8(0xF1) + u8(2)))])                           # 98,301 bytes: beyond it
    + row([(0, cell(K_STR, text("small header")))])
    + u8(ROW_MEMORY) + u8(2) + u32(1 << 30)
    + row([(0, cell(K_STR, u8(0xF1) + u8(2)))])
    + u8(MANY) + u8(10) + u8(1)
)

# Threads 0..4 before the first sheet, and too late.
SEEDS["19-threads"] = (
    header(pattern=3, level=6)
    + u8(THREADS) + u8(3)
    + u8(THREADS) + u8(4)
    + sheet("T")
    + u8(THREADS) + u8(2)
    + u8(MANY) + u8(39) + u8(3)
    + typed_row([(T_STRING, text("threads"))])
)

# Data validations and conditional formats (opcode 34): every type, bad ranges, types,
# operators, a list over 255 characters, a 33-character title; rules to the last row
# carried over to a continuation sheet.
RULES = 34


def rule(sel, r1, c1, r2=0, c2=0):
    """sel: 1 r1 as u32, 2 last row FAST_LAST_ROW, 4 r2 as u32, 8 c2 as u32, 16 validation, 32 options,
    64 strikeout on a format, 128 stop-if-true."""
    b = u8(RULES) + u8(sel) + (u32(r1) if sel & 1 else u8(r1)) + u8(c1)
    if not sel & 2:
        b += u32(r2) if sel & 4 else u8(r2)
    b += u32(c2) if sel & 8 else u8(c2)
    return b + (u8(0) + u8(1) if sel & 64 else b"")  # format 0 (when there is one), strikeout on


def dv(sel, t, op, rest=b""):
    return rule(16 | sel, 1, 0, 0, 1) + u8(t) + u8(op) + rest


def cf(sel, t, rest=b"", fmt=1, r1=1, c1=0):
    return rule(sel | 2, r1, c1, 0, 1) + u8(t) + rest + (u8(fmt) if t < 17 else b"")


SEEDS["30-validation"] = (
    header()
    + u8(HEADERS) + u8(1) + u8(1)
    + u8(ROWS_PER_SHEET) + u8(1) + u8(6)
    + dv(2, 6, 0, u8(2) + text("a") + text("b"))                          # no sheet yet
    + sheet("V")
    + dv(2, 0, 0, text("Input title"))                                    # any, with a title
    + dv(2 | 32, 0, 0, text("x" * 33))                                     # a 33-character title
    + dv(2, 1, 4, u8(2) + u8(2))                                           # whole > 1
    + dv(2, 2, 0, u8(3) + u8(2))                                           # decimal between -1 and 1
    + dv(2, 3, 1, u8(15) + u8(2))                                          # NaN
    + dv(2, 4, 8, u8(0) + u8(2))                                           # bad operator
    + dv(2, 6, 0, u8(3) + text("one") + text('say "hi"') + text("caf\u00e9"))
    + dv(2, 6, 0, u8(2) + text("y" * 200) + text("z" * 55))                # 256 characters
    + dv(2, 6, 0, u8(1) + text("a,b"))
    + dv(2, 6, 0, u8(0))                                                   # a range on sheet Lists
    + dv(2, 7, 0)                                                          # custom
    + dv(2, 8, 0)                                                          # unknown type
    + rule(16 | 4, 5, 0, 3, 0) + u8(1) + u8(4) + u8(2) + u8(2)             # reversed range
    + u8(MANY) + u8(14) + u8(1)
)

SEEDS["31-cond-formats"] = (
    header()
    + u8(NEW_FORMAT) + u8(NEW_FORMAT)
    + u8(SET_FORMAT) + u8(0) + u8(5) + u32(0x9C0006)
    + u8(ROWS_PER_SHEET) + u8(1) + u8(5)
    + sheet("C")
    + cf(0, 0, u8(4) + u8(2) + u8(0))                                      # cell value > 1
    + cf(0, 0, u8(0) + u8(0) + u8(2))                                      # between 0 and 1
    + cf(128, 0, u8(8) + u8(0) + u8(0))                                    # bad operator
    + cf(0, 1)
    + cf(32, 2, u16(15) + u8(0)) + cf(32, 3, u16(101) + u8(1)) + cf(0, 3)
    + cf(0, 4, u8(2)) + cf(0, 5, u8(4))
    + cf(0, 6) + cf(0, 7)
    + cf(0, 8, text("abc")) + cf(0, 9, u8(0xF5) + u8(1) + b"x" + u16(255))  # 256 characters
    + cf(0, 10, text('a"b')) + cf(0, 11, text("z"))
    + cf(64, 12) + cf(0, 13) + cf(0, 14) + cf(0, 15)
    + cf(0, 16, u8(3)) + cf(0, 16, u8(10))
    + cf(0, 17, c1=2) + cf(0, 18, c1=3) + cf(0, 19, c1=4) + cf(0, 19, c1=4)
    + cf(0, 20, u8(16) + u8(1), c1=5) + cf(0, 20, u8(17) + u8(0))
    + cf(0, 21)
    + rule(8, 1, 3, 4, 2) + u8(6) + u8(0)                                  # reversed columns
    + u8(MANY) + u8(12) + u8(1)
)


def table(name=None, suffix=None, r1=0, c1=0, width=1, kind=0, fixed=0, calls=()):
    """fast_workbook_add_table: name an index into fuzz_api.c's names (None: the default name), r1 the
    offset from the next row, width columns (1..4; 5: too wide), kind 0 to the last row, 5 no data row,
    6 a fixed last row r1 + 1 + fixed; then setter calls (which, column offset, arguments)."""
    sel = (0 if name is None else 1) | (0x10 if suffix is not None else 0)
    out = u8(TABLE) + u8(sel)
    if name is not None:
        out += u8(name) + (u8(suffix) if suffix is not None else b"")
    out += u8(r1) + u8(c1) + u8(width - 1) + u8(kind) + (u8(fixed) if kind == 6 else b"")
    out += u8(len(calls))
    for which, col, *args in calls:
        out += u8(which) + u8(col) + b"".join(u8(a) for a in args)
    return out


T_STYLE, T_OPTION, T_FUNCTION, T_LABEL, T_FORMULA_COL, T_CUSTOM = range(6)

# Excel tables: a table with a totals row, a label, a calculated column and a style, across continuation
# sheets; a header row refused, then accepted; a date in a calculated column; sums of numbers, integers,
# dates and text.
SEEDS["20-tables"] = (
    header()
    + sheet("Data")
    + u8(HEADERS) + u8(1) + u8(1)
    + u8(ROWS_PER_SHEET) + u8(1) + u8(7)
    + table(name=0, width=4, calls=[(T_FUNCTION, 1, 1), (T_FUNCTION, 2, 2), (T_LABEL, 0), (T_FORMULA_COL, 3, 1),
                                    (T_STYLE, 0, 1)])
    + strings_row(["c0", "C0", "x", "y"])                                   # repeated header: refused
    + strings_row(["c0", "c1", "c2", "c3"])
    + row([(0, cell(K_STR, text("a"))), (1, cell(K_NUM, dbl(1.5))), (2, cell(K_INT, u8(2))), (3, cell(K_NUM, dbl(3.0)))])
    + row([(1, cell(K_DATE, u16(2024 - 1899), u8(1), u8(2))), (2, cell(K_STR, text("t"))), (3, cell(K_DATE, u16(2000 - 1899), u8(1), u8(1)))])
    + row([(1, cell(K_NUM, dbl(-4.25))), (2, cell(K_BOOL, u8(1)))])
    + u8(MANY) + u8(12) + u8(1)
    + table(name=1)                                                        # too late on this sheet
)

# Tables refused: names against the rules or in use, no data row, overlaps with a table, a merge and
# the autofilter; a fixed table; merges and autofilters over tables; a sheet that may not end yet.
SEEDS["21-table-refusals"] = (
    header(pattern=1)
    + table(name=0)                                                        # no worksheet
    + sheet("S")
    + table(name=7) + table(name=8) + table(name=10) + table(name=14) + table(name=16) + table(name=17)
    + table(name=12)                                                        # XFD1048576: a cell
    + table(name=0, kind=5)                                                 # no data row
    + table(name=0, width=5)                                                # too wide
    + u8(MERGE) + u8(0) + u8(0) + u8(0) + u8(1) + u8(1)                     # A1:B2
    + table(name=0, c1=1, width=2)                                          # over the merge
    + u8(FILTER) + u8(0) + u8(3) + u8(0) + u8(6) + u8(3)                    # D1:D4
    + table(name=0, c1=3, width=1)                                          # over the autofilter
    + table(name=0, r1=2, c1=0, width=2, calls=[(T_OPTION, 0, 5, 0), (T_OPTION, 0, 9, 1), (T_STYLE, 0, 3),
                                                (T_CUSTOM, 1), (T_FUNCTION, 5, 1), (T_FORMULA_COL, 0, 3)])
    + table(name=6, r1=2, c1=1)                                             # SALES: in use
    + table(None, r1=2, c1=5, width=1)                                      # the default name
    + u8(MERGE) + u8(0) + u8(4) + u8(5) + u8(0) + u8(0)                     # over a table
    + sheet("Next")                                                         # refused: no header rows yet
    + strings_row([])
    + strings_row([])
    + strings_row(["Sales", "b", None, None, None, "x"])                    # the header rows, C missing
    + strings_row(["Sales", "b", None, None, None, "x"])
    + sheet("Next")
    + table(name=13, c1=6, kind=6, fixed=1)                                 # XFE1: a fixed table
    + strings_row([None, None, None, None, None, None, "g", "h"])
    + strings_row([None, None, None, None, None, None, "1", "2"])
)

# 0.3 formats (setters 12..31, valid and not) and rich strings (a string cell of kind 16: cut at two
# positions into runs, each with a format byte), shared and inline, plain text beside them.
K_RICH = 16


def theme(which, t, tint, sides=1):
    return u8(SET_FORMAT) + u8(0) + u8(which) + u8(t) + u8(0) + u8(tint) + u8(sides)


SEEDS["32-formats-rich"] = (
    header()
    + u8(SST) + u8(4) + u8(3) + u8(50)
    + sheet("R")
    + u8(NEW_FORMAT) + u8(NEW_FORMAT)
    + b"".join(u8(SET_FORMAT) + u8(0) + u8(w) + a for w, a in [
        (12, u8(5) + u8(13)), (12, u8(0) + u8(1)), (12, u8(15) + u8(14)),
        (13, u8(16) + u8(0) + u32(0x336699)), (13, u8(1) + u8(1) + u32(0x1000000)),
        (18, u8(3)), (18, u8(4)), (19, u8(18)), (19, u8(19)), (20, u32(0xFFC000)),
        (21, u8(4)), (21, u8(5)), (22, u8(1)), (22, u8(3)), (23, u8(1)), (23, u8(16)), (24, u8(2)), (24, u8(4)),
        (25, u16(250)), (25, u16(251)), (26, u16(0x10000 - 45)), (26, u16(255)), (26, u16(91)),
        (27, u8(1)), (28, u8(1)), (29, u8(0)), (30, u8(1)), (31, u8(7)), (31, u8(4)), (31, u8(9))])
    + theme(14, 5, 0x100 - 25) + theme(15, 4, 60) + theme(16, 12, 0) + theme(17, 4, 40, sides=15)
    + theme(17, 4, 40, sides=0)
    + u8(SET_FORMAT) + u8(1) + u8(14) + u8(4) + u8(1) + dbl(1.5) + u8(1)                 # tint out of range
    + row([(0, cell(K_RICH, text("H2O ete"), u16(1), u16(2), u8(0), u8(1), u8(2))),
           (1, cell(K_RICH, text("x<y & z"), u16(3), u16(3), u8(1), u8(0))),
           (2, cell(K_STR, text("H2O ete"))),
           (3, cell(K_RICH, text("\u00e9t\u00e9"), u16(1), u16(2), u8(1), u8(2))),     # cuts inside characters
           (4, cell(K_RICH, text("a_x0041_"))),                                       # '_': stays plain
           (5, cell(K_FMT, u8(0)))])
    + row([(0, cell(K_RICH, text("H2O ete"), u16(1), u16(2), u8(0), u8(1), u8(2))),
           (1, cell(K_RICH, text("over the cap"), u16(4), u16(8), u8(2), u8(1), u8(0)))])
)

# Notes (opcode 39): authors, a visible note, a box, the sheet's edges, a repeated cell,
# bad text and authors, a note out of order, notes on two sheets, the notes memory limit.
NOTE = 39


def note(sel, row, col, body, author=None, box=None):
    """sel: 1 row as u32, 2 column near the last, 4 author as text, 8 author by index, 32 visible,
    64 box (width, height); sel % 16 == 15: the notes memory limit (16: 65535, else 65536 + 4 * u16)."""
    b = u8(NOTE) + u8(sel) + (u32(row) if sel & 1 else u8(row)) + u8(col) + body
    if sel & 4:
        b += text(author)
    elif sel & 8:
        b += u8(author)
    if sel & 64:
        b += u16(box[0]) + u16(box[1])
    return b


SEEDS["32-notes"] = (
    header()
    + note(0, 1, 1, text("no sheet yet"))
    + u8(NOTE) + u8(15 | 16)                                               # limit below the minimum
    + u8(NOTE) + u8(15) + u16(100)                                         # 65,936 bytes
    + sheet("N")
    + row([(0, cell(K_NUM, dbl(1.5)))])
    + note(8, 0, 0, text("First <note> & \"quoted\""), 0)
    + note(8 | 32 | 64, 2, 1, text("Visible\nbox"), 1, (300, 120))
    + note(4, 3, 2, text("Own author"), "Caf\u00e9")
    + note(8, 2, 1, text("same cell"), 1)                                   # refused: B3 has a note
    + note(0, 5, 0, b"\x00")                                                # empty text
    + note(0, 5, 0, text(b"\xff"))                                          # invalid UTF-8
    + note(4, 5, 0, text("x"), "\x01")                                      # control in the author
    + note(64, 5, 0, text("x"), box=(4500, 10))                             # box too wide
    + note(1, 1048576, 0, text("x"))                                        # row out of range
    + note(1 | 2, 1048575, 2, text("corner"))                               # XFD1048576
    + note(0, 1, 0, text("out of order"))
    + note(0, 0, 0, text("again"))                                          # refused: A1, found by the set
    + note(0, 6, 0, u8(0xF0) + u8(4))                                       # 32,769 characters: too long
    + note(0, 7, 0, u8(0xF0) + u8(2))                                       # 32,767 characters
    + sheet("M")
    + note(8, 0, 0, text("second sheet"), 2)
    + row([(0, cell(K_NUM, dbl(2.5)))])
)

# Defined names (opcode 40): indexes into fuzz_api.c's op_define_name lists
# (names: 0 Sales, 1 SALES, 2 Rate, 4 _xlnm.Print_Area, 6 A1, 10 'a b';
# formulas: 0 0.05, 1 Sheet1!$A$1, 2 =1, 3 empty, 5 a control, 6 quoted sheet, 7 "<&>")
# and the scope byte (u8 % (sheets + 3) - 2: 1 the workbook, 2 the first sheet).
DEFNAME = 40


def defname(name, formula, scope):
    return u8(DEFNAME) + u8(name) + u8(formula) + u8(scope)


SEEDS["33-defined-names"] = (
    header()
    + defname(2, 0, 1)                     # no sheet: FAST_SCOPE_WORKBOOK still works
    + sheet("Sheet1")
    + defname(0, 1, 1)                     # Sales, workbook scope
    + defname(1, 2, 1)                     # SALES: taken at workbook scope
    + defname(1, 6, 2)                     # SALES on sheet 0
    + defname(4, 1, 2)                     # _xlnm.: reserved
    + defname(6, 0, 1)                     # A1: a cell reference
    + defname(10, 0, 1)                    # a space
    + defname(3, 3, 1)                     # empty formula
    + defname(3, 5, 1)                     # a control character
    + defname(3, 7, 3)                     # scope 1: no such sheet yet
    + row([(0, cell(K_NUM, dbl(1.5)))])
    + sheet("Two")
    + defname(3, 7, 3)                     # rate on sheet 1
)

# Outlines (opcode 41): levels, summary, column outlines (merged with a width), outlined rows,
# a row deeper than declared (refused), settings after the first row (too late), a second sheet.
OUTLINE = 41


def outline(sel, a=0, b=0, c=0):
    """sel % 4: 0 levels (a % 9 rows, b % 9 columns), 1 summary (a: 1 below, 2 right), 2 column
    outline (first a % 34, last first + b % 6 - 1 or, with sel & 16, the last column (+ b % 2),
    level c % 9, c & 16 hidden, c & 32 collapsed), 3 the next row's outline (level a % 9, b & 1
    hidden, b & 2 collapsed) and an empty row written."""
    return u8(OUTLINE) + u8(sel) + u8(a) + u8(b) + u8(c)


SEEDS["33-outlines"] = (
    header()
    + outline(3, 1)                                                         # no sheet yet
    + sheet("O")
    + outline(0, 8, 0)                                                      # level 8: refused
    + outline(0, 2, 2)
    + outline(1, 0)                                                         # summaries above and left
    + outline(2, 1, 4, 1)                                                   # B..D level 1
    + outline(2, 2, 2, 2 | 16)                                              # C level 2, hidden
    + outline(2, 5, 1, 32)                                                  # F collapsed
    + outline(2, 3, 0, 1)                                                   # reversed
    + outline(2 | 16, 0, 1, 1)                                              # past the last column
    + outline(2, 0, 1, 3)                                                   # level 3 above 2
    + outline(3, 1)
    + outline(3, 2, 1)
    + outline(3, 1, 2)
    + outline(3, 3)                                                         # above 2: refused
    + outline(3, 9)                                                         # not 0..7
    + row([(0, cell(K_NUM, dbl(1.5)))])
    + outline(0, 1, 1)                                                      # too late
    + outline(2, 0, 1, 1)
    + sheet("P")
    + outline(1, 1)
    + outline(3, 1)                                                         # refused: level 0 declared
    + row([(0, cell(K_NUM, dbl(2.5)))])
)

# The active sheet (opcode 43): refused names, a name given before its sheet exists (a continuation's),
# too late once the first sheet has a row, hiding the active sheet refused, a hidden sheet after it.
ACTIVE = 43


def active(sel, *payload):
    """sel % 4: 0 NULL (sel & 4: with a length u8 % 4 + 1), 1 a sheet's name (u8 picks it; sel & 8 swaps the
    case of its letters, sel & 16 adds " (2)"), 2 one of a few names (u8), 3 a text."""
    return u8(ACTIVE) + u8(sel) + b"".join(payload)


def state(v):
    return u8(PRINT) + u8(9) + u8(v)  # op_print's fast_workbook_set_sheet_state()


SEEDS["35-active-sheet"] = (
    header()
    + active(3, text("x" * 32))                                             # no sheet name is that long
    + active(3, text(b"a\xff"))                                             # invalid UTF-8
    + active(4, u8(1))                                                      # NULL with a length
    + active(2, u8(4))                                                      # "data (2)", a continuation
    + u8(ROWS_PER_SHEET) + u8(1) + u8(3)
    + sheet("One")
    + row([(0, cell(K_NUM, dbl(1.5)))])
    + active(3, text("One"))                                                # too late
    + sheet("Data")
    + b"".join(row([(0, cell(K_NUM, dbl(i)))]) for i in range(5))         # Data, then Data (2)
    + sheet("Three")
    + state(1)
    + row([(0, cell(K_NUM, dbl(3)))])
)

SEEDS["36-active-sheet-hidden"] = (
    header()
    + sheet("One")
    + active(3, text("TWO"))
    + row([(0, cell(K_NUM, dbl(1)))])
    + sheet("Two")
    + state(1)                                                              # the active sheet: refused
    + state(2)                                                              # refused
    + row([(0, cell(K_NUM, dbl(2)))])
    + sheet("Hid")
    + state(2)
    + active(1 | 8, u8(1))                                                  # "tWO": too late
    + active(0)                                                             # NULL/0: too late too
)

# The page setup read back (op_print): margins, fit to pages, paper, a print area to the last row and print
# titles carried to a continuation sheet, sheet protection with a password and options, the structure locked,
# a fixed print area on another sheet, refusals (a NaN margin, paper 200).
def print_call(sel, *payload):
    """op_print: sel % 12 picks the call, sel's higher bits its variants (30: margins as doubles, 43: an area to
    the last row, 59: the structure's protection)."""
    return u8(PRINT) + u8(sel) + b"".join(payload)


SEEDS["37-print-read-back"] = (
    header()
    + u8(ROWS_PER_SHEET) + u8(1) + u8(4)
    + sheet("Bob's")
    + print_call(6, u8(5), u8(7), u8(10), u8(10), u8(3), u8(3))            # margins
    + print_call(30, DBL_NAN, dbl(0.5), dbl(0.5), dbl(0.5), dbl(0.5), dbl(0.5))  # refused
    + print_call(2, u8(2), u8(0))                                           # 2 pages wide
    + print_call(8, u8(9), u8(0), u8(0))                                    # paper 9
    + print_call(8, u8(200), u8(0), u8(0))                                  # paper 200: refused
    + print_call(43, u8(1), u8(0), u8(3), u8(0))                        # area A2:C(last)
    + print_call(7, u8(0), u8(0), u8(1), u8(1), u8(1))                      # title row 1
    + print_call(7, u8(0), u8(1), u8(1), u8(2), u8(2))                      # title columns B:C
    + print_call(11, text("password"), u16(0x0301))                         # format cells, sort, autofilter
    + print_call(59, text("secret"), u16(0))                           # the structure
    + b"".join(row([(0, cell(K_NUM, dbl(i)))]) for i in range(6))         # Bob's, then Bob's (2)
    + sheet("Two")
    + print_call(7, u8(2), u8(3), u8(4), u8(4), u8(0))                      # area D3:G6
    + print_call(11, text(""), u16(0x7FFF))                                 # every option, no password
    + row([(0, cell(K_NUM, dbl(1)))])
)

# Charts (opcode 38 with a selector >= 0xC0: op_chart) and their axis options (opcode 42:
# op_chart_axes, on the last chart added): titles, ranges, gridlines, and their refusals.
IMAGE, CHART_AXES = 38, 42
C_COLUMN, C_BAR, C_PIE, C_SCATTER = 1, 4, 9, 11


def chart(kind, col):
    """A chart at (0, col): a series over rows 2.. (FAST_LAST_ROW) of columns A (categories) and B, a
    title, the legend on the right, no labels, the value axis' and labels' number formats "0.0"."""
    return (u8(IMAGE) + u8(0xC0) + u8(kind) + u8(0) + u8(0) + u8(col)
            + u8(1) + u8(1) + u8(1) + u8(1) + u8(0) + u8(0) + text("T") + u8(1) + u8(0) + u8(0) + u8(5))


def axes(*calls):
    return u8(CHART_AXES) + u8(len(calls) - 1) + b"".join(calls)


# Axis title texts: 0 empty, 1 Units, 2 markup, 3 non-ASCII with a tab, 4 bad UTF-8, 5 a control,
# 6 256 characters, 7 255 three-byte characters. Range ends: 0 0, 1 1, 2 -2.5, 3 1e6, 4 0.1, 5 7, 6 NaN, 7 inf.
def axis_title(axis, k): return u8(axis) + u8(k)
def axis_range(axis, lo, hi): return u8(axis + 8) + u8(lo + 8 * hi)
def axis_grid(axis, shown): return u8(axis + 16) + u8(shown + 1)
def bad_axis(j): return u8(7 + 8 * j) + u8(1)  # j 0: axis -1 (title), 3: axis 2 (title), 4: axis 3 (range)


SEEDS["38-chart-axes"] = (
    header()
    + sheet("C")
    + chart(C_COLUMN, 3)
    + axes(axis_title(0, 1), axis_title(1, 2), axis_range(1, 2, 3))
    + axes(axis_grid(0, 1), axis_grid(1, 0), axis_range(0, 0, 1))           # no range on a category axis
    + axes(axis_range(1, 6, 1), axis_range(1, 1, 7), axis_range(1, 5, 1))    # NaN, inf, reversed
    + axes(axis_title(0, 0), axis_title(0, 4), axis_title(0, 5))             # empty, bad UTF-8, control
    + axes(axis_title(1, 6), axis_title(1, 7), axis_grid(1, 2))              # too long, 255 chars, not 0/1
    + axes(bad_axis(0), bad_axis(3), bad_axis(4))
    + chart(C_SCATTER, 12)
    + axes(axis_range(0, 0, 4), axis_range(1, 2, 1), axis_title(0, 3))
    + axes(axis_range(1, 1, 1))                                              # min = max
    + chart(C_PIE, 20)
    + axes(axis_title(1, 1), axis_range(1, 0, 1), axis_grid(0, 1))           # no axes
    + chart(C_BAR, 28)
    + axes(axis_title(0, 1), axis_title(1, 1), axis_grid(1, 0))
    + row([(0, cell(K_STR, text("x"))), (1, cell(K_NUM, dbl(1.5)))])
    + row([(0, cell(K_NUM, dbl(2))), (1, cell(K_NUM, dbl(-3)))])
    + sheet("D")
    + axes(axis_title(0, 1), axis_grid(1, 1))                                # the bar chart's sheet has ended
)

for name, data in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
print("wrote %d seeds to %s" % (len(SEEDS), OUT))
