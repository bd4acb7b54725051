#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: Clang with ASan and UBSan) and runs each for a fixed time on
# the corpus kept in tests/fuzz/corpus/<target>/ (the extractor's also on the test texts in
# tests/data/texts/corpus/), with the dictionary tests/fuzz/dict/<target>.dict if there is one.
#   scripts/fuzz.sh [seconds per target, default 45] [target ...]
# A crash, a leak, undefined behaviour or an exception other than redress::Error fails the run; libFuzzer
# writes the input to build/fuzz/findings/<target>/ (crash-..., timeout-..., ...). Put it in the corpus and
# add a regression test. New inputs found are kept in build/fuzz/findings/<target>/new/, never in the
# repository, so a run leaves the source tree as it found it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-45}"
shift || true
jobs="${REDRESS_JOBS:-$(nproc)}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < build/fuzz/tests/fuzz/targets.txt
fi

failed=()
for target in "${targets[@]}"; do
  corpus="tests/fuzz/corpus/$target"
  findings="build/fuzz/findings/$target"
  mkdir -p "$corpus" "$findings/new"
  dict=()
  if [ -f "tests/fuzz/dict/$target.dict" ]; then dict=(-dict="tests/fuzz/dict/$target.dict"); fi
  # Test data that is a good seed as it stands is read where it lives, not copied into the corpus.
  seeds=("$corpus")
  case "$target" in
    extract) seeds+=(tests/data/texts/corpus) ;;
  esac
  echo "fuzz: $target for ${seconds}s on $(find "${seeds[@]}" -type f | wc -l) seeds"
  # Each case must finish in 10 s and stay under 2 GB; -artifact_prefix puts crash files in the build tree.
  if ! ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      "build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 "${dict[@]}" -artifact_prefix="$findings/" "$findings/new" "${seeds[@]}" \
      >"$findings/log.txt" 2>&1; then
    failed+=("$target")
    echo "fuzz: $target FAILED: see $findings/log.txt"
    grep -E "ERROR|SUMMARY|Test unit written" "$findings/log.txt" | head -20 || true
  else
    grep -E "^stat::(number_of_executed_units|new_units_added)" "$findings/log.txt" | sed "s/^/fuzz: $target /" || true
  fi
done

if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzz: failures in ${failed[*]}"
  exit 1
fi
echo "fuzz: every target ran ${seconds}s without a finding"
