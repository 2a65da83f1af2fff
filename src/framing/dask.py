"""Dask engine: the same per-article analyses on a ``dask.dataframe`` of articles, for corpora
one machine cannot hold or process in time (needs the ``scale`` extra:
``pip install "framing[scale]"``).

* :func:`read_articles`: JSONL, CSV or Parquet from local or object-store paths
  (``s3://...``, ``gs://...`` with the matching fsspec package and ``storage_options``), read
  by Dask's own readers, each partition normalised to the articles table of
  :func:`framing.load_articles` (index ``doc_id``).
* :func:`features`, :func:`spans`, :func:`quotes`: ``map_partitions`` with an explicit
  ``meta``; the lexicons go into the task graph once (one key that every partition task
  depends on, so a worker receives them once) and each worker process compiles them once
  (a cache keyed by the lexicons' content hashes), not once per partition.
* :func:`analyse_chunks`: the streaming loop of :func:`framing.stream.analyse_chunks` with a
  Dask ``Client`` in place of local processes; ``framing features|spans|quotes --engine
  dask [--scheduler ADDRESS]`` uses it, reading the inputs with framing's own loader so that
  every bad record is reported with its file and line, as with the pandas engine.

Every analysis is per article, so the tables equal those of the pandas engine on the same
articles (tests run a real ``LocalCluster`` of processes and compare). The project ships no
cluster code: pass the address of any running scheduler (``dask-jobqueue`` on SLURM/PBS,
``dask-kubernetes`` or Helm on Kubernetes, ``dask scheduler`` + ``dask worker`` by hand); see
the README, "Scale".

Differences from the pandas engine, by design: :func:`read_articles` does not drop duplicate
texts (that needs one pass over the whole corpus; ``drop_duplicates("text")`` does it in
Dask), and a bad record (no text, text not a string) stops the computation with the
partition's row named, instead of being skipped and reported.

Example:
    >>> import pandas as pd, dask.dataframe as dd
    >>> df = pd.DataFrame({"text": ["Kiev said.", "Kyiv."]}, index=pd.Index(["a", "b"], name="doc_id"))
    >>> spans(dd.from_pandas(df, npartitions=2), lexicons="naming").compute(scheduler="sync")["text"].tolist()
    ['Kiev', 'Kyiv']
"""

from __future__ import annotations

import argparse
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pandas as pd

try:
    import dask
    import dask.dataframe as dd
except ImportError as err:  # pragma: no cover - exercised only without the extra
    from .load import MissingExtraError

    raise MissingExtraError("framing.dask needs the 'scale' extra: pip install 'framing[scale]' "
                            f"({err})") from None

from .lexicon import Lexicon
from .load import FramingLoadWarning, LoadReport, load_articles
from .spans import LexiconSet, LexiconsArg
from .progress import progress_bar
from .stream import lexicons_for, run_analysis

__all__ = ["analyse_chunks", "features", "quotes", "read_articles", "spans"]

_COMPILED: dict[tuple[str, ...], LexiconSet] = {}

#: An article that produces at least one row of every analysis: the sample behind ``meta``.
_META_TEXT = '"It is a cruel lie," the minister said in Kiev, according to officials.'


def _compiled(lexicons: list[Lexicon]) -> LexiconSet:
    """The lexicons compiled once per process (keyed by their content stamps)."""
    key = tuple(lx.stamp() for lx in lexicons)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = LexiconSet(lexicons)
    return found


def _apply(articles: pd.DataFrame, analysis: str, lexicons: list[Lexicon],
           options: Mapping[str, Any]) -> pd.DataFrame:
    out = run_analysis(analysis, articles, _compiled(lexicons), dict(options))
    out.attrs = {}  # Dask drops attrs; keep partitions alike
    return out


def _meta(analysis: str, lexset: LexiconSet, options: Mapping[str, Any],
          columns: Iterable[str]) -> pd.DataFrame:
    sample = pd.DataFrame({"text": [_META_TEXT]}, index=pd.Index(["meta"], name="doc_id"))
    if "title" in columns:
        sample["title"] = "A headline"
    return _apply(sample, analysis, lexset.lexicons, options).iloc[:0]


def _map(ddf: dd.DataFrame, analysis: str, lexicons: LexiconsArg, options: dict[str, Any]
         ) -> dd.DataFrame:
    if "text" not in ddf.columns:
        raise ValueError("the articles need a 'text' column (see framing.dask.read_articles)")
    lexset = lexicons_for(analysis, lexicons, frames=bool(options.get("frames")))
    shared = dask.delayed(lexset.lexicons, pure=True)  # one key in the graph: sent once per worker
    meta = _meta(analysis, lexset, options, ddf.columns)
    return ddf.map_partitions(_apply, analysis, shared, options, meta=meta,
                              enforce_metadata=False, align_dataframes=False)


def features(ddf: dd.DataFrame, lexicons: LexiconsArg = None, **options: Any) -> dd.DataFrame:
    """:func:`framing.score` on every partition: one row of features per article.

    Args:
        ddf: articles (``text``; ``title`` for headline features), e.g. from
            :func:`read_articles`, indexed by ``doc_id``.
        lexicons: as in :func:`framing.find_spans`.
        **options: ``sourcing``, ``sentiment``, ``frames`` as in :func:`framing.score`.

    Example:
        >>> import pandas as pd, dask.dataframe as dd
        >>> df = pd.DataFrame({"text": ["He said it.", "She claimed it."]},
        ...                   index=pd.Index(["a", "b"], name="doc_id"))
        >>> t = features(dd.from_pandas(df, npartitions=2)).compute(scheduler="sync")
        >>> t[["attribution_neutral_n", "attribution_distancing_n"]].values.tolist()
        [[1, 0], [0, 1]]
    """
    return _map(ddf, "features", lexicons, options)


def spans(ddf: dd.DataFrame, lexicons: LexiconsArg = None) -> dd.DataFrame:
    """:func:`framing.find_spans` on every partition: one row per span (each partition's
    index starts at 0; ``doc_id`` is a column).

    Example:
        >>> import pandas as pd, dask.dataframe as dd
        >>> df = pd.DataFrame({"text": ["A cruel plan."]}, index=pd.Index(["a"], name="doc_id"))
        >>> spans(dd.from_pandas(df, npartitions=1)).compute(scheduler="sync")[["doc_id", "text"]].values.tolist()
        [['a', 'cruel']]
    """
    return _map(ddf, "spans", lexicons, {})


def quotes(ddf: dd.DataFrame, attribution: str | Lexicon = "attribution", *, titles: bool = True,
           nested: bool = True) -> dd.DataFrame:
    """:func:`framing.quotes` on every partition: one row per attribution.

    Example:
        >>> import pandas as pd, dask.dataframe as dd
        >>> df = pd.DataFrame({"text": ['"It is over," Maria Zakharova said.']},
        ...                   index=pd.Index(["a"], name="doc_id"))
        >>> quotes(dd.from_pandas(df, npartitions=1)).compute(scheduler="sync")[["speaker", "cue"]].values.tolist()
        [['Maria Zakharova', 'said']]
    """
    return _map(ddf, "quotes", attribution, {"titles": titles, "nested": nested})


def _normalise(part: pd.DataFrame, columns: Mapping[str, str] | None, clean: bool) -> pd.DataFrame:
    with warnings.catch_warnings():  # a date that does not parse is kept in date_raw
        warnings.simplefilter("ignore", FramingLoadWarning)
        out = load_articles(part, columns=columns, clean=clean, errors="raise", dedupe=False,
                            progress=False)
    if "date_raw" not in out.columns:  # every partition has the same columns
        out["date_raw"] = pd.Series(pd.NA, index=out.index, dtype="string")
    else:
        out["date_raw"] = out["date_raw"].astype("string")
    out.attrs = {}
    return out


def read_articles(urlpath: str | list[str], *, format: str | None = None,
                  columns: Mapping[str, str] | None = None, clean: bool = False,
                  blocksize: str | int | None = "64MB",
                  storage_options: Mapping[str, Any] | None = None) -> dd.DataFrame:
    """Read articles with Dask's readers into a ``dask.dataframe`` of the articles table.

    Args:
        urlpath: a path, glob or list of them, local or remote (``s3://bucket/news/*.jsonl.gz``).
        format: ``jsonl``, ``csv`` or ``parquet`` (default: from the first path's extension;
            ``.gz`` and other compressions are read by Dask, one partition per file).
        columns: ``{source_column: canonical_column}``, as in :func:`framing.load_articles`.
        clean: clean the text as ``load_articles(clean=True)`` does (offsets then index into
            the cleaned text).
        blocksize: bytes per partition for uncompressed JSONL/CSV.
        storage_options: passed to fsspec (credentials, endpoints).

    Returns:
        A Dask DataFrame whose partitions are articles tables (index ``doc_id``, the columns
        of :data:`framing.ARTICLE_COLUMNS` first). Duplicates are not dropped.

    Example:
        >>> import framing
        >>> path = str(framing.config.project_root() / "data" / "sample" / "articles.jsonl")
        >>> read_articles(path).compute(scheduler="sync").shape[0]
        35
    """
    first = urlpath[0] if isinstance(urlpath, list) else urlpath
    name = first.lower()
    for comp in (".gz", ".bz2", ".xz", ".zst"):
        if name.endswith(comp):
            name = name[: -len(comp)]
            blocksize = None  # compressed files cannot be split
    fmt = format or {"jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "tsv": "csv",
                     "parquet": "parquet"}.get(name.rsplit(".", 1)[-1])
    opts = dict(storage_options or {})
    if fmt == "jsonl":
        raw = dd.read_json(urlpath, lines=True, orient="records", blocksize=blocksize,
                           compression="infer", dtype=False,
                           storage_options=opts)
    elif fmt == "csv":
        raw = dd.read_csv(urlpath, blocksize=blocksize, dtype=str, keep_default_na=False,
                          sep="\t" if name.endswith(".tsv") else ",", storage_options=opts)
    elif fmt == "parquet":
        raw = dd.read_parquet(urlpath, storage_options=opts)
    else:
        raise ValueError(f"framing.dask.read_articles reads jsonl, csv and parquet, not {first!r} "
                         "(pass format=, or load other files with framing.load_articles and "
                         "dask.dataframe.from_pandas)")
    sample = raw._meta_nonempty.iloc[:1].copy()
    for c in sample.columns:  # strings in the sample: a text the loader accepts
        if pd.api.types.is_string_dtype(sample[c].dtype) or sample[c].dtype == object:
            sample[c] = "text"
    meta = _normalise(sample, columns, clean).iloc[:0]
    return raw.map_partitions(_normalise, columns, clean, meta=meta, enforce_metadata=False)


# --------------------------------------------------------------------------- streaming

def analyse_chunks(client: Any, chunks: Iterable[pd.DataFrame], analysis: str = "features", *,
                   lexicons: LexiconsArg = None, progress: bool | None = None,
                   **options: Any) -> Iterator[pd.DataFrame]:
    """:func:`framing.stream.analyse_chunks` on a Dask cluster: each chunk is sent to a worker
    as it is read, the lexicons once to every worker (``Client.scatter(broadcast=True)``); at
    most two chunks per worker thread are in flight; the tables come back in input order.

    Example:
        >>> from distributed import Client
        >>> chunks = [pd.DataFrame({"text": ["Kiev."]}, index=pd.Index(["a"], name="doc_id"))]
        >>> with Client(processes=False, n_workers=1, dashboard_address=":0") as client:
        ...     [t["text"].tolist() for t in analyse_chunks(client, chunks, "spans", lexicons="naming",
        ...                                                 progress=False)]
        [['Kiev']]
    """
    lexset = lexicons_for(analysis, lexicons, frames=bool(options.get("frames")))
    stamps = {**lexset.stamps()}
    if analysis == "quotes":
        from .attribution import _words

        stamps["speakers"] = _words().stamp
    shared = client.scatter(lexset.lexicons, broadcast=True, hash=True)
    threads = max(1, sum(client.nthreads().values()))
    bar = progress_bar(None, f"{analysis} (dask)", progress)
    pending: deque[tuple[int, Any]] = deque()

    def collect() -> pd.DataFrame:
        n, future = pending.popleft()
        out = future.result()
        out.attrs["lexicons"] = stamps
        if bar is not None:
            bar.update(n)
        return out

    try:
        for chunk in chunks:
            sent = chunk[[c for c in ("text", "title") if c in chunk.columns]]  # what is read
            pending.append((len(chunk), client.submit(_apply, sent, analysis, shared, options,
                                                      pure=False)))
            while len(pending) >= 2 * threads:
                yield collect()
        while pending:
            yield collect()
    finally:
        if bar is not None:
            bar.close()


def cli_tables(args: argparse.Namespace, analysis: str, lexset: LexiconSet, report: LoadReport,
               **options: Any) -> Iterator[pd.DataFrame]:
    """The tables of ``framing features|spans|quotes --engine dask``: the inputs read by
    framing's loader in ``--chunksize`` chunks (every bad record reported), analysed on the
    cluster at ``--scheduler`` or on a new ``LocalCluster`` of ``--jobs`` worker processes.
    """
    from distributed import Client, LocalCluster

    from .cli import _stream_inputs

    chunks = _stream_inputs(args, report)
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        client = Client(cluster)
    try:
        yield from analyse_chunks(client, chunks, analysis, lexicons=lexset,
                                  progress=False if args.quiet else None, **options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
