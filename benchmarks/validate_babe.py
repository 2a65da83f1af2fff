"""Validation: token-level precision, recall and F1 of lexicons against BABE SG2 biased words.

Scores the built-in ``loaded`` + ``label`` lexicons (as they are now, and as they were at
earlier commits, read from git: version 0.1.0 before issue 3's tuning, 0.2.0 after the first
round, 0.3.0 after the second) and three reference lexicons the same way, on
the committed article-level split (``data/splits/babe_sg2_split.csv``): ``train``,
``test`` and ``all``. Definitions: :mod:`framing.validate` (written once).

Input (not shipped with the project; see :mod:`framing.datasets`):
``../shared/data/babe_mbic/final_labels_SG2.csv`` (Spinde et al. 2021) and the reference
lexicons under ``../shared/data/reference_lexicons`` and ``../shared/data/babe_mbic``.

Usage::

    python benchmarks/validate_babe.py                 # print the table (markdown)
    python benchmarks/validate_babe.py --update-report # also rewrite the table in reports/validation.md
    python benchmarks/validate_babe.py --csv out.csv   # and/or write the rows as CSV

Options: ``--n-boot`` (1000), ``--seed`` (0), ``--before REV`` (repeatable: git revisions of
earlier lexicons to score as well; default :data:`BEFORE_REVS`; ``--before ''`` for none).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from framing import config  # noqa: E402
from framing.datasets import read_babe, read_reference_lexicon  # noqa: E402
from framing.lexicon import load_lexicon  # noqa: E402
from framing.spans import LexiconSet  # noqa: E402
from framing.validate import article_keys, read_split, score_counts, sentence_counts  # noqa: E402

#: Earlier lexicons scored next to the current ones: the commit issue 3 started from
#: (loaded/label 0.1.0), the first tuning round (0.2.0) and the second (0.3.0).
BEFORE_REVS = ("a86490a", "d0fbce8", "aee12f5")
#: The name notebooks/5.0-validation.py passes to :func:`run` (kept as an alias).
BEFORE_REV = BEFORE_REVS
PARTS = ("train", "test", "all")
MARK_START = "<!-- validate_babe:table:start -->"
MARK_END = "<!-- validate_babe:table:end -->"


def lexicons_at(rev: str, names: tuple[str, ...], tmp: Path) -> list:
    """The built-in lexicons as they were at git revision ``rev``."""
    out = []
    for name in names:
        rel = f"src/framing/lexicons/{name}.tsv"
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{rel}"], check=True,
                              capture_output=True, text=True).stdout
        path = tmp / f"{name}.tsv"
        path.write_text(text, encoding="utf-8")
        out.append(load_lexicon(path))
    return out


def _versions(lexicons: list) -> str:
    """``0.3.0`` when every lexicon has that version, else ``loaded 0.3.0, label 0.2.0``."""
    versions = {lx.version for lx in lexicons}
    return versions.pop() if len(versions) == 1 else ", ".join(f"{lx.name} {lx.version}" for lx in lexicons)


def systems(before_revs: tuple[str, ...], tmp: Path) -> list[tuple[str, str, list, list[str]]]:
    """(row label, version, lexicons, categories) for every scored system."""
    rows = []
    for rev in before_revs:
        try:
            (tmp / rev).mkdir(exist_ok=True)
            old = lexicons_at(rev, ("loaded", "label"), tmp / rev)
        except (subprocess.CalledProcessError, FileNotFoundError) as err:
            print(f"note: no row for {rev} (git show {rev} failed: {err})", file=sys.stderr)
            continue
        rows.append(("framing loaded+label", f"before: {_versions(old)} ({rev})", old, ["loaded", "label"]))
    now = [load_lexicon("loaded"), load_lexicon("label")]
    cur = f"after: {_versions(now)}"
    rows += [
        ("framing loaded+label", cur, now, ["loaded", "label"]),
        ("framing loaded", cur, [now[0]], ["loaded"]),
        ("framing label", cur, [now[1]], ["label"]),
        ("framing loaded+label+attribution/distancing", cur,
         [*now, load_lexicon("attribution")], ["loaded", "label", "attribution/distancing"]),
        ("MPQA strong subjective, negative (Wilson et al. 2005)", "reference",
         [read_reference_lexicon("mpqa_strongneg")], None),
        ("MBIC bias lexicon (Spinde et al. 2021)", "reference", [read_reference_lexicon("mbic")], None),
        ("Recasens et al. 2013 bias lexicon", "reference", [read_reference_lexicon("recasens")], None),
    ]
    return rows


def run(n_boot: int, seed: int, before_revs: str | tuple[str, ...] | None = BEFORE_REVS) -> pd.DataFrame:
    """Every system scored on train, test and all (one row each); ``before_revs``: git revisions
    of earlier lexicons to score too (one revision as a str, ``None`` or ``()`` for none)."""
    if isinstance(before_revs, str):
        before_revs = (before_revs,)
    before_revs = tuple(before_revs or ())
    babe = read_babe()
    split = read_split()
    part_of = article_keys(babe).map(dict(zip(split["article"], split["split"])))
    if part_of.isna().any():
        raise SystemExit(f"{int(part_of.isna().sum())} BABE sentences are not in the split file")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, version, lexicons, cats in systems(before_revs, Path(tmp)):
            lexset = LexiconSet(lexicons)
            t0 = time.perf_counter()
            counts = sentence_counts(babe, lexset, cats)
            for part in PARTS:
                sub = counts if part == "all" else counts[(part_of == part).to_numpy()]
                s = score_counts(sub, n_boot=n_boot, seed=seed)
                out.append({"lexicon": label, "version": version, "split": part,
                            "precision": s["precision"], "p_lo": s["precision_ci"][0], "p_hi": s["precision_ci"][1],
                            "recall": s["recall"], "r_lo": s["recall_ci"][0], "r_hi": s["recall_ci"][1],
                            "f1": s["f1"], "f1_lo": s["f1_ci"][0], "f1_hi": s["f1_ci"][1],
                            "n_sentences": s["n_sentences"], "n_gold": s["n_gold"], "n_pred": s["n_pred"],
                            "n_tp": s["n_tp"], "entries": sum(len(lx) for lx in lexicons),
                            "stamps": " ".join(lexset.stamps().values())})
            print(f"scored {label} [{version}] in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return pd.DataFrame(out)


def markdown(df: pd.DataFrame, n_boot: int, seed: int) -> str:
    def ci(v: float, lo: float, hi: float) -> str:
        return f"{v:.3f} [{lo:.3f}, {hi:.3f}]"

    lines = [
        f"Token-level scores on BABE SG2 (95% percentile-bootstrap intervals over sentences, "
        f"{n_boot} replicates, seed {seed}). n = sentences / gold tokens / predicted tokens.",
        "",
    ]
    for part in PARTS:
        sub = df[df["split"] == part]
        lines += [f"**{part}** ({sub['n_sentences'].iloc[0]:,} sentences, {sub['n_gold'].iloc[0]:,} gold tokens)", "",
                  "| lexicon | version | entries | precision | recall | F1 | n (sent / gold / pred) |",
                  "|---|---|---:|---|---|---|---|"]
        for _, r in sub.iterrows():
            p, rc, f = (ci(r[k], r[lo], r[hi]) for k, lo, hi in
                        (("precision", "p_lo", "p_hi"), ("recall", "r_lo", "r_hi"), ("f1", "f1_lo", "f1_hi")))
            lines.append(f"| {r['lexicon']} | {r['version']} | {r['entries']:,} | {p} | {rc} | {f} | "
                         f"{r['n_sentences']:,} / {r['n_gold']:,} / {r['n_pred']:,} |")
        lines.append("")
    stamps = df.drop_duplicates(["lexicon", "version"])[["lexicon", "version", "stamps"]]
    lines.append("Lexicon stamps (`name@version#hash`): " + "; ".join(
        f"{r['lexicon']} [{r['version']}]: `{r['stamps']}`" for _, r in stamps.iterrows()))
    return "\n".join(lines) + "\n"


def update_report(table: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if MARK_START not in text or MARK_END not in text:
        raise SystemExit(f"{path} has no {MARK_START} ... {MARK_END} block to replace")
    head, rest = text.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    path.write_text(f"{head}{MARK_START}\n{table}{MARK_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n-boot", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--before", action="append", default=None, metavar="REV",
                    help=f"git revision of earlier lexicons to score too; repeatable (default: {' '.join(BEFORE_REVS)}; '' for none)")
    ap.add_argument("--csv", type=Path, help="also write the rows as CSV")
    ap.add_argument("--update-report", action="store_true", help="rewrite the table in reports/validation.md")
    args = ap.parse_args(argv)
    try:
        revs = BEFORE_REVS if args.before is None else tuple(r for r in args.before if r)
        df = run(args.n_boot, args.seed, revs)
    except FileNotFoundError as err:
        print(f"validate_babe: {err}", file=sys.stderr)
        return 2
    table = markdown(df, args.n_boot, args.seed)
    print(table)
    if args.csv:
        df.to_csv(args.csv, index=False)
    if args.update_report:
        update_report(table, config.reports_dir() / "validation.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
