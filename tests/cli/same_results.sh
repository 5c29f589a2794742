# Sourced by the CLI tests: same_results A B fails (exit 1) unless result folder B holds what A
# holds: every result file byte for byte, and summary.json but for what depends on the run's time,
# place and thread count (timings, command line, merged shards, input path, threads).
same_results() {
  for f in atoms.csv trajectories.csv frames.csv events.csv tracks.csv twin_boundaries.csv tracks.trackmate.xml; do
    cmp -s "$1/$f" "$2/$f" || { echo "$f of $2 differs from $1"; exit 1; }
  done
  python3 - "$1/summary.json" "$2/summary.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for j in (a, b):
    for k in ("timings_s", "command_line", "merged_from"):
        j.pop(k, None)
    j["input"].pop("path", None)
    j["settings"].pop("threads", None)  # results do not depend on the thread count
assert a == b, [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
PY
}
