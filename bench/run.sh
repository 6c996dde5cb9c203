#!/bin/bash
# run.sh - every benchmark of bench/README.md in one run; rewrites bench/README.md.
# Run by `make bench`, which builds the two programs first:
#   BENCH_WRITE       bench_write linked with the library as built (ISA-L when found)
#   BENCH_WRITE_ZLIB  bench_write linked with a zlib-only library (BUILD=$BUILD/zlib WITH_ISAL=0)
#   BENCH_FLOOR       bench_floor (bench/floor.c): the same package from XML rendered beforehand
# Optional: BENCH_ROWS (default 1000000), BENCH_BIG_ROWS (default 10000000),
# BENCH_ADAPT_S (default 5: a configuration marked "adaptive" gets 3 runs when its
# first run took less than this many seconds, otherwise 1), BENCH_README (default
# bench/README.md), BENCH_NO_PERF=1 (skip the profile).
# Raw results: $BUILD/bench-out/results.log (one key=value line per run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BUILD=${BUILD:-build}
BENCH_WRITE=${BENCH_WRITE:-$BUILD/bench_write}
BENCH_WRITE_ZLIB=${BENCH_WRITE_ZLIB:-$BUILD/zlib/bench_write}
BENCH_FLOOR=${BENCH_FLOOR:-$BUILD/bench_floor}
PYTHON=${PYTHON:-/usr/bin/python3}
ROWS=${BENCH_ROWS:-1000000}
BIG=${BENCH_BIG_ROWS:-10000000}
ADAPT=${BENCH_ADAPT_S:-5}
README=${BENCH_README:-$here/README.md}
OUT=$BUILD/bench-out
LOG=$OUT/results.log

for b in "$BENCH_WRITE" "$BENCH_WRITE_ZLIB" "$BENCH_FLOOR"; do
    [ -x "$b" ] || { echo "run.sh: $b not built (make bench builds it)" >&2; exit 2; }
done
rm -rf "$OUT"
mkdir -p "$OUT"
: >"$LOG"
started=$(date +%s)
# Run private copies, so that a rebuild of build/ while this runs (the library is
# being worked on) cannot mix two versions into one report.
cp "$BENCH_WRITE" "$OUT/bench_write"
cp "$BENCH_WRITE_ZLIB" "$OUT/bench_write_zlib"
cp "$BENCH_FLOOR" "$OUT/bench_floor"
BENCH_WRITE=$OUT/bench_write
BENCH_FLOOR=$OUT/bench_floor
BENCH_WRITE_ZLIB=$OUT/bench_write_zlib

log() { echo "$*" >>"$LOG"; }

# Busy CPU time of the whole machine so far, in clock ticks (/proc/stat: user nice
# system irq softirq steal). measure() subtracts the benchmark's own CPU time
# from the change over a run: what is left is other jobs' use of the cores.
HZ=$(getconf CLK_TCK)
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }

# Machine and build description.
{
    echo "meta date=$(date -u '+%Y-%m-%d_%H:%M_UTC')"
    echo "meta nproc=$(nproc)"
    echo "meta cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1 | tr ' ' '_')"
    echo "meta mem_total=$(awk '/^MemTotal/ {printf "%.1f_GiB", $2 / 1048576}' /proc/meminfo)"
    echo "meta kernel=$(uname -r)"
    echo "meta cc=$(${CC:-cc} --version | head -1 | tr ' ' '_')"
    echo "meta libxlsxwriter=$(pkg-config --modversion xlsxwriter 2>/dev/null || echo unknown)"
    echo "meta libisal=$(pkg-config --modversion libisal 2>/dev/null || echo none)"
    echo "meta zlib=$(pkg-config --modversion zlib 2>/dev/null || echo unknown)"
    echo "meta git=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
    echo "meta git_changed_lib_files=$(git -C "$root" status --porcelain -- lib include 2>/dev/null | wc -l)"
    echo "meta fs=$(df -T "$OUT" | awk 'NR == 2 {print $2}')"
    echo "meta rows=$ROWS big_rows=$BIG adapt_s=$ADAPT"
    echo "meta load_start=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
} >>"$LOG"

# run_once TAG I TIMEV BINARY ARGS...: run I of configuration TAG (TIMEV=1: under
# /usr/bin/time -v); writes $OUT/TAG.xlsx, then removes it. Sets $secs.
run_once() {
    local tag=$1 i=$2 tv=$3 bin=$4
    shift 4
    local file=$OUT/$tag.xlsx line busy0 busy1 other
    # Dirty pages of earlier runs (and of the floor's inputs) written back now,
    # not during this run.
    sync
    busy0=$(machine_busy)
    if [ "$tv" = 1 ]; then
        /usr/bin/time -v -o "$OUT/timev.txt" "$bin" "$@" -o "$file" >"$OUT/line.txt"
        log "timev tag=$tag max_rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/timev.txt")" \
            "elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/timev.txt")" \
            "user_s=$(sed -n 's/.*User time (seconds): //p' "$OUT/timev.txt")" \
            "sys_s=$(sed -n 's/.*System time (seconds): //p' "$OUT/timev.txt")"
    else
        "$bin" "$@" -o "$file" >"$OUT/line.txt"
    fi
    busy1=$(machine_busy)
    line=$(cat "$OUT/line.txt")
    # Cores used by other processes on average during the run.
    other=$(echo "$line" | awk -v b0="$busy0" -v b1="$busy1" -v hz="$HZ" '{
        for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        o = ((b1 - b0) / hz - v["user_s"] - v["sys_s"]) / (v["seconds"] > 0.05 ? v["seconds"] : 0.05)
        printf "%.2f", o < 0 ? 0 : o }')
    log "run tag=$tag run=$i load=$(cut -d' ' -f1 /proc/loadavg) other_cores=$other $line"
    secs=$(sed -n 's/.* seconds=\([0-9.]*\) .*/\1/p' "$OUT/line.txt")
    printf '  %-16s #%d %7ss  %s\n' "$tag" "$i" "$secs" \
        "$(sed 's/.* bytes=\([0-9]*\) peak_rss_kib=\([0-9]*\).*/bytes=\1 peak_rss_kib=\2/' "$OUT/line.txt")"
    rm -f "$file"
}

# measure TAG RUNS BINARY ARGS...: RUNS is 1, 3 or adaptive (3 when the first run
# takes less than $ADAPT seconds, else 1).
measure() {
    local tag=$1 runs=$2 bin=$3
    shift 3
    log "cmd tag=$tag $bin $* -o $OUT/$tag.xlsx"
    run_once "$tag" 1 0 "$bin" "$@"
    if [ "$runs" = 3 ] || { [ "$runs" = adaptive ] && awk -v s="$secs" -v a="$ADAPT" 'BEGIN {exit !(s < a)}'; }; then
        run_once "$tag" 2 0 "$bin" "$@"
        run_once "$tag" 3 0 "$bin" "$@"
    fi
}

echo "== both engines write the same values (bench/check_identical.sh, 3000 rows)"
check_rc=0
ROWS=3000 BENCH_WRITE=$BENCH_WRITE PYTHON=$PYTHON bash "$here/check_identical.sh" >"$OUT/check.txt" 2>&1 || check_rc=$?
sed 's/^/  /' "$OUT/check.txt"
log "check rc=$check_rc"

FX=$BENCH_WRITE
ZL=$BENCH_WRITE_ZLIB
LX="$BENCH_WRITE --engine libxlsxwriter"
FL=$BENCH_FLOOR

# The floor's input: the same packages rendered once, stored (level 0), kept until the end.
echo "== the floor's input: W1 and W2, $ROWS rows, stored"
for wl in mixed strings; do
    "$FX" --workload $wl --rows "$ROWS" --threads 1 --level 0 --fd -o "$OUT/stored_$wl.xlsx" >/dev/null
    log "cmd tag=stored_$wl $FX --workload $wl --rows $ROWS --threads 1 --level 0 --fd -o $OUT/stored_$wl.xlsx"
done

echo "== W1 mixed, $ROWS rows: fastxlsx (threads 2, single-threaded) and libxlsxwriter constant_memory"
# Five rounds, each running every configuration once, so that a slow spell of the
# machine falls on all of them alike (and counts once in five for the median);
# round 1 under /usr/bin/time -v.
W1_T2="$FX --workload mixed --rows $ROWS --threads 2"
W1_T1="$FX --workload mixed --rows $ROWS --threads 1"
W1_LXW="$LX --workload mixed --rows $ROWS"
W1_NONE="$FX --engine none --workload mixed --rows $ROWS"
W1_FLOOR_T1="$FL --input $OUT/stored_mixed.xlsx --threads 1"
W1_FLOOR_T2="$FL --input $OUT/stored_mixed.xlsx --threads 2"
log "cmd tag=w1_t2 $W1_T2 -o $OUT/w1_t2.xlsx"
log "cmd tag=w1_t1 $W1_T1 -o $OUT/w1_t1.xlsx"
log "cmd tag=w1_lxw $W1_LXW -o $OUT/w1_lxw.xlsx"
log "cmd tag=w1_none $W1_NONE -o $OUT/w1_none.xlsx"
log "cmd tag=w1_floor_t1 $W1_FLOOR_T1 -o $OUT/w1_floor_t1.xlsx"
log "cmd tag=w1_floor_t2 $W1_FLOOR_T2 -o $OUT/w1_floor_t2.xlsx"
for i in 1 2 3 4 5; do
    tv=$([ $i = 1 ] && echo 1 || echo 0)
    run_once w1_t2 $i "$tv" $W1_T2
    run_once w1_t1 $i "$tv" $W1_T1
    run_once w1_lxw $i "$tv" $W1_LXW
    run_once w1_none $i 0 $W1_NONE
    run_once w1_floor_t2 $i 0 $W1_FLOOR_T2
    run_once w1_floor_t1 $i 0 $W1_FLOOR_T1
done

echo "== W1 mixed, $BIG rows (one run each)"
measure w1big_t1 1 $FX --workload mixed --rows "$BIG" --threads 1
measure w1big_t2 1 $FX --workload mixed --rows "$BIG" --threads 2

echo "== W2 strings, $ROWS rows"
measure w2_t2 adaptive $FX --workload strings --rows "$ROWS" --threads 2
measure w2_t1 adaptive $FX --workload strings --rows "$ROWS" --threads 1
measure w2_lxw adaptive $LX --workload strings --rows "$ROWS"
measure w2_none 3 $FX --engine none --workload strings --rows "$ROWS"
measure w2_floor_t2 3 $FL --input "$OUT/stored_strings.xlsx" --threads 2
measure w2_floor_t1 3 $FL --input "$OUT/stored_strings.xlsx" --threads 1
rm -f "$OUT/stored_mixed.xlsx" "$OUT/stored_strings.xlsx"

echo "== cell references: the compact form (--refs compact) next to the default (every r), W1 and W2 $ROWS rows"
for w in mixed strings; do
    k=$([ $w = mixed ] && echo w1 || echo w2)
    measure ${k}_compact_t1 adaptive $FX --workload $w --rows "$ROWS" --threads 1 --refs compact
    measure ${k}_compact_t2 adaptive $FX --workload $w --rows "$ROWS" --threads 2 --refs compact
done

echo "== scaling: 2 and 4 workers (--threads 3, 5) on W1 and W2 ($ROWS rows; 0 and 1 are above), and the stages"
for t in 3 5; do
    measure w1_t$t adaptive $FX --workload mixed --rows "$ROWS" --threads $t
    measure w2_t$t adaptive $FX --workload strings --rows "$ROWS" --threads $t
done
# The stages: with --render workers the caller's thread only prepares rows (and writes the output), the
# workers render and compress; at level 0 the workers only render (and compute CRC-32).
for w in mixed strings; do
    k=$([ $w = mixed ] && echo w1 || echo w2)
    measure ${k}_stage 3 $FX --workload $w --rows "$ROWS" --threads 2 --render workers
    measure ${k}_stage_stored 3 $FX --workload $w --rows "$ROWS" --threads 2 --render workers --level 0 --fd
done

# The library's default level is the W1 single-threaded configuration: its runs are
# reused for that row.
log "alias tag=lvl_isal_default same=w1_t1"

echo "== deflate levels, W1 $ROWS rows, single-threaded"
for lvl in 0 1 3 6 9; do
    measure "lvl_isal_$lvl" adaptive $FX --workload mixed --rows "$ROWS" --threads 1 --level "$lvl"
done
measure lvl_zlib_default adaptive $ZL --workload mixed --rows "$ROWS" --threads 1
for lvl in 0 1 2 3 6 9; do
    measure "lvl_zlib_$lvl" adaptive $ZL --workload mixed --rows "$ROWS" --threads 1 --level "$lvl"
done

echo "== flush interval, buffer size, low memory, W1 $ROWS rows, single-threaded"
for f in 0 1000 100; do
    measure "flush_$f" adaptive $FX --workload mixed --rows "$ROWS" --threads 1 --flush "$f"
done
for b in 16384 262144 4194304; do
    measure "buf_$b" adaptive $FX --workload mixed --rows "$ROWS" --threads 1 --buffer "$b"
done
measure lowmem adaptive $FX --workload mixed --rows "$ROWS" --threads 1 --buffer 16384 --sst 10000,1048576
measure nosst adaptive $FX --workload mixed --rows "$ROWS" --threads 1 --buffer 16384 --sst 0
measure header_only 1 $FX --workload mixed --rows 0 --threads 1
measure header_only_lxw 1 $LX --workload mixed --rows 0

# Profile: where the single-threaded W1 time goes. A flat profile (self time), and
# inclusive times from DWARF call graphs (the library has no frame pointers).
if [ "${BENCH_NO_PERF:-0}" != 1 ] && command -v perf >/dev/null; then
    echo "== profile: perf record, W1 single-threaded"
    prof_rows=$ROWS
    log "cmd tag=perf_flat perf record -F 999 -o $OUT/perf-flat.data -- $FX --workload mixed --rows $ROWS --threads 1 -o $OUT/perf.xlsx"
    perf record -q -F 999 -o "$OUT/perf-flat.data" -- $FX --workload mixed --rows "$ROWS" --threads 1 \
        -o "$OUT/perf.xlsx" >/dev/null 2>"$OUT/perf-record.err"
    log "cmd tag=perf_graph perf record --call-graph dwarf -F 999 -o $OUT/perf-graph.data -- $FX --workload mixed --rows $prof_rows --threads 1 -o $OUT/perf.xlsx"
    perf record -q --call-graph dwarf -F 999 -o "$OUT/perf-graph.data" -- $FX --workload mixed \
        --rows "$prof_rows" --threads 1 -o "$OUT/perf.xlsx" >/dev/null 2>>"$OUT/perf-record.err"
    rm -f "$OUT/perf.xlsx"
    # perf report's stdio output without comments, blank lines and the IPC columns
    # (empty in a VM without hardware counters).
    clean() { grep -v -e '^#' -e '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//'; }
    perf report -i "$OUT/perf-flat.data" --no-children --sort dso,symbol --stdio --percent-limit 0.7 \
        2>/dev/null | clean | head -30 >"$OUT/perf-self.txt" || true
    perf report -i "$OUT/perf-flat.data" --no-children --sort dso --stdio 2>/dev/null | clean \
        >"$OUT/perf-dso.txt" || true
    perf report -i "$OUT/perf-flat.data" --header-only 2>/dev/null | sed -n 's/^# event : name = \([^,]*\),.*/\1/p' |
        head -1 >"$OUT/perf-event.txt" || true
    # Inclusive times, without the frames every sample has (_start .. fx_put_row).
    perf report -i "$OUT/perf-graph.data" --children --sort symbol --stdio -g none --percent-limit 2 \
        2>/dev/null | clean | grep -v -E '\] (_start|main|__libc_start_main_impl|__libc_start_call_main|run_fastxlsx|fx_put_row)( \(inlined\))?$' \
        >"$OUT/perf-children.txt" || true
    # Who calls the C library's busiest functions (memcpy, strlen, ...).
    for sym in $(awk '$2 == "libc.so.6" {print $4}' "$OUT/perf-self.txt" | head -3); do
        echo "$sym, called from:"
        # Branches print as "|--4.38%--caller"; a single caller follows "---SYMBOL".
        perf report -i "$OUT/perf-graph.data" --no-children --stdio --symbols "$sym" \
            -g caller,0.5,callee,function,percent 2>/dev/null | awk -v sym="$sym" '
            /^ +[0-9.]+%/ && total == "" { total = $1 }
            next_is_caller { sub(/^[ |]+/, ""); printf "    %s  %s\n", total, $0 == "" ? "(stack not unwound)" : $0; next_is_caller = 0; n++ }
            $0 ~ "---" sym "$" { next_is_caller = 1 }
            /--[0-9.]+%--/ { line = $0; sub(/^[ |]*--/, "", line); split(line, a, "--"); printf "    %s  %s\n", a[1], a[2]; n++ }
            n >= 5 { exit }'
    done >"$OUT/perf-libc-callers.txt" 2>/dev/null || true
    log "perf prof_rows=$prof_rows"
fi

# Rows kept in memory, on 16,384-column rows: peak RSS (VmHWM) of tests/e2e/rss_wide.
RSS_WIDE=${RSS_WIDE:-$BUILD/tests/rss_wide}
if [ -x "$RSS_WIDE" ]; then
    log "cmd tag=rsswide_autofit $RSS_WIDE autofit 1100"
    log "rsswide case=autofit peak_kib=$("$RSS_WIDE" autofit 1100)"
    log "cmd tag=rsswide_header $RSS_WIDE header 120"
    read -r peak ok refused <<<"$("$RSS_WIDE" header 120)"
    log "rsswide case=header peak_kib=$peak written=$ok refused=$refused"
fi

# Python: W1 through examples/python/fastxlsx.py against XlsxWriter and openpyxl
# (bench/python_bench.py), with a private copy of the shared library.
if [ -e "$BUILD/libfastxlsx.so.0" ]; then
    echo "== Python: W1 ${BENCH_PY_ROWS:-100000} rows through the binding, XlsxWriter, openpyxl"
    cp -L "$BUILD/libfastxlsx.so.0" "$OUT/libfastxlsx.so.0"
    log "cmd tag=python FASTXLSX_LIBRARY=$OUT/libfastxlsx.so.0 $PYTHON bench/python_bench.py --rows ${BENCH_PY_ROWS:-100000} --repeat 3 --out-dir $OUT"
    FASTXLSX_LIBRARY="$OUT/libfastxlsx.so.0" "$PYTHON" "$here/python_bench.py" --rows "${BENCH_PY_ROWS:-100000}" \
        --repeat 3 --out-dir "$OUT" --log "$LOG" --markdown "$OUT/python-bench.md" >/dev/null
fi

log "meta load_end=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
log "meta total_s=$(($(date +%s) - started))"
"$PYTHON" "$here/report.py" "$OUT" >"$README.new"
# The sections "Side by side with other writers" (make bench-peers, bench/peers/peers.py),
# the PostgreSQL one (make bench-pg, bench/pg_bench.sh), the Arrow one (make bench-arrow)
# and the Excel tables one (make bench-table, bench/table_bench.sh) are not written here:
# keep the ones the file has, with their own dates, in their order, rather than drop them.
if [ -e "$README" ]; then
    "$PYTHON" - "$README" "$README.new" <<'PY'
import re, sys
old = open(sys.argv[1]).read()
for m in re.finditer(r"\n## (?:Side by side with other writers|PostgreSQL export: pg2xlsx and psql"
                     r"|DataFrames through Arrow|Excel tables: W1 with a table"
                     r"|Notes held for the sheet's end).*?(?=\n## |\Z)", old, re.S):
    with open(sys.argv[2], "a") as f:
        f.write(m.group(0).rstrip("\n") + "\n")
PY
fi
mv "$README.new" "$README"
echo "== wrote $README ($(($(date +%s) - started)) s)"
