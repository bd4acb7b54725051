"""Type-checked by test_stubs.py with mypy --strict: a use of the public API as an analyst would write it."""

import fractions

import redress
from redress import CaseReference, Money, Rounding


def owed(parts: list[str]) -> Money:
    total = Money()
    for part in parts:
        total = total + Money(part)
    return total


def weekly_share(rate: Money, weeks: int) -> Money:
    return rate.multiply(fractions.Fraction(weeks, 13), Rounding.pound)


def year_of(text: str) -> int:
    try:
        return CaseReference(text).year
    except redress.InvalidInputError as err:
        field: str | None = err.field
        raise ValueError(field) from err


version: str = redress.__version__
print(owed(["250", "4800"]).format(), weekly_share(Money("1600"), 2).pence, year_of("21 002 722"), version)
