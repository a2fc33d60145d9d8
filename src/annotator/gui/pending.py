"""Changes that wait for the database: while another program holds the write lock (a long
import, say), the window does not freeze and does not refuse. The change is kept, in order,
drawn as pending, retried until it commits, and only then acknowledged (shown as saved and put
on the undo stack). If it cannot be committed, the person is told, and it and the changes queued
after it are dropped: nothing shown as saved is unsaved.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.gui.undo import DatabaseCommand

RETRY_MS = 100


@dataclass
class Waiting:
    command: DatabaseCommand
    then: Callable[[], None] | None  # what follows once it is saved (select, move on)


class PendingChanges(QObject):
    """The window's changes that the database has not taken yet, oldest first."""

    changed = Signal()  # the waiting list grew or shrank (views redraw their pending marks)
    message = Signal(str)  # a sentence for the status bar: saved, or not saved and why
    waiting_since = Signal(str)  # what the changes wait for (a notice across the window)
    settled = Signal()  # nothing waits any more

    def __init__(self, stack: QUndoStack) -> None:
        super().__init__()
        self.stack = stack
        self.waiting: deque[Waiting] = deque()
        self._since = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self._retry)

    def __len__(self) -> int:
        return len(self.waiting)

    def submit(self, command: DatabaseCommand, then: Callable[[], None] | None = None) -> bool:
        """Commit ``command`` and push it on the undo stack (True), or keep it waiting behind
        a busy database (False, drawn as pending), or refuse it (False, and why)."""
        if self.waiting:  # after the ones already waiting, never before them
            self._wait(command, then)
            return False
        if command.first_run():
            self.stack.push(command)
            if then is not None:
                then()
            return True
        if command.busy:
            self._since = time.monotonic()
            self._wait(command, then)
            return False
        self.message.emit(f"Not saved: {command.failure}")
        return False

    def commands(self) -> list[DatabaseCommand]:
        return [item.command for item in self.waiting]

    def _wait(self, command: DatabaseCommand, then: Callable[[], None] | None) -> None:
        self.waiting.append(Waiting(command, then))
        self._timer.start()
        self._say_waiting()
        self.changed.emit()

    def _say_waiting(self) -> None:
        head = self.waiting[0].command
        seconds = time.monotonic() - self._since
        count = len(self.waiting)
        changes = "1 change is" if count == 1 else f"{count} changes are"
        waited = f" ({seconds:.0f} s so far)" if seconds >= 1 else ""
        self.waiting_since.emit(
            f"Waiting for the database: {head.failure}{waited}. {changes} drawn as pending "
            "and saved as soon as it finishes; undo and other documents wait too."
        )

    def _retry(self) -> None:
        while self.waiting:
            item = self.waiting[0]
            if item.command.first_run():
                self.waiting.popleft()
                self.stack.push(item.command)
                self.changed.emit()
                if item.then is not None:
                    item.then()
                continue
            if item.command.busy:
                self._say_waiting()
                return
            dropped = len(self.waiting) - 1
            self.waiting.clear()
            self._timer.stop()
            self.changed.emit()
            self.settled.emit()
            later = f"; {dropped} later change(s) were not saved either" if dropped else ""
            self.message.emit(f"Not saved: {item.command.failure}{later}")
            return
        self._timer.stop()
        self.settled.emit()
        self.message.emit("Saved: every waiting change is in the database.")


def close_without_pending(parent: QWidget, count: int) -> bool:
    """Ask before closing while ``count`` changes still wait for the database (they would be
    lost: they were never shown as saved). True: close anyway."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changes not saved yet")
    box.setText(
        f"{count} change(s) are still waiting for the database, which "
        "another program is writing to. Close without them?"
    )
    wait = box.addButton("Wait for them", QMessageBox.ButtonRole.RejectRole)
    box.addButton("Close without them", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(wait)
    box.exec()
    return box.clickedButton() is not wait
