"""The `framing` command: usage, output formats, exit status, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main

SEED = framing.config.seeds_dir() / "000_9ed0db76b1e14429.txt"
JSONL = '{"id": "a1", "text": "First story.", "outlet": "Wire", "date": "2022-02-18"}\n' \
        '{"id": "a2", "text": "Second story.", "outlet": "Wire"}\n'


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(JSONL)
    return path


def test_preview_and_summary(capsys):
    assert main(["articles", str(SEED)]) == 0
    out, err = capsys.readouterr()
    assert "Sputnik International" in out and "2022-02-18" in out
    assert "loaded 1 article from 1 file" in err


@pytest.mark.parametrize("ext", ["jsonl", "csv", "parquet"])
def test_write_each_format_round_trips(tmp_path, corpus, ext):
    out = tmp_path / f"out.{ext}"
    assert main(["articles", str(corpus), "-o", str(out), "-q"]) == 0
    back = framing.load_articles(out)
    assert back["text"].to_dict() == {"a1": "First story.", "a2": "Second story."}
    assert back.loc["a1", "date"] == pd.Timestamp("2022-02-18")


def test_jsonl_to_stdout(corpus, capsys):
    assert main(["articles", str(corpus), "--format", "jsonl", "-q"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc_id"] for r in rows] == ["a1", "a2"] and rows[0]["outlet"] == "Wire"


# argv, exit status, fragment expected on stderr
CASES = [
    (["articles", "no/such.jsonl"], 1, "framing: error: no such file or directory"),
    (["articles", "{dir}/bad.jsonl"], 0, "skipped: {dir}/bad.jsonl:line 2: invalid JSON"),
    (["articles", "{dir}/bad.jsonl", "--strict"], 1, "framing: error: {dir}/bad.jsonl:line 2: invalid JSON"),
    (["articles", "{dir}/empty.txt"], 1, "framing: error: no articles loaded"),
    (["articles", "{dir}/a.jsonl", "--format", "parquet"], 1, "parquet cannot be written to the terminal"),
    (["articles", "{dir}/a.jsonl", "-o", "{dir}/out.xyz"], 1, "cannot tell the output format"),
    (["articles", "{dir}/a.jsonl", "-o", "{dir}/a.jsonl"], 2, "would overwrite an input file"),
    (["articles", "{dir}/a.jsonl", "--column", "oops"], 2, "--column takes SRC=DST"),
    (["articles"], 2, "the following arguments are required"),
    (["frobnicate"], 2, "invalid choice"),
]


@pytest.mark.parametrize("argv,status,fragment", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_exit_status_and_messages(tmp_path, corpus, capsys, argv, status, fragment):
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "ok"}\n{oops\n')
    (tmp_path / "empty.txt").write_text("")
    argv = [a.replace("{dir}", str(tmp_path)) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    assert code == status
    assert fragment.replace("{dir}", str(tmp_path)) in capsys.readouterr().err


def test_help_says_what_a_user_needs():
    run = subprocess.run([sys.executable, "-m", "framing.cli", "articles", "--help"],
                         capture_output=True, text=True, check=True)
    for word in ("--format", "--strict", "-o", "--column", "--no-clean", "jsonl", "parquet", "examples"):
        assert word in run.stdout
    top = subprocess.run([sys.executable, "-m", "framing.cli", "--help"], capture_output=True,
                         text=True, check=True).stdout
    assert "articles" in top and "report" in top


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("framing")
    assert exe.exists(), "pip install -e . should install the framing command"
    run = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("framing ")


# ---------------------------------------------------------------- spans, features, lexicons, kwic

def test_spans_command_writes_every_format_with_lexicon_versions(tmp_path):
    for ext in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"spans.{ext}"
        assert main(["spans", str(SEED), "-o", str(out), "-q"]) == 0
        table = {"jsonl": lambda p: pd.read_json(p, lines=True), "csv": pd.read_csv,
                 "parquet": pd.read_parquet}[ext](out)
        assert {"doc_id", "start", "end", "text", "voice", "lexicon_version"} <= set(table.columns)
        kiev = table[table["text"] == "Kiev"]
        assert len(kiev) == 2 and set(kiev["voice"]) == {"narrator"}
        assert kiev["lexicon_version"].str.startswith("naming@").all()


def test_spans_command_with_a_user_lexicon_and_jobs(tmp_path, capsys):
    lex = tmp_path / "mine.tsv"
    lex.write_text("pattern\tcategory\nalliance\tactor\n")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": f"The alliance met {i} times."}) + "\n"
                              for i in range(6)))
    assert main(["spans", str(corpus), "--lexicon", str(lex), "--jobs", "2", "--format", "csv", "-q"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == 7 and rows[1].startswith("d0,4,12,alliance,mine,actor")


def test_features_command(tmp_path):
    out = tmp_path / "f.csv"
    assert main(["features", str(SEED), "-o", str(out), "-q"]) == 0
    table = pd.read_csv(out)
    assert table.loc[0, "naming_russian_transliteration_n"] >= 3
    stamps = table.loc[0, "lexicons"].split(";")
    assert len(stamps) == 7 and all(re.fullmatch(r"[a-z_]+@\d+\.\d+\.\d+#[0-9a-f]{16}", s) for s in stamps)


def test_lexicons_command_lists_builtins(capsys):
    assert main(["lexicons"]) == 0
    out = capsys.readouterr().out
    for name in ("loaded", "label", "naming", "attribution", "hedge", "booster", "anonymous_source"):
        assert name in out


def test_kwic_command(capsys):
    assert main(["kwic", "accus*", str(SEED), "--window", "20", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all("[accus" in line for line in lines)


@pytest.mark.parametrize("argv,status,fragment", [
    (["spans", "{seed}", "--lexicon", "nope"], 1, "no lexicon file or built-in named 'nope'"),
    (["kwic", "ac*cus", "{seed}"], 2, "'*' must end a word"),
    (["features", "{dir}/missing.jsonl"], 1, "no such file or directory"),
    (["lexicons", "{dir}/bad.tsv"], 1, "bad.tsv:1: header lacks column(s) category"),
])
def test_issue3_commands_fail_clearly(tmp_path, capsys, argv, status, fragment):
    (tmp_path / "bad.tsv").write_text("pattern\tweight\n")
    argv = [a.replace("{seed}", str(SEED)).replace("{dir}", str(tmp_path)) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    assert code == status
    assert fragment in capsys.readouterr().err


@pytest.mark.parametrize(
    "environ, platform, expected",
    [
        ({}, "linux", {"M_TRIM_THRESHOLD": 256 << 20, "M_TOP_PAD": 16 << 20, "M_MMAP_THRESHOLD": 64 << 20}),
        ({"PATH": "/bin"}, "linux", {"M_TRIM_THRESHOLD": 256 << 20, "M_TOP_PAD": 16 << 20,
                                     "M_MMAP_THRESHOLD": 64 << 20}),
        ({"MALLOC_ARENA_MAX": "2"}, "linux", {}),  # the user tunes glibc: leave it alone
        ({"MALLOC_TRIM_THRESHOLD_": "0"}, "linux", {}),
        ({}, "darwin", {}),
        ({}, "win32", {}),
    ],
)
def test_allocator_settings(environ, platform, expected):
    import platform as host

    from framing.cli import _tune_allocator

    if platform == "linux" and expected and (not sys.platform.startswith("linux")
                                              or host.libc_ver()[0] != "glibc"):
        pytest.skip("glibc's mallopt is needed to apply the settings")
    assert _tune_allocator(environ, platform) == expected
