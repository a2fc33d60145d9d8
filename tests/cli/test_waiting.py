"""A command that finds another program holding SQLite's write lock says what it waits for and
waits until the lock frees (once it died after 15 s with a `database is locked` traceback);
Ctrl+C stops it and keeps nothing. Two real processes each time."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)
Snapshot = Callable[[str], dict[str, list[tuple[Any, ...]]]]

# Holds the write lock for argv[2] seconds, saying "locked" once it has it.
HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    connection.execute("COMMIT")
    """
)


@pytest.fixture
def corpus(cli: Cli, tmp_path: Path) -> Path:
    database = tmp_path / "corpus.sqlite"
    (tmp_path / "old.txt").write_text("Taliban fighters entered Kabul", encoding="utf-8")
    (tmp_path / "new.txt").write_text("a new article", encoding="utf-8")
    assert cli("import", str(tmp_path / "old.txt"), "--db", str(database)).code == 0
    return database


@pytest.fixture
def hold_lock(corpus: Path) -> Iterator[Callable[[float], subprocess.Popen[str]]]:
    holders: list[subprocess.Popen[str]] = []

    def hold(seconds: float) -> subprocess.Popen[str]:
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(corpus), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        holders.append(holder)
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        return holder

    yield hold
    for holder in holders:
        if holder.poll() is None:
            holder.kill()
        holder.wait()


def _import(corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", "new.txt", "--db", str(corpus)],
        cwd=corpus.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _waiting_line(corpus: Path) -> str:
    return (
        f"annotator import: waiting for another program to finish writing to {corpus} "
        "(Ctrl+C to stop)"
    )


def test_an_import_waits_for_another_writer_says_so_and_then_imports(
    cli: Cli, corpus: Path, hold_lock: Callable[[float], subprocess.Popen[str]]
) -> None:
    holder = hold_lock(4)
    importer = _import(corpus)
    assert importer.stderr is not None
    # Said while the other program still holds the lock.
    assert importer.stderr.readline().rstrip("\n") == _waiting_line(corpus)
    assert holder.poll() is None
    out, err = importer.communicate(timeout=120)
    assert holder.wait(timeout=30) == 0
    assert importer.returncode == 0, err
    assert err == ""  # the waiting line was the only one
    assert out.startswith("imported 1 new document(s)")
    assert "documents:        2" in cli("stats", "--db", str(corpus)).out


def test_ctrl_c_stops_a_waiting_import_and_keeps_nothing(
    corpus: Path, hold_lock: Callable[[float], subprocess.Popen[str]], snapshot: Snapshot
) -> None:
    before = snapshot(f"sqlite:///{corpus}")
    hold_lock(60)
    importer = _import(corpus)
    assert importer.stderr is not None
    assert importer.stderr.readline().rstrip("\n") == _waiting_line(corpus)
    started = time.monotonic()
    importer.send_signal(signal.SIGINT)
    _out, err = importer.communicate(timeout=30)
    assert time.monotonic() - started < 10
    assert importer.returncode == 130
    assert err.splitlines() == ["interrupted; nothing of the unfinished command was kept"]
    assert snapshot(f"sqlite:///{corpus}") == before
