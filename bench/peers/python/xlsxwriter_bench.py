"""W1 and W2 of bench/bench_write.c through XlsxWriter with constant_memory.

    python xlsxwriter_bench.py mixed|strings ROWS OUT.xlsx

Each cell goes through the typed method for its value (write_number, write_string,
write_boolean), which is what write() would pick, without its type dispatch.
"""
import sys

import xlsxwriter

from workload import SHEET_ROWS, parse_args, sheets


def main():
    workload, rows, out = parse_args(sys.argv, "xlsxwriter_bench.py")
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet()
    row = 0
    for values in sheets(workload, rows):
        if row == SHEET_ROWS:
            ws = wb.add_worksheet()
            row = 0
        write_number, write_string, write_boolean = ws.write_number, ws.write_string, ws.write_boolean
        for c, v in enumerate(values):
            if v is True or v is False:
                write_boolean(row, c, v)
            elif isinstance(v, str):
                write_string(row, c, v)
            else:
                write_number(row, c, v)
        row += 1
    wb.close()


if __name__ == "__main__":
    main()
