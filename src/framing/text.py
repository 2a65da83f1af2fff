"""Paragraphs, sentences, quotations and voice, with character offsets into the text as given.

Every function takes the article text exactly as loaded and returns ``int64`` numpy arrays of
``[start, end)`` character offsets into that ``str`` (``text[start:end]`` is the span). Nothing
is normalised first: NBSP, tabs, ``\\r\\n`` and other Unicode whitespace are handled where they
stand. No function raises on odd input (unbalanced quotation marks, stray apostrophes, empty
text); problems are flagged in the output instead.

Paragraphs (:func:`paragraph_spans`)
    A paragraph is a line: text between line breaks (``\\n``, ``\\r\\n``, ``\\r``, ``\\v``,
    ``\\f``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028, U+2029, i.e. :meth:`str.splitlines`).
    Blank lines are ignored; spans exclude surrounding whitespace (:meth:`str.isspace`).

Sentences (:func:`sentence_spans`)
    Rule-based, in the spirit of Punkt (Kiss & Strunk 2006, "Unsupervised multilingual sentence
    boundary detection", Computational Linguistics 32(4)) but with a fixed abbreviation list
    (``resources/abbreviations.txt``) instead of one learnt from a corpus, because news text
    arrives one article at a time and a trained model would need downloaded data. Sentences
    never cross a paragraph boundary, and every paragraph is at least one sentence (headlines,
    bylines and datelines without final punctuation are one sentence each). Inside a
    paragraph a boundary is a run of ``.``, ``!``, ``?`` or ``…`` (so ``...`` too), then any
    closing quotation marks or brackets (``threat." The next`` splits after the mark), then
    horizontal whitespace, then the start of the next sentence: an upper-case or uncased
    letter, a digit, or an opening quotation mark or bracket not followed by a lower-case
    letter. A lower-case next word never starts a sentence (``"Why?" he asked``, ``etc. and``),
    and periods not followed by whitespace never split (``3.5``, ``$1.2bn``, ``U.S.-backed``).
    A single period right after an *abbreviation* (a word in the list, a dotted initialism
    such as ``U.S``/``J.K``/``a.m``, or a single letter such as the ``W`` of "George W.
    Bush") ends the sentence only when the next word is a capitalised closed-class word
    that typically opens an English sentence (``The``, ``He``, ``In``, ``But``, ...;
    ``_SENTENCE_STARTERS``): "in the U.S. The next day" splits, "the U.S. Senate",
    "Mr. Smith", "Jan. 6" and "J.K. Rowling" do not.

    Known failures: an abbreviation that really ends a sentence followed by a capitalised
    content word ("...in the U.S. Officials said") is not split; a sentence ending in a
    single capital letter ("Plan B. Officials") likewise; names with sentence-final
    punctuation ("Yahoo! News") are split; "No." as a word ("she said no. Democrats") is
    read as the abbreviation; ellipses before a capitalised name inside a quotation ("we
    will ... Ukraine") split.

Quotations (:func:`quote_spans`, :class:`QuoteSpans`)
    News conventions as annotated in PARC 3.0 (Pareti 2016, "PARC 3.0: A corpus of
    attribution relations", LREC) and PolNeAR (Newell, Margolin & Ruths 2018, "An attribution
    relations corpus for political news", LREC): a quotation is the text between paired
    marks, paired within one paragraph. Marks: straight ``"``, curly ``“ ”``, ``« »`` (and
    ``» «``), ``„ “``, two apostrophes ``''`` (wire copy's closing mark) and single quotes
    (``'``, ``‘ ’``, ``‚``, ``‹ ›``). Whether a mark opens or closes
    is read from its neighbours: it *can open* when it follows the paragraph start,
    whitespace or opening punctuation and precedes a non-space; it *can close* when it
    follows a non-space and precedes whitespace, punctuation or the paragraph end. A stray
    closing mark outside any quotation is ignored; a second opening-only double mark inside a
    double quotation is a nested quotation and stays inside the outer one. Only top-level
    quotations are returned; marks of the other kind (single quotes inside double ones and the
    reverse) are part of the outer quotation.

    A single quote *opens* only at a word start and before a letter, is not an elision
    (``'em``, ``'til``, ``rock 'n' roll``, a clitic such as ``’s`` after a space), and only when
    a possible closing single quote follows later in the paragraph (or the next paragraph
    reopens with a single quote); so apostrophes (``Moscow's``, ``don't``, ``’s``, ``'90s``,
    ``the alliances' forces``) are never quotations. It *closes* at the first single quote at
    a word end; a plural possessive inside a single-quoted phrase (``'the allies' plan'``)
    therefore closes it early (known failure).

    A quotation still open at the end of its paragraph ends there with ``closed=False``
    (flagged, never an exception). When the next paragraph starts with an opening mark of the
    same kind, this is the news convention for a quotation running over several paragraphs
    (each paragraph reopens the quote, only the last closes it): the part in the next
    paragraph gets ``continued=True``. So ``closed=False`` followed by ``continued=True`` is a
    paragraph break inside one quotation, not a typo.

    Known failures: a missing closing mark followed by another quotation in the same
    paragraph (``"We agree, he said. "Next," ...``) reads the second opening mark as a nested
    quotation, so the rest of the paragraph is quoted voice; an unclosed quotation followed by
    a paragraph that opens an unrelated quotation is read as one multi-paragraph quotation.

Voice (:func:`voice_mask`)
    Every character is in narrator voice (the outlet's own words) unless it lies inside a
    quotation span, marks included, where it is in quoted voice.

Scare quotes (:func:`scare_quotes`)
    A scare quote distances the writer from a word without reporting speech (Predelli 2003,
    "Scare quotes and their relation to other semantic issues", Linguistics and Philosophy 26;
    PARC/PolNeAR leave such marks out of attribution relations). Here: a closed, non-continued
    quotation of 1..``max_words`` words inside a sentence that has narrator words, with no
    attribution cue within ``window`` characters, not introduced by a colon, not a sentence-
    initial quotation ending in punctuation (direct speech: ``"No," he said.``) and not in a
    sentence that holds such direct speech. Known failures: titles and nicknames in quotes
    (the film "Dune") count as scare quotes; a partial quotation whose cue is further than
    ``window`` characters away, or whose cue the lexicon lacks, counts as a scare quote; the
    window is counted in characters whatever the syntax, so a cue inside the window that does
    not govern the quotation still vetoes it.

Speed
    One article: regular expressions find the candidate sentence breaks (one scan per final
    punctuation mark, as a literal first character lets the regex engine skip ahead far faster
    than a character class) and a short Python loop decides them. Many articles at once
    (:func:`segment_batch`): numpy over the joined text's code points (one ``uint32`` copy)
    finds line breaks, quotation marks and candidate breaks and decides most of them (the
    characters around them through exact code-point tables; words of ASCII letters as
    numbers for the abbreviation and sentence-starter lists), and Python loops only over
    the few candidates left. Paragraphs and quotation marks take the numpy path in both
    cases. On 20 MB of AllSides news on one core, the five public functions article by
    article ran at about 16 MB/s and :func:`segment_batch` on batches of half a million
    characters at about 100 MB/s (NLTK's Punkt tokenizer alone: about 3 MB/s).
    Paragraphs, sentences and quotations of the last few texts are cached (read-only; the
    public functions return copies), so a pipeline calling several functions on the same
    article computes each only once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from typing import Callable, NamedTuple

import numpy as np

__all__ = [
    "BatchSegments",
    "QuoteSpans",
    "paragraph_spans",
    "sentence_spans",
    "quote_spans",
    "voice_mask",
    "scare_quotes",
    "load_abbreviations",
    "segment_batch",
]

# ----------------------------------------------------------------------------- character classes

#: Line breaks as :meth:`str.splitlines` knows them (``\r\n`` is two of them, which is fine:
#: blank lines are ignored).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LB_CLASS = "\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029"

#: A paragraph: from a non-space to the last non-space of its line.
_PARAGRAPH_RE = re.compile(rf"\S(?:[^{_LB_CLASS}]*\S)?")

#: Marks that may stand between a sentence's final punctuation and the next sentence.
_CLOSERS = "\"'”’»›)]}"
#: Whitespace that is not a line break (tab, space, NBSP, the Unicode spaces).
_HSPACE_CLASS = "\\t\\x1f \\xa0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000"
#: Candidate sentence boundary: final punctuation, closing marks (group 1), horizontal
#: whitespace. (Written "[.!?…][.!?…]*" rather than "[.!?…]+" so that the regex engine can
#: skip ahead to the first character: three times faster.) The lookahead is a prefilter
#: only, exactly the ASCII characters that may start a sentence (see _starts_sentence) or
#: any non-ASCII non-space: it drops most candidates followed by a lower-case word.
_BOUNDARY_RE = re.compile(
    rf"[.!?…][.!?…]*([{re.escape(_CLOSERS)}]*)[{_HSPACE_CLASS}]+(?=[A-Z0-9\"'(\[{{]|[^\x00-\x7f\s])"
)
_FINAL_PUNCT = ".!?…"
_BOUNDARY_RES = [
    (mark, re.compile(re.escape(mark) + _BOUNDARY_RE.pattern[len("[.!?…]") :])) for mark in _FINAL_PUNCT
]
#: Marks and brackets that may open a sentence or a quotation.
_OPENERS = "\"'“‘„‚‛‟«‹»([{¿¡"
#: Punctuation that may precede an opening quotation mark ("(\"...", "—'...", "anti-\"woke\"").
_OPEN_CONTEXT = frozenset("([{<—–-/‐‑\"'“‘„‚‛‟«‹»›")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_WORD_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_ALNUM_RE = re.compile(r"[^\W_]")

#: Capitalised closed-class words that typically open an English sentence. After an
#: abbreviation, a period ends the sentence only when one of these follows. A grammar rule
#: (pronouns, determiners, prepositions, conjunctions, sentence adverbs), not a lexicon.
_SENTENCE_STARTERS = frozenset(
    """
    the a an this that these those it its he she they we i you his her their our my your
    there here in on at for from with by as of to into after before during since until
    while when where what who whom whose which why how if but and or nor so yet then thus
    still also however meanwhile moreover furthermore nevertheless nonetheless instead
    indeed some many most much all both each every any none neither either other another
    such several few more less one two three four five six seven eight nine ten although
    though because unless whether despite under over among between about against without
    within according asked earlier later last next now today yesterday tomorrow not even
    only just once
    """.split()
)

_DOUBLE_MARKS = "\"“”„‟«»"
_SINGLE_MARKS = "'‘’‚‛‹›"
_STRONG_OPEN = frozenset("“„‟«‘‚‛‹")
_STRONG_CLOSE = frozenset("”»’›")
#: The quotation marks: a double mark anywhere; a single mark only where it is not inside a
#: word (so the many in-word apostrophes, Moscow's, don't, never reach the Python loop).
#: The definition; :func:`_quote_marks` finds the same marks with numpy.
_MARK_RE = re.compile(
    rf"[{_DOUBLE_MARKS}{_SINGLE_MARKS}](?:(?<=[{_DOUBLE_MARKS}])|(?<!\w.)|(?!\w))"
)
#: Word-initial elisions and clitics written with an apostrophe: never an opening quote.
_ELISIONS = frozenset(
    "s t d m re ve ll n em er im til cause cos tis twas bout round cept neath nuff".split()
)
_TRAILING_PUNCT = ".,;:!?…"
_DIRECT_END = frozenset(".,;:!?…—–-")

_EMPTY_SPANS = np.zeros((0, 2), dtype=np.int64)


# ----------------------------------------------------------------------------- resources


@lru_cache(maxsize=None)
def load_abbreviations() -> frozenset[str]:
    """Return the committed abbreviation list (lowercase, without the final period).

    Read once from ``framing/resources/abbreviations.txt``; ``#`` lines are comments.

    >>> {"u.s", "mr", "sen", "jan"} <= load_abbreviations()
    True
    """
    path = resources.files("framing").joinpath("resources/abbreviations.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower().rstrip("."))
    return frozenset(words)


@lru_cache(maxsize=None)
def _abbreviation_limit() -> int:
    """Length of the longest undotted abbreviation: a longer all-letter word is not one."""
    return max((len(a) for a in load_abbreviations() if a.isalpha()), default=0)


def _as_spans(starts: list[int] | np.ndarray, ends: list[int] | np.ndarray) -> np.ndarray:
    if len(starts) == 0:
        return _EMPTY_SPANS.copy()
    out = np.empty((len(starts), 2), dtype=np.int64)
    out[:, 0] = starts
    out[:, 1] = ends
    return out


# ----------------------------------------------------------------------------- paragraphs


def paragraph_spans(text: str) -> np.ndarray:
    """Return the ``[start, end)`` offsets of the paragraphs of ``text``, shape ``(n, 2)``.

    A paragraph is one line (any line break of :meth:`str.splitlines` separates lines);
    blank lines are ignored and the spans exclude surrounding whitespace, NBSP included.

    >>> t = "Headline\\r\\n\\r\\n  First para.\\n\\u00a0\\nSecond para. "
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['Headline', 'First para.', 'Second para.']
    """
    return _paragraphs(text).copy()


# Results are cached per text (a few texts only): a pipeline calls sentence_spans,
# quote_spans, voice_mask and scare_quotes on the same article, and all of them need the
# paragraphs. Cached arrays are read-only; public functions hand out copies.
_CACHE_SIZE = 8


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@lru_cache(maxsize=_CACHE_SIZE)
def _paragraphs(text: str) -> np.ndarray:
    return _paragraph_array(text)


def _codes(text: str) -> np.ndarray:
    """The code points of ``text`` as a ``uint32`` array (one copy, no encoding)."""
    if not text:
        return np.zeros(0, dtype=np.uint32)
    return np.array(text).reshape(1).view(np.uint32)


#: Which code points up to U+001F are line breaks (the others: U+0085, U+2028, U+2029).
_SMALL_BREAKS = np.array([chr(c) in _LINE_BREAKS for c in range(0x20)], dtype=bool)


def _paragraph_array(text: str, codes: np.ndarray | None = None) -> np.ndarray:
    # the lines between line breaks (numpy over the code points), stripped; only the lines
    # that start or end with a space are stripped in Python (str.strip: the spaces of \S)
    if codes is None:
        codes = _codes(text)
    breaks = np.flatnonzero(codes <= 0x1E)
    breaks = breaks[_SMALL_BREAKS[codes[breaks]]]
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        breaks = np.flatnonzero(_SMALL_BREAKS[np.minimum(codes, 0x1F)] | (codes == 0x85) | ((codes | 1) == 0x2029))
    starts = np.empty(len(breaks) + 1, dtype=np.int64)
    starts[0] = 0
    starts[1:] = breaks + 1
    ends = np.empty(len(breaks) + 1, dtype=np.int64)
    ends[:-1] = breaks
    ends[-1] = len(text)
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    (first_space,) = _char_flags(codes, starts, _SPACES)
    (last_space,) = _char_flags(codes, ends - 1, _SPACES)
    odd = np.flatnonzero(first_space | last_space)
    if len(odd):
        blank = []
        for x, a, b in zip(odd.tolist(), starts[odd].tolist(), ends[odd].tolist()):
            line = text[a:b]
            stripped = line.strip()
            if stripped:
                a += b - a - len(line.lstrip())
                starts[x] = a
                ends[x] = a + len(stripped)
            else:
                blank.append(x)
        if blank:
            starts, ends = np.delete(starts, blank), np.delete(ends, blank)
    return _frozen(_as_spans(starts, ends))


# ----------------------------------------------------------------------------- sentences


def _starts_sentence(text: str, n: int) -> bool:
    """Whether the text at ``n`` (a non-space) looks like the start of a sentence."""
    c = text[n]
    if c in _OPENERS:
        # skip the run of opening marks: "'Tis", "(The", "“And"
        k = n + 1
        end = len(text)
        while k < end and text[k] in _OPENERS:
            k += 1
        if k >= end:
            return False
        c = text[k]
        return not (c.islower() or c.isspace())
    return _starts_word(c)


def _starts_word(c: str) -> bool:
    """Whether the character ``c`` (not an opening mark) may start a sentence: an upper-case
    or uncased letter, or a digit."""
    return c.isupper() or c.isdigit() or (c.isalpha() and not c.islower())


def _is_abbreviation(text: str, s: int, abbreviations: frozenset[str]) -> bool:
    """Whether the word ending just before the period at ``s`` is an abbreviation."""
    lo = max(0, s - 40)
    i = text.rfind(" ", lo, s)
    token = text[(i + 1) if i >= 0 else lo : s]
    known = _ABBREVIATION_MEMO.get(token)
    if known is None:
        known = _token_is_abbreviation(token, abbreviations)
        if len(_ABBREVIATION_MEMO) >= 100_000:
            _ABBREVIATION_MEMO.clear()
        _ABBREVIATION_MEMO[token] = known
    return known


#: :func:`_token_is_abbreviation` of the raw tokens seen so far (the list never changes).
_ABBREVIATION_MEMO: dict[str, bool] = {}


def _token_is_abbreviation(token: str, abbreviations: frozenset[str]) -> bool:
    if not token:
        return False
    parts = token.split()
    if not parts:
        return False
    token = parts[-1].lstrip("([{<\"'“‘„‚‛‟«‹—–-/").lower()
    if not token:
        return False
    if token in abbreviations:
        return True
    if len(token) == 1:
        return token.isalpha()
    return _DOTTED_RE.fullmatch(token) is not None


def _next_is_starter(text: str, n: int) -> bool:
    """Whether a capitalised sentence-opening function word (not an initial) starts at ``n``."""
    m = _LETTERS_RE.match(text, n)
    if m is None:
        return text[n] in _OPENERS  # 'in the U.S. "We ...' : a quotation opens a sentence
    word = m.group()
    if not word[0].isupper() or word.lower() not in _SENTENCE_STARTERS:
        return False
    return m.end() >= len(text) or text[m.end()] != "."


#: Whitespace that is not a line break (_HSPACE_CLASS), and all whitespace (str.isspace).
_HSPACE = frozenset("\t\x1f \xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_SPACES = _HSPACE | frozenset(_LINE_BREAKS)


def _ascii_words(codes: np.ndarray, first: np.ndarray, step: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The runs of ASCII letters from ``first`` on, going by ``step`` (1 forward, -1 back),
    up to ``width`` letters: their lengths, and the code points of the ``width`` characters
    on the way (rows; 0 outside the text)."""
    size = len(codes)
    at = first[:, None] + step * np.arange(width)
    inside = (at >= 0) & (at < size)
    window = np.where(inside, codes[np.minimum(np.maximum(at, 0), max(size - 1, 0))], 0).astype(np.uint32)
    run = np.logical_and.accumulate(inside & (((window | 0x20) - 0x61) < 26), axis=1)
    return run.sum(axis=1), window


def _word_numbers(words: np.ndarray, length: np.ndarray) -> np.ndarray:
    """A number for each word of ASCII letters (rows of code points as :func:`_ascii_words`
    gives them; ``length`` of each, at most 12), the same for upper and lower case."""
    j = np.arange(words.shape[1])
    letters = np.where(j < length[:, None], (words.astype(np.int64) | 0x20) - 0x60, 0)
    return (letters * 27**j).sum(axis=1)


@lru_cache(maxsize=None)
def _numbers_of(words: frozenset[str], width: int, backward: bool) -> np.ndarray:
    """:func:`_word_numbers` of the ``words`` of up to ``width`` ASCII letters, sorted
    (``backward``: read from the last letter, as before a period)."""
    words = sorted(w for w in words if w.isascii() and w.isalpha() and len(w) <= width)
    rows = np.zeros((len(words), width), dtype=np.uint32)
    for i, w in enumerate(words):
        rows[i, : len(w)] = [ord(c) for c in (reversed(w) if backward else w)]
    return np.unique(_word_numbers(rows, np.array([len(w) for w in words], dtype=np.int64)))


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (:func:`numpy.unique` without sorting)."""
    if not len(values):
        return values
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _listed(numbers: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Whether each of ``numbers`` is in the sorted ``known``."""
    if not len(known):
        return np.zeros(len(numbers), dtype=bool)
    return known[np.minimum(np.searchsorted(known, numbers), len(known) - 1)] == numbers


def _after_abbreviation(text: str, codes: np.ndarray, periods: np.ndarray) -> np.ndarray:
    """For single periods (offsets ``periods``, no closing mark after them): does an
    abbreviation end just before, by the test of :func:`_sentence_breaks` (not a word of more
    letters than the longest abbreviation, and :func:`_is_abbreviation`)?

    Decided with numpy: a period after an ASCII digit or punctuation mark (never an
    abbreviation's end), after more ASCII letters than the longest abbreviation, or after a
    word of ASCII letters preceded by a space (a single letter or a listed word); Python
    decides the rest (dotted initialisms, non-ASCII words, the text's start)."""
    limit = _abbreviation_limit() + 1
    n = len(periods)
    # the run of ASCII letters before each period, up to limit letters
    letters, window = _ascii_words(codes, periods - 1, -1, limit)
    out = np.zeros(n, dtype=bool)
    last = window[:, 0]
    (space_before,) = _char_flags(codes, np.maximum(periods - 1, 0), _SPACES)
    decided = (periods >= 1) & (last < 0x80) & (letters == 0) & ~space_before  # digit, punctuation
    decided |= (periods >= limit) & (letters >= limit)  # a longer word: not an abbreviation
    at = periods - 1 - letters
    word = (periods >= limit) & (letters >= 1) & (letters < limit) & (codes[np.maximum(at, 0)] == 32)
    w = np.flatnonzero(word)
    if len(w) and limit - 1 <= 12:
        known = _numbers_of(load_abbreviations(), limit - 1, True)
        out[w] = (letters[w] == 1) | _listed(_word_numbers(window[w, : limit - 1], letters[w]), known)
        decided |= word
    for x, s in zip(np.flatnonzero(~decided).tolist(), periods[~decided].tolist()):
        out[x] = _ends_abbreviation(text, s, limit)
    return out


def _ends_abbreviation(text: str, s: int, limit: int) -> bool:
    """Whether an abbreviation ends just before the single period at ``s``: the word is not
    longer than the longest abbreviation (``limit`` letters or more: not one), and
    :func:`_is_abbreviation`, memoised by the token before the period."""
    if text[s - limit : s].isalpha():
        return False
    lo = s - 40 if s > 40 else 0
    i = text.rfind(" ", lo, s)
    known = _ABBREVIATION_MEMO.get(text[(i + 1) if i >= 0 else lo : s])
    if known is None:
        known = _is_abbreviation(text, s, load_abbreviations())
    return known


def _next_are_starters(text: str, codes: np.ndarray, n: np.ndarray) -> np.ndarray:
    """:func:`_next_is_starter` at each of ``n``: numpy where the word there is ASCII letters
    followed by an ASCII character or the text end (or no letter at all); Python otherwise."""
    size = len(codes)
    width = max(map(len, _SENTENCE_STARTERS)) + 1
    letters, window = _ascii_words(codes, n, 1, width)
    first = codes[n]
    ascii = first < 0x80
    (opener,) = _char_flags(codes, n, _OPENERS)
    out = ascii & (letters == 0) & opener  # no letter: a quotation may open a sentence
    after = n + letters
    follow = codes[np.minimum(after, size - 1)]
    upper = (first >= 0x41) & (first <= 0x5A)
    # a lower-case word, a word longer than any starter: no sentence starter
    decided = ascii & ((letters == 0) | ~upper | (letters >= width))
    w = np.flatnonzero(ascii & upper & (letters < width) & ((after >= size) | (follow < 0x80)))
    starters = _numbers_of(_SENTENCE_STARTERS, width - 1, False)
    out[w] = _listed(_word_numbers(window[w, : width - 1], letters[w]), starters) \
        & ((after[w] >= size) | (follow[w] != 0x2E))
    decided[w] = True
    for x in np.flatnonzero(~decided).tolist():
        out[x] = _next_is_starter(text, int(n[x]))
    return out


def _decide_breaks(text: str, spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The breaks among the matches of ``_BOUNDARY_RES`` (``[start, end)``), one by one: the
    rules of :func:`_sentence_breaks` as a Python loop."""
    limit = _abbreviation_limit() + 1
    ends: list[int] = []
    starts: list[int] = []
    size = len(text)
    line_breaks = _LINE_BREAKS
    for s, n in spans:
        if s and text[s - 1] in _FINAL_PUNCT:
            continue  # inside a run of final punctuation
        if n >= size:
            continue  # text end: handled by paragraph_spans
        c = text[n]
        if not c.isupper():
            if c.islower() or c in line_breaks:
                continue  # "etc. and", "Why?" he asked; a paragraph end
            if not _starts_sentence(text, n):
                continue
        end = n - 1  # the end of the closing marks, before the horizontal space
        while text[end - 1] in _HSPACE:
            end -= 1
        if end == s + 1 and text[s] == "." and _ends_abbreviation(text, s, limit) \
                and not _next_is_starter(text, n):
            continue  # a single period after an abbreviation, before no sentence starter
        j = s - 1
        if j < 0 or text[j].isspace():
            while j >= 0 and text[j].isspace() and text[j] not in line_breaks:
                j -= 1
            if j < 0 or text[j] in line_breaks:
                continue  # a paragraph that opens with "..." is not a sentence by itself
        ends.append(end)
        starts.append(n)
    return ends, starts


#: Up to this many characters (one article), the regular expressions find the candidate
#: breaks and a Python loop decides them; above (a batch), numpy does both, with Python loops
#: only over the few candidates it cannot decide alone.
_FEW_CHARS = 1 << 16
#: ASCII characters that may start a sentence (the lookahead of _BOUNDARY_RE; any non-ASCII
#: non-space may too).
_ASCII_STARTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"'([{")


def _boundary_candidates(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``_BOUNDARY_RE`` that start a run of final punctuation, found with
    numpy: the start of each, the end of its closing marks (group 1) and its end.

    The pattern's parts (final punctuation, closing marks, horizontal space) share no
    character, so its only match at a position is the greedy one: advance over each part."""
    size = len(codes)
    s = np.flatnonzero((codes == 0x2E) | (codes == 0x21) | (codes == 0x3F) | (codes == 0x2026))
    (after_final,) = _char_flags(codes, np.maximum(s - 1, 0), _FINAL_PUNCT)
    s = s[~after_final | (s == 0)]
    q = s + 1
    for part in (_FINAL_PUNCT, _CLOSERS):
        moving = np.flatnonzero(q < size)
        while len(moving):
            (inside,) = _char_flags(codes, q[moving], part)
            moving = moving[inside]
            q[moving] += 1
            moving = moving[q[moving] < size]
    end = q.copy()
    # at least one horizontal space, then a possible sentence start
    keep = q < size
    s, end, q = s[keep], end[keep], q[keep]
    (space,) = _char_flags(codes, q, _HSPACE)
    s, end, q = s[space], end[space], q[space]
    moving = np.arange(len(q))
    while len(moving):
        q[moving] += 1
        moving = moving[q[moving] < size]
        (inside,) = _char_flags(codes, q[moving], _HSPACE)
        moving = moving[inside]
    keep = q < size
    s, end, q = s[keep], end[keep], q[keep]
    ascii_starter, space = _char_flags(codes, q, _ASCII_STARTERS, _SPACES)
    keep = ascii_starter | ((codes[q] >= 0x80) & ~space)
    return s[keep], end[keep], q[keep]


def _sentence_breaks(text: str, codes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """End of each sentence that is followed by another in the same paragraph, and next start
    (in no particular order). ``codes``: the text's code points (:func:`_codes`), if at hand."""
    if len(text) <= _FEW_CHARS:
        # one scan per final punctuation mark: a literal first character lets the regex engine
        # skip ahead several times faster than a character class. A match inside a run ("?!")
        # is left to the scan of the run's first mark, so the breaks are those of _BOUNDARY_RE.
        spans: list[tuple[int, int]] = []
        for mark, boundary_re in _BOUNDARY_RES:
            if mark in text:
                spans += [m.span() for m in boundary_re.finditer(text)]
        ends, starts = _decide_breaks(text, spans)
        return np.array(ends, dtype=np.int64), np.array(starts, dtype=np.int64)
    if codes is None:
        codes = _codes(text)
    size = len(text)
    s, end, n = _boundary_candidates(codes)
    # the next character: "etc. and", "Why?" he asked; a paragraph end
    upper, lower, line_break = _char_flags(codes, n, str.isupper, str.islower, _LINE_BREAKS)
    keep = upper | ~(lower | line_break)
    # _starts_sentence for the rest: a digit or an uncased letter, or opening marks before a
    # character that is not lower case or a space (Python for a run of several marks)
    unsure = np.flatnonzero(keep & ~upper)
    opener, word = _char_flags(codes, n[unsure], _OPENERS, _starts_word)
    keep[unsure] = word
    unsure = unsure[opener]
    k = n[unsure] + 1
    inside = k < size
    opener, lower, space = _char_flags(codes, np.minimum(k, size - 1), _OPENERS, str.islower, _SPACES)
    keep[unsure] = inside & ~lower & ~space
    for x in unsure[inside & opener].tolist():
        keep[x] = _starts_sentence(text, int(n[x]))
    s, end, n = s[keep], end[keep], n[keep]
    # a single period after an abbreviation ends a sentence only before a sentence starter
    keep = np.ones(len(s), dtype=bool)
    single = np.flatnonzero((codes[s] == 0x2E) & (end == s + 1))
    single = single[_after_abbreviation(text, codes, s[single])]
    keep[single] = _next_are_starters(text, codes, n[single])
    # a paragraph that opens with "..." is not a sentence by itself
    (space_before,) = _char_flags(codes, np.maximum(s - 1, 0), _SPACES)
    for x in np.flatnonzero(space_before | (s == 0)).tolist():
        j = int(s[x]) - 1
        while j >= 0 and text[j].isspace() and text[j] not in _LINE_BREAKS:
            j -= 1
        if j < 0 or text[j] in _LINE_BREAKS:
            keep[x] = False
    return end[keep], n[keep]


def sentence_spans(text: str) -> np.ndarray:
    """Return the ``[start, end)`` offsets of the sentences of ``text``, shape ``(n, 2)``.

    Sentences never cross a paragraph boundary and exclude surrounding whitespace; a
    paragraph without final punctuation (a headline, a byline) is one sentence. Abbreviations
    come from ``resources/abbreviations.txt`` (see the module docstring for the rules and their
    known failures). The approach follows Punkt (Kiss & Strunk 2006) with a fixed abbreviation
    list and a closed-class word test in place of its learnt orthographic statistics.

    >>> t = 'Sen. Smith met U.S. officials at 3.5 p.m. in the U.S. The talks "failed." Next.'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Sen. Smith met U.S. officials at 3.5 p.m. in the U.S.', 'The talks "failed."', 'Next.']
    """
    return _sentences(text).copy()


@lru_cache(maxsize=_CACHE_SIZE)
def _sentences(text: str) -> np.ndarray:
    return _sentence_array(text, _paragraphs(text))


def _sentence_array(text: str, paragraphs: np.ndarray, codes: np.ndarray | None = None) -> np.ndarray:
    ends, starts = _sentence_breaks(text, codes)
    if not len(ends):
        return paragraphs
    out = np.empty((len(ends) + len(paragraphs), 2), dtype=np.int64)
    out[:, 0] = np.sort(np.concatenate((starts, paragraphs[:, 0])))
    out[:, 1] = np.sort(np.concatenate((ends, paragraphs[:, 1])))
    return _frozen(out)


# ----------------------------------------------------------------------------- quotations


class QuoteSpans(NamedTuple):
    """Quotations found in a text: parallel numpy arrays, one row per quotation.

    Only top-level quotations are listed (a quotation nested in another is part of the outer
    one), in text order, never overlapping. ``closed=False`` with the next row
    ``continued=True`` is a quotation running over a paragraph break (news style); an
    unclosed quotation not followed by a continuation is a missing closing mark.
    """

    start: np.ndarray  #: int64, offset of the opening mark
    end: np.ndarray  #: int64, offset just after the closing mark (paragraph end when unclosed)
    content_start: np.ndarray  #: int64, first offset after the opening mark
    content_end: np.ndarray  #: int64, offset of the closing mark (paragraph end when unclosed)
    closed: np.ndarray  #: bool, False when the closing mark is missing in this paragraph
    continued: np.ndarray  #: bool, True when this part continues the previous paragraph's quote

    @property
    def spans(self) -> np.ndarray:
        """The ``(n, 2)`` array of ``[start, end)`` spans, marks included."""
        return _as_spans(self.start, self.end)


def _single_can_open(text: str, p: int, pend: int) -> bool:
    """A single quote at a word start (already checked) opens only before a non-elided letter."""
    if p + 1 >= pend or not text[p + 1].isalpha():
        return False
    m = _LETTERS_RE.match(text, p + 1)
    if m is not None and m.group().lower() in _ELISIONS:
        # 'n' in rock 'n' roll, 'em, 'til, a clitic ’s after a space; but an initialism such
        # as 'S.W.A.T.' may open a quotation
        return m.end() < pend and text[m.end()] == "."
    return True


def _opens_single_quote(text: str, pos: int) -> bool:
    """Whether a paragraph starting at ``pos`` opens with a single quotation mark."""
    return text[pos] in _SINGLE_MARKS and pos + 1 < len(text) and text[pos + 1].isalpha()


def _paragraph_quotes(
    text: str,
    positions: list[int],
    lengths: list[int],
    k: int,
    j: int,
    pstart: int,
    pend: int,
    carry: str,
    next_reopens_single: bool,
    out: list[tuple[int, int, int, int, bool, bool]],
) -> str:
    """Pair the marks ``k..j-1`` (``positions``, ``lengths``) of one paragraph; append the
    quotations.

    ``carry`` is the kind ("d" double, "s" single) of a quotation the previous paragraph left
    open, or "". Returns the kind of the quotation this paragraph leaves open, or "".
    """
    # flanking, after the CommonMark delimiter-run idea: can the mark open, can it close?
    # (a mark at the paragraph start has no character before it, which counts as a space;
    # a mark at the paragraph end can only close)
    kinds: list[str] = []
    opens_ok: list[bool] = []
    closes_ok: list[bool] = []
    last_single_close = -1  # index of the last single mark that can close
    for i in range(k, j):
        p = positions[i]
        q = p + lengths[i]
        prev_space = p == pstart or text[p - 1].isspace()
        if q < pend:
            nxt = text[q]
            can_open = not nxt.isspace() and (prev_space or text[p - 1] in _OPEN_CONTEXT)
            can_close = not prev_space and not nxt.isalnum()
        else:
            can_open = False
            can_close = True
        kind = "d" if q - p == 2 or text[p] in _DOUBLE_MARKS else "s"
        if kind == "s" and can_close:
            last_single_close = i
        kinds.append(kind)
        opens_ok.append(can_open)
        closes_ok.append(can_close)

    open_kind = ""
    open_start = open_len = depth = 0
    for i in range(k, j):
        p = positions[i]
        kind = kinds[i - k]
        if not open_kind:
            can_open = opens_ok[i - k]
            if kind == "d":
                opens = can_open or (not closes_ok[i - k] and text[p] not in _STRONG_CLOSE)
            else:
                opens = (
                    can_open
                    and _single_can_open(text, p, pend)
                    and (last_single_close > i or next_reopens_single or (p == pstart and carry == "s"))
                )
            if opens:
                open_kind, open_start, open_len, depth = kind, p, lengths[i], 1
            continue
        if kind != open_kind:
            continue  # the other kind of mark inside a quotation is part of it
        can_close = closes_ok[i - k]
        if kind == "s":
            if not can_close:
                continue
        elif not can_close:
            c = text[p]
            can_open = opens_ok[i - k]
            if not ((not can_open and c not in _STRONG_OPEN) or (can_open and c in _STRONG_CLOSE)):
                depth += 1  # an opening-only double mark: a nested quotation
                continue
        depth -= 1
        if depth == 0:
            out.append(
                (open_start, p + lengths[i], open_start + open_len, p, True, open_start == pstart and carry == open_kind)
            )
            open_kind = ""
    if open_kind:
        out.append(
            (open_start, pend, open_start + open_len, pend, False, open_start == pstart and carry == open_kind)
        )
    return open_kind


def quote_spans(text: str) -> QuoteSpans:
    """Find the quotations of ``text`` (news style), one row per quotation and paragraph.

    Marks are paired within each paragraph; double (``" “ ” „ « »``, and ``''`` as wire copy
    writes a closing mark) and single (``' ‘ ’``) quotation marks are told from apostrophes by
    their neighbours; an unclosed quotation ends at its paragraph end with ``closed=False``,
    and a paragraph that reopens it is marked ``continued`` (the multi-paragraph convention
    annotated in PARC 3.0, Pareti 2016, and PolNeAR, Newell et al. 2018). See the module
    docstring for the full rules.

    >>> t = "Moscow's 'Open Door' row. \\"It's over,\\" she said. \\"We go\\n\\"on.\\""
    >>> q = quote_spans(t)
    >>> [t[s:e] for s, e in zip(q.start, q.end)]
    ["'Open Door'", '"It\\'s over,"', '"We go', '"on."']
    >>> q.closed.tolist(), q.continued.tolist()
    ([True, True, False, True], [False, False, False, True])
    """
    return QuoteSpans(*(a.copy() for a in _quotes(text)))


@lru_cache(maxsize=_CACHE_SIZE)
def _quotes(text: str) -> QuoteSpans:
    return _quote_array(text, _paragraphs(text))


#: Code points below this one have a function test's results in a table (:func:`_code_table`).
_TABLE_TOP = 0x100


@lru_cache(maxsize=None)
def _code_table(test: str | frozenset[str] | Callable[[str], bool]) -> np.ndarray:
    """The test's result for each code point: every code point up to the largest in a set of
    characters, then one False; for a function, the code points below ``_TABLE_TOP``, then
    one False."""
    if isinstance(test, (str, frozenset)):
        codes = [ord(c) for c in test]
        table = np.zeros(max(codes) + 2, dtype=bool)
        table[codes] = True
        return table
    return np.array([test(chr(c)) for c in range(_TABLE_TOP)] + [False], dtype=bool)


def _char_flags(codes: np.ndarray, index: np.ndarray, *tests: str | frozenset[str] | Callable[[str], bool]
                ) -> list[np.ndarray]:
    """For the characters at ``index`` of a text (``codes``: its code points, see
    :func:`_codes`): one bool array per test, a set of characters or a function (table
    look-ups; a function runs once per distinct character at ``_TABLE_TOP`` and above)."""
    picked = codes[index]
    out = []
    big = distinct = inverse = None
    for test in tests:
        table = _code_table(test)
        flags = table[np.minimum(picked, len(table) - 1)]
        if not isinstance(test, (str, frozenset)):
            if big is None:
                big = np.flatnonzero(picked >= _TABLE_TOP)
                if len(big) > 64:
                    distinct, inverse = np.unique(picked[big], return_inverse=True)
                    distinct = [chr(c) for c in distinct.tolist()]
                elif len(big):
                    distinct = [chr(c) for c in picked[big].tolist()]
            if distinct is not None:
                tested = np.array([test(c) for c in distinct], dtype=bool)
                flags[big] = tested[inverse.reshape(-1)] if inverse is not None else tested
        out.append(flags)
    return out


def _is_word(c: str) -> bool:
    """Whether ``c`` is a word character of the ``re`` module (``\\w``)."""
    return c.isalnum() or c == "_"


def _quote_marks(text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The quotation marks of ``_MARK_RE`` in text order, as offsets, lengths (2 for ``''``,
    wire copy's double mark made of two apostrophes) and whether each is one double mark
    character (``"``, ``“`` ...). ``codes``: the text's code points (:func:`_codes`)."""
    # numpy over the code points: every mark is ", ' or at least U+00AB
    size = len(text)
    pos = np.flatnonzero((codes == 34) | (codes == 39) | (codes >= 0xAB))
    marks = codes[pos]
    double, single = _char_flags(codes, pos, _DOUBLE_MARKS, _SINGLE_MARKS)
    single = np.flatnonzero(single)
    # a single mark counts where it is not inside a word (no word character before or after it)
    p = pos[single]
    word_before, word_after = (_char_flags(codes, np.maximum(p - 1, 0), _is_word)[0] & (p > 0),
                               _char_flags(codes, np.minimum(p + 1, size - 1), _is_word)[0] & (p + 1 < size))
    keep = double.copy()
    keep[single] = ~(word_before & word_after)
    pos, marks, double = pos[keep], marks[keep], double[keep]
    lengths = np.ones(len(pos), dtype=np.int64)
    # '' (and ’’, ‘‘) as a double mark (wire copy): a mark followed by the same mark takes it
    nxt = np.minimum(pos + 1, size - 1)
    twins = np.flatnonzero((pos + 1 < size) & (codes[nxt] == marks) & _char_flags(codes, pos, "'’‘")[0])
    if len(twins):
        taken: list[int] = []
        last = -1
        for x in twins.tolist():
            if x == last:
                continue  # the second mark of a pair
            lengths[x] = 2
            if x + 1 < len(pos) and pos[x + 1] == pos[x] + 1:
                taken.append(x + 1)
                last = x + 1
        if taken:
            pos, lengths, double = np.delete(pos, taken), np.delete(lengths, taken), np.delete(double, taken)
    return pos, lengths, double


def _quote_array(text: str, paragraphs: np.ndarray, doc_of_paragraph: np.ndarray | None = None,
                 codes: np.ndarray | None = None) -> QuoteSpans:
    """Quotations of ``text`` with its ``paragraphs``. With ``doc_of_paragraph`` (the article
    of each paragraph, for texts joined by line breaks), a quotation never continues into
    another article's paragraph, so each article's quotations are those it has alone.

    The marks' flanking (can a mark open, can it close) is computed for all marks at once.
    A paragraph whose double marks pair up in order (open, close, open, close ...: by far the
    most common case) and whose other marks, if any, are single marks that cannot open gets
    its quotations from that directly; every other paragraph goes through
    :func:`_paragraph_quotes`, which gives the same quotations for the simple ones."""
    if codes is None:
        codes = _codes(text)
    pos, lengths, double = _quote_marks(text, codes)
    n = len(pos)
    if not n:
        return _NO_QUOTES
    # marks are never spaces, so each lies inside a paragraph
    para = np.searchsorted(paragraphs[:, 0], pos, side="right") - 1
    pstart = paragraphs[para, 0]
    after = pos + lengths
    # the flanking rules of _paragraph_quotes, for every mark
    prev_space, prev_open = _char_flags(codes, np.maximum(pos - 1, 0), _SPACES, _OPEN_CONTEXT)
    prev_space |= pos == pstart
    next_space, next_alnum = _char_flags(codes, np.minimum(after, len(text) - 1), _SPACES, str.isalnum)
    inner = after < paragraphs[para, 1]
    can_open = inner & ~next_space & (prev_space | prev_open)
    can_close = ~inner | (~prev_space & ~next_alnum)
    (strong_close,) = _char_flags(codes, pos, _STRONG_CLOSE)
    # the paragraphs (groups of marks) whose double marks pair up in order: an opening one
    # (one that opens when no quotation is open) at even ranks, a closing one (one that
    # closes a quotation of depth 1) at odd ranks; their other marks, if any, are single
    # marks that cannot open (apostrophes at a word's end, "the allies' plan"), which then
    # never pair with anything
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = para[1:] != para[:-1]
    first = np.flatnonzero(new_group)
    group = np.cumsum(new_group) - 1
    count = np.diff(np.append(first, n))
    marks = np.flatnonzero(double)  # the double marks, and their rank in their paragraph
    d_group = group[marks]
    d_new = np.ones(len(marks), dtype=bool)
    d_new[1:] = d_group[1:] != d_group[:-1]
    d_first = np.flatnonzero(d_new)
    even = (np.arange(len(marks)) - d_first[np.cumsum(d_new) - 1]) % 2 == 0
    ok = np.where(even, can_open[marks] | (~can_close[marks] & ~strong_close[marks]), can_close[marks])
    other = ~double & ((lengths == 2) | can_open)  # '' or a single mark that can open
    simple = ((np.bincount(d_group[~ok], minlength=len(first)) == 0)
              & (np.bincount(d_group, minlength=len(first)) % 2 == 0)
              & (np.bincount(group[other], minlength=len(first)) == 0))

    # the other paragraphs, in order, each knowing what the previous paragraph left open
    found: list[tuple[int, int, int, int, bool, bool]] = []
    left_open: dict[int, str] = {}  # paragraph -> kind of the quotation it leaves open
    positions, lens = pos.tolist(), lengths.tolist()
    pstarts, pends = paragraphs[:, 0].tolist(), paragraphs[:, 1].tolist()
    docs = doc_of_paragraph.tolist() if doc_of_paragraph is not None else None
    n_paragraphs = len(pstarts)
    first_l, count_l, para_l = first.tolist(), count.tolist(), para.tolist()
    for g in np.flatnonzero(~simple).tolist():
        k = first_l[g]
        pi = para_l[k]
        carry = ""
        if pi >= 1 and (docs is None or docs[pi - 1] == docs[pi]):
            carry = left_open.get(pi - 1, "")
        next_reopens = (pi + 1 < n_paragraphs and (docs is None or docs[pi + 1] == docs[pi])
                        and _opens_single_quote(text, pstarts[pi + 1]))
        kind = _paragraph_quotes(text, positions, lens, k, k + count_l[g], pstarts[pi], pends[pi], carry,
                                 next_reopens, found)
        if kind:
            left_open[pi] = kind

    # the simple paragraphs: consecutive double marks pair up
    paired = np.flatnonzero(simple[d_group] & even)
    opening, closing = marks[paired], marks[paired + 1]
    continued = pos[opening] == pstart[opening]
    if continued.any():
        # a paragraph opening with a mark continues a double quotation left open just before
        reopened = np.array([pi for pi, kind in left_open.items() if kind == "d"], dtype=np.int64)
        prev = para[opening] - 1
        continued &= np.isin(prev, reopened)
        if doc_of_paragraph is not None:
            continued &= doc_of_paragraph[para[opening]] == doc_of_paragraph[np.maximum(prev, 0)]
    if not found and not len(opening):
        return _NO_QUOTES
    rest = np.array(found, dtype=np.int64).reshape(-1, 6).T
    start = np.concatenate((pos[opening], rest[0]))
    order = np.argsort(start, kind="stable")
    columns = (
        start,
        np.concatenate((pos[closing] + 1, rest[1])),
        np.concatenate((pos[opening] + 1, rest[2])),
        np.concatenate((pos[closing], rest[3])),
        np.concatenate((np.ones(len(opening), dtype=bool), rest[4].astype(bool))),
        np.concatenate((continued, rest[5].astype(bool))),
    )
    return QuoteSpans(*(_frozen(c[order]) for c in columns))


_NO_QUOTES = QuoteSpans(
    *(_frozen(np.zeros(0, dtype=np.int64)) for _ in range(4)),
    _frozen(np.zeros(0, dtype=bool)),
    _frozen(np.zeros(0, dtype=bool)),
)


class BatchSegments(NamedTuple):
    """Sentences, quotations and scare quotes of several texts, in the coordinates of the
    texts joined by ``"\\n"`` (text ``d`` starts at ``offsets[d]``)."""

    offsets: np.ndarray  #: int64, len(texts) + 1: start of each text in the joined text (and its end + 1)
    sentence_starts: np.ndarray  #: int64, start of every sentence, texts in order
    sentence_offsets: np.ndarray  #: int64, len(texts) + 1: index of each text's first sentence
    quotes: QuoteSpans  #: every quotation, texts in order
    scare: np.ndarray  #: (n, 2) scare quote spans, texts in order
    sentences: np.ndarray  #: (n, 2) every sentence's start and end, texts in order


def segment_batch(texts: list[str], cue_spans: np.ndarray | None = None, *, max_words: int = 4,
                  window: int = 60, max_gap_words: int = 4) -> BatchSegments:
    """Sentences, quotations and scare quotes of many texts at once: exactly what
    :func:`sentence_spans`, :func:`quote_spans` and :func:`scare_quotes` give for each text,
    shifted by the text's offset in the texts joined by a line break. Joined, the regular
    expressions scan once and nothing is paid per text; a line break cannot be part of a
    sentence, quotation or word, and quotations and cues never reach across texts.

    ``cue_spans``: attribution cues as ``(m, 2)`` spans in the joined coordinates, sorted by
    start (None: no cue information); the other options are those of :func:`scare_quotes`.

    >>> b = segment_batch(['He said "no."', 'A "false flag" op. Next one.'], np.array([[3, 7]]))
    >>> b.offsets.tolist(), b.sentence_starts.tolist(), b.sentence_offsets.tolist()
    ([0, 14, 43], [0, 14, 33], [0, 1, 3])
    >>> b.scare.tolist()  # "no" follows the cue "said": not a scare quote
    [[17, 27]]
    """
    n = len(texts)
    offsets = np.zeros(n + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(t) + 1 for t in texts])
    joined = "\n".join(texts)
    codes = _codes(joined)
    paragraphs = _paragraph_array(joined, codes)
    sentences = _sentence_array(joined, paragraphs, codes)
    sentence_starts = sentences[:, 0]
    sentence_offsets = np.searchsorted(sentence_starts, offsets)
    doc_of_paragraph = np.searchsorted(offsets, paragraphs[:, 0], side="right") - 1
    quotes = _quote_array(joined, paragraphs, doc_of_paragraph, codes)
    scare = _scare_spans(joined, quotes, sentences, cue_spans, max_words, window, max_gap_words,
                         (offsets[:-1], offsets[1:] - 1), codes)
    return BatchSegments(offsets, sentence_starts, sentence_offsets, quotes, scare, sentences)


# ----------------------------------------------------------------------------- voice


def voice_mask(text: str, quotes: QuoteSpans | None = None) -> np.ndarray:
    """Return a bool array of ``len(text)``: True where a character is in quoted voice.

    Quoted voice is every character of a quotation, its marks included; the rest (whitespace
    between paragraphs too) is narrator voice, the outlet's own words. Pass ``quotes`` to reuse
    a :func:`quote_spans` result.

    >>> t = 'Kiev said "Donbas is ours" today.'
    >>> "".join("q" if v else "n" for v in voice_mask(t))
    'nnnnnnnnnnqqqqqqqqqqqqqqqqnnnnnnn'
    """
    if quotes is None:
        quotes = _quotes(text)
    mask = np.zeros(len(text), dtype=bool)
    for start, end in zip(quotes.start.tolist(), quotes.end.tolist()):
        mask[start:end] = True
    return mask


# ----------------------------------------------------------------------------- scare quotes


def scare_quotes(
    text: str,
    quotes: QuoteSpans,
    cue_spans: np.ndarray | None = None,
    *,
    max_words: int = 4,
    window: int = 60,
    max_gap_words: int = 4,
) -> np.ndarray:
    """Return the spans (content without marks or trailing punctuation) of scare quotes.

    A scare quote is a short closed quotation (1..``max_words`` words) inside a narrator
    sentence that no attribution cue (``cue_spans``, ``(m, 2)`` offsets from the attribution
    lexicon; None means no cue information) introduces, that no colon introduces, and that is not direct speech (a sentence-initial quotation ending in
    punctuation, or any quotation in a sentence holding one). A cue introduces a quotation
    when it lies within ``window`` characters and at most ``max_gap_words`` words before it
    ("accused NATO on Friday of 'escalation ...'") or after it; a cue further off governs a
    clause, not the quoted words ("continued to claim that such an attack could happen 'at
    any time'" keeps the scare quote). Following Predelli (2003) and the
    PARC 3.0 / PolNeAR guidelines (Pareti 2016; Newell et al. 2018), marks that only distance
    the writer from a word are not attributions.

    >>> t = ('Officials said an attack could come "at any time." '
    ...      'Moscow denied any plan to stage a "false flag" incident there.')
    >>> q = quote_spans(t)
    >>> [t[s:e] for s, e in scare_quotes(t, q)]
    ['at any time', 'false flag']
    >>> cues = np.array([[10, 14]])  # "said"
    >>> [t[s:e] for s, e in scare_quotes(t, q, cues)]
    ['false flag']
    """
    if len(quotes.start) == 0:
        return _EMPTY_SPANS.copy()
    return _scare_spans(text, quotes, _sentences(text), cue_spans, max_words, window, max_gap_words)


def _scare_spans(text: str, quotes: QuoteSpans, sentences: np.ndarray, cue_spans: np.ndarray | None,
                 max_words: int, window: int, max_gap_words: int,
                 doc_bounds: tuple[np.ndarray, np.ndarray] | None = None,
                 codes: np.ndarray | None = None) -> np.ndarray:
    """:func:`scare_quotes` with the sentences given. With ``doc_bounds`` (the ``[start, end)``
    of every article of texts joined by line breaks), a cue only counts for quotations of
    its own article. ``codes``: the text's code points (:func:`_codes`), if at hand.

    The tests run on all quotations at once where a character decides them (numpy over the
    characters at the quotations' edges); Python loops only over the few quotations left
    (whitespace to skip, word counts, cues)."""
    n = len(quotes.start)
    if n == 0 or len(sentences) == 0:
        return _EMPTY_SPANS.copy()
    if codes is None:
        codes = _codes(text)
    cues = None
    if cue_spans is not None:
        cues = np.asarray(cue_spans, dtype=np.int64).reshape(-1, 2)
    qs, qe, cs, ce = quotes.start, quotes.end, quotes.content_start, quotes.content_end
    s_starts, s_ends = sentences[:, 0], sentences[:, 1]
    sent = np.searchsorted(s_starts, qs, side="right") - 1
    inside = quotes.closed & (sent >= 0)
    # first word character of each sentence that holds a closed quotation
    first = np.zeros(len(sentences), dtype=np.int64)
    held = _distinct(sent[inside])  # quotations are in text order: sent is sorted
    first[held] = _first_alnum(text, s_starts[held], s_ends[held], codes)

    # sentences holding direct speech: a sentence-initial quotation whose content ends in
    # punctuation (after any whitespace)
    i = np.flatnonzero(inside & (ce > cs))
    space, ends_direct = _char_flags(codes, ce[i] - 1, _SPACES, _DIRECT_END)
    for x in np.flatnonzero(space).tolist():
        a, k = int(cs[i[x]]), int(ce[i[x]]) - 1
        while k >= a and text[k].isspace():
            k -= 1
        ends_direct[x] = k >= a and text[k] in _DIRECT_END
    i = i[ends_direct]
    direct = _distinct(sent[i][first[sent[i]] >= qs[i]])

    # candidates: closed, not continued, not in a sentence with direct speech ...
    i = np.flatnonzero(inside & ~quotes.continued & ~_listed(sent, direct))
    # ... not introduced by a colon (the last non-space before the quotation, in its sentence)
    s0 = s_starts[sent[i]]
    before = np.maximum(qs[i] - 1, 0)
    space, colon = _char_flags(codes, before, _SPACES, ":")
    colon &= qs[i] - 1 >= s0
    # after one space (the usual case), the character before it decides
    spaced = np.flatnonzero(space & (qs[i] - 1 >= s0))
    k = before[spaced] - 1
    space, colon[spaced] = _char_flags(codes, np.maximum(k, 0), _SPACES, ":")
    colon[spaced] &= k >= s0[spaced]
    for x in spaced[space & (k >= s0[spaced])].tolist():
        k, lo = int(before[x]), int(s0[x])
        while k >= lo and text[k].isspace():
            k -= 1
        colon[x] = k >= lo and text[k] == ":"
    i = i[~colon]
    # ... not the whole sentence (a sentence-initial quotation with no word after it)
    whole = np.zeros(len(i), dtype=bool)
    for x in np.flatnonzero(first[sent[i]] >= qs[i]).tolist():
        si = int(sent[i[x]])
        lo, last = int(s_starts[si]), int(s_ends[si]) - 1
        while last >= lo and not text[last].isalnum():
            last -= 1
        whole[x] = last < qe[i[x]]
    i = i[~whole]
    # ... of 1..max_words words
    if max_words < 1:
        return _EMPTY_SPANS.copy()
    few_words = _word_count(1, max_words).fullmatch
    candidates = [q for q, a, b in zip(i.tolist(), cs[i].tolist(), ce[i].tolist()) if few_words(text, a, b)]
    if not candidates:
        return _EMPTY_SPANS.copy()
    if cues is not None and len(cues):
        # the cue test last, for the few quotations that passed every other one
        limits = None
        if doc_bounds is not None:
            d_start, d_end = doc_bounds
            doc = np.searchsorted(d_start, qs[candidates], side="right") - 1
            limits = (d_start[doc], d_end[doc])
        near = _near_cues(text, qs[candidates], qe[candidates], cues, window, max_gap_words, limits)
        candidates = [q for q, veto in zip(candidates, near) if not veto]
    out_s: list[int] = []
    out_e: list[int] = []
    for a, b in zip(cs[candidates].tolist(), ce[candidates].tolist()):
        # the content without surrounding whitespace and trailing punctuation
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in _TRAILING_PUNCT):
            b -= 1
        if a < b:
            out_s.append(a)
            out_e.append(b)
    return _as_spans(out_s, out_e)


def _first_alnum(text: str, starts: np.ndarray, ends: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The offset of the first word character (:meth:`str.isalnum`) in each ``[start, end)``
    of ``text`` (``codes``: its code points), or ``end`` when there is none."""
    first = ends.copy()
    todo = np.flatnonzero(starts < ends)
    for step in (0, 1):  # most sentences start with a word character or one mark before it
        at = starts[todo] + step
        inside = at < ends[todo]
        (alnum,) = _char_flags(codes, np.minimum(at, len(text) - 1), str.isalnum)
        hit = inside & alnum
        first[todo[hit]] = at[hit]
        todo = todo[inside & ~alnum]
    for x in todo.tolist():
        m = _ALNUM_RE.search(text, int(starts[x]), int(ends[x]))
        first[x] = m.start() if m else ends[x]
    return first


@lru_cache(maxsize=None)
def _word_count(least: int, most: int) -> re.Pattern[str]:
    """A regex that matches a whole text (``fullmatch``) of ``least`` to ``most`` words of
    ``_WORD_RE`` and non-word characters: each word is matched as finditer would match it
    (``(?=(w))\\1`` cannot backtrack into the word), the characters between them skipped."""
    return re.compile(rf"[\W_]*(?:(?=({_WORD_RE.pattern}))\1[\W_]*){{{least},{most}}}")


def _near_cues(text: str, q0: np.ndarray, q1: np.ndarray, cues: np.ndarray, window: int,
               max_gap_words: int, limits: tuple[np.ndarray, np.ndarray] | None = None) -> list[bool]:
    """For each quotation ``[q0, q1)``: does a cue introduce it (within ``window`` characters
    and at most ``max_gap_words`` words before or after it, or overlapping it)? With
    ``limits`` (per quotation, its article's ``[start, end)``), only cues starting there count."""
    cues = cues[np.argsort(cues[:, 0], kind="stable")]
    # only cues starting within [start - window - longest cue, end + window] can be near
    longest = int((cues[:, 1] - cues[:, 0]).max())
    lo, hi = q0 - window - longest, q1 + window
    if limits is not None:
        lo, hi = np.maximum(lo, limits[0]), np.minimum(hi, limits[1] - 1)
    first = np.searchsorted(cues[:, 0], lo, side="left")
    count = np.maximum(np.searchsorted(cues[:, 0], hi, side="right") - first, 0)
    # every (quotation, cue) pair to look at
    quote = np.repeat(np.arange(len(q0)), count)
    cue = first[quote] + np.arange(len(quote)) - (np.cumsum(count) - count)[quote]
    cs, ce, qs, qe = cues[cue, 0], cues[cue, 1], q0[quote], q1[quote]
    before = ce <= qs
    overlap = ~before & (cs < qe)
    near = np.zeros(len(q0), dtype=bool)
    near[quote[overlap]] = True
    # the text between cue and quotation: at most window characters and max_gap_words words
    a, b = np.where(before, ce, qe), np.where(before, qs, cs)
    check = np.flatnonzero(~overlap & (b - a <= window) & ~near[quote])
    if max_gap_words >= 0 and len(check):
        few_words = _word_count(0, max_gap_words).fullmatch
        for x, i, j in zip(quote[check].tolist(), a[check].tolist(), b[check].tolist()):
            if not near[x] and few_words(text, i, j):
                near[x] = True
    return near.tolist()
