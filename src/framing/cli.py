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
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .load import FramingLoadWarning, LoadError, LoadReport, MissingExtraError, load_articles

__all__ = ["main", "build_parser", "write_table"]

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

    art = sub.add_parser(
        "articles", help="load articles and print or write the articles table",
        description="Load articles (cleaning scraped .txt/.html pages, keeping structured text "
                    "verbatim) and print a preview, or write the table with -o/--format. A "
                    "summary and every skipped record (file:line: reason) go to stderr.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  framing articles seeds/\n"
               "  framing articles corpus.jsonl.gz --column body=text -o articles.parquet\n")
    art.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob")
    art.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                     help="output format (default: from -o's extension; without -o, a preview)")
    art.add_argument("-o", "--output", metavar="OUT", help="write the table here")
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
        cmd.add_argument("-q", "--quiet", action="store_true", help="no summary, no progress bar")

    def add_lexicon_options(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--lexicon", action="append", default=[], metavar="NAME|PATH",
                         help="a built-in lexicon name or a lexicon file (.tsv .yml .dic .txt); "
                              "repeatable; default: all built-ins (see `framing lexicons`)")
        cmd.add_argument("--jobs", type=int, default=1, metavar="N",
                         help="worker processes (results are identical to one job)")

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
    sp.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                    help="output format (default: from -o's extension; without -o, a readable table)")
    sp.add_argument("-o", "--output", metavar="OUT", help="write the table here")
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
    ft.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                    help="output format (default: from -o's extension; without -o, csv)")
    ft.add_argument("-o", "--output", metavar="OUT", help="write the table here")
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
    fr.add_argument("--jobs", type=int, default=1, metavar="N",
                    help="worker processes (results are identical to one job)")
    fr.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                    help="output format (default: from -o's extension; without -o, a readable table)")
    fr.add_argument("-o", "--output", metavar="OUT", help="write the table here")
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
    qt.add_argument("--jobs", type=int, default=1, metavar="N",
                    help="worker processes (results are identical to one job)")
    qt.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                    help="output format (default: from -o's extension; without -o, a readable table)")
    qt.add_argument("-o", "--output", metavar="OUT", help="write the table here")
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
    so.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes")
    so.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                    help="output format (default: from -o's extension; without -o, a readable table)")
    so.add_argument("-o", "--output", metavar="OUT", help="write the table here")
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
    elif fmt == "csv":
        table.to_csv(output if output is not None else sys.stdout, index=False, lineterminator="\n")
    else:
        text = table.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
        if output is None:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        else:
            Path(output).write_text(text, encoding="utf-8")


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


def _load_for(args: argparse.Namespace) -> pd.DataFrame | None:
    """Load the inputs of a command with the shared input options; None when nothing loaded."""
    mapping = {}
    for item in args.column:
        src, sep, dst = item.partition("=")
        if not sep or not src or not dst:
            raise _Usage(f"--column takes SRC=DST, not {item!r}")
        mapping[src] = dst
    report = LoadReport()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingLoadWarning)
            df = load_articles(args.inputs, format=args.input_format, clean=getattr(args, "clean", None),
                               errors="raise" if args.strict else "report", columns=mapping or None,
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


def _cmd_spans(args: argparse.Namespace) -> int:
    from .spans import find_spans

    prepared = _prepare(args)
    if prepared is None:
        return 1
    lexset, df = prepared
    spans = find_spans(df, lexset, n_jobs=args.jobs, progress=False if args.quiet else None)
    spans["lexicon_version"] = spans["lexicon"].map(spans.attrs["lexicons"]).fillna("framing.text")
    if not args.quiet:
        print(f"framing: {len(spans)} spans in {len(df)} articles; lexicons: "
              f"{', '.join(spans.attrs['lexicons'].values())}", file=sys.stderr)
    if args.output is None and args.format is None:
        view = spans[["doc_id", "start", "end", "text", "category", "subcategory", "voice"]]
        with pd.option_context("display.max_rows", 60, "display.width", 160):
            print(view.to_string(index=False) if len(view) else "(no spans)")
    else:
        write_table(spans, args.output, args.format, index=False)
    return 0


def _cmd_features(args: argparse.Namespace) -> int:
    from .features import score

    prepared = _prepare(args)
    if prepared is None:
        return 1
    lexset, df = prepared
    table = score(df, lexset, n_jobs=args.jobs, progress=False if args.quiet else None)
    table["lexicons"] = ";".join(table.attrs["lexicons"].values())
    write_table(table, args.output, args.format or (None if args.output else "csv"))
    return 0


def _cmd_frames(args: argparse.Namespace) -> int:
    from .features import FRAME_IDS, frames
    from .lexicon import LexiconError, load_lexicon

    _check_output(args)
    try:
        lexicon = load_lexicon(args.lexicon)
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None
    df = _load_for(args)
    if df is None:
        return 1
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
    from .attribution import quotes
    from .lexicon import LexiconError, load_lexicon

    _check_output(args)
    try:
        cues = load_lexicon(args.attribution)
    except (LexiconError, FileNotFoundError) as err:
        raise ValueError(str(err)) from None
    df = _load_for(args)
    if df is None:
        return 1
    cue_spans = None
    if args.cue_model is not None:
        from .cuemodel import CueModel

        model = CueModel.load(args.cue_model or None)
        variant = "rules_nested_false" if args.no_nested else "rules"
        cue_spans = model.predict(df, threshold=model.threshold_for(variant))
    table = quotes(df, attribution=cues, titles=not args.no_titles, cue_spans=cue_spans,
                   nested=not args.no_nested, n_jobs=args.jobs,
                   progress=False if args.quiet else None)
    table["lexicons"] = ";".join(table.attrs["lexicons"].values())
    if not args.quiet:
        n_spk = int(table["speaker"].notna().sum())
        print(f"framing: {len(table)} attributions in {len(df)} articles ({n_spk} with a speaker); "
              f"lexicons: {table['lexicons'].iloc[0] if len(table) else '-'}", file=sys.stderr)
    if args.output is None and args.format is None:
        view = table[["doc_id", "kind", "speaker", "cue", "stance", "source_type", "content"]].copy()
        view["content"] = view["content"].str.slice(0, 50)
        with pd.option_context("display.max_rows", 80, "display.width", 200, "display.max_colwidth", 50):
            print(view.to_string(index=False) if len(view) else "(no attributions)")
    else:
        write_table(table, args.output, args.format, index=False)
    return 0


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


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    build_report(notebooks=args.notebooks, output=args.output)
    return 0


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
