"""Pickling of the public value types (_redress.pyi: Money, CaseReference, Calendar, Holiday, Remedy, Case, Event,
ExceptionInterval, UnitConversions, Payment, SchoolCalendar): through pickle, through worker processes, the
versioned state, and the refusal to pickle a SchoolCalendar loaded from JSON.

Expected values by hand or from the seeds: seed 000 (Dorset Council 21 002 722) totals £8,800 (section 5); £2,907.69
x 3 = £8,723.07; Fri 20 Dec 2024 + 5 working days in England and Wales skips Christmas Day and Boxing Day: Mon 23,
Tue 24, Fri 27, Mon 30, Tue 31 Dec 2024.
"""

import concurrent.futures
import copy
import datetime as dt
import json
import multiprocessing
import pathlib
import pickle
from fractions import Fraction

import pytest

import redress
from redress import (
    Calendar,
    Case,
    CaseReference,
    Event,
    ExceptionInterval,
    Holiday,
    InvalidInputError,
    Money,
    Payment,
    PaymentKind,
    Recipient,
    Remedy,
    SchoolCalendar,
    UnitConversions,
    calculate_remedy,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
DORSET_FILE = ROOT / "examples" / "cases" / "dorset-21-002-722.json"
AS_OF = dt.date(2026, 11, 22)
PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)

# A school calendar written for this test: autumn 2024 only.
SMALL_SCHOOL = {
    "format": "redress.school_calendar/1",
    "name": "test-school",
    "terms": [{"academic_year": "2024/25", "term": "autumn", "start": "2024-09-04", "end": "2024-12-18"}],
}


def dorset_document():
    with DORSET_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def closure_calendar():
    return Calendar.england_and_wales().with_holidays([Holiday(dt.date(2024, 11, 29), "Council closure")], "closure")


# Values with an __eq__ of their own: they must unpickle equal.
def equal_values():
    return {
        "Money": Money("2907.69"),
        "Money-negative": Money("-0.01"),
        "CaseReference": CaseReference("21 002 722"),
        "Holiday": Holiday(dt.date(2024, 12, 25), "Christmas Day"),
        "Event": Event("tribunal_order_made", dt.date(2024, 9, 9), {"order": "assess"}),
        "ExceptionInterval": ExceptionInterval("absent_from_area", dt.date(2019, 12, 1), dt.date(2020, 1, 10)),
        "UnitConversions": UnitConversions(38, Fraction(38, 3), Fraction(19, 6)),
        "UnitConversions-default": UnitConversions(),
        "Payment": Payment("distress", Money("750"), "child", "distress and anxiety (3.1.5)"),
        "Calendar-england": Calendar.england_and_wales(),
        "Calendar-weekdays": Calendar.weekdays_only(),
        "Calendar-closure": closure_calendar(),
    }


EQUAL = equal_values()


def round_trip(value, protocol=pickle.HIGHEST_PROTOCOL):
    return pickle.loads(pickle.dumps(value, protocol=protocol))


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("name", sorted(EQUAL))
def test_pickles_equal(name, protocol):
    value = EQUAL[name]
    again = round_trip(value, protocol)
    assert type(again) is type(value)
    assert again == value


def test_unpickled_values_keep_their_fields():
    assert round_trip(Money("2907.69")).pence == 290769
    ref = round_trip(CaseReference("21-002-722"))
    assert str(ref) == "21 002 722"
    assert hash(ref) == hash(CaseReference("21 002 722"))
    event = round_trip(Event("tribunal_order_made", dt.date(2024, 9, 9), {"order": "assess"}))
    assert (event.name, event.date, event.fields) == ("tribunal_order_made", dt.date(2024, 9, 9), {"order": "assess"})
    interval = round_trip(ExceptionInterval("absent_from_area", dt.date(2019, 12, 1), dt.date(2020, 1, 10)))
    assert interval.type == "absent_from_area"
    assert (interval.start, interval.end) == (dt.date(2019, 12, 1), dt.date(2020, 1, 10))
    conversions = round_trip(UnitConversions(38, Fraction(38, 3), Fraction(19, 6)))
    assert (conversions.weeks_per_year, conversions.weeks_per_term, conversions.weeks_per_month) == (
        Fraction(38),
        Fraction(38, 3),
        Fraction(19, 6),
    )
    payment = round_trip(Payment("distress", Money("750"), "child", "distress and anxiety (3.1.5)"))
    assert payment.kind is PaymentKind.distress
    assert payment.to is Recipient.child
    assert payment.amount == Money("750")
    assert payment.purpose == "distress and anxiety (3.1.5)"


def test_calendars_unpickle_with_the_same_behaviour():
    england = round_trip(Calendar.england_and_wales())
    assert england.name == "england_and_wales"
    assert england.add_working_days(dt.date(2024, 12, 20), 5) == dt.date(2024, 12, 31)  # see the docstring
    assert england.holiday_name(dt.date(2024, 12, 26)) == "Boxing Day"
    closure = round_trip(closure_calendar())
    assert closure.name == "closure"
    assert closure.holiday_name(dt.date(2024, 11, 29)) == "Council closure"
    assert not closure.is_working_day(dt.date(2024, 11, 29))  # a Friday, closed
    assert closure.is_working_day(dt.date(2024, 11, 28))
    assert copy.deepcopy(closure) == closure_calendar()


@pytest.mark.parametrize("name", ["default", "hampshire"])
def test_school_calendars_unpickle_with_the_same_behaviour(name):
    school = SchoolCalendar.named(name)
    again = round_trip(school)
    assert type(again) is SchoolCalendar
    assert (again.name, again.first_date, again.last_date) == (school.name, school.first_date, school.last_date)
    start, end = dt.date(2024, 9, 1), dt.date(2025, 8, 31)
    assert again.school_days_between(start, end) == school.school_days_between(start, end)
    days = [start + dt.timedelta(days=n) for n in range(0, 365, 7)]
    assert [again.is_school_day(d) for d in days] == [school.is_school_day(d) for d in days]
    assert again.holidays == school.holidays


def test_remedy_unpickles_to_the_same_json_and_total():
    remedy = Remedy.from_json(dorset_document()["remedy"])
    again = round_trip(remedy)
    assert again.to_json() == remedy.to_json()
    assert calculate_remedy(again).total == Money("8800")  # seed 000 section 5
    assert len(again.payments) == 6


def test_case_unpickles_to_the_same_json_and_report():
    case = Case.from_json(dorset_document())
    again = round_trip(case)
    assert again.to_json() == case.to_json()
    assert str(again.reference) == "21 002 722"
    assert again.evaluate(AS_OF).remedy.total == Money("8800")  # seed 000 section 5
    assert again.report_json(AS_OF) == case.report_json(AS_OF)


# ---------------------------------------------------------------------------------------------------------
# Versioned state
# ---------------------------------------------------------------------------------------------------------


def every_type():
    return {
        **{type(v).__name__: v for v in EQUAL.values()},
        "SchoolCalendar": SchoolCalendar.default(),
        "Remedy": Remedy.from_json(dorset_document()["remedy"]),
        "Case": Case.from_json(dorset_document()),
    }


EVERY_TYPE = every_type()


def test_every_listed_type_is_covered():
    listed = {"Money", "CaseReference", "Calendar", "Holiday", "Remedy", "Case", "Event", "ExceptionInterval"}
    listed |= {"UnitConversions", "Payment", "SchoolCalendar"}
    assert set(EVERY_TYPE) == listed


@pytest.mark.parametrize("name", sorted(EVERY_TYPE))
def test_state_carries_version_1(name):
    state = EVERY_TYPE[name].__getstate__()
    assert isinstance(state, tuple)
    assert state[0] == 1


def test_money_state():
    assert Money("2907.69").__getstate__() == (1, 290769)


@pytest.mark.parametrize("version", [0, 2])
@pytest.mark.parametrize("name", sorted(EVERY_TYPE))
def test_a_wrong_version_is_invalid_input(name, version):
    value = EVERY_TYPE[name]
    state = (version, *value.__getstate__()[1:])
    cls = type(value)
    with pytest.raises(InvalidInputError):
        cls._from_state(state)


def test_school_calendar_from_json_refuses_to_pickle():
    school = SchoolCalendar.from_json(SMALL_SCHOOL)
    with pytest.raises(redress.Error, match="JSON"):
        pickle.dumps(school)


# ---------------------------------------------------------------------------------------------------------
# Through worker processes
# ---------------------------------------------------------------------------------------------------------

# What a worker computes from each value it receives (by pickle); the results come back by pickle too.
WORK = {
    "Money": lambda m: m * 3,
    "CaseReference": str,
    "Holiday": lambda h: (h.date, h.name),
    "Calendar": lambda c: c.add_working_days(dt.date(2024, 12, 20), 5),
    "SchoolCalendar": lambda s: s.name,
    "Event": lambda e: (e.name, e.date, e.fields),
    "ExceptionInterval": lambda x: (x.type, (x.end - x.start).days),
    "UnitConversions": lambda u: u.weeks_per_month,
    "Payment": lambda p: (p.kind.name, p.to.name, p.amount),
    "Remedy": lambda r: calculate_remedy(r).total,
    "Case": lambda c: c.evaluate(AS_OF).remedy.total,
}


def in_worker(job):
    """Runs in a worker process: the value arrived pickled; send it back with what was computed from it."""
    name, value = job
    return value, WORK[name](value)


def test_values_cross_process_boundaries(monkeypatch):
    jobs = [
        ("Money", Money("2907.69")),
        ("CaseReference", CaseReference("21002722")),
        ("Holiday", Holiday(dt.date(2024, 12, 25), "Christmas Day")),
        ("Calendar", Calendar.england_and_wales()),
        ("SchoolCalendar", SchoolCalendar.named("hampshire")),
        ("Event", Event("tribunal_order_made", dt.date(2024, 9, 9), {"order": "assess"})),
        ("ExceptionInterval", ExceptionInterval("absent_from_area", dt.date(2019, 12, 1), dt.date(2020, 1, 10))),
        ("UnitConversions", UnitConversions(38, Fraction(38, 3), Fraction(19, 6))),
        ("Payment", Payment("distress", Money("750"), "child")),
        ("Remedy", Remedy.from_json(dorset_document()["remedy"])),
        ("Case", Case.from_json(dorset_document())),
    ]
    expected = [
        Money("8723.07"),  # £2,907.69 x 3
        "21 002 722",
        (dt.date(2024, 12, 25), "Christmas Day"),
        dt.date(2024, 12, 31),  # see the module docstring
        "hampshire",
        ("tribunal_order_made", dt.date(2024, 9, 9), {"order": "assess"}),
        ("absent_from_area", 40),  # 1 Dec 2019 to 10 Jan 2020: 30 + 10 days
        Fraction(19, 6),
        ("distress", "child", Money("750")),
        Money("8800"),  # seed 000 section 5
        Money("8800"),
    ]
    # Spawned workers (a fresh interpreter: nothing shared but what is pickled) import this module by name and
    # start with the parent's sys.path. pytest's importlib mode leaves the module off sys.path, so put the folder
    # it is importable from first (it may have been named "test_pickling" or "tests.python.test_pickling").
    monkeypatch.syspath_prepend(str(pathlib.Path(__file__).resolve().parents[__name__.count(".")]))
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        results = list(pool.map(in_worker, jobs))
    assert [computed for _, computed in results] == expected
    for (name, sent), (back, _) in zip(jobs, results):
        assert type(back) is type(sent), name
        if name in ("Remedy", "Case"):
            assert back.to_json() == sent.to_json(), name
        elif name == "SchoolCalendar":
            assert back.name == sent.name
        else:
            assert back == sent, name
