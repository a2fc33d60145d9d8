"""One export for the command line and the window: the corpus (every annotation set, or one
person's) in a registered format (:data:`annotator.formats.EXPORT_FORMATS`), written to a file
never half at a time, never over a device node, never over the database it reads, and every
failure one line."""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.app.export_plan import (
    assign_splits,
    check_one_set,
    export_context,
    parse_split,
    split_target,
)
from annotator.formats.writing import ExportProblem, MissingExtra, Tally
from annotator.store.location import SQLITE_SUFFIXES, database_files

if TYPE_CHECKING:
    from annotator.core.records import ExportRecord
    from annotator.formats import ExportFormat
    from annotator.formats.writing import ExportContext
    from annotator.store.store import Store


@dataclass
class ExportOutcome:
    """What an export wrote: the records read, the files or folders written, and what the
    format left out (:class:`annotator.formats.writing.Tally`)."""

    tally: Tally
    written: list[str] = field(default_factory=list)


def export_lines(store: Store, format_name: str, person: str | None, tally: Tally) -> Iterator[str]:
    """A line format's lines, streamed from one snapshot of the database: every set
    (``person`` None) or that person's (see :func:`annotator.store.exporter.export_records`);
    ``tally`` counts the records and what the format leaves out."""
    from annotator.formats import EXPORT_FORMATS
    from annotator.store.exporter import export_records

    fmt = EXPORT_FORMATS[format_name]
    _prepare(store, fmt, person)
    context = export_context(store, person)
    return fmt.lines(_counted(export_records(store, person), tally, lambda: None), context, tally)


def export_to(
    store: Store,
    given: str,
    format_name: str,
    person: str | None,
    split: str | None = None,
    seed: int = 0,
    step: Callable[[], None] = lambda: None,
) -> ExportOutcome:
    """Write the export to ``given`` (a file or a folder, as the format is), or with ``split``
    (``train=0.8,dev=0.1,test=0.1``) one per split beside it (:func:`split_target`), documents
    assigned by ``seed``; ``step`` is called after each record. Refused (:class:`UserError`,
    before anything is written) when ``given`` is the database or one of its side files, when
    the format needs an extra that is not installed, or holds one annotation per document and
    documents have several sets."""
    from annotator.formats import EXPORT_FORMATS
    from annotator.store.engine import sqlite_file
    from annotator.store.export_plan import document_ids
    from annotator.store.exporter import export_records

    fmt = EXPORT_FORMATS[format_name]
    _prepare(store, fmt, person)
    context = export_context(store, person)
    targets: list[tuple[str, str | None]] = [(given, None)]
    assigned: dict[str, str] = {}
    if split is not None:
        parts = parse_split(split)
        assigned = assign_splits(document_ids(store, person), parts, seed)
        targets = [(split_target(given, name, fmt), name) for name, _ in parts]
    for target, _ in targets:
        refuse_database_files(target, sqlite_file(store.url))
    outcome = ExportOutcome(Tally())
    for target, name in targets:
        records: Iterator[ExportRecord] = export_records(store, person)
        if name is not None:
            records = (record for record in records if assigned.get(record.id) == name)
        counted = _counted(records, outcome.tally, step)
        try:
            if fmt.kind == "lines":
                write_export(target, fmt.lines(counted, context, outcome.tally), lambda: None)
            else:
                write = _writer(fmt, counted, context, outcome.tally)
                write_path_export(target, fmt.kind, fmt.name, write)
        except ExportProblem as problem:
            raise UserError(f"nothing written to {target}: {problem}", EXIT_REFUSED) from None
        outcome.written.append(target)
    return outcome


def _prepare(store: Store, fmt: ExportFormat, person: str | None) -> None:
    try:
        fmt.check_library()
    except MissingExtra as missing:
        raise UserError(str(missing), EXIT_REFUSED) from None
    check_one_set(store, fmt, person)


def _writer(
    fmt: ExportFormat, records: Iterator[ExportRecord], context: ExportContext, tally: Tally
) -> Callable[[Path], None]:
    return lambda temporary: fmt.write_path(records, temporary, context, tally)


def _counted(
    records: Iterator[ExportRecord], tally: Tally, step: Callable[[], None]
) -> Iterator[ExportRecord]:
    for record in records:
        tally.records += 1
        yield record
        step()


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


def write_path_export(given: str, kind: str, fmt: str, write: Callable[[Path], None]) -> None:
    """Have ``write`` make the file or folder (``kind``) of an export beside ``given``, then
    rename it into place: an interrupted or failed export leaves nothing half written. A file
    replaces a file (keeping its mode); a folder only takes the place of an empty folder or of
    nothing (a folder of files is never deleted). Every failure is a :class:`UserError`."""
    path = Path(given).resolve()
    what = "a folder" if kind == "folder" else "a file"
    try:
        if given == "-":
            raise UserError(f"the {fmt} format writes {what}: give -o PATH", EXIT_REFUSED)
        if not path.parent.is_dir():
            raise UserError(
                f"cannot write to {given}: there is no folder {path.parent}", EXIT_REFUSED
            )
        mode: int | None = None
        if os.path.lexists(path):
            existing = os.stat(path)
            if kind == "folder" and not stat.S_ISDIR(existing.st_mode):
                raise UserError(f"cannot write to {given}: it is not a folder", EXIT_REFUSED)
            if kind == "folder" and any(path.iterdir()):
                raise UserError(
                    f"cannot write to {given}: the folder is not empty (choose a new folder, "
                    "or empty it)",
                    EXIT_REFUSED,
                )
            if kind == "file" and not stat.S_ISREG(existing.st_mode):
                raise UserError(f"cannot write to {given}: it is not a regular file", EXIT_REFUSED)
            if kind == "file":
                mode = stat.S_IMODE(existing.st_mode)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            write(temporary)
            if mode is not None:
                os.chmod(temporary, mode)
            # On disk before the rename: a crash right after leaves the whole new export.
            if kind == "file":
                with open(temporary, "rb+") as handle:
                    os.fsync(handle.fileno())
            else:
                os.sync()
            os.replace(temporary, path)
        except BaseException:
            if temporary.is_dir():
                shutil.rmtree(temporary, ignore_errors=True)
            else:
                temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = f"the folder {path.parent} is read-only ({reason})"
        raise UserError(f"cannot write to {given}: {reason}", EXIT_REFUSED) from None
