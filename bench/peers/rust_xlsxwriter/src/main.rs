//! W1 and W2 of bench/bench_write.c through rust_xlsxwriter in constant_memory mode.
//!
//!     rust_xlsxwriter_bench mixed|strings ROWS OUT.xlsx
//!
//! Values and cell types as bench_write writes them (bench/README.md, Workloads):
//! numbers through write_number (f64), the boolean through write_boolean, text
//! through write_string; no formats.
use rust_xlsxwriter::{Workbook, XlsxError};

const NCOLS: u16 = 19;
const SHEET_ROWS: u32 = 1_048_576;
const STATUS: [&str; 8] = ["open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"];

fn main() -> Result<(), XlsxError> {
    let args: Vec<String> = std::env::args().collect();
    let rows: Option<u64> = args.get(2).and_then(|s| s.parse().ok());
    if args.len() != 4 || !(args[1] == "mixed" || args[1] == "strings") || rows.is_none() {
        eprintln!("usage: rust_xlsxwriter_bench mixed|strings ROWS OUT.xlsx");
        std::process::exit(2);
    }
    let mixed = args[1] == "mixed";
    let rows = rows.unwrap();
    let mut wb = Workbook::new();
    let mut ws = wb.add_worksheet_with_constant_memory()?;
    let mut row: u32 = 0;
    if mixed {
        for c in 0..NCOLS {
            ws.write_string(row, c, format!("col_{c}"))?;
        }
        row += 1;
    }
    let mut s = String::with_capacity(64);
    for r in 1..=rows {
        if row == SHEET_ROWS {
            ws = wb.add_worksheet_with_constant_memory()?;
            row = 0;
        }
        if mixed {
            ws.write_number(row, 0, r as f64)?;
            let frac = (r % 100000) as f64 * 0.01;
            for c in 1..=4u16 {
                ws.write_number(row, c, frac + c as f64)?;
            }
            for c in 5..=8u16 {
                ws.write_number(row, c, ((r * 31 + c as u64) % 1_000_000) as f64)?;
            }
            for c in 9..=12u16 {
                ws.write_string(row, c, STATUS[((r + c as u64) % 8) as usize])?;
            }
            for c in 13..=15u16 {
                s.clear();
                use std::fmt::Write;
                write!(s, "customer_{r}_{c}").unwrap();
                ws.write_string(row, c, &s)?;
            }
            ws.write_boolean(row, 16, r % 2 == 1)?;
            s.clear();
            {
                use std::fmt::Write;
                write!(s, "note <{}> & \"q\"", r % 1000).unwrap();
            }
            ws.write_string(row, 17, &s)?;
            ws.write_number(row, 18, (45000 + r % 3650) as f64)?;
        } else {
            for c in 0..NCOLS {
                s.clear();
                use std::fmt::Write;
                write!(s, "{}.{}", r * 7 + c as u64, c).unwrap();
                ws.write_string(row, c, &s)?;
            }
        }
        row += 1;
    }
    wb.save(&args[3])?;
    Ok(())
}
