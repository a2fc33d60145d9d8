"""The review mode's view of the store: one reviewer, one open document, its candidates.

Every change goes to the store first, in its own committed transaction (the store functions of
:mod:`annotator.store.adjudication`), and the document is then read back and announced: the
panel never shows a decision that is not saved. Offsets are code points into the stored text,
end exclusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from annotator.core.adjudication import Candidate, RelationCandidate, RelationKey
from annotator.core.labels import LabelSchema
from annotator.core.relations import RelationSchema
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.gui.review.rows import (
    CandidateRow,
    Row,
    Subject,
    candidate_rows,
    listed,
    relation_rows,
    subject_of,
)
from annotator.store import adjudication, documents, notes, relation_adjudication
from annotator.store.adjudication import DecisionRecord
from annotator.store.annotations import set_status, set_status_of
from annotator.store.labels import load_schema
from annotator.store.notes import DocumentNote
from annotator.store.people import GOLD
from annotator.store.relations import load_relation_schema
from annotator.store.store import Store


@dataclass
class ReviewedDocument:
    """The open document: its text, every finished annotator's spans, the merged candidates
    (with the gold set's and the annotators' comments on them) and relation candidates, the
    decision log, the gold set's status and everyone's notes and flags on the document.
    ``rows`` lists both kinds of candidate, each relation under its source span."""

    id: int
    external_id: str
    text: str
    annotators: dict[str, list[Span]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    relation_candidates: list[RelationCandidate] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    gold_status: SetStatus | None = None
    rows: list[Row] = field(default_factory=list)
    notes: dict[str, DocumentNote] = field(default_factory=dict)  # everyone's, by person

    def row(self, candidate_id: int) -> Row | None:
        return next((row for row in self.rows if row.id == candidate_id), None)

    def row_of(self, subject: Subject) -> Row | None:
        """The row of a span or of a relation."""
        return next((row for row in self.rows if subject_of(row) == subject), None)

    def span_rows(self) -> list[CandidateRow]:
        return [row for row in self.rows if isinstance(row, CandidateRow)]

    @property
    def disputed(self) -> int:
        spans = sum(not c.agreed for c in self.candidates if c.chosen_by)
        return spans + sum(not c.agreed for c in self.relation_candidates if c.chosen_by)


class ReviewSession(QObject):
    """Store calls for the reviewer's actions, and signals saying what they changed."""

    documentOpened = Signal()
    # The open document's gold set or decision log changed (it was read back already).
    documentChanged = Signal()
    # (document id, gold status or None): a row of the review queue changed.
    goldStatusChanged = Signal(int, object)

    def __init__(self, store: Store, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.schema: LabelSchema = load_schema(store)
        self.relation_schema: RelationSchema = load_relation_schema(store)
        self.document: ReviewedDocument | None = None
        # Candidate ids by span or relation, for the open document: stable while it stays
        # open, so the selection survives a decision that re-reads the candidates.
        self._ids: dict[Subject, int] = {}

    # -- documents -------------------------------------------------------------------------

    def open_document(self, document_id: int) -> ReviewedDocument:
        found = documents.document_text(self.store, document_id)
        self._ids = {}
        self.document = ReviewedDocument(found.id, found.external_id, found.text)
        self._read(self.document)
        self.documentOpened.emit()
        return self.document

    def ensure_open(self, document_id: int) -> ReviewedDocument:
        """The open document, after switching to ``document_id`` if another one is open."""
        if self.document is None or self.document.id != document_id:
            return self.open_document(document_id)
        return self.document

    def _read(self, document: ReviewedDocument) -> None:
        store = self.store
        document.annotators = adjudication.finished_annotators(store, document.id)
        document.candidates = adjudication.review_candidates(store, document.id)
        document.relation_candidates = relation_adjudication.review_relation_candidates(
            store, document.id
        )
        document.decisions = adjudication.decisions_of(store, document.id)
        document.gold_status = set_status_of(store, document.id, GOLD)
        document.notes = notes.notes_on(store, document.id)
        comments = notes.span_comments_on(store, document.id)
        for candidate in document.candidates:
            self._ids.setdefault(candidate.span, len(self._ids) + 1)
        for related in document.relation_candidates:
            self._ids.setdefault(related.relation, len(self._ids) + 1)
        spans = candidate_rows(document.candidates, document.decisions, self._ids, comments)
        relations = relation_rows(document.relation_candidates, document.decisions, self._ids)
        document.rows = listed([*spans, *relations])

    def _changed(self) -> None:
        document = self._open()
        before = document.gold_status
        self._read(document)
        self.documentChanged.emit()
        if document.gold_status != before:
            self.goldStatusChanged.emit(document.id, document.gold_status)

    def _open(self) -> ReviewedDocument:
        if self.document is None:
            raise ValueError("no document is open for review")
        return self.document

    # -- decisions -------------------------------------------------------------------------

    def decide(
        self,
        action: str,
        span: Span,
        original: Span | None = None,
        chosen_by: Sequence[str] = (),
        reason: str = "",
    ) -> list[int]:
        """Record one decision on the open document; returns the ids logged (see
        :func:`annotator.store.adjudication.decide`)."""
        document = self._open()
        if span.label not in self.schema:
            raise ValueError(f"label {span.label!r} is not in the schema")
        if not 0 <= span.start < span.end <= len(document.text):
            raise ValueError(f"{span.start}..{span.end} is not a range of this document")
        decision = adjudication.decide(
            self.store,
            document.id,
            self.reviewer,
            action,
            span,
            original=original,
            chosen_by=chosen_by,
            reason=reason,
        )
        self._changed()
        return decision

    def decide_relation(
        self,
        action: str,
        relation: RelationKey,
        original_label: str | None = None,
        chosen_by: Sequence[str] = (),
        reason: str = "",
    ) -> list[int]:
        """Record one decision on a relation of the open document (and the acceptance of
        its spans that gold lacks); returns the ids logged."""
        document = self._open()
        made = relation_adjudication.decide_relation(
            self.store,
            document.id,
            self.reviewer,
            action,
            relation,
            original_label=original_label,
            chosen_by=chosen_by,
            reason=reason,
        )
        self._changed()
        return made

    def accept_all_from(self, annotator: str, reason: str = "") -> list[int]:
        document = self._open()
        ids = adjudication.accept_all_from(
            self.store, document.id, self.reviewer, annotator, reason
        )
        self._changed()
        return ids

    def undo(self, decision_ids: Sequence[int]) -> None:
        adjudication.undo_decisions(self.store, decision_ids)
        self._changed()

    def set_reason(self, decision_id: int, reason: str) -> None:
        adjudication.set_reason(self.store, decision_id, reason)
        self._changed()

    def set_gold_status(self, status: SetStatus | None) -> SetStatus | None:
        """Set the open document's gold status; returns the previous one. None (undoing the
        first status) leaves no gold set behind if it holds no span."""
        document = self._open()
        previous = document.gold_status
        if status is None:
            set_status(self.store, document.id, GOLD, None)
        else:
            adjudication.set_gold_status(self.store, document.id, status)
        self._changed()
        return previous

    def candidate_id(self, subject: Subject) -> int | None:
        return self._ids.get(subject)
