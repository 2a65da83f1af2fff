"""Validation: the scoring definitions on hand-made sentences, the split, the corpus readers.

Tests marked ``shared`` read the real corpora in ``../shared/data`` and skip with the reason
when they are absent; everything else runs on a fresh checkout.
"""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest

import framing.datasets
import framing.validate
from framing import config
from framing.datasets import babe_path, parse_word_list, read_babe, read_reference_lexicon
from framing.lexicon import Lexicon
from framing.validate import (
    apply_split, article_id, article_keys, gold_forms, make_split, read_split, score_counts, score_tokens,
    sentence_counts, split_path, token_table,
)

LEX = Lexicon.from_records("demo", [
    {"pattern": "bizarre", "category": "loaded"},
    {"pattern": "lambast*", "category": "loaded"},
    {"pattern": "far-left", "category": "label"},
    {"pattern": "amnesty for illegal*", "category": "loaded"},
    {"pattern": "kiev", "category": "naming"},
    {"pattern": "claimed", "category": "attribution", "subcategory": "distancing"},
    {"pattern": "said", "category": "attribution", "subcategory": "neutral"},
])


def sents(*rows):
    return pd.DataFrame({"text": [r[0] for r in rows], "biased_words": [list(r[1]) for r in rows]})


# ----------------------------------------------------------------------------- gold forms

@pytest.mark.parametrize("words, expected", [
    (["bizarre"], {"bizarre"}),
    (["Bizarre", "MOB"], {"bizarre", "mob"}),                 # case-insensitive
    (["left-wing"], {"left", "wing"}),                         # multiword entries split
    (["fake news"], {"fake", "news"}),
    (["U.S."], {"u.s."}),                                      # the tokenizer's initialisms
    (["Kiev\u2019s"], {"kiev's"}),                             # apostrophes folded
    (["", "  "], set()),
    ([], set()),
])
def test_gold_forms(words, expected):
    assert gold_forms(words) == expected


# ----------------------------------------------------------------------------- token counts

# text, biased words, categories, (n_gold, n_pred, n_tp)
CASES = [
    # a lexicon word the annotators marked: true positive
    ("It was a bizarre speech.", ["bizarre"], ["loaded"], (1, 1, 1)),
    # case is ignored on both sides
    ("BIZARRE scenes.", ["Bizarre"], ["loaded"], (1, 1, 1)),
    # negative: a lexicon word the annotators did not mark is a false positive
    ("It was a bizarre speech.", [], ["loaded"], (0, 1, 0)),
    # negative: a marked word the lexicon lacks is a false negative
    ("It was a strange speech.", ["strange"], ["loaded"], (1, 0, 0)),
    # negative: nothing marked, nothing found
    ("The committee met on Tuesday.", [], ["loaded"], (0, 0, 0)),
    # gold is literal: an annotated 'lambasting' does not make 'lambasted' gold
    ("She lambasted the plan.", ["lambasting"], ["loaded"], (0, 1, 0)),
    # a wildcard entry hits the exact gold form
    ("She lambasted the plan.", ["lambasted"], ["loaded"], (1, 1, 1)),
    # every occurrence of a gold form is gold; both are found
    ("Bizarre, truly bizarre.", ["bizarre"], ["loaded"], (2, 2, 2)),
    # a hyphenated gold entry gives two gold tokens; the phrase covers 'far' and 'left'
    ("The far-left wing rallied.", ["far-left"], ["label"], (2, 2, 2)),
    ("The far-left wing rallied.", ["left-wing"], ["label"], (2, 2, 1)),
    # a three-word span counts three predicted tokens, only the marked one is a hit
    ("They back amnesty for illegals.", ["illegals"], ["loaded"], (1, 3, 1)),
    # categories select spans: the naming hit does not count for 'loaded'
    ("Kiev's bizarre decree.", ["Kiev's"], ["loaded"], (1, 1, 0)),
    # the possessive token is covered by a span that ends before 's
    ("Kiev's bizarre decree.", ["Kiev's"], ["naming"], (1, 1, 1)),
    # 'category/subcategory' selects one subcategory: 'claimed' counts, 'said' does not
    ("He claimed it and she said so.", ["claimed"], ["attribution/distancing"], (1, 1, 1)),
    ("He claimed it and she said so.", ["claimed"], ["attribution"], (1, 2, 1)),
    # an empty text has no tokens at all
    ("", ["bizarre"], ["loaded"], (0, 0, 0)),
]


@pytest.mark.parametrize("text, words, cats, expected", CASES)
def test_sentence_counts(text, words, cats, expected):
    c = sentence_counts(sents((text, words)), LEX, cats)
    assert tuple(c[["n_gold", "n_pred", "n_tp"]].iloc[0].tolist()) == expected


def test_token_table_columns_and_entries():
    t = token_table(sents(("They back amnesty for illegals.", ["illegals"])), LEX, ["loaded"])
    assert list(t.columns) == ["doc_id", "token_index", "start", "end", "token", "gold", "pred",
                               "entry", "category"]
    assert t["token"].tolist() == ["they", "back", "amnesty", "for", "illegals"]
    assert t["entry"].tolist()[2:] == ["amnesty for illegal*"] * 3
    assert t["gold"].tolist() == [False, False, False, False, True]


def test_scare_quotes_never_count_unless_chosen():
    loaded_only = Lexicon.from_records("loaded_only", [{"pattern": "bizarre", "category": "loaded"}])
    s = sents(('The "deal" was bizarre.', ["deal"]))
    assert sentence_counts(s, loaded_only, ["loaded"])["n_pred"].iloc[0] == 1
    assert sentence_counts(s, loaded_only, None)["n_pred"].iloc[0] == 1
    assert sentence_counts(s, loaded_only, ["loaded", "scare_quote"])["n_tp"].iloc[0] == 1


def test_voice_filter():
    s = sents(('"It is bizarre," she said. A bizarre day.', ["bizarre"]))
    assert sentence_counts(s, LEX, ["loaded"])["n_pred"].iloc[0] == 2
    assert sentence_counts(s, LEX, ["loaded"], voice="narrator")["n_pred"].iloc[0] == 1


def test_categories_none_means_every_lexicon_category():
    s = sents(("He claimed Kiev was bizarre.", []))
    assert sentence_counts(s, LEX, None)["n_pred"].iloc[0] == 3


def test_input_is_checked():
    with pytest.raises(TypeError, match="DataFrame"):
        score_tokens(["a text"], LEX)
    with pytest.raises(ValueError, match="biased_words"):
        score_tokens(pd.DataFrame({"text": ["a"]}), LEX)


# ----------------------------------------------------------------------------- scores

# per-sentence (n_gold, n_pred, n_tp) rows -> precision, recall, f1 (micro-averaged)
SCORES = [
    ([(2, 1, 1), (0, 3, 0)], (0.25, 0.5, 1 / 3)),     # a sentence without gold still costs precision
    ([(1, 1, 1), (1, 1, 1)], (1.0, 1.0, 1.0)),
    ([(4, 2, 0)], (0.0, 0.0, 0.0)),
    ([(3, 0, 0)], (math.nan, 0.0, math.nan)),         # no predictions: precision undefined
    ([(0, 2, 0)], (0.0, math.nan, math.nan)),         # no gold: recall undefined
    ([(10, 1, 1), (0, 1, 0)], (0.5, 0.1, 1 / 6)),     # micro, not macro: sums first
]


@pytest.mark.parametrize("rows, expected", SCORES)
def test_score_counts_micro(rows, expected):
    c = pd.DataFrame(rows, columns=["n_gold", "n_pred", "n_tp"])
    s = score_counts(c, n_boot=0)
    for key, want in zip(("precision", "recall", "f1"), expected):
        assert (math.isnan(s[key]) and math.isnan(want)) or s[key] == pytest.approx(want), key
    assert s["n_gold"] == sum(r[0] for r in rows) and s["n_pred"] == sum(r[1] for r in rows)
    assert all(math.isnan(x) for x in s["f1_ci"])  # no bootstrap asked


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    rng = np.random.default_rng(7)
    gold = rng.integers(0, 4, 300)
    tp = np.minimum(gold, rng.integers(0, 3, 300))
    pred = tp + rng.integers(0, 3, 300)
    c = pd.DataFrame({"n_gold": gold, "n_pred": pred, "n_tp": tp})
    a = score_counts(c, n_boot=500, seed=3)
    b = score_counts(c, n_boot=500, seed=3)
    keys = ("precision_ci", "recall_ci", "f1_ci")
    assert [a[k] for k in keys] == [b[k] for k in keys]
    for k in ("precision", "recall", "f1"):
        lo, hi = a[f"{k}_ci"]
        assert lo < a[k] < hi and hi - lo < 0.3
    assert score_counts(c, n_boot=500, seed=4)["f1_ci"] != a["f1_ci"]


def test_score_tokens_reports_stamps_and_sizes():
    s = score_tokens(sents(("A bizarre day.", ["bizarre"]), ("Calm.", [])), LEX, ["loaded"], n_boot=50)
    assert (s["n_sentences"], s["n_gold"], s["n_pred"], s["n_tp"]) == (2, 1, 1, 1)
    assert s["lexicons"] == {"demo": LEX.stamp()}


# ----------------------------------------------------------------------------- the split

def _articles(n_articles=40, outlets=("A", "B")):
    rows = []
    for i in range(n_articles):
        for j in range(1 + i % 4):
            rows.append({"news_link": f"http://x/{i}", "outlet": outlets[i % len(outlets)],
                         "text": f"s{i}-{j}"})
    rows.append({"news_link": None, "outlet": "A", "text": "orphan"})
    df = pd.DataFrame(rows)
    df.index = pd.Index([f"d{i}" for i in range(len(df))], name="doc_id")
    return df


def test_split_is_by_article_deterministic_and_near_the_fraction():
    df = _articles()
    a, b = make_split(df, seed=11), make_split(df, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert a["article"].is_unique and set(a["split"]) == {"train", "test"}
    assert article_id("nolink:d100") in set(a["article"])  # a sentence without a link is its own article
    assert not any(k.startswith("http") for k in a["article"])  # links are not stored
    part = article_keys(df).map(dict(zip(a["article"], a["split"])))
    assert part.notna().all()
    for outlet, g in part.groupby(df["outlet"]):  # stratified by outlet
        assert 0.2 < (g == "test").mean() < 0.45, outlet
    assert not make_split(df, seed=12).equals(a)


def test_split_rejects_a_bad_fraction():
    with pytest.raises(ValueError):
        make_split(_articles(), test_fraction=1.5)


def test_apply_split_and_its_errors(tmp_path):
    df = _articles(6)
    sp = make_split(df, seed=1)
    train, test = apply_split(df, "train", sp), apply_split(df, "test", sp)
    assert len(train) + len(test) == len(df)
    assert not set(article_keys(train)) & set(article_keys(test))
    assert apply_split(df, "all", sp) is df
    with pytest.raises(ValueError, match="part"):
        apply_split(df, "dev", sp)
    with pytest.raises(ValueError, match="not in the split"):
        apply_split(df, "train", sp.iloc[1:])
    path = tmp_path / "split.csv"
    path.write_text("# a comment\narticle,split\nabc#frag,train\ndef,dev\n", encoding="utf-8")
    with pytest.raises(ValueError, match="dev"):
        read_split(path)
    path.write_text("# a comment\narticle,split\nabc#frag,train\n", encoding="utf-8")
    assert read_split(path)["article"].tolist() == ["abc#frag"]  # '#' inside a value is kept


def test_committed_split_file():
    sp = read_split()
    assert split_path().is_file() and split_path().read_text(encoding="utf-8").startswith("# BABE SG2")
    counts = sp["split"].value_counts()
    assert counts["train"] > counts["test"] > 500


# ----------------------------------------------------------------------------- datasets

@pytest.mark.parametrize("cell, expected", [
    ("['bizarre', 'characteristically']", ["bizarre", "characteristically"]),
    ("[]", []),
    ('["it\'s", "mob"]', ["it's", "mob"]),
    ("['broken", []),  # unreadable list: nothing rather than a crash
    ("radical, mob", ["radical", "mob"]),
    ("", []),
    (None, []),
    (float("nan"), []),
    (["a", " "], ["a"]),
])
def test_parse_word_list(cell, expected):
    assert parse_word_list(cell) == expected


BABE_CSV = (
    "\ufefftext;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
    "\"A \"\"bizarre\"\" plan.\";http://a;Fox News;environment;right;Biased;Entirely factual;['bizarre']\n"
    "Calm words.;;Reuters;abortion;center;Non-biased;Entirely factual;[]\n"
)


def test_read_babe_on_a_small_file(tmp_path):
    p = tmp_path / "sg2.csv"
    p.write_text(BABE_CSV, encoding="utf-8")
    df = read_babe(p)
    assert df.index.name == "doc_id" and df.index.is_unique
    assert list(df.columns) == list(framing.datasets.BABE_COLUMNS)
    assert df["text"].tolist() == ['A "bizarre" plan.', "Calm words."]
    assert df["biased_words"].tolist() == [["bizarre"], []]
    assert df["news_link"].tolist() == ["http://a", None]
    assert read_babe(p).index.tolist() == df.index.tolist()  # stable ids
    s = score_tokens(df, LEX, ["loaded"], n_boot=0)
    assert (s["precision"], s["recall"]) == (1.0, 1.0)


def test_read_babe_missing_file_says_where_to_get_it(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError) as err:
        read_babe(missing)
    msg = str(err.value)
    assert str(missing) in msg and "Media-Bias-Group" in msg and "final_labels_SG2" in msg


def test_read_babe_rejects_other_tables(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a BABE"):
        read_babe(p)


def test_reference_lexicon_readers_on_small_files(tmp_path):
    tff = tmp_path / "clues.tff"
    tff.write_text(
        "type=strongsubj len=1 word1=abuse pos1=verb stemmed1=y priorpolarity=negative\n"
        "type=strongsubj len=1 word1=abuse pos1=noun stemmed1=n priorpolarity=negative\n"
        "type=weaksubj len=1 word1=abandon pos1=verb stemmed1=y priorpolarity=negative\n"
        "type=strongsubj len=1 word1=adore pos1=verb stemmed1=y priorpolarity=positive\n"
        "type=strongsubj len=1 word1=abuse pos1=verb stemmed1=y priorpolarity=negative\n", encoding="utf-8")
    mpqa = read_reference_lexicon("mpqa_strongneg", tff)
    assert [e.pattern for e in mpqa] == ["abuse*", "abuse"]
    assert mpqa.category_counts() == {"strongsubj_negative": 2}
    mbic = tmp_path / "mbic.csv"
    mbic.write_text("word\nAbuse\nabuse\nmob\n", encoding="utf-8")
    assert [e.pattern for e in read_reference_lexicon("mbic", mbic)] == ["abuse", "mob"]
    rec = tmp_path / "bias.txt"
    rec.write_text("abortion\nanti-semitism\n\n", encoding="utf-8")
    lex = read_reference_lexicon("recasens", rec)
    assert lex.name == "recasens" and [e.words for e in lex] == [("abortion",), ("anti", "semitism")]
    with pytest.raises(KeyError, match="known"):
        read_reference_lexicon("liwc")
    with pytest.raises(FileNotFoundError, match="never shipped"):
        read_reference_lexicon("mbic", tmp_path / "absent.csv")


def test_doctests():
    for mod in (framing.validate, framing.datasets):
        assert doctest.testmod(mod, optionflags=doctest.ELLIPSIS).failed == 0, mod.__name__


# ----------------------------------------------------------------------------- real corpora

def _need_babe():
    if not babe_path().is_file():
        pytest.skip(f"BABE SG2 not found at {babe_path()} (the shared research corpora; "
                    "see framing.datasets for the download)")
    return read_babe()


@pytest.mark.shared
def test_real_babe_shape():
    babe = _need_babe()
    assert len(babe) == 3674 and babe.index.is_unique
    assert babe["biased_words"].map(len).sum() == 3902
    assert (babe["label_bias"] == "Biased").sum() == 1810


@pytest.mark.shared
def test_committed_split_covers_babe_and_is_reproducible():
    babe = _need_babe()
    committed = read_split()
    keys = article_keys(babe)
    assert set(keys) == set(committed["article"])  # every article once, nothing else
    part = keys.map(dict(zip(committed["article"], committed["split"])))
    assert 0.28 < (part == "test").mean() < 0.32
    pd.testing.assert_frame_equal(make_split(babe).reset_index(drop=True), committed)


@pytest.mark.shared
@pytest.mark.parametrize("name, size, f1", [
    # F1 on all SG2 sentences with this module's definitions (reports/validation.md)
    ("mpqa_strongneg", 3206, 0.249),
    ("mbic", 2122, 0.141),
    ("recasens", 654, 0.063),
])
def test_reference_lexicons_on_real_babe(name, size, f1):
    babe = _need_babe()
    lex = read_reference_lexicon(name)
    assert len(lex) == size
    assert score_tokens(babe, lex, n_boot=0)["f1"] == pytest.approx(f1, abs=0.002)


@pytest.mark.shared
def test_builtin_lexicons_beat_the_references_on_test():
    babe = _need_babe()
    test = apply_split(babe, "test")
    ours = score_tokens(test, ["loaded", "label"], ["loaded", "label"], n_boot=0)
    best = max(score_tokens(test, read_reference_lexicon(n), n_boot=0)["f1"]
               for n in ("mpqa_strongneg", "mbic", "recasens"))
    assert ours["f1"] > 1.3 * best
    assert ours["precision"] > 0.45


def test_config_paths_are_used():
    assert babe_path().parent == config.shared_data_dir() / "babe_mbic"
    assert split_path().parent == config.data_dir() / "splits"
