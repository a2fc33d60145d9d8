"""Adjudicating relations: the finished annotators' relations merged into candidates, the
review queue's counts and "still to decide" for them, and a reviewer's decision on one.

A relation is compared across annotators by its two spans (code point offsets, end exclusive,
and label) and its label (:class:`~annotator.core.adjudication.RelationKey`). A relation goes
into gold between gold spans: accepting one whose ends are not both in gold accepts those
spans first, each logged as its own ``accept`` (with who chose it), so that one key puts an
argument and its spans in and one undo takes them all out again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Exists, Select, Subquery, func, or_, select
from sqlalchemy.orm import Session, aliased

from annotator.core.adjudication import RelationCandidate, RelationKey, relation_candidates
from annotator.core.spans import Span as CoreSpan
from annotator.core.status import Role
from annotator.store.gold import (
    RELATION,
    apply_relation,
    apply_span,
    gold_relations,
    gold_spans,
    relation_key,
    relations_query,
)
from annotator.store.lookup import finished_sets, person_id
from annotator.store.models import (
    AnnotationSet,
    Decision,
    Document,
    Label,
    Relation,
    RelationLabel,
    Span,
)
from annotator.store.relation_schema import relation_schema
from annotator.store.store import Store

ACTIONS = ("accept", "reject", "correct")


def done_spans(
    session: Session, document_ids: Sequence[int]
) -> dict[int, dict[str, set[CoreSpan]]]:
    """Spans of every finished (``done``) annotation set except gold, per document and person."""
    result: dict[int, dict[str, set[CoreSpan]]] = defaultdict(dict)
    sets = finished_sets().where(AnnotationSet.document_id.in_(document_ids)).subquery()
    for _, document_id, name in session.execute(select(sets)):
        result[document_id][name] = set()
    for document_id, name, start, end, label in session.execute(
        select(sets.c.document_id, sets.c.name, Span.start, Span.end, Label.name)
        .join(Span, Span.set_id == sets.c.id)
        .join(Label, Label.id == Span.label_id)
    ):
        result[document_id][name].add(CoreSpan(start, end, label))
    return result


def done_relations(session: Session, document_id: int) -> dict[str, set[RelationKey]]:
    """Each finished annotator's relations on the document (an empty set for one with none:
    they were asked too)."""
    finished = finished_sets().where(AnnotationSet.document_id == document_id)
    sets = {set_id: name for set_id, _, name in session.execute(finished)}
    result: dict[str, set[RelationKey]] = {name: set() for name in sets.values()}
    for row in session.execute(relations_query(list(sets))):
        result[sets[row[0]]].add(relation_key(row))
    return result


def review_relation_candidates(store: Store, document_id: int) -> list[RelationCandidate]:
    """The document's relation candidates: every finished annotator's relations merged, and
    gold's, sorted by (source span, target span, label)."""
    with store.reading() as session:
        return relation_candidates(
            done_relations(session, document_id), gold_relations(session, document_id)
        )


def relation_choices(done: Subquery) -> Select[tuple[int, int]]:
    """(document id, how many of the finished sets ``done`` chose it) for each distinct
    relation of a document's finished sets: the review queue's relation candidates."""
    source, target = aliased(Span), aliased(Span)
    return (
        select(done.c.document_id, func.count().label("chosen_by"))
        .select_from(Relation)
        .join(done, done.c.id == Relation.set_id)
        .join(source, source.id == Relation.source_id)
        .join(target, target.id == Relation.target_id)
        .group_by(
            done.c.document_id,
            source.start,
            source.end,
            source.label_id,
            target.start,
            target.end,
            target.label_id,
            Relation.label_id,
        )
    )


def undecided_relation(done: Subquery, gold_person: ColumnElement[int]) -> Exists:
    """Whether the document (``Document.id``, correlated) has a relation of a finished set
    that gold does not hold and that no relation decision names (as decided on or replaced)."""
    source, target = aliased(Span), aliased(Span)
    source_label, target_label = aliased(Label), aliased(Label)
    gold_set, gold_relation = aliased(AnnotationSet), aliased(Relation)
    gold_source, gold_target = aliased(Span), aliased(Span)
    in_gold = (
        select(gold_relation.id)
        .join(gold_set, gold_set.id == gold_relation.set_id)
        .join(gold_source, gold_source.id == gold_relation.source_id)
        .join(gold_target, gold_target.id == gold_relation.target_id)
        .where(
            gold_set.document_id == done.c.document_id,
            gold_set.person_id == gold_person,
            gold_relation.label_id == Relation.label_id,
            gold_source.start == source.start,
            gold_source.end == source.end,
            gold_source.label_id == source.label_id,
            gold_target.start == target.start,
            gold_target.end == target.end,
            gold_target.label_id == target.label_id,
        )
        .exists()
    )
    named = (
        select(Decision.id)
        .where(
            Decision.document_id == done.c.document_id,
            Decision.kind == RELATION,
            Decision.start == source.start,
            Decision.end == source.end,
            Decision.label == source_label.name,
            Decision.target_start == target.start,
            Decision.target_end == target.end,
            Decision.target_label == target_label.name,
            or_(
                Decision.relation == RelationLabel.name,
                Decision.original_relation == RelationLabel.name,
            ),
        )
        .exists()
    )
    return (
        select(Relation.id)
        .join(done, done.c.id == Relation.set_id)
        .join(source, source.id == Relation.source_id)
        .join(target, target.id == Relation.target_id)
        .join(source_label, source_label.id == source.label_id)
        .join(target_label, target_label.id == target.label_id)
        .join(RelationLabel, RelationLabel.id == Relation.label_id)
        .where(done.c.document_id == Document.id, ~in_gold, ~named)
        .exists()
    )


def decide_relation(
    store: Store,
    document_id: int,
    reviewer: str,
    action: str,
    relation: RelationKey,
    *,
    original_label: str | None = None,
    chosen_by: Sequence[str] = (),
    reason: str = "",
) -> list[int]:
    """Record one decision on a relation and change gold accordingly, in one transaction;
    returns the ids of the decisions logged (an end span accepted with it comes first).

    ``accept`` puts ``relation`` into gold, with its ends (each accepted as a span first when
    gold lacks it); ``reject`` keeps it out (taking it out if it was in); ``correct`` gives
    the relation labelled ``original_label`` between the same spans ``relation``'s label.
    Raises ``ValueError`` when the relation schema does not allow the label between the two
    spans' labels."""
    if action not in ACTIONS:
        raise ValueError(f"unknown decision {action!r}")
    if action == "reject":
        original_label = relation.label
    elif action == "correct" and original_label is None:
        raise ValueError("a relabelling names the label it replaces")
    with store.writing() as session:
        problem = relation_schema(session).problem(
            relation.label, relation.source.label, relation.target.label
        )
        if problem is not None and action != "reject":
            raise ValueError(problem)
        reviewer_id = person_id(session, reviewer, Role.REVIEWER)
        ids = []
        if action != "reject":
            gold = gold_spans(session, document_id)
            missing = [end for end in (relation.source, relation.target) if end not in gold]
            if missing:
                spans = done_spans(session, [document_id]).get(document_id, {})
                for end in missing:
                    who = sorted(name for name, theirs in spans.items() if end in theirs)
                    ids += apply_span(
                        session, document_id, reviewer_id, "accept", end, None, who, reason
                    )
        ids.append(
            apply_relation(
                session,
                document_id,
                reviewer_id,
                action,
                relation,
                original_label,
                chosen_by,
                reason,
            )
        )
        return ids


__all__ = [
    "decide_relation",
    "done_relations",
    "done_spans",
    "relation_choices",
    "review_relation_candidates",
    "undecided_relation",
]
