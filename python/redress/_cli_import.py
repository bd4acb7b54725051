"""The `redress import` and `redress timeliness` commands (registered by cli.py)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import tables
from ._cli_files import writes_over_an_input


def _import(args: argparse.Namespace) -> int:
    sources = args.table
    source = sources if len(sources) > 1 else sources[0]
    if args.output and any(Path(args.output).exists() and os.path.samefile(args.output, s) for s in sources):
        print(f"redress import: {args.output} is an input: import never writes over it", file=sys.stderr)
        return 2
    if writes_over_an_input("import", [args.output], [args.map]):
        return 2
    m = tables.load_map(args.map)
    if args.output:
        stats = tables.import_table(source, m, args.output, sheet=args.sheet)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "cases.jsonl"
            stats = tables.import_table(source, m, out, sheet=args.sheet)
            sys.stdout.flush()
            with open(out, encoding="utf-8") as f:
                shutil.copyfileobj(f, sys.stdout)
    if stats.get("encoding") == "windows-1252":
        print(
            "redress import: the file is not UTF-8: read as Windows-1252 (what Excel writes when saving as "
            "plain CSV on Windows); check names with accents and the £ sign in the output",
            file=sys.stderr,
        )
    where = f" -> {args.output}" if args.output else ""
    errors = stats["errors"]
    print(
        f"redress import: {stats['rows']} rows: {stats['cases']} cases, {errors} error{'s' if errors != 1 else ''}"
        f"{where}",
        file=sys.stderr,
    )
    return 1 if errors else 0


def _timeliness(args: argparse.Namespace) -> int:
    if writes_over_an_input("timeliness", [args.csv], [args.cases, args.compare]):
        return 2
    result = tables.case_timeliness(args.cases, by=args.by)
    if args.csv:
        result.to_csv(args.csv)
    shown = (
        "time_period",
        "la_name",
        "plans_issued_den",
        "pc_plans_issued_within_20_weeks",
        "plans_issued_den_ex",
        "pc_plans_issued_20_weeks_ex",
        "avg_weeks_issue_plan",
    )
    heads = ("year", "authority", "plans", "% in 20 wks", "plans (ex)", "% in 20 wks (ex)", "avg weeks")
    print(f"{heads[0]:<6}{heads[1]:<28}{heads[2]:>7}{heads[3]:>13}{heads[4]:>12}{heads[5]:>18}{heads[6]:>11}")
    for r in result._text_rows:
        v = [r[c] for c in shown]
        print(f"{v[0]:<6}{v[1][:27]:<28}{v[2]:>7}{v[3]:>13}{v[4]:>12}{v[5]:>18}{v[6]:>11}")
    counts = ", ".join(f"{k} {n}" for k, n in result.warning_counts.items())
    print(f"data-quality warnings: {len(result.warnings)} ({counts})")
    for w in result.warnings:
        print(f"  line {w['line']} {w['id']}: {w['check']}: {w['message']}")
    if result.skipped:
        print(f"{result.skipped} lines were not cases (an import's error lines, or not JSON) and were left out")
    if args.compare:
        diffs = tables.compare_published(result, args.compare)
        if not diffs:
            print(f"compared with {args.compare}: no differences")
        else:
            print(f"compared with {args.compare}: {len(diffs)} differences")
            for d in diffs:
                print(
                    f"  {d['la_name']} {d['time_period']}: {d['column']}: ours {d['ours']}, published {d['published']}"
                )
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="a spreadsheet (CSV or .xlsx) into cases, one JSON line per row")
    p.add_argument("table", nargs="+", help="a CSV or .xlsx file (for --map sen2: the export's module CSV files)")
    p.add_argument("--map", required=True, help="a column map (JSON file) or a preset: sen2, annex-a-sen")
    p.add_argument("-o", "--output", help="the JSON Lines file to write (default: standard output)")
    p.add_argument("--sheet", help="the .xlsx sheet to read (default: the first)")
    p.set_defaults(run=_import)

    p = sub.add_parser("timeliness", help="the DfE's 20-week measures and data-quality checks over cases")
    p.add_argument("cases", help="a JSON Lines file of cases (as redress import writes)")
    p.add_argument("--by", default="authority,year", help="authority,year (default) or year (national only)")
    p.add_argument("--csv", help="write the rows under the DfE's column names to this CSV file")
    p.add_argument("--compare", help="the DfE's published timeliness CSV: print the differences")
    p.set_defaults(run=_timeliness)
