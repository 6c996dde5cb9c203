#!/usr/bin/env bash
# Data validations and conditional formats read back by readers that understand them:
# tests/readers/write_rules.c writes a workbook with rules of every kind; openpyxl
# (ws.data_validations, ws.conditional_formatting), Apache POI (getDataValidations,
# getSheetConditionalFormatting; tests/readers/PoiRules.java) and ExcelJS
# (worksheet.dataValidations, worksheet.conditionalFormattings; rules_exceljs.js) dump
# what they read, and rules_compare.py compares each dump with rules.expect.json.
# LibreOffice opens both workbooks, and its PDF export of the colour-scale workbook
# must show the scale's colours, in order (rules_pdf.py reads the rendered pixels).
#
# BUILD: the build tree (write_rules); POI_CLASSPATH: POI and the compiled schemas;
# READERS_JS: node_modules of tests/readers/package-lock.json (make reader-test sets them).
set -uo pipefail
BUILD=${BUILD:-build}
PY=/usr/bin/python3
HERE=tests/readers
out=$(mktemp -d /tmp/fastxlsx-rules.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $out"; else trap 'rm -rf "$out"' EXIT; fi
rc=0
fail() { echo "FAIL: $*"; rc=1; }

echo "== data validations and conditional formats, read back"
"$BUILD/tests/write_rules" "$out/rules.xlsx" "$out/scale.xlsx" || { echo "FAIL: write_rules"; exit 1; }
for f in rules scale; do
    bash tests/tools/validate-xlsx -x -q "$out/$f.xlsx" >"$out/validate.log" 2>&1 ||
        { fail "$f.xlsx: ECMA-376 schemas"; tail -20 "$out/validate.log"; }
done
$PY $HERE/rules_openpyxl.py "$out/rules.xlsx" "$out/openpyxl.json" || fail "openpyxl dump"
mkdir -p "$out/classes"
javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" $HERE/PoiRules.java &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiRules "$out/rules.xlsx" "$out/poi.json" || fail "POI dump"
NODE_PATH=$READERS_JS node $HERE/rules_exceljs.js "$out/rules.xlsx" "$out/exceljs.json" || fail "ExcelJS dump"
$PY $HERE/rules_compare.py $HERE/rules.expect.json openpyxl="$out/openpyxl.json" poi="$out/poi.json" \
    exceljs="$out/exceljs.json" || rc=1
# The comparison can fail: openpyxl's dump with a validation's formula, a rule's range and
# a dxf's fill changed must give exactly those three differences.
$PY - "$out/openpyxl.json" "$out/tampered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["validations"][1]["formula2"] = "101"
d["condformats"][0]["sqref"] = "A2:A13"
d["condformats"][4]["dxf"]["fill"] = "FFFFC7CF"
json.dump(d, open(sys.argv[2], "w"))
PY
if $PY $HERE/rules_compare.py $HERE/rules.expect.json openpyxl="$out/tampered.json" >"$out/neg.log" 2>&1 ||
    ! grep -q "FAIL (3)" "$out/neg.log"; then
    fail "rules_compare.py does not report the three changes of a tampered dump:"; sed 's/^/    /' "$out/neg.log"
else
    echo "rules_compare.py self-test: a tampered dump gives its three differences"
fi

mkdir -p "$out/lo/profile/user"
timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$out/lo/profile" --convert-to pdf \
    --outdir "$out/lo" "$out/rules.xlsx" "$out/scale.xlsx" >"$out/lo.log" 2>&1
[ -s "$out/lo/rules.pdf" ] || fail "LibreOffice did not open rules.xlsx"
[ -s "$out/lo/scale.pdf" ] && $PY $HERE/rules_pdf.py "$out/lo/scale.pdf" || fail "LibreOffice: the colour scale in its PDF"
exit $rc
