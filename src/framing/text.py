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
    Regular expressions find the candidates (sentence punctuation, quotation marks outside
    words) and short Python loops decide on them; all five public functions together run at
    about 20 MB/s of news prose on one core (NLTK's Punkt tokenizer alone: about 3 MB/s).
    Paragraphs, sentences and quotations of the last few texts are cached (read-only; the
    public functions return copies), so a pipeline calling several functions on the same
    article computes each only once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import islice
from typing import NamedTuple

import numpy as np

__all__ = [
    "QuoteSpans",
    "paragraph_spans",
    "sentence_spans",
    "quote_spans",
    "voice_mask",
    "scare_quotes",
    "load_abbreviations",
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
#: skip ahead to the first character: three times faster.)
_BOUNDARY_RE = re.compile(rf"[.!?…][.!?…]*([{re.escape(_CLOSERS)}]*)[{_HSPACE_CLASS}]+")
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
#: A double mark anywhere; a single mark only where it is not inside a word (so the many
#: in-word apostrophes, Moscow's, don't, never reach the Python loop).
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
    starts: list[int] = []
    ends: list[int] = []
    for m in _PARAGRAPH_RE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
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
    return c.isupper() or c.isdigit() or (c.isalpha() and not c.islower())


def _is_abbreviation(text: str, s: int, abbreviations: frozenset[str]) -> bool:
    """Whether the word ending just before the period at ``s`` is an abbreviation."""
    lo = max(0, s - 40)
    i = text.rfind(" ", lo, s)
    token = text[(i + 1) if i >= 0 else lo : s]
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


def _sentence_breaks(text: str) -> tuple[list[int], list[int]]:
    """End of each sentence that is followed by another in the same paragraph, and next start."""
    abbreviations = load_abbreviations()
    limit = _abbreviation_limit() + 1
    ends: list[int] = []
    starts: list[int] = []
    size = len(text)
    line_breaks = _LINE_BREAKS
    for m in _BOUNDARY_RE.finditer(text):
        n = m.end()
        if n >= size:
            continue  # text end: handled by paragraph_spans
        c = text[n]
        if c.islower() or c in line_breaks:
            continue  # "etc. and", "Why?" he asked; a paragraph end
        if not c.isupper() and not _starts_sentence(text, n):
            continue
        s = m.start()
        e, end = m.span(1)
        if e - s == 1 and end == e and text[s] == ".":
            # a single period: is the word before it an abbreviation? (fast path: a word
            # longer than the longest entry is not)
            if not text[s - limit : s].isalpha() and _is_abbreviation(text, s, abbreviations):
                if not _next_is_starter(text, n):
                    continue
        j = s - 1
        if j < 0 or text[j].isspace():
            while j >= 0 and text[j].isspace() and text[j] not in line_breaks:
                j -= 1
            if j < 0 or text[j] in line_breaks:
                continue  # a paragraph that opens with "..." is not a sentence by itself
        ends.append(end)
        starts.append(n)
    return ends, starts


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
    paragraphs = _paragraphs(text)
    ends, starts = _sentence_breaks(text)
    if not ends:
        return paragraphs
    all_starts = np.concatenate([paragraphs[:, 0], np.asarray(starts, dtype=np.int64)])
    all_ends = np.concatenate([paragraphs[:, 1], np.asarray(ends, dtype=np.int64)])
    all_starts.sort()
    all_ends.sort()
    return _frozen(_as_spans(all_starts, all_ends))


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
    marks: list[tuple[int, int, str]],
    pstart: int,
    pend: int,
    carry: str,
    next_reopens_single: bool,
    out: list[tuple[int, int, int, int, bool, bool]],
) -> str:
    """Pair the marks ``(position, length, kind)`` of one paragraph; append the quotations.

    ``carry`` is the kind ("d" double, "s" single) of a quotation the previous paragraph left
    open, or "". Returns the kind of the quotation this paragraph leaves open, or "".
    """
    # flanking, after the CommonMark delimiter-run idea: can the mark open, can it close?
    flanks: list[tuple[bool, bool]] = []
    for p, length, _ in marks:
        prev = text[p - 1] if p > pstart else ""
        q = p + length
        nxt = text[q] if q < pend else ""
        can_open = nxt != "" and not nxt.isspace() and (
            prev == "" or prev.isspace() or prev in _OPEN_CONTEXT
        )
        # a mark at the paragraph end can only close
        can_close = nxt == "" or (
            prev != "" and not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
        )
        flanks.append((can_open, can_close))
    # is a possible closing single quote still to come after mark i?
    single_close_later = [False] * len(marks)
    seen = False
    for i in range(len(marks) - 1, -1, -1):
        single_close_later[i] = seen
        if marks[i][2] == "s" and flanks[i][1]:
            seen = True

    open_kind = ""
    open_start = open_len = depth = 0
    for i, (p, length, kind) in enumerate(marks):
        can_open, can_close = flanks[i]
        c = text[p]
        if not open_kind:
            if kind == "d":
                opens = can_open or (not can_close and c not in _STRONG_CLOSE)
            else:
                opens = (
                    can_open
                    and _single_can_open(text, p, pend)
                    and (single_close_later[i] or next_reopens_single or (p == pstart and carry == "s"))
                )
            if opens:
                open_kind, open_start, open_len, depth = kind, p, length, 1
            continue
        if kind != open_kind:
            continue  # the other kind of mark inside a quotation is part of it
        if kind == "s":
            if not can_close:
                continue
        elif not (
            can_close
            or (not can_open and c not in _STRONG_OPEN)
            or (can_open and c in _STRONG_CLOSE)
        ):
            depth += 1  # an opening-only double mark: a nested quotation
            continue
        depth -= 1
        if depth == 0:
            out.append(
                (open_start, p + length, open_start + open_len, p, True, open_start == pstart and carry == open_kind)
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
    paragraphs = _paragraphs(text)
    positions: list[int] = []
    marks: list[tuple[int, int, str]] = []
    skip = -1
    size = len(text)
    for m in _MARK_RE.finditer(text):
        p = m.start()
        if p < skip:
            continue
        c = text[p]
        if c in _DOUBLE_MARKS:
            marks.append((p, 1, "d"))
        elif c in "'’‘" and p + 1 < size and text[p + 1] == c:
            marks.append((p, 2, "d"))  # '' as a double mark (wire copy)
            skip = p + 2
        else:
            marks.append((p, 1, "s"))
        positions.append(p)
    found: list[tuple[int, int, int, int, bool, bool]] = []
    if marks:
        para_of = (np.searchsorted(paragraphs[:, 0], np.asarray(positions, dtype=np.int64), side="right") - 1).tolist()
        pstarts = paragraphs[:, 0].tolist()
        pends = paragraphs[:, 1].tolist()
        n_paragraphs = len(pstarts)
        carry = ""
        carry_para = -2
        k = 0
        while k < len(marks):
            pi = para_of[k]
            j = k + 1
            while j < len(marks) and para_of[j] == pi:
                j += 1
            if carry_para != pi - 1:
                carry = ""
            next_reopens = pi + 1 < n_paragraphs and _opens_single_quote(text, pstarts[pi + 1])
            carry = _paragraph_quotes(text, marks[k:j], pstarts[pi], pends[pi], carry, next_reopens, found)
            carry_para = pi
            k = j
    if found:
        start, end, cstart, cend, closed, continued = (list(col) for col in zip(*found))
    else:
        start = end = cstart = cend = closed = continued = []
    return QuoteSpans(
        start=_frozen(np.asarray(start, dtype=np.int64)),
        end=_frozen(np.asarray(end, dtype=np.int64)),
        content_start=_frozen(np.asarray(cstart, dtype=np.int64)),
        content_end=_frozen(np.asarray(cend, dtype=np.int64)),
        closed=_frozen(np.asarray(closed, dtype=bool)),
        continued=_frozen(np.asarray(continued, dtype=bool)),
    )


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
    n = len(quotes.start)
    if n == 0:
        return _EMPTY_SPANS.copy()
    sentences = _sentences(text)
    if len(sentences) == 0:
        return _EMPTY_SPANS.copy()
    qs = quotes.start.tolist()
    qe = quotes.end.tolist()
    cs = quotes.content_start.tolist()
    ce = quotes.content_end.tolist()
    closed = quotes.closed.tolist()
    continued = quotes.continued.tolist()
    sent_of = (np.searchsorted(sentences[:, 0], np.asarray(quotes.start), side="right") - 1).tolist()
    s_starts = sentences[:, 0].tolist()
    s_ends = sentences[:, 1].tolist()
    near_cue = _near_cues(text, quotes, cue_spans, window, max_gap_words)

    # first and last word character of each sentence that holds a quotation
    word_bounds: dict[int, tuple[int, int]] = {}

    def bounds(si: int) -> tuple[int, int]:
        if si not in word_bounds:
            s0, s1 = s_starts[si], s_ends[si]
            m = _ALNUM_RE.search(text, s0, s1)
            first = m.start() if m else s1
            last = s1 - 1
            while last >= s0 and not text[last].isalnum():
                last -= 1
            word_bounds[si] = (first, last)
        return word_bounds[si]

    def last_char(start: int, end: int) -> str:
        k = end - 1
        while k >= start and text[k].isspace():
            k -= 1
        return text[k] if k >= start else ""

    # sentences holding direct speech: a sentence-initial quotation ending in punctuation
    direct_sentences = set()
    for i in range(n):
        si = sent_of[i]
        if si >= 0 and closed[i] and bounds(si)[0] >= qs[i] and last_char(cs[i], ce[i]) in _DIRECT_END:
            direct_sentences.add(si)

    out_s: list[int] = []
    out_e: list[int] = []
    for i in range(n):
        si = sent_of[i]
        if not closed[i] or continued[i] or near_cue[i] or si < 0 or si in direct_sentences:
            continue
        first, last = bounds(si)
        if first >= qs[i] and last < qe[i]:
            continue  # the quotation is the whole sentence
        k = qs[i] - 1
        while k >= s_starts[si] and text[k].isspace():
            k -= 1
        if k >= s_starts[si] and text[k] == ":":
            continue  # introduced by a colon
        a, b = cs[i], ce[i]
        words = sum(1 for _ in islice(_WORD_RE.finditer(text, a, b), max_words + 1))
        if words < 1 or words > max_words:
            continue
        # the content without surrounding whitespace and trailing punctuation
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in _TRAILING_PUNCT):
            b -= 1
        if a < b:
            out_s.append(a)
            out_e.append(b)
    return _as_spans(out_s, out_e)


def _near_cues(text: str, quotes: QuoteSpans, cue_spans: np.ndarray | None, window: int,
               max_gap_words: int) -> list[bool]:
    """For each quotation: does a cue introduce it (within ``window`` characters and at most
    ``max_gap_words`` words before or after it, or overlapping it)?"""
    n = len(quotes.start)
    if cue_spans is None:
        return [False] * n
    cues = np.asarray(cue_spans, dtype=np.int64).reshape(-1, 2)
    if len(cues) == 0:
        return [False] * n
    cues = cues[np.argsort(cues[:, 0], kind="stable")]
    q0 = np.asarray(quotes.start, dtype=np.int64)
    q1 = np.asarray(quotes.end, dtype=np.int64)
    # only cues starting within [start - window - longest cue, end + window] can be near
    lo = np.searchsorted(cues[:, 0], q0 - window - int((cues[:, 1] - cues[:, 0]).max()), side="left")
    hi = np.searchsorted(cues[:, 0], q1 + window, side="right")
    out = []
    for qs, qe, a, b in zip(q0.tolist(), q1.tolist(), lo.tolist(), hi.tolist()):
        near = False
        for cs, ce in cues[a:b].tolist():
            if ce <= qs:
                gap, between = qs - ce, text[ce:qs]
            elif cs >= qe:
                gap, between = cs - qe, text[qe:cs]
            else:
                near = True  # overlapping
                break
            if gap <= window and len(_WORD_RE.findall(between)) <= max_gap_words:
                near = True
                break
        out.append(near)
    return out
