#!/usr/bin/python3
"""independent_matrix.py - the engine against the generic peer on movies from the independent
generator (../shared/eval/simmovie.py), scored by ../shared/eval/score.py.

    /usr/bin/python3 bench/independent_matrix.py --hrtem build/app/hrtem --work /tmp/indep \
        [--cells b20,d5] [--frames 40] [--markdown table.md]

The cells are those of issue 27: bright and dark columns at 5, 20 and 200 counts/px, weak column
contrast, detector blur with read noise, a 10 nm particle, coarse pixels, and five movies with
extra adatoms at 20 counts/px (adatom recall). Movies and the peer's results are cached in the
work folder (the same seed gives the same movie); the engine runs every time. Prints one JSON
line per cell and a JSON summary; --markdown writes the table of the closing note.

Needs Debian's python3-numpy, -scipy, -pandas, -tifffile and -skimage (as ../shared/eval does).
Nothing of the generator, the peer or the scorer is copied here: they are run as they are.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "eval"))

# name, simmovie options (beside --frames and --out)
CELLS = [
    ("bright_200", ["--seed", "1", "--dose", "200", "--contrast", "bright"]),
    ("bright_20", ["--seed", "2", "--dose", "20", "--contrast", "bright"]),
    ("bright_5", ["--seed", "3", "--dose", "5", "--contrast", "bright"]),
    ("dark_200", ["--seed", "4", "--dose", "200", "--contrast", "dark"]),
    ("dark_20", ["--seed", "5", "--dose", "20", "--contrast", "dark"]),
    ("dark_5", ["--seed", "6", "--dose", "5", "--contrast", "dark"]),
    ("weak_20", ["--seed", "7", "--dose", "20", "--column-contrast", "0.1"]),
    ("blur_10", ["--seed", "8", "--dose", "10", "--blur", "0.7", "--read-noise", "3"]),
    ("np10nm_20", ["--seed", "9", "--dose", "20", "--diameter", "10"]),
    ("coarse_20", ["--seed", "10", "--dose", "20", "--px", "0.04"]),
] + [("adatoms_20_s%d" % s, ["--seed", str(s), "--dose", "20", "--adatoms", "6"]) for s in range(11, 16)]


def run(cmd, log):
    with open(log, "w") as fh:
        r = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}; see {log}")


def score(truth, csv, log):
    run([sys.executable, os.path.join(EVAL, "score.py"), truth, csv], log)
    with open(log) as fh:
        return json.load(fh)


def summary(s):
    loc, tr = s["localization"], s["tracking"]
    return dict(f1=round(loc["f1"], 4), precision=round(loc["precision"], 4), recall=round(loc["recall"], 4),
                mota=round(tr["mota"], 4),
                adatom_recall=round(loc.get("recall_by_behaviour", {}).get("adatom_kind", float("nan")), 4))


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--hrtem", required=True, help="the hrtem command-line program")
    a.add_argument("--work", required=True, help="folder for movies and results (cached between runs)")
    a.add_argument("--cells", default="", help="comma-separated parts of cell names to run (default: all)")
    a.add_argument("--frames", type=int, default=40)
    a.add_argument("--markdown", default="")
    a.add_argument("--config", default="", help="analysis settings JSON passed to hrtem analyze")
    p = a.parse_args()
    wanted = [c for c in p.cells.split(",") if c]
    rows = []
    for name, options in CELLS:
        if wanted and not any(w in name for w in wanted):
            continue
        cell = os.path.join(p.work, name)
        os.makedirs(cell, exist_ok=True)
        movie = os.path.join(cell, "movie_lq.tif")
        if not os.path.exists(movie):
            run([sys.executable, os.path.join(EVAL, "simmovie.py"), "--out", cell, "--frames", str(p.frames)] + options,
                os.path.join(cell, "simmovie.log"))
        peer_csv = os.path.join(cell, "peer.csv")
        if not os.path.exists(peer_csv):
            run([sys.executable, os.path.join(EVAL, "peer_skimage.py"), movie, "--out", peer_csv],
                os.path.join(cell, "peer.log"))
        peer = summary(score(cell, peer_csv, os.path.join(cell, "peer_score.json")))
        out = os.path.join(cell, "engine")
        cmd = [p.hrtem, "analyze", movie, "--out", out, "--quiet"]
        if p.config:
            cmd += ["--config", p.config]
        run(cmd, os.path.join(cell, "engine.log"))
        engine = summary(score(cell, os.path.join(out, "trajectories.csv"), os.path.join(cell, "engine_score.json")))
        row = dict(cell=name, engine=engine, peer=peer,
                   holds=engine["f1"] >= peer["f1"] and engine["mota"] >= peer["mota"])
        rows.append(row)
        print(json.dumps(row), flush=True)
    ad = [r for r in rows if r["cell"].startswith("adatoms")]
    result = dict(cells=len(rows), engine_holds=sum(r["holds"] for r in rows),
                  adatom_recall_engine=[r["engine"]["adatom_recall"] for r in ad],
                  adatom_recall_peer=[r["peer"]["adatom_recall"] for r in ad])
    print(json.dumps(result))
    if p.markdown:
        with open(p.markdown, "w") as fh:
            fh.write("| cell | engine F1 | peer F1 | engine MOTA | peer MOTA | engine adatom recall | peer adatom recall |\n")
            fh.write("|---|---|---|---|---|---|---|\n")
            for r in rows:
                e, q = r["engine"], r["peer"]
                fh.write(f"| {r['cell']} | {e['f1']:.3f} | {q['f1']:.3f} | {e['mota']:.3f} | {q['mota']:.3f} | "
                         f"{e['adatom_recall']:.3f} | {q['adatom_recall']:.3f} |\n")


if __name__ == "__main__":
    main()
