"""Reading the corpus out as records, streamed in pages of documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select

from annotator.schemas import DocumentRecord
from annotator.store.models import AnnotationSet, Document, Label, Person, Span
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
