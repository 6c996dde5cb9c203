// PoiImages - Apache POI (XSSFWorkbook) reads the images of a workbook written by
// tests/e2e/write_images.c and writes them as a JSON list in the form of its
// expectation file, for tests/readers/images.py compare.
//
//   java PoiImages FILE.xlsx OUT.json
//
// For each sheet: the pictures POI finds in its drawing (XSSFDrawing.getShapes():
// XSSFPicture, with getPictureData().suggestFileExtension() as the type), and for
// each one-cell anchor of the drawing (CTOneCellAnchor): the from cell and offsets,
// the extent, the alt text (cNvPr descr) and the link (hlinkClick's relationship).
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.xssf.usermodel.*;
import org.openxmlformats.schemas.drawingml.x2006.main.CTHyperlink;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.*;

public class PoiImages {
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

    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new FileInputStream(args[0]))) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                XSSFDrawing d = sheet.getDrawingPatriarch();
                if (d == null)
                    continue;
                List<String> types = new ArrayList<>();
                for (XSSFShape shape : d.getShapes())
                    if (shape instanceof XSSFPicture)
                        types.add(((XSSFPicture) shape).getPictureData().suggestFileExtension());
                CTOneCellAnchor[] anchors = d.getCTDrawing().getOneCellAnchorArray();
                if (anchors.length != types.size())
                    throw new IllegalStateException(sheet.getSheetName() + ": " + types.size() + " pictures, "
                                                    + anchors.length + " one-cell anchors");
                for (int i = 0; i < anchors.length; i++) {
                    CTOneCellAnchor a = anchors[i];
                    CTPicture pic = a.getPic();
                    String descr = pic.getNvPicPr().getCNvPr().isSetDescr() ? pic.getNvPicPr().getCNvPr().getDescr() : null;
                    String url = null;
                    CTHyperlink h = pic.getNvPicPr().getCNvPr().getHlinkClick();
                    if (h != null) {
                        PackageRelationship r = d.getPackagePart().getRelationship(h.getId());
                        url = r.getTargetURI().toString();
                    }
                    StringBuilder b = new StringBuilder("{");
                    b.append("\"sheet\": ").append(q(sheet.getSheetName()));
                    b.append(", \"row\": ").append(a.getFrom().getRow());
                    b.append(", \"col\": ").append(a.getFrom().getCol());
                    b.append(", \"x_off\": ").append(a.getFrom().getColOff());
                    b.append(", \"y_off\": ").append(a.getFrom().getRowOff());
                    b.append(", \"cx\": ").append(a.getExt().getCx());
                    b.append(", \"cy\": ").append(a.getExt().getCy());
                    b.append(", \"type\": ").append(q(types.get(i)));
                    b.append(", \"descr\": ").append(q(descr));
                    b.append(", \"url\": ").append(q(url)).append("}");
                    out.add(b.toString());
                }
            }
        }
        try (Writer w = new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8)) {
            w.write("[\n" + String.join(",\n", out) + "\n]\n");
        }
    }
}
