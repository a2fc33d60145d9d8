"""An import never opens the database's own files (issue 7): one open() and close() of the
database file anywhere in the process drops every POSIX lock SQLite holds on it. Checked
through /proc/locks while a connection of this process holds its lock, as the window does."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, select

from annotator.app.importing import import_paths
from annotator.store.exporter import export_records
from annotator.store.models import Document
from annotator.store.store import Store

Cli = Callable[..., Any]  # the `cli` fixture: returns a Run(code, out, err)

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks"
)


def posix_locks_held(path: Path) -> int:
    """How many POSIX locks this process holds on ``path``'s inode (Linux's /proc/locks)."""
    status = os.stat(path)
    where = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    count = 0
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "->" in fields:  # a request waiting for a lock, not one held
            continue
        if fields[1] == "POSIX" and int(fields[4]) == os.getpid() and fields[5] == where:
            count += 1
    return count


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder holding the database (in WAL mode), two articles and a link to the database
    whose name looks importable."""
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "a.txt").write_text("first article", encoding="utf-8")
    (folder / "b.txt").write_text("second article", encoding="utf-8")
    (folder / "latest.txt").symlink_to(folder / "corpus.sqlite")
    return folder


@pytest.fixture
def window_connection(project: Path) -> Iterator[tuple[Store, Connection]]:
    """The window's side: the store open, and a connection that has read and is idle; in WAL
    mode it holds a shared POSIX lock on the database file for as long as it is open."""
    url = f"sqlite:///{project / 'corpus.sqlite'}"
    with Store.open(url) as store, store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Document)) == 0
        connection.rollback()
        assert (project / "corpus.sqlite-wal").exists()
        assert posix_locks_held(project / "corpus.sqlite") > 0
        yield store, connection


def test_a_folder_import_of_the_databases_own_folder_keeps_the_lock(
    project: Path, window_connection: tuple[Store, Connection]
) -> None:
    store, connection = window_connection
    database = project / "corpus.sqlite"
    held = posix_locks_held(database)
    outcome = import_paths(store, [project])  # what the window's import does
    assert (outcome.report.documents_added, outcome.files) == (2, 2)
    assert posix_locks_held(database) == held
    assert [(r.id, r.text) for r in export_records(store)] == [
        ("a", "first article"),
        ("b", "second article"),
    ]
    assert connection.scalar(select(func.count()).select_from(Document)) == 2


def test_a_command_line_folder_import_keeps_the_lock(
    cli: Cli, project: Path, window_connection: tuple[Store, Connection]
) -> None:
    _store, connection = window_connection
    database = project / "corpus.sqlite"
    held = posix_locks_held(database)
    run = cli("import", str(project), "--db", str(database))
    assert run.code == 0, run.err
    assert "imported 2 new document(s) (0 already stored)" in run.out
    assert "from 2 file(s)" in run.out
    assert posix_locks_held(database) == held
    assert connection.scalar(select(func.count()).select_from(Document)) == 2
    connection.rollback()


def test_the_database_named_as_a_file_to_import_is_refused_unopened(
    cli: Cli,
    project: Path,
    window_connection: tuple[Store, Connection],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _store, connection = window_connection
    database = project / "corpus.sqlite"
    held = posix_locks_held(database)
    monkeypatch.chdir(project)
    names = ["corpus.sqlite", "corpus.sqlite-wal", "corpus.sqlite-shm", "latest.txt", "a.txt"]
    run = cli("import", *names, "--format", "txt", "--db", "corpus.sqlite")
    assert (run.code, run.out) == (1, "")
    assert run.err_lines == [
        "corpus.sqlite: is the open database; not imported",
        "corpus.sqlite-wal: is the open database's -wal file; not imported",
        "corpus.sqlite-shm: is the open database's -shm file; not imported",
        "latest.txt: is the open database; not imported",
        "import refused: 4 problem(s); nothing was imported",
    ]
    assert posix_locks_held(database) == held
    assert connection.scalar(select(func.count()).select_from(Document)) == 0
    connection.rollback()
