"""The articles contract and its validator."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.schema import SchemaError, validate_articles


def good() -> pd.DataFrame:
    return pd.DataFrame(
        {"text": ["a", "b"], "title": ["", None], "outlet": ["X", "Y"],
         "date": pd.to_datetime(["2022-02-18", None]), "url": [None, None], "source_path": ["f", "f"]},
        index=pd.Index(["d1", "d2"], name="doc_id"))


BREAKERS = [
    ("missing column", lambda df: df.drop(columns=["outlet"]), "lacks columns: outlet"),
    ("index name", lambda df: df.rename_axis("id"), "index must be named 'doc_id'"),
    ("duplicate id", lambda df: df.set_axis(pd.Index(["d1", "d1"], name="doc_id")), "not unique"),
    ("missing id", lambda df: df.set_axis(pd.Index(["d1", None], name="doc_id")), "missing values"),
    ("text not str", lambda df: df.assign(text=["a", 3]), "text is not a string in 1 rows"),
    ("date as text", lambda df: df.assign(date=["2022-02-18", "x"]), "date must be datetime64"),
]


def test_good_table_passes():
    df = good()
    assert validate_articles(df) is df


@pytest.mark.parametrize("name,breaker,message", BREAKERS, ids=[b[0] for b in BREAKERS])
def test_each_breach_is_named(name, breaker, message):
    with pytest.raises(SchemaError, match=message):
        validate_articles(breaker(good()))
