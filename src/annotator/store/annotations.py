"""One person's spans on one document: each function is one user action, one transaction.

Offsets are Python ``str`` indices (code points), end exclusive, into the stored text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.spans import span_problem
from annotator.core.status import SetStatus
from annotator.store.lookup import label_ids, person_id
from annotator.store.models import AnnotationSet, Base, Document, Label, Person, Span, utcnow
from annotator.store.store import Store

_SETS = Base.metadata.tables[AnnotationSet.__tablename__]
_SPANS = Base.metadata.tables[Span.__tablename__]
# The statements a label key runs, built once: building a statement and working out its cache
# key cost more than SQLite spends running it (parameters are bound at each execution).
_TEXT_OF = select(Document.text).where(Document.id == bindparam("document_id"))
_SET_OF = (
    select(AnnotationSet.id)
    .join(Person, Person.id == AnnotationSet.person_id)
    .where(AnnotationSet.document_id == bindparam("document_id"), Person.name == bindparam("name"))
)
_TOUCH_SET = (
    update(_SETS).where(_SETS.c.id == bindparam("set_id")).values(updated_at=bindparam("now"))
)
_INSERT_SPANS = insert(_SPANS).returning(_SPANS.c.id, sort_by_parameter_order=True)


class SpanRejected(ValueError):
    """A span that breaks a rule (out of range, unknown label, exact duplicate)."""


@dataclass(frozen=True, slots=True, order=True)
class StoredSpan:
    """A span as stored: its row id, code point offsets (end exclusive), label name and its
    annotator's comment (None for none; never part of the order: ids are unique)."""

    start: int
    end: int
    label: str
    id: int
    comment: str | None = None


def spans_of(store: Store, document_id: int, person: str) -> list[StoredSpan]:
    """``person``'s spans on the document, sorted by (start, end, label)."""
    with store.reading() as session:
        rows = session.execute(
            select(Span.start, Span.end, Label.name, Span.id, Span.comment)
            .join(Label, Label.id == Span.label_id)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id, Person.name == person)
        )
        return sorted(StoredSpan(*row) for row in rows)


def set_status_of(store: Store, document_id: int, person: str) -> SetStatus | None:
    """The status of ``person``'s annotation of the document; None if they have not begun."""
    with store.reading() as session:
        status = session.scalar(
            select(AnnotationSet.status)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id, Person.name == person)
        )
    return None if status is None else SetStatus(status)


def set_id_for(session: Session, document_id: int, person: str) -> int:
    """The person's annotation set on the document, created ``in_progress`` if missing.

    Through the session's connection (SQLAlchemy Core): a label key runs this, and the ORM's
    per-statement work cost more than SQLite did."""
    connection = session.connection()
    found = connection.execute(_SET_OF, {"document_id": document_id, "name": person}).scalar()
    now = utcnow()
    if found is not None:
        connection.execute(_TOUCH_SET, {"set_id": found, "now": now})
        return int(found)
    created = connection.execute(
        insert(_SETS)
        .values(
            document_id=document_id,
            person_id=person_id(session, person),
            status=SetStatus.IN_PROGRESS.value,
            created_at=now,
            updated_at=now,
        )
        .returning(_SETS.c.id)
    )
    return int(created.scalar_one())


def add_spans(
    store: Store,
    document_id: int,
    person: str,
    spans: Sequence[tuple[int, int, str]],
    comments: Sequence[str | None] = (),
) -> list[StoredSpan]:
    """Store ``(start, end, label)`` spans for ``person``, all or none, in one transaction;
    ``comments``, if given, are the spans' comments in the same order (undoing a deletion
    gives a span back with its comment).

    Raises :class:`SpanRejected` if any span is out of range, has an unknown label or is
    already stored.
    """
    with store.writing() as session:
        connection = session.connection()
        text = connection.execute(_TEXT_OF, {"document_id": document_id}).scalar()
        if text is None:
            raise SpanRejected(f"there is no document {document_id}")
        labels = label_ids(session)
        for start, end, label in spans:
            problem = span_problem(text, start, end, label, labels)
            if problem is not None:
                raise SpanRejected(problem)
        set_id = set_id_for(session, document_id, person)
        notes = list(comments) or [None] * len(spans)
        rows = [
            {
                "set_id": set_id,
                "start_offset": s,
                "end_offset": e,
                "label_id": labels[lab],
                "comment": comment,
            }
            for (s, e, lab), comment in zip(spans, notes, strict=True)
        ]
        try:
            ids = connection.execute(_INSERT_SPANS, rows).scalars()
        except IntegrityError:
            raise SpanRejected("that span is already there") from None
        return [
            StoredSpan(start, end, label, ident, comment)
            for (start, end, label), ident, comment in zip(spans, ids, notes, strict=True)
        ]


def add_span(
    store: Store, document_id: int, person: str, start: int, end: int, label: str
) -> StoredSpan:
    """Store one span; see :func:`add_spans`."""
    return add_spans(store, document_id, person, [(start, end, label)])[0]


def delete_spans(store: Store, span_ids: Iterable[int]) -> None:
    """Delete spans by id, in one transaction."""
    ids = list(span_ids)
    with store.writing() as session:
        session.execute(delete(Span).where(Span.id.in_(ids)))


def relabel_in(session: Session, span_id: int, label: str) -> StoredSpan:
    """Give a stored span another label (same row id), in the session's transaction (the
    window relabels with the relations it drops: :func:`annotator.store.relations.relabel_span`).
    """
    label_id = label_ids(session).get(label)
    if label_id is None:
        raise SpanRejected(f"label {label!r} is not in the schema")
    span = session.get(Span, span_id)
    if span is None:
        raise SpanRejected(f"span {span_id} no longer exists")
    span.label_id = label_id
    try:
        session.flush()
    except IntegrityError:
        raise SpanRejected(f"a {label} span is already there") from None
    return StoredSpan(span.start, span.end, label, span.id, span.comment)


def has_spans(session: Session, set_id: int) -> bool:
    return session.scalar(select(Span.id).where(Span.set_id == set_id).limit(1)) is not None


def set_status(
    store: Store, document_id: int, person: str, status: SetStatus | None
) -> SetStatus | None:
    """Set ``person``'s status on the document; returns the previous one (None: no set yet).

    ``status`` None (undoing the first status of a document never labelled) removes the
    person's annotation set if it holds no span, note or flag, and makes it ``in_progress``
    otherwise.
    """
    with store.writing() as session:
        who = person_id(session, person)
        annotation = session.scalar(
            select(AnnotationSet).where(
                AnnotationSet.document_id == document_id, AnnotationSet.person_id == who
            )
        )
        if annotation is None:
            if status is not None:
                session.add(
                    AnnotationSet(document_id=document_id, person_id=who, status=status.value)
                )
            return None
        previous = SetStatus(annotation.status)
        if status is None:
            if has_spans(session, annotation.id) or annotation.comment or annotation.flagged:
                status = SetStatus.IN_PROGRESS
            else:
                session.delete(annotation)
                return previous
        annotation.status = status.value
        annotation.updated_at = utcnow()
        return previous
