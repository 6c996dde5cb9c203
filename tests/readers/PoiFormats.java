// PoiFormats - Apache POI (XSSFWorkbook) reads the cell formats of sheet "Formats" and
// the rich text runs of sheet "Rich" (tests/readers/write_formats.c) and writes them in
// the form of tests/readers/formats.expect.json, for tests/readers/formats_compare.py.
//
//   java PoiFormats FILE.xlsx OUT.json
//
// XSSFCellStyle and XSSFFont for the font, fill pattern, border styles and colours,
// alignment, protection and quote prefix; POI 4.0.1 has no accessor for the diagonal
// border, the fill's pattern name and a colour's theme or tint, so those come from the
// stylesheet records POI parsed (XSSFCellBorder, XSSFCellFill, XSSFColor.getCTColor()), as
// do the font family and scheme (XSSFFont.getFamily() expects another form of the schema
// classes than the ECMA-376 ones tests/readers/poi-schemas.sh compiles).
// Rich text: XSSFRichTextString's runs (numFormattingRuns, getIndexOfFormattingRun,
// getLengthOfFormattingRun) and each run's properties as POI parsed them (getCTRst()).
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.*;
import org.apache.poi.xssf.usermodel.extensions.XSSFCellBorder;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.*;

public class PoiFormats {
    static String q(String s) {
        if (s == null)
            return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\')
                b.append('\\').append(c);
            else if (c < 0x20)
                b.append(String.format("\\u%04x", (int) c));
            else
                b.append(c);
        }
        return b.append('"').toString();
    }

    static String tint(double t) {
        String s = Double.toString(t);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String color(CTColor c) {
        if (c == null)
            return null;
        if (c.isSetAuto() && c.getAuto())
            return "auto";
        // before rgb: POI resolves a theme colour and adds its RGB value to the same record
        if (c.isSetTheme())
            return "theme:" + c.getTheme() + (c.isSetTint() && c.getTint() != 0 ? ":" + tint(c.getTint()) : "");
        if (c.isSetRgb()) {
            StringBuilder b = new StringBuilder();
            for (byte x : c.getRgb())
                b.append(String.format("%02X", x));
            return b.toString();
        }
        if (c.isSetIndexed())
            return "indexed:" + c.getIndexed();
        return null;
    }

    static String color(XSSFColor c) {
        return c == null ? null : color(c.getCTColor());
    }

    // SLANTED_DASH_DOT -> slantDashDot, MEDIUM_DASH_DOT -> mediumDashDot
    static String camel(String e) {
        if (e.equals("SLANTED_DASH_DOT"))
            return "slantDashDot";
        StringBuilder b = new StringBuilder();
        for (String w : e.toLowerCase().split("_"))
            b.append(b.length() == 0 ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        return b.toString();
    }

    static String side(BorderStyle s, XSSFColor c) {
        return s == BorderStyle.NONE ? "none" : camel(s.name()) + " " + color(c);
    }

    static final String[] UNDERLINES = {"none", "single", "double"};

    static String underline(byte u) {
        if (u == Font.U_SINGLE_ACCOUNTING) return "singleAccounting";
        if (u == Font.U_DOUBLE_ACCOUNTING) return "doubleAccounting";
        return u >= 0 && u < 3 ? UNDERLINES[u] : "?" + u;
    }

    static final String[] SCRIPTS = {"none", "superscript", "subscript"};

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // The run font keys of formats.expect.json.
    static String font(XSSFFont f) {
        return "\"b\": " + f.getBold() + ", \"i\": " + f.getItalic() + ", \"strike\": " + f.getStrikeout()
            + ", \"u\": " + q(underline(f.getUnderline())) + ", \"vertAlign\": " + q(SCRIPTS[f.getTypeOffset()])
            + ", \"sz\": " + num(f.getFontHeight() / 20.0) + ", \"name\": " + q(f.getFontName())
            + ", \"color\": " + q(color(f.getXSSFColor()));
    }

    static boolean on(CTBooleanProperty[] p) {
        return p.length > 0 && (!p[0].isSetVal() || p[0].getVal());
    }

    // A run's font as POI parsed it into the rich text string's CTRst: XSSFRichTextString's
    // getFontOfFormattingRun() builds an XSSFFont through the family element, whose class
    // differs in the ECMA-376 schema classes (see above).
    static String runFont(CTRPrElt p) {
        String u = p.sizeOfUArray() == 0 ? "none" : p.getUArray(0).isSetVal() ? p.getUArray(0).getVal().toString() : "single";
        return "\"b\": " + on(p.getBArray()) + ", \"i\": " + on(p.getIArray()) + ", \"strike\": " + on(p.getStrikeArray())
            + ", \"u\": " + q(u)
            + ", \"vertAlign\": " + q(p.sizeOfVertAlignArray() == 0 ? "none" : p.getVertAlignArray(0).getVal().toString())
            + ", \"sz\": " + (p.sizeOfSzArray() == 0 ? "null" : num(p.getSzArray(0).getVal()))
            + ", \"name\": " + q(p.sizeOfRFontArray() == 0 ? null : p.getRFontArray(0).getVal())
            + ", \"color\": " + q(p.sizeOfColorArray() == 0 ? null : color(p.getColorArray(0)));
    }

    static String horizontal(HorizontalAlignment h) {
        return h == HorizontalAlignment.CENTER_SELECTION ? "centerContinuous" : camel(h.name());
    }

    // XSSFCellStyle.getRotation() expects another type of textRotation than the ECMA-376
    // schema classes have (poi-schemas.sh): read it from the xf POI parsed.
    static String rotation(XSSFCellStyle s) {
        CTXf xf = s.getCoreXf();
        return xf.isSetAlignment() && xf.getAlignment().isSetTextRotation()
            ? xf.getAlignment().getTextRotation().toString() : "0";
    }

    public static void main(String[] args) throws Exception {
        StringBuilder o = new StringBuilder("{\"formats\": [");
        try (XSSFWorkbook wb = new XSSFWorkbook(new File(args[0]))) {
            StylesTable st = wb.getStylesSource();
            XSSFSheet sh = wb.getSheet("Formats");
            for (int r = 0; r <= sh.getLastRowNum(); r++) {
                XSSFCell c = sh.getRow(r).getCell(0);
                XSSFCellStyle s = c.getCellStyle();
                XSSFFont f = s.getFont();
                CTFont ctf = f.getCTFont();
                CTPatternFill pf = st.getFillAt((int) s.getCoreXf().getFillId()).getCTFill().getPatternFill();
                XSSFCellBorder b = st.getBorderAt((int) s.getCoreXf().getBorderId());
                CTBorder ctb = b.getCTBorder();
                String pattern = pf == null || !pf.isSetPatternType() ? "none" : pf.getPatternType().toString();
                boolean filled = !pattern.equals("none");
                String diag = !ctb.isSetDiagonal() || !ctb.getDiagonal().isSetStyle()
                    || ctb.getDiagonal().getStyle() == STBorderStyle.NONE ? "none"
                    : ctb.getDiagonal().getStyle().toString() + " " + color(ctb.getDiagonal().getColor());
                o.append(r > 0 ? ",\n " : "\n ")
                    .append("{\"label\": ").append(q(c.getStringCellValue()))
                    .append(", \"font.b\": ").append(f.getBold()).append(", \"font.i\": ").append(f.getItalic())
                    .append(", \"font.strike\": ").append(f.getStrikeout())
                    .append(", \"font.u\": ").append(q(underline(f.getUnderline())))
                    .append(", \"font.vertAlign\": ").append(q(SCRIPTS[f.getTypeOffset()]))
                    .append(", \"font.sz\": ").append(num(f.getFontHeight() / 20.0))
                    .append(", \"font.name\": ").append(q(f.getFontName()))
                    .append(", \"font.color\": ").append(q(color(f.getXSSFColor())))
                    .append(", \"font.family\": ").append(ctf.sizeOfFamilyArray() == 0 ? "null" : Integer.toString(ctf.getFamilyArray(0).getVal()))
                    .append(", \"font.scheme\": ").append(q(ctf.sizeOfSchemeArray() == 0 ? null : ctf.getSchemeArray(0).getVal().toString()))
                    .append(", \"fill.pattern\": ").append(q(pattern))
                    .append(", \"fill.fg\": ").append(q(filled && pf.isSetFgColor() ? color(pf.getFgColor()) : null))
                    .append(", \"fill.bg\": ").append(q(filled && pf.isSetBgColor() ? color(pf.getBgColor()) : null))
                    .append(", \"border.left\": ").append(q(side(s.getBorderLeft(), s.getLeftBorderXSSFColor())))
                    .append(", \"border.right\": ").append(q(side(s.getBorderRight(), s.getRightBorderXSSFColor())))
                    .append(", \"border.top\": ").append(q(side(s.getBorderTop(), s.getTopBorderXSSFColor())))
                    .append(", \"border.bottom\": ").append(q(side(s.getBorderBottom(), s.getBottomBorderXSSFColor())))
                    .append(", \"border.diagonal\": ").append(q(diag))
                    .append(", \"border.up\": ").append(ctb.isSetDiagonalUp() && ctb.getDiagonalUp())
                    .append(", \"border.down\": ").append(ctb.isSetDiagonalDown() && ctb.getDiagonalDown())
                    .append(", \"align.h\": ").append(q(horizontal(s.getAlignmentEnum())))
                    .append(", \"align.v\": ").append(q(camel(s.getVerticalAlignmentEnum().name())))
                    .append(", \"align.rotation\": ").append(rotation(s))
                    .append(", \"align.indent\": ").append(s.getIndention())
                    .append(", \"align.shrink\": ").append(s.getShrinkToFit())
                    .append(", \"align.wrap\": ").append(s.getWrapText())
                    .append(", \"locked\": ").append(s.getLocked())
                    .append(", \"hidden\": ").append(s.getHidden())
                    .append(", \"quotePrefix\": ").append(s.getQuotePrefixed()).append("}");
            }
            o.append("],\n\"rich\": [");
            XSSFSheet rich = wb.getSheet("Rich");
            for (int r = 0; rich != null && r <= rich.getLastRowNum(); r++) {
                XSSFRichTextString rs = rich.getRow(r).getCell(0).getRichStringCellValue();
                String text = rs.getString();
                o.append(r > 0 ? ",\n " : "\n ").append("{\"runs\": [");
                int n = rs.numFormattingRuns();
                if (n == 0)
                    o.append("{\"text\": ").append(q(text)).append(", \"font\": null}");
                for (int k = 0; k < n; k++) {
                    int from = rs.getIndexOfFormattingRun(k);
                    int len = rs.getLengthOfFormattingRun(k);
                    CTRElt run = rs.getCTRst().getRArray(k);
                    o.append(k > 0 ? ", " : "").append("{\"text\": ").append(q(text.substring(from, from + len)))
                        .append(", \"font\": ").append(run.isSetRPr() ? "{" + runFont(run.getRPr()) + "}" : "null")
                        .append("}");
                }
                o.append("]}");
            }
            // Sheet protection: whether each action is allowed (POI's is*Locked() are true when it is locked).
            XSSFSheet pro = wb.getSheet("Protected");
            o.append("],\n\"protection\": [{\"label\": \"Protected\", \"sheet\": ").append(pro.getProtect())
                .append(", \"objects\": ").append(!pro.isObjectsLocked())
                .append(", \"scenarios\": ").append(!pro.isScenariosLocked())
                .append(", \"formatCells\": ").append(!pro.isFormatCellsLocked())
                .append(", \"formatColumns\": ").append(!pro.isFormatColumnsLocked())
                .append(", \"formatRows\": ").append(!pro.isFormatRowsLocked())
                .append(", \"insertColumns\": ").append(!pro.isInsertColumnsLocked())
                .append(", \"insertRows\": ").append(!pro.isInsertRowsLocked())
                .append(", \"insertHyperlinks\": ").append(!pro.isInsertHyperlinksLocked())
                .append(", \"deleteColumns\": ").append(!pro.isDeleteColumnsLocked())
                .append(", \"deleteRows\": ").append(!pro.isDeleteRowsLocked())
                .append(", \"selectLockedCells\": ").append(!pro.isSelectLockedCellsLocked())
                .append(", \"sort\": ").append(!pro.isSortLocked())
                .append(", \"autoFilter\": ").append(!pro.isAutoFilterLocked())
                .append(", \"pivotTables\": ").append(!pro.isPivotTablesLocked())
                .append(", \"selectUnlockedCells\": ").append(!pro.isSelectUnlockedCellsLocked()).append("}");
            o.append("]}\n");
        } catch (Throwable e) {
            StackTraceElement[] t = e.getStackTrace();
            o = new StringBuilder("{\"error\": " + q(e.toString() + (t.length > 0 ? " at " + t[0] : "")) + "}\n");
        }
        try (Writer w = new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8)) {
            w.write(o.toString());
        }
    }
}
