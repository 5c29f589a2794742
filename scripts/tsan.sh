#!/usr/bin/env bash
# ThreadSanitizer over the threaded paths (issue 35): builds the program with -fsanitize=thread
# into $TSAN_BUILD_DIR (default build-tsan/) and runs the tests named "tsan:..." there: the
# pipeline's workers, cancel and live analysis; the background jobs; the window's analysis,
# cancel, corrections, session save and reopen. Any report fails the test that made it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${TSAN_BUILD_DIR:-build-tsan}
jobs=$(nproc 2>/dev/null || echo 2)
[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHRTEM_TSAN=ON >/dev/null
cmake --build "$build" -j "$jobs" --target test_tsan_pipeline test_tsan_window hrtem hrtem-studio
ctest --test-dir "$build" -R "^tsan:" --output-on-failure -j "$jobs" "$@"
