#!/usr/bin/env bash
# libFuzzer over every reader and parser (issue 35; harnesses in fuzz/harness/).
#   scripts/fuzz.sh SECONDS [HARNESS...]     each harness for SECONDS (default: all of them)
#   scripts/fuzz.sh --runs N [HARNESS...]    each harness for N executions
# Builds fuzz/ with clang into $FUZZ_BUILD_DIR (default build-fuzz/). The corpus of each
# harness grows in $FUZZ_BUILD_DIR/corpus/NAME, seeded from ../shared/testdata and fuzz/seeds/;
# an input that crashes, leaks, trips a sanitizer or hangs is kept in fuzz/regressions/NAME/
# (commit it with the fix: the test suite replays that folder under ASan/UBSan) and the script
# fails. Prints one JSON line per harness: executions, seconds, corpus size, finding.
# FUZZ_SEED=N makes a run repeatable: the same binary, seeds and seed explore the same inputs
# in the same order, so a shorter run on a slower machine covers a prefix of a longer one (the
# suite's 30-s runs use FUZZ_SEED=1; longer runs without it explore anew each time).
# Exits 77 (skipped, for CTest) where clang or libFuzzer is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
all=(dm tiff ser mrc emd probe folder session settings safetensors)

limit=(-max_total_time=60)
case "${1:-}" in
  --runs) limit=(-runs="$2"); shift 2 ;;
  ''|-*) ;;
  *) limit=(-max_total_time="$1"); shift ;;
esac
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")

if ! command -v clang++ >/dev/null; then
  echo "clang++ is not installed: no fuzzing here" >&2; exit 77
fi
probe=$(mktemp -d)
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' > "$probe/p.cpp"
if ! clang++ -fsanitize=fuzzer "$probe/p.cpp" -o "$probe/p" 2>/dev/null; then
  rm -rf "$probe"; echo "clang has no libFuzzer (Debian: libclang-rt-14-dev): no fuzzing here" >&2; exit 77
fi
rm -rf "$probe"

build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
[ -f "$build/build.ninja" ] || cmake -S fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null

testdata=$root/../shared/testdata
seeds_of() { # the real files each reader is seeded with
  case "$1" in
    dm) echo "$testdata/dm" ;;
    tiff) echo "$testdata/tiff" ;;
    ser) echo "$testdata/tia" ;;
    mrc) echo "$testdata/mrc" ;;
    emd) echo "$testdata/emd" ;;
    probe) echo "$testdata/dm $testdata/tiff $testdata/tia $testdata/mrc" ;;
  esac
}

# Inputs are files the readers open: in memory where /dev/shm exists (3x the speed of disk).
export TMPDIR=${FUZZ_TMPDIR:-$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp )}
status=0
for h in "${harnesses[@]}"; do
  corpus=$build/corpus/$h
  found=$root/fuzz/regressions/$h
  mkdir -p "$corpus" "$found"
  dirs=("$corpus")
  for d in $(seeds_of "$h") "$root/fuzz/seeds/$h"; do [ -d "$d" ] && dirs+=("$d"); done
  log=$build/fuzz-$h.log
  start=$(date +%s)
  set +e
  # 64 KiB inputs hold the whole tag tree or header of every seed; 2 GB is far above what a
  # reader may allocate for a file this small; 30 s for one input is a hang (EMD's structure
  # reader process gives up after 120 s, so its hangs show as timeouts here).
  "$build/fuzz_$h" "${dirs[@]}" "${limit[@]}" ${FUZZ_SEED:+-seed=$FUZZ_SEED} -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
      -print_final_stats=1 -artifact_prefix="$found/" > "$log" 2>&1
  rc=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | cut -f1)
  finding=null
  if [ $rc -ne 0 ]; then
    status=1
    artifact=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    finding="\"${artifact:-see $log}\""
    grep -m1 -E "ERROR|runtime error" "$log" >&2 || tail -5 "$log" >&2
  fi
  echo "{\"harness\": \"$h\", \"executions\": ${runs:-0}, \"seconds\": $seconds, \"corpus_files\": $files, \"corpus_bytes\": $bytes, \"finding\": $finding}"
done
exit $status
