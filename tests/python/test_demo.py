"""The main job's explanation (examples/demo.py, run by scripts/demo.sh): it reads the same case files as the
batch, explains its terms and reads cleanly (issue 11, item 12).

Expected figures come from the seed cases: Dorset 21 002 722, £8,800 stated and computed (the Monitoring
Officer's report, section 5); Dudley 17 016 386, £1,800 and £500, £2,300 (the Cabinet report, sections 13.1 and 18).
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def demo_output() -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py"), "--as-of", "2026-11-22"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def depth(line: str) -> int:
    deepest = level = 0
    for ch in line:
        level += {"(": 1, ")": -1}.get(ch, 0)
        deepest = max(deepest, level)
    return deepest


def test_demo_covers_every_case_file_the_batch_reads():
    out = demo_output()
    cases = sorted((ROOT / "examples" / "cases").glob("*.json"))
    assert f"the remedies of the {len(cases)} seed cases in examples/cases/" in out
    for reference in ("21 002 722", "17 016 386", "18 016 599", "20 013 354"):
        assert f"Ombudsman reference {reference}" in out


def test_demo_explains_the_audit_in_words():
    out = demo_output()
    assert "the audit compares the total the decision states with the sum redress computes from the lines" in out
    assert "The decision's stated total of £8,800.00 agrees: the lines above add up to £8,800.00." in out
    assert "The decision's stated total of £2,300.00 agrees: the lines above add up to £2,300.00." in out
    assert "Audit against the stated total" not in out  # the old unexplained wording


def test_demo_has_no_nested_parentheses():
    for line in demo_output().splitlines():
        assert depth(line) <= 1, line


def test_remedy_explanations_have_no_nested_parentheses():
    import redress

    remedy = {"lost_provision": [{"from": "2025-02", "to": "2025-05", "rate": "600", "per": "month"}]}
    chosen = redress.calculate_remedy(remedy, final_decision="2025-11-20")  # guidance chosen from the date
    pinned = redress.calculate_remedy({**remedy, "guidance": "lgsco-termly"}, final_decision="2025-11-20")
    for breakdown in (chosen, pinned):
        assert "Guidance: lgsco-" in breakdown.explain()
        for line in breakdown.explain().splitlines():
            assert depth(line) <= 1, line
