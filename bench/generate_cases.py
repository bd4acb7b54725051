"""Synthetic redress.case/1 cases, one per line, for the batch benchmark.

Remedy-only cases shaped like the seeds: a month range or two of lost provision, a few symbolic payments, a
stated total; authorities drawn from a short list. Deterministic for a given --seed.

    python bench/generate_cases.py --n 1000000 -o build/cases-1m.jsonl
"""

import argparse
import json
import random

AUTHORITIES = ["Dorset Council", "Dudley MBC", "Cambridgeshire County Council", "Hertfordshire County Council", "Leeds"]
KINDS = ["distress", "time_and_trouble", "lost_opportunity", "uncertainty", "complaint_handling"]


def case(i: int, rng: random.Random) -> dict:
    year = rng.randint(2016, 2022)
    start = rng.randint(1, 10)
    end = min(12, start + rng.randint(0, 5))
    payments = [
        {"kind": rng.choice(KINDS), "amount": str(rng.choice([100, 150, 200, 250, 300, 500, 750])), "to": "parent"}
        for _ in range(rng.randint(1, 4))
    ]
    lost = [
        {
            "from": f"{year}-{start:02d}",
            "to": f"{year}-{end:02d}",
            "rate": str(rng.choice([300, 400, 500, 600])),
            "per": "month",
            "provision": rng.choice(["none", "partial"]),
        }
    ]
    return {
        "format": "redress.case/1",
        "reference": f"{year % 100:02d} {i // 1000 % 1000:03d} {i % 1000:03d}",
        "authority": rng.choice(AUTHORITIES),
        "outcome": "upheld",
        "faults": rng.sample(["assessment_delay", "alternative_provision", "communication", "complaint_handling"], 2),
        "dates": {"final_decision": f"{year + 1}-06-16"},
        "remedy": {"rounding": "pound", "lost_provision": lost, "payments": payments},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.output, "w", encoding="utf-8") as out:
        for i in range(args.n):
            out.write(json.dumps(case(i, rng), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
