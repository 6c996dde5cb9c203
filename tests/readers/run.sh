#!/usr/bin/env bash
# The reader matrix: workbooks written with the library's defaults, read by nine reader
# paths we did not write, every value and type compared with what was written
# (tests/readers/compare.py, which also lists each reader's known differences).
#
# Workbooks: the typed/escaping workbook of tests/e2e/write_types (shared strings, and all
# inline), the report example, csv2xlsx on each real CSV of examples/data, a rollover
# (csv2xlsx --rows-per-sheet) and a dates workbook (write_dates.c).
# Readers: openpyxl, LibreOffice, gnumeric (ssconvert), Apache POI XSSFWorkbook and its
# event API, SheetJS, ExcelJS (document and streaming readers), Spreadsheet::ParseXLSX.
#
# BUILD: the build tree whose csv2xlsx, report and test writers are used (make reader-test;
# make reader-test-compact runs it on a build whose default is the compact form).
# READERS_JS: node_modules of tests/readers/package-lock.json; POI_CLASSPATH: PoiDump and POI.
set -uo pipefail
BUILD=${BUILD:-build}
PY=/usr/bin/python3
HERE=tests/readers
DATA=examples/data
out=$(mktemp -d /tmp/fastxlsx-readers.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $out"; else trap 'rm -rf "$out"' EXIT; fi
wb=$out/wb
mkdir -p "$wb" "$out/tmp"
export TMPDIR=$out/tmp TZ=UTC
start=$SECONDS

step() { # NAME COMMAND...: stop on a failure to write the workbooks
    local name=$1; shift
    if ! "$@" >"$out/log" 2>&1; then
        echo "FAIL: $name"; tail -20 "$out/log" | sed 's/^/    /'; exit 1
    fi
}

echo "== writing the workbooks ($BUILD)"
step "write_types" "$BUILD/tests/write_types" "$out/tmp"
cp "$out/tmp/file.xlsx" "$wb/types.xlsx"
cp "$out/tmp/inline.xlsx" "$wb/types-inline.xlsx"
step "expect types" $PY $HERE/expect.py types "$out/tmp/file.json" "$wb/types.expect.json"
step "expect types-inline" $PY $HERE/expect.py types "$out/tmp/inline.json" "$wb/types-inline.expect.json"
step "report" "$BUILD/report" "$wb/report.xlsx"
step "expect report" $PY $HERE/expect.py openpyxl "$wb/report.xlsx" "$wb/report.expect.json"
for csv in zipcodes airports seattle-weather; do
    step "csv2xlsx $csv" "$BUILD/csv2xlsx" "$DATA/$csv.csv" -o "$wb/$csv.xlsx"
    step "expect $csv" $PY $HERE/expect.py csv "$DATA/$csv.csv" "$wb/$csv.xlsx" "$wb/$csv.expect.json"
done
step "csv2xlsx rollover" "$BUILD/csv2xlsx" --rows-per-sheet 1500 "$DATA/airports.csv" -o "$wb/rollover.xlsx"
step "expect rollover" $PY $HERE/expect.py csv "$DATA/airports.csv" "$wb/rollover.xlsx" "$wb/rollover.expect.json"
step "write_dates" "$BUILD/tests/write_dates" "$wb/dates.xlsx" "$wb/dates.expect.json"
# Excel tables on several sheets and across continuation sheets (tests/e2e/write_tables.c):
# every reader reads its cells; openpyxl, POI and ExcelJS its tables (below).
step "write_tables" "$BUILD/tests/write_tables" "$wb/tables.xlsx" "$out/tables.json" --all-cached
step "expect tables" $PY $HERE/expect.py openpyxl "$wb/tables.xlsx" "$wb/tables.expect.json"
books=("$wb"/*.xlsx)

# Each reader dumps every workbook as OUTDIR/dump/READER/NAME.json; a reader that cannot
# read a file leaves no dump or an {"error"} one, which compare.py reports.
dump=$out/dump
mkdir -p "$dump"/{openpyxl,libreoffice,gnumeric,poi,poi-event,sheetjs,exceljs,exceljs-stream,parsexlsx}
timed() { # READER COMMAND...
    local name=$1 t0=$SECONDS; shift
    "$@" >"$out/$name.log" 2>&1 || { echo "   $name: exit status $?"; tail -5 "$out/$name.log" | sed 's/^/     /'; }
    echo "   $name: $((SECONDS - t0)) s"
}
echo "== reading them back"
run_openpyxl() { for f in "${books[@]}"; do $PY $HERE/expect.py openpyxl "$f" "$dump/openpyxl/$(basename "$f" .xlsx).json"; done; }
run_libreoffice() {
    mkdir -p "$out/lo/profile/user" "$out/lo/ods"
    # Cached formula values as the file has them (no recalculation on load).
    cat >"$out/lo/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item></oor:items>
XCU
    timeout 600 soffice --headless --norestore "-env:UserInstallation=file://$out/lo/profile" \
        --convert-to ods --outdir "$out/lo/ods" "${books[@]}"
    for f in "${books[@]}"; do
        b=$(basename "$f" .xlsx)
        [ -f "$out/lo/ods/$b.ods" ] && $PY $HERE/ods_dump.py "$out/lo/ods/$b.ods" "$dump/libreoffice/$b.json"
    done
}
run_gnumeric() {
    mkdir -p "$out/gn"
    for f in "${books[@]}"; do
        b=$(basename "$f" .xlsx)
        ssconvert -T Gnumeric_OpenCalc:odf "$f" "$out/gn/$b.ods" &&
            ssconvert -T Gnumeric_XmlIO:sax "$f" "$out/gn/$b.gnumeric" &&
            $PY $HERE/ods_dump.py "$out/gn/$b.ods" "$dump/gnumeric/$b.json" "$out/gn/$b.gnumeric"
    done
}
run_node() { NODE_PATH=$READERS_JS node $HERE/dump.js "$1" "$dump/$1" "${books[@]}"; }
# Two groups at a time (two cores): the converters and Perl, and the Python, Java and
# Node.js readers; each reports its time.
(
    timed libreoffice run_libreoffice
    timed gnumeric run_gnumeric
    timed parsexlsx perl $HERE/dump.pl "$dump/parsexlsx" "${books[@]}"
) &
group=$!
timed openpyxl run_openpyxl
timed poi java -cp "$POI_CLASSPATH" PoiDump usermodel "$dump/poi" "${books[@]}"
timed poi-event java -cp "$POI_CLASSPATH" PoiDump event "$dump/poi-event" "${books[@]}"
timed sheetjs run_node sheetjs
timed exceljs run_node exceljs
timed exceljs-stream run_node exceljs-stream
wait $group

# The versions the results are for.
npmv() { node -p "require('$READERS_JS/$1/package.json').version"; }
debv() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo '?'; }
$PY - "$out/versions.json" <<PY
import json, sys
json.dump({"openpyxl": "$(debv python3-openpyxl)", "libreoffice": "$(soffice --version 2>/dev/null | awk '{print $2}')",
           "gnumeric": "$(debv gnumeric)", "poi": "$(debv libapache-poi-java)", "poi-event": "$(debv libapache-poi-java)",
           "sheetjs": "$(npmv xlsx)", "exceljs": "$(npmv exceljs)", "exceljs-stream": "$(npmv exceljs)",
           "parsexlsx": "$(debv libspreadsheet-parsexlsx-perl)"}, open(sys.argv[1], "w"))
PY
$PY $HERE/compare.py "$out"
rc=$?

# The tables as openpyxl, Apache POI (XSSFSheet.getTables) and ExcelJS read them: names,
# ranges, columns, totals functions, labels, formulas and the totals' cached values.
echo "== Excel tables (tests/readers/tables.py)"
mkdir -p "$out/tables/openpyxl" "$out/tables/poi" "$out/tables/exceljs"
$PY $HERE/tables.py openpyxl "$wb/tables.xlsx" "$out/tables/openpyxl/tables.json"
java -cp "$POI_CLASSPATH" PoiDump tables "$out/tables/poi" "$wb/tables.xlsx"
NODE_PATH=$READERS_JS node $HERE/dump.js exceljs-tables "$out/tables/exceljs" "$wb/tables.xlsx"
for r in openpyxl poi exceljs; do
    printf '%-9s' "$r"
    $PY $HERE/tables.py compare "$out/tables.json" "$out/tables/$r/tables.json" || rc=1
done

# The comparison can fail: openpyxl's dump of the report with four changes (a number one
# unit in the last place off, a boolean read as a number, a lost cell, a lost merge) must
# give exactly four differences, and the known differences must not hide them.
neg=$out/neg
mkdir -p "$neg/wb" "$neg/dump/openpyxl"
cp "$wb/report.xlsx" "$wb/report.expect.json" "$out/versions.json" "$neg/wb/"
mv "$neg/wb/versions.json" "$neg/"
$PY - "$dump/openpyxl/report.json" "$neg/dump/openpyxl/report.json" <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sales, region = d["sheets"][:2]
sales["cells"]["E5"][1] = math.nextafter(sales["cells"]["E5"][1], 100)
region["cells"]["C6"] = ["n", 1.0]
del sales["cells"]["B4"]
sales["merges"] = []
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
PY
if $PY $HERE/compare.py "$neg" >"$neg/log" 2>&1 || ! grep -q "report           FAIL (4)" "$neg/log"; then
    echo "FAIL: compare.py does not report the four changes of a tampered dump:"; sed 's/^/    /' "$neg/log"
    rc=1
else
    echo "compare.py self-test: a tampered dump gives its four differences"
fi
echo "reader matrix: $((SECONDS - start)) s"
exit $rc
