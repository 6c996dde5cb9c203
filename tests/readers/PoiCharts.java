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
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.poi.xddf.usermodel.chart.*;
import org.apache.poi.xssf.usermodel.*;

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
