"""The pre-filling as it was before it was made set-based (commit c0bf0b2): one query and one
flush per accepted span. Kept as it was, as the reference the new ``prefill`` must match, but
for relations, added the same slow way: after a document's spans, one query and one flush per
accepted relation (and span rejections read without the relation decisions, which name their
source span)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from annotator.core.adjudication import RelationKey, Strategy, candidates, relation_candidates
from annotator.core.spans import Span as CoreSpan
from annotator.core.status import Role
from annotator.store.adjudication import PrefillReport
from annotator.store.annotations import set_id_for
from annotator.store.lookup import finished_sets, label_ids, person_id
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
from annotator.store.store import Store


def _done_spans(
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


def _gold_spans(session: Session, document_id: int) -> dict[CoreSpan, int]:
    """The gold set's spans of a document, with their row ids."""
    rows = session.execute(
        select(Span.start, Span.end, Label.name, Span.id)
        .join(Label, Label.id == Span.label_id)
        .join(AnnotationSet, AnnotationSet.id == Span.set_id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(AnnotationSet.document_id == document_id, Person.name == GOLD)
    )
    return {CoreSpan(start, end, label): ident for start, end, label, ident in rows}


def _done_relations(session: Session, document_id: int) -> dict[str, set[RelationKey]]:
    """Each finished annotator's relations on the document, one query per annotator."""
    result: dict[str, set[RelationKey]] = {}
    finished = finished_sets().where(AnnotationSet.document_id == document_id)
    for set_id, _, name in session.execute(finished).all():
        result[name] = set()
        for relation in session.scalars(select(Relation).where(Relation.set_id == set_id)):
            result[name].add(_key(session, relation))
    return result


def _key(session: Session, relation: Relation) -> RelationKey:
    ends = []
    for span_id in (relation.source_id, relation.target_id):
        span = session.get(Span, span_id)
        assert span is not None
        label = session.get(Label, span.label_id)
        assert label is not None
        ends.append(CoreSpan(span.start, span.end, label.name))
    name = session.get(RelationLabel, relation.label_id)
    assert name is not None
    return RelationKey(ends[0], ends[1], name.name)


def _prefill_relation(
    session: Session,
    document_id: int,
    reviewer_id: int,
    relation: RelationKey,
    chosen_by: Sequence[str],
    note: str,
) -> bool:
    """Put one relation into gold (if it is not there) and log it; whether it was added."""
    set_id = _gold_set_id(session, document_id)
    gold = {
        _key(session, r) for r in session.scalars(select(Relation).where(Relation.set_id == set_id))
    }
    spans = _gold_spans(session, document_id)
    added = relation not in gold
    if added:
        label_id = session.scalars(
            select(RelationLabel.id).where(RelationLabel.name == relation.label)
        ).one()
        session.add(
            Relation(
                set_id=set_id,
                source_id=spans[relation.source],
                target_id=spans[relation.target],
                label_id=label_id,
            )
        )
    session.add(
        Decision(
            document_id=document_id,
            reviewer_id=reviewer_id,
            kind="relation",
            action="prefill",
            start=relation.source.start,
            end=relation.source.end,
            label=relation.source.label,
            target_start=relation.target.start,
            target_end=relation.target.end,
            target_label=relation.target.label,
            relation=relation.label,
            added=added,
            removed=False,
            chosen_by=list(chosen_by),
            reason=note,
        )
    )
    session.flush()
    return added


def _gold_set_id(session: Session, document_id: int) -> int:
    """The document's gold set, created ``in_progress`` if missing."""
    return set_id_for(session, document_id, GOLD)


def _apply(
    session: Session,
    document_id: int,
    reviewer_id: int,
    action: str,
    span: CoreSpan,
    original: CoreSpan | None,
    chosen_by: Sequence[str],
    reason: str,
) -> int:
    set_id = _gold_set_id(session, document_id)
    gold = _gold_spans(session, document_id)
    labels = label_ids(session)
    removed = False
    if original is not None and original in gold:
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
    return decision.id


def reference_prefill(
    store: Store, strategy: Strategy, reviewer: str = GOLD, min_annotators: int = 2
) -> PrefillReport:
    """Put into gold every span that ``strategy`` accepts (all, or more than half, of the
    finished annotators chose it exactly), on every document with at least ``min_annotators``
    finished annotators; the documents with fewer (but one at least) are counted as skipped.
    With ``min_annotators=1`` a lone finished annotator is everyone, so all their spans pass.
    Spans a reviewer rejected stay out. One transaction; logged as ``prefill``."""
    if min_annotators < 1:
        raise ValueError("min_annotators must be at least 1")
    with store.writing() as session:
        # The reserved name ``gold`` gets the gold role whatever is asked (lookup.person_id).
        reviewer_id = person_id(session, reviewer, Role.REVIEWER)
        document_ids = list(
            session.scalars(
                finished_sets()
                .with_only_columns(AnnotationSet.document_id)
                .group_by(AnnotationSet.document_id)
                .order_by(AnnotationSet.document_id)
            )
        )
        rejected = {
            (d, CoreSpan(s, e, lab))
            for d, s, e, lab in session.execute(
                select(Decision.document_id, Decision.start, Decision.end, Decision.label).where(
                    Decision.action == "reject", Decision.kind == "span"
                )
            )
        }
        rejected_relations = {
            (
                d.document_id,
                RelationKey(
                    CoreSpan(d.start, d.end, d.label),
                    CoreSpan(d.target_start, d.target_end, d.target_label),
                    d.relation,
                ),
            )
            for d in session.scalars(
                select(Decision).where(Decision.action == "reject", Decision.kind == "relation")
            )
        }
        documents = added = left = skipped = relations_added = relations_left = 0
        for page in range(0, len(document_ids), 500):
            chunk = document_ids[page : page + 500]
            spans = _done_spans(session, chunk)
            for document_id in chunk:
                per_annotator = spans.get(document_id, {})
                if len(per_annotator) < min_annotators:
                    skipped += 1
                    continue
                documents += 1
                for candidate in candidates(per_annotator):
                    if not candidate.passes(strategy):
                        left += 1
                    elif (document_id, candidate.span) not in rejected:
                        note = f"{strategy.value}: {len(candidate.chosen_by)} of {candidate.of}"
                        decision_id = _apply(
                            session,
                            document_id,
                            reviewer_id,
                            "prefill",
                            candidate.span,
                            None,
                            candidate.chosen_by,
                            note,
                        )
                        added += int(session.get(Decision, decision_id).added)  # type: ignore[union-attr]
                gold = _gold_spans(session, document_id)
                for found in relation_candidates(_done_relations(session, document_id)):
                    relation = found.relation
                    if not found.passes(strategy) or not (
                        relation.source in gold and relation.target in gold
                    ):
                        relations_left += 1
                    elif (document_id, relation) not in rejected_relations:
                        note = f"{strategy.value}: {len(found.chosen_by)} of {found.of}"
                        relations_added += _prefill_relation(
                            session, document_id, reviewer_id, relation, found.chosen_by, note
                        )
        return PrefillReport(documents, added, left, skipped, relations_added, relations_left)
