"""Every path the project uses, in one place (no I/O at import).

The project root is found from this file's location when ``framing`` is installed in
editable mode from a checkout (``pip install -e .``), else from the current directory.
Environment variables override each location, which is how the tests send notebook
output to a temporary folder and how a user points the notebooks at their own corpus:

==========================  ===============================================
``FRAMING_ROOT``            the project root (holds ``data/``, ``reports/``)
``FRAMING_REPORTS``         where reports are written (default ``<root>/reports``)
``FRAMING_SHARED``          the shared research corpora (default ``<root>/../shared``)
==========================  ===============================================

Example:
    >>> from framing import config
    >>> config.figures_dir().name
    'figures'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "project_root",
    "data_dir",
    "sample_dir",
    "seeds_dir",
    "reports_dir",
    "figures_dir",
    "html_dir",
    "notebooks_dir",
    "shared_dir",
    "shared_data_dir",
]


def project_root() -> Path:
    """The project checkout (``FRAMING_ROOT``, else the checkout this file lives in, else cwd).

    Example:
        >>> (project_root() / "pyproject.toml").exists() or True
        True
    """
    env = os.environ.get("FRAMING_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    checkout = here.parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "src" / "framing").is_dir():
        return checkout
    return Path.cwd()


def data_dir() -> Path:
    """``<root>/data``: the project's own shipped data (never modified by the code).

    Example:
        >>> data_dir().name
        'data'
    """
    return project_root() / "data"


def sample_dir() -> Path:
    """``<root>/data/sample``: the constructed teaching corpus.

    Example:
        >>> sample_dir().name
        'sample'
    """
    return data_dir() / "sample"


def seeds_dir() -> Path:
    """``<root>/seeds``: the seed article(s) the project started from.

    Example:
        >>> seeds_dir().name
        'seeds'
    """
    return project_root() / "seeds"


def reports_dir() -> Path:
    """Where reports go: ``FRAMING_REPORTS`` or ``<root>/reports``.

    Example:
        >>> reports_dir().is_absolute()
        True
    """
    env = os.environ.get("FRAMING_REPORTS")
    return Path(env).resolve() if env else project_root() / "reports"


def figures_dir() -> Path:
    """``<reports>/figures``: PNG + SVG + CSV of every figure.

    Example:
        >>> figures_dir().parent == reports_dir()
        True
    """
    return reports_dir() / "figures"


def html_dir() -> Path:
    """``<reports>/html``: executed notebooks and annotated pages as HTML.

    Example:
        >>> html_dir().name
        'html'
    """
    return reports_dir() / "html"


def notebooks_dir() -> Path:
    """``<root>/notebooks``.

    Example:
        >>> notebooks_dir().name
        'notebooks'
    """
    return project_root() / "notebooks"


def shared_dir() -> Path:
    """The shared research corpora: ``FRAMING_SHARED`` or ``<root>/../shared``.

    Example:
        >>> shared_dir().name in {"shared"} or "FRAMING_SHARED" in os.environ
        True
    """
    env = os.environ.get("FRAMING_SHARED")
    return Path(env).resolve() if env else (project_root().parent / "shared").resolve()


def shared_data_dir() -> Path:
    """``<shared>/data``: BABE/MBIC, PolNeAR, AllSides articles, reference lexicons.

    Example:
        >>> shared_data_dir().name
        'data'
    """
    return shared_dir() / "data"
