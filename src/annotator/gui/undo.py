"""The base of the undoable actions of both modes: a QUndoCommand that commits to the store.

Labelling (:mod:`annotator.gui.commands`) and review (:mod:`annotator.gui.review.review_commands`)
each subclass :class:`DatabaseCommand`; they differ only in what opens the document before a
change (a workspace or a review session) and in which exceptions mean "refused".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from annotator.store.file_watch import CommitLost, FileGone, again_if_lost
from annotator.store.store import DatabaseBusy


class StableKeys:
    """Stable keys for rows (spans, decisions) whose id changes when undo or redo re-creates
    them: a key is never reused and maps to the row's current id."""

    def __init__(self) -> None:
        self._next = 1
        self._id: dict[int, int] = {}  # key -> current row id
        self._key: dict[int, int] = {}  # row id -> key

    def new(self, row_id: int) -> int:
        """A fresh key for a row just created (a row id may be reused by the database)."""
        key = self._next
        self._next += 1
        self.rebind(key, row_id)
        return key

    def key_of(self, row_id: int) -> int:
        """The key of an existing row (one made elsewhere gets one the first time it is seen)."""
        found = self._key.get(row_id)
        return found if found is not None else self.new(row_id)

    def id_of(self, key: int) -> int:
        return self._id[key]

    def rebind(self, key: int, row_id: int) -> None:
        old = self._id.get(key)
        if old is not None and self._key.get(old) == key:
            del self._key[old]
        self._id[key] = row_id
        self._key[row_id] = key

    def bind_all(self, keys: list[int], row_ids: Sequence[int]) -> None:
        """Give ``keys`` (fresh ones the first time) to ``row_ids``, in order."""
        if not keys:
            keys.extend(self.new(ident) for ident in row_ids)
            return
        if len(keys) != len(row_ids):
            raise ValueError("the database changed: redoing gave another number of rows")
        for key, ident in zip(keys, row_ids, strict=True):
            self.rebind(key, ident)


class Opens(Protocol):
    """What a command changes through: it can show a document before the change."""

    def ensure_open(self, document_id: int) -> object: ...


class DatabaseCommand(QUndoCommand):
    """A change to one document (or, ``document_id`` None, to no document in particular: the
    label schema). The first execution happens before the push (:meth:`first_run`), so a
    refused change never reaches the stack.

    Subclasses name the exceptions that mean the change was refused, with a message for the
    user, in ``refused``; any database error is reported as refused too.
    """

    refused: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(self, opener: Opens, document_id: int | None, text: str) -> None:
        super().__init__(text)
        self._opener = opener
        self.document_id = document_id
        # QUndoStack.push calls redo(), and first_run() has already done it: skip that call.
        self._skip_next = True
        self.failure: str | None = None
        self.busy = False  # the last attempt found another program writing; nothing changed

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def first_run(self) -> bool:
        return self._attempt(self.apply)

    def skip_next(self) -> None:
        """Let the stack move over this command once without touching the database (the
        database did not change when the stack last moved: it was busy)."""
        self._skip_next = True

    def redo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        if not self._attempt(self.apply) and not self.busy:
            self.setObsolete(True)

    def undo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        if not self._attempt(self.revert) and not self.busy:
            # The database no longer matches (another process changed it): drop the command.
            self.setObsolete(True)

    def _attempt(self, action: Callable[[], None]) -> bool:
        self.busy = False
        try:
            if self.document_id is not None:
                self._opener.ensure_open(self.document_id)
            again_if_lost(action)
        except DatabaseBusy as error:
            self.busy = True
            self.failure = str(error)
        except (FileGone, CommitLost) as error:
            self.failure = str(error)
        except self.refused as error:
            self.failure = str(error)
        except SQLAlchemyError as error:
            reason = getattr(error, "orig", None) or error
            self.failure = f"the database refused the change: {str(reason).splitlines()[0]}"
        else:
            self.failure = None
            return True
        return False


def follow_the_stack(undo: QAction, redo: QAction, stack: QUndoStack) -> None:
    """Enable and name ``undo`` and ``redo`` as QUndoStack's own actions would be. (Not its
    own actions: those call ``stack.undo()`` directly, where :func:`undo_step` is wanted.)"""

    def follow(action: QAction, verb: str, can: SignalInstance, text: SignalInstance) -> None:
        can.connect(action.setEnabled)
        text.connect(lambda what: action.setText(f"{verb} {what}" if what else verb))

    follow(undo, "&Undo", stack.canUndoChanged, stack.undoTextChanged)
    follow(redo, "&Redo", stack.canRedoChanged, stack.redoTextChanged)
    undo.setEnabled(stack.canUndo())
    redo.setEnabled(stack.canRedo())


def commit_and_push(
    command: DatabaseCommand, stack: QUndoStack, report: Callable[[str], None]
) -> bool:
    """Commit the change, then put it on the undo stack; False (and ``report`` told why) if
    the store refused it."""
    if not command.first_run():
        report(f"Not saved: {command.failure}")
        return False
    stack.push(command)
    return True


def undo_step(stack: QUndoStack, report: Callable[[str], None]) -> None:
    """Undo the last change; if the database is busy, nothing changes (the stack stays where
    it was) and ``report`` says so."""
    command = stack.command(stack.index() - 1)
    stack.undo()
    if isinstance(command, DatabaseCommand) and command.busy:
        command.skip_next()
        stack.redo()
        report(f"Not undone: {command.failure}; try again in a moment")
    elif isinstance(command, DatabaseCommand) and command.failure is not None:
        report(f"Not undone: {command.failure}")  # and dropped from the stack (obsolete)


def redo_step(stack: QUndoStack, report: Callable[[str], None]) -> None:
    """Redo the next change, or say that the database is busy (and change nothing)."""
    command = stack.command(stack.index())
    stack.redo()
    if isinstance(command, DatabaseCommand) and command.busy:
        command.skip_next()
        stack.undo()
        report(f"Not redone: {command.failure}; try again in a moment")
    elif isinstance(command, DatabaseCommand) and command.failure is not None:
        report(f"Not redone: {command.failure}")  # and dropped from the stack (obsolete)
