"""Attributions (issue 4): tables of sentences and the attribution expected, negatives included."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.attribution import ATTRIBUTION_COLUMNS, quotes, sources
from framing.schema import QUOTE_COLUMNS

FIELDS = ["kind", "speaker", "speaker_name", "source_type", "cue", "stance", "content"]

# text -> expected rows (kind, speaker, speaker_name, source_type, cue, stance, content)
CASES = [
    ('"It is over," said Foreign Minister Sergei Lavrov.',
     [("direct", "Foreign Minister Sergei Lavrov", "Sergei Lavrov", "person", "said", "neutral", "It is over")]),
    ('"It is over," Lavrov said.',
     [("direct", "Lavrov", "Lavrov", "person", "said", "neutral", "It is over")]),
    ('Lavrov said: "It is over and we are leaving now."',
     [("direct", "Lavrov", "Lavrov", "person", "said", "neutral", "It is over and we are leaving now")]),
    ("According to the Pentagon, troops are massing.",
     [("according_to", "the Pentagon", "Pentagon", "government", "According to", "neutral", "troops are massing")]),
    ("Troops are massing, according to two U.S. officials.",
     [("according_to", "two U.S. officials", None, "anonymous", "according to", "neutral", "Troops are massing")]),
    ("The ministry said on Monday that the talks had failed.",
     [("indirect", "The ministry", "ministry", "government", "said", "neutral", "the talks had failed")]),
    ("Critics claim the plan is unfair.",
     [("indirect", "Critics", None, "anonymous", "claim", "distancing", "the plan is unfair")]),
    ("Russia is the aggressor, a State Department spokesperson said.",
     [("indirect", "a State Department spokesperson", None, "anonymous", "said", "neutral", "Russia is the aggressor")]),
    ('He was "very happy" with the result, the mayor said.',
     [("mixed", "the mayor", None, "anonymous", "said", "neutral", 'He was "very happy" with the result')]),
    ('"We will win. We will win big," Trump told supporters in Ohio.',
     [("direct", "Trump", "Trump", "person", "told", "neutral", "We will win. We will win big")]),
    ("Moscow's claim that the drills were over was rejected.",
     [("nominal", "Moscow", "Moscow", "government", "claim", "distancing", "the drills were over was rejected")]),
    ("The report found that emissions rose.",
     [("indirect", "The report", "report", "document", "found that", "endorsing", "emissions rose")]),
    ("A spokesman for the Clinton campaign declined to comment.",
     [("indirect", "A spokesman for the Clinton campaign", None, "anonymous", "declined", "neutral", "to comment")]),
    ("Trump, who spoke in Ohio, said the deal was bad.",
     [("indirect", "Trump", "Trump", "person", "said", "neutral", "the deal was bad")]),
    ("Sen. Elizabeth Warren, D-Mass., blasted the decision.",
     [("indirect", "Sen. Elizabeth Warren, D-Mass", "Elizabeth Warren", "person", "blasted", "conflict", "the decision")]),
    ("The Kremlin has repeatedly denied the allegations.",
     [("indirect", "The Kremlin", "Kremlin", "government", "denied", "conflict", "the allegations")]),
    ("Ukraine and NATO have accused Moscow of secretly supporting the rebels, but they have denied any interference.",
     [("indirect", "Ukraine and NATO", "Ukraine and NATO", "organisation", "accused", "conflict",
       "Moscow of secretly supporting the rebels"),
      ("indirect", "they", "Ukraine and NATO", "organisation", "denied", "conflict", "any interference")]),
    ('Maria Zakharova said it was over. "We will insist," she added.',
     [("indirect", "Maria Zakharova", "Maria Zakharova", "person", "said", "neutral", "it was over"),
      ("direct", "she", "Maria Zakharova", "person", "added", "neutral", "We will insist")]),
    ('Denis Pushilin, the head of the DPR, announced on Friday that civilians were leaving, '
     'warning that "an offensive can begin" at any moment.',
     [("indirect", "Denis Pushilin, the head of the DPR", "Denis Pushilin", "person", "announced", "neutral",
       "civilians were leaving"),
      ("mixed", "Denis Pushilin, the head of the DPR", "Denis Pushilin", "person", "warning that", "emphatic",
       '"an offensive can begin" at any moment')]),
    ("The agency levied an accusation on Friday, telling Sputnik that it was a false flag.",
     [("indirect", "The agency", "agency", "organisation", "levied an accusation", "conflict", None),
      ("indirect", "The agency", "agency", "organisation", "telling", "neutral", "it was a false flag")]),
    ("Conway on Sunday also reiterated that the wall would be built.",
     [("indirect", "Conway", "Conway", "person", "reiterated", "emphatic", "the wall would be built")]),
    ("Spicer said the plan was dead, but added that talks would go on.",
     [("indirect", "Spicer", "Spicer", "person", "said", "neutral", "the plan was dead"),
      ("indirect", "Spicer", "Spicer", "person", "added", "neutral", "talks would go on")]),
    ("The group, which is hoping for a deal, said nothing.",
     [("indirect", "which", "group", "organisation", "hoping", "neutral", "for a deal"),
      ("indirect", "The group", "group", "organisation", "said", "neutral", "nothing")]),
    ("It is a debacle, she vividly described.",
     [("indirect", "she", None, "pronoun_unresolved", "described", "neutral", "It is a debacle")]),
    ("John McCain: Republican Populist Anger Appeals to Bad Angels",
     [("indirect", "John McCain", "John McCain", "person", ":", None,
       "Republican Populist Anger Appeals to Bad Angels")]),
    ("According to early results of exit polls conducted for the AP, voters are angry.",
     [("according_to", "early results of exit polls conducted for the AP", None, "anonymous",
       "According to", "neutral", "voters are angry")]),
    # negatives: no attribution at all
    ("UPDATE: The story was corrected on Monday.", []),  # a label, not a speaker
    ("10:10 p.m. Donald Trump won at least 44 delegates.", []),  # a time
    ("Hillary Clinton: 1,769.", []),  # a tally, not a statement
    ("Officials sought to explain it.", []),  # an infinitive cue with no speaker of its own
    ("The patient was admitted to hospital on Monday.", []),  # a weak form in the passive
    ("The self-declared republic held a vote.", []),  # a cue inside a compound
    ("The claims were everywhere.", []),  # a bare noun with no speaker or content
    ('"It is over," he said, "and we know it."', None),  # checked below: one row, not two
    ("", []),
    ("No one spoke.", []),
]


def _rows(text: str) -> list[tuple]:
    q = quotes(text)
    return [tuple(None if pd.isna(v) else v for v in r) for r in q[FIELDS].itertuples(index=False)]


@pytest.mark.parametrize("text, expected", [c for c in CASES if c[1] is not None])
def test_sentence_table(text: str, expected: list[tuple]) -> None:
    assert _rows(text) == expected


def test_offsets_index_into_the_text() -> None:
    text = 'Noise first. "We will insist," Maria Zakharova said on Friday.'
    q = quotes(text)
    r = q.iloc[0]
    assert text[r.speaker_start:r.speaker_end] == r.speaker == "Maria Zakharova"
    assert text[r.cue_start:r.cue_end] == r.cue == "said"
    assert text[r.content_start:r.content_end] == r.content == "We will insist"
    assert list(q.columns) == list(ATTRIBUTION_COLUMNS)
    assert list(q.columns[: len(QUOTE_COLUMNS)]) == list(QUOTE_COLUMNS)


# text -> (kind, problems) of the one row expected
FLAGGED = [
    ('"This is the start of something new for all of us', ("direct", "no_cue,unclosed_quote,no_speaker")),
    ('"The situation in Europe continues to degrade," the statement read.',
     ("direct", "no_cue,no_speaker")),
    ('"We will go on to the end."', ("direct", "no_cue,no_speaker")),
    ("She told reporters that it was over.", ("indirect", "pronoun_unresolved")),
    ("Officials said.", ("indirect", "no_content")),
]


@pytest.mark.parametrize("text, expected", FLAGGED)
def test_flagged_rows_are_kept(text: str, expected: tuple[str, str]) -> None:
    q = quotes(text)
    assert len(q) == 1
    assert (q.iloc[0]["kind"], q.iloc[0]["problems"]) == expected


def test_quote_with_cue_after_it_and_another_after_the_cue() -> None:
    q = quotes('"It is over," he said, "and we know it."')
    assert q["kind"].tolist() == ["direct", "direct"]
    assert q["cue"].isna().tolist() == [False, True]  # the second part has no cue of its own


def test_short_quotations_without_cue_are_not_attributions() -> None:
    # scare quotes and titles are framing, not sourcing: below four words they are left out
    assert quotes('A "false flag" incident and the "Open Door" policy.').empty


def test_multi_paragraph_quotation_is_one_content() -> None:
    text = '"We hope the talks go on.\n\n"We will insist on it," she added.'
    q = quotes(text)
    assert len(q) == 1
    r = q.iloc[0]
    assert r.kind == "direct" and r.cue == "added"
    assert r.content.startswith("We hope") and r.content.endswith("insist on it")


def test_cue_inside_a_quotation_is_the_quoted_speakers() -> None:
    q = quotes('"Blinken accused us of lying, and we deny it," the minister said.')
    assert q["cue"].tolist() == ["said"]


def test_headline_rows_have_their_own_field() -> None:
    arts = pd.DataFrame({"text": ["The ministry said it was over."],
                         "title": ["Russian FM Accuses NATO of 'Escalation' Amid Troop Claims"]},
                        index=pd.Index(["a"], name="doc_id"))
    q = quotes(arts)
    assert q["field"].tolist() == ["title", "text"]
    title = q[q.field == "title"].iloc[0]
    assert arts.loc["a", "title"][title.cue_start:title.cue_end] == "Accuses"
    assert title.stance == "conflict"
    assert quotes(arts, titles=False)["field"].tolist() == ["text"]


def test_cue_spans_from_elsewhere_are_used_without_stance() -> None:
    text = "Moscow negotiated a deal with Kyiv."
    assert quotes(text).empty
    spans = pd.DataFrame({"doc_id": ["0"], "start": [7], "end": [17]})
    r = quotes(text, cue_spans=spans).iloc[0]
    assert (r.cue, r.speaker, r.content) == ("negotiated", "Moscow", "a deal with Kyiv")
    assert pd.isna(r.stance)
    with pytest.raises(ValueError, match="doc_id, start, end"):
        quotes(text, cue_spans=pd.DataFrame({"start": [7]}))


def test_parallel_equals_serial() -> None:
    texts = ['"It is over," Lavrov said.', "Moscow has denied it.", "Critics claim it is unfair."] * 4
    a = quotes(texts)
    b = quotes(texts, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)


def test_lexicon_stamps_in_attrs() -> None:
    attrs = quotes("He said so.").attrs["lexicons"]
    assert set(attrs) == {"attribution", "speakers"}
    assert attrs["attribution"].startswith("attribution@")


# ----------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_quotes() -> pd.DataFrame:
    arts = framing.load_articles(framing.config.seeds_dir())
    return quotes(arts)


SEED = [
    # cue, stance, speaker_name, source_type, kind
    ("continued to claim", "distancing", "North Atlantic alliance", "organisation", "indirect"),
    ("accused", "conflict", "Russian Foreign Ministry", "government", "mixed"),
    ("accused", "conflict", "North Atlantic alliance", "organisation", "indirect"),
    ("said", "neutral", "Maria Zakharova", "person", "direct"),
    ("added", "neutral", "Maria Zakharova", "person", "direct"),
    ("denied", "conflict", "Moscow", "government", "indirect"),
    ("said", "neutral", "Ukrainian government", "government", "indirect"),
    ("telling", "neutral", "US State Department", "government", "mixed"),
    ("told", "neutral", None, "anonymous", "direct"),
    ("added", "neutral", "US State Department", "government", "direct"),
    ("announced", "neutral", "Denis Pushilin", "person", "indirect"),
    ("warning that", "emphatic", "Denis Pushilin", "person", "mixed"),
    ("accused", "conflict", "Ukraine and NATO", "organisation", "indirect"),
    ("denied", "conflict", "Ukraine and NATO", "organisation", "indirect"),
]


def test_seed_attributions(seed_quotes: pd.DataFrame) -> None:
    body = seed_quotes[seed_quotes.field == "text"]
    got = [(r.cue, r.stance, None if pd.isna(r.speaker_name) else r.speaker_name, r.source_type, r.kind)
           for r in body.itertuples() if not pd.isna(r.cue)]
    for row in SEED:
        assert row in got, row
    # the three "accused" have three different speakers
    accused = body[body.cue == "accused"]["speaker_name"].tolist()
    assert len(accused) == len(set(accused)) == 3


def test_seed_direct_quotes_all_have_speakers(seed_quotes: pd.DataFrame) -> None:
    direct = seed_quotes[(seed_quotes.field == "text") & (seed_quotes.kind == "direct")]
    assert len(direct) == 4
    assert direct["speaker"].notna().all()
    assert direct["speaker"].tolist() == ["Russian Foreign Ministry spokesperson Maria Zakharova", "she",
                                          "a State Department spokesperson", "they"]


def test_seed_sputnik_is_the_addressee_not_the_speaker(seed_quotes: pd.DataFrame) -> None:
    assert not seed_quotes["speaker"].fillna("").str.contains("Sputnik").any()


def test_seed_headline_stance(seed_quotes: pd.DataFrame) -> None:
    title = seed_quotes[seed_quotes.field == "title"]
    assert title[["cue", "stance"]].values.tolist() == [["Accuses", "conflict"]]


# ----------------------------------------------------------------------------- sources()


def test_sources_table_by_outlet() -> None:
    arts = pd.DataFrame({"text": ["Moscow claimed it was over. Kyiv said it was not.",
                                  "Kyiv claimed it won. Moscow said it lost."],
                         "outlet": ["A", "B"]}, index=pd.Index(["1", "2"], name="doc_id"))
    t = sources(arts)
    got = t.reset_index()[["outlet", "speaker", "distancing", "neutral", "total"]].values.tolist()
    assert got == [["A", "Kyiv", 0, 1, 1], ["A", "Moscow", 1, 0, 1],
                   ["B", "Kyiv", 1, 0, 1], ["B", "Moscow", 0, 1, 1]]
    assert t["non_neutral_share"].tolist() == [0.0, 1.0, 1.0, 0.0]


@pytest.mark.parametrize("kwargs, message", [
    ({}, "give articles"),
    ({"attributions": quotes("He said so."), "by": "outlet"}, "needs the articles"),
])
def test_sources_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sources(**kwargs)


def test_sources_unknown_group_column() -> None:
    with pytest.raises(ValueError, match="no column 'desk'"):
        sources(pd.DataFrame({"text": ["He said so."]}), by="desk")


def test_doctests() -> None:
    import doctest

    import framing.attribution

    result = doctest.testmod(framing.attribution)
    assert result.attempted > 5 and result.failed == 0


# ----------------------------------------------------------------------------- score() sourcing


def test_score_has_sourcing_features() -> None:
    arts = pd.DataFrame(
        {"text": ['Moscow claimed it was over. "We won," an official said. "Go home now, all of you."',
                  "It rained all day."],
         "title": ["Kremlin Slams NATO Over Drills", ""]},
        index=pd.Index(["a", "b"], name="doc_id"))
    t = framing.score(arts)
    a, b = t.loc["a"], t.loc["b"]
    expected_a = {"attributions_n": 2, "speakers_n": 2, "direct_quotes_n": 2, "unattributed_quotes_n": 1,
                  "sourcing_distancing_n": 1, "sourcing_neutral_n": 1, "non_neutral_share": 0.5,
                  "source_government_n": 1, "source_anonymous_n": 1, "anonymous_share": 0.5,
                  "title_attributions_n": 1, "title_non_neutral_n": 1}
    assert {k: a[k] for k in expected_a} == expected_a
    assert b["attributions_n"] == 0 and pd.isna(b["non_neutral_share"]) and pd.isna(b["anonymous_share"])
    assert t["attributions_n"].dtype == "int64"
    assert "attributions_n" not in framing.score(arts, sourcing=False).columns
    assert "attributions_n" not in framing.score(arts, ["loaded"]).columns


def test_score_sourcing_is_the_same_in_parallel() -> None:
    texts = ['"It is over," Lavrov said.', "Moscow has denied it.", "Critics claim it is unfair."] * 3
    pd.testing.assert_frame_equal(framing.score(texts), framing.score(texts, n_jobs=2))


def test_feature_columns_include_sourcing_shares() -> None:
    from framing.features import feature_columns

    rates = feature_columns()
    assert "anonymous_share" in rates and "non_neutral_share" in rates
    assert "attributions_n" in feature_columns(kind="counts")


@pytest.mark.parametrize("text, nested", [
    ("Sexton said he thinks many back Trump.", [False, True]),
    ("Sexton said it. He thinks many back Trump.", [False, False]),
    ('"We believe it," she said.', [False]),  # the cue inside the quotation is not extracted at all
])
def test_nested_attributions_are_marked(text: str, nested: list[bool]) -> None:
    assert quotes(text)["nested"].tolist() == nested


def test_sources_by_source_type() -> None:
    arts = pd.DataFrame({"text": ["Moscow claimed it was over. Officials said it was not. Critics claim it is.",
                                  "Kyiv said it won."],
                         "outlet": ["A", "B"]}, index=pd.Index(["1", "2"], name="doc_id"))
    t = sources(arts, level="source_type")
    assert t.index.names == ["outlet", "source_type"]
    got = t.reset_index()[["outlet", "source_type", "neutral", "distancing", "total"]].values.tolist()
    assert got == [["A", "anonymous", 1, 1, 2], ["A", "government", 0, 1, 1], ["B", "government", 1, 0, 1]]
    with pytest.raises(ValueError, match="level must be"):
        sources(arts, level="outlet")


def test_cue_span_confirms_a_weak_lexicon_form() -> None:
    text = "The patient was admitted to hospital."
    assert quotes(text).empty  # a weak form in the passive
    start = text.index("admitted")
    spans = pd.DataFrame({"doc_id": ["0"], "start": [start], "end": [start + 8]})
    r = quotes(text, cue_spans=spans)
    assert r[["cue", "stance"]].values.tolist() == [["admitted", "concessive"]]


def test_nested_false_drops_inner_attributions() -> None:
    texts = ["Sexton said he thinks many back Trump.", "Kyiv said it won."]
    assert quotes(texts, nested=False)["cue"].tolist() == ["said", "said"]
    pd.testing.assert_frame_equal(quotes(texts, nested=False), quotes(texts, nested=False, n_jobs=2))


# ------------------------------------------------------------- the fast paths score() takes
# score() counts the rows of Attributor.sourcing (unordered, no nesting, contents not cut):
# the counts must equal sourcing_row over the rows of quotes(), for every kind of article
SOURCING_TEXTS = [
    "",
    "No attribution here at all.",
    'Moscow claimed it was over. "We won," an official said.',
    '"It is over," said Foreign Minister Sergei Lavrov. He said that talks had failed, and '
    'NATO has denied any intent.',
    'Graham: Trump\'s rhetoric is "incredibly hateful and dangerous for everyone".',
    '"This is a long quotation that nobody claims at all."',
    'Critics claim the plan is unfair, according to two U.S. officials. "We will see." The '
    'spokesperson said "it is not over" and she added that the "reform" was dead.',
]


@pytest.mark.parametrize("text", SOURCING_TEXTS)
@pytest.mark.parametrize("title", [None, "Kremlin Denies Claims", "Officials Say Talks Failed"])
def test_attributor_sourcing_equals_sourcing_row_of_quotes(text: str, title: str | None) -> None:
    from framing.attribution import Attributor, sourcing_row
    from framing.spans import LexiconSet, analyse

    ls = LexiconSet("attribution")
    at = Attributor(ls)
    got = at.sourcing(text, analyse(text, ls), title, analyse(title, ls) if title else None)
    arts = pd.DataFrame({"text": [text], "title": [title or ""]})
    q = quotes(arts)
    want = sourcing_row(q[q["field"] == "text"].to_dict("records"),
                        q[q["field"] == "title"].to_dict("records") if title else None)
    assert got == pytest.approx(want, nan_ok=True)


# rows (content_start, content_end, cue_start) -> nested, checked against the definition: the
# cue lies inside the content of another row
@pytest.mark.parametrize("rows, nested", [
    ([], []),
    ([(10, 20, 5)], [False]),
    ([(10, 20, 15)], [False]),  # its own content does not count
    ([(0, 30, 2), (None, None, 12)], [False, True]),
    ([(0, 30, 2), (5, 40, 12)], [False, True]),
    ([(0, 10, None), (5, 40, 10)], [False, False]),  # the end is outside
    ([(0, 50, 3), (4, 50, 2), (20, 30, 25)], [False, True, True]),
    ([(0, 50, 10), (0, 50, 20)], [True, True]),  # tied ends: each is inside the other
    ([(0, 50, 60), (4, 50, 4), (None, None, None)], [False, True, False]),
])
def test_mark_nested_table(rows: list[tuple], nested: list[bool]) -> None:
    from framing.attribution import _mark_nested

    dicts = [{"content_start": c0, "content_end": c1, "cue_start": x} for c0, c1, x in rows]
    _mark_nested(dicts)
    assert [d["nested"] for d in dicts] == nested


# text -> the lower case of each token, as the lowered whole text gives it (a capital sigma
# lowers by its neighbours: final sigma); typographic apostrophes made plain
LOWER_TEXTS = [
    "Moscow’s Claim WAS Denied.",
    "ΟΔΟΣ said it. ΟΔΟΣ's word, ΣΟΦΙΑ and ΣΣ'Σ.",
    "ΟΔΟΣ:Α said it, ΑΣ\u00adΑ claimed.",  # alone, "ΟΔΟΣ" and "ΑΣ" would end in a final sigma
    "İstanbul officials said Σ was over.",  # lowering changes the length: each token alone
    "",
]


@pytest.mark.parametrize("text", LOWER_TEXTS)
def test_doc_tokens_lower_case_and_sentences(text: str) -> None:
    from bisect import bisect_left, bisect_right

    from framing.attribution import _Doc, _words
    from framing.spans import LexiconSet, analyse

    a = analyse(text, LexiconSet("attribution"))
    doc = _Doc(text, a, _words())
    lowered = text.lower().replace("\u2019", "'")
    for i, (s, e) in enumerate(zip(doc.S, doc.E)):
        want = lowered[s:e] if len(lowered) == len(text) else text[s:e].lower().replace("\u2019", "'")
        assert doc.low[i] == want
        sent = bisect_right([int(x) for x in a.sentences[:, 0]], s) - 1
        assert doc.tok_sent[i] == sent
        first = bisect_left(doc.S, int(a.sentences[sent, 0]))
        last = bisect_left(doc.S, int(a.sentences[sent, 1])) - 1
        assert doc.sent_bounds(i) == (min(first, i), max(last, i))


@pytest.mark.parametrize("text", SOURCING_TEXTS)
def test_counted_rows_are_the_full_rows_cut_down(text: str) -> None:
    """Attributor.sourcing's rows (unordered) hold the keys counted, with the same values."""
    from framing.attribution import Attributor, _extract
    from framing.spans import LexiconSet, analyse

    at = Attributor(LexiconSet("attribution"))
    a = analyse(text, at.lexset)
    full = _extract(text, a, at.info, at.words, li=at.li, unordered=True)
    full_sorted = at.rows(text, a)
    assert len(full) == len(full_sorted)
    for r in full:
        assert {"kind", "cue", "stance", "speaker", "speaker_name", "source_type"} <= set(r)
    key = lambda r: (r["cue_start"] is None, r["cue_start"] or 0, r["speaker_start"] or 0)  # noqa: E731
    for r, f in zip(sorted(full, key=key), sorted(full_sorted, key=key)):
        assert {k: f[k] for k in r} == r
