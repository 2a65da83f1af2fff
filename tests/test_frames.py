"""Generic news frames (issue 9): the frames lexicon, the frame profile of score()/frames(),
the dominant-frame rule, the `framing frames` command and the audit script."""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.features import FRAME_COLUMNS, FRAME_IDS, dominant_frame, frames, score

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"


def counts(**hits: int) -> list[int]:
    return [hits.get(f, 0) for f in FRAME_IDS]


# ---------------------------------------------------------------------------- the lexicon

@pytest.fixture(scope="module")
def lexicon():
    return framing.load_lexicon("frames")


def test_lexicon_has_exactly_the_14_frames_each_with_120_entries_and_notes(lexicon):
    subs = pd.Series([e.subcategory for e in lexicon.entries])
    assert set(subs) == set(FRAME_IDS) and len(FRAME_IDS) == 14
    assert {e.category for e in lexicon.entries} == {"frame"}
    assert subs.value_counts().min() >= 120
    assert all(len(e.note.strip()) >= 20 for e in lexicon.entries)
    assert lexicon.version == "0.2.0"


@pytest.mark.parametrize("word", ["charge", "charges", "court", "fair", "case", "trial", "law", "security",
                                  "safe", "party", "race", "health", "culture", "right", "just", "justice",
                                  "bias", "capital", "interest", "bill", "plan", "campaign", "money",
                                  "families", "church", "secretary of state", "state department", "legal",
                                  "racist", "equal", "republican", "funding"])
def test_ambiguous_words_are_not_entries_on_their_own(lexicon, word):
    assert word not in {e.pattern for e in lexicon.entries}


@pytest.mark.parametrize("text, frame", [
    ("He faces criminal charges.", "crime_and_punishment"),
    ("The Supreme Court heard the case.", "legality_constitutionality_and_jurisprudence"),
    ("They want a fair share.", "fairness_and_equality"),
    ("Hospitals ran short of medical supplies.", "capacity_and_resources"),
    ("The sheriff's office said so.", "crime_and_punishment"),
])
def test_ambiguous_words_count_inside_their_phrases(text, frame):
    s = framing.find_spans(text, "frames")
    assert frame in set(s["subcategory"])


@pytest.mark.parametrize("text", [
    "The basketball court was wet.",          # court alone
    "She was in charge of the fair.",          # charge, fair
    "He put money into his campaign.",         # money, campaign
    "The families of the guests wept.",        # families
    "The secretary of state flew home.",       # secretary of state
])
def test_ambiguous_senses_find_no_frame(text):
    assert framing.find_spans(text, "frames").empty


# ---------------------------------------------------------------------------- dominant frame

@pytest.mark.parametrize("hits, expected", [
    ({}, "none"),                                                           # no frame words
    ({"economic": 1}, "none"),                                              # one cue is not a frame
    ({"economic": 1, "political": 1}, "none"),
    ({"economic": 2}, "economic"),
    ({"economic": 3, "political": 1}, "economic"),
    ({"economic": 2, "political": 2}, "economic+political"),               # a tie, listed in FRAME_IDS order
    ({"political": 2, "economic": 2, "morality": 2}, "economic+morality+political"),
    ({"economic": 2, "political": 1, "morality": 1}, "economic"),
    ({"economic": 10, "political": 9}, "economic+political"),              # lead 1 < 10% of 19 hits: no clear leader
    ({"economic": 12, "political": 9}, "economic"),                        # lead 3 >= 10% of 21 hits
    ({"economic": 10, "political": 9, "morality": 1}, "economic+political"),
    ({"economic": 3, "political": 2, "health_and_safety": 3}, "economic+health_and_safety"),
])
def test_dominant_frame_rule(hits, expected):
    assert dominant_frame(counts(**hits)) == expected


def test_dominant_frame_options_and_bad_input():
    assert dominant_frame(counts(economic=1), min_hits=1) == "economic"
    assert dominant_frame(counts(economic=12, political=9), margin=0.2) == "economic+political"
    with pytest.raises(ValueError, match="14 counts"):
        dominant_frame([1, 2])


# ---------------------------------------------------------------------------- the profile

ARTICLES = pd.DataFrame({
    "text": [
        "The economy lost jobs. The economy shrank. Police arrested a burglar.",   # economic 3, crime 3
        "The weather was sunny and the cat slept.",                                # no frame words
        "The economy lost jobs. Police arrested a burglar.",                       # economic 2, crime 3
        "Police arrested a burglar.",                                              # headline inside the text
        "",                                                                        # empty text
    ],
    "title": ["Voters flock to the polls", None, "Inflation bites", "Police arrested a burglar.", "Jobs"],
}, index=pd.Index(["a", "b", "c", "d", "e"], name="doc_id"))


@pytest.fixture(scope="module")
def profile():
    return frames(ARTICLES)


def test_profile_columns(profile):
    assert list(profile.columns) == ["tokens", *FRAME_COLUMNS]
    assert len(FRAME_COLUMNS) == 14 * 2 + 3
    assert profile["frame_hits_n"].dtype == np.int64
    assert profile.attrs["lexicons"]["frames"].startswith("frames@0.2.0#")


def test_rates_and_shares(profile):
    a = profile.loc["a"]
    tokens = a["tokens"]
    assert a["frame_hits_n"] == 6
    assert a["frame_economic_per_1k"] == pytest.approx(3 * 1000 / tokens)
    assert a["frame_crime_and_punishment_per_1k"] == pytest.approx(3 * 1000 / tokens)
    assert a["frame_economic_share"] == pytest.approx(0.5)
    assert sum(a[f"frame_{f}_share"] for f in FRAME_IDS) == pytest.approx(1.0)
    assert a["frame_political_per_1k"] == 0 and a["frame_political_share"] == 0


def test_rates_differ_from_shares_between_articles():
    # same share (all economic), different rates: a short and a long article
    t = frames(["The economy lost jobs.", "The economy lost jobs. " + "The cat slept. " * 20])
    assert t["frame_economic_share"].tolist() == [1.0, 1.0]
    assert t["frame_economic_per_1k"].iloc[0] > 5 * t["frame_economic_per_1k"].iloc[1]


def test_no_frame_words_and_empty_text(profile):
    b, e = profile.loc["b"], profile.loc["e"]
    assert b["frame_hits_n"] == 0 and b["dominant_frame"] == "none"
    assert all(b[f"frame_{f}_per_1k"] == 0 for f in FRAME_IDS)
    assert all(math.isnan(b[f"frame_{f}_share"]) for f in FRAME_IDS)   # no hits: no shares
    assert e["tokens"] == 0 and math.isnan(e["frame_economic_per_1k"]) and e["dominant_frame"] == "none"


def test_dominant_frame_and_ties(profile):
    assert profile.loc["a", "dominant_frame"] == "economic+crime_and_punishment"  # 3 v 3
    assert profile.loc["c", "dominant_frame"] == "crime_and_punishment"           # 3 v 2: a lead of one hit


def test_headline_frame(profile):
    assert profile.loc["a", "dominant_frame_title"] == "public_opinion+political"  # one hit each: a tie
    assert pd.isna(profile.loc["b", "dominant_frame_title"])                       # no title: missing
    assert profile.loc["c", "dominant_frame_title"] == "economic"                  # "inflation"
    assert profile.loc["d", "dominant_frame_title"] == "crime_and_punishment"      # the text starts with it
    assert profile.loc["e", "dominant_frame_title"] == "economic"


def test_headline_frame_is_not_counted_in_the_body():
    t = frames(pd.DataFrame({"text": ["The cat slept."], "title": ["Economy, jobs, inflation"]}))
    assert t["frame_hits_n"].iloc[0] == 0 and t["dominant_frame_title"].iloc[0] == "economic"


def test_score_with_frames_is_additive_and_matches_frames():
    plain = score(ARTICLES)
    full = score(ARTICLES, frames=True)
    assert list(full.columns[:len(plain.columns)]) == list(plain.columns) + [] or \
        set(plain.columns) <= set(full.columns)
    assert not any(c.startswith("frame_") and c != "frame_n" for c in plain.columns)
    pd.testing.assert_frame_equal(full[list(FRAME_COLUMNS)], frames(ARTICLES)[list(FRAME_COLUMNS)])
    # the frames lexicon joins the others: its category columns too
    assert full["frame_n"].tolist() == full["frame_hits_n"].tolist()
    assert "frames" in full.attrs["lexicons"]
    # without the sourcing features the headline frame is the same
    nosrc = score(ARTICLES, sourcing=False, frames=True)
    assert nosrc["dominant_frame_title"].tolist() == full["dominant_frame_title"].tolist()


def test_frames_lexicon_not_added_twice():
    t = score(["The economy lost jobs."], ["loaded", "frames"], frames=True)
    assert list(t.attrs["lexicons"]) == ["loaded", "frames"]
    assert t["frame_economic_per_1k"].iloc[0] > 0


def test_parallel_equals_serial():
    df = framing.load_articles(SAMPLE)
    one = frames(df)
    two = frames(df, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_frames_is_exported():
    assert framing.frames is frames


# ---------------------------------------------------------------------------- the command

def test_cli_frames_table_and_formats(tmp_path, capsys):
    assert main(["frames", str(SAMPLE), "-q"]) == 0
    out = capsys.readouterr().out
    assert "dominant_frame" in out and "border-clash-wire" in out
    target = tmp_path / "f.csv"
    assert main(["frames", str(SAMPLE), "-q", "-o", str(target)]) == 0
    t = pd.read_csv(target)
    assert list(t.columns) == ["doc_id", "tokens", *FRAME_COLUMNS, "lexicons"]
    assert len(t) == 35 and t["lexicons"].str.startswith("frames@").all()
    assert main(["frames", str(SAMPLE), "-q", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 35 and set(FRAME_COLUMNS) <= set(rows[0])


def test_cli_frames_bad_input(tmp_path, capsys):
    assert main(["frames", str(tmp_path / "nope.jsonl")]) == 1
    assert main(["frames", str(SAMPLE), "--lexicon", str(tmp_path / "missing.tsv")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"framing: error: ", err)


# ---------------------------------------------------------------------------- the audit script

def _audit():
    spec = importlib.util.spec_from_file_location("audit_frames", ROOT / "benchmarks" / "audit_frames.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_audit_sample_is_seeded_and_table_counts():
    audit = _audit()
    arts = pd.DataFrame({"text": ["The economy lost jobs and taxes rose. Police arrested a burglar."] * 3,
                         "corpus": ["polnear", "mbic", "mbic"]},
                        index=pd.Index(["x", "y", "z"], name="doc_id"))
    a = audit.sample_hits(arts, n=2, seed=3)
    b = audit.sample_hits(arts, n=2, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.groupby("frame").size().max() == 2 and (a["ok"] == "").all()
    a["ok"] = ["yes", "no"] * (len(a) // 2) + ["yes"] * (len(a) % 2)
    per_frame, failures = audit.precision_table(a)
    assert per_frame["judged"].sum() == len(a)
    assert (per_frame["precision"] == (per_frame["yes"] / per_frame["judged"]).round(3)).all()
    assert "| **all frames** |" in audit.markdown(per_frame)
    with pytest.raises(ValueError, match="yes or no"):
        audit.precision_table(a.assign(ok="maybe"))
