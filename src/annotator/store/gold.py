"""The gold set changed by one decision, and changed back by undoing it, in a caller's session.

A span decision names its span (code point offsets into the document's text, end exclusive)
and the span it replaces; a relation decision (``kind`` ``relation``) names its source span,
its target span and its label, and the label it replaces. ``added`` and ``removed`` on the
logged decision say what it changed, which is exactly what undoing it reverses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, aliased

from annotator.core.adjudication import RelationKey
from annotator.core.spans import Span as CoreSpan
from annotator.store.annotations import set_id_for
from annotator.store.lookup import label_ids
from annotator.store.models import (
    AnnotationSet,
    Decision,
    Label,
    Person,
    Relation,
    RelationLabel,
    Span,
)
from annotator.store.people import GOLD

RELATION = "relation"  # Decision.kind of a decision on a relation
_SOURCE, _TARGET = aliased(Span), aliased(Span)
_SOURCE_LABEL, _TARGET_LABEL = aliased(Label), aliased(Label)


def gold_set_id(session: Session, document_id: int) -> int:
    """The document's gold set, created ``in_progress`` if missing."""
    return set_id_for(session, document_id, GOLD)


def gold_spans(session: Session, document_id: int) -> dict[CoreSpan, int]:
    """The gold set's spans of a document, with their row ids."""
    rows = session.execute(
        select(Span.start, Span.end, Label.name, Span.id)
        .join(Label, Label.id == Span.label_id)
        .join(AnnotationSet, AnnotationSet.id == Span.set_id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(AnnotationSet.document_id == document_id, Person.name == GOLD)
    )
    return {CoreSpan(start, end, label): ident for start, end, label, ident in rows}


def relations_query(set_ids: Any) -> Select[int, int, int, str, int, int, str, str]:
    """(set id, source start, end, label, target start, end, label, relation label) of the
    relations of the annotation sets ``set_ids`` selects (a list or a subquery's column)."""
    return (
        select(
            Relation.set_id,
            _SOURCE.start,
            _SOURCE.end,
            _SOURCE_LABEL.name,
            _TARGET.start,
            _TARGET.end,
            _TARGET_LABEL.name,
            RelationLabel.name,
        )
        .join(_SOURCE, _SOURCE.id == Relation.source_id)
        .join(_TARGET, _TARGET.id == Relation.target_id)
        .join(_SOURCE_LABEL, _SOURCE_LABEL.id == _SOURCE.label_id)
        .join(_TARGET_LABEL, _TARGET_LABEL.id == _TARGET.label_id)
        .join(RelationLabel, RelationLabel.id == Relation.label_id)
        .where(Relation.set_id.in_(set_ids))
    )


def relation_key(row: Sequence[Any]) -> RelationKey:
    """The :class:`RelationKey` of a row of :func:`relations_query` (its first column, the
    set id, left out)."""
    _, s_start, s_end, s_label, t_start, t_end, t_label, label = row
    return RelationKey(
        CoreSpan(s_start, s_end, s_label),
        CoreSpan(t_start, t_end, t_label),
        label,
    )


def gold_relations(session: Session, document_id: int) -> dict[RelationKey, int]:
    """The gold set's relations of a document, with their row ids."""
    gold = (
        select(AnnotationSet.id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(AnnotationSet.document_id == document_id, Person.name == GOLD)
    )
    query = relations_query(gold.scalar_subquery()).add_columns(Relation.id)
    return {relation_key(row[:8]): row[8] for row in session.execute(query)}


def apply_span(
    session: Session,
    document_id: int,
    reviewer_id: int,
    action: str,
    span: CoreSpan,
    original: CoreSpan | None,
    chosen_by: Sequence[str],
    reason: str,
) -> list[int]:
    """Change gold for one span decision and log it; returns the ids logged, the span
    decision's last.

    A span taken out of gold (rejected, or replaced by a correction) takes its gold relations
    with it: each is logged first as a relation rejection ("with its span"), so that undoing
    the ids, latest first, puts the span back and then its relations."""
    set_id = gold_set_id(session, document_id)
    gold = gold_spans(session, document_id)
    labels = label_ids(session)
    removed = False
    logged: list[int] = []
    if original is not None and original in gold:
        for relation in sorted(gold_relations(session, document_id)):
            if original in (relation.source, relation.target):
                logged.append(
                    apply_relation(
                        session,
                        document_id,
                        reviewer_id,
                        "reject",
                        relation,
                        relation.label,
                        (),
                        "with its span",
                    )
                )
        session.execute(delete(Span).where(Span.id == gold.pop(original)))
        removed = True
    added = False
    if action != "reject" and span not in gold:
        session.add(
            Span(set_id=set_id, start=span.start, end=span.end, label_id=labels[span.label])
        )
        added = True
    decision = Decision(
        document_id=document_id,
        reviewer_id=reviewer_id,
        action=action,
        start=span.start,
        end=span.end,
        label=span.label,
        original_start=None if original is None else original.start,
        original_end=None if original is None else original.end,
        original_label=None if original is None else original.label,
        added=added,
        removed=removed,
        chosen_by=list(chosen_by),
        reason=reason,
    )
    session.add(decision)
    session.flush()
    return [*logged, decision.id]


def _relation_label_id(session: Session, name: str) -> int:
    return session.scalars(select(RelationLabel.id).where(RelationLabel.name == name)).one()


def _add_gold_relation(
    session: Session, set_id: int, relation: RelationKey, spans: dict[CoreSpan, int]
) -> None:
    """Put ``relation`` into the gold set ``set_id`` between its ends' rows in ``spans``."""
    session.add(
        Relation(
            set_id=set_id,
            source_id=spans[relation.source],
            target_id=spans[relation.target],
            label_id=_relation_label_id(session, relation.label),
        )
    )


def apply_relation(
    session: Session,
    document_id: int,
    reviewer_id: int,
    action: str,
    relation: RelationKey,
    original_label: str | None,
    chosen_by: Sequence[str],
    reason: str,
) -> int:
    """Change gold for one relation decision and log it; returns the decision's id.

    ``accept`` and ``correct`` put ``relation`` into gold, whose ends must be gold spans
    already (``KeyError`` otherwise); ``correct`` and ``reject`` take the relation labelled
    ``original_label`` (between the same spans) out of it."""
    set_id = gold_set_id(session, document_id)
    gold = gold_relations(session, document_id)
    removed = False
    if original_label is not None:
        original = RelationKey(relation.source, relation.target, original_label)
        if original in gold:
            session.execute(delete(Relation).where(Relation.id == gold.pop(original)))
            removed = True
    added = False
    if action != "reject" and relation not in gold:
        spans = gold_spans(session, document_id)
        for end in (relation.source, relation.target):
            if end not in spans:
                raise KeyError(f"{end.label} {end.start}-{end.end} is not in gold")
        _add_gold_relation(session, set_id, relation, spans)
        added = True
    decision = Decision(
        document_id=document_id,
        reviewer_id=reviewer_id,
        kind=RELATION,
        action=action,
        start=relation.source.start,
        end=relation.source.end,
        label=relation.source.label,
        target_start=relation.target.start,
        target_end=relation.target.end,
        target_label=relation.target.label,
        relation=relation.label,
        original_relation=original_label,
        added=added,
        removed=removed,
        chosen_by=list(chosen_by),
        reason=reason,
    )
    session.add(decision)
    session.flush()
    return decision.id


def decided_relation(decision: Decision) -> RelationKey:
    """The relation a relation decision names (its new label)."""
    assert decision.target_start is not None
    assert decision.target_end is not None
    return RelationKey(
        CoreSpan(decision.start, decision.end, decision.label),
        CoreSpan(decision.target_start, decision.target_end, decision.target_label or ""),
        decision.relation or "",
    )


def undo_relation(session: Session, decision: Decision) -> None:
    """Reverse what a relation decision did to gold (not its log entry)."""
    relation = decided_relation(decision)
    gold = gold_relations(session, decision.document_id)
    if decision.added and relation in gold:
        session.execute(delete(Relation).where(Relation.id == gold.pop(relation)))
    if decision.removed and decision.original_relation is not None:
        original = RelationKey(relation.source, relation.target, decision.original_relation)
        spans = gold_spans(session, decision.document_id)
        # Another decision may have put it back since, or taken an end out (undo out of order).
        if original not in gold and relation.source in spans and relation.target in spans:
            set_id = gold_set_id(session, decision.document_id)
            _add_gold_relation(session, set_id, original, spans)


def original_span(decision: Decision) -> CoreSpan | None:
    start, end, label = decision.original_start, decision.original_end, decision.original_label
    if start is None or end is None or label is None:
        return None
    return CoreSpan(start, end, label)


def undo_span(session: Session, decision: Decision) -> None:
    """Reverse what a span decision did to gold (not its log entry)."""
    gold = gold_spans(session, decision.document_id)
    if decision.added:
        span = CoreSpan(decision.start, decision.end, decision.label)
        if span in gold:
            session.execute(delete(Span).where(Span.id == gold.pop(span)))
    original = original_span(decision)
    # Another decision may have put the original back since (undo out of order).
    if decision.removed and original is not None and original not in gold:
        session.add(
            Span(
                set_id=gold_set_id(session, decision.document_id),
                start=original.start,
                end=original.end,
                label_id=label_ids(session)[original.label],
            )
        )
