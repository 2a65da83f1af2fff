"""Audit the frames lexicon on real text (issue 9): a seeded random sample of hits per frame,
judged by hand, and the precision per frame.

Framing in Entman's (1993) sense is which aspects of an issue a text makes salient; the 14
frames are those of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik & Smith 2014).
A lexicon cue is only evidence of a frame when, in its context, it is about that aspect of
the story. This script measures how often that is so.

Two steps:

1. ``draw``: every hit of the frames lexicon in the PolNeAR articles (train + dev,
   :func:`framing.read_polnear`) and the MBIC articles (column ``article`` of
   ``babe_mbic/final_labels_MBIC.csv``, duplicates dropped), then, per frame, a random
   sample of ``--n`` hits drawn with ``--seed`` (a ``numpy`` generator: the same seed and the
   same lexicon give the same sample). Each hit is written with its context (keyword in
   context) and an empty ``ok`` column to a CSV under ``benchmarks/.cache/`` (gitignored:
   the article text has no licence for redistribution and must not be committed).
2. ``table``: given that CSV with ``ok`` filled in (``yes``/``no``: is the hit, in its
   context, really about that frame?), print the precision per frame and the entries that
   failed most often, as Markdown (the counts and entry names only, never article text).

Usage::

    .venv/bin/python benchmarks/audit_frames.py draw --seed 9 --n 50
    # judge: fill the ok column of benchmarks/.cache/frames-audit-seed9.csv
    .venv/bin/python benchmarks/audit_frames.py table benchmarks/.cache/frames-audit-seed9.csv

Example (the sample of a tiny corpus):
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"text": ["Taxes rose. The economy shrank."], "corpus": ["x"]})
    >>> s = sample_hits(arts, n=1, seed=0)
    >>> s.loc[s["frame"] == "economic", "corpus"].tolist()
    ['x']
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"


def audit_articles() -> pd.DataFrame:
    """PolNeAR (train + dev) and MBIC articles, one table with a ``corpus`` column.

    Example:
        >>> audit_articles()["corpus"].unique().tolist()  # doctest: +SKIP
        ['polnear', 'mbic']
    """
    import framing
    from framing import config

    import warnings

    with warnings.catch_warnings():  # PolNeAR's attribution problems do not matter here
        warnings.simplefilter("ignore", framing.FramingLoadWarning)
        pol = framing.read_polnear().articles[["text"]].assign(corpus="polnear")
    mbic_path = config.shared_data_dir() / "babe_mbic" / "final_labels_MBIC.csv"
    mb = pd.read_csv(mbic_path, sep=";", usecols=["article"])
    texts = mb["article"].dropna().astype(str).str.strip()
    texts = texts[texts.str.len() > 0].drop_duplicates()
    mbic = pd.DataFrame({"text": texts.to_list(), "corpus": "mbic"},
                        index=pd.Index([f"mbic-{i}" for i in range(len(texts))], name="doc_id"))
    pol.index = pol.index.astype(str)
    pol.index.name = "doc_id"
    return pd.concat([pol, mbic])


def sample_hits(articles: pd.DataFrame, *, n: int = 50, seed: int = 9, window: int = 110,
                lexicon: str = "frames") -> pd.DataFrame:
    """Per frame, ``n`` hits drawn at random (seeded) from all hits of the frames lexicon,
    each with ``window`` characters of context either side and an empty ``ok`` column.

    Example:
        >>> arts = pd.DataFrame({"text": ["Voters backed the tax cuts."], "corpus": ["x"]})
        >>> sorted(sample_hits(arts, n=5, seed=1)["frame"].unique())
        ['economic', 'political']
    """
    import framing

    spans = framing.find_spans(articles[["text"]], [lexicon], progress=False)
    spans = spans[spans["category"] == "frame"].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    parts = []
    for frame in sorted(spans["subcategory"].unique()):
        idx = np.flatnonzero((spans["subcategory"] == frame).to_numpy())
        pick = np.sort(rng.choice(idx, size=min(n, len(idx)), replace=False))
        parts.append(spans.iloc[pick])
    hits = pd.concat(parts, ignore_index=True)
    texts = articles["text"]
    doc_ids = articles.index.astype(str)
    pos = {d: i for i, d in enumerate(doc_ids)}
    rows = []
    for r in hits.itertuples(index=False):
        t = texts.iat[pos[r.doc_id]]
        rows.append({
            "frame": r.subcategory, "corpus": articles["corpus"].iat[pos[r.doc_id]],
            "doc_id": r.doc_id, "start": r.start, "entry": r.entry, "voice": r.voice,
            "left": " ".join(t[max(0, r.start - window):r.start].split()),
            "match": r.text,
            "right": " ".join(t[r.end:r.end + window].split()),
            "ok": "",
        })
    return pd.DataFrame(rows)


def precision_table(judged: pd.DataFrame, *, worst: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Precision per frame (hits judged ``yes`` / hits judged) and the failing entries.

    Returns ``(per_frame, failures)``: ``per_frame`` has ``frame, judged, yes, precision,
    polnear, mbic, worst_entries`` (the entries with most ``no``, as ``entry (no/judged)``);
    ``failures`` one row per entry with at least one ``no``.

    Example:
        >>> j = pd.DataFrame({"frame": ["economic"] * 3, "corpus": ["mbic"] * 3,
        ...                   "entry": ["jobs", "jobs", "taxes"], "ok": ["yes", "no", "yes"]})
        >>> precision_table(j)[0][["frame", "judged", "yes", "precision"]].values.tolist()
        [['economic', 3, 2, 0.667]]
    """
    j = judged.copy()
    j["ok"] = j["ok"].astype(str).str.strip().str.lower()
    bad = set(j["ok"]) - {"yes", "no"}
    if bad:
        raise ValueError(f"the ok column must be yes or no; found {sorted(bad)}")
    j["yes"] = j["ok"] == "yes"
    ent = (j.groupby(["frame", "entry"])["yes"].agg(judged="size", yes="sum").reset_index())
    ent["no"] = ent["judged"] - ent["yes"]
    failures = ent[ent["no"] > 0].sort_values(["frame", "no", "entry"], ascending=[True, False, True])
    rows = []
    for frame, g in j.groupby("frame"):
        f = failures[failures["frame"] == frame].head(worst)
        rows.append({
            "frame": frame, "judged": len(g), "yes": int(g["yes"].sum()),
            "precision": round(float(g["yes"].mean()), 3),
            "polnear": int((g["corpus"] == "polnear").sum()), "mbic": int((g["corpus"] == "mbic").sum()),
            "worst_entries": ", ".join(f"{e} ({n}/{k})" for e, n, k in zip(f["entry"], f["no"], f["judged"])),
        })
    return pd.DataFrame(rows), failures.reset_index(drop=True)


def markdown(per_frame: pd.DataFrame) -> str:
    """The per-frame table as Markdown, with a total row (micro precision) and the macro mean.

    Example:
        >>> t = pd.DataFrame([{"frame": "economic", "judged": 2, "yes": 1, "precision": 0.5,
        ...                    "polnear": 1, "mbic": 1, "worst_entries": "jobs (1/1)"}])
        >>> print(markdown(t).splitlines()[2])
        | economic | 2 | 1 | 0.50 | 1 / 1 | jobs (1/1) |
    """
    lines = ["| frame | hits judged | about the frame | precision | PolNeAR / MBIC | entries judged wrong most often (wrong/judged) |",
             "|---|---:|---:|---:|---:|---|"]
    for r in per_frame.itertuples(index=False):
        lines.append(f"| {r.frame} | {r.judged} | {r.yes} | {r.precision:.2f} | {r.polnear} / {r.mbic} | {r.worst_entries} |")
    tot_j, tot_y = int(per_frame["judged"].sum()), int(per_frame["yes"].sum())
    if tot_j:
        lines.append(f"| **all frames** | {tot_j} | {tot_y} | {tot_y / tot_j:.2f} (macro {per_frame['precision'].mean():.2f}) "
                     f"| {int(per_frame['polnear'].sum())} / {int(per_frame['mbic'].sum())} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``draw`` the sample or print the ``table`` of a judged sample.

    Example:
        >>> main(["table", "no/such/file.csv"])
        Traceback (most recent call last):
        ...
        FileNotFoundError: no/such/file.csv
    """
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="draw the seeded sample of hits per frame (with context)")
    d.add_argument("--seed", type=int, default=9)
    d.add_argument("--n", type=int, default=50, help="hits per frame")
    d.add_argument("--lexicon", default="frames", help="the frames lexicon (name or path)")
    d.add_argument("-o", "--output", help="CSV (default: benchmarks/.cache/frames-audit-seed<SEED>.csv)")
    t = sub.add_parser("table", help="precision per frame of a judged sample (Markdown)")
    t.add_argument("judged", help="the sample CSV with the ok column filled in (yes/no)")
    t.add_argument("--failures", help="also write every failing entry with its counts here (CSV)")
    t.add_argument("--only-current", metavar="LEXICON",
                   help="keep only the judged hits whose entry (same frame) is still in this "
                        "lexicon: the same sample re-scored after entries were removed")
    args = p.parse_args(argv)
    if args.cmd == "draw":
        out = Path(args.output) if args.output else CACHE / f"frames-audit-seed{args.seed}.csv"
        out.parent.mkdir(parents=True, exist_ok=True)
        s = sample_hits(audit_articles(), n=args.n, seed=args.seed, lexicon=args.lexicon)
        s.to_csv(out, index=False)
        print(f"{len(s)} hits ({s['frame'].nunique()} frames, seed {args.seed}) -> {out}", file=sys.stderr)
        return 0
    if not Path(args.judged).exists():
        raise FileNotFoundError(args.judged)
    judged = pd.read_csv(args.judged, keep_default_na=False)
    if args.only_current:
        from framing import load_lexicon

        keep = {(e.pattern, e.subcategory) for e in load_lexicon(args.only_current).entries}
        judged = judged[[(e, f) in keep for e, f in zip(judged["entry"], judged["frame"])]]
    per_frame, failures = precision_table(judged)
    print(markdown(per_frame))
    if args.failures:
        failures.to_csv(args.failures, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
