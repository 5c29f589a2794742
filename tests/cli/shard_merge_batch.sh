#!/usr/bin/env bash
# Issue 33, bar 2: hrtem merge of 2 and 4 shards of the demo equals the unsharded analysis
# (every result file byte for byte; summary.json but for timings and command lines); hrtem batch
# over three movies, one of them corrupt, finishes the other two, reports that one, resumes.
set -euo pipefail
hrtem=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source "$(dirname "$0")/same_results.sh"

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

# A batch: the demo, a short movie and a corrupt file, two at a time.
"$hrtem" simulate --preset demo --seed 5 --frames 12 --size 256 --out "$work/short" > /dev/null 2>&1
mkdir -p "$work/in"
cp "$work/sim/movie.tif" "$work/in/demo.tif"
cp "$work/short/movie.tif" "$work/in/short.tif"
head -c 3000 "$work/sim/movie.tif" > "$work/in/corrupt.tif"
printf '# movies\ndemo.tif\nshort.tif\ncorrupt.tif\n' > "$work/in/list.txt"
if "$hrtem" batch --inputs "$work/in/list.txt" --out "$work/batch" --jobs 2 > "$work/batch.txt"; then
  echo "a batch with a corrupt input reported success"; exit 1
fi
python3 - "$work/batch/batch.csv" <<'PY'
import csv, sys
rows = {r["input"].rsplit("/", 1)[1]: r for r in csv.DictReader(open(sys.argv[1]))}
assert rows["demo.tif"]["status"] == "done" and rows["short.tif"]["status"] == "done", rows
assert rows["corrupt.tif"]["status"] == "failed" and "corrupt.tif" in rows["corrupt.tif"]["error"], rows["corrupt.tif"]
assert rows["demo.tif"]["frames"] == "40" and int(rows["demo.tif"]["atoms"]) > 10000, rows["demo.tif"]
PY
"$hrtem" analyze "$work/in/demo.tif" --out "$work/single" --quiet > /dev/null # the same path as the batch's (TrackMate names it)
same_results "$work/single" "$work/batch/demo"
# A re-run skips what is done and tries the failed one again; --force redoes everything.
"$hrtem" batch --inputs "$work/in/list.txt" --out "$work/batch" --jobs 2 > "$work/again.txt" || true
grep -q "0 analysed, 2 done before, 1 failed" "$work/again.txt" || { cat "$work/again.txt"; exit 1; }
grep -q "\[1/1\] corrupt: failed" "$work/again.txt" || { cat "$work/again.txt"; exit 1; }
"$hrtem" batch --inputs "$work/in/demo.tif,$work/in/short.tif" --out "$work/batch" --force > "$work/force.txt"
grep -q "2 analysed, 0 done before, 0 failed" "$work/force.txt" || { cat "$work/force.txt"; exit 1; }
"$hrtem" batch --status "$work/batch" | grep -q "short: done" || { "$hrtem" batch --status "$work/batch"; exit 1; }
echo "batch: ok"
