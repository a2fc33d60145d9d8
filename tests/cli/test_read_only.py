"""A database that cannot be written (an immutable file, an immutable folder, a read-only file
system) is one line, `cannot write to PATH: read-only`, exit 1, for every command that writes;
the commands that only read work when SQLite can read it, else they say the same line. We run
as root, so chmod would stop nothing: these use `chattr +i` and a read-only mount."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)

WRITERS = [
    ["import", "new.txt"],
    ["people", "add", "zoe"],
    ["adjudicate", "--strategy", "majority"],
]
READERS = [["stats"], ["export"], ["agreement"], ["people", "list"]]


def _run(argv: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=check)


def _chattr(flag: str, path: Path) -> None:
    done = _run(["chattr", flag, str(path)], check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr {flag} does not work on this file system: {done.stderr.strip()}")


@pytest.fixture(params=["immutable file", "immutable folder", "read-only file system"])
def read_only(
    request: pytest.FixtureRequest, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, str]]:
    """A corpus made read-only one way; (its path, the reason every writer must print)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    undo: list[list[str]] = []  # so that pytest can delete tmp_path afterwards
    try:
        yield _make_read_only(request.param, cli, folder, undo)
    finally:
        for argv in reversed(undo):
            _run(argv, check=False)


def _make_read_only(way: str, cli: Cli, folder: Path, undo: list[list[str]]) -> tuple[Path, str]:
    tmp_path = folder.parent
    if way == "read-only file system":
        mounted = _run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], False)
        if mounted.returncode != 0:
            pytest.skip(f"a read-only file system needs mount: {mounted.stderr.strip()}")
        undo.append(["umount", "-l", str(folder)])
    database = folder / "corpus.sqlite"
    (tmp_path / "new.txt").write_text("a new article", encoding="utf-8")
    (tmp_path / "old.txt").write_text("Taliban fighters entered Kabul", encoding="utf-8")
    assert cli("import", "old.txt", "--db", str(database)).code == 0
    if way == "immutable file":
        _chattr("+i", database)
        undo.append(["chattr", "-i", str(database)])
        reason = "read-only"
    elif way == "immutable folder":
        _chattr("+i", folder)
        undo.append(["chattr", "-i", str(folder)])
        reason = f"read-only (the folder {folder} is read-only; SQLite must create files there)"
    else:
        _run(["mount", "-o", "remount,ro", str(folder)])
        reason = "read-only"
    return database, reason


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def typed(argv: tuple[str, ...] | list[str]) -> str:
    """The command as its messages name it: ``people add``, ``stats``."""
    return " ".join(argv[:2]) if argv[0] == "people" else argv[0]


def test_every_command_on_a_read_only_database_is_one_line_or_works(
    cli: Cli, read_only: tuple[Path, str]
) -> None:
    database, reason = read_only
    before = _digest(database)
    for argv in WRITERS:
        run = cli(*argv, "--db", str(database))
        assert run.code == 1, argv
        assert run.err_lines == [f"annotator {typed(argv)}: cannot write to {database}: {reason}"]
    # An immutable file in a writable folder: SQLite reads it read-only.
    readable = reason == "read-only" and os.access(database.parent, os.W_OK)
    for argv in READERS:
        run = cli(*argv, "--db", str(database))
        if readable:
            assert (run.code, run.err) == (0, ""), argv
            assert run.out
        else:
            assert run.code == 1, argv
            assert run.err_lines == [
                f"annotator {typed(argv)}: cannot write to {database}: {reason}"
            ]
    if readable:
        assert "Taliban fighters" in cli("export", "--db", str(database)).out
    assert _digest(database) == before


def test_the_window_on_a_read_only_database_is_one_line_and_opens_nothing(
    read_only: tuple[Path, str],
) -> None:
    database, reason = read_only
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "gui", "--db", str(database), "--user", "ana"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"annotator gui: cannot write to {database}: {reason}"]
