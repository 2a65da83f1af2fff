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

from .attribution import SOURCING_COLUMNS, Attributor, sourcing_row
from .spans import LexiconSet, LexiconsArg, _iter_analyses, as_articles, map_chunks

__all__ = ["score", "feature_columns"]

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
          n_jobs: int = 1, sourcing: bool = True, sentiment: bool = False) -> pd.DataFrame:
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

    Example:
        >>> t = score(["He said it.", 'She claimed the cuts were a disaster. The "reform" passed.'])
        >>> t[["tokens", "attribution_neutral_n", "attribution_distancing_n", "scare_quote_n"]].values.tolist()
        [[3, 1, 0, 0], [10, 0, 1, 1]]
    """
    if sentiment:
        from .sentiment import sentiment as by_voice

        articles = as_articles(articles)  # read once (an iterator of texts too)
        out = score(articles, lexicons, progress=progress, n_jobs=n_jobs, sourcing=sourcing)
        extra = by_voice(articles, progress=progress, n_jobs=n_jobs)  # same articles, same order
        joined = out.assign(**{c: extra[c].to_numpy() for c in extra.columns})
        joined.attrs = out.attrs
        return joined
    df = as_articles(articles)
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    if n_jobs > 1:
        func = score if sourcing else partial(score, sourcing=False)
        out = pd.concat(map_chunks(func, df, lexset, n_jobs, progress))
        out.attrs["lexicons"] = lexset.stamps()
        return out
    layout = _Layout(lexset)
    at = Attributor(lexset) if sourcing and lexset.attribution is not None else None
    heads = at.titles(df) if at is not None else None
    ncat, nst, nsg = len(layout.categories), len(layout.stances), len(layout.signals)
    scare = ncat - 1
    rows = []
    ids = []
    for doc_id, _text, a in _iter_analyses(df, lexset, progress):
        n_tok = len(a.tokens.starts)
        tok_quoted = a.voice[a.tokens.starts] if n_tok else np.zeros(0, dtype=bool)
        q_tok = int(tok_quoted.sum())
        counts = np.zeros((ncat, 2), dtype=np.float64)  # [:, 0] narrator, [:, 1] quoted
        stance = np.zeros(nst)
        signal = np.zeros(nsg)
        for li, m in enumerate(a.matches):
            if not len(m.start):
                continue
            cat = layout.entry_cat[li][m.entry]
            quoted = a.voice[m.start].astype(np.int64)
            np.add.at(counts, (cat, quoted), 1)
            st = layout.entry_stance[li][m.entry]
            np.add.at(stance, st[st >= 0], 1)
            sg = layout.entry_signal[li][m.entry]
            np.add.at(signal, sg[sg >= 0], 1)
        counts[scare, 0] += len(a.scare)
        row = [n_tok, len(a.sentences), len(a.quotes.start), int((~a.quotes.closed).sum()),
               n_tok - q_tok, q_tok, q_tok / n_tok if n_tok else np.nan]
        total = counts.sum(axis=1)
        all_rate = _per_1k(total, n_tok)
        nar_rate = _per_1k(counts[:, 0], n_tok - q_tok)
        quo_rate = _per_1k(counts[:, 1], q_tok)
        for c in range(ncat):
            row += [total[c], all_rate[c], counts[c, 0], nar_rate[c], counts[c, 1], quo_rate[c]]
        row += stance.tolist() + signal.tolist()
        if at is not None:
            title, ta = next(heads)
            row += sourcing_row(at.rows(_text, a),
                                at.rows(title, ta, headline=True) if title is not None else None)
        rows.append(row)
        ids.append(doc_id)
    columns = layout.columns() + (list(SOURCING_COLUMNS) if at is not None else [])
    out = pd.DataFrame(rows, columns=columns, index=pd.Index(ids, name="doc_id"), dtype="float64")
    counts = [c for c in out.columns if c.endswith("_n") or c in _INT_COLUMNS]
    out = out.astype({c: "int64" for c in counts}).copy()  # copy() consolidates the blocks
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
