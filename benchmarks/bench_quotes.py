"""Benchmark: attribution extraction (``framing.quotes``) and full features (``framing.score``)
on the AllSides corpus.

Input: ``../shared/data/article_bias_prediction/articles_full.jsonl.gz`` (37,554 real
articles; not shipped with the project: see README "Research corpora"), or its first
``--limit`` articles.

Each step runs in its own Python process (its peak memory is its own) on one core:

* ``load``: ``framing.load_articles`` of the corpus (timed alone; the other in-process steps
  load first and time only their own work);
* ``floor: segment + match``: ``framing.find_spans(articles, lexicons=["attribution"])``,
  the tokens, sentences, quotations and cue matches every attribution is built from, with the
  spans table; the least ``quotes`` must do;
* ``quotes``: ``framing.quotes(articles)`` (the same analysis, then the speaker, content and
  source-type rules, titles included);
* ``framing quotes (CLI)``: the command end to end, from reading the file to writing Parquet,
  ``--jobs 1``;
* ``floor: segment + match (all lexicons)``: ``framing.find_spans(articles)`` with the default
  lexicons, the analysis full features are built on;
* ``score(), 1 job`` and ``score(), 2 jobs``: ``framing.score(articles)`` with its defaults (all
  built-in lexicons, voice, attribution, sourcing; sentiment off), ``n_jobs=1`` and ``2``; the
  goal of issue 7 is 750 and 1,200 articles/s. With 2 jobs the peak is the parent's, and the
  largest worker's after the slash.

Usage: ``python benchmarks/bench_quotes.py [--repeat 1] [--limit N] [--only STEP]...``;
writes ``benchmarks/results-quotes.md`` and prints the table. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from benchlib import PEAK_RSS, fastest, run_json  # noqa: E402
from framing import config  # noqa: E402

CORPUS = config.shared_data_dir() / "article_bias_prediction" / "articles_full.jsonl.gz"

LOAD = """
import warnings, framing
warnings.simplefilter("ignore")
df = framing.load_articles(PATH, progress=False)
if LIMIT: df = df.iloc[:LIMIT]
"""


def _after_load(call: str) -> str:
    """A step that loads first, then times ``out = call`` (rows: ``len(out)``)."""
    return LOAD + f"START, CPU0 = time.perf_counter(), os.times()\nout = {call}\nn, rows = len(df), len(out)\n"


STEPS = {
    "load": "START, CPU0 = time.perf_counter(), os.times()\n" + LOAD + "n, rows = len(df), 0\n",
    "floor: segment + match": _after_load('framing.find_spans(df, lexicons=["attribution"], progress=False)'),
    "quotes": _after_load("framing.quotes(df, progress=False)"),
    "floor: segment + match (all lexicons)": _after_load("framing.find_spans(df, progress=False)"),
    "score(), 1 job": _after_load("framing.score(df, progress=False)"),
    "score(), 2 jobs": _after_load("framing.score(df, progress=False, n_jobs=2)"),
}
#: The floor each step is compared with (the analysis it is built on).
FLOORS = {"quotes": "floor: segment + match", "framing quotes (CLI)": "floor: segment + match",
          "floor: segment + match (all lexicons)": "floor: segment + match (all lexicons)",
          "score(), 1 job": "floor: segment + match (all lexicons)",
          "score(), 2 jobs": "floor: segment + match (all lexicons)"}
ORDER = ["load", "floor: segment + match", "quotes", "framing quotes (CLI)",
         "floor: segment + match (all lexicons)", "score(), 1 job", "score(), 2 jobs"]

RUNNER = """
import json, os, resource, sys, time
PATH, LIMIT = sys.argv[1], int(sys.argv[2])
START, CPU0 = time.perf_counter(), os.times()
{body}
seconds = time.perf_counter() - START
t = os.times()
cpu = t.user + t.system + t.children_user + t.children_system - sum(CPU0[:4])
""" + PEAK_RSS.replace("{", "{{").replace("}", "}}") + """
print(json.dumps({{"n": n, "rows": rows, "seconds": seconds, "cpu": cpu, "peak_mb": _vmhwm(),
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""


def run_step(name: str, limit: int) -> dict:
    """Run one in-process step in a fresh interpreter; its JSON result."""
    return run_json(RUNNER.format(body=STEPS[name]), str(CORPUS), str(limit))


def run_cli(limit: int) -> dict:
    """Time ``framing quotes INPUT -o OUT.parquet --jobs 1`` from outside."""
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        src = str(CORPUS)
        if limit:
            import gzip
            import itertools

            src = os.path.join(tmp, "in.jsonl")
            with gzip.open(CORPUS, "rb") as fh, open(src, "wb") as out:
                out.writelines(itertools.islice(fh, limit))
        dst = os.path.join(tmp, "quotes.parquet")
        exe = Path(sys.executable).with_name("framing")
        cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "framing"]),
               "quotes", src, "-o", dst, "--jobs", "1", "-q"]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=HERE.parent)
        seconds = time.perf_counter() - t0
        rows = len(pd.read_parquet(dst, columns=["doc_id"]))
    return {"n": None, "rows": rows, "seconds": seconds, "cpu": None, "peak_mb": None, "worker_mb": 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per step; the best is kept")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--only", action="append", choices=ORDER,
                        help="run only this step (repeatable; load and the floors always run)")
    parser.add_argument("-o", "--output", default=str(HERE / "results-quotes.md"))
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the AllSides corpus lives in ../shared/data; see "
              "README 'Research corpora' for how to download it)", file=sys.stderr)
        return 0
    load1 = os.getloadavg()[0]
    t_all = time.perf_counter()
    rows: dict[str, dict] = {}
    steps = [s for s in ORDER if not args.only or s in args.only or s == "load" or s.startswith("floor")]
    for name in steps:
        best = fastest(lambda: run_cli(args.limit) if name.endswith("(CLI)")
                       else run_step(name, args.limit), args.repeat)
        best["load"] = os.getloadavg()[0]
        rows[name] = best
        print(f"{name}: {best}", file=sys.stderr)
    n = rows["load"]["n"]
    lines = [
        f"# Attribution benchmark ({time.strftime('%Y-%m-%d')})", "",
        f"Input: `{CORPUS.name}`, {n:,} articles{' (first ' + str(args.limit) + ')' if args.limit else ''}. "
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"one core (`--jobs 1`) unless the step says 2 jobs, one process per step, best of {args.repeat}.", "",
        "| step | seconds | articles/s | CPU s | articles per CPU s | x floor | rows | peak RSS (MB) | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        peak = f"{r['peak_mb']:,.0f}" if r["peak_mb"] else "–"
        if r.get("worker_mb") and name.endswith("2 jobs"):
            peak += f" / {r['worker_mb']:,.0f}"
        floor = rows.get(FLOORS.get(name, "floor: segment + match"))
        ratio = f"{r['seconds'] / floor['seconds']:.2f}" if name != "load" and floor else "–"
        cpu = f"{r['cpu']:.1f} | {n / r['cpu']:,.0f}" if r.get("cpu") else "– | –"
        lines.append(f"| {name} | {r['seconds']:.1f} | {n / r['seconds']:,.0f} | {cpu} | {ratio} | "
                     f"{r['rows']:,} | {peak} | {r['load']:.2f} |")
    lines += [
        "",
        "- `load` is timed alone; `floor: segment + match` and `quotes` load first and time only their "
        "own work; the CLI row is the whole command (read, analyse, write Parquet).",
        "- floor = `find_spans` with the attribution lexicon: tokens, sentences, quotations, voice and cue "
        "matches, the analysis `quotes` is built on. The ratio is what the speaker/content rules cost on top.",
        "- `score()` rows: full features with the defaults (all built-in lexicons, voice, attribution, sourcing; "
        "sentiment off) against `find_spans` with all default lexicons; issue 7 asks >= 750 articles/s on one core "
        "and >= 1,200 with 2 jobs. Peak RSS of 2 jobs: the parent / the largest worker.",
        "- CPU s: the step's processor time (user + system, its workers' included); articles per CPU second is "
        "what one core gives when nothing else runs, less sensitive to a busy machine than the wall-clock rate.",
        "- load: the 1-minute load average when the step ended (2 cores: above 1, other processes shared them).",
        f"- Whole run: {time.perf_counter() - t_all:.0f} s; 1-minute load average {load1:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end (2 cores: above 1, another process shared them).",
        "",
    ]
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
