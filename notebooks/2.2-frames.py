# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 2.2 Frames: which aspect of the story does each outlet make salient?
#
# Loaded words and reporting verbs show *how* an outlet words a story. Frames show *what* it
# makes the story about: to frame is to select some aspects of a perceived reality and make
# them more salient (Entman 1993). The Policy Frames Codebook (Boydstun, Card, Gross, Resnik &
# Smith 2014) names 14 such aspects, from `economic` and `security_and_defense` to
# `morality` and `political`. The built-in `frames` lexicon lists cues of each frame, with a
# note per entry; the frames are defined in `src/framing/lexicons/README.md`, and the
# lexicon's precision on real news is in `reports/validation.md`.
#
# `framing.frames(articles)` gives each article's **frame profile**: hits per 1,000 tokens of
# each frame, each frame's share of all frame hits, the dominant frame (the frame with most
# hits, at least 2 of them and a clear lead; ties are listed) and the headline's frame. The
# default corpus is the **constructed** teaching corpus (`data/sample/`: invented events,
# outlets and people; each event reported by a neutral wire and four outlets with deliberately
# different framing).

# %% tags=["parameters"]
INPUT = None        # None = data/sample/articles.jsonl (the constructed teaching corpus)
GROUP = "outlet"    # the column whose groups are compared
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)

# %%
from pathlib import Path

import pandas as pd

import framing
from framing.features import FRAME_IDS
from framing.plots import save_figure, stance_heatmap, use_style

use_style()
pd.set_option("display.max_colwidth", 60)
out_dir = Path(OUTPUT_DIR) if OUTPUT_DIR else None
source = Path(INPUT) if INPUT else framing.config.sample_dir() / "articles.jsonl"
articles = framing.load_articles(source)
profile = framing.frames(articles)
profile.attrs["lexicons"]

# %% [markdown]
# ## One article at a time
# The profile of the first articles: how many frame cues each has, its dominant frame, the
# headline's frame, and the shares of the three most common frames.

# %%
top3 = profile[[f"frame_{f}_share" for f in FRAME_IDS]].mean().nlargest(3).index.tolist()
profile.join(articles[[GROUP, "title"]])[[GROUP, "title", "frame_hits_n", "dominant_frame",
                                         "dominant_frame_title", *top3]].head(10).round(2)

# %% [markdown]
# ## Frame profiles by outlet
# Each cell is the share of an outlet's frame cues that belong to a frame (all its articles
# pooled), with the number of cues in brackets; rows are outlets, with their number of frame
# cues. The same events are reported in every outlet, so a difference in a column is a
# difference in emphasis, not in news.

# %%
SHORT = {"legality_constitutionality_and_jurisprudence": "legality",
         "policy_prescription_and_evaluation": "policy",
         "external_regulation_and_reputation": "external_reputation",
         "capacity_and_resources": "capacity", "fairness_and_equality": "fairness",
         "crime_and_punishment": "crime", "security_and_defense": "security",
         "health_and_safety": "health", "quality_of_life": "quality_of_life",
         "cultural_identity": "cultural_identity", "public_opinion": "public_opinion"}
hits = pd.DataFrame({SHORT.get(f, f): (profile[f"frame_{f}_share"].fillna(0) * profile["frame_hits_n"]).round()
                     for f in FRAME_IDS})
by_outlet = hits.join(articles[GROUP]).groupby(GROUP).sum().astype(int)
by_outlet = by_outlet.loc[:, by_outlet.sum() > 0]   # frames no outlet uses are left out
fig = stance_heatmap(by_outlet, title="Frame profiles by outlet: share of each outlet's frame cues")
fig.axes[0].set_xlabel("frame (Policy Frames Codebook, Boydstun et al. 2014)")
fig.axes[-1].set_ylabel("share of the outlet's frame cues (%)")
_ = save_figure(fig, "2.2-frames-by-outlet", by_outlet.reset_index(), directory=out_dir)

# %% [markdown]
# ## Dominant frames
# How many articles of each outlet have each dominant frame (`none`: no frame with at least two
# cues; `a+b`: a tie).

# %%
pd.crosstab(articles[GROUP], profile["dominant_frame"])

# %% [markdown]
# ## Over time
# The share of the `security_and_defense` frame per outlet and week (when the comparison module
# provides `rates_over_time`). In the teaching corpus each week holds one invented event, told
# once by every outlet (n = 1 per point, so no intervals): compare the outlets within a week.
# The border clash of February is a security story in every outlet; the August event is one in
# some outlets more than in others.

# %%
import importlib  # noqa: E402

cmp_module = importlib.import_module("framing.compare")   # the module (framing.compare is a function)
plots = importlib.import_module("framing.plots")
if hasattr(cmp_module, "rates_over_time") and hasattr(plots, "rates_over_time"):
    column = "frame_security_and_defense_share"
    over_time = cmp_module.rates_over_time(profile, articles["date"], articles[GROUP], freq="W",
                                        columns=[column])
    fig = plots.rates_over_time(over_time, column)
    fig.axes[0].set_ylabel("share of frame cues")
    fig.axes[0].set_title("Security and defense frame: share of frame cues, per outlet and week")
    _ = save_figure(fig, "2.2-security-frame-over-time", over_time[over_time["feature"] == column],
                directory=out_dir)
else:
    print("framing.compare.rates_over_time is not available in this version")

# %% [markdown]
# ## Reading the cues
# A frame profile is only as good as its cues: read them in context before drawing conclusions.
# `framing.kwic` shows an entry's hits, and `framing.annotate(article, frames=True)` shows an
# article with its frame cues as a layer of their own (tick "Show frame cues" in the legend).

# %%
framing.kwic(articles, "troops", window=40).head(5)
