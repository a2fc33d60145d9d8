"""The ``gui`` and ``screenshot`` commands of the command line. Nothing here imports Qt until
a command runs, so the other commands start without it."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TextIO

from annotator.cli import EXIT_OK, CommandError, _db_option, open_store


def add_gui_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = commands.add_parser(
        "gui",
        help="open the annotation window (what `annotator` with no command does)",
        description="Open the annotation window on the database. Every action is saved at once.",
    )
    _db_option(gui)
    _user_option(gui)
    gui.add_argument(
        "--review", action="store_true", help="open straight into review mode (reviewers only)"
    )
    gui.set_defaults(run=run_gui)

    shot = commands.add_parser(
        "screenshot",
        help="render the window to a PNG file (works without a display)",
        description="Render the annotation window offscreen to a PNG file.",
    )
    _db_option(shot)
    _user_option(shot)
    shot.add_argument("--doc", metavar="ID", help="document id (default: first unfinished)")
    shot.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.png")
    shot.add_argument("--size", default="1400x900", metavar="WIDTHxHEIGHT")
    shot.add_argument(
        "--review", action="store_true", help="render review mode (--user must be a reviewer)"
    )
    shot.set_defaults(run=run_screenshot)


def _user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", metavar="NAME", help="who is annotating (default: your login name)"
    )


def gui_arguments() -> argparse.Namespace:
    """What `annotator` with no command runs: the window, with every default."""
    return argparse.Namespace(command="gui", db=None, user=None, run=run_gui)


def run_gui(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.gui.app import run

    # The database is opened once the window shows (errors: a message box and exit code 2).
    return run(args.db, args.user or getpass.getuser(), getattr(args, "review", False))


def run_screenshot(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.gui.screenshot import ScreenshotError, parse_size, render

    try:
        size = parse_size(args.size)
    except ValueError as error:
        raise CommandError(str(error)) from None
    with open_store(args.db) as store:  # the command line's messages for a bad database
        url = store.url
    try:
        render(url, args.user or getpass.getuser(), args.output, size, args.doc, args.review)
    except ScreenshotError as error:
        raise CommandError(str(error)) from None
    print(f"wrote {args.output} ({size[0]}x{size[1]})", file=out)
    return EXIT_OK
