"""`make report` machinery: executing notebooks headless, the figure index."""

from __future__ import annotations

import nbformat
import pytest

from framing import report

NOTEBOOK_CODE = """
import pandas as pd, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from framing.plots import save_figure
fig, ax = plt.subplots(); ax.plot([1, 2], [3, 4])
save_figure(fig, "7.1-line", pd.DataFrame({"x": [1, 2], "y": [3, 4]}))
print("figure saved")
"""


@pytest.mark.parametrize("figure,notebooks,expected", [
    ("0.1-seed-cleaning", ["0.1-seed-article", "1.0-load"], "0.1-seed-article"),
    ("1.0-x", ["0.1-seed-article", "1.0-load"], "1.0-load"),
    ("1.01-x", ["1.0-load"], None),
    ("nonumber", ["1.0-load"], None),
])
def test_notebook_for_figure(figure, notebooks, expected):
    assert report.notebook_for_figure(figure, notebooks) == expected


def test_build_report_executes_and_indexes(tmp_path, monkeypatch):
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NOTEBOOK_CODE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, nb_dir / "7.1-demo.ipynb")
    before = (nb_dir / "7.1-demo.ipynb").read_bytes()
    out = tmp_path / "reports"
    out.mkdir()
    (out / "validation.md").write_text("# Validation\n")
    monkeypatch.setenv("FRAMING_REPORTS", str(out))
    index = report.build_report(notebooks=nb_dir, output=out)
    assert (out / "html" / "7.1-demo.html").read_text().count("figure saved") >= 1
    assert {p.suffix for p in (out / "figures").iterdir()} == {".png", ".svg", ".csv"}
    text = index.read_text()
    assert "| ![7.1-line](figures/7.1-line.png) | `7.1-demo` |" in text
    assert "- [validation.md](validation.md)" in text
    assert (nb_dir / "7.1-demo.ipynb").read_bytes() == before  # sources untouched


def test_build_report_without_notebooks_fails_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        report.build_report(notebooks=tmp_path, output=tmp_path / "r")


def test_index_lists_figures_with_their_csv_and_annotated_pages(tmp_path):
    from framing.report import write_index

    (tmp_path / "figures").mkdir()
    (tmp_path / "html").mkdir()
    for name in ("1.0-a.png", "1.0-a.csv", "1.0-a.svg", "shot.png"):
        (tmp_path / "figures" / name).write_bytes(b"x")
    (tmp_path / "html" / "annotated-seed.html").write_text("<html></html>")
    text = write_index(tmp_path, ["1.0-nb"]).read_text()
    assert "figures/1.0-a.png" in text
    assert "shot.png" not in text  # a picture without the numbers behind it is not a figure
    assert "[annotated-seed.html](html/annotated-seed.html)" in text


def test_build_report_leaves_the_environment_as_it_was(tmp_path, monkeypatch):
    import os

    from framing.report import build_report

    monkeypatch.delenv("FRAMING_REPORTS", raising=False)
    with pytest.raises(FileNotFoundError):
        build_report(notebooks=tmp_path / "none", output=tmp_path / "r")
    assert "FRAMING_REPORTS" not in os.environ


def test_index_attributes_script_figures_to_their_script(tmp_path):
    from framing.report import maker_of_figure, write_index

    (tmp_path / "figures").mkdir()
    for name in ("outlets-mbic-stance", "2.1-a"):
        for ext in ("png", "csv"):
            (tmp_path / "figures" / f"{name}.{ext}").write_bytes(b"x")
    text = write_index(tmp_path, ["2.1-attribution"]).read_text()
    assert "| ![outlets-mbic-stance](figures/outlets-mbic-stance.png) | `benchmarks/outlets_report.py` |" in text
    assert "| ![2.1-a](figures/2.1-a.png) | `2.1-attribution` |" in text
    assert maker_of_figure("nothing", ["2.1-attribution"]) is None


def test_gallery_lists_figures_notebooks_and_pages(tmp_path):
    from framing.report import write_index

    (tmp_path / "figures").mkdir()
    (tmp_path / "html").mkdir()
    for name in ("1.0-a", "outlets-x", "9.9-orphan"):
        for ext in ("png", "svg", "csv"):
            (tmp_path / "figures" / f"{name}.{ext}").write_bytes(b"x")
    (tmp_path / "figures" / "shot.png").write_bytes(b"x")  # no CSV: not a figure
    (tmp_path / "html" / "annotated-a&b <i>.html").write_text("<html></html>")
    (tmp_path / "validation.md").write_text("# V\n")
    write_index(tmp_path, ["1.0-load & <clean>"])
    text = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text
    assert "<script" not in text.lower() and "http" not in text  # self-contained: nothing remote
    assert '<img src="figures/1.0-a.png" alt="1.0-a"' in text
    for ext in ("png", "svg", "csv"):
        assert f'<a href="figures/1.0-a.{ext}">{ext.upper()}</a>' in text
    assert "shot.png" not in text
    for prefix, script in getattr(report, "FIGURE_SCRIPTS", {}).items():  # a script's figure names its script
        if prefix == "outlets-":
            assert f"<code>{script}</code>" in text
    assert "9.9-orphan</b><br>made by ?" in text
    # names are escaped in text and percent-encoded in links
    assert "1.0-load &amp; &lt;clean&gt;" in text and "<clean>" not in text
    assert 'href="html/1.0-load%20%26%20%3Cclean%3E.html"' in text
    assert "annotated-a&amp;b &lt;i&gt;.html</a>" in text and "<i>" not in text
    assert 'href="validation.md"' in text


def test_gallery_is_deterministic(tmp_path):
    from framing.report import write_gallery

    (tmp_path / "figures").mkdir()
    for name in ("2.0-b", "0.1-a"):
        for ext in ("png", "csv"):
            (tmp_path / "figures" / f"{name}.{ext}").write_bytes(b"x")
    first = write_gallery(tmp_path, ["0.1-seed", "2.0-lex"]).read_bytes()
    assert write_gallery(tmp_path, ["0.1-seed", "2.0-lex"]).read_bytes() == first
    text = first.decode()
    assert text.index("0.1-a") < text.index("2.0-b")
    assert '<a href="html/2.0-lex.html">2.0-lex</a>' in text
