#!/usr/bin/python3
"""tables.py - the Excel tables of a workbook as readers we did not write see them.

  tables.py openpyxl FILE.xlsx OUT.json       dump the tables with openpyxl
  tables.py libreoffice FILE.xlsx EXPECT.json OUT.json  LibreOffice opens the workbook: its totals rows'
                                              values (LibreOffice reads no table parts into ODF)
  tables.py compare EXPECT.json DUMP.json...  compare dumps with what was written

A dump is {"tables": [{"sheet", "name", "ref", "filter", "style", "columns",
"functions", "labels", "formulas", "totals_formula", "totals"}]}: the table's
range, the range of its autoFilter (null without filter buttons), its style, its
column names, each column's totalsRowFunction (null for none), totalsRowLabel
and calculatedColumnFormula by column name, the custom totals formulas, and the
values of the totals row's cells (cached values: no reader here calculates).
tests/e2e/write_tables.c writes the expectation; Apache POI (PoiDump.java tables)
and ExcelJS (dump.js exceljs-tables) write their dumps in the same form. Only
what a reader reports is compared (a key it leaves out is not checked: each
dumper says which it cannot read, and ExcelJS's dump that it loses the columns
after a calculated one); numbers must be equal exactly (LibreOffice's: to the
15 digits its ODF export writes).
"""
import json
import sys


def openpyxl_dump(path, out):
    import openpyxl
    values = openpyxl.load_workbook(path, data_only=True)
    book = openpyxl.load_workbook(path)
    tables = []
    for ws in book.worksheets:
        for t in ws.tables.values():
            cols = list(t.tableColumns)
            d = {
                "sheet": ws.title, "name": t.displayName, "ref": t.ref,
                "filter": t.autoFilter.ref if t.autoFilter is not None else None,
                "style": t.tableStyleInfo.name if t.tableStyleInfo is not None else None,
                "columns": [c.name for c in cols],
                "functions": [c.totalsRowFunction for c in cols],
                "labels": {c.name: c.totalsRowLabel for c in cols if c.totalsRowLabel is not None},
                "formulas": {c.name: c.calculatedColumnFormula.attr_text for c in cols
                             if c.calculatedColumnFormula is not None},
                "totals_formula": {c.name: c.totalsRowFormula.attr_text for c in cols
                                   if c.totalsRowFormula is not None},
                "totals": {},
            }
            if t.totalsRowCount:
                last = t.ref.split(":")[1]
                row = int("".join(ch for ch in last if ch.isdigit()))
                for cells in values[ws.title].iter_rows(min_row=row, max_row=row):
                    for cell in cells:
                        if cell.value is not None:
                            d["totals"][cell.coordinate] = cell.value
            tables.append(d)
    json.dump({"tables": tables}, open(out, "w"), indent=1)


def libreoffice_dump(path, expect_path, out):
    """LibreOffice converts the workbook to ODF (cached values, no recalculation, as the
    reader matrix does); the values of the cells the expectation's totals name."""
    import os
    import subprocess
    import tempfile
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(f"{tmp}/profile/user")
        with open(f"{tmp}/profile/user/registrymodifications.xcu", "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/'
                    'registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/'
                    'XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop '
                    'oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item></oor:items>')
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "ods", "--outdir", tmp, path], check=True, capture_output=True,
                       timeout=300)
        ods = os.path.join(tmp, os.path.basename(path)[:-5] + ".ods")
        subprocess.run([sys.executable, f"{here}/ods_dump.py", ods, f"{tmp}/dump.json"], check=True)
        sheets = {s["name"]: s["cells"] for s in json.load(open(f"{tmp}/dump.json"))["sheets"]}
    tables = []
    for w in json.load(open(expect_path))["tables"]:
        cells = sheets.get(w["sheet"], {})
        tables.append({"name": w["name"], "sheet": w["sheet"] if w["sheet"] in sheets else None,
                       "totals": {ref: cells[ref][1] for ref in w["totals"] if ref in cells}})
    # Its ODF export writes numbers with 15 significant digits.
    json.dump({"tables": tables, "digits": 15}, open(out, "w"), indent=1)


def rounded(v, digits):
    return float(f"{v:.{digits}g}") if digits and isinstance(v, float) else v


def compare(expect_path, dumps):
    want = json.load(open(expect_path))["tables"]
    failures = 0
    for path in dumps:
        got = json.load(open(path))
        if "error" in got:
            print(f"FAIL {path}: the reader failed: {got['error']}")
            failures += 1
            continue
        by_name = {t["name"]: t for t in got["tables"]}
        # A known reader bug (ExcelJS 4.4.0): the columns after the first calculated one are lost.
        cut = got.get("stops_after_calculated_column")
        problems = []
        if sorted(by_name) != sorted(t["name"] for t in want):
            problems.append(f"tables {sorted(by_name)}, expected {sorted(t['name'] for t in want)}")
        for w in want:
            g = by_name.get(w["name"])
            if g is None:
                continue
            for key in ("sheet", "ref", "filter", "style", "columns", "functions", "labels", "formulas",
                        "totals_formula", "totals"):
                if key not in g:
                    continue  # the reader cannot tell
                wv = w.get(key, {} if key == "totals_formula" else None)
                gv = g[key]
                if cut and key in ("columns", "functions") and w["formulas"]:
                    k = min(w["columns"].index(name) for name in w["formulas"]) + 1
                    wv, gv = wv[:k], gv[:k]
                if key == "totals":
                    gv = {k: v for k, v in gv.items() if k in wv}  # cells the expectation names
                    wv = {k: rounded(float(v) if isinstance(v, int) else v, got.get("digits")) for k, v in wv.items()}
                if gv != wv:
                    problems.append(f"{w['name']}.{key}: {gv!r}, expected {wv!r}")
        reader = path.rsplit("/", 1)[-1]
        if problems:
            failures += 1
            print(f"FAIL {reader}: " + "\n    ".join(problems))
        else:
            print(f"ok   {reader}: {len(want)} tables as written")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "openpyxl":
        openpyxl_dump(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "libreoffice":
        libreoffice_dump(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) >= 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3:]))
    else:
        sys.exit(__doc__)
