#!/usr/bin/env bash
# The Node.js module's tests (examples/node/fastxlsx.js, koffi pinned in
# examples/node/package-lock.json): node test.js under a time limit (a hang
# fails the test, as the callback from the worker thread did before 0.2), with
# garbage collection exposed so that it can run between rows, then openpyxl
# reads every workbook it wrote, every cell of the temporary-strings sheet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/fastxlsx-node-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
rows=${NODE_TEST_ROWS:-200000}
start=$(date +%s)
if ! timeout 180 node --expose-gc "$here/test.js" "$tmp" "$rows"; then
    echo "FAIL: node test failed or hung (exit status ${PIPESTATUS[0]:-?}; 124 means the 180 s limit)"
    exit 1
fi
/usr/bin/python3 - "$tmp" "$rows" <<'PY'
import datetime as dt, os, sys, openpyxl
d, rows = sys.argv[1], int(sys.argv[2])
ws = openpyxl.load_workbook(os.path.join(d, "callback.xlsx"), read_only=True)["Node"]
n = 0
for i, row in enumerate(ws.iter_rows(values_only=True)):
    if i == 0:
        assert row == ("name", "amount", "count", "even", "when", "note"), row
        continue
    r = i - 1
    note = "x" * (r % 50) + str(r) if r % 3 == 0 else "n%d" % ((r * 7919) % 100003)
    when = dt.datetime(2022, 1, 1) + dt.timedelta(days=r % 1000, milliseconds=r)
    want = ("row %d \u2713" % r, r / 4, r * 3, r % 2 == 0, when, note)
    assert row == want, (row, want)
    n += 1
assert n == rows, n
print("node: openpyxl read all %d rows of temporary strings back" % n)

wb = openpyxl.load_workbook(os.path.join(d, "features.xlsx"))
assert wb.sheetnames == ["Data", "Data (2)"], wb.sheetnames
assert wb.properties.title == "Node features" and wb.properties.creator == "Tests"
a, b = wb["Data"], wb["Data (2)"]
assert list(a.values) == [("item", "price", "day", "ok"), ("apples", 1.5, dt.datetime(2024, 5, 1), True),
                          ("pears", None, dt.datetime(2024, 5, 2), False), ("plums", 2.25, None, None)], list(a.values)
assert list(b.values) == [("item", "price", "day", "ok"),
                          ("figs", 9007199254740993, dt.datetime(1999, 12, 31, 23, 59, 59), True)], list(b.values)
assert a["A1"].font.b and b["A1"].font.b and a["A1"].fill.fgColor.rgb.endswith("D9E1F2")
assert a["A1"].alignment.horizontal == "center"
assert a["B2"].number_format == "#,##0.00" and a["C2"].number_format == "yyyy-mm-dd", a["C2"].number_format
assert a.freeze_panes == "A2" and b.freeze_panes == "A2"
assert abs(a.column_dimensions["A"].width - 20.7109375) < 1e-9, a.column_dimensions["A"].width
assert a.auto_filter.ref == "A1:D4", a.auto_filter.ref
assert a["A2"].hyperlink.target == "https://example.com/apples"
assert a["A3"].hyperlink.location == "'Data (2)'!A2", a["A3"].hyperlink.location
assert [str(m) for m in a.merged_cells.ranges] == ["C4:D4"]

for name, sheet, row in (("writer.xlsx", "W", ("via write()", 1)), ("fd.xlsx", "F", ("via a descriptor", 2))):
    got = list(openpyxl.load_workbook(os.path.join(d, name))[sheet].values)
    assert got == [row], (name, got)
assert list(openpyxl.load_workbook(os.path.join(d, "errors.xlsx"))["E"].values) == [("after the refusals", 1)]
assert list(openpyxl.load_workbook(os.path.join(d, "nan.xlsx"))["N"].values) == [(None, 1.5, "x")]
print("node: openpyxl read the other workbooks back")
PY
echo "node test: passed in $(( $(date +%s) - start )) s"
