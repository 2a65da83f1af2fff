"""``FramingFeatures``: :func:`framing.score` as a scikit-learn transformer.

Kept apart from :mod:`framing.features` so that importing ``framing`` (and running the
``framing`` command) does not import scikit-learn; ``framing.FramingFeatures`` loads this
module on first use. The design follows scikit-learn's text vectorizers (Pedregosa et al.
2011; ``feature_extraction/text.py``): ``__init__`` only stores keyword-only parameters,
fitted state ends in ``_``, a bare string is rejected where an iterable of documents is
expected, and ``get_feature_names_out`` lets ``set_output(transform="pandas")`` label columns.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .features import feature_columns, score
from .spans import LexiconSet, LexiconsArg

__all__ = ["FramingFeatures"]


class FramingFeatures(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: articles -> framing features of :func:`score`.

    Parameters (keyword-only, stored as given; fitting compiles the lexicons):
        lexicons: as in :func:`framing.find_spans` (default: the built-in set).
        kind: ``"rates"`` (default), ``"counts"`` or ``"both"``.
        voice: include the narrator/quoted splits (default True).
        fill_value: what replaces a rate that is undefined (a voice with no tokens).

    Input is an articles DataFrame with a ``text`` column, or an iterable of texts; a bare
    string is rejected (as scikit-learn's text vectorizers do). With
    ``set_output(transform="pandas")`` the output keeps the input's index.

    Example:
        >>> ff = FramingFeatures(lexicons=["loaded", "attribution"]).fit(["x"])
        >>> X = ff.transform(["They slammed it, she claimed.", "It rained."])
        >>> X.shape[0], "loaded_per_1k" in ff.get_feature_names_out()
        (2, True)
    """

    def __init__(self, *, lexicons: LexiconsArg = None, kind: str = "rates", voice: bool = True,
                 fill_value: float = 0.0):
        self.lexicons = lexicons
        self.kind = kind
        self.voice = voice
        self.fill_value = fill_value

    @staticmethod
    def _check_input(X: Any) -> Any:
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        return X

    def fit(self, X: Any, y: Any = None) -> FramingFeatures:
        """Compile the lexicons and fix the output columns (no statistics are learnt)."""
        self._check_input(X)
        self.lexicon_set_ = LexiconSet(self.lexicons)
        self.feature_names_out_ = np.asarray(
            feature_columns(self.lexicon_set_, kind=self.kind, voice=self.voice), dtype=object)
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Framing features, one row per article, columns :meth:`get_feature_names_out`."""
        check_is_fitted(self, "feature_names_out_")
        self._check_input(X)
        table = score(X, self.lexicon_set_)
        return table[list(self.feature_names_out_)].fillna(self.fill_value).to_numpy(dtype=np.float64)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the output columns."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
