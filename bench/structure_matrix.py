#!/usr/bin/python3
"""structure_matrix.py - relations and lattice on every crystal model (issue 28), from images.

    /usr/bin/python3 bench/structure_matrix.py --hrtem build/app/hrtem --work /tmp/structures [--seeds 5]
                                               [--markdown FILE]

Per cell (structure, zone axis) and seed: `hrtem simulate --structure S --zone Z` (a Z-contrast
image of a round particle with every column's truth, sim/structure_image.h), then
`hrtem analyze --structure S`. Detections are matched one-to-one (Hungarian) to the truth
within 0.3 nearest-neighbour spacings; of the matched truth columns: interior ones labelled
bulk, surface ones labelled surface. Also the worst plane spacing error against the model's
(structure.json), whether the zone axis was identified, and the detection recall/precision
(the column finder's share of what is missed). Prints a JSON line per cell.
"""
import argparse
import json
import os
import subprocess

import pandas as pd

from real_images import match  # the one-to-one matching every bench here scores with

CELLS = [("fcc", "[001]"), ("fcc", "[110]"), ("fcc", "[111]"), ("bcc", "[001]"), ("hcp", "[0001]"),
         ("rock-salt", "[001]"), ("fluorite", "[110]"), ("perovskite", "[001]"), ("graphene", "[0001]")]


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cell(hrtem, work, structure, zone, seeds):
    tally = dict(interior=0, interior_bulk=0, surface=0, surface_found=0, truth=0, detected=0, matched=0)
    worst = 0.0
    zones = 0
    for seed in range(1, seeds + 1):
        folder = os.path.join(work, f"{structure}_{zone.strip('[]')}_{seed}")
        if not os.path.exists(os.path.join(folder, "movie.tif")):
            run([hrtem, "simulate", "--structure", structure, "--zone", zone, "--seed", str(seed), "--out", folder])
        run([hrtem, "analyze", os.path.join(folder, "movie.tif"), "--structure", structure, "--out",
             os.path.join(folder, "result"), "--quiet"])
        truth = pd.read_csv(os.path.join(folder, "truth", "columns.csv"))
        meta = json.load(open(os.path.join(folder, "truth", "structure.json")))
        atoms = pd.read_csv(os.path.join(folder, "result", "atoms.csv"))
        frame = pd.read_csv(os.path.join(folder, "result", "frames.csv"), keep_default_na=False).iloc[0]
        i, j = match(truth[["x_px", "y_px"]].to_numpy(), atoms[["x_px", "y_px"]].to_numpy(),
                     0.3 * meta["nearest_neighbour_px"])
        t = truth.iloc[i].reset_index(drop=True)
        a = atoms.iloc[j].reset_index(drop=True)
        tally["truth"] += len(truth)
        tally["detected"] += len(atoms)
        tally["matched"] += len(i)
        interior = t.site == "bulk"
        tally["interior"] += int(interior.sum())
        tally["interior_bulk"] += int((a.site[interior] == "bulk").sum())
        tally["surface"] += int((~interior).sum())
        tally["surface_found"] += int((a.site[~interior] == "surface").sum())
        zones += int(frame["zone_axis"] == zone)
        for k in range(1, 5):
            label = frame[f"plane_{k}"]
            if label in meta["plane_spacings_nm"]:
                worst = max(worst, abs(float(frame[f"d_{k}_nm"]) / meta["plane_spacings_nm"][label] - 1.0))
            elif label:
                worst = max(worst, float("inf"))
    return dict(structure=structure, zone=zone, seeds=seeds,
                interior_bulk=tally["interior_bulk"] / max(1, tally["interior"]),
                surface_found=tally["surface_found"] / max(1, tally["surface"]),
                worst_spacing_error=worst, zone_identified=zones,
                recall=tally["matched"] / max(1, tally["truth"]), precision=tally["matched"] / max(1, tally["detected"]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--hrtem", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--markdown")
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for structure, zone in CELLS:
        r = cell(args.hrtem, args.work, structure, zone, args.seeds)
        print(json.dumps(r), flush=True)
        rows.append(r)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("| structure | zone | interior bulk | surface found | worst d error | zone identified | recall | precision |\n")
            f.write("|---|---|---|---|---|---|---|---|\n")
            for r in rows:
                f.write(f"| {r['structure']} | {r['zone']} | {r['interior_bulk']:.3f} | {r['surface_found']:.3f} | "
                        f"{100 * r['worst_spacing_error']:.2f}% | {r['zone_identified']}/{r['seeds']} | "
                        f"{r['recall']:.3f} | {r['precision']:.3f} |\n")


if __name__ == "__main__":
    main()
