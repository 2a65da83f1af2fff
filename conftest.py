"""Root pytest configuration: notebooks and tests write reports to a temporary folder.

Executed notebooks (nbmake) inherit this process's environment, so ``FRAMING_REPORTS``
keeps test runs from touching the committed ``reports/``; ``make report`` writes there.
"""

import os
import tempfile

import matplotlib


def pytest_configure(config):
    matplotlib.use("Agg")
    if "FRAMING_REPORTS" not in os.environ:
        os.environ["FRAMING_REPORTS"] = tempfile.mkdtemp(prefix="framing-test-reports-")
