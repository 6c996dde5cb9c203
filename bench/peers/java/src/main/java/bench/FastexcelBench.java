package bench;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * W1 and W2 through fastexcel (org.dhatim): value(row, col, ...) with a Long, Double,
 * Boolean or String, and Worksheet.flush() every 1,000 rows so that rows are written out
 * as they come (its streaming use), default compression.
 */
public final class FastexcelBench {
    public static void main(String[] args) throws Exception {
        Workload w = new Workload(args);
        try (OutputStream os = new BufferedOutputStream(new FileOutputStream(w.out), 1 << 16)) {
            Workbook wb = new Workbook(os, "bench", "1.0");
            int sheets = 1;
            Worksheet ws = wb.newWorksheet("Sheet1");
            int row = 0;
            if (w.mixed) {
                for (int c = 0; c < Workload.NCOLS; c++)
                    ws.value(row, c, "col_" + c);
                row++;
            }
            for (long r = 1; r <= w.rows; r++) {
                if (row == Workload.SHEET_ROWS) {
                    ws.finish();
                    ws = wb.newWorksheet("Sheet" + ++sheets);
                    row = 0;
                }
                if (w.mixed) {
                    for (int c = 0; c < Workload.NCOLS; c++) {
                        Object v = Workload.mixedValue(r, c);
                        if (v instanceof String)
                            ws.value(row, c, (String) v);
                        else if (v instanceof Boolean)
                            ws.value(row, c, (Boolean) v);
                        else
                            ws.value(row, c, (Number) v);
                    }
                } else {
                    for (int c = 0; c < Workload.NCOLS; c++)
                        ws.value(row, c, Workload.stringsValue(r, c));
                }
                row++;
                if (row % 1000 == 0)
                    ws.flush();
            }
            ws.finish();
            wb.finish();
        }
    }
}
