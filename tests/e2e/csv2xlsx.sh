#!/usr/bin/env bash
# csv2xlsx as a converter: what it turns into numbers, how it treats malformed
# quotes, encodings, long fields, file names and its own input, and what it
# tells the user. Values are read back by openpyxl.
#   BUILD=build bash tests/e2e/csv2xlsx.sh      (CSV2XLSX=path tests another binary)
set -uo pipefail
BUILD=${BUILD:-build}
C2X=${CSV2XLSX:-$BUILD/csv2xlsx}
PY=/usr/bin/python3
tmp=$(mktemp -d /tmp/fastxlsx-csv2xlsx.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/ok.sh"

# refused NAME CSV PATTERN [ARGS...]: csv2xlsx exits 1, says PATTERN (grep -E) on
# standard error, and the previous content of the output is still there.
refused() {
    local name=$1 csv=$2 pattern=$3; shift 3
    local out=${csv%.*}.xlsx
    echo "previous content" > "$out"
    ok "$name: exit status 1" sh -c '"$0" "$@" -o "'"$out"'" "'"$csv"'" 2> "'"$tmp/err"'"; [ $? -eq 1 ]' "$C2X" "$@"
    ok "$name: says '$pattern'" grep -qE -- "$pattern" "$tmp/err"
    ok "$name: output untouched" grep -qx "previous content" "$out"
}

echo "== csv2xlsx: numbers only where the double holds the digits written"
{
    echo "field"
    printf '0.%0400d1\n' 0
    printf '0.%0310d123456789012345\n' 0
    printf '0.%0307d1\n' 0                 # 1e-308: subnormal
    printf '0.%0300d1\n' 0                 # 1e-301: normal, exact
    printf -- '-0\n-0.0\n-0.000\n0.000\n1e400\n1E5\n0.5\n-2.25\n1.50\n123456789012345\n1234567890123456\n'
    printf '0.000123456789012345\n0.1234567890123456\n'
} > "$tmp/num.csv"
ok "numbers: convert" "$C2X" "$tmp/num.csv" -o "$tmp/num.xlsx"
ok "numbers: values and types" $PY - "$tmp/num.xlsx" "$tmp/num.csv" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
src = open(sys.argv[2]).read().split("\n")[1:-1]
got = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
assert len(got) == len(src), (len(got), len(src))
numbers = {"0." + "0" * 300 + "1", "0.000", "0.5", "-2.25", "1.50", "123456789012345", "0.000123456789012345"}
for text, value in zip(src, got):
    if text in numbers:
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (text[:40], value)
        assert value == float(text), (text[:40], value)
    else:
        assert value == text, (text[:40], str(value)[:40])
PY

# Many decimals of every length and scale: each cell is the double nearest to its text.
$PY - "$tmp/dec.csv" <<'PY'
import random, sys
rnd = random.Random(7)
with open(sys.argv[1], "w") as f:
    f.write("x\n")
    for _ in range(20000):
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 15))).lstrip("0") or "0"
        point = rnd.randint(0, 40)
        text = ("0." + "0" * (point - len(digits)) + digits) if point >= len(digits) else \
               (digits[:len(digits) - point] + "." + digits[len(digits) - point:] if point else digits + ".0")
        f.write(("-" if rnd.random() < 0.3 else "") + text + "\n")
PY
ok "decimals: convert" "$C2X" "$tmp/dec.csv" -o "$tmp/dec.xlsx"
ok "decimals: each the double nearest to its text, or text" $PY - "$tmp/dec.xlsx" "$tmp/dec.csv" <<'PY'
import sys, openpyxl
src = open(sys.argv[2]).read().split("\n")[1:-1]
got = [r[0] for r in openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(min_row=2, values_only=True)]
assert len(got) == len(src)
numbers = 0
for text, value in zip(src, got):
    sig = len(text.lstrip("-").replace(".", "").lstrip("0"))
    negzero = text.startswith("-") and float(text) == 0
    if sig <= 15 and not negzero:
        assert isinstance(value, float) or isinstance(value, int), (text, value)
        assert value == float(text), (text, value, float(text))
        numbers += 1
    else:
        assert value == text, (text, value)
assert numbers > 10000, numbers
PY

echo "== csv2xlsx: a stray quote is malformed, never dropped"
printf 'a,b\nx,y\n"ab"cd,z\n' > "$tmp/quote1.csv"
refused 'quotes: "ab"cd' "$tmp/quote1.csv" 'quote1.csv: line 3, byte 5 \(field 1\): text after the closing quote'
printf 'a,b\n"multi\nline",x\nx,"a" "b"\n' > "$tmp/quote2.csv"
refused 'quotes: "a" "b"' "$tmp/quote2.csv" 'line 4, byte 6 \(field 2\): text after the closing quote'
printf 'a,b\nx,"open\nstill open\n' > "$tmp/quote3.csv"
refused 'quotes: unclosed' "$tmp/quote3.csv" 'line 2, byte 3 \(field 2\): the quoted field opened here is not closed'
printf 'a,b\nab"cd,5\x27 11"\n' > "$tmp/quote4.csv"
ok "quotes inside an unquoted field are kept" "$C2X" "$tmp/quote4.csv" -o "$tmp/quote4.xlsx"
ok "quotes inside an unquoted field: bytes as written" $PY - "$tmp/quote4.xlsx" <<'PY'
import sys, openpyxl
rows = list(openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True))
assert rows == [("a", "b"), ('ab"cd', "5' 11\"")], rows
PY

echo "== csv2xlsx never writes over its own input"
printf 'a,b\n1,2\n' > "$tmp/data.xlsx"
cp "$tmp/data.xlsx" "$tmp/data.orig"
ok "own input: derived output refused" sh -c "'$C2X' '$tmp/data.xlsx' 2> '$tmp/err'; [ \$? -eq 2 ]"
ok "own input: derived output: message" grep -q "would replace the input" "$tmp/err"
ok "own input: derived output: input intact" cmp "$tmp/data.xlsx" "$tmp/data.orig"
cp "$tmp/data.orig" "$tmp/same.csv"
ln -s same.csv "$tmp/link.xlsx"
ln "$tmp/same.csv" "$tmp/hard.xlsx"
for o in "$tmp/same.csv" "$tmp/./same.csv" "$tmp/link.xlsx" "$tmp/hard.xlsx"; do
    ok "own input: -o ${o#$tmp/} refused" sh -c "'$C2X' '$tmp/same.csv' -o '$o' 2> '$tmp/err'; [ \$? -eq 2 ]"
    ok "own input: -o ${o#$tmp/}: input intact" cmp "$tmp/same.csv" "$tmp/data.orig"
done
ok "own input: -o ${o#$tmp/}: still a link" test -L "$tmp/link.xlsx"
ok "own input: standard input refused too" sh -c "'$C2X' - -o '$tmp/same.csv' < '$tmp/same.csv'; [ \$? -eq 2 ]"
ok "own input: input intact" cmp "$tmp/same.csv" "$tmp/data.orig"

echo "== csv2xlsx: invalid UTF-8 names its line; other encodings through iconv"
printf 'a,b\n"two\nlines",x\nok,ab\xffc\n' > "$tmp/bad8.csv"
refused "invalid UTF-8" "$tmp/bad8.csv" "bad8.csv:4: sheet 'bad8', row 3, column B: invalid UTF-8 at byte 3"
# Input in another encoding: the message guesses which and names the --encoding that converts it;
# UTF-16 (which passes for UTF-8 without a byte order mark) is refused before anything is written.
printf 'name,city\ncaf\xe9,Z\xfcrich\n' > "$tmp/hint-latin1.csv"
refused "Latin-1 input: the guess" "$tmp/hint-latin1.csv" \
    "^csv2xlsx: .*hint-latin1.csv is not UTF-8; it looks like an 8-bit encoding, Latin-1 \(ISO-8859-1\) as a guess:$"
ok "Latin-1 input: names --encoding LATIN1" grep -q "^  convert it with --encoding LATIN1 " "$tmp/err"
printf 'name,price\nplain,5\n\x93quoted\x94,\x80 5\n' > "$tmp/hint-cp1252.csv"
refused "Windows-1252 input: the guess" "$tmp/hint-cp1252.csv" \
    "^csv2xlsx: .*hint-cp1252.csv looks like Windows-1252, not UTF-8 \(it has bytes 0x80-0x9F, "
ok "Windows-1252 input: names --encoding WINDOWS-1252" grep -q "^  dashes and euro sign): convert it with --encoding WINDOWS-1252$" "$tmp/err"
# A UTF-8 euro sign (E2 82 AC) holds a byte of 0x80-0x9F: not a Windows-1252 hint by itself.
printf 'name,price\n\xe2\x82\xac,caf\xe9\n' > "$tmp/hint-mixed.csv"
refused "UTF-8 sequences are not taken for Windows-1252" "$tmp/hint-mixed.csv" "hint-mixed.csv is not UTF-8; it looks like .* Latin-1"
printf 'k\xc3\xa9y,v\n1,2\n' | iconv -f UTF-8 -t UTF-16 > "$tmp/hint-bom16.csv"
refused "UTF-16 input with a byte order mark" "$tmp/hint-bom16.csv" \
    "^csv2xlsx: .*hint-bom16.csv looks like UTF-16, not UTF-8 \(it starts with a UTF-16 byte order mark\): convert it with --encoding UTF-16$"
printf 'name,city\ncafe,Zurich\n' | iconv -t UTF-16LE > "$tmp/hint-le16.csv"
refused "UTF-16LE input without a mark (it used to be written, NULs and all)" "$tmp/hint-le16.csv" \
    "looks like UTF-16, not UTF-8 \(every other byte is NUL, as in UTF-16 little-endian\): convert it with --encoding UTF-16LE$"
ok "UTF-16BE input from standard input: refused with its name" sh -c "printf 'name,city\ncafe,Zurich\n' | iconv -t UTF-16BE | '$C2X' - -o '$tmp/be16.xlsx' 2> '$tmp/err'; [ \$? -eq 1 ] && grep -q '<stdin> looks like UTF-16, not UTF-8 (every other byte is NUL, as in UTF-16 big-endian): convert it with --encoding UTF-16BE' '$tmp/err' && [ ! -e '$tmp/be16.xlsx' ]"
for f in latin1:LATIN1 cp1252:WINDOWS-1252 bom16:UTF-16 le16:UTF-16LE; do
    ok "the --encoding ${f#*:} named converts hint-${f%:*}.csv" "$C2X" --encoding "${f#*:}" "$tmp/hint-${f%:*}.csv" -o "$tmp/hint-${f%:*}.xlsx"
done
printf 'name,city\ncaf\xe9,Z\xfcrich\n' > "$tmp/latin1.csv"
ok "--encoding ISO-8859-1" "$C2X" --encoding ISO-8859-1 "$tmp/latin1.csv" -o "$tmp/latin1.xlsx"
printf 'name,price\n\x93quoted\x94,\x80 5\n' > "$tmp/cp1252.csv"
ok "--encoding WINDOWS-1252" "$C2X" --encoding WINDOWS-1252 "$tmp/cp1252.csv" -o "$tmp/cp1252.xlsx"
printf 'k\xc3\xa9y,v\n\xe2\x82\xac,\xf0\x9f\x98\x80\n' | iconv -f UTF-8 -t UTF-16 > "$tmp/utf16.csv"
ok "--encoding UTF-16 (with its byte order mark)" "$C2X" --encoding UTF-16 "$tmp/utf16.csv" -o "$tmp/utf16.xlsx"
ok "--encoding: values" $PY - "$tmp" <<'PY'
import sys, openpyxl
d = sys.argv[1]
rows = lambda f: list(openpyxl.load_workbook(f"{d}/{f}").active.iter_rows(values_only=True))
assert rows("latin1.xlsx") == [("name", "city"), ("caf\u00e9", "Z\u00fcrich")], rows("latin1.xlsx")
assert rows("cp1252.xlsx") == [("name", "price"), ("\u201cquoted\u201d", "\u20ac 5")], rows("cp1252.xlsx")
assert rows("utf16.xlsx") == [("k\u00e9y", "v"), ("\u20ac", "\U0001F600")], rows("utf16.xlsx")
PY
printf 'a,b\n1,2\nx,\xe9\n' > "$tmp/ascii.csv"
refused "--encoding: an invalid sequence names line and byte" "$tmp/ascii.csv" \
    "invalid ASCII byte sequence at line 3 \(byte 11 of the input\)" --encoding ASCII
printf 'a,b\n' | iconv -t UTF-16LE > "$tmp/cut16.csv"
printf 'x' >> "$tmp/cut16.csv"
refused "--encoding: a sequence cut by the end" "$tmp/cut16.csv" "incomplete UTF-16LE byte sequence at line 2 \(byte 9" \
    --encoding UTF-16LE
ok "--encoding: unknown name" sh -c "'$C2X' --encoding NO-SUCH-CODE '$tmp/ascii.csv' -o '$tmp/x.xlsx' 2>&1 | grep -q \"unknown encoding 'NO-SUCH-CODE'\""
# A big UTF-16 input: conversion streams (chunk boundaries inside characters, memory flat).
$PY - "$tmp" <<'PY'
import sys
d = sys.argv[1]
for name, rows in (("small16", 20000), ("big16", 400000)):
    with open(f"{d}/{name}.csv", "w", encoding="utf-16") as f:
        f.write("id,text,n\n")
        for i in range(rows):
            f.write(f"{i},\u00e9t\u00e9 \u20ac{i % 100} \U0001F600,{i}.5\n")
PY
rss() { /usr/bin/time -f %M "$C2X" --encoding UTF-16 "$tmp/$1.csv" -o "$tmp/$1.xlsx" 2>&1 >/dev/null | tail -1; }
rss_small=$(rss small16)
rss_big=$(rss big16)
echo "   peak RSS converting UTF-16: 20,000 rows ${rss_small} KiB; 400,000 rows ${rss_big} KiB"
ok "--encoding: memory does not grow with the input (within 10% + 2 MiB)" \
    test "$rss_big" -le $((rss_small + rss_small / 10 + 2048))
ok "--encoding: big UTF-16 input read back" $PY - "$tmp/big16.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
n = 0
for i, row in enumerate(ws.iter_rows(min_row=2, values_only=True)):
    assert row == (i, f"\u00e9t\u00e9 \u20ac{i % 100} \U0001F600", i + 0.5), (i, row)
    n += 1
assert n == 400000, n
PY

echo "== csv2xlsx: fields longer than a cell"
$PY - "$tmp" <<'PY'
import sys
d = sys.argv[1]
open(f"{d}/long.csv", "w", encoding="utf-8").write("a,b\nx," + "\u00e9" * 40000 + "\n")
open(f"{d}/huge.csv", "w", encoding="utf-8").write("a,b\n" + "y" * 300000 + ",z\nq," + "\U0001F600" * 32767 + "\n")
PY
refused "too long: stops without --truncate" "$tmp/long.csv" "long.csv:2: field 2 \(column B\) has 40,000 characters; a cell holds at most 32,767"
refused "too long: longer than the reader keeps" "$tmp/huge.csv" "huge.csv:2: field 1 \(column A\) has more than 32,767 characters"
ok "--truncate" sh -c "'$C2X' --truncate '$tmp/long.csv' -o '$tmp/long.xlsx' 2> '$tmp/err'"
ok "--truncate: the summary counts the field" grep -q "1 field cut to 32767 characters" "$tmp/err"
ok "--truncate huge" sh -c "'$C2X' --truncate '$tmp/huge.csv' -o '$tmp/huge.xlsx' 2> '$tmp/err'"
ok "--truncate huge: one field cut (the 4-byte characters fit)" grep -q "1 field cut" "$tmp/err"
ok "--truncate: cut on a character boundary" $PY - "$tmp" <<'PY'
import sys, openpyxl
d = sys.argv[1]
rows = list(openpyxl.load_workbook(f"{d}/long.xlsx").active.iter_rows(values_only=True))
assert rows[1] == ("x", "\u00e9" * 32767), (len(rows[1][1]),)
rows = list(openpyxl.load_workbook(f"{d}/huge.xlsx").active.iter_rows(values_only=True))
assert rows[1] == ("y" * 32767, "z") and rows[2] == ("q", "\U0001F600" * 32767), [len(c) for c in rows[1]]
PY

echo "== csv2xlsx: sheet names from file names, wide rows"
printf 'a\n1\n' > "$tmp/src.csv"
for n in $'del\x7fete' $'bad\xffutf8' "what?[1]" "a-name-far-too-long-for-a-sheet-tab-0123456789" "'quoted'"; do
    cp "$tmp/src.csv" "$tmp/$n.csv"
done
ok "sheet names: DEL" "$C2X" "$tmp/"$'del\x7fete'.csv -o "$tmp/n1.xlsx"
ok "sheet names: invalid UTF-8" "$C2X" "$tmp/"$'bad\xffutf8'.csv -o "$tmp/n2.xlsx"
ok "sheet names: forbidden characters" "$C2X" "$tmp/what?[1].csv" -o "$tmp/n3.xlsx"
ok "sheet names: too long" "$C2X" "$tmp/a-name-far-too-long-for-a-sheet-tab-0123456789.csv" -o "$tmp/n4.xlsx"
ok "sheet names: apostrophes" "$C2X" "$tmp/'quoted'.csv" -o "$tmp/n5.xlsx"
ok "sheet names: cleaned" $PY - "$tmp" <<'PY'
import sys, openpyxl
d = sys.argv[1]
names = [openpyxl.load_workbook(f"{d}/n{i}.xlsx").active.title for i in range(1, 6)]
assert names == ["del_ete", "bad_utf8", "what__1_", "a-name-far-too-long-for-a-sheet", "quoted"], names
PY
$PY -c 'print(",".join("c%d" % i for i in range(20000)))' > "$tmp/wide.csv"
refused "20,000 columns" "$tmp/wide.csv" "wide.csv:1: the record has 20,000 fields; a sheet holds at most 16,384 columns"

echo "== csv2xlsx: a rejected row stops the conversion (the workbook is not closed)"
printf 'a,b\n1,2\n3,\xc3\n4,5\n6,7\n' > "$tmp/midbad.csv"
refused "rejected row" "$tmp/midbad.csv" "midbad.csv:3: .*row 3, column B: invalid UTF-8"
ok "rejected row: no temporary file left" sh -c "! ls -A '$tmp' | grep -q '^\.midbad'"

echo "== csv2xlsx: a writable destination in a directory that is not"
# The workbook goes to a temporary file beside the destination, so the directory must be
# writable: the message names it and the temporary file, and -o - as the way out. Root may
# write anywhere, so as root the two runs drop to uid/gid 65534 (setpriv, util-linux); the
# binary is copied beside the input for that user to reach.
ro="$tmp/ro"
mkdir -p "$ro" && cp "$C2X" "$ro/csv2xlsx" && printf 'a,b\n1,2\n' > "$ro/in.csv" && echo "previous content" > "$ro/out.xlsx"
chmod 666 "$ro/out.xlsx" && chmod 555 "$ro" && chmod 755 "$tmp"
as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
ok "read-only directory: exit 1" sh -c '"$@" 2> "'"$tmp/err"'"; [ $? -eq 1 ]' sh "${as_user[@]}" "$ro/csv2xlsx" "$ro/in.csv" -o "$ro/out.xlsx"
ok "read-only directory: names the directory and the temporary file" \
    grep -q "^csv2xlsx: the workbook is written to a temporary file in the directory $ro (.out.xlsx.XXXXXX.tmp) and$" "$tmp/err"
ok "read-only directory: names -o -" grep -q "^  output with -o - (e.g. -o - > $ro/out.xlsx, " "$tmp/err"
ok "read-only directory: the file untouched" grep -qx "previous content" "$ro/out.xlsx"
ok "read-only directory: -o - > FILE writes it" sh -c '"$@" -o - > "'"$ro/out.xlsx"'"' sh "${as_user[@]}" "$ro/csv2xlsx" "$ro/in.csv"
ok "read-only directory: -o - > FILE: openpyxl reads it" $PY -c "import openpyxl, sys; assert list(openpyxl.load_workbook(sys.argv[1]).active.values) == [('a', 'b'), (1, 2)]" "$ro/out.xlsx"
chmod 755 "$ro"

echo "== csv2xlsx: progress, summary"
seq 1 300000 | sed 's/^/x,/' > "$tmp/many.csv"
ok "no progress when standard error is not a terminal" sh -c "'$C2X' '$tmp/many.csv' -o '$tmp/many.xlsx' 2> '$tmp/err'; ! grep -q 'rows/s' '$tmp/err'"
ok "--progress: lines, no carriage return" bash -c "'$C2X' --progress '$tmp/many.csv' -o '$tmp/many.xlsx' 2> '$tmp/err' && grep -qE '^csv2xlsx: 300,000 rows, [0-9.]+ MB read, [0-9,]+ rows/s\$' '$tmp/err' && ! grep -q \$'\\r' '$tmp/err'"
ok "progress on a terminal: updated in place" bash -c "script -qec \"'$C2X' '$tmp/many.csv' -o '$tmp/many.xlsx'\" /dev/null > '$tmp/tty' && grep -q \$'\\rcsv2xlsx: 300,000 rows' '$tmp/tty'"
# The final line takes the place of the last update (it used to stay above it, the last line
# twice): the input pauses after 100,000 rows, so that there is an update before the end.
ok "progress on a terminal: the last line shown once" bash -c "script -qec \"{ head -n 100000 '$tmp/many.csv'; sleep 0.6; tail -n +100001 '$tmp/many.csv'; } | '$C2X' - -o '$tmp/many2.xlsx'\" /dev/null > '$tmp/tty2'"
ok "progress on a terminal: one progress line left on the screen" $PY - "$tmp/tty2" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read().decode()
assert raw.count("rows/s") >= 2, raw  # an update, then the final line
screen = [line.replace("\r\n", "").split("\r")[-1] for line in raw.replace("\r\n", "\n").split("\n")]
shown = [line for line in screen if "rows/s" in line]
assert len(shown) == 1 and "300,000 rows" in shown[0], screen
PY
printf 'h1,h2\n1,2\n3\n4,5,6\n7,8\n5,6\n' > "$tmp/ragged.csv"
ok "rollover and ragged rows" sh -c "'$C2X' --rows-per-sheet 3 '$tmp/ragged.csv' -o '$tmp/ragged.xlsx' 2> '$tmp/err'"
ok "summary names every sheet" grep -qx "csv2xlsx: wrote 6 rows to $tmp/ragged.xlsx in 3 sheets: 'ragged', 'ragged (2)', 'ragged (3)'" "$tmp/err"
ok "summary counts ragged rows" grep -qx "csv2xlsx: 2 ragged rows (a number of fields other than the header's 2)" "$tmp/err"
ok "rollover: the sheets" $PY - "$tmp/ragged.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["ragged", "ragged (2)", "ragged (3)"], wb.sheetnames
assert list(wb["ragged (2)"].iter_rows(values_only=True)) == [("h1", "h2", None), (4, 5, 6), (7, 8, None)]
PY
printf 'only\n' > "$tmp/one.csv"
ok "1 row, not 1 rows" sh -c "'$C2X' '$tmp/one.csv' 2>&1 | grep -qx 'csv2xlsx: wrote 1 row to $tmp/one.xlsx'"
ok "-o without a value" sh -c "'$C2X' '$tmp/one.csv' -o 2>&1 | grep -q \"option '-o' needs a value\""
ok "--version" sh -c "'$C2X' --version | grep -q '^csv2xlsx (fastxlsx [0-9]'"
ok "-V" sh -c "'$C2X' -V | grep -q '^csv2xlsx (fastxlsx [0-9]'"
ok "--help lists -V, --version" sh -c "'$C2X' --help | grep -q -- '-V, --version'"

echo "== csv2xlsx: tab-separated input, cell references"
printf 'a\tb,c\n1\t2,5\n' > "$tmp/t.tsv"
cp "$tmp/t.tsv" "$tmp/t2.TAB"
ok ".tsv is tab-separated" "$C2X" "$tmp/t.tsv" -o "$tmp/tsv.xlsx"
ok ".TAB is tab-separated" "$C2X" "$tmp/t2.TAB" -o "$tmp/tab.xlsx"
ok ".tsv with -d ','" "$C2X" -d , "$tmp/t.tsv" -o "$tmp/tsvcomma.xlsx"
ok "tab-separated: values" $PY - "$tmp" <<'PY'
import sys, openpyxl
d = sys.argv[1]
rows = lambda f: list(openpyxl.load_workbook(f"{d}/{f}").active.iter_rows(values_only=True))
assert rows("tsv.xlsx") == rows("tab.xlsx") == [("a", "b,c"), (1, "2,5")], rows("tsv.xlsx")
assert rows("tsvcomma.xlsx") == [("a\tb", "c"), ("1\t2", 5)], rows("tsvcomma.xlsx")
PY
printf 'a,b,c\n1,,3\nx,y,z\n' > "$tmp/refs.csv"
ok "--cell-references all" "$C2X" --cell-references all "$tmp/refs.csv" -o "$tmp/refs-all.xlsx"
ok "--cell-references compact" "$C2X" --cell-references compact "$tmp/refs.csv" -o "$tmp/refs-compact.xlsx"
ok "default cell references" "$C2X" "$tmp/refs.csv" -o "$tmp/refs-default.xlsx"
ok "--cell-references rejects other words" sh -c "'$C2X' --cell-references some '$tmp/refs.csv' -o '$tmp/x.xlsx'; [ \$? -eq 2 ]"
ok "cell references: every cell or only where needed" $PY - "$tmp" <<'PY'
import re, sys, zipfile, openpyxl
d = sys.argv[1]
def cells(f):
    xml = zipfile.ZipFile(f"{d}/{f}").read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r"<c\b[^>]*>", xml)
for f in ("refs-all.xlsx", "refs-default.xlsx"):
    c = cells(f)
    assert len(c) == 8 and all(' r="' in x for x in c), (f, c)
c = cells("refs-compact.xlsx")
assert len(c) == 8 and sum(' r="' in x for x in c) < 8, c
for f in ("refs-all.xlsx", "refs-compact.xlsx"):
    rows = list(openpyxl.load_workbook(f"{d}/{f}").active.iter_rows(values_only=True))
    assert rows == [("a", "b", "c"), (1, None, 3), ("x", "y", "z")], (f, rows)
PY

echo "csv2xlsx: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
