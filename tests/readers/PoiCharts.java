// PoiCharts - Apache POI (XSSFWorkbook, XDDF) reads the charts of a workbook written by
// tests/e2e/write_charts.c and writes them as a JSON list in the form of its
// expectation file, for tests/readers/charts.py compare.
//
//   java PoiCharts FILE.xlsx OUT.json
//
// For each sheet's drawing, XSSFDrawing.getCharts(): the title (getTitleText), the
// type (the XDDFChartData class, bar direction and grouping), and per series its
// name, the references of its categories and values (getDataRangeReference) and the
// values POI reads from the cache (getPointAt), null where a point is absent. POI 4.0.1
// has no XDDF class for area and doughnut charts: it reads no series for them.
// Axes: XDDF's getAxes() with each axis' id, kind, minimum and maximum (isSetMinimum,
// getMinimum, getMaximum); POI 4.0.1 has no getter for an axis' gridlines or title, so
// those come from the same axis' c:catAx/c:valAx bean (isSetMajorGridlines, the title's
// rich text runs).
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.poi.xddf.usermodel.chart.*;
import org.apache.poi.xssf.usermodel.*;
import org.openxmlformats.schemas.drawingml.x2006.chart.*;
import org.openxmlformats.schemas.drawingml.x2006.main.*;

public class PoiCharts {
    static String q(String s) {
        if (s == null)
            return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\')
                b.append('\\').append(c);
            else
                b.append(c);
        }
        return b.append('"').toString();
    }

    static String kind(XDDFChartData d) {
        if (d instanceof XDDFBarChartData) {
            XDDFBarChartData b = (XDDFBarChartData) d;
            String g = b.getBarGrouping().name(); // CLUSTERED, STACKED, PERCENT_STACKED
            String base = b.getBarDirection() == BarDirection.COL ? "column" : "bar";
            return g.equals("CLUSTERED") ? base : g.equals("STACKED") ? base + "_stacked" : base + "_percent";
        }
        if (d instanceof XDDFLineChartData)
            return "line";
        if (d instanceof XDDFPieChartData)
            return "pie";
        if (d instanceof XDDFScatterChartData)
            return "scatter";
        return d.getClass().getSimpleName();
    }

    static String points(XDDFDataSource<?> s) {
        StringBuilder b = new StringBuilder("[");
        int n = s.getPointCount();
        for (int i = 0; i < n; i++) {
            Object v;
            try {
                v = s.getPointAt(i); // POI 4.0.1 takes the i-th point given, not idx i
            } catch (IndexOutOfBoundsException e) {
                v = null;            // an empty cache
            }
            b.append(i > 0 ? ", " : "");
            if (v == null)
                b.append("null");
            else if (v instanceof Number)
                b.append(((Number) v).doubleValue());
            else
                b.append(q(v.toString()));
        }
        return b.append("]").toString();
    }

    static String titleText(CTTitle t) {
        if (t == null || !t.isSetTx() || !t.getTx().isSetRich())
            return null;
        StringBuilder b = new StringBuilder();
        for (CTTextParagraph p : t.getTx().getRich().getPArray())
            for (CTRegularTextRun r : p.getRArray())
                b.append(r.getT());
        return b.toString();
    }

    static String axes(XSSFChart ch) {
        CTPlotArea pa = ch.getCTChart().getPlotArea();
        Map<Long, String> extra = new HashMap<>(); // id -> "grid": ..., "title": ...
        for (CTCatAx a : pa.getCatAxArray())
            extra.put(a.getAxId().getVal(), "\"grid\": " + a.isSetMajorGridlines() + ", \"title\": "
                      + q(a.isSetTitle() ? titleText(a.getTitle()) : null));
        for (CTValAx a : pa.getValAxArray())
            extra.put(a.getAxId().getVal(), "\"grid\": " + a.isSetMajorGridlines() + ", \"title\": "
                      + q(a.isSetTitle() ? titleText(a.getTitle()) : null));
        StringBuilder b = new StringBuilder("[");
        List<? extends XDDFChartAxis> all = ch.getAxes();
        for (int i = 0; i < all.size(); i++) {
            XDDFChartAxis a = all.get(i);
            b.append(i > 0 ? ", " : "").append("{\"id\": ").append(a.getId());
            b.append(", \"kind\": ").append(q(a instanceof XDDFCategoryAxis ? "cat" : a instanceof XDDFValueAxis ? "val" : "other"));
            b.append(", \"min\": ").append(a.isSetMinimum() ? Double.toString(a.getMinimum()) : "null");
            b.append(", \"max\": ").append(a.isSetMaximum() ? Double.toString(a.getMaximum()) : "null");
            b.append(", ").append(extra.get(a.getId())).append("}");
        }
        return b.append("]").toString();
    }

    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new FileInputStream(args[0]))) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                XSSFDrawing d = sheet.getDrawingPatriarch();
                if (d == null)
                    continue;
                for (XSSFChart ch : d.getCharts()) {
                    StringBuilder b = new StringBuilder("{\"sheet\": ").append(q(sheet.getSheetName()));
                    String title = ch.getTitleText() == null ? null : ch.getTitleText().getString();
                    b.append(", \"title\": ").append(q(title));
                    List<XDDFChartData> data = ch.getChartSeries();
                    b.append(", \"type\": ").append(q(data.isEmpty() ? "none" : kind(data.get(0))));
                    b.append(", \"axes\": ").append(axes(ch));
                    b.append(", \"series\": [");
                    for (XDDFChartData cd : data) {
                        List<XDDFChartData.Series> all = cd.getSeries();
                        for (int i = 0; i < all.size(); i++) {
                            XDDFChartData.Series se = all.get(i);
                            b.append(i > 0 ? ", " : "").append("{");
                            b.append("\"cat\": ").append(q(se.getCategoryData() == null ? null : se.getCategoryData().getDataRangeReference()));
                            b.append(", \"val\": ").append(q(se.getValuesData().getDataRangeReference()));
                            b.append(", \"values\": ").append(points(se.getValuesData()));
                            b.append(", \"categories\": ").append(se.getCategoryData() == null ? "null" : points(se.getCategoryData()));
                            b.append("}");
                        }
                    }
                    b.append("]}");
                    out.add(b.toString());
                }
            }
        }
        try (Writer w = new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8)) {
            w.write("[\n" + String.join(",\n", out) + "\n]\n");
        }
    }
}
