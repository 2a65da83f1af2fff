"""What several benchmark scripts share: running a step in a fresh interpreter and reading
its own peak memory.

``PEAK_RSS`` is Python source that defines ``_vmhwm()``, the process's own high-water mark
of resident memory in MB (``VmHWM`` from ``/proc/self/status``; not ``ru_maxrss``, which on
Linux also carries the parent's peak into a child started by ``subprocess``). Step scripts
include it; :func:`run_json` runs such a script and returns the JSON it prints last.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEAK_RSS = '''
def _vmhwm():
    try:
        with open("/proc/self/status") as fh:
            return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
'''


def run_json(code: str, *args: str) -> dict:
    """Run ``python -c code args...`` from the project root; the JSON of its last line."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fastest(run, repeat: int) -> dict:
    """The result with the fewest ``seconds`` of ``repeat`` calls of ``run()``."""
    return min((run() for _ in range(max(1, repeat))), key=lambda r: r["seconds"])
