"""The committee report and the authority page, tested as a reader sees them.

Golden files (tests/golden/report/) hold the expected text. The Markdown of Dudley 17 016 386 was typed by hand
from the case file (examples/cases/dudley-17-016-386.json: no dates, so no due date can be computed; £1,800 and
£500 making the stated £2,300, seed 002 sections 13.1 and 18); Dorset 21 002 722's was assembled from the case
file's recommendation texts and hand-written prose (£8,800, seed 000 section 5; the 2019 report against the former
Dorset County Council, seed 000 section 4.2, with the illustrative history case); Cambridgeshire 20 013 354's
HTML was checked line by line against its case file and the law: report received 6 April 2022, so the s.31(2)
three months beginning with that day end on 5 July 2022 and the s.31(2A)(c) further three months, beginning with
the day after that period ends (6 July), on 5 October 2022 (issue 12). Lost-provision lines name the convention
that counted them. When a report's wording changes on purpose, change the golden file by hand.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib
import shutil
import subprocess

import pytest

import redress
from redress.cli import main

pytest.importorskip("jinja2")

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
GOLDEN = ROOT / "tests" / "golden" / "report"
HISTORY = CASES / "history-dorset.jsonl"


def case(name: str) -> redress.Case:
    return redress.read_cases(CASES / name)[0]


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def test_markdown_of_a_case_without_dates_matches_the_golden_file():
    text = redress.report(case("dudley-17-016-386.json"), format="markdown", as_of=dt.date(2019, 9, 11))
    assert text == golden("dudley-17-016-386.md")


def test_markdown_with_history_matches_the_golden_file():
    text = redress.report(
        case("dorset-21-002-722.json"), history=[HISTORY], format="markdown", as_of=dt.date(2022, 7, 26)
    )
    assert text == golden("dorset-21-002-722.md")


def test_html_matches_the_golden_file():
    text = redress.report(case("cambridgeshire-20-013-354.json"), format="html", as_of=dt.date(2022, 7, 5))
    assert text == golden("cambridgeshire-20-013-354.html")


def test_the_cambridgeshire_golden_file_holds_the_hand_calculated_dates():
    # The HTML golden file was first written by rendering the report and then checked; this test holds that check,
    # so the file cannot drift from the law without a failure. From the case file: complaint to the Council
    # 20 August 2020; final report sent and received 6 April 2022; recommendation 12 "within three months";
    # report considered 5 July 2022 (the as-of date). Hand calculation:
    # - s.30(5) public notice: no later than two weeks after receipt: 6 April + 14 days = 20 April 2022.
    # - s.31(2) response: three months beginning with the day of receipt: 6 April .. 5 July 2022 (the
    #   corresponding date 6 July less the day of receipt counted as the first day).
    # - s.31(2A)(c) further three months, beginning with the day after the s.31(2) period ends (6 July):
    #   6 July .. 5 October 2022.
    # - Personal remedies, one month from the final decision: corresponding date 6 May 2022.
    # - Service improvements and recommendation 12, three months from the final decision: 6 July 2022.
    # - s.5A: considered within 21 days of being sent to members; no sending date recorded, so no date.
    # - No amounts stated: "not stated", never a £ figure.
    import re

    html = golden("cambridgeshire-20-013-354.html")
    rows = [" | ".join(re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)) for row in re.findall(r"<tr>.*?</tr>", html)]
    assert "Complaint to the Council | 20 August 2020" in rows
    assert "Ombudsman&#39;s final decision | 6 April 2022" in rows
    assert "Ombudsman&#39;s report received | 6 April 2022" in rows
    due = {row.split(" | ")[0]: row.split(" | ")[2] for row in rows if row.count(" | ") == 3}
    assert due["Public notice of the Ombudsman&#39;s report (s.30(5))"] == "20 April 2022"
    assert due["Authority tells the Ombudsman what it has done or will do (s.31(2))"] == "5 July 2022"
    assert due["End of the further three months before a further report (s.31(2A))"] == "5 October 2022"
    assert due["Monitoring officer&#39;s report considered within 21 days (LGHA 1989 s.5A)"] == "cannot be computed"
    assert due["Personal remedies (apology, payments) within one month of the final decision"] == "6 May 2022"
    assert due["Service improvements within three months of the final decision"] == "6 July 2022"
    recommendations = [row.split(" | ") for row in rows if re.match(r"\d+ \| ", row)]
    assert [r[0] for r in recommendations] == [str(n) for n in range(1, 13)]
    assert [r[2] for r in recommendations] == ["cannot be computed"] * 11 + ["6 July 2022"]
    assert "£" not in html
    assert "financial implication is not stated" in html
    dates = set(
        re.findall(
            r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December) \d{4}\b",
            html,
        )
    )
    assert dates == {
        "20 August 2020",
        "6 April 2022",
        "20 April 2022",
        "5 July 2022",
        "6 July 2022",
        "5 October 2022",
        "6 May 2022",
    }


def test_cli_writes_the_same_report(tmp_path):
    out = tmp_path / "r.md"
    code = main(
        [
            "report",
            str(CASES / "dorset-21-002-722.json"),
            "--history",
            str(HISTORY),
            "--as-of",
            "2022-07-26",
            "--format",
            "markdown",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8") == golden("dorset-21-002-722.md")


def hostile_case() -> redress.Case:
    doc = json.loads((CASES / "dudley-17-016-386.json").read_text(encoding="utf-8"))
    doc["authority"] = "Dudley <script>alert(1)</script> | MBC"
    doc["recommendations"][0]["text"] = 'Pay <b>£1</b> & "more" | *now* [link](http://x)'
    return redress.Case.from_json(doc)


def test_everything_from_the_case_is_escaped_in_html():
    text = redress.report(hostile_case(), format="html", as_of=dt.date(2019, 9, 11))
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Pay &lt;b&gt;£1&lt;/b&gt; &amp; &#34;more&#34;" in text


def test_hostile_case_text_in_every_format():
    # Regression: a control character in case text (JSON allows "\f") made python-docx raise a bare ValueError
    # instead of writing the report. Template syntax in case text is printed, never evaluated.
    docx = pytest.importorskip("docx")
    doc = json.loads((CASES / "dudley-17-016-386.json").read_text(encoding="utf-8"))
    doc["authority"] = "Dudley\x0b MBC"
    doc["recommendations"][0]["text"] = "Pay\x0c now {{ 7*7 }} {% if 1 %}x{% endif %} <w:t>|"
    hostile = redress.Case.from_json(doc)
    day = dt.date(2019, 9, 11)
    document = docx.Document(io.BytesIO(redress.report(hostile, format="docx", as_of=day)))
    assert document.paragraphs[0].text == "Ombudsman's findings: Dudley MBC (17 016 386)"
    assert document.tables[2].rows[1].cells[1].text == "Pay now {{ 7*7 }} {% if 1 %}x{% endif %} <w:t>|"
    html = redress.report(hostile, format="html", as_of=day)
    assert "Pay\x0c now {{ 7*7 }} {% if 1 %}x{% endif %} &lt;w:t&gt;|" in html
    markdown = redress.report(hostile, format="markdown", as_of=day)
    assert r"{{ 7\*7 }} {% if 1 %}x{% endif %} \<w:t\>\|" in markdown
    assert "49" not in markdown


def test_everything_from_the_case_is_escaped_in_markdown():
    text = redress.report(hostile_case(), format="markdown", as_of=dt.date(2019, 9, 11))
    assert r'Pay \<b\>£1\</b\> & "more" \| \*now\* \[link\](http://x)' in text
    assert "<script>" not in text


def test_unstated_amounts_and_dates_are_said_so():
    text = redress.report(case("cambridgeshire-20-013-354.json"), format="markdown", as_of=dt.date(2022, 7, 5))
    assert "£0.00" not in text
    assert "the financial implication is not stated" in text
    assert "| Complainant first aware | not stated |" in text


def test_a_case_with_due_dates_shows_verdicts():
    doc = json.loads((CASES / "dorset-21-002-722.json").read_text(encoding="utf-8"))
    doc["dates"] = {"final_decision": "2022-06-16", "report_received": "2022-06-16"}
    doc["recommendations"][0]["completed"] = "2022-07-19"
    text = redress.report(redress.Case.from_json(doc), format="markdown", as_of=dt.date(2022, 10, 1))
    # 1 month from 16 June 2022 is 16 July; completed 19 July: late by 3 days.
    assert "| 1 | Apologise in writing to Ms B. | 16 July 2022 | Complete | 19 July 2022 | late by 3 days |" in text
    # 3 months: 16 September 2022; on 1 October, 15 days overdue.
    assert "- Recommendation 9 (service improvement): overdue by 15 days, due 16 September 2022." in text
    # s.31(2): three months beginning with 16 June 2022.
    assert "| Local Government Act 1974, s.31(2) | 15 September 2022 |" in text


def test_docx_opens_back_with_python_docx():
    docx = pytest.importorskip("docx")
    data = redress.report(case("dorset-21-002-722.json"), history=[HISTORY], format="docx", as_of=dt.date(2022, 7, 26))
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert headings == [
        "Ombudsman's findings: Dorset Council (21 002 722)",
        "1. The case and the finding",
        "2. Statutory basis and dates",
        "3. Recommendations",
        "4. Financial implications",
        "5. Earlier findings against the Council or its predecessors",
        "6. Outstanding as of 26 July 2022",
    ]
    recommendations = document.tables[2]
    assert [c.text for c in recommendations.rows[0].cells] == [
        "No.",
        "Recommendation",
        "Due",
        "Status",
        "Completed",
        "On time / late",
    ]
    assert len(recommendations.rows) == 13
    assert recommendations.rows[1].cells[1].text == "Apologise in writing to Ms B."
    remedy = document.tables[3]
    # Eight lines, then the total: £4,800 + £1,500 + £250 + £250 + £750 + £750 + £250 + £250 = £8,800.
    assert len(remedy.rows) == 10
    assert remedy.rows[-2].cells[2].text == "£250.00"
    assert [c.text for c in remedy.rows[-1].cells] == ["Total", "", "£8,800.00"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert (
        "Financial implication: £8,800.00. Total stated in the decision: £8,800.00, which agrees with the lines above."
        in body
    )
    assert "illustrative-dorset-cc-2019" in body


def test_docx_says_what_the_html_says():
    # Regression: the Word report left out what the HTML and Markdown say: that the 2019 history case is
    # illustrative (it read as a real finding), the open statutory duties in "Outstanding" (Cambridgeshire's
    # s.31(2A) period, due 5 October 2022, open on 26 July), why a due date cannot be computed, and the total
    # row; and its tables' heading rows did not repeat on a new page.
    docx = pytest.importorskip("docx")
    day = dt.date(2022, 7, 26)
    dorset = docx.Document(
        io.BytesIO(redress.report(case("dorset-21-002-722.json"), history=[HISTORY], format="docx", as_of=day))
    )
    body = "\n".join(p.text for p in dorset.paragraphs)
    assert "(illustrative-dorset-cc-2019, illustrative case), with the same faults as now:" in body
    assert "the faults found are not recorded in the case file." in body
    assert "The same faults have been found before" in body
    assert "Missing from the case: dates.final_decision, dates.report_received." in body
    assert "Recommendations 9, 10, 11 and 12: its period (3 months) runs from the final decision" in body
    response = next(r for r in dorset.tables[1].rows if "s.31(2))" in r.cells[0].text)
    assert (
        response.cells[3].text == "cannot be computed: the case is a public report but dates.report_received is missing"
    )
    for table in dorset.tables:
        assert table.rows[0]._tr.trPr is not None
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    cambs = docx.Document(io.BytesIO(redress.report(case("cambridgeshire-20-013-354.json"), format="docx", as_of=day)))
    lines = [p.text for p in cambs.paragraphs]
    assert "End of the further three months before a further report (s.31(2A)): pending, due 5 October 2022." in lines
    assert "Recommendation 2 (action): no due date." in lines
    assert "The case states no remedy amounts: the financial implication is not stated." in lines


def test_docx_needs_an_output_file_on_the_command_line(capsys):
    code = main(["report", str(CASES / "dudley-17-016-386.json"), "--format", "docx"])
    assert code == 2
    assert "-o" in capsys.readouterr().err


def test_authority_page_spans_the_reorganisation():
    pytest.importorskip("pandas")
    text = redress.authority_report("Dorset Council", [CASES, HISTORY], as_of=dt.date(2022, 7, 26), plots=False)
    assert "<h1>Ombudsman cases: Dorset</h1>" in text
    assert "3 cases against Dorset Council, Dorset County Council." in text  # 18 016 599 counted once
    # The illustrative 2019 case: 1 of 3 recommendations on time.
    assert (
        "<tr><td>Dorset</td><td>2019</td><td>3</td><td>3</td><td>1</td><td>2</td><td>0</td><td>33.3%</td></tr>" in text
    )
    assert (
        "<li>annual reviews: illustrative-dorset-cc-2019 (Dorset County Council, 2019); "
        "21 002 722 (Dorset Council, 2021)</li>" in text
    )
    assert "Dudley" not in text


def test_authority_page_has_inline_svg_plots():
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    text = redress.authority_report("Dorset Council", [CASES, HISTORY], as_of=dt.date(2022, 7, 26))
    assert text.count("<svg") == 2
    assert "<img" not in text
    assert "http://" not in text.split("<svg", 1)[0]
    # Regression: matplotlib stamped each SVG with the day it was drawn (<dc:date>); the page may carry no date
    # but the ones from the cases and as_of, and two runs give the same page.
    assert "<dc:date>" not in text
    assert text == redress.authority_report("Dorset Council", [CASES, HISTORY], as_of=dt.date(2022, 7, 26))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (scripts/install-deps.sh installs it)")
def test_html_prints_to_a4_pdf_and_renders(tmp_path):
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext, pdfinfo) is not installed (scripts/install-deps.sh installs it)")
    from PIL import Image

    html = tmp_path / "report.html"
    html.write_text(
        redress.report(case("dorset-21-002-722.json"), history=[HISTORY], as_of=dt.date(2022, 7, 26)),
        encoding="utf-8",
    )
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [*flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert "(A4)" in info
    assert 2 <= pages <= 8  # twelve long recommendations and eight remedy lines: a few A4 pages, not one or dozens
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Ombudsman's findings: Dorset Council (21 002 722)" in flat
    assert "£8,800.00" in flat
    assert "Outstanding as of 26 July 2022" in flat
    assert "illustrative-dorset-cc-2019" in flat
    # The recommendations table runs over more than one A4 page: its column headings repeat on every page that
    # holds a row of it, so a councillor reading page 3 knows which column is "Due" and which "Completed".
    row_starts = ("Apologise in", "Make a payment", "A payment of", "A further payment", "Ensure that", "Improve its")
    table_pages = []
    for page in range(1, pages + 1):
        one = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        one = " ".join(one.split())
        if any(start in one for start in row_starts):
            table_pages.append(page)
            assert "Completed" in one, f"page {page} continues the recommendations table without its headings"
    assert len(table_pages) >= 2

    png = tmp_path / "report.png"
    subprocess.run(
        [*flags, f"--screenshot={png}", "--window-size=1000,1400", html.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
    )
    image = Image.open(png).convert("L")
    assert image.size == (1000, 1400)
    lo, hi = image.getextrema()
    assert hi - lo > 128  # dark text on a light page, not one flat colour
    dark = sum(image.histogram()[:128])
    assert 0.005 < dark / (image.width * image.height) < 0.5


def test_authority_page_20_week_timeliness_against_england():
    base = json.loads((CASES / "dudley-17-016-386.json").read_text(encoding="utf-8"))
    cases = []
    # Requests received Monday 7 January 2019: 20 weeks later is Monday 27 May 2019. One plan issued that day
    # (within 20 weeks), one a week later (not): 1 of 2, 50.0%, against England's 58.7% in 2019 (DfE).
    for reference, issued in (("19 000 101", "2019-05-27"), ("19 000 102", "2019-06-03")):
        doc = dict(base, reference=reference)
        doc["send"] = {
            "events": [
                {"event": "ehc_request_received", "date": "2019-01-07"},
                {"event": "final_plan_issued", "date": issued},
            ]
        }
        cases.append(redress.Case.from_json(doc))
    text = redress.authority_report("Dudley MBC", cases, as_of=dt.date(2020, 1, 1), plots=False)
    assert "<tr><td>2019</td><td>2</td><td>1</td><td>50.0%</td><td>58.7%</td></tr>" in text


def test_docx_written_into_a_council_template(tmp_path):
    docx = pytest.importorskip("docx")
    template = docx.Document()
    template.add_paragraph("Example Council: Cabinet")
    path = tmp_path / "council.docx"
    template.save(str(path))
    out = tmp_path / "report.docx"
    code = main(
        [
            "report",
            str(CASES / "dudley-17-016-386.json"),
            "--format",
            "docx",
            "--docx-template",
            str(path),
            "--as-of",
            "2019-09-11",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == "Example Council: Cabinet"
    assert paragraphs[1] == "Ombudsman's findings: Dudley Metropolitan Borough Council (17 016 386)"
    assert "The case states no remedy amounts" not in "\n".join(paragraphs)
    # £1,800 + £500 = £2,300, the total the decision states.
    assert (
        "Financial implication: £2,300.00. Total stated in the decision: £2,300.00, which agrees with the lines above."
        in paragraphs
    )


def test_a_council_name_without_letters_still_gets_a_report():
    doc = json.loads((CASES / "dudley-17-016-386.json").read_text(encoding="utf-8"))
    doc["authority"] = "--"
    text = redress.report(redress.Case.from_json(doc), history=[HISTORY], format="markdown", as_of=dt.date(2019, 9, 11))
    assert "# Ombudsman's findings: -- (17 016 386)" in text
    assert "None of the earlier cases supplied concerns -- or a predecessor council." in text


def test_no_output_sends_a_reader_to_the_project_background(capsys):
    # Regression: the duty table cited "Ombudsman's recommendations (usual practice; seed 000)", a pointer into the
    # developers' background notes that no council reader can follow. Nothing a user sees may mention them.
    import re

    docx = pytest.importorskip("docx")
    background = re.compile(r"\bseeds?\b|shared/", re.IGNORECASE)
    day = dt.date(2022, 7, 26)
    seen = []
    for path in sorted(CASES.glob("*.json")):
        one = redress.Case.from_json(json.loads(path.read_text(encoding="utf-8")))
        for fmt in ("html", "markdown"):
            seen.append((f"{path.name} {fmt}", redress.report(one, history=[HISTORY], format=fmt, as_of=day)))
        data = redress.report(one, history=[HISTORY], format="docx", as_of=day)
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        seen.append((f"{path.name} docx", "\n".join([p.text for p in document.paragraphs] + cells)))
    seen.append(("authority page", redress.authority_report("Dorset", [CASES, HISTORY], as_of=day, plots=False)))
    assert main(["ledger", str(CASES), str(HISTORY), "--as-of", "2022-07-26", "-v"]) == 0
    seen.append(("redress ledger", capsys.readouterr().out))
    assert len(seen) == 14
    for name, text in seen:
        assert background.search(text) is None, f"{name}: {background.search(text)}"


def test_year_plot_legend_does_not_cover_the_bars():
    # Regression: the legend was drawn inside the axes, over the 2019 bar of the Dorset page; the y axis had
    # ticks at 0.5 recommendations. The illustrative 2019 Dorset County Council case: 1 on time, 2 late.
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from redress.report import _years_figure

    summary = redress.summarise_ledgers(
        [redress.case_ledger(c, dt.date(2022, 7, 26)) for c in redress.read_cases(HISTORY)]
    )
    dated = [y for y in summary.years if y.year == 2019]
    assert [(y.on_time, y.late, y.outstanding) for y in dated] == [(1, 2, 0)]
    fig = _years_figure(plt, dated)
    fig.canvas.draw()
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    for bar in ax.patches:
        assert not legend.overlaps(bar.get_window_extent(renderer))
    assert all(float(t).is_integer() for t in ax.get_yticks())
    plt.close(fig)


def test_dates_in_explanations_are_written_as_councils_write_them():
    # Regression: a duty's explanation from the deadlines layer carried ISO dates into the report ("report_considered
    # on 2022-07-05"); every date a reader sees is "5 July 2022". Cambridgeshire's committee met on 5 July 2022.
    import re

    docx = pytest.importorskip("docx")
    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    day = dt.date(2022, 7, 26)
    cambs = redress.report(case("cambridgeshire-20-013-354.json"), format="markdown", as_of=day)
    response = next(line for line in cambs.splitlines() if line.startswith("| Authority tells the Ombudsman"))
    assert "5 July 2022" in response.split(" | ")[3]
    for path in sorted(CASES.glob("*.json")):
        one = case(path.name)
        for fmt in ("html", "markdown"):
            text = redress.report(one, history=[HISTORY], format=fmt, as_of=day)
            assert iso.search(text) is None, f"{path.name} {fmt}: {iso.search(text)}"
        document = docx.Document(io.BytesIO(redress.report(one, history=[HISTORY], format="docx", as_of=day)))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = "\n".join([p.text for p in document.paragraphs] + cells)
        assert iso.search(text) is None, f"{path.name} docx: {iso.search(text)}"
