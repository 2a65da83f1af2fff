"""Streaming (framing.stream and the streaming CLI): chunked and parallel output equals one
call on the whole table; writers round-trip every format; failures leave no partial file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import framing
from framing.cli import main
from framing.progress import progress_bar, progress_enabled
from framing.stream import TableWriter, analyse_chunks, output_format

SAMPLE = framing.config.project_root() / "data" / "sample" / "articles.jsonl"
SEEDS = framing.config.seeds_dir()


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return framing.load_articles([SAMPLE, SEEDS], progress=False)


@pytest.fixture(scope="module")
def whole(articles) -> dict[str, pd.DataFrame]:
    return {
        "features": framing.score(articles, progress=False),
        "spans": framing.find_spans(articles, progress=False),
        "quotes": framing.quotes(articles, progress=False),
    }


def _chunks(df: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    return [df.iloc[i:i + size] for i in range(0, len(df), size)]


# analysis, chunk size, jobs: the concatenated tables equal the one-call table
EQUAL = [
    ("features", 1, 1), ("features", 7, 1), ("features", 1000, 1), ("features", 5, 2),
    ("spans", 1, 1), ("spans", 4, 1), ("spans", 6, 2),
    ("quotes", 1, 1), ("quotes", 9, 1), ("quotes", 3, 2),
]


@pytest.mark.parametrize("analysis,size,jobs", EQUAL)
def test_chunked_equals_whole(articles, whole, analysis, size, jobs):
    tables = list(analyse_chunks(_chunks(articles, size), analysis, n_jobs=jobs, progress=False))
    assert len(tables) == -(-len(articles) // size)
    got = pd.concat(tables, ignore_index=analysis != "features")
    assert_frame_equal(got, whole[analysis])
    assert tables[0].attrs["lexicons"] == whole[analysis].attrs["lexicons"]


def test_features_options_pass_through(articles):
    chunks = _chunks(articles, 10)
    got = pd.concat(analyse_chunks(chunks, "features", progress=False, sourcing=False, frames=True))
    assert_frame_equal(got, framing.score(articles, progress=False, sourcing=False, frames=True))
    assert "attributions_n" not in got.columns and "dominant_frame" in got.columns


def test_quotes_options_pass_through(articles):
    got = pd.concat(analyse_chunks(_chunks(articles, 10), "quotes", progress=False, nested=False,
                                   titles=False), ignore_index=True)
    assert_frame_equal(got, framing.quotes(articles, progress=False, nested=False, titles=False))
    assert not got["nested"].any() and (got["field"] == "text").all()


@pytest.mark.parametrize("analysis,jobs,message", [
    ("sentiment", 1, "unknown analysis 'sentiment'"),
    ("spans", 0, "n_jobs must be at least 1"),
])
def test_analyse_chunks_rejects(articles, analysis, jobs, message):
    with pytest.raises(ValueError, match=message):
        list(analyse_chunks([articles], analysis, n_jobs=jobs, progress=False))


# ------------------------------------------------------------------------ writers

@pytest.mark.parametrize("output,fmt,expected", [
    ("x.parquet", None, "parquet"), ("x.jsonl", None, "jsonl"), ("x.ndjson", None, "jsonl"),
    ("x.CSV", None, "csv"), ("x.txt", "csv", "csv"), ("folder/", None, "parquet"),
    ("folder/", "jsonl", "jsonl"), (None, "jsonl", "jsonl"),
])
def test_output_format(output, fmt, expected):
    assert output_format(output, fmt) == expected


@pytest.mark.parametrize("output,fmt,message", [
    ("x.xyz", None, "cannot tell the output format"),
    ("x.csv", "xml", "unknown output format"),
    (None, None, "without an output file"),
])
def test_output_format_errors(output, fmt, message):
    with pytest.raises(ValueError, match=message):
        output_format(output, fmt)


def _read(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        return pd.read_csv(path)
    return pd.read_json(path, lines=True)


PIECES = [pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2], "who": [None, None]}),
          pd.DataFrame({"doc_id": pd.Series([], dtype=object), "n": pd.Series([], dtype="int64"),
                        "who": pd.Series([], dtype=object)}),
          pd.DataFrame({"doc_id": ["c"], "n": [3], "who": ["Zakharova"]})]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_single_file_round_trip(tmp_path, fmt):
    out = tmp_path / f"t.{fmt}"
    with TableWriter(out) as w:
        for piece in PIECES:
            w.write(piece)
    back = _read(out, fmt)
    assert back["doc_id"].tolist() == ["a", "b", "c"] and back["n"].tolist() == [1, 2, 3]
    assert back["who"].iloc[2] == "Zakharova" and back["who"].iloc[:2].isna().all()
    assert (w.rows, w.tables, w.paths) == (3, 3, [out])
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_folder_of_parts(tmp_path, fmt):
    folder = tmp_path / "parts"
    with TableWriter(str(folder) + "/", format=fmt) as w:
        for piece in PIECES:
            w.write(piece)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"part-0000{i}.{fmt}" for i in range(3)]
    if fmt == "parquet":
        assert pd.read_parquet(folder)["n"].tolist() == [1, 2, 3]
    with pytest.raises(FileExistsError, match="already holds 3 part files"):
        TableWriter(folder, format=fmt)


def test_index_is_written_first(tmp_path):
    out = tmp_path / "f.csv"
    with TableWriter(out, index=True) as w:
        w.write(pd.DataFrame({"n": [1]}, index=pd.Index(["a"], name="doc_id")))
    assert out.read_text().splitlines() == ["doc_id,n", "a,1"]


@pytest.mark.parametrize("second,message", [
    (pd.DataFrame({"doc_id": ["c"], "other": [3], "who": ["x"]}), "one output, one set of columns"),
    (pd.DataFrame({"doc_id": ["c"], "n": ["three"], "who": ["x"]}), "does not fit the types"),
])
def test_mismatched_tables_are_errors_and_leave_nothing(tmp_path, second, message):
    out = tmp_path / "t.parquet"
    with pytest.raises(ValueError, match=message):
        with TableWriter(out) as w:
            w.write(PIECES[0])
            w.write(second)
    assert list(tmp_path.iterdir()) == []


def test_nothing_written_still_makes_a_file(tmp_path):
    out = tmp_path / "t.jsonl"
    with TableWriter(out):
        pass
    assert out.exists() and out.read_text() == ""


def test_parquet_to_terminal_is_refused():
    with pytest.raises(ValueError, match="parquet cannot be written to the terminal"):
        TableWriter(None, "parquet")


@pytest.mark.parametrize("progress,expected", [(True, True), (False, False), (None, False)])
def test_progress_enabled_off_when_stderr_is_not_a_terminal(progress, expected):
    # pytest captures stderr (not a terminal) and runs no Jupyter kernel
    assert progress_enabled(progress) is expected


class _Terminal:
    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


# total, progress, stderr is a terminal, a bar is drawn
BARS = [
    (10, True, False, True), (10_000, False, True, False),
    (10_000, None, True, True), (1_999, None, True, False), (2_000, None, True, True),
    (None, None, True, True), (10_000, None, False, False), (None, None, False, False),
]


@pytest.mark.parametrize("total,progress,terminal,drawn", BARS)
def test_progress_bar_rule(monkeypatch, total, progress, terminal, drawn):
    if terminal:
        monkeypatch.setattr("sys.stderr", _Terminal())
    bar = progress_bar(total, "test", progress)
    assert (bar is not None) is drawn
    if bar is not None:
        bar.update(5)
        assert bar.n == 5 and bar.unit == " articles"
        bar.close()


# ------------------------------------------------------------------------ the CLI

@pytest.mark.parametrize("command,ext", [("features", "csv"), ("spans", "parquet"),
                                         ("quotes", "jsonl")])
def test_cli_output_does_not_depend_on_chunks_or_jobs(tmp_path, command, ext):
    outs = []
    for i, extra in enumerate([["--chunksize", "1000"], ["--chunksize", "4"],
                               ["--chunksize", "5", "--jobs", "2"]]):
        out = tmp_path / f"{i}.{ext}"
        assert main([command, str(SAMPLE), str(SEEDS), "-o", str(out), "-q", *extra]) == 0
        outs.append(_read(out, ext))
    assert len(outs[0]) > 30
    for other in outs[1:]:
        assert_frame_equal(other, outs[0])


def test_cli_folder_output_holds_one_part_per_chunk(tmp_path):
    folder = tmp_path / "spans"
    single = tmp_path / "spans.parquet"
    assert main(["spans", str(SAMPLE), "-o", str(folder) + "/", "--chunksize", "10", "-q"]) == 0
    assert main(["spans", str(SAMPLE), "-o", str(single), "-q"]) == 0
    assert len(list(folder.glob("part-*.parquet"))) == 4  # 35 articles, 10 per chunk
    assert_frame_equal(pd.read_parquet(folder), pd.read_parquet(single))


def test_cli_features_flags(tmp_path):
    out = tmp_path / "f.csv"
    assert main(["features", str(SEEDS), "-o", str(out), "-q", "--no-sourcing", "--frames",
                 "--sentiment"]) == 0
    cols = pd.read_csv(out).columns
    assert "attributions_n" not in cols and "dominant_frame" in cols
    assert "sentiment_narrator_mean" in cols and "lexicons" in cols


def test_cli_strict_failure_leaves_no_output(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(SAMPLE.read_text().splitlines()[0] + "\n{broken\n")
    out = tmp_path / "out.parquet"
    assert main(["spans", str(bad), "-o", str(out), "--strict"]) == 1
    assert f"{bad}:line 2: invalid JSON" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [bad]


def test_cli_reports_skipped_lines_and_keeps_the_rest(tmp_path, capsys):
    lines = SAMPLE.read_text().splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], "{broken", lines[1]]) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["features", str(bad), "-o", str(out), "--chunksize", "1"]) == 0
    err = capsys.readouterr().err
    assert f"skipped: {bad}:line 2: invalid JSON" in err and "loaded 2 articles" in err
    ids = [json.loads(line)["doc_id"] for line in out.read_text().splitlines()]
    assert ids == [json.loads(lines[0])["id"], json.loads(lines[1])["id"]]


def test_cli_no_articles_is_an_error_without_output(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    out = tmp_path / "out.csv"
    assert main(["quotes", str(empty), "-o", str(out)]) == 1
    assert "no articles loaded" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("argv,message", [
    (["spans", str(SAMPLE), "--chunksize", "0"], "--chunksize must be at least 1"),
    (["features", str(SAMPLE), "--jobs", "0"], "--jobs must be at least 1"),
])
def test_cli_rejects_bad_numbers(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err
