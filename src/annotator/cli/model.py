"""The model-in-the-loop commands: ``suggest`` (from a dictionary or a trained extractor) and
``train`` (an extractor from the finished documents of one set)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from annotator.app.errors import EXIT_OK, UserError
from annotator.cli.database import open_database
from annotator.cli.options import db_option
from annotator.core.status import MODEL


def add_model_commands(commands: Any) -> None:
    """Add ``suggest`` and ``train`` to the subcommands."""
    suggest = commands.add_parser(
        "suggest",
        help="pre-annotate: suggestions from a dictionary or a trained model",
        description="Write suggestions for the chosen documents as the annotation set of a "
        "model person (never counted as an annotator), replacing that person's earlier "
        "suggestions on those documents. Nothing is written if anything is wrong.",
    )
    source = suggest.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--dictionary",
        type=Path,
        metavar="FILE",
        help="TSV 'phrase<TAB>LABEL' lines, or JSONL spaCy EntityRuler patterns",
    )
    source.add_argument(
        "--model", type=Path, metavar="DIR", help="a pipeline written by `annotator train`"
    )
    suggest.add_argument("--ignore-case", action="store_true", help="dictionary: fold case")
    suggest.add_argument(
        "--ignore-diacritics", action="store_true", help="dictionary: drop accents and marks"
    )
    suggest.add_argument(
        "--as",
        dest="model_person",
        default=MODEL,
        metavar="NAME",
        help=f"the model person who owns the suggestions (default: {MODEL})",
    )
    suggest.add_argument(
        "--docs",
        default="all",
        metavar="all|unfinished|FILE",
        help="every document, those nobody has marked done, or the ids listed in FILE",
    )
    db_option(suggest)
    suggest.set_defaults(run=run_suggest)

    train = commands.add_parser(
        "train",
        help="train a span extractor (spaCy spancat) on finished documents; F1 on held-out ones",
        description="Train a spaCy span categorizer from a blank pipeline on the documents "
        "the set's owner marked done, holding out documents for evaluation; writes the "
        "pipeline and DIR/metrics.json (exact-match precision, recall and F1, overall and "
        "per label).",
    )
    train.add_argument("--set", required=True, metavar="gold|NAME", help="whose annotations")
    train.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    train.add_argument(
        "--eval",
        type=float,
        default=0.2,
        metavar="FRACTION",
        help="documents held out for evaluation (default: 0.2)",
    )
    train.add_argument("--seed", type=int, default=0, help="the split's and training's seed")
    train.add_argument(
        "--epochs",
        type=int,
        default=None,
        help="passes over the data (default: 10, up to 30 for a small corpus)",
    )
    db_option(train)
    train.set_defaults(run=run_train)


def _progress(what: str, total: int) -> tuple[Callable[[int], None], Callable[[], None]]:
    from annotator.cli.progress import Progress

    bar = Progress(what, total)
    return bar.step, bar.close


def run_suggest(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.app import suggesting
    from annotator.core.occurrences import Matching

    if args.model is not None:
        from annotator.app.extractor import require_spacy

        require_spacy()  # before the database is opened: one line, nothing touched
    with open_database(args) as store:
        dictionary = None
        if args.dictionary is not None:
            matching = Matching(args.ignore_case, args.ignore_diacritics)
            dictionary = suggesting.load_dictionary(store, args.dictionary, matching)
        documents = suggesting.choose_documents(store, args.docs)
        step, close = _progress("suggesting", len(documents))
        try:
            if dictionary is not None:
                done = suggesting.suggest_from_dictionary(
                    store, dictionary, documents, args.model_person, step
                )
            else:
                done = suggesting.suggest_from_model(
                    store, args.model, documents, args.model_person, step
                )
        finally:
            close()
    print(
        f"{done.suggestions} suggestion(s) on {done.documents} document(s), "
        f"as {done.model_person!r}",
        file=out,
    )
    return EXIT_OK


def run_train(args: argparse.Namespace, out: TextIO) -> int:
    from annotator.app.extractor import require_spacy
    from annotator.app.training import TrainingPlan, train

    require_spacy()
    if args.output.exists() and not args.output.is_dir():
        raise UserError(f"{args.output}: exists and is not a folder")

    def epoch(number: int, total: int, examples: int) -> tuple[Any, Any]:
        step, close = _progress(f"epoch {number}/{total}", examples)

        def finished(loss: float) -> None:
            close()
            print(f"epoch {number}/{total}: loss {loss:.2f}", file=sys.stderr)

        return step, finished

    plan = TrainingPlan(args.set, args.output, args.eval, args.seed, args.epochs)
    with open_database(args) as store:
        trained = train(store, plan, epoch)
    if trained.too_long:
        print(
            f"{trained.too_long} span(s) longer than the extractor's longest candidate were "
            "left out of training",
            file=sys.stderr,
        )
    print(metrics_table(trained.metrics), file=out)
    print(f"pipeline and metrics.json written to {args.output}", file=out)
    return EXIT_OK


def metrics_table(metrics: dict[str, Any]) -> str:
    """The metrics as a plain table: one row per label, then the overall row."""

    def cells(scores: dict[str, Any]) -> str:
        figures = "".join(
            f"{'-' if scores[key] is None else format(scores[key], '.3f'):>10}"
            for key in ("precision", "recall", "f1")
        )
        return f"{figures}{scores['gold']:>10}{scores['predicted']:>11}"

    width = max([len("overall"), *map(len, metrics["labels"])]) + 2
    heads = f"{'precision':>10}{'recall':>10}{'f1':>10}{'held-out':>10}{'predicted':>11}"
    lines = [f"{'label':<{width}}{heads}"]
    lines += [f"{name:<{width}}{cells(s)}" for name, s in metrics["labels"].items()]
    lines.append(f"{'overall':<{width}}{cells(metrics)}")
    lines.append(
        f"{metrics['train_documents']} training and {metrics['eval_documents']} held-out "
        f"document(s), {metrics['epochs']} epoch(s), {metrics['seconds']:.1f} s"
    )
    return "\n".join(lines)
