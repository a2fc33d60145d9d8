"""Relations between one person's spans (event arguments), and the relation schema.

A relation goes from a source span to a target span of the same annotation set. Deleting a
span deletes its relations (the foreign keys cascade), so undoing a span's deletion must give
its relations back: :func:`relations_touching` reads them first, :func:`restore_relations`
stores them again against the spans' new row ids. Each function is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from annotator.core.relations import RelationSchema
from annotator.store.annotations import StoredSpan, relabel_in
from annotator.store.models import (
    AnnotationSet,
    Base,
    Label,
    Person,
    Relation,
    RelationLabel,
    Span,
)
from annotator.store.relation_schema import relation_schema
from annotator.store.store import Store

_RELATIONS = Base.metadata.tables[Relation.__tablename__]
_SOURCE = aliased(Span)
_TARGET = aliased(Span)


class RelationRejected(ValueError):
    """A relation that breaks a rule (spans of different sets, labels the schema does not
    allow, exact duplicate, a span that no longer exists)."""


@dataclass(frozen=True, slots=True, order=True)
class StoredRelation:
    """A relation as stored: its source and target span row ids, its label and row id."""

    source_id: int
    target_id: int
    label: str
    id: int


def load_relation_schema(store: Store) -> RelationSchema:
    with store.reading() as session:
        return relation_schema(session)


def relations_of(store: Store, document_id: int, person: str) -> list[StoredRelation]:
    """``person``'s relations on the document, sorted by (source id, target id, label)."""
    with store.reading() as session:
        rows = session.execute(
            select(Relation.source_id, Relation.target_id, RelationLabel.name, Relation.id)
            .join(RelationLabel, RelationLabel.id == Relation.label_id)
            .join(AnnotationSet, AnnotationSet.id == Relation.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id, Person.name == person)
        )
        return sorted(StoredRelation(*row) for row in rows)


def add_relations(store: Store, relations: Sequence[tuple[int, int, str]]) -> list[StoredRelation]:
    """Store ``(source span id, target span id, label)`` relations, all or none, in one
    transaction; see :func:`insert_relations`."""
    if not relations:
        return []
    with store.writing() as session:
        return insert_relations(session, relations)


def insert_relations(
    session: Session, relations: Sequence[tuple[int, int, str]]
) -> list[StoredRelation]:
    """Store ``(source span id, target span id, label)`` relations in the session's
    transaction. Raises :class:`RelationRejected` if a span no longer exists, the two spans
    belong to different annotation sets (or are one span), the schema does not allow the
    label between the spans' labels, or the relation is already stored."""
    if not relations:
        return []
    schema = relation_schema(session)
    label_ids = dict(session.execute(select(RelationLabel.name, RelationLabel.id)).all())
    wanted = {span_id for source, target, _ in relations for span_id in (source, target)}
    spans = {
        span_id: (set_id, label)
        for span_id, set_id, label in session.execute(
            select(Span.id, Span.set_id, Label.name)
            .join(Label, Label.id == Span.label_id)
            .where(Span.id.in_(wanted))
        )
    }
    rows = []
    for source, target, label in relations:
        if source not in spans or target not in spans:
            raise RelationRejected("a span of that relation no longer exists")
        if source == target:
            raise RelationRejected("a relation needs two different spans")
        (source_set, source_label), (target_set, target_label) = spans[source], spans[target]
        if source_set != target_set:
            raise RelationRejected("a relation links two spans of the same annotator")
        problem = schema.problem(label, source_label, target_label)
        if problem is not None:
            raise RelationRejected(problem)
        rows.append(
            {
                "set_id": source_set,
                "source_id": source,
                "target_id": target,
                "label_id": label_ids[label],
            }
        )
    try:
        ids = session.connection().execute(
            insert(_RELATIONS).returning(_RELATIONS.c.id, sort_by_parameter_order=True), rows
        )
        made = list(ids.scalars())
    except IntegrityError:
        raise RelationRejected("that relation is already there") from None
    return [
        StoredRelation(source, target, label, ident)
        for (source, target, label), ident in zip(relations, made, strict=True)
    ]


def add_relation(store: Store, source_id: int, target_id: int, label: str) -> StoredRelation:
    """Store one relation; see :func:`add_relations`."""
    return add_relations(store, [(source_id, target_id, label)])[0]


def delete_relations(store: Store, relation_ids: Iterable[int]) -> None:
    """Delete relations by id, in one transaction."""
    ids = list(relation_ids)
    with store.writing() as session:
        session.execute(delete(Relation).where(Relation.id.in_(ids)))


def relabel_relation(store: Store, relation_id: int, label: str) -> StoredRelation:
    """Give a stored relation another label (same row id), if the schema allows it."""
    with store.writing() as session:
        relation = session.get(Relation, relation_id)
        if relation is None:
            raise RelationRejected(f"relation {relation_id} no longer exists")
        ends = dict(
            session.execute(
                select(Span.id, Label.name)
                .join(Label, Label.id == Span.label_id)
                .where(Span.id.in_([relation.source_id, relation.target_id]))
            ).all()
        )
        problem = relation_schema(session).problem(
            label, ends[relation.source_id], ends[relation.target_id]
        )
        if problem is not None:
            raise RelationRejected(problem)
        relation.label_id = session.scalars(
            select(RelationLabel.id).where(RelationLabel.name == label)
        ).one()
        try:
            session.flush()
        except IntegrityError:
            raise RelationRejected(f"a {label} relation is already there") from None
        return StoredRelation(relation.source_id, relation.target_id, label, relation.id)


def relabel_span(
    store: Store,
    span_id: int,
    label: str,
    dropping: Sequence[int] = (),
    restoring: Sequence[tuple[int, int, str]] = (),
) -> tuple[StoredSpan, list[StoredRelation]]:
    """Give a stored span another label (same row id) in one transaction, deleting first the
    relations ``dropping`` (row ids: those the new label breaks) and storing afterwards the
    ``(source span id, target span id, label)`` relations ``restoring`` (undoing such a
    relabel). Returns the span as relabelled and the relations stored; a failure (the span
    gone, a relation the new label does not allow) changes nothing."""
    with store.writing() as session:
        if dropping:
            session.execute(delete(Relation).where(Relation.id.in_(list(dropping))))
        changed = relabel_in(session, span_id, label)
        return changed, insert_relations(session, restoring)


def relations_touching(store: Store, span_ids: Iterable[int]) -> list[StoredRelation]:
    """The relations from or to any of the spans, sorted (what deleting them would take)."""
    ids = list(span_ids)
    with store.reading() as session:
        rows = session.execute(
            select(Relation.source_id, Relation.target_id, RelationLabel.name, Relation.id)
            .join(RelationLabel, RelationLabel.id == Relation.label_id)
            .where(or_(Relation.source_id.in_(ids), Relation.target_id.in_(ids)))
        )
        return sorted(StoredRelation(*row) for row in rows)


def restore_relations(
    store: Store, relations: Iterable[StoredRelation], new_ids: Mapping[int, int]
) -> list[StoredRelation]:
    """Store deleted relations again, their spans' old row ids replaced by ``new_ids`` (old
    id -> new id; an id not in it is unchanged): undoing a span's deletion."""
    return add_relations(
        store,
        [
            (new_ids.get(r.source_id, r.source_id), new_ids.get(r.target_id, r.target_id), r.label)
            for r in relations
        ],
    )


def broken_by_relabel(store: Store, span_id: int, label: str) -> list[StoredRelation]:
    """The relations of the span that its label becoming ``label`` would break (the schema
    would not allow them), sorted: what the window asks about before relabelling."""
    with store.reading() as session:
        schema = relation_schema(session)
        rows = session.execute(
            select(
                Relation.source_id,
                Relation.target_id,
                RelationLabel.name,
                Relation.id,
                _SOURCE.label_id,
                _TARGET.label_id,
            )
            .join(RelationLabel, RelationLabel.id == Relation.label_id)
            .join(_SOURCE, _SOURCE.id == Relation.source_id)
            .join(_TARGET, _TARGET.id == Relation.target_id)
            .where(or_(Relation.source_id == span_id, Relation.target_id == span_id))
        ).all()
        names = dict(session.execute(select(Label.id, Label.name)).all())
    broken = []
    for source, target, relation, ident, source_label, target_label in rows:
        ends = [names[source_label], names[target_label]]
        ends[0 if source == span_id else 1] = label
        if schema.problem(relation, ends[0], ends[1]) is not None:
            broken.append(StoredRelation(source, target, relation, ident))
    return sorted(broken)
