"""Where the database is when ``--db`` does not say: without SQLAlchemy, so that finding it
costs nothing (the window paints before SQLAlchemy loads)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ANNOTATOR_DB"


def named_database(given: str | None) -> str:
    """What names the database: ``given`` (``--db``), else ``$ANNOTATOR_DB``, else the default
    file; a bare path is made absolute. Not checked here (see ``engine.resolve_url``)."""
    value = given or os.environ.get(ENV_VAR) or str(default_database_path())
    return value if "://" in value else str(Path(value).expanduser().resolve())


def default_database_path() -> Path:
    """``annotator.sqlite`` in the user data directory (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("annotator", appauthor=False) / "annotator.sqlite"


# A SQLite database's own files: the file itself, then those SQLite keeps beside it.
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def database_files(database: Path | None) -> dict[tuple[int, int], str]:
    """``(st_dev, st_ino)`` of the SQLite file ``database`` and of its companions that exist,
    each with what it is ("" for the database, else its suffix). ``os.stat`` only, never
    ``open``: one ``open()`` and ``close()`` of the file would drop the locks SQLite holds on it
    in this process."""
    found: dict[tuple[int, int], str] = {}
    if database is None:
        return found
    for suffix in SQLITE_SUFFIXES:
        try:
            status = os.stat(f"{database}{suffix}")
        except OSError:
            continue
        found.setdefault((status.st_dev, status.st_ino), suffix)
    return found
