#!/usr/bin/env bash
# Shared set-up for the two README commands on Debian 12: installs only the Debian packages
# that are missing, then configures and builds into build/.
#   scripts/setup.sh app     build the programs (hrtem, hrtem-studio)
#   scripts/setup.sh all     build everything, tests and benchmarks included
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins qt6-svg-dev
  libgl-dev libtorch-dev libopencv-dev libqcustomplot-dev libeigen3-dev libtiff-dev libhdf5-dev nlohmann-json3-dev
  catch2 fonts-wqy-microhei qt6-translations-l10n
  # Debian's LibTorch does its convolutions through the system BLAS, which is the slow reference
  # implementation unless OpenBLAS provides it: HRTEM-GAN on the CPU runs 1.8x faster with it.
  libopenblas0-pthread
  # hrtem batch --slurm's test starts a real single-node SLURM (it is skipped where it cannot).
  slurm-wlm munge
  # The fuzzing test builds fuzz/ with clang's libFuzzer (scripts/fuzz.sh).
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== Installing ${#missing[@]} missing package(s): ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "== All build dependencies are installed"
fi

jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
if [ "$what" = app ]; then
  cmake --build build -j "$jobs" --target hrtem hrtem-studio
else
  cmake --build build -j "$jobs"
fi
