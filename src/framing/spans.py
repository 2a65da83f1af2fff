"""Spans: every lexicon match and scare quote of every article, with offsets, sentence and voice.

:func:`find_spans` runs the pipeline's middle for a table of articles: segment each text
(:mod:`framing.text`: sentences, quotations, voice), match the lexicons (:mod:`framing.match`)
and write one row per match (DESIGN.md, "Spans"): ``doc_id, start, end, text, lexicon,
category, subcategory, entry, sentence, voice`` plus ``weight``. ``start``/``end`` index into
the article's ``text`` exactly as loaded; ``text`` is ``article_text[start:end]``; ``voice``
is ``narrator`` (the outlet's own words) or ``quoted`` (inside a quotation, judged at the
span's first character). Scare quotes (short quotations with no attribution cue nearby;
:func:`framing.text.scare_quotes`) are spans of lexicon ``text`` and category
``scare_quote``; their voice is ``narrator``, because putting words in scare quotes is the
outlet's own device.

Separating the two voices is what dictionary tools such as LIWC (Pennebaker et al. 2015)
or quanteda dictionaries do not do, and what media-bias research needs: quoting a charge is
reporting, using the word in the outlet's voice is making it (cf. Recasens, Danescu-
Niculescu-Mizil & Jurafsky 2013, "Linguistic models for analyzing and detecting biased
language", ACL, on framing vs epistemological bias).

Example:
    >>> import framing
    >>> spans = framing.find_spans("NATO has continued to claim that Kiev's forces are pawns.")
    >>> spans[["text", "category", "subcategory", "voice"]].values.tolist()[:2]
    [['continued to claim', 'attribution', 'distancing', 'narrator'], ['Kiev', 'naming', 'kyiv_kiev', 'narrator']]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Union

import numpy as np
import pandas as pd

from . import text as seg
from .lexicon import Lexicon, load_lexicon
from .match import Matcher
from .schema import SPAN_COLUMNS
from .tokenize import TokenArrays, tokenize

__all__ = [
    "DEFAULT_LEXICONS",
    "ArticleAnalysis",
    "LexiconSet",
    "analyse",
    "as_articles",
    "find_spans",
]

#: The built-in lexicons used when none are named.
DEFAULT_LEXICONS: tuple[str, ...] = ("loaded", "label", "naming", "attribution", "hedge", "booster",
                                     "anonymous_source")

LexiconsArg = Union[None, str, Lexicon, Sequence[Union[str, Lexicon]], "LexiconSet"]


class LexiconSet:
    """Lexicons loaded and compiled once, to reuse across calls (and across processes).

    Example:
        >>> ls = LexiconSet(["loaded", "attribution"])
        >>> [lex.name for lex in ls.lexicons], ls.stamps()["loaded"].startswith("loaded@")
        (['loaded', 'attribution'], True)
    """

    def __init__(self, lexicons: LexiconsArg = None):
        if isinstance(lexicons, LexiconSet):
            lexicons = lexicons.lexicons
        if lexicons is None:
            lexicons = list(DEFAULT_LEXICONS)
        if isinstance(lexicons, (str, Lexicon)):
            lexicons = [lexicons]
        self.lexicons: list[Lexicon] = [lx if isinstance(lx, Lexicon) else load_lexicon(lx) for lx in lexicons]
        names = [lx.name for lx in self.lexicons]
        if len(set(names)) != len(names):
            raise ValueError(f"two lexicons share a name: {names}")
        self.matcher = Matcher(self.lexicons)
        self.attribution = next((i for i, lx in enumerate(self.lexicons)
                                 if "attribution" in lx.category_counts()), None)

    def stamps(self) -> dict[str, str]:
        """``{name: name@version#hash}`` of every lexicon.

        Example:
            >>> LexiconSet("hedge").stamps()["hedge"].split("@")[1].split("#")[0]
            '0.1.0'
        """
        return {lx.name: lx.stamp() for lx in self.lexicons}


class ArticleAnalysis(NamedTuple):
    """Everything the pipeline computes for one text, as compact numpy arrays."""

    tokens: TokenArrays
    sentences: np.ndarray  # (n, 2)
    quotes: seg.QuoteSpans
    voice: np.ndarray  # bool per character, True = quoted
    matches: list  # one MatchArrays per lexicon
    scare: np.ndarray  # (n, 2)


def analyse(text: str, lexicons: LexiconSet) -> ArticleAnalysis:
    """Segment one text and match every lexicon (the arrays behind spans and scores).

    Example:
        >>> a = analyse('He said the "deal" was off.', LexiconSet("attribution"))
        >>> a.tokens.starts.size, a.scare.tolist()
        (6, [[12, 16]])
    """
    toks = tokenize(text)
    sentences = seg.sentence_spans(text)
    quotes = seg.quote_spans(text)
    voice = seg.voice_mask(text, quotes)
    matches = lexicons.matcher.match_arrays(text, toks)
    cues = None
    if lexicons.attribution is not None:
        m = matches[lexicons.attribution]
        cues = np.stack([m.start, m.end], axis=1) if len(m.start) else np.zeros((0, 2), dtype=np.int64)
    scare = seg.scare_quotes(text, quotes, cues)
    return ArticleAnalysis(toks, sentences, quotes, voice, matches, scare)


def as_articles(articles: Any) -> pd.DataFrame:
    """Accept an articles table, a Series or list of texts, or one text; return a table
    with a ``text`` column indexed by ``doc_id``.

    Example:
        >>> as_articles(["a", "b"]).index.tolist()
        ['0', '1']
    """
    if isinstance(articles, pd.DataFrame):
        if "text" not in articles.columns:
            raise ValueError("the articles table needs a 'text' column (see framing.load_articles)")
        df = articles
    elif isinstance(articles, str):
        df = pd.DataFrame({"text": [articles]})
    elif isinstance(articles, pd.Series):
        df = articles.rename("text").to_frame()
    elif isinstance(articles, Iterable):
        df = pd.DataFrame({"text": list(articles)})
    else:
        raise TypeError(f"expected articles (a DataFrame, texts or a text), got {type(articles).__name__}")
    if df.index.name != "doc_id":
        df = df.copy()
        df.index = df.index.astype(str)
        df.index.name = "doc_id"
    return df


def _iter_analyses(df: pd.DataFrame, lexicons: LexiconSet, progress: bool | None
                   ) -> Iterator[tuple[str, str, ArticleAnalysis]]:
    texts = df["text"]
    bar = None
    if progress or (progress is None and len(df) >= 2000):
        from tqdm.auto import tqdm

        bar = tqdm(total=len(df), desc="analysing", unit=" articles")
    try:
        for doc_id, text in zip(df.index, texts):
            if not isinstance(text, str):
                raise TypeError(f"article {doc_id!r}: text is {type(text).__name__}, not a string")
            yield str(doc_id), text, analyse(text, lexicons)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


def _span_rows(doc_id: str, text: str, a: ArticleAnalysis, lexicons: LexiconSet
               ) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {c: [] for c in (*SPAN_COLUMNS, "weight")}
    sent_starts = a.sentences[:, 0] if len(a.sentences) else np.zeros(0, dtype=np.int64)
    for li, m in enumerate(a.matches):
        if not len(m.start):
            continue
        lex = lexicons.lexicons[li]
        sent = np.searchsorted(sent_starts, m.start, side="right") - 1
        quoted = a.voice[m.start]
        for s, e, k, si, q in zip(m.start.tolist(), m.end.tolist(), m.entry.tolist(), sent.tolist(),
                                  quoted.tolist()):
            entry = lex.entries[k]
            cols["doc_id"].append(doc_id)
            cols["start"].append(s)
            cols["end"].append(e)
            cols["text"].append(text[s:e])
            cols["lexicon"].append(lex.name)
            cols["category"].append(entry.category)
            cols["subcategory"].append(entry.subcategory)
            cols["entry"].append(entry.pattern)
            cols["sentence"].append(max(si, 0))
            cols["voice"].append("quoted" if q else "narrator")
            cols["weight"].append(entry.weight)
    for s, e in a.scare.tolist():
        si = int(np.searchsorted(sent_starts, s, side="right") - 1)
        cols["doc_id"].append(doc_id)
        cols["start"].append(s)
        cols["end"].append(e)
        cols["text"].append(text[s:e])
        cols["lexicon"].append("text")
        cols["category"].append("scare_quote")
        cols["subcategory"].append("")
        cols["entry"].append(text[s:e].lower())
        cols["sentence"].append(max(si, 0))
        cols["voice"].append("narrator")
        cols["weight"].append(1.0)
    return cols


def find_spans(articles: Any, lexicons: LexiconsArg = None, *, progress: bool | None = None
               ) -> pd.DataFrame:
    """One row per lexicon match and scare quote, for every article.

    Args:
        articles: an articles table (:func:`framing.load_articles`), texts, or one text.
        lexicons: built-in names, paths, :class:`~framing.lexicon.Lexicon` objects or a
            :class:`LexiconSet` (default: :data:`DEFAULT_LEXICONS`).
        progress: a progress bar (``None``: from 2,000 articles on).

    Returns:
        The spans table (columns :data:`framing.schema.SPAN_COLUMNS` + ``weight``), sorted by
        article (input order), then ``start``; ``attrs["lexicons"]`` holds each lexicon's
        ``name@version#hash``.

    Example:
        >>> s = find_spans('The "false flag" claim was cruel, she said.')
        >>> sorted(zip(s["category"], s["text"]))
        [('attribution', 'said'), ('loaded', 'cruel'), ('scare_quote', 'false flag')]
    """
    df = as_articles(articles)
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    parts: list[dict[str, list[Any]]] = []
    for doc_id, text, a in _iter_analyses(df, lexset, progress):
        parts.append(_span_rows(doc_id, text, a, lexset))
    cols = {c: [v for p in parts for v in p[c]] for c in (*SPAN_COLUMNS, "weight")}
    out = pd.DataFrame(cols)
    out = out.astype({"start": "int64", "end": "int64", "sentence": "int64", "weight": "float64"})
    if len(out):
        order = {d: i for i, d in enumerate(df.index.astype(str))}
        out["_doc"] = out["doc_id"].map(order)
        out = out.sort_values(["_doc", "start", "end", "lexicon"], kind="stable").drop(columns="_doc")
        out = out.reset_index(drop=True)
    out.attrs["lexicons"] = lexset.stamps()
    return out
