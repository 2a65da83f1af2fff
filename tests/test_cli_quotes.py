"""`framing quotes` and `framing sources`: outputs, offsets from outside, exit status."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import framing
from framing.cli import main

SEED = framing.config.seeds_dir() / "000_9ed0db76b1e14429.txt"
LINES = [
    {"id": "a1", "text": '"It is over," Lavrov said. Critics claim it is not.', "outlet": "Wire"},
    {"id": "a2", "text": "Moscow has denied it. Kyiv said it was true.", "outlet": "Daily"},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in LINES))
    return path


def test_quotes_preview_of_the_seed(capsys):
    assert main(["quotes", str(SEED)]) == 0
    out, err = capsys.readouterr()
    assert "Maria Zakharova" in out and "continued to claim" in out
    assert "attributions in 1 articles" in err and "attribution@" in err


@pytest.mark.parametrize("ext", ["jsonl", "csv", "parquet"])
def test_quotes_offsets_index_into_the_given_text(tmp_path, corpus, ext):
    out = tmp_path / f"q.{ext}"
    assert main(["quotes", str(corpus), "-o", str(out), "-q"]) == 0
    if ext == "jsonl":
        table = pd.read_json(out, lines=True, dtype={"doc_id": str})
    elif ext == "csv":
        table = pd.read_csv(out, dtype={"doc_id": str})
    else:
        table = pd.read_parquet(out)
    texts = {x["id"]: x["text"] for x in LINES}
    got = [(r.doc_id, texts[r.doc_id][int(r.cue_start):int(r.cue_end)], r.stance) for r in table.itertuples()]
    assert got == [("a1", "said", "neutral"), ("a1", "claim", "distancing"),
                   ("a2", "denied", "conflict"), ("a2", "said", "neutral")]
    assert table["lexicons"].str.startswith("attribution@").all()


def test_quotes_bad_cue_lexicon_is_one_line_error(tmp_path, corpus, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text("pattern\tcategory\tsubcategory\tweight\tnote\tsource\nsaid\tattribution\tneutral\tx\tn\ts\n")
    assert main(["quotes", str(corpus), "--attribution", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.tsv:2" in err[0]


def test_quotes_refuses_to_overwrite_input(corpus):
    with pytest.raises(SystemExit) as exc:
        main(["quotes", str(corpus), "-o", str(corpus)])
    assert exc.value.code == 2


@pytest.mark.parametrize("by, index", [("outlet", ["outlet", "speaker", "source_type"]),
                                       ("none", ["speaker", "source_type"])])
def test_sources_table(tmp_path, corpus, by, index):
    out = tmp_path / "s.csv"
    assert main(["sources", str(corpus), "--by", by, "-o", str(out), "-q"]) == 0
    table = pd.read_csv(out)
    assert list(table.columns[: len(index)]) == index
    assert int(table["total"].sum()) == 4
    assert int(table["distancing"].sum()) == 1 and int(table["conflict"].sum()) == 1


def test_sources_unknown_column_is_an_error(corpus, capsys):
    assert main(["sources", str(corpus), "--by", "desk"]) == 1
    assert "no column 'desk'" in capsys.readouterr().err


def test_quotes_with_a_cue_model_and_without_nested(tmp_path, capsys):
    from framing.cuemodel import CueModel

    model = tmp_path / "m.json"
    CueModel(["w=negotiated"], [12.0], -6.0, threshold=0.5).save(model)
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": "Moscow negotiated a deal. Sexton said he thinks so."}) + "\n")
    out = tmp_path / "q.csv"
    assert main(["quotes", str(src), "--cue-model", str(model), "-o", str(out), "-q"]) == 0
    assert pd.read_csv(out)["cue"].tolist() == ["negotiated", "said", "thinks"]
    assert main(["quotes", str(src), "--cue-model", str(model), "--no-nested", "-o", str(out), "-q"]) == 0
    assert pd.read_csv(out)["cue"].tolist() == ["negotiated", "said"]
    assert main(["quotes", str(src), "--cue-model", str(tmp_path / "none.json")]) == 1
    assert "train one with" in capsys.readouterr().err
