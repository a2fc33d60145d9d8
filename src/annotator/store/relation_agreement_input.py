"""The relations agreement is computed over: those of every finished annotation set."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from annotator.core.agreement.relations_f1 import FinishedRelations, RelationRow
from annotator.store.lookup import finished_sets
from annotator.store.models import AnnotationSet, Label, Person, Relation, RelationLabel, Span
from annotator.store.store import Store

_SCHEMA_LABELS = select(RelationLabel.name).order_by(RelationLabel.position, RelationLabel.id)
_ANY_RELATION = select(Relation.id).limit(1)


def finished_relations(store: Store, label: str | None = None) -> FinishedRelations:
    """The relations of every finished (``done``) annotation set, the gold standard's left
    out, as (document row id, person, (source start, end, span label), (target start, end,
    span label), relation label), offsets in code points into the stored text, end exclusive;
    with ``label``, only relations with an end of that span label.

    One query reads every relation, in one snapshot with a second that lists the finished
    sets (who finished which document: a finished set without relations still counts). With
    no relation to compare, ``finished`` is empty and the list is not read; a database without
    any relation runs neither (a one-row probe finds none), so a corpus without relations pays
    next to nothing.
    """
    with store.reading() as session:
        connection = session.connection()
        schema_labels = list(connection.execute(_SCHEMA_LABELS).scalars())
        if connection.execute(_ANY_RELATION).first() is None:
            return FinishedRelations((), (), schema_labels)
        source, target = aliased(Span), aliased(Span)
        source_label, target_label = aliased(Label), aliased(Label)
        query = (
            finished_sets()
            .with_only_columns(
                AnnotationSet.document_id,
                Person.name,
                source.start,
                source.end,
                source_label.name,
                target.start,
                target.end,
                target_label.name,
                RelationLabel.name,
            )
            .join(Relation, Relation.set_id == AnnotationSet.id)
            .join(source, source.id == Relation.source_id)
            .join(source_label, source_label.id == source.label_id)
            .join(target, target.id == Relation.target_id)
            .join(target_label, target_label.id == target.label_id)
            .join(RelationLabel, RelationLabel.id == Relation.label_id)
        )
        if label is not None:
            query = query.where(or_(source_label.name == label, target_label.name == label))
        relations = [
            RelationRow(document, person, (s, e, s_label), (t, u, t_label), name)
            for document, person, s, e, s_label, t, u, t_label, name in connection.execute(query)
        ]
        if not relations:
            return FinishedRelations((), (), schema_labels)
        done = finished_sets().with_only_columns(AnnotationSet.document_id, Person.name)
        finished = [(document, person) for document, person in connection.execute(done)]
    return FinishedRelations(finished, relations, schema_labels)
