"""Reading the corpus out as records, streamed in pages of documents; and the decision log,
streamed in pages of decisions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, func, select

from annotator.schemas import DecisionLogRecord, DocumentRecord, SpanRecord
from annotator.store.models import AnnotationSet, Decision, Document, Label, Person, Span
from annotator.store.store import Store

PAGE = 500


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


def export_records(store: Store, person: str | None = None) -> Iterator[DocumentRecord]:
    """One record per (document, annotation set), documents in import order, sets by person.

    ``person`` None exports every set, and each document that has none once, without spans;
    a name exports only that person's sets. Spans are sorted by (start, end, label) and carry
    their text. Everything is read in one snapshot transaction (:meth:`Store.snapshot`): the
    export holds all or nothing of what another process commits while it runs.
    """
    with store.snapshot() as session:
        after = 0
        while True:
            query = select(Document.id, Document.external_id, Document.text, Document.meta)
            if person is not None:
                query = (
                    query.join(AnnotationSet, AnnotationSet.document_id == Document.id)
                    .join(Person, Person.id == AnnotationSet.person_id)
                    .where(Person.name == person)
                )
            page = session.execute(
                query.where(Document.id > after).order_by(Document.id).limit(PAGE)
            ).all()
            if not page:
                return
            after = page[-1].id
            sets_query = (
                select(
                    AnnotationSet.id, AnnotationSet.document_id, Person.name, AnnotationSet.status
                )
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(AnnotationSet.document_id.in_([row.id for row in page]))
                .order_by(AnnotationSet.document_id, Person.name)
            )
            if person is not None:
                sets_query = sets_query.where(Person.name == person)
            sets = session.execute(sets_query).all()
            spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
            if sets:
                for set_id, start, end, label in session.execute(
                    select(Span.set_id, Span.start, Span.end, Label.name)
                    .join(Label, Label.id == Span.label_id)
                    .where(Span.set_id.in_([s.id for s in sets]))
                ):
                    spans[set_id].append((start, end, label))
            sets_by_document: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
            for set_id, document_id, name, status in sets:
                sets_by_document[document_id].append((set_id, name, status))
            for row in page:
                doc_sets = sets_by_document.get(row.id)
                if not doc_sets:
                    yield DocumentRecord.model_construct(
                        id=row.external_id,
                        text=row.text,
                        meta=row.meta or {},
                        spans=None,
                        annotator=None,
                        status=None,
                    )
                    continue
                text = row.text
                for set_id, name, status in doc_sets:
                    # Validated rather than model_construct-ed: pydantic-core builds the ~20
                    # span records of a document in one call, several times faster than
                    # model_construct does them one by one in Python.
                    yield DocumentRecord.model_validate(
                        {
                            "id": row.external_id,
                            "text": text,
                            "meta": row.meta or {},
                            "annotator": name,
                            "status": status,
                            "spans": [
                                {"start": s, "end": e, "label": label, "text": text[s:e]}
                                for s, e, label in sorted(spans.get(set_id, ()))
                            ],
                        }
                    )


def has_decisions(store: Store) -> bool:
    with store.reading() as session:
        return session.scalar(select(select(Decision.id).exists())) is True


def _cut(start: Any, end: Any) -> ColumnElement[str]:
    """The document's text from ``start`` to ``end`` (code points, end exclusive), cut out by
    the database: ``substr`` counts code points in SQLite and PostgreSQL alike."""
    return func.substr(Document.text, start + 1, end - start)


def export_decisions(store: Store) -> Iterator[DecisionLogRecord]:
    """Every adjudication decision standing (an undone one is gone from the log), in the
    order they were made, with its document's external id and its spans' texts; one snapshot
    transaction, read in pages of plain rows (a pre-filled corpus logs a decision per gold
    span). No document's whole text is loaded."""
    query = (
        select(
            Decision.id,
            Document.external_id,
            Decision.action,
            Person.name,
            Decision.created_at,
            Decision.start,
            Decision.end,
            Decision.label,
            _cut(Decision.start, Decision.end),
            Decision.original_start,
            Decision.original_end,
            Decision.original_label,
            _cut(Decision.original_start, Decision.original_end),
            Decision.chosen_by,
            Decision.reason,
        )
        .join(Document, Document.id == Decision.document_id)
        .join(Person, Person.id == Decision.reviewer_id)
        .order_by(Decision.id)
        .limit(PAGE)
    )
    with store.snapshot() as session:
        after = 0
        while True:
            page = session.connection().execute(query.where(Decision.id > after)).all()
            if not page:
                return
            after = page[-1][0]
            for row in page:
                _, document, action, who, when, *span, words = row[:9]
                *original, original_words, chosen_by, reason = row[9:]
                yield DecisionLogRecord.model_construct(
                    document=document,
                    span=_span_record(span, words),
                    # A rejection names its own span as the one it keeps out: not a change.
                    original=None
                    if original[0] is None or original == span
                    else _span_record(original, original_words),
                    action=action,
                    who=who,
                    when=when,
                    chosen_by=list(chosen_by or []),
                    reason=reason or "",
                )


def _span_record(span: list[Any], text: str) -> SpanRecord:
    start, end, label = span
    return SpanRecord.model_construct(start=start, end=end, label=label, text=text)
