#!/bin/bash
# check_identical.sh - both engines of bench_write write the same values.
#
# For W1 (mixed) and W2 (strings) at $ROWS rows (default 3000), writes a workbook
# with fastxlsx and one with libxlsxwriter, and compares every cell's value and
# type with openpyxl (bench/compare_xlsx.py), and each against the values the
# workload defines. Then a negative control: one cell of a copy of the
# libxlsxwriter workbook is changed, and the comparison must report exactly
# that one failure.
# BENCH_CHECK_SHEETS=1 also checks the sheet rollover (1,048,576 rows per sheet)
# with 1,048,577 written rows per workload (about a minute more).
#
# Prints "N passed, N failed" (checks: cells, sheet names, dimensions); exits 1
# on any failure. Run by `make bench-check`.
set -u
BENCH_WRITE=${BENCH_WRITE:-build/bench_write}
PYTHON=${PYTHON:-/usr/bin/python3}
ROWS=${ROWS:-3000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/bench-check.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if ! "$PYTHON" -c 'import openpyxl' 2>/dev/null; then
    echo "check_identical: $PYTHON cannot import openpyxl (apt-get install python3-openpyxl)" >&2
    exit 2
fi

total_pass=0
total_fail=0

# compare LABEL ARGS...: runs compare_xlsx.py, adds its counts to the totals.
compare() {
    local label=$1 out rc p f
    shift
    out=$("$PYTHON" "$here/compare_xlsx.py" "$@")
    rc=$?
    echo "$out" | sed "s/^/   /"
    read -r p f < <(echo "$out" | sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -1)
    if [ -z "${p:-}" ]; then
        echo "   $label: compare_xlsx.py failed (exit $rc)"
        p=0 f=1
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    return $rc
}

write() { # ENGINE WORKLOAD ROWS FILE
    "$BENCH_WRITE" --engine "$1" --workload "$2" --rows "$3" -o "$4" >/dev/null ||
        { echo "   bench_write --engine $1 --workload $2 failed"; total_fail=$((total_fail + 1)); }
}

for w in mixed strings; do
    echo "== $w, $ROWS rows: fastxlsx vs libxlsxwriter"
    write fastxlsx "$w" "$ROWS" "$tmp/fx-$w.xlsx"
    write libxlsxwriter "$w" "$ROWS" "$tmp/lxw-$w.xlsx"
    compare "$w" --workload "$w" --rows "$ROWS" "$tmp/fx-$w.xlsx" "$tmp/lxw-$w.xlsx"
done

if [ "${BENCH_CHECK_SHEETS:-0}" = 1 ]; then
    big=1048577
    for w in mixed strings; do
        echo "== $w, $big rows (two sheets; cells of the last sheet compared)"
        write fastxlsx "$w" "$big" "$tmp/fx-big.xlsx"
        write libxlsxwriter "$w" "$big" "$tmp/lxw-big.xlsx"
        compare "$w-big" --workload "$w" --rows "$big" --last-sheet-only "$tmp/fx-big.xlsx" "$tmp/lxw-big.xlsx"
        rm -f "$tmp/fx-big.xlsx" "$tmp/lxw-big.xlsx"
    done
fi

# Negative control: F2 (36) becomes 37 in a copy of the libxlsxwriter W1 workbook.
echo "== negative control: W1 with F2 changed from 36 to 37 in the libxlsxwriter workbook"
"$PYTHON" - "$tmp/lxw-mixed.xlsx" "$tmp/lxw-bad.xlsx" <<'EOF'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for info in zi.infolist():
        data = zi.read(info)
        if info.filename == "xl/worksheets/sheet1.xml":
            old = b'<c r="F2"><v>36</v></c>'
            assert data.count(old) == 1, "F2 not found"
            data = data.replace(old, b'<c r="F2"><v>37</v></c>')
        zo.writestr(info, data)
EOF
neg=$("$PYTHON" "$here/compare_xlsx.py" --workload mixed --rows "$ROWS" "$tmp/fx-mixed.xlsx" "$tmp/lxw-bad.xlsx")
neg_rc=$?
echo "$neg" | grep -v '16 significant digits' | sed "s/^/   /"
if [ $neg_rc -eq 1 ] && echo "$neg" | grep -q "^mixed: [0-9]* passed, 1 failed$" &&
    echo "$neg" | grep -q "DIFF Sheet1!F2: A 36 .* B 37 "; then
    echo "   negative control: the changed cell was reported (expected)"
    total_pass=$((total_pass + 1))
else
    echo "   negative control: the changed cell was NOT reported as the only failure"
    total_fail=$((total_fail + 1))
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
