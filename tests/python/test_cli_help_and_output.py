"""What the redress command shows a person (issue 11 items 5, 12, 13; issue 10 items 2, 13, 16).

Golden files in tests/python/golden/ hold the help of every command and the `deadlines` text of every example
case as of 2026-11-22 (each read and checked by eye when written). After an intended change to that output,
regenerate them with REDRESS_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

import json
import os
import pathlib
import subprocess
import sys

import pytest

import redress
from redress import cli

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
CASES = sorted((ROOT / "examples" / "cases").glob("*.json"))
UPDATE = os.environ.get("REDRESS_UPDATE_GOLDEN") == "1"


def run(*args, cwd=None):
    env = dict(os.environ, COLUMNS="100", LINES="50")
    return subprocess.run(
        [sys.executable, "-m", "redress", *map(str, args)], cwd=cwd, env=env, capture_output=True, timeout=120
    )


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (REDRESS_UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("command", ["", "remedy", "deadlines", "check", "batch", "rules", "ledger", "report"])
def test_help_is_golden(command):
    result = run(*([command] if command else []), "--help")
    assert result.returncode == 0
    golden(f"help-{command or 'redress'}.txt", result.stdout.decode("utf-8"))


@pytest.mark.parametrize("command", ["remedy", "deadlines", "check", "batch", "rules", "ledger", "report"])
def test_help_gives_an_example_and_the_exit_codes(command):
    text = run(command, "--help").stdout.decode("utf-8")
    assert f"example:\n  redress {command} " in text
    assert "exit codes:\n  0  fine\n  1  " in text
    assert "2  bad usage" in text


def test_every_argument_is_described():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        for action in p._actions:
            assert action.help, f"redress {name}: {action.option_strings or action.dest} has no help"


def test_a_malformed_as_of_says_so_once(tmp_path):
    result = run("deadlines", CASES[0], "--as-of", "22/11/2026")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert err.count("not a date written YYYY-MM-DD") == 1, err
    message = err.splitlines()[-1]  # after argparse's usage line
    assert message.count("--as-of") == 1, err
    assert "argument --as-of: '22/11/2026' is not a date written YYYY-MM-DD" in err


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_deadlines_text_of_every_example(path):
    # Regression (issue 10 item 2): a recommendation without a status ended in AttributeError for Dudley and both
    # Dorset cases. The text must list every deadline and recommendation.
    result = run("deadlines", path.relative_to(ROOT), "--as-of", "2026-11-22", cwd=ROOT)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert result.stderr == b""
    golden(f"deadlines-{path.stem}.txt", result.stdout.decode("utf-8"))


def test_a_recommendation_without_a_status_says_so(tmp_path):
    case = {
        "format": "redress.case/1",
        "reference": "21 002 722",
        "dates": {"final_decision": "2026-11-01"},
        "recommendations": [{"kind": "apology", "due": "1 month"}],
    }
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    # 1 November 2026 + 1 month = 1 December 2026 (corresponding date): not yet due on 22 November.
    out = run("deadlines", path, "--as-of", "2026-11-22").stdout.decode("utf-8")
    assert "  2026-12-01  recommendation apology: status not recorded\n" in out


def test_ics_onto_the_case_is_refused(tmp_path):
    path = tmp_path / "case.json"
    data = (ROOT / "examples" / "cases" / "dudley-17-016-386.json").read_bytes()
    path.write_bytes(data)
    (tmp_path / "link.json").symlink_to(path)
    for target in ("case.json", "link.json"):
        result = run("deadlines", "case.json", "--ics", target, cwd=tmp_path)
        assert result.returncode == 2
        assert "would be overwritten" in result.stderr.decode("utf-8")
        assert path.read_bytes() == data


ESCAPE = "\x1b[2J\x1b]0;pwned\x07"


@pytest.fixture
def hostile_case(tmp_path):
    case = {"format": "redress.case/1", "reference": "21 002 722", "authority": f"Evil{ESCAPE} Council"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    return path


def test_control_characters_are_shown_not_sent_to_a_terminal(hostile_case, monkeypatch, capsys):
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: True)
    assert cli.main(["check", str(hostile_case)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert out == "ok: 21 002 722 Evil\\x1b[2J\\x1b]0;pwned\\x07 Council\n"


def test_control_characters_pass_unchanged_into_a_pipe(hostile_case, monkeypatch, capsys):
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: False)
    assert cli.main(["check", str(hostile_case)]) == 0
    assert capsys.readouterr().out == f"ok: 21 002 722 Evil{ESCAPE} Council\n"


def test_visible_keeps_newlines_tabs_and_text():
    assert cli.visible("a\tb\nc £ é") == "a\tb\nc £ é"
    assert cli.visible("\x00\x7f\x9b") == "\\x00\\x7f\\x9b"


def test_rules_json_lists_the_catalogue():
    rows = json.loads(run("rules", "--json").stdout)
    ids = [r["id"] for r in rows]
    assert ids == [r.id for r in redress.RuleCatalogue.standard().rules]
    final = rows[ids.index("ehc.final_plan")]
    # reg 13(2): 20 weeks from the request; met by the final plan.
    assert final["length"] == "20 weeks"
    assert final["start"] == "ehc_request_received"
    assert final["met_by"] == ["final_plan_issued"]
    assert final["source"] == "SEND Regulations 2014, reg 13(2)"
    assert final["evidence"] == "verified"
    assert set(final) == {"id", "title", "length", "start", "met_by", "source", "url", "evidence", "kind"}


def test_rules_text():
    out = run("rules").stdout.decode("utf-8")
    assert "ehc.final_plan: " in out
    assert "    length: 20 weeks; starts with: ehc_request_received\n" in out
    # reg 18: a phase transfer's amended plan by 14 February (before 15 February) in the year of the move.
    assert "by 14 February in the start event's year" in out


def test_one_case_is_singular(tmp_path):
    line = json.dumps({"format": "redress.case/1", "reference": "21 002 722", "authority": "Example Council"})
    (tmp_path / "one.jsonl").write_text(line + "\n", encoding="utf-8")
    result = run("batch", "one.jsonl", "-o", "out.jsonl", "--summary", cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert out.startswith("1 line: 1 case, 0 errors\n"), out
    assert "Example Council: 1 case, 0 errors," in out
    plain = run("batch", "one.jsonl", "-o", "out2.jsonl", cwd=tmp_path).stdout.decode("utf-8")
    assert plain == "1 line: 1 case, 0 errors -> out2.jsonl\n"
