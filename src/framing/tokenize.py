"""Word tokens with character offsets: the one written rule set, in two implementations.

The rules (used for lexicon patterns and article text alike, so a pattern matches exactly
the text it looks like):

1. A **word character** is a letter, a digit, a combining mark (Unicode categories L*, N*,
   M*) or ``_``.
2. A token is a maximal run of word characters, where these **joiners** also count as part
   of the token when they stand between two word characters:

   * an apostrophe (``'``, ``’``, ``ʼ``, ``‘``): *Moscow's*, *don't*, *rock'n'roll*;
   * ``.`` or ``,`` between two digits: *3.5*, *700,000*;
   * ``.`` after a single letter and before a letter (initialisms): *J.K.*, *U.S.*; the
     final period of such an initialism belongs to it too (*U.S.* gives ``U.S.``, so
     ``"u.s. officials"`` is a phrase like any other); *end.The* stays two tokens.

   Everything else (spaces, hyphens, dashes, other punctuation, symbols) separates tokens.
3. **Normal form** of a token, used for matching: each character's simple lowercase
   mapping (a character whose lowercase is several characters is kept as it is), and every
   apostrophe as ``'``. Accents are kept (*café* is not *cafe*).
4. A **gap** is the text between two tokens. A phrase may continue across a gap made only
   of whitespace (spaces, tabs, NBSP, line breaks) and at most one hyphen (``-``, U+2010,
   U+2011), so *self-declared*, *self declared* and *self-\\ndeclared* are the same phrase,
   while *self, declared* or *self—declared* are not.

:func:`reference_tokens` states the rules with :mod:`re`, one token at a time, to be
obviously right; :class:`TokenArrays` computes the same tokens for a whole text at once
with numpy (the fast path the matcher uses). Property tests check they agree.

Example:
    >>> " ".join(t for _, _, t in reference_tokens("The U.S.-backed 'rebels' fired 3.5 shells at Kiev's H.Q."))
    "the u.s. backed rebels fired 3.5 shells at kiev's h.q."
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import numpy as np

__all__ = [
    "APOSTROPHES",
    "HYPHENS",
    "TokenArrays",
    "gap_ok",
    "normal_form",
    "reference_tokens",
    "tokenize",
]

APOSTROPHES = "'\u2019\u02bc\u2018"
HYPHENS = "-\u2010\u2011"

# Character flags of the vectorised tokenizer (one uint8 per code point).
_WORD, _DIGIT, _ALPHA, _APOS, _DOT, _COMMA, _SPACE, _HYPHEN = (1, 2, 4, 8, 16, 32, 64, 128)


@lru_cache(maxsize=None)
def _is_word_char(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch)[0] in "LNM"


@lru_cache(maxsize=None)
def _lower(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    low = ch.lower()
    return low if len(low) == 1 else ch


def normal_form(token: str) -> str:
    """The matching form of a token: simple lowercase, apostrophes as ``'``.

    Example:
        >>> normal_form("Kiev\u2019s")
        "kiev's"
    """
    if token.isascii():  # (the same: an ASCII letter's lowercase is one letter, "'" stays)
        return token.lower()
    return "".join(map(_lower, token))


def reference_tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens as ``(start, end, normal_form)``: the rules written one token at a time.

    This is the obviously-right version (slow); :func:`tokenize` is the fast one.

    Example:
        >>> reference_tokens("Self-declared 'DPR'")
        [(0, 4, 'self'), (5, 13, 'declared'), (15, 18, 'dpr')]
    """
    out: list[tuple[int, int, str]] = []
    n = len(text)
    i = 0
    while i < n:
        if not _is_word_char(text[i]):
            i += 1
            continue
        start = i
        while True:
            while i < n and _is_word_char(text[i]):
                i += 1
            if i + 1 < n and _is_word_char(text[i + 1]) and _joins(text, i):
                i += 1
                continue
            break
        if (i < n and text[i] == "." and i - start >= 3 and text[i - 2] == "."
                and text[i - 1].isalpha() and not (i + 1 < n and _is_word_char(text[i + 1]))):
            i += 1  # the final period of an initialism
        out.append((start, i, normal_form(text[start:i])))
    return out


def _joins(text: str, i: int) -> bool:
    """Whether ``text[i]`` (between two word characters) joins them into one token."""
    ch = text[i]
    if ch in APOSTROPHES:
        return True
    prev, nxt = text[i - 1], text[i + 1]
    if ch in ".," and prev.isdigit() and nxt.isdigit():
        return True
    if ch == "." and prev.isalpha() and nxt.isalpha():
        before = text[i - 2] if i >= 2 else " "
        return not _is_word_char(before) or before == "."
    return False


def gap_ok(gap: str) -> bool:
    """Whether a phrase may continue across ``gap`` (whitespace and at most one hyphen).

    Example:
        >>> [gap_ok(g) for g in [" ", "-", " - ", "\\n", "", ", ", "--", "\u2014"]]
        [True, True, True, True, False, False, False, False]
    """
    if not gap:
        return False
    hyphens = sum(gap.count(h) for h in HYPHENS)
    rest = [c for c in gap if c not in HYPHENS]
    return hyphens <= 1 and all(c.isspace() for c in rest)


# --------------------------------------------------------------------------- vectorised

def _flags_of(ch: str) -> int:
    f = 0
    if _is_word_char(ch):
        f |= _WORD | (_DIGIT if ch.isdigit() else 0) | (_ALPHA if ch.isalpha() else 0)
    elif ch.isspace():
        f |= _SPACE
    if ch in APOSTROPHES:
        f |= _APOS
    if ch in HYPHENS:
        f |= _HYPHEN
    if ch == ".":
        f |= _DOT
    if ch == ",":
        f |= _COMMA
    return f


_BLOCK = 256  # the tables are filled one block of code points at a time, on first use
_UNFILLED = 0xFF  # flags of a character whose block is not filled yet (no real character has them)
_FLAGS = np.full(0x10000, _UNFILLED, dtype=np.uint8)
_LOW = np.arange(0x10000, dtype=np.uint16)
_FILLED = np.zeros(0x10000 // _BLOCK, dtype=bool)
_FILLED_BELOW = 0  # every block below this code point is filled


def _fill_block(block: int) -> None:
    """Flags and normal-form code point of the characters of one block (rules of :func:`_flags_of`)."""
    lo = block * _BLOCK
    cps = range(lo, lo + _BLOCK)
    if 0xD800 <= lo < 0xE000:  # lone surrogates: no flags, their own lowercase
        _FLAGS[lo:lo + _BLOCK] = 0
        _FILLED[block] = True
        return
    chars = [chr(cp) for cp in cps]
    word = np.array([c == "_" or unicodedata.category(c)[0] in "LNM" for c in chars])
    digit = np.array([c.isdigit() for c in chars]) & word
    alpha = np.array([c.isalpha() for c in chars]) & word
    space = np.array([c.isspace() for c in chars]) & ~word
    flags = (word * _WORD | digit * _DIGIT | alpha * _ALPHA | space * _SPACE).astype(np.uint8)
    lowers = [c.lower() for c in chars]
    low = np.array([ord(x) if len(x) == 1 and ord(x) < 0x10000 else cp for cp, x in zip(cps, lowers)],
                   dtype=np.uint16)
    for ch in APOSTROPHES + HYPHENS + ".,":
        if lo <= ord(ch) < lo + _BLOCK:
            flags[ord(ch) - lo] = _flags_of(ch)
            low[ord(ch) - lo] = ord(_lower(ch))
    _FLAGS[lo:lo + _BLOCK] = flags
    _LOW[lo:lo + _BLOCK] = low
    _FILLED[block] = True


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Flags and normal-form code point per BMP character. The first block (ASCII and
    Latin-1) is filled at once; a character of another block has the flags ``_UNFILLED``
    until :func:`_fill_block` fills its block (on the first text that uses it: filling all
    the blocks of European scripts up front would cost more than matching a few MB)."""
    global _FILLED_BELOW
    if _FILLED_BELOW == 0:
        _fill_block(0)
        _FILLED_BELOW = _BLOCK
    return _FLAGS, _LOW


def _code_points(text: str) -> np.ndarray:
    """Code points of ``text`` as an integer array of len(text).

    UTF-16 when every character is in the BMP (half the memory), else UTF-32. A string
    that CPython stores with four bytes a character (its size says so) has a character
    beyond the BMP: it goes to UTF-32 at once instead of being encoded twice."""
    if len(text) < 64 or sys.getsizeof(text) < 3 * len(text):
        data = text.encode("utf-16-le", "surrogatepass")
        if len(data) == 2 * len(text):  # no characters outside the BMP
            return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


class TokenArrays(NamedTuple):
    """Tokens of one text as numpy arrays (the fast path of :func:`tokenize`).

    ``starts``/``ends`` are character offsets; ``gap_ok[i]`` says whether a phrase may
    continue from token ``i`` to token ``i + 1``; ``low`` holds the normal-form code point
    of every character of the text (only meaningful inside tokens: outside them, a character
    beyond the BMP may have any value).
    """

    starts: np.ndarray
    ends: np.ndarray
    gap_ok: np.ndarray
    low: np.ndarray


def tokenize(text: str) -> TokenArrays:
    """Tokenise ``text`` with the rules of this module, vectorised.

    Example:
        >>> t = tokenize("Self-declared 'DPR', Kiev\u2019s U.S. ally")
        >>> [(int(s), int(e)) for s, e in zip(t.starts, t.ends)]
        [(0, 4), (5, 13), (15, 18), (21, 27), (28, 32), (33, 37)]
        >>> t.gap_ok.tolist()
        [True, False, False, True, True, False]
    """
    cp = _code_points(text)
    flag_table, low_table = _tables()
    n = len(cp)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return TokenArrays(empty, empty, np.zeros(0, dtype=bool), np.zeros(0, dtype=np.uint32))
    astral = cp.dtype == np.uint32
    idx = cp.astype(np.intp)  # take() with native indices is twice as fast as [] with uint16
    if astral:
        idx &= 0xFFFF  # astral characters are classified below
    f = flag_table.take(idx, mode="clip")  # (idx < 0x10000: clip never clips; faster than "raise")
    low = low_table.take(idx, mode="clip")
    # candidate joiners (apostrophes, periods, commas); the flags of a character of a block
    # not filled yet include them, so the (rare) first use of a block shows up here
    special = np.flatnonzero((f & (_APOS | _DOT | _COMMA)) != 0)
    unfilled = special[f[special] == _UNFILLED]
    if astral and len(unfilled):
        unfilled = unfilled[cp[unfilled] < 0x10000]
    if len(unfilled):
        for b in np.unique(cp[unfilled] // _BLOCK).tolist():
            _fill_block(b)
        f = flag_table.take(idx, mode="clip")
        low = low_table.take(idx, mode="clip")
        special = np.flatnonzero((f & (_APOS | _DOT | _COMMA)) != 0)
    if astral:  # characters outside the BMP: classified one by one (rare)
        big = np.flatnonzero(cp >= 0x10000)
        special = special[cp[special] < 0x10000]
        chars = [chr(c) for c in cp[big].tolist()]
        flags = [_flags_of(ch) for ch in chars]
        f[big] = flags
        if any(fl & _WORD for fl in flags):  # low must hold astral code points (in tokens)
            low = low.astype(np.uint32)
            low[big] = [ord(_lower(ch)) for ch in chars]
    # in_tok: whether each character belongs to a token, with a False character on either
    # side (pad), so that token boundaries are where pad changes, with no special ends
    pad = np.zeros(n + 2, dtype=np.uint8)
    np.bitwise_and(f, _WORD, out=pad[1:-1])  # _WORD is bit 0: 0 or 1, a bool as a byte
    pad = pad.view(bool)
    in_tok = pad[1:-1]
    # joiners are rare (apostrophes, periods, commas): judge them one by one, vectorised
    special = special[(special >= 1) & (special <= n - 2)]
    if len(special):
        fm, fp, fn = f[special], f[special - 1], f[special + 1]
        both = ((fp & _WORD) != 0) & ((fn & _WORD) != 0)
        apos = (fm & _APOS) != 0
        num = ((fm & (_DOT | _COMMA)) != 0) & ((fp & _DIGIT) != 0) & ((fn & _DIGIT) != 0)
        before = np.where(special >= 2, f[np.maximum(special - 2, 0)], 0)
        initial = ((fm & _DOT) != 0) & ((fp & _ALPHA) != 0) & ((fn & _ALPHA) != 0) & ((before & _WORD) == 0)
        join = both & (apos | num | initial)
        # the final period of an initialism: letter '.' after an initialism's joined '.'
        # (two characters before: a '.' between letters, no word character before them),
        # not followed by a word character
        dots = special[((fm & _DOT) != 0) & ((fp & _ALPHA) != 0) & ((fn & _WORD) == 0) & ~join]
        dots = dots[dots >= 3]
        if len(dots):
            d = dots - 2  # (its next character, dots - 1, is a letter)
            dots = dots[((f[d] & _DOT) != 0) & ((f[d - 1] & _ALPHA) != 0)
                        & ((np.where(d >= 2, f[np.maximum(d - 2, 0)], 0) & _WORD) == 0)]
        in_tok[special[join]] = True
        in_tok[dots] = True
    if n >= 2 and (f[-1] & _DOT) and not in_tok[-1] and n >= 4:
        # a final period at the very end of the text (the loop above stops at n - 2)
        i = n - 1
        if (f[i - 1] & _ALPHA) and (f[i - 2] & _DOT) and in_tok[i - 2] and (f[i - 3] & _ALPHA):
            in_tok[i] = True
    change = np.flatnonzero(pad[1:] != pad[:-1])  # (pad[k + 1] is in_tok[k])
    starts = change[0::2].astype(np.int64)
    ends = change[1::2].astype(np.int64)
    m = len(starts)
    gap = np.zeros(m, dtype=bool)
    if m > 1:
        # a gap is fine when it holds only whitespace and at most one hyphen. Most gaps are
        # one character (a space): judged at once; the others that start with whitespace or a
        # hyphen are checked position by position (up to three), longer ones character by
        # character, all at once
        g0 = ends[:-1]
        glen = starts[1:] - g0
        blank = (f.take(g0) & (_SPACE | _HYPHEN)) != 0
        ok = gap[:-1]
        np.logical_and(blank, glen == 1, out=ok)
        more = np.flatnonzero(blank ^ ok)  # (a gap has one character or more)
        if len(more):
            m0, mlen = g0[more], glen[more]
            good = np.ones(len(more), dtype=bool)
            hyphens = np.zeros(len(more), dtype=np.int8)
            for j in range(3):
                within = mlen > j
                fj = f.take(np.minimum(m0 + j, n - 1))
                good &= ~within | ((fj & (_SPACE | _HYPHEN)) != 0)
                hyphens += within & ((fj & _HYPHEN) != 0)
            good &= hyphens <= 1
            long = np.flatnonzero(good & (mlen > 3))  # long gaps ("\n\n\n", many spaces)
            if len(long):
                ln = mlen[long]
                first = np.cumsum(ln) - ln  # each gap's first character in the flat list
                fl = f.take(np.repeat(m0[long] - first, ln) + np.arange(int(ln.sum())))
                blank_all = np.logical_and.reduceat((fl & (_SPACE | _HYPHEN)) != 0, first)
                hyphens_all = np.add.reduceat(((fl & _HYPHEN) != 0).astype(np.int64), first)
                good[long] = blank_all & (hyphens_all <= 1)
            ok[more] = good
    return TokenArrays(starts, ends, gap, low)
