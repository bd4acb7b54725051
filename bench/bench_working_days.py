"""Vectorised add_working_days against numpy.busday_offset, in one run, on one core.

Both get the same 10 million random dates (1995-2095), the same offsets (-60..60 working days) and the same
England and Wales holidays; both roll a non-working start forward first. Reports each one's throughput and
the ratio, best of --repeat runs each, interleaved so that machine noise hits both alike.

    python bench/bench_working_days.py [--n 10000000] [--repeat 5]
"""

import argparse
import os
import time

import numpy as np

import redress


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    # One core for numpy too (it is single-threaded here, but say so).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    rng = np.random.default_rng(20261122)
    start, end = np.datetime64("1995-01-01"), np.datetime64("2095-12-31")
    dates = start + rng.integers(0, int((end - start).astype(int)), args.n)
    offsets = rng.integers(-60, 61, args.n)

    calendar = redress.Calendar.england_and_wales()
    holidays = np.array(
        [h.date for h in calendar.holidays_between(calendar.first_date, calendar.last_date)], dtype="datetime64[D]"
    )
    weekmask_holidays = np.busdaycalendar(holidays=holidays)

    ours, theirs = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        got = calendar.add_working_days(dates, offsets)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        want = np.busday_offset(dates, offsets, roll="forward", busdaycal=weekmask_holidays)
        theirs.append(time.perf_counter() - t)
        if not np.array_equal(got, want):
            raise SystemExit("redress and numpy disagree: the benchmark is void")

    best_ours, best_theirs = min(ours), min(theirs)
    print(f"dates: {args.n:,}, holidays: {len(holidays)}, repeats: {args.repeat} (best of each)")
    print(f"redress Calendar.add_working_days: {best_ours:.3f} s  {args.n / best_ours / 1e6:8.1f} M dates/s")
    print(f"numpy.busday_offset:               {best_theirs:.3f} s  {args.n / best_theirs / 1e6:8.1f} M dates/s")
    print(f"ratio (numpy time / redress time): {best_theirs / best_ours:.1f}x  (goal: at least 5x)")
    print(f"median ratio: {float(np.median(theirs)) / float(np.median(ours)):.1f}x")


if __name__ == "__main__":
    main()
