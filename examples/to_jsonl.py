"""Writes case files (redress.case/1, one JSON document each) as JSON Lines, one compact case a line, for the batch.

python examples/to_jsonl.py examples/cases/*.json -o build/examples.jsonl
"""

import argparse
import json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as out:
        for path in args.cases:
            with open(path, encoding="utf-8") as f:
                out.write(json.dumps(json.load(f), ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
