"""Comments on spans, and each person's note and flag on a document: one function per user
action, one transaction each. Agreement and adjudication never read them.

A document's note and flag live on the person's annotation set (``annotation_sets.comment``
and ``.flagged``), so noting or flagging a document not begun begins it (in progress), and the
export writes them on that set's record.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from annotator.core.comments import cleaned, comment_problem
from annotator.core.spans import Span as Span_
from annotator.core.status import SetStatus
from annotator.store.annotations import SpanRejected, StoredSpan, has_spans, set_id_for
from annotator.store.models import AnnotationSet, Label, Person, Span
from annotator.store.store import Store


@dataclass(frozen=True, slots=True)
class DocumentNote:
    """A person's note on a document (None: none) and whether they flagged it."""

    comment: str | None = None
    flagged: bool = False


def _checked(comment: str | None) -> str | None:
    comment = cleaned(comment)
    if comment is not None and (problem := comment_problem(comment)) is not None:
        raise SpanRejected(f"the comment {problem}")
    return comment


def set_span_comment(store: Store, span_id: int, comment: str | None) -> StoredSpan:
    """Give a stored span ``comment`` (None or blank: none); the span as it is now."""
    comment = _checked(comment)
    with store.writing() as session:
        row = session.execute(
            select(Span, Label.name)
            .join(Label, Label.id == Span.label_id)
            .where(Span.id == span_id)
        ).first()
        if row is None:
            raise SpanRejected(f"span {span_id} no longer exists")
        span, label = row
        span.comment = comment
        return StoredSpan(span.start, span.end, label, span.id, comment)


def note_of(store: Store, document_id: int, person: str) -> DocumentNote:
    """``person``'s note and flag on the document (none and unflagged if not begun)."""
    with store.reading() as session:
        row = session.execute(
            select(AnnotationSet.comment, AnnotationSet.flagged)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id, Person.name == person)
        ).first()
    return DocumentNote() if row is None else DocumentNote(row[0], bool(row[1]))


def notes_on(store: Store, document_id: int) -> dict[str, DocumentNote]:
    """Everyone's note or flag on the document, by person (those with neither left out)."""
    with store.reading() as session:
        rows = session.execute(
            select(Person.name, AnnotationSet.comment, AnnotationSet.flagged)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id)
            .where((AnnotationSet.comment.is_not(None)) | AnnotationSet.flagged)
            .order_by(Person.name)
        )
        return {name: DocumentNote(comment, bool(flagged)) for name, comment, flagged in rows}


def span_comments_on(store: Store, document_id: int) -> dict[Span_, list[tuple[str, str]]]:
    """Every comment on the document's spans: by span, ``(person, comment)`` by name."""
    found: dict[Span_, list[tuple[str, str]]] = {}
    with store.reading() as session:
        rows = session.execute(
            select(Span.start, Span.end, Label.name, Person.name, Span.comment)
            .join(Label, Label.id == Span.label_id)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id, Span.comment.is_not(None))
            .order_by(Person.name)
        )
        for start, end, label, person, comment in rows:
            found.setdefault(Span_(start, end, label), []).append((person, comment or ""))
    return found


def set_note(
    store: Store, document_id: int, person: str, note: DocumentNote | None
) -> DocumentNote | None:
    """Store ``person``'s note and flag on the document; returns the previous ones (None: the
    person had not begun the document).

    A note or flag on a document not begun begins it (an annotation set in progress). ``note``
    None (undoing the note that began it) removes the set again if it holds no span and is in
    progress, and clears the note and flag otherwise.
    """
    comment = None if note is None else _checked(note.comment)
    with store.writing() as session:
        annotation = session.scalar(
            select(AnnotationSet)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(AnnotationSet.document_id == document_id, Person.name == person)
        )
        if annotation is None:
            if note is None:
                return None
            annotation = session.get_one(AnnotationSet, set_id_for(session, document_id, person))
            previous = None
        else:
            previous = DocumentNote(annotation.comment, bool(annotation.flagged))
        if (
            note is None
            and annotation.status == SetStatus.IN_PROGRESS.value
            and not has_spans(session, annotation.id)
        ):
            session.delete(annotation)
            return previous
        annotation.comment = comment
        annotation.flagged = note is not None and note.flagged
        return previous
