"""The batch layer from Python: redress.run_batch over JSON Lines files.

The invariant: exactly one output line per input line, in order, each the case's result or an error row
{"line": N, "error": {"path": ..., "message": ...}}. It is checked on the bad-input corpus (tests/bad_inputs/, each
file on its own and all together, with the JSON path each line must name) and on the seed cases. Then the summary
(lines, cases, errors, and per authority the total, by_kind and repeat_faults) and detail rows.

Expected values come from the seed cases (examples/cases/*.json, the seed sections their notes cite), from the
corpus's README and from hand calculations in the comments, never from running the library.
"""

import copy
import csv
import datetime
import io
import json
import pathlib
import subprocess
import sys

import pytest

import redress

date = datetime.date
ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
BAD = ROOT / "tests" / "bad_inputs"
AS_OF = date(2026, 11, 22)


class Under(str):
    """An expected path given only as where the error must lie: the path itself or anything inside it."""


# The JSON path each corpus line names, line by line (README.md says what each line holds). None: any path (a
# line that is not JSON, or has no case at all, has no JSON path inside a case to name).
EXPECTED_PATHS = {
    "truncated_json.jsonl": [None] * 8,
    "wrong_types.jsonl": [
        "reference",
        "remedy",
        "remedy.payments[0].amount",
        "remedy.payments[0].amount",
        "public_report",
        "faults",
        "dates.final_decision",
        "remedy.lost_provision[0].rate",
        "recommendations",
        "authority",
        "send.events[0].date",
        "remedy.payments[0].to",
        "remedy.lost_provision[0].open",
    ],
    "invalid_dates.jsonl": [
        "dates.final_decision",
        "send.events[0].date",
        "recommendations[0].completed",
        "remedy.lost_provision[0].to",
        "remedy.lost_provision[0].from",
        "dates.complaint_to_council",
        "dates.first_aware",
        "recommendations[0].due",
        "send.exceptions[0].from",
        "dates.report_received",
        "dates.complaint_to_ombudsman",
    ],
    "months_mixed_with_dates.jsonl": [
        "remedy.lost_provision[0].to",
        "remedy.lost_provision[0].to",
        "remedy.lost_provision[1].to",
        "remedy.lost_provision[0].to",
    ],
    "reversed_periods.jsonl": [
        "remedy.lost_provision[0].to",
        "remedy.lost_provision[0].to",
        "remedy.lost_provision[1].to",
        "send.exceptions[0].to",
        "remedy.lost_provision[0].to",
    ],
    "negative_money.jsonl": [
        "remedy.payments[0].amount",
        "remedy.payments[0].amount",
        "remedy.lost_provision[0].rate",
        "remedy.lost_provision[0].rate",
        "remedy.payments[0].amount",
        "remedy.lost_provision[0].length.weeks",
        "remedy.payments[1].amount",
    ],
    "over_precise_money.jsonl": [
        "remedy.payments[0].amount",
        "remedy.payments[0].amount",
        "remedy.stated_total",
        "remedy.stated_total",
        "remedy.lost_provision[0].rate",
        "remedy.lost_provision[0].amount",
        "remedy.lost_provision[0].length.weeks",
        "remedy.payments[0].amount",
    ],
    "too_large_money.jsonl": [
        "remedy.payments[0].amount",
        "remedy.payments[0].amount",
        "remedy.payments[0].amount",
        "remedy.payments[0].amount",
        "remedy.stated_total",
        "remedy.payments[0].amount",
        "remedy.lost_provision[0].rate",
        Under("remedy"),  # every amount fits; their sum does not
        Under("remedy.lost_provision[0]"),  # the rate fits; eight months of it do not
    ],
    "unknown_kinds.jsonl": [
        "remedy.payments[0].kind",
        "faults[1]",
        "outcome",
        "finding",
        "remedy.payments[0].to",
        "remedy.lost_provision[0].per",
        "remedy.lost_provision[0].provision",
        "recommendations[0].status",
        "send.exceptions[0].type",
        "remedy.rounding",
        "remedy.lost_provision[0].head",
    ],
    "blank_lines.jsonl": [None] * 6,
    "not_utf8.jsonl": [None] * 8,
    "misspelt_field.jsonl": [
        "remedy.payments[0].ammount",
        "remedy.payments[1].ammount",
        "remedy.lost_provision[0].ammount",
        "remedy.payments[0].ammount",
    ],
}
CORPUS = sorted(EXPECTED_PATHS)


def count_lines(data):
    # As the batch reads them (std::getline): split at "\n" only; a last line without one still counts.
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def rows(path):
    data = path.read_bytes()
    text = data.decode("utf-8")  # the output is UTF-8 whatever the input was
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def names(path, expected):
    if expected is None:
        return isinstance(path, str)
    if isinstance(expected, Under):
        return path == expected or path.startswith((expected + ".", expected + "["))
    return path == expected


def run(tmp_path, data, **options):
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    out = tmp_path / "out.jsonl"
    options.setdefault("as_of", AS_OF)
    summary, text = redress.run_batch(str(source), str(out), **options)
    return summary, text, rows(out)


def load(name):
    with (CASES / name).open(encoding="utf-8") as f:
        return json.load(f)


def compact(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


EXAMPLE_NAMES = sorted(p.name for p in CASES.glob("*.json"))


def test_corpus_is_what_the_readme_lists():
    assert sorted(p.name for p in BAD.glob("*.jsonl")) == CORPUS
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for name in CORPUS:
        data = (BAD / name).read_bytes()
        assert data.endswith(b"\n")
        assert count_lines(data) == len(EXPECTED_PATHS[name]), name
        assert f"`{name}` | {count_lines(data)} |" in readme, name
    assert not list(BAD.glob("*.jsonl.*"))
    assert sum((BAD / name).stat().st_size for name in CORPUS) < 100_000  # no large file committed


# --- The corpus -----------------------------------------------------------------------------------------------


def check_error_rows(out, expected_paths, first_line=1):
    assert len(out) == len(expected_paths)
    for offset, (row, expected) in enumerate(zip(out, expected_paths)):
        n = first_line + offset
        assert set(row) == {"line", "error"}, row
        assert row["line"] == n
        error = row["error"]
        assert isinstance(error["message"], str)
        assert error["message"].strip(), row
        assert names(error["path"], expected), (n, error, expected)


@pytest.mark.parametrize("name", CORPUS)
def test_each_corpus_file_gives_one_error_row_per_line(tmp_path, name):
    data = (BAD / name).read_bytes()
    n = count_lines(data)
    summary, text, out = run(tmp_path, data)
    assert len(out) == n
    check_error_rows(out, EXPECTED_PATHS[name])
    assert summary["lines"] == n
    assert summary["errors"] == n
    assert summary["cases"] == 0
    assert sum(a["errors"] for a in summary["authorities"]) == n
    assert all(a["cases"] == 0 for a in summary["authorities"])
    assert text.startswith(f"{n} lines: 0 cases, {n} errors")


@pytest.mark.parametrize("name", CORPUS)
def test_each_corpus_file_in_detail_mode(tmp_path, name):
    data = (BAD / name).read_bytes()
    _, _, out = run(tmp_path, data, detail=True)
    check_error_rows(out, EXPECTED_PATHS[name])


def test_whole_corpus_together(tmp_path):
    data = b"".join((BAD / name).read_bytes() for name in CORPUS)
    expected = [p for name in CORPUS for p in EXPECTED_PATHS[name]]
    assert count_lines(data) == len(expected) == 94  # README: 8+13+11+4+5+7+8+9+11+6+8+4
    summary, _, out = run(tmp_path, data)
    check_error_rows(out, expected)
    assert (summary["lines"], summary["cases"], summary["errors"]) == (94, 0, 94)
    # Per authority, as far as a bad line names one: 24 lines cannot say (8 truncated, 6 blank, 8 not UTF-8, the
    # line whose authority is the number 42, and the line holding a number beyond range, which is not JSON the
    # reader accepts); the other 70 name "Corpus Council".
    by_name = {a["authority"]: a for a in summary["authorities"]}
    assert by_name["Corpus Council"]["errors"] == 70
    assert sum(a["errors"] for a in summary["authorities"]) == 94
    assert by_name["Corpus Council"]["total"] == "0.00"
    assert by_name["Corpus Council"]["by_kind"] == {}


def test_corpus_lines_mixed_with_the_seed_cases(tmp_path):
    # Each seed case before and after each corpus file, so good and bad lines alternate in runs.
    chunks, expected = [], []
    for i, name in enumerate(CORPUS):
        example = EXAMPLE_NAMES[i % len(EXAMPLE_NAMES)]
        chunks.append(compact(load(example)))
        expected.append(("case", example))
        chunks.append((BAD / name).read_bytes())
        expected += [("error", p) for p in EXPECTED_PATHS[name]]
    data = b"".join(chunks)
    summary, _, out = run(tmp_path, data)
    assert len(out) == count_lines(data) == len(expected)
    references = {name: load(name)["reference"] for name in EXAMPLE_NAMES}
    for n, (row, (what, detail)) in enumerate(zip(out, expected), start=1):
        assert row["line"] == n
        if what == "case":
            assert "error" not in row
            assert row["reference"] == references[detail]
        else:
            assert names(row["error"]["path"], detail), (n, row)
    assert summary["cases"] == len(CORPUS)
    assert summary["errors"] == 94


def test_output_is_utf8_when_the_input_is_not(tmp_path):
    data = (BAD / "not_utf8.jsonl").read_bytes()
    _, _, out = run(tmp_path, data)  # rows() decodes strictly
    assert len(out) == 8


def test_csv_over_the_corpus_has_a_header_and_a_row_per_line(tmp_path):
    data = b"".join((BAD / name).read_bytes() for name in CORPUS)
    source, out, table = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "out.csv"
    source.write_bytes(data)
    redress.run_batch(str(source), str(out), as_of=AS_OF, csv=str(table))
    text = table.read_bytes().decode("utf-8", errors="replace")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == ["line", "reference", "authority", "total", "error_path", "error"]
    assert len(records) == 1 + 94
    assert [r[0] for r in records[1:]] == [str(n) for n in range(1, 95)]
    assert all(r[5] for r in records[1:])


def test_csv_is_utf8_when_the_input_is_not(tmp_path):
    # The JSON output replaces bytes that are not UTF-8; the CSV written beside it should be as readable.
    source, out, table = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "out.csv"
    source.write_bytes((BAD / "not_utf8.jsonl").read_bytes())
    redress.run_batch(str(source), str(out), as_of=AS_OF, csv=str(table))
    text = table.read_bytes().decode("utf-8")
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == 1 + 8


# --- Line counting edges --------------------------------------------------------------------------------------


def test_empty_input(tmp_path):
    summary, _, out = run(tmp_path, b"")
    assert out == []
    assert (summary["lines"], summary["cases"], summary["errors"]) == (0, 0, 0)
    assert summary["authorities"] == []


def test_last_line_without_a_newline_counts(tmp_path):
    data = compact(load("dudley-17-016-386.json")) + compact(load("dorset-21-002-722.json")).rstrip(b"\n")
    summary, _, out = run(tmp_path, data)
    assert [r["reference"] for r in out] == ["17 016 386", "21 002 722"]
    assert summary["lines"] == 2


def test_crlf_lines(tmp_path):
    data = b"".join(compact(load(name)).replace(b"\n", b"\r\n") for name in EXAMPLE_NAMES)
    summary, _, out = run(tmp_path, data)
    assert len(out) == 4
    assert summary["errors"] == 0


def test_a_trailing_blank_line_is_a_line(tmp_path):
    data = compact(load("dudley-17-016-386.json")) + b"\n"
    summary, _, out = run(tmp_path, data)
    assert len(out) == 2
    assert out[1]["line"] == 2
    assert "error" in out[1]
    assert (summary["cases"], summary["errors"]) == (1, 1)


# --- The seed cases and the summary ---------------------------------------------------------------------------


def examples_batch():
    return b"".join(compact(load(name)) for name in EXAMPLE_NAMES)


def test_result_rows_for_the_seed_cases(tmp_path):
    summary, _, out = run(tmp_path, examples_batch())
    expected = {
        # Totals: seed 000 section 5 (£8,800); seed 002 section 18 (£2,300); seeds 001, 003 and 004 state no
        # amounts, so those cases have no remedy and owe nothing computed.
        "cambridgeshire-20-013-354.json": ("20 013 354", "Cambridgeshire County Council", "0.00"),
        "dorset-18-016-599.json": ("18 016 599", "Dorset County Council", "0.00"),
        "dorset-21-002-722.json": ("21 002 722", "Dorset Council", "8800.00"),
        "dudley-17-016-386.json": ("17 016 386", "Dudley Metropolitan Borough Council", "2300.00"),
    }
    assert [(r["line"], r["reference"], r["authority"], r["total"]) for r in out] == [
        (n, *expected[name]) for n, name in enumerate(EXAMPLE_NAMES, start=1)
    ]
    assert (summary["lines"], summary["cases"], summary["errors"]) == (4, 4, 0)


def test_summary_per_authority_for_the_seed_cases(tmp_path):
    summary, text, _ = run(tmp_path, examples_batch(), as_of=date(2026, 1, 1))
    authorities = summary["authorities"]
    # Dorset County Council was abolished on 1 April 2019 and Dorset Council answers for its cases (the Dorset
    # (Structural Changes) Order 2018), so the two Dorset cases are one authority's, shown by the current name.
    assert [a["authority"] for a in authorities] == [
        "Cambridgeshire County Council",
        "Dorset Council",
        "Dudley Metropolitan Borough Council",
    ]
    by_name = {a["authority"]: a for a in authorities}
    assert [(a["cases"], a["errors"]) for a in authorities] == [(1, 0), (2, 0), (1, 0)]
    for a in authorities:
        assert a["repeat_faults"] == {}  # the 2019 Dorset case lists no faults: nothing can repeat
    # Seed 000 section 3.1: lost provision £4,800 + £1,500 = £6,300; lost opportunity 2 x £250; distress 2 x £750;
    # time and trouble £250; complaint handling (poor communication) £250. Total £8,800 (section 5).
    assert by_name["Dorset Council"]["total"] == "8800.00"
    assert by_name["Dorset Council"]["by_kind"] == {
        "complaint_handling": "250.00",
        "distress": "1500.00",
        "lost_opportunity": "500.00",
        "lost_provision": "6300.00",
        "time_and_trouble": "250.00",
    }
    # Seed 002 section 13.1: £1,800 (a lump sum: "other") and £500 time and trouble; section 18: £2,300.
    assert by_name["Dudley Metropolitan Borough Council"]["total"] == "2300.00"
    assert by_name["Dudley Metropolitan Borough Council"]["by_kind"] == {
        "other": "1800.00",
        "time_and_trouble": "500.00",
    }
    assert by_name["Cambridgeshire County Council"]["total"] == "0.00"
    assert by_name["Cambridgeshire County Council"]["by_kind"] == {}
    # Nothing is overdue: seeds 000 and 002 give no final decision (so no due dates), seed 003's only timed
    # recommendation is complete, seed 001's have no time limits.
    assert all(a["recommendations_overdue"] == 0 for a in authorities)
    assert text.startswith("4 lines: 4 cases, 0 errors")
    for name in by_name:
        assert name in text


def second_dorset_case():
    # A second (made-up) Dorset Council case, 22 000 001, sharing "communication" with seed 000.
    document = copy.deepcopy(load("dorset-21-002-722.json"))
    document["reference"] = "22 000 001"
    document["faults"] = ["communication", "record_keeping"]
    document["remedy"] = {"payments": [{"kind": "time_and_trouble", "amount": "250"}], "stated_total": "250"}
    document["recommendations"] = []
    return document


def test_repeat_faults_within_one_authority(tmp_path):
    other_authority = copy.deepcopy(load("dudley-17-016-386.json"))
    other_authority["faults"] = ["communication"]  # the same fault elsewhere is not a repeat for Dorset Council
    data = (
        compact(load("dorset-21-002-722.json"))
        + b"{broken\n"
        + compact(other_authority)
        + compact(second_dorset_case())
        + compact(load("dorset-18-016-599.json"))  # Dorset County Council: Dorset Council's predecessor
    )
    summary, text, out = run(tmp_path, data)
    assert len(out) == 5
    by_name = {a["authority"]: a for a in summary["authorities"]}
    dorset = by_name["Dorset Council"]
    assert dorset["cases"] == 3  # two of Dorset Council's and one of the County Council it succeeded in 2019
    assert dorset["repeat_faults"] == {"communication": ["21 002 722", "22 000 001"]}
    assert dorset["total"] == "9050.00"  # £8,800 (seed 000 section 5) + £250
    assert dorset["by_kind"]["time_and_trouble"] == "500.00"  # £250 + £250
    assert by_name["Dudley Metropolitan Borough Council"]["repeat_faults"] == {}
    assert "Dorset County Council" not in by_name
    assert (summary["lines"], summary["cases"], summary["errors"]) == (5, 4, 1)
    assert "communication" in text
    repeat_lines = [line for line in text.splitlines() if "communication" in line]
    assert len(repeat_lines) == 1
    assert "21 002 722" in repeat_lines[0]
    assert "22 000 001" in repeat_lines[0]


def test_a_bad_line_counts_as_an_error_of_the_authority_it_names(tmp_path):
    bad = load("dorset-21-002-722.json")
    bad["remedy"]["payments"][0]["amount"] = "1.005"
    data = compact(load("dorset-21-002-722.json")) + compact(bad)
    summary, _, out = run(tmp_path, data)
    assert out[1]["error"]["path"] == "remedy.payments[0].amount"
    dorset = {a["authority"]: a for a in summary["authorities"]}["Dorset Council"]
    assert (dorset["cases"], dorset["errors"]) == (1, 1)
    assert dorset["total"] == "8800.00"  # the bad line adds nothing


# --- Detail rows ----------------------------------------------------------------------------------------------


def test_detail_rows_carry_deadlines_and_lines(tmp_path):
    data = examples_batch() + b"not json\n"
    summary, _, out = run(tmp_path, data, detail=True)
    assert len(out) == 5
    results = {row["reference"]: row for row in out[:4]}
    assert [row["line"] for row in out] == [1, 2, 3, 4, 5]
    for row in out[:4]:
        assert isinstance(row["deadlines"], list)
        assert isinstance(row["recommendations"], list)
    # Seed 000: eight lines (section 3.1.2 to 3.1.8, 3.1.3 in its two periods), £8,800 (section 5).
    dorset = results["21 002 722"]
    assert len(dorset["lines"]) == 8
    assert dorset["total"] == "8800.00"
    assert sum(redress.Money(line["amount"]) for line in dorset["lines"]) == redress.Money("8800")
    assert [line["count"] for line in dorset["lines"] if line["kind"] == "lost_provision"] == ["8", "3"]
    # Seed 002 section 13.1: two payments, £1,800 and £500.
    dudley = results["17 016 386"]
    assert [(line["kind"], line["amount"]) for line in dudley["lines"]] == [
        ("other", "1800.00"),
        ("time_and_trouble", "500.00"),
    ]
    # Seed 003: report received 6 April 2022 (section 2.1); s.31(2)'s three months beginning with it end on
    # 5 July 2022. The committee considered it that day (report_considered) but no notification to the
    # Ombudsman is recorded, which is what s.31(2) requires: not computable rather than overdue (issue 12).
    cambridgeshire = results["20 013 354"]
    response = [d for d in cambridgeshire["deadlines"] if d["rule"] == "lgo.response"]
    assert len(response) == 1
    assert (response[0]["due"], response[0]["status"], response[0]["days_late"]) == (
        "2022-07-05",
        "not_computable",
        None,
    )
    assert len(cambridgeshire["recommendations"]) == 12
    assert set(out[4]) == {"line", "error"}
    assert summary["errors"] == 1


def test_detail_rows_without_a_remedy_still_carry_lines(tmp_path):
    # Seeds 001/004 and 003 state no amounts, so their cases have no remedy: no lines, but the row should still
    # carry "lines" (empty), like every other detail row.
    data = compact(load("cambridgeshire-20-013-354.json")) + compact(load("dorset-18-016-599.json"))
    _, _, out = run(tmp_path, data, detail=True)
    for row in out:
        assert row["lines"] == []
        assert row["total"] == "0.00"


def test_plain_rows_are_small(tmp_path):
    _, _, out = run(tmp_path, examples_batch())
    for row in out:
        assert set(row) == {"line", "reference", "authority", "total"}


# --- Files ----------------------------------------------------------------------------------------------------


def test_refuses_to_write_over_its_input(tmp_path):
    source = tmp_path / "in.jsonl"
    data = examples_batch()
    source.write_bytes(data)
    with pytest.raises(redress.InvalidInputError):
        redress.run_batch(str(source), str(source), as_of=AS_OF)
    assert source.read_bytes() == data
    with pytest.raises(redress.InvalidInputError):
        redress.run_batch(str(source), str(tmp_path / "out.jsonl"), as_of=AS_OF, csv=str(source))
    assert source.read_bytes() == data


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(redress.InvalidInputError):
        redress.run_batch(str(tmp_path / "absent.jsonl"), str(tmp_path / "out.jsonl"), as_of=AS_OF)


# --- --jobs ---------------------------------------------------------------------------------------------------


def test_jobs_give_the_same_output_and_summary(tmp_path):
    # The corpus between the seed cases, in blocks of a few lines worked by three threads: the same rows, CSV and
    # summary as one thread, byte for byte.
    chunks = []
    for i, name in enumerate(CORPUS):
        chunks.append(compact(load(EXAMPLE_NAMES[i % len(EXAMPLE_NAMES)])))
        chunks.append((BAD / name).read_bytes())
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(chunks))
    results = []
    for jobs, block in ((1, 1 << 20), (3, 1), (3, 300)):
        out, csv = tmp_path / f"out{jobs}-{block}.jsonl", tmp_path / f"out{jobs}-{block}.csv"
        summary, text = redress.run_batch(
            str(source), str(out), as_of=AS_OF, csv=str(csv), jobs=jobs, block_bytes=block
        )
        results.append((out.read_bytes(), csv.read_bytes(), summary, text))
    assert results[1] == results[0]
    assert results[2] == results[0]
    assert results[0][2]["errors"] == 94


def test_jobs_must_be_a_number_of_threads(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(compact(load(EXAMPLE_NAMES[0])))
    with pytest.raises(redress.InvalidInputError, match="jobs"):
        redress.run_batch(str(source), str(tmp_path / "o.jsonl"), as_of=AS_OF, jobs=-1)


def test_jobs_past_the_most_threads_or_past_64_bits_is_the_most(tmp_path):
    # The batch runs at most 256 threads: a larger number (even one no C++ integer holds) is taken as 256, with the
    # same rows as one thread; a negative one, however large, is refused naming jobs. Both were a TypeError from
    # the binding, and `redress batch --jobs 99999999999999999999` printed a traceback.
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(compact(load(name)) for name in EXAMPLE_NAMES))
    one = tmp_path / "one.jsonl"
    redress.run_batch(str(source), str(one), as_of=AS_OF, jobs=1)
    for jobs in (257, 2**31, 2**70):
        out = tmp_path / f"out-{jobs}.jsonl"
        redress.run_batch(str(source), str(out), as_of=AS_OF, jobs=jobs, block_bytes=1)
        assert out.read_bytes() == one.read_bytes()
    for jobs in (-1, -(2**31), -(2**70)):
        with pytest.raises(redress.InvalidInputError, match=r"jobs: '-\d+' must be 0 \(the number of cores\) or more"):
            redress.run_batch(str(source), str(tmp_path / "o.jsonl"), as_of=AS_OF, jobs=jobs)
    with pytest.raises(TypeError):  # not a whole number at all: Python's own error for the wrong type
        redress.run_batch(str(source), str(tmp_path / "o.jsonl"), as_of=AS_OF, jobs=1.5)


def test_cli_jobs_past_64_bits_runs(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(compact(load(name)) for name in EXAMPLE_NAMES))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "redress",
            "batch",
            str(source),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--as-of",
            "2026-11-22",
            "--jobs",
            "99999999999999999999",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == len(EXAMPLE_NAMES)
