#!/usr/bin/python3
"""openpyxl reads the page setup, print area and titles and display settings of every sheet of a workbook
and writes them in the form of tests/readers/print.expect.json (print_compare.py).
openpyxl drops ignoredErrors on reading: "ignored" is not written.

Usage: print_openpyxl.py FILE.xlsx OUT.json
"""
import json, re, sys
import openpyxl
from openpyxl.worksheet.protection import hash_password

wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb:
    ps, po, pm = ws.page_setup, ws.print_options, ws.page_margins
    pr = ws.sheet_properties.pageSetUpPr
    num = lambda v, default: None if v is None or int(v) == default else int(v)
    span = None
    d = {"landscape": ps.orientation == "landscape", "paper": num(ps.paperSize, 1), "scale": num(ps.scale, 100),
         "fitToPage": bool(pr and pr.fitToPage),
         "fitWidth": 1 if ps.fitToWidth is None else int(ps.fitToWidth),
         "fitHeight": 1 if ps.fitToHeight is None else int(ps.fitToHeight),
         "margins": [pm.left, pm.right, pm.top, pm.bottom, pm.header, pm.footer],
         "firstPage": int(ps.firstPageNumber) if ps.useFirstPageNumber else None,
         "blackAndWhite": bool(ps.blackAndWhite), "draft": bool(ps.draft),
         "overThenDown": ps.pageOrder == "overThenDown",
         "hCenter": bool(po.horizontalCentered), "vCenter": bool(po.verticalCentered),
         "gridlines": bool(po.gridLines), "headings": bool(po.headings)}
    for k, hf in (("oddHeader", ws.oddHeader), ("oddFooter", ws.oddFooter), ("evenHeader", ws.evenHeader),
                  ("evenFooter", ws.evenFooter), ("firstHeader", ws.firstHeader), ("firstFooter", ws.firstFooter)):
        d[k] = "".join(f"&{c}" + (f'&"{part.font}"' if part.font else "") + (f"&{part.size}" if part.size else "") +
                       (f"&K{part.color}" if part.color else "") + part.text
                       for c, part in (("L", hf.left), ("C", hf.center), ("R", hf.right)) if part.text)
    d["rowBreaks"] = [b.id for b in ws.row_breaks.brk]
    d["colBreaks"] = [b.id for b in ws.col_breaks.brk]
    area = ws.print_area
    area = area[0] if isinstance(area, list) and len(area) == 1 else area
    d["printArea"] = area.split("!")[-1] if area else None
    m = re.fullmatch(r"\$(\d+):\$(\d+)", ws.print_title_rows or "")
    d["titleRows"] = [int(m.group(1)) - 1, int(m.group(2)) - 1] if m else None
    m = re.fullmatch(r"\$([A-Z]+):\$([A-Z]+)", ws.print_title_cols or "")
    col = lambda s: openpyxl.utils.column_index_from_string(s) - 1
    d["titleCols"] = [col(m.group(1)), col(m.group(2))] if m else None
    sv = ws.sheet_view
    tab = ws.sheet_properties.tabColor
    d.update({"state": ws.sheet_state, "tabColor": tab.rgb if tab is not None else None,
              "gridlinesShown": sv.showGridLines is not False, "zoom": int(sv.zoomScale or 100),
              "rightToLeft": bool(sv.rightToLeft), "defaultRowHeight": ws.sheet_format.defaultRowHeight,
              "tabSelected": bool(sv.tabSelected), "active": wb.active.title == ws.title})
    pro = ws.protection
    d.update({"protected": bool(pro.sheet),
              "password": "password" if pro.sheet and pro.password == hash_password("password") else None,
              "sortLocked": bool(pro.sort), "autoFilterLocked": bool(pro.autoFilter),
              "formatCellsLocked": bool(pro.formatCells),
              "structureLocked": bool(wb.security and wb.security.lockStructure),
              "structurePassword": "secret" if wb.security and wb.security.workbookPassword == hash_password("secret")
              else None})
    # Defined names other than the _xlnm ones, as "name=formula" sorted: of this sheet, and of the workbook.
    index = wb.sheetnames.index(ws.title)
    dn = wb.defined_names
    if hasattr(dn, "definedName"):  # openpyxl < 3.1: one list, localSheetId on each
        every = [(x.name, x.localSheetId, x.attr_text) for x in dn.definedName]
    else:
        every = [(x.name, None, x.attr_text) for x in dn.values()] + \
                [(x.name, i, x.attr_text) for i, s in enumerate(wb) for x in s.defined_names.values()]
    every = [e for e in every if not e[0].startswith("_xlnm.")]
    d["names"] = sorted(f"{n}={f}" for n, i, f in every if i is not None and int(i) == index)
    d["workbookNames"] = sorted(f"{n}={f}" for n, i, f in every if i is None)
    # Outlines: rows 1..12 and columns A..J with a level, hidden or collapsed; the summaries; the levels.
    d["outlineRows"] = [[r, int(rd.outlineLevel or 0), bool(rd.hidden), bool(rd.collapsed)]
                        for r in range(1, 13) if r in ws.row_dimensions
                        for rd in [ws.row_dimensions[r]] if rd.outlineLevel or rd.hidden or rd.collapsed]
    cols = {}
    for cd in ws.column_dimensions.values():
        for c in range((cd.min or 1) - 1, (cd.max or cd.min or 1)):
            if c < 10 and (cd.outlineLevel or cd.hidden):
                cols[c] = [c, int(cd.outlineLevel or 0), bool(cd.hidden)]
    d["outlineCols"] = [cols[c] for c in sorted(cols)]
    op = ws.sheet_properties.outlinePr
    d["summaryBelow"] = op is None or op.summaryBelow is not False
    d["summaryRight"] = op is None or op.summaryRight is not False
    sf = ws.sheet_format
    d["outlineLevels"] = [int(sf.outlineLevelRow or 0), int(sf.outlineLevelCol or 0)]
    out[ws.title] = d
json.dump(out, open(sys.argv[2], "w"), indent=1, ensure_ascii=False)
