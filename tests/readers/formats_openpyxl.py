#!/usr/bin/python3
"""Dump the cell formats of sheet "Formats" (tests/readers/write_formats.c) as openpyxl
reads them, one record per row of column A, and the rich text runs of sheet "Rich" (with
load_workbook(rich_text=True): CellRichText of TextBlocks with InlineFonts), in the form
of tests/readers/formats.expect.json (see formats_compare.py for the keys and the colour
notation). Usage: formats_openpyxl.py FILE.xlsx OUT.json
"""
import json, sys
import openpyxl

ws = openpyxl.load_workbook(sys.argv[1])["Formats"]


def color(c):
    if c is None:
        return None
    if c.type == "auto":
        return "auto"
    if c.type == "rgb":
        return c.rgb
    if c.type == "theme":
        return f"theme:{c.theme}" + (f":{c.tint!r}" if c.tint else "")
    if c.type == "indexed":
        return f"indexed:{c.indexed}"
    return None


def side(s):
    if s is None or s.style is None:
        return "none"
    return f"{s.style} {color(s.color)}"


def num(v):
    return None if v is None else (int(v) if float(v).is_integer() else float(v))


rows = []
for r in range(1, ws.max_row + 1):
    c = ws.cell(row=r, column=1)
    f, fill, b, a, p = c.font, c.fill, c.border, c.alignment, c.protection
    rows.append({
        "label": c.value,
        "font.b": bool(f.b), "font.i": bool(f.i), "font.strike": bool(f.strike),
        "font.u": f.u or "none", "font.vertAlign": f.vertAlign or "none", "font.sz": num(f.sz),
        "font.name": f.name, "font.color": color(f.color), "font.family": num(f.family), "font.scheme": f.scheme or "none",  # openpyxl reads scheme "none" as None
        "fill.pattern": fill.patternType or "none",
        "fill.fg": color(fill.fgColor) if fill.patternType else None,
        "fill.bg": color(fill.bgColor) if fill.patternType else None,
        "border.left": side(b.left), "border.right": side(b.right), "border.top": side(b.top),
        "border.bottom": side(b.bottom), "border.diagonal": side(b.diagonal),
        "border.up": bool(b.diagonalUp), "border.down": bool(b.diagonalDown),
        "align.h": a.horizontal or "general", "align.v": a.vertical or "bottom",
        "align.rotation": int(a.textRotation or 0), "align.indent": int(a.indent or 0),
        "align.shrink": bool(a.shrinkToFit), "align.wrap": bool(a.wrapText),
        "locked": bool(p.locked), "hidden": bool(p.hidden), "quotePrefix": bool(c.quotePrefix),
    })

def run_font(f):
    return {"b": bool(f.b), "i": bool(f.i), "strike": bool(f.strike), "u": f.u or "none",
            "vertAlign": f.vertAlign or "none", "sz": num(f.sz), "name": f.rFont, "color": color(f.color)}


rich = "n/a"  # openpyxl before 3.1 has no CellRichText
try:
    rs = openpyxl.load_workbook(sys.argv[1], rich_text=True)["Rich"]
    rich = []
except TypeError:
    rs = None
for r in range(1, rs.max_row + 1 if rs else 1):
    v = rs.cell(row=r, column=1).value
    if isinstance(v, str):
        rich.append({"runs": [{"text": v, "font": None}]})
        continue
    rich.append({"runs": [{"text": b, "font": None} if isinstance(b, str) else
                          {"text": b.text, "font": run_font(b.font)} for b in v]})
# Sheet protection: whether each action is allowed (openpyxl's attributes are true when it is locked).
pro = openpyxl.load_workbook(sys.argv[1])["Protected"].protection
protection = [dict({"label": "Protected", "sheet": bool(pro.sheet)},
                   **{k: not getattr(pro, k) for k in ("objects", "scenarios", "formatCells", "formatColumns", "formatRows", "insertColumns", "insertRows", "insertHyperlinks", "deleteColumns", "deleteRows", "selectLockedCells", "sort", "autoFilter", "pivotTables", "selectUnlockedCells")})]
json.dump({"formats": rows, "rich": rich, "protection": protection}, open(sys.argv[2], "w"), indent=1)
