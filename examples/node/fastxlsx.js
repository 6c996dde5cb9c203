// fastxlsx for Node.js: a streaming XLSX writer, through koffi (no compile step).
//
//   const fastxlsx = require('./fastxlsx');   // examples/node, after `npm ci` there
//   const wb = new fastxlsx.Workbook('sales.xlsx', { threads: 2 });
//   try {
//     const ws = wb.addWorksheet('Sales');
//     const bold = wb.addFormat({ bold: true });
//     ws.setColumnFormat(2, 2, wb.addFormat({ numFormat: '#,##0.00' }));
//     ws.freezePanes(1, 0);
//     ws.writeRow(['day', 'item', 'amount', 'paid'], [bold, bold, bold, bold]);
//     ws.writeRows([[new Date(Date.UTC(2024, 4, 1)), 'apples', 12.5, true],
//                   [new Date(Date.UTC(2024, 4, 2, 9, 30)), 'pears', null, false]]);
//     wb.close();                               // the file appears complete, atomically
//   } finally {
//     wb.discard();                             // after close: nothing; before: the output is abandoned
//   }
//
// The library is found through the environment variable FASTXLSX_LIBRARY, then
// libfastxlsx.so.0 next to this file, then the loader's search (after `make install`).
//
// Why rows go in one call each, with their text copied: koffi converts a JavaScript
// string argument into a temporary C string that it frees when the call returns.
// fast_cells_set_string() keeps the pointer it is given until the row is written,
// so declaring it as the header does and passing a JavaScript string leaves the
// cell pointing at freed memory: the row then takes whatever text was put there
// next, another row's, silently. This module never hands the library a pointer it
// keeps: each row's text is encoded into one Buffer this module owns, and the row
// is written by fast_workbook_write_row_packed(), which uses its arguments only
// during the call (nothing is retained). The same holds for every other call here
// (names, formats, URLs are copied by the library).
//
// Values of writeRow(): string; number (a double, as Excel holds every number; NaN
// is refused unless the workbook was made with { nan: 'blank' }, infinities always);
// bigint (exact 64-bit integer in the file; Excel rounds integers beyond 2^53 when it
// reads them, so pass a string to keep every digit); boolean; null or undefined
// (blank); Date, written as its UTC date and time to the millisecond (Excel has no
// time zones: to write local time, build the Date with Date.UTC from the local
// fields). Errors throw FastxlsxError with .status (the library's fast_status) and
// .message, which names this module's calls (writeRow(), addWorksheet()), not C
// functions. A failed row changes nothing: the workbook stays usable.
'use strict';

const koffi = require('koffi');
const fs = require('fs');
const path = require('path');
const util = require('util');

const FAST_OK = 0;
const FAST_ERROR_NOMEM = -1;
const FAST_ERROR_INVALID_ARGUMENT = -2;
const FAST_ERROR_STATE = -3;
const FAST_ERROR_CLOSED = -4;
const FAST_ERROR_IO = -5;
const FAST_ERROR_CALLBACK = -6;
const FAST_ERROR_NONFINITE_NUMBER = -14;
const FAST_LAST_ROW = 0xFFFFFFFF;

// Cell types of fast_workbook_write_row_packed() (enum fast_type).
const BLANK = 0, STRING = 1, NUMBER = 2, INTEGER = 3, BOOLEAN = 4, DATETIME = 6;

class FastxlsxError extends Error {
  constructor(status, message) {
    super(`${message} (status ${status})`);
    this.name = 'FastxlsxError';
    this.status = status;
    this.message = message;
  }
}

function loadLibrary() {
  const tried = [];
  const candidates = process.env.FASTXLSX_LIBRARY ? [process.env.FASTXLSX_LIBRARY]
    : [path.join(__dirname, 'libfastxlsx.so.0'), 'libfastxlsx.so.0'];
  for (const name of candidates) {
    if (name.includes('/') && !fs.existsSync(name)) {
      tried.push(`${name}: no such file`);
      continue;
    }
    try {
      const lib = koffi.load(name);
      lib.func('int fast_workbook_write_row_packed(void *, const uint8_t *, const double *, const int64_t *, ' +
               'const uint8_t *, size_t, void **, size_t)'); // 0.2 or later
      return lib;
    } catch (e) {
      tried.push(`${name}: ${e.message}`);
    }
  }
  throw new Error('cannot load libfastxlsx (set FASTXLSX_LIBRARY to its path): ' + tried.join('; '));
}

const lib = loadLibrary();
// Prototypes as the header spells them (koffi's parser wants "unsigned int").
// Handles are opaque: void *. Every const char * argument below is copied by the
// library or used only during the call, so koffi's temporary is safe for them.
const WriteFn = koffi.proto('int fast_write_fn(const void *buf, size_t len, void *user)');
const c = {
  version: lib.func('const char *fast_version_string(void)'),
  strerror: lib.func('const char *fast_strerror(int status)'),
  newPath: lib.func('void *fast_workbook_new(const char *path)'),
  newFd: lib.func('void *fast_workbook_new_fd(int fd)'),
  newCallback: lib.func('void *fast_workbook_new_callback(fast_write_fn *write, void *user)'),
  close: lib.func('int fast_workbook_close(void *wb)'),
  free: lib.func('void fast_workbook_free(void *wb)'),
  status: lib.func('int fast_workbook_status(void *wb)'),
  message: lib.func('const char *fast_workbook_error_message(void *wb)'),
  addWorksheet: lib.func('int fast_workbook_add_worksheet(void *wb, const char *name, size_t len)'),
  writeRowPacked: lib.func('int fast_workbook_write_row_packed(void *wb, const uint8_t *types, ' +
                           'const double *numbers, const int64_t *integers, const uint8_t *text, ' +
                           'size_t text_len, void **formats, size_t n)'),
  addFormat: lib.func('void *fast_workbook_add_format(void *wb)'),
  setThreads: lib.func('int fast_workbook_set_threads(void *wb, unsigned int threads)'),
  setLevel: lib.func('int fast_workbook_set_compression_level(void *wb, int level)'),
  setBuffer: lib.func('int fast_workbook_set_max_buffer_size(void *wb, size_t bytes)'),
  setSst: lib.func('int fast_workbook_set_shared_strings_limit(void *wb, size_t strings, size_t bytes)'),
  setRowsPerSheet: lib.func('int fast_workbook_set_rows_per_sheet(void *wb, uint32_t rows)'),
  setRefs: lib.func('int fast_workbook_set_cell_references(void *wb, int all)'),
  setProperty: lib.func('int fast_workbook_set_property(void *wb, int which, const char *text, size_t len)'),
  setColumnWidth: lib.func('int fast_workbook_set_column_width(void *wb, uint32_t first, uint32_t last, double w)'),
  setColumnFormat: lib.func('int fast_workbook_set_column_format(void *wb, uint32_t first, uint32_t last, void *f)'),
  freezePanes: lib.func('int fast_workbook_freeze_panes(void *wb, uint32_t rows, uint32_t cols)'),
  autofilter: lib.func('int fast_workbook_set_autofilter(void *wb, uint32_t r1, uint32_t c1, uint32_t r2, ' +
                       'uint32_t c2)'),
  headerRows: lib.func('int fast_workbook_set_header_rows(void *wb, uint32_t rows)'),
  autofitRows: lib.func('int fast_workbook_set_autofit_rows(void *wb, uint32_t rows)'),
  mergeRange: lib.func('int fast_workbook_merge_range(void *wb, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2)'),
  hyperlink: lib.func('int fast_workbook_add_hyperlink(void *wb, uint32_t row, uint32_t col, const char *url, ' +
                      'size_t len)'),
  internalLink: lib.func('int fast_workbook_add_internal_link(void *wb, uint32_t row, uint32_t col, ' +
                         'const char *sheet, size_t sheet_len, const char *target, size_t target_len)'),
  fmtInt: {},
  fmtColor: {
    fontColor: lib.func('int fast_format_set_font_color(void *f, uint32_t rgb)'),
    fillColor: lib.func('int fast_format_set_fill_color(void *f, uint32_t rgb)'),
  },
  fmtFontSize: lib.func('int fast_format_set_font_size(void *f, double points)'),
  fmtText: {
    fontName: lib.func('int fast_format_set_font_name(void *f, const char *name, size_t len)'),
    numFormat: lib.func('int fast_format_set_num_format(void *f, const char *code, size_t len)'),
  },
};
for (const name of ['bold', 'italic', 'underline', 'wrap', 'border', 'align', 'valign']) {
  c.fmtInt[name] = lib.func(`int fast_format_set_${name}(void *f, int value)`);
}
const ALIGN = { general: 0, left: 1, center: 2, right: 3, fill: 4, justify: 5 };
const VALIGN = { bottom: 0, top: 1, center: 2, justify: 3 };
const PROPERTIES = { title: 0, subject: 1, author: 2, company: 3 };

// The library's messages name its C functions; a JavaScript caller reads its own calls.
const JS_CALLS = {
  fast_workbook_new: 'new Workbook()', fast_workbook_new_fd: 'new Workbook()',
  fast_workbook_new_callback: 'new Workbook()', fast_workbook_add_worksheet: 'addWorksheet()',
  fast_workbook_write_row_packed: 'writeRow()', fast_workbook_write_row_typed: 'writeRow()',
  fast_workbook_write_row: 'writeRow()', fast_workbook_add_format: 'addFormat()',
  fast_workbook_set_threads: 'new Workbook(..., { threads })',
  fast_workbook_set_compression_level: 'new Workbook(..., { compressionLevel })',
  fast_workbook_set_max_buffer_size: 'new Workbook(..., { bufferSize })',
  fast_workbook_set_shared_strings_limit: 'new Workbook(..., { sharedStrings })',
  fast_workbook_set_rows_per_sheet: 'new Workbook(..., { rowsPerSheet })',
  fast_workbook_set_cell_references: 'new Workbook(..., { cellReferences })',
  fast_workbook_set_property: 'setProperty()', fast_workbook_set_column_width: 'setColumnWidth()',
  fast_workbook_set_column_format: 'setColumnFormat()', fast_workbook_freeze_panes: 'freezePanes()',
  fast_workbook_set_autofilter: 'autofilter()', fast_workbook_set_header_rows: 'setHeaderRows()',
  fast_workbook_set_autofit_rows: 'setAutofitRows()', fast_workbook_merge_range: 'mergeRange()',
  fast_workbook_add_hyperlink: 'addHyperlink()', fast_workbook_add_internal_link: 'addInternalLink()',
  fast_workbook_close: 'close()', fast_workbook_abandon: 'discard()', fast_workbook_free: 'discard()',
};

function camel(snake) {
  return snake.replace(/_([a-z0-9])/g, (m, ch) => ch.toUpperCase());
}

function jsMessage(message) {
  return message.replace(/\bfast_(workbook|format|cells)_([a-z0-9_]+)(\(\))?/g, (m, kind, rest) => {
    const name = m.replace(/\(\)$/, '');
    if (JS_CALLS[name]) return JS_CALLS[name];
    if (kind === 'format' && rest.startsWith('set_')) return `addFormat({ ${camel(rest.slice(4))} })`;
    return camel(rest) + '()';
  });
}

function u32(what, v) {
  if (!Number.isInteger(v) || v < 0 || v > 0xFFFFFFFF) {
    throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `${what}: ${String(v)} is not an integer in 0..4294967295`);
  }
  return v;
}

// Text for a call that copies it: UTF-8 bytes in a Buffer, refusing lone surrogates
// (Buffer.from would write U+FFFD in their place, silently).
function utf8(what, s) {
  if (typeof s !== 'string') throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `${what}: not a string`);
  if (!s.isWellFormed()) {
    throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `${what}: the string has a lone surrogate (not UTF-16)`);
  }
  return Buffer.from(s, 'utf8');
}

function colName(col) {
  let name = '';
  for (col += 1; col > 0; col = Math.floor((col - 1) / 26)) name = String.fromCharCode(65 + ((col - 1) % 26)) + name;
  return name;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

class Format {
  constructor(workbook, ptr) {
    this._book = workbook;
    this._ptr = ptr;
  }

  // Properties: bold, italic, underline, wrap, border (boolean); fontName (string);
  // fontSize (points); fontColor, fillColor (0xRRGGBB); align ('left', 'center',
  // 'right', 'fill', 'justify', 'general'); valign ('top', 'center', 'bottom',
  // 'justify'); numFormat (a code such as '0.00' or 'yyyy-mm-dd').
  set(properties) {
    for (const [key, value] of Object.entries(properties || {})) {
      let st;
      if (c.fmtInt[key]) {
        let v = value;
        if (key === 'align') v = ALIGN[value] ?? value;
        else if (key === 'valign') v = VALIGN[value] ?? value;
        else if (typeof v === 'boolean') v = v ? 1 : 0;
        if (!Number.isInteger(v)) {
          throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `addFormat({ ${key} }): ${String(value)} is not valid`);
        }
        st = c.fmtInt[key](this._ptr, v);
      } else if (c.fmtColor[key]) {
        st = c.fmtColor[key](this._ptr, u32(`addFormat({ ${key} })`, value));
      } else if (key === 'fontSize') {
        st = c.fmtFontSize(this._ptr, Number(value));
      } else if (c.fmtText[key]) {
        const b = utf8(`addFormat({ ${key} })`, value);
        st = c.fmtText[key](this._ptr, b, b.length);
      } else {
        throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `addFormat(): unknown format property '${key}'`);
      }
      if (st !== FAST_OK) {
        throw new FastxlsxError(st, `addFormat({ ${key} }): ${String(value)} is out of range`);
      }
    }
    return this;
  }
}

class Workbook {
  // target: a path (string), an open file descriptor (number), a function called
  // with each Buffer of output, or an object with write(buffer) (its return value
  // is ignored: the Buffer is the caller's to keep). The function or write() runs
  // on this thread, inside this module's calls, also with threads on.
  // options: threads (2 or more: rows rendered and compressed on that many
  // threads, this one included), compressionLevel (0..9), bufferSize (bytes),
  // sharedStrings ([max strings, max bytes]; [0, 0] writes all text inline),
  // cellReferences (true: r on every cell), rowsPerSheet (full sheets go on in
  // "NAME (2)"... repeating the header rows), title, subject, author, company,
  // nan ('error', the default, or 'blank': NaN numbers become blank cells).
  constructor(target, options = {}) {
    this._wb = null;
    this._writer = null;
    this._callbackError = null;
    this._sheet = null;
    this._rows = 0;
    const nan = options.nan ?? 'error';
    if (nan !== 'error' && nan !== 'blank') {
      throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `new Workbook(..., { nan: '${nan}' }): 'error' or 'blank'`);
    }
    this._nanBlank = nan === 'blank';
    let wb;
    if (typeof target === 'string') {
      wb = c.newPath(target);
      if (!wb) {
        throw new FastxlsxError(FAST_ERROR_IO, `new Workbook(): cannot create a workbook at '${target}': ` +
                                `${errnoText(koffi.errno())}`);
      }
    } else if (typeof target === 'number') {
      wb = c.newFd(target);
      if (!wb) throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `new Workbook(): ${target} is not an open descriptor`);
    } else if (typeof target === 'function' || (target && typeof target.write === 'function')) {
      const sink = typeof target === 'function' ? target : (b) => target.write(b);
      this._writer = koffi.register((ptr, len) => {
        try {
          // A copy (Buffer.from(ArrayBuffer) would share the memory): the library reuses its buffer.
          sink(Buffer.from(new Uint8Array(koffi.view(ptr, Number(len)))));
          return Number(len);
        } catch (e) {
          if (!this._callbackError) this._callbackError = e;
          return -1;
        }
      }, koffi.pointer(WriteFn));
      wb = c.newCallback(this._writer, null);
      if (!wb) throw new FastxlsxError(FAST_ERROR_NOMEM, 'new Workbook(): out of memory');
    } else {
      throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT,
                              'new Workbook(): target must be a path, a descriptor, a function or an object with write()');
    }
    this._wb = wb;
    try {
      if (options.threads !== undefined) this._check(c.setThreads(wb, u32('threads', options.threads)));
      if (options.compressionLevel !== undefined) this._check(c.setLevel(wb, options.compressionLevel | 0));
      if (options.bufferSize !== undefined) this._check(c.setBuffer(wb, Number(options.bufferSize)));
      if (options.sharedStrings !== undefined) {
        this._check(c.setSst(wb, Number(options.sharedStrings[0]), Number(options.sharedStrings[1])));
      }
      if (options.cellReferences !== undefined) this._check(c.setRefs(wb, options.cellReferences ? 1 : 0));
      if (options.rowsPerSheet !== undefined) {
        this._check(c.setRowsPerSheet(wb, u32('rowsPerSheet', options.rowsPerSheet)));
      }
      for (const key of Object.keys(PROPERTIES)) {
        if (options[key] !== undefined) this.setProperty(key, options[key]);
      }
    } catch (e) {
      this.discard();
      throw e;
    }
  }

  _handle() {
    if (!this._wb) throw new FastxlsxError(FAST_ERROR_CLOSED, 'the workbook is closed');
    return this._wb;
  }

  _check(st) {
    if (st === FAST_OK) return;
    let message = (this._wb && c.message(this._wb)) || c.strerror(st);
    message = jsMessage(message);
    if (st === FAST_ERROR_NONFINITE_NUMBER && message.endsWith('is NaN')) {
      message += " (write null for a blank cell, or make the workbook with { nan: 'blank' } to write every NaN " +
                 'as a blank cell)';
    }
    const err = new FastxlsxError(st, message);
    if (this._callbackError) {
      err.cause = this._callbackError;
      err.message = message += `: ${this._callbackError.message}`;
      this._callbackError = null;
    }
    throw err;
  }

  // Finish and commit the workbook; throws FastxlsxError if that failed. Frees it either way.
  close() {
    if (!this._wb) return;
    const wb = this._wb;
    try {
      this._check(c.close(wb));
    } finally {
      this._release();
    }
  }

  // Abandon the workbook: nothing is committed (a file keeps its old content). After close(): nothing.
  discard() {
    if (this._wb) this._release();
  }

  _release() {
    c.free(this._wb);
    this._wb = null;
    if (this._writer) {
      koffi.unregister(this._writer);
      this._writer = null;
    }
  }

  addFormat(properties) {
    const ptr = c.addFormat(this._handle());
    if (!ptr) this._check(c.status(this._wb) || FAST_ERROR_NOMEM);
    return new Format(this, ptr).set(properties);
  }

  // Start a worksheet (no name: "Sheet1", "Sheet2", ...); rows go to it from now on.
  addWorksheet(name) {
    const wb = this._handle();
    if (name === undefined || name === null) {
      this._check(c.addWorksheet(wb, null, 0));
    } else {
      const b = utf8('addWorksheet(): the name', name);
      this._check(c.addWorksheet(wb, b, b.length)); // copied by the library
    }
    this._sheet = new Worksheet(this, name ?? null);
    this._rows = 0;
    return this._sheet;
  }

  setProperty(name, value) {
    if (!(name in PROPERTIES)) {
      throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, `setProperty(): unknown document property '${name}'`);
    }
    const b = utf8(`setProperty('${name}')`, value);
    this._check(c.setProperty(this._handle(), PROPERTIES[name], b, b.length));
  }

  // Append one row to the current worksheet; formats: an array of Format or null, one per value.
  writeRow(values, formats) {
    this._writeRow(this._handle(), values, formats);
  }

  writeRows(rows, formats) {
    for (const row of rows) this.writeRow(row, formats);
  }

  _valueError(col, what) {
    const sheet = this._sheet && this._sheet.name ? `sheet '${this._sheet.name}'` : 'current sheet';
    return new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT,
                             `writeRow(): ${sheet}, row ${this._rows + 1}, column ${colName(col)}: ${what}`);
  }

  _writeRow(wb, values, formats) {
    if (!Array.isArray(values)) values = Array.from(values);
    const n = values.length;
    const types = new Uint8Array(n);
    const numbers = new Float64Array(n);
    const integers = new BigInt64Array(n); // integer values, and text lengths in bytes
    const texts = [];
    let textBytes = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      switch (typeof v) {
        case 'string': {
          if (!v.isWellFormed()) throw this._valueError(i, 'the string has a lone surrogate (not UTF-16)');
          const len = Buffer.byteLength(v, 'utf8');
          types[i] = STRING;
          integers[i] = BigInt(len);
          texts.push(v);
          textBytes += len;
          break;
        }
        case 'number':
          if (Number.isNaN(v) && this._nanBlank) break; // blank
          types[i] = NUMBER;
          numbers[i] = v;
          break;
        case 'bigint':
          if (v < INT64_MIN || v > INT64_MAX) throw this._valueError(i, `integer ${v} is outside the 64-bit range`);
          types[i] = INTEGER;
          integers[i] = v;
          break;
        case 'boolean':
          types[i] = BOOLEAN;
          integers[i] = v ? 1n : 0n;
          break;
        case 'undefined':
          break;
        default:
          if (v === null) break;
          if (v instanceof Date) {
            const ms = v.getTime();
            if (Number.isNaN(ms)) throw this._valueError(i, 'the Date is invalid');
            types[i] = DATETIME;
            integers[i] = BigInt(ms); // milliseconds since 1970-01-01 00:00 (UTC fields)
            break;
          }
          throw this._valueError(i, `values of type ${v.constructor ? v.constructor.name : typeof v} are not ` +
                                    'supported (string, number, bigint, boolean, null, Date are)');
      }
    }
    // The row's text, copied into one Buffer that lives through the call: nothing of
    // a JavaScript string is lent to the library.
    let text = null;
    if (textBytes > 0) {
      text = Buffer.allocUnsafe(textBytes);
      let at = 0;
      for (const s of texts) at += text.write(s, at, 'utf8');
    }
    let fmts = null;
    if (formats !== undefined && formats !== null) {
      if (formats.length !== n) {
        throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT,
                                `writeRow(): formats has ${formats.length} entries for a row of ${n} values`);
      }
      fmts = formats.map((f) => this._formatPtr(f));
    }
    const st = c.writeRowPacked(wb, types, numbers, integers, text, textBytes, fmts, n);
    if (st !== FAST_OK) this._check(st);
    this._rows++;
  }

  _formatPtr(f) {
    if (f === null || f === undefined) return null;
    if (!(f instanceof Format) || f._book !== this) {
      throw new FastxlsxError(FAST_ERROR_INVALID_ARGUMENT, 'the format is not a Format of this workbook');
    }
    return f._ptr;
  }
}

class Worksheet {
  constructor(book, name) {
    this._book = book;
    this.name = name;
  }

  _wb() {
    const wb = this._book._handle();
    if (this._book._sheet !== this) {
      throw new FastxlsxError(FAST_ERROR_STATE, `worksheet '${this.name}' is finished: only the last one added ` +
                                                'takes rows and settings');
    }
    return wb;
  }

  writeRow(values, formats) { this._book._writeRow(this._wb(), values, formats); }

  writeRows(rows, formats) {
    for (const row of rows) this.writeRow(row, formats);
  }

  // Width of columns firstCol..lastCol (0-based), in characters; before the first row.
  setColumnWidth(firstCol, lastCol, width) {
    const wb = this._wb();
    this._book._check(c.setColumnWidth(wb, u32('firstCol', firstCol), u32('lastCol', lastCol), Number(width)));
  }

  // Default Format of columns firstCol..lastCol for cells without their own; before the first row.
  setColumnFormat(firstCol, lastCol, format) {
    const wb = this._wb();
    this._book._check(c.setColumnFormat(wb, u32('firstCol', firstCol), u32('lastCol', lastCol),
                                        this._book._formatPtr(format)));
  }

  freezePanes(rows, cols = 0) {
    const wb = this._wb();
    this._book._check(c.freezePanes(wb, u32('rows', rows), u32('cols', cols)));
  }

  // Filter buttons over a range (0-based); lastRow null: the last row written.
  autofilter(firstRow, firstCol, lastRow, lastCol) {
    const wb = this._wb();
    const r2 = lastRow === null || lastRow === undefined ? FAST_LAST_ROW : u32('lastRow', lastRow);
    this._book._check(c.autofilter(wb, u32('firstRow', firstRow), u32('firstCol', firstCol), r2,
                                   u32('lastCol', lastCol)));
  }

  // The first rows repeat at the top of continuation sheets; before the first row.
  setHeaderRows(rows) {
    const wb = this._wb();
    this._book._check(c.headerRows(wb, u32('rows', rows)));
  }

  setAutofitRows(rows) {
    const wb = this._wb();
    this._book._check(c.autofitRows(wb, u32('rows', rows)));
  }

  mergeRange(firstRow, firstCol, lastRow, lastCol) {
    const wb = this._wb();
    this._book._check(c.mergeRange(wb, u32('firstRow', firstRow), u32('firstCol', firstCol), u32('lastRow', lastRow),
                                   u32('lastCol', lastCol)));
  }

  addHyperlink(row, col, url) {
    const wb = this._wb();
    const b = utf8('addHyperlink(): the URL', url);
    this._book._check(c.hyperlink(wb, u32('row', row), u32('col', col), b, b.length));
  }

  // A link to cell or range target ('B7', 'A1:C10') of sheet (null: this one).
  addInternalLink(row, col, sheet, target = 'A1') {
    const wb = this._wb();
    const s = sheet === null || sheet === undefined ? null : utf8('addInternalLink(): the sheet', sheet);
    const t = utf8('addInternalLink(): the target', target);
    this._book._check(c.internalLink(wb, u32('row', row), u32('col', col), s, s ? s.length : 0, t, t.length));
  }
}

function errnoText(e) {
  const texts = { 2: 'No such file or directory', 13: 'Permission denied', 21: 'Is a directory', 30: 'Read-only file system' };
  let name = `errno ${e}`;
  try {
    name = util.getSystemErrorName(-e); // EACCES, ENOENT...
  } catch (ignored) { /* not an errno Node.js knows */ }
  return texts[e] ? `${texts[e]} (${name})` : name;
}

module.exports = {
  Workbook, Worksheet, Format, FastxlsxError, libraryVersion: () => c.version(),
  FAST_OK, FAST_ERROR_NOMEM, FAST_ERROR_INVALID_ARGUMENT, FAST_ERROR_STATE, FAST_ERROR_CLOSED, FAST_ERROR_IO,
  FAST_ERROR_CALLBACK, FAST_ERROR_NONFINITE_NUMBER,
  _jsMessage: jsMessage, // for the tests
};
