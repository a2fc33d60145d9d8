"""Undoable user actions: QUndoCommands whose redo() and undo() each commit to the store.

There is one undo stack for the whole window, across documents: undoing or redoing a change
made on another document first opens that document, so you see what is undone.

Span identity across undo and redo: deleting a span and undoing that re-creates it as a new
row with a new id. Commands therefore name spans by *keys* from :class:`SpanKeys`, never
reused, which map to the span's current row id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import SQLAlchemyError

from annotator.core.status import SetStatus
from annotator.gui.workspace import Workspace
from annotator.store.annotations import SpanRejected, StoredSpan

Triple = tuple[int, int, str]


class SpanKeys:
    """Stable keys for spans whose row id changes when undo or redo re-creates them."""

    def __init__(self) -> None:
        self._next = 1
        self._row: dict[int, int] = {}  # key -> current row id
        self._key: dict[int, int] = {}  # row id -> key

    def new(self, row_id: int) -> int:
        """A fresh key for a span just created (a row id may be reused by the database)."""
        key = self._next
        self._next += 1
        self.rebind(key, row_id)
        return key

    def key_of(self, row_id: int) -> int:
        """The key of an existing span, given one the first time it is seen."""
        found = self._key.get(row_id)
        return found if found is not None else self.new(row_id)

    def row_of(self, key: int) -> int:
        return self._row[key]

    def rebind(self, key: int, row_id: int) -> None:
        old = self._row.get(key)
        if old is not None and self._key.get(old) == key:
            del self._key[old]
        self._row[key] = row_id
        self._key[row_id] = key


def quote(text: str, limit: int = 30) -> str:
    """A span's text for a menu entry or message: one line, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


class StoreCommand(QUndoCommand):
    """A change to one document. The first execution happens before the push
    (:meth:`first_run`), so a refused change never reaches the stack."""

    def __init__(self, workspace: Workspace, document_id: int, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace
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
            # The database no longer matches (another process changed it): drop the command.
            self.setObsolete(True)

    def _attempt(self, action: Callable[[], None]) -> bool:
        try:
            self.workspace.ensure_open(self.document_id)
            action()
        except SpanRejected as error:
            self.failure = str(error)
        except SQLAlchemyError as error:
            reason = getattr(error, "orig", None) or error
            self.failure = f"the database refused the change: {str(reason).splitlines()[0]}"
        else:
            self.failure = None
            return True
        return False


class AddSpans(StoreCommand):
    def __init__(
        self,
        workspace: Workspace,
        keys: SpanKeys,
        document_id: int,
        spans: Sequence[Triple],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.keys = keys
        self.spans = list(spans)
        self.span_keys: list[int] = []
        self.stored: list[StoredSpan] = []

    def apply(self) -> None:
        self.stored = self.workspace.add_spans(self.document_id, self.spans)
        if not self.span_keys:
            self.span_keys = [self.keys.new(span.id) for span in self.stored]
        else:
            for key, span in zip(self.span_keys, self.stored, strict=True):
                self.keys.rebind(key, span.id)

    def revert(self) -> None:
        self.workspace.delete_spans(self.document_id, [self.keys.row_of(k) for k in self.span_keys])


class DeleteSpans(StoreCommand):
    def __init__(
        self,
        workspace: Workspace,
        keys: SpanKeys,
        document_id: int,
        spans: Sequence[StoredSpan],
        text: str,
    ) -> None:
        super().__init__(workspace, document_id, text)
        self.keys = keys
        self.span_keys = [keys.key_of(span.id) for span in spans]
        self.triples = [(span.start, span.end, span.label) for span in spans]

    def apply(self) -> None:
        self.workspace.delete_spans(self.document_id, [self.keys.row_of(k) for k in self.span_keys])

    def revert(self) -> None:
        stored = self.workspace.add_spans(self.document_id, self.triples)
        for key, span in zip(self.span_keys, stored, strict=True):
            self.keys.rebind(key, span.id)


class RelabelSpan(StoreCommand):
    def __init__(
        self, workspace: Workspace, keys: SpanKeys, document_id: int, span: StoredSpan, label: str
    ) -> None:
        super().__init__(workspace, document_id, f"Relabel as {label}")
        self.keys = keys
        self.key = keys.key_of(span.id)
        self.before = span.label
        self.after = label

    def apply(self) -> None:
        self.workspace.relabel_span(self.document_id, self.keys.row_of(self.key), self.after)

    def revert(self) -> None:
        self.workspace.relabel_span(self.document_id, self.keys.row_of(self.key), self.before)


class SetDocumentStatus(StoreCommand):
    def __init__(self, workspace: Workspace, document_id: int, status: SetStatus) -> None:
        word = "done" if status is SetStatus.DONE else "in progress"
        super().__init__(workspace, document_id, f"Mark document {word}")
        self.status = status
        self.previous: SetStatus | None = None

    def apply(self) -> None:
        self.previous = self.workspace.set_status(self.document_id, self.status)

    def revert(self) -> None:
        self.workspace.set_status(self.document_id, self.previous)
