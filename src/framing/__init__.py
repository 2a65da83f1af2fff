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
* :func:`annotate`, :func:`annotate_many`, :class:`AnnotatedArticle`: the annotated-article
  view (:mod:`framing.annotate`); :func:`frames`: the frame profile (:mod:`framing.features`).
* :mod:`framing.config`: every path the project uses.

Names are imported lazily, on first use (PEP 562 module ``__getattr__``): ``import framing``
loads no submodule, and ``framing.find_spans`` loads :mod:`framing.spans` and what it needs,
so the ``framing`` command starts without pandas plotting, scikit-learn or the attribution
code when it does not use them. Submodules are reachable as attributes too
(``framing.text.sentence_spans``).

>>> import framing
>>> framing.find_spans is framing.spans.find_spans
True
>>> sorted(set(framing.__all__) - set(dir(framing)))
[]
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

#: Every public name and the submodule that defines it.
_EXPORTS: dict[str, str] = {
    "config": "",  # a submodule itself
    **dict.fromkeys(["CleanedPage", "clean_body", "clean_page", "normalise_text", "parse_date"], "clean"),
    **dict.fromkeys(["FramingLoadWarning", "LoadError", "LoadProblem", "LoadReport", "MissingExtraError",
                     "iter_articles", "load_articles"], "load"),
    **dict.fromkeys(["quotes", "sources"], "attribution"),
    **dict.fromkeys(["compare", "log_odds", "naming_table"], "compare"),
    **dict.fromkeys(["score", "frames"], "features"),
    **dict.fromkeys(["Lexicon", "LexiconError", "builtin_lexicons", "load_lexicon"], "lexicon"),
    "save_figure": "plots",
    **dict.fromkeys(["ARTICLE_COLUMNS", "SchemaError", "validate_articles"], "schema"),
    **dict.fromkeys(["DEFAULT_LEXICONS", "LexiconSet", "find_spans", "kwic"], "spans"),
    **dict.fromkeys(["PolNeAR", "read_polnear"], "datasets"),
    **dict.fromkeys(["AttributionScore", "score_attributions"], "validate"),
    **dict.fromkeys(["sentence_sentiment", "sentiment"], "sentiment"),
    "FramingFeatures": "transformer",  # scikit-learn, loaded only when the transformer is used
    **dict.fromkeys(["AnnotatedArticle", "annotate", "annotate_many"], "annotate"),
}

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
    "AnnotatedArticle",
    "annotate",
    "annotate_many",
    "frames",
]

#: Public functions named like the submodule that defines them (``framing.compare`` is the
#: function, as it was when every name was imported eagerly).
_SHADOWED = frozenset(name for name, module in _EXPORTS.items() if name == module)


def __getattr__(name: str) -> Any:
    """Import a public name (or a submodule) on first use and keep it (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if not module:
        return importlib.import_module(f"{__name__}.{name}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: when a submodule named like one of its functions is imported
    (``framing.compare``), Python sets the package attribute to the submodule; keep the
    function there instead."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
