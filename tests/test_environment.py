"""environment.yml lists the same dependencies, with the same bounds, as pyproject.toml."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES: dict[str, str] = {}


def parse_requirement(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*([^;]*)", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def pyproject_deps(text: str) -> dict[str, str]:
    data = tomllib.loads(text)
    deps = dict(parse_requirement(r) for r in data["project"]["dependencies"])
    deps["python"] = data["project"]["requires-python"].replace(" ", "")
    return {CONDA_NAMES.get(k, k): v for k, v in deps.items()}


def conda_deps(text: str) -> dict[str, str]:
    env = yaml.safe_load(text)
    out = {}
    for item in env["dependencies"]:
        if isinstance(item, str) and item != "pip":
            name, spec = parse_requirement(item)
            out[name] = spec
    return out


def test_environment_matches_pyproject():
    py = pyproject_deps((ROOT / "pyproject.toml").read_text())
    conda = conda_deps((ROOT / "environment.yml").read_text())
    assert conda == py


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_items = [i for i in env["dependencies"] if isinstance(i, dict)]
    assert pip_items and "-e ." in pip_items[0]["pip"]
    assert env["channels"] == ["conda-forge"]


PYPROJECT = '[project]\nrequires-python = ">=3.10"\ndependencies = ["pandas>=2.1", "nltk>=3.8"]\n'


@pytest.mark.parametrize("env_text,equal", [
    ("dependencies:\n  - python>=3.10\n  - pandas>=2.1\n  - nltk>=3.8\n", True),
    ("dependencies:\n  - python>=3.10\n  - pandas>=2.1\n", False),               # missing
    ("dependencies:\n  - python>=3.10\n  - pandas>=2.0\n  - nltk>=3.8\n", False),  # other bound
    ("dependencies:\n  - python>=3.10\n  - pandas>=2.1\n  - nltk>=3.8\n  - dask\n", False),  # extra
])
def test_sync_check_detects_drift(env_text, equal):
    assert (conda_deps(env_text) == pyproject_deps(PYPROJECT)) is equal
