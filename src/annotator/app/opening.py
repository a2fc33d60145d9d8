"""Opening a corpus database for a command or the window, with the checks both need."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.app.program import start_up_done

if TYPE_CHECKING:
    from annotator.store.store import Store


def database_url(given: str | None) -> str:
    """The URL ``given`` names (after ``$ANNOTATOR_DB`` and the default); a scheme Annotator
    cannot use is a :class:`UserError` naming the ones it can."""
    from annotator.store.engine import UnsupportedDatabase, resolve_url

    try:
        return resolve_url(given)
    except UnsupportedDatabase as error:
        raise UserError(str(error)) from None


def plain_sqlite_path(given: str | None) -> Path | None:
    """The SQLite file ``given`` names, worked out without SQLAlchemy (a bare path, or
    ``sqlite:///PATH`` with no options); None for anything else, which then takes the full
    path through :func:`database_url`. The window uses it to paint before SQLAlchemy loads."""
    from annotator.store.location import named_database

    if given is not None and not given.strip():
        return None  # refused, with the reason, by database_url
    value = named_database(given)
    if "://" not in value:
        return Path(value)
    rest = value.removeprefix("sqlite:///")
    if rest != value and rest not in ("", ":memory:") and "?" not in rest:
        return Path(rest)
    return None


def database_path(given: str | None) -> Path | None:
    """The SQLite file ``given`` names (after ``$ANNOTATOR_DB`` and the default); None for a
    server database."""
    from annotator.store.engine import sqlite_file

    return sqlite_file(database_url(given))


def open_store(
    given: str | None,
    *,
    create: bool = False,
    watch: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> Store:
    """The store at ``given`` (``--db`` value; else ``$ANNOTATOR_DB``; else the default file),
    opened and upgraded. A SQLite file that does not exist is created only when ``create``
    (import, the window, ``people add``); otherwise nothing is created, not even its folder.
    Every failure a person can cause is a :class:`UserError`.

    A SQLite file that cannot be written (an immutable file, a read-only folder or file
    system) is refused at once when ``create`` (those commands write), with ``cannot write to
    PATH: read-only``. The commands that only read go on when SQLite can still read it (an
    immutable file in a writable folder: SQLite opens it read-only); when it cannot (WAL mode
    must create its -wal and -shm files beside the file, even to read), they get the same line.

    ``watch``: the window's store, see :mod:`annotator.store.file_watch`. ``on_wait``: see
    :meth:`Store.open` (wait for another program's write lock, however long).
    """
    from sqlalchemy.exc import DatabaseError

    from annotator.app.failures import database_failure, unwritable
    from annotator.store.engine import display_url, sqlite_file
    from annotator.store.store import Store
    from annotator.store.version import NotAnAnnotatorDatabase, SchemaTooNew

    start_up_done()
    url = database_url(given)
    path = sqlite_file(url)
    if path is not None and path.is_dir():
        raise UserError(f"{path} is a folder, not a database file")
    if path is not None and not create and not path.exists():
        raise UserError(f"no database at {path}; `annotator import` creates one")
    if path is not None and not create and path.stat().st_size == 0:
        # An empty file is not a database yet: a command that only reads must not make it one.
        raise UserError(f"{path} is an empty file, not a database; `annotator import` fills it")
    if path is not None and create and (reason := unwritable(path)) is not None:
        raise UserError(f"cannot write to {path}: {reason}", EXIT_REFUSED)
    try:
        return Store.open(url, watch=watch, on_wait=on_wait)
    except (SchemaTooNew, NotAnAnnotatorDatabase) as error:
        raise UserError(str(error)) from None
    except DatabaseError as error:  # unreachable server, not a database file, ...
        failure = database_failure(error, path)
        if failure is not None:
            raise failure from None
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise UserError(f"cannot open the database {display_url(url)}: {reason}") from None
