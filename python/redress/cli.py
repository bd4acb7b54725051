"""The redress command: remedies, deadlines, checks and batches of case files (redress.case/1).

Exit codes: 0 fine; 1 the case, or some cases of a batch, had errors; 2 bad usage; 3 the output could not be
written (a full disk: the message names the file and the reason).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import textwrap
from pathlib import Path
from typing import TextIO

from . import _cli_extract, _redress, _rules

# C0 and C1 control characters but tab and newline: case data could carry ANSI escapes that would move the
# cursor, recolour or retitle a terminal. Printed to a terminal, each is shown as \x.. instead.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def visible(text: str) -> str:
    """Control characters (escape sequences included) written as \\xNN, so that they show rather than act."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _print(text: str = "", *, file: TextIO | None = None, end: str = "\n") -> None:
    """print(), with case data's control characters made visible when the stream is a terminal."""
    stream = sys.stdout if file is None else file
    print(visible(text) if _is_terminal(stream) else text, file=stream, end=end)


def _count(n: int, word: str) -> str:
    """ "1 case", "2 cases"."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def _jobs_option(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of threads: give a whole number, 1 or more")
    return jobs


def _date_option(text: str) -> dt.date:
    """--as-of: a bad date is bad usage (exit 2); argparse names the option once."""
    try:
        return _redress.parse_date(text, "--as-of")
    except _redress.Error as err:
        raise argparse.ArgumentTypeError(f"{text!r} {err.rule}") from err


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
    _print(f"error: {err}", file=sys.stderr)
    return 1


def _remedy(args: argparse.Namespace) -> int:
    case = _read(args.case)
    report = json.loads(case.report_json(_as_of(args.as_of)))
    if case.remedy is None:
        _print(f"{case.reference}: the case has no remedy section", file=sys.stderr)
        return 1
    if args.json:
        keys = ("reference", "authority", "total", "lines", "warnings", "audit", "remedy")
        print(json.dumps({k: report[k] for k in keys}, indent=2, ensure_ascii=False))
    else:
        breakdown = case.evaluate(_as_of(args.as_of), deadlines=False).remedy
        _print(f"{case.reference} {case.authority}")
        _print(breakdown.explain() if breakdown else "", end="")
    return 0


def _same_file(a: str, b: str) -> bool:
    # The same file by any name (a symbolic or hard link included).
    return a != "-" and b != "-" and Path(a).exists() and Path(b).exists() and os.path.samefile(a, b)


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
    if args.ics and _same_file(args.ics, args.case):
        print(f"redress deadlines: --ics {args.ics} is the case file: it would be overwritten", file=sys.stderr)
        return 2
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
    _print(f"{case.reference} {case.authority}: deadlines as of {as_of.isoformat()}")
    for d in report.deadlines:
        due = d.due.isoformat() if d.due else "-"
        late = f" ({d.days_late} days late)" if d.days_late else ""
        net = " [exception applies]" if d.exceptions else ""
        _print(f"  {due:10}  {d.status.name:15}{late}{net}  {d.title}")
        computable = d.status != _redress.DeadlineStatus.not_computable
        _print(f"              {d.explanation if computable else d.reason}")
        for finding in d.exception_findings:
            if not finding.applied:
                _print(f"              exception {finding.type} not applied: {finding.reason}")
    for r in report.recommendations:
        due = r.due.isoformat() if r.due else "-"
        status = r.recommendation.status
        if r.overdue:
            flag = f"OVERDUE by {r.days_overdue} days"
        elif status is not None:
            flag = status.name
        else:  # the case does not say how the recommendation stands
            flag = "status not recorded"
        _print(f"  {due:10}  recommendation {r.recommendation.kind}: {flag}")
    return 0


def _rules_command(args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps(_rules.rows(), indent=2, ensure_ascii=False))
    else:
        print(_rules.text_table(), end="")
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
            _print(f"error: {fault.message}", file=sys.stderr)
        _print(f"{_count(len(errors), 'error')}: the case is refused", file=sys.stderr)
        return 1
    case = _redress.Case.from_json(text)
    _print(f"ok: {case.reference if case.reference is not None else case.id} {case.authority}")
    for fault in faults:
        _print(f"warning: {fault.message}")
    return 0


def same_file(a: str, b: str) -> bool:
    return Path(a).exists() and Path(b).exists() and os.path.samefile(a, b)


def _batch(args: argparse.Namespace) -> int:
    # "-" is standard output, written in place through /dev/stdout (the library writes a device or a symbolic
    # link in place, never a file renamed over it); the command's own summary then goes to standard error so
    # that standard output holds only the rows.
    if args.csv == "-" and args.output == "-":
        print("redress batch: -o - and --csv - would both write to standard output: give one a file", file=sys.stderr)
        return 2
    args.input = "/dev/stdin" if args.input == "-" else args.input
    shown = "standard output" if args.output == "-" else args.output
    args.output = "/dev/stdout" if args.output == "-" else args.output
    args.csv = "/dev/stdout" if args.csv == "-" else args.csv
    report = sys.stderr if "/dev/stdout" in (args.output, args.csv) else sys.stdout
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
            print(json.dumps(summary, indent=2, ensure_ascii=False), file=report)
        else:
            _print(text, end="", file=report)
    else:
        counts = f"{_count(summary['lines'], 'line')}: {_count(summary['cases'], 'case')}"
        _print(f"{counts}, {_count(summary['errors'], 'error')} -> {shown}", file=report)
    return 1 if summary["errors"] else 0


_DATE = "a date written YYYY-MM-DD, e.g. 2026-11-22"
_AS_OF = f"the date statuses are worked out as of: {_DATE} (default: today)"
_EXIT = """exit codes:
  0  fine
  1  the case, or some cases of a batch, had errors (each is reported with its JSON path)
  2  bad usage: an unknown option, a malformed --as-of, an output that would overwrite the input
  3  the output could not be written (a full disk: the message names the file and the reason)"""
_CASE = "a redress.case/1 JSON file (docs/case-format.md), or - to read it from standard input"


def _sub(sub: argparse._SubParsersAction, name: str, summary: str, description: str, examples: str):
    return sub.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description, 100),
        epilog=f"example:\n{examples}\n\n{_EXIT}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redress",
        description=textwrap.fill(
            "Remedies, statutory deadlines, checks and batches of SEND complaint case files "
            "(redress.case/1, described in docs/case-format.md). Dates are written YYYY-MM-DD. "
            "Run 'redress COMMAND --help' for a command's arguments and an example.",
            100,
        ),
        epilog=_EXIT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"redress {_redress.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _sub(
        sub,
        "remedy",
        "what the case's remedy comes to, line by line",
        "Works out the remedy section of a case: each lost-provision period and payment, how it was counted, "
        "the total, the guidance it was checked against, and whether the stated total agrees.",
        "  redress remedy examples/cases/dorset-21-002-722.json",
    )
    p.add_argument("case", help=_CASE)
    p.add_argument("--json", action="store_true", help="print the report as JSON (total, lines, warnings, audit)")
    p.add_argument(
        "--as-of", type=_date_option, metavar="DATE", help=f"closes open-ended periods: {_DATE} (default: today)"
    )
    p.set_defaults(run=_remedy)

    p = _sub(
        sub,
        "deadlines",
        "every deadline of the case with its status",
        "Lists every statutory deadline the case's events make relevant (docs/deadlines.md), with its due date, "
        "its status as of a date, and the law behind it; then the recommendations and whether any is overdue.",
        "  redress deadlines examples/cases/dudley-17-016-386.json --as-of 2026-11-22 --ics dudley.ics",
    )
    p.add_argument("case", help=_CASE)
    p.add_argument("--as-of", type=_date_option, metavar="DATE", help=_AS_OF)
    p.add_argument("--json", action="store_true", help="print the deadlines as JSON")
    p.add_argument(
        "--ics",
        metavar="FILE",
        help="also write the deadlines still open as an iCalendar file for Outlook or any calendar "
        "(refused if FILE is the case file)",
    )
    p.add_argument(
        "--procedures",
        metavar="FILE",
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

    p = _sub(
        sub,
        "check",
        "validate a case file",
        "Reads a case file and reports what is wrong with it, each fault with its JSON path; prints 'ok' "
        "with the case's reference and authority when there is nothing.",
        "  redress check examples/cases/dorset-21-002-722.json",
    )
    p.add_argument("case", help=_CASE)
    p.add_argument(
        "--as-of",
        type=_date_option,
        metavar="DATE",
        help=f"closes open-ended periods for the warnings: {_DATE} (default: today)",
    )
    p.set_defaults(run=_check)

    p = _sub(
        sub,
        "batch",
        "a JSON Lines file of cases: one output line per input line",
        "Streams a JSON Lines file (one case per line) and writes exactly one JSON line per input line, in order: "
        "the case's result, or an error naming the line, the JSON path and what is wrong. It never stops at a bad "
        "line and never writes over its input.",
        "  redress batch cases.jsonl -o results.jsonl --csv results.csv --summary",
    )
    p.add_argument("input", help="the JSON Lines file of cases to read, or - for standard input")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the JSON Lines file of results to write, or - for standard output",
    )
    p.add_argument("--csv", metavar="FILE", help="also write one CSV row per input line (- for standard output)")
    p.add_argument(
        "--summary",
        action="store_true",
        help="print the summary per authority: cases, errors, totals owed, overdue deadlines, repeat faults",
    )
    p.add_argument("--detail", action="store_true", help="each output line carries the case's full report")
    p.add_argument(
        "--remedy-only",
        action="store_true",
        help="remedies only, no deadlines or recommendations: the fast path for very large files",
    )
    p.add_argument("--json", action="store_true", help="with --summary: print the summary as JSON")
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
    p.add_argument("--as-of", type=_date_option, metavar="DATE", help=_AS_OF)
    p.set_defaults(run=_batch)

    p = _sub(
        sub,
        "rules",
        "list the statutory rules redress knows",
        "Lists the rule catalogue: each rule's id (as deadlines report it), what is due, its length, the event "
        "that starts it, the events that meet it, its legal source and how well it is established.",
        "  redress rules --json",
    )
    p.add_argument("--json", action="store_true", help="print the rules as JSON")
    p.set_defaults(run=_rules_command)

    _cli_extract.add_parser(sub)

    from ._cli_report import register

    register(sub, _date_option, _as_of)

    from ._cli_import import add_commands

    add_commands(sub)
    examples = {
        "ledger": "  redress ledger examples/cases --as-of 2026-11-22",
        "report": "  redress report examples/cases/dorset-21-002-722.json -o report.html",
    }
    for name, example in examples.items():
        if name in sub.choices:  # the same example and exit codes as every other command's help
            sub.choices[name].epilog = f"example:\n{example}\n\n{_EXIT}"
            sub.choices[name].formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except _redress.Error as err:
        return _error(err)
    except BrokenPipeError:
        # The reader of the output went away (`redress ledger ... | head`): stop quietly, as a Unix tool killed by
        # SIGPIPE would, with its status (128 + 13). Standard output is pointed at /dev/null so that Python's
        # final flush of what is still buffered cannot raise the same error again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141
    except OSError as err:
        _print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
