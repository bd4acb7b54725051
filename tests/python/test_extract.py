"""redress.extract and `redress extract`: every seed and every corpus text under tests/data/texts/ is extracted,
read as a case, its remedy computed, and compared field by field with a case written by hand (the seeds'
examples/cases/*.json; the corpus's NAME.expected.json, written from the text, not from the program's output)."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

import redress
from redress import cli

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEXTS = ROOT / "tests" / "data" / "texts"
CORPUS = sorted(p for p in (TEXTS / "corpus").iterdir() if not p.name.endswith(".expected.json"))
AS_OF = dt.date(2026, 1, 1)


def _money(value):
    return None if value is None else f"{float(value):.2f}"


def _extract(path: pathlib.Path) -> dict:
    return redress.extract(path.read_bytes(), source=path.name)


def _check_provenance(path: pathlib.Path, doc: dict) -> None:
    """Every provenance entry quotes the input exactly: text == input[start:end] (code points) and bytes."""
    data = path.read_bytes()
    text = data.decode("utf-8", errors="surrogateescape")
    for entry in doc["extraction"]["provenance"] + doc["extraction"]["review"] + doc["extraction"]["ignored"]:
        if "start" not in entry:
            continue
        assert data[entry["byte_start"] : entry["byte_end"]].decode("utf-8", errors="replace") == entry["text"]
        quoted = text[entry["start"] : entry["end"]].encode("utf-8", errors="surrogateescape")
        assert quoted == data[entry["byte_start"] : entry["byte_end"]]


def _paths(doc: dict) -> set[str]:
    return {e["path"] for e in doc["extraction"]["provenance"]}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_text_round_trips_to_its_hand_written_case(path):
    expected = json.loads((path.parent / (path.stem + ".expected.json")).read_text(encoding="utf-8"))
    doc = _extract(path)
    _check_provenance(path, doc)
    ext = doc["extraction"]
    review = " | ".join(r["message"] for r in ext["review"])
    ignored = " | ".join(r["reason"] for r in ext["ignored"])
    if "layout" in expected:
        assert ext["source"]["layout"] == expected["layout"]
    if "format" in expected:
        assert ext["source"]["format"] == expected["format"]
    for key in ("authority", "outcome", "finding", "public_report", "category"):
        if key in expected:
            assert doc.get(key) == expected[key], key
    if expected.get("no_reference"):
        assert "reference" not in doc
        with pytest.raises(redress.Error):
            redress.Case.from_json(doc)
        case = redress.Case.from_json({**doc, "reference": "99 999 999"})
    else:
        assert doc["reference"] == expected["reference"]
        case = redress.Case.from_json(doc)
    for name, value in expected.get("dates", {}).items():
        assert doc["dates"][name] == value, name
    if "events" in expected:
        assert [{k: e[k] for k in ("event", "date")} for e in doc["send"]["events"]] == expected["events"]
    for needle in expected.get("review", []):
        assert needle in review, (needle, review)
    for needle in expected.get("ignored", []):
        assert needle in ignored, (needle, ignored)
    if "satisfied" in expected:
        assert ext["ombudsman_satisfied"] == expected["satisfied"]
    if "recommendations" in expected:
        got = doc.get("recommendations", [])
        assert len(got) == len(expected["recommendations"])
        for i, (g, e) in enumerate(zip(got, expected["recommendations"])):
            assert g["kind"] == e["kind"], i
            assert g.get("due") == e.get("due"), i
            assert g.get("status") == e.get("status"), i
    if expected.get("no_remedy"):
        assert "remedy" not in doc
        return
    remedy = doc["remedy"]
    payments = remedy.get("payments", [])
    assert [(p["kind"], _money(p["amount"]), p.get("to", "parent")) for p in payments] == [
        (p["kind"], _money(p["amount"]), p.get("to", "parent")) for p in expected.get("payments", [])
    ]
    lost = remedy.get("lost_provision", [])
    assert len(lost) == len(expected.get("lost_provision", []))
    for got, want in zip(lost, expected.get("lost_provision", [])):
        for key in ("from", "to", "per", "provision", "head"):
            if key in want:
                assert got[key] == want[key], key
        if "length" in want:  # the reader writes every part back; the parts the text gives are compared
            assert {k: v for k, v in got["length"].items() if v} == want["length"]
        assert _money(got["rate"]) == _money(want["rate"])
        assert _money(got.get("amount")) == _money(want.get("amount"))
    if "stated_total" in expected:
        assert _money(remedy.get("stated_total")) == _money(expected["stated_total"])
    # Every amount set has its provenance.
    paths = _paths(doc)
    for i in range(len(payments)):
        assert f"remedy.payments[{i}].amount" in paths
    for i in range(len(lost)):
        assert f"remedy.lost_provision[{i}].rate" in paths
    # extract -> remedy gives the text's figures, and no audit finding.
    report = case.evaluate(AS_OF, deadlines=False).remedy
    assert str(report.total) == "£" + f"{float(expected['total']):,.2f}"
    assert report.audit == []


def _seed(name: str) -> dict:
    return _extract(TEXTS / "seeds" / name)


def _example(name: str) -> dict:
    return json.loads((ROOT / "examples" / "cases" / name).read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


@pytest.mark.parametrize(
    ("seed", "example"),
    [
        ("dorset-21-002-722.txt", "dorset-21-002-722.json"),
        ("dudley-17-016-386.txt", "dudley-17-016-386.json"),
        ("cambridgeshire-20-013-354.txt", "cambridgeshire-20-013-354.json"),
        ("dorset-18-016-599-cabinet.txt", "dorset-18-016-599.json"),
    ],
)
def test_seed_gives_the_hand_written_case(seed, example):
    got = _seed(seed)
    _check_provenance(TEXTS / "seeds" / seed, got)
    want = _example(example)
    ours, theirs = redress.Case.from_json(got), redress.Case.from_json(want)
    assert ours.reference == theirs.reference
    assert ours.authority == theirs.authority
    assert ours.outcome == theirs.outcome
    assert ours.finding == theirs.finding
    assert ours.public_report == theirs.public_report
    assert ours.dates == theirs.dates
    assert [(e.name, e.date) for e in ours.events] == [(e.name, e.date) for e in theirs.events]
    if "remedy" in want:
        a = ours.evaluate(AS_OF, deadlines=False).remedy
        b = theirs.evaluate(AS_OF, deadlines=False).remedy
        assert a.total == b.total
        assert [(x.kind, x.amount, x.to) for x in a.lines] == [(x.kind, x.amount, x.to) for x in b.lines]
        assert ours.remedy.stated_total == theirs.remedy.stated_total
        assert a.audit == []
        assert b.audit == []
    else:
        assert "remedy" not in got
    if seed.startswith("dorset-18"):
        # The seed counts ten recommendations without listing them: extraction says so in review.
        assert "recommendations" not in got
        assert any("10 recommendations" in r["message"] for r in got["extraction"]["review"])
        return
    assert len(ours.recommendations) == len(theirs.recommendations)
    for i, (a, b) in enumerate(zip(ours.recommendations, theirs.recommendations)):
        assert a.kind == b.kind, i
        assert a.status == b.status, i
        assert _norm(a.text) == _norm(b.text), i
        # Dorset's service improvements carry a 3-month 'due' the hand-written case assumes (its note says the seed
        # gives none); everything else the seed states.
        if not (seed.startswith("dorset-21") and b.kind == "service_improvement"):
            assert a.due == b.due, i
        else:
            assert a.due == ""


def test_dorset_seed_remedy_totals_8800_with_8_lines_and_12_recommendations():
    doc = _seed("dorset-21-002-722.txt")
    case = redress.Case.from_json(doc)
    report = case.evaluate(AS_OF, deadlines=False).remedy
    assert str(report.total) == "£8,800.00"  # section 5 of the seed
    assert len(report.lines) == 8  # 2 periods of lost provision + 6 payments (3.1.2 to 3.1.8)
    assert len(doc["recommendations"]) == 12  # 3.1.1-3.1.8 and 3.3.1-3.3.4
    # The £6,300 of 3.1.3 is the sum of the £4,800 and £1,500 lines: ignored, said, never counted twice.
    assert any(i["text"] == "£6,300.00" and "subtotal" in i["reason"] for i in doc["extraction"]["ignored"])
    # The other reference in the text (the 2019 report) is left to review, not taken.
    assert doc["reference"] == "21 002 722"
    assert any("18 016 599" in r["message"] for r in doc["extraction"]["review"])


def test_dudley_seed_totals_2300():
    case = redress.Case.from_json(_seed("dudley-17-016-386.txt"))
    assert str(case.evaluate(AS_OF, deadlines=False).remedy.total) == "£2,300.00"  # section 18 of the seed


def test_board_minute_seed_reads_the_reference_and_no_remedy():
    doc = _seed("dorset-18-016-599-board.txt")
    assert doc["reference"] == "18 016 599"
    assert "remedy" not in doc
    assert any("no amounts" in r["message"] for r in doc["extraction"]["review"])


def test_offsets_are_code_points_of_the_str_given():
    text = "\ufeffFoxley Council (21 000 111)\n\nDecision : Upheld\n\nSummary: We found fault causing injustice.\n\n"
    text += "Agreed action\n\n1. The Council has agreed to pay Mrs É £250 for her distress, within one month.\n"
    doc = redress.extract(text)
    amount = next(p for p in doc["extraction"]["provenance"] if p["path"] == "remedy.payments[0].amount")
    assert text[amount["start"] : amount["end"]] == "£250"
    assert amount["byte_end"] - amount["byte_start"] == len("£250".encode())


def test_empty_and_blank_input_give_a_case_with_review():
    for text in ("", "   \n\n  "):
        doc = redress.extract(text)
        assert doc["format"] == "redress.case/1"
        messages = [r["message"] for r in doc["extraction"]["review"]]
        assert any("empty" in m for m in messages)
        assert "remedy" not in doc


def test_binary_input_is_a_named_error():
    with pytest.raises(redress.InvalidInputError) as err:
        redress.extract(bytes(range(256)) * 8, source="image.png")
    assert err.value.field == "image.png"
    assert "not text" in err.value.rule


def test_a_large_text_is_read_without_trouble():
    block = (TEXTS / "corpus" / "ds_numbered_old.txt").read_text(encoding="utf-8")
    doc = redress.extract(block * 2000)  # ~4 MB, one document with the same remedy repeated
    assert doc["reference"] == "16 007 215"


def test_no_amounts_are_said_in_review():
    doc = redress.extract("Oakham Council (19 000 222)\n\nDecision : Not upheld\n\nWe found no fault.\n")
    assert "remedy" not in doc
    assert any("no amounts" in r["message"] for r in doc["extraction"]["review"])


def test_wrong_type_is_a_named_error():
    with pytest.raises(redress.InvalidInputError):
        redress.extract(42)  # type: ignore[arg-type]


def test_cli_extract_pretty_json_and_jsonl(tmp_path, capsys):
    text = TEXTS / "corpus" / "ds_closed.txt"
    assert cli.main(["extract", str(text)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n")
    assert json.loads(out)["reference"] == "23 011 562"
    assert cli.main(["extract", "--json", str(text)]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1
    missing = tmp_path / "missing.txt"
    out_file = tmp_path / "cases.jsonl"
    code = cli.main(["extract", "--jsonl", "-o", str(out_file), str(text), str(missing)])
    assert code == 1
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["reference"] == "23 011 562"
    assert json.loads(lines[1])["source"] == str(missing)
    assert "error" in json.loads(lines[1])


def test_cli_jsonl_output_runs_through_batch(tmp_path):
    out_file = tmp_path / "cases.jsonl"
    files = [str(TEXTS / "corpus" / n) for n in ("ds_closed.txt", "ds_sections_basic.txt", "public_report.txt")]
    assert cli.main(["extract", "--jsonl", "-o", str(out_file), *files]) == 0
    result = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(out_file), "-o", str(result), "--as-of", "2026-01-01"]) == 0
    totals = [json.loads(line)["total"] for line in result.read_text(encoding="utf-8").splitlines()]
    assert totals == ["350.00", "3700.00", "6400.00"]
