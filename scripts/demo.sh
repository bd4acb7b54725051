#!/usr/bin/env bash
# The main job: installs the redress package into .venv, explains the remedies of the seed cases in
# examples/cases/, then runs the batch over the same case files and prints the summary per authority.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
step() { printf '\n== %s\n' "$*"; }

step "Setting up a Python virtual environment in .venv"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
step "Building and installing redress into .venv: this compiles the C++ library and its Python module," \
  "which takes 3 to 8 minutes on a small machine; pip prints a line every few seconds while it works"
.venv/bin/python -m pip install --progress-bar off . 2>&1 | grep --line-buffered -v -E '^\s*$|Requirement already satisfied' || {
  echo "demo: pip install failed; run '.venv/bin/python -m pip install -v .' to see the compiler's output" >&2
  exit 1
}

step "The seed cases' remedies: examples/demo.py"
.venv/bin/python examples/demo.py

step "The batch over the same case files, one case a line"
mkdir -p build
.venv/bin/python examples/to_jsonl.py examples/cases/*.json -o build/examples.jsonl
echo "redress batch build/examples.jsonl -o build/examples-results.jsonl --csv build/examples-results.csv --summary"
status=0
.venv/bin/redress batch build/examples.jsonl -o build/examples-results.jsonl --csv build/examples-results.csv \
  --summary || status=$?
echo
echo "Results: build/examples-results.jsonl, one JSON line a case; build/examples-results.csv, one row a case."
# Exit 1 means some cases had errors, which the summary reports; anything else is a failure of the job.
[ "$status" -le 1 ] || exit "$status"
