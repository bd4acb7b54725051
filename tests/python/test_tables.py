"""redress.read_table and `redress import`: hand-made tables with every trap, and the expected rows written by hand
from the map and the cells."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import pytest

import redress
from redress import cli

ROOT = Path(__file__).resolve().parents[2]

MAP = {
    "format": "redress.table-map/1",
    "dates": "dd/mm/yyyy",
    "columns": {
        "Child ID": "id",
        "Council": "authority",
        "Received": "event:ehc_request_received",
        "Plan issued": "event:final_plan_issued",
        "Rate": "remedy.lost_provision[0].rate",
        "Per": "remedy.lost_provision[0].per",
        "Terms": "remedy.lost_provision[0].length.terms",
        "Distress": "payment:distress",
    },
}

# A semicolon-separated file with a byte order mark and Windows line ends, as Excel writes "CSV UTF-8" in a
# locale whose decimal mark is a comma.
TRAPS = (
    "\ufeffChild ID;Council;Received;Plan issued;Rate;Per;Terms;Distress\r\n"
    "A1;Example Council;01/02/2024;20/06/2024;£1,600;Term;1;1,600.00\r\n"
    "A2;Example Council;31/02/2024;;;;;\r\n"
    "A3;Example Council;05/03/2024;;1600;TERM;2;\r\n"
    "A1;Example Council;01/03/2024;;;;;\r\n"
    "A5;Example Council;2024-04-01;;;;;\r\n"
    ";;;;;;;\r\n"
    "A7;Example Council;01/04/2024;;£16.005;week;1;\r\n"
    "A8;Example Council;01/04/2024;;500;fortnight;1;\r\n"
    "A9;;;;;;;\r\n"
)


def _case(id_, authority=None, events=(), lost=None, payments=()):
    case = {"format": "redress.case/1", "id": id_}
    if authority:
        case["authority"] = authority
    if events:
        case["send"] = {"events": [{"event": e, "date": d} for e, d in events]}
    remedy = {}
    if lost:
        remedy["lost_provision"] = [lost]
    if payments:
        remedy["payments"] = [{"kind": k, "amount": a} for k, a in payments]
    if remedy:
        case["remedy"] = remedy
    return case


def _error(row, column, value, message):
    return {"row": row, "error": {"column": column, "value": value, "message": message}}


EXPECTED_TRAPS = [
    _case(
        "A1",
        "Example Council",
        [("ehc_request_received", "2024-02-01"), ("final_plan_issued", "2024-06-20")],
        {"rate": "1600", "per": "term", "length": {"terms": 1}},
        [("distress", "1600.00")],
    ),
    _error(3, "Received", "31/02/2024", "is not a date: February 2024 has 29 days"),
    _case(
        "A3",
        "Example Council",
        [("ehc_request_received", "2024-03-05")],
        {"rate": "1600", "per": "term", "length": {"terms": 2}},
    ),
    _error(5, "Child ID", "A1", "duplicates the id on row 2"),
    _case("A5", "Example Council", [("ehc_request_received", "2024-04-01")]),
    _error(7, None, "", "the row is blank"),
    _error(8, "Rate", "£16.005", "is not an amount of money: at most two decimals (pence)"),
    _error(9, "Per", "fortnight", "is not one of month, term, week, year"),
    _case("A9"),
]


@pytest.fixture
def traps(tmp_path):
    path = tmp_path / "traps.csv"
    path.write_bytes(TRAPS.encode("utf-8"))
    return path


def test_every_trap_row_by_row(traps):
    rows = redress.read_table(traps, MAP)
    assert list(rows) == EXPECTED_TRAPS
    assert rows.delimiter == ";"
    assert rows.encoding == "utf-8-sig"
    assert rows.stats["rows"] == 9
    assert len(rows.cases) == 4
    assert len(rows.errors) == 5


def test_the_cases_read_back_as_valid_cases(traps):
    cases = redress.read_table(traps, MAP).cases
    assert [redress.Case.from_json(json.dumps(c)).id for c in cases] == ["A1", "A3", "A5", "A9"]


def test_windows_1252_is_detected_and_said(tmp_path, capsys):
    path = tmp_path / "legacy.csv"
    path.write_bytes("Child ID,Council,Distress\nB1,Bourne & Sea,£250\nB2,Ren\xe9 Council,\n".encode("cp1252"))
    rows = redress.read_table(
        path, MAP | {"columns": {"Child ID": "id", "Council": "authority", "Distress": "payment:distress"}}
    )
    assert rows.encoding == "windows-1252"
    assert rows[0]["remedy"]["payments"] == [{"kind": "distress", "amount": "250"}]
    assert rows[1]["authority"] == "René Council"
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps({"format": "redress.table-map/1", "columns": {"Child ID": "id"}}))
    assert cli.main(["import", str(path), "--map", str(map_path), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "not UTF-8: read as Windows-1252" in err
    assert "2 rows: 2 cases, 0 errors" in err


def test_a_misspelt_event_stops_the_import_before_it_starts(traps):
    bad = json.loads(json.dumps(MAP))
    bad["columns"]["Plan issued"] = "event:final_plan_isued"
    with pytest.raises(redress.InvalidInputError, match=r'did you mean "final_plan_issued"') as info:
        redress.read_table(traps, bad)
    assert info.value.value == "event:final_plan_isued"


def test_unknown_targets_and_missing_columns_are_named(traps):
    bad = json.loads(json.dumps(MAP))
    bad["columns"]["Rate"] = "remedy.lost_provison[0].rate"
    with pytest.raises(redress.InvalidInputError, match=r'did you mean "remedy.lost_provision\[0\].rate"'):
        redress.read_table(traps, bad)
    missing = json.loads(json.dumps(MAP))
    missing["columns"]["Date of birth"] = "column"
    with pytest.raises(redress.InvalidInputError, match=r"Date of birth.*is not a column of the table"):
        redress.read_table(traps, missing)


def test_the_command_writes_one_line_per_row_and_fails_on_error_rows(traps, tmp_path, capsys):
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps(MAP), encoding="utf-8")
    out = tmp_path / "cases.jsonl"
    assert cli.main(["import", str(traps), "--map", str(map_path), "-o", str(out)]) == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == EXPECTED_TRAPS
    assert "9 rows: 4 cases, 5 errors" in capsys.readouterr().err
    # Without -o the lines go to standard output.
    assert cli.main(["import", str(traps), "--map", str(map_path)]) == 1
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == EXPECTED_TRAPS


def test_the_command_never_writes_over_its_input(traps, tmp_path):
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps(MAP), encoding="utf-8")
    before = traps.read_bytes()
    assert cli.main(["import", str(traps), "--map", str(map_path), "-o", str(traps)]) == 2
    assert traps.read_bytes() == before


def test_a_dataframe_reads_like_the_file():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "Child ID": ["D1", "D2"],
            "Council": ["Example Council", None],
            "Received": [pd.Timestamp("2024-02-01"), pd.NaT],
            "Plan issued": ["20/06/2024", None],
            "Rate": [1600.0, float("nan")],
            "Per": ["Term", None],
            "Terms": [1, None],
            "Distress": [250.5, None],
        }
    )
    rows = redress.read_table(frame, MAP)
    assert list(rows) == [
        _case(
            "D1",
            "Example Council",
            [("ehc_request_received", "2024-02-01"), ("final_plan_issued", "2024-06-20")],
            {"rate": "1600", "per": "term", "length": {"terms": 1}},
            [("distress", "250.5")],
        ),
        _case("D2"),
    ]


def test_an_xlsx_workbook_reads_like_the_file(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Child ID", "Council", "Received", "Plan issued", "Rate", "Per", "Terms", "Distress"])
    sheet.append(["X1", "Example Council", dt.datetime(2024, 2, 1), dt.date(2024, 6, 20), 1600, "term", 1, "£250"])
    sheet.append(["X2", "Example Council", "31/02/2024", None, None, None, None, None])
    path = tmp_path / "complaints.xlsx"
    book.save(path)
    rows = redress.read_table(path, MAP)
    assert list(rows) == [
        _case(
            "X1",
            "Example Council",
            [("ehc_request_received", "2024-02-01"), ("final_plan_issued", "2024-06-20")],
            {"rate": "1600", "per": "term", "length": {"terms": 1}},
            [("distress", "250")],
        ),
        _error(3, "Received", "31/02/2024", "is not a date: February 2024 has 29 days"),
    ]
    assert rows.encoding == "xlsx"
    out = tmp_path / "cases.jsonl"
    stats = redress.import_table(path, MAP, out)
    assert (stats["rows"], stats["cases"], stats["errors"]) == (2, 1, 1)
    assert [json.loads(line) for line in out.read_text().splitlines()] == list(rows)


def test_a_user_map_overrides_a_presets_column():
    m = redress.load_map(
        {"format": "redress.table-map/1", "preset": "sen2", "columns": {"Date received": "event:ehc_request_received"}}
    )
    columns = dict(m.columns)
    assert columns["Date received"] == "event:ehc_request_received"
    assert "receiveddate" not in columns
    assert columns["startdate"] == "event:final_plan_issued"
    assert m.date_format == "yyyy-Mon-dd"
    with pytest.raises(redress.InvalidInputError, match="neither a map file nor a preset"):
        redress.load_map("sen3")


# --- The README's council-officer walk-through ------------------------------------------------------------------


def _walkthrough_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"<!-- walkthrough:(\S+) -->\n```\w*\n(.*?)```", text, flags=re.S))
    assert set(blocks) == {"complaints.csv", "complaints-map.json", "commands"}
    return blocks


def test_the_readme_walkthrough(tmp_path, monkeypatch, capsys):
    blocks = _walkthrough_blocks()
    monkeypatch.chdir(tmp_path)
    Path("complaints.csv").write_text(blocks["complaints.csv"], encoding="utf-8")
    Path("complaints-map.json").write_text(blocks["complaints-map.json"], encoding="utf-8")
    commands = [shlex.split(line)[1:] for line in blocks["commands"].splitlines() if line.startswith("redress ")]
    assert [c[0] for c in commands] == ["import", "batch"]

    # The first import: row 4's impossible date is an error line, as the README says.
    assert cli.main(commands[0]) == 1
    lines = [json.loads(line) for line in Path("cases.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    assert lines[2] == _error(4, "Date request received", "31/02/2024", "is not a date: February 2024 has 29 days")
    assert lines[0]["reference"] == "23 004 512"
    assert lines[0]["remedy"] == {
        "lost_provision": [{"rate": "1600", "per": "term", "length": {"terms": 1}}],
        "payments": [{"kind": "distress", "amount": "500"}],
    }

    # The officer corrects the cell (28 February) and imports again: every row is a case.
    Path("complaints.csv").write_text(blocks["complaints.csv"].replace("31/02/2024", "28/02/2024"), encoding="utf-8")
    assert cli.main(commands[0]) == 0
    capsys.readouterr()
    assert cli.main(commands[1]) == 0
    summary = capsys.readouterr().out
    # £1,600 for one term at £1,600 a term and £500 distress for C-101; £250 for C-102; nothing for C-103.
    assert "Example Council" in summary
    assert "2350.00" in summary.replace(",", "")
    assert len(Path("results.jsonl").read_text().splitlines()) == 3
    assert len(Path("results.csv").read_text().splitlines()) == 4  # a header and a row per case


def test_every_frame_names_an_imported_cases_id(traps, tmp_path):
    pytest.importorskip("pandas")
    out = tmp_path / "cases.jsonl"
    redress.import_table(traps, MAP, out)
    cases = [line for line in out.read_text(encoding="utf-8").splitlines() if '"error"' not in line]
    collection = redress.read_cases([redress.Case.from_json(c) for c in cases])
    assert list(collection.to_frame("cases")["id"]) == ["A1", "A3", "A5", "A9"]
    lines = collection.to_frame("remedy_lines", as_of=dt.date(2025, 1, 1))
    assert set(lines["id"]) == {"A1", "A3"}  # the two with lost provision or payments
    deadlines = collection.to_frame("deadlines", as_of=dt.date(2025, 1, 1))
    assert "A1" in set(deadlines["id"])
    assert deadlines["reference"].isna().all()


def test_the_compiled_pieces_directly(traps):
    reader = redress.CsvFile(str(traps))
    rows = list(reader)
    assert (reader.delimiter, reader.encoding, reader.row, reader.row_error) == (";", "utf-8-sig", 10, "")
    assert rows[0][0] == "Child ID"  # the byte order mark is gone
    assert rows[1][4] == "£1,600"
    mapper = redress.TableMapper(redress.load_map(MAP), rows[0])
    assert json.loads(mapper.row(rows[5], 6)) == EXPECTED_TRAPS[4]
    assert mapper.stats == {"rows": 1, "cases": 1, "errors": 0, "encoding": "", "delimiter": ","}
    assert json.loads(mapper.row(["X"], 7, "is not text")) == _error(7, None, "", "the row is not text")
    assert "sen2" in redress.TableMap.presets()
    assert json.loads(redress.TableMap.preset("sen2").to_json())["dates"] == "yyyy-Mon-dd"
