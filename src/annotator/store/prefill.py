"""Pre-filling the gold sets of a whole corpus from the finished annotations, set-based.

A corpus of 10,000 documents by 3 annotators holds ~560,000 finished spans; a query and an ORM
flush per accepted span made this take minutes. Here each page of documents is read with a few
queries, decided in memory by :func:`annotator.core.adjudication.candidates`, and written with
one bulk insert per table, all in one transaction.

Relations are pre-filled with their spans: a relation (both spans exactly, and its label) that
the strategy accepts goes into gold when both its spans are gold's after the spans were
pre-filled, linked to gold's span rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from annotator.core.adjudication import RelationKey, Strategy, candidates, relation_candidates
from annotator.core.spans import Span as CoreSpan
from annotator.core.status import Role, SetStatus
from annotator.store.gold import RELATION
from annotator.store.lookup import finished_sets, label_ids, person_id
from annotator.store.models import (
    AnnotationSet,
    Base,
    Decision,
    Label,
    Person,
    Relation,
    Span,
    utcnow,
)
from annotator.store.people import GOLD
from annotator.store.prefill_relations import (
    gold_relations_by_document,
    rejected_relations,
    relation_decision,
    relation_names,
    relations_of_sets,
)
from annotator.store.store import Store

PAGE = 500  # documents read, decided and written together: bounds the memory a page holds

_SETS = Base.metadata.tables[AnnotationSet.__tablename__]
_SPANS = Base.metadata.tables[Span.__tablename__]
_DECISIONS = Base.metadata.tables[Decision.__tablename__]
_RELATIONS = Base.metadata.tables[Relation.__tablename__]


@dataclass(frozen=True)
class PrefillReport:
    documents: int
    spans_added: int
    left_to_review: int  # disputed candidates the strategy did not accept
    skipped: int = 0  # documents with a finished annotation, but fewer than asked for
    relations_added: int = 0
    # Relations the strategy did not accept, or whose spans are not both in gold.
    relations_left: int = 0


@dataclass
class _Page:
    """What one page of documents puts into gold: rows to insert, not ORM objects."""

    gold_spans: list[tuple[int, CoreSpan]] = field(default_factory=list)  # (document, span)
    gold_relations: list[tuple[int, RelationKey]] = field(default_factory=list)
    # Values in _DECISION_COLUMNS order; on a corpus without relations, only up to created_at.
    decisions: list[tuple[Any, ...]] = field(default_factory=list)
    now: datetime = field(default_factory=utcnow)  # when its decisions are made
    touched: list[int] = field(default_factory=list)  # documents with a decision, in order


def prefill(
    store: Store, strategy: Strategy, reviewer: str = GOLD, min_annotators: int = 2
) -> PrefillReport:
    """Put into gold every span that ``strategy`` accepts (all, or more than half, of the
    finished annotators chose it exactly), on every document with at least ``min_annotators``
    finished annotators; the documents with fewer (but one at least) are counted as skipped.
    With ``min_annotators=1`` a lone finished annotator is everyone, so all their spans pass.
    Spans a reviewer rejected stay out; a span already in gold is logged but not added again.
    Then the same for relations, on the same documents: a relation the strategy accepts whose
    two spans are now in gold goes in too (a relation a reviewer rejected stays out).
    One transaction; every accepted span and relation is logged as a ``prefill`` decision,
    oldest first, per document its spans in (start, end, label) order then its relations in
    (source, target, label) order."""
    if min_annotators < 1:
        raise ValueError("min_annotators must be at least 1")
    with store.writing() as session:
        # The reserved name ``gold`` gets the gold role whatever is asked (lookup.person_id).
        reviewer_id = person_id(session, reviewer, Role.REVIEWER)
        sets_by_document: dict[int, dict[int, str]] = defaultdict(dict)
        for set_id, document_id, name in session.execute(finished_sets()):
            sets_by_document[document_id][set_id] = name
        document_ids = sorted(sets_by_document)
        rejected = {
            tuple(row)
            for row in session.execute(
                select(Decision.document_id, Decision.start, Decision.end, Decision.label).where(
                    Decision.action == "reject", Decision.kind != RELATION
                )
            )
        }
        # Read only when some annotation set has one: a corpus without relations pays nothing.
        relations = session.scalar(select(Relation.id).limit(1)) is not None
        refused = rejected_relations(session) if relations else set()
        labels = label_ids(session)
        label_names = {ident: name for name, ident in labels.items()}
        writer = _GoldWriter(session, labels)
        note = strategy.value + ": {} of {}"
        documents = added = left = skipped = relations_added = relations_left = 0
        # The relation columns are written only on a corpus with relations.
        no_relation = _NO_RELATION if relations else ()
        columns = _DECISION_COLUMNS[: len(_DECISION_COLUMNS) - 6 + len(no_relation)]
        for first in range(0, len(document_ids), PAGE):
            chunk = document_ids[first : first + PAGE]
            set_ids = [set_id for d in chunk for set_id in sets_by_document[d]]
            spans = _spans_of_sets(session, set_ids, label_names)
            gold = _gold_spans(session, chunk)
            if relations:
                named = relation_names(session)
                chosen_relations = relations_of_sets(session, set_ids, label_names, named)
                gold_relations = gold_relations_by_document(session, chunk)
            page = _Page()
            for document_id in chunk:
                names = sets_by_document[document_id]
                if len(names) < min_annotators:
                    skipped += 1
                    continue
                documents += 1
                per_annotator = {name: spans.get(set_id, ()) for set_id, name in names.items()}
                # Gold's spans, and those pre-filled here: where relations may go.
                in_gold = set(gold.get(document_id, ()))
                decided = False
                for candidate in candidates(per_annotator):
                    span = candidate.span
                    if not candidate.passes(strategy):
                        left += 1
                        continue
                    if (document_id, span.start, span.end, span.label) in rejected:
                        continue
                    fresh = span not in in_gold
                    if fresh:
                        page.gold_spans.append((document_id, span))
                        added += 1
                    in_gold.add(span)
                    page.decisions.append(
                        (
                            document_id,
                            reviewer_id,
                            "prefill",
                            span.start,
                            span.end,
                            span.label,
                            None,
                            None,
                            None,
                            fresh,
                            False,
                            candidate.chosen_by,
                            note.format(len(candidate.chosen_by), candidate.of),
                            page.now,
                            *no_relation,
                        )
                    )
                    decided = True
                if relations:
                    theirs = {
                        name: chosen_relations.get(set_id, ()) for set_id, name in names.items()
                    }
                    related = gold_relations.get(document_id, set())
                    for relation_candidate in relation_candidates(theirs):
                        relation = relation_candidate.relation
                        if not relation_candidate.passes(strategy) or not (
                            relation.source in in_gold and relation.target in in_gold
                        ):
                            relations_left += 1
                            continue
                        if (document_id, relation) in refused:
                            continue
                        fresh = relation not in related
                        if fresh:
                            page.gold_relations.append((document_id, relation))
                            relations_added += 1
                        chosen_by = relation_candidate.chosen_by
                        page.decisions.append(
                            relation_decision(
                                document_id,
                                reviewer_id,
                                relation,
                                fresh,
                                chosen_by,
                                note.format(len(chosen_by), relation_candidate.of),
                                page.now,
                            )
                        )
                        decided = True
                if decided:
                    page.touched.append(document_id)
            writer.write(page, columns)
        return PrefillReport(documents, added, left, skipped, relations_added, relations_left)


def _spans_of_sets(
    session: Session, set_ids: list[int], label_names: dict[int, str]
) -> dict[int, list[CoreSpan]]:
    """The spans of the given annotation sets, per set; label ids named without a join.

    Lists, not sets: a set's spans are distinct already (``uq_spans_exact``), and hashing
    ~560,000 dataclasses once more cost a second."""
    result: dict[int, list[CoreSpan]] = defaultdict(list)
    if not set_ids:
        return result
    # Through the connection: the ORM's result layer costs more than SQLite for ~30,000 rows
    # a page, and plain columns need nothing of it.
    rows = session.connection().execute(
        select(Span.set_id, Span.start, Span.end, Span.label_id).where(Span.set_id.in_(set_ids))
    )
    for set_id, start, end, label_id in rows:
        result[set_id].append(CoreSpan(start, end, label_names[label_id]))
    return result


def _gold_spans(session: Session, document_ids: list[int]) -> dict[int, set[CoreSpan]]:
    """The gold set's spans of each document."""
    result: dict[int, set[CoreSpan]] = defaultdict(set)
    rows = session.execute(
        select(AnnotationSet.document_id, Span.start, Span.end, Label.name)
        .join(Span, Span.set_id == AnnotationSet.id)
        .join(Label, Label.id == Span.label_id)
        .join(Person, Person.id == AnnotationSet.person_id)
        .where(Person.name == GOLD, AnnotationSet.document_id.in_(document_ids))
    )
    for document_id, start, end, label in rows:
        result[document_id].add(CoreSpan(start, end, label))
    return result


_DECISION_COLUMNS = (
    "document_id",
    "reviewer_id",
    "action",
    "start_offset",
    "end_offset",
    "label",
    "original_start",
    "original_end",
    "original_label",
    "added",
    "removed",
    "chosen_by",
    "reason",
    "created_at",
    "kind",
    "relation",
    "target_start",
    "target_end",
    "target_label",
    "original_relation",
)
_NO_RELATION = ("span", None, None, None, None, None)  # a span decision's relation columns
_SPAN_COLUMNS = ("set_id", "start_offset", "end_offset", "label_id")
_RELATION_COLUMNS = ("set_id", "source_id", "target_id", "label_id")


def _insert_rows(
    session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (values in ``columns`` order) with one driver ``executemany``.

    SQLAlchemy's per-row parameter processing cost more than the database does for ~200,000
    spans and decisions; here each column's bind processor (JSON, boolean, timestamp) runs
    once per distinct value instead (a JSON list is given as a tuple, to be hashable), and the
    statement is compiled once for the session's dialect.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).inline().compile(dialect=dialect, column_keys=list(columns))
    processors: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = []
    for index, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors.append((index, processor, {}))
    if processors:
        processed = []
        for row in rows:
            values = list(row)
            for index, convert, done in processors:
                value = values[index]
                if value not in done:
                    done[value] = convert(list(value) if isinstance(value, tuple) else value)
                values[index] = done[value]
            processed.append(tuple(values))
        rows = processed
    if compiled.positional:
        if list(compiled.positiontup or ()) != list(columns):
            raise RuntimeError(f"unexpected parameter order in {compiled}")
        connection.exec_driver_sql(str(compiled), rows)
    else:
        connection.exec_driver_sql(
            str(compiled), [dict(zip(columns, row, strict=True)) for row in rows]
        )


class _GoldWriter:
    """Writes a page's gold sets, spans and decisions with one bulk statement each."""

    def __init__(self, session: Session, labels: dict[str, int]) -> None:
        self.session = session
        self.labels = labels
        self.relation_labels: dict[str, int] | None = None  # read with the first relation
        self.gold_id: int | None = None  # looked up (or created) with the first gold set needed

    def write(self, page: _Page, decision_columns: tuple[str, ...]) -> None:
        if not page.touched:
            return
        session = self.session
        now = page.now
        if self.gold_id is None:
            self.gold_id = person_id(session, GOLD)
        set_ids = dict(
            session.execute(
                select(AnnotationSet.document_id, AnnotationSet.id).where(
                    AnnotationSet.person_id == self.gold_id,
                    AnnotationSet.document_id.in_(page.touched),
                )
            ).all()
        )
        if set_ids:
            # As a single decision does: a gold set that is written to is marked updated.
            session.execute(
                update(AnnotationSet)
                .where(AnnotationSet.id.in_(list(set_ids.values())))
                .values(updated_at=now)
            )
        missing = [d for d in page.touched if d not in set_ids]
        if missing:
            created = session.execute(
                insert(_SETS).returning(_SETS.c.document_id, _SETS.c.id),
                [
                    {
                        "document_id": document_id,
                        "person_id": self.gold_id,
                        "status": SetStatus.IN_PROGRESS.value,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for document_id in missing
                ],
            )
            set_ids.update(created.all())
        _insert_rows(
            session,
            _SPANS,
            _SPAN_COLUMNS,
            [
                (set_ids[document_id], span.start, span.end, self.labels[span.label])
                for document_id, span in page.gold_spans
            ],
        )
        if page.gold_relations:
            self._write_relations(page, set_ids)
        _insert_rows(session, _DECISIONS, decision_columns, page.decisions)

    def _write_relations(self, page: _Page, set_ids: dict[int, int]) -> None:
        """Insert the page's gold relations, between the gold span rows just written (or
        there before)."""
        session = self.session
        if self.relation_labels is None:
            self.relation_labels = {n: i for i, n in relation_names(session).items()}
        wanted = list({set_ids[document_id] for document_id, _ in page.gold_relations})
        # By plain values, not spans: a page's gold sets hold ~10,000 spans.
        span_ids = {
            (set_id, start, end, label): ident
            for set_id, start, end, label, ident in session.connection().execute(
                select(Span.set_id, Span.start, Span.end, Span.label_id, Span.id).where(
                    Span.set_id.in_(wanted)
                )
            )
        }
        labels = self.labels

        def span_id(set_id: int, span: CoreSpan) -> int:
            return span_ids[set_id, span.start, span.end, labels[span.label]]

        _insert_rows(
            session,
            _RELATIONS,
            _RELATION_COLUMNS,
            [
                (
                    set_ids[document_id],
                    span_id(set_ids[document_id], relation.source),
                    span_id(set_ids[document_id], relation.target),
                    self.relation_labels[relation.label],
                )
                for document_id, relation in page.gold_relations
            ],
        )


__all__ = ["PrefillReport", "prefill"]
