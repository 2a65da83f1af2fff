"""The Dask engine on a real LocalCluster of worker processes: every table equals the pandas
engine's on the same articles; lexicons are compiled once per worker."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import framing

dd = pytest.importorskip("dask.dataframe", reason="the 'scale' extra (dask) is not installed")
distributed = pytest.importorskip("distributed", reason="the 'scale' extra (distributed) is not installed")

from framing import dask as fdask  # noqa: E402
from framing.cli import main  # noqa: E402

SAMPLE = framing.config.project_root() / "data" / "sample" / "articles.jsonl"
SEEDS = framing.config.seeds_dir()


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return framing.load_articles([SAMPLE, SEEDS], progress=False)


PANDAS = {
    "features": lambda df: framing.score(df, progress=False),
    "spans": lambda df: framing.find_spans(df, progress=False),
    "quotes": lambda df: framing.quotes(df, progress=False),
}


@pytest.mark.parametrize("analysis,npartitions", [("features", 3), ("spans", 4), ("quotes", 2),
                                                  ("features", 1)])
def test_map_partitions_equals_pandas(client, articles, analysis, npartitions):
    ddf = dd.from_pandas(articles, npartitions=npartitions, sort=False)
    got = getattr(fdask, analysis)(ddf).compute()
    want = PANDAS[analysis](articles)
    if analysis != "features":
        got = got.reset_index(drop=True)
    assert_frame_equal(got, want, check_dtype=True)


def test_options_reach_the_workers(client, articles):
    ddf = dd.from_pandas(articles, npartitions=3, sort=False)
    got = fdask.features(ddf, sourcing=False, frames=True).compute()
    assert_frame_equal(got, framing.score(articles, progress=False, sourcing=False, frames=True))
    q = fdask.quotes(ddf, nested=False, titles=False).compute().reset_index(drop=True)
    assert_frame_equal(q, framing.quotes(articles, progress=False, nested=False, titles=False))


def test_lexicons_compiled_once_per_worker(client, articles):
    def compiled_sets() -> list[tuple[str, ...]]:
        import framing.dask as worker_side  # the worker's module, not a pickled copy

        return sorted(worker_side._COMPILED)

    ddf = dd.from_pandas(articles, npartitions=6, sort=False)
    before = client.run(compiled_sets)
    fdask.spans(ddf, lexicons=["hedge", "booster"]).compute()
    after = client.run(compiled_sets)
    key = tuple(framing.load_lexicon(n).stamp() for n in ("hedge", "booster"))
    assert all(key not in keys for keys in before.values())
    # six partitions, one compiled set for these lexicons in each worker that ran a task
    assert sum(after[w].count(key) for w in after) in (1, 2)
    assert all(len(after[w]) - len(before[w]) <= 1 for w in after)


def test_read_articles_equals_the_loader(client):
    got = fdask.read_articles(str(SAMPLE), blocksize=2000).compute()
    want = framing.load_articles(SAMPLE, progress=False)
    assert fdask.read_articles(str(SAMPLE), blocksize=2000).npartitions > 1
    assert got.index.tolist() == want.index.tolist()
    for col in ("text", "title", "outlet", "date", "url"):
        assert got[col].tolist() == want[col].tolist(), col


def test_read_articles_then_features(client):
    ddf = fdask.read_articles(str(SAMPLE), blocksize=4000)
    got = fdask.features(ddf).compute()
    assert_frame_equal(got, framing.score(framing.load_articles(SAMPLE, progress=False), progress=False))


@pytest.mark.parametrize("path,message", [
    ("corpus.txt", "reads jsonl, csv and parquet"),
    ("corpus.html", "reads jsonl, csv and parquet"),
])
def test_read_articles_rejects_other_formats(path, message):
    with pytest.raises(ValueError, match=message):
        fdask.read_articles(path)


def test_read_articles_names_a_bad_row(client, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": ""}\n')
    with pytest.raises(framing.LoadError, match="row 1: empty text"):
        fdask.read_articles(str(bad)).compute()


def test_articles_without_text_are_refused(articles):
    with pytest.raises(ValueError, match="need a 'text' column"):
        fdask.spans(dd.from_pandas(articles[["title"]], npartitions=1))


def test_streaming_on_the_cluster_equals_local(client, articles):
    chunks = [articles.iloc[i:i + 8] for i in range(0, len(articles), 8)]
    for analysis in ("features", "quotes"):
        got = list(fdask.analyse_chunks(client, chunks, analysis, progress=False))
        want = list(framing.stream.analyse_chunks(chunks, analysis, progress=False))
        assert len(got) == len(want) == len(chunks)
        for g, w in zip(got, want):
            assert_frame_equal(g, w)
            assert g.attrs["lexicons"] == w.attrs["lexicons"]


@pytest.mark.parametrize("command,ext", [("features", "csv"), ("spans", "parquet")])
def test_cli_engine_dask_equals_pandas(tmp_path, command, ext):
    a, b = tmp_path / f"pandas.{ext}", tmp_path / f"dask.{ext}"
    assert main([command, str(SAMPLE), "-o", str(a), "-q"]) == 0
    assert main([command, str(SAMPLE), "-o", str(b), "-q", "--engine", "dask", "--jobs", "2",
                 "--chunksize", "10"]) == 0
    read = pd.read_csv if ext == "csv" else pd.read_parquet
    assert_frame_equal(read(b), read(a))
