"""redress: remedies and statutory deadlines for SEND complaints to the Ombudsman in England.

The compiled core lives in ``redress._redress``; this package re-exports it. Every error redress raises is
a :class:`redress.Error`, carrying ``field``, ``value`` and ``rule``.
"""

from ._redress import (
    Calendar,
    CaseReference,
    Counting,
    Error,
    Holiday,
    InvalidInputError,
    Money,
    NonWorkingStart,
    NotComputableError,
    OutOfRangeError,
    Rounding,
    SchoolCalendar,
    Term,
    TermBreak,
    Unit,
    __version__,
    add_months,
    add_years,
    parse_date,
    period_end,
)

__all__ = [
    "Calendar",
    "CaseReference",
    "Counting",
    "Error",
    "Holiday",
    "InvalidInputError",
    "Money",
    "NonWorkingStart",
    "NotComputableError",
    "OutOfRangeError",
    "Rounding",
    "SchoolCalendar",
    "Term",
    "TermBreak",
    "Unit",
    "__version__",
    "add_months",
    "add_years",
    "parse_date",
    "period_end",
]
