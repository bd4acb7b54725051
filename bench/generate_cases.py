"""Synthetic redress.case/1 cases, one per line, for the batch benchmark.

Cases shaped like the seeds: a month range of lost provision, a few symbolic payments, a decision date;
authorities drawn from a short list. With --timeline each case also carries a full EHC timeline: the request,
the decision to assess, the draft plan, the final plan, a review and a decision letter appealed to the tribunal.
Deterministic for a given --seed.

    python bench/generate_cases.py --n 1000000 -o build/cases-1m.jsonl
    python bench/generate_cases.py --n 1000000 --timeline -o build/cases-1m-timeline.jsonl
"""

import argparse
import datetime as dt
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


def timeline(year: int, rng: random.Random) -> dict:
    # Request, decision within about 6 weeks, draft, final plan around 20 weeks (some late), a review a year on,
    # then a decision letter after the review and the mediation certificate that opens the appeal.
    request = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))

    def after(start: dt.date, low: int, high: int) -> dt.date:
        return start + dt.timedelta(days=rng.randint(low, high))

    decision = after(request, 30, 50)
    draft = after(decision, 40, 80)
    final = after(draft, 15, 60)
    review = after(final, 330, 380)
    review_decision = after(review, 10, 40)
    letter = after(review_decision, 1, 20)
    certificate = after(letter, 20, 60)
    events = [
        ("ehc_request_received", request),
        ("assessment_decision_notified", decision),
        ("draft_plan_issued", draft),
        ("final_plan_issued", final),
        ("review_meeting_held", review),
        ("review_decision_notified", review_decision),
        ("decision_letter_sent", letter),
        ("mediation_certificate_issued", certificate),
    ]
    return {"events": [{"event": name, "date": day.isoformat()} for name, day in events]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--timeline", action="store_true", help="each case carries a full EHC timeline")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.output, "w", encoding="utf-8") as out:
        for i in range(args.n):
            document = case(i, rng)
            if args.timeline:
                document["send"] = timeline(int(document["dates"]["final_decision"][:4]) - 3, rng)
            out.write(json.dumps(document, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
