#!/usr/bin/python3
"""ods_dump.py - dump what LibreOffice or gnumeric read from a workbook, for compare.py.

  ods_dump.py FILE.ods OUT.json [FILE.gnumeric]

Both readers are driven through their converters (run.sh): each reads the .xlsx and writes
what it read as OpenDocument (ODF 1.2), and this script turns the ODF back into the
matrix's dump: per cell office:value-type (string, float, percentage, currency -> number,
boolean, date) and value; merges from table:number-columns/rows-spanned; hyperlinks from
<text:a>; autofilters from table:database-range; frozen panes from settings.xml.
Gnumeric's ODF export writes date-times rounded to the second (and none at all for some),
so with FILE.gnumeric (its native format, which keeps every number exactly) a date cell's
value is its serial from there, converted as the 1900 date system says. Gnumeric's exports
write a CR of a text as a raw CR byte, which an XML parser must read as LF (XML 1.0 §2.11):
raw CRs are turned into character references before parsing, so the CR gnumeric read is kept.
"""
import datetime
import gzip
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
T = "{%s}" % NS["table"]
O = "{%s}" % NS["office"]
X = "{%s}" % NS["text"]
MAX_REPEAT = 20000  # a run of equal cells or rows longer than this is an empty tail


def col_letters(col):  # 1-based
    s = ""
    while col:
        col, k = divmod(col - 1, 26)
        s = chr(65 + k) + s
    return s


def ref(row, col):
    return f"{col_letters(col)}{row}"


def text_of(elem, links, where):
    """The text of a cell's <text:p> paragraphs, joined by LF (ODF 1.2 §6.1): the
    cell's own paragraphs, its children, not those inside a drawing anchored to
    the cell (an image's draw:frame holds an empty <text:p> of its own) nor those of a
    note on the cell (office:annotation, ODF 1.2 §14.1)."""
    paras = []
    for p in elem.findall(X + "p"):
        out = []

        def walk(e):
            if e.text:
                out.append(e.text)
            for ch in e:
                tag = ch.tag
                if tag == X + "s":
                    out.append(" " * int(ch.get(X + "c", "1")))
                elif tag == X + "tab":
                    out.append("\t")
                elif tag == X + "line-break":
                    out.append("\n")
                else:
                    if tag == X + "a":
                        links[where] = ch.get("{%s}href" % NS["xlink"])
                    walk(ch)
                if ch.tail:
                    out.append(ch.tail)

        walk(p)
        paras.append("".join(out))
    return "\n".join(paras)


def iso_from_odf(v):
    if "T" not in v:
        v += "T00:00:00"
    m = re.fullmatch(r"(-?\d+-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?", v)
    if not m:
        return v
    frac = (m.group(2) or "").ljust(3, "0")[:3]
    return f"{m.group(1)}.{frac}"


def iso_from_serial(serial):
    """1900 date system (ECMA-376 Part 1 §18.17.4.1): serial 1 is 1900-01-01, 60 the
    non-existent 1900-02-29, so serials from 61 count from 1899-12-30."""
    days = int(serial // 1)
    ms = round((serial - days) * 86400000)
    if ms == 86400000:
        days, ms = days + 1, 0
    base = datetime.datetime(1899, 12, 31) if days < 60 else datetime.datetime(1899, 12, 30)
    if days == 60:
        return "1900-02-29T" + (datetime.datetime(2000, 1, 1) + datetime.timedelta(milliseconds=ms)).strftime("%H:%M:%S.%f")[:12]
    d = base + datetime.timedelta(days=days, milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (d.microsecond // 1000)


def gnumeric_numbers(path):
    """{(sheet name, ref): serial text} of every number cell of a .gnumeric file."""
    out = {}
    name = None
    with gzip.open(path) as f:
        data = io.BytesIO(f.read().replace(b"\r", b"&#13;"))
    for ev, e in ET.iterparse(data, events=("end",)):
        tag = e.tag.split("}")[-1]
        if tag == "Name" and name is None:
            name = e.text
        elif tag == "Cell" and e.get("ValueType") == "40":
            out[(name, ref(int(e.get("Row")) + 1, int(e.get("Col")) + 1))] = e.text
        elif tag == "Sheet":
            name = None
            e.clear()
    return out


def freeze_panes(settings):
    """{table name: top-left cell of the scrolling part} for frozen tables."""
    out = {}
    root = ET.fromstring(settings)
    C = "{%s}" % NS["config"]
    for m in root.iter(C + "config-item-map-named"):
        if m.get(C + "name") != "Tables":
            continue
        for entry in m.findall(C + "config-item-map-entry"):
            items = {i.get(C + "name"): i.text for i in entry.findall(C + "config-item")}
            if items.get("HorizontalSplitMode") == "2" or items.get("VerticalSplitMode") == "2":
                cols = int(items.get("HorizontalSplitPosition") or 0) if items.get("HorizontalSplitMode") == "2" else 0
                rows = int(items.get("VerticalSplitPosition") or 0) if items.get("VerticalSplitMode") == "2" else 0
                out[entry.get(C + "name")] = ref(rows + 1, cols + 1)
    return out


def range_ref(addr):
    """"Sales.A3:Sales.F13" or "'By region'.A1:..." -> ("Sales", "A3:F13")."""
    m = re.fullmatch(r"\$?'?(.*?)'?\.\$?([A-Z]+)\$?(\d+)(?::\$?'?.*?'?\.\$?([A-Z]+)\$?(\d+))?", addr)
    if not m:
        return None, addr
    a = f"{m.group(2)}{m.group(3)}"
    return m.group(1), a if not m.group(4) else f"{a}:{m.group(4)}{m.group(5)}"


def main():
    src, out_path = sys.argv[1], sys.argv[2]
    gnum = gnumeric_numbers(sys.argv[3]) if len(sys.argv) > 3 else None
    with zipfile.ZipFile(src) as z:
        content = z.read("content.xml")
        settings = z.read("settings.xml") if "settings.xml" in z.namelist() else b"<x/>"
    root = ET.fromstring(content.replace(b"\r", b"&#13;"))
    frozen = freeze_panes(settings)
    sheets = []
    for tbl in root.iter(T + "table"):
        name = tbl.get(T + "name")
        cells, links, merges = {}, {}, []
        r = 0
        for row in tbl.iter(T + "table-row"):
            rrep = int(row.get(T + "number-rows-repeated", "1"))
            row_cells = []
            c = 0
            for cell in row:
                if cell.tag not in (T + "table-cell", T + "covered-table-cell"):
                    continue
                crep = int(cell.get(T + "number-columns-repeated", "1"))
                vt = cell.get(O + "value-type")
                if cell.tag == T + "table-cell" and vt is not None and crep <= MAX_REPEAT:
                    for k in range(crep):
                        row_cells.append((c + k + 1, cell, vt))
                    span_c = int(cell.get(T + "number-columns-spanned", "1"))
                    span_r = int(cell.get(T + "number-rows-spanned", "1"))
                    if span_c > 1 or span_r > 1:
                        merges.append(f"{ref(r + 1, c + 1)}:{ref(r + span_r, c + span_c)}")
                elif cell.tag == T + "table-cell":
                    span_c = int(cell.get(T + "number-columns-spanned", "1"))
                    span_r = int(cell.get(T + "number-rows-spanned", "1"))
                    if span_c > 1 or span_r > 1:
                        merges.append(f"{ref(r + 1, c + 1)}:{ref(r + span_r, c + span_c)}")
                c += crep
            if row_cells and rrep > MAX_REPEAT:
                rrep = 1
            for k in range(rrep if row_cells else 0):
                rr = r + k + 1
                for col, cell, vt in row_cells:
                    where = ref(rr, col)
                    if vt == "string":
                        v = ["s", text_of(cell, links, where)]
                    elif vt in ("float", "percentage", "currency"):
                        v = ["n", float(cell.get(O + "value"))]
                    elif vt == "boolean":
                        v = ["b", cell.get(O + "boolean-value") == "true"]
                    elif vt == "date":
                        if gnum is not None and (name, where) in gnum:
                            v = ["d", iso_from_serial(float(gnum[(name, where)]))]
                        else:
                            v = ["d", iso_from_odf(cell.get(O + "date-value") or "")]
                    elif vt == "time":
                        v = ["t", cell.get(O + "time-value")]
                    else:
                        v = [vt, text_of(cell, {}, where)]
                    cells[where] = v
                    if vt != "string":
                        text_of(cell, links, where)  # links on non-text cells
            r += rrep
        sheets.append({"name": name, "cells": cells, "merges": merges, "links": links,
                       "freeze": frozen.get(name), "filter": None})
    by_name = {s["name"]: s for s in sheets}
    for dr in root.iter(T + "database-range"):
        if dr.get(T + "display-filter-buttons") != "true":
            continue
        sheet, rng = range_ref(dr.get(T + "target-range-address", ""))
        if sheet in by_name:
            by_name[sheet]["filter"] = rng
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"sheets": sheets}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
