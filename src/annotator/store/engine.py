"""Database URLs and engines: SQLite (embedded default) and PostgreSQL through the same code."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from annotator.store.location import named_database
from annotator.store.sqlite_errors import is_locked

# How long a SQLite writer waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 15_000


SUPPORTED = "a SQLite file path, sqlite:///PATH, postgresql://... or postgresql+psycopg://..."
# (backend, driver) pairs Annotator installs and tests; anything else would fail deep in
# SQLAlchemy with a missing plugin or driver module.
_DRIVERS = {("sqlite", "pysqlite"), ("postgresql", "psycopg")}


class UnsupportedDatabase(ValueError):
    """A ``--db`` value that names no database Annotator can use."""


def resolve_url(given: str | None) -> str:
    """The database URL to use: ``given``, else ``$ANNOTATOR_DB``, else the default SQLite file.

    A value without ``://`` is a SQLite file path. ``postgresql://`` and ``postgres://`` mean
    the psycopg 3 driver. Raises :class:`UnsupportedDatabase` for any other scheme, for an
    empty ``given`` (a script's unset variable must not mean the default database), and for a
    SQLite URL without a file (an in-memory database would lose everything at exit).
    """
    if given is not None and not given.strip():
        raise UnsupportedDatabase("--db is empty; give a database file or URL")
    value = named_database(given)
    if "://" not in value:
        return f"sqlite:///{value}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            value = "postgresql+psycopg://" + value[len(prefix) :]
    scheme = value.split("://", 1)[0]
    try:
        parsed = make_url(value)
        supported = (parsed.get_backend_name(), parsed.get_driver_name()) in _DRIVERS
    except ArgumentError:
        supported = False
    if not supported:
        raise UnsupportedDatabase(
            f"unsupported database URL scheme {scheme + '://'!r}; Annotator supports {SUPPORTED}"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise UnsupportedDatabase(
            f"{value!r} names no file: an in-memory database would lose everything at exit; "
            "give a file, as sqlite:///PATH or a plain path"
        )
    return value


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for an in-memory or server database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def database_name(url: str) -> str:
    """The database's short name, for a window title: a SQLite file's name, or a server
    database's name and host (``corpus on db.example.org``)."""
    path = sqlite_file(url)
    if path is not None:
        return path.name
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return "in-memory database"
    return f"{parsed.database} on {parsed.host}" if parsed.host else str(parsed.database)


def display_url(url: str) -> str:
    """``url`` without its password, for status bars and messages."""
    return make_url(url).render_as_string(hide_password=True)


def create_database_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url``. SQLite files get WAL, foreign keys, a busy timeout (how long a
    writer waits for another process's write lock) and ``BEGIN IMMEDIATE`` for write
    transactions (see :func:`writer`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN, so writers can take the lock first.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        _use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: a committed action survives a power cut, not only a killed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes fails at once ("database is
        # locked") if another process wrote in between; IMMEDIATE waits for the lock instead.
        options = connection.get_execution_options()
        mode = "IMMEDIATE" if options.get("writer") else "DEFERRED"
        on_wait = options.get("on_wait")
        if mode == "IMMEDIATE" and on_wait is not None:
            from annotator.store.waiting import begin_waiting

            begin_waiting(connection.connection.dbapi_connection, f"BEGIN {mode}", on_wait)
            return
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL mode (it stays so), waiting while another process holds a lock.

    Switching needs an exclusive lock and SQLite answers "database is locked" at once, without
    its busy timeout, when a second process creates the same new file at the same moment; so
    wait and retry here, for as long as the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_locked(error) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) marked so that its transactions take the write lock first."""
    return engine.execution_options(writer=True)
