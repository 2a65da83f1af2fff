"""`framing validate` and `framing audit` (issue 8): tiny hand-made inputs with known answers,
and smoke tests on the real corpora (marked ``shared``, skipped when ../shared is absent)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from framing import config
from framing.cli import main
from framing.datasets import read_gold_spans
from framing.validate import score_spans

LEX = "pattern\tcategory\nmob\tloaded\nradical\tloaded\nthugs\tloaded\n"

# text, biased_words: gold tokens mob (s1), radical+thugs (s2), none (s3)
# predictions (lexicon above): mob, radical (s1); radical, mob? no -> radical (s2); mob (s3)
BABE_ROWS = [
    ("A radical mob gathered.", "['mob']"),
    ("Radical thugs marched.", "['radical', 'thugs']"),
    ("The mob was calm.", "[]"),
]


def write_babe(path: Path, rows=BABE_ROWS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words"])
        for i, (text, words) in enumerate(rows):
            w.writerow([text, f"http://x/{i}", "X", "t", "center", "Biased", "", words])
    return path


@pytest.fixture
def lexfile(tmp_path: Path) -> Path:
    p = tmp_path / "mine.tsv"
    p.write_text(LEX, encoding="utf-8")
    return p


def run_json(capsys, argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


# pred tokens: s1 radical, mob; s2 radical, thugs; s3 mob -> 5 pred; gold 4 (mob, radical, thugs ... s1 mob,
# s2 radical thugs) = 3; tp = mob(s1) + radical + thugs (s2) = 3
@pytest.mark.parametrize("extra, expected", [
    ([], {"precision": 3 / 5, "recall": 1.0, "f1": 2 * 0.6 / 1.6, "n_pred": 5, "n_gold": 3}),
])
def test_babe_exact_scores(tmp_path, capsys, lexfile, extra, expected):
    babe = write_babe(tmp_path / "babe.csv")
    out = run_json(capsys, ["validate", "babe", str(babe), "--lexicon", str(lexfile), "--format", "json",
                            "--n-boot", "200", *extra])
    assert out["dataset"] == "babe" and out["n"] == 3
    (row,) = out["results"]
    assert row["category"] == "loaded" and row["lexicon"] == "mine"
    for k in ("precision", "recall", "f1"):
        assert row[k]["value"] == pytest.approx(expected[k])
        lo, hi = row[k]["ci"]
        assert lo <= row[k]["value"] + 1e-9 and hi >= row[k]["value"] - 1e-9
    assert row["n_pred"] == expected["n_pred"] and row["n_gold"] == expected["n_gold"]


def test_babe_baseline_word_list_and_json_structure(tmp_path, capsys, lexfile):
    babe = write_babe(tmp_path / "babe.csv")
    words = tmp_path / "words.txt"
    words.write_text("thugs\n", encoding="utf-8")
    out = run_json(capsys, ["validate", "babe", str(babe), "--lexicon", str(lexfile), "--baseline", str(words),
                            "--format", "json", "--n-boot", "0"])
    assert set(out) >= {"dataset", "n", "results", "n_boot", "seed"}
    base = [r for r in out["results"] if r.get("baseline")]
    assert len(base) == 1
    assert base[0]["precision"]["value"] == 1.0 and base[0]["recall"]["value"] == pytest.approx(1 / 3)
    for r in out["results"]:
        assert set(r) >= {"lexicon", "category", "precision", "recall", "f1"}
        assert set(r["precision"]) == {"value", "ci"} and len(r["precision"]["ci"]) == 2


def test_babe_text_output_is_a_table(tmp_path, capsys, lexfile):
    babe = write_babe(tmp_path / "babe.csv")
    assert main(["validate", "babe", str(babe), "--lexicon", str(lexfile), "--n-boot", "50"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "0.600 [" in out and "95% percentile-bootstrap" in out


@pytest.mark.parametrize("make, reason", [
    (lambda p: p / "none.csv", "no such file"),
    (lambda p: (p / "bad.csv").write_text("text;other\na;b\n", encoding="utf-8") and p / "bad.csv",
     "biased_words"),
])
def test_babe_bad_input_one_line(tmp_path, capsys, make, reason):
    path = make(tmp_path)
    assert main(["validate", "babe", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error:") and reason in err and "\n" not in err


def test_split_refused_for_other_files(tmp_path, capsys):
    babe = write_babe(tmp_path / "babe.csv")
    assert main(["validate", "babe", str(babe), "--split", "test"]) == 1
    assert "BABE SG2" in capsys.readouterr().err


# ------------------------------------------------------------------------- generic gold spans

ARTICLES = [{"id": "a1", "text": "The radical mob attacked."}, {"id": "a2", "text": "Calm day."}]


def write_spans_inputs(tmp_path: Path, gold_lines: list[str]) -> tuple[Path, Path]:
    arts = tmp_path / "articles.jsonl"
    arts.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(line + "\n" for line in gold_lines), encoding="utf-8")
    return gold, arts


def test_spans_scores_and_bad_line_reported(tmp_path, capsys, lexfile):
    gold, arts = write_spans_inputs(tmp_path, [
        '{"id": "a1", "start": 12, "end": 15, "label": "loaded"}',   # mob: found
        '{"id": "a1", "start": 16, "end": 24, "label": "loaded"}',   # attacked: missed
        '{"id": "a1", "start": 3}',                                  # bad line 3
    ])
    out = run_json(capsys, ["validate", "spans", str(gold), "--articles", str(arts), "--lexicon", str(lexfile),
                            "--format", "json", "--n-boot", "0", "-q"])
    (row,) = out["results"]
    assert row["precision"]["value"] == 0.5 and row["recall"]["value"] == 0.5   # radical is a false positive
    assert out["n_gold"] == 2 and out["skipped_lines"] == [f"{gold}:line 3: no end, label"]


def test_spans_strict_stops_with_file_and_line(tmp_path, capsys, lexfile):
    gold, arts = write_spans_inputs(tmp_path, ['{"id": "a1", "start": 12, "end": 15, "label": "loaded"}',
                                               "not json"])
    assert main(["validate", "spans", str(gold), "--articles", str(arts), "--strict"]) == 1
    err = capsys.readouterr().err.strip()
    assert f"{gold}:line 2: invalid JSON" in err and "\n" not in err


@pytest.mark.parametrize("line, reason", [
    ('{"id": "zz", "start": 0, "end": 2, "label": "loaded"}', "unknown article id 'zz'"),
    ('{"id": "a2", "start": 0, "end": 200, "label": "loaded"}', "outside the article"),
    ('{"id": "a2", "start": 5, "end": 2, "label": "loaded"}', "start < end"),
    ('{"id": "a2", "start": "0", "end": 2, "label": "loaded"}', "integers"),
    ('[1, 2]', "not a JSON object"),
])
def test_read_gold_spans_reasons(tmp_path, line, reason):
    import pandas as pd

    gold, _ = write_spans_inputs(tmp_path, [line])
    arts = pd.DataFrame({"text": [a["text"] for a in ARTICLES]}, index=pd.Index(["a1", "a2"], name="doc_id"))
    with pytest.raises(ValueError, match=reason):
        read_gold_spans(gold, arts, errors="raise")


def test_spans_needs_articles(tmp_path):
    gold, _ = write_spans_inputs(tmp_path, [])
    with pytest.raises(SystemExit) as exc:
        main(["validate", "spans", str(gold)])
    assert exc.value.code == 2


def test_score_spans_per_label_and_all():
    import pandas as pd

    gold = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [4, 14], "label": ["loaded", "label"]})
    pred = pd.DataFrame({"doc_id": ["d", "d"], "start": [1, 10], "end": [3, 14],
                         "category": ["loaded", "loaded"], "subcategory": ["", ""]})
    rows = {r["category"]: r for r in score_spans(gold, pred, n_boot=0)}
    assert rows["loaded"]["precision"]["value"] == 0.5 and rows["loaded"]["recall"]["value"] == 1.0
    assert rows["label"]["recall"]["value"] == 0.0
    assert rows["all"]["n_gold"] == 2 and rows["all"]["n_pred"] == 2


# ------------------------------------------------------------------------- audit

def test_audit_sample_reproducible_and_seed_dependent(tmp_path, capsys, lexfile):
    arts = tmp_path / "articles.jsonl"
    arts.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Story {i}: the mob moved on."}) + "\n"
                            for i in range(40)), encoding="utf-8")
    outs = []
    for seed, name in ((0, "a.csv"), (0, "b.csv"), (1, "c.csv")):
        out = tmp_path / name
        assert main(["audit", "--term", "mob", str(arts), "--lexicon", str(lexfile), "--n", "5",
                     "--seed", str(seed), "-o", str(out), "-q"]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1] and outs[0] != outs[2]
    rows = list(csv.DictReader(outs[0].splitlines()))
    assert len(rows) == 5 and {r["hit"] for r in rows} == {"mob"}
    assert list(rows[0]) == ["lexicon", "category", "entry", "doc_id", "start", "end", "left", "hit", "right",
                             "voice", "judgement"]


def test_audit_precision_against_gold_and_worst(tmp_path, capsys, lexfile):
    babe = write_babe(tmp_path / "babe.csv")
    assert main(["audit", "--term", "mob", "--gold", str(babe), "--lexicon", str(lexfile), "-q"]) == 0
    captured = capsys.readouterr()
    line = next(x for x in captured.err.splitlines() if " mob " in x)
    assert line.split()[-3:] == ["2", "1", "0.5"]   # mob: 2 predicted tokens, 1 gold
    out = tmp_path / "worst.csv"
    assert main(["audit", "--worst", "2", "--min-hits", "1", "--gold", str(babe), "--lexicon", str(lexfile),
                 "-o", str(out), "-q"]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0]["entry"] == "mob" and float(rows[0]["precision"]) == 0.5


@pytest.mark.parametrize("argv", [["audit", "x.jsonl"], ["audit", "--worst", "3", "x.jsonl"]])
def test_audit_usage_errors(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


# ------------------------------------------------------------------------- real data

def _shared(path: str) -> Path:
    p = config.shared_data_dir() / path
    if not p.exists():
        pytest.skip(f"{p} not found (the shared research corpora; set FRAMING_SHARED)")
    return p


@pytest.mark.shared
def test_real_babe_test_split(capsys):
    out = run_json(capsys, ["validate", "babe", str(_shared("babe_mbic/final_labels_SG2.csv")), "--split", "test",
                            "--format", "json", "--n-boot", "100", "-q"])
    row = next(r for r in out["results"] if r["category"] == "all")
    assert out["n"] == 1113 and row["f1"]["value"] == pytest.approx(0.401, abs=0.005)  # reports/validation.md, 0.4.0


@pytest.mark.shared
def test_real_mbic_and_polnear(capsys):
    out = run_json(capsys, ["validate", "mbic", str(_shared("babe_mbic/final_labels_MBIC.csv")),
                            "--format", "json", "--n-boot", "0", "-q"])
    assert out["n"] == 1700 and any(r["category"] == "all" for r in out["results"])
    out = run_json(capsys, ["validate", "polnear", str(_shared("polnear")), "--format", "json", "--n-boot", "0",
                            "-q"])
    cue = next(r for r in out["results"] if r["category"] == "cue")
    assert out["n"] == 84 and cue["recall"]["value"] > 0.5


# candidates: "sly" is marked 3 times and covered by no entry; "mob" is covered by LEX
PROPOSE_ROWS = [
    ("The sly mob plan.", "['sly', 'mob']"),
    ("A sly move by the mob.", "['sly']"),
    ("A sly deal.", "['sly']"),
    ("The plan was a deal.", "[]"),
]


def test_propose_entries_ranks_uncovered_marked_words(tmp_path, lexfile):
    from framing.datasets import read_babe
    from framing.validate import propose_entries

    sentences = read_babe(write_babe(tmp_path / "p.csv", PROPOSE_ROWS))
    got = propose_entries(sentences, str(lexfile), min_count=2)
    assert got["term"].tolist() == ["sly"]  # mob is covered by the lexicon, plan/deal never marked
    assert got[["count_gold", "count_other"]].values.tolist() == [[3, 0]]
    assert propose_entries(sentences, str(lexfile), min_count=4).empty


def test_audit_propose_command(tmp_path, lexfile, capsys):
    gold = write_babe(tmp_path / "p.csv", PROPOSE_ROWS)
    out = tmp_path / "cand.csv"
    assert main(["audit", "--propose", "5", "--gold", str(gold), "--lexicon", str(lexfile), "-o", str(out), "-q"]) == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert [r["term"] for r in rows][:1] == ["sly"]
    with pytest.raises(SystemExit):
        main(["audit", "--propose", "5"])  # needs --gold
    assert "needs --gold" in capsys.readouterr().err
