"""What the commands check before they write: that no output is one of their inputs under any name."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path


def writes_over_an_input(command: str, outputs: Iterable[str | None], inputs: Iterable[str | None]) -> bool:
    """True, after saying so on standard error, if an output is the same file as an input (a symbolic or hard
    link included), so that the command can stop with exit code 2 before it reads or writes anything."""
    existing: list[str] = []
    for given in inputs:
        if not given or given == "-":
            continue
        if os.path.isdir(given):  # a folder of cases: its *.json files are read
            existing.extend(str(p) for p in sorted(Path(given).glob("*.json")))
        elif os.path.isfile(given):
            existing.append(given)
    for out in outputs:
        if not out or out == "-" or not os.path.exists(out):
            continue
        for given in existing:
            if os.path.samefile(out, given):
                print(f"redress {command}: {out} is an input: it is never written over", file=sys.stderr)
                return True
    return False
