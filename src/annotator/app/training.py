"""``annotator train``: an extractor (:mod:`annotator.app.extractor`) trained on the documents
one person (or the gold standard) finished, evaluated on documents it has not seen.

Documents, not spans, are held out: a document's spans all go to training or all to evaluation,
chosen by a seeded shuffle, so the same corpus and seed give the same split. Evaluation is exact
span match (:mod:`annotator.core.extraction_scores`) of the pipeline's suggestions against the
annotated spans of the held-out documents.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.app.errors import EXIT_REFUSED, UserError
from annotator.app.extractor import (
    MAX_TOKENS,
    add_spancat,
    blank_pipeline,
    make_doc,
    predict,
    require_spacy,
)
from annotator.core.extraction_scores import ExactMatch
from annotator.store.model_input import AnnotatedText, finished_annotations
from annotator.store.store import Store

METRICS = "metrics.json"


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    person: str
    output: Path
    eval_fraction: float = 0.2
    seed: int = 0
    epochs: int | None = None  # None: default_epochs of the training documents


# Batches start at 4 documents (spaCy's compounding schedule, below): a small corpus makes few
# updates an epoch. 36 short articles trained 10 epochs (90 updates) never predicted their
# rarest label; 25 epochs reached F1 0.89 on held-out documents (README, "annotator train").
LEAST_EPOCHS, MOST_EPOCHS, UPDATES = 10, 30, 600


def default_epochs(training_documents: int) -> int:
    """Epochs for about :data:`UPDATES` updates of 4 documents, from 10 up to 30."""
    wanted = math.ceil(UPDATES * 4 / max(training_documents, 1))
    return max(LEAST_EPOCHS, min(MOST_EPOCHS, wanted))


@dataclass(frozen=True, slots=True)
class Trained:
    """What training wrote (``metrics`` is ``DIR/metrics.json``) and what it left out."""

    metrics: dict[str, Any]
    too_long: int
    """Spans longer than the extractor's longest candidate, left out of training."""


# Called at each epoch's start with (epoch number from 1, epochs, training documents); returns
# the function to call with each batch's size, and one to call with the epoch's loss at its end.
EpochProgress = Callable[[int, int, int], tuple[Callable[[int], None], Callable[[float], None]]]


def split(documents: list[AnnotatedText], eval_fraction: float, seed: int) -> tuple[list, list]:
    """(training, evaluation) documents: a seeded shuffle, the last ``eval_fraction`` held out
    (at least one document when the fraction is above zero and there are two or more)."""
    order = sorted(documents, key=lambda document: document.id)
    random.Random(seed).shuffle(order)
    held = round(len(order) * eval_fraction)
    if eval_fraction > 0 and len(order) >= 2:
        held = max(held, 1)
    held = min(held, len(order) - 1)
    return order[: len(order) - held], order[len(order) - held :]


def train(store: Store, plan: TrainingPlan, progress: EpochProgress) -> Trained:
    """Train on ``plan.person``'s finished documents, evaluate, write the pipeline and
    ``metrics.json`` to ``plan.output``."""
    spacy = require_spacy()
    from spacy.training import Example
    from spacy.util import compounding, minibatch

    if not 0 <= plan.eval_fraction < 1:
        raise UserError("--eval is a fraction of the documents, from 0 up to (not) 1")
    if plan.epochs is not None and plan.epochs < 1:
        raise UserError("--epochs must be 1 or more")
    documents = finished_annotations(store, plan.person)
    if len(documents) < 2:
        raise UserError(
            f"{plan.person!r} has finished {len(documents)} document(s); training needs two "
            "or more",
            EXIT_REFUSED,
        )
    training, evaluation = split(documents, plan.eval_fraction, plan.seed)
    epochs = plan.epochs if plan.epochs is not None else default_epochs(len(training))
    labels = sorted({label for document in documents for _, _, label in document.spans})
    if not labels:
        raise UserError(f"{plan.person!r}'s finished documents hold no span", EXIT_REFUSED)
    started = time.monotonic()
    spacy.util.fix_random_seed(plan.seed)
    nlp = blank_pipeline()
    references = [make_doc(nlp.vocab, document.text, document.spans) for document in training]
    longest = max((len(span) for doc in references for span in doc.spans["sc"]), default=1)
    max_tokens = min(longest, MAX_TOKENS)
    add_spancat(nlp, labels, max_tokens)
    examples = []
    too_long = 0
    for document, reference in zip(training, references, strict=True):
        kept = [span for span in reference.spans["sc"] if len(span) <= max_tokens]
        too_long += len(reference.spans["sc"]) - len(kept)
        reference.spans["sc"] = kept
        examples.append(Example(make_doc(nlp.vocab, document.text), reference))
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(plan.seed)
    sizes = compounding(4.0, 32.0, 1.001)
    for epoch in range(1, epochs + 1):
        step, done = progress(epoch, epochs, len(examples))
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        # spaCy's own schedule: small batches first (many early updates), growing to 32.
        for batch in minibatch(examples, size=sizes):
            nlp.update(batch, drop=0.1, sgd=optimizer, losses=losses)
            step(len(batch))
        done(losses.get("spancat", 0.0))
    plan.output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(plan.output)
    metrics = _evaluate(nlp, evaluation, labels)
    metrics.update(
        train_documents=len(training),
        eval_documents=len(evaluation),
        epochs=epochs,
        seconds=round(time.monotonic() - started, 2),
        seed=plan.seed,
        component="spancat",
    )
    (plan.output / METRICS).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return Trained(metrics, too_long)


def _evaluate(nlp: Any, evaluation: list[AnnotatedText], labels: list[str]) -> dict[str, Any]:
    if not evaluation:
        empty = {"f1": None, "precision": None, "recall": None, "gold": 0, "predicted": 0}
        return {**empty, "labels": {name: dict(empty) for name in labels}}
    counts = ExactMatch()
    texts = (document.text for document in evaluation)
    for document, found in zip(evaluation, predict(nlp, texts), strict=True):
        counts.add(set(document.spans), {(start, end, label) for start, end, label, _ in found})
    # With the scores, the spans each side has: a label the pipeline never predicts shows as
    # "predicted": 0, not only as a zero F1.
    return {
        **counts.overall().as_dict(),
        "gold": counts.gold.total(),
        "predicted": counts.predicted.total(),
        "labels": {
            name: {
                **scores.as_dict(),
                "gold": counts.gold[name],
                "predicted": counts.predicted[name],
            }
            for name, scores in counts.per_label(labels).items()
        },
    }
