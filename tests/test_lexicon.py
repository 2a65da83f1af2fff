"""Lexicon files: formats, validation with file:line, built-in lexicons and their data card."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from framing.lexicon import (
    BUILTIN_DIR, REQUIRED, Lexicon, LexiconError, LexiconWarning, builtin_lexicons, load_lexicon,
    parse_pattern,
)

FIX = Path(__file__).parent / "fixtures" / "lexicons"

PATTERNS = [
    ("slammed", ("slammed",), (False,)),
    ("accus*", ("accus",), (True,)),
    ("self-declared", ("self", "declared"), (False, False)),
    ("self declared", ("self", "declared"), (False, False)),
    ("Self-Declared", ("self", "declared"), (False, False)),
    ("self-decl*", ("self", "decl"), (False, True)),
    ("continued to claim", ("continued", "to", "claim"), (False, False, False)),
    ("people's republic", ("people's", "republic"), (False, False)),
    ("people\u2019s republic", ("people's", "republic"), (False, False)),
    ("u.s. officials", ("u.s.", "officials"), (False, False)),
    ("U.S.-backed", ("u.s.", "backed"), (False, False)),
    ("  padded  ", ("padded",), (False,)),
    ("3.5 percent", ("3.5", "percent"), (False, False)),
    ("café", ("café",), (False,)),
]


@pytest.mark.parametrize("pattern,words,prefix", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_parse_pattern(pattern, words, prefix):
    assert parse_pattern(pattern) == (words, prefix)


@pytest.mark.parametrize("pattern,message", [
    ("", "empty pattern"),
    ("   ", "empty pattern"),
    ("*", "'*' must end a word"),
    ("ac*cus", "'*' must end a word"),
    ("*cus", "'*' must end a word"),
    ("accus**", "'*' must end a word"),
    ("self *declared", "'*' must end a word"),
    ("!!!", "no word characters"),
])
def test_malformed_patterns(pattern, message):
    with pytest.raises(ValueError, match=message):
        parse_pattern(pattern)


TSV_HEADER = "pattern\tcategory\tsubcategory\tweight\tnote\tsource\n"
BAD_TSV = [
    ("dup", TSV_HEADER + "kiev\tnaming\ta\t1\tn\tt\nslammed\tloaded\tb\t1\tn\tt\nKiev\tnaming\ta\t1\tn\tt\n",
     r"bad\.tsv:4: duplicate pattern 'kiev' \(same as line 2"),
    ("dup hyphen", TSV_HEADER + "self-declared\tl\ta\t1\tn\tt\nself declared\tl\ta\t1\tn\tt\n",
     r"bad\.tsv:3: duplicate pattern 'self declared'"),
    ("empty pattern", TSV_HEADER + "\tloaded\ta\t1\tn\tt\n", r"bad\.tsv:2: empty pattern"),
    ("bad star", TSV_HEADER + "x*y\tloaded\ta\t1\tn\tt\n", r"bad\.tsv:2: '\*' must end a word"),
    ("unknown column", "pattern\tcategory\tcolour\n", r"bad\.tsv:1: unknown column\(s\) 'colour'"),
    ("missing column", "pattern\tweight\n", r"bad\.tsv:1: header lacks column\(s\) category"),
    ("field count", TSV_HEADER + "kiev\tnaming\ta\t1\n", r"bad\.tsv:2: 4 fields, the header has 6"),
    ("weight", TSV_HEADER + "kiev\tnaming\ta\theavy\tn\tt\n", r"bad\.tsv:2: weight 'heavy' is not a number"),
    ("no category", TSV_HEADER + "kiev\t\ta\t1\tn\tt\n", r"bad\.tsv:2: empty category"),
    ("no header", "# only comments\n", r"bad\.tsv:1: no header row"),
]


@pytest.mark.parametrize("name,content,message", BAD_TSV, ids=[b[0] for b in BAD_TSV])
def test_bad_tsv_names_file_and_line(tmp_path, name, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(path)


def test_pattern_that_can_never_match_is_kept_and_warned(tmp_path):
    path = tmp_path / "w.tsv"
    path.write_text(TSV_HEADER + "kiev\tnaming\ta\t1\tn\tt\nfoo, bar\tloaded\ta\t1\tn\tt\n")
    with pytest.warns(LexiconWarning, match=r"w\.tsv:3: pattern 'foo, bar' can never match"):
        lex = load_lexicon(path)
    assert [e.pattern for e in lex] == ["kiev", "foo, bar"]


def test_tsv_metadata_and_hash():
    lex = load_lexicon(FIX / "demo.tsv")
    assert (lex.name, lex.version, len(lex)) == ("demo", "2.0", 2)
    assert lex.stamp() == f"demo@2.0#{lex.hash}" and len(lex.hash) == 16
    e = lex.entries[0]
    assert (e.category, e.subcategory, e.weight, e.note, e.line) == ("label", "status", 1.0, "qualifies a claim", 4)


def test_hash_depends_on_content_not_format(tmp_path):
    a = Lexicon.from_records("a", [{"pattern": "x", "category": "c"}])
    b = Lexicon.from_records("b", [{"pattern": "x", "category": "c"}])
    c = Lexicon.from_records("a", [{"pattern": "x", "category": "d"}])
    assert a.hash == b.hash != c.hash


def test_yaml_quanteda_style():
    lex = load_lexicon(FIX / "demo.yml")
    got = [(e.pattern, e.category, e.subcategory, e.line) for e in lex]
    assert got == [("slammed", "loaded", "", 2), ("cruel*", "loaded", "", 3),
                   ("claimed", "attribution", "distancing", 6),
                   ("continued to claim", "attribution", "distancing", 7),
                   ("accused", "attribution", "conflict", 8), ("denied", "attribution", "conflict", 8)]


@pytest.mark.parametrize("content,message", [
    ("loaded: [a, b\n", r"bad\.yml:\d+: not valid YAML"),
    ("- a\n- b\n", r"bad\.yml:1: expected a mapping"),
    ("loaded: 5\n", r"bad\.yml:1: expected a list of patterns under loaded"),
    ("loaded:\n  - [nested]\n", r"bad\.yml:2: expected a pattern string"),
])
def test_bad_yaml(tmp_path, content, message):
    path = tmp_path / "bad.yml"
    path.write_text(content)
    with pytest.raises(LexiconError, match=message):
        load_lexicon(path)


def test_liwc_dic_reads_categories_and_says_what_it_skipped():
    with pytest.warns(LexiconWarning, match=r"demo\.dic:8: 'like.{1,2}\(02 134\)1/2'"):
        lex = load_lexicon(FIX / "demo.dic")
    assert [(e.pattern, e.category) for e in lex] == [
        ("happy", "posemo"), ("abandon*", "negemo"), ("kind of", "posemo"), ("kind of", "negemo")]
    assert len(lex.skipped) == 1


def test_liwc_unknown_category_number(tmp_path):
    path = tmp_path / "bad.dic"
    path.write_text("%\n1\tposemo\n%\nhappy\t7\n")
    with pytest.raises(LexiconError, match=r"bad\.dic:4: category number 7"):
        load_lexicon(path)


def test_plain_word_list_warns_on_repeats(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("; comment\nalpha\nbeta\nalpha\n")
    with pytest.warns(LexiconWarning, match=r"words\.txt:4: duplicate word 'alpha'"):
        lex = load_lexicon(path)
    assert [e.pattern for e in lex] == ["alpha", "beta"] and lex.entries[0].category == "words"


def test_unknown_name_or_format(tmp_path):
    with pytest.raises(FileNotFoundError, match="built-ins: .*loaded"):
        load_lexicon("no-such-lexicon")
    (tmp_path / "x.csv").write_text("a")
    with pytest.raises(LexiconError, match="unknown lexicon format '.csv'"):
        load_lexicon(tmp_path / "x.csv")


# ---------------------------------------------------------------- the built-in lexicons

MINIMUM = {"loaded": 800, "label": 100, "attribution": 150, "hedge": 100, "booster": 100,
           "anonymous_source": 40}
STANCES = {"neutral", "distancing", "emphatic", "conflict", "endorsing", "concessive"}


@pytest.mark.parametrize("name", builtin_lexicons())
def test_builtin_is_complete_and_clean(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error", LexiconWarning)  # no never-matching pattern in our own data
        lex = load_lexicon(name)
    assert lex.name == name and lex.version != "unversioned" and lex.description
    header = (BUILTIN_DIR / f"{name}.tsv").read_text(encoding="utf-8")
    assert "\t".join(REQUIRED) in header
    for e in lex:
        assert e.note.strip() and e.source.strip() and e.subcategory, (name, e.line)
        assert "\t" not in e.note and len(e.note) >= 15, (name, e.line)
        assert e.pattern == e.pattern.lower()


@pytest.mark.parametrize("name,minimum", sorted(MINIMUM.items()))
def test_builtin_sizes(name, minimum):
    lex = load_lexicon(name)
    assert len(lex) >= minimum
    assert set(lex.category_counts()) == {name}


def test_attribution_stances():
    lex = load_lexicon("attribution")
    assert {e.subcategory for e in lex} == STANCES
    stance = {e.pattern: e.subcategory for e in lex}
    for pattern, expected in [("said", "neutral"), ("claimed", "distancing"), ("insisted", "emphatic"),
                              ("accused", "conflict"), ("denied", "conflict"), ("pointed out", "endorsing"),
                              ("admitted", "concessive"), ("continued to claim", "distancing")]:
        assert stance[pattern] == expected, pattern


def test_naming_pairs_name_their_alternative():
    lex = load_lexicon("naming")
    pairs = {e.subcategory for e in lex}
    assert len(pairs) >= 60
    domains = {e.extra.get("domain") for e in lex}
    assert len(domains - {None}) >= 6
    patterns = {e.pattern for e in lex}
    for e in lex:
        assert e.extra.get("alternative") in patterns, (e.pattern, e.extra)
        assert e.extra.get("signals")
    by_pattern = {e.pattern: e for e in lex}
    assert by_pattern["kiev"].extra["alternative"] == "kyiv"
    assert by_pattern["kiev"].subcategory == by_pattern["kyiv"].subcategory


def test_rich_display_escapes():
    lex = Lexicon.from_records("<b>x</b>", [{"pattern": "a", "category": "<script>"}])
    html = lex._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


FRAMES = {"economic", "capacity_and_resources", "morality", "fairness_and_equality",
          "legality_constitutionality_and_jurisprudence", "policy_prescription_and_evaluation",
          "crime_and_punishment", "security_and_defense", "health_and_safety", "quality_of_life",
          "cultural_identity", "public_opinion", "political", "external_regulation_and_reputation"}


def test_frames_lexicon_has_the_14_codebook_frames():
    lex = load_lexicon("frames")
    counts = {}
    for e in lex:
        assert e.category == "frame"
        counts[e.subcategory] = counts.get(e.subcategory, 0) + 1
    assert set(counts) == FRAMES
    assert min(counts.values()) >= 120, counts
    readme = (BUILTIN_DIR / "README.md").read_text(encoding="utf-8")
    for frame in FRAMES:
        assert f"### {frame}" in readme, f"{frame} has no definition in the data card"


# loaded and label 0.3.0 (issue 3, second round; reports/validation.md): entries removed because
# they are mostly neutral in news, narrowed, or added after reading them in news context.
LOADED_LABEL_030 = [
    ("loaded", "outrageous*", True), ("loaded", "outraged", True), ("loaded", "outrage*", False),
    ("loaded", "brutal", True), ("loaded", "brutal*", False), ("loaded", "massacred", True),
    ("loaded", "massacre*", False), ("loaded", "massive", False), ("loaded", "loot*", False),
    ("loaded", "misinformation", False), ("loaded", "disinformation", True),
    ("loaded", "illegal immigrant*", False), ("loaded", "debunked", True), ("loaded", "whims", True),
    ("loaded", "flex* its muscle*", True), ("loaded", "provocat*", True),
    ("label", "activists", False), ("label", "abortion activists", True), ("label", "fighters", False),
    ("label", "security forces", False), ("label", "radical left", False), ("label", "radical", True),
    ("label", "regime", True), ("label", "self-declared", True), ("label", "gunmen", True),
]
# 0.4.0 (third round): missing forms and families added, two labels that are mostly the neutral
# description in news removed; candidates read in news and left out stay absent.
LOADED_LABEL_040 = [
    ("loaded", "blasts", True), ("loaded", "rips", True), ("loaded", "slam", True),
    ("loaded", "enormously", True), ("loaded", "anti-police", True), ("loaded", "anti-trump", False),
    ("loaded", "anti-gun", False), ("loaded", "self-dealing", False), ("loaded", "abortion industry", True),
    ("loaded", "noise machine", True), ("loaded", "fatten* the pockets", True), ("loaded", "wild", False),
    ("loaded", "manipulated", False), ("loaded", "desperate", False),
    ("label", "de facto", False), ("label", "de facto authorities", True), ("label", "nationalists", False),
    ("label", "nationalist government", True), ("label", "elite", False),
    # drafted for label, dropped: loaded already has it (a hit counted in both lexicons)
    ("label", "liberal elite*", False), ("loaded", "liberal elite*", True), ("label", "coastal elite*", False),
    ("label", "leaker", True), ("label", "leakers", True), ("label", "extremists", True),
    ("label", "militants", False), ("label", "collaborator", False), ("loaded", "tone-deaf", True),
    ("loaded", "divider-in-chief", True), ("loaded", "over-the-top", False), ("loaded", "stoking", False),
]


@pytest.mark.parametrize("name,pattern,present", LOADED_LABEL_030 + LOADED_LABEL_040,
                         ids=[f"{n}:{p}" for n, p, _ in LOADED_LABEL_030 + LOADED_LABEL_040])
def test_loaded_label_entries(name, pattern, present):
    lex = load_lexicon(name)
    assert lex.version == "0.4.0"
    assert (pattern in {e.pattern for e in lex}) is present
