"""The JSON Schema (docs/schema/case-1.json) and `redress check` (the case reader) agree (issue 11, item 8).

Every example case passes both. Every line of every bad-input file (tests/bad_inputs/, one kind of mistake a
file) is refused by both, except for the mistakes a schema cannot express, which are `check`'s alone: a misspelt
field name (the format keeps unknown fields, so "ammount" is valid JSON Schema), a period whose end is before its
start, and amounts that fit the pattern but overflow 64-bit pence. The schema's patterns are checked by hand
against dates, months and money forms the reader takes or refuses.
"""

import json
import pathlib
import re

import pytest

import redress

jsonschema = pytest.importorskip("jsonschema")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "schema" / "case-1.json").read_text(encoding="utf-8"))
BAD = ROOT / "tests" / "bad_inputs"
# Mistakes only `check` can see (see the module's docstring).
CHECK_ONLY = {"misspelt_field.jsonl", "reversed_periods.jsonl", "too_large_money.jsonl"}


@pytest.fixture(scope="module")
def validator():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def check_accepts(text: str) -> bool:
    """What `redress check` and the batch accept: the case reads, and its remedy and deadlines can be worked out
    (a sum of amounts that overflows 64-bit pence is found only then)."""
    try:
        redress.Case.from_json(text).evaluate("2026-11-22")
    except redress.Error:
        return False
    return True


def schema_accepts(validator, data: bytes) -> bool:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return validator.is_valid(document)


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "cases").glob("*.json")), ids=lambda p: p.name)
def test_every_example_passes_both(validator, path):
    data = path.read_bytes()
    assert schema_accepts(validator, data), list(validator.iter_errors(json.loads(data)))
    assert check_accepts(data.decode("utf-8"))


def bad_lines():
    for path in sorted(BAD.glob("*.jsonl")):
        for number, line in enumerate(path.read_bytes().split(b"\n")[:-1], start=1):
            yield pytest.param(path.name, line, id=f"{path.name}:{number}")


@pytest.mark.parametrize(("name", "line"), list(bad_lines()))
def test_every_bad_line_is_refused_by_check_and_by_the_schema_where_it_can(validator, name, line):
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    assert text is None or not text.strip() or not check_accepts(text), "check accepted a bad line"
    if name in CHECK_ONLY:
        return
    assert not schema_accepts(validator, line), "the schema accepted a line check refuses"


def test_the_schema_leaves_misspelt_names_to_check(validator):
    # Unknown fields pass through in the format, so the schema cannot tell "too" (for "to") from a field of one's
    # own; check reports it as a misspelling.
    case = {
        "format": "redress.case/1",
        "reference": "21 002 722",
        "remedy": {"payments": [{"kind": "distress", "amount": "750", "too": "child"}]},
    }
    assert validator.is_valid(case)
    assert not check_accepts(json.dumps(case))


DATE = re.compile(SCHEMA["$defs"]["date"]["pattern"])
MONEY = re.compile(SCHEMA["$defs"]["money"]["anyOf"][0]["pattern"])


@pytest.mark.parametrize(
    ("text", "exists"),
    [
        ("2024-02-29", True),  # 2024 is a leap year (divisible by 4)
        ("2000-02-29", True),  # divisible by 400
        ("1900-02-29", False),  # divisible by 100, not 400
        ("2023-02-29", False),
        ("2021-02-30", False),
        ("2021-04-31", False),  # April has 30 days
        ("2021-04-30", True),
        ("2021-12-31", True),
        ("2021-13-01", False),
        ("2021-06-00", False),
        ("26/07/2022", False),
    ],
)
def test_date_pattern_agrees_with_the_reader(text, exists):
    assert bool(DATE.match(text)) is exists
    assert (
        check_accepts(
            json.dumps({"format": "redress.case/1", "reference": "21 002 722", "dates": {"final_decision": text}})
        )
        is exists
    )


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("600", True),
        ("£300", True),
        ("£1,800.00", True),
        ("2907.69", True),
        ("1,80", False),
        ("1.005", False),
        ("-300", False),
        ("-£250", False),
        ("", False),
    ],
)
def test_money_pattern_agrees_with_the_reader(text, ok):
    assert bool(MONEY.match(text)) is ok
    case = {
        "format": "redress.case/1",
        "reference": "21 002 722",
        "remedy": {"payments": [{"kind": "distress", "amount": text}]},
    }
    assert check_accepts(json.dumps(case)) is ok


def test_a_case_needs_a_reference_or_an_id(validator):
    assert not validator.is_valid({"format": "redress.case/1"})
    assert validator.is_valid({"format": "redress.case/1", "id": "EHC-000123"})
    assert validator.is_valid(
        {"format": "redress.case/1", "reference": "21 002 722", "send": {"exceptions_apply": True}}
    )
