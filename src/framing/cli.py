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
  framing articles 'archive/**/*.html' --format jsonl > articles.jsonl
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

    rep = sub.add_parser("report", help="execute the notebooks and rewrite reports/",
                         description="Execute every notebook in notebooks/ headless on the shipped "
                                     "data and write reports/ (figures, HTML, index).")
    rep.add_argument("--notebooks", metavar="DIR", help="notebook folder (default: notebooks/)")
    rep.add_argument("-o", "--output", metavar="DIR", help="reports folder (default: reports/)")
    rep.set_defaults(func=_cmd_report)
    return parser


def write_table(df: pd.DataFrame, output: str | None, fmt: str | None) -> None:
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
    table = df.reset_index()
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
    mapping = {}
    for item in args.column:
        src, sep, dst = item.partition("=")
        if not sep or not src or not dst:
            raise _Usage(f"--column takes SRC=DST, not {item!r}")
        mapping[src] = dst
    if args.output:
        out = Path(args.output).resolve()
        for inp in args.inputs:
            if Path(inp).exists() and Path(inp).resolve() == out:
                raise _Usage(f"-o {args.output} would overwrite an input file")
    report = LoadReport()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingLoadWarning)
            df = load_articles(args.inputs, format=args.input_format, clean=args.clean,
                               errors="raise" if args.strict else "report", columns=mapping or None,
                               dedupe=not args.keep_duplicates, report=report,
                               progress=False if args.quiet else None)
    finally:
        for p in report.problems:
            print(f"framing: {'warning' if p.kind == 'warning' else 'skipped'}: {p}", file=sys.stderr)
    if not args.quiet:
        print(f"framing: {report.summary()}", file=sys.stderr)
    if report.loaded == 0:
        print("framing: error: no articles loaded", file=sys.stderr)
        return 1
    if args.output is None and args.format is None:
        print(_preview(df))
    else:
        write_table(df, args.output, args.format)
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
