"""Paragraphs, sentences, quotations, voice and scare quotes (framing.text).

Tables of input and expected output, negative cases included; the seed article; a property
test on arbitrary text. No test needs the network or ../shared.
"""

from __future__ import annotations

import doctest
import re
from importlib import resources

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
import framing.text
from framing.text import (
    QuoteSpans,
    load_abbreviations,
    paragraph_spans,
    quote_spans,
    scare_quotes,
    sentence_spans,
    voice_mask,
)

SEED = framing.config.seeds_dir() / "000_9ed0db76b1e14429.txt"


def texts(text: str, spans: np.ndarray) -> list[str]:
    return [text[s:e] for s, e in spans.tolist()]


def cues_for(text: str, words: list[str]) -> np.ndarray:
    """Spans of each cue word (every occurrence, whole words), as the attribution match gives them."""
    spans = [m.span() for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", text)]
    return np.array(sorted(spans), dtype=np.int64).reshape(-1, 2)


# ----------------------------------------------------------------------------- paragraphs

PARAGRAPHS = [
    ("A\n\nB", ["A", "B"]),
    ("  A  \r\n\r\n\tB\t", ["A", "B"]),
    ("One line only", ["One line only"]),
    ("A\nB\nC", ["A", "B", "C"]),  # a line is a paragraph
    ("A\u2028B\u2029C", ["A", "B", "C"]),
    ("A\x0cB\x85C\x0bD", ["A", "B", "C", "D"]),
    ("A\u00a0\n\u00a0B", ["A", "B"]),  # NBSP is whitespace, not text
    ("\n\n", []),
    ("", []),
    (" \t \u00a0 ", []),
    ("Inner  spaces\tstay", ["Inner  spaces\tstay"]),
]


@pytest.mark.parametrize("text, expected", PARAGRAPHS)
def test_paragraph_spans(text, expected):
    spans = paragraph_spans(text)
    assert spans.dtype == np.int64 and spans.shape == (len(expected), 2)
    assert texts(text, spans) == expected


# ----------------------------------------------------------------------------- sentences

SENTENCES = [
    ("Sen. Smith spoke. He left.", ["Sen. Smith spoke.", "He left."]),
    ("The U.S. Senate voted on Friday.", ["The U.S. Senate voted on Friday."]),
    ("It happened in the U.S. The next day, talks resumed.", ["It happened in the U.S.", "The next day, talks resumed."]),
    ("George W. Bush met J.K. Rowling. They talked.", ["George W. Bush met J.K. Rowling.", "They talked."]),
    ("Growth was 3.5 percent. Debt hit $1.2bn on Friday.", ["Growth was 3.5 percent.", "Debt hit $1.2bn on Friday."]),
    ("Output rose to 1,000.5 tonnes in 2014. The war went on.", ["Output rose to 1,000.5 tonnes in 2014.", "The war went on."]),
    ('"It is escalation," she said. "We disagree."', ['"It is escalation," she said.', '"We disagree."']),
    ('They see a threat." The next day he left.', ['They see a threat."', "The next day he left."]),
    ('"Why?" he asked. "Because!" she said.', ['"Why?" he asked.', '"Because!" she said.']),
    ("Wait... What happened? Nobody knew!", ["Wait...", "What happened?", "Nobody knew!"]),
    ("He paused … and then continued.", ["He paused … and then continued."]),
    ("He paused… Then he went on.", ["He paused…", "Then he went on."]),
    ("The vote — a surprise — passed. Critics objected.", ["The vote — a surprise — passed.", "Critics objected."]),
    ("By JOHN SMITH\nWASHINGTON (AP) — The Senate voted.", ["By JOHN SMITH", "WASHINGTON (AP) — The Senate voted."]),
    ("Russian FM Accuses NATO of Escalation\n\nThe ministry said so.", ["Russian FM Accuses NATO of Escalation", "The ministry said so."]),
    ("Dr. Anthony Fauci, Gov. Andrew Cuomo and Rep. Adam Schiff spoke.", ["Dr. Anthony Fauci, Gov. Andrew Cuomo and Rep. Adam Schiff spoke."]),
    ("The meeting is on Jan. 6 at 10 a.m. The press is invited.", ["The meeting is on Jan. 6 at 10 a.m.", "The press is invited."]),
    ("Apple Inc. reported earnings. Shares rose.", ["Apple Inc. reported earnings.", "Shares rose."]),
    ("He works for Acme Corp. The firm denied it.", ["He works for Acme Corp.", "The firm denied it."]),
    ("Martin Luther King Jr. Day is a holiday.", ["Martin Luther King Jr. Day is a holiday."]),
    ("He lives on St. Mark's Place near Mt. Vernon.", ["He lives on St. Mark's Place near Mt. Vernon."]),
    ("The No. 2 official met Gen. Mark Milley and Lt. Col. Smith.", ["The No. 2 official met Gen. Mark Milley and Lt. Col. Smith."]),
    ("Smith vs. Jones was decided. It set a precedent.", ["Smith vs. Jones was decided.", "It set a precedent."]),
    ("They sell pens, pencils, etc. and paper.", ["They sell pens, pencils, etc. and paper."]),
    ("They sell pens, pencils, etc. But not paper.", ["They sell pens, pencils, etc.", "But not paper."]),
    ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
    ("The short list. (It was long.) Next item.", ["The short list.", "(It was long.)", "Next item."]),
    ("A line\r\nwith CRLF. Another\ttab.", ["A line", "with CRLF.", "Another\ttab."]),
    ("Price:\u00a0$5.\u00a0Tax extra.", ["Price:\u00a0$5.", "Tax extra."]),
    ("Visit example.com today. OK.", ["Visit example.com today.", "OK."]),
    ("He said: 'It is over.' Then he left.", ["He said: 'It is over.'", "Then he left."]),
    ("‘It is over,’ he said. ‘We won.’", ["‘It is over,’ he said.", "‘We won.’"]),
    ("U.S.-backed forces advanced. They won.", ["U.S.-backed forces advanced.", "They won."]),
    ("She scored 9.5. 10 people cheered.", ["She scored 9.5.", "10 people cheered."]),
    ("Sept. 11 changed everything.", ["Sept. 11 changed everything."]),
    ("Plan B. The team tried again.", ["Plan B.", "The team tried again."]),
    ("... and then it ended. Nobody cared.", ["... and then it ended.", "Nobody cared."]),
    ("Washington, D.C. — The city voted.", ["Washington, D.C. — The city voted."]),
    ("In Newtown, Conn. In that town, he spoke.", ["In Newtown, Conn.", "In that town, he spoke."]),
    ("He was born in 1990.He moved.", ["He was born in 1990.He moved."]),  # no space: no boundary
    ("  Leading and trailing spaces.  ", ["Leading and trailing spaces."]),
    # runs of mixed final punctuation split once, after the whole run
    ("Really?! Yes. Wow!! Okay…. Done.", ["Really?!", "Yes.", "Wow!!", "Okay….", "Done."]),
    ("He left.? Gone.", ["He left.?", "Gone."]),
    ("Stop.) Go. (Now.) Then.", ["Stop.)", "Go.", "(Now.)", "Then."]),
    ("It ended!\u00a0\u2003The end.", ["It ended!", "The end."]),
    ("", []),
    # known failures, kept to document the rule (see the module docstring):
    ("It ended in the U.K. Officials declined to comment.", ["It ended in the U.K. Officials declined to comment."]),
    ("Read it on Yahoo! News today.", ["Read it on Yahoo!", "News today."]),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_sentence_spans(text, expected):
    spans = sentence_spans(text)
    assert spans.dtype == np.int64 and spans.shape == (len(expected), 2)
    assert texts(text, spans) == expected


def test_sentences_never_cross_paragraphs():
    text = "Mr.\nSmith left. He\n\nreturned"
    assert texts(text, sentence_spans(text)) == ["Mr.", "Smith left.", "He", "returned"]


def test_abbreviation_file_is_clean_data():
    raw = resources.files("framing").joinpath("resources/abbreviations.txt").read_text(encoding="utf-8")
    entries = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    assert raw.startswith("#")  # says what it is
    assert len(entries) == len(set(entries)), "duplicate abbreviation"
    for entry in entries:
        assert entry == entry.strip().lower() and not entry.endswith(".") and " " not in entry, entry
    assert {"u.s", "u.k", "u.n", "dr", "sen", "gov", "rep", "mr", "mrs", "ms", "st", "jan", "feb", "aug",
            "sept", "oct", "nov", "dec", "no", "gen", "col", "lt", "sgt", "inc", "corp", "co", "ltd",
            "jr", "sr", "vs", "etc", "a.m", "p.m"} <= load_abbreviations()


# ----------------------------------------------------------------------------- quotations

# (text, [(text[start:end], closed, continued), ...])
QUOTES = [
    ("Moscow's plan and the alliance's forces.", []),
    ("In the '90s rock 'n' roll was big.", []),
    ("Don’t do it, it’s Russia’s ’s own call.", []),
    ("The players' union met at the Smiths' house.", []),
    ("It was 'quite something and more.", []),  # a lone opening single quote is an apostrophe
    ("He is 6'2\" tall and 5' wide.", []),  # feet and inches
    ("It was 5 feet tall\" and wide.", []),  # a stray closing mark
    ("Russian FM Accuses NATO of 'Escalation for Sake of Escalation' Amid Claims",
     [("'Escalation for Sake of Escalation'", True, False)]),
    ("He called it ‘a farce’ and left.", [("‘a farce’", True, False)]),
    ('She said "no" twice.', [('"no"', True, False)]),
    ("She said “no” twice.", [("“no”", True, False)]),
    ("Il a dit « non » hier.", [("« non »", True, False)]),
    ("Il a dit «\u00a0non\u00a0» hier.", [("«\u00a0non\u00a0»", True, False)]),
    ("Er sagte „nein“ gestern.", [("„nein“", True, False)]),
    ("Er sagte »nein« gestern.", [("»nein«", True, False)]),
    ("\"He called it 'a farce,' and left,\" she said.", [("\"He called it 'a farce,' and left,\"", True, False)]),
    ("“He called it ‘a farce’ today,” she said.", [("“He called it ‘a farce’ today,”", True, False)]),
    ("‘He said “no” to me,’ she said.", [("‘He said “no” to me,’", True, False)]),
    ('"A "hoax" indeed," he said.', [('"A "hoax" indeed,"', True, False)]),  # nested straight doubles
    ("Let 'em go, he said 'fine' later.", [("'fine'", True, False)]),
    ("They sent in 'S.W.A.T.' teams.", [("'S.W.A.T.'", True, False)]),
    ("'It's over,' he said.", [("'It's over,'", True, False)]),
    ('"The allies\' plan is bad," he said.', [('"The allies\' plan is bad,"', True, False)]),
    ("\"We will win,'' Smith said.", [("\"We will win,''", True, False)]),  # wire-copy closing mark
    ("It was '''odd''' indeed.", [("'''odd''", True, False)]),  # two apostrophes, then one
    ('"Yes," he said. "No," she said.', [('"Yes,"', True, False), ('"No,"', True, False)]),
    ('The group ("Friends of X") met.', [('"Friends of X"', True, False)]),
    ('an anti-"woke" crusade', [('"woke"', True, False)]),
    ('He said "this never ends.', [('"this never ends.', False, False)]),
    ('He said "this never ends.\nThe next paragraph.', [('"this never ends.', False, False)]),
    ('"First part.\n\n"Second part.\n\n"Third," he said.',
     [('"First part.', False, False), ('"Second part.', False, True), ('"Third,"', True, True)]),
    ('"One.\r\n"Two."', [('"One.', False, False), ('"Two."', True, True)]),
    ("‘First part.\n‘Second,’ she said.", [("‘First part.", False, False), ("‘Second,’", True, True)]),
    ('"Closed." Then\n"New quote."', [('"Closed."', True, False), ('"New quote."', True, False)]),
    ("“We defend you. “\nNext.", [("“We defend you. “", True, False)]),  # a mark at the paragraph end closes
    ('  "Hi," he said.', [('"Hi,"', True, False)]),
    # known failure (module docstring): a missing closing mark makes the next quotation nested
    ('"We agree, he said. "Next," she said.', [('"We agree, he said. "Next," she said.', False, False)]),
    # paragraphs of double marks that pair up in order take a shortcut (text._quote_array);
    # these rows mix them with paragraphs that need the full rules
    ('"He said \'no\' and\n"then left."', [('"He said \'no\' and', False, False), ('"then left."', True, True)]),
    ('"A," he said.\n\'B\' is odd, \'C\' too', [('"A,"', True, False), ("'B'", True, False), ("'C'", True, False)]),
    ("“A” and “B” and “C”.", [("“A”", True, False), ("“B”", True, False), ("“C”", True, False)]),
    ('"Yes" "no" "maybe"', [('"Yes"', True, False), ('"no"', True, False), ('"maybe"', True, False)]),
    ("x\n“One.\n“Two” and “three.”", [("“One.", False, False), ("“Two”", True, True), ("“three.”", True, False)]),
    ("“One ‘two\n“Three.”", [("“One ‘two", False, False), ("“Three.”", True, True)]),
    ("“A” ”B”", [("“A”", True, False), ("”B”", True, False)]),
    ("“A ” B” C.", [("“A ”", True, False)]),
    ("", []),
    ('"', []),  # a lone mark at the paragraph end cannot open
    ('a " b', [('" b', False, False)]),
]


@pytest.mark.parametrize("text, expected", QUOTES)
def test_quote_spans(text, expected):
    q = quote_spans(text)
    assert isinstance(q, QuoteSpans)
    got = [(text[s:e], c, k) for s, e, c, k in zip(q.start.tolist(), q.end.tolist(), q.closed.tolist(), q.continued.tolist())]
    assert got == expected
    # the content is the span without its marks
    for s, e, cs, ce, c in zip(q.start, q.end, q.content_start, q.content_end, q.closed):
        assert s < cs <= ce <= e
        assert text[s:cs] in {'"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "''"}
        if c:
            assert e - ce in (1, 2)
        else:
            assert ce == e


def test_quote_dtypes_and_copies():
    text = 'She said "no" and "yes".'
    q = quote_spans(text)
    assert [a.dtype for a in q] == [np.int64] * 4 + [np.bool_] * 2
    q.start[:] = 0  # callers may change their copy ...
    assert quote_spans(text).start.tolist() == [9, 18]  # ... without touching anyone else's
    assert q.spans.shape == (2, 2)


# (text, the characters in quoted voice joined by "|")
VOICE = [
    ('Kiev said "Donbas is ours" today.', '"Donbas is ours"'),
    ("The alliance's forces and Moscow's plan.", ""),
    ("He called it ‘a farce’ today.", "‘a farce’"),
    ('"Open," he said.\n"Closed\n"Again."', '"Open,"|"Closed|"Again."'),
    ('It is "unclosed until the end\nof the paragraph.', '"unclosed until the end'),
    ("No quotes at all.", ""),
]


@pytest.mark.parametrize("text, expected", VOICE)
def test_voice_mask(text, expected):
    mask = voice_mask(text)
    assert mask.dtype == np.bool_ and len(mask) == len(text)
    runs = [m.group() for m in re.finditer(r"1+", "".join("1" if v else "0" for v in mask))]
    starts = [m.start() for m in re.finditer(r"1+", "".join("1" if v else "0" for v in mask))]
    got = "|".join(text[s : s + len(r)] for s, r in zip(starts, runs))
    assert got == expected
    assert np.array_equal(voice_mask(text, quote_spans(text)), mask)


# ----------------------------------------------------------------------------- scare quotes

# (text, cue words or None, keyword options, expected scare-quote contents)
SCARE = [
    ('Officials fear an attack could happen "at any time," analysts warn.', None, {}, ["at any time"]),
    ('Officials said an attack could happen "at any time," analysts fear.', ["said"], {}, []),
    ("The ministry denounced a \"false flag\" plot.", None, {}, ["false flag"]),
    ("The ministry denounced \"escalation for the sake of escalation\" today.", None, {}, []),
    ("The ministry denounced \"escalation for the sake of escalation\" today.", None, {"max_words": 6},
     ["escalation for the sake of escalation"]),
    ("The ministry accused NATO of \"escalation for the sake of escalation\" today.", ["accused"],
     {"max_words": 6}, []),
    ('The sign read: "Stop here."', None, {}, []),  # introduced by a colon
    ('"No," he said.', None, {}, []),  # direct speech
    ('"Never again."', None, {}, []),  # the whole sentence
    ('"We hope," she said, "that it works."', None, {}, []),  # a sentence with direct speech
    ('It was a "hoax and more', None, {}, []),  # unclosed
    ("Critics call it a 'witch hunt' again.", None, {}, ["witch hunt"]),
    ("He called it a \"false flag operation.\"", None, {}, ["false flag operation"]),
    ('It is a "hoax," the president said.', ["said"], {}, []),  # cue after the quotation
    ('It is a "hoax," the president said.', None, {}, ["hoax"]),  # no cue information
    ("Officials said on Monday that the long-running and much-delayed project would be a "
     '"game changer" for the region.', ["said"], {}, ["game changer"]),  # cue too far away
    ("Officials said on Monday that the long-running and much-delayed project would be a "
     '"game changer" for the region.', ["said"], {"window": 100}, ["game changer"]),  # 12 words off
    ("Officials said on Monday that the long-running and much-delayed project would be a "
     '"game changer" for the region.', ["said"], {"window": 100, "max_gap_words": 20}, []),
    # the seed's two constructions: a cue governing the quoted words vs one governing a clause
    ('The ministry accused NATO on Friday of "escalation for the sake of escalation" in the crisis.',
     ["accused"], {}, []),
    ('Western media have continued to claim that such an attack could happen "at any time," and more.',
     ["continued to claim"], {}, ["at any time"]),
    ('"Woke" politics is on the rise.', None, {}, ["Woke"]),
    ('They met "" there.', None, {}, []),
    ('Prices "rose sharply" and\n"then fell," he said.', None, {}, ["rose sharply"]),
    # words as _WORD_RE counts them: "U.S" and "backed" are two
    ('They hailed a "rock-solid, U.S.-backed deal" today.', None, {"max_words": 3}, []),
    ('They hailed a "rock-solid, U.S.-backed deal" today.', None, {"max_words": 4}, ["rock-solid, U.S.-backed deal"]),
    ('The ministry denounced a "false flag" plot.', None, {"max_words": 0}, []),
    # the character tests: whitespace before a colon or after the content, a sentence that
    # opens with marks or brackets before its first word
    ('The sign read:  "Stop" now.', None, {}, []),
    ('It was a "hoax " again.', None, {}, ["hoax"]),
    ('It was a "done deal ." Then more.', None, {}, ["done deal"]),
    ('("Hoax" is what it was, they think.)', None, {}, ["Hoax"]),
    ("“‘Hoax’ again” is a phrase.", None, {}, ["‘Hoax’ again"]),
    ('— "Hoax" claims grow.', None, {}, ["Hoax"]),
    ('"Hoax", a word.', None, {}, ["Hoax"]),
    ('It is a "sham", he said.\nA "sham" it is.', ["said"], {}, []),  # the window crosses the line
    # the colon before a quotation: right before it, after one space, after several spaces; a
    # space before the sentence's own start does not count
    ('Warned:"hoax" again.', None, {}, []),
    ('Note: "hoax" again.', None, {}, []),
    ('Warned: \u00a0"hoax" again.', None, {}, []),
    ('Said so. "Hoax" is the word here.', None, {}, ["Hoax"]),
    # words: none (only non-word characters), a negative maximum
    ('A "_ - _" f.', None, {}, []),
    ('A "b c d e" f.', None, {"max_words": -1}, []),
    # the cue's reach: words and characters between, a cue inside the quotation, cues after it
    ('He said "hoax" today.', ["said"], {"max_gap_words": 0}, []),
    ('He said "hoax" today.', ["said"], {"max_gap_words": -1}, ["hoax"]),
    ('He said that "hoax" today.', ["said"], {"max_gap_words": 0}, ["hoax"]),
    ('He said "hoax" today.', ["said"], {"window": 0}, ["hoax"]),
    ('He said "hoax" today.', ["said"], {"window": 1}, []),
    ('He "said" today.', ["said"], {}, []),
    ('A "hoax" said B and said C.', ["said"], {"max_gap_words": 0}, []),
]


@pytest.mark.parametrize("text, cue_words, options, expected", SCARE)
def test_scare_quotes(text, cue_words, options, expected):
    cues = None if cue_words is None else cues_for(text, cue_words)
    spans = scare_quotes(text, quote_spans(text), cues, **options)
    assert spans.dtype == np.int64 and spans.shape == (len(expected), 2)
    assert texts(text, spans) == expected


def test_scare_quotes_skip_continued_parts():
    text = '"First part.\n\n"two words" he said.'
    q = quote_spans(text)
    assert q.continued.tolist() == [False, True]
    assert scare_quotes(text, q).shape == (0, 2)


# ----------------------------------------------------------------------------- the seed article

SEED_QUOTES = [
    '"escalation for the sake of escalation"',
    '"The military-political situation in Europe continues to degrade.',
    '"We hope that negotiations on them will continue.',
    '"at any time,"',
    '"false flag"',
    '"false flag operation."',
    '"Announcements like these are further attempts',
    '"It is also cynical and cruel',
    '"a full-scale offensive can simply begin"',
]


@pytest.fixture(scope="module")
def seed_body() -> str:
    return framing.load_articles(SEED.parent).loc[lambda df: df.source_path.str.endswith(SEED.name)].iloc[0].text


def test_seed_quotes(seed_body):
    q = quote_spans(seed_body)
    got = [seed_body[s:e] for s, e in zip(q.start, q.end)]
    assert len(got) == len(SEED_QUOTES)
    for quote, expected in zip(got, SEED_QUOTES):
        assert quote.startswith(expected)
    assert q.closed.all() and not q.continued.any()
    # the four direct quotations end with the speaker's words, before the attribution
    direct = [g for g in got if len(g) > 100]
    ends = ['from the alliance,"', 'positions of 1997,"', 'UN Security Council,"', 'Donbas and Crimea,"']
    assert len(direct) == 4 and all(g.endswith(e) for g, e in zip(direct, ends))


def test_seed_voice(seed_body):
    q = quote_spans(seed_body)
    mask = voice_mask(seed_body, q)
    assert len(mask) == len(seed_body)
    assert mask.sum() == int((q.end - q.start).sum())  # exactly the quotations
    for m in re.finditer(r"\bKiev\b|\bDonbass\b", seed_body):
        assert not mask[m.start() : m.end()].any(), m.group()  # narrator voice
    donbas = [m for m in re.finditer(r"\bDonbas\b", seed_body)]
    assert len(donbas) == 1 and mask[donbas[0].start() : donbas[0].end()].all()  # quoted voice
    for word in ("Zakharova said", "she added", "a State Department spokesperson told", "they added"):
        i = seed_body.index(word)
        assert not mask[i : i + len(word)].any()


def test_seed_scare_quotes(seed_body):
    q = quote_spans(seed_body)
    cues = cues_for(seed_body, ["accused"])
    found = texts(seed_body, scare_quotes(seed_body, q, cues))
    assert "at any time" in found and "false flag" in found
    assert "escalation for the sake of escalation" not in found
    # even if long quotations were allowed, the nearby cue makes it a partial quotation
    assert "escalation for the sake of escalation" not in texts(seed_body, scare_quotes(seed_body, q, cues, max_words=8))
    assert "escalation for the sake of escalation" in texts(seed_body, scare_quotes(seed_body, q, None, max_words=8))
    # direct quotations never are scare quotes
    assert all(len(f.split()) <= 4 for f in found)


def test_seed_sentences(seed_body):
    sentences = texts(seed_body, sentence_spans(seed_body))
    assert len(sentences) == 20
    assert sentences[5].startswith("We will insist") and sentences[5].endswith('she added.')
    assert "The eight-year war between them and Kiev has killed at least 14,000 people." in sentences


def test_raw_seed_headline_single_quotes():
    raw = SEED.read_text(encoding="utf-8")
    got = [raw[s:e] for s, e in zip(*quote_spans(raw)[:2])]
    assert got[:3] == ['"Open Door"', "'Escalation for Sake of Escalation'", '"escalation for the sake of escalation"']
    mask = voice_mask(raw)
    i = raw.index("Moscow considers")
    assert not mask[i : i + 6].any()


# ----------------------------------------------------------------------------- properties

ALPHABET = list("abcXYZ 019.,;:!?…—-()[]\"'“”‘’«»„‚\n\r\t\u00a0\u2028") + ["U.S.", "Mr.", "'s", " '", "' ", '" ', ' "']


def assert_spans(spans: np.ndarray, size: int) -> None:
    assert spans.dtype == np.int64 and spans.ndim == 2 and spans.shape[1] == 2
    if len(spans):
        assert (spans[:, 0] >= 0).all() and (spans[:, 1] <= size).all()
        assert (spans[:, 0] < spans[:, 1]).all()
        assert (spans[1:, 0] >= spans[:-1, 1]).all()  # sorted, non-overlapping


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join), st.text(max_size=80)))
def test_properties(text):
    paragraphs = paragraph_spans(text)
    assert_spans(paragraphs, len(text))
    for s, e in paragraphs.tolist():
        assert text[s:e] == text[s:e].strip() and not any(c in text[s:e] for c in "\n\r\u2028")
    sentences = sentence_spans(text)
    assert_spans(sentences, len(text))
    for s, e in sentences.tolist():
        assert text[s:e] == text[s:e].strip()
        assert ((paragraphs[:, 0] <= s) & (e <= paragraphs[:, 1])).any()  # inside one paragraph
    q = quote_spans(text)
    assert len({len(a) for a in q}) == 1
    assert_spans(q.spans, len(text))
    assert (q.start < q.content_start).all() and (q.content_start <= q.content_end).all()
    assert (q.content_end <= q.end).all()
    mask = voice_mask(text, q)
    assert mask.dtype == np.bool_ and len(mask) == len(text)
    assert mask.sum() == int((q.end - q.start).sum())
    cues = np.array([[0, min(3, len(text))]], dtype=np.int64) if text else None
    for cue_spans in (None, cues):
        scare = scare_quotes(text, q, cue_spans)
        assert_spans(scare, len(text))
        assert mask[scare[:, 0]].all() if len(scare) else True


def test_doctests():
    result = doctest.testmod(framing.text, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


# ---------------------------------------------------------------- many texts at once

_BATCH_PIECES = ["He", "said", "the", "U.S.", "Mr.", "a", "Next", "'", "\u2019", "\u2018", "\"", "\u201c", "\u201d",
                 "''", " ", "  ", "\n", "\r", "\r\n", "\n\n", ". ", "? ", "...", ",", ":", "\u00a0", "(", ")",
                 "false flag", "'Escalation'", "'90s", "Moscow's", "—"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_BATCH_PIECES), max_size=25).map("".join), min_size=1, max_size=5),
       st.booleans())
def test_segment_batch_equals_each_text_alone(texts, with_cues):
    """Joined by line breaks, every text gets exactly its own sentences, quotations and scare
    quotes: nothing (a quotation, a cue, an abbreviation) reaches across texts."""
    import re

    from framing.text import segment_batch

    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])
    cues_each = [np.array([[m.start(), m.end()] for m in re.finditer("said", t)], dtype=np.int64).reshape(-1, 2)
                 for t in texts]
    cues = np.concatenate([c + o for c, o in zip(cues_each, offsets)]) if with_cues else None
    b = segment_batch(texts, cues)
    assert b.offsets.tolist() == offsets.tolist()
    starts, quotes, scare = [], [], []
    for t, o, c in zip(texts, offsets.tolist(), cues_each):
        starts += (sentence_spans(t)[:, 0] + o).tolist()
        q = quote_spans(t)
        quotes += [(s + o, e + o, cs + o, ce + o, cl, co) for s, e, cs, ce, cl, co in
                   zip(*(a.tolist() for a in q))]
        scare += (scare_quotes(t, q, c if with_cues else None) + o).tolist()
    assert b.sentence_starts.tolist() == starts
    assert b.sentence_offsets.tolist() == np.searchsorted(starts, offsets).tolist()
    assert list(zip(*(a.tolist() for a in b.quotes))) == quotes
    assert b.scare.tolist() == scare


# ------------------------------------------------- numpy internals against their definitions

def _paragraphs_by_lines(text: str) -> list[list[int]]:
    """The definition of a paragraph: each line of str.splitlines, stripped, blank ones left out."""
    out, offset = [], 0
    for line in text.splitlines(True):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            out.append([start, start + len(stripped)])
        offset += len(line)
    return out


def _marks_by_regex(text: str) -> list[tuple[int, int, bool]]:
    """The definition of the quotation marks: _MARK_RE, with a single ', ’ or ‘ followed by
    the same mark read as one double mark of length 2 ('' in wire copy)."""
    out, skip = [], -1
    for m in framing.text._MARK_RE.finditer(text):
        p = m.start()
        c = text[p]
        if c in framing.text._DOUBLE_MARKS:
            out.append((p, 1, True))
        elif p != skip:
            twin = c in "'’‘" and p + 1 < len(text) and text[p + 1] == c
            out.append((p, 2 if twin else 1, False))
            skip = p + 1 if twin else -1
    return out


NUMPY_EDGES = [
    "",
    "x",
    "\n",
    " \u3000 ",  # the last Unicode space
    "\u2029A\u2028 B \x85\x1f\x1c\x1dC\x1e",  # rare line breaks; \x1f is a space, not a break
    "\x0b A \x0c\rB\r\n\r\nC\x00",
    "'' a ''b'' c''",  # wire copy's double mark
    "'''' x '''",  # runs of apostrophes: pairs from the left
    "a''b ’’c’’ ‘‘d‘‘ ‘’ ’‘",
    "don't Moscow's '90s rock 'n' roll the allies' plan",
    "\"a\" “b” „c‟ «d» »e« ‹f› ‚g‛ ''",
    "'", "\"", "’", "''", "x'", "'x", "_'_", "a'_", "é'é", "中'文", "1'2", "\U0001f600'\U0001f600",
    "no marks at all, none.",
    "\ud800'\udfff",  # lone surrogates
]


@pytest.mark.parametrize("text", NUMPY_EDGES)
def test_paragraph_array_is_lines_stripped(text):
    assert framing.text._paragraph_array(text).tolist() == _paragraphs_by_lines(text)


@pytest.mark.parametrize("text", NUMPY_EDGES)
def test_quote_marks_are_the_regex_marks(text):
    pos, lengths, double = framing.text._quote_marks(text, framing.text._codes(text))
    assert list(zip(pos.tolist(), lengths.tolist(), double.tolist())) == _marks_by_regex(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(ALPHABET + ["''", "’’", "a'", "'_", " \u3000", "\x85"]),
                          max_size=60).map("".join), st.text(max_size=80)))
def test_numpy_internals_match_definitions(text):
    assert framing.text._paragraph_array(text).tolist() == _paragraphs_by_lines(text)
    pos, lengths, double = framing.text._quote_marks(text, framing.text._codes(text))
    assert list(zip(pos.tolist(), lengths.tolist(), double.tolist())) == _marks_by_regex(text)


@pytest.mark.parametrize("chars", [
    [chr(c) for c in range(0x300)],  # the table and just above it
    list("\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\u3001中\U0001f600\ud800_"),
    [],
])
def test_char_flags_are_the_str_tests(chars):
    text = "".join(chars)
    codes = framing.text._codes(text)
    assert len(codes) == len(text)
    index = np.arange(len(text))[::-1]
    tests = (str.isspace, str.isalnum, framing.text._is_word, framing.text._OPEN_CONTEXT, "'’‘")
    flags = framing.text._char_flags(codes, index, *tests)
    for test, got in zip(tests, flags):
        assert got.dtype == np.bool_
        expected = test.__contains__ if isinstance(test, (str, frozenset)) else test
        assert got.tolist() == [expected(text[i]) for i in index.tolist()]


def test_character_sets_are_the_str_tests():
    every = [chr(c) for c in range(0x110000)]
    assert {c for c in every if c.isspace()} == framing.text._SPACES
    assert {c for c in every if c.isspace() and c not in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"} \
        == framing.text._HSPACE
    assert "".join(every).splitlines() == "".join(c if c not in framing.text._LINE_BREAKS else "\n"
                                                   for c in every).split("\n")


SENTENCE_EDGES = [
    "",
    "A. B",
    ". A",
    "Hi!",
    "Mr. Smith met Sen. Jones. The end. In the U.S. The talks. I.",
    "He said no. Democrats won. W. Bush. Plan B. Officials. J.K. Rowling. etc. and so.",
    "A... B?! C?) D.\u201d E.\u2019 \u201cF.\u00a0\u00a0G.\t\u3000H",
    "Mr. \u201cThe\u201d Mr. 'Tis Mr. (The Mr. Théo Mr. The. Mr. Themselves Mr. Nevertheless. Ok",
    "x. ((a x. ((A x. ((",
    "\n... A. B\n  ... C",
    "Café. Élan. ÉTÉ. Über. 中文. Ωmega. Σ. 3. 4.",
    "in 2020. The A.B. The a.m. Then p.m. Once ph.d. But ab.cd. Some",
    "ends with a period.",
    "ends with a space. ",
    "Sen.\u00a0Smith. Gov.\tBrown. U.S.\u2003The",
]


def _breaks(text: str, *, vectorised: bool) -> list[list[int]]:
    saved = framing.text._FEW_CHARS
    framing.text._FEW_CHARS = -1 if vectorised else 1 << 40
    try:
        ends, starts = framing.text._sentence_breaks(text)
    finally:
        framing.text._FEW_CHARS = saved
    return sorted(zip(ends.tolist(), starts.tolist()))


@pytest.mark.parametrize("text", SENTENCE_EDGES + NUMPY_EDGES)
def test_sentence_breaks_numpy_equals_loop(text):
    """A batch's candidate breaks are found and decided with numpy; one article's with the
    regular expressions and a Python loop: the same breaks."""
    assert _breaks(text, vectorised=True) == _breaks(text, vectorised=False)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(ALPHABET + ["Mr.", "W.", "The", "the", "In", "a.m.", "Théo", " \u3000",
                                                      "2020.", "Nevertheless", "etc.", "(", "\u201c"]),
                          max_size=60).map("".join), st.text(max_size=80)))
def test_sentence_breaks_numpy_equals_loop_anywhere(text):
    assert _breaks(text, vectorised=True) == _breaks(text, vectorised=False)


@pytest.mark.parametrize("text", SENTENCE_EDGES)
def test_starter_and_abbreviation_tests_vectorised(text):
    """_next_are_starters and _after_abbreviation give their one-position tests everywhere."""
    codes = framing.text._codes(text)
    at = np.arange(len(text))
    assert framing.text._next_are_starters(text, codes, at).tolist() == \
        [framing.text._next_is_starter(text, n) for n in at.tolist()]
    limit = framing.text._abbreviation_limit() + 1
    abbreviations = load_abbreviations()
    expected = [not text[s - limit : s].isalpha() and framing.text._is_abbreviation(text, s, abbreviations)
                for s in at.tolist()]
    assert framing.text._after_abbreviation(text, codes, at).tolist() == expected


def _quotes_by_full_rules(text: str) -> list[tuple]:
    """Every paragraph through text._paragraph_quotes, in order: the rules without the
    shortcut _quote_array takes for paragraphs whose double marks pair up in order."""
    paragraphs = framing.text._paragraph_array(text)
    pos, lengths, _ = framing.text._quote_marks(text, framing.text._codes(text))
    para = np.searchsorted(paragraphs[:, 0], pos, side="right") - 1
    starts, ends = paragraphs[:, 0].tolist(), paragraphs[:, 1].tolist()
    out: list = []
    carry = ""
    for pi in range(len(starts)):
        marks = np.flatnonzero(para == pi)
        k, j = (int(marks[0]), int(marks[-1]) + 1) if len(marks) else (0, 0)
        reopens = pi + 1 < len(starts) and framing.text._opens_single_quote(text, starts[pi + 1])
        carry = framing.text._paragraph_quotes(text, pos.tolist(), lengths.tolist(), k, j, starts[pi], ends[pi],
                                               carry, reopens, out)
    return [tuple(int(v) for v in row) for row in out]


SHORTCUT_EDGES = [
    "The allies' plan was \"bold\" and \"new\".",  # an apostrophe that cannot open
    "Jones' \"word\" and 'quoted' text",  # a single mark that can open: the full rules
    "\"A\" ''B'' \"C\"",  # wire copy's double mark: the full rules
    "It's \"one\"\n\"two\" isn't\n\"three",  # continued across paragraphs
    "the '90s \"x\" rock 'n' roll \"y\"",
    "\"odd\" \"one",  # double marks that do not pair
    "its' \"a\nb\" c'",
]


@pytest.mark.parametrize("text", SHORTCUT_EDGES + NUMPY_EDGES)
def test_quote_shortcut_equals_full_rules(text):
    q = quote_spans(text)
    got = list(zip(*(a.tolist() for a in q)))
    assert [tuple(int(v) for v in row) for row in got] == _quotes_by_full_rules(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET + ["allies' ", "Jones’ ", "it's ", "''", " 'a", "\n\"", "x"]),
                max_size=40).map("".join))
def test_quote_shortcut_equals_full_rules_anywhere(text):
    q = quote_spans(text)
    assert [tuple(int(v) for v in row) for row in zip(*(a.tolist() for a in q))] == _quotes_by_full_rules(text)
