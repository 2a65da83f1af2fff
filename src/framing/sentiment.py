"""Sentiment by voice: VADER per sentence, aggregated per article for the narrator and for quotations.

The method is VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text", ICWSM), through the ``vaderSentiment`` package, which
ships its rated lexicon (no download). Each scored text gets VADER's ``compound`` score in
[-1, 1]; by the authors' convention a text is positive at ``compound >= 0.05`` and negative at
``compound <= -0.05``.

**Why sentences, not articles.** VADER adds the valences of all the words of a text and
normalises the sum as ``s / sqrt(s**2 + 15)``, so the compound score of a long text saturates
towards -1 or +1: twelve copies of "The talks were a failure." (each -0.51) score -0.99 together.
A whole news article therefore says little more than "mostly negative words". We score each
sentence (:func:`framing.text.sentence_spans`, the offsets of the rest of the package) and
aggregate the sentence scores per article: their mean, and the shares of negative and positive
sentences.

**Voice.** A sentence's voice comes from the quotations of :func:`framing.text.quote_spans`
(the characters :func:`framing.text.voice_mask` marks, quotation marks included) and is read
from its *word characters* (letters and digits), so that a full stop or comma outside a
closing quotation mark does not count:

* ``narrator``: none of its word characters is inside a quotation (the outlet's own words);
* ``quoted``: all of them are (a quoted sentence, or a paragraph of a running quotation);
* ``mixed``: some are, e.g. ``"We will win," the mayor said.`` or a narrator sentence with a
  quoted phrase.

A mixed sentence is split: VADER scores its quoted parts (joined by spaces) as one text for
the quoted voice and its narrator parts as one text for the narrator voice. Scoring the whole
sentence for either voice would be less faithful: ``"We are grateful for the brave help," the
mayor said.`` has the compound 0.84 of its quotation, and would credit the narrator with the
mayor's gratitude; the most common sentence of news writing, a quotation with its attribution,
would be quoted or narrator wholesale by an arbitrary share threshold. The split costs
little (the parts have the sentence's words) and matches the rest of the package, where each
word has the voice of its characters (:func:`framing.find_spans`, ``*_narrator_per_1k``). Its
limits: VADER's rules that look back three words (negation, "but") do not reach across a
quotation boundary, and a short attribution clause ("the mayor said") is a neutral narrator
unit, which pulls an article's narrator mean towards 0 the more it quotes (the counts and
shares tell such articles apart).

:func:`sentence_sentiment` gives one row per sentence of one text; :func:`sentiment` one row
per article (index ``doc_id``):

* ``sentiment_narrator_mean``: mean compound of the narrator units (narrator sentences and the
  narrator parts of mixed sentences); ``sentiment_narrator_neg_share`` and
  ``sentiment_narrator_pos_share``: the shares of those units with compound <= -0.05 and
  >= 0.05; ``sentiment_narrator_n``: their number (sentences with narrator words);
* the same four for ``quoted`` (quoted sentences and the quoted parts of mixed sentences);
* ``sentiment_mixed_n``: sentences with both voices (counted in both ``_n``);
* ``sentiment_title``: the compound of the headline (``title`` column) as one text, NaN when
  there is none. Headlines are one short sentence, so they do not saturate.

A mean or share over no units is NaN, not 0: an article without quotations has no quoted
sentiment. Sentences without a word character are not scored. When the text starts with the
headline (scraped pages often repeat it), the sentences inside that repeated headline are left
out of the body's units, so headline and body are measured apart in either case.

Example:
    >>> import framing
    >>> t = 'Shelling destroyed the hospital. "We are grateful for the brave help," the mayor said.'
    >>> row = framing.sentiment([t]).iloc[0]
    >>> round(float(row["sentiment_narrator_mean"]), 3), float(row["sentiment_quoted_mean"]), int(row["sentiment_mixed_n"])
    (-0.247, 0.8442, 1)
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from typing import Any, Callable

import numpy as np
import pandas as pd

from . import text as seg
from .progress import progress_bar

__all__ = ["SENTIMENT_COLUMNS", "sentence_sentiment", "sentiment"]

#: The columns of :func:`sentiment`, in order.
SENTIMENT_COLUMNS: tuple[str, ...] = (
    "sentiment_narrator_mean", "sentiment_narrator_neg_share", "sentiment_narrator_pos_share",
    "sentiment_narrator_n",
    "sentiment_quoted_mean", "sentiment_quoted_neg_share", "sentiment_quoted_pos_share",
    "sentiment_quoted_n",
    "sentiment_mixed_n", "sentiment_title",
)
_COUNT_COLUMNS = ("sentiment_narrator_n", "sentiment_quoted_n", "sentiment_mixed_n")

#: VADER's thresholds for a positive / negative text (Hutto & Gilbert 2014).
POSITIVE, NEGATIVE = 0.05, -0.05

_WORD = re.compile(r"[^\W_]")  # a letter or digit
_PUNCTUATION = string.punctuation  # what VADER strips from a word's ends
_ANALYZER: Any = None


def _analyzer() -> Any:
    """The VADER analyzer, built once per process (reading its lexicon takes ~20 ms)."""
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        analyzer._framing_words = analyzer.lexicon.keys()
        analyzer._framing_emojis = frozenset(k for k in analyzer.emojis if len(k) == 1)
        _ANALYZER = analyzer
    return _ANALYZER


def _can_score(analyzer: Any, text: str) -> bool:
    """False when VADER must give ``text`` a compound of exactly 0: none of its
    whitespace-separated words, lower-cased, with or without surrounding punctuation, is in
    the VADER lexicon, and it has no emoji (VADER scores only lexicon words, and every rule
    only scales a lexicon word's valence). About a third of news sentences, and most
    attribution clauses ("the mayor said."), are such texts; the test costs ~4 microseconds,
    VADER ~40-100."""
    if not text.isascii() and not analyzer._framing_emojis.isdisjoint(text):
        return True
    words = text.lower().split()
    lexicon = analyzer._framing_words
    return not (lexicon.isdisjoint(words) and lexicon.isdisjoint([w.strip(_PUNCTUATION) for w in words]))


def _split(text: str, s: int, e: int, qs: list[int], qe: list[int]) -> tuple[str, str, str]:
    """Voice of sentence ``[s, e)`` and its narrator and quoted parts (parts joined by spaces).

    ``qs``/``qe``: the starts and ends of the text's quotations (sorted, not overlapping).
    Returns ``(voice, narrator_text, quoted_text)``; voice ``""`` for a sentence without word
    characters. A sentence of one voice returns itself as that voice's text."""
    lo = bisect_right(qe, s)  # first quotation ending after s
    hi = bisect_left(qs, e)  # first quotation starting at or after e
    if lo >= hi:
        whole = text[s:e]
        return ("narrator" if _WORD.search(whole) else ""), whole, ""
    narrator: list[str] = []
    quoted: list[str] = []
    pos = s
    for k in range(lo, hi):
        a, b = max(qs[k], s), min(qe[k], e)
        if a > pos:
            narrator.append(text[pos:a])
        quoted.append(text[a:b])
        pos = b
    if pos < e:
        narrator.append(text[pos:e])
    ntext, qtext = " ".join(narrator), " ".join(quoted)
    has_n, has_q = _WORD.search(ntext) is not None, _WORD.search(qtext) is not None
    if has_n and has_q:
        return "mixed", ntext, qtext
    if has_q:
        return "quoted", "", text[s:e]
    return ("narrator" if has_n else ""), text[s:e], ""


def _headline_end(title: Any, text: str) -> int:
    """Length of the headline repeated at the start of ``text`` (0 when it is not)."""
    if isinstance(title, str) and title.strip() and text.startswith(title.strip()):
        return len(title.strip())
    return 0


def _sentences(text: str, skip: int) -> list[tuple[int, int, int]]:
    """``(index, start, end)`` of the sentences of ``text``, without those inside the first
    ``skip`` characters (a repeated headline; a full stop after it is allowed)."""
    spans = seg.sentence_spans(text).tolist()
    return [(i, s, e) for i, (s, e) in enumerate(spans) if not (skip and e <= skip + 1)]


def _quotes(text: str) -> tuple[list[int], list[int]]:
    q = seg.quote_spans(text)
    return q.start.tolist(), q.end.tolist()


def sentence_sentiment(text: str, *, title: str | None = None) -> pd.DataFrame:
    """VADER scores of every sentence of ``text``, with its voice (Hutto & Gilbert 2014).

    Args:
        text: one article text.
        title: its headline; when ``text`` starts with it, the sentences inside it are left out.

    Returns:
        One row per sentence with a word character: ``sentence`` (index into
        :func:`framing.text.sentence_spans`), ``start``, ``end`` (offsets into ``text``),
        ``voice`` (``narrator``, ``quoted`` or ``mixed``), ``quoted_share`` (share of its word
        characters inside quotations), VADER's ``compound``, ``pos``, ``neu`` and ``neg`` for the
        whole sentence, and ``narrator_compound`` / ``quoted_compound``: the compound of the
        sentence's narrator and quoted parts (the whole sentence for a one-voice sentence, NaN
        for a voice it lacks), which :func:`sentiment` aggregates. See the module docstring.

    Example:
        >>> t = 'The raid was a cruel disaster. "We won," he said.'
        >>> sentence_sentiment(t)[["start", "end", "voice", "compound", "quoted_compound"]].values.tolist()
        [[0, 30, 'narrator', -0.836, nan], [31, 49, 'mixed', 0.5719, 0.5719]]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    polarity = _analyzer().polarity_scores
    qs, qe = _quotes(text)
    rows = []
    for i, s, e in _sentences(text, _headline_end(title, text)):
        voice, ntext, qtext = _split(text, s, e, qs, qe)
        if not voice:
            continue
        whole = polarity(text[s:e])
        if voice == "narrator":
            share, nc, qc = 0.0, whole["compound"], np.nan
        elif voice == "quoted":
            share, nc, qc = 1.0, np.nan, whole["compound"]
        else:
            nw, qw = len(_WORD.findall(ntext)), len(_WORD.findall(qtext))
            share = qw / (nw + qw)
            nc, qc = polarity(ntext)["compound"], polarity(qtext)["compound"]
        rows.append((i, s, e, voice, share, whole["compound"], whole["pos"], whole["neu"], whole["neg"], nc, qc))
    columns = ["sentence", "start", "end", "voice", "quoted_share", "compound", "pos", "neu", "neg",
               "narrator_compound", "quoted_compound"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"sentence": "int64", "start": "int64", "end": "int64", "voice": "object",
                       **{c: "float64" for c in columns[4:]}})


def _summary(values: list[float]) -> list[float]:
    if not values:
        return [np.nan, np.nan, np.nan, 0]
    c = np.fromiter(values, dtype=np.float64, count=len(values))
    return [float(c.mean()), float((c <= NEGATIVE).mean()), float((c >= POSITIVE).mean()), len(c)]


def _score_texts(texts: list[str], titles: list[Any]) -> list[list[float]]:
    """The rows of :func:`sentiment` for parallel lists of texts and titles (None: no title)."""
    analyzer = _analyzer()
    polarity = analyzer.polarity_scores
    memo: dict[str, float] = {}  # repeated sentences (boilerplate, repeated quotes) scored once

    def compound(t: str) -> float:
        c = memo.get(t)
        if c is None:
            c = memo[t] = polarity(t)["compound"] if _can_score(analyzer, t) else 0.0
        return c

    rows = []
    for text, title in zip(texts, titles):
        qs, qe = _quotes(text)
        narrator: list[float] = []
        quoted: list[float] = []
        mixed = 0
        for _, s, e in _sentences(text, _headline_end(title, text)):
            voice, ntext, qtext = _split(text, s, e, qs, qe)
            if voice == "narrator":
                narrator.append(compound(ntext))
            elif voice == "quoted":
                quoted.append(compound(qtext))
            elif voice == "mixed":
                narrator.append(compound(ntext))
                quoted.append(compound(qtext))
                mixed += 1
        head = compound(title) if isinstance(title, str) and _WORD.search(title) else np.nan
        rows.append(_summary(narrator) + _summary(quoted) + [mixed, head])
    return rows


def _run_chunk(job: tuple[list[str], list[Any]]) -> list[list[float]]:
    return _score_texts(*job)


def _texts_and_titles(articles: Any) -> tuple[pd.Index, list[str], list[Any]]:
    from .spans import as_articles

    df = as_articles(articles)
    texts = df["text"].tolist()
    for doc_id, t in zip(df.index, texts):
        if not isinstance(t, str):
            raise TypeError(f"article {doc_id!r}: text is {type(t).__name__}, not a string")
    titles = df["title"].tolist() if "title" in df.columns else [None] * len(df)
    return df.index, texts, titles


def sentiment(articles: Any, *, progress: bool | None = None, n_jobs: int = 1) -> pd.DataFrame:
    """Sentiment of each article by voice: VADER per sentence (Hutto & Gilbert 2014), aggregated.

    Sentences are scored one by one because VADER's compound score saturates towards -1 or +1
    on long texts; a mixed sentence's narrator and quoted parts are scored apart (module
    docstring).

    Args:
        articles: an articles table (``text``; ``title`` is scored too when present), texts,
            or one text.
        progress: a progress bar (``None``: from 2,000 articles on, in a terminal or a notebook).
        n_jobs: worker processes; the result is the same as with one, in input order.

    Returns:
        One row per article, index ``doc_id``, columns :data:`SENTIMENT_COLUMNS` (module
        docstring); means and shares over no sentences are NaN.

    Example:
        >>> t = sentiment(["The raid was a cruel disaster.", '"We won," he said.'])
        >>> t[["sentiment_narrator_mean", "sentiment_quoted_mean", "sentiment_quoted_n"]].values.tolist()
        [[-0.836, nan, 0.0], [0.0, 0.5719, 1.0]]
    """
    index, texts, titles = _texts_and_titles(articles)
    n = len(texts)
    bar = progress_bar(n, "sentiment", progress)
    step = 200 if n_jobs <= 1 else max(1, min(200, -(-n // (4 * n_jobs))))
    chunks = [(texts[a:a + step], titles[a:a + step]) for a in range(0, n, step)]
    rows: list[list[float]] = []
    try:
        if n_jobs > 1 and len(chunks) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(min(n_jobs, len(chunks))) as pool:
                results = pool.map(_run_chunk, chunks)
                for chunk, part in zip(chunks, results):
                    rows += part
                    if bar is not None:
                        bar.update(len(chunk[0]))
        else:
            for chunk in chunks:
                rows += _score_texts(*chunk)
                if bar is not None:
                    bar.update(len(chunk[0]))
    finally:
        if bar is not None:
            bar.close()
    out = pd.DataFrame(rows, columns=list(SENTIMENT_COLUMNS), index=index, dtype="float64")
    return out.astype({c: "int64" for c in _COUNT_COLUMNS})
