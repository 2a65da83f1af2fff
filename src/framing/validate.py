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
    "gold_forms",
    "make_split",
    "read_split",
    "score_attributions",
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
