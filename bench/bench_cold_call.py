"""The first call of the vectorised calendar in a fresh Python process, against numpy.busday_offset in the same run.

Each measurement runs in a new interpreter (subprocess), as a user's first call does: it builds 10 million random
datetime64[D] dates (1995-2095) and the England and Wales calendar for both libraries (not timed), then times
numpy.busday_offset(dates, 15, roll="forward") with the same holidays and keeps its result, as a user keeps a new
column; then redress's first Calendar.add_working_days(dates, 15) in that process; then both again, warm, best of
--repeat. The parent prints each process's figures and the median over --runs processes.

Each call is timed twice: by the wall clock and by the CPU time of the process (time.process_time, user plus
system, so page faults count). On a shared machine other processes stretch the wall clock of a 100 ms call far
more than that of a 3 s one; CPU time is what the two calls cost, and the ratio the goals are checked against.

    python bench/bench_cold_call.py [--n 10000000] [--runs 3] [--repeat 5]
"""

import argparse
import json
import statistics
import subprocess
import sys
import time

CHILD = "--child"


def child(n: int, repeat: int) -> None:
    import numpy as np

    import redress

    rng = np.random.default_rng(20261122)
    start, end = np.datetime64("1995-01-01"), np.datetime64("2095-12-31")
    dates = (start + rng.integers(0, int((end - start).astype(int)), n)).astype("datetime64[D]")
    calendar = redress.Calendar.england_and_wales()
    holidays = np.array(
        [h.date for h in calendar.holidays_between(calendar.first_date, calendar.last_date)], dtype="datetime64[D]"
    )
    busdaycal = np.busdaycalendar(holidays=holidays)

    def timed(f):
        wall, cpu = time.perf_counter(), time.process_time()
        result = f()
        return result, time.perf_counter() - wall, time.process_time() - cpu

    theirs, numpy_wall, numpy_cpu = timed(lambda: np.busday_offset(dates, 15, roll="forward", busdaycal=busdaycal))
    ours, redress_wall, redress_cpu = timed(lambda: calendar.add_working_days(dates, 15))
    if not np.array_equal(ours, theirs):
        raise SystemExit("redress and numpy disagree: the benchmark is void")
    kept = [theirs, ours]  # both results stay alive, as new columns would
    figures = {"cold": {"numpy": (numpy_wall, numpy_cpu), "redress": (redress_wall, redress_cpu)}}

    warm = {"numpy": [], "redress": []}
    for _ in range(repeat):
        result, wall, cpu = timed(lambda: np.busday_offset(dates, 15, roll="forward", busdaycal=busdaycal))
        warm["numpy"].append((wall, cpu))
        kept.append(result)
        result, wall, cpu = timed(lambda: calendar.add_working_days(dates, 15))
        warm["redress"].append((wall, cpu))
        kept.append(result)
        del kept[2:]
    figures["warm"] = {who: (min(w for w, _ in runs), min(c for _, c in runs)) for who, runs in warm.items()}
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes")
    parser.add_argument("--repeat", type=int, default=5, help="warm calls per process")
    parser.add_argument(CHILD, action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.n, args.repeat)
        return

    results = []
    for run in range(args.runs):
        command = [sys.executable, __file__, CHILD, "--n", str(args.n), "--repeat", str(args.repeat)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout)
        results.append(r)
        line = [f"process {run + 1}:"]
        for phase, label in (("cold", "first call"), ("warm", "warm (best)")):
            (nw, nc), (rw, rc) = r[phase]["numpy"], r[phase]["redress"]
            line.append(
                f"{label}: redress {rc * 1e3:6.1f} ms CPU ({rw * 1e3:6.1f} wall), numpy {nc * 1e3:6.0f} ms CPU"
                f" ({nw * 1e3:6.0f} wall): {nc / rc:5.1f}x CPU, {nw / rw:5.1f}x wall;"
            )
        print(" ".join(line))

    def median_ratio(phase, clock):
        return statistics.median(r[phase]["numpy"][clock] / r[phase]["redress"][clock] for r in results)

    print(f"dates: {args.n:,}; median over {args.runs} fresh processes of numpy time / redress time")
    print(f"first call: {median_ratio('cold', 1):.1f}x CPU time, {median_ratio('cold', 0):.1f}x wall (goal: 10x)")
    print(f"warm:       {median_ratio('warm', 1):.1f}x CPU time, {median_ratio('warm', 0):.1f}x wall (goal: 20x)")


if __name__ == "__main__":
    main()
