"""The command-line options of the window's commands (``gui``, ``screenshot``). Only the
options live here: the command line never imports the window; the entry point
(:mod:`annotator.entry`) runs these commands in :mod:`annotator.gui.window_commands`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from annotator.cli.options import db_option, window_options

WINDOW_COMMANDS = ("gui", "screenshot")


def add_window_commands(commands: Any) -> None:
    gui = commands.add_parser(
        "gui",
        help="open the annotation window (what `annotator` with no command does)",
        description="Open the annotation window on the database. Every action is saved at once.",
    )
    db_option(gui)
    window_options(gui)

    shot = commands.add_parser(
        "screenshot",
        help="render the window to a PNG file (works without a display)",
        description="Render the annotation window offscreen to a PNG file.",
    )
    db_option(shot)
    window_options(shot)
    shot.add_argument("--doc", metavar="ID", help="document id (default: first unfinished)")
    shot.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.png")
    shot.add_argument("--size", default="1400x900", metavar="WIDTHxHEIGHT")


def bare_window_arguments(args: argparse.Namespace) -> argparse.Namespace:
    """What `annotator [--db X] [--user N] ...` with no command runs: the window."""
    return argparse.Namespace(
        command="gui",
        db=args.window_db,
        user=args.window_user,
        new_user=args.window_new_user,
        review=args.window_review,
    )
