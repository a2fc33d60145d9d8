"""What the annotation actions do: label, relabel, delete, label all occurrences, mark done,
move between documents. Each change is an undo command that commits before it is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.occurrences import unlabelled_occurrences
from annotator.core.paragraphs import crosses_paragraph_break
from annotator.core.status import SetStatus
from annotator.core.tokens import Tokens
from annotator.gui.commands import (
    AddSpans,
    ChangeSchema,
    CommentSpan,
    DeleteSpans,
    RelabelSpan,
    SetDocumentNote,
    SetDocumentStatus,
    Triple,
    pending_marks,
    quote,
)
from annotator.gui.pending import PendingChanges
from annotator.gui.relations.commands import DeleteRelations
from annotator.gui.relations.picking import RelationPicker
from annotator.gui.undo import (
    DatabaseCommand,
    StableKeys,
    commit_and_push,
    redo_step,
    undo_step,
)
from annotator.gui.workspace import OpenDocument, Workspace
from annotator.store.labels import SchemaEdits
from annotator.store.notes import DocumentNote
from annotator.store.relations import StoredRelation, broken_by_relabel

if TYPE_CHECKING:
    from annotator.gui.article_view import ArticleView
    from annotator.gui.kept_label import KeptLabel
    from annotator.store.annotations import StoredSpan


class Editor(QObject):
    """Turns key presses and clicks into undo commands on the open document."""

    message = Signal(str)  # a short sentence for the status bar
    navigate = Signal(int)  # open this document (not an undoable change)

    def __init__(self, workspace: Workspace, view: ArticleView, stack: QUndoStack) -> None:
        super().__init__()
        self.workspace = workspace
        self.view = view
        self.stack = stack
        self.keys = StableKeys()
        self._tokens: Tokens | None = None
        self.pending = PendingChanges(stack)
        self.pending.message.connect(self.message)
        self.pending.changed.connect(self._show_pending)
        workspace.documentOpened.connect(self._forget_tokens)
        workspace.documentOpened.connect(self._show_pending)
        self._told_break = False  # the status bar says a selection crosses a paragraph break
        view.rangeSelected.connect(self._tell_paragraph_break)
        view.spanClicked.connect(self._tell_span_paragraph_break)
        self.relations = RelationPicker(self)  # R: draw a relation from the selected span
        self.kept: KeptLabel | None = None  # the window gives one (labelling allowed where)

    def run(self, command: DatabaseCommand, then: Callable[[], None] | None = None) -> bool:
        """Commit the change and put it on the undo stack, then run ``then``; or keep it
        waiting while another program writes (drawn as pending; ``then`` runs once it is
        saved); or say why the store refused it. True only when it was saved at once."""
        return self.pending.submit(command, then)

    def busy(self) -> bool:
        """True (and the person told why) while changes wait for the database: moving to
        another document, undo and redo wait for them."""
        if self.pending:
            self.message.emit(
                f"{len(self.pending)} change(s) are waiting for the database; "
                "this waits until they are saved"
            )
        return bool(self.pending)

    def undo(self) -> None:
        if not self.busy():
            undo_step(self.stack, self.message.emit)

    def redo(self) -> None:
        if not self.busy():
            redo_step(self.stack, self.message.emit)

    def _show_pending(self) -> None:
        document = self.workspace.document
        marks: list[Triple] = []
        for command in self.pending.commands():
            if document is not None and command.document_id == document.id:
                marks.extend(pending_marks(command))
        self.view.set_pending(marks)

    def _tell_paragraph_break(self, start: int, end: int) -> None:
        """Say so when a selection (an exact one: a snapped drag never does) crosses a paragraph
        break; take it back when the next selection does not."""
        document = self.workspace.document
        if document is None or start < 0:
            return
        if crosses_paragraph_break(document.text, start, end):
            self._told_break = True
            self.message.emit("The selection crosses a paragraph break (exact characters).")
        elif self._told_break:
            self._told_break = False
            self.message.emit("")

    def _tell_span_paragraph_break(self, span_id: int) -> None:
        document = self.workspace.document
        span = None if document is None else document.span(span_id)
        if document and span and crosses_paragraph_break(document.text, span.start, span.end):
            self._told_break = True
            self.message.emit(f"This {span.label} span crosses a paragraph break.")

    # -- labelling -------------------------------------------------------------------------

    def apply_label(self, label: str) -> None:
        """Label the selected text; with no text selected, relabel the selected span; with
        nothing selected, keep the label for the next drags (:mod:`annotator.gui.kept_label`)."""
        document = self.workspace.document
        if document is None or label not in self.workspace.schema:
            return
        selected = self.view.selected_range()
        if selected is not None:
            self.label_range(label, *selected)
            return
        span_id = self.view.selected_span()
        span = None if span_id is None else document.span(span_id)
        if span is None:
            if self.kept is not None:
                self.kept.toggle(label)
            else:
                self.message.emit("Select words in the article first, then press a label's key.")
            return
        if span.label != label:
            broken = broken_by_relabel(self.workspace.store, span.id, label)
            if broken and not self._relabel_anyway(span, label, broken):
                return
            relabel = RelabelSpan(self.workspace, self.keys, document.id, span, label, broken)
            self.run(relabel, lambda: self.view.select_span(span.id))

    def label_range(self, label: str, start: int, end: int, keep_selected: bool = True) -> None:
        """Label ``start:end`` of the open document; the new span is then selected (a label
        key relabels it) unless ``keep_selected`` is False."""
        document = self.workspace.document
        if document is None:
            return
        text = f"Label {quote(document.text[start:end])} as {label}"
        command = AddSpans(self.workspace, self.keys, document.id, [(start, end, label)], text)

        def saved() -> None:
            self.view.clear_range()
            self.view.select_span(command.stored[0].id if keep_selected else None)

        if not self.run(command, saved) and self.pending:
            self.view.clear_range()  # drawn as pending instead

    def _relabel_anyway(self, span: StoredSpan, label: str, broken: list[StoredRelation]) -> bool:
        """Ask before a relabel deletes the span's relations the new label does not allow."""
        from PySide6.QtWidgets import QMessageBox

        names = ", ".join(sorted({relation.label for relation in broken}))
        window = self.view.window()
        answer = QMessageBox.question(
            window,
            "Relabel the span?",
            f"As {label}, this {span.label} span cannot keep {len(broken)} relation(s) "
            f"({names}): relabelling deletes them (Ctrl+Z brings both back). Relabel?",
        )
        window.activateWindow()  # back to the article, where the keys act
        self.view.setFocus()
        return answer == QMessageBox.StandardButton.Yes

    def selected_span(self, hint: str) -> tuple[OpenDocument, StoredSpan] | None:
        """The open document and its selected span; None, with ``hint`` in the status bar,
        when no span is selected."""
        document = self.workspace.document
        span_id = self.view.selected_span()
        span = None if document is None or span_id is None else document.span(span_id)
        if document is None or span is None:
            self.message.emit(hint)
            return None
        return document, span

    def delete_selected(self) -> None:
        """Delete the selected relation, else the selected span (with its relations)."""
        document = self.workspace.document
        relation_id = self.view.selected_relation()
        relation = None if document is None else document.relation(relation_id or -1)
        if document is not None and relation is not None:
            text = f"Delete relation {relation.label}"
            gone = DeleteRelations(self.workspace, self.keys, document.id, [relation], text)
            self.run(gone, lambda: self.view.select_relation(None))
            return
        selected = self.selected_span("Click a span to select it, then press Delete.")
        if selected is None:
            return
        document, span = selected
        text = f"Delete {span.label} {quote(document.text[span.start : span.end])}"
        command = DeleteSpans(self.workspace, self.keys, document.id, [span], text)
        self.run(command, lambda: self.view.select_span(None))

    def label_all_occurrences(self) -> None:
        """Give every other whole-token occurrence of the selected span's text its label."""
        selected = self.selected_span(
            "Click a span first: its text is what gets labelled everywhere."
        )
        if selected is None:
            return
        document, span = selected
        if self._tokens is None:
            self._tokens = Tokens(document.text)
        existing = [(s.start, s.end, s.label) for s in document.spans]
        new = unlabelled_occurrences(self._tokens, span.start, span.end, span.label, existing)
        words = quote(document.text[span.start : span.end])
        if not new:
            self.message.emit(f"Every occurrence of {words} is already labelled {span.label}.")
            return
        text = f"Label {len(new)} more {words} as {span.label}"

        def labelled() -> None:
            self.message.emit(f"Labelled {len(new)} more occurrence(s) of {words}.")
            self.view.select_span(span.id)

        self.run(AddSpans(self.workspace, self.keys, document.id, new, text), labelled)

    # -- comments and flags ------------------------------------------------------------------

    def comment_selected(self) -> None:
        """Write, change or remove (an empty text) the selected span's comment, undoably."""
        selected = self.selected_span("Click a span first, then comment on it.")
        if selected is None:
            return
        document, span = selected
        words = quote(document.text[span.start : span.end])
        after = self._ask("Comment on a span", f"{span.label} {words}:", span.comment)
        if after == span.comment:
            return
        verb = "Remove the comment on" if after is None else "Comment on"
        command = CommentSpan(
            self.workspace, self.keys, document.id, span, after, f"{verb} {span.label} {words}"
        )
        self.run(command, lambda: self.view.select_span(span.id))

    def note_document(self) -> None:
        """Write, change or remove (an empty text) your note on the open document, undoably."""
        document = self.workspace.document
        if document is None:
            return
        note = document.note
        prompt = f"Your note on {document.external_id}:"
        after = self._ask("Note on the document", prompt, note.comment)
        if after != note.comment:
            text = "Remove the note on the document" if after is None else "Note on the document"
            self.run(
                SetDocumentNote(
                    self.workspace, document.id, DocumentNote(after, note.flagged), text
                )
            )

    def _ask(self, title: str, prompt: str, current: str | None) -> str | None:
        """The comment dialog's text (``current`` if cancelled); then back to the article,
        where the keys act."""
        from annotator.gui.comment_dialog import ask_comment

        window = self.view.window()
        after = ask_comment(window, title, prompt, current)
        window.activateWindow()
        self.view.setFocus()
        return after

    def toggle_flag(self) -> None:
        """Flag the open document, or take your flag off it, undoably."""
        document = self.workspace.document
        if document is None:
            return
        note = document.note
        flagged = not note.flagged
        text = "Flag the document" if flagged else "Unflag the document"
        said = "Flagged: the document list's Flagged filter finds it." if flagged else "Unflagged."
        command = SetDocumentNote(
            self.workspace, document.id, DocumentNote(note.comment, flagged), text
        )
        self.run(command, lambda: self.message.emit(said))

    # -- the label schema ------------------------------------------------------------------

    def change_schema(self, edits: SchemaEdits, report: Callable[[str], None]) -> bool:
        """Store the label dialog's edits as one undoable step (True); or tell ``report`` why
        not (the dialog shows it and stays open)."""
        if self.pending:
            report(f"Not saved: {len(self.pending)} change(s) still wait for the database")
            return False
        command = ChangeSchema(self.workspace, self.keys, edits)
        if not commit_and_push(command, self.stack, report):
            return False
        change = command.change
        if change is not None and (change.deleted_spans or change.removed_relations):
            deleted = ", ".join((*change.deleted_labels, *change.deleted_relation_labels))
            self.message.emit(
                f"Deleted {deleted}, {change.deleted_spans} span(s) and "
                f"{len(change.removed_relations)} relation(s), every annotator's; "
                "Ctrl+Z brings them back."
            )
        return True

    # -- documents -------------------------------------------------------------------------

    def mark_done_and_next(self) -> None:
        document = self.workspace.document
        if document is None:
            return
        if document.status is SetStatus.DONE:
            self._next_unfinished()
        else:
            done = SetDocumentStatus(self.workspace, document.id, SetStatus.DONE)
            self.run(done, self._next_unfinished)

    def mark_not_done(self) -> None:
        """Reopen the open document if it is marked done: it goes back to in progress and
        stays open (undoable, like marking it done)."""
        document = self.workspace.document
        if document is None:
            return
        if document.status is not SetStatus.DONE:
            self.message.emit("This document is not marked done.")
            return
        reopen = SetDocumentStatus(self.workspace, document.id, SetStatus.IN_PROGRESS)
        self.run(reopen, lambda: self.message.emit("Marked not done: back to in progress."))

    def _next_unfinished(self) -> None:
        following = self.workspace.next_unfinished()
        if following is None:
            done, total = self.workspace.progress()
            self.message.emit(f"All done: {done} of {total} documents are marked done.")
            return
        self.navigate.emit(following)

    def go(self, forward: bool) -> None:
        if self.busy():
            return
        following = self.workspace.neighbour(forward)
        if following is None:
            self.message.emit("This is the last document." if forward else "This is the first.")
            return
        self.navigate.emit(following)

    def _forget_tokens(self) -> None:
        self._tokens = None
