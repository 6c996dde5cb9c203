#!/usr/bin/python3
"""Compare readers' dumps of the page setup (PoiPrint.java, print_openpyxl.py) with
print.expect.json: every key of every sheet, "any" in the expectation matching
anything, a key a reader does not write (openpyxl: "ignored") skipped; margins to
1e-9. Prints one line per reader and each difference; status 1 on any.

Usage: print_compare.py EXPECT.json NAME=DUMP.json...
"""
import json, sys

expect = json.load(open(sys.argv[1]))
bad = 0
for arg in sys.argv[2:]:
    name, path = arg.split("=", 1)
    got = json.load(open(path))
    diffs = []
    if list(got) != list(expect):
        diffs.append(f"sheets {list(got)}")
    for sheet, want in expect.items():
        have = got.get(sheet, {})
        for k, v in want.items():
            if v == "any" or k not in have:
                continue
            h = have[k]
            if k == "margins":
                same = len(h) == 6 and all(abs(a - b) < 1e-9 for a, b in zip(h, v))
            elif k == "ignored":
                same = {t: sorted(r) for t, r in h.items()} == {t: sorted(r) for t, r in v.items()}
            else:
                same = h == v
            if not same:
                diffs.append(f"{sheet}.{k}: {h!r}, expected {v!r}")
    print(f"{name:10} {'ok' if not diffs else f'FAIL ({len(diffs)})'}")
    for d in diffs:
        print("   ", d)
    bad += bool(diffs)
sys.exit(1 if bad else 0)
