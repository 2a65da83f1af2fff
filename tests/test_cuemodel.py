"""The trained cue tagger: decoding, labels, features, save/load, training on a tiny corpus.

Tables of inputs and expected outputs, negative cases included. The test marked ``shared``
trains on a sample of the real PolNeAR train split and skips, saying why, when it is absent.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from framing import cuemodel
from framing.cuemodel import (
    CueModel, decode_spans, default_model_path, drop_function_spans, token_features, token_labels,
    train_cue_model,
)
from framing.tokenize import tokenize

# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("text, positive, expected", [
    # one token
    ("She said no.", [0, 1, 0], [(4, 8)]),
    # two tokens separated by a space: one span
    ("He voted down the bill.", [0, 1, 1, 0, 0], [(3, 13)]),
    # three tokens: "is not sure"
    ("He is not sure it works.", [0, 1, 1, 1, 0, 0], [(3, 14)]),
    # punctuation between positive tokens splits the span
    ("She said, added: no", [0, 1, 1, 0], [(4, 8), (10, 15)]),
    # a line break splits the span
    ("said\nadded", [1, 1], [(0, 4), (5, 10)]),
    # a hyphen is not a space: two spans
    ("self-declared", [1, 1], [(0, 4), (5, 13)]),
    # nothing positive, and an empty text
    ("She said no.", [0, 0, 0], []),
    ("", [], []),
    # positive at both ends
    ("said it, said", [1, 0, 1], [(0, 4), (9, 13)]),
])
def test_decode_spans(text, positive, expected):
    t = tokenize(text)
    assert len(t.starts) == len(positive)
    got = decode_spans(text, t.starts, t.ends, positive)
    assert [(s, e) for s, e, _ in got] == expected
    assert all(sc == 1.0 for _, _, sc in got)


def test_decode_spans_scores_are_token_means():
    text = "He voted down it"
    t = tokenize(text)
    got = decode_spans(text, t.starts, t.ends, [0, 1, 1, 0], [0.1, 0.6, 0.8, 0.2])
    assert [(s, e) for s, e, _ in got] == [(3, 13)]
    assert got[0][2] == pytest.approx(0.7)


@pytest.mark.parametrize("fragments, expected", [
    ([(4, 8)], [0, 1, 0]),           # exactly a token
    ([(5, 6)], [0, 1, 0]),           # inside a token
    ([(3, 4)], [0, 0, 0]),           # only the space between tokens
    ([(0, 12)], [1, 1, 1]),          # the whole text
    ([(7, 10)], [0, 1, 1]),          # across two tokens
    ([], [0, 0, 0]),
    ([(6, 6)], [0, 0, 0]),           # empty fragment
])
def test_token_labels(fragments, expected):
    t = tokenize("She said no.")
    assert token_labels(t.starts, t.ends, fragments).tolist() == expected


@pytest.mark.parametrize("spans, kept", [
    ([(3, 6)], []),                  # "has" alone: dropped
    ([(3, 11)], [(3, 11)]),          # "has said": kept
    ([(7, 11)], [(7, 11)]),          # "said": kept
    ([(12, 14)], []),                # "to" alone: dropped
])
def test_drop_function_spans(spans, kept):
    arts = pd.DataFrame({"text": ["He has said to me."]}, index=["a"])
    sp = pd.DataFrame({"doc_id": ["a"] * len(spans), "start": [s for s, _ in spans],
                       "end": [e for _, e in spans]})
    got = drop_function_spans(sp, arts)
    assert list(zip(got["start"], got["end"])) == kept


# --------------------------------------------------------------------------- features

def test_features_of_a_small_sentence():
    text = 'Smith said that "we won," he added.'
    s, e, f = token_features(text)
    words = [text[a:b] for a, b in zip(s, e)]
    assert words == ["Smith", "said", "that", "we", "won", "he", "added"]
    said, we, added = f[1], f[3], f[6]
    for feat in ["w=said", "stem=said", "suf2=id", "sh=x", "w-1=smith", "sh-1=Xx", "w+1=that",
                 "w-1w=smith|said", "ww+1=said|that", "lex=neutral", "lexbio=B", "lexprev=0|hit",
                 "that+", "prevcap", "pos=1", "g-=_", "g+=_", "qcolon+"]:
        assert feat in said, feat
    assert "inq" not in said and "prevpron" not in said
    assert "inq" in we and "g-=Q" in we
    assert "w-1=<s>" in f[0] and "pos=0" in f[0]
    assert "prevpron" in added and "qbefore" in added and "lexprev=1|hit" in added
    assert "w+1=</s>" in added and "g+=." in added and "thatprev|hit" in added


def test_features_of_an_empty_text():
    s, e, f = token_features("")
    assert len(s) == 0 and f == []


# --------------------------------------------------------------------------- the model

def _model():
    return CueModel(features=["w=said", "w=told", "stem=negotiat", "lex=O"],
                    weights=[4.0, 3.0, 3.5, -1.0], bias=-1.0, threshold=0.5,
                    params={"C": 1.0}, info={"split": "train"})


def test_predict_columns_and_offsets():
    arts = pd.DataFrame({"text": ["She said no.", "They negotiated a deal.", ""]}, index=["a", "b", "c"])
    out = _model().predict(arts)
    assert list(out.columns) == ["doc_id", "start", "end", "score"]
    assert out[["doc_id", "start", "end"]].values.tolist() == [["a", 4, 8], ["b", 5, 15]]
    assert (out["score"] > 0.5).all()
    # a higher threshold drops the weaker span
    strict = _model().predict(arts, threshold=0.93)
    assert strict[["doc_id", "start"]].values.tolist() == [["a", 4]]


def test_save_load_round_trip_gives_identical_predictions(tmp_path):
    m = _model()
    path = m.save(tmp_path / "sub" / "m.json")
    data = json.loads(path.read_text())
    assert data["format"] == "framing-cue-model" and data["weights"]["w=said"] == 4.0
    m2 = CueModel.load(path)
    arts = pd.DataFrame({"text": ["She said no, he told me.", "Talks were negotiated."]}, index=["a", "b"])
    pd.testing.assert_frame_equal(m.predict(arts), m2.predict(arts))
    assert (m2.threshold, m2.params, m2.info) == (m.threshold, m.params, m.info)


@pytest.mark.parametrize("content, message", [
    ({"format": "other"}, "not a framing cue model"),
    ({"format": "framing-cue-model", "feature_version": -1, "weights": {}, "bias": 0, "threshold": 0.5},
     "feature version"),
])
def test_load_refuses_other_files(tmp_path, content, message):
    p = tmp_path / "m.json"
    p.write_text(json.dumps(content))
    with pytest.raises(ValueError, match=message):
        CueModel.load(p)


def test_load_missing_file_says_how_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_cue_model.py"):
        CueModel.load(tmp_path / "none.json")


def test_weights_must_match_features():
    with pytest.raises(ValueError, match="2 features but 1 weights"):
        CueModel(["a", "b"], [1.0], 0.0)


def test_default_model_path(monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    assert default_model_path() == tmp_path / "cue_model.json"
    monkeypatch.delenv("FRAMING_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_model_path() == tmp_path / "xdg" / "framing" / "cue_model.json"


# --------------------------------------------------------------------------- training

TINY = [
    ("Smith said the plan failed.", ["said"]),
    ("The senator claimed victory on Monday.", ["claimed"]),
    ("Officials told reporters that talks stalled.", ["told"]),
    ("The dog ran across the field.", []),
    ("Jones said he would run again.", ["said"]),
    ("Prices rose in the spring.", []),
    ("The mayor stated that taxes fall.", ["stated"]),
    ("A car stopped near the bridge.", []),
    ("Brown said nothing else mattered.", ["said"]),
    ("Rain fell all day long.", []),
]


def _tiny_corpus():
    ids, texts, rows = [], [], []
    for k, (text, cues) in enumerate(TINY):
        d = f"t{k}"
        ids.append(d)
        texts.append(text)
        for c in cues:
            s = text.index(c)
            rows.append({"doc_id": d, "cue_fragments": [(s, s + len(c))]})
    return pd.DataFrame({"text": texts}, index=ids), pd.DataFrame(rows)


def test_training_on_a_tiny_corpus_tags_reporting_verbs(tmp_path):
    arts, gold = _tiny_corpus()
    gold.to_json(tmp_path / "gold.jsonl", orient="records", lines=True)
    gold = pd.read_json(tmp_path / "gold.jsonl", orient="records", lines=True)
    m = train_cue_model(arts, gold, C=5.0, min_count=1, threshold=0.5)
    assert m.info["n_articles"] == 10 and m.info["n_cue_tokens"] == 6
    new = pd.DataFrame({"text": ["Green said the vote counted.", "The river ran past the town."]},
                       index=["n1", "n2"])
    out = m.predict(new)
    assert out[["doc_id", "start", "end"]].values.tolist() == [["n1", 6, 10]]
    weights = dict(zip(m.features, m.weights))
    assert weights["w=said"] > 0 and weights["w=said"] > weights["w=the"]
    assert set(m.top_features(3)["feature"]) & {"w=said", "lexbio=B", "lex=neutral", "stem=said"}
    # the model survives a save/load round trip
    m2 = CueModel.load(m.save(tmp_path / "m.json"))
    pd.testing.assert_frame_equal(out, m2.predict(new))


def test_training_needs_both_classes():
    arts = pd.DataFrame({"text": ["Rain fell.", "A dog ran."]}, index=["a", "b"])
    gold = pd.DataFrame({"doc_id": [], "cue_start": [], "cue_end": []})
    with pytest.raises(ValueError, match="both cue and non-cue"):
        train_cue_model(arts, gold, min_count=1)


def test_training_needs_cue_columns():
    arts = pd.DataFrame({"text": ["Smith said so."]}, index=["a"])
    with pytest.raises(ValueError, match="cue_fragments or cue_start"):
        train_cue_model(arts, pd.DataFrame({"doc_id": ["a"]}), min_count=1)


# --------------------------------------------------------------------------- real data

@pytest.mark.shared
def test_real_polnear_small_model_beats_lexicon_recall_on_dev():
    from framing.datasets import polnear_dir, read_polnear
    from framing.load import FramingLoadWarning
    from framing.spans import LexiconSet, find_spans
    from framing.validate import score_attributions

    if not (polnear_dir() / "articles.jsonl").is_file():
        pytest.skip(f"PolNeAR not found at {polnear_dir()} (the shared research corpora; "
                    "set FRAMING_SHARED or see framing.datasets.read_polnear)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingLoadWarning)
        pn = read_polnear(compartments=("train", "dev"))
    arts, att = pn.articles, pn.attributions
    train = arts[arts["compartment"] == "train"]
    train = train.sort_values("text", key=lambda s: s.str.len()).iloc[::10].head(40)  # short to long
    m = train_cue_model(train, att[att["doc_id"].isin(train.index)], C=0.5, min_count=1, threshold=0.3)
    dev_arts = arts[arts["compartment"] == "dev"].iloc[:20]
    dev_gold = att[att["doc_id"].isin(dev_arts.index)]
    spans = m.predict(dev_arts).rename(columns={"start": "cue_start", "end": "cue_end"})
    tagger = score_attributions(spans, dev_gold, articles=dev_arts)
    lex = find_spans(dev_arts[["text"]], LexiconSet(["attribution"]), progress=False)
    lex = lex[lex["category"] == "attribution"].rename(columns={"start": "cue_start", "end": "cue_end"})
    base = score_attributions(lex, dev_gold, articles=dev_arts)
    assert tagger.cue_recall > base.cue_recall, (tagger.cue_recall, base.cue_recall)
    assert tagger.cue_precision > 0.5


def test_matrix_scores_equal_predict_scores():
    """The sparse matrix of featurize_corpus (used for training and cross-validation) and
    CueModel.token_scores (used by predict) give the same probabilities."""
    arts, gold = _tiny_corpus()
    m = train_cue_model(arts, gold, C=5.0, min_count=1)
    X, names, y, doc = cuemodel.featurize_corpus(arts, gold)
    w = dict(zip(m.features, m.weights))
    z = X @ np.array([w.get(n, 0.0) for n in names]) + m.bias
    first = doc == 0
    _, _, p = m.token_scores(arts["text"].iloc[0])
    assert np.allclose(1 / (1 + np.exp(-z[first])), p)


# --------------------------------------------------------------------------- per-variant thresholds

def test_thresholds_map_round_trips_and_old_files_still_load(tmp_path):
    m = CueModel(features=["w=said"], weights=[2.0], bias=-1.0, threshold=0.25,
                 thresholds={"rules": 0.25, "rules_nested_false": 0.2}, info={"split": "train"})
    assert m.threshold_for("rules_nested_false") == 0.2
    assert m.threshold_for("rules") == m.threshold_for() == m.threshold_for("unknown") == 0.25
    path = m.save(tmp_path / "m.json")
    data = json.loads(path.read_text())
    assert data["threshold"] == 0.25 and data["thresholds"] == {"rules": 0.25, "rules_nested_false": 0.2}
    m2 = CueModel.load(path)
    assert (m2.threshold, m2.thresholds) == (0.25, {"rules": 0.25, "rules_nested_false": 0.2})
    # a file written before ``thresholds`` existed: only ``threshold``
    del data["thresholds"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    m3 = CueModel.load(old)
    assert m3.thresholds == {} and m3.threshold == 0.25
    assert m3.threshold_for("rules_nested_false") == 0.25
    arts = pd.DataFrame({"text": ["She said no."]}, index=["a"])
    pd.testing.assert_frame_equal(m3.predict(arts), m.predict(arts))


def _train_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "train_cue_model.py"
    spec = importlib.util.spec_from_file_location("train_cue_model_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_threshold_and_system_choice_rules():
    t = _train_script()
    table = pd.DataFrame({
        "threshold": [0.1, 0.2, 0.3],
        "rules_R": [0.85, 0.80, 0.75], "rules_P": [0.60, 0.68, 0.75], "rules_F1": [0.7, 0.74, 0.75],
        "rules_nested_false_R": [0.83, 0.78, 0.72], "rules_nested_false_P": [0.69, 0.75, 0.80],
        "rules_nested_false_F1": [0.75, 0.76, 0.76]})
    assert t.choose_threshold(table, 0.68)[0] == 0.2          # default variant: rules
    assert t.choose_threshold(table, 0.68, "rules_nested_false")[0] == 0.1
    assert t.choose_threshold(table, 0.9, "rules")[0] == 0.3  # none qualifies: best F1
    system, _ = t.choose_system(table, {"rules": 0.2, "rules_nested_false": 0.1}, 0.68)
    assert system == "rules_nested_false"                     # recall 0.83 > 0.80, both P >= 0.68
    system, _ = t.choose_system(table, {"rules": 0.1, "rules_nested_false": 0.3}, 0.68)
    assert system == "rules_nested_false"                     # rules at 0.1 misses the floor
    assert t._columns(table, "rules") == ["rules_R", "rules_P", "rules_F1"]
