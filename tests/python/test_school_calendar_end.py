"""A date past the end of a named school calendar says what to do (issue 11, item 16).

Hampshire's calendar ends on 22 July 2026, the last day of 2025/26 (data/school_calendars/SOURCES-hampshire.md
says why 2026/27 and 2027/28 are not there); the default calendar covers every year redress handles.
"""

import datetime as dt

import pytest

from redress import OutOfRangeError, SchoolCalendar


def test_a_date_past_hampshires_calendar_says_what_to_do():
    hampshire = SchoolCalendar.named("hampshire")
    assert hampshire.is_school_day(dt.date(2026, 7, 22))  # a Wednesday, the last day of the summer term
    with pytest.raises(OutOfRangeError) as err:
        hampshire.is_school_day(dt.date(2026, 9, 10))
    message = str(err.value)
    assert "2026-09-10" in message
    assert "2026-07-22" in message
    assert "SchoolCalendar.from_json" in message
    assert "SchoolCalendar.default()" in message


def test_the_default_calendar_covers_the_next_school_year():
    # Thursday 10 September 2026 is in the autumn term of any English school year.
    assert SchoolCalendar.default().is_school_day(dt.date(2026, 9, 10))
