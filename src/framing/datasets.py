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
import json
import os
import re
import warnings
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any, Callable, NamedTuple

import pandas as pd

from . import config
from .lexicon import Lexicon, LexiconWarning
from .load import FramingLoadWarning, LoadProblem, LoadReport
from .schema import ARTICLE_COLUMNS

__all__ = [
    "BABE_COLUMNS",
    "GOLD_SPAN_COLUMNS",
    "POLNEAR_ATTRIBUTION_COLUMNS",
    "POLNEAR_COMPARTMENTS",
    "PolNeAR",
    "REFERENCE_LEXICONS",
    "babe_path",
    "parse_word_list",
    "polnear_dir",
    "read_babe",
    "read_gold_spans",
    "read_polnear",
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


# --------------------------------------------------------------------------- PolNeAR

#: The compartments of PolNeAR v1.0.0 that :func:`read_polnear` knows.
POLNEAR_COMPARTMENTS: tuple[str, ...] = ("train", "dev", "test", "annotator-training")

#: Columns of ``PolNeAR.attributions`` (one row per gold attribution).
POLNEAR_ATTRIBUTION_COLUMNS: tuple[str, ...] = (
    "doc_id", "compartment", "annotator", "attribution_id",
    "source_start", "source_end", "source_fragments", "source_text",
    "cue_start", "cue_end", "cue_fragments", "cue_text",
    "content_start", "content_end", "content_fragments", "content_text",
)

_POLNEAR_SOURCE = ("github.com/networkdynamics/PolNeAR (v1.0.0; no licence stated): the texts and "
                   "brat standoff attributions of data/<compartment>/{text,attributions}, converted "
                   "to one articles.jsonl (compartment, filename, publisher, publication_date, "
                   "title, text, annotators) and one attributions.jsonl (compartment, filename, "
                   "annotator, attribution_id, source/cue/content as lists of {start, end, text})")


class PolNeAR(NamedTuple):
    """What :func:`read_polnear` returns: the articles, their gold attributions, the load report."""

    articles: pd.DataFrame
    attributions: pd.DataFrame
    report: LoadReport


def polnear_dir() -> Path:
    """Where :func:`read_polnear` looks by default: ``<shared>/data/polnear``.

    Example:
        >>> polnear_dir().name
        'polnear'
    """
    return config.shared_data_dir() / "polnear"


def _jsonl(path: Path, report: LoadReport | None = None,
           bad: Any = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every line of ``path`` that is a JSON object; the others go
    to ``bad(line, reason)`` if given, else to ``report``."""
    if bad is None:
        def bad(n: int, reason: str) -> None:
            report.problems.append(LoadProblem(str(path), f"line {n}", reason))
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                bad(n, f"invalid JSON ({err.msg})")
                continue
            if not isinstance(rec, dict):
                bad(n, "not a JSON object")
                continue
            yield n, rec


def _fragments(value: Any, text: str, role: str) -> tuple[list[tuple[int, int]], list[str], str | None]:
    """Check one role's fragments against the article text: (sorted (start, end) pairs, texts, problem)."""
    if value is None:
        return [], [], None
    if not isinstance(value, list):
        return [], [], f"{role} is not a list of fragments"
    pairs: list[tuple[int, int]] = []
    texts: list[str] = []
    for frag in value:
        if not isinstance(frag, dict):
            return [], [], f"{role} fragment {frag!r} is not an object"
        s, e = frag.get("start"), frag.get("end")
        if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
            return [], [], f"{role} fragment has no integer start/end ({frag!r})"
        if not 0 <= s < e <= len(text):
            return [], [], f"{role} fragment {s}-{e} lies outside the article (length {len(text)})"
        if "text" in frag and frag["text"] != text[s:e]:
            return [], [], (f"{role} fragment {s}-{e} says {frag['text']!r} but the article has "
                            f"{text[s:e]!r} there")
        pairs.append((s, e))
    order = sorted(range(len(pairs)), key=lambda i: pairs[i])
    pairs = [pairs[i] for i in order]
    texts = [text[s:e] for s, e in pairs]
    return pairs, texts, None


def read_polnear(root: str | os.PathLike[str] | None = None, *,
                 compartments: Iterable[str] = ("train", "dev"),
                 all_annotators: bool = False) -> PolNeAR:
    """PolNeAR, the Political News Attribution Relations corpus, as an articles table and a
    table of gold attributions whose character offsets index into the article texts.

    PolNeAR (Newell, Margolin & Ruths 2018, "An Attribution Relations Corpus for Political
    News", LREC 2018) annotates every attribution in 1,008 US election news articles
    (7 publishers, 2015-11 to 2016-11) as *source* (who), *cue* (the words that signal
    attribution: "said", "according to", "in Mr. Connolly's view", "plans", "denies")
    and *content* (what is attributed), following the PARC 3.0 scheme (Pareti 2016, "PARC
    3.0: A Corpus of Attribution Relations", LREC 2016). A cue is one contiguous span in
    the guidelines, the source may be absent (passives: "it is said that"), and the
    content may be discontinuous (a quote interrupted by "he said").

    The ``test`` compartment is **held out**: the project's maintainers score it
    themselves, so it is read only when asked for by name
    (``compartments=("test",)``); develop on ``train``, report on ``dev``. The shared copy
    holds no test articles, and asking for them then raises an error.

    **Annotators.** Most articles were annotated by one annotator; a few by several, for
    the agreement study (in the shared copy: train 824 articles with one annotator, 15
    with six, 1 with five; dev 82 with one, 2 with six; annotator-training 4 with six).
    Every article has one *gold* annotator, ``articles["annotator"]``: its only annotator,
    or, for a multiply annotated article, the first annotator id in sorted order who
    annotated at least one attribution in it (``4b22`` for all 22 such articles). By
    default ``attributions`` holds only the gold annotator's rows, so each article is
    scored once against one consistent annotation; ``all_annotators=True`` keeps every
    annotator's rows (for agreement studies; not for :func:`framing.validate.score_attributions`,
    which refuses a document with two annotators).

    Args:
        root: the folder with ``articles.jsonl`` and ``attributions.jsonl`` (default
            :func:`polnear_dir`, i.e. ``FRAMING_SHARED``/data/polnear).
        compartments: which of ``train``, ``dev``, ``test``, ``annotator-training`` to read.
        all_annotators: keep the attributions of every annotator, not only the gold one.

    Returns:
        ``PolNeAR(articles, attributions, report)``.

        ``articles``: the articles contract (index ``doc_id`` = PolNeAR filename; ``text``
        verbatim; ``title``; ``outlet`` = publisher code such as ``nyt``, ``breitbart``;
        ``date`` datetime64; ``url`` (``None``: not in PolNeAR); ``source_path``) plus
        ``compartment``, ``annotator`` (the gold annotator), ``annotators`` (list of every
        annotator), ``author``.

        ``attributions``: one row per attribution, columns
        :data:`POLNEAR_ATTRIBUTION_COLUMNS`: ``doc_id, compartment, annotator,
        attribution_id`` and for each role (``source``, ``cue``, ``content``):
        ``<role>_start``, ``<role>_end`` (the whole extent, first fragment's start to last
        fragment's end; nullable ``Int64``, ``<NA>`` when the role is empty),
        ``<role>_fragments`` (list of ``(start, end)`` pairs, sorted; ``[]`` when empty)
        and ``<role>_text`` (the fragments' texts joined by ``" ... "``; ``None`` when
        empty). Sorted by compartment order, article, extent of the cue.

        ``report``: a :class:`framing.LoadReport` of every record skipped (broken JSON,
        missing fields, offsets outside the text or disagreeing with it, attributions of
        unknown articles or without a cue) with file and line; also in both tables'
        ``attrs["load_report"]``, and each problem is issued as a
        :class:`framing.FramingLoadWarning`. Rows without a source or content are kept.

    Raises:
        FileNotFoundError: the files are absent; the message names the path and where to get
            the corpus. ValueError: an unknown compartment, or none of the asked ones present.

    Example:
        >>> pn = read_polnear()  # doctest: +SKIP
        >>> pn.articles["compartment"].value_counts().to_dict()  # doctest: +SKIP
        {'train': 840, 'dev': 84}
        >>> a = pn.attributions.iloc[0]  # doctest: +SKIP
        >>> pn.articles.loc[a["doc_id"], "text"][a["cue_start"]:a["cue_end"]] == a["cue_text"]  # doctest: +SKIP
        True
    """
    if isinstance(compartments, str):
        compartments = (compartments,)
    wanted = tuple(dict.fromkeys(compartments))
    unknown = [c for c in wanted if c not in POLNEAR_COMPARTMENTS]
    if unknown:
        raise ValueError(f"unknown PolNeAR compartment(s) {', '.join(map(repr, unknown))}; "
                         f"known: {', '.join(POLNEAR_COMPARTMENTS)}")
    folder = Path(root) if root is not None else polnear_dir()
    art_path, att_path = folder / "articles.jsonl", folder / "attributions.jsonl"
    for p in (art_path, att_path):
        if not p.is_file():
            raise FileNotFoundError(
                f"PolNeAR not found: no {p}. Get it from {_POLNEAR_SOURCE}, and pass the folder "
                "as root= or set FRAMING_SHARED to a folder holding data/polnear/.")
    report = LoadReport(files=2)

    # articles
    rows: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for n, rec in _jsonl(art_path, report):
        where = f"line {n}"
        missing = [k for k in ("compartment", "filename", "text") if k not in rec]
        if missing:
            report.problems.append(LoadProblem(str(art_path), where, "no " + ", ".join(missing)))
            continue
        comp, doc, text = rec["compartment"], rec["filename"], rec["text"]
        if comp not in POLNEAR_COMPARTMENTS:
            report.problems.append(LoadProblem(str(art_path), where, f"unknown compartment {comp!r}"))
            continue
        if comp not in wanted:
            continue
        if not isinstance(doc, str) or not doc or not isinstance(text, str):
            report.problems.append(LoadProblem(str(art_path), where, "filename or text is not a string"))
            continue
        if doc in seen:
            report.problems.append(LoadProblem(str(art_path), where, f"article {doc!r} repeats "
                                               f"{seen[doc]}", kind="duplicate"))
            continue
        seen[doc] = where
        annotators = [a for a in str(rec.get("annotators") or "").split("|") if a and a != "None"]
        rows.append({"doc_id": doc, "text": text, "title": rec.get("title"),
                     "outlet": rec.get("publisher"), "date": rec.get("publication_date"),
                     "url": None, "source_path": str(art_path), "compartment": comp,
                     "annotators": annotators, "author": rec.get("author")})
    found = {r["compartment"] for r in rows}
    absent = [c for c in wanted if c not in found]
    if absent and not rows:
        held = " (the test compartment is held out by the maintainers)" if "test" in absent else ""
        raise ValueError(f"{art_path} holds no article of compartment(s) {', '.join(absent)}{held}")
    for c in absent:
        report.problems.append(LoadProblem(str(art_path), "", f"no article of compartment {c!r}",
                                           kind="warning"))
    texts = {r["doc_id"]: r["text"] for r in rows}
    comp_of = {r["doc_id"]: r["compartment"] for r in rows}

    # attributions
    atts: list[dict[str, Any]] = []
    for n, rec in _jsonl(att_path, report):
        where = f"line {n}"
        missing = [k for k in ("compartment", "filename", "annotator", "attribution_id", "cue")
                   if k not in rec]
        if missing:
            report.problems.append(LoadProblem(str(att_path), where, "no " + ", ".join(missing)))
            continue
        if rec["compartment"] not in wanted:
            continue
        doc = rec["filename"]
        if doc not in texts:
            report.problems.append(LoadProblem(str(att_path), where,
                                               f"attribution of unknown article {doc!r}"))
            continue
        if rec["compartment"] != comp_of[doc]:
            report.problems.append(LoadProblem(str(att_path), where, f"compartment {rec['compartment']!r} "
                                               f"but the article is in {comp_of[doc]!r}"))
            continue
        row: dict[str, Any] = {"doc_id": doc, "compartment": comp_of[doc],
                               "annotator": str(rec["annotator"]), "attribution_id": str(rec["attribution_id"])}
        problem = None
        for role in ("source", "cue", "content"):
            pairs, frag_texts, problem = _fragments(rec.get(role), texts[doc], role)
            if problem:
                break
            row[f"{role}_start"] = pairs[0][0] if pairs else None
            row[f"{role}_end"] = pairs[-1][1] if pairs else None
            row[f"{role}_fragments"] = pairs
            row[f"{role}_text"] = " ... ".join(frag_texts) if frag_texts else None
        if problem is None and not row["cue_fragments"]:
            problem = (f"attribution {row['attribution_id']} ({row['annotator']}) has no cue"
                       + ("" if row["source_fragments"] or row["content_fragments"] else
                          " (nor source, nor content)"))
        if problem:
            report.problems.append(LoadProblem(str(att_path), where, problem))
            continue
        atts.append(row)

    # the gold annotator of every article
    by_doc: dict[str, set[str]] = {}
    for a in atts:
        by_doc.setdefault(a["doc_id"], set()).add(a["annotator"])
    for r in rows:
        who = by_doc.get(r["doc_id"], set())
        listed = set(r["annotators"])
        extra = sorted(who - listed)
        if extra and listed:
            report.problems.append(LoadProblem(str(att_path), "", f"article {r['doc_id']!r}: annotator(s) "
                                               f"{', '.join(extra)} not in its metadata", kind="warning"))
        r["annotator"] = min(who) if who else (min(listed) if listed else None)
        if not r["annotators"]:
            r["annotators"] = sorted(who)
    gold_of = {r["doc_id"]: r["annotator"] for r in rows}
    if not all_annotators:
        atts = [a for a in atts if a["annotator"] == gold_of[a["doc_id"]]]

    articles = pd.DataFrame(rows, columns=["doc_id", *ARTICLE_COLUMNS, "compartment", "annotator",
                                           "annotators", "author"]).set_index("doc_id")
    articles["date"] = pd.to_datetime(articles["date"], errors="coerce", format="%Y-%m-%d")
    order = {c: i for i, c in enumerate(POLNEAR_COMPARTMENTS)}
    attributions = pd.DataFrame(atts, columns=list(POLNEAR_ATTRIBUTION_COLUMNS))
    for role in ("source", "cue", "content"):
        for k in ("start", "end"):
            attributions[f"{role}_{k}"] = attributions[f"{role}_{k}"].astype("Int64")
        attributions[f"{role}_text"] = pd.Series([a[f"{role}_text"] for a in atts], dtype=object,
                                                 index=attributions.index)  # None, not NaN
    if len(attributions):
        attributions = attributions.assign(_o=attributions["compartment"].map(order)).sort_values(
            ["_o", "doc_id", "annotator", "cue_start", "cue_end"], kind="stable").drop(columns="_o")
    attributions = attributions.reset_index(drop=True)
    report.loaded = len(articles)
    for p in report.problems:
        warnings.warn(FramingLoadWarning(str(p)), stacklevel=2)
    articles.attrs["load_report"] = report.to_dict()
    attributions.attrs["load_report"] = report.to_dict()
    return PolNeAR(articles, attributions, report)


# --------------------------------------------------------------------------- generic gold spans

#: Columns of the table :func:`read_gold_spans` returns.
GOLD_SPAN_COLUMNS: tuple[str, ...] = ("doc_id", "start", "end", "label", "text", "line")


def read_gold_spans(path: str | os.PathLike[str], articles: pd.DataFrame | None = None, *,
                    errors: str = "report", report: LoadReport | None = None) -> pd.DataFrame:
    """Your own gold spans: a JSONL file with one object ``{"id", "start", "end", "label"}`` a line.

    ``id`` is the article's ``doc_id``, ``start``/``end`` character offsets into its text
    (end exclusive), ``label`` the category the span should be found as (``loaded``, or
    ``attribution/distancing``). Blank lines are ignored. A line that is not a JSON object,
    lacks a field, has non-integer offsets, ``start >= end``, an empty label, or (with
    ``articles``) an unknown id or offsets beyond the text is *skipped and reported* with
    file and line (``errors="report"``: in ``report`` and ``attrs["load_report"]``, nothing
    dropped silently), or stops the read (``errors="raise"``: ValueError ``file:line N: reason``).

    Returns:
        Columns :data:`GOLD_SPAN_COLUMNS` (``text``: the span's text when ``articles`` is
        given, else ``None``; ``line``: the line number).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "gold.jsonl"
        >>> _ = p.write_text('{"id": "a", "start": 0, "end": 3, "label": "loaded"}\\n{"id": "a", "start": 5}\\n')
        >>> r = LoadReport()
        >>> g = read_gold_spans(p, report=r)
        >>> g[["doc_id", "start", "end", "label"]].values.tolist(), str(r.problems[0]).endswith(":line 2: no end, label")
        ([['a', 0, 3, 'loaded']], True)
    """
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"gold spans: no such file {p}")
    rep = report if report is not None else LoadReport()
    rep.files += 1
    texts = dict(zip(articles.index.astype(str), articles["text"])) if articles is not None else None
    rows: list[dict[str, Any]] = []

    def bad(n: int, reason: str) -> None:
        problem = LoadProblem(str(p), f"line {n}", reason)
        if errors == "raise":
            raise ValueError(str(problem))
        rep.problems.append(problem)

    for n, rec in _jsonl(p, bad=bad):  # one record per line; broken lines go to bad()
        missing = [k for k in ("id", "start", "end", "label") if k not in rec]
        if missing:
            bad(n, "no " + ", ".join(missing))
            continue
        s, e, label, doc = rec["start"], rec["end"], rec["label"], str(rec["id"])
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (s, e)):
            bad(n, f"start and end must be integers (got {s!r}, {e!r})")
            continue
        if not 0 <= s < e:
            bad(n, f"need 0 <= start < end (got {s}, {e})")
            continue
        if not isinstance(label, str) or not label.strip():
            bad(n, "label must be a non-empty string")
            continue
        text = None
        if texts is not None:
            if doc not in texts:
                bad(n, f"unknown article id {doc!r}")
                continue
            if e > len(texts[doc]):
                bad(n, f"span {s}-{e} lies outside the article (length {len(texts[doc])})")
                continue
            text = texts[doc][s:e]
        rows.append({"doc_id": doc, "start": s, "end": e, "label": label.strip(), "text": text, "line": n})
    out = pd.DataFrame(rows, columns=list(GOLD_SPAN_COLUMNS))
    out = out.astype({"start": "int64", "end": "int64", "line": "int64"})
    rep.loaded += len(out)
    out.attrs["load_report"] = rep.to_dict()
    return out
