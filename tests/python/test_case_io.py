"""The io layer from Python: the case format's id and send.exceptions_apply, the one reader's refusals,
check_case's list of faults, and the batch's reliability. Expected values are written by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import redress


def test_a_case_with_an_id_needs_no_reference() -> None:
    case = redress.Case.from_json({"format": "redress.case/1", "id": "CH-0042"})
    assert case.reference is None
    assert case.id == "CH-0042"
    assert case.exceptions_apply is None
    assert json.loads(case.to_json())["id"] == "CH-0042"


def test_neither_id_nor_reference_is_refused() -> None:
    try:
        redress.Case.from_json({"format": "redress.case/1"})
    except redress.InvalidInputError as err:
        assert err.field == "reference"
    else:
        raise AssertionError("no error")


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
