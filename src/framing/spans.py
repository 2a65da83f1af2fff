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
outlet's own device. One rule is added to the matching rules for the ``attribution``
lexicon: a reporting verb that is the second part of a hyphenated compound ("self-declared",
"well-said") is not a cue, so neither a span nor a count.

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
from .match import MatchArrays, Matcher
from .progress import progress_bar
from .schema import SPAN_COLUMNS
from .tokenize import TokenArrays, tokenize

__all__ = [
    "DEFAULT_LEXICONS",
    "ArticleAnalysis",
    "LexiconSet",
    "analyse",
    "analyse_batch",
    "as_articles",
    "find_spans",
    "kwic",
    "map_chunks",
    "parallel_chunks",
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


_SEP = "\x00"  # joins a batch of texts: never part of a token, never a phrase gap
_BATCH_CHARS = 1 << 19  # half a million characters: arrays stay small (fewer page faults, warm caches)


_HYPHENS = "-\u2010\u2011"


def _match(lexicons: LexiconSet, text: str, toks: TokenArrays | None = None) -> list[MatchArrays]:
    """Every lexicon's matches, except a reporting verb that is the second part of a
    hyphenated compound ("self-*declared*", "well-*known*" is not speech): the attribution
    lexicon's matches whose first character follows a hyphen joined to the word before
    ("U.S.-backed" too: not a space, not the start of a text)."""
    matches = lexicons.matcher.match_arrays(text, toks) if toks is not None \
        else lexicons.matcher.match_arrays(text)
    li = lexicons.attribution
    if li is not None and len(matches[li].start):
        m = matches[li]
        keep = np.array([not (s >= 2 and text[s - 1] in _HYPHENS and not text[s - 2].isspace()
                              and text[s - 2] != _SEP)
                         for s in m.start.tolist()], dtype=bool)
        if not keep.all():
            matches = list(matches)
            matches[li] = MatchArrays(m.start[keep], m.end[keep], m.entry[keep])
    return matches


def _segment(text: str, toks: TokenArrays, matches: list, lexicons: LexiconSet) -> ArticleAnalysis:
    sentences = seg.sentence_spans(text)
    quotes = seg.quote_spans(text)
    voice = seg.voice_mask(text, quotes)
    cues = None
    if lexicons.attribution is not None:
        m = matches[lexicons.attribution]
        cues = np.stack([m.start, m.end], axis=1) if len(m.start) else np.zeros((0, 2), dtype=np.int64)
    scare = seg.scare_quotes(text, quotes, cues)
    return ArticleAnalysis(toks, sentences, quotes, voice, matches, scare)


def analyse(text: str, lexicons: LexiconSet) -> ArticleAnalysis:
    """Segment one text and match every lexicon (the arrays behind spans and scores).

    Example:
        >>> a = analyse('The "deal" was off.', LexiconSet("attribution"))
        >>> a.tokens.starts.size, a.scare.tolist()
        (4, [[5, 9]])
    """
    toks = tokenize(text)
    return _segment(text, toks, _match(lexicons, text, toks), lexicons)


def analyse_batch(texts: Sequence[str], lexicons: LexiconSet) -> list[ArticleAnalysis]:
    """:func:`analyse` for many texts at once: tokenising and matching run once over the
    texts joined by a separator that no token or phrase can cross, so the per-call cost of
    the vectorised engine is paid once per batch; results are identical to :func:`analyse`.

    Example:
        >>> ls = LexiconSet("naming")
        >>> [a.matches[0].start.tolist() for a in analyse_batch(["Kiev", "in Kiev"], ls)]
        [[0], [3]]
    """
    if not texts:
        return []
    joined = _SEP.join(texts)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(t) + 1 for t in texts])
    toks = tokenize(joined)
    matches = _match(lexicons, joined, toks)
    cues = None
    if lexicons.attribution is not None:
        m = matches[lexicons.attribution]
        cues = np.stack([m.start, m.end], axis=1)[np.argsort(m.start, kind="stable")]
    b = seg.segment_batch(list(texts), cues)  # joined by "\n": the same offsets as _SEP
    tok_cut = np.searchsorted(toks.starts, offsets)
    match_cuts = [np.searchsorted(m.start, offsets) for m in matches]
    quote_cut = np.searchsorted(b.quotes.start, offsets)
    scare_cut = np.searchsorted(b.scare[:, 0], offsets)
    out = []
    for d, text in enumerate(texts):
        off, a, z = int(offsets[d]), int(tok_cut[d]), int(tok_cut[d + 1])
        doc_toks = TokenArrays(toks.starts[a:z] - off, toks.ends[a:z] - off, toks.gap_ok[a:z],
                               toks.low[off:off + len(text)])
        doc_matches = []
        for m, cut in zip(matches, match_cuts):
            i, j = int(cut[d]), int(cut[d + 1])
            doc_matches.append(MatchArrays(m.start[i:j] - off, m.end[i:j] - off, m.entry[i:j]))
        i, j = int(quote_cut[d]), int(quote_cut[d + 1])
        q = b.quotes
        quotes = seg.QuoteSpans(q.start[i:j] - off, q.end[i:j] - off, q.content_start[i:j] - off,
                                q.content_end[i:j] - off, q.closed[i:j], q.continued[i:j])
        sentences = b.sentences[b.sentence_offsets[d]:b.sentence_offsets[d + 1]] - off
        scare = b.scare[scare_cut[d]:scare_cut[d + 1]] - off
        out.append(ArticleAnalysis(doc_toks, sentences, quotes, seg.voice_mask(text, quotes),
                                   doc_matches, scare))
    return out


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


def _progress_bar(df: pd.DataFrame, progress: bool | None) -> Any:
    """A bar over the articles (:func:`framing.progress.progress_bar`), or None."""
    return progress_bar(len(df), "analysing", progress)


def _text_batches(df: pd.DataFrame) -> Iterator[tuple[list[str], list[str]]]:
    """The ids and texts of the articles in batches (about 0.5 M characters or 512 articles)."""
    ids: list[str] = []
    batch: list[str] = []
    size = 0
    for doc_id, text in zip(df.index, df["text"]):
        if not isinstance(text, str):
            raise TypeError(f"article {doc_id!r}: text is {type(text).__name__}, not a string")
        ids.append(str(doc_id))
        batch.append(text)
        size += len(text)
        if size >= _BATCH_CHARS or len(batch) >= 512:
            yield ids, batch
            ids, batch, size = [], [], 0
    if batch:
        yield ids, batch


def _iter_batches(df: pd.DataFrame, lexicons: LexiconSet, progress: bool | None
                  ) -> Iterator[tuple[list[str], list[str], list[ArticleAnalysis]]]:
    """Analyse the articles in batches (about 0.5 M characters or 512 articles each)."""
    bar = _progress_bar(df, progress)
    try:
        for ids, batch in _text_batches(df):
            yield ids, batch, analyse_batch(batch, lexicons)
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()


def iter_titles(df: pd.DataFrame, lexicons: LexiconSet) -> Iterator[tuple[str | None, ArticleAnalysis | None]]:
    """Each article's headline and its :func:`analyse` result, in table order; ``(None, None)``
    when the article has no title or its text starts with the title (the headline is then
    part of the text and analysed with it). The titles are analysed in batches like texts.

    Example:
        >>> df = as_articles(pd.DataFrame({"text": ["Body.", "Head. Body."], "title": ["Head", "Head."]}))
        >>> [t for t, _ in iter_titles(df, LexiconSet("loaded"))]
        ['Head', None]
    """
    if "title" not in df.columns:
        for _ in range(len(df)):
            yield None, None
        return
    keep = []
    for title, text in zip(df["title"], df["text"]):
        ok = isinstance(title, str) and bool(title.strip()) and isinstance(text, str) \
            and not text.startswith(title.strip())
        keep.append(title if ok else "")
    heads = pd.DataFrame({"text": keep}, index=df.index)
    for (_, title, a), k in zip(_iter_analyses(heads, lexicons, False), keep):
        yield (title, a) if k else (None, None)


def _iter_analyses(df: pd.DataFrame, lexicons: LexiconSet, progress: bool | None
                   ) -> Iterator[tuple[str, str, ArticleAnalysis]]:
    for ids, batch, analyses in _iter_batches(df, lexicons, progress):
        yield from zip(ids, batch, analyses)


def _batch_span_rows(texts: list[str], lexicons: LexiconSet, first_doc: int) -> dict[str, Any]:
    """The spans of a batch of articles as columns, lexicons in order, then scare quotes.

    The texts are matched and segmented joined (:func:`framing.text.segment_batch`), and
    every span stays in the joined text's coordinates until the end: the voice of a span is
    read from the quotations (is its first character inside one?) and its sentence from the
    sentence starts, each with one ``searchsorted`` per batch. Nothing runs per article; the
    rows equal those built from :func:`analyse` article by article (a property test checks).
    """
    n = len(texts)
    if n == 0:
        return {}
    joined = _SEP.join(texts)
    offsets = np.zeros(n + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(t) + 1 for t in texts])
    matches = _match(lexicons, joined)
    # segmentation runs on the texts joined by "\n" instead of "\x00": same offsets
    cues = None
    if lexicons.attribution is not None:
        m = matches[lexicons.attribution]
        cues = np.stack([m.start, m.end], axis=1)
    segments = seg.segment_batch(texts, cues)
    sent_starts, sent_off = segments.sentence_starts, segments.sentence_offsets
    qs, qe = segments.quotes.start, segments.quotes.end
    sc_parts = [segments.scare] if len(segments.scare) else []

    # per lexicon: global entry ids (scare quotes: the last id) and voice
    base = _row_tables(lexicons)["base"]
    starts, ends, gids, lex, quoted = [], [], [], [], []
    for li, m in enumerate(matches):
        k = len(m.start)
        if not k:
            continue
        starts.append(m.start)
        ends.append(m.end)
        gids.append(m.entry + base[li])
        lex.append(np.full(k, li, dtype=np.int64))
        if len(qs):
            pos = np.searchsorted(qs, m.start, side="right") - 1
            quoted.append((pos >= 0) & (m.start < qe[np.maximum(pos, 0)]))
        else:
            quoted.append(np.zeros(k, dtype=bool))
    scare_entry: list[str] = []
    if sc_parts:
        scare = np.concatenate(sc_parts)
        k = len(scare)
        sx, sy = scare[:, 0], scare[:, 1]
        starts.append(sx)
        ends.append(sy)
        gids.append(np.full(k, base[-1], dtype=np.int64))
        lex.append(np.full(k, len(matches), dtype=np.int64))
        quoted.append(np.zeros(k, dtype=bool))  # the outlet's device: narrator
        scare_entry = [joined[x:y].lower() for x, y in zip(sx.tolist(), sy.tolist())]
    if not starts:
        return {}
    start, end = np.concatenate(starts), np.concatenate(ends)
    doc = np.searchsorted(offsets, start, side="right") - 1
    sentence = np.searchsorted(sent_starts, start, side="right") - 1 - sent_off[doc]
    return {
        "start": start - offsets[doc],
        "end": end - offsets[doc],
        "sentence": np.maximum(sentence, 0),
        "_doc": doc + first_doc,
        "_lex": np.concatenate(lex),
        "_gid": np.concatenate(gids),
        "_quoted": np.concatenate(quoted),
        "_text": [joined[x:y] for x, y in zip(start.tolist(), end.tolist())],
        "_scare_entry": scare_entry,
    }


def _row_tables(lexicons: LexiconSet) -> dict[str, Any]:
    """Every entry of every lexicon in one numbering (entry ``k`` of lexicon ``li`` is
    ``base[li] + k``; the last number is the scare quotes'), with its columns."""
    cached = getattr(lexicons, "_row_tables", None)
    if cached is None:
        sizes = [len(lex.entries) for lex in lexicons.lexicons]
        entries = [e for lex in lexicons.lexicons for e in lex.entries]
        names = [lex.name for lex in lexicons.lexicons] + ["text"]
        cached = {
            "base": np.concatenate(([0], np.cumsum(sizes))).astype(np.int64),
            "category": [e.category for e in entries] + ["scare_quote"],
            "subcategory": [e.subcategory for e in entries] + [""],
            "entry": [e.pattern for e in entries],
            "weight": np.array([e.weight for e in entries] + [1.0], dtype=np.float64),
            "lexicon": names,
            # the order of the names, for sorting rows by lexicon name with integer keys
            "lexicon_rank": np.unique(np.array(names, dtype=object), return_inverse=True)[1].astype(np.int64),
        }
        lexicons._row_tables = cached  # type: ignore[attr-defined]
    return cached


def _string_column(values: list[str], codes: np.ndarray) -> Any:
    """``values[codes]`` as a string column: taken in Arrow when pandas stores strings there
    (the default with pyarrow installed), far faster than converting Python objects."""
    if _ARROW_STR is not None:
        import pyarrow as pa

        arr = pa.array(values, type=pa.large_string()).take(pa.array(codes))
        return pd.arrays.ArrowStringArray(arr, dtype=_ARROW_STR)
    return np.array(values, dtype=object)[codes]


def _arrow_str_dtype() -> Any:
    """The dtype pandas gives a column of Python strings, when it is Arrow-backed (else None)."""
    dtype = pd.Series(np.array(["a"], dtype=object)).dtype
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - pandas would not store strings in Arrow then
        return None
    arrow_str = getattr(pd.arrays, "ArrowStringArray", None)
    if arrow_str is not None and isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return dtype
    return None


_ARROW_STR = _arrow_str_dtype()


def _spans_frame(parts: list[dict[str, Any]], ids: list[str], lexicons: LexiconSet) -> pd.DataFrame:
    """Concatenate batch pieces into the spans table, sorted by article, start, end, lexicon
    name (stable: then lexicon order, then entry)."""
    parts = [p for p in parts if p]
    names = (*SPAN_COLUMNS, "weight")
    if not parts:
        out = pd.DataFrame({c: pd.Series([], dtype=object) for c in names})
        return out.astype({"start": "int64", "end": "int64", "sentence": "int64", "weight": "float64"})
    tab = _row_tables(lexicons)
    cols = {c: np.concatenate([p[c] for p in parts])
            for c in ("start", "end", "sentence", "_doc", "_lex", "_gid", "_quoted")}
    order = np.lexsort((tab["lexicon_rank"][cols["_lex"]], cols["end"], cols["start"], cols["_doc"]))
    gid = cols["_gid"][order]
    scare_entries = [e for p in parts for e in p["_scare_entry"]]
    is_scare = np.flatnonzero(cols["_gid"] == len(tab["entry"]))  # scare rows, in part order
    scare_code = np.empty(len(gid), dtype=np.int64)
    scare_code[is_scare] = len(tab["entry"]) + np.arange(len(is_scare))
    entry_code = np.where(gid == len(tab["entry"]), scare_code[order], gid)
    texts = [t for p in parts for t in p["_text"]]
    out = pd.DataFrame({
        "doc_id": _string_column(ids, cols["_doc"][order]),
        "start": cols["start"][order],
        "end": cols["end"][order],
        "text": _string_column(texts, order),
        "lexicon": _string_column(tab["lexicon"], cols["_lex"][order]),
        "category": _string_column(tab["category"], gid),
        "subcategory": _string_column(tab["subcategory"], gid),
        "entry": _string_column(tab["entry"] + scare_entries, entry_code),
        "sentence": cols["sentence"][order],
        "voice": _string_column(["narrator", "quoted"], cols["_quoted"][order].astype(np.int64)),
        "weight": tab["weight"][gid],
    })
    return out.astype({"start": "int64", "end": "int64", "sentence": "int64", "weight": "float64"})


_WORKER: dict[str, Any] = {}


def _init_worker(lexicons: list[Lexicon]) -> None:
    _WORKER["lexset"] = LexiconSet(lexicons)


def _run_chunk(job: tuple[Any, pd.DataFrame]) -> pd.DataFrame:
    func, chunk = job
    return func(chunk, _WORKER["lexset"])


def parallel_chunks(func: Any, chunks: Iterable[pd.DataFrame], lexset: LexiconSet, n_jobs: int,
                    bar: Any = None) -> Iterator[pd.DataFrame]:
    """``func(chunk, lexset)`` for each chunk in ``n_jobs`` worker processes, results in
    input order. Each worker compiles the lexicons once; workers receive only the columns
    the analyses read (``text``, ``title``: an AllSides table has a dozen others); at most
    two chunks per worker are in flight, so memory stays flat however many chunks come.
    ``func`` must be picklable (a module-level function or a ``functools.partial`` of one);
    ``bar`` (a tqdm bar or None) advances by each chunk's articles.

    Example:
        >>> from functools import partial
        >>> chunks = [as_articles(["Kiev"]), as_articles(["Kyiv", "Kiev"])]
        >>> [len(t) for t in parallel_chunks(partial(find_spans, progress=False), chunks, LexiconSet("naming"), 2)]
        [1, 2]
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pending: deque[tuple[int, Any]] = deque()

    def collect() -> pd.DataFrame:
        n, future = pending.popleft()
        out = future.result()
        if bar is not None:
            bar.update(n)
        return out

    with ProcessPoolExecutor(n_jobs, initializer=_init_worker, initargs=(lexset.lexicons,)) as pool:
        for chunk in chunks:
            sent = chunk[[c for c in ("text", "title") if c in chunk.columns]]
            pending.append((len(chunk), pool.submit(_run_chunk, (func, sent))))
            while len(pending) >= 2 * n_jobs:
                yield collect()
        while pending:
            yield collect()


def map_chunks(func: Any, df: pd.DataFrame, lexset: LexiconSet, n_jobs: int,
               progress: bool | None) -> list[pd.DataFrame]:
    """Apply ``func(chunk, lexset, progress=...)`` to chunks of ``df`` in ``n_jobs`` processes
    (:func:`parallel_chunks`; chunks of about 250 articles, so the last one ends soon after
    the others), returning the results in input order.

    Example:
        >>> df = as_articles(["Kiev", "Kyiv"])
        >>> [len(x) for x in map_chunks(find_spans, df, LexiconSet("naming"), 1, False)]
        [2]
    """
    if n_jobs <= 1 or len(df) < 2:
        return [func(df, lexset, progress=progress)]
    from functools import partial

    n_chunks = min(len(df), max(n_jobs * 4, -(-len(df) // 250)))
    bounds = np.linspace(0, len(df), n_chunks + 1).astype(int).tolist()
    chunks = (df.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:]) if b > a)
    bar = _progress_bar(df, progress)
    try:
        return list(parallel_chunks(partial(func, progress=False), chunks, lexset, n_jobs, bar))
    finally:
        if bar is not None:
            bar.close()


def find_spans(articles: Any, lexicons: LexiconsArg = None, *, progress: bool | None = None,
               n_jobs: int = 1) -> pd.DataFrame:
    """One row per lexicon match and scare quote, for every article.

    Args:
        articles: an articles table (:func:`framing.load_articles`), texts, or one text.
        lexicons: built-in names, paths, :class:`~framing.lexicon.Lexicon` objects or a
            :class:`LexiconSet` (default: :data:`DEFAULT_LEXICONS`).
        progress: a progress bar (``None``: from 2,000 articles on, in a terminal or a notebook).
        n_jobs: worker processes; the result is the same as with one, in input order.

    Returns:
        The spans table (columns :data:`framing.schema.SPAN_COLUMNS` + ``weight``), sorted by
        article (input order), then ``start``; ``attrs["lexicons"]`` holds each lexicon's
        ``name@version#hash``.

    Example:
        >>> s = find_spans('A "peace" plan was cruel, the minister said on Monday.')
        >>> sorted(zip(s["category"], s["text"]))
        [('attribution', 'said'), ('loaded', 'cruel'), ('scare_quote', 'peace')]
    """
    df = as_articles(articles)
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    if n_jobs > 1:
        parts_df = map_chunks(find_spans, df, lexset, n_jobs, progress)
        out = pd.concat(parts_df, ignore_index=True)
        out.attrs["lexicons"] = lexset.stamps()
        return out
    parts = []
    all_ids: list[str] = []
    bar = _progress_bar(df, progress)
    try:
        for ids, texts in _text_batches(df):
            parts.append(_batch_span_rows(texts, lexset, len(all_ids)))
            all_ids += ids
            if bar is not None:
                bar.update(len(ids))
    finally:
        if bar is not None:
            bar.close()
    out = _spans_frame(parts, all_ids, lexset)
    out.attrs["lexicons"] = lexset.stamps()
    return out


def kwic(articles: Any, pattern: str, *, window: int = 60, lexicons: LexiconsArg = None,
         limit: int | None = None) -> pd.DataFrame:
    """Keyword in context: every hit of ``pattern`` (lexicon pattern syntax, e.g. ``"accus*"``
    or ``"self-declared"``) with the text around it and its voice, for auditing an entry.

    Matching follows the lexicon rules exactly (:mod:`framing.match`). With ``lexicons``,
    ``pattern`` is instead looked up as an entry of those lexicons (all its hits, as
    :func:`find_spans` reports them, longest-match rule included).

    Example:
        >>> k = kwic(["NATO accused Moscow; Moscow denied the accusation."], "accus*", window=10)
        >>> k[["left", "match", "right", "voice"]].values.tolist()
        [['NATO ', 'accused', ' Moscow; M', 'narrator'], ['enied the ', 'accusation', '.', 'narrator']]
    """
    df = as_articles(articles)
    if lexicons is None:
        lex = Lexicon.from_records("kwic", [{"pattern": pattern, "category": "kwic"}])
        spans = find_spans(df, LexiconSet([lex]), progress=False)
        spans = spans[spans["lexicon"] == "kwic"]
    else:
        spans = find_spans(df, lexicons, progress=False)
        spans = spans[spans["entry"] == pattern.lower()]
    texts = df["text"]
    rows = []
    for r in spans.itertuples(index=False):
        text = texts.loc[r.doc_id] if r.doc_id in texts.index else texts.iloc[int(r.doc_id)]
        left = text[max(0, r.start - window):r.start].replace("\n", " ")
        right = text[r.end:r.end + window].replace("\n", " ")
        rows.append({"doc_id": r.doc_id, "start": r.start, "end": r.end, "left": left,
                     "match": r.text, "right": right, "voice": r.voice, "entry": r.entry})
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "match", "right", "voice", "entry"])
