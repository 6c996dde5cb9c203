#!/usr/bin/python3
"""csv_roundtrip.py [-d DELIM] INPUT.csv OUTPUT.xlsx - LibreOffice reads back what csv2xlsx wrote.

LibreOffice (soffice --headless, private profile) converts OUTPUT.xlsx to CSV, every sheet
in workbook order, and the result is compared field by field with INPUT.csv as read by
Python's csv module (UTF-8, a leading BOM ignored). The typing rules are csv2xlsx's:
  - the first row (header) is text;
  - -?(0|[1-9][0-9]*) with at most 15 digits, or -?(0|[1-9][0-9]*)\\.[0-9]+ with at most 15
    significant digits, is a number: LibreOffice must see a number cell, equal as a double;
  - YYYY-MM-DD, a real date from 1900-01-01 on, optionally with ' ' or 'T' and HH:MM:SS, is
    a date: LibreOffice must see a number cell showing the same date and time;
  - any other non-empty field is text and must come back identical ("00501" stays "00501");
  - empty stays empty.
Rows may be padded with empty fields and empty rows may be missing at the end (a blank
cell and no cell look the same). One LibreOffice limitation is allowed for: it turns CR LF
inside a cell into LF (a lone CR survives), so text with CR LF may come back with LF. LibreOffice writes text cells quoted (filter token 7), so
a number stored as text, or text stored as a number, is caught too.
Exit status: 0 with a summary; 1 with the first differences; 2 if LibreOffice fails.
"""
import argparse
import csv
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

# "Text - txt - csv (StarCalc)" export options (LibreOffice help, "CSV Filter Options"):
#  1: 44 field separator ','    2: 34 text delimiter '"'    3: 76 character set UTF-8
#  4, 5: import only            6: 0 language (default)
#  7: true  quote all text cells: text and number cells are told apart in the output
#  8: import only (detect special numbers)
#  9: false "save cell contents as shown" off: the value itself, not its formatted text
#          (LibreOffice writes up to 15 significant digits, what a double holds exactly)
# 10: false formulas as results   11: import only (trim spaces)
# 12: -1 every sheet, each to OUTSTEM-SHEETNAME.csv
FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"
SOFFICE_TIMEOUT = 1800
MAX_SHOWN = 20

INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+\Z")
WHEN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2}):([0-9]{2}))?\Z")


def parse_when(field):
    """The date-time a csv2xlsx date field stands for, or None."""
    m = WHEN.match(field)
    if not m:
        return None
    try:
        w = datetime.datetime(*(int(g) for g in m.groups() if g is not None))
    except ValueError:
        return None  # 2023-02-30 and the like stay text
    return w if w.year >= 1900 else None


# One field of LibreOffice's output: quoted (with "" for a quote) or bare.
FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,"\r\n]*)')


def kind(field, header):
    """'empty', 'number', 'date' or 'text', by csv2xlsx's rules."""
    if field == "":
        return "empty"
    if header:
        return "text"
    if parse_when(field) is not None:
        return "date"
    digits = field.lstrip("-")
    if INTEGER.match(field) and len(digits) <= 15:
        return "number"
    if DECIMAL.match(field) and len(digits.replace(".", "").lstrip("0")) <= 15:
        return "number"
    return "text"


def read_lo_csv(path):
    """Rows of (text, quoted) from a CSV LibreOffice wrote (RFC 4180 quoting)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    rows, row, pos = [], [], 0
    while text:
        m = FIELD.match(text, pos)
        quoted = m.group(1) is not None
        row.append((m.group(1).replace('""', '"') if quoted else m.group(2), quoted))
        pos = m.end()
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        if text.startswith("\r\n", pos):
            pos += 2
        elif text.startswith("\n", pos):
            pos += 1
        elif pos < len(text):
            raise ValueError(f"{path}: malformed CSV at character {pos}: {text[pos:pos + 20]!r}")
        rows.append(row)
        row = []
        if pos == len(text):
            break
    return rows


def sheet_names(xlsx):
    """Sheet names in workbook order, from xl/workbook.xml."""
    with zipfile.ZipFile(xlsx) as z, z.open("xl/workbook.xml") as f:
        root = ET.parse(f).getroot()
    return [s.get("name") for s in root.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")]


def libreoffice_csv(xlsx, tmp):
    """Convert with a private profile (so parallel runs and CI do not share one) and
    return the rows of every sheet, concatenated in workbook order."""
    soffice = shutil.which("soffice")
    if not soffice:
        raise RuntimeError("soffice not found (install libreoffice-calc-nogui)")
    out = os.path.join(tmp, "out")
    cmd = [soffice, f"-env:UserInstallation=file://{os.path.join(tmp, 'profile')}", "--headless",
           "--norestore", "--convert-to", FILTER, "--outdir", out, os.path.abspath(xlsx)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
    stem = os.path.splitext(os.path.basename(xlsx))[0]
    rows = []
    for name in sheet_names(xlsx):
        path = os.path.join(out, f"{stem}-{name}.csv")
        if not os.path.exists(path):
            raise RuntimeError(f"LibreOffice did not write {path} (exit {p.returncode}); it wrote "
                               f"{sorted(os.listdir(out)) if os.path.isdir(out) else 'nothing'}\n{p.stdout}{p.stderr}")
        rows += read_lo_csv(path)
    return rows


def compare(inp_rows, lo_rows):
    diffs, counts = [], {"number": 0, "date": 0, "text": 0, "empty": 0, "crlf": 0}
    for r in range(max(len(inp_rows), len(lo_rows))):
        a = inp_rows[r] if r < len(inp_rows) else []
        b = lo_rows[r] if r < len(lo_rows) else []
        for c in range(max(len(a), len(b))):
            want = a[c] if c < len(a) else ""
            got, quoted = b[c] if c < len(b) else ("", False)
            k = kind(want, r == 0)
            counts[k] += 1
            if k == "number":
                try:
                    ok = not quoted and float(got) == float(want)
                except ValueError:
                    ok = False
            elif k == "date":
                ok = not quoted and parse_when(got) == parse_when(want)
            elif k == "text":
                ok = quoted and (got == want or ("\r\n" in want and got == want.replace("\r\n", "\n")))
                counts["crlf"] += ok and got != want
            else:
                ok = got == ""
            if not ok:
                shown = "empty" if got == "" else f"{'text' if quoted else 'number'} {got!r}"
                diffs.append(f"row {r + 1}, column {c + 1}: expected {k} {want!r}; LibreOffice has {shown}")
    return diffs, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-d", "--delimiter", default=",", help="field delimiter of INPUT.csv (default ',')")
    ap.add_argument("input")
    ap.add_argument("xlsx")
    args = ap.parse_args()
    with open(args.input, encoding="utf-8-sig", newline="") as f:
        inp_rows = list(csv.reader(f, delimiter=args.delimiter))
    tmp = tempfile.mkdtemp(prefix="csv-roundtrip.")
    try:
        lo_rows = libreoffice_csv(args.xlsx, tmp)
    except (RuntimeError, ValueError, subprocess.TimeoutExpired, OSError, KeyError) as e:
        print(f"csv_roundtrip: ERROR {args.xlsx}: {e}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    diffs, counts = compare(inp_rows, lo_rows)
    if diffs:
        for d in diffs[:MAX_SHOWN]:
            print(f"  {d}")
        if len(diffs) > MAX_SHOWN:
            print(f"  ... {len(diffs) - MAX_SHOWN} more")
        print(f"csv_roundtrip: FAIL {args.xlsx} vs {args.input}: {len(diffs)} difference(s)")
        return 1
    print(f"csv_roundtrip: OK {args.xlsx} vs {args.input}: {len(inp_rows)} rows; "
          f"{counts['number']} numbers, {counts['date']} dates, {counts['text']} texts, "
          f"{counts['empty']} empty fields equal"
          + (f" ({counts['crlf']} texts with CR LF read back with LF)" if counts["crlf"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
