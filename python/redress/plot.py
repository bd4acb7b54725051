"""Plots with matplotlib (``pip install redress[plot]``): a case's timeline, and an authority's view.

Both take an optional ``ax`` and return the matplotlib Axes, so they fit into any figure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import _redress

# DfE national 20-week timeliness, new plans issued in the calendar year, excluding exceptions
# (the DfE's "Education, health and care plans" statistics: timeliness_20_week.csv and sen2_mi.csv).
NATIONAL_20_WEEK_EXCLUDING_EXCEPTIONS = {
    2015: 59.2,
    2016: 58.6,
    2017: 64.9,
    2018: 60.1,
    2019: 60.4,
    2020: 58.0,
    2021: 59.9,
    2022: 49.2,
    2023: 50.3,
    2024: 46.4,
}

_COLOURS = {
    "met_on_time": "tab:green",
    "met_late": "tab:orange",
    "pending": "tab:blue",
    "overdue": "tab:red",
    "window_open": "tab:cyan",
    "window_closed": "tab:gray",
}


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("redress plots need matplotlib: pip install 'redress[plot]'") from err
    return plt


def _label(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _period_span(period: _redress.LostProvision, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The dates a lost-provision period covers, for shading: month ranges, date ranges and open periods."""

    def as_date(value: object, end: bool) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and len(value) == 7:  # YYYY-MM: the first day, or the day after the month
            y, m = map(int, value.split("-"))
            return dt.date(y + (m == 12), m % 12 + 1, 1) if end else dt.date(y, m, 1)
        return None

    start = as_date(period.start, end=False)
    finish = as_of if period.open else as_date(period.end, end=True)
    if start is None or finish is None:
        return None  # a length-only period has no dates
    if isinstance(period.end, dt.date) and not period.open:
        finish = period.end + dt.timedelta(days=1)  # inclusive end
    return start, finish


def case_timeline(case: _redress.Case, *, as_of: dt.date | None = None, ax: Any = None) -> Any:
    """One row per event (black dots) and one per deadline (diamonds coloured by status, a thin line to when it
    was met, a thick red span while late), each labelled on the left with the event name or the rule's title;
    lost-provision periods (month ranges, date ranges and open periods) shaded purple, school holidays on the
    default calendar grey, the as-of date dotted, and a legend of what each mark means."""
    plt = _pyplot()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    as_of = as_of or dt.date.today()
    report = case.evaluate(as_of)
    deadlines = sorted((d for d in report.deadlines if d.due is not None), key=lambda d: d.due)
    events = sorted(list(case.events) + [_redress.Event(k, v) for k, v in case.dates.items()], key=lambda e: e.date)
    if ax is None:
        rows = len(events) + len(deadlines)
        _, ax = plt.subplots(figsize=(12, max(3.5, 1.2 + 0.28 * rows)), layout="constrained")
    periods = [span for p in (case.remedy.lost_provision if case.remedy else []) if (span := _period_span(p, as_of))]
    dates = [e.date for e in events] + [d.due for d in deadlines] + [d.met for d in deadlines if d.met is not None]
    dates += [day for span in periods for day in span]
    if not dates:
        dates = [as_of]
    first, last = min(dates) - dt.timedelta(days=30), max(max(dates), as_of) + dt.timedelta(days=30)

    # School holidays on the default calendar, as faint bands.
    school = _redress.SchoolCalendar.default()
    day, in_holiday, start = first, False, first
    while day <= last:
        closed = day.weekday() < 5 and not school.is_school_day(day)
        if closed and not in_holiday:
            in_holiday, start = True, day
        elif not closed and day.weekday() < 5 and in_holiday:
            in_holiday = False
            if (day - start).days > 6:
                ax.axvspan(start, day, color="0.92", zorder=0)
        day += dt.timedelta(days=1)
    for begin, finish in periods:
        ax.axvspan(begin, finish, color="tab:purple", alpha=0.15, zorder=1)

    # Rows from the top: events first, then deadlines by due date.
    labels: list[str] = []
    y = 0
    for event in events:
        y -= 1
        ax.plot(event.date, y, "ko", markersize=4, zorder=3)
        labels.append(_label(event.name.replace("_", " ")))
    statuses = []
    for d in deadlines:
        y -= 1
        colour = _COLOURS.get(d.status.name, "k")
        statuses.append(d.status.name)
        if d.met is not None:
            ax.plot([d.due, d.met], [y, y], color=colour, linewidth=1, zorder=2)
        if d.days_late:
            end = d.met if d.met is not None else as_of
            ax.plot([d.due, end], [y, y], color="tab:red", linewidth=4, alpha=0.4, zorder=2)
        ax.plot(d.due, y, "D", color=colour, zorder=3)
        labels.append(_label(d.title))
    ax.set_yticks(range(-1, y - 1, -1), labels, fontsize=8)
    ax.set_ylim(y - 0.8, 0.2)
    if events and deadlines:
        ax.axhline(-len(events) - 0.5, color="0.6", linewidth=0.6)
    ax.axvline(as_of, color="k", linestyle=":", linewidth=1)
    ax.set_xlim(first, last)
    ax.grid(axis="x", color="0.85", linewidth=0.5)

    handles = [Line2D([], [], marker="o", color="k", linestyle="", markersize=4, label="event")]
    for status in [*_COLOURS, *sorted(set(statuses) - set(_COLOURS))]:  # not_applicable and the like in black
        if status in statuses:
            label = "deadline: " + status.replace("_", " ")
            colour = _COLOURS.get(status, "k")
            handles.append(Line2D([], [], marker="D", color=colour, linestyle="", label=label))
    if any(d.days_late for d in deadlines):
        handles.append(Line2D([], [], color="tab:red", linewidth=4, alpha=0.4, label="late"))
    if periods:
        handles.append(Patch(color="tab:purple", alpha=0.15, label="lost provision"))
    handles.append(Patch(color="0.92", label="school holiday"))
    handles.append(Line2D([], [], color="k", linestyle=":", linewidth=1, label=f"as of {as_of.isoformat()}"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title(f"{case.reference} {case.authority}: timeline as of {as_of.isoformat()}")
    return ax


def authority_view(frame: Any, *, authority: str | None = None, ax: Any = None) -> Any:
    """From a ``timeliness(...)`` rows list or DataFrame: 20-week timeliness by year (excluding exceptions), one
    line per authority (or only ``authority``), against the national rate; with a remedy-lines frame
    (``to_frame("remedy_lines")``), totals by kind."""
    plt = _pyplot()
    import pandas as pd

    data = pd.DataFrame(frame)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4), layout="constrained")
    if "PC_plans_issued_20_weeks_ex" in data.columns:
        if authority is not None:
            names = [authority]
        else:  # every authority in the rows, in order of first appearance
            names = list(dict.fromkeys(a for a in data["la_name"] if a != "England")) or ["England"]
        for name in names:
            rows = data[data["la_name"] == name].sort_values("time_period")
            ax.plot(rows["time_period"], rows["PC_plans_issued_20_weeks_ex"], "o-", label=name)
        years = sorted(NATIONAL_20_WEEK_EXCLUDING_EXCEPTIONS)
        ax.plot(
            years, [NATIONAL_20_WEEK_EXCLUDING_EXCEPTIONS[y] for y in years], "s--", color="0.5", label="England (DfE)"
        )
        ax.set_ylabel("% of new EHC plans within 20 weeks")
        ax.set_ylim(0, 100)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        ax.set_title("20-week timeliness, excluding exceptions")
    elif "amount_pence" in data.columns:
        if authority is not None:
            data = data[data["authority"] == authority]
        totals = data.groupby("kind", observed=True)["amount_pence"].sum().astype("int64") / 100
        totals.sort_values().plot.barh(ax=ax, color="tab:purple")
        ax.set_xlabel("£ owed")
        ax.set_title(f"Remedy totals by kind{': ' + authority if authority else ''}")
    else:
        raise _redress.InvalidInputError("frame: has neither timeliness columns nor remedy lines")
    return ax
