#!/usr/bin/python3
"""real_images.py - the engine's columns on the real microscope images of
../shared/testdata/real, scored against their references as that folder's README says.

    /usr/bin/python3 bench/real_images.py --hrtem build/app/hrtem --work /tmp/real [--overlays]

Per image: `hrtem analyze` (default settings), then a one-to-one (Hungarian) match of atoms.csv
to the reference within 0.3 x the reference's own nearest-neighbour spacing: precision, recall,
F1; for a particle, the recall of the reference columns on its outline (within 0.6 spacing of
the reference's convex hull); for SrTiO3, recall per sublattice, with the border sites as
don't-care. The faceted particle has no reference: its overlay is written for a person to look
at (--overlays writes every image's). Prints one JSON line per image.

--flags "..." passes more options to every `hrtem analyze` (e.g. "--locate seg --particle net").
--regions also runs the particle network (`hrtem segment --target particle`) on the two particle
images: for PtIr the fraction of the reference columns inside its region (and within the
analysis' 0.8-period margin of it), for both a PNG of the region's outline over the image.
"""
import argparse
import json
import os
import subprocess

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from scipy.spatial import ConvexHull, cKDTree

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "testdata", "real"))


def nearest_spacing(xy):
    d, _ = cKDTree(xy).query(xy, k=2)
    return float(np.median(d[:, 1]))


def match(ref, det, gate):
    """Indices (i into ref, j into det) of a minimum-distance one-to-one matching within gate."""
    if len(ref) == 0 or len(det) == 0:
        return np.zeros(0, int), np.zeros(0, int)
    m = cKDTree(ref).sparse_distance_matrix(cKDTree(det), gate, output_type="coo_matrix")
    if m.nnz == 0:
        return np.zeros(0, int), np.zeros(0, int)
    ui, ri = np.unique(m.row, return_inverse=True)
    uj, rj = np.unique(m.col, return_inverse=True)
    cost = np.full((len(ui), len(uj)), 1e6)
    cost[ri, rj] = m.data
    r, c = linear_sum_assignment(cost)
    ok = cost[r, c] < 1e6
    return ui[r[ok]], uj[c[ok]]


def outline(ref, spacing):
    hull = ConvexHull(ref)
    eq = hull.equations  # a x + b y + c <= 0 inside, (a, b) unit
    dist = (-(ref @ eq[:, :2].T + eq[:, 2])).min(axis=1)
    return dist <= 0.6 * spacing


def scores(ref, det, particle, dont_care=None, sublattice=None):
    spacing = nearest_spacing(ref)
    i, j = match(ref, det, 0.3 * spacing)
    fp_mask = np.ones(len(det), bool)
    fp_mask[j] = False
    if dont_care is not None and len(dont_care) and fp_mask.any():
        # Unmatched detections on border sites are neither right nor wrong.
        d, _ = cKDTree(dont_care).query(det[fp_mask])
        idx = np.flatnonzero(fp_mask)
        fp_mask[idx[d <= 0.3 * spacing]] = False
    tp, fp, fn = len(i), int(fp_mask.sum()), len(ref) - len(i)
    p = tp / max(1, tp + fp)
    r = tp / max(1, len(ref))
    out = dict(reference=len(ref), detections=len(det), spacing_px=round(spacing, 2), precision=round(p, 4),
               recall=round(r, 4), f1=round(2 * p * r / max(1e-12, p + r), 4), tp=tp, fp=fp, fn=fn)
    hit = np.zeros(len(ref), bool)
    hit[i] = True
    if particle:
        edge = outline(ref, spacing)
        out["outline_recall"] = round(float(hit[edge].mean()), 4)
        out["outline_columns"] = int(edge.sum())
    if sublattice is not None:
        for name in np.unique(sublattice):
            out["recall_" + name] = round(float(hit[sublattice == name].mean()), 4)
    return out


def analyze(hrtem, image, out, overlay, flags=()):
    cmd = [hrtem, "analyze", image, "--out", out, "--quiet"] + list(flags)
    if overlay:
        cmd += ["--overlay", "0"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"hrtem analyze {image} failed: {r.stdout}{r.stderr}")
    atoms = pd.read_csv(os.path.join(out, "atoms.csv"))
    return atoms[["x_px", "y_px"]].to_numpy(float)


def particle_region(hrtem, image, work, name, weights):
    """The particle network's region (bool array) of `image`, and a PNG of its outline over it."""
    import tifffile
    from PIL import Image
    out = os.path.join(work, name + "_particle.tif")
    cmd = [hrtem, "segment", image, "--target", "particle", "--out", out, "--quiet", "--device", "cpu"]
    if weights:
        cmd += ["--weights", weights]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"hrtem segment {image} failed: {r.stdout}{r.stderr}")
    region = tifffile.imread(out) > 0.5
    if image.endswith(".png"):
        pixels = np.asarray(Image.open(image).convert("L"), float)
    else:
        pixels = tifffile.imread(image).astype(float)
    lo, hi = np.percentile(pixels, [1, 99])
    g = np.clip((pixels - lo) / max(hi - lo, 1e-9), 0, 1)
    rgb = np.stack([g, g, g], -1)
    edge = region ^ np.roll(region, 1, 0) | region ^ np.roll(region, 1, 1)
    rgb[edge] = [0, 1, 0]
    Image.fromarray((rgb * 255).astype(np.uint8)).save(os.path.join(work, name + "_particle.png"))
    return region


def contained(region, xy, margin_px=0.0):
    """Fraction of the points inside the region grown by margin_px."""
    from scipy import ndimage
    grown = region if margin_px <= 0 else ndimage.distance_transform_edt(~region) <= margin_px
    x = np.clip(np.rint(xy[:, 0]).astype(int), 0, region.shape[1] - 1)
    y = np.clip(np.rint(xy[:, 1]).astype(int), 0, region.shape[0] - 1)
    return round(float(grown[y, x].mean()), 4)


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--hrtem", required=True)
    a.add_argument("--work", required=True)
    a.add_argument("--overlays", action="store_true")
    a.add_argument("--flags", default="", help="more options for hrtem analyze")
    a.add_argument("--regions", action="store_true", help="score the particle network's region too")
    a.add_argument("--particle-weights", default="", help="the particle network (default: the shipped one)")
    p = a.parse_args()
    os.makedirs(p.work, exist_ok=True)
    flags = p.flags.split()

    ptir = os.path.join(REAL, "ptir", "PtIr_obs_float32.tif")
    det = analyze(p.hrtem, ptir, os.path.join(p.work, "ptir"), p.overlays, flags)
    ref = pd.read_csv(os.path.join(REAL, "ptir", "PtIr_columns_statstem.csv"))[["x_px", "y_px"]].to_numpy(float)
    row = dict(image="ptir", **scores(ref, det, particle=True))
    if p.regions:
        region = particle_region(p.hrtem, ptir, p.work, "ptir", p.particle_weights)
        summary = json.load(open(os.path.join(p.work, "ptir", "summary.json")))
        period = summary.get("movie", {}).get("period_px", 0.0) or 0.0
        row["reference_in_region"] = contained(region, ref)
        row["reference_in_region_margin"] = contained(region, ref, 0.8 * period)
        row["region_fraction"] = round(float(region.mean()), 4)
    print(json.dumps(row), flush=True)

    det = analyze(p.hrtem, os.path.join(REAL, "sto", "16_STOimage_1.ser"), os.path.join(p.work, "sto"), p.overlays, flags)
    ref = pd.read_csv(os.path.join(REAL, "sto", "sto_reference.csv"))
    border = pd.read_csv(os.path.join(REAL, "sto", "sto_reference_border.csv"))[["x_px", "y_px"]].to_numpy(float)
    print(json.dumps(dict(image="sto", **scores(ref[["x_px", "y_px"]].to_numpy(float), det, particle=False,
                                                dont_care=border, sublattice=ref.sublattice.to_numpy()))), flush=True)

    det = analyze(p.hrtem, os.path.join(REAL, "graphene", "graphene_flower_raw.tif"), os.path.join(p.work, "graphene"),
                  p.overlays, flags)
    ref = np.loadtxt(os.path.join(REAL, "graphene", "graphene_flower.txt"))[:, :2]
    print(json.dumps(dict(image="graphene", **scores(ref, det, particle=False))), flush=True)

    fcc = os.path.join(REAL, "fcc_np", "fcc_np_110.png")
    det = analyze(p.hrtem, fcc, os.path.join(p.work, "fcc_np"), True, flags)
    row = dict(image="fcc_np", detections=len(det), overlay=os.path.join(p.work, "fcc_np", "overlay_0.png"))
    if p.regions:
        region = particle_region(p.hrtem, fcc, p.work, "fcc_np", p.particle_weights)
        row["region_fraction"] = round(float(region.mean()), 4)
        row["region_png"] = os.path.join(p.work, "fcc_np_particle.png")
    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
