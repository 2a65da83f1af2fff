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
# # 0.1 The seed article: what a scraped page looks like, and what the loader keeps
#
# The project started from one article: Sputnik International, 18 February 2022, on the
# Russia-NATO row, saved as a scraper saw it. Before any framing can be measured, the page
# debris must go: a related-topic box, a photo credit glued to a caption, caption datelines,
# "log in or register", a stray Russian interface string. This notebook loads the seed with
# `framing.load_articles`, shows the metadata it found, and lists **every line that was
# removed, with the reason**, so nothing disappears unseen.
#
# Later notebooks (2.x) look at the framing itself: voice, naming, attribution.

# %% tags=["parameters"]
# Parameters (papermill-style): the article to load and where figures go.
INPUT = None        # a file or folder; None = the project's seeds/ folder
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)

# %%
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing.plots import save_figure, use_style

use_style()
source = Path(INPUT) if INPUT else framing.config.seeds_dir()
articles = framing.load_articles(source)
article = articles.iloc[0]
print(articles.attrs["load_report"]["problems"] or "no load problems")
articles[["outlet", "date", "title"]]

# %% [markdown]
# ## The article as loaded
# The body starts at the first sentence of the story and ends at its last; the headline, the
# outlet and the date come from the page itself (the date of the caption dateline, not the
# older date of the related-topic box above the headline).

# %%
print(article["title"], "|", article["outlet"], "|", article["date"].date(), "\n")
print(article["text"])

# %% [markdown]
# ## What was cleaned away
# `framing.clean_page` returns every removed line with its line number in the raw page and a
# reason. The loader keeps the same list in the `removed` column.

# %%
raw = Path(article["source_path"]).read_text(encoding="utf-8")
page = framing.clean_page(raw, source=article["source_path"])
removed = pd.DataFrame(page.removed, columns=["line", "text", "reason"])
with pd.option_context("display.max_colwidth", 90):
    display(removed)  # noqa: F821 (IPython builtin)

# %% [markdown]
# ## Figure: characters kept and removed, by reason
# How much of the raw page is story, and how much is page furniture. The CSV beside the
# figure holds the same numbers.

# %%
body_chars = len(page.text)
by_reason = (removed.assign(chars=removed["text"].str.len())
             .groupby("reason", sort=False)["chars"].sum())
table = pd.concat([pd.Series({"article body (kept)": body_chars}), by_reason.rename(lambda r: f"removed: {r}")])
table = table.rename_axis("part").reset_index(name="characters")
table["share_of_page"] = (table["characters"] / table["characters"].sum()).round(4)

fig, ax = plt.subplots(figsize=(7, 0.45 * len(table) + 1.4))
colors = ["#0072B2"] + ["#E69F00"] * (len(table) - 1)
ax.barh(table["part"][::-1], table["characters"][::-1], color=colors[::-1])
for y, (chars, share) in enumerate(zip(table["characters"][::-1], table["share_of_page"][::-1])):
    ax.text(chars, y, f"  {chars:,} ({share:.0%})", va="center", fontsize=9)
ax.set_xlabel(f"characters (n = 1 page, {table['characters'].sum():,} characters in all)")
ax.set_title("Seed page: the story kept, and each kind of line removed")
ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
ax.set_xlim(0, table["characters"].max() * 1.25)
fig.tight_layout()
paths = save_figure(fig, "0.1-seed-cleaning", table,
                    directory=Path(OUTPUT_DIR) if OUTPUT_DIR else None)
print({k: v.name for k, v in paths.items()})
table

# %% [markdown]
# ## Whose words? Framing devices by voice
# `framing.find_spans` finds every lexicon hit and scare quote, and says whether it stands in the
# outlet's own words (**narrator**) or inside a quotation (**quoted**). The seed's lesson is in the
# naming rows: *Kiev* and *Donbass* in Sputnik's own voice, *Donbas* inside the US State
# Department's statement; and the loaded words (*lies*, *cynical*, *cruel*, *pawns*) are the
# quoted spokesperson's, while the labels (*self-declared*, *breakaway*, *nationalist
# government*) and the distancing verb (*continued to claim*) are the outlet's.

# %%
spans = framing.find_spans(articles)
with pd.option_context("display.max_rows", 100):
    display(spans[["text", "category", "subcategory", "voice", "sentence"]])  # noqa: F821

# %%
naming = spans[spans["category"] == "naming"][["text", "subcategory", "voice"]]
naming.drop_duplicates().sort_values(["subcategory", "voice"])

# %% [markdown]
# ### Figure: framing devices in the seed, by voice
# Counts per category; the outlet's own words in blue, words inside quotations in orange with a
# hatch (so the figure reads in grey too). The CSV beside it holds the counts.

# %%
order = ["loaded", "label", "naming", "attribution", "hedge", "booster", "anonymous_source", "scare_quote"]
by_voice = (spans.groupby(["category", "voice"]).size().unstack(fill_value=0)
            .reindex(index=order, columns=["narrator", "quoted"], fill_value=0))
fig, ax = plt.subplots(figsize=(7, 4.2))
y = range(len(by_voice))
ax.barh([i + 0.2 for i in y], by_voice["narrator"], height=0.4, color="#0072B2", label="outlet's own words (narrator)")
ax.barh([i - 0.2 for i in y], by_voice["quoted"], height=0.4, color="#E69F00", hatch="//",
        edgecolor="white", label="inside quotations (quoted)")
ax.set_yticks(list(y), by_voice.index)
ax.invert_yaxis()
ax.set_xlabel("spans in the article (count)")
ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
ax.set_title(f"Seed article: framing devices by voice (n = 1 article, {len(spans)} spans)")
ax.legend(loc="lower right")
fig.tight_layout()
voice_table = by_voice.reset_index().rename(columns={"index": "category"})
save_figure(fig, "0.1-seed-voice", voice_table, directory=Path(OUTPUT_DIR) if OUTPUT_DIR else None)
voice_table

# %% [markdown]
# ## The annotated article
# Every framing device highlighted in place: hover over (or tab to) a highlight to read why
# the word frames and what a more neutral wording would be; words inside quotations are on a
# hatched ground; an attribution cue shows its stance and lights up its speaker. The rates in
# the side panel are compared with the medians of the constructed teaching corpus. The same
# page is saved as a self-contained file (`reports/html/annotated-seed.html`) that a teacher
# can open offline or print.

# %%
corpus = framing.score(framing.load_articles(framing.config.sample_dir() / "articles.jsonl"))
view = framing.annotate(article, corpus=corpus)
view.save(framing.config.html_dir() / "annotated-seed.html")
view
