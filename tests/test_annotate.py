"""The annotated-article view: the span-to-HTML algorithm (overlaps, edges, paragraphs),
escaping of everything from the article, the page objects, the command and a real browser."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.annotate import AnnotatedArticle, annotate, annotate_many, render_text
from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"
CHROMIUM = Path("/usr/bin/chromium")


def spans_of(rows: list[tuple[int, int, str]], text: str) -> pd.DataFrame:
    return pd.DataFrame({"start": [r[0] for r in rows], "end": [r[1] for r in rows],
                         "text": [text[r[0]:r[1]] for r in rows], "category": [r[2] for r in rows]},
                        columns=["start", "end", "text", "category"])


def compact(markup: str) -> str:
    """``<mark ... data-span="3" ...>`` -> ``<3>`` (``<3+>`` for a continuation), ``</mark>`` -> ``</>``."""
    def tag(m: re.Match[str]) -> str:
        k = re.search(r'data-span="(\d+)"', m.group(0)).group(1)
        return f"<{k}+>" if "fr-cont" in m.group(0) else f"<{k}>"
    out = re.sub(r"<mark [^>]*>", tag, markup)
    return out.replace("</mark>", "</>").replace("\n", "")


# ----------------------------------------------------------------------------- the algorithm

CASES = [
    # (text, spans, expected) ; spans are (start, end, category), numbered in table order
    ("big bad wolf", [], "<p>big bad wolf</p>"),
    ("big bad wolf", [(4, 7, "loaded")], "<p>big <0>bad</> wolf</p>"),
    # a loaded word inside a label phrase: nested
    ("big bad wolf", [(0, 7, "label"), (4, 7, "loaded")], "<p><0>big <1>bad</></> wolf</p>"),
    ("big bad wolf", [(4, 7, "loaded"), (0, 7, "label")], "<p><1>big <0>bad</></> wolf</p>"),
    # same characters: the label outside the loaded word, whatever the table order
    ("big bad wolf", [(4, 7, "label"), (4, 7, "loaded")], "<p>big <0><1>bad</></> wolf</p>"),
    ("big bad wolf", [(4, 7, "loaded"), (4, 7, "label")], "<p>big <1><0>bad</></> wolf</p>"),
    # crossing spans: the inner one is closed and continued
    ("big bad wolf", [(0, 7, "loaded"), (4, 12, "label")], "<p><0>big <1>bad</></><1+> wolf</></p>"),
    ("big bad wolf", [(4, 12, "label"), (0, 7, "loaded")], "<p><1>big <0>bad</></><0+> wolf</></p>"),
    # adjacent and touching
    ("big bad wolf", [(0, 3, "loaded"), (4, 7, "loaded")], "<p><0>big</> <1>bad</> wolf</p>"),
    ("bigbad wolf", [(0, 3, "loaded"), (3, 6, "label")], "<p><0>big</><1>bad</> wolf</p>"),
    # at the edges of the text
    ("bad wolf", [(0, 3, "loaded"), (4, 8, "naming")], "<p><0>bad</> <1>wolf</></p>"),
    ("wolf", [(0, 4, "loaded")], "<p><0>wolf</></p>"),
    # three levels, one of them crossing
    ("a b c d", [(0, 7, "label"), (2, 5, "loaded"), (4, 7, "hedge")],
     "<p><0>a <1>b <2>c</></><2+> d</></></p>"),
    # paragraphs: each line a <p>; a span over a line break goes on in the next paragraph
    ("One bad.\n\nTwo sad.", [(4, 7, "loaded")], "<p>One <0>bad</>.</p><p>Two sad.</p>"),
    ("a bad\nday", [(2, 9, "label")], "<p>a <0>bad</></p><p><0+>day</></p>"),
    ("  padded  \n", [(2, 8, "loaded")], "<p><0>padded</></p>"),
    # escaping, and a span over markup-like text
    ("a <b> & c", [(2, 5, "loaded")], "<p>a <0>&lt;b&gt;</> &amp; c</p>"),
    ('say "x" & \'y\'', [], "<p>say \"x\" &amp; 'y'</p>"),
    # empty text, blank text
    ("", [], '<p class="fr-empty">(no text)</p>'),
    (" \n\n ", [], '<p class="fr-empty">(no text)</p>'),
]


@pytest.mark.parametrize("text,rows,expected", CASES)
def test_render_table(text, rows, expected):
    out = render_text(text, spans_of(rows, text), voice=False, tooltips=False)
    assert compact(out) == expected


def test_render_out_of_range_spans_are_skipped():
    text = "big bad wolf"
    s = pd.DataFrame({"start": [4, 20, 5], "end": [7, 25, 5], "category": ["loaded"] * 3})
    assert compact(render_text(text, s, voice=False, tooltips=False)) == "<p>big <0>bad</> wolf</p>"


def test_render_marks_carry_category_entry_and_focus():
    text = "Kiev is big."
    s = pd.DataFrame({"start": [0], "end": [4], "text": ["Kiev"], "lexicon": ["naming"],
                      "category": ["naming"], "subcategory": ["kyiv_kiev"], "entry": ["kiev"],
                      "voice": ["narrator"]})
    out = render_text(text, s, voice=False, tooltips=False)
    for frag in ('class="fr-hl fr-cat-naming"', 'data-category="naming"', 'data-subcategory="kyiv_kiev"',
                 'data-entry="kiev"', 'data-voice="narrator"', 'tabindex="0"'):
        assert frag in out


def test_render_shades_quoted_voice_around_marks():
    text = 'Kiev said "Donbas is ours" today.'
    s = spans_of([(11, 17, "naming")], text)
    out = compact(render_text(text, s, tooltips=False))
    assert out == ('<p>Kiev said <span class="fr-voice-quoted" data-voice="quoted">"<0>Donbas</> is ours"'
                   "</span> today.</p>")


class _Checker(HTMLParser):
    """Collects start tags and the text outside tooltips; fails on unbalanced markup."""

    VOID = {"br", "meta", "img", "input", "link", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.tip_depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if self.tip_depth or "fr-tip" in (dict(attrs).get("class") or "").split():
            self.tip_depth += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if self.tip_depth:
            self.tip_depth -= 1

    def handle_data(self, data):
        if not self.tip_depth:
            self.text.append(data)


def check(markup: str) -> _Checker:
    c = _Checker()
    c.feed(markup)
    c.close()
    assert c.stack == []
    return c


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab <&\"'\n", min_size=0, max_size=30).flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.tuples(
        st.integers(0, max(len(t), 1)), st.integers(0, max(len(t), 1)),
        st.sampled_from(["loaded", "label", "naming", "attribution", "scare_quote", "mine"])), max_size=6))))
def test_render_any_spans_is_well_formed_and_keeps_the_text(case):
    text, raw = case
    rows = [(min(a, b), max(a, b), c) for a, b, c in raw if min(a, b) < max(a, b) <= len(text)]
    out = render_text(text, spans_of(rows, text))
    c = check(out)
    paragraphs = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert "".join(c.text).replace("\n", "") == ("".join(paragraphs) if paragraphs else "(no text)")
    heads = [a for t, a in c.tags if t == "mark" and "fr-cont" not in a["class"].split()]
    # every span with a character inside a paragraph has exactly one head element
    assert sorted(int(a["data-span"]) for a in heads) == [
        i for i, r in enumerate(rows) if _has_line_char(text, r)]


def _has_line_char(text: str, r: tuple[int, int, str]) -> bool:
    from framing.text import paragraph_spans

    return any(max(r[0], s) < min(r[1], e) for s, e in paragraph_spans(text))


# ----------------------------------------------------------------------------- escaping

EVIL_TEXT = ('Officials said the plan was cruel. <script>window.__pwned = 1; alert(1)</script>\n\n'
             '"It is <img src=x onerror="window.__pwned=2"> a disaster & a \'scandal\'," the minister said.\n\n'
             'The "reform" <svg onload=window.__pwned=3></svg> passed </p></mark></article> anyway.')
EVIL = pd.Series({"text": EVIL_TEXT, "title": "<script>window.__pwned=4</script> Q&A \"now\"",
                  "outlet": "<b onmouseover=alert(1)>Evil & Co</b>", "date": pd.Timestamp("2024-01-02"),
                  "url": "javascript:window.__pwned=5"}, name="evil<1>")

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "article", "header", "h1", "h2",
                "h3", "h4", "p", "div", "aside", "section", "table", "caption", "thead", "tbody", "tr",
                "th", "td", "ul", "ol", "li", "span", "mark", "b", "i", "a", "footer", "nav"}


def assert_inert(page: str) -> _Checker:
    c = check(page.split("<!DOCTYPE html>", 1)[-1])
    names = {t for t, _ in c.tags}
    assert names <= ALLOWED_TAGS, names - ALLOWED_TAGS
    for tag, attrs in c.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        if tag == "a":
            assert re.match(r"^(#|https?://)", attrs["href"]), attrs
    low = page.lower()
    assert "<script" not in low and "<img" not in low and "<svg" not in low
    return c


def test_escaping_article_markup_shows_as_text():
    page = annotate(EVIL).html()
    c = assert_inert(page)
    text = "".join(c.text)
    for shown in ("<script>window.__pwned = 1; alert(1)</script>", '<img src=x onerror="window.__pwned=2">',
                  "a disaster & a 'scandal',", "</p></mark></article>", "<b onmouseover=alert(1)>Evil & Co</b>",
                  '<script>window.__pwned=4</script> Q&A "now"', "javascript:window.__pwned=5"):
        assert shown in text, shown
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page
    assert 'data-doc-id="evil&lt;1&gt;"' in page
    assert "<title>&lt;script&gt;" in page
    assert 'href="javascript' not in page


def test_escaping_fragment_and_many():
    assert_inert(annotate(EVIL)._repr_html_())
    assert_inert(annotate_many(pd.DataFrame([EVIL, EVIL.rename("two")])).html())


def test_http_urls_are_linked_others_not():
    art = EVIL.copy()
    art["url"] = 'https://example.org/a?b=1&c="x"'
    page = annotate(art).html()
    assert 'href="https://example.org/a?b=1&amp;c=&quot;x&quot;"' in page
    for bad in ("data:text/html,<b>x</b>", "ftp://example.org/x", "//example.org/x", "java\nscript:x"):
        art["url"] = bad
        page = annotate(art).html()
        assert_inert(page)
        assert "fr-meta\"><a" not in page.replace("Evil &amp; Co", "")


def test_speaker_names_and_notes_are_escaped():
    text = '"We won," <Boss> said.'
    s = pd.DataFrame({"start": [17], "end": [21], "text": ["said"], "lexicon": ["attribution"],
                      "category": ["attribution"], "subcategory": ["neutral"], "entry": ["said"],
                      "voice": ["narrator"]})
    q = pd.DataFrame({"kind": ["direct"], "speaker": ["<Boss>"], "speaker_start": [10], "speaker_end": [16],
                      "cue": ["said"], "cue_start": [17], "cue_end": [21], "stance": ["neutral"],
                      "speaker_name": ['<img src=x onerror=alert(1)>'], "field": ["text"]})
    page = annotate(text, spans=s, quotes=q).html()
    assert_inert(page)
    assert "&lt;img src=x onerror=alert(1)&gt;</a>" in page


# ----------------------------------------------------------------------------- the page

@pytest.fixture(scope="module")
def seed():
    articles = framing.load_articles(SEEDS)
    return articles.iloc[0]


@pytest.fixture(scope="module")
def seed_page(seed):
    return annotate(seed)


def test_seed_page_has_one_head_per_span(seed_page):
    page = seed_page.html()
    heads = re.findall(r'<mark class="fr-hl [^"]*" data-category="([^"]*)"', page)
    assert len(heads) == len(seed_page.spans) > 40
    assert pd.Series(heads).value_counts().to_dict() == seed_page.spans["category"].value_counts().to_dict()
    check(page.split("<!DOCTYPE html>", 1)[1])


def test_seed_page_explains_with_the_lexicon_notes(seed_page):
    page = seed_page.html()
    label = framing.load_lexicon("label")
    entry = next(e for e in label if e.pattern == "self-declared")
    assert html.escape(entry.note) in page
    assert f"Neutral alternative: <i>{html.escape(entry.extra['alternative'])}</i>" in page
    assert "Competing name: <i>kyiv</i>" in page  # the naming alternative of 'Kiev'
    assert "Scare quotes" in page and "In quoted voice" in page


def test_seed_page_links_cues_to_speakers(seed_page):
    page = seed_page.html()
    cue = re.search(r'<mark class="fr-hl fr-cat-attribution fr-cue fr-stance-distancing"[^>]*>', page).group(0)
    assert 'data-entry="continued to claim"' in cue and 'data-stance="distancing"' in cue
    described = re.search(r'aria-describedby="([^"]*)"', cue).group(1).split()
    speaker_id = described[1]
    assert re.search(rf'<span class="fr-speaker" data-quote="[^"]*" id="{speaker_id}">the North Atlantic alliance',
                     page)
    assert f'Speaker: <a href="#{speaker_id}">North Atlantic alliance</a>' in page
    qid = re.search(r'data-quote="([^"]*)"', cue).group(1)
    assert f'.fr-cue[data-quote~="{qid}"]:is(:hover,:focus)' in page


def test_seed_page_summary_and_legend(seed, seed_page):
    page = seed_page.html()
    rates = framing.score(seed.to_frame().T.rename_axis("doc_id")).iloc[0]
    assert f"{rates['loaded_per_1k']:.1f}" in page
    assert "corpus median" not in page
    assert re.search(r'fr-cat-loaded"[^>]*>Loaded word</span> <b class="fr-count">12</b>', page)
    corpus = framing.score(framing.load_articles(SAMPLE))
    with_corpus = annotate(seed, corpus=corpus).html()
    assert "<th scope=\"col\">corpus median</th>" in with_corpus
    assert f"<td>{corpus['loaded_per_1k'].median():.1f}</td>" in with_corpus
    assert f"corpus median over {len(corpus)} articles" in with_corpus


def test_repr_html_is_a_fragment_and_save_writes_a_page(seed_page, tmp_path):
    frag = seed_page._repr_html_()
    assert "<html" not in frag and "<!DOCTYPE" not in frag and "<style>" in frag
    assert frag.startswith('<div class="fr-root">')
    path = seed_page.save(tmp_path / "seed.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Content-Security-Policy" in page and "@media print" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page.replace(
        'href="https://', ""))  # nothing loaded from outside
    assert "<script" not in page and "@import" not in page and "url(" not in page


def test_given_spans_of_a_corpus_are_filtered_and_checked(seed):
    articles = framing.load_articles([SEEDS, SAMPLE])
    spans = framing.find_spans(articles)
    quotes = framing.quotes(articles)
    a = annotate(articles.loc[seed.name], spans=spans, quotes=quotes, rates=False)
    assert len(a.spans) == int((spans["doc_id"] == seed.name).sum())
    assert a.rates is None and "Summary" not in a.html()
    other = articles.index[-1]
    with pytest.raises(ValueError, match="do not fit"):
        annotate(articles.loc[seed.name], spans=spans[spans["doc_id"] == other].assign(doc_id=seed.name))
    with pytest.raises(ValueError, match="one article"):
        annotate(articles)
    with pytest.raises(TypeError):
        annotate(42)


def test_annotate_text_and_many():
    a = annotate("A cruel plan.\nOfficials said so.")
    assert isinstance(a, AnnotatedArticle) and a.counts() == {"anonymous_source": 1, "attribution": 1, "loaded": 1}
    assert a.html().count("<p>") == 2
    c = annotate_many(framing.load_articles(SAMPLE).head(3), title="Three")
    page = c.html()
    assert page.count('<article class="fr-doc"') == 3 and '<nav class="fr-index"' in page
    ids = re.findall(r'<article class="fr-doc" id="([^"]+)"', page)
    assert len(set(ids)) == 3 and all(f'href="#{i}"' in page for i in ids)
    all_ids = re.findall(r' id="([^"]+)"', page)
    assert len(all_ids) == len(set(all_ids))
    empty = annotate("")
    assert '<p class="fr-empty">(no text)</p>' in empty.html() and empty.counts() == {}


# ----------------------------------------------------------------------------- the command

def test_cli_writes_one_page(tmp_path, capsys):
    out = tmp_path / "seed.html"
    assert main(["annotate", str(SEEDS), "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('<article class="fr-doc"') == 1


def test_cli_writes_a_folder_and_a_combined_page(tmp_path, capsys):
    d = tmp_path / "pages"
    assert main(["annotate", str(SAMPLE), "-o", str(d), "--limit", "3", "-q"]) == 0
    names = sorted(p.name for p in d.iterdir())
    assert len(names) == 4 and "index.html" in names
    assert "corpus median" in (d / names[0]).read_text(encoding="utf-8")
    one = tmp_path / "all.html"
    assert main(["annotate", str(SAMPLE), "-o", str(one), "--limit", "2"]) == 0
    assert one.read_text(encoding="utf-8").count('<article class="fr-doc"') == 2
    assert "2 articles annotated" in capsys.readouterr().err


def test_cli_stdout_and_corpus_table(tmp_path, capsys):
    feats = tmp_path / "features.csv"
    assert main(["features", str(SAMPLE), "-o", str(feats), "-q"]) == 0
    assert main(["annotate", str(SEEDS), "--corpus", str(feats), "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "corpus median over 35 articles" in out


@pytest.mark.parametrize("args,status,message", [
    (["--limit", "0"], 2, "--limit must be at least 1"),
    (["--corpus", "no/such.csv"], 1, "--corpus no/such.csv: no such file"),
    (["--corpus", str(SAMPLE)], 1, "no *_per_1k columns"),
    (["--lexicon", "no_such_lexicon"], 1, "no_such_lexicon"),
])
def test_cli_errors_are_one_line(args, status, message, capsys):
    if status == 2:
        with pytest.raises(SystemExit) as exc:
            main(["annotate", str(SEEDS), *args])
        assert exc.value.code == 2
    else:
        assert main(["annotate", str(SEEDS), "-q", *args]) == status
    err = capsys.readouterr().err.strip().splitlines()
    assert message in err[-1] and err[-1].startswith("framing: error:")


def test_cli_output_is_a_file_not_a_folder(tmp_path, capsys):
    f = tmp_path / "x.txt"
    f.write_text("x")
    assert main(["annotate", str(SEEDS), "-q", "-o", str(f)]) == 1
    assert capsys.readouterr().err.strip().count("\n") == 0
    assert main(["annotate", "no/such/dir", "-q", "-o", str(tmp_path / "o.html")]) == 1


# ----------------------------------------------------------------------------- a real browser

def _browser():
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (Debian package `chromium`; .ci/run installs it "
                    "when apt works)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install 'framing[browser]')")
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def test_browser_seed_page(browser, seed_page, tmp_path):
    path = seed_page.save(tmp_path / "seed.html")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    # Tab reaches the highlights in text order
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.entry") == seed_page.spans["entry"].iloc[1]
    heads = page.locator("mark.fr-hl:not(.fr-cont)")
    assert heads.count() == len(seed_page.spans)
    by_cat = page.evaluate("""() => { const n = {};
        for (const m of document.querySelectorAll('mark.fr-hl:not(.fr-cont)'))
            n[m.dataset.category] = (n[m.dataset.category] || 0) + 1; return n; }""")
    assert by_cat == seed_page.spans["category"].value_counts().to_dict()
    # a tooltip: hidden, then shown on keyboard focus with the entry's note
    mark = page.locator('mark[data-entry="provocat*"]').first
    tip = mark.locator(":scope > .fr-tip")
    assert not tip.is_visible()
    mark.focus()
    assert tip.is_visible()
    note = next(e for e in framing.load_lexicon("loaded") if e.pattern == "provocat*").note
    assert note in tip.inner_text()
    # focusing a cue lights up its speaker
    cue = page.locator('mark.fr-cue[data-entry="continued to claim"]').first
    speaker_id = cue.get_attribute("aria-describedby").split()[1]
    before = page.evaluate(f"getComputedStyle(document.getElementById('{speaker_id}')).backgroundColor")
    cue.focus()
    after = page.evaluate(f"getComputedStyle(document.getElementById('{speaker_id}')).backgroundColor")
    assert before != after == "rgb(255, 242, 168)"
    page.screenshot(path=str(tmp_path / "seed.png"))
    assert (tmp_path / "seed.png").stat().st_size > 10_000
    assert errors == []
    page.close()


@pytest.mark.parametrize("kind", ["page", "fragment"])
def test_browser_injected_markup_never_runs(browser, tmp_path, kind):
    a = annotate(EVIL)
    if kind == "page":
        markup = a.html()
    else:  # the notebook fragment in a page without the Content-Security-Policy
        markup = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{a._repr_html_()}</body></html>"
    path = tmp_path / f"evil-{kind}.html"
    path.write_text(markup, encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    page.locator("mark.fr-hl").first.hover()
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script, img, svg, iframe').length") == 0
    assert "<script>window.__pwned = 1; alert(1)</script>" in page.locator(".fr-text").inner_text()
    page.screenshot(path=str(tmp_path / f"evil-{kind}.png"))
    page.close()


# ----------------------------------------------------------------------------- frame layer (issue 9)

FRAME_TEXT = 'Police arrested a burglar. "The economy lost jobs," the mayor said.'


def test_frame_layer_is_off_by_default_and_toggled_without_script():
    page = annotate(FRAME_TEXT, frames=True).html()
    assert "<script" not in page.lower()
    box = re.search(r'<input type="checkbox" class="fr-frames-toggle" id="([^"]+)">', page)
    assert box and " checked" not in box.group(0)                       # off until ticked
    assert f'<label for="{box.group(1)}">Show frame cues (5)</label>' in page
    marks = re.findall(r'<mark [^>]*fr-cat-frame[^>]*>', page)
    assert len(marks) == 5
    assert all('tabindex="-1"' in m for m in marks if "fr-cont" not in m)   # not Tab stops
    # hidden unless the checkbox is checked: the CSS says so, with no script
    assert ".fr-hl.fr-cat-frame{background:none;text-decoration:none" in page
    assert ".fr-doc:has(.fr-frames-toggle:checked) .fr-hl.fr-cat-frame" in page
    assert ".fr-doc:not(:has(.fr-frames-toggle:checked)) .fr-hl.fr-cat-frame>.fr-tip{display:none!important}" in page
    assert "crime and punishment</span> <b class=\"fr-count\">3</b>" in page
    assert "Dominant frame: crime and punishment" in page


def test_no_frame_layer_unless_asked():
    page = annotate(FRAME_TEXT).html()
    assert 'class="fr-frames-toggle"' not in page and "fr-cat-frame" not in page.split("</style>")[-1]
    assert "frame" not in annotate(FRAME_TEXT).counts()
    assert annotate(FRAME_TEXT, frames=True).counts()["frame"] == 5


def test_frame_layer_in_collections_has_one_switch_per_article():
    c = annotate_many([FRAME_TEXT, "The cat slept."], frames=True)
    page = c.html()
    ids = re.findall(r'class="fr-frames-toggle" id="([^"]+)"', page)
    assert len(ids) == 1 and len(set(ids)) == 1          # the second article has no frame cue
    assert "<script" not in page.lower()


def test_frame_layer_toggles_in_a_browser_with_the_keyboard(browser, tmp_path):
    path = tmp_path / "frames.html"
    annotate(FRAME_TEXT, frames=True).save(path)
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state()
    shadow = "e => getComputedStyle(e).boxShadow"
    assert page.eval_on_selector("mark.fr-cat-frame", shadow) == "none"      # hidden by default
    for _ in range(40):                                                        # Tab to the switch
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fr-frames-toggle')"):
            break
    else:
        pytest.fail("the frame switch cannot be reached with Tab")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.fr-frames-toggle').checked", timeout=10_000)
    page.wait_for_function("getComputedStyle(document.querySelector('mark.fr-cat-frame')).boxShadow"
                           " !== 'none'", timeout=10_000)
    page.close()
