"""A small trained tagger of attribution cues, to find the cues a lexicon cannot list.

PolNeAR (Newell, Margolin & Ruths 2018, "An Attribution Relations Corpus for Political
News", LREC 2018), annotated in the PARC 3.0 scheme (Pareti 2016, "PARC 3.0: A Corpus of
Attribution Relations", LREC 2016), marks as the *cue* of an attribution far more than the
reporting verbs of the ``attribution`` lexicon: "negotiated", "has identified", "voted
down", "is not sure", "were sick of", "joked about", "according to", a colon. This module
learns, from such a corpus, which tokens are cue tokens, following the token-classification
approach of cue detection with a linear model over lexical and contextual features (Pareti,
O'Keefe, Konstas, Curran & Koprinska 2013, "Automatically Detecting and Attributing Indirect
Quotations", EMNLP 2013; Scheible, Klinger & Padó 2016, "Model Architectures for Quotation
Detection", ACL 2016).

* Tokens are those of :func:`framing.tokenize.tokenize` (with their character offsets).
* A token's label is 1 when it shares a character with a gold cue fragment.
* Features (:func:`token_features`): the lowercased word, a crude stem, its suffixes and
  shape; the two words before and after, their shapes and the bigrams with the word; the
  punctuation between the tokens (``,``, ``:``, a quotation mark, a paragraph break);
  whether the token is in quoted voice (:func:`framing.text.voice_mask`); whether "that",
  a colon or a quotation mark follows within a few tokens; whether the previous word is a
  pronoun or capitalised; the ``attribution`` lexicon hit on the token with its stance and
  how many lexicon cues come earlier in the sentence; the position in the sentence
  (:func:`framing.text.sentence_spans`) and whether a quotation ends before it there.
* The classifier is scikit-learn's ``LogisticRegression`` (L2) over a feature vocabulary
  of the features seen at least ``min_count`` times in training.
* Decoding: runs of tokens whose probability is at least ``threshold``, separated only by
  spaces, are one cue span (:func:`decode_spans`).

The weights are learnt from a corpus with no licence (PolNeAR), so none ship with the
project: train them on your own machine with ``benchmarks/train_cue_model.py``, which saves
the model to :func:`default_model_path`. The saved file is plain JSON (the feature settings,
every feature with its weight, the bias and the threshold), readable by eye; no pickle.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"text": ["Smith said it was over.", "Jones told reporters no."] * 4},
    ...                     index=[f"d{i}" for i in range(8)])
    >>> gold = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)],
    ...                      "cue_fragments": [[(6, 10)], [(6, 10)]] * 4})
    >>> m = train_cue_model(arts, gold, min_count=1, threshold=0.5)
    >>> m.predict(pd.DataFrame({"text": ["Brown said no."]}, index=["x"]))[["doc_id", "start", "end"]].values.tolist()
    [['x', 6, 10]]
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from .spans import ArticleAnalysis, LexiconSet, analyse_batch, as_articles

__all__ = [
    "CueModel",
    "FEATURE_VERSION",
    "decode_spans",
    "default_model_path",
    "FUNCTION_WORDS",
    "drop_function_spans",
    "featurize_corpus",
    "fit_tokens",
    "token_features",
    "token_labels",
    "train_cue_model",
]

#: Version of the feature templates; a saved model with another version is refused.
FEATURE_VERSION = 1
_FORMAT = "framing-cue-model"

_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "who", "which", "that",
                       "this", "these", "those", "someone", "everyone", "many", "some", "others"})
_QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'`"
#: Words that are almost never a cue by themselves in PolNeAR train (e.g. "has" 4 times
#: as a whole cue, against hundreds of times as the first word of one such as "has said"):
#: a decoded span made only of these is dropped (:func:`drop_function_spans`).
FUNCTION_WORDS = frozenset({
    "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being", "am",
    "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must",
    "also", "not", "to", "about", "just", "still", "already", "now", "then", "and", "the", "a"})
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def default_model_path() -> Path:
    """Where :func:`train_cue_model`'s model is saved and looked for by default.

    ``$FRAMING_CACHE/cue_model.json`` when the ``FRAMING_CACHE`` environment variable is set,
    else ``$XDG_CACHE_HOME/framing/cue_model.json`` or ``~/.cache/framing/cue_model.json``.
    Nothing is created by this function.

    Example:
        >>> default_model_path().name
        'cue_model.json'
    """
    base = os.environ.get("FRAMING_CACHE")
    if base:
        return Path(base).expanduser() / "cue_model.json"
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return root / "framing" / "cue_model.json"


# --------------------------------------------------------------------------- features

def _shape(tok: str) -> str:
    if tok[0].isdigit():
        return "d"
    if tok.isupper() and len(tok) > 1:
        return "X"
    if tok[0].isupper():
        return "Xx"
    return "x"


def _gap_class(gap: str) -> str:
    """The punctuation between two tokens, compacted: spaces dropped, quotation marks as
    ``Q``, a line break as ``P``; ``_`` for plain space."""
    if "\n" in gap:
        return "P"
    g = _SPACE_RE.sub("", gap)
    if not g:
        return "_"
    g = "".join("Q" if c in _QUOTE_CHARS else c for c in g)
    return g[:3]


def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def _bucket(n: int) -> str:
    return str(n) if n < 3 else ("3-5" if n < 6 else ("6-10" if n < 11 else "11+"))


def _analyses(texts: Sequence[str], lexset: LexiconSet, batch_chars: int = 1 << 20
              ) -> Iterable[ArticleAnalysis]:
    batch: list[str] = []
    size = 0
    for t in texts:
        batch.append(t)
        size += len(t)
        if size >= batch_chars:
            yield from analyse_batch(batch, lexset)
            batch, size = [], 0
    if batch:
        yield from analyse_batch(batch, lexset)


def _lexset() -> LexiconSet:
    return LexiconSet(["attribution"])


def token_features(text: str, analysis: ArticleAnalysis | None = None,
                   lexset: LexiconSet | None = None) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """The tokens of ``text`` and the feature strings of each (the templates of the module
    docstring).

    Args:
        text: one article text.
        analysis: its :func:`framing.spans.analyse` result with the ``attribution`` lexicon
            (computed when not given).
        lexset: the lexicon set to analyse with (default: the ``attribution`` lexicon).

    Returns:
        ``(starts, ends, features)``: token offsets and, per token, a list of strings such as
        ``"w=said"``, ``"w-1=she"``, ``"lex=neutral"``.

    Example:
        >>> s, e, f = token_features('She said: "No."')
        >>> [int(x) for x in s], "w=said" in f[1], "lex=neutral" in f[1], "g+=:Q" in f[1], "inq" in f[2]
        ([0, 4, 11], True, True, True, True)
    """
    lexset = lexset or _lexset()
    a = analysis if analysis is not None else next(iter(_analyses([text], lexset)))
    return _features(text, a, lexset)


def _features(text: str, a: ArticleAnalysis, lexset: LexiconSet
              ) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    S, E = a.tokens.starts, a.tokens.ends
    n = len(S)
    if n == 0:
        return S, E, []
    Sl, El = S.tolist(), E.tolist()
    raw = [text[s:e] for s, e in zip(Sl, El)]
    low = [r.lower().replace("\u2019", "'") for r in raw]
    shp = [_shape(r) for r in raw]
    tail = text[El[-1]:]
    gaps = [_gap_class(text[El[i]:Sl[i + 1]]) for i in range(n - 1)] + [
        _gap_class(tail) if tail.strip() else "END"]
    # lexicon hits per token: stance and B/I position
    lex_tag = [""] * n
    idx = lexset.attribution if lexset.attribution is not None else 0
    m = a.matches[idx]
    entries = lexset.lexicons[idx].entries
    lex_first = np.zeros(n, dtype=bool)
    if len(m.start):
        t0 = np.searchsorted(S, m.start, side="left")
        t1 = np.searchsorted(S, m.end, side="left")
        for a0, a1, ent in zip(t0.tolist(), t1.tolist(), m.entry.tolist()):
            e = entries[ent]
            stance = e.subcategory or "none"
            weak = "w" if e.weight < 1 else ""
            for t in range(a0, min(a1, n)):
                lex_tag[t] = ("B" if t == a0 else "I") + weak + ":" + stance
            if a0 < n:
                lex_first[a0] = True
    # sentence of each token, position in sentence, lexicon cues earlier in the sentence
    sents = a.sentences
    if len(sents):
        sid = np.searchsorted(sents[:, 0], S, side="right") - 1
    else:
        sid = np.zeros(n, dtype=np.int64)
    sid_l = sid.tolist()
    first_of = {}
    last_of = {}
    for i, s in enumerate(sid_l):
        first_of.setdefault(s, i)
        last_of[s] = i
    cues_before = np.zeros(n, dtype=np.int64)
    that_before = [False] * n
    run = 0
    seen_that = False
    for i in range(n):
        if i and sid_l[i] != sid_l[i - 1]:
            run = 0
            seen_that = False
        cues_before[i] = run
        that_before[i] = seen_that
        if lex_first[i]:
            run += 1
        if low[i] == "that":
            seen_that = True
    # quoted voice and quotations ending before the token in its sentence
    voice = a.voice
    inq = voice[S].tolist() if len(voice) else [False] * n
    q_end = a.quotes.end
    q_before = np.zeros(n, dtype=bool)
    q_after = np.zeros(n, dtype=bool)
    if len(q_end) and len(sents):
        k = np.searchsorted(q_end, S, side="right") - 1  # last quotation ending at/before token
        sent_start = sents[np.maximum(sid, 0), 0]
        q_before = (k >= 0) & (q_end[np.maximum(k, 0)] > sent_start) & (k >= 0)
        q_start = a.quotes.start
        kk = np.searchsorted(q_start, E, side="left")  # first quotation starting after token
        sent_end = sents[np.maximum(sid, 0), 1]
        q_after = (kk < len(q_start)) & (q_start[np.minimum(kk, len(q_start) - 1)] < sent_end)
    q_before_l = q_before.tolist()
    q_after_l = q_after.tolist()

    def w(i: int) -> str:
        return low[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    def sh(i: int) -> str:
        return shp[i] if 0 <= i < n else "-"

    out: list[list[str]] = []
    for i in range(n):
        w0 = low[i]
        s_first, s_last = first_of[sid_l[i]], last_of[sid_l[i]]
        # the sentence boundary hides the neighbours of other sentences
        wm1 = w(i - 1) if i - 1 >= s_first else "<s>"
        wm2 = w(i - 2) if i - 2 >= s_first else "<s>"
        wp1 = w(i + 1) if i + 1 <= s_last else "</s>"
        wp2 = w(i + 2) if i + 2 <= s_last else "</s>"
        lt = lex_tag[i]
        f = [
            "w=" + w0, "stem=" + _stem(w0), "suf2=" + w0[-2:], "suf3=" + w0[-3:],
            "sh=" + shp[i], "w-1=" + wm1, "w-2=" + wm2, "w+1=" + wp1, "w+2=" + wp2,
            "w-1w=" + wm1 + "|" + w0, "ww+1=" + w0 + "|" + wp1,
            "sh-1=" + (sh(i - 1) if i - 1 >= s_first else "<s>"),
            "sh+1=" + (sh(i + 1) if i + 1 <= s_last else "</s>"),
            "g-=" + (gaps[i - 1] if i else "BEG"), "g+=" + gaps[i],
            "g--=" + (gaps[i - 2] if i > 1 else "BEG"), "g++=" + (gaps[i + 1] if i + 1 < n else "END"),
            "pos=" + _bucket(i - s_first), "posend=" + _bucket(s_last - i),
            "lex=" + (lt.split(":")[1] if lt else "O"), "lexbio=" + (lt.split(":")[0] if lt else "O"),
            "lexprev=" + _bucket(int(cues_before[i])) + ("|hit" if lt else "|no"),
        ]
        if inq[i]:
            f.append("inq")
            f.append("inq|w=" + w0)
            if lt:
                f.append("inq|lex")
        if q_before_l[i]:
            f.append("qbefore")
        if q_after_l[i]:
            f.append("qafter")
        if that_before[i]:
            f.append("thatprev|" + ("hit" if lt else "no"))
        if i - 3 >= s_first:
            f.append("win-3=" + low[i - 3])
        if i + 3 <= s_last:
            f.append("win+3=" + low[i + 3])
        if wm1 in _PRONOUNS:
            f.append("prevpron")
        if i - 1 >= s_first and shp[i - 1] == "Xx":
            f.append("prevcap")
        for d in (1, 2, 3):
            j = i + d
            if j > s_last:
                break
            if low[j] == "that":
                f.append("that+")
                break
        if any(("Q" in gaps[j] or ":" in gaps[j]) for j in range(i, min(i + 3, s_last + 1))):
            f.append("qcolon+")
        out.append(f)
    return S, E, out


def token_labels(starts: np.ndarray, ends: np.ndarray, fragments: Iterable[tuple[int, int]]) -> np.ndarray:
    """1 for each token sharing at least one character with a fragment, else 0.

    Example:
        >>> token_labels(np.array([0, 4, 9]), np.array([3, 8, 12]), [(4, 6), (11, 20)]).tolist()
        [0, 1, 1]
    """
    y = np.zeros(len(starts), dtype=np.int8)
    if not len(starts):
        return y
    for s, e in fragments:
        if e <= s:
            continue
        a0 = int(np.searchsorted(ends, s, side="right"))  # first token ending after s
        a1 = int(np.searchsorted(starts, e, side="left"))  # tokens starting before e
        y[a0:a1] = 1
    return y


def decode_spans(text: str, starts: Sequence[int] | np.ndarray, ends: Sequence[int] | np.ndarray,
                 positive: Sequence[bool] | np.ndarray,
                 scores: Sequence[float] | np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """Join runs of positive tokens separated only by spaces into spans.

    Two positive tokens are one span when the text between them is only spaces or tabs (no
    punctuation, no line break). A span's score is the mean of its tokens' scores (1.0 when
    no scores are given).

    Returns:
        ``[(start, end, score), ...]`` in text order.

    Example:
        >>> t = "He voted down it, said: no"
        >>> decode_spans(t, [0, 3, 9, 14, 18, 24], [2, 8, 13, 16, 22, 26], [0, 1, 1, 0, 1, 0])
        [(3, 13, 1.0), (18, 22, 1.0)]
    """
    out: list[tuple[int, int, float]] = []
    cur: list[int] = []
    S = [int(x) for x in starts]
    E = [int(x) for x in ends]
    pos = [bool(x) for x in positive]
    sc = [float(x) for x in scores] if scores is not None else [1.0] * len(S)

    def flush() -> None:
        if cur:
            out.append((S[cur[0]], E[cur[-1]], float(np.mean([sc[k] for k in cur]))))
            cur.clear()

    for i, p in enumerate(pos):
        if not p:
            flush()
            continue
        if cur and not (text[E[cur[-1]]:S[i]].strip(" \t") == "" and S[i] > E[cur[-1]]):
            flush()
        cur.append(i)
    flush()
    return out


def _function_only(span_text: str) -> bool:
    words = _WORD_RE.findall(span_text.lower().replace("\u2019", "'"))
    return all(w in FUNCTION_WORDS for w in words)


def drop_function_spans(spans: pd.DataFrame, articles: Any) -> pd.DataFrame:
    """Drop the spans made only of :data:`FUNCTION_WORDS` ("has", "is", "to", "also" ...).

    Args:
        spans: ``doc_id, start, end`` (and any other columns), offsets into ``text``.
        articles: the articles table they index into (or texts, as for ``predict``).

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"text": ["He has said so."]}, index=["a"])
        >>> sp = pd.DataFrame({"doc_id": ["a", "a"], "start": [3, 3], "end": [6, 11]})
        >>> drop_function_spans(sp, arts)[["start", "end"]].values.tolist()
        [[3, 11]]
    """
    if spans.empty:
        return spans
    texts = as_articles(articles)["text"]
    texts.index = texts.index.astype(str)
    keep = [not _function_only(texts[str(d)][int(s):int(e)])
            for d, s, e in zip(spans["doc_id"], spans["start"], spans["end"])]
    return spans[np.asarray(keep, dtype=bool)].reset_index(drop=True)


# --------------------------------------------------------------------------- the model

@dataclass
class CueModel:
    """A trained cue tagger: feature weights, a bias and a decision threshold.

    Create one with :func:`train_cue_model` or :meth:`load`; ``predict`` gives cue spans that
    :func:`framing.attribution.quotes` takes as ``cue_spans``.

    ``threshold`` is the default decision threshold; ``thresholds`` optionally maps the name
    of a downstream system to the threshold chosen for it (``benchmarks/train_cue_model.py``
    stores ``"rules"``, for ``quotes(..., cue_spans=...)``, and ``"rules_nested_false"``, for
    ``quotes(..., cue_spans=..., nested=False)``); :meth:`threshold_for` reads it.

    Example:
        >>> m = CueModel(features=["w=said"], weights=[4.0], bias=-2.0, threshold=0.5)
        >>> import pandas as pd
        >>> m.predict(pd.DataFrame({"text": ["She said no."]}, index=["a"])).values.tolist()
        [['a', 4, 8, 0.8807970779778823]]
    """

    features: list[str]
    weights: list[float] | np.ndarray
    bias: float
    threshold: float = 0.5
    params: dict[str, Any] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.thresholds = {str(k): float(v) for k, v in (self.thresholds or {}).items()}
        self.weights = np.asarray(self.weights, dtype=np.float64)
        if len(self.weights) != len(self.features):
            raise ValueError(f"{len(self.features)} features but {len(self.weights)} weights")
        self._index = {f: k for k, f in enumerate(self.features)}

    def threshold_for(self, variant: str | None = None) -> float:
        """The threshold chosen for ``variant`` (a key of ``thresholds``); ``threshold`` when
        ``variant`` is None or has no threshold of its own (e.g. a model saved before
        ``thresholds`` existed).

        Example:
            >>> m = CueModel(["w=said"], [1.0], 0.0, threshold=0.25, thresholds={"rules_nested_false": 0.2})
            >>> m.threshold_for("rules_nested_false"), m.threshold_for("rules"), m.threshold_for()
            (0.2, 0.25, 0.25)
        """
        if variant is None:
            return float(self.threshold)
        return float(self.thresholds.get(variant, self.threshold))

    # ------------------------------------------------------------------ scoring
    def token_scores(self, text: str, analysis: ArticleAnalysis | None = None,
                     lexset: LexiconSet | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token offsets and the probability that each token is part of a cue.

        Example:
            >>> m = CueModel(features=["w=said"], weights=[4.0], bias=-2.0)
            >>> s, e, p = m.token_scores("She said")
            >>> [round(float(x), 3) for x in p]
            [0.119, 0.881]
        """
        S, E, feats = token_features(text, analysis, lexset)
        return S, E, self._proba(feats)

    def _proba(self, feats: list[list[str]]) -> np.ndarray:
        idx = self._index
        w = self.weights
        z = np.full(len(feats), self.bias)
        for i, f in enumerate(feats):
            ks = [idx[x] for x in f if x in idx]
            if ks:
                z[i] += w[ks].sum()
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, articles: Any, *, threshold: float | None = None) -> pd.DataFrame:
        """Cue spans in the articles' texts, as :func:`framing.attribution.quotes` takes them.

        Args:
            articles: an articles table (``text``, index ``doc_id``), texts, or one text.
            threshold: token probability from which a token is a cue token (default: the
                model's ``threshold``, chosen on the training data).

        Returns:
            One row per span: ``doc_id, start, end, score`` (offsets into ``text``; the
            score is the mean token probability). Spans of :func:`decode_spans` made only
            of :data:`FUNCTION_WORDS` are left out.

        Example:
            >>> m = CueModel(features=["w=told"], weights=[5.0], bias=-3.0)
            >>> m.predict(["They told us."])[["start", "end"]].values.tolist()
            [[5, 9]]
        """
        df = as_articles(articles)
        thr = self.threshold if threshold is None else float(threshold)
        lexset = _lexset()
        rows: list[tuple[str, int, int, float]] = []
        texts = df["text"].fillna("").astype(str).tolist()
        for doc_id, text, a in zip(df.index.astype(str), texts, _analyses(texts, lexset)):
            S, E, feats = _features(text, a, lexset)
            if not feats:
                continue
            p = self._proba(feats)
            for s, e, sc in decode_spans(text, S, E, p >= thr, p):
                if not _function_only(text[s:e]):
                    rows.append((doc_id, s, e, sc))
        out = pd.DataFrame(rows, columns=["doc_id", "start", "end", "score"])
        out["start"] = out["start"].astype("int64")
        out["end"] = out["end"].astype("int64")
        out["score"] = out["score"].astype("float64")
        return out

    # ------------------------------------------------------------------ persistence
    def top_features(self, n: int = 20) -> pd.DataFrame:
        """The ``n`` largest and ``n`` smallest weights, to read what the model learnt.

        Example:
            >>> CueModel(["w=said", "w=the"], [3.0, -1.0], 0.0).top_features(1).values.tolist()
            [['w=said', 3.0], ['w=the', -1.0]]
        """
        order = np.argsort(-self.weights)
        keep = list(order[:n]) + [k for k in order[::-1][:n] if k not in set(order[:n])][::-1]
        return pd.DataFrame({"feature": [self.features[k] for k in keep],
                             "weight": [float(self.weights[k]) for k in keep]})

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON-ready data (see :meth:`save`).

        Example:
            >>> sorted(CueModel(["w=said"], [1.0], 0.0).to_dict())
            ['bias', 'feature_version', 'format', 'info', 'params', 'threshold', 'thresholds', 'weights']
        """
        return {"format": _FORMAT, "feature_version": FEATURE_VERSION, "threshold": float(self.threshold),
                "thresholds": {k: float(v) for k, v in self.thresholds.items()},
                "bias": float(self.bias), "params": self.params, "info": self.info,
                "weights": {f: round(float(w), 6) for f, w in zip(self.features, self.weights)}}

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model as JSON (settings, threshold(s), bias, ``{feature: weight}``).

        The parent directory is created. Returns the path written.

        Example:
            >>> import tempfile
            >>> p = CueModel(["w=said"], [1.5], -1.0, 0.4).save(Path(tempfile.mkdtemp()) / "m.json")
            >>> CueModel.load(p).threshold
            0.4
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0), encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> "CueModel":
        """Read a model written by :meth:`save` (default: :func:`default_model_path`).

        Raises ``FileNotFoundError`` with how to train one when the file is missing, and
        ``ValueError`` for a file of another format or feature version. A file without
        ``thresholds`` (written before it existed) loads with an empty map.

        Example:
            >>> import tempfile
            >>> p = CueModel(["w=said"], [1.5], -1.0).save(Path(tempfile.mkdtemp()) / "m.json")
            >>> CueModel.load(p).features
            ['w=said']
        """
        path = Path(path) if path is not None else default_model_path()
        if not path.exists():
            raise FileNotFoundError(f"no cue model at {path}: train one with "
                                    "'python benchmarks/train_cue_model.py' (needs PolNeAR)")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ValueError(f"{path}: not a framing cue model")
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{path}: feature version {data.get('feature_version')}, this framing "
                             f"uses {FEATURE_VERSION}: retrain with benchmarks/train_cue_model.py")
        wts = data["weights"]
        return cls(features=list(wts), weights=list(wts.values()), bias=float(data["bias"]),
                   threshold=float(data["threshold"]), params=data.get("params", {}),
                   info=data.get("info", {}), thresholds=data.get("thresholds") or {})


# --------------------------------------------------------------------------- training

def _gold_fragments(attributions: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    if "cue_fragments" in attributions.columns:
        for d, frs in zip(attributions["doc_id"].astype(str), attributions["cue_fragments"]):
            if isinstance(frs, (list, tuple)):
                out.setdefault(d, []).extend((int(s), int(e)) for s, e in frs)
    elif {"cue_start", "cue_end"} <= set(attributions.columns):
        for d, s, e in zip(attributions["doc_id"].astype(str), attributions["cue_start"], attributions["cue_end"]):
            if pd.notna(s) and pd.notna(e):
                out.setdefault(d, []).append((int(s), int(e)))
    else:
        raise ValueError("attributions need cue_fragments or cue_start/cue_end (see read_polnear)")
    return out


def featurize_corpus(articles: pd.DataFrame, attributions: pd.DataFrame | None = None
                     ) -> tuple[Any, list[str], np.ndarray, np.ndarray]:
    """Features of every token of every article as a sparse matrix, with labels.

    Returns:
        ``(X, names, labels, doc_index)``: ``X`` a CSR matrix of 0/1 (one row per token of
        the whole corpus, one column per feature string in ``names``), ``labels`` (all 0
        when ``attributions`` is None) and the position of each token's article.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"text": ["She said no."]}, index=["a"])
        >>> gold = pd.DataFrame({"doc_id": ["a"], "cue_fragments": [[(4, 8)]]})
        >>> X, names, y, d = featurize_corpus(arts, gold)
        >>> X.shape[0], y.tolist(), d.tolist(), "w=said" in names
        (3, [0, 1, 0], [0, 0, 0], True)
    """
    from scipy.sparse import csr_matrix

    df = as_articles(articles)
    frags = _gold_fragments(attributions) if attributions is not None else {}
    lexset = _lexset()
    index: dict[str, int] = {}
    cols: list[np.ndarray] = []
    lens: list[int] = []
    ys: list[np.ndarray] = []
    docs: list[np.ndarray] = []
    texts = df["text"].fillna("").astype(str).tolist()
    for k, (doc_id, text, a) in enumerate(zip(df.index.astype(str), texts, _analyses(texts, lexset))):
        S, E, f = _features(text, a, lexset)
        for tok in f:
            cols.append(np.fromiter((index.setdefault(x, len(index)) for x in tok), dtype=np.int32))
            lens.append(len(tok))
        ys.append(token_labels(S, E, frags.get(doc_id, [])))
        docs.append(np.full(len(f), k, dtype=np.int64))
    indptr = np.zeros(len(lens) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(lens)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int32)
    X = csr_matrix((np.ones(len(col), dtype=np.float64), col, indptr), shape=(len(lens), len(index)))
    X.sum_duplicates()
    X.data[:] = 1.0
    names = [""] * len(index)
    for x, j in index.items():
        names[j] = x
    y = np.concatenate(ys) if ys else np.zeros(0, dtype=np.int8)
    d = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
    return X, names, y, d


def fit_tokens(X: Any, names: Sequence[str], y: np.ndarray, *, C: float = 0.5, min_count: int = 2,
               max_iter: int = 200) -> tuple[list[str], np.ndarray, float]:
    """Fit the logistic regression on a token matrix of :func:`featurize_corpus`, keeping
    the features seen in at least ``min_count`` tokens: ``(features, weights, bias)``.

    Example:
        >>> from scipy.sparse import csr_matrix
        >>> X = csr_matrix(np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]]))
        >>> names, w, b = fit_tokens(X, ["w=said", "w=the", "w=a"], np.array([1, 0, 1, 0]), min_count=1, C=10)
        >>> names[int(np.argmax(w))]
        'w=said'
    """
    from sklearn.linear_model import LogisticRegression

    y = np.asarray(y)
    if len(set(y.tolist())) < 2:
        raise ValueError("training needs both cue and non-cue tokens")
    counts = np.asarray((X != 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(counts >= min_count)
    Xk = X[:, keep]
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=max_iter)
    clf.fit(Xk, y)
    return [names[k] for k in keep.tolist()], clf.coef_[0].copy(), float(clf.intercept_[0])


def train_cue_model(articles: pd.DataFrame, attributions: pd.DataFrame, *, C: float = 0.5,
                    min_count: int = 2, threshold: float = 0.5, max_iter: int = 200,
                    info: dict[str, Any] | None = None) -> CueModel:
    """Train a cue tagger on annotated articles such as PolNeAR's (``read_polnear``'s tables).

    Each token of :func:`framing.tokenize.tokenize` is labelled 1 when it shares a character
    with a gold cue fragment; a logistic regression (scikit-learn, liblinear, L2 penalty
    ``1/C``) learns the features of :func:`token_features` seen at least ``min_count``
    times. Choose ``threshold`` on the training data (``benchmarks/train_cue_model.py`` does it
    with cross-validation over articles), never on the evaluation split.

    Args:
        articles: the articles table (``text``, index ``doc_id``).
        attributions: gold attributions with ``doc_id`` and ``cue_fragments`` (list of
            ``(start, end)``) or ``cue_start``/``cue_end``.
        C: inverse regularisation strength.
        min_count: features seen fewer times are dropped.
        threshold: the decision threshold stored in the model.
        max_iter: iterations of the solver.
        info: extra provenance to store in the model (e.g. the corpus and split).

    Returns:
        A :class:`CueModel`.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"text": ["Ann said yes.", "Bob added no.", "A dog ran."] * 3},
        ...                     index=[f"d{i}" for i in range(9)])
        >>> gold = pd.DataFrame({"doc_id": ["d0", "d1", "d3", "d4", "d6", "d7"],
        ...                      "cue_start": [4, 4] * 3, "cue_end": [8, 9] * 3})
        >>> m = train_cue_model(arts, gold, min_count=1, C=5)
        >>> m.predict(["Cy said so."])[["start", "end"]].values.tolist()
        [[3, 7]]
    """
    import time

    t0 = time.perf_counter()
    X, all_names, y, _ = featurize_corpus(articles, attributions)
    names, w, b = fit_tokens(X, all_names, y, C=C, min_count=min_count, max_iter=max_iter)
    lex = _lexset()
    meta = {"n_articles": int(len(as_articles(articles))), "n_tokens": int(len(y)),
            "n_cue_tokens": int(np.sum(y)), "seconds": round(time.perf_counter() - t0, 1),
            "lexicon": lex.stamps().get("attribution", ""), **(info or {})}
    return CueModel(features=names, weights=w, bias=b, threshold=threshold,
                    params={"C": C, "min_count": min_count, "max_iter": max_iter}, info=meta)
