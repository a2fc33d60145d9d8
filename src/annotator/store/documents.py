"""Documents as one person sees them: lists (paged), texts and neighbours (their progress:
:mod:`annotator.store.progress`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from annotator.core.status import Role, SetStatus
from annotator.store.models import AnnotationSet, Assignment, Document, Person, Span
from annotator.store.store import Store


class StatusFilter(StrEnum):
    ALL = "all"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    UNFINISHED = "unfinished"  # not started or in progress
    FLAGGED = "flagged"  # flagged by the person (whatever their status)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the document list; ``status`` None means the person has not begun it."""

    id: int
    external_id: str
    title: str
    length: int
    status: SetStatus | None
    span_count: int
    flagged: bool = False  # the person flagged it


@dataclass(frozen=True, slots=True)
class DocumentText:
    id: int
    external_id: str
    text: str


@dataclass(frozen=True, slots=True)
class _Viewer:
    """Who is looking, resolved once per call so that the document queries compare
    ``annotation_sets.person_id`` with a number (an index probe per document) instead of
    joining ``people`` by name inside every correlated subquery.

    ``person_id`` is None for a name not in the database: it owns no sets and is assigned
    nothing. ``sees_all`` is True for a reviewer, and when no document is assigned to anyone,
    so that the visibility test is left out of the query altogether."""

    person_id: int | None
    sees_all: bool


def _viewer(session: Session, person: str) -> _Viewer:
    found = session.execute(select(Person.id, Person.role).where(Person.name == person)).first()
    person_id, role = (None, None) if found is None else found
    if role == Role.REVIEWER.value:
        return _Viewer(person_id, True)
    any_assignment = session.scalar(select(Assignment.id).limit(1))
    return _Viewer(person_id, any_assignment is None)


def _only_visible(query: Select[Any], viewer: _Viewer) -> Select[Any]:
    """``query`` restricted to the documents the viewer may open: those assigned to them and
    those assigned to nobody (both probes use the (document_id, person_id) unique index of
    assignments)."""
    if viewer.sees_all:
        return query
    anyone = exists().where(Assignment.document_id == Document.id)
    mine = exists().where(
        Assignment.document_id == Document.id, Assignment.person_id == viewer.person_id
    )
    return query.where(or_(~anyone, mine))


def _finished(viewer: _Viewer) -> ColumnElement[bool]:
    """The viewer has marked the document done; answered from the covering index
    ix_annotation_sets_person_status_document without reading the sets themselves."""
    return exists().where(
        AnnotationSet.person_id == viewer.person_id,
        AnnotationSet.status == SetStatus.DONE.value,
        AnnotationSet.document_id == Document.id,
    )


def _flagged(viewer: _Viewer) -> Select[Any]:
    """The documents the viewer flagged, read from the index
    ix_annotation_sets_flagged_person_document alone (few documents are flagged: the query
    starts from them, not from a walk over every document)."""
    return select(AnnotationSet.document_id).where(
        AnnotationSet.flagged.is_(True), AnnotationSet.person_id == viewer.person_id
    )


def _own_sets(viewer: _Viewer) -> Any:
    """The viewer's sets, to outer-join on ``document_id`` (at most one per document)."""
    own = aliased(AnnotationSet, name="own")
    return own, and_(own.document_id == Document.id, own.person_id == viewer.person_id)


def _filtered(
    query: Select[Any],
    own: Any,
    viewer: _Viewer,
    status: StatusFilter,
    search: str,
    only: Sequence[int] | None = None,
) -> Select[Any]:
    """``query`` (outer-joined to ``own``, the viewer's sets) restricted to the documents the
    viewer may open, to ``status``, to ids or texts containing ``search`` (case-insensitive)
    and, given ``only``, to those document ids."""
    query = _only_visible(query, viewer)
    if only is not None:
        query = query.where(Document.id.in_(only))
    if status is StatusFilter.NOT_STARTED:
        query = query.where(own.id.is_(None))
    elif status is StatusFilter.IN_PROGRESS:
        query = query.where(own.status == SetStatus.IN_PROGRESS.value)
    elif status is StatusFilter.DONE:
        query = query.where(own.status == SetStatus.DONE.value)
    elif status is StatusFilter.UNFINISHED:
        query = query.where(~_finished(viewer))
    elif status is StatusFilter.FLAGGED:
        query = query.where(Document.id.in_(_flagged(viewer)))
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
    only: Sequence[int] | None = None,
) -> list[DocumentSummary]:
    """Up to ``limit`` documents with id greater than ``after`` (of ``only``, if given), in
    import order (keyset paging: each page costs the same however deep the list is)."""
    with store.reading() as session:
        viewer = _viewer(session, person)
        own, joined = _own_sets(viewer)
        span_count = select(func.count(Span.id)).where(Span.set_id == own.id).scalar_subquery()
        query = select(
            Document.id,
            Document.external_id,
            Document.title,
            Document.length,
            own.status,
            span_count,
            own.flagged,
        ).outerjoin(own, joined)
        query = _filtered(query, own, viewer, status, search, only)
        rows = session.execute(query.where(Document.id > after).order_by(Document.id).limit(limit))
        return [
            DocumentSummary(
                ident,
                ext,
                title,
                length,
                None if st is None else SetStatus(st),
                count or 0,
                bool(flagged),
            )
            for ident, ext, title, length, st, count, flagged in rows
        ]


def count_documents(
    store: Store,
    person: str,
    status: StatusFilter = StatusFilter.ALL,
    search: str = "",
    only: Sequence[int] | None = None,
) -> int:
    with store.reading() as session:
        viewer = _viewer(session, person)
        own, joined = _own_sets(viewer)
        query = select(func.count(Document.id))
        # The join is needed only to filter on the viewer's own set; without it a count of
        # everything is one pass over the smallest index.
        if status in (StatusFilter.NOT_STARTED, StatusFilter.IN_PROGRESS, StatusFilter.DONE):
            query = query.outerjoin(own, joined)
        else:
            query = query.select_from(Document)
        return session.scalar(_filtered(query, own, viewer, status, search, only)) or 0


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
    session: Session, viewer: _Viewer, after: int, forward: bool, status: StatusFilter
) -> int | None:
    """Keyset by document id: the database walks the primary key from ``after`` and stops at
    the first match, probing indexes for visibility and status on the way."""
    own, joined = _own_sets(viewer)
    query = select(Document.id)
    if status in (StatusFilter.NOT_STARTED, StatusFilter.IN_PROGRESS, StatusFilter.DONE):
        query = query.outerjoin(own, joined)
    query = _filtered(query, own, viewer, status, "")
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
        return _next_id(session, _viewer(session, person), document_id, forward, status)


def next_unfinished(store: Store, person: str, after: int = 0) -> int | None:
    """The first document after ``after`` that ``person`` has not finished, wrapping around."""
    with store.reading() as session:
        viewer = _viewer(session, person)
        if _finished_everything(session, viewer):
            return None
        found = _next_id(session, viewer, after, True, StatusFilter.UNFINISHED)
        if found is None and after:
            found = _next_id(session, viewer, 0, True, StatusFilter.UNFINISHED)
        return found


def _finished_everything(session: Session, viewer: _Viewer) -> bool:
    """True when the viewer has marked every document in the database done, found from two
    counts over indexes; walking the documents to the end in search of an unfinished one would
    probe the sets once per document. A person has at most one set per document, so equal
    counts mean no document is left, whatever is assigned to whom. (Someone who finished all
    they may open but not documents assigned to others is answered by the walk.)"""
    if viewer.person_id is None:
        return False
    total = session.scalar(select(func.count(Document.id))) or 0
    return total > 0 and _done_count(session, viewer) == total


def _done_count(session: Session, viewer: _Viewer) -> int:
    """The viewer's done sets, counted in the (person_id, status, document_id) index."""
    return (
        session.scalar(
            select(func.count()).where(
                AnnotationSet.person_id == viewer.person_id,
                AnnotationSet.status == SetStatus.DONE.value,
            )
        )
        or 0
    )


def document_texts(
    store: Store,
    person: str,
    status: StatusFilter = StatusFilter.ALL,
    containing: str = "",
    ignore_case: bool = False,
) -> Iterator[DocumentText]:
    """The texts of the documents ``person`` may open that match ``status``, in import order,
    streamed in one snapshot. ``containing`` (optional) keeps only texts where SQL's LIKE
    (``ignore_case``: ILIKE) finds it: every text that holds it exactly, and on SQLite some
    more (LIKE there ignores the case of ASCII letters); callers match exactly afterwards."""
    with store.snapshot() as session:
        viewer = _viewer(session, person)
        own, joined = _own_sets(viewer)
        # Typed as the other queries here are, whatever its columns.
        query = cast(Select[Any], select(Document.id, Document.external_id, Document.text))
        if status in (StatusFilter.NOT_STARTED, StatusFilter.IN_PROGRESS, StatusFilter.DONE):
            query = query.outerjoin(own, joined)
        query = _filtered(query, own, viewer, status, "")
        if containing and ignore_case:
            query = query.where(Document.text.icontains(containing, autoescape=True))
        elif containing:
            query = query.where(Document.text.contains(containing, autoescape=True))
        rows = session.execute(query.order_by(Document.id).execution_options(yield_per=200))
        for row in rows:
            yield DocumentText(*row)
