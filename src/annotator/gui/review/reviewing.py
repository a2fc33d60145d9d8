"""What the review keys do: accept, reject, relabel, correct boundaries, accept all from one
annotator, mark the gold set done, undo and redo, and move between candidates and documents.

On a relation candidate, A and R accept and reject it (accepting puts its spans into gold too
when gold lacks them) and a relation label's key relabels it; C, whose boundaries a relation
has none of, is then the key of the relation label whose key is "c" (``count`` by default).

Each change is an undo command that commits before it is shown. The reason typed in the
panel's reason field goes with the next decision and is then cleared. After accepting or
rejecting, the next undecided candidate is current, in the next document that has one when
this one has none left; after undo or redo, the candidate that was changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.adjudication import RelationKey
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.gui.commands import quote
from annotator.gui.review.order import next_undecided
from annotator.gui.review.review_commands import (
    AcceptAllFrom,
    Decide,
    DecideRelation,
    ReviewCommand,
    SetGoldStatus,
    SetReason,
)
from annotator.gui.review.rows import CandidateRow, RelationRow, Row, Subject
from annotator.gui.review.session import ReviewSession
from annotator.gui.undo import StableKeys, commit_and_push, redo_step, undo_step

if TYPE_CHECKING:
    from annotator.gui.review.review_panel import ReviewPanel


class Adjudicator(QObject):
    """Turns review keys and clicks into undo commands on the open document."""

    message = Signal(str)  # a short sentence for the status bar

    def __init__(self, session: ReviewSession, panel: ReviewPanel, stack: QUndoStack) -> None:
        super().__init__()
        self.session = session
        self.panel = panel
        self.stack = stack
        self.keys = StableKeys()

    def run(self, command: ReviewCommand) -> bool:
        """Commit the change, then put it on the undo stack; False (and a message) if the
        store refused it."""
        return commit_and_push(command, self.stack, self.message.emit)

    def _reason(self) -> str:
        return self.panel.reason.text().strip()

    def _decided(self) -> None:
        """The reason went with the decision just saved."""
        self.panel.reason.clear()

    def _selected(self, what: str) -> Row | None:
        row = self.panel.selected_row()
        if row is None:
            self.message.emit(f"Select a candidate first (J/K or a click), then {what}.")
        return row

    def _words(self, span: Span) -> str:
        document = self.session.document
        return quote(document.text[span.start : span.end]) if document else ""

    def _relation_words(self, relation: RelationKey) -> str:
        source, target = self._words(relation.source), self._words(relation.target)
        return f"{relation.label} {source} → {target}"

    # -- decisions -------------------------------------------------------------------------

    def accept(self) -> None:
        row = self._selected("press A to accept it")
        if isinstance(row, RelationRow):
            self._decide_on_relation(row, "accept", row.relation, None, "Accept")
        elif row is not None:
            self._decide_on(row, "accept", f"Accept {row.span.label} {self._words(row.span)}")

    def reject(self) -> None:
        row = self._selected("press R to reject it")
        if isinstance(row, RelationRow):
            self._decide_on_relation(row, "reject", row.relation, None, "Reject")
        elif row is not None:
            self._decide_on(row, "reject", f"Reject {row.span.label} {self._words(row.span)}")

    def relabel_relation(self, label: str) -> None:
        """Give the selected relation candidate another relation label (its label's key)."""
        row = self._selected(f"press {label}'s key to relabel it")
        if row is None:
            return
        if not isinstance(row, RelationRow):
            self.message.emit("Relation keys relabel a relation: select one in the list first.")
            return
        old = row.relation
        if old.label == label:
            self.message.emit(f"That relation is {label} already.")
            return
        problem = self.session.relation_schema.problem(label, old.source.label, old.target.label)
        if problem is not None:
            self.message.emit(f"Cannot relabel: {problem}.")
            return
        new = RelationKey(old.source, old.target, label)
        self._decide_on_relation(row, "correct", new, old.label, f"Relabel {old.label} to")

    def _decide_on_relation(
        self,
        row: RelationRow,
        action: str,
        relation: RelationKey,
        original_label: str | None,
        verb: str,
    ) -> None:
        document = self.session.document
        if document is None:
            return
        command = DecideRelation(
            self.session,
            self.keys,
            document.id,
            action,
            relation,
            original_label=original_label,
            chosen_by=row.candidate.chosen_by,
            reason=self._reason(),
            text=f"{verb} {self._relation_words(relation)}",
        )
        if self.run(command):
            self._decided()
            if action == "correct":
                self.panel.make_current(relation)
            else:
                self._go_on_from(relation)

    def _decide_on(self, row: CandidateRow, action: str, text: str) -> None:
        document = self.session.document
        if document is None:
            return
        command = Decide(
            self.session,
            self.keys,
            document.id,
            action,
            row.span,
            chosen_by=row.candidate.chosen_by,
            reason=self._reason(),
            text=text,
        )
        if self.run(command):
            self._decided()
            self._go_on_from(row.span)

    def _go_on_from(self, decided: Subject) -> None:
        """Make the next undecided candidate current; with none left here, open the next
        document that has one (it opens on its first)."""
        document = self.session.document
        if document is None:
            return
        following = next_undecided(document.rows, decided)
        if following is not None:
            self.panel.select_candidate(following.id)
            return
        done = document.gold_status is SetStatus.DONE
        # Short enough for the status bar of a 1024-pixel window.
        why = f"{document.external_id}: all decided" + ("" if done else " (N marks its gold done)")
        self.next_to_decide(why)

    def apply_label(self, label: str) -> None:
        """With a candidate selected: correct its label (and its boundaries too, when a range
        is selected in the article). With only a range selected: put a new span into gold."""
        document = self.session.document
        if document is None or label not in self.session.schema:
            return
        row = self.panel.selected_row()
        if isinstance(row, RelationRow):
            keys = ", ".join(f"{r.hotkey} {r.name}" for r in self.session.relation_schema)
            self.message.emit(f"A relation is selected: relabel it with {keys}.")
            return
        selected = self.panel.view.selected_range()
        if selected is not None:
            span = Span(selected[0], selected[1], label)
        elif row is not None:
            span = Span(row.span.start, row.span.end, label)
        else:
            self.message.emit(
                "Select a candidate, or words in the article, then press a label key."
            )
            return
        if row is None:
            text = f"Add {label} {self._words(span)} to gold"
            self._correct(span, None, (), text)
        elif span != row.span:
            text = f"Correct {row.span.label} {self._words(row.span)} to {label}"
            self._correct(span, row.span, row.candidate.chosen_by, text)

    def correct_boundaries(self) -> None:
        """Give the selected candidate the range selected in the article (drag, then C)."""
        row = self._selected("drag over the right words and press C")
        if isinstance(row, RelationRow):
            keyed = self.session.relation_schema.for_key("c")
            if keyed is not None:
                self.relabel_relation(keyed.name)
            else:
                self.message.emit("A relation has no boundaries to correct.")
            return
        selected = self.panel.view.selected_range()
        if row is None:
            return
        if selected is None:
            self.message.emit("Drag over the right words in the article first, then press C.")
            return
        span = Span(selected[0], selected[1], row.span.label)
        if span == row.span:
            self.message.emit("The selection has the candidate's own boundaries.")
            return
        text = f"Correct {self._words(row.span)} to {self._words(span)}"
        self._correct(span, row.span, row.candidate.chosen_by, text)

    def _correct(
        self, span: Span, original: Span | None, chosen_by: tuple[str, ...], text: str
    ) -> None:
        document = self.session.document
        if document is None:
            return
        action = "correct" if original is not None else "accept"
        command = Decide(
            self.session,
            self.keys,
            document.id,
            action,
            span,
            original=original,
            chosen_by=chosen_by,
            reason=self._reason(),
            text=text,
        )
        if self.run(command):
            self._decided()
            self.panel.view.clear_range()
            self.panel.select_candidate(self.session.candidate_id(span))

    def accept_all_from(self, number: int) -> None:
        """Take annotator ``number`` (1-based, in name order)'s version as the gold set."""
        document = self.session.document
        if document is None:
            return
        names = list(document.annotators)
        if not 1 <= number <= len(names):
            self.message.emit(f"There is no annotator {number} on this document.")
            return
        command = AcceptAllFrom(self.session, self.keys, document.id, names[number - 1])
        command.reason = self._reason()
        if self.run(command):
            self._decided()
            self.message.emit(f"Gold is now {names[number - 1]}'s version of this document.")

    def set_reason(self, decision_id: int, reason: str) -> None:
        document = self.session.document
        if document is not None:
            self.run(SetReason(self.session, self.keys, document.id, decision_id, reason))

    # -- undo and redo ---------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the last change (opening its document), and make current what it was on."""
        command = self.stack.command(self.stack.index() - 1)
        undo_step(self.stack, self.message.emit)
        self._show_undone(command, undone=True)

    def redo(self) -> None:
        command = self.stack.command(self.stack.index())
        redo_step(self.stack, self.message.emit)
        self._show_undone(command, undone=False)

    def _show_undone(self, command: object, undone: bool) -> None:
        if isinstance(command, ReviewCommand) and command.failure is None:
            self.panel.make_current(command.subject(undone))

    # -- documents -------------------------------------------------------------------------

    def next_to_decide(self, why: str = "") -> None:
        """Open the next document in the queue with an undecided candidate (Ctrl+J); ``why``
        starts the message (A or R finished the open one)."""
        if self.panel.loading:
            self.panel.when_queue_ready(lambda: self.next_to_decide(why), "the document changes")
            return
        # One query over the corpus, in a thread: tenths of a second on a team's corpus.
        self.message.emit("Finding the next document to decide…")
        self.panel.find_next_to_decide(lambda following: self._open_to_decide(following, why))

    def _open_to_decide(self, following: int | None, why: str) -> None:
        if following is None:
            self.message.emit(
                f"{why}; nothing left to decide."
                if why
                else "No other document has a candidate to decide."
            )
            return
        self.panel.open_document(following)
        document = self.session.document
        if document is None:
            return
        left = sum(row.undecided for row in document.rows)
        now = f"Now {document.external_id}: {left} to decide."
        self.message.emit(f"{why}. {now}" if why else now)

    def gold_done_and_next(self) -> None:
        document = self.session.document
        if document is None:
            return
        if document.gold_status is not SetStatus.DONE and not self.run(
            SetGoldStatus(self.session, document.id, SetStatus.DONE)
        ):
            return
        left = sum(row.to_decide for row in document.rows)
        note = f" ({left} disputed span(s) were left undecided)" if left else ""
        done = f"Gold of {document.external_id} marked done{note}."
        # The next document is the queue's: while it is being found, it opens when it comes.
        self.panel.when_queue_ready(lambda: self._open_next(done), "the next document opens")

    def _open_next(self, done: str) -> None:
        following = self.panel.next_in_queue(unfinished=True)
        if following is None:
            self.message.emit("Every document in the review queue has its gold set done.")
            return
        self.message.emit(done)
        self.panel.open_document(following)
