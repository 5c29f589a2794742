#!/usr/bin/env bash
# README command 1: set up, build, and run HRTEM Studio on the bundled demo movie.
# With a display it opens the window; without one it runs the command-line tool on the demo
# and says where the results are.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "== Opening HRTEM Studio on the demo movie"
  exec build/app/hrtem-studio --demo
fi

out=results/demo
echo "== No display: running the command line on the demo movie"
build/app/hrtem demo --out "$out"
build/app/hrtem info "$out/demo.tif" | tee "$out/info.txt"
build/app/hrtem info "$out/demo.tif" --json > "$out/info.json"
echo
echo "Results are in $(pwd)/$out:"
echo "  demo.tif   the demo movie, a calibrated TIFF stack (opens in HRTEM Studio, Fiji, ImageJ)"
echo "  info.txt   what HRTEM Studio reads from it (info.json: the same for scripts)"
