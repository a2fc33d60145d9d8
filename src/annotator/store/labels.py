"""Changing the label schema: add, rename, recolour, re-key, describe and delete labels.

Spans refer to labels by row id, so a renamed label renames every span that uses it without
touching the spans. Deleting a label deletes the spans that use it, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from annotator.core.labels import Label as LabelDef
from annotator.core.labels import LabelSchema, SchemaError, schema_problems
from annotator.store.lookup import label_schema
from annotator.store.models import Label, Span
from annotator.store.store import Store


@dataclass(frozen=True, slots=True)
class LabelEdit:
    """One label of an edited schema: ``original`` is the stored name it was edited from
    (None for a new label) and ``label`` its new definition."""

    original: str | None
    label: LabelDef


@dataclass(frozen=True, slots=True)
class SchemaChange:
    """What :func:`apply_schema` did."""

    schema: LabelSchema
    deleted_labels: tuple[str, ...]
    deleted_spans: int


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


def apply_schema(store: Store, edits: Sequence[LabelEdit]) -> SchemaChange:
    """Make the stored schema ``edits``, in that order, in one transaction.

    Stored labels that no edit names as ``original`` are deleted together with their spans.
    Raises :class:`~annotator.core.labels.SchemaError` (and changes nothing) if the new labels
    break a schema rule or an edit names a label that is not stored (or names one twice).
    """
    wanted = [edit.label for edit in edits]
    problems = schema_problems(wanted)
    if not wanted:
        problems.append("a schema needs at least one label")
    if problems:
        raise SchemaError("; ".join(problems))
    with store.writing() as session:
        stored = {row.name: row for row in session.scalars(select(Label))}
        originals = [edit.original for edit in edits if edit.original is not None]
        unknown = sorted(set(originals) - stored.keys())
        if unknown:
            raise SchemaError(f"no such label: {', '.join(unknown)}")
        if len(set(originals)) != len(originals):
            raise SchemaError("two edits start from the same label")
        doomed = [row for name, row in stored.items() if name not in originals]
        deleted_spans = 0
        if doomed:
            doomed_ids = [row.id for row in doomed]
            deleted_spans = (
                session.scalar(select(func.count(Span.id)).where(Span.label_id.in_(doomed_ids)))
                or 0
            )
            # Spans restrict the deletion of their label, so they go first.
            session.execute(delete(Span).where(Span.label_id.in_(doomed_ids)))
            session.execute(delete(Label).where(Label.id.in_(doomed_ids)))
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
        schema = label_schema(session)
    return SchemaChange(schema, tuple(row.name for row in doomed), int(deleted_spans))


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
