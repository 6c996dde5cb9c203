#!/usr/bin/python3
"""check_values.py FILE.xlsx EXPECT.json - compare every cell of a workbook with an expectation.

EXPECT.json, written by the C test programs:
  {"sheets": [{"name": "Data", "dimension": "A1:D4" or null, "rows": [[cell, ...], ...]}]}
rows[i] is row i+1, rows[i][j] is column j+1; a cell is null (blank) or
  {"t":"s","v":"text"}  text           {"t":"n","v":1.5}  number (a double, compared exactly)
  {"t":"i","v":"9007199254740993"}  integer given in decimal: the sheet XML holds exactly this text
  {"t":"b","v":true}    boolean

Two independent readers are compared with the expectation:
  - openpyxl (load_workbook(read_only=False)), sheet names and order, and every cell value
    and type. openpyxl does not decode ST_Xstring escapes (ECMA-376 Part 1 §22.9.2.19): it
    returns the _xHHHH_ text of inline strings as it is, and only deletes "x005F_" in shared
    strings. The value it must return is derived from the expected text with the encoder
    below, for a shared (t="s") or inline (t="inlineStr") cell as the sheet XML says.
  - the package XML itself, streamed with ElementTree.iterparse: cell types, the exact
    number text of integers, and the text of strings decoded with a full §22.9.2.19
    decoder, which must give back the expected text exactly; xml:space="preserve" is on
    <t> exactly when the text starts or ends with space, tab, LF or CR. The <dimension ref>
    of each sheet equals "dimension", or the sheet has no <dimension> when it is null
    (§18.3.1.35, optional).
Non-blank cells that the expectation does not have are differences too.
Exit status 0 with a summary, or 1 with the first differences (sheet, cell, expected, got).
"""
import json
import posixpath
import re
import sys
import warnings
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_SHOWN = 20

# ---- ST_Xstring (ECMA-376 Part 1 §22.9.2.19) --------------------------------------------
# CR is written as the character reference &#13; (which XML parsers restore, so openpyxl
# sees it). Characters XML 1.0 cannot carry at all are written as
# _xHHHH_ with 4 upper-case hex digits; an "_" that starts "x" and 4 hex digits (any case)
# followed by something written with a leading "_" (a literal "_" or an escaped
# character) is itself written as _x005F_, since a decoder would otherwise read _xHHHH_.
_ESCAPED_CHAR = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_ESCAPE = re.compile(_ESCAPED_CHAR + "|_(?=x[0-9A-Fa-f]{4}(?:_|" + _ESCAPED_CHAR + "))")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def xstring_encode(text):
    return _ESCAPE.sub(lambda m: "_x%04X_" % ord(m.group()), text)


def xstring_decode(raw):
    """Left to right, each _xHHHH_ is the character U+HHHH."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), raw)


def needs_preserve(text):
    return bool(text) and (text[0] in " \t\n\r" or text[-1] in " \t\n\r")


# ---- package structure ------------------------------------------------------------------

def read_xml(zf, name):
    with zf.open(name) as f:
        return ET.parse(f).getroot()


def rel_targets(zf, rels_part, base):
    """{Id: (Type, part name)} from a relationships part (OPC, ECMA-376 Part 2 §9.3)."""
    out = {}
    for r in read_xml(zf, rels_part).iter(PKG_REL + "Relationship"):
        t = r.get("Target")
        out[r.get("Id")] = (r.get("Type"), t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(base, t)))
    return out


def workbook_parts(zf):
    """[(sheet name, part)] in workbook order, and the shared strings part or None."""
    wb_part = next(p for typ, p in rel_targets(zf, "_rels/.rels", "").values() if typ.endswith("/officeDocument"))
    base = posixpath.dirname(wb_part)
    rels = rel_targets(zf, posixpath.join(base, "_rels", posixpath.basename(wb_part) + ".rels"), base)
    sheets = [(s.get("name"), rels[s.get(DOC_R + "id")][1]) for s in read_xml(zf, wb_part).iter(MAIN + "sheet")]
    sst = next((p for typ, p in rels.values() if typ.endswith("/sharedStrings")), None)
    return sheets, sst


def text_pieces(elem):
    """The <t> pieces of a <si> or <is> (CT_Rst, §18.4.7): plain <t> or rich text runs <r><t>,
    without phonetic runs. Each piece is (raw text, has xml:space="preserve")."""
    pieces = []
    for child in elem:
        t = child if child.tag == MAIN + "t" else child.find(MAIN + "t") if child.tag == MAIN + "r" else None
        if t is not None:
            pieces.append((t.text or "", t.get(XML_SPACE) == "preserve"))
    return tuple(pieces)


def shared_strings(zf, part):
    out = []
    if part is None:
        return out
    with zf.open(part) as f:
        for _, elem in ET.iterparse(f):
            if elem.tag == MAIN + "si":
                out.append(text_pieces(elem))
                elem.clear()
    return out


def cell_pos(ref):
    m = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", ref or "")
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def cell_ref(row, col):
    letters = ""
    while col:
        col, k = divmod(col - 1, 26)
        letters = chr(65 + k) + letters
    return f"{letters}{row}"


class SheetXml:
    """Streams the cells of a worksheet part: yields (row, col, t, v text, <is> pieces,
    has formula) in document order. self.dimension is set once it has been read."""

    def __init__(self, zf, part):
        self.zf, self.part, self.dimension = zf, part, None

    def __iter__(self):
        row = col = 0
        sheet_data = None
        with self.zf.open(self.part) as f:
            for event, elem in ET.iterparse(f, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == MAIN + "sheetData":
                        sheet_data = elem
                    elif tag == MAIN + "row":
                        row = int(elem.get("r") or row + 1)
                        col = 0
                    elif tag == MAIN + "dimension":
                        self.dimension = elem.get("ref")
                    continue
                if tag == MAIN + "c":
                    pos = cell_pos(elem.get("r")) or (row, col + 1)
                    col = pos[1]
                    is_ = elem.find(MAIN + "is")
                    yield (pos[0], pos[1], elem.get("t", "n"), elem.findtext(MAIN + "v"),
                           None if is_ is None else text_pieces(is_), elem.find(MAIN + "f") is not None)
                elif tag == MAIN + "row" and sheet_data is not None:
                    sheet_data.clear()  # drop finished rows: memory stays flat


# ---- comparison -------------------------------------------------------------------------

def load_expectation(path):
    # Cells become (type, value) tuples as they are read, to keep a large file small in memory.
    def hook(d):
        return (d["t"], d["v"]) if set(d) == {"t", "v"} else d
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_hook=hook)


def show(exp):
    return "blank" if exp is None else {"s": "text", "n": "number", "i": "integer", "b": "boolean"}[exp[0]] + " " + repr(exp[1])


class Comparer:
    def __init__(self):
        self.diffs = 0
        self.counts = {"s": 0, "n": 0, "i": 0, "b": 0}

    def diff(self, sheet, row, col, expected, got):
        self.diffs += 1
        if self.diffs <= MAX_SHOWN:
            where = f"{sheet}!{cell_ref(row, col)}" if row else sheet
            print(f"  {where}: expected {expected}; got {got}")

    def cell(self, sheet, row, col, exp, x, opv, sst):
        """@exp expectation tuple or None, @x the XML cell or None, @opv openpyxl's value."""
        d = lambda got: self.diff(sheet, row, col, show(exp), got)
        t, v, pieces, formula = (x[2], x[3], x[4], x[5]) if x else (None, None, None, False)
        if formula:
            return d("a formula")
        if exp is None:
            if opv is not None or v is not None or pieces is not None:
                d(f"openpyxl {opv!r} (XML t={t!r})")
            return
        kind, val = exp
        self.counts[kind] += 1
        if x is None:
            return d(f"no cell in the sheet XML (openpyxl {opv!r})")
        if kind == "s":
            if t == "s":
                idx = int(v) if v is not None and v.isdigit() else -1
                if not 0 <= idx < len(sst):
                    return d(f"shared string index {v!r} of {len(sst)}")
                pieces, shared = sst[idx], True
            elif t == "inlineStr" and pieces is not None:
                shared = False
            else:
                return d(f"XML cell t={t!r} (openpyxl {opv!r}), not a shared or inline string")
            raw = "".join(p[0] for p in pieces)
            if xstring_decode(raw) != val:
                d(f"XML text {raw!r}, which decodes (§22.9.2.19) to {xstring_decode(raw)!r}")
            preserve = [p[1] for p in pieces]
            want = [needs_preserve(val)] if len(pieces) == 1 else [needs_preserve(xstring_decode(p[0])) for p in pieces]
            if preserve != want:
                d(f"xml:space=\"preserve\" on <t>: {preserve}, expected {want}")
            want_opv = xstring_encode(val)
            if shared:
                want_opv = want_opv.replace("x005F_", "")  # what openpyxl's shared string reader does
            if type(opv) is not str or opv != want_opv:
                d(f"openpyxl {opv!r}, expected {want_opv!r} for a{' shared' if shared else 'n inline'} string")
        elif kind in ("n", "i"):
            if t != "n" or v is None:
                return d(f"XML cell t={t!r} v={v!r} (openpyxl {opv!r}), not a number")
            if kind == "n":
                want = float(val)
                if float(v) != want:
                    d(f"XML number text {v!r}")
            else:
                want = int(val)
                if v != val:
                    d(f"XML number text {v!r}, expected exactly {val!r}")
            ok_type = (int, float) if kind == "n" else (int,)
            if type(opv) not in ok_type or opv != want:  # Python compares int and float exactly
                d(f"openpyxl {type(opv).__name__} {opv!r}")
        elif kind == "b":
            if t != "b" or v != ("1" if val else "0"):
                d(f"XML cell t={t!r} v={v!r}")
            if type(opv) is not bool or opv != val:
                d(f"openpyxl {type(opv).__name__} {opv!r}")

    def sheet(self, name, exp_sheet, zf, part, ws, sst):
        rows = exp_sheet["rows"]
        expected = ((r + 1, c + 1, cell) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell is not None)
        nxt = next(expected, None)
        opx = lambda r, c: getattr(ws._cells.get((r, c)), "value", None)  # no cell creation
        seen_values, last = 0, (0, 0)
        xml = SheetXml(zf, part)
        for x in xml:
            pos = (x[0], x[1])
            if pos <= last:
                return self.diff(name, *pos, f"cells in row-major order after {cell_ref(*last)}",
                                 "a cell out of order (rest of the sheet not compared)")
            last = pos
            while nxt is not None and nxt[:2] < pos:
                self.cell(name, nxt[0], nxt[1], nxt[2], None, opx(*nxt[:2]), sst)
                nxt = next(expected, None)
            exp = None
            if nxt is not None and nxt[:2] == pos:
                exp, nxt = nxt[2], next(expected, None)
            v = opx(*pos)
            seen_values += v is not None
            self.cell(name, pos[0], pos[1], exp, x, v, sst)
        while nxt is not None:
            self.cell(name, nxt[0], nxt[1], nxt[2], None, opx(*nxt[:2]), sst)
            nxt = next(expected, None)
        if exp_sheet.get("dimension") != xml.dimension:
            self.diff(name, 0, 0, f"<dimension ref={exp_sheet.get('dimension')!r}>" if exp_sheet.get("dimension")
                      else "no <dimension>", f"<dimension ref={xml.dimension!r}>" if xml.dimension else "none")
        # openpyxl only makes cells from the XML, so this catches a reader disagreement only.
        total = sum(c.value is not None for c in ws._cells.values())
        if total != seen_values:
            self.diff(name, 0, 0, f"{seen_values} non-blank cells in openpyxl, as in the XML", f"{total}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n")[0])
    path, exp_path = sys.argv[1:]
    print(f"check_values: {path} against {exp_path}")
    expect = load_expectation(exp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(path, read_only=False)
        except Exception as e:  # openpyxl failing to read the file is a failed check, not a crash
            print(f"check_values: FAIL {path}: openpyxl cannot read it: {type(e).__name__}: {e}")
            return 1
    zf = zipfile.ZipFile(path)
    parts, sst_part = workbook_parts(zf)
    sst = shared_strings(zf, sst_part)
    cmp = Comparer()
    want_names = [s["name"] for s in expect["sheets"]]
    if wb.sheetnames != want_names or [p[0] for p in parts] != want_names:
        cmp.diff("workbook", 0, 0, f"sheets {want_names}", f"openpyxl {wb.sheetnames}, workbook.xml {[p[0] for p in parts]}")
    else:
        for exp_sheet, (name, part) in zip(expect["sheets"], parts):
            cmp.sheet(name, exp_sheet, zf, part, wb[name], sst)
    if cmp.diffs:
        if cmp.diffs > MAX_SHOWN:
            print(f"  ... {cmp.diffs - MAX_SHOWN} more")
        print(f"check_values: FAIL {path}: {cmp.diffs} difference(s)")
        return 1
    c = cmp.counts
    print(f"check_values: OK {path}: {len(want_names)} sheet(s), {sum(c.values())} non-blank cells equal "
          f"(text {c['s']}, number {c['n']}, integer {c['i']}, boolean {c['b']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
