#!/usr/bin/env bash
# hrtem analyze and hrtem evaluate end to end: a small simulated movie analysed from the command
# line, every result file present, the scores read back, and bad input refused with a message
# that names the problem.
set -euo pipefail
hrtem=$1
testdata=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every command answers --help with its usage on standard output and exit status 0.
for command in info convert simulate analyze evaluate restore "train gan" "train joint" "train seg" \
               evaluate-restoration evaluate-segmentation segment merge batch watch; do
  # shellcheck disable=SC2086
  "$hrtem" $command --help > "$work/help.txt" || { echo "hrtem $command --help failed"; exit 1; }
  grep -q "usage: hrtem ${command%% *}" "$work/help.txt" || { echo "hrtem $command --help: no usage"; cat "$work/help.txt"; exit 1; }
  # Every option with its default (an option's entry runs to the next line starting with --).
  python3 - "$work/help.txt" "$command" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
entries = [e for e in re.split(r"\n(?=  --)", text) if e.startswith("  --")]
assert entries, f"hrtem {sys.argv[2]} --help lists no options"
missing = [e.split()[0] for e in entries if not re.search(r"\(default:\s", e)]
assert not missing, f"hrtem {sys.argv[2]} --help: no default for {missing}"
PY
done
# (Through a file: grep -q leaving a pipe early would make the writer fail under pipefail.)
"$hrtem" analyze --help > "$work/help.txt"
grep -q -- "--structure" "$work/help.txt" || { echo "hrtem analyze --help does not list --structure"; exit 1; }

# A particle sized for a 256 x 256 field (the medium preset's settings, smaller radii): thick
# centres image with reversed contrast, which this guard is not about.
"$hrtem" simulate --preset medium --seed 9 --size 256 --frames 1 --out "$work/preset" > /dev/null
python3 - "$work/preset/parameters.json" "$work/settings.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["frames"] = 4
s["specimen"].update(radius111_nm=1.6, radius100_nm=1.8, base_nm=1.2)
json.dump(s, open(sys.argv[2], "w"))
PY
"$hrtem" simulate --settings "$work/settings.json" --out "$work/sim" > /dev/null
"$hrtem" analyze "$work/sim/movie.tif" --out "$work/result" --overlay 1 --quiet > "$work/analyze.txt"
for f in atoms.csv trajectories.csv frames.csv events.csv tracks.csv twin_boundaries.csv \
         tracks.trackmate.xml summary.json overlay_1.png; do
  [ -s "$work/result/$f" ] || { echo "missing or empty: $f"; exit 1; }
done
# The CLI, the settings JSON and --help name the same settings: every key of summary.json's
# settings is listed as [key] in hrtem analyze --help, and a flag sets its key.
"$hrtem" analyze --help > "$work/analyze_help.txt"
"$hrtem" analyze "$work/sim/movie.tif" --out "$work/flags" --frames 0:2 --max-gap 5 --classify-patches no \
  --fill-threshold 2.5 --quiet > /dev/null
python3 - "$work/result/summary.json" "$work/analyze_help.txt" "$work/flags/summary.json" <<'PY'
import json, re, sys
settings = json.load(open(sys.argv[1]))["settings"]
keys = []
for k, v in settings.items():
    keys += [f"{k}.{n}" for n in v] if isinstance(v, dict) else [k]
listed = set(re.findall(r"\[([a-z_.]+)\] [A-Z]", open(sys.argv[2]).read()))
assert set(keys) == listed, f"JSON keys {sorted(set(keys) ^ listed)} differ from hrtem analyze --help"
flags = json.load(open(sys.argv[3]))["settings"]
assert flags["max_gap"] == 5 and flags["classify_patches"] is False, flags
assert flags["localization"]["fill_threshold"] == 2.5 and flags["end_frame"] == 2, flags
print(f"hrtem analyze --help lists all {len(keys)} settings; flags set them")
PY
"$hrtem" evaluate --truth "$work/sim" --result "$work/result" --json "$work/scores.json" > "$work/scores.txt"
python3 - "$work/scores.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["frames"] == 4, s["frames"]
f1 = s["localization"]["f1"]
assert f1 > 0.93, f"localization F1 {f1}"
assert s["tracking"]["mota"] > 0.9, s["tracking"]
d = abs(s["lattice"]["mean_relative_error"])
assert d < 0.01, f"d111 error {d}"
print(f"F1 {f1:.3f}, MOTA {s['tracking']['mota']:.3f}, d111 error {100*d:.3f}%")
PY

# --frames selects a range; the scores follow it.
"$hrtem" analyze "$work/sim/movie.tif" --out "$work/part" --frames 1:3 --quiet > /dev/null
[ "$(tail -n +2 "$work/part/frames.csv" | wc -l)" -eq 2 ] || { echo "--frames 1:3 did not give 2 frames"; exit 1; }
"$hrtem" evaluate --truth "$work/sim" --result "$work/part" > /dev/null

# Bad input: exit codes and messages.
expect_failure() { # CODE TEXT command...
  local code=$1 text=$2; shift 2
  set +e; "$@" > "$work/out.txt" 2>&1; local got=$?; set -e
  [ "$got" -eq "$code" ] || { echo "expected exit $code, got $got: $*"; cat "$work/out.txt"; exit 1; }
  grep -F -- "$text" "$work/out.txt" > /dev/null || { echo "message lacks '$text':"; cat "$work/out.txt"; exit 1; }
}
expect_failure 1 "$work/none.tif" "$hrtem" analyze "$work/none.tif" --out "$work/x"
expect_failure 2 "--frames" "$hrtem" analyze "$work/sim/movie.tif" --out "$work/x" --frames 7
expect_failure 2 "holds none" "$hrtem" analyze "$work/sim/movie.tif" --out "$work/x" --frames 9:12
expect_failure 2 "median" "$hrtem" analyze "$work/sim/movie.tif" --out "$work/x" --restore median
echo '{"restor": "nlm"}' > "$work/bad.json"
expect_failure 1 "restor" "$hrtem" analyze "$work/sim/movie.tif" --out "$work/x" --config "$work/bad.json"
expect_failure 1 "frames.csv" "$hrtem" evaluate --truth "$work/sim" --result "$work/none"
# A real lattice (STEM survey image, rows of columns 14.4 px apart within a row and 22 px
# between rows; uncalibrated): every column of the field and nothing between them.
survey="$testdata/dm/DMReader_Image_SI-Survey.dm3"
if [ -f "$survey" ]; then
  "$hrtem" analyze "$survey" --out "$work/survey" --quiet > "$work/survey.txt"
  grep -F "no length calibration" "$work/survey.txt" > /dev/null || { echo "missing-calibration note absent"; exit 1; }
  python3 - "$work/survey/frames.csv" <<'PY'
import csv, sys
row = next(csv.DictReader(open(sys.argv[1])))
atoms, nn = int(row["atoms"]), float(row["mean_nn_px"])
# 36 columns per row x 22 rows visible; edge columns may or may not be complete.
assert 740 <= atoms <= 840, f"{atoms} columns on the survey image"
assert abs(nn - 14.4) < 0.4, f"nearest-neighbour spacing {nn}"
print(f"survey image: {atoms} columns, spacing {nn:.2f} px")
PY
fi
# Real images without a resolved lattice (a STEM overview, a micrometre-scale image, DM-exported
# and ImageJ stacks of smooth images): no columns, and the reason in the output, frames.csv and
# summary.json.
for name in dm/test_STEM_image.dm3 dm/test_dm_image_um_unit.dm3 tiff/test_loading_image_saved_with_DM_stack.tif \
            tiff/test_loading_image_saved_with_imageJ_stack.tif; do
  file="$testdata/$name"
  [ -f "$file" ] || continue
  "$hrtem" analyze "$file" --out "$work/nolattice" --quiet > "$work/nolattice.txt"
  grep -F "no resolved crystal lattice" "$work/nolattice.txt" > /dev/null || { echo "$name: no note in the output"; cat "$work/nolattice.txt"; exit 1; }
  python3 - "$work/nolattice" "$name" <<'PY'
import csv, json, sys
folder, name = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(folder + "/frames.csv")))
assert all(int(r["atoms"]) == 0 for r in rows), f"{name}: columns found without a lattice"
assert all(r["note"] == "no resolved crystal lattice" for r in rows), f"{name}: frames.csv lacks the note"
summary = json.load(open(folder + "/summary.json"))
assert summary["lattice"]["resolved"] is False and summary["totals"]["atoms"] == 0
assert any("no resolved crystal lattice" in n for n in summary["notes"]), f"{name}: summary.json lacks the note"
print(f"{name}: no lattice, no columns ({len(rows)} frame(s))")
PY
done
echo "analyze/evaluate CLI: ok"
