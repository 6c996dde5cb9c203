#!/usr/bin/python3
"""expect.py - what every reader of the matrix must read from a workbook, as JSON.

  expect.py types EXPECT.json OUT.json      from the expectation tests/e2e/write_types wrote
  expect.py csv INPUT.csv WORKBOOK OUT.json from csv2xlsx's input, typed as openpyxl reads it
  expect.py openpyxl WORKBOOK OUT.json      from openpyxl (the report example: its cached values)

The output (and every reader's dump, tests/readers/compare.py):
  {"sheets": [{"name": ..., "cells": {"A1": [type, value], ...}, "merges": ["A1:F1", ...],
               "links": {"C2": "https://..."}, "freeze": "A4" or null, "filter": "A3:F13" or null}]}
type "s" text, "n" number (a double), "b" boolean, "d" date or date-time (ISO 8601 to the
millisecond, "2024-02-29T13:14:15.678"); blank cells are left out. Formulas count as their
cached values.
"""
import csv
import datetime
import json
import sys
import warnings

import openpyxl
from openpyxl.utils import get_column_letter


def ref(row, col):
    return f"{get_column_letter(col)}{row}"


def iso(v):
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (v.microsecond // 1000)
    if isinstance(v, datetime.date):
        return v.strftime("%Y-%m-%dT00:00:00.000")
    raise TypeError(v)


def typed(v):
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, (int, float)):
        return ["n", float(v)]
    if isinstance(v, str):
        return ["s", v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return ["d", iso(v)]
    raise TypeError(f"{type(v).__name__} {v!r}")


def from_types(src):
    conv = {"s": lambda v: ["s", v], "n": lambda v: ["n", float(v)], "i": lambda v: ["n", float(int(v))],
            "b": lambda v: ["b", bool(v)]}
    out = []
    for s in json.load(open(src, encoding="utf-8"))["sheets"]:
        cells = {}
        for r, row in enumerate(s["rows"], 1):
            for c, cell in enumerate(row, 1):
                if cell is not None:
                    cells[ref(r, c)] = conv[cell["t"]](cell["v"])
        out.append({"name": s["name"], "cells": cells, "merges": [], "links": {}, "freeze": None, "filter": None})
    return out


def load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=True)


def sheet_features(ws):
    return {"merges": sorted(str(r) for r in ws.merged_cells.ranges),
            # An internal link (a place in the workbook, §18.3.1.47 location) as "#Sheet!A1".
            "links": {c.coordinate: c.hyperlink.target or "#" + c.hyperlink.location
                      for row in ws.iter_rows() for c in row if c.hyperlink},
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
            # Excel tables' ranges with filter buttons (readers that show a table as a filtered range).
            "table_filters": sorted(t.ref for t in ws.tables.values() if t.autoFilter is not None)}


def from_openpyxl(path):
    out = []
    for ws in load(path):
        cells = {ref(c.row, c.column): typed(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
        out.append({"name": ws.title, "cells": cells, **sheet_features(ws)})
    return out


def from_csv(src, path):
    """openpyxl's types, each checked against the CSV field it came from: text is the field
    byte for byte, a number is the field's value, a date is the field's date."""
    data = list(csv.reader(open(src, encoding="utf-8", newline="")))
    header, body = data[0], data[1:]
    out, k = [], 0
    for ws in load(path):
        rows = [header] + body[k:k + ws.max_row - 1]
        k += ws.max_row - 1
        cells = {}
        for r, fields in enumerate(rows, 1):
            for c, field in enumerate(fields, 1):
                v = ws.cell(r, c).value
                where = f"{ws.title}!{ref(r, c)} ({field!r})"
                if field == "":
                    assert v is None, f"{where}: openpyxl {v!r}"
                    continue
                if isinstance(v, str):
                    assert v == field, f"{where}: openpyxl {v!r}"
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    assert float(field) == v, f"{where}: openpyxl {v!r}"
                elif isinstance(v, datetime.datetime):
                    assert datetime.datetime.fromisoformat(field) == v, f"{where}: openpyxl {v!r}"
                else:
                    raise AssertionError(f"{where}: openpyxl {type(v).__name__} {v!r}")
                cells[ref(r, c)] = typed(v)
        assert ws.max_row == len(rows), f"{ws.title}: {ws.max_row} rows, CSV part {len(rows)}"
        out.append({"name": ws.title, "cells": cells, **sheet_features(ws)})
    assert k == len(body), f"{k} data rows in the workbook, {len(body)} in the CSV"
    return out


def main():
    kind, args = sys.argv[1], sys.argv[2:]
    sheets = {"types": lambda: from_types(args[0]), "csv": lambda: from_csv(args[0], args[1]),
              "openpyxl": lambda: from_openpyxl(args[0])}[kind]()
    with open(args[-1], "w", encoding="utf-8") as f:
        json.dump({"sheets": sheets}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
