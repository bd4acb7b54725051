"""Notebook display (redress/display.py: _repr_html_ on Case, RemedyBreakdown, CaseReport) and the matplotlib plots
(redress/plot.py: case_timeline, authority_view), rendered with the Agg backend to PNG files, no display needed.

Expected figures come from the seeds or by hand: seed 000 (Dorset Council 21 002 722) totals £8,800, of which
£6,300 lost provision (section 3.1.3), £1,500 distress (3.1.5, 3.1.6), £500 lost opportunity (3.1.2, 3.1.4), £250
time and trouble (3.1.7) and £250 complaint handling (3.1.8); seed 002 (Dudley MBC 17 016 386) £1,800 "other" and
£500 time and trouble. Seed 003 (Cambridgeshire 20 013 354): the s.31(2) response was due 5 Jul 2022, 1601 days
before 22 Nov 2026 (worked out in test_frames.py).
"""

import datetime as dt
import pathlib

import pytest

import redress
import redress.plot
from redress import Case, InvalidInputError, RuleCatalogue

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")  # before pyplot is imported: render to files, never to a display
plt = pytest.importorskip("matplotlib.pyplot")
mcolors = pytest.importorskip("matplotlib.colors")
mdates = pytest.importorskip("matplotlib.dates")
pd = pytest.importorskip("pandas")

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
AS_OF = dt.date(2026, 11, 22)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The format's illustrative case (a made-up case with every kind of field).
ILLUSTRATIVE = {
    "format": "redress.case/1",
    "reference": "24 000 001",
    "authority": "Example Council",
    "category": "special-educational-needs",
    "outcome": "upheld",
    "finding": "fault_causing_injustice",
    "public_report": True,
    "faults": ["assessment_delay", "alternative_provision", "complaint_handling", "communication"],
    "dates": {
        "first_aware": "2020-02-03",
        "complaint_to_council": "2020-08-20",
        "complaint_to_ombudsman": "2021-05-10",
        "final_decision": "2022-06-16",
        "report_received": "2022-06-16",
    },
    "remedy": {
        "guidance": "auto",
        "school_calendar": "default",
        "rounding": "pound",
        "lost_provision": [
            {"from": "2020-02", "to": "2020-07", "rate": "600", "per": "month", "provision": "none"},
            {"from": "2020-09", "to": "2020-10", "rate": "600", "per": "month", "provision": "none"},
            {"from": "2020-11", "to": "2021-01", "rate": "500", "per": "month", "provision": "partial"},
            {"from": "2024-01-08", "to": "2024-07-19", "rate": "1600", "per": "term", "provision": "none"},
            {"length": {"weeks": 3}, "rate": "1600", "per": "term", "provision": "none", "note": "referral delay"},
        ],
        "payments": [
            {"kind": "lost_opportunity", "amount": "250", "to": "parent", "for": "comment on the draft plan"},
            {"kind": "distress", "amount": "750", "to": "child"},
            {"kind": "time_and_trouble", "amount": "250", "to": "parent"},
            {"kind": "reimbursement", "amount": "1200", "to": "parent", "for": "private EP report"},
        ],
        "stated_total": "12319",
    },
    "recommendations": [
        {"kind": "apology", "due": "1 month", "status": "complete", "completed": "2022-07-01"},
        {"kind": "payment", "due": "1 month", "status": "complete"},
        {
            "kind": "service_improvement",
            "text": "track annual and transfer reviews",
            "due": "3 months",
            "status": "in_progress",
        },
    ],
    "send": {
        "events": [
            {"event": "ehc_request_received", "date": "2019-10-01"},
            {"event": "final_plan_issued", "date": "2021-02-15"},
        ],
        "exceptions": [{"type": "absent_from_area", "from": "2019-12-01", "to": "2020-01-10"}],
    },
}

# Text that must be escaped wherever it is shown.
AWKWARD = {
    "format": "redress.case/1",
    "reference": "24 000 002",
    "authority": "A & B <Council>",
    "dates": {"final_decision": "2022-06-16"},
    "remedy": {"payments": [{"kind": "reimbursement", "amount": "1200", "for": "books & <tuition>"}]},
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seeds():
    return {str(c.reference): c for c in redress.read_cases(CASES)}


def assert_png(ax, path):
    ax.figure.savefig(path, format="png")
    assert path.is_file()
    assert path.stat().st_size > 0
    assert path.read_bytes()[:8] == PNG_SIGNATURE


# ---------------------------------------------------------------------------------------------------------
# _repr_html_
# ---------------------------------------------------------------------------------------------------------


def test_case_html_is_a_table_and_escapes_text():
    html = Case.from_json(AWKWARD)._repr_html_()
    assert html.startswith("<table>")
    assert "A &amp; B &lt;Council&gt;" in html
    assert "<Council>" not in html
    assert "A & B" not in html
    assert "24 000 002" in html
    assert "2022-06-16" in html  # dates.final_decision


def test_case_html_of_a_seed(seeds):
    html = seeds["20 013 354"]._repr_html_()
    assert "<table>" in html
    assert "Cambridgeshire County Council" in html
    assert "2020-08-20" in html  # seed 003 section 2.1, the stage 1 complaint


def test_breakdown_html_shows_the_dorset_total(seeds):
    breakdown = seeds["21 002 722"].evaluate(AS_OF).remedy
    html = breakdown._repr_html_()
    assert "<table>" in html
    assert "Total £8,800.00" in html  # seed 000 section 5
    assert "£4,800.00" in html
    assert "£1,500.00" in html  # seed 000 section 3.1.3
    # One header row and the eight lines; no audit table, as the stated amounts agree.
    assert html.count("<tr>") == 1 + 8


def test_breakdown_html_escapes_text():
    html = Case.from_json(AWKWARD).evaluate(AS_OF).remedy._repr_html_()
    assert "Total £1,200.00" in html
    assert "books &amp; &lt;tuition&gt;" in html
    assert "<tuition>" not in html


def test_report_html_lists_deadlines_and_recommendations(seeds):
    html = seeds["20 013 354"].evaluate(AS_OF)._repr_html_()
    assert "<table>" in html
    assert "Deadlines" in html
    # s.31(2): considered but no notification recorded: not computable rather than overdue (issue 12).
    assert "<td>2022-07-05</td><td>not_computable</td>" in html
    assert "Recommendations" in html
    assert "consider_report" in html
    assert "2022-07-06" in html  # three months from the final decision of 6 Apr 2022
    assert "Remedy" not in html  # seed 003 states no amounts


def test_report_html_escapes_text():
    html = Case.from_json(AWKWARD).evaluate(AS_OF)._repr_html_()
    assert "<table>" in html
    assert "Total £1,200.00" in html
    assert "books &amp; &lt;tuition&gt;" in html
    assert "<tuition>" not in html


# ---------------------------------------------------------------------------------------------------------
# Plots
# ---------------------------------------------------------------------------------------------------------


def test_the_backend_is_agg():
    assert matplotlib.get_backend().lower() == "agg"


def test_case_timeline_of_the_illustrative_case(tmp_path):
    ax = redress.plot.case_timeline(Case.from_json(ILLUSTRATIVE), as_of=AS_OF)
    assert ax.get_title() == "24 000 001 Example Council: timeline as of 2026-11-22"
    # One labelled row per event and per deadline: events by name, deadlines by the rule's title, not its id.
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert {"ehc request received", "final plan issued", "final decision"} <= set(labels)
    title = RuleCatalogue.standard().rule("ehc.final_plan").title
    assert title in labels
    assert "ehc.final_plan" not in labels
    assert len(labels) == len(set(ax.get_yticks()))  # every row has its own y position: no overprinting
    assert len(ax.texts) == 0  # no free-floating annotations to collide with the title or each other
    assert_png(ax, tmp_path / "timeline.png")


def test_case_timeline_has_a_legend_of_its_marks():
    ax = redress.plot.case_timeline(Case.from_json(ILLUSTRATIVE), as_of=AS_OF)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # The illustrative case: a final plan requested 2019-10-01 and issued 2021-02-15, long after its due date.
    assert legend[0] == "event"
    assert "deadline: met late" in legend
    assert "late" in legend
    assert "lost provision" in legend
    assert "school holiday" in legend
    assert legend[-1] == "as of 2026-11-22"


def test_case_timeline_shades_every_dated_lost_provision_period():
    # The illustrative case's periods: three month ranges (Feb-Jul 2020, Sep-Oct 2020, Nov 2020-Jan 2021), one date
    # range (2024-01-08 to 2024-07-19, shaded to the day after its inclusive end) and one length (no dates).
    ax = redress.plot.case_timeline(Case.from_json(ILLUSTRATIVE), as_of=AS_OF)
    purple = [p for p in ax.patches if p.get_facecolor()[:3] == pytest.approx(mcolors.to_rgb("tab:purple"))]
    spans = sorted((round(p.get_x()), round(p.get_x() + p.get_width())) for p in purple)
    days = mdates.date2num
    assert spans == sorted(
        (round(days(dt.date(*a))), round(days(dt.date(*b))))
        for a, b in [
            ((2020, 2, 1), (2020, 8, 1)),
            ((2020, 9, 1), (2020, 11, 1)),
            ((2020, 11, 1), (2021, 2, 1)),
            ((2024, 1, 8), (2024, 7, 20)),
        ]
    )


def test_case_timeline_draws_into_a_given_axes(tmp_path, seeds):
    _, ax = plt.subplots()
    assert redress.plot.case_timeline(seeds["21 002 722"], as_of=AS_OF, ax=ax) is ax
    assert_png(ax, tmp_path / "dorset.png")


def timeliness_rows():
    # reg 13(2), 20 weeks = 140 days. 3 Jan 2022 -> due 23 May 2022, issued 1 May: within. 1 Mar 2022 -> due 19 Jul
    # 2022, issued 1 Dec: late. 2 Jan 2023 -> issued 1 Mar 2023 and 1 May 2023 -> issued 1 Jun 2023: both within.
    # 2022: 1 of 2 = 50%; 2023: 2 of 2 = 100%.
    return redress.timeliness(
        ["X Council"] * 4,
        ["2022-01-03", "2022-03-01", "2023-01-02", "2023-05-01"],
        ["2022-05-01", "2022-12-01", "2023-03-01", "2023-06-01"],
    )


@pytest.mark.parametrize("as_frame", [False, True], ids=["rows", "frame"])
def test_authority_view_of_timeliness(tmp_path, as_frame):
    rows = timeliness_rows()
    ax = redress.plot.authority_view(pd.DataFrame(rows) if as_frame else rows, authority="X Council")
    council, national = ax.get_lines()[:2]
    assert list(council.get_xdata()) == [2022, 2023]
    assert list(council.get_ydata()) == [50.0, 100.0]
    assert council.get_label() == "X Council"
    assert national.get_label() == "England (DfE)"
    assert ax.get_ylim() == (0, 100)
    assert_png(ax, tmp_path / "timeliness.png")


def test_authority_view_plots_every_authority(tmp_path):
    # Five councils, one request each in 2023, every plan within 20 weeks: 100% each.
    names = [f"Council {c}" for c in "ABCDE"]
    rows = redress.timeliness(names, ["2023-01-02"] * 5, ["2023-03-01"] * 5)
    ax = redress.plot.authority_view(rows)
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert set(lines) == {*names, "England (DfE)"}
    for name in names:
        assert lines[name] == [100.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [*names, "England (DfE)"]
    assert_png(ax, tmp_path / "five.png")


def test_authority_view_picks_the_first_authority_that_is_not_england(tmp_path):
    ax = redress.plot.authority_view(timeliness_rows())
    assert ax.get_lines()[0].get_label() == "X Council"
    assert_png(ax, tmp_path / "timeliness.png")


def bars(ax):
    return {label.get_text(): patch.get_width() for label, patch in zip(ax.get_yticklabels(), ax.patches)}


def test_authority_view_of_remedy_lines(tmp_path, seeds):
    lines = redress.read_cases(CASES).to_frame("remedy_lines", as_of=AS_OF)
    ax = redress.plot.authority_view(lines)
    # Seeds 000 and 002 together, in pounds (see the module docstring).
    assert bars(ax) == {
        "complaint_handling": 250.0,
        "lost_opportunity": 500.0,
        "time_and_trouble": 750.0,  # 250 (seed 000) + 500 (seed 002)
        "distress": 1500.0,
        "other": 1800.0,
        "lost_provision": 6300.0,
    }
    assert_png(ax, tmp_path / "remedy.png")


def test_authority_view_of_one_authoritys_remedy_lines(tmp_path):
    lines = redress.read_cases(CASES).to_frame("remedy_lines", as_of=AS_OF)
    ax = redress.plot.authority_view(lines, authority="Dudley Metropolitan Borough Council")
    assert bars(ax) == {"time_and_trouble": 500.0, "other": 1800.0}
    assert ax.get_title().endswith("Dudley Metropolitan Borough Council")
    assert_png(ax, tmp_path / "dudley.png")


@pytest.mark.parametrize("kind", ["empty", "cases"])
def test_authority_view_refuses_a_frame_without_either_kind_of_columns(kind):
    frame = pd.DataFrame({"a": [1, 2]}) if kind == "empty" else redress.read_cases(CASES).to_frame("cases")
    with pytest.raises(InvalidInputError, match="neither"):
        redress.plot.authority_view(frame)
