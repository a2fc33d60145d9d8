"""The corpus as agreement needs it: each document's text and its finished annotations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import select

from annotator.core.agreement import AnnotatedDocument
from annotator.store.lookup import finished_sets
from annotator.store.models import AnnotationSet, Document, Label, Span
from annotator.store.store import Store

PAGE = 500


class LabelledRange(NamedTuple):
    """A span as agreement reads it (``start``, ``end`` code points, end exclusive, ``label``):
    a tuple, built in C, where a dataclass per span made reading a large corpus slow."""

    start: int
    end: int
    label: str


def finished_annotations(store: Store, label: str | None = None) -> Iterator[AnnotatedDocument]:
    """Every document with at least one finished (``done``) annotation set, in import order,
    with the spans of each person who finished it (only ``label``'s spans if given).

    The gold standard is not an annotator and is left out. Unfinished sets are left out too:
    a person who has not finished a document gives no value for it. Read in pages of
    documents inside one transaction (one consistent snapshot), through the connection
    (SQLAlchemy Core: the ORM's result layer cost more per span than the database did).
    """
    with store.reading() as session:
        connection = session.connection()
        done_sets = finished_sets()
        after = 0
        while True:
            page = connection.execute(
                select(Document.id, Document.external_id, Document.text)
                .where(
                    Document.id > after,
                    Document.id.in_(done_sets.with_only_columns(AnnotationSet.document_id)),
                )
                .order_by(Document.id)
                .limit(PAGE)
            ).all()
            if not page:
                return
            after = page[-1].id
            ids = [row.id for row in page]
            owners: dict[int, tuple[int, str]] = {}
            spans: dict[int, dict[str, list[LabelledRange]]] = defaultdict(dict)
            for set_id, document_id, name in connection.execute(
                done_sets.where(AnnotationSet.document_id.in_(ids))
            ).all():
                owners[set_id] = (document_id, name)
                spans[document_id][name] = []
            query = (
                select(Span.set_id, Span.start, Span.end, Label.name)
                .join(Label, Label.id == Span.label_id)
                .where(Span.set_id.in_(list(owners)))
            )
            if label is not None:
                query = query.where(Label.name == label)
            for set_id, start, end, name in connection.execute(query).all():
                document_id, person = owners[set_id]
                spans[document_id][person].append(LabelledRange(start, end, name))
            for row in page:
                yield AnnotatedDocument(row.external_id, row.text, spans[row.id])
