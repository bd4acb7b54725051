"""Cases as pandas DataFrames: one call per table, proper dtypes, no Python loop over cases in the caller's code.

    cases = redress.read_cases("examples/cases")          # a folder, a .json, a .jsonl, or an iterable
    cases.to_frame("cases"); cases.to_frame("remedy_lines"); cases.to_frame("deadlines", as_of=...)

pandas is an optional dependency: ``pip install redress[pandas]``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _redress

if TYPE_CHECKING:
    import pandas as pd

KINDS = ("cases", "remedy_lines", "deadlines", "recommendations")


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("redress frames need pandas: pip install 'redress[pandas]'") from err
    return pd


def _jsonl_lines(path: Path) -> Iterator[tuple[str, str | _redress.Error]]:
    """The batch's rule for a JSON Lines file: lines end at LF only (a bare CR is part of its line), one CR before
    the LF is dropped, and a line that is not UTF-8 is an error for that line alone."""
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if line.endswith(b"\r"):
                line = line[:-1]
            if not line.strip(b" \t"):
                continue
            try:
                yield f"{path}:{n}", line.decode("utf-8")
            except UnicodeDecodeError as err:
                yield (
                    f"{path}:{n}",
                    _redress.InvalidInputError(
                        f"line {n}: byte 0x{line[err.start]:02x} at position {err.start} is not UTF-8: "
                        "case files are UTF-8 JSON"
                    ),
                )


def _documents(source: Any) -> Iterator[tuple[str, str | _redress.Error]]:
    """(where, JSON text) for every case in `source`."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            for file in sorted(path.glob("*.json")):
                yield str(file), file.read_text(encoding="utf-8")
        elif path.suffix == ".jsonl":
            yield from _jsonl_lines(path)
        else:
            yield str(path), path.read_text(encoding="utf-8")
        return
    for n, item in enumerate(source, 1):
        if isinstance(item, _redress.Case):
            yield f"item {n}", item.to_json()
        elif isinstance(item, str):
            yield f"item {n}", item
        else:
            yield f"item {n}", json.dumps(item)


class CaseCollection:
    """Cases read by :func:`read_cases`, with the lines that could not be read in ``errors``."""

    def __init__(self, cases: list[_redress.Case], errors: list[tuple[str, str]]) -> None:
        self.cases = cases
        self.errors = errors

    def __len__(self) -> int:
        return len(self.cases)

    def __iter__(self) -> Iterator[_redress.Case]:
        return iter(self.cases)

    def __getitem__(self, index: int) -> _redress.Case:
        return self.cases[index]

    def __repr__(self) -> str:
        n, e = len(self.cases), len(self.errors)
        return f"<CaseCollection: {n} case{'' if n == 1 else 's'}, {e} error{'' if e == 1 else 's'}>"

    def _repr_html_(self) -> str:
        return self.to_frame("cases")._repr_html_()  # type: ignore[no-any-return]

    def ledger(
        self, kind: str = "recommendations", *, as_of: dt.date | None = None, authority: str | None = None
    ) -> pd.DataFrame:
        """The compliance ledger of these cases: the same DataFrame as ``redress.ledger(self, ...)``.

        ``kind``: "recommendations", "years" or "remedy"; ``authority`` keeps that council, its predecessors and
        successors; ``as_of`` (default today) dates the verdicts.
        """
        from .report import ledger  # report imports this module

        return ledger(self, as_of=as_of, authority=authority, kind=kind)

    def to_frame(self, kind: str = "cases", *, as_of: dt.date | None = None) -> pd.DataFrame:
        """One table of the cases: "cases", "remedy_lines", "deadlines" or "recommendations".

        Dates are datetime64, money is integer pence (``*_pence``) with a pounds column beside it, kinds and
        statuses are categoricals. ``as_of`` (default today) dates statuses and closes open-ended periods.
        """
        if kind not in KINDS:
            raise _redress.InvalidInputError(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
        pd = _pandas()
        as_of = as_of or dt.date.today()
        rows: list[dict[str, Any]] = []
        for case in self.cases:
            report = case.evaluate(as_of)
            rows.extend(getattr(self, f"_{kind}")(case, report))
        frame = pd.DataFrame(rows, columns=_COLUMNS[kind])
        return _typed(pd, frame, kind)

    @staticmethod
    def _cases(case: _redress.Case, report: _redress.CaseReport) -> list[dict[str, Any]]:
        total = report.remedy.total.pence if report.remedy else 0
        overdue = sum(d.status == _redress.DeadlineStatus.overdue for d in report.deadlines)
        row = {
            "reference": str(case.reference) if case.reference is not None else None,
            "id": case.id or None,
            "authority": case.authority,
            "outcome": case.outcome.name if case.outcome else None,
            "finding": case.finding.name if case.finding else None,
            "public_report": case.public_report,
            "faults": ", ".join(case.faults),
            "total_pence": total,
            "deadlines_overdue": overdue,
            "recommendations_overdue": report.recommendations_overdue,
        }
        for name in _DATES:
            row[name] = case.dates.get(name)
        return [row]

    @staticmethod
    def _remedy_lines(case: _redress.Case, report: _redress.CaseReport) -> list[dict[str, Any]]:
        if report.remedy is None:
            return []
        return [
            {
                "reference": str(case.reference) if case.reference is not None else None,
                "id": case.id or None,
                "authority": case.authority,
                "path": line.path,
                "kind": line.kind,
                "to": line.to.name,
                "amount_pence": line.amount.pence,
                "count": float(line.count) if line.count is not None else None,
                "unit": line.unit or None,
                "rate_pence": line.rate.pence if line.rate is not None else None,
                "per": line.per.name if line.per is not None else None,
                "provision": line.provision.name if line.provision is not None else None,
                "head": line.head.name if line.head is not None else None,
                "guidance": line.guidance or None,
                "within_band": line.within_band,
                "period": line.period or None,
                "explanation": line.explanation,
            }
            for line in report.remedy.lines
        ]

    @staticmethod
    def _deadlines(case: _redress.Case, report: _redress.CaseReport) -> list[dict[str, Any]]:
        return [
            {
                "reference": str(case.reference) if case.reference is not None else None,
                "id": case.id or None,
                "authority": case.authority,
                "rule": d.rule,
                "title": d.title,
                "source": d.source,
                "start": d.start,
                "due": d.due,
                "met": d.met,
                "status": d.status.name,
                "days_late": d.days_late,
                "days_late_net": d.days_late_net,
                "exceptions": ", ".join(d.exceptions),
                "evidence": d.evidence.name,
            }
            for d in report.deadlines
        ]

    @staticmethod
    def _recommendations(case: _redress.Case, report: _redress.CaseReport) -> list[dict[str, Any]]:
        return [
            {
                "reference": str(case.reference) if case.reference is not None else None,
                "id": case.id or None,
                "authority": case.authority,
                "kind": r.recommendation.kind,
                "text": r.recommendation.text or None,
                "status": r.recommendation.status.name if r.recommendation.status else None,
                "due": r.due,
                "overdue": r.overdue,
                "days_overdue": r.days_overdue,
            }
            for r in report.recommendations
        ]


_DATES = ("first_aware", "complaint_to_council", "complaint_to_ombudsman", "final_decision", "report_received")
_COLUMNS = {
    "cases": [
        "reference",
        "id",
        "authority",
        "outcome",
        "finding",
        "public_report",
        "faults",
        *_DATES,
        "total_pence",
        "deadlines_overdue",
        "recommendations_overdue",
    ],
    "remedy_lines": [
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
    ],
    "deadlines": [
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
    ],
    "recommendations": ["reference", "id", "authority", "kind", "text", "status", "due", "overdue", "days_overdue"],
}
_CATEGORIES = {
    "cases": ["authority", "outcome", "finding"],
    "remedy_lines": ["authority", "kind", "to", "per", "provision", "head", "guidance"],
    "deadlines": ["authority", "rule", "status", "evidence"],
    "recommendations": ["authority", "kind", "status"],
}
_DATE_COLUMNS = {
    "cases": list(_DATES),
    "remedy_lines": [],
    "deadlines": ["start", "due", "met"],
    "recommendations": ["due"],
}
_INTS = {
    "cases": ["total_pence", "deadlines_overdue", "recommendations_overdue"],
    "remedy_lines": ["amount_pence", "rate_pence"],
    "deadlines": ["days_late", "days_late_net"],
    "recommendations": ["days_overdue"],
}
_POUNDS = {"cases": ["total_pence"], "remedy_lines": ["amount_pence", "rate_pence"]}


def _typed(pd: Any, frame: Any, kind: str) -> Any:
    for column in _DATE_COLUMNS[kind]:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in _INTS[kind]:
        frame[column] = frame[column].astype("Int64")
    for column in _CATEGORIES[kind]:
        frame[column] = frame[column].astype("category")
    if kind == "deadlines":
        statuses = [s.name for s in _redress.DeadlineStatus]
        frame["status"] = frame["status"].astype(pd.CategoricalDtype(statuses))
    for column in _POUNDS.get(kind, []):
        # Pounds for reading and plotting; the pence column is the exact figure.
        frame[column.replace("_pence", "")] = frame[column].astype("Float64") / 100
    return frame


def read_cases(source: str | Path | Iterable[Any], *, errors: str = "raise") -> CaseCollection:
    """Cases from a folder of .json files, one .json file, a .jsonl file (one case a line), or an iterable of
    dicts, JSON strings or Case values. ``errors``: "raise" (the first bad case raises, naming where it was) or
    "collect" (bad cases are kept in ``CaseCollection.errors`` as (where, message))."""
    if errors not in ("raise", "collect"):
        raise _redress.InvalidInputError(f"errors: '{errors}' is not one of raise, collect")
    cases: list[_redress.Case] = []
    bad: list[tuple[str, str]] = []
    for where, text in _documents(source):
        try:
            if isinstance(text, _redress.Error):
                raise text
            cases.append(_redress.Case.from_json(text))
        except _redress.Error as err:
            if errors == "raise":
                located = type(err)(f"{where}: {err}")
                located.field, located.value, located.rule = err.field, err.value, err.rule
                raise located from err
            bad.append((where, str(err)))
    return CaseCollection(cases, bad)


def _as_date(value: object, field: str) -> dt.date:
    """A date given as datetime.date, ISO text, numpy.datetime64 or pandas.Timestamp; None is today."""
    import numpy as np

    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):  # pandas.Timestamp is one
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _redress.parse_date(value, field)
    if isinstance(value, np.datetime64) and not np.isnat(value):
        return value.astype("datetime64[D]").item()
    raise _redress.InvalidInputError(f"{field}: {value!r} is not a date (a datetime.date, YYYY-MM-DD text, ...)")


DATA_ERROR = "data_error"


def deadline_columns(
    frame: pd.DataFrame,
    rule: str | _redress.Rule,
    start: str,
    met: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    prefix: str = "",
) -> pd.DataFrame:
    """One rule over a DataFrame's date columns in one vectorised call: due (datetime64), status (categorical)
    and days_late (Int64), aligned with ``frame``'s index, each column name starting with ``prefix`` (so that
    two rules can be joined to one frame).

    ``as_of`` (default today) may be a date, ISO text, numpy.datetime64 or pandas.Timestamp. days_late is 0 when
    not late and missing (<NA>) when the deadline cannot be worked out, as in every other API. A row whose met
    date is after ``as_of`` (not yet happened) or, for a rule counted after its start, before its start (a plan
    before its request) is a data error: its status is ``data_error`` and days_late is <NA>, never late or on
    time."""
    pd = _pandas()
    import numpy as np

    if isinstance(rule, str):
        rule = _redress.RuleCatalogue.standard().rule(rule)
    day = _as_date(as_of, "as_of")
    starts = frame[start].to_numpy(dtype="datetime64[D]")
    mets = frame[met].to_numpy(dtype="datetime64[D]") if met is not None else None
    due, status, late = _redress.evaluate_rule(rule, starts, mets, as_of=day)
    names = [s.name for s in _redress.DeadlineStatus]
    codes = status.astype(np.int8)
    bad = np.zeros(len(codes), dtype=bool)
    if mets is not None:
        has_met = ~np.isnat(mets)
        bad |= has_met & (mets > np.datetime64(day, "D"))
        counted_after = rule.fixed is None and (rule.length or 0) >= 0 and rule.met_window == "after"
        if counted_after:
            bad |= has_met & ~np.isnat(starts) & (mets < starts)
    codes = np.where(bad, len(names), codes).astype(np.int8)
    missing = (status == _redress.DeadlineStatus.not_computable) | bad
    return pd.DataFrame(
        {
            f"{prefix}due": due.astype("datetime64[ns]"),
            f"{prefix}status": pd.Categorical.from_codes(codes, categories=[*names, DATA_ERROR]),
            f"{prefix}days_late": pd.array(np.where(missing, 0, late), dtype="Int64"),
        },
        index=frame.index,
    ).assign(**{f"{prefix}days_late": lambda f: f[f"{prefix}days_late"].mask(missing)})
