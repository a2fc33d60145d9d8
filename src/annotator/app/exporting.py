"""One export for the command line and the window: the corpus (every annotation set, or one
person's) in a registered format (:data:`annotator.formats.EXPORT_FORMATS`), written to a file
never half at a time, never over a device node, never over the database it reads, and every
failure one line."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.store.location import SQLITE_SUFFIXES, database_files

if TYPE_CHECKING:
    from annotator.store.store import Store


def export_lines(store: Store, format_name: str, person: str | None) -> Iterator[str]:
    """The export's lines, streamed from one snapshot of the database: every set (``person``
    None) or that person's (see :func:`annotator.store.exporter.export_records`)."""
    from annotator.formats import EXPORT_FORMATS
    from annotator.store.exporter import export_records

    return EXPORT_FORMATS[format_name].lines(export_records(store, person))


def export_file(
    store: Store,
    given: str,
    format_name: str,
    person: str | None,
    step: Callable[[], None] = lambda: None,
) -> int:
    """Write the export to the file ``given`` (see :func:`write_export`), calling ``step``
    after each line; the number of records. Refused (:class:`UserError`) when ``given`` is the
    database or one of its side files."""
    from annotator.store.engine import sqlite_file

    refuse_database_files(given, sqlite_file(store.url))
    return write_export(given, export_lines(store, format_name, person), step)


def refuse_database_files(given: str, database: Path | None) -> None:
    """Refuse ``-o`` naming the database or one of its side files, by path or by inode (a
    hard link, a symlink). Only ``os.stat``: opening the database file outside SQLite would
    drop SQLite's locks on it."""
    if database is None:
        return
    target = Path(given).resolve()
    for suffix in SQLITE_SUFFIXES:
        if target == Path(f"{database}{suffix}").resolve():
            _refuse(Path(f"{database}{suffix}"))
    try:
        status = os.stat(target)
    except OSError:
        return
    same = database_files(database).get((status.st_dev, status.st_ino))
    if same is not None:
        _refuse(Path(f"{database}{same}"))


def _refuse(candidate: Path) -> NoReturn:
    raise UserError(f"refusing to write the export over the database file {candidate}")


def write_export(given: str, lines: Iterator[str], step: Callable[[], None]) -> int:
    """Write ``lines`` to the file ``given``; the number of lines.

    A regular file (or a new one) is written beside itself and renamed into place, so an
    interrupted or failed export leaves the old file as it was; a new file gets the mode the
    umask gives, a replaced one keeps its mode. Anything else (``/dev/stdout``, ``/dev/full``, a
    FIFO) is written directly: renaming over it would replace the device node with a file.
    Every failure is a :class:`UserError` naming ``given``.
    """
    # Follows symlinks: a link to a file replaces the file, a link to a device writes to it.
    path = Path(given).resolve()
    try:
        try:
            existing: os.stat_result | None = os.stat(given)
        except FileNotFoundError:
            existing = None
        if existing is None:
            if not path.parent.is_dir():
                raise UserError(
                    f"cannot write to {given}: there is no folder {path.parent}", EXIT_REFUSED
                )
            return _replace(path, None, lines, step)
        if stat.S_ISDIR(existing.st_mode):
            raise UserError(f"cannot write to {given}: it is a folder", EXIT_REFUSED)
        if stat.S_ISREG(existing.st_mode):
            return _replace(path, stat.S_IMODE(existing.st_mode), lines, step)
        # Not resolved: /dev/stdout resolves to "pipe:[...]" under /proc.
        with open(given, "w", encoding="utf-8", newline="") as handle:
            return _write_lines(handle.write, lines, step)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            # The export writes a temporary file beside the target, so the folder must be
            # writable: say which of the two refused (an immutable folder reports EPERM).
            reason = f"the folder {Path(given).resolve().parent} is read-only ({reason})"
        raise UserError(f"cannot write to {given}: {reason}", EXIT_REFUSED) from None


def _replace(path: Path, mode: int | None, lines: Iterator[str], step: Callable[[], None]) -> int:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 lets the umask decide, as for any file a program creates (mkstemp would give 0600).
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            count = _write_lines(handle.write, lines, step)
            handle.flush()
            # On disk before the rename: a crash right after leaves the whole new file.
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _write_lines(
    write: Callable[[str], object], lines: Iterator[str], step: Callable[[], None]
) -> int:
    count = 0
    for line in lines:
        write(line)
        count += 1
        step()
    return count
