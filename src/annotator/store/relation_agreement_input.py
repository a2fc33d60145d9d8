"""The relations agreement is computed over: those of every finished annotation set."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from annotator.core.agreement.relations_f1 import FinishedRelations, RelationRow
from annotator.store.lookup import finished_sets
from annotator.store.models import AnnotationSet, Label, Person, Relation, RelationLabel, Span
from annotator.store.store import Store

_SOURCE, _TARGET = aliased(Span), aliased(Span)
_SOURCE_LABEL, _TARGET_LABEL = aliased(Label), aliased(Label)


def finished_relations(store: Store, label: str | None = None) -> FinishedRelations:
    """The relations of every finished (``done``) annotation set, the gold standard's left
    out, as (document row id, person, (source start, end, span label), (target start, end,
    span label), relation label), offsets in code points into the stored text, end exclusive;
    with ``label``, only relations with an end of that span label.

    One query reads every relation, in one snapshot with a second that lists the finished
    sets (who finished which document: a finished set without relations still counts). When
    there is no relation at all, the second is not run and ``finished`` is empty: there is
    nothing to compare, and a corpus without relations pays one empty query.
    """
    with store.reading() as session:
        connection = session.connection()
        schema_labels = list(
            connection.execute(
                select(RelationLabel.name).order_by(RelationLabel.position, RelationLabel.id)
            ).scalars()
        )
        query = (
            finished_sets()
            .with_only_columns(
                AnnotationSet.document_id,
                Person.name,
                _SOURCE.start,
                _SOURCE.end,
                _SOURCE_LABEL.name,
                _TARGET.start,
                _TARGET.end,
                _TARGET_LABEL.name,
                RelationLabel.name,
            )
            .join(Relation, Relation.set_id == AnnotationSet.id)
            .join(_SOURCE, _SOURCE.id == Relation.source_id)
            .join(_SOURCE_LABEL, _SOURCE_LABEL.id == _SOURCE.label_id)
            .join(_TARGET, _TARGET.id == Relation.target_id)
            .join(_TARGET_LABEL, _TARGET_LABEL.id == _TARGET.label_id)
            .join(RelationLabel, RelationLabel.id == Relation.label_id)
        )
        if label is not None:
            query = query.where(or_(_SOURCE_LABEL.name == label, _TARGET_LABEL.name == label))
        relations = [
            RelationRow(document, person, (s, e, s_label), (t, u, t_label), name)
            for document, person, s, e, s_label, t, u, t_label, name in connection.execute(query)
        ]
        if not relations:
            return FinishedRelations((), (), schema_labels)
        done = finished_sets().with_only_columns(AnnotationSet.document_id, Person.name)
        finished = [(document, person) for document, person in connection.execute(done)]
    return FinishedRelations(finished, relations, schema_labels)
