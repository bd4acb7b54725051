"""The batch (default and --remedy-only) over a file of synthetic cases, against the plain Python loop an analyst
would write.

Both read the same JSON Lines file and produce each case's remedy total; the Python loop (json.loads, school
months counted, August left out, sums in integer pence) does only the arithmetic, without validation,
explanations, guidance bands or audit. For each file: the default batch on one thread and on two (--jobs 2),
--remedy-only on one, and the Python loop on one core. A round runs all of these once over every file, and the
rounds repeat, so that each figure is a median over the same stretch of the machine's load (it may be shared:
compare the ratios). One-thread runs are also given per second of the process's own CPU time, which a
neighbour's load disturbs less than the wall clock; redress's peak memory comes from /usr/bin/time -v.

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


def run_redress(path: str, out: str, deadlines: bool, jobs: int) -> tuple[float, float, int, str, str, int]:
    """redress in a child process under /usr/bin/time -v, so that its peak memory is its own: wall seconds, CPU
    seconds (the batch's own, from the child's process clock), peak RSS in kB, cases, errors, output lines."""
    code = (
        "import datetime, redress, time;"
        "t = time.perf_counter(); c = time.process_time();"
        f"s, _ = redress.run_batch({path!r}, {out!r}, as_of=datetime.date(2026, 11, 22),"
        f" deadlines={deadlines}, jobs={jobs});"
        "print(time.perf_counter() - t, time.process_time() - c, s['cases'], s['errors'])"
    )
    command = [sys.executable, "-c", code]
    if os.path.exists("/usr/bin/time"):
        command = ["/usr/bin/time", "-v", *command]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, cpu, cases, errors = result.stdout.split()
    peak_kb = 0
    for row in result.stderr.splitlines():
        if "Maximum resident set size" in row:
            peak_kb = int(row.split(":")[1])
    with open(out, "rb") as f:
        out_lines = sum(1 for _ in f)
    return float(seconds), float(cpu), peak_kb, cases, errors, out_lines


CONFIGURATIONS = (
    ("redress batch --jobs 1            ", True, 1),
    ("redress batch --jobs 2            ", True, 2),
    ("redress batch --remedy-only --jobs 1", False, 1),
)


def measure_round(path: str, out: str, runs: dict) -> None:
    """One run of each configuration and of the Python loop over `path`, appended to `runs`."""
    for label, deadlines, jobs in CONFIGURATIONS:
        runs.setdefault(label, []).append(run_redress(path, out, deadlines, jobs))
    t, c = time.perf_counter(), time.process_time()
    python_loop(path)
    runs.setdefault("python", []).append((time.perf_counter() - t, time.process_time() - c))


def median(values: list) -> float:
    return statistics.median(values)


def report(path: str, runs: dict, repeat: int) -> dict[str, float]:
    """The medians of one file's runs; returns the one-thread rates (wall and CPU) for the ratio between files."""
    with open(path, "rb") as f:
        lines = sum(1 for _ in f)
    size_mb = os.path.getsize(path) / 1e6
    python_wall = median([r[0] for r in runs["python"]])
    python_cpu = median([r[1] for r in runs["python"]])
    print(
        f"{path}: {lines:,} lines ({size_mb:.0f} MB), as of {dt.date(2026, 11, 22)}, same rounds, median of"
        f" {repeat} (peak RSS: the largest of the runs; CPU: the process's own CPU time, which a neighbour's load"
        " on a shared machine disturbs less than the wall clock):"
    )
    rates = {}
    for label, _, jobs in CONFIGURATIONS:
        wall = median([r[0] for r in runs[label]])
        cpu = median([r[1] for r in runs[label]])
        peak_kb = max(r[2] for r in runs[label])
        _, _, _, cases, errors, out_lines = runs[label][-1]
        rates[label.strip()] = lines / wall
        rates[label.strip() + " cpu"] = lines / cpu
        cpu_text = f", {lines / cpu:,.0f} per CPU second ({python_cpu / cpu:.2f}x the loop's)" if jobs == 1 else ""
        print(
            f"  {label}: {wall:.2f} s  {lines / wall:,.0f} cases/s  {python_wall / wall:.2f}x the Python loop"
            f"{cpu_text}  peak RSS {peak_kb / 1024:.0f} MB  ({cases} cases, {errors} errors, {out_lines:,} rows)"
        )
    print(
        f"  python json.loads loop (one core)   : {python_wall:.2f} s  {lines / python_wall:,.0f} cases/s,"
        f" {lines / python_cpu:,.0f} per CPU second"
    )
    one, two = rates["redress batch --jobs 1"], rates["redress batch --jobs 2"]
    print(f"  --jobs 2 against --jobs 1: {two / one:.2f}x (wall clock)")
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", help="JSON Lines files: the plain cases first, then the timeline ones")
    parser.add_argument("--repeat", type=int, default=3, help="rounds, each running everything once; medians shown")
    args = parser.parse_args()
    # Every file in every round, so that the files are compared over the same stretch of the machine's load.
    runs: dict[str, dict] = {path: {} for path in args.cases}
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        for _ in range(args.repeat):
            for path in args.cases:
                measure_round(path, out, runs[path])
    results = [report(path, runs[path], args.repeat) for path in args.cases]
    if len(results) > 1:
        first, second = results[0], results[1]
        print(
            "second file's rate against the first's, one core:"
            f" {second['redress batch --jobs 1'] / first['redress batch --jobs 1']:.2f} (wall clock),"
            f" {second['redress batch --jobs 1 cpu'] / first['redress batch --jobs 1 cpu']:.2f} (CPU time)"
        )
    peak_python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"(this Python process's own peak: {peak_python / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
