#!/usr/bin/python3
"""python_bench.py - W1 from Python: the fastxlsx binding against XlsxWriter and openpyxl.

    python_bench.py [--rows N] [--repeat K] [--out-dir DIR] [--markdown FILE] [--log FILE] [--verify]

W1 is bench_write's mixed workload (bench/bench_write.c): a header row "col_0" ..
"col_18", then per row r = 1..N: A = r; B..E = (r mod 100000) * 0.01 + c;
F..I = (r * 31 + c) mod 1000000; J..M one of 8 status words; N..P
"customer_{r}_{c}"; Q = r odd; R = 'note <{r mod 1000}> & "q"'; S = 45000 + (r mod 3650).

Configurations, each timed from before the workbook is created to after it is
closed (generating the rows included, as bench_write does), wall clock and the
process's CPU time:

  generate        build every row's Python list, write nothing
  fastxlsx        examples/python/fastxlsx.py, one write_row per row, threads off
  fastxlsx_t2     the same with threads=2
  fastxlsx_stub   the binding with the library's row call replaced by a no-op:
                  the binding's own Python work (converting values into the arrays)
  xlsxwriter      python3-xlsxwriter, constant_memory mode, write_row per row
  openpyxl        openpyxl, write_only mode, append per row

The shares: Python = fastxlsx_stub - generate (the binding's conversion work),
library = fastxlsx - fastxlsx_stub (the foreign call and everything the library
does), generate = the rows themselves. --verify reads every output back with
openpyxl and compares the first, a middle and the last row with the generator.
"""

import argparse
import gc
import os
import resource
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "examples", "python"))
os.environ.setdefault("FASTXLSX_LIBRARY", os.path.join(ROOT, os.environ.get("BUILD", "build"), "libfastxlsx.so.0"))

NCOLS = 19
STATUS = ["open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"]
HEADER = ["col_%d" % c for c in range(NCOLS)]


def w1_row(r):
    frac = (r % 100000) * 0.01
    r31 = r * 31
    rs = str(r)
    return [r, frac + 1, frac + 2, frac + 3, frac + 4,
            (r31 + 5) % 1000000, (r31 + 6) % 1000000, (r31 + 7) % 1000000, (r31 + 8) % 1000000,
            STATUS[(r + 9) % 8], STATUS[(r + 10) % 8], STATUS[(r + 11) % 8], STATUS[(r + 12) % 8],
            "customer_" + rs + "_13", "customer_" + rs + "_14", "customer_" + rs + "_15",
            (r & 1) == 1, 'note <%d> & "q"' % (r % 1000), 45000 + r % 3650]


def run_generate(path, rows):
    for r in range(1, rows + 1):
        w1_row(r)


def run_fastxlsx(path, rows, threads=0):
    import fastxlsx
    with fastxlsx.Workbook(path, threads=threads) as wb:
        ws = wb.add_worksheet("W1")
        ws.write_row(HEADER)
        write = ws.write_row
        for r in range(1, rows + 1):
            write(w1_row(r))


def run_fastxlsx_stub(path, rows):
    import fastxlsx
    real = fastxlsx._write_row_packed
    fastxlsx._write_row_packed = lambda *args: 0
    try:
        wb = fastxlsx.Workbook(path)
        ws = wb.add_worksheet("W1")
        ws.write_row(HEADER)
        write = ws.write_row
        for r in range(1, rows + 1):
            write(w1_row(r))
        wb.discard()
    finally:
        fastxlsx._write_row_packed = real


def run_xlsxwriter(path, rows):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("W1")
    ws.write_row(0, 0, HEADER)
    write = ws.write_row
    for r in range(1, rows + 1):
        write(r, 0, w1_row(r))
    wb.close()


def run_openpyxl(path, rows):
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("W1")
    ws.append(HEADER)
    append = ws.append
    for r in range(1, rows + 1):
        append(w1_row(r))
    wb.save(path)


CONFIGS = [
    ("generate", run_generate, "the rows only"),
    ("fastxlsx", run_fastxlsx, "fastxlsx binding"),
    ("fastxlsx_t2", lambda p, n: run_fastxlsx(p, n, threads=2), "fastxlsx binding, threads=2"),
    ("fastxlsx_stub", run_fastxlsx_stub, "fastxlsx binding, library call stubbed"),
    ("xlsxwriter", run_xlsxwriter, "XlsxWriter constant_memory"),
    ("openpyxl", run_openpyxl, "openpyxl write_only"),
]


def cpu_s():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def measure(fn, path, rows):
    gc.collect()
    c0, t0 = cpu_s(), time.perf_counter()
    fn(path, rows)
    t1, c1 = time.perf_counter(), cpu_s()
    size = os.path.getsize(path) if os.path.exists(path) else 0
    return t1 - t0, c1 - c0, size


def verify(path, rows):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    got = [tuple(r) for r in wb["W1"].iter_rows(values_only=True)]
    wb.close()
    assert len(got) == rows + 1, (path, len(got))
    assert got[0] == tuple(HEADER), got[0]
    for r in sorted({1, (rows + 1) // 2, rows}):
        if r >= 1:
            assert got[r] == tuple(w1_row(r)), (path, r, got[r], w1_row(r))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration (the median is reported)")
    ap.add_argument("--out-dir", default=None, help="where the workbooks go (removed after each run)")
    ap.add_argument("--markdown", default=None, help="write a Markdown section here")
    ap.add_argument("--log", default=None, help="append one key=value line per run here")
    ap.add_argument("--verify", action="store_true", help="read every output back with openpyxl")
    ap.add_argument("--only", default=None, help="comma-separated configurations to run")
    a = ap.parse_args()

    import fastxlsx
    import openpyxl
    import xlsxwriter
    versions = "fastxlsx %s (%s), XlsxWriter %s, openpyxl %s, Python %s" % (
        fastxlsx.library_version(), os.path.realpath(fastxlsx._lib._name), xlsxwriter.__version__,
        openpyxl.__version__, sys.version.split()[0])
    out_dir = a.out_dir or tempfile.mkdtemp(prefix="fastxlsx-pybench-", dir="/tmp")
    os.makedirs(out_dir, exist_ok=True)
    only = set(a.only.split(",")) if a.only else None
    results = {}
    for tag, fn, _ in CONFIGS:
        if only and tag not in only:
            continue
        runs = []
        for i in range(a.repeat):
            path = os.path.join(out_dir, "py_%s.xlsx" % tag)
            secs, cpu, size = measure(fn, path, a.rows)
            if a.verify and size:
                verify(path, a.rows)
            if os.path.exists(path):
                os.unlink(path)
            runs.append((secs, cpu, size))
            line = "pybench tag=%s run=%d rows=%d seconds=%.3f cpu_s=%.3f bytes=%d" % (tag, i + 1, a.rows, secs,
                                                                                      cpu, size)
            print(line, flush=True)
            if a.log:
                with open(a.log, "a") as f:
                    f.write(line + "\n")
        runs.sort()
        results[tag] = runs[len(runs) // 2]
    if not a.out_dir:
        os.rmdir(out_dir)

    lines = ["## Python: W1 through the binding, XlsxWriter and openpyxl", ""]
    lines.append("`bench/python_bench.py --rows %d --repeat %d`: W1 (%s rows x 19 columns, bench_write's mixed "
                 "workload) generated in Python and written by each library, one row per call, to a file "
                 "on %s. %s. Times are the median of %d run(s), from creating the workbook to closing it, "
                 "generating the rows included; fastxlsx's also its fsync and rename of the file." % (a.rows, a.repeat, "{:,}".format(a.rows), out_dir if a.out_dir else "/tmp",
                                                   versions, a.repeat))
    lines.append("")
    lines.append("| configuration | wall s | CPU s | bytes | speed vs XlsxWriter |")
    lines.append("|---|---|---|---|---|")
    ref = results.get("xlsxwriter", (None,))[0]
    for tag, _, what in CONFIGS:
        if tag in results:
            secs, cpu, size = results[tag]
            real = tag in ("fastxlsx", "fastxlsx_t2", "openpyxl")
            ratio = "%.1fx" % (ref / secs) if ref and secs and real else ""
            lines.append("| %s (`%s`) | %.2f | %.2f | %s | %s |" % (what, tag, secs, cpu,
                                                                  "{:,}".format(size) if size else "-", ratio))
    if all(t in results for t in ("generate", "fastxlsx", "fastxlsx_stub")):
        g, f, s = results["generate"][0], results["fastxlsx"][0], results["fastxlsx_stub"][0]
        lines.append("")
        lines.append("Where the binding's %.2f s go: generating the rows %.2f s (%.0f%%), the binding's Python "
                     "work converting them into the typed arrays %.2f s (%.0f%%), the library (one foreign call "
                     "per row, checks, XML, compression, output) %.2f s (%.0f%%). Measured by running the binding "
                     "with the library's row call replaced by a no-op (`fastxlsx_stub`)." %
                     (f, g, 100 * g / f, s - g, 100 * (s - g) / f, f - s, 100 * (f - s) / f))
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
