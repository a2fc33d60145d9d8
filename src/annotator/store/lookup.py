"""Small lookups shared by the store functions: labels, people by name, finished sets."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from annotator.core.labels import Label as LabelDef
from annotator.core.labels import LabelSchema
from annotator.core.status import GOLD, NOT_ANNOTATORS, Role, SetStatus
from annotator.store.models import AnnotationSet, Label, Person


def label_schema(session: Session) -> LabelSchema:
    rows = session.scalars(select(Label).order_by(Label.position, Label.id))
    return LabelSchema(
        LabelDef(r.name, r.color, r.hotkey, r.alt_hotkey, r.description) for r in rows
    )


_LABEL_IDS = select(Label.name, Label.id)  # built once: a label key runs it


def label_ids(session: Session) -> dict[str, int]:
    return dict(session.connection().execute(_LABEL_IDS).all())


def person_id(session: Session, name: str, role: Role = Role.ANNOTATOR) -> int:
    """The id of the person called ``name``, created with ``role`` if they do not exist yet
    (``gold``, the owner of the adjudicated sets, always with role ``gold``)."""
    found = session.scalar(select(Person.id).where(Person.name == name))
    if found is not None:
        return found
    person = Person(name=name, role=Role.GOLD.value if name == GOLD else role.value)
    session.add(person)
    session.flush()
    return person.id


def is_annotator() -> ColumnElement[bool]:
    """``Person`` is someone who annotates (an annotator or a reviewer): not the gold owner,
    not a model person."""
    return Person.role.not_in(NOT_ANNOTATORS)


def finished_sets() -> Select[int, int, str]:
    """(set id, document id, person name) of every annotation set marked done, the gold
    standard's and the models' left out: the annotations agreement and adjudication are
    computed over."""
    return (
        select(AnnotationSet.id, AnnotationSet.document_id, Person.name)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(AnnotationSet.status == SetStatus.DONE.value, is_annotator())
    )
