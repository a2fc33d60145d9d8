"""Waiting for another program's write lock on a SQLite file for as long as it takes, for the
callers that ask to (``Store.open(..., on_wait=...)``): a command line that says once what it
waits for and can be stopped with Ctrl+C. Everyone else keeps SQLite's busy timeout."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from annotator.store.sqlite_errors import BUSY, primary_code

# How long SQLite waits inside one try. SQLite's own wait does not return to Python, so this
# is also how late Ctrl+C may be noticed.
TRY_MS = 200


def begin_waiting(dbapi_connection: Any, statement: str, on_wait: Callable[[], None]) -> None:
    """Run ``statement`` (``BEGIN IMMEDIATE``) on a sqlite3 connection, trying again while
    another connection holds the write lock; ``on_wait()`` is called once, when the first try
    finds the lock taken. The connection's busy timeout is as before afterwards."""
    previous = dbapi_connection.execute("PRAGMA busy_timeout").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA busy_timeout={TRY_MS}")
    told = False
    try:
        while True:
            try:
                dbapi_connection.execute(statement)
                return
            except sqlite3.OperationalError as error:
                if primary_code(error) != BUSY:
                    raise
            if not told:
                told = True
                on_wait()
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(previous)}")
