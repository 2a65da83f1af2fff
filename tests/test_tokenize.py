"""Token rules: the table, and the vectorised tokenizer equal to the reference one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.tokenize import gap_ok, reference_tokens, tokenize

CASES = [
    ("Moscow's forces", ["moscow's", "forces"]),
    ("Moscow\u2019s forces", ["moscow's", "forces"]),
    ("the '90s", ["the", "90s"]),
    ("rock 'n' roll", ["rock", "n", "roll"]),
    ("don't", ["don't"]),
    ("protesters' demands", ["protesters", "demands"]),
    ("3.5 percent of 700,000", ["3.5", "percent", "of", "700,000"]),
    ("U.S. officials", ["u.s.", "officials"]),
    ("the U.S.", ["the", "u.s."]),
    ("J.K. Rowling", ["j.k.", "rowling"]),
    ("Mr. Smith", ["mr", "smith"]),
    ("end.The start", ["end", "the", "start"]),
    ("self-declared", ["self", "declared"]),
    ("Kyiv\u2013Moscow", ["kyiv", "moscow"]),
    ("snake_case word", ["snake_case", "word"]),
    ("Caf\u00e9 cafe\u0301", ["caf\u00e9", "cafe\u0301"]),
    ("\u0391\u03b8\u03ae\u03bd\u03b1 \u039a\u03b9\u03ad\u03b2\u03bf", ["\u03b1\u03b8\u03ae\u03bd\u03b1", "\u03ba\u03b9\u03ad\u03b2\u03bf"]),
    ("emoji \U0001F600 here", ["emoji", "here"]),
    ("\u00a0Kiev\u00a0said", ["kiev", "said"]),
    ("", []),
    ("... --- !!!", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] or "empty" for c in CASES])
def test_token_table(text, expected):
    assert [t for _, _, t in reference_tokens(text)] == expected
    fast = tokenize(text)
    assert [text[s:e] for s, e in zip(fast.starts, fast.ends)] == [text[s:e] for s, e, _ in reference_tokens(text)]


@pytest.mark.parametrize("gap,ok", [(" ", True), ("-", True), ("\n\n", True), ("\t", True), ("\u00a0", True),
                                    (" - ", True), ("", False), ("--", False), (", ", False), (". ", False),
                                    ("\u2014", False), (" / ", False)])
def test_gap_rule(gap, ok):
    assert gap_ok(gap) is ok


ALPHABET = st.sampled_from(list("abcXYZ \t\n\u00a0-\u2010'\u2019.,;:\"\u201c\u201d()_09\u00e9\u0301\u03b1\u03a9\u00c9") +
                           # characters of blocks the tables fill only when a text uses them
                           list("\uff2b\uff49\u4e2d\u2160\u3000\ufeff\u2122\uff0e") +
                           ["\U0001F600", "U.S.", "3.5", "'s", "self-declared"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_vectorised_equals_reference(text):
    ref = reference_tokens(text)
    fast = tokenize(text)
    assert list(zip(fast.starts.tolist(), fast.ends.tolist())) == [(s, e) for s, e, _ in ref]
    gaps = [gap_ok(text[ref[i][1]:ref[i + 1][0]]) for i in range(len(ref) - 1)] + ([False] if ref else [])
    assert fast.gap_ok.tolist() == gaps


def test_character_tables_follow_the_rules_for_every_bmp_character():
    """The lookup tables of the vectorised tokenizer, filled block by block as texts use
    them, equal the per-character rules."""
    import numpy as np

    from framing.tokenize import _flags_of, _lower, _tables

    every = "".join(chr(cp) for cp in range(0x10000))
    tokenize(every)  # fills every block
    flags, low = _tables()
    assert flags.tolist() == [_flags_of(c) for c in every]
    assert low.tolist() == [ord(_lower(c)) if ord(_lower(c)) < 0x10000 else ord(c) for c in every]
    assert np.all(flags != 0xFF)


# gaps of more than three characters (judged character by character, all at once) and
# initialisms' final periods (judged on the two characters before them)
EDGE_CASES = [
    ("a    b", ["a", "b"], [True, False]),
    ("a  -  b", ["a", "b"], [True, False]),
    ("a - - b", ["a", "b"], [False, False]),
    ("a -   - b", ["a", "b"], [False, False]),
    ("a \n\n\n b", ["a", "b"], [True, False]),
    ("a    ,b", ["a", "b"], [False, False]),
    ("a\t\t\t\t-\t\tb c", ["a", "b", "c"], [True, True, False]),
    ("a\u2010   \u2011b", ["a", "b"], [False, False]),
    ("x    ", ["x"], [False]),
    ("    x", ["x"], [False]),
    ("x U.S.A. y", ["x", "u.s.a.", "y"], [True, True, False]),
    ("end.A.B.", ["end", "a.b."], [False, False]),
    ("A.B.c", ["a.b.c"], [False]),
    ("(U.S.)", ["u.s."], [False]),
    ("I.B.M.", ["i.b.m."], [False]),
    ("e.g. this", ["e.g.", "this"], [True, False]),
    ("3.5.", ["3.5"], [False]),
    ("x.U.S.", ["x.u.s."], [False]),
]


@pytest.mark.parametrize("text,expected,gaps", EDGE_CASES, ids=[repr(c[0]) for c in EDGE_CASES])
def test_long_gaps_and_initialisms(text, expected, gaps):
    ref = reference_tokens(text)
    assert [t for _, _, t in ref] == expected
    fast = tokenize(text)
    assert list(zip(fast.starts.tolist(), fast.ends.tolist())) == [(s, e) for s, e, _ in ref]
    assert fast.gap_ok.tolist() == gaps
