"""The deadline engine over a million cases against the numpy an analyst would write, in one run, on one core.

1. The 20-week final-plan rule (SEND Regulations 2014 reg 13(2)): due date, status and days late for 1,000,000
   requests, half of them met, with redress.evaluate_rule against the equivalent hand-written numpy expression.
   Goal: within 2x of numpy.
2. A working-day rule (complaint acknowledgement, 5 working days): redress.evaluate_rule against
   numpy.busday_offset with the same England and Wales holidays. Goal: at least 5x numpy.

    python bench/bench_deadlines.py [--n 1000000] [--repeat 5]
"""

import argparse
import datetime as dt
import time

import numpy as np

import redress


def best(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rng = np.random.default_rng(20261122)
    starts = np.datetime64("2015-01-01") + rng.integers(0, 3650, args.n)
    mets = starts + rng.integers(60, 300, args.n)
    mets[rng.random(args.n) < 0.5] = np.datetime64("NaT")
    as_of = dt.date(2026, 11, 22)
    as_of64 = np.datetime64(as_of, "D")
    catalogue = redress.RuleCatalogue.standard()

    def statuses(due):
        """Status codes and days late from due dates, as the numpy an analyst would write."""
        met = ~np.isnat(mets)
        late_by = np.where(met, (mets - due).astype(np.int64), (as_of64 - due).astype(np.int64))
        status = np.where(met, np.where(late_by > 0, 1, 0), np.where(as_of64 <= due, 2, 3)).astype(np.int8)
        return due, status, np.maximum(late_by, 0)

    # 1. 20 weeks: due = start + 140 days; met on time / late; pending / overdue.
    rule = catalogue.rule("ehc.final_plan")

    def with_numpy():
        return statuses(starts + np.timedelta64(140, "D"))

    t_ours, (due, status, late) = best(lambda: redress.evaluate_rule(rule, starts, mets, as_of=as_of), args.repeat)
    t_numpy, (due_np, status_np, late_np) = best(with_numpy, args.repeat)
    if not (np.array_equal(due, due_np) and np.array_equal(status, status_np) and np.array_equal(late, late_np)):
        raise SystemExit("redress and the numpy expression disagree on the 20-week rule: the benchmark is void")
    print(f"cases: {args.n:,}, best of {args.repeat}")
    print(f"20-week rule   redress.evaluate_rule {t_ours:.4f} s   numpy expression {t_numpy:.4f} s   ")
    print(f"               redress time / numpy time: {t_ours / t_numpy:.2f} (goal: at most 2)")

    # 2. 5 working days, with England and Wales bank holidays.
    rule = catalogue.rule("complaint.stage1_acknowledge")
    ew = redress.Calendar.england_and_wales()
    holidays = np.array([h.date for h in ew.holidays_between(ew.first_date, ew.last_date)], dtype="datetime64[D]")
    busdays = np.busdaycalendar(holidays=holidays)
    t_ours, (due, status, late) = best(lambda: redress.evaluate_rule(rule, starts, mets, as_of=as_of), args.repeat)
    # "Within 5 working days of X": X not counted, counting from X itself (a weekend receipt: Monday is day 1),
    # which is numpy's roll="backward".
    t_offset, due_np = best(lambda: np.busday_offset(starts, 5, roll="backward", busdaycal=busdays), args.repeat)
    t_numpy, (_, status_np, late_np) = best(
        lambda: statuses(np.busday_offset(starts, 5, roll="backward", busdaycal=busdays)), args.repeat
    )
    if not (np.array_equal(due, due_np) and np.array_equal(status, status_np) and np.array_equal(late, late_np)):
        raise SystemExit("redress and numpy disagree on the working-day rule: the benchmark is void")
    print(f"5 working days redress.evaluate_rule {t_ours:.4f} s (due date, status and days late)")
    print(f"               numpy.busday_offset + the same status expression {t_numpy:.4f} s: {t_numpy / t_ours:.1f}x")
    print(f"               numpy.busday_offset alone (due dates only) {t_offset:.4f} s: {t_offset / t_ours:.1f}x")
    # Like for like with busday_offset: due dates only, the same working-day arithmetic evaluate_rule uses.
    t_dates, due_only = best(lambda: ew.add_working_days(starts, 5, "count_from_day"), args.repeat)
    if not np.array_equal(due_only, due_np):
        raise SystemExit("redress and numpy.busday_offset disagree on due dates: the benchmark is void")
    print(f"               due dates only: redress Calendar.add_working_days {t_dates:.4f} s against")
    print(f"               numpy.busday_offset {t_offset:.4f} s: {t_offset / t_dates:.1f}x")
    print("               (goal: at least 5x numpy)")


if __name__ == "__main__":
    main()
