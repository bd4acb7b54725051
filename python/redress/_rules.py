"""The rule catalogue in words: what `redress rules` prints and scripts/gen_rule_docs.py writes into the docs."""

from __future__ import annotations

from . import _redress

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _unit(n: int, unit: str) -> str:
    words = {"school_days": "school day", "working_days": "working day"}
    word = words.get(unit, unit.rstrip("s"))
    return f"{n} {word}" + ("" if n == 1 else "s")


def length_text(rule: _redress.Rule) -> str:
    """The rule's length as a person says it: "20 weeks", "2 weeks before", "before 15 February"."""
    if rule.fixed is not None:
        month, day = rule.fixed
        # The catalogue stores the last compliant day; the law says "before" the day after it.
        last = f"{day} {_MONTHS[month - 1]}"
        return f"by {last} in the start event's year"
    if rule.length is None:
        return "not known: give it as an override"
    unit = rule.unit.name
    if rule.length < 0:
        return f"{_unit(-rule.length, unit)} before"
    text = _unit(rule.length, unit)
    if rule.counting.name == "beginning_with":
        text += ", beginning with the start"
    return text


def start_text(rule: _redress.Rule) -> str:
    """What starts the clock: events (with the field they must carry), or another rule's due date."""
    if rule.start_rule:
        return f"the due date of {rule.start_rule}"
    where = ", ".join(f"{k}: {v}" for k, v in sorted(rule.start_where.items()))
    text = " or ".join(rule.start_events)
    if where:
        text += f" ({where})"
    if rule.else_rule:
        text += f", else the due date of {rule.else_rule}"
    return text


def rows(catalogue: _redress.RuleCatalogue | None = None) -> list[dict[str, object]]:
    """One dict per rule, in catalogue order: id, title, length, start, met_by, source, url, evidence, kind."""
    catalogue = catalogue or _redress.RuleCatalogue.standard()
    return [
        {
            "id": r.id,
            "title": r.title,
            "length": length_text(r),
            "start": start_text(r),
            "met_by": list(r.met_by),
            "source": r.citation,
            "url": r.url,
            "evidence": r.evidence.name,
            "kind": "window" if r.window else "duty",
        }
        for r in catalogue.rules
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown(catalogue: _redress.RuleCatalogue | None = None) -> str:
    """The rule table of docs/deadlines.md."""
    out = [
        "| rule id | what is due | length | starts with | met by | source | evidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows(catalogue):
        title = str(r["title"]) + (" (a window for the family)" if r["kind"] == "window" else "")
        met = ", ".join(f"`{e}`" for e in r["met_by"]) or "-"  # type: ignore[union-attr]
        out.append(
            f"| `{r['id']}` | {_cell(title)} | {r['length']} | {_cell(str(r['start']))} | {met} | "
            f"{_cell(str(r['source']))} | {r['evidence']} |"
        )
    return "\n".join(out) + "\n"


def events_markdown(catalogue: _redress.RuleCatalogue | None = None) -> str:
    """The event table of docs/case-format.md: every event the catalogue knows, with the rules it starts and meets."""
    catalogue = catalogue or _redress.RuleCatalogue.standard()
    starts: dict[str, list[str]] = {}
    meets: dict[str, list[str]] = {}
    for r in catalogue.rules:
        for e in r.start_events:
            starts.setdefault(e, []).append(r.id)
        for e in r.met_by:
            meets.setdefault(e, []).append(r.id)
    dates = {"first_aware", "complaint_to_council", "complaint_to_ombudsman", "final_decision", "report_received"}
    out = ["| event | starts | meets |", "|---|---|---|"]
    for e in sorted(set(starts) | set(meets)):
        name = f"`{e}`" + (f" (also `dates.{e}`)" if e in dates else "")
        s = ", ".join(f"`{i}`" for i in starts.get(e, [])) or "-"
        m = ", ".join(f"`{i}`" for i in meets.get(e, [])) or "-"
        out.append(f"| {name} | {s} | {m} |")
    return "\n".join(out) + "\n"


def text_table(catalogue: _redress.RuleCatalogue | None = None) -> str:
    """`redress rules`: one block per rule."""
    lines = []
    for r in rows(catalogue):
        lines.append(f"{r['id']}: {r['title']}")
        lines.append(f"    length: {r['length']}; starts with: {r['start']}")
        met = ", ".join(r["met_by"]) or "- (a window: nothing completes it)"  # type: ignore[arg-type]
        lines.append(f"    met by: {met}")
        lines.append(f"    source: {r['source']} ({r['evidence']})")
    return "\n".join(lines) + "\n"
