"""Command-line commands for a team: people, assignments, agreement, adjudication."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from annotator.app.errors import EXIT_OK, UserError
from annotator.cli.database import open_database
from annotator.cli.options import db_option


def add_team_commands(commands: Any) -> None:
    """Add ``people``, ``assign``, ``agreement`` and ``adjudicate`` to the subcommands."""
    people = commands.add_parser("people", help="add and list annotators and reviewers")
    actions = people.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a person, or change their role")
    add.add_argument("name")
    add.add_argument("--role", choices=("annotator", "reviewer"), default="annotator")
    db_option(add)
    add.set_defaults(run=run_people_add)
    listing = actions.add_parser("list", help="everyone, with assignments and progress")
    db_option(listing)
    listing.set_defaults(run=run_people_list)

    assign = commands.add_parser(
        "assign",
        help="give documents to annotators, K per document, balanced",
        description="Each document gets K annotators from --to, the least loaded first. "
        "Existing assignments are kept; a document that has K already gets nobody new.",
    )
    assign.add_argument("--to", required=True, metavar="A,B,C", help="comma-separated names")
    assign.add_argument(
        "--docs", default="all", metavar="all|FILE", help="all documents, or ids one per line"
    )
    assign.add_argument("--per-document", type=int, required=True, metavar="K")
    db_option(assign)
    assign.set_defaults(run=run_assign)

    agreement = commands.add_parser(
        "agreement",
        help="inter-annotator agreement: alpha, alpha_u, pairwise F1 and kappa",
        description="Agreement over the annotation sets marked done (the gold standard is "
        "not an annotator). Krippendorff's nominal alpha over tokens, unitizing alpha_u over "
        "characters, span F1 (exact and overlapping) and Cohen's kappa per pair, per label, and "
        "per document, least agreed first; relation F1 (exact and overlapping endpoints) per "
        "pair and per relation label.",
    )
    agreement.add_argument(
        "--label", metavar="L", help="only this label's spans, and relations with an end of it"
    )
    agreement.add_argument("--json", action="store_true", help="print the report as JSON")
    agreement.add_argument(
        "--documents", type=int, default=10, metavar="N", help="least agreed documents to list"
    )
    db_option(agreement)
    agreement.set_defaults(run=run_agreement)

    adjudicate = commands.add_parser(
        "adjudicate",
        help="pre-fill the gold set with the spans the annotators agree on",
        description="For each document with K or more finished annotations (--min-annotators, "
        "default 2), put into its gold set every span that all (unanimous) or more than half "
        "(majority) of them chose exactly. The rest is left to a reviewer. Spans a reviewer "
        "rejected stay out. Documents finished by fewer than K annotators are skipped and "
        "counted; with K = 1 a lone finished annotator is the majority, and unanimous.",
    )
    adjudicate.add_argument("--strategy", choices=("unanimous", "majority"), required=True)
    adjudicate.add_argument(
        "--min-annotators",
        type=int,
        default=2,
        metavar="K",
        help="finished annotations a document needs to be adjudicated (default 2)",
    )
    db_option(adjudicate)
    adjudicate.set_defaults(run=run_adjudicate)


def run_people_add(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.core.status import Role
    from annotator.store.people import PersonError, add_person

    with open_database(args, create=True) as store:
        try:
            new = add_person(store, args.name, Role(args.role))
        except PersonError as error:
            raise UserError(str(error)) from None
    print(f"{'added' if new else 'updated'} {args.name.strip()} ({args.role})", file=out)
    return EXIT_OK


def run_people_list(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.people import list_people

    with open_database(args) as store:
        people = list_people(store)
    print(f"{'name':<20} {'role':<10} {'assigned':>8} {'done':>6} {'started':>8}", file=out)
    for person in people:
        print(
            f"{person.name:<20} {person.role:<10} {person.assigned:>8} "
            f"{person.sets_done:>6} {person.sets_in_progress:>8}",
            file=out,
        )
    return EXIT_OK


def _document_ids(spec: str) -> list[str] | None:
    if spec == "all":
        return None
    path = Path(spec)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: cannot read: {error}") from None
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def run_assign(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.store.assignments import AssignmentError, assign

    names = [name.strip() for name in args.to.split(",") if name.strip()]
    with open_database(args) as store:
        try:
            report = assign(store, names, args.per_document, _document_ids(args.docs))
        except AssignmentError as error:
            raise UserError(str(error)) from None
    print(f"{report.added} assignment(s) added over {report.documents} document(s)", file=out)
    for name, load in report.load.items():
        print(f"  {name:<20} {load} document(s)", file=out)
    return EXIT_OK


def _figure(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def run_agreement(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from annotator.app.program import is_program
    from annotator.cli.relation_figures import print_relation_agreement
    from annotator.core.agreement import compute_agreement
    from annotator.core.agreement.relations_f1 import compute_relation_agreement
    from annotator.store.agreement_input import finished_annotations, tokenized_in_child
    from annotator.store.lookup import label_schema
    from annotator.store.relation_agreement_input import finished_relations

    with open_database(args) as store:
        with store.reading() as session:
            labels = label_schema(session).names()
        if args.label is not None and args.label not in labels:
            raise UserError(f"label {args.label!r} is not in the schema ({', '.join(labels)})")
        wanted = labels if args.label is None else [args.label]
        # The program reads and tokenizes in a child process while it compares (two cores).
        documents = (
            tokenized_in_child(store.url, args.label)
            if is_program()
            else finished_annotations(store, args.label)
        )
        report = compute_agreement(documents, wanted)
        relations = compute_relation_agreement(finished_relations(store, args.label))
    if args.json:
        whole = {**report.to_json(), "relations": relations.to_json()}
        json.dump(whole, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    print(f"alpha (tokens, nominal)   {_figure(report.alpha)}", file=out)
    print(f"alpha_u (characters)      {_figure(report.alpha_u)}", file=out)
    if not report.pairs:
        print("no document has been finished by two annotators yet", file=out)
    else:
        print(
            f"\n{'pair':<30} {'docs':>5} {'F1 exact':>9} {'F1 overlap':>11} {'kappa':>7}", file=out
        )
        for pair in report.pairs:
            print(
                f"{pair.a + ' / ' + pair.b:<30} {pair.documents:>5} {_figure(pair.f1_exact):>9} "
                f"{_figure(pair.f1_overlap):>11} {_figure(pair.kappa):>7}",
                file=out,
            )
    print(
        f"\n{'label':<14} {'alpha':>7} {'alpha_u':>8} {'F1 exact':>9} {'F1 overlap':>11}", file=out
    )
    for name, figures in report.labels.items():
        print(
            f"{name:<14} {_figure(figures.alpha):>7} {_figure(figures.alpha_u):>8} "
            f"{_figure(figures.f1_exact):>9} {_figure(figures.f1_overlap):>11}",
            file=out,
        )
    if report.documents and args.documents > 0:
        print(f"\nleast agreed documents{'':<18} {'alpha':>7} {'F1 exact':>9}", file=out)
        for document in report.documents[: args.documents]:
            print(
                f"{document.id!s:<40} {_figure(document.alpha):>7} {_figure(document.f1_exact):>9}",
                file=out,
            )
    print_relation_agreement(relations, out)
    return EXIT_OK


def run_adjudicate(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.core.adjudication import Strategy
    from annotator.store.adjudication import prefill

    least = args.min_annotators
    if least < 1:
        raise UserError(f"--min-annotators must be at least 1, not {least}")
    with open_database(args) as store:
        report = prefill(store, Strategy(args.strategy), min_annotators=least)
    print(
        f"{report.spans_added} span(s) put into gold on {report.documents} document(s); "
        f"{report.left_to_review} disputed span(s) left for a reviewer",
        file=out,
    )
    if report.relations_added or report.relations_left:
        print(
            f"{report.relations_added} relation(s) put into gold; {report.relations_left} "
            "left for a reviewer (disputed, or a span of theirs is not in gold)",
            file=out,
        )
    if report.skipped:
        print(
            f"{report.skipped} document(s) skipped: fewer than {least} finished annotations",
            file=out,
        )
    if report.documents == 0:
        wanted = "a finished annotation" if least == 1 else f"{least} finished annotations"
        print(f"no document has {wanted} yet", file=sys.stderr)
    return EXIT_OK
