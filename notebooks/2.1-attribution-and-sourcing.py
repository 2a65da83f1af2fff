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
# # 2.1 Attribution and sourcing: who says what, and with which verb?
#
# A news story is mostly other people's words. How an outlet **reports** them frames them: it
# can let a source "say" something, or make it "claim", "insist", "deny" or "admit" it; it can
# name its sources or hide them behind "officials". `framing.quotes` finds each attribution:
# the speaker (as written, and resolved: "she" -> Maria Zakharova), the cue (the reporting verb
# or phrase) and its stance, the content, and what kind of source the speaker is. The rules are
# written out in `framing.attribution` and measured against human annotators (PolNeAR) in
# `reports/validation.md`.
#
# Part 1 reads the seed article; part 2 compares the outlets of the teaching corpus
# (`data/sample/`, **constructed**: invented events, outlets and people, each event reported by
# a neutral wire and four outlets with deliberately different framing).

# %% tags=["parameters"]
SEED = None         # None = the seed article in seeds/
INPUT = None        # None = data/sample/articles.jsonl (the constructed teaching corpus)
GROUP = "outlet"    # the column whose groups are compared
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)

# %%
from pathlib import Path

import pandas as pd

import framing
from framing.plots import save_figure, stance_heatmap, stance_profile, use_style

use_style()
pd.set_option("display.max_colwidth", 70)
out_dir = Path(OUTPUT_DIR) if OUTPUT_DIR else None

# %% [markdown]
# ## Part 1. The seed article
# Every attribution in the Sputnik article of 18 February 2022, in text order. `field` says
# whether it is in the headline or the body; `nested` marks reported speech inside reported
# speech; `problems` names anything the rules could not find.

# %%
seed = framing.load_articles(Path(SEED) if SEED else framing.config.seeds_dir())
seed_quotes = framing.quotes(seed)
seed_quotes[["field", "kind", "speaker", "speaker_name", "cue", "stance", "source_type", "content"]]

# %% [markdown]
# Three things to notice. The outlet itself uses **"continued to claim"** (distancing) for
# what NATO and "the US government and Western media" say, but a plain "said" for the Russian
# Foreign Ministry's spokesperson. **"accused"** (conflict) comes three times, with three
# different speakers. And the US statement is sourced to an unnamed "State Department
# spokesperson" **told Sputnik**: Sputnik is the addressee, not the source.
#
# Who gets which verbs in this one article:

# %%
framing.sources(attributions=seed_quotes, by=None)

# %% [markdown]
# ## Part 2. How do outlets report the same events?

# %%
source = Path(INPUT) if INPUT else framing.config.sample_dir() / "articles.jsonl"
articles = framing.load_articles(source)
quotes = framing.quotes(articles)
body = quotes[quotes["field"] == "text"]
print(f"{len(articles)} articles, {articles[GROUP].nunique()} groups, {len(body)} attributions in "
      f"the body text; lexicons: " + ", ".join(quotes.attrs["lexicons"].values()))

# %% [markdown]
# ### Figure: the stance of the reporting verbs, by outlet
# The share of each stance among an outlet's attribution cues (cues inside another
# attribution's content, reported speech within reported speech, are counted too).

# %%
with_stance = body[body["stance"].notna()].join(articles[[GROUP]], on="doc_id")
counts = pd.crosstab(with_stance[GROUP], with_stance["stance"])
counts = counts.reindex(columns=[s for s in framing.attribution.STANCES if s in counts.columns])
counts.index.name = "group"
fig = stance_profile(counts)
fig.axes[0].set_title("How outlets report speech: stance of the reporting verbs (constructed corpus)")
save_figure(fig, "2.1-stance-by-outlet", counts.reset_index(), directory=out_dir)
counts

# %% [markdown]
# ### Figure: which kinds of source get which verbs
# Rows are the kinds of source (all outlets together); each cell is the share of that kind's
# cues with that stance, with the count in brackets. A distancing or conflict verb for one kind
# of source and a plain "said" for another is the pattern to look for; the per-outlet table
# below the figure has the same numbers by outlet.

# %%
by_type = framing.sources(articles, attributions=quotes[quotes["field"] == "text"], by=None,
                          level="source_type")
fig = stance_heatmap(by_type, title="Which kinds of source get which reporting verbs (constructed corpus)")
save_figure(fig, "2.1-stance-by-source-type", by_type.reset_index(), directory=out_dir)
by_type

# %%
per_outlet = framing.sources(articles, attributions=body, by=GROUP, level="source_type")
per_outlet.round(2)

# %% [markdown]
# ### Sourcing per article
# `framing.score` adds the sourcing features to each article's row: attributions, distinct
# speakers, the share of anonymous sources, the share of non-neutral cues, and the headline's
# attributions. The outlet means:

# %%
features = framing.score(articles)
cols = ["attributions_n", "speakers_n", "anonymous_share", "non_neutral_share", "title_non_neutral_n"]
articles[[GROUP]].join(features[cols]).groupby(GROUP).mean().round(2)
