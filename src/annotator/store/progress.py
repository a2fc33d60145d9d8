"""How far the team has got: per person, documents done / in progress / untouched among those
they may open, and spans per label; documents awaiting review; gold sets done.

Everything is counted in SQL (GROUP BY and index probes), never by loading sets or spans: on a
team's corpus (10,000 documents by three annotators, ~560,000 spans) the whole dashboard is a
few hundred milliseconds.

Who may open what is :mod:`annotator.store.documents`' rule: a reviewer every document; an
annotator the documents assigned to them and those assigned to nobody (every document while
nothing is assigned). A set on a document the person may not open (assigned to others after
they began it) is not counted, so done + in progress + untouched is what they may open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from annotator.core.status import Role, SetStatus
from annotator.store.lookup import is_annotator
from annotator.store.models import AnnotationSet, Assignment, Document, Label, Person, Span
from annotator.store.store import Store


@dataclass(frozen=True, slots=True)
class PersonProgress:
    name: str
    role: str
    may_open: int
    """Documents this person may open (see the module's docstring)."""
    done: int
    in_progress: int
    spans: dict[str, int] = field(default_factory=dict)
    """Spans per label (every label of the schema, in its order), over all their sets."""

    @property
    def untouched(self) -> int:
        return self.may_open - self.done - self.in_progress


@dataclass(frozen=True, slots=True)
class TeamProgress:
    documents: int
    labels: list[str]
    people: list[PersonProgress]
    awaiting_review: int
    """Documents finished by two annotators or more whose gold set is not done."""
    gold_done: int

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "awaiting_review": self.awaiting_review,
            "gold_done": self.gold_done,
            "labels": self.labels,
            "people": [
                {
                    "name": person.name,
                    "role": person.role,
                    "may_open": person.may_open,
                    "done": person.done,
                    "in_progress": person.in_progress,
                    "untouched": person.untouched,
                    "spans": person.spans,
                }
                for person in self.people
            ],
        }


def team_progress(store: Store) -> TeamProgress:
    """The whole team's figures, read in one snapshot."""
    with store.snapshot() as session:
        labels = dict(session.execute(select(Label.id, Label.name).order_by(Label.position)).all())
        spans: dict[int, dict[str, int]] = {}
        per_label = (
            select(AnnotationSet.person_id, Span.label_id, func.count())
            .join(AnnotationSet, AnnotationSet.id == Span.set_id)
            .group_by(AnnotationSet.person_id, Span.label_id)
        )
        for person_id, label_id, count in session.execute(per_label):
            spans.setdefault(person_id, {})[labels[label_id]] = count
        people = [
            PersonProgress(
                figures.name,
                figures.role,
                figures.may_open,
                figures.done,
                figures.in_progress,
                {name: spans.get(person_id, {}).get(name, 0) for name in labels.values()},
            )
            for person_id, figures in _documents_per_person(session, None).items()
        ]
        return TeamProgress(
            documents=session.scalar(select(func.count(Document.id))) or 0,
            labels=list(labels.values()),
            people=people,
            awaiting_review=_awaiting_review(session),
            gold_done=session.scalar(
                select(func.count())
                .select_from(AnnotationSet)
                .join(Person, Person.id == AnnotationSet.person_id)
                .where(Person.role == Role.GOLD.value, AnnotationSet.status == SetStatus.DONE)
            )
            or 0,
        )


def person_progress(store: Store, person: str) -> PersonProgress:
    """One person's documents done / in progress / untouched (no span counts); a name not in
    the database has done nothing and may open what an annotator with no assignment may."""
    with store.reading() as session:
        found = _documents_per_person(session, person)
        if found:
            return next(iter(found.values()))
        total = _unassigned(session) if _any_assignment(session) else _documents(session)
        return PersonProgress(person, Role.ANNOTATOR.value, total, 0, 0)


def _documents(session: Session) -> int:
    return session.scalar(select(func.count(Document.id))) or 0


def _any_assignment(session: Session) -> bool:
    return session.scalar(select(Assignment.id).limit(1)) is not None


def _unassigned(session: Session) -> int:
    nobody = ~exists().where(Assignment.document_id == Document.id)
    return session.scalar(select(func.count(Document.id)).where(nobody)) or 0


def _documents_per_person(session: Session, only: str | None) -> dict[int, PersonProgress]:
    """Everyone but the gold owner (or only the person named ``only``, whoever it is), by name:
    what they may open and their sets done and in progress among those (no span counts)."""
    people = select(Person.id, Person.name, Person.role)
    people = people.where(is_annotator() if only is None else Person.name == only)
    found = session.execute(people.order_by(Person.name)).all()
    if not found:
        return {}
    documents = _documents(session)
    assigned_any = _any_assignment(session)
    unassigned = _unassigned(session) if assigned_any else documents
    assigned: dict[int, int] = {}
    if assigned_any:
        per_person = select(Assignment.person_id, func.count()).group_by(Assignment.person_id)
        if only is not None:
            per_person = per_person.where(Assignment.person_id == found[0].id)
        assigned = dict(session.execute(per_person).all())
    sets = (
        select(AnnotationSet.person_id, AnnotationSet.status, func.count())
        .join(Person, Person.id == AnnotationSet.person_id)
        .group_by(AnnotationSet.person_id, AnnotationSet.status)
    )
    sets = sets.where(is_annotator() if only is None else AnnotationSet.person_id == found[0].id)
    if assigned_any:
        sets = sets.where(_may_open())
    counts: dict[tuple[int, str], int] = {
        (person_id, status): count for person_id, status, count in session.execute(sets)
    }
    return {
        person_id: PersonProgress(
            name,
            role,
            documents if role == Role.REVIEWER.value else unassigned + assigned.get(person_id, 0),
            counts.get((person_id, SetStatus.DONE.value), 0),
            counts.get((person_id, SetStatus.IN_PROGRESS.value), 0),
        )
        for person_id, name, role in found
    }


def _may_open() -> ColumnElement[bool]:
    """The set's person may open its document (used only once anything is assigned)."""
    return or_(
        Person.role == Role.REVIEWER.value,
        exists().where(
            Assignment.document_id == AnnotationSet.document_id,
            Assignment.person_id == AnnotationSet.person_id,
        ),
        ~exists().where(Assignment.document_id == AnnotationSet.document_id),
    )


def _awaiting_review(session: Session) -> int:
    finished = (
        select(AnnotationSet.document_id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(is_annotator(), AnnotationSet.status == SetStatus.DONE.value)
        .group_by(AnnotationSet.document_id)
        .having(func.count() >= 2)
        .subquery()
    )
    gold = (
        select(AnnotationSet.document_id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(Person.role == Role.GOLD.value, AnnotationSet.status == SetStatus.DONE.value)
    )
    return (
        session.scalar(
            select(func.count()).select_from(finished).where(finished.c.document_id.not_in(gold))
        )
        or 0
    )
