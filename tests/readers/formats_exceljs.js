// formats_exceljs.js - ExcelJS (the document reader, Workbook.xlsx.readFile) reads the
// cell formats of sheet "Formats" and the rich text runs of sheet "Rich"
// (tests/readers/write_formats.c) and writes them in the form of
// tests/readers/formats.expect.json for formats_compare.py.
//
//   node formats_exceljs.js FILE.xlsx OUT.json
//
// cell.style: font, fill, border (with the diagonal), alignment (ExcelJS turns textRotation
// 255 into "vertical" and 91..180 into -1..-90: written back in the file's form),
// protection; ExcelJS does not read quotePrefix ("n/a"). Rich text: cell.value.richText. Sheet
// protection of sheet "Protected": worksheet.sheetProtection (which actions are allowed).
"use strict";
const fs = require("fs");
const ExcelJS = require("exceljs");

function color(c) {
  if (!c) return null;
  if (c.argb) return c.argb;
  if (c.theme !== undefined) return `theme:${c.theme}` + (c.tint ? `:${c.tint}` : "");
  if (c.indexed !== undefined) return `indexed:${c.indexed}`;
  if (c.auto) return "auto";
  return null;
}
function side(s) {
  return s && s.style ? `${s.style} ${color(s.color) || "auto"}` : "none";
}
function underline(u) {
  if (!u) return "none";
  return u === true ? "single" : u;
}
function runFont(f) {
  return {
    b: !!f.bold, i: !!f.italic, strike: !!f.strike, u: underline(f.underline),
    vertAlign: f.vertAlign || "none", sz: f.size, name: f.name, color: color(f.color),
  };
}
function rotation(r) {
  if (r === "vertical") return 255;
  if (r === undefined) return 0;
  return r < 0 ? 90 - r : r;
}

async function main() {
  const [file, out] = process.argv.slice(2);
  let result;
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Formats");
    const formats = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const c = ws.getCell(r, 1);
      const s = c.style || {};
      const f = s.font || {}, fill = s.fill || {}, b = s.border || {}, a = s.alignment || {}, p = s.protection || {};
      const d = b.diagonal || {};
      const pattern = fill.type === "pattern" ? fill.pattern : "none";
      formats.push({
        label: c.value,
        "font.b": !!f.bold, "font.i": !!f.italic, "font.strike": !!f.strike, "font.u": underline(f.underline),
        "font.vertAlign": f.vertAlign || "none", "font.sz": f.size, "font.name": f.name, "font.color": color(f.color),
        "font.family": f.family === undefined ? null : f.family, "font.scheme": f.scheme || null,
        "fill.pattern": pattern,
        "fill.fg": pattern !== "none" ? color(fill.fgColor) : null,
        "fill.bg": pattern !== "none" ? color(fill.bgColor) : null,
        "border.left": side(b.left), "border.right": side(b.right), "border.top": side(b.top),
        "border.bottom": side(b.bottom), "border.diagonal": side(d),
        "border.up": !!d.up, "border.down": !!d.down,
        "align.h": a.horizontal || "general", "align.v": a.vertical || "bottom",
        "align.rotation": rotation(a.textRotation), "align.indent": a.indent || 0,
        "align.shrink": !!a.shrinkToFit, "align.wrap": !!a.wrapText,
        locked: p.locked === undefined ? true : !!p.locked, hidden: !!p.hidden, quotePrefix: "n/a",
      });
    }
    const rich = [];
    const rs = wb.getWorksheet("Rich");
    for (let r = 1; rs && r <= rs.rowCount; r++) {
      const v = rs.getCell(r, 1).value;
      if (v && v.richText)
        rich.push({ runs: v.richText.map((run) => ({ text: run.text, font: run.font ? runFont(run.font) : null })) });
      else rich.push({ runs: [{ text: String(v), font: null }] });
    }
    // Sheet protection: ExcelJS's sheetProtection holds true for an allowed action, false for a locked one
    // written against the schema's default, nothing for the default (objects, scenarios and selecting
    // cells allowed, the others locked).
    const sp = wb.getWorksheet("Protected").sheetProtection || {};
    const protection = [{ label: "Protected", sheet: !!sp.sheet }];
    for (const k of ["objects", "scenarios", "selectLockedCells", "selectUnlockedCells"]) protection[0][k] = sp[k] !== false;
    for (const k of ["formatCells", "formatColumns", "formatRows", "insertColumns", "insertRows", "insertHyperlinks",
                     "deleteColumns", "deleteRows", "sort", "autoFilter", "pivotTables"])
      protection[0][k] = sp[k] === true;
    result = { formats, rich, protection };
  } catch (e) {
    result = { error: String(e && e.stack ? e.stack.split("\n").slice(0, 4).join("\n") : e) };
  }
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
}
main();
