"""Regression tests for the hostile-input findings on calendars, money, pickles and iCalendar (issue 10 items 6,
8, 10, 15, 18, 19; issue 11 item 15; issue 13 item 3), each failing on the code before the fix.

Every limit tested is the one docs/limits.md states: dates in the years 1400-9999, calendars 1990-2100, counts
checked before any arithmetic, money in 64-bit pence. Expected dates are worked out by hand next to each test.
"""

import copyreg
import datetime as dt
import pickle
import tracemalloc
from fractions import Fraction

import numpy as np
import pytest

import redress
from redress import (
    Calendar,
    ExceptionInterval,
    InvalidInputError,
    Money,
    OutOfRangeError,
    UnitConversions,
    _redress,
)
from redress._pickle import restore

EW = Calendar.england_and_wales()

# --------------------------------------------------------------------------------------------------------------
# Issue 10 item 6: dates near the ends of the supported years
# --------------------------------------------------------------------------------------------------------------


def test_period_end_past_9999_is_out_of_range():
    # 31 Dec 9999 + 10 days would be 10 Jan 10000.
    with pytest.raises(OutOfRangeError, match=r"9999-12-31 \+ 10 days.*1400-9999"):
        redress.period_end(dt.date(9999, 12, 31), 10, "days")
    # 21 Dec 9999 + 10 days = 31 Dec 9999, the last date there is.
    assert redress.period_end(dt.date(9999, 12, 21), 10, "days") == dt.date(9999, 12, 31)


@pytest.mark.parametrize("year", [0, -1, 1399, 10000])
def test_easter_outside_the_years_is_out_of_range(year):
    with pytest.raises(OutOfRangeError, match=rf"year: '{year}'.*1400-9999"):
        redress.easter_sunday(year)


def test_deadlines_from_an_event_in_9999_are_redress_errors():
    # Before the fix: IndexError: Year is out of valid range (boost::gregorian::bad_year).
    events = [redress.Event("ehc_request_received", dt.date(9999, 12, 1))]
    try:
        deadlines = redress.evaluate_deadlines(events, as_of=dt.date(2026, 11, 22))
    except redress.Error:
        return
    for d in deadlines:
        assert d.due is None or d.due <= dt.date(9999, 12, 31)


# --------------------------------------------------------------------------------------------------------------
# Issue 10 item 10: counts and dates checked before arithmetic
# --------------------------------------------------------------------------------------------------------------


def test_two_to_the_31_years_is_out_of_range():
    # Before the fix: 2^31 - 1 years wrapped (n * 12 overflowed) to 2023-01-01.
    with pytest.raises(OutOfRangeError, match="2147483647 years"):
        redress.add_years(dt.date(2023, 1, 1), 2**31 - 1)
    with pytest.raises(OutOfRangeError):
        redress.period_end(dt.date(2023, 1, 1), 2**31 - 1, "years")
    with pytest.raises(OutOfRangeError):
        redress.add_months(dt.date(2023, 1, 1), 2**40)


def test_huge_working_day_offsets_are_out_of_range():
    with pytest.raises(OutOfRangeError, match="2024-01-02"):
        EW.add_working_days(dt.date(2024, 1, 2), 2**63 - 1)
    dates = np.array(["2024-01-02"], dtype="datetime64[D]")
    with pytest.raises(OutOfRangeError):
        EW.add_working_days(dates, np.array([2**63 - 1]))


def test_uint64_counts_never_wrap():
    # Before the fix: 2**64 - 1 became -1 and Tue 2 Jan 2024 - 1 working day = Mon 1 Jan... a holiday, so
    # Fri 29 Dec 2023 came back instead of an error.
    dates = np.array(["2024-01-02"], dtype="datetime64[D]")
    with pytest.raises(OutOfRangeError, match="18446744073709551615"):
        EW.add_working_days(dates, np.array([2**64 - 1], dtype=np.uint64))
    # uint64 counts in range are fine: Tue 2 Jan 2024 + 3 working days = Fri 5 Jan 2024.
    got = EW.add_working_days(dates, np.array([3], dtype=np.uint64))
    assert got.tolist() == [dt.date(2024, 1, 5)]


def test_float_counts_are_refused_not_truncated():
    dates = np.array(["2024-01-02"], dtype="datetime64[D]")
    with pytest.raises(InvalidInputError, match="whole numbers"):
        EW.add_working_days(dates, np.array([1.5]))
    with pytest.raises(InvalidInputError, match="whole numbers"):
        redress.add_months(dates, [1.5])


@pytest.mark.parametrize("start", ["0001-01-01", "10000-01-01"])
def test_evaluate_rule_refuses_starts_outside_the_years(start):
    rule = redress.RuleCatalogue.standard().rule("ehc.final_plan")
    starts = np.array([start], dtype="datetime64[D]")
    with pytest.raises(OutOfRangeError, match=r"starts\[0\].*1400-9999"):
        redress.evaluate_rule(rule, starts, as_of=dt.date(2026, 11, 22))


def test_evaluate_rule_refuses_a_start_10_to_the_11_days_on():
    rule = redress.RuleCatalogue.standard().rule("ehc.final_plan")
    starts = np.array([10**11], dtype="int64").view("datetime64[D]")
    with pytest.raises(OutOfRangeError, match="day 100000000000 counted from 1970-01-01"):
        redress.evaluate_rule(rule, starts, as_of=dt.date(2026, 11, 22))


def test_vectorised_dates_outside_the_calendar_are_out_of_range():
    far = np.array([-(2**63) + 1], dtype="int64").view("datetime64[D]")  # the int64 minimum is NaT
    with pytest.raises(OutOfRangeError):
        EW.is_working_day(far)
    with pytest.raises(OutOfRangeError):
        EW.working_days_between(far, np.array(["2024-01-02"], dtype="datetime64[D]"))


# --------------------------------------------------------------------------------------------------------------
# Issue 13 item 3: a scalar count is never materialised, contiguous dates are read in place
# --------------------------------------------------------------------------------------------------------------


def traced_peak(f):
    """Peak bytes numpy and Python allocated while f ran (numpy reports its buffers to tracemalloc)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = f()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak - before


DATES = (np.datetime64("2000-01-03") + np.arange(1_000_000) % 30_000).astype("datetime64[D]")


def traced_size(*arrays):
    """Bytes of these results that tracemalloc sees: numpy's own allocations. A large result mapped with its pages
    in place (its base is the mapping's owner) is outside numpy's allocator and not traced."""
    return sum(a.nbytes for a in arrays if a.base is None)


def test_a_large_result_is_a_whole_writeable_array():
    out = EW.add_working_days(DATES, 15)
    assert out.nbytes >= 1 << 20
    assert out.base is not None  # mapped
    assert out.flags.c_contiguous
    assert out.flags.writeable
    out[0] = np.datetime64("2001-01-01")  # the caller's to change
    assert out[0] == np.datetime64("2001-01-01")
    # Sat 4 Jan 2025 + 15 working days: rolled to Mon 6 Jan, then 15 on is Mon 27 Jan 2025.
    assert EW.add_working_days(np.array(["2025-01-04"] * 200_000, dtype="datetime64[D]"), 15)[-1] == np.datetime64(
        "2025-01-27"
    )


def test_add_working_days_allocates_only_its_result():
    EW.add_working_days(DATES[:10], 15)  # imports and first-use set-up out of the way
    out, peak = traced_peak(lambda: EW.add_working_days(DATES, 15))
    # The result is 8 MB; before the fix the 15 was broadcast to another 8 MB array first.
    assert out.nbytes == 8 * len(DATES)
    assert peak < traced_size(out) + 1_000_000, peak


def test_is_working_day_and_between_allocate_only_their_result():
    EW.is_working_day(DATES[:10])
    out, peak = traced_peak(lambda: EW.is_working_day(DATES))
    assert peak < traced_size(out) + 1_000_000, peak
    one = np.datetime64("2080-01-01")
    out, peak = traced_peak(lambda: EW.working_days_between(DATES, one))
    assert peak < traced_size(out) + 1_000_000, peak


def test_evaluate_rule_without_mets_allocates_only_its_results():
    rule = redress.RuleCatalogue.standard().rule("ehc.final_plan")
    redress.evaluate_rule(rule, DATES[:10], as_of=dt.date(2026, 11, 22))
    (due, status, late), peak = traced_peak(lambda: redress.evaluate_rule(rule, DATES, as_of=dt.date(2026, 11, 22)))
    # Before the fix a column of NaT (8 MB) was made for the missing mets.
    assert peak < traced_size(due, status, late) + 1_000_000, peak


def test_scalar_and_broadcast_forms_agree_with_elementwise():
    # Mon 6 Jan 2025 + 5 working days = Mon 13 Jan; Sat 4 Jan rolls to Mon 6 Jan first, so also Mon 13 Jan;
    # Fri 20 Dec 2024 + 5 skips Christmas and Boxing Day: Mon 23, Tue 24, Fri 27, Mon 30, Tue 31 Dec.
    dates = np.array(["2025-01-06", "2025-01-04", "2024-12-20"], dtype="datetime64[D]")
    want = np.array(["2025-01-13", "2025-01-13", "2024-12-31"], dtype="datetime64[D]")
    assert np.array_equal(EW.add_working_days(dates, 5), want)
    assert np.array_equal(EW.add_working_days(dates, np.int64(5)), want)
    assert np.array_equal(EW.add_working_days(dates, [5, 5, 5]), want)
    assert np.array_equal(EW.add_working_days(dates[::-1], 5), want[::-1])  # not contiguous: converted
    # One date against many counts, and a 2-d column against a row of counts.
    assert EW.add_working_days(np.datetime64("2025-01-06"), np.array([0, 5])).tolist() == [
        dt.date(2025, 1, 6),
        dt.date(2025, 1, 13),
    ]
    grid = EW.add_working_days(dates.reshape(3, 1), np.array([0, 5]))
    assert grid.shape == (3, 2)
    assert np.array_equal(grid[:, 1], want)
    # NaT stays NaT.
    assert np.isnat(EW.add_working_days(np.array(["NaT"], dtype="datetime64[D]"), 5)[0])


# --------------------------------------------------------------------------------------------------------------
# Issue 10 item 8: no object without its C++ value, whatever a pickle says
# --------------------------------------------------------------------------------------------------------------

CLASSES = sorted(
    name
    for name, value in vars(_redress).items()
    if isinstance(value, type) and hasattr(value, "_pybind11_conduit_v1_") and not issubclass(value, BaseException)
)


def test_every_listed_picklable_class_is_among_the_classes():
    picklable = {"Money", "CaseReference", "Calendar", "Holiday", "SchoolCalendar", "Remedy", "Case", "Event"}
    picklable |= {"ExceptionInterval", "UnitConversions", "Payment"}
    assert picklable <= set(CLASSES)
    assert {n for n in CLASSES if hasattr(getattr(_redress, n), "_from_state")} == picklable


@pytest.mark.parametrize("name", CLASSES)
def test_a_pickle_calling_new_alone_is_refused(name):
    # The finding: copyreg.__newobj__(cls) with no state made an object with no C++ value (Money held garbage,
    # Remedy claimed 13 quintillion payments, Calendar crashed the process).
    data = b"\x80\x02ccopyreg\n__newobj__\ncredress._redress\n" + name.encode() + b"\n\x85R."
    with pytest.raises(TypeError):
        pickle.loads(data)
    cls = getattr(_redress, name)
    with pytest.raises(TypeError):
        copyreg.__newobj__(cls)


@pytest.mark.parametrize("name", CLASSES)
def test_the_newobj_opcode_makes_a_whole_object_or_nothing(name):
    # NEWOBJ calls the type's own __new__ slot: it either builds the value as cls() would or refuses.
    cls = getattr(_redress, name)
    data = b"\x80\x02credress._redress\n" + name.encode() + b"\n)\x81."
    try:
        expected = cls()
    except TypeError:
        with pytest.raises(TypeError):
            pickle.loads(data)
        return
    got = pickle.loads(data)
    assert type(got) is cls
    assert repr(got) == repr(expected)


def test_money_made_by_newobj_is_zero_not_garbage():
    got = pickle.loads(b"\x80\x02credress._redress\nMoney\n)\x81.")
    assert got.pence == 0


# --------------------------------------------------------------------------------------------------------------
# Issue 10 items 18 and 19: the same checks on every way in
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1", 1.0, 2**70, True, None])
@pytest.mark.parametrize("name", ["Money", "CaseReference", "Holiday", "Calendar", "ExceptionInterval"])
def test_a_state_whose_version_is_not_the_int_1_is_invalid_input(name, version):
    states = {
        "Money": (version, 100),
        "CaseReference": (version, "21 002 722"),
        "Holiday": (version, "2024-12-25", "Christmas Day"),
        "Calendar": (version, "weekdays", []),
        "ExceptionInterval": (version, "absent_from_area", "2019-12-01", "2020-01-10"),
    }
    with pytest.raises(InvalidInputError, match=rf"{name} pickle"):
        restore(name, states[name])


@pytest.mark.parametrize(
    "state",
    [(1, "100"), (1, 1.5), (1, 2**70), (1,), (1, 100, 1), [1, 100], "junk"],
)
def test_a_malformed_money_state_is_a_redress_error(state):
    with pytest.raises(redress.Error):
        Money._from_state(state)


def test_restore_refuses_names_that_are_not_picklable_classes():
    with pytest.raises(InvalidInputError):
        restore("Deadline", (1,))
    with pytest.raises(InvalidInputError):
        restore("os", (1,))


@pytest.mark.parametrize(
    "args",
    [(-39, -13, Fraction(39, 9)), (39, 0, Fraction(39, 9)), (39, 13, Fraction(-39, 9)), (0, 13, 4)],
)
def test_unit_conversions_must_be_positive(args):
    # Before the fix UnitConversions(-39, -13, ...) was accepted and a -£92.00 line followed.
    with pytest.raises(InvalidInputError, match="positive"):
        UnitConversions(*args)


def test_a_pickled_unit_conversions_gets_the_same_check():
    with pytest.raises(InvalidInputError, match="positive"):
        restore("UnitConversions", (1, (-39, 1), (-13, 1), (39, 9)))
    good = UnitConversions(38, Fraction(38, 3), Fraction(19, 6))
    assert pickle.loads(pickle.dumps(good)) == good


def test_a_pickled_exception_interval_ending_before_it_starts_is_refused():
    # The constructor refused it; the pickle did not.
    with pytest.raises(InvalidInputError, match="before the interval's start 2020-01-10"):
        ExceptionInterval("absent_from_area", dt.date(2020, 1, 10), dt.date(2019, 12, 1))
    with pytest.raises(InvalidInputError, match="before the interval's start 2020-01-10"):
        restore("ExceptionInterval", (1, "absent_from_area", "2020-01-10", "2019-12-01"))


def test_a_nul_in_money_does_not_cut_the_message():
    # Before the fix the message ended at the NUL: "Money: '1".
    with pytest.raises(InvalidInputError) as caught:
        Money("1\x00")
    assert "'1\\x00' is not an amount of money" in str(caught.value)
    assert caught.value.value == "1\x00"


# --------------------------------------------------------------------------------------------------------------
# Issue 10 item 15, issue 11 item 15: iCalendar text
# --------------------------------------------------------------------------------------------------------------


def ics_lines(text):
    physical = text.split("\r\n")
    assert physical[-1] == ""
    for line in physical[:-1]:
        assert "\r" not in line, repr(line)
        assert "\n" not in line, repr(line)
        assert len(line.encode("utf-8")) <= 75, line
    return text.replace("\r\n ", "")


def pending_deadlines():
    # A request on 9 Sep 2024, as of 1 Oct 2024: the reg 5 decision (6 weeks: 21 Oct 2024) and the final plan
    # (20 weeks: 27 Jan 2025) are pending.
    return redress.evaluate_deadlines(
        [redress.Event("ehc_request_received", dt.date(2024, 9, 9))], as_of=dt.date(2024, 10, 1)
    )


def test_a_carriage_return_in_the_reference_cannot_start_a_property():
    text = ics_lines(redress.to_icalendar(pending_deadlines(), "21 002 722\rATTENDEE:evil", dt.date(2024, 10, 1)))
    assert "\r\nATTENDEE" not in text
    assert "UID:21_002_722\\nATTENDEE:evil-ehc.final_plan-20250127@redress\r\n" in text


def test_pending_final_plan_reads_as_due():
    text = ics_lines(redress.to_icalendar(pending_deadlines(), "26 001 234", dt.date(2024, 10, 1)))
    assert "SUMMARY:26 001 234: Final EHC plan due\r\n" in text
    assert "Final EHC plan issued" not in text


# --------------------------------------------------------------------------------------------------------------
# The limits docs/limits.md states
# --------------------------------------------------------------------------------------------------------------


def test_the_stated_year_and_month_limits_hold():
    # 1400 + 8599 = 9999: the widest span that stays inside the years; 103,200 months is 8,600 years.
    assert redress.add_years(dt.date(1400, 1, 1), 8599) == dt.date(9999, 1, 1)
    assert redress.add_years(dt.date(9999, 12, 31), -8599) == dt.date(1400, 12, 31)
    with pytest.raises(OutOfRangeError, match="date: '1400-01-01 \\+ 103200 months'"):
        redress.add_months(dt.date(1400, 1, 1), 103_200)  # a count in range, an answer out of it
    with pytest.raises(OutOfRangeError, match="months: '1400-01-01 \\+ 103201 months'"):
        redress.add_months(dt.date(1400, 1, 1), 103_201)  # refused before any arithmetic
    with pytest.raises(OutOfRangeError, match="years: '1400-01-01 \\+ 8601 years'"):
        redress.add_years(dt.date(1400, 1, 1), 8601)


def test_the_stated_money_limits_hold():
    assert Money("92233720368547758.07").pence == 2**63 - 1
    assert Money("-92233720368547758.08").pence == -(2**63)
    with pytest.raises(OutOfRangeError, match="too large"):
        Money("92233720368547758.08")
    with pytest.raises(OutOfRangeError, match="64-bit pence"):
        Money("92233720368547758.07") + Money("0.01")
