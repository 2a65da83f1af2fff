"""Benchmark: ``load_articles`` on the AllSides corpus against a floor measured in the same run.

Input: ``../shared/data/article_bias_prediction/articles_full.jsonl.gz`` (37,554 real
articles, ~475 MB of text; not shipped with the project: see README "Research corpora").

Each measurement runs in its own Python process, so the peak resident memory it reports
(``ru_maxrss``) belongs to that step alone:

* ``floor``: ``gzip.open`` + ``json.loads`` per line, keeping the article texts in a list
  (the least any loader must do);
* ``load_articles``: the full loader (aliases, ids, dedupe by text hash, date parsing,
  DataFrame);
* ``iter_articles``: the streaming loader, chunks of 1,000 articles, nothing kept.

Usage: ``python benchmarks/bench_load.py [--repeat 3] [--limit N]``; writes
``benchmarks/results-load.md`` and prints the table.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from benchlib import PEAK_RSS, fastest, run_json  # noqa: E402
from framing import config  # noqa: E402

CORPUS = config.shared_data_dir() / "article_bias_prediction" / "articles_full.jsonl.gz"

STEPS = {
    "floor": """
import gzip, json
texts = []
with gzip.open(PATH, "rb") as fh:
    for i, line in enumerate(fh):
        if LIMIT and i >= LIMIT: break
        texts.append(json.loads(line)["content_original"])
n, chars = len(texts), sum(map(len, texts))
""",
    "load_articles": """
import warnings, itertools, framing
warnings.simplefilter("ignore")
src = PATH
if LIMIT:
    import gzip, tempfile, os
    tmp = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False)
    with gzip.open(PATH, "rb") as fh: tmp.writelines(itertools.islice(fh, LIMIT))
    tmp.close(); src = tmp.name
START = time.perf_counter()
df = framing.load_articles(src, progress=False)
n, chars = len(df), int(df["text"].str.len().sum())
""",
    "iter_articles": """
import warnings, framing
warnings.simplefilter("ignore")
n = chars = 0
for chunk in framing.iter_articles(PATH, chunksize=1000):
    n += len(chunk); chars += int(chunk["text"].str.len().sum())
    if LIMIT and n >= LIMIT: break
""",
}

RUNNER = """
import resource, sys, time, json
PATH, LIMIT = sys.argv[1], int(sys.argv[2])
START = time.perf_counter()
{body}
seconds = time.perf_counter() - START
""" + PEAK_RSS.replace("{", "{{").replace("}", "}}") + """
print(json.dumps({{"n": n, "chars": chars, "seconds": seconds, "peak_mb": _vmhwm()}}))
"""


def run_step(name: str, limit: int) -> dict:
    return run_json(RUNNER.format(body=STEPS[name]), str(CORPUS), str(limit))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best is kept")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("-o", "--output", default=str(HERE / "results-load.md"))
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the AllSides corpus lives in ../shared/data; see "
              "README 'Research corpora' for how to download it)", file=sys.stderr)
        return 0
    rows = {}
    for name in STEPS:
        best = fastest(lambda: run_step(name, args.limit), args.repeat)
        rows[name] = best
        print(f"{name}: {best}", file=sys.stderr)
    floor = rows["floor"]["seconds"]
    lines = [
        f"# Loading benchmark ({time.strftime('%Y-%m-%d')})", "",
        f"Input: `{CORPUS.name}`, {rows['floor']['n']:,} articles, "
        f"{rows['floor']['chars'] / 1e6:,.0f} M characters of text. Machine: {platform.machine()}, "
        f"Python {platform.python_version()}, best of {args.repeat} runs, one process per run.", "",
        "| step | articles | seconds | articles/s | MB text/s | x floor | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        lines.append(f"| {name} | {r['n']:,} | {r['seconds']:.2f} | {r['n'] / r['seconds']:,.0f} | "
                     f"{r['chars'] / r['seconds'] / 1e6:,.0f} | {r['seconds'] / floor:.2f} | "
                     f"{r['peak_mb']:,.0f} |")
    lines += ["", "floor = `gzip.open` + `json.loads` per line, texts kept in a list. Goal: "
              "`load_articles` within 2x of the floor.", ""]
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
