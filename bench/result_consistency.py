#!/usr/bin/env python3
"""Issue 32, bar 2, on result folders of `hrtem analyze`: no reported column whose position
error exceeds 0.3 nearest-neighbour spacings, and every track with a hop event labelled hopping
(or adsorbed / desorbed) in tracks' one label, by the rule of core/behave/behaviour_kind.h
(trackBehaviour). Standard library only.

  bench/result_consistency.py RESULT_DIR... [--json]
Prints one line per folder (or JSON) and exits 1 when any folder breaks a rule.
"""
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path


def track_label(labels):
    """trackBehaviour(): adsorbed, else desorbed, else hopping, else stable."""
    if "adsorbed" in labels:
        return "adsorbed"
    if "desorbed" in labels:
        return "desorbed"
    return "hopping" if "hopping" in labels else "stable"


def check(folder: Path):
    summary = json.loads((folder / "summary.json").read_text())
    nn = summary["movie"]["nearest_neighbour_px"]
    columns = unpinned = 0
    worst = 0.0
    with open(folder / "atoms.csv", newline="") as f:
        for row in csv.DictReader(f):
            err = max(float(row["err_x_px"]), float(row["err_y_px"]))
            columns += 1
            worst = max(worst, err / nn if nn > 0 else 0.0)
            unpinned += nn > 0 and err > 0.3 * nn
    labels = defaultdict(list)
    with open(folder / "trajectories.csv", newline="") as f:
        for row in csv.DictReader(f):
            labels[int(row["track_id"])].append(row["behaviour"])
    hop_tracks = set()
    with open(folder / "events.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "hop":
                hop_tracks.add(int(row["track_id"]))
    mislabelled = sorted(t for t in hop_tracks if track_label(labels.get(t, [])) == "stable")
    hopping_without_hop = sorted(t for t, l in labels.items() if track_label(l) == "hopping" and t not in hop_tracks)
    return {"folder": str(folder), "nearest_neighbour_px": nn, "columns": columns, "unpinned": int(unpinned),
            "worst_err_over_nn": round(worst, 3), "hop_tracks": len(hop_tracks), "hop_tracks_labelled_stable": mislabelled,
            "hopping_tracks_without_hop": hopping_without_hop,
            "ok": unpinned == 0 and not mislabelled and not hopping_without_hop}


def main():
    args = [a for a in sys.argv[1:] if a != "--json"]
    if not args:
        print(__doc__)
        return 2
    results = [check(Path(a)) for a in args]
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))
    else:
        for r in results:
            print(f"{r['folder']}: {r['columns']} columns, {r['unpinned']} with error > 0.3 nn (worst {r['worst_err_over_nn']} nn); "
                  f"{r['hop_tracks']} tracks with hops, {len(r['hop_tracks_labelled_stable'])} labelled stable, "
                  f"{len(r['hopping_tracks_without_hop'])} hopping without a hop -> {'ok' if r['ok'] else 'FAIL'}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
