"""framing.tabletext: CSV text equal to pandas' to_csv, JSON Lines that read back to the table."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.tabletext import table_text, write_table_text

# strings that need each kind of care: CSV quoting, JSON escaping, multi-byte UTF-8
# (no "\r": Python 3.11's csv module, under pandas, leaves it unquoted; see test_exact_text)
HARD = ["plain", "a, b", 'say "no"', "line\nbreak", "back\\slash", "tab\there",
        "bell\x07", "", " spaced ", "Kiev’s «войска»", "line\u2028sep", "emoji 🙂", "=1+1", "'single'"]


def _pandas_csv(df: pd.DataFrame, header: bool = True) -> str:
    return df.to_csv(index=False, header=header, lineterminator="\n")


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _expected_records(df: pd.DataFrame) -> list[dict]:
    out = []
    for row in df.astype(object).to_dict("records"):
        clean = {}
        for k, v in row.items():
            if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)):
                v = None
            elif isinstance(v, np.generic):
                v = v.item()
            clean[str(k)] = v
        out.append(clean)
    return out


TABLES = {
    "hard strings (str dtype)": pd.DataFrame({"s": pd.array(HARD, dtype="string"), "n": range(len(HARD))}),
    "hard strings (object)": pd.DataFrame({"s": np.array(HARD, dtype=object), "k": [i % 2 == 0 for i in range(len(HARD))]}),
    "missing strings": pd.DataFrame({"s": pd.array(["a", None, "b,c", None], dtype="string"),
                                     "o": np.array([None, "x", None, 'q"'], dtype=object)}),
    "all missing object": pd.DataFrame({"o": np.array([None, None], dtype=object), "n": [1, 2]}),
    "floats": pd.DataFrame({"f": [1.0, 0.1 + 0.2, 1e-20, -0.0, 1e16, float("nan"), 123456.789, 2.5e-7],
                            "g": np.arange(8) / 3}),
    # few distinct values (encoded once each): -0.0 apart from 0.0, NaN, infinities
    "repeated floats": pd.DataFrame({"w": [1.0, 0.5, -0.0, 0.0, float("nan"), float("inf"), 1.0, 1.0] * 5,
                                     "n": range(40)}),
    "infinities": pd.DataFrame({"f": [float("inf"), -float("inf"), 1.5], "n": [1, 2, 3]}),
    "ints and bools": pd.DataFrame({"i": np.array([-3, 0, 2**40], dtype=np.int64),
                                    "u": np.array([0, 7, 255], dtype=np.uint8), "b": [True, False, True]}),
    "no rows": pd.DataFrame({"a": pd.array([], dtype="string"), "b": np.array([], dtype=np.int64)}),
    "odd column names": pd.DataFrame({"a,b": ["x", "y"], 'say "c"': [1, 2], 3: [0.5, 1.5]}),
}


@pytest.mark.parametrize("name", list(TABLES))
def test_csv_equals_pandas(name):
    df = TABLES[name]
    assert table_text(df, "csv") == _pandas_csv(df)
    assert table_text(df, "csv", header=False) == _pandas_csv(df, header=False)


@pytest.mark.parametrize("name", list(TABLES))
def test_jsonl_reads_back(name):
    df = TABLES[name]
    text = table_text(df, "jsonl")
    assert text == "" if len(df) == 0 else text.endswith("\n")
    assert text.count("\n") == len(df)  # one line per row: line breaks inside values are escaped
    assert _records(text) == _expected_records(df)


@pytest.mark.parametrize(
    "df, fmt, expected",
    [
        (pd.DataFrame({"a": ["x"], "b": [1.0]}), "jsonl", '{"a":"x","b":1.0}\n'),
        (pd.DataFrame({"a": ['q"'], "b": [True]}), "jsonl", '{"a":"q\\"","b":true}\n'),
        (pd.DataFrame({"a": ["x\ny"], "b": [None]}), "jsonl", '{"a":"x\\ny","b":null}\n'),
        (pd.DataFrame({"a": ['q"'], "b": [True]}), "csv", 'a,b\n"q""",True\n'),
        (pd.DataFrame({"a": ["x\ny"], "b": [float("nan")]}), "csv", 'a,b\n"x\ny",\n'),
        # a carriage return is quoted (RFC 4180; Python 3.12's csv module does it too)
        (pd.DataFrame({"a": ["x\ry"], "b": [1]}), "csv", 'a,b\n"x\ry",1\n'),
        (pd.DataFrame({"a": ["x\ry"], "b": [1]}), "jsonl", '{"a":"x\\ry","b":1}\n'),
        (pd.DataFrame(index=range(2)), "jsonl", "{}\n{}\n"),
        (pd.DataFrame({"a": [], "b": []}), "jsonl", ""),
        (pd.DataFrame({"a": [], "b": []}), "csv", "a,b\n"),
        # one column: a row holding one empty field must be quoted, as pandas does
        (pd.DataFrame({"a": ["", "x"]}), "csv", 'a\n""\nx\n'),
    ],
)
def test_exact_text(df, fmt, expected):
    assert table_text(df, fmt) == expected


@pytest.mark.parametrize(
    "df",
    [
        pd.DataFrame({"d": pd.to_datetime(["2022-02-18", None]), "n": [1, 2]}),  # dates
        pd.DataFrame({"c": pd.Categorical(["x", "y"]), "n": [1, 2]}),  # categories
        pd.DataFrame({"i": pd.array([1, None], dtype="Int64"), "n": [1, 2]}),  # nullable ints
        pd.DataFrame({"m": np.array(["x", 1], dtype=object), "n": [1, 2]}),  # mixed objects
        pd.DataFrame({"g": np.arange(3, dtype=np.float32) / 3, "n": [1, 2, 3]}),  # float32
    ],
)
def test_other_types_are_written_by_pandas(df):
    assert table_text(df, "csv") == _pandas_csv(df)
    expected = df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
    assert table_text(df, "jsonl").rstrip("\n") == expected.rstrip("\n")


def test_duplicate_column_names():
    df = pd.DataFrame([["x", 2]], columns=["a", "a"])
    assert table_text(df, "csv") == "a,a\nx,2\n"
    with pytest.raises(ValueError, match="columns must be unique"):  # a JSON object has one "a"
        table_text(df, "jsonl")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown text format 'xml'"):
        table_text(pd.DataFrame({"a": [1]}), "xml")


text_values = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
                                             max_size=12))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(text_values, text_values, st.floats(allow_nan=True), st.integers(-2**62, 2**62)),
                min_size=1, max_size=12))
def test_property_matches_pandas(rows):
    df = pd.DataFrame(rows, columns=["s", "t", "f", "i"])
    df["s"] = df["s"].astype("string")
    assert table_text(df, "csv") == _pandas_csv(df)
    back = pd.read_csv(io.StringIO(table_text(df, "csv")), keep_default_na=False, na_values=[""])
    assert len(back) == len(df)
    assert _records(table_text(df, "jsonl")) == _expected_records(df)


class _TextOnly(io.StringIO):
    """A text stream without a binary buffer (as in doctest or some notebook front ends)."""


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("name", ["hard strings (str dtype)", "floats", "no rows"])
def test_write_table_text_every_handle(fmt, name):
    df = TABLES[name]
    expected = table_text(df, fmt)
    binary = io.BytesIO()
    write_table_text(binary, df, fmt)
    wrapped = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    wrapped.write("before\n")  # text written first stays first
    write_table_text(wrapped, df, fmt)
    wrapped.flush()
    text_only = _TextOnly()
    write_table_text(text_only, df, fmt)
    assert binary.getvalue().decode("utf-8") == expected
    assert wrapped.buffer.getvalue().decode("utf-8") == "before\n" + expected
    assert text_only.getvalue() == expected
