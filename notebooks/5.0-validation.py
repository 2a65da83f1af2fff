# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 5.0 Validation: how well do the lexicons and the attribution rules agree with experts?
#
# Two published corpora annotated by people are the yardstick (the full write-up, with the
# definitions and what the numbers mean, is `reports/validation.md`):
#
# - **BABE** (Spinde et al. 2021): 3,674 news sentences whose biased words were marked by
#   experts. Token-level precision, recall and F1 of the `loaded` and `label` lexicons, beside
#   three published reference lexicons scored by the same code.
# - **PolNeAR** (Newell, Margolin & Ruths 2018): election news with every attribution (source,
#   cue, content) annotated. Cue recall and precision, speaker accuracy and content F1 of
#   `framing.quotes`, on the dev split.
#
# This notebook calls the **same functions as the benchmark scripts**
# (`benchmarks/validate_babe.py`, `benchmarks/validate_polnear.py`), so its tables are the ones
# in `reports/validation.md`, and checks them against the committed report. The corpora are
# **not shipped** (licences): they are read from the shared data folder
# (`framing.config.shared_data_dir()`, `../shared/data` by default). Without them the notebook
# still runs, says how to get them, and writes no figure (the committed figure is left as it
# is). The trained cue tagger is never trained here: when a trained model is in the cache it is
# used, otherwise only the rule-based rows are shown.

# %% tags=["parameters"]
# Parameters (papermill-style)
SHARED = None       # the folder holding data/ (BABE, PolNeAR, reference lexicons); None = ../shared or $FRAMING_SHARED
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)
N_BOOT = 1000       # bootstrap replicates (1000 and seed 0, as in reports/validation.md)
SEED = 0

# %%
import contextlib
import io
import os
import re
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

import framing
from framing import datasets
from framing.plots import OKABE_ITO, save_figure, use_style

if SHARED:
    os.environ["FRAMING_SHARED"] = str(Path(SHARED).resolve())
use_style()
root = framing.config.project_root()
sys.path.insert(0, str(root / "benchmarks"))
import validate_babe  # noqa: E402 (benchmarks/validate_babe.py)
import validate_polnear  # noqa: E402 (benchmarks/validate_polnear.py)

data = framing.config.shared_data_dir()
committed = root / "reports" / "validation.md"  # the committed report (not $FRAMING_REPORTS)
committed = committed.read_text(encoding="utf-8") if committed.exists() else ""
ref_files = {name: data / rel for name, (rel, _, _) in datasets.REFERENCE_LEXICONS.items()
             if name in ("mpqa_strongneg", "mbic", "recasens")}
have_babe = datasets.babe_path().is_file() and all(p.is_file() for p in ref_files.values())
have_polnear = all((datasets.polnear_dir() / f).is_file() for f in ("articles.jsonl", "attributions.jsonl"))
print(f"BABE and the reference lexicons: {'found' if have_babe else 'NOT FOUND'}; "
      f"PolNeAR: {'found' if have_polnear else 'NOT FOUND'}")


def table_rows(markdown: str) -> list[str]:
    """The rows of the markdown tables in a text (lines starting with '| ', header lines excluded)."""
    return [line for line in markdown.splitlines()
            if line.startswith("| ") and not line.startswith(("| lexicon |", "| system |", "| threshold |"))]


def compare_with_report(produced: str, block: str, what: str) -> None:
    """Say whether the table rows just produced are the rows of the committed report's block."""
    if not block:
        print(f"{what}: no such section in reports/validation.md to compare with")
        return
    ours, theirs = table_rows(produced), table_rows(block)
    differ = [r for r in ours if r not in theirs]
    if not differ:
        print(f"{what}: all {len(ours)} table rows are identical to reports/validation.md")
    else:
        print(f"{what}: {len(ours) - len(differ)} of {len(ours)} table rows identical to reports/validation.md; "
              f"these differ (rerun the benchmark script with --update-report):")
        for r in differ:
            print("  " + r)


# %% [markdown]
# ## BABE: the `loaded` and `label` lexicons against the experts' biased words
# "before" rows are earlier versions of the lexicons, read from git (0.1.0: where issue 3
# started; 0.2.0: its first round of tuning), "after" the lexicons in this checkout; "reference" rows are published lexicons. Precision: of the
# words a lexicon marks, the share the experts marked too; recall: of the words the experts
# marked, the share the lexicon finds. In brackets, 95% bootstrap intervals over sentences.

# %%
babe = None
if have_babe:
    with contextlib.redirect_stderr(io.StringIO()):  # the scripts' timing lines: not reproducible
        babe = validate_babe.run(N_BOOT, SEED, validate_babe.BEFORE_REV)
    babe_md = validate_babe.markdown(babe, N_BOOT, SEED)
    display(Markdown(babe_md))
    block = committed.split(validate_babe.MARK_START)[1].split(validate_babe.MARK_END)[0] \
        if validate_babe.MARK_START in committed else ""
    compare_with_report(babe_md, block, "BABE")
else:
    print("BABE is not in the shared data folder, so this part is skipped.\n"
          f"To run it, put BABE SG2 at {datasets.babe_path()}\n  (from {datasets._BABE_SOURCE}),\n"
          "and the reference lexicons at:")
    for name, path in ref_files.items():
        print(f"  {name}: {path}")
    print("Or point SHARED (or $FRAMING_SHARED) at a folder holding them under data/.")

# %% [markdown]
# ### Figure: precision and recall on the held-out test sentences
# Each point is one lexicon on BABE's **test** part (the lexicons were tuned on train only);
# the bars are the 95% bootstrap intervals; the grey curves are lines of equal F1. Up and to
# the right is better. Drawn only when BABE is present; the CSV beside it holds the numbers.

# %%
if babe is not None:
    test = babe[babe["split"] == "test"].reset_index(drop=True)
    names = {"framing loaded+label": "loaded + label", "framing loaded": "loaded",
             "framing label": "label", "framing loaded+label+attribution/distancing":
             "loaded + label + distancing verbs"}
    fig, ax = plt.subplots(figsize=(8, 6))
    for f1 in (0.1, 0.2, 0.3, 0.4, 0.5):
        r = np.linspace(f1 / 2 + 1e-3, 1, 200)
        p = f1 * r / (2 * r - f1)
        ok = (p > 0) & (p <= 1)
        ax.plot(r[ok], p[ok], color="#c8c8c8", lw=0.8, zorder=1)
        ax.text(0.497, f1 * 0.497 / (2 * 0.497 - f1), f"F1 {f1:.1f}", color="#8a8a8a", fontsize=8,
                ha="right", va="bottom")
    rows = []
    versions = sorted(re.search(r"\d+\.\d+\.\d+", v).group() for v in test["version"] if v.startswith("before"))
    path = test[test["lexicon"] == "framing loaded+label"]  # the versions in order, then this checkout
    ax.plot(path["recall"], path["precision"], color=OKABE_ITO[4], lw=0.8, ls=":", zorder=2)
    for _, r in test.iterrows():
        ours = r["version"] != "reference"
        earlier = re.search(r"\d+\.\d+\.\d+", r["version"]).group() if r["version"].startswith("before") else ""
        # earlier versions: just the version number (the legend says what they are)
        label = (earlier or f"framing {names.get(r['lexicon'], r['lexicon'])}") if ours else r["lexicon"]
        color = (OKABE_ITO[4] if ours and earlier else OKABE_ITO[0] if ours else OKABE_ITO[1])
        marker = "o" if ours else "s"
        ax.errorbar(r["recall"], r["precision"], xerr=[[r["recall"] - r["r_lo"]], [r["r_hi"] - r["recall"]]],
                    yerr=[[r["precision"] - r["p_lo"]], [r["p_hi"] - r["precision"]]], fmt=marker,
                    color=color, ms=6, capsize=2, lw=1, zorder=3)
        current = r["lexicon"] == "framing loaded+label" and not earlier
        # the current loaded+label sits on top of the last version: its label above left,
        # the last version's below left, the rest above right
        offset = (-6, 5) if current else (-6, -12) if earlier and earlier == versions[-1] else (6, 4)
        ax.annotate(label, (r["recall"], r["precision"]), xytext=offset, textcoords="offset points",
                    ha="right" if offset[0] < 0 else "left", fontsize=8)
        rows.append({"lexicon": r["lexicon"], "version": r["version"], "kind": "framing" if ours else "reference",
                     **{k: round(float(r[k]), 4) for k in ("precision", "p_lo", "p_hi", "recall", "r_lo", "r_hi",
                                                          "f1", "f1_lo", "f1_hi")},
                     **{k: int(r[k]) for k in ("n_sentences", "n_gold", "n_pred", "entries")}})
    ax.errorbar([], [], fmt="o", color=OKABE_ITO[0], label="framing lexicons (this checkout)")
    ax.errorbar([], [], fmt="o", color=OKABE_ITO[4], label="framing lexicons, earlier versions")
    ax.errorbar([], [], fmt="s", color=OKABE_ITO[1], label="reference lexicons")
    ax.legend(loc="upper right", fontsize=8.5)
    ax.set_xlim(0, 0.5)
    ax.set_ylim(0, 0.75)
    ax.set_xlabel("recall (share of the experts' biased words found)")
    ax.set_ylabel("precision (share of marked words the experts marked)")
    n = test.iloc[0]
    ax.set_title(f"BABE test: lexicons vs expert-marked biased words\n(n = {n['n_sentences']:,} sentences, "
                 f"{n['n_gold']:,} gold tokens; 95% bootstrap intervals)", fontsize=11)
    fig.tight_layout()
    pr_table = pd.DataFrame(rows)
    paths = save_figure(fig, "5.0-babe-precision-recall", pr_table,
                        directory=Path(OUTPUT_DIR) if OUTPUT_DIR else None)
    print({k: v.name for k, v in paths.items()})
    display(pr_table)
else:
    print("No BABE data: no figure drawn, and the committed figure (if any) is left as it is.")

# %% [markdown]
# ## PolNeAR: attributions against the annotators (dev split)
# Cue recall: the share of the annotated attribution cues (*said*, *according to*, ...) that
# are found; cue precision: the share of found cues that are annotated ones; speaker
# accuracy: of the cues found, the share with the right speaker. The trained cue tagger
# (`framing.cuemodel`, learned from PolNeAR train) is used only if a trained model is already
# in the cache: training it takes minutes and is never done here.

# %%
model_path = None
tagger_note = "no trained cue tagger in the cache"
if have_polnear:
    from framing import cuemodel

    candidate = cuemodel.default_model_path()
    try:
        model = cuemodel.CueModel.load(candidate)
    except (FileNotFoundError, ValueError) as err:
        tagger_note = f"no usable trained cue tagger in the cache ({type(err).__name__})"
    else:
        if model.info.get("split") == "train":
            model_path, tagger_note = candidate, "trained cue tagger loaded from the cache"
        else:
            tagger_note = "the cached cue tagger was not trained on PolNeAR train only"
    print(tagger_note)
    if model_path is None:
        print("Only the rule-based rows are scored. To add the tagger rows, train it once (about 10 "
              "minutes): python benchmarks/train_cue_model.py")
    with contextlib.redirect_stderr(io.StringIO()):
        rows, scores, pn = validate_polnear.run("dev", N_BOOT, SEED, use_extractor=True,
                                                use_tagger=model_path is not None, model_path=model_path)
    polnear_md = validate_polnear.markdown(rows, "dev", pn, N_BOOT, SEED)
    # the tagger's speed is measured afresh each run: left out so that the report is reproducible
    polnear_md = re.sub(r"; `CueModel\.predict` ran at \d+ articles/s on one core", "", polnear_md)
    display(Markdown(polnear_md))
    block = committed.split(validate_polnear.HEADING)[1].split(validate_polnear.MARK_END)[0] \
        if validate_polnear.HEADING in committed else ""
    compare_with_report(polnear_md, block, "PolNeAR")
else:
    print("PolNeAR is not in the shared data folder, so this part is skipped.\n"
          f"To run it, put articles.jsonl and attributions.jsonl in {datasets.polnear_dir()}\n"
          f"  (from {datasets._POLNEAR_SOURCE}).")

# %% [markdown]
# ## How to read these numbers
# A lexicon marks words, not meanings: its precision against BABE is bounded by words that are
# biased in one sentence and neutral in the next, and its recall by bias expressed without a
# listed word. The comparison that matters is with the reference lexicons scored by the same
# code on the same sentences, and with the held-out test part (train was used for tuning).
# `reports/validation.md` discusses both, with the PolNeAR goals of issue 4.
