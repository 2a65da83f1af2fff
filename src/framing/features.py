"""Per-article framing features: counts and rates per category and voice.

:func:`score` turns articles into one row each (index ``doc_id``):

* ``tokens``, ``sentences``, ``quotes``, ``unclosed_quotes``, ``narrator_tokens``,
  ``quoted_tokens``, ``quoted_share`` (share of tokens inside quotations);
* per category ``c`` of the lexicons (``loaded``, ``label``, ``naming``, ``attribution``,
  ``hedge``, ``booster``, ``anonymous_source``, plus ``scare_quote``): ``c_n`` and
  ``c_per_1k`` over all tokens, and ``c_narrator_n``/``c_narrator_per_1k`` and
  ``c_quoted_n``/``c_quoted_per_1k``, whose denominators are the tokens **in that voice**
  (so an outlet's own loaded-word rate is not diluted by long quotations). A rate whose
  voice has no tokens is NaN, not 0: an article without quotations has no quoted rate;
* per attribution stance ``s`` (the attribution lexicon's subcategories): ``attribution_s_n``;
* per naming signal ``g`` (the naming lexicon's ``signals`` column, e.g.
  ``russian_transliteration``): ``naming_g_n``, the naming-choice tallies.

With ``frames=True`` (:func:`frames` returns only these columns), the article's **frame
profile** over the 14 generic frames of the Policy Frames Codebook (Boydstun, Card, Gross,
Resnik & Smith 2014; framing as selecting and making salient some aspects of an issue,
Entman 1993), from the built-in ``frames`` lexicon (added to the lexicons if missing):
``frame_<id>_per_1k`` (hits of frame ``id`` per 1,000 tokens of the text, both voices),
``frame_<id>_share`` (its share of all frame hits; NaN when there are none), ``frame_hits_n``,
``dominant_frame`` (the rule in :func:`dominant_frame`) and ``dominant_frame_title`` (the
headline's frame: the frame with most hits in the title, ties joined by ``+``; ``none``
without a frame cue; missing when the article has no title).

Rates per 1,000 tokens are the unit of dictionary-based text analysis (LIWC reports
percentages of words; Pennebaker et al. 2015); tokens are those of :mod:`framing.tokenize`.
The table's ``attrs["lexicons"]`` holds each lexicon's ``name@version#hash``.

:class:`framing.transformer.FramingFeatures` wraps :func:`score` as a scikit-learn
transformer, so framing features go into a ``Pipeline`` next to TF-IDF or any model (it lives
in its own module so that the command line need not import scikit-learn).

Example:
    >>> import framing
    >>> row = framing.score(['Kiev "slammed" the cruel plan, officials said.']).iloc[0]
    >>> int(row["loaded_n"]), int(row["naming_n"]), int(row["anonymous_source_n"])
    (2, 1, 1)
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from .attribution import SOURCING_COLUMNS, Attributor
from .spans import LexiconSet, LexiconsArg, _iter_analyses, as_articles, iter_titles, map_chunks

__all__ = ["score", "feature_columns", "frames", "dominant_frame", "FRAME_IDS", "FRAME_COLUMNS"]

VOICES = ("narrator", "quoted")
_INT_COLUMNS = ("tokens", "sentences", "quotes", "unclosed_quotes", "narrator_tokens", "quoted_tokens")


class _Layout:
    """Where each lexicon entry's hit goes in the feature row (computed once per LexiconSet)."""

    def __init__(self, lexset: LexiconSet):
        cats: list[str] = []
        for lex in lexset.lexicons:
            for e in lex.entries:
                if e.category not in cats:
                    cats.append(e.category)
        cats.append("scare_quote")
        self.categories = cats
        self.entry_cat = [np.array([cats.index(e.category) for e in lex.entries], dtype=np.int64)
                          for lex in lexset.lexicons]
        self.stances: list[str] = []
        self.signals: list[str] = []
        self.entry_stance: list[np.ndarray] = []
        self.entry_signal: list[np.ndarray] = []
        for lex in lexset.lexicons:
            st = np.full(len(lex.entries), -1, dtype=np.int64)
            sg = np.full(len(lex.entries), -1, dtype=np.int64)
            for k, e in enumerate(lex.entries):
                if e.category == "attribution" and e.subcategory:
                    if e.subcategory not in self.stances:
                        self.stances.append(e.subcategory)
                    st[k] = self.stances.index(e.subcategory)
                signal = e.extra.get("signals")
                if e.category == "naming" and signal:
                    if signal not in self.signals:
                        self.signals.append(signal)
                    sg[k] = self.signals.index(signal)
            self.entry_stance.append(st)
            self.entry_signal.append(sg)
        # every entry of every lexicon in one numbering (entry k of lexicon li is
        # base[li] + k), with its bin: category * 2 + voice, stance or signal (-1 -> the
        # last bin, dropped), so that one bincount per article counts all lexicons
        self.base = np.concatenate(([0], np.cumsum([len(x) for x in self.entry_cat]))).astype(np.int64)
        self.cat_bin = np.concatenate(self.entry_cat + [np.zeros(0, np.int64)]) * 2
        stance = np.concatenate(self.entry_stance + [np.zeros(0, np.int64)])
        signal = np.concatenate(self.entry_signal + [np.zeros(0, np.int64)])
        self.stance_bin = np.where(stance >= 0, stance, len(self.stances))
        self.signal_bin = np.where(signal >= 0, signal, len(self.signals))

    def count(self, a: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Hits of one analysis per category and voice (``[:, 0]`` narrator, ``[:, 1]``
        quoted; scare quotes in the narrator's), per stance and per naming signal."""
        found = [(m.start, m.entry + self.base[li]) for li, m in enumerate(a.matches) if len(m.start)]
        ncat = len(self.categories)
        if found:
            starts = np.concatenate([f[0] for f in found])
            ids = np.concatenate([f[1] for f in found])
            counts = np.bincount(self.cat_bin[ids] + a.voice[starts], minlength=2 * ncat)
            stance = np.bincount(self.stance_bin[ids], minlength=len(self.stances) + 1)[:-1]
            signal = np.bincount(self.signal_bin[ids], minlength=len(self.signals) + 1)[:-1]
        else:
            counts = np.zeros(2 * ncat, dtype=np.int64)
            stance = np.zeros(len(self.stances), dtype=np.int64)
            signal = np.zeros(len(self.signals), dtype=np.int64)
        counts = counts.reshape(ncat, 2).astype(np.float64)
        counts[ncat - 1, 0] += len(a.scare)
        return counts, stance.astype(np.float64), signal.astype(np.float64)

    def columns(self) -> list[str]:
        cols = ["tokens", "sentences", "quotes", "unclosed_quotes", "narrator_tokens",
                "quoted_tokens", "quoted_share"]
        for c in self.categories:
            cols += [f"{c}_n", f"{c}_per_1k"]
            for v in VOICES:
                cols += [f"{c}_{v}_n", f"{c}_{v}_per_1k"]
        cols += [f"attribution_{s}_n" for s in self.stances]
        cols += [f"naming_{g}_n" for g in self.signals]
        return cols


def _per_1k(n: np.ndarray, tokens: float) -> np.ndarray:
    return n * (1000.0 / tokens) if tokens else np.full(n.shape, np.nan)


def score(articles: Any, lexicons: LexiconsArg = None, *, progress: bool | None = None,
          n_jobs: int = 1, sourcing: bool = True, sentiment: bool = False,
          frames: bool = False) -> pd.DataFrame:
    """One row of framing features per article (columns in the module docstring).

    Args:
        articles: an articles table, texts, or one text.
        lexicons: as in :func:`framing.find_spans`.
        progress: a progress bar (``None``: from 2,000 articles on).
        n_jobs: worker processes; the result is the same as with one, in input order.
        sourcing: add the sourcing features of :func:`framing.quotes` (attributions,
            speakers, stances, source types, headline stance; see
            :func:`framing.attribution.sourcing_row`) when the lexicons include
            ``attribution``.
        sentiment: add the VADER sentiment by voice of :func:`framing.sentiment`
            (``sentiment_*`` columns; off by default: VADER is the slowest step).
        frames: add the frame profile (:data:`FRAME_COLUMNS`: rates and shares of the 14
            frames of Boydstun et al. 2014, ``frame_hits_n``, ``dominant_frame``,
            ``dominant_frame_title``; see the module docstring). The built-in ``frames``
            lexicon joins the lexicons when none of them has category ``frame``; the
            profile comes from the same analysis as the other columns.

    Example:
        >>> t = score(["He said it.", 'She claimed the cuts were a disaster. The "reform" passed.'])
        >>> t[["tokens", "attribution_neutral_n", "attribution_distancing_n", "scare_quote_n"]].values.tolist()
        [[3, 1, 0, 0], [10, 0, 1, 1]]
    """
    if sentiment:
        from .sentiment import sentiment as by_voice

        articles = as_articles(articles)  # read once (an iterator of texts too)
        out = score(articles, lexicons, progress=progress, n_jobs=n_jobs, sourcing=sourcing,
                    frames=frames)
        extra = by_voice(articles, progress=progress, n_jobs=n_jobs)  # same articles, same order
        joined = out.assign(**{c: extra[c].to_numpy() for c in extra.columns})
        joined.attrs = out.attrs
        return joined
    df = as_articles(articles)
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    if frames:
        lexset = _with_frames(lexset)
    if n_jobs > 1:
        func = score if sourcing else partial(score, sourcing=False)
        if frames:
            func = partial(func, frames=True)
        out = pd.concat(map_chunks(func, df, lexset, n_jobs, progress))
        out.attrs["lexicons"] = lexset.stamps()
        return out
    layout = _Layout(lexset)
    at = Attributor(lexset) if sourcing and lexset.attribution is not None else None
    heads = at.titles(df) if at is not None else None
    ncat = len(layout.categories)
    fmap = _frame_map(lexset) if frames else None
    fheads = (heads if heads is not None else _titles(df, lexset)) if frames else None
    frame_rows: list[list[Any]] = []
    rows = []
    ids = []
    for doc_id, _text, a in _iter_analyses(df, lexset, progress):
        n_tok = len(a.tokens.starts)
        tok_quoted = a.voice[a.tokens.starts] if n_tok else np.zeros(0, dtype=bool)
        q_tok = int(tok_quoted.sum())
        counts, stance, signal = layout.count(a)  # counts[:, 0] narrator, [:, 1] quoted
        row = [n_tok, len(a.sentences), len(a.quotes.start), int((~a.quotes.closed).sum()),
               n_tok - q_tok, q_tok, q_tok / n_tok if n_tok else np.nan]
        total = counts.sum(axis=1)
        per_cat = np.empty((ncat, 6))
        per_cat[:, 0] = total
        per_cat[:, 1] = _per_1k(total, n_tok)
        per_cat[:, 2] = counts[:, 0]
        per_cat[:, 3] = _per_1k(counts[:, 0], n_tok - q_tok)
        per_cat[:, 4] = counts[:, 1]
        per_cat[:, 5] = _per_1k(counts[:, 1], q_tok)
        row += per_cat.ravel().tolist()
        row += stance.tolist() + signal.tolist()
        title = ta = None
        if at is not None:
            title, ta = next(heads)
            row += at.sourcing(_text, a, title, ta)
        elif fheads is not None:
            title, ta = next(fheads)
        if fmap is not None:
            frame_rows.append(_frame_row(fmap, a, n_tok, ta, _title_of(df, len(rows)), _text))
        rows.append(row)
        ids.append(doc_id)
    columns = layout.columns() + (list(SOURCING_COLUMNS) if at is not None else [])
    out = pd.DataFrame(rows, columns=columns, index=pd.Index(ids, name="doc_id"), dtype="float64")
    counts = [c for c in out.columns if c.endswith("_n") or c in _INT_COLUMNS]
    out = out.astype({c: "int64" for c in counts}).copy()  # copy() consolidates the blocks
    if fmap is not None:
        out = pd.concat([out, _frame_table(frame_rows, out.index)], axis=1)
    out.attrs["lexicons"] = lexset.stamps()
    return out


def feature_columns(lexicons: LexiconsArg = None, *, kind: str = "rates", voice: bool = True) -> list[str]:
    """The columns of :func:`score` that :class:`FramingFeatures` emits.

    ``kind`` is ``"rates"`` (``*_per_1k`` plus ``quoted_share``), ``"counts"`` (``*_n``) or
    ``"both"``; ``voice=False`` drops the narrator/quoted splits.

    Example:
        >>> feature_columns("hedge")[:3]
        ['quoted_share', 'hedge_per_1k', 'hedge_narrator_per_1k']
    """
    if kind not in ("rates", "counts", "both"):
        raise ValueError(f"kind must be 'rates', 'counts' or 'both', not {kind!r}")
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    cols = _Layout(lexset).columns()
    if lexset.attribution is not None:
        cols += list(SOURCING_COLUMNS)
    keep = []
    for c in cols:
        if c in ("tokens", "sentences", "quotes", "unclosed_quotes", "narrator_tokens", "quoted_tokens"):
            continue
        if not voice and any(f"_{v}_" in c for v in VOICES):
            continue
        is_rate = c.endswith("_per_1k") or c.endswith("_share")
        if kind == "both" or (kind == "rates") == is_rate:
            keep.append(c)
    return keep


# --- frame profile (issue 9) -------------------------------------------------------------

#: The 14 frame ids of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik & Smith
#: 2014), in the codebook's order: the subcategories of the built-in ``frames`` lexicon.
FRAME_IDS: tuple[str, ...] = (
    "economic", "capacity_and_resources", "morality", "fairness_and_equality",
    "legality_constitutionality_and_jurisprudence", "policy_prescription_and_evaluation",
    "crime_and_punishment", "security_and_defense", "health_and_safety", "quality_of_life",
    "cultural_identity", "public_opinion", "political", "external_regulation_and_reputation",
)

#: The columns ``score(..., frames=True)`` adds, in order.
FRAME_COLUMNS: tuple[str, ...] = (
    *(f"frame_{f}_per_1k" for f in FRAME_IDS), *(f"frame_{f}_share" for f in FRAME_IDS),
    "frame_hits_n", "dominant_frame", "dominant_frame_title",
)

#: A leading frame must lead every other frame by at least this share of all frame hits
#: (and by at least one hit) to be the only dominant frame.
DOMINANT_MARGIN = 0.1
#: ... and have at least this many hits.
DOMINANT_MIN_HITS = 2


def dominant_frame(counts: Any, *, min_hits: int = DOMINANT_MIN_HITS,
                   margin: float = DOMINANT_MARGIN) -> str:
    """The dominant frame(s) of an article from its hits per frame (:data:`FRAME_IDS` order).

    The rule: the frame with most hits is dominant when it has at least ``min_hits`` hits
    and leads every other frame by at least ``max(1, margin * all frame hits)`` hits.
    Otherwise the frames within that lead of the top one (and with ``min_hits`` hits or
    more) are listed, joined by ``+`` in :data:`FRAME_IDS` order: a tie. With fewer than
    ``min_hits`` hits on every frame the answer is ``none``: one cue does not make a frame
    (Entman 1993: a frame is an emphasis, so it needs repetition; frames of Boydstun et al.
    2014). Rates per 1,000 tokens rank the frames of one article as hits do (same
    denominator), so hits are compared.

    Example:
        >>> dominant_frame([3, 1] + [0] * 12)
        'economic'
        >>> dominant_frame([3, 3] + [0] * 12)
        'economic+capacity_and_resources'
        >>> dominant_frame([1, 1] + [0] * 12)
        'none'
    """
    n = np.asarray(counts, dtype=np.float64)
    if len(n) != len(FRAME_IDS):
        raise ValueError(f"expected {len(FRAME_IDS)} counts (one per frame), got {len(n)}")
    top = n.max() if len(n) else 0.0
    if top < min_hits:
        return "none"
    lead = max(1.0, margin * n.sum())
    near = [f for f, k in zip(FRAME_IDS, n) if k >= min_hits and k > top - lead]
    return "+".join(near)


def _title_frame(counts: np.ndarray) -> str:
    """The headline's frame: most hits (one is enough), ties joined by ``+``; ``none``."""
    top = counts.max()
    if top < 1:
        return "none"
    return "+".join(f for f, k in zip(FRAME_IDS, counts) if k == top)


def _with_frames(lexset: LexiconSet) -> LexiconSet:
    """The lexicon set, with the built-in ``frames`` lexicon added if no lexicon has frames."""
    if any("frame" in lex.category_counts() for lex in lexset.lexicons):
        return lexset
    return LexiconSet([*lexset.lexicons, "frames"])


def _frame_map(lexset: LexiconSet) -> list[np.ndarray]:
    """Per lexicon, each entry's frame number (index into FRAME_IDS), -1 if not a frame cue."""
    out = []
    for lex in lexset.lexicons:
        m = np.full(len(lex.entries), -1, dtype=np.int64)
        for k, e in enumerate(lex.entries):
            if e.category == "frame" and e.subcategory in FRAME_IDS:
                m[k] = FRAME_IDS.index(e.subcategory)
        out.append(m)
    return out


def _frame_counts(fmap: list[np.ndarray], a: Any, limit: int | None = None) -> np.ndarray:
    counts = np.zeros(len(FRAME_IDS))
    for li, m in enumerate(a.matches):
        if not len(m.start):
            continue
        fr = fmap[li][m.entry]
        keep = fr >= 0
        if limit is not None:
            keep &= m.end <= limit
        counts += np.bincount(fr[keep], minlength=len(FRAME_IDS))
    return counts


def _title_of(df: pd.DataFrame, i: int) -> Any:
    return df["title"].iat[i] if "title" in df.columns else None


def _titles(df: pd.DataFrame, lexset: LexiconSet) -> Any:
    """Each headline and its analysis (:func:`framing.spans.iter_titles`); used when score
    runs without the sourcing features."""
    return iter_titles(df, lexset)


def _frame_row(fmap: list[np.ndarray], a: Any, n_tok: int, ta: Any, title: Any, text: str) -> list[Any]:
    counts = _frame_counts(fmap, a)
    total = counts.sum()
    rates = _per_1k(counts, n_tok)
    shares = counts / total if total else np.full(counts.shape, np.nan)
    if ta is not None:
        head = _title_frame(_frame_counts(fmap, ta))
    elif isinstance(title, str) and title.strip() and isinstance(text, str) and text.startswith(title.strip()):
        head = _title_frame(_frame_counts(fmap, a, limit=len(title.strip())))  # headline inside the text
    else:
        head = None
    return [*rates.tolist(), *shares.tolist(), int(total), dominant_frame(counts), head]


def _frame_table(rows: list[list[Any]], index: pd.Index) -> pd.DataFrame:
    cols = list(FRAME_COLUMNS)
    if not rows:
        out = pd.DataFrame({c: pd.Series([], dtype="float64") for c in cols}, index=index)
    else:
        out = pd.DataFrame(rows, columns=cols, index=index)
    out["frame_hits_n"] = out["frame_hits_n"].astype("int64")
    for c in ("dominant_frame", "dominant_frame_title"):
        out[c] = out[c].astype("object")
    return out


def frames(articles: Any, *, progress: bool | None = None, n_jobs: int = 1,
           lexicon: Any = "frames") -> pd.DataFrame:
    """The frame profile of each article: which aspects of an issue it makes salient
    (Entman 1993), over the 14 frames of the Policy Frames Codebook (Boydstun, Card,
    Gross, Resnik & Smith 2014).

    One row per article (index ``doc_id``): ``tokens`` and the :data:`FRAME_COLUMNS` of
    :func:`score` (``frame_<id>_per_1k``, ``frame_<id>_share``, ``frame_hits_n``,
    ``dominant_frame``, ``dominant_frame_title``); the same values as
    ``score(articles, frames=True)``, computed with the frames lexicon alone.

    Args:
        articles: an articles table (a ``title`` column gives ``dominant_frame_title``),
            texts, or one text.
        progress: a progress bar (``None``: from 2,000 articles on).
        n_jobs: worker processes; the result is the same as with one.
        lexicon: the frame lexicon (a built-in name, path or Lexicon; subcategories must be
            frame ids).

    Example:
        >>> t = frames(["Taxes and jobs: the economy. Voters in the polls."])
        >>> r = t.loc["0"]
        >>> float(r["frame_economic_share"]), int(r["frame_hits_n"]), r["dominant_frame"]
        (0.6, 5, 'economic')
    """
    out = score(articles, [lexicon], progress=progress, n_jobs=n_jobs, sourcing=False, frames=True)
    table = out[["tokens", *FRAME_COLUMNS]].copy()
    table.attrs = out.attrs
    return table
