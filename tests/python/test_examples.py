"""The seed cases as case files (examples/cases/), checked against the format's JSON Schema (docs/schema/case-1.json).

Expected totals come from the seed council reports, not from running the library:
- shared/seeds/000_7b9ba11ea232ea45.txt, Dorset Council 21 002 722: section 3.1.2 to 3.1.8 give the payments, eight
  lines with 3.1.3's £6,300 split into its two periods (£250 + £4,800 + £1,500 + £250 + £750 + £750 + £250 + £250),
  and section 5 (Financial Implications) the total, £8,800.
- shared/seeds/002_a95ef8fef4ece753.txt, Dudley MBC 17 016 386: section 13.1 gives £1,800 and £500, section 18 the
  total paid, £2,300.
The other two seed cases (Cambridgeshire 20 013 354, seed 003; Dorset County Council 18 016 599, seeds 001 and 004)
state no amounts, so their case files have no remedy.
"""

import copy
import datetime
import json
import pathlib
import re

import pytest

import redress
from redress import Money, calculate_remedy

jsonschema = pytest.importorskip("jsonschema")

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
SCHEMA_PATH = ROOT / "docs" / "schema" / "case-1.json"
CATALOGUE = ROOT / "data" / "rules" / "catalogue.json"

# One file for each seed case, named after its authority and reference.
EXPECTED_FILES = {
    "dorset-21-002-722.json": "21 002 722",
    "dudley-17-016-386.json": "17 016 386",
    "cambridgeshire-20-013-354.json": "20 013 354",
    "dorset-18-016-599.json": "18 016 599",
}

# The stated totals, from the seeds (see the module docstring for the sections).
EXPECTED_TOTALS = {
    "dorset-21-002-722.json": Money("8800"),  # seed 000 section 5; lines in section 3.1.2-3.1.8
    "dudley-17-016-386.json": Money("2300"),  # seed 002 section 18; lines in section 13.1
}

MONEY_STRING = re.compile(r"^\d+(\.\d{1,2})?$")


def load(path):
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def schema():
    document = load(SCHEMA_PATH)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def case_files():
    return sorted(CASES.glob("*.json"))


def example(name):
    return load(CASES / name)


def test_every_seed_case_has_a_file():
    assert {p.name for p in case_files()} == set(EXPECTED_FILES)


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_example_is_valid_against_the_schema(validator, path):
    case = load(path)
    errors = sorted(validator.iter_errors(case), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_example_is_written_canonically(path):
    case = load(path)
    assert case["format"] == "redress.case/1"
    assert case["reference"] == EXPECTED_FILES[path.name]
    assert str(redress.CaseReference(case["reference"])) == case["reference"]
    remedy = case.get("remedy", {})
    amounts = [remedy.get("stated_total")]
    amounts += [p["amount"] for p in remedy.get("payments", [])]
    for period in remedy.get("lost_provision", []):
        amounts += [period["rate"], period.get("amount")]
    for amount in amounts:
        if amount is not None:
            assert isinstance(amount, str), amount
            assert MONEY_STRING.match(amount), amount


def final_decision(case):
    text = case.get("dates", {}).get("final_decision")
    return datetime.date.fromisoformat(text) if text else None


@pytest.mark.parametrize("name", sorted(EXPECTED_TOTALS))
def test_example_remedy_agrees_with_the_seed(name):
    case = example(name)
    breakdown = calculate_remedy(case["remedy"], final_decision=final_decision(case))
    assert breakdown.total == EXPECTED_TOTALS[name]
    assert breakdown.total == Money(case["remedy"]["stated_total"])
    assert breakdown.audit == []
    assert breakdown.audit_ok


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_library_reads_and_evaluates_every_example(path):
    # The library's own case reader must accept what the schema accepts, and keep the unknown "notes" field.
    document = load(path)
    case = redress.Case.from_json(document)
    assert str(case.reference) == EXPECTED_FILES[path.name]
    assert json.loads(case.to_json())["notes"] == document["notes"]
    report = case.evaluate(datetime.date(2026, 1, 1))
    assert len(report.recommendations) == len(document.get("recommendations", []))


def test_only_the_cases_with_amounts_have_a_remedy():
    with_remedy = {p.name for p in case_files() if "remedy" in load(p)}
    assert with_remedy == set(EXPECTED_TOTALS)


def test_dorset_lost_provision_lines_match_section_3_1_3():
    # Seed 000 section 3.1.3: £4,800 for February to July and September to October 2020 (8 school months at £600,
    # August left out) and £1,500 for November 2020 to January 2021 (3 months at £500).
    case = example("dorset-21-002-722.json")
    breakdown = calculate_remedy(case["remedy"], final_decision=final_decision(case))
    lost = [line for line in breakdown.lines if line.kind == "lost_provision"]
    assert [(line.count, line.amount) for line in lost] == [(8, Money("4800")), (3, Money("1500"))]
    assert len(breakdown.lines) == 8


def test_cambridgeshire_statuses_follow_section_2_3():
    # Seed 003 section 2.3, in order: Complete, In progress, Complete, On track, then Complete for the rest (the
    # twelfth, "This paper completes this action", is recorded as complete).
    case = example("cambridgeshire-20-013-354.json")
    statuses = [r.get("status") for r in case["recommendations"]]
    assert statuses == ["complete", "in_progress", "complete", "on_track"] + ["complete"] * 8


def test_dorset_2019_has_five_personal_and_five_systemic_recommendations():
    # Seed 001 Minutes: "ten recommendations in total, five relating to the child ... a further five ... system
    # related".
    kinds = [r["kind"] for r in example("dorset-18-016-599.json")["recommendations"]]
    assert kinds == ["personal"] * 5 + ["service_improvement"] * 5


# The schema refuses what the format refuses.


def valid_case():
    return copy.deepcopy(example("dorset-21-002-722.json"))


def with_format(case):
    case["format"] = "redress.case/2"


def with_short_reference(case):
    case["reference"] = "21 002 72"


def with_mixed_separators(case):
    case["reference"] = "21 002-722"


def with_three_decimals(case):
    case["remedy"]["payments"][0]["amount"] = "1.005"


def with_three_decimals_as_number(case):
    case["remedy"]["stated_total"] = 1.005


def with_unknown_payment_kind(case):
    case["remedy"]["payments"][0]["kind"] = "compensation"


def with_unknown_recipient(case):
    case["remedy"]["payments"][0]["to"] = "mother"


def with_month_and_date(case):
    case["remedy"]["lost_provision"][0]["to"] = "2020-10-23"


def with_open_and_to(case):
    case["remedy"]["lost_provision"][0]["open"] = True


def with_unknown_fault(case):
    case["faults"].append("delay")


def with_bad_date(case):
    case["send"]["events"][0]["date"] = "26/07/2022"


def with_bad_status(case):
    case["recommendations"][0]["status"] = "done"


def without_reference(case):
    del case["reference"]


BAD = [
    with_format,
    with_short_reference,
    with_mixed_separators,
    with_three_decimals,
    with_three_decimals_as_number,
    with_unknown_payment_kind,
    with_unknown_recipient,
    with_month_and_date,
    with_open_and_to,
    with_unknown_fault,
    with_bad_date,
    with_bad_status,
    without_reference,
]


@pytest.mark.parametrize("spoil", BAD, ids=lambda f: f.__name__)
def test_schema_rejects_bad_cases(validator, spoil):
    case = valid_case()
    assert validator.is_valid(case)
    spoil(case)
    assert not validator.is_valid(case)


@pytest.mark.parametrize("reference", ["21 002 722", "21-002-722", "21002722"])
def test_schema_accepts_the_three_spellings_of_a_reference(validator, reference):
    case = valid_case()
    case["reference"] = reference
    assert validator.is_valid(case)


def test_schema_passes_unknown_fields_through(validator):
    case = valid_case()
    case["caseworker"] = "A N Other"
    case["remedy"]["payments"][0]["paid_on"] = "2022-08-01"
    case["dates"] = {"final_decision": "2022-06-16", "apology_sent": "2022-07-01"}
    assert validator.is_valid(case)


def test_schema_accepts_the_other_lost_provision_forms(validator):
    case = valid_case()
    case["remedy"]["lost_provision"] = [
        {"from": "2024-01-08", "to": "2024-07-19", "rate": "1600", "per": "term", "provision": "none"},
        {"length": {"terms": 2, "weeks": 1.5}, "rate": "1600", "per": "term"},
        {"from": "2024-09-02", "open": True, "rate": "1600", "per": "term", "head": "special_provision"},
    ]
    case["remedy"]["stated_total"] = 12319.5
    assert validator.is_valid(case)


def test_schema_allows_every_event_the_engine_knows(schema):
    # The format fixes some event names; the rule catalogue knows more (stage1_response_sent, report_considered,
    # ...). The schema must not refuse any of them.
    events = set()
    for rule in load(CATALOGUE)["rules"]:
        start = rule.get("start", {})
        events.update([start["event"]] if "event" in start else [])
        events.update(start.get("events", []))
        events.update(rule.get("met_by", []))
    names = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/event_name"})
    assert events
    assert [e for e in sorted(events) if not names.is_valid(e)] == []


def test_schema_vocabularies_match_the_library(schema):
    defs = schema["$defs"]
    assert set(defs["payment"]["properties"]["kind"]["enum"]) == {k.name for k in redress.PaymentKind}
    assert set(defs["recipient"]["enum"]) == {r.name for r in redress.Recipient}
    assert set(defs["rounding"]["enum"]) == {r.name for r in redress.Rounding}
    lost = defs["lost_provision"]["properties"]
    assert set(lost["per"]["enum"]) == {u.name for u in redress.RateUnit}
    assert set(lost["provision"]["enum"]) == {p.name for p in redress.Provision}
    assert set(lost["head"]["enum"]) == {h.name for h in redress.Head}


def test_cambridgeshire_s31_2_response_is_not_computable_not_overdue():
    # Issue 12 / issue 11 item 11. LGA 1974 s.31(2): the authority must consider the report and, within three
    # months beginning with its receipt, notify the Ombudsman of the action taken or proposed. Only the
    # notification (response_to_ombudsman) meets the deadline. The case records the report received on 6 April
    # 2022 (three months end 5 July 2022) and the committee's consideration on 5 July 2022 (report_considered),
    # but no notification (seed 003 says it was to be sent "at the end of June", with no day). So the s.31(2)
    # and s.31(2A) deadlines are not computable, naming the event to record, rather than overdue.
    case = redress.Case.from_json(json.dumps(example("cambridgeshire-20-013-354.json")))
    report = case.evaluate(datetime.date(2026, 11, 22))
    by_rule = {d.rule: d for d in report.deadlines}
    response = by_rule["lgo.response"]
    assert response.due == datetime.date(2022, 7, 5)
    assert response.status == redress.DeadlineStatus.not_computable
    assert "record response_to_ombudsman" in response.reason
    assert by_rule["lgo.further_response"].status == redress.DeadlineStatus.not_computable
    assert not [d for d in report.deadlines if d.status == redress.DeadlineStatus.overdue]
