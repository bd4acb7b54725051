"""The main job's first part: the remedies of the seed cases in examples/cases/, worked out and explained.

It reads the same case files that the batch in scripts/demo.sh reads, so the figures here and in the batch's
summary are the same cases' figures.

python examples/demo.py [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib

import redress

CASES = pathlib.Path(__file__).resolve().parent / "cases"


def audit_sentence(breakdown: redress.RemedyBreakdown, stated: redress.Money | None) -> str:
    """What the audit found, in words: the decision's own total against the sum of the lines redress computed."""
    if stated is None:
        return "The decision states no total, so there is nothing to check the lines against."
    if breakdown.audit_ok:
        return f"The decision's stated total of {stated} agrees: the lines above add up to {breakdown.total}."
    found = "; ".join(f.message for f in breakdown.audit)
    return f"The decision's stated total of {stated} does NOT agree with the lines: {found}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD")
    args = parser.parse_args()

    paths = sorted(CASES.glob("*.json"))
    print(f"redress {redress.__version__}: the remedies of the {len(paths)} seed cases in examples/cases/")
    print("A remedy is what the Ombudsman asked the council to pay. Each line says how it was worked out;")
    print("the audit compares the total the decision states with the sum redress computes from the lines.\n")
    for path in paths:
        case = redress.Case.from_json(path.read_text(encoding="utf-8"))
        print(f"{case.authority}, Ombudsman reference {case.reference}, received in {case.reference.year}")
        if case.remedy is None:
            print("  The case file records no remedy.\n")
            continue
        report = case.evaluate(args.as_of, deadlines=False)
        breakdown = report.remedy
        if breakdown is None or not breakdown.lines:
            print("  The decision asked for no payment with a stated amount, so nothing is computed as owed.\n")
            continue
        for line in breakdown.explain().splitlines():
            print(f"  {line}")
        print(f"  {audit_sentence(breakdown, case.remedy.stated_total)}\n")

    calendar = redress.Calendar.england_and_wales()
    friday = dt.date(2022, 9, 16)
    after = calendar.add_working_days(friday, 1)
    print(f"One working day after Friday {friday} is {after}: Monday 19 September 2022 was the State Funeral.")
    received = dt.date(2024, 9, 9)
    due = redress.period_end(received, 20, "weeks")
    print(f"An EHC needs assessment requested on {received} must end with a final plan by {due}: reg 13(2).")


if __name__ == "__main__":
    main()
