"""The case file (redress.case/1, docs/case-format.md) from Python: redress.Case.

Reading the seed cases, writing them back (canonical fields, unknown fields kept at any depth), misspellings and
errors named by their JSON path, recommendations' due dates and overdue days, the s.31(2) deadline of a public
report, pickling.

Expected values come from the seed cases (examples/cases/*.json, with the seed sections their "notes" cite) and
from hand calculations written in the comments, never from running the library.
"""

import copy
import datetime
import json
import pathlib
import pickle

import pytest

import redress
from redress import Case, Finding, Money, Outcome, RecommendationStatus

date = datetime.date
ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"


def load(name):
    with (CASES / name).open(encoding="utf-8") as f:
        return json.load(f)


def dorset():
    # Seed 000, Dorset Council 21 002 722: a public report with a remedy and no dates.
    return copy.deepcopy(load("dorset-21-002-722.json"))


# --- Reading every example ------------------------------------------------------------------------------------

# What each seed case file says, read off the files (and the seed sections their notes cite).
EXAMPLES = {
    "dorset-21-002-722.json": {
        "reference": "21 002 722",
        "authority": "Dorset Council",
        "faults": [
            "alternative_provision",
            "provision_not_secured",
            "annual_review",
            "communication",
            "complaint_handling",
        ],
        "dates": {},
        "remedy": True,
        "recommendations": 12,  # eight personal (seed 000 section 3.1), four service improvements (3.3.1-3.3.4)
        "events": [("report_considered", date(2022, 7, 26))],
    },
    "dudley-17-016-386.json": {
        "reference": "17 016 386",
        "authority": "Dudley Metropolitan Borough Council",
        "faults": ["assessment_delay", "other"],
        "dates": {},
        "remedy": True,
        "recommendations": 3,  # seed 002 section 13.1 to 13.3
        "events": [("report_considered", date(2019, 9, 11))],
    },
    "cambridgeshire-20-013-354.json": {
        "reference": "20 013 354",
        "authority": "Cambridgeshire County Council",
        "faults": [
            "alternative_provision",
            "provision_not_secured",
            "annual_review",
            "complaint_handling",
            "cooperation_with_ombudsman",
        ],
        # Seed 003 section 2.1.
        "dates": {
            "complaint_to_council": date(2020, 8, 20),
            "final_decision": date(2022, 4, 6),
            "report_received": date(2022, 4, 6),
        },
        "remedy": False,
        "recommendations": 12,  # seed 003 section 2.3
        "events": [("report_considered", date(2022, 7, 5))],
    },
    "dorset-18-016-599.json": {
        "reference": "18 016 599",
        "authority": "Dorset County Council",
        "faults": [],
        "dates": {},
        "remedy": False,
        "recommendations": 10,  # seed 001 Minutes: "ten recommendations in total"
        "events": [("report_considered", date(2019, 10, 1))],
    },
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_from_json_reads_every_example(name):
    expected = EXAMPLES[name]
    case = Case.from_json((CASES / name).read_text(encoding="utf-8"))
    assert str(case.reference) == expected["reference"]
    assert case.authority == expected["authority"]
    assert case.category == "special-educational-needs"
    assert case.outcome == Outcome.upheld
    # Two of the four keep the older wording "maladministration_and_injustice", read as fault_causing_injustice.
    assert case.finding == Finding.fault_causing_injustice
    assert case.public_report is True
    assert case.faults == expected["faults"]
    assert case.dates == expected["dates"]
    assert (case.remedy is not None) == expected["remedy"]
    assert len(case.recommendations) == expected["recommendations"]
    assert [(e.name, e.date) for e in case.events] == expected["events"]
    assert case.exceptions == []


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_from_json_takes_text_or_a_dict_alike(name):
    document = load(name)
    from_text = Case.from_json(json.dumps(document))
    from_dict = Case.from_json(document)
    assert from_text.to_json() == from_dict.to_json()


def test_dorset_recommendations_as_read():
    # Seed 000 section 3.1: eight personal recommendations within one month, all complete by section 3.2; 3.3.1 to
    # 3.3.4: four service improvements, given "3 months" in the case file and no status: none is claimed.
    recs = Case.from_json(dorset()).recommendations
    assert [r.kind for r in recs] == ["apology"] + ["payment"] * 7 + ["service_improvement"] * 4
    assert [r.due for r in recs] == ["1 month"] * 8 + ["3 months"] * 4
    assert [r.status for r in recs] == [RecommendationStatus.complete] * 8 + [None] * 4
    assert all(r.completed is None for r in recs)


# --- Writing back ---------------------------------------------------------------------------------------------


def test_round_trip_keeps_unknown_fields_at_the_top_and_inside_a_payment():
    document = dorset()
    document["x_tool"] = {"a": 1}
    document["remedy"]["payments"][2]["x_tool"] = {"a": 1}
    out = json.loads(Case.from_json(document).to_json())
    assert out["x_tool"] == {"a": 1}
    assert out["remedy"]["payments"][2]["x_tool"] == {"a": 1}
    assert "x_tool" not in out["remedy"]["payments"][1]
    assert out["notes"] == document["notes"]


def test_round_trip_keeps_unknown_fields_deeper_down():
    document = dorset()
    document["remedy"]["x_tool"] = {"a": 1, "b": [1, 2, {"c": None}]}
    document["remedy"]["lost_provision"][1]["x_tool"] = {"a": 1}
    document["recommendations"][3]["x_tool"] = {"a": 1}
    document["send"]["x_tool"] = [{"a": 1}]
    out = json.loads(Case.from_json(document).to_json())
    assert out["remedy"]["x_tool"] == {"a": 1, "b": [1, 2, {"c": None}]}
    assert out["remedy"]["lost_provision"][1]["x_tool"] == {"a": 1}
    assert out["recommendations"][3]["x_tool"] == {"a": 1}
    assert out["send"]["x_tool"] == [{"a": 1}]


def test_round_trip_keeps_unknown_fields_of_an_event_as_json():
    # An event may carry fields of its own (CASE_FORMAT: "an event may carry other fields its rule needs"); a
    # field no rule knows passes through like any other unknown field, as the JSON it was: an object stays an
    # object and a number a number.
    document = dorset()
    document["send"]["events"][0]["x_tool"] = {"a": 1}
    document["send"]["events"][0]["x_count"] = 3
    out = json.loads(Case.from_json(document).to_json())
    assert out["send"]["events"][0]["x_tool"] == {"a": 1}
    assert out["send"]["events"][0]["x_count"] == 3


def test_event_string_fields_pass_through():
    document = dorset()
    document["send"]["events"].append({"event": "phase_transfer_due", "date": "2020-09-01", "transfer": "school_phase"})
    out = json.loads(Case.from_json(document).to_json())
    assert out["send"]["events"][1] == {"event": "phase_transfer_due", "date": "2020-09-01", "transfer": "school_phase"}


@pytest.mark.parametrize("spelling", ["21002722", "21-002-722", " 21 002 722 "])
def test_reference_is_written_canonically(spelling):
    document = dorset()
    document["reference"] = spelling
    case = Case.from_json(document)
    assert str(case.reference) == "21 002 722"
    assert json.loads(case.to_json())["reference"] == "21 002 722"


def test_older_finding_is_written_in_current_wording():
    # Seed 003 keeps "maladministration_and_injustice" (its section 1.2); the format reads it as
    # fault_causing_injustice and writes it so.
    document = load("cambridgeshire-20-013-354.json")
    assert document["finding"] == "maladministration_and_injustice"
    out = json.loads(Case.from_json(document).to_json())
    assert out["finding"] == "fault_causing_injustice"
    assert out["outcome"] == "upheld"


def test_money_is_written_as_decimal_strings():
    document = dorset()
    document["remedy"]["payments"][0]["amount"] = 250
    document["remedy"]["stated_total"] = 8800
    document["remedy"]["lost_provision"][0]["rate"] = 600.5
    out = json.loads(Case.from_json(document).to_json())
    written = [
        (out["remedy"]["payments"][0]["amount"], "250"),
        (out["remedy"]["stated_total"], "8800"),
        (out["remedy"]["lost_provision"][0]["rate"], "600.50"),
    ]
    for value, pounds in written:
        assert isinstance(value, str), value
        assert Money(value) == Money(pounds)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_writing_is_stable(name):
    # Writing what was written gives the same text, and reading it back gives the same case.
    once = Case.from_json(load(name)).to_json()
    twice = Case.from_json(once).to_json()
    assert json.loads(twice) == json.loads(once)
    assert once == twice


def test_round_trip_keeps_every_field_the_case_gives():
    # Everything seed 000's file says is still said, in its canonical spelling; the writer may add defaults.
    document = dorset()
    out = json.loads(Case.from_json(document).to_json())
    for key in ("format", "reference", "authority", "category", "outcome", "finding", "public_report", "faults"):
        assert out[key] == document[key]
    assert out["send"]["events"] == document["send"]["events"]
    assert [r["text"] for r in out["recommendations"]] == [r["text"] for r in document["recommendations"]]
    assert [p["for"] for p in out["remedy"]["payments"]] == [p["for"] for p in document["remedy"]["payments"]]
    assert [p["note"] for p in out["remedy"]["lost_provision"]] == [
        p["note"] for p in document["remedy"]["lost_provision"]
    ]
    assert [Money(p["amount"]) for p in out["remedy"]["payments"]] == [
        Money(p["amount"]) for p in document["remedy"]["payments"]
    ]
    assert Money(out["remedy"]["stated_total"]) == Money("8800")


def test_unknown_date_names_are_kept():
    document = dorset()
    document["dates"] = {"final_decision": "2022-06-16", "apology_sent": "2022-07-01"}
    out = json.loads(Case.from_json(document).to_json())
    assert out["dates"] == {"final_decision": "2022-06-16", "apology_sent": "2022-07-01"}


# --- Misspellings and JSON paths ------------------------------------------------------------------------------


def misspell_amount(d):
    d["remedy"]["payments"][1]["ammount"] = d["remedy"]["payments"][1].pop("amount")


def misspell_reference(d):
    d["refrence"] = d.pop("reference")


def misspell_lost_provision_amount(d):
    d["remedy"]["lost_provision"][1]["ammount"] = d["remedy"]["lost_provision"][1].pop("amount")


def misspell_final_decision(d):
    d["dates"] = {"final_decison": "2022-06-16"}


def misspell_stated_total(d):
    d["remedy"]["stated_totl"] = d["remedy"].pop("stated_total")


@pytest.mark.parametrize(
    ("spoil", "path", "meant"),
    [
        (misspell_amount, "remedy.payments[1].ammount", "amount"),
        (misspell_reference, "refrence", "reference"),
        (misspell_lost_provision_amount, "remedy.lost_provision[1].ammount", "amount"),
        (misspell_final_decision, "dates.final_decison", "final_decision"),
        (misspell_stated_total, "remedy.stated_totl", "stated_total"),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_misspelt_known_field_is_reported_with_its_path(spoil, path, meant):
    document = dorset()
    spoil(document)
    with pytest.raises(redress.InvalidInputError) as caught:
        Case.from_json(document)
    assert caught.value.field == path
    assert path in str(caught.value)
    assert f'"{meant}"' in str(caught.value)  # it says which field was meant


def test_unknown_fields_unlike_any_known_one_are_not_misspellings():
    document = dorset()
    document["caseworker"] = "A N Other"
    document["x_tool"] = {"a": 1}
    document["remedy"]["payments"][0]["paid_on"] = "2022-08-01"
    document["remedy"]["lost_provision"][0]["x_tool"] = 1
    Case.from_json(document)


def lost_provision_2_to(d):
    d["remedy"]["lost_provision"].append({"from": "2021-02", "to": "2021-13", "rate": "500", "per": "month"})


def lost_provision_2_to_reversed(d):
    d["remedy"]["lost_provision"].append({"from": "2021-03", "to": "2021-02", "rate": "500", "per": "month"})


def event_0_date(d):
    d["send"]["events"][0]["date"] = "2022-07-32"


def recommendation_1_status(d):
    d["recommendations"][1]["status"] = "finished"


def final_decision_not_iso(d):
    d["dates"] = {"final_decision": "16/06/2022"}


def final_decision_no_such_day(d):
    d["dates"] = {"final_decision": "2021-02-30"}


def payment_3_amount(d):
    d["remedy"]["payments"][3]["amount"] = "750.505"


def payment_4_to(d):
    d["remedy"]["payments"][4]["to"] = "mother"


def fault_2(d):
    d["faults"][2] = "annual_reviews"


def recommendation_0_due(d):
    d["recommendations"][0]["due"] = "a month"


def exception_0_to(d):
    d["send"]["exceptions"] = [{"type": "absent_from_area", "from": "2020-01-10", "to": "2019-12-01"}]


def public_report_string(d):
    d["public_report"] = "true"


@pytest.mark.parametrize(
    ("spoil", "path"),
    [
        (lost_provision_2_to, "remedy.lost_provision[2].to"),
        (lost_provision_2_to_reversed, "remedy.lost_provision[2].to"),
        (event_0_date, "send.events[0].date"),
        (recommendation_1_status, "recommendations[1].status"),
        (final_decision_not_iso, "dates.final_decision"),
        (final_decision_no_such_day, "dates.final_decision"),
        (payment_3_amount, "remedy.payments[3].amount"),
        (payment_4_to, "remedy.payments[4].to"),
        (fault_2, "faults[2]"),
        (recommendation_0_due, "recommendations[0].due"),
        (exception_0_to, "send.exceptions[0].to"),
        (public_report_string, "public_report"),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_errors_name_the_json_path(spoil, path):
    document = dorset()
    Case.from_json(document)  # valid before it is spoilt
    spoil(document)
    with pytest.raises(redress.InvalidInputError) as caught:
        Case.from_json(document)
    assert caught.value.field == path
    assert str(caught.value).startswith(path)


def test_missing_reference_is_named():
    document = dorset()
    del document["reference"]
    with pytest.raises(redress.InvalidInputError) as caught:
        Case.from_json(document)
    assert caught.value.field == "reference"


def test_text_that_is_not_json_is_an_invalid_input():
    with pytest.raises(redress.InvalidInputError):
        Case.from_json('{"format": "redress.case/1", "reference": "21 002 722"')


# --- Recommendations: due dates and overdue -------------------------------------------------------------------


def with_recommendations(final_decision, recommendations):
    document = dorset()
    document["dates"] = {"final_decision": final_decision}
    document["recommendations"] = recommendations
    return Case.from_json(document)


def dues(case):
    return [r.due for r in case.evaluate(date(2022, 6, 17)).recommendations]


def test_due_dates_from_the_final_decision():
    # Final decision 16 June 2022 (the date of CASE_FORMAT's illustration).
    case = with_recommendations(
        "2022-06-16",
        [
            {"kind": "apology", "due": "1 month"},  # corresponding date: 16 July 2022
            {"kind": "service_improvement", "due": "3 months"},  # 16 September 2022
            {"kind": "payment", "due": "28 days"},  # June has 30 days: 16 + 28 = 44 = 14 July 2022
            {"kind": "payment", "due": "2 weeks"},  # 16 + 14 = 30 June 2022
            {"kind": "action", "due": "2022-08-01"},  # a date is its own due date
            {"kind": "payment", "due": "1 day"},  # 17 June 2022
        ],
    )
    assert dues(case) == [
        date(2022, 7, 16),
        date(2022, 9, 16),
        date(2022, 7, 14),
        date(2022, 6, 30),
        date(2022, 8, 1),
        date(2022, 6, 17),
    ]


def test_due_months_use_the_last_day_when_there_is_no_corresponding_date():
    # Corresponding-date rule: 31 January + 1 month has no 31 February, so the period ends on the last day of
    # February (28 in 2022, 29 in 2024); 30 November 2022 + 3 months: no 30 February 2023, so 28 February 2023.
    assert dues(with_recommendations("2022-01-31", [{"kind": "apology", "due": "1 month"}])) == [date(2022, 2, 28)]
    assert dues(with_recommendations("2024-01-31", [{"kind": "apology", "due": "1 month"}])) == [date(2024, 2, 29)]
    assert dues(with_recommendations("2022-11-30", [{"kind": "apology", "due": "3 months"}])) == [date(2023, 2, 28)]


OVERDUE_CASE = [
    {"kind": "apology", "due": "1 month", "status": "in_progress"},  # due 16 July 2022
    {"kind": "service_improvement", "due": "3 months", "status": "not_started"},  # due 16 September 2022
    {"kind": "payment", "due": "28 days", "status": "complete", "completed": "2022-07-20"},  # due 14 July, done
    {"kind": "action", "due": "2022-08-01", "status": "on_track"},  # due 1 August 2022
    {"kind": "payment", "due": "1 month", "status": "refused"},  # refused: settled, never overdue
    {"kind": "payment", "due": "1 month"},  # no status: not_started
]


def test_overdue_as_of_a_date():
    case = with_recommendations("2022-06-16", OVERDUE_CASE)
    # As of 1 August 2022: 16 July to 1 August is 15 days to 31 July and one more, 16 days. The recommendation
    # due on 1 August itself is not late on that day.
    report = case.evaluate(date(2022, 8, 1))
    states = report.recommendations
    assert [s.overdue for s in states] == [True, False, False, False, False, True]
    assert [s.days_overdue for s in states] == [16, None, None, None, None, 16]
    assert report.recommendations_overdue == 2
    assert [s.path for s in states] == [f"recommendations[{i}]" for i in range(6)]


def test_overdue_later():
    case = with_recommendations("2022-06-16", OVERDUE_CASE)
    # As of 25 December 2022:
    # - due 16 July: 16 July -> 16 December is 15 + 31 + 30 + 31 + 30 + 16 = 153 days; + 9 to 25 December = 162.
    # - due 16 September: 16 Sep -> 16 Oct 30, -> 16 Nov 31, -> 16 Dec 30 = 91; + 9 = 100.
    # - due 1 August: 1 Aug -> 1 Dec is 31 + 30 + 31 + 30 = 122; + 24 = 146.
    report = case.evaluate(date(2022, 12, 25))
    assert [s.days_overdue for s in report.recommendations] == [162, 100, None, 146, None, 162]
    assert report.recommendations_overdue == 4


def test_a_recommendation_due_today_is_not_overdue_until_tomorrow():
    case = with_recommendations("2022-06-16", [{"kind": "apology", "due": "1 month"}])
    assert not case.evaluate(date(2022, 7, 16)).recommendations[0].overdue
    state = case.evaluate(date(2022, 7, 17)).recommendations[0]
    assert state.overdue
    assert state.days_overdue == 1


def test_a_recommendation_with_no_due_has_a_reason_and_is_never_overdue():
    # Seed 003 recommendation 2 ("Arrange alternative provision ...") is in progress and has no time limit.
    case = Case.from_json(load("cambridgeshire-20-013-354.json"))
    for as_of in (date(2022, 4, 7), date(2030, 1, 1), date(2099, 12, 31)):
        state = case.evaluate(as_of).recommendations[1]
        assert state.recommendation.status == RecommendationStatus.in_progress
        assert state.recommendation.due == ""
        assert state.due is None
        assert state.reason
        assert not state.overdue
        assert state.days_overdue is None


def test_a_period_without_a_final_decision_is_not_computable_and_not_overdue():
    # Seed 000 gives "1 month" and "3 months" but no final decision (its notes: "recommendation due dates cannot
    # be computed"); the four service improvements are not_started yet are never called overdue.
    report = Case.from_json(dorset()).evaluate(date(2030, 1, 1))
    assert len(report.recommendations) == 12
    for state in report.recommendations:
        assert state.due is None
        assert "final_decision" in state.reason
        assert not state.overdue
    assert report.recommendations_overdue == 0


def test_seed_003_report_consideration_due_three_months_from_the_final_decision():
    # Seed 003 recommendation 12: "confirm within three months"; final decision 6 April 2022 (section 2.1), so due
    # 6 July 2022 on the corresponding-date rule; complete (section 2.3), so not overdue.
    state = Case.from_json(load("cambridgeshire-20-013-354.json")).evaluate(date(2026, 1, 1)).recommendations[11]
    assert state.recommendation.kind == "consider_report"
    assert state.due == date(2022, 7, 6)
    assert not state.overdue


# --- The s.31(2) deadline follows a public report only --------------------------------------------------------


def s31_2(deadlines):
    return [d for d in deadlines if d.rule == "lgo.response"]


def test_public_report_includes_the_s31_2_deadline():
    # Seed 000 is a public report (its notes: "a formal report finding fault ... with newspaper notices"). With a
    # report received on 16 June 2022 (not in the seed; CASE_FORMAT's illustrative date), s.31(2)'s "three months
    # beginning with" that day ends the day before the corresponding date: 15 September 2022. As of 1 August 2022
    # it is pending, 30 + 15 = 45 days away.
    document = dorset()
    document["dates"] = {"report_received": "2022-06-16"}
    assert document["public_report"] is True
    found = s31_2(Case.from_json(document).evaluate(date(2022, 8, 1)).deadlines)
    assert len(found) == 1
    assert "s.31(2)" in found[0].source
    assert found[0].due == date(2022, 9, 15)
    assert found[0].status == redress.DeadlineStatus.pending
    assert found[0].days_remaining == 45


def test_no_public_report_leaves_out_the_s31_2_deadline():
    document = dorset()
    document["dates"] = {"report_received": "2022-06-16"}
    document["public_report"] = False
    deadlines = Case.from_json(document).evaluate(date(2022, 8, 1)).deadlines
    assert s31_2(deadlines) == []
    assert not [d for d in deadlines if "s.31" in d.source or "s.30" in d.source]


def test_seed_000_as_it_is_reports_the_s31_2_deadline_as_not_computable():
    # Seed 000 is a public report, so the s.31(2) duty applies, but the file gives no dates.report_received.
    # CASE_FORMAT: "Deadlines that need a missing date are reported as not computable, never guessed."
    deadlines = Case.from_json(dorset()).evaluate(date(2026, 11, 22)).deadlines
    found = s31_2(deadlines)
    assert len(found) == 1
    assert found[0].status == redress.DeadlineStatus.not_computable
    assert found[0].due is None
    assert "report_received" in found[0].reason


def test_seed_000_not_public_has_no_s31_2_deadline():
    document = dorset()
    document["public_report"] = False
    assert s31_2(Case.from_json(document).evaluate(date(2026, 11, 22)).deadlines) == []


# --- Pickling -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_pickle_round_trip(name):
    document = load(name)
    document["x_tool"] = {"a": 1}
    case = Case.from_json(document)
    again = pickle.loads(pickle.dumps(case))
    assert type(again) is Case
    assert again.to_json() == case.to_json()
    assert again.reference == case.reference
    assert again.authority == case.authority
    assert json.loads(again.to_json())["x_tool"] == {"a": 1}
    as_of = date(2026, 1, 1)
    assert again.report_json(as_of) == case.report_json(as_of)


def test_pickled_case_evaluates_to_the_seed_total():
    # Seed 000 section 5: £8,800.
    case = pickle.loads(pickle.dumps(Case.from_json(dorset()), protocol=pickle.HIGHEST_PROTOCOL))
    assert case.evaluate(date(2026, 1, 1), deadlines=False).remedy.total == Money("8800")
