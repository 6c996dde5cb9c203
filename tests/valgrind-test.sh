#!/usr/bin/env bash
# The unit tests, the examples and csv2xlsx on real data under valgrind's
# memcheck: no invalid access, no uninitialised read, no leak.
set -euo pipefail
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible)
pass=0
fail=0
run() {
    local name=$1; shift
    if "${vg[@]}" "$@" >"$tmp/out" 2>&1; then pass=$((pass + 1)); else
        echo "FAIL: $name"; tail -40 "$tmp/out"; fail=$((fail + 1)); fi
}
for t in "$BUILD"/tests/test_*; do
    # test_determinism writes one workbook 16,000 times to move the compressor around: 50 are enough here.
    FX_DETERMINISM_RUNS=50 run "$(basename "$t")" "$t"
done
run hello "$BUILD/hello" "$tmp/hello.xlsx"
run "csv2xlsx airports.csv" "$BUILD/csv2xlsx" examples/data/airports.csv -o "$tmp/airports.xlsx"
run "csv2xlsx stdin to stdout" sh -c "$BUILD/csv2xlsx - < examples/data/seattle-weather.csv > $tmp/w.xlsx"
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
