#!/usr/bin/env bash
# SIGINT, SIGTERM and SIGHUP during csv2xlsx: each signal is sent in the middle of
# a conversion, twice: while csv2xlsx converts a large file (busy), and while it
# waits for more input on a pipe (a read the signal interrupts). After each:
# csv2xlsx died of that signal (a shell's status 128 + its number), said so on
# standard error, and left nothing behind: the destination is still absent, and
# the output directory is empty (no temporary file, named or not). A destination
# that existed keeps its bytes. "Mid-conversion" is observed, not timed: the
# signal goes once /proc/PID/io shows that csv2xlsx has read part of its input.
set -uo pipefail
set -m # background jobs keep SIGINT (without job control a script's background jobs ignore it)
shopt -s dotglob nullglob
BUILD=${BUILD:-build}
# csv2xlsx keeps a signal its parent ignored (as a program started with nohup or in the background should), and
# a shell cannot undo an ignore it inherited: when the test itself runs with SIGINT ignored (a background job of
# a non-interactive shell), only env can give csv2xlsx the default dispositions back, so that it installs its
# handlers. (csv2xlsx's exec keeps the pid env had.)
csv2xlsx=(env --default-signal=INT,TERM,HUP "$(cd "$BUILD" && pwd)/csv2xlsx")
tmp=$(mktemp -d /tmp/fastxlsx-signals-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

if [ ! -r /proc/self/io ]; then # (a kernel without task I/O accounting)
    echo "signals: SKIPPED: /proc/PID/io, which tells when csv2xlsx is mid-conversion, is not available"
    exit 0
fi

# 3,000,000 short rows (about 80 MB): seconds of work, read in 64 KiB pieces.
awk 'BEGIN { print "id,name,value,day"; for (i = 1; i <= 3000000; i++) printf "%d,r%d,%d.5,2024-01-%02d\n", i, i % 1000, i, i % 28 + 1 }' \
    >"$tmp/in.csv"
head -c 2000000 "$tmp/in.csv" | sed '$d' >"$tmp/part.csv" # whole lines, for the pipe
part_bytes=$(stat -c %s "$tmp/part.csv")

# Wait until process $1 has read at least $2 bytes; 1 if it ended first or after 60 s.
wait_read() {
    local pid=$1 want=$2 i got
    for i in $(seq 600); do
        got=$(awk '/^rchar:/ { print $2 }' "/proc/$pid/io" 2>/dev/null) || return 1
        [ -n "$got" ] || return 1
        [ "$got" -ge "$want" ] && return 0
        sleep 0.1
    done
    return 1
}

# One run: signal name and number, how (busy | pipe), whether the destination existed before.
one() {
    local sig=$1 num=$2 how=$3 existed=$4 out="$tmp/out" what="$1 ($3${4:+, replacing a file})" pid rc
    rm -rf "$out" && mkdir "$out"
    [ -n "$existed" ] && echo "previous content" >"$out/dest.xlsx"
    if [ "$how" = busy ]; then
        "${csv2xlsx[@]}" "$tmp/in.csv" -o "$out/dest.xlsx" 2>"$tmp/err" &
        pid=$!
        wait_read $pid 4000000 || { bad "$what: csv2xlsx ended before it had read 4 MB"; wait $pid; return; }
    else
        # A FIFO this shell holds open for writing too: csv2xlsx reads the first part, then
        # waits for more (no end of input while fd 3 is open).
        rm -f "$tmp/fifo" && mkfifo "$tmp/fifo" && exec 3<>"$tmp/fifo"
        "${csv2xlsx[@]}" - -o "$out/dest.xlsx" <&3 2>"$tmp/err" &
        pid=$!
        cat "$tmp/part.csv" >&3
        wait_read $pid "$part_bytes" || { bad "$what: csv2xlsx ended before it had read the first part"; wait $pid; return; }
        sleep 0.2 # now in a read that waits
    fi
    kill -s "$sig" "$pid"
    wait $pid 2>/dev/null # (the shell's job report)
    rc=$?
    [ "$how" = pipe ] && exec 3>&-
    [ "$rc" -eq $((128 + num)) ] && ok || bad "$what: exit status $rc, expected $((128 + num)) ($(cat "$tmp/err"))"
    grep -q "^csv2xlsx: interrupted by $sig after [0-9]* records$" "$tmp/err" && ok ||
        bad "$what: no 'interrupted by $sig' message ($(cat "$tmp/err"))"
    local left
    left=$(ls -A "$out")
    if [ -n "$existed" ]; then
        [ "$left" = dest.xlsx ] && [ "$(cat "$out/dest.xlsx")" = "previous content" ] && ok ||
            bad "$what: the output directory holds '$left' (expected the old dest.xlsx, untouched)"
    else
        [ -z "$left" ] && ok || bad "$what: left behind: $left"
    fi
}

for s in "INT 2" "TERM 15" "HUP 1"; do
    set -- $s
    one "SIG$1" "$2" busy ""
    one "SIG$1" "$2" pipe ""
done
one SIGINT 2 busy existed
one SIGTERM 15 pipe existed

echo "signals: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
