"""Plots with matplotlib (``pip install redress[plot]``): a case's timeline, and an authority's view.

Both take an optional ``ax`` and return the matplotlib Axes, so they fit into any figure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import _redress

# DfE national 20-week timeliness, new plans issued in the calendar year, excluding exceptions
# (shared/domain/deadlines.md section 6.2, from the DfE's timeliness_20_week.csv and sen2_mi.csv).
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


def case_timeline(case: _redress.Case, *, as_of: dt.date | None = None, ax: Any = None) -> Any:
    """Events as points, deadlines as markers coloured by status with a line to when they were met, lateness as
    red spans, lost-provision month ranges shaded, and school holidays (default calendar) as grey bands."""
    plt = _pyplot()
    as_of = as_of or dt.date.today()
    report = case.evaluate(as_of)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.5))
    deadlines = [d for d in report.deadlines if d.due is not None]
    dates = [e.date for e in case.events] + list(case.dates.values()) + [d.due for d in deadlines]
    dates += [d.met for d in deadlines if d.met is not None]
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

    # Lost provision given as month ranges.
    if case.remedy is not None:
        for period in case.remedy.lost_provision:
            if period.form == "months" and period.end is not None:
                y0, m0 = map(int, str(period.start).split("-"))
                y1, m1 = map(int, str(period.end).split("-"))
                end = dt.date(y1 + (m1 == 12), m1 % 12 + 1, 1)
                ax.axvspan(dt.date(y0, m0, 1), end, color="tab:purple", alpha=0.12, zorder=1)

    events = list(case.events) + [_redress.Event(k, v) for k, v in case.dates.items()]
    for n, event in enumerate(sorted(events, key=lambda e: e.date)):
        ax.plot(event.date, 0, "ko", markersize=4)
        ax.annotate(
            event.name,
            (event.date, 0),
            xytext=(0, 8 + 10 * (n % 3)),
            textcoords="offset points",
            fontsize=7,
            rotation=30,
        )
    for y, d in enumerate(sorted(deadlines, key=lambda d: d.due), start=1):
        colour = _COLOURS.get(d.status.name, "k")
        ax.plot(d.due, -y, "D", color=colour)
        if d.met is not None:
            ax.plot([d.due, d.met], [-y, -y], color=colour, linewidth=1)
        if d.days_late:
            end = d.met if d.met is not None else as_of
            ax.plot([d.due, end], [-y, -y], color="tab:red", linewidth=3, alpha=0.5)
        ax.annotate(d.rule, (d.due, -y), xytext=(4, -3), textcoords="offset points", fontsize=7)
    ax.axvline(as_of, color="k", linestyle=":", linewidth=1)
    ax.set_xlim(first, last)
    ax.set_yticks([])
    ax.set_title(f"{case.reference} {case.authority}: timeline as of {as_of.isoformat()}", pad=48)
    return ax


def authority_view(frame: Any, *, authority: str | None = None, ax: Any = None) -> Any:
    """From a ``timeliness(...)`` rows list or DataFrame: 20-week timeliness by year (excluding exceptions)
    against the national rate; with a remedy-lines frame (``to_frame("remedy_lines")``), totals by kind."""
    plt = _pyplot()
    import pandas as pd

    data = pd.DataFrame(frame)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    if "PC_plans_issued_20_weeks_ex" in data.columns:
        name = authority or next((a for a in data["la_name"] if a != "England"), "England")
        rows = data[data["la_name"] == name].sort_values("time_period")
        ax.plot(rows["time_period"], rows["PC_plans_issued_20_weeks_ex"], "o-", label=name)
        years = sorted(NATIONAL_20_WEEK_EXCLUDING_EXCEPTIONS)
        ax.plot(
            years, [NATIONAL_20_WEEK_EXCLUDING_EXCEPTIONS[y] for y in years], "s--", color="0.5", label="England (DfE)"
        )
        ax.set_ylabel("% of new EHC plans within 20 weeks")
        ax.set_ylim(0, 100)
        ax.legend()
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
