"""redress.read_cases, CaseCollection.to_frame and deadline_columns (python/redress/frames.py).

Expected values come from the seed council reports or from hand calculation, not from running the library:
- seed 000 (shared/seeds/000_7b9ba11ea232ea45.txt), Dorset Council 21 002 722: total £8,800 (section 5); section
  3.1.3's lost provision, £4,800 for 8 school months at £600 and £1,500 for 3 months at £500; the £750 of 3.1.5 is
  to the child.
- seed 002, Dudley MBC 17 016 386: £1,800 (kind "other") + £500 time and trouble = £2,300 (sections 13.1 and 18).
- seed 003, Cambridgeshire CC 20 013 354: stage 1 complaint 20 Aug 2020, final report received 6 Apr 2022. The
  s.31(2) three months beginning with receipt end on 5 Jul 2022, the further three months of s.31(2A) on 4 Oct
  2022; with no response to the Ombudsman recorded, both are overdue as of 22 Nov 2026 (days worked out below).
- seed 001/004, Dorset County Council 18 016 599: no amounts, no dates, ten recommendations.
"""

import datetime as dt
import json
import pathlib
import re

import pytest

import redress
from redress import Case, DeadlineStatus, Event, InvalidInputError, RuleCatalogue, deadline_columns, read_cases

pd = pytest.importorskip("pandas")

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
AS_OF = dt.date(2026, 11, 22)

DORSET = "21 002 722"
DUDLEY = "17 016 386"
CAMBRIDGESHIRE = "20 013 354"
DORSET_2019 = "18 016 599"

STATUS_NAMES = [s.name for s in DeadlineStatus]


def load(name):
    with (CASES / name).open(encoding="utf-8") as f:
        return json.load(f)


def spoiled(document):
    """The document with a seven-digit reference, which the format refuses."""
    return dict(document, reference="21 002 72")


@pytest.fixture(scope="module")
def seeds():
    return read_cases(CASES)


def by_reference(frame):
    return frame.set_index("reference")


# ---------------------------------------------------------------------------------------------------------
# read_cases: the four kinds of source
# ---------------------------------------------------------------------------------------------------------


def test_read_cases_from_the_examples_folder(seeds):
    # Every *.json in the folder, in file-name order: cambridgeshire, dorset-18, dorset-21, dudley.
    assert len(seeds) == 4
    assert seeds.errors == []
    assert [str(c.reference) for c in seeds] == [CAMBRIDGESHIRE, DORSET_2019, DORSET, DUDLEY]
    assert str(seeds[2].reference) == DORSET
    assert repr(seeds) == "<CaseCollection: 4 cases, 0 errors>"


@pytest.mark.parametrize("as_text", [False, True], ids=["path", "str"])
def test_read_cases_from_one_json_file(as_text):
    path = CASES / "dudley-17-016-386.json"
    cases = read_cases(str(path) if as_text else path)
    assert len(cases) == 1
    assert str(cases[0].reference) == DUDLEY
    assert cases[0].authority == "Dudley Metropolitan Borough Council"


def test_read_cases_from_a_jsonl_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    lines = [json.dumps(load("dorset-21-002-722.json")), "", json.dumps(load("dudley-17-016-386.json"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases = read_cases(path)
    assert [str(c.reference) for c in cases] == [DORSET, DUDLEY]  # the blank line is skipped
    assert cases.errors == []


def test_read_cases_from_an_iterable_of_dicts_strings_and_cases():
    items = [
        load("dorset-21-002-722.json"),
        json.dumps(load("dudley-17-016-386.json")),
        Case.from_json(load("cambridgeshire-20-013-354.json")),
    ]
    cases = read_cases(iter(items))  # any iterable, not only a list
    assert [str(c.reference) for c in cases] == [DORSET, DUDLEY, CAMBRIDGESHIRE]
    assert all(isinstance(c, Case) for c in cases)


# ---------------------------------------------------------------------------------------------------------
# read_cases: errors
# ---------------------------------------------------------------------------------------------------------


def test_errors_raise_names_the_jsonl_line(tmp_path):
    path = tmp_path / "cases.jsonl"
    good = load("dudley-17-016-386.json")
    path.write_text(json.dumps(good) + "\n" + json.dumps(spoiled(good)) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=rf"^{re.escape(str(path))}:2: .*reference") as caught:
        read_cases(path)
    assert isinstance(caught.value.__cause__, redress.Error)


def test_errors_raise_names_the_file_in_a_folder(tmp_path):
    (tmp_path / "a-good.json").write_text(json.dumps(load("dudley-17-016-386.json")), encoding="utf-8")
    bad = tmp_path / "b-bad.json"
    bad.write_text(json.dumps(spoiled(load("dudley-17-016-386.json"))), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=rf"^{re.escape(str(bad))}: "):
        read_cases(tmp_path)


def test_errors_raise_names_the_item_of_an_iterable():
    good = load("dudley-17-016-386.json")
    with pytest.raises(InvalidInputError, match=r"^item 2: .*reference"):
        read_cases([good, spoiled(good), good])


def test_errors_raise_keeps_the_structured_fields():
    # Package docstring: every error redress raises carries field, value and rule. Case.from_json on the spoiled
    # case gives field "reference" and value "21 002 72"; read_cases adds where the case was to the message but
    # should not lose them.
    good = load("dudley-17-016-386.json")
    with pytest.raises(InvalidInputError) as caught:
        read_cases([spoiled(good)])
    assert (caught.value.field, caught.value.value) == ("reference", "21 002 72")


def test_errors_collect_keeps_where_and_message(tmp_path):
    path = tmp_path / "cases.jsonl"
    good = load("dudley-17-016-386.json")
    lines = [json.dumps(good), json.dumps(spoiled(good)), "{not json", json.dumps(load("dorset-21-002-722.json"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases = read_cases(path, errors="collect")
    assert [str(c.reference) for c in cases] == [DUDLEY, DORSET]
    assert [where for where, _ in cases.errors] == [f"{path}:2", f"{path}:3"]
    assert "21 002 72" in cases.errors[0][1]
    assert "JSON" in cases.errors[1][1]
    assert repr(cases) == "<CaseCollection: 2 cases, 2 errors>"


def test_errors_collect_from_an_iterable():
    good = load("dudley-17-016-386.json")
    cases = read_cases([spoiled(good), good], errors="collect")
    assert len(cases) == 1
    assert [where for where, _ in cases.errors] == ["item 1"]


def test_unknown_errors_mode_is_invalid_input():
    with pytest.raises(InvalidInputError, match="errors"):
        read_cases([], errors="ignore")


# ---------------------------------------------------------------------------------------------------------
# to_frame
# ---------------------------------------------------------------------------------------------------------

CASE_COLUMNS = [
    "reference",
    "id",
    "authority",
    "outcome",
    "finding",
    "public_report",
    "faults",
    "first_aware",
    "complaint_to_council",
    "complaint_to_ombudsman",
    "final_decision",
    "report_received",
    "total_pence",
    "deadlines_overdue",
    "recommendations_overdue",
    "total",
]
LINE_COLUMNS = [
    "reference",
    "id",
    "authority",
    "path",
    "kind",
    "to",
    "amount_pence",
    "count",
    "unit",
    "rate_pence",
    "per",
    "provision",
    "head",
    "guidance",
    "within_band",
    "period",
    "explanation",
    "amount",
    "rate",
]
DEADLINE_COLUMNS = [
    "reference",
    "id",
    "authority",
    "rule",
    "title",
    "source",
    "start",
    "due",
    "met",
    "status",
    "days_late",
    "days_late_net",
    "exceptions",
    "evidence",
]
RECOMMENDATION_COLUMNS = ["reference", "id", "authority", "kind", "text", "status", "due", "overdue", "days_overdue"]


def assert_dtypes(frame, dates=(), ints=(), categories=(), floats=()):
    for column in dates:
        assert frame[column].dtype == "datetime64[ns]", column
    for column in ints:
        assert frame[column].dtype == pd.Int64Dtype(), column
    for column in categories:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
    for column in floats:
        assert frame[column].dtype == pd.Float64Dtype(), column


def test_cases_frame_columns_and_dtypes(seeds):
    frame = seeds.to_frame("cases", as_of=AS_OF)
    assert list(frame.columns) == CASE_COLUMNS
    assert len(frame) == 4
    assert_dtypes(
        frame,
        dates=["first_aware", "complaint_to_council", "complaint_to_ombudsman", "final_decision", "report_received"],
        ints=["total_pence", "deadlines_overdue", "recommendations_overdue"],
        categories=["authority", "outcome", "finding"],
        floats=["total"],
    )


def test_cases_frame_values_from_the_seeds(seeds):
    frame = by_reference(seeds.to_frame("cases", as_of=AS_OF))
    # Seed 000 section 5: £8,800; seed 002 section 18: £2,300; the other two state no amounts.
    assert frame.loc[DORSET, "total_pence"] == 880000
    assert frame.loc[DUDLEY, "total_pence"] == 230000
    assert frame.loc[CAMBRIDGESHIRE, "total_pence"] == 0
    assert frame.loc[DORSET_2019, "total_pence"] == 0
    assert frame.loc[DORSET, "total"] == 8800.0
    assert frame.loc[DUDLEY, "total"] == 2300.0
    # Seed 003 section 2.1: stage 1 complaint 20 Aug 2020, final report 6 Apr 2022.
    assert frame.loc[CAMBRIDGESHIRE, "complaint_to_council"] == pd.Timestamp("2020-08-20")
    assert frame.loc[CAMBRIDGESHIRE, "final_decision"] == pd.Timestamp("2022-04-06")
    assert frame.loc[CAMBRIDGESHIRE, "report_received"] == pd.Timestamp("2022-04-06")
    assert pd.isna(frame.loc[CAMBRIDGESHIRE, "first_aware"])
    assert frame.loc[[DORSET, DUDLEY, DORSET_2019], "final_decision"].isna().all()
    # s.31(2) and s.31(2A) for Cambridgeshire are not computable (the report's consideration is recorded, the
    # notification to the Ombudsman is not: issue 12); no report_received elsewhere: nothing is overdue.
    assert frame["deadlines_overdue"].to_dict() == {CAMBRIDGESHIRE: 0, DORSET_2019: 0, DORSET: 0, DUDLEY: 0}
    # The only recommendation with a computable due date (Cambridgeshire's consider_report) is complete.
    assert (frame["recommendations_overdue"] == 0).all()
    assert (frame["outcome"] == "upheld").all()
    assert (frame["finding"] == "fault_causing_injustice").all()  # "maladministration_and_injustice" read so
    assert frame.loc[DUDLEY, "faults"] == "assessment_delay, other"
    assert frame.loc[DORSET_2019, "faults"] == ""


def test_remedy_lines_frame_columns_and_dtypes(seeds):
    frame = seeds.to_frame("remedy_lines", as_of=AS_OF)
    assert list(frame.columns) == LINE_COLUMNS
    assert_dtypes(
        frame,
        ints=["amount_pence", "rate_pence"],
        categories=["authority", "kind", "to", "per", "provision", "head", "guidance"],
        floats=["amount", "rate"],
    )
    assert pd.api.types.is_float_dtype(frame["count"])  # counts may be fractional (weeks of a term)


def test_remedy_lines_frame_values_from_the_seeds(seeds):
    frame = seeds.to_frame("remedy_lines", as_of=AS_OF)
    # Seed 000: 2 lost provision lines + 6 payments; seed 002: 2 payments. The others have no remedy.
    assert frame["reference"].value_counts().to_dict() == {DORSET: 8, DUDLEY: 2}
    assert frame.groupby("reference")["amount_pence"].sum().to_dict() == {DORSET: 880000, DUDLEY: 230000}

    dorset = frame[frame["reference"] == DORSET]
    lost = dorset[dorset["kind"] == "lost_provision"]
    # Seed 000 section 3.1.3: £4,800 = 8 months at £600 (no provision), £1,500 = 3 months at £500 (partial).
    assert lost["amount_pence"].tolist() == [480000, 150000]
    assert lost["count"].tolist() == [8, 3]
    assert lost["rate_pence"].tolist() == [60000, 50000]
    assert lost["amount"].tolist() == [4800.0, 1500.0]
    assert lost["per"].astype(str).tolist() == ["month", "month"]
    assert lost["provision"].astype(str).tolist() == ["none", "partial"]
    assert lost["path"].tolist() == ["remedy.lost_provision[0]", "remedy.lost_provision[1]"]
    payments = dorset[dorset["kind"] != "lost_provision"]
    assert payments["amount_pence"].tolist() == [25000, 25000, 75000, 75000, 25000, 25000]  # 3.1.2, 3.1.4-3.1.8
    assert payments["rate_pence"].isna().all()
    assert payments["count"].isna().all()
    assert payments["to"].astype(str).tolist()[2:4] == ["child", "parent"]  # 3.1.5 to C, 3.1.6 for Ms B

    dudley = frame[frame["reference"] == DUDLEY]
    assert dudley["kind"].astype(str).tolist() == ["other", "time_and_trouble"]
    assert dudley["amount_pence"].tolist() == [180000, 50000]
    assert dudley["to"].astype(str).tolist() == ["parent", "parent"]


def test_deadlines_frame_columns_and_dtypes(seeds):
    frame = seeds.to_frame("deadlines", as_of=AS_OF)
    assert list(frame.columns) == DEADLINE_COLUMNS
    assert_dtypes(
        frame,
        dates=["start", "due", "met"],
        ints=["days_late", "days_late_net"],
        categories=["authority", "rule", "status", "evidence"],
    )
    # Every status is a category, in the enum's order, whether or not it occurs.
    assert list(frame["status"].cat.categories) == STATUS_NAMES


def test_deadlines_frame_values_from_the_seeds(seeds):
    frame = seeds.to_frame("deadlines", as_of=AS_OF)
    cambridgeshire = frame[frame["reference"] == CAMBRIDGESHIRE].set_index("rule")
    response = cambridgeshire.loc["lgo.response"]
    # Report received Wed 6 Apr 2022; three months beginning with that day end Tue 5 Jul 2022. The committee
    # considered it on 5 Jul 2022 but no notification to the Ombudsman is recorded, which is what s.31(2) needs:
    # not computable, no days late (issue 12).
    assert response["start"] == pd.Timestamp("2022-04-06")
    assert response["due"] == pd.Timestamp("2022-07-05")
    assert pd.isna(response["met"])
    assert response["status"] == "not_computable"
    assert pd.isna(response["days_late"])
    further = cambridgeshire.loc["lgo.further_response"]
    # s.31(2A)(c): three more months from the day after 5 Jul 2022 end 5 Oct 2022; not computable likewise.
    assert further["due"] == pd.Timestamp("2022-10-05")
    assert further["status"] == "not_computable"
    # No report_received in the other three seeds: the response is not computable, never guessed.
    others = frame[(frame["reference"] != CAMBRIDGESHIRE) & (frame["rule"] == "lgo.response")]
    assert sorted(others["reference"]) == sorted([DORSET_2019, DORSET, DUDLEY])
    assert (others["status"] == "not_computable").all()
    assert others["due"].isna().all()
    assert others["days_late"].isna().all()


def test_recommendations_frame(seeds):
    frame = seeds.to_frame("recommendations", as_of=AS_OF)
    assert list(frame.columns) == RECOMMENDATION_COLUMNS
    assert_dtypes(frame, dates=["due"], ints=["days_overdue"], categories=["authority", "kind", "status"])
    # Twelve (seed 003 section 2.3), ten (seed 001), twelve (seed 000: eight personal, four service improvements),
    # three (seed 002 section 13).
    counts = frame["reference"].value_counts().to_dict()
    assert counts == {CAMBRIDGESHIRE: 12, DORSET_2019: 10, DORSET: 12, DUDLEY: 3}
    cambridgeshire = frame[frame["reference"] == CAMBRIDGESHIRE]
    statuses = cambridgeshire["status"].astype(str).tolist()
    assert statuses == ["complete", "in_progress", "complete", "on_track"] + ["complete"] * 8
    last = cambridgeshire.iloc[-1]
    # "within three months" of the final decision, 6 Apr 2022: the corresponding date, 6 Jul 2022. Complete.
    assert last["kind"] == "consider_report"
    assert last["due"] == pd.Timestamp("2022-07-06")
    assert not last["overdue"]
    assert pd.isna(last["days_overdue"])
    # Seed 000 gives no final decision date, so "1 month" and "3 months" have nothing to count from.
    assert frame.loc[frame["reference"] == DORSET, "due"].isna().all()


def test_to_frame_defaults_to_cases(seeds):
    assert list(seeds.to_frame(as_of=AS_OF).columns) == CASE_COLUMNS


@pytest.mark.parametrize(
    ("kind", "columns"),
    [
        ("cases", CASE_COLUMNS),
        ("remedy_lines", LINE_COLUMNS),
        ("deadlines", DEADLINE_COLUMNS),
        ("recommendations", RECOMMENDATION_COLUMNS),
    ],
)
def test_an_empty_collection_gives_empty_frames_with_the_columns(kind, columns):
    frame = read_cases([]).to_frame(kind, as_of=AS_OF)
    assert list(frame.columns) == columns
    assert len(frame) == 0


@pytest.mark.parametrize("kind", ["case", "timeline", "remedy", ""])
def test_unknown_kind_is_invalid_input(seeds, kind):
    with pytest.raises(InvalidInputError, match="kind"):
        seeds.to_frame(kind)


# ---------------------------------------------------------------------------------------------------------
# deadline_columns
# ---------------------------------------------------------------------------------------------------------

COLUMNS_AS_OF = dt.date(2025, 3, 3)

# reg 13(2): the final EHC plan within 20 weeks (140 days) of the request, no roll to a working day.
# a: Mon 9 Sep 2024 + 140 = Mon 27 Jan 2025 (21 to 30 Sep, 31, 30, 31, 27); issued 10 Feb: 4 + 10 = 14 days late.
# b: the same request, issued on the last day: on time.
# c: Tue 1 Oct 2024 + 140 = Tue 18 Feb 2025 (30, 30, 31, 31, 18); not issued by Mon 3 Mar: 10 + 3 = 13 days late.
# d: Mon 2 Dec 2024 + 140 = Mon 21 Apr 2025 (29, 31, 28, 31, 21); not issued, not yet due on 3 Mar: pending.
# e: no request date: not computable, and no number of days late.
REQUESTS = {
    "a": ("2024-09-09", "2025-02-10", "2025-01-27", "met_late", 14),
    "b": ("2024-09-09", "2025-01-27", "2025-01-27", "met_on_time", 0),
    "c": ("2024-10-01", None, "2025-02-18", "overdue", 13),
    "d": ("2024-12-02", None, "2025-04-21", "pending", 0),
    "e": (None, "2025-01-10", None, "not_computable", None),
}


@pytest.fixture
def requests_frame():
    return pd.DataFrame(
        {
            "authority": "Example Council",
            "requested": pd.to_datetime([r[0] for r in REQUESTS.values()]),
            "issued": pd.to_datetime([r[1] for r in REQUESTS.values()]),
        },
        index=list(REQUESTS),
    )


def test_deadline_columns_hand_worked(requests_frame):
    out = deadline_columns(requests_frame, "ehc.final_plan", "requested", "issued", as_of=COLUMNS_AS_OF)
    assert list(out.columns) == ["due", "status", "days_late"]
    assert out.index.equals(requests_frame.index)
    assert out["due"].dtype == "datetime64[ns]"
    assert isinstance(out["status"].dtype, pd.CategoricalDtype)
    assert list(out["status"].cat.categories) == [*STATUS_NAMES, "data_error"]
    assert out["days_late"].dtype == pd.Int64Dtype()
    for key, (_, _, due, status, late) in REQUESTS.items():
        row = out.loc[key]
        if due is None:
            assert pd.isna(row["due"]), key
        else:
            assert row["due"] == pd.Timestamp(due), key
        assert row["status"] == status, key
        if late is None:
            assert pd.isna(row["days_late"]), key
        else:
            assert row["days_late"] == late, key
    joined = requests_frame.join(out)
    assert joined.loc["a", "status"] == "met_late"


def test_deadline_columns_agree_with_evaluate_deadlines(requests_frame):
    out = deadline_columns(requests_frame, "ehc.final_plan", "requested", "issued", as_of=COLUMNS_AS_OF)
    for key, (requested, issued, *_) in REQUESTS.items():
        events = [Event("ehc_request_received", dt.date.fromisoformat(requested))] if requested else []
        events += [Event("final_plan_issued", dt.date.fromisoformat(issued))] if issued else []
        [d] = [d for d in redress.evaluate_deadlines(events, as_of=COLUMNS_AS_OF) if d.rule == "ehc.final_plan"]
        row = out.loc[key]
        assert (None if pd.isna(row["due"]) else row["due"].date()) == d.due, key
        assert row["status"] == d.status.name, key
        if d.status == DeadlineStatus.not_computable:
            assert pd.isna(row["days_late"]), key
            assert d.days_late is None, key
        else:
            # The same in both: 0 when not late (on time, pending).
            assert row["days_late"] == d.days_late, key


def test_deadline_columns_with_a_rule_and_no_met_column(requests_frame):
    rule = RuleCatalogue.standard().rule("ehc.final_plan")
    out = deadline_columns(requests_frame, rule, "requested", as_of=COLUMNS_AS_OF)
    # Without the issue dates nothing is met: a and b (due 27 Jan) and c (due 18 Feb) are overdue on 3 Mar.
    # 27 Jan -> 3 Mar: 4 + 28 + 3 = 35 days.
    assert out["status"].astype(str).to_dict() == {
        "a": "overdue",
        "b": "overdue",
        "c": "overdue",
        "d": "pending",
        "e": "not_computable",
    }
    assert out.loc["a", "days_late"] == 35
    assert out.loc["c", "days_late"] == 13
