"""A command that would create a new SQLite file only keeps it when it keeps what it wrote:
an import refused into a mistyped path must not leave a database (and its folder) behind, or
the next command would silently work on the typo."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.store.location import SQLITE_SUFFIXES


@dataclass
class NewFile:
    """Where the command writes (``path``); set ``keep`` once what it wrote is to stay."""

    path: Path
    keep: bool = False


@contextmanager
def kept_only_if_used(target: Path) -> Iterator[NewFile]:
    """For ``target``, a SQLite file that does not exist yet: the command writes to a
    temporary file beside it (the folders it needs are made), which becomes ``target`` when
    the command sets ``keep`` and closes its store before the block ends. Otherwise the file
    and the folders made for it are removed. Nobody else knows the temporary file's name, so
    removing it can take nothing from anyone; ``target`` is made with ``os.link``, which
    never replaces a file another program created meanwhile."""
    made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    new = NewFile(target.with_name(f".{target.name}.new-{os.getpid()}"))
    try:
        yield new
        if new.keep:
            try:
                os.link(new.path, target)
            except FileExistsError:
                raise UserError(
                    f"another program created {target} while this command ran; nothing of this "
                    "command was kept: run it again",
                    EXIT_REFUSED,
                ) from None
            made = []
    finally:
        for suffix in SQLITE_SUFFIXES:
            Path(f"{new.path}{suffix}").unlink(missing_ok=True)
        for folder in made:  # deepest first; only what this command made, only if empty
            try:
                folder.rmdir()
            except OSError:
                break
