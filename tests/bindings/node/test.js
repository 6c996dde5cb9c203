// Node.js calls libfastxlsx through koffi, with the compression thread on and a
// JavaScript write callback that appends to a Buffer. JavaScript functions can
// only run on the JavaScript thread: the library must call the callback there,
// inside the fast_workbook_* calls (before 0.2 it called it from its worker and
// this program hung). run.sh runs it under a time limit and reads the result
// back with openpyxl.
//
//   node test.js OUT.xlsx ROWS
'use strict';
const koffi = require('koffi');
const fs = require('fs');

const [out, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg || 200000);
const lib = koffi.load(process.env.FASTXLSX_LIBRARY);

// Prototypes as the header spells them (koffi's parser wants "unsigned int").
const WriteFn = koffi.proto('int fast_write_fn(const void *buf, size_t len, void *user)');
const api = {
  version: lib.func('const char *fast_version_string(void)'),
  newCallback: lib.func('void *fast_workbook_new_callback(fast_write_fn *write, void *user)'),
  setThreads: lib.func('int fast_workbook_set_threads(void *wb, unsigned int threads)'),
  setBuffer: lib.func('int fast_workbook_set_max_buffer_size(void *wb, size_t bytes)'),
  addWorksheet: lib.func('int fast_workbook_add_worksheet(void *wb, const char *name, size_t len)'),
  writeRowTyped: lib.func('int fast_workbook_write_row_typed(void *wb, const uint8_t *types, const double *numbers, ' +
                          'const int64_t *integers, const char **texts, const size_t *lengths, ' +
                          'const void **formats, size_t n)'),
  writeRow: lib.func('int fast_workbook_write_row(void *wb, void *cells, size_t n)'),
  cellsNew: lib.func('void *fast_cells_new(size_t count)'),
  cellsFree: lib.func('void fast_cells_free(void *cells)'),
  setStringCopy: lib.func('int fast_cells_set_string_copy(void *cells, size_t index, const char *text, size_t len)'),
  setInteger: lib.func('int fast_cells_set_integer(void *cells, size_t index, int64_t value)'),
  close: lib.func('int fast_workbook_close(void *wb)'),
  free: lib.func('void fast_workbook_free(void *wb)'),
  message: lib.func('const char *fast_workbook_error_message(void *wb)'),
};

function check(wb, st, what) {
  if (st !== 0) {
    throw new Error(`${what}: status ${st}: ${api.message(wb)}`);
  }
}

// The callback: copy the library's bytes into a growing Buffer.
let buf = Buffer.alloc(1 << 20);
let used = 0;
let calls = 0;
let callsBeforeClose = 0;
let closing = false;
const write = koffi.register((ptr, len) => {
  const chunk = Buffer.from(koffi.view(ptr, Number(len)));
  if (used + chunk.length > buf.length) {
    const bigger = Buffer.alloc(Math.max(buf.length * 2, used + chunk.length));
    buf.copy(bigger, 0, 0, used);
    buf = bigger;
  }
  chunk.copy(buf, used);
  used += chunk.length;
  calls++;
  if (!closing) callsBeforeClose++;
  return Number(len);
}, koffi.pointer(WriteFn));

const wb = api.newCallback(write, null);
check(wb, api.setThreads(wb, 2), 'fast_workbook_set_threads');
check(wb, api.setBuffer(wb, 65536), 'fast_workbook_set_max_buffer_size');
check(wb, api.addWorksheet(wb, 'Node', 4), 'fast_workbook_add_worksheet');

// One typed call per row: string, number, integer, boolean, date (days since 1970).
const N = 5;
const types = Uint8Array.from([1, 2, 3, 4, 5]);
const numbers = new Float64Array(N);
const integers = new BigInt64Array(N);
const lengths = new BigUint64Array(N);
const texts = new Array(N).fill(null);
const header = ['name', 'amount', 'count', 'even', 'day'];
check(wb, api.writeRowTyped(wb, new Uint8Array(N).fill(1), null, null, header,
                            BigUint64Array.from(header.map(h => BigInt(Buffer.byteLength(h)))), null, N), 'header');
for (let r = 0; r < ROWS; r++) {
  const name = `row ${r} ✓`; // a temporary JavaScript string: not retained by the library
  texts[0] = name;
  lengths[0] = BigInt(Buffer.byteLength(name));
  numbers[1] = r / 4;
  integers[2] = BigInt(r * 3);
  integers[3] = BigInt(r % 2 === 0 ? 1 : 0);
  integers[4] = BigInt(19000 + (r % 1000));
  check(wb, api.writeRowTyped(wb, types, numbers, integers, texts, lengths, null, N), `row ${r}`);
}

// Copied text on a second sheet: the strings are temporaries koffi frees after each call.
check(wb, api.addWorksheet(wb, 'Copied', 6), 'second sheet');
const cells = api.cellsNew(2);
for (let r = 0; r < 1000; r++) {
  const s = `copied ${r}`;
  check(wb, api.setStringCopy(cells, 0, s, Buffer.byteLength(s)), 'fast_cells_set_string_copy');
  check(wb, api.setInteger(cells, 1, BigInt(r)), 'fast_cells_set_integer');
  check(wb, api.writeRow(wb, cells, 2), 'fast_workbook_write_row');
}
api.cellsFree(cells);

closing = true;
check(wb, api.close(wb), 'fast_workbook_close');
api.free(wb);
koffi.unregister(write);
if (callsBeforeClose === 0) {
  throw new Error('the callback was not called before close: output is held back');
}
fs.writeFileSync(out, buf.subarray(0, used));
console.log(`node: fastxlsx ${api.version()}, ${ROWS} rows with threads on, ${used} bytes in ${calls} ` +
            `callback calls (${callsBeforeClose} before close)`);
