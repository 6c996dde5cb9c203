#!/usr/bin/env python3
"""Check the charts of a workbook as openpyxl reads them against what the writer
says it wrote (tests/e2e/write_charts.c writes both):

    charts.py openpyxl BOOK.xlsx EXPECTED.json
    charts.py pdf BOOK.pdf
    charts.py compare-poi EXPECTED.json POI.json

compare-poi: Apache POI's dump (PoiCharts.java): per chart the title, the type
(POI 4.0.1 reads no series of area and doughnut charts: "none", no series), the
axes (XDDF's minimum and maximum, the major gridlines and title of each axis'
c:catAx/c:valAx), and per series the references and the cached values and
categories.

pdf: LibreOffice's PDF export, every page rendered by pdftoppm: the three series
colours (4472C4, ED7D31, 70AD47) must each cover a fair area (bars, slices,
areas and lines drawn with data, not empty plot areas).

For each sheet, the charts in the order added: the type (openpyxl's class and,
for bar charts, barDir and grouping; line markers), the anchor's cell, the title,
the axes (x_axis and y_axis: title, scaling min and max, majorGridlines), and
per series its name, its references (categories or x values, values) and the
values and categories in its cache, which must equal the cells written (or be
absent for a series that has only its reference).
"""
import collections
import json
import sys

import openpyxl

KIND = {
    "column": ("BarChart", "col", "clustered"), "column_stacked": ("BarChart", "col", "stacked"),
    "column_percent": ("BarChart", "col", "percentStacked"), "bar": ("BarChart", "bar", "clustered"),
    "bar_stacked": ("BarChart", "bar", "stacked"), "bar_percent": ("BarChart", "bar", "percentStacked"),
    "line": ("LineChart", None, "standard"), "line_markers": ("LineChart", None, "standard"),
    "pie": ("PieChart", None, None), "doughnut": ("DoughnutChart", None, None),
    "scatter": ("ScatterChart", None, None), "area": ("AreaChart", None, "standard"),
}


def title_text(t):
    if t is None or t.tx is None or t.tx.rich is None:
        return None
    return "".join(r.t for p in t.tx.rich.p for r in (p.r or []))


def cache_values(ref):
    """Values of a numRef/strRef cache, by index; None without a cache."""
    if ref is None:
        return None
    cache = getattr(ref, "numCache", None) or getattr(ref, "strCache", None)
    if cache is None:
        return None
    out = [None] * (cache.ptCount or 0)
    for p in cache.pt:
        out[p.idx] = p.v
    return out


# A chart's axis options when write_charts sets none: no titles, automatic ranges,
# major gridlines on the value axis only (Excel's default).
DEFAULT_AXES = {"cat_title": None, "val_title": None, "cat_range": None, "val_range": None,
                "cat_grid": False, "val_grid": True}


def axis_options(ax):
    """(title, [min, max] or None, major gridlines shown) of an openpyxl axis."""
    sc = ax.scaling
    rng = None if sc is None or (sc.min is None and sc.max is None) else [sc.min, sc.max]
    return title_text(ax.title), rng, ax.majorGridlines is not None


def check_axes(ch, e, where, errors):
    want = e.get("axes", DEFAULT_AXES)
    if want is None:
        return
    for name, ax in (("cat", ch.x_axis), ("val", ch.y_axis)):
        got = axis_options(ax)
        exp = (want[name + "_title"], want[name + "_range"], want[name + "_grid"])
        if got != exp:
            errors.append(f"{where}: {name} axis (title, [min, max], gridlines) {got}, want {exp}")


def check(book, expected):
    wb = openpyxl.load_workbook(book)
    errors = []
    by_sheet = collections.defaultdict(list)
    for e in expected:
        by_sheet[e["sheet"]].append(e)
    for name, want in by_sheet.items():
        charts = wb[name]._charts
        if len(charts) != len(want):
            errors.append(f"{name}: {len(charts)} charts, want {len(want)}")
            continue
        for ch, e in zip(charts, want):
            where = f"{name} chart {e['type']}"
            cls, bar_dir, grouping = KIND[e["type"]]
            if type(ch).__name__ != cls:
                errors.append(f"{where}: {type(ch).__name__}, want {cls}")
                continue
            if bar_dir and (ch.type, ch.grouping) != (bar_dir, grouping):
                errors.append(f"{where}: barDir {ch.type}, grouping {ch.grouping}")
            a = ch.anchor
            if (a._from.row, a._from.col) != (e["row"], e["col"]):
                errors.append(f"{where}: anchored at {(a._from.row, a._from.col)}, want {(e['row'], e['col'])}")
            if title_text(ch.title) != e["title"]:
                errors.append(f"{where}: title {title_text(ch.title)!r}, want {e['title']!r}")
            want_legend = e.get("legend", "r")
            got_legend = "none" if ch.legend is None else ch.legend.position
            if got_legend != want_legend:
                errors.append(f"{where}: legend {got_legend!r}, want {want_legend!r}")
            # Data labels of the first series: bits value 1, category 2, series name 4, percentage 8.
            d = ch.series[0].dLbls if ch.series else None
            got_labels = 0 if d is None else (
                (d.showVal and 1) | (d.showCatName and 2) | (d.showSerName and 4) | (d.showPercent and 8))
            if got_labels != e.get("labels", 0):
                errors.append(f"{where}: data labels {got_labels}, want {e.get('labels', 0)}")
            # Number formats: the value axis' (y) "#,##0.00" and the first series' labels' "0.0", or the defaults.
            # (openpyxl does not bind an area chart's axes on reading: it shows its own default axes.)
            if e["type"] not in ("pie", "doughnut", "area"):
                nf = ch.y_axis.numFmt
                got_fmt = None if nf is None else (nf.formatCode, bool(nf.sourceLinked))
                want_fmt = ("#,##0.00", False) if e.get("formats") else (
                    ("0%", False) if e["type"].endswith("_percent") else ("General", True))
                if got_fmt != want_fmt:
                    errors.append(f"{where}: value axis number format {got_fmt}, want {want_fmt}")
                if e.get("formats") and e.get("labels") and (d is None or d.numFmt != "0.0"):
                    errors.append(f"{where}: data labels number format {d and d.numFmt!r}, want '0.0'")
            # (openpyxl does not bind an area chart's axes on reading: see above.)
            if e["type"] != "area":
                check_axes(ch, e, where, errors)
            if len(ch.series) != len(e["series"]):
                errors.append(f"{where}: {len(ch.series)} series, want {len(e['series'])}")
                continue
            for s, es in zip(ch.series, e["series"]):
                scatter = e["type"] == "scatter"
                cat = s.xVal if scatter else s.cat
                val = s.yVal if scatter else s.val
                cref = cat.numRef or cat.strRef
                name_v = s.tx.v if s.tx is not None else ""
                if name_v != es["name"]:
                    errors.append(f"{where}: series name {name_v!r}, want {es['name']!r}")
                if (cref.f, val.numRef.f) != (es["cat"], es["val"]):
                    errors.append(f"{where}: references {(cref.f, val.numRef.f)}, want {(es['cat'], es['val'])}")
                vals, cats = cache_values(val.numRef), cache_values(cref)
                if e["cached"]:
                    if vals is None or [float(v) for v in vals] != es["values"]:
                        errors.append(f"{where} {es['name']}: cached values {vals}, want {es['values']}")
                    want_cats = [str(x) if not isinstance(x, str) else x for x in es["categories"]]
                    if scatter:
                        ok = cats is not None and [float(v) for v in cats] == es["categories"]
                    else:
                        ok = cats == want_cats
                    if not ok:
                        errors.append(f"{where} {es['name']}: cached categories {cats}, want {es['categories']}")
                elif vals is not None and any(v is not None for v in vals):
                    errors.append(f"{where}: a cache {vals} for rows written before the chart")
    return errors


def check_pdf(pdf):
    import glob
    import os
    import subprocess
    import tempfile
    from PIL import Image
    colours = {"4472C4": (0x44, 0x72, 0xC4), "ED7D31": (0xED, 0x7D, 0x31), "70AD47": (0x70, 0xAD, 0x47)}
    counts = dict.fromkeys(colours, 0)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "40", "-png", pdf, os.path.join(tmp, "p")], check=True)
        for f in glob.glob(os.path.join(tmp, "p*.png")):
            for px in Image.open(f).convert("RGB").getdata():
                for k, c in colours.items():
                    if all(abs(px[i] - c[i]) < 20 for i in range(3)):
                        counts[k] += 1
    return [f"colour {k}: {n} pixels drawn" for k, n in counts.items() if n < 2000]


def compare_poi(expected, got):
    errors = []
    if len(got) != len(expected):
        return [f"poi: {len(got)} charts, want {len(expected)}"]
    # POI lists a drawing's charts in its own order: match them by sheet and title.
    by_key = {(g["sheet"], g["title"]): g for g in got}
    for e in expected:
        g = by_key.get((e["sheet"], e["title"]), {"sheet": None, "title": None, "type": None, "series": []})
        where = f"poi: {e['sheet']} chart {e['type']}"
        if (g["sheet"], g["title"]) != (e["sheet"], e["title"]):
            errors.append(f"{where}: sheet, title {(g['sheet'], g['title'])}")
        # Axes by id: 50010001 the category (x) axis, 50010002 the value (y) axis; none on pie and doughnut.
        want_axes = e.get("axes", DEFAULT_AXES)
        got_axes = {a["id"]: a for a in g.get("axes", [])}
        if want_axes is None:
            if got_axes:
                errors.append(f"{where}: axes {sorted(got_axes)}, want none")
        else:
            for name, ax_id, kind in (("cat", 50010001, "val" if e["type"] == "scatter" else "cat"),
                                      ("val", 50010002, "val")):
                a = got_axes.get(ax_id)
                if a is None:
                    errors.append(f"{where}: no {name} axis {ax_id}")
                    continue
                got = (a["kind"], a["title"], None if a["min"] is None else [a["min"], a["max"]], a["grid"])
                exp = (kind, want_axes[name + "_title"], want_axes[name + "_range"], want_axes[name + "_grid"])
                if got != exp:
                    errors.append(f"{where}: {name} axis (kind, title, [min, max], gridlines) {got}, want {exp}")
        if g["type"] == "none" and e["type"] in ("area", "doughnut"):
            continue
        if g["type"] != e["type"].replace("line_markers", "line"):
            errors.append(f"{where}: type {g['type']}")
        if len(g["series"]) != len(e["series"]):
            errors.append(f"{where}: {len(g['series'])} series, want {len(e['series'])}")
            continue
        for gs, es in zip(g["series"], e["series"]):
            if (gs["cat"], gs["val"]) != (es["cat"], es["val"]):
                errors.append(f"{where}: references {(gs['cat'], gs['val'])}, want {(es['cat'], es['val'])}")
            want_vals = es["values"] if e["cached"] else [None] * len(es["values"])
            if [None if v is None else float(v) for v in gs["values"]] != want_vals:
                errors.append(f"{where}: cached values {gs['values']}, want {want_vals}")
            if e["cached"]:
                cats = [float(c) if e["type"] == "scatter" else c for c in gs["categories"]]
                if cats != es["categories"]:
                    errors.append(f"{where}: cached categories {gs['categories']}, want {es['categories']}")
    return errors


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "compare-poi":
        errors = compare_poi(json.load(open(sys.argv[2])), json.load(open(sys.argv[3])))
        for e in errors:
            print("FAIL", e)
        if errors:
            sys.exit(1)
        print("poi: every chart, its references and caches as written")
        return
    if len(sys.argv) == 3 and sys.argv[1] == "pdf":
        errors = check_pdf(sys.argv[2])
        for e in errors:
            print(e)
        if errors:
            sys.exit(1)
        print("pdf: the series are drawn")
        return
    if len(sys.argv) != 4 or sys.argv[1] != "openpyxl":
        sys.exit(__doc__)
    expected = json.load(open(sys.argv[3]))
    errors = check(sys.argv[2], expected)
    for e in errors:
        print(e)
    if errors:
        sys.exit(1)
    print(f"openpyxl: {len(expected)} charts as written, caches equal to the cells")


if __name__ == "__main__":
    main()
