#!/usr/bin/env bash
# Fault injection: the write callback and the system calls failing at every
# Nth call (under valgrind's memcheck, so a leak on any error path fails), the
# file size limit and a full filesystem, then the SIGKILL test and csv2xlsx stopped by
# SIGINT, SIGTERM and SIGHUP (signals.sh).
set -euo pipefail
BUILD=${BUILD:-build}
vg=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible)
for t in fault_callback fault_io; do
    echo "== (valgrind) $BUILD/tests/$t"
    start=$SECONDS
    "${vg[@]}" "$BUILD/tests/$t"
    echo "$t: $((SECONDS - start)) s"
done
echo "== tests/fault/sigkill.sh"
start=$SECONDS
BUILD=$BUILD bash tests/fault/sigkill.sh
echo "sigkill: $((SECONDS - start)) s"
echo "== tests/fault/signals.sh"
start=$SECONDS
BUILD=$BUILD bash tests/fault/signals.sh
echo "signals: $((SECONDS - start)) s"
