// PoiRules - Apache POI (XSSFWorkbook) reads the data validations and conditional formats
// of sheet "Rules" (tests/readers/write_rules.c) and writes them in the form of
// tests/readers/rules.expect.json, for tests/readers/rules_compare.py.
//
//   java PoiRules FILE.xlsx OUT.json
//
// getDataValidations(): range, type, operator, formulas (a literal list as its explicit
// values, joined back as "a,b"), blanks, dropdown, messages, error style;
// getSheetConditionalFormatting(): range, priority, type (the filter type for the rules
// POI files under FILTER), operator, formulas, text, stop-if-true, the dxf's font, fill,
// border and number format, colour scale and data bar colours, icon set. What POI does
// not expose is written as "n/a".
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.*;

public class PoiRules {
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

    static String ranges(CellRangeAddress[] rs) {
        StringBuilder b = new StringBuilder();
        for (CellRangeAddress r : rs)
            b.append(b.length() > 0 ? " " : "").append(r.formatAsString());
        return b.toString();
    }

    static final String[] DV_TYPES = {"none", "whole", "decimal", "list", "date", "time", "textLength", "custom"};
    static final String[] OPERATORS = {"between", "notBetween", "equal", "notEqual", "greaterThan", "lessThan",
                                       "greaterThanOrEqual", "lessThanOrEqual"};
    static final String[] STYLES = {"stop", "warning", "information"};

    static String color(XSSFColor c) {
        return c == null ? null : c.getARGBHex();
    }

    static String dxf(XSSFConditionalFormattingRule r) {
        XSSFFontFormatting f = r.getFontFormatting();
        XSSFPatternFormatting p = r.getPatternFormatting();
        XSSFBorderFormatting b = r.getBorderFormatting();
        ExcelNumberFormat n = r.getNumberFormat();
        return "{\"bold\": " + (f != null && f.isBold()) + ", \"italic\": " + (f != null && f.isItalic())
            + ", \"underline\": " + (f != null && f.getUnderlineType() != Font.U_NONE)
            + ", \"strike\": " + (f != null && f.isStruckout())
            + ", \"fontColor\": " + q(f == null ? null : color(f.getFontColor()))
            + ", \"fill\": " + q(p == null ? null : color(p.getFillBackgroundColorColor()))
            + ", \"border\": " + (b != null && b.getBorderLeft() != BorderStyle.NONE)
            + ", \"numFmt\": " + q(n == null ? null : n.getFormat()) + "}";
    }

    static String type(XSSFConditionalFormattingRule r) {
        ConditionType t = r.getConditionType();
        if (t == ConditionType.CELL_VALUE_IS) return "cellIs";
        if (t == ConditionType.FORMULA) return "expression";
        if (t == ConditionType.COLOR_SCALE) return "colorScale";
        if (t == ConditionType.DATA_BAR) return "dataBar";
        if (t == ConditionType.ICON_SET) return "iconSet";
        ConditionFilterType ft = r.getConditionFilterType();
        if (ft == null) return "?" + t.type;
        switch (ft) {
        case TOP_10: return "top10";
        case ABOVE_AVERAGE: return "aboveAverage";
        case DUPLICATE_VALUES: return "duplicateValues";
        case UNIQUE_VALUES: return "uniqueValues";
        case CONTAINS_TEXT: return "containsText";
        case NOT_CONTAINS_TEXT: return "notContainsText";
        case BEGINS_WITH: return "beginsWith";
        case ENDS_WITH: return "endsWith";
        case CONTAINS_BLANKS: return "containsBlanks";
        case NOT_CONTAINS_BLANKS: return "notContainsBlanks";
        case CONTAINS_ERRORS: return "containsErrors";
        case NOT_CONTAINS_ERRORS: return "notContainsErrors";
        case TIME_PERIOD: return "timePeriod";
        default: return ft.name();
        }
    }

    public static void main(String[] args) throws Exception {
        StringBuilder o = new StringBuilder("{\"validations\": [");
        try (XSSFWorkbook wb = new XSSFWorkbook(new File(args[0]))) {
            XSSFSheet sh = wb.getSheet("Rules");
            List<XSSFDataValidation> dvs = sh.getDataValidations();
            for (int i = 0; i < dvs.size(); i++) {
                XSSFDataValidation v = dvs.get(i);
                DataValidationConstraint c = v.getValidationConstraint();
                int t = c.getValidationType();
                String f1 = c.getFormula1();
                String[] list = c.getExplicitListValues();
                if (f1 == null && list != null)
                    f1 = "\"" + String.join(",", list) + "\"";
                boolean compares = t != DataValidationConstraint.ValidationType.ANY
                    && t != DataValidationConstraint.ValidationType.LIST
                    && t != DataValidationConstraint.ValidationType.FORMULA;
                o.append(i > 0 ? ",\n " : "\n ")
                    .append("{\"sqref\": ").append(q(ranges(v.getRegions().getCellRangeAddresses())))
                    .append(", \"type\": ").append(q(DV_TYPES[t]))
                    .append(", \"operator\": ").append(q(compares ? OPERATORS[c.getOperator()] : null))
                    .append(", \"formula1\": ").append(q(f1))
                    .append(", \"formula2\": ").append(q(c.getFormula2()))
                    .append(", \"allowBlank\": ").append(v.getEmptyCellAllowed())
                    // POI's suppress flag is the negation of the showDropDown attribute, whose value 1
                    // hides the arrow (§18.3.1.32): the dropdown shows when POI reports "suppressed".
                    .append(", \"dropdown\": ").append(v.getSuppressDropDownArrow())
                    .append(", \"showError\": ").append(v.getShowErrorBox())
                    .append(", \"promptTitle\": ").append(q(v.getPromptBoxTitle()))
                    .append(", \"prompt\": ").append(q(v.getPromptBoxText()))
                    .append(", \"errorStyle\": ").append(q(STYLES[v.getErrorStyle()]))
                    .append(", \"errorTitle\": ").append(q(v.getErrorBoxTitle()))
                    .append(", \"error\": ").append(q(v.getErrorBoxText())).append("}");
            }
            o.append("],\n\"condformats\": [");
            XSSFSheetConditionalFormatting scf = sh.getSheetConditionalFormatting();
            List<String> rules = new ArrayList<>();
            List<Integer> prios = new ArrayList<>();
            for (int i = 0; i < scf.getNumConditionalFormattings(); i++) {
                XSSFConditionalFormatting cf = scf.getConditionalFormattingAt(i);
                for (int j = 0; j < cf.getNumberOfRules(); j++) {
                    XSSFConditionalFormattingRule r = cf.getRule(j);
                    String ty = type(r);
                    StringBuilder b = new StringBuilder();
                    b.append("{\"sqref\": ").append(q(ranges(cf.getFormattingRanges())))
                        .append(", \"priority\": ").append(r.getPriority())
                        .append(", \"type\": ").append(q(ty))
                        .append(", \"operator\": ").append(q(ty.equals("cellIs") ? OPERATORS[r.getComparisonOperation() - 1]
                                                            : ty.equals("containsText") || ty.equals("beginsWith") ? "n/a" : null))
                        .append(", \"stopIfTrue\": ").append(r.getStopIfTrue());
                    List<String> fs = new ArrayList<>();
                    if (r.getFormula1() != null) fs.add(q(r.getFormula1()));
                    if (r.getFormula2() != null) fs.add(q(r.getFormula2()));
                    b.append(", \"formulas\": [").append(String.join(", ", fs)).append("]");
                    if (ty.equals("containsText") || ty.equals("beginsWith"))
                        b.append(", \"text\": ").append(q(r.getText()));
                    if (r.getColorScaleFormatting() != null) {
                        List<String> cs = new ArrayList<>();
                        for (Color c : r.getColorScaleFormatting().getColors())
                            cs.add(q(((XSSFColor) c).getARGBHex()));
                        b.append(", \"colors\": [").append(String.join(", ", cs)).append("]");
                    }
                    if (r.getDataBarFormatting() != null)
                        b.append(", \"colors\": [").append(q(((XSSFColor) r.getDataBarFormatting().getColor()).getARGBHex())).append("]");
                    if (r.getMultiStateFormatting() != null)
                        b.append(", \"iconSet\": ").append(q(r.getMultiStateFormatting().getIconSet().name));
                    boolean graphic = ty.equals("colorScale") || ty.equals("dataBar") || ty.equals("iconSet");
                    b.append(", \"dxf\": ").append(graphic ? "null" : dxf(r)).append("}");
                    rules.add(b.toString());
                    prios.add(r.getPriority());
                }
            }
            Integer[] order = new Integer[rules.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingInt(prios::get));
            for (int i = 0; i < order.length; i++)
                o.append(i > 0 ? ",\n " : "\n ").append(rules.get(order[i]));
            o.append("]}\n");
        } catch (Throwable e) {
            o = new StringBuilder("{\"error\": " + q(e.toString()) + "}\n");
        }
        try (Writer w = new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8)) {
            w.write(o.toString());
        }
    }
}
