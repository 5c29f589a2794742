#!/usr/bin/python3
"""segmentation_matrix.py - the segmentation networks (thesis ch. 4) on fresh data of three
generators, none of it trained on: the project's multislice movies (core/sim), the independent
generator's movies (../shared/eval/simmovie.py) and Z-contrast (HAADF-like) structure images.

    /usr/bin/python3 bench/segmentation_matrix.py --hrtem build/app/hrtem --work /tmp/segm \
        [--cells eval_dark,sim] [--frames 10] [--markdown table.md] [--no-localization]

Per cell: Dice / IoU / precision / recall of the particle network and of the atom segmenter
against the cell's masks (`hrtem evaluate-segmentation`), then the localization F1 of the
classical column finder, of `--locate seg` and of `--locate seg --particle net` (`hrtem
analyze`, scored by `hrtem evaluate` for core/sim movies, by ../shared/eval/score.py for the
independent ones, by a one-to-one match within 0.3 spacing for the structure images). The
independent movies' masks are drawn from their truth_atoms.csv by the rule the simulator uses
(core/sim/truth_masks.h): column discs of 0.06 nm, the particle as discs of half the nearest-
neighbour distance around every column, closed by a disc of that distance.

Weights: the shipped ones unless --columns-weights / --particle-weights say otherwise.
Needs Debian's python3-numpy, -scipy, -pandas, -tifffile and -skimage.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import tifffile
from scipy import ndimage
from skimage.morphology import disk

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "eval"))
sys.path.insert(0, HERE)
from real_images import scores as match_scores  # noqa: E402

AU_NN_NM = 0.28838  # gold's nearest-neighbour distance, a / sqrt(2)

# name, generator, options
CELLS = [(f"sim_{c}_{d}", "sim", ["--preset", "medium", "--counts", str(d), "--seed", str(s)] +
          (["--defocus", "-5.8"] if c == "bright" else []))
         for (c, d, s) in [("dark", 5, 611), ("dark", 20, 612), ("dark", 200, 613),
                           ("bright", 5, 614), ("bright", 20, 615), ("bright", 200, 616)]]
CELLS += [(f"eval_{c}_{d}", "eval", ["--seed", str(s), "--dose", str(d), "--contrast", c])
          for (c, d, s) in [("dark", 5, 621), ("dark", 20, 622), ("dark", 200, 623),
                            ("bright", 5, 624), ("bright", 20, 625), ("bright", 200, 626)]]
CELLS += [(f"haadf_{d}", "haadf", ["--structure", "fcc", "--zone", "[110]", "--thickness", "--peak-counts", str(d),
                                   "--background", str(0.3 * d), "--pixels-per-bond", "16", "--radius-bonds", "12",
                                   "--seed", str(s)])
          for (d, s) in [(5, 631), (20, 632), (200, 633)]]


def run(cmd, log=None):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if log:
        with open(log, "w") as fh:
            fh.write(r.stdout + r.stderr)
    if r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}{r.stderr}")
    return r.stdout


def eval_masks(cell):
    """movie.tif and truth/{column,particle}_mask.tif for an independent movie, from its truth."""
    meta = json.load(open(os.path.join(cell, "meta.json")))
    px = meta["pixel_size_nm"]
    truth = pd.read_csv(os.path.join(cell, "truth_atoms.csv"))
    movie = tifffile.imread(os.path.join(cell, "movie_lq.tif"))
    frames, h, w = movie.shape
    yy, xx = np.mgrid[0:h, 0:w]
    r_col = 0.06 / px
    r_part = 0.5 * AU_NN_NM / px
    columns = np.zeros((frames, h, w), np.uint8)
    particle = np.zeros((frames, h, w), np.uint8)
    R = int(math.ceil(r_part))
    for f in range(frames):
        at = truth[truth.frame == f][["x_px", "y_px"]].to_numpy(float)
        c = np.zeros((h, w), bool)
        p = np.zeros((h, w), bool)
        for x, y in at:
            x0, x1 = max(0, int(x) - R - 1), min(w, int(x) + R + 2)
            y0, y1 = max(0, int(y) - R - 1), min(h, int(y) + R + 2)
            dx, dy = xx[y0:y1, x0:x1] - x, yy[y0:y1, x0:x1] - y
            c[y0:y1, x0:x1] |= dx * dx + dy * dy <= r_col * r_col
            rx, ry = xx[y0:y1, x0:x1] - round(x), yy[y0:y1, x0:x1] - round(y)
            p[y0:y1, x0:x1] |= rx * rx + ry * ry <= R * R
        p = ndimage.binary_closing(np.pad(p, R + 1), structure=disk(R))[R + 1:-R - 1, R + 1:-R - 1]
        columns[f], particle[f] = c * 255, p * 255
    os.makedirs(os.path.join(cell, "truth"), exist_ok=True)
    tifffile.imwrite(os.path.join(cell, "truth", "column_mask.tif"), columns)
    tifffile.imwrite(os.path.join(cell, "truth", "particle_mask.tif"), particle)
    shutil.copyfile(os.path.join(cell, "movie_lq.tif"), os.path.join(cell, "movie.tif"))


def make_cell(p, name, generator, options):
    cell = os.path.join(p.work, name)
    if os.path.exists(os.path.join(cell, "truth", "particle_mask.tif")):
        return cell
    os.makedirs(cell, exist_ok=True)
    if generator == "sim":
        run([p.hrtem, "simulate", "--out", cell, "--frames", str(p.frames)] + options)
    elif generator == "haadf":
        run([p.hrtem, "simulate", "--out", cell] + options)
    else:
        run([sys.executable, os.path.join(EVAL, "simmovie.py"), "--out", cell, "--frames", str(p.frames)] + options)
        eval_masks(cell)
    return cell


def mask_scores(p, cell, target, weights):
    cmd = [p.hrtem, "evaluate-segmentation", "--truth", cell, "--target", target, "--frames", str(p.frames),
           "--device", "cpu"]
    cmd += ["--weights", weights]
    out = run(cmd)
    words = out.split()
    value = {k: float(words[words.index(k) + 1]) for k in ("Dice", "IoU", "precision", "recall")}
    return {k.lower(): round(v, 4) for k, v in value.items()}


def localization_f1(p, cell, generator, name, flags):
    out = os.path.join(cell, "result_" + name)
    run([p.hrtem, "analyze", os.path.join(cell, "movie.tif"), "--out", out, "--quiet", "--device", "cpu"] + flags)
    if generator == "sim":
        run([p.hrtem, "evaluate", "--truth", cell, "--result", out, "--json", os.path.join(out, "score.json")])
        s = json.load(open(os.path.join(out, "score.json")))
        return round(s["localization"]["f1"], 4)
    if generator == "eval":
        s = json.loads(run([sys.executable, os.path.join(EVAL, "score.py"), cell, os.path.join(out, "trajectories.csv")]))
        return round(s["localization"]["f1"], 4)
    ref = pd.read_csv(os.path.join(cell, "truth", "columns.csv"))[["x_px", "y_px"]].to_numpy(float)
    det = pd.read_csv(os.path.join(out, "atoms.csv"))[["x_px", "y_px"]].to_numpy(float)
    return match_scores(ref, det, particle=False)["f1"]


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--hrtem", required=True)
    a.add_argument("--work", required=True)
    a.add_argument("--cells", default="")
    a.add_argument("--frames", type=int, default=10)
    a.add_argument("--columns-weights", default="")
    a.add_argument("--particle-weights", default="")
    a.add_argument("--no-localization", action="store_true")
    a.add_argument("--markdown", default="")
    p = a.parse_args()
    root = os.path.normpath(os.path.join(HERE, "..", "models", "weights"))
    cw = p.columns_weights or os.path.join(root, "hrtem_atom_segmenter.safetensors")
    pw = p.particle_weights or os.path.join(root, "hrtem_particle_segmenter.safetensors")
    wanted = [c for c in p.cells.split(",") if c]
    rows = []
    for name, generator, options in CELLS:
        if wanted and not any(w in name for w in wanted):
            continue
        cell = make_cell(p, name, generator, options)
        row = dict(cell=name, particle=mask_scores(p, cell, "particle", pw), columns=mask_scores(p, cell, "columns", cw))
        if not p.no_localization:
            seg = ["--locate", "seg", "--seg-weights", cw]
            row["f1_classical"] = localization_f1(p, cell, generator, "classical", [])
            row["f1_seg"] = localization_f1(p, cell, generator, "seg", seg)
            row["f1_seg_particle"] = localization_f1(p, cell, generator, "seg_particle",
                                                     seg + ["--particle", "net", "--particle-weights", pw])
        rows.append(row)
        print(json.dumps(row), flush=True)
    if p.markdown:
        with open(p.markdown, "w") as fh:
            fh.write("| cell | particle Dice | particle IoU | columns Dice | columns IoU | columns precision | "
                     "F1 classical | F1 `--locate seg` | F1 seg + `--particle net` |\n|---|---|---|---|---|---|---|---|---|\n")
            for r in rows:
                q, c = r["particle"], r["columns"]
                fh.write(f"| {r['cell']} | {q['dice']:.3f} | {q['iou']:.3f} | {c['dice']:.3f} | {c['iou']:.3f} | "
                         f"{c['precision']:.3f} | {r.get('f1_classical', float('nan')):.3f} | "
                         f"{r.get('f1_seg', float('nan')):.3f} | {r.get('f1_seg_particle', float('nan')):.3f} |\n")


if __name__ == "__main__":
    main()
