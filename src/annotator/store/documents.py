"""Documents as one person sees them: lists (paged), texts, neighbours and progress."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from annotator.core.status import Role, SetStatus
from annotator.store.models import AnnotationSet, Assignment, Document, Person, Span
from annotator.store.store import Store


class StatusFilter(StrEnum):
    ALL = "all"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    UNFINISHED = "unfinished"  # not started or in progress


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the document list; ``status`` None means the person has not begun it."""

    id: int
    external_id: str
    title: str
    length: int
    status: SetStatus | None
    span_count: int


@dataclass(frozen=True, slots=True)
class DocumentText:
    id: int
    external_id: str
    text: str


def _person_sets(person: str) -> Subquery:
    """``person``'s annotation sets (id, document_id, status) as a subquery."""
    return (
        select(AnnotationSet.id, AnnotationSet.document_id, AnnotationSet.status)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(Person.name == person)
        .subquery()
    )


def visible_to(person: str) -> ColumnElement[bool]:
    """Documents ``person`` may open: those assigned to them and those assigned to nobody;
    a reviewer sees every document."""
    anyone = exists().where(Assignment.document_id == Document.id)
    me = exists().where(
        Assignment.document_id == Document.id,
        Assignment.person_id == Person.id,
        Person.name == person,
    )
    reviewer = exists().where(Person.name == person, Person.role == Role.REVIEWER.value)
    return or_(~anyone, me, reviewer)


def _filtered(
    query: Select[Any], own: Subquery, status: StatusFilter, search: str, person: str
) -> Select[Any]:
    """``query`` (outer-joined to ``own``, the person's sets) restricted to the documents
    ``person`` may open, to ``status``, and to ids or texts containing ``search``
    (case-insensitive)."""
    query = query.where(visible_to(person))
    if status is StatusFilter.NOT_STARTED:
        query = query.where(own.c.id.is_(None))
    elif status is StatusFilter.IN_PROGRESS:
        query = query.where(own.c.status == SetStatus.IN_PROGRESS.value)
    elif status is StatusFilter.DONE:
        query = query.where(own.c.status == SetStatus.DONE.value)
    elif status is StatusFilter.UNFINISHED:
        query = query.where(or_(own.c.id.is_(None), own.c.status != SetStatus.DONE.value))
    if search:
        # % and _ typed by the user are characters to find, not LIKE wildcards.
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                Document.external_id.ilike(pattern, escape="\\"),
                Document.text.ilike(pattern, escape="\\"),
            )
        )
    return query


def list_documents(
    store: Store,
    person: str,
    after: int = 0,
    limit: int = 200,
    status: StatusFilter = StatusFilter.ALL,
    search: str = "",
) -> list[DocumentSummary]:
    """Up to ``limit`` documents with id greater than ``after``, in import order (keyset
    paging: each page costs the same however deep the list is)."""
    with store.reading() as session:
        sets = _person_sets(person)
        span_count = select(func.count(Span.id)).where(Span.set_id == sets.c.id).scalar_subquery()
        query = select(
            Document.id,
            Document.external_id,
            Document.title,
            Document.length,
            sets.c.status,
            span_count,
        ).outerjoin(sets, sets.c.document_id == Document.id)
        query = _filtered(query, sets, status, search, person)
        rows = session.execute(query.where(Document.id > after).order_by(Document.id).limit(limit))
        return [
            DocumentSummary(
                ident, ext, title, length, None if st is None else SetStatus(st), count or 0
            )
            for ident, ext, title, length, st, count in rows
        ]


def count_documents(
    store: Store, person: str, status: StatusFilter = StatusFilter.ALL, search: str = ""
) -> int:
    with store.reading() as session:
        sets = _person_sets(person)
        query = select(func.count(Document.id)).outerjoin(sets, sets.c.document_id == Document.id)
        return session.scalar(_filtered(query, sets, status, search, person)) or 0


def document_text(store: Store, document_id: int) -> DocumentText:
    with store.reading() as session:
        row = session.execute(
            select(Document.id, Document.external_id, Document.text).where(
                Document.id == document_id
            )
        ).one()
        return DocumentText(*row)


def find_document(store: Store, external_id: str) -> int | None:
    with store.reading() as session:
        return session.scalar(select(Document.id).where(Document.external_id == external_id))


def _next_id(
    session: Session, person: str, after: int, forward: bool, status: StatusFilter
) -> int | None:
    sets = _person_sets(person)
    query = select(Document.id).outerjoin(sets, sets.c.document_id == Document.id)
    query = _filtered(query, sets, status, "", person)
    if forward:
        query = query.where(Document.id > after).order_by(Document.id)
    else:
        query = query.where(Document.id < after).order_by(Document.id.desc())
    return session.scalar(query.limit(1))


def neighbour(
    store: Store,
    person: str,
    document_id: int,
    forward: bool = True,
    status: StatusFilter = StatusFilter.ALL,
) -> int | None:
    """The next (or previous) document after ``document_id`` matching ``status``, or None."""
    with store.reading() as session:
        return _next_id(session, person, document_id, forward, status)


def next_unfinished(store: Store, person: str, after: int = 0) -> int | None:
    """The first document after ``after`` that ``person`` has not finished, wrapping around."""
    with store.reading() as session:
        found = _next_id(session, person, after, True, StatusFilter.UNFINISHED)
        if found is None and after:
            found = _next_id(session, person, 0, True, StatusFilter.UNFINISHED)
        return found


def progress(store: Store, person: str) -> tuple[int, int]:
    """(documents ``person`` has marked done, documents ``person`` may open)."""
    with store.reading() as session:
        total = session.scalar(select(func.count(Document.id)).where(visible_to(person))) or 0
        done = session.scalar(
            select(func.count(AnnotationSet.id))
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(and_(Person.name == person, AnnotationSet.status == SetStatus.DONE.value))
        )
        return done or 0, total
