#!/usr/bin/env bash
# pg_bench.sh - PostgreSQL export: pg2xlsx (binary COPY -> typed .xlsx) against
# `psql \copy ... csv` (the server's CSV dump to a file), same table, same run.
#
#   bench/pg_bench.sh                    1,000,000 rows x 20 typed columns, 3 runs each
#   ROWS=100000 REPEAT=1 bench/pg_bench.sh   a quick trial
#   PG_BENCH_README=bench/README.md bench/pg_bench.sh   also write the results as a section of that file
#
# It starts a private PostgreSQL server (tests/pg/server.sh), fills a table of ROWS
# rows (ints, int8 beyond 2^53, numerics, floats, text, bool, date, timestamptz,
# NULLs), warms it into the cache, then runs each exporter REPEAT times, alternating.
# Per run: wall time, the client's peak RSS and CPU seconds (/usr/bin/time), and the
# server's CPU seconds (the postmaster's reaped children: the backend that served
# the export). The table printed (Markdown) shows the median run of each.
set -uo pipefail
BUILD=${BUILD:-build}
ROWS=${ROWS:-1000000}
REPEAT=${REPEAT:-3}
THREADS=${THREADS:-2}
cd "$(dirname "$0")/.."
[ -x "$BUILD/pg2xlsx" ] || { echo "pg_bench: build $BUILD/pg2xlsx first (make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "pg_bench: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
source tests/pg/server.sh
work="$pgtmp/bench"
mkdir -p "$work"
chmod 777 "$work"

t0=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE bench_t AS
SELECT g::int4                                             AS id,
       (g % 30000)::int2                                   AS qty,
       (g::int8 * 1000003)                                 AS amount,
       CASE WHEN g % 10 = 0 THEN 4611686018427387904 + g ELSE g END::int8 AS big,
       round((g % 100000) / 7.0, 2)::numeric(12, 2)        AS price,
       CASE WHEN g % 5 = 0 THEN 12345678901234567890.123 + g ELSE g / 8.0 END::numeric AS rate,
       (g / 3.0)::float8                                   AS ratio,
       sin(g)::float8                                      AS score,
       'customer ' || g                                    AS name,
       ('C' || (g % 1000))::varchar(10)                    AS code,
       CASE WHEN g % 2 = 0 THEN 'note for row ' || g END   AS note,
       (g % 3 = 0)                                         AS flag,
       date '2000-01-01' + (g % 9000)                      AS day,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1.234567 second' AS created,
       timestamp '2020-06-01 12:00:00' + g * interval '1 minute' AS updated,
       CASE WHEN g % 3 <> 0 THEN g % 1000 END::int4        AS maybe_int,
       CASE WHEN g % 4 <> 0 THEN (g % 997) * 1.5 END::numeric AS maybe_num,
       (ARRAY['red', 'green', 'blue', 'cyan'])[1 + g % 4]  AS category,
       (g % 1000)::float4 / 8                              AS small_f,
       g % 7                                               AS weekday
FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE bench_t;
SQL
psql -X -q -At -c "select count(*) from bench_t" >/dev/null
setup_s=$(($(date +%s) - t0))

pm=$(head -1 "$pgtmp/data/postmaster.pid")
tck=$(getconf CLK_TCK)
pm_cpu() { # ticks of the postmaster and its reaped children
    awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
}

results="$work/results"
: >"$results"
measure() { # label, command...
    local label=$1
    shift
    sleep 0.3
    local before after
    before=$(pm_cpu)
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err"
    local rc=$?
    sleep 0.5 # the backend exits and is reaped after the client disconnects
    after=$(pm_cpu)
    if [ $rc -ne 0 ]; then
        echo "pg_bench: $label failed (exit $rc):" >&2
        cat "$work/err" >&2
        exit 1
    fi
    read -r wall user sys rss <"$work/time"
    local server
    server=$(awk -v a="$after" -v b="$before" -v t="$tck" 'BEGIN {printf "%.2f", (a - b) / t}')
    echo "$label $wall $user $sys $rss $server" >>"$results"
}

for i in $(seq "$REPEAT"); do
    rm -f "$work/out.csv" "$work/out.xlsx"
    measure psql psql -X -q -c "\\copy (select * from bench_t) to '$work/out.csv' csv header"
    csv_bytes=$(stat -c %s "$work/out.csv")
    measure pg2xlsx "$BUILD/pg2xlsx" --threads "$THREADS" -t bench_t -o "$work/out.xlsx"
    xlsx_bytes=$(stat -c %s "$work/out.xlsx")
done

# A check that the workbook holds the table (the row count and one row's types).
/usr/bin/python3 - "$work/out.xlsx" "$ROWS" <<'PY' || exit 1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb[wb.sheetnames[0]]
rows = ws.iter_rows(min_row=1, max_row=3, values_only=True)
header, first, second = next(rows), next(rows), next(rows)
assert len(header) == 20 and header[0] == "id", header
assert first[0] == 1 and isinstance(first[6], float) and first[11] is False, first
n = sum(ws2.max_row - 1 for ws2 in (wb[s] for s in wb.sheetnames))
assert n == int(sys.argv[2]), (n, sys.argv[2])
PY

median() { # label, field number (2 wall, 3 user, 4 sys, 5 rss KiB, 6 server)
    awk -v l="$1" -v f="$2" '$1 == l {print $f}' "$results" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
table=$(
    p_wall=$(median psql 2); x_wall=$(median pg2xlsx 2)
    echo "| exporter | wall s | client CPU s (user + sys) | server CPU s | peak RSS MiB | output MB |"
    echo "|---|---:|---:|---:|---:|---:|"
    for l in psql pg2xlsx; do
        awk -v l="$l" -v w="$(median $l 2)" -v u="$(median $l 3)" -v s="$(median $l 4)" -v r="$(median $l 5)" \
            -v sv="$(median $l 6)" -v b="$([ $l = psql ] && echo "$csv_bytes" || echo "$xlsx_bytes")" \
            'BEGIN {printf "| %s | %.2f | %.2f | %.2f | %.1f | %.1f |\n", \
                (l == "psql" ? "`psql \\copy ... csv`" : "`pg2xlsx --threads '"$THREADS"'`"), w, u + s, sv, r / 1024, b / 1e6}'
    done
    echo
    awk -v p="$p_wall" -v x="$x_wall" 'BEGIN {printf "pg2xlsx takes %.2fx the wall time of psql'"'"'s CSV dump (goal: at most 1.3x).\n", x / p}'
)
summary="$ROWS rows x 20 columns (int4, int2, int8 with 10% beyond 2^53, numeric(12,2), numeric with 20% of
23 significant digits, float8 x2, text x3, varchar, bool, date, timestamptz, timestamp, int4 and numeric with
NULLs, float4, int), median of $REPEAT runs each, alternating; table setup took ${setup_s} s.
PostgreSQL $(psql -X -At -c 'show server_version'), private server on a unix socket (tests/pg/server.sh), fsync off."
echo "$summary"
echo
echo "$table"
echo
echo "Raw runs (label wall user sys rss_kib server_cpu_s):"
cat "$results"
if [ -n "${PG_BENCH_README:-}" ]; then
    section="## PostgreSQL export: pg2xlsx and psql (bench/pg_bench.sh)

Generated by \`bench/pg_bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). $summary

$table

Server CPU is what the backend serving the export used (reading the table, encoding binary COPY or CSV);
client CPU is pg2xlsx's decoding, XML and compression (on two threads) or psql's writing of the CSV."
    /usr/bin/python3 - "$PG_BENCH_README" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
try:
    text = open(path).read()
except FileNotFoundError:
    text = ""
pat = re.compile(r"## PostgreSQL export: pg2xlsx and psql.*?(?=\n## |\Z)", re.S)
text = pat.sub(lambda m: section, text) if pat.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
    echo "pg_bench: wrote the section to $PG_BENCH_README"
fi
