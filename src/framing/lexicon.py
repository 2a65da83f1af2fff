"""Lexicons: plain data files of patterns, each entry with a category and a reason.

One type, :class:`Lexicon`, and one constructor for every format, :func:`load_lexicon`,
chosen by file extension (as quanteda's ``dictionary()`` does; Benoit et al. 2018,
"quanteda: An R package for the quantitative analysis of textual data", JOSS):

* ``.tsv``: the project's format (``src/framing/lexicons/README.md``): ``# name:``,
  ``# version:``, ``# description:`` lines, a header row ``pattern category subcategory
  weight note source`` (optional ``alternative signals domain``), one entry a row;
* ``.yml``/``.yaml``: quanteda-style nested keys, ``category: [patterns]`` or
  ``category: {subcategory: [patterns]}``;
* ``.dic``: LIWC (Pennebaker et al. 2015): a ``%``-delimited header of numbered
  categories, then ``pattern<TAB>numbers``; entries this reader cannot represent
  (conditional categories such as ``(02 134)135/126``) are skipped and *listed*.
* a bare name (``"loaded"``) loads the built-in lexicon of that name.

Patterns: lowercase words separated by spaces; ``*`` at the end of a word matches any
continuation of it (``accus*``); hyphens and spaces are interchangeable; words are cut into
tokens by exactly the rules used on article text (:mod:`framing.tokenize`), so
``"u.s. officials"`` and ``"kiev's"`` mean what they look like.

Errors name the file and line: a duplicate pattern, an empty pattern, a malformed ``*``, an
unknown or missing column, a bad weight. A pattern that can never match (e.g. it contains
punctuation that article text would split on) is kept but reported as a
:class:`LexiconWarning`. Every lexicon has a ``name``, a ``version`` and a content ``hash``
(SHA-256 of its entries, format-independent), stamped into every output table.

Example:
    >>> lex = load_lexicon("attribution")
    >>> lex.name, lex.category_counts()["attribution"] > 150
    ('attribution', True)
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .tokenize import gap_ok, normal_form, reference_tokens

__all__ = [
    "BUILTIN_DIR",
    "Entry",
    "Lexicon",
    "LexiconError",
    "LexiconWarning",
    "builtin_lexicons",
    "load_lexicon",
    "parse_pattern",
]

#: Folder of the built-in lexicons.
BUILTIN_DIR = Path(__file__).with_name("lexicons")

REQUIRED = ("pattern", "category", "subcategory", "weight", "note", "source")
OPTIONAL = ("alternative", "signals", "domain")


class LexiconError(ValueError):
    """A malformed lexicon file; the message starts with ``file:line:``."""


class LexiconWarning(UserWarning):
    """A lexicon entry that is kept but can never match, or input that was skipped."""


@dataclass(frozen=True)
class Entry:
    """One lexicon entry.

    ``words`` are the pattern's tokens in normal form; ``prefix[i]`` says whether word ``i``
    ends with ``*`` (matches any continuation). ``line`` is the source line number.

    Example:
        >>> e = parse_pattern("self-decl*")
        >>> e
        (('self', 'decl'), (False, True))
    """

    pattern: str
    words: tuple[str, ...]
    prefix: tuple[bool, ...]
    category: str
    subcategory: str = ""
    weight: float = 1.0
    note: str = ""
    source: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)
    line: int = 0

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        """What makes two patterns the same (hyphen and space, case, apostrophes folded)."""
        return self.words, self.prefix


def parse_pattern(pattern: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Cut a pattern into normal-form tokens and their wildcard flags.

    Raises :class:`ValueError` for an empty pattern or a ``*`` that does not end a word,
    and for a pattern that can never match article text (a gap between its tokens that
    is not whitespace or one hyphen, or characters outside tokens).

    Example:
        >>> parse_pattern("U.S. officials")
        (('u.s.', 'officials'), (False, False))
        >>> parse_pattern("people's republic")
        (("people's", 'republic'), (False, False))
    """
    text = pattern.strip()
    if not text:
        raise ValueError("empty pattern")
    if "**" in text or re.search(r"\*(?=[^\s\-])", text) or re.search(r"(^|[\s\-])\*", text):
        raise ValueError(f"'*' must end a word, as in 'accus*' (got {pattern!r})")
    stars = {m.start() for m in re.finditer(r"\*", text)}
    plain = text.replace("*", " ")  # a star ends its word; the text after it is a gap
    toks = reference_tokens(plain)
    if not toks:
        raise ValueError(f"pattern {pattern!r} has no word characters")
    words: list[str] = []
    prefix: list[bool] = []
    for i, (start, end, norm) in enumerate(toks):
        words.append(norm)
        prefix.append(end in stars)
        if i + 1 < len(toks):
            gap = plain[end:toks[i + 1][0]]
            if not gap_ok(gap):
                raise _NeverMatches(f"pattern {pattern!r} can never match: text between "
                                    f"{norm!r} and {toks[i + 1][2]!r} is {gap!r}, but article "
                                    "words are only joined by spaces or one hyphen")
    lead, trail = plain[:toks[0][0]], plain[toks[-1][1]:]
    if lead.strip() or trail.strip(" ."):
        raise _NeverMatches(f"pattern {pattern!r} can never match: {lead.strip() or trail.strip()!r} "
                            "is not part of any word")
    return tuple(words), tuple(prefix)


class _NeverMatches(ValueError):
    """A well-formed pattern that no article text can match."""


class Lexicon:
    """A named, versioned list of :class:`Entry` objects.

    Example:
        >>> lex = Lexicon.from_records("demo", [{"pattern": "slammed", "category": "loaded"}])
        >>> len(lex), lex.entries[0].words, lex.version
        (1, ('slammed',), 'unversioned')
    """

    def __init__(self, name: str, entries: Iterable[Entry], *, version: str = "unversioned",
                 description: str = "", path: str | None = None,
                 skipped: Iterable[str] = ()):
        self.name = name
        self.version = version
        self.description = description
        self.path = path
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.skipped: tuple[str, ...] = tuple(skipped)
        h = hashlib.sha256()
        for e in self.entries:
            h.update(f"{e.pattern}\t{e.category}\t{e.subcategory}\t{e.weight!r}\n".encode())
        self.hash = h.hexdigest()[:16]

    @classmethod
    def from_records(cls, name: str, records: Iterable[Mapping[str, Any]], **kw: Any) -> Lexicon:
        """Build a lexicon from dicts with at least ``pattern`` and ``category``.

        Example:
            >>> Lexicon.from_records("x", [{"pattern": "a*", "category": "c"}]).entries[0].prefix
            (True,)
        """
        rows = [dict(r) for r in records]
        return cls(name, _entries(rows, f"<{name}>", [i + 1 for i in range(len(rows))]), **kw)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"<Lexicon {self.name} v{self.version}: {len(self)} entries, hash {self.hash}>"

    def stamp(self) -> str:
        """``name@version#hash``: how output tables record which lexicon made them.

        Example:
            >>> Lexicon("x", []).stamp()
            'x@unversioned#e3b0c44298fc1c14'
        """
        return f"{self.name}@{self.version}#{self.hash}"

    def category_counts(self) -> dict[str, int]:
        """Entries per category.

        Example:
            >>> Lexicon.from_records("x", [{"pattern": "a", "category": "c"}]).category_counts()
            {'c': 1}
        """
        return dict(Counter(e.category for e in self.entries))

    def to_frame(self) -> pd.DataFrame:
        """The entries as a DataFrame (one row each, optional columns included).

        Example:
            >>> list(Lexicon.from_records("x", [{"pattern": "a", "category": "c"}]).to_frame().columns)[:4]
            ['pattern', 'category', 'subcategory', 'weight']
        """
        rows = [{"pattern": e.pattern, "category": e.category, "subcategory": e.subcategory,
                 "weight": e.weight, "note": e.note, "source": e.source, **e.extra, "line": e.line}
                for e in self.entries]
        return pd.DataFrame(rows, columns=[*REQUIRED, *[c for c in OPTIONAL if any(c in e.extra for e in self.entries)], "line"])

    def _repr_html_(self) -> str:
        counts = Counter((e.category, e.subcategory) for e in self.entries)
        rows = "".join(f"<tr><td>{html.escape(c)}</td><td>{html.escape(s)}</td><td>{n}</td></tr>"
                       for (c, s), n in sorted(counts.items()))
        return (f"<p><b>Lexicon {html.escape(self.name)}</b> v{html.escape(self.version)} "
                f"({len(self)} entries, hash <code>{self.hash}</code>)<br>"
                f"{html.escape(self.description)}</p><table><tr><th>category</th>"
                f"<th>subcategory</th><th>entries</th></tr>{rows}</table>")


# --------------------------------------------------------------------------- building entries

def _entries(rows: list[dict[str, Any]], where: str, lines: list[int],
             duplicates: str = "error") -> list[Entry]:
    out: list[Entry] = []
    seen: dict[tuple[tuple[str, ...], tuple[bool, ...]], int] = {}
    for row, line in zip(rows, lines):
        loc = f"{where}:{line}"
        pattern = str(row.get("pattern") or "").strip().lower()
        category = str(row.get("category") or "").strip()
        if not category:
            raise LexiconError(f"{loc}: empty category for pattern {pattern!r}")
        try:
            words, prefix = parse_pattern(pattern)
        except _NeverMatches as err:
            warnings.warn(f"{loc}: {err}", LexiconWarning, stacklevel=4)
            words, prefix = (pattern,), (False,)  # kept, listed, never matched
        except ValueError as err:
            raise LexiconError(f"{loc}: {err}") from None
        key = (words, prefix)
        if key in seen and duplicates == "warn":
            warnings.warn(f"{loc}: duplicate word {pattern!r} (line {seen[key]}) skipped",
                          LexiconWarning, stacklevel=4)
            continue
        if key in seen:
            raise LexiconError(f"{loc}: duplicate pattern {pattern!r} (same as line {seen[key]}; "
                               "hyphen and space, case and apostrophes count as the same)")
        seen[key] = line
        raw_weight = row.get("weight")
        try:
            weight = 1.0 if raw_weight in (None, "") else float(raw_weight)
        except (TypeError, ValueError):
            raise LexiconError(f"{loc}: weight {raw_weight!r} is not a number") from None
        extra = {k: str(row[k]) for k in OPTIONAL if row.get(k) not in (None, "")}
        out.append(Entry(pattern, words, prefix, category, str(row.get("subcategory") or ""),
                         weight, str(row.get("note") or ""), str(row.get("source") or ""),
                         extra, line))
    return out


# --------------------------------------------------------------------------- readers

def _read_tsv(path: Path) -> Lexicon:
    meta: dict[str, str] = {}
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*(name|version|description)\s*:\s*(.*)$", line)
                if m and header is None:
                    meta[m.group(1)] = m.group(2).strip()
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
                if unknown:
                    raise LexiconError(f"{path}:{n}: unknown column(s) {', '.join(map(repr, unknown))}; "
                                       f"allowed: {', '.join(REQUIRED + OPTIONAL)}")
                missing = [c for c in ("pattern", "category") if c not in header]
                if missing:
                    raise LexiconError(f"{path}:{n}: header lacks column(s) {', '.join(missing)}")
                if len(set(header)) != len(header):
                    raise LexiconError(f"{path}:{n}: a column is named twice")
                continue
            if len(cells) != len(header):
                raise LexiconError(f"{path}:{n}: {len(cells)} fields, the header has {len(header)} "
                                   "(fields are separated by one TAB)")
            rows.append(dict(zip(header, cells)))
            lines.append(n)
    if header is None:
        raise LexiconError(f"{path}:1: no header row (expected: {chr(9).join(REQUIRED)})")
    return Lexicon(meta.get("name", path.stem), _entries(rows, str(path), lines),
                   version=meta.get("version", "unversioned"),
                   description=meta.get("description", ""), path=str(path))


def _read_yaml(path: Path) -> Lexicon:
    try:
        import yaml
    except ImportError:  # pragma: no cover - pyyaml is a dependency
        raise LexiconError(f"{path}: reading YAML lexicons needs PyYAML (pip install pyyaml)") from None
    with open(path, encoding="utf-8-sig") as fh:
        try:
            root = yaml.compose(fh)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            raise LexiconError(f"{path}:{line}: not valid YAML ({getattr(err, 'problem', err)})") from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise LexiconError(f"{path}:1: expected a mapping of categories to pattern lists")
    rows: list[dict[str, Any]] = []
    lines: list[int] = []

    def walk(node: Any, keys: list[str]) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, keys + [str(k.value)])
        elif isinstance(node, yaml.SequenceNode):
            if not keys:
                raise LexiconError(f"{path}:{node.start_mark.line + 1}: a list needs a category key")
            for item in node.value:
                if not isinstance(item, yaml.ScalarNode):
                    raise LexiconError(f"{path}:{item.start_mark.line + 1}: expected a pattern string")
                rows.append({"pattern": item.value, "category": keys[0],
                             "subcategory": "/".join(keys[1:])})
                lines.append(item.start_mark.line + 1)
        else:
            raise LexiconError(f"{path}:{node.start_mark.line + 1}: expected a list of patterns "
                               f"under {'/'.join(keys) or 'the top level'}")

    walk(root, [])
    return Lexicon(path.stem, _entries(rows, str(path), lines), path=str(path))


def _read_dic(path: Path) -> Lexicon:
    with open(path, encoding="utf-8-sig", errors="strict") as fh:
        lines = fh.read().splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(f"{path}:1: a LIWC .dic starts with a '%' line, the numbered "
                           "categories, and another '%' line")
    categories: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[0].isdigit():
            raise LexiconError(f"{path}:{i + 1}: expected '<number> <category>', got {lines[i]!r}")
        categories[parts[0]] = parts[1]
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    skipped: list[str] = []
    for i in range(marks[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        # pattern (may contain spaces in some LIWC versions) then category numbers
        m = re.match(r"^(.*?)\s+((?:\d+\s*)+)$", line)
        if not m or "(" in line or "/" in line:
            skipped.append(f"{path}:{i + 1}: {line!r} (conditional or unreadable entry)")
            continue
        pattern, cats = m.group(1).strip(), m.group(2).split()
        for c in cats:
            if c not in categories:
                raise LexiconError(f"{path}:{i + 1}: category number {c} is not in the header")
            rows.append({"pattern": pattern, "category": categories[c]})
            numbers.append(i + 1)
    # one LIWC word can be in several categories: keep one entry per (pattern, category)
    entries: list[Entry] = []
    by_cat: dict[str, tuple[list[dict[str, Any]], list[int]]] = {}
    for row, n in zip(rows, numbers):
        by_cat.setdefault(row["category"], ([], []))
        by_cat[row["category"]][0].append(row)
        by_cat[row["category"]][1].append(n)
    for cat, (crow, cnum) in by_cat.items():
        entries.extend(_entries(crow, str(path), cnum))
    entries.sort(key=lambda e: e.line)
    for s in skipped:
        warnings.warn(f"skipped {s}", LexiconWarning, stacklevel=3)
    return Lexicon(path.stem, entries, path=str(path), skipped=skipped)


def _read_wordlist(path: Path) -> Lexicon:
    rows, lines = [], []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            word = line.strip()
            if word and not word.startswith(("#", ";")):
                rows.append({"pattern": word, "category": path.stem})
                lines.append(n)
    return Lexicon(path.stem, _entries(rows, str(path), lines, duplicates="warn"), path=str(path))


_READERS = {".tsv": _read_tsv, ".yml": _read_yaml, ".yaml": _read_yaml, ".dic": _read_dic,
            ".txt": _read_wordlist}


def builtin_lexicons() -> list[str]:
    """Names of the built-in lexicons.

    Example:
        >>> "loaded" in builtin_lexicons()
        True
    """
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.tsv"))


def load_lexicon(source: str | os.PathLike[str], *, format: str | None = None) -> Lexicon:
    """Load a lexicon from a file (format by extension) or a built-in name.

    Args:
        source: ``"loaded"`` (a built-in), or a path to ``.tsv``, ``.yml``/``.yaml``,
            ``.dic`` (LIWC) or ``.txt`` (one word a line, category = file name).
        format: force a format (``tsv``, ``yaml``, ``dic``, ``txt``).

    Raises:
        LexiconError: malformed content, with ``file:line`` first.
        FileNotFoundError: neither a file nor a built-in name.

    Example:
        >>> load_lexicon("nope")
        Traceback (most recent call last):
        ...
        FileNotFoundError: no lexicon file or built-in named 'nope'; built-ins: anonymous_source, attribution, booster, frames, hedge, label, loaded, naming, speakers
    """
    text = os.fspath(source)
    path = Path(text)
    if not path.exists() and (BUILTIN_DIR / f"{text}.tsv").exists():
        path = BUILTIN_DIR / f"{text}.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon file or built-in named {text!r}; built-ins: "
                                f"{', '.join(builtin_lexicons())}")
    suffix = f".{format}" if format else path.suffix.lower()
    reader = _READERS.get(".yml" if suffix == ".yaml" else suffix)
    if reader is None:
        raise LexiconError(f"{path}: unknown lexicon format {suffix!r}; known: .tsv, .yml, .dic, .txt")
    return reader(path)
