#!/usr/bin/env bash
# End-to-end tests: every workbook written here is read back by readers we did not
# write. For each one:
#   (a) openpyxl reads every value and type back (tests/tools/check_values.py),
#   (b) `unzip -t` and an independent ZIP structure check (tests/tools/zipcheck.py),
#   (c) every part validates against the ECMA-376 schemas (tests/tools/validate-xlsx),
#   (d) for the real CSVs, LibreOffice converts the workbook back to CSV and it is
#       compared field by field with the input (tests/tools/csv_roundtrip.py).
# Plus: peak memory does not grow with rows, and a sheet of more than 4 GiB of XML.
set -uo pipefail
BUILD=${BUILD:-build}
PY=/usr/bin/python3
TOOLS=tests/tools
DATA=examples/data
tmp=$(mktemp -d /tmp/fastxlsx-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/ok.sh"

# The container and schema checks every workbook gets. file(1) (libmagic's msooxml rule
# looks at the first ZIP entries) must tell it is an .xlsx, whatever the output was:
# a file, a pipe or a callback ([Content_Types].xml is written last: lib/package.c).
package_checks() { # NAME FILE [--stream]
    ok "$1: file(1) says Microsoft Excel 2007+" sh -c "[ \"\$(file -b '$2')\" = 'Microsoft Excel 2007+' ]"
    ok "$1: unzip -t" unzip -tq "$2"
    ok "$1: ZIP structure" $PY $TOOLS/zipcheck.py "$2" ${3:-}
    ok "$1: ECMA-376 schemas" bash $TOOLS/validate-xlsx -x -q "$2"
}

echo "== the independent checkers can fail (hand-made bad files)"
ok "zipcheck.py self-test (ZIP64 cases included)" $PY $TOOLS/test_zipcheck.py
ok "check_values.py self-test" $PY $TOOLS/test_check_values.py

echo "== typed cells, escaping, sheets, outputs"
ok "write_types" "$BUILD/tests/write_types" "$tmp"
for v in file stored best inline capped callback pipe threads threads4 threads-cb; do
    stream=""
    case $v in callback | pipe | threads-cb) stream=--stream ;; esac
    package_checks "$v" "$tmp/$v.xlsx" $stream
    ok "$v: values read back by openpyxl" $PY $TOOLS/check_values.py "$tmp/$v.xlsx" "$tmp/$v.json"
done
ok "threads4: byte-identical to the 2-thread file" cmp "$tmp/threads.xlsx" "$tmp/threads4.xlsx"
ok "threads: the same parts, inflated, as the single-threaded file" $PY - "$tmp/file.xlsx" "$tmp/threads.xlsx" <<'PY'
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
assert a.namelist() == b.namelist(), (a.namelist(), b.namelist())
for n in a.namelist():
    assert a.read(n) == b.read(n), n
PY
# Failures that change nothing leave the workbook usable: exactly the accepted rows.
ok "write_rejected" "$BUILD/tests/write_rejected" "$tmp/rejected.xlsx" "$tmp/rejected.json"
package_checks rejected "$tmp/rejected.xlsx"
ok "rejected: the accepted rows read back by openpyxl" $PY $TOOLS/check_values.py "$tmp/rejected.xlsx" "$tmp/rejected.json"
ok "hello" "$BUILD/hello" "$tmp/hello.xlsx"
package_checks hello "$tmp/hello.xlsx"

echo "== csv2xlsx on real data, read back by LibreOffice"
for csv in zipcodes airports seattle-weather; do
    ok "csv2xlsx $csv" "$BUILD/csv2xlsx" "$DATA/$csv.csv" -o "$tmp/$csv.xlsx"
    package_checks "csv2xlsx $csv" "$tmp/$csv.xlsx"
    ok "csv2xlsx $csv: LibreOffice round trip" $PY $TOOLS/csv_roundtrip.py "$DATA/$csv.csv" "$tmp/$csv.xlsx"
done
ok "csv2xlsx: by default the header row heads every printed page, nothing else of the page setup" $PY -c "
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=False).active
assert ws.print_title_rows == '\$1:\$1', ws.print_title_rows
pr = ws.sheet_properties.pageSetUpPr
assert ws.page_setup.orientation is None and not (pr and pr.fitToPage), ws.page_setup.orientation
" "$tmp/airports.xlsx"
# Standard input to standard output (not seekable: no <dimension>, local headers stay 2.0).
ok "csv2xlsx stdin to stdout" sh -c "'$BUILD/csv2xlsx' - < '$DATA/airports.csv' > '$tmp/stdout.xlsx'"
package_checks "csv2xlsx stdout" "$tmp/stdout.xlsx" --stream
ok "csv2xlsx stdout: LibreOffice round trip" $PY $TOOLS/csv_roundtrip.py "$DATA/airports.csv" "$tmp/stdout.xlsx"
# Another delimiter, and quoted fields with delimiters, quotes and newlines inside.
printf 'name;note;n\r\n"a;b";"say ""hi""";1.50\r\n"multi\nline";x;-0\r\nplain;"";007\r\n' > "$tmp/semi.csv"
ok "csv2xlsx -d ';'" "$BUILD/csv2xlsx" -d ';' "$tmp/semi.csv" -o "$tmp/semi.xlsx"
ok "csv2xlsx -d ';': values" $PY - "$tmp/semi.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
assert ws.title == "semi", ws.title
assert rows == [("name", "note", "n"), ("a;b", 'say "hi"', 1.5), ("multi\nline", "x", "-0"), ("plain", None, "007")], rows
PY
# Bad input: a clear message with the place, exit 1, and the old file untouched.
printf 'a,b,c\n1,2,3\nx,y,ab\xffc\n' > "$tmp/bad.csv"
echo "previous content" > "$tmp/bad.xlsx"
ok "csv2xlsx rejects invalid UTF-8" sh -c "! '$BUILD/csv2xlsx' '$tmp/bad.csv' 2> '$tmp/bad.err'"
ok "csv2xlsx names sheet, row, column, byte" grep -q "sheet 'bad', row 3, column C: invalid UTF-8 at byte 3" "$tmp/bad.err"
ok "csv2xlsx leaves the old file untouched" grep -qx "previous content" "$tmp/bad.xlsx"
ok "csv2xlsx leaves no temporary file" sh -c "[ \$(ls -A '$tmp' | grep -c '^\.bad') -eq 0 ]"

echo "== csv2xlsx as a converter (tests/e2e/csv2xlsx.sh)"
if BUILD="$BUILD" bash tests/e2e/csv2xlsx.sh; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: tests/e2e/csv2xlsx.sh"
fi

echo "== formats, dates, formulas, sheet features: the report example"
ok "report" "$BUILD/report" "$tmp/report.xlsx"
package_checks report "$tmp/report.xlsx"
ok "report: openpyxl and LibreOffice (recalculated) read it back" $PY tests/e2e/check_report.py "$tmp/report.xlsx"
ok "report: page setup read by openpyxl; LibreOffice's PDF landscape, one page wide, headings repeated on page 2, page numbers" $PY tests/e2e/check_report_print.py "$tmp/report.xlsx"
# Options are options: --help prints the usage (no workbook named "--help"), an unknown
# option is an error that writes nothing, and "--" lets OUT start with '-'.
mkdir -p "$tmp/report-args"
ok "report --help: usage on stdout, status 0, no file" sh -c "cd '$tmp/report-args' && '$(realpath "$BUILD")/report' --help > help.out && grep -q '^usage: report' help.out && [ \$(ls -A | wc -l) -eq 1 ]"
ok "report --bogus: status 2, names the option, no file" sh -c "cd '$tmp/report-args' && rm -f help.out; '$(realpath "$BUILD")/report' --bogus x.xlsx 2> err; [ \$? -eq 2 ] && grep -q \"unknown option '--bogus'\" err && [ \$(ls -A) = err ]"
ok "report -- -dash.xlsx writes that file" sh -c "cd '$tmp/report-args' && '$(realpath "$BUILD")/report' -- -dash.xlsx && unzip -tq ./-dash.xlsx"

echo "== csv2xlsx: dates, header, widths, continuation sheets"
ok "csv2xlsx seattle-weather: dates, bold frozen filtered header, fitted widths" $PY - "$tmp/seattle-weather.xlsx" <<'PY'
import datetime, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws.title == "seattle-weather", ws.title
assert all(c.font.b for c in ws[1]) and [c.value for c in ws[1]][0] == "date", [c.value for c in ws[1]]
assert not ws["A2"].font.b
assert ws.freeze_panes == "A2", ws.freeze_panes
assert ws.auto_filter.ref == "A1:F1462", ws.auto_filter.ref
assert ws["A2"].value == datetime.datetime(2012, 1, 1) and ws["A2"].number_format == "yyyy-mm-dd", ws["A2"].value
assert ws["A1462"].value == datetime.datetime(2015, 12, 31), ws["A1462"].value
assert ws["B2"].value == 0.0 and ws["F2"].value == "drizzle"
widths = {}
for d in ws.column_dimensions.values():
    for c in range(d.min, d.max + 1):
        widths[c] = d.width
# Fitted to the widest value in the first 1,000 rows: "precipitation" (13) is the widest in B.
assert sorted(widths) == [1, 2, 3, 4, 5, 6], widths
assert widths[2] > widths[5] > 0 and widths[1] >= 10, widths
PY
printf 'when,stamp\n2023-02-30,2024-02-29 13:14:15\n1899-12-31,2024-02-29T00:00:01\n2000-02-29,1900-03-01 00:00:00\n' > "$tmp/dates.csv"
ok "csv2xlsx dates" "$BUILD/csv2xlsx" "$tmp/dates.csv" -o "$tmp/dates.xlsx"
ok "csv2xlsx dates: LibreOffice reads real dates as dates, impossible ones as text" \
    $PY $TOOLS/csv_roundtrip.py "$tmp/dates.csv" "$tmp/dates.xlsx"
ok "csv2xlsx --rows-per-sheet 20000 --landscape --fit-width" "$BUILD/csv2xlsx" --rows-per-sheet 20000 --landscape --fit-width "$DATA/zipcodes.csv" -o "$tmp/split.xlsx"
package_checks "csv2xlsx split" "$tmp/split.xlsx"
ok "csv2xlsx split: three sheets, each starting with the header" $PY - "$tmp/split.xlsx" "$DATA/zipcodes.csv" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["zipcodes", "zipcodes (2)", "zipcodes (3)"], wb.sheetnames
src = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
data = []
for ws in wb:
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == src[0], rows[0]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2", ws.title
    assert ws.auto_filter.ref == f"A1:F{len(rows)}", (ws.title, ws.auto_filter.ref)
    assert len(rows) <= 20000
    # Printed: the header row on every page, landscape, one page wide.
    assert ws.print_title_rows == "$1:$1", (ws.title, ws.print_title_rows)
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.fitToHeight) == "0", ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    data += rows[1:]
assert len(data) == len(src) - 1 == 42049, len(data)
assert data[0][0] == "00501" and str(data[-1][0]) == src[-1][0] == "99950", (data[0], data[-1])
PY

echo "== images: openpyxl, LibreOffice's PDF export, schemas"
# Every type from its file, scaled, sized, offset, with alt text and a link; a copy stored
# once; the logo from a buffer (write_images). tests/readers/images.py compares openpyxl's
# anchors, extents and formats with what was placed, and measures the images in
# LibreOffice's PDF export. Apache POI and ExcelJS read them in make reader-test.
ok "write_images" "$BUILD/tests/write_images" tests/data/images "$tmp/images.xlsx" "$tmp/images.json"
package_checks images "$tmp/images.xlsx"
ok "images: openpyxl reads each anchor, extent and format as placed" \
    $PY tests/readers/images.py openpyxl "$tmp/images.xlsx" "$tmp/images.json"
ok "images: the openpyxl check fails on a changed extent" sh -c \
    "sed 's/\"cx\": 304800/\"cx\": 304801/' '$tmp/images.json' > '$tmp/images-bad.json' &&
     ! $PY tests/readers/images.py openpyxl '$tmp/images.xlsx' '$tmp/images-bad.json' >/dev/null"
ok "images: LibreOffice draws each image at its size (PDF export)" sh -c \
    "timeout 300 soffice --headless --norestore '-env:UserInstallation=file://$tmp/lo-images' --convert-to pdf \
         --outdir '$tmp' '$tmp/images.xlsx' >/dev/null 2>&1 && $PY tests/readers/images.py pdf '$tmp/images.pdf'"

echo "== charts: openpyxl, LibreOffice's PDF export, schemas"
# One chart of each type over rows written after it (caches collected), and one over
# another sheet's rows (references only): tests/readers/charts.py compares openpyxl's
# types, anchors, titles, series references and caches with the cells written.
ok "write_charts" "$BUILD/tests/write_charts" "$tmp/charts.xlsx" "$tmp/charts.json"
package_checks charts "$tmp/charts.xlsx"
ok "charts: openpyxl reads each chart, its references and its caches as written" \
    $PY tests/readers/charts.py openpyxl "$tmp/charts.xlsx" "$tmp/charts.json"
ok "charts: the openpyxl check fails on a changed cached value" sh -c \
    "sed '0,/\"values\": \[10,/s//\"values\": [11,/' '$tmp/charts.json' > '$tmp/charts-bad.json' &&
     ! $PY tests/readers/charts.py openpyxl '$tmp/charts.xlsx' '$tmp/charts-bad.json' >/dev/null"
ok "charts: the openpyxl check fails on a changed axis range" sh -c \
    "sed '0,/\"val_range\": \[-20, 200\]/s//\"val_range\": [-20, 201]/' '$tmp/charts.json' > '$tmp/charts-bad.json' &&
     ! $PY tests/readers/charts.py openpyxl '$tmp/charts.xlsx' '$tmp/charts-bad.json' >/dev/null"
ok "charts: LibreOffice draws the series (PDF export)" sh -c \
    "timeout 300 soffice --headless --norestore '-env:UserInstallation=file://$tmp/lo-charts' --convert-to pdf \
         --outdir '$tmp' '$tmp/charts.xlsx' >/dev/null 2>&1 && $PY tests/readers/charts.py pdf '$tmp/charts.pdf'"

echo "== Excel tables: read back by openpyxl and LibreOffice, schemas"
# Tables on two sheets, across continuation sheets, side by side; the refusals on the way
# (write_tables checks each status and message). tests/readers/tables.py compares what
# the readers see with what was written; Apache POI and ExcelJS do it in make reader-test.
ok "write_tables" "$BUILD/tests/write_tables" "$tmp/tables.xlsx" "$tmp/tables.json"
package_checks tables "$tmp/tables.xlsx"
ok "tables: openpyxl reads names, ranges, columns, totals as written" sh -c \
    "$PY tests/readers/tables.py openpyxl '$tmp/tables.xlsx' '$tmp/tables-openpyxl.json' &&
     $PY tests/readers/tables.py compare '$tmp/tables.json' '$tmp/tables-openpyxl.json'"
ok "tables: LibreOffice opens the workbook and shows the totals as written" sh -c \
    "$PY tests/readers/tables.py libreoffice '$tmp/tables.xlsx' '$tmp/tables.json' '$tmp/tables-lo.json' &&
     $PY tests/readers/tables.py compare '$tmp/tables.json' '$tmp/tables-lo.json'"
ok "tables: the comparison fails on a changed total, column or range" $PY - "$tmp" <<'PY'
import json, subprocess, sys
tmp = sys.argv[1]
for change in ("totals", "columns", "ref"):
    e = json.load(open(f"{tmp}/tables.json"))
    t = e["tables"][1]
    if change == "totals":
        t["totals"]["C40"] += 0.25
    elif change == "columns":
        t["columns"][2] = "price"
    else:
        t["ref"] = "A1:G41"
    json.dump(e, open(f"{tmp}/tampered.json", "w"))
    r = subprocess.run([sys.executable, "tests/readers/tables.py", "compare", f"{tmp}/tampered.json",
                        f"{tmp}/tables-openpyxl.json"], capture_output=True, text=True)
    assert r.returncode == 1 and f"Sales_2.{change}" in r.stdout, (change, r.stdout)
PY
# csv2xlsx --table: an Excel table instead of the autofilter, with totals, across sheets.
ok "csv2xlsx --table --totals sum --rows-per-sheet 20000" "$BUILD/csv2xlsx" --table=Zips --totals sum \
    --table-style TableStyleLight9 --rows-per-sheet 20000 "$DATA/zipcodes.csv" -o "$tmp/ztable.xlsx"
package_checks "csv2xlsx --table" "$tmp/ztable.xlsx"
ok "csv2xlsx --table: a table per sheet, its totals row, no autofilter" $PY - "$tmp/ztable.xlsx" "$DATA/zipcodes.csv" <<'PY'
import csv, math, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
assert wb.sheetnames == ["zipcodes", "zipcodes (2)", "zipcodes (3)"], wb.sheetnames
src = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
data = src[1:]
start = 0
for k, ws in enumerate(wb):
    (name,) = list(ws.tables)
    t = ws.tables[name]
    assert name == ("Zips" if k == 0 else f"Zips_{k + 1}"), name
    assert ws.auto_filter.ref is None, ws.auto_filter.ref
    assert t.tableStyleInfo.name == "TableStyleLight9"
    rows = list(ws.iter_rows(values_only=True))
    n = len(rows) - 2  # the header and the totals row
    assert t.ref == f"A1:F{n + 2}" and t.totalsRowCount == 1, t.ref
    assert [c.name for c in t.tableColumns] == src[0]
    # ZIP codes are text in the first data row: 'Total'; latitude and longitude are summed.
    assert [c.totalsRowFunction for c in t.tableColumns] == [None, "sum", "sum", None, None, None]
    assert rows[-1][0] == "Total", rows[-1]
    chunk = data[start:start + n]
    start += n
    for col in (1, 2):
        want = math.fsum(float(r[col]) for r in chunk if r[col])
        assert abs(rows[-1][col] - want) <= 1e-13 * abs(want), (rows[-1][col], want)
assert start == len(data)
PY
ok "csv2xlsx --table: LibreOffice round trip of a table without totals" sh -c \
    "'$BUILD/csv2xlsx' --table '$DATA/airports.csv' -o '$tmp/atable.xlsx' &&
     $PY $TOOLS/csv_roundtrip.py '$DATA/airports.csv' '$tmp/atable.xlsx'"
printf 'a,b,A\n1,2,3\n' > "$tmp/dup.csv"
ok "csv2xlsx --table refuses a repeated header, naming it" sh -c \
    "! '$BUILD/csv2xlsx' --table '$tmp/dup.csv' -o '$tmp/dup.xlsx' 2> '$tmp/dup.err' &&
     grep -q \"column C header 'A' repeats column A\" '$tmp/dup.err'"

echo "== peak memory does not grow with rows"
rss_small=$("$BUILD/tests/rss_rows" 200000)
rss_large=$("$BUILD/tests/rss_rows" 2000000)
echo "   peak RSS: 200,000 rows ${rss_small} KiB; 2,000,000 rows (two sheets) ${rss_large} KiB"
ok "peak RSS flat from 200k to 2M rows (within 5% + 256 KiB)" \
    test "$rss_large" -le $((rss_small + rss_small / 20 + 256))
# Rows kept in memory are bounded by the row memory limit (default 4 MiB): rows of
# 16,384 strings held for autofit over 1,000 rows, and 100 such header rows.
rss_fit=$("$BUILD/tests/rss_wide" autofit 1100)
read -r rss_head head_ok head_refused <<<"$("$BUILD/tests/rss_wide" header 120)"
echo "   peak RSS, 16,384-column rows: autofit over 1,000 rows ${rss_fit} KiB;" \
    "100 header rows ${rss_head} KiB (${head_ok:-?} rows written, ${head_refused:-?} header rows refused)"
ok "autofit of 16,384-column rows: peak RSS under 32 MiB" test "${rss_fit:-999999}" -lt 32768
ok "100 header rows of 16,384 columns: peak RSS under 32 MiB" test "${rss_head:-999999}" -lt 32768
ok "header rows beyond the row memory limit are refused, the rest written" \
    test "${head_ok:-0}" -ge 1 -a "${head_refused:-0}" -ge 1

echo "== notes (comments part and VML drawing)"
ok "write_notes" "$BUILD/tests/write_notes" file "$tmp/notes.xlsx"
package_checks notes "$tmp/notes.xlsx"
cat > "$tmp/notes_check.py" <<'PY'
import sys, openpyxl
want = {("Sales", "A1"): ("Regions as of 1 March", "Ann Smith"),
        ("Sales", "B3"): ('Revised: <was 20> & "final"\nSecond line', "Bo Li"),
        ("Sales", "C6"): ("Wide box", "Ann Smith"),
        ("Sales", "D41"): ("A note below the last row", None),
        ("Notes \u00e9t\u00e9", "B1"): ("\u00e9t\u00e9 \u20ac", "Zo\u00eb")}
wb = openpyxl.load_workbook(sys.argv[1])
got = {(ws.title, c.coordinate): (c.comment.text, c.comment.author)
       for ws in wb for row in ws.iter_rows() for c in row if c.comment}
authors = len(sys.argv) < 3  # LibreOffice's copy: the texts only
for k, (text, author) in want.items():
    assert k in got, (k, sorted(got))
    assert got[k][0] == text, (k, got[k])
    if authors:
        assert got[k][1] in ((author,) if author else (None, "", "None")), (k, got[k])
assert len(got) == len(want), sorted(got)
PY
ok "notes: text and author read back by openpyxl" $PY "$tmp/notes_check.py" "$tmp/notes.xlsx"
ok "notes: LibreOffice keeps them (xlsx -> xlsx, read back by openpyxl)" sh -c \
    "mkdir -p '$tmp/lo' && soffice --headless --norestore -env:UserInstallation=file://$tmp/lo/profile \
       --convert-to xlsx --outdir '$tmp/lo' '$tmp/notes.xlsx' >/dev/null 2>&1 &&
     $PY '$tmp/notes_check.py' '$tmp/lo/notes.xlsx' texts"
# Notes wait for their sheet's end compressed, under the notes memory limit:
# past it they are refused (FAST_ERROR_MEMORY_LIMIT) and the workbook is written.
read -r rss_notes notes_ok notes_refused <<<"$("$BUILD/tests/write_notes" rss 200000 2 131072)"
echo "   200,000 rows, a note every 2nd, notes memory limit 128 KiB: ${notes_ok:-?} notes taken," \
    "${notes_refused:-?} refused, peak RSS ${rss_notes:-?} KiB"
ok "notes past the notes memory limit are refused, the others written" \
    test "${notes_ok:-0}" -ge 5000 -a "${notes_refused:-0}" -ge 1000 -a $((${notes_ok:-0} + ${notes_refused:-0})) -eq 100000

if [ "${FASTXLSX_SKIP_BIG:-0}" != 1 ]; then
    echo "== more than 4 GiB of sheet XML (ZIP64)"
    for level in 1 0; do
        f="$tmp/big$level.xlsx"
        ok "write_big level $level" "$BUILD/tests/write_big" "$f" $level
        ok "big level $level: unzip -t" unzip -tq "$f"
        ok "big level $level: ZIP structure" $PY $TOOLS/zipcheck.py "$f"
        ok "big level $level: read back" $PY - "$f" $level <<'PY'
import re, sys, zipfile, openpyxl
path, level = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(path) as z:
    info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 4 * 2**30, info.file_size
    rows, tail, head = 0, b"", None
    with z.open(info) as f:          # zipfile checks the CRC-32 at the end
        while True:
            chunk = f.read(1 << 22)
            if not chunk:
                break
            if head is None:
                head = chunk[:4096]
            rows += chunk.count(b"<row ")
            tail = (tail + chunk)[-20000:]
    assert rows == 540000, rows
    assert b'<dimension ref="A1:H540000"/>' in head, head[:400]
    assert tail.endswith(b"</sheetData></worksheet>"), tail[-100:]
    assert b'<row r="540000"><c r="A540000" t="inlineStr"><is><t>A540000: ' in tail
    small = z.getinfo("xl/worksheets/sheet2.xml")
    if level == 0:
        assert small.header_offset > 4 * 2**30, small.header_offset
wb = openpyxl.load_workbook(path, read_only=True)
assert wb.sheetnames == ["Big", "Small"], wb.sheetnames
assert list(wb["Small"].iter_rows(values_only=True)) == [
    ("after", "the big sheet"), ("still", "readable"), ("last", "row")]
print("ok", info.file_size, info.compress_size)
PY
        rm -f "$f"
    done
fi

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
