"""What suggesting and training read: the documents to suggest for, their texts in pages, and
one person's finished annotations. Offsets are code points into the stored text, end
exclusive."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from annotator.core.status import Role, SetStatus
from annotator.store.models import AnnotationSet, Document, Label, Person, Span
from annotator.store.store import Store

# Texts read per query: a page of short news articles is a few megabytes at most.
PAGE = 500


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    """A document with one person's spans on it, ``(start, end, label)`` sorted."""

    id: int
    external_id: str
    text: str
    spans: list[tuple[int, int, str]]


def documents_to_suggest(store: Store, which: str) -> list[int]:
    """The ids of the documents ``which`` names, in id order: ``all``, or ``unfinished``: the
    documents nobody has marked done (no annotator's set and no gold set is done; a model's
    sets never count)."""
    with store.reading() as session:
        query = select(Document.id).order_by(Document.id)
        if which == "unfinished":
            done = (
                select(AnnotationSet.document_id)
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(
                    AnnotationSet.status == SetStatus.DONE.value,
                    Person.role != Role.MODEL.value,
                )
            )
            query = query.where(Document.id.not_in(done))
        return list(session.scalars(query))


def documents_named(store: Store, external_ids: Sequence[str]) -> dict[str, int]:
    """External id -> document id, for those of ``external_ids`` that are stored."""
    found: dict[str, int] = {}
    with store.reading() as session:
        for at in range(0, len(external_ids), PAGE):
            page = external_ids[at : at + PAGE]
            found.update(
                session.execute(
                    select(Document.external_id, Document.id).where(Document.external_id.in_(page))
                ).all()
            )
    return found


def document_texts(store: Store, document_ids: Sequence[int]) -> Iterator[tuple[int, str]]:
    """(id, text) of the documents, in the order given, read a page at a time."""
    for at in range(0, len(document_ids), PAGE):
        page = document_ids[at : at + PAGE]
        with store.reading() as session:
            texts = dict(
                session.execute(
                    select(Document.id, Document.text).where(Document.id.in_(page))
                ).all()
            )
        for document_id in page:
            if document_id in texts:
                yield document_id, texts[document_id]


def finished_annotations(store: Store, person: str) -> list[AnnotatedText]:
    """Every document ``person`` (``gold`` for the gold standard) has marked done, with their
    spans on it, in document id order."""
    with store.reading() as session:
        sets = session.execute(
            select(AnnotationSet.id, Document.id, Document.external_id, Document.text)
            .join(Document, Document.id == AnnotationSet.document_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(Person.name == person, AnnotationSet.status == SetStatus.DONE.value)
            .order_by(Document.id)
        ).all()
        spans: dict[int, list[tuple[int, int, str]]] = {set_id: [] for set_id, *_ in sets}
        rows = session.execute(
            select(Span.set_id, Span.start, Span.end, Label.name)
            .join(Label, Label.id == Span.label_id)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(Person.name == person, AnnotationSet.status == SetStatus.DONE.value)
        )
        for set_id, start, end, label in rows:
            spans[set_id].append((start, end, label))
    return [
        AnnotatedText(document_id, external_id, text, sorted(spans[set_id]))
        for set_id, document_id, external_id, text in sets
    ]
