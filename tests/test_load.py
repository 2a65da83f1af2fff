"""Loading articles: formats, aliases, verbatim text, ids, dates, bad input, streaming.

Every test builds its input in a temporary folder from a table row; none needs the network
or ../shared.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.load import COLUMN_ALIASES, FramingLoadWarning, LoadError, LoadReport, MissingExtraError

SEED = framing.config.seeds_dir() / "000_9ed0db76b1e14429.txt"


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if name.endswith(".gz"):
        data = gzip.compress(data)
    elif name.endswith(".bz2"):
        data = bz2.compress(data)
    path.write_bytes(data)
    return path


def load_quiet(source, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = framing.load_articles(source, **kw)
    return df, [str(w.message) for w in caught if issubclass(w.category, FramingLoadWarning)]


JSONL = '{"id": "a1", "text": "First story.", "outlet": "Wire", "title": "One"}\n' \
        '{"id": "a2", "text": "Second story.", "outlet": "Wire", "title": "Two"}\n'
CSV = 'id,text,outlet,title\na1,First story.,Wire,One\na2,"Second story.",Wire,Two\n'

# name, content, expected {doc_id: text}
FORMAT_CASES = [
    ("a.jsonl", JSONL, {"a1": "First story.", "a2": "Second story."}),
    ("a.ndjson", JSONL, {"a1": "First story.", "a2": "Second story."}),
    ("a.jsonl.gz", JSONL, {"a1": "First story.", "a2": "Second story."}),
    ("a.jsonl.bz2", JSONL, {"a1": "First story.", "a2": "Second story."}),
    ("a.json", json.dumps([json.loads(x) for x in JSONL.splitlines()]),
     {"a1": "First story.", "a2": "Second story."}),
    ("b.json", json.dumps({"articles": [json.loads(x) for x in JSONL.splitlines()]}),
     {"a1": "First story.", "a2": "Second story."}),
    ("c.json", JSONL, {"a1": "First story.", "a2": "Second story."}),  # JSONL named .json
    ("one.json", '{"id": "o1", "text": "Solo.", "authors": ["A", "B"]}', {"o1": "Solo."}),
    ("pretty.json", json.dumps({"id": "o2", "text": "Pretty.", "tags": [{"k": 1}]}, indent=2),
     {"o2": "Pretty."}),
    ("a.csv", CSV, {"a1": "First story.", "a2": "Second story."}),
    ("a.csv.gz", CSV, {"a1": "First story.", "a2": "Second story."}),
    ("semi.csv", CSV.replace(",", ";"), {"a1": "First story.", "a2": "Second story."}),
    ("a.tsv", CSV.replace(",", "\t"), {"a1": "First story.", "a2": "Second story."}),
    ("bom.csv", "\ufeff" + CSV, {"a1": "First story.", "a2": "Second story."}),
    ("pipe.csv", CSV.replace(",", "|"), {"a1": "First story.", "a2": "Second story."}),
    ("semi-long.csv", 'id;text\nq1;"A long text, with commas, many, many, commas, and more, and more."\n',
     {"q1": "A long text, with commas, many, many, commas, and more, and more."}),
    ("multi.csv", 'id,text\nm1,"Line one.\nLine two, with comma."\n', {"m1": "Line one.\nLine two, with comma."}),
]


@pytest.mark.parametrize("name,content,expected", FORMAT_CASES, ids=[c[0] for c in FORMAT_CASES])
def test_formats(tmp_path, name, content, expected):
    df, warned = load_quiet(write(tmp_path, name, content))
    assert df["text"].to_dict() == expected
    assert warned == []
    assert list(df.columns[:6]) == list(framing.ARTICLE_COLUMNS)
    assert df.index.name == "doc_id"
    framing.validate_articles(df)


def test_parquet(tmp_path):
    src = pd.DataFrame({"id": ["p1", "p2"], "body": ["Alpha.", "Beta."], "publisher": ["X", "Y"]})
    path = tmp_path / "a.parquet"
    src.to_parquet(path)
    df, warned = load_quiet(path)
    assert df["text"].to_dict() == {"p1": "Alpha.", "p2": "Beta."}
    assert df["outlet"].tolist() == ["X", "Y"]
    assert warned == []


ALIAS_CASES = [(alias, canon) for canon, aliases in COLUMN_ALIASES.items() for alias in aliases
               if alias != canon]


@pytest.mark.parametrize("alias,canon", ALIAS_CASES, ids=[f"{a}->{c}" for a, c in ALIAS_CASES])
@pytest.mark.parametrize("ext", ["jsonl", "csv"])
def test_column_aliases(tmp_path, alias, canon, ext):
    rec = {"id": "x1", "text": "Body text.", "title": "T", "outlet": "O", "date": "2022-02-18",
           "url": "https://example.org/a"}
    value = rec.pop("id" if canon == "doc_id" else canon)
    rec[alias] = value
    if ext == "jsonl":
        path = write(tmp_path, "a.jsonl", json.dumps(rec) + "\n")
    else:
        path = write(tmp_path, "a.csv", pd.DataFrame([rec]).to_csv(index=False))
    df, _ = load_quiet(path)
    row = df.reset_index().iloc[0]
    expected = pd.Timestamp("2022-02-18") if canon == "date" else value
    assert row["doc_id"] == "x1"
    assert row[canon] == expected
    assert alias not in df.columns  # renamed, not duplicated


def test_alias_preference_and_explicit_mapping(tmp_path):
    rec = {"id": "d", "content": "tokenised copy", "content_original": "Original text.", "article": "x"}
    path = write(tmp_path, "a.jsonl", json.dumps(rec) + "\n")
    df, _ = load_quiet(path)
    assert df.loc["d", "text"] == "Original text."
    assert df.loc["d", "content"] == "tokenised copy"  # other columns kept as given
    df2, _ = load_quiet(path, columns={"article": "text"})
    assert df2.loc["d", "text"] == "x"


def test_structured_text_is_verbatim(tmp_path):
    text = "Kiev\u00a0said  \u201cno\u201d.\r\nNext line\u200b. Caf\u0065\u0301."  # NBSP, CRLF, ZWSP, decomposed é
    path = write(tmp_path, "a.jsonl", json.dumps({"id": "v", "text": text}) + "\n")
    df, _ = load_quiet(path)
    assert df.loc["v", "text"] == text
    assert df.loc["v", "text"].index("said") == text.index("said")
    cleaned, _ = load_quiet(path, clean=True)
    assert "\u00a0" not in cleaned.loc["v", "text"]


def test_given_ids_and_stable_hash_ids(tmp_path):
    recs = [{"text": "No id here.", "outlet": "O", "title": "T"}, {"id": 42, "text": "Numeric id."}]
    path = write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in recs) + "\n")
    df, _ = load_quiet(path)
    expected_hash = hashlib.sha1(b"O\x1fT\x1fNo id here.").hexdigest()[:16]
    assert df.index.tolist() == [expected_hash, "42"]
    df_again, _ = load_quiet(path)
    assert df_again.index.tolist() == df.index.tolist()


DATE_CASES = [
    ("2022-02-18", "2022-02-18 00:00:00"),
    ("2022-02-18T10:03:00Z", "2022-02-18 10:03:00"),
    ("2022-02-18T12:03:00+02:00", "2022-02-18 10:03:00"),  # normalised to UTC
    ("18.02.2022", "2022-02-18 00:00:00"),
    ("February 18, 2022", "2022-02-18 00:00:00"),
]


@pytest.mark.parametrize("raw,expected", DATE_CASES)
def test_dates(tmp_path, raw, expected):
    path = write(tmp_path, "a.jsonl", json.dumps({"id": "d", "text": "x", "date": raw}) + "\n")
    df, warned = load_quiet(path)
    assert df.loc["d", "date"] == pd.Timestamp(expected)
    assert str(df["date"].dtype).startswith("datetime64")
    assert warned == []


@pytest.mark.parametrize("raw", ["0001-11-30", "not a date", "2022-13-45"])
def test_bad_dates_are_nat_and_kept_raw(tmp_path, raw):
    recs = [{"id": "good", "text": "a", "date": "2020-01-02"}, {"id": "bad", "text": "b", "date": raw}]
    path = write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in recs) + "\n")
    df, warned = load_quiet(path)
    assert pd.isna(df.loc["bad", "date"]) and df.loc["good", "date"] == pd.Timestamp("2020-01-02")
    assert df.loc["bad", "date_raw"] == raw
    assert len(warned) == 1 and "a.jsonl:line 2" in warned[0] and raw in warned[0]


# name, content (bytes), loaded texts, expected problem fragments
BAD_CASES = [
    ("broken.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": \n{"id": "c", "text": "ok too"}\n',
     2, ["broken.jsonl:line 2: invalid JSON"]),
    ("list.jsonl", b'{"id": "a", "text": "ok"}\n[1, 2]\n', 1, ["list.jsonl:line 2: expected a JSON object"]),
    ("notext.jsonl", b'{"id": "a", "body2": "x"}\n{"id": "b", "body2": "y"}\n', 0,
     ["notext.jsonl: 2 records from line 1 on skipped: no text column"]),
    ("emptytext.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "  "}\n{"id": "c", "text": null}\n',
     1, ["emptytext.jsonl:line 2: empty text", "emptytext.jsonl:line 3: empty text"]),
    ("numtext.jsonl", b'{"id": "a", "text": 5}\n', 0, ["numtext.jsonl:line 1: text is a int"]),
    ("fields.csv", b"id,text\na,ok\nb,too,many\nc,fine\n", 2, ["fields.csv:line 3: 3 fields, the header has 2 (delimiter ',')"]),
    ("notext.csv", b"id,headline\na,x\nb,y\nc,z\n", 0, ["notext.csv: 3 records from line 2 on skipped: no text column"]),
    ("empty.txt", b"", 0, ["empty.txt: empty file"]),
    ("blank.txt", b"  \n\n \t\n", 0, ["blank.txt: empty file"]),
    ("empty.jsonl", b"", 0, ["empty.jsonl: empty file"]),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 0, ["binary.txt: binary file"]),
    ("binary.csv", b"\x00\x01\x02id,text\n" * 10, 0, ["binary.csv: binary file"]),
    ("nul.jsonl", b'{"id": "a", "text": "ok"}\n\x00\x00\x00\n', 1, ["nul.jsonl:line 2: binary data"]),
    ("data.xyz", b"whatever", 0, ["data.xyz: unknown file type '.xyz'"]),
    ("noext", b"whatever", 0, ["noext: unknown file type '(none)'"]),
    ("dup.jsonl", b'{"id": "a", "text": "Same."}\n{"id": "b", "text": "Same."}\n', 1,
     ["dup.jsonl:line 2: duplicate of 'a'"]),
    ("dupid.jsonl", b'{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n', 1,
     ["dupid.jsonl:line 2: id 'a' already used at"]),
    ("parq.parquet", b"PAR1 not really parquet", 0, ["parq.parquet: not a readable Parquet file"]),
    ("bad.json", b'[{"id": "a", "text": "x"},', 0, ["bad.json:line 1: invalid JSON"]),
]


@pytest.mark.parametrize("name,content,n_loaded,fragments", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_is_reported_not_lost(tmp_path, name, content, n_loaded, fragments):
    path = write(tmp_path, name, content)
    report = LoadReport()
    df, warned = load_quiet(path, report=report)
    assert len(df) == n_loaded
    problems = [str(p) for p in report.problems]
    for frag in fragments:
        assert any(frag in p for p in problems), (frag, problems)
        assert any(frag in w for w in warned), (frag, warned)
    # every record accounted for: loaded + skipped + duplicates
    assert report.loaded == n_loaded
    assert report.skipped + report.duplicates >= 1
    assert df.attrs["load_report"]["problems"] == problems


@pytest.mark.parametrize("name,content,n_loaded,fragments",
                         [c for c in BAD_CASES if not c[0].startswith("dup.")],
                         ids=[c[0] for c in BAD_CASES if not c[0].startswith("dup.")])
def test_bad_input_raises_in_strict_mode(tmp_path, name, content, n_loaded, fragments):
    path = write(tmp_path, name, content)
    with pytest.raises(LoadError) as err:
        framing.load_articles(path, errors="raise")
    assert fragments[0].split(":")[0] in str(err.value)


def test_duplicates_never_abort_strict_mode(tmp_path):
    path = write(tmp_path, "dup.jsonl", b'{"id": "a", "text": "Same."}\n{"id": "b", "text": "Same."}\n')
    report = LoadReport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = framing.load_articles(path, errors="raise", report=report)
    assert df.index.tolist() == ["a"] and report.duplicates == 1
    assert "dropped 1 duplicate" in report.summary()
    kept = framing.load_articles(path, dedupe=False)
    assert kept.index.tolist() == ["a", "b"]


ENCODING_CASES = [
    ("utf8.txt", "Headline\n\nCaf\u00e9 owners said prices rose sharply this year.".encode("utf-8"), None),
    ("bom.txt", "\ufeffHeadline\n\nCaf\u00e9 owners said prices rose sharply this year.".encode("utf-8"), None),
    ("cp1252.txt", "Headline\n\nCaf\u00e9 owners \u201csaid\u201d prices rose sharply this year.".encode("cp1252"),
     "decoded as cp1252"),
]


@pytest.mark.parametrize("name,content,warning", ENCODING_CASES, ids=[c[0] for c in ENCODING_CASES])
def test_encodings(tmp_path, name, content, warning):
    df, warned = load_quiet(write(tmp_path, name, content))
    assert len(df) == 1
    assert "Caf\u00e9 owners" in df["text"].iloc[0]
    assert not df["text"].iloc[0].startswith("\ufeff")
    if warning:
        assert any(warning in w and name in w for w in warned)
    else:
        assert warned == []


def test_cp1252_line_in_jsonl(tmp_path):
    good = b'{"id": "a", "text": "fine"}\n'
    bad = '{"id": "b", "text": "caf\u00e9"}\n'.encode("cp1252")
    df, warned = load_quiet(write(tmp_path, "mixed.jsonl", good + bad))
    assert df.loc["b", "text"] == "caf\u00e9"
    assert any("mixed.jsonl:line 2" in w and "cp1252" in w for w in warned)


def test_undecodable_file(tmp_path):
    # 0x81 is undefined in cp1252 and invalid as a UTF-8 start byte.
    path = write(tmp_path, "bad.csv", b"id,text\na,caf\x81\n")
    report = LoadReport()
    df, _ = load_quiet(path, report=report)
    assert len(df) == 0 and "undecodable byte" in str(report.problems[0])


def test_huge_page_is_reported(tmp_path):
    path = write(tmp_path, "huge.txt", "Title\n\n" + "word " * 3000)
    report = LoadReport()
    df, _ = load_quiet(path, report=report, max_file_bytes=1000)
    assert len(df) == 0 and "too large for one article" in str(report.problems[0])


@pytest.mark.parametrize("errors", ["report", "raise"])
@pytest.mark.parametrize("source", ["does/not/exist.jsonl", "nowhere/*.txt"])
def test_missing_path_is_an_error_in_both_modes(tmp_path, source, errors):
    with pytest.raises(FileNotFoundError):
        framing.load_articles(str(tmp_path / source), errors=errors)


def test_folder_glob_and_list_sources(tmp_path):
    write(tmp_path, "corpus/a.jsonl", '{"id": "1", "text": "One."}\n')
    write(tmp_path, "corpus/sub/b.jsonl", '{"id": "2", "text": "Two."}\n')
    write(tmp_path, "corpus/.hidden/c.jsonl", '{"id": "3", "text": "Three."}\n')
    assert load_quiet(tmp_path / "corpus")[0].index.tolist() == ["1", "2"]
    assert load_quiet(str(tmp_path / "corpus" / "**" / "*.jsonl"))[0].index.tolist() == ["1", "2"]
    assert load_quiet([tmp_path / "corpus/sub/b.jsonl", tmp_path / "corpus/a.jsonl"])[0].index.tolist() == ["2", "1"]


def test_inputs_are_never_modified(tmp_path):
    corpus = tmp_path / "corpus"
    write(tmp_path, "corpus/a.jsonl", '{"id": "1", "text": "One\u00a0two."}\n{broken\n')
    write(tmp_path, "corpus/page.txt", SEED.read_bytes())
    write(tmp_path, "corpus/b.csv", "id,text\nx,y\nz\n")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.rglob("*")}
    load_quiet(corpus)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.rglob("*")}
    assert before == after


def test_dataframe_source_is_validated_and_normalised():
    src = pd.DataFrame({"headline": ["A", "B"], "body": ["x", "y"], "extra": [1, 2]},
                       index=pd.Index(["i1", "i2"], name="id"))
    df, _ = load_quiet(src)
    assert df.index.tolist() == ["i1", "i2"]
    assert df["title"].tolist() == ["A", "B"] and df["extra"].tolist() == [1, 2]
    framing.validate_articles(df)


def test_bare_text_string_is_rejected():
    with pytest.raises(TypeError, match="looks like article text"):
        framing.load_articles("Russia said on Friday.\nNATO said no.")


def test_iter_articles_streams_in_chunks_and_dedupes_across_them(tmp_path):
    lines = [json.dumps({"id": f"n{i}", "text": f"Story {i % 7}."}) for i in range(20)]
    path = write(tmp_path, "a.jsonl.gz", "\n".join(lines) + "\n")
    report = LoadReport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chunks = list(framing.iter_articles(path, chunksize=3, report=report))
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert pd.concat(chunks).index.tolist() == [f"n{i}" for i in range(7)]
    assert report.duplicates == 13 and report.loaded == 7


def test_seed_loads_with_its_metadata():
    df, warned = load_quiet(SEED)
    assert len(df) == 1 and warned == []
    row = df.iloc[0]
    assert row["outlet"] == "Sputnik International"
    assert row["title"] == ("Russian FM Accuses NATO of 'Escalation for Sake of Escalation' Amid "
                            "Troop Accumulation Claims")
    assert row["date"] == pd.Timestamp("2022-02-18")
    assert row["text"].startswith("Even though Russia has provided evidence")
    assert row["text"].endswith("(OSCE).")
    for gone in ("\u00a9", "log in or register", "To participate", "Go to the mediabank",
                 "\u0417\u0430\u0433\u043e\u043b\u043e\u0432\u043e\u043a", "Russia-NATO Row", "\u00a0"):
        assert gone not in row["text"]
    assert "log in or register" in row["removed"] and "\u00a9 Sputnik" in row["removed"]
    assert row["source_path"] == str(SEED)


def test_seed_without_cleaning_is_verbatim():
    df, _ = load_quiet(SEED, clean=False)
    assert df["text"].iloc[0] == SEED.read_text(encoding="utf-8")


HTML = """<!doctype html><html><head><title>Port strike ends | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2025-03-04T09:12:00Z">
<script>document.write('EVIL SCRIPT TEXT'); alert(1)</script><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> &gt; <a href="/news">News</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all</div>
<article><h1>Port strike ends after nine days</h1>
<p>Dock workers at the northern port returned to work on Tuesday after union leaders accepted a revised pay offer from the harbour authority.</p>
<p>The nine-day strike had left more than forty container ships waiting offshore, and exporters said the delays cost them millions in lost orders.</p>
<script>var tracking = "EVIL INLINE SCRIPT";</script>
<p>Union spokesperson Mara Lind said the agreement was "a fair outcome for people who keep this city running".</p>
</article><footer>&copy; 2025 Harbour Times. All rights reserved.</footer></body></html>"""


def test_html_page_main_text_and_metadata(tmp_path):
    df, _ = load_quiet(write(tmp_path, "page.html", HTML))
    row = df.iloc[0]
    assert row["text"].startswith("Dock workers at the northern port")
    assert "a fair outcome" in row["text"]
    for gone in ("EVIL", "alert(", "cookies", "All rights reserved", "color: red"):
        assert gone not in row["text"]
    assert row["title"].startswith("Port strike ends")
    assert row["outlet"] == "Harbour Times"
    assert row["date"] == pd.Timestamp("2025-03-04")


def test_html_without_the_extra_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'framing\[html\]'"):
        framing.load_articles(write(tmp_path, "page.html", HTML))


def test_teaching_corpus_raw_pages_load_to_their_jsonl_articles():
    """The constructed corpus ships each raw page's true body and metadata in articles.jsonl."""
    sample = framing.config.sample_dir()
    truth, _ = load_quiet(sample / "articles.jsonl")
    pages, warned = load_quiet(sample / "raw")
    assert len(pages) >= 12 and warned == []
    for _, page in pages.iterrows():
        stem = Path(page["source_path"]).name.rsplit(".", 1)[0]
        want = truth.loc[stem]
        assert page["text"] == want["text"], stem
        assert (page["title"], page["outlet"]) == (want["title"], want["outlet"]), stem
        assert page["date"].normalize() == want["date"], stem
