"""Clean scraped news pages: keep the article body, drop the debris, read the metadata.

Cleaning works on whole lines, after Kohlschütter et al. (2010), "Boilerplate detection using
shallow text features" (WSDM): debris lines are short and formulaic, body lines are sentences.
Every non-blank input line ends up as a body paragraph or a :class:`Removal` (1-based line number,
the line, a reason); nothing inside a line is edited, so "KYIV, March 3 (Outlet) -" stays in the
body. No outlet is named in the code; the one table of names is ``_AGENCIES`` (photo agencies
as they appear in credits: "Jane Doe/AFP").

Line rules (all :func:`clean_body` does). A line is debris when it is

- a formulaic label matched as the *whole*, short line (``_LABEL_RULES``): login, comment, share,
  newsletter, subscribe, cookie-button, advertisement, "Read more: ...", "Related Topics", "Most
  read in News", "Photos of the day: ...", reading times, navigation and footer labels (copyright,
  "Our Standards: ...", "Got a story? Email ..."). "Comments by the minister drew criticism." is
  not a label. A line of labels in a row ("Share | 214 comments", "Comments are subject to our
  guidelines. To comment, log in.") takes the first one's reason;
- without a letter (a video duration "0:47", a gallery counter, a divider);
- a cookie banner (mentions cookies; opens "We use cookies ..." or ends with "Accept");
- a photo credit ("©", "Photo:", "Photograph:", "Image source", "Go to the mediabank", "(Photo by
  ...)", "File photo", "Name/Agency" after a caption) or an "Image caption, ..." line;
- a caption dateline, ending "- Outlet, 1920, 18.02.2022", or a breadcrumb ("Home > World > Europe");
- a repeated caption: the head of a nearby caption dateline, the start or end of a nearby credit
  line, or a line that occurs twice with a credit line beside one copy;
- a caption on its own line right above or below a bare credit ("Photo: Jane Doe / Agency", at
  most 8 words, no caption of its own): 4-20 words, no quotation marks, no "said"/"told";
- a short non-sentence line under a bare link-list header ("Related Topics", "Most read");
- at most 12 words, all in another script than the body's dominant one (a stray interface
  string). Mixed lines, such as an English sentence quoting Russian, stay;
- a wire sign-off ("Reporting by Jane Doe in Kyiv; Editing by John Roe": every part is "<task>
  by <names>") with no paragraph of over 25 words after it (reason ``byline``);
- after the last line that ends a sentence, and below a debris line: a line of at most 8 words
  ("loader", "Chats").

Page rules (:func:`clean_page`). A bare dateline ("- Outlet, 1920, 13.01.2022") at the top (under
menu items at most) opens a related-topic box when a caption dateline (or a dateline with another
date) follows, as the article's own dateline rides on its photo caption: the box runs to the
article's title, the last title-like line before the article's header (date line, byline, credit
or caption dateline); without one, it is the topic title and the blurb sentences under it.
Alone, the bare dateline is the article's dateline. Before the body come "Outlet | Section" (or
"Headline | Outlet") lines, bylines ("By Jane Doe", "Written by ...", "Jane Doe, Outlet", "Jane
Doe in Kyiv", or the name alone next to the date line or the photo), date lines ("Published 4
March 2025"; also lines of parts such as "May 22, 2025 / 12:41 PM / Updated 4 hours ago" or
"18.02.2025 14:03 (updated: ...)", even where the line rules took them for a breadcrumb), wire
datelines on their own line ("BERGEN, Norway (NWS)"), menu items (at most three words, unless the
article starts right after) and the title: the first line of 3-30 words without a final period.
Up to two lines between the title and a later byline or date line are a ``standfirst`` (a deck;
a sentence counts only with at most 35 words); without a byline or date line after them they stay
in the body. At the end, "Source: Outlet" is a byline and the wire sign-off names the author when
no byline did. Outlet, strongest first: "Outlet | Section" header, caption dateline, copyright
footer after the body ("© 2025 Outlet", "© Outlet 2025"), byline or "Source:", masthead (the
page's first line, a 2-5 word name above the menu), wire dateline ("WASHINGTON (Outlet) —"), "©
Outlet /" credit; company suffixes ("Ltd", "Inc") are dropped and an all-caps name takes the
casing it has elsewhere on the page. Date: the article's caption dateline, else the first header
date ("Published" before "Updated"), else the byline's; never a topic box's.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
import warnings
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Removal", "CleanedPage", "normalise_text", "parse_date", "clean_body", "clean_page"]


class Removal(NamedTuple):
    """One input line that is not in the body."""

    line: int  #: 1-based line number in the text given to clean_page/clean_body
    text: str  #: the removed line, verbatim after :func:`normalise_text`
    reason: str  #: topic_box, title, standfirst, byline, dateline, photo_credit, caption, ...


class CleanedPage(NamedTuple):
    """The result of :func:`clean_page`: body paragraphs joined by a blank line, and metadata."""

    text: str
    title: str | None
    outlet: str | None
    date: datetime.datetime | None
    author: str | None
    removed: tuple[Removal, ...]


# --------------------------------------------------------------------------- normalisation
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                                 "\u2008\u2009\u200a\u205f\u3000"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"), None)  # ZWNJ/ZWJ spell Persian, emoji


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with plain spaces and ``\\n`` line ends, trailing spaces stripped.

    No-break, narrow no-break, thin, figure, ideographic and other fixed-width spaces become a
    plain space; zero-width spaces, word joiners and byte-order marks are removed.

    >>> normalise_text("Ministry\\u00a0/\\u00a0Go \\r\\nCafe\\u0301\\u200b\\r")
    'Ministry / Go\\nCafé\\n'
    """
    text = unicodedata.normalize("NFC", text).translate(_SPACES).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


# --------------------------------------------------------------------------- dates
_MONTH_NAMES = ("jan feb mar apr may jun jul aug sep oct nov dec января февраля марта апреля мая "
                "июня июля августа сентября октября ноября декабря").split()
_MONTHS = {name: i % 12 + 1 for i, name in enumerate(_MONTH_NAMES)} | {"sept": 9}
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
        + "|".join(_MONTH_NAMES[12:]) + r")\b\.?")
_TZ_HOURS = {"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
             "EST": -5, "EDT": -4, "PST": -8, "PDT": -7}
_TZ = "|".join(_TZ_HOURS)
_BEFORE = (rf"(?:(?P<H0>\d{{1,2}}):(?P<M0>\d{{2}})\s*(?P<ampm0>[ap]\.?m\.?)\s*(?P<tz0>{_TZ})?,?\s+"
           r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?)?")  # "3:45 PM EST, Fri "
_AFTER = (rf"(?:(?:,|\s+at)?\s+(?P<H>\d{{1,2}})[:.](?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?"
          rf"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>{_TZ})\b)?)?")  # " 09.12 GMT", ", 14:30"
_DATE_PATTERNS = (
    ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})"
                       r"(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?(?!\d)")),
    ("num", re.compile(r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
                       r"(?!\d)(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?")),
    ("dmy", re.compile(rf"{_BEFORE}(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+"
                       rf"(?P<y>\d{{4}})(?!\d){_AFTER}", re.I)),
    ("mdy", re.compile(rf"{_BEFORE}\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
                       rf"(?!\d){_AFTER}", re.I)),
)


def _build_date(kind: str, g: dict) -> datetime.datetime | None:
    year, day = int(g["y"]), int(g["d"])
    if kind in ("iso", "num"):
        month = int(g["m"])
    else:
        month = _MONTHS.get(g["mon"].lower().rstrip("."), _MONTHS.get(g["mon"][:3].lower(), 0))
    if kind == "num" and month > 12 >= day:  # day-first impossible: read 02/18/2022 month-first
        day, month = month, day
    hour, minute = int(g.get("H") or g.get("H0") or 0), int(g.get("M") or g.get("M0") or 0)
    if (ampm := (g.get("ampm") or g.get("ampm0") or "").lower()):
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    try:
        value = datetime.datetime(year, month, day, hour, minute, int(g.get("S") or 0))
    except ValueError:
        return None
    if tz := (g.get("tz") or g.get("tz0") or "").upper():
        value -= datetime.timedelta(hours=_TZ_HOURS[tz])
    elif (off := g.get("off")) and off != "Z":
        value -= (-1 if off[0] == "-" else 1) * datetime.timedelta(hours=int(off[1:3]),
                                                                   minutes=int(off[-2:]))
    return value if 1900 <= year <= 2100 else None


def _find_date(text: str) -> tuple[datetime.datetime, int, int] | None:
    """The first valid date in ``text`` and its character span."""
    found = sorted((m.start(), -m.end(), kind, m)
                   for kind, rx in _DATE_PATTERNS for m in rx.finditer(text))
    for start, neg_end, kind, m in found:
        if (value := _build_date(kind, m.groupdict())) is not None:
            return value, start, -neg_end
    return None


def parse_date(text: str) -> datetime.datetime | None:
    """Return the first complete date (day, month and year) in ``text`` as a naive datetime.

    Numeric dates are day-first (``18.02.2022``, ``18/02/2022``) unless that is impossible
    (``02/18/2022`` is read month-first). Month names are English or Russian (``18 февраля
    2022``). With an offset or a zone (``Z``, ``+03:00``, ``GMT``, ``EST``, ...) the result is
    converted to naive UTC; otherwise the clock time is kept as written. A year alone ("the 2022
    budget"), a month and year ("May 2022") or a day and month ("18 Feb") is not a date: None.

    >>> parse_date("Updated 3:45 PM EST, Fri February 18, 2022")
    datetime.datetime(2022, 2, 18, 20, 45)
    >>> parse_date("- Sputnik International, 1920, 18.02.2022")
    datetime.datetime(2022, 2, 18, 0, 0)
    >>> parse_date("No. 18 in the series") is None
    True
    """
    found = _find_date(text)
    return found[0] if found else None


# --------------------------------------------------------------------------- line rules
_AGENCIES = (r"Reuters|REUTERS|AFP|AP|EPA(?:-EFE)?|Getty Images|Alamy|Shutterstock|dpa"
             r"|PA(?: Images| Wire)?|TASS|Xinhua|ANP|Sipa|Bloomberg")
_CREDIT = re.compile("|".join((
    r"©",
    r"\b(?:Photo|PHOTO|Photograph|PHOTOGRAPH|Picture|Image|IMAGE|Illustration|Фото)"
    r"(?: credit| source)?\s*:",
    r"^(?:Image|Photo|Picture) (?:source|credit)\b",
    r"Go to the mediabank",
    r"\(Photo(?:graph)? by\b[^)]*\)",
    r"^\(?File photo\b|\(File photo\)|FILE PHOTO",
    r"\(AP Photo\b|\bAP Photo/",
    # a credit after the caption's last sentence: "... Monday. REUTERS/Jane Doe", "Jane Doe/AFP"
    rf"(?:^|[.!?]\s+|\()\s*(?:{_AGENCIES})\s*/\s*[^/.!?()]{{1,40}}\)?$",
    rf"(?:^|[.!?:]\s+|\()[^/.!?()]{{1,40}}/\s*(?:{_AGENCIES})(?: via Getty Images)?\)?$",
    r"(?:^|[.!?:]\s+|\()[^.!?()]{0,60}\bGetty Images\)?$",
)))
_CAPTION = re.compile(r"^(?:Image|Media|Video|Photo) caption\b")
_TAIL = re.compile(r"(?:^|\s)[-–—]\s*(?P<outlet>[^\W\d_][^,\d]{0,50}?),\s*(?:\d{1,5},\s*)?"
                   r"(?P<date>[^,]{6,30}|[^\W\d_]{3,9}\.? \d{1,2}, \d{4}[^,]{0,20})$")
_COOKIE = re.compile(r"(?i:^(?:we|this (?:web)?site|our (?:web)?site|we and our partners) uses? cookies"
                     r"\b|^by (?:using|continuing|clicking)\b.*\bcookies\b)"  # or ends with a button:
                     r"|\b(?:Accept(?: all)?(?: cookies)?|Agree|Got it|OK|Reject all"
                     r"|Manage (?:settings|preferences))\W*$")
_BREADCRUMB_SEP = re.compile(r"\s+(?:>|›|»|\||/|•|·|→)\s+")
_QUOTES = "\"'“”‘’«»„"
_SOCIAL = (r"facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|e-?mail|messenger|vk"
           r"|bluesky|copy link")


def _labels(reason: str, max_words: int, *patterns: str, tail: bool = False):
    """A label rule: one of ``patterns`` is the whole line (with ``tail``, plus ": anything")."""
    after = r"(?:\s*[:|»›>–—-]\s*.*)?" if tail else ""
    return reason, max_words, re.compile(rf"(?:{'|'.join(patterns)}){after}[\s\W]*", re.I)


_LABEL_RULES = (  # the first rule that matches wins; max_words keeps prose out
    _labels("footer", 20, r"(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}\b.*", r".*\ball rights reserved\b.*",
            # "© Outlet 2025"
            r"(?:©|\(c\)|copyright)\s*[^\W\d_][^©/]{0,60}?,?\s+\d{4}(?:\s*[-–]\s*\d{4})?\.?",
            r"terms (?:of (?:use|service)|(?:&|and) conditions)", r"privacy (?:policy|notice)",
            "contact us", "about us", "reuse this content", "accessibility(?: statement)?", "back to top",
            r"(?:our (?:editorial |journalistic )?|(?:editorial|journalistic) )(?:standards|principles|values"
            r"|ethics|guidelines)(?:\s*[:|–—-].*)?",
            r"(?:got|have you got|do you have|have) an? (?:story|news tip|tip|tip-off)(?: for us)?\?.*"),
    _labels("login_prompt", 12, "to participate in the discussion",
            r"to (?:comment|reply|post a comment|join the (?:discussion|conversation)),? (?:please )?"
            r"(?:log ?in|sign ?in|register)\b.*",
            r"(?:please )?(?:log ?in|sign ?in|sign up)(?: (?:or|and|/) (?:register|sign ?up|subscribe))?"
            r"(?: to (?:comment|continue|reply|read)\b.*)?", "register", r"create (?:an|a free) account\b.*",
            r"already have an account\?.*", r"forgot (?:your )?password\?"),
    _labels("comment_prompt", 12, r"comments?(?: \([\d,.]+k?\))?", r"[\d,.]+k? comments?",
            "комментари[иев]+",
            r"comments are subject to (?:our |the )?(?:community |house )?"
            r"(?:guidelines|rules|standards|terms)\b.*",
            r"join the (?:conversation|discussion|debate)\b.*",
            r"(?:leave|post|add|write) a (?:comment|reply)\b.*", r"comments are (?:closed|open)\b.*",
            r"(?:show|view|hide|load|read|see) (?:all )?(?:\d+ )?comments\b.*"),
    _labels("share_prompt", 14,
            r"(?:share|поделиться)(?: (?:this|the))?(?: (?:article|story|page|post|link))?"
            rf"(?:\W*(?:on|via|to|with)?\W*(?:{_SOCIAL}))*",
            rf"(?:{_SOCIAL}|print|tweet|save)(?:\W+(?:{_SOCIAL}|print))*"),
    _labels("newsletter", 30, r"(?:sign up|subscribe|register|get|receive)\b.*"
            r"\b(?:newsletters?|briefing|bulletin|digest|e-?mail alerts?|inbox)\b.*",
            "newsletters?", "after newsletter promotion", r"privacy notice:.*\bnewsletters?\b.*",
            r"enter (?:your )?e-?mail(?: address)?"),
    _labels("subscribe_prompt", 20, "subscribe(?: (?:now|today|here))?", "subscribe (?:to|for) .*",
            r"become a (?:subscriber|member|supporter|patron)\b.*",
            r"support (?:our|independent) journalism\b.*", r"already a (?:subscriber|member)\?.*",
            "(?:for )?subscribers only", r"unlock (?:this|unlimited|full)\b.*",
            r"this (?:article|story) is (?:only )?(?:for|available to) subscribers\b.*",
            r"подпи(?:шитесь|сывайтесь)\b.*"),
    _labels("cookie_banner", 4, "accept(?: all)?(?: cookies)?", "reject all", "i agree", "got it",
            "manage (?:cookies|settings|preferences|options)", "cookie (?:settings|policy|preferences)"),
    _labels("advertisement", 8, "advertisements?", "advertising", "ad", "paid (?:partner )?content",
            "sponsored(?: (?:content|links?|stories))?",
            "(?:story|article) continues (?:below|after (?:the )?advertisement)(?: advertisement)?",
            "continue reading (?:the main story|below)", "skip advertisement", "реклама",
            r"(?:advertisement\W*)?scroll (?:down )?to continue(?: with content| reading)?"),
    _labels("read_more", 25, "read (?:more|also|next)", "also read", "see also", "recommended(?: reading)?",
            "watch(?: now)?", "listen(?: now)?", "more", "читайте (?:также|ещё|еще)", tail=True),
    _labels("related_links", 25, "related(?: (?:topics|stories|articles|coverage|content|news|links))?",
            "more on this (?:story|topic)", "more (?:stories|news|from|in|on)(?: [\\w&'’-]+){0,4}",
            "explore more on (?:these|this) topics?", "top stories",
            r"most (?:read|popular|viewed|shared|commented)"
            r"(?: (?:in|on|from) [\w&'’-]+(?: [\w&'’-]+){0,2})?",
            r"(?:photos?|pictures?|images?|videos?|galler(?:y|ies)) of the (?:day|week)",
            "trending(?: (?:now|stories|news))?", "you (?:may|might) also (?:like|be interested in)",
            "topics", "tags?", "in this (?:story|article)", "editor'?s picks", "latest(?: (?:news|stories))?",
            "further reading", "по теме", tail=True),
    _labels("navigation", 6, "skip to (?:main )?(?:content|navigation)", "(?:main |open )?menu",
            "home(?:page)?", "search", "sections", "close", "navigation",
            "(?:next|previous) (?:article|story)", "go to (?:the )?homepage", r"\d+ min(?:ute)?s? read"),
)
_LINK_HEADERS = ("related_links", "read_more")
_CAPTION_WINDOW = 10  # lines either side of a credit or dateline where its caption may repeat


def _tail(line: str) -> tuple[str, str, datetime.datetime] | None:
    """Split "caption - Outlet, 1920, 18.02.2022" into (caption, outlet, date)."""
    m = _TAIL.search(line)
    date = parse_date(m["date"]) if m and len(m["outlet"].split()) <= 6 else None
    return (line[:m.start()].strip(), m["outlet"].strip(), date) if date else None


def _is_breadcrumb(s: str) -> bool:
    parts = _BREADCRUMB_SEP.split(s)
    if len(parts) < 2 or (len(parts) < 3 and parts[0].lower() != "home"):
        return False
    return all(0 < len(p.split()) <= 4 and not p.endswith(".") for p in parts)


def _label(s: str) -> str | None:
    """The reason of the label rule that matches the whole stripped line ``s``, if any."""
    n = len(s.split())
    return next((reason for reason, max_words, rx in _LABEL_RULES
                 if n <= max_words and rx.fullmatch(s)), None)


_PARTS = re.compile(r"\s+[|•·]\s+|(?<=[.!?])\s+(?=[^\W\d_])")  # "Share | 12 comments", "A. B."


def _line_reason(s: str) -> str | None:
    """The reason a stripped line is debris, judged from the line alone (None: a body line)."""
    n = len(s.split())
    if _tail(s):
        return "dateline"
    if _CAPTION.match(s):
        return "caption"
    if label := _label(s):
        return label
    if not any(c.isalpha() for c in s):
        return "navigation"  # no letters: a video duration, a gallery counter, a divider
    parts = _PARTS.split(s)
    if 1 < len(parts) <= 6 and n <= 30 and all(labels := [_label(p.strip()) for p in parts]):
        return labels[0]  # labels in a row: "Share | 214 comments", "... guidelines. To comment, log in."
    if n <= 80 and "cookie" in s.lower() and _COOKIE.search(s):
        return "cookie_banner"
    if n <= 60 and _CREDIT.search(s):
        return "photo_credit"
    return "navigation" if _is_breadcrumb(s) else None


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "").removeprefix("FULLWIDTH ").removeprefix("HALFWIDTH ")
    first = name.split(" ", 1)[0]
    return {"CJK": "Han", "HIRAGANA": "Han", "KATAKANA": "Han"}.get(first, first.title() or "Unknown")


def _scripts(s: str) -> Counter:
    return Counter(_script(c) for c in s if c.isalpha())


def _is_sentence(s: str) -> bool:
    return len(s.split()) >= 6 and s.rstrip(_QUOTES + ")").endswith((".", "!"))


def _ends_sentence(s: str) -> bool:
    return s.rstrip(_QUOTES + ")").endswith((".", "!", "?", "…"))


_SIGNOFF = re.compile(r"\(?(?:(?:additional|further) )?(?:reporting|writing|editing|compiled|research|"
                      r"fact-checking|translation|graphics|production|photography|video) by\s+"
                      r"(?P<names>[^;()]+?)\)?\.?", re.I)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")  # "... in Harlow City"


def _is_signoff(s: str) -> bool:
    """ "Reporting by Jane Doe in Kyiv; Editing by John Roe": every part is "<task> by <names>"."""
    for part in s.split(";"):
        m = _SIGNOFF.fullmatch(part.strip())
        if not m:
            return False
        names = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+", _IN_PLACE.sub("", m["names"].strip()))
        if not all(0 < len(n.split()) <= 4 and all(_NAME_WORD.match(w) for w in n.split())
                   and all(w[0].isupper() for w in n.split() if len(w) > 3) and n[0].isupper()
                   for n in names):
            return False
    return True


_ATTRIBUTION = re.compile(r"\b(?:said|says|told|tells|according to|added|asked|warned|declined|claimed"
                          r"|reported|announced|suggested)\b")


def _bare_credit(s: str) -> bool:
    """A credit line that carries no caption of its own: "Photo: Jane Doe / Agency"."""
    m = _CREDIT.search(s)
    return bool(m) and not s[:m.start()].strip(" (") and not _ends_sentence(s) \
        and len(s.split()) <= 8 and not re.search(r"\w\w[.!?]\s", s)


def _caption_like(s: str) -> bool:
    """A short description of a picture: no quotation, no attribution, not a list item."""
    return 4 <= len(s.split()) <= 20 and s[0].isupper() and not re.search(r"[\"“”«»„]", s) \
        and not _ATTRIBUTION.search(s) and not s.endswith((":", "?"))


def _classify(lines: list[str]) -> list[str | None]:
    """A reason per line (None: body), from the line rules of the module docstring."""
    reasons: list[str | None] = [_line_reason(l.strip()) if l.strip() else None for l in lines]
    nonblank = [i for i, l in enumerate(lines) if l.strip()]
    for pos, i in enumerate(nonblank):  # the links under a bare "Related Topics" header
        if reasons[i] in _LINK_HEADERS and not re.search(r"[:|»›>–—-]\s*\S", lines[i]):
            for j in nonblank[pos + 1:]:
                if reasons[j] is None:
                    if _is_sentence(lines[j].strip()) or len(lines[j].split()) > 15:
                        break
                    reasons[j] = reasons[i]
    debris = {i: (lines[i].strip(), (_tail(lines[i]) or ("",))[0]) for i in nonblank
              if reasons[i] in ("photo_credit", "caption", "dateline")}
    copies: dict[str, list[int]] = {}
    for i in nonblank:
        copies.setdefault(lines[i].strip(), []).append(i)
    credit_near = {k for i, r in enumerate(reasons) if r == "photo_credit" for k in (i - 1, i + 1)}
    for i in nonblank:  # captions that repeat
        s = lines[i].strip()
        near = (debris[k] for k in range(i - _CAPTION_WINDOW, i + _CAPTION_WINDOW + 1) if k in debris)
        if reasons[i] is None and 4 <= len(s.split()) <= 40 and (
                any(s != t and (t.startswith(s) or t.endswith(s) or head == s) for t, head in near)
                or (len(copies[s]) > 1 and any(j in credit_near for j in copies[s]))):
            reasons[i] = "caption"
    body_scripts: Counter = Counter()
    for i in nonblank:
        if reasons[i] is None:
            body_scripts.update(_scripts(lines[i]))
    dominant = body_scripts.most_common(1)[0][0] if body_scripts else None
    for i in nonblank:  # short interface strings in another script
        found = _scripts(lines[i])
        if reasons[i] is None and dominant and len(lines[i].split()) <= 12 and found \
                and dominant not in found and set(found) != {"Unknown"}:
            reasons[i] = "foreign_script"
    for i in nonblank:  # a caption on its own line, right above or below a bare credit line
        if reasons[i] == "photo_credit" and _bare_credit(lines[i].strip()):
            beside = [k for k in (i - 1, i + 1) if 0 <= k < len(lines) and lines[k].strip()
                      and reasons[k] is None and _caption_like(lines[k].strip())]
            if beside:
                reasons[min(beside, key=lambda k: len(lines[k].split()))] = "caption"
    for pos, i in enumerate(nonblank):  # the wire sign-off after the last paragraph
        if reasons[i] is None and _is_signoff(lines[i].strip()) and not any(
                reasons[j] is None and len(lines[j].split()) > 25 for j in nonblank[pos + 1:]):
            reasons[i] = "byline"
    sentences = [i for i in nonblank if reasons[i] is None and _ends_sentence(lines[i].strip())]
    ended = False
    for i in (i for i in nonblank if sentences and i > sentences[-1]):  # the page after the body
        if reasons[i] is not None:
            ended = True
        elif ended and len(lines[i].split()) <= 8:
            reasons[i] = "navigation"  # a short non-sentence among the debris after the last paragraph
    return reasons


def _assemble(lines: list[str], reasons: list[str | None]) -> tuple[str, tuple[Removal, ...]]:
    body = "\n\n".join(l.strip() for l, r in zip(lines, reasons) if r is None and l.strip())
    return body, tuple(Removal(i + 1, l, r) for i, (l, r) in enumerate(zip(lines, reasons))
                       if r and l.strip())


def clean_body(text: str) -> tuple[str, tuple[Removal, ...]]:
    """Remove boilerplate lines from text that is already an article body.

    Only the line rules apply (no title, byline or date detection): line-level boilerplate
    removal after Kohlschütter et al. (2010), "Boilerplate detection using shallow text
    features". Returns the body, paragraphs separated by a blank line, and the removed lines.

    >>> body, removed = clean_body("The mayor spoke on Monday.\\nAdvertisement\\nShe left.")
    >>> body
    'The mayor spoke on Monday.\\n\\nShe left.'
    >>> removed
    (Removal(line=2, text='Advertisement', reason='advertisement'),)
    """
    lines = normalise_text(text).split("\n")
    return _assemble(lines, _classify(lines))


# --------------------------------------------------------------------------- page rules
_NAME_WORD = re.compile(r"(?:[^\W\d_][\w'’.-]*|and|&|de|van|von|der|den|da|di|la|le|al|el|bin)$")
_BYLINE = re.compile(r"^(?:By|BY|Written by|Words by|Author:|Авторы?:)\s+(?P<rest>.+)$")
_BYLINE_SPLIT = re.compile(r"\s+[|•·—–]\s+|\s+-\s+")
_NAME_COMMA = re.compile(r"^(?P<name>(?:[^\W\d_][\w'’.-]+\s+){1,2}[^\W\d_][\w'’.-]+),\s+"
                         r"(?P<rest>[^.]{2,60})$")  # "Jane Doe, Outlet" or "Jane Doe, Role"
_NAME_IN = re.compile(r"^(?P<name>[^\W\d_][\w'’.-]*(?:\s+[\w'’.&-]+){1,6}?)\s+in\s+"
                      r"(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})$")  # "Jane Doe in Kyiv"
_ROLES = {"correspondent", "reporter", "editor", "writer", "staff", "contributor", "columnist",
          "chief", "bureau", "producer", "journalist", "analyst", "presenter", "photographer"}
_REPORTING = re.compile(r"[Rr]eporting by (?P<a>[^;,()]+?)(?:\s+in\s+[A-Z][\w -]*)?\s*(?:[;,)]|$)")
_SOURCE = re.compile(r"^Source:\s*(?P<outlet>[^|,.]{2,50})$")
_WIRE = re.compile(r"^(?:[A-Z][A-Z.'’ -]+(?:,\s*[A-Za-z]+\.? \d{1,2})?\s*)?"
                   r"\((?P<outlet>[A-Z][\w&.' -]{1,40})\)\s*[-–—]\s")
_WIRE_LINE = re.compile(r"^[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.'’ -]*)?\s*"  # "BERGEN, Norway (NWS)"
                        r"\((?P<outlet>[A-Z][\w&.' -]{1,40})\)\s*[-–—]?$")
_FOOTER_OUTLET = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+"
                            r"(?P<a>[^.|]{2,60}?)|(?P<b>[^\W\d_][^.|©/]{1,60}?),?\s+\d{4}"
                            r"(?:\s*[-–]\s*\d{4})?)\.?\s*(?:All rights reserved\b.*)?$", re.I)
_AFFILIATES = re.compile(r",?\s+(?:or|and) its (?:affiliated companies|affiliates|subsidiaries)\b.*$")
_COMPANY = re.compile(r",?\s+(?:Ltd|Limited|Inc|LLC|PLC|plc|GmbH|AG|LLP|Pty(?: Ltd)?)\.?$")
_CREDIT_OUTLET = re.compile(r"©\s*(?P<outlet>[^\W\d_][\w&.' -]{1,40}?)\s*(?:/|$)")
_DATE_LABEL = re.compile(r"^(?:(?P<upd>(?:last )?(?:updated|modified)|обновлено)|(?:first )?"
                         r"(?:published|posted)|date|опубликовано)(?: on| at)?\b\s*:?\s*", re.I)
_AGO = re.compile(r"^\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$", re.I)
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?", re.I)  # "10:15 AM"
_DATE_PARTS = re.compile(r"\s+[/|•·]\s+|\s*[()]\s*")


def _name_like(s: str) -> bool:
    words = s.split()
    return 2 <= len(words) <= 10 and words[0][0].isupper() and all(map(_NAME_WORD.match, words)) \
        and all(w[0].isupper() for w in words if len(w) > 3)


def _byline(s: str) -> tuple[str, str | None, datetime.datetime | None] | None:
    """(author, outlet, date) from "By Jane Doe, Outlet | March 3, 2025", else None."""
    m = _BYLINE.match(s)
    if not m or len(s.split()) > 20:
        return None
    first, *others = _BYLINE_SPLIT.split(m["rest"])
    name, _, tail = (p.strip() for p in first.partition(","))
    if " and " in tail:  # "By Jane Doe, John Roe and Ann Lee"
        name, tail = first, ""
    name = _IN_PLACE.sub("", name)  # "By Jane Doe in Kyiv"
    if not _name_like(name):
        return None
    date = next((d for d in map(parse_date, others + [tail]) if d), None)
    role_or_date = _ROLES & set(tail.lower().split()) or parse_date(tail)
    return name, tail if tail and not role_or_date else None, date


def _name_in(s: str) -> str | None:
    """The names of a "Jane Doe in Kyiv" byline, else None."""
    m = _NAME_IN.match(s)
    return m["name"] if m and len(s.split()) <= 12 and _name_like(m["name"]) else None


def _bare_name(s: str) -> bool:
    """A line that is only a name, "Jane Doe" (two to four capitalised words)."""
    return len(s.split()) <= 4 and _name_like(s) and not re.search(r"[\d.,:;!?()\"“”]", s)


def _date_part(s: str) -> tuple[bool, datetime.datetime | None, bool]:
    """(is a date line, its date, is not an "Updated" date) for one part of a header line."""
    if len(s.split()) > 12:
        return False, None, False
    label, found = _DATE_LABEL.match(s), _find_date(s)
    rest = s[label.end():] if label else s
    if (label and (not rest or found or _AGO.match(rest) or _CLOCK.fullmatch(rest))) \
            or _AGO.match(s) or (found and (found[2] - found[1]) * 2 >= len(s)):
        return True, found[0] if found else None, not (label and label["upd"])
    return False, None, False


def _header_date(s: str) -> tuple[bool, datetime.datetime | None, bool]:
    """(is a date line, its date, is not an "Updated" date) for a short header line.

    A line of parts ("May 22, 2025 / 12:41 PM / Updated 4 hours ago", "Published: ... | Updated:
    ...", "18.02.2025 14:03 (updated: ...)") is a date line when every part is a date, a clock
    time or an "Updated" label; its date is read from the parts that are not "Updated" ones.
    """
    parts = [p.strip() for p in _DATE_PARTS.split(s) if p.strip()]
    if 1 < len(parts) and len(s.split()) <= 30 and not all(_CLOCK.fullmatch(p) for p in parts):
        judged = [(True, None, True) if _CLOCK.fullmatch(p) else _date_part(p) for p in parts]
        if all(is_date for is_date, _, _ in judged):
            found = _find_date(" ".join(p for p, (_, _, primary) in zip(parts, judged) if primary))
            if found:
                return True, found[0], True
            found = _find_date(" ".join(parts))
            return True, found[0] if found else None, False
    return _date_part(s)


def _title_like(s: str) -> bool:
    return 3 <= len(s.split()) <= 30 and not re.search(r"(?<!\.\.)[.,;]$", s)


def _header_line(s: str) -> bool:
    """A byline ("By Jane Doe", "Jane Doe, Outlet", "Jane Doe in Kyiv") or a date line."""
    return bool(_byline(s) or _NAME_COMMA.match(s) or _name_in(s) or _header_date(s)[0])


def _next_unclassified(lines: list[str], reasons: list[str | None], i: int) -> str:
    return next((lines[j].strip() for j in range(i + 1, len(lines))
                 if lines[j].strip() and reasons[j] is None), "")


def _opens_article(lines: list[str], reasons: list[str | None], i: int) -> bool:
    """Whether the next unclassified line after ``i`` is a byline, a date or a sentence."""
    nxt = _next_unclassified(lines, reasons, i)
    return not nxt or _is_sentence(nxt) or _header_line(nxt)


def _mark_topic_box(lines: list[str], reasons: list[str | None], nonblank: list[int]) -> None:
    """A bare dateline at the top (under menu items at most) opens a related-topic box when the
    article's own dateline follows. The box runs to the article's title: the last title-like
    line before the article's header (a date line, byline, photo credit or caption dateline)."""
    for pos, i in enumerate(nonblank):
        s = lines[i].strip()
        if reasons[i] == "dateline":
            break
        if reasons[i] is None and (len(s.split()) > 4 or _ends_sentence(s)):
            return  # the page has started: not a box at the top
    else:
        return
    top, rest = _tail(lines[i]), nonblank[pos + 1:]
    later = [_tail(lines[j]) for j in rest if reasons[j] == "dateline"]
    if not top or top[0] or not any(t and (t[0] or t[2] != top[2]) for t in later):
        return
    reasons[i] = "topic_box"
    header = next((j for j in rest if reasons[j] in ("dateline", "photo_credit", "caption")
                   or (reasons[j] is None and _header_line(lines[j].strip()))), None)
    titles = [j for j in rest if header is not None and j < header and reasons[j] is None
              and _title_like(lines[j].strip())]
    if titles:
        box = [j for j in rest if j < titles[-1] and reasons[j] is None]
    else:  # the topic title and the blurb sentences right under it
        box = [j for j in rest if reasons[j] is None][:1]
        box = box if box and _title_like(lines[box[0]].strip()) else []
        if box:
            j = box[0] + 1
            while j < len(lines) and lines[j].strip() and reasons[j] is None \
                    and not _title_like(lines[j].strip()):
                box.append(j)
                j += 1
    for j in box:
        reasons[j] = "topic_box"


class _Meta:
    """Metadata candidates by strength (0 = strongest)."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.author: str | None = None
        #: 0 header, 1 caption dateline, 2 footer, 3 byline or "Source:", 4 masthead, 5 wire, 6 ©
        self.outlets: dict[int, str] = {}
        self.dates: dict[int, datetime.datetime] = {}  # 0 caption, 1 published, 2 updated, 3 byline

    def byline(self, author: str, outlet: str | None, date: datetime.datetime | None) -> None:
        self.author = self.author or author
        if outlet:
            self.outlets.setdefault(3, outlet)
        if date:
            self.dates.setdefault(3, date)

    def date_line(self, date: datetime.datetime | None, primary: bool) -> None:
        if date:
            self.dates.setdefault(1 if primary else 2, date)


def _scan_header(lines: list[str], reasons: list[str | None], nonblank: list[int], meta: _Meta) -> None:
    """Mark header lines (masthead, title, standfirst, bylines, dates, menu items) until the body
    clearly starts."""
    loose, previous, standfirst, first = 0, None, [], True
    for i in nonblank:
        s, parts = lines[i].strip(), re.split(r"\s+\|\s+", lines[i].strip())
        is_date, date, primary = _header_date(s)
        if reasons[i] == "navigation" and is_date:  # "May 22, 2025 / 12:41 PM" looks like a breadcrumb
            reasons[i] = "dateline"
            meta.date_line(date, primary)
        elif reasons[i] is not None:
            previous = reasons[i]
            continue
        elif is_date:
            reasons[i] = "dateline"
            meta.date_line(date, primary)
        elif meta.title is None and len(parts) == 2 and previous in (None, "navigation", "cookie_banner"):
            if len(parts[0].split()) <= 5 and len(parts[1].split()) <= 5:  # "Outlet | Section"
                reasons[i], meta.outlets[0] = "navigation", parts[0]
            elif len(parts[1].split()) <= 5:  # "Headline | Outlet"
                reasons[i], meta.title, meta.outlets[0] = "title", parts[0], parts[1]
        if reasons[i] is None and (found := _byline(s)):
            reasons[i] = "byline"
            meta.byline(*found)
        elif reasons[i] is None and meta.title is None:
            short = len(s.split()) <= 3 and not re.search(r"[.?!:]", s)
            if short and not _opens_article(lines, reasons, i):
                reasons[i] = "navigation"  # a menu item or the site's name above the headline
                if first and 2 <= len(s.split()) and (_name_like(s) or s.isupper()):
                    meta.outlets.setdefault(4, s)  # the masthead: the page's first line
            elif short or _title_like(s):
                reasons[i], meta.title = "title", s
            else:
                break  # the page starts with a sentence: no title
        elif reasons[i] is None:
            named, n = _NAME_COMMA.match(s), len(s.split())
            nxt = _next_unclassified(lines, reasons, i)
            if m := _WIRE_LINE.match(s):
                reasons[i] = "dateline"  # "BERGEN, Norway (NWS)" on its own line
                meta.outlets.setdefault(5, m["outlet"].strip())
            elif previous == "byline" and n <= 6 and not re.search(r"[.?!]$", s):
                reasons[i] = "byline"  # "Eastern Europe reporter" under "By Jane Doe"
            elif named and n <= 10 and _name_like(named["name"]):
                reasons[i] = "byline"
                is_role = _ROLES & set(named["rest"].lower().split())
                meta.byline(named["name"], None if is_role else named["rest"].strip(), None)
            elif name := _name_in(s):
                reasons[i] = "byline"
                meta.byline(name, None, None)
            elif meta.author is None and _bare_name(s) and not (
                    _byline(nxt) or _NAME_COMMA.match(nxt) or _name_in(nxt)) and (
                    previous in ("dateline", "photo_credit", "caption") or _header_date(nxt)[0]):
                reasons[i] = "byline"  # the author's name alone, next to the dateline or photo
                meta.byline(s, None, None)
            elif s == meta.title:
                reasons[i] = "title"  # the headline repeated
            elif n > 60 or loose >= 2 or (_is_sentence(s) and (n > 35 or not _header_line(nxt))):
                break  # the body has started
            else:
                loose += 1
                standfirst.append(i)  # a standfirst if a byline or date line follows
        if reasons[i] in ("byline", "dateline") and meta.title is not None:
            for j in standfirst:
                reasons[j] = "standfirst"
            standfirst = []
        first = False
        previous = reasons[i]


def _outlet_name(name: str, text: str) -> str:
    """Drop company suffixes ("Ltd"); give an all-caps masthead the casing it has elsewhere."""
    name = _COMPANY.sub("", _AFFILIATES.sub("", name.strip())).strip()
    if name.isupper():
        rx = re.compile(r"\b" + r"[ \t]+".join(map(re.escape, name.split())) + r"\b", re.I)
        name = next((m.group() for m in rx.finditer(text)
                     if m.group()[0].isupper() and not m.group().isupper()), name)
    return name


def clean_page(raw: str, *, source: str | None = None) -> CleanedPage:
    """Clean a raw scraped page: normalise, remove debris, read title, outlet, date and author.

    The rules are listed in the module docstring; every non-blank line that is not in the body
    is in ``removed``. ``source`` (the file name) only appears in warnings.

    >>> page = clean_page("Home > News > Local\\nBridge reopens after repairs\\nBy Jane Doe\\n"
    ...                   "Published 4 March 2025\\nThe bridge reopened on Tuesday.\\n"
    ...                   "© 2025 Example Gazette. All rights reserved.")
    >>> page.title, page.outlet, page.date, page.author
    ('Bridge reopens after repairs', 'Example Gazette', datetime.datetime(2025, 3, 4, 0, 0), 'Jane Doe')
    >>> page.text, [r.reason for r in page.removed]
    ('The bridge reopened on Tuesday.', ['navigation', 'title', 'byline', 'dateline', 'footer'])
    """
    text = normalise_text(raw)
    lines = text.split("\n")
    reasons = _classify(lines)
    nonblank = [i for i, l in enumerate(lines) if l.strip()]
    _mark_topic_box(lines, reasons, nonblank)
    meta = _Meta()
    for i in nonblank:
        if reasons[i] == "dateline" and (t := _tail(lines[i])):
            meta.outlets.setdefault(1, t[1])
            meta.dates.setdefault(0, t[2])
        elif reasons[i] == "photo_credit" and (m := _CREDIT_OUTLET.search(lines[i])) \
                and not re.fullmatch(_AGENCIES, m["outlet"].strip()):
            meta.outlets.setdefault(6, m["outlet"].strip())
    _scan_header(lines, reasons, nonblank, meta)
    for i in [i for i in nonblank if reasons[i] is None]:
        if lines[i].strip() == meta.title:
            reasons[i] = "title"  # the headline repeated above the body
    for i in nonblank:  # the wire sign-off (a line rule) names the author when no byline did
        if reasons[i] == "byline" and _is_signoff(lines[i].strip()) and (m := _REPORTING.search(lines[i])):
            meta.byline(m["a"].strip(), None, None)
    kept = [i for i in nonblank if reasons[i] is None]
    for i in (i for i in nonblank if reasons[i] == "footer" and (not kept or i > kept[-1])):
        first_part = re.split(r"\s+\|\s+", lines[i].strip())[0]  # "© 2025 Outlet Ltd. | Privacy"
        if m := _FOOTER_OUTLET.match(re.sub(r"\b(Ltd|Inc|Corp|Co|Pty)\.", r"\1", first_part)):
            meta.outlets.setdefault(2, (m["a"] or m["b"]).strip())  # the copyright line at the foot
    for i in kept[-3:]:
        if m := _SOURCE.match(lines[i].strip()):
            reasons[i] = "byline"
            meta.outlets.setdefault(3, m["outlet"].strip())
    kept = [i for i in nonblank if reasons[i] is None]
    if kept and (m := _WIRE.match(lines[kept[0]].strip())):
        meta.outlets.setdefault(5, m["outlet"].strip())
    body, removed = _assemble(lines, reasons)
    if not body:
        warnings.warn(f"{source or '<page>'}: no body text left after cleaning", stacklevel=2)
    outlet = _outlet_name(meta.outlets[min(meta.outlets)], text) if meta.outlets else None
    return CleanedPage(body, meta.title, outlet, meta.dates[min(meta.dates)] if meta.dates else None,
                       meta.author, removed)
