"""Every notebook is paired with a jupytext py:percent file and the two agree.

(The notebooks themselves are executed by nbmake: `pytest` collects notebooks/*.ipynb.)
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

NB_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ should hold the report's notebooks"


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_paired_and_in_sync(ipynb):
    py = ipynb.with_suffix(".py")
    assert py.exists(), f"{ipynb.name} has no py:percent pair (jupytext --to py:percent)"
    assert "format_name: percent" in py.read_text(encoding="utf-8")
    a, b = jupytext.read(ipynb), jupytext.read(py)
    cells = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert cells(a) == cells(b), f"{ipynb.name} and {py.name} differ: run `jupytext --sync {py}`"


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_without_outputs_and_with_parameters(ipynb):
    nb = jupytext.read(ipynb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        "commit notebooks without outputs; executed copies go to reports/html"
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells), \
        "each notebook has a papermill 'parameters' cell"
