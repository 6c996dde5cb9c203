"""W1 and W2 of bench/bench_write.c through openpyxl's write-only workbook.

    python openpyxl_bench.py mixed|strings ROWS OUT.xlsx

Workbook(write_only=True), one append() per row; openpyxl uses lxml when it is
installed (bench/peers/python/requirements.lock pins it).
"""
import sys

from openpyxl import Workbook

from workload import SHEET_ROWS, parse_args, sheets


def main():
    workload, rows, out = parse_args(sys.argv, "openpyxl_bench.py")
    wb = Workbook(write_only=True)
    k = 1
    ws = wb.create_sheet("Sheet1")
    row = 0
    for values in sheets(workload, rows):
        if row == SHEET_ROWS:
            k += 1
            ws = wb.create_sheet("Sheet%d" % k)
            row = 0
        ws.append(values)
        row += 1
    wb.save(out)


if __name__ == "__main__":
    main()
