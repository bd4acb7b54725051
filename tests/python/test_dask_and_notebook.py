"""examples/dask_batch.py (the remedy batch over a Dask bag) against run_batch, and the tour notebook
(examples/notebooks/redress-tour.ipynb) executed top to bottom.

The synthetic cases are bench/generate_cases.py's: remedy-only, one month range of lost provision at a monthly rate
and one to four payments, integer pounds throughout. Their totals are worked out here without redress too, by the
rule of seed 000 section 3.1.3 (Dorset Council 21 002 722): a month range counts its school months, August left
out (February to October 2020 is 8 months), at the rate; the payments add on. Whole pounds, so the "pound" rounding
changes nothing.
"""

import collections
import importlib.util
import json
import pathlib
import random

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "notebooks" / "redress-tour.ipynb"
N_CASES = 300
BLOCKSIZE = 20_000  # bytes: the ~145 kB file makes several partitions


def load_by_path(name, path):
    # Not put in sys.modules, so Dask's cloudpickle sends the example's functions to process workers by value.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dask_batch():
    pytest.importorskip("dask")
    pytest.importorskip("dask.bag")
    return load_by_path("redress_example_dask_batch", ROOT / "examples" / "dask_batch.py")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """(path, the good case documents) for a JSON Lines file of synthetic cases with two bad lines among them."""
    generate = load_by_path("redress_bench_generate_cases", ROOT / "bench" / "generate_cases.py")
    rng = random.Random(20261122)
    documents = [generate.case(i, rng) for i in range(N_CASES)]
    lines = [json.dumps(d, separators=(",", ":")) for d in documents]
    lines.insert(100, json.dumps(dict(documents[0], reference="21 002 72")))  # a seven-digit reference
    lines.insert(200, "{this is not JSON")
    path = tmp_path_factory.mktemp("dask") / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, documents


def school_months(start, end):
    """Months start..end of one year, inclusive, less August."""
    return sum(1 for month in range(start, end + 1) if month != 8)


def hand_totals(documents):
    totals = collections.Counter()
    for d in documents:
        remedy = d["remedy"]
        pounds = sum(int(p["amount"]) for p in remedy["payments"])
        for period in remedy["lost_provision"]:
            start, end = int(period["from"][5:]), int(period["to"][5:])
            assert period["from"][:4] == period["to"][:4]
            assert period["per"] == "month"
            pounds += school_months(start, end) * int(period["rate"])
        totals[d["authority"]] += pounds * 100
    return dict(totals)


def test_school_months_follow_seed_000():
    # Seed 000 section 3.1.3: February to July and September to October 2020 is 8 months.
    assert school_months(2, 10) == 8
    assert school_months(11, 12) + school_months(1, 1) == 3  # November 2020 to January 2021


def test_batch_agrees_with_the_hand_totals(dask_batch, synthetic):
    path, documents = synthetic
    assert dask_batch.totals_with_batch(str(path)) == hand_totals(documents)


def test_dask_synchronous_agrees_with_the_batch_to_the_penny(dask_batch, synthetic):
    path, documents = synthetic
    dask = dask_batch.totals_with_dask(str(path), scheduler="synchronous", blocksize=BLOCKSIZE)
    assert dask == dask_batch.totals_with_batch(str(path))
    assert dask == hand_totals(documents)


def test_dask_processes_agrees_with_the_batch_to_the_penny(dask_batch, synthetic):
    import dask.bag

    path, documents = synthetic
    assert dask.bag.read_text(str(path), blocksize=BLOCKSIZE).npartitions >= 3
    dask = dask_batch.totals_with_dask(str(path), scheduler="processes", blocksize=BLOCKSIZE)
    assert dask == dask_batch.totals_with_batch(str(path))
    assert dask == hand_totals(documents)


def test_remedy_totals_counts_bad_lines_as_errors(dask_batch):
    assert dask_batch.remedy_totals(["", "{this is not JSON"]) == [("(error)", 0), ("(error)", 0)]


def test_tour_notebook_runs_top_to_bottom():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError at the first cell that fails
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    for n, cell in enumerate(code):
        assert cell.execution_count is not None, n
        assert [o for o in cell.outputs if o.output_type == "error"] == [], n
        # No warnings either (a DeprecationWarning in the kernel would be printed to stderr).
        assert [o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"] == [], n
    # Seed 000's total, shown by the rich display of Dorset's breakdown.
    html = [o.data.get("text/html", "") for cell in code for o in cell.outputs if o.output_type == "execute_result"]
    assert any("Total £8,800.00" in h for h in html)
