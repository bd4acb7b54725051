"""A short tour of redress's first types over the figures of the seed cases.

Run by the README's first Quickstart command. It grows into the batch over the seed cases.
"""

from fractions import Fraction

import redress
from redress import CaseReference, Money, Rounding


def dorset_21_002_722() -> None:
    # Seed 000: Dorset Council, Cabinet 26 July 2022. Eight payments, all due within one month.
    ref = CaseReference("21002722")
    lines = [
        ("lost opportunity, May-Jul 2020", Money("250")),
        ("8 school months with no provision at £600", Money("600") * 8),
        ("3 school months of partial provision at £500", Money("500") * 3),
        ("lost opportunity to comment on the draft plan", Money("250")),
        ("distress to the child", Money("750")),
        ("to the mother: lost opportunity, stress, frustration", Money("750")),
        ("time and trouble", Money("250")),
        ("poor communication", Money("250")),
    ]
    print(f"Dorset Council {ref} (received by the Ombudsman in {ref.year})")
    for what, amount in lines:
        print(f"  {amount.format():>10}  {what}")
    total = sum(amount for _, amount in lines)
    print(f"  {total.format():>10}  total (the report states £8,800)")


def dudley_17_016_386() -> None:
    # Seed 002: Dudley MBC, Cabinet 11 September 2019.
    ref = CaseReference("17-016-386")
    total = Money("1800") + Money("500")
    print(f"Dudley MBC {ref}: £1,800 for lost specialist support + £500 time and trouble = {total}")


def pro_rating() -> None:
    # Two school weeks of a £1,600 term at 13 school weeks a term, in every rounding mode.
    exact = Fraction(160000 * 2, 13)
    print(f"Two weeks of a £1,600 term = {exact} pence exactly, rounded:")
    for mode in Rounding:
        print(f"  {mode.name:>15}: {Money('1600').multiply(Fraction(2, 13), mode)}")


def errors() -> None:
    for bad in ("1.005", "abc"):
        try:
            Money(bad)
        except redress.InvalidInputError as err:
            print(f"  refused: {err}")
    try:
        CaseReference("21 002 72")
    except redress.Error as err:
        print(f"  refused: {err}")


if __name__ == "__main__":
    print(f"redress {redress.__version__}\n")
    dorset_21_002_722()
    print()
    dudley_17_016_386()
    print()
    pro_rating()
    print()
    print("Bad input is refused with the value and the rule:")
    errors()
