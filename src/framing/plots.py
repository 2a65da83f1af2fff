"""Figures: one house style and :func:`save_figure`, which writes PNG + SVG + the CSV behind it.

Every figure the project publishes is saved three ways: a 300 dpi PNG for documents, an
SVG for editing, and the CSV of the plotted numbers so a reader can check or re-plot them
(the practice of The Markup's and FiveThirtyEight's published notebooks). The style uses the
Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays distinguishable
under the common colour-vision deficiencies. Files are written deterministically (no
timestamps in the metadata), so re-running a notebook gives byte-identical CSVs and SVGs.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, tempfile
    >>> from framing.plots import save_figure, use_style
    >>> use_style()
    >>> data = pd.DataFrame({"outlet": ["A", "B"], "rate": [1.5, 2.0]})
    >>> fig, ax = matplotlib.pyplot.subplots()
    >>> _ = ax.barh(data["outlet"], data["rate"])
    >>> paths = save_figure(fig, "example", data, directory=tempfile.mkdtemp())
    >>> sorted(p.suffix for p in paths.values())
    ['.csv', '.png', '.svg']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import config

if TYPE_CHECKING:  # matplotlib is imported when a figure is made, not when framing is imported
    from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "STYLE_PATH", "fightin_words", "naming_bars", "rates_by_group", "rates_over_time",
           "save_figure", "sentiment_by_voice", "sentiment_summary", "stance_counts", "stance_heatmap",
           "stance_profile", "use_style"]

#: The Okabe-Ito colour-blind safe palette, in the order the style cycles through it.
OKABE_ITO: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                              "#D55E00", "#F0E442", "#000000")

#: The project's matplotlib style file.
STYLE_PATH = Path(__file__).with_name("styles") / "framing.mplstyle"

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def use_style() -> None:
    """Apply the framing figure style to matplotlib globally.

    Example:
        >>> use_style()
        >>> import matplotlib
        >>> matplotlib.rcParams["axes.spines.top"]
        False
    """
    import matplotlib.pyplot as plt

    plt.style.use(str(STYLE_PATH))


def save_figure(fig: Figure, name: str, data: pd.DataFrame, *, directory: str | Path | None = None,
                dpi: int = 300) -> dict[str, Path]:
    """Write ``fig`` as ``<name>.png`` (``dpi``) and ``<name>.svg`` and ``data`` as ``<name>.csv``.

    Args:
        fig: the matplotlib figure.
        name: file stem, lowercase letters, digits, ``.``, ``_`` and ``-`` (e.g.
            ``"0.1-seed-cleaning"``); the notebook number first keeps the gallery ordered.
        data: the numbers the figure shows, one row per plotted mark. Required: a figure
            without its table cannot be checked.
        directory: where to write (default :func:`framing.config.figures_dir`).
        dpi: PNG resolution.

    Returns:
        ``{"png": path, "svg": path, "csv": path}``.

    Example:
        >>> import matplotlib.pyplot as plt, pandas as pd, tempfile
        >>> fig, ax = plt.subplots()
        >>> save_figure(fig, "Bad Name", pd.DataFrame())
        Traceback (most recent call last):
        ...
        ValueError: figure name 'Bad Name' must match [a-z0-9][a-z0-9._-]*
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must match [a-z0-9][a-z0-9._-]*")
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be the DataFrame of plotted numbers")
    out = Path(directory) if directory is not None else config.figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = {ext: out / f"{name}.{ext}" for ext in ("png", "svg", "csv")}
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "framing"}):
        fig.savefig(paths["png"], dpi=dpi, metadata={"Software": None})
        fig.savefig(paths["svg"], metadata={"Date": None, "Creator": None})
    data.to_csv(paths["csv"], index=False, lineterminator="\n")
    return paths


# --------------------------------------------------------------------------- analysis figures

#: Hatches cycled alongside the palette where colour alone would carry meaning.
_HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "oo", "--", "++")
#: Markers cycled alongside the palette (circle, square, diamond, triangle, ...).
_MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "h")
_GREY = "#9a9a9a"


def _pyplot():
    import matplotlib.pyplot as plt

    use_style()
    return plt


def _require(table: pd.DataFrame, what: str, columns: Sequence[str]) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"{what} has no column(s) {missing}")
    if table.empty:
        raise ValueError(f"{what} is empty: nothing to plot")


def _stacked_shares(ax, share: pd.DataFrame, *, height: float, label_from: float, pad: float,
                    text) -> None:
    """100% stacked horizontal bars, one row per index entry, one segment per column: Okabe-Ito
    colour plus hatching (readable in grey), a segment of ``label_from`` % or more labelled
    with ``text(column, share)``."""
    y = np.arange(len(share))
    left = np.zeros(len(share))
    for k, column in enumerate(share.columns):
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        vals = share[column].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=colour, hatch=_HATCHES[k % len(_HATCHES)],
                edgecolor="white", linewidth=0.8, height=height, label=str(column))
        for yy, lo, v in zip(y, left, vals):
            if v >= label_from:
                ax.text(lo + v / 2, yy, text(column, v), ha="center", va="center", fontsize=8.5,
                        color=_ink(colour), bbox={"boxstyle": f"round,pad={pad}", "facecolor": colour,
                                                  "edgecolor": "none"})
        left += vals


def _ink(hex_colour: str) -> str:
    """Black or white text, whichever reads better on ``hex_colour``."""
    r, g, b = (int(hex_colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4))
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def _spread(wanted: Sequence[float], gap: float) -> list[float]:
    """Greedy vertical nudging: positions >= ``gap`` apart, each as close to its wish as the
    order allows (pushed up from the lowest, then the block shifted back down toward the wishes)."""
    order = np.argsort(wanted, kind="mergesort")
    pos = np.asarray(wanted, dtype=float)[order].copy()
    for k in range(1, len(pos)):
        pos[k] = max(pos[k], pos[k - 1] + gap)
    # shift down as far as the wishes allow without breaking the lowest label's gap order
    shift = float(np.mean(pos - np.asarray(wanted, dtype=float)[order])) if len(pos) else 0.0
    pos -= max(shift, 0.0) / 2
    for k in range(1, len(pos)):
        pos[k] = max(pos[k], pos[k - 1] + gap)
    out = np.empty_like(pos)
    out[order] = pos
    return out.tolist()


def fightin_words(table: pd.DataFrame, group, *, top: int = 15, threshold: float = 1.96) -> Figure:
    """The "Fightin' Words" plot of one group: z-score of each term against its frequency.

    Every term of ``group`` in a :func:`framing.compare.log_odds` table is a grey dot at
    (total count in all groups, log scale; ``z``). The ``top`` terms by ``|z|`` are marked and
    labelled (over-used by the group: blue circles, labels above the zero line; under-used:
    orange squares), with labels nudged apart so they do not overlap. Dashed lines mark
    ``z = +-threshold`` (1.96: two-sided p < .05 for one term, uncorrected). After Monroe,
    Colaresi & Quinn (2008), fig. 4-6.

    Args:
        table: ``log_odds`` output (``group, term, count_group, count_rest, z``); with a
            ``comparison`` column (pairs), filter it to one comparison first.
        group: the group to plot.
        top: how many terms to label.
        threshold: where to draw the significance lines.

    Returns:
        The figure; save it with ``save_figure(fig, name, table[table.group == group])``.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> from framing.compare import log_odds
        >>> counts = pd.DataFrame({"kyiv": [40, 2], "kiev": [3, 30], "said": [50, 55],
        ...                        "war": [20, 22]}, index=["A", "B"])
        >>> fig = fightin_words(log_odds(counts), "A", top=2)
        >>> fig.axes[0].get_title(loc="left")
        'A: distinguishing terms'
    """
    _require(table, "table", ["group", "term", "count_group", "count_rest", "z"])
    rows = table[table["group"] == group]
    if rows.empty:
        raise ValueError(f"no rows for group {group!r}; groups: {sorted(map(str, table['group'].unique()))}")
    if "comparison" in rows.columns and rows["comparison"].nunique() > 1:
        raise ValueError("several comparisons for this group; filter the table to one first")
    plt = _pyplot()
    freq = (rows["count_group"] + rows["count_rest"]).to_numpy(dtype=float)
    z = rows["z"].to_numpy(dtype=float)
    terms = rows["term"].astype(str).to_numpy()
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    ax.grid(axis="y")
    ax.scatter(freq, z, s=9, color=_GREY, alpha=0.55, linewidths=0, label="all terms", zorder=2)
    for y in (threshold, -threshold):
        ax.axhline(y, color="#555555", linestyle="--", linewidth=0.8, zorder=1)
    ax.axhline(0, color="#555555", linewidth=0.6, zorder=1)
    ax.set_xscale("log")
    xmin, xmax = max(freq.min(), 1.0) / 1.6, freq.max() * 1.6
    ax.set_xlim(xmin, xmax)
    ax.text(xmax, threshold, f" z = +{threshold:g}", va="bottom", ha="right", fontsize=8.5, color="#555555")
    ax.text(xmax, -threshold, f" z = \u2212{threshold:g}", va="top", ha="right", fontsize=8.5, color="#555555")
    pick = np.argsort(-np.abs(z), kind="mergesort")[:max(int(top), 0)]
    ylo, yhi = min(z.min(), -threshold), max(z.max(), threshold)
    span = yhi - ylo
    gap = span * 0.055
    mid = np.sqrt(xmin * xmax)
    placed_lo, placed_hi = ylo, yhi
    for sign, colour, marker, name in ((1, OKABE_ITO[0], "o", f"over-used by {group}"),
                                       (-1, OKABE_ITO[1], "s", "under-used")):
        chosen = [k for k in pick if np.sign(z[k]) == sign or (sign == 1 and z[k] == 0)]
        if not chosen:
            continue
        ax.scatter(freq[chosen], z[chosen], s=30, color=colour, marker=marker, edgecolors="black",
                   linewidths=0.4, zorder=4, label=name)
        for side in ("left", "right"):
            ks = [k for k in chosen if (freq[k] <= mid) == (side == "right")]
            if not ks:
                continue
            ys = _spread([z[k] for k in ks], gap)
            for k, y in zip(ks, ys):
                dx = 1.35 if side == "right" else 1 / 1.35
                ax.annotate(terms[k], (freq[k], z[k]), xytext=(freq[k] * dx, y), textcoords="data",
                            ha="left" if side == "right" else "right", va="center", fontsize=8.5,
                            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.5,
                                        "shrinkA": 0, "shrinkB": 2}, zorder=5)
                placed_lo, placed_hi = min(placed_lo, y), max(placed_hi, y)
    ax.set_ylim(placed_lo - 0.08 * span, placed_hi + 0.08 * span)
    ntok = int(rows["count_group"].sum())
    ax.set_title(f"{group}: distinguishing terms")
    ax.text(0.0, -0.2, f"n = {len(rows):,} terms, {ntok:,} tokens in the group; labelled: the "
            f"{len(pick)} largest |z|.\nLog-odds with informative Dirichlet prior (Monroe et al. 2008).",
            fontsize=8.5, color="#444444", transform=ax.transAxes, va="top")
    ax.set_xlabel("frequency in all groups (count, log scale)")
    ax.set_ylabel("z-score of log-odds (group vs rest)")
    ax.legend(loc="best", fontsize=8.5)
    return fig


def _pretty(feature: str) -> str:
    name = feature[:-len("_per_1k")] if feature.endswith("_per_1k") else feature
    return name.replace("_", " ")


def rates_by_group(compare_table: pd.DataFrame, feature: str | Sequence[str] | None = None) -> Figure:
    """Mean and 95% CI per group of one or more features, as dots with error bars.

    One row per group (``n`` articles in the tick label), one dot per feature, dodged
    vertically and told apart by colour *and* marker (first feature: blue circles, second:
    orange squares, ...), e.g. loaded words by the narrator next to loaded words in quotes.

    Args:
        compare_table: :func:`framing.compare.compare` output (``group, feature, n, mean,
            ci_low, ci_high``).
        feature: a feature, a list of features, or None for every feature in the table.

    Returns:
        The figure; save it with the rows of ``compare_table`` it shows.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> t = pd.DataFrame({"group": ["A", "B"], "feature": "loaded_per_1k", "n": [3, 4],
        ...                   "mean": [1.0, 2.0], "ci_low": [0.5, 1.2], "ci_high": [1.6, 2.9]})
        >>> fig = rates_by_group(t)
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['A (n = 3)', 'B (n = 4)']
    """
    _require(compare_table, "compare_table", ["group", "feature", "n", "mean", "ci_low", "ci_high"])
    if feature is None:
        features = list(pd.unique(compare_table["feature"]))
    else:
        features = [feature] if isinstance(feature, str) else list(feature)
    missing = [f for f in features if f not in set(compare_table["feature"])]
    if missing or not features:
        raise KeyError(f"no rows for feature(s) {missing}; features: {list(pd.unique(compare_table['feature']))}")
    rows = compare_table[compare_table["feature"].isin(features)]
    groups = list(pd.unique(rows["group"]))
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.0, 1.2 + 0.55 * len(groups) * max(1, 0.6 * len(features))))
    width = 0.7
    offsets = (np.arange(len(features)) - (len(features) - 1) / 2) * (width / max(len(features), 1))
    ns: dict = {g: [] for g in groups}
    for k, (feat, off) in enumerate(zip(features, offsets)):
        sub = rows[rows["feature"] == feat].set_index("group").reindex(groups)
        y = np.arange(len(groups)) + off
        mean = sub["mean"].to_numpy(dtype=float)
        err = np.vstack([mean - sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float) - mean])
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        ax.errorbar(mean, y, xerr=np.clip(np.nan_to_num(err), 0, None), fmt=_MARKERS[k % len(_MARKERS)],
                    color=colour, markersize=6.5, markeredgecolor="black", markeredgewidth=0.4,
                    ecolor=colour, elinewidth=1.6, capsize=3, label=_pretty(feat), zorder=3)
        for g, n in zip(groups, sub["n"].to_numpy()):
            ns[g].append("?" if pd.isna(n) else f"{int(n)}")
    labels = [f"{g} (n = {' / '.join(ns[g]) if len(set(ns[g])) > 1 else ns[g][0]})" for g in groups]
    ax.set_yticks(np.arange(len(groups)), labels)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(left=min(0.0, float(np.nanmin(rows["ci_low"]))))
    per_1k = all(f.endswith("_per_1k") for f in features)
    ax.set_xlabel("per 1,000 tokens" if per_1k else "mean value")
    ax.set_ylabel("group (n = articles" + (", per feature in legend order)" if len(features) > 1 else ")"))
    ax.set_title(("Rate per group" if per_1k else "Mean per group") + ", mean with 95% bootstrap CI")
    if len(features) > 1 or feature is None:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14 - 0.4 / max(len(groups), 1)),
                  ncol=min(len(features), 3))
    return fig


def naming_bars(naming: pd.DataFrame, *, pairs: Sequence[str] | None = None, max_pairs: int = 6) -> Figure:
    """For each naming pair, the share of each variant per group, as 100% stacked bars.

    One panel per pair (the ``max_pairs`` most used, or ``pairs``), one bar per group where the
    pair occurs (``n`` = mentions of the pair in the tick label); by default pairs where
    more than one variant was seen come first. Segments are coloured and
    hatched per variant, labelled with the variant name and share where they are wide enough,
    and listed in each panel's legend. Periods, if any, are summed.

    Args:
        naming: :func:`framing.compare.naming_table` output (``group, pair, variant, count``).
        pairs: the pairs to show, in this order (default: the most mentioned first).
        max_pairs: at most this many panels when ``pairs`` is None.

    Returns:
        The figure; save it with the rows of ``naming`` it shows.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> t = pd.DataFrame({"group": ["X", "X", "Y", "Y"], "pair": "kyiv_kiev",
        ...                   "variant": ["kyiv", "kiev"] * 2, "count": [3, 1, 0, 2]})
        >>> fig = naming_bars(t)
        >>> fig.axes[0].get_title(loc="left")
        'kyiv kiev (variants: kyiv, kiev)'
    """
    _require(naming, "naming", ["group", "pair", "variant", "count"])
    counts = naming.groupby(["pair", "group", "variant"], sort=False)["count"].sum().reset_index()
    totals = counts.groupby("pair")["count"].sum().sort_values(ascending=False, kind="mergesort")
    totals = totals[totals > 0]
    if pairs is None:  # pairs where only one variant was ever seen show no choice: last
        seen = counts[counts["count"] > 0].groupby("pair")["variant"].nunique()
        ranked = sorted(totals.index, key=lambda p: (seen.get(p, 0) < 2, -totals[p]))
        chosen = ranked[:max_pairs]
    else:
        chosen = list(pairs)
        unknown = [p for p in chosen if p not in totals.index]
        if unknown:
            raise KeyError(f"no mentions of pair(s) {unknown}")
    if not chosen:
        raise ValueError("naming has no mentions to plot")
    plt = _pyplot()
    sizes = [counts.loc[(counts["pair"] == p) & (counts.groupby(["pair", "group"])["count"].transform("sum") > 0),
                        "group"].nunique() for p in chosen]
    fig, axes = plt.subplots(len(chosen), 1, figsize=(7.5, sum(0.42 * s + 0.95 for s in sizes) + 0.4),
                             gridspec_kw={"height_ratios": [s + 1.2 for s in sizes]}, squeeze=False)
    for ax, pair in zip(axes[:, 0], chosen):
        sub = counts[counts["pair"] == pair]
        wide = sub.pivot_table(index="group", columns="variant", values="count", aggfunc="sum",
                               fill_value=0, sort=False)
        wide = wide.loc[wide.sum(axis=1) > 0]
        wide = wide[wide.sum(axis=0).sort_values(ascending=False, kind="mergesort").index]
        n = wide.sum(axis=1)
        share = wide.div(n, axis=0) * 100
        y = np.arange(len(wide))
        _stacked_shares(ax, share, height=0.72, label_from=18, pad=0.15,
                        text=lambda variant, v: f"{variant} {v:.0f}%" if v >= 30 else f"{v:.0f}%")
        ax.set_yticks(y, [f"{g} (n = {int(v)})" for g, v in n.items()])
        ax.set_ylim(len(wide) - 0.5, -0.5)
        ax.set_xlim(0, 100)
        ax.grid(False)
        ax.set_title(f"{str(pair).replace('_', ' ')} (variants: {', '.join(map(str, wide.columns))})",
                     fontsize=10.5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8.5, handlelength=1.6,
                  handleheight=1.1, title="variant", title_fontsize=8.5)
        ax.tick_params(axis="x", labelbottom=ax is axes[-1, 0])
    axes[-1, 0].set_xlabel("share of the pair's mentions (%); n = mentions per group")
    fig.suptitle("Naming choices: variant shares per group", x=0.02, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    return fig


def stance_counts(features: pd.DataFrame, by) -> pd.DataFrame:
    """Attribution cues per stance summed per group, the input of :func:`stance_profile`.

    Args:
        features: :func:`framing.score` output (columns ``attribution_<stance>_n``).
        by: a column of ``features`` or a Series aligned on its index (e.g. ``articles["outlet"]``).

    Example:
        >>> f = pd.DataFrame({"attribution_neutral_n": [2, 1], "attribution_distancing_n": [0, 3]})
        >>> stance_counts(f, pd.Series(["A", "B"])).to_dict("index")
        {'A': {'neutral': 2, 'distancing': 0}, 'B': {'neutral': 1, 'distancing': 3}}
    """
    cols = [c for c in features.columns if re.fullmatch(r"attribution_(?!narrator_|quoted_)[a-z_]+_n", c)
            and c != "attribution_n"]
    if not cols:
        raise KeyError("features has no attribution_<stance>_n columns")
    if isinstance(by, str):
        groups = features[by]
    elif isinstance(by, pd.Series) and by.index.isin(features.index).all() and len(by) == len(features):
        groups = by.reindex(features.index)
    else:
        groups = pd.Series(np.asarray(by, dtype=object), index=features.index)
    out = features[cols].groupby(groups.to_numpy(), sort=True).sum()
    out.columns = [c[len("attribution_"):-2] for c in cols]
    out.index.name = "group"
    return out


def stance_profile(counts: pd.DataFrame) -> Figure:
    """Shares of attribution stances (said / claimed / warned ...) per group, as 100% stacked bars.

    Each stance has its own colour *and* hatch; segments of 6% or more carry their share, the
    legend names the stances in stack order, and each tick label gives ``n`` attribution cues.

    Args:
        counts: index = group, columns = stances, values = counts (e.g. :func:`stance_counts`).

    Returns:
        The figure; save it with ``counts.reset_index()``.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> c = pd.DataFrame({"neutral": [8, 3], "distancing": [2, 5]}, index=["A", "B"])
        >>> fig = stance_profile(c)
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['A (n = 10 cues)', 'B (n = 8 cues)']
    """
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(f"counts must be a DataFrame, got {type(counts).__name__}")
    counts = counts.apply(pd.to_numeric, errors="raise").fillna(0)
    if counts.empty or (counts.to_numpy() < 0).any():
        raise ValueError("counts must be a non-empty table of non-negative counts")
    counts = counts.loc[counts.sum(axis=1) > 0]
    if counts.empty:
        raise ValueError("no attribution cues to plot")
    n = counts.sum(axis=1)
    share = counts.div(n, axis=0) * 100
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.5 * len(counts)))
    y = np.arange(len(counts))
    _stacked_shares(ax, share, height=0.7, label_from=6, pad=0.12, text=lambda stance, v: f"{v:.0f}%")
    ax.set_yticks(y, [f"{g} (n = {int(v)} cues)" for g, v in n.items()])
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.grid(False)
    ax.set_xlabel("share of attribution cues (%)")
    ax.set_ylabel("group")
    ax.set_title("Attribution stance per group")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 - 0.3 / len(counts)),
              ncol=min(len(counts.columns), 6), handlelength=1.8, handleheight=1.1, title="stance",
              title_fontsize=9)
    return fig


def stance_heatmap(table: pd.DataFrame, *, title: str = "Which sources get which reporting verbs",
                   min_cues: int = 1) -> Figure:
    """Speaker (or source type) x stance: the share of each row's cues per stance, as a heatmap.

    Cells hold the percentage (and the count) of the row's attribution cues with that stance,
    so a reader sees whom an outlet lets "say" and whom it makes "claim" or "deny" (the
    reporting-verb evaluation of Bergler 1992). The colour scale is sequential ``cividis``
    (readable under colour-vision deficiencies and in greyscale), and every cell is labelled,
    so the figure does not rely on colour alone.

    Args:
        table: :func:`framing.sources` output (index levels such as ``outlet`` and
            ``source_type``; one column per stance, plus ``total`` and ``non_neutral_share``,
            which are ignored), or any table of non-negative counts with stances as columns.
        title: the figure title.
        min_cues: leave out rows with fewer cues.

    Returns:
        The figure; save it with ``table.reset_index()``.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> t = pd.DataFrame({"neutral": [8, 1], "distancing": [2, 3]},
        ...                  index=pd.Index(["person", "government"], name="source_type"))
        >>> fig = stance_heatmap(t)
        >>> [x.get_text() for x in fig.axes[0].get_yticklabels()]
        ['person (n = 10)', 'government (n = 4)']
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame, got {type(table).__name__}")
    counts = table.drop(columns=[c for c in ("total", "non_neutral_share") if c in table.columns])
    counts = counts.apply(pd.to_numeric, errors="raise").fillna(0)
    if counts.empty or (counts.to_numpy() < 0).any():
        raise ValueError("table must be a non-empty table of non-negative counts")
    n = counts.sum(axis=1)
    counts = counts.loc[n >= max(min_cues, 1)]
    if counts.empty:
        raise ValueError(f"no row has {max(min_cues, 1)} or more cues")
    n = counts.sum(axis=1)
    share = counts.div(n, axis=0) * 100
    labels = [" / ".join(str(x) for x in (k if isinstance(k, tuple) else (k,))) for k in counts.index]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(1.2 + 1.05 * len(counts.columns), 1.4 + 0.42 * len(counts)))
    im = ax.imshow(share.to_numpy(), cmap="cividis", vmin=0, vmax=100, aspect="auto")
    for i in range(share.shape[0]):
        for j in range(share.shape[1]):
            v, c = share.iat[i, j], int(counts.iat[i, j])
            ax.text(j, i, f"{v:.0f}%\n({c})", ha="center", va="center", fontsize=8,
                    color="black" if v >= 55 else "white")
    ax.set_xticks(range(share.shape[1]), list(share.columns), rotation=30, ha="right")
    ax.set_yticks(range(share.shape[0]), [f"{lab} (n = {int(v)})" for lab, v in zip(labels, n)])
    ax.grid(False)
    ax.set_xlabel("stance of the reporting verb")
    ax.set_ylabel(" / ".join(str(x) for x in counts.index.names if x) or "row")
    ax.set_title(title)
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label("share of the row's cues (%)")
    return fig


# --------------------------------------------------------------------------- sentiment by voice

_SENTIMENT_SERIES: tuple[tuple[str, str, str], ...] = (
    # (label, mean column, count column); a headline is one unit per article
    ("narrator", "sentiment_narrator_mean", "sentiment_narrator_n"),
    ("quoted", "sentiment_quoted_mean", "sentiment_quoted_n"),
    ("headline", "sentiment_title", ""),
)


def sentiment_summary(table: pd.DataFrame, by, *, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean VADER compound per sentence by group and voice, with 95% bootstrap intervals over
    articles: the numbers behind :func:`sentiment_by_voice`.

    For each group and voice (``narrator``, ``quoted``, and ``headline`` when the table has
    headline scores), ``mean`` is the mean compound of all the group's sentences in that
    voice (each article's ``sentiment_<voice>_mean`` weighted by its ``sentiment_<voice>_n``;
    a headline counts one). The interval resamples articles with replacement (``n_boot``
    draws, percentile method; Efron & Tibshirani 1993), because sentences of one article are
    not independent. Scores from :func:`framing.sentiment` (VADER, Hutto & Gilbert 2014).

    Args:
        table: :func:`framing.sentiment` or ``framing.score(..., sentiment=True)`` output.
        by: a column of ``table`` or a Series aligned on its index (e.g. ``articles["outlet"]``).
        n_boot: bootstrap draws; ``seed``: their random seed (the result is reproducible).

    Returns:
        One row per group and voice with any sentence: ``group, voice, articles, sentences,
        mean, ci_low, ci_high``.

    Example:
        >>> t = pd.DataFrame({"sentiment_narrator_mean": [-0.5, 0.1], "sentiment_narrator_n": [4, 1],
        ...                   "sentiment_quoted_mean": [np.nan, 0.3], "sentiment_quoted_n": [0, 2]})
        >>> s = sentiment_summary(t, pd.Series(["A", "A"]))
        >>> s[["group", "voice", "articles", "sentences", "mean"]].values.tolist()
        [['A', 'narrator', 2, 5, -0.38], ['A', 'quoted', 1, 2, 0.3]]
    """
    _require(table, "table", ["sentiment_narrator_mean", "sentiment_narrator_n",
                              "sentiment_quoted_mean", "sentiment_quoted_n"])
    if isinstance(by, str):
        groups = table[by]
    elif isinstance(by, pd.Series) and len(by) == len(table) and by.index.isin(table.index).all() \
            and not by.index.has_duplicates:
        groups = by.reindex(table.index)
    else:
        groups = pd.Series(np.asarray(by, dtype=object), index=table.index)
    rng = np.random.default_rng(seed)
    rows = []
    keys = groups.to_numpy(dtype=object)
    for group in pd.unique(keys[pd.notna(keys)]):
        in_group = keys == group
        for voice, mean_col, n_col in _SENTIMENT_SERIES:
            if mean_col not in table.columns:
                continue
            m = table[mean_col].to_numpy(dtype=float)[in_group]
            w = table[n_col].to_numpy(dtype=float)[in_group] if n_col else np.ones(len(m))
            keep = ~np.isnan(m) & (w > 0)
            m, w = m[keep], w[keep]
            if not len(m):
                continue
            draws = rng.integers(0, len(m), size=(n_boot, len(m)))
            boot = (m[draws] * w[draws]).sum(axis=1) / w[draws].sum(axis=1)
            lo, hi = np.percentile(boot, [2.5, 97.5])
            rows.append({"group": group, "voice": voice, "articles": int(len(m)), "sentences": int(w.sum()),
                         "mean": float(np.round((m * w).sum() / w.sum(), 10)), "ci_low": float(lo),
                         "ci_high": float(hi)})
    if not rows:
        raise ValueError("no sentence scores to summarise")
    return pd.DataFrame(rows, columns=["group", "voice", "articles", "sentences", "mean", "ci_low", "ci_high"])


def sentiment_by_voice(table: pd.DataFrame, by, *, n_boot: int = 2000, seed: int = 0) -> Figure:
    """Mean sentence sentiment per group, narrator vs quoted (and headline), with 95% CIs.

    One row per group (``n`` articles in the tick label), one dot per voice, dodged vertically
    and told apart by colour *and* marker (narrator: blue circles, quoted: orange squares,
    headline: green diamonds), with 95% bootstrap intervals over articles and the number of
    sentences beside each dot. The x axis is VADER's compound score (Hutto & Gilbert 2014),
    -1 to +1; dotted lines mark VADER's neutral band (-0.05, 0.05). Numbers from
    :func:`sentiment_summary`.

    Args:
        table: :func:`framing.sentiment` or ``framing.score(..., sentiment=True)`` output.
        by: a column of ``table`` or a Series aligned on its index (e.g. ``articles["outlet"]``).
        n_boot, seed: as in :func:`sentiment_summary`.

    Returns:
        The figure; save it with ``save_figure(fig, name, sentiment_summary(table, by))``.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> t = pd.DataFrame({"sentiment_narrator_mean": [-0.5, 0.1, 0.2], "sentiment_narrator_n": [4, 1, 3],
        ...                   "sentiment_quoted_mean": [np.nan, 0.3, -0.1], "sentiment_quoted_n": [0, 2, 1],
        ...                   "outlet": ["A", "A", "B"]})
        >>> fig = sentiment_by_voice(t, "outlet")
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
        ['A (n = 2)', 'B (n = 1)']
    """
    summary = sentiment_summary(table, by, n_boot=n_boot, seed=seed)
    groups = list(pd.unique(summary["group"]))
    voices = [v for v, _, _ in _SENTIMENT_SERIES if v in set(summary["voice"])]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.3 * len(groups) * len(voices)))
    step = 0.8 / len(voices)
    offsets = (np.arange(len(voices)) - (len(voices) - 1) / 2) * step
    style = {"narrator": (OKABE_ITO[0], "o"), "quoted": (OKABE_ITO[1], "s"), "headline": (OKABE_ITO[2], "D")}
    for voice, off in zip(voices, offsets):
        sub = summary[summary["voice"] == voice].set_index("group").reindex(groups)
        y = np.arange(len(groups)) + off
        mean = sub["mean"].to_numpy(dtype=float)
        err = np.vstack([mean - sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float) - mean])
        colour, marker = style[voice]
        ax.errorbar(mean, y, xerr=np.clip(np.nan_to_num(err), 0, None), fmt=marker, color=colour,
                    markersize=6.5, markeredgecolor="black", markeredgewidth=0.4, ecolor=colour,
                    elinewidth=1.6, capsize=3, label=voice if voice == "headline" else f"{voice} sentences", zorder=3)
        for yy, hi, n in zip(y, sub["ci_high"].to_numpy(dtype=float), sub["sentences"].to_numpy()):
            if not pd.isna(n):
                ax.text(hi, yy, f"  n={int(n)}", va="center", ha="left", fontsize=7.5, color="#444444")
    articles = summary.groupby("group", sort=False)["articles"].max()
    ax.set_yticks(np.arange(len(groups)), [f"{g} (n = {int(articles[g])})" for g in groups])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    for x, line in ((0.0, "-"), (-0.05, ":"), (0.05, ":")):
        ax.axvline(x, color="#555555", linewidth=0.7, linestyle=line, zorder=1)
    lo, hi = float(summary["ci_low"].min()), float(summary["ci_high"].max())
    pad = max(0.05, 0.15 * (hi - lo))
    ax.set_xlim(max(-1.0, min(lo, -0.05) - pad), min(1.0, max(hi, 0.05) + 1.6 * pad))
    ax.set_xlabel("mean VADER compound score per sentence (-1 negative to +1 positive)")
    ax.set_ylabel("group (n = articles; beside a dot: sentences or headlines)", fontsize=9)
    ax.set_title("Sentiment by voice, mean with 95% bootstrap CI")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.6 / fig.get_figheight()), ncol=len(voices))
    return fig


# --------------------------------------------------------------------------- over time

#: Line styles cycled alongside the palette and the markers.
_LINESTYLES: tuple = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)), (0, (3, 1, 1, 1)))


def _axis_label(feature: str) -> str:
    if feature.endswith("_per_1k"):
        return "per 1,000 tokens"
    if feature.endswith("_share"):
        return "share (0 to 1)"
    if feature.startswith("sentiment_"):
        return "VADER compound (-1 to +1)"
    return "mean value"


def rates_over_time(table: pd.DataFrame, column: str, *, events: dict | None = None,
                    groups: Sequence | None = None, annotate_n: bool | None = None) -> Figure:
    """One feature's mean per period and group, with 95% intervals, n per point and event markers.

    One line per group, told apart by colour (Okabe-Ito), marker *and* line style, so it reads
    in greyscale and under colour-vision deficiencies. Each point's marker area grows with its
    number of articles (a small legend gives the scale), and with few points the number is
    written beside each point; intervals are error bars (bootstrap, or Student's t for 2-4
    articles: see :func:`framing.compare.rates_over_time`). Groups are dodged slightly in time
    so their bars do not hide each other. A period without articles breaks the line and shows
    a grey "0" on the time axis. ``events`` are drawn as dotted vertical lines labelled at the
    top, for before/after readings (an event study in the sense of the agenda-setting and
    framing literature's interrupted time series).

    Args:
        table: :func:`framing.compare.rates_over_time` output (``group, period, feature,
            n_articles, mean, ci_low, ci_high``).
        column: the feature to plot (a value of ``table["feature"]``).
        events: ``{date: label}``, e.g. ``{"2022-02-24": "invasion"}``.
        groups: the groups to show, in this order (default: all, sorted as in the table).
        annotate_n: write n beside each point (default: when there are 40 points or fewer).

    Returns:
        The figure; save it with the rows of ``table`` for ``column``.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> t = pd.DataFrame({"group": ["A", "A", "B"], "feature": "loaded_per_1k",
        ...                   "period": pd.to_datetime(["2022-02-14", "2022-02-21", "2022-02-21"]),
        ...                   "n_articles": [3, 5, 2], "mean": [1.0, 2.0, 1.5],
        ...                   "ci_low": [0.5, 1.2, 0.2], "ci_high": [1.6, 2.9, 2.8]})
        >>> fig = rates_over_time(t, "loaded_per_1k", events={"2022-02-24": "invasion"})
        >>> fig.axes[0].get_ylabel()
        'per 1,000 tokens'
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    _require(table, "table", ["group", "period", "feature", "n_articles", "mean", "ci_low", "ci_high"])
    rows = table[table["feature"] == column]
    if rows.empty:
        raise KeyError(f"no rows for feature {column!r}; features: {list(pd.unique(table['feature']))}")
    names = list(pd.unique(rows["group"])) if groups is None else list(groups)
    unknown = [g for g in names if g not in set(rows["group"])]
    if unknown or not names:
        raise KeyError(f"no rows for group(s) {unknown}")
    rows = rows[rows["group"].isin(names)]
    periods = pd.to_datetime(rows["period"])
    steps = np.diff(np.sort(pd.unique(periods))).astype("timedelta64[s]").astype(float)
    step = pd.Timedelta(seconds=float(steps.min())) if len(steps) else pd.Timedelta(days=7)
    n_max = max(int(rows["n_articles"].max()), 1)
    points = int((rows["n_articles"] > 0).sum())
    annotate_n = points <= 40 if annotate_n is None else annotate_n
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8.0, 4.6))
    ax.grid(axis="y")
    width = 0.5 if len(names) > 1 else 0.0
    drop = blended_transform_factory(ax.transData, ax.transAxes)
    zero_marked: set = set()
    for k, g in enumerate(names):
        sub = rows[rows["group"] == g].sort_values("period")
        off = step * (width * ((k - (len(names) - 1) / 2) / max(len(names), 1)))
        x = pd.to_datetime(sub["period"]) + off
        mean = sub["mean"].to_numpy(dtype=float)
        n = sub["n_articles"].to_numpy(dtype=int)
        colour, marker = OKABE_ITO[k % len(OKABE_ITO)], _MARKERS[k % len(_MARKERS)]
        ls = _LINESTYLES[k % len(_LINESTYLES)]
        ax.plot(x, mean, color=colour, linestyle=ls, linewidth=1.5, zorder=2)
        lo = mean - sub["ci_low"].to_numpy(dtype=float)
        hi = sub["ci_high"].to_numpy(dtype=float) - mean
        has = ~np.isnan(lo)
        if has.any():
            ax.errorbar(x[has], mean[has], yerr=np.clip(np.vstack([lo[has], hi[has]]), 0, None), fmt="none",
                        ecolor=colour, elinewidth=1.1, capsize=2.5, alpha=0.8, zorder=2)
        sizes = 14 + 110 * np.sqrt(n / n_max)
        ax.scatter(x[n > 0], mean[n > 0], s=sizes[n > 0], marker=marker, color=colour, edgecolors="black",
                   linewidths=0.5, zorder=4)
        if annotate_n:
            for xx, yy, nn in zip(x[n > 0], mean[n > 0], n[n > 0]):
                ax.annotate(f"{nn}", (xx, yy), xytext=(5, 5), textcoords="offset points", fontsize=7.5,
                            color="#333333", zorder=5)
        for xx in pd.to_datetime(sub["period"])[n == 0]:
            if xx not in zero_marked:
                zero_marked.add(xx)
                ax.text(xx, 0.01, "0", transform=drop, ha="center", va="bottom", fontsize=7.5, color=_GREY)
    handles = [Line2D([], [], color=OKABE_ITO[k % len(OKABE_ITO)], linestyle=_LINESTYLES[k % len(_LINESTYLES)],
                      marker=_MARKERS[k % len(_MARKERS)], markeredgecolor="black", markeredgewidth=0.5,
                      label=f"{g} (n = {int(rows.loc[rows['group'] == g, 'n_articles'].sum()):,})")
               for k, g in enumerate(names)]
    for v in sorted({1, max(1, n_max // 2), n_max}):
        handles.append(Line2D([], [], linestyle="none", marker="o", color="#bbbbbb", markeredgecolor="black",
                              markeredgewidth=0.5, markersize=np.sqrt(14 + 110 * np.sqrt(v / n_max)),
                              label=f"{v} article{'s' if v != 1 else ''}"))
    for when, label in sorted((events or {}).items(), key=lambda kv: pd.Timestamp(kv[0])):
        t = pd.Timestamp(when)
        ax.axvline(t, color="#333333", linestyle=":", linewidth=1.1, zorder=1)
        ax.text(t, 0.98, f" {label}", transform=drop, rotation=90, ha="right", va="top", fontsize=8.5,
                color="#333333", bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
                                       "alpha": 0.8})
    freq = str(table.attrs.get("freq", ""))
    unit = {"W": "week", "M": "month", "D": "day", "Q": "quarter", "Y": "year"}.get(freq[:1], "period")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y" if unit in ("month", "quarter", "year")
                                                      else "%Y-%m-%d"))
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    ax.set_xlabel(f"{unit} (first day; marker area and numbers: articles per point)")
    ax.set_ylabel(_axis_label(column))
    ax.set_title(f"{_pretty(column)}: mean per {unit} and group, with 95% CI")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5, title="group",
              title_fontsize=8.5)
    fig.tight_layout()
    return fig
