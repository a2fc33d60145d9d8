"""Options several commands share."""

from __future__ import annotations

import argparse


def db_option(parser: argparse.ArgumentParser, dest: str = "db") -> None:
    parser.add_argument(
        "--db",
        dest=dest,
        metavar="URL",
        help="database URL or SQLite file path (default: $ANNOTATOR_DB, else a SQLite file "
        "in the user data directory)",
    )


def window_options(parser: argparse.ArgumentParser, dest_prefix: str = "") -> None:
    """Who works in the window, and whether a new person may be added."""
    parser.add_argument(
        "--user",
        dest=f"{dest_prefix}user",
        metavar="NAME",
        help="who is annotating (default: your login name); must be a known person once the "
        "database has people",
    )
    parser.add_argument(
        "--new-user",
        dest=f"{dest_prefix}new_user",
        action="store_true",
        help="add --user as a new annotator if the database does not know them",
    )
    parser.add_argument(
        "--review",
        dest=f"{dest_prefix}review",
        action="store_true",
        help="open straight into review mode (reviewers only)",
    )
