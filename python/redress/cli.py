"""The redress command: remedies, deadlines, checks and batches of case files (redress.case/1).

Exit codes: 0 fine; 1 the case (or some cases of a batch) had errors; 2 bad usage; 3 the output could not be
written (a full disk: the message names the file and the reason).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from . import _cli_extract, _redress


def _jobs_option(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of threads: give a whole number, 1 or more")
    return jobs


def _date_option(text: str) -> dt.date:
    """--as-of: a bad date is bad usage (exit 2), reported by argparse."""
    try:
        return _redress.parse_date(text, "--as-of")
    except _redress.Error as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def _as_of(value: dt.date | None) -> dt.date:
    return dt.date.today() if value is None else value


def _read(path: str) -> _redress.Case:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _redress.InvalidInputError(
            f"{path}: byte 0x{data[err.start]:02x} at position {err.start} is not UTF-8: case files are UTF-8 JSON"
        ) from err
    return _redress.Case.from_json(text)


def _error(err: _redress.Error) -> int:
    print(f"error: {err}", file=sys.stderr)
    return 1


def _remedy(args: argparse.Namespace) -> int:
    case = _read(args.case)
    report = json.loads(case.report_json(_as_of(args.as_of)))
    if case.remedy is None:
        print(f"{case.reference}: the case has no remedy section", file=sys.stderr)
        return 1
    if args.json:
        keys = ("reference", "authority", "total", "lines", "warnings", "audit", "remedy")
        print(json.dumps({k: report[k] for k in keys}, indent=2, ensure_ascii=False))
    else:
        breakdown = case.evaluate(_as_of(args.as_of), deadlines=False).remedy
        print(f"{case.reference} {case.authority}")
        print(breakdown.explain() if breakdown else "", end="")
    return 0


def _catalogue(args: argparse.Namespace, authority: str) -> _redress.RuleCatalogue:
    """The rule catalogue with the council's own complaint procedure (--procedures) and any --setting applied."""
    catalogue = _redress.RuleCatalogue.standard()
    if args.procedures:
        table = _redress.complaint_procedures_from_json(Path(args.procedures).read_text(encoding="utf-8"))
        procedure = _redress.find_procedure(table, authority)
        if procedure is not None:
            catalogue = catalogue.with_procedure(procedure)
        else:
            print(
                f"note: {args.procedures} has no procedure for {authority}: the Code's timescales apply",
                file=sys.stderr,
            )
    for item in args.setting or []:
        name, sep, value = item.partition("=")
        if not sep or not value.strip().lstrip("-").isdigit():
            raise _redress.InvalidInputError(
                f"--setting {item!r}: not NAME=whole number (e.g. stage1_response_days=20)"
            )
        catalogue = catalogue.with_setting(name.strip(), int(value))
    return catalogue


def _deadlines(args: argparse.Namespace) -> int:
    case = _read(args.case)
    as_of = _as_of(args.as_of)
    report = case.evaluate(as_of, remedy=False, catalogue=_catalogue(args, case.authority))
    if args.ics:
        Path(args.ics).write_text(
            _redress.to_icalendar(report.deadlines, str(case.reference), as_of), encoding="utf-8", newline=""
        )
    if args.json:
        print(json.dumps(json.loads(_redress.deadlines_to_json(report.deadlines)), indent=2, ensure_ascii=False))
        return 0
    print(f"{case.reference} {case.authority}: deadlines as of {as_of.isoformat()}")
    for d in report.deadlines:
        due = d.due.isoformat() if d.due else "-"
        late = f" ({d.days_late} days late)" if d.days_late else ""
        net = " [exception applies]" if d.exceptions else ""
        print(f"  {due:10}  {d.status.name:15}{late}{net}  {d.title}")
        computable = d.status != _redress.DeadlineStatus.not_computable
        print(f"              {d.explanation if computable else d.reason}")
        for finding in d.exception_findings:
            if not finding.applied:
                print(f"              exception {finding.type} not applied: {finding.reason}")
    for r in report.recommendations:
        due = r.due.isoformat() if r.due else "-"
        flag = f"OVERDUE by {r.days_overdue} days" if r.overdue else r.recommendation.status.name
        print(f"  {due:10}  recommendation {r.recommendation.kind}: {flag}")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Every fault of the case in one run, each with its JSON path; then what the remedy would warn of."""
    data = sys.stdin.buffer.read() if args.case == "-" else Path(args.case).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        print(
            f"error: {args.case}: byte 0x{data[err.start]:02x} at position {err.start} is not UTF-8: "
            "case files are UTF-8 JSON",
            file=sys.stderr,
        )
        return 1
    faults = _redress.check_case(text, _as_of(args.as_of))
    errors = [f for f in faults if f.severity == "error"]
    if errors:
        for fault in errors:
            print(f"error: {fault.message}", file=sys.stderr)
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}: the case is refused", file=sys.stderr)
        return 1
    case = _redress.Case.from_json(text)
    print(f"ok: {case.reference if case.reference is not None else case.id} {case.authority}")
    for fault in faults:
        print(f"warning: {fault.message}")
    return 0


def same_file(a: str, b: str) -> bool:
    return Path(a).exists() and Path(b).exists() and os.path.samefile(a, b)


def _batch(args: argparse.Namespace) -> int:
    targets = [args.output] + ([args.csv] if args.csv else [])

    def same(target: str) -> bool:
        # The same file by any name (a symbolic or hard link included).
        return Path(target).exists() and Path(args.input).exists() and os.path.samefile(target, args.input)

    if any(same(t) for t in targets):
        print(f"redress batch: {args.input} is the input: the batch never writes over it", file=sys.stderr)
        return 2
    if Path(args.input).is_dir():
        print(f"redress batch: {args.input} is a directory: give one JSON Lines file", file=sys.stderr)
        return 2
    if args.csv and (args.csv == args.output or (Path(args.csv).exists() and same_file(args.csv, args.output))):
        print(f"redress batch: --csv {args.csv} is also the output: give the CSV a name of its own", file=sys.stderr)
        return 2
    try:
        summary, text = _redress.run_batch(
            args.input,
            args.output,
            as_of=_as_of(args.as_of),
            csv=args.csv or "",
            detail=args.detail,
            deadlines=not args.remedy_only,
            resume=args.resume,
            jobs=args.jobs,
        )
    except _redress.InvalidInputError as err:
        print(f"redress batch: {err}", file=sys.stderr)
        return 2
    except _redress.Error as err:
        print(f"redress batch: {err}", file=sys.stderr)
        return 3
    if args.summary:
        if args.json:
            print(json.dumps(summary, indent=2, ensure_ascii=False))
        else:
            print(text, end="")
    else:
        print(f"{summary['lines']} lines: {summary['cases']} cases, {summary['errors']} errors -> {args.output}")
    return 1 if summary["errors"] else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="redress", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"redress {_redress.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("remedy", help="what the case's remedy comes to, line by line")
    p.add_argument("case", help="a redress.case/1 file, or - for standard input")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--as-of", type=_date_option, help="closes open-ended periods (default: today)")
    p.set_defaults(run=_remedy)

    p = sub.add_parser("deadlines", help="every deadline of the case with its status")
    p.add_argument("case")
    p.add_argument("--as-of", type=_date_option, help="the date statuses are given as of (default: today)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--ics", help="also write the open deadlines as an iCalendar (.ics) file")
    p.add_argument(
        "--procedures",
        help="a redress.complaint_procedures/1 JSON table of councils' own complaint timescales; "
        "the case's authority's entry replaces the Complaint Handling Code's",
    )
    p.add_argument(
        "--setting",
        action="append",
        metavar="NAME=VALUE",
        help="a catalogue setting, repeatable: stage1_response_days=20, s31_2A_day_after=0, ...",
    )
    p.set_defaults(run=_deadlines)

    p = sub.add_parser("check", help="validate a case file: every fault in one run, with its JSON path")
    p.add_argument("case")
    p.add_argument("--as-of", type=_date_option, help="closes open-ended periods for the warnings (default: today)")
    p.set_defaults(run=_check)

    p = sub.add_parser("batch", help="a JSON Lines file of cases: one output line per input line")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--csv", help="also write one CSV row per input line")
    p.add_argument("--summary", action="store_true", help="print the summary per authority")
    p.add_argument("--detail", action="store_true", help="each output line carries the full case report")
    p.add_argument(
        "--remedy-only",
        action="store_true",
        help="remedies only, no deadlines or recommendations: the fast path for very large files",
    )
    p.add_argument("--json", action="store_true", help="the summary as JSON")
    p.add_argument(
        "--resume",
        action="store_true",
        help="go on from an interrupted run (OUTPUT.part) after its last whole line instead of starting again",
    )
    p.add_argument(
        "--jobs",
        type=_jobs_option,
        default=0,
        help="threads working blocks of lines in parallel (default: the number of cores); the output is the same",
    )
    p.add_argument("--as-of", type=_date_option, help="the date statuses are given as of (default: today)")
    p.set_defaults(run=_batch)

    _cli_extract.add_parser(sub)

    from ._cli_report import register

    register(sub, _date_option, _as_of)

    from ._cli_import import add_commands

    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except _redress.Error as err:
        return _error(err)
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
