#!/usr/bin/env bash
# Page setup, print area and titles and ignored errors read back by readers that
# understand them: tests/readers/write_print.c writes a workbook with every setting;
# openpyxl (print_openpyxl.py) and Apache POI (PoiPrint.java) dump what they read, and
# print_compare.py compares each dump with print.expect.json (POI also reads the
# ignoredErrors, which openpyxl drops). csv2xlsx on examples/data/zipcodes.csv: POI
# must find the ZIP column's text cells ("00501") under numberStoredAsText, and none
# with --text-number-warnings.
#
# BUILD: the build tree (write_print, csv2xlsx); POI_CLASSPATH: POI and the compiled
# schemas (make reader-test sets them).
set -uo pipefail
BUILD=${BUILD:-build}
PY=/usr/bin/python3
HERE=tests/readers
out=$(mktemp -d /tmp/fastxlsx-print.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $out"; else trap 'rm -rf "$out"' EXIT; fi
rc=0
fail() { echo "FAIL: $*"; rc=1; }

echo "== page setup, print titles and ignored errors, read back"
"$BUILD/tests/write_print" "$out/print.xlsx" || { echo "FAIL: write_print"; exit 1; }
bash tests/tools/validate-xlsx -x -q "$out/print.xlsx" >"$out/validate.log" 2>&1 ||
    { fail "print.xlsx: ECMA-376 schemas"; tail -20 "$out/validate.log"; }
$PY $HERE/print_openpyxl.py "$out/print.xlsx" "$out/openpyxl.json" || fail "openpyxl dump"
mkdir -p "$out/classes"
javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" $HERE/PoiPrint.java &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiPrint "$out/print.xlsx" "$out/poi.json" || fail "POI dump"
$PY $HERE/print_compare.py $HERE/print.expect.json openpyxl="$out/openpyxl.json" poi="$out/poi.json" || rc=1
# The comparison can fail: POI's dump with the scale, a footer, an ignored range and the active sheet changed.
$PY - "$out/poi.json" "$out/tampered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["Print"]["scale"] = 80
d["Print"]["oddFooter"] = "&CR&D"
d["Bob's list"]["ignored"]["formula"] = ["A1:A9"]
d["Print"]["active"] = True
json.dump(d, open(sys.argv[2], "w"))
PY
if $PY $HERE/print_compare.py $HERE/print.expect.json poi="$out/tampered.json" >"$out/neg.log" 2>&1 ||
    ! grep -q "FAIL (4)" "$out/neg.log"; then
    fail "print_compare.py does not report the four changes of a tampered dump:"; sed 's/^/    /' "$out/neg.log"
else
    echo "print_compare.py self-test: a tampered dump gives its four differences"
fi

echo "== csv2xlsx: ZIP codes kept as text, their warnings off (POI's getIgnoredErrors)"
"$BUILD/csv2xlsx" examples/data/zipcodes.csv -o "$out/zip.xlsx" >/dev/null || fail "csv2xlsx zipcodes"
"$BUILD/csv2xlsx" --text-number-warnings examples/data/zipcodes.csv -o "$out/zipw.xlsx" >/dev/null ||
    fail "csv2xlsx --text-number-warnings"
java -cp "$out/classes:$POI_CLASSPATH" PoiPrint "$out/zip.xlsx" "$out/zip.json" &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiPrint "$out/zipw.xlsx" "$out/zipw.json" || fail "POI dump of zip.xlsx"
$PY - "$out/zip.json" "$out/zipw.json" "$out/zip.xlsx" <<'PY' || rc=1
import json, re, sys, openpyxl
d, w = json.load(open(sys.argv[1]))["zipcodes"], json.load(open(sys.argv[2]))["zipcodes"]
ok = True
def check(cond, what):
    global ok
    print(("ok   " if cond else "FAIL ") + what)
    ok &= bool(cond)
check(d["ignored"] == {"numberStoredAsText": ["A2:A42050"]}, f"ignored errors {d['ignored']}")
check(w["ignored"] == {}, f"--text-number-warnings: ignored errors {w['ignored']}")
check(d["titleRows"] == [0, 0], f"print titles {d['titleRows']}")
# Every text cell that looks like a number is in a range POI reports.
ws = openpyxl.load_workbook(sys.argv[3], read_only=True).active
num = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
cells = [(r, c) for r, row in enumerate(ws.iter_rows(values_only=True), 1) if r > 1
         for c, v in enumerate(row) if isinstance(v, str) and num.fullmatch(v)]
check(len(cells) > 0 and {c for _, c in cells} == {0} and max(r for r, _ in cells) <= 42050,
      f"{len(cells)} number-like text cells, all in column A rows 2..42050")
sys.exit(0 if ok else 1)
PY
exit $rc
