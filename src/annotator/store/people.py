"""People: annotators, reviewers, and the reserved owner of the gold standard."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from annotator.core.status import GOLD, IMPORTED, NOT_ANNOTATORS, Role
from annotator.store.lookup import is_annotator
from annotator.store.models import AnnotationSet, Assignment, Person
from annotator.store.store import Store


class PersonError(ValueError):
    """A person that cannot be added or changed (reserved name, bad role)."""


@dataclass(frozen=True, slots=True)
class PersonSummary:
    name: str
    role: str
    assigned: int
    sets_done: int
    sets_in_progress: int


def add_person(store: Store, name: str, role: Role) -> bool:
    """Add ``name`` with ``role``, or change the role of an existing person.

    Returns True if the person is new. ``gold`` is reserved for the adjudicated standard.
    """
    name = name.strip()
    if not name:
        raise PersonError("a person needs a name")
    if name == GOLD:
        raise PersonError(f"{GOLD!r} is reserved for the adjudicated gold standard")
    if name == IMPORTED:
        raise PersonError(f"{IMPORTED!r} is reserved for the spans of imports that name no one")
    if name == "all":
        raise PersonError("'all' is reserved: `export --set all` means every annotation set")
    if role.value in NOT_ANNOTATORS:
        raise PersonError("a person is an annotator or a reviewer")
    with store.writing() as session:
        person = session.scalar(select(Person).where(Person.name == name))
        if person is None:
            session.add(Person(name=name, role=role.value))
            return True
        if person.role == Role.MODEL.value:
            # Its sets are suggestions: as an annotator's they would count in agreement.
            raise PersonError(f"{name!r} holds suggestions (role model); choose another name")
        person.role = role.value
        return False


def role_of(store: Store, name: str) -> Role | None:
    """The role of ``name``; None for someone not in the database (or the gold owner)."""
    with store.reading() as session:
        role = session.scalar(select(Person.role).where(Person.name == name))
    return Role(role) if role in (Role.ANNOTATOR, Role.REVIEWER) else None


def known_names(store: Store) -> list[str]:
    """Everyone's name but the gold owner's and the model people's, sorted."""
    with store.reading() as session:
        return sorted(session.scalars(select(Person.name).where(is_annotator())))


def model_people(store: Store) -> list[str]:
    """The names of the people of the model role (whose sets are suggestions), sorted."""
    with store.reading() as session:
        return sorted(session.scalars(select(Person.name).where(Person.role == Role.MODEL.value)))


def list_people(store: Store) -> list[PersonSummary]:
    """Everyone but the gold owner and the model people, by name, with their assignments and
    progress."""
    with store.reading() as session:
        assigned = (
            select(func.count(Assignment.id))
            .where(Assignment.person_id == Person.id)
            .scalar_subquery()
        )
        done = (
            select(func.count(AnnotationSet.id))
            .where(AnnotationSet.person_id == Person.id, AnnotationSet.status == "done")
            .scalar_subquery()
        )
        started = (
            select(func.count(AnnotationSet.id))
            .where(AnnotationSet.person_id == Person.id, AnnotationSet.status == "in_progress")
            .scalar_subquery()
        )
        rows = session.execute(
            select(Person.name, Person.role, assigned, done, started)
            .where(is_annotator())
            .order_by(Person.name)
        )
        return [PersonSummary(*row) for row in rows]
