// images_exceljs.js - ExcelJS (the document reader, Workbook.xlsx.readFile) reads the
// images of a workbook written by tests/e2e/write_images.c and writes them as a JSON
// list in the form of its expectation file, for tests/readers/images.py compare.
//
//   node images_exceljs.js FILE.xlsx OUT.json
//
// worksheet.getImages(): each image's top-left cell (range.tl: nativeRow, nativeCol,
// nativeRowOff, nativeColOff in EMU) and, for a one-cell anchor, its extent (range.ext,
// in pixels: EMU / 9525); workbook.getImage(imageId).extension for the type;
// range.hyperlinks for the link. ExcelJS does not read the alt text: "n/a".
"use strict";
const fs = require("fs");
const ExcelJS = require("exceljs");

(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[2]);
  const out = [];
  wb.eachSheet((ws) => {
    for (const img of ws.getImages()) {
      const tl = img.range.tl;
      const ext = img.range.ext || {};
      const media = wb.getImage(Number(img.imageId));
      const link = img.range.hyperlinks && img.range.hyperlinks.hyperlink;
      out.push({
        sheet: ws.name,
        row: tl.nativeRow,
        col: tl.nativeCol,
        x_off: tl.nativeColOff,
        y_off: tl.nativeRowOff,
        cx: ext.width === undefined ? null : Math.round(ext.width * 9525),
        cy: ext.height === undefined ? null : Math.round(ext.height * 9525),
        type: media ? media.extension : null,
        descr: "n/a",
        url: link === undefined ? null : link,
      });
    }
  });
  fs.writeFileSync(process.argv[3], JSON.stringify(out, null, 1) + "\n");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
