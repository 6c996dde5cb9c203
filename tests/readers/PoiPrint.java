// PoiPrint - Apache POI (XSSFWorkbook) reads the page setup, print area and titles and
// ignored errors of every sheet of a workbook and writes them in the form of
// tests/readers/print.expect.json, for tests/readers/print_compare.py.
//
//   java PoiPrint FILE.xlsx OUT.json
//
// getPrintSetup() (a scale of 100 and paper 1, POI's values when none is written, as
// null), getMargin(), the printOptions getters, the odd/even/first header and footer
// text, getRowBreaks()/getColumnBreaks(), XSSFWorkbook.getPrintArea(),
// getRepeatingRows()/getRepeatingColumns(), getIgnoredErrors(), and how the sheet shows:
// isSheetHidden/isSheetVeryHidden, getTabColor(), isDisplayGridlines(), the sheet view's
// zoomScale, isRightToLeft(), getDefaultRowHeightInPoints(), isSelected() (tabSelected) and
// getActiveSheetIndex(); protection: getProtect(),
// validateSheetPassword("password"), is*Locked(), isStructureLocked(), validateWorkbookPassword("secret").
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.*;

public class PoiPrint {
    static String q(String s) {
        if (s == null)
            return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\')
                b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e)
                b.append(String.format("\\u%04x", (int) c));
            else
                b.append(c);
        }
        return b.append('"').toString();
    }

    // The whole text of a header or footer, as the file holds it (null: none).
    static String hf(Object h) {
        String t = ((org.apache.poi.xssf.usermodel.extensions.XSSFHeaderFooter) h).getText();
        return t == null ? "" : t;
    }

    static String ints(int[] v, int add) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++)
            b.append(i > 0 ? ", " : "").append(v[i] + add);
        return b.append(']').toString();
    }

    static String span(CellRangeAddress r, boolean rows) {
        if (r == null)
            return "null";
        return rows ? "[" + r.getFirstRow() + ", " + r.getLastRow() + "]"
                    : "[" + r.getFirstColumn() + ", " + r.getLastColumn() + "]";
    }

    public static void main(String[] args) throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook(new FileInputStream(args[0]));
        StringBuilder o = new StringBuilder("{\n");
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            XSSFSheet sh = wb.getSheetAt(i);
            XSSFPrintSetup ps = sh.getPrintSetup();
            o.append(i > 0 ? ",\n" : "").append(' ').append(q(sh.getSheetName())).append(": {");
            o.append("\"landscape\": ").append(ps.getLandscape());
            o.append(", \"paper\": ").append(ps.getPaperSize() == 1 ? "null" : String.valueOf(ps.getPaperSize()));
            o.append(", \"scale\": ").append(ps.getScale() == 100 ? "null" : String.valueOf(ps.getScale()));
            o.append(", \"fitToPage\": ").append(sh.getFitToPage());
            o.append(", \"fitWidth\": ").append(ps.getFitWidth());
            o.append(", \"fitHeight\": ").append(ps.getFitHeight());
            o.append(", \"margins\": [");
            short[] m = {Sheet.LeftMargin, Sheet.RightMargin, Sheet.TopMargin, Sheet.BottomMargin, Sheet.HeaderMargin,
                         Sheet.FooterMargin};
            for (int k = 0; k < 6; k++)
                o.append(k > 0 ? ", " : "").append(sh.getMargin(m[k]));
            o.append("]");
            o.append(", \"firstPage\": ").append(ps.getUsePage() ? String.valueOf(ps.getPageStart()) : "null");
            o.append(", \"blackAndWhite\": ").append(ps.getNoColor());
            o.append(", \"draft\": ").append(ps.getDraft());
            o.append(", \"overThenDown\": ").append(ps.getLeftToRight());
            o.append(", \"hCenter\": ").append(sh.getHorizontallyCenter());
            o.append(", \"vCenter\": ").append(sh.getVerticallyCenter());
            o.append(", \"gridlines\": ").append(sh.isPrintGridlines());
            o.append(", \"headings\": ").append(sh.isPrintRowAndColumnHeadings());
            o.append(", \"oddHeader\": ").append(q(hf(sh.getOddHeader())));
            o.append(", \"oddFooter\": ").append(q(hf(sh.getOddFooter())));
            o.append(", \"evenHeader\": ").append(q(hf(sh.getEvenHeader())));
            o.append(", \"evenFooter\": ").append(q(hf(sh.getEvenFooter())));
            o.append(", \"firstHeader\": ").append(q(hf(sh.getFirstHeader())));
            o.append(", \"firstFooter\": ").append(q(hf(sh.getFirstFooter())));
            // POI gives the row (column) above (left of) each break: the brk id less one.
            o.append(", \"rowBreaks\": ").append(ints(sh.getRowBreaks(), 1));
            o.append(", \"colBreaks\": ").append(ints(sh.getColumnBreaks(), 1));
            String area = wb.getPrintArea(i);
            o.append(", \"printArea\": ").append(q(area == null ? null : area.substring(area.indexOf('!') + 1)));
            o.append(", \"titleRows\": ").append(span(sh.getRepeatingRows(), true));
            o.append(", \"titleCols\": ").append(span(sh.getRepeatingColumns(), false));
            o.append(", \"state\": ").append(q(wb.isSheetVeryHidden(i) ? "veryHidden" : wb.isSheetHidden(i) ? "hidden"
                                                                                                  : "visible"));
            XSSFColor tab = sh.getTabColor();
            o.append(", \"tabColor\": ").append(q(tab == null ? null : tab.getARGBHex()));
            o.append(", \"gridlinesShown\": ").append(sh.isDisplayGridlines());
            org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSheetViews views = sh.getCTWorksheet().getSheetViews();
            org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSheetView view =
                views == null || views.sizeOfSheetViewArray() == 0 ? null : views.getSheetViewArray(0);
            o.append(", \"zoom\": ").append(view != null && view.isSetZoomScale() ? view.getZoomScale() : 100);
            o.append(", \"rightToLeft\": ").append(sh.isRightToLeft());
            o.append(", \"defaultRowHeight\": ").append(sh.getDefaultRowHeightInPoints());
            o.append(", \"tabSelected\": ").append(sh.isSelected());
            o.append(", \"active\": ").append(wb.getActiveSheetIndex() == i);
            o.append(", \"protected\": ").append(sh.getProtect());
            o.append(", \"password\": ").append(q(sh.getProtect() && sh.validateSheetPassword("password") ? "password" : null));
            o.append(", \"sortLocked\": ").append(sh.isSortLocked());
            o.append(", \"autoFilterLocked\": ").append(sh.isAutoFilterLocked());
            o.append(", \"formatCellsLocked\": ").append(sh.isFormatCellsLocked());
            o.append(", \"structureLocked\": ").append(wb.isStructureLocked());
            o.append(", \"structurePassword\": ").append(q(wb.validateWorkbookPassword("secret") ? "secret" : null));
            // Defined names other than the _xlnm ones, "name=formula" sorted: of this sheet, and of the workbook.
            List<String> mine = new ArrayList<>(), global = new ArrayList<>();
            for (int k = 0; k < wb.getNumberOfNames(); k++) {
                org.apache.poi.ss.usermodel.Name nm = wb.getNameAt(k);
                if (nm.getNameName().startsWith("_xlnm."))
                    continue;
                String e = q(nm.getNameName() + "=" + nm.getRefersToFormula());
                if (nm.getSheetIndex() == i)
                    mine.add(e);
                else if (nm.getSheetIndex() < 0)
                    global.add(e);
            }
            Collections.sort(mine);
            Collections.sort(global);
            o.append(", \"names\": ").append(mine.toString());
            o.append(", \"workbookNames\": ").append(global.toString());
            // getName() finds a workbook-scope name case-insensitively.
            org.apache.poi.ss.usermodel.Name rate = wb.getName("RATE");
            o.append(", \"rateByGetName\": ").append(q(rate == null ? null : rate.getRefersToFormula()));
            // Outlines: rows 1..12 and columns A..J with a level, hidden or collapsed; the summaries; the levels.
            List<String> orows = new ArrayList<>();
            for (int r = 0; r < 12; r++) {
                XSSFRow row = sh.getRow(r);
                if (row == null)
                    continue;
                boolean collapsed = row.getCTRow().isSetCollapsed() && row.getCTRow().getCollapsed();
                if (row.getOutlineLevel() > 0 || row.getZeroHeight() || collapsed)
                    orows.add("[" + (r + 1) + ", " + row.getOutlineLevel() + ", " + row.getZeroHeight() + ", " + collapsed + "]");
            }
            o.append(", \"outlineRows\": ").append(orows.toString());
            List<String> ocols = new ArrayList<>();
            for (int c = 0; c < 10; c++)
                if (sh.getColumnOutlineLevel(c) > 0 || sh.isColumnHidden(c))
                    ocols.add("[" + c + ", " + sh.getColumnOutlineLevel(c) + ", " + sh.isColumnHidden(c) + "]");
            o.append(", \"outlineCols\": ").append(ocols.toString());
            o.append(", \"summaryBelow\": ").append(sh.getRowSumsBelow());
            o.append(", \"summaryRight\": ").append(sh.getRowSumsRight());
            org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSheetFormatPr sfp = sh.getCTWorksheet().getSheetFormatPr();
            o.append(", \"outlineLevels\": [").append(sfp != null ? sfp.getOutlineLevelRow() : 0).append(", ")
                .append(sfp != null ? sfp.getOutlineLevelCol() : 0).append("]");
            o.append(", \"ignored\": {");
            int n = 0;
            for (Map.Entry<IgnoredErrorType, Set<CellRangeAddress>> e : sh.getIgnoredErrors().entrySet()) {
                List<String> refs = new ArrayList<>();
                for (CellRangeAddress r : e.getValue())
                    refs.add(q(r.formatAsString()));
                Collections.sort(refs);
                String name = e.getKey().name(); // NUMBER_STORED_AS_TEXT -> numberStoredAsText
                StringBuilder camel = new StringBuilder();
                boolean up = false;
                for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
                    if (c == '_')
                        up = true;
                    else {
                        camel.append(up ? Character.toUpperCase(c) : c);
                        up = false;
                    }
                }
                String attr = camel.toString().equals("evaluationError") ? "evalError" : camel.toString(); // the schema's name
                o.append(n++ > 0 ? ", " : "").append(q(attr)).append(": ").append(refs.toString());
            }
            o.append("}}");
        }
        o.append("\n}\n");
        try (Writer w = new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8)) {
            w.write(o.toString());
        }
    }
}
