"""Regression tests for the configuration documents a user hands redress (rule catalogues, complaint procedures,
guidance, school calendars, table maps, holiday changes): what the config fuzz target (tests/fuzz/fuzz_config.cpp)
and hand-written hostile input found, each failing on the code before the fix. Before, each document here was
read without complaint (and a later evaluation crashed or threw a non-redress error), or the loader itself threw
nlohmann::json's own error, which reached Python as a bare RuntimeError. The limits are those docs/limits.md
states.
"""

import copy
import datetime as dt
import json

import pytest

import redress
from redress import Calendar, Guidance, InvalidInputError, OutOfRangeError, RuleCatalogue, SchoolCalendar, TableMap


def _catalogue(**changes):
    rule = {
        "id": "r0",
        "title": "rule 0",
        "source": {"instrument": "test", "provision": "s.0"},
        "evidence": "verified",
        "start": {"event": "ehc_request_received"},
        "length": 6,
        "unit": "weeks",
        "met_by": ["final_plan_issued"],
    }
    for key, value in changes.items():
        if value is None:
            rule.pop(key, None)
        else:
            rule[key] = value
    return {"format": "redress.rules/1", "rules": [rule]}


def test_implied_by_without_met_by_is_refused_when_read():
    # Found by the fuzzer: evaluating such a rule read the first item of its empty met_by (a crash under ASan).
    with pytest.raises(InvalidInputError, match="no met_by") as e:
        RuleCatalogue.from_json(_catalogue(met_by=None, implied_by=["advice_requested"]))
    assert e.value.field == "rules[0].implied_by"


def test_a_misspelt_field_of_a_rule_is_refused():
    # "metWby" read as an unknown field left the rule with nothing that meets it.
    with pytest.raises(InvalidInputError, match='did you mean "met_by"') as e:
        RuleCatalogue.from_json(_catalogue(met_by=None, metWby=["final_plan_issued"]))
    assert e.value.field == "rules[0].metWby"


@pytest.mark.parametrize("flag", ["report_missing_start", "met_any_time"])
def test_a_rule_flag_that_is_not_true_or_false_is_invalid_input(flag):
    with pytest.raises(InvalidInputError, match="must be true or false") as e:
        RuleCatalogue.from_json(_catalogue(**{flag: "yes"}))
    assert (e.value.field, e.value.value) == (f"rules[0].{flag}", "yes")


@pytest.mark.parametrize(
    ("month", "day", "field"),
    [(13, 1, "month"), (2, 30, "day"), (2, 29, "day"), (4, 31, "day")],
)
def test_a_fixed_date_some_year_lacks_is_refused_when_read(month, day, field):
    # Before: read, then evaluating it threw Boost's bad_month / bad_day_of_month out of the library.
    with pytest.raises(InvalidInputError) as e:
        RuleCatalogue.from_json(_catalogue(fixed={"month": month, "day": day}))
    assert e.value.field == f"rules[0].fixed.{field}"


def test_a_fixed_date_every_year_has_is_due_that_day():
    c = RuleCatalogue.from_json(_catalogue(fixed={"month": 2, "day": 28}, length=None))
    ds = redress.evaluate_deadlines(
        [{"event": "ehc_request_received", "date": dt.date(2024, 1, 10)}], as_of=dt.date(2024, 1, 11), catalogue=c
    )
    assert {d.rule: d.due for d in ds}["r0"] == dt.date(2024, 2, 28)


@pytest.mark.parametrize("n", [4294967302, 2147483648, -2147483649])
def test_a_length_beyond_an_int_is_out_of_range_not_wrapped(n):
    # 2**32 + 6 was read as 6 weeks; 2**31 as -2**31 (a period before the event).
    with pytest.raises(OutOfRangeError, match="-2147483648 to 2147483647") as e:
        RuleCatalogue.from_json(_catalogue(length=n))
    assert (e.value.field, e.value.value) == ("rules[0].length", str(n))


def test_a_procedure_timescale_beyond_an_int_is_out_of_range():
    # 2**32 + 20 days was read as 20.
    table = {
        "format": "redress.complaint_procedures/1",
        "procedures": [{"authority": "Example Council", "stage1_response_days": 4294967316}],
    }
    with pytest.raises(OutOfRangeError) as e:
        redress.complaint_procedures_from_json(table)
    assert e.value.field == "procedures[0].stage1_response_days"


def test_a_start_offset_is_at_most_a_year_and_never_passes_9999():
    doc = _catalogue(fixed={"month": 12, "day": 31})
    r1 = copy.deepcopy(doc["rules"][0])
    r1.update({"id": "r1", "start": {"rule": "r0"}, "start_offset_days": 1, "length": 5, "unit": "days"})
    del r1["fixed"]
    doc["rules"].append(r1)
    c = RuleCatalogue.from_json(doc)
    # From an event in 9999, r0 is due 31 Dec 9999 and r1's day 1 would be 1 Jan 10000: before, Boost's bad_year
    # escaped; now r1 has no start. From 2024: r0 due 31 Dec 2024, r1 starts 1 Jan 2025.
    late = redress.evaluate_deadlines(
        [{"event": "ehc_request_received", "date": dt.date(9999, 6, 1)}], as_of=dt.date(9999, 6, 2), catalogue=c
    )
    assert "r1" not in {d.rule for d in late}
    ds = redress.evaluate_deadlines(
        [{"event": "ehc_request_received", "date": dt.date(2024, 6, 1)}], as_of=dt.date(2024, 6, 2), catalogue=c
    )
    assert {d.rule: d.start for d in ds}["r1"] == dt.date(2025, 1, 1)
    doc["rules"][1]["start_offset_days"] = 2147483647
    with pytest.raises(OutOfRangeError) as e:
        RuleCatalogue.from_json(doc)
    assert e.value.field == "rules[1].start_offset_days"


def test_dates_out_of_order_in_a_catalogue_or_guidance_are_refused():
    # Each made a rule, a window or a guidance version that could never apply, without a word.
    with pytest.raises(InvalidInputError, match="would never apply") as e:
        RuleCatalogue.from_json(_catalogue(in_force={"from": "2030-01-01", "to": "2000-01-01"}))
    assert (e.value.field, e.value.value) == ("rules[0].in_force.to", "2000-01-01")
    doc = _catalogue()
    doc["windows"] = [{"id": "w", "from": "2020-09-25", "to": "2020-05-01"}]
    with pytest.raises(InvalidInputError) as e:
        RuleCatalogue.from_json(doc)
    assert e.value.field == "windows[0].to"
    g = {"format": "redress.guidance/1", "versions": [{"id": "g", "unit": "month", "from": "2030-01-01"}]}
    g["versions"][0].update({"to": "2000-01-01", "bands": {}})
    with pytest.raises(InvalidInputError, match="apply to no decision") as e:
        Guidance.from_json(g)
    assert e.value.field == "versions[0].to"


def test_two_rules_with_one_id_are_refused():
    doc = _catalogue()
    doc["rules"].append(copy.deepcopy(doc["rules"][0]))
    with pytest.raises(InvalidInputError) as e:
        RuleCatalogue.from_json(doc)
    assert (e.value.field, e.value.value) == ("rules[1].id", "r0")


def _guidance(band, *more):
    return {"format": "redress.guidance/1", "versions": [{"id": "g", "unit": "month", "bands": {"none": band}}, *more]}


def test_a_guidance_confirmed_flag_that_is_not_true_or_false_is_invalid_input():
    with pytest.raises(InvalidInputError, match="must be true or false") as e:
        Guidance.from_json(_guidance({"min": "200", "max": "600", "min_confirmed": "yes"}))
    assert e.value.field == "versions[0].bands.none.min_confirmed"


def test_a_negative_or_upside_down_guidance_band_is_refused():
    with pytest.raises(InvalidInputError, match="must not be negative") as e:
        Guidance.from_json(_guidance({"min": "-100", "max": "-50"}))
    assert (e.value.field, e.value.value) == ("versions[0].bands.none.min", "-100.00")
    with pytest.raises(InvalidInputError, match=r"below the band's min 900\.00") as e:
        Guidance.from_json(_guidance({"min": "900", "max": "100"}))
    assert e.value.field == "versions[0].bands.none.max"
    # £0 to £0 is a band.
    assert Guidance.from_json(_guidance({"min": "0", "max": "0"})).version("g").id == "g"


def test_two_guidance_versions_with_one_id_are_refused():
    with pytest.raises(InvalidInputError) as e:
        Guidance.from_json(_guidance({"min": "1", "max": "2"}, {"id": "g", "unit": "term", "bands": {}}))
    assert (e.value.field, e.value.value) == ("versions[1].id", "g")


def _deep(n):
    return "[" * n + "]" * n


LOADERS = [
    ("rule catalogue", lambda x: RuleCatalogue.from_json('{"format": "redress.rules/1", "rules": ' + x + "}")),
    (
        "complaint procedures",
        lambda x: redress.complaint_procedures_from_json(
            '{"format": "redress.complaint_procedures/1", "procedures": ' + x + "}"
        ),
    ),
    ("guidance", lambda x: Guidance.from_json('{"format": "redress.guidance/1", "notes": ' + x + "}")),
    (
        "school calendar",
        lambda x: SchoolCalendar.from_json('{"format": "redress.school_calendar/1", "name": "x", "source": ' + x + "}"),
    ),
    ("map", lambda x: TableMap.from_json('{"format": "redress.table-map/1", "columns": {"a": ' + x + "}}")),
    ("holidays", lambda x: Calendar.england_and_wales().merged('{"format": "redress.holidays/1", "notes": ' + x + "}")),
]


@pytest.mark.parametrize(("what", "load"), LOADERS, ids=[w for w, _ in LOADERS])
def test_configuration_documents_nest_at_most_64_levels(what, load):
    # 30,000 nested arrays in a table map's column overflowed the stack (a segmentation fault).
    with pytest.raises(InvalidInputError, match="deeper than 64 levels") as e:
        load(_deep(30000))
    assert e.value.field == what


@pytest.mark.parametrize(("what", "load"), LOADERS, ids=[w for w, _ in LOADERS])
def test_a_configuration_number_beyond_a_double_is_out_of_range(what, load):
    # 1e400 made nlohmann::json throw its own out_of_range: a RuntimeError, not a redress error.
    with pytest.raises(OutOfRangeError, match="beyond the range of a double") as e:
        load("[1e400]")
    assert e.value.field == what


def test_a_table_map_nested_64_levels_is_read():
    # 64 levels, the map object included; brackets inside strings do not count.
    head = '{"format": "redress.table-map/1", "title": "[[[[{{{{", "notes": '
    TableMap.from_json(head + _deep(63) + "}")
    with pytest.raises(InvalidInputError):
        TableMap.from_json(head + _deep(64) + "}")
    assert json.loads(head + _deep(63) + "}")["title"] == "[[[[{{{{"
