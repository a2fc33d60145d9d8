"""The window's commands, ``gui`` and ``screenshot``, run for the entry point
(:mod:`annotator.entry`). Their options are defined by the command line
(:mod:`annotator.cli.window`); a bad database or an unknown ``--user`` is refused here, in
one line, before any window opens."""

from __future__ import annotations

import argparse
import getpass
from typing import TYPE_CHECKING, TextIO

from annotator.app.errors import EXIT_OK, EXIT_REFUSED, UserError

if TYPE_CHECKING:
    from annotator.store.store import Store


def run_window_command(args: argparse.Namespace, out: TextIO) -> int:
    return run_screenshot(args, out) if args.command == "screenshot" else run_gui(args, out)


def run_gui(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.gui.app import run
    from annotator.gui.display import check_display

    check_display()
    database, user, notice = window_start(args)
    return run(database, user, args.review, notice)


def window_start(args: argparse.Namespace) -> tuple[str | Store, str, str]:
    """What the window opens on (a SQLite URL it opens once it has painted, or an open store),
    who works in it, and its first notice. A bad database or an unknown ``--user`` is a
    :class:`UserError` before any window opens.

    The usual case, a SQLite file and a known person, is checked with the sqlite3 module alone,
    so the window paints before SQLAlchemy loads; the rest (a server, ``--new-user``, a file
    the quick look cannot read) opens the store first (:func:`open_for_window`)."""
    from annotator.app.failures import unwritable
    from annotator.app.opening import plain_sqlite_path
    from annotator.app.people import check_reviewer, choose_person, people_in_file

    path = None if args.new_user else plain_sqlite_path(args.db)
    known = None if path is None else people_in_file(path)
    if path is None or known is None:
        return open_for_window(args)
    reason = unwritable(path)
    if reason is not None:
        raise UserError(f"cannot write to {path}: {reason}", EXIT_REFUSED)
    user = choose_person(args.user or getpass.getuser(), sorted(known), may_add=False)
    if args.review:
        check_reviewer(user, known.get(user))
    notice = "" if path.exists() else f"Created a new database at {path}"
    return f"sqlite:///{path}", user, notice


def open_for_window(args: argparse.Namespace) -> tuple[Store, str, str]:
    """The window's store, who works in it, and what the window says first: that it created a
    new database, and where. A bad database or an unknown ``--user`` is a :class:`UserError`
    before any window opens."""
    from annotator.app.opening import database_path, open_store
    from annotator.app.people import check_reviewer, resolve_person, role_of

    path = database_path(args.db)
    notice = f"Created a new database at {path}" if path and not path.exists() else ""
    store = open_store(args.db, create=True, watch=True)
    try:
        user = resolve_person(store, args.user or getpass.getuser(), args.new_user)
        if args.review:
            check_reviewer(user, role_of(store, user))
    except BaseException:
        store.close()
        raise
    return store, user, notice


def run_screenshot(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.app.opening import open_store
    from annotator.app.people import resolve_person
    from annotator.gui.screenshot import ScreenshotError, parse_size, render

    try:
        size = parse_size(args.size)
    except ValueError as error:
        raise UserError(str(error)) from None
    with open_store(args.db) as store:  # the command line's messages for a bad database
        url = store.url
        user = resolve_person(store, args.user or getpass.getuser(), args.new_user)
    try:
        render(url, user, args.output, size, args.doc, args.review)
    except ScreenshotError as error:
        raise UserError(str(error)) from None
    print(f"wrote {args.output} ({size[0]}x{size[1]})", file=out)
    return EXIT_OK
