// notes_exceljs.js - ExcelJS reads the notes of a workbook written by tests/e2e/write_notes
// (tests/readers/notes.sh): one line per note, sorted, "sheet!cell|text" (ExcelJS keeps a
// note's text runs, not its author).
//
//   node notes_exceljs.js FILE.xlsx
const ExcelJS = require('exceljs');

(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(process.argv[2]);
    const lines = [];
    wb.eachSheet((ws) => {
        ws.eachRow({includeEmpty: true}, (row) => {
            row.eachCell({includeEmpty: true}, (cell) => {
                if (!cell.note)
                    return;
                const n = cell.note;
                const text = typeof n === 'string' ? n : n.texts.map((t) => t.text).join('');
                lines.push(`${ws.name}!${cell.address}|${text.replace(/\n/g, '\\n')}`);
            });
        });
    });
    lines.sort();
    console.log(lines.join('\n'));
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
