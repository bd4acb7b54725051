#!/usr/bin/env bash
# Every test of redress, in the order a failure is cheapest to read:
#   1. the C++ library and its GoogleTest suite through CTest (warnings are errors);
#   2. cmake --install, then the consumer project in tests/consumer built against the installed tree;
#   3. pip install . into a fresh virtual environment outside the source tree, then pytest against it;
#   3b. the wheel: built, its module's NEEDED entries checked, auditwheel show and repair, installed fresh;
#   4. the GoogleTest suite again under AddressSanitizer and UndefinedBehaviorSanitizer;
#   5. clang-format and ruff.
# Needs what scripts/install-deps.sh installs. Build trees go under build/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${REDRESS_JOBS:-$(nproc)}"
section() { printf '\n==== %s ====\n' "$*"; }

section "C++: build and GoogleTest (CTest)"
cmake --preset dev
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

section "C++: install, then the consumer project links redress::redress from the installed tree"
stage="$root/build/stage"
rm -rf "$stage" build/consumer
cmake --install build/dev --prefix "$stage"
cmake -S tests/consumer -B build/consumer -G Ninja -DCMAKE_PREFIX_PATH="$stage"
cmake --build build/consumer
./build/consumer/consumer

section "Python: pip install . into a fresh virtual environment, pytest from outside the source tree"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q scikit-build-core pybind11
"$work/venv/bin/python" -m pip install -q ".[test]" ruff -C cmake.define.REDRESS_WARNINGS_AS_ERRORS=ON
(cd "$work" && "$work/venv/bin/python" -m pytest "$root/tests/python")

section "Python: the wheel links only the C/C++ runtime (readelf, auditwheel), installs and imports"
scripts/check-wheel.sh "$work/venv/bin/python"

section "C++: GoogleTest under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake --preset sanitize
cmake --build --preset sanitize -j "$jobs"
ctest --preset sanitize -j "$jobs"

section "Style: clang-format and ruff"
git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' ':!third_party' | xargs clang-format --dry-run --Werror
"$work/venv/bin/ruff" check python tests/python examples bench
"$work/venv/bin/ruff" format --check python tests/python examples bench

section "All tests passed"
