"""Readers for public research corpora and reference lexicons (read at run time, never shipped).

The corpora and word lists below are third-party data with their own licences; ``framing``
ships only these readers and the download steps. By default they are read from the shared
research folder (:func:`framing.config.shared_data_dir`, ``FRAMING_SHARED`` overrides it).

* :func:`read_babe`: BABE, "Bias Annotations By Experts" (Spinde, Plank, Krieger, Ruas, Gipp &
  Aizawa 2021, "Neural Media Bias Detection Using Distant Supervision With BABE", Findings of
  EMNLP 2021): news sentences from US outlets with expert labels (biased / non-biased,
  opinion) and the words the annotators marked as biased. Subgroup 2 (SG2, 3,674 sentences,
  5 expert annotators, majority vote) is the default file.
* :func:`read_reference_lexicon`: the word lists the project compares itself with:

  - ``"mpqa_strongneg"``: MPQA subjectivity clues (Wilson, Wiebe & Hoffmann 2005,
    "Recognizing Contextual Polarity in Phrase-Level Sentiment Analysis", HLT/EMNLP),
    the entries with ``type=strongsubj`` and ``priorpolarity=negative``; a clue with
    ``stemmed1=y`` becomes a wildcard pattern (``abuse*``), as its README prescribes
    ("should match all unstemmed variants"; the part-of-speech restriction cannot be
    kept by a context-blind matcher);
  - ``"mbic"``: the 2,130-word bias lexicon of the BABE/MBIC authors (Spinde et al. 2021),
    ``bias_word_lexicon.csv`` (2,122 entries once case duplicates are merged);
  - ``"recasens"``: the bias lexicon of Recasens, Danescu-Niculescu-Mizil & Jurafsky 2013,
    "Linguistic Models for Analyzing and Detecting Biased Language", ACL (the original
    654-word list, ``bias-lexicon_og.txt``); ``"recasens_neus"`` is the 703-word version
    edited for NeuS (Lee et al. 2022), ``bias-lexicon.txt``.

  All reference entries are exact words (except MPQA's stemmed clues), lowercase, one
  category per lexicon; they are for baselines, never copied into ``framing/lexicons``.

Example:
    >>> from framing.datasets import read_babe, read_reference_lexicon
    >>> babe = read_babe()  # doctest: +SKIP
    >>> len(babe), babe["biased_words"].iloc[1]  # doctest: +SKIP
    (3674, ['bizarre', 'characteristically'])
    >>> read_reference_lexicon("mpqa_strongneg")  # doctest: +SKIP
    <Lexicon mpqa_strongneg vHLTEMNLP05: 3206 entries, hash baf10c09d48881ec>
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import warnings
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from . import config
from .lexicon import Lexicon, LexiconWarning

__all__ = [
    "BABE_COLUMNS",
    "REFERENCE_LEXICONS",
    "babe_path",
    "parse_word_list",
    "read_babe",
    "read_reference_lexicon",
]

#: Columns of the table :func:`read_babe` returns (index ``doc_id``).
BABE_COLUMNS: tuple[str, ...] = ("text", "outlet", "topic", "type", "label_bias", "label_opinion",
                                 "biased_words", "news_link")

_BABE_SOURCE = ("github.com/Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-"
                "With-BABE, files data/final_labels_SG2.xlsx (or .csv, ';'-separated)")


def babe_path(subgroup: str = "SG2") -> Path:
    """Where :func:`read_babe` looks by default: ``<shared>/data/babe_mbic/final_labels_<SG>.csv``.

    Example:
        >>> babe_path().name
        'final_labels_SG2.csv'
    """
    return config.shared_data_dir() / "babe_mbic" / f"final_labels_{subgroup}.csv"


def parse_word_list(value: Any) -> list[str]:
    """The ``biased_words`` cell as a list of str: a Python-list string (``"['a', 'b']"``),
    an empty cell, or already a list.

    Example:
        >>> parse_word_list("['bizarre', 'characteristically']")
        ['bizarre', 'characteristically']
        >>> parse_word_list("[]"), parse_word_list(float("nan")), parse_word_list(None)
        ([], [], [])
        >>> parse_word_list("radical, mob")
        ['radical', 'mob']
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    text = str(value).strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed = re.findall(r"'([^']*)'|\"([^\"]*)\"", text)
            parsed = [a or b for a, b in parsed]
        return [str(v) for v in parsed if str(v).strip()]
    return [w.strip() for w in text.split(",") if w.strip()]


def _sentence_id(text: str) -> str:
    return "babe-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def read_babe(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """BABE sentences (Spinde et al. 2021) as a table indexed by ``doc_id``.

    Args:
        path: the ``final_labels_SG2.csv`` (``;``-separated, as in the BABE repository) or
            ``.xlsx`` file; default :func:`babe_path` under the shared research folder.

    Returns:
        One row per sentence, index ``doc_id`` (``babe-`` + 12 hex digits of the SHA-1 of
        the sentence, stable under reordering), columns :data:`BABE_COLUMNS`:
        ``text`` (verbatim), ``outlet``, ``topic``, ``type`` (the outlet's leaning),
        ``label_bias`` (``Biased``/``Non-biased``/``No agreement``), ``label_opinion``,
        ``biased_words`` (list of str, as the annotators wrote them), ``news_link`` (the
        article's URL; ``None`` for the few sentences without one). The table can be passed
        to :func:`framing.find_spans` as it is.

    Raises:
        FileNotFoundError: the file is absent; the message names the path and where to get it.

    Example:
        >>> babe = read_babe()  # doctest: +SKIP
        >>> babe.loc[babe["biased_words"].str.len() > 0, "label_bias"].value_counts().to_dict()  # doctest: +SKIP
        {'Biased': 1632, 'Non-biased': 217}
    """
    p = Path(path) if path is not None else babe_path()
    if not p.is_file():
        raise FileNotFoundError(
            f"BABE not found at {p}. Download it from {_BABE_SOURCE} (licence GNU AGPL-3.0) and "
            "pass its path, or set FRAMING_SHARED to a folder holding data/babe_mbic/.")
    if p.suffix.lower() in (".xlsx", ".xls"):
        try:
            df = pd.read_excel(p)
        except ImportError as err:
            raise ImportError(f"reading {p} needs openpyxl (pip install openpyxl), or use the "
                              "repository's .csv version") from err
    else:
        df = pd.read_csv(p, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in ("text", "biased_words") if c not in df.columns]
    if missing:
        raise ValueError(f"{p}: not a BABE label file (no column(s) {', '.join(missing)}; "
                         f"has {', '.join(df.columns)})")
    out = pd.DataFrame(index=pd.Index([_sentence_id(str(t)) for t in df["text"]], name="doc_id"))
    for col in BABE_COLUMNS:
        if col == "biased_words":
            out[col] = [parse_word_list(v) for v in df[col]]
        elif col in df.columns:
            vals = [None if (v is None or (isinstance(v, float) and v != v) or str(v).strip() == "")
                    else str(v) for v in df[col]]
            out[col] = pd.Series(vals, index=out.index, dtype=object)
        else:
            out[col] = None
    out["text"] = df["text"].astype(str).tolist()
    if out.index.has_duplicates:
        # identical sentences from two articles: keep both, suffix the later ones
        seen: dict[str, int] = {}
        ids = []
        for d in out.index:
            seen[d] = seen.get(d, 0) + 1
            ids.append(d if seen[d] == 1 else f"{d}-{seen[d]}")
        out.index = pd.Index(ids, name="doc_id")
    return out


# --------------------------------------------------------------------------- reference lexicons

def _ref_dir() -> Path:
    return config.shared_data_dir()


def _mpqa(path: Path) -> tuple[list[dict[str, Any]], str]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
            if fields.get("type") != "strongsubj" or fields.get("priorpolarity") != "negative":
                continue
            word = fields.get("word1", "").strip().lower()
            if not word:
                continue
            pattern = word + ("*" if fields.get("stemmed1") == "y" else "")
            if pattern in seen:
                continue
            seen.add(pattern)
            rows.append({"pattern": pattern, "category": "strongsubj_negative",
                         "subcategory": fields.get("pos1", ""), "source": "Wilson et al. 2005"})
    return rows, "HLTEMNLP05"


def _word_rows(words: list[str], category: str, source: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for w in words:
        w = w.strip().lower()
        if not w or w.startswith("#") or w in seen:
            continue
        seen.add(w)
        rows.append({"pattern": w, "category": category, "source": source})
    return rows


def _mbic(path: Path) -> tuple[list[dict[str, Any]], str]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return _word_rows(df.iloc[:, 0].tolist(), "bias", "Spinde et al. 2021"), "2021"


def _recasens(path: Path) -> tuple[list[dict[str, Any]], str]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        words = fh.read().splitlines()
    return _word_rows(words, "bias", "Recasens et al. 2013"), "2013"


#: name -> (path under the shared data folder, reader, description)
REFERENCE_LEXICONS: dict[str, tuple[str, Callable[[Path], tuple[list[dict[str, Any]], str]], str]] = {
    "mpqa_strongneg": ("reference_lexicons/mpqa_subjectivity_clues/subjclueslen1-HLTEMNLP05.tff", _mpqa,
                       "MPQA subjectivity clues, strongly subjective with negative prior polarity "
                       "(Wilson, Wiebe & Hoffmann 2005)"),
    "mbic": ("babe_mbic/bias_word_lexicon.csv", _mbic,
             "MBIC/BABE bias word lexicon, 2,130 words (Spinde et al. 2021)"),
    "recasens": ("reference_lexicons/recasens2013/bias-lexicon_og.txt", _recasens,
                 "Bias lexicon of Recasens, Danescu-Niculescu-Mizil & Jurafsky 2013 (original, 654 words)"),
    "recasens_neus": ("reference_lexicons/recasens2013/bias-lexicon.txt", _recasens,
                      "Recasens et al. 2013 bias lexicon as edited for NeuS (Lee et al. 2022), 703 lines"),
}


def read_reference_lexicon(name: str, path: str | os.PathLike[str] | None = None) -> Lexicon:
    """A reference lexicon from the shared research folder as a :class:`~framing.Lexicon`.

    Args:
        name: ``"mpqa_strongneg"``, ``"mbic"``, ``"recasens"`` or ``"recasens_neus"``
            (module docstring: what each is and how it is read).
        path: the source file, if not at its place under :func:`framing.config.shared_data_dir`.

    Returns:
        A lexicon named ``name``, every entry a lowercase word (MPQA stemmed clues as
        ``word*``), duplicates dropped; one category: ``strongsubj_negative`` (MPQA) or
        ``bias``.

    Raises:
        KeyError: an unknown name. FileNotFoundError: the file is absent.

    Example:
        >>> lex = read_reference_lexicon("mbic")  # doctest: +SKIP
        >>> len(lex), lex.category_counts()  # doctest: +SKIP
        (2122, {'bias': 2122})
    """
    if name not in REFERENCE_LEXICONS:
        raise KeyError(f"unknown reference lexicon {name!r}; known: {', '.join(REFERENCE_LEXICONS)}")
    rel, reader, description = REFERENCE_LEXICONS[name]
    p = Path(path) if path is not None else _ref_dir() / rel
    if not p.is_file():
        raise FileNotFoundError(
            f"reference lexicon {name!r} not found at {p}; it is third-party data read at run time "
            "(never shipped with framing). Get it from its authors (see framing.datasets) and pass "
            "its path, or set FRAMING_SHARED.")
    rows, version = reader(p)
    with warnings.catch_warnings():  # e.g. MPQA words with punctuation that text never has
        warnings.simplefilter("ignore", LexiconWarning)
        return Lexicon.from_records(name, rows, version=version, description=description)
