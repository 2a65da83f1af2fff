"""Benchmark: the matching stage (spans, hence counts) on real news text, one core, against a
floor and peer tools measured in the same run.

Input: the first N MB (10**6 bytes of UTF-8) of article text, whole articles in file order,
from ``../shared/data/article_bias_prediction/articles_full.jsonl.gz`` (field
``content_original``; 37,554 real articles; not shipped with the project: see README
"Research corpora"). Default sizes 10, 25, 50 and 100 MB, nested (each is a prefix of the
next), to show that time grows linearly with size.

Lexicon: the union of the seven built-in lexicons of :data:`LEXICONS` (~2,900 entries, about
half of them phrases, ~500 with a ``*`` wildcard).

The texts of each size are written once to a temporary file (UTF-8, articles separated by
NUL). Each run is its own Python process (so its peak resident memory, ``VmHWM``,
belongs to that run alone) and times, from the same file: read + split into articles +
UTF-8 decode of each + the tool's work. Building the tool's automaton/trie is timed separately
("build"). Steps:

* ``floor``: read + split + decode + ``str.lower()`` of every article (the least any matcher does);
* ``framing (per article)``: ``Matcher(lexicons)`` built once, then ``match_arrays(text)``
  for each article (the realistic API use); matches = spans summed over the lexicons;
* ``framing (batch)``: ``match_arrays`` on batches of ``framing.spans._BATCH_CHARS`` characters
  (about 0.5 M) joined with NUL (which no token or phrase crosses), as ``framing.find_spans``
  calls it;
* ``framing.find_spans``: the full public pipeline (tokens, sentences, quotations, voice,
  scare quotes, the spans DataFrame), for context; smallest size only by default;
* ``flashtext``: ``KeywordProcessor`` (case-insensitive) with the non-wildcard entries
  expanded to their surface forms (space/hyphen between words, straight/curly apostrophe),
  ``extract_keywords(text, span_info=True)`` per article;
* ``spacy PhraseMatcher``: ``PhraseMatcher(attr="LOWER")`` on ``spacy.blank("en")``, the same
  expanded non-wildcard entries as patterns, ``matcher(nlp.make_doc(text))`` per article
  (no model is downloaded: the blank pipeline has only the tokenizer);
* ``naive LIWC-style``: ``re.findall(r"\\w+", text.lower())`` then a set lookup per token,
  and a prefix lookup for wildcard entries; single-word entries only;
* ``re alternation``: one flat ``re`` pattern, ``(?<!\\w)(?:alt1|alt2|...)(?!\\w)`` over all
  expanded non-wildcard entries (longest first) on the lowercased text; smallest size only,
  one run, with a timeout.

The peers do not follow framing's rules (per-lexicon longest match, wildcards, possessives,
apostrophe folding, tokens), so their match counts are for orientation, not a check.

Usage: ``python benchmarks/bench_match.py [--sizes 10,25,50,100] [--repeat 3] [--quick]``;
writes ``benchmarks/results-match.md`` and ``benchmarks/results-match.csv`` and prints the
tables. ``--quick`` is a smoke run (2 and 5 MB, one run each).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import framing  # noqa: E402
from framing import config  # noqa: E402

CORPUS = config.shared_data_dir() / "article_bias_prediction" / "articles_full.jsonl.gz"
LEXICONS = ("loaded", "label", "naming", "attribution", "hedge", "booster", "anonymous_source")
MB = 1_000_000
SEP = "\x00"  # article separator in the cached text files (removed from the texts)

# --------------------------------------------------------------------------- steps
# Each step is run as RUNNER.format(setup=..., body=...) in a fresh interpreter. ``setup``
# imports and builds (BUILD = its timed part, in seconds); ``body`` does the work on
# ``texts`` and sets ``matches`` (an int, or None).

READ = """
with open(PATH, "rb") as fh:
    texts = [t.decode("utf-8") for t in fh.read().split(SEP)]
"""

FRAMING_SETUP = """
import framing
from framing.match import Matcher
lexicons = [framing.load_lexicon(name) for name in ENTRIES["lexicons"]]
B = time.perf_counter()
matcher = Matcher(lexicons)
BUILD = time.perf_counter() - B
"""

STEPS: dict[str, dict[str, str]] = {
    "floor": {
        "setup": "",
        "body": """
for t in texts:
    t.lower()
matches = None
""",
    },
    "framing (per article)": {
        "setup": FRAMING_SETUP,
        "body": """
matches = 0
for t in texts:
    for arr in matcher.match_arrays(t):
        matches += len(arr.start)
""",
    },
    "framing (batch)": {
        "setup": FRAMING_SETUP + "from framing.spans import _BATCH_CHARS  # (imports pandas: not timed)\n",
        "body": """
# batches of _BATCH_CHARS characters joined by NUL, as framing.find_spans does
matches = 0
batch, size = [], 0
for t in texts + [None]:
    if t is not None:
        batch.append(t)
        size += len(t)
    if batch and (t is None or size >= _BATCH_CHARS):
        matches += sum(len(arr.start) for arr in matcher.match_arrays("\\x00".join(batch)))
        batch, size = [], 0
""",
    },
    "framing.find_spans": {
        "setup": """
import framing
lexicons = [framing.load_lexicon(name) for name in ENTRIES["lexicons"]]
B = time.perf_counter()
lexset = framing.LexiconSet(lexicons)
BUILD = time.perf_counter() - B
""",
        "body": """
matches = len(framing.find_spans(texts, lexset, progress=False))
""",
    },
    "flashtext": {
        "setup": """
from flashtext import KeywordProcessor
B = time.perf_counter()
kp = KeywordProcessor(case_sensitive=False)
kp.add_keywords_from_list(ENTRIES["phrases"])
BUILD = time.perf_counter() - B
""",
        "body": """
matches = 0
for t in texts:
    matches += len(kp.extract_keywords(t, span_info=True))
""",
    },
    "spacy PhraseMatcher": {
        "setup": """
import spacy
from spacy.matcher import PhraseMatcher
B = time.perf_counter()
nlp = spacy.blank("en")
nlp.max_length = 10**9
pm = PhraseMatcher(nlp.vocab, attr="LOWER")
pm.add("LEXICON", [nlp.make_doc(p) for p in ENTRIES["phrases"]])
BUILD = time.perf_counter() - B
""",
        "body": """
matches = 0
for t in texts:
    matches += len(pm(nlp.make_doc(t)))
""",
    },
    "naive LIWC-style": {
        "setup": """
import re
B = time.perf_counter()
exact = set(ENTRIES["single_exact"])
by_len = {}
for p in ENTRIES["single_prefix"]:
    by_len.setdefault(len(p), set()).add(p)
prefixes = sorted(by_len.items())
word = re.compile(r"\\w+")
BUILD = time.perf_counter() - B
""",
        "body": """
matches = 0
for t in texts:
    for w in word.findall(t.lower()):
        if w in exact:
            matches += 1
            continue
        for n, table in prefixes:
            if len(w) >= n and w[:n] in table:
                matches += 1
                break
""",
    },
    "re alternation": {
        "setup": """
import re
B = time.perf_counter()
alts = sorted({re.escape(p).replace("\\\\ ", "\\\\s+") for p in ENTRIES["phrases"]},
              key=lambda a: (-len(a), a))
rx = re.compile(r"(?<!\\w)(?:" + "|".join(alts) + r")(?!\\w)")
BUILD = time.perf_counter() - B
""",
        "body": """
matches = 0
for t in texts:
    for _ in rx.finditer(t.lower()):
        matches += 1
""",
    },
}

#: Steps run on the smallest size only (by default), and the per-run timeout of those.
SMALLEST_ONLY = ("framing.find_spans", "re alternation")
PEER_MODULES = {"flashtext": "flashtext", "spacy PhraseMatcher": "spacy"}

RUNNER = """
import gc, json, resource, sys, time
PATH, SEP = sys.argv[1], b"\\x00"
sys.path.insert(0, sys.argv[3])  # the snapshot of src/ taken at the start of the run
with open(sys.argv[2], encoding="utf-8") as fh:
    ENTRIES = json.load(fh)
BUILD = None

def vm(field):  # this process's own memory (ru_maxrss also counts the parent's, see README)
    try:
        with open("/proc/self/status") as fh:
            return next(int(l.split()[1]) for l in fh if l.startswith(field + ":")) / 1024
    except (OSError, StopIteration):
        return None

{setup}
gc.collect()
base = vm("VmRSS")
START = time.perf_counter()
{read}
{body}
seconds = time.perf_counter() - START
rss = vm("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "build": BUILD, "matches": matches, "peak_mb": rss,
                  "base_mb": base}}))
"""


def run_step(name: str, path: Path, entries: Path, src: Path, timeout: float | None) -> dict:
    code = RUNNER.format(setup=STEPS[name]["setup"], read=READ, body=STEPS[name]["body"])
    try:
        out = subprocess.run([sys.executable, "-c", code, str(path), str(entries), str(src)],
                             capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout (> {timeout:.0f} s)"}
    if out.returncode != 0:
        err = (out.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": f"failed: {err[:120]}"}
    return {"status": "ok", **json.loads(out.stdout.strip().splitlines()[-1])}


# --------------------------------------------------------------------------- input


def prepare_texts(sizes: list[float], workdir: Path) -> dict[float, dict]:
    """Write the first ``size`` MB of article text for each size; return their stats."""
    target = max(sizes) * MB
    texts: list[bytes] = []
    total = nul = 0
    with gzip.open(CORPUS, "rb") as fh:
        for line in fh:
            text = json.loads(line).get("content_original")
            if not isinstance(text, str) or not text:
                continue
            if SEP in text:
                nul += 1
                text = text.replace(SEP, " ")
            data = text.encode("utf-8")
            if total + len(data) > target:
                break
            texts.append(data)
            total += len(data)
    cum = list(itertools.accumulate(len(t) for t in texts))
    out = {}
    for size in sizes:
        k = sum(1 for c in cum if c <= size * MB)
        path = workdir / f"text-{size:g}MB.bin"
        path.write_bytes(SEP.encode().join(texts[:k]))
        out[size] = {"path": path, "articles": k, "bytes": cum[k - 1] if k else 0,
                     "chars": sum(len(t.decode("utf-8")) for t in texts[:k])}
    if nul:
        print(f"note: {nul} article(s) contained NUL characters, replaced by spaces", file=sys.stderr)
    return out


def snapshot(workdir: Path) -> Path:
    """Copy ``src/framing`` so that every run of this benchmark measures the same code even
    if the package is edited meanwhile; its content hash goes into the results."""
    dst = workdir / "src"
    shutil.copytree(ROOT / "src" / "framing", dst / "framing",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    h = hashlib.sha256()
    for f in sorted((dst / "framing").rglob("*")):
        if f.is_file():
            h.update(str(f.relative_to(dst)).encode() + b"\0" + f.read_bytes())
    _VERSIONS["snapshot"] = h.hexdigest()[:12]
    return dst


def expand(words: tuple[str, ...]) -> set[str]:
    """Surface forms of a pattern for peers without framing's rules: each gap a space or a
    hyphen, each apostrophe straight or curly."""
    forms = set()
    for seps in itertools.product(" -", repeat=len(words) - 1):
        s = words[0] + "".join(sep + w for sep, w in zip(seps, words[1:]))
        forms.add(s)
        forms.add(s.replace("'", "\u2019"))
    return forms


def prepare_entries(workdir: Path) -> tuple[Path, dict]:
    lexicons = [framing.load_lexicon(name) for name in LEXICONS]
    entries = [e for lex in lexicons for e in lex.entries]
    unique = {(e.words, e.prefix) for e in entries}
    plain = sorted(w for w, p in unique if not any(p))
    phrases = sorted(set().union(*(expand(w) for w in plain)))
    stats = {
        "per_lexicon": {lex.name: len(lex) for lex in lexicons},
        "entries": len(entries),
        "multiword": sum(1 for e in entries if len(e.words) > 1),
        "wildcard": sum(1 for e in entries if any(e.prefix)),
        "unique": len(unique),
        "plain": len(plain),
        "phrases": len(phrases),
        "single_exact": sorted({w[0] for w, p in unique if len(w) == 1 and not p[0]}),
        "single_prefix": sorted({w[0] for w, p in unique if len(w) == 1 and p[0]}),
    }
    path = workdir / "entries.json"
    path.write_text(json.dumps({"lexicons": list(LEXICONS), "phrases": phrases,
                                "single_exact": stats["single_exact"],
                                "single_prefix": stats["single_prefix"]}), encoding="utf-8")
    return path, stats


# --------------------------------------------------------------------------- report


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "numpy": "not installed"}
    git = ""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src/framing"],
                               capture_output=True, text=True, cwd=ROOT).stdout.strip()
        git = f"git {head}{' + uncommitted changes' if dirty else ''}; "
    except (OSError, subprocess.CalledProcessError):
        pass
    out["framing"] = (f"{framing.__version__} ({git}src/framing copied at the start of the run, "
                      f"content hash {_VERSIONS.get('snapshot', '?')})")
    for dist in ("numpy", "flashtext", "spacy"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def _batch_chars() -> int:
    """The batch size of ``framing.find_spans`` (characters), which the batch step uses."""
    from framing.spans import _BATCH_CHARS

    return _BATCH_CHARS


def fmt(x: float | None, spec: str) -> str:
    return "–" if x is None else format(x, spec)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,25,50,100",
                        help="comma-separated MB of text (default 10,25,50,100)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: sizes 2,5 and one run per step")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per step and size, the fastest kept (default 3; 1 with --quick)")
    parser.add_argument("--big", type=float, default=25,
                        help="sizes above this many MB: one run of a step slower than --slow (default 25)")
    parser.add_argument("--slow", type=float, default=10,
                        help="seconds of a run above which a step is not repeated at big sizes (default 10)")
    parser.add_argument("--only", default="", help="comma-separated step names to run (floor always runs)")
    parser.add_argument("--all-sizes", action="store_true",
                        help=f"also run {', '.join(SMALLEST_ONLY)} on every size")
    parser.add_argument("--timeout", type=float, default=180,
                        help="seconds per run for the smallest-size-only steps (default 180)")
    parser.add_argument("-o", "--output", default=str(HERE / "results-match.md"))
    parser.add_argument("--csv", default=str(HERE / "results-match.csv"))
    args = parser.parse_args()
    sizes = sorted({float(s) for s in ("2,5" if args.quick else args.sizes).split(",") if s.strip()})
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the AllSides corpus lives in ../shared/data; see "
              "README 'Research corpora' for how to download it)", file=sys.stderr)
        return 0
    wanted = [s for s in STEPS if s == "floor" or not args.only or s in args.only.split(",")]
    t_all = time.perf_counter()
    load_start = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="bench_match-"))
    try:
        src = snapshot(workdir)
        entries_path, lx = prepare_entries(workdir)
        print(f"lexicon: {lx['entries']:,} entries ({lx['multiword']:,} multiword, "
              f"{lx['wildcard']:,} with a wildcard) in {len(LEXICONS)} lexicons; "
              f"{lx['unique']:,} distinct patterns; peers get {lx['plain']:,} non-wildcard "
              f"patterns = {lx['phrases']:,} surface forms", file=sys.stderr)
        inputs = prepare_texts(sizes, workdir)
        rows: list[dict] = []
        for size in sizes:
            inp = inputs[size]
            for name in wanted:
                if name in PEER_MODULES and versions_cache()[PEER_MODULES[name]] == "not installed":
                    rows.append({"tool": name, "size": size, "runs": 0,
                                 "status": f"skipped: {PEER_MODULES[name]} not installed"})
                    continue
                limited = name in SMALLEST_ONLY and not args.all_sizes
                if limited and size != sizes[0]:
                    continue
                best = None
                n_runs = 0
                peak = 0.0
                load = os.getloadavg()[0]
                for _ in range(1 if limited else repeat):
                    r = run_step(name, inp["path"], entries_path, src,
                                 args.timeout if limited else None)
                    n_runs += 1
                    if r["status"] != "ok":
                        best = r
                        break
                    peak = max(peak, r["peak_mb"])
                    best = r if best is None or r["seconds"] < best["seconds"] else best
                    if size > args.big and r["seconds"] > args.slow:
                        break  # a slow step at a big size: one run
                best = {**best, "tool": name, "size": size, "runs": n_runs, "load": load}
                if best["status"] == "ok":
                    best["peak_mb"] = peak
                rows.append(best)
                print(f"{size:g} MB {name}: {best}", file=sys.stderr)
        lines, table = report(rows, inputs, lx, sizes, repeat, args.big, args.slow)
        lines.append(f"Whole run: {time.perf_counter() - t_all:,.0f} s; 1-minute load average "
                     f"{load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end (the "
                     "machine has 2 cores; a load above 1 means another process shared them).")
        lines.append("")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    with open(args.csv, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(table[0]))
        w.writeheader()
        w.writerows(table)
    print("\n".join(lines))
    return 0


_VERSIONS: dict[str, str] = {}


def versions_cache() -> dict[str, str]:
    if "python" not in _VERSIONS:
        _VERSIONS.update(versions())
    return _VERSIONS


def report(rows: list[dict], inputs: dict, lx: dict, sizes: list[float], repeat: int,
           big: float, slow: float) -> tuple[list[str], list[dict]]:
    v = versions_cache()
    floors = {r["size"]: r["seconds"] for r in rows if r["tool"] == "floor" and r["status"] == "ok"}
    per_lex = ", ".join(f"{k} {n:,}" for k, n in lx["per_lexicon"].items())
    runs_note = (f"best of {repeat} runs" + (f" (above {big:g} MB one run of a step whose run takes more "
                                             f"than {slow:g} s)" if any(s > big for s in sizes) else "")
                 if repeat > 1 else "one run per step")
    lines = [
        f"# Matching benchmark ({time.strftime('%Y-%m-%d')})", "",
        f"Input: the first N MB (10^6 bytes of UTF-8, whole articles) of `content_original` in "
        f"`{CORPUS.name}` (AllSides, real news). Lexicon: the union of {len(LEXICONS)} built-in "
        f"lexicons ({per_lex}) = {lx['entries']:,} entries, {lx['multiword']:,} multiword, "
        f"{lx['wildcard']:,} with a wildcard ({lx['unique']:,} distinct patterns).", "",
        f"Machine: {platform.machine()}, one core per run; Python {v['python']}; framing {v['framing']}; "
        f"numpy {v['numpy']}; flashtext {v['flashtext']}; spaCy {v['spacy']}. Each run is its own "
        f"process; {runs_note}. Time = read the text file + split into articles + decode + the "
        "tool's work; build (trie, automaton) is timed apart. MB/s = UTF-8 bytes of input / "
        "seconds; x floor = seconds / floor seconds. RSS before = resident memory after imports "
        "and build, before the timed part; peak RSS = the run's own high-water mark (`VmHWM`), "
        "the largest over the runs.", "",
    ]
    table: list[dict] = []
    for size in sizes:
        inp = inputs[size]
        lines += [f"## {size:g} MB: {inp['articles']:,} articles, {inp['bytes'] / MB:,.1f} MB, "
                  f"{inp['chars'] / 1e6:,.1f} M characters", "",
                  "| tool | runs | seconds | MB/s | x floor | build (s) | matches | RSS before (MB) | peak RSS (MB) "
                  "| load |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in (r for r in rows if r["size"] == size):
            ok = r["status"] == "ok"
            mbs = inp["bytes"] / MB / r["seconds"] if ok else None
            xf = r["seconds"] / floors[size] if ok and size in floors else None
            table.append({"tool": r["tool"], "size_mb": f"{size:g}", "articles": inp["articles"],
                          "bytes": inp["bytes"], "chars": inp["chars"], "runs": r["runs"],
                          "seconds": f"{r['seconds']:.4f}" if ok else "",
                          "mb_per_s": f"{mbs:.3f}" if ok else "",
                          "x_floor": f"{xf:.2f}" if xf else "",
                          "build_seconds": f"{r['build']:.4f}" if ok and r["build"] is not None else "",
                          "matches": r["matches"] if ok and r["matches"] is not None else "",
                          "rss_before_mb": f"{r['base_mb']:.0f}" if ok and r.get("base_mb") else "",
                          "peak_rss_mb": f"{r['peak_mb']:.0f}" if ok else "",
                          "load": f"{r['load']:.2f}" if "load" in r else "",
                          "status": r["status"]})
            if not ok:
                lines.append(f"| {r['tool']} | {r['runs']} | {r['status']} | | | | | | | |")
                continue
            lines.append(f"| {r['tool']} | {r['runs']} | {r['seconds']:.2f} | {mbs:,.1f} | "
                         f"{xf:,.1f} | {fmt(r['build'], '.3f')} | "
                         f"{'–' if r['matches'] is None else format(r['matches'], ',')} | "
                         f"{fmt(r.get('base_mb'), ',.0f')} | {r['peak_mb']:,.0f} | {fmt(r.get('load'), '.2f')} |")
        lines.append("")
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        lines += [f"## Linearity: MB/s at {hi:g} MB / MB/s at {lo:g} MB (1.00 = time linear in size)", "",
                  f"| tool | MB/s at {lo:g} MB | MB/s at {hi:g} MB | ratio |", "|---|---:|---:|---:|"]
        speed = {(t["tool"], float(t["size_mb"])): float(t["mb_per_s"]) for t in table if t["mb_per_s"]}
        for tool in dict.fromkeys(t["tool"] for t in table):
            a, b = speed.get((tool, lo)), speed.get((tool, hi))
            if a and b:
                lines.append(f"| {tool} | {a:,.1f} | {b:,.1f} | {b / a:.2f} |")
        lines.append("")
    lines += [
        "Notes:", "",
        "- floor: read + split + decode + `str.lower()` per article, the least any matcher does.",
        "- framing: `Matcher(lexicons)` built once; matches = spans of all lexicons (each lexicon "
        "is resolved on its own, longest match first, so one span can count in several lexicons). "
        f"Batch: one `match_arrays` call per batch of {_batch_chars():,} characters of articles "
        "joined with NUL, as `find_spans` runs it; no token or phrase crosses a NUL, so the "
        "matches are those of the per-article calls.",
        "- framing.find_spans: the whole public pipeline (segmentation, voice, scare quotes, "
        "the spans DataFrame); rows include scare quotes.",
        f"- flashtext, spaCy PhraseMatcher and the `re` alternation have no wildcards: the "
        f"{lx['wildcard']:,} wildcard entries are skipped; the other {lx['plain']:,} distinct "
        f"patterns are expanded to {lx['phrases']:,} surface forms (space or hyphen between words, "
        "straight or curly apostrophe). flashtext: leftmost-longest over the union of lexicons; "
        "spaCy: every (overlapping) match, token offsets; `re`: leftmost, first alternative "
        "(longest first), not overlapping.",
        f"- naive LIWC-style: single words only ({len(lx['single_exact']):,} exact + "
        f"{len(lx['single_prefix']):,} wildcard prefixes), `\\w+` tokens, so entries with an "
        "apostrophe never match and every phrase is skipped.",
        "- Counts differ between tools because their rules differ; they are for orientation.",
        "- load: the 1-minute load average when the step's first run started (2 cores: above 1, "
        "other processes shared the machine, and times grow with it; compare x floor).",
        "",
    ]
    return lines, table


if __name__ == "__main__":
    sys.exit(main())
