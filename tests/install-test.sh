#!/usr/bin/env bash
# `make install` with PREFIX and DESTDIR, then a program built only with
# `pkg-config --cflags --libs fastxlsx` against the installed copy, shared and static.
set -uo pipefail
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi; }

# DESTDIR staging: files land under DESTDIR, the .pc speaks of PREFIX.
make --no-print-directory -s install BUILD="$BUILD" PREFIX=/opt/fx DESTDIR="$tmp/stage" >"$tmp/log" 2>&1
check "make install DESTDIR=... ($(tail -3 "$tmp/log" | tr '\n' ' '))" $?
for f in include/fastxlsx.h lib/libfastxlsx.a lib/libfastxlsx.so lib/libfastxlsx.so.0 lib/pkgconfig/fastxlsx.pc bin/csv2xlsx; do
    [ -e "$tmp/stage/opt/fx/$f" ]; check "staged $f" $?
done
grep -q '^prefix=/opt/fx$' "$tmp/stage/opt/fx/lib/pkgconfig/fastxlsx.pc"; check ".pc prefix is PREFIX, not DESTDIR" $?
make --no-print-directory -s install-lib BUILD="$BUILD" PREFIX=/opt/fx DESTDIR="$tmp/stage2" LDCONFIG="touch $tmp/ldconfig-ran" >/dev/null 2>&1
[ ! -e "$tmp/ldconfig-ran" ]; check "no ldconfig with DESTDIR" $?
make --no-print-directory -s install-lib BUILD="$BUILD" PREFIX="$tmp/p2" LDCONFIG="touch $tmp/ldconfig-ran" >/dev/null 2>&1
[ -e "$tmp/ldconfig-ran" ]; check "make install runs ldconfig without DESTDIR" $?

# Each dependency named once, and only in Libs.private: pkg-config --cflags needs no other .pc.
pc="$tmp/stage/opt/fx/lib/pkgconfig/fastxlsx.pc"
! grep -q '^Requires' "$pc"; check ".pc has no Requires lines" $?
grep -q -- '-lutf8proc' "$pc"; check ".pc Libs.private names utf8proc (case folding of names)" $?
dups=$(sed -n 's/^Libs.private: //p' "$pc" | tr ' ' '\n' | grep '^-l' | sort | uniq -d)
[ -z "$dups" ]; check ".pc names each library once (twice: ${dups:-none})" $?
mkdir -p "$tmp/lonely" && cp "$pc" "$tmp/lonely/"
PKG_CONFIG_LIBDIR="$tmp/lonely" pkg-config --cflags fastxlsx >/dev/null 2>&1
check "pkg-config --cflags works with no other .pc file installed" $?

# A real prefix, used through pkg-config.
make --no-print-directory -s install BUILD="$BUILD" PREFIX="$tmp/prefix" >"$tmp/log" 2>&1
check "make install PREFIX=... ($(tail -3 "$tmp/log" | tr '\n' ' '))" $?
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
[ "$(pkg-config --modversion fastxlsx)" = "$(sed -n 's/^#define FASTXLSX_VERSION_STRING "\(.*\)"/\1/p' include/fastxlsx.h)" ]
check "pkg-config --modversion matches the header" $?

cc examples/hello.c $(pkg-config --cflags --libs fastxlsx) -o "$tmp/hello_shared"
check "hello builds with pkg-config --cflags --libs" $?
deps=$(ldd "$tmp/hello_shared") # whole output first: grep -q would close the pipe early
grep -q "libfastxlsx.so.0 => not found" <<<"$deps"; check "hello links the shared library (needs libfastxlsx.so.0)" $?
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/hello_shared" "$tmp/shared.xlsx" >/dev/null
check "hello (shared) runs" $?

cc examples/hello.c $(pkg-config --cflags fastxlsx) "$tmp/prefix/lib/libfastxlsx.a" \
    $(pkg-config --static --libs-only-l fastxlsx | sed 's/-lfastxlsx//') -o "$tmp/hello_static"
check "hello builds against the static library with pkg-config --static" $?
deps=$(ldd "$tmp/hello_static")
! grep -q libfastxlsx <<<"$deps"; check "static hello does not need the shared library" $?
"$tmp/hello_static" "$tmp/static.xlsx" >/dev/null; check "hello (static) runs" $?

# The README's ways for a prefix the loader does not search: an rpath, and the static
# library through -Wl,-Bstatic -lfastxlsx and pkg-config --static.
cc examples/hello.c $(pkg-config --cflags --libs fastxlsx) -Wl,-rpath,"$(pkg-config --variable=libdir fastxlsx)" \
    -o "$tmp/hello_rpath"
check "hello builds with an rpath" $?
env -u LD_LIBRARY_PATH "$tmp/hello_rpath" "$tmp/rpath.xlsx" >/dev/null; check "hello (rpath) runs without LD_LIBRARY_PATH" $?
cc examples/hello.c $(pkg-config --cflags fastxlsx) -Wl,-Bstatic -lfastxlsx -Wl,-Bdynamic \
    $(pkg-config --static --libs fastxlsx) -o "$tmp/hello_bstatic"
check "hello builds with -Wl,-Bstatic -lfastxlsx and pkg-config --static --libs" $?
deps=$(ldd "$tmp/hello_bstatic")
! grep -q libfastxlsx <<<"$deps"; check "that hello does not need the shared library" $?
env -u LD_LIBRARY_PATH "$tmp/hello_bstatic" "$tmp/bstatic.xlsx" >/dev/null; check "that hello runs" $?

/usr/bin/python3 - "$tmp/shared.xlsx" "$tmp/static.xlsx" "$tmp/rpath.xlsx" "$tmp/bstatic.xlsx" <<'PY'
import sys, openpyxl
for path in sys.argv[1:]:
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert ws.title == "Stock", ws.title
    assert rows[0] == ("item", "quantity", "price", "in stock"), rows[0]
    assert rows[1] == ("apples", 120, 0.35, True), rows[1]
    assert len(rows) == 4, rows
PY
check "installed builds write workbooks openpyxl reads back" $?

make --no-print-directory -s uninstall BUILD="$BUILD" PREFIX="$tmp/prefix" >"$tmp/log" 2>&1
check "make uninstall" $?
[ -z "$(find "$tmp/prefix" -type f)" ]; check "uninstall removes every installed file" $?
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
