"""The corpus commands: ``import``, ``export`` and ``stats``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from annotator.app.errors import EXIT_OK, EXIT_REFUSED, UserError
from annotator.app.opening import database_path
from annotator.cli.database import open_database

if TYPE_CHECKING:
    from annotator.app.importing import Source
    from annotator.store.store import Store


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.app.importing import list_sources
    from annotator.app.new_database import kept_only_if_used

    # Listed before the database is opened: a wrong path creates no database.
    sources = list_sources(args.paths, args.format)
    path = database_path(args.db)
    if path is None or path.exists():
        return _import(args, out, sources)
    # A new file: kept only if the import is (a refused import into a typo leaves nothing).
    with kept_only_if_used(path) as new:
        code = _import(argparse.Namespace(**{**vars(args), "db": str(new.path)}), out, sources)
        new.keep = code == EXIT_OK
    return code


def _import(args: argparse.Namespace, out: TextIO, sources: list[Source]) -> int:
    from annotator.app.importing import import_sources
    from annotator.app.program import is_program
    from annotator.cli.progress import Progress
    from annotator.store.importer import ImportRefused

    progress = Progress("importing")
    with open_database(args, create=True) as store:
        try:
            outcome = import_sources(
                store,
                sources,
                fmt=args.format,
                text_column=args.text_column,
                annotator=args.annotator,
                progress=progress.step,
                in_child=is_program(),
            )
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
    report = outcome.report
    print(
        f"imported {report.documents_added} new document(s) "
        f"({report.documents_known} already stored), {report.sets_added} annotation set(s), "
        f"{report.spans_added} span(s) ({report.spans_known} already stored), "
        f"{report.relations_added} relation(s) ({report.relations_known} already stored) "
        f"from {outcome.files} file(s)",
        file=out,
    )
    return EXIT_OK


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    person = None if args.set == "all" else args.set
    if args.decisions and person is not None:
        raise UserError("--set chooses annotation sets; --decisions writes the whole decision log")
    if args.split is not None and (args.decisions or args.output == "-"):
        raise UserError(
            "--split writes one file or folder per split: give -o PATH (and no --decisions)"
        )
    with open_database(args) as store:
        if args.decisions:
            from annotator.formats.decisions import decision_lines
            from annotator.store.decision_log import export_decisions, has_decisions

            if not has_decisions(store):
                print(
                    "no adjudication decisions yet: a reviewer makes them in review mode, and "
                    "`annotator adjudicate` logs what it pre-fills",
                    file=sys.stderr,
                )
            _write(args, out, decision_lines(export_decisions(store)), "decision(s)")
            return EXIT_OK
        if person is not None:
            _check_set(store, person)
        _export(args, out, store, person)
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO, store: Store, person: str | None) -> None:
    """The corpus in ``--format``: streamed to standard output (a line format, ``-o -``), or
    written whole to ``-o`` (one per split with ``--split``); what the format left out on
    stderr, counted."""
    from annotator.app.exporting import export_lines, export_to, refuse_database_files
    from annotator.cli.output import write_stream
    from annotator.cli.progress import Progress
    from annotator.formats import EXPORT_FORMATS
    from annotator.formats.writing import Tally

    fmt = EXPORT_FORMATS[args.format]
    if args.output == "-" and fmt.kind == "lines":
        tally = Tally()
        write_stream(out, export_lines(store, args.format, person, tally))
    else:
        refuse_database_files(args.output, database_path(args.db))
        progress = Progress("exporting")
        try:
            outcome = export_to(
                store, args.output, args.format, person, args.split, args.seed, progress.step
            )
        finally:
            progress.close()
        tally = outcome.tally
        print(f"wrote {tally.written()} to {', '.join(outcome.written)}", file=sys.stderr)
    for line in tally.lines(fmt.name):
        print(line, file=sys.stderr)


def _write(args: argparse.Namespace, out: TextIO, lines: Iterator[str], what: str) -> None:
    """Write an export's ``lines`` to ``-o``: standard output, or a file written whole or
    not at all (never the database's own files)."""
    from annotator.app.exporting import refuse_database_files, write_export
    from annotator.cli.output import write_stream
    from annotator.cli.progress import Progress

    if args.output == "-":
        write_stream(out, lines)
        return
    refuse_database_files(args.output, database_path(args.db))
    progress = Progress("exporting")
    count = write_export(args.output, lines, progress.step)
    progress.close()
    print(f"wrote {count} {what} to {args.output}", file=sys.stderr)


def _check_set(store: Store, person: str) -> None:
    """A typo in ``--set`` is an error, not an empty export; a known person with no sets yet
    exports nothing, and stderr says so."""
    from annotator.core.status import GOLD
    from annotator.store.exporter import set_owners
    from annotator.store.people import known_names

    owners = set_owners(store)
    if person in owners:
        return
    if person in known_names(store):
        print(f"{person} has no annotation sets yet; nothing to export", file=sys.stderr)
        return
    if person == GOLD:
        raise UserError(
            "there is no gold set yet: `annotator adjudicate` pre-fills it, and a reviewer "
            "makes it in review mode"
        )
    if not owners:
        raise UserError(f"no annotation sets by {person!r}: there are no annotation sets yet")
    same = [owner for owner in owners if owner.casefold() == person.casefold()]
    hint = f" (did you mean {same[0]!r}?)" if same else ""
    raise UserError(
        f"no annotation sets by {person!r}{hint}; there are sets by {', '.join(owners)} "
        "(or --set all)"
    )


def run_stats(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.stats import corpus_stats

    with open_database(args) as store:
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
