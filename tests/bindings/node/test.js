// Tests of the Node.js module examples/node/fastxlsx.js; run.sh runs this under a
// time limit, then openpyxl reads every workbook it wrote (check.py).
//
//   node test.js OUTDIR ROWS
//
// The first workbook is written with the compression thread on through a
// JavaScript write callback (which the library must call on this thread, inside
// the calls: before 0.2 it called it from its worker and Node.js hung), from
// strings that are temporaries: built for one row and dropped, with garbage
// collection forced while rows are written, so that text the library kept a
// pointer to would come back as another row's. check.py compares every cell.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const fx = require('../../../examples/node/fastxlsx.js');

const [outDir, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg || 200000);
const out = (name) => path.join(outDir, name);
let checks = 0;

function throwsFx(fn, status, ...fragments) {
  let caught = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof fx.FastxlsxError, `expected a FastxlsxError, got ${caught}`);
  if (status !== null) assert.strictEqual(caught.status, status, caught.message);
  for (const f of fragments) assert.ok(caught.message.includes(f), `'${f}' not in '${caught.message}'`);
  assert.ok(!/\bfast_/.test(caught.message), `a C name in '${caught.message}'`);
  checks++;
  return caught;
}

// 1. Threads on, a JavaScript write callback, temporary strings.
{
  const chunks = [];
  let calls = 0;
  let closing = false;
  let callsBeforeClose = 0;
  const wb = new fx.Workbook((b) => {
    chunks.push(b);
    calls++;
    if (!closing) callsBeforeClose++;
  }, { threads: 2, bufferSize: 65536 });
  const ws = wb.addWorksheet('Node');
  ws.writeRow(['name', 'amount', 'count', 'even', 'when', 'note']);
  for (let r = 0; r < ROWS; r++) {
    // Fresh strings of varying length every row; nothing keeps them after the call.
    const name = `row ${r} ✓`;
    const note = r % 3 === 0 ? 'x'.repeat(r % 50) + String(r) : `n${(r * 7919) % 100003}`;
    ws.writeRow([name, r / 4, BigInt(r * 3), r % 2 === 0, new Date(Date.UTC(2022, 0, 1) + (r % 1000) * 86400000 + r),
                 note]);
    if (r % 20000 === 0 && global.gc) global.gc();
  }
  closing = true;
  wb.close();
  assert.ok(callsBeforeClose > 0, 'the callback was not called before close: output held back');
  fs.writeFileSync(out('callback.xlsx'), Buffer.concat(chunks));
  console.log(`node: fastxlsx ${fx.libraryVersion()}, ${ROWS} rows with threads on, ${calls} callback calls ` +
              `(${callsBeforeClose} before close)`);
  checks++;
}

// 2. A path, formats and sheet features; a continuation sheet repeating the header.
{
  const wb = new fx.Workbook(out('features.xlsx'), { rowsPerSheet: 4, title: 'Node features', author: 'Tests' });
  const bold = wb.addFormat({ bold: true, fillColor: 0xD9E1F2, align: 'center' });
  const money = wb.addFormat({ numFormat: '#,##0.00' });
  const day = wb.addFormat({ numFormat: 'yyyy-mm-dd' });
  const ws = wb.addWorksheet('Data');
  ws.setHeaderRows(1);
  ws.freezePanes(1, 0);
  ws.setColumnWidth(0, 0, 20);
  ws.setColumnFormat(1, 1, money);
  ws.writeRow(['item', 'price', 'day', 'ok'], [bold, bold, bold, bold]);
  ws.writeRows([['apples', 1.5, new Date(Date.UTC(2024, 4, 1)), true],
                ['pears', null, new Date(Date.UTC(2024, 4, 2)), false],
                ['plums', 2.25, undefined, null]],
               [null, null, day, null]);
  // The sheet is full (4 rows): what comes after its rows, before the next row starts "Data (2)".
  ws.autofilter(0, 0, null, 3);
  ws.addHyperlink(1, 0, 'https://example.com/apples');
  ws.addInternalLink(2, 0, 'Data (2)', 'A2');
  ws.mergeRange(3, 2, 3, 3);
  ws.writeRow(['figs', 9007199254740993n, new Date(Date.UTC(1999, 11, 31, 23, 59, 59)), true], [null, null, day, null]);
  wb.close();
  checks++;
}

// 3. An object with write() and a file descriptor.
{
  const parts = [];
  const wb = new fx.Workbook({ write(b) { parts.push(b); } });
  wb.addWorksheet('W').writeRow(['via write()', 1]);
  wb.close();
  fs.writeFileSync(out('writer.xlsx'), Buffer.concat(parts));
  const fd = fs.openSync(out('fd.xlsx'), 'w');
  const wb2 = new fx.Workbook(fd);
  wb2.addWorksheet('F').writeRow(['via a descriptor', 2]);
  wb2.close();
  fs.closeSync(fd);
  checks++;
}

// 4. Errors: the message names the call and the way out; the workbook stays usable.
{
  const wb = new fx.Workbook(out('errors.xlsx'));
  throwsFx(() => wb.writeRow([1]), fx.FAST_ERROR_STATE, 'writeRow(): no worksheet; call addWorksheet() first');
  const ws = wb.addWorksheet('E');
  throwsFx(() => ws.writeRow(['ok', NaN]), fx.FAST_ERROR_NONFINITE_NUMBER, "sheet 'E', row 1, column B: number is NaN",
           'write null for a blank cell', "{ nan: 'blank' }");
  throwsFx(() => ws.writeRow([Infinity]), fx.FAST_ERROR_NONFINITE_NUMBER, 'infinite');
  throwsFx(() => ws.writeRow(['ok', 2n ** 63n]), fx.FAST_ERROR_INVALID_ARGUMENT, 'column B', 'outside the 64-bit range');
  throwsFx(() => ws.writeRow(['ok', 'a\ud800b']), fx.FAST_ERROR_INVALID_ARGUMENT, 'column B', 'lone surrogate');
  throwsFx(() => ws.writeRow([{}]), fx.FAST_ERROR_INVALID_ARGUMENT, 'not supported');
  throwsFx(() => ws.writeRow(['x'.repeat(32768)]), -12, 'longer than the limit');
  throwsFx(() => ws.writeRow([1], [null, null]), fx.FAST_ERROR_INVALID_ARGUMENT, 'formats has 2 entries');
  ws.writeRow(['after the refusals', 1]);
  throwsFx(() => ws.setColumnWidth(0, 0, 10), -19, "setColumnWidth(): sheet 'E' already has rows");
  throwsFx(() => ws.freezePanes(1), -19, 'freezePanes(): ');
  throwsFx(() => ws.mergeRange(0, 0, 0, 0), null, 'mergeRange(): a single cell');
  throwsFx(() => ws.addInternalLink(0, 0, 'E', 'zz'), null, 'addInternalLink(): ');
  throwsFx(() => wb.addWorksheet('e'), -9, 'already used');
  throwsFx(() => wb.addFormat({ fontSize: 1000 }), null, 'fontSize');
  throwsFx(() => new fx.Workbook(out('x.xlsx'), { nan: 'zero' }), fx.FAST_ERROR_INVALID_ARGUMENT, "{ nan: 'zero' }");
  throwsFx(() => new fx.Workbook(out('no-such-dir/x.xlsx')), fx.FAST_ERROR_IO, 'no-such-dir/x.xlsx',
           'No such file or directory (ENOENT)');
  const other = new fx.Workbook(() => {});
  throwsFx(() => ws.writeRow([1], [other.addFormat({ bold: true })]), fx.FAST_ERROR_INVALID_ARGUMENT, 'not a Format');
  other.discard();
  wb.close();
  throwsFx(() => wb.writeRow([1]), fx.FAST_ERROR_CLOSED, 'closed');
  assert.strictEqual(fx._jsMessage('fast_workbook_set_data_validation: x; see fast_workbook_add_internal_link().'),
                     'setDataValidation(): x; see addInternalLink().');
  checks++;
}

// 5. nan: 'blank'.
{
  const wb = new fx.Workbook(out('nan.xlsx'), { nan: 'blank' });
  const ws = wb.addWorksheet('N');
  ws.writeRow([NaN, 1.5, 'x', -NaN]);
  throwsFx(() => ws.writeRow([-Infinity]), fx.FAST_ERROR_NONFINITE_NUMBER, 'infinite');
  wb.close();
}

// 6. A failing callback: the error says so and carries the callback's exception;
//    discard() leaves an existing file as it was.
{
  let n = 0;
  const wb = new fx.Workbook(() => { if (++n === 2) throw new Error('disk on fire'); }, { bufferSize: 4096 });
  const ws = wb.addWorksheet('C');
  const e = throwsFx(() => {
    for (let r = 0; r < 100000; r++) ws.writeRow([`row ${r}`, r]);
    wb.close();
  }, fx.FAST_ERROR_CALLBACK, 'disk on fire');
  assert.ok(e.cause instanceof Error && e.cause.message === 'disk on fire');
  wb.discard();
  fs.writeFileSync(out('kept.xlsx'), 'previous content');
  const wb2 = new fx.Workbook(out('kept.xlsx'));
  wb2.addWorksheet('K').writeRow(['never committed']);
  wb2.discard();
  assert.strictEqual(fs.readFileSync(out('kept.xlsx'), 'utf8'), 'previous content');
  assert.deepStrictEqual(fs.readdirSync(outDir).filter((f) => f.startsWith('.')), []);
  checks++;
}

console.log(`node: ${checks} checks passed`);
