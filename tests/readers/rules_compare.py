#!/usr/bin/python3
"""Compare the dumps of the rules workbook (tests/readers/write_rules.c) by openpyxl,
Apache POI and ExcelJS with tests/readers/rules.expect.json: every data validation
(range, type, operator, formulas, blanks, dropdown, messages, error style) and every
conditional format (range, priority, type, operator, formulas, text, rank, colours,
icon set, stop-if-true and the dxf: font colour, bold, italic, underline, strikeout,
fill, border, number format).

A field a reader does not report is dumped as the string "n/a" and skipped (listed);
anything else that differs fails. Usage: rules_compare.py EXPECT.json READER=DUMP.json...
"""
import json, sys

expect = json.load(open(sys.argv[1]))
failed = 0
for arg in sys.argv[2:]:
    reader, path = arg.split("=", 1)
    got = json.load(open(path))
    problems, skipped, checked = [], set(), 0
    if "error" in got:
        problems.append(f"could not read the workbook: {got['error']}")
        got = {"validations": [], "condformats": []}
    for kind in ("validations", "condformats"):
        want_list, got_list = expect[kind], got.get(kind, [])
        if len(want_list) != len(got_list):
            problems.append(f"{len(got_list)} {kind}, expected {len(want_list)}")
        for i, (w, g) in enumerate(zip(want_list, got_list)):
            for key, wv in w.items():
                gv = g.get(key, "n/a")
                if gv == "n/a":
                    skipped.add(f"{kind}.{key}")
                    continue
                if key == "dxf" and isinstance(wv, dict) and isinstance(gv, dict):
                    for dk, dv in wv.items():
                        gdv = gv.get(dk, "n/a")
                        if gdv == "n/a":
                            skipped.add(f"{kind}.dxf.{dk}")
                        elif gdv != dv:
                            problems.append(f"{kind}[{i}] ({w['sqref']}) dxf.{dk}: {gdv!r}, expected {dv!r}")
                        checked += 1
                    continue
                checked += 1
                if gv != wv:
                    problems.append(f"{kind}[{i}] ({w['sqref']}) {key}: {gv!r}, expected {wv!r}")
    status = "ok" if not problems else f"FAIL ({len(problems)})"
    print(f"{reader:10s} {status}: {checked} fields compared" + (f"; not reported: {', '.join(sorted(skipped))}" if skipped else ""))
    for p in problems:
        print("    " + p)
    failed += bool(problems)
sys.exit(1 if failed else 0)
