"""Regenerates the tables that come from the rule catalogue (data/rules/catalogue.json, compiled into redress):
the rule table in docs/deadlines.md and the event table in docs/case-format.md, between their marker comments.

Run with an installed redress after changing the catalogue:  python scripts/gen_rule_docs.py
With --check it changes nothing and exits 1 if a table is out of date (tests/python/test_docs.py does the same).
"""

from __future__ import annotations

import pathlib
import re
import sys

from redress import _rules

ROOT = pathlib.Path(__file__).resolve().parents[1]
TABLES = {
    "docs/deadlines.md": ("rules table", _rules.rules_markdown),
    "docs/case-format.md": ("events table", _rules.events_markdown),
}


def replaced(text: str, marker: str, table: str) -> str:
    pattern = re.compile(rf"(<!-- {marker}: [^\n]*-->\n)(.*?)(<!-- end {marker} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"gen_rule_docs: no '<!-- {marker}: ... -->' ... '<!-- end {marker} -->' markers")
    return pattern.sub(lambda m: m.group(1) + table + m.group(3), text)


def main(argv: list[str]) -> int:
    stale = []
    for path, (marker, make) in TABLES.items():
        file = ROOT / path
        old = file.read_text(encoding="utf-8")
        new = replaced(old, marker, make())
        if new != old:
            stale.append(path)
            if "--check" not in argv:
                file.write_text(new, encoding="utf-8")
    if stale and "--check" in argv:
        print("out of date (run python scripts/gen_rule_docs.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
