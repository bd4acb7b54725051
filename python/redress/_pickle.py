"""How redress values are unpickled: by name and versioned state, through each class's own checks.

Every picklable class of ``redress._redress`` pickles as ``restore(class name, state)``. ``restore`` only looks
the class up in the compiled module and hands the state to its ``_from_state``, which refuses a state of the
wrong shape or version with :class:`redress.InvalidInputError`.
"""

from __future__ import annotations

from typing import Any

from . import _redress


def restore(name: str, state: tuple[Any, ...]) -> Any:
    """The redress value of class ``name`` rebuilt from its pickled ``state``."""
    cls = getattr(_redress, name, None) if isinstance(name, str) else None
    if not isinstance(cls, type) or not hasattr(cls, "_from_state"):
        error = _redress.InvalidInputError(f"pickle: {name!r} is not a picklable redress class")
        error.field, error.value, error.rule = "pickle", repr(name), "is not a picklable redress class"
        raise error
    return cls._from_state(state)
