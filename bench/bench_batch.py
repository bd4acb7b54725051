"""The batch (default and --remedy-only) over a file of synthetic cases, against the plain Python loop an analyst
would write.

Both read the same JSON Lines file and produce each case's remedy total; the Python loop (json.loads, school
months counted, August left out, sums in integer pence) does only the arithmetic, without validation,
explanations, guidance bands or audit. Reports cases a second for each and redress's peak memory
(/usr/bin/time -v).

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

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        for deadlines in (False, True):
            # redress in a child process under /usr/bin/time -v, so that its peak memory is its own.
            code = (
                "import datetime, redress, time;"
                "t = time.perf_counter();"
                f"s, _ = redress.run_batch({args.cases!r}, {out!r}, as_of=datetime.date(2026, 11, 22),"
                f" deadlines={deadlines});"
                "print(time.perf_counter() - t, s['cases'], s['errors'])"
            )
            command = [sys.executable, "-c", code]
            timed = os.path.exists("/usr/bin/time")
            if timed:
                command = ["/usr/bin/time", "-v", *command]
            result = subprocess.run(command, capture_output=True, text=True, check=True)
            seconds, cases, errors = result.stdout.split()
            peak_kb = 0
            for row in result.stderr.splitlines():
                if "Maximum resident set size" in row:
                    peak_kb = int(row.split(":")[1])
            with open(out, "rb") as f:
                out_lines = sum(1 for _ in f)
            runs.append((deadlines, float(seconds), peak_kb, cases, errors, out_lines))
    t = time.perf_counter()
    python_loop(args.cases)
    python_seconds = time.perf_counter() - t
    peak_python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    size_mb = os.path.getsize(args.cases) / 1e6
    print(f"{lines:,} lines ({size_mb:.0f} MB), as of {dt.date(2026, 11, 22)}, one core, same run:")
    for deadlines, seconds, peak_kb, cases, errors, out_lines in runs:
        label = "redress batch (default)    " if deadlines else "redress batch --remedy-only"
        print(
            f"{label}: {seconds:.2f} s  {lines / seconds:,.0f} cases/s  peak RSS {peak_kb / 1024:.0f} MB"
            f"  ({cases} cases, {errors} errors, {out_lines:,} output lines)"
            f"  {python_seconds / seconds:.2f}x the Python loop"
        )
    rate, mb = lines / python_seconds, peak_python / 1024
    print(f"python json.loads loop:      {python_seconds:.2f} s  {rate:,.0f} cases/s  peak {mb:.0f} MB")


if __name__ == "__main__":
    main()
