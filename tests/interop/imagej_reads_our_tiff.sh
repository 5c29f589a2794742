#!/usr/bin/env bash
# Interop: the real ImageJ opens a TIFF written by `hrtem convert` at the right scale, unit,
# origin and frame interval. Skipped (exit 77) where ImageJ or Xvfb is not installed
# (`apt-get install imagej xvfb` to run it).
set -euo pipefail
hrtem=$1; testdata=$2
jar=/usr/share/java/ij.jar
if [ ! -f "$jar" ] || ! command -v xvfb-run >/dev/null || ! command -v java >/dev/null; then
  echo "SKIPPED: ImageJ ($jar), java or xvfb-run not installed"; exit 77
fi
[ -d "$testdata" ] || { echo "SKIPPED: no test data at $testdata"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$hrtem" convert "$testdata/dm/test_dm_image_um_unit.dm3" --out "$work/um.tif" >/dev/null
"$hrtem" simulate --preset demo --frames 5 --size 64 --out "$work/sim" >/dev/null
cat > "$work/check.ijm" <<IJM
open("$work/um.tif");
getPixelSize(unit, pw, ph);
info = split(getImageInfo(), "\n");
origin = "";
for (i = 0; i < info.length; i++) if (startsWith(info[i], "Coordinate origin")) origin = replace(info[i], " ", "");
print("UM unit=" + unit + " pw=" + d2s(pw, 7) + " " + origin);
open("$work/sim/movie.tif");
getPixelSize(unit, pw, ph);
getDimensions(w, h, c, s, f);
print("DEMO unit=" + unit + " pw=" + d2s(pw, 6) + " frames=" + f + " finterval=" + Stack.getFrameInterval());
IJM
out=$(cd "$work" && timeout 120 xvfb-run -a java -jar "$jar" -batch "$work/check.ijm" 2>/dev/null | grep -E '^(UM|DEMO) ' || true)
echo "$out"
# ImageJ spells µm "micron(s)"; its pixel size comes from a float32 resolution tag (7 digits).
grep -Eq "UM unit=(µm|microns?) pw=0.1686747 Coordinateorigin:-828,-760" <<<"$out" || { echo "FAIL: µm file"; exit 1; }
grep -q "DEMO unit=nm pw=0.020000 frames=5 finterval=0.05" <<<"$out" || { echo "FAIL: simulated movie"; exit 1; }
echo "ImageJ reads HRTEM Studio TIFFs at the right scale"
