"""Labelling a span's text in all of a person's unfinished documents at once (Ctrl+Shift+L):
finding the occurrences (reading only), then adding them in one transaction, and taking back
exactly what was added.

Offsets are code points into the stored texts, end exclusive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update

from annotator.core.occurrences import EXACT, Matching, missing_occurrences
from annotator.core.status import SetStatus
from annotator.store.annotations import SpanRejected
from annotator.store.documents import StatusFilter, document_texts
from annotator.store.lookup import label_ids, person_id
from annotator.store.models import AnnotationSet, Base, Label, Person, Span, utcnow
from annotator.store.store import Store

_SETS = Base.metadata.tables[AnnotationSet.__tablename__]
_SPANS = Base.metadata.tables[Span.__tablename__]

Triple = tuple[int, int, str]


@dataclass(frozen=True)
class CorpusOccurrences:
    """The spans to add, by document id, so that every occurrence of ``needle`` in the
    person's unfinished documents carries ``label``."""

    needle: str
    label: str
    matching: Matching
    spans: dict[int, list[Triple]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(found) for found in self.spans.values())


@dataclass(frozen=True)
class CorpusAdded:
    """What one corpus-wide labelling added: its span rows, and the annotation sets it had to
    create (in documents the person had not begun), so that undo takes back exactly these."""

    span_ids: list[int]
    created_sets: list[int]
    documents: list[int]  # where spans were added


def find_in_unfinished(
    store: Store,
    person: str,
    needle: str,
    label: str,
    matching: Matching = EXACT,
    cancelled: Callable[[], bool] = lambda: False,
) -> CorpusOccurrences:
    """Every whole-token occurrence of ``needle`` (matched as ``matching`` says) in the
    documents ``person`` may open and has not marked done, less those they already labelled
    ``label``. Exact matching preselects the candidate texts in SQL (LIKE); folded matching
    reads every unfinished text and folds it in Python. ``cancelled`` is asked between
    documents."""
    found = CorpusOccurrences(needle, label, matching)
    if not needle:
        return found
    taken = _labelled(store, person, label)
    wanted = matching.quick_fold(needle)
    for document in document_texts(
        store, person, StatusFilter.UNFINISHED, needle if matching.exact else ""
    ):
        if cancelled():
            break
        # A quick test at C speed before the tokens are made: most texts do not hold it.
        if wanted not in matching.quick_fold(document.text):
            continue
        spans = missing_occurrences(
            document.text, needle, label, taken.get(document.id, set()), matching
        )
        if spans:
            found.spans[document.id] = spans
    return found


def _labelled(store: Store, person: str, label: str) -> dict[int, set[tuple[int, int]]]:
    """(start, end) of ``person``'s spans labelled ``label``, by document id."""
    taken: dict[int, set[tuple[int, int]]] = {}
    with store.reading() as session:
        rows = session.execute(
            select(AnnotationSet.document_id, Span.start, Span.end)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .join(Label, Label.id == Span.label_id)
            .where(Person.name == person, Label.name == label)
        )
        for document_id, start, end in rows:
            taken.setdefault(document_id, set()).add((start, end))
    return taken


def add_across(store: Store, person: str, spans: dict[int, list[Triple]]) -> CorpusAdded:
    """Add ``spans`` (by document id) for ``person`` in one transaction. Spans stored
    meanwhile are skipped, and so are documents the person has marked done meanwhile."""
    with store.writing() as session:
        connection = session.connection()
        labels = label_ids(session)
        for triples in spans.values():
            for _, _, label in triples:
                if label not in labels:
                    raise SpanRejected(f"label {label!r} is not in the schema")
        who = person_id(session, person)
        sets = {
            document: (ident, status)
            for ident, document, status in connection.execute(
                select(_SETS.c.id, _SETS.c.document_id, _SETS.c.status).where(
                    _SETS.c.person_id == who
                )
            )
        }
        now = utcnow()
        new_documents = [document for document in spans if document not in sets]
        created: list[int] = []
        if new_documents:
            created = list(
                connection.execute(
                    insert(_SETS).returning(_SETS.c.id, sort_by_parameter_order=True),
                    [
                        {
                            "document_id": document,
                            "person_id": who,
                            "status": SetStatus.IN_PROGRESS.value,
                            "created_at": now,
                            "updated_at": now,
                        }
                        for document in new_documents
                    ],
                ).scalars()
            )
            for document, ident in zip(new_documents, created, strict=True):
                sets[document] = (ident, SetStatus.IN_PROGRESS.value)
        open_sets = {
            document: sets[document][0]
            for document in spans
            if sets[document][1] != SetStatus.DONE.value
        }
        there: set[tuple[int, int, int, int]] = set(
            connection.execute(
                select(
                    _SPANS.c.set_id, _SPANS.c.start_offset, _SPANS.c.end_offset, _SPANS.c.label_id
                )
                .join(_SETS, _SETS.c.id == _SPANS.c.set_id)
                .where(_SETS.c.person_id == who)
            )
        )
        rows = []
        for document, set_id in open_sets.items():
            for start, end, label in spans[document]:
                key = (set_id, start, end, labels[label])
                if key not in there:
                    there.add(key)
                    rows.append(
                        {
                            "set_id": set_id,
                            "start_offset": start,
                            "end_offset": end,
                            "label_id": key[3],
                        }
                    )
        ids: list[int] = []
        if rows:
            ids = list(
                connection.execute(
                    insert(_SPANS).returning(_SPANS.c.id, sort_by_parameter_order=True), rows
                ).scalars()
            )
            touched = sorted({row["set_id"] for row in rows} - set(created))
            if touched:
                connection.execute(
                    update(_SETS).where(_SETS.c.id.in_(touched)).values(updated_at=now)
                )
        return CorpusAdded(ids, created, sorted(open_sets))


def remove_added(store: Store, added: CorpusAdded) -> None:
    """Take back what :func:`add_across` added: its spans, and the annotation sets it created
    if nothing else was put in them meanwhile and they are still in progress. One
    transaction."""
    with store.writing() as session:
        connection = session.connection()
        for chunk in _chunks(added.span_ids):
            connection.execute(delete(_SPANS).where(_SPANS.c.id.in_(chunk)))
        for chunk in _chunks(added.created_sets):
            still_used = select(_SPANS.c.id).where(_SPANS.c.set_id == _SETS.c.id).exists()
            connection.execute(
                delete(_SETS).where(
                    _SETS.c.id.in_(chunk),
                    _SETS.c.status == SetStatus.IN_PROGRESS.value,
                    ~still_used,
                )
            )


def _chunks(ids: list[int], size: int = 5000) -> list[list[int]]:
    """``ids`` in pieces small enough for one statement's parameters (SQLite allows 32,766)."""
    return [ids[at : at + size] for at in range(0, len(ids), size)]
