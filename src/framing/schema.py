"""Column contracts of the tables that flow through the pipeline, and their validators.

The articles DataFrame (DESIGN.md, "Contracts"): one row per article, index ``doc_id``
(string, stable: the given id, else a hash of outlet + title + text), columns at least
``text, title, outlet, date, url, source_path``; ``date`` is ``datetime64`` (NaT when
unknown); other columns are kept as given. Later stages (spans, quotes) index into
``text`` by character offsets, so nothing downstream may change it.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["A sentence."]}, index=pd.Index(["a1"], name="doc_id"))
    >>> validate_articles(df)
    Traceback (most recent call last):
    ...
    framing.schema.SchemaError: articles table lacks columns: title, outlet, date, url, source_path
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "SPAN_COLUMNS",
    "QUOTE_COLUMNS",
    "SchemaError",
    "validate_articles",
]

#: Columns every articles table has, in this order (the index is ``doc_id``).
ARTICLE_COLUMNS: tuple[str, ...] = ("text", "title", "outlet", "date", "url", "source_path")

#: One row per lexicon match (issue 3).
SPAN_COLUMNS: tuple[str, ...] = (
    "doc_id", "start", "end", "text", "lexicon", "category", "subcategory", "entry",
    "sentence", "voice",
)

#: One row per attribution (issue 4).
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id", "kind", "speaker", "speaker_start", "speaker_end", "cue", "cue_start",
    "cue_end", "stance", "content", "content_start", "content_end", "source_type",
)


class SchemaError(ValueError):
    """A table does not follow its column contract."""


def validate_articles(df: pd.DataFrame) -> pd.DataFrame:
    """Check that ``df`` follows the articles contract and return it unchanged.

    Raises :class:`SchemaError` naming every problem found: missing columns, an index
    not named ``doc_id``, duplicate or missing ids, non-string text, a ``date`` column
    that is not datetime64.

    Example:
        >>> import pandas as pd
        >>> ok = pd.DataFrame(
        ...     {"text": ["x"], "title": [""], "outlet": [""], "url": [""], "source_path": [""],
        ...      "date": pd.to_datetime(["2022-02-18"])},
        ...     index=pd.Index(["d1"], name="doc_id"))
        >>> validate_articles(ok) is ok
        True
    """
    problems: list[str] = []
    missing = [c for c in ARTICLE_COLUMNS if c not in df.columns]
    if missing:
        problems.append("articles table lacks columns: " + ", ".join(missing))
    if df.index.name != "doc_id":
        problems.append(f"index must be named 'doc_id', not {df.index.name!r}")
    if df.index.hasnans:
        problems.append("doc_id has missing values")
    elif not df.index.is_unique:
        dup = df.index[df.index.duplicated()].unique()[:5].tolist()
        problems.append(f"doc_id is not unique (e.g. {dup})")
    if "text" in df.columns:
        bad = df["text"].map(lambda t: not isinstance(t, str))
        if bad.any():
            problems.append(f"text is not a string in {int(bad.sum())} rows (e.g. {df.index[bad][0]!r})")
    if "date" in df.columns and not pd.api.types.is_datetime64_any_dtype(df["date"]):
        problems.append(f"date must be datetime64, not {df['date'].dtype}")
    if problems:
        raise SchemaError("; ".join(problems))
    return df
