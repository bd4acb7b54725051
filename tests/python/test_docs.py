"""Every public name of the compiled module, and every public member of its classes, has a docstring, so that
help(redress.X) says what X is."""

import pytest

from redress import _redress


def _members():
    for name in sorted(dir(_redress)):
        if name.startswith("_"):
            continue
        obj = getattr(_redress, name)
        yield name, obj
        if isinstance(obj, type) and not hasattr(obj, "__members__") and not issubclass(obj, BaseException):
            for member, value in sorted(vars(obj).items()):
                if not member.startswith("_"):
                    yield f"{name}.{member}", value


@pytest.mark.parametrize(("name", "obj"), list(_members()), ids=[n for n, _ in _members()])
def test_has_a_docstring(name, obj):
    doc = obj.__doc__ if isinstance(obj, property) else getattr(obj, "__doc__", None)
    assert (doc or "").strip(), f"{name} has no docstring"


def test_help_is_useful():
    text = _redress.Deadline.__doc__ + (_redress.Deadline.due.__doc__ or "")
    assert "due" in text.lower()
