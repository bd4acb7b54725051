"""School term calendars from Python: the shipped Hampshire and default calendars, and from_json.

Expected values come from data/school_calendars/hampshire.json (Hampshire County Council's published dates),
GOV.UK's bank-holiday list (deadlines.md §5.3), and hand counts written in comments.
"""

import datetime
import fractions
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import redress
from redress import Calendar, Counting, SchoolCalendar, Term, TermBreak, Unit, period_end

date = datetime.date
HAMPSHIRE = SchoolCalendar.named("hampshire")
DEFAULT = SchoolCalendar.default()
HAMPSHIRE_JSON = Path(__file__).resolve().parents[2] / "data" / "school_calendars" / "hampshire.json"

# GOV.UK bank-holidays.json, England and Wales, 2019-2026 (deadlines.md §5.3), as (month, day).
OFFICIAL_BANK_HOLIDAYS = {
    2019: [(1, 1), (4, 19), (4, 22), (5, 6), (5, 27), (8, 26), (12, 25), (12, 26)],
    2020: [(1, 1), (4, 10), (4, 13), (5, 8), (5, 25), (8, 31), (12, 25), (12, 28)],
    2021: [(1, 1), (4, 2), (4, 5), (5, 3), (5, 31), (8, 30), (12, 27), (12, 28)],
    2022: [(1, 3), (4, 15), (4, 18), (5, 2), (6, 2), (6, 3), (8, 29), (9, 19), (12, 26), (12, 27)],
    2023: [(1, 2), (4, 7), (4, 10), (5, 1), (5, 8), (5, 29), (8, 28), (12, 25), (12, 26)],
    2024: [(1, 1), (3, 29), (4, 1), (5, 6), (5, 27), (8, 26), (12, 25), (12, 26)],
    2025: [(1, 1), (4, 18), (4, 21), (5, 5), (5, 26), (8, 25), (12, 25), (12, 26)],
    2026: [(1, 1), (4, 3), (4, 6), (5, 4), (5, 25), (8, 31), (12, 25), (12, 28)],
}
BANK_HOLIDAYS = {date(y, m, d) for y, days in OFFICIAL_BANK_HOLIDAYS.items() for m, d in days}


def reference_school_days(doc: dict) -> list:
    """Weekdays inside a term, outside its breaks and closures, and not a bank holiday, read from the JSON."""
    closures = {datetime.date.fromisoformat(c["date"]) for c in doc.get("closures", [])}
    days = []
    for term in doc["terms"]:
        breaks = [
            (datetime.date.fromisoformat(b["from"]), datetime.date.fromisoformat(b["to"]))
            for b in term.get("breaks", [])
        ]
        d = datetime.date.fromisoformat(term["start"])
        end = datetime.date.fromisoformat(term["end"])
        while d <= end:
            in_break = any(lo <= d <= hi for lo, hi in breaks)
            if d.weekday() < 5 and not in_break and d not in closures and d not in BANK_HOLIDAYS:
                days.append(d)
            d += datetime.timedelta(days=1)
    return days


HAMPSHIRE_DOC = json.loads(HAMPSHIRE_JSON.read_text(encoding="utf-8"))
HAMPSHIRE_DAYS = reference_school_days(HAMPSHIRE_DOC)
HAMPSHIRE_DAY_SET = set(HAMPSHIRE_DAYS)
HAMPSHIRE_DAY_ARRAY = np.array(HAMPSHIRE_DAYS, dtype="datetime64[D]")


# A calendar written for these tests: autumn 2024 and spring 2025, each with a half-term week.
SMALL = {
    "format": "redress.school_calendar/1",
    "name": "test-school",
    "terms": [
        {
            "academic_year": "2024/25",
            "term": "autumn",
            "start": "2024-09-04",
            "end": "2024-12-18",
            "breaks": [{"name": "half term", "from": "2024-10-28", "to": "2024-11-01"}],
        },
        {
            "academic_year": "2024/25",
            "term": "spring",
            "start": "2025-01-07",
            "end": "2025-04-04",
            "breaks": [{"name": "half term", "from": "2025-02-17", "to": "2025-02-21"}],
        },
    ],
}
# Hand count. Autumn: Wed 4-Fri 6 Sep (3), 14 full weeks Mon 9 Sep-Fri 13 Dec (70), Mon 16-Wed 18 Dec
# (3) = 76, less half term 28 Oct-1 Nov (5) = 71; no bank holiday between 4 Sep and 18 Dec 2024.
# Spring: Tue 7-Fri 10 Jan (4), 12 full weeks Mon 13 Jan-Fri 4 Apr (60) = 64, less half term 17-21 Feb
# (5) = 59; Good Friday 2025 is 18 Apr, after the term. Total 71 + 59 = 130.
SMALL_AUTUMN_DAYS = 71
SMALL_SPRING_DAYS = 59


# --- Shipped calendars --------------------------------------------------------------------------------------


def test_names():
    names = SchoolCalendar.names()
    assert "default" in names
    assert "hampshire" in names
    assert SchoolCalendar.named("default").name == "default"
    assert HAMPSHIRE.name == "hampshire"
    assert "Hampshire" in HAMPSHIRE.title
    assert "Hampshire" in HAMPSHIRE.source
    assert repr(DEFAULT) == "SchoolCalendar.default()"
    assert repr(HAMPSHIRE) == "SchoolCalendar.named('hampshire')"


def test_unknown_calendar_is_named():
    with pytest.raises(redress.InvalidInputError) as caught:
        SchoolCalendar.named("nowhere")
    assert caught.value.value == "nowhere"
    assert "'nowhere'" in str(caught.value)


def test_hampshire_coverage_is_the_json_first_and_last_day():
    # hampshire.json: first_day 2019-09-04, last_day 2026-07-22; 21 terms, 2019/20 to 2025/26.
    assert HAMPSHIRE.first_date == date(2019, 9, 4)
    assert HAMPSHIRE.last_date == date(2026, 7, 22)
    assert len(HAMPSHIRE.terms) == 21
    assert HAMPSHIRE.holidays == Calendar.england_and_wales()


def test_term_at_half_term_is_the_autumn_term():
    # hampshire.json: 2023/24 autumn 1 Sep-15 Dec 2023, half term 23-27 Oct.
    term = HAMPSHIRE.term_at(date(2023, 10, 25))
    assert isinstance(term, Term)
    assert term.academic_year == "2023/24"
    assert term.name == "autumn"
    assert term.start == date(2023, 9, 1)
    assert term.end == date(2023, 12, 15)
    assert len(term.breaks) == 1
    half_term = term.breaks[0]
    assert isinstance(half_term, TermBreak)
    assert half_term.name == "half term"
    assert (half_term.start, half_term.end) == (date(2023, 10, 23), date(2023, 10, 27))
    assert not HAMPSHIRE.is_school_day(date(2023, 10, 25))


@pytest.mark.parametrize("summer", [date(2023, 8, 15), date(2024, 8, 1), date(2022, 7, 22)])
def test_term_at_in_the_summer_holiday_is_none(summer):
    # hampshire.json: no term covers August; 2021/22 summer ends Thu 21 Jul 2022 (Fri 22 Jul was the
    # extra Platinum Jubilee day off).
    assert HAMPSHIRE.term_at(summer) is None
    assert not HAMPSHIRE.is_school_day(summer)


@pytest.mark.parametrize(
    ("holiday", "neighbour"),
    [
        (date(2020, 5, 8), date(2020, 5, 7)),  # Fri VE Day 75, summer term 2020; Thu before
        (date(2022, 9, 19), date(2022, 9, 20)),  # Mon State Funeral, autumn term 2022; Tue after
        (date(2023, 5, 8), date(2023, 5, 9)),  # Mon Coronation, summer term 2023
        (date(2024, 5, 6), date(2024, 5, 7)),  # Mon early May bank holiday, summer term 2024
    ],
)
def test_bank_holiday_in_term_is_not_a_school_day(holiday, neighbour):
    assert HAMPSHIRE.term_at(holiday) is not None
    assert not HAMPSHIRE.is_school_day(holiday)
    assert HAMPSHIRE.is_school_day(neighbour)


def test_autumn_term_2023_school_days():
    # hampshire.json 2023/24 autumn: Fri 1 Sep (1) + 15 full weeks Mon 4 Sep-Fri 15 Dec (75) = 76, less
    # half term 23-27 Oct (5) = 71; no bank holiday between 1 Sep and 15 Dec 2023.
    first, last = date(2023, 9, 1), date(2023, 12, 15)
    assert HAMPSHIRE.school_days_inclusive(first, last) == 71
    weeks = HAMPSHIRE.school_weeks_inclusive(first, last)
    assert isinstance(weeks, fractions.Fraction)
    assert weeks == fractions.Fraction(71, 5)
    # school_days_between is [start, end): the last day is not counted.
    assert HAMPSHIRE.school_days_between(first, last) == 70
    assert HAMPSHIRE.school_days_between(last, first) == -70
    # A whole-holiday span has none.
    assert HAMPSHIRE.school_days_inclusive(date(2023, 10, 21), date(2023, 10, 29)) == 0
    assert HAMPSHIRE.school_weeks_inclusive(date(2023, 10, 21), date(2023, 10, 29)) == 0


def test_school_days_inclusive_rejects_a_backwards_range():
    with pytest.raises(redress.InvalidInputError):
        HAMPSHIRE.school_days_inclusive(date(2023, 12, 15), date(2023, 9, 1))


def test_add_school_days_across_half_term():
    # Hampshire half term 23-27 Oct 2023: Fri 20 Oct + 1 -> Mon 30 Oct; + 5 -> Fri 3 Nov;
    # Mon 30 Oct - 1 -> Fri 20 Oct.
    assert HAMPSHIRE.add_school_days(date(2023, 10, 20), 1) == date(2023, 10, 30)
    assert HAMPSHIRE.add_school_days(date(2023, 10, 20), 5) == date(2023, 11, 3)
    assert HAMPSHIRE.add_school_days(date(2023, 10, 30), -1) == date(2023, 10, 20)
    # From inside the half term: roll_forward (default) starts on Mon 30 Oct -> Tue 31;
    # count_from_day -> Mon 30.
    assert HAMPSHIRE.add_school_days(date(2023, 10, 25), 1) == date(2023, 10, 31)
    assert HAMPSHIRE.add_school_days(date(2023, 10, 25), 1, "count_from_day") == date(2023, 10, 30)
    # Across Christmas: Fri 15 Dec 2023 + 1 -> Tue 2 Jan 2024 (spring term starts then; 1 Jan is a holiday).
    assert HAMPSHIRE.add_school_days(date(2023, 12, 15), 1) == date(2024, 1, 2)


def test_section_19_sixth_school_day():
    # SI 2007/1870 regs 3-4 (deadlines.md §2.2): full-time provision from the sixth school day of exclusion.
    # Excluded from Wed 18 Oct 2023 (day 1): Thu 19 (2), Fri 20 (3), half term 23-27 Oct, Mon 30 (4),
    # Tue 31 (5), Wed 1 Nov (6).
    assert period_end(date(2023, 10, 18), 6, "school_days", "beginning_with", school_calendar=HAMPSHIRE) == date(
        2023, 11, 1
    )
    assert period_end(
        date(2023, 10, 18), 6, Unit.school_days, Counting.beginning_with, school_calendar=HAMPSHIRE
    ) == date(2023, 11, 1)
    # Excluded from Thu 2 May 2024: Thu 2 (1), Fri 3 (2), Mon 6 bank holiday, Tue 7 (3), Wed 8 (4), Thu 9 (5),
    # Fri 10 May (6).
    assert period_end(date(2024, 5, 2), 6, "school_days", "beginning_with", school_calendar=HAMPSHIRE) == date(
        2024, 5, 10
    )
    # From Sat 21 Oct 2023, day 1 is the next school day Mon 30 Oct: 31 (2), 1 Nov (3), 2 (4), 3 (5),
    # Mon 6 Nov (6).
    assert period_end(date(2023, 10, 21), 6, "school_days", "beginning_with", school_calendar=HAMPSHIRE) == date(
        2023, 11, 6
    )


@pytest.mark.parametrize("outside", [date(2019, 9, 3), date(2026, 7, 23), date(2030, 1, 7)])
def test_outside_coverage_is_out_of_range(outside):
    with pytest.raises(redress.OutOfRangeError) as caught:
        HAMPSHIRE.is_school_day(outside)
    assert caught.value.value == outside.isoformat()
    with pytest.raises(redress.OutOfRangeError):
        HAMPSHIRE.term_at(outside)
    with pytest.raises(redress.OutOfRangeError):
        HAMPSHIRE.add_school_days(outside, 1)
    first, last = sorted([outside, date(2023, 9, 1)])
    with pytest.raises(redress.OutOfRangeError):
        HAMPSHIRE.school_days_inclusive(first, last)


def test_counting_past_the_coverage_is_out_of_range():
    # Wed 22 Jul 2026 is the last day hampshire.json covers: no school day after it.
    with pytest.raises(redress.OutOfRangeError):
        HAMPSHIRE.add_school_days(date(2026, 7, 22), 1)
    with pytest.raises(redress.OutOfRangeError):
        HAMPSHIRE.add_school_days(date(2019, 9, 4), -1)


def test_hampshire_agrees_with_the_json_day_by_day():
    # Every day of the coverage against the reference read from hampshire.json and GOV.UK's holidays.
    d = HAMPSHIRE.first_date
    while d <= HAMPSHIRE.last_date:
        assert HAMPSHIRE.is_school_day(d) == (d in HAMPSHIRE_DAY_SET), d
        d += datetime.timedelta(days=1)
    assert HAMPSHIRE.school_days_inclusive(HAMPSHIRE.first_date, HAMPSHIRE.last_date) == len(HAMPSHIRE_DAYS)
    for term, spec in zip(HAMPSHIRE.terms, HAMPSHIRE_DOC["terms"]):
        assert term.start.isoformat() == spec["start"]
        assert term.end.isoformat() == spec["end"]
        assert term.name == spec["term"]
        assert term.academic_year == spec["academic_year"]
        expected = sum(1 for x in HAMPSHIRE_DAYS if term.start <= x <= term.end)
        assert HAMPSHIRE.school_days_inclusive(term.start, term.end) == expected
        assert HAMPSHIRE.school_weeks_inclusive(term.start, term.end) == fractions.Fraction(expected, 5)


@settings(max_examples=2000, deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 12, 31)),
    st.integers(min_value=-50, max_value=50),
)
def test_hampshire_school_day_arithmetic_matches_the_json(d, n):
    # Reference: the sorted list of school days from the JSON; roll_forward starts at the first on or after d.
    k = int(np.searchsorted(HAMPSHIRE_DAY_ARRAY, np.datetime64(d, "D")))
    assert HAMPSHIRE.add_school_days(d, n) == HAMPSHIRE_DAYS[k + n]
    # school_days_between counts the start and not the end, forwards [d, e) and backwards (e, d], as
    # numpy.busday_count: the count of days from the reference list, done by hand here.
    e = HAMPSHIRE_DAYS[k + n]
    by_hand = sum(1 for x in HAMPSHIRE_DAYS if d <= x < e) if e >= d else -sum(1 for x in HAMPSHIRE_DAYS if e < x <= d)
    assert HAMPSHIRE.school_days_between(d, e) == by_hand
    if d in HAMPSHIRE_DAY_SET or n >= 0:
        assert HAMPSHIRE.school_days_between(d, e) == n
    if d in HAMPSHIRE_DAY_SET:
        assert HAMPSHIRE.add_school_days(HAMPSHIRE.add_school_days(d, n), -n) == d


# --- The default calendar -----------------------------------------------------------------------------------


def test_default_covers_1990_to_2100_with_bank_holidays():
    assert DEFAULT.first_date == date(1990, 1, 1)
    assert DEFAULT.last_date == date(2100, 12, 31)
    assert DEFAULT.holidays == Calendar.england_and_wales()
    assert SchoolCalendar.named("default").first_date == DEFAULT.first_date


@pytest.mark.parametrize("year", range(1990, 2101))
def test_default_has_no_school_days_in_august(year):
    # English schools are on their summer holiday throughout August (every hampshire.json year).
    assert DEFAULT.school_days_inclusive(date(year, 8, 1), date(year, 8, 31)) == 0
    assert DEFAULT.term_at(date(year, 8, 15)) is None


@pytest.mark.parametrize("year", range(2000, 2031))
def test_default_academic_year_is_about_a_councils_195_days(year):
    # docs/calendars.md: the default approximates a council's published term dates, which span 195 days: pupils'
    # 380 sessions = 190 days (Education (School Day and School Year) (England) Regulations 1999 reg 3) plus the
    # five INSET days each school places inside them (hampshire.json's years hold 195 days: its notes). The
    # documented range is 191-196 days a year.
    days = DEFAULT.school_days_inclusive(date(year, 9, 1), date(year + 1, 8, 31))
    assert 191 <= days <= 196


@pytest.mark.parametrize("year", range(1990, 2100))
def test_default_is_closed_from_christmas_eve_to_new_year(year):
    # Every hampshire.json year ends the autumn term by 20 Dec and starts spring on or after 2 Jan; no English
    # school calendar opens between Christmas and New Year's Day.
    assert DEFAULT.school_days_inclusive(date(year, 12, 24), date(year + 1, 1, 1)) == 0


def test_default_academic_year_labels():
    # The DfE form "2023/24": the start year, a slash, the next year's last two digits ("1999/00").
    for term in DEFAULT.terms:
        start_year = term.end.year if term.name == "autumn" else term.end.year - 1
        assert term.academic_year == f"{start_year}/{(start_year + 1) % 100:02d}", term
        assert term.name in ("autumn", "spring", "summer")
        for b in term.breaks:
            assert term.start <= b.start <= b.end <= term.end


def test_default_term_dates_are_in_order():
    terms = DEFAULT.terms
    for earlier, later in zip(terms, terms[1:]):
        assert earlier.end < later.start


# --- from_json ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("document", [SMALL, json.dumps(SMALL)], ids=["dict", "str"])
def test_from_json_small_calendar(document):
    cal = SchoolCalendar.from_json(document)
    assert cal.name == "test-school"
    assert cal.title == "test-school"  # title defaults to the name
    assert cal.first_date == date(2024, 9, 4)  # the first term's start
    assert cal.last_date == date(2025, 4, 4)  # the last term's end
    assert [t.name for t in cal.terms] == ["autumn", "spring"]
    autumn = cal.school_days_inclusive(date(2024, 9, 4), date(2024, 12, 18))
    spring = cal.school_days_inclusive(date(2025, 1, 7), date(2025, 4, 4))
    assert autumn == SMALL_AUTUMN_DAYS
    assert spring == SMALL_SPRING_DAYS
    assert cal.school_days_inclusive(cal.first_date, cal.last_date) == 130
    assert cal.school_weeks_inclusive(cal.first_date, cal.last_date) == fractions.Fraction(130, 5)
    assert len(reference_school_days(SMALL)) == 130
    # Fri 25 Oct + 1 -> Mon 4 Nov over the half term; Wed 18 Dec + 1 -> Tue 7 Jan 2025.
    assert cal.add_school_days(date(2024, 10, 25), 1) == date(2024, 11, 4)
    assert cal.add_school_days(date(2024, 12, 18), 1) == date(2025, 1, 7)
    assert cal.term_at(date(2024, 12, 25)) is None
    assert cal.term_at(date(2025, 2, 19)).name == "spring"
    with pytest.raises(redress.OutOfRangeError):
        cal.is_school_day(date(2025, 4, 7))


def test_from_json_closures_and_holidays():
    # Fri 29 Nov 2024 closed, either as a closure in the document or as an extra holiday: 130 - 1 = 129.
    closed = dict(SMALL, closures=[{"date": "2024-11-29"}])
    assert SchoolCalendar.from_json(closed).school_days_inclusive(date(2024, 9, 4), date(2025, 4, 4)) == 129
    holidays = Calendar.england_and_wales().merged(
        {"format": "redress.holidays/1", "add": [{"date": "2024-11-29", "name": "Council closure"}]}
    )
    cal = SchoolCalendar.from_json(SMALL, holidays=holidays)
    assert cal.school_days_inclusive(date(2024, 9, 4), date(2025, 4, 4)) == 129
    assert not cal.is_school_day(date(2024, 11, 29))
    assert cal.holidays == holidays


def test_from_json_repr_is_not_a_false_constructor():
    # A repr reads like the call that makes the value; SchoolCalendar.named("test-school") would raise.
    cal = SchoolCalendar.from_json(SMALL)
    if repr(cal).startswith("SchoolCalendar.named("):
        assert cal.name in SchoolCalendar.names(), repr(cal)


def _with_term(index, **changes):
    doc = json.loads(json.dumps(SMALL))
    doc["terms"][index].update(changes)
    return doc


@pytest.mark.parametrize(
    ("document", "field", "value"),
    [
        (_with_term(0, start="2024-09-31"), "terms[0].start", "2024-09-31"),
        (_with_term(1, end="4 April 2025"), "terms[1].end", "4 April 2025"),
        (
            _with_term(0, breaks=[{"from": "2024-10-28", "to": "2024-13-01"}]),
            "terms[0].breaks[0].to",
            "2024-13-01",
        ),
        (_with_term(0, end="2024-09-01"), "terms[0].end", "2024-09-01"),
        (_with_term(1, start="2024-12-01"), "terms[1].start", "2024-12-01"),
        (dict(SMALL, format="redress.school_calendar/2"), "format", "redress.school_calendar/2"),
        (dict(SMALL, closures=[{"date": "2024-11-31"}]), "closures[0].date", "2024-11-31"),
    ],
)
def test_from_json_errors_name_the_json_path(document, field, value):
    with pytest.raises(redress.InvalidInputError) as caught:
        SchoolCalendar.from_json(document)
    assert caught.value.field == field
    assert caught.value.value == value


def test_from_json_missing_and_malformed():
    doc = json.loads(json.dumps(SMALL))
    del doc["terms"][1]["term"]
    with pytest.raises(redress.InvalidInputError) as caught:
        SchoolCalendar.from_json(doc)
    assert caught.value.field == "terms[1].term"
    with pytest.raises(redress.InvalidInputError) as caught:
        SchoolCalendar.from_json(dict(SMALL, terms=[]))
    assert caught.value.field == "terms"
    with pytest.raises(redress.InvalidInputError):
        SchoolCalendar.from_json('{"format": "redress.school_calendar/1", "terms": [')
    outside = _with_term(0, breaks=[{"from": "2024-08-26", "to": "2024-08-30"}])
    with pytest.raises(redress.InvalidInputError) as caught:
        SchoolCalendar.from_json(outside)
    assert caught.value.field == "terms[0].breaks[0]"


def test_from_json_outside_the_years_is_out_of_range():
    doc = {
        "format": "redress.school_calendar/1",
        "name": "far",
        "terms": [{"term": "autumn", "start": "2150-09-01", "end": "2150-12-18"}],
    }
    with pytest.raises(redress.OutOfRangeError) as caught:
        SchoolCalendar.from_json(doc)
    assert "2150-09-01" in str(caught.value)
