#!/usr/bin/env bash
# Issue 33, bar 2: hrtem merge of 2 and 4 shards of the demo equals the unsharded analysis
# (every result file byte for byte; summary.json but for timings and command lines).
set -euo pipefail
hrtem=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

same_results() { # folder A, folder B
  for f in atoms.csv trajectories.csv frames.csv events.csv tracks.csv twin_boundaries.csv tracks.trackmate.xml; do
    cmp -s "$1/$f" "$2/$f" || { echo "$f of $2 differs from $1"; exit 1; }
  done
  python3 - "$1/summary.json" "$2/summary.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for j in (a, b):
    for k in ("timings_s", "command_line", "merged_from", "batch"):
        j.pop(k, None)
    j["input"].pop("path", None)
assert a == b, [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
PY
}

"$hrtem" simulate --preset demo --out "$work/sim" > /dev/null 2>&1
"$hrtem" analyze "$work/sim/movie.tif" --out "$work/whole" --quiet > /dev/null
for n in 2 4; do
  dirs=()
  for k in $(seq 1 $n); do
    "$hrtem" analyze "$work/sim/movie.tif" --shard "$k/$n" --out "$work/s$n/$k" --quiet > /dev/null
    [ -s "$work/s$n/$k/shard.json" ] || { echo "shard $k/$n wrote no shard.json"; exit 1; }
    dirs+=("$work/s$n/$k")
  done
  # Given in any order.
  "$hrtem" merge $(printf '%s\n' "${dirs[@]}" | sort -r) --out "$work/merged$n" > /dev/null
  same_results "$work/whole" "$work/merged$n"
  echo "merge of $n shards: the same files as the unsharded analysis"
done
# A missing shard, or one of another split, is refused by name.
if "$hrtem" merge "$work/s4/1" "$work/s4/2" "$work/s4/4" --out "$work/bad" 2> "$work/err.txt"; then
  echo "merge accepted a missing shard"; exit 1
fi
grep -q "frames 20 to 29 are in no shard" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
if "$hrtem" merge "$work/s4/1" "$work/s2/2" --out "$work/bad" 2> "$work/err.txt"; then
  echo "merge accepted shards of two splits"; exit 1
fi
grep -q "another split" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
"$hrtem" analyze "$work/sim/movie.tif" --shard 5/4 --out "$work/bad" 2> "$work/err.txt" && { echo "--shard 5/4 accepted"; exit 1; }
grep -q "K/N with 1 <= K <= N" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
echo "shard and merge: ok"
