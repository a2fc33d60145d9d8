"""The review queue, computed off the GUI thread.

On a team's corpus (10,000 documents by three annotators, ~560,000 finished spans) counting the
disputes takes a few tenths of a second even in SQL, and far longer on a busy machine or a
remote PostgreSQL: the window must keep painting and answering keys meanwhile. A thread reads
the queue through the store in its own session (the store gives every call its own
transaction, so the GUI thread may read and write at the same time); the result comes back to
the GUI thread as a signal.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.status import SetStatus
from annotator.store.adjudication import ReviewItem, review_queue
from annotator.store.store import Store

# Threads still running, kept referenced until they end: a QThread whose Python object is
# collected while it runs aborts the process (its panel may be gone by then).
_RUNNING: set[QThread] = set()


class _QueueThread(QThread):
    done = Signal(object)  # list[ReviewItem]
    failed = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def run(self) -> None:
        try:
            items = review_queue(self.store)
        except Exception as error:  # reported by the panel: a worker thread has no other voice
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.done.emit(items)


class QueueLoader(QObject):
    """Loads the review queue in a thread, one load at a time; ``loaded`` carries the items.

    A load asked for while one runs is done after it (what it reads may predate a change).
    Gold statuses changed while a load runs are applied to its result, since its snapshot may
    have been taken before them."""

    loaded = Signal(object)  # list[ReviewItem]
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._thread: _QueueThread | None = None
        self._again = False
        self._changed: dict[int, SetStatus | None] = {}

    @property
    def loading(self) -> bool:
        return self._thread is not None

    def load(self) -> None:
        if self._thread is not None:
            self._again = True
            return
        self._again = False
        self._changed = {}
        thread = _QueueThread(self.store)
        thread.done.connect(self._done)
        thread.failed.connect(self._failed)
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        _RUNNING.add(thread)
        self._thread = thread
        thread.start()

    def note_gold_status(self, document_id: int, status: SetStatus | None) -> None:
        if self._thread is not None:
            self._changed[document_id] = status

    def wait(self) -> None:
        """Block until a running load ends (closing the window: the store closes next)."""
        if self._thread is not None:
            self._thread.wait()

    def _done(self, items: list[ReviewItem]) -> None:
        self._thread = None
        if self._again:
            self.load()
            return
        changed, self._changed = self._changed, {}
        self.loaded.emit(
            [
                replace(item, gold_status=changed[item.id]) if item.id in changed else item
                for item in items
            ]
        )

    def _failed(self, message: str) -> None:
        self._thread = None
        self.failed.emit(message)
