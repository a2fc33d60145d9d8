"""The ``annotator`` command line. It never imports the window: the entry point
(:mod:`annotator.entry`) hands the window's commands to the GUI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from annotator import __version__
from annotator.app.errors import EXIT_OK, UserError
from annotator.cli.options import db_option, window_options
from annotator.cli.window import WINDOW_COMMANDS, add_window_commands, bare_window_arguments
from annotator.formats import EXPORT_FORMATS, IMPORT_FORMATS, TEXT_COLUMN

Runner = Callable[[argparse.Namespace, TextIO], int]


def build_parser() -> argparse.ArgumentParser:
    from annotator.cli.corpus import run_export, run_import, run_stats
    from annotator.cli.model import add_model_commands
    from annotator.cli.project import add_project_commands
    from annotator.cli.team import add_team_commands

    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Label text spans in news articles. With no command, opens the window "
        "(the window's options --db, --user, --new-user and --review work there too).",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    db_option(parser, dest="window_db")
    window_options(parser, dest_prefix="window_")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(
        "import",
        help="import .txt files, JSONL (native, doccano, Prodigy), CSV, TSV, Label Studio, "
        "brat, CoNLL, spaCy or INCEpTION files (one transaction)",
        description="Import documents and annotations. A folder imports its .txt, .jsonl, "
        ".csv and .tsv files, or with --format the files of that format (brat: each .txt and "
        "the .ann beside it). The whole import is one transaction: any problem refuses all of it.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    db_option(imp)
    imp.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        default="auto",
        help="the files' format (default: auto, by extension: .txt, .jsonl, .csv, .tsv)",
    )
    imp.add_argument(
        "--text-column",
        default=TEXT_COLUMN,
        metavar="NAME",
        help="the column holding the text, in CSV and TSV files, or the key of a Label Studio "
        f"task's data that holds it (default: {TEXT_COLUMN})",
    )
    imp.add_argument(
        "--annotator",
        default="imported",
        metavar="NAME",
        help="who made spans whose record names no annotator (default: imported)",
    )
    imp.set_defaults(run=run_import)

    exp = commands.add_parser(
        "export",
        help="write the corpus (JSONL, doccano, Prodigy, Label Studio, brat, CoNLL, spaCy, "
        "Hugging Face datasets, INCEpTION XMI) or the adjudication decision log",
        description="The corpus in --format: one record per (document, annotation set); "
        "documents with no annotation once, without spans. Code point offsets. Formats that "
        "hold one annotation per document (brat, conll, spacy, hf, inception) need --set when "
        "documents have several sets; token formats cannot nest, and stderr counts what they "
        "leave out. With --decisions, one line per adjudication decision instead.",
    )
    db_option(exp)
    exp.add_argument("--format", choices=tuple(EXPORT_FORMATS), default="jsonl")
    exp.add_argument(
        "--set",
        default="all",
        metavar="all|gold|NAME",
        help="every annotation set, the gold standard, or one person's (default: all)",
    )
    exp.add_argument(
        "--split",
        metavar="NAME=FRACTION,...",
        help="e.g. train=0.8,dev=0.1,test=0.1: documents shuffled by --seed and cut into one "
        "file or folder per split, named PATH-NAME before the suffix (corpus-train.spacy)",
    )
    exp.add_argument("--seed", type=int, default=0, help="the shuffle of --split (default: 0)")
    exp.add_argument(
        "--decisions",
        action="store_true",
        help="write the adjudication decision log instead: one line per decision (document, "
        "span, action, who, when in UTC, reason), oldest first",
    )
    exp.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="PATH|-",
        help="a file, or a folder for brat, label-studio, hf and inception (default: - , "
        "standard output, for the line formats)",
    )
    exp.set_defaults(run=run_export)

    stats = commands.add_parser("stats", help="documents, annotators, sets and spans per label")
    db_option(stats)
    stats.set_defaults(run=run_stats)

    add_team_commands(commands)
    add_project_commands(commands)
    add_model_commands(commands)
    add_window_commands(commands)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command; no command means the window, with the options given before it.
    Options given before a command apply to it (``annotator --db X stats``); the window's own
    options before another command are an error, not silently ignored."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return bare_window_arguments(args)
    if getattr(args, "db", None) is None and args.window_db is not None:
        args.db = args.window_db
    given = [
        option
        for option, value in (
            ("--user", args.window_user),
            ("--new-user", args.window_new_user),
            ("--review", args.window_review),
        )
        if value
    ]
    if given and args.command in WINDOW_COMMANDS:
        args.user = args.user or args.window_user
        args.new_user = args.new_user or args.window_new_user
        args.review = args.review or args.window_review
    elif given:
        parser.error(f"{', '.join(given)}: the window's options; `{args.command}` takes none")
    return args


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, window: Runner | None = None
) -> int:
    """Run one command; the exit code. ``window`` runs the window's commands (the entry point
    gives it; without it they are refused, so this module never imports Qt)."""
    args = parse(argv)
    stream = out if out is not None else sys.stdout
    try:
        if args.command in WINDOW_COMMANDS:
            if window is None:
                raise UserError("the window's commands run from the `annotator` program")
            return int(window(args, stream))
        return int(args.run(args, stream))
    except UserError as error:
        print(f"annotator {_command_name(args)}: {error}", file=sys.stderr)
        return error.code
    except BrokenPipeError:
        # `annotator export | head`: the reader left; not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted; nothing of the unfinished command was kept", file=sys.stderr)
        return 130
    except Exception as error:
        # A database file that turned out read-only, or a full disk, after it was opened.
        failure = _database_failure(error, args)
        if failure is None:
            raise
        print(f"annotator {_command_name(args)}: {failure}", file=sys.stderr)
        return failure.code


def _database_failure(error: Exception, args: argparse.Namespace) -> UserError | None:
    from annotator.app.failures import database_failure
    from annotator.app.opening import database_path

    try:
        path = database_path(getattr(args, "db", None))
    except UserError:
        return None
    return database_failure(error, path)


def _command_name(args: argparse.Namespace) -> str:
    """``stats``, or ``people list``: what the person typed, for the start of a message."""
    action = getattr(args, "people_command", None) or getattr(args, "guidelines_command", None)
    return f"{args.command} {action}" if action else str(args.command)
