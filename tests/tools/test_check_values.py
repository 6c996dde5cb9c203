#!/usr/bin/python3
"""test_check_values.py - self-tests of check_values.py.

Builds a small workbook by hand (XML written here, not by fastxlsx) whose cells cover
shared and inline strings with _xHHHH_ escapes and xml:space, numbers, a 2^53+1
integer, booleans and a sheet without <dimension>; checks that check_values accepts it
with the matching expectation, then that each kind of difference in the workbook or
in the expectation makes it fail. Prints "N passed, N failed"; exit 1 if any failed.
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "check_values.py")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."

SST = ('<sst %s count="3" uniqueCount="3"><si><t>plain</t></si><si><t>a&#13;b_x001F_</t></si>'
       '<si><t>_x005F_x0041_</t></si></sst>' % NS)
SHEET1 = ('<worksheet %s><dimension ref="A1:C3"/><sheetData>'
          '<row r="1"><c r="A1" t="s"><v>0</v></c>'
          '<c r="B1" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c>'
          '<c r="C1" t="inlineStr"><is><t>_x005F_x0041_ and _x0001_, _x005F_x0042_x0001_</t></is></c></row>'
          '<row r="2"><c r="A2"><v>1.5</v></c><c r="B2"><v>9007199254740993</v></c><c r="C2" t="b"><v>1</v></c></row>'
          '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c></row>'
          '</sheetData></worksheet>' % NS)
SHEET2 = '<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>' % NS
EXPECT = {"sheets": [
    {"name": "Data", "dimension": "A1:C3", "rows": [
        [{"t": "s", "v": "plain"}, {"t": "s", "v": " lead"}, {"t": "s", "v": "_x0041_ and \x01, _x0042\x01"}],
        [{"t": "n", "v": 1.5}, {"t": "i", "v": "9007199254740993"}, {"t": "b", "v": True}],
        [{"t": "s", "v": "a\rb\x1f"}, None, {"t": "s", "v": "_x0041_"}]]},
    {"name": "Zwei", "dimension": None, "rows": [[{"t": "s", "v": "x"}]]}]}


def write_xlsx(path, sheet1=SHEET1, sheet2=SHEET2, sst=SST, names=("Data", "Zwei")):
    parts = {
        "[Content_Types].xml":
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="{CT}worksheet+xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}sheet.main+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}sharedStrings+xml"/></Types>',
        "_rels/.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<workbook {NS} {R_NS}><sheets><sheet name="{names[0]}" sheetId="1" r:id="rId1"/>'
            f'<sheet name="{names[1]}" sheetId="2" r:id="rId2"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}worksheet" Target="/xl/worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet1,
        "xl/worksheets/sheet2.xml": sheet2,
        "xl/sharedStrings.xml": sst,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)


def edit(s, old, new):
    assert old in s, old
    return s.replace(old, new, 1)


def expect_edit(fn):
    e = copy.deepcopy(EXPECT)
    fn(e)
    return e


def main():
    tmp = tempfile.mkdtemp(prefix="check-values-test.")
    passed = failed = 0
    try:
        def case(label, expect_ok, needle=None, expect=EXPECT, **parts):
            nonlocal passed, failed
            xlsx, js = os.path.join(tmp, "t.xlsx"), os.path.join(tmp, "t.json")
            write_xlsx(xlsx, **parts)
            with open(js, "w", encoding="utf-8") as f:
                json.dump(expect, f)
            p = subprocess.run([sys.executable, CHECK, xlsx, js], capture_output=True, text=True)
            out = p.stdout + p.stderr
            ok = p.returncode == 0 if expect_ok else p.returncode == 1 and needle in out
            lines = out.strip().split("\n")
            if ok:
                passed += 1
                print(f"ok    {label}: {lines[-1] if expect_ok else lines[1].strip() if len(lines) > 1 else lines[0]}")
            else:
                failed += 1
                print(f"FAIL  {label}: rc={p.returncode}, expected {'success' if expect_ok else repr(needle)}")
                print("".join("      " + l + "\n" for l in lines[:12]))

        S1, SST_ = SHEET1, SST
        case("hand-made workbook matches its expectation", True)
        # differences in the workbook
        case("text differs", False, "XML text 'plane'", sst=edit(SST_, "plain", "plane"))
        case("xml:space missing on leading space", False, 'xml:space="preserve" on <t>: [False]',
             sheet1=edit(S1, '<t xml:space="preserve"> lead', "<t> lead"))
        case("xml:space where not needed", False, 'xml:space="preserve" on <t>: [True]',
             sst=edit(SST_, "<t>plain", '<t xml:space="preserve">plain'))
        case("lower-case _x001f_: decodes right, not what openpyxl must return", False, "openpyxl 'a\\rb_x001f_'",
             sst=edit(SST_, "_x001F_", "_x001f_"))
        case("literal _x0041_ not protected as _x005F_x0041_", False, "decodes (§22.9.2.19) to 'A'",
             sst=edit(SST_, "_x005F_x0041_", "_x0041_"))
        case("literal _x0042 before an escaped character not protected", False, "and \\x01, Bx0001_",
             sheet1=edit(S1, "_x005F_x0042_x0001_", "_x0042_x0001_"))
        case("raw CR instead of &#13; (XML turns it into LF)", False, "which decodes (§22.9.2.19) to 'a\\nb",
             sst=edit(SST_, "a&#13;b", "a\rb"))
        case("CR as _x000D_ instead of &#13; (openpyxl does not decode it)", False,
             "openpyxl 'a_x000D_b_x001F_', expected 'a\\rb_x001F_'",
             sst=edit(SST_, "a&#13;b", "a_x000D_b"))
        case("number stored as text", False, "not a number",
             sheet1=edit(S1, '<c r="A2"><v>1.5</v></c>', '<c r="A2" t="inlineStr"><is><t>1.5</t></is></c>'))
        case("number differs in the last bit", False, "XML number text '1.5000000000000002'",
             sheet1=edit(S1, "<v>1.5</v>", "<v>1.5000000000000002</v>"))
        case("integer written as a double", False, "expected exactly '9007199254740993'",
             sheet1=edit(S1, "<v>9007199254740993</v>", "<v>9.007199254740993E15</v>"))
        case("integer rounded to 2^53", False, "openpyxl int 9007199254740992",
             sheet1=edit(S1, "<v>9007199254740993</v>", "<v>9007199254740992</v>"))
        case("boolean stored as number 1", False, "XML cell t='n' v='1'",
             sheet1=edit(S1, '<c r="C2" t="b"><v>1</v></c>', '<c r="C2"><v>1</v></c>'))
        case("string where a boolean is expected", False, "openpyxl str",
             sheet1=edit(S1, '<c r="C2" t="b"><v>1</v></c>', '<c r="C2" t="str"><v>1</v></c>'))
        case("extra cell in the workbook", False, "Data!D3: expected blank",
             sheet1=edit(S1, '</row></sheetData>', '<c r="D3"><v>7</v></c></row></sheetData>'))
        case("cell missing from the workbook", False, "Data!C3: expected text '_x0041_'; got no cell",
             sheet1=edit(S1, '<c r="C3" t="s"><v>2</v></c>', ''))
        case("cells out of order", False, "a cell out of order",
             sheet1=edit(S1, '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c>',
                         '<row r="3"><c r="C3" t="s"><v>2</v></c><c r="A3" t="s"><v>1</v></c>'))
        case("shared string index out of range (openpyxl cannot load it)", False, "openpyxl cannot read it",
             sheet1=edit(S1, '<c r="A3" t="s"><v>1</v>', '<c r="A3" t="s"><v>7</v>'))
        case("dimension differs", False, "<dimension ref='A1:C3'>; got <dimension ref='A1:C4'>",
             sheet1=edit(S1, 'ref="A1:C3"', 'ref="A1:C4"'))
        case("dimension present where none is expected", False, "expected no <dimension>",
             sheet2=edit(SHEET2, "<sheetData>", '<dimension ref="A1"/><sheetData>'))
        case("dimension missing", False, "got none", sheet1=edit(S1, '<dimension ref="A1:C3"/>', ""))
        case("sheet names differ", False, "sheets ['Data', 'Zwei']", names=("Data", "Zwo"))
        case("sheets in another order", False, "sheets ['Data', 'Zwei']", names=("Zwei", "Data"))
        # differences in the expectation
        case("expectation: one more cell", False, "Data!B3: expected text 'new'; got no cell",
             expect=expect_edit(lambda e: e["sheets"][0]["rows"][2].__setitem__(1, {"t": "s", "v": "new"})))
        case("expectation: one more row", False, "Zwei!A2: expected number 1.0; got no cell",
             expect=expect_edit(lambda e: e["sheets"][1]["rows"].append([{"t": "n", "v": 1.0}])))
        case("expectation: integer as number 2^53+1 (a double cannot hold it)", False, "Data!B2",
             expect=expect_edit(lambda e: e["sheets"][0]["rows"][1].__setitem__(1, {"t": "n", "v": 9007199254740993})))
    finally:
        shutil.rmtree(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
