"""Whether the window's writes still reach the SQLite file on disk, and what happens when not.

Why this exists: SQLite's locks on a database file are POSIX advisory locks, and POSIX locks
belong to the process. When any code in the process opens and closes the database file outside
SQLite (a file dialog sniffing the file's type, a folder import reading it), that close drops
every lock SQLite holds on the file. The next process that closes the database then believes it
is the last one, checkpoints, and deletes the ``-wal`` and ``-shm`` files, while this process
goes on committing into the deleted WAL: invisible to every other process and lost at exit
(SQLite, "How To Corrupt An SQLite Database File", section 2.2).

The window's store (``Store.open(url, watch=True)``) checks around every write transaction with
``os.stat`` and ``os.readlink`` only, never an ``open()`` of the database files:

- **Before** the transaction: is the WAL its connections write to still the file at ``-wal``,
  and does this process still hold its lock on the database file (Linux: ``/proc/locks``)? A lost
  lock with the WAL still live: the connections are reopened (which takes the locks again);
  nothing was lost. A deleted WAL: every earlier transaction was checked on disk after its
  commit, so the deleted WAL holds nothing the file lacks; the connections are reopened safely
  (below) and the transaction goes ahead on the file.
- **After** the commit: the same WAL check. If it fails, the transaction may exist only in the
  deleted WAL: the connections are reopened safely, and the store's write mark on disk (table
  ``write_marks``, written in every transaction) says exactly whether it reached the file. If it
  did not, :class:`CommitLost` tells the caller to do the action again on the reopened file; the
  window does, so an action is acknowledged only once it is in the file on disk.

Reopening safely: closing the last connection on a database makes SQLite checkpoint its WAL into
the file, and for a deleted WAL that would write stale pages over newer ones. So while the old
connections close, a helper process holds the database open, which stops that checkpoint.

If the database file itself was deleted or replaced, nothing more can be written to it: the store
copies what its connections still see into a new file beside it (SQLite's backup API) and refuses
every further write with :class:`FileGone`, whose message names the copy.

Not protected (the README says so too): a program that deletes or rewrites the files while no
Annotator process has them open; a disk or file system that does not honour fsync or POSIX locks
(network file systems); the moment between a check and the commit after it, when another thread
of this process could drop the locks (the check after the commit still catches what that loses).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PROC_FD = Path("/proc/self/fd")
PROC_LOCKS = Path("/proc/locks")
DELETED = " (deleted)"


class FileGone(RuntimeError):
    """The database file was deleted or replaced: nothing more can be written to it."""


class CommitLost(RuntimeError):
    """The last transaction went into a deleted WAL and is not in the file; the store has
    reopened the file, and the caller should do the action again."""


@dataclass
class OpenFiles:
    """This process's descriptors on a database: whether the file itself is open, and the
    (link target, identity) of each descriptor on its WAL."""

    database: bool = False
    wal: list[tuple[str, tuple[int, int] | None]] = field(default_factory=list)


class DiskCheck:
    """Facts about one SQLite database file, read with ``stat`` and ``readlink`` only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(os.path.realpath(path))  # what /proc/self/fd shows
        self.wal = Path(f"{self.path}-wal")
        self.identity = _identity(path)
        self._wal_identity: tuple[int, int] | None = None  # where /proc/self/fd is missing

    def file_problem(self) -> str | None:
        """Why the database file at the path is not the one the store opened; None if it is."""
        try:
            now = _identity(self.path)
        except FileNotFoundError:
            return f"{self.path.name} was deleted or moved away by another program"
        if now != self.identity:
            return f"{self.path.name} was replaced by another file"
        return None

    def open_files(self) -> OpenFiles | None:
        """This process's descriptors on the database and its WAL, read once from
        ``/proc/self/fd`` for the checks below; None where there is no ``/proc``."""
        if not PROC_FD.is_dir():
            return None
        seen = OpenFiles()
        database, wal = str(self.path), str(self.wal)
        for entry in os.scandir(PROC_FD):
            try:
                target = os.readlink(entry.path)
            except OSError:  # closed meanwhile
                continue
            if target in (database, database + DELETED):
                seen.database = True
            elif target in (wal, wal + DELETED):
                seen.wal.append((target, _identity_or_none(Path(entry.path))))
        return seen

    def wal_problem(self, seen: OpenFiles | None = None) -> str | None:
        """Why the WAL this process writes to is not the file at ``-wal``; None if it is (or if
        no connection has it open). ``seen``: :meth:`open_files`, when the caller has it."""
        seen = seen or self.open_files()
        if seen is None:
            return self._wal_problem_without_proc()
        live = _identity_or_none(self.wal)
        for target, identity in seen.wal:
            if target.endswith(DELETED):
                return f"its write-ahead log ({self.wal.name}) was deleted by another program"
            if identity != live:
                return f"its write-ahead log ({self.wal.name}) was replaced by another program"
        return None

    def lock_lost(self, seen: OpenFiles | None = None) -> bool:
        """True when SQLite has the database file open in this process but the process holds
        no POSIX lock on it (Linux; elsewhere always False: unknown). ``seen``: as above."""
        seen = seen or self.open_files()
        if seen is None or not seen.database or not PROC_LOCKS.exists():
            return False
        pid, inode = str(os.getpid()), f":{self.identity[1]}"
        for line in PROC_LOCKS.read_text().splitlines():
            fields = line.split()
            # "1: POSIX  ADVISORY  READ 6054 fe:00:2146997 1073741826 1073742335"
            if len(fields) > 5 and fields[4] == pid and fields[5].endswith(inode):
                return False
        return True

    def _wal_problem_without_proc(self) -> str | None:
        live = _identity_or_none(self.wal)
        if live is None:
            return f"its write-ahead log ({self.wal.name}) was deleted by another program"
        if self._wal_identity is None:
            self._wal_identity = live
        elif live != self._wal_identity:
            return f"its write-ahead log ({self.wal.name}) was replaced by another program"
        return None


def _identity(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def _identity_or_none(path: Path) -> tuple[int, int] | None:
    try:
        return _identity(path)
    except FileNotFoundError:
        return None


# Holds the database open (a read in WAL mode keeps a shared lock on the file) until its
# standard input closes.
_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=15)
connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
print("holding", flush=True)
sys.stdin.read()
connection.close()
"""


@contextmanager
def held_open_elsewhere(path: Path) -> Iterator[None]:
    """While the block runs, another process holds ``path`` open through SQLite, so that no
    connection of this process that closes meanwhile can checkpoint (and so no stale WAL can be
    written into the file)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None
    assert holder.stdout is not None
    try:
        if holder.stdout.readline().strip() != "holding":
            raise FileGone(f"cannot reopen {path.name} safely: the helper process failed")
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def copy_beside(path: Path, source: object) -> Path:
    """Copy what the DBAPI connection ``source`` sees into a new file beside ``path``, named
    ``NAME.recovered-YYYYmmddTHHMMSS.sqlite``, with SQLite's backup API; that file's path."""
    import sqlite3

    assert isinstance(source, sqlite3.Connection)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    copy = path.with_name(f"{path.name}.recovered-{stamp}.sqlite")
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        target.close()
    return copy


def again_if_lost(action: Callable[[], T]) -> T:
    """Run ``action`` (a write through a watched store); once more if its commit was lost
    (:class:`CommitLost`: the store has reopened the file, and the change is not in it)."""
    try:
        return action()
    except CommitLost:
        return action()
