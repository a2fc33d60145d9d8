"""What a failure of a database file means to a person: it is read-only, or its disk is full.
Told in one line, exit 1, by every command (SQLite files only: a server reports its own)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.store.sqlite_errors import CANTOPEN, FULL, READONLY, primary_code


def unwritable(path: Path) -> str | None:
    """Why SQLite could not write to the database file ``path`` (which may not exist yet), or
    None. ``os.access`` only, never ``open``: opening the file outside SQLite would drop the
    locks SQLite holds on it. As root, only an immutable file (``chattr +i``) or a read-only
    file system stops a write, and ``os.access`` sees both."""
    if path.exists():
        if not os.access(path, os.W_OK):
            return "read-only"
        folder = path.parent
    else:
        folder = next(parent for parent in path.parents if parent.exists())
    if not os.access(folder, os.W_OK | os.X_OK):
        # WAL mode creates corpus.sqlite-wal and -shm beside the file, even to read it.
        return f"read-only (the folder {folder} is read-only; SQLite must create files there)"
    return None


def database_failure(error: BaseException, path: Path | None) -> UserError | None:
    """The one line for ``error`` if it says that the SQLite file ``path`` is read-only or its
    disk is full; None for anything else (the caller reports or raises it as before)."""
    if path is None:
        return None
    cause = getattr(error, "orig", None) or error
    if not isinstance(cause, sqlite3.Error):
        return None
    code = primary_code(cause)
    if code in (READONLY, CANTOPEN):
        reason = unwritable(path)
        if reason is None and code == READONLY:
            reason = "read-only"
        if reason is not None:
            return UserError(f"cannot write to {path}: {reason}", EXIT_REFUSED)
    if code == FULL:
        # Every command writes in one transaction, which SQLite has rolled back.
        return UserError(
            f"cannot write to {path}: the disk is full; nothing of this command was kept",
            EXIT_REFUSED,
        )
    return None
