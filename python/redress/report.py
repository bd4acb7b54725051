"""The council's side: the compliance ledger as a DataFrame and the committee report on one case.

    redress.ledger(cases, as_of=...)                       # one row per recommendation (pandas)
    redress.ledger(cases, kind="years")                    # per authority and year: due, on time, late, ...
    redress.report(case, history=[...], format="markdown") # the committee report draft (html, markdown, docx)
    redress.authority_report("Dorset Council", cases)      # one HTML page for a whole authority

The report is written by Jinja2 templates (``redress/templates``) with autoescaping for HTML, so nothing from a
case can inject markup; Markdown escapes table and emphasis characters; Word (.docx) goes through python-docx.
Jinja2 and python-docx come with ``pip install 'redress[report]'``; pandas with ``redress[pandas]``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import _redress
from ._rules import _MONTHS
from .frames import _pandas, read_cases

FORMATS = ("html", "markdown", "docx")
LEDGER_KINDS = ("recommendations", "years", "remedy")

# The DfE's national 20-week figure for England, per calendar year: (% within 20 weeks including exceptions,
# % excluding exceptions). Source: Department for Education, "Education, health and care plans" statistics,
# timeliness data set (explore-education-statistics.service.gov.uk, data set 90d7c9d3-d811-46f1-ae61-39ea674d4654,
# national row). Only the years checked against that data set are listed; pass ``national=`` for others.
NATIONAL_20_WEEK: dict[int, tuple[float, float]] = {2019: (58.7, 60.4)}
NATIONAL_SOURCE = (
    "Department for Education, Education, health and care plans: timeliness of new EHC plans "
    "(explore-education-statistics.service.gov.uk), England row"
)

_STATUS = {
    "complete": "Complete",
    "in_progress": "In progress",
    "on_track": "On track",
    "not_started": "Not started",
    "refused": "Refused",
}
_FINDING = {
    "fault_causing_injustice": "fault causing injustice",
    "fault_no_injustice": "fault without injustice",
    "no_fault": "no fault",
}
_OUTCOME = {
    "upheld": "upheld",
    "not_upheld": "not upheld",
    "closed_after_initial_enquiries": "closed after initial enquiries",
    "premature": "premature",
    "outside_jurisdiction": "outside the Ombudsman's jurisdiction",
}
_FAULT = {
    "assessment_delay": "delay in assessment",
    "plan_content": "the content of the EHC plan",
    "provision_not_secured": "EHC plan provision not secured",
    "alternative_provision": "no suitable alternative education (section 19)",
    "annual_review": "annual reviews",
    "phase_transfer": "phase transfer",
    "tribunal_order": "a tribunal order not followed",
    "complaint_handling": "complaint handling",
    "communication": "communication with the family",
    "record_keeping": "record keeping",
    "cooperation_with_ombudsman": "cooperation with the Ombudsman",
    "other": "other fault",
}
_DATES = (
    ("first_aware", "Complainant first aware"),
    ("complaint_to_council", "Complaint to the Council"),
    ("complaint_to_ombudsman", "Complaint to the Ombudsman"),
    ("final_decision", "Ombudsman's final decision"),
    ("report_received", "Ombudsman's report received"),
)
_DUTY_STATUS = {
    "met_on_time": "met on time",
    "met_late": "met late",
    "pending": "pending",
    "overdue": "overdue",
    "window_open": "open",
    "window_closed": "closed",
    "not_applicable": "not applicable",
    "not_computable": "cannot be computed",
}


# --- formatting ------------------------------------------------------------------------------------------------


def long_date(value: dt.date | None) -> str:
    """A date as councils write it, "16 July 2022"; "not stated" for None."""
    if value is None:
        return "not stated"
    # Month names spelt out here: strftime's %B follows the process locale ("Juli" under de_DE).
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _council_dates(text: str) -> str:
    """Explanations from the core write dates as 2022-07-05; a report writes them "5 July 2022"."""

    def one(m: re.Match[str]) -> str:
        try:
            return long_date(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    return _ISO_DATE.sub(one, text)


def pounds(value: _redress.Money | int | None) -> str:
    """Money as "£8,800.00"; "not stated" for None (never £0.00 for an amount that was not given)."""
    if value is None:
        return "not stated"
    pence = value if isinstance(value, int) else value.pence
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}£{pence // 100:,}.{pence % 100:02d}"


def _words(name: str) -> str:
    return name.replace("_", " ")


def _fault(name: str) -> str:
    return _FAULT.get(name, _words(name))


def _list(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _markdown(text: Any) -> str:
    """Text from a case made safe for a Markdown table cell or paragraph."""
    s = " ".join(str(text).split())
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", s)


def _as_of(value: dt.date | None) -> dt.date:
    return dt.date.today() if value is None else value


def _cases(source: Any) -> list[_redress.Case]:
    if isinstance(source, _redress.Case):
        return [source]
    if isinstance(source, (str, Path)):
        return list(read_cases(source))
    out: list[_redress.Case] = []
    for item in source:
        if isinstance(item, (str, Path)) and Path(item).exists():
            out.extend(read_cases(item))
        elif isinstance(item, _redress.Case):
            out.append(item)
        else:
            out.extend(read_cases([item]))
    return out


def _same(a: str, b: str) -> bool:
    """Whether two council names are one council or one succeeded the other; names with no letters compare as text."""
    try:
        return _redress.same_authority(a, b)
    except _redress.Error:
        return a.strip() == b.strip()


def _lineage(name: str) -> list[str]:
    try:
        return _redress.authority_lineage(name)[1:]
    except _redress.Error:
        return []


def _canonical(name: str, day: dt.date) -> str:
    try:
        return _redress.canonical_authority(name, day)
    except _redress.Error:
        return name


def _unique(cases: list[_redress.Case]) -> list[_redress.Case]:
    """The cases with repeats of the same reference left out (a case read from two files counts once)."""
    seen: set[str] = set()
    out = []
    for c in cases:
        key = _reference(c) if (c.reference is not None or c.id) else ""
        if key and key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def _document(case: _redress.Case) -> dict[str, Any]:
    return json.loads(case.to_json())  # type: ignore[no-any-return]


def _case_year(case: _redress.Case) -> int | None:
    for name in ("final_decision", "report_received"):
        if name in case.dates:
            return case.dates[name].year
    return case.reference.year if case.reference is not None else None


def _reference(case: _redress.Case) -> str:
    """The Ombudsman's reference or, for a case without one, the case's own id."""
    if case.reference is not None:
        return str(case.reference)
    return case.id or "(no reference)"


# --- the ledger as DataFrames -----------------------------------------------------------------------------------


def ledger(
    cases: Any,
    *,
    as_of: dt.date | None = None,
    authority: str | None = None,
    kind: str = "recommendations",
) -> Any:
    """The compliance ledger of many cases as a pandas DataFrame.

    ``kind``: "recommendations" (one row per recommendation: due date, status, completed, verdict, days),
    "years" (per canonical authority and year of the due date: recommendations, due, on time, late,
    outstanding, not yet due, compliance rate) or "remedy" (totals by authority, year of decision and kind, in
    pence and pounds). ``authority`` keeps that council, its predecessors and successors. ``cases``: a
    CaseCollection, a list of Case values, or anything :func:`redress.read_cases` reads.
    """
    if kind not in LEDGER_KINDS:
        raise _redress.InvalidInputError(f"kind: '{kind}' is not one of {', '.join(LEDGER_KINDS)}")
    pd = _pandas()
    day = _as_of(as_of)
    chosen = _unique(_cases(cases))
    if authority:
        chosen = [c for c in chosen if c.authority and _same(c.authority, authority)]
    ledgers = [_redress.case_ledger(c, day) for c in chosen]
    rows: list[dict[str, Any]]
    if kind == "recommendations":
        rows = [
            {
                "reference": e.reference,
                "authority": e.authority,
                "canonical_authority": e.canonical,
                "path": e.path,
                "kind": e.kind,
                "text": e.text or None,
                "due_text": e.due_text or None,
                "base": e.base,
                "due": e.due,
                "status": e.status.name if e.status else None,
                "completed": e.completed,
                "verdict": e.verdict.name,
                "days": e.days,
                "describe": e.describe(),
                "reason": e.reason or None,
            }
            for lg in ledgers
            for e in lg.recommendations
        ]
        frame = pd.DataFrame(rows, columns=_LEDGER_COLUMNS)
        for column in ("base", "due", "completed"):
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        frame["days"] = frame["days"].astype("Int64")
        for column in ("authority", "canonical_authority", "kind", "status", "verdict"):
            frame[column] = frame[column].astype("category")
        return frame
    summary = _redress.summarise_ledgers(ledgers)
    if kind == "years":
        rows = [
            {
                "authority": y.authority,
                "year": y.year,
                "recommendations": y.recommendations,
                "due": y.due,
                "on_time": y.on_time,
                "late": y.late,
                "outstanding": y.outstanding,
                "not_yet_due": y.not_yet_due,
                "complete_undated": y.complete_undated,
                "refused": y.refused,
                "compliance_rate": y.compliance_rate,
            }
            for y in summary.years
        ]
        frame = pd.DataFrame(rows, columns=_YEAR_COLUMNS)
        frame["year"] = frame["year"].astype("Int64")
        frame["compliance_rate"] = frame["compliance_rate"].astype("Float64")
        return frame
    rows = [
        {"authority": t.authority, "year": t.year, "kind": t.kind, "amount_pence": t.amount.pence, "lines": t.lines}
        for t in summary.remedy
    ]
    frame = pd.DataFrame(rows, columns=["authority", "year", "kind", "amount_pence", "lines"])
    frame["year"] = frame["year"].astype("Int64")
    frame["amount_pence"] = frame["amount_pence"].astype("Int64")
    frame["amount"] = frame["amount_pence"].astype("Float64") / 100
    return frame


_LEDGER_COLUMNS = [
    "reference",
    "authority",
    "canonical_authority",
    "path",
    "kind",
    "text",
    "due_text",
    "base",
    "due",
    "status",
    "completed",
    "verdict",
    "days",
    "describe",
    "reason",
]
_YEAR_COLUMNS = [
    "authority",
    "year",
    "recommendations",
    "due",
    "on_time",
    "late",
    "outstanding",
    "not_yet_due",
    "complete_undated",
    "refused",
    "compliance_rate",
]


# --- the committee report -----------------------------------------------------------------------------------


def _environment(markdown: bool) -> Any:
    try:
        import jinja2
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("redress reports need Jinja2: pip install 'redress[report]'") from err
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("redress", "templates"),
        autoescape=not markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _markdown
    return env


def _history_matches(case: _redress.Case, history: list[_redress.Case]) -> list[dict[str, Any]]:
    """Earlier cases of the same council or its predecessors, with the faults they share with `case`."""
    if not case.authority:
        return []
    own = _reference(case)
    year = _case_year(case)
    found = []
    for other in history:
        if not other.authority or _reference(other) == own:
            continue
        if not _same(other.authority, case.authority):
            continue
        other_year = _case_year(other)
        decided = any(name in other.dates for name in ("final_decision", "report_received"))
        if year is not None and other_year is not None and other_year > year:
            continue
        shared = [f for f in case.faults if f in other.faults]
        doc = _document(other)
        found.append(
            {
                "reference": _reference(other),
                "authority": other.authority,
                "year": other_year,
                "when": (
                    f"In {other_year}"
                    if decided
                    else f"In a complaint received in {other_year},"
                    if other_year
                    else "Earlier"
                ),
                "finding": _FINDING.get(other.finding.name, "") if other.finding else "",
                "public_report": other.public_report,
                "faults_recorded": bool(other.faults),
                "shared": [_fault(f) for f in shared],
                "shared_text": _list([_fault(f) for f in shared]),
                "illustrative": bool(doc.get("illustrative")),
            }
        )
    found.sort(key=lambda m: (m["year"] or 0, m["reference"]))
    return found


def report_context(
    case: _redress.Case, *, history: Iterable[_redress.Case] = (), as_of: dt.date | None = None
) -> dict[str, Any]:
    """Everything the committee report says, as plain values (dates and money already written out)."""
    day = _as_of(as_of)
    lg = _redress.case_ledger(case, day)
    remedy = None
    remedy_error = ""
    try:
        remedy = case.evaluate(day, deadlines=False).remedy
    except _redress.Error as err:
        remedy_error = str(err)
    history_list = list(history)
    matches = _history_matches(case, history_list)

    recommendations: list[dict[str, Any]] = []
    for n, e in enumerate(lg.recommendations, 1):
        recommendations.append(
            {
                "number": n,
                "text": e.text or _words(e.kind).capitalize(),
                "kind": _words(e.kind),
                "due": long_date(e.due) if e.due else "cannot be computed",
                "due_basis": (
                    f"{e.due_text} from {long_date(e.base)} ({e.base_field})"
                    if e.base
                    else (e.due_text if e.due else _council_dates(e.reason))
                ),
                "status": _STATUS.get(e.status.name, "") if e.status else "not stated",
                "completed": long_date(e.completed),
                "verdict": e.describe(),
                "verdict_name": e.verdict.name,
            }
        )
    duties: list[dict[str, Any]] = []
    for d in lg.duties:
        status = _DUTY_STATUS.get(d.status.name, _words(d.status.name))
        full = status
        if d.status == _redress.DeadlineStatus.not_computable:
            status = "not recorded" if d.due else status
            full = f"{status}: {_council_dates(d.reason)}"
        if d.evidence == _redress.Evidence.unconfirmed:
            full += " (length unconfirmed)"
        duties.append(
            {
                "title": d.title,
                "source": d.source,
                "due": long_date(d.due) if d.due else "cannot be computed",
                "status": status,
                "status_full": full,
            }
        )
    lines: list[dict[str, str]] = []
    if remedy is not None:
        for line in remedy.lines:
            lines.append(
                {
                    "kind": _words(line.kind).capitalize(),
                    "explanation": line.explanation or line.note,
                    "amount": pounds(line.amount),
                }
            )
    stated_total = case.remedy.stated_total if case.remedy is not None else None
    outstanding = [r for r in recommendations if r["verdict_name"] in ("overdue", "open", "no_due_date")]
    outstanding = [r for r in outstanding if not r["verdict"].startswith("complete")]
    open_duties = [d for d in duties if d["status"] in ("overdue", "pending", "open")]
    missing_due: list[dict[str, Any]] = []  # grouped by reason: "Recommendations 1, 2 and 3: ..."
    for r in recommendations:
        if r["due"] != "cannot be computed":
            continue
        if missing_due and missing_due[-1]["reason"] == r["due_basis"]:
            missing_due[-1]["numbers"].append(str(r["number"]))
        else:
            missing_due.append({"numbers": [str(r["number"])], "reason": r["due_basis"]})
    for group in missing_due:
        group["label"] = ("Recommendations " if len(group["numbers"]) > 1 else "Recommendation ") + _list(
            group["numbers"]
        )
    dates = [
        {"name": label, "field": f"dates.{name}", "value": long_date(case.dates.get(name))} for name, label in _DATES
    ]
    faults = [_fault(f) for f in case.faults]
    finding = case.finding.name if case.finding else None
    return {
        "reference": _reference(case),
        "authority": case.authority or "not stated",
        "lineage": _lineage(case.authority) if case.authority else [],
        "as_of": long_date(day),
        "category": _words(case.category) if case.category else "not stated",
        "outcome": _OUTCOME.get(case.outcome.name, "") if case.outcome else "not stated",
        "finding": _FINDING.get(finding, "") if finding else "not stated",
        "fault_causing_injustice": finding == "fault_causing_injustice",
        "public_report": case.public_report,
        "faults": faults,
        "faults_text": _list(faults),
        "dates": dates,
        "missing_dates": list(lg.missing_dates),
        "duties": duties,
        "recommendations": recommendations,
        "missing_due": missing_due,
        "has_remedy": case.remedy is not None,
        "remedy_lines": lines,
        "remedy_total": pounds(remedy.total) if remedy is not None else "not stated",
        "stated_total": pounds(stated_total),
        "totals_agree": remedy is not None and stated_total is not None and remedy.total == stated_total,
        "remedy_error": remedy_error,
        "history_given": bool(history_list),
        "history": matches,
        "repeats": [m for m in matches if m["shared"]],
        "outstanding": outstanding,
        "open_duties": open_duties,
    }


def report(
    case: _redress.Case | str | Path | dict[str, Any],
    *,
    history: Any = (),
    format: str = "html",
    as_of: dt.date | None = None,
    docx_template: str | Path | None = None,
) -> str | bytes:
    """The committee report draft on one case: HTML or Markdown text, or .docx bytes.

    ``history``: earlier cases (Case values, dicts, or files/folders as :func:`redress.read_cases` reads) to look
    for the same faults found against the council or its predecessors. ``docx_template``: a council's own .docx
    whose styles (and any opening content, such as a letterhead) the Word report is written into.
    """
    if format not in FORMATS:
        raise _redress.InvalidInputError(f"format: '{format}' is not one of {', '.join(FORMATS)}")
    if not isinstance(case, _redress.Case):
        found = _cases([case])
        if len(found) != 1:
            raise _redress.InvalidInputError(f"case: expected one case, found {len(found)}")
        case = found[0]
    context = report_context(case, history=_cases(history) if history else [], as_of=as_of)
    if format == "docx":
        return _docx(context, docx_template)
    template = "committee.md.j2" if format == "markdown" else "committee.html.j2"
    env = _environment(markdown=format == "markdown")
    text = env.get_template(template).render(**context, css=_CSS)
    return re.sub(r"\n{3,}", "\n\n", text)


# --- Word ----------------------------------------------------------------------------------------------------


def _docx(ctx: dict[str, Any], template: str | Path | None = None) -> bytes:
    try:
        import docx
        from docx.oxml import OxmlElement
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("Word reports need python-docx: pip install 'redress[report]'") from err
    document = docx.Document(str(template) if template is not None else None)

    # Word's XML cannot hold control characters; case text may (JSON allows them), so they are dropped.
    def paragraph(text: str, style: str | None = None) -> Any:
        return document.add_paragraph(_word_text(text), style=style)

    def heading(text: str, level: int) -> Any:
        return document.add_heading(_word_text(text), level=level)

    heading(f"Ombudsman's findings: {ctx['authority']} ({ctx['reference']})", level=0)
    paragraph(f"Draft for committee, figures as of {ctx['as_of']}.")

    def table(header: list[str], rows: list[list[str]], total: list[str] | None = None) -> None:
        t = document.add_table(rows=1, cols=len(header))
        # A council template without the style keeps its own default table style.
        with contextlib.suppress(KeyError, ValueError):
            t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header):
            cell.text = _word_text(text)
        # The heading row repeats at the top of every page the table runs onto.
        t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for row in rows + ([total] if total else []):
            cells = t.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = _word_text(text)
        if total:
            for cell in t.rows[-1].cells:
                for run in (r for para in cell.paragraphs for r in para.runs):
                    run.bold = True

    def bullets(lines: list[str]) -> None:
        for line in lines:
            try:
                paragraph(line, style="List Bullet")
            except KeyError:  # a council template without the style
                paragraph(f"- {line}")

    heading("1. The case and the finding", level=1)
    paragraph(_finding_sentence(ctx))
    heading("2. Statutory basis and dates", level=1)
    table(["Date", "As recorded"], [[d["name"], d["value"]] for d in ctx["dates"]])
    if ctx["duties"]:
        paragraph("")
        table(
            ["Duty", "Source", "Due", "Status"],
            [[d["title"], d["source"], d["due"], d["status_full"]] for d in ctx["duties"]],
        )
    if ctx["public_report"]:
        paragraph(
            "The Council must consider the Ombudsman's report and tell the Ombudsman within three months of "
            "receiving it what action it has taken or proposes to take (Local Government Act 1974, s.31(2))."
        )
    if ctx["fault_causing_injustice"]:
        paragraph(
            "Because the Ombudsman found fault causing injustice, the Monitoring Officer reports to the executive "
            "under section 5A of the Local Government and Housing Act 1989, and the report is to be considered "
            "within 21 days of being sent to members."
        )
    if ctx["missing_dates"]:
        paragraph(f"Missing from the case: {', '.join(ctx['missing_dates'])}.")
    heading("3. Recommendations", level=1)
    if ctx["recommendations"]:
        table(
            ["No.", "Recommendation", "Due", "Status", "Completed", "On time / late"],
            [
                [str(r["number"]), r["text"], r["due"], r["status"], r["completed"], r["verdict"]]
                for r in ctx["recommendations"]
            ],
        )
        if ctx["missing_due"]:
            paragraph("Due dates that cannot be computed:")
            bullets([f"{r['label']}: {r['reason']}." for r in ctx["missing_due"]])
    else:
        paragraph("The case records no recommendations.")
    heading("4. Financial implications", level=1)
    if ctx["remedy_lines"]:
        table(
            ["Remedy", "Explanation", "Amount"],
            [[x["kind"], x["explanation"], x["amount"]] for x in ctx["remedy_lines"]],
            total=["Total", "", ctx["remedy_total"]],
        )
    paragraph(_money_sentence(ctx))
    heading("5. Earlier findings against the Council or its predecessors", level=1)
    if ctx["history_given"] and ctx["history"]:
        bullets(_history_lines(ctx))
        if ctx["repeats"]:
            paragraph(
                "The same faults have been found before: the committee may wish to seek assurance that the "
                "improvements then agreed have been embedded."
            )
    else:
        paragraph(_history_lines(ctx)[0])
    heading(f"6. Outstanding as of {ctx['as_of']}", level=1)
    bullets(_outstanding_lines(ctx))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_WORD_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _word_text(text: str) -> str:
    return _WORD_UNSAFE.sub("", text)


def _finding_sentence(ctx: dict[str, Any]) -> str:
    s = (
        f"The Ombudsman's case {ctx['reference']} concerned {ctx['authority']} ({ctx['category']}). "
        f"Outcome: {ctx['outcome']}; finding: {ctx['finding']}."
    )
    if ctx["public_report"]:
        s += " The Ombudsman issued a public report."
    if ctx["faults"]:
        s += f" Faults found: {ctx['faults_text']}."
    return s


def _money_sentence(ctx: dict[str, Any]) -> str:
    if not ctx["has_remedy"]:
        return "The case states no remedy amounts: the financial implication is not stated."
    if ctx["remedy_error"]:
        return f"The remedy could not be computed: {ctx['remedy_error']}"
    agree = ", which agrees with the lines above" if ctx["totals_agree"] else ""
    return f"Financial implication: {ctx['remedy_total']}. Total stated in the decision: {ctx['stated_total']}{agree}."


def _history_lines(ctx: dict[str, Any]) -> list[str]:
    """Section 5 in the Markdown and HTML's words, one line per earlier case."""
    if not ctx["history_given"]:
        return ["No earlier cases were supplied to compare with."]
    if not ctx["history"]:
        return [f"None of the earlier cases supplied concerns {ctx['authority']} or a predecessor council."]
    lines = []
    for m in ctx["history"]:
        illustrative = ", illustrative case" if m["illustrative"] else ""
        text = f"{m['when']} the Ombudsman found against {m['authority']} ({m['reference']}{illustrative})"
        if m["shared"]:
            text += f", with the same faults as now: {m['shared_text']}."
        elif not m["faults_recorded"]:
            text += "; the faults found are not recorded in the case file."
        else:
            text += "; no fault in common with this case."
        lines.append(text)
    return lines


def _outstanding_lines(ctx: dict[str, Any]) -> list[str]:
    """Section 6 in the Markdown and HTML's words: open recommendations, then open statutory duties."""
    lines = [
        f"Recommendation {r['number']} ({r['kind']}): {r['verdict']}"
        + (f", due {r['due']}." if r["due"] != "cannot be computed" else ".")
        for r in ctx["outstanding"]
    ] or ["No recommendation is outstanding."]
    return lines + [f"{d['title']}: {d['status']}, due {d['due']}." for d in ctx["open_duties"]]


# --- the authority page -------------------------------------------------------------------------------------


def _svg(figure: Any) -> str:
    out = io.StringIO()
    # No creation date in the SVG (the page must be the same whenever it is written, dated only by as_of),
    # and a fixed salt for the SVG's element ids, which are otherwise random.
    import matplotlib
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"svg.hashsalt": "redress"}):
        figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})

    plt.close(figure)
    text = out.getvalue()
    return text[text.find("<svg") :]


def authority_report(
    name: str,
    cases: Any,
    *,
    as_of: dt.date | None = None,
    national: dict[int, tuple[float, float]] | None = None,
    plots: bool = True,
) -> str:
    """One HTML page for a whole authority (and its predecessors): the ledger, compliance by year, remedy totals
    by year and kind, 20-week timeliness against the national figure, repeat faults with their cases, and plots
    (inline SVG; ``plots=False`` leaves them out)."""
    day = _as_of(as_of)
    chosen = [c for c in _unique(_cases(cases)) if c.authority and _same(c.authority, name)]
    ledgers = [_redress.case_ledger(c, day) for c in chosen]
    summary = _redress.summarise_ledgers(ledgers)
    entries = [
        {
            "reference": e.reference,
            "authority": e.authority,
            "text": e.text or _words(e.kind).capitalize(),
            "due": long_date(e.due) if e.due else "cannot be computed",
            "status": _STATUS.get(e.status.name, "") if e.status else "not stated",
            "completed": long_date(e.completed),
            "verdict": e.describe(),
        }
        for lg in ledgers
        for e in lg.recommendations
    ]
    years = [
        {
            "authority": y.authority,
            "year": str(y.year) if y.year is not None else "no due date",
            "recommendations": y.recommendations,
            "due": y.due,
            "on_time": y.on_time,
            "late": y.late,
            "outstanding": y.outstanding,
            "rate": f"{y.compliance_rate:.1f}%" if y.compliance_rate is not None else "n/a",
        }
        for y in summary.years
    ]
    remedy = [
        {
            "authority": t.authority,
            "year": str(t.year) if t.year is not None else "not stated",
            "kind": _words(t.kind),
            "amount": pounds(t.amount),
        }
        for t in summary.remedy
    ]
    # 20-week timeliness from the cases' EHC requests and final plans.
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    names: list[str] = []
    for c in chosen:
        request = [e.date for e in c.events if e.name == "ehc_request_received"]
        issued = [e.date for e in c.events if e.name == "final_plan_issued"]
        if request and issued:
            starts.append(min(request))
            ends.append(min(issued))
            names.append(_canonical(c.authority, day))
    national_table = dict(NATIONAL_20_WEEK if national is None else national)
    timeliness = []
    if starts:
        rows_20: list[dict[str, Any]] = _redress.timeliness(names, starts, ends, limit_weeks=20)  # type: ignore[arg-type]
        for row in rows_20:
            if row.get("la_name") == "England":
                continue
            year = int(row["time_period"])
            nat = national_table.get(year)
            timeliness.append(
                {
                    "year": year,
                    "plans": row["plans_issued_den"],
                    "within": row["plans_issued_within_20_weeks"],
                    "rate": f"{row['pc_plans_issued_within_20_weeks']:.1f}%",
                    "national": f"{nat[0]:.1f}%" if nat else "no national figure supplied",
                }
            )
    # Repeat faults: each fault found in more than one case, with its cases.
    by_fault: dict[str, list[str]] = {}
    for c in sorted(chosen, key=lambda c: (_case_year(c) or 0, _reference(c))):
        for f in c.faults:
            by_fault.setdefault(f, []).append(f"{_reference(c)} ({c.authority}, {_case_year(c) or 'year not stated'})")
    repeats = [{"fault": _fault(f), "cases": cs} for f, cs in by_fault.items() if len(cs) > 1]
    svgs = []
    if plots and (years or remedy):
        svgs = _authority_plots(summary)
    env = _environment(markdown=False)
    return env.get_template("authority.html.j2").render(  # type: ignore[no-any-return]
        name=_canonical(name, day),
        names=sorted({c.authority for c in chosen}),
        lineage=_lineage(name),
        as_of=long_date(day),
        cases=len(chosen),
        entries=entries,
        years=years,
        remedy=remedy,
        timeliness=timeliness,
        national_source=NATIONAL_SOURCE,
        repeats=repeats,
        plots=svgs,
        css=_CSS,
    )


def _years_figure(plt: Any, dated: list[Any]) -> Any:
    """Stacked bars of recommendations by year due; the legend sits beside the axes, never over a bar."""
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(7, 3))
    labels = [str(y.year) for y in dated]
    ax.bar(labels, [y.on_time for y in dated], label="on time")
    ax.bar(labels, [y.late for y in dated], bottom=[y.on_time for y in dated], label="late")
    ax.bar(
        labels,
        [y.outstanding for y in dated],
        bottom=[y.on_time + y.late for y in dated],
        label="outstanding",
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole recommendations, no 0.5 ticks
    ax.set_ylabel("recommendations")
    ax.set_title("Recommendations by year due")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)
    return fig


def _authority_plots(summary: Any) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        return []
    out = []
    dated = [y for y in summary.years if y.year is not None]
    if dated:
        out.append(_svg(_years_figure(plt, dated)))
    if summary.remedy:
        fig, ax = plt.subplots(figsize=(7, 3))
        kinds: dict[str, int] = {}
        for t in summary.remedy:
            kinds[_words(t.kind)] = kinds.get(_words(t.kind), 0) + t.amount.pence
        ax.barh(list(kinds), [p / 100 for p in kinds.values()])
        ax.set_xlabel("£")
        ax.set_title("Remedy by kind")
        out.append(_svg(fig))
    return out


_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #111;
       max-width: 60em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin-bottom: 0.2em; }
h2 { font-size: 13pt; margin-top: 1.4em; border-bottom: 1px solid #888; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 10pt; }
th, td { border: 1px solid #999; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.money { text-align: right; white-space: nowrap; }
.late, .overdue { color: #a00; font-weight: bold; }
.note { color: #444; font-size: 9.5pt; }
svg { max-width: 100%; height: auto; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr, figure, svg { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
}
"""
