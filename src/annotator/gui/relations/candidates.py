"""Which spans a relation from a source span may reach, nearest first (no Qt here).

Offsets are code points into the stored text, end exclusive, as :class:`StoredSpan` holds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.relations import RelationLabel, RelationSchema
from annotator.store.annotations import StoredSpan
from annotator.store.relations import StoredRelation


def distance(source: StoredSpan, target: StoredSpan) -> int:
    """Characters between two spans: 0 when they touch, nest or overlap."""
    return max(0, target.start - source.end, source.start - target.end)


def open_labels(
    schema: RelationSchema,
    source: StoredSpan,
    target: StoredSpan,
    relations: Iterable[StoredRelation] = (),
) -> list[RelationLabel]:
    """The relation labels that fit ``source`` -> ``target`` and are not already among
    ``relations`` between them (in that direction), in schema order."""
    there = {r.label for r in relations if (r.source_id, r.target_id) == (source.id, target.id)}
    return [
        label for label in schema.fitting(source.label, target.label) if label.name not in there
    ]


def candidates(
    schema: RelationSchema,
    source: StoredSpan,
    spans: Iterable[StoredSpan],
    relations: Iterable[StoredRelation] = (),
) -> list[StoredSpan]:
    """The spans other than ``source`` that some relation label of ``schema`` lets it point
    to, nearest first (by :func:`distance`; ties: the earlier span first); a span to which
    ``relations`` already hold every label that fits is left out."""
    there: dict[int, set[str]] = {}
    for relation in relations:
        if relation.source_id == source.id:
            there.setdefault(relation.target_id, set()).add(relation.label)
    found = [
        span
        for span in spans
        if span.id != source.id
        and any(
            label.name not in there.get(span.id, ())
            for label in schema.fitting(source.label, span.label)
        )
    ]
    return sorted(found, key=lambda span: (distance(source, span), span.start, span.end, span.id))
