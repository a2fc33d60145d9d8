"""The ``annotator`` command line. It never imports the GUI unless a GUI command runs."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from annotator import __version__

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, with an exit code, and no traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL or SQLite file path (default: $ANNOTATOR_DB, else a SQLite file "
        "in the user data directory)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Label text spans in news articles. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(
        "import",
        help="import .txt files, native JSONL or doccano JSONL (one transaction)",
        description="Import documents and annotations. A folder imports its .txt and .jsonl "
        "files. The whole import is one transaction: any problem refuses all of it.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _db_option(imp)
    imp.add_argument("--format", choices=("auto", "txt", "jsonl", "doccano"), default="auto")
    imp.add_argument(
        "--annotator",
        default="imported",
        metavar="NAME",
        help="who made spans whose record names no annotator (default: imported)",
    )
    imp.set_defaults(run=run_import)

    exp = commands.add_parser(
        "export",
        help="write the corpus as JSONL",
        description="One line per (document, annotation set); documents with no annotation "
        "once, without spans. Spans sorted by (start, end, label), code point offsets.",
    )
    _db_option(exp)
    exp.add_argument("--format", choices=("jsonl",), default="jsonl")
    exp.add_argument(
        "--set", default="all", metavar="all|NAME", help="every annotation set, or one person's"
    )
    exp.add_argument("-o", "--output", default="-", metavar="FILE|-")
    exp.set_defaults(run=run_export)

    stats = commands.add_parser("stats", help="documents, annotators, sets and spans per label")
    _db_option(stats)
    stats.set_defaults(run=run_stats)

    from annotator.cli_team import add_team_commands

    add_team_commands(commands)

    from annotator.gui.commands_cli import add_gui_commands

    add_gui_commands(commands)
    return parser


def open_store(url_or_path: str | None):  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import DatabaseError

    from annotator.store.engine import display_url, resolve_url
    from annotator.store.store import Store
    from annotator.store.version import NotAnAnnotatorDatabase, SchemaTooNew

    url = resolve_url(url_or_path)
    try:
        return Store.open(url)
    except (SchemaTooNew, NotAnAnnotatorDatabase) as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:  # unreachable server, not a database file, ...
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CommandError(f"cannot open the database {display_url(url)}: {reason}") from None


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.formats import InputError, expand_paths, read_file
    from annotator.progress import Progress
    from annotator.schemas import Located, Problem
    from annotator.store.importer import ImportRefused, import_records

    try:
        files = expand_paths(args.paths)
    except InputError as error:
        raise CommandError(str(error)) from None
    if not files:
        raise CommandError(
            "nothing to import: no .txt or .jsonl files in " + ", ".join(str(p) for p in args.paths)
        )

    def items() -> Iterator[Located | Problem]:
        for path in files:
            try:
                yield from read_file(path, args.format)
            except InputError as error:
                yield Problem(str(path), 0, str(error).removeprefix(f"{path}: "))
            except OSError as error:
                yield Problem(str(path), 0, f"cannot read: {error.strerror}")

    progress = Progress("importing")
    with open_store(args.db) as store:
        try:
            report = import_records(store, items(), args.annotator, progress.step)
        except ImportRefused as refused:
            progress.close()
            for problem in refused.problems:
                print(problem, file=sys.stderr)
            hidden = refused.total - len(refused.problems)
            if hidden:
                print(f"... and {hidden} more problem(s)", file=sys.stderr)
            print(
                f"import refused: {refused.total} problem(s); nothing was imported",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        progress.close()
    print(
        f"imported {report.documents_added} new document(s) "
        f"({report.documents_known} already stored), {report.sets_added} annotation set(s), "
        f"{report.spans_added} span(s) ({report.spans_known} already stored) "
        f"from {len(files)} file(s)",
        file=out,
    )
    return EXIT_OK


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.formats.native import iter_lines
    from annotator.progress import Progress
    from annotator.store.exporter import export_records

    person = None if args.set == "all" else args.set
    with open_store(args.db) as store:
        progress = Progress("exporting")
        lines = iter_lines(export_records(store, person))
        if args.output == "-":
            if out is sys.stdout and hasattr(out, "reconfigure"):
                # JSONL is UTF-8 with \n whatever the locale: a Windows `> file` would be
                # cp1252 and fail on the first emoji.
                out.reconfigure(encoding="utf-8", newline="\n")
            for line in lines:
                out.write(line)
            out.flush()
        else:
            count = _write_atomically(Path(args.output), lines, progress.step)
            progress.close()
            print(f"wrote {count} record(s) to {args.output}", file=sys.stderr)
    return EXIT_OK


def _write_atomically(path: Path, lines: Iterator[str], step: Callable[[], None]) -> int:
    """Write to a temporary file beside ``path``, then rename: never a half-written export."""
    path = path.resolve()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    count = 0
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            for line in lines:
                handle.write(line)
                count += 1
                step()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def run_stats(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.stats import corpus_stats

    with open_store(args.db) as store:
        stats = corpus_stats(store)
        where = store.describe()
    rows = [
        ("database", where),
        ("documents", stats.documents),
        ("annotators", f"{len(stats.annotators)} ({', '.join(stats.annotators)})"),
        ("sets done", stats.sets_done),
        ("sets in progress", stats.sets_in_progress),
        ("gold sets", stats.gold_sets),
        ("spans", stats.spans),
    ]
    for name, value in rows:
        print(f"{name + ':':<18}{value}", file=out)
    for label, count in stats.spans_per_label.items():
        print(f"  {label:<14} {count}", file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout
    if args.command is None:
        from annotator.gui.commands_cli import gui_arguments

        args = gui_arguments()
    try:
        return int(args.run(args, stream))
    except CommandError as error:
        print(f"annotator {args.command}: {error}", file=sys.stderr)
        return error.code
    except BrokenPipeError:
        # `annotator export | head`: the reader left; not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted; nothing of the unfinished command was kept", file=sys.stderr)
        return 130
