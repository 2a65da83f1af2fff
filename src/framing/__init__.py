"""framing: measure how news is framed.

Public API (the package's only job here is to re-export it):

* :func:`load_articles`, :func:`iter_articles`: files, folders, globs, DataFrames -> the
  articles table (:mod:`framing.load`), with scraped pages cleaned (:mod:`framing.clean`).
* :func:`load_lexicon`, :class:`Lexicon`: lexicon files (:mod:`framing.lexicon`).
* :func:`find_spans`: every lexicon match and scare quote with offsets, sentence and voice
  (:mod:`framing.spans`); :func:`score` and :class:`FramingFeatures`: per-article features
  (:mod:`framing.features`).
* :func:`quotes`: attributions (speaker, cue, stance, content, source type) and
  :func:`sources`: the speaker x stance table (:mod:`framing.attribution`).
* :func:`log_odds`, :func:`compare`, :func:`naming_table`: comparing outlets
  (:mod:`framing.compare`).
* :func:`save_figure`: PNG + SVG + the CSV behind a figure (:mod:`framing.plots`).
* :func:`sentiment`, :func:`sentence_sentiment`: VADER sentiment per sentence, by voice
  (:mod:`framing.sentiment`).
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
from .attribution import quotes, sources
from .compare import compare, log_odds, naming_table
from .features import score
from .lexicon import Lexicon, LexiconError, builtin_lexicons, load_lexicon
from .plots import save_figure
from .schema import ARTICLE_COLUMNS, SchemaError, validate_articles
from .spans import DEFAULT_LEXICONS, LexiconSet, find_spans, kwic
from .datasets import PolNeAR, read_polnear
from .validate import AttributionScore, score_attributions
from .sentiment import sentence_sentiment, sentiment

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_COLUMNS",
    "CleanedPage",
    "DEFAULT_LEXICONS",
    "FramingFeatures",
    "Lexicon",
    "LexiconError",
    "LexiconSet",
    "FramingLoadWarning",
    "LoadError",
    "LoadProblem",
    "LoadReport",
    "MissingExtraError",
    "SchemaError",
    "clean_body",
    "clean_page",
    "compare",
    "builtin_lexicons",
    "config",
    "find_spans",
    "iter_articles",
    "kwic",
    "load_articles",
    "load_lexicon",
    "log_odds",
    "naming_table",
    "normalise_text",
    "parse_date",
    "quotes",
    "save_figure",
    "score",
    "sources",
    "validate_articles",
    "PolNeAR",
    "read_polnear",
    "AttributionScore",
    "score_attributions",
    "sentence_sentiment",
    "sentiment",
]


def __getattr__(name: str):  # PEP 562: load scikit-learn only when the transformer is used
    if name == "FramingFeatures":
        from .transformer import FramingFeatures

        return FramingFeatures
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


from .annotate import AnnotatedArticle, annotate, annotate_many  # noqa: E402  (the annotated-article view)

__all__ += ["AnnotatedArticle", "annotate", "annotate_many"]

from .features import frames  # noqa: E402  (the frame profile: 14 generic news frames, issue 9)

__all__ += ["frames"]
