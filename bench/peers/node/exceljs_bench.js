// W1 and W2 of bench/bench_write.c through ExcelJS's streaming WorkbookWriter.
//   node exceljs_bench.js mixed|strings ROWS OUT.xlsx [--shared-strings]
// Values and cell types as bench_write writes them (bench/README.md, Workloads):
// numbers as JavaScript numbers, booleans as booleans, text as strings; no styles.
// useStyles is off (nothing is styled); shared strings are off unless --shared-strings.
'use strict';
const ExcelJS = require('exceljs');

const STATUS = ['open', 'closed', 'pending', 'paid', 'void', 'draft', 'sent', 'overdue'];
const SHEET_ROWS = 1048576;

async function main() {
  const [workload, rowsArg, out, ...rest] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (!['mixed', 'strings'].includes(workload) || !Number.isInteger(rows) || rows < 0 || !out) {
    console.error('usage: exceljs_bench.js mixed|strings ROWS OUT.xlsx [--shared-strings]');
    process.exit(2);
  }
  const shared = rest.includes('--shared-strings');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: out, useSharedStrings: shared, useStyles: false});
  let sheets = 1;
  let ws = wb.addWorksheet('Sheet1');
  let inSheet = 0;
  if (workload === 'mixed') {
    const header = [];
    for (let c = 0; c < 19; c++) header.push('col_' + c);
    ws.addRow(header).commit();
    inSheet++;
  }
  for (let r = 1; r <= rows; r++) {
    if (inSheet === SHEET_ROWS) {
      await ws.commit();
      ws = wb.addWorksheet('Sheet' + ++sheets);
      inSheet = 0;
    }
    const v = new Array(19);
    if (workload === 'mixed') {
      v[0] = r;
      const frac = (r % 100000) * 0.01;
      for (let c = 1; c <= 4; c++) v[c] = frac + c;
      for (let c = 5; c <= 8; c++) v[c] = (r * 31 + c) % 1000000;
      for (let c = 9; c <= 12; c++) v[c] = STATUS[(r + c) % 8];
      for (let c = 13; c <= 15; c++) v[c] = 'customer_' + r + '_' + c;
      v[16] = r % 2 === 1;
      v[17] = 'note <' + (r % 1000) + '> & "q"';
      v[18] = 45000 + (r % 3650);
    } else {
      for (let c = 0; c < 19; c++) v[c] = (r * 7 + c) + '.' + c;
    }
    ws.addRow(v).commit();
    inSheet++;
  }
  await ws.commit();
  await wb.commit();
}

main().catch((e) => {
  console.error('exceljs_bench: ' + (e && e.stack || e));
  process.exit(1);
});
