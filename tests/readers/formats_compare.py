#!/usr/bin/python3
"""Compare the dumps of the formats workbook (tests/readers/write_formats.c) by openpyxl,
Apache POI and ExcelJS with tests/readers/formats.expect.json.

"formats": one record per row of sheet "Formats", column A: the cell's text (label), font
(font.b, .i, .strike, .u, .vertAlign, .sz, .name, .color, .family, .scheme), fill
(fill.pattern, .fg, .bg), border sides ("STYLE COLOUR" or "none": border.left, .right,
.top, .bottom, .diagonal; border.up, .down), alignment (align.h, .v, .rotation as stored,
.indent, .shrink, .wrap), protection (locked, hidden) and quotePrefix.
"rich": one record per rich text cell of sheet "Rich": its runs, each {"text", "font"}
with the run font's keys as above (b, i, strike, u, vertAlign, sz, name, color), or null
for a run without properties.
"protection": one record for sheet "Protected": "sheet" (protected) and, per action of
sheetProtection (objects, scenarios, formatCells ... selectUnlockedCells), whether it is allowed.
Colours: "FFRRGGBB", "theme:N" or "theme:N:TINT", "auto", "indexed:N", or null.

A field a reader does not report is dumped as the string "n/a" and skipped (listed);
anything else that differs fails. Usage: formats_compare.py EXPECT.json READER=DUMP.json...
"""
import json, sys


def same(g, w):
    if isinstance(w, float) and isinstance(g, (int, float)) and not isinstance(g, bool):
        return abs(g - w) < 1e-9
    return g == w


def compare(w, g, where, problems, skipped):
    """Compare expected @w with dumped @g (dicts, lists, scalars); returns fields checked."""
    if g == "n/a":
        skipped.add(where)
        return 0
    if isinstance(w, dict) and isinstance(g, dict):
        n = 0
        for k, v in w.items():
            n += compare(v, g.get(k, "n/a"), f"{where}.{k}" if where else k, problems, skipped)
        return n
    if isinstance(w, list) and isinstance(g, list):
        if len(w) != len(g):
            problems.append(f"{where}: {len(g)} items, expected {len(w)}: {g!r}")
            return 1
        return sum(compare(a, b, f"{where}[{i}]", problems, skipped) for i, (a, b) in enumerate(zip(w, g)))
    if not same(g, w):
        problems.append(f"{where}: {g!r}, expected {w!r}")
    return 1


expect = json.load(open(sys.argv[1]))
failed = 0
for arg in sys.argv[2:]:
    reader, path = arg.split("=", 1)
    got = json.load(open(path))
    problems, skipped, checked = [], set(), 0
    if "error" in got:
        problems.append(f"could not read the workbook: {got['error']}")
    for kind, want_list in expect.items():
        got_list = got.get(kind, [])
        if got_list == "n/a":
            skipped.add(kind)
            continue
        if len(want_list) != len(got_list):
            problems.append(f"{len(got_list)} {kind}, expected {len(want_list)}")
        for i, (w, g) in enumerate(zip(want_list, got_list)):
            label = w.get("label", i)
            sub_skipped = set()
            checked += compare(w, g, "", problems_row := [], sub_skipped)
            problems += [f"{kind}[{i}] ({label}) {p}" for p in problems_row]
            skipped |= {f"{kind}.{s.split('[')[0]}" for s in sub_skipped}
    status = "ok" if not problems else f"FAIL ({len(problems)})"
    print(f"{reader:10s} {status}: {checked} fields compared" + (f"; not reported: {', '.join(sorted(skipped))}" if skipped else ""))
    for p in problems:
        print("    " + p)
    failed += bool(problems)
sys.exit(1 if failed else 0)
