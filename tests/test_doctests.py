"""Every docstring example in the package runs and gives what it shows (examples drift
otherwise: they are documentation that a reader copies)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import framing

MODULES = sorted(m.name for m in pkgutil.iter_modules(framing.__path__, "framing.")
                 if m.name not in ("framing.__main__",))


def test_modules_found():
    assert {"framing.attribution", "framing.spans", "framing.features"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} fail: run pytest --doctest-modules"
