"""The window's store notices when its writes stop reaching the SQLite file, and loses nothing.

Each test breaks the file the way issue 7 found it broken: code in this process opens and closes
the database file (which drops every POSIX lock SQLite holds), then another real process opens
and closes the database, believes it is the last one, and deletes the WAL. A third process then
reads the file: every action the store acknowledged must be there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.status import Role
from annotator.store.file_watch import CommitLost, DiskCheck, FileGone
from annotator.store.people import add_person, known_names
from annotator.store.store import Store

ANNOTATOR = Role.ANNOTATOR
pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")


def drop_this_process_locks(path: Path) -> None:
    """What a file dialog sniffing the file's type did: open() and close() the database file."""
    os.close(os.open(path, os.O_RDONLY))


def open_and_close_elsewhere(path: Path) -> None:
    """Another program reads the database and exits (SQLite's close checkpoints and, when it
    believes it is the last connection, deletes the WAL)."""
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "c.execute('SELECT count(*) FROM sqlite_master').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=30)


def names_seen_elsewhere(path: Path) -> list[str]:
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "print('\\n'.join(r[0] for r in c.execute('SELECT name FROM people ORDER BY name')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def lock_held(path: Path) -> bool:
    return not DiskCheck(path).lock_lost()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.sqlite"


@pytest.fixture
def notices() -> list[str]:
    return []


@pytest.fixture
def watched(path: Path, notices: list[str]) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{path}", watch=True)
    store.on_notice = notices.append
    add_person(store, "ana", ANNOTATOR)
    yield store
    store.close()


def test_the_broken_flow_without_a_watch_loses_the_action(path: Path) -> None:
    """The bug itself, so the tests below are known to test something: an unwatched store
    commits into the deleted WAL and another process never sees the action."""
    store = Store.open(f"sqlite:///{path}")
    add_person(store, "ana", ANNOTATOR)
    drop_this_process_locks(path)
    open_and_close_elsewhere(path)
    assert not Path(f"{path}-wal").exists()
    add_person(store, "ben", ANNOTATOR)  # "saved", as far as this process can tell
    assert known_names(store) == ["ana", "ben"]
    assert names_seen_elsewhere(path) == ["ana"]
    store.close()


def test_a_lost_lock_is_taken_again_before_the_next_write(
    path: Path, watched: Store, notices: list[str]
) -> None:
    drop_this_process_locks(path)
    assert not lock_held(path)
    add_person(watched, "ben", ANNOTATOR)
    assert lock_held(path)
    open_and_close_elsewhere(path)  # cannot delete the WAL now: this process holds its lock
    add_person(watched, "rita", ANNOTATOR)
    assert names_seen_elsewhere(path) == ["ana", "ben", "rita"]
    assert any("lost its lock" in notice for notice in notices)


def test_a_deleted_wal_is_noticed_before_the_write_and_nothing_is_lost(
    path: Path, watched: Store, notices: list[str]
) -> None:
    drop_this_process_locks(path)
    open_and_close_elsewhere(path)
    assert not Path(f"{path}-wal").exists()
    add_person(watched, "ben", ANNOTATOR)
    assert names_seen_elsewhere(path) == ["ana", "ben"]
    assert lock_held(path)
    assert any("was deleted" in notice for notice in notices)


def test_a_wal_deleted_during_the_transaction_is_reported_and_can_be_done_again(
    path: Path, watched: Store
) -> None:
    from annotator.store.models import Person

    lost = pytest.raises(CommitLost, match="did not reach the file")
    with lost, watched.writing() as session:
        session.add(Person(name="ben", role="annotator"))
        session.flush()
        drop_this_process_locks(path)
        open_and_close_elsewhere(path)
    assert names_seen_elsewhere(path) == ["ana"]  # not acknowledged, and not on disk
    add_person(watched, "ben", ANNOTATOR)  # the caller does it again
    add_person(watched, "rita", ANNOTATOR)
    assert names_seen_elsewhere(path) == ["ana", "ben", "rita"]


def test_a_wal_deleted_after_a_commit_that_reached_the_file_is_not_done_twice(
    path: Path, watched: Store
) -> None:
    add_person(watched, "ben", ANNOTATOR)
    drop_this_process_locks(path)
    open_and_close_elsewhere(path)  # checkpoints "ben" into the file, deletes the WAL
    # The check after the commit is what sees this when it happens between commit and check;
    # here the next write's checks see it, and the write mark says nothing was lost.
    add_person(watched, "rita", ANNOTATOR)
    assert names_seen_elsewhere(path) == ["ana", "ben", "rita"]


def test_a_deleted_database_is_copied_beside_it_and_edits_stop(path: Path, watched: Store) -> None:
    add_person(watched, "ben", ANNOTATOR)
    path.unlink()
    with pytest.raises(FileGone, match="stopped taking edits") as refused:
        add_person(watched, "rita", ANNOTATOR)
    copies = sorted(path.parent.glob("corpus.sqlite.recovered-*.sqlite"))
    assert len(copies) == 1
    assert str(copies[0]) in str(refused.value)
    assert names_seen_elsewhere(copies[0]) == ["ana", "ben"]
    with pytest.raises(FileGone):
        add_person(watched, "zoe", ANNOTATOR)


def test_the_write_mark_is_removed_when_the_store_closes(path: Path, watched: Store) -> None:
    def marks() -> str:
        code = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "print(c.execute('SELECT count(*) FROM write_marks').fetchone()[0])"
        )
        run = [sys.executable, "-c", code, str(path)]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()

    assert marks() == "1"
    watched.close()
    assert marks() == "0"
