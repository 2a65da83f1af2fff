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
# # 3.0 Outlet comparison: which differences are real, how large, and when?
#
# Notebook 2.0 showed each outlet's features; this one asks the questions a paper must answer
# before it says "outlet X frames more": is the difference larger than the article-to-article
# noise (bootstrap intervals, permutation tests corrected for testing many features at once),
# how large is it (Cohen's d), which words and lexicon entries set an outlet apart (fightin'
# words), and does it change over time (rates per month with the number of articles behind
# each point).
#
# By default it runs on the teaching corpus (`data/sample/`, **constructed**: seven invented
# events, each reported by a neutral wire and four outlets with deliberately different
# framing; 7 articles per outlet, so every interval is wide). The same analysis on real
# outlets (PolNeAR, MBIC, AllSides) is in `reports/outlets.md`. Set `INPUT`, `GROUP` and
# `DATE` to run it on your own corpus.

# %% tags=["parameters"]
INPUT = None        # None = data/sample/articles.jsonl (the constructed teaching corpus)
GROUP = "outlet"    # the column whose groups are compared
DATE = "date"       # the date column, for the time plot
FREQ = "M"          # "W" (weeks) or "M" (months)
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)

# %%
from pathlib import Path

import pandas as pd

import framing
from framing import plots
from framing.compare import rates_over_time
from framing.plots import save_figure, use_style

use_style()
pd.set_option("display.width", 140)
out_dir = Path(OUTPUT_DIR) if OUTPUT_DIR else None
source = Path(INPUT) if INPUT else framing.config.sample_dir() / "articles.jsonl"
articles = framing.load_articles(source)
features = framing.score(articles, sentiment=True)
table = features.join(articles[[GROUP, DATE]])
print(f"{len(articles)} articles, {table[GROUP].nunique()} groups, dates {table[DATE].min():%Y-%m-%d} "
      f"to {table[DATE].max():%Y-%m-%d}")

# %% [markdown]
# ## Which features differ between outlets?
# Each outlet against all the others: its mean with a 95% bootstrap interval (articles
# resampled), the difference from the rest, Cohen's d, a permutation p-value and the p-value
# adjusted for the false discovery rate over the whole table (Benjamini & Hochberg). With 7
# articles per outlet only large differences survive.

# %%
COLUMNS = ["loaded_narrator_per_1k", "loaded_quoted_per_1k", "label_narrator_per_1k",
           "hedge_narrator_per_1k", "scare_quote_per_1k", "non_neutral_share", "anonymous_share",
           "sentiment_narrator_mean", "sentiment_quoted_mean"]
cmp = framing.compare(table, by=GROUP, columns=COLUMNS, n_boot=1000, seed=0)
cmp[cmp["p_adj"] < 0.05].sort_values("cohens_d", key=abs, ascending=False).round(3)

# %% [markdown]
# ### Figure: loaded words by outlet and voice, with 95% intervals
# The outlet's own voice (narrator: blue circles) against words inside quotations (orange
# squares). The n in each label is the number of articles behind each mean (an article without
# quotations has no quoted rate).

# %%
voice_rows = cmp[cmp["feature"].isin(["loaded_narrator_per_1k", "loaded_quoted_per_1k"])]
fig = plots.rates_by_group(voice_rows, ["loaded_narrator_per_1k", "loaded_quoted_per_1k"])
fig.axes[0].set_title("Loaded words by outlet and voice (constructed corpus)", fontsize=11)
_ = save_figure(fig, "3.0-loaded-by-outlet-and-voice", voice_rows, directory=out_dir)

# %% [markdown]
# ## Fightin' words: the lexicon entries that set each outlet apart
# Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): each
# outlet's use of every lexicon entry against all other outlets, as a z-score. Rank by z, not by
# raw counts. The wire's distinctive entry is the neutral "said".

# %%
lo = framing.log_odds(articles, by=GROUP, terms="entries")
lo.groupby("group").head(3).round(2)

# %%
chosen = lo["group"].iloc[lo["z"].idxmax()]  # the group with the single most distinctive entry
fig = plots.fightin_words(lo, chosen, top=10)
_ = save_figure(fig, "3.0-fightin-words", lo[lo["group"] == chosen], directory=out_dir)

# %% [markdown]
# ## Sentiment by voice
# Mean VADER compound score per sentence (Hutto & Gilbert 2014) in the outlet's own sentences,
# in quoted sentences and in the headline. A loaded outlet can still be neutral in sentiment:
# the two measure different things.

# %%
fig = plots.sentiment_by_voice(table, GROUP)
fig.axes[0].set_title("Sentiment by voice (constructed corpus), mean with 95% CI", fontsize=11)
_ = save_figure(fig, "3.0-sentiment-by-voice", plots.sentiment_summary(table, GROUP), directory=out_dir)

# %% [markdown]
# ## Over time
# Loaded words in the outlet's own voice per month, each point with its number of articles
# (marker area and the number beside it) and its interval (bootstrap from 5 articles, Student's
# t for 2-4, none for 1). The teaching corpus has one article per outlet and event, so most
# points rest on one article and have no interval; a month without articles shows a grey 0 on
# the time axis. The dotted lines mark two of the corpus's events.

# %%
timed = rates_over_time(table, DATE, GROUP, freq=FREQ, columns=["loaded_narrator_per_1k"], seed=0)
events = (articles.groupby("event")[DATE].min().sort_values().iloc[[2, 5]].dt.strftime("%Y-%m-%d")
          if "event" in articles.columns and not INPUT else pd.Series(dtype=str))
fig = plots.rates_over_time(timed, "loaded_narrator_per_1k",
                            events={d: str(e) for e, d in events.items()})
fig.axes[0].set_title("Loaded words in the outlet's own voice over time (constructed corpus)", fontsize=11)
_ = save_figure(fig, "3.0-loaded-over-time", timed, directory=out_dir)
timed.pivot_table(index="period", columns="group", values="n_articles", aggfunc="sum")
