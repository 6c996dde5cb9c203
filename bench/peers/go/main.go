// Command excelize_bench writes W1 and W2 of bench/bench_write.c through excelize's
// StreamWriter (github.com/xuri/excelize/v2).
//
//	excelize_bench mixed|strings ROWS OUT.xlsx
//
// Values and cell types as bench_write writes them (bench/README.md, Workloads):
// integers as int64, fractions as float64, the boolean as bool, text as string; no
// styles. One SetRow per row, Flush per sheet, SaveAs at the end.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

const (
	ncols     = 19
	sheetRows = 1048576
)

var status = []string{"open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "excelize_bench:", err)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 4 || (os.Args[1] != "mixed" && os.Args[1] != "strings") {
		fmt.Fprintln(os.Stderr, "usage: excelize_bench mixed|strings ROWS OUT.xlsx")
		os.Exit(2)
	}
	mixed := os.Args[1] == "mixed"
	rows, err := strconv.ParseInt(os.Args[2], 10, 64)
	if err != nil || rows < 0 {
		fmt.Fprintln(os.Stderr, "excelize_bench: bad ROWS")
		os.Exit(2)
	}
	f := excelize.NewFile()
	sheets := 1
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		fail(err)
	}
	row := 0 // rows written to the current sheet
	vals := make([]interface{}, ncols)
	put := func() {
		cell, err := excelize.CoordinatesToCellName(1, row+1)
		if err != nil {
			fail(err)
		}
		if err := sw.SetRow(cell, vals); err != nil {
			fail(err)
		}
		row++
	}
	if mixed {
		for c := 0; c < ncols; c++ {
			vals[c] = "col_" + strconv.Itoa(c)
		}
		put()
	}
	for r := int64(1); r <= rows; r++ {
		if row == sheetRows {
			if err := sw.Flush(); err != nil {
				fail(err)
			}
			sheets++
			name := "Sheet" + strconv.Itoa(sheets)
			if _, err := f.NewSheet(name); err != nil {
				fail(err)
			}
			if sw, err = f.NewStreamWriter(name); err != nil {
				fail(err)
			}
			row = 0
		}
		if mixed {
			vals[0] = r
			frac := float64(r%100000) * 0.01
			for c := 1; c <= 4; c++ {
				vals[c] = frac + float64(c)
			}
			for c := 5; c <= 8; c++ {
				vals[c] = (r*31 + int64(c)) % 1000000
			}
			for c := 9; c <= 12; c++ {
				vals[c] = status[(r+int64(c))%8]
			}
			rs := strconv.FormatInt(r, 10)
			for c := 13; c <= 15; c++ {
				vals[c] = "customer_" + rs + "_" + strconv.Itoa(c)
			}
			vals[16] = r%2 == 1
			vals[17] = "note <" + strconv.FormatInt(r%1000, 10) + "> & \"q\""
			vals[18] = 45000 + r%3650
		} else {
			for c := 0; c < ncols; c++ {
				vals[c] = strconv.FormatInt(r*7+int64(c), 10) + "." + strconv.Itoa(c)
			}
		}
		put()
	}
	if err := sw.Flush(); err != nil {
		fail(err)
	}
	if err := f.SaveAs(os.Args[3]); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}
