"""The set-based ``prefill`` leaves exactly the database the per-span one did.

Random small corpora (1-4 annotators, overlapping and nested spans, finished and unfinished
annotations, finished annotations with no span, spans a reviewer rejected, gold spans a reviewer
put in before; relations between the spans, some shared, some a reviewer rejected or accepted)
are pre-filled once by the old implementation (``prefill_reference``, kept as it was, with
relations added the same slow way) and once by the new one, on the same backend, from the same
starting state; the reports and every row that matters (ids and timestamps aside) must be
equal. Each pre-fill runs twice, so the second run meets the gold spans the first one added.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from prefill_reference import reference_prefill
from sqlalchemy import delete, select
from sqlalchemy.orm import aliased

from annotator.core.adjudication import RelationKey, Strategy
from annotator.core.relations import default_relation_schema
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.adjudication import PrefillReport, decide, prefill, set_gold_status
from annotator.store.annotations import spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.models import (
    AnnotationSet,
    Assignment,
    Decision,
    Document,
    Label,
    Person,
    Relation,
    RelationLabel,
)
from annotator.store.models import Span as SpanRow
from annotator.store.relation_adjudication import decide_relation
from annotator.store.relations import add_relations
from annotator.store.store import Store

LABELS = ("ACTOR", "PLACE", "EVENT", "FIGURE")
ANNOTATORS = ("ana", "ben", "cai", "dia")
CORPORA = 24  # per backend; each is pre-filled by both implementations
Prefill = Callable[..., PrefillReport]
RELATION_SCHEMA = default_relation_schema()


def random_span(rng: random.Random, length: int) -> Span:
    start = rng.randrange(length - 1)
    return Span(start, rng.randint(start + 1, min(length, start + 12)), rng.choice(LABELS))


def random_relations(rng: random.Random, spans: list[Span], count: int) -> set[RelationKey]:
    """Up to ``count`` relations the schema allows between ``spans``."""
    made = set()
    for _ in range(count * 3):
        if len(made) >= count or len(spans) < 2:
            break
        source, target = rng.sample(spans, 2)
        fitting = RELATION_SCHEMA.fitting(source.label, target.label)
        if fitting:
            made.add(RelationKey(source, target, rng.choice(fitting).name))
    return made


def add_annotators_relations(
    store: Store, rng: random.Random, common: dict[str, set[RelationKey]]
) -> dict[str, list[RelationKey]]:
    """Each annotator's relations, stored: most of the document's common ones whose spans
    they chose, and one or two of their own. Returns every relation offered, by document."""
    offered: dict[str, list[RelationKey]] = {}
    with store.reading() as session:
        sets = session.execute(
            select(Document.id, Document.external_id, Person.name)
            .join(AnnotationSet, AnnotationSet.document_id == Document.id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .order_by(Document.id, Person.name)
        ).all()
    for document_id, external_id, name in sets:
        stored = spans_of(store, document_id, name)
        ids = {Span(s.start, s.end, s.label): s.id for s in stored}
        chosen = {r for r in common.get(external_id, ()) if r.source in ids and r.target in ids}
        chosen = {r for r in chosen if rng.random() < 0.8}
        chosen |= random_relations(rng, sorted(ids), rng.randint(0, 2))
        offered.setdefault(external_id, []).extend(sorted(chosen))
        add_relations(store, [(ids[r.source], ids[r.target], r.label) for r in sorted(chosen)])
    return offered


def build(store: Store, rng: random.Random) -> None:
    """A random corpus, then a reviewer's decisions on some of its documents."""
    annotators = ANNOTATORS[: rng.randint(1, 4)]
    records = []
    offered: dict[str, list[Span]] = {}
    common_relations: dict[str, set[RelationKey]] = {}
    for number in range(rng.randint(1, 8)):
        external_id = f"doc-{number}"
        text = "".join(rng.choice("abcdef ") for _ in range(rng.randint(10, 40)))
        # The spans annotators choose from: a few shared ones make agreement likely.
        common = [random_span(rng, len(text)) for _ in range(rng.randint(0, 6))]
        offered[external_id] = common
        common_relations[external_id] = random_relations(rng, common, rng.randint(0, 4))
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
    relations = add_annotators_relations(store, rng, common_relations)
    for external_id, spans in offered.items():
        document_id = find_document(store, external_id)
        if document_id is None or not spans:
            continue
        for _ in range(rng.choice((0, 0, 1, 2))):
            decide(store, document_id, "rita", "reject", rng.choice(spans), reason="no")
        for _ in range(rng.choice((0, 0, 1, 2))):
            decide(store, document_id, "rita", "accept", rng.choice(spans), chosen_by=("ana",))
        if relations.get(external_id):
            for _ in range(rng.choice((0, 0, 1))):
                relation = rng.choice(relations[external_id])
                decide_relation(store, document_id, "rita", "reject", relation, reason="no")
            for _ in range(rng.choice((0, 0, 1))):
                relation = rng.choice(relations[external_id])
                decide_relation(store, document_id, "rita", "accept", relation, chosen_by=("ana",))
        if rng.random() < 0.1:
            set_gold_status(store, document_id, SetStatus.DONE)


def wipe(store: Store) -> None:
    """Every row a corpus puts in, gone (the label schema stays)."""
    with store.writing() as session:
        for table in (Decision, Relation, SpanRow, AnnotationSet, Assignment, Document, Person):
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
                d.kind,
                d.relation,
                d.target_start,
                d.target_end,
                d.target_label,
                d.original_relation,
            )
            for d, external_id, name in session.execute(
                select(Decision, Document.external_id, reviewer.name)
                .join(Document, Document.id == Decision.document_id)
                .join(reviewer, reviewer.id == Decision.reviewer_id)
                .order_by(Decision.id)
            )
        ]
        people = sorted(session.execute(select(Person.name, Person.role)).all())
        source, target = aliased(SpanRow), aliased(SpanRow)
        relations = sorted(
            session.execute(
                select(
                    Document.external_id,
                    Person.name,
                    source.start,
                    source.end,
                    target.start,
                    target.end,
                    RelationLabel.name,
                )
                .select_from(Relation)
                .join(AnnotationSet, AnnotationSet.id == Relation.set_id)
                .join(Document, Document.id == AnnotationSet.document_id)
                .join(Person, Person.id == AnnotationSet.person_id)
                .join(source, source.id == Relation.source_id)
                .join(target, target.id == Relation.target_id)
                .join(RelationLabel, RelationLabel.id == Relation.label_id)
            ).all()
        )
    return {
        "spans": spans,
        "sets": sets,
        "decisions": decisions,
        "people": people,
        "relations": relations,
    }


def run(
    store: Store, seed: int, implementation: Prefill, strategy: Strategy, least: int
) -> tuple[list[PrefillReport], dict[str, Any]]:
    wipe(store)
    build(store, random.Random(seed))
    reports = [implementation(store, strategy, min_annotators=least) for _ in range(2)]
    return reports, state(store)


def test_prefill_matches_the_per_span_implementation(store: Store) -> None:
    compared = related = 0
    for seed in range(CORPORA):
        strategy = (Strategy.MAJORITY, Strategy.UNANIMOUS)[seed % 2]
        least = 1 + seed // 2 % 2
        expected = run(store, seed, reference_prefill, strategy, least)
        actual = run(store, seed, prefill, strategy, least)
        assert actual == expected, f"seed {seed}, {strategy.value}, min_annotators={least}"
        compared += len(expected[1]["decisions"])
        related += sum(decision[13] == "relation" for decision in expected[1]["decisions"])
    assert compared > 100  # the corpora did exercise the decision log
    assert related > 20  # and relations


def test_the_random_corpora_cover_what_prefill_must_respect(store: Store) -> None:
    """The generator does make the cases the equivalence is about."""
    seen: dict[str, int] = dict.fromkeys(
        (
            "rejected",
            "already_gold",
            "skipped",
            "left",
            "added",
            "relation_rejected",
            "relation_already_gold",
            "relations_left",
            "relations_added",
        ),
        0,
    )
    for seed in range(CORPORA):
        wipe(store)
        build(store, random.Random(seed))
        with store.reading() as session:
            actions = [
                tuple(row) for row in session.execute(select(Decision.kind, Decision.action))
            ]
        seen["rejected"] += actions.count(("span", "reject"))
        seen["already_gold"] += actions.count(("span", "accept"))
        seen["relation_rejected"] += actions.count(("relation", "reject"))
        seen["relation_already_gold"] += actions.count(("relation", "accept"))
        report = prefill(store, Strategy.MAJORITY)
        seen["skipped"] += report.skipped
        seen["left"] += report.left_to_review
        seen["added"] += report.spans_added
        seen["relations_left"] += report.relations_left
        seen["relations_added"] += report.relations_added
    assert all(count > 0 for count in seen.values()), seen
