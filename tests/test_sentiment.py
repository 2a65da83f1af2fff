"""Sentiment by voice: VADER per sentence, narrator and quoted parts scored apart, per article.

Expected values come from VADER on the single sentence or part (``v(...)`` below), or from
reasoning (a text without sentiment words scores 0; a mean over nothing is NaN).
"""

from __future__ import annotations

import doctest
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing
from framing.sentiment import SENTIMENT_COLUMNS, sentence_sentiment, sentiment
from framing.text import sentence_spans

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl"
_VADER = SentimentIntensityAnalyzer()


def v(text: str) -> float:
    """VADER's compound score of one text, straight from the package."""
    return _VADER.polarity_scores(text)["compound"]


def row_of(text: str, title=None) -> pd.Series:
    table = pd.DataFrame({"text": [text]}) if title is None else pd.DataFrame({"text": [text], "title": [title]})
    return sentiment(table).iloc[0]


NEG = "The brutal attack killed dozens of civilians."
NEUTRAL_QUOTE = '"The plan is on the table," the minister said.'
POS_QUOTE = '"We are grateful for the brave help," the mayor said.'

# text, expected {column: value}; NaN means NaN
CASES = {
    "negative narrator, neutral quote": (
        f"{NEG} {NEUTRAL_QUOTE}",
        {"sentiment_narrator_mean": (v(NEG) + v("the minister said.")) / 2,
         "sentiment_narrator_n": 2, "sentiment_narrator_neg_share": 0.5,
         "sentiment_narrator_pos_share": 0.0,
         "sentiment_quoted_mean": 0.0,  # no sentiment word in the quotation
         "sentiment_quoted_n": 1, "sentiment_quoted_neg_share": 0.0, "sentiment_mixed_n": 1}),
    "positive quote in a negative narrator article": (
        f"{NEG} {POS_QUOTE}",
        {"sentiment_narrator_mean": (v(NEG) + v("the mayor said.")) / 2,
         "sentiment_quoted_mean": v('"We are grateful for the brave help,"'),
         "sentiment_quoted_pos_share": 1.0, "sentiment_quoted_neg_share": 0.0}),
    "empty text": (
        "",
        {"sentiment_narrator_mean": math.nan, "sentiment_quoted_mean": math.nan,
         "sentiment_narrator_neg_share": math.nan, "sentiment_narrator_n": 0,
         "sentiment_quoted_n": 0, "sentiment_mixed_n": 0, "sentiment_title": math.nan}),
    "only punctuation": ("... --", {"sentiment_narrator_n": 0, "sentiment_narrator_mean": math.nan}),
    "no quotations: quoted mean NaN, not 0": (
        f"{NEG} It was a good day.",
        {"sentiment_narrator_mean": (v(NEG) + v("It was a good day.")) / 2,
         "sentiment_narrator_pos_share": 0.5, "sentiment_narrator_neg_share": 0.5,
         "sentiment_quoted_mean": math.nan, "sentiment_quoted_pos_share": math.nan,
         "sentiment_quoted_n": 0, "sentiment_mixed_n": 0}),
    "all quoted": (
        '"It was a good day."',
        {"sentiment_quoted_mean": v("It was a good day."), "sentiment_quoted_n": 1,
         "sentiment_narrator_n": 0, "sentiment_narrator_mean": math.nan}),
    "full stop outside the closing mark is not narrator voice": (
        '"It was a good day".',
        {"sentiment_quoted_n": 1, "sentiment_narrator_n": 0, "sentiment_mixed_n": 0,
         "sentiment_quoted_mean": v("It was a good day")}),
    "unclosed quotation runs to the paragraph end": (
        'He said: "We will never surrender, this is a terrible war\n\nThe talks were a failure.',
        {"sentiment_quoted_mean": v("We will never surrender, this is a terrible war"),
         "sentiment_quoted_n": 1, "sentiment_mixed_n": 1,
         "sentiment_narrator_mean": (v("He said:") + v("The talks were a failure.")) / 2,
         "sentiment_narrator_n": 2}),
    "quotation continued over a paragraph": (
        '"We lost everything.\n\n"Now we are happy again," she said.',
        {"sentiment_quoted_mean": (v("We lost everything.") + v("Now we are happy again,")) / 2,
         "sentiment_quoted_n": 2, "sentiment_narrator_n": 1, "sentiment_narrator_mean": 0.0}),
    "two quotations in one sentence are one quoted text": (
        '"We won," he said, "and we are happy."',
        {"sentiment_quoted_mean": v('"We won," "and we are happy."'), "sentiment_quoted_n": 1,
         "sentiment_narrator_mean": 0.0, "sentiment_mixed_n": 1}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_article_table(name):
    text, expected = CASES[name]
    row = row_of(text)
    assert list(row.index) == list(SENTIMENT_COLUMNS)
    for column, value in expected.items():
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(row[column]), (column, row[column])
        else:
            assert row[column] == pytest.approx(value, abs=1e-9), (column, row[column], value)


def test_voices_differ_in_sign():
    row = row_of(f"{NEG} {POS_QUOTE}")
    assert row["sentiment_narrator_mean"] < -0.05 < 0.05 < row["sentiment_quoted_mean"]


def test_whole_sentence_would_credit_the_narrator_with_the_quote():
    # why mixed sentences are split: the whole sentence has the quotation's score
    assert v(POS_QUOTE) > 0.5
    assert row_of(POS_QUOTE)["sentiment_narrator_mean"] == v("the mayor said.") == 0.0


@pytest.mark.parametrize("title,text,expected_title,narrator_n", [
    ("Peace talks fail", "The talks were a failure.", v("Peace talks fail"), 1),  # not repeated
    ("Peace talks fail", "Peace talks fail\n\nThe talks were a failure.", v("Peace talks fail"), 1),
    ("Peace talks fail", "Peace talks fail. The talks were a failure.", v("Peace talks fail"), 1),
    ("Peace", "Peace talks fail. The talks were a failure.", v("Peace"), 2),  # only a prefix
    (None, "The talks were a failure.", math.nan, 1),
    ("", "The talks were a failure.", math.nan, 1),
    (float("nan"), "The talks were a failure.", math.nan, 1),
])
def test_headline(title, text, expected_title, narrator_n):
    row = sentiment(pd.DataFrame({"text": [text], "title": [title]})).iloc[0]
    if math.isnan(expected_title):
        assert math.isnan(row["sentiment_title"])
    else:
        assert row["sentiment_title"] == pytest.approx(expected_title)
    assert row["sentiment_narrator_n"] == narrator_n


def test_repeated_headline_is_not_body():
    row = sentiment(pd.DataFrame({"text": ["Disaster strikes\n\nIt was a good day."],
                                  "title": ["Disaster strikes"]})).iloc[0]
    assert row["sentiment_narrator_mean"] == pytest.approx(v("It was a good day."))
    assert v("Disaster strikes") < 0
    assert row["sentiment_title"] == pytest.approx(v("Disaster strikes"))


def test_no_title_column_gives_nan_titles():
    out = sentiment(["It was a good day.", "A bad day."])
    assert out["sentiment_title"].isna().all()
    assert out.index.tolist() == ["0", "1"] and out.index.name == "doc_id"


def test_saturation_long_text_vs_sentence_mean():
    sentence = "The talks were a failure."
    text = " ".join([sentence] * 12)
    assert v(sentence) == pytest.approx(-0.5106)
    assert v(text) < -0.98  # the whole text saturates
    row = row_of(text)
    assert row["sentiment_narrator_mean"] == pytest.approx(v(sentence))
    assert row["sentiment_narrator_n"] == 12 and row["sentiment_narrator_neg_share"] == 1.0


def test_sentence_table():
    text = 'The raid was a cruel disaster. "We won," he said. "It was a good day."'
    out = sentence_sentiment(text)
    assert list(out.columns) == ["sentence", "start", "end", "voice", "quoted_share", "compound", "pos",
                                 "neu", "neg", "narrator_compound", "quoted_compound"]
    assert out[["start", "end"]].values.tolist() == sentence_spans(text).tolist()
    assert out["voice"].tolist() == ["narrator", "mixed", "quoted"]
    # word characters: "We won" 5 quoted, "he said" 6 narrator
    assert out["quoted_share"].tolist() == pytest.approx([0.0, 5 / 11, 1.0])
    first = _VADER.polarity_scores("The raid was a cruel disaster.")
    assert out.loc[0, ["compound", "pos", "neu", "neg"]].tolist() == pytest.approx(
        [first["compound"], first["pos"], first["neu"], first["neg"]])
    assert out.loc[1, "compound"] == pytest.approx(v('"We won," he said.'))
    assert out.loc[1, "narrator_compound"] == pytest.approx(v("he said."))
    assert out.loc[1, "quoted_compound"] == pytest.approx(v('"We won,"'))
    assert math.isnan(out.loc[0, "quoted_compound"]) and math.isnan(out.loc[2, "narrator_compound"])


def test_sentence_table_empty_and_bad_input():
    assert sentence_sentiment("").empty
    assert list(sentence_sentiment("").columns)[:4] == ["sentence", "start", "end", "voice"]
    with pytest.raises(TypeError):
        sentence_sentiment(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sentiment(pd.DataFrame({"text": ["ok", None]}))


def _aggregate(values: pd.Series) -> list[float]:
    c = values.dropna().to_numpy()
    if not len(c):
        return [np.nan, np.nan, np.nan, 0]
    return [c.mean(), (c <= -0.05).mean(), (c >= 0.05).mean(), len(c)]


def test_article_table_aggregates_the_sentence_table():
    articles = framing.load_articles(SAMPLE)
    table = sentiment(articles)
    for doc_id, text, title in zip(articles.index, articles["text"], articles["title"]):
        sents = sentence_sentiment(text, title=title)
        expected = (_aggregate(sents["narrator_compound"]) + _aggregate(sents["quoted_compound"])
                    + [int((sents["voice"] == "mixed").sum())])
        got = table.loc[doc_id, list(SENTIMENT_COLUMNS[:-1])].tolist()
        assert got == pytest.approx(expected, nan_ok=True), doc_id


def test_n_jobs_gives_the_same_table():
    articles = framing.load_articles(SAMPLE)
    one = sentiment(articles)
    two = sentiment(articles, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert one.index.equals(articles.index)
    assert one["sentiment_quoted_n"].sum() > 0 and one["sentiment_title"].notna().all()


def test_score_joins_sentiment_columns():
    articles = framing.load_articles(SAMPLE).iloc[:8]
    plain = framing.score(articles)
    with_sentiment = framing.score(articles, sentiment=True)
    assert "sentiment_narrator_mean" not in plain.columns
    assert list(with_sentiment.columns) == list(plain.columns) + list(SENTIMENT_COLUMNS)
    pd.testing.assert_frame_equal(with_sentiment[list(SENTIMENT_COLUMNS)], sentiment(articles))
    pd.testing.assert_frame_equal(with_sentiment, framing.score(articles, sentiment=True, n_jobs=2))
    assert with_sentiment.attrs["lexicons"] == plain.attrs["lexicons"]


def test_doctests():
    import framing.sentiment  # noqa: F401  (the submodule; framing.sentiment is the function)
    import sys

    result = doctest.testmod(sys.modules["framing.sentiment"])
    assert result.attempted >= 3 and result.failed == 0


@pytest.mark.parametrize("text,scorable", [
    ("the mayor said.", False),          # no lexicon word: VADER gives 0, not called
    ("On Tuesday, in Paris.", False),
    ("ok,", True),                       # short word kept with its comma by VADER; checked both ways
    ("It was GOOD!!!", True),
    ("no.", True),
    (":)", True),                        # emoticon in the lexicon
    ("we met \U0001F600", True),          # emoji: VADER replaces it by its description
    ("kind of", True),                   # "kind" is a lexicon word (VADER then zeroes "kind of")
    ("", False),
])
def test_fast_zero_path_cases(text, scorable):
    from framing.sentiment import _analyzer, _can_score

    assert _can_score(_analyzer(), text) is scorable
    if not scorable:
        assert v(text) == 0.0


def test_fast_zero_path_agrees_with_vader_on_the_sample():
    from framing.sentiment import _analyzer, _can_score, _split

    analyzer = _analyzer()
    articles = framing.load_articles(SAMPLE)
    checked = skipped = 0
    for text in articles["text"]:
        q = framing.text.quote_spans(text)
        qs, qe = q.start.tolist(), q.end.tolist()
        for s, e in sentence_spans(text).tolist():
            _, ntext, qtext = _split(text, s, e, qs, qe)
            for t in (text[s:e], ntext, qtext):
                checked += 1
                if not _can_score(analyzer, t):
                    skipped += 1
                    assert v(t) == 0.0, t
    assert checked > 500 and 0 < skipped < checked
