"""Reading the corpus out as records, streamed in pages of documents; and the decision log,
streamed in pages of decisions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select

from annotator.core.records import ExportRecord
from annotator.store.models import (
    AnnotationSet,
    Document,
    Label,
    Person,
    Relation,
    RelationLabel,
    Span,
)
from annotator.store.store import Store

PAGE = 500
SpanKey = tuple[int, int, str]  # (start, end, label): one span of a set


def set_owners(store: Store) -> list[str]:
    """The people who have at least one annotation set (the gold owner too), sorted: what
    ``--set NAME`` can name."""
    with store.reading() as session:
        return sorted(
            session.scalars(
                select(Person.name).where(
                    select(AnnotationSet.id).where(AnnotationSet.person_id == Person.id).exists()
                )
            )
        )


def export_records(store: Store, person: str | None = None) -> Iterator[ExportRecord]:
    """One record per (document, annotation set), documents in import order, sets by person.

    ``person`` None exports every set, and each document that has none once, without spans;
    a name exports only that person's sets. Spans are sorted by (start, end, label); relations
    are ``(source, target, label)`` with indexes into those sorted spans, sorted in turn (None
    when the set has none). Everything is read in one snapshot transaction
    (:meth:`Store.snapshot`): the export holds all or nothing of what another process commits
    while it runs. Rows are read through the connection (SQLAlchemy Core), pages of ``PAGE``
    documents with four queries a page.
    """
    with store.snapshot() as session:
        connection = session.connection()
        labels = dict(connection.execute(select(Label.id, Label.name)).all())
        relation_labels = dict(
            connection.execute(select(RelationLabel.id, RelationLabel.name)).all()
        )
        person_id = None
        if person is not None:
            person_id = connection.execute(
                select(Person.id).where(Person.name == person)
            ).scalar_one_or_none()
            if person_id is None:
                return
        names = dict(connection.execute(select(Person.id, Person.name)).all())
        # A corpus without relations (every one from before them) skips their query a page.
        has_relations = connection.execute(select(Relation.id).limit(1)).first() is not None
        documents = select(Document.id, Document.external_id, Document.text, Document.meta)
        sets_query = select(
            AnnotationSet.id,
            AnnotationSet.document_id,
            AnnotationSet.person_id,
            AnnotationSet.status,
            AnnotationSet.comment,
            AnnotationSet.flagged,
        )
        if person_id is not None:
            documents = documents.join(
                AnnotationSet, AnnotationSet.document_id == Document.id
            ).where(AnnotationSet.person_id == person_id)
            sets_query = sets_query.where(AnnotationSet.person_id == person_id)
        after = 0
        while True:
            page = connection.execute(
                documents.where(Document.id > after).order_by(Document.id).limit(PAGE)
            ).all()
            if not page:
                return
            after = page[-1][0]
            sets = connection.execute(
                sets_query.where(AnnotationSet.document_id.in_([row[0] for row in page]))
            ).all()
            set_ids = [s[0] for s in sets]
            spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
            comments: dict[int, dict[tuple[int, int, str], str]] = defaultdict(dict)
            # Each set's relations as (source span id, target span id, label), and each span
            # by id on a page that has relations to resolve. By ids, not joined to their spans
            # in SQL: PostgreSQL, not knowing how few rows match, scanned all spans twice a page.
            relations: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
            span_of: dict[int, SpanKey] | None = None
            if sets and has_relations:
                for set_id, source, target, label_id in connection.execute(
                    select(
                        Relation.set_id, Relation.source_id, Relation.target_id, Relation.label_id
                    ).where(Relation.set_id.in_(set_ids))
                ).all():
                    relations[set_id].append((source, target, relation_labels[label_id]))
                span_of = {} if relations else None
            if sets:
                for span_id, set_id, start, end, label_id, comment in connection.execute(
                    select(
                        Span.id, Span.set_id, Span.start, Span.end, Span.label_id, Span.comment
                    ).where(Span.set_id.in_(set_ids))
                ).all():
                    span = (start, end, labels[label_id])
                    spans[set_id].append(span)
                    if span_of is not None:
                        span_of[span_id] = span
                    if comment is not None:
                        comments[set_id][span] = comment
            sets_by_document: dict[int, list[tuple[str, int, str, str | None, bool]]]
            sets_by_document = defaultdict(list)
            for set_id, document_id, owner, status, note, flagged in sets:
                sets_by_document[document_id].append(
                    (names[owner], set_id, status, note, bool(flagged))
                )
            for document_id, external_id, text, meta in page:
                doc_sets = sets_by_document.get(document_id)
                if not doc_sets:
                    yield ExportRecord(external_id, text, meta or {})
                    continue
                for name, set_id, status, note, flagged in sorted(doc_sets, key=lambda s: s[0]):
                    set_spans = sorted(spans.get(set_id, ()))
                    set_relations = None
                    if set_id in relations and span_of is not None:
                        set_relations = _indexed(set_spans, relations[set_id], span_of)
                    yield ExportRecord(
                        external_id,
                        text,
                        meta or {},
                        name,
                        status,
                        set_spans,
                        note,
                        flagged,
                        comments.get(set_id),
                        set_relations,
                    )


def _indexed(
    spans: list[SpanKey], relations: list[tuple[int, int, str]], span_of: dict[int, SpanKey]
) -> list[tuple[int, int, str]]:
    """A set's relations, each ``(source span id, target span id, label)``, as ``(source,
    target, label)`` with indexes into ``spans`` (the set's, sorted), sorted."""
    index = {span: number for number, span in enumerate(spans)}
    return sorted(
        (index[span_of[source]], index[span_of[target]], label)
        for source, target, label in relations
    )
