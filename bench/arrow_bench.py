#!/usr/bin/env python3
"""arrow_bench.py - W1 as a DataFrame: fastxlsx.write_excel (Arrow C stream) against the DataFrame writers.

    arrow_bench.py [--rows N] [--slow-rows N] [--rounds K] [--out-dir DIR] [--readme FILE] [--verify]

W1 is bench_write's mixed workload (bench/bench_write.c), built column-wise:
a header row "col_0" .. "col_18", then per row r = 1..N: A = r;
B..E = (r mod 100000) * 0.01 + c; F..I = (r * 31 + c) mod 1000000; J..M one of
8 status words [(r + c) mod 8]; N..P "customer_{r}_{c}"; Q = r odd;
R = 'note <{r mod 1000}> & "q"'; S = 45000 + (r mod 3650).

Each configuration runs in a process of its own (--one), which builds the
frame first, untimed, and then times the write alone: wall clock, the
process's CPU time (all threads), its peak RSS, the peak RSS beyond the RSS
the process had with the frame built (Linux: /proc/self/clear_refs resets the
peak), and the file's size.

  fastxlsx_polars[_t2]   fastxlsx.write_excel(polars DataFrame[, threads=2])
  fastxlsx_pyarrow[_t2]  fastxlsx.write_excel(pyarrow Table[, threads=2])
  fastxlsx_duckdb[_t2]   fastxlsx.write_excel(duckdb.sql(W1 query)) (the query runs inside the timing)
  duckdb_csv             duckdb.sql(W1 query).write_csv(...): DuckDB's own CSV writer
  bench_write[_t2]       build/bench_write --workload mixed: the same values from C
  polars_write_excel     polars.DataFrame.write_excel (XlsxWriter underneath)
  pandas_openpyxl        pandas.DataFrame.to_excel(engine="openpyxl") of df.to_pandas()
  pandas_xlsxwriter      pandas.DataFrame.to_excel(engine="xlsxwriter")
  pyexcelerate           pyexcelerate.Workbook, rows from the polars frame (df.rows())

The fast configurations run --rounds times, interleaved (each round runs
every one once), and the median is reported; the slow peers run once at
--slow-rows. --verify checks that fastxlsx's sheet XML and shared strings from
the polars and pyarrow frames and from DuckDB are byte for byte bench_write's.
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.environ.get("BUILD", "build")
STATUS = ["open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"]
FAST = ["fastxlsx_polars", "fastxlsx_pyarrow", "fastxlsx_duckdb", "duckdb_csv", "bench_write",
        "fastxlsx_polars_t2", "fastxlsx_pyarrow_t2", "fastxlsx_duckdb_t2", "bench_write_t2"]
SLOW = ["polars_write_excel", "pandas_xlsxwriter", "pandas_openpyxl", "pyexcelerate"]


def w1_polars(n):
    import polars as pl
    r = pl.int_range(1, n + 1, eager=True, dtype=pl.Int64).alias("r")
    frac = (r % 100000).cast(pl.Float64) * 0.01
    cols = {"col_0": r}
    for c in range(1, 5):
        cols["col_%d" % c] = frac + c
    for c in range(5, 9):
        cols["col_%d" % c] = (r * 31 + c) % 1000000
    status = pl.Series(STATUS)
    for c in range(9, 13):
        cols["col_%d" % c] = status.gather((r + c) % 8)
    df = pl.DataFrame(cols)
    df = df.with_columns([pl.format("customer_{}_%d" % c, pl.col("col_0")).alias("col_%d" % c) for c in (13, 14, 15)])
    df = df.with_columns((pl.col("col_0") % 2 == 1).alias("col_16"),
                         pl.format('note <{}> & "q"', pl.col("col_0") % 1000).alias("col_17"),
                         (45000 + pl.col("col_0") % 3650).alias("col_18"))
    return df.select(["col_%d" % c for c in range(19)])


def w1_pyarrow(n):
    import pyarrow as pa
    t = w1_polars(n).to_arrow()
    # pyarrow's own string type (polars exports string views)
    return t.cast(pa.schema([pa.field(f.name, pa.string() if pa.types.is_string_view(f.type) else f.type)
                             for f in t.schema]))


def w1_query(n):
    status = "['" + "','".join(STATUS) + "']"
    cols = ["r AS col_0"]
    cols += ["(r %% 100000)::DOUBLE * 0.01 + %d AS col_%d" % (c, c) for c in range(1, 5)]
    cols += ["(r * 31 + %d) %% 1000000 AS col_%d" % (c, c) for c in range(5, 9)]
    cols += ["%s[((r + %d) %% 8) + 1] AS col_%d" % (status, c, c) for c in range(9, 13)]
    cols += ["'customer_' || r || '_%d' AS col_%d" % (c, c) for c in range(13, 16)]
    cols += ["r % 2 = 1 AS col_16", "'note <' || (r % 1000) || '> & \"q\"' AS col_17",
             "45000 + r % 3650 AS col_18"]
    return "SELECT %s FROM range(1, %d) t(r)" % (", ".join(cols), n + 1)


def rss_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def run_one(cfg, n, out):
    """In this process: build the input, then time the write."""
    if cfg.startswith("bench_write"):
        exe = os.path.join(ROOT, BUILD, "bench_write")
        args = [exe, "--workload", "mixed", "--rows", str(n), "-o", out]
        if cfg.endswith("_t2"):
            args += ["--threads", "2"]
        line = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        kv = dict(p.split("=", 1) for p in line.split())
        return {"wall": float(kv["seconds"]), "cpu": float(kv["user_s"]) + float(kv["sys_s"]),
                "rss_kib": int(kv["peak_rss_kib"]), "extra_kib": None, "bytes": int(kv["bytes"])}
    threads = 2 if cfg.endswith("_t2") else None
    base = cfg[:-3] if threads else cfg
    import fastxlsx
    data = None
    if base in ("fastxlsx_polars", "polars_write_excel", "pyexcelerate"):
        data = w1_polars(n)
    elif base == "fastxlsx_pyarrow":
        data = w1_pyarrow(n)
    elif base in ("pandas_openpyxl", "pandas_xlsxwriter"):
        data = w1_polars(n).to_pandas()
    elif base in ("fastxlsx_duckdb", "duckdb_csv"):
        import duckdb
        con = duckdb.connect()
        con.execute("SET threads TO %d" % (threads or 1))
    rss0 = rss_kib("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM to the current RSS
        hwm_reset = True
    except OSError:
        hwm_reset = False
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if base in ("fastxlsx_polars", "fastxlsx_pyarrow"):
        fastxlsx.write_excel(data, out, threads=threads)
    elif base == "fastxlsx_duckdb":
        fastxlsx.write_excel(con.sql(w1_query(n)), out, threads=threads)
    elif base == "duckdb_csv":
        con.sql(w1_query(n)).write_csv(out)
    elif base == "polars_write_excel":
        data.write_excel(out)
    elif base == "pandas_openpyxl":
        data.to_excel(out, engine="openpyxl", index=False)
    elif base == "pandas_xlsxwriter":
        data.to_excel(out, engine="xlsxwriter", index=False)
    elif base == "pyexcelerate":
        from pyexcelerate import Workbook
        wb = Workbook()
        wb.new_sheet("Sheet1", data=[data.columns] + data.rows())
        wb.save(out)
    else:
        raise SystemExit("unknown configuration " + cfg)
    wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    hwm = rss_kib("VmHWM")
    return {"wall": wall, "cpu": (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime),
            "rss_kib": hwm, "extra_kib": hwm - rss0 if hwm_reset else None, "bytes": os.path.getsize(out)}


def spawn(cfg, n, out_dir):
    out = os.path.join(out_dir, cfg + (".csv" if cfg == "duckdb_csv" else ".xlsx"))
    subprocess.run(["sync"])
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", cfg, "--rows", str(n), "--out", out],
                       check=True, capture_output=True, text=True)
    res = json.loads(r.stdout.strip().splitlines()[-1])
    res["cfg"], res["rows"], res["path"] = cfg, n, out
    res["load_after"] = "/".join(open("/proc/loadavg").read().split()[:3])
    res["ended"] = time.strftime("%H:%M UTC", time.gmtime())
    return res


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--slow-rows", type=int, default=None, help="rows for the slow peers (default: --rows)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out-dir", default=os.path.join(BUILD, "arrow-bench"))
    ap.add_argument("--readme", default=None)
    ap.add_argument("--verify", action="store_true")
    ap.add_argument("--skip-slow", action="store_true")
    ap.add_argument("--slow-json", default=None, help="results of the slow peers from an earlier run")
    ap.add_argument("--only-slow", action="store_true", help="run the slow peers once, save them, and stop")
    ap.add_argument("--fast-json", default=None, help="reuse the fast rounds of an earlier run (report only)")
    ap.add_argument("--slow-note", default="", help="a sentence on how the slow peers ran, for the report")
    ap.add_argument("--one")
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run_one(a.one, a.rows, a.out)))
        return
    os.makedirs(a.out_dir, exist_ok=True)
    load = [open("/proc/loadavg").read().split()[:3]]
    runs = []
    if a.only_slow:
        a.rounds = 0
    if a.fast_json:
        saved = json.load(open(a.fast_json))
        runs, load, a.rounds = saved["runs"], saved["load"], 0
    for k in range(a.rounds):
        for cfg in FAST:
            res = spawn(cfg, a.rows, a.out_dir)
            runs.append(res)
            print("round %d %-22s %7.2f s wall %7.2f s cpu %7.1f MiB peak %s bytes=%d" % (
                k + 1, cfg, res["wall"], res["cpu"], res["rss_kib"] / 1024,
                "" if res["extra_kib"] is None else "(+%.1f MiB)" % (res["extra_kib"] / 1024), res["bytes"]),
                flush=True)
        if k == 0 and a.verify:
            want = parts(os.path.join(a.out_dir, "bench_write.xlsx"))
            for cfg in ("fastxlsx_polars", "fastxlsx_pyarrow", "fastxlsx_duckdb", "fastxlsx_polars_t2"):
                got = parts(os.path.join(a.out_dir, cfg + ".xlsx"))
                for name in want:
                    if got[name] != want[name]:
                        raise SystemExit("verify: %s of %s differs from bench_write's" % (name, cfg))
            print("verify: sheet1.xml and sharedStrings.xml of the polars, pyarrow and DuckDB writes are "
                  "byte for byte bench_write's", flush=True)
        load.append(open("/proc/loadavg").read().split()[:3])
    if not a.fast_json and not a.only_slow:
        json.dump({"runs": runs, "load": load, "rounds": a.rounds}, open(os.path.join(a.out_dir, "fast.json"), "w"))
    else:
        a.rounds = max(1, len(runs) // len(FAST)) if runs else 0
    slow = []
    if a.slow_json and os.path.exists(a.slow_json):
        slow = json.load(open(a.slow_json))
    elif not a.skip_slow:
        for cfg in SLOW:
            res = spawn(cfg, a.slow_rows or a.rows, a.out_dir)
            slow.append(res)
            print("once    %-22s %7.2f s wall %7.2f s cpu %7.1f MiB peak bytes=%d" % (
                cfg, res["wall"], res["cpu"], res["rss_kib"] / 1024, res["bytes"]), flush=True)
            load.append(open("/proc/loadavg").read().split()[:3])
        json.dump(slow, open(a.slow_json or os.path.join(a.out_dir, "slow.json"), "w"))
    if a.only_slow:
        return
    med = {}
    for cfg in FAST:
        rs = [r for r in runs if r["cfg"] == cfg]
        med[cfg] = {key: statistics.median([r[key] for r in rs]) if rs[0][key] is not None else None
                    for key in ("wall", "cpu", "rss_kib", "extra_kib", "bytes")}
        med[cfg]["all"] = [r["wall"] for r in rs]
    section = report(a, med, slow, load)
    print(section)
    if a.readme:
        try:
            text = open(a.readme).read()
        except FileNotFoundError:
            text = ""
        pat = re.compile(r"## DataFrames through Arrow.*?(?=\n## |\Z)", re.S)
        text = pat.sub(lambda m: section, text) if pat.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
        open(a.readme, "w").write(text)


def report(a, med, slow, load):
    def row(name, m, rows, note=""):
        extra = "" if m.get("extra_kib") is None else "%.1f" % (m["extra_kib"] / 1024)
        return "| %s | %s | %.2f | %.2f | %.1f | %s | %.1f | %s |" % (
            name, "{:,}".format(rows), m["wall"], m["cpu"], m["rss_kib"] / 1024, extra, m["bytes"] / 1e6, note)

    lines = ["## DataFrames through Arrow: W1 1M rows (bench/arrow_bench.py, `make bench-arrow`)", "",
             "Generated on %s with `bench/arrow_bench.py --rows %d --rounds %d`%s. W1 (19 columns, bench_write's "
             "values) built column-wise as a polars DataFrame, a pyarrow Table (utf8 strings) and a DuckDB query "
             "over `range()`; each configuration in a process of its own, the frame built before the timing "
             "starts (the DuckDB rows run their query inside it). Fast rows: median of %d interleaved rounds; the "
             "slow peers ran once. Load average (1/5/15 min) before, between rounds and after: %s: the machine "
             "(2 cores) was shared with other people's builds and tests, so the times carry that noise." % (
                 time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), a.rows, a.rounds,
                 "" if not slow else " (the slow peers at %d rows)" % slow[0]["rows"], a.rounds,
                 "; ".join("/".join(l) for l in load)), "",
             ] + ([a.slow_note, ""] if a.slow_note else []) + [
             "| configuration | rows | wall s | CPU s | peak RSS MiB | RSS beyond the frame MiB | output MB | note |",
             "|---|---|---|---|---|---|---|---|"]
    names = {"fastxlsx_polars": "fastxlsx.write_excel(polars)", "fastxlsx_pyarrow": "fastxlsx.write_excel(pyarrow)",
             "fastxlsx_duckdb": "fastxlsx.write_excel(duckdb.sql(...))", "duckdb_csv": "DuckDB write_csv",
             "bench_write": "bench_write (C, same values)"}
    for cfg in FAST:
        base = cfg[:-3] if cfg.endswith("_t2") else cfg
        name = names[base] + (", 2 threads" if cfg.endswith("_t2") else "")
        lines.append(row(name, med[cfg], a.rows, "runs: " + ", ".join("%.2f" % w for w in med[cfg]["all"])))
    snames = {"polars_write_excel": "polars.write_excel", "pandas_openpyxl": "pandas.to_excel (openpyxl)",
              "pandas_xlsxwriter": "pandas.to_excel (xlsxwriter)", "pyexcelerate": "pyexcelerate"}
    for s in slow:
        lines.append(row(snames[s["cfg"]], s, s["rows"], "once"))
    lines.append("")
    f1, c1 = med["fastxlsx_polars"], med["bench_write"]
    f2, c2 = med["fastxlsx_polars_t2"], med["bench_write_t2"]
    p1, p2 = med["fastxlsx_pyarrow"], med["fastxlsx_pyarrow_t2"]
    d1, d2, csv = med["fastxlsx_duckdb"], med["fastxlsx_duckdb_t2"], med["duckdb_csv"]

    def ratio(x, y):
        return "%.2fx wall, %.2fx CPU" % (x["wall"] / y["wall"], x["cpu"] / y["cpu"])

    lines.append("Against the goals (medians; on a loaded machine the CPU ratio is the steadier one):")
    lines.append("")
    lines.append("- fastxlsx.write_excel against bench_write writing the same values from C (goal: at most 1.3x): "
                 "from polars %s single-threaded, %s with 2 threads; from pyarrow %s and %s." % (
                     ratio(f1, c1), ratio(f2, c2), ratio(p1, c1), ratio(p2, c2)))
    lines.append("- DuckDB's query result through fastxlsx against DuckDB's own CSV writer, the query run by both: "
                 "%s (one thread each), %s (2 threads each); the CSV is %.0f%% larger than the workbook." % (
                     ratio(d1, csv), ratio(d2, csv), 100.0 * (csv["bytes"] / d1["bytes"] - 1)))
    pw = [s for s in slow if s["cfg"] == "polars_write_excel"]
    if pw:
        scale = a.rows / pw[0]["rows"]
        lines.append("- polars.write_excel against fastxlsx.write_excel of the same polars frame (goal: at least "
                     "50x): %.0fx the wall time and %.0fx the CPU time single-threaded, %.0fx and %.0fx against "
                     "2 threads%s." % (
                         pw[0]["wall"] * scale / f1["wall"], pw[0]["cpu"] * scale / f1["cpu"],
                         pw[0]["wall"] * scale / f2["wall"], pw[0]["cpu"] * scale / f2["cpu"],
                         "" if scale == 1 else " (its times scaled from %d rows)" % pw[0]["rows"]))
    extra = [med[c]["extra_kib"] for c in ("fastxlsx_polars", "fastxlsx_pyarrow", "fastxlsx_polars_t2",
                                           "fastxlsx_pyarrow_t2") if med[c]["extra_kib"] is not None]
    if extra:
        lines.append("- Peak RSS beyond the process's RSS with the frame built, polars and pyarrow: %.1f..%.1f MiB "
                     "(the library's buffers, and with 2 threads its worker's; the frame is read in place, not "
                     "copied). From DuckDB it is %.0f / %.0f MiB: DuckDB materializes the query's batches as the "
                     "stream is read: that memory is DuckDB's, not the library's." % (
                         min(extra) / 1024, max(extra) / 1024, d1["extra_kib"] / 1024, d2["extra_kib"] / 1024))
    lines.append("")
    lines.append("Sheet XML and shared strings of the polars, pyarrow and DuckDB writes are byte for byte "
                 "bench_write's (`--verify`). Rerun: `make bench-arrow` (BENCH_ARROW_ROWS, BENCH_ARROW_ROUNDS; "
                 "the slow peers take minutes at 1M rows: BENCH_ARROW_SLOW=0 reuses their last results).")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
