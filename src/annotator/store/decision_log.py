"""The adjudication's decisions read out for ``annotator export --decisions``: who decided
what on which span or relation, when and why, so that the gold standard can be audited
outside the app."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, func, select

from annotator.schemas import DecisionLogRecord, SpanRecord
from annotator.store.models import Decision, Document, Person
from annotator.store.store import Store

PAGE = 500


def has_decisions(store: Store) -> bool:
    with store.reading() as session:
        return session.scalar(select(select(Decision.id).exists())) is True


def _cut(start: Any, end: Any) -> ColumnElement[str]:
    """The document's text from ``start`` to ``end`` (code points, end exclusive), cut out by
    the database: ``substr`` counts code points in SQLite and PostgreSQL alike."""
    return func.substr(Document.text, start + 1, end - start)


def export_decisions(store: Store) -> Iterator[DecisionLogRecord]:
    """Every adjudication decision standing (an undone one is gone from the log), in the
    order they were made, with its document's external id and its spans' texts; one snapshot
    transaction, read in pages of plain rows (a pre-filled corpus logs a decision per gold
    span). No document's whole text is loaded."""
    query = (
        select(
            Decision.id,
            Document.external_id,
            Decision.action,
            Person.name,
            Decision.created_at,
            Decision.start,
            Decision.end,
            Decision.label,
            _cut(Decision.start, Decision.end),
            Decision.original_start,
            Decision.original_end,
            Decision.original_label,
            _cut(Decision.original_start, Decision.original_end),
            Decision.chosen_by,
            Decision.reason,
            Decision.relation,
            Decision.target_start,
            Decision.target_end,
            Decision.target_label,
            _cut(Decision.target_start, Decision.target_end),
            Decision.original_relation,
        )
        .join(Document, Document.id == Decision.document_id)
        .join(Person, Person.id == Decision.reviewer_id)
        .order_by(Decision.id)
        .limit(PAGE)
    )
    with store.snapshot() as session:
        after = 0
        while True:
            page = session.connection().execute(query.where(Decision.id > after)).all()
            if not page:
                return
            after = page[-1][0]
            for found in page:
                row: tuple[Any, ...] = tuple(found)  # 21 columns: typed one by one below
                _, document, action, who, when, *span, words = row[:9]
                *original, original_words, chosen_by, reason = row[9:15]
                relation, *target, target_words, original_relation = row[15:]
                yield DecisionLogRecord.model_construct(
                    document=document,
                    span=_span_record(span, words),
                    # A rejection names its own span as the one it keeps out: not a change.
                    original=None
                    if original[0] is None or original == span
                    else _span_record(original, original_words),
                    action=action,
                    who=who,
                    when=when,
                    chosen_by=list(chosen_by or []),
                    reason=reason or "",
                    relation=relation,
                    target=None if relation is None else _span_record(target, target_words),
                    # A rejection names its own label as the one it keeps out: not a change.
                    original_relation=None if original_relation == relation else original_relation,
                )


def _span_record(span: list[Any], text: str) -> SpanRecord:
    start, end, label = span
    return SpanRecord.model_construct(start=start, end=end, label=label, text=text)
