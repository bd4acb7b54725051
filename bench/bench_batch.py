"""The batch (default and --remedy-only) over a file of synthetic cases, against the plain Python loop an analyst
would write.

Both read the same JSON Lines file and produce each case's remedy total; the Python loop (json.loads, school
months counted, August left out, sums in integer pence) does only the arithmetic, without validation,
explanations, guidance bands or audit. For each file: the default batch on one thread and on two (--jobs 2),
--remedy-only on one, and the Python loop on one core, all in the same run (the machine may be shared: compare
the ratios); redress's peak memory from /usr/bin/time -v.

    python bench/generate_cases.py --n 200000 -o build/cases-200k.jsonl
    python bench/generate_cases.py --n 200000 --timeline -o build/cases-200k-timeline.jsonl
    python bench/bench_batch.py [--repeat 5] build/cases-200k.jsonl build/cases-200k-timeline.jsonl
"""

import argparse
import datetime as dt
import json
import os
import resource
import statistics
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


def run_redress(path: str, out: str, deadlines: bool, jobs: int) -> tuple[float, int, str, str, int]:
    """redress in a child process under /usr/bin/time -v, so that its peak memory is its own."""
    code = (
        "import datetime, redress, time;"
        "t = time.perf_counter();"
        f"s, _ = redress.run_batch({path!r}, {out!r}, as_of=datetime.date(2026, 11, 22),"
        f" deadlines={deadlines}, jobs={jobs});"
        "print(time.perf_counter() - t, s['cases'], s['errors'])"
    )
    command = [sys.executable, "-c", code]
    if os.path.exists("/usr/bin/time"):
        command = ["/usr/bin/time", "-v", *command]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, cases, errors = result.stdout.split()
    peak_kb = 0
    for row in result.stderr.splitlines():
        if "Maximum resident set size" in row:
            peak_kb = int(row.split(":")[1])
    with open(out, "rb") as f:
        out_lines = sum(1 for _ in f)
    return float(seconds), peak_kb, cases, errors, out_lines


def bench_file(path: str, repeat: int) -> dict[str, float]:
    """Each configuration and the Python loop `repeat` times, interleaved, so that a burst of load from other
    work on a shared machine falls on all of them; the median time of each is reported."""
    with open(path, "rb") as f:
        lines = sum(1 for _ in f)
    configurations = (
        ("redress batch --jobs 1            ", True, 1),
        ("redress batch --jobs 2            ", True, 2),
        ("redress batch --remedy-only --jobs 1", False, 1),
    )
    times: dict[str, list] = {label: [] for label, _, _ in configurations}
    python_times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        for _ in range(repeat):
            for label, deadlines, jobs in configurations:
                times[label].append(run_redress(path, out, deadlines, jobs))
            t = time.perf_counter()
            python_loop(path)
            python_times.append(time.perf_counter() - t)
    runs = []
    for label, _, _ in configurations:
        seconds, _, cases, errors, out_lines = sorted(times[label], key=lambda run: run[0])[len(times[label]) // 2]
        peak_kb = max(run[1] for run in times[label])
        runs.append((label, seconds, peak_kb, cases, errors, out_lines))
    python_seconds = statistics.median(python_times)
    size_mb = os.path.getsize(path) / 1e6
    print(
        f"{path}: {lines:,} lines ({size_mb:.0f} MB), as of {dt.date(2026, 11, 22)}, same run,"
        f" median of {repeat} (peak RSS: the largest of the runs):"
    )
    rates = {}
    for label, seconds, peak_kb, cases, errors, out_lines in runs:
        rates[label.strip()] = lines / seconds
        print(
            f"  {label}: {seconds:.2f} s  {lines / seconds:,.0f} cases/s  peak RSS {peak_kb / 1024:.0f} MB"
            f"  ({cases} cases, {errors} errors, {out_lines:,} output lines)"
            f"  {python_seconds / seconds:.2f}x the Python loop"
        )
    print(f"  python json.loads loop (one core)   : {python_seconds:.2f} s  {lines / python_seconds:,.0f} cases/s")
    one, two = rates["redress batch --jobs 1"], rates["redress batch --jobs 2"]
    print(f"  --jobs 2 against --jobs 1: {two / one:.2f}x")
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", help="JSON Lines files: the plain cases first, then the timeline ones")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, interleaved; the median is shown")
    args = parser.parse_args()
    results = [bench_file(path, args.repeat) for path in args.cases]
    if len(results) > 1:
        first, second = results[0]["redress batch --jobs 1"], results[1]["redress batch --jobs 1"]
        print(f"second file's rate against the first's, one core: {second / first:.2f}")
    peak_python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"(this Python process's own peak: {peak_python / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
