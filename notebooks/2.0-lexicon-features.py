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
# # 2.0 Lexicon features: how differently do outlets word the same events?
#
# The teaching corpus (`data/sample/`, **constructed**: invented events, outlets and people)
# reports seven events five times each: a neutral wire (Continental Press Agency) and four
# outlets with deliberately different framing. Because the facts are held constant, differences
# in the features come from the writing. `framing.score` gives one row per article: counts and
# rates per 1,000 tokens for each lexicon category, split by voice (the outlet's own words vs
# words inside quotations), plus attribution stances and naming choices.
#
# Run it on your own corpus by setting `INPUT` (any file, folder or glob `framing.load_articles`
# reads) and `GROUP` (the column to compare, e.g. `outlet`).

# %% tags=["parameters"]
INPUT = None        # None = data/sample/articles.jsonl (the constructed teaching corpus)
GROUP = "outlet"    # the column whose groups are compared
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing.plots import OKABE_ITO, save_figure, use_style

use_style()
source = Path(INPUT) if INPUT else framing.config.sample_dir() / "articles.jsonl"
articles = framing.load_articles(source)
features = framing.score(articles)
table = articles[[GROUP]].join(features)
print(f"{len(articles)} articles, {table[GROUP].nunique()} groups; lexicons: "
      + ", ".join(features.attrs["lexicons"].values()))

# %% [markdown]
# ## Loaded wording: the outlet's own voice vs quotations
# The rate in the outlet's own voice is loaded words per 1,000 of the outlet's own tokens; the
# quoted rate is per 1,000 quoted tokens. An outlet can report a charged quotation without
# making the charge itself: only the narrator rate measures its own wording.

# %%
cols = ["loaded_narrator_per_1k", "loaded_quoted_per_1k", "label_narrator_per_1k", "quoted_share"]
summary = table.groupby(GROUP)[cols].agg(["mean", "count"]).round(2)
summary

# %% [markdown]
# ### Figure: loaded words per 1,000 tokens, by outlet and voice
# Each dot is one article; the bar is the outlet's mean; n is the outlet's number of articles.
# An article without quotations has no quoted rate (it is not 0) and is left out of the right
# panel; the CSV beside the figure gives the number of articles behind each mean.

# %%
groups = table.groupby(GROUP)["loaded_narrator_per_1k"].mean().sort_values().index.tolist()
fig, axes = plt.subplots(1, 2, figsize=(9, 0.55 * len(groups) + 1.8), sharey=True)
rows = []
for ax, voice, color in zip(axes, ["narrator", "quoted"], [OKABE_ITO[0], OKABE_ITO[1]]):
    col = f"loaded_{voice}_per_1k"
    for i, g in enumerate(groups):
        vals = table.loc[table[GROUP] == g, col].dropna()
        ax.barh(i, vals.mean() if len(vals) else 0, color=color, alpha=0.35, height=0.6)
        ax.scatter(vals, [i] * len(vals), color=color, s=18, zorder=3)
        rows.append({GROUP: g, "voice": voice, "mean_per_1k": round(float(vals.mean()), 3) if len(vals) else None,
                     "n_articles": int(len(vals))})
    ax.set_yticks(range(len(groups)), [f"{g} (n={int((table[GROUP] == g).sum())})" for g in groups])
    ax.set_xlabel("loaded words per 1,000 tokens")
    ax.set_title("outlet's own words" if voice == "narrator" else "inside quotations", fontsize=11)
fig.suptitle("Loaded wording by outlet: own voice vs quotations (constructed teaching corpus)", x=0.01,
             ha="left", fontsize=12, fontweight="bold")
fig.tight_layout()
loaded_table = pd.DataFrame(rows)
save_figure(fig, "2.0-loaded-by-outlet-and-voice", loaded_table,
            directory=Path(OUTPUT_DIR) if OUTPUT_DIR else None)
loaded_table

# %% [markdown]
# ## How each outlet reports speech: attribution stance
# Share of each stance among an outlet's attribution cues ("said" is neutral, "claimed"
# distancing, "insisted" emphatic, "accused" conflict, "pointed out" endorsing, "admitted"
# concessive).

# %%
stances = [c for c in features.columns if c.startswith("attribution_") and c.endswith("_n")
           and c not in ("attribution_n", "attribution_narrator_n", "attribution_quoted_n")]
stance_counts = table.groupby(GROUP)[stances].sum()
stance_counts.columns = [c.removeprefix("attribution_").removesuffix("_n") for c in stances]
(stance_counts.div(stance_counts.sum(axis=1), axis=0) * 100).round(1)

# %% [markdown]
# ## Naming choices
# How often each outlet uses each naming variant (the naming lexicon's `signals` column says
# what a variant tends to signal).

# %%
spans = framing.find_spans(articles, "naming")
naming = spans.join(articles[[GROUP]], on="doc_id")
pd.crosstab([naming["subcategory"], naming["text"].str.lower()], naming[GROUP])

# %% [markdown]
# ## Explorer: one article, the categories you choose
# Pick an article and tick the categories to highlight; the annotated view below the controls
# is redrawn at once (hover a highlight for its note). The controls are `ipywidgets`: they
# need a live kernel (JupyterLab, VS Code). Where there is none (the exported report, a
# headless run), the default view is shown as a static page after the controls.

# %%
import os

import ipywidgets as widgets
from IPython.display import HTML, display

from framing.annotate import CATEGORIES

all_spans = framing.find_spans(articles)
all_quotes = framing.quotes(articles)
all_quotes = all_quotes[all_quotes["field"] == "text"]


def explore(doc_id: str, categories: list[str]) -> framing.AnnotatedArticle:
    """The annotated view of one article, with only the spans of the chosen categories."""
    sp = all_spans[(all_spans["doc_id"] == doc_id) & all_spans["category"].isin(categories)]
    qt = all_quotes[all_quotes["doc_id"] == doc_id]
    if "attribution" not in categories:
        qt = qt.iloc[0:0]
    return framing.annotate(articles.loc[doc_id], spans=sp, quotes=qt, corpus=features)


def label(doc_id: str) -> str:
    row = articles.loc[doc_id]
    return f"{row[GROUP]}: {str(row['title'])[:70]}"


def explorer() -> widgets.VBox:
    """An article dropdown and a checkbox per category; the view below them is redrawn."""
    picker = widgets.Dropdown(options=[(label(d), d) for d in articles.index], description="Article",
                              layout=widgets.Layout(width="48rem"))
    boxes = {c: widgets.Checkbox(value=True, description=CATEGORIES[c][0], indent=False,
                                 layout=widgets.Layout(width="12rem")) for c in CATEGORIES}
    shown = widgets.Output()

    def redraw(_change=None) -> None:
        chosen = [c for c, box in boxes.items() if box.value]
        with shown:
            shown.clear_output(wait=True)
            display(explore(picker.value, chosen))

    picker.observe(redraw, names="value")
    for box in boxes.values():
        box.observe(redraw, names="value")
    redraw()
    row = widgets.HBox(list(boxes.values()), layout=widgets.Layout(flex_flow="row wrap"))
    return widgets.VBox([widgets.VBox([picker, row]), shown])


if os.environ.get("FRAMING_STATIC"):  # make report: widgets carry random ids; the static view follows
    print("interactive explorer: open this notebook in JupyterLab")
else:
    try:  # a widget needs a frontend; headless (nbclient, nbmake) it is only a placeholder
        display(explorer())
    except Exception as err:  # noqa: BLE001 (the static view below is the fallback)
        print(f"interactive explorer unavailable here ({type(err).__name__}: {err})")

# %% [markdown]
# The default view (first article, every category) as a static page:

# %%
default_view = explore(articles.index[0], list(CATEGORIES))
HTML(default_view._repr_html_())
