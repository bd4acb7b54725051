"""The remedy batch over a Dask bag, partition by partition, with the same totals per authority as run_batch.

This is the path for users who outgrow one machine: each partition is a list of JSON lines, worked out by redress
in the worker, and only (authority, pence) pairs travel back. Run it with Dask's local schedulers or any cluster:

    python examples/dask_batch.py build/cases-100k.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

import redress

AS_OF = dt.date(2026, 11, 22)


def remedy_totals(lines: Iterable[str]) -> list[tuple[str, int]]:
    """(authority, total pence) for each good case line of a partition; bad lines count as errors."""
    out = []
    for line in lines:
        if not line.strip():
            out.append(("(error)", 0))
            continue
        try:
            case = redress.Case.from_json(line)
            report = case.evaluate(AS_OF, deadlines=False)
        except redress.Error:
            out.append(("(error)", 0))
            continue
        out.append((case.authority, report.remedy.total.pence if report.remedy else 0))
    return out


def totals_with_dask(path: str, *, scheduler: str = "processes", blocksize: str | int = "16MiB") -> dict[str, int]:
    import dask.bag as db

    bag = db.read_text(path, blocksize=blocksize).map_partitions(remedy_totals)
    pairs = bag.foldby(lambda t: t[0], lambda total, t: total + t[1], 0, lambda a, b: a + b, 0)
    return {k: v for k, v in pairs.compute(scheduler=scheduler) if k != "(error)"}


def totals_with_batch(path: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        summary, _ = redress.run_batch(path, str(Path(tmp) / "out.jsonl"), as_of=AS_OF, deadlines=False)
    return {a["authority"]: redress.Money(a["total"]).pence for a in summary["authorities"] if a["cases"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", help="a JSON Lines file of cases")
    parser.add_argument("--scheduler", default="processes", choices=["processes", "threads", "synchronous"])
    args = parser.parse_args()
    dask = totals_with_dask(args.cases, scheduler=args.scheduler)
    batch = totals_with_batch(args.cases)
    for authority in sorted(batch):
        print(
            f"{authority:35} batch {redress.Money.from_pence(batch[authority])!s:>18}  "
            f"dask {redress.Money.from_pence(dask.get(authority, 0))!s:>18}"
        )
    print("agree to the penny" if dask == batch else "DISAGREE")


if __name__ == "__main__":
    main()
