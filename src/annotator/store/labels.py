"""Changing the label schema: add, rename, recolour, re-key, describe and delete labels, and
the relation labels with them (:mod:`annotator.store.relation_labels`).

Spans refer to labels by row id, so a renamed label renames every span that uses it without
touching the spans. Deleting a label deletes the spans that use it, and their relations, in the
same transaction; the change returns them, so that undoing it can give them back (see
:func:`apply_schema`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from annotator.core.labels import Label as LabelDef
from annotator.core.labels import LabelSchema, SchemaError, schema_problems
from annotator.core.relations import RelationSchema
from annotator.store.lookup import label_ids, label_schema
from annotator.store.models import Label, Span
from annotator.store.relation_labels import (
    RelationLabelEdit,
    doomed_relation_labels,
    drop_relation_labels,
    give_back_relations,
    relation_edit_problems,
    removed_relations,
    write_relation_labels,
)
from annotator.store.relation_schema import relation_schema
from annotator.store.relations import StoredRelation
from annotator.store.store import Store


@dataclass(frozen=True, slots=True)
class LabelEdit:
    """One label of an edited schema: ``original`` is the stored name it was edited from
    (None for a new label) and ``label`` its new definition."""

    original: str | None
    label: LabelDef


@dataclass(frozen=True, slots=True)
class SchemaEdits:
    """The label dialog's edits: of the labels ``before`` (``labels``) and of the relation
    labels ``relations_before`` (``relations``, their ends naming labels by their new names)."""

    before: LabelSchema
    labels: tuple[LabelEdit, ...]
    relations_before: RelationSchema
    relations: tuple[RelationLabelEdit, ...]


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span deleted with its label: its annotation set, code point offsets (end exclusive),
    the label's name, the row id it had and its comment (given back with it)."""

    set_id: int
    start: int
    end: int
    label: str
    id: int
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class SchemaChange:
    """What :func:`apply_schema` did: the label and relation schemas before and after, the
    labels and relation labels it deleted, the spans and relations that went with them (every
    annotator's), and what it gave back: the new row ids of the spans of ``restore`` (in the
    order given) and the relations stored again."""

    before: LabelSchema
    schema: LabelSchema
    deleted_labels: tuple[str, ...]
    removed: tuple[RemovedSpan, ...]
    restored: tuple[int, ...]
    relations_before: RelationSchema
    relation_schema: RelationSchema
    deleted_relation_labels: tuple[str, ...] = ()
    removed_relations: tuple[StoredRelation, ...] = ()
    restored_relations: tuple[StoredRelation, ...] = ()

    @property
    def deleted_spans(self) -> int:
        return len(self.removed)


def load_schema(store: Store) -> LabelSchema:
    """The stored labels, in their order."""
    with store.reading() as session:
        return label_schema(session)


def label_usage(store: Store) -> dict[str, int]:
    """How many spans (of every annotator) use each label; every label is a key."""
    with store.reading() as session:
        rows = session.execute(
            select(Label.name, func.count(Span.id))
            .outerjoin(Span, Span.label_id == Label.id)
            .group_by(Label.id, Label.name)
        )
        return {name: int(count) for name, count in rows}


def apply_schema(
    store: Store,
    edits: Sequence[LabelEdit],
    restore: Sequence[RemovedSpan] = (),
    expect: LabelSchema | None = None,
    *,
    relations: Sequence[RelationLabelEdit] | None = None,
    restore_relations: Sequence[tuple[int, int, str]] = (),
    expect_relations: RelationSchema | None = None,
) -> SchemaChange:
    """Make the stored schema ``edits`` and (unless None) the relation schema ``relations``,
    in that order, in one transaction.

    Stored labels that no edit names as ``original`` are deleted together with their spans
    (returned as :attr:`SchemaChange.removed`), stored relation labels no relation edit names
    with their relations; the relations of the deleted spans go too (both returned as
    :attr:`SchemaChange.removed_relations`). The spans of ``restore`` (deleted with their
    labels by an earlier change) are then stored again, under the new labels of their names,
    as new rows, and the ``(source span id, target span id, label)`` relations of
    ``restore_relations`` after them, their ends mapped to the spans given back (a span id not
    among ``restore`` is kept). Raises
    :class:`~annotator.core.labels.SchemaError` (and changes nothing) if the new labels or
    relation labels break a schema rule, an edit names a label that is not stored (or names
    one twice), a span or relation to restore no longer fits, or the stored schemas are not
    ``expect`` / ``expect_relations`` (someone else changed them since they were read).
    """
    wanted = [edit.label for edit in edits]
    problems = schema_problems(wanted)
    if not wanted:
        problems.append("a schema needs at least one label")
    if relations is not None:
        problems.extend(relation_edit_problems(relations, {label.name for label in wanted}))
    if problems:
        raise SchemaError("; ".join(problems))
    with store.writing() as session:
        before = label_schema(session)
        relations_before = relation_schema(session)
        if expect is not None and list(before) != list(expect):
            raise SchemaError("the labels were changed elsewhere since this window read them")
        if expect_relations is not None and relations_before != expect_relations:
            raise SchemaError(
                "the relation labels were changed elsewhere since this window read them"
            )
        stored = {row.name: row for row in session.scalars(select(Label))}
        originals = [edit.original for edit in edits if edit.original is not None]
        unknown = sorted(set(originals) - stored.keys())
        if unknown:
            raise SchemaError(f"no such label: {', '.join(unknown)}")
        if len(set(originals)) != len(originals):
            raise SchemaError("two edits start from the same label")
        doomed = [row for name, row in stored.items() if name not in originals]
        doomed_ids = [row.id for row in doomed]
        doomed_relations = (
            doomed_relation_labels(session, relations) if relations is not None else {}
        )
        taken = removed_relations(session, list(doomed_relations.values()), doomed_ids)
        drop_relation_labels(session, list(doomed_relations.values()))
        removed: tuple[RemovedSpan, ...] = ()
        if doomed:
            rows = session.execute(
                select(Span.set_id, Span.start, Span.end, Label.name, Span.id, Span.comment)
                .join(Label, Label.id == Span.label_id)
                .where(Span.label_id.in_(doomed_ids))
                .order_by(Span.id)
            )
            removed = tuple(RemovedSpan(*row) for row in rows)
            # Spans restrict the deletion of their label, so they go first (their relations
            # cascade).
            session.execute(delete(Span).where(Span.label_id.in_(doomed_ids)))
            session.execute(delete(Label).where(Label.id.in_(doomed_ids)))
        _write_labels(session, edits, stored, originals)
        if relations is not None:
            write_relation_labels(session, relations)
        restored = _restore(session, restore) if restore else ()
        new_ids = {span.id: new for span, new in zip(restore, restored, strict=True)}
        given_back = give_back_relations(session, restore_relations, new_ids)
        schema = label_schema(session)
        after_relations = relation_schema(session)
    return SchemaChange(
        before,
        schema,
        tuple(row.name for row in doomed),
        removed,
        restored,
        relations_before,
        after_relations,
        tuple(label.name for label in relations_before if label.name in doomed_relations),
        taken,
        given_back,
    )


def _write_labels(
    session: Session, edits: Sequence[LabelEdit], stored: dict[str, Label], originals: list[str]
) -> None:
    """Rename, update and add the labels of ``edits`` (the deleted ones already gone)."""
    kept = [stored[name] for name in originals]
    # Names are unique: swapping two names needs a step through names nobody uses.
    for row in kept:
        row.name = f"~renaming-{row.id}"
    session.flush()
    for position, edit in enumerate(edits):
        values = edit.label
        if edit.original is None:
            session.add(_row(values, position))
            continue
        row = stored[edit.original]
        row.name = values.name
        row.color = values.color
        row.hotkey = values.hotkey
        row.alt_hotkey = values.alt_hotkey
        row.description = values.description
        row.position = position
    session.flush()


def _restore(session: Session, spans: Sequence[RemovedSpan]) -> tuple[int, ...]:
    """Store ``spans`` again (new rows, in one statement); their new ids, in order."""
    labels = label_ids(session)
    missing = sorted({span.label for span in spans} - labels.keys())
    if missing:
        raise SchemaError(f"cannot give back spans of {', '.join(missing)}: no such label")
    rows = [
        {
            "set_id": s.set_id,
            "start": s.start,
            "end": s.end,
            "label_id": labels[s.label],
            "comment": s.comment,
        }
        for s in spans
    ]
    statement = insert(Span).returning(Span.id, sort_by_parameter_order=True)
    return tuple(session.scalars(statement, rows))


def reverse_edits(before: LabelSchema, edits: Sequence[LabelEdit]) -> list[LabelEdit]:
    """The edits that turn the schema ``edits`` made out of ``before`` back into ``before``:
    each label of ``before`` in its place, starting from the name ``edits`` gave it, or new
    (None) if ``edits`` deleted it. Labels ``edits`` added are left out, so they go."""
    renamed = {edit.original: edit.label.name for edit in edits if edit.original is not None}
    return [LabelEdit(renamed.get(label.name), label) for label in before]


def _row(label: LabelDef, position: int) -> Label:
    return Label(
        name=label.name,
        color=label.color,
        hotkey=label.hotkey,
        alt_hotkey=label.alt_hotkey,
        description=label.description,
        position=position,
    )


def _unchanged(schema: LabelSchema) -> list[LabelEdit]:
    return [LabelEdit(label.name, label) for label in schema]


def add_label(store: Store, label: LabelDef) -> SchemaChange:
    """Append ``label`` to the schema."""
    return apply_schema(store, [*_unchanged(load_schema(store)), LabelEdit(None, label)])


def update_label(store: Store, name: str, label: LabelDef) -> SchemaChange:
    """Replace the label called ``name`` by ``label`` (any field may change, the name too)."""
    schema = load_schema(store)
    if name not in schema:
        raise SchemaError(f"no such label: {name}")
    edits = [
        LabelEdit(edit.original, label) if edit.original == name else edit
        for edit in _unchanged(schema)
    ]
    return apply_schema(store, edits)


def delete_label(store: Store, name: str) -> SchemaChange:
    """Delete the label called ``name`` and every span that uses it."""
    schema = load_schema(store)
    if name not in schema:
        raise SchemaError(f"no such label: {name}")
    return apply_schema(store, [edit for edit in _unchanged(schema) if edit.original != name])
