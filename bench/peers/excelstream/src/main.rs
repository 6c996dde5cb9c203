//! W1 and W2 of bench/bench_write.c through excelstream's streaming writer.
//!
//!     excelstream_bench mixed|strings ROWS OUT.xlsx
//!
//! excelstream::ExcelWriter (its streaming workbook: rows go to the ZIP as they are
//! written), default settings (compression level 6, the level its documentation
//! recommends; flush interval and buffer size at their defaults), one
//! write_row_typed() per row: integers as CellValue::Int, fractions as
//! CellValue::Float, the boolean as CellValue::Bool, text as CellValue::String.
use excelstream::{CellValue, ExcelWriter};

const NCOLS: u64 = 19;
const SHEET_ROWS: u64 = 1_048_576;
const STATUS: [&str; 8] = ["open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rows: Option<u64> = args.get(2).and_then(|s| s.parse().ok());
    if args.len() != 4 || !(args[1] == "mixed" || args[1] == "strings") || rows.is_none() {
        eprintln!("usage: excelstream_bench mixed|strings ROWS OUT.xlsx");
        std::process::exit(2);
    }
    let mixed = args[1] == "mixed";
    let rows = rows.unwrap();
    let mut wb = ExcelWriter::new(&args[3])?;
    let mut sheets = 1;
    let mut in_sheet: u64 = 0;
    let mut v: Vec<CellValue> = Vec::with_capacity(NCOLS as usize);
    if mixed {
        v.extend((0..NCOLS).map(|c| CellValue::String(format!("col_{c}"))));
        wb.write_row_typed(&v)?;
        in_sheet += 1;
    }
    for r in 1..=rows {
        if in_sheet == SHEET_ROWS {
            sheets += 1;
            wb.add_sheet(&format!("Sheet{sheets}"))?;
            in_sheet = 0;
        }
        v.clear();
        if mixed {
            v.push(CellValue::Int(r as i64));
            let frac = (r % 100000) as f64 * 0.01;
            for c in 1..=4u64 {
                v.push(CellValue::Float(frac + c as f64));
            }
            for c in 5..=8u64 {
                v.push(CellValue::Int(((r * 31 + c) % 1_000_000) as i64));
            }
            for c in 9..=12u64 {
                v.push(CellValue::String(STATUS[((r + c) % 8) as usize].to_string()));
            }
            for c in 13..=15u64 {
                v.push(CellValue::String(format!("customer_{r}_{c}")));
            }
            v.push(CellValue::Bool(r % 2 == 1));
            v.push(CellValue::String(format!("note <{}> & \"q\"", r % 1000)));
            v.push(CellValue::Int((45000 + r % 3650) as i64));
        } else {
            for c in 0..NCOLS {
                v.push(CellValue::String(format!("{}.{}", r * 7 + c, c)));
            }
        }
        wb.write_row_typed(&v)?;
        in_sheet += 1;
    }
    wb.save()?;
    Ok(())
}
