#!/usr/bin/python3
"""Compare two workbooks written by bench_write (fastxlsx and libxlsxwriter) cell by
cell with openpyxl, and both against the values the workload defines.

    compare_xlsx.py --workload mixed|strings --rows N A.xlsx B.xlsx [--last-sheet-only]

A cell passes when A and B hold the same value of the same type (openpyxl
data_type and Python type) and that value is the one bench_write was asked to
write (numbers compared as numbers: an integral double reads back as int).

One known difference is allowed, counted and reported separately: libxlsxwriter
1.1.x writes numbers with printf "%.16G" (utility.h, LXW_ATTR_DBL), which does not
always round-trip a double (17 digits may be needed): 1.1400000000000001 is
written as 1.14. Such a B cell passes when A holds the exact expected double and
B == float("%.16G" % A). --strict fails those cells too.

--peer: B is another writer's (bench/peers), compared with fastxlsx's A. Passed,
and counted and reported each on its own line, so that they are seen:
- a number that B writes in another form than A, equal as a number: 36.0 for 36
  (openpyxl reads a float from one and an int from the other; Excel reads the
  same double from both);
- a number that B rounds to 15 significant digits (Excel's display precision)
  where A holds the exact double: B == float("%.15G" % A) (excelize does this);
- a sheet whose <dimension> is missing or does not match its cells (the
  dimension is then taken from B's cells, openpyxl's calculate_dimension).
Also checked, one check each: the sheet names, and each sheet's dimensions.
--last-sheet-only checks the sheet names and every sheet's row count, but reads
cells of the last sheet only (for the multi-sheet case, where reading 1M-row
sheets with openpyxl would take minutes).
Prints the differences (the first 20), then "WORKLOAD: N passed, N failed".
Exit status 1 when anything failed.
"""
import argparse
import sys

import openpyxl

SHEET_ROWS = 1048576
NCOLS = 19
STATUS = ["open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"]


def expected_rows(workload, rows):
    """Yields the expected list of 19 values of every written row, in order."""
    if workload == "mixed":
        yield ["col_%d" % c for c in range(NCOLS)]
        for r in range(1, rows + 1):
            v = [r]
            v += [(r % 100000) * 0.01 + c for c in range(1, 5)]
            v += [(r * 31 + c) % 1000000 for c in range(5, 9)]
            v += [STATUS[(r + c) % 8] for c in range(9, 13)]
            v += ["customer_%d_%d" % (r, c) for c in range(13, 16)]
            v += [r % 2 == 1, 'note <%d> & "q"' % (r % 1000), 45000 + r % 3650]
            yield v
    else:
        for r in range(1, rows + 1):
            yield ["%d.%d" % (r * 7 + c, c) for c in range(NCOLS)]


def kind(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "str"
    return type(value).__name__


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", required=True, choices=["mixed", "strings"])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--last-sheet-only", action="store_true")
    ap.add_argument("--strict", action="store_true", help="no %%.16G allowance for B")
    ap.add_argument("--peer", action="store_true",
                    help="B is another writer's: count number forms, 15-digit rounding, dimensions (see above)")
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args()

    passed = failed = rounded = forms = rounded15 = dims = 0
    shown = 0

    def fail(msg):
        nonlocal failed, shown
        failed += 1
        if shown < 20:
            print("  DIFF " + msg)
            shown += 1

    wa = openpyxl.load_workbook(args.a, read_only=True)
    wb = openpyxl.load_workbook(args.b, read_only=True)
    total = args.rows + (1 if args.workload == "mixed" else 0)
    nsheets = max(1, (total + SHEET_ROWS - 1) // SHEET_ROWS)
    names = ["Sheet%d" % (i + 1) for i in range(nsheets)]

    if wa.sheetnames == wb.sheetnames == names:
        passed += 1
    else:
        fail("sheet names: A %r, B %r, expected %r" % (wa.sheetnames, wb.sheetnames, names))

    for si, name in enumerate(names):
        if name not in wa.sheetnames or name not in wb.sheetnames:
            continue
        want_rows = min(SHEET_ROWS, total - si * SHEET_ROWS)
        sa, sb = wa[name], wb[name]
        dim = [(s.max_row, s.max_column) for s in (sa, sb)]
        if args.peer and dim[1] != (want_rows, NCOLS):
            # No (or a wrong) <dimension> element in B: the extent of its cells.
            sb.reset_dimensions()
            sb.calculate_dimension(force=True)
            dim[1] = (sb.max_row, sb.max_column)
            dims += 1
        if dim[0] == dim[1] == (want_rows, NCOLS):
            passed += 1
        else:
            fail("%s dimensions: A %r, B %r, expected %r" % (name, dim[0], dim[1], (want_rows, NCOLS)))

    if args.last_sheet_only:
        first_sheet = nsheets - 1
    else:
        first_sheet = 0
    exp = expected_rows(args.workload, args.rows)
    # Skip the rows of the sheets that are not read.
    for _ in range(first_sheet * SHEET_ROWS):
        next(exp)
    for si in range(first_sheet, nsheets):
        name = names[si]
        if name not in wa.sheetnames or name not in wb.sheetnames:
            continue
        want_rows = min(SHEET_ROWS, total - si * SHEET_ROWS)
        ia = wa[name].iter_rows(min_row=1, max_row=want_rows, max_col=NCOLS)
        ib = wb[name].iter_rows(min_row=1, max_row=want_rows, max_col=NCOLS)
        for rn in range(1, want_rows + 1):
            ra = next(ia, ())
            rb = next(ib, ())
            ev = next(exp)
            for c in range(NCOLS):
                ca = ra[c] if c < len(ra) else None
                cb = rb[c] if c < len(rb) else None
                va = getattr(ca, "value", None)
                vb = getattr(cb, "value", None)
                ta = (getattr(ca, "data_type", None), type(va).__name__)
                tb = (getattr(cb, "data_type", None), type(vb).__name__)
                where = "%s!%s%d" % (name, openpyxl.utils.get_column_letter(c + 1), rn)
                if (not args.strict and ta == tb and ta[1] == "float" and va != vb
                        and va == ev[c] and vb == float("%.16G" % va)):
                    rounded += 1
                    passed += 1
                elif (args.peer and ta[0] == tb[0] == "n" and ta[1] != tb[1]
                      and {ta[1], tb[1]} <= {"int", "float"} and va == vb and va == ev[c]):
                    forms += 1
                    passed += 1
                elif (args.peer and ta == tb and ta[1] == "float" and va != vb
                      and va == ev[c] and vb == float("%.15G" % va)):
                    rounded15 += 1
                    passed += 1
                elif ta != tb or va != vb:
                    fail("%s: A %r %r, B %r %r" % (where, va, ta, vb, tb))
                elif kind(va) != kind(ev[c]) or va != ev[c]:
                    fail("%s: both %r %r, expected %r" % (where, va, ta, ev[c]))
                else:
                    passed += 1
    if rounded:
        print("  %s: %d numbers in B equal A only at 16 significant digits (libxlsxwriter's %%.16G); "
              "counted as passed (--strict fails them)" % (args.workload, rounded))
    if forms:
        print("  %s: %d numbers in B are written in another form than A's, equal as numbers (36.0 for 36); "
              "counted as passed" % (args.workload, forms))
    if rounded15:
        print("  %s: %d numbers in B equal A only at 15 significant digits (B rounds to Excel's display "
              "precision); counted as passed" % (args.workload, rounded15))
    if dims:
        print("  %s: %d sheets of B have no <dimension> matching their cells (taken from the cells); "
              "counted as passed" % (args.workload, dims))
    print("%s: %d passed, %d failed" % (args.workload, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
