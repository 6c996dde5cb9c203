#!/usr/bin/env bash
# Notes (cell comments) read back by readers that understand them: tests/e2e/write_notes
# writes a workbook with notes on two of its three sheets (authors, a visible note, a
# custom box, escaping, a line break, a note below the last row, non-ASCII text); Apache
# POI (getCellComments: cell, author, text, visibility from the VML; PoiNotes.java) and
# ExcelJS (cell.note; notes_exceljs.js) must read exactly the notes written. LibreOffice
# must open it (its PDF export).
#
# BUILD: the build tree (write_notes); POI_CLASSPATH: POI and the compiled schemas;
# READERS_JS: node_modules of tests/readers/package-lock.json (make reader-test sets them).
set -uo pipefail
BUILD=${BUILD:-build}
HERE=tests/readers
out=$(mktemp -d /tmp/fastxlsx-notes.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $out"; else trap 'rm -rf "$out"' EXIT; fi
rc=0
fail() { echo "FAIL: $*"; rc=1; }

echo "== notes, read back"
"$BUILD/tests/write_notes" file "$out/notes.xlsx" || { echo "FAIL: write_notes"; exit 1; }
bash tests/tools/validate-xlsx -x -q "$out/notes.xlsx" >"$out/validate.log" 2>&1 ||
    { fail "notes.xlsx: ECMA-376 schemas"; tail -20 "$out/validate.log"; }

cat >"$out/poi.expect" <<'TXT'
Notes été!B1|Zoë|été €|false
Sales!A1|Ann Smith|Regions as of 1 March|false
Sales!B3|Bo Li|Revised: <was 20> & "final"\nSecond line|true
Sales!C6|Ann Smith|Wide box|false
Sales!D41||A note below the last row|false
TXT
# ExcelJS keeps the notes of the rows it has: D41 is below the sheet's last row.
grep -v '^Sales!D41|' "$out/poi.expect" | cut -d'|' -f1,3 >"$out/exceljs.expect"

mkdir -p "$out/classes"
if javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" $HERE/PoiNotes.java &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiNotes "$out/notes.xlsx" >"$out/poi.got"; then
    diff "$out/poi.expect" "$out/poi.got" >"$out/poi.diff" || { fail "POI: notes differ"; cat "$out/poi.diff"; }
else
    fail "POI dump"
fi
if NODE_PATH=$READERS_JS node $HERE/notes_exceljs.js "$out/notes.xlsx" >"$out/exceljs.got"; then
    diff "$out/exceljs.expect" "$out/exceljs.got" >"$out/exceljs.diff" || { fail "ExcelJS: notes differ"; cat "$out/exceljs.diff"; }
else
    fail "ExcelJS dump"
fi
# The comparison can fail: a workbook without notes gives none.
java -cp "$out/classes:$POI_CLASSPATH" PoiNotes "$out/notes.xlsx" | sed 's/Ann Smith/Ann/' >"$out/poi.tampered"
if diff -q "$out/poi.expect" "$out/poi.tampered" >/dev/null; then
    fail "the POI comparison does not see a changed author"
fi

mkdir -p "$out/lo/profile/user"
timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$out/lo/profile" --convert-to pdf \
    --outdir "$out/lo" "$out/notes.xlsx" >"$out/lo.log" 2>&1
[ -s "$out/lo/notes.pdf" ] || fail "LibreOffice did not open notes.xlsx"
[ $rc = 0 ] && echo "notes: POI and ExcelJS read the 5 notes back; LibreOffice opens the workbook"
exit $rc
