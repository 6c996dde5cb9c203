// dump.js - the JavaScript readers of the matrix dump workbooks for tests/readers/compare.py.
//
//   node dump.js sheetjs|exceljs|exceljs-stream|exceljs-tables OUTDIR FILE.xlsx...
//
// sheetjs: SheetJS (npm xlsx) XLSX.readFile with cellDates; exceljs: ExcelJS's document
// reader (Workbook.xlsx.readFile); exceljs-stream: ExcelJS's streaming WorkbookReader.
// exceljs-tables: the Excel tables ExcelJS's document reader finds, for tests/readers/tables.py
// (name, range, filter, style, columns, totals functions and labels, the totals row's values;
// ExcelJS does not read calculated column or custom totals formulas, so those are left out, and
// it stops reading a table's columns after the first calculated one, in Excel's own files too:
// exceljs/exceljs PR #1936, not merged in 4.4.0; the dump says so for tables.py).
// Each writes OUTDIR/<file name>.json; a reader failure is written as {"error": ...}.
// Dates are JavaScript Dates, read in UTC (run.sh sets TZ=UTC).
"use strict";
const fs = require("fs");
const path = require("path");

function iso(d) {
  return isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().replace(/Z$/, "");
}

function num(v) {
  return Object.is(v, -0) ? 0 : v;
}

function sheetjs(file) {
  const XLSX = require("xlsx");
  const wb = XLSX.readFile(file, { cellDates: true });
  return {
    sheets: wb.SheetNames.map((name) => {
      const ws = wb.Sheets[name];
      const cells = {};
      const links = {};
      for (const ref of Object.keys(ws)) {
        if (ref[0] === "!") continue;
        const c = ws[ref];
        if (c.l) links[ref] = c.l.Target;
        if (c.t === "z") continue;
        cells[ref] = c.t === "d" ? ["d", iso(c.v)] : c.t === "n" ? ["n", num(c.v)] : [c.t, c.v];
      }
      return {
        name,
        cells,
        merges: (ws["!merges"] || []).map((m) => XLSX.utils.encode_range(m)),
        links,
        filter: ws["!autofilter"] ? ws["!autofilter"].ref : null,
      };
    }),
  };
}

// One ExcelJS cell value as [type, value], or null for a blank.
function excelValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return ["n", num(v)];
  if (typeof v === "string") return ["s", v];
  if (typeof v === "boolean") return ["b", v];
  if (v instanceof Date) return ["d", iso(v)];
  if (v.richText) return ["s", v.richText.map((r) => r.text).join("")];
  if (v.hyperlink !== undefined) return excelValue(v.text);
  if (v.formula !== undefined || v.sharedFormula !== undefined) return excelValue(v.result);
  if (v.error !== undefined) return ["e", v.error];
  return ["?", JSON.stringify(v)];
}

function excelFeatures(ws, cells, links) {
  const view = (ws.views || []).find((v) => v.state === "frozen");
  let filter = ws.autoFilter || null;
  if (filter && typeof filter === "object") filter = `${filter.from}:${filter.to}`;
  return {
    name: ws.name,
    cells,
    merges: Object.values(ws._merges || {}).map((m) => m.range),
    links,
    freeze: view ? view.topLeftCell : null,
    filter,
  };
}

async function exceljs(file) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = [];
  wb.eachSheet((ws) => {
    const cells = {};
    const links = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.type === ExcelJS.ValueType.Merge) return;
        const v = excelValue(c.value);
        if (v) cells[c.address] = v;
        if (c.hyperlink) links[c.address] = c.hyperlink;
      });
    });
    sheets.push(excelFeatures(ws, cells, links));
  });
  return { sheets };
}

async function exceljsStream(file) {
  const ExcelJS = require("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache", hyperlinks: "cache", styles: "cache", worksheets: "emit", entries: "ignore",
  });
  const sheets = [];
  for await (const ws of reader) {
    const cells = {};
    for await (const row of ws) {
      row.eachCell({ includeEmpty: false }, (c) => {
        const v = excelValue(c.value);
        if (v) cells[c.address] = v;
      });
    }
    sheets.push({ name: ws.name, cells });
  }
  return { sheets };
}

async function exceljsTables(file) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const tables = [];
  wb.eachSheet((ws) => {
    for (const t of ws.getTables()) {
      const m = t.table;
      const d = {
        sheet: ws.name, name: m.name, ref: m.tableRef, filter: m.autoFilterRef || null,
        style: (m.style && m.style.theme) || null,
        columns: m.columns.map((c) => c.name),
        functions: m.columns.map((c) => c.totalsRowFunction || null),
        labels: {}, totals: {},
      };
      for (const c of m.columns) if (c.totalsRowLabel !== undefined) d.labels[c.name] = c.totalsRowLabel;
      if (m.totalsRow) {
        const last = m.tableRef.split(":")[1].replace(/^[A-Z]+/, "");
        ws.getRow(Number(last)).eachCell({ includeEmpty: false }, (c) => {
          const v = c.value && typeof c.value === "object" && "result" in c.value ? c.value.result : c.value;
          if (v !== undefined && v !== null) d.totals[c.address] = v;
        });
      }
      tables.push(d);
    }
  });
  return { tables, stops_after_calculated_column: true };
}

async function main() {
  const [mode, outdir, ...files] = process.argv.slice(2);
  const read = { sheetjs, exceljs, "exceljs-stream": exceljsStream, "exceljs-tables": exceljsTables }[mode];
  for (const file of files) {
    let out;
    try {
      out = await read(file);
    } catch (e) {
      out = { error: String(e && e.stack ? e.stack.split("\n").slice(0, 3).join("\n") : e) };
    }
    fs.writeFileSync(path.join(outdir, path.basename(file, ".xlsx") + ".json"), JSON.stringify(out));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
