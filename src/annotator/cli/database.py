"""Opening the database a command names, for the command line: a command that finds another
program writing waits for it, and says so once on stderr."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from annotator.app.opening import database_path, open_store

if TYPE_CHECKING:
    from annotator.store.store import Store


def open_database(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The store at ``args.db`` (see :func:`annotator.app.opening.open_store`). While another
    program holds the SQLite write lock (a long import, say), a write waits until it frees, and
    the first wait prints one line; Ctrl+C stops the command, keeping nothing of it."""
    told = False

    def on_wait() -> None:
        nonlocal told
        if not told:
            told = True
            print(
                f"annotator {args.command}: waiting for another program to finish writing to "
                f"{database_path(args.db)} (Ctrl+C to stop)",
                file=sys.stderr,
                flush=True,
            )

    return open_store(args.db, create=create, on_wait=on_wait)
