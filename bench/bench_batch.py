"""The remedy-only batch over a file of synthetic cases, against the plain Python loop an analyst would write.

Both read the same JSON Lines file and produce each case's remedy total; the Python loop (json.loads, school
months counted, August left out, sums in integer pence) does only the arithmetic, without validation,
explanations, guidance bands or audit. Reports cases a second for each and redress's peak memory.

    python bench/generate_cases.py --n 1000000 -o build/cases-1m.jsonl
    python bench/bench_batch.py build/cases-1m.jsonl
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def python_loop(path: str) -> int:
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            remedy = case.get("remedy", {})
            for p in remedy.get("lost_provision", []):
                y0, m0 = map(int, p["from"].split("-"))
                y1, m1 = map(int, p["to"].split("-"))
                months = sum(1 for k in range(y0 * 12 + m0 - 1, y1 * 12 + m1) if k % 12 != 7)
                total += months * round(float(p["rate"]) * 100)
            for pay in remedy.get("payments", []):
                total += round(float(pay["amount"]) * 100)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases")
    args = parser.parse_args()
    with open(args.cases, "rb") as f:
        lines = sum(1 for _ in f)

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        # redress in a child process, so that its peak memory is its own.
        code = (
            "import datetime, redress, sys, time, resource;"
            "t = time.perf_counter();"
            f"s, _ = redress.run_batch({args.cases!r}, {out!r}, as_of=datetime.date(2026, 11, 22), deadlines=False);"
            "e = time.perf_counter() - t;"
            "print(e, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, s['cases'], s['errors'])"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        seconds, peak_kb, cases, errors = result.stdout.split()
        with open(out, "rb") as f:
            out_lines = sum(1 for _ in f)
    t = time.perf_counter()
    python_loop(args.cases)
    python_seconds = time.perf_counter() - t
    peak_python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    size_mb = os.path.getsize(args.cases) / 1e6
    print(f"{lines:,} lines ({size_mb:.0f} MB); output lines {out_lines:,}; cases {cases}, errors {errors}")
    rate, mb = lines / float(seconds), int(peak_kb) / 1024
    print(f"redress batch (remedy only): {float(seconds):.2f} s  {rate:,.0f} cases/s  peak {mb:.0f} MB")
    rate, mb = lines / python_seconds, peak_python / 1024
    print(f"python json.loads loop:      {python_seconds:.2f} s  {rate:,.0f} cases/s  peak {mb:.0f} MB")
    print(f"ratio: {python_seconds / float(seconds):.1f}x the Python loop; as of {dt.date(2026, 11, 22)}")


if __name__ == "__main__":
    main()
