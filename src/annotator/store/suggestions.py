"""Suggestions: the spans a dictionary or a trained model proposes, kept as the annotation set
of a *model person* (role ``model``, ``model`` by default), never counted as an annotator's.

An annotator accepts a suggestion by copying it into their own set, or rejects it, which
deletes it from the model's set. Offsets are Python ``str`` indices (code points), end
exclusive, into the stored text; ``score`` is the model's confidence (0..1), None when the
source gives none (a dictionary).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from annotator.core.status import Role, SetStatus
from annotator.store.annotations import StoredSpan, set_id_for
from annotator.store.lookup import label_ids
from annotator.store.models import AnnotationSet, Base, Label, Person, Span, utcnow
from annotator.store.store import Store

_SETS = Base.metadata.tables[AnnotationSet.__tablename__]
_SPANS = Base.metadata.tables[Span.__tablename__]
# Ids per IN (...) list: well under SQLite's limit on bound parameters.
_CHUNK = 900


class SuggestionError(ValueError):
    """Suggestions that cannot be written (a person who is not a model, an unknown label)."""


@dataclass(frozen=True, slots=True, order=True)
class Suggestion:
    """A suggested span: code point offsets (end exclusive), label, row id and score."""

    start: int
    end: int
    label: str
    id: int
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class RejectedSuggestion:
    """What undoing a rejection needs: where the suggestion was, and the suggestion."""

    document_id: int
    model_person: str
    suggestion: Suggestion


# (start, end, label, score) of one suggestion to write.
NewSuggestion = tuple[int, int, str, float | None]


def model_person_id(session: Session, name: str) -> int:
    """The id of the model person ``name``, created with role ``model`` if new. Refuses a name
    that belongs to an annotator, a reviewer or the gold standard: their sets are annotations."""
    found = session.execute(select(Person.id, Person.role).where(Person.name == name)).first()
    if found is None:
        person = Person(name=name, role=Role.MODEL.value)
        session.add(person)
        session.flush()
        return person.id
    if found.role != Role.MODEL.value:
        raise SuggestionError(
            f"{name!r} is not a model person (role {found.role}): suggestions need a name of "
            "their own (--as NAME)"
        )
    return int(found.id)


def suggestions_of(store: Store, document_id: int, model_person: str) -> list[Suggestion]:
    """The model person's suggestions on the document, sorted by (start, end, label)."""
    with store.reading() as session:
        rows = session.execute(
            select(Span.start, Span.end, Label.name, Span.id, Span.score)
            .join(Label, Label.id == Span.label_id)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(
                AnnotationSet.document_id == document_id,
                Person.name == model_person,
                Person.role == Role.MODEL.value,
            )
        )
        return sorted(Suggestion(*row) for row in rows)


def accept_suggestions(
    store: Store, document_id: int, person: str, suggestion_ids: Iterable[int]
) -> list[StoredSpan]:
    """Copy the suggestions into ``person``'s set on the document, in one transaction; the
    ones the person already has (same offsets and label) are skipped. Returns the spans added,
    which is what undoing the acceptance deletes (``annotations.delete_spans``). The
    suggestions stay in the model's set: other annotators see them too."""
    ids = list(suggestion_ids)
    with store.writing() as session:
        chosen = session.execute(
            select(Span.start, Span.end, Span.label_id, Label.name)
            .join(Label, Label.id == Span.label_id)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(
                Span.id.in_(ids),
                AnnotationSet.document_id == document_id,
                Person.role == Role.MODEL.value,
            )
            .order_by(Span.start, Span.end, Label.name)
        ).all()
        if not chosen:
            return []
        set_id = set_id_for(session, document_id, person)
        held = {
            (start, end, label_id)
            for start, end, label_id in session.execute(
                select(Span.start, Span.end, Span.label_id).where(Span.set_id == set_id)
            )
        }
        added: list[StoredSpan] = []
        for start, end, label_id, label in chosen:
            if (start, end, label_id) in held:
                continue
            held.add((start, end, label_id))
            new_id = session.execute(
                insert(_SPANS)
                .values(set_id=set_id, start_offset=start, end_offset=end, label_id=label_id)
                .returning(_SPANS.c.id)
            ).scalar_one()
            added.append(StoredSpan(start, end, label, int(new_id)))
        return added


def reject_suggestions(store: Store, suggestion_ids: Iterable[int]) -> list[RejectedSuggestion]:
    """Delete suggestions (only from model people's sets), in one transaction; returns what
    :func:`restore_suggestions` needs to undo it."""
    ids = list(suggestion_ids)
    with store.writing() as session:
        rows = session.execute(
            select(
                AnnotationSet.document_id,
                Person.name,
                Span.start,
                Span.end,
                Label.name,
                Span.id,
                Span.score,
            )
            .join(Label, Label.id == Span.label_id)
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(Span.id.in_(ids), Person.role == Role.MODEL.value)
            .order_by(Span.start, Span.end, Label.name)
        ).all()
        session.execute(delete(Span).where(Span.id.in_([row[5] for row in rows])))
        return [
            RejectedSuggestion(document_id, name, Suggestion(start, end, label, ident, score))
            for document_id, name, start, end, label, ident, score in rows
        ]


def restore_suggestions(store: Store, rejected: Sequence[RejectedSuggestion]) -> list[Suggestion]:
    """Put rejected suggestions back (undo of :func:`reject_suggestions`); they get new ids,
    returned in the same order."""
    restored: list[Suggestion] = []
    with store.writing() as session:
        labels = label_ids(session)
        for item in rejected:
            model_person_id(session, item.model_person)
            set_id = set_id_for(session, item.document_id, item.model_person)
            old = item.suggestion
            new_id = session.execute(
                insert(_SPANS)
                .values(
                    set_id=set_id,
                    start_offset=old.start,
                    end_offset=old.end,
                    label_id=labels[old.label],
                    score=old.score,
                )
                .returning(_SPANS.c.id)
            ).scalar_one()
            restored.append(Suggestion(old.start, old.end, old.label, int(new_id), old.score))
    return restored


def write_suggestions(
    store: Store,
    suggestions: Mapping[int, Sequence[NewSuggestion]],
    model_person: str,
    replace: bool = True,
) -> int:
    """Write ``suggestions`` (document id -> its suggestions) as ``model_person``'s sets, in
    one transaction, in bulk. With ``replace``, the person's earlier suggestions on those
    documents go first (a document mapped to no suggestion is left with none). Suggestions
    the set already holds are skipped. Returns how many were written.

    Raises :class:`SuggestionError`, having written nothing, for an unknown label or a
    person who is not a model."""
    with store.writing() as session:
        connection = session.connection()
        labels = label_ids(session)
        unknown = sorted(
            {label for found in suggestions.values() for _s, _e, label, _sc in found} - set(labels)
        )
        if unknown:
            raise SuggestionError(f"labels not in the schema: {', '.join(unknown)}")
        who = model_person_id(session, model_person)
        documents = sorted(suggestions)
        sets = _sets_of(session, who, documents)
        missing = [document for document in documents if document not in sets]
        now = utcnow()
        if missing:
            connection.execute(
                insert(_SETS),
                [
                    {
                        "document_id": document,
                        "person_id": who,
                        "status": SetStatus.IN_PROGRESS.value,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for document in missing
                ],
            )
            sets.update(_sets_of(session, who, missing))
        if replace:
            for chunk in _chunks([sets[document] for document in documents]):
                connection.execute(delete(_SPANS).where(_SPANS.c.set_id.in_(chunk)))
            held: set[tuple[int, int, int, int]] = set()
        else:
            held = _held(session, [sets[document] for document in documents])
        rows = []
        for document in documents:
            set_id = sets[document]
            for start, end, label, score in suggestions[document]:
                key = (set_id, start, end, labels[label])
                if key in held:
                    continue
                held.add(key)
                rows.append(
                    {
                        "set_id": set_id,
                        "start_offset": start,
                        "end_offset": end,
                        "label_id": labels[label],
                        "score": score,
                    }
                )
        if rows:
            connection.execute(insert(_SPANS), rows)
        return len(rows)


def documents_by_uncertainty(store: Store, model_person: str) -> list[tuple[int, float]]:
    """(document id, confidence) of the documents holding scored suggestions of
    ``model_person``, the least confident first: a document's confidence is its least sure
    suggestion's score (ties: the lower mean score first, then the document id). Documents
    without scored suggestions are not listed."""
    with store.reading() as session:
        lowest = func.min(Span.score)
        rows = session.execute(
            select(AnnotationSet.document_id, lowest)
            .join(Span, Span.set_id == AnnotationSet.id)
            .join(Person, Person.id == AnnotationSet.person_id)
            .where(
                Person.name == model_person,
                Person.role == Role.MODEL.value,
                Span.score.is_not(None),
            )
            .group_by(AnnotationSet.document_id)
            .order_by(lowest, func.avg(Span.score), AnnotationSet.document_id)
        ).all()
    return [(int(document), float(score or 0.0)) for document, score in rows]


def _sets_of(session: Session, person_id: int, documents: Sequence[int]) -> dict[int, int]:
    """Document id -> the person's set on it, for those of ``documents`` that have one."""
    found: dict[int, int] = {}
    for chunk in _chunks(documents):
        found.update(
            session.execute(
                select(AnnotationSet.document_id, AnnotationSet.id).where(
                    AnnotationSet.person_id == person_id, AnnotationSet.document_id.in_(chunk)
                )
            ).all()
        )
    return found


def _held(session: Session, set_ids: Sequence[int]) -> set[tuple[int, int, int, int]]:
    held: set[tuple[int, int, int, int]] = set()
    for chunk in _chunks(set_ids):
        held.update(
            session.execute(
                select(Span.set_id, Span.start, Span.end, Span.label_id).where(
                    Span.set_id.in_(chunk)
                )
            ).all()
        )
    return held


def _chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    for at in range(0, len(items), _CHUNK):
        yield items[at : at + _CHUNK]
