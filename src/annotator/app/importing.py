"""One import for the command line and the window: list the files, read each into records (or
problems at file:line), and import them all in one transaction, or nothing.

**The database's own files are never opened.** POSIX advisory locks belong to the process, not
to a file descriptor: one ``open()`` and ``close()`` of the database file by any code in the
process drops every lock SQLite holds on it. The next process to close the database then
believes it is the last, checkpoints and deletes the ``-wal`` and ``-shm`` files, and the window
goes on committing into an unlinked WAL that nobody else sees and that is lost when it closes.
So before any file is read it is compared, by ``os.stat`` alone (device and inode, which also
catches a link to them), with the database file and its ``-wal``, ``-shm`` and ``-journal``: one
named by the person is refused with a problem, one found by listing a folder is skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.app.errors import UserError
from annotator.core.status import IMPORTED
from annotator.store.location import database_files

if TYPE_CHECKING:
    from annotator.schemas import Located, Problem
    from annotator.store.importer import ImportReport
    from annotator.store.store import Store


@dataclass(frozen=True, slots=True)
class Source:
    """A file to import; ``named`` when the person gave it, not found by listing a folder."""

    path: Path
    named: bool


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    report: ImportReport
    files: int  # files read (the database's own files skipped in a folder are not counted)


def list_sources(paths: Sequence[Path], fmt: str = "auto") -> list[Source]:
    """Each file as given and each folder's files that ``fmt`` reads, sorted (nothing is
    opened). :class:`UserError` for a path that does not exist, when there is no file at all,
    or when ``fmt`` needs an optional library that is not installed."""
    from annotator.formats.extras import missing_extra
    from annotator.formats.readers import folder_files, folder_kinds

    if (missing := missing_extra(fmt)) is not None:
        raise UserError(missing)
    sources: list[Source] = []
    for path in paths:
        if path.is_dir():
            sources.extend(Source(file, named=False) for file in folder_files(path, fmt))
        elif path.is_file():
            sources.append(Source(path, named=True))
        else:
            raise UserError(f"{path}: no such file or folder")
    if not sources:
        raise UserError(
            f"nothing to import: no {folder_kinds(fmt)} files in "
            + ", ".join(str(p) for p in paths)
        )
    return sources


def plan_sources(sources: Sequence[Source], database: Path | None) -> list[Source | Problem]:
    """The sources to read, in order, and a problem for each that cannot be: compared with the
    database's own files by ``os.stat`` alone (see the module's docstring); one of those found
    in a folder is left out without a word. Taken with the store open, so the ``-wal`` of this
    very import is seen."""
    from annotator.schemas import Problem

    protected = database_files(database)
    planned: list[Source | Problem] = []
    for source in sources:
        where = str(source.path)
        try:
            status = os.stat(source.path)
        except OSError as error:
            planned.append(Problem(where, 0, f"cannot read: {error.strerror}"))
            continue
        what = protected.get((status.st_dev, status.st_ino))
        if what is None:
            planned.append(source)
        elif source.named:
            owner = "the open database" if not what else f"the open database's {what} file"
            planned.append(Problem(where, 0, f"is {owner}; not imported"))
    return planned


def read_sources(
    planned: Sequence[Source | Problem], fmt: str = "auto", text_column: str = "text"
) -> Iterator[Located | Problem]:
    """The records (and problems) of every planned source, in order."""
    from annotator.formats.readers import InputError, read_file
    from annotator.schemas import Problem

    for source in planned:
        if isinstance(source, Problem):
            yield source
            continue
        path, where = source.path, str(source.path)
        try:
            yield from read_file(path, fmt, text_column)
        except InputError as error:
            yield Problem(where, 0, str(error).removeprefix(f"{path}: "))
        except OSError as error:
            yield Problem(where, 0, f"cannot read: {error.strerror}")


def import_sources(
    store: Store,
    sources: Sequence[Source],
    *,
    fmt: str = "auto",
    text_column: str = "text",
    annotator: str = IMPORTED,
    progress: Callable[[], None] | None = None,
    in_child: bool = False,
) -> ImportOutcome:
    """Import ``sources`` into ``store`` in one transaction. Raises
    :class:`~annotator.store.importer.ImportRefused` (nothing written) when anything is wrong.
    ``in_child``: read and check the records in a child process (the command line; see
    :func:`~annotator.store.importer.import_records`)."""
    from annotator.store.engine import sqlite_file
    from annotator.store.importer import import_records

    planned = plan_sources(sources, sqlite_file(store.url))
    items = read_sources(planned, fmt, text_column)
    report = import_records(store, items, annotator, progress, in_child=in_child)
    return ImportOutcome(report, sum(isinstance(source, Source) for source in planned))


def import_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    fmt: str = "auto",
    text_column: str = "text",
    annotator: str = IMPORTED,
    progress: Callable[[], None] | None = None,
) -> ImportOutcome:
    """:func:`list_sources`, then :func:`import_sources`."""
    return import_sources(
        store,
        list_sources(paths, fmt),
        fmt=fmt,
        text_column=text_column,
        annotator=annotator,
        progress=progress,
    )
