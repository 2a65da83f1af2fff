"""`framing compare`: the top distinguishing terms per group, as a table, and its errors."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from framing.cli import main

SAMPLE = "data/sample/articles.jsonl"
OUTLETS = {"Continental Press Agency", "Eastern Herald", "Metro Gazette", "The Daily Bulwark",
           "The Progressive Ledger"}


@pytest.mark.parametrize("extra,top,terms", [
    ([], 20, "words"),
    (["--top", "3"], 3, "words"),
    (["--terms", "categories", "--top", "2"], 2, "categories"),
    (["--terms", "entries", "--top", "5", "--lexicon", "attribution"], 5, "entries"),
])
def test_csv_table_top_n_per_group(capsys, extra, top, terms):
    assert main(["compare", SAMPLE, "--by", "outlet", "--format", "csv", "-q", *extra]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["group", "term", "count_group", "count_rest", "log_odds", "z"]
    assert set(table["group"]) == OUTLETS
    assert table.groupby("group").size().max() == top
    for _, rows in table.groupby("group"):
        assert rows["z"].is_monotonic_decreasing
    if terms == "categories":
        assert set(table["term"]) <= {"loaded", "label", "naming", "attribution", "hedge", "booster",
                                      "anonymous_source", "scare_quote"}
    if terms == "entries":
        assert "said" in set(table["term"]) or "claimed" in set(table["term"])
    assert err == ""


@pytest.mark.parametrize("suffix,fmt", [("csv", None), ("jsonl", None), ("txt", "jsonl")])
def test_writes_output_file(tmp_path, suffix, fmt):
    out = tmp_path / f"terms.{suffix}"
    args = ["compare", SAMPLE, "--by", "outlet", "--top", "4", "-o", str(out), "-q"]
    assert main(args + (["--format", fmt] if fmt else [])) == 0
    table = pd.read_json(out, lines=True) if (fmt or suffix) == "jsonl" else pd.read_csv(out)
    assert {"group", "term", "log_odds", "z"} <= set(table.columns)
    assert len(table) == 4 * len(OUTLETS)


def test_readable_preview_by_default(capsys):
    assert main(["compare", SAMPLE, "--by", "outlet", "--top", "2"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].split() == ["group", "term", "count_group", "count_rest", "log_odds", "z"]
    assert "Eastern Herald" in out
    assert "top 2 words per group of 'outlet'" in err


@pytest.mark.parametrize("argv,status,message", [
    (["--by", "nope"], 1, "framing: error: --by nope: no such column; columns: text, title, outlet"),
    (["--by", "outlet", "--top", "0"], 2, "--top must be at least 1"),
    (["--by", "outlet", "--terms", "sentences"], 2, "invalid choice: 'sentences'"),
    ([], 2, "the following arguments are required: --by"),
])
def test_errors(capsys, argv, status, message):
    try:
        code = main(["compare", SAMPLE, "-q", *argv])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == status
    assert message in err
    assert out == ""
    if status == 1:
        assert len(err.strip().splitlines()) == 1
