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
numpy (a 64-bit polynomial hash over normal-form code points, Karp and Rabin 1987), keeps
only tokens whose hash (or wildcard-prefix hash) can start an entry, and follows phrases
from those tokens only, in numpy or in a word trie. Property tests check that both engines
agree. Token hashes filter; every candidate is then compared with the entry character by
character (or, in the trie, string by string), so a hash collision can cost time but never
create a false match.

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul
from typing import Any, NamedTuple

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

_MASK = (1 << 64) - 1
_B = 0x100000001B3  # odd, so invertible modulo 2**64
_B_INV = pow(_B, -1, 1 << 64)
_PAIR = np.uint64(0x9E3779B97F4A7C15)
_POW: np.ndarray = np.ones(1, dtype=np.uint64)
_IPOW: np.ndarray = np.ones(1, dtype=np.uint64)


_WARM_CHARS = 1 << 20  # texts up to this long need no new powers (framing.spans batches ~2**19)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """B**i and B**-i modulo 2**64 for i < n (cached, grown on demand with headroom)."""
    global _POW, _IPOW
    if len(_POW) < n:
        size = max(n + n // 4, 1 << 16)  # headroom: the next batches rarely regrow it
        _POW, _IPOW = _geometric(_B, size), _geometric(_B_INV, size)
    return _POW, _IPOW


def _geometric(base: int, size: int) -> np.ndarray:
    """base**i mod 2**64 for i < size, by doubling: the second half is the first times base**k."""
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    filled = 1
    while filled < size:
        k = min(filled, size - filled)
        np.multiply(out[:k], np.uint64(pow(base, filled, 1 << 64)), out=out[filled:filled + k])
        filled += k
    return out


_POW_INTS = [pow(_B, j, 1 << 64) for j in range(64)]  # B**j mod 2**64 for the words' characters


@lru_cache(maxsize=None)
def _word_hash(word: str) -> int:
    """sum(ord(c) * B**j) mod 2**64: the hash the token arrays compute."""
    if len(word) <= len(_POW_INTS):
        return sum(map(mul, map(ord, word), _POW_INTS)) & _MASK
    h, p = 0, 1
    for c in word:
        h = (h + ord(c) * p) & _MASK
        p = (p * _B) & _MASK
    return h


def _rank_int(rank: tuple[int, int, int, int]) -> int:
    """A rank tuple as one integer with the same order."""
    n, n_exact, prefix_len, full = rank
    return (((n << 8 | n_exact) << 21) | prefix_len) << 1 | full


def _pair_hash(h1: np.ndarray, h2: np.ndarray) -> np.ndarray:
    return h1 * _PAIR + h2  # uint64 arithmetic wraps


@dataclass
class _Node:
    exact: dict[str, _Node] = field(default_factory=dict)
    prefix: dict[int, dict[str, _Node]] = field(default_factory=dict)  # length -> prefix -> node
    entries: list[tuple[int, int]] = field(default_factory=list)  # (lexicon, entry) ending here
    rank: tuple[int, int, int, int] = (0, 0, 0, 0)
    prefix_items: tuple[tuple[int, dict[str, _Node]], ...] = ()  # prefix tables, as a tuple
    root_exact: dict[str, _Node] = field(default_factory=dict)  # root only: children with children
    root_prefix: tuple[tuple[int, dict[str, _Node]], ...] = ()


def _flat_entries(groups: Iterable[Sequence[tuple[int, int]]]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Groups of (lexicon, entry) pairs as flat arrays: group ``g`` holds rows
    ``ptr[g]:ptr[g + 1]`` of ``lexicon`` and ``entry`` (compressed sparse rows)."""
    ptr, lex, entry = [0], [], []
    for group in groups:
        for li, k in group:
            lex.append(li)
            entry.append(k)
        ptr.append(len(lex))
    return (np.asarray(ptr, dtype=np.int64), np.asarray(lex, dtype=np.int64),
            np.asarray(entry, dtype=np.int64))


def _insert(root: _Node, entry: Any, li: int, k: int) -> None:
    """Add entry ``k`` of lexicon ``li`` to the word trie under ``root``."""
    node = root
    for w, p in zip(entry.words, entry.prefix):
        table = node.prefix.setdefault(len(w), {}) if p else node.exact
        child = table.get(w)
        if child is None:
            child = table[w] = _Node()
        node = child
    node.entries.append((li, k))
    node.rank = _rank(entry.words, entry.prefix, False)


def _freeze(node: _Node) -> None:
    """Precompute the walk's lookups (prefix tables as tuples) for a node and its subtree."""
    node.prefix_items = tuple(node.prefix.items())
    for child in node.exact.values():
        _freeze(child)
    for table in node.prefix.values():
        for child in table.values():
            _freeze(child)


class _WordTable:
    """Words of one kind (exact words, or wildcard prefixes of one length) for vectorised lookup:
    sorted hashes, and the words' code points to confirm a hash hit character by character."""

    def __init__(self, words: Sequence[str], nodes: Sequence[int]):
        hashes = np.array([_word_hash(w) for w in words], dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        self.hashes = hashes[order]
        self.set = _HashSet(self.hashes)
        self.nodes = np.asarray(nodes, dtype=np.int64)[order]
        ws = [words[i] for i in order.tolist()]
        self.words = ws
        self.lengths = np.array([len(w) for w in ws], dtype=np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(self.lengths)))[:-1].astype(np.int64)
        self.codes = np.array([ord(c) for w in ws for c in w], dtype=np.uint32)

    def lookup(self, hashes: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
               low: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For text pieces (start, length) with these hashes: which match a word, and its node."""
        hit, w = self.set.positions(hashes)
        return self.confirm(hit, w, starts, lengths, low)

    def confirm(self, hit: np.ndarray, w: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                low: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of the hash hits ``hit`` (indices into ``starts``/``lengths``) on words ``w``
        (positions in this table): those whose text equals the word, and the word's node."""
        same_len = self.lengths[w] == lengths[hit]
        hit, w = hit[same_len], w[same_len]
        if len(hit) == 0:
            return hit, hit
        L = self.lengths[w]
        total = int(L.sum())
        first = np.repeat(np.cumsum(L) - L, L)
        j = np.arange(total, dtype=np.int64) - first
        text_codes = low[np.repeat(starts[hit], L) + j]
        word_codes = self.codes[np.repeat(self.offsets[w], L) + j]
        same = np.logical_and.reduceat(text_codes == word_codes, np.cumsum(L) - L) if total else np.zeros(0, bool)
        return hit[same], self.nodes[w[same]]


class Matcher:
    """One or more lexicons compiled for fast matching (rules in the module docstring).

    All lexicons share one tokenisation and one hashing pass per text; the longest-match
    rule is applied per lexicon, so spans of different lexicons may overlap. Build it once
    and reuse it: compiling costs far more than matching one article.

    How it is fast: every token's polynomial hash (and the hashes of its wildcard prefixes
    and possessive base) comes from one prefix sum over the text's code points. One hash-table
    lookup per token gives its word id among all exact words of the lexicons; one-word
    entries are confirmed character by character, so a hash collision can never produce a
    false match. Wildcard prefixes are hashed only at tokens whose first three characters
    start one (a 16-bit key per token), all lengths in one lookup. Phrases whose words are
    exact except perhaps the last are followed word by word in numpy, only from tokens whose
    word id and the next token's word id (or possessive base) start a phrase; the others are
    walked in a word trie, in Python, only from tokens matching their first words. Sorting
    and the longest-match choice run once per batch, on integer keys.

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
        nodes: list[_Node] = []
        node_id: dict[int, int] = {}

        def nid(node: _Node) -> int:
            key = id(node)
            if key not in node_id:
                node_id[key] = len(nodes)
                nodes.append(node)
            return node_id[key]

        pairs: set[tuple[str, str]] = set()
        triples: set[tuple[str, str, str]] = set()  # phrases of 3+ words: their first three
        pairs2: dict[int, set[tuple[str, str]]] = {}  # second word a wildcard prefix of length L
        loose_exact: set[str] = set()
        loose_prefix: dict[int, set[str]] = {}
        # phrases whose words are all exact except perhaps the last: resolved in numpy
        self._wroot = _Node()  # trie of the other phrases (a wildcard before the last word)
        vpat: dict[tuple[tuple[str, ...], tuple[bool, ...]], int] = {}
        vpat_entries: list[list[tuple[int, int]]] = []
        for li, lex in enumerate(self.lexicons):
            for k, e in enumerate(lex.entries):
                if len(e.words) == 1:
                    _insert(self.root, e, li, k)
                else:  # a phrase: only its first word's node (the root's children are all that is read)
                    w0 = e.words[0]
                    table = self.root.prefix.setdefault(len(w0), {}) if e.prefix[0] else self.root.exact
                    if w0 not in table:
                        table[w0] = _Node()
                if len(e.words) > 1 and not any(e.prefix[:-1]):
                    key = (tuple(e.words), tuple(e.prefix))
                    if key not in vpat:
                        vpat[key] = len(vpat_entries)
                        vpat_entries.append([])
                    vpat_entries[vpat[key]].append((li, k))
                    continue
                if len(e.words) > 1:
                    _insert(self._wroot, e, li, k)
                    w0, w1 = e.words[0], e.words[1]
                    if not e.prefix[0] and not e.prefix[1]:
                        if len(e.words) >= 3 and not e.prefix[2]:
                            triples.add((w0, w1, e.words[2]))
                        else:
                            pairs.add((w0, w1))
                    elif not e.prefix[0]:
                        pairs2.setdefault(len(w1), set()).add((w0, w1))
                    elif e.prefix[0]:
                        loose_prefix.setdefault(len(w0), set()).add(w0)
                    else:
                        loose_exact.add(w0)
        self._n_entries = max((len(lex.entries) for lex in self.lexicons), default=0)
        _powers(_WARM_CHARS)  # the hash powers for a batch of find_spans, computed once here
        _freeze(self.root)
        _freeze(self._wroot)
        self._compile_phrases(list(vpat), vpat_entries)
        # the walk starts at depth 1: only root children that lead on to a phrase matter
        wr = self._wroot
        wr.root_exact = {w: c for w, c in wr.exact.items() if c.exact or c.prefix}
        wr.root_prefix = tuple(
            (L, {w: c for w, c in table.items() if c.exact or c.prefix})
            for L, table in wr.prefix.items()
            if any(c.exact or c.prefix for c in table.values()))
        # every exact word of a one-word entry or of a numpy phrase, in one table: a token's
        # word id comes from one hash lookup; words of one-word entries carry their node
        exact_words = {w for w, n in self.root.exact.items() if n.entries}
        phrase_words = {w for ws, pf in vpat for w, p in zip(ws, pf) if not p}
        all_words = sorted(exact_words | phrase_words)
        self._words = _WordTable(all_words, [nid(self.root.exact[w]) if w in exact_words else -1
                                             for w in all_words])
        self._compile_phrase_filter(list(vpat))
        # wildcard prefixes of one-word entries, all lengths in one table (a prefix's hash
        # covers its length: the table is looked up once with the prefixes of every length)
        prefixes = sorted((w, nid(n)) for table in self.root.prefix.values()
                          for w, n in table.items() if n.entries)
        self._prefix_lengths = sorted({len(w) for w, _ in prefixes})
        self._prefix = _WordTable([w for w, _ in prefixes], [k for _, k in prefixes])
        # entries of each one-word node, as flat arrays (CSR)
        self._ptr, self._lex, self._entry = _flat_entries(node.entries for node in nodes)
        # phrase starts
        firsts = sorted(pairs)
        self._pairs = _HashSet(_pair_hash(
            np.array([_word_hash(a) for a, _ in firsts], dtype=np.uint64),
            np.array([_word_hash(b) for _, b in firsts], dtype=np.uint64)))
        tri = sorted(triples)
        self._triples = _HashSet(_pair_hash(_pair_hash(
            np.array([_word_hash(a) for a, _, _ in tri], dtype=np.uint64),
            np.array([_word_hash(b) for _, b, _ in tri], dtype=np.uint64)),
            np.array([_word_hash(c) for _, _, c in tri], dtype=np.uint64)))
        self._pairs2 = {L: _HashSet(_pair_hash(
            np.array([_word_hash(a) for a, _ in sorted(ps)], dtype=np.uint64),
            np.array([_word_hash(b) for _, b in sorted(ps)], dtype=np.uint64))) for L, ps in pairs2.items()}
        # which wildcard lengths have a prefix starting with a token's first characters: keyed
        # by a 16-bit hash of the first three (of all, for prefixes shorter than three);
        # a collision only adds candidates, which the hash lookup then rejects
        prefix_words = [(L, w) for L, table in self.root.prefix.items() for w in table]
        prefix_words += [(L, w) for L, ps in pairs2.items() for _, w in ps]
        lead: dict[int, set[int]] = {}  # key of the first three characters -> prefix lengths
        self._lead_short: dict[int, np.ndarray] = {}  # prefixes of 1 or 2 characters: keyed by them all
        for L, w in prefix_words:
            if L >= 3:
                lead.setdefault(_lead_key(w[:3]), set()).add(L)
            else:
                self._lead_short.setdefault(L, np.zeros(1 << 16, dtype=bool))[_lead_key(w)] = True
        # per key: its row of prefix lengths (ascending, padded with lengths no token reaches),
        # in a small table that stays in the cache
        keys_sorted = sorted(lead)
        self._lead_any = np.zeros(1 << 16, dtype=bool)  # (flatnonzero is much faster on bools)
        self._lead_any[keys_sorted] = True
        self._lead_row = np.zeros(1 << 16, dtype=np.int32)
        self._lead_row[keys_sorted] = np.arange(len(keys_sorted), dtype=np.int32)
        width = max((len(v) for v in lead.values()), default=1)
        self._lead_table = np.full((max(len(keys_sorted), 1), width), _NO_LENGTH, dtype=np.uint32)
        for r, k in enumerate(keys_sorted):
            self._lead_table[r, :len(lead[k])] = sorted(lead[k])
        self._loose = _WordTable(sorted(loose_exact), [0] * len(loose_exact))
        self._loose_prefix = {L: _WordTable(sorted(ws), [0] * len(ws)) for L, ws in loose_prefix.items()}

    def _compile_phrase_filter(self, pats: list[tuple[tuple[str, ...], tuple[bool, ...]]]) -> None:
        """Which word ids start a numpy phrase, and which (first, second) word-id pairs do:
        a token starts a candidate only if its word and the next token's word (or, for a
        two-word phrase, its possessive base or a wildcard prefix) fit a phrase."""
        wid = {w: i for i, w in enumerate(self._words.words)}
        nw = len(wid)
        self._nw = nw
        first = np.zeros(nw + 1, dtype=bool)  # index nw (no word): False
        second = np.zeros(nw + 1, dtype=bool)  # exact second words
        loose = np.zeros(nw + 1, dtype=bool)  # first words of two-word phrases ending in a wildcard
        pairs: set[int] = set()
        for ws, pf in pats:
            a = wid[ws[0]]
            first[a] = True
            if pf[1]:
                loose[a] = True
            else:
                pairs.add(a * (nw + 1) + wid[ws[1]])  # (nw + 1: a token that is no word fits no pair)
                second[wid[ws[1]]] = True
        self._vfirst, self._vloose, self._vsecond = first, loose, second
        self._vloose_any = bool(loose.any())
        self._vpairs = _HashSet(np.array(sorted(pairs), dtype=np.uint64))

    def _compile_phrases(self, pats: list[tuple[tuple[str, ...], tuple[bool, ...]]],
                         pat_entries: list[list[tuple[int, int]]]) -> None:
        """Tables for the phrases resolved in numpy (every word exact except perhaps the last):
        chained pair hashes of their first ``d`` words (to follow candidates word by word), the
        chained hash of the whole pattern per (length, last-word kind), and the words' code
        points to confirm a hash hit character by character."""
        P = len(pats)
        self._vmax = max((len(w) for w, _ in pats), default=0)
        K = max(self._vmax, 1)
        self._vk = np.array([len(w) for w, _ in pats], dtype=np.int64)
        self._vrank = np.array([_rank_int(_rank(w, p, False)) for w, p in pats], dtype=np.int64)
        self._vpre = np.array([p[-1] for _, p in pats], dtype=bool)
        wlen = [[0] * K for _ in range(P)]
        woff = [[0] * K for _ in range(P)]
        codes: list[int] = []
        for q, (ws, _) in enumerate(pats):
            lq, oq = wlen[q], woff[q]
            for m, w in enumerate(ws):
                lq[m] = len(w)
                oq[m] = len(codes)
                codes.extend(map(ord, w))
        self._vwlen = np.array(wlen, dtype=np.int64).reshape(P, K)
        self._vwoff = np.array(woff, dtype=np.int64).reshape(P, K)
        self._vcodes = np.array(codes, dtype=np.uint32)
        self._vptr, self._vlex, self._vent = _flat_entries(pat_entries)
        depth: dict[int, set[int]] = {}  # chains of the first d words, of phrases longer than d
        heads: dict[int, dict[int, set[int]]] = {}  # same, of phrases of d + 1 words: last kinds
        groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for q, (ws, pf) in enumerate(pats):
            c = _word_hash(ws[0])
            pair = int(_PAIR)
            for d in range(1, len(ws)):
                depth.setdefault(d, set()).add(c)
                if d == len(ws) - 1:
                    heads.setdefault(d, {}).setdefault(c, set()).add(len(ws[-1]) if pf[-1] else 0)
                c = (c * pair + _word_hash(ws[d])) & _MASK
            groups.setdefault((len(ws), len(ws[-1]) if pf[-1] else 0), []).append((c, q))
        self._vdepth = {d: _HashSet(np.array(sorted(v), dtype=np.uint64)) for d, v in depth.items()}
        # per d: chains of the first d words of (d + 1)-word phrases, whether one of them ends
        # in an exact word, and the lengths of the wildcard prefixes they end in (CSR)
        self._vheads: dict[int, tuple[_HashSet, np.ndarray, np.ndarray, np.ndarray]] = {}
        for d, v in heads.items():
            hs = _HashSet(np.array(sorted(v), dtype=np.uint64))
            keys_d = hs.sorted.tolist()
            exact = np.array([0 in v[key] for key in keys_d], dtype=bool)
            lens_d = [sorted(L for L in v[key] if L) for key in keys_d]
            ptr = np.concatenate(([0], np.cumsum([len(x) for x in lens_d]))).astype(np.int64)
            self._vheads[d] = (hs, exact, ptr, np.array([L for x in lens_d for L in x], dtype=np.int64))
        # per phrase length: whole-pattern chains of those ending in an exact word, and of those
        # ending in a wildcard prefix (any length: the chain covers the prefix's characters)
        self._vgroups: dict[int, list[tuple[np.ndarray, np.ndarray, _HashSet, bool] | None]] = {}
        for (k, L), rows in groups.items():
            self._vgroups.setdefault(k, [[], []])[1 if L else 0].extend(rows)
        for k, two in self._vgroups.items():
            for x, rows in enumerate(two):
                rows.sort()
                keys = np.array([c for c, _ in rows], dtype=np.uint64)
                ids = np.array([q for _, q in rows], dtype=np.int64)
                two[x] = (keys, ids, _HashSet(keys), len(set(keys.tolist())) == len(keys)) if rows else None

    def _vector_phrases(self, h: np.ndarray, base_full: np.ndarray | None, poss: np.ndarray,
                        gaps: np.ndarray, starts: np.ndarray, lens: np.ndarray,
                        prefix_sum: np.ndarray, inv: np.ndarray, low: np.ndarray,
                        wid: np.ndarray, bwid: np.ndarray | None
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Confirmed hits of the numpy phrases: start token, pattern id, possessive-base flag."""
        empty = np.zeros(0, dtype=np.int64)
        if self._vmax < 2 or len(h) < 2:
            return empty, empty, empty.astype(bool)
        # candidate starts: a first word, then (across a phrase gap) a second word of the
        # same phrase, a possessive base of one, or anything after a wildcard-ending pair
        nw = self._nw  # the word id of a token that is no word
        i = np.flatnonzero(gaps[:-1] & self._vfirst.take(wid[:-1]))
        start = np.zeros(len(h), dtype=bool)
        if self._vloose_any:
            start[i[self._vloose.take(wid[i])]] = True
        w2 = wid.take(i + 1)
        j = np.flatnonzero(self._vsecond.take(w2))  # a second word follows: is the pair a phrase's?
        ij = i.take(j)
        keys = (wid.take(ij) * (nw + 1) + w2.take(j)).astype(np.uint64)
        start[ij[self._vpairs.member(keys)]] = True
        if bwid is not None:  # the second word possessive: from the (few) possessive tokens
            j = np.flatnonzero(bwid[1:] < nw)
            j = j[gaps[j] & self._vfirst.take(wid[j])]
            keys = (wid[j] * (nw + 1) + bwid[j + 1]).astype(np.uint64)
            start[j[self._vpairs.positions(keys)[0]]] = True
        alive = np.flatnonzero(start)
        c = h[alive]
        hit_i, hit_p, hit_b = [], [], []

        def find(keys: np.ndarray, ids: np.ndarray, hs: _HashSet, unique: bool, values: np.ndarray,
                 rows: np.ndarray, is_base: bool) -> None:
            found, pos = hs.positions(values)
            if len(found) == 0:
                return
            if unique:  # one pattern per chain
                hit_i.append(rows.take(found))
                hit_p.append(ids.take(pos))
                hit_b.append(np.full(len(found), is_base))
                return
            hi = np.searchsorted(keys, values[found], side="right")
            cnt = hi - pos
            r = np.repeat(found, cnt)
            q = ids[np.repeat(pos, cnt) + _offsets(cnt)]
            hit_i.append(rows[r])
            hit_p.append(q)
            hit_b.append(np.full(len(r), is_base))

        for d in range(1, self._vmax):
            if len(alive) == 0:
                break
            t = alive + d  # candidate last token (gaps so far are fine)
            ht = h[t]
            hd = self._vheads.get(d)
            if hd is not None:
                hs, has_exact, lptr, llens = hd
                f, fpos = hs.positions(c)  # a phrase of d + 1 words may end at token t
                if len(f):
                    fa, fc, ft = alive[f], c[f], t[f]
                    exact, prefix = self._vgroups[d + 1]
                    if exact is not None:
                        e = np.flatnonzero(has_exact[fpos])
                        find(*exact, _pair_hash(fc[e], h[ft[e]]), fa[e], False)
                        if base_full is not None:
                            pm = e[poss[ft[e]]]
                            if len(pm):
                                find(*exact, _pair_hash(fc[pm], base_full[ft[pm]]), fa[pm], True)
                    if prefix is not None:
                        cnt = lptr[fpos + 1] - lptr[fpos]
                        r = np.repeat(np.arange(len(f)), cnt)
                        L = llens[np.repeat(lptr[fpos], cnt) + _offsets(cnt)]
                        tl = ft[r]
                        fit = lens[tl] >= L
                        r, L, tl = r[fit], L[fit], tl[fit]
                        st = starts[tl]
                        ph = (prefix_sum[st + L] - prefix_sum[st]) * inv[tl]
                        find(*prefix, _pair_hash(fc[r], ph), fa[r], False)
            nxt = self._vdepth.get(d + 1)
            if nxt is None or len(nxt) == 0:
                break
            keep = np.flatnonzero(gaps[t])
            c2 = _pair_hash(c[keep], ht[keep])
            k2 = nxt.positions(c2)[0]
            alive, c = alive[keep[k2]], c2[k2]
        if not hit_i:
            return empty, empty, empty.astype(bool)
        I = np.concatenate(hit_i)
        Pq = np.concatenate(hit_p)
        B = np.concatenate(hit_b)
        # confirm character by character
        Kh = self._vk[Pq]
        tot = int(Kh.sum())
        r = np.repeat(np.arange(len(I)), Kh)
        m = np.arange(tot) - np.repeat(np.cumsum(Kh) - Kh, Kh)
        tok = I[r] + m
        qr = Pq[r]
        wl = self._vwlen[qr, m]
        wo = self._vwoff[qr, m]
        tl = lens[tok]
        last = m == Kh[r] - 1
        need = np.where(last & B[r], tl - 2, tl)
        ok = np.where(last & self._vpre[qr], tl >= wl, need == wl)
        Lp = np.where(ok, wl, 0)
        totc = int(Lp.sum())
        if totc:
            first = np.repeat(np.cumsum(Lp) - Lp, Lp)
            j = np.arange(totc, dtype=np.int64) - first
            eq = low[np.repeat(starts[tok], Lp) + j] == self._vcodes[np.repeat(wo, Lp) + j]
            nz = np.flatnonzero(Lp)
            ok[nz] &= np.logical_and.reduceat(eq, (np.cumsum(Lp) - Lp)[nz])
        hit_ok = np.logical_and.reduceat(ok, np.cumsum(Kh) - Kh)
        return I[hit_ok], Pq[hit_ok], B[hit_ok]

    # -- per text

    def match_arrays(self, text: str, tokens: TokenArrays | None = None) -> list[MatchArrays]:
        """Matches of every lexicon, as one :class:`MatchArrays` per lexicon (sorted by start,
        then entry), exactly as :func:`reference_matches` gives them.

        Example:
            >>> from framing.lexicon import Lexicon
            >>> m = Matcher(Lexicon.from_records("x", [{"pattern": "kiev", "category": "c"}]))
            >>> m.match_arrays("Kiev's view")[0].end.tolist()
            [4]
        """
        toks = tokens if tokens is not None else tokenize(text)
        starts, ends, gaps, low = toks.starts, toks.ends, toks.gap_ok, toks.low
        nlex = len(self.lexicons)
        n = len(starts)
        if n == 0:
            return [_EMPTY] * nlex
        pw, ipw = _powers(len(low) + 1)
        prefix_sum = np.empty(len(low) + 1, dtype=np.uint64)
        prefix_sum[0] = 0
        np.multiply(low, pw[:len(low)], out=prefix_sum[1:])  # uint64, wrapping
        np.cumsum(prefix_sum[1:], out=prefix_sum[1:])
        # (take() gathers: faster than indexing with an array)
        inv = ipw.take(starts)
        lens = ends - starts
        ps_start = prefix_sum.take(starts)
        h = (prefix_sum.take(ends) - ps_start) * inv
        last = ends - 1
        pidx = np.flatnonzero(low.take(last) == 115)  # ends in 's
        pidx = pidx[(low.take(last[pidx] - 1) == 39) & (lens[pidx] >= 3)]
        poss = np.zeros(n, dtype=bool)
        poss[pidx] = True
        base_h = (prefix_sum[ends[pidx] - 2] - ps_start[pidx]) * inv[pidx]
        # wildcard prefixes: the lengths of those that may start here (by the first characters
        # of the token, whatever follows them: too short a token is dropped below), and the
        # hash of the token's prefix of each such length
        def lead_keys(L: int) -> np.ndarray:  # keys of the first L characters (any, if fewer)
            first = (prefix_sum.take(starts + L, mode="clip") - ps_start) * inv
            return ((first * np.uint64(_LEAD_MIX)) >> np.uint64(48)).astype(np.intp)

        key = lead_keys(3)
        some = np.flatnonzero(self._lead_any.take(key))
        rows = self._lead_table.take(self._lead_row.take(key.take(some)), axis=0)
        fit = np.flatnonzero(rows <= lens.take(some)[:, None])  # (token, length) pairs, in order
        pt = [some.take(fit // rows.shape[1])]
        pl = [rows.ravel().take(fit).astype(np.int64)]
        for L, table in self._lead_short.items():
            t = np.flatnonzero(table.take(lead_keys(L)))
            t = t[lens[t] >= L]
            pt.append(t), pl.append(np.full(len(t), L))
        pfx_tok, pfx_len = (np.concatenate(pt), np.concatenate(pl)) if len(pt) > 1 else (pt[0], pl[0])
        pfx_start = starts[pfx_tok]
        pfx_hash = (prefix_sum[pfx_start + pfx_len] - ps_start[pfx_tok]) * inv[pfx_tok]

        def prefix_hashes(L: int) -> tuple[np.ndarray, np.ndarray]:
            sel = pfx_len == L
            return pfx_tok[sel], pfx_hash[sel]

        # ---- one-word entries, vectorised
        tok_parts, node_parts, rank_parts = [], [], []
        words = self._words
        hit, w = words.set.positions(h)
        # word id of each token (a hash hit, not confirmed); len(words) for no word
        wid = np.full(n, len(words.words), dtype=np.int64)
        wid[hit] = w
        one = words.nodes[w] >= 0
        t, nd = words.confirm(hit[one], w[one], starts, lens, low)
        tok_parts.append(t), node_parts.append(nd), rank_parts.append(np.full(len(t), 1 << 20))
        bwid = None
        if len(pidx):
            hit, w = words.set.positions(base_h)
            bwid = np.full(n, len(words.words), dtype=np.int64)  # word id of a possessive token's base
            bwid[pidx[hit]] = w
            one = words.nodes[w] >= 0
            t, nd = words.confirm(hit[one], w[one], starts[pidx], lens[pidx] - 2, low)
            t = pidx[t]
            tok_parts.append(t), node_parts.append(nd), rank_parts.append(np.full(len(t), (1 << 20) - 1))
        if self._prefix_lengths:
            t, nd = self._prefix.lookup(pfx_hash, pfx_start, pfx_len, low)
            tok_parts.append(pfx_tok[t]), node_parts.append(nd), rank_parts.append(pfx_len[t])
        T = np.concatenate(tok_parts)
        N = np.concatenate(node_parts)
        R = np.concatenate(rank_parts).astype(np.int64)
        # expand nodes to their (lexicon, entry) pairs
        counts = self._ptr[N + 1] - self._ptr[N]
        row = np.repeat(np.arange(len(N)), counts)
        flat = np.repeat(self._ptr[N], counts) + _offsets(counts)
        T, R, LX, EN = T[row], R[row], self._lex[flat], self._entry[flat]
        # per (token, lexicon): keep the best-ranked node (exact > possessive base > longer prefix)
        order = _order((T, n), (LX, nlex), ((1 << 20) - R, (1 << 20) + 1), (EN, self._n_entries))
        T, R, LX, EN = T[order], R[order], LX[order], EN[order]
        group_start = np.ones(len(T), dtype=bool)
        group_start[1:] = (T[1:] != T[:-1]) | (LX[1:] != LX[:-1])
        best_r = R[np.maximum.accumulate(np.where(group_start, np.arange(len(T)), 0))]
        keep = R == best_r
        T, R, LX, EN = T[keep], R[keep], LX[keep], EN[keep]
        single_end = ends[T] - np.where(R == (1 << 20) - 1, 2, 0)

        # ---- phrases: all-exact-but-last ones in numpy; others by candidates and a trie walk
        base_full = None
        if len(pidx):
            base_full = np.zeros(n, dtype=np.uint64)
            base_full[pidx] = base_h
        VI, VP, VB = self._vector_phrases(h, base_full, poss, gaps, starts, lens,
                                          prefix_sum, inv, low, wid, bwid)
        cnt = self._vptr[VP + 1] - self._vptr[VP]
        row = np.repeat(np.arange(len(VP)), cnt)
        flat = np.repeat(self._vptr[VP], cnt) + _offsets(cnt)
        PI = VI[row]
        PJ = PI + self._vk[VP][row] - 1
        PB = VB[row]
        PE = ends[PJ] - np.where(PB, 2, 0)
        PR = self._vrank[VP][row] - PB.astype(np.int64)
        PL, PK = self._vlex[flat], self._vent[flat]

        cand = np.zeros(n, dtype=bool)
        if len(self._pairs) and n > 1:  # two-word phrases, and longer ones with a wildcard third word
            ok = gaps[:-1]
            pair_hit = ok & self._pairs.member(_pair_hash(h[:-1], h[1:]))
            if base_full is not None:
                pair_hit |= ok & poss[1:] & self._pairs.member(_pair_hash(h[:-1], base_full[1:]))
            cand[:-1] |= pair_hit
        if len(self._triples) and n > 2:
            ok3 = gaps[:-2] & gaps[1:-1]
            p12 = _pair_hash(h[:-2], h[1:-1])
            tri_hit = ok3 & self._triples.member(_pair_hash(p12, h[2:]))
            if base_full is not None:  # a three-word phrase whose last word is possessive
                tri_hit |= ok3 & poss[2:] & self._triples.member(_pair_hash(p12, base_full[2:]))
            cand[:-2] |= tri_hit
        for L, table in self._pairs2.items():  # second word a wildcard prefix
            c, ph = prefix_hashes(L)
            c_ok = c > 0
            c, ph = c[c_ok], ph[c_ok]
            first = c - 1
            hit = gaps[first] & table.member(_pair_hash(h[first], ph))
            cand[first[hit]] = True
        if len(self._loose.hashes):
            t, _ = self._loose.lookup(h, starts, lens, low)
            cand[t] = True
        for L, table in self._loose_prefix.items():  # (the first-characters filter covers them)
            c, ph = prefix_hashes(L)
            t, _ = table.lookup(ph, starts[c], np.full(len(c), L), low)
            cand[c[t]] = True
        cand &= gaps  # a phrase needs a next token across a phrase gap
        if cand.any():
            wi, wj, we, wr, wl, wk = [], [], [], [], [], []
            for li, by_start in self._walk(text, starts, ends, gaps, np.flatnonzero(cand)).items():
                for i, (j_end, end, ks, rank) in by_start.items():
                    for k in ks:
                        wi.append(i), wj.append(j_end), we.append(end)
                        wr.append(_rank_int(rank)), wl.append(li), wk.append(k)
            if wi:
                PI = np.concatenate((PI, np.asarray(wi, dtype=np.int64)))
                PJ = np.concatenate((PJ, np.asarray(wj, dtype=np.int64)))
                PE = np.concatenate((PE, np.asarray(we, dtype=np.int64)))
                PR = np.concatenate((PR, np.asarray(wr, dtype=np.int64)))
                PL = np.concatenate((PL, np.asarray(wl, dtype=np.int64)))
                PK = np.concatenate((PK, np.asarray(wk, dtype=np.int64)))

        # ---- resolve per lexicon: best phrase per start, left to right, then one-word matches
        T = T.astype(np.int64)
        single_end = single_end.astype(np.int64)
        if len(PI):
            order = np.lexsort((PK, -PR, PI, PL))
            PI, PJ, PE, PR, PL, PK = PI[order], PJ[order], PE[order], PR[order], PL[order], PK[order]
            head = np.ones(len(PI), dtype=bool)
            head[1:] = (PI[1:] != PI[:-1]) | (PL[1:] != PL[:-1])
            best = PR[np.maximum.accumulate(np.where(head, np.arange(len(PI)), 0))]
            keep = PR == best
            PI, PJ, PE, PL, PK = PI[keep], PJ[keep], PE[keep], PL[keep], PK[keep]
            head = head[keep]
            # greedy left to right per lexicon over the starts (one per head)
            g = np.flatnonzero(head)
            gi, gj, gl = PI[g], PJ[g], PL[g]
            key_i = gl * (n + 1) + gi
            key_j = gl * (n + 1) + gj
            prev = np.empty(len(g), dtype=np.int64)
            prev[0] = -1
            np.maximum.accumulate(key_j[:-1], out=prev[1:]) if len(g) > 1 else None
            chosen = key_i > prev
            conflict = np.flatnonzero(~chosen)
            if len(conflict):
                # resolve overlapping runs sequentially (rare): a start after every earlier
                # phrase begins a cluster that earlier choices cannot reach; walk only the
                # clusters that hold an overlap
                cluster = np.cumsum(chosen) - 1  # (chosen[0]: 0, 1, ... in order)
                overlapped = np.zeros(int(cluster[-1]) + 1, dtype=bool)
                overlapped[cluster[conflict]] = True
                walk = np.flatnonzero(overlapped.take(cluster))
                ki, kj = key_i[walk].tolist(), key_j[walk].tolist()
                ch = []
                next_free = -1
                for a, b in zip(ki, kj):
                    if a > next_free:
                        ch.append(True)
                        next_free = b
                    else:
                        ch.append(False)
                chosen[walk] = ch
            grp = np.cumsum(head) - 1
            sel = chosen[grp]
            PI, PE, PL, PK = PI[sel], PE[sel], PL[sel], PK[sel]
            ci, cj = key_i[chosen], key_j[chosen]
            # one-word matches inside a chosen phrase of their lexicon are dropped
            sk = LX * (n + 1) + T
            pos = np.searchsorted(ci, sk, side="right") - 1
            inside = (pos >= 0) & (cj[np.maximum(pos, 0)] >= sk)
            free = ~inside
            st = np.concatenate((starts[T[free]], starts[PI]))
            en = np.concatenate((single_end[free], PE))
            ek = np.concatenate((EN[free], PK))
            lx = np.concatenate((LX[free], PL))
        else:
            st, en, ek, lx = starts[T], single_end, EN, LX
        order = _order((lx, nlex), (st, len(text) + 1), (ek, self._n_entries))
        st, en, ek, lx = st[order], en[order], ek[order], lx[order]
        cuts = np.searchsorted(lx, np.arange(nlex + 1))
        return [MatchArrays(st[cuts[li]:cuts[li + 1]].astype(np.int64),
                            en[cuts[li]:cuts[li + 1]].astype(np.int64),
                            ek[cuts[li]:cuts[li + 1]].astype(np.int64)) for li in range(nlex)]

    def _walk(self, text: str, starts: np.ndarray, ends: np.ndarray, gaps: np.ndarray,
              cands: np.ndarray) -> dict[int, dict[int, tuple[int, int, list[int], tuple]]]:
        """Best walked phrase (two tokens or more) per lexicon at each candidate start token:
        ``(last token, end, entries, rank)``."""
        # memoryviews: fast scalar access without converting whole arrays to lists
        starts_l = memoryview(np.ascontiguousarray(starts, dtype=np.int64))
        ends_l = memoryview(np.ascontiguousarray(ends, dtype=np.int64))
        gaps_l = memoryview(np.ascontiguousarray(gaps, dtype=bool))
        n = len(starts_l)
        cache: dict[int, str] = {}

        def norm(i: int) -> str:
            s = cache.get(i)
            if s is None:
                raw = text[starts_l[i]:ends_l[i]]
                s = cache[i] = raw.lower() if raw.isascii() else normal_form(raw)
            return s

        found: dict[int, dict[int, tuple[int, int, list[int], tuple]]] = {}
        root = self._wroot
        for i in cands.tolist():
            if i + 1 >= n or not gaps_l[i]:
                continue
            tok = norm(i)
            frontier: list[tuple[_Node, int]] = []
            child = root.root_exact.get(tok)
            if child is not None:
                frontier.append((child, i + 1))
            for L, table in root.root_prefix:
                if len(tok) >= L:
                    child = table.get(tok[:L])
                    if child is not None:
                        frontier.append((child, i + 1))
            best: dict[int, list] = {}
            while frontier:
                node, j = frontier.pop()
                tok = norm(j)
                steps: list[tuple[_Node, bool]] = []
                child = node.exact.get(tok)
                if child is not None:
                    steps.append((child, False))
                for L, table in node.prefix_items:
                    if len(tok) >= L:
                        child = table.get(tok[:L])
                        if child is not None:
                            steps.append((child, False))
                if len(tok) > 2 and tok[-2:] == "'s":
                    child = node.exact.get(tok[:-2])
                    if child is not None and child.entries:
                        steps.append((child, True))
                for child, is_base in steps:
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
            for li, (rank, j_end, end, ks) in best.items():
                found.setdefault(li, {})[i] = (j_end, end, ks, rank)
        return found

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


class _HashSet:
    """Sorted uint64 hashes plus an open-addressing table (linear probing, load <= 1/16) over
    them: membership costs about one cached lookup per value, with no binary search.

    An empty slot holds a key whose home slot is half the table away, so a value equal to it
    never probes that slot: one comparison per value decides, with no separate "occupied"
    test. ``more[s]`` says whether a key of home ``s`` was displaced to a later slot; only
    values whose home has such a key (rare at this load) probe further."""

    _MIX = 0x9E3779B97F4A7C15
    _MIX_INV = pow(_MIX, -1, 1 << 64)
    _SPARSITY = 16  # slots per key

    def __init__(self, hashes: np.ndarray):
        self.sorted = np.sort(np.asarray(hashes, dtype=np.uint64))
        bits = 4
        while (1 << bits) < self._SPARSITY * len(self.sorted):  # most values miss at the first probe
            bits += 1
        size = 1 << bits
        self.shift = np.uint64(64 - bits)
        self.mask = size - 1
        home = ((self.sorted * np.uint64(self._MIX)) >> self.shift).astype(np.int64).tolist()
        # empty: a key of the opposite home
        opposite = (np.arange(size, dtype=np.uint64) + np.uint64(size // 2)) & np.uint64(self.mask)
        keys = (opposite << self.shift) * np.uint64(self._MIX_INV)  # (uint64: wraps)
        taken: dict[int, tuple[int, int]] = {}  # slot -> (position in sorted, key)
        displaced: list[int] = []  # homes with a key in a later slot
        self.probes = 1
        prev = None
        for idx, (v, s) in enumerate(zip(self.sorted.tolist(), home)):
            if v == prev:
                continue  # duplicates: the first (leftmost) position answers
            prev = v
            d = 0
            while (s + d) & self.mask in taken:
                d += 1
            taken[(s + d) & self.mask] = (idx, v)
            if d:
                displaced.append(s)
            self.probes = max(self.probes, d + 1)
        assert self.probes < size // 2
        slots = np.fromiter(taken, dtype=np.int64, count=len(taken))
        self.pos = np.full(size, -1, dtype=np.int64)
        self.pos[slots] = [i for i, _ in taken.values()]
        keys[slots] = np.array([v for _, v in taken.values()], dtype=np.uint64)
        self.keys = keys
        self.more = np.zeros(size, dtype=bool)
        self.more[displaced] = True

    def __len__(self) -> int:
        return len(self.sorted)

    def _probe(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each value is in the set, and the slot that holds it (where it is)."""
        cur = ((values * np.uint64(self._MIX)) >> self.shift).astype(np.intp)
        eq = self.keys.take(cur) == values
        if self.probes > 1:
            idx = np.flatnonzero(self.more.take(cur))  # homes with displaced keys: probe on
            if len(idx):
                ci, vi = cur[idx], values[idx]
                for d in range(1, self.probes):
                    c = (ci + d) & self.mask
                    hit = np.flatnonzero(self.keys.take(c) == vi)
                    hi = idx[hit]
                    eq[hi] = True
                    cur[hi] = c[hit]
        return eq, cur

    def positions(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Indices of ``values`` found in the set (ascending), and their (leftmost) positions
        in ``sorted``."""
        if len(self.sorted) == 0 or len(values) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        eq, cur = self._probe(values)
        found = np.flatnonzero(eq)
        return found, self.pos.take(cur.take(found))

    def member(self, values: np.ndarray) -> np.ndarray:
        if len(self.sorted) == 0 or len(values) == 0:
            return np.zeros(len(values), dtype=bool)
        return self._probe(values)[0]


def _order(*columns: tuple[np.ndarray, int]) -> np.ndarray:
    """The permutation that sorts rows by ``columns`` (most significant first; each an array
    of integers in ``[0, bound)`` with its bound), stable: one integer key and one argsort
    when the bounds fit 62 bits (faster than :func:`numpy.lexsort`), else lexsort."""
    total = 1
    for _, bound in columns:
        total *= max(bound, 1)
    if total >= 1 << 62:
        return np.lexsort([col for col, _ in reversed(columns)])
    key = np.zeros(len(columns[0][0]), dtype=np.int64)
    for col, bound in columns:
        key *= bound
        key += col
    return np.argsort(key, kind="stable")


def _offsets(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., counts[0] - 1, 0, 1, ..., counts[1] - 1, ...: positions within runs."""
    total = int(counts.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)


_NO_LENGTH = 0xFFFFFFFF  # a wildcard prefix length that pads a row of the lead table (no token is that long)
_LEAD_MIX = 0x9E3779B97F4A7C15  # spreads a hash of a few characters over the top 16 bits


def _lead_key(chars: str) -> int:
    """Key of a word's first characters in the wildcard filter: the top 16 bits of their
    hash times :data:`_LEAD_MIX`."""
    return ((_word_hash(chars) * _LEAD_MIX) & _MASK) >> 48


_EMPTY = MatchArrays(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
