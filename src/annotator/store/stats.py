"""Corpus figures: documents, annotators, annotation sets by status, spans per label."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from annotator.core.status import Role
from annotator.store.lookup import is_annotator
from annotator.store.models import AnnotationSet, Document, Label, Person, Span
from annotator.store.store import Store


@dataclass(frozen=True)
class CorpusStats:
    documents: int
    annotators: list[str]
    sets_done: int
    sets_in_progress: int
    gold_sets: int
    """Adjudicated gold sets (not counted as done or in progress: gold is no annotator)."""
    spans: int
    """Spans of annotators and of the gold standard; suggestions are not counted."""
    spans_per_label: dict[str, int]


def corpus_stats(store: Store) -> CorpusStats:
    with store.reading() as session:
        documents = session.scalar(select(func.count()).select_from(Document)) or 0
        annotators = list(
            session.scalars(
                select(Person.name)
                .where(
                    Person.id.in_(select(AnnotationSet.person_id)),
                    is_annotator(),
                )
                .order_by(Person.name)
            )
        )
        by_status = dict(
            session.execute(
                select(AnnotationSet.status, func.count())
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(is_annotator())
                .group_by(AnnotationSet.status)
            ).all()
        )
        gold_sets = (
            session.scalar(
                select(func.count(AnnotationSet.id))
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(Person.role == Role.GOLD.value)
            )
            or 0
        )
        # Annotations (the gold standard's too), not suggestions: a model's sets are left out.
        counted = (
            select(Span.label_id, func.count(Span.id).label("spans"))
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(Person.role != Role.MODEL.value)
            .group_by(Span.label_id)
            .subquery()
        )
        per_label: dict[str, int] = dict(
            session.execute(
                select(Label.name, func.coalesce(counted.c.spans, 0))
                .outerjoin(counted, counted.c.label_id == Label.id)
                .order_by(Label.position)
            ).all()
        )
    return CorpusStats(
        documents=documents,
        annotators=annotators,
        sets_done=by_status.get("done", 0),
        sets_in_progress=by_status.get("in_progress", 0),
        gold_sets=gold_sets,
        spans=sum(per_label.values()),
        spans_per_label=per_label,
    )
