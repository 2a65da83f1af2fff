"""The `framing` command: usage, output formats, exit status, one-line errors."""

from __future__ import annotations

import json
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
