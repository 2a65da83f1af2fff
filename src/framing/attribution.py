"""Attributions: who says what, with which reporting verb, and how the outlet frames it.

:func:`quotes` finds, in each article, the attributions of PARC 3.0 (Pareti 2016) and
PolNeAR (Newell, Margolin & Ruths 2018): a **source** (the speaker), a **cue** (the reporting
verb or phrase) and a **content** (what is attributed). One row per attribution, with the
columns of :data:`framing.schema.QUOTE_COLUMNS` plus ``speaker_name``, ``sentence``,
``field`` and ``problems``:

* ``kind``: ``direct`` (a quotation with its cue: ``"...," X said``, ``X said: "..."``,
  ``"...," said X``, quotations running over paragraphs), ``mixed`` (reported speech with a
  partial quotation: ``warning that "a full-scale offensive can begin" at any moment``),
  ``indirect`` (``X said that ...``, ``X told Sputnik that ...``, ``X accused Y of ...``,
  ``X denied ...``), ``according_to`` and ``nominal`` (``Moscow's claim that ...``,
  ``the accusation``);
* ``cue`` and ``stance``: the cue is a hit of the ``attribution`` lexicon (inflections and
  multiword cues such as "has continued to claim" included) and the stance its subcategory
  (``neutral``, ``distancing``, ``emphatic``, ``conflict``, ``endorsing``, ``concessive``);
  ``:`` is the cue of ``X: "..."``, with no stance;
* ``speaker``: the noun phrase as written ("Russian Foreign Ministry spokesperson Maria
  Zakharova", "a State Department spokesperson", "she"); ``speaker_name`` the name it
  resolves to (pronouns and short references such as "the spokesperson" resolve to the most
  recent compatible speaker before them);
* ``source_type``: ``person``, ``government``, ``organisation``, ``anonymous``, ``media``,
  ``document`` or ``pronoun_unresolved``;
* ``nested``: the cue lies inside another attribution's content ("Sexton said he *thinks*
  ..."), reported speech within reported speech;
* ``field``: ``text`` (offsets index into the article's ``text``) or ``title`` (offsets
  index into its ``title``, so the headline's stance can be compared with the body's);
* ``problems``: what could not be found or looks wrong, comma-separated: ``no_speaker``,
  ``no_content``, ``no_cue``, ``unclosed_quote``, ``pronoun_unresolved``. Nothing aborts an
  article: an unbalanced quotation mark, a quotation with no speaker, a cue with no content
  are all kept and flagged.

There is no part-of-speech tagger or parser that works offline, so speakers are found by
rules over tokens, capitalisation, quotation marks and the word classes of the ``speakers``
lexicon (titles, unnamed-source heads, government and organisation words, news outlets,
documents, pronouns, determiners, the words skipped between a subject and its verb and the
words that start a new clause). The rules, in the order they are tried for each cue in the
outlet's own voice:

1. ``according to X`` -> speaker after the cue, content the rest of the sentence;
2. a quotation just before the cue (``"...," X said`` / ``"...," said X``) -> direct;
3. a quotation just after the cue (``X said: "..."``, ``X told Sputnik, "..."``) -> direct,
   or mixed when ``that`` comes between;
4. otherwise reported speech: the speaker is the noun phrase before the cue (skipping
   "has", "also", "likewise" ...; an apposition "Denis Pushilin, the head of the DPR," is kept
   whole), after it when inverted, or, for a participle after a comma (", telling Sputnik
   that"), the speaker of the sentence's previous cue or its subject; the content runs from
   the cue (after "that" and the addressee of "told") to the end of the clause.

A quotation of four words or more that no cue claims is still listed (kind ``direct``, flag
``no_cue``), with the speaker of ``X: "..."`` when it has one.

Example:
    >>> t = '"We will insist on it," she said. Moscow has denied any intent.'
    >>> q = quotes(t)
    >>> q[["kind", "speaker", "cue", "stance", "content"]].values.tolist()
    [['direct', 'she', 'said', 'neutral', 'We will insist on it'], ['indirect', 'Moscow', 'denied', 'conflict', 'any intent']]
    >>> q[["speaker_name", "source_type", "problems"]].values.tolist()
    [[<NA>, 'pronoun_unresolved', 'pronoun_unresolved'], ['Moscow', 'government', '']]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache, partial
from typing import Any, Iterator, NamedTuple

import numpy as np
import pandas as pd

from .lexicon import Lexicon, load_lexicon
from .schema import QUOTE_COLUMNS
from .spans import ArticleAnalysis, LexiconSet, _iter_analyses, as_articles, iter_titles, map_chunks

__all__ = ["quotes", "sources", "sourcing_row", "Attributor", "ATTRIBUTION_COLUMNS", "SOURCING_COLUMNS",
           "STANCES", "SOURCE_TYPES"]

#: Columns of :func:`quotes`: the contract's columns, then the extras.
ATTRIBUTION_COLUMNS: tuple[str, ...] = QUOTE_COLUMNS + ("speaker_name", "sentence", "field", "nested", "problems")
#: The stances of the ``attribution`` lexicon.
STANCES: tuple[str, ...] = ("neutral", "distancing", "emphatic", "conflict", "endorsing", "concessive")
#: The source types a speaker can have.
SOURCE_TYPES: tuple[str, ...] = ("person", "government", "organisation", "anonymous", "media",
                                 "document", "pronoun_unresolved")

_MAX_NP = 12  # tokens of a speaker noun phrase
_MAX_SOURCE = 20  # tokens of the source after "according to"
_COLON_REACH = 80  # a line's colon is looked for in its first 80 characters
_MAX_COLON_SPEAKER = 6  # tokens before the colon of a "Graham: Trump's rhetoric ..." line
_FRAME_ROWS = 20_000  # attribution rows kept as dicts before they become a table
_MIN_QUOTE_WORDS = 4  # a quotation without a cue is listed from this length on
_THAT_WINDOW = 6  # "that" this many tokens after a cue starts its content
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)"
_TIME_LEAD = re.compile(
    r"(?:(?:on|last|this|earlier|early|late|later)\s+)?(?:" + _DAYS + r"|week|month|year|morning|"
    r"afternoon|evening|night)(?:\s+(?:morning|afternoon|evening|night))?\b[\s,]*", re.IGNORECASE)
# the characters a match of _TIME_LEAD can start with (its words' first letters in either case,
# and the long s that re.IGNORECASE takes for an s): content starting otherwise is not matched
_TIME_FIRST = frozenset("oltemwfsynaOLTEMWFSYNA\u017f")
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "today", "yesterday", "tonight", "week", "month", "year", "morning",
                         "afternoon", "evening", "night"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves"})
_LY_NOUNS = frozenset({"family", "ally", "assembly", "supply", "rally", "daily", "weekly", "monthly",
                       "anomaly", "monopoly", "italy", "bully", "belly", "jelly", "folly", "lily"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_TELL = frozenset({"tell", "tells", "told", "telling"})
_PLAIN_GAP = re.compile(r"[ \t\u00a0\u2009\u202f]*(?:[-\u2010\u2011][ \t]*)?")
_MAX_PAREN = 16  # characters of a parenthesis skipped inside a speaker ("(R-Fla.)")
_PAREN_AFTER = re.compile(r"[ \t]*\([^()\n]{1,%d}\)[ \t]+" % _MAX_PAREN)
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # the line breaks of str.splitlines
_LINE_BREAK = re.compile(f"[{_BREAKS}]")
_LAST_BREAK = re.compile(f"[{_BREAKS}](?=[^{_BREAKS}]*\\Z)")
_COLON_LABELS = frozenset({"update", "updated", "photo", "photos", "video", "watch", "related", "read",
                           "note", "editor's", "source", "sources", "credit", "correction", "warning",
                           "breaking", "exclusive", "opinion", "analysis", "q", "a", "by", "listen",
                           "contributing", "name", "byline", "twitter", "facebook", "email", "age",
                           "city", "follow", "posted", "published", "tags", "topics", "image"})
_ALL_CAPS = re.compile(r"[A-Z][A-Z.&-]+\Z")
_QUOTE_OR_STOP = re.compile('["“”.!?]')  # a quotation mark or a sentence end between a quotation and its cue
_QUOTE_LEAD = re.compile(r"\s*(?:(that)\s*)?[,:]?\s*(?:(that)\s+)?")  # between a cue and its quotation
_NON_SPEAKER_CAPS = frozenset({"on", "in", "at", "monday", "tuesday", "wednesday", "thursday",
                               "friday", "saturday", "sunday", "today", "yesterday"})


class _Words(NamedTuple):
    """The word classes of the ``speakers`` lexicon, each a set of lowercase words/phrases."""

    cls: dict[str, str]  # word or phrase -> class (its first class in the file)
    phrases: dict[tuple[str, ...], str]  # multiword entries -> class
    stamp: str
    phrase_first: frozenset[str] = frozenset()  # the first words of the phrases


@lru_cache(maxsize=4)
def _words(source: str = "speakers") -> _Words:
    lex: Lexicon = load_lexicon(source)
    cls: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for e in lex.entries:
        key = e.pattern.lower()
        if len(e.words) > 1:
            phrases.setdefault(tuple(e.pattern.lower().split()), e.subcategory)
        cls.setdefault(key, e.subcategory)
    return _Words(cls, phrases, lex.stamp(), frozenset(p[0] for p in phrases))


class _Speaker(NamedTuple):
    start: int
    end: int
    name: str | None
    type: str


class _Lower(dict):
    """Tokens in lower case (a typographic apostrophe made plain), each computed on first
    use: the rules read the few tokens around each cue, many times, not every token, and
    reading a token already there costs one dictionary lookup.

    A token is lowered alone, except one with a capital sigma: its lower case depends on the
    letters around it (final sigma), so it is cut from the lowered whole text when lowering
    keeps the text's length (as every token was before)."""

    __slots__ = ("text", "S", "E", "_lowered")

    def __init__(self, text: str, S: list[int], E: list[int]):
        super().__init__()
        self.text, self.S, self.E = text, S, E
        self._lowered: str | None = None

    def __missing__(self, i: int) -> str:
        w = self.text[self.S[i]:self.E[i]]
        if "\u03a3" in w:
            if self._lowered is None:
                self._lowered = self.text.lower().replace("\u2019", "'")
            if len(self._lowered) == len(self.text):
                w = self._lowered[self.S[i]:self.E[i]]
            else:
                w = w.lower().replace("\u2019", "'")
        else:
            w = w.lower()
            if "\u2019" in w:
                w = w.replace("\u2019", "'")
        self[i] = w
        return w


class _Classes(dict):
    """The word class of each token in the ``speakers`` gazetteer ('' if none; a possessive
    is looked up without its 's, "Sen." with its full stop), computed on first use."""

    __slots__ = ("low", "words", "text", "E")

    def __init__(self, low: _Lower, words: dict[str, str], text: str, E: list[int]):
        super().__init__()
        self.low, self.words, self.text, self.E = low, words, text, E

    def __missing__(self, i: int) -> str:
        w = self.low[i]
        get = self.words.get
        c = get(w, "") or (get(w[:-2], "") if w.endswith("'s") else "")
        if not c and self.text.startswith(".", self.E[i]):
            c = get(w + ".", "")  # "Sen." is one word of the gazetteer
        self[i] = c
        return c


class _Doc:
    """One text with its tokens, sentences, quotations and the helpers the rules use.

    ``low[i]`` (token ``i`` in lower case) and ``cls(i)`` (its word class) are computed on
    first use (:class:`_Lower`, :class:`_Classes`); ``tok_sent[i]`` (its sentence, -1 before
    the first sentence) is a list made at once.
    """

    def __init__(self, text: str, a: ArticleAnalysis, words: _Words):
        self.text = text
        self.a = a
        self.S = a.tokens.starts.tolist()
        self.E = a.tokens.ends.tolist()
        self.n = len(self.S)
        self.words = words
        q = a.quotes
        self.q = list(zip(q.start.tolist(), q.end.tolist(), q.content_start.tolist(),
                          q.content_end.tolist(), q.closed.tolist(), q.continued.tolist()))
        self.q_starts = [part[0] for part in self.q]
        self.q_ends = [part[1] for part in self.q]
        # when the parts are in order (starts and ends), the quotation before or after an
        # offset is found by bisection
        self._q_sorted = all(x <= y for x, y in zip(self.q_starts, self.q_starts[1:])) \
            and all(x <= y for x, y in zip(self.q_ends, self.q_ends[1:]))
        # chains of quotation parts running over paragraphs
        self.chain = []
        c = -1
        for k, part in enumerate(self.q):
            if not (part[5] and k and not self.q[k - 1][4]):
                c += 1
            self.chain.append(c)
        self.voice = a.voice
        self.speakers: list[_Speaker] = []
        self._lower_seen: dict[str, bool] = {}
        self.low = _Lower(text, self.S, self.E)
        # each token's sentence, and each sentence's first and last token
        # (the sentences are in text order, so the tokens of sentence k run from its first
        # token to the next sentence's first token)
        self.tok_sent: list[int] = []
        self._sent_first: list[int] = []
        self._sent_last: list[int] = []
        if len(a.sentences):
            self._sent_first = np.searchsorted(a.tokens.starts, a.sentences[:, 0]).tolist()
            self._sent_last = (np.searchsorted(a.tokens.starts, a.sentences[:, 1]) - 1).tolist()
        prev = 0
        for k, f in enumerate(self._sent_first):
            self.tok_sent += [k - 1] * (f - prev)
            prev = f
        self.tok_sent += [len(self._sent_first) - 1] * (self.n - prev)
        self.cls = _Classes(self.low, words.cls, text, self.E).__getitem__  # doc.cls(i): class of token i

    # ---------------------------------------------------------------- token helpers
    def cap(self, i: int) -> bool:
        ch = self.text[self.S[i]]
        return ch.isupper() or ch.isdigit()

    def name_cap(self, i: int) -> bool:
        """Whether token ``i`` is capitalised as a name: a sentence's first word counts only
        when the article never writes it in lower case ("Donors said" is not a name)."""
        return self.name_caps(i, i)[0]

    def name_caps(self, a: int, b: int) -> list[bool]:
        """:meth:`name_cap` of tokens ``a..b``."""
        text, S, tok_sent = self.text, self.S, self.tok_sent
        out = []
        for i in range(a, b + 1):
            ch = text[S[i]]
            if not (ch.isupper() or ch.isdigit()):  # not self.cap(i)
                out.append(False)
            elif i == 0 or tok_sent[i - 1] != tok_sent[i]:
                out.append(not self.written_lower(text[S[i]:self.E[i]].lower()))
            else:
                out.append(True)
        return out

    def written_lower(self, w: str) -> bool:
        """Whether the text has ``w`` (lower case) as a whole word somewhere."""
        seen = self._lower_seen.get(w)
        if seen is None:
            seen = False
            text, n = self.text, len(w)
            p = text.find(w)
            while p >= 0:
                before = text[p - 1] if p else " "
                after = text[p + n] if p + n < len(text) else " "
                if not (before.isalnum() or before in "'’-") and not (after.isalnum() or after == "-"):
                    seen = True
                    break
                p = text.find(w, p + 1)
            self._lower_seen[w] = seen
        return seen

    def plain(self, i: int) -> bool:
        """Whether tokens ``i`` and ``i + 1`` are separated by plain space (or a hyphen)."""
        e, nxt = self.E[i], self.S[i + 1]
        if nxt == e + 1 and self.text[e] == " ":  # the common case: one space
            return True
        if _PLAIN_GAP.fullmatch(self.text, e, nxt) is not None:
            return True
        # an abbreviated title ("Sen. Elizabeth Warren", "Dr. Fauci")
        return (self.text.startswith(".", self.E[i]) and self.low[i] + "." in self.words.cls
                and _PLAIN_GAP.fullmatch(self.text, self.E[i] + 1, self.S[i + 1]) is not None)

    def gap(self, i: int) -> str:
        return self.text[self.E[i]:self.S[i + 1]]

    def paren_back(self, j: int) -> int:
        """If token ``j`` ends a short parenthesis ("Sen. Marco Rubio (R-Fla.) said"), the
        token before the parenthesis; else ``j``."""
        if j + 1 >= self.n:
            return j
        e, nxt = self.E[j], self.S[j + 1]
        if nxt == e + 1 and self.text[e] == " " or not self.text[e:nxt].lstrip(".").startswith(")"):
            return j
        p = self.text.rfind("(", max(0, self.E[j] - _MAX_PAREN), self.E[j])
        if p < 0:
            return j
        t = bisect_left(self.S, p)
        return t - 1 if t > 0 and self.E[t - 1] <= p else j

    def joins(self, j: int) -> bool:
        """Whether token ``j`` runs into the next word without punctuation: a plain gap, or
        a short parenthesis between them ("Rubio (R-Fla.) said")."""
        if j + 1 >= self.n:
            return False
        e = self.E[j]
        return self.S[j + 1] == e + 1 and self.text[e] == " " or self.plain(j) \
            or _PAREN_AFTER.match(self.text, e) is not None

    def paren_comma(self, j: int) -> bool:
        """Whether a comma follows the parenthesis that token ``j`` ends ("Nanney (R), a ...")."""
        return j + 1 < self.n and self.text[self.E[j]:self.S[j + 1]].strip() in ("),", ".),")

    def comma(self, i: int) -> bool:
        """Whether a comma (alone, or after an abbreviation's full stop) follows token ``i``."""
        return self.gap(i).strip() in (",", ".,")

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token range ``[first, last]`` of the sentence of token ``i``."""
        s = self.tok_sent[i]
        if s < 0:  # tokens before the first sentence (none in practice)
            return 0, i
        return min(self._sent_first[s], i), max(self._sent_last[s], i)

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.S, offset)

    def skip_left(self, j: int, first: int) -> int:
        """Step left over the words between a subject and its verb: auxiliaries and adverbs
        ("has likewise"), "-ly" adverbs ("vividly"), reflexives ("she herself"), and times
        ("Conway on Sunday also reiterated"), and a party label in parentheses."""
        while j >= first:
            pb = self.paren_back(j)
            if pb != j:
                j = pb
                continue
            if not self.joins(j):
                break
            w = self.low[j]
            if self.cls(j) == "skip" or w in _REFLEXIVE or w in _TIME_WORDS or (
                    w.endswith("ly") and len(w) > 4 and not self.cap(j) and not self.cls(j)
                    and w not in _LY_NOUNS):
                j -= 1
            elif w in ("on", "last", "this", "early", "late") and j + 1 < self.n and self.low[j + 1] in _TIME_WORDS:
                j -= 1
            else:
                break
        return j

    def np_ish(self, i: int) -> bool:
        """Whether token ``i`` can be part of a noun phrase (a class word, capitalised, or a
        possessive), not a skipped word or a clause break."""
        c = self.cls(i)
        if c in ("skip", "break"):
            return False
        return bool(c) or self.cap(i) or self.low[i].endswith("'s")

    # ---------------------------------------------------------------- noun phrases
    def np_left(self, j: int, lo: int) -> tuple[int, int] | None:
        """The speaker noun phrase ending at token ``j`` (not before token ``lo``)."""
        if j < lo or self.cls(j) in ("break", "connector", "skip") or self.low[j] in _NON_SPEAKER_CAPS:
            return None
        if self.cls(j).startswith("pronoun"):
            return j, j
        k = j
        if not self.np_ish(j):
            # an unknown head ("advocates"), perhaps after unknown modifiers ("refugee
            # advocates"), is a noun when a determiner, modifier or name comes before it
            m = j
            while m - 1 >= lo and j - m < 2 and self.plain(m - 1) and not self.np_ish(m - 1) \
                    and not self.cls(m - 1) and self.text[self.S[m - 1]].islower():
                m -= 1
            if not (m - 1 >= lo and self.plain(m - 1) and self.np_ish(m - 1)
                    and self.cls(m - 1) in ("determiner", "modifier", "")):
                return None  # a bare lowercase word: too likely a verb or adverb
            k = m
        S, E, text, plain = self.S, self.E, self.text, self.plain
        while k - 1 >= lo and j - k < _MAX_NP and (S[k] == E[k - 1] + 1 and text[E[k - 1]] == " " or plain(k - 1)) \
                and self.np_ish(k - 1):
            c = self.cls(k - 1)
            if self.low[k - 1] == "and" or (c == "connector" and not (self.cap(k) or self.cls(k))):
                break
            if c.startswith("pronoun"):
                break
            k -= 1
        # "Ukraine and NATO", "the US government and Western media": two noun phrases
        if k - 2 >= lo and self.low[k - 1] == "and" and self.np_ish(k) and self.np_ish(k - 2) \
                and (self.cap(k) or self.cap(k - 2)) and self.plain(k - 2) and self.plain(k - 1):
            left = self.np_left(k - 2, lo)
            if left is not None:
                k = left[0]
        while k < j and self.cls(k) == "connector":
            k += 1
        return k, j

    def np_right(self, i: int, hi: int) -> tuple[int, int] | None:
        """The noun phrase starting at token ``i`` (not after token ``hi``)."""
        if i > hi or self.cls(i) in ("break", "skip", "connector"):
            return None
        if self.cls(i).startswith("pronoun"):
            return i, i
        if not self.np_ish(i):
            return None
        k = i
        while k + 1 <= hi and k - i < _MAX_NP and self.plain(k):
            nxt = k + 1
            c = self.cls(nxt)
            if c in ("break", "skip") or self.low[nxt] in _NON_SPEAKER_CAPS:
                break
            if c == "connector" and not (nxt + 1 <= hi and self.plain(nxt) and self.np_ish(nxt + 1)):
                break
            if not (self.np_ish(nxt) or c == "connector"):
                # one unknown lowercase head after a determiner or modifier ("the protesters")
                if self.cls(k) in ("determiner", "modifier"):
                    k = nxt
                break
            k = nxt
        while k > i and self.cls(k) in ("connector", "determiner", "modifier"):
            k -= 1
        if all(self.cls(t) in ("determiner", "modifier", "connector") for t in range(i, k + 1)):
            return None
        return i, k

    def apposition(self, j: int, lo: int) -> tuple[int, int] | None:
        """``NAME, the head of the DPR,`` before a cue: token ``j`` ends the apposition."""
        k = j
        while k - 1 >= lo and self.plain(k - 1) and j - k < _MAX_NP:
            k -= 1
        if k - 1 < lo or not (self.comma(k - 1) or self.paren_comma(k - 1)):
            return None
        relative = self.low[k] in ("who", "which")  # "Trump, who spoke in Ohio, said"
        if not relative and self.cls(k) not in ("determiner", "title", "role", "modifier", "anonymous") \
                and not self.cap(k):
            return None
        name = self.np_left(self.paren_back(k - 1), lo)
        if name is None or not any(self.cap(t) for t in range(name[0], name[1] + 1)):
            return None
        return (name[0], name[1]) if relative else (name[0], j)

    # ---------------------------------------------------------------- speakers
    def speaker(self, a: int, b: int) -> tuple[_Speaker, str]:
        """Classify the noun phrase of tokens ``a..b`` and resolve pronouns/short references;
        returns the speaker and a flag ('' or 'pronoun_unresolved')."""
        S, E, text = self.S, self.E, self.text
        start, end = S[a], E[b]
        low = self.low
        lows = [low[t] for t in range(a, b + 1)]
        if lows[-1].endswith("'s") and len(lows[-1]) > 2:  # "Moscow's claim": the speaker is Moscow
            end -= 2
            lows = lows[:-1] + [lows[-1][:-2]]
        # an apposition "Denis Pushilin, the head of the DPR": the name is before the comma
        # (self.comma(t) or self.paren_comma(t), inline; one space is neither)
        for t in range(a, b):
            if not (S[t + 1] == E[t] + 1 and text[E[t]] == " ") \
                    and text[E[t]:S[t + 1]].strip() in (",", ".,", "),", ".),"):
                name_part = self.speaker(a, self.paren_back(t))[0]
                return _Speaker(start, end, name_part.name, name_part.type), ""
        classes = [self.cls(t) for t in range(a, b + 1)]
        if a == b and classes[0].startswith("pronoun"):
            want = {"pronoun_person": ("person",),
                    "pronoun_group": ("organisation", "government", "anonymous", "media"),
                    "pronoun_thing": ("organisation", "government", "media", "document")}[classes[0]]
            for sp in reversed(self.speakers):
                if sp.type in want and sp.name:
                    return _Speaker(start, end, sp.name, sp.type), ""
            return _Speaker(start, end, None, "pronoun_unresolved"), "pronoun_unresolved"
        # phrases of the gazetteer ("state department", "new york times")
        first_words = self.words.phrase_first
        for n in ((3, 2) if len(lows) > 1 and not first_words.isdisjoint(lows) else ()):
            for t in range(0, len(lows) - n + 1):
                c = self.words.phrases.get(tuple(lows[t:t + n])) if lows[t] in first_words else None
                if c:
                    for u in range(t, t + n):
                        classes[u] = c
        # the head: the last word before a connector ("head of the DPR" -> head)
        h = len(lows) - 1
        for t in range(1, len(lows)):
            if classes[t] == "connector":
                h = t - 1
                break
        head_cls = classes[h]
        caps = self.name_caps(a, a + len(lows) - 1)
        # a personal name: capitalised words no class claims, after the last title/class word
        name_run: list[int] = []
        for t in range(h, -1, -1):
            if caps[t] and not classes[t] and not _ALL_CAPS.match(self.text[self.S[a + t]:self.E[a + t]]):
                name_run.insert(0, t)
            else:
                break
        body = self.text[self.S[a + (1 if classes[0] == "determiner" else 0)]:end] if len(lows) > 1 \
            else self.text[start:end]
        if name_run and (len(name_run) >= 2 or any(c in ("title", "role") for c in classes[:name_run[0]])
                         or not any(classes)):
            name = self.text[self.S[a + name_run[0]]:min(self.E[a + name_run[-1]], end)]
            return _Speaker(start, end, name, "person"), ""
        if head_cls == "document":
            return _Speaker(start, end, body, "document"), ""
        if head_cls == "media" or (caps[h] and "media" in classes):
            return _Speaker(start, end, body, "media"), ""
        if head_cls == "title" and lows[0] not in ("a", "an", "the") and any(caps[:h + 1]):
            return _Speaker(start, end, body, "person"), ""  # "Russian FM", "Secretary of State"
        if head_cls in ("title", "role", "anonymous"):
            # a short definite reference ("the spokesperson") resolves to an earlier speaker
            if classes[0] == "determiner" and lows[0] in ("the", "this") and not any(caps):
                head = lows[h]
                for sp in reversed(self.speakers):
                    if sp.name and head in self.text[sp.start:sp.end].lower():
                        return _Speaker(start, end, sp.name, sp.type), ""
            return _Speaker(start, end, None, "anonymous"), ""
        if head_cls in ("government", "place") or (caps[h] and ("government" in classes or "place" in classes)
                                                   and "organisation" not in classes):
            if classes[0] == "determiner" and not caps[h] and lows[0] == "the":
                for sp in reversed(self.speakers):
                    if sp.name and lows[h] in self.text[sp.start:sp.end].lower():
                        return _Speaker(start, end, sp.name, sp.type), ""
            return _Speaker(start, end, body, "government"), ""
        if head_cls == "organisation" or _ALL_CAPS.match(self.text[self.S[a + h]:self.E[a + h]]) \
                or "organisation" in classes:
            if classes[0] == "determiner" and not caps[h] and lows[0] == "the":
                for sp in reversed(self.speakers):
                    if sp.name and lows[h] in self.text[sp.start:sp.end].lower():
                        return _Speaker(start, end, sp.name, sp.type), ""
            return _Speaker(start, end, body, "organisation"), ""
        if caps[h]:
            return _Speaker(start, end, body, "person"), ""
        return _Speaker(start, end, None, "anonymous"), ""

    # ---------------------------------------------------------------- quotations
    def quotes_starting(self, lo: int, hi: int) -> range:
        """Indices of the quotation parts that open at an offset in ``[lo, hi)``."""
        return range(bisect_left(self.q_starts, lo), bisect_left(self.q_starts, hi))

    def quotes_within(self, lo: int, hi: int) -> list[int]:
        """Indices of the quotation parts lying inside ``[lo, hi]``."""
        return [k for k in self.quotes_starting(lo, hi) if self.q[k][1] <= hi]

    def chain_span(self, k: int) -> tuple[int, int, int, int, bool]:
        """Content start/end and outer start/end of quotation part ``k``'s whole chain."""
        c = self.chain[k]
        first = k
        while first > 0 and self.chain[first - 1] == c:
            first -= 1
        last = k
        while last + 1 < len(self.q) and self.chain[last + 1] == c:
            last += 1
        closed = self.q[last][4]
        return self.q[first][2], self.q[last][3], self.q[first][0], self.q[last][1], closed

    def quote_ending_before(self, offset: int, lo: int) -> int | None:
        """The quotation part ending at most a few words before ``offset`` (after ``lo``)."""
        top = bisect_right(self.q_ends, offset) if self._q_sorted else len(self.q)
        for k in range(top - 1, -1, -1):
            qs, qe = self.q[k][0], self.q[k][1]
            if qe <= offset:
                if qe < lo:
                    return None
                if offset - qe > 120 or _QUOTE_OR_STOP.search(self.text, qe, offset) is not None:
                    return None
                between = self.text[qe:offset]
                inner = self.text[self.q[k][2]:self.q[k][3]].rstrip()
                if between.lstrip().startswith((",", "\u2014", "--")) or inner.endswith((",", "?", "!", "\u2014")):
                    return k
                return None
        return None

    def quote_starting_after(self, offset: int, hi: int) -> tuple[int, bool] | None:
        """The quotation part starting right after ``offset`` (``:``, ``,`` or ``that`` between);
        returns the part and whether ``that`` came between."""
        for k in range(bisect_left(self.q_starts, offset) if self._q_sorted else 0, len(self.q)):
            part = self.q[k]
            if part[0] >= offset:
                if part[0] > hi:
                    return None
                m = _QUOTE_LEAD.fullmatch(self.text, offset, part[0])
                if m is None:
                    return None
                return k, bool(m.group(1) or m.group(2))
        return None


def _clause_end(doc: _Doc, i: int, last: int, cue_tokens: set[int]) -> int:
    """Last token of the clause starting at token ``i``: the sentence end, or the token before
    a comma that introduces another cue (", warning that", ", according to")."""
    text, end = doc.text, doc.E[last]
    p = text.find(",", doc.E[i], end)
    while p >= 0:
        t = bisect_left(doc.S, p)  # the token after the comma
        if t <= last and t in cue_tokens and doc.gap(t - 1).strip().startswith(","):
            return t - 1
        p = text.find(",", p + 1, end)
    return last


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " \t\n.,;:":
        e -= 1
    while s < e and text[s] in " \t\n,;:":
        s += 1
    return s, e


def _extract(text: str, a: ArticleAnalysis, cue_info: list[tuple[str, str, float]],
             words: _Words, *, headline: bool = False,
             extra: list[tuple[int, int]] | None = None, li: int = 0,
             unordered: bool = False) -> list[dict[str, Any]]:
    """The attributions of one text (offsets into ``text``); in a ``headline`` every word is
    capitalised, so a cue with no content there ("... Amid Troop Claims") is a noun.

    ``unordered``: the rows only to be counted (:meth:`Attributor.sourcing`): not sorted,
    no ``nested`` key, and a reported content is not cut where the next attribution starts.
    """
    rows: list[dict[str, Any]] = []
    m = a.matches[li]
    if not len(m.start) and not len(a.quotes.start) and not extra and ":" not in text:
        return rows  # no cue, no quotation, no colon: nothing to attribute (most headlines)
    doc = _Doc(text, a, words)
    if not doc.n:
        return rows
    cues = []
    if len(m.start):
        # a cue inside a quotation belongs to the quoted speaker's words; a cue's first token
        # starts at its start (a verb inside a compound, "self-declared", is no match: spans)
        # and its last token is the first ending at or after its end
        top = doc.n - 1
        for s, e, entry, quoted, ci, cj in zip(m.start.tolist(), m.end.tolist(), m.entry.tolist(),
                                               a.voice[m.start].tolist(),
                                               np.searchsorted(a.tokens.starts, m.start).tolist(),
                                               np.searchsorted(a.tokens.ends, m.end).tolist()):
            if not quoted:
                cues.append((s, e, ci, cj if cj < top else top, entry))
    confirmed: set[int] = set()  # lexicon cues a tagger span overlaps
    if extra:
        # cue spans from elsewhere (a trained cue tagger): kept where no lexicon cue overlaps;
        # where one does, the span confirms that weak lexicon form ("is expected", "shows")
        info = list(cue_info)
        taken = [(c[0], c[1]) for c in cues]
        for s, e in extra:
            if e <= s or s < 0 or e > len(text) or a.voice[s]:
                continue
            hit = [t0 for t0, t1 in taken if s < t1 and t0 < e]
            if hit:
                confirmed.update(hit)
                continue
            ci = doc.tok_at(s)
            cj = bisect_left(doc.E, e)
            if ci >= doc.n:
                continue
            info.append((text[s:e].lower(), None, 1.0))
            cues.append((s, e, ci, min(cj, doc.n - 1), len(info) - 1))
        cue_info = info
        cues.sort()
    cue_first = {c[2] for c in cues}
    make_row = _count_row if unordered else _row
    used_quotes: set[int] = set()
    for s, e, ci, cj, entry in cues:
        pattern, stance, weight = cue_info[entry]
        first, last = doc.sent_bounds(ci)
        flags: list[str] = []
        kind = "indirect"
        sp_rng: tuple[int, int] | None = None
        content: tuple[int, int] | None = None
        quote_k: int | None = None
        words_ = pattern.split()
        if words_[:2] == ["according", "to"]:
            kind = "according_to"
            # the source runs to the next punctuation ("according to early results of exit
            # polls conducted for the AP, ...")
            sp_rng = doc.np_right(cj + 1, last) if cj + 1 <= last else None
            if cj + 1 <= last and doc.cls(cj + 1) not in ("break", "skip"):
                k = cj + 1
                while k + 1 <= last and k - cj < _MAX_SOURCE and doc.joins(k):
                    k += 1
                if sp_rng is None or k > sp_rng[1]:
                    sp_rng = (cj + 1, k)
            if sp_rng is not None:
                if ci == first or not doc.plain(ci - 1) and doc.gap(ci - 1).strip() != ",":
                    c0 = sp_rng[1] + 1
                    content = (doc.S[c0], doc.E[last]) if c0 <= last else None
                elif ci > first:
                    content = (doc.S[first], doc.E[ci - 1])
        else:
            q_before = doc.quote_ending_before(s, doc.S[first] if first < ci else 0)
            q_after = None if q_before is not None else doc.quote_starting_after(e, doc.E[last] + 1)
            if q_before is not None and doc.q[q_before][1] <= s:
                kind, quote_k = "direct", q_before
                lo = doc.tok_at(doc.q[q_before][1])
                sp_rng = doc.np_left(ci - 1, lo) if ci - 1 >= lo else None
                if sp_rng is None and cj + 1 <= last:
                    sp_rng = doc.np_right(cj + 1, last)
            elif q_after is not None:
                quote_k, has_that = q_after
                kind = "mixed" if has_that else "direct"
            else:
                # an addressee ("told Sputnik that") or a quotation after an addressee
                nxt = cj + 1
                if words_[-1] in _TELL and nxt <= last:
                    addr = doc.np_right(nxt, last)
                    if addr is not None:
                        nxt = addr[1] + 1
                        qa = doc.quote_starting_after(doc.E[addr[1]], doc.E[last] + 1)
                        if qa is not None:
                            quote_k, has_that = qa
                            kind = "mixed" if has_that else "direct"
                if quote_k is None and nxt <= last:
                    # "announced on Friday that ...": the content starts after "that" (the
                    # tokens are read only when the window's text has it)
                    top = min(nxt + _THAT_WINDOW, last + 1)
                    window = range(nxt, top) if "that" in text[doc.S[nxt]:doc.E[top - 1]].lower() else ()
                    for t in window:
                        if doc.low[t] == "that":
                            nxt = t + 1
                            break
                        if t < last and not doc.plain(t):
                            break
                    if nxt <= last:
                        end_t = _clause_end(doc, nxt, last, cue_first)
                        content = (doc.S[nxt], doc.E[end_t])
        if quote_k is not None:
            cs, ce, qs, qe, closed = doc.chain_span(quote_k)
            content = (cs, ce)
            used_quotes.add(doc.chain[quote_k])
            if not closed:
                flags.append("unclosed_quote")
            if kind == "direct" and qs >= e and words_[-1] == "that":
                kind = "mixed"  # "warning that "..."": reported speech with a quotation
            if kind == "mixed" and qs >= e:
                # the reported clause may go on after the quotation ("... begin" at any moment)
                qt = doc.tok_at(qe)
                if qt <= last and doc.tok_sent[qt] == doc.tok_sent[ci] and doc.S[qt] - qe < 3:
                    content = (qs, doc.E[_clause_end(doc, qt, last, cue_first)])
        # the speaker before the cue, unless already found
        antecedent: tuple[int, int] | None = None
        j = -1
        if sp_rng is None and kind != "according_to":
            j = doc.skip_left(ci - 1, first)
            lo = first
            if quote_k is not None and doc.q[quote_k][1] <= s:
                lo = doc.tok_at(doc.q[quote_k][1])

            def shared() -> tuple[int, int] | None:
                """The speaker of the sentence's previous attribution, else its subject."""
                prev = [r for r in rows if r["sentence"] == doc.tok_sent[ci] and r["speaker_start"] is not None]
                if prev:
                    return (doc.tok_at(prev[-1]["speaker_start"]),
                            bisect_left(doc.E, prev[-1]["speaker_end"]))
                return doc.np_right(first, ci - 1) if first < ci else None

            if j >= lo:
                wj = doc.low[j]
                if wj in ("who", "which", "that") and j - 1 >= lo:
                    # "the NRA, which is hoping", "Trump, who said": the relative pronoun is
                    # the speaker as written (as PARC annotates it), its antecedent the name
                    if doc.plain(j - 1) or (doc.comma(j - 1) and wj != "that"):
                        antecedent = doc.np_left(j - 1, lo)
                        if antecedent is not None:
                            sp_rng = (j, j)
                elif wj in ("and", "but") and doc.plain(j):
                    sp_rng = shared()  # "..., but added"; "said ... and argued"
                elif doc.joins(j):
                    sp_rng = doc.np_left(j, lo)
                    # nominal: "Moscow's claim", "the accusation"
                    if sp_rng is not None and doc.cls(j) == "determiner" and sp_rng == (j, j):
                        kind, sp_rng = "nominal", None
                        if j - 1 >= lo and doc.low[j - 1].endswith("'s"):
                            sp_rng = doc.np_left(j - 1, lo)
                    elif sp_rng is not None and doc.low[j].endswith("'s") and doc.cls(j) != "pronoun_person":
                        kind = "nominal"
                elif doc.comma(j):
                    sp_rng = doc.apposition(j, lo)
                    if sp_rng is None and doc.low[ci].endswith("ing"):
                        sp_rng = shared()  # a participle after a comma shares the clause's speaker
            # inverted: "..., said the spokesperson."
            if sp_rng is None and cj + 1 <= last and kind != "nominal" and content is None:
                sp_rng = doc.np_right(cj + 1, last)
        if kind == "nominal" and quote_k is None:
            # "Moscow's claim that ...": a noun has a content only through "that"
            content = None
            if cj + 2 <= last and doc.low[cj + 1] == "that" and doc.plain(cj):
                content = (doc.S[cj + 2], doc.E[_clause_end(doc, cj + 2, last, cue_first)])
        # content before an end-of-sentence cue: "Russia is the aggressor, the official said."
        if content is None and sp_rng is not None and kind == "indirect" and sp_rng[0] > first \
                and doc.gap(sp_rng[0] - 1).strip() == ",":
            content = (doc.S[first], doc.E[sp_rng[0] - 1])
        if sp_rng is None and content is None:
            continue  # a bare hit ("the claims") is not an attribution
        if sp_rng is None and (ci > 0 and doc.low[ci - 1] == "to" or words_[0] == "in"):
            continue  # "sought to explain", "in a statement": part of another attribution, if any
        if weight < 1.0 and s not in confirmed and (sp_rng is None or content is None
                                                    or ci > 0 and doc.low[ci - 1] in _BE):
            continue  # a weak form needs a speaker and a content, and not the passive
                      # ("was admitted to hospital")
        if content is not None:
            c0, c1 = _strip_span(text, *content)
            if kind != "direct":
                # "announced on Friday": not the content
                m = _TIME_LEAD.match(text, c0, c1) if c0 < c1 and text[c0] in _TIME_FIRST else None
                while m is not None and m.end() > c0:
                    c0 = m.end()
                    m = _TIME_LEAD.match(text, c0, c1)
                for k in doc.quotes_starting(c0, c1):  # a quotation opened inside the content ends with it
                    q = doc.q[k]
                    if c1 < q[1] and q[1] - c1 <= 3:
                        c1 = q[1]
            content = (c0, c1) if c1 > c0 else None
            inside = doc.quotes_within(c0, c1 + 1) if content else []
            if inside:
                used_quotes.update(doc.chain[k] for k in inside)
                if kind == "indirect":
                    kind = "mixed"
        if sp_rng is not None and antecedent is not None and sp_rng == (j, j):
            ante, flag = doc.speaker(*antecedent)
            spk = _Speaker(doc.S[j], doc.E[j], ante.name or text[ante.start:ante.end], ante.type)
            if flag:
                flags.append(flag)
        elif sp_rng is not None:
            spk, flag = doc.speaker(*sp_rng)
            if flag:
                flags.append(flag)
            if spk.type != "pronoun_unresolved" and spk.name and flag == "":
                doc.speakers.append(spk)
        else:
            spk = None
            flags.append("no_speaker")
        if content is None:
            if headline:
                continue
            flags.append("no_content")
        rows.append(make_row(text, kind, spk, (s, e), stance, content, doc.tok_sent[ci], flags))
    if not unordered:
        _cut_contents(text, rows)
    rows += _colon_lines(doc, {r["cue_start"] for r in rows if r["cue_start"] is not None}, used_quotes)
    # quotations that no cue claimed
    seen_chains = set()
    for k, part in enumerate(doc.q):
        c = doc.chain[k]
        if c in used_quotes or c in seen_chains:
            continue
        seen_chains.add(c)
        cs, ce, qs, qe, closed = doc.chain_span(k)
        if len(text[cs:ce].split(None, _MIN_QUOTE_WORDS)) < _MIN_QUOTE_WORDS:
            continue
        flags = ["no_cue"]
        if not closed:
            flags.append("unclosed_quote")
        spk = None
        cue = None
        ti = doc.tok_at(qs)
        cpos = qs - 1  # the last character before the quotation that is not a space
        while cpos >= 0 and text[cpos].isspace():
            cpos -= 1
        if cpos >= 0 and text[cpos] == ":" and ti > 0:
            j = ti - 1
            first, _ = doc.sent_bounds(j)
            rng = doc.np_left(j, first)
            if rng is not None:
                spk, flag = doc.speaker(*rng)
                if flag:
                    flags.append(flag)
                cue = (cpos, cpos + 1)
                flags.remove("no_cue")
        if spk is None:
            flags.append("no_speaker")
        sent = doc.tok_sent[min(ti, doc.n - 1)]
        rows.append(make_row(text, "direct", spk, cue, None, (cs, ce), sent, flags))
    if not unordered:
        rows.sort(key=lambda r: (r["cue_start"] if r["cue_start"] is not None else r["content_start"]))
        _mark_nested(rows)
    return rows


def _mark_nested(rows: list[dict[str, Any]]) -> None:
    """Mark attributions whose cue lies inside another attribution's content ("Sexton said
    he *thinks* ..."): reported within reported speech. PARC-style corpora such as PolNeAR
    annotate only the outer one."""
    # contents by start; for each prefix, the furthest content end, its row, and the
    # furthest end of the other rows: a cue at x is inside another row's content when,
    # among the contents starting at or before x, one other than its own ends after x
    spans = sorted((r["content_start"], r["content_end"], k) for k, r in enumerate(rows)
                   if r["content_start"] is not None)
    starts = [c0 for c0, _, _ in spans]
    reach: list[tuple[int, int, int]] = []
    top, top_row, second = -1, -1, -1
    for _, c1, k in spans:
        if c1 > top:
            top, top_row, second = c1, k, top
        elif c1 > second:
            second = c1
        reach.append((top, top_row, second))
    for i, r in enumerate(rows):
        x = r["cue_start"]
        p = bisect_right(starts, x) if x is not None else 0
        if not p:
            r["nested"] = False
            continue
        top, top_row, second = reach[p - 1]
        r["nested"] = (second if top_row == i else top) > x


def _line_colons(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, colon)`` of each line (a paragraph of :func:`framing.text.paragraph_spans`)
    whose first colon is among its first 80 characters."""
    colon = text.find(":")
    while colon >= 0:
        m = _LAST_BREAK.search(text, max(0, colon - _COLON_REACH - 1), colon)
        start = m.end() if m else (0 if colon <= _COLON_REACH else -1)
        if start >= 0:
            while start < colon and text[start].isspace():
                start += 1
            if colon - start < _COLON_REACH and text.find(":", start, colon) < 0:
                m = _LINE_BREAK.search(text, colon)
                end = m.start() if m else len(text)
                while end > colon and text[end - 1].isspace():
                    end -= 1
                yield start, end, colon
        colon = text.find(":", colon + 1)


def _colon_lines(doc: _Doc, cues: set[int], used_quotes: set[int]) -> list[dict[str, Any]]:
    """``Graham: Trump's 'Incredibly Hateful Rhetoric' ...``: a paragraph (often a headline)
    that opens with a short name and a colon attributes the rest of its sentence to that name;
    the colon is the cue (no stance)."""
    text, out = doc.text, []
    for p0, p1, colon in _line_colons(text):
        if colon in cues:
            continue
        a = doc.tok_at(p0)
        b = bisect_right(doc.E, colon) - 1
        if not (0 <= a <= b < doc.n) or b - a + 1 > _MAX_COLON_SPEAKER or doc.E[b] != colon:
            continue
        if not doc.name_cap(a) or any(doc.voice[doc.S[t]] for t in range(a, b + 1)):
            continue
        if not all(doc.np_ish(t) and (t == b or doc.joins(t)) for t in range(a, b + 1)):
            continue
        if doc.low[a] in _COLON_LABELS or not text[doc.S[a]].isalpha() \
                or not text.startswith((" ", "\t", "\u00a0"), colon + 1):
            continue  # a label ("UPDATE:"), a time ("10:10 p.m."), a handle ("Twitter: @x")
        spk, flag = doc.speaker(a, b)
        c0 = colon + 1
        ti = doc.tok_at(c0)
        if ti >= doc.n or doc.S[ti] >= p1:
            continue
        _, last = doc.sent_bounds(ti)
        c0, c1 = _strip_span(text, c0, min(doc.E[last], p1))
        c0 += len(text[c0:c1]) - len(text[c0:c1].lstrip())
        if len(text[c0:c1].split()) < 3 or text[c0] in "@#0123456789":
            continue  # "Hillary Clinton: 1,769", "Twitter: @Milbank"
        inside = doc.quotes_within(c0, c1 + 1)
        used_quotes.update(doc.chain[k] for k in inside)
        kind = "direct" if inside and doc.q[inside[0]][0] <= c0 + 1 else "indirect"
        out.append(_row(text, kind, spk, (colon, colon + 1), None, (c0, c1), doc.tok_sent[a],
                        [flag] if flag else []))
    return out


def _cut_contents(text: str, rows: list[dict[str, Any]]) -> None:
    """End a reported content before the next attribution of the same sentence starts
    ("Moscow has denied any intent, and the government has likewise said ...")."""
    for r, nxt in zip(rows, rows[1:]):
        c0, c1 = r["content_start"], r["content_end"]
        if c0 is None or r["kind"] in ("direct",) or nxt["sentence"] != r["sentence"]:
            continue
        inside = [x for x in (nxt["speaker_start"], nxt["cue_start"]) if x is not None and c0 < x < c1]
        if not inside:
            continue
        b = min(inside)
        if not c0 < b < c1:
            continue
        seg = text[c0:b]
        cut = max(seg.rfind(","), seg.rfind(";"))
        m = re.search(r"\s+(?:and|but)\s*\Z", seg)
        if m is not None:
            cut = m.start() if cut < 0 else min(cut, m.start())
        if cut <= 0:
            continue
        e = c0 + cut
        while e > c0 and text[e - 1] in " \t\n,;":
            e -= 1
        r["content_end"], r["content"] = e, text[c0:e]


def _row(text: str, kind: str, spk: _Speaker | None, cue: tuple[int, int] | None,
         stance: str | None, content: tuple[int, int] | None, sentence: int,
         flags: list[str]) -> dict[str, Any]:
    return {
        "kind": kind,
        "speaker": text[spk.start:spk.end] if spk else None,
        "speaker_start": spk.start if spk else None,
        "speaker_end": spk.end if spk else None,
        "cue": text[cue[0]:cue[1]] if cue else None,
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        "stance": stance,
        "content": text[content[0]:content[1]] if content else None,
        "content_start": content[0] if content else None,
        "content_end": content[1] if content else None,
        "source_type": spk.type if spk else None,
        "speaker_name": spk.name if spk else None,
        "sentence": sentence,
        "problems": ",".join(flags),
    }


def _count_row(text: str, kind: str, spk: _Speaker | None, cue: tuple[int, int] | None,
               stance: str | None, content: tuple[int, int] | None, sentence: int,
               flags: list[str]) -> dict[str, Any]:
    """The keys of :func:`_row` that counting (:func:`_count_sourcing`) and the rules
    (a shared speaker, the colon lines' cues) read."""
    if spk is None:
        speaker = start = end = name = source_type = None
    else:
        speaker, start, end, name, source_type = text[spk.start:spk.end], spk.start, spk.end, spk.name, spk.type
    return {"kind": kind, "speaker": speaker, "speaker_start": start, "speaker_end": end,
            "cue": text[cue[0]:cue[1]] if cue else None, "cue_start": cue[0] if cue else None,
            "stance": stance, "source_type": source_type, "speaker_name": name, "sentence": sentence}


#: Per-article sourcing features that :func:`framing.score` adds (see :func:`sourcing_row`).
SOURCING_COLUMNS: tuple[str, ...] = (
    ("attributions_n", "speakers_n", "direct_quotes_n", "unattributed_quotes_n")
    + tuple(f"sourcing_{s}_n" for s in STANCES)
    + ("non_neutral_share",)
    + tuple(f"source_{t}_n" for t in SOURCE_TYPES)
    + ("anonymous_share", "title_attributions_n", "title_non_neutral_n")
)


def sourcing_row(rows: list[dict[str, Any]], title_rows: list[dict[str, Any]] | None = None) -> list[float]:
    """The :data:`SOURCING_COLUMNS` of one article from its attribution rows.

    ``attributions_n`` counts attributions with a cue; ``speakers_n`` the distinct speakers
    (resolved name, else the words as written); ``unattributed_quotes_n`` quotations with
    neither cue nor speaker; ``sourcing_<stance>_n`` the stances of the cues and
    ``non_neutral_share`` the share of them that is not ``neutral`` (NaN without cues);
    ``source_<type>_n`` the source types and ``anonymous_share`` the share of attributions
    with a speaker whose source is anonymous (NaN without speakers); ``title_*`` the same for
    the headline, so headline and body stance can be compared.

    Example:
        >>> rows = quotes('Moscow claimed it was over. "We won," an official said.').to_dict("records")
        >>> dict(zip(SOURCING_COLUMNS, sourcing_row(rows)))["anonymous_share"]
        0.5
    """
    def clean(r: dict[str, Any]) -> dict[str, Any]:  # a missing value (NaN, <NA>) is None
        return {k: (r[k] if _present(r[k]) else None) for k in _COUNTED}

    return _count_sourcing([clean(r) for r in rows], [clean(r) for r in title_rows or []])


_COUNTED = ("kind", "cue", "stance", "speaker", "speaker_name", "source_type")


def _count_sourcing(rows: list[dict[str, Any]], title_rows: list[dict[str, Any]] | None) -> list[float]:
    """:func:`sourcing_row` for rows whose missing values are ``None`` (as :func:`_extract`
    makes them), in one pass."""
    n_cue = n_direct = n_bare = n_stance = n_non_neutral = n_speaker = 0
    stance_n = dict.fromkeys(STANCES, 0)
    type_n = dict.fromkeys(SOURCE_TYPES, 0)
    names = set()
    for r in rows:
        cue, speaker = r["cue"], r["speaker"]
        if r["kind"] == "direct":
            n_direct += 1
        if cue is not None:
            n_cue += 1
            st = r["stance"]
            if st is not None:
                n_stance += 1
                if st in stance_n:
                    stance_n[st] += 1
                if st != "neutral":
                    n_non_neutral += 1
        if speaker is not None:
            n_speaker += 1
            name = r["speaker_name"]
            names.add((name if name is not None else speaker).lower())
            t = r["source_type"]
            if t in type_n:
                type_n[t] += 1
        elif cue is None:
            n_bare += 1
    out: list[float] = [n_cue, len(names), n_direct, n_bare, *stance_n.values()]
    out.append(n_non_neutral / n_stance if n_stance else np.nan)
    out += type_n.values()
    out.append(type_n["anonymous"] / n_speaker if n_speaker else np.nan)
    t_cue = t_non_neutral = 0
    for r in title_rows or ():
        if r["cue"] is not None:
            t_cue += 1
            st = r["stance"]
            if st is not None and st != "neutral":
                t_non_neutral += 1
    out += [t_cue, t_non_neutral]
    return out


def _present(v: Any) -> bool:
    return v is not None and not (isinstance(v, float) and np.isnan(v)) and v is not pd.NA


class Attributor:
    """Attributions from the analyses of :mod:`framing.spans` (so :func:`framing.score` gets
    its sourcing features from the same tokens and matches as its counts).

    Example:
        >>> from framing.spans import LexiconSet, analyse
        >>> ls = LexiconSet(["loaded", "attribution"])
        >>> at = Attributor(ls)
        >>> text = "Moscow has denied it."
        >>> [r["cue"] for r in at.rows(text, analyse(text, ls))]
        ['denied']
    """

    def __init__(self, lexset: LexiconSet):
        if lexset.attribution is None:
            raise ValueError("attributions need a lexicon with category 'attribution'")
        self.lexset = lexset
        self.li = lexset.attribution
        lex = lexset.lexicons[self.li]
        self.info = [(e.pattern.lower(), e.subcategory or None, e.weight) for e in lex.entries]
        self.words = _words()

    def rows(self, text: str, analysis: ArticleAnalysis, *, headline: bool = False,
             extra: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
        """The attribution rows of one analysed text (offsets into ``text``)."""
        return _extract(text, analysis, self.info, self.words, headline=headline, extra=extra, li=self.li)

    def sourcing(self, text: str, analysis: ArticleAnalysis, title: str | None = None,
                 title_analysis: ArticleAnalysis | None = None) -> list[float]:
        """The :data:`SOURCING_COLUMNS` of one analysed article (and its analysed headline):
        :func:`sourcing_row` of its :meth:`rows`, without ordering the rows.

        Example:
            >>> from framing.spans import LexiconSet, analyse
            >>> ls = LexiconSet("attribution")
            >>> text = 'Moscow claimed it was over. "We won," an official said.'
            >>> Attributor(ls).sourcing(text, analyse(text, ls)) == sourcing_row(quotes(text).to_dict("records"))
            True
        """
        rows = _extract(text, analysis, self.info, self.words, li=self.li, unordered=True)
        title_rows = None
        if title is not None:
            title_rows = _extract(title, title_analysis, self.info, self.words, headline=True, li=self.li,
                                  unordered=True)
        return _count_sourcing(rows, title_rows)

    def titles(self, df: pd.DataFrame) -> Iterator[tuple[str | None, ArticleAnalysis | None]]:
        """Each article's headline and its analysis (:func:`framing.spans.iter_titles`)."""
        return iter_titles(df, self.lexset)


_INT = ("speaker_start", "speaker_end", "cue_start", "cue_end", "content_start", "content_end", "sentence")


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(ATTRIBUTION_COLUMNS))
    for c in _INT:
        df[c] = df[c].astype("Int64")
    df["nested"] = df["nested"].astype(bool)
    for c in ("doc_id", "kind", "speaker", "cue", "stance", "content", "source_type",
              "speaker_name", "field", "problems"):
        df[c] = df[c].astype("string")
    return df


def quotes(articles: Any, *, attribution: str | Lexicon = "attribution", titles: bool = True,
           cue_spans: pd.DataFrame | None = None, nested: bool = True,
           progress: bool | None = None, n_jobs: int = 1) -> pd.DataFrame:
    """Every attribution in the articles: speaker, cue, stance, content and source type.

    The rules are in the module docstring; the task and its categories follow PARC 3.0
    (Pareti 2016) and PolNeAR (Newell, Margolin & Ruths 2018); the stances are those of the
    ``attribution`` lexicon (after Bergler 1992 on reporting verbs as evaluation).

    Args:
        articles: an articles table (``text``; ``title`` is read too when ``titles``), texts,
            or one text.
        attribution: the cue lexicon (a built-in name, a path or a :class:`Lexicon`).
        titles: also read each article's ``title`` (rows with ``field == "title"``).
        cue_spans: more cues, as a table with ``doc_id``, ``start``, ``end`` (offsets into
            ``text``), for example from :meth:`framing.cuemodel.CueModel.predict`; a span that
            overlaps a lexicon cue confirms it (a weak form then needs no speaker and content
            to be kept), the others are cues with no stance (``stance`` is missing).
        nested: keep attributions whose cue lies inside another attribution's content
            (``nested`` column); ``False`` drops them, as corpora in the PARC scheme
            (PolNeAR) annotate only the outer attribution.
        progress: a progress bar (``None``: from 2,000 articles on).
        n_jobs: worker processes; the result is the same as with one.

    Returns:
        One row per attribution, columns :data:`ATTRIBUTION_COLUMNS`, in article and text
        order; offsets index into the article's ``text`` (or ``title`` for title rows).
        ``attrs["lexicons"]`` holds the stamps of the lexicons used.

    Example:
        >>> t = ('"It is over," Foreign Ministry spokesperson Maria Zakharova said. '
        ...      'The alliance has continued to claim that troops are massing.')
        >>> q = quotes(t)
        >>> q[["kind", "speaker_name", "source_type", "cue", "stance"]].values.tolist()
        [['direct', 'Maria Zakharova', 'person', 'said', 'neutral'], ['indirect', 'alliance', 'organisation', 'continued to claim', 'distancing']]
    """
    df = as_articles(articles)
    lexset = LexiconSet([attribution])
    words = _words()
    extra = _extra_cues(cue_spans)
    if n_jobs > 1:
        func = partial(_quotes_chunk, titles=titles, extra=extra)
        out = pd.concat(map_chunks(func, df, lexset, n_jobs, progress), ignore_index=True)
    else:
        out = _quotes_frame(df, lexset, words, titles, progress, extra)
    if not nested:
        out = out[~out["nested"]].reset_index(drop=True)
    out.attrs["lexicons"] = {**lexset.stamps(), "speakers": words.stamp}
    return out


def _extra_cues(cue_spans: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]]:
    if cue_spans is None:
        return {}
    missing = {"doc_id", "start", "end"} - set(cue_spans.columns)
    if missing:
        raise ValueError(f"cue_spans needs the columns doc_id, start, end (missing: {sorted(missing)})")
    out: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in zip(cue_spans["doc_id"].astype(str), cue_spans["start"], cue_spans["end"]):
        out.setdefault(d, []).append((int(s), int(e)))
    return out


def _quotes_chunk(df: pd.DataFrame, lexset: LexiconSet, progress: bool | None = None, *,
                  titles: bool = True, extra: dict[str, list[tuple[int, int]]] | None = None
                  ) -> pd.DataFrame:
    return _quotes_frame(df, lexset, _words(), titles, progress, extra or {})


def _quotes_frame(df: pd.DataFrame, lexset: LexiconSet, words: _Words, titles: bool,
                  progress: bool | None, extra: dict[str, list[tuple[int, int]]]) -> pd.DataFrame:
    at = Attributor(lexset)
    rows: list[dict[str, Any]] = []
    parts: list[pd.DataFrame] = []  # rows become columns every _FRAME_ROWS rows: dicts are big
    heads = at.titles(df if titles else df[["text"]])
    for (doc_id, text, a), (title, ta) in zip(_iter_analyses(df, lexset, progress), heads):
        if title is not None:
            for r in at.rows(title, ta, headline=True):
                r["doc_id"], r["field"] = doc_id, "title"
                rows.append(r)
        for r in at.rows(text, a, extra=extra.get(doc_id)):
            r["doc_id"], r["field"] = doc_id, "text"
            rows.append(r)
        if len(rows) >= _FRAME_ROWS:
            parts.append(_frame(rows))
            rows = []
    if rows or not parts:
        parts.append(_frame(rows))
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def sources(articles: Any = None, *, attributions: pd.DataFrame | None = None,
            by: str | None = "outlet", level: str = "speaker", **kwargs: Any) -> pd.DataFrame:
    """Who gets which reporting verbs: a speaker x stance table, by outlet.

    Counts the attributions of :func:`quotes` per (group, speaker, source type) and stance,
    with a ``total`` and the share of non-neutral (``distancing``, ``conflict`` ...) cues, so a
    reader sees at a glance whom an outlet lets "say" and whom it makes "claim" (Bergler
    1992; the speaker x verb view of Gidron et al. 2020's "quoting" analyses).

    Args:
        articles: an articles table (needs ``by`` as a column unless ``by`` is None).
        attributions: the output of :func:`quotes`, if already computed.
        by: the grouping column of ``articles`` (``None``: one group).
        level: ``"speaker"`` (rows per speaker and source type) or ``"source_type"`` (rows per
            source type only: which kinds of source get the distancing and conflict verbs).
        **kwargs: passed to :func:`quotes`.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"text": ["Moscow claimed it was over. Kyiv said it was not."],
        ...                      "outlet": ["A"]})
        >>> t = sources(arts)
        >>> t.reset_index()[["outlet", "speaker", "distancing", "neutral", "total"]].values.tolist()
        [['A', 'Kyiv', 0, 1, 1], ['A', 'Moscow', 1, 0, 1]]
    """
    if articles is None and attributions is None:
        raise ValueError("give articles, attributions, or both")
    q = attributions if attributions is not None else quotes(articles, **kwargs)
    q = q[q["cue"].notna() & q["stance"].notna()]
    if level not in ("speaker", "source_type"):
        raise ValueError(f"level must be 'speaker' or 'source_type', not {level!r}")
    speaker = q["speaker_name"].fillna(q["speaker"]).fillna("(no speaker)")
    keys = {"speaker": speaker, "source_type": q["source_type"].fillna("(no speaker)")}
    if level == "source_type":
        del keys["speaker"]
    if by is not None:
        if articles is None:
            raise ValueError("grouping by a column needs the articles table")
        df = as_articles(articles)
        if by not in df.columns:
            raise ValueError(f"the articles table has no column {by!r} to group by")
        group = df[by].astype("string").reindex(q["doc_id"].astype(str)).to_numpy()
        keys = {by: group, **keys}
    table = pd.crosstab([pd.Series(np.asarray(v, dtype=object), name=k) for k, v in keys.items()],
                        q["stance"].to_numpy())
    table = table.reindex(columns=list(STANCES), fill_value=0)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    table["non_neutral_share"] = 1 - table["neutral"] / table["total"]
    return table.sort_index()
