"""The ``framing`` command. Thin: it parses arguments, calls the package, prints.

Exit status: 0 on success (records skipped under the default report mode are listed on
stderr), 1 on bad input (a missing path, ``--strict`` and a bad record, nothing loaded),
2 on bad usage. Errors are one line: ``framing: error: <reason>``.

Example:
    >>> main(["articles", "no/such/file.txt"])
    1
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .load import FramingLoadWarning, LoadError, LoadReport, MissingExtraError, iter_articles, load_articles

__all__ = ["main", "build_parser", "validation_text", "write_table"]

_EPILOG = """\
commands take files, folders (read recursively) or globs; formats are guessed from the
extension (.txt .md .html .csv .tsv .jsonl .json .parquet, also .gz/.bz2/.xz).

examples:
  framing articles seeds/                      preview the articles found
  framing articles data/sample/articles.jsonl -o articles.parquet
  framing spans seeds/                         loaded words, labels, naming, attribution, voice
  framing features data/sample/articles.jsonl -o features.csv
  framing lexicons                             the built-in lexicons
  framing kwic 'accus*' seeds/                 audit a pattern in context
  framing frames data/sample/articles.jsonl    the frame profile of each article
  framing annotate seeds/ -o seed.html         the article with every framing device highlighted
  framing validate babe final_labels_SG2.csv   precision, recall, F1 against BABE (95% CIs)
  framing audit --term 'accus*' seeds/         an entry's hits and a random sample to review
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``framing`` command.

    Example:
        >>> build_parser().parse_args(["articles", "x.txt", "--strict"]).strict
        True
    """
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news is framed: load articles, find loaded words, attribution "
                    "verbs and naming choices, compare outlets.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add_jobs(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--jobs", type=int, default=1, metavar="N",
                         help="worker processes (results are identical to one job)")

    def add_stream_options(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--chunksize", type=int, default=2000, metavar="N",
                         help="articles read, analysed and written at a time (default 2000): "
                              "memory depends on this, not on the size of the input")
        cmd.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                         help="pandas (default): this machine, --jobs processes; dask: a Dask "
                              "cluster (needs the 'scale' extra; see framing.dask)")
        cmd.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: the address of a running Dask scheduler "
                              "(tcp://host:8786); without it a LocalCluster of --jobs workers "
                              "is started")

    def add_output_options(cmd: argparse.ArgumentParser, without_o: str = "a readable table") -> None:
        cmd.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                         help=f"output format (default: from -o's extension; without -o, {without_o})")
        cmd.add_argument("-o", "--output", metavar="OUT",
                         help="write the table here; a folder (existing, or ending in /) gets one "
                              "file per chunk (part-00000.parquet, ...)")


    art = sub.add_parser(
        "articles", help="load articles and print or write the articles table",
        description="Load articles (cleaning scraped .txt/.html pages, keeping structured text "
                    "verbatim) and print a preview, or write the table with -o/--format. A "
                    "summary and every skipped record (file:line: reason) go to stderr.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing articles seeds/\n"
               "  framing articles corpus.jsonl.gz --column body=text -o articles.parquet\n")
    art.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob")
    add_output_options(art, "a preview")
    art.add_argument("--strict", action="store_true",
                     help="stop with exit status 1 at the first bad record")
    art.add_argument("--input-format", choices=["txt", "html", "csv", "tsv", "jsonl", "json", "parquet"],
                     help="read every input as this format, whatever its extension")
    cl = art.add_mutually_exclusive_group()
    cl.add_argument("--clean", dest="clean", action="store_true", default=None,
                    help="also clean text of structured input (offsets then index the cleaned text)")
    cl.add_argument("--no-clean", dest="clean", action="store_false",
                    help="do not clean scraped pages either")
    art.add_argument("--column", action="append", default=[], metavar="SRC=DST",
                     help="map an input column to a canonical one (e.g. article=text); repeatable")
    art.add_argument("--keep-duplicates", action="store_true", help="do not drop repeated texts")
    art.add_argument("-q", "--quiet", action="store_true", help="no summary, no progress bar")
    art.set_defaults(func=_cmd_articles)

    def add_input_options(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob of articles")
        cmd.add_argument("--input-format", choices=["txt", "html", "csv", "tsv", "jsonl", "json", "parquet"],
                         help="read every input as this format, whatever its extension")
        cmd.add_argument("--column", action="append", default=[], metavar="SRC=DST",
                         help="map an input column to a canonical one (e.g. article=text); repeatable")
        cmd.add_argument("--strict", action="store_true",
                         help="stop with exit status 1 at the first bad input record")
        cmd.add_argument("--keep-duplicates", action="store_true",
                         help="do not drop articles whose text repeats an earlier one")
        cmd.add_argument("-q", "--quiet", action="store_true", help="no summary, no progress bar")

    def add_lexicon_options(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--lexicon", action="append", default=[], metavar="NAME|PATH",
                         help="a built-in lexicon name or a lexicon file (.tsv .yml .dic .txt); "
                              "repeatable; default: all built-ins (see `framing lexicons`)")
        add_jobs(cmd)

    sp = sub.add_parser(
        "spans", help="every lexicon match and scare quote, with offsets, sentence and voice",
        description="Find every lexicon match and scare quote in the articles: one row per span with "
                    "doc_id, start, end (character offsets into the text as loaded), text, lexicon, "
                    "category, subcategory, entry, sentence, voice (narrator or quoted), weight and "
                    "lexicon_version (name@version#hash).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing spans seeds/\n"
               "  framing spans corpus.jsonl --lexicon loaded --lexicon my_terms.tsv -o spans.parquet\n")
    add_input_options(sp)
    add_lexicon_options(sp)
    add_stream_options(sp)
    add_output_options(sp)
    sp.set_defaults(func=_cmd_spans)

    ft = sub.add_parser(
        "features", help="one row of framing features per article",
        description="Per-article framing features: tokens, sentences, quoted share, and for each "
                    "category counts and rates per 1,000 tokens overall and by voice (narrator, "
                    "quoted), attribution stances and naming choices. Columns are explained in "
                    "`framing.features.score`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing features data/sample/articles.jsonl -o features.csv\n")
    add_input_options(ft)
    add_lexicon_options(ft)
    ft.add_argument("--no-sourcing", dest="sourcing", action="store_false",
                    help="leave out the sourcing features (attributions, speakers, source types)")
    ft.add_argument("--sentiment", action="store_true",
                    help="add VADER sentiment by voice (sentiment_* columns; the slowest step)")
    ft.add_argument("--frames", action="store_true",
                    help="add the frame profile (frame_* columns, dominant_frame)")
    add_stream_options(ft)
    add_output_options(ft, "csv")
    ft.set_defaults(func=_cmd_features)

    fr = sub.add_parser(
        "frames", help="the frame profile of each article (14 generic news frames)",
        description="The frame profile of each article over the 14 frames of the Policy Frames "
                    "Codebook (Boydstun et al. 2014): frame_<id>_per_1k (hits per 1,000 tokens), "
                    "frame_<id>_share (share of all frame hits), frame_hits_n, dominant_frame "
                    "(the rule is in `framing.features.dominant_frame`) and dominant_frame_title "
                    "(the headline's frame). Built from the `frames` lexicon; see "
                    "`framing.features.frames`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing frames data/sample/articles.jsonl\n"
               "  framing frames corpus.jsonl -o frames.csv --jobs 2\n")
    add_input_options(fr)
    fr.add_argument("--lexicon", default="frames", metavar="NAME|PATH",
                    help="the frame lexicon (default: the built-in 'frames'; subcategories are frame ids)")
    add_jobs(fr)
    add_output_options(fr)
    fr.set_defaults(func=_cmd_frames)

    qt = sub.add_parser(
        "quotes", help="attributions: who says what, with which verb (one row each)",
        description="Find the attributions in the articles: one row per attribution with doc_id, "
                    "kind (direct, indirect, mixed, according_to, nominal), speaker and its "
                    "offsets, cue and its offsets, stance of the cue (neutral, distancing, "
                    "emphatic, conflict, endorsing, concessive), content and its offsets, "
                    "source_type, speaker_name (pronouns resolved), sentence, field (text or "
                    "title) and problems (no_speaker, no_content, no_cue, unclosed_quote, "
                    "pronoun_unresolved). The rules are explained in `framing.attribution`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing quotes seeds/\n"
               "  framing quotes corpus.jsonl -o quotes.parquet --jobs 2\n")
    add_input_options(qt)
    qt.add_argument("--attribution", default="attribution", metavar="NAME|PATH",
                    help="the cue lexicon (default: the built-in 'attribution')")
    qt.add_argument("--no-titles", action="store_true", help="do not read the articles' titles")
    qt.add_argument("--cue-model", nargs="?", const="", default=None, metavar="PATH",
                    help="also use the trained cue tagger (framing.cuemodel; default file: the "
                         "cache, see benchmarks/train_cue_model.py): finds cues no lexicon lists")
    qt.add_argument("--no-nested", action="store_true",
                    help="drop attributions inside another's content (as PARC/PolNeAR annotate)")
    add_jobs(qt)
    add_stream_options(qt)
    add_output_options(qt)
    qt.set_defaults(func=_cmd_quotes)

    so = sub.add_parser(
        "sources", help="who gets which reporting verbs: speaker x stance counts by outlet",
        description="Count the attributions of `framing quotes` per outlet (or --by COLUMN), "
                    "speaker and source type, one column per stance, with the total and the "
                    "share of non-neutral cues.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing sources data/sample/articles.jsonl\n"
               "  framing sources corpus.jsonl --by outlet -o sources.csv\n")
    add_input_options(so)
    so.add_argument("--by", default="outlet", metavar="COLUMN",
                    help="group by this article column (default: outlet; 'none' for one group)")
    add_jobs(so)
    add_output_options(so)
    so.set_defaults(func=_cmd_sources)

    lx = sub.add_parser("lexicons", help="list the built-in lexicons with their sizes",
                        description="List the built-in lexicons: name, version, entries, categories, "
                                    "content hash. With PATH, describe a lexicon file instead.")
    lx.add_argument("paths", nargs="*", metavar="PATH", help="lexicon files to describe")
    lx.set_defaults(func=_cmd_lexicons)

    kw = sub.add_parser(
        "kwic", help="show the hits of a pattern in context, for auditing a lexicon entry",
        description="Keyword in context: every hit of TERM (lexicon pattern syntax: 'accus*', "
                    "'self-declared', 'u.s. officials') with the text around it and its voice.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing kwic 'accus*' seeds/\n  framing kwic crisis corpus.jsonl --limit 50\n")
    kw.add_argument("term", metavar="TERM", help="a pattern, as written in a lexicon")
    add_input_options(kw)
    kw.add_argument("--window", type=int, default=50, help="characters of context each side (default 50)")
    kw.add_argument("--limit", type=int, default=None, metavar="N", help="show at most N hits")
    kw.add_argument("--lexicon", action="append", default=[], metavar="NAME|PATH",
                    help="look TERM up as an entry of these lexicons (longest-match rule applied)")
    kw.set_defaults(func=_cmd_kwic)

    cmp_ = sub.add_parser(
        "compare", help="the terms that distinguish each group (log-odds, Monroe et al. 2008)",
        description="Distinguishing terms of each group against all other groups: log-odds ratios "
                    "with an informative Dirichlet prior and their z-scores (framing.compare.log_odds). "
                    "Prints or writes group, term, count_group, count_rest, log_odds, z: the top N "
                    "terms per group by z (the most over-used).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing compare data/sample/articles.jsonl --by outlet\n"
               "  framing compare corpus.jsonl --by outlet --terms categories --top 5 -o terms.csv\n")
    add_input_options(cmp_)
    cmp_.add_argument("--by", required=True, metavar="COLUMN", help="the articles column to group by (e.g. outlet)")
    cmp_.add_argument("--terms", choices=["words", "entries", "categories"], default="words",
                      help="count words (default), lexicon entries or lexicon categories")
    cmp_.add_argument("--top", type=int, default=20, metavar="N", help="terms per group (default 20)")
    cmp_.add_argument("--lexicon", action="append", default=[], metavar="NAME|PATH",
                      help="lexicons for --terms entries/categories; repeatable; default: all built-ins")
    cmp_.add_argument("--format", choices=["csv", "jsonl"],
                      help="output format (default: from -o's extension; without -o, a readable table)")
    cmp_.add_argument("-o", "--output", metavar="OUT", help="write the table here")
    cmp_.set_defaults(func=_cmd_compare)

    an = sub.add_parser(
        "annotate", help="self-contained HTML pages with every framing device highlighted and explained",
        description="Write each article as an annotated HTML page (framing.annotate): loaded words, "
                    "labels, naming choices, attribution verbs with their stance linked to the speaker, "
                    "hedges, boosters, anonymous sources and scare quotes highlighted; hover or focus a "
                    "highlight for why it frames and the neutral alternative; quoted voice shaded; a "
                    "legend and the article's rates per 1,000 tokens beside the corpus median. Pages "
                    "are self-contained (inline CSS, no script, nothing loaded from the network). "
                    "OUT ending in .html: one page (several articles get an index); any other OUT: a "
                    "folder with one page per article and an index.html; no -o: one page to stdout.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing annotate seeds/ -o seed.html\n"
               "  framing annotate data/sample/articles.jsonl -o pages/ --limit 5\n"
               "  framing annotate corpus.jsonl --corpus features.csv -o pages/\n")
    add_input_options(an)
    add_lexicon_options(an)
    an.add_argument("-o", "--output", metavar="OUT.html|DIR",
                    help="a .html file (one page) or a folder (one page per article); default: stdout")
    an.add_argument("--limit", type=int, default=None, metavar="N", help="annotate the first N articles only")
    an.add_argument("--corpus", metavar="FEATURES",
                    help="a features table (from `framing features`: .csv, .jsonl, .parquet) whose "
                         "medians are shown beside each article's rates; default: the loaded "
                         "articles themselves when there are several")
    an.add_argument("--title", default="Annotated articles", help="title of a page of several articles")
    an.set_defaults(func=_cmd_annotate)

    va = sub.add_parser(
        "validate", help="score lexicons against annotated corpora (precision, recall, F1, 95%% CIs)",
        description="Score the lexicons against gold annotations, with 95% percentile-bootstrap "
                    "intervals. DATASET: babe (a BABE SG2 label CSV, ';'-separated: token level, "
                    "per category and all together), mbic (final_labels_MBIC.csv, same scoring), "
                    "polnear (a PolNeAR folder: cue precision/recall/F1, speaker accuracy, content "
                    "F1 of `framing quotes`), spans (your own gold spans, JSONL id,start,end,label "
                    "over --articles: span level, per label). Definitions: framing.validate and "
                    "reports/validation.md.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing validate babe final_labels_SG2.csv --split test\n"
               "  framing validate babe final_labels_SG2.csv --baseline my_words.txt --format json\n"
               "  framing validate mbic final_labels_MBIC.csv --lexicon loaded\n"
               "  framing validate polnear ../shared/data/polnear\n"
               "  framing validate spans gold.jsonl --articles articles.jsonl --lexicon loaded\n")
    va.add_argument("dataset", choices=["babe", "mbic", "polnear", "spans"], help="the kind of gold standard")
    va.add_argument("path", metavar="PATH", help="the gold file (babe, mbic, spans) or folder (polnear)")
    va.add_argument("--lexicon", action="append", default=[], metavar="NAME|PATH",
                    help="lexicon to score; repeatable; default: loaded and label (polnear: attribution)")
    va.add_argument("--category", action="append", default=[], metavar="CAT[/SUB]",
                    help="categories that count as predictions (default: every category of the lexicons)")
    va.add_argument("--baseline", action="append", default=[], metavar="PATH|NAME",
                    help="a reference lexicon scored the same way (LIWC .dic, .tsv, word list .txt, or "
                         "mpqa_strongneg, mbic, recasens); repeatable")
    va.add_argument("--articles", metavar="ARTICLES", help="spans: the articles (id and text) the offsets index")
    va.add_argument("--split", choices=["train", "test", "all"], default="all",
                    help="babe: score one part of the committed article split (default all)")
    va.add_argument("--compartment", default="dev", metavar="NAME",
                    help="polnear: compartment (default dev; test only when named)")
    va.add_argument("--cue-model", nargs="?", const="", default=None, metavar="PATH",
                    help="polnear: also use the trained cue tagger, as `framing quotes --cue-model`")
    va.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    va.add_argument("--n-boot", type=int, default=1000, metavar="N", help="bootstrap replicates (default 1000)")
    va.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    va.add_argument("-o", "--output", metavar="OUT", help="write the output here instead of stdout")
    va.add_argument("--strict", action="store_true", help="spans: stop at the first bad line (exit status 1)")
    va.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr")
    va.set_defaults(func=_cmd_validate)

    au = sub.add_parser(
        "audit", help="per-entry audit: hits, precision against BABE, a random sample in context",
        description="Audit lexicon entries. With --term: the entries each term selects (the pattern "
                    "itself or a shell glob over patterns, e.g. 'accus*'; a term no entry matches is "
                    "audited as an ad-hoc pattern): hits in INPUT, precision against --gold, and a "
                    "seeded random sample of N hits per entry in context (left, hit, right, doc_id, "
                    "voice) for human review, written as CSV with -o. With --worst N: the N entries "
                    "with the lowest precision against --gold among those with at least --min-hits "
                    "predicted tokens.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing audit --term 'accus*' --term claimed seeds/ -o sample.csv\n"
               "  framing audit --term slammed corpus.jsonl --gold final_labels_SG2.csv --n 50 --seed 1\n"
               "  framing audit --worst 20 --gold final_labels_SG2.csv\n")
    au.add_argument("inputs", nargs="*", metavar="INPUT", help="articles (file, folder or glob) to find hits in")
    au.add_argument("--term", action="append", default=[], metavar="PATTERN", help="entries to audit; repeatable")
    au.add_argument("--worst", type=int, default=None, metavar="N", help="list the N worst entries (needs --gold)")
    au.add_argument("--propose", type=int, default=None, metavar="N",
                    help="list N candidate entries: words annotators in --gold mark as biased that no "
                         "entry covers (BABE SG2: its committed train part only)")
    au.add_argument("--min-hits", type=int, default=5, metavar="K",
                    help="--worst: only entries with at least K predicted tokens in --gold (default 5)")
    au.add_argument("--gold", metavar="BABE.csv", help="BABE/MBIC label CSV: precision of each entry")
    au.add_argument("--lexicon", action="append", default=[], metavar="NAME|PATH",
                    help="lexicons whose entries are audited; repeatable; default: all built-ins "
                         "(--worst: loaded and label)")
    au.add_argument("--n", type=int, default=20, metavar="N", help="hits sampled per entry (default 20)")
    au.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    au.add_argument("--window", type=int, default=60, help="characters of context each side (default 60)")
    au.add_argument("-o", "--output", metavar="OUT.csv",
                    help="write the sample (--term) or the worst entries (--worst) as CSV")
    au.add_argument("--input-format", choices=["txt", "html", "csv", "tsv", "jsonl", "json", "parquet"],
                    help="read every input as this format, whatever its extension")
    au.add_argument("--column", action="append", default=[], metavar="SRC=DST",
                    help="map an input column to a canonical one (e.g. article=text); repeatable")
    au.add_argument("--strict", action="store_true", help="stop with exit status 1 at the first bad input record")
    au.add_argument("-q", "--quiet", action="store_true", help="no summary")
    au.set_defaults(func=_cmd_audit)

    rep = sub.add_parser("report", help="execute the notebooks and rewrite reports/",
                         description="Execute every notebook in notebooks/ headless on the shipped "
                                     "data and write reports/ (figures, HTML, index).")
    rep.add_argument("--notebooks", metavar="DIR", help="notebook folder (default: notebooks/)")
    rep.add_argument("-o", "--output", metavar="DIR", help="reports folder (default: reports/)")
    rep.set_defaults(func=_cmd_report)
    return parser


def write_table(df: pd.DataFrame, output: str | None, fmt: str | None, *, index: bool = True) -> None:
    """Write a table (index as its first column) to ``output`` or stdout as jsonl/csv/parquet.

    Example:
        >>> import pandas as pd
        >>> write_table(pd.DataFrame({"a": [1]}, index=pd.Index(["x"], name="doc_id")), None, "csv")
        doc_id,a
        x,1
    """
    if fmt is None and output is not None:
        suffix = Path(output).suffix.lower().lstrip(".")
        fmt = {"jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "parquet": "parquet"}.get(suffix)
        if fmt is None:
            raise ValueError(f"cannot tell the output format from {output!r}; pass --format")
    table = df.reset_index() if index else df.reset_index(drop=True)
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet cannot be written to the terminal; pass -o FILE")
        table.to_parquet(output, index=False)
    else:
        from .tabletext import write_table_text

        if output is None:
            write_table_text(sys.stdout, table, "csv" if fmt == "csv" else "jsonl")
        else:
            with open(output, "wb") as handle:
                write_table_text(handle, table, "csv" if fmt == "csv" else "jsonl")


def _preview(df: pd.DataFrame) -> str:
    view = pd.DataFrame({
        "date": df["date"].dt.strftime("%Y-%m-%d").fillna(""),
        "outlet": df["outlet"].fillna("").astype(str).str.slice(0, 24),
        "title": df["title"].fillna("").astype(str).str.slice(0, 60),
        "chars": df["text"].str.len(),
    }, index=df.index)
    with pd.option_context("display.max_rows", 40, "display.width", 160,
                           "display.max_colwidth", 60):
        return view.to_string() if len(view) else "(no articles)"


def _cmd_articles(args: argparse.Namespace) -> int:
    _check_output(args)
    df = _load_for(args)
    if df is None:
        return 1
    if args.output is None and args.format is None:
        print(_preview(df))
    else:
        write_table(df, args.output, args.format)
    return 0


def _column_map(args: argparse.Namespace) -> dict[str, str] | None:
    """``--column SRC=DST`` options as a mapping (None when there are none)."""
    mapping = {}
    for item in args.column:
        src, sep, dst = item.partition("=")
        if not sep or not src or not dst:
            raise _Usage(f"--column takes SRC=DST, not {item!r}")
        mapping[src] = dst
    return mapping or None


def _load_for(args: argparse.Namespace) -> pd.DataFrame | None:
    """Load the inputs of a command with the shared input options; None when nothing loaded."""
    mapping = _column_map(args)
    report = LoadReport()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingLoadWarning)
            df = load_articles(args.inputs, format=args.input_format, clean=getattr(args, "clean", None),
                               errors="raise" if args.strict else "report", columns=mapping,
                               dedupe=not getattr(args, "keep_duplicates", False), report=report,
                               progress=False if args.quiet else None)
    finally:
        for p in report.problems:
            print(f"framing: {'warning' if p.kind == 'warning' else 'skipped'}: {p}", file=sys.stderr)
    if not args.quiet:
        print(f"framing: {report.summary()}", file=sys.stderr)
    if report.loaded == 0:
        print("framing: error: no articles loaded", file=sys.stderr)
        return None
    return df


def _lexicon_set(args: argparse.Namespace) -> Any:
    from .lexicon import LexiconError
    from .spans import LexiconSet

    try:
        return LexiconSet(args.lexicon or None)
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None


def _check_output(args: argparse.Namespace) -> None:
    if args.output:
        out = Path(args.output).resolve()
        for inp in args.inputs:
            if Path(inp).exists() and Path(inp).resolve() == out:
                raise _Usage(f"-o {args.output} would overwrite an input file")


def _prepare(args: argparse.Namespace) -> tuple[Any, pd.DataFrame] | None:
    """The shared start of commands that analyse articles: check -o, compile the lexicons
    (so a bad lexicon fails before any reading), load the inputs."""
    _check_output(args)
    lexset = _lexicon_set(args)
    df = _load_for(args)
    return None if df is None else (lexset, df)


def _prepare_with(args: argparse.Namespace, lexicon: str) -> tuple[Any, pd.DataFrame] | None:
    """:func:`_prepare` for commands that take one lexicon (``framing quotes``, ``framing
    frames``): check -o, load the lexicon (a bad one fails before any reading), load the inputs."""
    from .lexicon import LexiconError, load_lexicon

    _check_output(args)
    try:
        lex = load_lexicon(lexicon)
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None
    df = _load_for(args)
    return None if df is None else (lex, df)


def _stream_inputs(args: argparse.Namespace, report: LoadReport) -> Iterator[pd.DataFrame]:
    """The inputs of a command as chunks of articles (``--chunksize``), read lazily."""
    if args.chunksize < 1:
        raise _Usage("--chunksize must be at least 1")
    if args.jobs < 1:
        raise _Usage("--jobs must be at least 1")
    return iter_articles(args.inputs, chunksize=args.chunksize, format=args.input_format,
                         errors="raise" if args.strict else "report", columns=_column_map(args),
                         dedupe=not getattr(args, "keep_duplicates", False), report=report,
                         progress=False)


def _report_load(args: argparse.Namespace, report: LoadReport) -> None:
    for p in report.problems:
        print(f"framing: {'warning' if p.kind == 'warning' else 'skipped'}: {p}", file=sys.stderr)
    if not args.quiet:
        print(f"framing: {report.summary()}", file=sys.stderr)


def _stream(args: argparse.Namespace, analysis: str, lexset: Any, finish: Any,
            preview: Any, detail: Any = None, **options: Any) -> int:
    """Run a per-article analysis over the inputs chunk by chunk: read ``--chunksize``
    articles, analyse them (``--jobs`` processes or ``--engine dask``), add the provenance
    column (``finish``) and append the table to the output, so memory stays flat whatever the
    input size. Without ``-o``/``--format``, ``preview`` prints the whole table instead."""
    from .stream import TableWriter, analyse_chunks

    report = LoadReport()
    to_terminal = args.output is None and args.format is None
    writer = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingLoadWarning)
            if args.engine == "dask":
                from .dask import cli_tables

                tables = cli_tables(args, analysis, lexset, report, **options)
            else:
                chunks = _stream_inputs(args, report)
                tables = analyse_chunks(chunks, analysis, lexicons=lexset, n_jobs=args.jobs,
                                        progress=False if args.quiet else None, **options)
            shown: list[pd.DataFrame] = []
            for table in tables:
                if report.loaded == 0:
                    break
                finish(table)
                if to_terminal and preview is not None:
                    shown.append(table)
                    continue
                if writer is None:
                    index = analysis == "features"
                    writer = TableWriter(args.output, args.format or (None if args.output else "csv"),
                                         index=index)
                writer.write(table)
    except BaseException:
        if writer is not None:
            writer.abort()
        _report_load(args, report)
        raise
    _report_load(args, report)
    if report.loaded == 0:
        print("framing: error: no articles loaded", file=sys.stderr)
        return 1
    if writer is not None:
        writer.close()
    if not args.quiet:
        rows = writer.rows if writer is not None else sum(len(t) for t in shown)
        where = f" to {args.output}" if args.output else ""
        parts = f" ({len(writer.paths)} files)" if writer is not None and len(writer.paths) > 1 else ""
        noun = {"spans": "spans", "quotes": "attributions"}.get(analysis, "feature rows")
        print(f"framing: {rows} {noun} in {report.loaded} articles{detail() if detail else ''}"
              f"{where}{parts}; lexicons: {', '.join(lexset.stamps().values())}", file=sys.stderr)
    if writer is None:
        table = pd.concat(shown) if shown else pd.DataFrame()
        preview(table)
    return 0


def _cmd_spans(args: argparse.Namespace) -> int:
    _check_output(args)
    lexset = _lexicon_set(args)

    def finish(spans: pd.DataFrame) -> None:
        spans["lexicon_version"] = spans["lexicon"].map(spans.attrs["lexicons"]).fillna("framing.text")

    def preview(spans: pd.DataFrame) -> None:
        view = spans[["doc_id", "start", "end", "text", "category", "subcategory", "voice"]]
        with pd.option_context("display.max_rows", 60, "display.width", 160):
            print(view.to_string(index=False) if len(view) else "(no spans)")

    return _stream(args, "spans", lexset, finish, preview)


def _stamp_column(table: pd.DataFrame) -> None:
    table["lexicons"] = ";".join(table.attrs["lexicons"].values())


def _cmd_features(args: argparse.Namespace) -> int:
    from .stream import lexicons_for

    _check_output(args)
    lexset = lexicons_for("features", _lexicon_set(args), frames=args.frames)
    return _stream(args, "features", lexset, _stamp_column, None, sourcing=args.sourcing,
                   sentiment=args.sentiment, frames=args.frames)


def _cmd_frames(args: argparse.Namespace) -> int:
    from .features import FRAME_IDS, frames

    prepared = _prepare_with(args, args.lexicon)
    if prepared is None:
        return 1
    lexicon, df = prepared
    table = frames(df, lexicon=lexicon, n_jobs=args.jobs, progress=False if args.quiet else None)
    table["lexicons"] = ";".join(table.attrs["lexicons"].values())
    if args.output is None and args.format is None:
        short = {f"frame_{f}_share": f[:12] for f in FRAME_IDS}
        view = table[["frame_hits_n", "dominant_frame", "dominant_frame_title", *short]].rename(columns=short)
        with pd.option_context("display.max_rows", 60, "display.width", 250,
                               "display.float_format", "{:.2f}".format):
            print("shares of all frame hits; full table (rates per 1,000 tokens too): -o or --format",
                  file=sys.stderr)
            print(view.to_string() if len(view) else "(no articles)")
    else:
        write_table(table, args.output, args.format)
    return 0


def _cmd_quotes(args: argparse.Namespace) -> int:
    from .lexicon import LexiconError, load_lexicon
    from .spans import LexiconSet

    _check_output(args)
    try:
        lexset = LexiconSet([load_lexicon(args.attribution)])
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None
    model = None
    if args.cue_model is not None:
        from .cuemodel import CueModel

        model = CueModel.load(args.cue_model or None)
    found = {"speakers": 0}

    def finish(table: pd.DataFrame) -> None:
        _stamp_column(table)
        found["speakers"] += int(table["speaker"].notna().sum())

    def preview(table: pd.DataFrame) -> None:
        view = table[["doc_id", "kind", "speaker", "cue", "stance", "source_type", "content"]].copy()
        view["content"] = view["content"].str.slice(0, 50)
        with pd.option_context("display.max_rows", 80, "display.width", 200, "display.max_colwidth", 50):
            print(view.to_string(index=False) if len(view) else "(no attributions)")

    return _stream(args, "quotes", lexset, finish, preview,
                   lambda: f" ({found['speakers']} with a speaker)", titles=not args.no_titles,
                   nested=not args.no_nested, cue_model=model)


def _cmd_sources(args: argparse.Namespace) -> int:
    from .attribution import sources

    _check_output(args)
    df = _load_for(args)
    if df is None:
        return 1
    by = None if args.by.lower() == "none" else args.by
    table = sources(df, by=by, n_jobs=args.jobs, progress=False if args.quiet else None)
    if args.output is None and args.format is None:
        with pd.option_context("display.max_rows", 80, "display.width", 200):
            print(table.to_string() if len(table) else "(no attributions)")
    else:
        write_table(table, args.output, args.format)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from .compare import log_odds

    if args.top < 1:
        raise _Usage(f"--top must be at least 1, not {args.top}")
    if args.output and Path(args.output).suffix.lower() == ".parquet" and args.format is None:
        raise _Usage("compare writes csv or jsonl; pass --format or a .csv/.jsonl output")
    prepared = _prepare(args)
    if prepared is None:
        return 1
    lexset, df = prepared
    if args.by not in df.columns:
        raise ValueError(f"--by {args.by}: no such column; columns: {', '.join(map(str, df.columns))}")
    table = log_odds(df, args.by, terms=args.terms,
                     lexicons=lexset if args.terms != "words" else None)
    table = table.groupby("group", sort=False, group_keys=False).head(args.top).reset_index(drop=True)
    if not args.quiet:
        print(f"framing: top {args.top} {args.terms} per group of {args.by!r} "
              f"({table['group'].nunique()} groups, {len(df)} articles)", file=sys.stderr)
    if args.output is None and args.format is None:
        with pd.option_context("display.max_rows", None, "display.width", 160):
            print(table.round({"log_odds": 3, "z": 2}).to_string(index=False))
    else:
        write_table(table, args.output, args.format, index=False)
    return 0


def _cmd_lexicons(args: argparse.Namespace) -> int:
    from .lexicon import LexiconError, builtin_lexicons, load_lexicon

    rows = []
    try:
        for src in args.paths or builtin_lexicons():
            lex = load_lexicon(src)
            cats = ", ".join(f"{c} {n}" for c, n in sorted(lex.category_counts().items()))
            subs = len({(e.category, e.subcategory) for e in lex})
            rows.append({"name": lex.name, "version": lex.version, "entries": len(lex),
                         "categories": cats, "subcategories": subs, "hash": lex.hash,
                         "description": (lex.description[:70] + "...") if len(lex.description) > 73
                         else lex.description})
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(pd.DataFrame(rows).to_string(index=False))
    return 0


def _cmd_kwic(args: argparse.Namespace) -> int:
    from .lexicon import LexiconError, parse_pattern
    from .spans import kwic

    try:
        parse_pattern(args.term)
    except ValueError as err:
        raise _Usage(f"TERM: {err}") from None
    df = _load_for(args)
    if df is None:
        return 1
    try:
        hits = kwic(df, args.term, window=args.window, limit=args.limit,
                    lexicons=args.lexicon or None)
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None
    width = args.window
    for h in hits.itertuples(index=False):
        print(f"{h.doc_id[:16]:16}  {h.left:>{width}} [{h.match}] {h.right:<{width}}  ({h.voice})")
    if not args.quiet:
        print(f"framing: {len(hits)} hits of {args.term!r}", file=sys.stderr)
    return 0


def _cmd_annotate(args: argparse.Namespace) -> int:
    from .annotate import annotate_many
    from .attribution import quotes
    from .features import score
    from .spans import find_spans

    if args.limit is not None and args.limit < 1:
        raise _Usage(f"--limit must be at least 1, not {args.limit}")
    out = Path(args.output) if args.output else None
    one_page = out is not None and out.suffix.lower() in (".html", ".htm")
    if out is not None and not one_page and out.exists() and not out.is_dir():
        raise ValueError(f"-o {args.output}: exists and is not a folder (name a .html file or a folder)")
    corpus = None
    if args.corpus:
        path = Path(args.corpus)
        if not path.is_file():
            raise FileNotFoundError(f"--corpus {args.corpus}: no such file")
        suffix = path.suffix.lower()
        try:
            if suffix == ".parquet":
                corpus = pd.read_parquet(path)
            elif suffix in (".jsonl", ".ndjson"):
                corpus = pd.read_json(path, lines=True)
            else:
                corpus = pd.read_csv(path, sep=None, engine="python")
        except Exception as err:  # noqa: BLE001 - any unreadable table is bad input
            raise ValueError(f"--corpus {args.corpus}: cannot read it as a features table ({err})") from None
        if not any(str(c).endswith("_per_1k") for c in corpus.columns):
            raise ValueError(f"--corpus {args.corpus}: no *_per_1k columns; write it with `framing features`")
    prepared = _prepare(args)
    if prepared is None:
        return 1
    lexset, df = prepared
    progress = False if args.quiet else None
    if corpus is None and len(df) > 1:
        corpus = score(df, lexset, n_jobs=args.jobs, progress=progress)
    if args.limit is not None:
        df = df.head(args.limit)
    spans = find_spans(df, lexset, n_jobs=args.jobs, progress=progress)
    att = next((lx for lx in lexset.lexicons if "attribution" in lx.category_counts()), None)
    found = (quotes(df, attribution=att, titles=False, n_jobs=args.jobs, progress=progress)
             if att is not None else None)
    pages = annotate_many(df, spans=spans, quotes=found, lexicons=lexset, corpus=corpus, title=args.title)
    if out is None:
        sys.stdout.write(pages.articles[0].html() if len(pages) == 1 else pages.html())
    elif one_page:
        (pages.articles[0] if len(pages) == 1 else pages).save(out)
    else:
        pages.save_pages(out)
    if not args.quiet:
        where = "stdout" if out is None else (str(out) if one_page else f"{out}/ (one page each, index.html)")
        print(f"framing: {len(pages)} article{'s' if len(pages) != 1 else ''} annotated "
              f"({len(spans)} highlights) -> {where}", file=sys.stderr)
    return 0


def _baseline_lexicon(src: str) -> Any:
    """A --baseline: a lexicon file, or the name of a reference lexicon of framing.datasets."""
    from .datasets import REFERENCE_LEXICONS, read_reference_lexicon
    from .lexicon import LexiconError, load_lexicon

    try:
        if not Path(src).exists() and src in REFERENCE_LEXICONS:
            return read_reference_lexicon(src)
        if not Path(src).is_file():
            raise FileNotFoundError(f"--baseline {src}: no such file (or reference lexicon: "
                                    f"{', '.join(REFERENCE_LEXICONS)})")
        return load_lexicon(src)
    except LexiconError as err:
        raise ValueError(f"--baseline {src}: {err}") from None


def _fmt_metric(m: Any) -> str:
    if not isinstance(m, dict):
        return ""
    v, (lo, hi) = m["value"], m["ci"]
    if v != v:
        return "n/a"
    return f"{v:.3f} [{lo:.3f}, {hi:.3f}]" if lo == lo else f"{v:.3f}"


def validation_text(result: dict[str, Any]) -> str:
    """The readable table of a ``framing validate`` result (what ``--format text`` prints).

    Example:
        >>> r = {"dataset": "babe", "path": "x.csv", "n": 3, "unit": "sentences", "results": [
        ...     {"lexicon": "loaded", "category": "loaded", "precision": {"value": 0.5, "ci": [0.2, 0.8]},
        ...      "recall": {"value": 1.0, "ci": [1.0, 1.0]}, "f1": {"value": 0.667, "ci": [0.3, 0.9]},
        ...      "n_gold": 1, "n_pred": 2}]}
        >>> print(validation_text(r).splitlines()[0])
        babe: x.csv (3 sentences)
    """
    head = f"{result['dataset']}: {result['path']} ({result['n']} {result.get('unit', 'items')})"
    extra = [f"{k} {result[k]}" for k in ("split", "compartment") if result.get(k)]
    if extra:
        head += "; " + ", ".join(extra)
    rows = []
    for r in result["results"]:
        row = {"lexicon": r["lexicon"] + (" (baseline)" if r.get("baseline") else ""), "category": r["category"]}
        for k in ("precision", "recall", "f1", "accuracy"):
            if any(k in x for x in result["results"]):
                row[k] = _fmt_metric(r.get(k))
        for k in ("n_gold", "n_pred", "n_scored"):
            if any(k in x for x in result["results"]):
                row[k] = "" if k not in r else f"{r[k]:,}"
        rows.append(row)
    table = pd.DataFrame(rows).to_string(index=False) if rows else "(no results)"
    note = (f"95% percentile-bootstrap intervals ({result.get('n_boot', 0)} replicates, "
            f"seed {result.get('seed', 0)})" if result.get("n_boot") else "no intervals (--n-boot 0)")
    return f"{head}\n{table}\n{note}"


def _cmd_validate(args: argparse.Namespace) -> int:
    import json

    from . import validate as v
    from .datasets import read_babe, read_gold_spans, read_polnear
    from .spans import LexiconSet, find_spans

    if args.n_boot < 0:
        raise _Usage(f"--n-boot must be 0 or more, not {args.n_boot}")
    if args.output and Path(args.output).exists() and Path(args.output).resolve() == Path(args.path).resolve():
        raise _Usage(f"-o {args.output} would overwrite the input")
    if args.dataset in ("polnear", "spans") and args.baseline:
        raise _Usage(f"--baseline applies to babe and mbic, not {args.dataset}")
    if args.split != "all" and args.dataset != "babe":
        raise _Usage(f"--split applies to babe (the committed BABE SG2 split), not {args.dataset}")
    if not Path(args.path).exists():
        raise FileNotFoundError(f"{args.path}: no such file or folder")
    boot = {"n_boot": args.n_boot, "seed": args.seed}
    result: dict[str, Any] = {"dataset": args.dataset, "path": str(args.path)}
    note = (lambda msg: None if args.quiet else print(f"framing: {msg}", file=sys.stderr))

    if args.dataset in ("babe", "mbic"):
        if not Path(args.path).is_file():
            raise ValueError(f"{args.path}: not a file (a {args.dataset.upper()} label CSV)")
        try:
            sents = read_babe(args.path)
        except pd.errors.ParserError as err:
            raise ValueError(f"{args.path}: not a ';'-separated label CSV ({err})") from None
        if args.split != "all":
            try:
                sents = v.apply_split(sents, args.split)
            except ValueError as err:
                raise ValueError(f"{args.path}: --split {args.split} needs BABE SG2, whose articles "
                                 f"the committed split lists ({err})") from None
        lexset = _lexicon_set(argparse.Namespace(lexicon=args.lexicon or ["loaded", "label"]))
        rows = v.score_categories(sents, lexset, args.category or None, **boot)
        for src in args.baseline:
            lex = _baseline_lexicon(src)
            rows += [dict(r, baseline=True) for r in v.score_categories(sents, lex, None, **boot)]
        result.update(n=len(sents), unit="sentences", split=args.split, level="token")
    elif args.dataset == "polnear":
        from .attribution import quotes
        from .lexicon import LexiconError, load_lexicon

        if len(args.lexicon) > 1:
            raise _Usage("polnear scores one cue lexicon: give --lexicon once")
        try:
            cues = load_lexicon(args.lexicon[0] if args.lexicon else "attribution")
        except (LexiconError, FileNotFoundError) as err:
            raise ValueError(str(err)) from None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingLoadWarning)
            pn = read_polnear(args.path, compartments=(args.compartment,))
        for p in pn.report.problems:
            note(f"{'warning' if p.kind == 'warning' else 'skipped'}: {p}")
        cue_spans = None
        name = "quotes (rules)"
        if args.cue_model is not None:
            from .cuemodel import CueModel

            model = CueModel.load(args.cue_model or None)
            cue_spans = model.predict(pn.articles, threshold=model.threshold_for("rules"))
            name = "quotes (rules + cue model)"
        q = quotes(pn.articles, attribution=cues, titles=False, cue_spans=cue_spans, progress=False)
        if "field" in q.columns:
            q = q[q["field"] == "text"]
        score = v.score_attributions(q, pn.attributions, articles=pn.articles)
        rows = v.attribution_rows(score, name=f"{name}, {cues.stamp()}", **boot)
        result.update(n=len(pn.articles), unit="articles", compartment=args.compartment, level="attribution",
                      n_gold=len(pn.attributions))
    else:
        if not args.articles:
            raise _Usage("validate spans needs --articles ARTICLES (records with id and text)")
        if not Path(args.articles).is_file():
            raise FileNotFoundError(f"--articles {args.articles}: no such file")
        report = LoadReport()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingLoadWarning)
            articles = load_articles(args.articles, errors="raise" if args.strict else "report",
                                     report=report, progress=False, dedupe=False)
        for p in report.problems:
            note(f"{'warning' if p.kind == 'warning' else 'skipped'}: {p}")
        gold_report = LoadReport()
        gold = read_gold_spans(args.path, articles, errors="raise" if args.strict else "report",
                               report=gold_report)
        for p in gold_report.problems:
            print(f"framing: skipped: {p}", file=sys.stderr)
        if gold_report.problems:
            note(f"{len(gold_report.problems)} gold line(s) skipped, {len(gold)} gold spans read")
        if not len(gold):
            raise ValueError(f"{args.path}: no valid gold span")
        lexset = _lexicon_set(args)
        pred = find_spans(articles, lexset, progress=False)
        rows = v.score_spans(gold, pred, labels=args.category or None, docs=articles.index.astype(str),
                             name="+".join(lexset.stamps()), **boot)
        result.update(n=len(articles), unit="articles", level="span", n_gold=len(gold),
                      skipped_lines=[str(p) for p in gold_report.problems])
    result.update(boot)
    result["results"] = rows
    if args.format == "json":
        text = json.dumps(_json_safe(result), ensure_ascii=False, indent=1)
    else:
        text = validation_text(result)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def _json_safe(obj: Any) -> Any:
    """NaN becomes null, so the JSON is standard."""
    if isinstance(obj, float):
        return None if obj != obj else obj
    if isinstance(obj, dict):
        return {k: _json_safe(x) for k, x in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(x) for x in obj]
    return obj


def _cmd_audit(args: argparse.Namespace) -> int:
    from . import validate as v
    from .datasets import read_babe
    from .spans import LexiconSet

    if args.propose is not None:
        return _audit_propose(args)
    if not args.term and args.worst is None:
        raise _Usage("audit needs --term PATTERN (repeatable), --worst N or --propose N")
    if args.term and args.worst is not None:
        raise _Usage("give --term or --worst, not both")
    if args.worst is not None and not args.gold:
        raise _Usage("--worst needs --gold BABE.csv (precision needs gold)")
    if args.term and not args.inputs and not args.gold:
        raise _Usage("audit --term needs INPUT articles (or --gold)")
    for name, val in (("--n", args.n), ("--worst", args.worst if args.worst is not None else 1)):
        if val < 1:
            raise _Usage(f"{name} must be at least 1, not {val}")
    if args.output:
        _check_output(argparse.Namespace(output=args.output, inputs=[*args.inputs, *([args.gold] if args.gold else [])]))
    default = ["loaded", "label"] if args.worst is not None else None
    lexset = _lexicon_set(argparse.Namespace(lexicon=args.lexicon or default))
    gold = read_babe(args.gold) if args.gold else None
    articles = None
    if args.inputs:
        articles = _load_for(args)
        if articles is None:
            return 1
    if args.worst is not None:
        audit = v.audit_entries(lexset, articles=articles, gold=gold)
        table = v.worst_entries(audit, args.worst, min_hits=args.min_hits)
        if not args.quiet:
            print(f"framing: {len(table)} entries with the lowest precision among {int((audit['gold_pred_tokens'] >= args.min_hits).sum())} "
                  f"with >= {args.min_hits} predicted tokens in {args.gold}", file=sys.stderr)
    else:
        audit = v.audit_entries(lexset, articles=articles, gold=gold, terms=args.term)
        sample = v.kwic_sample(articles if articles is not None else gold, lexset, args.term, n=args.n,
                               seed=args.seed, window=args.window)
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(audit.round({"precision": 3}).to_string(index=False) if len(audit) else "(no entries)",
                  file=sys.stderr if args.output is None else sys.stdout)
        table = sample
        if not args.quiet:
            print(f"framing: {len(sample)} hits sampled (at most {args.n} per entry, seed {args.seed}) "
                  f"for {len(audit)} entries", file=sys.stderr)
    if args.output:
        table.to_csv(args.output, index=False, lineterminator="\n")
    elif args.worst is not None:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(table.round({"precision": 3}).to_string(index=False) if len(table) else "(no entries)")
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def _audit_propose(args: argparse.Namespace) -> int:
    """``framing audit --propose N --gold BABE.csv``: candidate entries from the train part."""
    from . import validate as v
    from .datasets import read_babe

    if args.term or args.worst is not None:
        raise _Usage("give --propose alone (not with --term or --worst)")
    if not args.gold:
        raise _Usage("--propose needs --gold BABE.csv (the annotated sentences)")
    if args.propose < 1:
        raise _Usage(f"--propose must be at least 1, not {args.propose}")
    if args.output:
        _check_output(argparse.Namespace(output=args.output, inputs=[args.gold]))
    sentences = read_babe(args.gold)
    try:
        part, sentences = "train", v.apply_split(sentences, "train")
    except ValueError:
        part = "all"  # not BABE SG2: no committed split
    lexset = _lexicon_set(argparse.Namespace(lexicon=args.lexicon or ["loaded", "label"]))
    table = v.propose_entries(sentences, lexset, top=args.propose)
    if not args.quiet:
        print(f"framing: {len(table)} candidate entries from {len(sentences)} sentences ({part} part of "
              f"{args.gold}); read each in context (framing audit --term WORD) before adding it",
              file=sys.stderr)
    if args.output:
        table.to_csv(args.output, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(table.to_string(index=False) if len(table) else "(no candidates)")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    build_report(notebooks=args.notebooks, output=args.output)
    return 0


#: glibc allocator settings for a batch run (mallopt(3): parameter number, bytes): freed
#: memory up to 256 MB stays in the heap for the next chunk (M_TRIM_THRESHOLD), the heap
#: grows 16 MB at a time (M_TOP_PAD) and arrays under 64 MB come from the heap, not from a
#: fresh mmap (M_MMAP_THRESHOLD).
_MALLOC_SETTINGS: dict[str, tuple[int, int]] = {
    "M_TRIM_THRESHOLD": (-1, 256 << 20),
    "M_TOP_PAD": (-2, 16 << 20),
    "M_MMAP_THRESHOLD": (-3, 64 << 20),
}


def _tune_allocator(environ: Any = None, platform: str | None = None) -> dict[str, int]:
    """Tell glibc's allocator to keep freed memory for reuse; return the settings applied.

    The pipeline allocates and frees large numpy arrays for every batch of articles. With
    glibc's defaults each one above the dynamic mmap threshold is a fresh ``mmap`` whose pages
    fault in again and are returned to the system when freed: on 20 MB of news that is
    0.2-0.5 s of system time out of 2.5 s. The settings of :data:`_MALLOC_SETTINGS` keep those
    pages in the heap (peak memory about the same). Nothing is changed off Linux, on a C
    library without ``mallopt`` (musl accepts and ignores it), or when any ``MALLOC_*``
    variable is set: then the user's own tuning (e.g. ``MALLOC_TRIM_THRESHOLD_``) rules.
    Worker processes forked by ``--jobs`` inherit the settings. See mallopt(3).

    Example:
        >>> _tune_allocator({"MALLOC_ARENA_MAX": "2"}, "linux")
        {}
        >>> _tune_allocator({}, "win32")
        {}
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or any(key.startswith("MALLOC_") for key in environ):
        return {}
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # pragma: no cover - no C library symbols to look up
        return {}
    return {name: value for name, (param, value) in _MALLOC_SETTINGS.items() if mallopt(param, value) == 1}


class _Usage(Exception):
    """Bad usage detected after argument parsing (exit status 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command; return its exit status.

    Example:
        >>> main(["--version"])
        Traceback (most recent call last):
        ...
        SystemExit: 0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    _tune_allocator()
    try:
        return int(args.func(args))
    except _Usage as err:
        parser.error(str(err))
    except (FileNotFoundError, LoadError, MissingExtraError, ValueError) as err:
        print(f"framing: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `framing articles ... | head`
        return 0
    return 0  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
