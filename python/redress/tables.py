"""Spreadsheets and statistical returns in: tables to cases, and the DfE's 20-week measures over cases.

The CSV reading, the column map and the row mapping are C++ (``redress._redress``); this module adds what
Python does best: ``.xlsx`` workbooks (through openpyxl), pandas DataFrames, joining the modules of a SEN2
export, and comparing the measures with the DfE's published table.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Union

from . import _redress

MapLike = Union[str, "os.PathLike[str]", dict, _redress.TableMap]
# A path, a sequence of paths (the SEN2 export's modules) or a pandas DataFrame.
Source = Any

__all__ = [
    "TableImport",
    "TimelinessResult",
    "case_timeliness",
    "compare_published",
    "import_table",
    "load_map",
    "read_sen2_export",
    "read_table",
]


# --- Maps -----------------------------------------------------------------------------------------------------


def load_map(map: MapLike) -> _redress.TableMap:
    """A column map from a preset name ("sen2", "annex-a-sen"), a JSON file, JSON text, a dict or a TableMap.

    A map with ``"preset": NAME`` starts from that preset: its columns replace the preset's ones with the same
    target, so a council whose export names a column differently overrides just that column.
    """
    if isinstance(map, _redress.TableMap):
        return map
    if isinstance(map, dict):
        doc = map
    else:
        text = os.fspath(map)
        if text in _redress.TableMap.presets():
            return _redress.TableMap.preset(text)
        if text.lstrip().startswith("{"):
            doc = json.loads(text)
        else:
            path = Path(text)
            if not path.exists():
                presets = ", ".join(_redress.TableMap.presets())
                raise _redress.InvalidInputError(
                    f"map: {text!r} is neither a map file nor a preset (the presets are {presets})"
                )
            try:
                doc = json.loads(path.read_text(encoding="utf-8-sig"))
            except json.JSONDecodeError as err:
                raise _redress.InvalidInputError(f"map: {text} is not valid JSON: {err}") from err
    if not isinstance(doc, dict):
        raise _redress.InvalidInputError("map: must be a JSON object")
    user = _redress.TableMap.from_json(json.dumps(doc))
    preset = doc.get("preset")
    if preset is not None:
        return _redress.TableMap.preset(str(preset)).overridden_by(user)
    return user


# --- Cells from Python values ------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """A spreadsheet or DataFrame value as the text the mapper reads (dates as ISO, blanks as "")."""
    if value is None:
        return ""
    try:
        if value != value:  # NaN, NaT, pandas.NA
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    to_pydatetime = getattr(value, "to_pydatetime", None)  # pandas Timestamp
    if to_pydatetime is not None:
        try:
            return to_pydatetime().date().isoformat()
        except ValueError:  # NaT
            return ""
    text = str(value)
    return "" if text in ("nan", "NaT", "<NA>") else text


# --- The result of an import ------------------------------------------------------------------------------------


class TableImport(list):
    """One dict per data row, in order: a case (``redress.case/1``) or ``{"row": N, "error": {...}}``.

    ``encoding`` is "utf-8", "utf-8-sig", "windows-1252" (a CSV that was not UTF-8, converted) or "xlsx";
    ``delimiter`` the CSV delimiter found; ``stats`` counts rows, cases and errors.
    """

    encoding: str
    delimiter: str
    stats: dict

    def __init__(self, rows: Iterable[dict], stats: dict) -> None:
        super().__init__(rows)
        self.stats = dict(stats)
        self.encoding = str(stats.get("encoding", ""))
        self.delimiter = str(stats.get("delimiter", ""))

    @property
    def cases(self) -> list[dict]:
        """The rows that became cases."""
        return [r for r in self if "error" not in r]

    @property
    def errors(self) -> list[dict]:
        """The error rows: ``{"row": N, "error": {"column", "value", "message"}}``."""
        return [r for r in self if "error" in r]

    def write_jsonl(self, path: str | os.PathLike[str]) -> None:
        """Writes one JSON line per row, as ``redress import`` does."""
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            for row in self:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def _map_rows(
    header: Sequence[Any], rows: Iterable[Sequence[Any]], map: _redress.TableMap, first_row: int = 2
) -> Iterator[str]:
    mapper = _redress.TableMapper(map, [_cell(h).strip() for h in header])
    for number, row in enumerate(rows, start=first_row):
        yield mapper.row([_cell(v) for v in row], number)


def _xlsx_rows(path: Path, sheet: str | None) -> tuple[list[Any], Iterator[Sequence[Any]], Any]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise _redress.InvalidInputError(
            f"{path}: reading .xlsx needs openpyxl (pip install 'redress[xlsx]'), or save the sheet as CSV"
        ) from err
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        header = list(next(rows))
    except StopIteration:
        book.close()
        raise _redress.InvalidInputError(f"{path}: the sheet is empty: the first row must name the columns") from None
    # Trailing empty header cells (a sheet's used range can run past the table) are not columns.
    while header and header[-1] is None:
        header.pop()
    width = len(header)

    def body() -> Iterator[Sequence[Any]]:
        for r in rows:
            cells = list(r)
            if len(cells) > width and all(v is None for v in cells[width:]):
                cells = cells[:width]
            yield cells

    return header, body(), book


def _is_frame(source: Any) -> bool:
    return hasattr(source, "columns") and hasattr(source, "itertuples")


def _lines(source: Source, map: _redress.TableMap, sheet: str | None) -> tuple[Iterator[str], dict, Any]:
    """The JSON lines of a non-CSV source, its statistics so far and anything to close."""
    if _is_frame(source):
        stats = {"encoding": "dataframe", "delimiter": ""}
        tuples = (list(t) for t in source.itertuples(index=False, name=None))
        return _map_rows(list(source.columns), tuples, map), stats, None
    if isinstance(source, (list, tuple)):
        sen2_header, joined = read_sen2_export(source)
        return _map_rows(sen2_header, joined, map), {"encoding": "utf-8", "delimiter": ","}, None
    path = Path(os.fspath(source))
    header, rows, book = _xlsx_rows(path, sheet)
    return _map_rows(header, rows, map), {"encoding": "xlsx", "delimiter": ""}, book


def _is_csv(source: Any) -> bool:
    if _is_frame(source) or isinstance(source, (list, tuple)):
        return False
    return Path(os.fspath(source)).suffix.lower() not in (".xlsx", ".xlsm")


def read_table(source: Source, map: MapLike, *, sheet: str | None = None) -> TableImport:
    """A table as cases: a CSV or .xlsx path, a pandas DataFrame, or (for SEN2) the export's module files.

    One dict per data row, in order: a case, or ``{"row": N, "error": {"column", "value", "message"}}``
    where N is the row's number as a spreadsheet shows it (the header is row 1). Problems with the map or the
    header (an unknown target, a misspelt event, a mapped column missing) raise InvalidInputError.
    """
    m = load_map(map)
    if _is_csv(source):
        text, stats = _redress.import_csv_text(os.fspath(source), m)
        return TableImport((json.loads(line) for line in text.splitlines()), stats)
    lines, stats, book = _lines(source, m, sheet)
    try:
        rows = [json.loads(line) for line in lines]
    finally:
        if book is not None:
            book.close()
    stats = {**stats, "rows": len(rows), "errors": sum("error" in r for r in rows)}
    stats["cases"] = stats["rows"] - stats["errors"]
    return TableImport(rows, stats)


def import_table(source: Source, map: MapLike, out: str | os.PathLike[str], *, sheet: str | None = None) -> dict:
    """Writes one JSON line per data row of the table to ``out`` (streaming, bounded memory); returns the
    statistics: rows, cases, errors, encoding, delimiter."""
    m = load_map(map)
    if _is_csv(source):
        return dict(_redress.import_csv(os.fspath(source), m, os.fspath(out)))
    lines, stats, book = _lines(source, m, sheet)
    rows = errors = 0
    try:
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                rows += 1
                errors += line.startswith('{"row":')
                f.write(line + "\n")
    finally:
        if book is not None:
            book.close()
    return {**stats, "rows": rows, "cases": rows - errors, "errors": errors}


# --- SEN2: the COLLECT export's modules joined ------------------------------------------------------------------

# Each module of the COLLECT (Blade) CSV export is told by the key columns it carries.
_SEN2_MODULES = {
    "sen2": ("sen2tableid", "lea"),
    "requests": ("requeststableid", "receiveddate"),
    "assessment": ("assessmenttableid", "requeststableid"),
    "namedplan": ("namedplantableid", "assessmenttableid"),
    "person": ("persontableid", "personbirthdate"),
}


def _module_of(header: Sequence[str]) -> str | None:
    names = {h.strip().lower() for h in header}
    for module, keys in _SEN2_MODULES.items():
        if all(k in names for k in keys) and not (module == "assessment" and "namedplantableid" in names):
            return module
    return None


def _read_csv(path: str | os.PathLike[str]) -> tuple[list[str], list[list[str]]]:
    reader = _redress.CsvFile(os.fspath(path))
    rows = list(reader)
    if not rows:
        raise _redress.InvalidInputError(f"{path}: is empty: the first row must name the columns")
    return [h.strip().lower() for h in rows[0]], rows[1:]


def read_sen2_export(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[str], list[list[str]]]:
    """The SEN2 COLLECT export's requests, assessment and named-plan modules (and optionally the sen2 module,
    for the authority's code) joined into one table: a row per request, with its assessment (on
    ``requeststableid``) and the assessment's named plan (on ``assessmenttableid``). Where a request has more
    than one assessment, or an assessment more than one named plan, the first in the file is used.
    Returns (header, rows); the column names are the export's, lower-cased; a name two modules share is
    prefixed by the later module's name ("assessment.nativeid")."""
    modules: dict[str, tuple[list[str], list[list[str]]]] = {}
    for p in paths:
        header, rows = _read_csv(p)
        module = _module_of(header)
        if module is None:
            raise _redress.InvalidInputError(
                f"{p}: is not a module of the SEN2 COLLECT export this reader knows "
                "(requests, assessment, named plan, sen2 or person: told by their key columns)"
            )
        modules[module] = (header, rows)
    for needed in ("requests", "assessment", "namedplan"):
        if needed not in modules:
            raise _redress.InvalidInputError(
                f"sen2: the {needed} module is missing: give the requests, assessment and named-plan CSV files"
            )

    def index(module: str, key: str) -> tuple[list[str], dict[str, list[str]]]:
        header, rows = modules[module]
        k = header.index(key)
        out: dict[str, list[str]] = {}
        for r in rows:
            if k < len(r):
                out.setdefault(r[k].strip(), r)
        return header, out

    req_header, req_rows = modules["requests"]
    ass_header, assessments = index("assessment", "requeststableid")
    plan_header, plans = index("namedplan", "assessmenttableid")
    lea = ""
    if "sen2" in modules:
        s_header, s_rows = modules["sen2"]
        if s_rows:
            lea = s_rows[0][s_header.index("lea")].strip()

    header = list(req_header)

    def extend(module: str, names: list[str]) -> None:
        for n in names:
            header.append(f"{module}.{n}" if n in header else n)

    extend("assessment", ass_header)
    extend("namedplan", plan_header)
    header.append("lea")
    rk = req_header.index("requeststableid")
    ak = ass_header.index("assessmenttableid")
    joined: list[list[str]] = []
    for request in req_rows:
        req = request + [""] * (len(req_header) - len(request))
        found = assessments.get(req[rk].strip(), [])
        ass = found + [""] * (len(ass_header) - len(found))
        named = plans.get(ass[ak].strip(), []) if ass[ak].strip() else []
        plan = named + [""] * (len(plan_header) - len(named))
        joined.append(req + ass + plan + [lea])
    return header, joined


# --- The DfE measures over cases ----------------------------------------------------------------------------------

_SUPPRESSED = {"z", "x", "c", "u", "low", ":", ".", ""}


def _typed(column: str, text: str) -> Any:
    if column in ("la_name", "geographic_level"):
        return text
    if text == "z":
        return None
    if column.startswith("pc_") or column.startswith("avg_"):
        return float(text)
    return int(text)


class TimelinessResult:
    """The DfE's 20-week measures over cases: ``rows`` (dicts under the DfE's column names), the data-quality
    ``warnings`` (dicts: line, id, check, message) and ``warning_counts`` per check."""

    def __init__(self, raw: dict, by: Sequence[str]) -> None:
        self.columns: list[str] = list(raw["columns"])
        rows = [dict(zip(self.columns, values)) for values in raw["rows"]]
        if "authority" not in by:
            rows = [r for r in rows if r["geographic_level"] == "National"]
        self._text_rows = rows
        self.rows: list[dict] = [{c: _typed(c, r[c]) for c in self.columns} for r in rows]
        self.warnings: list[dict] = list(raw["warnings"])
        self.warning_counts: dict[str, int] = dict(raw["warning_counts"])
        self.cases: int = int(raw["cases"])
        self.skipped: int = int(raw["skipped"])

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Writes the rows with the DfE's column names ("z" where a denominator is 0, as the DfE writes it)."""
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(self.columns)
            for r in self._text_rows:
                w.writerow([r[c] for c in self.columns])

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame."""
        import pandas as pd  # type: ignore[import-untyped]

        return pd.DataFrame(self.rows, columns=self.columns)

    def __repr__(self) -> str:
        return f"<TimelinessResult {len(self.rows)} rows, {len(self.warnings)} warnings over {self.cases} cases>"


def _by(by: str | Sequence[str]) -> list[str]:
    parts = [p.strip() for p in (by.split(",") if isinstance(by, str) else by) if p.strip()]
    for p in parts:
        if p not in ("authority", "year"):
            raise _redress.InvalidInputError(f"by: {p!r} is not a grouping (use authority, year or both)")
    return parts or ["authority", "year"]


def case_timeliness(cases: Any, by: str | Sequence[str] = ("authority", "year")) -> TimelinessResult:
    """The DfE's 20-week measures over cases: a JSON Lines path, or an iterable of case dicts.

    Plans are counted in the calendar year they were issued; "within 20 weeks" is on or before the day 20
    weeks after the request; "_ex" columns leave out cases with exceptions (``send.exceptions_apply``, or an
    exception interval overlapping the request-to-plan period). Rows are always per year; ``by="year"`` keeps
    only the national (all cases) rows.
    """
    groups = _by(by)
    if isinstance(cases, (str, os.PathLike)):
        return TimelinessResult(_redress.timeliness_of_cases(os.fspath(cases)), groups)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c if isinstance(c, dict) else json.loads(c.to_json())) + "\n")
        return TimelinessResult(_redress.timeliness_of_cases(str(path)), groups)


def timeliness(*args: Any, **kwargs: Any) -> Any:
    """The DfE's timeliness measures.

    ``timeliness(cases, by="authority,year")`` over cases (a JSON Lines path or case dicts) gives a
    :class:`TimelinessResult` with the DfE's column names and the data-quality warnings;
    ``timeliness(authorities, starts, completed, exceptions=None, limit_weeks=20)`` over columns is the
    deadlines layer's measure (rows as dicts), unchanged.
    """
    if len(args) >= 2 or "starts" in kwargs or "authorities" in kwargs:
        return _redress.timeliness(*args, **kwargs)
    return case_timeliness(*args, **kwargs)


def compare_published(result: TimelinessResult, published: str | os.PathLike[str]) -> list[dict]:
    """Differences between our rows and the DfE's published "Timeliness of new EHC plans" CSV
    (timeliness_20_week.csv), per authority and year: dicts of la_name, time_period, column, ours, published.

    Our authority is matched with the published ``la_name``, ``old_la_code`` or ``new_la_code``
    (case-insensitive); only rows in both are compared, on the columns both have (``PC_`` and ``pc_`` are the
    same column). A published value the DfE marks unavailable or not applicable (``x``, ``z``, ``c``, ...) is
    reported as a difference only if ours is a number where theirs is not applicable, or the reverse.
    """
    with open(published, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        pub_rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    ours = {}
    for r in result._text_rows:
        if r["geographic_level"] == "National":
            continue
        ours[(r["la_name"].strip().lower(), r["time_period"])] = r
    diffs: list[dict] = []
    columns = [c for c in result.columns if c not in ("time_period", "geographic_level", "la_name")]
    for p in pub_rows:
        topic = p.get("breakdown_topic", "")
        if topic and not topic.lower().startswith("all") and topic.lower() != "total":
            continue
        if p.get("geographic_level", "Local authority").lower() != "local authority":
            continue
        year = p.get("time_period", "")[:4]
        mine = None
        for key in ("la_name", "old_la_code", "new_la_code"):
            name = p.get(key, "").lower()
            if name and (name, year) in ours:
                mine = ours[(name, year)]
                break
        if mine is None:
            continue
        for c in columns:
            if c.lower() not in p:
                continue
            theirs = p[c.lower()]
            our = mine[c]
            if theirs.lower() in _SUPPRESSED:
                if our == "z" or theirs.lower() != "z":
                    continue
            elif our != "z":
                try:
                    if abs(float(our) - float(theirs)) < 0.05:
                        continue
                except ValueError:
                    pass
            diffs.append(
                {
                    "la_name": mine["la_name"],
                    "time_period": mine["time_period"],
                    "column": c,
                    "ours": our,
                    "published": theirs,
                }
            )
    return diffs
