#!/usr/bin/env bash
# SIGKILL test: csv2xlsx converting a few million short rows is killed at many
# moments: after a sweep of delays over the whole run, and exactly inside the
# commit (an LD_PRELOAD shim raising SIGKILL before or after the temporary
# file's fsync, link and close, the rename, and the directory's fsync). After
# each kill the destination is byte-identical to what it held before or to the
# complete new workbook (which openpyxl opens), never anything else. Where the
# file system takes unnamed files (O_TMPFILE) nothing else is left, except
# when the kill lands between the link that names the temporary file and the
# rename; elsewhere a file left over is the temporary file, recognisable by its
# name (.dest.xlsx.XXXXXX.tmp). The shim also fails the directory fsync, where
# csv2xlsx must say that the workbook was written but may not be durable.
set -euo pipefail
shopt -s nullglob dotglob
BUILD=${BUILD:-build}
ROWS=${ROWS:-1200000} # two sheets: the first is full at 1,048,576 rows
csv2xlsx=$BUILD/csv2xlsx
shim=$(cd "$BUILD/tests" && pwd)/kill_shim.so
tmp=$(mktemp -d /tmp/fastxlsx-kill-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out" "$tmp/ref"
fail=0
runs=0
declare -A seen=()

awk -v n="$ROWS" 'BEGIN { print "id,name,value"; for (i = 1; i < n; i++) printf "%d,r%d,%d.5\n", i, i % 1000, i }' \
    > "$tmp/in.csv"
printf 'id,name\n1,old\n' > "$tmp/old.csv"
"$csv2xlsx" "$tmp/old.csv" -o "$tmp/old.xlsx" 2>/dev/null
start=$(date +%s.%N)
"$csv2xlsx" "$tmp/in.csv" -o "$tmp/ref/dest.xlsx" 2>/dev/null
end=$(date +%s.%N)
T=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
/usr/bin/python3 - "$tmp/ref/dest.xlsx" "$ROWS" <<'PY'
import sys, zipfile, openpyxl
path, rows = sys.argv[1], int(sys.argv[2])
assert zipfile.ZipFile(path).testzip() is None, "bad CRC"
wb = openpyxl.load_workbook(path, read_only=True)
assert wb.sheetnames == ["in", "in (2)"], wb.sheetnames
first, second = wb["in"], wb["in (2)"]
assert first.max_row == 1048576 and second.max_row == rows - 1048576 + 1, (first.max_row, second.max_row)
assert list(first.iter_rows(max_row=2, values_only=True)) == [("id", "name", "value"), (1, "r1", 1.5)]
PY

dest=$tmp/out/dest.xlsx
# Whether the library's temporary file is unnamed here (O_TMPFILE): then no kill leaves one behind.
unnamed=$(/usr/bin/python3 -c 'import os, sys
try:
    os.close(os.open(sys.argv[1], os.O_TMPFILE | os.O_WRONLY, 0o600)); print(1)
except (OSError, AttributeError):
    print(0)' "$tmp/out")
echo "sigkill: unnamed temporary files (O_TMPFILE): $([ "$unnamed" = 1 ] && echo yes || echo no)"
# One killed run; $1 says which outcomes are allowed: old, new or either; $3 whether a
# temporary file may be left with unnamed files: none, or window (killed between the link
# and the rename). Without unnamed files one may be left, but not after the rename.
check() {
    local expect=$1 what=$2 leftover=${3:-none} got
    runs=$((runs + 1))
    if cmp -s "$dest" "$tmp/old.xlsx"; then got=old
    elif cmp -s "$dest" "$tmp/ref/dest.xlsx"; then got=new
    else got=other; fi
    if [ "$got" = other ] || { [ "$expect" != either ] && [ "$got" != "$expect" ]; }; then
        echo "FAIL: $what: the destination is $got (expected $expect)"; fail=$((fail + 1))
        cp "$dest" "$BUILD/tests/sigkill-bad.xlsx" 2>/dev/null || true # kept for a look
    fi
    seen[$got]=$((${seen[$got]:-0} + 1))
    local f
    for f in "$tmp"/out/*; do
        case ${f##*/} in
        dest.xlsx) ;;
        *)
            if [[ ! ${f##*/} =~ ^\.dest\.xlsx\.[A-Za-z0-9]{6}\.tmp$ ]]; then
                echo "FAIL: $what: unexpected file ${f##*/}"; fail=$((fail + 1))
            elif [ "$unnamed" = 1 ] && [ "$leftover" = none ]; then
                echo "FAIL: $what: temporary file ${f##*/} left with O_TMPFILE"; fail=$((fail + 1))
            elif [ "$got" = new ] && [ "$expect" = new ]; then
                echo "FAIL: $what: temporary file ${f##*/} left after the rename"; fail=$((fail + 1))
            fi
            seen[temp]=$((${seen[temp]:-0} + 1))
            rm -f "$f" ;;
        esac
    done
}

# A sweep of delays over the run: from the start to past its end.
for frac in 0 0.02 0.05 0.1 0.2 0.35 0.5 0.65 0.8 0.9 0.95 1.0 1.1; do
    cp "$tmp/old.xlsx" "$dest"
    d=$(awk -v t="$T" -v f="$frac" 'BEGIN { printf "%.3f", t * f }')
    "$csv2xlsx" "$tmp/in.csv" -o "$dest" 2>/dev/null &
    pid=$!
    sleep "$d"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    check either "killed after ${d}s"
done
echo "sigkill: delay sweep over ${T}s: ${seen[old]:-0} times the old file (${seen[temp]:-0} temporary files left), ${seen[new]:-0} times the new one"

# Exactly inside the commit.
# With unnamed files: fsync, linkat (naming it .dest.xlsx.XXXXXX.tmp), close, renameat, fsync
# of the directory; without: fsync, close, renameat, fsync of the directory (no linkat).
specs=("fsync 1 before:old:none" "fsync 1 after:old:none" "close 1 before:old:window" "close 1 after:old:window"
       "renameat 1 before:old:window" "renameat 1 after:new:none" "fsync 2 before:new:none" "fsync 2 after:new:none")
[ "$unnamed" = 1 ] && specs+=("linkat 1 before:old:none" "linkat 1 after:old:window")
for spec in "${specs[@]}"; do
    cp "$tmp/old.xlsx" "$dest"
    call=${spec%%:*} rest=${spec#*:}
    set +e
    { FX_KILL_SHIM=$call LD_PRELOAD=$shim "$csv2xlsx" "$tmp/in.csv" -o "$dest"; } 2>/dev/null
    rc=$?
    set -e
    [ "$rc" -eq 137 ] || { echo "FAIL: $call: not killed (exit $rc)"; fail=$((fail + 1)); }
    check "${rest%%:*}" "killed at $call" "${rest##*:}"
done

# The directory fsync failing: the workbook is in place, and csv2xlsx says so.
cp "$tmp/old.xlsx" "$dest"
set +e
FX_KILL_SHIM="fsync 2 fail" LD_PRELOAD=$shim "$csv2xlsx" "$tmp/in.csv" -o "$dest" 2>"$tmp/err"
rc=$?
set -e
check new "directory fsync failing"
if [ "$rc" -ne 1 ] || ! grep -q "renamed into place" "$tmp/err" || grep -q "was not written" "$tmp/err"; then
    echo "FAIL: directory fsync failing: exit $rc, message:"; cat "$tmp/err"; fail=$((fail + 1))
fi
# The file's own fsync failing: nothing changes, and csv2xlsx says so.
cp "$tmp/old.xlsx" "$dest"
set +e
FX_KILL_SHIM="fsync 1 fail" LD_PRELOAD=$shim "$csv2xlsx" "$tmp/in.csv" -o "$dest" 2>"$tmp/err"
rc=$?
set -e
left=("$tmp"/out/*)
[ "${#left[@]}" -eq 1 ] || { echo "FAIL: files left after a failed fsync: ${left[*]}"; fail=$((fail + 1)); }
check old "file fsync failing"
if [ "$rc" -ne 1 ] || ! grep -q "was not written" "$tmp/err"; then
    echo "FAIL: file fsync failing: exit $rc, message:"; cat "$tmp/err"; fail=$((fail + 1))
fi

echo "sigkill: $ROWS rows in ${T}s; $runs runs, $fail failures"
[ "$fail" -eq 0 ]
