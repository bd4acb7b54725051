"""Benchmarks of the table-import layer (run on demand, never by the tests).

1. `redress import`'s C++ path over a synthetic council spreadsheet of N rows (default 1,000,000): rows a second
   on one core, and the peak memory of a process doing only the import (which must not grow with N).
2. The DfE 20-week measures over the N imported cases (`redress.timeliness(path)`) against the equivalent pandas
   job over the same file: read the JSON Lines, take the two event dates and the flag, group by authority and year.

    python bench/bench_import.py [--rows 1000000] [--dir build/bench-import]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

MAP = {
    "format": "redress.table-map/1",
    "dates": "dd/mm/yyyy",
    "columns": {
        "Child ID": "id",
        "Local authority": "authority",
        "Date request received": "event:ehc_request_received",
        "Date final plan issued": "event:final_plan_issued",
        "Exceptions": "send.exceptions_apply",
        "Rate": "remedy.lost_provision[0].rate",
        "Rate per": "remedy.lost_provision[0].per",
        "Terms lost": "remedy.lost_provision[0].length.terms",
        "Distress £": "payment:distress",
    },
}

AUTHORITIES = [f"Council {i:03d}" for i in range(150)]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    base = dt.date(2019, 1, 1).toordinal()
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(MAP["columns"]) + "\r\n")
        for i in range(rows):
            received = dt.date.fromordinal(base + rng.randrange(6 * 365))
            issued = dt.date.fromordinal(received.toordinal() + rng.randrange(60, 420)) if rng.random() < 0.8 else None
            lost = '"£1,600",Term,' + str(rng.randrange(1, 4)) if rng.random() < 0.3 else ",,"
            plan = issued.strftime("%d/%m/%Y") if issued else ""
            exc = "yes" if rng.random() < 0.07 else "no"
            distress = "£" + str(rng.randrange(1, 20) * 50) if rng.random() < 0.2 else ""
            who = AUTHORITIES[rng.randrange(150)]
            f.write(f"C{i:07d},{who},{received:%d/%m/%Y},{plan},{exc},{lost},{distress}\r\n")


# A child process per measurement, so its peak memory is the job's alone.
CHILD_IMPORT = """
import json, resource, sys, time
from redress import _redress
m = _redress.TableMap.from_json(open(sys.argv[2]).read())
t0, c0 = time.perf_counter(), time.process_time()
stats = _redress.import_csv(sys.argv[1], m, sys.argv[3])
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rows": stats["rows"], "errors": stats["errors"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_BASELINE = """
import resource
from redress import _redress
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

CHILD_REDRESS_TIMELINESS = """
import json, sys, time
import redress
t0, c0 = time.perf_counter(), time.process_time()
result = redress.timeliness(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": len(result.rows)}))
"""

CHILD_PANDAS_TIMELINESS = """
import json, sys, time
import pandas as pd
t0, c0 = time.perf_counter(), time.process_time()
rows = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        c = json.loads(line)
        send = c.get("send", {})
        ev = {e["event"]: e["date"] for e in send.get("events", [])}
        rows.append((c.get("authority", ""), ev.get("ehc_request_received"), ev.get("final_plan_issued"),
                     bool(send.get("exceptions_apply", False))))
df = pd.DataFrame(rows, columns=["authority", "request", "plan", "exc"])
g0 = time.process_time()
df["request"] = pd.to_datetime(df["request"], format="%Y-%m-%d")
df["plan"] = pd.to_datetime(df["plan"], format="%Y-%m-%d")
df = df.dropna(subset=["request", "plan"])
df = df[df["plan"] >= df["request"]]
days = (df["plan"] - df["request"]).dt.days
df = df.assign(year=df["plan"].dt.year, days=days, within=days <= 140, over_year=days > 364)
g = df.groupby(["authority", "year"])
out = g.agg(den=("within", "size"), within=("within", "sum"), over_year=("over_year", "sum"), days=("days", "sum"))
ex = df[~df["exc"]].groupby(["authority", "year"]).agg(den_ex=("within", "size"), within_ex=("within", "sum"))
out = out.join(ex)
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "groupby_cpu": time.process_time() - g0, "rows": len(out)}))
"""


def child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default="build/bench-import")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    table = work / f"complaints-{args.rows}.csv"
    if not table.exists():
        generate(table, args.rows)
    map_path = work / "map.json"
    map_path.write_text(json.dumps(MAP), encoding="utf-8")
    cases = work / f"cases-{args.rows}.jsonl"

    baseline = float(
        subprocess.run([sys.executable, "-c", CHILD_BASELINE], check=True, capture_output=True, text=True).stdout
    )
    runs = [child(CHILD_IMPORT, str(table), str(map_path), str(cases)) for _ in range(args.repeat)]
    best = min(r["seconds"] for r in runs)
    cpu = min(r["cpu"] for r in runs)
    size = table.stat().st_size / 1e6
    print(
        f"import: {args.rows:,} rows ({size:.0f} MB CSV), best of {args.repeat}: {best:.2f} s wall "
        f"({args.rows / best:,.0f} rows a second), {cpu:.2f} s CPU ({args.rows / cpu:,.0f} rows a second); "
        f"peak memory {runs[0]['peak_mb']:.0f} MB (the interpreter with redress loaded: {baseline:.0f} MB); "
        f"error rows {runs[0]['errors']}"
    )

    ours = [child(CHILD_REDRESS_TIMELINESS, str(cases)) for _ in range(args.repeat)]
    try:
        theirs = [child(CHILD_PANDAS_TIMELINESS, str(cases)) for _ in range(args.repeat)]
    except subprocess.CalledProcessError as err:
        print(f"pandas baseline failed: {err.stderr}")
        return
    groupby = min(r["groupby_cpu"] for r in theirs)
    print(f"  (pandas' date parsing and groupby alone, the columns already in memory: {groupby:.2f} s CPU)")
    for what in ("seconds", "cpu"):
        a, b = min(r[what] for r in ours), min(r[what] for r in theirs)
        print(
            f"timeliness over {args.rows:,} cases ({what}): redress {a:.2f}, pandas (json.loads + groupby) {b:.2f}: "
            f"redress takes {a / b:.2f}x pandas' time"
        )


if __name__ == "__main__":
    main()
