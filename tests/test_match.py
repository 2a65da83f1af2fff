"""The matching engine: the rule table, and the fast engine equal to the reference engine."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import config
from framing.lexicon import Lexicon, builtin_lexicons, load_lexicon
from framing.match import Matcher, reference_matches

LEX = Lexicon.from_records("t", [
    {"pattern": p, "category": "c"} for p in [
        "slammed", "accus*", "accusation", "self-declared", "new york", "new york times", "york",
        "continued to claim", "claim*", "kiev", "people's republic", "donetsk people's republic",
        "u.s. officials", "lies", "cruel*", "war of aggression", "of"]])

# text, expected [(matched text, pattern)]
CASES = [
    ("NATO slammed it", [("slammed", "slammed")]),
    ("He was SLAMMED.", [("SLAMMED", "slammed")]),
    ("slammer", []),
    ("Accusations flew; the accusation stood", [("Accusations", "accus*"), ("accusation", "accusation")]),
    ("the self-declared, self declared and self-\ndeclared states", [
        ("self-declared", "self-declared"), ("self declared", "self-declared"), ("self-\ndeclared", "self-declared")]),
    ("self, declared", []),
    ("self\u2014declared", []),
    ("The New York Times and New York and York", [
        ("New York Times", "new york times"), ("New York", "new york"), ("York", "york")]),
    ("New-York", [("New-York", "new york")]),
    ("has continued to claim that", [("continued to claim", "continued to claim")]),
    ("they claimed", [("claimed", "claim*")]),
    ("Kiev's government and Kiev", [("Kiev", "kiev"), ("Kiev", "kiev")]),
    ("Kievan Rus", []),
    ("the Donetsk People\u2019s Republic", [("Donetsk People\u2019s Republic", "donetsk people's republic")]),
    ("the people's republic's army", [("people's republic", "people's republic")]),
    ("U.S. officials said", [("U.S. officials", "u.s. officials")]),
    ("lies and disinformation", [("lies", "lies")]),
    ("cruel, cruelty, crueller", [("cruel", "cruel*"), ("cruelty", "cruel*"), ("crueller", "cruel*")]),
    ("a war of aggression", [("war of aggression", "war of aggression")]),
    ("a war of words", [("of", "of")]),
    ("", []),
]


def _assert_table(lex: Lexicon, text: str, expected: list[tuple[str, str]]) -> None:
    """The reference engine gives ``expected`` (matched text, pattern); the fast one the same."""
    got = reference_matches(text, lex)
    assert [(text[s:e], lex.entries[k].pattern) for s, e, k in got] == expected
    assert Matcher(lex).matches(text) == got


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] or "empty" for c in CASES])
def test_rule_table(text, expected):
    _assert_table(LEX, text, expected)


WILD = Lexicon.from_records("w", [
    {"pattern": p, "category": "c"} for p in ["k*", "ab*", "abc", "flex* its muscle*", "q* z", "\u00e9t*"]])

# wildcard prefixes of every length (one character too), at text edges, next to letters
# outside the BMP; text, expected [(matched text, pattern)]
WILD_CASES = [
    ("kiev k K", [("kiev", "k*"), ("k", "k*"), ("K", "k*")]),
    ("ab abc abcd", [("ab", "ab*"), ("abc", "abc"), ("abcd", "ab*")]),
    ("a b", []),
    ("flexing its muscles; flex its muscle", [("flexing its muscles", "flex* its muscle*"),
                                              ("flex its muscle", "flex* its muscle*")]),
    ("flexing its", []),
    ("qq z q-z", [("qq z", "q* z"), ("q-z", "q* z")]),
    ("\u00c9tat \u00e9t\u00e9 et", [("\u00c9tat", "\u00e9t*"), ("\u00e9t\u00e9", "\u00e9t*")]),
    ("\U0001d400 kin \U0001d41a\U0001d41b abc", [("kin", "k*"), ("abc", "abc")]),
    ("kin\U0001d400 x", [("kin\U0001d400", "k*")]),
]


@pytest.mark.parametrize("text,expected", WILD_CASES, ids=[c[0][:30] for c in WILD_CASES])
def test_wildcard_prefix_table(text, expected):
    _assert_table(WILD, text, expected)


def test_entries_with_the_same_pattern_all_match():
    from framing.lexicon import Entry

    entries = [Entry("kind of", ("kind", "of"), (False, False), "a"),
               Entry("kind of", ("kind", "of"), (False, False), "b")]
    lex = Lexicon("liwc", entries)
    assert Matcher(lex).matches("a kind of test") == reference_matches("a kind of test", lex) == [(2, 9, 0), (2, 9, 1)]


def test_lexicons_overlap_but_each_resolves_its_own():
    a = Lexicon.from_records("a", [{"pattern": "false flag", "category": "x"}])
    b = Lexicon.from_records("b", [{"pattern": "flag", "category": "y"}, {"pattern": "false", "category": "y"}])
    m = Matcher([a, b])
    got = m.match_arrays("a false flag operation")
    assert got[0].start.tolist() == [2] and got[0].end.tolist() == [12]
    assert got[1].start.tolist() == [2, 8]


WORDS = ["self", "declared", "new", "york", "times", "claim", "claimed", "continued", "to", "kiev", "kiev's",
         "people's", "republic", "accused", "accusation", "u.s.", "officials", "of", "war", "aggression", "x"]
SEPS = [" ", "  ", "-", " - ", "\n", "\t", "\u00a0", ", ", ". ", "\u2014", "'", "\u2019", "_"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS + ["Kiev", "NEW", "Self", "caf\u00e9", "\u03b1\u03b8", "k\U0001d400"]),
                           st.sampled_from(SEPS)), max_size=25).map(lambda ps: "".join(w + s for w, s in ps))
PATTERNS = st.lists(st.lists(st.sampled_from(WORDS + ["cla*", "york*", "acc*", "kie*", "k*", "n*", "to*"]),
                             min_size=1, max_size=3)
                    .map(" ".join), min_size=1, max_size=8, unique=True)


@settings(max_examples=300, deadline=None)
@given(TEXTS, PATTERNS)
def test_fast_equals_reference_on_generated_text(text, patterns):
    from framing.lexicon import parse_pattern
    seen, rows = set(), []
    for p in patterns:
        key = parse_pattern(p)
        if key not in seen:
            seen.add(key)
            rows.append({"pattern": p, "category": "c"})
    lex = Lexicon.from_records("gen", rows)
    assert Matcher(lex).matches(text) == reference_matches(text, lex)


def _real_texts(n: int) -> list[str]:
    path = config.shared_data_dir() / "polnear" / "articles.jsonl"
    if not path.exists():
        pytest.skip(f"real news needs {path} (the shared research corpora; see README 'Data')")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(next(fh))["text"] for _ in range(n)]


@pytest.mark.shared
def test_fast_equals_reference_on_real_news_with_builtin_lexicons():
    texts = _real_texts(12)
    lexicons = [load_lexicon(n) for n in builtin_lexicons()]
    m = Matcher(lexicons)
    for text in texts:
        got = m.match_arrays(text)
        for li, lex in enumerate(lexicons):
            fast = list(zip(got[li].start.tolist(), got[li].end.tolist(), got[li].entry.tolist()))
            assert fast == reference_matches(text, lex), lex.name


# _HashSet: keys placed at their home slot or, when it is taken, further on (probed);
# keys made to share a home (v * MIX's top bits equal) force the probing path
def _same_home(home: int, k: int, bits: int = 6) -> int:
    from framing.match import _HashSet
    return (((home << (64 - bits)) + k) * _HashSet._MIX_INV) % (1 << 64)


HASHSET_CASES = [
    # keys, queries, indices of the queries found (their positions: leftmost in the sorted keys)
    ([5, 9, 700], [9, 4, 5, 700, 701], [0, 2, 3]),
    ([5, 5, 9], [5, 9, 6], [0, 1]),
    ([], [1, 2], []),
    ([3], [], []),
    ([_same_home(7, k) for k in range(3)],
     [_same_home(7, 2), _same_home(7, 3), _same_home(7, 0), _same_home(7, 1), 1], [0, 2, 3]),
    ([_same_home(7, 0), _same_home(7, 1), _same_home(8, 0)],
     [_same_home(8, 0), _same_home(7, 1), _same_home(8, 1)], [0, 1]),
]


@pytest.mark.parametrize("keys,queries,expected", HASHSET_CASES)
def test_hash_set_positions(keys, queries, expected):
    import numpy as np

    from framing.match import _HashSet

    hs = _HashSet(np.array(keys, dtype=np.uint64))
    assert [int(v) for v in hs.sorted] == sorted(keys)
    found, pos = hs.positions(np.array(queries, dtype=np.uint64))
    assert found.tolist() == expected
    assert pos.tolist() == [sorted(keys).index(queries[i]) for i in expected]
    member = hs.member(np.array(queries, dtype=np.uint64))
    assert member.tolist() == [q in keys for q in queries]


def test_hash_set_probes_on_shared_homes():
    import numpy as np

    from framing.match import _HashSet

    hs = _HashSet(np.array([_same_home(7, k) for k in range(3)], dtype=np.uint64))
    assert hs.probes == 3 and int(hs.more.sum()) == 1


LONG = "a" * 70  # longer than the cached powers of _word_hash
PHRASES = Lexicon.from_records("p", [
    {"pattern": p, "category": "c"} for p in ["new york", "york times", "new deal*", LONG, f"the {LONG}"]])

# phrase starts: a first word followed by a word of no entry, by a possessive, by a
# wildcard; very long words; text, expected [(matched text, pattern)]
PHRASE_CASES = [
    ("new zealand and new york", [("new york", "new york")]),
    ("new new york", [("new york", "new york")]),
    ("new", []),
    ("new .york", []),
    ("new york's times", [("new york", "new york")]),
    ("New Dealers, new deal", [("New Dealers", "new deal*"), ("new deal", "new deal*")]),
    (f"the {LONG} and {LONG}s {LONG}", [(f"the {LONG}", f"the {LONG}"), (LONG, LONG)]),
]


@pytest.mark.parametrize("text,expected", PHRASE_CASES, ids=[c[0][:30] for c in PHRASE_CASES])
def test_phrase_start_table(text, expected):
    _assert_table(PHRASES, text, expected)


def test_word_hash_of_long_words_is_the_polynomial():
    from framing.match import _B, _MASK, _word_hash

    for word in ["", "a", "kiev's", "\u00e9t\u00e9", LONG, LONG + "\u4e2d"]:
        h = 0
        for j, c in enumerate(word):
            h = (h + ord(c) * pow(_B, j, 1 << 64)) & _MASK
        assert _word_hash(word) == h
