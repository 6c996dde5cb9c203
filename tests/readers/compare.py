#!/usr/bin/python3
"""compare.py OUTDIR - hold every reader's dump against what was written.

OUTDIR/wb/NAME.xlsx and NAME.expect.json (tests/readers/expect.py), OUTDIR/dump/READER/NAME.json
(the dumpers: dump.js, dump.pl, PoiDump.java, ods_dump.py, and openpyxl here), OUTDIR/versions.json.
Every sheet name, cell value and type is compared, and the merges, hyperlinks, frozen pane and
autofilter where the reader exposes them. What a reader is documented to do differently is in
KNOWN below, each with its reason: the expectation is changed as that reader is known to read
it, and a cell counts as a known difference only when the reader gives exactly that. Anything
else is a failure. Exit status 1 when there is any.
"""
import datetime
import json
import math
import os
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

MAX_SHOWN = 8
FEATURES = ("merges", "links", "freeze", "filter")

# Reader name -> (what it is, the sheet features it exposes).
READERS = {
    "openpyxl": ("openpyxl load_workbook (Python)", FEATURES),
    "libreoffice": ("LibreOffice Calc, headless, read back through its ODF export", ("merges", "links", "filter")),
    "gnumeric": ("gnumeric ssconvert, read back through its ODF and native exports", FEATURES),
    "poi": ("Apache POI XSSFWorkbook (Java)", FEATURES),
    "poi-event": ("Apache POI XSSFReader + XSSFSheetXMLHandler, the event API (Java)", ()),
    "sheetjs": ("SheetJS xlsx.readFile with cellDates (Node.js)", ("merges", "links", "filter")),
    "exceljs": ("ExcelJS Workbook.xlsx.readFile (Node.js)", FEATURES),
    "exceljs-stream": ("ExcelJS stream.xlsx.WorkbookReader (Node.js)", ()),
    "parsexlsx": ("Spreadsheet::ParseXLSX (Perl)", ("merges",)),
}


# ---- the 1900 date system ----------------------------------------------------------------

def parse_iso(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%f")


def fmt_iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (d.microsecond // 1000)


def serial_of(iso):
    """ECMA-376 Part 1 §18.17.4.1: 1900-01-01 is 1, 1900-02-28 is 59, 1900-03-01 is 61."""
    d = parse_iso(iso)
    base = datetime.datetime(1899, 12, 31) if d < datetime.datetime(1900, 3, 1) else datetime.datetime(1899, 12, 30)
    delta = d - base
    return delta.days + (delta.seconds * 1000 + delta.microseconds // 1000) / 86400000


def iso_of_serial(serial):
    days = int(serial // 1)
    ms = round((serial - days) * 86400000)
    base = datetime.datetime(1899, 12, 31) if days < 61 else datetime.datetime(1899, 12, 30)
    return fmt_iso(base + datetime.timedelta(days=days, milliseconds=ms))


# ---- the raw text of the file's strings (what a reader that does not decode §22.9.2.19 sees) --

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def col_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(col):
    s = ""
    while col:
        col, k = divmod(col - 1, 26)
        s = chr(65 + k) + s
    return s


def si_text(elem):
    return "".join(t.text or "" for t in elem.iter(MAIN + "t"))  # the library writes no phonetic runs


def raw_strings(path):
    """{(sheet, ref): (raw text, shared?)} for every text cell of the workbook, and the set of
    (sheet, ref) of its formula cells."""
    out, formulas = {}, set()
    with zipfile.ZipFile(path) as z:
        def rels(part):
            base = posixpath.dirname(part)
            rp = posixpath.join(base, "_rels", posixpath.basename(part) + ".rels")
            res = {}
            for r in ET.fromstring(z.read(rp)).iter(PKG_REL + "Relationship"):
                t = r.get("Target")
                res[r.get("Id")] = (r.get("Type"), t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(base, t)))
            return res
        wb_rels = rels("xl/workbook.xml")
        sst = []
        for typ, part in wb_rels.values():
            if typ.endswith("/sharedStrings"):
                sst = [si_text(si) for si in ET.fromstring(z.read(part)).iter(MAIN + "si")]
        for s in ET.fromstring(z.read("xl/workbook.xml")).iter(MAIN + "sheet"):
            name, part = s.get("name"), wb_rels[s.get(DOC_R + "id")][1]
            row = 0
            for r in ET.fromstring(z.read(part)).iter(MAIN + "row"):
                row = int(r.get("r") or row + 1)
                col = 0
                for c in r.iter(MAIN + "c"):
                    m = re.fullmatch(r"([A-Z]+)(\d+)", c.get("r") or "")
                    col = col_number(m.group(1)) if m else col + 1
                    t, ref = c.get("t"), f"{col_letters(col)}{row}"
                    if c.find(MAIN + "f") is not None:
                        formulas.add((name, ref))
                    if t == "s":
                        out[(name, ref)] = (sst[int(c.findtext(MAIN + "v"))], True)
                    elif t == "inlineStr":
                        out[(name, ref)] = ("".join(x.text or "" for x in c.iter(MAIN + "t")), False)
                    elif t == "str":
                        out[(name, ref)] = (c.findtext(MAIN + "v") or "", False)
    return out, formulas


# ---- known differences --------------------------------------------------------------------
# Each: (id, readers, reason, transform(ctx, sheet, ref, expected) -> what the reader is known
# to return instead, or None where it does not apply).

def no_xstring_decode(ctx, sheet, ref, exp):
    if exp[0] != "s":
        return None
    raw = ctx["raw"].get((sheet, ref))
    return ["s", raw[0]] if raw and raw[0] != exp[1] else None


def no_xstring_decode_inline(ctx, sheet, ref, exp):
    raw = ctx["raw"].get((sheet, ref))
    return no_xstring_decode(ctx, sheet, ref, exp) if raw and not raw[1] else None


def openpyxl_xstring(ctx, sheet, ref, exp):
    """openpyxl keeps _xHHHH_ as text, and in shared strings deletes every "x005F_"."""
    if exp[0] != "s":
        return None
    raw = ctx["raw"].get((sheet, ref))
    if not raw:
        return None
    text = raw[0].replace("x005F_", "") if raw[1] else raw[0]
    return ["s", text] if text != exp[1] else None


def short_escapes_decoded(ctx, sheet, ref, exp):
    if exp[0] != "s":
        return None
    t = re.sub("_x([0-9A-Fa-f]{1,3})_", lambda m: chr(int(m.group(1), 16)), exp[1])
    return ["s", t] if t != exp[1] else None


def xml_impossible_dropped(ctx, sheet, ref, exp):
    if exp[0] != "s":
        return None
    t = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", exp[1])
    return ["s", t] if t != exp[1] else None


def multiline_tab_cr_dropped(ctx, sheet, ref, exp):
    if exp[0] != "s" or "\n" not in exp[1]:
        return None
    t = exp[1].replace("\t", "").replace("\r\n", "\n")
    return ["s", t] if t != exp[1] else None


def empty_text_as_blank(ctx, sheet, ref, exp):
    return ["blank"] if exp == ["s", ""] else None


def empty_shared_text_as_blank(ctx, sheet, ref, exp):
    raw = ctx["raw"].get((sheet, ref))
    return empty_text_as_blank(ctx, sheet, ref, exp) if raw and raw[1] else None


def empty_inline_text_as_blank(ctx, sheet, ref, exp):
    raw = ctx["raw"].get((sheet, ref))
    return empty_text_as_blank(ctx, sheet, ref, exp) if raw and not raw[1] else None


def day_early_before_march_1900(ctx, sheet, ref, exp):
    if exp[0] == "d" and exp[1] < "1900-03-01":
        return ["d", fmt_iso(parse_iso(exp[1]) - datetime.timedelta(days=1))]
    return None


def date_within_1ms(ctx, sheet, ref, exp):
    return ["d~ms", exp[1]] if exp[0] == "d" else None


def boolean_as_text(ctx, sheet, ref, exp):
    return ["s", "TRUE" if exp[1] else "FALSE"] if exp[0] == "b" else None


def boolean_as_number(ctx, sheet, ref, exp):
    return ["n", 1.0 if exp[1] else 0.0] if exp[0] == "b" else None


def formula_boolean_as_number(ctx, sheet, ref, exp):
    return boolean_as_number(ctx, sheet, ref, exp) if (sheet, ref) in ctx["formulas"] else None


def custom_date_format_as_number(ctx, sheet, ref, exp):
    return ["n~", serial_of(exp[1])] if exp[0] == "d" else None


def numbers_15_digits(ctx, sheet, ref, exp):
    if exp[0] == "n":
        v = float("%.15g" % exp[1])
        return ["n", v] if v != exp[1] else None
    return None


def number_within_1ulp(ctx, sheet, ref, exp):
    return ["n~ulp", exp[1]] if exp[0] == "n" else None


def date_to_the_second(ctx, sheet, ref, exp):
    return ["d~s", exp[1][:19]] if exp[0] == "d" and not exp[1].endswith(".000") else None


XSTRING = ("does not decode ST_Xstring escapes (ECMA-376 Part 1 §22.9.2.19){where}: returns the _xHHHH_ text "
           "as it is in the file, so characters XML cannot hold, and a CR while it is written as _x000D_, "
           "come back escaped")
LEAP = ("converts serials with 1899-12-30 as day 0 throughout, ignoring the 1900 date system's 1900-02-29 "
        "(serial 60, ECMA-376 Part 1 §18.17.4.1): dates before 1900-03-01 come back one day early")
EMPTY = "reads a text cell holding the empty string{where} as a blank cell"

# Per reader, in the order they are applied to an expected value (a cell can need several).
KNOWN = {
    "openpyxl": [
        ("xstring", "does not decode ST_Xstring escapes; in shared strings it deletes every \"x005F_\" instead",
         openpyxl_xstring),
    ],
    "libreoffice": [
        ("short-escapes", "also decodes _xH_, _xHH_ and _xHHH_, which are not escapes (ECMA-376 wants four "
         "hex digits): \"_x12_\" becomes U+0012", short_escapes_decoded),
        ("xml-impossible", "drops the characters XML 1.0 cannot hold (U+0000-U+001F but TAB, LF, CR; "
         "U+FFFE, U+FFFF) from texts", xml_impossible_dropped),
        ("multiline", "keeps a text of several lines as paragraphs: tabs in it and the CR of a CR LF are lost",
         multiline_tab_cr_dropped),
        ("empty-text", EMPTY.format(where=""), empty_text_as_blank),
        ("boolean", "has no boolean cell type: TRUE and FALSE are the numbers 1 and 0 in a boolean format",
         boolean_as_number),
        ("1900-leap-year", LEAP, day_early_before_march_1900),
        ("odf-15-digits", "its ODF export, through which the matrix reads it, writes numbers to 15 "
         "significant digits", numbers_15_digits),
        ("odf-date-seconds", "its ODF export writes date-times with the fraction of a second cut "
         "(at most 1/100 s kept)", date_to_the_second),
    ],
    "gnumeric": [
        ("xstring", XSTRING.format(where=""), no_xstring_decode),
        ("long-double", "computes in long double: it parses a number's decimal text more precisely than a "
         "double, and that value rounded to a double can be one unit in the last place off",
         number_within_1ulp),
    ],
    "poi": [],
    "poi-event": [],
    "sheetjs": [
        ("1900-leap-year", LEAP, day_early_before_march_1900),
        ("date-ms", "converts serials to Dates in floating point, which can lose a millisecond "
         "anywhere (1999-12-31 23:59:59.000 reads as 23:59:58.999, 9999-12-31 23:59:59.999 as .998)",
         date_within_1ms),
    ],
    "exceljs": [
        ("xstring", XSTRING.format(where=" in inline strings (it does in shared strings)"),
         no_xstring_decode_inline),
        ("empty-text", EMPTY.format(where=" inline"), empty_inline_text_as_blank),
        ("1900-leap-year", LEAP, day_early_before_march_1900),
    ],
    "exceljs-stream": [
        ("xstring", XSTRING.format(where=""), no_xstring_decode),
        ("empty-text", EMPTY.format(where=" shared"), empty_shared_text_as_blank),
        ("formula-boolean", "reads a formula's cached boolean as the number 1 or 0", formula_boolean_as_number),
        ("1900-leap-year", LEAP, day_early_before_march_1900),
    ],
    "parsexlsx": [
        ("xstring", XSTRING.format(where=""), no_xstring_decode),
        ("empty-text", EMPTY.format(where="") + " (it gives every blank as an empty text)", empty_text_as_blank),
        ("boolean", "has no boolean type: a boolean cell reads as the text TRUE or FALSE", boolean_as_text),
        ("date-formats", "types a number as a date only for the built-in date formats 14-22 and 45-47, so "
         "dates with a custom format (yyyy-mm-dd, d mmm yyyy) read as their serial number",
         custom_date_format_as_number),
    ],
}


def same(exp, got):
    if exp[0] == "blank":
        return got is None
    if got is None:
        return False
    if got[0] == "dserial":  # ParseXLSX: a date cell with its serial
        got = ["d", iso_of_serial(float(got[1]))]
    if exp[0] == "n~":  # a serial computed here from a date: to the millisecond
        return got[0] == "n" and abs(float(got[1]) - exp[1]) < 0.5 / 86400000
    if exp[0] == "n~ulp":
        return got[0] == "n" and abs(float(got[1]) - exp[1]) <= math.ulp(exp[1])
    if exp[0] == "d~s":
        return got[0] == "d" and isinstance(got[1], str) and got[1][:19] == exp[1]
    if exp[0] == "d~ms":
        return (got[0] == "d" and isinstance(got[1], str) and len(got[1]) == 23
                and abs(parse_iso(got[1]) - parse_iso(exp[1])) <= datetime.timedelta(milliseconds=1))
    if exp[0] == "n":
        try:
            return got[0] == "n" and float(got[1]) == exp[1]
        except (TypeError, ValueError):
            return False
    return list(got) == list(exp)


# ---- comparison ---------------------------------------------------------------------------

class Result:
    def __init__(self):
        self.diffs = []
        self.known = {}
        self.cells = 0

    def diff(self, text):
        self.diffs.append(text)


# Readers give a link to a place in the workbook each in its own syntax: "#Sheet!A1"
# (SheetJS), "Sheet!A1" (POI), "#Sheet.A1" (LibreOffice's ODF export). All mean the same.
def norm_link(v):
    if not isinstance(v, str) or "://" in v or v.startswith("mailto:"):
        return v
    v = v[1:] if v.startswith("#") else v
    m = re.match(r"^(.*)[.!](\$?[A-Z]+\$?[0-9]+(?::\$?[A-Z]+\$?[0-9]+)?)$", v)
    return "#" + (m.group(1) + "!" + m.group(2).replace("$", "") if m else v)


# Readers that do not report links to a place in the workbook at all, with the reason.
NO_INTERNAL_LINKS = {
    "exceljs": "ExcelJS's document reader reports only hyperlinks with a relationship (external URLs); a link to a "
               "place in the workbook (§18.3.1.47 location, no r:id) is not in its cell.hyperlink",
}


# Readers that show an Excel table with filter buttons as the sheet's filtered range, with the reason.
TABLE_AS_FILTER = {
    "libreoffice": "makes an Excel table a database range, and its ODF export gives that range (totals row "
                   "included) with its filter buttons as the sheet's autofilter",
}


def compare_sheet(reader, ctx, exp, got, res):
    name = exp["name"]
    known = KNOWN[reader]
    gcells = got.get("cells", {})
    for ref, e in exp["cells"].items():
        res.cells += 1
        g = gcells.get(ref)
        if same(e, g):
            continue
        alt, used = e, []
        for kid, _, tr in known:
            a = tr(ctx, name, ref, alt)
            if a is not None:
                alt = a
                used.append(kid)
        if used and same(alt, g):
            for kid in used:
                res.known[kid] = res.known.get(kid, 0) + 1
        else:
            res.diff(f"{name}!{ref}: expected {e!r}" + (f" (or {alt!r})" if used else "") + f", got {g!r}")
    for ref, g in gcells.items():
        if ref not in exp["cells"]:
            res.diff(f"{name}!{ref}: expected blank, got {g!r}")
    for f in READERS[reader][1]:
        e, g = exp.get(f), got.get(f, "(not dumped)")
        if f == "merges":
            e, g = sorted(e or []), sorted(g) if isinstance(g, list) else g
        if f == "links" and isinstance(g, dict):
            e = {k: norm_link(v) for k, v in (e or {}).items()}
            g = {k: norm_link(v) for k, v in g.items()}
            if reader in NO_INTERNAL_LINKS:
                inside = {k for k, v in e.items() if isinstance(v, str) and v.startswith("#")}
                if inside and not inside & set(g):
                    res.known["internal-links"] = res.known.get("internal-links", 0) + len(inside)
                    e = {k: v for k, v in e.items() if k not in inside}
        if f == "filter" and e is None and reader in TABLE_AS_FILTER and g in exp.get("table_filters", []):
            res.known["table-as-filter"] = res.known.get("table-as-filter", 0) + 1
            continue
        if e != g:
            res.diff(f"{name}: {f} expected {e!r}, got {g!r}")


def carriage_returns(expects, ddir):
    """How the reader gives back the texts with a CR of the typed workbook."""
    out = []
    for book, what in (("types", "shared"), ("types-inline", "inline")):
        kinds = {}
        try:
            got = json.load(open(os.path.join(ddir, book + ".json"), encoding="utf-8"))
            sheets = {s["name"]: s.get("cells", {}) for s in got["sheets"]}
        except (OSError, ValueError, KeyError):
            out.append(f"{what}: no dump")
            continue
        for es in expects[book]["sheets"]:
            for ref, e in es["cells"].items():
                if e[0] == "s" and "\r" in e[1]:
                    g = sheets.get(es["name"], {}).get(ref)
                    text = g[1] if g and isinstance(g[1], str) else ""
                    k = "kept" if "\r" in text else "read as the text _x000D_" if "_x000D_" in text else "lost"
                    kinds[k] = kinds.get(k, 0) + 1
        out.append(f"{what} " + ", ".join(f"{k} ({n})" for k, n in sorted(kinds.items())))
    return "; ".join(out)


def main():
    out = sys.argv[1]
    wbdir = os.path.join(out, "wb")
    versions = json.load(open(os.path.join(out, "versions.json")))
    books = sorted(f[:-len(".expect.json")] for f in os.listdir(wbdir) if f.endswith(".expect.json"))
    contexts = {}
    for b in books:
        raw, formulas = raw_strings(os.path.join(wbdir, b + ".xlsx"))
        contexts[b] = {"raw": raw, "formulas": formulas}
    expects = {b: json.load(open(os.path.join(wbdir, b + ".expect.json"), encoding="utf-8")) for b in books}
    failed = 0
    summary = []
    for reader, (what, _) in READERS.items():
        ddir = os.path.join(out, "dump", reader)
        if not os.path.isdir(ddir):
            continue
        print(f"== {reader} {versions.get(reader, '?')}: {what}")
        used = {}
        row = []
        for b in books:
            res = Result()
            try:
                got = json.load(open(os.path.join(ddir, b + ".json"), encoding="utf-8"))
            except (OSError, ValueError) as e:
                got = {"error": f"no dump: {e}"}
            if "error" in got:
                res.diff("reader failed: " + got["error"].strip().replace("\n", " | ")[:300])
            else:
                exp_sheets, got_sheets = expects[b]["sheets"], got["sheets"]
                en, gn = [s["name"] for s in exp_sheets], [s.get("name") for s in got_sheets]
                if en != gn:
                    res.diff(f"sheets: expected {en}, got {gn}")
                for es, gs in zip(exp_sheets, got_sheets):
                    compare_sheet(reader, contexts[b], es, gs, res)
            status = "ok" if not res.diffs else f"FAIL ({len(res.diffs)})"
            knowns = ", ".join(f"{k} {n}" for k, n in sorted(res.known.items()))
            print(f"   {b:16} {status:10} {res.cells:7} cells" + (f"; known: {knowns}" if knowns else ""))
            for d in res.diffs[:MAX_SHOWN]:
                print(f"      {d}")
            if len(res.diffs) > MAX_SHOWN:
                print(f"      ... {len(res.diffs) - MAX_SHOWN} more")
            for k, n in res.known.items():
                used[k] = used.get(k, 0) + n
            failed += bool(res.diffs)
            row.append("ok" if not res.diffs else "FAIL")
        print("   CR in text: " + carriage_returns(expects, ddir))
        for kid, reason, _ in KNOWN[reader]:
            if kid in used:
                print(f"   known difference {kid} ({used[kid]} cells): {reason}")
        if "table-as-filter" in used:
            print(f"   known difference table-as-filter ({used['table-as-filter']} sheets): {TABLE_AS_FILTER[reader]}")
        if "internal-links" in used:
            print(f"   known difference internal-links ({used['internal-links']} links): {NO_INTERNAL_LINKS[reader]}")
        summary.append((reader, row))
    print("== summary (" + ", ".join(books) + ")")
    for reader, row in summary:
        print(f"   {reader:15} " + " ".join(f"{x:4}" for x in row))
    print(f"reader matrix: {len(summary)} readers x {len(books)} workbooks, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
