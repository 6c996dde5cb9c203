#!/usr/bin/env bash
# The koffi test: node test.js under a time limit (a hang fails the test, as the
# callback from the worker thread did before 0.2), then openpyxl reads the result.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/fastxlsx-node-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
rows=${NODE_TEST_ROWS:-200000}
start=$(date +%s)
if ! timeout 120 node "$here/test.js" "$tmp/node.xlsx" "$rows"; then
    echo "FAIL: node test failed or hung (exit status ${PIPESTATUS[0]:-?}; 124 means the 120 s limit)"
    exit 1
fi
/usr/bin/python3 - "$tmp/node.xlsx" "$rows" <<'PY'
import datetime, sys, openpyxl
path, rows = sys.argv[1], int(sys.argv[2])
wb = openpyxl.load_workbook(path, read_only=True)
ws = wb["Node"]
n = 0
for i, row in enumerate(ws.iter_rows(values_only=True)):
    if i == 0:
        assert row == ("name", "amount", "count", "even", "day"), row
        continue
    r = i - 1
    if r % 9973 == 0 or r == rows - 1:
        want = ("row %d \u2713" % r, r / 4, r * 3, r % 2 == 0,
                datetime.datetime(1970, 1, 1) + datetime.timedelta(days=19000 + r % 1000))
        assert row == want, (row, want)
    n += 1
assert n == rows, n
copied = list(wb["Copied"].iter_rows(values_only=True))
assert len(copied) == 1000 and copied[999] == ("copied 999", 999), copied[-1]
print("node: openpyxl read %d rows back" % n)
PY
echo "node test: passed in $(( $(date +%s) - start )) s"
