"""Changing the relation schema: add, rename, recolour, re-key, describe and delete relation
labels, and choose the span labels allowed at their ends.

These are the steps :func:`annotator.store.labels.apply_schema` takes in its one transaction,
after the span labels' edits (so the ends name span labels by their new names). Relations refer
to their label by row id, so a renamed relation label keeps its relations; deleting one deletes
its relations first (they restrict it) and returns them, so that undoing can give them back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, aliased

from annotator.core.labels import SchemaError
from annotator.core.relations import RelationLabel as RelationDef
from annotator.core.relations import RelationSchema, relation_schema_problems
from annotator.store.models import Label, Relation, RelationLabel, RelationLabelEnd, Span
from annotator.store.relations import RelationRejected, StoredRelation, insert_relations
from annotator.store.store import Store

_SOURCE = aliased(Span)
_TARGET = aliased(Span)


@dataclass(frozen=True, slots=True)
class RelationLabelEdit:
    """One relation label of an edited relation schema: ``original`` is the stored name it
    was edited from (None for a new one) and ``label`` its new definition, its ends naming
    span labels by their names after the same change."""

    original: str | None
    label: RelationDef


def unchanged_relations(schema: RelationSchema) -> list[RelationLabelEdit]:
    return [RelationLabelEdit(label.name, label) for label in schema]


def relation_usage(store: Store) -> dict[str, int]:
    """How many relations (of every annotator) use each relation label; every one is a key."""
    with store.reading() as session:
        rows = session.execute(
            select(RelationLabel.name, func.count(Relation.id))
            .outerjoin(Relation, Relation.label_id == RelationLabel.id)
            .group_by(RelationLabel.id, RelationLabel.name)
        )
        return {name: int(count) for name, count in rows}


def reverse_relation_edits(
    before: RelationSchema, edits: Sequence[RelationLabelEdit]
) -> list[RelationLabelEdit]:
    """The edits that turn the relation schema ``edits`` made out of ``before`` back into
    ``before`` (see :func:`annotator.store.labels.reverse_edits`)."""
    renamed = {edit.original: edit.label.name for edit in edits if edit.original is not None}
    return [RelationLabelEdit(renamed.get(label.name), label) for label in before]


def relation_edit_problems(edits: Sequence[RelationLabelEdit], span_labels: set[str]) -> list[str]:
    """Every rule the edited relation labels break, as sentences: the relation schema's rules,
    and ends that name no span label of the new schema."""
    labels = [edit.label for edit in edits]
    problems = relation_schema_problems(labels)
    for label in labels:
        for end, names in (("source", label.sources), ("target", label.targets)):
            problems.extend(
                f"relation {label.name!r} allows {end} label {name!r}, which is not a label"
                for name in names
                if name not in span_labels
            )
    return problems


def doomed_relation_labels(session: Session, edits: Sequence[RelationLabelEdit]) -> dict[str, int]:
    """The stored relation labels no edit starts from (to delete): name -> row id. Raises
    :class:`SchemaError` if an edit starts from one that is not stored, or two from one."""
    stored = dict(session.execute(select(RelationLabel.name, RelationLabel.id)).all())
    originals = [edit.original for edit in edits if edit.original is not None]
    unknown = sorted(set(originals) - stored.keys())
    if unknown:
        raise SchemaError(f"no such relation label: {', '.join(unknown)}")
    if len(set(originals)) != len(originals):
        raise SchemaError("two edits start from the same relation label")
    return {name: ident for name, ident in stored.items() if name not in originals}


def removed_relations(
    session: Session, relation_label_ids: Sequence[int], span_label_ids: Sequence[int]
) -> tuple[StoredRelation, ...]:
    """The relations (every annotator's) that deleting those relation labels and the spans
    of those span labels takes, sorted: what the change returns for undo to give back."""
    if not relation_label_ids and not span_label_ids:
        return ()
    rows = session.execute(
        select(Relation.source_id, Relation.target_id, RelationLabel.name, Relation.id)
        .join(RelationLabel, RelationLabel.id == Relation.label_id)
        .join(_SOURCE, _SOURCE.id == Relation.source_id)
        .join(_TARGET, _TARGET.id == Relation.target_id)
        .where(
            or_(
                Relation.label_id.in_(relation_label_ids),
                _SOURCE.label_id.in_(span_label_ids),
                _TARGET.label_id.in_(span_label_ids),
            )
        )
    )
    return tuple(sorted(StoredRelation(*row) for row in rows))


def drop_relation_labels(session: Session, ids: Sequence[int]) -> None:
    """Delete relation labels by id with their relations (which restrict the deletion, so
    they go first) and their ends (which cascade)."""
    if ids:
        session.execute(delete(Relation).where(Relation.label_id.in_(ids)))
        session.execute(delete(RelationLabelEnd).where(RelationLabelEnd.relation_label_id.in_(ids)))
        session.execute(delete(RelationLabel).where(RelationLabel.id.in_(ids)))


def write_relation_labels(session: Session, edits: Sequence[RelationLabelEdit]) -> None:
    """Make the stored relation labels ``edits``, in that order (the deleted ones already
    gone): renamed rows keep their id, and with it their relations."""
    stored = {row.name: row for row in session.scalars(select(RelationLabel))}
    # Names are unique: swapping two names needs a step through names nobody uses.
    for row in stored.values():
        row.name = f"~renaming-{row.id}"
    session.flush()
    span_ids = dict(session.execute(select(Label.name, Label.id)).all())
    rows = []
    for position, edit in enumerate(edits):
        values = edit.label
        row = stored[edit.original] if edit.original is not None else RelationLabel()
        row.name = values.name
        row.color = values.color
        row.hotkey = values.hotkey
        row.description = values.description
        row.position = position
        session.add(row)
        rows.append(row)
    session.flush()
    ids = [row.id for row in rows]
    session.execute(delete(RelationLabelEnd).where(RelationLabelEnd.relation_label_id.in_(ids)))
    session.add_all(
        RelationLabelEnd(relation_label_id=row.id, side=side, label_id=span_ids[name])
        for row, edit in zip(rows, edits, strict=True)
        for side, names in (("source", edit.label.sources), ("target", edit.label.targets))
        for name in names
    )
    session.flush()


def give_back_relations(
    session: Session, relations: Sequence[tuple[int, int, str]], new_span_ids: Mapping[int, int]
) -> tuple[StoredRelation, ...]:
    """Store ``(source span id, target span id, label)`` relations a change deleted again,
    their spans' old row ids replaced by ``new_span_ids`` (an id not in it is unchanged).
    Raises :class:`SchemaError` if one no longer fits (its label or a span gone, its ends not
    allowed)."""
    ends = [
        (new_span_ids.get(source, source), new_span_ids.get(target, target), label)
        for source, target, label in relations
    ]
    try:
        return tuple(insert_relations(session, ends))
    except RelationRejected as error:
        raise SchemaError(f"cannot give back the relations: {error}") from None
