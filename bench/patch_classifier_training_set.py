#!/usr/bin/python3
"""patch_classifier_training_set.py - the simulated movies the shipped patch classifier learnt
from (models/weights/hrtem_patch_classifier.md), written with `hrtem simulate`:

  - the training mixture (core/sim/training_mixture.h): `--preset train-mix-lq` (3-30 counts/px,
    low quality) and `--preset train-mix-hq` (150-400 counts/px, high quality), both column
    polarities, pixel sizes, supports and particles drawn from each seed;
  - weak-phase structure images of other crystals and zone axes (`--structure ... --imaging
    dark|bright`) at low (3-30) and high (150-400) background counts, with column contrast,
    column width and amorphous-support texture drawn per image: so that the classifier reads
    lattice and noise, not one simulator's look;
  - as many again with faint columns (2-12% contrast) at low (3-30) and high (100-1000) counts:
    so that the quality head reads the dose in the noise, not the lattice's strength.

    /usr/bin/python3 bench/patch_classifier_training_set.py --hrtem build/app/hrtem --work /tmp/pctrain [--jobs 2]

Prints the folders, comma-separated, for `hrtem train patches --sim`. None of the seeds is used by
bench/patch_classifier_matrix.py or the tests.
"""
import argparse
import math
import os
import random
import subprocess
from concurrent.futures import ThreadPoolExecutor

STRUCTURES = [("fcc", "[110]"), ("fcc", "[001]"), ("fcc", "[112]"), ("bcc", "[001]"), ("bcc", "[110]"),
              ("perovskite", "[001]"), ("rock-salt", "[001]")]


def phase_images(rng, numbers, high, contrast, texture):
    """Weak-phase structure images numbered `numbers`, even numbers at low dose (3-30 counts/px,
    log-uniform), odd ones at `high` counts/px, with column contrast, column width, support
    texture, scale and size drawn from `rng` (in this order: the shipped weights' set)."""
    out = []
    for i in numbers:
        structure, zone = STRUCTURES[i % len(STRUCTURES)]
        low = i % 2 == 0
        counts = math.exp(rng.uniform(math.log(3), math.log(30))) if low else rng.uniform(*high)
        out.append((f"phase_{i:02d}", [
            "--structure", structure, "--zone", zone, "--imaging", rng.choice(["dark", "bright"]),
            "--background", f"{counts:.1f}", "--phase-contrast", f"{rng.uniform(*contrast):.3f}",
            "--column-width", f"{rng.uniform(0.15, 0.3):.3f}", "--support-texture", f"{rng.uniform(0, texture):.3f}",
            "--pixels-per-bond", f"{rng.uniform(8, 20):.1f}", "--radius-bonds", f"{rng.uniform(7, 16):.1f}",
            "--seed", str(1300 + i)] + (["--thickness"] if rng.random() < 0.7 else [])))
    return out


def jobs(frames):
    out = []
    for seed in range(1101, 1121):
        out.append((f"mix_lq_{seed}", ["--preset", "train-mix-lq", "--seed", str(seed), "--frames", str(frames)]))
    for seed in range(1201, 1221):
        out.append((f"mix_hq_{seed}", ["--preset", "train-mix-hq", "--seed", str(seed), "--frames", str(frames)]))
    rng = random.Random(1300)
    # Lattices of ordinary strength, then faint ones at both doses: the quality head must read the
    # dose in the noise, not how strong the lattice happens to be (another microscope's columns
    # may be fainter).
    out += phase_images(rng, range(48), high=(150, 400), contrast=(0.08, 0.45), texture=0.12)
    out += phase_images(rng, range(48, 96), high=(100, 1000), contrast=(0.02, 0.12), texture=0.06)
    return out


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--hrtem", required=True)
    a.add_argument("--work", required=True)
    a.add_argument("--frames", type=int, default=8)
    a.add_argument("--jobs", type=int, default=2)
    p = a.parse_args()

    def make(job):
        name, options = job
        folder = os.path.join(p.work, name)
        if not os.path.exists(os.path.join(folder, "truth", "particle_mask.tif")):
            r = subprocess.run([p.hrtem, "simulate", "--out", folder] + options, capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"failed: {name}: {r.stdout}{r.stderr}")
        return folder

    with ThreadPoolExecutor(p.jobs) as pool:
        folders = list(pool.map(make, jobs(p.frames)))
    print(",".join(folders))


if __name__ == "__main__":
    main()
