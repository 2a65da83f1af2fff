"""Tests for framing.clean: tables of inputs and expected outputs, negative cases included.

The fixture pages in tests/fixtures/pages/ are invented (fictional outlets, people and places)
in the styles of common news sites; the seed page in seeds/ is a real scraped article.
"""
from __future__ import annotations

import doctest
import warnings
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing.clean as clean_module
from framing.clean import CleanedPage, Removal, clean_body, clean_page, normalise_text, parse_date

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "pages"
SEED = ROOT / "seeds" / "000_9ed0db76b1e14429.txt"
REASONS = {"topic_box", "title", "byline", "dateline", "photo_credit", "caption", "navigation",
           "login_prompt", "comment_prompt", "share_prompt", "newsletter", "subscribe_prompt",
           "cookie_banner", "advertisement", "read_more", "related_links", "foreign_script", "footer",
           "standfirst"}


# --------------------------------------------------------------------------- the seed page
SEED_TITLE = ("Russian FM Accuses NATO of 'Escalation for Sake of Escalation' Amid Troop "
              "Accumulation Claims")
SEED_REMOVED = {1: "topic_box", 2: "topic_box", 3: "topic_box", 5: "title", 7: "photo_credit",
                8: "dateline", 22: "login_prompt", 23: "login_prompt", 24: "foreign_script"}


@pytest.fixture(scope="module")
def seed() -> CleanedPage:
    return clean_page(SEED.read_text(encoding="utf-8"), source=SEED.name)


def test_seed_metadata(seed):
    assert (seed.title, seed.outlet, seed.date, seed.author) == (
        SEED_TITLE, "Sputnik International", datetime(2022, 2, 18), None)


def test_seed_removed_lines_and_reasons(seed):
    assert {r.line: r.reason for r in seed.removed} == SEED_REMOVED


def test_seed_body(seed):
    body = seed.text
    assert body.startswith("Even though Russia has provided evidence")
    assert body.endswith("Organization for Security and Cooperation in Europe (OSCE).")
    for debris in ("©", "log in or register", "To participate", "Go to the mediabank",
                   "Russia-NATO Row", "Russia proposed draft agreements", "1920", SEED_TITLE):
        assert debris not in body
    assert not any("\u0400" <= ch <= "\u04ff" for ch in body)
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 11
    assert any(p.startswith("Denis Pushilin, the head of the DPR") and p.endswith("at any moment.")
               for p in paragraphs)


# --------------------------------------------------------------------------- fixture pages
# One row per page: expected metadata, first and last body sentence, phrases that must be
# removed (with the reason of the line that holds them) and phrases that must stay.
FIXTURES = [
    pytest.param(dict(
        file="wire_continental_press.txt",
        title="Ukraine's parliament backs insurance fund for Black Sea grain ships",
        outlet="Continental Press", date=datetime(2025, 3, 3, 10, 14), author="Olena Marchuk",
        first="KYIV, March 3 (Continental Press) - Ukraine's parliament on Monday approved",
        last="The measure still needs the president's signature before it takes effect.",
        removed={"By Olena Marchuk": "byline", "10:14 AM GMT": "dateline",
                 "Updated 2 hours ago": "dateline", "Scroll to continue": "advertisement",
                 "Editing by Tom Fairweather": "byline"},
        kept=["seen by Continental Press.", '"Shipowners told us']), id="wire"),
    pytest.param(dict(
        file="broadcaster_northvale.txt",
        title="Dam repairs leave river villages waiting for clean water",
        outlet="Northvale Broadcasting", date=datetime(2025, 3, 4), author="Marta Kowalczyk",
        first="Villagers along the lower Vesna river have been without running water",
        last="which it expects by the end of the month.",
        removed={"Skip to content": "navigation", "Home | News | World": "navigation",
                 "Weather": "navigation", "4 March 2025": "dateline",
                 "Eastern Europe reporter": "byline", "Image source, Lumen": "photo_credit",
                 "Image caption, Residents queue": "caption", "Related Topics": "related_links",
                 "Water supply": "related_links", "More on this story": "related_links",
                 "What we know": "related_links", "2 days ago": "related_links",
                 "Save": "share_prompt", "Copyright 2025": "footer", "Privacy Policy": "footer"},
        kept=['"We boil everything', "sluice gates are safe."]), id="broadcaster"),
    pytest.param(dict(
        file="newspaper_daily_ledger.txt",
        title="Coastal towns count the cost as sea wall funding is cut",
        outlet="The Daily Ledger", date=datetime(2025, 3, 4, 9, 12), author="Ayesha Brennan",
        first="Council leaders in three coastal districts have accused the government",
        last="about ten years of life left without major work.",
        removed={"Ministers say the money will be redirected": "standfirst",
                 "Photograph: Tom Ridley": "photo_credit", "Environment correspondent": "byline",
                 "Last modified on": "dateline", "our free daily newsletter": "newsletter",
                 "Privacy Notice: Newsletters": "newsletter", "after newsletter promotion": "newsletter",
                 "Explore more on these topics": "related_links", "Coastal erosion": "related_links",
                 "Reuse this content": "footer", "Share": "share_prompt"},
        kept=["Council leaders in three coastal districts", '"You cannot tell people']),
        id="newspaper"),
    pytest.param(dict(
        file="local_harbour_herald.txt",
        title="Council approves £4m plan to reopen Mill Lane swimming pool",
        outlet="Harbour City Herald", date=datetime(2025, 3, 12, 14, 5), author="Daniel Okafor",
        first="The derelict Mill Lane baths will reopen in 2027",
        last="Work is due to start in the autumn.",
        removed={"We use cookies": "cookie_banner", "Manage preferences": "cookie_banner",
                 "Home > News > Local": "navigation", "Advertisement": "advertisement",
                 "Read more: Mill Lane": "read_more", "READ MORE": "read_more",
                 "closing early this winter": "read_more", "Comments (14)": "comment_prompt",
                 "Join the conversation": "comment_prompt", "Most Read": "related_links",
                 "Quay Street crash": "related_links", "All rights reserved": "footer"},
        kept=["The Victorian pool closed in 2019", "Opposition councillors argued"]), id="local"),
    pytest.param(dict(
        file="stray_chinese_ui.txt",
        title="Port operator orders 12 electric tugboats in emissions push",
        outlet="Straits Morning Post", date=datetime(2025, 2, 18), author="Chen Wei-ling",
        first="The Port of Lanhai will replace a third of its diesel tugboat fleet",
        last="than the diesel boats they replace.",
        removed={"首页": "foreign_script", "分享到微信": "foreign_script",
                 "打开应用阅读全文": "foreign_script", "相关新闻": "foreign_script",
                 "(Photo: Port of Lanhai Authority)": "photo_credit",
                 "Published: February 18, 2025": "dateline"},
        kept=['The campaign\'s slogan, "绿色港口" (green port)']), id="stray-chinese"),
    pytest.param(dict(
        file="russian_severny_vestnik.txt",
        title="В Заречье открыли первую за 30 лет детскую библиотеку",
        outlet="Северный вестник", date=datetime(2025, 2, 18, 14, 30), author="Иван Соколов",
        first="Новая библиотека разместилась в здании бывшего кинотеатра «Октябрь»",
        last="кроме понедельника, с 10 до 19 часов.",
        removed={"Фото: пресс-служба": "photo_credit", "Читайте также": "read_more",
                 "Loading...": "foreign_script", "Поделиться": "share_prompt",
                 "Комментарии": "comment_prompt", "Реклама": "advertisement"},
        kept=["В фонде библиотеки около 12 тысяч книг", "«Мы ждали этого много лет»"]),
        id="russian"),
    pytest.param(dict(
        file="negatives_riverside_courier.txt",
        title="Fishermen's photo of stranded boat prompts coastguard review",
        outlet="Riverside Courier", date=datetime(2025, 2, 18), author="Grace Lindqvist",
        first="The photo, taken by a resident, shows the boat",
        last="Read the full statement below.",
        removed={"Riverside Courier | Local News": "navigation", "By Grace Lindqvist": "byline",
                 "Feb. 18, 2025": "dateline"},
        kept=["She shared the letter with reporters", "Comments by the minister drew criticism",
              "The council's newsletter, which is delivered", "want to read more about the review",
              "Share prices of the ferry operator", "keep giving cookies and tea",
              "Subscribers to the harbour text alert", '"We use cookies as a reward',
              "Photographers were asked", "Related issues, including the cost",
              "Advertisement revenue at the local", "Home owners near the harbour",
              "Log books from the boat", "To participate in the review"]), id="negatives"),
    # standfirst without final punctuation, "<Name> and <Name> in <Place>" byline, a date line of
    # parts, labels in a row, a caption above a bare credit, a footer with a company suffix
    pytest.param(dict(
        file="regional_lakeside_chronicle.txt",
        title="Ferry timetable cut leaves island commuters facing two-hour waits",
        outlet="Lakeside Chronicle", date=datetime(2025, 4, 2, 14, 20),
        author="Ingrid Solberg and Tomasz Wrona",
        first="Islanders who work on the mainland say they will have to leave home",
        last="until 30 April.",
        removed={"Lakeside Chronicle": "navigation", "Operator blames crew shortages": "standfirst",
                 "Tomasz Wrona in Fjellvik": "byline", "Posted 2 Apr 2025": "dateline",
                 "Share on Facebook | 38 Comments": "share_prompt",
                 "Commuters queue at the Fjellvik ferry terminal": "caption",
                 "Photograph: Lars Eide": "photo_credit", "To comment, please log in": "login_prompt",
                 "© 2025 Lakeside Chronicle Ltd": "footer"},
        kept=["Photographs of the queue were shared", '"We were told about this',
              "Ferry users can send comments to the council"]), id="regional"),
    # a masthead beats the wire dateline's abbreviation; a date line that looks like a breadcrumb;
    # the sign-off and the trailer after it; a "Reporting by" sentence in the body stays
    pytest.param(dict(
        file="agency_nordic_wire.txt",
        title="Norway's grid operator delays northern power cable by two years",
        outlet="Nordic Wire Service", date=datetime(2025, 3, 10, 7, 55), author="Ane Berg",
        first="Norway's state grid operator said on Monday",
        last="look at sites in Sweden instead.",
        removed={"Mon 10 Mar 2025": "dateline", "2 min read": "navigation",
                 "BERGEN, Norway (NWS)": "dateline", "PHOTO: Transmission towers": "photo_credit",
                 "Writing by Ane Berg; Additional reporting": "byline",
                 "Video of the day": "related_links", "Our editorial principles": "footer",
                 "12/40": "navigation", "Loading": "navigation", "Related Coverage": "related_links",
                 "Sweden approves first offshore wind zone": "related_links"},
        kept=["Reporting by local broadcasters suggested the cost",
              "The 420-kilovolt line was meant to supply"]), id="agency"),
    # an all-caps masthead takes the casing it has on the page; a standfirst of two sentences;
    # "(updated: ...)"; a video duration; "Most popular in <section>"; tip-line and comment
    # boilerplate, alone and in a row
    pytest.param(dict(
        file="community_riverbend_today.txt",
        title="Flood barrier finally finished, three years late",
        outlet="Riverbend Today", date=datetime(2025, 4, 6), author="Priya Castell",
        first="The long-delayed flood barrier along the Mill Quarter was completed on Saturday",
        last="about £3 million over budget.",
        removed={"Residents of the Mill Quarter say the wait was worth it.": "standfirst",
                 "Words by Priya Castell": "byline", "(updated: 7 April 2025)": "dateline",
                 "Share · 12 comments": "share_prompt", "(Picture: Riverbend Today)": "photo_credit",
                 "WATCH: Engineers test": "read_more", "1:12": "navigation",
                 "MOST POPULAR IN SPORT": "related_links", "Cup tie moved to Friday": "related_links",
                 "Got a tip?": "footer", "Enter your e-mail": "newsletter",
                 "Comments (2,041)": "comment_prompt", "subject to our house rules": "comment_prompt",
                 "To reply, sign in": "login_prompt"},
        kept=['"I can finally stop checking', "Households in the area had been told"]),
        id="community"),
    # a related-topic box under menu items, with a second headline in it; the author's bare name
    # under the caption dateline; "© Outlet 2025"; short strings among the debris at the end
    pytest.param(dict(
        file="state_media_baltic_voice.txt",
        title="Vilnius Hikes Power Tariffs Again as Pensioners Struggle to Pay",
        outlet="Baltic Voice", date=datetime(2025, 2, 5), author="Oskars Liepa",
        first="Lithuania's energy regulator approved another rise",
        last="higher prices on the Nordic power exchange.",
        removed={"- Baltic Voice, 1920, 03.02.2025": "topic_box",
                 "Electricity prices in the Baltic states": "topic_box",
                 "Brussels Silent as Households Face Record Bills": "topic_box",
                 "05.02.2025 09:40 (updated": "dateline", "Oskars Liepa": "byline",
                 "All articles by this author": "byline", "loader": "navigation",
                 "Chats": "navigation", "© Baltic Voice 2025": "footer"},
        kept=['"People are choosing between medicine and light,"']), id="topic-box"),
]


@pytest.mark.parametrize("case", FIXTURES)
def test_fixture_page(case):
    page = clean_page((PAGES / case["file"]).read_text(encoding="utf-8"), source=case["file"])
    assert (page.title, page.outlet, page.date, page.author) == (
        case["title"], case["outlet"], case["date"], case["author"])
    assert page.text.startswith(case["first"])
    assert page.text.endswith(case["last"])
    for phrase, reason in case["removed"].items():
        assert phrase not in page.text.split("\n\n"), phrase  # not a whole paragraph
        holders = [r for r in page.removed if phrase in r.text]
        assert holders and holders[0].reason == reason, (phrase, holders)
    for phrase in case["kept"]:
        assert phrase in page.text, phrase
    assert not any(phrase in page.text for phrase in case["removed"] if len(phrase) > 12)


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.txt")) + [SEED], ids=lambda p: p.stem)
def test_nothing_is_silently_lost(path):
    """Every non-blank line is either a body paragraph or a Removal with a known reason."""
    raw = path.read_text(encoding="utf-8")
    page = clean_page(raw, source=path.name)
    lines = normalise_text(raw).split("\n")
    removed_at = {r.line for r in page.removed}
    assert all(r.text == lines[r.line - 1] and r.reason in REASONS for r in page.removed)
    kept = [l.strip() for i, l in enumerate(lines, 1) if l.strip() and i not in removed_at]
    assert page.text.split("\n\n") == kept
    assert [r.line for r in page.removed] == sorted(removed_at)
    assert page.text == page.text.strip() and "\n\n\n" not in page.text


# --------------------------------------------------------------------------- parse_date
@pytest.mark.parametrize("text, expected", [
    ("18.02.2022", datetime(2022, 2, 18)),
    ("18/02/2022", datetime(2022, 2, 18)),
    ("18-02-2022", datetime(2022, 2, 18)),
    ("18.02.2022 14:03", datetime(2022, 2, 18, 14, 3)),
    ("02/18/2022", datetime(2022, 2, 18)),  # day-first impossible: month-first
    ("2022-02-18", datetime(2022, 2, 18)),
    ("2022-02-18T10:03:00Z", datetime(2022, 2, 18, 10, 3)),
    ("2022-02-18T10:03:00+03:00", datetime(2022, 2, 18, 7, 3)),
    ("18 Feb 2022", datetime(2022, 2, 18)),
    ("1st of March 2024", datetime(2024, 3, 1)),
    ("February 18, 2022", datetime(2022, 2, 18)),
    ("Feb. 18, 2022", datetime(2022, 2, 18)),
    ("Sept 9 2021", datetime(2021, 9, 9)),
    ("Fri 18 Feb 2022 09.12 GMT", datetime(2022, 2, 18, 9, 12)),
    ("Published Tue 4 Mar 2025 09.12 GMT", datetime(2025, 3, 4, 9, 12)),
    ("Updated 3:45 PM EST, Fri February 18, 2022", datetime(2022, 2, 18, 20, 45)),
    ("March 3, 2025 10:14 AM GMT", datetime(2025, 3, 3, 10, 14)),
    ("March 3, 2025 12:30 AM", datetime(2025, 3, 3, 0, 30)),
    ("18 февраля 2025, 14:30", datetime(2025, 2, 18, 14, 30)),
    ("- Sputnik International, 1920, 18.02.2022", datetime(2022, 2, 18)),
    ("First 13.01.2022, then 18.02.2022", datetime(2022, 1, 13)),  # the first date wins
    ("31.02.2022 was a typo for 01.03.2022", datetime(2022, 3, 1)),  # invalid dates are skipped
    ("No. 18 in the series", None),
    ("the 2022 budget", None),  # a year alone is not a date
    ("in May 2022", None),  # nor a month and a year
    ("on 18 Feb", None),  # nor a day and a month
    ("The 12.5 per cent rise, 3/4 of voters", None),
    ("at 12:30 PM", None),
    ("2022-13-45", None),
    ("31.02.2022", None),
    ("18.02.1850", None),  # outside 1900-2100
    ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# --------------------------------------------------------------------------- normalise_text
@pytest.mark.parametrize("text, expected", [
    ("a\u00a0b", "a b"),  # no-break space
    ("a\u202fb\u2009c\u2007d\u3000e", "a b c d e"),  # narrow nbsp, thin, figure, ideographic
    ("zero\u200bwidth\u2060joined\ufeff", "zerowidthjoined"),
    ("one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
    ("trailing   \nspaces\t\n", "trailing\nspaces\n"),
    ("  indented", "  indented"),  # leading spaces stay
    ("Cafe\u0301", "Café"),  # NFC
    ("“Quotes” – dashes… and  double spaces", "“Quotes” – dashes… and  double spaces"),
    ("tab\tinside", "tab\tinside"),
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
])
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


# --------------------------------------------------------------------------- clean_body lines
BODY = "The harbour master said the ferry would run again on Friday after the storm."
BODY2 = "Passengers were told to expect delays of up to an hour on the first crossings."
HEADLINE = "Harbour ferry service resumes after the storm"


@pytest.mark.parametrize("line, reason", [
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("To participate in the discussion", "login_prompt"),
    ("log in or register", "login_prompt"),
    ("Sign in to comment", "login_prompt"),
    ("Comments", "comment_prompt"),
    ("12 comments", "comment_prompt"),
    ("Join the conversation", "comment_prompt"),
    ("Share this article", "share_prompt"),
    ("Share on Facebook", "share_prompt"),
    ("Facebook Twitter Email", "share_prompt"),
    ("Sign up for our newsletter", "newsletter"),
    ("Subscribe to our weekly newsletter for the best stories", "newsletter"),
    ("Subscribe", "subscribe_prompt"),
    ("Become a subscriber for £1 a week", "subscribe_prompt"),
    ("We use cookies to improve your experience. Accept", "cookie_banner"),
    ("This site uses cookies. By continuing you agree to our Cookie Policy.", "cookie_banner"),
    ("Accept all cookies", "cookie_banner"),
    ("Read more: Ferry fares to rise in spring", "read_more"),
    ("READ MORE »", "read_more"),
    ("Related: Storm closes coastal road", "related_links"),
    ("Related Topics", "related_links"),
    ("More on this story", "related_links"),
    ("Home > World > Europe", "navigation"),
    ("Home | News | World", "navigation"),
    ("Skip to main content", "navigation"),
    ("© 2025 Example Gazette. All rights reserved", "footer"),
    ("Terms of Use", "footer"),
    ("© Example Press / Jane Doe", "photo_credit"),
    ("Photo: Jane Doe", "photo_credit"),
    ("Image source, Getty Images", "photo_credit"),
    ("Image caption, The ferry terminal on Monday", "caption"),
    ("Boats in the harbour on Monday. Photograph: Jane Doe/Example Agency", "photo_credit"),
    ("Boats in the harbour on Monday. (Photo by Jane Doe/Example Agency)", "photo_credit"),
    ("Boats in the harbour on Monday. REUTERS/Jane Doe", "photo_credit"),
    ("Boats in the harbour on Monday. Jane Doe/AFP via Getty Images", "photo_credit"),
    ("FILE PHOTO: A ferry leaves the harbour", "photo_credit"),
    ("Go to the mediabank", "photo_credit"),
    ("Boats in the harbour. - Example News, 1920, 18.02.2022", "dateline"),
    ("Войти или зарегистрироваться", "foreign_script"),
    ("登录", "foreign_script"),
    ("To comment, log in or register", "login_prompt"),
    ("Comments (1,208)", "comment_prompt"),
    ("Share | 214 comments", "share_prompt"),  # labels in a row
    ("Comments are subject to our community guidelines. To comment, log in or register.",
     "comment_prompt"),
    ("Enter your email address", "newsletter"),
    ("Got a story? Email tips@example.com or call our news desk.", "footer"),
    ("Our Standards: The Example Trust Principles.", "footer"),
    ("© Example Gazette 2025", "footer"),
    ("Photos of the day: our pick of the best images", "related_links"),
    ("MOST READ IN NEWS", "related_links"),
    ("3 Min Read", "navigation"),
    ("0:47", "navigation"),  # no letters: a video duration
])
def test_clean_body_removes_debris_line(line, reason):
    body, removed = clean_body(f"{BODY}\n{line}\n{BODY2}")
    assert body == f"{BODY}\n\n{BODY2}"
    assert removed == (Removal(2, line, reason),)


@pytest.mark.parametrize("line", [
    "The photo, taken by a resident, shows the boat.",
    "She shared the letter with reporters.",
    "Comments by the minister drew criticism.",
    "Share prices fell sharply on Monday.",
    "Readers can sign up to the council's newsletter, the mayor suggested.",
    "The firm said we use cookies only if customers agree, according to the ruling.",
    '"We use cookies to track people," the complaint said.',
    "Over the cookie tax, the bakers and the council could not agree.",
    "Read more than 200 pages of the report and you find nothing.",
    "Related issues will be discussed next week.",
    "Home owners were not consulted.",
    "A Reuters/Ipsos poll found that 40% of voters approved.",
    "The images were licensed from Getty Images.",
    "A file photo of the minister circulated online.",
    "He shouted «Стой!» before the door closed.",  # inline Cyrillic in an English sentence
    "Advertisement revenue fell 3% in the quarter.",
    "More on Tuesday, the council met again.",
    "Our standards have slipped, the editor admitted.",
    "Photos of the day were taken by readers.",
    "To comment on the plan, residents must write to the council.",
    "Most read the report before the vote.",
    "Have a story to tell? The museum wants to hear from veterans.",
    "Comments are subject to review by the regulator, the minister said.",
    "Reporting by local media suggested the ferry was overloaded.",
    "Editing by hand took the team weeks.",
])
def test_clean_body_keeps_prose(line):
    body, removed = clean_body(f"{BODY}\n{line}\n{BODY2}")
    assert removed == ()
    assert body == f"{BODY}\n\n{line}\n\n{BODY2}"


@pytest.mark.parametrize("text, reasons", [
    # a caption repeated verbatim: glued after a credit, then alone
    ("© Example Press / Jane Doe / Go to the mediabankFerry passengers wait in the rain.\n"
     f"{BODY}\nFerry passengers wait in the rain.", {1: "photo_credit", 3: "caption"}),
    # a caption as the head of a caption dateline, repeated as its own line
    (f"Ferry passengers wait in the rain. - Example News, 1920, 18.02.2022\n{BODY}\n"
     "Ferry passengers wait in the rain.", {1: "dateline", 3: "caption"}),
    # a sentence repeated without a credit line beside it is not a caption
    (f"{BODY}\n{BODY2}\n{BODY}", {}),
    # the link list under a bare header stops at the first sentence
    (f"{BODY}\nMost read\nFerry fares to rise\nStorm closes coastal road\n{BODY}",
     {2: "related_links", 3: "related_links", 4: "related_links"}),
    # a whole Russian body survives; its stray English interface strings do not
    ("Паром возобновит рейсы в пятницу, сообщил начальник порта.\nLog in\nShow more",
     {2: "login_prompt", 3: "foreign_script"}),
    # a long line in another script is not an interface string
    (f"{BODY}\n" + " ".join(["слово"] * 13), {}),
    # a caption on its own line below or above a bare credit line
    (f"Photo: Jane Doe / Example Agency\nFerry passengers wait in the rain on Monday.\n{BODY}",
     {1: "photo_credit", 2: "caption"}),
    (f"{BODY}\nFerry passengers wait in the rain on Monday.\nPhoto: Jane Doe\n{BODY2}",
     {3: "photo_credit", 2: "caption"}),
    # ... but not a line that attributes or quotes, nor one beside a credit with its own caption,
    # nor one after a blank line
    ("Photo: Jane Doe\nThe ferry will run again, officials said.\n" + BODY2, {1: "photo_credit"}),
    ("Boats in the harbour. Photo: Jane Doe\nThe ferry resumed on Monday morning.\n" + BODY2,
     {1: "photo_credit"}),
    ("Photo: Jane Doe\n\nThe ferry resumed on Monday morning.\n" + BODY2, {1: "photo_credit"}),
    # the wire sign-off and the trailer after it
    (f"{BODY}\nReporting by Jane Doe in Oslo; Editing by John Roe\nOur Standards: The Example Trust "
     "Principles.", {2: "byline", 3: "footer"}),
    # a sign-off followed by a paragraph is not at the end
    (f"{BODY}\nReporting by Jane Doe; Editing by John Roe\n{BODY} {BODY2}", {}),
    # short strings among the debris after the last paragraph
    (f"{BODY}\nAdvertisement\nloader\nChats", {2: "advertisement", 3: "navigation", 4: "navigation"}),
    # ... but not a short last sentence, nor a short line before the debris starts
    (f"{BODY}\nAdvertisement\nShe left.", {2: "advertisement"}),
    (f"{BODY}\nTickets: £5\nAdvertisement", {3: "advertisement"}),
])
def test_clean_body_context_rules(text, reasons):
    _, removed = clean_body(text)
    assert {r.line: r.reason for r in removed} == reasons


# --------------------------------------------------------------------------- clean_page metadata
@pytest.mark.parametrize("raw, expected", [
    # "Headline | Outlet" title tag
    ("Harbour ferry to resume service after storm damage | Example Gazette\n" + BODY,
     dict(title="Harbour ferry to resume service after storm damage", outlet="Example Gazette")),
    # wire dateline "(AP) —" gives the outlet; "By A and B" the authors
    ("Ferry service resumes\nBy Jane Doe and John Roe\nWASHINGTON (Example Wire) — " + BODY,
     dict(title="Ferry service resumes", outlet="Example Wire", author="Jane Doe and John Roe")),
    # "Jane Doe, Outlet" after the title
    ("Ferry service resumes\nJane Doe, Example Wire\n" + BODY,
     dict(author="Jane Doe", outlet="Example Wire")),
    # a role is not an outlet
    ("Ferry service resumes\nBy Jane Doe, Staff Writer\n" + BODY,
     dict(author="Jane Doe", outlet=None)),
    # "Source:" at the end
    (f"Ferry service resumes\n{BODY}\nSource: Example Wire", dict(outlet="Example Wire")),
    # "Published" beats "Updated", whatever the order
    ("Ferry service resumes\nUpdated 5 March 2025\nPublished 4 March 2025\n" + BODY,
     dict(date=datetime(2025, 3, 4))),
    # the date in the body text is not the article's date
    ("Ferry service resumes\nThe ferry last ran on 4 March 2025, the harbour master said.",
     dict(date=None)),
    # a page that starts with a sentence has no title
    (BODY + "\nAdvertisement\n" + BODY, dict(title=None, outlet=None, author=None)),
    # "By" followed by prose is not a byline
    ("Ferry service resumes\nBy Tuesday the harbour had reopened to all traffic.",
     dict(author=None, text="By Tuesday the harbour had reopened to all traffic.")),
    # a bare dateline with no later dateline is the article's own dateline, not a topic box
    ("- Example News, 1920, 18.02.2022\nFerry service resumes\n" + BODY,
     dict(title="Ferry service resumes", outlet="Example News", date=datetime(2022, 2, 18))),
    # a bare top dateline dated before the caption dateline opens a topic box
    ("- Example News, 1920, 13.01.2022\nPort Strikes Explained\nWorkers have struck twice.\n\n"
     "Ferry service resumes\nFerries at dawn. - Example News, 1920, 18.02.2022\n" + BODY,
     dict(title="Ferry service resumes", date=datetime(2022, 2, 18), text=BODY)),
    # ... and so does one dated the same day or later: the caption dateline is the article's
    ("- Example News, 1920, 19.02.2022\nPort Strikes Explained\nWorkers have struck twice.\n"
     "Ferry service resumes\nFerries at dawn. - Example News, 1920, 18.02.2022\n" + BODY,
     dict(title="Ferry service resumes", date=datetime(2022, 2, 18), text=BODY)),
    # the headline repeated in the body is removed; CRLF and NBSP input
    ("Ferry\u00a0service resumes\r\n\r\nFerry service resumes\r\n" + BODY,
     dict(title="Ferry service resumes", text=BODY)),
    # a standfirst (no final punctuation, or a sentence) between the headline and the byline
    (f"{HEADLINE}\nHarbour reopens after three weeks of storm repairs\nBy Jane Doe\n" + BODY,
     dict(title=HEADLINE, author="Jane Doe", text=BODY)),
    (f"{HEADLINE}\nThe harbour reopens after three weeks of storm repairs.\n4 March 2025\n"
     + BODY, dict(date=datetime(2025, 3, 4), text=BODY)),
    # no byline or date after it: the line under the headline is the body's
    (f"{HEADLINE}\nHarbour reopens after three weeks of storm repairs\n" + BODY,
     dict(text=f"Harbour reopens after three weeks of storm repairs\n\n{BODY}")),
    (f"{HEADLINE}\n" + BODY + "\n" + BODY2, dict(text=f"{BODY}\n\n{BODY2}")),
    # "<Name> in <Place>" bylines, alone or after "By"
    (f"{HEADLINE}\nJane Doe and John Roe in Harbour City\n4 March 2025\n" + BODY,
     dict(author="Jane Doe and John Roe", date=datetime(2025, 3, 4), text=BODY)),
    (f"{HEADLINE}\nBy Jane Doe in Kyiv\n" + BODY, dict(author="Jane Doe", text=BODY)),
    (f"{HEADLINE}\nJane Doe in Harbour City said the ferry would run again on Friday.",
     dict(author=None, text="Jane Doe in Harbour City said the ferry would run again on Friday.")),
    # the author's name alone next to the date line; a short line elsewhere is not a name
    (f"{HEADLINE}\n4 March 2025\nJane Doe\n" + BODY, dict(author="Jane Doe", text=BODY)),
    (f"{HEADLINE}\nHarbour News\n" + BODY, dict(author=None, text=f"Harbour News\n\n{BODY}")),
    # date lines of parts: date / time / "Updated ...", "Published: ... | Updated: ...", "(updated: ...)"
    (f"{HEADLINE}\nMay 22, 2025 / 12:41 PM / Updated 4 hours ago\n" + BODY,
     dict(date=datetime(2025, 5, 22, 12, 41), text=BODY)),
    (f"{HEADLINE}\nBy Jane Doe\nPublished: 23 May 2025 09:31 | Updated: 24 May 2025 11:03\n"
     + BODY, dict(date=datetime(2025, 5, 23, 9, 31), text=BODY)),
    (f"{HEADLINE}\nUpdated: 16 April 2025 • 8:02am\nPublished 15 April 2025\n" + BODY,
     dict(date=datetime(2025, 4, 15))),
    (f"{HEADLINE}\n18.02.2022 14:03 (updated: 18.02.2022 16:20)\n" + BODY,
     dict(date=datetime(2022, 2, 18, 14, 3), text=BODY)),
    # a wire dateline on its own line gives the outlet
    (f"{HEADLINE}\nBy Jane Doe\nOSLO, Norway (Example Wire)\n" + BODY,
     dict(outlet="Example Wire", text=BODY)),
    # the masthead: the page's first line, a name above the menu; all caps take the page's casing
    (f"Example Gazette\nNews\nSport\n{HEADLINE}\nBy Jane Doe\n" + BODY,
     dict(outlet="Example Gazette", title=HEADLINE, text=BODY)),
    (f"EXAMPLE GAZETTE\nNews\n{HEADLINE}\nBy Jane Doe\n" + BODY
     + "\nThe mayor told the Example Gazette she was relieved.", dict(outlet="Example Gazette")),
    (f"EXAMPLE GAZETTE\nNews\n{HEADLINE}\nBy Jane Doe\n" + BODY,
     dict(outlet="EXAMPLE GAZETTE")),
    (f"World\n{HEADLINE}\nBy Jane Doe\n" + BODY, dict(outlet=None)),
    # copyright footers: "© Outlet 2025", company suffixes, links after the name
    (f"{HEADLINE}\n{BODY}\n© Example Gazette 2025", dict(outlet="Example Gazette")),
    (f"{HEADLINE}\n{BODY}\n© 2025 Example Gazette Ltd. All rights reserved. | Privacy | Terms",
     dict(outlet="Example Gazette")),
    # a copyright line above the body is a photo's, not the page's
    (f"{HEADLINE}\n© Jane Doe 2025\n{BODY}", dict(outlet=None, text=BODY)),
    # a topic box under menu items runs to the article's headline
    ("Example News\nWorld\n- Example News, 1920, 13.01.2022\nPort Strikes\nWorkers have struck twice "
     f"this year.\nDockers Warn of Longer Walkout\n\n{HEADLINE}\n18.02.2022 14:03 (updated: "
     "18.02.2022 16:20)\nFerries at dawn. - Example News, 1920, 18.02.2022\n" + BODY,
     dict(title=HEADLINE, date=datetime(2022, 2, 18), outlet="Example News", text=BODY)),
    # the sign-off names the author when there is no byline
    (f"{HEADLINE}\n{BODY}\nReporting by Jane Doe; Editing by John Roe",
     dict(author="Jane Doe", text=BODY)),
])
def test_clean_page_metadata(raw, expected):
    page = clean_page(raw)
    assert {k: getattr(page, k) for k in expected} == expected


@pytest.mark.parametrize("raw, reasons", [
    # the deck under the headline, kept in ``removed`` as a standfirst
    (f"{HEADLINE}\nHarbour reopens after repairs\nBy Jane Doe\n" + BODY,
     {1: "title", 2: "standfirst", 3: "byline"}),
    (f"{HEADLINE}\nHarbour reopens after repairs\nJane Doe in Harbour City\n"
     "4 March 2025\n" + BODY, {1: "title", 2: "standfirst", 3: "byline", 4: "dateline"}),
    # a breadcrumb-like date line in the header is a date line
    (f"Example Wire\nMay 22, 2025 / 12:41 PM / Updated 4 hours ago\n{HEADLINE}\n" + BODY,
     {1: "navigation", 2: "dateline", 3: "title"}),
    # the same line in the body is not read as a date (the body has started)
    (f"{HEADLINE}\n{BODY}\nMay 22, 2025 / 12:41 PM / Updated 4 hours ago\n{BODY2}",
     {1: "title", 3: "navigation"}),
])
def test_clean_page_reasons(raw, reasons):
    assert {r.line: r.reason for r in clean_page(raw).removed} == reasons


def test_clean_page_warns_with_source_when_nothing_is_left():
    with pytest.warns(UserWarning, match="empty.txt"):
        page = clean_page("Advertisement\nShare this article", source="empty.txt")
    assert page.text == "" and [r.reason for r in page.removed] == ["advertisement", "share_prompt"]


def test_docstring_examples():
    assert doctest.testmod(clean_module).failed == 0


# --------------------------------------------------------------------------- properties
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([BODY, "Advertisement", "Share", "Home > News", "", "登录",
                                 "Photo: Jane Doe", "Read more: x", "Related Topics", "Floods",
                                 "The photo shows the boat."]), max_size=12))
def test_clean_body_accounts_for_every_line(lines):
    body, removed = clean_body("\n".join(lines))
    kept = body.split("\n\n") if body else []
    assert len(kept) + len(removed) == sum(1 for l in lines if l.strip())
    assert all(lines[r.line - 1] == r.text for r in removed)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "- Example News, 1920, 13.01.2022", "- Example News, 1920, 18.02.2022", "Ferry service resumes today",
    "By Jane Doe", "Published", "4 March 2025", "© Example Press / Jane Doe", "Related Topics", "Floods",
    "", "Паром возобновит рейсы.", "Reporting by Jane Doe; Editing by John Roe", "Example Gazette | Local",
    BODY, BODY2, "Ferry passengers wait in the rain."]), max_size=15))
def test_clean_page_accounts_for_every_line(lines):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = clean_page("\n".join(lines))
    kept = page.text.split("\n\n") if page.text else []
    assert len(kept) + len(page.removed) == sum(1 for l in lines if l.strip())
    assert all(r.reason in REASONS for r in page.removed)
