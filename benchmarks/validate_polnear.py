"""Validation: attribution cues, speakers and contents against PolNeAR (issue 4).

Scores, on PolNeAR **dev** (never test: the maintainers hold it out and score it
themselves), (a) a baseline: every hit of the built-in ``attribution`` lexicon is a cue,
with no speaker and no content; (b) the extractor ``framing.attribution.quotes`` when it
exists (rules, lexicon cues); (c) the same with the cue spans of the trained cue tagger
(:mod:`framing.cuemodel`, trained on PolNeAR train) passed as ``cue_spans``; (c') the same
with ``nested=False`` (attributions whose cue lies inside another's content dropped, as the
PARC scheme annotates only the outer one), with the tagger threshold chosen on train for
that variant (``CueModel.thresholds["rules_nested_false"]``); (d) the tagger's cue spans
alone (no speakers, no contents). Which of (c) and (c') is the project's PolNeAR-scheme
system was decided on train (``CueModel.info["polnear_system"]``), never here. The tagger is loaded from
``framing.cuemodel.default_model_path()`` (or ``--model``), or trained there first with
``benchmarks/train_cue_model.py``'s procedure (threshold chosen by cross-validation on
train). Definitions: :func:`framing.validate.score_attributions` (written once).

Input (not shipped with the project; see :func:`framing.datasets.read_polnear`):
``../shared/data/polnear/{articles,attributions}.jsonl`` (Newell, Margolin & Ruths 2018,
LREC; PARC 3.0 scheme, Pareti 2016).

Usage::

    python benchmarks/validate_polnear.py                  # dev: print the table (markdown)
    python benchmarks/validate_polnear.py --update-report  # also rewrite its section of reports/validation.md
    python benchmarks/validate_polnear.py --split train    # develop on train (never written to the report)
    python benchmarks/validate_polnear.py --split train --errors 20   # 20 missed and 20 spurious cues
    python benchmarks/validate_polnear.py --baseline-only  # skip the extractor even if it exists
    python benchmarks/validate_polnear.py --no-tagger      # skip the trained cue tagger rows
    python benchmarks/validate_polnear.py --retrain        # retrain the tagger on train first
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from framing import config  # noqa: E402
from framing.datasets import read_polnear  # noqa: E402
from framing.load import FramingLoadWarning  # noqa: E402
from framing.schema import QUOTE_COLUMNS  # noqa: E402
from framing.spans import LexiconSet, find_spans  # noqa: E402
from framing.validate import AttributionScore, score_attributions  # noqa: E402

HEADING = "## PolNeAR attribution (issue 4)"
MARK_END = "<!-- validate_polnear:end -->"
SPLITS = ("dev", "train")


def baseline_quotes(articles: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Every ``attribution`` lexicon hit as a cue; no speaker, no content (the QUOTE_COLUMNS table)."""
    lexset = LexiconSet(["attribution"])
    spans = find_spans(articles[["text"]], lexset, progress=False)
    spans = spans[spans["category"] == "attribution"]
    out = pd.DataFrame({c: [None] * len(spans) for c in QUOTE_COLUMNS})
    out["doc_id"] = spans["doc_id"].to_numpy()
    out["kind"] = "lexicon"
    out["cue"] = spans["text"].to_numpy()
    out["cue_start"] = spans["start"].to_numpy()
    out["cue_end"] = spans["end"].to_numpy()
    out["stance"] = spans["subcategory"].to_numpy()
    for c in ("speaker_start", "speaker_end", "content_start", "content_end"):
        out[c] = -1
    return out, " ".join(lexset.stamps().values())


def extractor() -> object | None:
    """``framing.attribution.quotes`` if the module exists and exports it, else None."""
    try:
        from framing.attribution import quotes  # type: ignore[attr-defined]
    except ImportError:
        return None
    return quotes


def cue_tagger(path: Path | None, retrain: bool) -> tuple[object | None, str]:
    """The trained cue tagger: loaded from ``path`` (default: the cache), or trained on
    PolNeAR train and saved there when missing or when ``retrain``; ``(None, why)`` when
    that is impossible."""
    try:
        from framing import cuemodel
    except ImportError as err:  # pragma: no cover - the module is part of the project
        return None, f"not available ({err})"
    target = path or cuemodel.default_model_path()
    if not retrain:
        try:
            model = cuemodel.CueModel.load(target)
        except FileNotFoundError:
            model = None
        except ValueError as err:
            print(f"validate_polnear: {err}; retraining", file=sys.stderr)
            model = None
        if model is not None:
            if model.info.get("split") != "train":
                raise SystemExit(f"validate_polnear: {target} was not trained on PolNeAR train only")
            return model, f"loaded {target}"
    sys.path.insert(0, str(HERE))
    from train_cue_model import train_and_tune

    print(f"training the cue tagger on PolNeAR train (saved to {target}) ...", file=sys.stderr)
    model, _ = train_and_tune(out=target)
    return model, f"trained and saved to {target}"


def bootstrap(by_doc: pd.DataFrame, n_boot: int, seed: int) -> dict[str, tuple[float, float]]:
    """95% percentile intervals of cue recall, precision and F1, resampling documents."""
    if not n_boot or by_doc.empty:
        return {}
    rng = np.random.default_rng(seed)
    cols = by_doc[["n_found", "n_gold", "n_pred_correct", "n_pred"]].to_numpy(dtype=float)
    idx = rng.integers(0, len(cols), size=(n_boot, len(cols)))
    sums = cols[idx].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = sums[:, 0] / sums[:, 1]
        p = sums[:, 2] / sums[:, 3]
        f = 2 * p * r / (p + r)
    return {k: tuple(float(x) for x in np.nanpercentile(v, [2.5, 97.5]))
            for k, v in (("recall", r), ("precision", p), ("f1", f))}


TAGGER_ROW = "rules + trained cue tagger (`quotes(..., cue_spans=CueModel.predict(...))`)"
NESTED_ROW = "rules + trained cue tagger, nested attributions dropped (PARC scheme)"
TAGGER_ALONE_ROW = "trained cue tagger: its cue spans alone, no speakers"
#: ``CueModel.thresholds`` key and ``info["polnear_system"]`` value of each end-to-end row.
NESTED_VARIANT = "rules_nested_false"
ROW_OF_VARIANT = {"rules": TAGGER_ROW, NESTED_VARIANT: NESTED_ROW}


def run(split: str, n_boot: int, seed: int, use_extractor: bool = True, use_tagger: bool = True,
        model_path: Path | None = None, retrain: bool = False
        ) -> tuple[list[dict], dict[str, AttributionScore], pd.DataFrame]:
    if split == "test":
        raise SystemExit("validate_polnear: the test split is held out (the maintainers score it)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingLoadWarning)
        pn = read_polnear(compartments=(split,))
    rows, scores = [], {}
    systems: list[tuple[str, object]] = [("baseline: `attribution` lexicon hits as cues, no speakers",
                                          baseline_quotes)]
    quotes = extractor() if use_extractor else None
    systems.append(("`framing.attribution.quotes` (rules, lexicon cues)", quotes))
    tagger_why = "not run (`--no-tagger` or `--baseline-only`)"
    model = None
    if use_tagger and use_extractor:
        model, tagger_why = cue_tagger(model_path, retrain)
    predicted: dict[str, pd.DataFrame] = {}
    by_threshold: dict[float, pd.DataFrame] = {}

    def tagger_spans(articles: pd.DataFrame, threshold: float | None = None) -> pd.DataFrame:
        if "spans" not in predicted:
            t0 = time.perf_counter()
            predicted["spans"] = model.predict(articles)  # type: ignore[union-attr]
            secs = time.perf_counter() - t0
            predicted["speed"] = len(articles) / secs if secs else float("nan")
            print(f"CueModel.predict: {len(articles)} articles in {secs:.1f}s, "
                  f"{predicted['speed']:.1f} articles/s (one core)", file=sys.stderr)
        if threshold is None or threshold == model.threshold:  # type: ignore[union-attr]
            return predicted["spans"]
        if threshold not in by_threshold:
            by_threshold[threshold] = model.predict(articles, threshold=threshold)  # type: ignore[union-attr]
        return by_threshold[threshold]

    def with_tagger(articles: pd.DataFrame) -> tuple[pd.DataFrame, str]:
        spans = tagger_spans(articles)
        return quotes(articles, cue_spans=spans), ""  # type: ignore[misc]

    def with_tagger_outer(articles: pd.DataFrame) -> tuple[pd.DataFrame, str]:
        spans = tagger_spans(articles, model.threshold_for(NESTED_VARIANT))  # type: ignore[union-attr]
        return quotes(articles, cue_spans=spans, nested=False), ""  # type: ignore[misc]

    def tagger_alone(articles: pd.DataFrame) -> tuple[pd.DataFrame, str]:
        spans = tagger_spans(articles)
        out = pd.DataFrame({c: [None] * len(spans) for c in QUOTE_COLUMNS})
        out["doc_id"] = spans["doc_id"].to_numpy()
        out["kind"] = "tagger"
        out["cue_start"] = spans["start"].to_numpy()
        out["cue_end"] = spans["end"].to_numpy()
        for c in ("speaker_start", "speaker_end", "content_start", "content_end"):
            out[c] = -1
        return out, ""

    if quotes is not None:
        systems.append((TAGGER_ROW, with_tagger if model is not None else None))
        systems.append((NESTED_ROW, with_tagger_outer if model is not None else None))
    systems.append((TAGGER_ALONE_ROW, tagger_alone if model is not None else None))
    for label, fn in systems:
        if fn is None:
            if label in (TAGGER_ROW, NESTED_ROW, TAGGER_ALONE_ROW):
                why = tagger_why
            else:
                why = ("not run (`--baseline-only`)" if not use_extractor
                       else "not available (no `framing.attribution.quotes` yet)")
            rows.append({"system": label, "available": False, "why": why})
            continue
        t0 = time.perf_counter()
        out = fn(pn.articles)
        pred, stamp = out if isinstance(out, tuple) else (out, "")
        secs = time.perf_counter() - t0
        s = score_attributions(pred, pn.attributions, articles=pn.articles)
        scores[label] = s
        rows.append({"system": label, "available": True, "seconds": secs, "stamp": stamp,
                     "ci": bootstrap(s.by_doc, n_boot, seed), **s.as_dict()})
        print(f"scored {label} in {secs:.1f}s", file=sys.stderr)
    if model is not None and "speed" in predicted:
        rows.append({"system": "_tagger", "available": False, "model": model,
                     "speed": predicted["speed"], "n_spans": len(predicted["spans"])})
    return rows, scores, pn


def train_cv_text(m: object) -> list[str]:
    """The decision made on train (from the model's ``info``): each end-to-end variant's
    threshold, the PolNeAR-scheme system, and the train-CV grid both were chosen from."""
    info = m.info  # type: ignore[attr-defined]
    by_variant = info.get("train_cv_by_variant", {})
    grid = info.get("train_cv_grid", [])
    system = info.get("polnear_system")
    if not by_variant or system not in ROW_OF_VARIANT:
        return ["", f"The model in the cache predates the per-variant thresholds: the row "
                f"'{NESTED_ROW}' uses its default threshold {m.threshold}; retrain with "  # type: ignore[attr-defined]
                "`python benchmarks/train_cue_model.py` to choose its own on train."]
    floor = info.get("min_precision", 0.68)
    chosen = "; ".join(
        f"'{ROW_OF_VARIANT[v]}': threshold {cv['threshold']} (train-CV cue recall {cv['R']:.3f}, precision "
        f"{cv['P']:.3f}, F1 {cv['F1']:.3f}, speaker accuracy {cv['speaker']:.3f}, content F1 {cv['content_F1']:.3f})"
        for v, cv in by_variant.items() if v in ROW_OF_VARIANT)
    out = ["", f"**The project's PolNeAR-scheme system is the row '{ROW_OF_VARIANT[system]}'.** It was "
           f"decided on train only, by the {info.get('folds')}-fold cross-validation grid below (out-of-fold "
           "tagger probabilities computed once, every variant scored on the same out-of-fold spans): for each "
           f"variant, the threshold with the highest train-CV cue recall among those with train-CV precision "
           f">= {floor}; then the variant with the highest train-CV recall at its chosen threshold "
           f"(ties: the higher precision). Chosen on train: {chosen}. The dev rows above were "
           "scored once, after these choices, and chose nothing."]
    sys_cv = by_variant[system]
    for v, cv in by_variant.items():
        if v != system and v in ROW_OF_VARIANT:
            out[-1] += (f" '{ROW_OF_VARIANT[v]}' was not chosen: at its own train-chosen threshold its train-CV "
                        f"cue recall is {cv['R']:.3f} against {sys_cv['R']:.3f} (precision {cv['P']:.3f} against "
                        f"{sys_cv['P']:.3f}, F1 {cv['F1']:.3f} against {sys_cv['F1']:.3f}).")
    if grid:
        vs = [v for v in ROW_OF_VARIANT if f"{v}_R" in grid[0]]
        head = "| threshold | " + " | ".join(
            f"{short} {k}" for v in vs for short in ([("rules + tagger" if v == "rules" else "nested dropped")])
            for k in ("R", "P", "F1", "speaker", "content F1")) + " |"
        lines = ["", f"PolNeAR **train**, {info.get('folds')}-fold cross-validation over articles (seed "
                 f"{info.get('seed')}): cue recall, precision, F1, speaker accuracy and content F1 of "
                 "'rules + tagger' (`quotes(..., cue_spans=spans)`) and 'nested dropped' "
                 "(`quotes(..., cue_spans=spans, nested=False)`) at each tagger threshold (chosen "
                 "thresholds in bold):", "", head, "|" + "---|" * (1 + 5 * len(vs))]
        for r in grid:
            cells = []
            for v in vs:
                bold = by_variant.get(v, {}).get("threshold") == r["threshold"]
                cells += [(f"**{r[f'{v}_{k}']:.3f}**" if bold else f"{r[f'{v}_{k}']:.3f}")
                          for k in ("R", "P", "F1", "speaker", "content_F1")]
            lines.append(f"| {r['threshold']:g} | " + " | ".join(cells) + " |")
        out += lines
    return out


def fmt(v: float, ci: tuple[float, float] | None = None) -> str:
    if v != v:
        return "–"
    return f"{v:.3f}" + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")


def markdown(rows: list[dict], split: str, pn, n_boot: int, seed: int) -> str:
    art, att = pn.articles, pn.attributions
    n_multi = int((art["annotators"].map(len) > 1).sum())
    lines = [
        f"PolNeAR **{split}**: {len(art):,} articles, {len(att):,} gold attributions "
        f"({int(att['source_start'].isna().sum()):,} without a source, "
        f"{int(att['content_start'].isna().sum()):,} without a content); "
        f"{n_multi} articles annotated by several annotators, scored against one "
        f"(`articles['annotator']`). Records skipped as malformed (no cue) in the compartment read: "
        f"{pn.report.skipped}. Cue scores with 95% percentile-bootstrap intervals over "
        f"articles ({n_boot} replicates, seed {seed}).",
        "",
        "| system | cue recall | cue precision | cue F1 | speaker accuracy | content F1 | "
        "n (gold / found / pred cues) |",
        "|---|---|---|---|---|---|---|",
    ]
    tag = next((r for r in rows if r["system"] == "_tagger"), None)
    rows = [r for r in rows if r["system"] != "_tagger"]
    for r in rows:
        if not r["available"]:
            lines.append(f"| {r['system']} | {r['why']} | | | | | |")
            continue
        ci = r["ci"]
        lines.append(
            f"| {r['system']} | {fmt(r['cue_recall'], ci.get('recall'))} | "
            f"{fmt(r['cue_precision'], ci.get('precision'))} | {fmt(r['cue_f1'], ci.get('f1'))} | "
            f"{fmt(r['speaker_accuracy'])} ({r['n_speaker_correct']:,} / {r['n_speaker_scored']:,}) | "
            f"{fmt(r['content_f1'])} | {r['n_gold']:,} / {r['n_found']:,} / {r['n_pred']:,} |")
    nested = [f"{r['system']}: {r['n_pred_in_gold_content']:,} of {r['n_pred'] - r['n_pred_correct']:,}"
              for r in rows if r["available"]]
    if nested:
        lines += ["", "Wrong predicted cues lying inside a gold content (an attribution nested in a quote or "
                  "paraphrase; PolNeAR is univocal, each token belongs to at most one attribution, so "
                  "nested ones are not annotated): " + "; ".join(nested) + "."]
    if tag is not None:
        m = tag["model"]
        cv = m.info.get("train_cv", {})
        cv_txt = (f"; on train, {m.info.get('folds')}-fold cross-validation over articles gave "
                  f"rules + tagger cue recall {cv['rules_R']:.3f}, precision {cv['rules_P']:.3f}, "
                  f"tagger alone recall {cv['alone_R']:.3f}, precision {cv['alone_P']:.3f}"
                  if "rules_R" in cv else "")
        lines += ["", f"Trained cue tagger (`framing.cuemodel`): logistic regression over "
                  f"{len(m.features):,} token features, trained on the {m.info.get('n_articles')} "
                  f"PolNeAR train articles (C={m.params.get('C')}, min_count={m.params.get('min_count')}); "
                  f"threshold {m.threshold}, chosen on train only ({m.info.get('threshold_rule')}){cv_txt}. "
                  f"It proposed {tag['n_spans']:,} cue spans here at that threshold; `CueModel.predict` ran at "
                  f"{tag['speed']:.0f} articles/s on one core. The weights are not shipped "
                  "(PolNeAR has no licence): `python benchmarks/train_cue_model.py` trains them."]
        lines += train_cv_text(m)
    stamps = [f"{r['system']}: `{r['stamp']}`" for r in rows if r.get("stamp")]
    if stamps:
        lines += ["", "Lexicon stamps: " + "; ".join(stamps) + "."]
    return "\n".join(lines) + "\n"


SECTION_TEXT = """\
Reproduce with

```
python benchmarks/validate_polnear.py --update-report
```

(needs `../shared/data/polnear`, about 30 seconds with a trained cue tagger in the cache,
about 10 minutes more on a shared two-core machine when it must first be trained with
`benchmarks/train_cue_model.py`;
this whole section, from its heading to the end marker, is rewritten; the sections above are
not touched).

**Data.** PolNeAR, the Political News Attribution Relations corpus (Newell, Margolin & Ruths
2018, "An Attribution Relations Corpus for Political News", LREC 2018): election news from 7
US publishers (2015-11 to 2016-11), every attribution annotated as source, cue and content
in the PARC 3.0 scheme (Pareti 2016, "PARC 3.0: A Corpus of Attribution Relations", LREC
2016). Read with `framing.datasets.read_polnear()`; not shipped (github.com/networkdynamics/PolNeAR,
no licence stated). Develop on `train` (`--split train`), report on `dev`; `test` is held
out and scored by the maintainers, never here.

**Definitions** (written once, in the docstring of `framing.validate.score_attributions`):

- Two spans *overlap* when they share at least one character; a gold role is the union of
  its fragments (contents are often discontinuous).
- *Cue recall*: gold cues overlapped by at least one predicted cue / gold cues. *Cue
  precision*: distinct predicted cues (`doc_id, cue_start, cue_end`) overlapping at least
  one gold cue / predicted cues. Micro-averaged over all articles of the split; articles
  with no gold attribution count (their cues are false positives).
- Every found gold cue is matched to the predicted row whose cue shares the most
  characters with it (ties: the earlier cue). *Speaker accuracy*: matched cues whose
  predicted speaker span overlaps the gold source / matched cues with a gold source
  (attributions without a source are left out; a missing speaker is wrong). *Content F1*:
  mean character-level F1 between the predicted and gold content over matched cues with
  a gold content (a missing content scores 0).

**Goals (issue 4).** Cue recall >= 0.80, precision >= 0.65, the right speaker for >= 0.60 of
the cues found; human attribution-wise agreement on PolNeAR is 92.3%. The issue reports a
report-verb list with no speakers at recall 0.64, precision 0.45 on test.

"""


def section(table: str) -> str:
    return f"{HEADING}\n\n{SECTION_TEXT}{table}\n{MARK_END}\n"


def update_report(table: str, path: Path) -> None:
    """Replace the section from ``HEADING`` to ``MARK_END`` (or append it), nothing else."""
    text = path.read_text(encoding="utf-8")
    new = section(table)
    if HEADING in text:
        head, rest = text.split(HEADING, 1)
        if MARK_END not in rest:
            raise SystemExit(f"{path}: '{HEADING}' found but not its end marker {MARK_END}")
        _, tail = rest.split(MARK_END, 1)
        text = head + new.rstrip("\n") + tail
    else:
        text = text.rstrip("\n") + "\n\n" + new
    path.write_text(text, encoding="utf-8")


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"...{left}[[{text[start:end]}]]{right}..."


def print_errors(s: AttributionScore, articles: pd.DataFrame, n: int, seed: int) -> None:
    """``n`` missed gold cues and ``n`` spurious predicted cues (a fixed random sample), in context."""
    rnd = random.Random(seed)
    texts = articles["text"]
    missed = s.gold[~s.gold["found"]]
    spurious = s.pred[~s.pred["correct"]]
    print(f"\n## {min(n, len(missed))} of {len(missed):,} missed gold cues\n")
    for i in sorted(rnd.sample(range(len(missed)), min(n, len(missed)))):
        r = missed.iloc[i]
        print(f"- {r['doc_id']} {r['attribution_id']} cue={r['cue_text']!r} source={r['source_text']!r}\n"
              f"  {context(texts[r['doc_id']], r['cue_start'], r['cue_end'])}")
    print(f"\n## {min(n, len(spurious))} of {len(spurious):,} spurious predicted cues\n")
    for i in sorted(rnd.sample(range(len(spurious)), min(n, len(spurious)))):
        r = spurious.iloc[i]
        print(f"- {r['doc_id']} kind={r['kind']} cue={r['cue']!r}\n"
              f"  {context(texts[r['doc_id']], r['cue_start'], r['cue_end'])}")
    words = missed["cue_text"].str.lower().value_counts().head(15)
    print("\nmost frequent missed cue texts: " + ", ".join(f"{w} ({c})" for w, c in words.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, default="dev",
                    help="dev (default, the reported split) or train (for development)")
    ap.add_argument("--n-boot", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print N missed and N spurious cues (of rules + tagger, else the extractor, else the baseline)")
    ap.add_argument("--baseline-only", action="store_true",
                    help="do not run framing.attribution.quotes even if it exists")
    ap.add_argument("--no-tagger", action="store_true",
                    help="do not run (or train) the trained cue tagger")
    ap.add_argument("--model", type=Path, default=None,
                    help="the cue tagger's JSON file (default: framing.cuemodel.default_model_path())")
    ap.add_argument("--retrain", action="store_true",
                    help="retrain the cue tagger on PolNeAR train (cross-validated threshold) first")
    ap.add_argument("--update-report", action="store_true",
                    help="rewrite the PolNeAR section of reports/validation.md (dev only)")
    args = ap.parse_args(argv)
    try:
        rows, scores, pn = run(args.split, args.n_boot, args.seed, not args.baseline_only,
                               not args.no_tagger, args.model, args.retrain)
    except FileNotFoundError as err:
        print(f"validate_polnear: {err}", file=sys.stderr)
        return 2
    table = markdown(rows, args.split, pn, args.n_boot, args.seed)
    print(table)
    if args.errors and scores:
        order = [TAGGER_ROW, "`framing.attribution.quotes` (rules, lexicon cues)"]
        best = next((scores[k] for k in order if k in scores), list(scores.values())[0])
        print_errors(best, pn.articles, args.errors, args.seed)
    if args.update_report:
        if args.split != "dev":
            print("validate_polnear: the report holds dev scores only; not updated", file=sys.stderr)
            return 1
        update_report(table, config.reports_dir() / "validation.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
