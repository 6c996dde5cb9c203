package bench;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * W1 and W2 through Apache POI's SXSSF: the default row window (100 rows in memory,
 * older rows flushed to a temporary file), temporary files not compressed, no shared
 * strings (SXSSF's defaults); numbers through setCellValue(double), booleans and
 * strings through theirs. The temporary files are deleted at the end (close()).
 */
public final class PoiSxssfBench {
    public static void main(String[] args) throws Exception {
        Workload w = new Workload(args);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, SXSSFWorkbook.DEFAULT_WINDOW_SIZE, false, false)) {
            int sheets = 1;
            SXSSFSheet ws = wb.createSheet("Sheet1");
            int row = 0;
            if (w.mixed) {
                Row rw = ws.createRow(row++);
                for (int c = 0; c < Workload.NCOLS; c++)
                    rw.createCell(c).setCellValue("col_" + c);
            }
            for (long r = 1; r <= w.rows; r++) {
                if (row == Workload.SHEET_ROWS) {
                    ws = wb.createSheet("Sheet" + ++sheets);
                    row = 0;
                }
                Row rw = ws.createRow(row++);
                for (int c = 0; c < Workload.NCOLS; c++) {
                    Cell cell = rw.createCell(c);
                    if (!w.mixed) {
                        cell.setCellValue(Workload.stringsValue(r, c));
                        continue;
                    }
                    Object v = Workload.mixedValue(r, c);
                    if (v instanceof String)
                        cell.setCellValue((String) v);
                    else if (v instanceof Boolean)
                        cell.setCellValue((Boolean) v);
                    else
                        cell.setCellValue(((Number) v).doubleValue());
                }
            }
            try (OutputStream os = new BufferedOutputStream(new FileOutputStream(w.out), 1 << 16)) {
                wb.write(os);
            }
        }
    }
}
