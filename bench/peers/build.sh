#!/bin/bash
# build.sh - builds the other writers of bench/peers into $BUILD/peers (release builds),
# from the pinned versions (Cargo.lock, pom.xml, go.sum, package-lock.json,
# python/requirements.lock). Run by make bench-peers and make bench-peers-check.
# Needs cargo (rustc >= 1.88), go (>= 1.26), java 17 + mvn, node + npm, python3-venv:
# bench/README.md, "Side by side with other writers", says how to get them on Debian 12.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-build}
mkdir -p "$BUILD/peers/bin"
P=$(cd "$BUILD/peers" && pwd)

echo "== rust_xlsxwriter (constant_memory; default, zlib, zlib + zmij) and excelstream"
for f in "" zlib zlib,zmij; do
    CARGO_TARGET_DIR=$P/rust_xlsxwriter-target cargo build -q --release --locked \
        --manifest-path "$here/rust_xlsxwriter/Cargo.toml" ${f:+--features $f}
    cp "$P/rust_xlsxwriter-target/release/rust_xlsxwriter_bench" "$P/bin/rust_xlsxwriter_bench${f:+_${f//,/_}}"
done
CARGO_TARGET_DIR=$P/excelstream-target cargo build -q --release --locked --manifest-path "$here/excelstream/Cargo.toml"
cp "$P/excelstream-target/release/excelstream_bench" "$P/bin/excelstream_bench"

echo "== excelize (Go)"
(cd "$here/go" && go build -mod=readonly -trimpath -o "$P/bin/excelize_bench" .)

echo "== fastexcel and POI SXSSF (Java)"
rm -rf "$P/java" && mkdir -p "$P/java"
cp -r "$here/java/pom.xml" "$here/java/src" "$P/java/"
(cd "$P/java" && mvn -B -q compile dependency:copy-dependencies -DoutputDirectory=target/lib)

echo "== ExcelJS (Node.js)"
mkdir -p "$P/node"
cp "$here/node/package.json" "$here/node/package-lock.json" "$here/node/exceljs_bench.js" "$P/node/"
(cd "$P/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "== XlsxWriter and openpyxl (Python venv)"
[ -x "$P/venv/bin/python" ] || /usr/bin/python3 -m venv "$P/venv"
"$P/venv/bin/pip" install -q --disable-pip-version-check --require-hashes --no-deps -r "$here/python/requirements.lock"
echo "== built into $P"
