"""Every acknowledged action survives ``kill -9``: a real child process labels through the real
window on a SQLite file, is killed with SIGKILL mid-work, and the database holds every span
the child had shown."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from window_support import import_texts, stored_triples

from annotator.gui.importing import sample_records

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CHILD = Path(__file__).with_name("crash_child.py")
WANTED = 40  # acknowledgements before the kill
DEADLINE_S = 120.0  # a bound for a slow machine, not a timing


def test_acknowledged_spans_survive_sigkill(tmp_path: Path, sqlite_url: str) -> None:
    [sample] = sample_records()
    ids = import_texts(sqlite_url, [(sample.record.id, sample.record.text)])
    settings = tmp_path / "child-settings"
    settings.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), sqlite_url, str(settings)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    acknowledged: list[tuple[int, int, str]] = []
    missed: list[str] = []
    ended = time.monotonic() + DEADLINE_S
    try:
        while len(acknowledged) < WANTED:
            line = lines.get(timeout=max(0.1, ended - time.monotonic()))
            if line is None:
                break
            if line.startswith("acknowledged "):
                _, start, end, label = line.split()
                acknowledged.append((int(start), int(end), label))
            elif line.startswith("missed "):
                missed.append(line)
        # Killed in the middle of its work: it is labelling the next word right now.
        child.send_signal(signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    stderr = child.stderr.read() if child.stderr is not None else ""
    assert child.returncode == -signal.SIGKILL, stderr
    assert len(acknowledged) == WANTED, stderr
    assert not missed, missed
    stored = set(stored_triples(sqlite_url, ids[sample.record.id]))
    assert set(acknowledged) <= stored
    # Nothing half-written either: at most the one action under way when it was killed.
    assert len(stored) - len(acknowledged) in (0, 1)
    text = sample.record.text
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e, _ in stored)
