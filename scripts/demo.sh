#!/usr/bin/env bash
# The main job: installs the redress package into .venv, works out the seed cases' remedies, then runs the
# batch over examples/cases/ and prints the summary per authority.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
.venv/bin/python examples/demo.py
mkdir -p build
.venv/bin/python examples/to_jsonl.py examples/cases/*.json -o build/examples.jsonl
echo
echo "redress batch build/examples.jsonl -o build/examples-results.jsonl --csv build/examples-results.csv --summary"
status=0
.venv/bin/redress batch build/examples.jsonl -o build/examples-results.jsonl --csv build/examples-results.csv \
  --summary || status=$?
# Exit 1 means some cases had errors, which the summary reports; anything else is a failure of the job.
[ "$status" -le 1 ] || exit "$status"
