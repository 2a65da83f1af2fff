"""Spans and per-article features: the seed's framing devices, offsets, voice, the transformer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import framing
from framing.features import feature_columns, score
from framing.transformer import FramingFeatures
from framing.schema import SPAN_COLUMNS
from framing.spans import LexiconSet, find_spans


@pytest.fixture(scope="module")
def seed():
    return framing.load_articles(framing.config.seeds_dir())


@pytest.fixture(scope="module")
def seed_spans(seed):
    return find_spans(seed)


def spans_of(spans, text):
    return spans[spans["text"] == text]


# surface text, category, voice (issue 3, "Quality, measured")
SEED_EXPECTED = [
    ("Kiev", "naming", "narrator"),
    ("Donbass", "naming", "narrator"),
    ("Donbas", "naming", "quoted"),
    ("provocative", "loaded", "quoted"),
    ("lies", "loaded", "quoted"),
    ("disinformation", "loaded", "quoted"),
    ("cynical", "loaded", "quoted"),
    ("cruel", "loaded", "quoted"),
    ("pawns", "loaded", "quoted"),
    ("aggressor", "loaded", "quoted"),
    ("instigator", "loaded", "quoted"),
    ("self-declared", "label", "narrator"),
    ("breakaway states", "label", "narrator"),
    ("nationalist government", "label", "narrator"),
    ("continued to claim", "attribution", "narrator"),
    ("accused", "attribution", "narrator"),
    ("false flag", "scare_quote", "narrator"),
    ("at any time", "scare_quote", "narrator"),
]


@pytest.mark.parametrize("text,category,voice", SEED_EXPECTED, ids=[e[0] for e in SEED_EXPECTED])
def test_seed_devices(seed_spans, text, category, voice):
    hits = spans_of(seed_spans, text)
    hits = hits[hits["category"] == category]
    assert len(hits) >= 1, f"{text!r} not found as {category}"
    assert voice in set(hits["voice"]), hits[["text", "voice"]]


# surface text, category that must NOT be reported
SEED_NEGATIVE = [
    ("Kiev", "loaded"),          # a naming choice, not a loaded word
    ("Moscow", "naming"),
    ("said", "loaded"),
    ("Sputnik", "attribution"),
    ("escalation for the sake of escalation", "scare_quote"),  # a partial quotation: "accused ... of"
]


@pytest.mark.parametrize("text,category", SEED_NEGATIVE, ids=[f"{t}-{c}" for t, c in SEED_NEGATIVE])
def test_seed_negatives(seed_spans, text, category):
    assert spans_of(seed_spans, text).query("category == @category").empty


def test_naming_voice_contrast(seed_spans):
    """The teaching point: Kiev/Donbass in the outlet's voice, Donbas inside the US quote."""
    naming = seed_spans[seed_spans["category"] == "naming"]
    pairs = set(zip(naming["subcategory"], naming["text"], naming["voice"]))
    assert ("kyiv_kiev", "Kiev", "narrator") in pairs
    assert ("donbas_donbass", "Donbass", "narrator") in pairs
    assert ("donbas_donbass", "Donbas", "quoted") in pairs


def test_spans_contract_and_offsets(seed, seed_spans):
    assert list(seed_spans.columns[: len(SPAN_COLUMNS)]) == list(SPAN_COLUMNS)
    text = seed["text"].iloc[0]
    for _, s in seed_spans.iterrows():
        assert text[s["start"]:s["end"]] == s["text"]
        assert s["voice"] in ("narrator", "quoted")
    assert seed_spans["doc_id"].eq(seed.index[0]).all()
    assert set(seed_spans.attrs["lexicons"]) == set(framing.DEFAULT_LEXICONS)
    assert all(v.startswith(f"{k}@") and "#" in v for k, v in seed_spans.attrs["lexicons"].items())


def test_offsets_index_the_given_structured_text():
    text = "Kiev\u00a0said, \u201cthe cruel\u00a0plan\u201d was   slammed.\r\nSelf-\ndeclared rebels."
    df = framing.load_articles(pd.DataFrame({"id": ["x"], "text": [text]}))
    spans = find_spans(df)
    assert len(spans) >= 5
    for _, s in spans.iterrows():
        assert text[s["start"]:s["end"]] == s["text"]


@pytest.mark.parametrize("articles", [
    "One text about Kiev.",
    ["One text about Kiev."],
    pd.Series(["One text about Kiev."]),
    pd.DataFrame({"text": ["One text about Kiev."]}),
])
def test_accepted_inputs(articles):
    s = find_spans(articles, "naming")
    assert s["text"].tolist() == ["Kiev"] and s["doc_id"].tolist() == ["0"]


@pytest.mark.parametrize("bad,error", [(42, TypeError), (pd.DataFrame({"body": ["x"]}), ValueError),
                                       ([1.5], TypeError)])
def test_rejected_inputs(bad, error):
    with pytest.raises(error):
        find_spans(bad)


def test_empty_and_no_hit_articles():
    s = find_spans(["", "Nothing to see here at all."], "loaded")
    assert s.empty and list(s.columns[:10]) == list(SPAN_COLUMNS)
    t = score(["", "Nothing to see."], "loaded")
    assert t["tokens"].tolist() == [0.0, 3.0]
    assert np.isnan(t.loc["0", "loaded_per_1k"]) and t.loc["1", "loaded_per_1k"] == 0.0


# text, column, expected value
SCORE_CASES = [
    ("They slammed the cruel plan.", "tokens", 5),
    ("They slammed the cruel plan.", "loaded_n", 2),
    ("They slammed the cruel plan.", "loaded_per_1k", 400.0),
    ("They slammed the cruel plan.", "loaded_narrator_per_1k", 400.0),
    ("They slammed the cruel plan.", "quoted_share", 0.0),
    ('"It is cruel," she said.', "loaded_quoted_n", 1),
    ('"It is cruel," she said.', "loaded_narrator_n", 0),
    ('"It is cruel," she said.', "quoted_tokens", 3),
    ('"It is cruel," she said.', "loaded_quoted_per_1k", 1000 / 3),
    ('"It is cruel," she said.', "attribution_neutral_n", 1),
    ("He claimed and she admitted it.", "attribution_distancing_n", 1),
    ("He claimed and she admitted it.", "attribution_concessive_n", 1),
    ("Kiev and Donbass, not Kyiv.", "naming_russian_transliteration_n", 2),
    ("Officials said it may rain.", "anonymous_source_n", 1),
    ("Officials said it may rain.", "hedge_n", 1),
]


@pytest.mark.parametrize("text,column,value", SCORE_CASES, ids=[f"{c}:{t[:20]}" for t, c, v in SCORE_CASES])
def test_score_table(text, column, value):
    row = score([text]).iloc[0]
    assert row[column] == pytest.approx(value)


def test_score_quoted_rate_is_nan_without_quotes():
    row = score(["They slammed the plan."]).iloc[0]
    assert np.isnan(row["loaded_quoted_per_1k"]) and row["quoted_tokens"] == 0


def test_score_index_and_attrs(seed):
    t = score(seed)
    assert t.index.tolist() == seed.index.tolist() and t.index.name == "doc_id"
    assert t.attrs["lexicons"]["loaded"].startswith("loaded@")
    row = t.iloc[0]
    assert row["naming_n"] >= 5 and row["quotes"] >= 4 and 0.2 < row["quoted_share"] < 0.5


def test_transformer_sklearn_contract():
    texts = pd.DataFrame({"text": ["They slammed the cruel plan.", '"It is cruel," she said.', "It rained."]},
                         index=pd.Index(["a", "b", "c"], name="doc_id"))
    ff = FramingFeatures(lexicons=["loaded", "attribution"])
    assert ff.get_params() == {"fill_value": 0.0, "kind": "rates", "lexicons": ["loaded", "attribution"],
                               "voice": True}
    X = ff.fit_transform(texts)
    names = ff.get_feature_names_out()
    assert X.shape == (3, len(names)) and not np.isnan(X).any()
    assert list(names) == feature_columns(["loaded", "attribution"])
    out = FramingFeatures(lexicons=["loaded"]).set_output(transform="pandas").fit(texts).transform(texts)
    assert out.index.tolist() == ["a", "b", "c"] and "loaded_per_1k" in out.columns
    pipe = make_pipeline(FramingFeatures(lexicons=["loaded"]), StandardScaler()).fit(texts)
    assert pipe.transform(texts).shape[0] == 3


@pytest.mark.parametrize("kind,voice,present,absent", [
    ("rates", True, ["loaded_per_1k", "loaded_quoted_per_1k", "quoted_share"], ["loaded_n"]),
    ("counts", True, ["loaded_n", "loaded_narrator_n"], ["loaded_per_1k"]),
    ("both", False, ["loaded_n", "loaded_per_1k"], ["loaded_quoted_n", "loaded_narrator_per_1k"]),
])
def test_feature_selection(kind, voice, present, absent):
    cols = feature_columns("loaded", kind=kind, voice=voice)
    assert set(present) <= set(cols) and not set(absent) & set(cols)


def test_transformer_rejects_a_bare_string_and_unfitted_use():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(ValueError, match="string object received"):
        FramingFeatures().fit("one text")
    with pytest.raises(NotFittedError):
        FramingFeatures().transform(["x"])
    with pytest.raises(ValueError, match="kind must be"):
        FramingFeatures(kind="bogus").fit(["x"])


def test_lexicon_set_rejects_duplicate_names():
    with pytest.raises(ValueError, match="share a name"):
        LexiconSet(["loaded", "loaded"])


# ---------------------------------------------------------------- the batch path equals analyse()

def _spans_from_analyse(texts, lexset):
    """The spans table built from :func:`framing.spans.analyse`, one article at a time: the
    obviously-right construction the batched :func:`find_spans` must reproduce row for row."""
    from framing.spans import analyse

    rows = []
    for d, text in enumerate(texts):
        a = analyse(text, lexset)
        sent = a.sentences[:, 0] if len(a.sentences) else np.zeros(0, dtype=np.int64)

        def sentence(x):
            return max(int(np.searchsorted(sent, x, side="right")) - 1, 0)

        for li, lex in enumerate(lexset.lexicons):
            m = a.matches[li]
            for x, y, k in zip(m.start.tolist(), m.end.tolist(), m.entry.tolist()):
                e = lex.entries[k]
                rows.append((d, x, y, li, str(d), text[x:y], lex.name, e.category, e.subcategory, e.pattern,
                             sentence(x), "quoted" if a.voice[x] else "narrator", e.weight))
        for x, y in a.scare.tolist():
            rows.append((d, x, y, len(lexset.lexicons), str(d), text[x:y], "text", "scare_quote", "",
                         text[x:y].lower(), sentence(x), "narrator", 1.0))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[6]))
    return [(r[4], r[1], r[2]) + r[5:] for r in rows]


PIECES = ["Kiev", "said", "claimed", "the", "self-declared", "regime", "allegedly", "officials said",
          "accused", "cruel", "\"", "\u201c", "\u201d", "'", "\u2019", ". ", ", ", " ", "\n", "\n\n", "Mr.",
          "U.S.", "\"false flag\"", "\u00a0", "?", "The"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), min_size=1, max_size=6))
def test_batched_find_spans_equals_per_article_analysis(texts):
    lexset = _LEXSET()
    got = find_spans(texts, lexset, progress=False)
    cols = ["doc_id", "start", "end", "text", "lexicon", "category", "subcategory", "entry", "sentence", "voice", "weight"]
    assert [tuple(r) for r in got[cols].itertuples(index=False)] == _spans_from_analyse(texts, lexset)


def _LEXSET(cache={}):  # noqa: B006 - compiled once for the property test
    if "x" not in cache:
        cache["x"] = LexiconSet()
    return cache["x"]


def test_spans_table_is_the_same_without_arrow_string_columns(seed, monkeypatch):
    """The string columns are built in Arrow when pandas stores strings there; the plain
    construction from Python objects gives the same table."""
    import framing.spans as spans_module

    fast = find_spans(seed)
    monkeypatch.setattr(spans_module, "_ARROW_STR", None)
    slow = find_spans(seed)
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)


@pytest.mark.parametrize("text, cues", [
    ("The self-declared republic held a vote.", []),            # second part of a compound
    ("A well-said point, she said.", ["said"]),                 # only the standalone verb
    ("The republic declared independence.", ["declared"]),
    ("He claimed - falsely - that it was over.", ["claimed"]),  # a dash between words is not a compound
    ("-said at the start", ["said"]),
])
def test_reporting_verbs_inside_compounds_are_not_cues(text, cues):
    spans = framing.find_spans(text, "attribution")
    assert spans["text"].tolist() == cues
    assert int(framing.score(text, "attribution")["attribution_n"].iloc[0]) == len(cues)


# ----------------------------------------------------------------------------- the package's names

# (public name, the module that defines it): framing imports them lazily, on first use
PUBLIC_NAMES = [
    ("find_spans", "framing.spans"),
    ("LexiconSet", "framing.spans"),
    ("DEFAULT_LEXICONS", "framing.spans"),
    ("load_articles", "framing.load"),
    ("load_lexicon", "framing.lexicon"),
    ("quotes", "framing.attribution"),
    ("score", "framing.features"),
    ("frames", "framing.features"),
    ("compare", "framing.compare"),  # a function named like its module
    ("annotate", "framing.annotate"),
    ("sentiment", "framing.sentiment"),
    ("FramingFeatures", "framing.transformer"),
]


@pytest.mark.parametrize("name, module", PUBLIC_NAMES)
def test_public_names_resolve_to_their_definitions(name, module):
    import importlib

    value = getattr(framing, name)
    assert value is getattr(importlib.import_module(module), name)
    # importing the submodule again does not replace a function named like it
    assert getattr(framing, name) is value


def test_every_name_of_all_resolves_and_unknown_names_fail():
    assert all(hasattr(framing, name) for name in framing.__all__)
    assert set(framing.__all__) <= set(dir(framing))
    assert framing.text.sentence_spans is not None  # submodules are attributes too
    for bad in ("no_such_name", "_private", "Spans"):
        with pytest.raises(AttributeError, match="has no attribute"):
            getattr(framing, bad)


def test_import_framing_loads_no_submodule():
    import subprocess
    import sys

    code = ("import sys, framing; print(sorted(m for m in sys.modules "
            "if m.startswith('framing.') or m in ('pandas', 'sklearn', 'matplotlib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------- analyse_batch (one segmentation per batch) = analyse

_BATCH_TEXTS = [
    'The alliance has continued to claim that an attack could come "at any time."',
    '"It is over," Maria Zakharova said.\n\n"We will see," she added. The "peace" plan failed.',
    '"An open quote runs on\n\n"and continues here," he said.',
    'An unclosed "quotation here. Next sentence.',
    "The self-declared republic; the U.S.-backed plan; he said so.",
    "Sen. Smith met U.S. officials at 3.5 p.m. in the U.S. The talks 'failed.' Next.",
    "",
    "   ",
    "Headline without a full stop",
    "He said: \u201cNo.\u201d Critics say the \u2018reform\u2019 is a sham.",
]

_WORDS = st.sampled_from(["said", "claimed", "Kiev", "peace", "cruel", "the", "U.S.", "Sen.",
                          "self-declared", "according", "to", "officials", "accused", "He"])
_MARKS = st.sampled_from(['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", ". ", ", ", ": ",
                          "\n", "\n\n", " ", "  "])
_TEXTS = st.lists(st.one_of(_WORDS, _MARKS), max_size=40).map("".join)


def _assert_same_analysis(a, b) -> None:
    assert np.array_equal(a.tokens.starts, b.tokens.starts)
    assert np.array_equal(a.tokens.ends, b.tokens.ends)
    assert np.array_equal(a.sentences, b.sentences) and a.sentences.shape[1:] == b.sentences.shape[1:]
    for field in a.quotes._fields:
        x, y = getattr(a.quotes, field), getattr(b.quotes, field)
        assert np.array_equal(x, y) and x.dtype == y.dtype, field
    assert np.array_equal(a.voice, b.voice)
    assert np.array_equal(a.scare, b.scare) and a.scare.shape[1:] == b.scare.shape[1:]
    for m, n in zip(a.matches, b.matches):
        assert np.array_equal(m.start, n.start) and np.array_equal(m.entry, n.entry)


@pytest.mark.parametrize("order", [1, -1])
def test_analyse_batch_equals_analyse_on_hard_texts(order):
    from framing.spans import analyse, analyse_batch

    ls = LexiconSet(None)
    texts = _BATCH_TEXTS[::order]
    for text, got in zip(texts, analyse_batch(texts, ls)):
        _assert_same_analysis(analyse(text, ls), got)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_analyse_batch_equals_analyse_generated(texts):
    from framing.spans import analyse, analyse_batch

    ls = _LS_ATTRIBUTION
    for text, got in zip(texts, analyse_batch(texts, ls)):
        _assert_same_analysis(analyse(text, ls), got)


_LS_ATTRIBUTION = LexiconSet(["attribution", "naming", "loaded"])
