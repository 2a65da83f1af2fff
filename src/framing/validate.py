"""Scoring lexicons against annotated corpora: token-level precision, recall and F1.

The definitions, written once (everything in this module and ``reports/validation.md``
follows them):

* **Sentences**: a table with ``text`` (one sentence, or any short text) and ``biased_words``
  (a list of str per row), such as :func:`framing.datasets.read_babe` returns.
* **Tokens** are the tokens of :mod:`framing.tokenize` (the ones the matcher uses), compared
  in normal form (lowercase, apostrophes folded). ``left-wing`` is two tokens, ``U.S.`` one.
* **Gold tokens** of a sentence: its tokens whose normal form equals a token of any of its
  ``biased_words`` entries. An entry of several words (``"left-wing"``, ``"fake news"``) is
  cut into tokens by the same rules, each a gold form; case is ignored. Gold is *literal*:
  no stemming or lemmatising, so an annotated ``claiming`` makes ``claiming`` gold but not
  ``claimed`` in the same sentence; and every occurrence of a gold form in the sentence is
  gold (annotators list words, not positions).
* **Predicted tokens**: tokens covered (overlapping by at least one character) by a span
  of :func:`framing.find_spans` whose ``category`` is one of the chosen categories (for
  the built-in lexicons ``loaded`` and ``label``; for a reference lexicon, its single
  category; a selector ``"attribution/distancing"`` picks one subcategory). Scare quotes
  are not lexicon spans and never count unless ``"scare_quote"`` is chosen. Optionally
  only spans in the outlet's own voice (``voice="narrator"``).
* **Precision** = |pred ∩ gold| / |pred|, **recall** = |pred ∩ gold| / |gold|, **F1** their
  harmonic mean, *micro-averaged*: token counts are summed over all sentences first (a
  sentence without gold words still counts: every prediction in it is a false positive).
  With no predicted tokens precision is undefined (``nan``), and so is F1.
* **95% intervals**: percentile bootstrap over sentences (Efron & Tibshirani 1993): the
  sentences are resampled with replacement ``n_boot`` times (default 1,000, fixed seed) and
  the three scores recomputed from the resampled sums; the 2.5th and 97.5th percentiles
  are reported. Sentences of one article are not independent, so the intervals are, if
  anything, a little narrow.

The **split** (:func:`make_split`) is by article: every sentence of one ``news_link`` is in
the same part, so no article has sentences in both. Within each outlet the articles are
shuffled with a fixed seed (:data:`SPLIT_SEED`, ``numpy.random.default_rng``) and taken
into ``test`` until it holds ``test_fraction`` of the outlet's sentences; the rest is
``train``. A sentence without a link is its own article (key ``nolink:<doc_id>``). The
split of BABE SG2 is committed once in ``data/splits/babe_sg2_split.csv``
(:func:`read_split`) and never regenerated silently.

Example:
    >>> import pandas as pd
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_records("demo", [{"pattern": "bizarre", "category": "loaded"},
    ...                                     {"pattern": "said", "category": "loaded"}])
    >>> sents = pd.DataFrame({"text": ["He said it was bizarre and characteristically so."],
    ...                       "biased_words": [["bizarre", "characteristically"]]})
    >>> s = score_tokens(sents, lex, ["loaded"], n_boot=0)
    >>> s["precision"], s["recall"], s["n_pred"], s["n_gold"]
    (0.5, 0.5, 2, 2)
"""

from __future__ import annotations

import hashlib

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import config
from .spans import LexiconSet, LexiconsArg, find_spans
from .tokenize import normal_form, reference_tokens, tokenize

__all__ = [
    "SPLIT_SEED",
    "apply_split",
    "article_keys",
    "gold_forms",
    "make_split",
    "read_split",
    "score_counts",
    "score_tokens",
    "sentence_counts",
    "split_path",
    "token_table",
]

#: Seed of the committed BABE SG2 split.
SPLIT_SEED = 20240603


# --------------------------------------------------------------------------- gold and predictions

def gold_forms(words: Iterable[str]) -> set[str]:
    """Normal forms of the tokens of the annotated words (entries of several words split).

    Example:
        >>> sorted(gold_forms(["Left-wing", "mob", "U.S.", "Kiev’s"]))
        ["kiev's", 'left', 'mob', 'u.s.', 'wing']
    """
    out: set[str] = set()
    for w in words:
        out.update(t for _, _, t in reference_tokens(str(w)))
    return out


def _check(sentences: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(sentences, pd.DataFrame):
        raise TypeError(f"expected a sentences table (DataFrame), got {type(sentences).__name__}")
    missing = [c for c in ("text", "biased_words") if c not in sentences.columns]
    if missing:
        raise ValueError(f"the sentences table needs column(s) {', '.join(missing)} "
                         "(see framing.datasets.read_babe)")
    df = sentences
    if df.index.name != "doc_id" or not df.index.is_unique:
        df = df.copy()
        df.index = pd.Index([str(i) for i in range(len(df))], name="doc_id")
    else:
        df = df.copy()
        df.index = df.index.astype(str)
    return df


def token_table(sentences: pd.DataFrame, lexicons: LexiconsArg, categories: Iterable[str] | None = None,
                *, voice: str | None = None) -> pd.DataFrame:
    """One row per token of every sentence: whether it is gold, predicted, and by which entry.

    Columns ``doc_id, token_index, start, end, token, gold, pred, entry, category``
    (``entry``/``category``: the first covering span's pattern and category, ``""`` if none).
    This is the table behind :func:`score_tokens`, and the one to read for error analysis
    (false positives: ``pred & ~gold``; false negatives: ``gold & ~pred``).

    Args:
        sentences: ``text`` and ``biased_words`` columns (index used as ``doc_id`` if unique).
        lexicons: as for :func:`framing.find_spans` (names, paths, Lexicons, a LexiconSet).
        categories: span categories that count as predictions, each ``"category"`` or
            ``"category/subcategory"`` (``"attribution/distancing"``); ``None``: every
            category of the given lexicons.
        voice: ``None`` (all spans) or ``"narrator"``/``"quoted"`` (spans in that voice only).

    Example:
        >>> import pandas as pd
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_records("d", [{"pattern": "radical left", "category": "label"}])
        >>> t = token_table(pd.DataFrame({"text": ["The radical left won."],
        ...                               "biased_words": [["radical"]]}), lex)
        >>> t[["token", "gold", "pred"]].values.tolist()
        [['the', False, False], ['radical', True, True], ['left', False, True], ['won', False, False]]
        >>> t["entry"].tolist()
        ['', 'radical left', 'radical left', '']
    """
    df = _check(sentences)
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    spans = find_spans(df[["text"]], lexset, progress=False)
    spans = spans[_selected(spans, categories, lexset)]
    if voice is not None:
        spans = spans[spans["voice"] == voice]
    by_doc = {d: g for d, g in spans.groupby("doc_id", sort=False)}
    cols: dict[str, list[Any]] = {c: [] for c in ("doc_id", "token_index", "start", "end", "token",
                                                   "gold", "pred", "entry", "category")}
    for doc_id, text, words in zip(df.index, df["text"], df["biased_words"]):
        toks = tokenize(text)
        starts, ends = toks.starts, toks.ends
        n = len(starts)
        gold_set = gold_forms(words if isinstance(words, (list, tuple)) else [])
        forms = [normal_form(text[s:e]) for s, e in zip(starts.tolist(), ends.tolist())]
        pred = np.zeros(n, dtype=bool)
        entry = [""] * n
        category = [""] * n
        g = by_doc.get(doc_id)
        if g is not None and n:
            for s, e, pat, cat in zip(g["start"].tolist(), g["end"].tolist(), g["entry"].tolist(),
                                      g["category"].tolist()):
                lo = int(np.searchsorted(ends, s, side="right"))   # first token ending after s
                hi = int(np.searchsorted(starts, e, side="left"))  # tokens starting before e
                for i in range(lo, hi):
                    if not pred[i]:
                        pred[i] = True
                        entry[i], category[i] = pat, cat
        cols["doc_id"].extend([doc_id] * n)
        cols["token_index"].extend(range(n))
        cols["start"].extend(starts.tolist())
        cols["end"].extend(ends.tolist())
        cols["token"].extend(forms)
        cols["gold"].extend(f in gold_set for f in forms)
        cols["pred"].extend(pred.tolist())
        cols["entry"].extend(entry)
        cols["category"].extend(category)
    out = pd.DataFrame(cols)
    return out.astype({"token_index": "int64", "start": "int64", "end": "int64", "gold": bool, "pred": bool})


def _selected(spans: pd.DataFrame, categories: Iterable[str] | str | None, lexset: LexiconSet) -> np.ndarray:
    """Which spans count: ``category`` or ``category/subcategory`` selectors (None: all lexicon categories)."""
    if isinstance(categories, str):
        categories = [categories]
    if categories is None:
        categories = sorted({e.category for lx in lexset.lexicons for e in lx.entries})
    cats = {c for c in categories if "/" not in c}
    subs = {tuple(c.split("/", 1)) for c in categories if "/" in c}
    keep = spans["category"].isin(cats).to_numpy().copy()
    if subs:
        pairs = list(zip(spans["category"], spans["subcategory"]))
        keep |= np.array([p in subs for p in pairs], dtype=bool)
    return keep


def sentence_counts(sentences: pd.DataFrame, lexicons: LexiconsArg, categories: Iterable[str] | None = None,
                    *, voice: str | None = None) -> pd.DataFrame:
    """Per sentence: ``n_tokens, n_gold, n_pred, n_tp`` (the sums behind every score).

    Example:
        >>> import pandas as pd
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_records("d", [{"pattern": "mob", "category": "loaded"}])
        >>> sentence_counts(pd.DataFrame({"text": ["A mob.", "Calm."], "biased_words": [["mob"], []]}),
        ...                 lex).values.tolist()
        [[2, 1, 1, 1], [1, 0, 0, 0]]
    """
    df = _check(sentences)
    t = token_table(df, lexicons, categories, voice=voice)
    t["tp"] = t["gold"] & t["pred"]
    agg = t.groupby("doc_id", sort=False).agg(n_tokens=("token", "size"), n_gold=("gold", "sum"),
                                              n_pred=("pred", "sum"), n_tp=("tp", "sum"))
    agg = agg.reindex(df.index, fill_value=0).astype("int64")
    agg.index.name = "doc_id"
    return agg


def _prf(tp: np.ndarray, pred: np.ndarray, gold: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tp, pred, gold = (np.asarray(x, dtype=float) for x in (tp, pred, gold))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(pred > 0, tp / np.where(pred > 0, pred, 1), np.nan)
        r = np.where(gold > 0, tp / np.where(gold > 0, gold, 1), np.nan)
        f = np.where((p + r) > 0, 2 * p * r / np.where((p + r) > 0, p + r, 1), 0.0)
        f = np.where(np.isnan(p) | np.isnan(r), np.nan, f)
    return p, r, f


def score_counts(counts: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0,
                 level: float = 0.95) -> dict[str, Any]:
    """Micro-averaged precision, recall, F1 and bootstrap intervals from :func:`sentence_counts`.

    Example:
        >>> import pandas as pd
        >>> c = pd.DataFrame({"n_gold": [2, 0], "n_pred": [1, 3], "n_tp": [1, 0]})
        >>> s = score_counts(c, n_boot=0)
        >>> s["precision"], s["recall"], round(s["f1"], 3), s["precision_ci"]
        (0.25, 0.5, 0.333, (nan, nan))
    """
    tp = counts["n_tp"].to_numpy(dtype=np.int64)
    pred = counts["n_pred"].to_numpy(dtype=np.int64)
    gold = counts["n_gold"].to_numpy(dtype=np.int64)
    p, r, f = (float(x) for x in _prf(tp.sum(), pred.sum(), gold.sum()))
    out: dict[str, Any] = {"precision": p, "recall": r, "f1": f}
    nan2 = (float("nan"), float("nan"))
    cis = {"precision_ci": nan2, "recall_ci": nan2, "f1_ci": nan2}
    n = len(tp)
    if n_boot and n:
        rng = np.random.default_rng(seed)
        bp, br, bf = [], [], []
        chunk = max(1, min(n_boot, 2_000_000 // max(n, 1)))
        done = 0
        while done < n_boot:
            k = min(chunk, n_boot - done)
            idx = rng.integers(0, n, size=(k, n))
            p_, r_, f_ = _prf(tp[idx].sum(1), pred[idx].sum(1), gold[idx].sum(1))
            bp.append(p_), br.append(r_), bf.append(f_)
            done += k
        alpha = (1 - level) / 2 * 100
        for name, vals in (("precision_ci", bp), ("recall_ci", br), ("f1_ci", bf)):
            v = np.concatenate(vals)
            v = v[~np.isnan(v)]
            if len(v):
                lo, hi = np.percentile(v, [alpha, 100 - alpha])
                cis[name] = (float(lo), float(hi))
    out.update(cis)
    out.update({"n_sentences": int(n), "n_gold": int(gold.sum()), "n_pred": int(pred.sum()),
                "n_tp": int(tp.sum()), "n_boot": int(n_boot), "seed": int(seed)})
    return out


def score_tokens(sentences: pd.DataFrame, lexicons: LexiconsArg, categories: Iterable[str] | None = None,
                 *, voice: str | None = None, n_boot: int = 1000, seed: int = 0,
                 level: float = 0.95) -> dict[str, Any]:
    """Token-level precision, recall and F1 of lexicon spans against annotated words.

    Definitions in the module docstring (written once). Micro-averaged over sentences,
    percentile-bootstrap intervals by resampling sentences.

    Args:
        sentences: a table with ``text`` and ``biased_words`` (list of str) per sentence.
        lexicons: built-in names (``["loaded", "label"]``), Lexicons, a LexiconSet.
        categories: span categories that count, ``"category"`` or ``"category/subcategory"``
            (``None``: all categories of ``lexicons``).
        voice: restrict to spans in one voice (``"narrator"``), default all.
        n_boot: bootstrap replicates (0: no intervals). seed: the bootstrap's seed.
        level: the intervals' coverage (0.95).

    Returns:
        ``precision, recall, f1`` (floats; ``nan`` when undefined), ``precision_ci,
        recall_ci, f1_ci`` (``(low, high)``), ``n_sentences, n_gold, n_pred, n_tp``,
        ``n_boot, seed`` and ``lexicons`` (each lexicon's ``name@version#hash``).

    Example:
        >>> from framing.datasets import read_babe
        >>> s = score_tokens(read_babe(), ["loaded", "label"], ["loaded", "label"])  # doctest: +SKIP
        >>> round(s["precision"], 2), s["f1_ci"][0] < s["f1"] < s["f1_ci"][1]  # doctest: +SKIP
        (0.55, True)
    """
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    counts = sentence_counts(sentences, lexset, categories, voice=voice)
    out = score_counts(counts, n_boot=n_boot, seed=seed, level=level)
    out["lexicons"] = lexset.stamps()
    return out


# --------------------------------------------------------------------------- the split

def split_path() -> Path:
    """The committed BABE SG2 split: ``<root>/data/splits/babe_sg2_split.csv``.

    Example:
        >>> split_path().name
        'babe_sg2_split.csv'
    """
    return config.data_dir() / "splits" / "babe_sg2_split.csv"


def article_id(key: str) -> str:
    """The id of an article in a split file: the first 16 hex digits of SHA-1 of its key.

    Split files store these ids, not the corpus's links, so nothing of the corpus is copied.

    Example:
        >>> article_id("http://a")
        'f7651fae28a41b7d'
    """
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _link_keys(sentences: pd.DataFrame) -> pd.Series:
    """The article of every sentence: its ``news_link``, or ``nolink:<doc_id>`` without one."""
    links = sentences["news_link"] if "news_link" in sentences.columns else pd.Series(None, index=sentences.index)
    keys = [str(v) if isinstance(v, str) and v.strip() else f"nolink:{d}"
            for d, v in zip(sentences.index.astype(str), links)]
    return pd.Series(keys, index=sentences.index, name="news_link")


def article_keys(sentences: pd.DataFrame) -> pd.Series:
    """The article id (:func:`article_id`) of every sentence: of its ``news_link``, or of
    ``nolink:<doc_id>`` without one.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"news_link": ["http://a", None]},
        ...                   index=pd.Index(["s1", "s2"], name="doc_id"))
        >>> article_keys(df).tolist() == [article_id("http://a"), article_id("nolink:s2")]
        True
    """
    return _link_keys(sentences).map(article_id).rename("article")


def make_split(sentences: pd.DataFrame, *, test_fraction: float = 0.3, seed: int = SPLIT_SEED,
               stratify: str | None = "outlet") -> pd.DataFrame:
    """Assign every article to ``train`` or ``test`` (by article, stratified by outlet).

    Within each outlet (``stratify`` column; ``None``: one group), the outlet's articles,
    sorted by key, are permuted with ``numpy.random.default_rng(seed)`` (one generator, the
    outlets in sorted order) and moved to ``test`` one by one while the outlet's test
    sentences are fewer than ``test_fraction`` of its sentences.

    Returns:
        Columns ``article, split`` (:func:`article_id`), one row per article, sorted by id.
        The order of the draw depends on the links themselves, so the ids reproduce it.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"news_link": list("aabbcdefgh"), "outlet": ["X"] * 10},
        ...                   index=pd.Index([f"s{i}" for i in range(10)], name="doc_id"))
        >>> sp = make_split(df, seed=1)
        >>> sp["split"].value_counts().to_dict()
        {'train': 6, 'test': 2}
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    keys = _link_keys(sentences)
    strata = (sentences[stratify].fillna("").astype(str) if stratify and stratify in sentences.columns
              else pd.Series("", index=sentences.index))
    frame = pd.DataFrame({"key": keys.to_numpy(), "stratum": strata.to_numpy()})
    per_article = frame.groupby("key").agg(stratum=("stratum", "first"), n=("stratum", "size"))
    rng = np.random.default_rng(seed)
    split: dict[str, str] = {}
    for stratum in sorted(per_article["stratum"].unique()):
        arts = per_article[per_article["stratum"] == stratum].sort_index()
        order = rng.permutation(len(arts))
        total = int(arts["n"].sum())
        taken = 0
        for i in order:
            key = arts.index[i]
            if taken < test_fraction * total:
                split[key] = "test"
                taken += int(arts["n"].iloc[i])
            else:
                split[key] = "train"
    out = pd.DataFrame({"article": [article_id(k) for k in split], "split": list(split.values())})
    return out.sort_values("article", kind="stable").reset_index(drop=True)


def read_split(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read a split file (``article,split``; lines starting with ``#`` are comments).

    Example:
        >>> sp = read_split()
        >>> sorted(sp["split"].unique())
        ['test', 'train']
    """
    import io

    p = Path(path) if path is not None else split_path()
    with open(p, encoding="utf-8") as fh:
        body = "".join(line for line in fh if not line.startswith("#"))
    df = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    if list(df.columns) != ["article", "split"]:
        raise ValueError(f"{p}: expected columns article,split, got {','.join(df.columns)}")
    bad = sorted(set(df["split"]) - {"train", "test"})
    if bad:
        raise ValueError(f"{p}: unknown split value(s) {bad}")
    if df["article"].duplicated().any():
        raise ValueError(f"{p}: an article is listed twice")
    return df


def apply_split(sentences: pd.DataFrame, part: str | None, split: pd.DataFrame | None = None
                ) -> pd.DataFrame:
    """The sentences of one part (``"train"``, ``"test"``; ``None`` or ``"all"``: every one).

    Raises :class:`ValueError` if a sentence's article is not in the split.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"news_link": ["a", "b"], "text": ["x", "y"]},
        ...                   index=pd.Index(["s1", "s2"], name="doc_id"))
        >>> sp = pd.DataFrame({"article": [article_id("a"), article_id("b")], "split": ["train", "test"]})
        >>> apply_split(df, "test", sp)["text"].tolist()
        ['y']
    """
    if part in (None, "all"):
        return sentences
    if part not in ("train", "test"):
        raise ValueError(f"part must be 'train', 'test' or 'all', got {part!r}")
    sp = read_split() if split is None else split
    mapping = dict(zip(sp["article"], sp["split"]))
    keys = article_keys(sentences)
    parts = keys.map(mapping)
    if parts.isna().any():
        missing = keys[parts.isna()].unique()[:3].tolist()
        raise ValueError(f"{int(parts.isna().sum())} sentence(s) belong to articles not in the split, "
                         f"e.g. {missing}")
    return sentences[(parts == part).to_numpy()]
