#!/usr/bin/env bash
# The Simplified Chinese translation is complete: re-extract every tr() string from the sources
# (with the same lupdate project the build uses, so namespaces resolve) into a copy of the .ts,
# and fail if any message is new or unfinished.
set -euo pipefail
lupdate=$1; project_cmake=$2; generator=$3; ts=$4
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$ts" "$work/check.ts"
cmake -DIN_FILE="$project_cmake" -DOUT_FILE="$work/project.json" -P "$generator"
"$lupdate" -silent -no-obsolete -locations none -project "$work/project.json" -ts "$work/check.ts"
total=$(grep -c '<message' "$work/check.ts" || true)
unfinished=$(grep -c 'type="unfinished"' "$work/check.ts" || true)
echo "messages: $total, unfinished: $unfinished"
if [ "$unfinished" -ne 0 ]; then
  grep -A1 '<message' "$work/check.ts" | grep -B0 '<source>' >/dev/null || true
  python3 - "$work/check.ts" <<'PY' || true
import sys, xml.etree.ElementTree as ET
for c in ET.parse(sys.argv[1]).getroot().iter("context"):
    for m in c.iter("message"):
        t = m.find("translation")
        if t is not None and t.get("type") == "unfinished":
            print("untranslated:", c.find("name").text, repr(m.find("source").text))
PY
  echo "Translate them: see translations/tools/apply_translations.py"; exit 1
fi
[ "$total" -gt 50 ] || { echo "suspiciously few messages"; exit 1; }
