"""The set-based ``prefill`` leaves exactly the database the per-span one did.

Random small corpora (1-4 annotators, overlapping and nested spans, finished and unfinished
annotations, finished annotations with no span, spans a reviewer rejected, gold spans a reviewer
put in before) are pre-filled once by the old implementation (``prefill_reference``, kept
verbatim) and once by the new one, on the same backend, from the same starting state; the
reports and every row that matters (ids and timestamps aside) must be equal. Each pre-fill runs
twice, so the second run meets the gold spans the first one added.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from prefill_reference import reference_prefill
from sqlalchemy import delete, select
from sqlalchemy.orm import aliased

from annotator.core.adjudication import Strategy
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import PrefillReport, decide, prefill, set_gold_status
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.models import (
    AnnotationSet,
    Assignment,
    Decision,
    Document,
    Label,
    Person,
)
from annotator.store.models import Span as SpanRow
from annotator.store.store import Store

LABELS = ("ACTOR", "PLACE", "EVENT", "FIGURE")
ANNOTATORS = ("ana", "ben", "cai", "dia")
CORPORA = 24  # per backend; each is pre-filled by both implementations
Prefill = Callable[..., PrefillReport]


def random_span(rng: random.Random, length: int) -> Span:
    start = rng.randrange(length - 1)
    return Span(start, rng.randint(start + 1, min(length, start + 12)), rng.choice(LABELS))


def build(store: Store, rng: random.Random) -> None:
    """A random corpus, then a reviewer's decisions on some of its documents."""
    annotators = ANNOTATORS[: rng.randint(1, 4)]
    records = []
    offered: dict[str, list[Span]] = {}
    for number in range(rng.randint(1, 8)):
        external_id = f"doc-{number}"
        text = "".join(rng.choice("abcdef ") for _ in range(rng.randint(10, 40)))
        # The spans annotators choose from: a few shared ones make agreement likely.
        common = [random_span(rng, len(text)) for _ in range(rng.randint(0, 6))]
        offered[external_id] = common
        for name in annotators:
            if rng.random() < 0.2:
                continue  # this annotator never opened the document
            chosen = {span for span in common if rng.random() < 0.75}
            chosen |= {random_span(rng, len(text)) for _ in range(rng.randint(0, 2))}
            offered[external_id] += sorted(chosen)
            status = SetStatus.DONE if rng.random() < 0.8 else SetStatus.IN_PROGRESS
            spans = [SpanRecord(start=s.start, end=s.end, label=s.label) for s in sorted(chosen)]
            records.append(
                DocumentRecord(
                    id=external_id, text=text, annotator=name, status=status, spans=spans
                )
            )
    import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])
    for external_id, spans in offered.items():
        document_id = find_document(store, external_id)
        if document_id is None or not spans:
            continue
        for _ in range(rng.choice((0, 0, 1, 2))):
            decide(store, document_id, "rita", "reject", rng.choice(spans), reason="no")
        for _ in range(rng.choice((0, 0, 1, 2))):
            decide(store, document_id, "rita", "accept", rng.choice(spans), chosen_by=("ana",))
        if rng.random() < 0.1:
            set_gold_status(store, document_id, SetStatus.DONE)


def wipe(store: Store) -> None:
    """Every row a corpus puts in, gone (the label schema stays)."""
    with store.writing() as session:
        for table in (Decision, SpanRow, AnnotationSet, Assignment, Document, Person):
            session.execute(delete(table))


def state(store: Store) -> dict[str, Any]:
    """What pre-filling may change, by names rather than row ids, without timestamps."""
    reviewer = aliased(Person)
    with store.reading() as session:
        spans = sorted(
            session.execute(
                select(Document.external_id, Person.name, SpanRow.start, SpanRow.end, Label.name)
                .join(AnnotationSet, AnnotationSet.id == SpanRow.set_id)
                .join(Document, Document.id == AnnotationSet.document_id)
                .join(Person, Person.id == AnnotationSet.person_id)
                .join(Label, Label.id == SpanRow.label_id)
            ).all()
        )
        sets = sorted(
            session.execute(
                select(Document.external_id, Person.name, AnnotationSet.status)
                .join(Document, Document.id == AnnotationSet.document_id)
                .join(Person, Person.id == AnnotationSet.person_id)
            ).all()
        )
        decisions = [
            (
                external_id,
                name,
                d.action,
                d.start,
                d.end,
                d.label,
                d.original_start,
                d.original_end,
                d.original_label,
                d.added,
                d.removed,
                d.chosen_by,
                d.reason,
            )
            for d, external_id, name in session.execute(
                select(Decision, Document.external_id, reviewer.name)
                .join(Document, Document.id == Decision.document_id)
                .join(reviewer, reviewer.id == Decision.reviewer_id)
                .order_by(Decision.id)
            )
        ]
        people = sorted(session.execute(select(Person.name, Person.role)).all())
    return {"spans": spans, "sets": sets, "decisions": decisions, "people": people}


def run(
    store: Store, seed: int, implementation: Prefill, strategy: Strategy, least: int
) -> tuple[list[PrefillReport], dict[str, Any]]:
    wipe(store)
    build(store, random.Random(seed))
    reports = [implementation(store, strategy, min_annotators=least) for _ in range(2)]
    return reports, state(store)


def test_prefill_matches_the_per_span_implementation(store: Store) -> None:
    compared = 0
    for seed in range(CORPORA):
        strategy = (Strategy.MAJORITY, Strategy.UNANIMOUS)[seed % 2]
        least = 1 + seed // 2 % 2
        expected = run(store, seed, reference_prefill, strategy, least)
        actual = run(store, seed, prefill, strategy, least)
        assert actual == expected, f"seed {seed}, {strategy.value}, min_annotators={least}"
        compared += len(expected[1]["decisions"])
    assert compared > 100  # the corpora did exercise the decision log


def test_the_random_corpora_cover_what_prefill_must_respect(store: Store) -> None:
    """The generator does make the cases the equivalence is about."""
    seen: dict[str, int] = dict.fromkeys(
        ("rejected", "already_gold", "skipped", "left", "added"), 0
    )
    for seed in range(CORPORA):
        wipe(store)
        build(store, random.Random(seed))
        with store.reading() as session:
            actions = list(session.scalars(select(Decision.action)))
        seen["rejected"] += actions.count("reject")
        seen["already_gold"] += actions.count("accept")
        report = prefill(store, Strategy.MAJORITY)
        seen["skipped"] += report.skipped
        seen["left"] += report.left_to_review
        seen["added"] += report.spans_added
    assert all(count > 0 for count in seen.values()), seen
