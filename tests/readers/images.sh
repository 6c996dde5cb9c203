#!/usr/bin/env bash
# Images read back by Apache POI and ExcelJS: tests/e2e/write_images.c places every
# type (scaled, sized, offset, with alt text and a link, a copy stored once); POI
# (tests/readers/PoiImages.java: pictures, their one-cell anchors and types, alt text,
# links) and ExcelJS (images_exceljs.js: anchors, extents, types, links) dump what
# they read, and images.py compare checks each dump against what was placed.
# openpyxl and LibreOffice read the same workbook in make e2e-test.
# Charts: tests/e2e/write_charts.c writes one chart of each type; POI
# (PoiCharts.java, XDDF) dumps each chart's type, title, axes (minimum, maximum,
# major gridlines, title), series references and cached values, and charts.py
# compare-poi checks them.
#
# BUILD: the build tree; POI_CLASSPATH, READERS_JS as for rules.sh (make reader-test).
set -uo pipefail
BUILD=${BUILD:-build}
PY=/usr/bin/python3
HERE=tests/readers
out=$(mktemp -d /tmp/fastxlsx-images.XXXXXX)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $out"; else trap 'rm -rf "$out"' EXIT; fi
rc=0
fail() { echo "FAIL: $*"; rc=1; }

echo "== images, read back by Apache POI and ExcelJS"
"$BUILD/tests/write_images" tests/data/images "$out/images.xlsx" "$out/images.json" ||
    { echo "FAIL: write_images"; exit 1; }
mkdir -p "$out/classes"
javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" $HERE/PoiImages.java &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiImages "$out/images.xlsx" "$out/poi.json" || fail "POI dump"
NODE_PATH=$READERS_JS node $HERE/images_exceljs.js "$out/images.xlsx" "$out/exceljs.json" || fail "ExcelJS dump"
$PY $HERE/images.py compare "$out/images.json" poi="$out/poi.json" exceljs="$out/exceljs.json" || rc=1
# The comparison can fail: a changed offset in POI's dump is reported.
sed 's/"x_off": 142875/"x_off": 142876/' "$out/poi.json" >"$out/tampered.json"
if $PY $HERE/images.py compare "$out/images.json" poi="$out/tampered.json" >"$out/neg.log" 2>&1 ||
    ! grep -q "x_off 142876" "$out/neg.log"; then
    fail "images.py compare does not report a changed offset:"; sed 's/^/    /' "$out/neg.log"
fi

echo "== charts, read back by Apache POI"
"$BUILD/tests/write_charts" "$out/charts.xlsx" "$out/charts.json" || { echo "FAIL: write_charts"; exit 1; }
javac -nowarn -d "$out/classes" -cp "$POI_CLASSPATH" $HERE/PoiCharts.java &&
    java -cp "$out/classes:$POI_CLASSPATH" PoiCharts "$out/charts.xlsx" "$out/poi-charts.json" || fail "POI charts dump"
$PY $HERE/charts.py compare-poi "$out/charts.json" "$out/poi-charts.json" || rc=1
sed '0,/"values": \[10.0,/s//"values": [11.0,/' "$out/poi-charts.json" >"$out/tampered-charts.json"
if $PY $HERE/charts.py compare-poi "$out/charts.json" "$out/tampered-charts.json" >"$out/neg.log" 2>&1; then
    fail "charts.py compare-poi does not report a changed cached value"
fi
# ... and a changed axis maximum or a gridline that appeared.
sed '0,/"max": 200.0/s//"max": 201.0/' "$out/poi-charts.json" >"$out/tampered-charts.json"
if $PY $HERE/charts.py compare-poi "$out/charts.json" "$out/tampered-charts.json" >"$out/neg.log" 2>&1 ||
    ! grep -q "201.0" "$out/neg.log"; then
    fail "charts.py compare-poi does not report a changed axis maximum"
fi
sed '0,/"grid": false/s//"grid": true/' "$out/poi-charts.json" >"$out/tampered-charts.json"
if $PY $HERE/charts.py compare-poi "$out/charts.json" "$out/tampered-charts.json" >"$out/neg.log" 2>&1; then
    fail "charts.py compare-poi does not report gridlines that were not written"
fi
exit $rc
