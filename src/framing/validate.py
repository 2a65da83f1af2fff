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
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import config
from .spans import LexiconSet, LexiconsArg, find_spans
from .tokenize import normal_form, reference_tokens, tokenize

__all__ = [
    "AttributionScore",
    "SPLIT_SEED",
    "apply_split",
    "article_keys",
    "attribution_rows",
    "audit_entries",
    "bootstrap_intervals",
    "gold_forms",
    "kwic_sample",
    "lexicon_categories",
    "make_split",
    "read_split",
    "score_attributions",
    "score_categories",
    "score_counts",
    "score_spans",
    "score_tokens",
    "select_entries",
    "sentence_counts",
    "span_counts",
    "split_path",
    "token_table",
    "worst_entries",
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


# --------------------------------------------------------------------------- attributions (PolNeAR)

class AttributionScore(NamedTuple):
    """What :func:`score_attributions` returns: the scores, their counts, and the tables behind them.

    ``cue_recall``, ``cue_precision``, ``cue_f1``, ``speaker_accuracy``, ``content_f1``:
    floats (``nan`` when undefined, e.g. precision with no predicted cue). ``counts``: every
    numerator, denominator and exclusion (keys in :func:`score_attributions`). ``gold``: one
    row per gold cue with what was found for it; ``pred``: one row per distinct predicted
    cue; ``by_doc`` and ``by_kind``: the same counts per document and per predicted kind.
    """

    cue_recall: float
    cue_precision: float
    cue_f1: float
    speaker_accuracy: float
    content_f1: float
    counts: dict[str, int]
    gold: pd.DataFrame
    pred: pd.DataFrame
    by_doc: pd.DataFrame
    by_kind: pd.DataFrame

    def as_dict(self) -> dict[str, Any]:
        """The five scores and the counts in one flat dict (for a results table).

        Example:
            >>> import pandas as pd
            >>> g = pd.DataFrame({"doc_id": ["d"], "cue_start": [3], "cue_end": [7]})
            >>> s = score_attributions(pd.DataFrame({"doc_id": ["d"], "cue_start": [3], "cue_end": [7]}), g)
            >>> s.as_dict()["cue_recall"], s.as_dict()["n_gold"]
            (1.0, 1)
        """
        out: dict[str, Any] = {k: getattr(self, k) for k in
                               ("cue_recall", "cue_precision", "cue_f1", "speaker_accuracy", "content_f1")}
        out.update(self.counts)
        return out


def _offset(v: Any) -> int | None:
    """An offset cell as int, or None when missing (None, NaN, <NA>, negative)."""
    if v is None or v is pd.NA:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    if f != f or f < 0:
        return None
    return int(f)


def _span(start: Any, end: Any) -> list[tuple[int, int]]:
    s, e = _offset(start), _offset(end)
    return [(s, e)] if s is not None and e is not None and e > s else []


def _frag_list(row: dict[str, Any], role: str) -> list[tuple[int, int]]:
    """A gold role's fragments: ``<role>_fragments`` if given (pairs or {start, end}), else start/end."""
    frags = row.get(f"{role}_fragments")
    if isinstance(frags, (list, tuple)):
        out = []
        for f in frags:
            s, e = (f.get("start"), f.get("end")) if isinstance(f, dict) else (f[0], f[1])
            out.extend(_span(s, e))
        return sorted(out)
    return _span(row.get(f"{role}_start"), row.get(f"{role}_end"))


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters shared by two sets of (start, end) fragments (each set non-overlapping)."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _char_f1(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> float:
    n_p, n_g = sum(e - s for s, e in pred), sum(e - s for s, e in gold)
    if not n_p or not n_g:
        return 0.0
    common = _overlap(pred, gold)
    return 0.0 if not common else 2 * common / (n_p + n_g)


def _ratio(num: float, den: float) -> float:
    return float(num) / den if den else float("nan")


def _f1(p: float, r: float) -> float:
    if p != p or r != r:
        return float("nan")
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score_attributions(pred: pd.DataFrame, gold: pd.DataFrame, *,
                       articles: pd.DataFrame | None = None) -> AttributionScore:
    """Score predicted attributions (cue, speaker, content) against gold ones such as PolNeAR's.

    The gold standard is PolNeAR (Newell, Margolin & Ruths 2018, "An Attribution Relations
    Corpus for Political News", LREC 2018; :func:`framing.datasets.read_polnear`), annotated
    in the PARC 3.0 scheme (Pareti 2016, "PARC 3.0: A Corpus of Attribution Relations", LREC
    2016): every attribution has a *cue*, usually a *source* and a *content*, each a set of
    character fragments. Overlap-based cue scores follow the lenient span matching of the
    attribution literature (e.g. Pareti 2016; Newell et al. 2018 report agreement the same way).

    **Definitions** (micro-averaged over the whole table):

    * *Overlap*: two spans overlap when they share at least one character; a gold role is
      the union of its fragments, so a discontinuous cue or content overlaps a prediction
      that touches any fragment.
    * *Predicted cues* are the distinct ``(doc_id, cue_start, cue_end)`` of ``pred``: two
      rows with the same cue (one cue, two contents) count once for precision. Rows with no
      cue offsets (missing, NaN, ``-1``, empty) are not cues: excluded and counted.
    * **Cue recall** = gold cues overlapped by at least one predicted cue / gold cues.
      **Cue precision** = predicted cues overlapping at least one gold cue / predicted cues.
      **Cue F1**: their harmonic mean. These are not one-to-one: two predicted cues inside
      one gold cue ("has continued" + "to claim") are both correct, and one predicted cue
      spanning two gold cues finds both.
    * **Matching** for speaker and content: every found gold cue is matched to *one* predicted
      row, the one whose cue shares the most characters with it (ties: the earlier cue, then
      the first row in ``pred``'s order). Several gold cues may match the same row.
    * **Speaker accuracy** = matched gold cues whose predicted speaker span
      (``speaker_start``/``speaker_end``) overlaps the gold source / matched gold cues that
      have a source. A missing predicted speaker (``None``, NaN, ``-1``) counts as wrong;
      gold attributions without a source (passives, "it is said") are left out and counted
      (``n_found_no_source``). A resolved name in ``speaker`` does not help: it is the
      span that is scored (a pronoun span pointing at the gold pronoun is right).
    * **Content F1** = mean over matched gold cues that have a content of the
      *character-level* F1 between the predicted content span and the gold content fragments
      (2 |P ∩ G| / (|P| + |G|), characters counted with quotation marks and spaces, as
      annotated); a missing predicted content scores 0. Characters rather than tokens:
      offsets are exact, and no tokenizer decides what a quote mark is.
      ``content_match`` in ``counts`` is the number of those with F1 >= 0.5.
    * Documents: those of ``articles`` if given (so articles with no gold attribution count,
      and every cue predicted there is a false positive), else those of ``gold``. Predictions
      for any other document are left out, counted (``n_pred_unknown_doc``) and warned about.

    Args:
        pred: the quotes table (:data:`framing.schema.QUOTE_COLUMNS`); only ``doc_id``,
            ``cue_start``, ``cue_end`` are required, the other columns are used when present
            (``speaker_start/_end``, ``content_start/_end``, ``kind``, ``cue``, ``speaker``).
        gold: one row per gold attribution with ``doc_id`` and ``cue_fragments`` (list of
            ``(start, end)``) or ``cue_start``/``cue_end``, likewise ``source_*`` and
            ``content_*`` (optional); ``attribution_id``, ``annotator``, ``cue_text``,
            ``source_text`` are copied into the tables when present. One annotator per
            document (a ValueError names the documents otherwise).
        articles: the articles table (index ``doc_id``): fixes the set of documents scored.

    Returns:
        An :class:`AttributionScore`. ``counts``: ``n_docs, n_gold, n_gold_no_cue,
        n_found, n_pred, n_pred_correct, n_pred_rows, n_pred_no_cue, n_pred_unknown_doc,
        n_speaker_scored, n_speaker_correct, n_found_no_source, n_content_scored,
        content_match, n_pred_in_gold_content``. ``gold`` (one row per gold cue): ``doc_id, attribution_id,
        annotator, cue_start, cue_end, cue_text, found, pred_row`` (position in ``pred``,
        -1), ``pred_kind, pred_cue, pred_cue_start, pred_cue_end, has_source,
        source_text, pred_speaker, pred_speaker_start, pred_speaker_end, speaker_correct``
        (True/False, ``<NA>`` when not scored), ``has_content, content_f1`` (NaN when not
        scored). ``pred`` (one row per distinct predicted cue): ``doc_id, cue_start,
        cue_end, cue, kind, n_rows, correct, gold_attribution_id`` (the gold cue it
        overlaps most), ``in_gold_content`` (a wrong cue lying wholly inside a gold
        content: PolNeAR is univocal, each token in at most one attribution, so an
        attribution nested in a quote is not gold). ``by_doc``: per document ``n_gold, n_found, n_pred,
        n_pred_correct, n_speaker_scored, n_speaker_correct, n_content_scored,
        content_f1_sum, cue_recall, cue_precision``. ``by_kind``: per predicted ``kind``
        ``n_pred, n_pred_correct, cue_precision, n_found, n_speaker_scored,
        n_speaker_correct, speaker_accuracy, content_f1``.

    Example:
        >>> import pandas as pd
        >>> text = "NATO has continued to claim it is defensive, Moscow said."
        >>> gold = pd.DataFrame({"doc_id": ["d1", "d1"], "cue_start": [5, 52], "cue_end": [27, 56],
        ...                      "source_start": [0, 45], "source_end": [4, 51]})
        >>> pred = pd.DataFrame({"doc_id": ["d1", "d1"], "cue_start": [22, 35], "cue_end": [27, 44],
        ...                      "speaker_start": [0, -1], "speaker_end": [4, -1]})
        >>> s = score_attributions(pred, gold)
        >>> s.cue_recall, s.cue_precision, s.speaker_accuracy
        (0.5, 0.5, 1.0)
        >>> s.gold[["cue_start", "found", "speaker_correct"]].values.tolist()
        [[5, True, True], [52, False, <NA>]]
    """
    import warnings

    for name, df in (("pred", pred), ("gold", gold)):
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{name} must be a DataFrame, not {type(df).__name__}")
    missing = [c for c in ("doc_id", "cue_start", "cue_end") if c not in pred.columns]
    if missing:
        raise ValueError(f"pred lacks column(s) {', '.join(missing)} (see framing.schema.QUOTE_COLUMNS)")
    if "doc_id" not in gold.columns or not ({"cue_fragments"} <= set(gold.columns)
                                            or {"cue_start", "cue_end"} <= set(gold.columns)):
        raise ValueError("gold needs doc_id and cue_fragments or cue_start/cue_end "
                         "(see framing.datasets.read_polnear)")
    if "annotator" in gold.columns:
        n_ann = gold.groupby(gold["doc_id"].astype(str))["annotator"].nunique()
        multi = n_ann[n_ann > 1].index.tolist()
        if multi:
            raise ValueError(f"gold has several annotators for {len(multi)} document(s) (e.g. {multi[0]!r}); "
                             "score against one annotation per document (read_polnear's default)")

    docs = ([str(d) for d in articles.index] if articles is not None
            else list(dict.fromkeys(gold["doc_id"].astype(str))))
    doc_set = set(docs)

    # gold cues, per document
    gold_rows: list[dict[str, Any]] = []
    n_gold_no_cue = 0
    for rec in gold.to_dict("records"):
        cue = _frag_list(rec, "cue")
        if not cue:
            n_gold_no_cue += 1
            continue
        d = str(rec["doc_id"])
        if d not in doc_set:
            raise ValueError(f"gold document {d!r} is not in articles")
        gold_rows.append({"doc_id": d, "attribution_id": rec.get("attribution_id"),
                          "annotator": rec.get("annotator"), "cue": cue, "source": _frag_list(rec, "source"),
                          "content": _frag_list(rec, "content"), "cue_text": rec.get("cue_text"),
                          "source_text": rec.get("source_text")})

    # predicted rows and distinct cues
    p = pred.reset_index(drop=True)
    get = (lambda c: p[c].tolist() if c in p.columns else [None] * len(p))
    p_doc = [str(d) for d in p["doc_id"]]
    p_cue = [_span(s, e) for s, e in zip(p["cue_start"], p["cue_end"])]
    p_spk = [_span(s, e) for s, e in zip(get("speaker_start"), get("speaker_end"))]
    p_con = [_span(s, e) for s, e in zip(get("content_start"), get("content_end"))]
    p_kind = [k if isinstance(k, str) and k else "(none)" for k in get("kind")]
    p_cue_text, p_speaker = get("cue"), get("speaker")
    n_no_cue = sum(1 for c in p_cue if not c)
    unknown = [i for i in range(len(p)) if p_cue[i] and p_doc[i] not in doc_set]
    if unknown:
        warnings.warn(f"{len(unknown)} predicted cue(s) for documents not in the gold standard "
                      f"(e.g. {p_doc[unknown[0]]!r}) are left out of the scores", UserWarning, stacklevel=2)
    rows_by_doc: dict[str, list[int]] = {}
    for i in range(len(p)):
        if p_cue[i] and p_doc[i] in doc_set:
            rows_by_doc.setdefault(p_doc[i], []).append(i)
    gold_by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold_rows:
        gold_by_doc.setdefault(g["doc_id"], []).append(g)

    gold_out: list[dict[str, Any]] = []
    pred_out: list[dict[str, Any]] = []
    for d in docs:
        gs = sorted(gold_by_doc.get(d, []), key=lambda g: g["cue"][0])
        rows = rows_by_doc.get(d, [])
        distinct: dict[tuple[int, int], list[int]] = {}
        for i in rows:
            distinct.setdefault(p_cue[i][0], []).append(i)
        for (cs, ce), members in sorted(distinct.items()):
            best, best_ov = None, 0
            for g in gs:
                ov = _overlap([(cs, ce)], g["cue"])
                if ov > best_ov:
                    best, best_ov = g, ov
            first = members[0]
            nested = best is None and any(_overlap([(cs, ce)], g["content"]) == ce - cs for g in gs)
            pred_out.append({"doc_id": d, "cue_start": cs, "cue_end": ce, "cue": p_cue_text[first],
                             "kind": p_kind[first], "n_rows": len(members), "correct": best is not None,
                             "gold_attribution_id": best["attribution_id"] if best else None,
                             "in_gold_content": nested})
        for g in gs:
            match, match_key = -1, None
            for i in rows:
                ov = _overlap(p_cue[i], g["cue"])
                if ov:
                    key = (-ov, p_cue[i][0][0], i)
                    if match_key is None or key < match_key:
                        match, match_key = i, key
            found = match >= 0
            has_source, has_content = bool(g["source"]), bool(g["content"])
            spk_ok: Any = pd.NA
            con_f1 = float("nan")
            if found and has_source:
                spk_ok = _overlap(p_spk[match], g["source"]) > 0
            if found and has_content:
                con_f1 = _char_f1(p_con[match], g["content"])
            gold_out.append({
                "doc_id": d, "attribution_id": g["attribution_id"], "annotator": g["annotator"],
                "cue_start": g["cue"][0][0], "cue_end": g["cue"][-1][1], "cue_text": g["cue_text"],
                "found": found, "pred_row": match,
                "pred_kind": p_kind[match] if found else None,
                "pred_cue": p_cue_text[match] if found else None,
                "pred_cue_start": p_cue[match][0][0] if found else -1,
                "pred_cue_end": p_cue[match][0][1] if found else -1,
                "has_source": has_source, "source_text": g["source_text"],
                "pred_speaker": p_speaker[match] if found else None,
                "pred_speaker_start": p_spk[match][0][0] if found and p_spk[match] else -1,
                "pred_speaker_end": p_spk[match][0][1] if found and p_spk[match] else -1,
                "speaker_correct": spk_ok, "has_content": has_content, "content_f1": con_f1})

    gcols = ["doc_id", "attribution_id", "annotator", "cue_start", "cue_end", "cue_text", "found",
             "pred_row", "pred_kind", "pred_cue", "pred_cue_start", "pred_cue_end", "has_source",
             "source_text", "pred_speaker", "pred_speaker_start", "pred_speaker_end", "speaker_correct",
             "has_content", "content_f1"]
    gdf = pd.DataFrame(gold_out, columns=gcols)
    gdf = gdf.astype({"cue_start": "int64", "cue_end": "int64", "found": bool, "pred_row": "int64",
                      "pred_cue_start": "int64", "pred_cue_end": "int64", "pred_speaker_start": "int64",
                      "pred_speaker_end": "int64", "has_source": bool, "has_content": bool,
                      "speaker_correct": "boolean", "content_f1": "float64"})
    pcols = ["doc_id", "cue_start", "cue_end", "cue", "kind", "n_rows", "correct", "gold_attribution_id",
             "in_gold_content"]
    pdf = pd.DataFrame(pred_out, columns=pcols).astype(
        {"cue_start": "int64", "cue_end": "int64", "n_rows": "int64", "correct": bool, "in_gold_content": bool})

    # per document
    spk = gdf["speaker_correct"]
    g_agg = pd.DataFrame({
        "doc_id": gdf["doc_id"], "n_gold": 1, "n_found": gdf["found"].astype(int),
        "n_speaker_scored": spk.notna().astype(int), "n_speaker_correct": spk.fillna(False).astype(int),
        "n_content_scored": gdf["content_f1"].notna().astype(int),
        "content_f1_sum": gdf["content_f1"].fillna(0.0)}).groupby("doc_id").sum()
    p_agg = pd.DataFrame({"doc_id": pdf["doc_id"], "n_pred": 1,
                          "n_pred_correct": pdf["correct"].astype(int)}).groupby("doc_id").sum()
    by_doc = pd.concat([g_agg, p_agg], axis=1).reindex(docs).fillna(0)
    by_doc.index.name = "doc_id"
    by_doc = by_doc.astype({c: "int64" for c in by_doc.columns if c != "content_f1_sum"})
    by_doc = by_doc[["n_gold", "n_found", "n_pred", "n_pred_correct", "n_speaker_scored",
                     "n_speaker_correct", "n_content_scored", "content_f1_sum"]]
    with np.errstate(invalid="ignore", divide="ignore"):
        by_doc["cue_recall"] = by_doc["n_found"] / by_doc["n_gold"].where(by_doc["n_gold"] > 0)
        by_doc["cue_precision"] = by_doc["n_pred_correct"] / by_doc["n_pred"].where(by_doc["n_pred"] > 0)

    # per predicted kind
    kinds = sorted(set(pdf["kind"]) | set(gdf.loc[gdf["found"], "pred_kind"]))
    kind_rows = []
    for k in kinds:
        pk = pdf[pdf["kind"] == k]
        gk = gdf[gdf["found"] & (gdf["pred_kind"] == k)]
        sk = gk["speaker_correct"]
        kind_rows.append({"kind": k, "n_pred": len(pk), "n_pred_correct": int(pk["correct"].sum()),
                          "cue_precision": _ratio(pk["correct"].sum(), len(pk)), "n_found": len(gk),
                          "n_speaker_scored": int(sk.notna().sum()),
                          "n_speaker_correct": int(sk.fillna(False).sum()),
                          "speaker_accuracy": _ratio(sk.fillna(False).sum(), sk.notna().sum()),
                          "content_f1": float(gk["content_f1"].mean()) if gk["content_f1"].notna().any()
                          else float("nan")})
    by_kind = pd.DataFrame(kind_rows, columns=["kind", "n_pred", "n_pred_correct", "cue_precision", "n_found",
                                               "n_speaker_scored", "n_speaker_correct", "speaker_accuracy",
                                               "content_f1"]).set_index("kind")

    n_gold, n_found = len(gdf), int(gdf["found"].sum())
    n_pred, n_ok = len(pdf), int(pdf["correct"].sum())
    n_spk, n_spk_ok = int(spk.notna().sum()), int(spk.fillna(False).sum())
    cf = gdf["content_f1"].dropna()
    counts = {"n_docs": len(docs), "n_gold": n_gold, "n_gold_no_cue": n_gold_no_cue, "n_found": n_found,
              "n_pred": n_pred, "n_pred_correct": n_ok, "n_pred_rows": len(p), "n_pred_no_cue": n_no_cue,
              "n_pred_unknown_doc": len(unknown), "n_speaker_scored": n_spk, "n_speaker_correct": n_spk_ok,
              "n_found_no_source": int((gdf["found"] & ~gdf["has_source"]).sum()),
              "n_content_scored": len(cf), "content_match": int((cf >= 0.5).sum()),
              "n_pred_in_gold_content": int(pdf["in_gold_content"].sum())}
    recall, precision = _ratio(n_found, n_gold), _ratio(n_ok, n_pred)
    return AttributionScore(recall, precision, _f1(precision, recall), _ratio(n_spk_ok, n_spk),
                            float(cf.mean()) if len(cf) else float("nan"), counts, gdf, pdf, by_doc, by_kind)


# --------------------------------------------------------------------------- workbench (issue 8)
#
# What `framing validate` and `framing audit` call. Token-level scores reuse the definitions
# at the top of this module; span-level scores (score_spans) are defined in their docstring
# and in reports/validation.md ("Definitions").

def bootstrap_intervals(counts: np.ndarray, metrics: Any, *, n_boot: int = 1000, seed: int = 0,
                        level: float = 0.95) -> dict[str, tuple[float, float]]:
    """Percentile-bootstrap intervals of ratio metrics computed from per-unit counts.

    ``counts`` has one row per resampling unit (a sentence, a document) and one column per
    count; ``metrics(sums)`` maps an array of column sums, shape ``(n_replicates, k)``, to a
    dict of metric arrays (NaN where undefined, left out of the percentiles). Units are
    resampled with replacement ``n_boot`` times with ``numpy.random.default_rng(seed)``.

    Example:
        >>> import numpy as np
        >>> c = np.array([[1, 2], [0, 2], [2, 2]])
        >>> ci = bootstrap_intervals(c, lambda s: {"rate": s[:, 0] / s[:, 1]}, n_boot=200, seed=1)
        >>> 0 <= ci["rate"][0] <= 0.5 <= ci["rate"][1] <= 1
        True
    """
    counts = np.asarray(counts, dtype=float)
    n = len(counts)
    names = list(metrics(counts.sum(0, keepdims=True)))
    nan2 = (float("nan"), float("nan"))
    if not n_boot or not n:
        return {k: nan2 for k in names}
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_boot, 2_000_000 // max(n, 1)))
    vals: dict[str, list[np.ndarray]] = {k: [] for k in names}
    done = 0
    while done < n_boot:
        k = min(chunk, n_boot - done)
        idx = rng.integers(0, n, size=(k, n))
        with np.errstate(invalid="ignore", divide="ignore"):
            out = metrics(counts[idx].sum(1))
        for name in names:
            vals[name].append(np.asarray(out[name], dtype=float))
        done += k
    alpha = (1 - level) / 2 * 100
    cis = {}
    for name in names:
        v = np.concatenate(vals[name])
        v = v[~np.isnan(v)]
        cis[name] = (tuple(float(x) for x in np.percentile(v, [alpha, 100 - alpha]))  # type: ignore[misc]
                     if len(v) else nan2)
    return cis


def _prf_metrics(sums: np.ndarray) -> dict[str, np.ndarray]:
    """precision/recall/F1 from sums of (precision numerator, predicted, recall numerator, gold)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(sums[:, 1] > 0, sums[:, 0] / np.where(sums[:, 1] > 0, sums[:, 1], 1), np.nan)
        r = np.where(sums[:, 3] > 0, sums[:, 2] / np.where(sums[:, 3] > 0, sums[:, 3], 1), np.nan)
        f = np.where((p + r) > 0, 2 * p * r / np.where((p + r) > 0, p + r, 1), 0.0)
    f = np.where(np.isnan(p) | np.isnan(r), np.nan, f)
    return {"precision": p, "recall": r, "f1": f}


def _row(lexicon: str, category: str, values: dict[str, float], cis: dict[str, tuple[float, float]],
         **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"lexicon": lexicon, "category": category}
    for k, v in values.items():
        out[k] = {"value": float(v), "ci": [float(cis[k][0]), float(cis[k][1])]}
    out.update(extra)
    return out


def lexicon_categories(lexicons: LexiconsArg) -> list[str]:
    """The categories of the entries of ``lexicons``, sorted (what ``categories=None`` means).

    Example:
        >>> lexicon_categories(["loaded", "label"])
        ['label', 'loaded']
    """
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    return sorted({e.category for lx in lexset.lexicons for e in lx.entries})


def score_categories(sentences: pd.DataFrame, lexicons: LexiconsArg, categories: Iterable[str] | None = None,
                     *, name: str | None = None, n_boot: int = 1000, seed: int = 0) -> list[dict[str, Any]]:
    """Token-level scores (:func:`score_tokens`) per category and for all of them together.

    One result row per category (``categories``, default every category of ``lexicons``)
    and, when there are several, a row ``category="all"`` that counts a token predicted
    when any of the categories covers it. Each row: ``lexicon`` (``name``, default the
    lexicon names joined by ``+``), ``category``, ``precision``/``recall``/``f1`` as
    ``{"value": v, "ci": [lo, hi]}`` (95% percentile bootstrap over sentences), ``n_gold``,
    ``n_pred``, ``n_tp``, ``lexicons`` (the ``name@version#hash`` stamps).

    Example:
        >>> import pandas as pd
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_records("d", [{"pattern": "mob", "category": "loaded"},
        ...                                  {"pattern": "radical", "category": "label"}])
        >>> sents = pd.DataFrame({"text": ["A radical mob.", "Calm mob."],
        ...                       "biased_words": [["mob"], []]})
        >>> rows = score_categories(sents, lex, n_boot=0)
        >>> [(r["category"], r["precision"]["value"], r["recall"]["value"]) for r in rows]
        [('label', 0.0, 0.0), ('loaded', 0.5, 1.0), ('all', 0.3333333333333333, 1.0)]
    """
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    cats = list(categories) if categories is not None else lexicon_categories(lexset)
    label = name or "+".join(lx.name for lx in lexset.lexicons)
    stamps = " ".join(lexset.stamps().values())
    selections = [(c, [c]) for c in cats] + ([("all", cats)] if len(cats) > 1 else [])
    rows = []
    for cat, sel in selections:
        s = score_tokens(sentences, lexset, sel, n_boot=n_boot, seed=seed)
        rows.append(_row(label, cat, {k: s[k] for k in ("precision", "recall", "f1")},
                         {k: s[f"{k}_ci"] for k in ("precision", "recall", "f1")},
                         n_gold=s["n_gold"], n_pred=s["n_pred"], n_tp=s["n_tp"], lexicons=stamps))
    return rows


def _span_label_match(spans: pd.DataFrame, label: str) -> np.ndarray:
    if "/" in label:
        cat, sub = label.split("/", 1)
        return ((spans["category"] == cat) & (spans["subcategory"] == sub)).to_numpy()
    return (spans["category"] == label).to_numpy()


def span_counts(gold: pd.DataFrame, pred: pd.DataFrame, label: str,
                docs: Iterable[str] | None = None) -> pd.DataFrame:
    """Per document: ``n_pred, n_pred_correct, n_gold, n_found`` for one label (see :func:`score_spans`).

    Example:
        >>> import pandas as pd
        >>> gold = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [5], "label": ["loaded"]})
        >>> pred = pd.DataFrame({"doc_id": ["a", "a"], "start": [2, 9], "end": [4, 12],
        ...                      "category": ["loaded", "loaded"], "subcategory": ["", ""]})
        >>> span_counts(gold, pred, "loaded").values.tolist()
        [[2, 1, 1, 1]]
    """
    g = gold[(gold["label"] == label).to_numpy()]
    p = pred[_span_label_match(pred, label)] if len(pred) else pred
    doc_list = (list(dict.fromkeys(str(d) for d in docs)) if docs is not None
                else list(dict.fromkeys([*map(str, g["doc_id"]), *map(str, p["doc_id"])])))
    g_by = {d: list(zip(x["start"].tolist(), x["end"].tolist())) for d, x in g.groupby(g["doc_id"].astype(str))}
    p_by = {d: list(zip(x["start"].tolist(), x["end"].tolist())) for d, x in p.groupby(p["doc_id"].astype(str))}
    rows = []
    for d in doc_list:
        gs, ps = g_by.get(d, []), p_by.get(d, [])
        hit = (lambda a, bs: any(min(a[1], b[1]) > max(a[0], b[0]) for b in bs))
        rows.append((len(ps), sum(hit(x, gs) for x in ps), len(gs), sum(hit(x, ps) for x in gs)))
    out = pd.DataFrame(rows, columns=["n_pred", "n_pred_correct", "n_gold", "n_found"],
                       index=pd.Index(doc_list, name="doc_id"), dtype="int64")
    return out


def score_spans(gold: pd.DataFrame, pred: pd.DataFrame, *, labels: Iterable[str] | None = None,
                docs: Iterable[str] | None = None, name: str = "", n_boot: int = 1000,
                seed: int = 0) -> list[dict[str, Any]]:
    """Span-level precision, recall and F1 per gold label, against your own gold spans.

    **Definitions** (also in ``reports/validation.md``, "Definitions"):

    * Gold spans: ``doc_id, start, end, label`` (character offsets into the article text,
      end exclusive), e.g. from :func:`framing.datasets.read_gold_spans`. Predicted spans:
      the :func:`framing.find_spans` table.
    * A predicted span *counts for* label ``L`` when its ``category`` equals ``L`` (or,
      for a label ``"category/subcategory"``, both parts equal). Other predicted spans are
      ignored for ``L``.
    * Two spans *overlap* when they share at least one character in the same document.
    * **Precision** for ``L`` = predicted spans of ``L`` overlapping at least one gold span
      of ``L`` / predicted spans of ``L``; **recall** = gold spans of ``L`` overlapped by at
      least one predicted span of ``L`` / gold spans of ``L``; **F1** their harmonic mean.
      Not one-to-one: two predictions inside one gold span are both correct, and one
      prediction across two gold spans finds both. A span's length does not matter.
    * Micro-averaged over documents; the ``all`` row sums the counts of every label (each
      span counted for its own label). Documents: ``docs`` if given (articles without gold
      count; their predictions are false positives), else those of ``gold``.
    * 95% intervals: percentile bootstrap over documents (:func:`bootstrap_intervals`).

    Returns:
        One row per label (sorted) and an ``all`` row when there are several: ``lexicon``
        (``name``), ``category`` (the label), ``precision``/``recall``/``f1`` as
        ``{"value", "ci"}``, ``n_gold``, ``n_pred``, ``n_found``, ``n_pred_correct``.

    Example:
        >>> import pandas as pd
        >>> gold = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 20], "end": [5, 25],
        ...                      "label": ["loaded", "loaded"]})
        >>> pred = pd.DataFrame({"doc_id": ["a", "a", "a"], "start": [1, 3, 40], "end": [3, 6, 44],
        ...                      "category": ["loaded"] * 3, "subcategory": [""] * 3})
        >>> r = score_spans(gold, pred, n_boot=0)[0]
        >>> r["precision"]["value"], r["recall"]["value"], r["n_pred_correct"], r["n_found"]
        (0.6666666666666666, 0.5, 2, 1)
    """
    doc_list = (list(dict.fromkeys(str(d) for d in docs)) if docs is not None
                else list(dict.fromkeys(gold["doc_id"].astype(str))))
    labs = sorted(set(labels) if labels is not None else set(gold["label"].astype(str)))
    per_label = {lab: span_counts(gold, pred, lab, doc_list) for lab in labs}
    selections = [(lab, [lab]) for lab in labs] + ([("all", labs)] if len(labs) > 1 else [])
    rows = []
    for lab, sel in selections:
        c = sum(per_label[x] for x in sel) if sel else span_counts(gold.iloc[:0], pred.iloc[:0], "", doc_list)
        arr = c[["n_pred_correct", "n_pred", "n_found", "n_gold"]].to_numpy()
        vals = {k: float(v[0]) for k, v in _prf_metrics(arr.sum(0, keepdims=True)).items()}
        cis = bootstrap_intervals(arr, _prf_metrics, n_boot=n_boot, seed=seed)
        rows.append(_row(name, lab, vals, cis, n_gold=int(c["n_gold"].sum()), n_pred=int(c["n_pred"].sum()),
                         n_found=int(c["n_found"].sum()), n_pred_correct=int(c["n_pred_correct"].sum())))
    return rows


def attribution_rows(score: AttributionScore, *, name: str = "attribution", n_boot: int = 1000,
                     seed: int = 0) -> list[dict[str, Any]]:
    """The scores of :func:`score_attributions` as result rows with bootstrap intervals over documents.

    Rows: ``cue`` (precision, recall, F1), ``speaker`` (``accuracy``), ``content``
    (``f1``: mean character-level F1), each ``{"value", "ci"}``, with their counts.

    Example:
        >>> import pandas as pd
        >>> g = pd.DataFrame({"doc_id": ["d"], "cue_start": [3], "cue_end": [7]})
        >>> rows = attribution_rows(score_attributions(g.copy(), g), n_boot=0)
        >>> [r["category"] for r in rows], rows[0]["recall"]["value"]
        (['cue', 'speaker', 'content'], 1.0)
    """
    bd = score.by_doc
    cue = bd[["n_pred_correct", "n_pred", "n_found", "n_gold"]].to_numpy()
    cue_ci = bootstrap_intervals(cue, _prf_metrics, n_boot=n_boot, seed=seed)
    spk = bd[["n_speaker_correct", "n_speaker_scored"]].to_numpy()
    spk_ci = bootstrap_intervals(spk, lambda s: {"accuracy": np.where(s[:, 1] > 0, s[:, 0] / np.maximum(s[:, 1], 1),
                                                                      np.nan)}, n_boot=n_boot, seed=seed)
    con = bd[["content_f1_sum", "n_content_scored"]].to_numpy(dtype=float)
    con_ci = bootstrap_intervals(con, lambda s: {"f1": np.where(s[:, 1] > 0, s[:, 0] / np.maximum(s[:, 1], 1),
                                                                np.nan)}, n_boot=n_boot, seed=seed)
    c = score.counts
    return [
        _row(name, "cue", {"precision": score.cue_precision, "recall": score.cue_recall, "f1": score.cue_f1},
             cue_ci, n_gold=c["n_gold"], n_pred=c["n_pred"], n_found=c["n_found"],
             n_pred_correct=c["n_pred_correct"]),
        _row(name, "speaker", {"accuracy": score.speaker_accuracy}, spk_ci,
             n_scored=c["n_speaker_scored"], n_correct=c["n_speaker_correct"]),
        _row(name, "content", {"f1": score.content_f1}, con_ci, n_scored=c["n_content_scored"],
             n_match=c["content_match"]),
    ]


# --------------------------------------------------------------------------- audit of entries

def select_entries(lexicons: LexiconsArg, terms: Iterable[str]) -> pd.DataFrame:
    """The lexicon entries a term selects: entries whose pattern equals the term or matches it
    as a shell glob (``accus*`` selects ``accused``, ``accusation``, and the entry ``accus*``),
    case-insensitive. A term that selects no entry becomes its own ad-hoc entry (lexicon
    ``(term)``, category ``term``), so a candidate word can be audited before it is added.

    Returns:
        Columns ``lexicon, category, subcategory, entry, term`` (one row per entry).

    Example:
        >>> select_entries("loaded", ["zzz-not-there"])[["lexicon", "entry"]].values.tolist()
        [['(term)', 'zzz-not-there']]
    """
    import fnmatch

    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    rows = []
    for term in terms:
        t = term.lower()
        found = [(lx.name, e.category, e.subcategory, e.pattern.lower(), term)
                 for lx in lexset.lexicons for e in lx.entries
                 if e.pattern.lower() == t or fnmatch.fnmatchcase(e.pattern.lower(), t)]
        rows += found or [("(term)", "term", "", t, term)]
    out = pd.DataFrame(rows, columns=["lexicon", "category", "subcategory", "entry", "term"])
    return out.drop_duplicates(["lexicon", "entry"]).reset_index(drop=True)


def _term_lexset(lexicons: LexiconsArg, selected: pd.DataFrame) -> LexiconSet:
    """The lexicons plus an ad-hoc lexicon holding the selected terms that are no entry."""
    from .lexicon import Lexicon

    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    adhoc = selected[selected["lexicon"] == "(term)"]
    if not len(adhoc):
        return lexset
    extra = Lexicon.from_records("(term)", [{"pattern": p, "category": "term"} for p in adhoc["entry"]])
    return LexiconSet([*lexset.lexicons, extra])


def audit_entries(lexicons: LexiconsArg, *, articles: Any = None, gold: pd.DataFrame | None = None,
                  terms: Iterable[str] | None = None) -> pd.DataFrame:
    """Per lexicon entry: hits in ``articles`` and token-level precision against ``gold``.

    ``terms``: only the entries they select (:func:`select_entries`); ``None``: every entry
    with a hit. ``hits``/``docs``: spans of the entry in ``articles`` and the articles they are
    in. With ``gold`` (a sentences table with ``biased_words``, :func:`framing.datasets.read_babe`):
    ``gold_hits`` (spans in the gold sentences), ``gold_pred_tokens`` (tokens the entry
    predicts there; a token covered by two entries goes to the first span, as in
    :func:`token_table`), ``gold_tp_tokens`` (of those, gold) and ``precision`` (their ratio,
    NaN without a token).

    Example:
        >>> import pandas as pd
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_records("d", [{"pattern": "mob", "category": "loaded"}])
        >>> gold = pd.DataFrame({"text": ["A mob.", "Mob rule."], "biased_words": [["mob"], []]})
        >>> a = audit_entries(lex, gold=gold)
        >>> a[["entry", "gold_hits", "gold_tp_tokens", "precision"]].values.tolist()
        [['mob', 2, 1, 0.5]]
    """
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    selected = select_entries(lexset, terms) if terms is not None else None
    if selected is not None:
        lexset = _term_lexset(lexset, selected)
    key = ["lexicon", "category", "entry"]
    parts = []
    if articles is not None:
        sp = find_spans(articles, lexset, progress=False)
        sp = sp[sp["lexicon"] != "framing.text"] if "lexicon" in sp else sp
        parts.append(sp.groupby(key).agg(hits=("doc_id", "size"), docs=("doc_id", "nunique")))
    if gold is not None:
        g = _check(gold)
        sp = find_spans(g[["text"]], lexset, progress=False)
        cats = lexicon_categories(lexset)
        sp = sp[sp["category"].isin(cats)]
        parts.append(sp.groupby(key).agg(gold_hits=("doc_id", "size")))
        t = token_table(g, lexset, cats)
        t = t[t["pred"]]
        lex_of = dict(zip(zip(sp["category"], sp["entry"]), sp["lexicon"]))
        t = t.assign(lexicon=[lex_of.get((c, e), "") for c, e in zip(t["category"], t["entry"])])
        parts.append(t.groupby(key).agg(gold_pred_tokens=("gold", "size"), gold_tp_tokens=("gold", "sum")))
    cols = ["hits", "docs"] * (articles is not None) + (["gold_hits", "gold_pred_tokens", "gold_tp_tokens"]
                                                       if gold is not None else [])
    out = pd.concat(parts, axis=1) if parts else pd.DataFrame(columns=cols)
    out = out.reindex(columns=cols).fillna(0).astype("int64")
    out.index = out.index.set_names(key) if len(out) else pd.MultiIndex.from_tuples([], names=key)
    out = out.reset_index()
    if selected is not None:
        sel = selected[key].copy()
        out = sel.merge(out, on=key, how="left").fillna({c: 0 for c in cols})
        out[cols] = out[cols].astype("int64")
    if gold is not None:
        out["precision"] = [_ratio(tp, n) for tp, n in zip(out["gold_tp_tokens"], out["gold_pred_tokens"])]
    return out.reset_index(drop=True)


def worst_entries(audit: pd.DataFrame, n: int = 20, *, min_hits: int = 5) -> pd.DataFrame:
    """The entries to fix first: at least ``min_hits`` predicted gold tokens, lowest precision
    first (ties: more predicted tokens first), the first ``n``.

    Example:
        >>> import pandas as pd
        >>> a = pd.DataFrame({"entry": ["a", "b", "c"], "gold_pred_tokens": [10, 50, 2],
        ...                   "gold_tp_tokens": [1, 5, 0], "precision": [0.1, 0.1, 0.0]})
        >>> worst_entries(a, 2)["entry"].tolist()
        ['b', 'a']
    """
    if "precision" not in audit.columns:
        raise ValueError("worst entries need precision against gold (pass gold=)")
    a = audit[audit["gold_pred_tokens"] >= min_hits]
    return a.sort_values(["precision", "gold_pred_tokens"], ascending=[True, False],
                         kind="stable").head(n).reset_index(drop=True)


def kwic_sample(articles: Any, lexicons: LexiconsArg, terms: Iterable[str], *, n: int = 20, seed: int = 0,
                window: int = 60) -> pd.DataFrame:
    """A seeded random sample of at most ``n`` hits per selected entry, in context, for review.

    Entries as :func:`select_entries`; hits as :func:`framing.find_spans` reports them
    (longest-match rule included). For each entry (in the order selected) ``n`` hits are
    drawn without replacement by one ``numpy.random.default_rng(seed)``, then listed in
    text order. Columns ``lexicon, category, entry, doc_id, start, end, left, hit, right,
    voice, judgement`` (``judgement`` empty, for the reviewer).

    Example:
        >>> texts = [f"Doc {i}: they accused him." for i in range(30)]
        >>> a = kwic_sample(texts, "attribution", ["accused"], n=3, seed=1)
        >>> b = kwic_sample(texts, "attribution", ["accused"], n=3, seed=1)
        >>> len(a), a.equals(b), a["hit"].unique().tolist()
        (3, True, ['accused'])
    """
    from .spans import as_articles

    df = as_articles(articles)
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    selected = select_entries(lexset, terms)
    lexset = _term_lexset(lexset, selected)
    sp = find_spans(df, lexset, progress=False)
    order = {d: i for i, d in enumerate(df.index.astype(str))}
    rng = np.random.default_rng(seed)
    texts = dict(zip(df.index.astype(str), df["text"]))
    rows = []
    groups = {k: g for k, g in sp.groupby(["lexicon", "entry"], sort=False)}
    for lex, cat, entry in selected[["lexicon", "category", "entry"]].itertuples(index=False):
        g = groups.get((lex, entry))
        if g is None or not len(g):
            continue
        pick = np.sort(rng.choice(len(g), size=min(n, len(g)), replace=False))
        chosen = g.iloc[pick]
        chosen = chosen.iloc[sorted(range(len(chosen)),
                                    key=lambda i: (order.get(str(chosen["doc_id"].iloc[i]), 0),
                                                   int(chosen["start"].iloc[i])))]
        for r in chosen.itertuples(index=False):
            text = texts[str(r.doc_id)]
            rows.append({"lexicon": lex, "category": cat, "entry": entry, "doc_id": r.doc_id,
                         "start": int(r.start), "end": int(r.end),
                         "left": text[max(0, r.start - window):r.start].replace("\n", " "),
                         "hit": text[r.start:r.end],
                         "right": text[r.end:r.end + window].replace("\n", " "),
                         "voice": r.voice, "judgement": ""})
    return pd.DataFrame(rows, columns=["lexicon", "category", "entry", "doc_id", "start", "end", "left",
                                       "hit", "right", "voice", "judgement"])


def propose_entries(sentences: pd.DataFrame, lexicons: LexiconsArg = ("loaded", "label"), *,
                    top: int = 30, min_count: int = 3) -> pd.DataFrame:
    """Candidate lexicon entries from annotated sentences: the words annotators mark as biased
    far more often than the rest of the text, that no entry of ``lexicons`` covers yet.

    The first step of the honest improvement loop of issue 8: run it on the **train** part
    only (:func:`apply_split`), read the candidates in context (``framing audit``), and add
    only those a person would defend, each with a note; then score the test part once. Words
    are ranked by the z-score of the log-odds ratio of "gold" tokens against all other tokens
    with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008; :func:`framing.log_odds`).

    Args:
        sentences: ``text`` and ``biased_words`` columns (e.g. :func:`framing.read_babe`).
        lexicons: the lexicons whose spans count as covered.
        top: how many candidates.
        min_count: leave out words marked fewer times than this.

    Returns:
        ``term, count_gold, count_other, z``, best first; only words with ``z > 0`` that no
        span of ``lexicons`` covered anywhere in ``sentences``.

    Example:
        >>> s = pd.DataFrame({"text": ["The sly plan.", "A sly move.", "A sly deal.", "The plan."],
        ...                   "biased_words": [["sly"], ["sly"], ["sly"], []]})
        >>> propose_entries(s, "naming", min_count=2)["term"].tolist()
        ['sly']
    """
    from .compare import log_odds

    table = token_table(sentences, lexicons)
    covered = set(table.loc[table["pred"], "token"])
    gold = table.loc[table["gold"], "token"].value_counts()
    other = table.loc[~table["gold"], "token"].value_counts()
    counts = pd.DataFrame({"gold": gold, "other": other}).fillna(0).astype("int64").T
    if counts.empty or not counts.loc["gold"].sum():
        return pd.DataFrame(columns=["term", "count_gold", "count_other", "z"])
    lo = log_odds(counts)
    lo = lo[(lo["group"] == "gold") & (lo["count_group"] >= min_count) & (lo["z"] > 0)
            & ~lo["term"].isin(covered)]
    out = lo.sort_values(["z", "term"], ascending=[False, True]).head(top)
    return pd.DataFrame({"term": out["term"].to_numpy(), "count_gold": out["count_group"].to_numpy(),
                         "count_other": out["count_rest"].to_numpy(), "z": out["z"].round(3).to_numpy()})
