"""The annotated-article view: one article as a self-contained HTML page, every framing device
highlighted and explained.

:func:`annotate` takes one article (a row of an articles table, or a text), finds its spans
(:func:`framing.find_spans`), attributions (:func:`framing.quotes`) and rates
(:func:`framing.score`) unless they are given, and returns an :class:`AnnotatedArticle`:
``_repr_html_`` shows it inline in JupyterLab, :meth:`AnnotatedArticle.html` gives a whole
page and :meth:`AnnotatedArticle.save` writes it. :func:`annotate_many` puts several articles
on one page with an index.

What the page shows:

* every span as a ``<mark class="fr-hl fr-cat-CATEGORY">`` with ``data-category``,
  ``data-subcategory``, ``data-entry``, ``data-lexicon``, ``data-voice`` and ``tabindex="0"``;
  hovering or focusing it shows the lexicon entry's note (why the word frames) and its
  alternative (the neutral wording; for a naming choice, the competing name);
* quoted voice (inside quotation marks: someone else's words) on a grey, hatched ground, the
  outlet's own voice (narrator) on white; highlights in quoted voice are hatched too;
* attribution cues with their stance (class ``fr-stance-STANCE`` and a label in the tooltip),
  linked to their speaker (``aria-describedby`` and an anchor to the speaker, who is outlined
  and lights up while the cue is hovered or focused);
* scare quotes boxed; a legend with the count of each category; a summary of the article's
  rates per 1,000 tokens (and a corpus's medians beside them when ``corpus`` is given); a
  glossary of the entries found, with their notes (what a printed page shows instead of
  tooltips).

**Frame cues** (``annotate(..., frames=True)``; the 14 generic frames of Boydstun et al. 2014,
the aspects of an issue a text makes salient in Entman's 1993 sense) are a layer of their own,
off by default: a checkbox in the legend ("Show frame cues") turns it on with CSS alone
(``.fr-doc:has(.fr-frames-toggle:checked)``), reachable with Tab and toggled with Space. While
it is off, frame cues look like plain text and their tooltips and glossary items are hidden.
Frame cues are not Tab stops (an article has dozens): their notes are in the glossary.

The page has no script at all, loads nothing from the network (its Content-Security-Policy
forbids it) and prints in black and white: each category also has its own underline style
(solid, double, dashed, dotted, wavy, overline) and, in print, a small letter after it.

**Escaping.** Everything that comes from the article (text, title, outlet, URL, speaker names)
and from a lexicon (notes, alternatives) passes through :func:`html.escape`; a URL is linked
only when it is ``http(s)://``. Markup inside an article shows as text and never runs.

**Overlapping spans** (a loaded word inside a label phrase, a cue inside a quotation, a loaded
word that is also scare-quoted) are rendered by cutting the text at every span boundary: each
piece carries the set of spans covering it. Elements are kept on a stack and nest where the
spans nest; where two spans cross, the inner element is closed at the outer one's end and
reopened after it as a *continuation* (class ``fr-cont``, no ``tabindex``, no tooltip). So
every span has exactly one head element (``mark.fr-hl:not(.fr-cont)``), and the markup is
always well formed. Paragraphs (lines of the text) become ``<p>``; spans crossing a paragraph
break continue in the next one.

Example:
    >>> page = annotate('The "reform" was a cruel blow, officials said.')
    >>> page.spans[["text", "category"]].values.tolist()
    [['reform', 'scare_quote'], ['cruel', 'loaded'], ['officials said', 'anonymous_source'], ['said', 'attribution']]
    >>> 'data-category="loaded"' in page.html(), "<html" in page._repr_html_()
    (True, False)
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

__all__ = ["AnnotatedArticle", "AnnotatedCollection", "CATEGORIES", "STANCES", "annotate",
           "annotate_many", "render_text"]

#: Built-in categories: (label shown, what it means, letter printed after a highlight).
CATEGORIES: dict[str, tuple[str, str, str]] = {
    "loaded": ("Loaded word", "emotive or judging wording the reporter could have left out", "L"),
    "label": ("Label", "a label that casts a group, a state or a person (self-declared, regime, rebels)", "B"),
    "naming": ("Naming choice", "one of competing names for a place or group (Kiev/Kyiv, Donbas/Donbass)", "N"),
    "attribution": ("Attribution verb", "how a statement is reported: said (neutral) or claimed, accused, insisted", "A"),
    "hedge": ("Hedge", "softens certainty (could, might, reportedly)", "H"),
    "booster": ("Booster", "adds certainty (clearly, the fact that)", "+"),
    "anonymous_source": ("Anonymous source", "a source the reader cannot check (officials said)", "?"),
    "scare_quote": ("Scare quotes", "words in quotation marks that nobody is said to have said: the outlet "
                    "keeps its distance from them", "Q"),
}

#: Attribution stances (the attribution lexicon's subcategories) and what each does.
STANCES: dict[str, str] = {
    "neutral": "reports the statement without judging it (said, told)",
    "distancing": "casts doubt on what is reported (claimed, alleged)",
    "emphatic": "adds force to the statement (insisted, declared, warned)",
    "conflict": "frames a dispute (accused, denied)",
    "endorsing": "presents the content as true (confirmed, revealed)",
    "concessive": "presents the content as given up (admitted, conceded)",
}

_SCARE_NOTE = ("Quotation marks around words that no one is said to have said: the outlet puts "
               "them at a distance, hinting that they are someone else's term or not quite true. "
               "Neutral: attribute the words to who used them, or use them plainly.")

# Nesting order of annotations covering the same characters (outer first).
_RANK = {"voice": 0, "speaker": 1, "cue": 2, "scare_quote": 3, "label": 4, "naming": 5,
         "anonymous_source": 6, "loaded": 7, "booster": 8, "hedge": 9, "attribution": 10}
_OTHER_RANK = 11


# ----------------------------------------------------------------------------- the algorithm

class _Ann(NamedTuple):
    """One annotation to render: a highlight, a voice region, a speaker or a lone cue."""

    start: int
    end: int
    rank: int
    order: int
    key: str        # unique in the page; the head element's id
    tag: str        # element name
    attrs: str      # attributes of every piece, already escaped
    head: str       # extra attributes of the head piece
    tip: str        # tooltip markup inside the head piece ("" for none)
    title: str      # plain-text summary for continuation pieces ("" for none)


def _attr(name: str, value: Any) -> str:
    return f' {name}="{html.escape(str(value), quote=True)}"'


def _cls(value: Any) -> str:
    """A CSS-class-safe form of a category or stance name."""
    return re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()).strip("-") or "x"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    from .text import paragraph_spans

    return [(int(s), int(e)) for s, e in paragraph_spans(text)]


def _render(text: str, anns: list[_Ann]) -> str:
    """Cut ``text`` at every boundary and paragraph and emit well-formed nested markup."""
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return '<p class="fr-empty">(no text)</p>'
    out: list[str] = []
    opened: set[str] = set()
    for ps, pe in paragraphs:
        inside = [a._replace(start=max(a.start, ps), end=min(a.end, pe)) for a in anns
                  if a.start < pe and a.end > ps]
        starts: dict[int, list[_Ann]] = defaultdict(list)
        for a in inside:
            starts[a.start].append(a)
        bounds = sorted({ps, pe, *(a.start for a in inside), *(a.end for a in inside)})
        stack: list[_Ann] = []
        out.append("<p>")
        for i, b in enumerate(bounds):
            ending = [k for k, a in enumerate(stack) if a.end <= b]
            reopen: list[_Ann] = []
            if ending:
                cut = ending[0]
                for a in reversed(stack[cut:]):
                    out.append(f"</{a.tag}>")
                reopen = [a for a in stack[cut:] if a.end > b]
                del stack[cut:]
            if b >= pe:
                break
            for a in sorted(reopen + starts.get(b, []), key=lambda a: (-a.end, a.rank, a.order)):
                if a.key in opened:
                    title = _attr("title", a.title) if a.title else ""
                    attrs = a.attrs.replace(' class="', ' class="fr-cont ', 1)
                    out.append(f"<{a.tag}{attrs}{title}>")
                else:
                    opened.add(a.key)
                    out.append(f"<{a.tag}{a.attrs}{a.head}>{a.tip}")
                stack.append(a)
            out.append(html.escape(text[b:bounds[i + 1]], quote=False))
        out.append("</p>\n")
    return "".join(out)


# ----------------------------------------------------------------------------- notes

def _note_index(lexicons: Any, names: Iterable[str]) -> dict[tuple[str, str], Any]:
    """``(lexicon name, pattern) -> Entry`` for the given lexicons, or for the built-ins named
    in the spans when none are given (a name that is not a built-in is skipped)."""
    from .lexicon import Lexicon, builtin_lexicons, load_lexicon
    from .spans import LexiconSet

    if lexicons is None:
        known = set(builtin_lexicons())
        lexs = [load_lexicon(n) for n in sorted(set(names)) if n in known]
    elif isinstance(lexicons, LexiconSet):
        lexs = lexicons.lexicons
    else:
        lexs = LexiconSet(lexicons).lexicons if not isinstance(lexicons, Lexicon) else [lexicons]
    return {(lx.name, e.pattern): e for lx in lexs for e in lx.entries}


def _tip(lines: list[str], tip_id: str) -> str:
    return f'<span class="fr-tip" role="tooltip" id="{tip_id}">{"".join(lines)}</span>'


def _line(cls: str, body: str) -> str:
    return f'<span class="fr-tip-{cls}">{body}</span>'


def _cat_label(category: str) -> str:
    return CATEGORIES.get(category, (category.replace("_", " ").capitalize(), "", ""))[0]


def _explain(row: Mapping[str, Any], entry: Any) -> tuple[str, str]:
    """The note and the alternative of a span (escaped), from its lexicon entry."""
    if row["category"] == "scare_quote":
        return html.escape(_SCARE_NOTE), ""
    if entry is None:
        return "", ""
    alt = entry.extra.get("alternative", "") if entry.extra else ""
    return html.escape(entry.note), html.escape(alt)


# ----------------------------------------------------------------------------- annotations

def _present(v: Any) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and math.isnan(v))


def render_text(text: str, spans: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None, *,
                notes: Mapping[tuple[str, str], Any] | None = None, prefix: str = "fr",
                voice: bool = True, tooltips: bool = True) -> str:
    """The article text as HTML paragraphs with every span, cue, speaker and quotation marked.

    Args:
        text: the article's text (offsets of ``spans``/``quotes`` index into it).
        spans: rows with ``start, end, category`` (and ``subcategory, entry, lexicon, voice``),
            as :func:`framing.find_spans` gives; ``None``: no highlights.
        quotes: rows with ``cue_start, cue_end, speaker_start, speaker_end, stance`` (and
            ``speaker``, ``speaker_name``, ``kind``), as :func:`framing.quotes` gives; rows
            whose ``field`` is ``title`` are ignored.
        notes: ``(lexicon, pattern) -> Entry`` to explain each span (its note and alternative).
        prefix: makes the element ids unique in a page holding several articles.
        voice: shade quoted voice (inside quotation marks).
        tooltips: put the explanation of each span in a tooltip (``False``: bare marks).

    Returns:
        HTML (one ``<p>`` per paragraph); everything from ``text`` is escaped.

    Example:
        >>> s = pd.DataFrame({"start": [0, 4], "end": [9, 9], "category": ["label", "loaded"]})
        >>> render_text("big <bad> wolf", s, voice=False, tooltips=False).count("<mark")
        2
    """
    notes = notes or {}
    anns: list[_Ann] = []
    n = len(text)
    if voice and n:
        from .text import voice_mask

        mask = np.concatenate([[False], voice_mask(text), [False]]).astype(np.int8)
        edges = np.flatnonzero(np.diff(mask))
        for k, (s, e) in enumerate(zip(edges[::2].tolist(), edges[1::2].tolist())):
            anns.append(_Ann(s, e, _RANK["voice"], k, f"{prefix}-v{k}", "span",
                             ' class="fr-voice-quoted" data-voice="quoted"', "", "", ""))
    # cues and speakers of the attributions
    cue_of: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    speaker_ids: dict[tuple[int, int], str] = {}
    speaker_quotes: dict[tuple[int, int], list[str]] = defaultdict(list)
    if quotes is not None and len(quotes):
        q = quotes
        if "field" in q.columns:
            q = q[q["field"].fillna("text") == "text"]
        for k, row in enumerate(q.to_dict("records")):
            qid = f"{prefix}-q{k}"
            spk = None
            if _present(row.get("speaker_start")) and _present(row.get("speaker_end")):
                spk = (int(row["speaker_start"]), int(row["speaker_end"]))
                if not (0 <= spk[0] < spk[1] <= n):
                    spk = None
            if spk is not None:
                speaker_ids.setdefault(spk, f"{prefix}-s{len(speaker_ids)}")
                speaker_quotes[spk].append(qid)
            if _present(row.get("cue_start")) and _present(row.get("cue_end")):
                cue = (int(row["cue_start"]), int(row["cue_end"]))
                if 0 <= cue[0] < cue[1] <= n:
                    cue_of[cue].append({**row, "_qid": qid, "_spk": spk})
    for k, (spk, sid) in enumerate(speaker_ids.items()):
        anns.append(_Ann(spk[0], spk[1], _RANK["speaker"], k, sid, "span",
                         f' class="fr-speaker"{_attr("data-quote", " ".join(speaker_quotes[spk]))}',
                         _attr("id", sid), "", ""))

    def cue_lines(cue: tuple[int, int]) -> tuple[list[str], list[str], list[str], str]:
        lines, described, qids = [], [], []
        stances = []
        for row in cue_of.get(cue, []):
            qids.append(row["_qid"])
            st = row.get("stance")
            if _present(st):
                stances.append(str(st))
            spk = row["_spk"]
            if spk is not None:
                sid = speaker_ids[spk]
                described.append(sid)
                name = row.get("speaker_name") if _present(row.get("speaker_name")) else row.get("speaker")
                who = html.escape(str(name)) if _present(name) else html.escape(text[spk[0]:spk[1]])
                lines.append(_line("speaker", f'Speaker: <a href="#{sid}">{who}</a>'
                                   + (f" ({html.escape(str(row['kind']))})" if _present(row.get("kind")) else "")))
            else:
                lines.append(_line("speaker", "Speaker: not found"))
        return lines, described, qids, stances[0] if stances else ""

    used_cues: set[tuple[int, int]] = set()
    if spans is not None and len(spans):
        for i, row in enumerate(spans.to_dict("records")):
            s, e = int(row["start"]), int(row["end"])
            if not (0 <= s < e <= n):
                continue
            cat = str(row["category"])
            sub = str(row["subcategory"]) if _present(row.get("subcategory")) else ""
            entry = str(row["entry"]) if _present(row.get("entry")) else text[s:e]
            lex = str(row["lexicon"]) if _present(row.get("lexicon")) else ""
            vc = str(row["voice"]) if _present(row.get("voice")) else ""
            key = f"{prefix}-h{i}"
            classes = ["fr-hl", f"fr-cat-{_cls(cat)}"]
            if cat not in CATEGORIES:
                classes.append("fr-cat-other")
            if vc == "quoted":
                classes.append("fr-in-quote")
            stance = sub if cat == "attribution" else ""
            cue_extra: list[str] = []
            described: list[str] = []
            qids: list[str] = []
            if cat == "attribution" and (s, e) in cue_of:
                used_cues.add((s, e))
                cue_extra, described, qids, qst = cue_lines((s, e))
                stance = stance or qst
                classes.append("fr-cue")
            if stance:
                classes.append(f"fr-stance-{_cls(stance)}")
            attrs = (_attr("class", " ".join(classes)) + _attr("data-category", cat)
                     + _attr("data-subcategory", sub) + _attr("data-entry", entry)
                     + _attr("data-lexicon", lex) + _attr("data-voice", vc) + _attr("data-span", i)
                     + (_attr("data-stance", stance) if stance else "")
                     + (_attr("data-quote", " ".join(qids)) if qids else ""))
            note, alt = _explain(row, notes.get((lex, entry)))
            head_line = html.escape(_cat_label(cat)) + (f" · {html.escape(sub)}" if sub and not stance else "")
            lines = [_line("head", head_line)]
            if stance:
                lines.append(_line("stance", f"Stance: <b>{html.escape(stance)}</b>"
                                   + (f" ({html.escape(STANCES[stance])})" if stance in STANCES else "")))
            if cat != "scare_quote":
                lines.append(_line("entry", f"Entry: {html.escape(entry)}"
                                   + (f" ({html.escape(lex)})" if lex else "")))
            if note:
                lines.append(_line("note", note))
            if alt:
                word = "Competing name" if cat == "naming" else "Neutral alternative"
                lines.append(_line("alt", f"{word}: <i>{alt}</i>"))
            if vc == "quoted":
                lines.append(_line("voice", "In quoted voice: someone else's words, reported."))
            elif vc == "narrator":
                lines.append(_line("voice", "In the outlet's own voice."))
            lines += cue_extra
            tip_id = f"{key}-tip"
            head = (_attr("id", key) + (' tabindex="-1"' if cat == "frame" else ' tabindex="0"')
                    + _attr("aria-describedby", " ".join([tip_id, *described])))
            title = f"{_cat_label(cat)}: {entry}" + (f" ({stance})" if stance else "")
            anns.append(_Ann(s, e, _RANK.get(cat, _OTHER_RANK), i, key, "mark", attrs, head,
                             _tip(lines, tip_id) if tooltips else "", title))
    # cues that no span covers (a tagger's cue, the colon of `X: "..."`)
    for k, cue in enumerate(sorted(set(cue_of) - used_cues)):
        if not text[cue[0]:cue[1]].strip(" :"):
            continue
        lines, described, qids, stance = cue_lines(cue)
        key = f"{prefix}-c{k}"
        classes = "fr-cue fr-cue-only" + (f" fr-stance-{_cls(stance)}" if stance else "")
        attrs = (_attr("class", classes) + (_attr("data-stance", stance) if stance else "")
                 + _attr("data-quote", " ".join(qids)))
        head_lines = [_line("head", "Attribution cue")]
        if stance:
            head_lines.append(_line("stance", f"Stance: <b>{html.escape(stance)}</b>"))
        tip_id = f"{key}-tip"
        anns.append(_Ann(cue[0], cue[1], _RANK["cue"], k, key, "span", attrs,
                         _attr("id", key) + ' tabindex="0"'
                         + _attr("aria-describedby", " ".join([tip_id, *described])),
                         _tip(head_lines + lines, tip_id) if tooltips else "", "Attribution cue"))
    return _render(text, anns)


def _speaker_css(prefix: str, quotes_html: str) -> str:
    """Rules that light up a cue's speaker while the cue is hovered or focused."""
    qids = sorted(set(re.findall(rf'data-quote="([^"]*)"', quotes_html)))
    ids = sorted({q for group in qids for q in group.split()})
    rules = [f'#{prefix}:has(.fr-cue[data-quote~="{q}"]:is(:hover,:focus)) '
             f'.fr-speaker[data-quote~="{q}"]' for q in ids]
    if not rules:
        return ""
    return "<style>" + ",\n".join(rules) + "{background:#fff2a8;outline:2px solid #7a5c00;}</style>\n"


# ----------------------------------------------------------------------------- the objects

def _fmt(v: Any, digits: int = 1) -> str:
    if not _present(v):
        return "–"
    try:
        return f"{float(v):.{digits}f}"
    except (TypeError, ValueError):
        return html.escape(str(v))


def _date(v: Any) -> str:
    if not _present(v) or v is pd.NaT:
        return ""
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else v.strftime("%Y-%m-%d")
    return str(v)


def _http(url: Any) -> str | None:
    if not _present(url):
        return None
    u = str(url).strip()
    return u if re.match(r"^https?://[^\s]+$", u, flags=re.IGNORECASE) else None


@dataclass
class AnnotatedArticle:
    """One article with its spans, attributions and rates, ready to show as HTML.

    Made by :func:`annotate`. ``_repr_html_()`` is a fragment (its own ``<style>``, no
    ``<html>``) for notebooks; :meth:`html` is a whole page; :meth:`save` writes it.

    Example:
        >>> a = annotate("Officials said the plan was cruel.")
        >>> a.counts()
        {'anonymous_source': 1, 'attribution': 1, 'loaded': 1}
    """

    doc_id: str
    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    spans: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    rates: pd.Series | None = None
    corpus_median: pd.Series | None = None
    notes: Mapping[tuple[str, str], Any] = field(default_factory=dict, repr=False)
    lexicons: Mapping[str, str] = field(default_factory=dict)
    prefix: str = ""

    def __post_init__(self) -> None:
        if not self.prefix:
            digest = hashlib.sha1(f"{self.doc_id}\x00{self.text}".encode("utf-8", "replace")).hexdigest()
            self.prefix = f"fr-{digest[:10]}"

    def counts(self) -> dict[str, int]:
        """Spans per category, categories sorted.

        Example:
            >>> annotate("A cruel, cruel plan.").counts()
            {'loaded': 2}
        """
        if not len(self.spans):
            return {}
        return {str(k): int(v) for k, v in sorted(Counter(self.spans["category"].astype(str)).items())}

    # -- pieces of the page
    def _header(self, level: int) -> str:
        title = html.escape(self.title) if self.title else html.escape(f"Article {self.doc_id}")
        meta = [html.escape(x) for x in (self.outlet, self.date) if x]
        link = _http(self.url)
        if link:
            meta.append(f'<a href="{html.escape(link, quote=True)}" rel="noopener noreferrer nofollow">'
                        f"{html.escape(link)}</a>")
        elif self.url:
            meta.append(f'<span class="fr-url">{html.escape(self.url)}</span>')
        return (f'<header><h{level} class="fr-title">{title}</h{level}>'
                f'<p class="fr-meta">{" · ".join(meta)}</p></header>\n')

    def _legend(self) -> str:
        counts = self.counts()
        cats = [c for c in CATEGORIES if c in counts] + sorted(c for c in counts if c not in CATEGORIES
                                                               and c != "frame")
        rows = []
        for c in cats:
            label, what, letter = CATEGORIES.get(c, (_cat_label(c), "", "•"))
            extra = "" if c in CATEGORIES else " fr-cat-other"
            rows.append(f'<li><span class="fr-sw fr-cat-{_cls(c)}{extra}" data-letter="{html.escape(letter)}">'
                        f"{html.escape(label)}</span> <b class=\"fr-count\">{counts[c]}</b>"
                        + (f' <span class="fr-what">{html.escape(what)}</span>' if what else "") + "</li>")
        if not rows:
            rows.append("<li>No framing device found.</li>")
        stances = Counter()
        if len(self.spans):
            att = self.spans[self.spans["category"].astype(str) == "attribution"]
            if "subcategory" in att.columns:
                stances = Counter(att["subcategory"].dropna().astype(str))
        st_rows = "".join(
            f'<li><span class="fr-sw fr-cat-attribution fr-stance-{_cls(s)}">{html.escape(s)}</span> '
            f'<b class="fr-count">{stances[s]}</b> <span class="fr-what">{html.escape(STANCES.get(s, ""))}</span></li>'
            for s in [*STANCES, *sorted(set(stances) - set(STANCES))] if stances.get(s))
        return ('<section class="fr-legend" aria-label="Legend"><h3>Legend</h3><ul>' + "".join(rows) + "</ul>"
                + (f"<h4>Attribution verbs by stance</h4><ul>{st_rows}</ul>" if st_rows else "")
                + '<h4>Voice and sources</h4><ul>'
                '<li><span class="fr-sw fr-voice-quoted">“quoted”</span> quoted voice: inside quotation '
                "marks, someone else's words (hatched); plain ground: the outlet's own voice</li>"
                '<li><span class="fr-sw fr-speaker">Speaker</span> who is quoted; hover or focus an '
                "attribution verb to light up its speaker</li></ul>"
                + self._frame_legend()
                + '<p class="fr-hint">Hover a highlight or move to it with Tab to read why the wording frames.</p>'
                "</section>\n")

    def _frame_legend(self) -> str:
        """The frame layer's switch (a checkbox: no script) and the hits per frame."""
        if not len(self.spans) or "frame" not in set(self.spans["category"].astype(str)):
            return ""
        from .features import FRAME_IDS, dominant_frame

        fr = self.spans[self.spans["category"].astype(str) == "frame"]
        per = Counter(fr["subcategory"].astype(str)) if "subcategory" in fr.columns else Counter()
        ids = [f for f in FRAME_IDS if per.get(f)] + sorted(f for f in per if f not in FRAME_IDS)
        items = "".join(f'<li><span class="fr-sw fr-cat-frame">{html.escape(f.replace("_", " "))}</span> '
                        f'<b class="fr-count">{per[f]}</b></li>' for f in ids)
        dom = dominant_frame([per.get(f, 0) for f in FRAME_IDS])
        box = f"{self.prefix}-frames"
        return ('<h4>Frames: which aspect the story is about</h4>'
                f'<p class="fr-frames-switch"><input type="checkbox" class="fr-frames-toggle" id="{box}"> '
                f'<label for="{box}">Show frame cues ({len(fr)})</label></p>'
                f'<ul class="fr-frame-list">{items}</ul>'
                f'<p class="fr-what">Dominant frame: {html.escape(dom.replace("_", " ").replace("+", " + "))} '
                "(most hits, at least 2, and a clear lead; Boydstun et al. 2014 frames)</p>")

    def _summary(self) -> str:
        r = self.rates
        if r is None:
            return ""
        med = self.corpus_median
        cats = [c for c in [*CATEGORIES, *sorted({c[:-7] for c in r.index if c.endswith("_per_1k")})]
                if f"{c}_per_1k" in r.index and f"{c}_narrator_per_1k" in r.index]
        cats = list(dict.fromkeys(cats))
        head = ("<tr><th scope=\"col\">Category</th><th scope=\"col\">n</th><th scope=\"col\">per 1k</th>"
                "<th scope=\"col\">narrator</th><th scope=\"col\">quoted</th>"
                + ("<th scope=\"col\">corpus median</th>" if med is not None else "") + "</tr>")
        body = []
        for c in cats:
            m = ""
            if med is not None:
                m = f"<td>{_fmt(med.get(f'{c}_per_1k'))}</td>"
            body.append(f'<tr><th scope="row"><span class="fr-sw fr-cat-{_cls(c)}">{html.escape(_cat_label(c))}</span></th>'
                        f"<td>{_fmt(r.get(f'{c}_n'), 0)}</td><td>{_fmt(r.get(f'{c}_per_1k'))}</td>"
                        f"<td>{_fmt(r.get(f'{c}_narrator_per_1k'))}</td><td>{_fmt(r.get(f'{c}_quoted_per_1k'))}</td>{m}</tr>")
        facts = [f"{_fmt(r.get('tokens'), 0)} tokens"]
        if _present(r.get("quoted_share")):
            facts.append(f"{float(r['quoted_share']) * 100:.0f}% in quoted voice"
                         + (f" (corpus median {float(med['quoted_share']) * 100:.0f}%)"
                            if med is not None and _present(med.get("quoted_share")) else ""))
        if _present(r.get("attributions_n")):
            facts.append(f"{_fmt(r.get('attributions_n'), 0)} attributions")
        if _present(r.get("non_neutral_share")):
            facts.append(f"{float(r['non_neutral_share']) * 100:.0f}% of them non-neutral")
        caption = "Rates per 1,000 tokens (narrator and quoted: per 1,000 tokens in that voice)"
        if med is not None:
            caption += f"; corpus median over {int(med.attrs.get('n', 0)) or 'the'} articles"
        return ('<section class="fr-summary" aria-label="Summary"><h3>Summary</h3>'
                f'<p class="fr-facts">{html.escape("; ".join(facts))}</p>'
                f"<table><caption>{html.escape(caption)}</caption><thead>{head}</thead>"
                f"<tbody>{''.join(body)}</tbody></table></section>\n")

    def _glossary(self) -> str:
        if not len(self.spans):
            return ""
        seen: dict[tuple[str, str, str], list[Any]] = {}
        for row in self.spans.to_dict("records"):
            cat = str(row["category"])
            lex = str(row["lexicon"]) if _present(row.get("lexicon")) else ""
            entry = str(row["entry"]) if _present(row.get("entry")) else str(row.get("text", ""))
            k = ("scare_quote", "", "") if cat == "scare_quote" else (cat, lex, entry)
            if k not in seen:
                seen[k] = [row, 0, []]
            seen[k][1] += 1
            t = str(row.get("text", ""))
            if t not in seen[k][2]:
                seen[k][2].append(t)
        items = []
        for (cat, lex, entry), (row, count, forms) in seen.items():
            note, alt = _explain(row, self.notes.get((lex, entry)))
            word = "competing name" if cat == "naming" else "neutral alternative"
            shown = ", ".join(f"“{html.escape(f)}”" for f in forms[:6]) + (" …" if len(forms) > 6 else "")
            sub = str(row["subcategory"]) if _present(row.get("subcategory")) else ""
            items.append(f'<li><span class="fr-sw fr-cat-{_cls(cat)}">{html.escape(_cat_label(cat))}</span> '
                         f"<b>{shown}</b>" + (f" ×{count}" if count > 1 else "")
                         + (f' <span class="fr-sub">{html.escape(sub)}</span>' if sub else "")
                         + (f" — {note}" if note else "") + (f" <i>({word}: {alt})</i>" if alt else "") + "</li>")
        return ('<section class="fr-glossary" aria-label="Why these words"><h3>Why these words</h3><ol>'
                + "".join(items) + "</ol></section>\n")

    def fragment(self, *, level: int = 2) -> str:
        """The article's markup without page or shared style (see :meth:`html`).

        Example:
            >>> annotate("A cruel plan.").fragment().startswith("<article")
            True
        """
        text_html = render_text(self.text, self.spans, self.quotes, notes=self.notes, prefix=self.prefix)
        stamps = "; ".join(html.escape(v) for v in self.lexicons.values())
        return (f'<article class="fr-doc" id="{self.prefix}" data-doc-id="{html.escape(self.doc_id, quote=True)}">\n'
                + self._header(level)
                + '<div class="fr-body"><div class="fr-text">\n' + text_html + "</div>\n"
                + '<aside class="fr-side">' + self._summary() + self._legend() + "</aside></div>\n"
                + self._glossary()
                + (f'<footer class="fr-prov">Lexicons: {stamps}. Made with framing.</footer>\n' if stamps else "")
                + _speaker_css(self.prefix, text_html)
                + "</article>\n")

    def _repr_html_(self) -> str:
        return f'<div class="fr-root"><style>{CSS}</style>\n{self.fragment()}</div>'

    def html(self) -> str:
        """A whole, self-contained HTML page (inline CSS, no script, nothing loaded from outside).

        Example:
            >>> annotate("A cruel plan.").html().startswith("<!DOCTYPE html>")
            True
        """
        return _page(self.title or f"Article {self.doc_id}", self.fragment(level=1))

    def save(self, path: str | Path) -> Path:
        """Write :meth:`html` to ``path`` (UTF-8; missing folders are made) and return the path.

        Example:
            >>> import tempfile, os
            >>> p = annotate("A cruel plan.").save(os.path.join(tempfile.mkdtemp(), "a.html"))
            >>> p.read_text(encoding="utf-8").count('data-category="loaded"')
            1
        """
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(self.html(), encoding="utf-8")
        return p


@dataclass
class AnnotatedCollection:
    """Several annotated articles on one page, with an index. Made by :func:`annotate_many`.

    Example:
        >>> c = annotate_many(["A cruel plan.", "He said so."])
        >>> len(c), c.html().count('class="fr-doc"')
        (2, 2)
    """

    articles: list[AnnotatedArticle]
    title: str = "Annotated articles"

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Any:
        return iter(self.articles)

    def __getitem__(self, i: int) -> AnnotatedArticle:
        return self.articles[i]

    def _index(self) -> str:
        items = []
        for a in self.articles:
            label = html.escape(a.title or f"Article {a.doc_id}")
            meta = " · ".join(html.escape(x) for x in (a.outlet, a.date) if x)
            n = len(a.spans)
            items.append(f'<li><a href="#{a.prefix}">{label}</a>'
                         + (f' <span class="fr-meta">{meta}</span>' if meta else "")
                         + f' <span class="fr-count">{n} highlight{"s" if n != 1 else ""}</span></li>')
        return f'<nav class="fr-index" aria-label="Articles"><h2>Articles</h2><ol>{"".join(items)}</ol></nav>\n'

    def fragment(self) -> str:
        """The index and every article's markup (no page, no shared style).

        Example:
            >>> annotate_many(["A cruel plan."]).fragment().startswith('<nav class="fr-index"')
            True
        """
        return self._index() + "".join(a.fragment(level=2) for a in self.articles)

    def _repr_html_(self) -> str:
        return f'<div class="fr-root"><style>{CSS}</style>\n{self.fragment()}</div>'

    def html(self) -> str:
        """One self-contained page with an index and every article.

        Example:
            >>> "<nav" in annotate_many(["A cruel plan."]).html()
            True
        """
        return _page(self.title, f"<h1>{html.escape(self.title)}</h1>\n" + self.fragment())

    def save(self, path: str | Path) -> Path:
        """Write :meth:`html` to ``path`` (UTF-8; missing folders are made) and return the path.

        Example:
            >>> import tempfile, os
            >>> annotate_many(["A cruel plan."]).save(os.path.join(tempfile.mkdtemp(), "p.html")).suffix
            '.html'
        """
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(self.html(), encoding="utf-8")
        return p

    def save_pages(self, directory: str | Path) -> list[Path]:
        """Write one page per article into ``directory`` (created), named after the doc_id,
        and an ``index.html`` linking them; return the article pages' paths.

        Example:
            >>> import tempfile
            >>> d = tempfile.mkdtemp()
            >>> [p.name for p in annotate_many(["A cruel plan.", "He said so."]).save_pages(d)]
            ['0.html', '1.html']
        """
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        paths: list[Path] = []
        used: set[str] = {"index"}
        items = []
        for a in self.articles:
            stem = re.sub(r"[^A-Za-z0-9._-]+", "_", a.doc_id).strip("._")[:80] or "article"
            base, k = stem, 1
            while stem.lower() in used:
                k += 1
                stem = f"{base}-{k}"
            used.add(stem.lower())
            paths.append(a.save(d / f"{stem}.html"))
            meta = " · ".join(html.escape(x) for x in (a.outlet, a.date) if x)
            items.append(f'<li><a href="{html.escape(stem, quote=True)}.html">'
                         f"{html.escape(a.title or f'Article {a.doc_id}')}</a>"
                         + (f' <span class="fr-meta">{meta}</span>' if meta else "")
                         + f' <span class="fr-count">{len(a.spans)} highlights</span></li>')
        index = (f"<h1>{html.escape(self.title)}</h1>\n"
                 f'<nav class="fr-index" aria-label="Articles"><ol>{"".join(items)}</ol></nav>\n')
        (d / "index.html").write_text(_page(self.title, index), encoding="utf-8")
        return paths


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f"<body>\n<main class=\"fr-root\">\n{body}</main>\n</body>\n</html>\n")


# ----------------------------------------------------------------------------- entry points

def _as_row_frame(article: Any) -> pd.DataFrame:
    """One article (a row of an articles table, a one-row table, or a text) as a one-row table."""
    if isinstance(article, str):
        df = pd.DataFrame({"text": [article]})
        df.index = pd.Index([hashlib.sha1(article.encode("utf-8", "replace")).hexdigest()[:16]], name="doc_id")
        return df
    if isinstance(article, pd.DataFrame):
        if len(article) != 1:
            raise ValueError(f"annotate takes one article, got a table of {len(article)}; use annotate_many")
        df = article
    elif isinstance(article, (pd.Series, Mapping)):
        row = dict(article)
        if "text" not in row:
            raise ValueError("the article needs a 'text' (a row of framing.load_articles, or a text)")
        name = getattr(article, "name", None)
        doc_id = row.pop("doc_id", None) or name
        df = pd.DataFrame([row])
        df.index = pd.Index([str(doc_id) if doc_id is not None else
                             hashlib.sha1(str(row["text"]).encode("utf-8", "replace")).hexdigest()[:16]])
    else:
        raise TypeError(f"expected an article (a row of an articles table, or a text), got {type(article).__name__}")
    if "text" not in df.columns:
        raise ValueError("the article needs a 'text' column")
    df = df.copy()
    df.index = df.index.astype(str)
    df.index.name = "doc_id"
    df["text"] = df["text"].fillna("").astype(str)
    return df


def _corpus_median(corpus: Any, lexset: Any) -> pd.Series | None:
    if corpus is None:
        return None
    if isinstance(corpus, pd.Series):
        return corpus
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError("corpus must be a score table (framing.score) or an articles table")
    table = corpus
    if not any(c.endswith("_per_1k") for c in map(str, corpus.columns)) and "text" in corpus.columns:
        from .features import score

        table = score(corpus, lexset)
    med = table.select_dtypes("number").median(numeric_only=True)
    med.attrs["n"] = len(table)
    return med


def _select(table: pd.DataFrame | None, doc_id: str, text: str, what: str) -> pd.DataFrame | None:
    """The rows of one article from a spans/quotes table that may hold several."""
    if table is None:
        return None
    if "doc_id" in table.columns and table["doc_id"].nunique() > 1:
        table = table[table["doc_id"].astype(str) == doc_id]
    if what == "spans" and len(table):
        missing = [c for c in ("start", "end", "category") if c not in table.columns]
        if missing:
            raise ValueError(f"spans need columns start, end, category; missing {', '.join(missing)}")
        bad = (table["start"] < 0) | (table["end"] > len(text)) | (table["start"] >= table["end"])
        if "text" in table.columns and not bad.any():
            bad = pd.Series([text[s:e] != t for s, e, t in zip(table["start"], table["end"], table["text"])],
                            index=table.index)
        if bad.any():
            raise ValueError(f"{int(bad.sum())} of {len(table)} spans do not fit this article's text "
                             "(spans of another article, or of another version of the text?)")
    return table.reset_index(drop=True)


def _str(v: Any) -> str:
    return _date(v) if isinstance(v, pd.Timestamp) else (str(v) if _present(v) else "")


def annotate_many(articles: Any, *, spans: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                  lexicons: Any = None, corpus: Any = None, title: str = "Annotated articles",
                  rates: bool = True, frames: bool = False) -> AnnotatedCollection:
    """Annotate several articles for one page (with an index); see :func:`annotate`.

    Args:
        articles: an articles table (:func:`framing.load_articles`), texts, or one text.
        spans, quotes: tables for these articles (rows are matched by ``doc_id``); computed
            when not given.
        lexicons: as in :func:`framing.find_spans`; their notes explain the highlights.
        corpus: a score table (:func:`framing.score`; or an articles table, scored here) whose
            medians are shown beside each article's rates.
        title: the page's title.
        rates: compute the summary of rates (:func:`framing.score`).
        frames: add the built-in ``frames`` lexicon: frame cues as a layer of their own,
            off until the legend's checkbox is ticked (see :func:`annotate`).

    Example:
        >>> c = annotate_many(["Officials said it was cruel.", "He claimed it."], title="Two")
        >>> [a.counts() for a in c]
        [{'anonymous_source': 1, 'attribution': 1, 'loaded': 1}, {'attribution': 1}]
    """
    from .spans import LexiconSet, as_articles, find_spans

    if isinstance(articles, str):
        articles = [articles]
    df = as_articles(articles)
    if df.index.has_duplicates:
        raise ValueError("the articles' doc_ids are not unique")
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    if frames:
        from .features import _with_frames

        lexset = _with_frames(lexset)
    for name, table in (("spans", spans), ("quotes", quotes)):
        if table is not None and "doc_id" not in table.columns and len(df) > 1:
            raise ValueError(f"{name} of several articles need a doc_id column")
    if spans is None:
        spans = find_spans(df, lexset, progress=False)
    elif "doc_id" not in spans.columns:
        spans = spans.assign(doc_id=str(df.index[0]))
    if quotes is not None and "doc_id" not in quotes.columns:
        quotes = quotes.assign(doc_id=str(df.index[0]))
    if quotes is None:
        from .attribution import quotes as find_quotes

        att = next((lx for lx in lexset.lexicons if "attribution" in lx.category_counts()), None)
        quotes = (find_quotes(df, attribution=att, titles=False, progress=False) if att is not None
                  else pd.DataFrame(columns=["doc_id"]))
    table = None
    if rates:
        from .features import score

        table = score(df, lexset, progress=False)
    median = _corpus_median(corpus, lexset)
    notes = _note_index(lexset, [])
    sp_groups = {k: g for k, g in spans.groupby(spans["doc_id"].astype(str), sort=False)} if len(spans) else {}
    q_groups = ({k: g for k, g in quotes.groupby(quotes["doc_id"].astype(str), sort=False)}
                if len(quotes) and "doc_id" in quotes.columns else {})
    out = []
    for i, (doc_id, row) in enumerate(df.iterrows()):
        doc_id = str(doc_id)
        text = str(row["text"]) if _present(row["text"]) else ""
        sp = _select(sp_groups.get(doc_id, spans.iloc[0:0]), doc_id, text, "spans")
        qt = _select(q_groups.get(doc_id, quotes.iloc[0:0]), doc_id, text, "quotes")
        art = AnnotatedArticle(
            doc_id=doc_id, text=text, title=_str(row.get("title")), outlet=_str(row.get("outlet")),
            date=_date(row.get("date")), url=_str(row.get("url")), spans=sp, quotes=qt,
            rates=table.loc[doc_id] if table is not None else None, corpus_median=median, notes=notes,
            lexicons=dict(spans.attrs.get("lexicons", lexset.stamps())))
        art.prefix = f"fr{i}-{art.prefix[3:]}"
        out.append(art)
    return AnnotatedCollection(out, title=title)


def annotate(article: Any, *, spans: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
             lexicons: Any = None, corpus: Any = None, rates: bool = True,
             frames: bool = False) -> AnnotatedArticle:
    """One article, every framing device highlighted and explained (see the module docstring).

    Args:
        article: a row of an articles table (a Series with ``text``, and ``title``, ``outlet``,
            ``date``, ``url`` when known; its name is the ``doc_id``), a one-row table, or a text.
        spans: the article's spans (:func:`framing.find_spans`); a table of several articles
            is filtered by ``doc_id``. Computed when not given. Spans that do not fit the text
            raise :class:`ValueError`.
        quotes: the article's attributions (:func:`framing.quotes`), likewise.
        lexicons: the lexicons (as in :func:`framing.find_spans`) used to find the spans and
            whose notes and alternatives explain them; ``None``: the built-ins.
        corpus: a score table (:func:`framing.score` of a corpus; or an articles table, which
            is scored here): its medians are shown beside the article's rates.
        rates: compute the summary of rates per 1,000 tokens (:func:`framing.score`).
        frames: also find the cues of the 14 generic news frames (the built-in ``frames``
            lexicon; Boydstun et al. 2014) and show them as their own layer, off by default
            and switched on by a checkbox in the legend (no script).

    Returns:
        An :class:`AnnotatedArticle` (``_repr_html_``, ``html()``, ``save(path)``).

    Example:
        >>> a = annotate("The self-declared republic's cruel regime, officials said.")
        >>> a.counts()
        {'anonymous_source': 1, 'attribution': 1, 'label': 2, 'loaded': 1}
        >>> a.html().count('tabindex="0"') >= 5
        True
    """
    from .spans import LexiconSet

    df = _as_row_frame(article)
    doc_id = str(df.index[0])
    text = df["text"].iloc[0]
    lexset = lexicons if isinstance(lexicons, LexiconSet) else LexiconSet(lexicons)
    given_spans = _select(spans, doc_id, text, "spans") if spans is not None else None
    given_quotes = _select(quotes, doc_id, text, "quotes") if quotes is not None else None
    if given_spans is not None:
        given_spans = given_spans.assign(doc_id=doc_id)
    if given_quotes is not None:
        given_quotes = given_quotes.assign(doc_id=doc_id)
    art = annotate_many(df, spans=given_spans, quotes=given_quotes, lexicons=lexset, corpus=corpus,
                        rates=rates, frames=frames).articles[0]
    art.prefix = "fr-" + art.prefix.split("-", 1)[1]
    return art


# ----------------------------------------------------------------------------- style

CSS = """
.fr-root{--fr-ink:#1b1b1b;--fr-muted:#555;--fr-line:#c8c8c8;color:var(--fr-ink);
 font:17px/1.6 Georgia,'Times New Roman',serif;max-width:76rem;margin:0 auto;padding:1rem 1.25rem}
.fr-root h1,.fr-root h2,.fr-root h3,.fr-root h4{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.25}
.fr-root h3{font-size:1rem;margin:.2rem 0 .4rem}.fr-root h4{font-size:.85rem;margin:.7rem 0 .3rem}
.fr-doc{border-top:3px solid var(--fr-ink);padding-top:.6rem;margin-bottom:2.5rem}
.fr-title{margin:.2rem 0}.fr-meta{color:var(--fr-muted);font:14px/1.4 system-ui,Arial,sans-serif;margin:.2rem 0 1rem;overflow-wrap:anywhere}
.fr-meta a{color:#0b4f9c}
.fr-body{display:grid;grid-template-columns:minmax(0,40rem) minmax(21rem,1fr);gap:2rem;align-items:start}
@media (max-width:980px){.fr-body{grid-template-columns:1fr}.fr-side{order:-1}}
.fr-text{position:relative;z-index:2}.fr-text p{margin:0 0 1em}
.fr-side{z-index:1;font:13.5px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;position:sticky;top:.5rem}
.fr-side section{border:1px solid var(--fr-line);border-radius:6px;padding:.6rem .8rem;margin-bottom:1rem;background:#fafafa}
.fr-side ul{list-style:none;margin:0;padding:0}.fr-side li{margin:.25rem 0}
.fr-what,.fr-hint,.fr-sub{color:var(--fr-muted)}.fr-count{font-variant-numeric:tabular-nums}
.fr-summary table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:12.5px}
.fr-summary caption{caption-side:bottom;text-align:left;color:var(--fr-muted);font-size:12px;padding-top:.3rem}
.fr-summary th,.fr-summary td{padding:.15rem .25rem;border-bottom:1px solid #e4e4e4;text-align:right}
.fr-summary th[scope=row],.fr-summary thead th:first-child{text-align:left;font-weight:normal}
.fr-facts{margin:.1rem 0 .4rem}
.fr-glossary{font:14px/1.5 system-ui,Arial,sans-serif;border-top:1px solid var(--fr-line);margin-top:1rem}
.fr-glossary li{margin:.3rem 0}
.fr-prov{color:var(--fr-muted);font:12px/1.4 system-ui,Arial,sans-serif;margin-top:1rem}
.fr-index ol{font:15px/1.5 system-ui,Arial,sans-serif}.fr-index .fr-meta,.fr-index .fr-count{color:var(--fr-muted);font-size:13px}
/* quoted voice: grey ground with hatching (not colour alone) */
.fr-voice-quoted{background-color:#ececec;background-image:repeating-linear-gradient(135deg,rgba(0,0,0,.07) 0 2px,transparent 2px 6px);
 box-decoration-break:clone;-webkit-box-decoration-break:clone}
/* highlights: a ground colour and an underline style per category */
.fr-hl,.fr-sw{color:inherit;padding:0 .08em;border-radius:2px;text-decoration-skip-ink:none;text-underline-offset:.18em;
 box-decoration-break:clone;-webkit-box-decoration-break:clone}
.fr-sw{display:inline-block;padding:0 .3em;line-height:1.5;font-size:12.5px;white-space:nowrap}
.fr-cat-loaded{background-color:#ffd9d9;text-decoration:underline solid #b3001b 2px}
.fr-cat-label{background-color:#ffe2b8;text-decoration:underline double #9a4d00 2px}
.fr-cat-naming{background-color:#d7e7ff;text-decoration:underline dashed #174ea6 2px}
.fr-cat-attribution{background-color:#ece4ff;text-decoration:underline dotted #5a3d9a 2px}
.fr-cat-hedge{background-color:#dcf1dc;text-decoration:underline wavy #2c6e2f 1.5px}
.fr-cat-booster{background-color:#fff1a6;text-decoration:overline underline solid #7a6400 1.5px}
.fr-cat-anonymous_source{background-color:#d9f2f2;text-decoration:underline dashed #00676b 3px}
.fr-cat-scare_quote{outline:1.5px dashed #6b4a00;outline-offset:1px;background-color:#fff7e0}
.fr-cat-other{background-color:#eeeeee;text-decoration:underline solid #444 1px}
.fr-stance-neutral{background-color:#f4f0ff}
.fr-stance-distancing,.fr-stance-conflict{background-color:#ddd0ff;font-weight:600}
.fr-stance-emphatic,.fr-stance-endorsing,.fr-stance-concessive{background-color:#e6dcff;font-style:italic}
.fr-hl.fr-in-quote{background-image:repeating-linear-gradient(135deg,rgba(255,255,255,.75) 0 2px,transparent 2px 5px)}
.fr-hl.fr-cat-scare_quote.fr-in-quote{background-image:none}
.fr-speaker{border-bottom:2px solid #7a5c00;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.fr-sw.fr-speaker{border:0;border-bottom:2px solid #7a5c00;border-radius:0}
.fr-speaker:target{background:#fff2a8;outline:2px solid #7a5c00}
.fr-cue-only{border-bottom:2px dotted #5a3d9a}
/* tooltips: CSS only, on hover and on keyboard focus */
.fr-hl,.fr-cue{position:relative;cursor:help}
.fr-hl:focus,.fr-cue:focus{outline:3px solid #0b57d0;outline-offset:2px;z-index:3}
.fr-hl:focus:not(:focus-visible){outline-width:2px}
.fr-tip{display:none;position:absolute;left:0;top:calc(100% + 4px);z-index:20;width:22rem;max-width:80vw;
 background:#fff;color:#1b1b1b;border:1px solid #444;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.25);
 padding:.5rem .65rem;font:13.5px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;
 font-weight:normal;font-style:normal;text-align:left;white-space:normal;text-decoration:none;cursor:auto}
.fr-tip>span{display:block;margin:.1rem 0}
.fr-tip-head{font-weight:700}.fr-tip-entry,.fr-tip-voice{color:#555}.fr-tip a{color:#0b4f9c}
.fr-hl:focus>.fr-tip,.fr-cue:focus>.fr-tip,.fr-hl:focus-within>.fr-tip,
.fr-hl:hover:not(:has(.fr-hl:hover,.fr-cue:hover))>.fr-tip,.fr-cue:hover:not(:has(.fr-hl:hover))>.fr-tip{display:block}
.fr-hl:has(.fr-hl:focus)>.fr-tip{display:none}
@media print{
 .fr-root{font-size:11.5pt;max-width:none;padding:0}
 .fr-body{display:block}.fr-side{position:static}.fr-side section{break-inside:avoid;background:none}
 .fr-tip,.fr-hint{display:none!important}
 .fr-hl,.fr-sw,.fr-voice-quoted{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .fr-hl:not(.fr-cont)::after{content:"\\2022";font:bold 7pt system-ui,Arial,sans-serif;vertical-align:super;margin-left:1px}
@LETTERS@
 .fr-sw[data-letter]::after{content:" " attr(data-letter);font:bold 7pt system-ui,Arial,sans-serif;vertical-align:super}
 .fr-hl:focus{outline:none}
 .fr-doc{break-before:page}.fr-doc:first-of-type{break-before:auto}
 .fr-meta a::after{content:none}
 .fr-glossary{break-before:auto}
}
""".strip().replace("@LETTERS@", "\n".join(
    f' .fr-hl.fr-cat-{c}:not(.fr-cont)::after{{content:"{v[2]}"}}' for c, v in CATEGORIES.items()))

# The frame layer (issue 9): hidden until the legend's checkbox is ticked; CSS only.
CSS += """
.fr-hl.fr-cat-frame{background:none;text-decoration:none;padding:0;cursor:inherit}
.fr-doc:not(:has(.fr-frames-toggle:checked)) .fr-hl.fr-cat-frame>.fr-tip{display:none!important}
.fr-doc:not(:has(.fr-frames-toggle:checked)) .fr-glossary li:has(>.fr-sw.fr-cat-frame){display:none}
.fr-doc:has(.fr-frames-toggle:checked) .fr-hl.fr-cat-frame,.fr-sw.fr-cat-frame{background-color:#e4f3e8;
 box-shadow:inset 0 -3px 0 #1e6b3a;cursor:help}
.fr-frames-switch{margin:.2rem 0}.fr-frames-switch input{width:1.1rem;height:1.1rem;vertical-align:-.2rem}
.fr-frames-toggle:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
@media print{
 .fr-doc:not(:has(.fr-frames-toggle:checked)) .fr-hl.fr-cat-frame::after{content:none}
 .fr-doc:has(.fr-frames-toggle:checked) .fr-hl.fr-cat-frame:not(.fr-cont)::after{content:"F"}
 .fr-frames-switch{display:none}
}"""
