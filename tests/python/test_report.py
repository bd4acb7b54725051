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
        "5. Earlier findings",
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
    assert remedy.rows[-1].cells[2].text == "£250.00"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Financial implication: £8,800.00 (total stated in the decision: £8,800.00)." in body
    assert "illustrative-dorset-cc-2019" in body


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
    assert "Financial implication: £2,300.00 (total stated in the decision: £2,300.00)." in paragraphs


def test_a_council_name_without_letters_still_gets_a_report():
    doc = json.loads((CASES / "dudley-17-016-386.json").read_text(encoding="utf-8"))
    doc["authority"] = "--"
    text = redress.report(redress.Case.from_json(doc), history=[HISTORY], format="markdown", as_of=dt.date(2019, 9, 11))
    assert "# Ombudsman's findings: -- (17 016 386)" in text
    assert "None of the earlier cases supplied concerns -- or a predecessor council." in text
