"""Undoable review actions: QUndoCommands whose redo() and undo() each commit to the store.

Undoing a decision removes it from the log and reverses what it did to the gold set
(:func:`~annotator.store.adjudication.undo_decisions`); redoing decides again, which logs a
new decision with a new id. Commands therefore name decisions by *keys* from
:class:`~annotator.gui.undo.StableKeys`, never reused, that map to the decision's current id;
a reason edited on a decision that was undone and redone lands on the new one.

The review mode has its own undo stack. Undoing a change made on another document first opens
that document, so you see what is undone; the candidate it was on is then made current
(:meth:`ReviewCommand.subject`).
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.adjudication import RelationKey
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.gui.review.rows import Subject
from annotator.gui.review.session import ReviewSession
from annotator.gui.undo import DatabaseCommand, StableKeys


class ReviewCommand(DatabaseCommand):
    """A change to one document's gold set, made through the review session."""

    refused = (ValueError, KeyError)

    def __init__(self, session: ReviewSession, document_id: int, text: str) -> None:
        super().__init__(session, document_id, text)
        self.session = session

    def subject(self, undone: bool) -> Subject | None:
        """The candidate (span or relation) to make current once this change is undone (or
        redone); None keeps the current one."""
        return None


class LoggedDecisions(ReviewCommand):
    """A change that logs decisions: undoing it undoes them all (by stable keys, since redoing
    logs them again under new ids)."""

    def __init__(
        self, session: ReviewSession, keys: StableKeys, document_id: int, text: str
    ) -> None:
        super().__init__(session, document_id, text)
        self.keys = keys
        self.decision_keys: list[int] = []

    def logged(self, decision_ids: list[int]) -> None:
        """Keep the ids the change just logged."""
        self.keys.bind_all(self.decision_keys, decision_ids)

    def revert(self) -> None:
        self.session.undo([self.keys.id_of(key) for key in self.decision_keys])


class Decide(LoggedDecisions):
    """Accept, reject or correct one span (see :func:`annotator.store.adjudication.decide`)."""

    def __init__(
        self,
        session: ReviewSession,
        keys: StableKeys,
        document_id: int,
        action: str,
        span: Span,
        *,
        original: Span | None = None,
        chosen_by: Sequence[str] = (),
        reason: str = "",
        text: str,
    ) -> None:
        super().__init__(session, keys, document_id, text)
        self.action = action
        self.span = span
        self.original = original
        self.chosen_by = tuple(chosen_by)
        self.reason = reason

    def apply(self) -> None:
        self.logged(
            self.session.decide(self.action, self.span, self.original, self.chosen_by, self.reason)
        )

    def subject(self, undone: bool) -> Subject | None:
        # Undone, a correction's original is back (a span added to gold is gone, and then
        # the current candidate stays).
        return (self.original or self.span) if undone else self.span


class DecideRelation(LoggedDecisions):
    """Accept, reject or relabel one relation (see
    :func:`annotator.store.relation_adjudication.decide_relation`); accepting it accepts
    its spans that gold lacks too, and undoing takes them all out again."""

    def __init__(
        self,
        session: ReviewSession,
        keys: StableKeys,
        document_id: int,
        action: str,
        relation: RelationKey,
        *,
        original_label: str | None = None,
        chosen_by: Sequence[str] = (),
        reason: str = "",
        text: str,
    ) -> None:
        super().__init__(session, keys, document_id, text)
        self.action = action
        self.relation = relation
        self.original_label = original_label
        self.chosen_by = tuple(chosen_by)
        self.reason = reason

    def apply(self) -> None:
        self.logged(
            self.session.decide_relation(
                self.action, self.relation, self.original_label, self.chosen_by, self.reason
            )
        )

    def subject(self, undone: bool) -> Subject | None:
        if undone and self.original_label is not None:
            relation = self.relation
            return RelationKey(relation.source, relation.target, self.original_label)
        return self.relation


class AcceptAllFrom(LoggedDecisions):
    """Make gold equal one annotator's version of the document."""

    def __init__(
        self,
        session: ReviewSession,
        keys: StableKeys,
        document_id: int,
        annotator: str,
        reason: str = "",
    ) -> None:
        super().__init__(session, keys, document_id, f"Accept all from {annotator}")
        self.annotator = annotator
        self.reason = reason

    def apply(self) -> None:
        self.logged(self.session.accept_all_from(self.annotator, self.reason))


class SetReason(ReviewCommand):
    """Note (or change) the reason kept with a decision."""

    def __init__(
        self,
        session: ReviewSession,
        keys: StableKeys,
        document_id: int,
        decision: int,
        reason: str,
    ) -> None:
        super().__init__(session, document_id, "Edit the reason")
        self.keys = keys
        self.key = keys.key_of(decision)
        document = session.ensure_open(document_id)
        decided = next((d for d in document.decisions if d.id == decision), None)
        self.before = "" if decided is None else decided.reason
        self.subject_decided: Subject | None = None
        if decided is not None:
            self.subject_decided = decided.relation or decided.span
        self.after = reason

    def apply(self) -> None:
        self.session.set_reason(self.keys.id_of(self.key), self.after)

    def revert(self) -> None:
        self.session.set_reason(self.keys.id_of(self.key), self.before)

    def subject(self, undone: bool) -> Subject | None:
        return self.subject_decided


class SetGoldStatus(ReviewCommand):
    def __init__(self, session: ReviewSession, document_id: int, status: SetStatus) -> None:
        word = "done" if status is SetStatus.DONE else "in progress"
        super().__init__(session, document_id, f"Mark gold {word}")
        self.status = status
        self.previous: SetStatus | None = None

    def apply(self) -> None:
        self.previous = self.session.set_gold_status(self.status)

    def revert(self) -> None:
        self.session.set_gold_status(self.previous)
