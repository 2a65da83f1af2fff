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


# --------------------------------------------------------------------------- analysis figures

from framing.compare import log_odds  # noqa: E402
from framing.plots import (fightin_words, naming_bars, rates_by_group, stance_counts,  # noqa: E402
                           stance_profile)


def _log_odds_table():
    counts = pd.DataFrame({"kyiv": [40, 2, 5], "kiev": [3, 30, 2], "said": [50, 55, 40],
                           "war": [20, 22, 19], "regime": [1, 12, 0], "invasion": [15, 1, 6]},
                          index=["A", "B", "C"])
    return log_odds(counts)


def _compare_table():
    return pd.DataFrame({
        "group": ["A", "B", "C"] * 2,
        "feature": ["loaded_narrator_per_1k"] * 3 + ["loaded_quoted_per_1k"] * 3,
        "n": [5, 6, 7, 4, 6, 3], "mean": [1.0, 2.5, 0.5, 3.0, 1.0, 2.0],
        "ci_low": [0.4, 1.5, 0.0, 1.0, 0.2, 0.5], "ci_high": [1.8, 3.6, 1.1, 5.0, 2.1, 3.5]})


def _naming_table():
    return pd.DataFrame({
        "group": ["X", "X", "Y", "Y", "X", "X", "Y", "Y"],
        "pair": ["kyiv_kiev"] * 4 + ["invasion_smo"] * 4,
        "variant": ["kyiv", "kiev"] * 2 + ["invasion", "special military operation"] * 2,
        "count": [3, 1, 0, 2, 4, 0, 1, 3], "share": [0.75, 0.25, 0, 1, 1, 0, 0.25, 0.75],
        "pair_total": [4, 4, 2, 2, 4, 4, 4, 4]})


def _stance_counts():
    return pd.DataFrame({"neutral": [20, 8, 0], "distancing": [2, 6, 1], "emphatic": [3, 1, 0]},
                        index=pd.Index(["A", "B", "C"], name="group"))


CASES = {
    "fightin": (lambda: fightin_words(_log_odds_table(), "A", top=4),
                lambda: _log_odds_table().query("group == 'A'")),
    "rates": (lambda: rates_by_group(_compare_table()), _compare_table),
    "rates-one": (lambda: rates_by_group(_compare_table(), "loaded_quoted_per_1k"), _compare_table),
    "naming": (lambda: naming_bars(_naming_table()), _naming_table),
    "stance": (lambda: stance_profile(_stance_counts()), lambda: _stance_counts().reset_index()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_analysis_figures_save_three_files(tmp_path, name):
    make, data = CASES[name]
    fig = make()
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") or fig._suptitle is not None
    assert fig.axes[-1].get_xlabel()
    paths = save_figure(fig, f"9.9-{name}", data(), directory=tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {f"9.9-{name}.{e}" for e in ("png", "svg", "csv")}
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plt.close(fig)


def test_fightin_words_labels_top_terms_apart():
    fig = fightin_words(_log_odds_table(), "B", top=3)
    ax = fig.axes[0]
    labels = {t.get_text(): t for t in ax.texts if t.get_text() in set(_log_odds_table()["term"])}
    top = _log_odds_table().query("group == 'B'").assign(a=lambda d: d.z.abs()).nlargest(3, "a")["term"]
    assert set(labels) == set(top)
    ys = sorted(t.xyann[1] for t in labels.values())
    assert all(b - a > 0 for a, b in zip(ys, ys[1:]))
    assert {round(abs(line.get_ydata()[0]), 2) for line in ax.get_lines()} >= {1.96}
    assert "n = 6 terms" in " ".join(t.get_text() for t in ax.texts)
    plt.close(fig)


def test_rates_by_group_n_in_ticks_and_markers():
    fig = rates_by_group(_compare_table())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (n = 5 / 4)", "B (n = 6)", "C (n = 7 / 3)"]
    assert ax.get_xlabel() == "per 1,000 tokens"
    markers = {line.get_marker() for line in ax.get_lines() if line.get_marker() not in ("None", "|", "_")}
    assert markers >= {"o", "s"}
    plt.close(fig)


def test_naming_bars_one_panel_per_pair_with_variant_labels():
    fig = naming_bars(_naming_table())
    assert len(fig.axes) == 2
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "kyiv 75%" in texts and "special military operation 75%" in texts
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["X (n = 4)", "Y (n = 4)"]
    plt.close(fig)


def test_stance_profile_n_cues_and_hatches():
    fig = stance_profile(_stance_counts())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (n = 25 cues)", "B (n = 15 cues)",
                                                          "C (n = 1 cues)"]
    assert len({p.get_hatch() for p in ax.patches}) == 3
    plt.close(fig)


def test_stance_counts_from_features():
    f = pd.DataFrame({"attribution_n": [3, 4], "attribution_narrator_n": [1, 1],
                      "attribution_neutral_n": [2, 1], "attribution_distancing_n": [1, 3],
                      "outlet": ["A", "B"]})
    out = stance_counts(f, "outlet")
    assert list(out.columns) == ["neutral", "distancing"]
    assert out.loc["B", "distancing"] == 3


@pytest.mark.parametrize("call,error", [
    (lambda: fightin_words(_log_odds_table(), "Z"), ValueError),
    (lambda: fightin_words(pd.DataFrame({"x": [1]}), "A"), KeyError),
    (lambda: rates_by_group(_compare_table(), ["nope_per_1k"]), KeyError),
    (lambda: naming_bars(_naming_table().iloc[0:0]), ValueError),
    (lambda: stance_profile(pd.DataFrame({"neutral": [0]})), ValueError),
])
def test_analysis_figures_reject_bad_input(call, error):
    with pytest.raises(error):
        call()


def _sources_table():
    return pd.DataFrame({"neutral": [8, 1, 0], "distancing": [2, 3, 1], "total": [10, 4, 1],
                         "non_neutral_share": [0.2, 0.75, 1.0]},
                        index=pd.MultiIndex.from_tuples([("A", "person"), ("A", "government"), ("B", "media")],
                                                        names=["outlet", "source_type"]))


def test_stance_heatmap_cells_ticks_and_files(tmp_path):
    from framing.plots import stance_heatmap

    fig = stance_heatmap(_sources_table(), min_cues=2)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A / person (n = 10)", "A / government (n = 4)"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["neutral", "distancing"]  # total, share dropped
    assert sorted(t.get_text() for t in ax.texts) == ["20%\n(2)", "25%\n(1)", "75%\n(3)", "80%\n(8)"]
    paths = save_figure(fig, "heat", _sources_table().reset_index(), directory=tmp_path)
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())
    plt.close(fig)


@pytest.mark.parametrize("table,error", [
    (pd.DataFrame({"neutral": [-1]}), ValueError),
    (pd.DataFrame({"neutral": [1]}), None),
    ([1, 2], TypeError),
])
def test_stance_heatmap_rejects_bad_input(table, error):
    from framing.plots import stance_heatmap

    if error is None:
        with pytest.raises(ValueError, match="or more cues"):
            stance_heatmap(table, min_cues=5)
    else:
        with pytest.raises(error):
            stance_heatmap(table)


# --------------------------------------------------------------------------- sentiment by voice

from framing.plots import sentiment_by_voice, sentiment_summary  # noqa: E402


def _sentiment_table():
    return pd.DataFrame({
        "sentiment_narrator_mean": [-0.5, 0.1, 0.2, -0.2], "sentiment_narrator_n": [4, 1, 3, 2],
        "sentiment_quoted_mean": [float("nan"), 0.3, -0.1, 0.5], "sentiment_quoted_n": [0, 2, 1, 1],
        "sentiment_title": [-0.4, float("nan"), 0.6, 0.0],
        "outlet": ["A", "A", "B", "B"]}, index=pd.Index(list("wxyz"), name="doc_id"))


def test_sentiment_by_voice_saves_three_files(tmp_path):
    table = _sentiment_table()
    fig = sentiment_by_voice(table, "outlet")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and "VADER compound" in ax.get_xlabel()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (n = 2)", "B (n = 2)"]
    markers = {line.get_marker() for line in ax.get_lines() if line.get_marker() not in ("None", "|", "_")}
    assert markers >= {"o", "s", "D"}  # voices differ by marker, not colour alone
    # sentences (A narrator 5, B narrator 5, quoted 2 and 2) and headlines (A 1, B 2)
    assert sorted(t.get_text().strip() for t in ax.texts) == ["n=1", "n=2", "n=2", "n=2", "n=5", "n=5"]
    paths = save_figure(fig, "9.9-sentiment", sentiment_summary(table, "outlet"), directory=tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {f"9.9-sentiment.{e}" for e in ("png", "svg", "csv")}
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plt.close(fig)


def test_sentiment_summary_by_hand():
    s = sentiment_summary(_sentiment_table(), "outlet").set_index(["group", "voice"])
    # A narrator: (-0.5 * 4 + 0.1 * 1) / 5; the article without quotations has no quoted mean
    assert s.loc[("A", "narrator"), "mean"] == pytest.approx(-0.38)
    assert s.loc[("A", "narrator"), ["articles", "sentences"]].tolist() == [2, 5]
    assert s.loc[("A", "quoted"), ["articles", "sentences", "mean"]].tolist() == [1, 2, 0.3]
    # one article: every bootstrap draw is that article
    assert s.loc[("A", "quoted"), ["ci_low", "ci_high"]].tolist() == pytest.approx([0.3, 0.3])
    assert s.loc[("B", "quoted"), "mean"] == pytest.approx((-0.1 + 0.5) / 2)
    assert s.loc[("A", "headline"), ["articles", "mean"]].tolist() == [1, -0.4]
    assert s.loc[("B", "narrator"), "mean"] == pytest.approx((0.2 * 3 - 0.2 * 2) / 5)
    lo, hi = s.loc[("B", "narrator"), ["ci_low", "ci_high"]]
    assert -0.2 - 1e-9 <= lo <= s.loc[("B", "narrator"), "mean"] <= hi <= 0.2 + 1e-9


def test_sentiment_summary_series_and_reproducible():
    table = _sentiment_table()
    by = table["outlet"].iloc[::-1]  # aligned on the index, not by position
    pd.testing.assert_frame_equal(sentiment_summary(table.drop(columns="outlet"), by),
                                  sentiment_summary(table, "outlet"))


@pytest.mark.parametrize("table,error", [
    (pd.DataFrame({"x": [1]}), KeyError),
    (_sentiment_table().iloc[0:0], ValueError),
    (_sentiment_table().assign(sentiment_narrator_n=0, sentiment_quoted_n=0,
                               sentiment_title=float("nan")), ValueError),
])
def test_sentiment_by_voice_rejects_bad_input(table, error):
    with pytest.raises(error):
        sentiment_by_voice(table, "outlet")


# --------------------------------------------------------------------------- over time

from framing.compare import rates_over_time as time_table  # noqa: E402
from framing.plots import rates_over_time  # noqa: E402


def _time_table():
    f = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 3,
                      "date": pd.to_datetime(["2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04",
                                              "2022-02-05", "2022-03-20", "2022-02-10", "2022-03-01",
                                              "2022-03-02"]),
                      "loaded_per_1k": [1.0, 2, 3, 4, 5, 2, 8, 6, 7]})
    return time_table(f, "date", "outlet", freq="W")


def test_rates_over_time_plot_markers_events_and_files(tmp_path):
    t = _time_table()
    fig = rates_over_time(t, "loaded_per_1k", events={"2022-02-24": "invasion"})
    ax = fig.axes[0]
    assert ax.get_ylabel() == "per 1,000 tokens"
    assert "week" in ax.get_xlabel() and "week" in ax.get_title(loc="left")
    texts = [x.get_text() for x in ax.texts]
    assert " invasion" in texts                      # the event's label
    assert "0" in texts                              # an empty week is marked on the axis
    assert "5" in texts and "2" in texts             # n beside the points
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend[:2] == ["A (n = 6)", "B (n = 3)"]
    assert any("articles" in x for x in legend)      # the marker-size scale
    lines = [h for h in ax.get_legend().legend_handles][:2]
    assert lines[0].get_marker() != lines[1].get_marker()
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert [c.lower() for c in (lines[0].get_color(), lines[1].get_color())] == [c.lower() for c in OKABE_ITO[:2]]
    paths = save_figure(fig, "9.9-time", t, directory=tmp_path)
    assert {p.suffix for p in paths.values()} == {".png", ".svg", ".csv"}
    plt.close(fig)


def test_rates_over_time_plot_one_group_months():
    f = pd.DataFrame({"x_share": [0.1, 0.3, 0.2], "date": pd.to_datetime(["2022-01-05", "2022-01-20", "2022-03-01"])})
    fig = rates_over_time(time_table(f, "date", freq="M"), "x_share", annotate_n=False)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "share (0 to 1)" and "month" in ax.get_title(loc="left")
    assert "2" not in [x.get_text() for x in ax.texts]
    plt.close(fig)


@pytest.mark.parametrize("call,error", [
    (lambda: rates_over_time(_time_table(), "nope"), KeyError),
    (lambda: rates_over_time(_time_table(), "loaded_per_1k", groups=["Z"]), KeyError),
    (lambda: rates_over_time(pd.DataFrame(), "x"), KeyError),
    (lambda: rates_over_time("table", "x"), TypeError),
])
def test_rates_over_time_plot_rejects(call, error):
    with pytest.raises(error):
        call()
