"""framing: measure how news is framed.

Public API (the package's only job here is to re-export it):

* :func:`load_articles`, :func:`iter_articles`: files, folders, globs, DataFrames -> the
  articles table (:mod:`framing.load`), with scraped pages cleaned (:mod:`framing.clean`).
* :func:`save_figure`: PNG + SVG + the CSV behind a figure (:mod:`framing.plots`).
* :mod:`framing.config`: every path the project uses.
"""

from . import config
from .clean import CleanedPage, clean_body, clean_page, normalise_text, parse_date
from .load import (
    FramingLoadWarning,
    LoadError,
    LoadProblem,
    LoadReport,
    MissingExtraError,
    iter_articles,
    load_articles,
)
from .plots import save_figure
from .schema import ARTICLE_COLUMNS, SchemaError, validate_articles

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_COLUMNS",
    "CleanedPage",
    "FramingLoadWarning",
    "LoadError",
    "LoadProblem",
    "LoadReport",
    "MissingExtraError",
    "SchemaError",
    "clean_body",
    "clean_page",
    "config",
    "iter_articles",
    "load_articles",
    "normalise_text",
    "parse_date",
    "save_figure",
    "validate_articles",
]
