"""Benchmark: the pipeline at corpus scale (issue 7): throughput and peak memory per stage,
end to end for 1 and 2 jobs and for Dask on a LocalCluster, and growth with input size.

Input: the AllSides corpus (``../shared/data/article_bias_prediction/articles_full.jsonl.gz``,
37,554 articles, 223 M characters), written once as JSONL (``id``, ``title``, ``outlet``,
``date``, ``text`` = ``content_original``) in file order, plus the first 50, 100 and 200 MB
of article text and the corpus twice over (451 MB of UTF-8 text; the second copy's ids get a
suffix and the runs pass ``--keep-duplicates``), for the growth runs.

Every measurement is a fresh process timed from outside (wall clock, interpreter start-up
included). Peak memory is the highest resident set of the whole process tree (the command
and every worker process it starts), sampled every 50 ms from ``/proc`` (not ``ru_maxrss``:
on Linux a child's starts from its parent's peak).

Stages (whole corpus, one core; each reads the articles with ``iter_articles`` in chunks of
2,000, so each row includes the ``load`` row's work):

* ``floor``: read the JSONL, ``json.loads`` and ``str.lower()`` every text: the least any
  tool reading this file does;
* ``load``: ``framing.iter_articles`` (validation, ids, dedupe, dates);
* ``segment``: + tokens, sentences, paragraphs, quotations (``framing.text.segment_batch``);
* ``match``: + tokens and the lexicon matcher over all built-in lexicons (no segmentation);
* ``spans``: + ``find_spans`` (segmentation, matching, voice, the spans table);
* ``attribution``: + ``quotes`` (speakers, cues, content, source types);
* ``sentiment``: + ``sentiment`` (VADER by voice);
* ``features``: + ``score`` with its defaults (lexicons, voice, attribution, sourcing);
* ``framing features -o F.parquet`` end to end (load, analyse, write): ``--jobs 1``,
  ``--jobs 2``, ``--engine dask --jobs 2`` (a LocalCluster of 2 worker processes, started
  and stopped inside the timed command); also ``framing spans`` and ``framing quotes``.

Peers (matching only, counts over the first 50 MB of text, one core; the same peers and
rules as ``bench_match.py``): flashtext, spaCy PhraseMatcher, a LIWC-style counter, next to
framing's matcher and the floor on the same 50 MB.

Growth: ``framing features --jobs 1`` and ``--jobs 2`` at 50, 100, 200, 225 (the corpus) and 451 MB;
time and peak memory against input size, plotted to ``results-scale.png``/``.svg``/``.csv``.

Usage: ``python benchmarks/bench_scale.py [--quick]``; writes ``benchmarks/results-scale.md``
and the growth figure, and prints the tables. ``--quick`` uses 10 and 20 MB and the first
5,000 articles (a smoke run of the script, not a measurement).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from framing import config  # noqa: E402

CORPUS = config.shared_data_dir() / "article_bias_prediction" / "articles_full.jsonl.gz"
MB = 1_000_000
PY = sys.executable
FRAMING = [PY, "-m", "framing.cli"]

STAGE = """
import sys, warnings
warnings.simplefilter("ignore")
path = sys.argv[1]
import framing
{imports}
for chunk in framing.iter_articles(path, chunksize=2000, progress=False):
    texts = chunk["text"].tolist()
{body}
"""

STAGES = {
    "load": ("", "    pass"),
    "segment": ("from framing.text import segment_batch\nfrom framing.tokenize import tokenize",
                "    for i in range(0, len(texts), 100):\n"
                "        part = texts[i:i + 100]\n"
                "        tokenize('\\x00'.join(part)); segment_batch(part)"),
    "match": ("from framing.spans import LexiconSet, DEFAULT_LEXICONS\nfrom framing.tokenize import tokenize\n"
              "ls = LexiconSet(DEFAULT_LEXICONS)",
              "    for i in range(0, len(texts), 100):\n"
              "        joined = '\\x00'.join(texts[i:i + 100])\n"
              "        ls.matcher.match_arrays(joined, tokenize(joined))"),
    "spans": ("ls = framing.LexiconSet(None)", "    framing.find_spans(chunk, ls, progress=False)"),
    "attribution": ("", "    framing.quotes(chunk, progress=False)"),
    "sentiment": ("", "    framing.sentiment(chunk, progress=False)"),
    "features": ("ls = framing.LexiconSet(None)", "    framing.score(chunk, ls, progress=False)"),
}

FLOOR = ("import json, sys\n"
         "with open(sys.argv[1], encoding='utf-8') as fh:\n"
         "    for line in fh:\n"
         "        json.loads(line)['text'].lower()\n")


# --------------------------------------------------------------------------- measuring

def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _tree_rss(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
        todo += _children(p)
    return total


def run(argv: list[str], env: dict[str, str] | None = None) -> dict:
    """Run a command; wall seconds and peak resident memory (MB) of its process tree."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, _ = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    # Sampled, not ru_maxrss: on Linux a child's ru_maxrss starts from its parent's peak
    # (this script holds the corpus while writing the inputs), so it says nothing here.
    return {"seconds": seconds, "peak_mb": peak[0] / 2**20}


def best(argv: list[str], repeat: int) -> dict:
    runs = [run(argv) for _ in range(repeat)]
    return {"seconds": min(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs),
            "runs": repeat}


# --------------------------------------------------------------------------- inputs

def write_inputs(folder: Path, sizes_mb: list[int], limit: int | None) -> dict[str, dict]:
    """The corpus as JSONL, its first N MB, and the corpus twice; {name: {path, articles, mb}}."""
    records = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src:
        for line in src:
            r = json.loads(line)
            records.append({"id": r["ID"], "title": r.get("title"), "outlet": r.get("source"),
                            "date": r.get("date"), "text": r["content_original"]})
            if limit and len(records) >= limit:
                break
    sizes = [len(r["text"].encode("utf-8")) for r in records]
    out: dict[str, dict] = {}

    def dump(name: str, rows: list[dict], nbytes: int) -> None:
        path = folder / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        out[name] = {"path": path, "articles": len(rows), "mb": nbytes / MB}

    for mb in sizes_mb:
        total = n = 0
        while n < len(records) and total < mb * MB:
            total += sizes[n]
            n += 1
        if total >= mb * MB:
            dump(f"{mb}mb", records[:n], total)
    dump("corpus", records, sum(sizes))
    twice = records + [{**r, "id": f"{r['id']}~2"} for r in records]
    dump("corpus-x2", twice, 2 * sum(sizes))
    return out


# --------------------------------------------------------------------------- steps

def stage_rows(corpus: dict, repeat: int, out_dir: Path) -> list[dict]:
    path = str(corpus["path"])
    rows = [{"step": "floor: read + json.loads + lower", **best([PY, "-c", FLOOR, path], repeat)}]
    for name, (imports, body) in STAGES.items():
        code = STAGE.format(imports=imports, body=body)
        rows.append({"step": f"stage: {name}", **best([PY, "-c", code, path], repeat)})
        print(f"  {rows[-1]['step']}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)
    cli = [("framing features --jobs 1", ["features", "--jobs", "1"]),
           ("framing features --jobs 2", ["features", "--jobs", "2"]),
           ("framing features --engine dask --jobs 2", ["features", "--engine", "dask", "--jobs", "2"]),
           ("framing spans --jobs 1", ["spans", "--jobs", "1"]),
           ("framing quotes --jobs 1", ["quotes", "--jobs", "1"])]
    for label, args in cli:
        target = out_dir / f"{args[0]}.parquet"
        rows.append({"step": f"{label} -o {args[0]}.parquet",
                     **best([*FRAMING, args[0], path, *args[1:], "-q", "-o", str(target)], repeat)})
        print(f"  {label}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)
        target.unlink(missing_ok=True)
    floor = rows[0]["seconds"]
    for r in rows:
        r["articles/s"] = corpus["articles"] / r["seconds"]
        r["MB/s"] = corpus["mb"] / r["seconds"]
        r["x floor"] = r["seconds"] / floor
    return rows


PEERS = ("floor", "framing (batch)", "flashtext", "spacy PhraseMatcher", "naive LIWC-style")


def peer_rows(mb: int, folder: Path, repeat: int) -> tuple[list[dict], dict]:
    """flashtext, spaCy PhraseMatcher and a LIWC-style counter next to framing's matcher and
    the floor on the first ``mb`` MB, with the steps and entry lists of ``bench_match.py``
    (one definition of each peer); each row times reading the texts and matching them."""
    sys.path.insert(0, str(HERE))
    import bench_match as bm

    texts = bm.prepare_texts([mb], folder)[mb]
    entries, _ = bm.prepare_entries(folder)
    rows = []
    for name in PEERS:
        runs = [bm.run_step(name, texts["path"], entries, ROOT / "src", None) for _ in range(repeat)]
        ok = [r for r in runs if r.get("status") == "ok"]
        if not ok:
            rows.append({"step": f"{name} ({runs[0].get('status')})", "seconds": float("nan"),
                         "peak_mb": float("nan")})
            continue
        rows.append({"step": name, "seconds": min(r["seconds"] for r in ok),
                     "peak_mb": max(r["peak_mb"] for r in ok),
                     "matches": ok[0].get("matches")})
    floor = rows[0]["seconds"]
    for r in rows:
        r["MB/s"] = texts["bytes"] / MB / r["seconds"]
        r["x floor"] = r["seconds"] / floor
    return rows, texts


def growth_rows(inputs: dict[str, dict], names: list[str], repeat: int, out_dir: Path) -> list[dict]:
    rows = []
    for name in names:
        inp = inputs[name]
        target = out_dir / "growth.parquet"
        for jobs in (1, 2):
            argv = [*FRAMING, "features", str(inp["path"]), "--jobs", str(jobs), "-q",
                    "--keep-duplicates", "-o", str(target)]
            r = best(argv, repeat)
            rows.append({"input": name, "MB": inp["mb"], "articles": inp["articles"], "jobs": jobs,
                         "seconds": r["seconds"], "peak_mb": r["peak_mb"],
                         "articles/s": inp["articles"] / r["seconds"]})
            print(f"  growth {name} jobs={jobs}: {r['seconds']:.1f} s, {r['peak_mb']:.0f} MB",
                  file=sys.stderr)
            target.unlink(missing_ok=True)
    return rows


# --------------------------------------------------------------------------- report

def table(rows: list[dict], cols: list[tuple[str, str, str]]) -> str:
    head = "| " + " | ".join(c[1] for c in cols) + " |"
    rule = "|" + "|".join("---" if c[2] == "s" else "---:" for c in cols) + "|"
    body = []
    for r in rows:
        cells = []
        for key, _, fmt in cols:
            v = r.get(key, "")
            missing = v is None or v == "" or v != v
            cells.append(str(v) if fmt == "s" else ("–" if missing else format(v, fmt)))
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *body])


def plot_growth(rows: list[dict], stem: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from framing.plots import save_figure

    df = pd.DataFrame(rows)
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(9, 3.6), constrained_layout=True)
    styles = {1: ("#0072B2", "o", "-"), 2: ("#D55E00", "s", "--")}  # Okabe-Ito blue, vermillion
    for jobs, part in df.groupby("jobs"):
        colour, marker, line = styles[int(jobs)]
        label = f"{jobs} job" + ("s" if jobs > 1 else "")
        ax_t.plot(part["MB"], part["seconds"], marker=marker, linestyle=line, color=colour, label=label)
        ax_m.plot(part["MB"], part["peak_mb"], marker=marker, linestyle=line, color=colour, label=label)
    ax_t.set(xlabel="input (MB of article text)", ylabel="seconds", title="Time: framing features")
    ax_m.set(xlabel="input (MB of article text)", ylabel="peak resident memory (MB)",
             title="Memory: whole process tree")
    ax_m.set_ylim(bottom=0)
    ax_t.set_ylim(bottom=0)
    for ax in (ax_t, ax_m):
        ax.grid(alpha=0.3)
        ax.legend(frameon=False)
    save_figure(fig, stem.name, df, directory=stem.parent, dpi=150)
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs: a smoke run of the script")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step (the fastest is kept)")
    parser.add_argument("--skip-peers", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (see the README, 'Research corpora')")
        return 0
    sizes = [10, 20] if args.quick else [50, 100, 200]
    limit = 5000 if args.quick else None
    started = time.time()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        folder = Path(tmp)
        print("writing inputs ...", file=sys.stderr)
        inputs = write_inputs(folder, sizes, limit)
        corpus = inputs["corpus"]
        print("stages ...", file=sys.stderr)
        stages = stage_rows(corpus, args.repeat, folder)
        peers, peer_input = ([], {}) if args.skip_peers else peer_rows(sizes[0], folder, args.repeat)
        print("growth ...", file=sys.stderr)
        names = [f"{s}mb" for s in sizes if f"{s}mb" in inputs] + ["corpus", "corpus-x2"]
        growth = growth_rows(inputs, names, args.repeat, folder)
    load_after = os.getloadavg()
    stem = HERE / ("results-scale-quick" if args.quick else "results-scale")
    plot_growth(growth, stem)
    import numpy as np

    one = [g for g in growth if g["jobs"] == 1]
    slope = np.polyfit([g["MB"] for g in one], [g["seconds"] for g in one], 1)
    fitted = np.polyval(slope, [g["MB"] for g in one])
    worst = max(abs(f - g["seconds"]) / g["seconds"] for f, g in zip(fitted, one))
    import framing

    lines = [
        f"# Scale benchmark ({time.strftime('%Y-%m-%d')})", "",
        f"Input: `articles_full.jsonl.gz` as JSONL (id, title, outlet, date, text), "
        f"{corpus['articles']:,} articles, {corpus['mb']:.0f} MB of article text. Machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, framing "
        f"{framing.__version__}. One fresh process per step, wall clock including start-up, "
        f"best of {args.repeat}; peak = highest resident memory of the process tree (workers included).",
        "",
        "## Stages and end to end, whole corpus", "",
        table(stages, [("step", "step", "s"), ("seconds", "seconds", ".1f"),
                       ("articles/s", "articles/s", ",.0f"), ("MB/s", "MB/s", ".1f"),
                       ("x floor", "x floor", ".1f"), ("peak_mb", "peak RSS (MB)", ",.0f")]),
        "",
        "Each `stage:` row reads the corpus with `iter_articles` (chunks of 2,000) and runs the "
        "stage on every chunk, so it includes the `load` row; the stage's own cost is the "
        "difference. The `framing` rows are the whole command, writing Parquet.",
        "",
    ]
    if peers:
        lines += [f"## Matching peers, first {peer_input['bytes'] / MB:.0f} MB "
                  f"({peer_input['articles']:,} articles), one core", "",
                  table(peers, [("step", "tool", "s"), ("seconds", "seconds", ".2f"),
                                ("MB/s", "MB/s", ".1f"), ("x floor", "x floor", ".1f"),
                                ("matches", "matches", ",d"), ("peak_mb", "peak RSS (MB)", ",.0f")]),
                  "", "Each row reads the texts and matches them, in its own process (the steps "
                  "of `bench_match.py`; the rules of each tool and why counts differ: "
                  "`results-match.md`). Peak RSS here is the process's own `VmHWM`.", ""]
    lines += [
        "## Growth: `framing features` against input size", "",
        table(growth, [("input", "input", "s"), ("MB", "MB of text", ".0f"),
                       ("articles", "articles", ",d"), ("jobs", "jobs", "d"),
                       ("seconds", "seconds", ".1f"), ("articles/s", "articles/s", ",.0f"),
                       ("peak_mb", "peak RSS (MB)", ",.0f")]),
        "",
        f"One job, least-squares line: {slope[0]:.3f} s per MB + {slope[1]:.1f} s; the largest "
        f"relative distance of a measurement from the line is {worst:.0%}. "
        f"`corpus-x2` is the corpus twice (`--keep-duplicates`). Figure: "
        f"`{stem.name}.png` (data in `{stem.name}.csv`).",
        "",
        f"Whole run: {time.time() - started:.0f} s; 1-minute load average {load_before[0]:.2f} at "
        f"the start, {load_after[0]:.2f} at the end ({os.cpu_count()} cores: above 1, another "
        "process shared them).",
    ]
    text = "\n".join(lines) + "\n"
    (stem.with_suffix(".md")).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
