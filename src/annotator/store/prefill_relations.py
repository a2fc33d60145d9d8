"""What pre-filling reads and writes of relations, page by page: the finished sets' relations,
gold's, those a reviewer rejected, and the ``prefill`` decision logged for one. Offsets are code
points into the document's text, end exclusive."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from annotator.core.adjudication import RelationKey
from annotator.core.spans import Span as CoreSpan
from annotator.store.gold import RELATION, relation_key
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

SOURCE, TARGET = aliased(Span), aliased(Span)


def relation_decision(
    document_id: int,
    reviewer_id: int,
    relation: RelationKey,
    fresh: bool,
    chosen_by: tuple[str, ...],
    note: str,
    now: datetime,
) -> tuple[Any, ...]:
    """A ``prefill`` decision on a relation, in the order of prefill's _DECISION_COLUMNS."""
    source, target = relation.source, relation.target
    return (
        document_id,
        reviewer_id,
        "prefill",
        source.start,
        source.end,
        source.label,
        None,
        None,
        None,
        fresh,
        False,
        chosen_by,
        note,
        now,
        RELATION,
        relation.label,
        target.start,
        target.end,
        target.label,
        None,
    )


def rejected_relations(session: Session) -> set[tuple[int, RelationKey]]:
    """(document, relation) of every relation a reviewer rejected."""
    # Plain rows: the relation columns are null only on span decisions.
    rows = session.connection().execute(
        select(
            Decision.document_id,
            Decision.start,
            Decision.end,
            Decision.label,
            Decision.target_start,
            Decision.target_end,
            Decision.target_label,
            Decision.relation,
        ).where(Decision.action == "reject", Decision.kind == RELATION)
    )
    return {(row[0], relation_key(row)) for row in rows}  # relation_key skips the document


def relation_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(RelationLabel.id, RelationLabel.name)).all())


def relations_of_sets(
    session: Session,
    set_ids: list[int],
    label_names: dict[int, str],
    relation_names: dict[int, str],
) -> dict[int, list[RelationKey]]:
    """The relations of the given annotation sets, per set (distinct already:
    ``uq_relations_exact``); label ids named without a join."""
    result: dict[int, list[RelationKey]] = defaultdict(list)
    if not set_ids:
        return result
    rows = session.connection().execute(
        select(
            Relation.set_id,
            SOURCE.start,
            SOURCE.end,
            SOURCE.label_id,
            TARGET.start,
            TARGET.end,
            TARGET.label_id,
            Relation.label_id,
        )
        .join(SOURCE, SOURCE.id == Relation.source_id)
        .join(TARGET, TARGET.id == Relation.target_id)
        .where(Relation.set_id.in_(set_ids))
    )
    for set_id, s, e, sl, ts, te, tl, label in rows:
        result[set_id].append(
            RelationKey(
                CoreSpan(s, e, label_names[sl]),
                CoreSpan(ts, te, label_names[tl]),
                relation_names[label],
            )
        )
    return result


def gold_relations_by_document(
    session: Session, document_ids: list[int]
) -> dict[int, set[RelationKey]]:
    """The gold set's relations of each document."""
    source_label, target_label = aliased(Label), aliased(Label)
    result: dict[int, set[RelationKey]] = defaultdict(set)
    rows = session.execute(
        select(
            AnnotationSet.document_id,
            SOURCE.start,
            SOURCE.end,
            source_label.name,
            TARGET.start,
            TARGET.end,
            target_label.name,
            RelationLabel.name,
        )
        .select_from(Relation)
        .join(AnnotationSet, AnnotationSet.id == Relation.set_id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .join(SOURCE, SOURCE.id == Relation.source_id)
        .join(TARGET, TARGET.id == Relation.target_id)
        .join(source_label, source_label.id == SOURCE.label_id)
        .join(target_label, target_label.id == TARGET.label_id)
        .join(RelationLabel, RelationLabel.id == Relation.label_id)
        .where(Person.name == GOLD, AnnotationSet.document_id.in_(document_ids))
    )
    for document_id, s, e, sl, ts, te, tl, label in rows:
        result[document_id].add(RelationKey(CoreSpan(s, e, sl), CoreSpan(ts, te, tl), label))
    return result
