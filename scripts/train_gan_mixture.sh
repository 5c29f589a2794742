#!/usr/bin/env bash
# Retrains the shipped HRTEM-GAN generator on the training mixture (issue 20): MOVIES unpaired
# HQ and LQ movies, each with its own microscope and specimen conditions drawn from its seed
# (hrtem simulate --preset train-mix-hq / train-mix-lq), then `hrtem train gan` over all of them.
# Resumable: rerun with the same WORK folder and it continues from the last checkpoint.
# Usage: scripts/train_gan_mixture.sh WORK OUT.safetensors [STEPS] [MOVIES] [DEVICE]
set -euo pipefail
work=${1:?work folder}
out=${2:?output weights}
steps=${3:-2000}
movies=${4:-8}
device=${5:-cpu}
hrtem=${HRTEM:-build/app/hrtem}
mkdir -p "$work"
hq=() lq=()
for i in $(seq 1 "$movies"); do
    # Seeds 10001.. (HQ) and 20001.. (LQ); evaluation uses other seeds and fixed doses.
    for half in hq lq; do
        [ "$half" = hq ] && seed=$((10000 + i)) || seed=$((20000 + i))
        dir="$work/$half-$seed"
        [ -f "$dir/movie.tif" ] || "$hrtem" simulate --preset "train-mix-$half" --seed "$seed" --frames 24 --out "$dir" > /dev/null
        if [ "$half" = hq ]; then hq+=("$dir/movie.tif"); else lq+=("$dir/movie.tif"); fi
    done
done
join() { local IFS=,; echo "$*"; }
resume=()
[ -f "$out.checkpoint" ] && resume=(--resume "$out.checkpoint")
"$hrtem" train gan --hq "$(join "${hq[@]}")" --lq "$(join "${lq[@]}")" --out "$out" --steps "$steps" \
    --checkpoint-every 100 --device "$device" --quiet "${resume[@]}"
