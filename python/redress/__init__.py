"""redress: remedies and statutory deadlines for SEND complaints to the Ombudsman in England.

The compiled core lives in ``redress._redress``; this package re-exports it. Every error redress raises is
a :class:`redress.Error`, carrying ``field``, ``value`` and ``rule``.
"""

from ._redress import (
    CaseReference,
    Error,
    InvalidInputError,
    Money,
    NotComputableError,
    OutOfRangeError,
    Rounding,
    __version__,
)

__all__ = [
    "CaseReference",
    "Error",
    "InvalidInputError",
    "Money",
    "NotComputableError",
    "OutOfRangeError",
    "Rounding",
    "__version__",
]
