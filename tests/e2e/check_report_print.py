#!/usr/bin/python3
"""Check the page setup of build/report's workbook with readers we did not write.

openpyxl reads back the Sales sheet's page setup, fit to page, print titles,
header, footer and page break; LibreOffice exports the workbook to PDF, which
must be landscape, one page wide (every column on page 1), the column headings
repeated at the top of page 2 and the footer's page numbers on each page
(pdftotext); page 2 is rendered (pdftoppm) and must show ink in its top band
(the repeated headings) and bottom band (the footer). Usage: check_report_print.py
REPORT.xlsx [PNG_DIR] (PNG_DIR keeps page 2 as a PNG to look at).
"""
import os, re, subprocess, sys, tempfile
import openpyxl

path = sys.argv[1]
png_dir = sys.argv[2] if len(sys.argv) > 2 else None
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


wb = openpyxl.load_workbook(path)
ws = wb["Sales"]
ps = ws.page_setup
check(ps.orientation == "landscape", f"orientation {ps.orientation}")
check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage, "fitToPage")
check(ps.fitToWidth in (None, 1, "1") and str(ps.fitToHeight) == "0", f"fit {ps.fitToWidth} x {ps.fitToHeight}")
check(ws.print_title_rows == "$3:$3", f"print titles {ws.print_title_rows!r}")
check(ws.oddHeader.left.text == "&A" and ws.oddHeader.right.text == "Sales report 2024",
      f"header {ws.oddHeader.left.text!r} {ws.oddHeader.right.text!r}")
check(ws.oddFooter.center.text == "Page &P of &N", f"footer {ws.oddFooter.center.text!r}")
check([b.id for b in ws.row_breaks.brk] == [10], f"row breaks {[b.id for b in ws.row_breaks.brk]}")
check(ws.page_margins.left == 0.7 and ws.page_margins.footer == 0.3, "margins")
check(wb["Orders"].sheet_properties.pageSetUpPr.fitToPage, "Orders fitToPage")

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to", "pdf", "--outdir", tmp, path], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300)
    pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    check(size and float(size.group(1)) > float(size.group(2)), f"landscape page: {size and size.group(0)}")
    pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    head = re.compile(r"Date\s+Region\s+Product\s+Units\s+Unit price\s+Revenue")
    check(len(pages) >= 2, f"{len(pages)} pages")
    p1, p2 = (pages + ["", ""])[:2]
    check(head.search(p1) and "8 Jan 2024" in p1 and "300.00" in p1, "page 1: headings and a whole first sale")
    check("5 Apr 2024" not in p1 and "5 Apr 2024" in p2, "the page break before April")
    lines2 = [l for l in p2.splitlines() if l.strip()]
    # Page 2: the header line (sheet name, title), then the repeated headings.
    check(len(lines2) > 2 and head.search(lines2[1]), f"page 2 starts with the headings: {lines2[:3]}")
    check("Revenue" in p2 and "242.25" in p2, "page 2 one page wide: the last column is on it")
    # Below the rows and the total, the revenue chart (anchored at A16) and nothing else.
    tail2 = p2[p2.find("Total"):] if "Total" in p2 else ""
    check("Revenue per sale" in tail2 and "May 2024" not in tail2, "page 2: the chart below the total, no rows after it")
    n = len([p for p in pages if p.strip()])
    for i in (1, 2):
        check(re.search(rf"Page {i} of {n}\b", pages[i - 1]), f"footer 'Page {i} of {n}' on page {i}")
    check(pages[0].lstrip().startswith("Sales") and "Sales report 2024" in pages[0].splitlines()[0], "header line")
    # Page 2 as a picture: ink at the top (headings) and the bottom (footer).
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "40", "-gray", pdf, os.path.join(tmp, "p")], check=True)
    pgm = [f for f in os.listdir(tmp) if f.startswith("p") and f.endswith(".pgm")]
    check(len(pgm) == 1, f"rendered {pgm}")
    if pgm:
        data = open(os.path.join(tmp, pgm[0]), "rb").read()
        m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        w, h = int(m.group(1)), int(m.group(2))
        px = data[m.end():]
        dark = lambda r0, r1: sum(1 for y in range(r0, r1) for x in range(w) if px[y * w + x] < 128)
        check(w > h, f"page 2 picture {w}x{h} is landscape")
        check(dark(0, h // 4) > 50, "page 2 has ink in its top quarter (header, headings)")
        check(dark(h * 7 // 8, h) > 5, "page 2 has ink in its bottom eighth (footer)")
        if png_dir:
            subprocess.run(["pdftoppm", "-f", "1", "-l", "2", "-r", "60", "-png", pdf,
                            os.path.join(png_dir, "report-page")], check=True)

for f in failures:
    print("FAIL:", f)
print(f"report print: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
