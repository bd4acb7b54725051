"""The compliance ledger from Python: redress.case_ledger, redress.ledger (pandas), council names, `redress ledger`.

Expected values are hand calculations: a "1 month" recommendation from a final decision of 16 June 2022 is due
16 July 2022 (corresponding date), "3 months" on 16 September 2022; s.31(2) of the Local Government Act 1974
gives three months beginning with the day the report was received. The Dorset Council 21 002 722 amounts are
the seed report's (Dorset Council Cabinet, 26 July 2022, sections 3.1.2 to 3.1.8 and 5): £4,800 + £1,500 lost
provision, £250 + £250 lost opportunity, £750 + £750 distress, £250 time and trouble, £250 complaint handling,
£8,800 in all. Reorganisation dates are the structural changes orders' (data/SOURCES.md).
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

import redress
from redress.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
HISTORY = CASES / "history-dorset.jsonl"


def load(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def dorset(**dates: str) -> redress.Case:
    doc = load("dorset-21-002-722.json")
    doc["dates"] = dates
    return redress.Case.from_json(doc)


def test_case_ledger_due_dates_and_verdicts():
    case = dorset(final_decision="2022-06-16", report_received="2022-06-16")
    ledger = redress.case_ledger(case, dt.date(2022, 10, 1))
    entries = ledger.recommendations
    assert len(entries) == 12
    assert entries[0].due == dt.date(2022, 7, 16)
    assert entries[0].base_field == "dates.final_decision"
    # Complete with no completion date: neither on time nor late can be said.
    assert entries[0].verdict == redress.Verdict.complete_undated
    assert entries[0].describe() == "complete, date not stated"
    # The four service improvements: "3 months", no status: due 16 September, overdue by 15 days on 1 October.
    assert entries[8].due == dt.date(2022, 9, 16)
    assert entries[8].describe() == "overdue by 15 days"
    assert ledger.missing_dates == []
    response = next(d for d in ledger.duties if d.rule == "lgo.response")
    assert response.due == dt.date(2022, 9, 15)
    assert response.source == "Local Government Act 1974, s.31(2)"


def test_case_ledger_without_dates_says_what_is_missing():
    ledger = redress.case_ledger(redress.Case.from_json(load("dorset-21-002-722.json")), dt.date(2022, 7, 26))
    assert ledger.missing_dates == ["dates.final_decision", "dates.report_received"]
    assert all(e.due is None for e in ledger.recommendations)
    assert "dates.final_decision" in ledger.recommendations[8].reason
    assert ledger.recommendations[8].verdict == redress.Verdict.no_due_date


def test_ledger_frame_one_row_per_recommendation():
    pytest.importorskip("pandas")
    frame = redress.ledger([dorset(final_decision="2022-06-16")], as_of=dt.date(2022, 10, 1))
    assert len(frame) == 12
    assert str(frame["due"].dtype) == "datetime64[ns]"
    assert str(frame["days"].dtype) == "Int64"
    assert frame["due"].iloc[0].date() == dt.date(2022, 7, 16)
    assert list(frame["verdict"].iloc[8:]) == ["overdue"] * 4
    assert list(frame["canonical_authority"].unique()) == ["Dorset"]


def test_ledger_years_across_the_reorganisation():
    pytest.importorskip("pandas")
    cases = [*redress.read_cases(HISTORY), dorset(final_decision="2022-06-16")]
    years = redress.ledger(cases, as_of=dt.date(2022, 10, 1), kind="years", authority="Dorset Council")
    # The illustrative 2019 case against Dorset County Council: due 14 March (apology on 8 March, on time;
    # payment on 20 March, late) and 14 May 2019 (service improvement on 28 June, late): 1 of 3 on time.
    row2019 = years[years["year"] == 2019].iloc[0]
    assert row2019["authority"] == "Dorset"
    assert (row2019["on_time"], row2019["late"], row2019["outstanding"]) == (1, 2, 0)
    assert row2019["compliance_rate"] == pytest.approx(100 / 3)
    row2022 = years[years["year"] == 2022].iloc[0]
    # 2022: eight personal remedies complete without dates, four service improvements overdue.
    assert (row2022["recommendations"], row2022["complete_undated"], row2022["outstanding"]) == (12, 8, 4)
    assert row2022["compliance_rate"] == 0.0
    # 18 016 599's ten recommendations have no time limits: the undated row.
    undated = years[years["year"].isna()].iloc[0]
    assert undated["recommendations"] == 10


def test_ledger_remedy_totals_by_kind():
    pytest.importorskip("pandas")
    remedy = redress.ledger([dorset(final_decision="2022-06-16")], kind="remedy", as_of=dt.date(2022, 10, 1))
    totals = dict(zip(remedy["kind"], remedy["amount_pence"]))
    assert totals == {
        "complaint_handling": 25000,
        "distress": 150000,
        "lost_opportunity": 50000,
        "lost_provision": 630000,
        "time_and_trouble": 25000,
    }
    assert remedy["amount_pence"].sum() == 880000
    assert set(remedy["year"]) == {2022}


def test_case_collection_ledger_is_redress_ledger():
    pd = pytest.importorskip("pandas")
    cases = redress.read_cases(CASES)
    day = dt.date(2022, 7, 26)
    for kind in ("recommendations", "years", "remedy"):
        pd.testing.assert_frame_equal(cases.ledger(kind, as_of=day), redress.ledger(cases, kind=kind, as_of=day))
    # The four example cases hold 12 + 10 + 12 + 3 recommendations (Cambridgeshire 20 013 354, Dorset 18 016 599
    # and 21 002 722, Dudley 17 016 386); Dorset's two cases are one authority's, before and after 2019.
    assert len(cases.ledger(as_of=day)) == 37
    dorset_rows = cases.ledger(as_of=day, authority="Dorset Council")
    assert len(dorset_rows) == 22
    assert set(dorset_rows["authority"]) == {"Dorset County Council", "Dorset Council"}
    # Remedy totals: Dorset Council 21 002 722's £8,800 (lines listed in this module's docstring) and Dudley
    # 17 016 386's £1,800 + £500 = £2,300; the other two cases state no amounts.
    assert cases.ledger("remedy", as_of=day)["amount_pence"].sum() == 880000 + 230000


def test_ledger_rejects_an_unknown_kind():
    with pytest.raises(redress.InvalidInputError, match="kind"):
        redress.ledger([], kind="sideways")


def test_council_names_and_successions():
    assert redress.authority_short_name("Dudley MBC") == "Dudley"
    assert redress.authority_short_name("Dudley Metropolitan Borough Council") == "Dudley"
    assert redress.canonical_authority("Poole Borough Council", dt.date(2019, 3, 31)) == "Poole"
    assert redress.canonical_authority("Poole Borough Council", dt.date(2019, 4, 1)) == (
        "Bournemouth, Christchurch and Poole"
    )
    assert redress.canonical_authority("Dorset County Council") == "Dorset"
    assert redress.same_authority("Northamptonshire County Council", "North Northamptonshire Council")
    assert not redress.same_authority("North Northamptonshire Council", "West Northamptonshire Council")
    assert redress.authority_lineage("Westmorland and Furness Council") == ["Westmorland and Furness", "Cumbria"]
    table = {(s.predecessor, s.successor): s.date for s in redress.authority_successions()}
    assert table[("Buckinghamshire County Council", "Buckinghamshire Council")] == dt.date(2020, 4, 1)
    assert table[("Somerset County Council", "Somerset Council")] == dt.date(2023, 4, 1)
    with pytest.raises(redress.InvalidInputError):
        redress.authority_short_name("")


def test_cli_ledger_prints_the_table_and_writes_csv(tmp_path, capsys):
    out = tmp_path / "ledger.csv"
    code = main(
        [
            "ledger",
            str(HISTORY),
            str(CASES / "dorset-21-002-722.json"),
            "--authority",
            "Dorset Council",
            "--as-of",
            "2022-07-26",
            "--csv",
            str(out),
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "Compliance ledger as of 2022-07-26: 3 cases" in text
    assert "Dorset" in text
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("reference,authority,canonical_authority,path")
    assert len(lines) == 1 + 10 + 3 + 12  # header, 18 016 599, the illustrative case, 21 002 722


def test_cli_ledger_bad_date_is_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["ledger", str(HISTORY), "--as-of", "2022-02-30"])
    assert exit_info.value.code == 2
