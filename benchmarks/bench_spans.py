"""Benchmark: ``framing spans --jobs 1`` end to end (start-up, loading, segmentation,
matching, the spans table, writing it) on 20 MB of real news JSONL, one core, against a
floor measured in the same run.

Input: records of ``../shared/data/article_bias_prediction/articles_full.jsonl.gz`` in file
order, written as JSONL lines ``{"id": ID, "text": content_original}`` until the texts
total ``--mb`` MB (10**6 bytes of UTF-8; default 20). Steps, each a fresh process timed from
outside (wall clock, best of ``--repeat``; also the least CPU time of a run, which other
processes sharing the machine disturb far less than the wall clock):

* ``floor``: ``python -c`` that reads the file, ``json.loads`` every line and lowercases
  every text (interpreter start-up included): the least any tool reading this file does;
* ``import framing``: interpreter start-up plus importing the package (lazy: no submodule yet);
* ``import framing.cli``: the start-up of the ``framing`` command (pandas, numpy, the loader);
* ``framing spans --format F -o OUT`` for F in parquet, jsonl and csv.

Then where the time of ``find_spans`` goes, in one fresh process (wall clock inside it, best
of ``--repeat``): loading the file (``load_articles``), compiling the built-in lexicons
(``LexiconSet``), and over the batches ``find_spans`` makes: matching
(``Matcher.match_arrays``, tokenising included), segmentation (``text.segment_batch``:
paragraphs, sentences, quotations, scare quotes), and ``find_spans`` whole; the rest of it
(voice, sentence numbers, the spans table) is the difference, an upper bound: matching and
segmentation run faster alone, one after the other over all batches, than interleaved batch
by batch inside ``find_spans`` (warmer caches). Last, writing that table with
:class:`framing.stream.TableWriter` in each format.

Python's bytecode cache is on for every step, as for any user: ``PYTHONDONTWRITEBYTECODE``
(set in some sandboxes, where it adds the compiling of framing's modules to every start-up)
is removed from the steps' environment.

Usage: ``python benchmarks/bench_spans.py [--mb 20] [--repeat 5]``; writes
``benchmarks/results-spans.md`` and prints it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from framing import config  # noqa: E402

CORPUS = config.shared_data_dir() / "article_bias_prediction" / "articles_full.jsonl.gz"
MB = 1_000_000

FLOOR = ("import json, sys\n"
         "with open(sys.argv[1], encoding='utf-8') as fh:\n"
         "    for line in fh:\n"
         "        json.loads(line)['text'].lower()\n")


def write_input(path: Path, mb: float) -> tuple[int, int]:
    """The first ``mb`` MB of article text as JSONL ``{"id", "text"}``; (articles, bytes)."""
    total = n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in src:
            if total >= mb * MB:
                break
            record = json.loads(line)
            out.write(json.dumps({"id": record["ID"], "text": record["content_original"]}) + "\n")
            total += len(record["content_original"].encode("utf-8"))
            n += 1
    return n, total


#: Stage timings inside one process (see the module docstring); prints them as JSON.
STAGES = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import numpy as np
import framing
from framing import text
from framing.spans import _SEP, _text_batches, find_spans, LexiconSet

path, repeat = sys.argv[1], int(sys.argv[2])
best = {}
def timed(name, func, *args):
    for _ in range(repeat):
        t = time.perf_counter()
        out = func(*args)
        best[name] = min(best.get(name, 1e9), time.perf_counter() - t)
    return out
df = timed("load_articles", framing.load_articles, path)
lexset = timed("LexiconSet (compile the lexicons)", LexiconSet)
batches = [texts for _, texts in _text_batches(df)]
matches = timed("matching", lambda: [lexset.matcher.match_arrays(_SEP.join(b)) for b in batches])
cues = [np.stack([m[lexset.attribution].start, m[lexset.attribution].end], axis=1) for m in matches]
timed("segmentation", lambda: [text.segment_batch(b, c) for b, c in zip(batches, cues)])
spans = timed("find_spans (all of it)", find_spans, df, lexset)
import tempfile, pathlib
from framing.stream import TableWriter
def write(fmt):
    with TableWriter(pathlib.Path(tempfile.mkdtemp()) / f"spans.{fmt}") as w:
        w.write(spans)
for fmt in ("parquet", "jsonl", "csv"):
    timed(f"writing the table ({fmt}, TableWriter)", write, fmt)
print(json.dumps(best))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: The environment of every step: this one without PYTHONDONTWRITEBYTECODE (which this
#: workplace sets), so that Python caches bytecode as it does for any user: the first run of a
#: step writes the cache, the best of the runs reads it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_of(cmd: list[str], repeat: int) -> tuple[float, int, float]:
    """Fastest wall time of ``repeat`` runs of ``cmd`` (each must succeed), the runs, and the
    least CPU time (user + system) of a run: less sensitive to other processes on the machine."""
    times, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), _children_cpu()
        subprocess.run(cmd, check=True, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        cpu.append(_children_cpu() - c)
    return min(times), len(times), min(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="MB of article text (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per step, the fastest kept (default 5)")
    parser.add_argument("-o", "--output", default=str(HERE / "results-spans.md"))
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (see README, 'Data')")
        return 0
    py = sys.executable
    cli = [py, "-c", "import sys; from framing.cli import main; sys.exit(main())"]
    load0 = os.getloadavg()[0]
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "news.jsonl"
        n, nbytes = write_input(data, args.mb)
        file_mb = data.stat().st_size / MB
        steps = [("floor: read + `json.loads` + `str.lower()`", [py, "-c", FLOOR, str(data)]),
                 ("`import framing` (start-up)", [py, "-c", "import framing"]),
                 ("`import framing.cli` (start-up of the command)", [py, "-c", "import framing.cli"])]
        for fmt in ("parquet", "jsonl", "csv"):
            steps.append((f"`framing spans --jobs 1 --format {fmt}`",
                          cli + ["spans", str(data), "--jobs", "1", "-q", "--format", fmt,
                                 "-o", str(Path(tmp) / f"out.{fmt}")]))
        rows = []
        for name, cmd in steps:
            seconds, runs, cpu = best_of(cmd, args.repeat)
            rows.append((name, runs, seconds, cpu))
            print(f"{name}: {seconds:.2f} s", file=sys.stderr)
        stages = json.loads(subprocess.run([py, "-c", STAGES, str(data), str(args.repeat)], check=True, cwd=ROOT,
                                           env=ENV, capture_output=True, text=True).stdout)
    load1 = os.getloadavg()[0]
    floor = rows[0][2]
    lines = [
        f"# End-to-end `framing spans` benchmark ({time.strftime('%Y-%m-%d')})",
        "",
        f"Input: {n:,} AllSides articles in file order as JSONL (`id`, `text`), "
        f"{nbytes / MB:.1f} MB of UTF-8 text ({file_mb:.1f} MB file "
        "with JSON escapes). Command: `framing spans FILE --jobs 1 -q --format F -o OUT`, every "
        "built-in lexicon.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}. "
        f"Each step is a fresh process timed from outside (wall clock), best of {args.repeat}. "
        "MB/s = MB of article text / seconds; x floor = seconds / floor seconds; CPU s = the least "
        "user + system time of a run (what the process itself used, whatever else ran). "
        "Python's bytecode cache is on, as for any user (the first run of a step writes it).",
        "",
        "| step | runs | seconds | MB/s | x floor | CPU s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, runs, seconds, cpu in rows:
        rate = "–" if name.startswith("`import") else f"{nbytes / MB / seconds:.1f}"
        lines.append(f"| {name} | {runs} | {seconds:.2f} | {rate} | {seconds / floor:.1f} | {cpu:.2f} |")
    whole = stages["find_spans (all of it)"]
    writing = {k: stages.pop(k) for k in list(stages) if k.startswith("writing")}
    stages["rest of find_spans (difference: voice, sentence numbers, the table, cache effects)"] = \
        whole - stages["matching"] - stages["segmentation"]
    stages.update(writing)
    lines += ["", f"Where the time goes, inside one process (wall clock, best of {args.repeat}; matching, "
              "segmentation and the rest are the parts of `find_spans`):", "",
              "| stage | seconds | MB/s |", "|---|---:|---:|"]
    for name, seconds in stages.items():
        rate = "–" if name.startswith("LexiconSet") else f"{nbytes / MB / seconds:.1f}"
        lines.append(f"| {name} | {seconds:.2f} | {rate} |")
    lines += ["", f"Whole run: {time.perf_counter() - t_all:.0f} s; 1-minute load average {load0:.2f} at the "
              f"start, {load1:.2f} at the end (2 cores here: above 1, another process shared them)."]
    text = "\n".join(lines) + "\n"
    Path(args.output).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
