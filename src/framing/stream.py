"""Streaming: analyse a corpus chunk by chunk and write the tables as they come.

Any corpus, from a notebook sample to millions of articles, goes through the same functions
with memory bounded by the chunk size, not the corpus size:

* :func:`analyse_chunks` applies one analysis (``"features"`` = :func:`framing.score`,
  ``"spans"`` = :func:`framing.find_spans`, ``"quotes"`` = :func:`framing.quotes`) to each
  chunk of articles that :func:`framing.iter_articles` yields, in one process or in ``n_jobs``
  worker processes that compile the lexicons once and stay alive for the whole stream; at most
  ``2 * n_jobs`` chunks are in flight, and the result tables come back in input order.
* :class:`TableWriter` appends those tables to one JSONL, CSV or Parquet file, or writes one
  Parquet/JSONL/CSV part per chunk into a folder (``part-00000.parquet`` ...: what
  ``pandas.read_parquet(folder)`` and ``dask.dataframe.read_parquet`` read). It writes into a
  temporary name and renames at the end, so a failed run never leaves a truncated file that
  looks complete.

Results do not depend on the chunk size or the number of jobs: every analysis is per article
(tests check chunked and parallel output against one call on the whole table).

Example:
    >>> import framing, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "features.csv"
    >>> chunks = framing.iter_articles(framing.config.seeds_dir(), chunksize=100)
    >>> with TableWriter(out, index=True) as w:
    ...     for table in analyse_chunks(chunks, "features", progress=False):
    ...         w.write(table)
    >>> w.rows, out.read_text().split(",")[:2]
    (1, ['doc_id', 'tokens'])
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from .progress import progress_bar
from .spans import LexiconSet, LexiconsArg, parallel_chunks
from .tabletext import write_table_text

__all__ = ["ANALYSES", "TableWriter", "analyse_chunks", "lexicons_for", "output_format", "run_analysis"]

#: The analyses :func:`analyse_chunks` runs, and whether their table is indexed by ``doc_id``
#: (one row per article) or has a plain index (many rows per article).
ANALYSES: dict[str, bool] = {"features": True, "spans": False, "quotes": False}

#: Output formats by file extension.
SUFFIXES: dict[str, str] = {"jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "parquet": "parquet"}


def output_format(output: str | os.PathLike[str] | None, fmt: str | None) -> str:
    """The output format: ``fmt`` when given, else from the extension of ``output``; a
    folder (existing, or a path ending in ``/``) defaults to Parquet parts.

    Example:
        >>> output_format("spans.parquet", None), output_format("out/", None), output_format(None, "csv")
        ('parquet', 'parquet', 'csv')
    """
    if fmt is not None:
        if fmt not in set(SUFFIXES.values()):
            raise ValueError(f"unknown output format {fmt!r}; known: jsonl, csv, parquet")
        return fmt
    if output is None:
        raise ValueError("without an output file, pass a format (jsonl or csv)")
    text = os.fspath(output)
    if text.endswith(("/", os.sep)) or Path(text).is_dir():
        return "parquet"
    found = SUFFIXES.get(Path(text).suffix.lower().lstrip("."))
    if found is None:
        raise ValueError(f"cannot tell the output format from {text!r}; pass a format "
                         "(jsonl, csv or parquet)")
    return found


class TableWriter:
    """Append tables (same columns each time) to one file, to stdout, or as parts of a folder.

    Args:
        output: a file path; a folder (existing, or ending in ``/``) for one file per
            :meth:`write` (``part-00000.<ext>``, ...); ``None`` for stdout (JSONL or CSV).
        format: ``jsonl``, ``csv`` or ``parquet`` (default: from ``output``).
        index: write the table's index as the first column (the ``doc_id`` of features).

    The first table fixes the columns and their types; a later table with other columns is
    an error (it would make a file no reader can read). Single files are written to
    ``<name>.partial`` and renamed by :meth:`close`; on an exception inside ``with`` the
    partial file is removed. Counts: :attr:`rows`, :attr:`tables`, :attr:`paths`.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "parts"
        >>> with TableWriter(str(folder) + "/", format="jsonl") as w:
        ...     w.write(pd.DataFrame({"a": [1, 2]}))
        ...     w.write(pd.DataFrame({"a": [3]}))
        >>> sorted(p.name for p in folder.iterdir()), w.rows
        (['part-00000.jsonl', 'part-00001.jsonl'], 3)
    """

    def __init__(self, output: str | os.PathLike[str] | None, format: str | None = None, *,
                 index: bool = False):
        self.format = output_format(output, format)
        self.index = index
        self.rows = 0
        self.tables = 0
        self.paths: list[Path] = []
        self._columns: list[str] | None = None
        self._schema: Any = None
        self._parquet: Any = None
        self._handle: Any = None
        self._folder: Path | None = None
        self._final: Path | None = None
        self._partial: Path | None = None
        if output is None:
            if self.format == "parquet":
                raise ValueError("parquet cannot be written to the terminal; pass an output file")
            self._handle = sys.stdout
            return
        text = os.fspath(output)
        if text.endswith(("/", os.sep)) or Path(text).is_dir():
            self._folder = Path(text)
            self._folder.mkdir(parents=True, exist_ok=True)
            stale = sorted(self._folder.glob("part-*.*"))
            if stale:
                raise FileExistsError(f"{self._folder} already holds {len(stale)} part files "
                                      f"({stale[0].name} ...); remove them or choose another folder")
        else:
            self._final = Path(text)
            self._partial = self._final.with_name(self._final.name + ".partial")

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def _table(self, df: pd.DataFrame) -> pd.DataFrame:
        table = df.reset_index() if self.index else df.reset_index(drop=True)
        columns = [str(c) for c in table.columns]
        if self._columns is None:
            self._columns = columns
        elif columns != self._columns:
            raise ValueError(f"table {self.tables + 1} has columns {columns[:5]}... but the output "
                             f"started with {self._columns[:5]}...: one output, one set of columns")
        return table

    def _arrow(self, table: pd.DataFrame) -> Any:
        import pyarrow as pa

        if self._schema is None:
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            # A column that is empty or all missing in the first table has type null; later
            # tables hold values there (strings in every table framing writes).
            fields = [pa.field(f.name, pa.large_string()) if pa.types.is_null(f.type) else f
                      for f in arrow.schema]
            self._schema = pa.schema(fields, metadata=arrow.schema.metadata)
            return arrow.cast(self._schema)
        try:
            return pa.Table.from_pandas(table, preserve_index=False).cast(self._schema)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as err:
            raise ValueError(f"table {self.tables + 1} does not fit the types of the first "
                             f"table: {err}") from None


    def write(self, df: pd.DataFrame) -> None:
        """Append one table (columns must match the first table's)."""
        table = self._table(df)
        if self._folder is not None:
            path = self._folder / f"part-{self.tables:05d}.{self.format}"
            if self.format == "parquet":
                import pyarrow.parquet as pq

                pq.write_table(self._arrow(table), path)
            else:
                with open(path, "wb") as handle:
                    write_table_text(handle, table, self.format)
            self.paths.append(path)
        elif self.format == "parquet":
            import pyarrow.parquet as pq

            arrow = self._arrow(table)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._partial, self._schema)
            self._parquet.write_table(arrow)
        else:
            if self._handle is None:
                self._handle = open(self._partial, "wb")
            if len(table) or self.tables == 0:
                write_table_text(self._handle, table, self.format, self.tables == 0)
        self.rows += len(table)
        self.tables += 1

    def close(self) -> None:
        """Finish the output (an empty table is still written when nothing came)."""
        if self.tables == 0 and self._columns is None:
            self.write(pd.DataFrame())
        self._release()
        if self._final is not None and self._partial is not None and self._partial.exists():
            self._partial.replace(self._final)
            self.paths = [self._final]
            self._partial = None

    def abort(self) -> None:
        """Stop after an error: close and remove a partial single file (parts stay)."""
        self._release()
        if self._partial is not None and self._partial.exists():
            self._partial.unlink()

    def _release(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()
        self._handle = None


# --------------------------------------------------------------------------- analysis

def run_analysis(analysis: str, chunk: pd.DataFrame, lexset: LexiconSet,
                 options: dict[str, Any]) -> pd.DataFrame:
    """One analysis on one table of articles with compiled lexicons: the unit of work of
    :func:`analyse_chunks` and of :mod:`framing.dask`.

    Example:
        >>> run_analysis("spans", pd.DataFrame({"text": ["Kiev."]}), LexiconSet("naming"), {})["text"].tolist()
        ['Kiev']
    """
    if analysis == "features":
        from .features import score

        return score(chunk, lexset, progress=False, **options)
    if analysis == "spans":
        from .spans import find_spans

        return find_spans(chunk, lexset, progress=False)
    if analysis == "quotes":
        from .attribution import _quotes_chunk, _words

        nested = options.get("nested", True)
        cues = options.get("cue_model")
        extra = {}
        if cues is not None:
            from .attribution import _extra_cues

            extra = _extra_cues(cues.predict(chunk, threshold=cues.threshold_for(
                "rules" if nested else "rules_nested_false")))
        out = _quotes_chunk(chunk, lexset, titles=options.get("titles", True), extra=extra)
        if not nested:
            out = out[~out["nested"]].reset_index(drop=True)
        out.attrs["lexicons"] = {**lexset.stamps(), "speakers": _words().stamp}
        return out
    raise ValueError(f"unknown analysis {analysis!r}; known: {', '.join(ANALYSES)}")


def _job(analysis: str, options: dict[str, Any], chunk: pd.DataFrame, lexset: LexiconSet) -> pd.DataFrame:
    return run_analysis(analysis, chunk, lexset, options)


def lexicons_for(analysis: str, lexicons: LexiconsArg = None, *, frames: bool = False) -> LexiconSet:
    """The compiled lexicons an analysis runs with: the given ones (default: the built-ins of
    :data:`framing.DEFAULT_LEXICONS`), the ``frames`` lexicon added for ``frames=True``
    features, and for ``quotes`` the one ``attribution`` lexicon (``lexicons`` may name
    another).

    Example:
        >>> [lx.name for lx in lexicons_for("quotes").lexicons]
        ['attribution']
    """
    if analysis == "quotes":
        if isinstance(lexicons, LexiconSet):
            return lexicons
        return LexiconSet([lexicons if lexicons is not None else "attribution"])
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    if analysis == "features" and frames:
        from .features import _with_frames

        lexset = _with_frames(lexset)
    return lexset


def analyse_chunks(chunks: Iterable[pd.DataFrame], analysis: str = "features", *,
                   lexicons: LexiconsArg = None, n_jobs: int = 1, progress: bool | None = None,
                   total: int | None = None, **options: Any) -> Iterator[pd.DataFrame]:
    """Run one analysis on each chunk of articles and yield the result tables in input order.

    Args:
        chunks: tables of articles, e.g. ``framing.iter_articles(path, chunksize=2000)``
            (consumed lazily: only the chunks in flight are in memory).
        analysis: ``"features"`` (:func:`framing.score`; options ``sourcing``, ``sentiment``,
            ``frames``), ``"spans"`` (:func:`framing.find_spans`) or ``"quotes"``
            (:func:`framing.quotes`; options ``titles``, ``nested``, ``cue_model`` = a
            :class:`framing.cuemodel.CueModel`; ``lexicons`` is the cue lexicon).
        lexicons: as in :func:`framing.find_spans`; compiled once, in each worker once.
        n_jobs: worker processes (``1``: this process). Each worker compiles the lexicons
            once; at most ``2 * n_jobs`` chunks are in flight. The tables are the same as
            with one job.
        progress: a tqdm bar counting articles with their rate (``None``: in a terminal or a
            notebook, see :func:`framing.progress.progress_enabled`).
        total: the number of articles, when known, for the bar's percentage.
        **options: passed to the analysis.

    Yields:
        One result table per chunk (features: indexed by ``doc_id``; spans and quotes: one
        row per span or attribution), with ``attrs["lexicons"]``.

    Example:
        >>> chunks = [pd.DataFrame({"text": ["Kiev said."]}, index=pd.Index(["a"], name="doc_id")),
        ...           pd.DataFrame({"text": ["Kyiv."]}, index=pd.Index(["b"], name="doc_id"))]
        >>> [t["text"].tolist() for t in analyse_chunks(chunks, "spans", lexicons="naming", progress=False)]
        [['Kiev'], ['Kyiv']]
    """
    if analysis not in ANALYSES:
        raise ValueError(f"unknown analysis {analysis!r}; known: {', '.join(ANALYSES)}")
    if n_jobs < 1:
        raise ValueError("n_jobs must be at least 1")
    lexset = lexicons_for(analysis, lexicons, frames=bool(options.get("frames")))
    bar = progress_bar(total, analysis, progress, min_items=0)
    stamps = lexset.stamps()
    try:
        if n_jobs == 1:
            for chunk in chunks:
                out = run_analysis(analysis, chunk, lexset, options)
                if bar is not None:
                    bar.update(len(chunk))
                yield out
            return
        for out in parallel_chunks(partial(_job, analysis, options), chunks, lexset, n_jobs, bar):
            out.attrs.setdefault("lexicons", stamps)
            yield out
    finally:
        if bar is not None:
            bar.close()

