"""Rich display in notebooks: ``_repr_html_`` for a case, a remedy breakdown and a case report (its timeline).

Attached to the compiled classes when ``redress`` is imported; plain HTML tables, no dependencies.
"""

from __future__ import annotations

from html import escape
from typing import Any

from . import _redress


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def breakdown_html(b: _redress.RemedyBreakdown) -> str:
    rows = [[line.amount.format(), line.kind, line.explanation, "; ".join(line.warnings)] for line in b.lines]
    parts = [f"<p><b>Total {escape(b.total.format())}</b>"]
    if b.guidance:
        parts.append(f" &middot; guidance {escape(b.guidance)}")
    parts.append("</p>")
    parts.append(_table(["amount", "kind", "explanation", "warnings"], rows))
    if b.audit:
        parts.append(_table(["path", "stated", "computed"], [[a.path, a.stated, a.computed] for a in b.audit]))
    return "".join(parts)


def report_html(r: _redress.CaseReport) -> str:
    rows = [
        [d.due, d.status.name, d.days_late, ", ".join(d.exceptions), d.title, d.source]
        for d in sorted(r.deadlines, key=lambda d: (d.due is None, d.due))
    ]
    parts = ["<p><b>Deadlines</b></p>", _table(["due", "status", "days late", "exceptions", "duty", "law"], rows)]
    if r.recommendations:
        recs = [
            [s.recommendation.kind, s.recommendation.status.name if s.recommendation.status else "", s.due, s.overdue]
            for s in r.recommendations
        ]
        parts += ["<p><b>Recommendations</b></p>", _table(["kind", "status", "due", "overdue"], recs)]
    if r.remedy is not None:
        parts += ["<p><b>Remedy</b></p>", breakdown_html(r.remedy)]
    return "".join(parts)


def case_html(c: _redress.Case) -> str:
    facts = [
        ["reference", c.reference],
        ["authority", c.authority],
        ["outcome", c.outcome.name if c.outcome else None],
        ["finding", c.finding.name if c.finding else None],
        ["public report", c.public_report],
        ["faults", ", ".join(c.faults)],
        *[[k, v] for k, v in sorted(c.dates.items())],
        ["events", len(c.events)],
        ["recommendations", len(c.recommendations)],
    ]
    return _table(["", ""], facts)


def attach() -> None:
    _redress.Case._repr_html_ = case_html  # type: ignore[attr-defined]
    _redress.RemedyBreakdown._repr_html_ = breakdown_html  # type: ignore[attr-defined]
    _redress.CaseReport._repr_html_ = report_html  # type: ignore[attr-defined]
