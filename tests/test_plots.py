"""save_figure writes PNG + SVG + CSV, deterministically; the style is colour-blind safe."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framing.plots import OKABE_ITO, save_figure, use_style  # noqa: E402


def make_figure():
    use_style()
    data = pd.DataFrame({"outlet": ["A", "B", "C"], "per_1k": [1.5, 2.25, 0.5]})
    fig, ax = plt.subplots()
    ax.barh(data["outlet"], data["per_1k"])
    ax.set_title("rates")
    return fig, data


def test_writes_three_files(tmp_path):
    fig, data = make_figure()
    paths = save_figure(fig, "9.9-test", data, directory=tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"9.9-test.png", "9.9-test.svg", "9.9-test.csv"}
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert paths["svg"].read_text().lstrip().startswith("<?xml")
    assert pd.read_csv(paths["csv"]).equals(data)


def test_deterministic_bytes(tmp_path):
    outs = []
    for sub in ("a", "b"):
        fig, data = make_figure()
        paths = save_figure(fig, "9.9-test", data, directory=tmp_path / sub)
        outs.append({k: p.read_bytes() for k, p in paths.items()})
        plt.close(fig)
    assert outs[0] == outs[1]


@pytest.mark.parametrize("name,data,error", [
    ("Bad Name", pd.DataFrame(), ValueError),
    ("../escape", pd.DataFrame(), ValueError),
    ("", pd.DataFrame(), ValueError),
    ("ok-name", None, TypeError),
    ("ok-name", [1, 2], TypeError),
])
def test_rejects_bad_arguments(tmp_path, name, data, error):
    fig, _ = make_figure()
    with pytest.raises(error):
        save_figure(fig, name, data, directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_style_cycles_okabe_ito():
    use_style()
    cycle = [c["color"].upper().lstrip("#") for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert ["#" + c for c in cycle] == [c.upper() for c in OKABE_ITO]
