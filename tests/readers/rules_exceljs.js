// rules_exceljs.js - ExcelJS (the document reader, Workbook.xlsx.readFile) reads the data
// validations and conditional formats of sheet "Rules" (tests/readers/write_rules.c) and
// writes them in the form of tests/readers/rules.expect.json for rules_compare.py.
//
//   node rules_exceljs.js FILE.xlsx OUT.json
//
// worksheet.dataValidations.model maps each cell to its rule (a range is expanded to its
// cells): cells sharing one rule object are gathered back into their range. Numbers and
// dates that ExcelJS parses from the formulas are written back in the file's form.
// worksheet.conditionalFormattings: ranges and rules, the dxf as the rule's style. What
// ExcelJS does not read is written as "n/a".
"use strict";
const fs = require("fs");
const ExcelJS = require("exceljs");

function colNum(s) {
  let n = 0;
  for (const ch of s) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}
function colName(n) {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function formula(f) {
  if (f === undefined || f === null) return null;
  if (f instanceof Date) return String((f.getTime() - Date.UTC(1899, 11, 30)) / 86400000);
  return String(f);
}
function argb(c) {
  return c && c.argb ? c.argb : null;
}

async function main() {
  const [file, out] = process.argv.slice(2);
  let result;
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Rules");
    // Validations: group cells by rule object, in the order the rules first appear.
    const groups = new Map();
    for (const [addr, dv] of Object.entries(ws.dataValidations.model)) {
      const m = /^([A-Z]+)(\d+)$/.exec(addr);
      const c = colNum(m[1]), r = Number(m[2]);
      const g = groups.get(dv) || { dv, c1: c, r1: r, c2: c, r2: r };
      g.c1 = Math.min(g.c1, c); g.r1 = Math.min(g.r1, r);
      g.c2 = Math.max(g.c2, c); g.r2 = Math.max(g.r2, r);
      groups.set(dv, g);
    }
    const validations = [...groups.values()]
      .sort((a, b) => a.c1 - b.c1 || a.r1 - b.r1)
      .map((g) => {
        const v = g.dv;
        const sqref = g.c1 === g.c2 && g.r1 === g.r2 ? `${colName(g.c1)}${g.r1}` : `${colName(g.c1)}${g.r1}:${colName(g.c2)}${g.r2}`;
        const f = v.formulae || [];
        return {
          sqref,
          type: v.type === "any" ? "none" : v.type,
          operator: v.operator === undefined ? null : v.operator,
          formula1: formula(f[0]),
          formula2: formula(f[1]),
          allowBlank: v.type === "any" ? "n/a" : !!v.allowBlank,
          dropdown: "n/a",
          showError: !!v.showErrorMessage,
          promptTitle: v.promptTitle === undefined ? null : v.promptTitle,
          prompt: v.prompt === undefined ? null : v.prompt,
          errorStyle: v.errorStyle || "stop",
          errorTitle: v.errorTitle === undefined ? null : v.errorTitle,
          error: v.error === undefined ? null : v.error,
        };
      });
    const condformats = [];
    for (const cf of ws.conditionalFormattings) {
      for (const r of cf.rules) {
        // ExcelJS files containsBlanks, containsErrors and the like as containsText with the
        // type as operator; the type is the operator then.
        const type = r.type === "containsText" ? r.operator : r.type;
        const o = {
          sqref: cf.ref, priority: r.priority, type,
          operator: r.type === "containsText" || type === "beginsWith" ? "n/a" : r.operator === undefined ? null : r.operator,
          formulas: (r.formulae || []).map(String),
          stopIfTrue: "n/a",
        };
        if (type === "top10") Object.assign(o, { rank: r.rank, bottom: !!r.bottom, percent: !!r.percent });
        if (type === "aboveAverage") o.aboveAverage = r.aboveAverage === undefined ? true : !!r.aboveAverage;
        if (type === "timePeriod") o.timePeriod = r.timePeriod;
        if (type === "containsText" || type === "beginsWith") o.text = "n/a";
        if (type === "colorScale") o.colors = (r.color || []).map(argb);
        if (type === "dataBar") o.colors = [argb(r.color)];
        if (type === "iconSet") o.iconSet = r.iconSet;
        const s = r.style;
        if (["colorScale", "dataBar", "iconSet"].includes(type)) o.dxf = null;
        else if (!s) o.dxf = "n/a";
        else {
          const font = s.font || {};
          const fill = s.fill || {};
          o.dxf = {
            bold: !!font.bold, italic: !!font.italic, underline: !!font.underline, strike: !!font.strike,
            fontColor: argb(font.color), fill: argb(fill.bgColor),
            border: !!(s.border && s.border.left && s.border.left.style),
            numFmt: s.numFmt ? (typeof s.numFmt === "string" ? s.numFmt : s.numFmt.formatCode || null) : null,
          };
        }
        condformats.push(o);
      }
    }
    condformats.sort((a, b) => a.priority - b.priority);
    result = { validations, condformats };
  } catch (e) {
    result = { error: String(e && e.stack ? e.stack.split("\n").slice(0, 4).join("\n") : e) };
  }
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
}
main();
