#!/usr/bin/python3
"""Dump the data validations and conditional formats of sheet "Rules" as openpyxl
reads them (ws.data_validations, ws.conditional_formatting, the rules' dxf), in the
form of tests/readers/rules.expect.json. Usage: rules_openpyxl.py FILE.xlsx OUT.json
"""
import json, sys, warnings
import openpyxl

warnings.simplefilter("ignore")  # openpyxl drops the x14 extension with a warning
ws = openpyxl.load_workbook(sys.argv[1])["Rules"]


def color(c):
    return c.rgb if c is not None and isinstance(c.rgb, str) else None


def dxf(d):
    if d is None:
        return None
    f = d.font
    fill = d.fill
    return {"bold": bool(f and f.b), "italic": bool(f and f.i), "underline": bool(f and f.u),
            "strike": bool(f and f.strike), "fontColor": color(f.color) if f else None,
            "fill": color(fill.bgColor) if fill is not None and fill.bgColor is not None and fill.bgColor.rgb != "00000000" else None,
            "border": bool(d.border and d.border.left and d.border.left.style),
            "numFmt": d.numFmt.formatCode if d.numFmt else None}


COMPARING = ("whole", "decimal", "date", "time", "textLength")  # operator "between" when absent (§18.3.1.32)
dvs = []
for v in ws.data_validations.dataValidation:
    op = v.operator or ("between" if v.type in COMPARING else None)
    dvs.append({"sqref": str(v.sqref), "type": v.type or "none", "operator": op,
                "formula1": v.formula1, "formula2": v.formula2, "allowBlank": bool(v.allowBlank),
                "dropdown": not v.showDropDown, "showError": bool(v.showErrorMessage),
                "promptTitle": v.promptTitle, "prompt": v.prompt, "errorStyle": v.errorStyle or "stop",
                "errorTitle": v.errorTitle, "error": v.error})
cfs = []
for cf in ws.conditional_formatting:
    for r in cf.rules:
        o = {"sqref": str(cf.sqref), "priority": r.priority, "type": r.type, "operator": r.operator,
             "formulas": list(r.formula), "stopIfTrue": bool(r.stopIfTrue), "dxf": dxf(r.dxf)}
        if r.type in ("containsText", "beginsWith", "endsWith", "notContainsText"):
            o["text"] = r.text
        if r.type == "top10":
            o.update(rank=r.rank, bottom=bool(r.bottom), percent=bool(r.percent))
        if r.type == "aboveAverage":
            o["aboveAverage"] = r.aboveAverage is None or bool(r.aboveAverage)
        if r.type == "timePeriod":
            o["timePeriod"] = r.timePeriod
        if r.colorScale is not None:
            o["colors"] = [c.rgb for c in r.colorScale.color]
        if r.dataBar is not None:
            o["colors"] = [r.dataBar.color.rgb]
        if r.iconSet is not None:
            o["iconSet"] = r.iconSet.iconSet
        cfs.append(o)
cfs.sort(key=lambda o: o["priority"])
json.dump({"validations": dvs, "condformats": cfs}, open(sys.argv[2], "w"), indent=1)
