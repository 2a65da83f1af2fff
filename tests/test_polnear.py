"""PolNeAR reader (framing.datasets.read_polnear) and attribution scorer (framing.validate.score_attributions).

Tables of inputs and expected outputs, negative cases included. Tests marked ``shared`` read
the real corpus in ``../shared/data/polnear`` and skip, saying why, when it is absent.
"""

from __future__ import annotations

import json
import math
import warnings
from collections import Counter

import pandas as pd
import pytest

from framing.datasets import POLNEAR_ATTRIBUTION_COLUMNS, polnear_dir, read_polnear
from framing.load import FramingLoadWarning
from framing.schema import ARTICLE_COLUMNS, QUOTE_COLUMNS, validate_articles
from framing.validate import score_attributions

# --------------------------------------------------------------------------- score_attributions

#            0         1         2         3         4         5         6
#            0123456789012345678901234567890123456789012345678901234567890123456
TEXT_A = '"We will win," Smith said on Friday. Jones denied it, officials say.'


def gold_frame(rows: list[tuple]) -> pd.DataFrame:
    """(doc, id, cue fragments, source fragments, content fragments) -> a gold table."""
    out = []
    for doc, aid, cue, src, con in rows:
        out.append({"doc_id": doc, "attribution_id": aid, "annotator": "x",
                    "cue_fragments": cue, "source_fragments": src, "content_fragments": con})
    return pd.DataFrame(out)


def pred_frame(rows: list[tuple]) -> pd.DataFrame:
    """(doc, cue (s, e), speaker (s, e) or None, content (s, e) or None[, kind]) -> a QUOTE_COLUMNS table."""
    out = []
    for r in rows:
        doc, cue, spk, con = r[:4]
        kind = r[4] if len(r) > 4 else "direct"
        rec = {c: None for c in QUOTE_COLUMNS}
        rec.update({"doc_id": doc, "kind": kind, "cue_start": cue[0], "cue_end": cue[1],
                    "speaker_start": spk[0] if spk else -1, "speaker_end": spk[1] if spk else -1,
                    "content_start": con[0] if con else None, "content_end": con[1] if con else None})
        out.append(rec)
    return pd.DataFrame(out, columns=list(QUOTE_COLUMNS))


# gold of TEXT_A: "said" (Smith, "We will win,"), "denied" (Jones, it), "say" (officials, no content...)
GOLD_A = gold_frame([
    ("a", "E1", [(21, 25)], [(15, 20)], [(0, 14)]),
    ("a", "E2", [(43, 49)], [(37, 42)], [(50, 52)]),
    ("a", "E3", [(64, 67)], [(54, 63)], [(37, 52)]),
])

CASES = [
    # name, pred rows, expected (recall, precision, speaker accuracy, content F1)
    ("perfect", [("a", (21, 25), (15, 20), (0, 14)), ("a", (43, 49), (37, 42), (50, 52)),
                 ("a", (64, 67), (54, 63), (37, 52))], (1.0, 1.0, 1.0, 1.0)),
    # one cue found with the right speaker, one spurious cue ("Friday")
    ("one hit one spurious", [("a", (21, 25), (15, 20), (0, 14)), ("a", (29, 35), None, None)],
     (1 / 3, 0.5, 1.0, 1.0)),
    # partial overlap is enough: "id" of "said"; the speaker span overlaps "Smith" by one char
    ("partial overlap", [("a", (23, 25), (19, 22), None)], (1 / 3, 1.0, 1.0, 0.0)),
    # negative: the speaker is the wrong person
    ("wrong speaker", [("a", (21, 25), (37, 42), (0, 14))], (1 / 3, 1.0, 0.0, 1.0)),
    # negative: a missing speaker (-1) is wrong, not skipped
    ("missing speaker", [("a", (43, 49), None, (50, 52))], (1 / 3, 1.0, 0.0, 1.0)),
    # content half right: pred 0-7 against gold 0-14 -> F1 = 2*7/(7+14)
    ("half content", [("a", (21, 25), (15, 20), (0, 7))], (1 / 3, 1.0, 1.0, 2 * 7 / 21)),
    # negative: empty pred -> recall 0, precision undefined
    ("empty pred", [], (0.0, math.nan, math.nan, math.nan)),
    # two rows with the same cue count once for precision
    ("duplicate cue rows", [("a", (21, 25), (15, 20), (0, 14)), ("a", (21, 25), (15, 20), (0, 14))],
     (1 / 3, 1.0, 1.0, 1.0)),
    # one predicted cue spanning two gold cues finds both (not one-to-one)
    ("wide cue", [("a", (21, 49), (15, 20), None)], (2 / 3, 1.0, 0.5, 0.0)),
]


def close(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-9


@pytest.mark.parametrize("name, rows, expected", CASES, ids=[c[0] for c in CASES])
def test_score_attributions_table(name, rows, expected):
    s = score_attributions(pred_frame(rows), GOLD_A)
    got = (s.cue_recall, s.cue_precision, s.speaker_accuracy, s.content_f1)
    assert all(close(g, e) for g, e in zip(got, expected)), (name, got, expected)
    assert s.counts["n_gold"] == 3
    if not math.isnan(s.cue_recall) and not math.isnan(s.cue_precision) and s.cue_recall + s.cue_precision:
        assert close(s.cue_f1, 2 * s.cue_recall * s.cue_precision / (s.cue_recall + s.cue_precision))


def test_discontinuous_fragments():
    # gold cue in two fragments ("has ... claimed"), content in two fragments around the cue
    text = '"It is over," Lee has, once again, claimed, "and we won."'
    gold = gold_frame([("d", "E1", [(18, 21), (35, 42)], [(14, 17)], [(0, 13), (44, 57)])])
    assert text[18:21] == "has" and text[35:42] == "claimed"
    # a cue on the second fragment only is found; one on the gap between fragments is not
    hit = score_attributions(pred_frame([("d", (35, 42), (14, 17), (44, 57))]), gold)
    miss = score_attributions(pred_frame([("d", (23, 33), (14, 17), (44, 57))]), gold)
    assert (hit.cue_recall, hit.cue_precision) == (1.0, 1.0)
    assert (miss.cue_recall, miss.cue_precision) == (0.0, 0.0)
    # content: predicted second fragment only -> 13 of 26 gold characters, F1 = 2*13/(13+26)
    assert close(hit.content_f1, 2 * 13 / 39)
    # gold given as start/end only is one fragment covering the gap: now 23-33 overlaps
    flat = pd.DataFrame({"doc_id": ["d"], "cue_start": [18], "cue_end": [42]})
    assert score_attributions(pred_frame([("d", (23, 33), None, None)]), flat).cue_recall == 1.0


def test_matching_picks_greatest_overlap():
    # two predicted rows touch gold "denied" (43-49): the one sharing more characters decides the speaker
    pred = pred_frame([("a", (40, 44), (54, 63), None), ("a", (43, 49), (37, 42), None)])
    s = score_attributions(pred, GOLD_A)
    row = s.gold.set_index("attribution_id").loc["E2"]
    assert row["pred_row"] == 1 and row["pred_cue_start"] == 43
    assert bool(row["speaker_correct"]) is True
    assert s.counts["n_found"] == 1 and s.counts["n_pred"] == 2 and s.counts["n_pred_correct"] == 2


def test_gold_without_source_is_excluded_and_counted():
    gold = gold_frame([("a", "E1", [(21, 25)], [], [(0, 14)]), ("a", "E2", [(43, 49)], [(37, 42)], [])])
    s = score_attributions(pred_frame([("a", (21, 25), (15, 20), (0, 14)), ("a", (43, 49), None, None)]), gold)
    assert s.counts["n_found_no_source"] == 1
    assert s.counts["n_speaker_scored"] == 1 and s.speaker_accuracy == 0.0
    assert s.counts["n_content_scored"] == 1 and s.content_f1 == 1.0
    assert s.gold["speaker_correct"].isna().tolist() == [True, False]


def test_unknown_doc_is_left_out_with_a_warning():
    pred = pred_frame([("a", (21, 25), (15, 20), None), ("zzz", (0, 4), None, None)])
    with pytest.warns(UserWarning, match="not in the gold standard"):
        s = score_attributions(pred, GOLD_A)
    assert s.counts["n_pred_unknown_doc"] == 1 and s.counts["n_pred"] == 1 and s.cue_precision == 1.0


def test_articles_without_gold_count_as_false_positives():
    arts = pd.DataFrame({"text": [TEXT_A, "Nobody said anything."]},
                        index=pd.Index(["a", "b"], name="doc_id"))
    pred = pred_frame([("a", (21, 25), (15, 20), None), ("b", (7, 11), None, None)])
    s = score_attributions(pred, GOLD_A, articles=arts)
    assert s.cue_precision == 0.5 and s.counts["n_docs"] == 2
    assert s.by_doc.loc["b", ["n_gold", "n_pred", "n_pred_correct"]].tolist() == [0, 1, 0]
    with pytest.warns(UserWarning):  # without articles, "b" is unknown
        assert score_attributions(pred, GOLD_A).cue_precision == 1.0


def test_rows_without_cue_and_breakdowns():
    pred = pred_frame([("a", (21, 25), (15, 20), (0, 14), "direct"), ("a", (29, 35), None, None, "indirect")])
    pred.loc[len(pred)] = {**{c: None for c in QUOTE_COLUMNS}, "doc_id": "a", "kind": "direct",
                           "cue_start": -1, "cue_end": -1}
    s = score_attributions(pred, GOLD_A)
    assert s.counts["n_pred_no_cue"] == 1 and s.counts["n_pred_rows"] == 3 and s.counts["n_pred"] == 2
    assert s.by_kind.loc["direct", ["n_pred", "n_pred_correct", "n_found"]].tolist() == [1, 1, 1]
    assert s.by_kind.loc["indirect", ["n_pred", "n_pred_correct", "n_found"]].tolist() == [1, 0, 0]
    assert s.by_doc.loc["a", "cue_recall"] == pytest.approx(1 / 3)
    assert list(s.gold["found"]) == [True, False, False]


def test_nested_cue_in_gold_content_is_flagged():
    # "denied" is wrong here because the gold content E3 (37-52) contains it
    gold = gold_frame([("a", "E3", [(64, 67)], [(54, 63)], [(37, 52)])])
    s = score_attributions(pred_frame([("a", (43, 49), None, None)]), gold)
    assert s.pred["in_gold_content"].tolist() == [True] and s.counts["n_pred_in_gold_content"] == 1


@pytest.mark.parametrize("pred, gold, error", [
    (pd.DataFrame({"doc_id": ["a"]}), GOLD_A, "cue_start"),
    (pred_frame([]), pd.DataFrame({"doc_id": ["a"]}), "cue_fragments"),
    ("not a frame", GOLD_A, "DataFrame"),
    (pred_frame([]), pd.concat([GOLD_A, GOLD_A.assign(annotator="y")]), "several annotators"),
])
def test_score_attributions_rejects(pred, gold, error):
    with pytest.raises((ValueError, TypeError), match=error):
        score_attributions(pred, gold)


# --------------------------------------------------------------------------- read_polnear on a fixture

FIX_ARTICLES = [
    {"compartment": "train", "filename": "nyt_1", "publisher": "nyt", "publication_date": "2016-01-02",
     "title": "T1", "annotators": "aaaa", "author": "A", "text": "Smith said it rained."},
    {"compartment": "dev", "filename": "wp_1", "publisher": "wash-post", "publication_date": "2016-03-04",
     "title": "T2", "annotators": "bbbb|aaaa", "author": "B", "text": '"No," Jones said, "never."'},
    {"compartment": "test", "filename": "held_1", "publisher": "nyt", "publication_date": "2016-05-06",
     "title": "T3", "annotators": "aaaa", "author": "C", "text": "Lee said no."},
]


def frag(text: str, s: int, e: int) -> dict:
    return {"start": s, "end": e, "text": text[s:e]}


def write_fixture(tmp_path, extra_att_lines=()):
    t1, t2 = FIX_ARTICLES[0]["text"], FIX_ARTICLES[1]["text"]
    atts = [
        {"compartment": "train", "filename": "nyt_1", "annotator": "aaaa", "attribution_id": "E1",
         "source": [frag(t1, 0, 5)], "cue": [frag(t1, 6, 10)], "content": [frag(t1, 11, 20)]},
        # dev, two annotators; content in two fragments, no source for bbbb
        {"compartment": "dev", "filename": "wp_1", "annotator": "bbbb", "attribution_id": "E1",
         "source": [], "cue": [frag(t2, 12, 16)], "content": [frag(t2, 0, 5), frag(t2, 18, 26)]},
        {"compartment": "dev", "filename": "wp_1", "annotator": "aaaa", "attribution_id": "E1",
         "source": [frag(t2, 6, 11)], "cue": [frag(t2, 12, 16)], "content": [frag(t2, 18, 26), frag(t2, 0, 5)]},
        {"compartment": "test", "filename": "held_1", "annotator": "aaaa", "attribution_id": "E1",
         "source": [], "cue": [frag("Lee said no.", 4, 8)], "content": []},
    ]
    lines = [json.dumps(a) for a in atts] + list(extra_att_lines)
    (tmp_path / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in FIX_ARTICLES) + "\n")
    (tmp_path / "attributions.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


def test_read_polnear_fixture(tmp_path):
    root = write_fixture(tmp_path)
    pn = read_polnear(root)
    arts, att = pn.articles, pn.attributions
    validate_articles(arts)
    assert list(arts.columns[:len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert sorted(arts.index) == ["nyt_1", "wp_1"]  # test held out by default
    assert arts.loc["wp_1", "outlet"] == "wash-post" and str(arts.loc["wp_1", "date"].date()) == "2016-03-04"
    assert arts.loc["wp_1", "annotator"] == "aaaa" and arts.loc["wp_1", "annotators"] == ["bbbb", "aaaa"]
    assert list(att.columns) == list(POLNEAR_ATTRIBUTION_COLUMNS)
    assert len(att) == 2 and set(att["annotator"]) == {"aaaa"}
    row = att.set_index("doc_id").loc["wp_1"]
    assert row["content_fragments"] == [(0, 5), (18, 26)]  # sorted
    assert (row["content_start"], row["content_end"]) == (0, 26)
    assert row["content_text"] == '"No," ... "never."'
    assert row["source_text"] == "Jones" and row["cue_text"] == "said"
    assert pn.report.skipped == 0
    # every offset indexes into the verbatim text
    for _, r in att.iterrows():
        for s, e in r["cue_fragments"]:
            assert arts.loc[r["doc_id"], "text"][s:e] in r["cue_text"]


def test_read_polnear_all_annotators_and_compartments(tmp_path):
    root = write_fixture(tmp_path)
    pn = read_polnear(root, compartments=("dev",), all_annotators=True)
    assert list(pn.articles.index) == ["wp_1"] and sorted(pn.attributions["annotator"]) == ["aaaa", "bbbb"]
    missing_source = pn.attributions.set_index("annotator").loc["bbbb"]
    assert missing_source["source_fragments"] == [] and pd.isna(missing_source["source_start"])
    assert missing_source["source_text"] is None
    held = read_polnear(root, compartments=("test",))
    assert list(held.articles.index) == ["held_1"] and len(held.attributions) == 1
    with pytest.raises(ValueError, match="unknown PolNeAR compartment"):
        read_polnear(root, compartments=("validation",))


@pytest.mark.parametrize("bad_line, reason", [
    ("{not json", "invalid JSON"),
    ('["a list"]', "not a JSON object"),
    (json.dumps({"compartment": "train", "filename": "nyt_1"}), "no annotator, attribution_id, cue"),
    (json.dumps({"compartment": "train", "filename": "ghost", "annotator": "aaaa", "attribution_id": "E9",
                 "source": [], "cue": [{"start": 0, "end": 3, "text": "abc"}], "content": []}), "unknown article"),
    (json.dumps({"compartment": "train", "filename": "nyt_1", "annotator": "aaaa", "attribution_id": "E9",
                 "source": [], "cue": [], "content": []}), "has no cue"),
    (json.dumps({"compartment": "train", "filename": "nyt_1", "annotator": "aaaa", "attribution_id": "E9",
                 "source": [], "cue": [{"start": 6, "end": 99}], "content": []}), "outside the article"),
    (json.dumps({"compartment": "train", "filename": "nyt_1", "annotator": "aaaa", "attribution_id": "E9",
                 "source": [], "cue": [{"start": 6, "end": 10, "text": "sade"}], "content": []}),
     "says 'sade' but the article has 'said'"),
])
def test_read_polnear_reports_malformed_lines(tmp_path, bad_line, reason):
    root = write_fixture(tmp_path, [bad_line])
    with pytest.warns(FramingLoadWarning, match="attributions.jsonl:line 5"):
        pn = read_polnear(root)
    assert pn.report.skipped == 1 and len(pn.attributions) == 2
    [problem] = pn.report.problems
    assert problem.where == "line 5" and problem.path.endswith("attributions.jsonl") and reason in problem.reason
    assert pn.attributions.attrs["load_report"]["skipped"] == 1


def test_read_polnear_missing_data(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"(?s)articles\.jsonl.*networkdynamics/PolNeAR.*FRAMING_SHARED"):
        read_polnear(tmp_path / "nowhere")
    write_fixture(tmp_path)
    (tmp_path / "articles.jsonl").write_text(json.dumps(FIX_ARTICLES[0]) + "\n")
    with pytest.raises(ValueError, match="held out"):
        read_polnear(tmp_path, compartments=("test",))


def test_fixture_scores_end_to_end(tmp_path):
    pn = read_polnear(write_fixture(tmp_path))
    pred = pred_frame([("nyt_1", (6, 10), (0, 5), (11, 20)), ("wp_1", (12, 16), (6, 11), (0, 5))])
    s = score_attributions(pred, pn.attributions, articles=pn.articles)
    assert (s.cue_recall, s.cue_precision, s.speaker_accuracy) == (1.0, 1.0, 1.0)
    assert s.content_f1 == pytest.approx((1.0 + 2 * 5 / (5 + 13)) / 2)


# --------------------------------------------------------------------------- the real corpus

def _real():
    if not (polnear_dir() / "articles.jsonl").is_file():
        pytest.skip(f"PolNeAR not found at {polnear_dir()} (the shared research corpora; "
                    "set FRAMING_SHARED or see framing.datasets.read_polnear)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingLoadWarning)
        return read_polnear(compartments=("train", "dev", "annotator-training"), all_annotators=True)


@pytest.mark.shared
def test_real_polnear_counts():
    pn = _real()
    arts, att = pn.articles, pn.attributions
    assert arts["compartment"].value_counts().to_dict() == {"train": 840, "dev": 84, "annotator-training": 4}
    assert att["compartment"].value_counts().to_dict() == {"train": 22501 - 35, "dev": 2320 - 1,
                                                          "annotator-training": 322}
    assert pn.report.skipped == 36 and all("has no cue" in p.reason for p in pn.report.problems)
    assert Counter(zip(arts["compartment"], arts["annotators"].map(len))) == {
        ("annotator-training", 6): 4, ("dev", 1): 82, ("dev", 6): 2, ("train", 1): 824, ("train", 6): 15,
        ("train", 5): 1}
    # offsets index into the verbatim texts
    texts = arts["text"]
    sample = att.sample(500, random_state=0)
    for d, frags, txt in zip(sample["doc_id"], sample["content_fragments"], sample["content_text"]):
        assert " ... ".join(texts[d][s:e] for s, e in frags) == txt


@pytest.mark.shared
def test_real_polnear_default_is_train_dev_one_annotator():
    if not (polnear_dir() / "articles.jsonl").is_file():
        pytest.skip(f"PolNeAR not found at {polnear_dir()}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingLoadWarning)
        pn = read_polnear()
    assert set(pn.articles["compartment"]) == {"train", "dev"} and len(pn.articles) == 924
    per_doc = pn.attributions.groupby("doc_id")["annotator"].nunique()
    assert per_doc.max() == 1
    assert (pn.attributions["annotator"] == pn.articles.loc[pn.attributions["doc_id"], "annotator"].to_numpy()).all()
    # a perfect prediction scores 1 everywhere
    a = pn.attributions[pn.attributions["compartment"] == "dev"]
    pred = pd.DataFrame({"doc_id": a["doc_id"], "cue_start": a["cue_start"], "cue_end": a["cue_end"],
                         "speaker_start": a["source_start"].fillna(-1), "speaker_end": a["source_end"].fillna(-1),
                         "content_start": a["content_start"], "content_end": a["content_end"]})
    dev = pn.articles[pn.articles["compartment"] == "dev"]
    s = score_attributions(pred, a, articles=dev)
    assert (s.cue_recall, s.cue_precision, s.speaker_accuracy) == (1.0, 1.0, 1.0)
    assert s.counts["n_gold"] == 2192
