"""Undoable review actions: QUndoCommands whose redo() and undo() each commit to the store.

Undoing a decision removes it from the log and reverses what it did to the gold set
(:func:`~annotator.store.adjudication.undo_decisions`); redoing decides again, which logs a
new decision with a new id. Commands therefore name decisions by *keys* from
:class:`DecisionKeys`, never reused, that map to the decision's current id; a reason edited on
a decision that was undone and redone lands on the new one.

The review mode has its own undo stack. Undoing a change made on another document first opens
that document, so you see what is undone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import SQLAlchemyError

from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.gui.review.session import ReviewSession


class DecisionKeys:
    """Stable keys for decisions, whose ids change when undo and redo re-decide them."""

    def __init__(self) -> None:
        self._next = 1
        self._id: dict[int, int] = {}  # key -> current decision id
        self._key: dict[int, int] = {}  # decision id -> key

    def new(self, decision_id: int) -> int:
        key = self._next
        self._next += 1
        self.rebind(key, decision_id)
        return key

    def key_of(self, decision_id: int) -> int:
        """The key of an existing decision (one made elsewhere gets one the first time)."""
        found = self._key.get(decision_id)
        return found if found is not None else self.new(decision_id)

    def id_of(self, key: int) -> int:
        return self._id[key]

    def rebind(self, key: int, decision_id: int) -> None:
        old = self._id.get(key)
        if old is not None and self._key.get(old) == key:
            del self._key[old]
        self._id[key] = decision_id
        self._key[decision_id] = key

    def bind_all(self, keys: list[int], decision_ids: Sequence[int]) -> None:
        """Give ``keys`` (fresh ones the first time) to ``decision_ids``, in order."""
        if not keys:
            keys.extend(self.new(ident) for ident in decision_ids)
            return
        if len(keys) != len(decision_ids):
            raise ValueError("the database changed: redoing gave another number of decisions")
        for key, ident in zip(keys, decision_ids, strict=True):
            self.rebind(key, ident)


class ReviewCommand(QUndoCommand):
    """A change to one document's gold set. The first execution happens before the push
    (:meth:`first_run`), so a refused change never reaches the stack."""

    def __init__(self, session: ReviewSession, document_id: int, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.document_id = document_id
        self._pushed = False
        self.failure: str | None = None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def first_run(self) -> bool:
        return self._attempt(self.apply)

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(); first_run() already did it.
            self._pushed = True
            return
        if not self._attempt(self.apply):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._attempt(self.revert):
            # The database no longer matches (another reviewer changed it): drop the command.
            self.setObsolete(True)

    def _attempt(self, action: Callable[[], None]) -> bool:
        try:
            self.session.ensure_open(self.document_id)
            action()
        except (ValueError, KeyError) as error:
            self.failure = str(error)
        except SQLAlchemyError as error:
            reason = getattr(error, "orig", None) or error
            self.failure = f"the database refused the change: {str(reason).splitlines()[0]}"
        else:
            self.failure = None
            return True
        return False


class Decide(ReviewCommand):
    """Accept, reject or correct one span (see :func:`annotator.store.adjudication.decide`)."""

    def __init__(
        self,
        session: ReviewSession,
        keys: DecisionKeys,
        document_id: int,
        action: str,
        span: Span,
        *,
        original: Span | None = None,
        chosen_by: Sequence[str] = (),
        reason: str = "",
        text: str,
    ) -> None:
        super().__init__(session, document_id, text)
        self.keys = keys
        self.action = action
        self.span = span
        self.original = original
        self.chosen_by = tuple(chosen_by)
        self.reason = reason
        self.decision_keys: list[int] = []

    def apply(self) -> None:
        decision = self.session.decide(
            self.action, self.span, self.original, self.chosen_by, self.reason
        )
        self.keys.bind_all(self.decision_keys, [decision])

    def revert(self) -> None:
        self.session.undo([self.keys.id_of(key) for key in self.decision_keys])


class AcceptAllFrom(ReviewCommand):
    """Make gold equal one annotator's version of the document."""

    def __init__(
        self,
        session: ReviewSession,
        keys: DecisionKeys,
        document_id: int,
        annotator: str,
        reason: str = "",
    ) -> None:
        super().__init__(session, document_id, f"Accept all from {annotator}")
        self.keys = keys
        self.annotator = annotator
        self.reason = reason
        self.decision_keys: list[int] = []

    def apply(self) -> None:
        decisions = self.session.accept_all_from(self.annotator, self.reason)
        self.keys.bind_all(self.decision_keys, decisions)

    def revert(self) -> None:
        self.session.undo([self.keys.id_of(key) for key in self.decision_keys])


class SetReason(ReviewCommand):
    """Note (or change) the reason kept with a decision."""

    def __init__(
        self,
        session: ReviewSession,
        keys: DecisionKeys,
        document_id: int,
        decision: int,
        reason: str,
    ) -> None:
        super().__init__(session, document_id, "Edit the reason")
        self.keys = keys
        self.key = keys.key_of(decision)
        document = session.ensure_open(document_id)
        self.before = next((d.reason for d in document.decisions if d.id == decision), "")
        self.after = reason

    def apply(self) -> None:
        self.session.set_reason(self.keys.id_of(self.key), self.after)

    def revert(self) -> None:
        self.session.set_reason(self.keys.id_of(self.key), self.before)


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
