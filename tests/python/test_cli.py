"""The redress command, run as a subprocess (python -m redress) in a scratch directory.

Subcommands remedy, deadlines, check and batch; exit codes 0 fine, 1 the case (or some cases of a batch) had errors,
2 bad usage. The batch is run over the seed cases mixed with every line of the bad-input corpus
(tests/bad_inputs/) and over a generated 10 MB line.

Expected values come from the seed cases (examples/cases/*.json and the seed sections their notes cite) and from
hand calculations written in the comments, never from running the library.
"""

import copy
import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
BAD = ROOT / "tests" / "bad_inputs"
DORSET = "examples/cases/dorset-21-002-722.json"
CAMBRIDGESHIRE = "examples/cases/cambridgeshire-20-013-354.json"

# The reference and total of each seed case: seed 000 section 5 (£8,800); seed 002 section 18 (£2,300); seeds
# 001/004 and 003 state no amounts, so nothing is computed as owed.
SEEDS = {
    "cambridgeshire-20-013-354.json": ("20 013 354", "0.00"),
    "dorset-18-016-599.json": ("18 016 599", "0.00"),
    "dorset-21-002-722.json": ("21 002 722", "8800.00"),
    "dudley-17-016-386.json": ("17 016 386", "2300.00"),
}
CORPUS = sorted(p.name for p in BAD.glob("*.jsonl"))


def redress_cmd(cwd, *args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "redress", *map(str, args)],
        cwd=cwd,
        env=dict(os.environ),
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def first_line_then_close(cwd, *args):
    """Runs the command, reads the first line of its output and closes the pipe, as `| head -1` does; the
    command must then end with 141 (128 + SIGPIPE). Returns that line and what it wrote to standard error."""
    with subprocess.Popen(
        [sys.executable, "-m", "redress", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        first = proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=120) == 141
    return first, stderr


def text(stream):
    return stream.decode("utf-8")


@pytest.fixture
def work(tmp_path):
    # The scratch directory, with the seed cases where the documentation's commands expect them.
    shutil.copytree(CASES, tmp_path / "examples" / "cases")
    return tmp_path


def load(name):
    with (CASES / name).open(encoding="utf-8") as f:
        return json.load(f)


def compact(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def count_lines(data):
    # As the batch reads them: split at "\n" only; a last line without one still counts.
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def output_rows(path):
    data = path.read_bytes().decode("utf-8")
    assert data.endswith("\n")
    return [json.loads(line) for line in data.split("\n")[:-1]]


# --- remedy ---------------------------------------------------------------------------------------------------


def test_remedy_json_gives_the_seed_total_and_lines(work):
    result = redress_cmd(work, "remedy", DORSET, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(text(result.stdout))
    assert report["reference"] == "21 002 722"
    assert report["authority"] == "Dorset Council"
    assert report["total"] == "8800.00"  # seed 000 section 5
    lines = report["lines"]
    for line in lines:
        assert line["kind"]
        assert isinstance(line["amount"], str)
    # Seed 000 section 3.1.2 to 3.1.8: £6,300 as its two periods, £4,800 and £1,500 (3.1.3); £250 twice for lost
    # opportunity (3.1.2, 3.1.4); £750 distress to C (3.1.5) and to Ms B (3.1.6); £250 time and trouble (3.1.7);
    # £250 for poor communication (3.1.8).
    assert sorted((line["kind"], line["amount"]) for line in lines) == sorted(
        [
            ("lost_provision", "4800.00"),
            ("lost_provision", "1500.00"),
            ("lost_opportunity", "250.00"),
            ("lost_opportunity", "250.00"),
            ("distress", "750.00"),
            ("distress", "750.00"),
            ("time_and_trouble", "250.00"),
            ("complaint_handling", "250.00"),
        ]
    )
    # Section 3.1.3: February to October 2020 is 8 school months (August left out) at £600; November 2020 to
    # January 2021 is 3 months at £500.
    lost = [line for line in lines if line["kind"] == "lost_provision"]
    assert [(line["count"], line["rate"]) for line in lost] == [("8", "600.00"), ("3", "500.00")]
    for line in lost:
        assert "month" in line["unit"]
        # No final decision, so "auto" guidance chooses no version (the case file's notes say so).
        assert "guidance" in line
        assert line["guidance"] is None
    # The stated amounts (£4,800, £1,500, total £8,800) agree with the lines.
    assert report["audit"] == []
    assert isinstance(report["warnings"], list)


def test_remedy_text(work):
    result = redress_cmd(work, "remedy", DORSET, "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    out = text(result.stdout)
    assert out.startswith("21 002 722 Dorset Council")
    assert "8,800" in out


def test_remedy_from_standard_input(work):
    result = redress_cmd(work, "remedy", "-", "--json", stdin=(work / DORSET).read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(text(result.stdout))["total"] == "8800.00"


def test_remedy_of_a_case_without_one_is_an_error(work):
    # Seed 003 states no amounts, so its case has no remedy section.
    result = redress_cmd(work, "remedy", CAMBRIDGESHIRE, "--json")
    assert result.returncode == 1
    assert "20 013 354" in text(result.stderr)


# --- deadlines ------------------------------------------------------------------------------------------------


def test_deadlines_json(work):
    result = redress_cmd(work, "deadlines", CAMBRIDGESHIRE, "--json", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    deadlines = json.loads(text(result.stdout))
    assert isinstance(deadlines, list)
    assert deadlines
    for d in deadlines:
        assert {"rule", "source", "due", "status", "days_late"} <= set(d)
    by_rule = {d["rule"]: d for d in deadlines}
    # Seed 003 section 2.1: the report was received on 6 April 2022; s.31(2)'s three months beginning with that
    # day end on 5 July 2022 (the case file's notes). The case records the committee's consideration on 5 July
    # 2022 but no notification to the Ombudsman, which is what s.31(2) requires: not computable (issue 12), and
    # the same for s.31(2A)(c), whose further three months run from 6 July to 5 October 2022.
    response = by_rule["lgo.response"]
    assert "s.31(2)" in response["source"]
    assert (response["due"], response["status"], response["days_late"]) == ("2022-07-05", "not_computable", None)
    assert "response_to_ombudsman" in response["reason"]
    further = by_rule["lgo.further_response"]
    assert (further["due"], further["status"]) == ("2022-10-05", "not_computable")
    # Nothing else has a clock: the other dates start rules that are tracked only once what meets them is
    # recorded (stage 1 acknowledgement, personal remedy, public notice), and the Cabinet's consideration has no
    # Monitoring Officer's report to count from.
    assert set(by_rule) == {"lgo.response", "lgo.further_response"}


def test_deadlines_json_for_seed_000_is_a_list(work):
    result = redress_cmd(work, "deadlines", DORSET, "--json", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    deadlines = json.loads(text(result.stdout))
    assert isinstance(deadlines, list)
    for d in deadlines:
        assert {"rule", "source", "due", "status", "days_late"} <= set(d)


def test_deadlines_text(work):
    result = redress_cmd(work, "deadlines", CAMBRIDGESHIRE, "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    out = text(result.stdout)
    assert out.startswith("20 013 354 Cambridgeshire County Council: deadlines as of 2026-11-22")
    assert "2022-07-05" in out
    # s.31(2): the committee's consideration is recorded, the notification to the Ombudsman is not: not computable
    # rather than overdue (issue 12).
    assert "not_computable" in out
    assert "days late" not in out


def test_deadlines_ics(work):
    result = redress_cmd(work, "deadlines", CAMBRIDGESHIRE, "--as-of", "2026-11-22", "--ics", "cal.ics")
    assert result.returncode == 0, result.stderr
    ics = (work / "cal.ics").read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert "\r\nVERSION:2.0\r\n" in ics
    assert "\n" not in ics.replace("\r\n", "")  # every line ends CRLF (RFC 5545)
    # As of 2026 neither s.31(2) deadline is open: both are not computable (test_deadlines_json), so the calendar
    # has no events; test_deadlines_ics_with_json shows one while it is pending.
    assert ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT") == 0


def test_deadlines_ics_with_json(work):
    # Before the due date: as of 1 May 2022 the s.31(2) response (due 5 July 2022) is pending, 30 + 31 + 30 + 4 =
    # 65 days away.
    result = redress_cmd(work, "deadlines", CAMBRIDGESHIRE, "--json", "--as-of", "2022-05-01", "--ics", "cal.ics")
    assert result.returncode == 0, result.stderr
    by_rule = {d["rule"]: d for d in json.loads(text(result.stdout))}
    assert by_rule["lgo.response"]["status"] == "pending"
    assert by_rule["lgo.response"]["days_late"] == 0  # pending: not late
    ics = (work / "cal.ics").read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in ics
    assert "DTSTART;VALUE=DATE:20220705" in ics


# --- check ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_check_a_good_file(work, name):
    result = redress_cmd(work, "check", f"examples/cases/{name}")
    assert result.returncode == 0, result.stderr
    first, *warnings = text(result.stdout).splitlines()
    assert first == f"ok: {SEEDS[name][0]} {load(name)['authority']}"
    if name == "dorset-21-002-722.json":
        # Dorset's month ranges are paid as the report states them (seed 000 section 3.1.3: £4,800 and £1,500); the
        # school-week convention gives a figure more than 5% away, which check shows as a warning (never an error).
        assert len(warnings) == 2
        for index, stated in ((0, "£4,800.00"), (1, "£1,500.00")):
            assert warnings[index].startswith(f"warning: remedy.lost_provision[{index}]: the other convention")
            assert f"instead of {stated}" in warnings[index]
    else:
        assert warnings == []


def spoilt(work, spoil):
    document = copy.deepcopy(load("dorset-21-002-722.json"))
    spoil(document)
    path = work / "bad.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def event_date(d):
    d["send"]["events"][0]["date"] = "2022-07-32"


def payment_ammount(d):
    d["remedy"]["payments"][1]["ammount"] = d["remedy"]["payments"][1].pop("amount")


def third_period_to(d):
    d["remedy"]["lost_provision"].append({"from": "2021-02", "to": "2021-02-26", "rate": "500", "per": "month"})


def recommendation_status(d):
    d["recommendations"][1]["status"] = "finished"


@pytest.mark.parametrize(
    ("spoil", "path"),
    [
        (event_date, "send.events[0].date"),
        (payment_ammount, "remedy.payments[1].ammount"),
        (third_period_to, "remedy.lost_provision[2].to"),
        (recommendation_status, "recommendations[1].status"),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_check_a_bad_file_names_the_json_path(work, spoil, path):
    result = redress_cmd(work, "check", spoilt(work, spoil))
    assert result.returncode == 1
    assert result.stdout == b""
    err = text(result.stderr)
    assert path in err
    assert "Traceback" not in err


def test_check_a_file_that_is_not_json(work):
    (work / "bad.json").write_text('{"format": "redress.case/1", "reference": ', encoding="utf-8")
    result = redress_cmd(work, "check", "bad.json")
    assert result.returncode == 1
    assert "Traceback" not in text(result.stderr)


def test_check_a_file_that_is_not_utf8(work):
    # A case file saved in Latin-1 (the £ as byte 0xA3): an error like any other bad file, not a crash.
    document = load("dorset-21-002-722.json")
    (work / "latin1.json").write_bytes(json.dumps(document, ensure_ascii=False).encode("latin-1", errors="replace"))
    result = redress_cmd(work, "check", "latin1.json")
    assert result.returncode == 1
    err = text(result.stderr)
    assert err.startswith("error:")
    assert "Traceback" not in err


# --- Bad usage ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["frobnicate", DORSET],
        ["batch", "in.jsonl"],  # no -o
        ["batch"],
        ["remedy"],
        ["remedy", DORSET, "--no-such-option"],
        ["deadlines", CAMBRIDGESHIRE, "--as-of"],
    ],
    ids=[
        "nothing",
        "unknown",
        "unknown-with-file",
        "batch-without-o",
        "batch-bare",
        "remedy-bare",
        "bad-option",
        "as-of-bare",
    ],
)
def test_bad_usage_exits_2(work, args):
    (work / "in.jsonl").write_bytes(compact(load("dorset-21-002-722.json")))
    result = redress_cmd(work, *args)
    assert result.returncode == 2, (args, result.stderr)
    assert text(result.stderr).strip()


def test_a_malformed_as_of_is_bad_usage(work):
    # --as-of is a command-line option, not part of any case: a date that does not exist is bad usage.
    result = redress_cmd(work, "deadlines", CAMBRIDGESHIRE, "--as-of", "2026-02-30")
    assert result.returncode == 2
    assert "--as-of" in text(result.stderr)


def test_version(work):
    result = redress_cmd(work, "--version")
    assert result.returncode == 0
    assert text(result.stdout).startswith("redress ")


# --- batch ----------------------------------------------------------------------------------------------------


def mixed_batch():
    """Every seed case (compact JSON lines) mixed with every line of the bad corpus: the bytes and, line by line,
    the seed case name or None for a bad line."""
    seeds = sorted(SEEDS)
    chunks, expected = [], []
    for i, name in enumerate(CORPUS):
        seed = seeds[i % len(seeds)]
        chunks.append(compact(load(seed)))
        expected.append(seed)
        data = (BAD / name).read_bytes()
        chunks.append(data)
        expected += [None] * count_lines(data)
    for seed in seeds:  # and once more each at the end
        chunks.append(compact(load(seed)))
        expected.append(seed)
    data = b"".join(chunks)
    assert count_lines(data) == len(expected)
    return data, expected


def test_batch_mixed_good_and_bad(work):
    data, expected = mixed_batch()
    (work / "in.jsonl").write_bytes(data)
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--as-of", "2026-11-22")
    assert result.returncode == 1, result.stderr  # some lines had errors
    bad = expected.count(None)
    assert bad == 94  # tests/bad_inputs/README.md: 8+13+11+4+5+7+8+9+11+6+8+4
    assert text(result.stdout) == f"{len(expected)} lines: {len(expected) - bad} cases, {bad} errors -> out.jsonl\n"
    rows = output_rows(work / "out.jsonl")
    assert len(rows) == len(expected) == count_lines(data)
    for n, (row, seed) in enumerate(zip(rows, expected), start=1):
        assert row["line"] == n
        if seed is None:
            assert set(row) == {"line", "error"}, row
            assert isinstance(row["error"]["path"], str)
            assert isinstance(row["error"]["message"], str)
            assert row["error"]["message"].strip()
        else:
            assert "error" not in row
            assert (row["reference"], row["total"]) == SEEDS[seed]
    assert (work / "in.jsonl").read_bytes() == data


def test_batch_csv(work):
    data, expected = mixed_batch()
    (work / "in.jsonl").write_bytes(data)
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--csv", "out.csv", "--as-of", "2026-11-22")
    assert result.returncode == 1
    table = (work / "out.csv").read_bytes().decode("utf-8", errors="replace")
    records = list(csv.reader(io.StringIO(table, newline="")))
    assert records[0] == ["line", "reference", "authority", "total", "error_path", "error"]
    assert len(records) == 1 + len(expected)
    for n, (record, seed) in enumerate(zip(records[1:], expected), start=1):
        assert record[0] == str(n)
        if seed is None:
            assert record[1] == ""
            assert record[5]
        else:
            assert (record[1], record[3]) == SEEDS[seed]
            assert record[5] == ""


def test_batch_of_good_cases_exits_0(work):
    data = b"".join(compact(load(name)) for name in sorted(SEEDS))
    (work / "in.jsonl").write_bytes(data)
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert [(r["reference"], r["total"]) for r in output_rows(work / "out.jsonl")] == [
        SEEDS[name] for name in sorted(SEEDS)
    ]


def test_batch_to_standard_output_with_dash(work):
    # -o - writes the rows, and only the rows, to standard output; the count goes to standard error. Standard
    # output is a pipe here (capture_output); a file appended to, a pipe closed early and a terminal follow.
    data = b"".join(compact(load(name)) for name in sorted(SEEDS))
    (work / "in.jsonl").write_bytes(data)
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "-", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["reference"], r["total"]) for r in rows] == [SEEDS[name] for name in sorted(SEEDS)]
    assert text(result.stderr) == "4 lines: 4 cases, 0 errors -> standard output\n"
    # - as the input reads standard input, as the other commands do: a pipe from one batch into the next.
    piped = redress_cmd(work, "batch", "-", "-o", "-", "--as-of", "2026-11-22", stdin=data)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == result.stdout
    both = redress_cmd(work, "batch", "in.jsonl", "-o", "-", "--csv", "-")
    assert both.returncode == 2
    assert "both write to standard output" in text(both.stderr)


def test_batch_to_standard_output_appends_to_a_file_it_is_sent_to(work):
    # `redress batch in.jsonl -o - >> log.jsonl`: /dev/stdout was opened anew and truncated, losing the log.
    data = b"".join(compact(load(name)) for name in sorted(SEEDS))
    (work / "in.jsonl").write_bytes(data)
    (work / "log.jsonl").write_bytes(b"PREVIOUS\n")
    with (work / "log.jsonl").open("ab") as log:
        result = subprocess.run(
            [sys.executable, "-m", "redress", "batch", "in.jsonl", "-o", "-", "--as-of", "2026-11-22"],
            cwd=work,
            stdout=log,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    lines = (work / "log.jsonl").read_bytes().splitlines()
    assert lines[0] == b"PREVIOUS"
    assert [(json.loads(x)["reference"], json.loads(x)["total"]) for x in lines[1:]] == [
        SEEDS[name] for name in sorted(SEEDS)
    ]


def test_batch_to_standard_output_read_by_head_ends_quietly(work):
    # `redress batch big.jsonl -o - | head -1`: the library's write fails with EPIPE, which was reported as
    # "output: '/dev/stdout' could not be written: Broken pipe" with exit 3; it ends as any Unix tool does.
    dorset = load("dorset-21-002-722.json")
    with (work / "big.jsonl").open("wb") as f:
        for _ in range(300):  # --detail rows of about 4 KB: far more than a pipe holds
            f.write(compact(dorset))
    first, stderr = first_line_then_close(work, "batch", "big.jsonl", "-o", "-", "--detail", "--jobs", "1")
    assert json.loads(first)["line"] == 1
    assert stderr == b""


def test_batch_reads_and_writes_one_terminal(work):
    # `redress batch - -o -` typed at a terminal: standard input and output are the same terminal device,
    # which was refused as "the batch never writes over its input".
    import pty

    # A short case: a terminal's line holds at most 4,095 bytes. The terminal echoes what is typed, so the row
    # is recognised by what only the output holds: its line number and total.
    line = compact(
        {
            "format": "redress.case/1",
            "reference": "21 002 722",
            "authority": "Dorset Council",
            "remedy": {"payments": [{"kind": "distress", "amount": "500"}]},
        }
    )
    try:
        primary, secondary = pty.openpty()
    except OSError:
        pytest.skip("this machine gives no pseudo-terminal")
    try:
        with subprocess.Popen(
            [sys.executable, "-m", "redress", "batch", "-", "-o", "-", "--as-of", "2026-11-22"],
            cwd=work,
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
        ) as proc:
            os.write(primary, line + b"\x04")  # the case, then end of input (Ctrl-D)
            stderr = proc.stderr.read()
            assert proc.wait(timeout=120) == 0, stderr
        os.set_blocking(primary, False)
        shown = b""
        try:
            while chunk := os.read(primary, 65536):
                shown += chunk
        except (BlockingIOError, OSError):
            pass
    finally:
        os.close(primary)
        os.close(secondary)
    assert b'{"line":1,"reference":"21 002 722","authority":"Dorset Council","total":"500.00"}' in shown
    assert text(stderr) == "1 line: 1 case, 0 errors -> standard output\n"


def test_batch_to_a_symbolic_link_writes_through_it(work):
    # -o LINK: the rows were written beside the link and renamed over it, which replaced the link (as root,
    # `-o /dev/stdout > file` turned /dev/stdout itself into a plain file). The link now stays a link.
    data = b"".join(compact(load(name)) for name in sorted(SEEDS))
    (work / "in.jsonl").write_bytes(data)
    (work / "results.jsonl").write_bytes(b"")
    os.symlink(work / "results.jsonl", work / "latest.jsonl")
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "latest.jsonl", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert (work / "latest.jsonl").is_symlink()
    rows = output_rows(work / "results.jsonl")
    assert [(r["reference"], r["total"]) for r in rows] == [SEEDS[name] for name in sorted(SEEDS)]


def repeat_fault_batch():
    # Seed 000 and a second (made-up) Dorset Council case, 22 000 001, both finding fault with communication;
    # Dudley (seed 002) and the older Dorset County Council case (seeds 001, 004) once each.
    second = copy.deepcopy(load("dorset-21-002-722.json"))
    second["reference"] = "22 000 001"
    second["faults"] = ["communication", "record_keeping"]
    second["remedy"] = {"payments": [{"kind": "time_and_trouble", "amount": "250"}]}
    second["recommendations"] = []
    return (
        compact(load("dorset-21-002-722.json"))
        + compact(load("dudley-17-016-386.json"))
        + compact(second)
        + compact(load("dorset-18-016-599.json"))
    )


def test_batch_summary_text(work):
    (work / "in.jsonl").write_bytes(repeat_fault_batch())
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--summary", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    out = text(result.stdout)
    assert out.startswith("4 lines: 4 cases, 0 errors")
    for authority in ("Dorset Council", "Dudley Metropolitan Borough Council"):
        assert authority in out
    # Dorset County Council's case counts under Dorset Council, its successor since 1 April 2019.
    assert "Dorset County Council" not in out
    assert "Dorset Council: 3 cases" in out
    # Dorset Council owes £8,800 (seed 000 section 5) + £250 = £9,050.
    assert "9,050" in out
    repeats = [line for line in out.splitlines() if "repeat" in line]
    assert len(repeats) == 1
    assert "communication" in repeats[0]
    assert "21 002 722" in repeats[0]
    assert "22 000 001" in repeats[0]
    assert "record_keeping" not in out  # found once only


def test_batch_summary_json(work):
    (work / "in.jsonl").write_bytes(repeat_fault_batch())
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--summary", "--json", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    summary = json.loads(text(result.stdout))
    assert (summary["lines"], summary["cases"], summary["errors"]) == (4, 4, 0)
    by_name = {a["authority"]: a for a in summary["authorities"]}
    # Dorset County Council's case counts under Dorset Council, its successor since 1 April 2019.
    assert set(by_name) == {"Dorset Council", "Dudley Metropolitan Borough Council"}
    assert by_name["Dorset Council"]["cases"] == 3
    assert by_name["Dorset Council"]["total"] == "9050.00"
    assert by_name["Dorset Council"]["repeat_faults"] == {"communication": ["21 002 722", "22 000 001"]}
    assert by_name["Dudley Metropolitan Borough Council"]["total"] == "2300.00"  # seed 002 section 18
    assert by_name["Dudley Metropolitan Borough Council"]["repeat_faults"] == {}


def test_batch_detail(work):
    (work / "in.jsonl").write_bytes(compact(load("dorset-21-002-722.json")) + b"\t\n")
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--detail", "--as-of", "2026-11-22")
    assert result.returncode == 1
    rows = output_rows(work / "out.jsonl")
    assert len(rows) == 2
    assert rows[0]["total"] == "8800.00"
    assert len(rows[0]["lines"]) == 8
    assert isinstance(rows[0]["deadlines"], list)
    assert set(rows[1]) == {"line", "error"}


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "in.jsonl"],
        ["-o", "./in.jsonl"],
        ["--output", "../{dir}/in.jsonl"],
        ["-o", "out.jsonl", "--csv", "in.jsonl"],
    ],
    ids=["same-name", "dot-slash", "round-about", "csv"],
)
def test_batch_refuses_to_write_over_its_input(work, args):
    data, _ = mixed_batch()
    (work / "in.jsonl").write_bytes(data)
    args = [a.format(dir=work.name) for a in args]
    result = redress_cmd(work, "batch", "in.jsonl", *args)
    assert result.returncode == 2
    assert text(result.stderr).strip()
    assert (work / "in.jsonl").read_bytes() == data


def test_batch_refuses_to_write_over_its_input_by_another_name(work):
    # A hard link is the same file under another name: writing to it would destroy the input just the same.
    data, _ = mixed_batch()
    (work / "in.jsonl").write_bytes(data)
    os.link(work / "in.jsonl", work / "alias.jsonl")
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "alias.jsonl")
    assert (work / "in.jsonl").read_bytes() == data
    assert result.returncode == 2


def test_batch_missing_input(work):
    result = redress_cmd(work, "batch", "absent.jsonl", "-o", "out.jsonl")
    assert result.returncode in (1, 2)
    assert "Traceback" not in text(result.stderr)


def test_batch_a_10_mb_line_is_one_line(work):
    # Seed 000 with a 10 MB "notes" string (notes pass through unread), between two ordinary lines.
    big = load("dorset-21-002-722.json")
    big["notes"] = "n" * (10 * 1024 * 1024)
    line = compact(big)
    assert len(line) > 10 * 1024 * 1024
    data = compact(load("dudley-17-016-386.json")) + line + b"{\n"
    (work / "big.jsonl").write_bytes(data)
    result = redress_cmd(work, "batch", "big.jsonl", "-o", "out.jsonl", "--as-of", "2026-11-22")
    assert result.returncode == 1, result.stderr  # the last line, "{", is bad
    rows = output_rows(work / "out.jsonl")
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert (rows[0]["reference"], rows[0]["total"]) == SEEDS["dudley-17-016-386.json"]
    assert (rows[1]["reference"], rows[1]["total"]) == SEEDS["dorset-21-002-722.json"]
    assert "error" in rows[2]
    assert (work / "out.jsonl").stat().st_size < 10_000  # the notes are not copied into the result


def test_batch_remedy_only_gives_the_same_rows(tmp_path):
    # --remedy-only takes the fast path: the rows (line, reference, authority, total) are the same as the full
    # run's; the seed totals are seed 000's £8,800 and seed 002's £2,300.
    source = tmp_path / "cases.jsonl"
    source.write_bytes(b"".join(compact(load(p.name)) for p in sorted(CASES.glob("*.json"))))
    full, fast = tmp_path / "full.jsonl", tmp_path / "fast.jsonl"
    assert redress_cmd(tmp_path, "batch", source, "-o", full, "--as-of", "2026-11-22").returncode == 0
    result = redress_cmd(tmp_path, "batch", source, "-o", fast, "--remedy-only", "--as-of", "2026-11-22")
    assert result.returncode == 0
    assert fast.read_bytes() == full.read_bytes()
    totals = {row["reference"]: row["total"] for row in output_rows(fast)}
    assert totals["21 002 722"] == "8800.00"
    assert totals["17 016 386"] == "2300.00"


def test_deadlines_with_a_councils_own_procedure_and_settings(work):
    # Issue 12 item 8: the Complaint Handling Code applies from 1 April 2026, so a 2020 stage 1 complaint has no
    # Code deadline; a council's own table gives it one. Cambridgeshire's complaint of 20 Aug 2020, acknowledged
    # Mon 24 Aug and answered Wed 30 Sep 2020, under a published 20 working days from acknowledgement: Tue 25 (1),
    # 26 (2), 27 (3), Fri 28 (4), bank holiday Mon 31 Aug skipped, 1-4 Sep (5-8), 7-11 (9-13), 14-18 (14-18),
    # Mon 21 (19), Tue 22 Sep 2020 (20): 8 days late.
    case = json.loads((ROOT / CAMBRIDGESHIRE).read_text(encoding="utf-8"))
    case["send"]["events"] += [
        {"event": "complaint_acknowledged", "date": "2020-08-24"},
        {"event": "stage1_response_sent", "date": "2020-09-30"},
    ]
    (work / "case.json").write_text(json.dumps(case), encoding="utf-8")
    table = {
        "format": "redress.complaint_procedures/1",
        "procedures": [
            {"authority": "Cambridgeshire County Council", "stage1_response_days": 20, "from": "2019-01-01"}
        ],
    }
    (work / "procedures.json").write_text(json.dumps(table), encoding="utf-8")
    without = redress_cmd(work, "deadlines", "case.json", "--json", "--as-of", "2026-11-22")
    assert without.returncode == 0, without.stderr
    assert "complaint.stage1_response" not in {d["rule"] for d in json.loads(text(without.stdout))}
    result = redress_cmd(
        work, "deadlines", "case.json", "--json", "--as-of", "2026-11-22", "--procedures", "procedures.json"
    )
    assert result.returncode == 0, result.stderr
    by_rule = {d["rule"]: d for d in json.loads(text(result.stdout))}
    response = by_rule["complaint.stage1_response"]
    assert (response["due"], response["status"], response["days_late"]) == ("2020-09-22", "met_late", 8)
    assert response["source"] == "Cambridgeshire County Council's complaint procedure, stage1_response_days = 20"
    # A setting from the command line: the other reading of s.31(2A)(c) moves its due date back a day.
    other = redress_cmd(
        work, "deadlines", "case.json", "--json", "--as-of", "2026-11-22", "--setting", "s31_2A_day_after=0"
    )
    assert other.returncode == 0, other.stderr
    assert {d["rule"]: d for d in json.loads(text(other.stdout))}["lgo.further_response"]["due"] == "2022-10-04"
    bad = redress_cmd(work, "deadlines", "case.json", "--setting", "s31_2A_day_after")
    assert bad.returncode == 1
    assert "NAME=whole number" in text(bad.stderr)


def test_batch_jobs_writes_the_same_as_one_thread(work):
    data, _ = mixed_batch()
    (work / "in.jsonl").write_bytes(data)
    outputs = []
    for jobs in ("1", "2"):
        result = redress_cmd(
            work, "batch", "in.jsonl", "-o", f"out{jobs}.jsonl", "--as-of", "2026-11-22", "--jobs", jobs, "--summary"
        )
        assert result.returncode == 1, result.stderr  # some lines had errors
        outputs.append((result.stdout, (work / f"out{jobs}.jsonl").read_bytes()))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_batch_jobs_must_be_a_number_of_threads(work, jobs):
    (work / "in.jsonl").write_bytes(b"")
    result = redress_cmd(work, "batch", "in.jsonl", "-o", "out.jsonl", "--jobs", jobs)
    assert result.returncode == 2
    assert "number of threads" in text(result.stderr)


def test_output_read_by_a_program_that_stops_early_ends_quietly_with_the_sigpipe_status(work):
    # `redress ledger ... -v | head -1`: once head has gone, the next write fails with EPIPE. The command stops
    # without a traceback or an "error:" line, with 141 (128 + SIGPIPE), as `seq 1000000 | head -1` does.
    dorset = load("dorset-21-002-722.json")
    with (work / "many.jsonl").open("wb") as f:
        for i in range(3000):  # far more verbose output than a pipe's buffer holds
            dorset["reference"] = f"21 {i // 1000:03d} {i % 1000:03d}"
            f.write(compact(dorset))
    first, stderr = first_line_then_close(work, "ledger", "many.jsonl", "--as-of", "2026-11-22", "-v")
    assert first.startswith(b"Compliance ledger as of 2026-11-22")
    assert stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ("report", DORSET, "-o", DORSET, "--as-of", "2026-11-22"),
        (
            "report",
            DORSET,
            "--history",
            "examples/cases/history-dorset.jsonl",
            "-o",
            "examples/cases/history-dorset.jsonl",
        ),
        ("ledger", "examples/cases/history-dorset.jsonl", "--csv", "examples/cases/history-dorset.jsonl"),
        ("ledger", "examples/cases", "--csv", "examples/cases/dudley-17-016-386.json"),  # a case of the folder
        ("timeliness", "examples/cases/history-dorset.jsonl", "--csv", "examples/cases/history-dorset.jsonl"),
        ("extract", "decision.txt", "-o", "decision.txt"),
        ("deadlines", DORSET, "--procedures", "procedures.json", "--ics", "procedures.json"),
    ],
)
def test_no_command_writes_over_one_of_its_inputs(work, args):
    # Each of these wrote its report, CSV or case over the file it had just read: the case file, the history or
    # the decision text was lost. Now each stops with exit code 2 before writing, and the input is untouched.
    (work / "decision.txt").write_text("Final decision on complaint 21 002 722 against Dorset Council.\n")
    (work / "procedures.json").write_text('{"format": "redress.complaint_procedures/1", "procedures": []}\n')
    before = {p: p.read_bytes() for p in (work / "examples" / "cases").iterdir()}
    before[work / "decision.txt"] = (work / "decision.txt").read_bytes()
    before[work / "procedures.json"] = (work / "procedures.json").read_bytes()
    result = redress_cmd(work, *args)
    assert result.returncode == 2, result.stderr
    assert text(result.stderr).endswith(" is an input: it is never written over\n")
    assert {p: p.read_bytes() for p in before} == before


def test_extract_writes_one_case_to_the_file_given(work):
    # -o without --jsonl was ignored: the case went to standard output and no file was written.
    (work / "decision.txt").write_text("Final decision on complaint 21 002 722 against Dorset Council.\n")
    result = redress_cmd(work, "extract", "decision.txt", "-o", "case.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    case = json.loads((work / "case.json").read_text(encoding="utf-8"))
    assert case["reference"] == "21 002 722"
    dash = redress_cmd(work, "extract", "decision.txt", "-o", "-")  # - is standard output, as for batch
    assert dash.returncode == 0, dash.stderr
    assert json.loads(dash.stdout)["reference"] == "21 002 722"
    assert not (work / "-").exists()
    two = redress_cmd(work, "extract", "decision.txt", "decision.txt", "-o", "cases.json")
    assert two.returncode == 2
    assert "give one FILE, or --jsonl" in text(two.stderr)
