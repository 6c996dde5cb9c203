// PoiNotes - Apache POI (XSSFWorkbook) reads the notes of a workbook written by
// tests/e2e/write_notes (tests/readers/notes.sh): for every sheet, every cell comment
// with its cell, author, text and visibility (which POI takes from the VML drawing),
// one line each, sorted: "sheet!cell|author|text|visible".
//
//   java PoiNotes FILE.xlsx
import java.io.*;
import java.util.*;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.xssf.usermodel.*;

public class PoiNotes {
    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new FileInputStream(args[0]))) {
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                XSSFSheet sh = wb.getSheetAt(i);
                for (Map.Entry<CellAddress, XSSFComment> e : sh.getCellComments().entrySet()) {
                    XSSFComment c = e.getValue();
                    lines.add(sh.getSheetName() + "!" + e.getKey().formatAsString() + "|" + c.getAuthor() + "|"
                              + c.getString().getString().replace("\n", "\\n") + "|" + c.isVisible());
                }
            }
        }
        Collections.sort(lines);
        for (String l : lines)
            System.out.println(l);
    }
}
