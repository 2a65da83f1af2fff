"""The matching engine: text + lexicon -> spans with character offsets.

The rule set (one, written once, used by both engines below):

1. Text and patterns are cut into tokens by :mod:`framing.tokenize` and compared in normal
   form (simple lowercase, apostrophes folded). Matching is on whole tokens only.
2. A pattern word without ``*`` matches a token equal to it; ``word*`` matches any token
   that starts with ``word`` (the continuation may be empty). The **last** word of a pattern
   also matches a possessive token ``word's`` (the span then ends before ``'s``).
3. A phrase matches consecutive tokens whose gaps are whitespace with at most one hyphen
   (so hyphen and space are interchangeable, and phrases run across line breaks but never
   across other punctuation).
4. Within one lexicon, matches are chosen **left to right, longest first**: at each token,
   the candidate covering the most tokens wins; at equal length, the one with more exact
   (non-wildcard) words, then the longer wildcard prefixes, then a full token over a
   possessive base; tokens inside a chosen match cannot start another match of the same
   lexicon. Entries with the same pattern (LIWC words in several categories) all match.
   Different lexicons are matched independently, so their spans may overlap.

:func:`reference_matches` applies these rules literally, entry by entry (slow, obviously
right). :class:`Matcher` gives the same spans quickly: it hashes every token once with
numpy (a 64-bit polynomial hash over normal-form code points), keeps only tokens whose hash
(or wildcard-prefix hash) can start an entry, and walks a word trie from those tokens only.
Property tests check that both engines agree. Token hashes filter; the trie compares the
actual token strings, so a hash collision can cost time but never create a false match.

Example:
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_records("demo", [
    ...     {"pattern": "self-declared", "category": "label"},
    ...     {"pattern": "claim*", "category": "attribution"},
    ...     {"pattern": "kiev", "category": "naming"}])
    >>> m = Matcher(lex)
    >>> text = "The self declared republic claimed Kiev's troops fired."
    >>> [(text[s:e], lex.entries[k].pattern) for s, e, k in m.matches(text)]
    [('self declared', 'self-declared'), ('claimed', 'claim*'), ('Kiev', 'kiev')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .lexicon import Lexicon
from .tokenize import TokenArrays, gap_ok, normal_form, reference_tokens, tokenize

__all__ = ["Matcher", "MatchArrays", "reference_matches"]

_BASE = np.uint64(0x100000001B3)  # FNV prime, odd: a unit mod 2**64
_SEED = np.uint64(0xCBF29CE484222325)


class MatchArrays(NamedTuple):
    """Matches of one text as parallel int64 arrays: ``start``, ``end`` (character offsets)
    and ``entry`` (index into ``lexicon.entries``)."""

    start: np.ndarray
    end: np.ndarray
    entry: np.ndarray


def _rank(words: Sequence[str], prefix: Sequence[bool], base: bool) -> tuple[int, int, int, int]:
    """Sort key of a candidate match: tokens, exact words, prefix letters, full token."""
    n_exact = sum(1 for p in prefix if not p)
    prefix_len = sum(len(w) for w, p in zip(words, prefix) if p)
    return len(words), n_exact, prefix_len, 0 if base else 1


# --------------------------------------------------------------------------- reference engine

def _word_matches(token: str, word: str, is_prefix: bool, last: bool) -> int:
    """0 = no match, 1 = full match, 2 = possessive base match (last word only)."""
    if is_prefix:
        return 1 if token.startswith(word) else 0
    if token == word:
        return 1
    if last and token.endswith("'s") and token[:-2] == word:
        return 2
    return 0


def reference_matches(text: str, lexicon: Lexicon) -> list[tuple[int, int, int]]:
    """All matches of ``lexicon`` in ``text`` as ``(start, end, entry_index)``, by the rules
    of this module applied literally (every entry tried at every token).

    Example:
        >>> from framing.lexicon import Lexicon
        >>> lex = Lexicon.from_records("x", [{"pattern": "new york", "category": "c"},
        ...                                  {"pattern": "new york times", "category": "c"},
        ...                                  {"pattern": "york", "category": "c"}])
        >>> reference_matches("The New York Times, New-York and York.", lex)
        [(4, 18, 1), (20, 28, 0), (33, 37, 2)]
    """
    toks = reference_tokens(text)
    gaps = [gap_ok(text[toks[i][1]:toks[i + 1][0]]) for i in range(len(toks) - 1)]
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(toks):
        best: tuple[int, int, int, int] | None = None
        best_hits: list[tuple[int, int, int]] = []
        for k, e in enumerate(lexicon.entries):
            n = len(e.words)
            if i + n > len(toks) or any(not gaps[i + j] for j in range(n - 1)):
                continue
            kinds = [_word_matches(toks[i + j][2], e.words[j], e.prefix[j], j == n - 1)
                     for j in range(n)]
            if not all(kinds):
                continue
            base = kinds[-1] == 2
            rank = _rank(e.words, e.prefix, base)
            end = toks[i + n - 1][1] - (2 if base else 0)
            if best is None or rank > best:
                best, best_hits = rank, [(toks[i][0], end, k)]
            elif rank == best:
                best_hits.append((toks[i][0], end, k))
        if best is None:
            i += 1
            continue
        # all entries with the winning pattern match (same key); others of equal rank too
        out.extend(sorted(best_hits, key=lambda h: h[2]))
        i += best[0]
    return out


# --------------------------------------------------------------------------- fast engine

@dataclass
class _Node:
    exact: dict[str, _Node] = field(default_factory=dict)
    prefix: dict[int, dict[str, _Node]] = field(default_factory=dict)  # length -> prefix -> node
    entries: list[tuple[int, int]] = field(default_factory=list)  # (lexicon, entry) ending here
    rank: tuple[int, int, int, int] = (0, 0, 0, 0)


def _hash_words(words: Sequence[str]) -> np.ndarray:
    """Polynomial hashes of strings, computed as the token hasher does (Horner, uint64)."""
    out = np.empty(len(words), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i, w in enumerate(words):
            h = _SEED
            for c in w:
                h = h * _BASE + np.uint64(ord(c))
            out[i] = h
    return out


def _pair(h1: np.ndarray, h2: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return h1 * _PAIR + (h2 ^ _MIX)


_PAIR = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


class Matcher:
    """One or more lexicons compiled for fast matching (rules in the module docstring).

    All lexicons share one tokenisation, one hashing pass and one trie walk per text;
    longest-match resolution is done per lexicon, so their spans may overlap. Build it once
    and reuse it: compiling costs far more than matching one article.

    Candidate tokens are found with numpy before any Python runs: a token is kept when its
    hash equals a one-word entry (or a wildcard prefix of one, or its possessive base does),
    or when it and the next token hash like the first two words of a phrase (phrases whose
    first two words include a wildcard fall back to their first word alone).

    Example:
        >>> from framing.lexicon import load_lexicon
        >>> m = Matcher(load_lexicon("label"))
        >>> text = "the self-declared Donetsk People's Republic"
        >>> [text[s:e] for s, e, _ in m.matches(text)]
        ['self-declared']
    """

    def __init__(self, lexicons: Lexicon | Sequence[Lexicon]):
        self.lexicons: list[Lexicon] = [lexicons] if isinstance(lexicons, Lexicon) else list(lexicons)
        self.root = _Node()
        max_len = 1
        single_exact: set[str] = set()
        single_prefix: dict[int, set[str]] = {}
        pairs: set[tuple[str, str]] = set()
        loose_exact: set[str] = set()
        loose_prefix: dict[int, set[str]] = {}
        for li, lex in enumerate(self.lexicons):
            for k, e in enumerate(lex.entries):
                node = self.root
                for w, p in zip(e.words, e.prefix):
                    max_len = max(max_len, len(w))
                    if p:
                        node = node.prefix.setdefault(len(w), {}).setdefault(w, _Node())
                    else:
                        node = node.exact.setdefault(w, _Node())
                node.entries.append((li, k))
                node.rank = _rank(e.words, e.prefix, False)
                w0, p0 = e.words[0], e.prefix[0]
                if len(e.words) == 1:
                    (single_prefix.setdefault(len(w0), set()).add(w0) if p0 else single_exact.add(w0))
                elif not p0 and not e.prefix[1]:
                    pairs.add((w0, e.words[1]))
                else:
                    (loose_prefix.setdefault(len(w0), set()).add(w0) if p0 else loose_exact.add(w0))
        self.max_len = max_len
        self._single = np.sort(_hash_words(sorted(single_exact | loose_exact)))
        prefixes: dict[int, set[str]] = {}
        for d in (single_prefix, loose_prefix):
            for L, ws in d.items():
                prefixes.setdefault(L, set()).update(ws)
        self._prefix = {L: np.sort(_hash_words(sorted(ws))) for L, ws in prefixes.items()}
        firsts = sorted(pairs)
        self._pairs = np.sort(_pair(_hash_words([a for a, _ in firsts]), _hash_words([b for _, b in firsts])))

    # -- per text

    def _candidates(self, starts: np.ndarray, ends: np.ndarray, gaps: np.ndarray,
                    low: np.ndarray) -> np.ndarray:
        """Indices of tokens that could start a match (a superset of the real starts)."""
        n = len(starts)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        lens = ends - starts
        limit = self.max_len
        h = np.full(n, _SEED, dtype=np.uint64)
        base = np.zeros(n, dtype=np.uint64)
        cand = np.zeros(n, dtype=bool)
        poss = (lens >= 3) & (low[np.maximum(ends - 2, 0)] == 39) & (low[ends - 1] == ord("s"))
        low64 = low.astype(np.uint64) if low.dtype != np.uint64 else low
        idx = np.flatnonzero(lens <= limit + 2) if not self._prefix else np.arange(n)
        with np.errstate(over="ignore"):
            for j in range(limit):
                idx = idx[lens[idx] > j]
                if len(idx) == 0:
                    break
                h[idx] = h[idx] * _BASE + low64[starts[idx] + j]
                table = self._prefix.get(j + 1)
                if table is not None:
                    cand[idx] |= _isin(h[idx], table)
                b = idx[poss[idx] & (lens[idx] == j + 3)]
                if len(b):
                    base[b] = h[b]
        full = lens <= limit
        cand |= full & _isin(h, self._single)
        pb = np.flatnonzero(poss & (lens - 2 <= limit))
        if len(pb):
            cand[pb] |= _isin(base[pb], self._single)
        if len(self._pairs) and n > 1:
            ok = gaps[:-1] & full[:-1]
            pair_hit = ok & full[1:] & _isin(_pair(h[:-1], h[1:]), self._pairs)
            if poss.any():  # the second word of a two-word phrase may be possessive
                pair_hit |= ok & poss[1:] & _isin(_pair(h[:-1], base[1:]), self._pairs)
            cand[:-1] |= pair_hit
        return np.flatnonzero(cand)

    def match_arrays(self, text: str, tokens: TokenArrays | None = None) -> list[MatchArrays]:
        """Matches of every lexicon, as one :class:`MatchArrays` per lexicon.

        Example:
            >>> from framing.lexicon import Lexicon
            >>> m = Matcher(Lexicon.from_records("x", [{"pattern": "kiev", "category": "c"}]))
            >>> m.match_arrays("Kiev's view")[0].end.tolist()
            [4]
        """
        toks = tokens if tokens is not None else tokenize(text)
        starts, ends, gaps = toks.starts, toks.ends, toks.gap_ok
        cands = self._candidates(starts, ends, gaps, toks.low)
        nlex = len(self.lexicons)
        out: list[tuple[list[int], list[int], list[int]]] = [([], [], []) for _ in range(nlex)]
        next_free = [0] * nlex
        n = len(starts)
        starts_l, ends_l, gaps_l = starts.tolist(), ends.tolist(), gaps.tolist()
        cache: dict[int, str] = {}

        def norm(i: int) -> str:
            s = cache.get(i)
            if s is None:
                raw = text[starts_l[i]:ends_l[i]]
                s = cache[i] = raw.lower() if raw.isascii() else normal_form(raw)
            return s

        for i in cands.tolist():
            best: dict[int, list] = {}
            frontier = [(self.root, i)]
            while frontier:
                node, j = frontier.pop()
                tok = norm(j)
                found: list[tuple[_Node, bool]] = []
                child = node.exact.get(tok)
                if child is not None:
                    found.append((child, False))
                for L, table in node.prefix.items():
                    if len(tok) >= L:
                        child = table.get(tok[:L])
                        if child is not None:
                            found.append((child, False))
                if len(tok) > 2 and tok[-2:] == "'s":
                    child = node.exact.get(tok[:-2])
                    if child is not None and child.entries:
                        found.append((child, True))
                for child, is_base in found:
                    if child.entries:
                        rank = child.rank if not is_base else child.rank[:3] + (0,)
                        end = ends_l[j] - (2 if is_base else 0)
                        for li, k in child.entries:
                            cur = best.get(li)
                            if cur is None or rank > cur[0]:
                                best[li] = [rank, j, end, [k]]
                            elif rank == cur[0]:
                                cur[3].append(k)
                    if not is_base and (child.exact or child.prefix) and j + 1 < n and gaps_l[j]:
                        frontier.append((child, j + 1))
            for li, (_, j_end, end, ks) in best.items():
                if i < next_free[li]:
                    continue
                s_, e_, k_ = out[li]
                for k in sorted(ks):
                    s_.append(starts_l[i])
                    e_.append(end)
                    k_.append(k)
                next_free[li] = j_end + 1
        return [MatchArrays(np.asarray(s_, dtype=np.int64), np.asarray(e_, dtype=np.int64),
                            np.asarray(k_, dtype=np.int64)) for s_, e_, k_ in out]

    def matches(self, text: str, lexicon: int = 0) -> list[tuple[int, int, int]]:
        """Matches of one lexicon as ``(start, end, entry_index)``, exactly as
        :func:`reference_matches` gives them.

        Example:
            >>> from framing.lexicon import Lexicon
            >>> m = Matcher(Lexicon.from_records("x", [{"pattern": "accus*", "category": "c"}]))
            >>> m.matches("Accusations flew; he accused them.")
            [(0, 11, 0), (21, 28, 0)]
        """
        arr = self.match_arrays(text)[lexicon]
        return list(zip(arr.start.tolist(), arr.end.tolist(), arr.entry.tolist()))


def _isin(values: np.ndarray, sorted_table: np.ndarray) -> np.ndarray:
    """Membership of uint64 values in a sorted table (vectorised binary search)."""
    if len(sorted_table) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(sorted_table, values)
    pos[pos == len(sorted_table)] = 0
    return sorted_table[pos] == values
