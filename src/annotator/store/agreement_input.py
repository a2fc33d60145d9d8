"""The corpus as agreement needs it: each document's text and its finished annotations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from sqlalchemy import select

from annotator.core.agreement import AnnotatedDocument
from annotator.core.agreement.units import token_marks
from annotator.store.child_process import iterated_in_child
from annotator.store.lookup import finished_sets
from annotator.store.models import Document, Label, Span
from annotator.store.store import Store

PAGE = 500
# Documents the child sends at once when it reads and tokenizes (see tokenized_in_child).
_SENT_TOGETHER = 64


Range = tuple[int, int, str]
"""A span as agreement reads it: ``(start, end, label)``, code points, end exclusive. A plain
tuple, built in C: a named tuple or dataclass per span made reading a large corpus slow, and
pickling one (:func:`tokenized_in_child`) costs six times a plain tuple."""


def finished_annotations(store: Store, label: str | None = None) -> Iterator[AnnotatedDocument]:
    """Every document with at least one finished (``done``) annotation set, in import order,
    with the spans of each person who finished it (only ``label``'s spans if given), as
    :data:`Range` tuples sorted by (start, end, label id).

    The gold standard is not an annotator and is left out. Unfinished sets are left out too:
    a person who has not finished a document gives no value for it. Read in pages of
    documents inside one transaction (one consistent snapshot), through the connection
    (SQLAlchemy Core: the ORM's result layer cost more per span than the database did); the
    spans of a page come in one query ordered by their set, and are grouped as they come.
    """
    with store.reading() as session:
        connection = session.connection()
        names: dict[int, str] = dict(connection.execute(select(Label.id, Label.name)).all())
        sets_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for set_id, document_id, person in connection.execute(finished_sets()).all():
            sets_of[document_id].append((set_id, person))
        documents = sorted(sets_of)
        spans_of_sets = select(Span.set_id, Span.start, Span.end, Span.label_id)
        if label is not None:
            spans_of_sets = spans_of_sets.join(Label, Label.id == Span.label_id).where(
                Label.name == label
            )
        for first in range(0, len(documents), PAGE):
            page = documents[first : first + PAGE]
            texts = connection.execute(
                select(Document.id, Document.external_id, Document.text)
                .where(Document.id.in_(page))
                .order_by(Document.id)
            ).all()
            owners = {set_id: person for d in page for set_id, person in sets_of[d]}
            ranges: dict[int, list[Range]] = {}
            rows = connection.execute(
                spans_of_sets.where(Span.set_id.in_(list(owners))).order_by(
                    Span.set_id, Span.start, Span.end, Span.label_id
                )
            ).all()
            for set_id, group in groupby(rows, itemgetter(0)):
                ranges[set_id] = [(start, end, names[of]) for _, start, end, of in group]
            for document_id, external_id, text in texts:
                spans = {person: ranges.get(s, []) for s, person in sets_of[document_id]}
                yield AnnotatedDocument(external_id, text, spans)


def tokenized_in_child(url: str, label: str | None = None) -> Iterator[AnnotatedDocument]:
    """:func:`finished_annotations` of the database at ``url``, read and tokenized in a child
    process (:mod:`annotator.store.child_process`) while this one compares the annotators:
    for the command line only, never in a process with threads (the window).

    The child opens its own connection, and sends each document's token marks with it.
    """

    def read_and_tokenize() -> Iterator[list[AnnotatedDocument]]:
        with Store.open(url, upgrade=False) as store:
            together: list[AnnotatedDocument] = []
            for document in finished_annotations(store, label):
                marks = token_marks(document.text)
                together.append(
                    AnnotatedDocument(document.id, document.text, document.spans, marks)
                )
                if len(together) == _SENT_TOGETHER:
                    yield together
                    together = []
            if together:
                yield together

    for documents in iterated_in_child(read_and_tokenize, "reading the corpus for agreement"):
        yield from documents
