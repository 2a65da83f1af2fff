"""Figures: one house style and :func:`save_figure`, which writes PNG + SVG + the CSV behind it.

Every figure the project publishes is saved three ways: a 300 dpi PNG for documents, an
SVG for editing, and the CSV of the plotted numbers so a reader can check or re-plot them
(the practice of The Markup's and FiveThirtyEight's published notebooks). The style uses the
Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays distinguishable
under the common colour-vision deficiencies. Files are written deterministically (no
timestamps in the metadata), so re-running a notebook gives byte-identical CSVs and SVGs.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, tempfile
    >>> from framing.plots import save_figure, use_style
    >>> use_style()
    >>> data = pd.DataFrame({"outlet": ["A", "B"], "rate": [1.5, 2.0]})
    >>> fig, ax = matplotlib.pyplot.subplots()
    >>> _ = ax.barh(data["outlet"], data["rate"])
    >>> paths = save_figure(fig, "example", data, directory=tempfile.mkdtemp())
    >>> sorted(p.suffix for p in paths.values())
    ['.csv', '.png', '.svg']
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from . import config

__all__ = ["OKABE_ITO", "STYLE_PATH", "save_figure", "use_style"]

#: The Okabe-Ito colour-blind safe palette, in the order the style cycles through it.
OKABE_ITO: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                              "#D55E00", "#F0E442", "#000000")

#: The project's matplotlib style file.
STYLE_PATH = Path(__file__).with_name("styles") / "framing.mplstyle"

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def use_style() -> None:
    """Apply the framing figure style to matplotlib globally.

    Example:
        >>> use_style()
        >>> import matplotlib
        >>> matplotlib.rcParams["axes.spines.top"]
        False
    """
    import matplotlib.pyplot as plt

    plt.style.use(str(STYLE_PATH))


def save_figure(fig: Figure, name: str, data: pd.DataFrame, *, directory: str | Path | None = None,
                dpi: int = 300) -> dict[str, Path]:
    """Write ``fig`` as ``<name>.png`` (``dpi``) and ``<name>.svg`` and ``data`` as ``<name>.csv``.

    Args:
        fig: the matplotlib figure.
        name: file stem, lowercase letters, digits, ``.``, ``_`` and ``-`` (e.g.
            ``"0.1-seed-cleaning"``); the notebook number first keeps the gallery ordered.
        data: the numbers the figure shows, one row per plotted mark. Required: a figure
            without its table cannot be checked.
        directory: where to write (default :func:`framing.config.figures_dir`).
        dpi: PNG resolution.

    Returns:
        ``{"png": path, "svg": path, "csv": path}``.

    Example:
        >>> import matplotlib.pyplot as plt, pandas as pd, tempfile
        >>> fig, ax = plt.subplots()
        >>> save_figure(fig, "Bad Name", pd.DataFrame())
        Traceback (most recent call last):
        ...
        ValueError: figure name 'Bad Name' must match [a-z0-9][a-z0-9._-]*
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must match [a-z0-9][a-z0-9._-]*")
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be the DataFrame of plotted numbers")
    out = Path(directory) if directory is not None else config.figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = {ext: out / f"{name}.{ext}" for ext in ("png", "svg", "csv")}
    with matplotlib.rc_context({"svg.hashsalt": "framing"}):
        fig.savefig(paths["png"], dpi=dpi, metadata={"Software": None})
        fig.savefig(paths["svg"], metadata={"Date": None, "Creator": None})
    data.to_csv(paths["csv"], index=False, lineterminator="\n")
    return paths
