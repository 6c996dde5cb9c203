#!/usr/bin/env bash
# The PostgreSQL adapter against a real server that this script starts (and
# stops, also on failure; see server.sh): the C API's statuses and cancellation
# (pg_api), every type rule compared with psql through openpyxl (check_types.py),
# pg2xlsx's options, errors, Ctrl-C, rollover and several queries, a sample read
# by LibreOffice, pg2xlsx's ignoredErrors read by Apache POI, and `make install`
# used through pkg-config fastxlsx-pg.
set -uo pipefail
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
start=$(date +%s)
source tests/pg/server.sh
out="$pgtmp/out"
mkdir -p "$out"
pass=0
fail=0
check() { # name, status (0 = ok)
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
py() { /usr/bin/python3 "$@"; }
pg2xlsx="$BUILD/pg2xlsx"
psql -X -q -v ON_ERROR_STOP=1 -f tests/pg/setup.sql >/dev/null
check "load tests/pg/setup.sql" $?

"$BUILD/tests/pg_api" "$out" >"$out/api.log" 2>&1
check "pg_api ($(tail -1 "$out/api.log"))" $?
grep FAIL "$out/api.log"

py tests/pg/check_types.py "$pg2xlsx" "$out" >"$out/types.log" 2>&1
check "check_types ($(tail -1 "$out/types.log"))" $?
grep FAIL "$out/types.log" | head -20

# ---- pg2xlsx: options -------------------------------------------------------------
"$pg2xlsx" --help >"$out/help" 2>&1
check "--help exits 0" $?
for opt in -d -c -t -f --sheet -o --rows-per-sheet --no-header --numeric-as-number --truncate-long-text \
    --excel-table --table-style --totals --progress --threads Example; do
    grep -q -- "$opt" "$out/help"; check "--help mentions $opt" $?
done
"$pg2xlsx" -c "select 1" >/dev/null 2>&1; [ $? -eq 2 ]; check "no -o: exit 2" $?

printf 'select name, price from items\nwhere id <= 3 -- a comment at the end\n;\n' >"$out/q.sql"
"$pg2xlsx" -t items -t '"Odd Schema"."Mixed.Name"' -c "select 1 as x" --sheet Second -f "$out/q.sql" \
    --sheet 'From file' -o "$out/several.xlsx" 2>"$out/err"
check "several queries ($(cat "$out/err"))" $?
py - "$out/several.xlsx" <<'PY'
import sys, openpyxl, datetime
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["items", "Mixed.Name", "Second", "From file"], wb.sheetnames
rows = list(wb["items"].iter_rows(values_only=True))
assert rows[0] == ("id", "name", "price", "added") and len(rows) == 51, rows[:2]
assert rows[1] == (1, "item 1", 1.25, datetime.datetime(2024, 1, 2)), rows[1]
assert list(wb["Mixed.Name"].iter_rows(values_only=True)) == [("x", "y y"), (1, "one"), (2, "two")]
assert list(wb["Second"].iter_rows(values_only=True)) == [("x",), (1,)]
assert list(wb["From file"].iter_rows(values_only=True)) == [("name", "price"), ("item 1", 1.25),
                                                            ("item 2", 2.5), ("item 3", 3.75)]
PY
check "several queries: sheets and values through openpyxl" $?

# Excel tables instead of the autofilter: one per query, totals under the numeric columns, continued.
"$pg2xlsx" --totals sum --table-style TableStyleLight9 --numeric-as-number -t items \
    -c "select 'x' || g as k, g::float8 / 4 as q from generate_series(1, 130) g" --rows-per-sheet 60 \
    -o "$out/tables.xlsx" 2>"$out/err"
check "--excel-table ($(cat "$out/err"))" $?
py - "$out/tables.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
assert wb.sheetnames == ["items", "Sheet2", "Sheet2 (2)", "Sheet2 (3)"], wb.sheetnames
ws = wb["items"]
t = ws.tables["Table1"]
assert t.ref == "A1:D52" and t.totalsRowCount == 1 and ws.auto_filter.ref is None, t.ref
assert t.tableStyleInfo.name == "TableStyleLight9"
assert [c.totalsRowFunction for c in t.tableColumns] == ["sum", None, "sum", None], t.tableColumns
assert ws["A52"].value == sum(range(1, 51)) and ws["C52"].value == 1.25 * sum(range(1, 51)), ws["C52"].value
names, total = [], 0
for k, ws in enumerate(wb.worksheets[1:]):
    (name,) = list(ws.tables)
    t = ws.tables[name]
    names.append(name)
    rows = list(ws.iter_rows(values_only=True))
    assert rows[-1][0] == "Total" and t.ref == f"A1:B{len(rows)}", (rows[-1], t.ref)
    assert rows[-1][1] == sum(r[1] for r in rows[1:-1]), rows[-1]
    total += len(rows) - 2
assert names == ["Table2", "Table2_2", "Table2_3"] and total == 130, (names, total)
PY
check "--excel-table: tables, totals and continuations through openpyxl" $?

"$pg2xlsx" --threads 1 -c "select g, 'row ' || g as label from generate_series(1, 2500) g" --rows-per-sheet 1000 \
    -o "$out/rollover.xlsx" 2>"$out/err"
check "rollover ($(cat "$out/err"))" $?
py - "$out/rollover.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Sheet1", "Sheet1 (2)", "Sheet1 (3)"], wb.sheetnames
seen = []
for ws in wb:
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("g", "label"), rows[0]
    assert ws.freeze_panes == "A2", ws.freeze_panes
    seen += [r[0] for r in rows[1:]]
assert seen == list(range(1, 2501)), (len(seen), seen[:3], seen[-3:])
PY
check "rollover: 3 sheets of at most 1000 rows, header on each, all rows in order" $?

"$pg2xlsx" --no-header --numeric-as-number -c "select 12345678901234567890::numeric, 0.1234567890123456789::numeric" \
    -o "$out/opts.xlsx" 2>"$out/err"
check "--no-header --numeric-as-number ($(cat "$out/err"))" $?
py - "$out/opts.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
assert rows == [(12345678901234567890.0, 0.12345678901234568)], rows
assert ws.freeze_panes is None, ws.freeze_panes
PY
check "--no-header --numeric-as-number: numbers, no header, nothing frozen" $?

"$pg2xlsx" --progress -c "select g from generate_series(1, 3000) g" -o "$out/progress.xlsx" 2>"$out/err"
grep -q "^done: 3000 rows, .* rows/s, .* MB written, .* s$" "$out/err"
check "--progress prints a summary line ($(tail -1 "$out/err"))" $?
[ "$(grep -c rows "$out/err")" -eq 1 ]; check "--progress: an export shorter than a second prints one line ($(cat "$out/err"))" $?
# Without --threads: 1 thread when the server (here, on a Unix socket) takes one of the CPUs
# this process may use and fewer than two are left; 2 when two are left.
taskset -c 0 "$pg2xlsx" --progress -c "select 1" -o "$out/t.xlsx" 2>"$out/err"
grep -q "^pg2xlsx: 1 thread (the server is on this host)$" "$out/err"
check "default threads on 1 CPU with a local server: 1 ($(head -1 "$out/err"))" $?
cpus=$(nproc)
want=$([ "$cpus" -ge 3 ] && echo "2 threads" || echo "1 thread")
"$pg2xlsx" --progress -c "select 1" -o "$out/t.xlsx" 2>"$out/err"
grep -q "^pg2xlsx: $want (the server is on this host)$" "$out/err"
check "default threads on $cpus CPUs with a local server: $want ($(head -1 "$out/err"))" $?
"$pg2xlsx" --progress --threads 2 -c "select 1" -o "$out/t.xlsx" 2>"$out/err"
! grep -q "thread" "$out/err"; check "--threads 2 is taken as given" $?

"$pg2xlsx" --truncate-long-text -c "select repeat('é', 40000) as t" -o "$out/cut.xlsx" 2>"$out/err"
check "--truncate-long-text ($(cat "$out/err"))" $?
grep -q "1 cells cut at 32767 characters" "$out/err"; check "--truncate-long-text reports the cut cells" $?
py -c "import openpyxl,sys; v = openpyxl.load_workbook(sys.argv[1]).active['A2'].value; assert v == 'é' * 32767, len(v)" \
    "$out/cut.xlsx"
check "--truncate-long-text: 32767 characters" $?

# ---- pg2xlsx: errors leave an existing output untouched and no temporary file --------
expect_error() { # name, stderr pattern, pg2xlsx args...
    local name=$1 pattern=$2
    shift 2
    echo "previous content" >"$out/keep.xlsx"
    "$pg2xlsx" "$@" -o "$out/keep.xlsx" >/dev/null 2>"$out/err"
    local rc=$?
    [ $rc -eq 1 ]; check "$name: exit 1 (got $rc)" $?
    grep -q -- "$pattern" "$out/err"; check "$name: message has '$pattern' ($(head -c 300 "$out/err"))" $?
    [ "$(cat "$out/keep.xlsx")" = "previous content" ]; check "$name: output untouched" $?
    [ -z "$(ls -A "$out" | grep '^\.keep')" ]; check "$name: no temporary file left" $?
}
expect_error "connection refused" "cannot connect" -d "host=$pgtmp/nothing-here port=1" -c "select 1"
expect_error "syntax error" "syntax error at or near" -c "selec 1"
expect_error "unknown table" 'relation "no_such_table" does not exist' -t no_such_table
expect_error "no columns" "returns no columns" -c "create table never_made (a int)"
expect_error "parameters" "COPY cannot take parameters" -c 'select $1::int'
expect_error "division by zero mid-stream" "division by zero" -c "select g, 1 / (g - 50000) from generate_series(1, 60000) g"
expect_error "text too long" 'result row 1, column 1 ("t"): text of 40000 characters' -c "select repeat('x', 40000) as t"
expect_error "later query fails" "query 2" -c "select 1" -c "select 1/0"

# ---- pg2xlsx: Ctrl-C cancels the server query, leaves no file, exits 130 ------------
rm -f "$out/sigint.xlsx"
"$pg2xlsx" -d "application_name=fx_sigint" -o "$out/sigint.xlsx" \
    -c "select a.g * 100000 + b.g as n from generate_series(1, 2000) a(g), generate_series(1, 100000) b(g)" \
    2>"$out/err" &
pid=$!
for _ in $(seq 50); do # until rows are streaming
    sleep 0.1
    [ "$(psql -X -At -c "select count(*) from pg_stat_activity where application_name = 'fx_sigint' and state = 'active'")" = 1 ] && break
done
sleep 0.5
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ]; check "SIGINT: exit 130 (got $rc: $(cat "$out/err"))" $?
[ ! -e "$out/sigint.xlsx" ] && [ -z "$(ls -A "$out" | grep '^\.sigint')" ]
check "SIGINT: no output and no temporary file" $?
gone=1
for _ in $(seq 20); do # the backend ends just after the client disconnects
    [ "$(psql -X -At -c "select count(*) from pg_stat_activity where application_name = 'fx_sigint'")" = 0 ] && { gone=0; break; }
    sleep 0.1
done
check "SIGINT: the server query is gone" $gone

# ---- a sample through LibreOffice --------------------------------------------------
if command -v soffice >/dev/null 2>&1; then
    "$pg2xlsx" -o "$out/lo.xlsx" -c "select 9007199254740993::int8 as big, 1.5::numeric as n, date '1900-03-01' as d,
        timestamp '2024-05-06 07:08:09.123' as ts, time '12:34:56' as tm, true as b, 'text é' as s, null::int as z,
        12345678901234567890::numeric as bign, 'NaN'::float8 as nan, 42::int2 as i" 2>"$out/err"
    (cd "$out" && timeout 120 soffice -env:UserInstallation="file://$pgtmp/lo-profile" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' lo.xlsx >/dev/null 2>&1) # UTF-8, as shown
    want='9007199254740993,1.5,1900-03-01,2024-05-06 07:08:09,12:34:56,TRUE,text é,,12345678901234567890,NaN,42'
    got=$(sed -n 2p "$out/lo.csv" 2>/dev/null | tr -d '\r')
    [ "$got" = "$want" ]; check "LibreOffice reads the sample (got '$got')" $?
else
    echo "skipped: LibreOffice sample (soffice not installed)"
fi

# ---- int8 and numeric kept as text: no "number stored as text" warnings ----------------
q="select 9007199254740993::int8 as big, 1.5::numeric as n, 'x' as s, 12345678901234567890::numeric as bign"
"$pg2xlsx" -o "$out/ign.xlsx" -c "$q" 2>"$out/err" && "$pg2xlsx" --text-number-warnings -o "$out/ignw.xlsx" -c "$q" 2>>"$out/err"
check "pg2xlsx int8/numeric sample ($(cat "$out/err"))" $?
/usr/bin/python3 - "$out/ign.xlsx" "$out/ignw.xlsx" <<'PY'
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
w = zipfile.ZipFile(sys.argv[2]).read("xl/worksheets/sheet1.xml").decode()
want = ('<ignoredErrors><ignoredError sqref="A2" numberStoredAsText="1"/><ignoredError sqref="B2" '
        'numberStoredAsText="1"/><ignoredError sqref="D2" numberStoredAsText="1"/></ignoredErrors>')
assert want in x and re.search(r'<c r="A2" t="(s|inlineStr)"', x), x[-600:]
assert "ignoredErrors" not in w, w[-300:]
assert "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Sheet1!$1:$1</definedName>" in \
    zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()
PY
check "pg2xlsx: ignoredErrors over the int8 and numeric columns (not with --text-number-warnings), print titles" $?
# Apache POI reads them back (PoiPrint.java of the reader matrix, XSSFSheet.getIgnoredErrors()): the int8 and
# numeric text cells under numberStoredAsText, nothing with --text-number-warnings.
if [ -n "${POI_CLASSPATH:-}" ] && command -v javac >/dev/null 2>&1; then
    mkdir -p "$out/classes"
    javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" tests/readers/PoiPrint.java >"$out/javac.log" 2>&1 &&
        java -cp "$out/classes:$POI_CLASSPATH" PoiPrint "$out/ign.xlsx" "$out/ign.json" &&
        java -cp "$out/classes:$POI_CLASSPATH" PoiPrint "$out/ignw.xlsx" "$out/ignw.json" &&
        py - "$out/ign.json" "$out/ignw.json" <<'PY'
import json, sys
d, w = (json.load(open(p))["Sheet1"]["ignored"] for p in sys.argv[1:3])
assert d == {"numberStoredAsText": ["A2", "B2", "D2"]}, d
assert w == {}, w
PY
    check "POI: numberStoredAsText over pg2xlsx's int8 and numeric text cells, none with --text-number-warnings" $?
else
    echo "skipped: POI reading pg2xlsx's ignoredErrors (POI_CLASSPATH unset; make pg-test sets it)"
fi

# ---- the shared library: soname and exactly the header's functions exported -------
declared=$(grep -o 'FAST_PG_API [^;]*(' include/fastxlsx_pg.h | sed 's/($//; s/.*[ *]\([a-z_0-9]*\)$/\1/' | sort)
exported=$(nm -D --defined-only "$BUILD/libfastxlsx_pg.so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort)
[ -n "$declared" ] && [ "$declared" = "$exported" ]; check "libfastxlsx_pg.so exports exactly the FAST_PG_API functions" $?
soname=$(readelf -d "$BUILD/libfastxlsx_pg.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libfastxlsx_pg.so.0" ]; check "soname libfastxlsx_pg.so.0 (got '$soname')" $?
grep -nE '(struct|union)[^;{]*\{' include/fastxlsx_pg.h; [ $? -eq 1 ]; check "no struct or union definitions in fastxlsx_pg.h" $?
printf '#include <fastxlsx_pg.h>\nint main(void) { fast_pg_export_free(fast_pg_export_new()); return 0; }\n' >"$out/h.c"
${CC:-cc} -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude $(pkg-config --cflags libpq) -c "$out/h.c" -o "$out/h.o"
check "fastxlsx_pg.h compiles as strict C99" $?
if command -v g++ >/dev/null; then
    cp "$out/h.c" "$out/h.cpp"
    g++ -std=c++11 -Wall -Wextra -pedantic -Werror -Iinclude $(pkg-config --cflags libpq) "$out/h.cpp" \
        -L"$BUILD" -lfastxlsx_pg -lfastxlsx -o "$out/hxx" && LD_LIBRARY_PATH="$BUILD" "$out/hxx"
    check "fastxlsx_pg.h compiles and links as C++ (extern \"C\")" $?
fi
deps=$(readelf -d "$BUILD/libfastxlsx.so" | grep NEEDED)
! grep -q libpq <<<"$deps"; check "the core library does not link libpq" $?

# ---- make install, then the example through pkg-config fastxlsx-pg -----------------
make --no-print-directory -s install BUILD="$BUILD" PREFIX="$pgtmp/prefix" >"$out/install.log" 2>&1
check "make install ($(tail -2 "$out/install.log" | tr '\n' ' '))" $?
for f in include/fastxlsx_pg.h lib/libfastxlsx_pg.a lib/libfastxlsx_pg.so.0 lib/pkgconfig/fastxlsx-pg.pc bin/pg2xlsx; do
    [ -e "$pgtmp/prefix/$f" ]; check "installed $f" $?
done
export PKG_CONFIG_PATH="$pgtmp/prefix/lib/pkgconfig"
${CC:-cc} examples/pg_export.c $(pkg-config --cflags --libs fastxlsx-pg) -o "$out/pg_export" 2>"$out/err"
check "pg_export builds with pkg-config --cflags --libs fastxlsx-pg ($(head -c 300 "$out/err"))" $?
LD_LIBRARY_PATH="$pgtmp/prefix/lib" "$out/pg_export" "" "select * from items order by id" "$out/ex.xlsx" >/dev/null
check "pg_export runs against the installed shared libraries" $?
py -c "import openpyxl,sys; ws = openpyxl.load_workbook(sys.argv[1])['Result']; assert ws.max_row == 51, ws.max_row" \
    "$out/ex.xlsx"
check "pg_export's workbook has the 50 rows and the header" $?

echo "pg-test: $pass passed, $fail failed ($(($(date +%s) - start)) s)"
[ "$fail" -eq 0 ]
