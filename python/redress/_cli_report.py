"""`redress ledger` and `redress report`: the council's compliance ledger and committee report drafts."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

from . import _redress
from ._cli_files import writes_over_an_input
from .frames import read_cases


def _read_all(paths: list[str]) -> list[_redress.Case]:
    cases: list[_redress.Case] = []
    for path in paths:
        cases.extend(read_cases(path))
    return cases


def _ledger(args: argparse.Namespace, as_of: Callable[[Any], dt.date]) -> int:
    if writes_over_an_input("ledger", [args.csv], args.files):
        return 2
    day = as_of(args.as_of)
    from .report import _same, _unique

    cases = _unique(_read_all(args.files))
    if args.authority:
        cases = [c for c in cases if c.authority and _same(c.authority, args.authority)]
    ledgers = [_redress.case_ledger(c, day) for c in cases]
    if args.csv:
        Path(args.csv).write_text(_redress.ledger_to_csv(ledgers), encoding="utf-8", newline="")
    summary = _redress.summarise_ledgers(ledgers)
    print(f"Compliance ledger as of {day.isoformat()}: {len(cases)} cases")
    print(
        f"{'authority':30} {'year':>6} {'recs':>5} {'due':>5} {'on time':>8} {'late':>5} {'outst.':>6} "
        f"{'undated':>8} {'rate':>7}"
    )
    for y in summary.years:
        year = str(y.year) if y.year is not None else "-"
        rate = f"{y.compliance_rate:.1f}%" if y.compliance_rate is not None else "n/a"
        print(
            f"{y.authority[:30]:30} {year:>6} {y.recommendations:>5} {y.due:>5} {y.on_time:>8} {y.late:>5} "
            f"{y.outstanding:>6} {y.complete_undated:>8} {rate:>7}"
        )
    print("year: the year the recommendations fell due ('-': no due date); undated: complete, date not stated")
    if summary.remedy:
        print("Remedy by year of decision and kind:")
        for t in summary.remedy:
            year = str(t.year) if t.year is not None else "-"
            print(f"  {t.authority[:30]:30} {year:>6} {t.kind:20} {t.amount.format():>12}")
    if args.verbose:
        for lg in ledgers:
            for e in lg.recommendations:
                due = e.due.isoformat() if e.due else "-"
                print(f"  {e.reference} {e.path:20} {due:10} {e.describe()}")
    return 0


def _report(args: argparse.Namespace, as_of: Callable[[Any], dt.date]) -> int:
    from .report import authority_report, report

    if writes_over_an_input("report", [args.output], [*args.files, *(args.history or []), args.docx_template]):
        return 2
    day = as_of(args.as_of)
    if args.authority:
        if args.format != "html":
            print("redress report --authority: the authority page is HTML only", file=sys.stderr)
            return 2
        text: str | bytes = authority_report(args.authority, _read_all(args.files), as_of=day, plots=not args.no_plots)
    else:
        if len(args.files) != 1:
            print("redress report: give one CASE file (or --authority NAME FILES...)", file=sys.stderr)
            return 2
        history = _read_all(args.history or [])
        cases = _read_all(args.files)
        if len(cases) != 1:
            print(f"redress report: {args.files[0]} holds {len(cases)} cases; give a file with one", file=sys.stderr)
            return 2
        text = report(cases[0], history=history, format=args.format, as_of=day, docx_template=args.docx_template)
    if isinstance(text, bytes):
        if not args.output:
            print("redress report --format docx: give -o FILE.docx", file=sys.stderr)
            return 2
        Path(args.output).write_bytes(text)
    elif args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def register(sub: Any, date_option: Callable[[str], dt.date], as_of: Callable[[Any], dt.date]) -> None:
    """Adds `ledger` and `report` to the redress command's subcommands."""
    p = sub.add_parser("ledger", help="recommendations due, met on time, late and outstanding, per authority and year")
    p.add_argument("files", nargs="+", help="case files (.json, .jsonl) or folders")
    p.add_argument("--authority", help="only this council, its predecessors and successors")
    p.add_argument("--csv", help="also write one CSV row per recommendation")
    p.add_argument("--as-of", type=date_option, help="the date verdicts are given as of (default: today)")
    p.add_argument("-v", "--verbose", action="store_true", help="also print every recommendation's verdict")
    p.set_defaults(run=lambda args: _ledger(args, as_of))

    p = sub.add_parser("report", help="the committee report draft on one case, or an authority page")
    p.add_argument("files", nargs="+", help="the case file (or, with --authority, case files and folders)")
    p.add_argument("--history", nargs="*", help="earlier cases to find the same faults in")
    p.add_argument("--authority", help="write the page for this council over all FILES")
    p.add_argument(
        "--format",
        choices=("html", "markdown", "docx"),
        default="html",
        help="html (the default), markdown, or docx (Word, which needs -o)",
    )
    p.add_argument("-o", "--output", help="write here instead of standard output (required for docx)")
    p.add_argument("--as-of", type=date_option, help="the date statuses are given as of (default: today)")
    p.add_argument("--docx-template", help="a council's .docx to take the Word report's styles from")
    p.add_argument("--no-plots", action="store_true", help="authority page without plots")
    p.set_defaults(run=lambda args: _report(args, as_of))
