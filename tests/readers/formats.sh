#!/usr/bin/env bash
# Cell formats and rich text read back by readers that understand them:
# tests/readers/write_formats.c writes a workbook with formats of every kind (sheet
# "Formats"), rich strings (sheet "Rich") and a protected sheet with some actions allowed
# (sheet "Protected"); openpyxl (formats_openpyxl.py, rich text
# through load_workbook(rich_text=True)), Apache POI (PoiFormats.java: XSSFCellStyle,
# XSSFFont, XSSFRichTextString) and ExcelJS (formats_exceljs.js) dump what they read, and
# formats_compare.py compares each dump with formats.expect.json; LibreOffice opens it. Debian's openpyxl 3.0
# has no rich text API: its dump skips the runs, which openpyxl 3.1 checks.
#
# BUILD: the build tree (write_formats); POI_CLASSPATH: POI and the compiled schemas;
# READERS_JS: node_modules of tests/readers/package-lock.json; READERS_PY: openpyxl 3.1
# (tests/readers/requirements-openpyxl.txt) (make reader-test sets them).
set -uo pipefail
BUILD=${BUILD:-build}
PY=/usr/bin/python3
HERE=tests/readers
out=$(mktemp -d /tmp/fastxlsx-formats.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $out"; else trap 'rm -rf "$out"' EXIT; fi
rc=0
fail() { echo "FAIL: $*"; rc=1; }

echo "== cell formats and rich text, read back"
"$BUILD/tests/write_formats" "$out/formats.xlsx" || { echo "FAIL: write_formats"; exit 1; }
bash tests/tools/validate-xlsx -x -q "$out/formats.xlsx" >"$out/validate.log" 2>&1 ||
    { fail "formats.xlsx: ECMA-376 schemas"; tail -20 "$out/validate.log"; }
$PY $HERE/formats_openpyxl.py "$out/formats.xlsx" "$out/openpyxl.json" || fail "openpyxl dump"
# openpyxl 3.1 (pinned, tests/readers/requirements-openpyxl.txt) for the rich text runs
PYTHONPATH=$READERS_PY $PY $HERE/formats_openpyxl.py "$out/formats.xlsx" "$out/openpyxl31.json" ||
    fail "openpyxl 3.1 dump"
mkdir -p "$out/classes"
javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" $HERE/PoiFormats.java &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiFormats "$out/formats.xlsx" "$out/poi.json" || fail "POI dump"
NODE_PATH=$READERS_JS node $HERE/formats_exceljs.js "$out/formats.xlsx" "$out/exceljs.json" || fail "ExcelJS dump"
$PY $HERE/formats_compare.py $HERE/formats.expect.json openpyxl="$out/openpyxl.json" \
    openpyxl31="$out/openpyxl31.json" poi="$out/poi.json" exceljs="$out/exceljs.json" || rc=1
# The comparison can fail: openpyxl's dump with a border colour, a pattern, a rotation and
# a protection option changed must give exactly those four differences.
$PY - "$out/openpyxl.json" "$out/tampered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["formats"][0]["border.right"] = "medium theme:4"
d["formats"][20]["fill.pattern"] = "darkGray"
d["formats"][3]["align.rotation"] = 45
d["protection"][0]["sort"] = False
json.dump(d, open(sys.argv[2], "w"))
PY
if $PY $HERE/formats_compare.py $HERE/formats.expect.json openpyxl="$out/tampered.json" >"$out/neg.log" 2>&1 ||
    ! grep -q "FAIL (4)" "$out/neg.log"; then
    fail "formats_compare.py does not report the four changes of a tampered dump:"; sed 's/^/    /' "$out/neg.log"
else
    echo "formats_compare.py self-test: a tampered dump gives its four differences"
fi
# LibreOffice opens it: its text export of the rich text sheet holds the runs' text.
mkdir -p "$out/lo/profile/user"
timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$out/lo/profile" --convert-to \
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' --outdir "$out/lo" \
    "$out/formats.xlsx" >"$out/lo.log" 2>&1
if [ -s "$out/lo/formats-Rich.csv" ] && grep -q '^H2O été$' "$out/lo/formats-Rich.csv" &&
    grep -q '^pattern 18$' "$out/lo/formats-Formats.csv"; then
    echo "LibreOffice: opens it; the rich text reads as its runs' text"
else
    fail "LibreOffice did not read formats.xlsx as written"; cat "$out/lo.log"; ls "$out/lo"
fi
exit $rc
