#!/usr/bin/env bash
# pg_bench.sh - PostgreSQL export: pg2xlsx (binary COPY -> typed .xlsx) against
# `psql \copy ... csv` (the server's CSV dump to a file), same table, same run.
#
#   bench/pg_bench.sh                    1,000,000 rows x 20 typed columns, 3 runs of each
#   ROWS=100000 REPEAT=1 bench/pg_bench.sh   a quick trial
#   PG_BENCH_README=bench/README.md bench/pg_bench.sh   also write the results as a section of that file
#
# It starts a private PostgreSQL server (tests/pg/server.sh), fills a table of ROWS
# rows (ints, int8 beyond 2^53, numerics, floats, text, bool, date, timestamptz,
# NULLs), warms it into the cache, then runs psql and pg2xlsx (--threads 1, 2 and the
# default) REPEAT times each, with the server local and remote-like (see below), alternating.
# Per run: wall time, the client's peak RSS and CPU seconds (/usr/bin/time), and the
# server's CPU seconds (the postmaster's reaped children: the backend that served
# the export). The table printed (Markdown) shows the median run of each.
set -uo pipefail
BUILD=${BUILD:-build}
ROWS=${ROWS:-1000000}
REPEAT=${REPEAT:-3}
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

# Two placements, alternated run by run so that the machine's other load hits both alike:
#   local        server and client share every CPU (the server on this host, as in the tests);
#   remote-like  the server pinned to CPU 0 (taskset on the postmaster: the backend it forks for
#                each connection inherits it), the client to the CPUs left, as if the server ran
#                on a machine of its own.
# In each: psql's CSV dump, pg2xlsx --threads 1, --threads 2, and pg2xlsx's default (no --threads).
ncpu=$(nproc)
server_cpus="0"
client_cpus=$([ "$ncpu" -gt 2 ] && echo "1-$((ncpu - 1))" || echo 1)
place() { # local | remote
    if [ "$1" = local ]; then taskset -a -cp "0-$((ncpu - 1))" "$pm" >/dev/null
    else taskset -a -cp "$server_cpus" "$pm" >/dev/null; fi
}
pin() { # placement: the prefix that runs a command on the client's CPUs
    pinned=()
    [ "$1" = remote ] && pinned=(taskset -c "$client_cpus")
}
results="$work/results"
: >"$results"
measure() { # label, command...
    local label=$1
    shift
    sleep 0.3
    local before after load
    load=$(cut -d' ' -f1 /proc/loadavg)
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
    echo "$label $wall $user $sys $rss $server $load" >>"$results"
}

# What the default chose in each placement (pg2xlsx says so with --progress).
for where in local remote; do
    place $where
    pin $where
    "${pinned[@]}" "$BUILD/pg2xlsx" --progress -c "select 1" -o "$work/one.xlsx" 2>"$work/default-$where"
done
EXPORTERS=${EXPORTERS:-psql t1 t2 default}
for i in $(seq "$REPEAT"); do
    for e in $EXPORTERS; do
        for where in local remote; do
            [ $((i % 2)) -eq 0 ] && where=$([ $where = local ] && echo remote || echo local) # ABBA
            place $where
            pin $where
            rm -f "$work/out.csv" "$work/out.xlsx"
            case $e in
            psql)
                measure "$where:psql" "${pinned[@]}" psql -X -q -c "\\copy (select * from bench_t) to '$work/out.csv' csv header"
                csv_bytes=$(stat -c %s "$work/out.csv") ;;
            t1 | t2)
                measure "$where:$e" "${pinned[@]}" "$BUILD/pg2xlsx" --threads "${e#t}" -t bench_t -o "$work/out.xlsx"
                xlsx_bytes=$(stat -c %s "$work/out.xlsx") ;;
            default)
                measure "$where:$e" "${pinned[@]}" "$BUILD/pg2xlsx" -t bench_t -o "$work/out.xlsx" ;;
            esac
        done
    done
done
place local

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

least() { # label, field number
    awk -v l="$1" -v f="$2" '$1 == l {print $f}' "$results" | sort -g | head -1
}
median() { # label, field number (2 wall, 3 user, 4 sys, 5 rss KiB, 6 server, 7 load)
    awk -v l="$1" -v f="$2" '$1 == l {print $f}' "$results" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
name() { # exporter key
    case $1 in
    psql) echo '`psql \copy ... csv`' ;;
    t1) echo '`pg2xlsx --threads 1`' ;;
    t2) echo '`pg2xlsx --threads 2`' ;;
    default) echo '`pg2xlsx` (default: '"$(sed -n 's/^pg2xlsx: \([0-9]* threads*\).*/\1/p' "$work/default-$where")"')' ;;
    esac
}
table=$(
    for where in local remote; do
        [ $where = local ] && echo "Local: server and pg2xlsx share the $ncpu CPUs." ||
            echo "Remote-like: the server on CPU $server_cpus, the client on CPU $client_cpus (taskset)."
        echo
        echo "| exporter | wall s | / psql | / --threads 1 | fastest run s | client CPU s (user + sys) | server CPU s | peak RSS MiB | output MB |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        p_wall=$(median $where:psql 2)
        t1_wall=$(median $where:t1 2)
        for e in $EXPORTERS; do
            l=$where:$e
            awk -v n="$(name $e)" -v w="$(median $l 2)" -v p="$p_wall" -v t="$t1_wall" -v u="$(median $l 3)" -v m="$(least $l 2)" \
                -v s="$(median $l 4)" -v r="$(median $l 5)" -v sv="$(median $l 6)" \
                -v b="$([ $e = psql ] && echo "$csv_bytes" || echo "$xlsx_bytes")" \
                'BEGIN {printf "| %s | %.2f | %.2fx | %s | %.2f | %.2f | %.2f | %.1f | %.1f |\n", n, w, w / p, \
                    (n ~ /psql/ ? "" : sprintf("%.2fx", w / t)), m, u + s, sv, r / 1024, b / 1e6}'
        done
        echo
    done
    awk '{s += $7; if ($7 > m) m = $7} END {printf "Load (1-minute average before each run): mean %.2f, at most %.2f.\n", s / NR, m}' "$results"
)
summary="$ROWS rows x 20 columns (int4, int2, int8 with 10% beyond 2^53, numeric(12,2), numeric with 20% of
23 significant digits, float8 x2, text x3, varchar, bool, date, timestamptz, timestamp, int4 and numeric with
NULLs, float4, int), median of $REPEAT runs each; the runs alternate exporter by exporter and placement by
placement (local, remote-like; remote-like first in every other round), so that other load on the machine
falls on all of them alike; table setup took ${setup_s} s.
PostgreSQL $(psql -X -At -c 'show server_version'), private server on a unix socket (tests/pg/server.sh), fsync off."
echo "$summary"
echo
echo "$table"
echo
echo "Raw runs (placement:exporter wall user sys rss_kib server_cpu_s load1):"
cat "$results"
if [ -n "${PG_BENCH_README:-}" ]; then
    section="## PostgreSQL export: pg2xlsx and psql (bench/pg_bench.sh)

Generated by \`bench/pg_bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). $summary

$table

Server CPU is what the backend serving the export used (reading the table, encoding binary COPY or CSV);
client CPU is pg2xlsx's decoding, XML and compression or psql's writing of the CSV. pg2xlsx's default is
2 threads when two of the CPUs it may run on are left after a server on this host (Unix socket, loopback
or one of this host's addresses) has taken one, else 1: a local server needs a CPU of its own."
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
