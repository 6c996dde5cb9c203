#!/usr/bin/python3
"""peers.py - fastxlsx side by side with other writers: the value check, the timed runs
and the table of bench/README.md. Standard library only; run by make bench-peers-check
and make bench-peers after bench/peers/build.sh.

    peers.py check OUT_DIR        every writer's W1 and W2 at CHECK_ROWS rows (3000) against
                                  fastxlsx's, read back by openpyxl (bench/compare_xlsx.py --peer)
    peers.py run OUT_DIR          ROUNDS rounds at ROWS rows (1,000,000) of W1 and W2, each round
                                  running every writer once; the Python writers, and a writer whose
                                  first run of a workload took SLOW_S seconds or more (or failed),
                                  only in the first SLOW_ROUNDS rounds; one line per run in
                                  OUT_DIR/peers.log
    peers.py report OUT_DIR README
                                  writes the section "Side by side with other writers" into README
                                  (replacing it, or before the PostgreSQL section, or at the end)

Environment: BUILD (build), BENCH_WRITE ($BUILD/bench_write), PEERS_ROWS, PEERS_ROUNDS (3),
PEERS_SLOW_ROUNDS (1), PEERS_CHECK_ROWS (3000), PEERS_ONLY (comma-separated tags), PEERS_TIMEOUT
(seconds per run, 900), PEERS_SLOW_S (30).

Each run is one process, measured from outside: wall time from fork to exit (so it includes
starting the JVM, Node.js or Python), CPU time (user + system) and peak RSS (ru_maxrss) of the
process from wait4(), and the size of the file it wrote. sync runs before every run and the
output is removed after it.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.abspath(os.environ.get("BUILD", os.path.join(ROOT, "build")))
P = os.path.join(BUILD, "peers")
BENCH_WRITE = os.path.abspath(os.environ.get("BENCH_WRITE", os.path.join(BUILD, "bench_write")))
JAVA_CP = os.path.join(P, "java", "target", "classes") + ":" + os.path.join(P, "java", "target", "lib", "*")
VPY = os.path.join(P, "venv", "bin", "python")
WORKLOADS = [("mixed", "W1"), ("strings", "W2")]


def read(path):
    with open(path) as f:
        return f.read()


def lock_version(kind, name):
    """The pinned version of package NAME, from the lock file of its language."""
    try:
        if kind == "cargo":
            for d in ("rust_xlsxwriter", "excelstream"):
                m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(name),
                              read(os.path.join(HERE, d, "Cargo.lock")))
                if m:
                    return m.group(1)
        if kind == "go":
            m = re.search(r"%s (v\S+)" % re.escape(name), read(os.path.join(HERE, "go", "go.mod")))
            return m.group(1)
        if kind == "maven":
            m = re.search(r"<artifactId>%s</artifactId>\s*<version>([^<]+)</version>" % re.escape(name),
                          read(os.path.join(HERE, "java", "pom.xml")))
            return m.group(1)
        if kind == "npm":
            lock = json.loads(read(os.path.join(HERE, "node", "package-lock.json")))
            return lock["packages"]["node_modules/" + name]["version"]
        if kind == "pypi":
            m = re.search(r"^%s==(\S+)" % re.escape(name), read(os.path.join(HERE, "python", "requirements.lock")),
                          re.M | re.I)
            return m.group(1)
    except (OSError, AttributeError, KeyError, ValueError):
        pass
    return "?"


def fx_version():
    try:
        out = subprocess.run([BENCH_WRITE, "--workload", "mixed", "--rows", "0", "-o", "/dev/null"],
                             capture_output=True, text=True).stdout
        fx = re.search(r"version=(\S+)", out).group(1)
        out = subprocess.run([BENCH_WRITE, "--engine", "libxlsxwriter", "--workload", "mixed", "--rows", "0",
                              "-o", "/tmp/peers-lxw-version.xlsx"], capture_output=True, text=True).stdout
        os.unlink("/tmp/peers-lxw-version.xlsx")
        return fx, re.search(r"version=(\S+)", out).group(1)
    except (OSError, AttributeError):
        return "?", "?"


def peers():
    """(tag, writer, language, version, mode, slow, argv(workload, rows, out))."""
    fx, lxw = fx_version()
    rxw = lock_version("cargo", "rust_xlsxwriter")
    b = os.path.join(P, "bin")
    node = os.path.join(P, "node", "exceljs_bench.js")
    return [
        ("fx_t1", "fastxlsx", "C", fx, "streaming, single-threaded (`--threads 1`), ISA-L deflate", False,
         lambda w, n, o: [BENCH_WRITE, "--workload", w, "--rows", str(n), "--threads", "1", "-o", o]),
        ("fx_t2", "fastxlsx", "C", fx, "streaming, `--threads 2`, ISA-L deflate", False,
         lambda w, n, o: [BENCH_WRITE, "--workload", w, "--rows", str(n), "--threads", "2", "-o", o]),
        ("lxw", "libxlsxwriter", "C", lxw, "constant_memory (Debian libxlsxwriter-dev, zlib)", False,
         lambda w, n, o: [BENCH_WRITE, "--engine", "libxlsxwriter", "--workload", w, "--rows", str(n), "-o", o]),
        ("rxw", "rust_xlsxwriter", "Rust", rxw, "constant_memory, default build (zip's Rust deflate)", False,
         lambda w, n, o: [os.path.join(b, "rust_xlsxwriter_bench"), w, str(n), o]),
        ("rxw_zlib", "rust_xlsxwriter", "Rust", rxw, "constant_memory, feature `zlib`", False,
         lambda w, n, o: [os.path.join(b, "rust_xlsxwriter_bench_zlib"), w, str(n), o]),
        ("rxw_zlib_zmij", "rust_xlsxwriter", "Rust", rxw, "constant_memory, features `zlib` + `zmij`", False,
         lambda w, n, o: [os.path.join(b, "rust_xlsxwriter_bench_zlib_zmij"), w, str(n), o]),
        ("excelstream", "excelstream", "Rust", lock_version("cargo", "excelstream"),
         "ExcelWriter (streaming), `write_row_typed`, defaults (level 6)", False,
         lambda w, n, o: [os.path.join(b, "excelstream_bench"), w, str(n), o]),
        ("fastexcel", "fastexcel (org.dhatim)", "Java 17", lock_version("maven", "fastexcel"),
         "`Worksheet.flush()` every 1,000 rows, default JVM settings", False,
         lambda w, n, o: ["java", "-cp", JAVA_CP, "bench.FastexcelBench", w, str(n), o]),
        ("poi", "Apache POI", "Java 17", lock_version("maven", "poi-ooxml"),
         "SXSSF, default window (100 rows), no shared strings, default JVM settings", False,
         lambda w, n, o: ["java", "-cp", JAVA_CP, "bench.PoiSxssfBench", w, str(n), o]),
        ("excelize", "excelize", "Go", lock_version("go", "github.com/xuri/excelize/v2"),
         "StreamWriter, `SetRow` per row", False,
         lambda w, n, o: [os.path.join(b, "excelize_bench"), w, str(n), o]),
        ("exceljs", "ExcelJS", "Node.js " + node_version(), lock_version("npm", "exceljs"),
         "stream.xlsx.WorkbookWriter, shared strings off, useStyles off", False,
         lambda w, n, o: ["node", node, w, str(n), o]),
        ("exceljs_sst", "ExcelJS", "Node.js " + node_version(), lock_version("npm", "exceljs"),
         "stream.xlsx.WorkbookWriter, shared strings on, useStyles off", False,
         lambda w, n, o: ["node", node, w, str(n), o, "--shared-strings"]),
        ("xlsxwriter", "XlsxWriter", "Python 3.11", lock_version("pypi", "xlsxwriter"),
         "constant_memory, typed write_* calls", True,
         lambda w, n, o: [VPY, os.path.join(HERE, "python", "xlsxwriter_bench.py"), w, str(n), o]),
        ("openpyxl", "openpyxl", "Python 3.11", lock_version("pypi", "openpyxl"),
         "write_only, `append` per row, with lxml " + lock_version("pypi", "lxml"), True,
         lambda w, n, o: [VPY, os.path.join(HERE, "python", "openpyxl_bench.py"), w, str(n), o]),
    ]


_node_version = None


def node_version():
    global _node_version
    if _node_version is None:
        try:
            _node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        except OSError:
            _node_version = "?"
    return _node_version


def selected():
    only = [t for t in os.environ.get("PEERS_ONLY", "").split(",") if t]
    return [p for p in peers() if not only or p[0] in only]


def run_measured(argv, timeout, err_path):
    """Runs argv under /usr/bin/time; returns (rc, wall_s, cpu_s, user_s, sys_s, maxrss_kib).

    CPU and peak RSS come from GNU time's wait4() of the writer's process: not from this
    script's own wait4(), whose ru_maxrss would include the RSS of the Python process forked
    before exec (13 MiB)."""
    tfile = err_path + ".time"
    t0 = time.monotonic()
    with open(err_path, "w") as err:
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tfile] + argv,
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            # The writer is the child of /usr/bin/time: end it by its parent's id, then time.
            subprocess.run(["pkill", "-KILL", "-P", str(proc.pid)])
            proc.kill()
            rc = proc.wait()
    wall = time.monotonic() - t0
    try:
        last = read(tfile).strip().splitlines()[-1].split()
        user, sys_, rss = float(last[1]), float(last[2]), int(last[3])
    except (OSError, IndexError, ValueError):
        user = sys_ = 0.0
        rss = 0
    return (rc, wall, user + sys_, user, sys_, rss)


def loadavg():
    with open("/proc/loadavg") as f:
        return "/".join(f.read().split()[:3])


# ---- check -------------------------------------------------------------------------------

def check(out):
    rows = int(os.environ.get("PEERS_CHECK_ROWS", "3000"))
    os.makedirs(out, exist_ok=True)
    results = {}
    fx = {}
    for w, _ in WORKLOADS:
        fx[w] = os.path.join(out, "check-fx-%s.xlsx" % w)
        subprocess.run([BENCH_WRITE, "--workload", w, "--rows", str(rows), "--threads", "1", "-o", fx[w]],
                       check=True, stdout=subprocess.DEVNULL)
    total_fail = 0
    for tag, name, lang, ver, mode, slow, argv in selected():
        if tag == "fx_t1":
            continue
        res = {}
        for w, wname in WORKLOADS:
            f = os.path.join(out, "check-%s-%s.xlsx" % (tag, w))
            rc = subprocess.run(argv(w, rows, f), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if rc.returncode != 0:
                res[wname] = {"passed": 0, "failed": 1, "notes": ["writer failed: " + rc.stderr.strip()[-300:]],
                              "diffs": []}
                total_fail += 1
                continue
            cmp = subprocess.run(["/usr/bin/python3", "-W", "ignore", os.path.join(ROOT, "bench", "compare_xlsx.py"),
                                  "--peer", "--workload", w, "--rows", str(rows), fx[w], f],
                                 capture_output=True, text=True)
            lines = cmp.stdout.splitlines()
            m = re.search(r"^\w+: (\d+) passed, (\d+) failed$", cmp.stdout, re.M)
            passed, failed = (int(m.group(1)), int(m.group(2))) if m else (0, 1)
            total_fail += failed
            res[wname] = {"passed": passed, "failed": failed,
                          "notes": [l.strip().split(": ", 1)[1] for l in lines
                                    if l.startswith("  ") and not l.startswith("  DIFF")],
                          "diffs": [l.strip()[5:] for l in lines if l.startswith("  DIFF")][:5]}
            os.unlink(f)
            print("  %-14s %s: %d passed, %d failed%s" % (tag, wname, passed, failed,
                  "".join("; " + n.split(";")[0] for n in res[wname]["notes"])))
        results[tag] = res
    for w, _ in WORKLOADS:
        os.unlink(fx[w])
    with open(os.path.join(out, "peers-check.json"), "w") as f:
        json.dump({"rows": rows, "results": results}, f, indent=1)
    print("peers check: %d failed cells or checks over all writers (see bench/README.md for what is counted)"
          % total_fail)
    return 0


# ---- run -----------------------------------------------------------------------------------

def run(out):
    rows = int(os.environ.get("PEERS_ROWS", "1000000"))
    rounds = int(os.environ.get("PEERS_ROUNDS", "3"))
    slow_rounds = int(os.environ.get("PEERS_SLOW_ROUNDS", "1"))
    timeout = int(os.environ.get("PEERS_TIMEOUT", "900"))
    slow_s = float(os.environ.get("PEERS_SLOW_S", "30"))
    first = {}  # (tag, workload) -> wall time of round 1
    os.makedirs(out, exist_ok=True)
    log_path = os.path.join(out, "peers.log")
    ps = selected()
    started = time.time()
    with open(log_path, "w") as log:
        def logw(s):
            log.write(s + "\n")
            log.flush()
        logw("meta date=%s rows=%d rounds=%d slow_rounds=%d slow_s=%g load_start=%s nproc=%d" % (
            time.strftime("%Y-%m-%d_%H:%M_UTC", time.gmtime()), rows, rounds, slow_rounds, slow_s, loadavg(),
            os.cpu_count()))
        for tag, name, lang, ver, mode, slow, argv in ps:
            logw("peer " + json.dumps({"tag": tag, "name": name, "lang": lang, "version": ver, "mode": mode,
                                       "slow": slow, "cmd": " ".join(argv("WORKLOAD", rows, "OUT.xlsx"))}))
        for i in range(1, rounds + 1):
            for w, wname in WORKLOADS:
                for tag, name, lang, ver, mode, slow, argv in ps:
                    if i > slow_rounds and (slow or first.get((tag, wname), 0) >= slow_s):
                        continue
                    f = os.path.join(out, "peer-%s.xlsx" % tag)
                    os.sync()
                    load = loadavg()
                    rc, wall, cpu, user, sys_, rss = run_measured(argv(w, rows, f), timeout,
                                                                  os.path.join(out, "stderr.txt"))
                    size = os.path.getsize(f) if os.path.exists(f) else 0
                    if i == 1:
                        first[(tag, wname)] = wall if rc == 0 else slow_s
                    errtail = ""
                    if rc != 0:
                        errtail = read(os.path.join(out, "stderr.txt")).strip().replace("\n", " | ")[-300:]
                    logw("run " + json.dumps({"tag": tag, "workload": wname, "round": i, "rc": rc,
                                              "seconds": round(wall, 3), "cpu_s": round(cpu, 3),
                                              "user_s": round(user, 3), "sys_s": round(sys_, 3),
                                              "peak_rss_kib": rss, "bytes": size, "load": load,
                                              "error": errtail}))
                    print("  round %d %s %-14s %8.2f s  cpu %8.2f s  %8.1f MiB  %12d bytes%s" % (
                        i, wname, tag, wall, cpu, rss / 1024, size, "  FAILED rc=%d" % rc if rc else ""),
                        flush=True)
                    if os.path.exists(f):
                        os.unlink(f)
        logw("meta load_end=%s total_s=%d" % (loadavg(), time.time() - started))
    return 0


# ---- report --------------------------------------------------------------------------------

SECTION = "## Side by side with other writers (make bench-peers)"


def med(xs):
    return statistics.median(xs) if xs else None


def report(out, readme):
    meta, plist, runs = {}, [], []
    for line in read(os.path.join(out, "peers.log")).splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "meta":
            meta.update(kv.split("=", 1) for kv in rest.split())
        elif kind == "peer":
            plist.append(json.loads(rest))
        elif kind == "run":
            runs.append(json.loads(rest))
    chk = {}
    try:
        chk = json.loads(read(os.path.join(out, "peers-check.json")))
    except OSError:
        pass
    rows = int(meta.get("rows", 0))
    p = []
    w = p.append
    w(SECTION)
    w("")
    w("Written by `make bench-peers` (`bench/peers/build.sh`, then `bench/peers/peers.py check`, `run` and "
      "`report`) on %s; `make bench` keeps this section. %s rows of W1 and of W2 (the workloads above) written by "
      "fastxlsx (`bench_write`) and by a small program per other writer in its own language (`bench/peers/`), "
      "each with the writer's fastest documented streaming mode, writing the same values with the same cell "
      "types (numbers as numbers, the boolean as a boolean, text as text; W1 has no dates: its column S is a "
      "plain number, as bench_write writes it)." % (meta.get("date", "?").replace("_", " "), "{:,}".format(rows)))
    w("")
    w("- Rounds: %s; each round runs every writer once on W1, then once on W2, so that a slow spell of the "
      "machine falls on all of them alike. To finish in the time there was, XlsxWriter and openpyxl (minutes per "
      "run), and any writer whose first run of a workload took %s s or more (or failed), ran in the first %s "
      "round(s) only: the **runs** column says how many runs each figure has. Each figure is the **median** over "
      "a writer's runs (min–max of the wall time after it)."
      % (meta.get("rounds", "?"), meta.get("slow_s", "?"), meta.get("slow_rounds", "?")))
    w("- Measured from outside, the same way for every writer: **time** is the wall time of the whole process "
      "(so it includes starting the JVM, Node.js or Python, about 0.05–0.4 s); **CPU** is its user + system "
      "time (all threads; the JVM's garbage collector and JIT compiler count); **peak RSS** is `ru_maxrss` of "
      "the writer's process (GNU time's `%M`, from `wait4()`; MiB); **size** is the .xlsx in bytes. `sync` runs before every run and the "
      "output is removed after it. fastxlsx `fsync`s its output before it renames it into place (part of its "
      "time); the others do not.")
    w("- **× fastxlsx**: the writer's median time (or CPU time) divided by fastxlsx single-threaded's on the "
      "same workload (higher: slower than fastxlsx); **size ×**: its size divided by fastxlsx's.")
    w("- Load average (1/5/15 min) at the start %s, at the end %s (%d s in all). The machine (%s cores) was "
      "shared with other people's builds and tests during the run, so wall times are noisy; the CPU column is "
      "less sensitive to that." % (meta.get("load_start", "?").replace("/", " / "),
                                    meta.get("load_end", "?").replace("/", " / "), int(meta.get("total_s", 0)),
                                    meta.get("nproc", "?")))
    w("")
    crow = chk.get("rows")
    for wname, wl in (("W1", "mixed"), ("W2", "strings")):
        w("### %s `%s`, %s rows" % (wname, wl, "{:,}".format(rows)))
        w("")
        base = [r for r in runs if r["tag"] == "fx_t1" and r["workload"] == wname and r["rc"] == 0]
        bt, bc, bs = med([r["seconds"] for r in base]), med([r["cpu_s"] for r in base]), \
            med([r["bytes"] for r in base])
        table = []
        for pe in plist:
            rs = [r for r in runs if r["tag"] == pe["tag"] and r["workload"] == wname]
            ok = [r for r in rs if r["rc"] == 0]
            writer = "%s %s (%s)" % (pe["name"], pe["version"], pe["lang"])
            vc = "-"
            if pe["tag"] == "fx_t1":
                vc = "the reference"
            elif crow and pe["tag"] in chk["results"] and wname in chk["results"][pe["tag"]]:
                c = chk["results"][pe["tag"]][wname]
                vc = "{:,} passed, {:,} failed".format(c["passed"], c["failed"])
                for n in c["notes"]:
                    m = re.match(r"(\d+) (numbers|sheets) .*?(another form|16 significant|15 significant|"
                                 r"dimension)", n)
                    if m:
                        vc += "; {:,} ".format(int(m.group(1))) + "%s" % ({"another form": "in another number form",
                                                        "16 significant": "at %.16G",
                                                        "15 significant": "rounded to 15 digits",
                                                        "dimension": "sheet without a matching dimension"}
                                           [m.group(3)])
            if not ok:
                if not rs:
                    err = "not run"
                elif rs[0]["rc"] < 0:
                    err = "killed (signal %d) after %.0f s, no file: did not finish within `PEERS_TIMEOUT`" % (
                        -rs[0]["rc"], rs[0]["seconds"])
                else:
                    err = "failed (exit %d): %s" % (rs[0]["rc"], rs[0]["error"])
                table.append([writer, pe["mode"], "%d" % len(rs), err]
                             + ["-"] * 6 + [vc])
                continue
            t = [r["seconds"] for r in ok]
            mt, mc = med(t), med([r["cpu_s"] for r in ok])
            rss = max(r["peak_rss_kib"] for r in ok) / 1024
            size = ok[-1]["bytes"]
            fails = len(rs) - len(ok)
            table.append([writer, pe["mode"], "%d%s" % (len(ok), " (+%d failed)" % fails if fails else ""),
                          "%.2f (%.2f–%.2f)" % (mt, min(t), max(t)) if len(t) > 1 else "%.2f" % mt,
                          "%.2f×" % (mt / bt) if bt else "?",
                          "%.2f" % mc, "%.2f×" % (mc / bc) if bc else "?",
                          "%.1f" % rss, "{:,}".format(size), "%.2f" % (size / bs) if bs else "?", vc])
        w("| writer | mode | runs | time s | time × fastxlsx | CPU s | CPU × fastxlsx | peak RSS MiB | size bytes "
          "| size × | value check (%s rows) |" % ("{:,}".format(crow) if crow else "?"))
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in table:
            w("| " + " | ".join(str(x) for x in r) + " |")
        w("")
    w("**Value check** (`make bench-peers-check`, also the first step of `make bench-peers`): every writer's W1 and "
      "W2 at %s rows is read back by openpyxl (`/usr/bin/python3`) and compared cell by cell, value and type, with "
      "fastxlsx's and with the workload's definition (`bench/compare_xlsx.py --peer`), so that no writer's speed "
      "comes from writing less or other values. A check is a cell, plus each sheet's name list and dimensions. "
      "What is allowed is counted in the column above, not hidden:" % ("{:,}".format(crow) if crow else "?"))
    w("")
    w("- *at %.16G*: the writer writes numbers with printf `%.16G` (libxlsxwriter, XlsxWriter, openpyxl), which does "
      "not always give back the same double (`1.1400000000000001` is written `1.14`): counted as passed, as for "
      "libxlsxwriter in the sections above.")
    w("- *in another number form*: `36.0` or `2.0` for `36` or `2` (POI writes every number as a Java double, "
      "fastexcel its fractions, rust_xlsxwriter with `zmij` every number through zmij): the same number to "
      "Excel; openpyxl reads a float instead of an int.")
    w("- *rounded to 15 digits*: the number rounded to 15 significant digits, Excel's display precision; counted "
      "as passed when it equals printf `%.15G` of the exact value (excelize formats floats to 15 digits).")
    w("- *sheet without a matching dimension*: the sheet's `<dimension>` is missing or does not cover its cells; "
      "the extent is then taken from the cells, which are all compared.")
    w("- Anything else fails. The first differences of a writer with failures:")
    w("")
    anyfail = False
    for tag, res in chk.get("results", {}).items():
        for wname, c in res.items():
            if c["failed"]:
                anyfail = True
                name = next((pe["name"] for pe in plist if pe["tag"] == tag), tag)
                w("  - %s (`%s`), %s: %d failed, e.g. %s" % (name, tag, wname, c["failed"],
                                                           "; ".join("`%s`" % d for d in c["diffs"][:3])
                                                           or "; ".join(c["notes"])))
    if not anyfail:
        w("  - none.")
    w("")
    w("Versions are pinned (`bench/peers/*/Cargo.lock`, `bench/peers/go/go.sum`, exact versions in "
      "`bench/peers/java/pom.xml`, `bench/peers/node/package-lock.json`, `bench/peers/python/requirements.lock` "
      "with hashes). The commands, with WORKLOAD `mixed` or `strings`:")
    w("")
    w("```")
    for pe in plist:
        w("%-14s %s" % (pe["tag"], pe["cmd"].replace(ROOT + "/", "")))
    w("```")
    w("")
    w("### Running it on a fresh Debian 12")
    w("")
    w("`make bench-peers` is not part of `make test` and needs more than the README's test command installs: "
      "Debian's packages for Java, Maven, Node.js and Python, and newer Rust and Go than Debian 12 ships "
      "(rust_xlsxwriter 0.102 needs rustc ≥ 1.88, excelize 2.11's dependencies Go ≥ 1.26; Debian 12 has 1.63 "
      "and 1.19), from rustup and go.dev. It downloads the pinned packages from crates.io, the Go module proxy, "
      "Maven Central, npm and PyPI on its first run (about 10 minutes of building on 2 cores), then runs for "
      "about an hour (most of it XlsxWriter and openpyxl).")
    w("")
    w("```sh")
    w("apt-get update && apt-get install -y build-essential pkg-config zlib1g-dev libisal-dev libxlsxwriter-dev "
      "python3-openpyxl python3-venv time default-jdk-headless maven nodejs npm curl")
    w("curl -sSf https://sh.rustup.rs | sh -s -- -y && . \"$HOME/.cargo/env\"       # Rust >= 1.88")
    w("curl -sSfL https://go.dev/dl/go1.26.8.linux-amd64.tar.gz | tar -C /usr/local -xz && "
      "export PATH=$PATH:/usr/local/go/bin")
    w("make bench-peers-check    # builds the writers (bench/peers/build.sh) and checks their values")
    w("make bench-peers          # the same, then the timed rounds; rewrites this section")
    w("PEERS_ROWS=100000 PEERS_ROUNDS=1 PEERS_ONLY=fx_t1,rxw,excelize BENCH_README=/tmp/x.md make bench-peers"
      "   # a quick trial")
    w("```")
    w("")
    w("<details><summary>Raw results (build/bench-peers/peers.log)</summary>")
    w("")
    w("```")
    for line in read(os.path.join(out, "peers.log")).splitlines():
        if line.startswith(("run ", "meta ")):
            w(line)
    w("```")
    w("")
    w("</details>")
    section = "\n".join(p) + "\n"

    text = read(readme) if os.path.exists(readme) else ""
    m = re.search(r"(^|\n)## Side by side with other writers.*?(?=\n## |\Z)", text, re.S)
    if m:
        text = text[:m.start()] + ("\n" if m.group(1) else "") + section.rstrip("\n") + text[m.end():]
    else:
        pg = re.search(r"\n## PostgreSQL export", text)
        if pg:
            text = text[:pg.start()] + "\n" + section + text[pg.start():]
        else:
            text = text.rstrip("\n") + "\n\n" + section
    if not text.endswith("\n"):
        text += "\n"
    with open(readme, "w") as f:
        f.write(text)
    print("wrote the section to %s" % readme)
    return 0


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("check", "run", "report"):
        sys.exit(__doc__)
    if sys.argv[1] == "check":
        return check(sys.argv[2])
    if sys.argv[1] == "run":
        return run(sys.argv[2])
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    return report(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    sys.exit(main())
