"""Group comparisons: log-odds with a Dirichlet prior, feature comparisons, naming tables."""

from __future__ import annotations

from collections import Counter
from math import log, sqrt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import framing
from framing.compare import benjamini_hochberg, compare, log_odds, naming_table
from framing.tokenize import reference_tokens

@pytest.fixture(scope="module")
def sample():
    return framing.load_articles(Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl")


# --------------------------------------------------------------------------- log_odds

TINY = pd.DataFrame({"x": [3, 1], "y": [1, 1], "z": [0, 2]}, index=["A", "B"])


def test_log_odds_hand_computation():
    # Counts: A = (x 3, y 1, z 0), n_A = 4; B = (x 1, y 1, z 2), n_B = 4.
    # Default prior = corpus counts: a_x = 4, a_y = 2, a_z = 2, a_0 = 8.
    # A vs rest (= B):
    #   x: log((3+4)/(4+8-3-4)) - log((1+4)/(4+8-1-4)) = log(7/5) - log(5/7); var = 1/7 + 1/5
    #   y: log((1+2)/(4+8-1-2)) - log((1+2)/(4+8-1-2)) = 0;                     var = 1/3 + 1/3
    #   z: log((0+2)/(4+8-0-2)) - log((2+2)/(4+8-2-2)) = log(2/10) - log(4/8);  var = 1/2 + 1/4
    expected = {
        "x": (log(7 / 5) - log(5 / 7), 1 / 7 + 1 / 5),
        "y": (0.0, 2 / 3),
        "z": (log(2 / 10) - log(4 / 8), 1 / 2 + 1 / 4),
    }
    lo = log_odds(TINY)
    a = lo[lo["group"] == "A"].set_index("term")
    for term, (delta, var) in expected.items():
        assert a.loc[term, "log_odds"] == pytest.approx(delta)
        assert a.loc[term, "z"] == pytest.approx(delta / sqrt(var))
    assert a.loc["x", "z"] == pytest.approx(1.14927, abs=1e-5)
    assert a.loc["z", "z"] == pytest.approx(-1.05804, abs=1e-5)
    assert a["count_group"].to_dict() == {"x": 3, "y": 1, "z": 0}
    assert a["count_rest"].to_dict() == {"x": 1, "y": 1, "z": 2}
    # two groups: B is the mirror image of A; sorted by group, then z descending
    assert list(lo.columns) == ["group", "term", "count_group", "count_rest", "log_odds", "z"]
    assert lo["group"].tolist() == ["A"] * 3 + ["B"] * 3
    assert lo["term"].tolist() == ["x", "y", "z", "z", "y", "x"]
    b = lo[lo["group"] == "B"].set_index("term")
    np.testing.assert_allclose(b.loc[list("xyz"), "z"], -a.loc[list("xyz"), "z"], atol=1e-12)


def test_log_odds_flat_prior_hand_computation():
    # prior=1: a_w = 1 for x, y, z, a_0 = 3.
    # x: log((3+1)/(4+3-3-1)) - log((1+1)/(4+3-1-1)) = log(4/3) - log(2/5); var = 1/4 + 1/2
    lo = log_odds(TINY, prior=1).query("group == 'A'").set_index("term")
    delta = log(4 / 3) - log(2 / 5)
    assert lo.loc["x", "log_odds"] == pytest.approx(delta)
    assert lo.loc["x", "z"] == pytest.approx(delta / sqrt(1 / 4 + 1 / 2))
    # alpha0 rescales: a flat prior of total weight 3 is prior=1 again
    again = log_odds(TINY, prior=5, alpha0=3).query("group == 'A'").set_index("term")
    pd.testing.assert_frame_equal(lo, again)


def test_log_odds_default_prior_is_the_corpus_counts():
    counts = TINY.sum().astype(float)
    pd.testing.assert_frame_equal(log_odds(TINY), log_odds(TINY, prior=counts))
    pd.testing.assert_frame_equal(log_odds(TINY), log_odds(TINY, alpha0=float(counts.sum())))
    pd.testing.assert_frame_equal(log_odds(TINY), log_odds(TINY, prior=counts.to_dict(), alpha0=8))
    # a weaker prior (smaller alpha0) shrinks less: larger |log-odds|
    weak = log_odds(TINY, alpha0=0.8).set_index(["group", "term"])["log_odds"]
    strong = log_odds(TINY).set_index(["group", "term"])["log_odds"]
    assert (weak.abs() >= strong.abs() - 1e-12).all()


counts_tables = arrays(np.int64, st.tuples(st.integers(3, 5), st.integers(2, 6)),
                       elements=st.integers(0, 30))


@settings(max_examples=60, deadline=None)
@given(counts_tables)
def test_log_odds_pairs_are_antisymmetric(y):
    counts = pd.DataFrame(y, index=[f"g{i}" for i in range(y.shape[0])],
                          columns=[f"w{j}" for j in range(y.shape[1])])
    if (counts.sum() > 0).sum() < 2:
        return
    ab = log_odds(counts, pairs=[("g0", "g1")]).set_index("term")
    ba = log_odds(counts, pairs=[("g1", "g0")]).set_index("term")
    assert set(ab["comparison"]) == {"g0 vs g1"}
    np.testing.assert_allclose(ab["log_odds"], -ba.loc[ab.index, "log_odds"], atol=1e-9)
    np.testing.assert_allclose(ab["z"], -ba.loc[ab.index, "z"], atol=1e-9)
    assert (ab["count_rest"] == ba.loc[ab.index, "count_group"]).all()
    lo = log_odds(counts)  # every group vs the rest: finite, even with zero counts
    assert np.isfinite(lo[["log_odds", "z"]].to_numpy()).all()
    assert len(lo) == counts.shape[0] * (counts.sum() > 0).sum()
    assert (lo["count_group"] + lo["count_rest"]).to_numpy().tolist() == \
        counts.sum().reindex(lo["term"]).to_numpy().tolist()


def test_two_groups_rest_is_the_other_group():
    rest = log_odds(TINY).query("group == 'A'").reset_index(drop=True)
    pair = log_odds(TINY, pairs=[("A", "B")]).drop(columns="comparison")
    pd.testing.assert_frame_equal(rest, pair)


def test_log_odds_more_groups_and_several_pairs():
    counts = pd.DataFrame({"kyiv": [10, 0, 5, 2], "kiev": [0, 10, 5, 2], "war": [4, 4, 4, 0]},
                          index=["uk", "ru", "wire", "blog"])
    lo = log_odds(counts)
    assert sorted(lo["group"].unique()) == ["blog", "ru", "uk", "wire"]
    top = lo.groupby("group").head(1).set_index("group")["term"].to_dict()
    assert top["uk"] == "kyiv" and top["ru"] == "kiev"
    assert lo.groupby("group")["z"].apply(lambda z: z.is_monotonic_decreasing).all()
    pairs = log_odds(counts, pairs=[("uk", "ru"), ("wire", "blog")])
    assert pairs["comparison"].unique().tolist() == ["uk vs ru", "wire vs blog"]
    assert list(pairs.columns) == ["group", "comparison", "term", "count_group", "count_rest", "log_odds", "z"]
    assert len(pairs) == 6


def test_log_odds_min_count_and_zero_columns():
    counts = TINY.assign(never=0, once=[1, 0])
    assert set(log_odds(counts)["term"]) == {"x", "y", "z", "once"}  # an all-zero term is left out
    assert set(log_odds(counts, min_count=2)["term"]) == {"x", "y", "z"}


@pytest.mark.parametrize("call, error", [
    (lambda: log_odds(TINY.iloc[:1]), ValueError),                               # one group
    (lambda: log_odds(TINY[["x"]]), ValueError),                                 # one term
    (lambda: log_odds(TINY.assign(x=[-1, 1])), ValueError),                      # negative count
    (lambda: log_odds(TINY.assign(label=["a", "b"])), ValueError),               # not counts
    (lambda: log_odds(TINY, prior={"x": 1, "y": 1}), ValueError),                # prior misses z
    (lambda: log_odds(TINY, prior=0), ValueError),                               # zero prior
    (lambda: log_odds(TINY, alpha0=-1), ValueError),
    (lambda: log_odds(TINY, pairs=[("A", "C")]), ValueError),                    # unknown group
    (lambda: log_odds(TINY.to_numpy()), TypeError),
    (lambda: log_odds(pd.DataFrame({"text": ["a b", "c d"], "o": ["A", "B"]}), by="o",
                      terms="lemmas"), ValueError),
    (lambda: log_odds(pd.DataFrame({"text": ["a b", "c d"], "o": ["A", "B"]}), by="outlet"), KeyError),
])
def test_log_odds_rejects(call, error):
    with pytest.raises(error):
        call()


def test_log_odds_words_from_articles_match_reference_tokens(sample):
    lo = log_odds(sample, by="outlet")
    expected = Counter()
    for text, outlet in zip(sample["text"], sample["outlet"]):
        expected.update((outlet, t) for _, _, t in reference_tokens(text))
    got = {(g, t): c for g, t, c in zip(lo["group"], lo["term"], lo["count_group"]) if c}
    assert got == dict(expected)
    assert lo.groupby("group")["z"].apply(lambda z: z.is_monotonic_decreasing).all()


def test_log_odds_words_tiny_articles():
    arts = pd.DataFrame({"text": ["Kyiv, Kyiv and the war.", "Kiev and the war", "", "The war"],
                         "outlet": ["A", "B", "B", None]})
    lo = log_odds(arts, by="outlet")  # empty text and an article without group are skipped
    a = lo[lo["group"] == "A"].set_index("term")
    assert a["count_group"].to_dict() == {"kyiv": 2, "and": 1, "the": 1, "war": 1, "kiev": 0}
    assert a.index[0] == "kyiv" and a.index[-1] == "kiev"


@pytest.mark.parametrize("terms, column", [("entries", "entry"), ("categories", "category")])
def test_log_odds_spans(sample, terms, column):
    lo = log_odds(sample, by="outlet", terms=terms)
    spans = framing.find_spans(sample)
    outlet = sample["outlet"].reindex(spans["doc_id"]).to_numpy()
    expected = Counter(zip(outlet, spans[column]))
    got = {(g, t): c for g, t, c in zip(lo["group"], lo["term"], lo["count_group"]) if c}
    assert got == dict(expected)


# --------------------------------------------------------------------------- compare

def frame(a, b, name="rate"):
    return pd.DataFrame({name: np.r_[a, b].astype(float), "outlet": ["A"] * len(a) + ["B"] * len(b)})


@pytest.mark.parametrize("test, effect", [("permutation", "cohens_d"), ("mannwhitney", "rank_biserial")])
def test_identical_groups(test, effect):
    f = frame([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6])
    r = compare(f, "outlet", n_boot=300, test=test).set_index("group")
    assert r["diff"].tolist() == [0.0, 0.0]
    assert r[effect].tolist() == [0.0, 0.0]
    assert (r["p"] > 0.9).all() and (r["p_adj"] > 0.9).all()
    if test == "permutation":
        assert r["p"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("test, effect, extreme", [("permutation", "cohens_d", None),
                                                   ("mannwhitney", "rank_biserial", 1.0)])
def test_separated_groups(test, effect, extreme):
    f = frame([1, 2, 3, 4, 5, 6, 7, 8], [101, 102, 103, 104, 105, 106, 107, 108])
    r = compare(f, "outlet", n_boot=500, test=test).set_index("group")
    assert r.loc["B", "diff"] == 100.0 and r.loc["A", "diff"] == -100.0
    assert r.loc["B", effect] > 0 > r.loc["A", effect]
    if extreme is not None:
        assert r.loc["B", effect] == extreme
    assert (r["p"] < 0.01).all() and (r["p_adj"] < 0.01).all()
    if test == "permutation":  # no relabelling is as extreme: the smallest p there is
        assert r["p"].tolist() == [1 / 501, 1 / 501]


def test_compare_hand_computed_statistics():
    # A = 1, 2, 3 (mean 2, sd 1); B = 11, 12, 13 (mean 12, sd 1): pooled sd 1, d = -10 for A
    r = compare(frame([1, 2, 3], [11, 12, 13]), "outlet", n_boot=200).set_index("group")
    assert r.loc["A", ["n", "mean", "n_rest", "mean_rest", "diff", "cohens_d"]].tolist() == [3, 2, 3, 12, -10, -10]
    assert r.loc["B", "cohens_d"] == 10
    assert (r["ci_low"] <= r["mean"]).all() and (r["mean"] <= r["ci_high"]).all()
    assert r.loc["A", "ci_low"] >= 1 and r.loc["A", "ci_high"] <= 3
    # a constant group has a zero-width interval
    c = compare(frame([5, 5, 5], [1, 2]), "outlet", n_boot=100).set_index("group")
    assert c.loc["A", ["ci_low", "ci_high"]].tolist() == [5.0, 5.0]


def test_compare_seeded_and_independent_of_other_columns():
    rng = np.random.default_rng(1)
    f = pd.DataFrame({"a": rng.normal(size=40), "b": rng.normal(size=40), "g": list("XYZW") * 10})
    one = compare(f, "g", n_boot=200, seed=3)
    pd.testing.assert_frame_equal(one, compare(f, "g", n_boot=200, seed=3))
    assert not one["ci_low"].equals(compare(f, "g", n_boot=200, seed=4)["ci_low"])
    only_a = compare(f, "g", columns=["a"], n_boot=200, seed=3, correction=None)
    both = compare(f, "g", columns=["b", "a"], n_boot=200, seed=3, correction=None)
    pd.testing.assert_frame_equal(only_a, both[both["feature"] == "a"].reset_index(drop=True))
    assert one["feature"].unique().tolist() == ["a", "b"]  # numeric columns, not the group column
    assert one["group"].tolist()[:4] == ["W", "X", "Y", "Z"]


def test_compare_drops_nan_per_column_and_aligns_series():
    f = pd.DataFrame({"quoted": [np.nan, 2.0, 4.0, np.nan, 1.0, 1.0],
                      "narrator": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]},
                     index=pd.Index(list("abcdef"), name="doc_id"))
    outlets = pd.Series(["A", "A", "A", "B", "B", "B"], index=list("abcdef"))[::-1]  # shuffled order
    r = compare(f, outlets, n_boot=100).set_index(["feature", "group"])
    assert r.loc[("quoted", "A"), ["n", "mean", "n_rest", "mean_rest"]].tolist() == [2, 3, 2, 1]
    assert r.loc[("narrator", "A"), ["n", "mean"]].tolist() == [3, 2]
    # a group with no values in a column: n 0, no mean, no test (and no p_adj)
    f.loc[["a", "b", "c"], "quoted"] = np.nan
    r = compare(f, outlets.to_numpy()[::-1], n_boot=100).set_index(["feature", "group"])
    row = r.loc[("quoted", "A")]
    assert row["n"] == 0 and np.isnan(row[["mean", "ci_low", "diff", "p", "p_adj"]].to_numpy(float)).all()


def test_compare_corrections():
    f = frame([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]).assign(other=np.arange(10.0))
    raw = compare(f, "outlet", n_boot=200, correction=None)
    assert (raw["p_adj"] == raw["p"]).all()
    bh = compare(f, "outlet", n_boot=200)
    np.testing.assert_allclose(bh["p_adj"], benjamini_hochberg(raw["p"]))
    bonf = compare(f, "outlet", n_boot=200, correction="bonferroni")
    np.testing.assert_allclose(bonf["p_adj"], np.minimum(raw["p"] * 4, 1))


@pytest.mark.parametrize("p, expected", [
    # sorted 0.01, 0.03, 0.04 with m = 3: 0.01*3/1 = 0.03, 0.03*3/2 = 0.045, 0.04*3/3 = 0.04,
    # then the running minimum from the largest: 0.03, 0.04, 0.04
    ([0.01, 0.04, 0.03], [0.03, 0.04, 0.04]),
    ([0.5, np.nan, 0.01], [0.5, np.nan, 0.02]),
    ([0.9, 0.95], [0.95, 0.95]),
    ([np.nan], [np.nan]),
    ([], []),
])
def test_benjamini_hochberg(p, expected):
    np.testing.assert_allclose(benjamini_hochberg(p), expected)


@pytest.mark.parametrize("kwargs, error", [
    ({"test": "ttest"}, ValueError),
    ({"correction": "holm"}, ValueError),
    ({"columns": ["missing"]}, KeyError),
    ({"by": "nope"}, KeyError),
    ({"by": ["A", "B"]}, ValueError),
])
def test_compare_rejects(kwargs, error):
    kwargs = {"by": "outlet", **kwargs}
    with pytest.raises(error):
        compare(frame([1, 2], [3, 4]), **kwargs)
    with pytest.raises(TypeError):
        compare([1, 2, 3], "outlet")


def test_compare_on_score(sample):
    f = framing.score(sample)
    r = compare(f, sample["outlet"], columns=["loaded_narrator_per_1k", "loaded_quoted_per_1k"], n_boot=200)
    assert len(r) == 10 and r["n"].le(7).all()
    assert r.loc[r["feature"] == "loaded_narrator_per_1k", "n"].tolist() == [7] * 5


# --------------------------------------------------------------------------- naming_table

ARTS = pd.DataFrame(
    {"outlet": ["X", "X", "Y", "Y"],
     "date": pd.to_datetime(["2022-01-10", "2022-02-03", "2022-01-20", None])},
    index=pd.Index(["a", "b", "c", "d"], name="doc_id"))
SPANS = pd.DataFrame({
    "doc_id":      ["a",         "a",         "a",         "b",         "c",        "c",         "d",         "a"],
    "category":    ["naming",    "naming",    "naming",    "naming",    "naming",   "naming",    "naming",    "loaded"],
    "subcategory": ["kyiv_kiev", "kyiv_kiev", "kyiv_kiev", "kyiv_kiev", "the_ukraine", "kyiv_kiev", "kyiv_kiev", "x"],
    "entry":       ["kyiv",      "kyiv",      "kiev",      "kiev",      "ukraine",  "kiev",      "kiev",      "cruel"],
})


def test_naming_table_by_outlet():
    t = naming_table(SPANS, ARTS)
    assert list(t.columns) == ["group", "pair", "variant", "count", "share", "pair_total"]
    rows = [tuple(r) for r in t.itertuples(index=False)]
    assert rows == [
        # X: kyiv twice, kiev twice (one in a, one in b) -> 2/4 each
        ("X", "kyiv_kiev", "kiev", 2, 0.5, 4),
        ("X", "kyiv_kiev", "kyiv", 2, 0.5, 4),
        # Y: kiev in c and d; kyiv never (listed with 0); the_ukraine only in Y
        ("Y", "kyiv_kiev", "kiev", 2, 1.0, 2),
        ("Y", "kyiv_kiev", "kyiv", 0, 0.0, 2),
        ("Y", "the_ukraine", "ukraine", 1, 1.0, 1),
    ]
    assert t.groupby(["group", "pair"])["share"].sum().eq(1).all()


def test_naming_table_by_month():
    t = naming_table(SPANS, ARTS, period="M")
    assert list(t.columns) == ["group", "period", "pair", "variant", "count", "share", "pair_total"]
    x = t[(t["group"] == "X")]
    assert [(str(p.date()), v, c, s) for p, v, c, s in zip(x["period"], x["variant"], x["count"], x["share"])] == [
        ("2022-01-01", "kyiv", 2, 2 / 3), ("2022-01-01", "kiev", 1, 1 / 3),
        ("2022-02-01", "kiev", 1, 1.0), ("2022-02-01", "kyiv", 0, 0.0),
    ]
    y = t[(t["group"] == "Y") & (t["pair"] == "kyiv_kiev")]  # d has no date: left out
    assert y[["variant", "count", "pair_total"]].values.tolist() == [["kiev", 1, 1], ["kyiv", 0, 1]]
    w = naming_table(SPANS, ARTS, period="W")
    assert w.loc[w["group"] == "X", "period"].nunique() == 2


def test_naming_table_empty_and_rejects():
    empty = naming_table(SPANS[SPANS["category"] != "naming"], ARTS)
    assert empty.empty and list(empty.columns) == ["group", "pair", "variant", "count", "share", "pair_total"]
    with pytest.raises(ValueError, match="not in the articles"):
        naming_table(SPANS, ARTS.drop(index="a"))
    with pytest.raises(KeyError):
        naming_table(SPANS.drop(columns="entry"), ARTS)
    with pytest.raises(KeyError):
        naming_table(SPANS, ARTS, by="author")
    with pytest.raises(KeyError):
        naming_table(SPANS, ARTS.drop(columns="date"), period="M")
    with pytest.raises(TypeError):
        naming_table(SPANS.to_dict(), ARTS)


def test_naming_table_on_sample(sample):
    t = naming_table(framing.find_spans(sample), sample)
    assert set(t["group"]) <= set(sample["outlet"])
    assert t.groupby(["group", "pair"])["share"].sum().round(12).eq(1).all()
    assert (t["count"] <= t["pair_total"]).all()


# --------------------------------------------------------------------------- rates_over_time

from framing.compare import rates_over_time  # noqa: E402

TIMED = pd.DataFrame({
    "outlet": ["A", "A", "A", "A", "B", "B", "B"],
    "date": pd.to_datetime(["2022-02-01", "2022-02-15", "2022-02-28", "2022-04-03",
                            "2022-02-10", "2022-02-11", None]),
    "rate": [1.0, 2.0, 6.0, 4.0, 10.0, np.nan, 7.0],
})


@pytest.mark.parametrize("freq,group,expected", [
    # (period, n_articles, mean, interval): hand-computed
    ("M", "A", [("2022-02-01", 3, 3.0, "t"),          # (1 + 2 + 6) / 3
                ("2022-03-01", 0, np.nan, "none"),    # an empty month is listed, not skipped
                ("2022-04-01", 1, 4.0, "none")]),
    ("M", "B", [("2022-02-01", 1, 10.0, "none")]),   # NaN rate and the undated article left out
    ("W", "A", [("2022-01-31", 1, 1.0, "none"),       # weeks start on Monday
                ("2022-02-07", 0, np.nan, "none"),
                ("2022-02-14", 1, 2.0, "none"),
                ("2022-02-21", 0, np.nan, "none"),
                ("2022-02-28", 1, 6.0, "none"),       # Monday 28 February
                ("2022-03-07", 0, np.nan, "none"),
                ("2022-03-14", 0, np.nan, "none"),
                ("2022-03-21", 0, np.nan, "none"),
                ("2022-03-28", 1, 4.0, "none")]),     # Sunday 3 April ends this week
])
def test_rates_over_time_hand_computed(freq, group, expected):
    t = rates_over_time(TIMED, "date", "outlet", freq=freq, columns=["rate"])
    rows = t[t["group"] == group]
    got = [(str(p.date()), n, m, i) for p, n, m, i in
           rows[["period", "n_articles", "mean", "interval"]].itertuples(index=False)]
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    np.testing.assert_allclose([g[2] for g in got], [e[2] for e in expected])
    assert [g[3] for g in got] == [e[3] for e in expected]
    assert list(t.columns) == ["group", "period", "feature", "n_articles", "mean", "ci_low", "ci_high", "interval"]
    assert t.attrs["dropped"] == 1  # the undated article


def test_rates_over_time_t_interval_by_hand():
    t = rates_over_time(TIMED, "date", "outlet", freq="M", columns=["rate"])
    feb = t[(t["group"] == "A") & (t["n_articles"] == 3)].iloc[0]
    # mean 3, sd = sqrt(((1-3)^2 + (2-3)^2 + (6-3)^2) / 2) = sqrt(7); t(0.975, 2) = 4.302653
    half = 4.302653 * sqrt(7) / sqrt(3)
    assert feb["ci_low"] == pytest.approx(3 - half, abs=1e-5)
    assert feb["ci_high"] == pytest.approx(3 + half, abs=1e-5)


def test_rates_over_time_bootstrap_one_group_and_seed():
    f = pd.DataFrame({"x": np.arange(10.0), "d": pd.Timestamp("2022-03-09")})
    a = rates_over_time(f, "d", freq="W", seed=3)
    b = rates_over_time(f, f["d"], None, freq="W", seed=3)
    assert a.equals(b)
    row = a.iloc[0]
    assert (row["group"], row["n_articles"], row["mean"], row["interval"]) == ("all", 10, 4.5, "bootstrap")
    assert 2.0 < row["ci_low"] < 4.5 < row["ci_high"] < 7.0
    assert str(row["period"].date()) == "2022-03-07"


def test_rates_over_time_several_columns_and_series():
    f = TIMED.drop(columns=["outlet", "date"]).assign(other=1.0)
    t = rates_over_time(f, TIMED["date"], TIMED["outlet"], freq="M")
    assert list(pd.unique(t["feature"])) == ["rate", "other"]
    other = t[(t["feature"] == "other") & (t["group"] == "B")]
    assert other["n_articles"].tolist() == [2]  # 'other' has no NaN: both dated B articles count


@pytest.mark.parametrize("kwargs,error", [
    ({"freq": "fortnight"}, ValueError),
    ({"columns": ["nope"]}, KeyError),
    ({"min_boot": 1}, ValueError),
])
def test_rates_over_time_rejects(kwargs, error):
    with pytest.raises(error):
        rates_over_time(TIMED, "date", "outlet", **kwargs)


def test_rates_over_time_on_sample(sample):
    f = framing.score(sample).join(sample[["outlet", "date"]])
    t = rates_over_time(f, "date", "outlet", freq="M", columns=["loaded_narrator_per_1k"])
    assert t.groupby("group")["n_articles"].sum().tolist() == [7] * 5
