// PoiDump - Apache POI's two XLSX readers dump workbooks for tests/readers/compare.py.
//
//   java PoiDump usermodel|event|tables OUTDIR FILE.xlsx...   writes OUTDIR/<file name>.json per workbook
//
// usermodel: XSSFWorkbook (the DOM reader): values, types, merges, hyperlinks, freeze pane and
// autofilter. event: XSSFReader + XSSFSheetXMLHandler (the SAX reader for large files), which
// reports each cell's reference and formatted text; numbers and dates are taken from the
// DataFormatter call it makes (the raw double, or POI's date conversion when POI's
// DateUtil says the format is a date format), and the cell's t attribute tells booleans
// and texts apart. tables: XSSFSheet.getTables(), dumped for tests/readers/tables.py (names,
// ranges, column names, totals functions, labels and formulas, the totals row's cached values).
// A reader failure is written as {"error": ...} and the dump goes on.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.*;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.*;
import org.xml.sax.helpers.DefaultHandler;

public class PoiDump {
    static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    static String iso(double serial) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
        f.setTimeZone(UTC);
        return f.format(DateUtil.getJavaDate(serial, false, UTC, false));
    }

    static String q(String s) {
        if (s == null)
            return "null";
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\')
                b.append('\\').append(c);
            else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF && !validSurrogate(s, i)))
                b.append(String.format("\\u%04x", (int) c));
            else
                b.append(c);
        }
        return b.append('"').toString();
    }

    static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c))
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static String num(double d) {
        return Double.isFinite(d) ? Double.toString(d) : q(Double.toString(d));
    }

    // ---- XSSFWorkbook ---------------------------------------------------------------------

    static String cellJson(Cell c) {
        CellType t = c.getCellType();
        if (t == CellType.FORMULA)
            t = c.getCachedFormulaResultType();
        switch (t) {
        case STRING:
            return "[\"s\", " + q(c.getStringCellValue()) + "]";
        case NUMERIC:
            if (DateUtil.isCellDateFormatted(c))
                return "[\"d\", " + q(iso(c.getNumericCellValue())) + "]";
            return "[\"n\", " + num(c.getNumericCellValue()) + "]";
        case BOOLEAN:
            return "[\"b\", " + c.getBooleanCellValue() + "]";
        case ERROR:
            return "[\"e\", " + q(FormulaError.forInt(c.getErrorCellValue()).getString()) + "]";
        default:
            return null;
        }
    }

    static void usermodel(File f, PrintWriter out) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(f, PackageAccess.READ); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            out.print("{\"sheets\": [");
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                XSSFSheet sh = wb.getSheetAt(i);
                out.print((i > 0 ? ", " : "") + "{\"name\": " + q(sh.getSheetName()) + ", \"cells\": {");
                String sep = "";
                for (Row r : sh)
                    for (Cell c : r) {
                        String v = cellJson(c);
                        if (v != null) {
                            out.print(sep + q(new CellReference(c).formatAsString()) + ": " + v);
                            sep = ", ";
                        }
                    }
                out.print("}, \"merges\": [");
                sep = "";
                for (CellRangeAddress m : sh.getMergedRegions()) {
                    out.print(sep + q(m.formatAsString()));
                    sep = ", ";
                }
                out.print("], \"links\": {");
                sep = "";
                for (XSSFHyperlink h : sh.getHyperlinkList()) {
                    out.print(sep + q(h.getCellRef()) + ": " + q(h.getAddress()));
                    sep = ", ";
                }
                out.print("}, \"freeze\": ");
                PaneInformation p = sh.getPaneInformation();
                if (p != null && p.isFreezePane())
                    out.print(q(new CellReference(p.getHorizontalSplitPosition(), p.getVerticalSplitPosition(), false, false)
                                    .formatAsString()));
                else
                    out.print("null");
                out.print(", \"filter\": ");
                out.print(sh.getCTWorksheet().isSetAutoFilter() ? q(sh.getCTWorksheet().getAutoFilter().getRef())
                                                                : "null");
                out.print("}");
            }
            out.print("]}");
        }
    }

    // ---- XSSFReader + XSSFSheetXMLHandler -------------------------------------------------

    // Numbers come through here: tag them so the raw value, not a rounded text, is dumped.
    static class RawFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value))
                return "\u0001d" + iso(value);
            return "\u0001n" + num(value);
        }
    }

    // Passes every SAX event on to POI's handler, noting the t attribute of each <c>.
    static class TypeNoter extends DefaultHandler {
        final ContentHandler next;
        String type;
        TypeNoter(ContentHandler next) { this.next = next; }
        @Override public void startElement(String u, String l, String qn, Attributes a) throws SAXException {
            if ("c".equals(l))
                type = a.getValue("t");
            next.startElement(u, l, qn, a);
        }
        @Override public void endElement(String u, String l, String qn) throws SAXException { next.endElement(u, l, qn); }
        @Override public void characters(char[] ch, int s, int n) throws SAXException { next.characters(ch, s, n); }
        @Override public void startDocument() throws SAXException { next.startDocument(); }
        @Override public void endDocument() throws SAXException { next.endDocument(); }
    }

    static void event(File f, PrintWriter out) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(f, PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable sst = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            SAXParserFactory spf = SAXParserFactory.newInstance();
            spf.setNamespaceAware(true);
            out.print("{\"sheets\": [");
            String sheetSep = "";
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    StringBuilder cells = new StringBuilder();
                    TypeNoter[] noter = new TypeNoter[1];
                    int[] unplaced = {0};
                    XSSFSheetXMLHandler.SheetContentsHandler h = new XSSFSheetXMLHandler.SheetContentsHandler() {
                        public void startRow(int r) {}
                        public void endRow(int r) {}
                        public void headerFooter(String text, boolean isHeader, String tag) {}
                        public void cell(String ref, String v, XSSFComment comment) {
                            String t = noter[0].type;
                            String j;
                            if (v != null && v.startsWith("\u0001d"))
                                j = "[\"d\", " + q(v.substring(2)) + "]";
                            else if (v != null && v.startsWith("\u0001n"))
                                j = "[\"n\", " + v.substring(2) + "]";
                            else if ("b".equals(t))
                                j = "[\"b\", " + ("TRUE".equals(v) ? "true" : "FALSE".equals(v) ? "false" : q(v)) + "]";
                            else if ("e".equals(t))
                                j = "[\"e\", " + q(v) + "]";
                            else if (t == null || "n".equals(t))
                                j = "[\"n\", " + q(v) + "]"; // a number POI did not format
                            else
                                j = "[\"s\", " + q(v) + "]";
                            // A cell without an r attribute gets no reference from this API.
                            cells.append(cells.length() > 0 ? ", " : "")
                                .append(q(ref != null ? ref : "(no reference " + ++unplaced[0] + ")"))
                                .append(": ").append(j);
                        }
                    };
                    noter[0] = new TypeNoter(new XSSFSheetXMLHandler(styles, null, sst, h, new RawFormatter(), false));
                    XMLReader xr = spf.newSAXParser().getXMLReader();
                    xr.setContentHandler(noter[0]);
                    xr.parse(new InputSource(in));
                    out.print(sheetSep + "{\"name\": " + q(it.getSheetName()) + ", \"cells\": {" + cells + "}}");
                    sheetSep = ", ";
                }
            }
            out.print("]}");
        }
    }

    // The tables of every sheet as tests/readers/tables.py reads them.
    static void tables(File f, PrintWriter out) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(f, PackageAccess.READ); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            out.print("{\"tables\": [");
            String sep = "";
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                XSSFSheet sh = wb.getSheetAt(s);
                for (org.apache.poi.xssf.usermodel.XSSFTable t : sh.getTables()) {
                    org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTable ct = t.getCTTable();
                    out.print(sep + "{\"sheet\": " + q(sh.getSheetName()) + ", \"name\": " + q(t.getName()));
                    sep = ", ";
                    out.print(", \"ref\": " + q(t.getArea().formatAsString()));
                    out.print(", \"filter\": " + (ct.isSetAutoFilter() ? q(ct.getAutoFilter().getRef()) : "null"));
                    // The style's name as stored (getStyle() builds Excel's built-in styles, which needs
                    // schema classes the compiled subset does not have).
                    out.print(", \"style\": " + (ct.isSetTableStyleInfo() && ct.getTableStyleInfo().isSetName()
                                                   ? q(ct.getTableStyleInfo().getName()) : "null"));
                    StringBuilder cols = new StringBuilder(), fns = new StringBuilder(), labels = new StringBuilder(),
                        formulas = new StringBuilder(), totals = new StringBuilder();
                    for (org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTableColumn c :
                         ct.getTableColumns().getTableColumnArray()) {
                        String n = c.getName();
                        cols.append(cols.length() > 0 ? ", " : "").append(q(n));
                        fns.append(fns.length() > 0 ? ", " : "")
                            .append(c.isSetTotalsRowFunction() ? q(c.getTotalsRowFunction().toString()) : "null");
                        if (c.isSetTotalsRowLabel())
                            labels.append(labels.length() > 0 ? ", " : "").append(q(n) + ": " + q(c.getTotalsRowLabel()));
                        if (c.isSetCalculatedColumnFormula())
                            formulas.append(formulas.length() > 0 ? ", " : "")
                                .append(q(n) + ": " + q(c.getCalculatedColumnFormula().getStringValue()));
                        if (c.isSetTotalsRowFormula())
                            totals.append(totals.length() > 0 ? ", " : "")
                                .append(q(n) + ": " + q(c.getTotalsRowFormula().getStringValue()));
                    }
                    out.print(", \"columns\": [" + cols + "], \"functions\": [" + fns + "], \"labels\": {" + labels
                              + "}, \"formulas\": {" + formulas + "}, \"totals_formula\": {" + totals + "}");
                    StringBuilder vals = new StringBuilder();
                    if (t.getTotalsRowCount() > 0) {
                        int r = t.getEndRowIndex();
                        Row row = sh.getRow(r);
                        for (int col = t.getStartColIndex(); row != null && col <= t.getEndColIndex(); col++) {
                            Cell cell = row.getCell(col);
                            if (cell == null)
                                continue;
                            CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                                                                                   : cell.getCellType();
                            String ref = new CellReference(r, col).formatAsString();
                            if (type == CellType.NUMERIC)
                                vals.append(vals.length() > 0 ? ", " : "").append(q(ref) + ": " + num(cell.getNumericCellValue()));
                            else if (type == CellType.STRING)
                                vals.append(vals.length() > 0 ? ", " : "").append(q(ref) + ": " + q(cell.getStringCellValue()));
                        }
                    }
                    out.print(", \"totals\": {" + vals + "}}");
                }
            }
            out.print("]}");
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        for (int i = 2; i < args.length; i++) {
            File f = new File(args[i]);
            String base = f.getName().replaceAll("\\.xlsx$", "");
            StringWriter buf = new StringWriter();
            try (PrintWriter w = new PrintWriter(buf)) {
                if (mode.equals("usermodel"))
                    usermodel(f, w);
                else if (mode.equals("tables"))
                    tables(f, w);
                else
                    event(f, w);
            } catch (Throwable e) {
                StringWriter st = new StringWriter();
                e.printStackTrace(new PrintWriter(st));
                String[] lines = st.toString().split("\n");
                buf = new StringWriter();
                buf.write("{\"error\": " + q(String.join("\n", Arrays.copyOf(lines, Math.min(4, lines.length)))) + "}");
            }
            try (Writer w = new OutputStreamWriter(new FileOutputStream(new File(args[1], base + ".json")),
                                                   StandardCharsets.UTF_8)) {
                w.write(buf.toString());
            }
        }
    }
}
