#!/usr/bin/python3
"""Check build/report's workbook with readers we did not write.

openpyxl reads back the formats, number formats, dates, formula text, merged
title, hyperlink, widths, freeze panes, autofilter and document properties;
LibreOffice (headless, set to recalculate every formula on load) computes the
formulas, and its CSV export must show the values computed here from the same
data. Usage: check_report.py REPORT.xlsx
"""
import csv, datetime, os, subprocess, sys, tempfile
import openpyxl

path = sys.argv[1]
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


SALES = [((2024, 1, 8), "North", "Widget", 120, 2.50), ((2024, 1, 19), "South", "Gadget", 15, 19.99),
         ((2024, 2, 2), "East", "Widget", 300, 2.45), ((2024, 2, 14), "West", "Gizmo", 42, 7.25),
         ((2024, 2, 29), "North", "Gadget", 8, 21.00), ((2024, 3, 11), "South", "Widget", 210, 2.40),
         ((2024, 3, 27), "East", "Gizmo", 64, 7.10), ((2024, 4, 5), "West", "Widget", 95, 2.55),
         ((2024, 4, 22), "North", "Gizmo", 33, 7.40), ((2024, 5, 9), "South", "Gadget", 21, 18.75)]

wb = openpyxl.load_workbook(path)
check(wb.sheetnames == ["Sales", "By region", "Orders"], f"sheet names {wb.sheetnames}")
p = wb.properties
check(p.title == "Sales report, January to May 2024", f"title {p.title!r}")
check(p.subject == "Units and revenue by region", f"subject {p.subject!r}")
check(p.creator == "Sales Operations", f"creator {p.creator!r}")
check(p.created == datetime.datetime(2024, 6, 1), f"created {p.created!r}")

ws = wb["Sales"]
t = ws["A1"]
check(t.value == "Sales report, January to May 2024", "title text")
check(t.font.b and t.font.sz == 16 and t.font.name == "Arial", f"title font {t.font.b} {t.font.sz} {t.font.name}")
check(t.font.color is not None and t.font.color.rgb == "FF1F3864", f"title colour {t.font.color}")
check(t.alignment.horizontal == "center" and t.alignment.vertical == "center", "title alignment")
check(ws.row_dimensions[1].height == 30, f"title row height {ws.row_dimensions[1].height}")
check([str(r) for r in ws.merged_cells.ranges] == ["A1:F1"], f"merged {ws.merged_cells.ranges}")
check(ws.freeze_panes == "A4", f"freeze {ws.freeze_panes}")
check(ws.auto_filter.ref == "A3:F13", f"autofilter {ws.auto_filter.ref}")
widths = {}
for dim in ws.column_dimensions.values():  # openpyxl groups equal neighbours as min..max
    for c in range(dim.min, dim.max + 1):
        widths[openpyxl.utils.get_column_letter(c)] = dim.width
# Stored as Excel stores a width of 14, 12 and 13 characters of Calibri 11 (shown as 14, 12, 13).
x = {14: 14.7109375, 12: 12.7109375, 13: 13.7109375}
check(widths == {"A": x[14], "B": x[12], "C": x[12], "D": x[13], "E": x[13], "F": x[13]}, f"widths {widths}")
link = ws["C2"].hyperlink
check(link is not None and link.target == "https://example.com/prices?year=2024", f"hyperlink {link}")
check(ws["C2"].font.u == "single" and ws["C2"].font.color.rgb == "FF0563C1", "link font")
check(ws["A2"].font.i, "note italic")
h = ws["D3"]
check(h.value == "Units" and h.font.b and h.fill.fgColor.rgb == "FFD9E1F2", f"header {h.value} {h.fill.fgColor.rgb}")
check(h.border.left.style == "thin" and h.border.bottom.style == "thin", "header border")
check(h.alignment.wrap_text and h.alignment.horizontal == "center", "header alignment")
for i, (d, region, product, units, price) in enumerate(SALES):
    r = i + 4
    check(ws.cell(r, 1).value == datetime.datetime(*d), f"date row {r}: {ws.cell(r, 1).value!r}")
    check(ws.cell(r, 1).number_format == "d mmm yyyy", f"date format row {r}")
    check((ws.cell(r, 2).value, ws.cell(r, 3).value, ws.cell(r, 4).value) == (region, product, units), f"row {r}")
    check(ws.cell(r, 5).value == price and ws.cell(r, 5).number_format == "#,##0.00", f"price row {r}")
    check(ws.cell(r, 6).value == f"=D{r}*E{r}", f"formula row {r}: {ws.cell(r, 6).value!r}")
check(ws["F14"].value == "=SUM(F4:F13)" and ws["F14"].font.b, "total formula")
ws2 = wb["By region"]
check(ws2.freeze_panes == "B2", f"freeze 2 {ws2.freeze_panes}")
check(ws2["C2"].number_format == "0.0%", "percent format")
check(ws2["B6"].value == "=INDEX(A2:A5,MATCH(MAX(B2:B5),B2:B5,0))", "string formula")
link = ws2["A1"].hyperlink
check(link is not None and link.location == "Sales!B3:B13" and link.target is None, f"internal link {link}")
# The dropdown, the colour scale and the data bar on the sales.
notes = {c.coordinate: (c.comment.text, c.comment.author) for r in ws.iter_rows() for c in r if c.comment}
check(notes == {"A1": ("Figures are provisional until the audit in June.", "Audit"),
                "D3": ("Units shipped, not units ordered.", "Finance"),
                "F14": ("Sum of the revenue column, cached: no recalculation needed.", "Finance")}, f"notes {notes}")
dvs = ws.data_validations.dataValidation
check(len(dvs) == 1, f"data validations {len(dvs)}")
if dvs:
    dv = dvs[0]
    check(dv.type == "list" and str(dv.sqref) == "B4:B13" and dv.formula1 == '"North,South,East,West"',
          f"dropdown {dv.type} {dv.sqref} {dv.formula1}")
    check(not dv.showDropDown and dv.allowBlank and dv.showErrorMessage, "dropdown shown, blanks allowed, alert on")
    check((dv.promptTitle, dv.prompt) == ("Region", "Pick one of the four regions."), f"prompt {dv.prompt!r}")
    check((dv.errorTitle, dv.error, dv.errorStyle) == ("Unknown region", "Use North, South, East or West.", None),
          f"error {dv.error!r} {dv.errorStyle}")
cfs = {str(r.sqref): [(x.type, x.priority) for x in rules] for r, rules in ws.conditional_formatting._cf_rules.items()}
check(cfs == {"D4:D13": [("colorScale", 1)], "F4:F13": [("dataBar", 2)]}, f"conditional formats {cfs}")

# The Excel table: its range, columns, totals and calculated column.
ws3 = wb["Orders"]
check(list(ws3.tables) == ["Orders"], f"tables {list(ws3.tables)}")
tb = ws3.tables["Orders"]
check(tb.ref == "A1:F12" and tb.totalsRowCount == 1 and tb.autoFilter.ref == "A1:F11", f"table ref {tb.ref}")
check(tb.tableStyleInfo.name == "TableStyleMedium9" and tb.tableStyleInfo.showRowStripes, "table style")
check([c.name for c in tb.tableColumns] == ["Date", "Region", "Product", "Units", "Unit price", "Revenue"],
      "table columns")
check([c.totalsRowFunction for c in tb.tableColumns] == [None, None, None, "sum", "average", "sum"], "totals")
check(tb.tableColumns[0].totalsRowLabel == "Total", "totals label")
calc = "Orders[[#This Row],[Units]]*Orders[[#This Row],[Unit price]]"
check(tb.tableColumns[5].calculatedColumnFormula.attr_text == calc, "calculated column formula")
check(all(ws3.cell(r, 6).value == "=" + calc for r in range(2, 12)), "calculated column cells")
check((ws3["D12"].value, ws3["E12"].value, ws3["F12"].value) ==
      ("=SUBTOTAL(109,Orders[Units])", "=SUBTOTAL(101,Orders[Unit price])", "=SUBTOTAL(109,Orders[Revenue])"), "totals formulas")

# The cached values the file carries (what a non-calculating reader shows).
# The logo: one PNG of 96 x 32 pixels (96 dpi) at A1, 4 pixels in, as a one-cell anchor.
imgs = ws._images
check(len(imgs) == 1, f"one image on Sales, found {len(imgs)}")
if imgs:
    a = imgs[0].anchor
    check(type(a).__name__ == "OneCellAnchor" and (a._from.col, a._from.row) == (0, 0), "logo anchored at A1")
    check((a._from.colOff, a._from.rowOff) == (4 * 9525, 4 * 9525), "logo offset 4 px")
    check((a.ext.width, a.ext.height) == (96 * 9525, 32 * 9525), "logo extent 96 x 32 px")
    check(imgs[0].format.lower() == "png" and imgs[0].width == 96 and imgs[0].height == 32, "logo is the PNG")
# The chart: a column chart at A16 (below the total) over C4:C13 and F4:F13 whose cache holds the revenue cells.
charts = ws._charts
check(len(charts) == 1 and type(charts[0]).__name__ == "BarChart", "one column chart on Sales")
if charts:
    s = charts[0].series[0]
    check((s.cat.strRef.f, s.val.numRef.f) == ("Sales!$C$4:$C$13", "Sales!$F$4:$F$13"), "chart references")
    cache = [float(p.v) for p in s.val.numRef.numCache.pt]
    check(cache == [u * p for _, _, _, u, p in SALES], f"chart cache = revenue cells ({cache})")
    check([p.v for p in s.cat.strRef.strCache.pt] == [x[2] for x in SALES], "chart categories = products")
    t = charts[0].y_axis.title
    check(t is not None and "".join(r.t for p in t.tx.rich.p for r in (p.r or [])) == "Revenue",
          "the value axis titled Revenue")
cached = openpyxl.load_workbook(path, data_only=True)
rev = [u * p for _, _, _, u, p in SALES]
for i, v in enumerate(rev):
    check(abs(cached["Sales"].cell(i + 4, 6).value - v) < 1e-9, f"cached revenue row {i + 4}")
    check(cached["Orders"].cell(i + 2, 6).value == v, f"cached calculated revenue row {i + 2}")
c3 = cached["Orders"]
check(c3["A12"].value == "Total" and c3["D12"].value == sum(u for *_, u, _ in SALES), f"cached units {c3['D12'].value}")
check(abs(c3["E12"].value - sum(p for *_, p in SALES) / len(SALES)) < 1e-12, f"cached average {c3['E12'].value}")
check(abs(c3["F12"].value - sum(rev)) < 1e-9, f"cached revenue total {c3['F12'].value}")

# LibreOffice recalculates and exports every sheet to CSV.
with tempfile.TemporaryDirectory() as tmp:
    user = os.path.join(tmp, "profile", "user")
    os.makedirs(user)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
                'oor:op="fuse"><value>0</value></prop></item></oor:items>\n')
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", tmp, path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=300)
    base = os.path.splitext(os.path.basename(path))[0]
    sales = list(csv.reader(open(os.path.join(tmp, f"{base}-Sales.csv"), encoding="utf-8")))
    region = list(csv.reader(open(os.path.join(tmp, f"{base}-By region.csv"), encoding="utf-8")))
    orders = list(csv.reader(open(os.path.join(tmp, f"{base}-Orders.csv"), encoding="utf-8")))
for i, v in enumerate(rev):
    check(abs(float(sales[i + 3][5]) - v) < 1e-9, f"LibreOffice revenue row {i + 4}: {sales[i + 3][5]}")
check(abs(float(sales[13][5]) - sum(rev)) < 1e-9, f"LibreOffice total {sales[13][5]}")
by = {}
for (_, reg, _, u, p) in SALES:
    by[reg] = by.get(reg, 0) + u * p
for k, reg in enumerate(["North", "South", "East", "West"]):
    row = region[k + 1]
    check(row[0] == reg and abs(float(row[1]) - by[reg]) < 1e-9, f"LibreOffice region {row}")
    check(abs(float(row[2].rstrip("%")) / 100 - by[reg] / sum(rev)) < 1e-9, f"LibreOffice share {row}")
check(region[5][1] == max(by, key=by.get), f"LibreOffice largest region {region[5]}")
check(region[5][2] == "TRUE", f"LibreOffice boolean formula {region[5]}")
# LibreOffice recalculates the table's structured references and SUBTOTALs too.
for i, v in enumerate(rev):
    check(abs(float(orders[i + 1][5]) - v) < 1e-9, f"LibreOffice calculated column row {i + 2}: {orders[i + 1]}")
check(orders[11][0] == "Total" and float(orders[11][3]) == sum(u for *_, u, _ in SALES), f"LibreOffice {orders[11]}")
check(abs(float(orders[11][5]) - sum(rev)) < 1e-9, f"LibreOffice revenue total {orders[11]}")

for f in failures:
    print("FAIL:", f)
print(f"report: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
