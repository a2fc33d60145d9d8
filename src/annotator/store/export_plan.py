"""What an export needs to know before it writes: which documents it holds, whether they
have several annotation sets, whether it holds relations, and the label schema."""

from __future__ import annotations

from sqlalchemy import func, select

from annotator.core.labels import LabelSchema
from annotator.core.relations import RelationSchema
from annotator.store.lookup import label_schema
from annotator.store.models import AnnotationSet, Document, Person, Relation
from annotator.store.relation_schema import relation_schema
from annotator.store.store import Store


def several_sets(store: Store) -> bool:
    """Whether some document has more than one annotation set."""
    with store.reading() as session:
        crowded = (
            select(AnnotationSet.document_id)
            .group_by(AnnotationSet.document_id)
            .having(func.count() > 1)
            .limit(1)
        )
        return session.execute(crowded).first() is not None


def document_ids(store: Store, person: str | None) -> list[str]:
    """The ids of the documents an export of ``person``'s sets (None: every set, and the
    documents without any) holds, in import order."""
    with store.reading() as session:
        query = select(Document.external_id).order_by(Document.id)
        if person is not None:
            query = query.where(
                select(AnnotationSet.id)
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(AnnotationSet.document_id == Document.id, Person.name == person)
                .exists()
            )
        return list(session.scalars(query))


def holds_relations(store: Store, person: str | None) -> bool:
    """Whether the sets an export of ``person`` (None: everyone) holds have any relation."""
    with store.reading() as session:
        query = select(Relation.id).limit(1)
        if person is not None:
            query = (
                query.join(AnnotationSet, AnnotationSet.id == Relation.set_id)
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(Person.name == person)
            )
        return session.execute(query).first() is not None


def schemas(store: Store) -> tuple[LabelSchema, RelationSchema]:
    """The span labels and the relation labels, in their order."""
    with store.reading() as session:
        return label_schema(session), relation_schema(session)
