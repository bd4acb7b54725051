"""The error hierarchy: one Python class per C++ class, each carrying field, value and rule."""

import pytest

import redress


def test_hierarchy():
    assert issubclass(redress.InvalidInputError, redress.Error)
    assert issubclass(redress.InvalidInputError, ValueError)
    assert issubclass(redress.NotComputableError, redress.Error)
    assert issubclass(redress.OutOfRangeError, redress.Error)
    assert issubclass(redress.Error, Exception)
    assert not issubclass(redress.NotComputableError, ValueError)
    for cls in (
        redress.Error,
        redress.InvalidInputError,
        redress.NotComputableError,
        redress.OutOfRangeError,
    ):
        assert cls.__module__ == "redress"
        assert cls.__doc__


def test_errors_from_cpp_carry_structured_fields():
    with pytest.raises(redress.Error) as caught:
        redress.CaseReference("21 002 72")
    err = caught.value
    assert type(err) is redress.InvalidInputError
    assert err.field == "CaseReference"
    assert err.value == "21 002 72"
    assert "case reference" in err.rule
    assert str(err) == f"{err.field}: '{err.value}' {err.rule}"


def test_errors_raised_from_python_have_empty_fields():
    err = redress.NotComputableError("no request date")
    assert err.field is None
    assert str(err) == "no request date"
