"""Progress bars: one rule for every long run in framing.

A bar (tqdm; the notebook widget in Jupyter) counts articles and shows their rate. With
``progress=None``, the default of every function that takes it, a bar appears only for runs
of at least ``min_items`` articles (2,000, or when the count is unknown) and only where
someone watches: a terminal or a Jupyter kernel, never when stderr is a file or a pipe, so
logs of batch jobs stay clean. ``True`` and ``False`` force it on or off (the command line's
``--quiet`` passes ``False``).

Example:
    >>> progress_bar(10, "analysing", None) is None   # small run, and stderr is not a terminal here
    True
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["MIN_ITEMS", "progress_bar", "progress_enabled"]

#: Runs shorter than this (in articles) get no bar by default.
MIN_ITEMS = 2000


def progress_enabled(progress: bool | None) -> bool:
    """Whether to draw a progress bar: ``True``/``False`` as given; ``None`` draws one in a
    terminal or a running Jupyter kernel, never when stderr is a file or a pipe.

    Example:
        >>> progress_enabled(False), progress_enabled(True)
        (False, True)
    """
    if progress is not None:
        return bool(progress)
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and "ZMQ" in type(shell).__name__:  # a Jupyter kernel
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def progress_bar(total: int | None, desc: str, progress: bool | None, *,
                 min_items: int = MIN_ITEMS) -> Any:
    """A tqdm bar counting articles (``unit=" articles"``, so it shows articles/s), or None.

    Args:
        total: the number of articles when known (``None``: a counter without percentage).
        desc: the bar's label.
        progress: ``True``/``False`` force it; ``None``: only for ``total >= min_items`` (or
            unknown totals) and only in a terminal or a Jupyter kernel.
        min_items: the smallest run that gets a bar by default.

    Example:
        >>> bar = progress_bar(3, "demo", True)
        >>> bar.update(3); bar.n
        3
        >>> bar.close()
    """
    if progress is None and total is not None and total < min_items:
        return None
    if not progress_enabled(progress):
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=" articles", smoothing=0.05)
