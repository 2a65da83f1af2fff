"""Load news articles from files, folders, globs or DataFrames into the articles table.

One function, :func:`load_articles`, and its streaming twin, :func:`iter_articles`, read
every format a newsroom archive or a research corpus comes in and return the articles
DataFrame of :mod:`framing.schema` (index ``doc_id``; ``text, title, outlet, date, url,
source_path``, plus any other columns given).

Rules (DESIGN.md, "Contracts"):

* **Formats** by extension, overridable with ``format=``: ``.txt``/``.md`` (one article a
  file), ``.html``/``.htm`` (main text via trafilatura, the ``html`` extra), ``.csv``/``.tsv``
  (delimiter sniffed among ``, ; TAB |``), ``.jsonl``/``.ndjson``/``.json``, ``.parquet``;
  ``.gz``, ``.bz2`` and ``.xz`` of the text formats are read compressed.
* **Structured input keeps ``text`` verbatim**, so character offsets computed later index
  into the text exactly as given. Raw pages (``.txt``, ``.html``) are cleaned by
  :mod:`framing.clean`; what was removed is kept in the ``removed`` column.
* **Nothing is lost silently**: every input record is either loaded or reported, with file,
  line (or record number) and reason, as a :class:`FramingLoadWarning` and in the
  :class:`LoadReport`. ``errors="raise"`` stops at the first bad record instead. A path that
  does not exist is an error in both modes. Input files are only ever opened for reading.
* **Stable ids**: ``doc_id`` is the given id (``id``, ``doc_id``, ``ID``, ``article_id``),
  else the first 16 hex digits of SHA-1 over outlet, title and text.
* **Duplicates** (same text) are dropped after the first and reported with a count.

The column aliases and the cleaning of scraped pages follow common practice in news-corpus
tooling (e.g. the boilerplate-removal literature: Kohlschütter, Fankhauser & Nejdl 2010,
"Boilerplate detection using shallow text features", WSDM; Barbaresi 2021, "Trafilatura: A
Web Scraping Library and Command-Line Tool for Text Discovery and Extraction", ACL demos).

Example:
    >>> import framing
    >>> df = framing.load_articles(framing.config.seeds_dir())
    >>> df.loc[df.index[0], "outlet"]
    'Sputnik International'
"""

from __future__ import annotations

import bz2
import codecs
import csv
import glob as globmod
import gzip
import hashlib
import io
import json
import lzma
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Union

import pandas as pd

from . import clean as _clean
from .progress import progress_bar
from .schema import ARTICLE_COLUMNS

__all__ = [
    "COLUMN_ALIASES",
    "FORMATS",
    "FramingLoadWarning",
    "LoadError",
    "LoadProblem",
    "LoadReport",
    "MissingExtraError",
    "iter_articles",
    "load_articles",
]

Source = Union[str, os.PathLike, pd.DataFrame, Iterable[Union[str, os.PathLike]]]
ErrorMode = Literal["report", "raise"]

#: File extension -> format name.
FORMATS: dict[str, str] = {
    ".txt": "txt", ".md": "txt", ".text": "txt",
    ".html": "html", ".htm": "html",
    ".csv": "csv", ".tsv": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".parquet": "parquet", ".pq": "parquet",
}
_COMPRESSED: dict[str, Callable[..., IO[bytes]]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}

#: Canonical column -> names accepted for it in structured input, in order of preference.
#: ``content_original`` precedes ``content`` because AllSides-style corpora keep a
#: tokenised copy in ``content``.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id", "ID", "Id", "article_id"),
    "text": ("text", "content_original", "content", "body", "article", "full_text"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "publication"),
    "date": ("date", "published", "publication_date", "published_at", "pub_date"),
    "url": ("url", "link", "news_link"),
}

#: A raw page (.txt/.html) larger than this is not one article; raise it with ``max_file_bytes``.
MAX_PAGE_BYTES = 20 * 1024 * 1024
_CHUNK = 5000
_DATE_MIN, _DATE_MAX = pd.Timestamp("1800-01-01"), pd.Timestamp("2100-12-31")


def _text_dtype() -> Any:
    """pandas' ``str`` dtype with Python storage (pandas >= 2.3), else ``object``."""
    try:
        return pd.StringDtype("python", na_value=float("nan"))
    except TypeError:  # pragma: no cover - pandas < 2.3
        return object


_TEXT_DTYPE = _text_dtype()


class FramingLoadWarning(UserWarning):
    """A record was skipped, or loaded with a caveat (e.g. decoded as cp1252)."""


class LoadError(ValueError):
    """Bad input under ``errors="raise"``; carries the :class:`LoadProblem`."""

    def __init__(self, problem: LoadProblem):
        super().__init__(str(problem))
        self.problem = problem


class MissingExtraError(ImportError):
    """An optional dependency is needed for this input (the message says how to install it)."""


@dataclass(frozen=True)
class LoadProblem:
    """One input record (or whole file) that was skipped, dropped, or loaded with a caveat.

    ``where`` is ``"line 12"``, ``"record 3"``, ``"row 7"`` or ``""`` for a whole file.
    ``kind`` is ``"skipped"`` (bad input, not loaded), ``"duplicate"`` (dropped, same text
    as an earlier article) or ``"warning"`` (loaded, with a caveat); ``count`` is how many
    records the problem stands for.

    Example:
        >>> str(LoadProblem("a.jsonl", "line 3", "invalid JSON"))
        'a.jsonl:line 3: invalid JSON'
    """

    path: str
    where: str
    reason: str
    kind: Literal["skipped", "duplicate", "warning"] = "skipped"
    count: int = 1

    def __str__(self) -> str:
        loc = f"{self.path}:{self.where}" if self.where else self.path
        return f"{loc}: {self.reason}"


@dataclass
class LoadReport:
    """What a load did: counts and every problem, in input order.

    Example:
        >>> r = LoadReport(files=2, loaded=5)
        >>> r.summary()
        'loaded 5 articles from 2 files'
    """

    files: int = 0
    loaded: int = 0
    problems: list[LoadProblem] = field(default_factory=list)

    def _count(self, kind: str) -> int:
        return sum(p.count for p in self.problems if p.kind == kind)

    @property
    def skipped(self) -> int:
        """Records not loaded because of bad input."""
        return self._count("skipped")

    @property
    def duplicates(self) -> int:
        """Records dropped because their text repeats an earlier article."""
        return self._count("duplicate")

    @property
    def warnings(self) -> int:
        """Records (or files) loaded with a caveat."""
        return self._count("warning")

    def summary(self) -> str:
        """One line: loaded, skipped, duplicates, warnings.

        Example:
            >>> LoadReport(1, 2, [LoadProblem("f", "line 1", "bad")]).summary()
            'loaded 2 articles from 1 file; skipped 1'
        """
        def n(k: int, word: str) -> str:
            return f"{k} {word}{'s' * (k != 1)}"
        parts = [f"loaded {n(self.loaded, 'article')} from {n(self.files, 'file')}"]
        if self.skipped:
            parts.append(f"skipped {self.skipped}")
        if self.duplicates:
            parts.append(f"dropped {n(self.duplicates, 'duplicate')}")
        if self.warnings:
            parts.append(n(self.warnings, "warning"))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Counts plus the problems as strings (for ``DataFrame.attrs`` and JSON)."""
        return {"files": self.files, "loaded": self.loaded, "skipped": self.skipped,
                "duplicates": self.duplicates, "warnings": self.warnings,
                "problems": [str(p) for p in self.problems]}


# --------------------------------------------------------------------------- sources

def _resolve(source: Source) -> list[tuple[Path | None, Any]]:
    """Expand a source into (path, payload) items: files from paths, folders and globs."""
    if isinstance(source, pd.DataFrame):
        return [(None, source)]
    if isinstance(source, (str, os.PathLike)):
        items: Iterable[Any] = [source]
    else:
        items = list(source)
    out: list[tuple[Path | None, Any]] = []
    for item in items:
        if isinstance(item, pd.DataFrame):
            out.append((None, item))
            continue
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend((p, None) for p in files)
        elif path.is_file():
            out.append((path, None))
        elif globmod.has_magic(text):
            matches = sorted(Path(m) for m in globmod.glob(text, recursive=True) if Path(m).is_file())
            if not matches:
                raise FileNotFoundError(f"no files match {text!r}")
            out.extend((m, None) for m in matches)
        else:
            raise FileNotFoundError(f"no such file or directory: {text!r}")
    return out


def _format_of(path: Path, format: str | None) -> tuple[str | None, Callable[..., IO[bytes]]]:
    suffixes = [s.lower() for s in path.suffixes]
    opener: Callable[..., IO[bytes]] = open
    if suffixes and suffixes[-1] in _COMPRESSED:
        opener = _COMPRESSED[suffixes.pop()]
    if format is not None:
        return format, opener
    return (FORMATS.get(suffixes[-1]) if suffixes else None), opener


# --------------------------------------------------------------------------- decoding

def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.05


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOM allowed), else cp1252 with a warning text."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        first = err.start
    try:
        return data.decode("cp1252"), (f"not valid UTF-8 (byte 0x{data[first]:02x} at offset "
                                       f"{first}); decoded as cp1252")
    except UnicodeDecodeError as err2:
        raise UnicodeDecodeError(err2.encoding, err2.object, err2.start, err2.end,
                                 f"undecodable byte 0x{data[err2.start]:02x} at offset "
                                 f"{err2.start} (tried UTF-8, UTF-8 with BOM, cp1252)") from None


def _stream_encoding(path: Path, opener: Callable[..., IO[bytes]]) -> tuple[str, str | None]:
    """Find the encoding of a whole streamed file without holding it in memory."""
    for enc in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(enc)()
        offset = 0
        try:
            with opener(path, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            if enc == "cp1252":
                raise UnicodeDecodeError(enc, b"", 0, 1, f"undecodable byte at offset "
                                         f"{offset + err.start} (tried UTF-8, UTF-8 with BOM, "
                                         f"cp1252)") from None
            continue
        warn = None if enc == "utf-8-sig" else "not valid UTF-8; decoded as cp1252"
        return enc, warn
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- readers
# Each reader yields (where, record-dict) or a LoadProblem; a whole-file problem stops it.

Yielded = Union[tuple[str, dict[str, Any]], LoadProblem]


def _read_page(path: Path, opener: Callable[..., IO[bytes]], fmt: str, clean: bool,
               max_bytes: int) -> Iterator[Yielded]:
    name = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        yield LoadProblem(name, "", f"file is {size / 2**20:.0f} MB, too large for one article "
                          f"(limit {max_bytes / 2**20:.0f} MB; pass max_file_bytes= to raise it)")
        return
    with opener(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if _looks_binary(data[:8192]):
        yield LoadProblem(name, "", "binary file, not text")
        return
    try:
        raw, warn = _decode(data)
    except UnicodeDecodeError as err:
        yield LoadProblem(name, "", err.reason)
        return
    if warn:
        yield LoadProblem(name, "", warn, kind="warning")
    if not raw.strip():
        yield LoadProblem(name, "", "empty file")
        return
    if fmt == "html":
        rec = _html_record(raw, name, clean)
    elif clean:
        page = _clean.clean_page(raw, source=name)
        rec = {"text": page.text, "title": page.title, "outlet": page.outlet, "date": page.date,
               "author": page.author, "removed": _removed_text(page.removed)}
    else:
        rec = {"text": raw}
    if not rec.get("text", "").strip():
        yield LoadProblem(name, "", "no article text left after cleaning (see framing.clean)")
        return
    yield "", rec


def _removed_text(removed: Iterable[Any]) -> str:
    return "\n".join(f"L{r.line} [{r.reason}] {r.text}" for r in removed)


def _html_record(raw: str, name: str, clean: bool) -> dict[str, Any]:
    try:
        import trafilatura
    except ImportError:
        raise MissingExtraError(
            f"{name}: reading HTML needs trafilatura; install the extra with "
            "`pip install 'framing[html]'` (or convert the pages to .txt)") from None
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return {"text": ""}
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    text = _clean.normalise_text(meta.get("text") or "")
    removed = "[html] markup, scripts, styles, navigation and page furniture removed by trafilatura"
    title = meta.get("title")
    head, sep, rest = text.partition("\n")
    if title and sep and head.strip() == _clean.normalise_text(title).strip():
        text = rest.lstrip("\n")  # the <h1> headline is metadata, not body
        removed += f"\n[title] {head.strip()}"
    if clean:
        text, rem = _clean.clean_body(text)
        if rem:
            removed += "\n" + _removed_text(rem)
    return {"text": text, "title": meta.get("title"), "outlet": meta.get("sitename"),
            "date": meta.get("date"), "author": meta.get("author"), "url": meta.get("url"),
            "removed": removed}


def _read_jsonl(path: Path, opener: Callable[..., IO[bytes]]) -> Iterator[Yielded]:
    name = str(path)
    with opener(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if n == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            if b"\x00" in line:
                yield LoadProblem(name, f"line {n}", "binary data (NUL byte), not JSON")
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = line.decode("cp1252")
                except UnicodeDecodeError as err:
                    yield LoadProblem(name, f"line {n}", f"undecodable byte at column {err.start + 1}")
                    continue
                yield LoadProblem(name, f"line {n}", "not valid UTF-8; decoded as cp1252", kind="warning")
            try:
                rec = json.loads(text)
            except json.JSONDecodeError as err:
                yield LoadProblem(name, f"line {n}", f"invalid JSON ({err.msg} at column {err.colno})")
                continue
            if not isinstance(rec, dict):
                yield LoadProblem(name, f"line {n}", f"expected a JSON object, got {type(rec).__name__}")
                continue
            yield f"line {n}", rec


def _container_list(obj: dict[str, Any]) -> list[Any] | None:
    """The records of ``{"articles": [{...}, ...]}``; None when ``obj`` is itself an article.

    An object with a text field is one article; otherwise its single list of objects holds
    the records.
    """
    if any(k in obj for k in COLUMN_ALIASES["text"]):
        return None
    lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    return lists[0] if len(lists) == 1 else None


def _read_json(path: Path, opener: Callable[..., IO[bytes]]) -> Iterator[Yielded]:
    name = str(path)
    with opener(path, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        # One object per line (JSONL with a .json name) unless the whole file is one object.
        with opener(path, "rb") as fh:
            first = fh.readline()
        try:
            first_obj = json.loads(first)
        except json.JSONDecodeError:
            first_obj = None
        if isinstance(first_obj, dict) and _container_list(first_obj) is None:
            yield from _read_jsonl(path, opener)
            return
    with opener(path, "rb") as fh:
        data = fh.read()
    try:
        text, warn = _decode(data)
        obj = json.loads(text)
    except UnicodeDecodeError as err:
        yield LoadProblem(name, "", err.reason)
        return
    except json.JSONDecodeError as err:
        yield LoadProblem(name, f"line {err.lineno}", f"invalid JSON ({err.msg} at column {err.colno}); "
                          "the whole file is skipped")
        return
    if warn:
        yield LoadProblem(name, "", warn, kind="warning")
    if isinstance(obj, dict):
        records = _container_list(obj)
        obj = records if records is not None else [obj]
    if not isinstance(obj, list):
        yield LoadProblem(name, "", f"expected a JSON array of objects, got {type(obj).__name__}")
        return
    for i, rec in enumerate(obj, 1):
        if isinstance(rec, dict):
            yield f"record {i}", rec
        else:
            yield LoadProblem(name, f"record {i}", f"expected a JSON object, got {type(rec).__name__}")


def _sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample, judged from its header line.

    Header lines rarely hold quoted delimiters, unlike long article texts (which defeat
    :class:`csv.Sniffer` on files such as MBIC's ``;``-separated CSV): the candidate among
    ``, ; TAB |`` that occurs most often in the first line wins; ``,`` when none occurs.
    """
    header = sample.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path, opener: Callable[..., IO[bytes]], fmt: str) -> Iterator[Yielded]:
    name = str(path)
    with opener(path, "rb") as fh:
        head = fh.read(65536)
    if not head.strip():
        yield LoadProblem(name, "", "empty file")
        return
    if _looks_binary(head[:8192]):
        yield LoadProblem(name, "", "binary file, not text")
        return
    try:
        encoding, warn = _stream_encoding(path, opener)
    except UnicodeDecodeError as err:
        yield LoadProblem(name, "", err.reason)
        return
    if warn:
        yield LoadProblem(name, "", warn, kind="warning")
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(head.decode(encoding, errors="replace"))
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with opener(path, "rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield LoadProblem(name, "", "empty file")
            return
        width = len(header)
        start = reader.line_num + 1
        try:
            for row in reader:
                where = f"line {start}"
                start = reader.line_num + 1
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != width:
                    yield LoadProblem(name, where, f"{len(row)} fields, the header has {width} "
                                      f"(delimiter {delimiter!r})")
                    continue
                yield where, dict(zip(header, row))
        except csv.Error as err:
            yield LoadProblem(name, f"line {start}", f"unreadable CSV ({err}); the rest of the file "
                              "is skipped")


def _read_parquet(path: Path) -> Iterator[Yielded]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several types for broken files
        yield LoadProblem(str(path), "", f"not a readable Parquet file ({err})")
        return
    row = 0
    for batch in pf.iter_batches(batch_size=_CHUNK):
        for rec in batch.to_pylist():
            row += 1
            yield f"row {row}", rec


def _read_frame(df: pd.DataFrame) -> Iterator[Yielded]:
    frame = df
    if frame.index.name in COLUMN_ALIASES["doc_id"] and frame.index.name not in frame.columns:
        frame = frame.reset_index()
    for i, rec in enumerate(frame.to_dict("records")):
        yield f"row {i}", rec


# --------------------------------------------------------------------------- normalising

def _resolve_columns(keys: Iterable[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Map canonical column -> source key for one record's keys."""
    keys = list(keys)
    chosen: dict[str, str] = {}
    if mapping:
        for src, dst in mapping.items():
            if src in keys:
                chosen[dst] = src
    for canon, aliases in COLUMN_ALIASES.items():
        if canon in chosen:
            continue
        for alias in aliases:
            if alias in keys and alias not in chosen.values():
                chosen[canon] = alias
                break
    return chosen


def _make_id(outlet: Any, title: Any, text: str) -> str:
    h = hashlib.sha1()
    for part in (outlet, title):
        h.update(("" if part is None else str(part)).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, float):
        return value != value
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class _Normaliser:
    """Turns raw records into canonical rows; keeps dedupe state across chunks.

    Duplicate texts are found by a key of Python's 64-bit string hash and the text's length
    (no re-encoding of the text; a false duplicate would need a 64-bit collision between two
    texts of equal length). The state costs about 150 bytes per article.
    """

    def __init__(self, mapping: Mapping[str, str] | None, clean_structured: bool, dedupe: bool):
        self.mapping = dict(mapping or {})
        self.clean_structured = clean_structured
        self.dedupe = dedupe
        self.seen_text: dict[int, str] = {}
        self.seen_id: dict[str, tuple[str, str]] = {}
        self._cache: dict[tuple[str, ...], tuple[dict[str, str], tuple[str, ...]]] = {}

    def _columns(self, keys: tuple[str, ...]) -> tuple[dict[str, str], tuple[str, ...]]:
        cols = _resolve_columns(keys, self.mapping)
        used = set(cols.values())
        return cols, tuple(k for k in keys if k not in used)

    def __call__(self, rec: dict[str, Any], path: str, where: str, structured: bool
                 ) -> dict[str, Any] | LoadProblem:
        keys = tuple(rec)
        cached = self._cache.get(keys)
        if cached is None:
            cached = self._cache.setdefault(keys, self._columns(keys))
        cols, extras = cached
        if "text" not in cols:
            looked = ", ".join(COLUMN_ALIASES["text"])
            return LoadProblem(path, where, f"no text column (looked for {looked}); "
                               f"fields are: {', '.join(map(str, keys))}")
        row = {k: rec[k] for k in extras}
        for canon, key in cols.items():
            row[canon] = rec[key]
        text = row["text"]
        if not isinstance(text, str):
            if _is_missing(text):
                return LoadProblem(path, where, f"empty text (field {cols['text']!r})")
            return LoadProblem(path, where, f"text is a {type(text).__name__}, not a string")
        if not text.strip():
            return LoadProblem(path, where, f"empty text (field {cols['text']!r})")
        if structured and self.clean_structured:
            text, removed = _clean.clean_body(_clean.normalise_text(text))
            row["text"], row["removed"] = text, _removed_text(removed)
        for canon in ARTICLE_COLUMNS:
            if _is_missing(row.get(canon)):
                row[canon] = None
        if row["source_path"] is None:
            row["source_path"] = path
        given = row.pop("doc_id", None)
        doc_id = None if _is_missing(given) else str(given).strip() or None
        if doc_id is None:
            doc_id = _make_id(row["outlet"], row["title"], row["text"])
        if self.dedupe:
            key = hash(row["text"]) ^ (len(row["text"]) << 64)
            first = self.seen_text.get(key)
            if first is not None:
                fpath, fwhere = self.seen_id[first]
                return LoadProblem(path, where, f"duplicate of {first!r} ({fpath}:{fwhere}): same text",
                                   kind="duplicate")
            self.seen_text[key] = doc_id
        if doc_id in self.seen_id:
            fpath, fwhere = self.seen_id[doc_id]
            return LoadProblem(path, where, f"id {doc_id!r} already used at {fpath}:{fwhere}")
        self.seen_id[doc_id] = (path, where)
        row["doc_id"] = doc_id
        return row


def _parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse mixed date values to naive datetime64 (UTC); also return where parsing failed.

    ISO 8601 first (vectorised), then :func:`framing.clean.parse_date` for the rest
    (day-first numeric forms such as ``18.02.2022``). Dates outside 1800-2100 count as
    failures: they are scraping errors (``0001-11-30``), not publication dates.
    """
    present = values.map(lambda v: not _is_missing(v) and str(v).strip() != "")
    as_text = values.where(present, None).map(lambda v: v if v is None else
                                              (v.isoformat() if hasattr(v, "isoformat") else str(v).strip()))
    parsed = pd.to_datetime(as_text, errors="coerce", format="ISO8601", utc=True)
    retry = parsed.isna() & present
    if retry.any():
        extra = as_text[retry].map(_clean.parse_date)
        extra = extra.map(lambda d: d if d is not None and _DATE_MIN <= pd.Timestamp(d) <= _DATE_MAX
                          else None)
        extra = pd.to_datetime(extra, errors="coerce", utc=True)
        parsed = parsed.where(~retry, extra)
    parsed = parsed.dt.tz_convert(None)
    parsed = parsed.mask((parsed < _DATE_MIN) | (parsed > _DATE_MAX)).astype("datetime64[ns]")
    return parsed, parsed.isna() & present


def _frame(rows: list[dict[str, Any]], wheres: list[str], report: LoadReport) -> pd.DataFrame:
    """Build one chunk of the articles table; unparsable dates are reported, kept raw."""
    names: dict[str, None] = dict.fromkeys(("doc_id", *ARTICLE_COLUMNS))
    for row in rows:
        names.update(dict.fromkeys(row))
    columns = {name: [row.get(name) for row in rows] for name in names}
    # The text stays as the Python strings read (no second copy into Arrow memory): later
    # stages work on Python strings, and offsets index them directly.
    columns["text"] = pd.array(columns["text"], dtype=_TEXT_DTYPE)
    df = pd.DataFrame(columns)
    if len(df):
        dates, failed = _parse_dates(df["date"])
        if failed.any():
            df["date_raw"] = df["date"].map(lambda v: None if _is_missing(v) else str(v))
            for i in failed.to_numpy().nonzero()[0]:
                p = LoadProblem(wheres[i], "", f"date {df['date_raw'].iat[i]!r} could not be parsed "
                                "(NaT; the value is kept in column date_raw)", kind="warning")
                report.problems.append(p)
                warnings.warn(str(p), FramingLoadWarning, stacklevel=4)
        df["date"] = dates
    else:
        df["date"] = pd.Series([], dtype="datetime64[ns]")
    ordered = ["doc_id", *ARTICLE_COLUMNS]
    df = df[ordered + [c for c in df.columns if c not in ordered]]
    return df.set_index("doc_id")


# --------------------------------------------------------------------------- public API

def iter_articles(
    source: Source,
    *,
    chunksize: int = 1000,
    format: str | None = None,
    clean: bool | None = None,
    errors: ErrorMode = "report",
    columns: Mapping[str, str] | None = None,
    dedupe: bool = True,
    max_file_bytes: int = MAX_PAGE_BYTES,
    report: LoadReport | None = None,
    progress: bool | None = False,
) -> Iterator[pd.DataFrame]:
    """Stream articles as DataFrames of at most ``chunksize`` rows (same contract as
    :func:`load_articles`), holding one chunk of text in memory at a time.

    Deduplication state (a 16-byte hash per article) spans chunks, so the stream as a
    whole has unique texts and ids. Pass a :class:`LoadReport` to collect counts and
    problems; they are also issued as :class:`FramingLoadWarning`.

    Example:
        >>> import framing
        >>> chunks = list(framing.iter_articles(framing.config.seeds_dir(), chunksize=10))
        >>> len(chunks), len(chunks[0])
        (1, 1)
    """
    if isinstance(source, str) and "\n" in source:
        raise TypeError("source looks like article text, not a path; wrap text in a DataFrame "
                        "with a 'text' column")
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    if chunksize < 1:
        raise ValueError("chunksize must be at least 1")
    report = report if report is not None else LoadReport()
    items = _resolve(source)
    normalise = _Normaliser(columns, clean_structured=bool(clean), dedupe=dedupe)
    bar = _progress(progress, items)

    def problem(p: LoadProblem) -> None:
        report.problems.append(p)
        if p.kind == "skipped" and errors == "raise":
            raise LoadError(p)
        warnings.warn(str(p), FramingLoadWarning, stacklevel=3)

    rows: list[dict[str, Any]] = []
    wheres: list[str] = []
    try:
        for path, frame in items:
            name = str(path) if path is not None else "<DataFrame>"
            report.files += 1
            if frame is not None:
                records: Iterable[Yielded] = _read_frame(frame)
                structured = True
            else:
                fmt, opener = _format_of(path, format)
                structured = fmt not in ("txt", "html")
                if fmt not in set(FORMATS.values()):
                    shown = "".join(path.suffixes) or "(none)"
                    problem(LoadProblem(name, "", f"unknown file type {shown!r}; known: "
                                        f"{', '.join(sorted(FORMATS))} (or pass format=)"))
                    continue
                if path.stat().st_size == 0:
                    problem(LoadProblem(name, "", "empty file"))
                    continue
                if fmt in ("txt", "html"):
                    records = _read_page(path, opener, fmt, clean is not False, max_file_bytes)
                elif fmt == "jsonl":
                    records = _read_jsonl(path, opener)
                elif fmt == "json":
                    records = _read_json(path, opener)
                elif fmt in ("csv", "tsv"):
                    records = _read_csv(path, opener, fmt)
                else:
                    records = _read_parquet(path)
            no_text: LoadProblem | None = None
            for item in records:
                if isinstance(item, LoadProblem):
                    problem(item)
                    continue
                where, rec = item
                out = normalise(rec, name, where, structured)
                if isinstance(out, LoadProblem):
                    if out.reason.startswith("no text column") and no_text is not None:
                        # Same defect on every record: one message per file, with a count.
                        no_text = LoadProblem(name, no_text.where, no_text.reason, count=no_text.count + 1)
                        continue
                    if out.reason.startswith("no text column"):
                        no_text = out
                        if errors == "raise":
                            problem(out)
                        continue
                    problem(out)
                    continue
                rows.append(out)
                wheres.append(f"{name}:{where}" if where else name)
                report.loaded += 1
                if bar is not None:
                    bar.update(1)
                if len(rows) >= chunksize:
                    yield _frame(rows, wheres, report)
                    rows, wheres = [], []
            if no_text is not None:
                if no_text.count > 1:
                    no_text = LoadProblem(name, "", f"{no_text.count} records from {no_text.where} on "
                                          f"skipped: {no_text.reason}", count=no_text.count)
                problem(no_text)
        if rows or report.loaded == 0:
            yield _frame(rows, wheres, report)
    finally:
        if bar is not None:
            bar.close()


def _progress(progress: bool | None, items: list[tuple[Path | None, Any]]) -> Any:
    """A loading bar (:func:`framing.progress.progress_bar`); by default only for inputs
    of 50 MB or more."""
    if progress is None and sum(p.stat().st_size for p, _ in items if p is not None) < 50 * 2**20:
        return None
    return progress_bar(None, "loading", progress)


def load_articles(
    source: Source,
    *,
    format: str | None = None,
    clean: bool | None = None,
    errors: ErrorMode = "report",
    columns: Mapping[str, str] | None = None,
    dedupe: bool = True,
    max_file_bytes: int = MAX_PAGE_BYTES,
    report: LoadReport | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load articles from a path, folder (recursive), glob, list of these, or DataFrame.

    Args:
        source: what to read. A folder is read recursively (hidden files skipped), files
            sorted by path; a DataFrame is validated and normalised.
        format: force a format (``txt, html, csv, tsv, jsonl, json, parquet``) instead of
            guessing from the extension.
        clean: ``None`` (default) cleans raw pages (.txt, .html) and keeps structured text
            verbatim; ``True`` cleans structured text too (offsets then index into the
            cleaned text); ``False`` cleans nothing.
        errors: ``"report"`` loads every good record and reports every bad one (warnings and
            ``report``); ``"raise"`` raises :class:`LoadError` at the first bad record.
        columns: explicit ``{source_column: canonical_column}`` mapping, overriding
            :data:`COLUMN_ALIASES` (e.g. ``{"article": "text"}`` for MBIC).
        dedupe: drop articles whose text repeats an earlier one (reported).
        max_file_bytes: a raw page larger than this is reported, not read.
        report: a :class:`LoadReport` to fill with counts and problems.
        progress: a progress bar (``None``: only for inputs over 50 MB).

    Returns:
        The articles table (index ``doc_id``; ``text, title, outlet, date, url,
        source_path`` first, then ``author``/``removed``/other given columns).
        ``df.attrs["load_report"]`` holds the report as a dict.

    Raises:
        FileNotFoundError: a path does not exist or a glob matches nothing.
        LoadError: a bad record under ``errors="raise"``.
        MissingExtraError: HTML input without the ``html`` extra installed.

    Example:
        >>> import pandas as pd
        >>> df = load_articles(pd.DataFrame({"id": [7], "content": ["Troops moved."],
        ...                                  "source": ["Wire"]}))
        >>> df.loc["7", ["text", "outlet"]].tolist()
        ['Troops moved.', 'Wire']
    """
    report = report if report is not None else LoadReport()
    chunks = list(iter_articles(source, chunksize=_CHUNK * 10, format=format, clean=clean,
                                errors=errors, columns=columns, dedupe=dedupe,
                                max_file_bytes=max_file_bytes, report=report, progress=progress))
    df = chunks[0] if len(chunks) == 1 else pd.concat(chunks)
    df.attrs["load_report"] = report.to_dict()
    return df
