"""The io layer from Python: the case format's id and send.exceptions_apply, the one reader's refusals,
check_case's list of faults, and the batch's reliability. Expected values are written by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import redress


def test_a_case_with_an_id_needs_no_reference() -> None:
    case = redress.Case.from_json({"format": "redress.case/1", "id": "CH-0042"})
    assert case.reference is None
    assert case.id == "CH-0042"
    assert case.exceptions_apply is None
    assert json.loads(case.to_json())["id"] == "CH-0042"


def test_neither_id_nor_reference_is_refused() -> None:
    with pytest.raises(redress.InvalidInputError) as caught:
        redress.Case.from_json({"format": "redress.case/1"})
    assert caught.value.field == "reference"


def test_exceptions_apply_round_trips() -> None:
    case = redress.Case.from_json(
        {"format": "redress.case/1", "reference": "21 002 722", "send": {"exceptions_apply": False}}
    )
    assert case.exceptions_apply is False
    assert json.loads(case.to_json())["send"]["exceptions_apply"] is False


def test_batch_rows_and_frames_name_the_id(tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text('{"format": "redress.case/1", "id": "CH-1", "authority": "A"}\n', encoding="utf-8")
    redress.run_batch(str(source), str(tmp_path / "out.jsonl"), as_of=dt.date(2024, 1, 1))
    row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert row == {"line": 1, "reference": None, "id": "CH-1", "authority": "A", "total": "0.00"}
    frame = redress.read_cases(source).to_frame(as_of=dt.date(2024, 1, 1))
    assert frame["id"].tolist() == ["CH-1"]
    assert frame["reference"].isna().tolist() == [True]


# --- The one reader (issue 13 item 1; issue 10 items 1, 4, 5, 14) ---------------------------------------------

HEAD = '{"format": "redress.case/1", "reference": "21 002 722"'


def refused(text: str) -> redress.Error:
    try:
        redress.Case.from_json(text)
    except redress.Error as err:
        return err
    raise AssertionError("no error")


def test_a_number_beyond_range_is_invalid_input_not_runtime_error() -> None:
    err = refused(HEAD + ', "x": 1e400}')
    assert isinstance(err, redress.InvalidInputError)
    assert err.field == "x"


def test_deep_nesting_in_an_unknown_field_is_refused_at_read() -> None:
    n = 100_000
    err = refused(HEAD + ', "x": ' + "[" * n + "]" * n + "}")
    assert isinstance(err, redress.InvalidInputError)
    assert "deeper than 64" in str(err)


def test_duplicate_keys_are_refused_the_same_in_the_batch(tmp_path: Path) -> None:
    line = HEAD + ', "remedy": {"payments": [{"kind": "distress", "amount": "101"}]}, "remedy": {}}'
    err = refused(line)
    assert err.field == "remedy"
    source = tmp_path / "in.jsonl"
    source.write_text(line + "\n", encoding="utf-8")
    for deadlines in (True, False):  # the default and --remedy-only give the same error row
        redress.run_batch(str(source), str(tmp_path / "out.jsonl"), as_of=dt.date(2024, 1, 1), deadlines=deadlines)
        row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
        assert row["error"]["path"] == "remedy"
        assert "twice" in row["error"]["message"]


def test_read_cases_collects_an_out_of_range_number() -> None:
    collection = redress.read_cases([HEAD + ', "x": 1e400}'], errors="collect")
    assert len(collection.cases) == 0
    assert len(collection.errors) == 1


def test_a_deep_case_that_was_read_pickles_and_deepcopies() -> None:
    import copy
    import pickle

    case = redress.Case.from_json(HEAD + ', "x": ' + "[" * 63 + "]" * 63 + "}")
    assert pickle.loads(pickle.dumps(case)).to_json() == case.to_json()
    assert copy.deepcopy(case).to_json() == case.to_json()


# --- check_case and `redress check` (issue 11 items 6 and 7) ----------------------------------------------------

SIX_FAULTS = {
    "format": "redress.case/1",
    "reference": "21 002 722",
    "authorty": "Dorset Council",
    "dates": {"final_decison": "2021-06-01", "complaint_to_council": "2021-02-30"},
    "remedy": {
        "lost_provision": [{"from": "2020-02", "to": "2020-07", "rate": "600", "per": "month", "provison": "none"}],
        "payments": [{"kind": "distress", "amount": "-300"}],
    },
    "send": {"events": [{"event": "ehc_request_recieved", "date": "2020-01-06"}]},
}


def test_check_case_lists_all_six_faults() -> None:
    faults = redress.check_case(SIX_FAULTS, dt.date(2024, 1, 1))
    assert [(f.severity, f.path) for f in faults] == [
        ("error", "authorty"),
        ("error", "dates.final_decison"),
        ("error", "dates.complaint_to_council"),
        ("error", "remedy.lost_provision[0].provison"),
        ("error", "remedy.payments[0].amount"),
        ("error", "send.events[0].event"),
    ]
    assert 'did you mean "ehc_request_received"' in faults[5].message


def test_cli_check_reports_every_fault_golden(tmp_path: Path) -> None:
    import subprocess
    import sys

    case = tmp_path / "six.json"
    case.write_text(json.dumps(SIX_FAULTS, indent=2), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "redress", "check", str(case), "--as-of", "2024-01-01"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == b""
    golden = Path(__file__).parent / "golden" / "check_six_faults.txt"
    assert result.stderr.decode("utf-8") == golden.read_text(encoding="utf-8")


def test_cli_check_warns_of_what_the_remedy_would_say(tmp_path: Path) -> None:
    import subprocess
    import sys

    case = tmp_path / "warn.json"
    document = {
        "format": "redress.case/1",
        "reference": "21 002 722",
        "authority": "Dorset Council",
        "remedy": {"payments": [{"kind": "distress", "amount": "750"}], "stated_total": "1000"},
        "send": {
            "events": [
                {"event": "ehc_request_received", "date": "2020-05-04"},
                {"event": "final_plan_issued", "date": "2020-03-02"},
            ]
        },
    }
    case.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "redress", "check", str(case), "--as-of", "2024-01-01"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    golden = Path(__file__).parent / "golden" / "check_warnings.txt"
    assert result.stdout.decode("utf-8") == golden.read_text(encoding="utf-8")


# --- Batch reliability (issue 10 items 3, 12, 13, 21) ----------------------------------------------------------


def _cli(*args: str, cwd: Path) -> tuple[int, str]:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "redress", *args], cwd=cwd, capture_output=True, check=False, timeout=120
    )
    return result.returncode, result.stderr.decode("utf-8")


def _cases(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    source.write_text(HEAD + ', "authority": "A"}\n' + HEAD + ', "authority": "B"}\n', encoding="utf-8")
    return source


def test_run_batch_onto_a_full_disk_raises_naming_the_file(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        return
    with pytest.raises(redress.Error) as caught:
        redress.run_batch(str(_cases(tmp_path)), "/dev/full", as_of=dt.date(2024, 1, 1))
    assert caught.value.value == "/dev/full"
    assert "No space left" in str(caught.value)


def test_cli_batch_onto_a_full_disk_exits_non_zero(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        return
    code, err = _cli("batch", str(_cases(tmp_path)), "-o", "/dev/full", cwd=tmp_path)
    assert code == 3
    assert "/dev/full" in err
    assert "No space left" in err


def test_cli_batch_refuses_a_directory_and_one_file_for_both_outputs(tmp_path: Path) -> None:
    assert _cli("batch", str(tmp_path), "-o", "x.jsonl", cwd=tmp_path)[0] == 2
    source = _cases(tmp_path)
    assert _cli("batch", str(source), "-o", "x", "--csv", "x", cwd=tmp_path)[0] == 2


def test_read_cases_collect_goes_past_a_bad_byte_and_splits_as_the_batch(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    good = (HEAD + "}").encode()
    # Line 2 has a byte that is not UTF-8; line 3 has a bare CR inside a string value (part of its line, as in the
    # batch, where it makes invalid JSON); line 4 ends in CRLF.
    source.write_bytes(good + b"\n" + b'{"x": "\xff"}\n' + HEAD.encode() + b', "notes": "a\rb"}\n' + good + b"\r\n")
    collection = redress.read_cases(source, errors="collect")
    assert len(collection.cases) == 2
    assert [where for where, _ in collection.errors] == [f"{source}:2", f"{source}:3"]
    assert "not UTF-8" in collection.errors[0][1]


def test_from_json_takes_the_bytes_of_a_file_as_they_are():
    # A file read in binary mode ("rb", or a download's body) was refused with json's TypeError ("Object of type
    # bytes is not JSON serializable"). Bytes and bytearray are JSON text, read as given: the reader checks UTF-8.
    path = Path(__file__).resolve().parents[2] / "examples" / "cases" / "dorset-21-002-722.json"
    raw = path.read_bytes()
    case = redress.Case.from_json(raw)
    assert case.to_json() == redress.Case.from_json(raw.decode("utf-8")).to_json()
    assert str(case.reference) == "21 002 722"
    assert redress.Case.from_json(bytearray(raw)).to_json() == case.to_json()
    with pytest.raises(redress.InvalidInputError, match="is not UTF-8"):
        redress.Case.from_json(raw.replace(b"Dorset", b"Dors\xff", 1))
    rules = (Path(__file__).resolve().parents[2] / "data" / "rules" / "catalogue.json").read_bytes()
    assert len(redress.RuleCatalogue.from_json(rules).rules) == len(redress.RuleCatalogue.standard().rules)


def test_from_json_refuses_what_is_not_json_with_a_redress_error():
    with pytest.raises(redress.InvalidInputError) as caught:
        redress.Case.from_json(object())
    assert caught.value.field == "document"
    assert caught.value.value == "object"
    with pytest.raises(redress.InvalidInputError):
        redress.Guidance.from_json({1, 2})


def test_check_case_takes_bytes_and_odd_python_values_give_redress_errors():
    path = Path(__file__).resolve().parents[2] / "examples" / "cases" / "dorset-21-002-722.json"
    faults = redress.check_case(path.read_bytes(), as_of=dt.date(2026, 11, 22))
    assert [f.severity for f in faults if f.severity == "error"] == []
    assert len(faults) == len(redress.check_case(path.read_text(encoding="utf-8"), as_of=dt.date(2026, 11, 22)))
    # A str holding a lone surrogate has no UTF-8 form (pybind11's RuntimeError before), and a dict nested
    # deeper than json.dumps can go (RecursionError before).
    with pytest.raises(redress.InvalidInputError, match="lone surrogate"):
        redress.Case.from_json("\ud800")
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(redress.InvalidInputError, match="nests deeper"):
        redress.Case.from_json({"format": "redress.case/1", "notes": deep})
