"""``redress extract``: decision statements, public reports and council reports read into case files.

No flag prints each case as indented JSON (to save and edit); ``--json`` prints it compactly; ``--jsonl -o OUT``
writes one line per input file, an error line (naming the file) for a file that cannot be read, ready for
``redress batch``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import _redress
from ._cli_files import writes_over_an_input


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="read decision or council report texts (text or HTML) into case files")
    p.add_argument("files", nargs="+", metavar="FILE", help="text, Markdown or HTML files; - for standard input")
    p.add_argument("--json", action="store_true", help="compact JSON, one case per line")
    p.add_argument("--jsonl", action="store_true", help="one line per file, written to -o")
    p.add_argument(
        "-o", "--output", help="the case's JSON file to write (one FILE), or with --jsonl the JSON Lines file"
    )
    p.set_defaults(run=run)


def _extract_file(path: str) -> dict:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return _redress.extract(data, source=path)


def _error_line(path: str, err: Exception) -> dict:
    line: dict = {"error": str(err), "source": path}
    for name in ("field", "value", "rule"):
        if getattr(err, name, None) is not None:
            line[name] = getattr(err, name)
    return line


def run(args: argparse.Namespace) -> int:
    if writes_over_an_input("extract", [args.output], args.files):
        return 2
    if args.output and not args.jsonl and len(args.files) != 1:
        print("redress extract: -o writes one case: give one FILE, or --jsonl for a line per file", file=sys.stderr)
        return 2
    if args.jsonl:
        if not args.output:
            print("redress extract: --jsonl needs -o OUT", file=sys.stderr)
            return 2
        errors = 0
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            for path in args.files:
                try:
                    case = _extract_file(path)
                except (_redress.Error, OSError) as err:
                    errors += 1
                    out.write(json.dumps(_error_line(path, err), ensure_ascii=False) + "\n")
                    continue
                out.write(json.dumps(case, ensure_ascii=False) + "\n")
        print(f"{len(args.files)} files: {len(args.files) - errors} cases, {errors} errors -> {args.output}")
        return 1 if errors else 0
    status = 0
    for path in args.files:
        try:
            case = _extract_file(path)
        except (_redress.Error, OSError) as err:
            print(f"error: {path}: {err}", file=sys.stderr)
            status = 1
            continue
        text = json.dumps(case, ensure_ascii=False) if args.json else json.dumps(case, indent=2, ensure_ascii=False)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8", newline="\n")
            print(f"{path}: 1 case -> {args.output}", file=sys.stderr)
        else:
            print(text)
    return status
