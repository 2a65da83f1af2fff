"""Group comparisons: which words, features and names set one group of articles apart.

Three tools, each taking the tables of the pipeline and returning one tidy table:

* :func:`log_odds`: the words (or lexicon entries, or categories) that distinguish a group
  from the rest or from another group, by the weighted log-odds ratio with an informative
  Dirichlet prior of Monroe, Colaresi & Quinn (2008), "Fightin' Words", *Political
  Analysis* 16(4): 372-403.
* :func:`compare`: per group and feature column (e.g. from :func:`framing.score`): n, mean,
  a bootstrap 95% CI (Efron & Tibshirani 1993), and for each group against the rest a
  difference in means, an effect size and a p-value (permutation test or Mann-Whitney U),
  corrected for multiple comparisons with the false discovery rate procedure of Benjamini
  & Hochberg (1995).
* :func:`naming_table`: for each naming pair of the naming lexicon (*Kyiv*/*Kiev*, ...), how
  often each variant is used per group (and per month or week), and its share of the pair.
* :func:`rates_over_time`: per group and week (or month), the number of articles and the mean
  of each feature with a 95% interval, for event studies (before/after).

Example:
    >>> import framing
    >>> from framing.compare import log_odds
    >>> counts = pd.DataFrame({"kyiv": [9, 1], "kiev": [1, 9], "city": [5, 5]}, index=["A", "B"])
    >>> lo = log_odds(counts)
    >>> lo.loc[lo["group"] == "A", "term"].tolist()
    ['kyiv', 'city', 'kiev']
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["benjamini_hochberg", "compare", "log_odds", "naming_table", "rates_over_time"]

_LOG_ODDS_COLUMNS = ["group", "term", "count_group", "count_rest", "log_odds", "z"]
_NAMING_COLUMNS = ["group", "pair", "variant", "count", "share", "pair_total"]


# --------------------------------------------------------------------------- log-odds

def _group_labels(table: pd.DataFrame, by: Any) -> pd.Series:
    """The group of each row: a column name, or a Series aligned on the index, or an array."""
    if isinstance(by, str):
        if by not in table.columns:
            raise KeyError(f"no column {by!r} to group by (columns: {list(table.columns)})")
        return table[by]
    if isinstance(by, pd.Series):
        return by.reindex(table.index)
    values = np.asarray(by, dtype=object)
    if values.shape != (len(table),):
        raise ValueError(f"`by` has {values.size} values for {len(table)} rows")
    return pd.Series(values, index=table.index)


def _word_counts(articles: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Counts of normal-form word tokens (:mod:`framing.tokenize`) per group."""
    from .tokenize import tokenize

    terms: list[str] = []
    labels: list[Hashable] = []
    for text, g in zip(articles["text"].tolist(), groups.tolist()):
        if pd.isna(g) or not isinstance(text, str) or not text:
            continue
        t = tokenize(text)
        if not len(t.starts):
            continue
        # the normal form of the whole text at once; tokens are slices of it
        low = t.low.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
        terms.extend(low[s:e] for s, e in zip(t.starts.tolist(), t.ends.tolist()))
        labels.extend([g] * len(t.starts))
    return _crosstab(labels, terms)


def _crosstab(labels: Sequence[Hashable], terms: Sequence[str]) -> pd.DataFrame:
    if not len(terms):
        return pd.DataFrame(dtype="int64")
    long = pd.DataFrame({"group": labels, "term": terms})
    return long.groupby(["group", "term"]).size().unstack(fill_value=0).astype("int64")


def _span_counts(articles: pd.DataFrame, groups: pd.Series, column: str, lexicons: Any) -> pd.DataFrame:
    from .spans import find_spans

    spans = find_spans(articles, lexicons)
    g = groups.copy()
    g.index = g.index.astype(str)
    lab = g.reindex(spans["doc_id"].astype(str)).to_numpy()
    keep = ~pd.isna(lab)
    return _crosstab(lab[keep].tolist(), spans[column].to_numpy()[keep].tolist())


def _prior(totals: pd.Series, prior: Any, alpha0: float | None) -> np.ndarray:
    """The Dirichlet pseudo-counts ``a_w`` for each term of ``totals``."""
    if prior is None:
        base = totals.to_numpy(dtype=float)
    elif np.isscalar(prior):
        base = np.full(len(totals), float(prior))
    else:
        p = pd.Series(prior, dtype=float) if not isinstance(prior, pd.Series) else prior.astype(float)
        missing = totals.index.difference(p.index)
        if len(missing):
            raise ValueError(f"the prior has no value for {len(missing)} terms, e.g. {list(missing[:5])}")
        base = p.reindex(totals.index).to_numpy()
    if not np.all(np.isfinite(base)) or np.any(base <= 0):
        raise ValueError("prior pseudo-counts must be positive and finite for every term")
    if alpha0 is None:
        return base
    if not alpha0 > 0:
        raise ValueError(f"alpha0 must be positive, got {alpha0}")
    return base * (alpha0 / base.sum())


def _delta(yi: np.ndarray, ni: np.ndarray, yj: np.ndarray, nj: np.ndarray,
           a: np.ndarray, a0: float) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) eq. 16 and 19-20: log-odds difference and its z-score."""
    ni = ni[:, None]
    nj = nj[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log(yi + a) - np.log(ni + a0 - yi - a)) - (np.log(yj + a) - np.log(nj + a0 - yj - a))
        z = delta / np.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
    return delta, z


def _tidy(groups: Sequence[Hashable], terms: pd.Index, yi: np.ndarray, yj: np.ndarray,
          delta: np.ndarray, z: np.ndarray) -> pd.DataFrame:
    g, v = len(groups), len(terms)
    return pd.DataFrame({
        "group": np.repeat(np.asarray(groups, dtype=object), v),
        "term": np.tile(terms.to_numpy(dtype=object), g),
        "count_group": yi.reshape(-1).astype("int64"),
        "count_rest": yj.reshape(-1).astype("int64"),
        "log_odds": delta.reshape(-1),
        "z": z.reshape(-1),
    })


def log_odds(counts_or_articles: pd.DataFrame, by: Any = None, *, prior: Any = None,
             alpha0: float | None = None, pairs: Sequence[tuple[Hashable, Hashable]] | None = None,
             terms: str = "words", min_count: int = 1, lexicons: Any = None) -> pd.DataFrame:
    """Distinguishing terms of each group: log-odds ratios with an informative Dirichlet prior.

    Implements Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
    Evaluation for Identifying the Content of Political Conflict", *Political Analysis* 16(4),
    eq. 16-22. For term ``w`` and groups ``i`` and ``j`` (``j`` = all other groups, or the
    second group of a pair), with counts ``y``, totals ``n`` and prior pseudo-counts ``a_w``
    summing to ``a_0``::

        delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
                - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
        var(delta_w) ~ 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z_w = delta_w / sqrt(var(delta_w))

    Positive ``z`` means the term is over-used by ``group``. Rank by ``z``, not by
    ``log_odds``: the z-score accounts for how much evidence there is (rare words get large,
    noisy log-odds).

    Args:
        counts_or_articles: a counts table (rows = groups, columns = terms, non-negative
            integers) when ``by`` is None; else an articles table (:func:`framing.load_articles`).
        by: with articles, the column to group by (or a Series aligned on ``doc_id``).
        prior: the prior's shape. ``None`` (default): the counts of the compared corpus
            itself, ``a_w = alpha0 * (count of w / count of all terms)`` with ``alpha0`` =
            the count of all terms, i.e. ``a_w`` is simply each term's corpus count (the
            informative prior of Monroe et al. sec. 3.5.1). A number: the same pseudo-count
            for every term (a flat Dirichlet prior, e.g. 0.01). A Series or dict term ->
            background count (e.g. from a larger reference corpus), covering every term.
        alpha0: rescale the prior so its pseudo-counts sum to ``alpha0`` (the prior's weight:
            smaller shrinks less).
        pairs: compare these ``(A, B)`` groups with each other instead of each group with
            the rest; the output then has a ``comparison`` column (``"A vs B"``) and
            ``count_rest`` holds B's count.
        terms: with articles, what to count: ``"words"`` (normal-form tokens of
            :mod:`framing.tokenize`), ``"entries"`` (lexicon matches per ``entry`` of
            :func:`framing.find_spans`) or ``"categories"`` (matches per ``category``).
        min_count: leave out terms seen fewer times than this in all groups together.
        lexicons: the lexicons for ``"entries"``/``"categories"`` (default: the built-in ones).

    Returns:
        One row per group and term: ``group, term, count_group, count_rest, log_odds, z``
        (with pairs: ``group, comparison, ...``), sorted by group, then ``z`` descending.

    Example:
        >>> counts = pd.DataFrame({"kyiv": [9, 1], "kiev": [1, 9]}, index=["A", "B"])
        >>> lo = log_odds(counts)
        >>> lo.round(2).values.tolist()[:2]
        [['A', 'kyiv', 9, 1, 1.09, 2.89], ['A', 'kiev', 1, 9, -1.09, -2.89]]
    """
    if not isinstance(counts_or_articles, pd.DataFrame):
        raise TypeError(f"expected a counts or articles DataFrame, got {type(counts_or_articles).__name__}")
    if by is None:
        counts = counts_or_articles
        nonnum = [c for c in counts.columns if not pd.api.types.is_numeric_dtype(counts[c])]
        if nonnum:
            raise ValueError(f"a counts table must be numeric; give `by=` for an articles table "
                             f"(non-numeric columns: {nonnum[:5]})")
        counts = counts.fillna(0)
        if (counts.to_numpy() < 0).any():
            raise ValueError("counts must be non-negative")
    else:
        from .spans import as_articles

        articles = as_articles(counts_or_articles)
        groups = _group_labels(articles, by)
        if terms == "words":
            counts = _word_counts(articles, groups)
        elif terms in ("entries", "categories"):
            counts = _span_counts(articles, groups, "entry" if terms == "entries" else "category", lexicons)
        else:
            raise ValueError(f"terms must be 'words', 'entries' or 'categories', got {terms!r}")
    totals = counts.sum(axis=0)
    keep = (totals >= min_count) & (totals > 0)
    counts = counts.loc[:, keep.to_numpy()]
    totals = totals[keep]
    if counts.shape[0] < 2:
        raise ValueError(f"need at least two groups to compare, got {counts.shape[0]}")
    if counts.shape[1] < 2:
        raise ValueError(f"need at least two terms to compare, got {counts.shape[1]}")
    a = _prior(totals, prior, alpha0)
    a0 = float(a.sum())
    y = counts.to_numpy(dtype=float)
    n = y.sum(axis=1)
    if pairs is None:
        yj = y.sum(axis=0) - y
        delta, z = _delta(y, n, yj, n.sum() - n, a, a0)
        out = _tidy(list(counts.index), counts.columns, y, yj, delta, z)
        return out.sort_values(["group", "z"], ascending=[True, False], kind="mergesort",
                               ignore_index=True)
    pairs = [tuple(p) for p in pairs]
    unknown = {g for p in pairs for g in p} - set(counts.index)
    if unknown or any(len(p) != 2 for p in pairs):
        raise ValueError(f"pairs must be (A, B) of known groups {list(counts.index)}; unknown: {sorted(map(str, unknown))}")
    pos = {g: k for k, g in enumerate(counts.index)}
    ii = np.array([pos[p[0]] for p in pairs])
    jj = np.array([pos[p[1]] for p in pairs])
    delta, z = _delta(y[ii], n[ii], y[jj], n[jj], a, a0)
    out = _tidy([p[0] for p in pairs], counts.columns, y[ii], y[jj], delta, z)
    out.insert(1, "comparison", np.repeat([f"{p[0]} vs {p[1]}" for p in pairs], len(counts.columns)))
    return out.sort_values(["group", "comparison", "z"], ascending=[True, True, False],
                           kind="mergesort", ignore_index=True)


# --------------------------------------------------------------------------- compare

def benjamini_hochberg(p: Any) -> np.ndarray:
    """P-values adjusted for the false discovery rate (Benjamini & Hochberg 1995).

    Benjamini, Y. & Hochberg, Y. (1995), "Controlling the False Discovery Rate: A Practical
    and Powerful Approach to Multiple Testing", *JRSS B* 57(1): 289-300. The adjusted value
    of the k-th smallest of m p-values is ``min_{l >= k} p_(l) * m / l``, capped at 1; NaN
    p-values are left out (and stay NaN).

    Example:
        >>> benjamini_hochberg([0.01, 0.04, 0.03, np.nan]).round(3).tolist()
        [0.03, 0.04, 0.04, nan]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if not m:
        return out
    order = ok[np.argsort(p[ok], kind="mergesort")]
    scaled = p[order] * m / np.arange(1, m + 1)
    out[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return out


def _rng(seed: int, *keys: Any) -> np.random.Generator:
    """A generator that depends only on the seed and the keys (not on the order of work)."""
    key = [zlib.crc32(str(k).encode("utf-8")) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def _bootstrap_ci(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    if len(x) == 0 or n_boot < 1:
        return np.nan, np.nan
    means = np.empty(n_boot)
    step = max(1, 2**22 // len(x))
    for s in range(0, n_boot, step):
        k = min(step, n_boot - s)
        means[s:s + k] = x[rng.integers(0, len(x), size=(k, len(x)))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)


def _permutation_p(x: np.ndarray, y: np.ndarray, n_perm: int, rng: np.random.Generator) -> float:
    """Two-sided permutation p-value of the difference in means, (1 + b) / (1 + n_perm)
    (Phipson & Smyth 2010: never exactly 0)."""
    pooled = np.concatenate([x, y])
    k, total = len(x), pooled.sum()
    n = len(pooled)
    obs = abs(x.mean() - y.mean())
    tol = 1e-9 * max(1.0, float(np.abs(pooled).max()))
    hits = 0
    step = max(1, 2**22 // n)
    for s in range(0, n_perm, step):
        m = min(step, n_perm - s)
        perm = rng.permuted(np.broadcast_to(pooled, (m, n)), axis=1)
        sx = perm[:, :k].sum(axis=1)
        d = np.abs(sx / k - (total - sx) / (n - k))
        hits += int((d >= obs - tol).sum())
    return (1 + hits) / (1 + n_perm)


def compare(features: pd.DataFrame, by: Any, *, columns: Sequence[str] | None = None,
            n_boot: int = 1000, seed: int = 0, test: str = "permutation",
            correction: str | None = "fdr_bh", n_perm: int | None = None) -> pd.DataFrame:
    """Per group and feature: mean with bootstrap CI, and each group against the rest.

    For every feature column and group: ``n`` articles with a value (NaN values, e.g. a
    quoted-voice rate of an article without quotations, are dropped per column), the
    ``mean`` and a percentile bootstrap 95% CI (articles resampled with replacement,
    ``n_boot`` times; Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13).
    Then the group against all other groups: ``n_rest``, ``mean_rest``, ``diff`` (group
    minus rest), an effect size and a two-sided p-value:

    * ``test="permutation"``: a permutation test of the difference in means (``n_perm``
      random relabellings, p = (1 + hits) / (1 + n_perm), Phipson & Smyth 2010), with
      **Cohen's d** (difference over the pooled standard deviation, Cohen 1988) in column
      ``cohens_d``;
    * ``test="mannwhitney"``: :func:`scipy.stats.mannwhitneyu` (Mann & Whitney 1947), with
      the **rank-biserial correlation** ``2 U / (n n_rest) - 1`` (Kerby 2014) in column
      ``rank_biserial`` (positive: the group's values tend to be larger).

    ``p_adj`` corrects the p-values of the whole table (every group and column) for
    multiple comparisons: ``"fdr_bh"`` (Benjamini & Hochberg 1995, :func:`benjamini_hochberg`),
    ``"bonferroni"`` or ``None``.

    Random draws depend only on ``seed``, the column and the group, so the result is
    reproducible and does not change when other columns are added.

    Args:
        features: one row per article, e.g. :func:`framing.score`.
        by: the column of ``features`` to group by, or a Series aligned on its index (e.g.
            ``articles["outlet"]``), or an array of one label per row.
        columns: the feature columns (default: every numeric column except ``by``).
        n_boot: bootstrap resamples for the CI.
        seed: the random seed.
        test: ``"permutation"`` or ``"mannwhitney"``.
        correction: ``"fdr_bh"``, ``"bonferroni"`` or ``None``.
        n_perm: permutations for the permutation test (default: ``n_boot``).

    Returns:
        ``group, feature, n, mean, ci_low, ci_high, n_rest, mean_rest, diff, cohens_d`` (or
        ``rank_biserial``) ``, p, p_adj``, one row per feature and group (features in the
        order given, groups sorted).

    Example:
        >>> f = pd.DataFrame({"rate": [1.0, 2, 3, 11, 12, 13], "outlet": list("AAABBB")})
        >>> r = compare(f, "outlet", n_boot=200)
        >>> r[["group", "n", "mean", "diff"]].to_string(index=False)
        'group  n  mean  diff\\n    A  3   2.0 -10.0\\n    B  3  12.0  10.0'
    """
    if not isinstance(features, pd.DataFrame):
        raise TypeError(f"expected a features DataFrame, got {type(features).__name__}")
    if test not in ("permutation", "mannwhitney"):
        raise ValueError(f"test must be 'permutation' or 'mannwhitney', got {test!r}")
    if correction not in ("fdr_bh", "bonferroni", None):
        raise ValueError(f"correction must be 'fdr_bh', 'bonferroni' or None, got {correction!r}")
    groups = _group_labels(features, by)
    if columns is None:
        columns = [c for c in features.columns
                   if pd.api.types.is_numeric_dtype(features[c]) and not pd.api.types.is_bool_dtype(features[c])
                   and not (isinstance(by, str) and c == by)]
    else:
        columns = list(columns)
        missing = [c for c in columns if c not in features.columns]
        if missing:
            raise KeyError(f"no feature columns {missing}")
    n_perm = n_boot if n_perm is None else n_perm
    effect = "cohens_d" if test == "permutation" else "rank_biserial"
    labels = groups.to_numpy(dtype=object)
    has_group = ~pd.isna(groups).to_numpy()
    names = sorted(pd.unique(labels[has_group]), key=lambda g: (str(type(g)), g))
    rows: list[dict[str, Any]] = []
    for col in columns:
        values = pd.to_numeric(features[col], errors="raise").to_numpy(dtype=float)
        ok = has_group & ~np.isnan(values)
        for g in names:
            mask = labels == g
            x, y = values[ok & mask], values[ok & ~mask]
            row: dict[str, Any] = {"group": g, "feature": col, "n": len(x),
                                   "mean": x.mean() if len(x) else np.nan}
            row["ci_low"], row["ci_high"] = _bootstrap_ci(x, n_boot, _rng(seed, "boot", col, g))
            row["n_rest"] = len(y)
            row["mean_rest"] = y.mean() if len(y) else np.nan
            row["diff"] = row["mean"] - row["mean_rest"]
            row[effect], row["p"] = np.nan, np.nan
            if len(x) and len(y):
                if test == "permutation":
                    dof = len(x) + len(y) - 2
                    var = ((len(x) - 1) * x.var(ddof=1 if len(x) > 1 else 0)
                           + (len(y) - 1) * y.var(ddof=1 if len(y) > 1 else 0)) / dof if dof > 0 else np.nan
                    sd = np.sqrt(var)
                    row[effect] = row["diff"] / sd if sd > 0 else (0.0 if row["diff"] == 0 else np.nan)
                    row["p"] = _permutation_p(x, y, n_perm, _rng(seed, "perm", col, g)) if n_perm > 0 else np.nan
                else:
                    from scipy.stats import mannwhitneyu

                    res = mannwhitneyu(x, y, alternative="two-sided")
                    row[effect] = 2.0 * res.statistic / (len(x) * len(y)) - 1.0
                    row["p"] = float(res.pvalue)
            rows.append(row)
    cols = ["group", "feature", "n", "mean", "ci_low", "ci_high", "n_rest", "mean_rest", "diff",
            effect, "p", "p_adj"]
    out = pd.DataFrame(rows, columns=cols[:-1])
    p = out["p"].to_numpy(dtype=float)
    if correction == "fdr_bh":
        out["p_adj"] = benjamini_hochberg(p)
    elif correction == "bonferroni":
        out["p_adj"] = np.minimum(p * np.count_nonzero(~np.isnan(p)), 1.0)
    else:
        out["p_adj"] = p
    return out.astype({"n": "int64", "n_rest": "int64"})


# --------------------------------------------------------------------------- naming

def naming_table(spans: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet", *,
                 period: str | None = None) -> pd.DataFrame:
    """How often each variant of each naming pair is used, per group (and period).

    Naming choices (*Kyiv* or *Kiev*, *invasion* or *special military operation*) are the
    spans of category ``naming`` (:func:`framing.find_spans`); their ``subcategory`` names the
    pair and their ``entry`` the variant. Counting which name an outlet chooses, and how that
    share moves over time, is the measure of naming as framing in Entman (1993), "Framing:
    Toward Clarification of a Fractured Paradigm", *J. of Communication* 43(4): 51-58
    (framing by selection and salience of terms), counted as shares of alternatives.

    Every variant of a pair seen anywhere in ``spans`` is listed for each group (and period)
    where the pair occurs at all, with count 0 where that group did not use it, so shares of
    a pair add up to 1.

    Args:
        spans: the spans table (:func:`framing.find_spans`).
        articles: the articles table the spans came from (for ``by`` and ``date``).
        by: the articles column to group by.
        period: ``None``, or a pandas period alias such as ``"M"`` (month) or ``"W"`` (week);
            the ``period`` column then holds the start of each period. Articles without a
            date are left out.

    Returns:
        ``group, [period,] pair, variant, count, share, pair_total``, sorted by group,
        period, pair, then count descending.

    Example:
        >>> spans = pd.DataFrame({"doc_id": ["a", "a", "b"], "category": "naming",
        ...                       "subcategory": "kyiv_kiev", "entry": ["kyiv", "kiev", "kyiv"]})
        >>> arts = pd.DataFrame({"outlet": ["X", "Y"]}, index=pd.Index(["a", "b"], name="doc_id"))
        >>> naming_table(spans, arts)[["group", "variant", "count", "share"]].to_string(index=False)
        'group variant  count  share\\n    X    kiev      1    0.5\\n    X    kyiv      1    0.5\\n    Y    kyiv      1    1.0\\n    Y    kiev      0    0.0'
    """
    for name, table, need in (("spans", spans, ("doc_id", "category", "subcategory", "entry")),
                              ("articles", articles, (by,) + (("date",) if period else ()))):
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"{name} must be a DataFrame, got {type(table).__name__}")
        missing = [c for c in need if c not in table.columns]
        if missing:
            raise KeyError(f"{name} table has no column(s) {missing}")
    keys = ["group"] + (["period"] if period else []) + ["pair"]
    cols = keys + ["variant", "count", "share", "pair_total"]
    naming = spans[spans["category"] == "naming"]
    doc = naming["doc_id"].astype(str)
    index = articles.index.astype(str)
    unknown = pd.Index(doc.unique()).difference(index)
    if len(unknown):
        raise ValueError(f"{len(unknown)} span doc_id(s) are not in the articles table, e.g. {list(unknown[:3])}")
    meta = pd.DataFrame({"group": articles[by].to_numpy()}, index=index)
    if period:
        meta["period"] = pd.to_datetime(articles["date"]).dt.to_period(period).dt.start_time.to_numpy()
    long = meta.reindex(doc.to_numpy()).reset_index(drop=True)
    long["pair"] = naming["subcategory"].to_numpy()
    long["variant"] = naming["entry"].to_numpy()
    long = long.dropna(subset=[c for c in long.columns])
    if long.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("count", "pair_total") else
                                          "float64" if c == "share" else object) for c in cols})
    counts = long.groupby(keys + ["variant"], sort=True).size().rename("count").reset_index()
    # complete: every variant of a pair, in every (group, period) where the pair occurs
    variants = counts[["pair", "variant"]].drop_duplicates()
    cells = counts[keys].drop_duplicates()
    full = cells.merge(variants, on="pair").merge(counts, on=keys + ["variant"], how="left")
    full["count"] = full["count"].fillna(0).astype("int64")
    full["pair_total"] = full.groupby(keys)["count"].transform("sum").astype("int64")
    full["share"] = full["count"] / full["pair_total"]
    full = full.sort_values(keys + ["count", "variant"], ascending=[True] * len(keys) + [False, True],
                            kind="mergesort", ignore_index=True)
    return full[cols]


# --------------------------------------------------------------------------- time

_TIME_COLUMNS = ["group", "period", "feature", "n_articles", "mean", "ci_low", "ci_high", "interval"]


def _t_interval(x: np.ndarray) -> tuple[float, float]:
    """Student's t 95% interval of the mean (Student 1908), for samples too small to bootstrap."""
    from scipy.stats import t

    half = t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
    m = float(x.mean())
    return m - float(half), m + float(half)


def rates_over_time(features: pd.DataFrame, dates: Any, by: Any = None, *, freq: str = "W",
                    columns: Sequence[str] | None = None, n_boot: int = 1000, seed: int = 0,
                    min_boot: int = 5) -> pd.DataFrame:
    """Per group and period (week or month): the number of articles and each feature's mean with
    a 95% interval, with empty periods kept (``n_articles`` 0), for event studies.

    An article counts in the period that contains its date (``freq="W"``: weeks from Monday to
    Sunday; ``"M"``: calendar months; any pandas period alias works); ``period`` is the
    period's first day. Per group, every period from the group's first to its last dated
    article is listed, so a gap in coverage shows as ``n_articles = 0`` (mean NaN) instead of
    a line drawn straight across it. Articles without a date or a group are left out (their
    number is in ``attrs["dropped"]``); NaN values of a feature (e.g. the quoted-voice rate of
    an article without quotations) are left out of that feature only, so ``n_articles`` is
    per feature.

    The interval (column ``interval`` says which was used):

    * ``"bootstrap"`` (``n_articles >= min_boot``): percentile bootstrap over articles,
      ``n_boot`` resamples with replacement (Efron & Tibshirani 1993, *An Introduction to the
      Bootstrap*, ch. 13), seeded per group, period and feature;
    * ``"t"`` (2 to ``min_boot - 1`` articles): Student's t interval, mean +- t(0.975, n-1) *
      sd / sqrt(n). A bootstrap of two or three values can only return values between them
      and so understates the uncertainty; the t interval is wide, as it should be;
    * ``"none"`` (one article, or none): no interval (NaN).

    Args:
        features: one row per article, e.g. :func:`framing.score` (joined to the articles'
            ``date`` and group columns, or not: see ``dates`` and ``by``).
        dates: a column of ``features``, or a Series aligned on its index (e.g.
            ``articles["date"]``), or an array of one date per row. Time-zone-aware dates are
            converted to UTC first.
        by: the group (a column name, a Series aligned on the index, or an array); ``None``:
            one group, named ``"all"``.
        freq: ``"W"`` (weeks) or ``"M"`` (months), or another pandas period alias.
        columns: the feature columns (default: every numeric column except ``dates``/``by``).
        n_boot: bootstrap resamples; ``seed``: the random seed.
        min_boot: the smallest number of articles that gets a bootstrap interval.

    Returns:
        ``group, period, feature, n_articles, mean, ci_low, ci_high, interval``, sorted by
        feature (in the order given), group, then period.

    Example:
        >>> f = pd.DataFrame({"rate": [1.0, 3.0, 5.0], "outlet": ["A", "A", "A"],
        ...                   "date": pd.to_datetime(["2022-02-01", "2022-02-20", "2022-04-02"])})
        >>> t = rates_over_time(f, "date", "outlet", freq="M")
        >>> t["period"].dt.strftime("%Y-%m-%d").tolist(), t["n_articles"].tolist()
        (['2022-02-01', '2022-03-01', '2022-04-01'], [2, 0, 1])
        >>> t["mean"].tolist(), t["interval"].tolist()
        ([2.0, nan, 5.0], ['t', 'none', 'none'])
    """
    if not isinstance(features, pd.DataFrame):
        raise TypeError(f"expected a features DataFrame, got {type(features).__name__}")
    if min_boot < 2:
        raise ValueError(f"min_boot must be at least 2, got {min_boot}")
    when = _group_labels(features, dates)
    when = pd.to_datetime(when, errors="coerce")
    if isinstance(when.dtype, pd.DatetimeTZDtype):
        when = when.dt.tz_convert("UTC").dt.tz_localize(None)
    groups = _group_labels(features, by) if by is not None else pd.Series("all", index=features.index, dtype=object)
    try:
        periods = when.dt.to_period(freq)
    except (ValueError, TypeError) as err:
        raise ValueError(f"freq must be a pandas period alias such as 'W' or 'M', got {freq!r}") from err
    skip = {c for c in (dates, by) if isinstance(c, str)}
    if columns is None:
        columns = [c for c in features.columns if c not in skip and pd.api.types.is_numeric_dtype(features[c])
                   and not pd.api.types.is_bool_dtype(features[c])]
    else:
        columns = list(columns)
        missing = [c for c in columns if c not in features.columns]
        if missing:
            raise KeyError(f"no feature columns {missing}")
    keep = (~pd.isna(when) & ~pd.isna(groups)).to_numpy()
    labels = groups.to_numpy(dtype=object)[keep]
    per = periods.to_numpy()[keep]
    names = sorted(pd.unique(labels), key=lambda g: (str(type(g)), g))
    rows: list[dict[str, Any]] = []
    for col in columns:
        values = pd.to_numeric(features[col], errors="raise").to_numpy(dtype=float)[keep]
        for g in names:
            in_g = labels == g
            own = per[in_g]
            span = pd.period_range(min(own), max(own), freq=own[0].freq)
            for p in span:
                x = values[in_g & (per == p)]
                x = x[~np.isnan(x)]
                row: dict[str, Any] = {"group": g, "period": p.start_time, "feature": col,
                                       "n_articles": len(x), "mean": float(x.mean()) if len(x) else np.nan,
                                       "ci_low": np.nan, "ci_high": np.nan, "interval": "none"}
                if len(x) >= min_boot:
                    row["ci_low"], row["ci_high"] = _bootstrap_ci(x, n_boot, _rng(seed, "time", col, g, p))
                    row["interval"] = "bootstrap"
                elif len(x) >= 2:
                    row["ci_low"], row["ci_high"] = _t_interval(x)
                    row["interval"] = "t"
                rows.append(row)
    out = pd.DataFrame(rows, columns=_TIME_COLUMNS)
    out["n_articles"] = out["n_articles"].astype("int64")
    out["period"] = pd.to_datetime(out["period"])
    out.attrs["dropped"] = int((~keep).sum())
    out.attrs["freq"] = freq
    return out
