"""Timing whole processes, as a user runs them, and noting how busy the machine was."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

# Runs the command given as its arguments and prints that child's peak RSS in KiB. A child
# started straight from a large benchmark process would report the benchmark's own size when
# that is the larger: Linux counts the memory a process had before `exec` in its peak.
_LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
if done.returncode:
    sys.exit(done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def annotator_command() -> str:
    """The installed console script beside this interpreter: what a user types."""
    return str(Path(sys.executable).parent / "annotator")


def timed_process(argv: list[str]) -> float:
    """Seconds from starting ``argv`` to its exit; raises, with its stderr, if it fails."""
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-2000:]}")
    return seconds


def peak_rss_mib(argv: list[str]) -> float:
    """Peak resident memory of a fresh process running ``argv``, in MiB."""
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=False
    )
    if launched.returncode:
        raise RuntimeError(f"{' '.join(argv)} failed: {launched.stderr[-2000:]}")
    return int(launched.stdout) / 1024  # Linux reports KiB


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages, rounded."""
    return [round(value, 2) for value in os.getloadavg()]
