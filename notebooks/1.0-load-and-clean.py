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
# # 1.0 Load and clean: from files to one articles table, with nothing lost unseen
#
# `framing.load_articles` reads raw scraped pages (`.txt`, `.html`) and structured corpora
# (`.jsonl`, `.json`, `.csv`, `.tsv`, `.parquet`), from a file, a folder or a glob, into one
# table: one row per article, index `doc_id`. Raw pages are **cleaned** (menus, cookie banners,
# photo credits, "log in or register", ...) and every removed line is kept with its reason;
# structured text is kept **verbatim**, so character offsets stay valid. Bad records never
# vanish: each one is loaded or reported with its file, line and reason.
#
# The data is the constructed teaching corpus (`data/sample/`: invented events, outlets and
# people). Its 12 raw pages in `data/sample/raw/` hold the same body text as their rows in
# `articles.jsonl`, surrounded by page debris, so we can check the cleaner exactly.

# %% tags=["parameters"]
# Parameters (papermill-style)
INPUT = None        # a folder of raw pages (or a file/glob); None = data/sample/raw
OUTPUT_DIR = None   # None = reports/figures (or $FRAMING_REPORTS/figures)

# %%
import json
import re
import tempfile
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing.plots import OKABE_ITO, save_figure, use_style

use_style()
pd.set_option("display.max_colwidth", 80)
raw_source = Path(INPUT) if INPUT else framing.config.sample_dir() / "raw"
out_dir = Path(OUTPUT_DIR) if OUTPUT_DIR else None

# %% [markdown]
# ## Raw pages: plain text and HTML
# One call reads the whole folder. The title, outlet, date and author come from the page
# itself (HTML: its `<title>`/`og:` tags and the page text; plain text: the header lines).

# %%
pages = framing.load_articles(raw_source)
pages["file"] = pages["source_path"].map(lambda p: Path(p).name)
print(f"{len(pages)} raw pages:", pages["file"].map(lambda f: Path(f).suffix).value_counts().to_dict())
print(pages.attrs["load_report"])
pages[["file", "outlet", "date", "author", "title"]]

# %% [markdown]
# ## The structured corpus (JSONL), and the same records in the other formats
# Structured input is read as given (no cleaning). Written to CSV, TSV, JSON and Parquet in a
# temporary folder, the same 35 articles load back with the same texts.

# %%
jsonl = framing.config.sample_dir() / "articles.jsonl"
articles = framing.load_articles(jsonl)
print(f"{jsonl.name}: {len(articles)} articles, columns {list(articles.columns)}")

records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
table = pd.DataFrame(records)
tmp = Path(tempfile.mkdtemp(prefix="framing-1.0-"))
table.to_csv(tmp / "articles.csv", index=False)
table.to_csv(tmp / "articles.tsv", index=False, sep="\t")
(tmp / "articles.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
table.to_parquet(tmp / "articles.parquet", index=False)
formats = []
for path in [jsonl, *sorted(tmp.glob("articles.*"))]:
    df = framing.load_articles(path)
    same = df["text"].reindex(articles.index).eq(articles["text"]).sum()
    formats.append({"format": path.suffix, "articles": len(df), "same text as the JSONL": int(same)})
pd.DataFrame(formats)

# %% [markdown]
# ## Did the cleaner keep exactly the article?
# Each raw page is named after its JSONL id (`port-strike-wire.txt` is `port-strike-wire`).
# The cleaned body must equal the JSONL text character for character.

# %%
pages["id"] = pages["file"].map(lambda f: Path(f).stem)
by_id = articles.set_index(articles.index.astype(str))["text"]
check = pd.DataFrame({
    "file": pages["file"],
    "body characters": pages["text"].str.len(),
    "identical to the JSONL text": [by_id.get(i) == t for i, t in zip(pages["id"], pages["text"])],
}).reset_index(drop=True)
print(f"{int(check['identical to the JSONL text'].sum())} of {len(check)} raw pages clean to exactly "
      "the JSONL text")
check

# %% [markdown]
# ## What cleaning removed, line by line, with the reason
# The `removed` column lists every line the cleaner took out: its line number in the raw page
# and the reason (`navigation`, `cookie_banner`, `photo_credit`, `dateline`, ...). For HTML the
# markup, scripts and styles go first (by trafilatura); the lines it left that are not body text
# are then listed like the plain-text ones.

# %%
LINE = re.compile(r"^(?:L(?P<line>\d+) )?\[(?P<reason>[\w-]+)\] (?P<text>.*)$")
rows = []
for _, page in pages.iterrows():
    for entry in str(page["removed"]).split("\n"):
        m = LINE.match(entry)
        if m:
            rows.append({"file": page["file"], "line": int(m["line"]) if m["line"] else None,
                         "reason": m["reason"], "text": m["text"]})
removed = pd.DataFrame(rows)
removed["line"] = removed["line"].astype("Int64")
print(f"{len(removed)} removed lines in {removed['file'].nunique()} pages")
with pd.option_context("display.max_rows", 40):
    display(removed[removed["file"] == "border-clash-herald.txt"])  # noqa: F821 (IPython builtin)

# %% [markdown]
# Lines removed per reason, over all pages:

# %%
removed[removed["reason"] != "html"].groupby("reason").agg(
    lines=("text", "size"), characters=("text", lambda t: int(t.str.len().sum())),
    pages=("file", "nunique"), example=("text", "first")).sort_values("characters", ascending=False)

# %% [markdown]
# ### Figure: what each raw page is made of
# Each bar is one raw page (100% = its characters, line breaks not counted): the article body
# kept, and the lines removed, grouped by kind. For HTML pages, the markup, scripts and styles
# removed before line cleaning are their own part (the file's characters minus everything
# else). The CSV beside the figure holds the characters per page and part.

# %%
FAMILY = {
    "title": "headline, byline, date (read as metadata)", "byline": "headline, byline, date (read as metadata)",
    "dateline": "headline, byline, date (read as metadata)", "standfirst": "headline, byline, date (read as metadata)",
    "photo_credit": "photo credits and captions", "caption": "photo credits and captions",
    "related_links": "links to other stories", "read_more": "links to other stories",
    "topic_box": "links to other stories",
}
FURNITURE = "menus, banners, prompts, ads, footers"
PARTS = ["article body (kept)", "headline, byline, date (read as metadata)", "photo credits and captions",
         "links to other stories", FURNITURE, "HTML markup, scripts, styles"]

parts = []
for _, page in pages.iterrows():
    mine = removed[(removed["file"] == page["file"]) & (removed["reason"] != "html")]
    chars = {"article body (kept)": len(page["text"].replace("\n", ""))}
    for reason, text in zip(mine["reason"], mine["text"]):
        fam = FAMILY.get(reason, FURNITURE)
        chars[fam] = chars.get(fam, 0) + len(text)
    if page["file"].endswith(".html"):
        raw = Path(page["source_path"]).read_text(encoding="utf-8").replace("\n", "")
        chars["HTML markup, scripts, styles"] = max(len(raw) - sum(chars.values()), 0)
    for part in PARTS:
        parts.append({"file": page["file"], "part": part, "characters": chars.get(part, 0)})
parts = pd.DataFrame(parts)
parts["share_of_page"] = (parts["characters"]
                          / parts.groupby("file")["characters"].transform("sum")).round(4)

wide = parts.pivot(index="file", columns="part", values="share_of_page")[PARTS]
wide = wide.sort_values("article body (kept)")
fig, ax = plt.subplots(figsize=(9, 0.42 * len(wide) + 2.2))
left = pd.Series(0.0, index=wide.index)
hatches = ["", "//", "..", "xx", "\\\\", "--"]
colors = [OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[4], "#9a9a9a"]
for part, color, hatch in zip(PARTS, colors, hatches):
    ax.barh(range(len(wide)), wide[part] * 100, left=left * 100, color=color, hatch=hatch,
            edgecolor="white", linewidth=0.5, label=part)
    left += wide[part]
kept = parts[parts["part"] == PARTS[0]].set_index("file")["characters"]
ax.set_yticks(range(len(wide)), [f"{f} ({kept[f]:,} kept)" for f in wide.index], fontsize=9)
ax.set_xlim(0, 100)
ax.set_xlabel("share of the raw page's characters (%)")
ax.set_title(f"Raw pages: the article kept, and what was removed (n = {len(wide)} pages)", fontsize=11)
ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.12), ncol=3, fontsize=8.5, frameon=False)
fig.tight_layout()
paths = save_figure(fig, "1.0-cleaning-by-page", parts, directory=out_dir)
print({k: v.name for k, v in paths.items()})
wide.round(3)

# %% [markdown]
# ## Bad input: the load report
# Real corpora have broken lines. Here is a small JSONL file written on purpose with problems:
# invalid JSON, a record without text, an empty text, the same article twice, a line that is
# not an object. `load_articles` loads every good record and reports every bad one (as a
# `FramingLoadWarning`, in `df.attrs["load_report"]`, and in a `LoadReport` you pass in).

# %%
broken_dir = Path(tempfile.mkdtemp(prefix="framing-broken-"))
broken = broken_dir / "broken.jsonl"
good = {"id": "a1", "outlet": "Wire", "title": "Bridge reopens", "text": "The bridge reopened on Tuesday."}
lines = [
    json.dumps(good),
    '{"id": "a2", "outlet": "Wire", "text": "Unclosed quote and brace',
    json.dumps({"id": "a3", "outlet": "Wire", "title": "No text here"}),
    json.dumps({"id": "a4", "outlet": "Wire", "text": ""}),
    json.dumps({**good, "id": "a5"}),
    "[1, 2, 3]",
    "",
    json.dumps({"id": "a6", "outlet": "Gazette", "text": "Officials said the vote was close."}),
]
broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(broken.read_text(encoding="utf-8"))

# %%
report = framing.LoadReport()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loaded = framing.load_articles(broken, report=report)
short = lambda s: str(s).replace(str(broken_dir), "<tmp>")  # noqa: E731 (the temporary folder)
print(report.summary())
print(f"{len(caught)} warnings raised, e.g.: {short(caught[0].message)}" if caught else "no warnings")
display(loaded[["outlet", "title", "text"]])  # noqa: F821
problems = pd.DataFrame([{"file": Path(p.path).name, "where": p.where, "kind": p.kind, "reason": short(p.reason)}
                         for p in report.problems])
problems.sort_values("where", key=lambda w: w.str.extract(r"(\d+)")[0].astype(float)).reset_index(drop=True)

# %% [markdown]
# With `errors="raise"` the load stops at the first bad record instead (the `framing articles
# --strict` command does the same):

# %%
try:
    framing.load_articles(broken, errors="raise")
except framing.LoadError as err:
    print(f"LoadError: {short(err)}")

# %%
import shutil  # noqa: E402 (the temporary folders are removed)

for folder in (tmp, broken_dir):
    shutil.rmtree(folder, ignore_errors=True)
