"""The project's commands: ``guidelines set|show`` and ``progress``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from annotator.app.errors import EXIT_OK, EXIT_REFUSED, UserError
from annotator.cli.database import open_database
from annotator.cli.options import db_option

if TYPE_CHECKING:
    from annotator.store.progress import TeamProgress


def add_project_commands(commands: Any) -> None:
    """Add ``guidelines`` and ``progress`` to the subcommands."""
    guidelines = commands.add_parser(
        "guidelines",
        help="set or show the annotation guidelines (Markdown; F1 in the window)",
        description="The project's annotation guidelines, one Markdown document stored in the "
        "database; the window shows them in a pane (F1).",
    )
    actions = guidelines.add_subparsers(dest="guidelines_command", metavar="ACTION", required=True)
    set_ = actions.add_parser("set", help="store FILE (UTF-8 Markdown; - reads standard input)")
    set_.add_argument("file", metavar="FILE|-")
    db_option(set_)
    set_.set_defaults(run=run_guidelines_set)
    show = actions.add_parser("show", help="print the guidelines' Markdown as stored")
    db_option(show)
    show.set_defaults(run=run_guidelines_show)

    progress = commands.add_parser(
        "progress",
        help="documents done / in progress / untouched and spans per label, per person",
        description="Per person: of the documents they may open (their assignments and the "
        "documents assigned to nobody; all, for a reviewer), how many they finished, began and "
        "did not touch, and their spans per label. Then the documents awaiting review "
        "(finished by two annotators or more, gold not done) and the gold sets done.",
    )
    progress.add_argument("--json", action="store_true", help="print the figures as JSON")
    db_option(progress)
    progress.set_defaults(run=run_progress)


def _read_markdown(name: str) -> str:
    """The text of ``name`` (``-``: standard input), strict UTF-8; a failure is one line that
    names the file."""
    shown = "standard input" if name == "-" else name
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except IsADirectoryError:
        raise UserError(f"{shown}: is a folder, not a file", EXIT_REFUSED) from None
    except FileNotFoundError:
        raise UserError(f"{shown}: no such file", EXIT_REFUSED) from None
    except OSError as error:
        raise UserError(f"{shown}: cannot read: {error.strerror}", EXIT_REFUSED) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{shown}: not UTF-8 (byte {error.start + 1} cannot be read); nothing was stored",
            EXIT_REFUSED,
        ) from None
    if "\x00" in text:
        raise UserError(f"{shown}: holds a NUL character; nothing was stored", EXIT_REFUSED)
    return text


def run_guidelines_set(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.guidelines import set_guidelines

    # Read before the database is opened: a bad file touches nothing.
    markdown = _read_markdown(args.file)
    with open_database(args) as store:
        set_guidelines(store, markdown)
    lines = len(markdown.splitlines())
    print(f"stored the guidelines ({len(markdown):,} characters, {lines:,} lines)", file=out)
    return EXIT_OK


def run_guidelines_show(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.guidelines import guidelines

    with open_database(args) as store:
        markdown = guidelines(store)
    if markdown is None:
        print("no guidelines yet: `annotator guidelines set FILE` stores them", file=sys.stderr)
        return EXIT_OK
    out.write(markdown)
    out.flush()
    return EXIT_OK


def run_progress(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.progress import team_progress

    with open_database(args) as store:
        figures = team_progress(store)
    if args.json:
        json.dump(figures.to_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_progress(figures, out)
    return EXIT_OK


def print_progress(figures: TeamProgress, out: TextIO) -> None:
    print(
        f"documents {figures.documents:,}   awaiting review {figures.awaiting_review:,}   "
        f"gold done {figures.gold_done:,}",
        file=out,
    )
    if not figures.people:
        print("nobody has worked yet (annotator people add NAME)", file=out)
        return
    name_width = max(6, *(len(person.name) for person in figures.people))
    columns = [(label, max(7, len(label))) for label in figures.labels]
    head = f"{'person':<{name_width}} {'role':<9} {'may open':>9} {'done':>9} "
    head += f"{'in progress':>11} {'untouched':>9}"
    spans = " ".join(f"{label:>{width}}" for label, width in columns)
    print(f"\n{head}   spans: {spans}", file=out)
    for person in figures.people:
        row = f"{person.name:<{name_width}} {person.role:<9} {person.may_open:>9,} "
        row += f"{person.done:>9,} {person.in_progress:>11,} {person.untouched:>9,}"
        counts = " ".join(f"{person.spans[label]:>{width},}" for label, width in columns)
        print(f"{row}          {counts}", file=out)
