"""Dates in from Python, as_of defaults, deadline_columns' prefix and data errors, days_late everywhere
(issue 11, item 10).

Hand-worked: reg 13(2), 20 weeks (140 days) from a request of Monday 9 September 2024 is Monday 27 January 2025
(21 days to 30 Sep, 31, 30, 31, 27); a plan issued on 10 February 2025 is 4 + 10 = 14 days late.
"""

import datetime as dt
import json

import numpy as np
import pytest

import redress
from redress import DeadlineStatus, InvalidInputError, deadline_columns, evaluate_deadlines

pd = pytest.importorskip("pandas")

EVENTS = [{"event": "ehc_request_received", "date": "2024-09-09"}, {"event": "final_plan_issued", "date": "2025-02-10"}]
DATES = {
    "iso text": "2025-03-03",
    "datetime.date": dt.date(2025, 3, 3),
    "numpy.datetime64": np.datetime64("2025-03-03"),
    "pandas.Timestamp": pd.Timestamp("2025-03-03"),
    "datetime.datetime": dt.datetime(2025, 3, 3, 17, 30),
}


def final_plan(deadlines):
    [d] = [d for d in deadlines if d.rule == "ehc.final_plan"]
    return d


@pytest.mark.parametrize("as_of", DATES.values(), ids=DATES.keys())
def test_evaluate_deadlines_takes_every_kind_of_date(as_of):
    d = final_plan(evaluate_deadlines(EVENTS, as_of=as_of))
    assert d.due == dt.date(2025, 1, 27)
    assert d.status == DeadlineStatus.met_late
    assert d.days_late == 14


@pytest.mark.parametrize("decided", DATES.values(), ids=DATES.keys())
def test_calculate_remedy_takes_every_kind_of_date(decided):
    # Four school months (February to May 2025) at £600: £2,400.
    remedy = {"lost_provision": [{"from": "2025-02", "to": "2025-05", "rate": "600", "per": "month"}]}
    b = redress.calculate_remedy(remedy, final_decision=decided)
    assert b.total == redress.Money("2400")


def test_calendar_functions_take_iso_text():
    # Friday 16 September 2022 + 1 working day: Monday 19 September was the State Funeral, so Tuesday 20.
    ew = redress.Calendar.england_and_wales()
    assert ew.add_working_days("2022-09-16", 1) == dt.date(2022, 9, 20)
    assert redress.add_months("1978-09-30", 4) == dt.date(1979, 1, 30)


@pytest.mark.parametrize("text", ["2021-02-30", "22/11/2026", "2024-1-5"])
def test_a_bad_date_string_is_an_invalid_input_error(text):
    with pytest.raises(InvalidInputError, match=r"is not a date"):
        evaluate_deadlines(EVENTS, as_of=text)


def test_as_of_defaults_to_today_everywhere():
    today = dt.date.today()
    assert [d.status for d in evaluate_deadlines(EVENTS)] == [d.status for d in evaluate_deadlines(EVENTS, as_of=today)]
    case = redress.Case.from_json(
        json.dumps({"format": "redress.case/1", "reference": "21 002 722", "send": {"events": EVENTS}})
    )
    assert json.loads(case.report_json()) == json.loads(case.report_json(today))
    assert final_plan(case.evaluate().deadlines).days_late == 14
    rule = redress.RuleCatalogue.standard().rule("ehc.final_plan")
    starts = np.array(["2024-09-09"], dtype="datetime64[D]")
    _, status, _ = redress.evaluate_rule(rule, starts)
    # With no met date, a request of 9 September 2024 is overdue on any day after 27 January 2025.
    assert status[0] == int(DeadlineStatus.overdue if today > dt.date(2025, 1, 27) else DeadlineStatus.pending)
    ics = redress.to_icalendar(evaluate_deadlines(EVENTS), "21 002 722")
    assert ics.startswith("BEGIN:VCALENDAR")


def test_days_late_is_zero_when_not_late_and_none_when_not_computable_in_every_api():
    on_time = [
        {"event": "ehc_request_received", "date": "2024-09-09"},
        {"event": "final_plan_issued", "date": "2025-01-27"},
    ]
    missing = [{"event": "final_plan_issued", "date": "2025-01-27"}]
    as_of = dt.date(2025, 3, 3)
    assert final_plan(evaluate_deadlines(on_time, as_of=as_of)).days_late == 0
    assert final_plan(evaluate_deadlines(missing, as_of=as_of)).days_late is None
    as_json = {d["rule"]: d for d in json.loads(redress.deadlines_to_json(evaluate_deadlines(on_time, as_of=as_of)))}
    assert as_json["ehc.final_plan"]["days_late"] == 0
    frame = pd.DataFrame(
        {"requested": pd.to_datetime(["2024-09-09", None]), "issued": pd.to_datetime(["2025-01-27"] * 2)}
    )
    cols = deadline_columns(frame, "ehc.final_plan", "requested", "issued", as_of=as_of)
    assert cols["days_late"].iloc[0] == 0
    assert pd.isna(cols["days_late"].iloc[1])
    rule = redress.RuleCatalogue.standard().rule("ehc.final_plan")
    _, _, late = redress.evaluate_rule(
        rule,
        frame["requested"].to_numpy("datetime64[D]")[:1],
        frame["issued"].to_numpy("datetime64[D]")[:1],
        as_of=as_of,
    )
    assert late[0] == 0


def test_deadline_columns_prefix_joins_two_rules():
    frame = pd.DataFrame(
        {
            "requested": pd.to_datetime(["2024-09-09"]),
            "decided": pd.to_datetime(["2024-10-14"]),
            "issued": pd.to_datetime(["2025-02-10"]),
        }
    )
    # reg 5(1): the decision whether to assess within 6 weeks (42 days): 9 September + 42 = 21 October 2024; the
    # decision on 14 October is on time.
    joined = frame.join(
        deadline_columns(
            frame, "ehc.assessment_decision", "requested", "decided", as_of="2025-03-03", prefix="decision_"
        )
    ).join(deadline_columns(frame, "ehc.final_plan", "requested", "issued", as_of="2025-03-03", prefix="plan_"))
    assert list(joined.columns[3:]) == [
        "decision_due",
        "decision_status",
        "decision_days_late",
        "plan_due",
        "plan_status",
        "plan_days_late",
    ]
    assert joined.loc[0, "decision_due"] == pd.Timestamp("2024-10-21")
    assert joined.loc[0, "decision_status"] == "met_on_time"
    assert joined.loc[0, "plan_status"] == "met_late"
    assert joined.loc[0, "plan_days_late"] == 14


def test_deadline_columns_counts_impossible_rows_as_data_errors():
    frame = pd.DataFrame(
        {
            # a: issued after as_of (3 March 2025): it has not happened yet. b: a plan before its request.
            # c: a good row, 14 days late.
            "requested": pd.to_datetime(["2024-09-09", "2024-09-09", "2024-09-09"]),
            "issued": pd.to_datetime(["2025-04-01", "2024-08-01", "2025-02-10"]),
        },
        index=["a", "b", "c"],
    )
    out = deadline_columns(frame, "ehc.final_plan", "requested", "issued", as_of=pd.Timestamp("2025-03-03"))
    assert out["status"].astype(str).to_dict() == {"a": "data_error", "b": "data_error", "c": "met_late"}
    assert pd.isna(out.loc["a", "days_late"])
    assert pd.isna(out.loc["b", "days_late"])
    assert out.loc["c", "days_late"] == 14
    assert out.loc["a", "due"] == pd.Timestamp("2025-01-27")  # the due date is still known
