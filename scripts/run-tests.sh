#!/usr/bin/env bash
# README command 2: set up, build everything and run the whole test suite through CTest.
# Exits non-zero if any test fails. Tests that need ../shared/testdata report "skipped"
# where that folder is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh all
ctest --test-dir build --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
