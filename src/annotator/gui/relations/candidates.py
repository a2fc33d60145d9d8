"""Which spans a relation from a source span may reach, nearest first (no Qt here).

Offsets are code points into the stored text, end exclusive, as :class:`StoredSpan` holds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.relations import RelationSchema
from annotator.store.annotations import StoredSpan


def distance(source: StoredSpan, target: StoredSpan) -> int:
    """Characters between two spans: 0 when they touch, nest or overlap."""
    return max(0, target.start - source.end, source.start - target.end)


def candidates(
    schema: RelationSchema, source: StoredSpan, spans: Iterable[StoredSpan]
) -> list[StoredSpan]:
    """The spans other than ``source`` that some relation label of ``schema`` lets it point
    to, nearest first (by :func:`distance`; ties: the earlier span first)."""
    reachable = schema.targets_for(source.label)
    found = [
        span
        for span in spans
        if span.id != source.id and (reachable is None or span.label in reachable)
    ]
    return sorted(found, key=lambda span: (distance(source, span), span.start, span.end, span.id))
