"""The rows of bench/bench_write.c's W1 (mixed) and W2 (strings), as Python values.

r = 1..N is the data row, c = 0..18 the column (bench/README.md, Workloads): numbers
as int or float, the boolean as bool, text as str. W1 has a header row first.
"""
SHEET_ROWS = 1048576
STATUS = ["open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"]
HEADER = ["col_%d" % c for c in range(19)]


def mixed_row(r):
    frac = (r % 100000) * 0.01
    return [r, frac + 1, frac + 2, frac + 3, frac + 4,
            (r * 31 + 5) % 1000000, (r * 31 + 6) % 1000000, (r * 31 + 7) % 1000000, (r * 31 + 8) % 1000000,
            STATUS[(r + 9) % 8], STATUS[(r + 10) % 8], STATUS[(r + 11) % 8], STATUS[(r + 12) % 8],
            "customer_%d_13" % r, "customer_%d_14" % r, "customer_%d_15" % r,
            r % 2 == 1, 'note <%d> & "q"' % (r % 1000), 45000 + r % 3650]


def strings_row(r):
    b = r * 7
    return ["%d.%d" % (b + c, c) for c in range(19)]


def parse_args(argv, prog):
    if len(argv) != 4 or argv[1] not in ("mixed", "strings") or not argv[2].isdigit():
        raise SystemExit("usage: %s mixed|strings ROWS OUT.xlsx" % prog)
    return argv[1], int(argv[2]), argv[3]


def sheets(workload, rows):
    """Yields (sheet_index, rows_iterator) for each sheet: SHEET_ROWS rows per sheet."""
    def all_rows():
        if workload == "mixed":
            yield HEADER
            for r in range(1, rows + 1):
                yield mixed_row(r)
        else:
            for r in range(1, rows + 1):
                yield strings_row(r)
    return all_rows()
