#!/usr/bin/env bash
# The shared library exports exactly the functions the public header declares,
# under the soname libfastxlsx.so.0, and the header itself keeps the ABI rules:
# no struct layouts, unions or varargs, extern "C" guards, clean in C and C++.
set -uo pipefail
BUILD=${BUILD:-build}
lib=$BUILD/libfastxlsx.so
fail=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { # name, condition result (0 = ok)
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}

declared=$(grep -o 'FAST_API [^;]*(' include/fastxlsx.h | sed 's/($//; s/.*[ *]\([a-z_0-9]*\)$/\1/' | sort)
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort)
if [ "$declared" = "$exported" ]; then r=0; else r=1; diff <(echo "$declared") <(echo "$exported") || true; fi
check "exported symbols equal the header's FAST_API functions" $r
[ "$(echo "$declared" | wc -l)" -ge 20 ]; check "header declares the API (found $(echo "$declared" | wc -l))" $?
grep -qv '^fast_' <<<"$exported" && r=1 || r=0
check "every export starts with fast_" $r

# Version nodes: every symbol sits in the node of the release that added it.
# tests/abi-0.1.symbols lists what 0.1 exported (FASTXLSX_0), tests/abi-0.2.symbols
# what 0.2 added (FASTXLSX_0.2); everything added since is FASTXLSX_0.3. Each node
# inherits the one before.
first=$(dirname "$0")/abi-0.1.symbols
second=$(dirname "$0")/abi-0.2.symbols
versioned=$(objdump -T "$lib" | awk '$NF ~ /^fast_/ && $2 != "*UND*" {print $NF, $(NF-1)}' | sort)
bad=""
while read -r sym node; do
    if grep -qx "$sym" "$first"; then want=FASTXLSX_0
    elif grep -qx "$sym" "$second"; then want=FASTXLSX_0.2
    else want=FASTXLSX_0.3; fi
    [ "$node" = "$want" ] || bad="$bad $sym@$node(want $want)"
done <<<"$versioned"
[ -z "$bad" ]; check "every symbol in the node of its release:${bad:- ok}" $?
missing=$(sort "$first" "$second" | comm -23 - <(echo "$exported"))
[ -z "$missing" ]; check "every 0.1 and 0.2 symbol is still exported (missing: ${missing:-none})" $?
[ "$(echo "$versioned" | wc -l)" = "$(echo "$exported" | wc -l)" ]; check "every export has a version" $?
defs=$(objdump -p "$lib" | sed -n '/^Version definitions:/,/^$/p')
grep -q ' FASTXLSX_0$' <<<"$defs" && grep -q ' FASTXLSX_0\.2$' <<<"$defs" && grep -q ' FASTXLSX_0\.3$' <<<"$defs"
check "version nodes FASTXLSX_0, FASTXLSX_0.2 and FASTXLSX_0.3 defined" $?
grep -A1 ' FASTXLSX_0\.2$' <<<"$defs" | tail -1 | grep -qw FASTXLSX_0
check "FASTXLSX_0.2 inherits FASTXLSX_0" $?
grep -A1 ' FASTXLSX_0\.3$' <<<"$defs" | tail -1 | grep -qw 'FASTXLSX_0\.2'
check "FASTXLSX_0.3 inherits FASTXLSX_0.2" $?

# A program linked against 0.1 (every 0.1 function at FASTXLSX_0, as 0.1's library
# exported them) still loads and resolves every symbol against this library.
mkdir -p "$tmp/old"
sed 's/.*/void &(void) {}/' "$first" > "$tmp/old/stub.c"
echo 'FASTXLSX_0 { global: fast_*; local: *; };' > "$tmp/old/old.map"
{ sed 's/.*/extern void &(void);/' "$first"; echo 'void (*const used[])(void) = {'; sed 's/.*/    &,/' "$first"
  echo '};'; echo 'int main(void) { return used[0] == 0; }'; } > "$tmp/old/prog.c"
${CC:-cc} -shared -fPIC -Wl,-soname,libfastxlsx.so.0 -Wl,--version-script="$tmp/old/old.map" "$tmp/old/stub.c" \
    -o "$tmp/old/libfastxlsx.so" && ${CC:-cc} "$tmp/old/prog.c" -L"$tmp/old" -lfastxlsx -o "$tmp/old/prog" &&
    LD_BIND_NOW=1 LD_LIBRARY_PATH="$BUILD" "$tmp/old/prog"
check "a program linked against 0.1's symbol versions runs against this library" $?

soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libfastxlsx.so.0" ]; check "soname is libfastxlsx.so.0 (got '$soname')" $?

# Only opaque handles: every struct or union named in the header is declared, never defined,
# except the three ABI structs of the Arrow C Data and C Stream Interfaces, each under its
# specification's guard macro.
grep -nE '(struct|union)[^;{]*\{' include/fastxlsx.h | grep -vE '^[0-9]+:struct (ArrowSchema|ArrowArray|ArrowArrayStream) \{$' && r=1 || r=0
check "no struct or union definitions in the public header but the Arrow ABI's" $r
[ "$(grep -cE '^struct (ArrowSchema|ArrowArray|ArrowArrayStream) \{$' include/fastxlsx.h)" = 3 ]
check "the Arrow ABI structs are defined once each" $?
awk '/^#ifndef ARROW_C_DATA_INTERFACE$/ {g = 1} /^#ifndef ARROW_C_STREAM_INTERFACE$/ {g = 2} /^#endif/ {g = 0}
     /^struct Arrow(Schema|Array) \{$/ && g != 1 {bad = 1} /^struct ArrowArrayStream \{$/ && g != 2 {bad = 1}
     END {exit bad}' include/fastxlsx.h
check "the Arrow ABI structs sit under the specification's guard macros" $?
# A program that includes the specification's declarations (as Arrow's or nanoarrow's header gives
# them) before fastxlsx.h, or after it, compiles, as C and as C++.
for order in spec-first spec-last; do
    if [ $order = spec-first ]; then first_h=arrow/arrow_c_abi.h; second_h=fastxlsx.h; else first_h=fastxlsx.h; second_h=arrow/arrow_c_abi.h; fi
    printf '#include <stdint.h>\n#include <%s>\n#include <%s>\nint f(struct ArrowArrayStream *s, struct ArrowSchema *o);\nint f(struct ArrowArrayStream *s, struct ArrowSchema *o) { return s->get_schema(s, o) + ARROW_FLAG_NULLABLE; }\n' \
        "$first_h" "$second_h" > "$tmp/arrow.c"
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -Iinclude -Itests -c "$tmp/arrow.c" -o "$tmp/arrow.o"
    check "fastxlsx.h and the Arrow specification's declarations in one C unit ($order)" $?
    if command -v g++ >/dev/null; then
        cp "$tmp/arrow.c" "$tmp/arrow.cpp"
        g++ -std=c++11 -Wall -Wextra -Werror -Iinclude -Itests -c "$tmp/arrow.cpp" -o "$tmp/arrowxx.o"
        check "the same as C++ ($order)" $?
    fi
done
grep -nE '\.\.\.' include/fastxlsx.h | grep -v '^\s*[0-9]*:\s*/\?\*' && r=1 || r=0
check "no varargs in the public header" $r
grep -q 'extern "C"' include/fastxlsx.h; check "extern \"C\" guards" $?
grep -nE '\bunsigned\b *([^ ci]|$)|\bunsigned +[a-z_]+ *[,;)(]' include/fastxlsx.h | grep -vE 'unsigned (int|char|long)' && r=1 || r=0
check "no bare 'unsigned' in the public header (FFI prototype parsers want 'unsigned int')" $r

printf '#include <fastxlsx.h>\nint main(void) { return fast_version_number() == FASTXLSX_VERSION_NUMBER ? 0 : 1; }\n' > "$tmp/c.c"
${CC:-cc} -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -c "$tmp/c.c" -o "$tmp/c.o"; check "header compiles as strict C99" $?
if command -v g++ >/dev/null; then
    cp "$tmp/c.c" "$tmp/cxx.cpp"
    g++ -std=c++11 -Wall -Wextra -pedantic -Werror -Iinclude "$tmp/cxx.cpp" -L"$BUILD" -Wl,-rpath,"$PWD/$BUILD" -lfastxlsx -o "$tmp/cxx" && "$tmp/cxx"
    check "header compiles and links as C++ (extern \"C\")" $?
fi
echo "exports: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
