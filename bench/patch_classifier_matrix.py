#!/usr/bin/python3
"""patch_classifier_matrix.py - the multi-task patch classifier against the voting (issue 34, bar 3)
on fresh movies of both column polarities from two generators, none of it trained on: the
project's multislice movies (core/sim, `--preset medium` at a given dose) and the independent
generator's (../shared/eval/simmovie.py; masks drawn from its truth as segmentation_matrix.py
does).

    /usr/bin/python3 bench/patch_classifier_matrix.py --hrtem build/app/hrtem --work /tmp/patchm \
        [--cells eval_dark] [--frames 10] [--weights FILE] [--json out.json] [--markdown table.md]

Per cell `hrtem evaluate-patches`: the share of grid patches each method calls crystal or
background as the particle mask does (crystal: the mask covers half the patch or more), and the
frames it calls high or low quality as the dose says (low: <= 40 counts/px, high: >= 100).
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from segmentation_matrix import make_cell, run  # noqa: E402

DOSES = [(5, 0), (20, 1), (200, 2), (1000, 3)]
CELLS = [(f"sim_{c}_{d}", "sim", ["--preset", "medium", "--counts", str(d), "--seed", str(700 + 10 * k + i)] +
          (["--defocus", "-5.8"] if c == "bright" else []))
         for k, c in enumerate(["dark", "bright"]) for (d, i) in DOSES]
CELLS += [(f"eval_{c}_{d}", "eval", ["--seed", str(800 + 10 * k + i), "--dose", str(d), "--contrast", c])
          for k, c in enumerate(["dark", "bright"]) for (d, i) in DOSES]


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--hrtem", required=True)
    a.add_argument("--work", required=True)
    a.add_argument("--cells", default="")
    a.add_argument("--frames", type=int, default=10)
    a.add_argument("--weights", default="")
    a.add_argument("--json", default="")
    a.add_argument("--markdown", default="")
    p = a.parse_args()
    wanted = [c for c in p.cells.split(",") if c]
    rows = []
    for name, generator, options in CELLS:
        if wanted and not any(w in name for w in wanted):
            continue
        cell = make_cell(p, name, generator, options)
        out = os.path.join(cell, "patches.json")
        cmd = [p.hrtem, "evaluate-patches", "--truth", cell, "--frames", str(p.frames), "--device", "cpu", "--json", out]
        if p.weights:
            cmd += ["--weights", p.weights]
        run(cmd)
        movie = json.load(open(out))["movies"][0]
        row = dict(cell=name, dose=movie["dose_counts_per_px"], high_quality=movie["high_quality"],
                   voting=movie["voting"], network=movie["network"])
        rows.append(row)
        v, n = row["voting"], row["network"]
        print(f"{name:16s} voting {v['patch_agreement']:.4f} {v['frames_quality_right']}/{v['frames']}  "
              f"network {n['patch_agreement']:.4f} {n['frames_quality_right']}/{n['frames']}", flush=True)
    total = {}
    for method in ("voting", "network"):
        t = {k: sum(r[method][k] for r in rows) for k in ("patches", "patches_agreeing", "frames", "frames_quality_right")}
        t["patch_agreement"] = t["patches_agreeing"] / max(1, t["patches"])
        t["quality_accuracy"] = t["frames_quality_right"] / max(1, t["frames"])
        total[method] = t
    print(json.dumps(total, indent=1))
    if p.json:
        json.dump(dict(cells=rows, total=total), open(p.json, "w"), indent=1)
    if p.markdown:
        with open(p.markdown, "w") as fh:
            fh.write("| cell | counts/px | voting: patches agreeing | voting: frames' quality right | "
                     "network: patches agreeing | network: frames' quality right |\n|---|---|---|---|---|---|\n")
            for r in rows + [dict(cell="all", dose=float("nan"), **total)]:
                v, n = r["voting"], r["network"]
                fh.write(f"| {r['cell']} | {r['dose']:.0f} | {v['patch_agreement']:.3f} | {v['frames_quality_right']}/{v['frames']} | "
                         f"{n['patch_agreement']:.3f} | {n['frames_quality_right']}/{n['frames']} |\n")


if __name__ == "__main__":
    main()
