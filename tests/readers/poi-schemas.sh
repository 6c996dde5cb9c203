#!/usr/bin/env bash
# poi-schemas.sh OUT.jar - compile the SpreadsheetML XMLBeans classes that Apache POI's
# XSSFWorkbook needs, from the ECMA-376 Transitional schemas in tests/schemas.
#
# Debian 12's libapache-poi-java 4.0.1 ships a poi-ooxml-schemas.jar that holds only a
# few interfaces and no XMLBeans type system, so XSSFWorkbook fails on every file with
# NoClassDefFoundError ...TypeSystemHolder. POI 4.0.1 was built from the 1st edition
# schemas, where sml.xsd defined ST_Xstring, ST_VerticalAlignRun, ST_Guid and
# ST_CalendarType in its own namespace (POI refers to ...spreadsheetml.x2006.main.STXstring);
# the Transitional sml.xsd takes them from the shared types namespace. A copy of sml.xsd
# in a temporary folder gets them back in its own namespace; tests/schemas is not changed.
# Takes about a minute; the Makefile keeps the jar under build/ so it is built once.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")/../schemas" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/poi-schemas.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$here"/*.xsd "$work/"
local_types="ST_Xstring ST_VerticalAlignRun ST_Guid ST_CalendarType"
python3 - "$work" $local_types <<'PY'
import re, sys
work, names = sys.argv[1], sys.argv[2:]
common = open(f"{work}/shared-commonSimpleTypes.xsd", encoding="utf-8").read()
sml_path = f"{work}/sml.xsd"
sml = open(sml_path, encoding="utf-8").read()
defs = []
for n in names:
    m = re.search(r'<xsd:simpleType name="%s">.*?</xsd:simpleType>' % n, common, re.S)
    defs.append(m.group(0))
    sml = sml.replace(f'"s:{n}"', f'"{n}"')
sml = sml.replace("</xsd:schema>", "\n".join(defs) + "\n</xsd:schema>")
open(sml_path, "w", encoding="utf-8").write(sml)
PY
# The parts a workbook has: workbook, sheets, styles, shared strings, comments (sml.xsd and
# what it imports: DrawingML, relationships, shared types), the theme (dml-main.xsd) and the
# extended and custom document properties.
# VML (the drawing of cell comments) in the Java packages POI names (com.microsoft.schemas.*),
# as POI's own build maps them; scomp would make schemasMicrosoftComVml and the like.
cat >"$work/vml.xsdconfig" <<'XML'
<xb:config xmlns:xb="http://xml.apache.org/xmlbeans/2004/02/xbean/config">
  <xb:namespace uri="urn:schemas-microsoft-com:vml"><xb:package>com.microsoft.schemas.vml</xb:package></xb:namespace>
  <xb:namespace uri="urn:schemas-microsoft-com:office:office"><xb:package>com.microsoft.schemas.office.office</xb:package></xb:namespace>
  <xb:namespace uri="urn:schemas-microsoft-com:office:excel"><xb:package>com.microsoft.schemas.office.excel</xb:package></xb:namespace>
  <xb:namespace uri="urn:schemas-microsoft-com:office:word"><xb:package>com.microsoft.schemas.office.word</xb:package></xb:namespace>
  <xb:namespace uri="urn:schemas-microsoft-com:office:powerpoint"><xb:package>com.microsoft.schemas.office.powerpoint</xb:package></xb:namespace>
</xb:config>
XML
mkdir -p "$work/classes"
scomp -quiet -noupa -nopvr -mx 1024m -d "$work/classes" -out "$out.tmp" "$work/vml.xsdconfig" \
    "$work/sml.xsd" "$work/dml-main.xsd" "$work/shared-documentPropertiesExtended.xsd" \
    "$work/shared-documentPropertiesCustom.xsd" "$work/vml-main.xsd" "$work/vml-officeDrawing.xsd" \
    "$work/vml-spreadsheetDrawing.xsd" >"$work/log" 2>&1 || { tail -40 "$work/log" >&2; exit 1; }
mv "$out.tmp" "$out"
