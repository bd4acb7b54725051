"""Money from Python: exact pence, decimal strings in and out, explicit rounding, value behaviour."""

import copy
import decimal
import fractions
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import redress
from redress import Money, Rounding

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
UNIT_PENCE = {
    Rounding.pence: 1,
    Rounding.pound: 100,
    Rounding.five_pounds: 500,
    Rounding.ten_pounds: 1000,
    Rounding.fifty_pounds: 5000,
    Rounding.hundred_pounds: 10000,
}


def test_point_one_plus_point_two_is_point_three():
    # The acceptance check: binary floating point gets this wrong, pence do not.
    assert Money("0.1") + Money("0.2") == Money("0.3")


@pytest.mark.parametrize(
    ("text", "pence"),
    [("600", 60000), ("2907.69", 290769), ("£1,800.00", 180000), ("-£5.50", -550), ("0.5", 50)],
)
def test_parses_case_file_and_report_spellings(text, pence):
    assert Money(text).pence == pence
    assert Money.parse(text).pence == pence


def test_other_constructors():
    assert Money(600) == Money("600")  # an int is whole pounds
    assert Money(decimal.Decimal("2907.69")).pence == 290769
    assert Money(decimal.Decimal("1.5E+3")) == Money("1500")
    assert Money.from_pence(880000) == Money("8800")
    assert Money() == Money("0")
    assert Money(amount="12.30").pence == 1230
    assert Money(Money("3")) == Money("3")


@pytest.mark.parametrize("bad", ["1.005", "abc", "", "1,80", "1e3", "£-5", "1."])
def test_bad_text_names_the_value(bad):
    with pytest.raises(redress.InvalidInputError) as caught:
        Money(bad)
    assert f"'{bad}'" in str(caught.value)
    assert caught.value.value == bad
    assert caught.value.field == "Money"
    assert isinstance(caught.value, ValueError)


def test_more_than_two_decimals_says_why():
    with pytest.raises(redress.InvalidInputError, match="two decimal places"):
        Money("1.005")
    with pytest.raises(redress.InvalidInputError, match="two decimal places"):
        Money(decimal.Decimal("0.001"))


def test_floats_are_refused():
    with pytest.raises(TypeError, match="float"):
        Money(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not exact"):
        Money("1").multiply(0.5, Rounding.pence)  # type: ignore[arg-type]


def test_overflow_is_out_of_range():
    assert Money("92233720368547758.07").pence == INT64_MAX
    with pytest.raises(redress.OutOfRangeError):
        Money("92233720368547758.08")
    with pytest.raises(redress.OutOfRangeError):
        Money.from_pence(INT64_MAX) + Money.from_pence(1)
    with pytest.raises(redress.OutOfRangeError):
        Money(10**30)
    with pytest.raises(redress.OutOfRangeError):
        Money.from_pence(2**63)
    with pytest.raises(redress.OutOfRangeError):
        Money("1") * 2**70


def test_format_and_decimal():
    assert str(Money("8800")) == "£8,800.00"
    assert Money("8800").format() == "£8,800.00"
    assert Money("8800").to_decimal() == "8800.00"
    assert Money("-0.5").to_decimal() == "-0.50"
    assert repr(Money("£1,800")) == "Money('1800.00')"


def test_seed_000_dorset_total():
    # Seed 000 (Dorset 21 002 722): the eight payments add to £8,800, with 8 months at £600 and 3 at £500.
    parts = [Money("250"), Money("600") * 8, 3 * Money("500"), Money("250"), Money("750"), Money("750")]
    parts += [Money("250"), Money("250")]
    assert sum(parts) == Money("8800")
    assert sum(parts, Money()) == Money("8800")


def test_multiply_by_fraction_with_each_rounding():
    # £1,600 a term for 2 of its 13 school weeks = 320000/13 pence = £246.1538...
    term = Money("1600")
    two_weeks = fractions.Fraction(2, 13)
    assert term.multiply(two_weeks, Rounding.pence) == Money("246.15")
    assert term.multiply(two_weeks, Rounding.pound) == Money("246")
    assert term.multiply(two_weeks, Rounding.five_pounds) == Money("245")
    assert term.multiply(two_weeks, Rounding.ten_pounds) == Money("250")
    assert term.multiply(two_weeks, Rounding.fifty_pounds) == Money("250")
    assert term.multiply(two_weeks, Rounding.hundred_pounds) == Money("200")
    assert term.multiply(two_weeks, "pound") == Money("246")
    assert term.multiply(3, rounding=Rounding.pence) == Money("4800")


def test_halves_round_away_from_zero():
    assert Money("150.50").rounded(Rounding.pound) == Money("151")
    assert Money("-150.50").rounded("pound") == Money("-151")
    assert Money("25").rounded(Rounding.fifty_pounds) == Money("50")
    assert Money.from_pence(5).multiply(fractions.Fraction(1, 2), Rounding.pence) == Money.from_pence(3)


def test_unknown_rounding_name():
    with pytest.raises(redress.InvalidInputError, match="'nearest'"):
        Money("1").rounded("nearest")


def test_value_behaviour():
    a = Money("12.34")
    assert a == Money("12.34")
    assert a != Money("12.35")
    assert a < Money("12.35") <= Money("12.35")
    assert hash(a) == hash(Money(decimal.Decimal("12.34")))
    assert len({a, Money("12.34"), Money("1")}) == 2
    assert copy.copy(a) == a
    assert copy.deepcopy(a) == a
    assert not Money()
    assert Money("0.01")
    assert -a == Money("-12.34")
    assert a - Money("0.34") == Money("12")
    assert (a == "12.34") is False  # not equal to a string


def test_pickle_round_trip_and_versioned_state():
    a = Money("2907.69")
    assert pickle.loads(pickle.dumps(a)) == a
    assert a.__getstate__() == (1, 290769)
    with pytest.raises(redress.InvalidInputError, match="version"):
        Money._from_state((99, 1))


def test_rounding_enum_is_a_python_enum():
    import enum

    assert issubclass(Rounding, enum.Enum)
    assert [r.name for r in Rounding] == list(n.name for n in UNIT_PENCE)
    assert pickle.loads(pickle.dumps(Rounding.five_pounds)) is Rounding.five_pounds


pence_values = st.integers(min_value=INT64_MIN, max_value=INT64_MAX)


@given(pence_values)
def test_decimal_and_format_round_trip(pence):
    m = Money.from_pence(pence)
    assert Money(m.to_decimal()) == m
    assert Money(m.format()) == m
    assert decimal.Decimal(m.to_decimal()) == decimal.Decimal(pence) / 100


def _round_half_away(value: fractions.Fraction, unit: int) -> int:
    """An independent oracle: Python's exact fractions, rounded to a multiple of `unit` pence."""
    scaled = value / unit
    magnitude = abs(scaled)
    whole = magnitude.numerator // magnitude.denominator
    if magnitude - whole >= fractions.Fraction(1, 2):
        whole += 1
    return (whole if scaled >= 0 else -whole) * unit


@given(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(list(UNIT_PENCE)),
)
def test_multiply_agrees_with_exact_fractions(pence, numerator, denominator, rounding):
    factor = fractions.Fraction(numerator, denominator)
    expected = _round_half_away(pence * factor, UNIT_PENCE[rounding])
    assert Money.from_pence(pence).multiply(factor, rounding).pence == expected


@given(pence_values, pence_values)
def test_addition_is_exact_or_refused(a, b):
    if INT64_MIN <= a + b <= INT64_MAX:
        assert (Money.from_pence(a) + Money.from_pence(b)).pence == a + b
    else:
        with pytest.raises(redress.OutOfRangeError):
            Money.from_pence(a) + Money.from_pence(b)
