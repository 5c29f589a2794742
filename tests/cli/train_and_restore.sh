#!/usr/bin/env bash
# A user's round trip from the command line (issue 5 bar 6, in small): train HRTEM-GAN on two
# folders' worth of unpaired frames on the CPU, stop, resume, then restore a movie with the new
# weights and analyse it with --restore gan. Bad input is refused with a message naming it.
set -euo pipefail
hrtem=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$hrtem" simulate --preset train-hq --size 128 --frames 4 --out "$work/hq" > /dev/null
"$hrtem" simulate --preset train-lq --size 128 --frames 4 --out "$work/lq" > /dev/null
cat > "$work/options.json" <<'JSON'
{"generator": {"base_channels": 4, "levels": 2, "vit_layers": 1, "vit_heads": 2},
 "discriminator": {"base_channels": 4, "layers": 2}, "cf_probes": 8}
JSON
"$hrtem" train gan --hq "$work/hq/movie.tif" --lq "$work/lq/movie.tif" --out "$work/gan.safetensors" \
  --config "$work/options.json" --patch 32 --batch 2 --steps 4 --checkpoint-every 2 --device cpu --quiet \
  > "$work/train1.txt"
[ -s "$work/gan.safetensors" ] && [ -s "$work/gan.safetensors.checkpoint" ] || { echo "no weights/checkpoint"; exit 1; }
# Resume to 8 steps: the loss log continues (header once, one row per 10 steps and the last).
"$hrtem" train gan --hq "$work/hq/movie.tif" --lq "$work/lq/movie.tif" --out "$work/gan.safetensors" \
  --config "$work/options.json" --patch 32 --batch 2 --steps 8 --resume "$work/gan.safetensors.checkpoint" \
  --device cpu --quiet > "$work/train2.txt"
grep -q "resumed from .* at step 4" "$work/train2.txt" || { echo "resume not reported"; cat "$work/train2.txt"; exit 1; }
python3 - "$work/gan.safetensors" "$work/gan.safetensors.losses.csv" <<'PY'
import json, struct, sys
with open(sys.argv[1], "rb") as f:
    n = struct.unpack("<Q", f.read(8))[0]
    header = json.loads(f.read(n))
meta = header["__metadata__"]
assert meta["format"] == "hrtem-gan-generator", meta
assert meta["training_steps"] == "8", meta["training_steps"]
assert json.loads(meta["generator_config"])["base_channels"] == 4
rows = open(sys.argv[2]).read().strip().splitlines()
assert rows[0].startswith("step,epoch,learning_rate"), rows[0]
steps = [int(r.split(",")[0]) for r in rows[1:]]
assert steps == [4, 8], steps
PY
"$hrtem" restore "$work/lq/movie.tif" --out "$work/restored.tif" --weights "$work/gan.safetensors" \
  --device cpu --tile 64 --overlap 16 --quiet > "$work/restore.txt"
"$hrtem" info "$work/restored.tif" --json > "$work/info.json"
python3 - "$work/info.json" <<'PY'
import json, sys
info = json.load(open(sys.argv[1]))
assert info["frames"] == 4 and info["width"] == 128 and info["height"] == 128, info
PY
"$hrtem" analyze "$work/lq/movie.tif" --out "$work/result" --restore gan --weights "$work/gan.safetensors" \
  --device cpu --quiet > /dev/null
python3 - "$work/result/summary.json" "$work/gan.safetensors" <<'PY'
import hashlib, json, sys
s = json.load(open(sys.argv[1]))
m = s["models"][0]
assert m["role"] == "restoration" and m["sha256"] == hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest(), m
PY
# Refusals name the problem.
if "$hrtem" restore "$work/lq/movie.tif" --out "$work/x.tif" --weights "$work/missing.safetensors" 2> "$work/err.txt"; then
  echo "missing weights accepted"; exit 1
fi
grep -q "missing.safetensors" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
if "$hrtem" restore "$work/lq/movie.tif" --out "$work/x.tif" --weights "$work/hq/movie.tif" 2> "$work/err.txt"; then
  echo "a TIFF accepted as weights"; exit 1
fi
grep -q "movie.tif" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
echo "train, resume, restore and analyze --restore gan: ok"
