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
# # 4.0 Media literacy lesson: one event, five stories
#
# **For the teacher.** A lesson of about 50 minutes for students aged 16 to 18. Run the whole
# notebook before class (*Run > Run All Cells*), then go through it from the top with the class.
# Students need no programming: they read, compare and discuss. The **answers are folded
# away**: each "Answers" box below an exercise opens with a click (and the code that builds it
# is hidden too), so you can project the notebook without giving anything away.
#
# The articles come from the project's **constructed teaching corpus** (`data/sample/`): the
# events, the outlets, the people and every quotation are **invented** for teaching. Five
# outlets report the same event: a neutral news agency (the "wire") and four outlets that each
# frame the news in their own way. The facts are the same in all five, so every difference you
# find comes from the writing. The answers are read from the corpus's answer key
# (`data/sample/answer_key.csv`, written by the authors of the articles) and checked against the
# articles when the notebook runs: if the articles change, the lesson stops with a clear error
# instead of teaching something that is no longer there.
#
# Choose another event with `EVENT` below: `border-clash`, `kyiv-aid-conference`,
# `port-strike`, `climate-protest`, `abortion-ruling`, `boat-arrival` or `tax-bill`.

# %% tags=["parameters"]
# Parameters (papermill-style)
EVENT = "climate-protest"   # one of the seven events of the teaching corpus
INPUT = None                # None = data/sample/ (articles.jsonl and answer_key.csv)

# %%
import html
import re
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

import framing

pd.set_option("display.max_colwidth", None)
folder = Path(INPUT) if INPUT else framing.config.sample_dir()
corpus = framing.load_articles(folder / "articles.jsonl")
key = pd.read_csv(folder / "answer_key.csv")
if EVENT not in set(corpus["event"]):
    raise ValueError(f"EVENT={EVENT!r} is not in the corpus; choose one of {sorted(set(corpus['event']))}")
event = corpus[corpus["event"] == EVENT].sort_values("is_wire", ascending=False, kind="stable")
event.index = event.index.astype(str)
key = key[key["id"].isin(event.index)]
wire = event[event["is_wire"]].iloc[0]
print(f"Event '{EVENT}': {len(event)} articles, {len(key)} framing devices in the answer key")


# %% [markdown]
# ## Before the lesson: the answer key must still match the articles
# Every phrase of the answer key must stand in its article (in the headline for a headline
# spin, in the body text for everything else) as whole words. This cell stops the notebook if
# one does not.

# %%
def where(row: pd.Series) -> str:
    """The headline or the body text of the row's article."""
    art = event.loc[row["id"]]
    return art["title"] if row["category"] == "headline_spin" else art["text"]


def found(phrase: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


missing = key[[not found(r["phrase"], where(r)) for _, r in key.iterrows()]]
assert missing.empty, f"answer key phrases not in their articles:\n{missing[['id', 'phrase']]}"
print(f"All {len(key)} answer-key phrases of '{EVENT}' are in their articles.")

# %% [markdown]
# ## Part 1. Same facts, five headlines
# Read the five headlines aloud. **What is the same in all of them? What changes?** Which one
# would make you click? Which one tells you the most facts?

# %%
event[["outlet", "title"]].reset_index(drop=True).rename(columns={"outlet": "outlet", "title": "headline"})

# %% [markdown]
# ## Part 2. The articles, with their framing devices highlighted
# The computer has marked every word from its word lists (the *lexicons*) that can frame a
# story. **Hover over a highlight** (or press Tab) to read why the word frames and what a more
# neutral word would be. Text on a **grey, hatched ground** is inside quotation marks: someone
# else's words, not the outlet's own. The box on the right counts each kind of device and
# compares the article's rates with the median of the whole teaching corpus.
#
# Start with the wire (the neutral agency version), then read the others beside it. The
# computer finds words from lists; it does not understand the story. It will miss some tricks
# and mark some innocent words: finding those is part of the lesson.

# %%
rates = framing.score(corpus)
views = [framing.annotate(row, corpus=rates) for _, row in event.iterrows()]
cards = "".join(f'<div style="min-width:0;border:1px solid #ddd;border-radius:6px">{v._repr_html_()}</div>'
                for v in views)
display(HTML('<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(40rem,1fr));gap:1rem">'
             f"{cards}</div>"))

# %% [markdown]
# ## Part 3. Exercises
# Work in pairs. Each pair takes one or two of the framed outlets and compares them with the
# wire. Write your answers down before you open the answer box.
#
# In the answer boxes, **"marked by the computer"** says whether the highlighted view above
# marked that phrase (or part of it). Where it did not, a human reader had to spot it.

# %%
spans = framing.find_spans(event)


def marked(row: pd.Series) -> str:
    """Did find_spans mark any part of the answer's phrase (body text only)?"""
    if row["category"] == "headline_spin":
        return "headline (not marked)"
    text = event.loc[row["id"], "text"]
    hits = spans[spans["doc_id"] == row["id"]]
    for m in re.finditer(r"(?<!\w)" + re.escape(row["phrase"]) + r"(?!\w)", text):
        if ((hits["start"] < m.end()) & (hits["end"] > m.start())).any():
            return "yes"
    return "no"


def answers(categories: list[str], title: str = "Answers (click to open)") -> HTML:
    """The answer key's rows of these categories for this event, folded in a <details> box."""
    rows = key[key["category"].isin(categories)]
    if rows.empty:
        body = "<p>The answer key has no device of this kind for this event. Try another event.</p>"
    else:
        items = []
        for _, r in rows.iterrows():
            outlet = html.escape(str(event.loc[r["id"], "outlet"]))
            voice = "the outlet's own words" if r["voice"] == "narrator" else "inside a quotation"
            items.append(f"<li><b>{outlet}</b>: <q>{html.escape(r['phrase'])}</q> "
                         f"<i>({html.escape(r['device'])}; {voice}; marked by the computer: {marked(r)})</i>"
                         f"<br>{html.escape(r['explanation'])}</li>")
        body = "<ul>" + "".join(items) + "</ul>"
    return HTML(f"<details><summary><b>{html.escape(title)}</b></summary>{body}</details>")


# %% [markdown]
# ### Exercise 1. The headline spin
# Compare each outlet's headline (the table in Part 1) with the wire's, the first row.
# Which words in each headline are *not* a plain fact? What does the outlet want you to feel
# before you have read a single line of the article?

# %% jupyter={"source_hidden": true} tags=["hide-input"]
answers(["headline_spin"])

# %% [markdown]
# ### Exercise 2. Said, or claimed? The distancing verb
# The wire mostly writes **"said"**. Find the verbs the other outlets use to report what people
# said: *claimed*, *admitted*, *insisted*, *confirmed*, *blasted* ... For each one, ask: **does
# the verb make you trust the speaker more, or less?** Is the same verb used for both sides?

# %% jupyter={"source_hidden": true} tags=["hide-input"]
answers(["attribution"])

# %% [markdown]
# ### Exercise 3. The naming choice, and the labels
# How does each outlet **name** the people, the places and the thing that happened? (Compare
# "activists" with other words for the same people; "climate change" with other names for the
# same thing.) Which names take a side? Which labels put a group in a box before you know
# anything about it?

# %% jupyter={"source_hidden": true} tags=["hide-input"]
answers(["naming", "label"])

# %% [markdown]
# ### Exercise 4. Who is quoted, and who is not?
# For each outlet, list the people who get to speak, **in order**. Who speaks first? Whose
# voice is missing? Are some sources not named at all ("critics say", "observers point out")?
# The table below, made by the computer, lists every attribution it found: who speaks (as
# written in the article), with which verb, and the verb's stance.

# %%
quotes = framing.quotes(event)
who = quotes[quotes["field"] == "text"].join(event[["outlet"]], on="doc_id")
who = who.assign(speaker=who["speaker"].fillna("(not found)"))
who[["outlet", "speaker", "cue", "stance", "source_type"]].reset_index(drop=True)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
answers(["source_selection", "anonymous_source"])

# %% [markdown]
# ### Exercise 5. Scare quotes
# Sometimes an outlet puts quotation marks around a word **nobody is being quoted as saying**:
# the marks tell you not to take the word seriously ("so-called"). Find them. Then check: is the
# word really someone's quotation, or is it the outlet's own sneer?

# %% jupyter={"source_hidden": true} tags=["hide-input"]
answers(["scare_quote"])

# %% [markdown]
# ### Challenge. Loaded words: whose words are they?
# Find the words that judge rather than describe (*chaos*, *draconian*, *thugs* ...). For each
# one: is it the outlet's own word, or is it inside a quotation? An outlet can report an angry
# quotation fairly; using the word in its own voice is a different thing. And which outlet uses
# *hedges* ("reportedly", "is believed to") to cast doubt without saying who doubts?

# %% jupyter={"source_hidden": true} tags=["hide-input"]
answers(["loaded", "hedge", "booster"])

# %% [markdown]
# ## Part 4. To finish: rewrite it
# Pick one paragraph from a framed article and rewrite it in the wire's style: "said" for
# every speaker, names instead of labels, no words that judge, and both sides quoted. Read the
# two versions aloud. **What did you have to remove? Did you lose any facts?**
#
# For the teacher: the answer key counts the devices the authors planted in each article (it is
# not a complete list of every choice in the text, so students may well find more):

# %%
counts = pd.crosstab(key["id"].map(event["outlet"]), key["category"])
counts.index.name = "outlet"
counts.reindex(event["outlet"], fill_value=0)
